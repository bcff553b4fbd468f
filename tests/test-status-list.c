/* test-status-list.c: status list bitstrings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "credence-json.h"
#include "credence-limits.h"
#include "credence-status-list.h"

static GBytes *
decode_corpus_list (const char *rel_path)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", rel_path, NULL);
  g_autofree char *text = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *subject;
  GBytes *bits;

  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  root = credence_json_parse (text, len, &error);
  g_assert_no_error (error);
  subject = credence_json_object_get_object (json_node_get_object (root), "credentialSubject");
  bits = credence_status_list_decode (credence_json_object_get_string (subject, "encodedList"), &error);
  g_assert_no_error (error);
  return bits;
}

static void
assert_set_bits (GBytes        *bits,
                 const guint64 *expected,
                 guint          n_expected)
{
  guint found = 0;

  for (guint64 i = 0; i < g_bytes_get_size (bits) * 8; i++)
    {
      guint v = 0;
      g_autoptr(GError) error = NULL;

      g_assert_true (credence_status_list_get (bits, i, 1, &v, &error));
      if (v != 0)
        {
          g_assert_cmpuint (found, <, n_expected);
          g_assert_cmpuint (i, ==, expected[found]);
          found++;
        }
    }
  g_assert_cmpuint (found, ==, n_expected);
}

static void
test_corpus_lists (void)
{
  static const guint64 dcc[] = { 2, 6, 8 };
  static const guint64 onedtech[] = { 23 };
  g_autoptr(GBytes) a = decode_corpus_list ("digitalcredentials-verifier-core/status/e5WK8CbZ1GjycuPombrj");
  g_autoptr(GBytes) b = decode_corpus_list ("1edtech-dc-public-validator/ob30/bit-string-list/testlist");

  g_assert_cmpuint (g_bytes_get_size (a), ==, 100000 / 8);
  assert_set_bits (a, dcc, G_N_ELEMENTS (dcc));
  g_assert_cmpuint (g_bytes_get_size (b), ==, 131072 / 8);
  assert_set_bits (b, onedtech, G_N_ELEMENTS (onedtech));
}

static void
test_tampered_list (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", "digitalcredentials-vc-test-fixtures",
                                                 "statusLists", "didkey-ed25519Signature2020", "tampered", NULL);
  g_autofree char *text = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bits = NULL;
  JsonObject *subject;

  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  root = credence_json_parse (text, len, &error);
  g_assert_no_error (error);
  subject = credence_json_object_get_object (json_node_get_object (root), "credentialSubject");
  bits = credence_status_list_decode (credence_json_object_get_string (subject, "encodedList"), &error);
  g_assert_null (bits);
  g_assert_error (error, CREDENCE_STATUS_LIST_ERROR, CREDENCE_STATUS_LIST_ERROR_INVALID);
}

static void
test_round_trip_and_sizes (void)
{
  guint8 raw[16384] = { 0 };
  g_autofree char *enc = NULL;
  g_autoptr(GBytes) bits = NULL;
  g_autoptr(GError) error = NULL;
  guint v = 0;

  /* Index 5 with statusSize 2 is bits 10–11: byte 1, bits 2–3 from the top. */
  raw[1] = 0x30;
  raw[16383] = 0x01;
  enc = credence_status_list_encode (raw, sizeof raw);
  g_assert_true (g_str_has_prefix (enc, "uH4sI"));
  bits = credence_status_list_decode (enc, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bits, NULL), g_bytes_get_size (bits), raw, sizeof raw);

  g_assert_true (credence_status_list_get (bits, 5, 2, &v, &error));
  g_assert_cmpuint (v, ==, 3);
  g_assert_true (credence_status_list_get (bits, 4, 2, &v, &error));
  g_assert_cmpuint (v, ==, 0);
  g_assert_true (credence_status_list_get (bits, 131071, 1, &v, &error));
  g_assert_cmpuint (v, ==, 1);

  /* StatusList2021 writes bare base64url without the multibase prefix. */
  {
    g_autoptr(GBytes) bare = credence_status_list_decode (enc + 1, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (bare, bits));
  }

  g_assert_false (credence_status_list_get (bits, 131072, 1, &v, &error));
  g_assert_error (error, CREDENCE_STATUS_LIST_ERROR, CREDENCE_STATUS_LIST_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (credence_status_list_get (bits, G_MAXUINT64, 2, &v, &error));
  g_assert_error (error, CREDENCE_STATUS_LIST_ERROR, CREDENCE_STATUS_LIST_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (credence_status_list_get (bits, 0, 0, &v, &error));
  g_assert_error (error, CREDENCE_STATUS_LIST_ERROR, CREDENCE_STATUS_LIST_ERROR_RANGE);
  g_clear_error (&error);

  /* Not GZIP, not base64url, and a GZIP bomb over the limit. */
  g_assert_null (credence_status_list_decode ("uAAAA", &error));
  g_assert_error (error, CREDENCE_STATUS_LIST_ERROR, CREDENCE_STATUS_LIST_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (credence_status_list_decode ("u!!!", &error));
  g_assert_error (error, CREDENCE_STATUS_LIST_ERROR, CREDENCE_STATUS_LIST_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree guint8 *zeros = g_malloc0 (CREDENCE_LIMIT_STATUS_LIST_SIZE + 1);
    g_autofree char *bomb = credence_status_list_encode (zeros, CREDENCE_LIMIT_STATUS_LIST_SIZE + 1);

    g_assert_null (credence_status_list_decode (bomb, &error));
    g_assert_error (error, CREDENCE_STATUS_LIST_ERROR, CREDENCE_STATUS_LIST_ERROR_TOO_LARGE);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/status-list/corpus", test_corpus_lists);
  g_test_add_func ("/status-list/tampered", test_tampered_list);
  g_test_add_func ("/status-list/round-trip-and-limits", test_round_trip_and_sizes);

  return g_test_run ();
}
