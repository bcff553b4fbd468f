/* credence-data-integrity.c: embedded proofs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-data-integrity"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-data-integrity.h"
#include "credence-json.h"
#include "credence-jsonld-private.h"
#include "credence-jws.h"
#include "credence-limits.h"
#include "credence-multibase.h"
#include "credence-rdfc.h"

G_DEFINE_QUARK (credence-data-integrity-error-quark, credence_data_integrity_error)

typedef enum
{
  SUITE_EDDSA_RDFC,
  SUITE_EDDSA_JCS,
  SUITE_ED25519_2020,
  SUITE_ED25519_2018,
} Suite;

static gboolean
proof_suite (JsonObject  *proof,
             Suite       *out_suite,
             GError     **error)
{
  const char *type = credence_json_object_get_string (proof, "type");
  const char *cryptosuite = credence_json_object_get_string (proof, "cryptosuite");

  if (g_strcmp0 (type, "DataIntegrityProof") == 0)
    {
      /* eddsa-2022 is the draft name of eddsa-rdfc-2022: same algorithm. */
      if (g_strcmp0 (cryptosuite, "eddsa-rdfc-2022") == 0 || g_strcmp0 (cryptosuite, "eddsa-2022") == 0)
        *out_suite = SUITE_EDDSA_RDFC;
      else if (g_strcmp0 (cryptosuite, "eddsa-jcs-2022") == 0)
        *out_suite = SUITE_EDDSA_JCS;
      else
        {
          g_set_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_UNSUPPORTED,
                       _("The proof cryptosuite “%s” is not supported"), cryptosuite != NULL ? cryptosuite : "");
          return FALSE;
        }
      return TRUE;
    }
  if (g_strcmp0 (type, "Ed25519Signature2020") == 0)
    {
      *out_suite = SUITE_ED25519_2020;
      return TRUE;
    }
  if (g_strcmp0 (type, "Ed25519Signature2018") == 0)
    {
      *out_suite = SUITE_ED25519_2018;
      return TRUE;
    }

  if (type == NULL)
    g_set_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_MALFORMED,
                 _("A proof has no type"));
  else
    g_set_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_UNSUPPORTED,
                 _("The proof type “%s” is not supported"), type);
  return FALSE;
}

/* A shallow copy of @object without the members named in @skip. */
static JsonObject *
copy_without (JsonObject         *object,
              const char * const *skip)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (skip != NULL && g_strv_contains (skip, name))
        continue;
      json_object_set_member (copy, name, json_node_copy (node));
    }
  return copy;
}

/**
 * credence_data_integrity_canonize:
 * @jsonld: a JSON-LD processor
 * @document: a JSON-LD document
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the RDFC-1.0 canonical N-Quads of @document
 */
static char *
canonize_escaped (CredenceJsonld     *jsonld,
                  JsonNode           *document,
                  CredenceRdfEscape   escape,
                  GError            **error)
{
  CredenceRdfDataset *dataset = credence_jsonld_to_rdf (jsonld, document, NULL, error);
  char *canon;

  if (dataset == NULL)
    return NULL;
  canon = credence_rdfc_canonicalize_full (dataset, CREDENCE_RDFC_HASH_SHA256, escape,
                                           CREDENCE_LIMIT_RDFC_WORK, NULL, error);
  credence_rdf_dataset_free (dataset);
  return canon;
}

char *
credence_data_integrity_canonize (CredenceJsonld  *jsonld,
                                  JsonNode        *document,
                                  GError         **error)
{
  return canonize_escaped (jsonld, document, CREDENCE_RDF_ESCAPE_CANONICAL, error);
}

/**
 * credence_data_integrity_jcs:
 * @node: a JSON value
 *
 * Returns: (transfer full): the RFC 8785 canonical form of @node
 */
char *
credence_data_integrity_jcs (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  _credence_jsonld_append_jcs (node, out);
  return g_string_free (out, FALSE);
}

static void
append_sha256 (GByteArray *out,
               const char *text)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_checksum_update (sum, (const guchar *) text, strlen (text));
  g_checksum_get_digest (sum, digest, &len);
  g_byte_array_append (out, digest, len);
}

static char *
transform (CredenceJsonld     *jsonld,
           Suite               suite,
           CredenceRdfEscape   escape,
           JsonObject         *object,
           GError            **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  if (suite == SUITE_EDDSA_JCS)
    return credence_data_integrity_jcs (node);
  return canonize_escaped (jsonld, node, escape, error);
}

static JsonObject *
proof_options (JsonObject *document,
               JsonObject *proof)
{
  static const char * const skip[] = { "proofValue", "jws", "signatureValue", NULL };
  JsonObject *options = copy_without (proof, skip);
  JsonNode *context = json_object_get_member (document, "@context");

  if (context != NULL)
    json_object_set_member (options, "@context", json_node_copy (context));
  return options;
}

/* hashData = H(transform(proof options)) ‖ H(transform(unsecured document)).
 * @unsecured_hash, when not NULL, caches the second half. */
static GBytes *
hash_data_escaped (CredenceJsonld     *jsonld,
                   Suite               suite,
                   CredenceRdfEscape   escape,
                   JsonObject         *unsecured,
                   JsonObject         *proof,
                   GBytes            **unsecured_hash,
                   GError            **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(JsonObject) options = proof_options (unsecured, proof);
  g_autofree char *canon_proof = transform (jsonld, suite, escape, options, error);

  if (canon_proof == NULL)
    return NULL;
  append_sha256 (out, canon_proof);

  if (unsecured_hash != NULL && *unsecured_hash != NULL)
    {
      g_byte_array_append (out, g_bytes_get_data (*unsecured_hash, NULL), 32);
    }
  else
    {
      g_autofree char *canon_doc = transform (jsonld, suite, escape, unsecured, error);

      if (canon_doc == NULL)
        return NULL;
      append_sha256 (out, canon_doc);
      if (unsecured_hash != NULL)
        *unsecured_hash = g_bytes_new (out->data + 32, 32);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
hash_data (CredenceJsonld  *jsonld,
           Suite            suite,
           JsonObject      *unsecured,
           JsonObject      *proof,
           GBytes         **unsecured_hash,
           GError         **error)
{
  return hash_data_escaped (jsonld, suite, CREDENCE_RDF_ESCAPE_CANONICAL, unsecured, proof,
                            unsecured_hash, error);
}

/**
 * credence_data_integrity_hash_data:
 * @jsonld: a JSON-LD processor
 * @document: the document without its proof
 * @proof: the proof
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the 64 bytes signed by @proof: the SHA-256 of
 *   the canonical proof options, then of the canonical document
 */
GBytes *
credence_data_integrity_hash_data (CredenceJsonld  *jsonld,
                                   JsonObject      *document,
                                   JsonObject      *proof,
                                   GError         **error)
{
  Suite suite;

  if (!proof_suite (proof, &suite, error))
    return NULL;
  return hash_data (jsonld, suite, document, proof, NULL, error);
}

static gboolean
check_date (JsonObject  *proof,
            const char  *member,
            GDateTime  **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (proof, member);
  const char *text = credence_json_node_get_string (node);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (text != NULL)
    *out = g_date_time_new_from_iso8601 (text, utc);
  if (*out == NULL)
    {
      g_set_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_MALFORMED,
                   _("The proof’s “%s” is not a date and time"), member);
      return FALSE;
    }
  return TRUE;
}

static gboolean
verify_signature (Suite                suite,
                  JsonObject          *proof,
                  CredencePublicKey   *key,
                  GBytes              *data,
                  GError             **error)
{
  if (suite == SUITE_ED25519_2018)
    {
      const char *text = credence_json_object_get_string (proof, "jws");
      g_autoptr(CredenceJws) jws = NULL;

      if (text == NULL)
        {
          g_set_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_MALFORMED,
                       _("The proof has no “jws” value"));
          return FALSE;
        }
      jws = credence_jws_parse (text, error);
      if (jws == NULL)
        return FALSE;
      if (!credence_jws_is_detached (jws) || credence_jws_get_algorithm (jws) != CREDENCE_SIGNATURE_EDDSA)
        {
          g_set_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_MALFORMED,
                       _("The proof’s JWS must be a detached EdDSA signature"));
          return FALSE;
        }
      return credence_jws_verify (jws, key, data, error);
    }
  else
    {
      const char *value = credence_json_object_get_string (proof, "proofValue");
      g_autoptr(GBytes) sig = NULL;

      if (value == NULL || value[0] != 'z')
        {
          g_set_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_MALFORMED,
                       _("The proof has no base58btc “proofValue”"));
          return FALSE;
        }
      sig = credence_multibase_decode (value, error);
      if (sig == NULL)
        return FALSE;
      return credence_public_key_verify (key, CREDENCE_SIGNATURE_EDDSA,
                                         g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                         g_bytes_get_data (sig, NULL), g_bytes_get_size (sig), error);
    }
}

/* The document a chained proof signed: the unsecured document plus the
 * proofs its previousProof names. */
static JsonObject *
chain_document (JsonObject  *unsecured,
                JsonArray   *proofs,
                JsonNode    *previous,
                GError     **error)
{
  JsonArray *ids = credence_json_node_get_array (previous);
  guint n = ids != NULL ? json_array_get_length (ids) : 1;
  g_autoptr(JsonArray) matching = json_array_new ();
  JsonObject *doc;

  for (guint i = 0; i < n; i++)
    {
      const char *id = credence_json_node_get_string (ids != NULL ? json_array_get_element (ids, i) : previous);
      gboolean found = FALSE;

      for (guint j = 0; id != NULL && j < json_array_get_length (proofs); j++)
        {
          JsonNode *p = json_array_get_element (proofs, j);

          if (g_strcmp0 (credence_json_object_get_string (credence_json_node_get_object (p), "id"), id) == 0)
            {
              json_array_add_element (matching, json_node_copy (p));
              found = TRUE;
              break;
            }
        }
      if (!found)
        {
          g_set_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_CHAIN,
                       _("A proof builds on a proof that is not in the document"));
          return NULL;
        }
    }

  doc = copy_without (unsecured, NULL);
  json_object_set_array_member (doc, "proof", g_steal_pointer (&matching));
  return doc;
}

/**
 * credence_data_integrity_verify:
 * @document: a secured document
 * @context: how to process and resolve
 * @error: return location for a #GError
 *
 * Verifies every proof of @document (a proof set passes only if each of
 * its proofs does; chained proofs are checked over the proofs they name).
 *
 * Returns: (transfer full) (element-type CredenceVerificationMethod): the
 *   verification method of each proof, in order, or %NULL with @error set
 */
GPtrArray *
credence_data_integrity_verify (JsonObject                 *document,
                                const CredenceProofContext *context,
                                GError                    **error)
{
  static const char * const skip_proof[] = { "proof", NULL };
  JsonNode *proof_node = json_object_get_member (document, "proof");
  g_autoptr(JsonArray) proofs = NULL;
  g_autoptr(JsonObject) unsecured = NULL;
  g_autoptr(GBytes) unsecured_hash = NULL;
  g_autoptr(GPtrArray) methods = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_verification_method_free);

  if (proof_node == NULL || JSON_NODE_HOLDS_NULL (proof_node))
    {
      g_set_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_NO_PROOF,
                   _("The credential has no proof"));
      return NULL;
    }
  if (JSON_NODE_HOLDS_ARRAY (proof_node))
    {
      proofs = json_array_ref (json_node_get_array (proof_node));
    }
  else
    {
      proofs = json_array_new ();
      json_array_add_element (proofs, json_node_copy (proof_node));
    }
  if (json_array_get_length (proofs) == 0)
    {
      g_set_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_NO_PROOF,
                   _("The credential has no proof"));
      return NULL;
    }
  if (json_array_get_length (proofs) > CREDENCE_LIMIT_PROOFS)
    {
      g_set_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_TOO_MANY,
                   _("The credential has more than %d proofs"), CREDENCE_LIMIT_PROOFS);
      return NULL;
    }

  unsecured = copy_without (document, skip_proof);

  for (guint i = 0; i < json_array_get_length (proofs); i++)
    {
      JsonObject *proof = credence_json_node_get_object (json_array_get_element (proofs, i));
      const char *vm;
      const char *purpose;
      JsonNode *previous;
      Suite suite;
      g_autoptr(GDateTime) created = NULL;
      g_autoptr(GDateTime) expires = NULL;
      g_autoptr(GBytes) data = NULL;
      g_autoptr(CredenceVerificationMethod) method = NULL;
      g_autoptr(GError) sig_error = NULL;

      if (proof == NULL)
        {
          g_set_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_MALFORMED,
                       _("A proof is not an object"));
          return NULL;
        }
      if (!proof_suite (proof, &suite, error))
        return NULL;

      vm = credence_json_object_get_string (proof, "verificationMethod");
      purpose = credence_json_object_get_string (proof, "proofPurpose");
      if (vm == NULL || purpose == NULL)
        {
          g_set_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_MALFORMED,
                       _("A proof lacks its verification method or purpose"));
          return NULL;
        }
      if (context->purpose != NULL && strcmp (purpose, context->purpose) != 0)
        {
          g_set_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_PURPOSE,
                       _("The proof is for “%s”, not for “%s”"), purpose, context->purpose);
          return NULL;
        }
      if (!check_date (proof, "created", &created, error) || !check_date (proof, "expires", &expires, error))
        return NULL;
      if (expires != NULL && context->now != NULL && g_date_time_compare (context->now, expires) > 0)
        {
          g_set_error (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_EXPIRED,
                       _("The proof expired"));
          return NULL;
        }

      previous = json_object_get_member (proof, "previousProof");
      if (previous != NULL)
        {
          g_autoptr(JsonObject) chained = chain_document (unsecured, proofs, previous, error);

          if (chained == NULL)
            return NULL;
          data = hash_data (context->jsonld, suite, chained, proof, NULL, error);
        }
      else
        {
          /* The RDFC and JCS halves differ; cache only the usual suite. */
          data = hash_data (context->jsonld, suite, unsecured, proof,
                            suite == SUITE_EDDSA_JCS ? NULL : &unsecured_hash, error);
        }
      if (data == NULL)
        return NULL;

      if (context->resolve != NULL)
        method = context->resolve (vm, context->purpose, context->fetch_data, error);
      else
        method = credence_did_resolve_verification_method (vm, context->purpose, context->fetch,
                                                           context->fetch_data, error);
      if (method == NULL)
        {
          /* The key is not published (yet, or not here).  When the method
           * id's fragment is itself a multikey (the 1EdTech convention)
           * and the signature fails even under that key, the proof is
           * broken whatever the controller would say; a signature that
           * passes under it proves nothing, so the error stands. */
          const char *hash = strchr (vm, '#');
          g_autoptr(CredencePublicKey) claimed = NULL;

          if (hash != NULL && hash[1] == 'z')
            claimed = credence_public_key_new_multikey (hash + 1, NULL);
          if (claimed != NULL && !verify_signature (suite, proof, claimed, data, &sig_error)
              && g_error_matches (sig_error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE))
            {
              g_clear_error (error);
              g_propagate_error (error, g_steal_pointer (&sig_error));
            }
          return NULL;
        }
      if (!verify_signature (suite, proof, method->key, data, &sig_error))
        {
          /* Signers that predate RDFC-1.0 (URDNA2015 in jsonld.js before
           * rdf-canonize 4) escaped control characters in literals
           * differently; their signatures verify over that form. */
          g_autoptr(GBytes) legacy = NULL;
          g_autoptr(JsonObject) chained = NULL;

          if (suite == SUITE_EDDSA_JCS
              || !g_error_matches (sig_error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE))
            {
              g_propagate_error (error, g_steal_pointer (&sig_error));
              return NULL;
            }
          if (previous != NULL)
            chained = chain_document (unsecured, proofs, previous, NULL);
          legacy = hash_data_escaped (context->jsonld, suite, CREDENCE_RDF_ESCAPE_URDNA2015,
                                      chained != NULL ? chained : unsecured, proof, NULL, NULL);
          if (legacy == NULL || g_bytes_equal (legacy, data)
              || !verify_signature (suite, proof, method->key, legacy, NULL))
            {
              g_propagate_error (error, g_steal_pointer (&sig_error));
              return NULL;
            }
        }

      g_ptr_array_add (methods, g_steal_pointer (&method));
    }

  return g_steal_pointer (&methods);
}
