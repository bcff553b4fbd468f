/* test-store.c: the collection file is encrypted and keyed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "credence-keyring.h"
#include "credence-store.h"
#include "credence-test-utils.h"

static void
test_store_encrypted (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "collection.db", NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cipher = NULL;
  CredenceStore *store;
  GStatBuf st;

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  cipher = credence_store_dup_cipher_version (store);
  g_assert_nonnull (cipher);
  g_assert_cmpstr (cipher, !=, "");
  g_assert_cmpint (credence_store_get_schema_version (store), ==, CREDENCE_STORE_SCHEMA_VERSION);

  credence_store_set_meta (store, "owner-name", "Ada Lovelace-Plaintext-Marker", &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  /* Owner-only file mode. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  contents = credence_test_read_file (path);
  g_assert_cmpuint (g_bytes_get_size (contents), >=, 16);
  g_assert_false (memcmp (g_bytes_get_data (contents, NULL), "SQLite format 3", 16) == 0);
  g_assert_false (credence_test_bytes_contain (contents, "Ada Lovelace-Plaintext-Marker"));
  g_assert_false (credence_test_bytes_contain (contents, "CREATE TABLE"));

  credence_test_remove_tree (dir);
}

static void
test_store_wrong_key (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "collection.db", NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(GBytes) other = credence_keyring_new_random_key ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  CredenceStore *store;

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  credence_store_set_meta (store, "greeting", "hello", &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  before = credence_test_read_file (path);

  store = credence_store_open (path, other, &error);
  g_assert_null (store);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY);
  g_assert_nonnull (strstr (error->message, "could not be unlocked"));
  g_clear_error (&error);

  /* A failed unlock changes nothing on disk. */
  after = credence_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  value = credence_store_dup_meta (store, "greeting", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "hello");
  g_assert_finalize_object (store);

  credence_test_remove_tree (dir);
}

static void
test_store_not_a_database (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "collection.db", NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(GError) error = NULL;
  CredenceStore *store;
  char junk[4096];

  for (gsize i = 0; i < sizeof junk; i++)
    junk[i] = (char) (i * 7 + 3);
  g_file_set_contents (path, junk, sizeof junk, &error);
  g_assert_no_error (error);

  store = credence_store_open (path, key, &error);
  g_assert_null (store);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY);

  credence_test_remove_tree (dir);
}

static void
test_store_default_uses_keyring (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *data_dir = g_build_filename (dir, "credence", NULL);
  g_autofree char *path = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GError) error = NULL;
  CredenceStore *store;
  GStatBuf st;

  g_setenv ("CREDENCE_DATA_DIR", data_dir, TRUE);

  store = credence_store_open_default (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  path = g_strdup (credence_store_get_path (store));
  g_assert_true (g_str_has_prefix (path, data_dir));
  credence_store_set_meta (store, "greeting", "hello from the keyring", &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  g_assert_cmpint (g_stat (data_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* The key really is in the keyring, and it is the one that opens the file. */
  key = credence_keyring_lookup_key (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_cmpuint (g_bytes_get_size (key), ==, CREDENCE_KEYRING_KEY_SIZE);

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  value = credence_store_dup_meta (store, "greeting", &error);
  g_assert_cmpstr (value, ==, "hello from the keyring");
  g_assert_finalize_object (store);

  /* Losing the key is a clear error, not a new empty collection. */
  credence_keyring_clear_key (path, NULL, &error);
  g_assert_no_error (error);
  store = credence_store_open_default (NULL, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);

  g_unsetenv ("CREDENCE_DATA_DIR");
  credence_test_remove_tree (data_dir);
  credence_test_remove_tree (dir);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CredenceStore **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = credence_store_open_default_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_store_default_async (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  CredenceStore *store = NULL;

  credence_store_open_default_async (dir, NULL, opened_cb, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (CREDENCE_IS_STORE (store));
  g_assert_finalize_object (store);
  credence_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/encrypted", test_store_encrypted);
  g_test_add_func ("/store/wrong-key", test_store_wrong_key);
  g_test_add_func ("/store/not-a-database", test_store_not_a_database);
  g_test_add_func ("/store/default-uses-keyring", test_store_default_uses_keyring);
  g_test_add_func ("/store/default-async", test_store_default_async);

  return g_test_run ();
}
