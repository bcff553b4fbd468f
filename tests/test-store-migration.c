/* test-store-migration.c: every schema upgrade, from a database written
 * with the previous schema.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "credence-keyring.h"
#include "credence-store.h"
#include "credence-test-utils.h"

/* Writes an encrypted database the way an older Credence did: @sql with
 * the raw key, then PRAGMA user_version = @version.
 */
static void
write_fixture (const char *path,
               GBytes     *key,
               const char *sql,
               int         version)
{
  g_autoptr(GString) pragma = g_string_new ("PRAGMA key = \"x'");
  g_autofree char *version_sql = g_strdup_printf ("PRAGMA user_version = %d;", version);
  const guint8 *data;
  gsize len;
  sqlite3 *db = NULL;

  data = g_bytes_get_data (key, &len);
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (pragma, "%02x", data[i]);
  g_string_append (pragma, "'\";");

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma->str, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, version_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Schema 1, as the foundation wrote it. */
#define SCHEMA_1 \
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);" \
  "INSERT INTO meta VALUES ('greeting', 'written by schema 1');"

static void
test_migrate_1_to_2 (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(CredenceStoreBadge) badge = credence_test_make_badge ("After upgrade", "urn:test:up", "valid", 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  CredenceStore *store;

  write_fixture (path, key, SCHEMA_1, 1);

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (credence_store_get_schema_version (store), ==, 2);

  /* Old data kept, new tables usable. */
  value = credence_store_dup_meta (store, "greeting", &error);
  g_assert_cmpstr (value, ==, "written by schema 1");
  g_assert_true (credence_store_add_badge (store, badge, &error));
  g_assert_no_error (error);
  g_assert_true (credence_store_add_identity (store, CREDENCE_STORE_IDENTITY_EMAIL,
                                              "a@example.org", TRUE, &error));
  g_assert_true (credence_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  /* Opening again does not migrate again. */
  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (credence_store_count_badges (store, &error), ==, 1);
  g_assert_finalize_object (store);

  credence_test_remove_tree (dir);
}

static void
test_migrate_from_empty (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(GError) error = NULL;
  CredenceStore *store;

  /* An encrypted file with no schema at all (version 0). */
  write_fixture (path, key, "CREATE TABLE scratch (x); DROP TABLE scratch;", 0);

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (credence_store_get_schema_version (store), ==, CREDENCE_STORE_SCHEMA_VERSION);
  g_assert_cmpint (credence_store_count_badges (store, &error), ==, 0);
  g_assert_finalize_object (store);

  credence_test_remove_tree (dir);
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  CredenceStore *store;

  write_fixture (path, key, SCHEMA_1, CREDENCE_STORE_SCHEMA_VERSION + 1);
  before = credence_test_read_file (path);

  store = credence_store_open (path, key, &error);
  g_assert_null (store);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "newer version"));

  after = credence_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));

  credence_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-migration/1-to-2", test_migrate_1_to_2);
  g_test_add_func ("/store-migration/from-empty", test_migrate_from_empty);
  g_test_add_func ("/store-migration/newer-schema-refused", test_newer_schema_refused);

  return g_test_run ();
}
