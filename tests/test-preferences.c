/* test-preferences.c: Preferences moves the collection between the keyring
 * and a passphrase, changes the passphrase, backs up and restores, each
 * through its form; wrong input is refused in the form.  Win.lock closes the
 * collection and the unlock page opens it again.  Every step is checked on
 * the files of the collection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "credence-library.h"
#include "credence-preferences-window.h"
#include "credence-store.h"
#include "ui-test-utils.h"

static CredenceApplication *app;

static CredencePreferencesWindow *
open_preferences (void)
{
  GListModel *toplevels;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (CREDENCE_IS_PREFERENCES_WINDOW (toplevel))
        return CREDENCE_PREFERENCES_WINDOW (toplevel);
    }

  g_assert_not_reached ();
}

static gboolean
protection_known (gpointer data)
{
  return credence_preferences_window_get_uses_passphrase (data) >= 0;
}

static gboolean
not_busy (gpointer data)
{
  return !credence_preferences_window_is_busy (data);
}

static void
click (GtkWidget  *root,
       const char *label)
{
  GtkWidget *button = ui_test_find_widget (root, GTK_TYPE_BUTTON, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
type_into (GtkWindow  *form,
           const char *title,
           const char *text)
{
  GtkWidget *row = ui_test_find_widget (GTK_WIDGET (form), ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The inline error of @form, or NULL when none is shown. */
static const char *
form_error (GtkWindow *form)
{
  GtkWidget *label = NULL;

  for (GtkWidget *w = GTK_WIDGET (form); w != NULL;)
    {
      if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "error"))
        {
          label = w;
          break;
        }
      /* Depth first. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = w == GTK_WIDGET (form) ? NULL : gtk_widget_get_parent (w);
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }

  g_assert_nonnull (label);
  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

/* Presses the form's button and waits for its work; returns the form when
 * it stayed open (an error), NULL when it closed.
 */
static GtkWindow *
submit (CredencePreferencesWindow *prefs,
        GtkWindow                 *form,
        const char                *button)
{
  click (GTK_WIDGET (form), button);
  ui_test_wait_for (not_busy, prefs, "the form's work");
  ui_test_settle (20);

  return credence_preferences_window_get_form (prefs);
}

static gboolean
opens_with (const char *dir,
            const char *passphrase)
{
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = credence_store_open_with_passphrase (dir, passphrase, &error);
  if (store == NULL)
    g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY);

  return store != NULL;
}

static gboolean
unlock_ready (gpointer data)
{
  CredenceWindow *window = data;
  GtkWidget *entry = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_PASSWORD_ENTRY, NULL);

  return gtk_editable_get_editable (GTK_EDITABLE (entry));
}

static gboolean
n_badges_is_one (gpointer data)
{
  return credence_library_get_n_badges (credence_window_get_library (data)) == 1;
}

static gboolean
n_badges_is_two (gpointer data)
{
  return credence_library_get_n_badges (credence_window_get_library (data)) == 2;
}

static void
unlock_with (CredenceWindow *window,
             const char     *passphrase)
{
  GtkWidget *page = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, "Credence Is Locked");
  GtkWidget *entry;

  g_assert_nonnull (page);
  entry = ui_test_find_widget (page, GTK_TYPE_PASSWORD_ENTRY, NULL);
  ui_test_wait_for (unlock_ready, window, "the unlock entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), passphrase);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unlock", NULL));
}

static void
test_preferences_protection (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  CredencePreferencesWindow *prefs;
  CredenceWindow *window;
  GtkWindow *form;
  GtkWidget *error_label;

  window = ui_test_open_window (app);
  g_assert_false (credence_store_uses_passphrase (dir));
  /* With the keyring there is nothing to lock. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  g_assert_nonnull (credence_window_get_store (window));

  prefs = open_preferences ();
  ui_test_wait_for (protection_known, prefs, "the protection");
  g_assert_cmpint (credence_preferences_window_get_uses_passphrase (prefs), ==, 0);
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_PREFERENCES_ROW, "Keyring"));

  /* Keyring → passphrase: the confirmation must match. */
  click (GTK_WIDGET (prefs), "Use a _Passphrase…");
  form = credence_preferences_window_get_form (prefs);
  g_assert_nonnull (form);
  type_into (form, "Passphrase", "correct horse battery");
  type_into (form, "Confirm Passphrase", "correct horse batery");
  g_assert_true (submit (prefs, form, "_Use Passphrase") == form);
  g_assert_cmpstr (form_error (form), ==, "The passphrases do not match.");
  g_assert_false (credence_store_uses_passphrase (dir));

  type_into (form, "Confirm Passphrase", "correct horse battery");
  g_assert_null (submit (prefs, form, "_Use Passphrase"));
  g_assert_true (credence_store_uses_passphrase (dir));
  g_assert_true (opens_with (dir, "correct horse battery"));
  g_assert_cmpint (credence_preferences_window_get_uses_passphrase (prefs), ==, 1);
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_PREFERENCES_ROW, "Passphrase"));

  /* Change: a wrong current passphrase is refused, in the form. */
  click (GTK_WIDGET (prefs), "_Change…");
  form = credence_preferences_window_get_form (prefs);
  type_into (form, "Current Passphrase", "wrong horse");
  type_into (form, "New Passphrase", "staple orbit lantern");
  type_into (form, "Confirm New Passphrase", "staple orbit lantern");
  g_assert_true (submit (prefs, form, "_Change") == form);
  g_assert_cmpstr (form_error (form), ==, "The current passphrase is incorrect.");
  g_assert_true (opens_with (dir, "correct horse battery"));

  type_into (form, "Current Passphrase", "correct horse battery");
  g_assert_null (submit (prefs, form, "_Change"));
  g_assert_true (opens_with (dir, "staple orbit lantern"));
  g_assert_false (opens_with (dir, "correct horse battery"));

  /* Lock (Ctrl+Shift+L) closes the collection and Preferences with it. */
  g_object_add_weak_pointer (G_OBJECT (prefs), (gpointer *)&prefs);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  ui_test_wait_for_page (window, "unlock");
  ui_test_settle (50);
  g_assert_null (prefs);
  g_assert_null (credence_window_get_store (window));

  /* A wrong passphrase says so; the user retries. */
  unlock_with (window, "correct horse battery");
  error_label = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "Incorrect passphrase.");
  while (error_label == NULL || !gtk_widget_get_visible (error_label))
    {
      ui_test_settle (20);
      error_label = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "Incorrect passphrase.");
    }
  g_assert_cmpstr (credence_window_get_page_name (window), ==, "unlock");
  unlock_with (window, "staple orbit lantern");
  ui_test_wait_for_page (window, "library");
  g_assert_nonnull (credence_window_get_store (window));

  /* Passphrase → keyring, confirmed with the passphrase. */
  prefs = open_preferences ();
  ui_test_wait_for (protection_known, prefs, "the protection");
  g_assert_cmpint (credence_preferences_window_get_uses_passphrase (prefs), ==, 1);
  click (GTK_WIDGET (prefs), "Use _Keyring…");
  form = credence_preferences_window_get_form (prefs);
  type_into (form, "Current Passphrase", "correct horse battery");
  g_assert_true (submit (prefs, form, "_Use Keyring") == form);
  g_assert_cmpstr (form_error (form), ==, "The current passphrase is incorrect.");
  type_into (form, "Current Passphrase", "staple orbit lantern");
  g_assert_null (submit (prefs, form, "_Use Keyring"));
  g_assert_false (credence_store_uses_passphrase (dir));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CredenceStore) store = credence_store_open_default (dir, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (store);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  ui_test_settle (50);
  g_assert_nonnull (credence_window_get_store (window));

  gtk_window_destroy (GTK_WINDOW (prefs));
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static void
test_preferences_backup (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *backup_dir = g_dir_make_tmp ("credence-backup-XXXXXX", NULL);
  g_autofree char *backup_path = g_build_filename (backup_dir, "mine.credence-backup", NULL);
  g_autoptr(GFile) backup = g_file_new_for_path (backup_path);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;
  CredencePreferencesWindow *prefs;
  CredenceWindow *window;
  CredenceStore *store;
  GtkWindow *form;
  AdwMessageDialog *dialog;

  window = ui_test_open_window (app);
  store = credence_window_get_store (window);
  first = ui_test_add_corpus_badge (store, "1edtech-dc-public-validator/ob20/simple.jwt");
  credence_window_reload (window);
  ui_test_wait_for (n_badges_is_one, window, "the badge");

  prefs = open_preferences ();

  /* Back up: the passphrase twice. */
  form = credence_preferences_window_back_up_to (prefs, backup);
  type_into (form, "Passphrase", "backup words here");
  type_into (form, "Confirm Passphrase", "");
  g_assert_true (submit (prefs, form, "_Back Up") == form);
  g_assert_cmpstr (form_error (form), ==, "The passphrases do not match.");
  g_assert_false (g_file_test (backup_path, G_FILE_TEST_EXISTS));
  type_into (form, "Confirm Passphrase", "backup words here");
  g_assert_null (submit (prefs, form, "_Back Up"));
  g_assert_true (g_file_test (backup_path, G_FILE_TEST_IS_REGULAR));

  /* After the backup, one badge goes and another comes. */
  g_assert_true (credence_store_remove_badge (store, first, &error));
  g_assert_no_error (error);
  second = ui_test_add_corpus_badge (store, "1edtech-dc-public-validator/ob20/simple-revoked.jwt");
  credence_window_reload (window);
  ui_test_settle (100);
  g_assert_cmpint (credence_store_count_badges (store, NULL), ==, 1);

  /* Restore: a wrong passphrase is refused in the form, nothing changes. */
  form = credence_preferences_window_restore_from (prefs, backup);
  type_into (form, "Backup Passphrase", "wrong words");
  g_assert_true (submit (prefs, form, "_Restore") == form);
  g_assert_nonnull (form_error (form));
  g_assert_cmpint (credence_store_count_badges (store, NULL), ==, 1);

  /* Merge keeps the new badge and brings the old one back. */
  type_into (form, "Backup Passphrase", "backup words here");
  g_assert_null (submit (prefs, form, "_Restore"));
  g_assert_cmpint (credence_store_count_badges (store, NULL), ==, 2);
  ui_test_wait_for (n_badges_is_two, window, "the merged badges in the window");

  /* Replace asks first; Cancel changes nothing. */
  form = credence_preferences_window_restore_from (prefs, backup);
  type_into (form, "Backup Passphrase", "backup words here");
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_test_find_widget (GTK_WIDGET (form), ADW_TYPE_COMBO_ROW, "Restore")), 1);
  click (GTK_WIDGET (form), "_Restore");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Replace Your Collection?");
  click (GTK_WIDGET (dialog), "_Cancel");
  ui_test_settle (50);
  g_assert_false (credence_preferences_window_is_busy (prefs));
  g_assert_cmpint (credence_store_count_badges (store, NULL), ==, 2);

  click (GTK_WIDGET (form), "_Restore");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  click (GTK_WIDGET (dialog), "_Replace");
  ui_test_wait_for (not_busy, prefs, "the restore");
  ui_test_settle (20);
  if (credence_preferences_window_get_form (prefs) != NULL)
    g_test_message ("The form says: %s", form_error (form));
  g_assert_null (credence_preferences_window_get_form (prefs));
  g_assert_cmpint (credence_store_count_badges (store, NULL), ==, 1);
  {
    g_autoptr(CredenceStoreBadge) badge = credence_store_get_badge (store, first, &error);

    g_assert_no_error (error);
    g_assert_nonnull (badge);
  }
  ui_test_wait_for (n_badges_is_one, window, "the replaced collection in the window");

  gtk_window_destroy (GTK_WINDOW (prefs));
  ui_test_close_window (window);
  g_assert_cmpint (g_remove (backup_path), ==, 0);
  g_assert_cmpint (g_rmdir (backup_dir), ==, 0);
  ui_test_remove_data_dir (dir);
}

static gboolean
offline_set (gpointer data)
{
  return g_settings_get_boolean (data, "work-offline");
}

static void
test_preferences_checking (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  CredencePreferencesWindow *prefs;
  CredenceWindow *window;
  GtkWidget *row;

  window = ui_test_open_window (app);
  prefs = open_preferences ();

  row = ui_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, "Check Again Automatically");
  g_assert_nonnull (row);
  g_settings_set_string (settings, "reverify-interval", "weekly");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_cmpstr (g_settings_get_string (settings, "reverify-interval"), ==, "daily");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  g_assert_cmpstr (g_settings_get_string (settings, "reverify-interval"), ==, "never");

  row = ui_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_PREFERENCES_ROW, "Work Offline");
  g_assert_nonnull (row);
  g_assert_false (g_settings_get_boolean (settings, "work-offline"));
  /* The switch moves with an animation, then changes. */
  adw_action_row_activate (ADW_ACTION_ROW (row));
  ui_test_wait_for (offline_set, settings, "the setting");

  g_settings_reset (settings, "work-offline");
  g_settings_reset (settings, "reverify-interval");
  gtk_window_destroy (GTK_WINDOW (prefs));
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add_func ("/preferences/protection", test_preferences_protection);
  g_test_add_func ("/preferences/backup", test_preferences_backup);
  g_test_add_func ("/preferences/checking", test_preferences_checking);

  return ui_test_run ();
}
