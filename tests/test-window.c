/* test-window.c: the main window opens, shows the empty state, and is
 * rendered to a PNG for the README.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "credence-application.h"
#include "credence-window.h"

static void
wait_for_page (CredenceWindow *window,
               const char     *page)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_strcmp0 (credence_window_get_page_name (window), page) != 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
activated_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean *done = user_data;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_window_empty_state (void)
{
  g_autoptr(CredenceApplication) app = credence_application_new ();
  g_autoptr(GDBusConnection) other = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *address = NULL;
  gboolean has_owner = FALSE;
  gboolean activated = FALSE;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *shot_dir = NULL;
  g_autofree char *shot = NULL;
  CredenceWindow *window;
  GAction *import;
  GStatBuf st;

  dir = g_dir_make_tmp ("credence-window-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("CREDENCE_DATA_DIR", dir, TRUE);

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));

  g_application_activate (G_APPLICATION (app));
  window = CREDENCE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (CREDENCE_IS_WINDOW (window));
  g_assert_true (ADW_IS_APPLICATION_WINDOW (window));

  /* The collection opens off the UI thread, then the empty state shows. */
  wait_for_page (window, "empty");
  g_assert_nonnull (credence_window_get_store (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* Single instance: the app owns its name on the session bus, and a
   * second launch (here: another connection calling Activate) reaches this
   * instance instead of opening a new one.
   */
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  other = g_dbus_connection_new_for_address_sync (address,
                                                  G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                  G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                  NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (other, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "io.github.credence.Credence"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &has_owner);
  g_assert_true (has_owner);
  g_dbus_connection_call (other, "io.github.credence.Credence", "/io/github/credence/Credence",
                          "org.freedesktop.Application", "Activate",
                          g_variant_new ("(a{sv})", NULL), NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                          NULL, activated_cb, &activated);
  while (!activated)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  /* Activating again presents the same window. */
  g_application_activate (G_APPLICATION (app));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  /* The Import button's action is there and enabled. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  import = g_action_map_lookup_action (G_ACTION_MAP (app), "about");
  g_assert_nonnull (import);

  settle (300);

  shot_dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_mkdir_with_parents (shot_dir, 0755);
  shot = g_build_filename (shot_dir, "empty-state.png", NULL);
  g_remove (shot);
  save_screenshot (GTK_WIDGET (window), shot);
  g_assert_cmpint (g_stat (shot, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 1000);
  g_test_message ("Screenshot saved to %s", shot);

  gtk_window_destroy (GTK_WINDOW (window));
  settle (50);
  g_unsetenv ("CREDENCE_DATA_DIR");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window/empty-state", test_window_empty_state);

  return g_test_run ();
}
