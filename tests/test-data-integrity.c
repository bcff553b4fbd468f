/* test-data-integrity.c: embedded proofs against the W3C vectors, every
 * Data Integrity row of the corpus VERIFIED-SIGNATURES.tsv, and credentials
 * signed here with fresh keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "credence-data-integrity.h"
#include "credence-json.h"
#include "credence-limits.h"
#include "credence-multibase.h"
#include "credence-rdfc.h"
#include "credence-test-keys.h"

static CredenceJsonld *jsonld;

static char *
hex (GBytes *bytes)
{
  GString *out = g_string_new (NULL);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02x", data[i]);
  return g_string_free (out, FALSE);
}

/* Serves the corpus DID documents. */
static JsonNode *
fetch_corpus (const char  *url,
              gpointer     user_data,
              GError     **error)
{
  static const struct { const char *url; const char *file; } map[] = {
    { "https://digitalcredentials.github.io/vc-test-fixtures/dids/legacy/did.json",
      "digitalcredentials-vc-test-fixtures/dids/legacy/did.json" },
    { "https://digitalcredentials.github.io/vc-test-fixtures/dids/oidf/did.json",
      "digitalcredentials-vc-test-fixtures/dids/oidf/did.json" },
    { "https://digitalcredentials.github.io/dcc-did-web/did.json",
      "digitalcredentials-dcc-did-web/did.json" },
    { "https://digitalcredentials.github.io/dcc-did-web/multikey/did.json",
      "digitalcredentials-dcc-did-web/multikey/did.json" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (strcmp (url, map[i].url) == 0)
      return test_corpus_json (map[i].file);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No document at %s", url);
  return NULL;
}

/* The 1EdTech convention: the key is the fragment of
 * `<controller>#<multikey>`, whatever the controller's scheme; the test
 * takes it, as if the controller had published it. */
static CredenceVerificationMethod *
resolve_fragment (const char  *url,
                  const char  *relationship,
                  gpointer     user_data,
                  GError     **error)
{
  const char *hash = strchr (url, '#');
  g_autoptr(CredenceVerificationMethod) m = g_new0 (CredenceVerificationMethod, 1);

  if (hash == NULL || g_str_has_prefix (url, "did:key:") || hash[1] != 'z')
    return credence_did_resolve_verification_method (url, relationship, fetch_corpus, NULL, error);
  m->key = credence_public_key_new_multikey (hash + 1, error);
  if (m->key == NULL)
    return NULL;
  m->id = g_strdup (url);
  m->controller = g_strndup (url, hash - url);
  return g_steal_pointer (&m);
}

static GPtrArray *
verify_node (JsonNode    *node,
             gboolean     fragment_keys,
             GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  CredenceProofContext ctx = { jsonld, fetch_corpus, NULL, now, "assertionMethod",
                               fragment_keys ? resolve_fragment : NULL };

  return credence_data_integrity_verify (json_node_get_object (node), &ctx, error);
}

typedef struct
{
  const char *dir;
  const char *suffix;
  const char *config;
} VectorSuite;

/* Every intermediate value of the W3C vc-di-eddsa test vectors. */
static void
test_w3c_vectors (gconstpointer data)
{
  const VectorSuite *s = data;
  g_autofree char *base = g_build_filename ("w3c-vc-di-eddsa", "TestVectors", s->dir, NULL);
  g_autofree char *f_signed = g_strdup_printf ("%s/signed%s.json", base, s->suffix);
  g_autofree char *f_config = g_strdup_printf ("%s/%s", base, s->config);
  g_autofree char *f_canon_doc = g_strdup_printf ("%s/canonDoc%s.txt", base, s->suffix);
  g_autofree char *f_canon_proof = g_strdup_printf ("%s/proofCanon%s.txt", base, s->suffix);
  g_autofree char *f_combined = g_strdup_printf ("%s/combinedHash%s.txt", base, s->suffix);
  g_autoptr(JsonNode) unsigned_doc = test_corpus_json ("w3c-vc-di-eddsa/TestVectors/unsigned.json");
  g_autoptr(JsonNode) config = test_corpus_json (f_config);
  g_autoptr(JsonNode) signed_doc = test_corpus_json (f_signed);
  g_autofree char *expect_doc = test_corpus_text (f_canon_doc);
  g_autofree char *expect_proof = test_corpus_text (f_canon_proof);
  g_autofree char *expect_combined = test_corpus_text (f_combined);
  g_autofree char *canon_doc = NULL;
  g_autofree char *canon_proof = NULL;
  g_autoptr(GBytes) hash = NULL;
  g_autofree char *hash_hex = NULL;
  g_autoptr(GPtrArray) methods = NULL;
  g_autoptr(GError) error = NULL;
  gboolean jcs = strcmp (s->suffix, "JCS") == 0;

  if (jcs)
    {
      canon_doc = credence_data_integrity_jcs (unsigned_doc);
      canon_proof = credence_data_integrity_jcs (config);
    }
  else
    {
      canon_doc = credence_data_integrity_canonize (jsonld, unsigned_doc, &error);
      g_assert_no_error (error);
      canon_proof = credence_data_integrity_canonize (jsonld, config, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpstr (canon_doc, ==, expect_doc);
  g_assert_cmpstr (canon_proof, ==, expect_proof);

  /* The signed document's context may add the suite's context. */
  {
    g_autoptr(JsonObject) unsecured = json_object_new ();
    JsonObject *proof = credence_json_object_get_object (json_node_get_object (signed_doc), "proof");
    JsonObjectIter iter;
    const char *name;
    JsonNode *member;

    json_object_iter_init (&iter, json_node_get_object (signed_doc));
    while (json_object_iter_next (&iter, &name, &member))
      if (strcmp (name, "proof") != 0)
        json_object_set_member (unsecured, name, json_node_copy (member));
    hash = credence_data_integrity_hash_data (jsonld, unsecured, proof, &error);
    g_assert_no_error (error);
  }
  hash_hex = hex (hash);
  g_assert_cmpstr (hash_hex, ==, g_strstrip (expect_combined));

  methods = verify_node (signed_doc, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (methods->len, ==, 1);
}

typedef struct
{
  char      *file;
  gboolean   expect_ok;
  gboolean   fragment_keys;
  gboolean   unsupported;
} CorpusCase;

static void
corpus_case_free (gpointer data)
{
  CorpusCase *c = data;

  g_free (c->file);
  g_free (c);
}

static void
test_corpus_case (gconstpointer data)
{
  const CorpusCase *c = data;
  g_autoptr(JsonNode) node = test_corpus_json (c->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) methods = verify_node (node, c->fragment_keys, &error);

  if (c->unsupported)
    {
      g_assert_null (methods);
      g_assert_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_UNSUPPORTED);
    }
  else if (c->expect_ok)
    {
      g_assert_no_error (error);
      g_assert_nonnull (methods);
    }
  else
    {
      /* A bad signature, or (simple-err-proof-method) a damaged key. */
      g_assert_null (methods);
      g_assert_nonnull (error);
      g_assert_true (error->domain == CREDENCE_PUBLIC_KEY_ERROR);
    }
}

/* One test per corpus file with Data Integrity rows in the TSV.  Proof
 * chains the collector could not check are valid by the spec (its note);
 * proofChainTempDoc2 is an intermediate document whose chained proof
 * names a proof it no longer holds. */
static GPtrArray *
load_corpus_cases (void)
{
  g_autofree char *tsv = test_corpus_text ("VERIFIED-SIGNATURES.tsv");
  g_auto(GStrv) lines = g_strsplit (tsv, "\n", -1);
  GPtrArray *cases = g_ptr_array_new_with_free_func (corpus_case_free);
  g_autoptr(GHashTable) by_file = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
      CorpusCase *c;
      const char *source;

      if (g_strv_length (f) < 6 || lines[i][0] == '#' || strcmp (f[0], "file") == 0)
        continue;
      if (strchr (f[0], '#') != NULL || g_str_has_suffix (f[0], ".jwt") || g_str_has_suffix (f[0], ".jws"))
        continue;
      if (!g_str_has_prefix (f[4], "SIG-"))
        continue;
      if (strstr (f[0], "proofChainTempDoc2") != NULL)
        continue;

      source = f[5];
      c = g_hash_table_lookup (by_file, f[0]);
      if (c == NULL)
        {
          c = g_new0 (CorpusCase, 1);
          c->file = g_strdup (f[0]);
          c->expect_ok = TRUE;
          /* Its other proof has type "SomeProofType": a proof set passes
           * only if every proof does. */
          c->unsupported = strstr (f[0], "simple-multiple-proofs") != NULL;
          g_ptr_array_add (cases, c);
          g_hash_table_insert (by_file, c->file, c);
        }
      if (strcmp (f[4], "SIG-BAD") == 0 && strstr (f[0], "signedProofChain") == NULL)
        c->expect_ok = FALSE;
      if (g_str_has_prefix (source, "fragment-multikey"))
        c->fragment_keys = TRUE;
    }
  return cases;
}

static void
test_generated (void)
{
  const char *suites[] = { "eddsa-rdfc-2022", "eddsa-jcs-2022" };

  for (guint s = 0; s < G_N_ELEMENTS (suites); s++)
    {
      g_autoptr(TestKey) key = test_key_new (CREDENCE_KEY_TYPE_ED25519);
      g_autoptr(TestKey) other = test_key_new (CREDENCE_KEY_TYPE_ED25519);
      g_autoptr(JsonNode) node = test_corpus_json ("w3c-vc-di-eddsa/TestVectors/unsigned.json");
      JsonObject *doc = json_node_get_object (node);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) methods = NULL;
      g_autofree char *did = test_key_did_key (key);
      JsonObject *subject;
      JsonObject *proof;
      g_autofree char *saved_vm = NULL;
      g_autofree char *other_did = NULL;
      g_autofree char *other_vm = NULL;

      {
        g_autofree char *vm = test_key_method (key);

        test_key_add_proof (key, doc, vm, "DataIntegrityProof", suites[s], "assertionMethod");
      }
      methods = verify_node (node, FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (((CredenceVerificationMethod *) methods->pdata[0])->controller, ==, did);
      g_clear_pointer (&methods, g_ptr_array_unref);

      /* Tampered after signing. */
      subject = credence_json_object_get_object (doc, "credentialSubject");
      json_object_set_string_member (subject, "id", "did:example:someone-else");
      methods = verify_node (node, FALSE, &error);
      g_assert_null (methods);
      g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE);
      g_clear_error (&error);

      /* Signed again, then the proof claims another DID's key. */
      json_object_remove_member (doc, "proof");
      {
        g_autofree char *vm = test_key_method (key);

        test_key_add_proof (key, doc, vm, "DataIntegrityProof", suites[s], "assertionMethod");
      }
      proof = credence_json_object_get_object (doc, "proof");
      saved_vm = g_strdup (credence_json_object_get_string (proof, "verificationMethod"));
      other_did = test_key_did_key (other);
      other_vm = g_strconcat (other_did, "#", other_did + strlen ("did:key:"), NULL);
      json_object_set_string_member (proof, "verificationMethod", other_vm);
      methods = verify_node (node, FALSE, &error);
      g_assert_null (methods);
      g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE);
      g_clear_error (&error);
      json_object_set_string_member (proof, "verificationMethod", saved_vm);

      /* A corrupted proof value. */
      {
        g_autofree char *value = g_strdup (credence_json_object_get_string (proof, "proofValue"));

        value[10] = value[10] == '2' ? '3' : '2';
        json_object_set_string_member (proof, "proofValue", value);
        methods = verify_node (node, FALSE, &error);
        g_assert_null (methods);
        g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE);
        g_clear_error (&error);
      }

      /* Wrong purpose, expired proof, unknown suite, no proof. */
      json_object_remove_member (doc, "proof");
      {
        g_autofree char *vm = test_key_method (key);

        test_key_add_proof (key, doc, vm, "DataIntegrityProof", suites[s], "authentication");
      }
      methods = verify_node (node, FALSE, &error);
      g_assert_null (methods);
      g_assert_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_PURPOSE);
      g_clear_error (&error);

      proof = credence_json_object_get_object (doc, "proof");
      json_object_set_string_member (proof, "proofPurpose", "assertionMethod");
      json_object_set_string_member (proof, "expires", "2020-01-01T00:00:00Z");
      methods = verify_node (node, FALSE, &error);
      g_assert_null (methods);
      g_assert_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_EXPIRED);
      g_clear_error (&error);

      json_object_set_string_member (proof, "cryptosuite", "ecdsa-sd-2023");
      methods = verify_node (node, FALSE, &error);
      g_assert_null (methods);
      g_assert_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_UNSUPPORTED);
      g_clear_error (&error);

      json_object_remove_member (doc, "proof");
      methods = verify_node (node, FALSE, &error);
      g_assert_null (methods);
      g_assert_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_NO_PROOF);
    }
}

static void
test_proof_limit (void)
{
  g_autoptr(JsonNode) node = test_corpus_json ("w3c-vc-di-eddsa/TestVectors/eddsa-rdfc-2022/signedDataInt.json");
  JsonObject *doc = json_node_get_object (node);
  JsonObject *proof = credence_json_object_get_object (doc, "proof");
  JsonArray *many = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) methods = NULL;

  for (guint i = 0; i <= CREDENCE_LIMIT_PROOFS; i++)
    json_array_add_object_element (many, json_object_ref (proof));
  json_object_set_array_member (doc, "proof", many);
  methods = verify_node (node, FALSE, &error);
  g_assert_null (methods);
  g_assert_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_TOO_MANY);
}

static void
test_jcs_numbers (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "[1, -0, 1.5, 100, 1e21, 1e-7, 0.000001, 123456789012, 4.5e-9, 1E+3]",
      "[1,0,1.5,100,1e+21,1e-7,0.000001,123456789012,4.5e-9,1000]" },
    { "{\"b\":1,\"a\":{\"\\u20ac\":1,\"\\r\":2},\"\\u00e9\":\"\\u0001\\\"\"}",
      "{\"a\":{\"\\r\":2,\"\u20ac\":1},\"b\":1,\"\u00e9\":\"\\u0001\\\"\"}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = credence_json_parse (cases[i].in, strlen (cases[i].in), &error);
      g_autofree char *out = NULL;

      g_assert_no_error (error);
      out = credence_data_integrity_jcs (node);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static char *
canon_urdna2015 (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(GError) error = NULL;
  CredenceRdfDataset *dataset = credence_jsonld_to_rdf (jsonld, node, NULL, &error);
  char *canon;

  g_assert_no_error (error);
  canon = credence_rdfc_canonicalize_full (dataset, CREDENCE_RDFC_HASH_SHA256, CREDENCE_RDF_ESCAPE_URDNA2015,
                                           CREDENCE_LIMIT_RDFC_WORK, NULL, &error);
  g_assert_no_error (error);
  credence_rdf_dataset_free (dataset);
  return canon;
}

/* A signature made over URDNA2015 escapes (a tab in a literal) by a signer
 * older than RDFC-1.0 still verifies; changing the text still breaks it. */
static void
test_urdna2015_signature (void)
{
  g_autoptr(TestKey) key = test_key_new (CREDENCE_KEY_TYPE_ED25519);
  g_autofree char *vm = test_key_method (key);
  g_autoptr(JsonNode) node = test_corpus_json ("w3c-vc-di-eddsa/TestVectors/unsigned.json");
  JsonObject *doc = json_node_get_object (node);
  JsonObject *subject = credence_json_object_get_object (doc, "credentialSubject");
  JsonObject *proof = json_object_new ();
  g_autoptr(JsonObject) options = NULL;
  g_autofree char *canon_proof = NULL;
  g_autofree char *canon_doc = NULL;
  g_autofree char *canon_doc_rdfc = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) sig = NULL;
  g_autofree char *b58 = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) methods = NULL;
  g_autoptr(GChecksum) sum = NULL;
  guint8 digest[32];
  gsize len;

  json_object_set_string_member (subject, "alumniOf", "The School\tof Examples");

  json_object_set_string_member (proof, "type", "DataIntegrityProof");
  json_object_set_string_member (proof, "cryptosuite", "eddsa-rdfc-2022");
  json_object_set_string_member (proof, "created", "2025-01-01T00:00:00Z");
  json_object_set_string_member (proof, "verificationMethod", vm);
  json_object_set_string_member (proof, "proofPurpose", "assertionMethod");
  options = json_object_ref (proof);
  json_object_set_member (options, "@context", json_node_copy (json_object_get_member (doc, "@context")));
  canon_proof = canon_urdna2015 (options);
  json_object_remove_member (options, "@context");
  canon_doc = canon_urdna2015 (doc);
  canon_doc_rdfc = credence_data_integrity_canonize (jsonld, node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (canon_doc, !=, canon_doc_rdfc);

  for (guint i = 0; i < 2; i++)
    {
      const char *text = i == 0 ? canon_proof : canon_doc;

      sum = g_checksum_new (G_CHECKSUM_SHA256);
      g_checksum_update (sum, (const guchar *) text, strlen (text));
      len = sizeof digest;
      g_checksum_get_digest (sum, digest, &len);
      g_byte_array_append (data, digest, len);
      g_clear_pointer (&sum, g_checksum_free);
    }
  sig = test_key_sign (key, CREDENCE_SIGNATURE_EDDSA, data->data, data->len);
  b58 = credence_base58btc_encode (g_bytes_get_data (sig, NULL), g_bytes_get_size (sig));
  value = g_strconcat ("z", b58, NULL);
  json_object_set_string_member (proof, "proofValue", value);
  json_object_set_object_member (doc, "proof", proof);

  methods = verify_node (node, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (methods);
  g_clear_pointer (&methods, g_ptr_array_unref);

  json_object_set_string_member (subject, "alumniOf", "The School\tof Samples");
  methods = verify_node (node, FALSE, &error);
  g_assert_null (methods);
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE);
}

int
main (int   argc,
      char *argv[])
{
  static const VectorSuite suites[] = {
    { "eddsa-rdfc-2022", "DataInt", "proofConfigDataInt.json" },
    { "Ed25519Signature2020", "EdSig", "proofConfigEdSig.json" },
    { "eddsa-jcs-2022", "JCS", "proofConfigJCS.json" },
  };
  g_autoptr(GPtrArray) cases = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  jsonld = credence_jsonld_new (credence_jsonld_load_bundled, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suites); i++)
    {
      g_autofree char *path = g_strdup_printf ("/data-integrity/w3c-vectors/%s", suites[i].dir);
      g_test_add_data_func (path, &suites[i], test_w3c_vectors);
    }

  cases = load_corpus_cases ();
  for (guint i = 0; i < cases->len; i++)
    {
      CorpusCase *c = cases->pdata[i];
      g_autofree char *path = g_strdup_printf ("/data-integrity/corpus/%s", c->file);
      g_test_add_data_func (path, c, test_corpus_case);
    }

  g_test_add_func ("/data-integrity/generated", test_generated);
  g_test_add_func ("/data-integrity/proof-limit", test_proof_limit);
  g_test_add_func ("/data-integrity/jcs", test_jcs_numbers);
  g_test_add_func ("/data-integrity/urdna2015-signature", test_urdna2015_signature);

  ret = g_test_run ();
  g_object_unref (jsonld);
  return ret;
}
