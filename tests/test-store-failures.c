/* test-store-failures.c: a damaged file, a full disk and a read-only
 * folder give clear errors and lose nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "credence-keyring.h"
#include "credence-store.h"
#include "credence-test-utils.h"

#define NOBODY 65534

static CredenceStore *
make_store (const char *path,
            GBytes     *key,
            guint       n_badges)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_badge_free);
  CredenceStore *store;

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_badges; i++)
    {
      g_autofree char *name = g_strdup_printf ("Badge %u", i);
      g_autofree char *id = g_strdup_printf ("urn:test:%u", i);

      g_ptr_array_add (batch, credence_test_make_badge (name, id, "valid", 10));
    }
  g_assert_true (credence_store_add_badges (store, batch, &error));
  g_assert_no_error (error);

  return store;
}

static void
wait_child (pid_t pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
test_corrupted_file (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  CredenceStore *store;

  store = make_store (path, key, 200);
  g_assert_finalize_object (store);

  /* Damage pages in the middle of the file: 64 bytes every 512 over
   * 16 KiB, so that some page of badge rows is hit whatever the layout
   * of the tables and indexes (it moves as the schema grows).
   */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 64 * 1024);
  for (gsize page = len / 2; page < len / 2 + 16 * 1024; page += 512)
    for (gsize i = page; i < page + 64; i++)
      contents[i] ^= 0x5a;
  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);

  g_assert_false (credence_store_check_integrity (store, &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "backup"));
  g_clear_error (&error);

  /* Reading every badge in full reaches the damaged page. */
  list = credence_store_list_badges (store, NULL, &error);
  if (list != NULL)
    {
      gboolean failed = FALSE;

      for (guint i = 0; i < list->len && !failed; i++)
        {
          CredenceStoreBadge *b = credence_store_get_badge (store, ((CredenceStoreBadge *) list->pdata[i])->uid, &error);

          if (b == NULL)
            {
              g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_CORRUPT);
              failed = TRUE;
            }
          credence_store_badge_free (b);
        }
      g_assert_true (failed);
    }
  else
    g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_finalize_object (store);

  /* A damaged first page cannot be told from a wrong key. */
  contents[100] ^= 0x01;
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  store = credence_store_open (path, key, &error);
  g_assert_null (store);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY);

  credence_test_remove_tree (dir);
}

static void
test_full_disk (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(GError) error = NULL;
  CredenceStore *store;
  pid_t pid;

  store = make_store (path, key, 20);
  g_assert_finalize_object (store);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_badge_free);
      struct rlimit limit = { 256 * 1024, 256 * 1024 };

      /* Files may not grow past 256 KiB: like a full disk, the write fails. */
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      store = credence_store_open (path, key, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < 100; i++)
        {
          g_autofree char *name = g_strdup_printf ("Big badge %u", i);
          g_autofree char *id = g_strdup_printf ("urn:test:big:%u", i);
          CredenceStoreBadge *badge = credence_test_make_badge (name, id, "valid", 10);
          g_autofree guint8 *big = g_malloc (16 * 1024);

          for (gsize j = 0; j < 16 * 1024; j++)
            big[j] = (guint8) g_random_int ();
          g_bytes_unref (badge->original);
          badge->original = g_bytes_new (big, 16 * 1024);
          g_ptr_array_add (batch, badge);
        }
      g_assert_false (credence_store_add_badges (store, batch, &error));
      g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_IO);
      g_clear_error (&error);

      /* The collection is still readable and unchanged. */
      g_assert_cmpint (credence_store_count_badges (store, &error), ==, 20);
      g_assert_no_error (error);
      g_object_unref (store);
      _exit (0);
    }
  wait_child (pid);

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_true (credence_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (credence_store_count_badges (store, &error), ==, 20);
  g_assert_finalize_object (store);

  credence_test_remove_tree (dir);
}

static void
chown_tree (const char *dir,
            uid_t       uid)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_cmpint (chown (dir, uid, uid), ==, 0);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (chown (path, uid, uid), ==, 0);
    }
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autofree char *empty = credence_test_make_temp_dir ();
  g_autofree char *new_path = g_build_filename (empty, CREDENCE_STORE_FILE_NAME, NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) snapshot = NULL;
  gboolean root = getuid () == 0;
  CredenceStore *store;
  pid_t pid;

  store = make_store (path, key, 5);
  g_assert_finalize_object (store);
  snapshot = credence_test_snapshot_dir (dir);

  /* Root ignores permissions: the check runs as nobody. */
  if (root)
    {
      chown_tree (dir, NOBODY);
      chown_tree (empty, NOBODY);
    }
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  g_assert_cmpint (g_chmod (empty, 0500), ==, 0);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (root && (setgid (NOBODY) != 0 || setuid (NOBODY) != 0))
        _exit (3);

      /* SQLite cannot make its WAL index beside the file. */
      store = credence_store_open (path, key, &error);
      if (store != NULL)
        {
          /* Some SQLite builds open read-only: writing must then fail. */
          g_assert_false (credence_store_set_meta (store, "greeting", "hello", &error));
          g_object_unref (store);
        }
      g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "writable"));
      g_clear_error (&error);

      store = credence_store_open (new_path, key, &error);
      g_assert_null (store);
      g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_IO);
      _exit (0);
    }
  wait_child (pid);

  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  if (root)
    chown_tree (dir, 0);
  credence_test_assert_dir_unchanged (dir, snapshot);

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (credence_store_count_badges (store, &error), ==, 5);
  g_assert_finalize_object (store);

  g_chmod (empty, 0700);
  credence_test_remove_tree (empty);
  credence_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-failures/corrupted-file", test_corrupted_file);
  g_test_add_func ("/store-failures/full-disk", test_full_disk);
  g_test_add_func ("/store-failures/read-only-folder", test_read_only_folder);

  return g_test_run ();
}
