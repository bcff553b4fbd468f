/* test-collections.c: the Collections page: create a collection through
 * its dialog, add badges, reorder them (kept after the window is opened
 * again), choose the cover, edit the name and what is shared, delete with
 * Undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "credence-store-pathways.h"
#include "ui-test-utils.h"

static CredenceApplication *app;

static const char * const corpus_badges[] = {
  "1edtech-dc-public-validator/ob30/simple-json.png",
  "1edtech-dc-public-validator/ob30/complete.json",
  "digitalcredentials-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/noRegistry-noStatus-noExpiry.json",
};

static gboolean
view_idle (gpointer data)
{
  return !credence_collections_view_is_busy (data);
}

static void
wait_idle (CredenceCollectionsView *view)
{
  ui_test_settle (50);
  ui_test_wait_for (view_idle, view, "the collections to be read or saved");
  ui_test_settle (50);
}

static gboolean
dialog_shown (gpointer data)
{
  return ui_test_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

/* The collection as the store keeps it, read on this thread. */
static CredenceCollection *
stored_collection (CredenceWindow *window,
                   const char     *name)
{
  g_autoptr(GError) error = NULL;
  CredenceCollection *collection;

  collection = credence_store_get_collection (credence_window_get_store (window), name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);

  return collection;
}

static guint
n_stored_collections (CredenceWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) collections = NULL;

  collections = credence_store_list_collections (credence_window_get_store (window), &error);
  g_assert_no_error (error);

  return collections->len;
}

static gboolean
none_stored (gpointer data)
{
  return n_stored_collections (data) == 0;
}

static const char *
shown_uid (GtkSelectionModel *badges,
           guint              position)
{
  g_autoptr(CredenceBadgeItem) item = g_list_model_get_item (G_LIST_MODEL (badges), position);

  g_assert_nonnull (item);
  return credence_badge_item_get_uid (item);
}

static void
test_collections_create_reorder (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *shot = NULL;
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CredenceCollection) stored = NULL;
  CredenceCollectionsView *view;
  CredenceCollection *shown;
  GtkSelectionModel *badges;
  AdwMessageDialog *dialog;
  CredenceWindow *window;

  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);

    for (guint i = 0; i < G_N_ELEMENTS (corpus_badges); i++)
      g_ptr_array_add (uids, ui_test_add_corpus_badge (store, corpus_badges[i]));
  }

  window = ui_test_open_window (app);
  view = credence_window_get_collections_view (window);
  wait_idle (view);

  /* No collection yet. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "collections"));
  g_assert_cmpstr (credence_window_get_view_page_name (window), ==, "collections");
  g_assert_cmpstr (credence_collections_view_get_page_name (view), ==, "empty");

  /* Ctrl+N asks for a name; Create is off until there is one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-collection", NULL));
  ui_test_wait_for (dialog_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the New Collection dialog");
  dialog = ADW_MESSAGE_DIALOG (ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "New Collection");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Job Hunt");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  adw_message_dialog_response (dialog, "create");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_idle (view);

  /* It is saved and opened, empty. */
  g_assert_cmpuint (n_stored_collections (window), ==, 1);
  g_assert_cmpstr (credence_collections_view_get_page_name (view), ==, "collection");
  shown = credence_collections_view_get_shown (view);
  g_assert_nonnull (shown);
  g_assert_cmpstr (credence_collection_get_name (shown), ==, "Job Hunt");
  g_assert_cmpuint (credence_collection_get_n_items (shown), ==, 0);
  /* Who it was issued to is not shared unless asked. */
  g_assert_false (credence_collection_discloses (shown, CREDENCE_DISCLOSURE_RECIPIENT));
  g_assert_true (ui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_STATUS_PAGE, "No Badges in This Collection") != NULL);

  /* Badges added (as the grid's Add to Collection does) show in order. */
  g_ptr_array_add (uids, NULL);
  credence_collections_view_add_badges (view, credence_collection_get_uid (shown),
                                        (const char * const *)uids->pdata);
  g_ptr_array_remove_index (uids, uids->len - 1);
  wait_idle (view);
  badges = credence_collections_view_get_badges (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (badges)), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (shown_uid (badges, i), ==, g_ptr_array_index (uids, i));

  /* Alt+Down's action moves the selected badge later; the order is saved. */
  gtk_selection_model_select_item (badges, 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "collection.move", "i", 1));
  wait_idle (view);
  g_assert_cmpstr (shown_uid (badges, 0), ==, g_ptr_array_index (uids, 1));
  g_assert_cmpstr (shown_uid (badges, 1), ==, g_ptr_array_index (uids, 0));
  g_assert_true (gtk_selection_model_is_selected (badges, 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "collection.move", "i", 1));
  wait_idle (view);
  g_assert_cmpstr (shown_uid (badges, 2), ==, g_ptr_array_index (uids, 0));

  /* The last one becomes the cover. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "collection.set-cover", NULL));
  wait_idle (view);

  stored = stored_collection (window, "Job Hunt");
  g_assert_cmpuint (credence_collection_get_n_items (stored), ==, 3);
  g_assert_cmpstr (credence_collection_get_item (stored, 0), ==, g_ptr_array_index (uids, 1));
  g_assert_cmpstr (credence_collection_get_item (stored, 1), ==, g_ptr_array_index (uids, 2));
  g_assert_cmpstr (credence_collection_get_item (stored, 2), ==, g_ptr_array_index (uids, 0));
  g_assert_cmpstr (credence_collection_get_cover (stored), ==, g_ptr_array_index (uids, 0));
  g_clear_object (&stored);

  ui_test_settle (300);
  shot = ui_test_save_screenshot (GTK_WIDGET (window), "collection");

  /* Back: the list has the collection, with its count. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "collections.back", NULL));
  g_assert_cmpstr (credence_collections_view_get_page_name (view), ==, "list");
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW, "Job Hunt"));

  ui_test_close_window (window);

  /* Opened again, the order is the one saved. */
  window = ui_test_open_window (app);
  view = credence_window_get_collections_view (window);
  wait_idle (view);
  g_assert_true (credence_collections_view_show_collection (view, "Job Hunt"));
  badges = credence_collections_view_get_badges (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (badges)), ==, 3);
  g_assert_cmpstr (shown_uid (badges, 0), ==, g_ptr_array_index (uids, 1));
  g_assert_cmpstr (shown_uid (badges, 1), ==, g_ptr_array_index (uids, 2));
  g_assert_cmpstr (shown_uid (badges, 2), ==, g_ptr_array_index (uids, 0));

  /* Removing a badge from the collection keeps it in the library. */
  gtk_selection_model_select_item (badges, 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "collection.remove-badge", NULL));
  wait_idle (view);
  stored = stored_collection (window, "Job Hunt");
  g_assert_cmpuint (credence_collection_get_n_items (stored), ==, 2);
  g_assert_cmpint (credence_collection_find (stored, g_ptr_array_index (uids, 1)), <, 0);
  g_assert_nonnull (credence_library_lookup (credence_window_get_library (window), g_ptr_array_index (uids, 1)));
  g_clear_object (&stored);

  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

static void
test_collections_edit_delete (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autoptr(CredenceCollection) stored = NULL;
  CredenceCollectionsView *view;
  GtkWindow *editor;
  GtkWidget *row, *sw, *undo;
  CredenceWindow *window;

  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);
    g_autoptr(CredenceCollection) collection = credence_collection_new ("Portfolio");
    g_autoptr(GError) error = NULL;

    g_free (ui_test_add_corpus_badge (store, corpus_badges[0]));
    g_assert_true (credence_store_save_collection (store, collection, &error));
    g_assert_no_error (error);
  }

  window = ui_test_open_window (app);
  view = credence_window_get_collections_view (window);
  wait_idle (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "collections"));
  g_assert_cmpstr (credence_collections_view_get_page_name (view), ==, "list");
  g_assert_true (credence_collections_view_show_collection (view, "Portfolio"));

  /* The editor: rename, and share no evidence but the recipient. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "collection.edit", NULL));
  ui_test_wait_for (dialog_shown, GSIZE_TO_POINTER (ADW_TYPE_PREFERENCES_WINDOW), "the collection editor");
  editor = ui_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  row = ui_test_find_widget (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "Name");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Portfolio");
  gtk_editable_set_text (GTK_EDITABLE (row), "Teaching Portfolio");
  row = ui_test_find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "Evidence");
  sw = ui_test_find_widget (row, GTK_TYPE_SWITCH, NULL);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
  gtk_switch_set_active (GTK_SWITCH (sw), FALSE);
  row = ui_test_find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "Recipient Identity");
  sw = ui_test_find_widget (row, GTK_TYPE_SWITCH, NULL);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (sw)));
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  gtk_window_close (editor);
  wait_idle (view);

  stored = stored_collection (window, "Teaching Portfolio");
  g_assert_false (credence_collection_discloses (stored, CREDENCE_DISCLOSURE_EVIDENCE));
  g_assert_true (credence_collection_discloses (stored, CREDENCE_DISCLOSURE_RECIPIENT));
  g_assert_true (credence_collection_discloses (stored, CREDENCE_DISCLOSURE_DATES));
  g_clear_object (&stored);

  /* Delete: hidden at once, kept until the toast goes; Undo brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "collection.delete", NULL));
  g_assert_cmpstr (credence_collections_view_get_page_name (view), ==, "empty");
  ui_test_settle (200);
  undo = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo);
  g_assert_cmpuint (n_stored_collections (window), ==, 1);
  g_signal_emit_by_name (undo, "clicked");
  ui_test_settle (200);
  wait_idle (view);
  g_assert_cmpstr (credence_collections_view_get_page_name (view), ==, "list");
  g_assert_cmpuint (n_stored_collections (window), ==, 1);

  /* Without Undo it is deleted once the toast times out. */
  g_assert_true (credence_collections_view_show_collection (view, "Teaching Portfolio"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "collection.delete", NULL));
  ui_test_settle (200);
  undo = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo);
  ui_test_wait_for (none_stored, window, "the collection to be deleted");
  wait_idle (view);
  g_assert_cmpstr (credence_collections_view_get_page_name (view), ==, "empty");

  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

static gboolean
n_badges_is (gpointer data)
{
  CredenceWindow *window = data;
  guint want = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), "test-n-badges"));

  return credence_library_get_n_badges (credence_window_get_library (window)) == want;
}

static void
wait_n_badges (CredenceWindow *window,
               guint           n)
{
  g_object_set_data (G_OBJECT (window), "test-n-badges", GUINT_TO_POINTER (n));
  ui_test_wait_for (n_badges_is, window, "the number of badges");
}

/* Picks the row titled @title in the Add to Collection dialog and adds. */
static void
add_through_dialog (CredenceCollectionsView *view,
                    const char              *title)
{
  AdwMessageDialog *dialog;
  GtkWidget *row;

  ui_test_wait_for (dialog_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the Add to Collection dialog");
  dialog = ADW_MESSAGE_DIALOG (ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Add to Collection");
  row = ui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, title);
  g_assert_nonnull (row);
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), GTK_LIST_BOX_ROW (row));
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_idle (view);
}

static void
test_collections_from_selection (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CredenceCollection) stored = NULL;
  CredenceCollectionsView *view;
  GtkSelectionModel *grid_model;
  GtkGridView *grid;
  CredenceWindow *window;
  GtkWidget *undo;

  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);
    g_autoptr(GError) error = NULL;
    g_autoptr(CredenceCollection) job = credence_collection_new ("Job Hunt");
    g_autoptr(CredenceCollection) portfolio = credence_collection_new ("Portfolio");

    for (guint i = 0; i < G_N_ELEMENTS (corpus_badges); i++)
      g_ptr_array_add (uids, ui_test_add_corpus_badge (store, corpus_badges[i]));
    g_assert_true (credence_store_save_collection (store, job, &error));
    g_assert_true (credence_store_save_collection (store, portfolio, &error));
    g_assert_no_error (error);
  }

  window = ui_test_open_window (app);
  view = credence_window_get_collections_view (window);
  wait_idle (view);
  ui_test_settle (200);
  grid = GTK_GRID_VIEW (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_GRID_VIEW, NULL));

  /* Selection mode: the grid selects; two badges go to Job Hunt. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-mode", NULL));
  g_assert_true (gtk_widget_get_visible (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Add to _Collection…")));
  grid_model = gtk_grid_view_get_model (grid);
  g_assert_true (GTK_IS_MULTI_SELECTION (grid_model));
  gtk_selection_model_select_item (grid_model, 0, FALSE);
  gtk_selection_model_select_item (grid_model, 2, FALSE);
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "2 selected"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-selected-to-collection", NULL));
  add_through_dialog (view, "Job Hunt");
  stored = stored_collection (window, "Job Hunt");
  g_assert_cmpuint (credence_collection_get_n_items (stored), ==, 2);
  g_clear_object (&stored);

  /* Esc leaves selection mode: a click opens again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-selection-mode", NULL));
  g_assert_false (GTK_IS_MULTI_SELECTION (gtk_grid_view_get_model (grid)));

  /* From a badge's page, into a second collection: a badge can be in many. */
  credence_window_show_badge (window, g_ptr_array_index (uids, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-to-collection", NULL));
  add_through_dialog (view, "Portfolio");
  stored = stored_collection (window, "Portfolio");
  g_assert_cmpuint (credence_collection_get_n_items (stored), ==, 1);
  g_assert_cmpstr (credence_collection_get_item (stored, 0), ==, g_ptr_array_index (uids, 0));
  g_clear_object (&stored);
  stored = stored_collection (window, "Job Hunt");
  g_assert_cmpint (credence_collection_find (stored, g_ptr_array_index (uids, 0)), >=, 0);
  g_clear_object (&stored);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));

  /* Remove from the selection: hidden at once, Undo brings them back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-mode", NULL));
  grid_model = gtk_grid_view_get_model (grid);
  gtk_selection_model_select_item (grid_model, 1, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-selected", NULL));
  wait_n_badges (window, G_N_ELEMENTS (corpus_badges) - 1);
  ui_test_settle (200);
  undo = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  wait_n_badges (window, G_N_ELEMENTS (corpus_badges));

  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add_func ("/collections/create-reorder", test_collections_create_reorder);
  g_test_add_func ("/collections/edit-delete", test_collections_edit_delete);
  g_test_add_func ("/collections/from-selection", test_collections_from_selection);

  return ui_test_run ();
}
