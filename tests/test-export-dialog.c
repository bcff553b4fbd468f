/* test-export-dialog.c: Export Portfolio (app.export-portfolio, Ctrl+E)
 * lists the collections (those In Portfolio chosen), refuses a bad base
 * URL in the form, writes the site on a worker thread and says where.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "credence-export-dialog.h"
#include "credence-store-pathways.h"
#include "credence-test-utils.h"
#include "ui-test-utils.h"

static CredenceApplication *app;

static CredenceExportDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (CREDENCE_IS_EXPORT_DIALOG (toplevel))
        return CREDENCE_EXPORT_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
dialog_loaded (gpointer data)
{
  return credence_export_dialog_is_loaded (data);
}

static gboolean
not_working (gpointer data)
{
  return g_strcmp0 (credence_export_dialog_get_page (data), "working") != 0;
}

static void
test_export_dialog (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *site = g_dir_make_tmp ("credence-site-XXXXXX", NULL);
  g_autofree char *index = g_build_filename (site, "index.html", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (site);
  g_autofree char *shot = NULL;
  g_autofree char *html = NULL;
  CredenceExportDialog *dialog;
  CredenceWindow *window;
  GtkWidget *base_url;

  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);
    g_autoptr(CredenceCollection) shown = credence_collection_new ("Job Hunt");
    g_autoptr(CredenceCollection) hidden = credence_collection_new ("Private Notes");
    g_autofree char *uid = ui_test_add_corpus_badge (store, "1edtech-dc-public-validator/ob20/simple.jwt");
    g_autoptr(GError) error = NULL;

    credence_collection_set_visibility (shown, CREDENCE_VISIBILITY_PORTFOLIO);
    credence_collection_add (shown, uid);
    g_assert_true (credence_store_save_collection (store, shown, &error));
    g_assert_true (credence_store_save_collection (store, hidden, &error));
    g_assert_no_error (error);
  }

  window = ui_test_open_window (app);
  g_action_group_activate_action (G_ACTION_GROUP (app), "export-portfolio", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  ui_test_wait_for (dialog_loaded, dialog, "the collections to be listed");
  g_assert_cmpuint (credence_export_dialog_get_n_collections (dialog), ==, 2);

  /* No folder yet: nothing to export. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export", NULL) &&
                  g_strcmp0 (credence_export_dialog_get_page (dialog), "form") != 0);

  credence_export_dialog_set_folder (dialog, folder);
  ui_test_settle (500);
  shot = ui_test_save_screenshot (GTK_WIDGET (dialog), "export-dialog");

  /* A base URL that is not http(s) is refused in the form. */
  base_url = ui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Base URL (for link previews)");
  g_assert_nonnull (base_url);
  gtk_editable_set_text (GTK_EDITABLE (base_url), "javascript:alert(1)");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export", NULL));
  g_assert_cmpstr (credence_export_dialog_get_page (dialog), ==, "form");
  g_assert_nonnull (credence_export_dialog_get_error (dialog));
  g_assert_false (g_file_test (index, G_FILE_TEST_EXISTS));

  /* A good one: the site is written off the UI thread. */
  gtk_editable_set_text (GTK_EDITABLE (base_url), "https://example.org/jane/");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export", NULL));
  ui_test_wait_for (not_working, dialog, "the site to be written");
  g_assert_null (credence_export_dialog_get_error (dialog));
  g_assert_cmpstr (credence_export_dialog_get_page (dialog), ==, "done");
  g_assert_true (g_file_get_contents (index, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "Job Hunt"));
  g_assert_null (strstr (html, "Private Notes"));
  g_assert_nonnull (strstr (html, "https://example.org/jane/images/preview-index.png"));
  g_clear_pointer (&shot, g_free);
  ui_test_settle (300);
  shot = ui_test_save_screenshot (GTK_WIDGET (dialog), "export-dialog-done");

  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
  credence_test_remove_tree (site);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add_func ("/export-dialog/export", test_export_dialog);

  return ui_test_run ();
}
