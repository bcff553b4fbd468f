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
#include "credence-store-pathways.h"
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

/* Schema 2, as the first store with badges wrote it, with one badge, its
 * history, a pinned document and an identity.
 */
#define SCHEMA_2 \
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);" \
  "CREATE TABLE badges (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE," \
  " credential_id TEXT UNIQUE, payload_sha256 TEXT NOT NULL UNIQUE, container TEXT NOT NULL," \
  " spec_version TEXT NOT NULL, original BLOB NOT NULL, payload BLOB NOT NULL, name TEXT," \
  " description TEXT, issuer_name TEXT, issuer_url TEXT, recipient TEXT, issued_on TEXT," \
  " expires_on TEXT, image TEXT, source TEXT, search_text TEXT NOT NULL DEFAULT ''," \
  " added_at INTEGER NOT NULL, verdict TEXT, reason TEXT, verified_at INTEGER NOT NULL DEFAULT 0);" \
  "CREATE INDEX badges_by_added ON badges (added_at);" \
  "CREATE TABLE documents (sha256 TEXT PRIMARY KEY NOT NULL, bytes BLOB NOT NULL);" \
  "CREATE TABLE badge_documents (badge_id INTEGER NOT NULL REFERENCES badges (id) ON DELETE CASCADE," \
  " url TEXT NOT NULL, final_url TEXT, status INTEGER NOT NULL DEFAULT 0," \
  " fetched_at INTEGER NOT NULL DEFAULT 0, media_type TEXT," \
  " document_sha256 TEXT NOT NULL REFERENCES documents (sha256), PRIMARY KEY (badge_id, url));" \
  "CREATE INDEX badge_documents_by_document ON badge_documents (document_sha256);" \
  "CREATE TABLE verifications (id INTEGER PRIMARY KEY," \
  " badge_id INTEGER NOT NULL REFERENCES badges (id) ON DELETE CASCADE, verified_at INTEGER NOT NULL," \
  " online INTEGER NOT NULL, verdict TEXT NOT NULL, reason TEXT, report TEXT);" \
  "CREATE INDEX verifications_by_badge ON verifications (badge_id, verified_at);" \
  "CREATE TABLE identities (id INTEGER PRIMARY KEY," \
  " type TEXT NOT NULL CHECK (type IN ('email', 'url', 'telephone', 'did'))," \
  " value TEXT NOT NULL, is_primary INTEGER NOT NULL DEFAULT 0, UNIQUE (type, value));" \
  "INSERT INTO badges (id, uid, credential_id, payload_sha256, container, spec_version, original," \
  " payload, name, search_text, added_at, verdict, verified_at) VALUES (7, '0123456789abcdef'," \
  " 'urn:test:v2', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'png', '2.0'," \
  " X'89504e47', X'7b7d', 'Kept across upgrades', 'kept across upgrades', 1700000000, 'valid', 1700000001);" \
  "INSERT INTO documents VALUES ('abc', X'7b2274797065223a22497373756572227d');" \
  "INSERT INTO badge_documents (badge_id, url, status, document_sha256) VALUES (7, 'https://i.test/', 200, 'abc');" \
  "INSERT INTO verifications (badge_id, verified_at, online, verdict, report) VALUES (7, 1700000001, 1, 'valid', '{}');" \
  "INSERT INTO identities (type, value, is_primary) VALUES ('email', 'a@example.org', 1);"

static void
test_migrate_2_to_3 (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(CredenceStoreBadge) badge = NULL;
  g_autoptr(CredenceStoreBadge) added = credence_test_make_badge ("After upgrade", "urn:test:up", "valid", 5);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  CredenceStore *store;

  write_fixture (path, key, SCHEMA_2, 2);

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (credence_store_get_schema_version (store), ==, CREDENCE_STORE_SCHEMA_VERSION);
  g_assert_true (credence_store_check_integrity (store, &error));
  g_assert_no_error (error);

  /* Every part of the old badge is still there. */
  badge = credence_store_get_badge (store, "0123456789abcdef", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (badge->name, ==, "Kept across upgrades");
  g_assert_cmpstr (badge->credential_id, ==, "urn:test:v2");
  g_assert_cmpmem (g_bytes_get_data (badge->original, NULL), g_bytes_get_size (badge->original), "\x89PNG", 4);
  g_assert_cmpmem (g_bytes_get_data (badge->payload, NULL), g_bytes_get_size (badge->payload), "{}", 2);
  g_assert_cmpint (badge->added_at, ==, 1700000000);
  g_assert_cmpuint (badge->history->len, ==, 1);
  g_assert_cmpuint (badge->documents->len, ==, 1);
  g_assert_cmpstr (badge->verdict, ==, "valid");

  list = credence_store_list_badges (store, "upgrades", &error);
  g_assert_cmpuint (list->len, ==, 1);

  /* New badges, and removal with its cascade, work on the new tables. */
  g_assert_true (credence_store_add_badge (store, added, &error));
  g_assert_no_error (error);
  g_assert_true (credence_store_remove_badge (store, "0123456789abcdef", &error));
  g_assert_no_error (error);
  g_assert_cmpint (credence_store_count_badges (store, NULL), ==, 1);
  g_assert_true (credence_store_check_integrity (store, &error));
  g_assert_finalize_object (store);

  credence_test_remove_tree (dir);
}

static void
test_migrate_from_1 (void)
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
  g_assert_cmpint (credence_store_get_schema_version (store), ==, CREDENCE_STORE_SCHEMA_VERSION);

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

/* Schema 3, as the store wrote it (bytes in badge_files), with one badge
 * (valid, with an OB 2.0 payload naming its BadgeClass) and its history.
 */
#define SCHEMA_3 \
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);" \
  "CREATE TABLE badges (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, credential_id TEXT UNIQUE," \
  " payload_sha256 TEXT NOT NULL UNIQUE, container TEXT NOT NULL, spec_version TEXT NOT NULL," \
  " name TEXT, description TEXT, issuer_name TEXT, issuer_url TEXT, recipient TEXT, issued_on TEXT," \
  " expires_on TEXT, image TEXT, source TEXT, search_text TEXT NOT NULL DEFAULT ''," \
  " added_at INTEGER NOT NULL, verdict TEXT, reason TEXT, verified_at INTEGER NOT NULL DEFAULT 0);" \
  "CREATE INDEX badges_by_added ON badges (added_at);" \
  "CREATE TABLE badge_files (badge_id INTEGER PRIMARY KEY REFERENCES badges (id) ON DELETE CASCADE," \
  " original BLOB NOT NULL, payload BLOB NOT NULL);" \
  "CREATE TABLE documents (sha256 TEXT PRIMARY KEY NOT NULL, bytes BLOB NOT NULL);" \
  "CREATE TABLE badge_documents (badge_id INTEGER NOT NULL REFERENCES badges (id) ON DELETE CASCADE," \
  " url TEXT NOT NULL, final_url TEXT, status INTEGER NOT NULL DEFAULT 0, fetched_at INTEGER NOT NULL DEFAULT 0," \
  " media_type TEXT, document_sha256 TEXT NOT NULL REFERENCES documents (sha256), PRIMARY KEY (badge_id, url));" \
  "CREATE INDEX badge_documents_by_document ON badge_documents (document_sha256);" \
  "CREATE TABLE verifications (id INTEGER PRIMARY KEY, badge_id INTEGER NOT NULL REFERENCES badges (id) ON DELETE CASCADE," \
  " verified_at INTEGER NOT NULL, online INTEGER NOT NULL, verdict TEXT NOT NULL, reason TEXT, report TEXT);" \
  "CREATE INDEX verifications_by_badge ON verifications (badge_id, verified_at);" \
  "CREATE TABLE identities (id INTEGER PRIMARY KEY, type TEXT NOT NULL CHECK (type IN ('email', 'url', 'telephone', 'did'))," \
  " value TEXT NOT NULL, is_primary INTEGER NOT NULL DEFAULT 0, UNIQUE (type, value));" \
  "INSERT INTO meta VALUES ('greeting', 'written by schema 3');" \
  "INSERT INTO badges (id, uid, credential_id, payload_sha256, container, spec_version," \
  " name, issuer_name, issuer_url, added_at, verdict, verified_at) VALUES (7, 'old-badge', 'urn:uuid:old'," \
  " 'f00d', 'json', '2.0', 'Old Badge', 'Example Issuing Academy', 'https://issuer.example.org', 1, 'valid', 1);" \
  "INSERT INTO badge_files (badge_id, original, payload) VALUES (7, X'7b7d'," \
  " CAST('{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"Assertion\", \"id\": \"urn:uuid:old\"," \
  " \"recipient\": {\"type\": \"email\", \"hashed\": false, \"identity\": \"a@example.org\"}," \
  " \"badge\": \"https://issuer.example.org/badges/old\"}' AS BLOB));" \
  "INSERT INTO verifications (badge_id, verified_at, online, verdict) VALUES (7, 1, 1, 'valid');"

static void
test_migrate_3_to_4 (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(CredenceCollection) collection = credence_collection_new ("Kept");
  g_autoptr(CredenceCollection) loaded = NULL;
  g_autoptr(CredencePathway) pathway = credence_pathway_new ("Upgrade");
  g_autoptr(CredencePathwayStep) step = credence_pathway_step_new_achievement ("Old", "https://issuer.example.org/badges/old");
  g_autoptr(GPtrArray) pathways = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *uid = NULL;
  CredenceStore *store;

  write_fixture (path, key, SCHEMA_3, 3);

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (credence_store_get_schema_version (store), ==, 4);

  /* Old data kept. */
  value = credence_store_dup_meta (store, "greeting", &error);
  g_assert_cmpstr (value, ==, "written by schema 3");
  g_assert_cmpint (credence_store_count_badges (store, &error), ==, 1);

  /* New tables usable with the old badge: a collection, and a pathway
   * whose step matches the old payload's BadgeClass.
   */
  credence_collection_add (collection, "old-badge");
  g_assert_true (credence_store_save_collection (store, collection, &error));
  g_assert_no_error (error);
  credence_pathway_step_append_child (credence_pathway_get_root (pathway), step);
  uid = credence_store_add_pathway (store, pathway, &error);
  g_assert_no_error (error);
  g_assert_true (credence_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  loaded = credence_store_get_collection (store, "Kept", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credence_collection_get_item (loaded, 0), ==, "old-badge");
  pathways = credence_store_list_pathways (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pathways->len, ==, 1);
  g_assert_cmpuint (((CredenceStorePathway *)g_ptr_array_index (pathways, 0))->n_complete, ==, 1);
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

  g_test_add_func ("/store-migration/from-1", test_migrate_from_1);
  g_test_add_func ("/store-migration/2-to-3", test_migrate_2_to_3);
  g_test_add_func ("/store-migration/3-to-4", test_migrate_3_to_4);
  g_test_add_func ("/store-migration/from-empty", test_migrate_from_empty);
  g_test_add_func ("/store-migration/newer-schema-refused", test_newer_schema_refused);

  return g_test_run ();
}
