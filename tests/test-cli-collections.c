/* test-cli-collections.c: credence-cli collection create, add, remove,
 * move, list, show, delete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "credence-store.h"
#include "credence-test-utils.h"

static char *
make_store (char **uids)
{
  char *dir = credence_test_make_temp_dir ();
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "Alpha", "Beta", "Gamma\x1b]0;owned\x07" };

  store = credence_store_open_default (dir, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = g_strdup_printf ("urn:uuid:test-%s", names[i]);
      g_autoptr(CredenceStoreBadge) badge = credence_test_make_badge (names[i], id, "valid", 1);

      g_assert_true (credence_store_add_badge (store, badge, &error));
      g_assert_no_error (error);
      uids[i] = g_strdup (badge->uid);
    }
  g_assert_finalize_object (g_steal_pointer (&store));

  return dir;
}

static int
run (const char  *dir,
     char       **out,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *err = NULL;
  va_list ap;
  int status;

  g_ptr_array_add (args, (gpointer)"--data-dir");
  g_ptr_array_add (args, (gpointer)dir);
  g_ptr_array_add (args, (gpointer)"collection");
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer)a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_free (*out);
  *out = NULL;
  status = credence_test_run_cli (NULL, (const char * const *)args->pdata, out, &err);
  if (status != 0)
    {
      g_free (*out);
      *out = g_steal_pointer (&err);
    }

  return status;
}

static JsonObject *
shown (const char  *dir,
       const char  *collection,
       JsonNode   **keep)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run (dir, &out, "show", "--json", collection, NULL), ==, 0);
  g_clear_pointer (keep, json_node_unref);
  *keep = json_from_string (out, NULL);

  return json_node_get_object (*keep);
}

static void
assert_badges (JsonObject *object,
               const char *a,
               const char *b,
               const char *c)
{
  JsonArray *badges = json_object_get_array_member (object, "badges");
  const char *expected[] = { a, b, c };
  guint n = 0;

  for (; n < G_N_ELEMENTS (expected) && expected[n] != NULL; n++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (badges, n), "id"), ==, expected[n]);
  g_assert_cmpuint (json_array_get_length (badges), ==, n);
}

static void
test_cli_collections (void)
{
  char *uids[3] = { NULL };
  g_autofree char *dir = make_store (uids);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *out = NULL;
  JsonObject *object;
  JsonObject *disclosure;

  g_assert_cmpint (run (dir, &out, "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "No collection yet"));

  g_assert_cmpint (run (dir, &out, "create", "Job Hunt", "--description", "For applications.",
                        "--visibility", "portfolio", "--show", "recipient", "--hide", "evidence", NULL), ==, 0);
  g_assert_cmpint (run (dir, &out, "create", "Job Hunt", NULL), ==, 2);
  g_assert_nonnull (strstr (out, "already exists"));
  g_assert_cmpint (run (dir, &out, "create", "Odd", "--hide", "password", NULL), ==, 2);
  g_assert_nonnull (strstr (out, "unknown field “password”"));

  /* Add by id or by unique prefix; adding twice changes nothing. */
  g_assert_cmpint (run (dir, &out, "add", "Job Hunt", uids[0], uids[1], NULL), ==, 0);
  g_assert_cmpint (run (dir, &out, "add", "Job Hunt", uids[2], uids[0], NULL), ==, 0);
  object = shown (dir, "Job Hunt", &node);
  assert_badges (object, uids[0], uids[1], uids[2]);
  g_assert_cmpstr (json_object_get_string_member (object, "description"), ==, "For applications.");
  g_assert_cmpstr (json_object_get_string_member (object, "visibility"), ==, "portfolio");
  g_assert_cmpint (json_object_get_int_member (object, "count"), ==, 3);
  disclosure = json_object_get_object_member (object, "disclosure");
  g_assert_true (json_object_get_boolean_member (disclosure, "recipient"));
  g_assert_false (json_object_get_boolean_member (disclosure, "evidence"));
  g_assert_true (json_object_get_boolean_member (disclosure, "dates"));
  g_assert_false (json_object_get_boolean_member (disclosure, "badge-files"));

  /* Reorder, remove; the order is kept. */
  g_assert_cmpint (run (dir, &out, "move", "Job Hunt", uids[2], "1", NULL), ==, 0);
  object = shown (dir, "Job Hunt", &node);
  assert_badges (object, uids[2], uids[0], uids[1]);
  g_assert_cmpint (run (dir, &out, "remove", "Job Hunt", uids[0], NULL), ==, 0);
  object = shown (dir, "Job Hunt", &node);
  assert_badges (object, uids[2], uids[1], NULL);
  g_assert_cmpint (run (dir, &out, "move", "Job Hunt", uids[0], "1", NULL), ==, 1);
  g_assert_cmpint (run (dir, &out, "move", "Job Hunt", uids[1], "zero", NULL), ==, 2);

  /* Unknown badges and collections. */
  g_assert_cmpint (run (dir, &out, "add", "Job Hunt", "no-such-badge", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "no-such-badge"));
  g_assert_cmpint (run (dir, &out, "show", "Nope", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "There is no collection “Nope”"));

  /* Text output. */
  g_assert_cmpint (run (dir, &out, "show", "Job Hunt", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Shown when shared: recipient, description, dates, verification, criteria"));
  g_assert_nonnull (strstr (out, "Hidden: evidence, badge-files"));
  g_assert_nonnull (strstr (out, "  1. "));
  /* A badge's name cannot drive the terminal. */
  g_assert_null (strchr (out, '\x1b'));
  g_assert_nonnull (strstr (out, "Gamma\xef\xbf\xbd]0;owned\xef\xbf\xbd"));
  g_assert_cmpint (run (dir, &out, "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Job Hunt  (2 badges, in portfolio)"));

  g_assert_cmpint (run (dir, &out, "list", "--json", NULL), ==, 0);
  g_clear_pointer (&node, json_node_unref);
  node = json_from_string (out, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);

  g_assert_cmpint (run (dir, &out, "delete", "Job Hunt", NULL), ==, 0);
  g_assert_cmpint (run (dir, &out, "list", "--json", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "[]\n");

  g_assert_cmpint (run (dir, &out, "fly", NULL), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (uids); i++)
    g_free (uids[i]);
  credence_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-collections/commands", test_cli_collections);

  return g_test_run ();
}
