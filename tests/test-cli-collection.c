/* test-cli-collection.c: credence-cli's collection commands (list, show,
 * remove, identity, backup, restore, passphrase) with the keyring and
 * with a passphrase.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "credence-keyring.h"
#include "credence-passphrase.h"
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
  g_autofree char *session_bus = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
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

  /* A NUL byte in a passphrase is refused: what follows it would escape
   * the wipe of the passphrase.
   */
  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_PIPE);
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GError) error = NULL;
    static const char with_nul[] = "headless\0words\n";
    int fds[2];

    g_assert_cmpint (pipe (fds), ==, 0);
    g_assert_cmpint (write (fds[1], with_nul, sizeof with_nul - 1), ==, (gssize) sizeof with_nul - 1);
    close (fds[1]);
    g_subprocess_launcher_take_fd (launcher, fds[0], 3);
    proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("CREDENCE_CLI"), "--data-dir", data_dir,
                                        "identity", "list", "--passphrase-fd", "3", NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (proc, NULL, NULL, &r.out, &r.err, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 2);
    g_assert_nonnull (strstr (r.err, "NUL byte"));
    run_result_clear (&r);
  }

  /* The bus with the keyring again, for the next tests. */
  g_test_dbus_down (bus);
  if (session_bus != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", session_bus, TRUE);
  credence_test_remove_tree (dir);
}

/* Whether the keyring holds a key for the collection at @db_path. */
static gboolean
keyring_has_key (const char *db_path)
{
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GError) error = NULL;

  key = credence_keyring_lookup_key (db_path, NULL, &error);
  g_assert_no_error (error);

  return key != NULL;
}

static void
test_passphrase_round_trip (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *data_dir = g_build_filename (dir, "credence", NULL);
  g_autofree char *db_path = g_build_filename (data_dir, "collection.db", NULL);
  g_autofree char *params_path = g_build_filename (data_dir, "collection.key-params", NULL);
  g_autofree char *first_params = NULL;
  g_autofree char *second_params = NULL;
  g_autoptr(GHashTable) snapshot = NULL;
  RunResult r = { 0 };

  /* A collection in the keyring, with something in it. */
  run_cli (&r, data_dir, NULL, NULL, "identity", "add", "ada@example.org", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_result_clear (&r);
  g_assert_true (keyring_has_key (db_path));
  g_assert_false (g_file_test (params_path, G_FILE_TEST_EXISTS));

  /* Already in the keyring: nothing to do. */
  run_cli (&r, data_dir, NULL, NULL, "passphrase", "--use-keyring", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "already"));
  run_result_clear (&r);

  /* No terminal, no descriptor: the new passphrase cannot be asked. */
  snapshot = credence_test_snapshot_dir (data_dir);
  run_cli (&r, data_dir, NULL, NULL, "passphrase", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--new-passphrase-fd"));
  run_result_clear (&r);
  credence_test_assert_dir_unchanged (data_dir, snapshot);
  g_clear_pointer (&snapshot, g_hash_table_unref);

  /* An empty passphrase is refused, nothing changes. */
  snapshot = credence_test_snapshot_dir (data_dir);
  run_cli (&r, data_dir, NULL, "\n", "passphrase", "--new-passphrase-fd", "4", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "empty"));
  run_result_clear (&r);
  credence_test_assert_dir_unchanged (data_dir, snapshot);
  g_clear_pointer (&snapshot, g_hash_table_unref);
  g_assert_true (keyring_has_key (db_path));

  /* Keyring → passphrase: the keyring forgets the key. */
  run_cli (&r, data_dir, NULL, "first words\n", "passphrase", "--new-passphrase-fd", "4", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "protected by your passphrase"));
  run_result_clear (&r);
  g_assert_true (g_file_get_contents (params_path, &first_params, NULL, NULL));
  g_assert_false (keyring_has_key (db_path));

  run_cli (&r, data_dir, NULL, NULL, "identity", "list", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--passphrase-fd"));
  run_result_clear (&r);
  run_cli (&r, data_dir, "first words\n", NULL, "identity", "list", "--passphrase-fd", "3", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "ada@example.org"));
  run_result_clear (&r);

  /* A wrong current passphrase changes no byte of any file. */
  snapshot = credence_test_snapshot_dir (data_dir);
  run_cli (&r, data_dir, "wrong words\n", "second words\n",
           "passphrase", "--passphrase-fd", "3", "--new-passphrase-fd", "4", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "passphrase is wrong"));
  run_result_clear (&r);
  credence_test_assert_dir_unchanged (data_dir, snapshot);
  g_clear_pointer (&snapshot, g_hash_table_unref);
  run_cli (&r, data_dir, "wrong words\n", NULL,
           "passphrase", "--use-keyring", "--passphrase-fd", "3", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_result_clear (&r);
  g_assert_false (keyring_has_key (db_path));

  /* Change it: a new salt, the old passphrase no longer opens it.  Both
   * passphrases may come on the same descriptor, one line each.
   */
  run_cli (&r, data_dir, "first words\nsecond words\n", NULL,
           "passphrase", "--passphrase-fd", "3", "--new-passphrase-fd", "3", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Changed"));
  run_result_clear (&r);
  g_assert_true (g_file_get_contents (params_path, &second_params, NULL, NULL));
  g_assert_cmpstr (first_params, !=, second_params);
  run_cli (&r, data_dir, "first words\n", NULL, "identity", "list", "--passphrase-fd", "3", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "passphrase is wrong"));
  run_result_clear (&r);
  run_cli (&r, data_dir, "second words\n", NULL, "identity", "list", "--passphrase-fd", "3", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "ada@example.org"));
  run_result_clear (&r);

  /* Usage: no new passphrase with --use-keyring, no arguments. */
  run_cli (&r, data_dir, NULL, "x\n", "passphrase", "--use-keyring", "--new-passphrase-fd", "4", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_result_clear (&r);
  run_cli (&r, data_dir, NULL, NULL, "passphrase", "second words", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_result_clear (&r);

  /* Passphrase → keyring: the key file goes, the keyring opens it. */
  run_cli (&r, data_dir, "second words\n", NULL, "passphrase", "--use-keyring", "--passphrase-fd", "3", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "keyring"));
  run_result_clear (&r);
  g_assert_false (g_file_test (params_path, G_FILE_TEST_EXISTS));
  g_assert_true (keyring_has_key (db_path));
  run_cli (&r, data_dir, NULL, NULL, "identity", "list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "ada@example.org"));
  run_result_clear (&r);

  credence_test_remove_tree (dir);
}

/* Whether @needle (any bytes, NUL too) is somewhere in @hay. */
static gboolean
bytes_contain (GBytes *hay,
               GBytes *needle)
{
  gsize hay_len, len;
  const guint8 *h = g_bytes_get_data (hay, &hay_len);
  const guint8 *n = g_bytes_get_data (needle, &len);

  for (gsize i = 0; len > 0 && i + len <= hay_len; i++)
    if (h[i] == n[0] && memcmp (h + i, n, len) == 0)
      return TRUE;

  return FALSE;
}

/* Searches every writable mapping of process @pid (heap, stacks,
 * anonymous memory) for each of @needles; returns the first one found.
 */
static GBytes *
find_in_process (GPid       pid,
                 GPtrArray *needles)
{
  g_autofree char *maps_path = g_strdup_printf ("/proc/%d/maps", (int) pid);
  g_autofree char *mem_path = g_strdup_printf ("/proc/%d/mem", (int) pid);
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  int mem;

  g_file_get_contents (maps_path, &maps, NULL, &error);
  g_assert_no_error (error);
  mem = open (mem_path, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (mem, >=, 0);

  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 start, end;
      char perms[5] = { 0 };
      g_autoptr(GBytes) region = NULL;
      guint8 *buf;
      gssize got;

      if (sscanf (lines[i], "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %4s",
                  &start, &end, perms) != 3 ||
          perms[0] != 'r' || perms[1] != 'w' || strstr (lines[i], "[v") != NULL)
        continue;
      /* Terabytes of AddressSanitizer shadow memory: not the program's. */
      if (end - start > G_GUINT64_CONSTANT (1) << 32)
        continue;

      buf = g_malloc (end - start);
      got = pread (mem, buf, end - start, (off_t) start);
      region = g_bytes_new_take (buf, MAX (got, 0));
      for (guint j = 0; j < needles->len; j++)
        {
          GBytes *needle = g_ptr_array_index (needles, j);

          if (bytes_contain (region, needle))
            {
              close (mem);
              return g_bytes_ref (needle);
            }
        }
    }

  close (mem);
  return NULL;
}

/* Adds @data and, since a freed block's first 16 bytes hold the
 * allocator's list pointers, its bytes after those.
 */
static void
add_needle (GPtrArray  *needles,
            const void *data,
            gsize       len)
{
  g_ptr_array_add (needles, g_bytes_new (data, len));
  if (len >= 16 + 8)
    g_ptr_array_add (needles, g_bytes_new ((const guint8 *) data + 16, len - 16));
}

static void
add_key_needles (GPtrArray  *needles,
                 const char *passphrase,
                 const char *params_path)
{
  CredencePassphraseParams params;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hex = NULL;
  const guint8 *raw;
  gsize len;

  g_assert_true (credence_passphrase_params_load (params_path, &params, &error));
  key = credence_passphrase_derive_key (passphrase, &params, &error);
  g_assert_no_error (error);
  raw = g_bytes_get_data (key, &len);
  add_needle (needles, raw, len);
  hex = g_malloc0 (2 * len + 1);
  for (gsize i = 0; i < len; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", raw[i]);
  add_needle (needles, hex, strlen (hex));
  add_needle (needles, passphrase, strlen (passphrase));
}

/* Changes the passphrase with credence-cli and, once the command is done
 * and its collection closed, stops it as it writes its last line (its
 * standard output is a pipe left full) and searches all of its memory for
 * the passphrases and keys, old and new, raw and in hex: none is left.
 */
static void
test_passphrase_key_material_wiped (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *data_dir = g_build_filename (dir, "credence", NULL);
  g_autofree char *params_path = g_build_filename (data_dir, "collection.key-params", NULL);
  g_autofree char *syscall_path = NULL;
  g_autoptr(GPtrArray) needles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_syscall = g_strdup_printf ("%d 0x1 ", (int) SYS_write);
  const char *cli = g_getenv ("CREDENCE_CLI");
  const char *old_words = "first secret: amber walrus on a quiet tram";
  const char *new_words = "second secret: violet heron by the old mill";
  g_autofree char *fd3 = g_strdup_printf ("%s\n%s\n", old_words, new_words);
  char chunk[4096] = { 0 };
  int out[2];
  int flags;
  GPid pid;
  RunResult r = { 0 };

  run_cli (&r, data_dir, NULL, "first secret: amber walrus on a quiet tram\n",
           "passphrase", "--new-passphrase-fd", "4", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_result_clear (&r);
  add_key_needles (needles, old_words, params_path);

  /* A pipe already full: the child's last write blocks. */
  g_assert_cmpint (pipe (out), ==, 0);
  flags = fcntl (out[1], F_GETFL);
  g_assert_cmpint (fcntl (out[1], F_SETFL, flags | O_NONBLOCK), ==, 0);
  while (write (out[1], chunk, sizeof chunk) > 0)
    ;
  g_assert_cmpint (fcntl (out[1], F_SETFL, flags), ==, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* Freed memory as the allocator leaves it, not filled by meson test. */
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");
  g_subprocess_launcher_take_stdout_fd (launcher, out[1]);
  pass_text_fd (launcher, fd3, 3);
  proc = g_subprocess_launcher_spawn (launcher, &error, cli, "--data-dir", data_dir, "passphrase",
                                      "--passphrase-fd", "3", "--new-passphrase-fd", "3", NULL);
  g_assert_no_error (error);
  g_clear_object (&launcher);
  pid = (GPid) atoi (g_subprocess_get_identifier (proc));
  syscall_path = g_strdup_printf ("/proc/%d/syscall", (int) pid);

  for (int tries = 0; ; tries++)
    {
      g_autofree char *current = NULL;

      g_assert_cmpint (tries, <, 3000);
      if (g_file_get_contents (syscall_path, &current, NULL, NULL) &&
          g_str_has_prefix (current, expected_syscall))
        break;
      g_usleep (10000);
    }

  add_key_needles (needles, new_words, params_path);
  found = find_in_process (pid, needles);
  if (found != NULL)
    {
      g_autofree char *hex = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, found);

      g_error ("credence-cli still holds a secret in memory: %" G_GSIZE_FORMAT " bytes, SHA-256 %s",
               g_bytes_get_size (found), hex);
    }

  /* Let it finish. */
  while (read (out[0], chunk, sizeof chunk) > 0)
    ;
  close (out[0]);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));

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
  g_test_add_func ("/cli-collection/passphrase-round-trip", test_passphrase_round_trip);
  g_test_add_func ("/cli-collection/passphrase-key-material-wiped", test_passphrase_key_material_wiped);

  return g_test_run ();
}
