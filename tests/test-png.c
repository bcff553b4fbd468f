/* test-png.c: PNG unbaking against generated damage.
 *
 * Every case builds its PNG here, copies it into a buffer of exactly its
 * size (so AddressSanitizer sees any read past the end) and checks the
 * specific error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-badge.h"
#include "credence-limits.h"
#include "credence-png.h"

static const char badge_json[] =
  "{\"@context\":\"https://w3id.org/openbadges/v2\",\"type\":\"Assertion\","
  "\"id\":\"https://example.org/beths-robotics-badge.json\","
  "\"recipient\":{\"type\":\"email\",\"hashed\":false,\"identity\":\"nobody@example.org\"},"
  "\"badge\":\"https://example.org/robotics-badge.json\","
  "\"verification\":{\"type\":\"hosted\"},\"issuedOn\":\"2016-12-31T23:59:59Z\"}";

static void
put_be32 (GByteArray *out,
          guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF };

  g_byte_array_append (out, b, 4);
}

static void
add_chunk (GByteArray   *png,
           const char   *type,
           const void   *data,
           gsize         length)
{
  guint32 crc = credence_crc32 (0, (const guint8 *)type, 4);

  crc = credence_crc32 (crc, data, length);
  put_be32 (png, (guint32)length);
  g_byte_array_append (png, (const guint8 *)type, 4);
  g_byte_array_append (png, data, (guint)length);
  put_be32 (png, crc);
}

static GByteArray *
png_start (void)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  static const guint8 ihdr[13] = { 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0 };
  static const guint8 idat[] = { 0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01 };
  GByteArray *png = g_byte_array_new ();

  g_byte_array_append (png, signature, sizeof signature);
  add_chunk (png, "IHDR", ihdr, sizeof ihdr);
  add_chunk (png, "IDAT", idat, sizeof idat);
  return png;
}

static void
png_end (GByteArray *png)
{
  add_chunk (png, "IEND", "", 0);
}

/* keyword NUL flag method lang NUL translated NUL text */
static void
add_itxt (GByteArray   *png,
          const char   *keyword,
          guint8        flag,
          const char   *lang,
          const char   *translated,
          const void   *text,
          gsize         text_length)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 fm[2] = { flag, 0 };

  g_byte_array_append (data, (const guint8 *)keyword, (guint)strlen (keyword) + 1);
  g_byte_array_append (data, fm, 2);
  g_byte_array_append (data, (const guint8 *)lang, (guint)strlen (lang) + 1);
  g_byte_array_append (data, (const guint8 *)translated, (guint)strlen (translated) + 1);
  g_byte_array_append (data, text, (guint)text_length);
  add_chunk (png, "iTXt", data->data, data->len);
}

static void
add_text (GByteArray *png,
          const char *type,
          const char *keyword,
          const void *text,
          gsize       text_length)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();

  g_byte_array_append (data, (const guint8 *)keyword, (guint)strlen (keyword) + 1);
  if (strcmp (type, "zTXt") == 0)
    g_byte_array_append (data, (const guint8 *)"", 1);
  g_byte_array_append (data, text, (guint)text_length);
  add_chunk (png, type, data->data, data->len);
}

static GBytes *
zlib_compress (const void *data,
               gsize       length)
{
  g_autoptr(GConverter) compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9));
  g_autoptr(GInputStream) base = g_memory_input_stream_new_from_data (data, (gssize)length, NULL);
  g_autoptr(GInputStream) in = g_converter_input_stream_new (base, compressor);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                          NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* Reads a badge from an exactly sized copy of the first @length bytes. */
static CredenceBadge *
read_png (const guint8  *data,
          gsize          length,
          GError       **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);

  return credence_badge_new_from_bytes (bytes, "test.png", error);
}

static void
assert_png_error (GByteArray *png,
                  int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBadge) badge = read_png (png->data, png->len, &error);

  g_assert_null (badge);
  g_assert_error (error, CREDENCE_BADGE_ERROR, code);
}

static CredenceBadge *
assert_png_ok (GByteArray *png)
{
  g_autoptr(GError) error = NULL;
  CredenceBadge *badge = read_png (png->data, png->len, &error);

  g_assert_no_error (error);
  g_assert_nonnull (badge);
  return badge;
}

static void
test_png_plain (void)
{
  g_autoptr(GByteArray) png = png_start ();
  g_autoptr(CredenceBadge) badge = NULL;
  gsize offset;

  add_text (png, "tEXt", "Software", "test", 4);
  offset = png->len;
  add_itxt (png, "openbadges", 0, "", "", badge_json, strlen (badge_json));
  png_end (png);

  badge = assert_png_ok (png);
  g_assert_cmpstr (credence_badge_get_location_chunk (badge), ==, "iTXt");
  g_assert_cmpint (credence_badge_get_location_offset (badge), ==, (gint64)offset);
  g_assert_cmpint (credence_badge_get_spec_version (badge), ==, CREDENCE_SPEC_VERSION_2_0);
  g_assert_cmpmem (g_bytes_get_data (credence_badge_get_payload (badge), NULL),
                   g_bytes_get_size (credence_badge_get_payload (badge)),
                   badge_json, strlen (badge_json));
}

/* Every prefix of the file: before the signature it is nothing; after it,
 * always a damaged image, whether the cut falls on a chunk boundary or inside
 * the badge chunk. */
static void
test_png_truncation (void)
{
  g_autoptr(GByteArray) png = png_start ();

  add_itxt (png, "openbadges", 0, "", "", badge_json, strlen (badge_json));
  png_end (png);

  for (gsize cut = 0; cut < png->len; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceBadge) badge = read_png (png->data, cut, &error);

      g_assert_null (badge);
      if (cut < 8)
        g_assert_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_A_BADGE);
      else
        g_assert_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);
    }
}

static void
test_png_bad_crc (void)
{
  g_autoptr(GByteArray) png = png_start ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBadge) badge = NULL;
  g_autofree char *where = NULL;
  gsize offset = png->len;

  add_itxt (png, "openbadges", 0, "", "", badge_json, strlen (badge_json));
  png_end (png);

  /* Last CRC byte of the badge chunk. */
  png->data[png->len - 12 - 1] ^= 0x01;
  badge = read_png (png->data, png->len, &error);
  g_assert_null (badge);
  g_assert_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);
  where = g_strdup_printf ("byte %" G_GSIZE_FORMAT, offset);
  g_assert_nonnull (strstr (error->message, where));
  png->data[png->len - 12 - 1] ^= 0x01;

  /* A flipped bit in the payload breaks the CRC too. */
  png->data[offset + 8 + 30] ^= 0x20;
  assert_png_error (png, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);
}

static void
test_png_bad_crc_elsewhere (void)
{
  g_autoptr(GByteArray) png = png_start ();
  g_autoptr(CredenceBadge) badge = NULL;

  /* Only the badge chunk's CRC matters: pixels are never decoded. */
  png->data[8 + 8 + 13] ^= 0xFF; /* IHDR CRC */
  add_itxt (png, "openbadges", 0, "", "", badge_json, strlen (badge_json));
  png_end (png);
  badge = assert_png_ok (png);
  g_assert_nonnull (badge);
}

static void
test_png_oversized_length (void)
{
  static const guint32 lengths[] = { 0xFFFFFFFFu, 0x80000000u, 0x7FFFFFFFu, 0x10000u };

  for (gsize i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr(GByteArray) png = png_start ();
      gsize offset = png->len;

      add_itxt (png, "openbadges", 0, "", "", badge_json, strlen (badge_json));
      png_end (png);
      png->data[offset] = lengths[i] >> 24;
      png->data[offset + 1] = (lengths[i] >> 16) & 0xFF;
      png->data[offset + 2] = (lengths[i] >> 8) & 0xFF;
      png->data[offset + 3] = lengths[i] & 0xFF;
      assert_png_error (png, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);
    }
}

static void
test_png_structure (void)
{
  g_autoptr(GByteArray) no_ihdr = g_byte_array_new ();
  g_autoptr(GByteArray) bad_type = png_start ();
  g_autoptr(GByteArray) no_iend = png_start ();
  g_autoptr(GByteArray) after_iend = png_start ();
  g_autoptr(CredenceBadge) badge = NULL;
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

  g_byte_array_append (no_ihdr, signature, 8);
  add_itxt (no_ihdr, "openbadges", 0, "", "", badge_json, strlen (badge_json));
  png_end (no_ihdr);
  assert_png_error (no_ihdr, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);

  add_chunk (bad_type, "a1b2", "x", 1);
  add_itxt (bad_type, "openbadges", 0, "", "", badge_json, strlen (badge_json));
  png_end (bad_type);
  assert_png_error (bad_type, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);

  add_itxt (no_iend, "openbadges", 0, "", "", badge_json, strlen (badge_json));
  assert_png_error (no_iend, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);

  /* Bytes after IEND are not part of the picture. */
  add_itxt (after_iend, "openbadges", 0, "", "", badge_json, strlen (badge_json));
  png_end (after_iend);
  g_byte_array_append (after_iend, (const guint8 *)"garbage", 7);
  badge = assert_png_ok (after_iend);
  g_assert_nonnull (badge);
}

static void
test_png_compressed_itxt (void)
{
  g_autoptr(GByteArray) png = png_start ();
  g_autoptr(GBytes) z = zlib_compress (badge_json, strlen (badge_json));
  g_autoptr(CredenceBadge) badge = NULL;

  add_itxt (png, "openbadges", 1, "en", "Open Badges", g_bytes_get_data (z, NULL), g_bytes_get_size (z));
  png_end (png);
  badge = assert_png_ok (png);
  g_assert_cmpstr (credence_badge_get_location_chunk (badge), ==, "iTXt");
  /* The payload is the inflated text. */
  g_assert_cmpmem (g_bytes_get_data (credence_badge_get_payload (badge), NULL),
                   g_bytes_get_size (credence_badge_get_payload (badge)),
                   badge_json, strlen (badge_json));
}

static void
test_png_ztxt (void)
{
  g_autoptr(GByteArray) png = png_start ();
  g_autoptr(GBytes) z = zlib_compress (badge_json, strlen (badge_json));
  g_autoptr(CredenceBadge) badge = NULL;

  add_text (png, "zTXt", "openbadges", g_bytes_get_data (z, NULL), g_bytes_get_size (z));
  png_end (png);
  badge = assert_png_ok (png);
  g_assert_cmpstr (credence_badge_get_location_chunk (badge), ==, "zTXt");
  g_assert_cmpint (credence_badge_get_spec_version (badge), ==, CREDENCE_SPEC_VERSION_2_0);
}

static void
test_png_bad_compression (void)
{
  g_autoptr(GBytes) z = zlib_compress (badge_json, strlen (badge_json));
  gsize zlen = g_bytes_get_size (z);
  g_autofree guint8 *broken = g_memdup2 (g_bytes_get_data (z, NULL), zlen);
  g_autoptr(GByteArray) garbled = png_start ();
  g_autoptr(GByteArray) cut = png_start ();
  g_autoptr(GByteArray) bad_flag = png_start ();

  for (gsize i = 2; i < zlen; i++)
    broken[i] ^= 0x5A;
  add_itxt (garbled, "openbadges", 1, "", "", broken, zlen);
  png_end (garbled);
  assert_png_error (garbled, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);

  /* A zlib stream that stops half-way. */
  add_itxt (cut, "openbadges", 1, "", "", g_bytes_get_data (z, NULL), zlen / 2);
  png_end (cut);
  assert_png_error (cut, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);

  add_itxt (bad_flag, "openbadges", 2, "", "", badge_json, strlen (badge_json));
  png_end (bad_flag);
  assert_png_error (bad_flag, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);
}

static void
test_png_decompression_cap (void)
{
  gsize size = CREDENCE_LIMIT_PAYLOAD_SIZE + 1;
  g_autofree char *spaces = g_malloc (size);
  g_autoptr(GBytes) z = NULL;
  g_autoptr(GByteArray) itxt = png_start ();
  g_autoptr(GByteArray) ztxt = png_start ();
  g_autoptr(GByteArray) plain = png_start ();

  memset (spaces, ' ', size);
  spaces[0] = '{';
  z = zlib_compress (spaces, size);
  /* A few kilobytes that inflate past the limit. */
  g_assert_cmpuint (g_bytes_get_size (z), <, 64 * 1024);

  add_itxt (itxt, "openbadges", 1, "", "", g_bytes_get_data (z, NULL), g_bytes_get_size (z));
  png_end (itxt);
  assert_png_error (itxt, CREDENCE_BADGE_ERROR_TOO_LARGE);

  add_text (ztxt, "zTXt", "openbadgecredential", g_bytes_get_data (z, NULL), g_bytes_get_size (z));
  png_end (ztxt);
  assert_png_error (ztxt, CREDENCE_BADGE_ERROR_TOO_LARGE);

  add_text (plain, "tEXt", "openbadges", spaces, size);
  png_end (plain);
  assert_png_error (plain, CREDENCE_BADGE_ERROR_TOO_LARGE);
}

static void
test_png_decoys (void)
{
  g_autoptr(GByteArray) png = png_start ();

  /* Badge data under other keywords, or a keyword that only starts the same. */
  add_text (png, "tEXt", "Comment", badge_json, strlen (badge_json));
  add_text (png, "tEXt", "openbadgesX", badge_json, strlen (badge_json));
  add_text (png, "tEXt", "OpenBadges", badge_json, strlen (badge_json));
  add_itxt (png, "XML:com.adobe.xmp", 0, "", "", "<x:xmpmeta/>", 12);
  add_chunk (png, "oPNB", badge_json, strlen (badge_json));
  png_end (png);
  assert_png_error (png, CREDENCE_BADGE_ERROR_NOT_A_BADGE);
}

static void
test_png_two_badges (void)
{
  g_autoptr(GByteArray) same = png_start ();
  g_autoptr(GByteArray) different = png_start ();
  g_autoptr(GByteArray) both_keywords = png_start ();
  g_autoptr(CredenceBadge) badge = NULL;

  add_itxt (same, "openbadges", 0, "", "", badge_json, strlen (badge_json));
  add_text (same, "tEXt", "openbadges", badge_json, strlen (badge_json));
  png_end (same);
  badge = assert_png_ok (same);
  g_assert_cmpstr (credence_badge_get_location_chunk (badge), ==, "iTXt");

  add_itxt (different, "openbadges", 0, "", "", badge_json, strlen (badge_json));
  add_text (different, "tEXt", "openbadges", "https://example.org/other", 25);
  png_end (different);
  assert_png_error (different, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);

  add_itxt (both_keywords, "openbadges", 0, "", "", badge_json, strlen (badge_json));
  add_itxt (both_keywords, "openbadgecredential", 0, "", "", "{}", 2);
  png_end (both_keywords);
  assert_png_error (both_keywords, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);
}

static void
test_png_bad_payloads (void)
{
  static const char *const payloads[] = {
    "{\"broken\": ", "not a badge at all", "eyJhbGciOiJSUzI1NiJ9.eyJ.sig", "",
  };
  g_autoptr(GByteArray) url3 = png_start ();

  for (gsize i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autoptr(GByteArray) png = png_start ();

      add_itxt (png, "openbadges", 0, "", "", payloads[i], strlen (payloads[i]));
      png_end (png);
      assert_png_error (png, CREDENCE_BADGE_ERROR_INVALID_DATA);
    }

  /* OB 3.0 never bakes a URL. */
  add_itxt (url3, "openbadgecredential", 0, "", "", "https://example.org/c", 21);
  png_end (url3);
  assert_png_error (url3, CREDENCE_BADGE_ERROR_INVALID_DATA);
}

static void
test_png_deep_json (void)
{
  g_autoptr(GByteArray) png = png_start ();
  GString *deep = g_string_new ("{\"a\":");

  for (int i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  add_itxt (png, "openbadges", 0, "", "", deep->str, deep->len);
  png_end (png);
  assert_png_error (png, CREDENCE_BADGE_ERROR_TOO_LARGE);
  g_string_free (deep, TRUE);
}

static void
test_png_latin1_text (void)
{
  g_autoptr(GByteArray) png = png_start ();
  static const char url[] = "https://example.org/assertions/caf\xE9";
  g_autoptr(CredenceBadge) badge = NULL;

  add_text (png, "tEXt", "openbadges", url, strlen (url));
  png_end (png);
  badge = assert_png_ok (png);
  g_assert_cmpint (credence_badge_get_format (badge), ==, CREDENCE_BADGE_FORMAT_URL_ONLY);
  g_assert_cmpstr (credence_badge_get_url (badge), ==, "https://example.org/assertions/caf\xC3\xA9");
  /* The payload stays as stored. */
  g_assert_cmpmem (g_bytes_get_data (credence_badge_get_payload (badge), NULL),
                   g_bytes_get_size (credence_badge_get_payload (badge)), url, strlen (url));
}

static void
test_png_large_badge_at_end (void)
{
  g_autoptr(GByteArray) png = png_start ();
  gsize idat_size = 1024 * 1024;
  g_autofree guint8 *idat = g_malloc (idat_size);
  g_autoptr(CredenceBadge) badge = NULL;
  gsize offset;

  for (gsize i = 0; i < idat_size; i++)
    idat[i] = (guint8)(i * 31 + 7);
  for (int i = 0; i < 10; i++)
    add_chunk (png, "IDAT", idat, idat_size);
  offset = png->len;
  add_itxt (png, "openbadges", 0, "", "", badge_json, strlen (badge_json));
  png_end (png);
  g_assert_cmpuint (png->len, >, 10 * 1000 * 1000);

  badge = assert_png_ok (png);
  g_assert_cmpint (credence_badge_get_location_offset (badge), ==, (gint64)offset);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/png/plain", test_png_plain);
  g_test_add_func ("/png/truncation", test_png_truncation);
  g_test_add_func ("/png/bad-crc", test_png_bad_crc);
  g_test_add_func ("/png/bad-crc-elsewhere", test_png_bad_crc_elsewhere);
  g_test_add_func ("/png/oversized-length", test_png_oversized_length);
  g_test_add_func ("/png/structure", test_png_structure);
  g_test_add_func ("/png/compressed-itxt", test_png_compressed_itxt);
  g_test_add_func ("/png/ztxt", test_png_ztxt);
  g_test_add_func ("/png/bad-compression", test_png_bad_compression);
  g_test_add_func ("/png/decompression-cap", test_png_decompression_cap);
  g_test_add_func ("/png/decoys", test_png_decoys);
  g_test_add_func ("/png/two-badges", test_png_two_badges);
  g_test_add_func ("/png/bad-payloads", test_png_bad_payloads);
  g_test_add_func ("/png/deep-json", test_png_deep_json);
  g_test_add_func ("/png/latin1-text", test_png_latin1_text);
  g_test_add_func ("/png/large-badge-at-end", test_png_large_badge_at_end);

  return g_test_run ();
}
