/* test-check.c: Check a Badge verifies a file someone sent without adding
 * it, with the same verification card as the badge page; Add to My
 * Badges adds it; a picture without badge data and a missing file say
 * what is wrong; offline, it says which checks did not run; Save Report…
 * writes what `credence-cli verify --json` prints, and says inline when
 * it cannot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

#include "credence-check-window.h"
#include "credence-test-utils.h"
#include "ui-test-utils.h"

static CredenceApplication *app;

static char *
corpus_path (const char *path)
{
  return g_test_build_filename (G_TEST_DIST, "data", "corpus", path, NULL);
}

static CredenceCheckWindow *
find_check_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (CREDENCE_IS_CHECK_WINDOW (toplevel))
        return CREDENCE_CHECK_WINDOW (toplevel);
    }

  return NULL;
}

static gboolean
check_done (gpointer data)
{
  return !credence_check_window_is_checking (data);
}

static gboolean
import_finished (gpointer data)
{
  return !credence_window_is_importing (data);
}

static guint
count_badges (CredenceWindow *window)
{
  g_autoptr(GError) error = NULL;
  guint n = credence_store_count_badges (credence_window_get_store (window), &error);

  g_assert_no_error (error);
  return n;
}

static const char *
card_description (CredenceVerificationCard *card)
{
  GtkWidget *group = ui_test_find_widget (GTK_WIDGET (card), ADW_TYPE_PREFERENCES_GROUP, NULL);

  g_assert_nonnull (group);
  return adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));
}

static void
close_check_window (CredenceCheckWindow *check)
{
  g_object_add_weak_pointer (G_OBJECT (check), (gpointer *)&check);
  gtk_window_destroy (GTK_WINDOW (check));
  ui_test_settle (50);
  g_assert_null (check);
}

static void
test_check_file (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *assets = corpus_path ("1edtech-dc-public-validator/ob20/assets");
  g_autofree char *url_map = g_strdup_printf ("https://example.org/=%s;http://example.org/=%s", assets, assets);
  g_autofree char *valid = corpus_path ("1edtech-dc-public-validator/ob20/simple.jwt");
  g_autofree char *picture = corpus_path ("1edtech-openbadges-validator-core/public_domain_heart.png");
  g_autofree char *shot = NULL;
  CredenceCheckWindow *check;
  CredenceVerificationCard *card;
  CredenceWindow *window;
  GtkWidget *row;

  g_setenv ("CREDENCE_URL_MAP", url_map, TRUE);
  window = ui_test_open_window (app);
  g_assert_cmpuint (count_badges (window), ==, 0);

  /* app.check, as Ctrl+Shift+O and credence --check FILE open it. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "check", g_variant_new_string (valid));
  check = find_check_window ();
  g_assert_nonnull (check);
  g_assert_true (credence_check_window_is_checking (check));
  ui_test_wait_for (check_done, check, "the check");
  g_assert_cmpstr (credence_check_window_get_page_name (check), ==, "result");

  /* The badge page's card, with the same verdict and checks. */
  card = credence_check_window_get_card (check);
  g_assert_nonnull (card);
  g_assert_cmpstr (credence_verification_card_get_verdict_title (card), ==, "Valid");
  g_assert_cmpuint (credence_verification_card_get_n_check_rows (card), >, 2);
  g_assert_cmpstr (card_description (card), ==, "Checked just now.");
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (check), GTK_TYPE_LABEL, "Nothing is saved."));

  /* Its recipient is hashed: the sender can test an address. */
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (check), GTK_TYPE_BUTTON, "_Test an Address…"));
  g_assert_false (credence_check_window_test_address (check, "someone@example.org"));
  row = ui_test_find_widget (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW, "Issued To");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "“someone@example.org”: Does not match");
  g_assert_true (credence_check_window_test_address (check, " nobody@example.org "));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "“nobody@example.org”: Matches");

  /* Checking added nothing. */
  ui_test_settle (300);
  g_assert_cmpuint (count_badges (window), ==, 0);
  g_assert_cmpuint (credence_library_get_n_badges (credence_window_get_library (window)), ==, 0);

  gtk_window_set_default_size (GTK_WINDOW (check), 600, 900);
  ui_test_settle (400);
  shot = ui_test_save_screenshot (GTK_WIDGET (check), "check-result");

  /* Add to My Badges does add it, through the main window's import. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (check), "win.add-to-collection", NULL));
  ui_test_wait_for (import_finished, window, "the import");
  g_assert_cmpuint (count_badges (window), ==, 1);
  g_assert_cmpstr (credence_window_get_last_message (window), ==, "“Awesome Robotics Badge” added");

  /* A picture without badge data: Problem Found, the reason explained,
   * with the fix, and nothing to add.
   */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (check), "win.check-another", NULL));
  g_assert_cmpstr (credence_check_window_get_page_name (check), ==, "start");
  credence_check_window_check_source (check, picture);
  ui_test_wait_for (check_done, check, "the check of the picture");
  card = credence_check_window_get_card (check);
  g_assert_cmpstr (credence_verification_card_get_verdict_title (card), ==, "Problem Found");
  row = ui_test_find_widget (GTK_WIDGET (card), ADW_TYPE_EXPANDER_ROW, NULL);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "No Badge Found");
  g_assert_nonnull (ui_test_find_widget (row, GTK_TYPE_BUTTON, "Add From _Link…"));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (check), "win.add-to-collection", NULL) &&
                  count_badges (window) != 1);
  g_assert_cmpuint (count_badges (window), ==, 1);

  /* A file that is not there: the error page says so. */
  credence_check_window_check_source (check, "/nonexistent/badge.png");
  ui_test_wait_for (check_done, check, "the check of a missing file");
  g_assert_cmpstr (credence_check_window_get_page_name (check), ==, "error");
  g_assert_nonnull (credence_check_window_get_error (check));
  g_test_message ("Missing file: %s", credence_check_window_get_error (check));

  close_check_window (check);
  g_unsetenv ("CREDENCE_URL_MAP");
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

static gboolean
save_done (gpointer data)
{
  return !credence_check_window_is_saving (data);
}

typedef struct
{
  CredenceCheckWindow *check;
  const char          *path;
} ReportWait;

/* Written whole (it is renamed into place) and the window knows it. */
static gboolean
report_written (gpointer data)
{
  ReportWait *wait = data;

  return g_file_test (wait->path, G_FILE_TEST_EXISTS) && !credence_check_window_is_saving (wait->check);
}

static JsonObject *
parse_report (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Save Report… through the file chooser: the file holds the line
 * `credence-cli verify --json` prints for the badge, with the verdict the
 * window shows; a folder that is not there is said above the result.
 */
static void
test_check_save_report (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *out_dir = credence_test_make_temp_dir ();
  g_autofree char *assets = corpus_path ("1edtech-dc-public-validator/ob20/assets");
  g_autofree char *url_map = g_strdup_printf ("https://example.org/=%s;http://example.org/=%s", assets, assets);
  g_autofree char *valid = corpus_path ("1edtech-dc-public-validator/ob20/simple.jwt");
  g_autofree char *saved_path = g_build_filename (out_dir, "simple-report.json", NULL);
  g_autofree char *saved = NULL, *cli_out = NULL, *cli_err = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (out_dir);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent/folder/report.json");
  g_autoptr(JsonObject) report = NULL, cli_report = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli_args[] = { "verify", "--json", valid, NULL };
  CredenceCheckWindow *check;
  CredenceWindow *window;
  GtkWindow *chooser;
  ReportWait wait;

  g_setenv ("CREDENCE_URL_MAP", url_map, TRUE);
  window = ui_test_open_window (app);
  g_action_group_activate_action (G_ACTION_GROUP (app), "check", g_variant_new_string (valid));
  check = find_check_window ();
  ui_test_wait_for (check_done, check, "the check");
  g_assert_cmpstr (credence_check_window_get_page_name (check), ==, "result");
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (check), GTK_TYPE_BUTTON, "Save _Report…"));

  /* The chooser (GtkFileChooserNative: a dialog here, without portals)
   * suggests a name after the badge file.
   */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (check), "win.save-report", NULL));
  ui_test_settle (200);
  chooser = ui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser)), ==, "simple-report.json");
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error));
  g_assert_no_error (error);
  ui_test_settle (200);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait.check = check;
  wait.path = saved_path;
  ui_test_wait_for (report_written, &wait, "the report to be written");
  g_assert_null (credence_check_window_get_save_error (check));

  /* The same report as the command line's, bar the time it took. */
  g_assert_true (g_file_get_contents (saved_path, &saved, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (saved, "}\n"));
  report = parse_report (saved);
  g_assert_cmpstr (json_object_get_string_member (report, "verdict"), ==, "valid");
  g_assert_cmpstr (credence_verification_card_get_verdict_title (credence_check_window_get_card (check)), ==, "Valid");
  g_assert_cmpint (credence_test_run_cli (NULL, cli_args, &cli_out, &cli_err), ==, 0);
  cli_report = parse_report (cli_out);
  json_object_remove_member (report, "ms");
  json_object_remove_member (cli_report, "ms");
  json_object_remove_member (report, "source");
  json_object_remove_member (cli_report, "source");
  {
    g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), report);
    g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), cli_report);

    g_assert_true (json_node_equal (a, b));
  }

  /* A folder that is not there: said above the result, nothing else. */
  credence_check_window_save_report (check, nowhere);
  g_assert_true (credence_check_window_is_saving (check));
  ui_test_wait_for (save_done, check, "the failed write");
  g_assert_nonnull (credence_check_window_get_save_error (check));
  g_assert_true (g_str_has_prefix (credence_check_window_get_save_error (check), "The report could not be saved: "));
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (check), GTK_TYPE_LABEL,
                                         credence_check_window_get_save_error (check)));
  g_assert_cmpstr (credence_check_window_get_page_name (check), ==, "result");

  close_check_window (check);
  g_unsetenv ("CREDENCE_URL_MAP");
  ui_test_close_window (window);
  g_assert_cmpint (g_remove (saved_path), ==, 0);
  credence_test_remove_tree (out_dir);
  ui_test_remove_data_dir (dir);
}

static void
test_check_offline (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *valid = corpus_path ("1edtech-dc-public-validator/ob20/simple.jwt");
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  CredenceCheckWindow *check;
  CredenceVerificationCard *card;
  CredenceWindow *window;

  window = ui_test_open_window (app);
  g_settings_set_boolean (settings, "work-offline", TRUE);

  /* Offline, the issuer's key cannot be fetched: the card says which
   * checks did not run, and the verdict is not Valid.
   */
  g_action_group_activate_action (G_ACTION_GROUP (app), "check", g_variant_new_string (valid));
  check = find_check_window ();
  ui_test_wait_for (check_done, check, "the offline check");
  g_assert_cmpstr (credence_check_window_get_page_name (check), ==, "result");
  card = credence_check_window_get_card (check);
  g_test_message ("Offline: %s — %s", credence_verification_card_get_verdict_title (card), card_description (card));
  g_assert_cmpstr (credence_verification_card_get_verdict_title (card), !=, "Valid");
  g_assert_true (g_str_has_prefix (card_description (card), "Checked just now, offline"));
  g_assert_cmpuint (credence_verification_card_get_n_not_checked (card), >, 0);
  g_assert_cmpuint (count_badges (window), ==, 0);

  g_settings_reset (settings, "work-offline");
  close_check_window (check);
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, out, NULL, &error);
  g_assert_no_error (error);
  if (*out == NULL)
    *out = g_strdup ("");
}

/* credence --check FILE, run while Credence runs: the running instance
 * opens Check a Badge on the file (the relative path made absolute).
 */
static void
test_check_command_line (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *folder = corpus_path ("1edtech-dc-public-validator/ob20");
  const char *argv[] = { g_getenv ("CREDENCE_APP"), "--check", "simple.jwt", NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  CredenceCheckWindow *check;
  CredenceWindow *window;

  g_assert_nonnull (argv[0]);
  window = ui_test_open_window (app);
  g_assert_null (find_check_window ());

  /* Not g_spawn_sync(): the new process asks this one, over D-Bus, for
   * its actions, so this one must keep running its main loop.
   */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_cwd (launcher, folder);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &out);
  while (out == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("credence --check: %s", out);
  g_assert_true (g_subprocess_get_successful (process));

  while ((check = find_check_window ()) == NULL)
    g_main_context_iteration (NULL, TRUE);
  ui_test_wait_for (check_done, check, "the check");
  g_assert_cmpstr (credence_check_window_get_page_name (check), ==, "result");
  g_assert_nonnull (credence_check_window_get_card (check));
  g_assert_cmpuint (count_badges (window), ==, 0);

  close_check_window (check);
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add_func ("/check/file", test_check_file);
  g_test_add_func ("/check/save-report", test_check_save_report);
  g_test_add_func ("/check/offline", test_check_offline);
  g_test_add_func ("/check/command-line", test_check_command_line);

  return ui_test_run ();
}
