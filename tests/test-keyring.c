/* test-keyring.c: the collection key in a real gnome-keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "credence-keyring.h"

static void
test_keyring_round_trip (void)
{
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(GBytes) other = credence_keyring_new_random_key ();
  g_autoptr(GBytes) found = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = "/tmp/credence-test/round-trip.db";

  g_assert_false (g_bytes_equal (key, other));

  found = credence_keyring_lookup_key (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  g_assert_true (credence_keyring_store_key (path, key, NULL, &error));
  g_assert_no_error (error);

  found = credence_keyring_lookup_key (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_true (g_bytes_equal (found, key));
  g_clear_pointer (&found, g_bytes_unref);

  /* Another collection has its own key. */
  found = credence_keyring_lookup_key ("/tmp/credence-test/other.db", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* Storing again replaces the key. */
  g_assert_true (credence_keyring_store_key (path, other, NULL, &error));
  found = credence_keyring_lookup_key (path, NULL, &error);
  g_assert_true (g_bytes_equal (found, other));
  g_clear_pointer (&found, g_bytes_unref);

  g_assert_true (credence_keyring_clear_key (path, NULL, &error));
  g_assert_no_error (error);
  found = credence_keyring_lookup_key (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

static void
test_keyring_no_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GTestDBus) bus = NULL;
      g_autoptr(GBytes) found = NULL;
      g_autoptr(GError) error = NULL;

      /* A bus of our own on which nobody provides org.freedesktop.secrets. */
      bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (bus);

      found = credence_keyring_lookup_key ("/tmp/credence-test/none.db", NULL, &error);
      g_assert_null (found);
      g_assert_error (error, CREDENCE_KEYRING_ERROR, CREDENCE_KEYRING_ERROR_NO_SERVICE);
      g_assert_nonnull (g_strstr_len (error->message, -1, "passphrase"));

      g_test_dbus_down (bus);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keyring/round-trip", test_keyring_round_trip);
  g_test_add_func ("/keyring/no-service", test_keyring_no_service);

  return g_test_run ();
}
