/* test-unlock.c: a collection protected by a passphrase opens on the
 * unlock page, which rejects a wrong passphrase and opens with the right
 * one; with Lock After set, it locks again once not used for that long.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "credence-preferences-window.h"
#include "credence-store.h"
#include "ui-test-utils.h"

static CredenceApplication *app;

static gboolean
entry_editable (gpointer data)
{
  return gtk_editable_get_editable (data);
}

static gboolean
label_shown (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static void
test_unlock_passphrase (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *shot = NULL;
  g_autoptr(GError) error = NULL;
  GtkApplication *gtk_app = GTK_APPLICATION (app);
  CredenceWindow *window;
  GtkWidget *entry, *error_label = NULL;
  GtkWidget *page;

  {
    g_autoptr(CredenceStore) store = credence_store_open_with_passphrase (dir, "correct horse battery", &error);
    g_assert_no_error (error);
    g_assert_true (credence_store_uses_passphrase (dir));
  }

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = CREDENCE_WINDOW (gtk_application_get_active_window (gtk_app));
  ui_test_wait_for_page (window, "unlock");
  g_assert_null (credence_window_get_store (window));

  page = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, "Credence Is Locked");
  g_assert_nonnull (page);
  entry = ui_test_find_widget (page, GTK_TYPE_PASSWORD_ENTRY, NULL);
  g_assert_nonnull (entry);
  for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_parent (entry)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "error"))
      error_label = w;
  g_assert_nonnull (error_label);
  g_assert_false (gtk_widget_get_visible (error_label));

  /* Nothing to unlock with an empty entry. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.unlock", NULL) &&
                  credence_window_get_store (window) != NULL);

  /* A wrong passphrase says so and lets the user retry. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "wrong horse");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unlock", NULL));
  ui_test_wait_for (label_shown, error_label, "the error");
  ui_test_wait_for (entry_editable, entry, "the entry");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), ==, "Incorrect passphrase.");
  g_assert_cmpstr (credence_window_get_page_name (window), ==, "unlock");
  g_assert_null (credence_window_get_store (window));
  ui_test_settle (200);
  shot = ui_test_save_screenshot (GTK_WIDGET (window), "unlock");

  /* The right one opens the collection. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "correct horse battery");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unlock", NULL));
  ui_test_wait_for_page (window, "library");
  g_assert_nonnull (credence_window_get_store (window));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpstr (credence_window_get_view_page_name (window), ==, "welcome");

  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

static gboolean
protection_known (gpointer data)
{
  return credence_preferences_window_get_uses_passphrase (data) >= 0;
}

/* Lock After (seconds here, through CREDENCE_LOCK_AFTER_SECONDS): Never
 * keeps the collection open; a time locks it once the window is not used
 * for that long, as win.lock does.
 */
static void
test_unlock_auto_lock (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  CredencePreferencesWindow *prefs;
  CredenceWindow *window;
  GtkWidget *entry, *row;

  {
    g_autoptr(CredenceStore) store = credence_store_open_with_passphrase (dir, "correct horse battery", &error);
    g_assert_no_error (error);
  }

  g_setenv ("CREDENCE_LOCK_AFTER_SECONDS", "1", TRUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = CREDENCE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  ui_test_wait_for_page (window, "unlock");
  entry = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_PASSWORD_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "correct horse battery");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unlock", NULL));
  ui_test_wait_for_page (window, "library");

  /* Never (the default): still open well after a second. */
  g_assert_cmpuint (g_settings_get_uint (settings, "lock-after"), ==, 0);
  ui_test_settle (2500);
  g_assert_cmpstr (credence_window_get_page_name (window), ==, "library");
  g_assert_nonnull (credence_window_get_store (window));

  /* Preferences: Lock After, offered for a passphrase, sets the minutes. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = CREDENCE_PREFERENCES_WINDOW (ui_test_find_toplevel (CREDENCE_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (prefs);
  ui_test_wait_for (protection_known, prefs, "the protection to be known");
  row = ui_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, "Lock After");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_sensitive (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_cmpuint (g_settings_get_uint (settings, "lock-after"), ==, 5);

  /* Not used since: it locks, and the windows showing it go. */
  ui_test_wait_for_page (window, "unlock");
  g_assert_null (credence_window_get_store (window));
  g_assert_null (ui_test_find_toplevel (CREDENCE_TYPE_PREFERENCES_WINDOW));

  g_settings_reset (settings, "lock-after");
  g_unsetenv ("CREDENCE_LOCK_AFTER_SECONDS");
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add_func ("/unlock/passphrase", test_unlock_passphrase);
  g_test_add_func ("/unlock/auto-lock", test_unlock_auto_lock);

  return ui_test_run ();
}
