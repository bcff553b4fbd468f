/* test-passphrase.c: the collection protected by a passphrase, and moves
 * between the keyring and a passphrase.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "credence-keyring.h"
#include "credence-passphrase.h"
#include "credence-store.h"
#include "credence-test-utils.h"

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

static void
assert_greeting (CredenceStore *store,
                 const char    *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = credence_store_dup_meta (store, "greeting", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, expected);
}

static void
test_create_and_reopen (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *data_dir = g_build_filename (dir, "credence", NULL);
  g_autofree char *params_path = g_build_filename (data_dir, CREDENCE_PASSPHRASE_PARAMS_FILE_NAME, NULL);
  g_autoptr(GKeyFile) params = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *kdf = NULL;
  CredenceStore *store;

  g_assert_false (credence_store_exists (data_dir));
  store = credence_store_open_with_passphrase (data_dir, "correct horse battery staple", &error);
  g_assert_no_error (error);
  credence_store_set_meta (store, "greeting", "hello", &error);
  g_assert_no_error (error);
  g_assert_true (credence_store_exists (data_dir));
  g_assert_true (credence_store_uses_passphrase (data_dir));
  g_assert_finalize_object (store);

  assert_mode (data_dir, 0700);
  assert_mode (params_path, 0600);
  {
    g_autofree char *db = g_build_filename (data_dir, CREDENCE_STORE_FILE_NAME, NULL);
    assert_mode (db, 0600);
  }

  /* The key file holds the derivation's parameters and nothing else. */
  g_assert_true (g_key_file_load_from_file (params, params_path, G_KEY_FILE_NONE, &error));
  keys = g_key_file_get_keys (params, "Credence Key", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (keys), ==, 4);
  g_assert_true (g_strv_contains ((const char * const *)keys, "salt"));
  kdf = g_key_file_get_value (params, "Credence Key", "kdf", NULL);
  g_assert_cmpstr (kdf, ==, "pbkdf2-hmac-sha256");
  g_assert_cmpuint (g_key_file_get_uint64 (params, "Credence Key", "iterations", NULL), >=, 600000);

  /* The keyring path says a passphrase is needed. */
  store = credence_store_open_default (data_dir, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NEEDS_PASSPHRASE);
  g_clear_error (&error);

  store = credence_store_open_with_passphrase (data_dir, "correct horse battery staple", &error);
  g_assert_no_error (error);
  assert_greeting (store, "hello");
  g_assert_finalize_object (store);

  credence_test_remove_tree (dir);
}

static void
test_wrong_passphrase_changes_nothing (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autoptr(GHashTable) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  CredenceStore *store;

  store = credence_store_open_with_passphrase (dir, "the right one", &error);
  g_assert_no_error (error);
  credence_store_set_meta (store, "greeting", "hello", &error);
  g_assert_finalize_object (store);

  snapshot = credence_test_snapshot_dir (dir);
  g_assert_cmpuint (g_hash_table_size (snapshot), ==, 2);

  store = credence_store_open_with_passphrase (dir, "the wrong one", &error);
  g_assert_null (store);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY);
  g_assert_nonnull (strstr (error->message, "passphrase is wrong"));
  g_clear_error (&error);
  credence_test_assert_dir_unchanged (dir, snapshot);

  store = credence_store_open_with_passphrase (dir, "", &error);
  g_assert_null (store);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  credence_test_assert_dir_unchanged (dir, snapshot);

  /* A missing keyring key is a clear error too, and changes nothing. */
  store = credence_store_open_default (dir, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NEEDS_PASSPHRASE);
  g_clear_error (&error);
  credence_test_assert_dir_unchanged (dir, snapshot);

  store = credence_store_open_with_passphrase (dir, "the right one", &error);
  g_assert_no_error (error);
  assert_greeting (store, "hello");
  g_assert_finalize_object (store);

  credence_test_remove_tree (dir);
}

static void
test_weak_parameters_refused (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *params_path = g_build_filename (dir, CREDENCE_PASSPHRASE_PARAMS_FILE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  CredencePassphraseParams params;
  CredenceStore *store;

  store = credence_store_open_with_passphrase (dir, "a passphrase", &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  g_assert_true (credence_passphrase_params_load (params_path, &params, &error));
  g_assert_cmpuint (params.iterations, ==, CREDENCE_PASSPHRASE_ITERATIONS);
  params.iterations = 1000;
  g_assert_true (credence_passphrase_params_save (params_path, &params, &error));

  store = credence_store_open_with_passphrase (dir, "a passphrase", &error);
  g_assert_null (store);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "weak"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (params_path, "[Credence Key]\nversion=1\n", -1, NULL));
  g_assert_false (credence_passphrase_params_load (params_path, &params, &error));
  g_assert_error (error, CREDENCE_PASSPHRASE_ERROR, CREDENCE_PASSPHRASE_ERROR_PARAMETERS);
  g_clear_error (&error);

  /* A key file larger than any Credence writes, or with an overlong salt,
   * is damaged.
   */
  {
    g_autoptr(GString) big = g_string_new ("[Credence Key]\nversion=1\nkdf=pbkdf2-hmac-sha256\n"
                                           "iterations=600000\nsalt=q83vEjRWeJCrze8SNFZ4kA==\n");

    g_assert_true (credence_passphrase_params_parse (big->str, big->len, "k", &params, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (params.iterations, ==, CREDENCE_PASSPHRASE_ITERATIONS);

    while (big->len <= CREDENCE_PASSPHRASE_PARAMS_MAX_SIZE)
      g_string_append (big, "# padding\n");
    g_assert_false (credence_passphrase_params_parse (big->str, big->len, "k", &params, &error));
    g_assert_error (error, CREDENCE_PASSPHRASE_ERROR, CREDENCE_PASSPHRASE_ERROR_PARAMETERS);
    g_clear_error (&error);

    g_string_assign (big, "[Credence Key]\nversion=1\nkdf=pbkdf2-hmac-sha256\n"
                          "iterations=600000\nsalt=q83vEjRWeJCrze8SNFZ4kA==AAAA\n");
    g_assert_false (credence_passphrase_params_parse (big->str, big->len, "k", &params, &error));
    g_assert_error (error, CREDENCE_PASSPHRASE_ERROR, CREDENCE_PASSPHRASE_ERROR_PARAMETERS);
  }

  credence_test_remove_tree (dir);
}

static void
test_derive_key (void)
{
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GBytes) c = NULL;
  g_autoptr(GBytes) d = NULL;
  g_autoptr(GError) error = NULL;
  CredencePassphraseParams params;
  CredencePassphraseParams other;

  credence_passphrase_params_init_random (&params);
  credence_passphrase_params_init_random (&other);
  g_assert_false (memcmp (params.salt, other.salt, sizeof params.salt) == 0);

  a = credence_passphrase_derive_key ("pässphrase", &params, &error);
  b = credence_passphrase_derive_key ("pässphrase", &params, &error);
  c = credence_passphrase_derive_key ("pässphrase", &other, &error);
  d = credence_passphrase_derive_key ("passphrase", &params, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (a), ==, CREDENCE_KEYRING_KEY_SIZE);
  g_assert_true (g_bytes_equal (a, b));
  g_assert_false (g_bytes_equal (a, c));
  g_assert_false (g_bytes_equal (a, d));

  g_assert_null (credence_passphrase_derive_key ("", &params, &error));
  g_assert_error (error, CREDENCE_PASSPHRASE_ERROR, CREDENCE_PASSPHRASE_ERROR_EMPTY);
}

static void
test_move_between_keyring_and_passphrase (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *params_path = g_build_filename (dir, CREDENCE_PASSPHRASE_PARAMS_FILE_NAME, NULL);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GError) error = NULL;
  CredenceStore *store;

  store = credence_store_open_default (dir, NULL, &error);
  g_assert_no_error (error);
  path = g_strdup (credence_store_get_path (store));
  credence_store_set_meta (store, "greeting", "moved around", &error);

  /* Keyring → passphrase: the keyring forgets the key. */
  g_assert_true (credence_store_set_passphrase (store, "first passphrase", NULL, &error));
  g_assert_no_error (error);
  assert_greeting (store, "moved around");
  g_assert_finalize_object (store);
  key = credence_keyring_lookup_key (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  g_assert_true (g_file_test (params_path, G_FILE_TEST_EXISTS));

  store = credence_store_open_default (dir, NULL, &error);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NEEDS_PASSPHRASE);
  g_clear_error (&error);

  /* Change the passphrase: the old one stops working. */
  store = credence_store_open_with_passphrase (dir, "first passphrase", &error);
  g_assert_no_error (error);
  g_assert_true (credence_store_set_passphrase (store, "second passphrase", NULL, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  store = credence_store_open_with_passphrase (dir, "first passphrase", &error);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);
  store = credence_store_open_with_passphrase (dir, "second passphrase", &error);
  g_assert_no_error (error);
  assert_greeting (store, "moved around");

  /* Passphrase → keyring. */
  g_assert_true (credence_store_use_keyring (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  g_assert_false (g_file_test (params_path, G_FILE_TEST_EXISTS));
  g_assert_false (credence_store_uses_passphrase (dir));

  store = credence_store_open_with_passphrase (dir, "second passphrase", &error);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);
  store = credence_store_open_default (dir, NULL, &error);
  g_assert_no_error (error);
  assert_greeting (store, "moved around");
  g_assert_true (credence_store_check_integrity (store, &error));
  g_assert_finalize_object (store);

  credence_keyring_clear_key (path, NULL, NULL);
  credence_test_remove_tree (dir);
}

static void
test_no_service_falls_back (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = credence_test_make_temp_dir ();
      g_autofree char *other = credence_test_make_temp_dir ();
      g_autoptr(GTestDBus) bus = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) key = credence_keyring_new_random_key ();
      g_autofree char *other_path = g_build_filename (other, CREDENCE_STORE_FILE_NAME, NULL);
      CredenceStore *store;

      /* A bus of our own on which nobody provides org.freedesktop.secrets. */
      bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (bus);

      store = credence_store_open_default (dir, NULL, &error);
      g_assert_null (store);
      g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NEEDS_PASSPHRASE);
      g_assert_nonnull (strstr (error->message, "passphrase"));
      g_clear_error (&error);
      g_assert_false (credence_store_exists (dir));

      store = credence_store_open_with_passphrase (dir, "no keyring here", &error);
      g_assert_no_error (error);
      credence_store_set_meta (store, "greeting", "headless", &error);

      /* Moving to a keyring that does not exist fails and loses nothing. */
      g_assert_false (credence_store_use_keyring (store, NULL, &error));
      g_assert_error (error, CREDENCE_KEYRING_ERROR, CREDENCE_KEYRING_ERROR_NO_SERVICE);
      g_clear_error (&error);
      g_assert_finalize_object (store);

      store = credence_store_open_default (dir, NULL, &error);
      g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NEEDS_PASSPHRASE);
      g_clear_error (&error);
      store = credence_store_open_with_passphrase (dir, "no keyring here", &error);
      g_assert_no_error (error);
      assert_greeting (store, "headless");
      g_assert_finalize_object (store);

      /* A keyring-protected collection with the keyring gone: the keyring
       * error, not an offer to make a new collection.
       */
      store = credence_store_open (other_path, key, &error);
      g_assert_no_error (error);
      g_assert_finalize_object (store);
      store = credence_store_open_default (other, NULL, &error);
      g_assert_null (store);
      g_assert_error (error, CREDENCE_KEYRING_ERROR, CREDENCE_KEYRING_ERROR_NO_SERVICE);
      g_clear_error (&error);

      g_test_dbus_down (bus);
      credence_test_remove_tree (dir);
      credence_test_remove_tree (other);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_no_plaintext_at_rest (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autoptr(GError) error = NULL;
  const char *needles[] = {
    "Marker Badge Name", "Example Issuing Academy", "issuer.example.org",
    "learner@example.org", "ada@example.org", "Awarded for", NULL,
  };
  g_autofree char *found = NULL;
  CredenceStore *store;

  store = credence_store_open_with_passphrase (dir, "plaintext hunt", &error);
  g_assert_no_error (error);
  for (int i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("Marker Badge Name %d", i);
      g_autofree char *id = g_strdup_printf ("https://issuer.example.org/assertions/%d", i);
      g_autoptr(CredenceStoreBadge) badge = credence_test_make_badge (name, id, "valid", 100);

      g_assert_true (credence_store_add_badge (store, badge, &error));
      g_assert_no_error (error);
    }
  g_assert_true (credence_store_add_identity (store, CREDENCE_STORE_IDENTITY_EMAIL,
                                              "ada@example.org", TRUE, &error));

  /* While open (WAL and SHM present) and after closing. */
  found = credence_test_dir_find_text (dir, needles);
  g_assert_null (found);
  g_assert_finalize_object (store);
  found = credence_test_dir_find_text (dir, needles);
  g_assert_null (found);

  credence_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/passphrase/create-and-reopen", test_create_and_reopen);
  g_test_add_func ("/passphrase/wrong-passphrase-changes-nothing", test_wrong_passphrase_changes_nothing);
  g_test_add_func ("/passphrase/weak-parameters-refused", test_weak_parameters_refused);
  g_test_add_func ("/passphrase/derive-key", test_derive_key);
  g_test_add_func ("/passphrase/move-between-keyring-and-passphrase", test_move_between_keyring_and_passphrase);
  g_test_add_func ("/passphrase/no-service-falls-back", test_no_service_falls_back);
  g_test_add_func ("/passphrase/no-plaintext-at-rest", test_no_plaintext_at_rest);

  return g_test_run ();
}
