/* test-cli-pathway.c: credence-cli pathway import, export, list, show, suggest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "credence-store-pathways.h"
#include "credence-test-utils.h"

/* A collection file in a new folder with badges Alpha (valid) and Beta
 * (revoked), opened through the keyring as credence-cli does.
 */
static char *
make_store (char **alpha_uid)
{
  char *dir = credence_test_make_temp_dir ();
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(CredenceStoreBadge) alpha = credence_test_make_badge ("Alpha", "urn:uuid:test-Alpha", "valid", 1);
  g_autoptr(CredenceStoreBadge) beta = credence_test_make_badge ("Beta", "urn:uuid:test-Beta", "invalid", 1);
  g_autoptr(GError) error = NULL;

  store = credence_store_open_default (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (credence_store_add_badge (store, alpha, &error));
  g_assert_true (credence_store_add_badge (store, beta, &error));
  g_assert_no_error (error);
  if (alpha_uid != NULL)
    *alpha_uid = g_strdup (alpha->uid);
  g_assert_finalize_object (g_steal_pointer (&store));

  return dir;
}

static char *
write_pathway_file (const char *dir,
                    const char *text)
{
  char *path = g_build_filename (dir, "plan.json", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  return path;
}

#define PLAN \
  "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"Academy\", \"targetDate\": \"2027-01-31\"," \
  " \"steps\": [" \
  "  {\"kind\": \"achievement\", \"title\": \"Alpha course\", \"achievement\": \"https://issuer.example.org/badges/Alpha\"," \
  "   \"links\": [{\"url\": \"https://issuer.example.org/alpha\"}]}," \
  "  {\"kind\": \"group\", \"title\": \"Either\", \"require\": 1, \"steps\": [" \
  "    {\"kind\": \"badge\", \"title\": \"Beta\", \"badge\": \"urn:uuid:test-Beta\"}," \
  "    {\"kind\": \"manual\", \"title\": \"Talk to a mentor\"}]}]}"

static JsonObject *
parse_object (const char *text,
              JsonNode  **keep)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  *keep = json_node_copy (json_parser_get_root (parser));

  return json_node_get_object (*keep);
}

static void
test_cli_pathway_import_show_export (void)
{
  g_autofree char *alpha = NULL;
  g_autofree char *dir = make_store (&alpha);
  g_autofree char *plan = write_pathway_file (dir, PLAN);
  g_autofree char *exported_path = g_build_filename (dir, "exported.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  JsonArray *tree;
  JsonObject *group;

  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "import", "--json", plan, NULL },
                                          &out, &err), ==, 0);
  object = parse_object (out, &node);
  uid = g_strdup (json_object_get_string_member (object, "id"));
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "Academy");
  g_assert_cmpint (json_object_get_int_member (object, "steps"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "complete"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "percent"), ==, 50);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The plan only: importing a pathway adds no badge. */
  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "list", "--json", NULL },
                                          &out, &err), ==, 0);
  node = json_from_string (out, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "list", NULL },
                                          &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Academy — 1 of 2 steps complete (50%)"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* show --json: states, matched badges, what's next; found by title. */
  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "show", "--json", "Academy", NULL },
                                          &out, &err), ==, 0);
  object = parse_object (out, &node);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, uid);
  g_assert_cmpstr (json_object_get_string_member (object, "targetDate"), ==, "2027-01-31");
  g_assert_true (json_object_get_null_member (object, "description"));
  tree = json_object_get_array_member (object, "tree");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tree, 0), "state"), ==, "done");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_array_get_object_element (tree, 0), "badges"), 0),
                   ==, alpha);
  group = json_array_get_object_element (tree, 1);
  g_assert_cmpstr (json_object_get_string_member (group, "state"), ==, "open");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (group, "steps"), 0), "state"),
                   ==, "revoked");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "next")), ==, 2);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "show", uid, NULL },
                                          &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "[done] Alpha course"));
  g_assert_nonnull (strstr (out, "[does not count: revoked] Beta"));
  g_assert_nonnull (strstr (out, "Either (any 1 of 2)"));
  g_assert_nonnull (strstr (out, "What’s next:"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Export: the deterministic pathway file, to stdout and to a file. */
  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "export", uid, NULL },
                                          &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "{\n  \"format\" : \"credence-pathway\",\n  \"version\" : 1,\n  \"title\" : \"Academy\""));
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *out2 = NULL;

    g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "export", "-o", exported_path, "Academy", NULL },
                                            &out2, &err), ==, 0);
    g_assert_true (g_file_get_contents (exported_path, &exported, NULL, NULL));
    g_assert_cmpstr (exported, ==, out);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Removing a badge recomputes the progress the list shows. */
  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "remove", alpha, NULL },
                                          &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "list", NULL },
                                          &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Academy — 0 of 2 steps complete (0%)"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "delete", uid, NULL },
                                          &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "list", "--json", NULL },
                                          &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "[]\n");

  credence_test_remove_tree (dir);
}

static void
test_cli_pathway_errors (void)
{
  g_autofree char *dir = make_store (NULL);
  g_autofree char *bad = write_pathway_file (dir, "{\"format\": \"credence-pathway\", \"version\": 1, \"title\": \"T\","
                                                  " \"steps\": [{\"kind\": \"exam\", \"title\": \"E\"}]}");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* A bad file: a clear error, exit 2, nothing saved. */
  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "import", bad, NULL },
                                          &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "in step 1, the kind of step “exam” is unknown"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "list", "--json", NULL },
                                          &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "[]\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "show", "Nothing", NULL },
                                          &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "There is no pathway “Nothing”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "fly", NULL },
                                          &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "unknown action"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "import", NULL },
                                          &out, &err), ==, 2);

  credence_test_remove_tree (dir);
}

static void
test_cli_pathway_suggest (void)
{
  g_autofree char *dir = make_store (NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonArray *drafts;

  /* Nothing to group yet: Beta is revoked, so one badge counts. */
  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "suggest", "--json", NULL },
                                          &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "[]\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "suggest", NULL },
                                          &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "No suggestions"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A second valid badge from the same issuer. */
  {
    g_autoptr(CredenceStore) store = credence_store_open_default (dir, NULL, &error);
    g_autoptr(CredenceStoreBadge) gamma = credence_test_make_badge ("Gamma", "urn:uuid:test-Gamma", "valid", 1);

    g_assert_no_error (error);
    g_assert_true (credence_store_add_badge (store, gamma, &error));
    g_assert_no_error (error);
    g_assert_finalize_object (g_steal_pointer (&store));
  }

  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "suggest", "--json", NULL },
                                          &out, &err), ==, 0);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  drafts = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (drafts), ==, 1);
  object = json_array_get_object_element (drafts, 0);
  g_assert_cmpint (json_object_get_int_member (object, "number"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "Badges From Example Issuing Academy");
  g_assert_cmpint (json_object_get_int_member (object, "steps"), ==, 2);
  /* The draft is a pathway file. */
  object = json_object_get_object_member (object, "pathway");
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "credence-pathway");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "steps")), ==, 2);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "suggest", NULL },
                                          &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "1. Badges From Example Issuing Academy (2 steps)"));
  g_assert_nonnull (strstr (out, "   - Alpha"));
  g_assert_nonnull (strstr (out, "   - Gamma"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A number that was not suggested is refused; nothing is saved. */
  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "suggest", "--save", "2", NULL },
                                          &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "there is no suggestion 2"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "list", "--save", "1", NULL },
                                          &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Saved, it is a pathway with both steps done. */
  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "suggest", "--save", "1", "--json", NULL },
                                          &out, &err), ==, 0);
  object = parse_object (out, &node);
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "Badges From Example Issuing Academy");
  g_assert_cmpint (json_object_get_int_member (object, "steps"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "complete"), ==, 2);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (credence_test_run_cli (NULL, (const char *[]) { "--data-dir", dir, "pathway", "list", NULL },
                                          &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Badges From Example Issuing Academy — 2 of 2 steps complete (100%)"));

  credence_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-pathway/import-show-export", test_cli_pathway_import_show_export);
  g_test_add_func ("/cli-pathway/errors", test_cli_pathway_errors);
  g_test_add_func ("/cli-pathway/suggest", test_cli_pathway_suggest);

  return g_test_run ();
}
