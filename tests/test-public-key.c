/* test-public-key.c: key import (multikey, JWK, EC points) and signatures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-multibase.h"
#include "credence-public-key.h"
#include "credence-test-keys.h"

static GBytes *
hex_decode (const char *hex)
{
  GByteArray *out = g_byte_array_new ();

  for (; g_ascii_isxdigit (hex[0]) && g_ascii_isxdigit (hex[1]); hex += 2)
    {
      guint8 b = (g_ascii_xdigit_value (hex[0]) << 4) | g_ascii_xdigit_value (hex[1]);
      g_byte_array_append (out, &b, 1);
    }
  return g_byte_array_free_to_bytes (out);
}

static char *
read_vector (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", "w3c-vc-di-eddsa",
                                                 "TestVectors", "eddsa-rdfc-2022", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return g_strstrip (contents);
}

/* The W3C eddsa-rdfc-2022 test vector: the signature over the combined
 * hash verifies under the published multikey, and fails when one bit of
 * the data changes. */
static void
test_w3c_vector (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredencePublicKey) key = credence_public_key_new_multikey ("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", &error);
  g_autofree char *hash_hex = read_vector ("combinedHashDataInt.txt");
  g_autofree char *sig_b58 = read_vector ("sigBTC58DataInt.txt");
  g_autoptr(GBytes) hash = hex_decode (hash_hex);
  g_autoptr(GBytes) sig = NULL;
  g_autofree guint8 *tampered = NULL;
  g_autofree char *round_trip = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (credence_public_key_get_key_type (key), ==, CREDENCE_KEY_TYPE_ED25519);
  round_trip = credence_public_key_to_multikey (key);
  g_assert_cmpstr (round_trip, ==, "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");

  g_assert_cmpuint (g_bytes_get_size (hash), ==, 64);
  sig = credence_multibase_decode (sig_b58, &error);
  g_assert_no_error (error);
  g_assert_true (credence_public_key_verify (key, CREDENCE_SIGNATURE_EDDSA,
                                             g_bytes_get_data (hash, NULL), 64,
                                             g_bytes_get_data (sig, NULL), g_bytes_get_size (sig),
                                             &error));
  g_assert_no_error (error);

  tampered = g_memdup2 (g_bytes_get_data (hash, NULL), 64);
  tampered[10] ^= 0x01;
  g_assert_false (credence_public_key_verify (key, CREDENCE_SIGNATURE_EDDSA, tampered, 64,
                                              g_bytes_get_data (sig, NULL), g_bytes_get_size (sig),
                                              &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE);
}

typedef struct
{
  CredenceKeyType            type;
  CredenceSignatureAlgorithm alg;
  const char                *jose;
} SignCase;

static void
test_sign_verify (gconstpointer data)
{
  const SignCase *c = data;
  g_autoptr(TestKey) key = test_key_new (c->type);
  g_autoptr(TestKey) other = test_key_new (c->type);
  const char *message = "header.payload";
  g_autoptr(GBytes) sig = test_key_sign (key, c->alg, message, strlen (message));
  g_autoptr(CredencePublicKey) from_jwk = NULL;
  g_autoptr(GError) error = NULL;
  CredenceSignatureAlgorithm parsed;
  const guint8 *s;
  gsize slen;
  g_autofree guint8 *bad = NULL;

  g_assert_true (credence_signature_algorithm_from_jose (c->jose, &parsed));
  g_assert_cmpint (parsed, ==, c->alg);

  s = g_bytes_get_data (sig, &slen);
  g_assert_true (credence_public_key_verify (test_key_get_public (key), c->alg,
                                             (const guint8 *) message, strlen (message), s, slen, &error));
  g_assert_no_error (error);

  /* The JWK form gives the same key. */
  from_jwk = credence_public_key_new_jwk (test_key_to_jwk (key), &error);
  g_assert_no_error (error);
  g_assert_true (credence_public_key_equal (from_jwk, test_key_get_public (key)));
  g_assert_false (credence_public_key_equal (from_jwk, test_key_get_public (other)));

  /* Another key, other data, a flipped signature bit. */
  g_assert_false (credence_public_key_verify (test_key_get_public (other), c->alg,
                                              (const guint8 *) message, strlen (message), s, slen, &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  g_assert_false (credence_public_key_verify (test_key_get_public (key), c->alg,
                                              (const guint8 *) "header.payloaD", strlen (message), s, slen, &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  bad = g_memdup2 (s, slen);
  bad[slen / 2] ^= 0x40;
  g_assert_false (credence_public_key_verify (test_key_get_public (key), c->alg,
                                              (const guint8 *) message, strlen (message), bad, slen, &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  /* A truncated signature. */
  g_assert_false (credence_public_key_verify (test_key_get_public (key), c->alg,
                                              (const guint8 *) message, strlen (message), s, slen - 1, &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  /* An algorithm for another key type. */
  g_assert_false (credence_public_key_verify (test_key_get_public (key),
                                              c->type == CREDENCE_KEY_TYPE_ED25519 ? CREDENCE_SIGNATURE_ES256
                                                                                   : CREDENCE_SIGNATURE_EDDSA,
                                              (const guint8 *) message, strlen (message), s, slen, &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_WRONG_ALGORITHM);
}

/* Compressed points in multikeys (did:key zDn… for P-256) decompress to
 * the same key, for many random keys (both parities of y). */
static void
test_ec_multikey_round_trip (void)
{
  for (guint i = 0; i < 8; i++)
    {
      CredenceKeyType type = i % 2 == 0 ? CREDENCE_KEY_TYPE_P256 : CREDENCE_KEY_TYPE_P384;
      g_autoptr(TestKey) key = test_key_new (type);
      g_autofree char *mb = credence_public_key_to_multikey (test_key_get_public (key));
      g_autoptr(CredencePublicKey) back = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_str_has_prefix (mb, type == CREDENCE_KEY_TYPE_P256 ? "zDn" : "z82"));
      back = credence_public_key_new_multikey (mb, &error);
      g_assert_no_error (error);
      g_assert_true (credence_public_key_equal (back, test_key_get_public (key)));
    }
}

static void
test_invalid_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) priv = json_object_new ();
  g_autoptr(JsonObject) rsa = json_object_new ();
  g_autoptr(JsonObject) crv = json_object_new ();
  guint8 point[65] = { 0x04 };
  guint8 compressed[33] = { 0x02 };

  /* A public key with the secret-key multicodec header. */
  g_assert_null (credence_public_key_new_multikey ("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq", &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  g_assert_null (credence_public_key_new_multikey ("6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (credence_public_key_new_ed25519 ((const guint8 *) "short", 5, &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_INVALID);
  g_clear_error (&error);

  /* (1, 1) is not on P-256, and x = 1 has no y at all. */
  point[32] = 1;
  point[64] = 1;
  g_assert_null (credence_public_key_new_ec_point (CREDENCE_KEY_TYPE_P256, point, sizeof point, &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_INVALID);
  g_clear_error (&error);
  compressed[32] = 1;
  g_assert_null (credence_public_key_new_ec_point (CREDENCE_KEY_TYPE_P256, compressed, sizeof compressed, &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_INVALID);
  g_clear_error (&error);

  json_object_set_string_member (priv, "kty", "OKP");
  json_object_set_string_member (priv, "crv", "Ed25519");
  json_object_set_string_member (priv, "x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
  json_object_set_string_member (priv, "d", "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A");
  g_assert_null (credence_public_key_new_jwk (priv, &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_PRIVATE);
  g_clear_error (&error);

  /* RFC 8037 example public key imports once the secret is removed. */
  json_object_remove_member (priv, "d");
  {
    g_autoptr(CredencePublicKey) k = credence_public_key_new_jwk (priv, &error);
    g_assert_no_error (error);
    g_assert_nonnull (k);
  }

  /* A 512-bit RSA modulus is refused. */
  json_object_set_string_member (rsa, "kty", "RSA");
  json_object_set_string_member (rsa, "n", "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXbQ");
  json_object_set_string_member (rsa, "e", "AQAB");
  g_assert_null (credence_public_key_new_jwk (rsa, &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  json_object_set_string_member (crv, "kty", "EC");
  json_object_set_string_member (crv, "crv", "secp256k1");
  g_assert_null (credence_public_key_new_jwk (crv, &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  {
    CredenceSignatureAlgorithm alg;

    g_assert_false (credence_signature_algorithm_from_jose ("none", &alg));
    g_assert_false (credence_signature_algorithm_from_jose ("HS256", &alg));
    g_assert_false (credence_signature_algorithm_from_jose (NULL, &alg));
  }
}

int
main (int   argc,
      char *argv[])
{
  static const SignCase cases[] = {
    { CREDENCE_KEY_TYPE_ED25519, CREDENCE_SIGNATURE_EDDSA, "EdDSA" },
    { CREDENCE_KEY_TYPE_P256, CREDENCE_SIGNATURE_ES256, "ES256" },
    { CREDENCE_KEY_TYPE_P384, CREDENCE_SIGNATURE_ES384, "ES384" },
    { CREDENCE_KEY_TYPE_RSA, CREDENCE_SIGNATURE_RS256, "RS256" },
    { CREDENCE_KEY_TYPE_RSA, CREDENCE_SIGNATURE_PS256, "PS256" },
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/public-key/w3c-vector", test_w3c_vector);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/public-key/sign-verify/%s", cases[i].jose);
      g_test_add_data_func (path, &cases[i], test_sign_verify);
    }
  g_test_add_func ("/public-key/ec-multikey-round-trip", test_ec_multikey_round_trip);
  g_test_add_func ("/public-key/invalid", test_invalid_keys);

  return g_test_run ();
}
