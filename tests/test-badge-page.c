/* test-badge-page.c: opening a badge shows its checks; checking it again
 * (against the issuers' documents served from tests/data) records the
 * verdict, updates the page and the card, and keeps the history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ui-test-utils.h"

static CredenceApplication *app;

static gboolean
not_checking (gpointer data)
{
  return !credence_window_is_checking (data);
}

static gboolean
badge_read (gpointer data)
{
  const CredenceStoreBadge *shown = credence_window_get_shown_badge (data);
  CredenceBadgeItem *item = credence_badge_page_get_item (credence_window_get_badge_page (data));

  return shown != NULL && item != NULL && g_strcmp0 (shown->uid, credence_badge_item_get_uid (item)) == 0;
}

/* Opens the badge, checks it again online and returns its page. */
static CredenceBadgePage *
open_and_check (CredenceWindow *window,
                const char     *uid,
                const char     *shot)
{
  CredenceBadgePage *page = credence_window_get_badge_page (window);
  g_autofree char *path = NULL;
  const CredenceStoreBadge *shown;

  credence_window_show_badge (window, uid);
  ui_test_wait_for (badge_read, window, "the badge to be read");
  g_assert_cmpstr (credence_badge_page_get_verdict_title (page), ==, "Not Checked");
  g_assert_cmpuint (credence_badge_page_get_n_check_rows (page), ==, 0);
  g_assert_cmpuint (credence_window_get_shown_badge (window)->history != NULL
                    ? credence_window_get_shown_badge (window)->history->len : 0, ==, 0);

  /* Ctrl+R's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-again", NULL));
  g_assert_true (credence_window_is_checking (window));
  ui_test_wait_for (not_checking, window, "the check");
  ui_test_settle (100);
  ui_test_wait_for (badge_read, window, "the badge to be read again");

  /* The result is in the collection's history and on the page. */
  shown = credence_window_get_shown_badge (window);
  g_assert_nonnull (shown->history);
  g_assert_cmpuint (shown->history->len, ==, 1);
  g_assert_cmpuint (credence_badge_page_get_n_check_rows (page), >, 2);

  ui_test_settle (300);
  path = ui_test_save_screenshot (GTK_WIDGET (window), shot);

  return page;
}

static void
test_badge_page_check_again (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *assets = g_test_build_filename (G_TEST_DIST, "data", "corpus",
                                                   "1edtech-dc-public-validator", "ob20", "assets", NULL);
  g_autofree char *url_map = g_strdup_printf ("https://example.org/=%s;http://example.org/=%s", assets, assets);
  g_autofree char *valid_uid = NULL;
  g_autofree char *revoked_uid = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  CredenceWindow *window;
  CredenceBadgePage *page;
  CredenceBadgeItem *item;
  GtkWidget *expander;

  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);

    valid_uid = ui_test_add_corpus_badge (store, "1edtech-dc-public-validator/ob20/simple.jwt");
    revoked_uid = ui_test_add_corpus_badge (store, "1edtech-dc-public-validator/ob20/simple-revoked.jwt");
  }

  /* The issuer's documents come from tests/data, never the network. */
  g_setenv ("CREDENCE_URL_MAP", url_map, TRUE);

  /* Tall enough for the screenshots to show the verification. */
  g_settings_set_int (settings, "window-height", 1000);
  window = ui_test_open_window (app);

  page = open_and_check (window, valid_uid, "detail-valid");
  item = credence_window_get_library (window) != NULL
         ? credence_library_lookup (credence_window_get_library (window), valid_uid) : NULL;
  g_assert_nonnull (item);
  g_assert_cmpint (credence_badge_item_get_status (item), ==, CREDENCE_BADGE_STATUS_VALID);
  g_assert_cmpstr (credence_badge_page_get_verdict_title (page), ==, "Valid");
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (page), ADW_TYPE_PREFERENCES_GROUP, NULL));
  g_assert_null (ui_test_find_widget (GTK_WIDGET (page), ADW_TYPE_EXPANDER_ROW, "Signature"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));

  /* A revoked badge: Problem Found, its failed check open with the
   * learner's explanation.
   */
  page = open_and_check (window, revoked_uid, "detail-revoked");
  item = credence_library_lookup (credence_window_get_library (window), revoked_uid);
  g_assert_cmpint (credence_badge_item_get_status (item), ==, CREDENCE_BADGE_STATUS_PROBLEM);
  g_assert_cmpstr (credence_badge_item_get_reason (item), ==, "revoked");
  g_assert_cmpstr (credence_badge_page_get_verdict_title (page), ==, "Problem Found");
  expander = ui_test_find_widget (GTK_WIDGET (page), ADW_TYPE_EXPANDER_ROW, "Revocation");
  g_assert_nonnull (expander);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==, "Revoked by Issuer");

  /* It needs attention now; the valid one does not. */
  {
    GListModel *attention = credence_library_get_attention (credence_window_get_library (window));
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (attention); i++)
      {
        g_autoptr(CredenceBadgeItem) other = g_list_model_get_item (attention, i);
        found |= other == item;
        g_assert_cmpstr (credence_badge_item_get_uid (other), !=, valid_uid);
      }
    g_assert_true (found);
  }

  g_unsetenv ("CREDENCE_URL_MAP");
  ui_test_close_window (window);
  g_settings_reset (settings, "window-height");
  ui_test_remove_data_dir (dir);
}

static void
test_badge_page_remove_undo (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *uid = NULL;
  CredenceWindow *window;
  CredenceLibrary *library;

  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);
    uid = ui_test_add_corpus_badge (store, "1edtech-dc-public-validator/ob20/simple.jwt");
  }

  window = ui_test_open_window (app);
  library = credence_window_get_library (window);
  credence_window_show_badge (window, uid);
  ui_test_wait_for (badge_read, window, "the badge to be read");

  /* Delete hides it at once; the collection keeps it until the toast goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-badge", NULL));
  g_assert_null (credence_library_lookup (library, uid));
  g_assert_cmpstr (credence_window_get_view_page_name (window), ==, "welcome");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CredenceStoreBadge) still = credence_store_get_badge (credence_window_get_store (window), uid, &error);
    g_assert_no_error (error);
    g_assert_nonnull (still);
  }

  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add_func ("/badge-page/check-again", test_badge_page_check_again);
  g_test_add_func ("/badge-page/remove", test_badge_page_remove_undo);

  return ui_test_run ();
}
