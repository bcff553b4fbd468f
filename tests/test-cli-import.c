/* test-cli-import.c: credence-cli import and reverify, their JSON lines
 * and exit codes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "credence-test-server.h"
#include "credence-test-utils.h"

static GPtrArray *
parse_lines (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (gsize i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      if (lines[i][0] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_ptr_array_add (objects, json_node_copy (json_parser_get_root (parser)));
    }

  return objects;
}

static JsonObject *
line_object (GPtrArray *lines,
             guint      i)
{
  return json_node_get_object (g_ptr_array_index (lines, i));
}

static void
test_import_and_reverify (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *input = g_build_filename (dir, "input", NULL);
  g_autofree char *site = credence_test_write_ob2_site (dir, NULL);
  g_autofree char *map = credence_test_write_ob2_badges (site, NULL, input, 0, 3, FALSE);
  g_autofree char *junk = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *first = g_build_filename (input, "00000.json", NULL);
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *o;
  int status;

  g_assert_true (g_file_set_contents (junk, "shopping list", -1, NULL));

  {
    const char *args[] = { "--data-dir", data, "import", "--json", "--identity", "learner0@example.org",
                           "--url-map", map, first, input, junk, NULL };

    status = credence_test_run_cli (NULL, args, &out, &err);
  }
  /* One line per source, in order (the folder's files by name). */
  lines = parse_lines (out);
  g_assert_cmpuint (lines->len, ==, 5);
  /* The same file twice (alone, and in the folder): verified in
   * parallel, one is added and the other is its duplicate.
   */
  for (guint i = 0; i < 2; i++)
    {
      o = line_object (lines, i);
      g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "valid");
      g_assert_cmpuint (strlen (json_object_get_string_member (o, "badge")), ==, 16);
    }
  g_assert_cmpstr (json_object_get_string_member (line_object (lines, 0), "source"), ==, first);
  g_assert_cmpstr (json_object_get_string_member (line_object (lines, 0), "badge"), ==,
                   json_object_get_string_member (line_object (lines, 1), "badge"));
  g_assert_true ((g_strcmp0 (json_object_get_string_member (line_object (lines, 0), "status"), "added") == 0 &&
                  g_strcmp0 (json_object_get_string_member (line_object (lines, 1), "status"), "duplicate") == 0) ||
                 (g_strcmp0 (json_object_get_string_member (line_object (lines, 0), "status"), "duplicate") == 0 &&
                  g_strcmp0 (json_object_get_string_member (line_object (lines, 1), "status"), "added") == 0));
  /* Issued to someone else than the owner's identities. */
  o = line_object (lines, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "added");
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "invalid");
  g_assert_cmpstr (json_object_get_string_member (o, "reason"), ==, "recipient-mismatch");
  o = line_object (lines, 4);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (o, "reason"), ==, "not-a-badge");
  g_assert_true (json_object_get_null_member (o, "badge"));
  /* A source that is not a badge makes the answer "no". */
  g_assert_cmpint (status, ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&lines, g_ptr_array_unref);

  /* --identity was added to the owner's identities. */
  {
    const char *args[] = { "--data-dir", data, "identity", "list", "--json", NULL };

    g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "learner0@example.org"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* The issuer revokes badge 0: online re-verification says what changed. */
  g_free (credence_test_write_ob2_badges (site, NULL, NULL, 0, 1, TRUE));
  {
    const char *args[] = { "--data-dir", data, "reverify", "--json", "--url-map", map, NULL };

    status = credence_test_run_cli (NULL, args, &out, &err);
  }
  g_assert_cmpint (status, ==, 1);
  lines = parse_lines (out);
  g_assert_cmpuint (lines->len, ==, 3);
  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *previous;

      o = line_object (lines, i);
      previous = json_object_get_object_member (o, "previous");
      g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "reverified");
      g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "invalid");
      if (g_strcmp0 (json_object_get_string_member (previous, "verdict"), "valid") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (o, "reason"), ==, "revoked");
          g_assert_true (json_object_get_boolean_member (o, "changed"));
        }
      else
        {
          g_assert_cmpstr (json_object_get_string_member (previous, "reason"), ==, "recipient-mismatch");
          g_assert_false (json_object_get_boolean_member (o, "changed"));
        }
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The text form names the change. */
  {
    const char *args[] = { "--data-dir", data, "reverify", "--offline", NULL };

    status = credence_test_run_cli (NULL, args, &out, &err);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (out, "still invalid (revoked)"));
    g_assert_nonnull (strstr (out, "still invalid (recipient-mismatch)"));
  }

  g_clear_pointer (&lines, g_ptr_array_unref);
  credence_test_remove_tree (dir);
}

static JsonArray *
list_json (const char *data,
           const char *search)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *args[] = { "--data-dir", data, "list", "--json", search != NULL ? "--search" : NULL, search, NULL };

  g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

/* A hosted badge imported offline is listed without name or issuer; once
 * re-verified online against its issuer (a loopback server) the list
 * shows them and a search finds them; an offline re-verification keeps
 * them.
 */
static void
test_offline_import_then_reverify (void)
{
  TestServer *server = test_server_new ();
  const char *base = test_server_get_base (server);
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *input = g_build_filename (dir, "input", NULL);
  g_autofree char *site = credence_test_write_ob2_site (dir, base);
  g_autofree char *file = g_build_filename (input, "00000.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonArray) list = NULL;
  JsonObject *o;

  test_server_add_dir (server, "/", site);
  g_free (credence_test_write_ob2_badges (site, base, input, 0, 1, FALSE));

  {
    const char *args[] = { "--data-dir", data, "import", "--offline", "--json", file, NULL };

    credence_test_run_cli (NULL, args, &out, &err);
    g_assert_nonnull (strstr (out, "\"indeterminate\""));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  list = list_json (data, NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  o = json_array_get_object_element (list, 0);
  g_assert_true (json_object_get_null_member (o, "name"));
  g_assert_true (json_object_get_null_member (o, "issuer"));
  g_clear_pointer (&list, json_array_unref);
  list = list_json (data, "loopback");
  g_assert_cmpuint (json_array_get_length (list), ==, 0);
  g_clear_pointer (&list, json_array_unref);

  {
    const char *args[] = { "--data-dir", data, "reverify", NULL };

    g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "now valid"));
    g_assert_nonnull (strstr (out, "Loopback Welding"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  list = list_json (data, "Issuing Academy");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  o = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "Loopback Welding");
  g_assert_cmpstr (json_object_get_string_member (o, "issuer"), ==, "Test Issuing Academy");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "description"), "Welds two pipes"));
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "valid");
  g_clear_pointer (&list, json_array_unref);

  /* The issuer gone, offline: the same verdict, the same listing. */
  test_server_free (server);
  {
    const char *args[] = { "--data-dir", data, "reverify", "--offline", NULL };

    g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "still valid"));
    g_assert_nonnull (strstr (out, "Loopback Welding"));
  }
  list = list_json (data, "loopback welding");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  o = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "issuer"), ==, "Test Issuing Academy");

  credence_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-import/import-and-reverify", test_import_and_reverify);
  g_test_add_func ("/cli-import/offline-import-then-reverify", test_offline_import_then_reverify);

  return g_test_run ();
}
