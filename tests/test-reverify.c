/* test-reverify.c: with Check Again Automatically on, the open window
 * checks its badges again on schedule (the period shortened by
 * CREDENCE_REVERIFY_PERIOD_SECONDS), against a SoupServer on 127.0.0.1
 * that starts answering that the badge is revoked; the badge changes
 * everywhere, the change is kept in the collection, and a notification
 * is sent, received here by a stand-in org.gtk.Notifications on the
 * test's private session bus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "credence-reverifier.h"
#include "credence-store.h"
#include "credence-test-server.h"
#include "ui-test-utils.h"

static CredenceApplication *app;

/* The stand-in notification server: what it was sent. */
static GPtrArray *notifications;

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  if (g_str_equal (method_name, "AddNotification"))
    {
      g_autoptr(GVariant) notification = g_variant_get_child_value (parameters, 2);
      const char *title = NULL;

      g_variant_lookup (notification, "title", "&s", &title);
      g_ptr_array_add (notifications, g_strdup (title));
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static gboolean name_acquired;

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  name_acquired = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

static void
start_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  notifications = g_ptr_array_new_with_free_func (g_free);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (bus, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                name_acquired_cb, NULL, NULL, NULL);
  ui_test_wait_for (is_true, &name_acquired, "the notification server's name");
}

typedef struct
{
  CredenceWindow *window;
  guint           runs;
} RunWait;

static gboolean
runs_done (gpointer data)
{
  RunWait *wait = data;
  CredenceReverifier *reverifier = credence_window_get_reverifier (wait->window);

  return reverifier != NULL && credence_reverifier_get_n_runs (reverifier) >= wait->runs;
}

static void
test_reverify_revoked (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  TestServer *server = test_server_new ();
  const char *base = test_server_get_base (server);
  g_autofree char *issuer = NULL, *badge_class = NULL, *assertion = NULL, *revoked = NULL;
  g_autofree char *id = test_server_url (server, "a/1.json");
  g_autofree char *uid = NULL;
  g_autoptr(GError) error = NULL;
  CredenceBadgeItem *item;
  CredenceWindow *window;
  RunWait wait;

  issuer = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"Issuer\","
                            " \"id\": \"%sissuer.json\", \"name\": \"Test Issuer\", \"url\": \"%s\","
                            " \"email\": \"badges@example.org\"}", base, base);
  badge_class = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"BadgeClass\","
                                 " \"id\": \"%sbadge.json\", \"name\": \"Soldering\", \"description\": \"Solders.\","
                                 " \"image\": \"%sbadge.png\", \"criteria\": {\"narrative\": \"Solder a kit.\"},"
                                 " \"issuer\": \"%sissuer.json\"}", base, base, base);
  assertion = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"Assertion\","
                               " \"id\": \"%s\", \"recipient\": {\"type\": \"email\", \"hashed\": false,"
                               " \"identity\": \"jane@example.org\"}, \"badge\": \"%sbadge.json\","
                               " \"verification\": {\"type\": \"hosted\"}, \"issuedOn\": \"2024-01-01T00:00:00Z\"}",
                               id, base);
  revoked = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"id\": \"%s\","
                             " \"revoked\": true, \"revocationReason\": \"Issued in error\"}", id);
  test_server_add_string (server, "/issuer.json", 200, "application/json", issuer);
  test_server_add_string (server, "/badge.json", 200, "application/json", badge_class);
  test_server_add_string (server, "/a/1.json", 200, "application/json", assertion);

  /* The badge, checked once: valid. */
  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);
    g_autoptr(CredenceStoreBadge) entry = credence_store_badge_new ();
    g_autoptr(CredenceStoreVerification) check = NULL;

    entry->credential_id = g_strdup (id);
    entry->container = g_strdup ("json");
    entry->spec_version = g_strdup ("2.0");
    entry->payload = g_bytes_new (assertion, strlen (assertion));
    entry->original = g_bytes_ref (entry->payload);
    entry->name = g_strdup ("Soldering");
    entry->issuer_name = g_strdup ("Test Issuer");
    entry->issued_on = g_strdup ("2024-01-01T00:00:00Z");
    g_assert_true (credence_store_add_badge (store, entry, &error));
    g_assert_no_error (error);
    uid = g_strdup (entry->uid);
    check = credence_store_verification_new (g_get_real_time () / G_USEC_PER_SEC - 3600, TRUE, "valid", NULL, NULL);
    g_assert_true (credence_store_add_verification (store, uid, check, NULL, NULL, &error));
    g_assert_no_error (error);
  }

  start_notification_server ();
  g_setenv ("CREDENCE_REVERIFY_PERIOD_SECONDS", "1", TRUE);
  g_settings_set_string (settings, "reverify-interval", "daily");

  window = ui_test_open_window (app);
  item = credence_library_lookup (credence_window_get_library (window), uid);
  g_assert_nonnull (item);
  g_assert_cmpint (credence_badge_item_get_status (item), ==, CREDENCE_BADGE_STATUS_VALID);

  /* A first run: nothing changed, nothing to say. */
  wait.window = window;
  wait.runs = 1;
  ui_test_wait_for (runs_done, &wait, "a first run");
  g_assert_cmpint (credence_badge_item_get_status (item), ==, CREDENCE_BADGE_STATUS_VALID);
  g_assert_cmpuint (test_server_get_hits (server, "/a/1.json"), >=, 1);
  g_assert_cmpuint (notifications->len, ==, 0);

  /* The issuer revokes it: the next run notices and says so. */
  test_server_add_string (server, "/a/1.json", 200, "application/json", revoked);
  wait.runs = 2;
  ui_test_wait_for (runs_done, &wait, "a second run");
  ui_test_settle (100);
  g_assert_cmpint (credence_badge_item_get_status (item), ==, CREDENCE_BADGE_STATUS_PROBLEM);
  g_assert_cmpstr (credence_badge_item_get_reason (item), ==, "revoked");
  g_assert_cmpuint (notifications->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (notifications, 0), ==, "“Soldering” was revoked");

  /* It is in the collection, with when the run was. */
  {
    CredenceStore *store = credence_window_get_store (window);
    g_autoptr(CredenceStoreBadge) stored = credence_store_get_badge (store, uid, &error);
    g_autofree char *last_run = credence_store_dup_meta (store, "reverify-last-run", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (stored->verdict, ==, "invalid");
    g_assert_cmpstr (stored->reason, ==, "revoked");
    g_assert_nonnull (last_run);
    g_assert_cmpint (g_ascii_strtoll (last_run, NULL, 10), >=, g_get_real_time () / G_USEC_PER_SEC - 60);
  }

  /* Never stops it. */
  g_settings_set_string (settings, "reverify-interval", "never");
  g_assert_cmpint (credence_reverifier_get_period (credence_window_get_reverifier (window)), ==, 0);
  {
    guint runs = credence_reverifier_get_n_runs (credence_window_get_reverifier (window));

    ui_test_settle (2500);
    g_assert_cmpuint (credence_reverifier_get_n_runs (credence_window_get_reverifier (window)), ==, runs);
  }

  ui_test_close_window (window);
  g_settings_reset (settings, "reverify-interval");
  g_unsetenv ("CREDENCE_REVERIFY_PERIOD_SECONDS");
  test_server_free (server);
  ui_test_remove_data_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add_func ("/reverify/revoked", test_reverify_revoked);

  return ui_test_run ();
}
