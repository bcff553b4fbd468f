/* credence-test-keys.c: fresh keys and signatures made in tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <string.h>

#include "credence-data-integrity.h"
#include "credence-json.h"
#include "credence-multibase.h"
#include "credence-test-keys.h"

struct _TestKey
{
  CredenceKeyType    type;
  gnutls_privkey_t   priv;
  CredencePublicKey *pub;
  JsonObject        *jwk;
};

static char *
b64url (const gnutls_datum_t *d)
{
  return credence_base64url_encode (d->data, d->size);
}

TestKey *
test_key_new (CredenceKeyType type)
{
  TestKey *key = g_new0 (TestKey, 1);
  gnutls_pubkey_t pub;
  g_autoptr(GError) error = NULL;
  int ret;

  key->type = type;
  key->jwk = json_object_new ();
  g_assert_cmpint (gnutls_privkey_init (&key->priv), ==, 0);
  switch (type)
    {
    case CREDENCE_KEY_TYPE_ED25519:
      ret = gnutls_privkey_generate (key->priv, GNUTLS_PK_EDDSA_ED25519, 256, 0);
      break;
    case CREDENCE_KEY_TYPE_P256:
      ret = gnutls_privkey_generate (key->priv, GNUTLS_PK_ECDSA,
                                     GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0);
      break;
    case CREDENCE_KEY_TYPE_P384:
      ret = gnutls_privkey_generate (key->priv, GNUTLS_PK_ECDSA,
                                     GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP384R1), 0);
      break;
    case CREDENCE_KEY_TYPE_RSA:
    default:
      ret = gnutls_privkey_generate (key->priv, GNUTLS_PK_RSA, 2048, 0);
      break;
    }
  g_assert_cmpint (ret, ==, 0);

  g_assert_cmpint (gnutls_pubkey_init (&pub), ==, 0);
  g_assert_cmpint (gnutls_pubkey_import_privkey (pub, key->priv, 0, 0), ==, 0);

  if (type == CREDENCE_KEY_TYPE_RSA)
    {
      gnutls_datum_t n, e;
      g_autofree char *ns = NULL, *es = NULL;

      g_assert_cmpint (gnutls_pubkey_export_rsa_raw2 (pub, &n, &e, GNUTLS_EXPORT_FLAG_NO_LZ), ==, 0);
      key->pub = credence_public_key_new_rsa (n.data, n.size, e.data, e.size, &error);
      ns = b64url (&n);
      es = b64url (&e);
      json_object_set_string_member (key->jwk, "kty", "RSA");
      json_object_set_string_member (key->jwk, "n", ns);
      json_object_set_string_member (key->jwk, "e", es);
      gnutls_free (n.data);
      gnutls_free (e.data);
    }
  else
    {
      gnutls_ecc_curve_t curve;
      gnutls_datum_t x, y = { NULL, 0 };
      g_autofree char *xs = NULL;

      g_assert_cmpint (gnutls_pubkey_export_ecc_raw2 (pub, &curve, &x, &y, GNUTLS_EXPORT_FLAG_NO_LZ), ==, 0);
      if (type == CREDENCE_KEY_TYPE_ED25519)
        {
          guint8 raw[32] = { 0 };

          g_assert_cmpuint (x.size, <=, 32);
          memcpy (raw + 32 - x.size, x.data, x.size);
          xs = credence_base64url_encode (raw, 32);
          key->pub = credence_public_key_new_ed25519 (raw, 32, &error);
          json_object_set_string_member (key->jwk, "kty", "OKP");
          json_object_set_string_member (key->jwk, "crv", "Ed25519");
          json_object_set_string_member (key->jwk, "x", xs);
        }
      else
        {
          gsize coord = type == CREDENCE_KEY_TYPE_P256 ? 32 : 48;
          guint8 point[1 + 96] = { 0x04 };
          g_autofree char *ys = NULL;

          /* Coordinates come without leading zero bytes: pad them. */
          g_assert_cmpuint (x.size, <=, coord);
          g_assert_cmpuint (y.size, <=, coord);
          memcpy (point + 1 + coord - x.size, x.data, x.size);
          memcpy (point + 1 + 2 * coord - y.size, y.data, y.size);
          key->pub = credence_public_key_new_ec_point (type, point, 1 + 2 * coord, &error);
          xs = credence_base64url_encode (point + 1, coord);
          ys = credence_base64url_encode (point + 1 + coord, coord);
          json_object_set_string_member (key->jwk, "kty", "EC");
          json_object_set_string_member (key->jwk, "crv", type == CREDENCE_KEY_TYPE_P256 ? "P-256" : "P-384");
          json_object_set_string_member (key->jwk, "x", xs);
          json_object_set_string_member (key->jwk, "y", ys);
        }
      gnutls_free (x.data);
      gnutls_free (y.data);
    }
  g_assert_no_error (error);
  gnutls_pubkey_deinit (pub);

  return key;
}

void
test_key_free (TestKey *key)
{
  gnutls_privkey_deinit (key->priv);
  g_clear_object (&key->pub);
  json_object_unref (key->jwk);
  g_free (key);
}

CredencePublicKey *
test_key_get_public (TestKey *key)
{
  return key->pub;
}

GBytes *
test_key_sign (TestKey                    *key,
               CredenceSignatureAlgorithm  algorithm,
               const void                 *data,
               gsize                       length)
{
  gnutls_datum_t d = { (unsigned char *) data, (unsigned int) length };
  gnutls_datum_t sig;
  gnutls_sign_algorithm_t sign;
  GBytes *out;

  switch (algorithm)
    {
    case CREDENCE_SIGNATURE_EDDSA: sign = GNUTLS_SIGN_EDDSA_ED25519; break;
    case CREDENCE_SIGNATURE_ES256: sign = GNUTLS_SIGN_ECDSA_SHA256; break;
    case CREDENCE_SIGNATURE_ES384: sign = GNUTLS_SIGN_ECDSA_SHA384; break;
    case CREDENCE_SIGNATURE_RS256: sign = GNUTLS_SIGN_RSA_SHA256; break;
    case CREDENCE_SIGNATURE_RS384: sign = GNUTLS_SIGN_RSA_SHA384; break;
    case CREDENCE_SIGNATURE_RS512: sign = GNUTLS_SIGN_RSA_SHA512; break;
    case CREDENCE_SIGNATURE_PS256: sign = GNUTLS_SIGN_RSA_PSS_RSAE_SHA256; break;
    case CREDENCE_SIGNATURE_PS384: sign = GNUTLS_SIGN_RSA_PSS_RSAE_SHA384; break;
    case CREDENCE_SIGNATURE_PS512:
    default: sign = GNUTLS_SIGN_RSA_PSS_RSAE_SHA512; break;
    }

  g_assert_cmpint (gnutls_privkey_sign_data2 (key->priv, sign, 0, &d, &sig), ==, 0);

  if (key->type == CREDENCE_KEY_TYPE_P256 || key->type == CREDENCE_KEY_TYPE_P384)
    {
      gsize coord = key->type == CREDENCE_KEY_TYPE_P256 ? 32 : 48;
      gnutls_datum_t r0, s0, r, s;
      guint8 raw[96] = { 0 };

      g_assert_cmpint (gnutls_decode_rs_value (&sig, &r0, &s0), ==, 0);
      r = r0;
      s = s0;
      /* r and s may carry a leading zero or be shorter than the coordinate. */
      while (r.size > coord && r.data[0] == 0)
        r.data++, r.size--;
      while (s.size > coord && s.data[0] == 0)
        s.data++, s.size--;
      memcpy (raw + coord - r.size, r.data, r.size);
      memcpy (raw + 2 * coord - s.size, s.data, s.size);
      out = g_bytes_new (raw, 2 * coord);
      gnutls_free (r0.data);
      gnutls_free (s0.data);
      gnutls_free (sig.data);
      return out;
    }

  out = g_bytes_new (sig.data, sig.size);
  gnutls_free (sig.data);
  return out;
}

JsonObject *
test_key_to_jwk (TestKey *key)
{
  return key->jwk;
}

char *
test_key_did_key (TestKey *key)
{
  g_autofree char *mb = credence_public_key_to_multikey (key->pub);

  return g_strconcat ("did:key:", mb, NULL);
}

/* The did:key verification method of @key. */
char *
test_key_method (TestKey *key)
{
  g_autofree char *did = test_key_did_key (key);

  return g_strconcat (did, "#", did + strlen ("did:key:"), NULL);
}

/* Signs @document with an embedded proof: @type DataIntegrityProof (with
 * @cryptosuite) or Ed25519Signature2020 (@cryptosuite NULL). */
void
test_key_add_proof (TestKey    *key,
                    JsonObject *document,
                    const char *method,
                    const char *type,
                    const char *cryptosuite,
                    const char *purpose)
{
  JsonObject *proof = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) sig = NULL;
  g_autofree char *b58 = NULL;
  g_autofree char *value = NULL;

  json_object_set_string_member (proof, "type", type);
  if (cryptosuite != NULL)
    json_object_set_string_member (proof, "cryptosuite", cryptosuite);
  json_object_set_string_member (proof, "created", "2025-01-01T00:00:00Z");
  json_object_set_string_member (proof, "verificationMethod", method);
  json_object_set_string_member (proof, "proofPurpose", purpose);
  data = credence_data_integrity_hash_data (credence_jsonld_get_default (), document, proof, &error);
  g_assert_no_error (error);
  sig = test_key_sign (key, CREDENCE_SIGNATURE_EDDSA, g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  b58 = credence_base58btc_encode (g_bytes_get_data (sig, NULL), g_bytes_get_size (sig));
  value = g_strconcat ("z", b58, NULL);
  json_object_set_string_member (proof, "proofValue", value);
  json_object_set_object_member (document, "proof", proof);
}

char *
test_corpus_path (const char *rel)
{
  return g_test_build_filename (G_TEST_DIST, "data", "corpus", rel, NULL);
}

char *
test_corpus_text (const char *rel)
{
  g_autofree char *path = test_corpus_path (rel);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

JsonNode *
test_corpus_json (const char *rel)
{
  g_autofree char *text = test_corpus_text (rel);
  g_autoptr(GError) error = NULL;
  JsonNode *node = credence_json_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  return node;
}
