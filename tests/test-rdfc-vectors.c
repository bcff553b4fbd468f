/* test-rdfc-vectors.c: JSON-LD → RDF → RDFC-1.0 on the published Data
 * Integrity test vectors gives their canonical N-Quads byte for byte, and
 * their SHA-256 hashes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gnutls/crypto.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "credence-jsonld.h"
#include "credence-rdf.h"
#include "credence-rdfc.h"

static char *
corpus_path (const char *dir,
             const char *file)
{
  return g_test_build_filename (G_TEST_DIST, "data", "corpus", dir, file, NULL);
}

static char *
corpus_text (const char *dir,
             const char *file)
{
  g_autofree char *path = corpus_path (dir, file);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static JsonNode *
corpus_json (const char *dir,
             const char *file)
{
  g_autofree char *path = corpus_path (dir, file);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static char *
sha256_hex (const char *text)
{
  guchar digest[32];
  GString *hex = g_string_new (NULL);

  g_assert_cmpint (gnutls_hash_fast (GNUTLS_DIG_SHA256, text, strlen (text), digest), ==, 0);
  for (guint i = 0; i < sizeof digest; i++)
    g_string_append_printf (hex, "%02x", digest[i]);
  return g_string_free (hex, FALSE);
}

/* Canonicalizes @document and compares with the canonical file and, when
 * given, the hash. */
static void
check (JsonNode   *document,
       const char *dir,
       const char *canon_file,
       const char *expected_hash)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceRdfDataset) dataset = NULL;
  g_autofree char *expected = corpus_text (dir, canon_file);
  g_autofree char *canonical = NULL;

  g_test_message ("%s/%s", dir, canon_file);
  dataset = credence_jsonld_to_rdf (credence_jsonld_get_default (), document, NULL, &error);
  g_assert_no_error (error);
  canonical = credence_rdfc_canonicalize (dataset, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (canonical, ==, expected);

  if (expected_hash != NULL)
    {
      g_autofree char *hash = sha256_hex (canonical);

      g_assert_cmpstr (hash, ==, expected_hash);
    }
}

/* A signed credential without its proof, and its proof configuration
 * (the proof without proofValue, under the document's @context). */
static void
check_signed (const char *dir,
              const char *signed_file,
              const char *doc_canon,
              const char *doc_hash,
              const char *proof_canon,
              const char *proof_hash)
{
  g_autoptr(JsonNode) signed_doc = corpus_json (dir, signed_file);
  JsonObject *doc = json_node_get_object (signed_doc);
  g_autoptr(JsonNode) proof = json_object_dup_member (doc, "proof");
  JsonObject *config;

  /* A proof set of one proof. */
  if (JSON_NODE_HOLDS_ARRAY (proof))
    {
      JsonArray *set = json_node_get_array (proof);
      JsonNode *only;

      g_assert_cmpuint (json_array_get_length (set), ==, 1);
      only = json_array_dup_element (set, 0);
      json_node_unref (proof);
      proof = only;
    }
  config = json_node_get_object (proof);

  json_object_remove_member (doc, "proof");
  check (signed_doc, dir, doc_canon, doc_hash);

  json_object_remove_member (config, "proofValue");
  json_object_set_member (config, "@context", json_object_dup_member (doc, "@context"));
  check (proof, dir, proof_canon, proof_hash);
}

/* The W3C vectors name their files with a suffix per suite and keep each
 * hash in a file of its own. */
static void
check_w3c (const char *dir,
           const char *suffix)
{
  g_autofree char *signed_file = g_strdup_printf ("signed%s.json", suffix);
  g_autofree char *doc_canon = g_strdup_printf ("canonDoc%s.txt", suffix);
  g_autofree char *doc_hash_file = g_strdup_printf ("docHash%s.txt", suffix);
  g_autofree char *proof_canon = g_strdup_printf ("proofCanon%s.txt", suffix);
  g_autofree char *proof_hash_file = g_strdup_printf ("proofHash%s.txt", suffix);
  g_autofree char *doc_hash = corpus_text (dir, doc_hash_file);
  g_autofree char *proof_hash = corpus_text (dir, proof_hash_file);

  check_signed (dir, signed_file, doc_canon, g_strstrip (doc_hash),
                proof_canon, g_strstrip (proof_hash));
}

/* (The "employ" vector beside it uses https://w3id.org/citizenship/v4rc1,
 * a context nobody publishes any more, so it cannot be expanded.) */
static void
test_eddsa_rdfc_2022 (void)
{
  check_w3c ("w3c-vc-di-eddsa/TestVectors/eddsa-rdfc-2022", "DataInt");
}

static void
test_ed25519_signature_2020 (void)
{
  check_w3c ("w3c-vc-di-eddsa/TestVectors/Ed25519Signature2020", "EdSig");
}

/* The 1EdTech vectors keep their hashes in test-vector-values.json. */
static void
check_1edtech (const char *dir)
{
  g_autoptr(JsonNode) values_node = corpus_json (dir, "test-vector-values.json");
  JsonObject *values = json_node_get_object (values_node);

  check_signed (dir, "signed-credential.json", "document-canon.txt",
                json_object_get_string_member (values, "documentHashHex"),
                "proof-canon.txt", json_object_get_string_member (values, "proofHashHex"));
}

static void
test_open_badges_3 (void)
{
  check_1edtech ("1edtech-openbadges-specification/ob_v3p0-ldp-test-vector");
}

static void
test_clr_2 (void)
{
  check_1edtech ("1edtech-openbadges-specification/ob_v3p0-ldp-test-vector/clrv2p0");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rdfc/vectors/eddsa-rdfc-2022", test_eddsa_rdfc_2022);
  g_test_add_func ("/rdfc/vectors/ed25519-signature-2020", test_ed25519_signature_2020);
  g_test_add_func ("/rdfc/vectors/open-badges-3", test_open_badges_3);
  g_test_add_func ("/rdfc/vectors/clr-2", test_clr_2);

  return g_test_run ();
}
