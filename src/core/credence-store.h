/* credence-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CREDENCE_STORE_ERROR (credence_store_error_quark ())

/**
 * CredenceStoreError:
 * @CREDENCE_STORE_ERROR_NO_CIPHER: the SQLite library in use cannot encrypt
 *   (it is not SQLCipher); Credence refuses to write plaintext.
 * @CREDENCE_STORE_ERROR_WRONG_KEY: the key or passphrase does not open the
 *   collection (or the file is not a Credence collection).
 * @CREDENCE_STORE_ERROR_IO: the file could not be created or read.
 * @CREDENCE_STORE_ERROR_FAILED: the database reported an error.
 *
 * Errors from the encrypted collection.
 */
typedef enum
{
  CREDENCE_STORE_ERROR_NO_CIPHER,
  CREDENCE_STORE_ERROR_WRONG_KEY,
  CREDENCE_STORE_ERROR_IO,
  CREDENCE_STORE_ERROR_FAILED,
} CredenceStoreError;

#define CREDENCE_STORE_FILE_NAME "collection.db"

#define CREDENCE_TYPE_STORE (credence_store_get_type ())

G_DECLARE_FINAL_TYPE (CredenceStore, credence_store, CREDENCE, STORE, GObject)

GQuark         credence_store_error_quark         (void);

CredenceStore *credence_store_open                (const char           *path,
                                                   GBytes               *key,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void           credence_store_open_default_async  (const char           *data_dir,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
CredenceStore *credence_store_open_default_finish (GAsyncResult         *result,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
CredenceStore *credence_store_open_default        (const char           *data_dir,
                                                   GCancellable         *cancellable,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;

const char    *credence_store_get_path            (CredenceStore        *self);
char          *credence_store_dup_cipher_version  (CredenceStore        *self) G_GNUC_WARN_UNUSED_RESULT;
int            credence_store_get_schema_version  (CredenceStore        *self);

gboolean       credence_store_set_meta            (CredenceStore        *self,
                                                   const char           *key,
                                                   const char           *value,
                                                   GError              **error);
char          *credence_store_dup_meta            (CredenceStore        *self,
                                                   const char           *key,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
