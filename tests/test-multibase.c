/* test-multibase.c: base58btc, base64url, multibase and multicodec.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-limits.h"
#include "credence-multibase.h"

static void
test_base58_vectors (void)
{
  /* From the base58btc draft (draft-msporny-base58). */
  static const struct { const char *plain; const char *b58; } vectors[] = {
    { "Hello World!", "2NEpo7TZRRrLZSi2U" },
    { "The quick brown fox jumps over the lazy dog.",
      "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z" },
    { "\0\0(\x7f\xb4\xcd", "11233QC4" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      gsize n = i == 2 ? 6 : strlen (vectors[i].plain);
      g_autoptr(GError) error = NULL;
      g_autofree char *enc = credence_base58btc_encode ((const guint8 *) vectors[i].plain, n);
      g_autoptr(GBytes) dec = credence_base58btc_decode (vectors[i].b58, -1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (enc, ==, vectors[i].b58);
      g_assert_cmpmem (g_bytes_get_data (dec, NULL), g_bytes_get_size (dec), vectors[i].plain, n);
    }
}

static void
test_base58_random_round_trip (void)
{
  for (guint round = 0; round < 200; round++)
    {
      guint8 data[80];
      gsize n = g_random_int_range (0, sizeof data);
      g_autofree char *enc = NULL;
      g_autoptr(GBytes) dec = NULL;
      g_autoptr(GError) error = NULL;

      for (gsize i = 0; i < n; i++)
        data[i] = g_random_int_range (0, 4) == 0 ? 0 : g_random_int_range (0, 256);
      enc = credence_base58btc_encode (data, n);
      dec = credence_base58btc_decode (enc, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (dec, NULL), g_bytes_get_size (dec), data, n);
    }
}

static void
test_base58_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) dec = credence_base58btc_decode ("abc0def", -1, &error);
  g_autofree char *long_text = g_strnfill (CREDENCE_LIMIT_BASE58_LENGTH + 1, '2');

  g_assert_null (dec);
  g_assert_error (error, CREDENCE_MULTIBASE_ERROR, CREDENCE_MULTIBASE_ERROR_INVALID);
  g_clear_error (&error);

  dec = credence_base58btc_decode ("Il", -1, &error);
  g_assert_null (dec);
  g_assert_error (error, CREDENCE_MULTIBASE_ERROR, CREDENCE_MULTIBASE_ERROR_INVALID);
  g_clear_error (&error);

  dec = credence_base58btc_decode (long_text, -1, &error);
  g_assert_null (dec);
  g_assert_error (error, CREDENCE_MULTIBASE_ERROR, CREDENCE_MULTIBASE_ERROR_TOO_LARGE);
}

static void
test_base64url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) a = credence_base64url_decode ("eyJhbGciOiJFZERTQSJ9", -1, &error);
  g_autoptr(GBytes) b = NULL;
  g_autofree char *enc = NULL;
  const guint8 bin[] = { 0xfb, 0xff, 0xfe };

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (a, NULL), g_bytes_get_size (a), "{\"alg\":\"EdDSA\"}", 15);

  enc = credence_base64url_encode (bin, sizeof bin);
  g_assert_cmpstr (enc, ==, "-__-");
  b = credence_base64url_decode (enc, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (b, NULL), g_bytes_get_size (b), bin, sizeof bin);
  g_clear_pointer (&b, g_bytes_unref);

  /* Padding is accepted when complete. */
  b = credence_base64url_decode ("YQ==", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (b, NULL), g_bytes_get_size (b), "a", 1);
  g_clear_pointer (&b, g_bytes_unref);

  /* Standard base64 characters, a lone character, non-zero spare bits. */
  for (guint i = 0; i < 4; i++)
    {
      const char *bad[] = { "+/+/", "a", "YR", "YQ=" };

      b = credence_base64url_decode (bad[i], -1, &error);
      g_assert_null (b);
      g_assert_error (error, CREDENCE_MULTIBASE_ERROR, CREDENCE_MULTIBASE_ERROR_INVALID);
      g_clear_error (&error);
    }
}

static void
test_multibase_and_multicodec (void)
{
  g_autoptr(GError) error = NULL;
  /* The W3C vc-di-eddsa test vector key. */
  g_autoptr(GBytes) key = credence_multibase_decode ("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", &error);
  g_autoptr(GBytes) rest = NULL;
  g_autoptr(GBytes) priv = NULL;
  g_autoptr(GBytes) u = NULL;
  guint64 code = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (key), ==, 34);
  g_assert_true (credence_multicodec_split (key, &code, &rest, &error));
  g_assert_cmphex (code, ==, CREDENCE_MULTICODEC_ED25519_PUB);
  g_assert_cmpuint (g_bytes_get_size (rest), ==, 32);
  g_clear_pointer (&rest, g_bytes_unref);

  priv = credence_multibase_decode ("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq", &error);
  g_assert_no_error (error);
  g_assert_true (credence_multicodec_split (priv, &code, &rest, &error));
  g_assert_cmphex (code, ==, CREDENCE_MULTICODEC_ED25519_PRIV);

  u = credence_multibase_decode ("uH4sI", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (u, NULL), 3, "\x1f\x8b\x08", 3);

  g_assert_null (credence_multibase_decode ("f00", &error));
  g_assert_error (error, CREDENCE_MULTIBASE_ERROR, CREDENCE_MULTIBASE_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_null (credence_multibase_decode ("", &error));
  g_assert_error (error, CREDENCE_MULTIBASE_ERROR, CREDENCE_MULTIBASE_ERROR_INVALID);
  g_clear_error (&error);

  {
    g_autoptr(GBytes) truncated = g_bytes_new_static ("\x80", 1);
    g_autoptr(GBytes) r = NULL;

    g_assert_false (credence_multicodec_split (truncated, &code, &r, &error));
    g_assert_error (error, CREDENCE_MULTIBASE_ERROR, CREDENCE_MULTIBASE_ERROR_INVALID);
  }
}

/* CREDENCE_LIMIT_BASE64_LENGTH: at the limit decodes, one more is refused
 * before any decoding.
 */
static void
test_base64url_too_long (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) dec = NULL;
  g_autofree char *text = g_strnfill (CREDENCE_LIMIT_BASE64_LENGTH + 4, 'A');

  dec = credence_base64url_decode (text, CREDENCE_LIMIT_BASE64_LENGTH, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (dec), ==, CREDENCE_LIMIT_BASE64_LENGTH / 4 * 3);
  g_clear_pointer (&dec, g_bytes_unref);

  dec = credence_base64url_decode (text, CREDENCE_LIMIT_BASE64_LENGTH + 4, &error);
  g_assert_error (error, CREDENCE_MULTIBASE_ERROR, CREDENCE_MULTIBASE_ERROR_TOO_LARGE);
  g_assert_null (dec);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/multibase/base58/vectors", test_base58_vectors);
  g_test_add_func ("/multibase/base58/round-trip", test_base58_random_round_trip);
  g_test_add_func ("/multibase/base58/errors", test_base58_errors);
  g_test_add_func ("/multibase/base64url", test_base64url);
  g_test_add_func ("/multibase/base64url/too-long", test_base64url_too_long);
  g_test_add_func ("/multibase/multicodec", test_multibase_and_multicodec);

  return g_test_run ();
}
