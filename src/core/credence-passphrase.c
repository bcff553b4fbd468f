/* credence-passphrase.c: a collection key derived from a passphrase.
 *
 * When no Secret Service can hold the random key (or the learner prefers
 * it), the collection key is PBKDF2-HMAC-SHA256 (passphrase, salt,
 * iterations), 32 bytes.  The salt and the iteration count are not secret;
 * they are kept beside the database in a small key file:
 *
 *   [Credence Key]
 *   version=1
 *   kdf=pbkdf2-hmac-sha256
 *   iterations=600000
 *   salt=<16 bytes, base64>
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-passphrase"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <string.h>

#include "credence-keyring.h"
#include "credence-passphrase.h"

#define GROUP "Credence Key"
#define KDF_NAME "pbkdf2-hmac-sha256"

G_DEFINE_QUARK (credence-passphrase-error-quark, credence_passphrase_error)

/**
 * credence_passphrase_params_init_random:
 *
 * Fills @params with a new random salt and the default iteration count.
 */
void
credence_passphrase_params_init_random (CredencePassphraseParams *params)
{
  if (gnutls_rnd (GNUTLS_RND_RANDOM, params->salt, sizeof params->salt) != 0)
    g_error ("The system random number generator failed");
  params->iterations = CREDENCE_PASSPHRASE_ITERATIONS;
}

static void
set_bad_params (GError     **error,
                const char  *path)
{
  g_set_error (error, CREDENCE_PASSPHRASE_ERROR, CREDENCE_PASSPHRASE_ERROR_PARAMETERS,
               _("The key file “%s” is damaged. Restore the collection from a backup."),
               path);
}

/**
 * credence_passphrase_params_parse:
 * @data: the text of a key-parameters file
 * @size: its length in bytes
 * @path: the file's name, for messages
 * @params: (out caller-allocates): the parameters read
 * @error: return location for a #GError
 *
 * Parses a key-parameters file.  An unknown derivation or fewer than
 * %CREDENCE_PASSPHRASE_ITERATIONS iterations are errors.  A pure function
 * of @data (fuzzed by tests/fuzz/fuzz-backup.c).
 */
gboolean
credence_passphrase_params_parse (const char                *data,
                                  gsize                      size,
                                  const char                *path,
                                  CredencePassphraseParams  *params,
                                  GError                   **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *kdf = NULL;
  g_autofree char *salt_b64 = NULL;
  g_autofree guchar *salt = NULL;
  gsize salt_len = 0;
  guint64 iterations;
  int version;

  if (size > CREDENCE_PASSPHRASE_PARAMS_MAX_SIZE)
    {
      set_bad_params (error, path);
      return FALSE;
    }

  if (!g_key_file_load_from_data (file, data, size, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, CREDENCE_PASSPHRASE_ERROR, CREDENCE_PASSPHRASE_ERROR_PARAMETERS,
                   _("Could not read the key file “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  version = g_key_file_get_integer (file, GROUP, "version", NULL);
  kdf = g_key_file_get_string (file, GROUP, "kdf", NULL);
  iterations = g_key_file_get_uint64 (file, GROUP, "iterations", NULL);
  salt_b64 = g_key_file_get_string (file, GROUP, "salt", NULL);
  /* g_base64_decode() needs no more than 3/4 of the text: a longer salt
   * is refused before it is decoded.
   */
  if (salt_b64 != NULL && strlen (salt_b64) <= 4 * ((CREDENCE_PASSPHRASE_SALT_SIZE + 2) / 3))
    salt = g_base64_decode (salt_b64, &salt_len);

  if (version != 1 || g_strcmp0 (kdf, KDF_NAME) != 0 ||
      salt_len != CREDENCE_PASSPHRASE_SALT_SIZE ||
      iterations > G_MAXUINT)
    {
      set_bad_params (error, path);
      return FALSE;
    }

  if (iterations < CREDENCE_PASSPHRASE_ITERATIONS)
    {
      g_set_error (error, CREDENCE_PASSPHRASE_ERROR, CREDENCE_PASSPHRASE_ERROR_PARAMETERS,
                   _("The key file “%s” asks for a weak key derivation (%" G_GUINT64_FORMAT
                     " iterations); Credence refuses it. Restore the collection from a backup."),
                   path, iterations);
      return FALSE;
    }

  memcpy (params->salt, salt, sizeof params->salt);
  params->iterations = (guint) iterations;

  return TRUE;
}

/**
 * credence_passphrase_params_load:
 * @path: the key-parameters file
 * @params: (out caller-allocates): the parameters read
 * @error: return location for a #GError
 *
 * Reads a key-parameters file: see credence_passphrase_params_parse().  A
 * missing file is an error.
 */
gboolean
credence_passphrase_params_load (const char                *path,
                                 CredencePassphraseParams  *params,
                                 GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &data, &size, &local_error))
    {
      g_set_error (error, CREDENCE_PASSPHRASE_ERROR, CREDENCE_PASSPHRASE_ERROR_PARAMETERS,
                   _("Could not read the key file “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  return credence_passphrase_params_parse (data, size, path, params, error);
}

/**
 * credence_passphrase_params_save:
 *
 * Writes @params to @path atomically, readable by the owner only.
 */
gboolean
credence_passphrase_params_save (const char                      *path,
                                 const CredencePassphraseParams  *params,
                                 GError                         **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *salt_b64 = NULL;
  g_autofree char *data = NULL;
  gsize len;

  salt_b64 = g_base64_encode (params->salt, sizeof params->salt);
  g_key_file_set_integer (file, GROUP, "version", 1);
  g_key_file_set_string (file, GROUP, "kdf", KDF_NAME);
  g_key_file_set_uint64 (file, GROUP, "iterations", params->iterations);
  g_key_file_set_string (file, GROUP, "salt", salt_b64);
  data = g_key_file_to_data (file, &len, NULL);

  if (!g_file_set_contents_full (path, data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, CREDENCE_PASSPHRASE_ERROR, CREDENCE_PASSPHRASE_ERROR_IO,
                   _("Could not write the key file “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* gnutls_pbkdf2() leaves its last block (with a 32-byte key, the key
 * itself) in its stack frame: overwrite the stack below the caller, where
 * that frame was.
 */
static G_GNUC_NO_INLINE void
burn_stack (gsize bytes)
{
  volatile guint8 buf[4096];

  gnutls_memset ((void *) buf, 0, sizeof buf);
  if (bytes > sizeof buf)
    burn_stack (bytes - sizeof buf);
  buf[0] = 0;
}

/**
 * credence_passphrase_derive_key:
 * @passphrase: the learner's passphrase, UTF-8
 * @params: the salt and iteration count
 * @error: return location for a #GError
 *
 * Derives the 32-byte collection key.  CPU-heavy (a fraction of a
 * second): call it from a worker thread.
 *
 * Returns: (transfer full): the key, wiped from memory when freed
 */
GBytes *
credence_passphrase_derive_key (const char                      *passphrase,
                                const CredencePassphraseParams  *params,
                                GError                         **error)
{
  gnutls_datum_t secret;
  gnutls_datum_t salt;
  guint8 *key;
  int rc;

  g_return_val_if_fail (passphrase != NULL, NULL);

  if (passphrase[0] == '\0')
    {
      g_set_error (error, CREDENCE_PASSPHRASE_ERROR, CREDENCE_PASSPHRASE_ERROR_EMPTY,
                   _("The passphrase is empty. Choose a passphrase of a few words."));
      return NULL;
    }

  secret.data = (unsigned char *)passphrase;
  secret.size = strlen (passphrase);
  salt.data = (unsigned char *)params->salt;
  salt.size = sizeof params->salt;

  key = g_malloc (CREDENCE_KEYRING_KEY_SIZE);
  rc = gnutls_pbkdf2 (GNUTLS_MAC_SHA256, &secret, &salt, params->iterations,
                      key, CREDENCE_KEYRING_KEY_SIZE);
  burn_stack (16384);
  if (rc != 0)
    {
      gnutls_memset (key, 0, CREDENCE_KEYRING_KEY_SIZE);
      g_free (key);
      g_set_error (error, CREDENCE_PASSPHRASE_ERROR, CREDENCE_PASSPHRASE_ERROR_PARAMETERS,
                   _("Could not derive a key from the passphrase: %s"),
                   gnutls_strerror (rc));
      return NULL;
    }

  return credence_keyring_wrap_key (key);
}

/**
 * credence_passphrase_wipe_free:
 *
 * Overwrites a passphrase with zeros and frees it.
 */
void
credence_passphrase_wipe_free (char *passphrase)
{
  if (passphrase == NULL)
    return;

  gnutls_memset (passphrase, 0, strlen (passphrase));
  g_free (passphrase);
}
