/* test-window.c: the main window opens on the collection, shows the
 * first-run page, switches views from the sidebar and the keyboard,
 * remembers its size, and is rendered to PNGs for the README.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "credence-preferences-window.h"
#include "ui-test-utils.h"

static CredenceApplication *app;

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
test_window_first_run (void)
{
  g_autoptr(GDBusConnection) other = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *address = NULL;
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *shot = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_owner = FALSE;
  gboolean activated = FALSE;
  CredenceWindow *window;
  GtkWidget *welcome;

  window = ui_test_open_window (app);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* An empty collection shows the first-run page, with a real way in. */
  g_assert_cmpstr (credence_window_get_view (window), ==, "all");
  g_assert_cmpstr (credence_window_get_view_page_name (window), ==, "welcome");
  ui_test_settle (300);
  welcome = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, "Welcome to Credence");
  g_assert_nonnull (welcome);
  g_assert_true (gtk_widget_is_drawable (welcome));
  g_assert_nonnull (ui_test_find_widget (welcome, GTK_TYPE_BUTTON, "_Import Badges…"));

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
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));

  /* The app-level actions are there. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));

  ui_test_settle (300);
  shot = ui_test_save_screenshot (GTK_WIDGET (window), "empty-state");

  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

/* The sidebar's list (other pages have lists too). */
static GtkListBox *
sidebar_list (GtkWidget *root)
{
  if (GTK_IS_LIST_BOX (root) && gtk_widget_has_css_class (root, "navigation-sidebar"))
    return GTK_LIST_BOX (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox *found = sidebar_list (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_window_views (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  static const struct
  {
    const char *view;
    const char *page;
    const char *title;
  } cases[] = {
    { "attention", "attention", "Nothing Needs Attention" },
    { "collections", "collections", "No Collections" },
    { "pathways", "pathways", "No Pathways" },
    { "all", "welcome", "Welcome to Credence" },
  };
  CredenceWindow *window;

  window = ui_test_open_window (app);

  /* Through the action, as Alt+1 … Alt+4 do. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *page;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view",
                                                 "s", cases[i].view));
      g_assert_cmpstr (credence_window_get_view (window), ==, cases[i].view);
      g_assert_cmpstr (credence_window_get_view_page_name (window), ==, cases[i].page);
      ui_test_settle (250);
      page = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, cases[i].title);
      g_assert_nonnull (page);
      g_assert_true (gtk_widget_is_drawable (page));
    }

  /* Through the sidebar, as a click or Enter does. */
  {
    GtkListBox *list = sidebar_list (GTK_WIDGET (window));
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 1);

    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (list), "navigation-sidebar"));
    g_signal_emit_by_name (list, "row-activated", row);
    g_assert_cmpstr (credence_window_get_view (window), ==, "attention");
    g_assert_true (gtk_list_box_get_selected_row (list) == row);
  }

  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

static void
test_window_size_saved (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *dir = ui_test_make_data_dir ();
  CredenceWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 800);
  g_settings_set_int (settings, "window-height", 600);

  /* A new window takes the saved size… */
  window = ui_test_open_window (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);

  /* … and saves its own when closed (Xvfb has no window manager to
   * resize it, so the stored values are spoiled first instead).
   */
  g_settings_set_int (settings, "window-width", 500);
  g_settings_set_int (settings, "window-height", 400);
  g_settings_set_boolean (settings, "window-maximized", TRUE);
  gtk_window_close (GTK_WINDOW (window));
  ui_test_settle (100);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));

  ui_test_remove_data_dir (dir);
}

static void
test_window_narrow (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *shot = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  CredenceWindow *window;
  AdwLeaflet *leaflet;

  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 640);
  window = ui_test_open_window (app);
  ui_test_settle (400);

  /* Narrow: sidebar and content are pages of a folded leaflet. */
  leaflet = ADW_LEAFLET (ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "pathways"));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
  ui_test_settle (400);
  shot = ui_test_save_screenshot (GTK_WIDGET (window), "narrow-sidebar");

  ui_test_close_window (window);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  ui_test_remove_data_dir (dir);
}

static gboolean
has_identity (gpointer data)
{
  return credence_preferences_window_get_n_identities (data) == 1;
}

static void
test_window_preferences (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autoptr(GPtrArray) identities = NULL;
  g_autoptr(GError) error = NULL;
  CredencePreferencesWindow *prefs = NULL;
  CredenceWindow *window;
  GListModel *toplevels;

  window = ui_test_open_window (app);

  /* Ctrl+, opens the preferences on the open collection. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      if (CREDENCE_IS_PREFERENCES_WINDOW (toplevel))
        prefs = CREDENCE_PREFERENCES_WINDOW (toplevel);
    }
  g_assert_nonnull (prefs);

  /* An address added there is one of the owner's identities. */
  credence_preferences_window_add_identity (prefs, "jane@example.org");
  ui_test_wait_for (has_identity, prefs, "the identity");
  identities = credence_store_list_identities (credence_window_get_store (window), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (identities->len, ==, 1);
  g_assert_cmpstr (((CredenceStoreIdentity *)g_ptr_array_index (identities, 0))->value, ==, "jane@example.org");

  gtk_window_destroy (GTK_WINDOW (prefs));
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add_func ("/window/first-run", test_window_first_run);
  g_test_add_func ("/window/views", test_window_views);
  g_test_add_func ("/window/size-saved", test_window_size_saved);
  g_test_add_func ("/window/narrow", test_window_narrow);
  g_test_add_func ("/window/preferences", test_window_preferences);

  return ui_test_run ();
}
