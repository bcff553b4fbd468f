/* test-cli-collection.c: credence-cli's collection commands (list, show,
 * remove, identity, backup, restore) with the keyring and with a
 * passphrase.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "credence-test-utils.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} RunResult;

static void
run_result_clear (RunResult *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

/* Gives @text to the child on file descriptor @child_fd through a pipe. */
static void
pass_text_fd (GSubprocessLauncher *launcher,
              const char          *text,
              int                  child_fd)
{
  int fds[2];

  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], text, strlen (text)), ==, (gssize) strlen (text));
  close (fds[1]);
  g_subprocess_launcher_take_fd (launcher, fds[0], child_fd);
}

/* Runs credence-cli with --data-dir @data_dir; @fd3 and @fd4, when not
 * %NULL, are readable by the child on descriptors 3 and 4.
 */
static void
run_cli (RunResult  *r,
         const char *data_dir,
         const char *fd3,
         const char *fd4,
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("CREDENCE_CLI");
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (gpointer)cli);
  g_ptr_array_add (args, (gpointer)"--data-dir");
  g_ptr_array_add (args, (gpointer)data_dir);
  va_start (ap, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer)a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  if (fd3 != NULL)
    pass_text_fd (launcher, fd3, 3);
  if (fd4 != NULL)
    pass_text_fd (launcher, fd4, 4);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *)args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r->status = g_subprocess_get_exit_status (proc);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static void
test_identity_and_list (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;
  RunResult r = { 0 };

  run_cli (&r, dir, NULL, NULL, "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "[]\n");
  run_result_clear (&r);

  run_cli (&r, dir, NULL, NULL, "identity", "add", "Ada@Example.org", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_result_clear (&r);
  run_cli (&r, dir, NULL, NULL, "identity", "add", "--primary", "did:example:ada", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_result_clear (&r);
  run_cli (&r, dir, NULL, NULL, "identity", "add", "tel:+44 20 7946 0000", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_result_clear (&r);

  run_cli (&r, dir, NULL, NULL, "identity", "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "value"), ==, "did:example:ada");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "type"), ==, "did");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 0), "primary"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "value"), ==, "ada@example.org");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2), "type"), ==, "telephone");
  run_result_clear (&r);

  run_cli (&r, dir, NULL, NULL, "identity", "remove", "ada@example.org", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_result_clear (&r);
  run_cli (&r, dir, NULL, NULL, "identity", "remove", "ada@example.org", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "not one of your identities"));
  run_result_clear (&r);

  run_cli (&r, dir, NULL, NULL, "identity", "add", "just words", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_result_clear (&r);

  run_cli (&r, dir, NULL, NULL, "show", "0123", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "No badge “0123”"));
  run_result_clear (&r);

  run_cli (&r, dir, NULL, NULL, "remove", "0123", NULL);
  g_assert_cmpint (r.status, ==, 1);
  run_result_clear (&r);

  run_cli (&r, dir, NULL, NULL, "list", "--bogus", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_result_clear (&r);

  credence_test_remove_tree (dir);
}

static void
test_backup_restore (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *a = g_build_filename (dir, "a", NULL);
  g_autofree char *b = g_build_filename (dir, "b", NULL);
  g_autofree char *file = g_build_filename (dir, "badges.backup", NULL);
  RunResult r = { 0 };

  run_cli (&r, a, NULL, NULL, "identity", "add", "https://ada.example.org/", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_result_clear (&r);

  run_cli (&r, a, "my backup words\n", NULL, "backup", "--backup-passphrase-fd", "3", file, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  run_result_clear (&r);

  /* Without a terminal and without --yes, nothing happens. */
  run_cli (&r, b, "my backup words\n", NULL, "restore", "--replace", "--backup-passphrase-fd", "3", file, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "--yes"));
  run_result_clear (&r);

  run_cli (&r, b, "wrong words\n", NULL, "restore", "--replace", "--yes", "--backup-passphrase-fd", "3", file, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "passphrase is wrong"));
  run_result_clear (&r);

  run_cli (&r, b, "my backup words\n", NULL, "restore", "--replace", "--yes", "--backup-passphrase-fd", "3", file, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_result_clear (&r);

  run_cli (&r, b, NULL, NULL, "identity", "list", "--json", NULL);
  g_assert_cmpstr (r.out, ==, "[{\"type\":\"url\",\"value\":\"https://ada.example.org/\",\"primary\":true}]\n");
  run_result_clear (&r);

  /* A backup passphrase from a terminal only, or a file descriptor. */
  run_cli (&r, b, NULL, NULL, "backup", file, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--passphrase-fd"));
  run_result_clear (&r);

  credence_test_remove_tree (dir);
}

static void
test_no_keyring_passphrase (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *data_dir = g_build_filename (dir, "credence", NULL);
  g_autofree char *db_path = g_build_filename (data_dir, "collection.db", NULL);
  g_autofree char *params_path = g_build_filename (data_dir, "collection.key-params", NULL);
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GHashTable) snapshot = NULL;
  RunResult r = { 0 };

  /* The CLI gets a session bus without a Secret Service. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  /* No passphrase source: a clear error, no collection made. */
  run_cli (&r, data_dir, NULL, NULL, "identity", "add", "ada@example.org", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--passphrase-fd"));
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));
  run_result_clear (&r);

  /* The first command makes a passphrase-protected collection. */
  run_cli (&r, data_dir, "headless words\n", NULL,
           "identity", "add", "--passphrase-fd", "3", "ada@example.org", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_result_clear (&r);
  g_assert_true (g_file_test (params_path, G_FILE_TEST_EXISTS));

  snapshot = credence_test_snapshot_dir (data_dir);
  run_cli (&r, data_dir, "not the words\n", NULL, "identity", "list", "--passphrase-fd", "3", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "passphrase is wrong"));
  run_result_clear (&r);
  credence_test_assert_dir_unchanged (data_dir, snapshot);

  run_cli (&r, data_dir, "headless words\n", NULL, "identity", "list", "--passphrase-fd", "3", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "ada@example.org"));
  run_result_clear (&r);

  g_test_dbus_down (bus);
  credence_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-collection/identity-and-list", test_identity_and_list);
  g_test_add_func ("/cli-collection/backup-restore", test_backup_restore);
  g_test_add_func ("/cli-collection/no-keyring-passphrase", test_no_keyring_passphrase);

  return g_test_run ();
}
