/* test-import.c: importing real corpus files adds them to the collection
 * and the grid with the verdict of their check; a picture without badge
 * data is not added and says why; importing again finds the duplicate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ui-test-utils.h"

static CredenceApplication *app;

static gboolean
import_finished (gpointer data)
{
  return !credence_window_is_importing (data);
}

static gboolean
library_has (gpointer data)
{
  CredenceWindow *window = data;

  return credence_library_get_n_badges (credence_window_get_library (window)) == 2 &&
         !credence_library_is_busy (credence_window_get_library (window));
}

static GFile *
corpus_file (const char *path)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", "corpus", path, NULL);

  return g_file_new_for_path (file);
}

static CredenceImportResult *
result_for (GPtrArray  *results,
            const char *source)
{
  for (guint i = 0; i < results->len; i++)
    {
      CredenceImportResult *result = g_ptr_array_index (results, i);

      g_autofree char *name = g_path_get_basename (result->source);

      if (g_strcmp0 (name, source) == 0)
        return result;
    }

  g_error ("No import result for %s", source);
}

static void
test_import_files (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *assets = g_test_build_filename (G_TEST_DIST, "data", "corpus",
                                                   "1edtech-dc-public-validator", "ob20", "assets", NULL);
  g_autofree char *url_map = g_strdup_printf ("https://example.org/=%s;http://example.org/=%s", assets, assets);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *shot = NULL;
  g_autofree char *explanation = NULL;
  CredenceImportResult *result;
  CredenceWindow *window;
  GPtrArray *results;
  GtkWindow *details;
  GtkWidget *row;

  g_setenv ("CREDENCE_URL_MAP", url_map, TRUE);
  window = ui_test_open_window (app);
  g_assert_cmpstr (credence_window_get_view_page_name (window), ==, "welcome");

  g_ptr_array_add (files, corpus_file ("1edtech-dc-public-validator/ob20/simple.jwt"));
  g_ptr_array_add (files, corpus_file ("1edtech-dc-public-validator/ob20/simple-revoked.jwt"));
  g_ptr_array_add (files, corpus_file ("1edtech-openbadges-validator-core/public_domain_heart.png"));
  credence_window_import_files (window, files);
  g_assert_true (credence_window_is_importing (window));
  ui_test_wait_for (import_finished, window, "the import");

  results = credence_window_get_import_results (window);
  g_assert_nonnull (results);
  g_assert_cmpuint (results->len, ==, 3);
  g_assert_cmpint (result_for (results, "simple.jwt")->status, ==, CREDENCE_IMPORT_ADDED);
  result = result_for (results, "simple-revoked.jwt");
  g_assert_cmpint (result->status, ==, CREDENCE_IMPORT_ADDED);
  g_assert_cmpint (credence_verification_get_verdict (result->verification), ==, CREDENCE_VERDICT_INVALID);
  explanation = credence_window_explain_import_result (result);
  g_assert_true (g_str_has_prefix (explanation, "Revoked by Issuer — "));
  g_clear_pointer (&explanation, g_free);
  result = result_for (results, "public_domain_heart.png");
  g_assert_cmpint (result->status, ==, CREDENCE_IMPORT_REJECTED);
  g_assert_null (result->badge_uid);
  g_assert_cmpstr (result->reason, ==, "not-a-badge");
  explanation = credence_window_explain_import_result (result);
  g_assert_true (g_str_has_prefix (explanation, "No Badge Found — There is no badge data"));
  g_test_message ("Not added: %s", explanation);

  /* The summary says so, and Details lists each with the reason. */
  g_assert_cmpstr (credence_window_get_last_message (window), ==, "2 badges added, 1 not added");
  details = credence_window_show_import_details (window);
  g_assert_nonnull (details);
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (details), ADW_TYPE_PREFERENCES_GROUP, NULL));
  row = ui_test_find_widget (GTK_WIDGET (details), ADW_TYPE_ACTION_ROW, "public_domain_heart.png");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, explanation);
  gtk_window_destroy (details);
  g_clear_pointer (&explanation, g_free);

  /* The two badges are in the grid, with their verdicts. */
  ui_test_wait_for (library_has, window, "the grid to show the new badges");
  g_assert_cmpstr (credence_window_get_view_page_name (window), ==, "grid");
  ui_test_settle (500);
  shot = ui_test_save_screenshot (GTK_WIDGET (window), "imported");
  g_assert_cmpint (credence_badge_item_get_status (credence_library_lookup (credence_window_get_library (window),
                                                                            result_for (results, "simple.jwt")->badge_uid)),
                   ==, CREDENCE_BADGE_STATUS_VALID);
  g_assert_cmpint (credence_badge_item_get_status (credence_library_lookup (credence_window_get_library (window),
                                                                            result_for (results, "simple-revoked.jwt")->badge_uid)),
                   ==, CREDENCE_BADGE_STATUS_PROBLEM);

  /* Again: already there, nothing duplicated. */
  g_ptr_array_set_size (files, 0);
  g_ptr_array_add (files, corpus_file ("1edtech-dc-public-validator/ob20/simple.jwt"));
  credence_window_import_files (window, files);
  ui_test_wait_for (import_finished, window, "the import");
  results = credence_window_get_import_results (window);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpint (result_for (results, "simple.jwt")->status, ==, CREDENCE_IMPORT_DUPLICATE);
  ui_test_settle (300);
  g_assert_cmpuint (credence_library_get_n_badges (credence_window_get_library (window)), ==, 2);

  g_unsetenv ("CREDENCE_URL_MAP");
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

static gboolean
four_badges (gpointer data)
{
  CredenceLibrary *library = credence_window_get_library (data);

  return credence_library_get_n_badges (library) == 4 && !credence_library_is_busy (library);
}

static gboolean
store_empty (gpointer data)
{
  return credence_store_count_badges (credence_window_get_store (data), NULL) == 0;
}

static void
test_import_samples (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *shot = NULL;
  CredenceWindow *window;
  CredenceLibrary *library;
  GListModel *badges;
  guint valid = 0, problems = 0;
  GPtrArray *results;

  window = ui_test_open_window (app);
  library = credence_window_get_library (window);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-samples", NULL) &&
                  credence_library_get_n_badges (library) > 0);

  /* The first-run button adds the bundled samples, checked offline. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-samples", NULL));
  ui_test_wait_for (import_finished, window, "the samples");
  results = credence_window_get_import_results (window);
  g_assert_cmpuint (results->len, ==, 4);
  for (guint i = 0; i < results->len; i++)
    {
      CredenceImportResult *r = g_ptr_array_index (results, i);
      g_test_message ("sample %s: %s %s %s", r->source, credence_import_status_to_string (r->status),
                      r->name, r->message);
      g_assert_cmpint (r->status, !=, CREDENCE_IMPORT_REJECTED);
    }

  ui_test_wait_for (four_badges, window, "the samples in the grid");
  badges = credence_library_get_badges (library);
  for (guint i = 0; i < g_list_model_get_n_items (badges); i++)
    {
      g_autoptr(CredenceBadgeItem) item = g_list_model_get_item (badges, i);

      g_assert_true (credence_badge_item_get_sample (item));
      valid += credence_badge_item_get_status (item) == CREDENCE_BADGE_STATUS_VALID;
      problems += credence_badge_item_get_status (item) == CREDENCE_BADGE_STATUS_PROBLEM;
    }
  g_assert_cmpuint (valid, ==, 2);
  g_assert_cmpuint (problems, ==, 1);
  ui_test_settle (800);
  shot = ui_test_save_screenshot (GTK_WIDGET (window), "samples");

  /* The expired one and the one that could not be checked need attention. */
  g_assert_cmpuint (g_list_model_get_n_items (credence_library_get_attention (library)), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "attention"));
  g_assert_cmpstr (credence_window_get_view_page_name (window), ==, "attention-grid");
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "2"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "all"));

  /* One click takes them out again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-samples", NULL));
  g_assert_cmpuint (credence_library_get_n_badges (library), ==, 0);
  ui_test_wait_for (store_empty, window, "the samples to be deleted");
  ui_test_settle (300);
  g_assert_cmpstr (credence_window_get_view_page_name (window), ==, "welcome");

  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

static gboolean
store_has_two (gpointer data)
{
  return credence_store_count_badges (credence_window_get_store (data), NULL) == 2;
}

static void
copy_corpus_file (const char *path,
                  const char *folder)
{
  g_autoptr(GFile) source = corpus_file (path);
  g_autofree char *name = g_file_get_basename (source);
  g_autofree char *target_path = g_build_filename (folder, name, NULL);
  g_autoptr(GFile) target = g_file_new_for_path (target_path);
  g_autoptr(GError) error = NULL;

  g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* A folder is searched for badges; Cancel stops an import at once and
 * keeps nothing half-written.
 */
static void
test_import_folder_cancel (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *folder = g_dir_make_tmp ("credence-folder-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (folder, "more", NULL);
  g_autofree char *assets = g_test_build_filename (G_TEST_DIST, "data", "corpus",
                                                   "1edtech-dc-public-validator", "ob20", "assets", NULL);
  g_autofree char *url_map = g_strdup_printf ("https://example.org/=%s;http://example.org/=%s", assets, assets);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  CredenceWindow *window;
  GPtrArray *results;
  guint counts[5] = { 0 };

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  copy_corpus_file ("1edtech-dc-public-validator/ob20/simple.jwt", folder);
  copy_corpus_file ("1edtech-dc-public-validator/ob20/simple-revoked.jwt", sub);
  copy_corpus_file ("1edtech-openbadges-validator-core/public_domain_heart.png", sub);

  g_setenv ("CREDENCE_URL_MAP", url_map, TRUE);
  window = ui_test_open_window (app);

  /* Cancelled at once: nothing is added, and the toast says so. */
  g_ptr_array_add (files, g_file_new_for_path (folder));
  credence_window_import_files (window, files);
  g_assert_true (credence_window_is_importing (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-import", NULL));
  ui_test_wait_for (import_finished, window, "the cancelled import");
  g_assert_cmpstr (credence_window_get_last_message (window), ==, "Import cancelled; 0 badges added");
  g_assert_cmpint (credence_store_count_badges (credence_window_get_store (window), NULL), ==, 0);

  /* Again, to the end: the files of the folder and its subfolder. */
  credence_window_import_files (window, files);
  ui_test_wait_for (import_finished, window, "the folder import");
  results = credence_window_get_import_results (window);
  g_assert_cmpuint (results->len, ==, 3);
  for (guint i = 0; i < results->len; i++)
    counts[((CredenceImportResult *)g_ptr_array_index (results, i))->status]++;
  g_assert_cmpuint (counts[CREDENCE_IMPORT_ADDED], ==, 2);
  g_assert_cmpuint (counts[CREDENCE_IMPORT_REJECTED], ==, 1);
  ui_test_wait_for (store_has_two, window, "the badges in the collection");

  g_unsetenv ("CREDENCE_URL_MAP");
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
  {
    g_autofree char *a = g_build_filename (folder, "simple.jwt", NULL);
    g_autofree char *b = g_build_filename (sub, "simple-revoked.jwt", NULL);
    g_autofree char *c = g_build_filename (sub, "public_domain_heart.png", NULL);

    g_assert_cmpint (g_remove (a) | g_remove (b) | g_remove (c) | g_rmdir (sub) | g_rmdir (folder), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add_func ("/import/files", test_import_files);
  g_test_add_func ("/import/samples", test_import_samples);
  g_test_add_func ("/import/folder-cancel", test_import_folder_cancel);

  return ui_test_run ();
}
