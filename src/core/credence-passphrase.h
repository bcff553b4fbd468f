/* credence-passphrase.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CREDENCE_PASSPHRASE_ERROR (credence_passphrase_error_quark ())

/**
 * CredencePassphraseError:
 * @CREDENCE_PASSPHRASE_ERROR_EMPTY: the passphrase is empty.
 * @CREDENCE_PASSPHRASE_ERROR_PARAMETERS: the key-parameters file is
 *   missing, damaged or asks for a weaker key derivation than Credence
 *   accepts.
 * @CREDENCE_PASSPHRASE_ERROR_IO: the key-parameters file could not be
 *   written.
 *
 * Errors from deriving a collection key from a passphrase.
 */
typedef enum
{
  CREDENCE_PASSPHRASE_ERROR_EMPTY,
  CREDENCE_PASSPHRASE_ERROR_PARAMETERS,
  CREDENCE_PASSPHRASE_ERROR_IO,
} CredencePassphraseError;

/* PBKDF2-HMAC-SHA256: iterations for new keys, and the fewest accepted
 * when reading a key-parameters file.
 */
#define CREDENCE_PASSPHRASE_ITERATIONS 600000
#define CREDENCE_PASSPHRASE_SALT_SIZE  16

/* The key-parameters file kept beside the collection (no secret in it). */
#define CREDENCE_PASSPHRASE_PARAMS_FILE_NAME "collection.key-params"
/* Bytes of a key-parameters file; a real one is about 120. */
#define CREDENCE_PASSPHRASE_PARAMS_MAX_SIZE  4096

/**
 * CredencePassphraseParams:
 * @salt: %CREDENCE_PASSPHRASE_SALT_SIZE random bytes
 * @iterations: PBKDF2 iterations
 *
 * How a key is derived from a passphrase.
 */
typedef struct
{
  guint8 salt[CREDENCE_PASSPHRASE_SALT_SIZE];
  guint  iterations;
} CredencePassphraseParams;

GQuark   credence_passphrase_error_quark (void);

void     credence_passphrase_params_init_random (CredencePassphraseParams  *params);
gboolean credence_passphrase_params_parse (const char                *data,
                                           gsize                      size,
                                           const char                *path,
                                           CredencePassphraseParams  *params,
                                           GError                   **error);
gboolean credence_passphrase_params_load (const char                *path,
                                          CredencePassphraseParams  *params,
                                          GError                   **error);
gboolean credence_passphrase_params_save (const char                      *path,
                                          const CredencePassphraseParams  *params,
                                          GError                         **error);

GBytes  *credence_passphrase_derive_key  (const char                      *passphrase,
                                          const CredencePassphraseParams  *params,
                                          GError                         **error) G_GNUC_WARN_UNUSED_RESULT;

void     credence_passphrase_wipe_free   (char *passphrase);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredencePassphraseParams, g_free)

G_END_DECLS
