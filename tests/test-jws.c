/* test-jws.c: compact JWS parsing and verification.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-json.h"
#include "credence-jws.h"
#include "credence-limits.h"
#include "credence-multibase.h"
#include "credence-test-keys.h"

static char *
make_jws (TestKey                    *key,
          CredenceSignatureAlgorithm  alg,
          const char                 *header,
          const char                 *payload)
{
  g_autofree char *h = credence_base64url_encode ((const guint8 *) header, strlen (header));
  g_autofree char *p = credence_base64url_encode ((const guint8 *) payload, strlen (payload));
  g_autofree char *input = g_strconcat (h, ".", p, NULL);
  g_autoptr(GBytes) sig = test_key_sign (key, alg, input, strlen (input));
  g_autofree char *s = credence_base64url_encode (g_bytes_get_data (sig, NULL), g_bytes_get_size (sig));

  return g_strconcat (input, ".", s, NULL);
}

static void
test_corpus_clr_jwt (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", "1edtech-dc-public-validator",
                                                 "clr20", "simple.jwt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceJws) jws = NULL;
  g_autoptr(CredencePublicKey) key = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autofree char *tampered = NULL;
  g_autoptr(CredenceJws) bad = NULL;
  char *dot;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  jws = credence_jws_parse (text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (credence_jws_get_algorithm (jws), ==, CREDENCE_SIGNATURE_RS256);

  key = credence_public_key_new_jwk (credence_json_object_get_object (credence_jws_get_header (jws), "jwk"), &error);
  g_assert_no_error (error);
  g_assert_true (credence_jws_verify (jws, key, NULL, &error));
  g_assert_no_error (error);

  payload = credence_json_parse_bytes (credence_jws_get_payload (jws), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credence_json_object_get_string (json_node_get_object (payload), "iss"), ==,
                   "https://example.edu/issuers/565049");

  /* Change one payload character. */
  tampered = g_strdup (g_strstrip (text));
  dot = strchr (tampered, '.');
  dot[5] = dot[5] == 'A' ? 'B' : 'A';
  bad = credence_jws_parse (tampered, &error);
  g_assert_no_error (error);
  g_assert_false (credence_jws_verify (bad, key, NULL, &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE);
}

static void
test_generated (void)
{
  static const struct { CredenceKeyType type; CredenceSignatureAlgorithm alg; const char *name; } cases[] = {
    { CREDENCE_KEY_TYPE_ED25519, CREDENCE_SIGNATURE_EDDSA, "EdDSA" },
    { CREDENCE_KEY_TYPE_P256, CREDENCE_SIGNATURE_ES256, "ES256" },
    { CREDENCE_KEY_TYPE_RSA, CREDENCE_SIGNATURE_RS256, "RS256" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TestKey) key = test_key_new (cases[i].type);
      g_autoptr(TestKey) other = test_key_new (cases[i].type);
      g_autofree char *header = g_strdup_printf ("{\"alg\":\"%s\",\"typ\":\"JWT\"}", cases[i].name);
      g_autofree char *token = make_jws (key, cases[i].alg, header, "{\"iss\":\"did:example:1\"}");
      g_autofree char *padded = g_strconcat ("\n  ", token, "\r\n", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceJws) jws = credence_jws_parse (padded, &error);

      g_assert_no_error (error);
      g_assert_true (credence_jws_verify (jws, test_key_get_public (key), NULL, &error));
      g_assert_no_error (error);
      g_assert_false (credence_jws_verify (jws, test_key_get_public (other), NULL, &error));
      g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE);
    }
}

static void
test_refused_headers (void)
{
  g_autoptr(TestKey) key = test_key_new (CREDENCE_KEY_TYPE_ED25519);
  static const struct { const char *header; int code; } cases[] = {
    { "{\"alg\":\"none\"}", CREDENCE_JWS_ERROR_ALGORITHM },
    { "{\"alg\":\"HS256\"}", CREDENCE_JWS_ERROR_ALGORITHM },
    { "{\"typ\":\"JWT\"}", CREDENCE_JWS_ERROR_ALGORITHM },
    { "{\"alg\":\"EdDSA\",\"crit\":[\"exp\"],\"exp\":1}", CREDENCE_JWS_ERROR_CRITICAL },
    { "{\"alg\":\"EdDSA\",\"b64\":false}", CREDENCE_JWS_ERROR_INVALID },
    { "[\"alg\"]", CREDENCE_JWS_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *token = make_jws (key, CREDENCE_SIGNATURE_EDDSA, cases[i].header, "{}");
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceJws) jws = credence_jws_parse (token, &error);

      g_assert_null (jws);
      g_assert_error (error, CREDENCE_JWS_ERROR, cases[i].code);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *huge = g_strnfill (CREDENCE_LIMIT_JWT_SIZE + 1, 'a');

    g_assert_null (credence_jws_parse ("a.b", &error));
    g_assert_error (error, CREDENCE_JWS_ERROR, CREDENCE_JWS_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_null (credence_jws_parse (huge, &error));
    g_assert_error (error, CREDENCE_JWS_ERROR, CREDENCE_JWS_ERROR_TOO_LARGE);
  }
}

/* Ed25519Signature2018: detached, unencoded payload of raw bytes. */
static void
test_detached_unencoded (void)
{
  g_autoptr(TestKey) key = test_key_new (CREDENCE_KEY_TYPE_ED25519);
  const char *header = "{\"alg\":\"EdDSA\",\"crit\":[\"b64\"],\"b64\":false}";
  g_autofree char *h = credence_base64url_encode ((const guint8 *) header, strlen (header));
  guint8 payload[64];
  g_autoptr(GByteArray) input = g_byte_array_new ();
  g_autoptr(GBytes) sig = NULL;
  g_autofree char *s = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GBytes) detached = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceJws) jws = NULL;

  for (guint i = 0; i < sizeof payload; i++)
    payload[i] = i * 7;
  g_byte_array_append (input, (const guint8 *) h, strlen (h));
  g_byte_array_append (input, (const guint8 *) ".", 1);
  g_byte_array_append (input, payload, sizeof payload);
  sig = test_key_sign (key, CREDENCE_SIGNATURE_EDDSA, input->data, input->len);
  s = credence_base64url_encode (g_bytes_get_data (sig, NULL), g_bytes_get_size (sig));
  token = g_strconcat (h, "..", s, NULL);

  jws = credence_jws_parse (token, &error);
  g_assert_no_error (error);
  g_assert_true (credence_jws_is_detached (jws));

  g_assert_false (credence_jws_verify (jws, test_key_get_public (key), NULL, &error));
  g_assert_error (error, CREDENCE_JWS_ERROR, CREDENCE_JWS_ERROR_INVALID);
  g_clear_error (&error);

  detached = g_bytes_new (payload, sizeof payload);
  g_assert_true (credence_jws_verify (jws, test_key_get_public (key), detached, &error));
  g_assert_no_error (error);

  payload[3] ^= 1;
  g_clear_pointer (&detached, g_bytes_unref);
  detached = g_bytes_new (payload, sizeof payload);
  g_assert_false (credence_jws_verify (jws, test_key_get_public (key), detached, &error));
  g_assert_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jws/corpus-clr", test_corpus_clr_jwt);
  g_test_add_func ("/jws/generated", test_generated);
  g_test_add_func ("/jws/refused-headers", test_refused_headers);
  g_test_add_func ("/jws/detached-unencoded", test_detached_unencoded);

  return g_test_run ();
}
