/* credence-keyring.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CREDENCE_KEYRING_ERROR (credence_keyring_error_quark ())

/**
 * CredenceKeyringError:
 * @CREDENCE_KEYRING_ERROR_NO_SERVICE: no Secret Service is reachable on the
 *   session bus (no keyring daemon, or no session bus at all).
 * @CREDENCE_KEYRING_ERROR_FAILED: the Secret Service refused or failed.
 * @CREDENCE_KEYRING_ERROR_INVALID: the stored secret is not a Credence key.
 *
 * Errors from the Secret Service glue.
 */
typedef enum
{
  CREDENCE_KEYRING_ERROR_NO_SERVICE,
  CREDENCE_KEYRING_ERROR_FAILED,
  CREDENCE_KEYRING_ERROR_INVALID,
} CredenceKeyringError;

#define CREDENCE_KEYRING_KEY_SIZE 32

GQuark   credence_keyring_error_quark (void);

GBytes  *credence_keyring_lookup_key  (const char    *store_path,
                                       GCancellable  *cancellable,
                                       GError       **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean credence_keyring_store_key   (const char    *store_path,
                                       GBytes        *key,
                                       GCancellable  *cancellable,
                                       GError       **error);
gboolean credence_keyring_clear_key   (const char    *store_path,
                                       GCancellable  *cancellable,
                                       GError       **error);

GBytes  *credence_keyring_new_random_key (void) G_GNUC_WARN_UNUSED_RESULT;
GBytes  *credence_keyring_wrap_key       (guint8 *key) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
