/* credence-store-private.h: what credence-store.c and
 * credence-store-badges.c share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Declares sqlite3_key() and sqlite3_rekey(). */
#define SQLITE_HAS_CODEC 1
#include <sqlite3.h>

#include "credence-passphrase.h"
#include "credence-store.h"

G_BEGIN_DECLS

struct _CredenceStore
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
  GRecMutex lock;
  int       tx_depth;
};

void     _credence_store_set_sqlite_error (GError     **error,
                                           sqlite3     *db,
                                           const char  *what);
gboolean _credence_store_exec             (sqlite3     *db,
                                           const char  *sql,
                                           const char  *what,
                                           GError     **error);
gboolean _credence_store_begin            (CredenceStore  *self,
                                           GError        **error);
gboolean _credence_store_commit           (CredenceStore  *self,
                                           GError        **error);
void     _credence_store_rollback         (CredenceStore  *self);

/* Merges every badge, document, verification and identity of @from into
 * @self; the caller holds a transaction on @self.
 */
gboolean _credence_store_merge_from       (CredenceStore  *self,
                                           CredenceStore  *from,
                                           GError        **error);
gboolean _credence_store_clear_all        (CredenceStore  *self,
                                           GError        **error);

/* Statement helpers (credence-store-badges.c); the caller holds the lock. */
sqlite3_stmt *_credence_store_prepare     (CredenceStore  *self,
                                           const char     *sql,
                                           const char     *what,
                                           GError        **error);
void          _credence_store_bind_text   (sqlite3_stmt   *stmt,
                                           int             index,
                                           const char     *text);
char         *_credence_store_column_text (sqlite3_stmt   *stmt,
                                           int             col) G_GNUC_WARN_UNUSED_RESULT;

/* Merges the collections and pathways of @from (credence-store-pathways.c);
 * @uid_map maps badge uids of @from to those in @self.
 */
gboolean _credence_store_merge_pathways_from (CredenceStore  *self,
                                              CredenceStore  *from,
                                              GHashTable     *uid_map,
                                              GError        **error);

/* Backups (credence-store.c): the header is the key derivation salt, the
 * first bytes of the SQLCipher file.
 */
#define CREDENCE_STORE_BACKUP_HEADER_SIZE 16

gboolean _credence_store_parse_backup_header (const guint8              *data,
                                              gsize                      size,
                                              const char                *file,
                                              CredencePassphraseParams  *params,
                                              GError                   **error);

G_END_DECLS
