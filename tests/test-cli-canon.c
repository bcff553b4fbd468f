/* test-cli-canon.c: credence-cli canon on W3C rdf-canon suite files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "credence-test-utils.h"

static char *
suite_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "corpus", "w3c-rdf-canon", "tests", "rdfc10",
                                name, NULL);
}

static char *
suite_text (const char *name)
{
  g_autofree char *path = suite_file (name);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_canon_file (void)
{
  g_autofree char *path = suite_file ("test044-in.nq");
  g_autofree char *expected = suite_text ("test044-rdfc10.nq");
  const char *args[] = { "canon", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
}

static void
test_canon_stdin_sha384 (void)
{
  g_autofree char *input = suite_text ("test075-in.nq");
  g_autofree char *expected = suite_text ("test075-rdfc10.nq");
  const char *args[] = { "canon", "--hash", "sha384", "-", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (credence_test_run_cli (input, args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_canon_map (void)
{
  g_autofree char *path = suite_file ("test020-in.nq");
  g_autofree char *expected_text = suite_text ("test020-rdfc10map.json");
  const char *args[] = { "canon", "--map", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) got = json_parser_new ();
  g_autoptr(JsonParser) expected = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *got_obj, *expected_obj;
  g_autoptr(GList) members = NULL;

  g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 0);
  json_parser_load_from_data (got, out, -1, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (expected, expected_text, -1, &error);
  g_assert_no_error (error);

  got_obj = json_node_get_object (json_parser_get_root (got));
  expected_obj = json_node_get_object (json_parser_get_root (expected));
  g_assert_cmpuint (json_object_get_size (got_obj), ==, json_object_get_size (expected_obj));
  g_assert_cmpuint (json_object_get_size (got_obj), >, 1);
  members = json_object_get_members (expected_obj);
  for (GList *l = members; l != NULL; l = l->next)
    g_assert_cmpstr (json_object_get_string_member (got_obj, l->data), ==,
                     json_object_get_string_member (expected_obj, l->data));

  /* In canonical order, as in the suite's files. */
  g_assert_nonnull (strstr (out, "c14n0"));
  g_assert_true (strstr (out, "c14n0") < strstr (out, "c14n1"));
}

static void
test_canon_urdna2015 (void)
{
  const char *input = "_:x <urn:ex:name> \"a\\tb\" .\n";
  const char *rdfc[] = { "canon", "-", NULL };
  const char *legacy[] = { "canon", "--urdna2015", "-", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (credence_test_run_cli (input, rdfc, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "_:c14n0 <urn:ex:name> \"a\\tb\" .\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (credence_test_run_cli (input, legacy, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "_:c14n0 <urn:ex:name> \"a\tb\" .\n");
}

static void
test_canon_poison (void)
{
  g_autofree char *path = suite_file ("test074-in.nq");
  const char *args[] = { "canon", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "too complex"));
}

static void
test_canon_errors (void)
{
  const char *no_file[] = { "canon", NULL };
  const char *bad_hash[] = { "canon", "--hash", "md5", "-", NULL };
  const char *missing[] = { "canon", "/nonexistent/credence.nq", NULL };
  const char *from_stdin[] = { "canon", "-", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (credence_test_run_cli (NULL, no_file, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (credence_test_run_cli ("", bad_hash, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "sha384"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (credence_test_run_cli (NULL, missing, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (credence_test_run_cli ("<urn:ex:s> <urn:ex:p> <urn:ex:o> .\n_:a <urn:ex:p> .\n",
                                          from_stdin, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "line 2"));
  g_assert_cmpstr (out, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/canon/file", test_canon_file);
  g_test_add_func ("/cli/canon/stdin-sha384", test_canon_stdin_sha384);
  g_test_add_func ("/cli/canon/map", test_canon_map);
  g_test_add_func ("/cli/canon/urdna2015", test_canon_urdna2015);
  g_test_add_func ("/cli/canon/poison", test_canon_poison);
  g_test_add_func ("/cli/canon/errors", test_canon_errors);

  return g_test_run ();
}
