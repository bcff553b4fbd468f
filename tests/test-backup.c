/* test-backup.c: encrypted backups, restored by merging or replacing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gnutls/crypto.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "credence-keyring.h"
#include "credence-passphrase.h"
#include "credence-store.h"
#include "credence-test-utils.h"

typedef struct
{
  char          *dir;
  char          *backup;
  CredenceStore *a;
  CredenceStore *b;
} Fixture;

static CredenceStore *
open_store (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = g_build_filename (dir, name, NULL);
  g_autofree char *path = g_build_filename (sub, CREDENCE_STORE_FILE_NAME, NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  CredenceStore *store;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);

  return store;
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
      credence_store_badge_add_verification (badge,
                                             credence_store_verification_new (2000 + i, FALSE, "indeterminate",
                                                                              "unreachable", "{\"offline\": true}"));
      g_assert_true (credence_store_add_badge (store, badge, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = credence_test_make_temp_dir ();
  f->backup = g_build_filename (f->dir, "my-badges.credence-backup", NULL);
  f->a = open_store (f->dir, "a");
  f->b = open_store (f->dir, "b");

  add_badges (f->a, "Backed", 4);
  credence_store_add_identity (f->a, CREDENCE_STORE_IDENTITY_EMAIL, "learner@example.org", TRUE, &error);
  credence_store_add_identity (f->a, CREDENCE_STORE_IDENTITY_DID, "did:example:123", FALSE, &error);
  credence_store_set_meta (f->a, "greeting", "from a", &error);
  g_assert_no_error (error);

  add_badges (f->b, "Other", 2);
  credence_store_add_identity (f->b, CREDENCE_STORE_IDENTITY_URL, "https://me.example.net/", TRUE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->a);
  g_assert_finalize_object (f->b);
  credence_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->backup);
}

static void
assert_documents_equal (GPtrArray *x,
                        GPtrArray *y)
{
  g_assert_cmpuint (x->len, ==, y->len);
  for (guint i = 0; i < x->len; i++)
    {
      CredenceStoreDocument *dx = g_ptr_array_index (x, i);
      CredenceStoreDocument *dy = g_ptr_array_index (y, i);

      g_assert_cmpstr (dx->url, ==, dy->url);
      g_assert_cmpstr (dx->final_url, ==, dy->final_url);
      g_assert_cmpint (dx->status, ==, dy->status);
      g_assert_cmpint (dx->fetched_at, ==, dy->fetched_at);
      g_assert_cmpstr (dx->media_type, ==, dy->media_type);
      g_assert_cmpstr (dx->sha256, ==, dy->sha256);
      g_assert_true (g_bytes_equal (dx->bytes, dy->bytes));
    }
}

/* Every badge of @from is in @to with the same id, bytes, history and
 * documents.
 */
static void
assert_badges_kept (CredenceStore *from,
                    CredenceStore *to)
{
  g_autoptr(GPtrArray) list = credence_store_list_badges (from, NULL, NULL);

  g_assert_cmpuint (list->len, >, 0);
  for (guint i = 0; i < list->len; i++)
    {
      const char *uid = ((CredenceStoreBadge *) g_ptr_array_index (list, i))->uid;
      g_autoptr(CredenceStoreBadge) x = credence_store_get_badge (from, uid, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceStoreBadge) y = credence_store_get_badge (to, uid, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (x->credential_id, ==, y->credential_id);
      g_assert_cmpstr (x->payload_sha256, ==, y->payload_sha256);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->description, ==, y->description);
      g_assert_cmpstr (x->source, ==, y->source);
      g_assert_cmpstr (x->issued_on, ==, y->issued_on);
      g_assert_cmpint (x->added_at, ==, y->added_at);
      g_assert_cmpstr (x->verdict, ==, y->verdict);
      g_assert_cmpint (x->verified_at, ==, y->verified_at);
      g_assert_true (g_bytes_equal (x->original, y->original));
      g_assert_true (g_bytes_equal (x->payload, y->payload));

      g_assert_cmpuint (x->history->len, ==, y->history->len);
      for (guint j = 0; j < x->history->len; j++)
        {
          CredenceStoreVerification *vx = g_ptr_array_index (x->history, j);
          CredenceStoreVerification *vy = g_ptr_array_index (y->history, j);

          g_assert_cmpint (vx->verified_at, ==, vy->verified_at);
          g_assert_cmpint (vx->online, ==, vy->online);
          g_assert_cmpstr (vx->verdict, ==, vy->verdict);
          g_assert_cmpstr (vx->reason, ==, vy->reason);
          g_assert_cmpstr (vx->report, ==, vy->report);
        }
      assert_documents_equal (x->documents, y->documents);
    }
}

static void
test_backup_file_is_encrypted (Fixture       *f,
                               gconstpointer  data)
{
  const char *needles[] = { "Backed badge", "learner@example.org", "issuer.example.org", "from a", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *found = NULL;
  g_autofree char *part = g_strconcat (f->backup, ".part", NULL);
  GStatBuf st;

  g_assert_true (credence_store_backup (f->a, f->backup, "backup words", &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (f->backup, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  contents = credence_test_read_file (f->backup);
  g_assert_false (memcmp (g_bytes_get_data (contents, NULL), "SQLite format 3", 16) == 0);
  found = credence_test_dir_find_text (f->dir, needles);
  g_assert_null (found);

  /* An empty passphrase is refused. */
  g_assert_false (credence_store_backup (f->a, f->backup, "", &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID);
}

/* The format is the documented one: any SQLCipher opens it with the key
 * PBKDF2-HMAC-SHA256 (passphrase, first 16 bytes of the file, 600 000)
 * and SQLCipher 3's defaults (PRAGMA cipher_compatibility = 3 on SQLCipher
 * 4, ignored by SQLCipher 3).  More in test-store-format.c.
 */
static void
test_backup_format_documented (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GString) pragma = g_string_new ("PRAGMA key = \"x'");
  const char *passphrase = "documented format";
  gnutls_datum_t secret = { (unsigned char *)passphrase, strlen (passphrase) };
  gnutls_datum_t salt;
  guint8 key[32];
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (credence_store_backup (f->a, f->backup, passphrase, &error));
  g_assert_no_error (error);

  contents = credence_test_read_file (f->backup);
  salt.data = (unsigned char *)g_bytes_get_data (contents, NULL);
  salt.size = 16;
  g_assert_cmpint (gnutls_pbkdf2 (GNUTLS_MAC_SHA256, &secret, &salt, 600000, key, sizeof key), ==, 0);
  for (gsize i = 0; i < sizeof key; i++)
    g_string_append_printf (pragma, "%02x", key[i]);
  g_string_append (pragma, "'\";PRAGMA cipher_compatibility = 3;");

  g_assert_cmpint (sqlite3_open_v2 (f->backup, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma->str, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT COUNT (*) FROM badges;", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 4);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version;", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, CREDENCE_STORE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_restore_replace (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GBytes) backup_before = NULL;
  g_autoptr(GBytes) backup_after = NULL;
  g_autofree char *greeting = NULL;

  g_assert_true (credence_store_backup (f->a, f->backup, "backup words", &error));
  g_assert_no_error (error);
  backup_before = credence_test_read_file (f->backup);

  g_assert_true (credence_store_restore (f->b, f->backup, "backup words",
                                         CREDENCE_STORE_RESTORE_REPLACE, &error));
  g_assert_no_error (error);

  g_assert_cmpint (credence_store_count_badges (f->b, NULL), ==, 4);
  assert_badges_kept (f->a, f->b);

  ids = credence_store_list_identities (f->b, &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpstr (((CredenceStoreIdentity *) g_ptr_array_index (ids, 0))->value, ==, "learner@example.org");
  g_assert_true (((CredenceStoreIdentity *) g_ptr_array_index (ids, 0))->primary);
  greeting = credence_store_dup_meta (f->b, "greeting", &error);
  g_assert_cmpstr (greeting, ==, "from a");
  g_assert_true (credence_store_check_integrity (f->b, &error));

  /* The backup file itself is never written to. */
  backup_after = credence_test_read_file (f->backup);
  g_assert_true (g_bytes_equal (backup_before, backup_after));
}

static void
test_restore_merge (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(CredenceStoreBadge) shared = credence_test_make_badge ("Backed badge 0",
                                                                   "https://issuer.example.org/Backed/0",
                                                                   "invalid", 9000);
  g_autoptr(CredenceStoreBadge) merged = NULL;

  /* B already has one of A's badges, with a newer verification. */
  g_assert_true (credence_store_add_badge (f->b, shared, &error));
  g_assert_true (credence_store_backup (f->a, f->backup, "backup words", &error));

  g_assert_true (credence_store_restore (f->b, f->backup, "backup words",
                                         CREDENCE_STORE_RESTORE_MERGE, &error));
  g_assert_no_error (error);

  /* 2 of B's own + 4 of A's, the shared one once. */
  g_assert_cmpint (credence_store_count_badges (f->b, NULL), ==, 6);
  merged = credence_store_get_badge (f->b, shared->uid, &error);
  g_assert_cmpuint (merged->history->len, ==, 3);
  g_assert_cmpstr (merged->verdict, ==, "invalid");

  ids = credence_store_list_identities (f->b, &error);
  g_assert_cmpuint (ids->len, ==, 3);
  /* B keeps its own primary identity. */
  g_assert_cmpstr (((CredenceStoreIdentity *) g_ptr_array_index (ids, 0))->value, ==, "https://me.example.net/");
  g_assert_true (((CredenceStoreIdentity *) g_ptr_array_index (ids, 0))->primary);
  g_assert_false (((CredenceStoreIdentity *) g_ptr_array_index (ids, 1))->primary);

  /* Merging the same backup again changes nothing. */
  g_assert_true (credence_store_restore (f->b, f->backup, "backup words",
                                         CREDENCE_STORE_RESTORE_MERGE, &error));
  g_assert_cmpint (credence_store_count_badges (f->b, NULL), ==, 6);
  g_clear_pointer (&merged, credence_store_badge_free);
  merged = credence_store_get_badge (f->b, shared->uid, &error);
  g_assert_cmpuint (merged->history->len, ==, 3);
  g_assert_true (credence_store_check_integrity (f->b, &error));
}

static void
test_restore_wrong_passphrase (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *b_dir = g_build_filename (f->dir, "b", NULL);
  g_autofree char *junk = g_build_filename (f->dir, "junk", NULL);
  g_autoptr(GHashTable) snapshot = NULL;

  g_assert_true (credence_store_backup (f->a, f->backup, "backup words", &error));
  g_assert_no_error (error);

  snapshot = credence_test_snapshot_dir (b_dir);
  g_assert_false (credence_store_restore (f->b, f->backup, "not the words",
                                          CREDENCE_STORE_RESTORE_REPLACE, &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY);
  g_assert_nonnull (strstr (error->message, "passphrase is wrong"));
  g_clear_error (&error);
  credence_test_assert_dir_unchanged (b_dir, snapshot);
  g_assert_cmpint (credence_store_count_badges (f->b, NULL), ==, 2);

  g_assert_true (g_file_set_contents (junk, "short", -1, NULL));
  g_assert_false (credence_store_restore (f->b, junk, "backup words",
                                          CREDENCE_STORE_RESTORE_REPLACE, &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "too short"));
  g_clear_error (&error);

  /* An unencrypted database is named as such, before any key derivation. */
  g_assert_true (g_file_set_contents (junk, "SQLite format 3\0\x10\0\x01\x01", 21, NULL));
  g_assert_false (credence_store_restore (f->b, junk, "backup words",
                                          CREDENCE_STORE_RESTORE_REPLACE, &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "unencrypted"));
  g_clear_error (&error);

  g_assert_false (credence_store_restore (f->b, "/nonexistent/backup", "backup words",
                                          CREDENCE_STORE_RESTORE_REPLACE, &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_IO);
  g_clear_error (&error);
  credence_test_assert_dir_unchanged (b_dir, snapshot);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/backup/file-is-encrypted", test_backup_file_is_encrypted);
  ADD ("/backup/format-documented", test_backup_format_documented);
  ADD ("/backup/restore-replace", test_restore_replace);
  ADD ("/backup/restore-merge", test_restore_merge);
  ADD ("/backup/restore-wrong-passphrase", test_restore_wrong_passphrase);

  return g_test_run ();
}
