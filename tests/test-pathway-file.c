/* test-pathway-file.c: pathway files round-trip, and bad or hostile files
 * are refused with a clear error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-limits.h"
#include "credence-pathway.h"

static GBytes *
load_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "pathways", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static CredencePathway *
parse_string (const char  *text,
              GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return credence_pathway_new_from_bytes (bytes, error);
}

static void
assert_same_steps (CredencePathwayStep *a,
                   CredencePathwayStep *b)
{
  g_assert_cmpint (credence_pathway_step_get_kind (a), ==, credence_pathway_step_get_kind (b));
  g_assert_cmpstr (credence_pathway_step_get_title (a), ==, credence_pathway_step_get_title (b));
  g_assert_cmpstr (credence_pathway_step_get_note (a), ==, credence_pathway_step_get_note (b));
  g_assert_cmpstr (credence_pathway_step_get_badge_id (a), ==, credence_pathway_step_get_badge_id (b));
  g_assert_cmpstr (credence_pathway_step_get_achievement_id (a), ==, credence_pathway_step_get_achievement_id (b));
  g_assert_cmpstr (credence_pathway_step_get_issuer (a), ==, credence_pathway_step_get_issuer (b));
  g_assert_cmpstr (credence_pathway_step_get_tag (a), ==, credence_pathway_step_get_tag (b));
  g_assert_cmpstr (credence_pathway_step_get_keyword (a), ==, credence_pathway_step_get_keyword (b));
  g_assert_cmpstr (credence_pathway_step_get_alignment (a), ==, credence_pathway_step_get_alignment (b));
  g_assert_cmpuint (credence_pathway_step_get_require (a), ==, credence_pathway_step_get_require (b));
  g_assert_cmpint (credence_pathway_step_get_done (a), ==, credence_pathway_step_get_done (b));
  g_assert_cmpuint (credence_pathway_step_get_n_links (a), ==, credence_pathway_step_get_n_links (b));
  for (guint i = 0; i < credence_pathway_step_get_n_links (a); i++)
    {
      g_assert_cmpstr (credence_pathway_step_get_link (a, i)->title, ==, credence_pathway_step_get_link (b, i)->title);
      g_assert_cmpstr (credence_pathway_step_get_link (a, i)->url, ==, credence_pathway_step_get_link (b, i)->url);
    }
  g_assert_cmpuint (credence_pathway_step_get_n_children (a), ==, credence_pathway_step_get_n_children (b));
  for (guint i = 0; i < credence_pathway_step_get_n_children (a); i++)
    assert_same_steps (credence_pathway_step_get_child (a, i), credence_pathway_step_get_child (b, i));
}

static void
test_file_read (void)
{
  g_autoptr(GBytes) bytes = load_data ("data-analyst.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CredencePathway) pathway = credence_pathway_new_from_bytes (bytes, &error);
  CredencePathwayStep *root, *sql, *programming, *spreadsheets, *manual;

  g_assert_no_error (error);
  g_assert_cmpstr (credence_pathway_get_title (pathway), ==, "Junior Data Analyst");
  g_assert_cmpstr (credence_pathway_get_description (pathway), ==,
                   "The skills employers in our region ask for.\nPlan about a year.");
  g_assert_cmpstr (credence_pathway_get_target_date (pathway), ==, "2027-06-30");
  g_assert_true (credence_pathway_get_count_expired (pathway));
  g_assert_cmpuint (credence_pathway_count_steps (pathway), ==, 8);

  root = credence_pathway_get_root (pathway);
  sql = credence_pathway_step_get_child (root, 0);
  g_assert_cmpint (credence_pathway_step_get_kind (sql), ==, CREDENCE_PATHWAY_STEP_ACHIEVEMENT);
  g_assert_cmpstr (credence_pathway_step_get_achievement_id (sql), ==, "https://uni.example.org/badges/sql");
  g_assert_cmpstr (credence_pathway_step_get_note (sql), ==, "Evening course, autumn term.");
  g_assert_cmpstr (credence_pathway_step_get_link (sql, 0)->title, ==, "Course page");

  programming = credence_pathway_step_get_child (root, 1);
  g_assert_cmpstr (credence_pathway_step_get_title (programming), ==, "Programming — any 2 of 3");
  g_assert_cmpuint (credence_pathway_step_get_require (programming), ==, 2);
  g_assert_cmpstr (credence_pathway_step_get_tag (credence_pathway_step_get_child (programming, 0)), ==, "python");
  spreadsheets = credence_pathway_step_get_child (programming, 2);
  g_assert_cmpuint (credence_pathway_step_get_require (spreadsheets), ==, 0);
  g_assert_cmpstr (credence_pathway_step_get_badge_id (credence_pathway_step_get_child (spreadsheets, 1)), ==,
                   "urn:uuid:0b3c8f2e-4f1a-4c7e-9a55-2d1f6e8b7a90");

  manual = credence_pathway_step_get_child (root, 2);
  g_assert_true (credence_pathway_step_get_done (manual));
  g_assert_null (credence_pathway_step_get_link (manual, 0)->title);
}

static void
test_file_round_trip (void)
{
  g_autoptr(GBytes) original = load_data ("data-analyst.json");
  g_autoptr(CredencePathway) first = NULL;
  g_autoptr(CredencePathway) second = NULL;
  g_autoptr(CredencePathway) built = credence_pathway_new ("Built in code");
  g_autoptr(CredencePathway) built_again = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) written_again = NULL;
  g_autoptr(GBytes) built_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CredencePathwayStep) group = credence_pathway_step_new_group ("Pick one — or “both”", 1);
  g_autoptr(CredencePathwayStep) all_of = credence_pathway_step_new_group ("Require beyond size", 5);
  g_autoptr(CredencePathwayStep) a = credence_pathway_step_new_manual ("Ünïcödé \"quotes\" \\ slash", FALSE);
  g_autoptr(CredencePathwayStep) b = credence_pathway_step_new_match ("Tagged", NULL, "Data", "Analyse", NULL);
  g_autoptr(CredencePathwayStep) c = credence_pathway_step_new_badge ("One", "https://x.example/a?b=1&c=<2>");

  /* The canonical file comes back byte for byte. */
  first = credence_pathway_new_from_bytes (original, &error);
  g_assert_no_error (error);
  written = credence_pathway_to_bytes (first);
  g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written),
                   g_bytes_get_data (original, NULL), g_bytes_get_size (original));

  second = credence_pathway_new_from_bytes (written, &error);
  g_assert_no_error (error);
  assert_same_steps (credence_pathway_get_root (first), credence_pathway_get_root (second));

  /* A pathway built in code: defaults are left out, "all" stays all. */
  credence_pathway_set_count_expired (built, FALSE);
  credence_pathway_step_set_note (a, "Line one\nline two\ttabbed");
  credence_pathway_step_add_link (c, "Ünïcödé", "https://x.example/ü");
  g_assert_true (credence_pathway_step_append_child (credence_pathway_get_root (built), group));
  g_assert_true (credence_pathway_step_append_child (group, a));
  g_assert_true (credence_pathway_step_append_child (group, b));
  g_assert_true (credence_pathway_step_append_child (credence_pathway_get_root (built), all_of));
  g_assert_true (credence_pathway_step_append_child (all_of, c));

  built_bytes = credence_pathway_to_bytes (built);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (built_bytes, NULL), g_bytes_get_size (built_bytes),
                                  "\"countExpired\" : false"));
  built_again = credence_pathway_new_from_bytes (built_bytes, &error);
  g_assert_no_error (error);
  g_assert_false (credence_pathway_get_count_expired (built_again));
  g_assert_null (credence_pathway_get_description (built_again));
  g_assert_null (credence_pathway_get_target_date (built_again));
  g_assert_cmpuint (credence_pathway_step_get_require (credence_pathway_step_get_child (credence_pathway_get_root (built_again), 1)), ==, 0);
  credence_pathway_step_set_require (all_of, 0);
  assert_same_steps (credence_pathway_get_root (built), credence_pathway_get_root (built_again));

  /* Deterministic: writing again gives the same bytes. */
  written_again = credence_pathway_to_bytes (built_again);
  g_assert_true (g_bytes_equal (built_bytes, written_again));
}

typedef struct
{
  const char *name;
  const char *text;
  int         code;
  const char *message; /* a glob the message must match */
} BadFile;

static const BadFile bad_files[] = {
  { "empty", "", CREDENCE_PATHWAY_ERROR_INVALID, "*not valid JSON*" },
  { "not-json", "{\"format\": \"credence-pathway\",}", CREDENCE_PATHWAY_ERROR_INVALID, "*not valid JSON*" },
  { "array", "[]", CREDENCE_PATHWAY_ERROR_INVALID, "*not a pathway file*" },
  { "badge-instead", "{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"Assertion\"}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*not a pathway file*Import*" },
  { "no-version", "{\"format\": \"credence-pathway\", \"title\": \"T\", \"steps\": []}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*version*" },
  { "version-string", "{\"format\": \"credence-pathway\", \"version\": \"1\", \"title\": \"T\", \"steps\": []}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*version*whole number*" },
  { "version-float", "{\"format\": \"credence-pathway\", \"version\": 1.0, \"title\": \"T\", \"steps\": []}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*version*whole number*" },
  { "newer-version", "{\"format\": \"credence-pathway\", \"version\": 2, \"title\": \"T\", \"steps\": []}",
    CREDENCE_PATHWAY_ERROR_UNSUPPORTED, "*version 2*Update Credence*" },
  { "no-title", "{\"format\": \"credence-pathway\", \"version\": 1, \"steps\": []}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*in the pathway*“title” is missing*" },
  { "empty-title", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"\", \"steps\": []}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*“title” is empty*" },
  { "title-number", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": 5, \"steps\": []}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*“title” must be a text*" },
  { "title-escape", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"a\\u001b[31mb\", \"steps\": []}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*control characters*" },
  { "no-steps", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\"}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*“steps” is missing*" },
  { "steps-object", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": {}}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*“steps” must be a list*" },
  { "unknown-member", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"badges\": [], \"steps\": []}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*“badges” is not part of the pathway format*" },
  { "bad-date", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"targetDate\": \"2027-02-30\", \"steps\": []}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*targetDate*YYYY-MM-DD*" },
  { "count-expired-string", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"countExpired\": \"no\", \"steps\": []}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*countExpired*true or false*" },
  { "step-not-object", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": [1]}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*step 1,*not an object*" },
  { "unknown-kind", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": [{\"kind\": \"exam\", \"title\": \"E\"}]}",
    CREDENCE_PATHWAY_ERROR_UNSUPPORTED, "*step 1,*kind of step “exam” is unknown*" },
  { "no-kind", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": [{\"title\": \"E\"}]}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*“kind” is missing*" },
  { "member-of-other-kind", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": [{\"kind\": \"badge\", \"title\": \"E\", \"badge\": \"urn:x\", \"require\": 1}]}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*“require” does not belong in a “badge” step*" },
  { "badge-without-id", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": [{\"kind\": \"badge\", \"title\": \"E\"}]}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*“badge” is missing*" },
  { "match-without-criteria", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": [{\"kind\": \"match\", \"title\": \"E\", \"tag\": \"\"}]}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*needs at least one of*" },
  { "require-zero", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": [{\"kind\": \"group\", \"title\": \"G\", \"require\": 0, \"steps\": [{\"kind\": \"manual\", \"title\": \"M\"}]}]}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*“require” must be between 1 and*(1)*" },
  { "require-too-many", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": [{\"kind\": \"group\", \"title\": \"G\", \"require\": 2, \"steps\": [{\"kind\": \"manual\", \"title\": \"M\"}]}]}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*“require” must be between 1 and*" },
  { "require-huge", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": [{\"kind\": \"group\", \"title\": \"G\", \"require\": 99999999999999999999, \"steps\": []}]}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*number Credence cannot read exactly*" },
  { "nested-error-path", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": [{\"kind\": \"manual\", \"title\": \"M\"}, {\"kind\": \"group\", \"title\": \"G\", \"steps\": [{\"kind\": \"manual\", \"title\": \"M\"}, {\"kind\": \"manual\", \"title\": \"M\", \"done\": 1}]}]}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*in step 2.2,*“done” must be true or false*" },
  { "javascript-link", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": [{\"kind\": \"manual\", \"title\": \"M\", \"links\": [{\"url\": \"javascript:alert(1)\"}]}]}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*link 1 is not an http or https address*" },
  { "link-without-url", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": [{\"kind\": \"manual\", \"title\": \"M\", \"links\": [{\"title\": \"x\"}]}]}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*“url” is missing*" },
  { "link-extra-member", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": [{\"kind\": \"manual\", \"title\": \"M\", \"links\": [{\"url\": \"https://a.example\", \"onclick\": \"x\"}]}]}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*“onclick” is not part*" },
  { "unknown-member-escaped", "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": [], \"\\u001b]0;pwned\\u0007\": 1}",
    CREDENCE_PATHWAY_ERROR_INVALID, "*“?]0;pwned?” is not part*" },
};

static void
test_file_bad (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredencePathway) pathway = parse_string (bad_files[i].text, &error);

      g_test_message ("%s: %s", bad_files[i].name, error != NULL ? error->message : "(accepted)");
      g_assert_null (pathway);
      g_assert_error (error, CREDENCE_PATHWAY_ERROR, bad_files[i].code);
      if (!g_pattern_match_simple (bad_files[i].message, error->message))
        g_error ("%s: “%s” does not match “%s”", bad_files[i].name, error->message, bad_files[i].message);
    }
}

/* Files in tests/data/pathways/invalid also fail data/pathway.schema.json
 * (checked by check-pathway-schema.py).
 */
static void
test_file_bad_files (void)
{
  static const struct { const char *file; int code; } files[] = {
    { "invalid/group-in-badge.json", CREDENCE_PATHWAY_ERROR_INVALID },
    { "invalid/unknown-kind.json", CREDENCE_PATHWAY_ERROR_UNSUPPORTED },
    { "invalid/file-link.json", CREDENCE_PATHWAY_ERROR_INVALID },
    { "invalid/match-empty.json", CREDENCE_PATHWAY_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *name = g_path_get_basename (files[i].file);
      g_autoptr(GBytes) bytes = load_data (files[i].file);
      g_autoptr(GError) error = NULL;
      g_autoptr(CredencePathway) pathway = credence_pathway_new_from_bytes (bytes, &error);

      g_test_message ("%s: %s", name, error != NULL ? error->message : "(accepted)");
      g_assert_null (pathway);
      g_assert_error (error, CREDENCE_PATHWAY_ERROR, files[i].code);
    }
}

static GString *
pathway_head (void)
{
  return g_string_new ("{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\", \"steps\": ");
}

static void
test_file_limits (void)
{
  g_autoptr(GString) deep_groups = pathway_head ();
  g_autoptr(GString) ok_groups = pathway_head ();
  g_autoptr(GString) deep_json = pathway_head ();
  g_autoptr(GString) many = pathway_head ();
  g_autoptr(GString) links = pathway_head ();
  g_autoptr(GString) big = pathway_head ();
  g_autoptr(GString) long_title = g_string_new ("{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(CredencePathway) pathway = NULL;

  /* Groups: exactly the limit is fine, one more is too deep. */
  for (guint d = 0; d < CREDENCE_LIMIT_PATHWAY_DEPTH; d++)
    g_string_append (ok_groups, "[{\"kind\": \"group\", \"title\": \"G\", \"steps\": ");
  g_string_append (ok_groups, "[]");
  for (guint d = 0; d < CREDENCE_LIMIT_PATHWAY_DEPTH; d++)
    g_string_append (ok_groups, "}]");
  g_string_append (ok_groups, "}");
  pathway = parse_string (ok_groups->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (credence_pathway_count_steps (pathway), ==, CREDENCE_LIMIT_PATHWAY_DEPTH);
  g_clear_object (&pathway);

  for (guint d = 0; d <= CREDENCE_LIMIT_PATHWAY_DEPTH; d++)
    g_string_append (deep_groups, "[{\"kind\": \"group\", \"title\": \"G\", \"steps\": ");
  g_string_append (deep_groups, "[]");
  for (guint d = 0; d <= CREDENCE_LIMIT_PATHWAY_DEPTH; d++)
    g_string_append (deep_groups, "}]");
  g_string_append (deep_groups, "}");
  pathway = parse_string (deep_groups->str, &error);
  g_assert_null (pathway);
  g_assert_error (error, CREDENCE_PATHWAY_ERROR, CREDENCE_PATHWAY_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "step 1.1.1.1.1.1.1.1.1,"));
  g_clear_error (&error);

  /* Nesting that json-glib would recurse into: stopped before parsing. */
  for (guint d = 0; d < 100000; d++)
    g_string_append_c (deep_json, '[');
  pathway = parse_string (deep_json->str, &error);
  g_assert_null (pathway);
  g_assert_error (error, CREDENCE_PATHWAY_ERROR, CREDENCE_PATHWAY_ERROR_TOO_DEEP);
  g_clear_error (&error);

  /* Step count. */
  g_string_append_c (many, '[');
  for (guint n = 0; n <= CREDENCE_LIMIT_PATHWAY_STEPS; n++)
    g_string_append_printf (many, "%s{\"kind\": \"manual\", \"title\": \"%u\"}", n > 0 ? "," : "", n);
  g_string_append (many, "]}");
  pathway = parse_string (many->str, &error);
  g_assert_null (pathway);
  g_assert_error (error, CREDENCE_PATHWAY_ERROR, CREDENCE_PATHWAY_ERROR_TOO_MANY);
  g_assert_nonnull (strstr (error->message, "more than 500 steps"));
  g_clear_error (&error);

  /* Links per step. */
  g_string_append (links, "[{\"kind\": \"manual\", \"title\": \"M\", \"links\": [");
  for (guint n = 0; n <= CREDENCE_LIMIT_PATHWAY_LINKS; n++)
    g_string_append_printf (links, "%s{\"url\": \"https://a.example/%u\"}", n > 0 ? "," : "", n);
  g_string_append (links, "]}]}");
  pathway = parse_string (links->str, &error);
  g_assert_null (pathway);
  g_assert_error (error, CREDENCE_PATHWAY_ERROR, CREDENCE_PATHWAY_ERROR_TOO_MANY);
  g_clear_error (&error);

  /* Text length. */
  for (guint n = 0; n <= CREDENCE_LIMIT_PATHWAY_TEXT; n++)
    g_string_append_c (long_title, 'x');
  g_string_append (long_title, "\", \"steps\": []}");
  pathway = parse_string (long_title->str, &error);
  g_assert_null (pathway);
  g_assert_error (error, CREDENCE_PATHWAY_ERROR, CREDENCE_PATHWAY_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "“title” is longer than 8192 bytes"));
  g_clear_error (&error);

  /* File size, checked before anything is parsed. */
  g_string_append (big, "[]");
  while (big->len <= CREDENCE_LIMIT_PATHWAY_FILE_SIZE)
    g_string_append (big, "                ");
  g_string_append (big, "}");
  pathway = parse_string (big->str, &error);
  g_assert_null (pathway);
  g_assert_error (error, CREDENCE_PATHWAY_ERROR, CREDENCE_PATHWAY_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "256 KiB"));
  g_clear_error (&error);
}

static void
test_file_from_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "pathways", "data-analyst.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/credence/pathway.json");
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GError) error = NULL;
  g_autoptr(CredencePathway) pathway = NULL;

  pathway = credence_pathway_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credence_pathway_get_title (pathway), ==, "Junior Data Analyst");
  g_clear_object (&pathway);

  pathway = credence_pathway_new_from_file (missing, NULL, &error);
  g_assert_null (pathway);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An endless file is not read to its end. */
  pathway = credence_pathway_new_from_file (zero, NULL, &error);
  g_assert_null (pathway);
  g_assert_error (error, CREDENCE_PATHWAY_ERROR, CREDENCE_PATHWAY_ERROR_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pathway-file/read", test_file_read);
  g_test_add_func ("/pathway-file/round-trip", test_file_round_trip);
  g_test_add_func ("/pathway-file/bad", test_file_bad);
  g_test_add_func ("/pathway-file/bad-files", test_file_bad_files);
  g_test_add_func ("/pathway-file/limits", test_file_limits);
  g_test_add_func ("/pathway-file/from-file", test_file_from_file);

  return g_test_run ();
}
