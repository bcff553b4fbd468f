/* test-store-migration.c: every schema upgrade, from a database written
 * with the previous schema.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "credence-keyring.h"
#include "credence-store.h"
#include "credence-store-pathways.h"
#include "credence-test-utils.h"

/* Opens @path with the raw @key, SQLCipher 3's settings (whatever the
 * linked SQLCipher: PRAGMA cipher_compatibility = 3, ignored by SQLCipher
 * 3) and @page_size (0: SQLCipher 3's default, 1 KiB pages, as every
 * Credence before 4 KiB pages).
 */
static sqlite3 *
open_raw (const char *path,
          GBytes     *key,
          int         page_size)
{
  g_autoptr(GString) pragma = g_string_new ("PRAGMA key = \"x'");
  const guint8 *data;
  gsize len;
  sqlite3 *db = NULL;

  data = g_bytes_get_data (key, &len);
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (pragma, "%02x", data[i]);
  g_string_append (pragma, "'\";PRAGMA cipher_compatibility = 3;");
  if (page_size != 0)
    g_string_append_printf (pragma, "PRAGMA cipher_page_size = %d;", page_size);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma->str, NULL, NULL, NULL), ==, SQLITE_OK);

  return db;
}

/* Writes an encrypted database the way an older Credence did: @sql with
 * the raw key and SQLCipher's default settings, then
 * PRAGMA user_version = @version.
 */
static void
write_fixture_with_pages (const char *path,
                          GBytes     *key,
                          const char *sql,
                          int         version,
                          int         page_size)
{
  g_autofree char *version_sql = g_strdup_printf ("PRAGMA user_version = %d;", version);
  sqlite3 *db = open_raw (path, key, page_size);

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, version_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
write_fixture (const char *path,
               GBytes     *key,
               const char *sql,
               int         version)
{
  write_fixture_with_pages (path, key, sql, version, 0);
}

/* The page size @path can be read with: 1024, 4096 or 0 for neither. */
static int
page_size_of (const char *path,
              GBytes     *key)
{
  const int sizes[] = { 1024, 4096 };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      sqlite3 *db = open_raw (path, key, sizes[i]);
      int rc = sqlite3_exec (db, "SELECT COUNT (*) FROM sqlite_master;", NULL, NULL, NULL);

      sqlite3_close (db);
      if (rc == SQLITE_OK)
        return sizes[i];
    }

  return 0;
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
  g_assert_cmpint (credence_store_get_schema_version (store), ==, CREDENCE_STORE_SCHEMA_VERSION);

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

/* Schema 4, as the store wrote it: schema 3 with collections, pathways and
 * badge facts, the old badge searchable and in a collection (its cover).
 */
#define SCHEMA_4 SCHEMA_3 \
  "CREATE TABLE collections (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE," \
  " description TEXT, cover_badge_id INTEGER REFERENCES badges (id) ON DELETE SET NULL," \
  " disclosure INTEGER NOT NULL, visibility TEXT NOT NULL DEFAULT 'private'" \
  " CHECK (visibility IN ('private', 'portfolio')), created_at INTEGER NOT NULL);" \
  "CREATE TABLE collection_items (collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE," \
  " badge_id INTEGER NOT NULL REFERENCES badges (id) ON DELETE CASCADE, position INTEGER NOT NULL," \
  " PRIMARY KEY (collection_id, badge_id));" \
  "CREATE INDEX collection_items_by_badge ON collection_items (badge_id);" \
  "CREATE TABLE pathways (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, title TEXT NOT NULL," \
  " definition TEXT NOT NULL, created_at INTEGER NOT NULL, n_steps INTEGER NOT NULL DEFAULT 0," \
  " n_complete INTEGER NOT NULL DEFAULT 0, percent INTEGER NOT NULL DEFAULT 0," \
  " progress_at INTEGER NOT NULL DEFAULT 0);" \
  "CREATE TABLE badge_facts (badge_id INTEGER PRIMARY KEY REFERENCES badges (id) ON DELETE CASCADE," \
  " achievement_id TEXT, issuer_id TEXT, tags TEXT, alignments TEXT);" \
  "UPDATE meta SET value = 'written by schema 4' WHERE key = 'greeting';" \
  "UPDATE badges SET search_text = 'old badge' || char (10) || 'example issuing academy' || char (10) WHERE id = 7;" \
  "INSERT INTO collections VALUES (3, 'kept-uid', 'Kept', NULL, 7, 0, 'private', 1);" \
  "INSERT INTO collection_items VALUES (3, 7, 0);" \
  "INSERT INTO badge_facts (badge_id, achievement_id) VALUES (7, 'https://issuer.example.org/badges/old');"

static void
test_migrate_4_to_5 (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(CredenceStoreBadge) added = credence_test_make_badge ("Searchable Émigré", "urn:test:five", "valid", 5);
  g_autoptr(CredenceCollection) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  CredenceStore *store;

  write_fixture (path, key, SCHEMA_4, 4);

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (credence_store_get_schema_version (store), ==, CREDENCE_STORE_SCHEMA_VERSION);
  g_assert_true (credence_store_check_integrity (store, &error));
  g_assert_no_error (error);
  value = credence_store_dup_meta (store, "greeting", &error);
  g_assert_cmpstr (value, ==, "written by schema 4");

  /* The old badge is listed, and found by its old search text only. */
  list = credence_store_list_badges (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((CredenceStoreBadge *) g_ptr_array_index (list, 0))->name, ==, "Old Badge");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = credence_store_list_badges (store, "ISSUING Academy", &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = credence_store_list_badges (store, "welding", &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  loaded = credence_store_get_collection (store, "Kept", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credence_collection_get_item (loaded, 0), ==, "old-badge");
  g_assert_cmpstr (credence_collection_get_cover (loaded), ==, "old-badge");
  g_clear_object (&loaded);

  /* A new badge is searchable, case-folded beyond ASCII. */
  g_assert_true (credence_store_add_badge (store, added, &error));
  g_assert_no_error (error);
  list = credence_store_list_badges (store, "émigré", &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Removing the old badge still cascades to what refers to it. */
  g_assert_true (credence_store_remove_badge (store, "old-badge", &error));
  g_assert_no_error (error);
  loaded = credence_store_get_collection (store, "Kept", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (credence_collection_get_n_items (loaded), ==, 0);
  g_assert_null (credence_collection_get_cover (loaded));
  list = credence_store_list_badges (store, "old badge", &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_true (credence_store_check_integrity (store, &error));
  g_assert_no_error (error);
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

/* Collections written with SQLCipher's default 1 KiB pages are rewritten
 * with 4 KiB pages (a first list of 10 000 badges decrypts a quarter of
 * the pages), keeping everything, when no other process has them open.
 */
static void
test_legacy_pages_rewritten (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.db", NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(CredenceStoreBadge) badge = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  CredenceStore *store;
  GStatBuf st;

  /* A new collection has 4 KiB pages from the start. */
  store = credence_store_open (fresh, key, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  g_assert_cmpint (page_size_of (fresh, key), ==, 4096);
  g_unlink (fresh);

  write_fixture (path, key, SCHEMA_3, 3);
  g_assert_cmpint (page_size_of (path, key), ==, 1024);

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_true (credence_store_check_integrity (store, &error));
  g_assert_no_error (error);
  badge = credence_store_get_badge (store, "old-badge", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (badge->name, ==, "Old Badge");
  g_assert_cmpuint (badge->history->len, ==, 1);
  g_assert_finalize_object (store);

  g_assert_cmpint (page_size_of (path, key), ==, 4096);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Nothing is left beside it but the collection's own files. */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  for (const char *name; (name = g_dir_read_name (listing)) != NULL;)
    g_assert_true (g_str_has_prefix (name, CREDENCE_STORE_FILE_NAME) &&
                   !g_str_has_prefix (name, CREDENCE_STORE_FILE_NAME ".pages"));

  /* And it opens again as it is. */
  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (credence_store_count_badges (store, &error), ==, 1);
  g_assert_finalize_object (store);

  credence_test_remove_tree (dir);
}

/* While another connection has the old file open it is read as it is, and
 * rewritten on a later open.
 */
static void
test_legacy_pages_in_use (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  CredenceStore *store;
  sqlite3 *other;

  write_fixture (path, key, SCHEMA_3, 3);
  other = open_raw (path, key, 0);
  g_assert_cmpint (sqlite3_exec (other, "PRAGMA journal_mode = WAL; SELECT COUNT (*) FROM badges;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  value = credence_store_dup_meta (store, "greeting", &error);
  g_assert_cmpstr (value, ==, "written by schema 3");
  g_assert_finalize_object (store);
  g_assert_cmpint (page_size_of (path, key), ==, 1024);

  /* The other connection still reads, and writes, the same file. */
  g_assert_cmpint (sqlite3_exec (other, "INSERT INTO meta VALUES ('other', 'still here');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  g_clear_pointer (&value, g_free);
  value = credence_store_dup_meta (store, "other", &error);
  g_assert_cmpstr (value, ==, "still here");
  g_assert_finalize_object (store);
  g_assert_cmpint (page_size_of (path, key), ==, 4096);

  credence_test_remove_tree (dir);
}

static void
test_legacy_pages_wrong_key (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(GBytes) wrong = credence_keyring_new_random_key ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  write_fixture (path, key, SCHEMA_3, 3);
  before = credence_test_read_file (path);

  g_assert_null (credence_store_open (path, wrong, &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY);

  after = credence_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (page_size_of (path, key), ==, 1024);

  credence_test_remove_tree (dir);
}

typedef struct {
  const char *path;
  GBytes     *key;
} OpenData;

static gpointer
open_and_read_greeting (gpointer user_data)
{
  OpenData *data = user_data;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = credence_store_open (data->path, data->key, &error);
  g_assert_no_error (error);

  return credence_store_dup_meta (store, "greeting", NULL);
}

/* A collection replaced (as a rewrite with larger pages does) while the
 * store waits for the lock on the old file: the store reads the new file.
 */
static void
test_replaced_while_opening (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autofree char *next = g_build_filename (dir, "next.db", NULL);
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autofree char *greeting = NULL;
  OpenData data = { path, key };
  GThread *thread;
  sqlite3 *holder;

  write_fixture_with_pages (path, key, "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);"
                            "INSERT INTO meta VALUES ('greeting', 'old file');",
                            CREDENCE_STORE_SCHEMA_VERSION, 4096);
  write_fixture_with_pages (next, key, "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);"
                            "INSERT INTO meta VALUES ('greeting', 'new file');",
                            CREDENCE_STORE_SCHEMA_VERSION, 4096);

  holder = open_raw (path, key, 4096);
  g_assert_cmpint (sqlite3_exec (holder, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  thread = g_thread_new ("open", open_and_read_greeting, &data);
  /* Long enough for the store to be waiting on the lock of the old file. */
  g_usleep (G_USEC_PER_SEC / 2);
  g_assert_cmpint (g_rename (next, path), ==, 0);
  g_assert_cmpint (sqlite3_exec (holder, "ROLLBACK;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (holder), ==, SQLITE_OK);

  greeting = g_thread_join (thread);
  g_assert_cmpstr (greeting, ==, "new file");

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
  g_test_add_func ("/store-migration/4-to-5", test_migrate_4_to_5);
  g_test_add_func ("/store-migration/from-empty", test_migrate_from_empty);
  g_test_add_func ("/store-migration/newer-schema-refused", test_newer_schema_refused);
  g_test_add_func ("/store-migration/legacy-pages-rewritten", test_legacy_pages_rewritten);
  g_test_add_func ("/store-migration/legacy-pages-in-use", test_legacy_pages_in_use);
  g_test_add_func ("/store-migration/legacy-pages-wrong-key", test_legacy_pages_wrong_key);
  g_test_add_func ("/store-migration/replaced-while-opening", test_replaced_while_opening);

  return g_test_run ();
}
