/* credence-store.c: the encrypted badge collection (SQLCipher).
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
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "credence-keyring.h"
#include "credence-paths.h"
#include "credence-store.h"

#define SCHEMA_VERSION 1

struct _CredenceStore
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
  GMutex   lock;
};

G_DEFINE_FINAL_TYPE (CredenceStore, credence_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (credence-store-error-quark, credence_store_error)

static void
credence_store_finalize (GObject *object)
{
  CredenceStore *self = (CredenceStore *)object;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->lock);

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
  g_mutex_init (&self->lock);
}

static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  const char  *what)
{
  g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_FAILED,
               _("The collection database failed while %s: %s"),
               what, db != NULL ? sqlite3_errmsg (db) : "out of memory");
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

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          const char  *what,
          GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, db, what);
      return FALSE;
    }

  return TRUE;
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

static gboolean
apply_key (sqlite3  *db,
           GBytes   *key,
           GError  **error)
{
  const guint8 *data;
  gsize len;
  char *sql;
  gsize sql_len;
  int rc;

  data = g_bytes_get_data (key, &len);
  if (len != CREDENCE_KEYRING_KEY_SIZE)
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY,
                   _("The collection key has the wrong size."));
      return FALSE;
    }

  /* PRAGMA key = "x'<64 hex digits>'": a raw key, no key derivation. */
  sql_len = sizeof "PRAGMA key = \"x''\";" + 2 * len;
  sql = g_malloc0 (sql_len);
  memcpy (sql, "PRAGMA key = \"x'", 16);
  for (gsize i = 0; i < len; i++)
    g_snprintf (sql + 16 + 2 * i, 3, "%02x", data[i]);
  memcpy (sql + 16 + 2 * len, "'\";", 4);

  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  gnutls_memset (sql, 0, sql_len);
  g_free (sql);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, "applying the key");
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (sqlite3  *db,
         int       from_version,
         GError  **error)
{
  if (from_version > SCHEMA_VERSION)
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_FAILED,
                   _("The collection was written by a newer version of Credence "
                     "(schema %d); update Credence to open it."),
                   from_version);
      return FALSE;
    }

  if (from_version == SCHEMA_VERSION)
    return TRUE;

  if (!exec_sql (db, "BEGIN IMMEDIATE;", "starting an upgrade", error))
    return FALSE;

  if (from_version < 1 &&
      !exec_sql (db,
                 "CREATE TABLE meta ("
                 "  key TEXT PRIMARY KEY NOT NULL,"
                 "  value TEXT"
                 ");",
                 "creating the collection", error))
    goto rollback;

  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d;", SCHEMA_VERSION);

    if (!exec_sql (db, sql, "recording the schema version", error))
      goto rollback;
  }

  return exec_sql (db, "COMMIT;", "finishing an upgrade", error);

rollback:
  sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
  return FALSE;
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
  g_autoptr(CredenceStore) self = NULL;
  g_autofree char *cipher_version = NULL;
  g_autofree char *user_version = NULL;
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !create_private_file (path, error))
    return NULL;

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

  self = g_object_new (CREDENCE_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db = db;

  /* Plain SQLite ignores PRAGMA key and would write plaintext: refuse. */
  cipher_version = query_string (db, "PRAGMA cipher_version;", NULL);
  if (cipher_version == NULL || cipher_version[0] == '\0')
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NO_CIPHER,
                   _("This build of Credence uses an SQLite library without "
                     "encryption; it refuses to store badges unencrypted."));
      return NULL;
    }

  if (!apply_key (db, key, error))
    return NULL;

  /* The first read tells whether the key is right. */
  user_version = query_string (db, "PRAGMA user_version;", &rc);
  if (rc == SQLITE_NOTADB)
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY,
                   _("The collection could not be unlocked: the key is wrong, "
                     "or “%s” is not a Credence collection."),
                   path);
      return NULL;
    }
  else if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, "reading the collection");
      return NULL;
    }

  sqlite3_busy_timeout (db, 5000);

  if (!exec_sql (db, "PRAGMA journal_mode = WAL;", "setting up the journal", error) ||
      !exec_sql (db, "PRAGMA foreign_keys = ON;", "setting up the collection", error) ||
      !migrate (db, user_version != NULL ? atoi (user_version) : 0, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * credence_store_open_default:
 * @data_dir: (nullable): the folder of the collection, or %NULL for
 *   credence_paths_get_data_dir()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Opens the user's collection with the key from the Secret Service, making
 * a new key and an empty collection on first use.  Without a Secret
 * Service it fails with %CREDENCE_KEYRING_ERROR_NO_SERVICE.  Blocking.
 */
CredenceStore *
credence_store_open_default (const char    *data_dir,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GError) local_error = NULL;

  dir = data_dir != NULL ? g_strdup (data_dir) : credence_paths_get_data_dir ();
  if (!credence_paths_ensure_private_dir (dir, error))
    return NULL;

  path = g_build_filename (dir, CREDENCE_STORE_FILE_NAME, NULL);

  key = credence_keyring_lookup_key (path, cancellable, &local_error);
  if (local_error != NULL)
    {
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

  g_mutex_lock (&self->lock);
  version = query_string (self->db, "PRAGMA cipher_version;", NULL);
  g_mutex_unlock (&self->lock);

  return g_steal_pointer (&version);
}

int
credence_store_get_schema_version (CredenceStore *self)
{
  g_autofree char *version = NULL;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), -1);

  g_mutex_lock (&self->lock);
  version = query_string (self->db, "PRAGMA user_version;", NULL);
  g_mutex_unlock (&self->lock);

  return version != NULL ? atoi (version) : -1;
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

  g_mutex_lock (&self->lock);
  if (sqlite3_prepare_v2 (self->db,
                          "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2);",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT) == SQLITE_OK &&
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_DONE)
    ok = TRUE;
  else
    set_sqlite_error (error, self->db, "saving a setting");
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->lock);

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

  g_mutex_lock (&self->lock);
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
    set_sqlite_error (error, self->db, "reading a setting");
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->lock);

  return value;
}
