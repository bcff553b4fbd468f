/* test-pathways.c: the Pathways page: import a pathway file, see its
 * progress change when a badge that does a step is imported, export it
 * again, turn a suggestion into a saved pathway; a screenshot of the
 * pathway page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "credence-store-pathways.h"
#include "ui-test-utils.h"

static CredenceApplication *app;

/* A file under tests/data, named by its path there. */
static GFile *
test_file (const char *path)
{
  g_autofree char *full = g_test_build_filename (G_TEST_DIST, "data", path, NULL);

  return g_file_new_for_path (full);
}

static gboolean
view_idle (gpointer data)
{
  return !credence_pathways_view_is_busy (data);
}

static void
wait_idle (CredencePathwaysView *view)
{
  ui_test_settle (50);
  ui_test_wait_for (view_idle, view, "the pathways to be read or saved");
  ui_test_settle (50);
}

static gboolean
import_finished (gpointer data)
{
  return !credence_window_is_importing (data);
}

static gboolean
one_step_complete (gpointer data)
{
  CredencePathwayProgress *progress = credence_pathways_view_get_progress (data);

  return !credence_pathways_view_is_busy (data) && progress != NULL &&
         credence_pathway_progress_get_n_complete (progress) == 1;
}

static CredencePathwayStep *
step_titled (CredencePathwayStep *step,
             const char          *title)
{
  if (g_strcmp0 (credence_pathway_step_get_title (step), title) == 0)
    return step;

  for (guint i = 0; i < credence_pathway_step_get_n_children (step); i++)
    {
      CredencePathwayStep *found = step_titled (credence_pathway_step_get_child (step, i), title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
set_url_map (void)
{
  g_autofree char *assets = g_test_build_filename (G_TEST_DIST, "data", "corpus",
                                                   "1edtech-dc-public-validator", "ob20", "assets", NULL);
  g_autofree char *url_map = g_strdup_printf ("https://example.org/=%s;http://example.org/=%s", assets, assets);

  /* The issuer's documents come from the corpus, not the network. */
  g_setenv ("CREDENCE_URL_MAP", url_map, TRUE);
}

static void
test_pathways_progress_after_import (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *shot = NULL;
  g_autofree char *exported_path = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) plan = test_file ("pathways/robotics.json");
  g_autoptr(GFile) bad = test_file ("pathways/invalid/match-empty.json");
  g_autoptr(GFile) exported = NULL;
  g_autoptr(CredencePathway) again = NULL;
  g_autoptr(GError) error = NULL;
  CredencePathwaysView *view;
  CredencePathwayProgress *progress;
  CredenceStorePathway *listed;
  CredencePathway *shown;
  CredenceWindow *window;

  set_url_map ();
  window = ui_test_open_window (app);
  view = credence_window_get_pathways_view (window);
  wait_idle (view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "pathways"));
  g_assert_cmpstr (credence_window_get_view_page_name (window), ==, "pathways");
  g_assert_cmpstr (credence_pathways_view_get_page_name (view), ==, "empty");

  /* A bad file changes nothing. */
  credence_pathways_view_import_file (view, bad);
  wait_idle (view);
  g_assert_cmpuint (credence_pathways_view_get_pathways (view)->len, ==, 0);
  g_assert_cmpstr (credence_pathways_view_get_page_name (view), ==, "empty");

  /* The plan is imported and opened: nothing done yet. */
  credence_pathways_view_import_file (view, plan);
  wait_idle (view);
  g_assert_cmpstr (credence_pathways_view_get_page_name (view), ==, "pathway");
  shown = credence_pathways_view_get_shown (view);
  g_assert_cmpstr (credence_pathway_get_title (shown), ==, "Robotics Club");
  progress = credence_pathways_view_get_progress (view);
  g_assert_cmpuint (credence_pathway_progress_get_n_steps (progress), ==, 2);
  g_assert_cmpuint (credence_pathway_progress_get_n_complete (progress), ==, 0);
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, "0 of 2 steps complete"));
  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, step_titled (credence_pathway_get_root (shown), "Robotics Badge")),
                   ==, CREDENCE_PATHWAY_STEP_STATE_OPEN);
  /* The steps as a tree: the group is an expander row holding its steps. */
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_EXPANDER_ROW, "Team Work — any 1 of 2"));
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW, "Lead a club session"));
  /* Importing a plan adds no badge. */
  g_assert_cmpuint (credence_library_get_n_badges (credence_window_get_library (window)), ==, 0);

  /* The badge that does the first step is imported: progress follows. */
  g_ptr_array_add (files, test_file ("corpus/1edtech-dc-public-validator/ob20/simple.jwt"));
  credence_window_import_files (window, files);
  ui_test_wait_for (import_finished, window, "the import");
  ui_test_wait_for (one_step_complete, view, "the pathway's progress to change");
  shown = credence_pathways_view_get_shown (view);
  progress = credence_pathways_view_get_progress (view);
  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, step_titled (credence_pathway_get_root (shown), "Robotics Badge")),
                   ==, CREDENCE_PATHWAY_STEP_STATE_DONE);
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, "1 of 2 steps complete"));
  wait_idle (view);
  listed = g_ptr_array_index (credence_pathways_view_get_pathways (view), 0);
  g_assert_cmpuint (listed->n_complete, ==, 1);
  g_assert_cmpuint (listed->percent, ==, 50);

  /* The "added" toast times out (5 s) so that it hides no step. */
  ui_test_settle (5500);
  shot = ui_test_save_screenshot (GTK_WIDGET (window), "pathway");

  /* Exported, the file reads back as the same plan. */
  exported_path = g_build_filename (dir, "exported-pathway.json", NULL);
  exported = g_file_new_for_path (exported_path);
  credence_pathways_view_export_file (view, exported);
  wait_idle (view);
  again = credence_pathway_new_from_file (exported, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credence_pathway_get_title (again), ==, "Robotics Club");
  g_assert_cmpuint (credence_pathway_count_steps (again), ==, credence_pathway_count_steps (shown));
  g_assert_cmpint (g_remove (exported_path), ==, 0);

  /* Back to the list: one pathway, half done. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pathways.back", NULL));
  g_assert_cmpstr (credence_pathways_view_get_page_name (view), ==, "list");
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW, "Robotics Club"));

  g_unsetenv ("CREDENCE_URL_MAP");
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

static gboolean
has_suggestions (gpointer data)
{
  return !credence_pathways_view_is_busy (data) && credence_pathways_view_get_suggestions (data) != NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_pathways_suggest (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  CredencePathwaysView *view;
  AdwMessageDialog *dialog;
  GtkEditable *title;
  GtkWidget *remove;
  GPtrArray *suggestions;
  CredenceWindow *window;
  guint n_steps;

  set_url_map ();
  window = ui_test_open_window (app);
  view = credence_window_get_pathways_view (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "pathways"));

  /* Two badges of different kinds from one issuer (checked offline). */
  g_ptr_array_add (files, test_file ("corpus/digitalcredentials-vc-test-fixtures/verifiableCredentials/v2/"
                                     "dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json"));
  g_ptr_array_add (files, test_file ("corpus/digitalcredentials-vc-test-fixtures/verifiableCredentials/v2/"
                                     "dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json"));
  credence_window_import_files (window, files);
  ui_test_wait_for (import_finished, window, "the import");
  wait_idle (view);
  g_assert_cmpuint (credence_library_get_n_badges (credence_window_get_library (window)), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pathways.suggest", NULL));
  ui_test_wait_for (has_suggestions, view, "the suggestions");
  suggestions = credence_pathways_view_get_suggestions (view);
  g_assert_cmpuint (suggestions->len, >=, 1);
  n_steps = credence_pathway_step_get_n_children (credence_pathway_get_root (g_ptr_array_index (suggestions, 0)));
  g_assert_cmpuint (n_steps, >=, 2);

  /* The first draft opens from the dialog, unsaved. */
  ui_test_wait_for (dialog_shown, NULL, "the suggestions dialog");
  dialog = ADW_MESSAGE_DIALOG (ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "open");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_idle (view);
  g_assert_true (credence_pathways_view_is_draft (view));
  g_assert_cmpstr (credence_pathways_view_get_page_name (view), ==, "pathway");
  g_assert_cmpuint (credence_pathways_view_get_pathways (view)->len, ==, 0);

  /* Edited (a step removed, renamed) and saved. */
  remove = find_by_tooltip (GTK_WIDGET (view), "Remove Step");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  wait_idle (view);
  g_assert_cmpuint (credence_pathway_step_get_n_children (credence_pathway_get_root (credence_pathways_view_get_shown (view))),
                    ==, n_steps - 1);
  title = GTK_EDITABLE (ui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_ENTRY_ROW, "Title"));
  g_assert_nonnull (title);
  gtk_editable_set_text (title, "My Robotics Plan");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pathway.save", NULL));
  wait_idle (view);
  g_assert_false (credence_pathways_view_is_draft (view));
  g_assert_cmpuint (credence_pathways_view_get_pathways (view)->len, ==, 1);
  g_assert_cmpstr (credence_pathway_get_title (credence_pathways_view_get_shown (view)), ==, "My Robotics Plan");
  g_assert_cmpuint (credence_pathway_step_get_n_children (credence_pathway_get_root (credence_pathways_view_get_shown (view))),
                    ==, n_steps - 1);

  g_unsetenv ("CREDENCE_URL_MAP");
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add_func ("/pathways/progress-after-import", test_pathways_progress_after_import);
  g_test_add_func ("/pathways/suggest", test_pathways_suggest);

  return ui_test_run ();
}
