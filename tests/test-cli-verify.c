/* test-cli-verify.c: `credence-cli verify`, its JSON lines and exit codes.
 *
 * Issuer documents come from the corpus through --url-map: no network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "credence-json.h"
#include "credence-test-utils.h"

static char *
ob20 (const char *file)
{
  return g_test_build_filename (G_TEST_DIST, "data", "corpus", "1edtech-dc-public-validator", "ob20",
                                file, NULL);
}

static char *
url_map (const char *prefix)
{
  g_autofree char *assets = ob20 ("assets");

  return g_strdup_printf ("%s=%s", prefix, assets);
}

static JsonObject *
line_object (GPtrArray  *keep,
             const char *line)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = credence_json_parse (line, strlen (line), &error);

  g_assert_no_error (error);
  g_ptr_array_add (keep, node);
  return json_node_get_object (node);
}

static void
test_json_lines (void)
{
  g_autofree char *map1 = url_map ("https://example.org/");
  g_autofree char *map2 = url_map ("http://example.org/");
  g_autofree char *valid = ob20 ("simple.jwt");
  g_autofree char *revoked = ob20 ("simple-revoked.jwt");
  g_autofree char *hosted = ob20 ("basic-assertion.json");
  g_autofree char *not_json = ob20 ("redirected-validation-subject.json");
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  const char *args[] = { "verify", "--json", "--jobs", "3", "--at", "2025-01-01T00:00:00Z",
                         "--url-map", map1, "--url-map", map2,
                         revoked, valid, hosted, not_json, valid, NULL };
  const char *expected[][2] = {
    { "invalid", "revoked" }, { "valid", NULL }, { "indeterminate", "unreachable" },
    { "invalid", "invalid-data" }, { "valid", NULL },
  };
  int status;

  status = credence_test_run_cli (NULL, args, &out, &err);
  g_assert_cmpint (status, ==, 1);

  /* Exactly one line per source, in input order. */
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (expected) + 1);
  g_assert_cmpstr (lines[G_N_ELEMENTS (expected)], ==, "");
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *obj = line_object (keep, lines[i]);
      const char *members[] = { "source", "verdict", "reason", "spec", "format", "checks", "ms" };
      g_autoptr(GList) names = json_object_get_members (obj);
      guint n = 0;

      for (GList *l = names; l != NULL; l = l->next, n++)
        g_assert_cmpstr (l->data, ==, members[n]);
      g_assert_cmpuint (n, ==, G_N_ELEMENTS (members));
      g_assert_cmpstr (json_object_get_string_member (obj, "source"), ==, args[10 + i]);
      g_assert_cmpstr (json_object_get_string_member (obj, "verdict"), ==, expected[i][0]);
      if (expected[i][1] != NULL)
        g_assert_cmpstr (json_object_get_string_member (obj, "reason"), ==, expected[i][1]);
      else
        g_assert_true (json_object_get_null_member (obj, "reason"));
      g_assert_cmpfloat (json_object_get_double_member (obj, "ms"), >=, 0);
    }
  g_assert_cmpstr (json_object_get_string_member (line_object (keep, lines[1]), "format"), ==, "signed");
  g_assert_cmpstr (json_object_get_string_member (line_object (keep, lines[2]), "format"), ==, "hosted");
}

static void
test_exit_codes (void)
{
  g_autofree char *map1 = url_map ("https://example.org/");
  g_autofree char *map2 = url_map ("http://example.org/");
  g_autofree char *valid = ob20 ("simple.jwt");
  g_autofree char *valid2 = ob20 ("simple-not-revoked.jwt");
  g_autofree char *hosted = ob20 ("basic-assertion.json");
  g_autofree char *contents = NULL;
  gsize len;

  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "verify", "--url-map", map1, "--url-map", map2, valid, valid2, NULL };

    g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 0);
    /* The readable report. */
    g_assert_nonnull (strstr (out, "Valid"));
    g_assert_nonnull (strstr (out, "[pass] signature"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "verify", "--json", "--url-map", map1, "--url-map", map2, valid, hosted, NULL };

    g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 3);
  }
  {
    /* Standard input, with the learner's identity (trimmed, any case). */
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "verify", "--json", "--identity", " NOBODY@example.org ", "--url-map", map1,
                           "--url-map", map2, "-", NULL };

    g_assert_true (g_file_get_contents (valid, &contents, &len, NULL));
    g_assert_cmpint (credence_test_run_cli (contents, args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "\"source\":\"-\""));
    g_assert_nonnull (strstr (out, "\"id\":\"recipient\",\"status\":\"pass\""));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "verify", "--json", "--identity", "somebody@example.org", "--url-map", map1,
                           "--url-map", map2, valid, NULL };

    g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (out, "\"reason\":\"recipient-mismatch\""));
  }
  {
    /* Issued on 2016-12-31: not valid yet at the start of 2016. */
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "verify", "--json", "--at", "2016-01-01T00:00:00+01:00", "--url-map", map1,
                           "--url-map", map2, valid, NULL };

    g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (out, "\"reason\":\"not-yet-valid\""));
  }
}

static void
test_usage_errors (void)
{
  g_autofree char *valid = ob20 ("simple.jwt");
  const char *no_source[] = { "verify", "--json", NULL };
  const char *bad_at[] = { "verify", "--at", "yesterday", valid, NULL };
  const char *zoneless_at[] = { "verify", "--at", "2024-01-01T00:00:00", valid, NULL };
  const char *bad_map[] = { "verify", "--url-map", "nonsense", valid, NULL };
  const char *bad_jobs[] = { "verify", "--jobs", "-2", valid, NULL };
  const char *unknown[] = { "verify", "--frobnicate", valid, NULL };
  const char *missing[] = { "verify", "--json", "/nonexistent/badge.png", NULL };
  const char * const *cases[] = { no_source, bad_at, zoneless_at, bad_map, bad_jobs, unknown, missing };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (credence_test_run_cli (NULL, cases[i], &out, &err), ==, 2);
      g_assert_cmpstr (err, !=, "");
    }
}

static void
test_offline_documents (void)
{
  g_autofree char *map1 = url_map ("https://example.org/");
  g_autofree char *map2 = url_map ("http://example.org/");
  g_autofree char *valid = ob20 ("simple.jwt");
  g_autofree char *revoked = ob20 ("simple-revoked.jwt");
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *saved = g_build_filename (dir, "documents.json", NULL);
  g_autofree char *online = NULL, *offline = NULL, *nothing = NULL, *err = NULL;
  const char *fetch[] = { "verify", "--json", "--documents", saved, "--url-map", map1, "--url-map", map2,
                          valid, revoked, NULL };
  const char *again[] = { "verify", "--json", "--offline", "--documents", saved, valid, revoked, NULL };
  const char *bare[] = { "verify", "--json", "--offline", valid, NULL };

  g_assert_cmpint (credence_test_run_cli (NULL, fetch, &online, &err), ==, 1);
  g_assert_true (g_file_test (saved, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  /* The saved documents name recipients: readable by their owner only. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (saved, &st), ==, 0);
    g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  }

  /* Offline, without the URL maps: the saved documents give the same verdicts. */
  g_assert_cmpint (credence_test_run_cli (NULL, again, &offline, &err), ==, 1);
  g_assert_nonnull (strstr (offline, "\"verdict\":\"valid\""));
  g_assert_nonnull (strstr (offline, "\"reason\":\"revoked\""));
  g_clear_pointer (&err, g_free);

  /* Offline with nothing saved: indeterminate, never valid. */
  g_assert_cmpint (credence_test_run_cli (NULL, bare, &nothing, &err), ==, 3);
  g_assert_nonnull (strstr (nothing, "\"reason\":\"unreachable\""));

  credence_test_remove_tree (dir);
}

/* With every debug message on, what a badge holds never reaches the log:
 * a broken SVG whose parse error would quote it (here an entity named like
 * a recipient) is reported without it.
 */
static void
test_no_badge_data_in_logs (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *svg = g_build_filename (dir, "broken.svg", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *cli = g_getenv ("CREDENCE_CLI");

  g_assert_true (g_file_set_contents (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\">"
                                           "&ada.lovelace.example.org;</svg>", -1, NULL));
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, cli, "verify", "--json", svg, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", out, err);

  /* GLib writes debug messages to stdout. */
  g_assert_nonnull (strstr (out, "SVG parse error"));
  g_assert_null (strstr (err, "lovelace"));
  g_assert_null (strstr (out, "lovelace"));

  credence_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-verify/json-lines", test_json_lines);
  g_test_add_func ("/cli-verify/exit-codes", test_exit_codes);
  g_test_add_func ("/cli-verify/usage-errors", test_usage_errors);
  g_test_add_func ("/cli-verify/offline-documents", test_offline_documents);
  g_test_add_func ("/cli-verify/no-badge-data-in-logs", test_no_badge_data_in_logs);

  return g_test_run ();
}
