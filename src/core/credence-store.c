/* credence-store.c: the encrypted badge collection (SQLCipher): opening,
 * keys (keyring or passphrase), schema migrations, settings, backups.
 * The badge and identity records live in credence-store-badges.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "credence-keyring.h"
#include "credence-passphrase.h"
#include "credence-paths.h"
#include "credence-store-private.h"

G_DEFINE_FINAL_TYPE (CredenceStore, credence_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (credence-store-error-quark, credence_store_error)

static void
credence_store_finalize (GObject *object)
{
  CredenceStore *self = (CredenceStore *)object;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (credence_store_parent_class)->finalize (object);
}

static void
credence_store_class_init (CredenceStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = credence_store_finalize;
}

static void
credence_store_init (CredenceStore *self)
{
  g_rec_mutex_init (&self->lock);
}

/* The major version of the linked SQLCipher, once a collection was
 * opened (open_keyed()); 0 before.
 */
static gint linked_cipher_major;

void
_credence_store_set_sqlite_error (GError     **error,
                                  sqlite3     *db,
                                  const char  *what)
{
  int code = db != NULL ? sqlite3_errcode (db) & 0xff : SQLITE_NOMEM;
  const char *message = db != NULL ? sqlite3_errmsg (db) : "out of memory";

  /* Once a page failed its check, SQLCipher 4 gives SQLite no page for
   * every later read, which SQLite reports as "out of memory".
   */
  if (code == SQLITE_NOMEM && db != NULL && g_atomic_int_get (&linked_cipher_major) >= 4)
    {
      code = SQLITE_CORRUPT;
      message = "a page failed its check";
    }

  switch (code)
    {
    case SQLITE_FULL:
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_IO,
                   _("The disk is full: the collection could not be saved while %s. "
                     "Free some space and try again; nothing was lost."),
                   what);
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_IO,
                   _("The collection file could not be written or read while %s (%s). "
                     "Check that its folder is writable and the disk not full."),
                   what, message);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_CORRUPT,
                   _("The collection file is damaged (%s, while %s). "
                     "Restore it from a backup."),
                   message, what);
      break;
    default:
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_FAILED,
                   _("The collection database failed while %s: %s"),
                   what, message);
      break;
    }
}

/* Runs @sql and returns the first column of its first row, or %NULL. */
static char *
query_string (sqlite3     *db,
              const char  *sql,
              int         *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const unsigned char *text = sqlite3_column_text (stmt, 0);

          if (text != NULL)
            result = g_strdup ((const char *)text);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc_out != NULL)
    *rc_out = rc;

  return result;
}

gboolean
_credence_store_exec (sqlite3     *db,
                      const char  *sql,
                      const char  *what,
                      GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _credence_store_set_sqlite_error (error, db, what);
      return FALSE;
    }

  return TRUE;
}

/* Transactions nest: the outermost is BEGIN IMMEDIATE (so that another
 * process writing at the same time waits instead of failing half-way),
 * inner ones are savepoints.  The store's lock is held from begin to
 * commit or rollback.
 */
gboolean
_credence_store_begin (CredenceStore  *self,
                       GError        **error)
{
  g_rec_mutex_lock (&self->lock);
  if (!_credence_store_exec (self->db,
                             self->tx_depth == 0 ? "BEGIN IMMEDIATE;" : "SAVEPOINT nested;",
                             "starting a change", error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }
  self->tx_depth++;

  return TRUE;
}

gboolean
_credence_store_commit (CredenceStore  *self,
                        GError        **error)
{
  gboolean ok;

  g_assert (self->tx_depth > 0);

  ok = _credence_store_exec (self->db,
                             self->tx_depth == 1 ? "COMMIT;" : "RELEASE nested;",
                             "saving a change", error);
  if (!ok)
    {
      /* A failed COMMIT (full disk) leaves the transaction open. */
      _credence_store_rollback (self);
      return FALSE;
    }

  self->tx_depth--;
  g_rec_mutex_unlock (&self->lock);

  return TRUE;
}

void
_credence_store_rollback (CredenceStore *self)
{
  g_assert (self->tx_depth > 0);

  if (self->tx_depth == 1)
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
    }
  else
    sqlite3_exec (self->db, "ROLLBACK TO nested; RELEASE nested;", NULL, NULL, NULL);

  self->tx_depth--;
  g_rec_mutex_unlock (&self->lock);
}

/* Creates an empty file readable by the owner only, so that SQLite (which
 * copies the main file's mode to its -wal and -shm files) never makes a
 * world-readable collection.
 */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_IO,
                   _("Could not create the collection file “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  return TRUE;
}

static void
wipe_string (char *str)
{
  if (str != NULL)
    {
      gnutls_memset (str, 0, strlen (str));
      g_free (str);
    }
}

typedef char WipedString;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WipedString, wipe_string)

/* Formats a raw SQLCipher key: x'<64 hex digits>' or, with @salt,
 * x'<64 hex digits of key><32 hex digits of salt>' (the salt becomes the
 * first 16 bytes of a new file).  Free the result with wipe_string().
 */
static char *
format_raw_key (GBytes       *key,
                const guint8 *salt)
{
  const guint8 *data;
  gsize len;
  gsize salt_len = salt != NULL ? CREDENCE_PASSPHRASE_SALT_SIZE : 0;
  char *str;
  gsize pos = 0;

  data = g_bytes_get_data (key, &len);
  str = g_malloc0 (4 + 2 * (len + salt_len));
  str[pos++] = 'x';
  str[pos++] = '\'';
  for (gsize i = 0; i < len; i++, pos += 2)
    g_snprintf (str + pos, 3, "%02x", data[i]);
  for (gsize i = 0; i < salt_len; i++, pos += 2)
    g_snprintf (str + pos, 3, "%02x", salt[i]);
  str[pos++] = '\'';

  return str;
}

static gboolean
apply_key (sqlite3  *db,
           GBytes   *key,
           GError  **error)
{
  g_autoptr(WipedString) literal = NULL;
  int rc;

  if (g_bytes_get_size (key) != CREDENCE_KEYRING_KEY_SIZE)
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY,
                   _("The collection key has the wrong size."));
      return FALSE;
    }

  literal = format_raw_key (key, NULL);
  rc = sqlite3_key (db, literal, strlen (literal));
  if (rc != SQLITE_OK)
    {
      _credence_store_set_sqlite_error (error, db, "applying the key");
      return FALSE;
    }

  return TRUE;
}

/* Schema 1: settings.  Schema 2: badges, pinned documents shared between
 * badges, verification history, owner identities.  Schema 3: badge bytes
 * apart.  Schema 4: collections and pathways.  Schema 5: search text
 * apart.  Only SQLite 3.15 features (Debian 12's SQLCipher 3.4.1).
 */
static const char *const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT"
  ");",

  /* 1 → 2 */
  "CREATE TABLE badges ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  credential_id TEXT UNIQUE,"
  "  payload_sha256 TEXT NOT NULL UNIQUE,"
  "  container TEXT NOT NULL,"
  "  spec_version TEXT NOT NULL,"
  "  original BLOB NOT NULL,"
  "  payload BLOB NOT NULL,"
  "  name TEXT,"
  "  description TEXT,"
  "  issuer_name TEXT,"
  "  issuer_url TEXT,"
  "  recipient TEXT,"
  "  issued_on TEXT,"
  "  expires_on TEXT,"
  "  image TEXT,"
  "  source TEXT,"
  "  search_text TEXT NOT NULL DEFAULT '',"
  "  added_at INTEGER NOT NULL,"
  "  verdict TEXT,"
  "  reason TEXT,"
  "  verified_at INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX badges_by_added ON badges (added_at);"
  "CREATE TABLE documents ("
  "  sha256 TEXT PRIMARY KEY NOT NULL,"
  "  bytes BLOB NOT NULL"
  ");"
  "CREATE TABLE badge_documents ("
  "  badge_id INTEGER NOT NULL REFERENCES badges (id) ON DELETE CASCADE,"
  "  url TEXT NOT NULL,"
  "  final_url TEXT,"
  "  status INTEGER NOT NULL DEFAULT 0,"
  "  fetched_at INTEGER NOT NULL DEFAULT 0,"
  "  media_type TEXT,"
  "  document_sha256 TEXT NOT NULL REFERENCES documents (sha256),"
  "  PRIMARY KEY (badge_id, url)"
  ");"
  "CREATE INDEX badge_documents_by_document ON badge_documents (document_sha256);"
  "CREATE TABLE verifications ("
  "  id INTEGER PRIMARY KEY,"
  "  badge_id INTEGER NOT NULL REFERENCES badges (id) ON DELETE CASCADE,"
  "  verified_at INTEGER NOT NULL,"
  "  online INTEGER NOT NULL,"
  "  verdict TEXT NOT NULL,"
  "  reason TEXT,"
  "  report TEXT"
  ");"
  "CREATE INDEX verifications_by_badge ON verifications (badge_id, verified_at);"
  "CREATE TABLE identities ("
  "  id INTEGER PRIMARY KEY,"
  "  type TEXT NOT NULL CHECK (type IN ('email', 'url', 'telephone', 'did')),"
  "  value TEXT NOT NULL,"
  "  is_primary INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (type, value)"
  ");",

  /* 2 → 3: the bytes of each badge move to their own table, so that
   * listing and searching read small rows only.  SQLite 3.15 cannot drop
   * a column: the badges table is rebuilt (foreign keys are off while
   * migrating).
   */
  "CREATE TABLE badge_files ("
  "  badge_id INTEGER PRIMARY KEY REFERENCES badges (id) ON DELETE CASCADE,"
  "  original BLOB NOT NULL,"
  "  payload BLOB NOT NULL"
  ");"
  "INSERT INTO badge_files (badge_id, original, payload) SELECT id, original, payload FROM badges;"
  "CREATE TABLE badges_v3 ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  credential_id TEXT UNIQUE,"
  "  payload_sha256 TEXT NOT NULL UNIQUE,"
  "  container TEXT NOT NULL,"
  "  spec_version TEXT NOT NULL,"
  "  name TEXT,"
  "  description TEXT,"
  "  issuer_name TEXT,"
  "  issuer_url TEXT,"
  "  recipient TEXT,"
  "  issued_on TEXT,"
  "  expires_on TEXT,"
  "  image TEXT,"
  "  source TEXT,"
  "  search_text TEXT NOT NULL DEFAULT '',"
  "  added_at INTEGER NOT NULL,"
  "  verdict TEXT,"
  "  reason TEXT,"
  "  verified_at INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO badges_v3 SELECT id, uid, credential_id, payload_sha256, container, spec_version,"
  " name, description, issuer_name, issuer_url, recipient, issued_on, expires_on, image, source,"
  " search_text, added_at, verdict, reason, verified_at FROM badges;"
  "DROP TABLE badges;"
  "ALTER TABLE badges_v3 RENAME TO badges;"
  "CREATE INDEX badges_by_added ON badges (added_at);",

  /* 3 → 4: collections (ordered badges, cover, disclosure flags as in
   * CredenceDisclosure), pathways (their pathway-file JSON and the progress
   * last computed) and badge_facts (what pathways match on, read once
   * from each payload; see credence-store-pathways.c).
   */
  "CREATE TABLE collections ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL UNIQUE,"
  "  description TEXT,"
  "  cover_badge_id INTEGER REFERENCES badges (id) ON DELETE SET NULL,"
  "  disclosure INTEGER NOT NULL,"
  "  visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'portfolio')),"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE collection_items ("
  "  collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,"
  "  badge_id INTEGER NOT NULL REFERENCES badges (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (collection_id, badge_id)"
  ");"
  "CREATE INDEX collection_items_by_badge ON collection_items (badge_id);"
  "CREATE TABLE pathways ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  definition TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  n_steps INTEGER NOT NULL DEFAULT 0,"
  "  n_complete INTEGER NOT NULL DEFAULT 0,"
  "  percent INTEGER NOT NULL DEFAULT 0,"
  "  progress_at INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE badge_facts ("
  "  badge_id INTEGER PRIMARY KEY REFERENCES badges (id) ON DELETE CASCADE,"
  "  achievement_id TEXT,"
  "  issuer_id TEXT,"
  "  tags TEXT,"
  "  alignments TEXT"
  ");",

  /* 4 → 5: the search text (the listed fields again, case-folded) moves to
   * its own table: a listing reads half as many pages, and a search reads
   * the texts only.  The badges table is rebuilt as in 2 → 3.
   */
  "CREATE TABLE badge_search ("
  "  badge_id INTEGER PRIMARY KEY REFERENCES badges (id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL"
  ");"
  "INSERT INTO badge_search (badge_id, text) SELECT id, search_text FROM badges;"
  "CREATE TABLE badges_v5 ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  credential_id TEXT UNIQUE,"
  "  payload_sha256 TEXT NOT NULL UNIQUE,"
  "  container TEXT NOT NULL,"
  "  spec_version TEXT NOT NULL,"
  "  name TEXT,"
  "  description TEXT,"
  "  issuer_name TEXT,"
  "  issuer_url TEXT,"
  "  recipient TEXT,"
  "  issued_on TEXT,"
  "  expires_on TEXT,"
  "  image TEXT,"
  "  source TEXT,"
  "  added_at INTEGER NOT NULL,"
  "  verdict TEXT,"
  "  reason TEXT,"
  "  verified_at INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO badges_v5 SELECT id, uid, credential_id, payload_sha256, container, spec_version,"
  " name, description, issuer_name, issuer_url, recipient, issued_on, expires_on, image, source,"
  " added_at, verdict, reason, verified_at FROM badges;"
  "DROP TABLE badges;"
  "ALTER TABLE badges_v5 RENAME TO badges;"
  "CREATE INDEX badges_by_added ON badges (added_at);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CREDENCE_STORE_SCHEMA_VERSION);

static gboolean
migrate (sqlite3  *db,
         int       from_version,
         GError  **error)
{
  g_autofree char *sql = NULL;

  if (from_version == CREDENCE_STORE_SCHEMA_VERSION)
    return TRUE;

  if (!_credence_store_exec (db, "BEGIN IMMEDIATE;", "starting an upgrade", error))
    return FALSE;

  for (int v = from_version; v < CREDENCE_STORE_SCHEMA_VERSION; v++)
    if (!_credence_store_exec (db, migrations[v], "upgrading the collection", error))
      goto rollback;

  /* The rebuilt tables must still hold together. */
  {
    g_autofree char *problem = query_string (db, "PRAGMA foreign_key_check;", NULL);

    if (problem != NULL)
      {
        g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_CORRUPT,
                     _("The collection could not be upgraded: its tables do not hold together. "
                       "Restore it from a backup."));
        goto rollback;
      }
  }

  sql = g_strdup_printf ("PRAGMA user_version = %d;", CREDENCE_STORE_SCHEMA_VERSION);
  if (!_credence_store_exec (db, sql, "recording the schema version", error))
    goto rollback;

  if (_credence_store_exec (db, "COMMIT;", "finishing an upgrade", error))
    return TRUE;

rollback:
  sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
  return FALSE;
}

static void remove_database_files (const char *path);

/* One on-disk format whatever SQLCipher Credence links (Debian 12 has
 * SQLCipher 3.4.1, the Flatpak a SQLCipher 4): SQLCipher 3's settings
 * (AES-256-CBC, HMAC-SHA1 per page, the HMAC key derived from the raw key
 * with PBKDF2-HMAC-SHA1, no plaintext header).  SQLCipher 4 changed its
 * defaults; PRAGMA cipher_compatibility = 3 brings SQLCipher 3's back, per
 * database of a connection, and SQLCipher 3 ignores it (an unknown
 * pragma).  It is set before the page size, which it resets.
 *
 * SQLCipher 3 encrypts and authenticates every page on its own, and with
 * its default 1 KiB pages the work of setting up each page costs more than
 * the decryption: listing 10 000 badges right after opening took 60–90 ms.
 * Collections are written with 4 KiB pages; collections written with
 * 1 KiB pages, and those a SQLCipher 4 build wrote with its own defaults,
 * are still read, and rewritten once no other process has them open.
 * Backups, read once, keep SQLCipher 3's defaults (their documented
 * format).
 */
#define PAGE_SIZE 4096
#define LEGACY_PAGE_SIZE 1024

typedef struct
{
  int compatibility;  /* SQLCipher major version whose defaults apply */
  int page_size;      /* 0: that version's default */
} CipherFormat;

/* What a collection or backup may have been written with, the current
 * format first.
 */
static const CipherFormat cipher_formats[] = {
  { 3, PAGE_SIZE },
  /* SQLCipher 3's defaults: backups, collections before 4 KiB pages. */
  { 3, LEGACY_PAGE_SIZE },
  /* SQLCipher 4's defaults: what Flatpak builds wrote before every build
   * used SQLCipher 3's settings.  Only a SQLCipher 4 can read that.
   */
  { 4, 0 },
};

/* Applies @format to the database @schema ("main" or an attached one) of
 * @db; before its first read or write.
 */
static gboolean
apply_cipher_format (sqlite3             *db,
                     const char          *schema,
                     const CipherFormat  *format,
                     GError             **error)
{
  g_autofree char *sql = NULL;

  if (format->page_size != 0)
    sql = g_strdup_printf ("PRAGMA %s.cipher_compatibility = %d;"
                           "PRAGMA %s.cipher_page_size = %d;",
                           schema, format->compatibility, schema, format->page_size);
  else
    sql = g_strdup_printf ("PRAGMA %s.cipher_compatibility = %d;",
                           schema, format->compatibility);

  return _credence_store_exec (db, sql, "applying the cipher settings", error);
}

/* The major version of the linked SQLCipher, from "3.4.1" or
 * "4.9.0 community".
 */
static int
cipher_major_version (const char *cipher_version)
{
  return (int) g_ascii_strtoll (cipher_version, NULL, 10);
}

/* Opens @path with @key and @format, then reads the schema version into
 * @version: the first read, which fails with SQLITE_NOTADB (in @rc_out)
 * when the key or the format is not the file's (or when the linked
 * SQLCipher cannot read @format).
 */
static sqlite3 *
open_keyed (const char          *path,
            GBytes              *key,
            const CipherFormat  *format,
            int                 *version,
            int                 *rc_out,
            GError             **error)
{
  g_autofree char *cipher_version = NULL;
  g_autofree char *user_version = NULL;
  sqlite3 *db = NULL;
  int rc;

  *rc_out = SQLITE_ERROR;
  rc = sqlite3_open_v2 (path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_IO,
                   _("Could not open the collection file “%s”: %s"),
                   path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return NULL;
    }

  /* Set before the first read: right after another process was killed
   * mid-write, that read may have to wait for the journal to be recovered
   * or for a lock another process holds, rather than fail at once.
   */
  sqlite3_busy_timeout (db, 10000);

  /* Plain SQLite ignores PRAGMA key and would write plaintext: refuse. */
  cipher_version = query_string (db, "PRAGMA cipher_version;", NULL);
  if (cipher_version == NULL || cipher_version[0] == '\0')
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NO_CIPHER,
                   _("This build of Credence uses an SQLite library without "
                     "encryption; it refuses to store badges unencrypted."));
      sqlite3_close_v2 (db);
      return NULL;
    }

  g_atomic_int_set (&linked_cipher_major, cipher_major_version (cipher_version));
  if (cipher_major_version (cipher_version) >= format->compatibility)
    {
      if (!apply_key (db, key, error) ||
          !apply_cipher_format (db, "main", format, error))
        {
          sqlite3_close_v2 (db);
          return NULL;
        }

      user_version = query_string (db, "PRAGMA user_version;", &rc);
    }
  else
    rc = SQLITE_NOTADB;

  *rc_out = rc;
  if (rc == SQLITE_NOTADB)
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY,
                   _("The collection could not be unlocked: the key is wrong, "
                     "or “%s” is not a Credence collection."),
                   path);
      sqlite3_close_v2 (db);
      return NULL;
    }
  else if (rc != SQLITE_OK)
    {
      _credence_store_set_sqlite_error (error, db, "reading the collection");
      sqlite3_close_v2 (db);
      return NULL;
    }

  *version = user_version != NULL ? atoi (user_version) : 0;

  return db;
}

static gboolean
sync_folder_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);

  return ok;
}

/* Rewrites the collection @db (open in an older format) at @path in the
 * current format: a complete copy is written beside it, then renamed over
 * it.  Only when no other process has the collection open, since it would
 * go on using the replaced file: @db takes the lock at once or gives up,
 * and holds it (exclusive locking mode) until it is closed.  A process
 * that opens the collection meanwhile waits for that lock, then finds the
 * new file under the name (see store_open()).
 *
 * Returns %TRUE when @path was replaced.  Either way, close @db next.
 */
static gboolean
rewrite_in_current_format (sqlite3    *db,
                           const char *path,
                           GBytes     *key,
                           int         version)
{
  g_autofree char *part = g_strconcat (path, ".pages", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *mode = NULL;
  g_autoptr(WipedString) literal = format_raw_key (key, NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean attached = FALSE;
  gboolean ok = FALSE;
  int rc;

  sqlite3_busy_timeout (db, 0);
  if (sqlite3_exec (db, "PRAGMA main.locking_mode = EXCLUSIVE;", NULL, NULL, NULL) != SQLITE_OK)
    return FALSE;
  /* Leaving WAL mode fails while another connection has the file open. */
  mode = query_string (db, "PRAGMA main.journal_mode = DELETE;", &rc);
  if (rc != SQLITE_OK || g_strcmp0 (mode, "delete") != 0)
    return FALSE;

  remove_database_files (part);
  if (!create_private_file (part, NULL))
    return FALSE;

  rc = sqlite3_prepare_v2 (db, "ATTACH DATABASE ?1 AS pages KEY ?2;", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, part, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 2, literal, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    goto out;
  attached = TRUE;

  /* An attached database starts with the library's defaults. */
  if (!apply_cipher_format (db, "pages", &cipher_formats[0], NULL))
    goto out;
  sql = g_strdup_printf ("BEGIN EXCLUSIVE;"
                         "SELECT sqlcipher_export('pages');"
                         "PRAGMA pages.user_version = %d;"
                         "COMMIT;",
                         version);
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    goto out;
  if (sqlite3_exec (db, "DETACH DATABASE pages;", NULL, NULL, NULL) != SQLITE_OK)
    goto out;
  attached = FALSE;

  /* The copy was synced by its commit; the lock on @path is still held. */
  if (g_rename (part, path) != 0)
    goto out;
  sync_folder_of (path);
  ok = TRUE;

out:
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
  if (attached)
    sqlite3_exec (db, "DETACH DATABASE pages;", NULL, NULL, NULL);
  if (!ok)
    remove_database_files (part);

  return ok;
}

/* Opens the collection at @path, or with @backup the copy of a backup
 * (read once: never rewritten in the current format).
 */
static CredenceStore *
store_open (const char  *path,
            GBytes      *key,
            gboolean     backup,
            GError     **error)
{
  g_autoptr(CredenceStore) self = NULL;
  sqlite3 *db = NULL;
  gboolean rewrite_legacy = !backup;
  guint first = backup ? 1 : 0;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint attempt = 0; db == NULL; attempt++)
    {
      GError *local_error = NULL;
      GStatBuf before, after;
      guint opened = first;
      int rc;

      if (!g_file_test (path, G_FILE_TEST_EXISTS) && !create_private_file (path, error))
        return NULL;
      if (g_stat (path, &before) != 0)
        before.st_ino = 0;

      /* The format @path most likely has first: for a collection the
       * current one, for a backup SQLCipher 3's defaults.  (SQLCipher 4
       * logs every attempt that fails.)
       */
      db = open_keyed (path, key, &cipher_formats[first], &version, &rc, &local_error);
      for (guint i = 0; db == NULL && rc == SQLITE_NOTADB && i < G_N_ELEMENTS (cipher_formats); i++)
        {
          if (i == first)
            continue;
          g_clear_error (&local_error);
          db = open_keyed (path, key, &cipher_formats[i], &version, &rc, &local_error);
          opened = i;
        }
      if (db == NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }

      /* Another process may have replaced the file while this one waited
       * for its lock (rewrite_in_current_format()): open the file that has
       * the name now.
       */
      if (g_stat (path, &after) != 0 || after.st_ino != before.st_ino || after.st_dev != before.st_dev)
        {
          g_clear_pointer (&db, sqlite3_close_v2);
          if (attempt < 4)
            continue;
          g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_IO,
                       _("The collection file “%s” kept changing while it was opened. "
                         "Close other programs using it and try again."),
                       path);
          return NULL;
        }

      if (opened != 0 && rewrite_legacy && version <= CREDENCE_STORE_SCHEMA_VERSION)
        {
          /* Opened again whether it worked or not: the rewrite changes
           * the connection's locking and journal modes.
           */
          if (!rewrite_in_current_format (db, path, key, version))
            rewrite_legacy = FALSE;
          g_clear_pointer (&db, sqlite3_close_v2);
        }
    }

  self = g_object_new (CREDENCE_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db = db;

  /* Checked before anything is written (switching to WAL writes). */
  if (version > CREDENCE_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_FAILED,
                   _("The collection was written by a newer version of Credence "
                     "(schema %d); update Credence to open it."),
                   version);
      return NULL;
    }

  /* WAL with synchronous NORMAL: a killed process loses nothing that was
   * committed; only a power cut may lose the last commits, never
   * consistency.  Foreign keys are checked once migrations are done.
   */
  if (!_credence_store_exec (db, "PRAGMA journal_mode = WAL;", "setting up the journal", error) ||
      !_credence_store_exec (db, "PRAGMA synchronous = NORMAL;", "setting up the journal", error) ||
      /* 16 MiB of decrypted pages: listing and searching a large
       * collection again does not decrypt it again.
       */
      !_credence_store_exec (db, "PRAGMA cache_size = -16384;", "setting up the cache", error) ||
      !migrate (db, version, error) ||
      !_credence_store_exec (db, "PRAGMA foreign_keys = ON;", "setting up the collection", error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * credence_store_open:
 * @path: the database file; created when missing
 * @key: the 32-byte raw key
 * @error: return location for a #GError
 *
 * Opens (or creates) the encrypted collection at @path.  A wrong @key
 * fails with %CREDENCE_STORE_ERROR_WRONG_KEY and leaves the file untouched.
 * Blocks on disk and crypto: call it from a worker thread.
 */
CredenceStore *
credence_store_open (const char  *path,
                     GBytes      *key,
                     GError     **error)
{
  return store_open (path, key, FALSE, error);
}

static char *
params_path_for (const char *dir)
{
  return g_build_filename (dir, CREDENCE_PASSPHRASE_PARAMS_FILE_NAME, NULL);
}

static char *
dup_data_dir (const char  *data_dir,
              GError     **error)
{
  g_autofree char *dir = NULL;

  dir = data_dir != NULL ? g_strdup (data_dir) : credence_paths_get_data_dir ();
  if (!credence_paths_ensure_private_dir (dir, error))
    return NULL;

  return g_steal_pointer (&dir);
}

/**
 * credence_store_exists:
 * @data_dir: (nullable): the folder of the collection
 *
 * Returns: whether a collection file exists in @data_dir
 */
gboolean
credence_store_exists (const char *data_dir)
{
  g_autofree char *dir = data_dir != NULL ? g_strdup (data_dir) : credence_paths_get_data_dir ();
  g_autofree char *path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/**
 * credence_store_uses_passphrase:
 * @data_dir: (nullable): the folder of the collection
 *
 * Returns: whether the collection in @data_dir is protected by a passphrase
 */
gboolean
credence_store_uses_passphrase (const char *data_dir)
{
  g_autofree char *dir = data_dir != NULL ? g_strdup (data_dir) : credence_paths_get_data_dir ();
  g_autofree char *params = params_path_for (dir);

  return g_file_test (params, G_FILE_TEST_EXISTS);
}

static void
set_needs_passphrase (GError     **error,
                      const char  *detail)
{
  g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NEEDS_PASSPHRASE,
               "%s", detail);
}

/**
 * credence_store_open_default:
 * @data_dir: (nullable): the folder of the collection, or %NULL for
 *   credence_paths_get_data_dir()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Opens the user's collection with the key from the Secret Service, making
 * a new key and an empty collection on first use.  A collection protected
 * by a passphrase, or a new one when no Secret Service exists, fails with
 * %CREDENCE_STORE_ERROR_NEEDS_PASSPHRASE: ask for a passphrase and call
 * credence_store_open_with_passphrase().  Blocking.
 */
CredenceStore *
credence_store_open_default (const char    *data_dir,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *params = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GError) local_error = NULL;
  CredenceStore *store;

  dir = dup_data_dir (data_dir, error);
  if (dir == NULL)
    return NULL;

  path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  params = params_path_for (dir);

  key = credence_keyring_lookup_key (path, cancellable, &local_error);

  if (g_file_test (params, G_FILE_TEST_EXISTS))
    {
      /* A move to the keyring interrupted after the rekey leaves both; the
       * keyring key, if it opens the file, wins and the move is finished.
       */
      if (key != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
        {
          store = credence_store_open (path, key, NULL);
          if (store != NULL)
            {
              g_unlink (params);
              return store;
            }
        }

      set_needs_passphrase (error, _("This collection is protected by a passphrase."));
      return NULL;
    }

  if (local_error != NULL)
    {
      if (g_error_matches (local_error, CREDENCE_KEYRING_ERROR, CREDENCE_KEYRING_ERROR_NO_SERVICE) &&
          !g_file_test (path, G_FILE_TEST_EXISTS))
        {
          set_needs_passphrase (error,
                                _("No keyring is available to hold the collection key: "
                                  "choose a passphrase to protect the collection."));
          return NULL;
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (key == NULL)
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY,
                       _("The keyring has no key for the collection “%s”. "
                         "Restore it from a backup, or unlock it with its passphrase."),
                       path);
          return NULL;
        }

      key = credence_keyring_new_random_key ();
      if (!credence_keyring_store_key (path, key, cancellable, error))
        return NULL;
    }

  return credence_store_open (path, key, error);
}

static void
propagate_passphrase_error (GError **error,
                            GError  *local_error)
{
  if (local_error->domain == CREDENCE_PASSPHRASE_ERROR &&
      local_error->code == CREDENCE_PASSPHRASE_ERROR_EMPTY)
    {
      g_set_error_literal (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID,
                           local_error->message);
      g_error_free (local_error);
    }
  else if (local_error->domain == CREDENCE_PASSPHRASE_ERROR &&
           local_error->code == CREDENCE_PASSPHRASE_ERROR_IO)
    {
      g_set_error_literal (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_IO,
                           local_error->message);
      g_error_free (local_error);
    }
  else if (local_error->domain == CREDENCE_PASSPHRASE_ERROR)
    {
      g_set_error_literal (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_CORRUPT,
                           local_error->message);
      g_error_free (local_error);
    }
  else
    g_propagate_error (error, local_error);
}

/**
 * credence_store_open_with_passphrase:
 * @data_dir: (nullable): the folder of the collection
 * @passphrase: the passphrase
 * @error: return location for a #GError
 *
 * Opens the passphrase-protected collection in @data_dir, or creates one
 * protected by @passphrase when the folder holds no collection yet.  A
 * wrong passphrase fails with %CREDENCE_STORE_ERROR_WRONG_KEY and changes
 * no file.  Blocking (key derivation and disk).
 */
CredenceStore *
credence_store_open_with_passphrase (const char  *data_dir,
                                     const char  *passphrase,
                                     GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *params_path = NULL;
  g_autoptr(GBytes) key = NULL;
  GError *local_error = NULL;
  CredencePassphraseParams params;
  CredenceStore *store;

  g_return_val_if_fail (passphrase != NULL, NULL);

  dir = dup_data_dir (data_dir, error);
  if (dir == NULL)
    return NULL;

  path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);
  params_path = params_path_for (dir);

  if (!g_file_test (params_path, G_FILE_TEST_EXISTS))
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY,
                       _("The collection “%s” is locked with a key in the keyring, "
                         "not with a passphrase. Unlock the keyring and try again."),
                       path);
          return NULL;
        }

      if (passphrase[0] == '\0')
        {
          g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID,
                       _("The passphrase is empty. Choose a passphrase of a few words."));
          return NULL;
        }

      /* A new collection: the parameters first, so that a crash never
       * leaves a database nobody can derive the key of.
       */
      credence_passphrase_params_init_random (&params);
      if (!credence_passphrase_params_save (params_path, &params, &local_error))
        {
          propagate_passphrase_error (error, local_error);
          return NULL;
        }
    }
  else if (!credence_passphrase_params_load (params_path, &params, &local_error))
    {
      propagate_passphrase_error (error, local_error);
      return NULL;
    }

  key = credence_passphrase_derive_key (passphrase, &params, &local_error);
  if (key == NULL)
    {
      propagate_passphrase_error (error, local_error);
      return NULL;
    }

  store = credence_store_open (path, key, &local_error);
  if (store == NULL)
    {
      if (g_error_matches (local_error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY))
        {
          g_clear_error (&local_error);
          g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY,
                       _("The passphrase is wrong: the collection could not be unlocked."));
          return NULL;
        }
      g_propagate_error (error, local_error);
      return NULL;
    }

  return store;
}

static void
open_default_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  CredenceStore *store;

  store = credence_store_open_default (task_data, cancellable, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/**
 * credence_store_open_default_async:
 *
 * Runs credence_store_open_default() on a worker thread.
 */
void
credence_store_open_default_async (const char          *data_dir,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, credence_store_open_default_async);
  g_task_set_task_data (task, g_strdup (data_dir), g_free);
  g_task_run_in_thread (task, open_default_thread);
}

CredenceStore *
credence_store_open_default_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
rekey (CredenceStore  *self,
       GBytes         *key,
       GError        **error)
{
  g_autoptr(WipedString) literal = format_raw_key (key, NULL);
  int rc;

  g_rec_mutex_lock (&self->lock);
  rc = sqlite3_rekey (self->db, literal, strlen (literal));
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE);", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    _credence_store_set_sqlite_error (error, self->db, "changing the key");
  g_rec_mutex_unlock (&self->lock);

  return rc == SQLITE_OK;
}

/**
 * credence_store_set_passphrase:
 * @self: a #CredenceStore
 * @passphrase: the new passphrase
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Protects the collection with @passphrase from now on: moves it from
 * the keyring to a passphrase, or changes the passphrase.  The database
 * is re-encrypted (PRAGMA rekey) with a key derived from a new salt.
 */
gboolean
credence_store_set_passphrase (CredenceStore  *self,
                               const char     *passphrase,
                               GCancellable   *cancellable,
                               GError        **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *params_path = NULL;
  g_autofree char *new_params_path = NULL;
  g_autoptr(GBytes) key = NULL;
  GError *local_error = NULL;
  CredencePassphraseParams params;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  dir = g_path_get_dirname (self->path);
  params_path = params_path_for (dir);
  new_params_path = g_strconcat (params_path, ".new", NULL);

  credence_passphrase_params_init_random (&params);
  key = credence_passphrase_derive_key (passphrase, &params, &local_error);
  if (key == NULL)
    {
      propagate_passphrase_error (error, local_error);
      return FALSE;
    }

  /* The new parameters go beside the old ones until the rekey is done. */
  if (!credence_passphrase_params_save (new_params_path, &params, &local_error))
    {
      propagate_passphrase_error (error, local_error);
      return FALSE;
    }

  if (!rekey (self, key, error))
    {
      g_unlink (new_params_path);
      return FALSE;
    }

  if (g_rename (new_params_path, params_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_IO,
                   _("Could not save the key file “%s”: %s"),
                   params_path, g_strerror (saved_errno));
      return FALSE;
    }

  /* The keyring key no longer opens anything: forget it.  Without a
   * Secret Service there is nothing to forget.
   */
  if (!credence_keyring_clear_key (self->path, cancellable, &local_error))
    {
      if (!g_error_matches (local_error, CREDENCE_KEYRING_ERROR, CREDENCE_KEYRING_ERROR_NO_SERVICE))
        g_warning ("Could not remove the old key from the keyring: %s", local_error->message);
      g_clear_error (&local_error);
    }

  return TRUE;
}

/**
 * credence_store_use_keyring:
 * @self: a #CredenceStore
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Moves a passphrase-protected collection to a new random key kept in the
 * Secret Service.
 */
gboolean
credence_store_use_keyring (CredenceStore  *self,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *params_path = NULL;
  g_autoptr(GBytes) key = NULL;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);

  dir = g_path_get_dirname (self->path);
  params_path = params_path_for (dir);

  /* The keyring first: if the rekey fails, the passphrase still works; if
   * Credence stops after the rekey, the next open finds the keyring key.
   */
  key = credence_keyring_new_random_key ();
  if (!credence_keyring_store_key (self->path, key, cancellable, error))
    return FALSE;

  if (!rekey (self, key, error))
    {
      credence_keyring_clear_key (self->path, NULL, NULL);
      return FALSE;
    }

  if (g_unlink (params_path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_IO,
                   _("Could not remove the key file “%s”: %s"),
                   params_path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

const char *
credence_store_get_path (CredenceStore *self)
{
  g_return_val_if_fail (CREDENCE_IS_STORE (self), NULL);

  return self->path;
}

char *
credence_store_dup_cipher_version (CredenceStore *self)
{
  g_autofree char *version = NULL;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  version = query_string (self->db, "PRAGMA cipher_version;", NULL);
  g_rec_mutex_unlock (&self->lock);

  return g_steal_pointer (&version);
}

int
credence_store_get_schema_version (CredenceStore *self)
{
  g_autofree char *version = NULL;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), -1);

  g_rec_mutex_lock (&self->lock);
  version = query_string (self->db, "PRAGMA user_version;", NULL);
  g_rec_mutex_unlock (&self->lock);

  return version != NULL ? atoi (version) : -1;
}

/**
 * credence_store_check_integrity:
 *
 * Runs SQLite's integrity check and the foreign key check.
 *
 * Returns: %TRUE when the collection is sound
 */
gboolean
credence_store_check_integrity (CredenceStore  *self,
                                GError        **error)
{
  g_autofree char *result = NULL;
  g_autofree char *fk = NULL;
  int rc;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  result = query_string (self->db, "PRAGMA integrity_check;", &rc);
  if (rc == SQLITE_OK)
    fk = query_string (self->db, "PRAGMA foreign_key_check;", &rc);
  if (rc != SQLITE_OK)
    _credence_store_set_sqlite_error (error, self->db, "checking the collection");
  g_rec_mutex_unlock (&self->lock);

  if (rc != SQLITE_OK)
    return FALSE;

  if (g_strcmp0 (result, "ok") != 0 || fk != NULL)
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_CORRUPT,
                   _("The collection file is damaged (%s). Restore it from a backup."),
                   result != NULL && g_strcmp0 (result, "ok") != 0 ? result : "foreign key");
      return FALSE;
    }

  return TRUE;
}

/**
 * credence_store_set_meta:
 *
 * Saves a small setting inside the encrypted collection.
 */
gboolean
credence_store_set_meta (CredenceStore  *self,
                         const char     *key,
                         const char     *value,
                         GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  if (sqlite3_prepare_v2 (self->db,
                          "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2);",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT) == SQLITE_OK &&
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_DONE)
    ok = TRUE;
  else
    _credence_store_set_sqlite_error (error, self->db, "saving a setting");
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->lock);

  return ok;
}

/**
 * credence_store_dup_meta:
 *
 * Returns: (transfer full) (nullable): the setting, or %NULL with @error
 *   unset when there is none.
 */
char *
credence_store_dup_meta (CredenceStore  *self,
                         const char     *key,
                         GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  int rc;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  rc = sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = ?1;",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const unsigned char *text = sqlite3_column_text (stmt, 0);

          value = text != NULL ? g_strdup ((const char *)text) : NULL;
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    _credence_store_set_sqlite_error (error, self->db, "reading a setting");
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->lock);

  return value;
}

/* Backups
 *
 * A backup is one SQLCipher database file with SQLCipher 3's default
 * settings (1 KiB pages), whatever SQLCipher wrote it, holding a copy of
 * the whole collection.  Its first 16 bytes are a random salt; its raw key
 * is PBKDF2-HMAC-SHA256 (backup passphrase, that salt, 600 000 iterations,
 * 32 bytes).  With the sqlcipher shell:
 *   PRAGMA key = "x'<64 hex digits of the derived key>'";
 *   PRAGMA cipher_compatibility = 3;  -- SQLCipher 4 and later only
 * Backups a SQLCipher 4 build wrote with its own defaults (Flatpak builds
 * before) are restored by SQLCipher 4 builds.
 */

/**
 * _credence_store_parse_backup_header:
 * @data: the first bytes of a backup file (at most
 *   %CREDENCE_STORE_BACKUP_HEADER_SIZE are looked at)
 * @size: how many bytes @data holds
 * @file: the backup's name, for messages
 * @params: (out caller-allocates): the key derivation of the backup
 * @error: return location for a #GError
 *
 * Reads the header of a backup: its key derivation salt.  A pure function
 * of @data (fuzzed by tests/fuzz/fuzz-backup.c).
 */
gboolean
_credence_store_parse_backup_header (const guint8              *data,
                                     gsize                      size,
                                     const char                *file,
                                     CredencePassphraseParams  *params,
                                     GError                   **error)
{
  /* An unencrypted SQLite database starts with this text. */
  static const char sqlite_magic[] = "SQLite format 3";

  G_STATIC_ASSERT (sizeof sqlite_magic == CREDENCE_STORE_BACKUP_HEADER_SIZE);
  G_STATIC_ASSERT (sizeof params->salt == CREDENCE_STORE_BACKUP_HEADER_SIZE);

  if (size < CREDENCE_STORE_BACKUP_HEADER_SIZE)
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_CORRUPT,
                   _("“%s” is not a Credence backup: it is too short."), file);
      return FALSE;
    }

  if (memcmp (data, sqlite_magic, sizeof sqlite_magic) == 0)
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_CORRUPT,
                   _("“%s” is not a Credence backup: it is an unencrypted database."), file);
      return FALSE;
    }

  memcpy (params->salt, data, sizeof params->salt);
  params->iterations = CREDENCE_PASSPHRASE_ITERATIONS;

  return TRUE;
}

static gboolean
read_backup_salt (const char                *file,
                  CredencePassphraseParams  *params,
                  GError                   **error)
{
  g_autoptr(GFile) gfile = g_file_new_for_path (file);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 header[CREDENCE_STORE_BACKUP_HEADER_SIZE];
  gsize got = 0;

  in = g_file_read (gfile, NULL, &local_error);
  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header,
                                &got, NULL, &local_error))
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_IO,
                   _("Could not read the backup “%s”: %s"), file, local_error->message);
      return FALSE;
    }

  return _credence_store_parse_backup_header (header, got, file, params, error);
}

/**
 * credence_store_backup:
 * @self: a #CredenceStore
 * @file: where to write the backup
 * @passphrase: the passphrase that will protect the backup
 * @error: return location for a #GError
 *
 * Writes the whole collection to @file, encrypted with a key derived from
 * @passphrase.  @file is replaced only once the backup is complete.
 */
gboolean
credence_store_backup (CredenceStore  *self,
                       const char     *file,
                       const char     *passphrase,
                       GError        **error)
{
  g_autofree char *part = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(WipedString) literal = NULL;
  g_autofree char *version_sql = NULL;
  GError *local_error = NULL;
  CredencePassphraseParams params;
  sqlite3_stmt *stmt = NULL;
  gboolean attached = FALSE;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);
  g_return_val_if_fail (file != NULL && passphrase != NULL, FALSE);

  credence_passphrase_params_init_random (&params);
  key = credence_passphrase_derive_key (passphrase, &params, &local_error);
  if (key == NULL)
    {
      propagate_passphrase_error (error, local_error);
      return FALSE;
    }
  literal = format_raw_key (key, params.salt);

  part = g_strconcat (file, ".part", NULL);
  g_unlink (part);
  if (!create_private_file (part, error))
    return FALSE;

  g_rec_mutex_lock (&self->lock);

  rc = sqlite3_prepare_v2 (self->db, "ATTACH DATABASE ?1 AS backup KEY ?2;", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, part, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 2, literal, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _credence_store_set_sqlite_error (error, self->db, "starting the backup");
      goto out;
    }
  attached = TRUE;

  version_sql = g_strdup_printf ("PRAGMA backup.user_version = %d;",
                                 CREDENCE_STORE_SCHEMA_VERSION);
  /* An attached database starts with the library's defaults: make them
   * SQLCipher 3's (1 KiB pages) whatever the library.
   */
  if (!apply_cipher_format (self->db, "backup", &cipher_formats[1], error) ||
      !_credence_store_exec (self->db, "SELECT sqlcipher_export('backup');",
                             "writing the backup", error) ||
      !_credence_store_exec (self->db, version_sql, "writing the backup", error))
    goto out;

  ok = TRUE;

out:
  if (attached &&
      sqlite3_exec (self->db, "DETACH DATABASE backup;", NULL, NULL, NULL) != SQLITE_OK &&
      ok)
    {
      _credence_store_set_sqlite_error (error, self->db, "finishing the backup");
      ok = FALSE;
    }
  g_rec_mutex_unlock (&self->lock);

  if (ok && g_rename (part, file) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_IO,
                   _("Could not write the backup “%s”: %s"), file, g_strerror (saved_errno));
      ok = FALSE;
    }

  if (!ok)
    g_unlink (part);

  return ok;
}

static void
remove_database_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);

      g_unlink (p);
    }
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);
  g_autoptr(GError) local_error = NULL;

  if (!create_private_file (to, error))
    return FALSE;

  if (!g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_IO,
                   _("Could not read the backup “%s”: %s"), from, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * credence_store_restore:
 * @self: a #CredenceStore
 * @file: a backup written by credence_store_backup()
 * @passphrase: the backup's passphrase
 * @mode: merge into the collection or replace it
 * @error: return location for a #GError
 *
 * Restores a backup in one transaction: on any error the collection is
 * unchanged, and the backup file is never written to.  Ask the learner to
 * confirm before calling this.
 */
gboolean
credence_store_restore (CredenceStore            *self,
                        const char               *file,
                        const char               *passphrase,
                        CredenceStoreRestoreMode  mode,
                        GError                  **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(CredenceStore) from = NULL;
  GError *local_error = NULL;
  CredencePassphraseParams params;
  gboolean ok = FALSE;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);
  g_return_val_if_fail (file != NULL && passphrase != NULL, FALSE);

  if (!read_backup_salt (file, &params, error))
    return FALSE;

  key = credence_passphrase_derive_key (passphrase, &params, &local_error);
  if (key == NULL)
    {
      propagate_passphrase_error (error, local_error);
      return FALSE;
    }

  /* Work on a private copy beside the collection: opening may upgrade an
   * older backup, and the learner's backup file stays as it is.
   */
  dir = g_path_get_dirname (self->path);
  copy = g_build_filename (dir, "restore-in-progress.db", NULL);
  remove_database_files (copy);
  if (!copy_file (file, copy, error))
    goto out;

  from = store_open (copy, key, TRUE, &local_error);
  if (from == NULL)
    {
      if (g_error_matches (local_error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY))
        {
          g_clear_error (&local_error);
          g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY,
                       _("The backup could not be opened: the passphrase is wrong, "
                         "or “%s” is not a Credence backup."),
                       file);
        }
      else
        g_propagate_error (error, local_error);
      goto out;
    }

  if (!credence_store_check_integrity (from, error))
    goto out;

  if (!_credence_store_begin (self, error))
    goto out;

  if ((mode == CREDENCE_STORE_RESTORE_REPLACE && !_credence_store_clear_all (self, error)) ||
      !_credence_store_merge_from (self, from, error))
    {
      _credence_store_rollback (self);
      goto out;
    }

  ok = _credence_store_commit (self, error);

out:
  g_clear_object (&from);
  remove_database_files (copy);

  return ok;
}
