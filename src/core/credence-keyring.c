/* credence-keyring.c: the collection key in the Secret Service.
 *
 * The key is 32 random bytes, kept as 64 hex digits in the user's default
 * keyring under the schema "io.github.credence.Credence.StoreKey", one item
 * per collection file (attribute "store" is the database path).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-keyring"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <libsecret/secret.h>
#include <string.h>

#include "credence-keyring.h"

G_DEFINE_QUARK (credence-keyring-error-quark, credence_keyring_error)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".StoreKey",
    SECRET_SCHEMA_NONE,
    {
      { "store", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* Turns libsecret's errors into ours: "no Secret Service" gets its own
 * code so that callers can offer the passphrase instead.  Cancellation is
 * passed through unchanged.
 */
static void
propagate_secret_error (GError  **error,
                        GError   *secret_error)
{
  gboolean no_service = FALSE;

  if (g_error_matches (secret_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, secret_error);
      return;
    }

  if (secret_error->domain == G_DBUS_ERROR)
    {
      switch (secret_error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
        case G_DBUS_ERROR_FAILED:
        case G_DBUS_ERROR_TIMEOUT:
        case G_DBUS_ERROR_TIMED_OUT:
          no_service = TRUE;
          break;
        default:
          break;
        }
    }
  else if (secret_error->domain == G_IO_ERROR)
    {
      /* No session bus at all, or it went away. */
      no_service = TRUE;
    }

  if (no_service)
    g_set_error (error, CREDENCE_KEYRING_ERROR, CREDENCE_KEYRING_ERROR_NO_SERVICE,
                 _("No keyring is available to hold the collection key (%s). "
                   "Start a keyring such as GNOME Keyring, or protect the "
                   "collection with a passphrase."),
                 secret_error->message);
  else
    g_set_error (error, CREDENCE_KEYRING_ERROR, CREDENCE_KEYRING_ERROR_FAILED,
                 _("The keyring could not be used: %s"), secret_error->message);

  g_error_free (secret_error);
}

static void
wipe_key (gpointer data)
{
  gnutls_memset (data, 0, CREDENCE_KEYRING_KEY_SIZE);
  g_free (data);
}

/**
 * credence_keyring_wrap_key:
 * @key: (transfer full): %CREDENCE_KEYRING_KEY_SIZE bytes from g_malloc()
 *
 * Wraps a key in a #GBytes that overwrites it with zeros when freed.
 *
 * Returns: (transfer full): the key
 */
GBytes *
credence_keyring_wrap_key (guint8 *key)
{
  return g_bytes_new_with_free_func (key, CREDENCE_KEYRING_KEY_SIZE, wipe_key, key);
}

/**
 * credence_keyring_new_random_key:
 *
 * Returns: 32 bytes from GnuTLS's key-grade random generator, wiped from
 *   memory when freed.
 */
GBytes *
credence_keyring_new_random_key (void)
{
  guint8 *key = g_malloc (CREDENCE_KEYRING_KEY_SIZE);

  if (gnutls_rnd (GNUTLS_RND_KEY, key, CREDENCE_KEYRING_KEY_SIZE) != 0)
    g_error ("The system random number generator failed");

  return credence_keyring_wrap_key (key);
}

/**
 * credence_keyring_lookup_key:
 * @store_path: the collection's database file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Looks up the key of @store_path.  Blocks on D-Bus: call it from a worker
 * thread.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with @error unset
 *   when the keyring holds none for this collection.
 */
GBytes *
credence_keyring_lookup_key (const char    *store_path,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  guint8 *key;
  char *hex;
  gsize len;

  g_return_val_if_fail (store_path != NULL, NULL);

  hex = secret_password_lookup_sync (get_schema (), cancellable, &local_error,
                                     "store", store_path,
                                     NULL);
  if (local_error != NULL)
    {
      propagate_secret_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (hex == NULL)
    return NULL;

  len = strlen (hex);
  if (len != CREDENCE_KEYRING_KEY_SIZE * 2)
    {
      secret_password_free (hex);
      g_set_error (error, CREDENCE_KEYRING_ERROR, CREDENCE_KEYRING_ERROR_INVALID,
                   _("The keyring holds a damaged key for this collection."));
      return NULL;
    }

  key = g_malloc (CREDENCE_KEYRING_KEY_SIZE);
  for (gsize i = 0; i < CREDENCE_KEYRING_KEY_SIZE; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        {
          secret_password_free (hex);
          gnutls_memset (key, 0, CREDENCE_KEYRING_KEY_SIZE);
          g_free (key);
          g_set_error (error, CREDENCE_KEYRING_ERROR, CREDENCE_KEYRING_ERROR_INVALID,
                       _("The keyring holds a damaged key for this collection."));
          return NULL;
        }
      key[i] = (guint8) (hi << 4 | lo);
    }

  /* secret_password_free() wipes the memory before freeing it. */
  secret_password_free (hex);

  return credence_keyring_wrap_key (key);
}

/**
 * credence_keyring_store_key:
 * @store_path: the collection's database file
 * @key: the key, %CREDENCE_KEYRING_KEY_SIZE bytes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Saves @key in the default keyring.  Blocks on D-Bus.
 */
gboolean
credence_keyring_store_key (const char    *store_path,
                            GBytes        *key,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;
  const guint8 *data;
  char hex[CREDENCE_KEYRING_KEY_SIZE * 2 + 1];
  gsize len;
  gboolean ok;

  g_return_val_if_fail (store_path != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  data = g_bytes_get_data (key, &len);
  g_return_val_if_fail (len == CREDENCE_KEYRING_KEY_SIZE, FALSE);

  for (gsize i = 0; i < len; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", data[i]);

  /* Translators: the name of the keyring item holding the key. */
  label = g_strdup (_("Credence badge collection key"));
  ok = secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT,
                                   label, hex, cancellable, &local_error,
                                   "store", store_path,
                                   NULL);
  gnutls_memset (hex, 0, sizeof hex);

  if (!ok)
    {
      propagate_secret_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * credence_keyring_clear_key:
 *
 * Removes the key of @store_path from the keyring, if any.
 */
gboolean
credence_keyring_clear_key (const char    *store_path,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  secret_password_clear_sync (get_schema (), cancellable, &local_error,
                              "store", store_path,
                              NULL);
  if (local_error != NULL)
    {
      propagate_secret_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
