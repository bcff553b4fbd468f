/* test-store-format.c: one on-disk format for collections and backups,
 * whatever SQLCipher Credence links (Debian's 3.4.1, the Flatpak's 4.x).
 *
 * The documented settings open what Credence writes, with a plain
 * SQLCipher connection; and files written by Credence linked with other
 * SQLCipher versions (tests/data/store-format/, written by this program:
 * test-store-format --write-fixtures DIR) open here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gnutls/crypto.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "credence-store.h"
#include "credence-test-utils.h"

#define FIXTURE_PASSPHRASE "store format fixture"
#define FIXTURE_BADGES 3

/* Files written by Credence with other SQLCipher builds, and the oldest
 * SQLCipher major version that reads them.
 */
typedef struct
{
  const char *dir;
  const char *written_by;  /* PRAGMA cipher_version of the writer */
  int         needs_major;
} FormatFixture;

static const FormatFixture fixtures[] = {
  /* Debian 12, SQLCipher 3 settings with 4 KiB pages. */
  { "sqlcipher-3.4.1", "3.4.1", 3 },
  /* SQLCipher 4 with the same settings (PRAGMA cipher_compatibility = 3). */
  { "sqlcipher-4.9.0", "4.9.0 community", 3 },
  /* What Flatpak builds wrote before (commit 0e14b33): SQLCipher 4's own
   * defaults, for collections and backups.
   */
  { "sqlcipher-4.9.0-defaults", "4.9.0 community", 4 },
};

static GBytes *
fixture_key (void)
{
  guint8 key[32];

  for (gsize i = 0; i < sizeof key; i++)
    key[i] = (guint8) (0xc0 ^ (i * 7));

  return g_bytes_new (key, sizeof key);
}

static char *
hex_literal (const guint8 *data,
             gsize         len)
{
  GString *str = g_string_new ("x'");

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (str, "%02x", data[i]);
  g_string_append_c (str, '\'');

  return g_string_free (str, FALSE);
}

static int
linked_major (void)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int major = 0;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA cipher_version;", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  major = atoi ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return major;
}

/* Opens @path read-only with the raw key @key_literal the documented way:
 * SQLCipher 3's settings (PRAGMA cipher_compatibility = 3, which SQLCipher
 * 3 ignores), and @page_size unless 0.  Returns the result code of the
 * first read; on success, @badges and @version are read.
 */
static int
read_documented (const char *path,
                 const char *key_literal,
                 gboolean    compatibility,
                 int         page_size,
                 int        *badges,
                 int        *version)
{
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  sql = g_strdup_printf ("PRAGMA key = \"%s\";%s", key_literal,
                         compatibility ? "PRAGMA cipher_compatibility = 3;" : "");
  if (page_size != 0)
    {
      g_autofree char *more = g_strdup_printf ("%sPRAGMA cipher_page_size = %d;", sql, page_size);

      g_free (sql);
      sql = g_steal_pointer (&more);
    }

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  rc = sqlite3_prepare_v2 (db, "SELECT COUNT (*) FROM badges;", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      *badges = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version;", -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      *version = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
    }
  else
    rc = sqlite3_extended_errcode (db);
  sqlite3_close (db);

  return rc;
}

/* The collection's raw key, as a literal. */
static char *
collection_key_literal (GBytes *key)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (key, &len);

  return hex_literal (data, len);
}

/* A backup's raw key: PBKDF2-HMAC-SHA256 (passphrase, first 16 bytes of
 * the file, 600 000 iterations, 32 bytes), computed here with GnuTLS.
 */
static char *
backup_key_literal (const char *file,
                    const char *passphrase)
{
  g_autoptr(GBytes) contents = credence_test_read_file (file);
  gnutls_datum_t secret = { (unsigned char *) passphrase, strlen (passphrase) };
  gnutls_datum_t salt;
  guint8 key[32];

  g_assert_cmpuint (g_bytes_get_size (contents), >=, 16);
  salt.data = (unsigned char *) g_bytes_get_data (contents, NULL);
  salt.size = 16;
  g_assert_cmpint (gnutls_pbkdf2 (GNUTLS_MAC_SHA256, &secret, &salt, 600000, key, sizeof key), ==, 0);

  return hex_literal (key, sizeof key);
}

static void
add_badges (CredenceStore *store,
            const char    *prefix,
            guint          n)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s badge %u", prefix, i);
      g_autofree char *id = g_strdup_printf ("https://issuer.example.org/%s/%u", prefix, i);
      g_autoptr(CredenceStoreBadge) badge = credence_test_make_badge (name, id, "valid", 1000 + i);

      badge->added_at = 5000 + i;
      g_assert_true (credence_store_add_badge (store, badge, &error));
      g_assert_no_error (error);
    }
}

/* Writes collection.db (key: fixture_key()) and backup.credence-backup
 * (passphrase FIXTURE_PASSPHRASE) into @dir with the linked SQLCipher.
 */
static int
write_fixtures (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = fixture_key ();
  g_autofree char *path = g_build_filename (dir, "collection.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.credence-backup", NULL);
  g_autofree char *version = NULL;
  CredenceStore *store;

  if (g_mkdir_with_parents (dir, 0700) != 0 || g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s: cannot create, or already holds a collection\n", dir);
      return 1;
    }

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  add_badges (store, "Format", FIXTURE_BADGES);
  version = credence_store_dup_cipher_version (store);
  g_assert_true (credence_store_set_meta (store, "written-by", version, &error));
  g_assert_true (credence_store_backup (store, backup, FIXTURE_PASSPHRASE, &error));
  g_assert_no_error (error);
  g_object_unref (store);
  g_print ("Wrote %s and %s with SQLCipher %s\n", path, backup, version);

  return 0;
}

/* A new collection opens with the documented settings, and only with
 * them: not with 1 KiB pages, nor with the linked library's defaults.
 */
static void
test_collection_documented (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autoptr(GBytes) key = fixture_key ();
  g_autofree char *literal = collection_key_literal (key);
  CredenceStore *store;
  int badges = -1, version = -1;

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  add_badges (store, "Format", 2);
  g_assert_finalize_object (store);

  g_assert_cmpint (read_documented (path, literal, TRUE, 4096, &badges, &version), ==, SQLITE_OK);
  g_assert_cmpint (badges, ==, 2);
  g_assert_cmpint (version, ==, CREDENCE_STORE_SCHEMA_VERSION);
  g_assert_cmpint (read_documented (path, literal, TRUE, 1024, &badges, &version), ==, SQLITE_NOTADB);
  g_assert_cmpint (read_documented (path, literal, FALSE, 0, &badges, &version), ==, SQLITE_NOTADB);

  credence_test_remove_tree (dir);
}

/* A backup opens with SQLCipher 3's default settings (1 KiB pages), and
 * not with 4 KiB pages nor, on SQLCipher 4, with its defaults.
 */
static void
test_backup_documented (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autofree char *backup = g_build_filename (dir, "my.credence-backup", NULL);
  g_autofree char *literal = NULL;
  g_autoptr(GBytes) key = fixture_key ();
  CredenceStore *store;
  int badges = -1, version = -1;

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  add_badges (store, "Format", 2);
  g_assert_true (credence_store_backup (store, backup, "documented", &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  literal = backup_key_literal (backup, "documented");
  g_assert_cmpint (read_documented (backup, literal, TRUE, 0, &badges, &version), ==, SQLITE_OK);
  g_assert_cmpint (badges, ==, 2);
  g_assert_cmpint (version, ==, CREDENCE_STORE_SCHEMA_VERSION);
  g_assert_cmpint (read_documented (backup, literal, TRUE, 1024, &badges, &version), ==, SQLITE_OK);
  g_assert_cmpint (read_documented (backup, literal, TRUE, 4096, &badges, &version), ==, SQLITE_NOTADB);
  if (linked_major () >= 4)
    g_assert_cmpint (read_documented (backup, literal, FALSE, 0, &badges, &version), ==, SQLITE_NOTADB);

  credence_test_remove_tree (dir);
}

static void
copy_fixture (const char *from,
              const char *to)
{
  g_autoptr(GBytes) bytes = credence_test_read_file (from);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (to, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (to, 0600), ==, 0);
}

/* A collection written with another SQLCipher opens here (and is then in
 * the current format), or, when this SQLCipher cannot read its format,
 * fails with WRONG_KEY and changes no byte.
 */
static void
test_fixture_collection (gconstpointer data)
{
  const FormatFixture *fixture = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "store-format",
                                                   fixture->dir, "collection.db", NULL);
  g_autoptr(GBytes) key = fixture_key ();
  g_autofree char *literal = collection_key_literal (key);
  g_autoptr(GBytes) before = NULL;
  CredenceStore *store;

  copy_fixture (source, path);
  before = credence_test_read_file (path);

  store = credence_store_open (path, key, &error);
  if (linked_major () < fixture->needs_major)
    {
      g_autoptr(GBytes) after = credence_test_read_file (path);

      g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY);
      g_assert_null (store);
      g_assert_true (g_bytes_equal (before, after));
    }
  else
    {
      g_autofree char *written_by = NULL;
      int badges = -1, version = -1;

      g_assert_no_error (error);
      written_by = credence_store_dup_meta (store, "written-by", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (written_by, ==, fixture->written_by);
      g_assert_cmpint (credence_store_count_badges (store, NULL), ==, FIXTURE_BADGES);
      add_badges (store, "Added", 1);
      g_assert_finalize_object (store);

      g_assert_cmpint (read_documented (path, literal, TRUE, 4096, &badges, &version), ==, SQLITE_OK);
      g_assert_cmpint (badges, ==, FIXTURE_BADGES + 1);
      g_assert_cmpint (version, ==, CREDENCE_STORE_SCHEMA_VERSION);
    }

  credence_test_remove_tree (dir);
}

/* A backup written with another SQLCipher is restored here, or, when this
 * SQLCipher cannot read its format, fails with WRONG_KEY.
 */
static void
test_fixture_backup (gconstpointer data)
{
  const FormatFixture *fixture = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autofree char *backup = g_test_build_filename (G_TEST_DIST, "data", "store-format",
                                                   fixture->dir, "backup.credence-backup", NULL);
  g_autoptr(GBytes) key = fixture_key ();
  g_autoptr(GBytes) before = credence_test_read_file (backup);
  g_autoptr(GBytes) after = NULL;
  CredenceStore *store;
  gboolean ok;

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  ok = credence_store_restore (store, backup, FIXTURE_PASSPHRASE,
                               CREDENCE_STORE_RESTORE_REPLACE, &error);
  if (linked_major () < fixture->needs_major)
    {
      g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY);
      g_assert_false (ok);
      g_assert_cmpint (credence_store_count_badges (store, NULL), ==, 0);
    }
  else
    {
      g_autofree char *written_by = NULL;

      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (credence_store_count_badges (store, NULL), ==, FIXTURE_BADGES);
      written_by = credence_store_dup_meta (store, "written-by", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (written_by, ==, fixture->written_by);
    }
  g_assert_finalize_object (store);

  after = credence_test_read_file (backup);
  g_assert_true (g_bytes_equal (before, after));

  credence_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && strcmp (argv[1], "--write-fixtures") == 0)
    return write_fixtures (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-format/collection-documented", test_collection_documented);
  g_test_add_func ("/store-format/backup-documented", test_backup_documented);
  for (gsize i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *collection = g_strdup_printf ("/store-format/%s/collection", fixtures[i].dir);
      g_autofree char *backup = g_strdup_printf ("/store-format/%s/backup", fixtures[i].dir);

      g_test_add_data_func (collection, &fixtures[i], test_fixture_collection);
      g_test_add_data_func (backup, &fixtures[i], test_fixture_backup);
    }

  return g_test_run ();
}
