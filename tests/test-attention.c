/* test-attention.c: Needs Attention groups the badges by why they need it,
 * under a header per group, and opens a badge from its row; a row's Check
 * Again and Check All Again check badges again against their issuer (a
 * loopback server) and the rows move to their new group; the Working
 * Offline bar follows the setting, and its Go Online turns it off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "credence-attention-list.h"
#include "credence-store.h"
#include "credence-test-server.h"
#include "credence-test-utils.h"
#include "ui-test-utils.h"

static CredenceApplication *app;

/* A badge as the store keeps it, made up: only the grouping is tested. */
static char *
add_badge (CredenceStore *store,
           const char    *name)
{
  g_autoptr(CredenceStoreBadge) badge = credence_store_badge_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"name\": \"%s\"}", name);

  badge->credential_id = g_strdup_printf ("https://example.org/assertions/%s", name);
  badge->container = g_strdup ("json");
  badge->spec_version = g_strdup ("2.0");
  badge->payload = g_bytes_new (json, strlen (json));
  badge->original = g_bytes_ref (badge->payload);
  badge->name = g_strdup (name);
  badge->issuer_name = g_strdup ("Example University");
  badge->issued_on = g_strdup ("2024-01-01T00:00:00Z");
  credence_store_add_badge (store, badge, &error);
  g_assert_no_error (error);

  return g_strdup (badge->uid);
}

static void
set_verdict (CredenceStore *store,
             const char    *uid,
             const char    *verdict,
             const char    *reason)
{
  g_autoptr(CredenceStoreVerification) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = credence_store_verification_new (g_get_real_time () / G_USEC_PER_SEC, TRUE, verdict, reason, NULL);
  g_assert_true (credence_store_add_verification (store, uid, entry, NULL, NULL, &error));
  g_assert_no_error (error);
}

typedef struct
{
  CredenceWindow *window;
  guint           n;
} RowsWait;

static gboolean
rows_ready (gpointer data)
{
  RowsWait *wait = data;
  CredenceAttentionList *list = credence_window_get_attention_list (wait->window);


  return g_list_model_get_n_items (credence_attention_list_get_rows (list)) == wait->n;
}

static void
test_attention_groups (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *revoked = NULL, *expired = NULL, *problem = NULL;
  g_autofree char *couldnt = NULL, *unchecked = NULL, *valid = NULL;
  g_autofree char *shot = NULL;
  static const char * const headers[] = {
    "Revoked by Issuer", "Expired", "Problem Found", "Couldn’t Check", "Not Checked Recently",
  };
  CredenceAttentionList *list;
  CredenceWindow *window;
  GListModel *rows;
  RowsWait wait;
  guint header = 0;

  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);

    revoked = add_badge (store, "simple");
    expired = add_badge (store, "simple-revoked");
    problem = add_badge (store, "basic-assertion");
    couldnt = add_badge (store, "basic-assertion-expired");
    unchecked = add_badge (store, "simple-not-revoked");
    valid = add_badge (store, "basic-assertion-with-language");
    set_verdict (store, revoked, "invalid", "revoked");
    set_verdict (store, expired, "invalid", "expired");
    set_verdict (store, problem, "invalid", "bad-signature");
    set_verdict (store, couldnt, "indeterminate", "unreachable");
    set_verdict (store, valid, "valid", NULL);
  }

  window = ui_test_open_window (app);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "attention"));

  /* Five groups of one: a header and a row each; the valid badge is not
   * there.
   */
  list = credence_window_get_attention_list (window);
  wait.window = window;
  wait.n = 10;
  ui_test_wait_for (rows_ready, &wait, "the grouped rows");
  rows = credence_attention_list_get_rows (list);
  g_assert_cmpstr (credence_window_get_view_page_name (window), ==, "attention-grid");
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (rows, i);

      if (i % 2 == 0)
        {
          g_assert_true (GTK_IS_STRING_OBJECT (row));
          g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (row)), ==, headers[header]);
          g_assert_cmpuint (credence_attention_list_get_n_in_group (list, header), ==, 1);
          header++;
        }
      else
        {
          const char *expected[] = { revoked, expired, problem, couldnt, unchecked };

          g_assert_true (CREDENCE_IS_BADGE_ITEM (row));
          g_assert_cmpstr (credence_badge_item_get_uid (CREDENCE_BADGE_ITEM (row)), ==, expected[i / 2]);
        }
    }

  /* The header is drawn: its label is in the list. */
  ui_test_settle (500);
  g_assert_cmpstr (credence_window_get_view_page_name (window), ==, "attention-grid");
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (list), GTK_TYPE_LABEL, "Revoked by Issuer"));
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (list), GTK_TYPE_LABEL, "Not Checked Recently"));
  shot = ui_test_save_screenshot (GTK_WIDGET (window), "needs-attention");

  /* A badge that changes moves to its new group, and the empty group's
   * header goes.
   */
  {
    CredenceBadgeItem *item = credence_library_lookup (credence_window_get_library (window), unchecked);

    credence_badge_item_set_reason (item, "revoked");
    credence_badge_item_set_status (item, CREDENCE_BADGE_STATUS_PROBLEM);
    wait.n = 9;
    ui_test_wait_for (rows_ready, &wait, "the regrouped rows");
    g_assert_cmpuint (credence_attention_list_get_n_in_group (list, CREDENCE_ATTENTION_REVOKED), ==, 2);
    g_assert_cmpuint (credence_attention_list_get_n_in_group (list, CREDENCE_ATTENTION_NOT_CHECKED), ==, 0);
  }

  /* Activating a badge's row opens it. */
  g_signal_emit_by_name (ui_test_find_widget (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW, NULL), "activate", 1);
  g_assert_nonnull (credence_badge_page_get_item (credence_window_get_badge_page (window)));
  g_assert_cmpstr (credence_badge_item_get_uid (credence_badge_page_get_item (credence_window_get_badge_page (window))),
                   ==, revoked);

  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

static gboolean
check_finished (gpointer data)
{
  CredenceWindow *window = data;

  return credence_attention_list_get_progress_text (credence_window_get_attention_list (window)) == NULL;
}

/* The first button labelled @label that is on screen under @root. */
static GtkWidget *
find_shown_button (GtkWidget  *root,
                   const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
assert_stored (CredenceWindow *window,
               const char     *uid,
               const char     *verdict,
               const char     *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceStoreBadge) stored = credence_store_get_badge (credence_window_get_store (window), uid, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (stored->verdict, ==, verdict);
  g_assert_cmpstr (stored->reason, ==, reason);
}

/* A row's Check Again and the page's Check All Again check the badges
 * again against their issuer (a loopback server), and the rows move to
 * the group of their new result as the results arrive.
 */
static void
test_attention_check_all (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *tmp = credence_test_make_temp_dir ();
  g_autofree char *input = g_build_filename (tmp, "input", NULL);
  g_autofree char *site = NULL, *map = NULL, *revoked_map = NULL;
  g_autofree char *shot = NULL;
  TestServer *server = test_server_new ();
  const char *base = test_server_get_base (server);
  char *uids[3] = { NULL, };
  CredenceAttentionList *list;
  CredenceWindow *window;
  GtkWidget *button;
  GVariant *target;
  const char *clicked;
  RowsWait wait;

  site = credence_test_write_ob2_site (tmp, base);
  map = credence_test_write_ob2_badges (site, base, input, 0, 3, FALSE);
  test_server_add_dir (server, "/", site);

  /* Three hosted badges whose last check could not reach the issuer. */
  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);

    for (guint i = 0; i < G_N_ELEMENTS (uids); i++)
      {
        g_autofree char *name = g_strdup_printf ("%05u.json", i);
        g_autofree char *path = g_build_filename (input, name, NULL);

        uids[i] = ui_test_add_badge_file (store, path, name);
        set_verdict (store, uids[i], "indeterminate", "unreachable");
      }
  }

  /* Meanwhile the issuer revoked the third one. */
  revoked_map = credence_test_write_ob2_badges (site, base, NULL, 2, 1, TRUE);

  window = ui_test_open_window (app);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "attention"));
  list = credence_window_get_attention_list (window);
  wait.window = window;
  wait.n = 4;
  ui_test_wait_for (rows_ready, &wait, "the rows that could not be checked");
  g_assert_cmpuint (credence_attention_list_get_n_in_group (list, CREDENCE_ATTENTION_COULDNT_CHECK), ==, 3);
  g_assert_null (credence_attention_list_get_progress_text (list));
  ui_test_settle (300);

  /* Each row says why and offers Check Again; one row's checks only it. */
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (list), GTK_TYPE_LABEL,
                                         "The issuer’s website could not be reached; Credence will retry "
                                         "and keeps the result from before."));
  g_assert_nonnull (find_shown_button (GTK_WIDGET (list), "Check _All Again"));
  button = find_shown_button (GTK_WIDGET (list), "_Check Again");
  g_assert_nonnull (button);
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_nonnull (target);
  clicked = g_variant_get_string (target, NULL);
  g_assert_true (g_strv_contains ((const char * const *)uids, clicked));
  clicked = g_strcmp0 (clicked, uids[0]) == 0 ? uids[0] : g_strcmp0 (clicked, uids[1]) == 0 ? uids[1] : uids[2];
  g_signal_emit_by_name (button, "clicked");
  g_assert_nonnull (credence_attention_list_get_progress_text (list));
  ui_test_wait_for (check_finished, window, "the row's check");
  /* Revoked: a group of its own; valid: off the page. */
  wait.n = clicked == uids[2] ? 5 : 3;
  ui_test_wait_for (rows_ready, &wait, "the row to move");
  g_assert_cmpuint (credence_attention_list_get_n_in_group (list, CREDENCE_ATTENTION_COULDNT_CHECK), ==, 2);
  if (clicked == uids[2])
    {
      g_assert_cmpuint (credence_attention_list_get_n_in_group (list, CREDENCE_ATTENTION_REVOKED), ==, 1);
      assert_stored (window, uids[2], "invalid", "revoked");
    }
  else
    {
      g_assert_cmpuint (credence_attention_list_get_n_in_group (list, CREDENCE_ATTENTION_REVOKED), ==, 0);
      assert_stored (window, clicked, "valid", NULL);
    }

  /* Check All Again: progress, then the valid ones leave the page and the
   * revoked one is under Revoked by Issuer.
   */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-attention", NULL));
  g_assert_nonnull (credence_attention_list_get_progress_text (list));
  g_assert_true (g_str_has_prefix (credence_attention_list_get_progress_text (list), "Checking "));
  ui_test_wait_for (check_finished, window, "Check All Again");
  wait.n = 2;
  ui_test_wait_for (rows_ready, &wait, "the regrouped rows");
  g_assert_cmpuint (credence_attention_list_get_n_in_group (list, CREDENCE_ATTENTION_COULDNT_CHECK), ==, 0);
  g_assert_cmpuint (credence_attention_list_get_n_in_group (list, CREDENCE_ATTENTION_REVOKED), ==, 1);
  for (guint i = 0; i < 2; i++)
    {
      CredenceBadgeItem *item = credence_library_lookup (credence_window_get_library (window), uids[i]);

      g_assert_cmpint (credence_badge_item_get_status (item), ==, CREDENCE_BADGE_STATUS_VALID);
      assert_stored (window, uids[i], "valid", NULL);
    }
  assert_stored (window, uids[2], "invalid", "revoked");
  g_assert_cmpstr (credence_window_get_last_message (window), ==, "Badges checked; 1 still needs attention");

  /* The revoked row has no Check Again: its sentence says whom to ask. */
  ui_test_settle (300);
  g_assert_null (find_shown_button (GTK_WIDGET (list), "_Check Again"));
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (list), GTK_TYPE_LABEL,
                                         "The issuer withdrew it; contact them if this seems wrong."));
  shot = ui_test_save_screenshot (GTK_WIDGET (window), "needs-attention-checked");

  ui_test_close_window (window);
  for (guint i = 0; i < G_N_ELEMENTS (uids); i++)
    g_free (uids[i]);
  test_server_free (server);
  credence_test_remove_tree (tmp);
  ui_test_remove_data_dir (dir);
}

static void
test_attention_offline_bar (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  gboolean network = g_network_monitor_get_network_available (g_network_monitor_get_default ());
  g_autofree char *shot = NULL;
  CredenceWindow *window;
  GtkWidget *button;

  window = ui_test_open_window (app);
  g_assert_cmpint (credence_window_get_offline_bar_revealed (window), ==, !network);
  /* No Go Online for a missing network: nothing to turn off. */
  g_assert_null (find_shown_button (GTK_WIDGET (window), "_Go Online"));

  g_settings_set_boolean (settings, "work-offline", TRUE);
  g_assert_true (credence_window_get_offline_bar_revealed (window));
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "Working Offline"));
  ui_test_settle (300);
  shot = ui_test_save_screenshot (GTK_WIDGET (window), "offline");

  /* The learner chose it: Go Online turns the setting off, and the bar
   * goes (unless there is no network, when it only explains).
   */
  button = find_shown_button (GTK_WIDGET (window), "_Go Online");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (g_settings_get_boolean (settings, "work-offline"));
  g_assert_cmpint (credence_window_get_offline_bar_revealed (window), ==, !network);
  g_assert_false (gtk_widget_get_visible (button));
  if (network)
    g_assert_null (find_shown_button (GTK_WIDGET (window), "_Go Online"));

  g_settings_reset (settings, "work-offline");
  g_assert_cmpint (credence_window_get_offline_bar_revealed (window), ==, !network);

  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add_func ("/attention/groups", test_attention_groups);
  g_test_add_func ("/attention/check-all", test_attention_check_all);
  g_test_add_func ("/attention/offline-bar", test_attention_offline_bar);

  return ui_test_run ();
}
