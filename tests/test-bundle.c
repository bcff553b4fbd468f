/* test-bundle.c: the bundle format: a deterministic round trip, and a
 * hostile reader: every limit, damage confined to the badges it touches,
 * every single flipped byte handled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "credence-bundle.h"
#include "credence-limits.h"
#include "credence-test-utils.h"

#define HEADER "{\"format\":\"credence-bundle\",\"version\":1,\"exported\":\"2026-01-02T03:04:05Z\"}\n"
#define END "{\"end\":true}\n"

static GDateTime *
export_time (void)
{
  return g_date_time_new_utc (2026, 1, 2, 3, 4, 5);
}

static GBytes *
two_badges (void)
{
  g_autoptr(CredenceBundle) bundle = credence_bundle_new ();
  g_autoptr(CredenceStoreBadge) a = credence_test_make_badge ("Alpha", "https://issuer.example.org/a/1", "valid", 1700000000);
  g_autoptr(CredenceStoreBadge) b = credence_test_make_badge ("Beta", "https://issuer.example.org/a/2", "invalid", 1700000100);
  g_autoptr(GDateTime) when = export_time ();

  a->uid = g_strdup ("00aa");
  b->uid = g_strdup ("00bb");
  credence_bundle_add_badge (bundle, a);
  credence_bundle_add_badge (bundle, b);

  return credence_bundle_to_bytes (bundle, when);
}

static CredenceBundle *
read_text (const char  *text,
           gsize        length,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);

  return credence_bundle_new_from_bytes (bytes, error);
}

static void
test_round_trip (void)
{
  g_autoptr(GBytes) bytes = two_badges ();
  g_autoptr(GBytes) again = two_badges ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBundle) bundle = NULL;
  g_autoptr(GDateTime) when = export_time ();
  const CredenceStoreBadge *badge;
  CredenceStoreDocument *doc;
  CredenceStoreVerification *v;

  /* Deterministic, and it starts with the magic. */
  g_assert_true (g_bytes_equal (bytes, again));
  g_assert_true (credence_bundle_sniff (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)));

  bundle = credence_bundle_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (credence_bundle_get_exported_at (bundle), when));
  g_assert_cmpuint (credence_bundle_get_n_badges (bundle), ==, 2);

  badge = credence_bundle_get_badge (bundle, 1);
  g_assert_null (credence_bundle_get_problem (bundle, 1));
  g_assert_cmpstr (badge->uid, ==, "00bb");
  g_assert_cmpstr (badge->name, ==, "Beta");
  g_assert_cmpstr (badge->credential_id, ==, "https://issuer.example.org/a/2");
  g_assert_cmpstr (badge->container, ==, "png");
  g_assert_cmpstr (badge->issued_on, ==, "2024-05-12T10:00:00Z");
  g_assert_true (credence_test_bytes_contain (badge->original, "\x89PNG-with-"));
  g_assert_cmpuint (badge->documents->len, ==, 2);
  doc = g_ptr_array_index (badge->documents, 1);
  g_assert_cmpstr (doc->url, ==, "https://issuer.example.org/issuer");
  g_assert_cmpstr (doc->media_type, ==, "application/ld+json");
  doc = g_ptr_array_index (badge->documents, 0);
  g_assert_cmpstr (doc->url, ==, "https://issuer.example.org/a/2");
  g_assert_cmpint (doc->status, ==, 200);
  g_assert_cmpint (doc->fetched_at, ==, 1700000100);
  g_assert_true (credence_test_bytes_contain (doc->bytes, "\"Assertion\""));
  g_assert_cmpuint (badge->history->len, ==, 1);
  v = g_ptr_array_index (badge->history, 0);
  g_assert_cmpstr (v->verdict, ==, "invalid");
  g_assert_cmpstr (v->reason, ==, "revoked");
  g_assert_cmpint (v->verified_at, ==, 1700000100);
  g_assert_true (v->online);
  g_assert_cmpstr (v->report, ==, "{\"verdict\":\"as recorded\"}");

  {
    g_autoptr(CredenceDocumentSet) pins = credence_bundle_dup_documents (bundle, 1);
    g_autoptr(CredenceDocument) pinned = credence_document_set_lookup (pins, "https://issuer.example.org/a/2");

    g_assert_nonnull (pinned);
    g_assert_true (g_bytes_equal (credence_document_get_body (pinned), doc->bytes));
  }
}

/* Times before the year 1000 are written with four digits of year, so a
 * bundle read from one reads back from its copy (found by fuzz-bundle: the
 * year 26 was written "26-11-23T…", and the copy's header was refused).
 */
static void
test_early_years (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (26, 11, 23, 15, 13, 51);
  gint64 unix_time = g_date_time_to_unix (when);
  g_autoptr(CredenceBundle) bundle = credence_bundle_new ();
  g_autoptr(CredenceStoreBadge) a = credence_test_make_badge ("Alpha", "https://issuer.example.org/a/1", "valid", unix_time);
  g_autoptr(CredenceBundle) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const CredenceStoreBadge *badge;

  a->added_at = unix_time;
  credence_bundle_add_badge (bundle, a);
  bytes = credence_bundle_to_bytes (bundle, when);
  g_assert_true (credence_test_bytes_contain (bytes, "\"exported\":\"0026-11-23T15:13:51Z\""));

  again = credence_bundle_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (credence_bundle_get_exported_at (again), when));
  g_assert_cmpuint (credence_bundle_get_n_badges (again), ==, 1);
  g_assert_null (credence_bundle_get_problem (again, 0));
  badge = credence_bundle_get_badge (again, 0);
  g_assert_cmpint (badge->added_at, ==, unix_time);
  g_assert_cmpuint (badge->history->len, ==, 1);
  g_assert_cmpint (((CredenceStoreVerification *) g_ptr_array_index (badge->history, 0))->verified_at, ==, unix_time);
  g_assert_cmpint (((CredenceStoreDocument *) g_ptr_array_index (badge->documents, 0))->fetched_at, ==, unix_time);
}

/* The seed written by credence-cli from corpus badges reads back whole. */
static void
test_seed (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bundles", "three.credence-bundle", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBundle) bundle = credence_bundle_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (credence_bundle_get_n_badges (bundle), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_null (credence_bundle_get_problem (bundle, i));
      g_assert_nonnull (credence_bundle_get_badge (bundle, i)->original);
    }
  g_assert_cmpstr (credence_bundle_get_badge (bundle, 0)->container, ==, "png");
}

static void
test_whole_file_errors (void)
{
  static const struct { const char *text; int code; } cases[] = {
    { "", CREDENCE_BUNDLE_ERROR_NOT_A_BUNDLE },
    { "{\"format\":\"credence-pathway\",\"version\":1}\n", CREDENCE_BUNDLE_ERROR_NOT_A_BUNDLE },
    { "\x89PNG\r\n\x1a\n", CREDENCE_BUNDLE_ERROR_NOT_A_BUNDLE },
    { " {\"format\":\"credence-bundle\",\"version\":1}\n", CREDENCE_BUNDLE_ERROR_NOT_A_BUNDLE },
    { "{\"format\":\"credence-bundle\",\"version\":2,\"exported\":\"2026-01-02T03:04:05Z\"}\n" END,
      CREDENCE_BUNDLE_ERROR_NEWER_VERSION },
    { "{\"format\":\"credence-bundle\",\"version\":0,\"exported\":\"2026-01-02T03:04:05Z\"}\n" END,
      CREDENCE_BUNDLE_ERROR_CORRUPT },
    { "{\"format\":\"credence-bundle\",\"version\":\"1\",\"exported\":\"2026-01-02T03:04:05Z\"}\n" END,
      CREDENCE_BUNDLE_ERROR_CORRUPT },
    { "{\"format\":\"credence-bundle\",\"version\":1,\"exported\":\"yesterday\"}\n" END,
      CREDENCE_BUNDLE_ERROR_CORRUPT },
    { "{\"format\":\"credence-bundle\",\"version\":1,\"exported\":\"2026-01-02T03:04:05Z\"\n" END,
      CREDENCE_BUNDLE_ERROR_CORRUPT },
    { HEADER, CREDENCE_BUNDLE_ERROR_CORRUPT },
    { HEADER "{\"badge\":1}\n", CREDENCE_BUNDLE_ERROR_CORRUPT },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceBundle) bundle = read_text (cases[i].text, strlen (cases[i].text), &error);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_null (bundle);
      g_assert_error (error, CREDENCE_BUNDLE_ERROR, cases[i].code);
    }
}

/* One badge line with @original and @documents, after @blobs. */
static CredenceBundle *
read_one (const char  *blobs,
          const char  *badge_line,
          GError     **error)
{
  g_autofree char *text = g_strconcat (HEADER, blobs, badge_line, "\n", END, NULL);

  return read_text (text, strlen (text), error);
}

#define HELLO_SHA "185f8db32271fe25f561a6fc938b2e264306ec304eda518007d1764826381969"
#define HELLO_BLOB "{\"blob\":\"" HELLO_SHA "\",\"size\":5}\n\"SGVsbG8=\"\n"

static void
test_damage_is_per_badge (void)
{
  static const struct { const char *blobs; const char *badge; const char *problem; } cases[] = {
    /* Intact. */
    { HELLO_BLOB, "{\"badge\":1,\"original\":\"" HELLO_SHA "\",\"documents\":[]}", NULL },
    /* The file is missing, unnamed or named wrongly. */
    { "", "{\"badge\":1,\"original\":\"" HELLO_SHA "\",\"documents\":[]}", "missing" },
    { HELLO_BLOB, "{\"badge\":1,\"documents\":[]}", "does not say" },
    { HELLO_BLOB, "{\"badge\":1,\"original\":\"../../etc/passwd\",\"documents\":[]}", "does not say" },
    /* Bytes that do not match their digest, their size, or base64. */
    { "{\"blob\":\"" HELLO_SHA "\",\"size\":5}\n\"SGVsbGE=\"\n", "{\"badge\":1,\"original\":\"" HELLO_SHA "\",\"documents\":[]}", "damaged" },
    { "{\"blob\":\"" HELLO_SHA "\",\"size\":5}\n\"SGVsbG8h\"\n", "{\"badge\":1,\"original\":\"" HELLO_SHA "\",\"documents\":[]}", "damaged" },
    { "{\"blob\":\"" HELLO_SHA "\",\"size\":5}\n\"SGVs bG8=\"\n", "{\"badge\":1,\"original\":\"" HELLO_SHA "\",\"documents\":[]}", "damaged" },
    { "{\"blob\":\"" HELLO_SHA "\",\"size\":5}\n\"SG=sbG8=\"\n", "{\"badge\":1,\"original\":\"" HELLO_SHA "\",\"documents\":[]}", "damaged" },
    { "{\"blob\":\"" HELLO_SHA "\",\"size\":5}\n\"SGVsbG8=\n", "{\"badge\":1,\"original\":\"" HELLO_SHA "\",\"documents\":[]}", "damaged" },
    { "{\"blob\":\"" HELLO_SHA "\",\"size\":99999999999}\n\"SGVsbG8=\"\n", "{\"badge\":1,\"original\":\"" HELLO_SHA "\",\"documents\":[]}", "missing" },
    { "{\"blob\":\"" HELLO_SHA "\",\"size\":-1}\n\"SGVsbG8=\"\n", "{\"badge\":1,\"original\":\"" HELLO_SHA "\",\"documents\":[]}", "missing" },
    /* Documents: a missing one is left out; a list that is not one is damage. */
    { HELLO_BLOB, "{\"badge\":1,\"original\":\"" HELLO_SHA "\",\"documents\":[{\"url\":\"https://x.test/\",\"sha256\":\"00\"},7,null]}", NULL },
    { HELLO_BLOB, "{\"badge\":1,\"original\":\"" HELLO_SHA "\",\"documents\":{}}", "documents" },
    { HELLO_BLOB, "{\"badge\":1,\"original\":\"" HELLO_SHA "\",\"documents\":[],\"added\":\"soon\"}", "date" },
    /* A damaged badge line is still a badge, that says so. */
    { HELLO_BLOB, "{\"badge\":1,\"original\":\"" HELLO_SHA "\",\"documents\":[", "Line 4" },
    { HELLO_BLOB, "{\"badge\":1,\"name\":\"\xff\xfe\",\"original\":\"" HELLO_SHA "\",\"documents\":[]}", "Line 4" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceBundle) bundle = read_one (cases[i].blobs, cases[i].badge, &error);
      const char *problem;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_no_error (error);
      g_assert_cmpuint (credence_bundle_get_n_badges (bundle), ==, 1);
      problem = credence_bundle_get_problem (bundle, 0);
      if (cases[i].problem == NULL)
        {
          g_assert_null (problem);
          g_assert_cmpuint (g_bytes_get_size (credence_bundle_get_badge (bundle, 0)->original), ==, 5);
        }
      else
        {
          g_assert_nonnull (problem);
          g_test_message ("problem: %s", problem);
      g_assert_nonnull (strstr (problem, cases[i].problem));
          g_assert_null (credence_bundle_get_badge (bundle, 0)->original);
        }
    }
}

static void
test_history_and_ids (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBundle) bundle = NULL;
  const CredenceStoreBadge *badge;
  g_autoptr(GString) history = g_string_new ("[");

  for (int i = 0; i < CREDENCE_LIMIT_BUNDLE_HISTORY + 10; i++)
    g_string_append_printf (history, "%s{\"verified\":\"2026-01-01T00:00:%02dZ\",\"verdict\":\"%s\"}",
                            i > 0 ? "," : "", i % 60, i == 3 ? "maybe" : "valid");
  g_string_append (history, ",{\"verified\":\"never\",\"verdict\":\"valid\"}]");

  {
    g_autofree char *line = g_strdup_printf ("{\"badge\":1,\"id\":\"../../x\",\"original\":\"" HELLO_SHA "\","
                                             "\"documents\":[],\"verifications\":%s}", history->str);

    bundle = read_one (HELLO_BLOB, line, &error);
  }
  g_assert_no_error (error);
  badge = credence_bundle_get_badge (bundle, 0);
  /* An id that is not one of a collection is dropped; history is bounded
   * and entries that are not verdicts are skipped.
   */
  g_assert_null (badge->uid);
  g_assert_cmpuint (badge->history->len, ==, CREDENCE_LIMIT_BUNDLE_HISTORY - 1);
}

static void
test_limits (void)
{
  g_autoptr(GString) text = g_string_new (HEADER);
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBundle) bundle = NULL;
  g_autofree char *huge = NULL;

  /* Too many badges. */
  for (int i = 0; i <= CREDENCE_LIMIT_BUNDLE_BADGES; i++)
    g_string_append (text, "{\"badge\":1,\"documents\":[]}\n");
  g_string_append (text, END);
  bundle = read_text (text->str, text->len, &error);
  g_assert_null (bundle);
  g_assert_error (error, CREDENCE_BUNDLE_ERROR, CREDENCE_BUNDLE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Too many files. */
  g_string_assign (text, HEADER);
  for (int i = 0; i <= CREDENCE_LIMIT_BUNDLE_BLOBS; i++)
    g_string_append_printf (text, "{\"blob\":\"%064x\",\"size\":0}\n\"\"\n", i);
  g_string_append (text, END);
  bundle = read_text (text->str, text->len, &error);
  g_assert_null (bundle);
  g_assert_error (error, CREDENCE_BUNDLE_ERROR, CREDENCE_BUNDLE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* A badge line larger than a JSON document may be is damage to that
   * badge alone.
   */
  huge = g_strnfill (CREDENCE_LIMIT_JSON_SIZE + 1, 'x');
  g_string_assign (text, HEADER);
  g_string_append_printf (text, "{\"badge\":1,\"name\":\"%s\",\"documents\":[]}\n", huge);
  g_string_append (text, HELLO_BLOB "{\"badge\":2,\"original\":\"" HELLO_SHA "\",\"documents\":[]}\n" END);
  bundle = read_text (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (credence_bundle_get_n_badges (bundle), ==, 2);
  g_assert_nonnull (credence_bundle_get_problem (bundle, 0));
  g_assert_null (credence_bundle_get_problem (bundle, 1));
}

/* Every single byte of a two-badge bundle flipped: never a crash; when
 * the bundle still reads, a flip inside one badge's file spoils that
 * badge and never the other.
 */
static void
test_every_flipped_byte (void)
{
  g_autoptr(GBytes) bytes = two_badges ();
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autofree char *copy = g_memdup2 (data, length);
  g_autoptr(CredenceBundle) clean = read_text (data, length, NULL);
  guint spoiled[2] = { 0, 0 };

  g_assert_nonnull (clean);
  for (gsize i = 0; i < length; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceBundle) bundle = NULL;

      copy[i] ^= 0x01;
      bundle = read_text (copy, length, &error);
      copy[i] = data[i];
      if (bundle == NULL)
        {
          g_assert_nonnull (error);
          continue;
        }
      for (guint b = 0; b < credence_bundle_get_n_badges (bundle) && b < 2; b++)
        {
          const CredenceStoreBadge *badge = credence_bundle_get_badge (bundle, b);
          const CredenceStoreBadge *expected = credence_bundle_get_badge (clean, b);

          if (credence_bundle_get_problem (bundle, b) != NULL)
            spoiled[b]++;
          else if (badge->original != NULL)
            {
              /* Never different bytes passed off as intact. */
              if (!g_bytes_equal (badge->original, expected->original))
                g_test_message ("flip at %" G_GSIZE_FORMAT ": %.60s", i, data + (i > 30 ? i - 30 : 0));
              g_assert_true (g_bytes_equal (badge->original, expected->original));
            }
        }
    }
  g_assert_cmpuint (spoiled[0], >, 0);
  g_assert_cmpuint (spoiled[1], >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bundle/round-trip", test_round_trip);
  g_test_add_func ("/bundle/early-years", test_early_years);
  g_test_add_func ("/bundle/seed", test_seed);
  g_test_add_func ("/bundle/whole-file-errors", test_whole_file_errors);
  g_test_add_func ("/bundle/damage-is-per-badge", test_damage_is_per_badge);
  g_test_add_func ("/bundle/history-and-ids", test_history_and_ids);
  g_test_add_func ("/bundle/limits", test_limits);
  g_test_add_func ("/bundle/every-flipped-byte", test_every_flipped_byte);

  return g_test_run ();
}
