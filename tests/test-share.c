/* test-share.c: the badge page's LinkedIn buttons open the right address
 * (or say why there is none), and Export Bundle writes a bundle, without
 * blocking the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-bundle.h"
#include "credence-export-paths.h"
#include "credence-window-export.h"
#include "ui-test-utils.h"

static CredenceApplication *app;

static gboolean
badge_read (gpointer data)
{
  const CredenceStoreBadge *shown = credence_window_get_shown_badge (data);

  return shown != NULL && credence_badge_page_get_item (credence_window_get_badge_page (data)) != NULL;
}

static gboolean
message_shown (gpointer data)
{
  return credence_window_get_last_message (data) != NULL;
}

static gboolean
uri_opened (gpointer data)
{
  static const char *said;

  if (credence_window_get_last_message (data) != said)
    {
      said = credence_window_get_last_message (data);
      g_test_message ("message: %s", said);
    }
  return credence_window_get_last_uri (data) != NULL;
}

/* The decoded value of @name in the query of @url. */
static char *
query_value (const char *url,
             const char *name)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);

  return g_strdup (g_hash_table_lookup (params, name));
}

static void
test_linkedin_and_bundle (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *uid = NULL;
  g_autofree char *bundle_path = g_build_filename (dir, "out.credence-bundle", NULL);
  g_autofree char *page = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GFile) bundle_file = g_file_new_for_path (bundle_path);
  g_autoptr(CredenceBundle) bundle = NULL;
  g_autoptr(GError) error = NULL;
  const CredenceStoreBadge *shown;
  CredenceWindow *window;

  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);

    uid = ui_test_add_corpus_badge (store, "digitalcredentials-vc-test-fixtures/verifiableCredentials/v1/"
                                    "bothSignatureTypes/didKey/noRegistry-noStatus-noExpiry.json");
  }

  g_setenv ("CREDENCE_TEST_NO_LAUNCH", "1", TRUE);
  window = ui_test_open_window (app);
  credence_window_show_badge (window, uid);
  ui_test_wait_for (badge_read, window, "the badge to be read");
  shown = credence_window_get_shown_badge (window);
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (credence_window_get_badge_page (window)),
                                         GTK_TYPE_BUTTON, "_Add to Profile"));
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (credence_window_get_badge_page (window)),
                                         GTK_TYPE_BUTTON, "S_hare in a Post"));

  /* An OB 3.0 credential is not hosted, and no portfolio address is known:
   * a clear message, no dead link.
   */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.linkedin-add", NULL));
  ui_test_wait_for (message_shown, window, "the message");
  g_assert_nonnull (strstr (credence_window_get_last_message (window), "no public web address"));
  g_assert_null (credence_window_get_last_uri (window));

  /* With the portfolio's address: the badge's page there. */
  g_assert_true (credence_store_set_meta (credence_window_get_store (window), CREDENCE_EXPORT_META_BASE_URL,
                                          "https://ada.example.net/portfolio/", &error));
  g_assert_no_error (error);
  page = credence_export_badge_page_url ("https://ada.example.net/portfolio/", uid, shown->name, &error);
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.linkedin-add", NULL));
  ui_test_wait_for (uri_opened, window, "LinkedIn to open");
  g_assert_true (g_str_has_prefix (credence_window_get_last_uri (window),
                                   "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&"));
  value = query_value (credence_window_get_last_uri (window), "certUrl");
  g_assert_cmpstr (value, ==, page);
  g_clear_pointer (&value, g_free);
  value = query_value (credence_window_get_last_uri (window), "name");
  g_assert_cmpstr (value, ==, shown->name);
  g_clear_pointer (&value, g_free);

  g_object_set_data (G_OBJECT (window), "credence-last-uri", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.linkedin-share", NULL));
  ui_test_wait_for (uri_opened, window, "LinkedIn to open");
  value = query_value (credence_window_get_last_uri (window), "url");
  g_assert_cmpstr (value, ==, page);

  /* Export Bundle, in a worker. */
  credence_window_export_bundle (window, bundle_file);
  ui_test_wait_for (message_shown, window, "the export");
  while (g_strcmp0 (credence_window_get_last_message (window), "Exported 1 badge") != 0)
    ui_test_settle (50);
  bundle = credence_bundle_new_from_file (bundle_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (credence_bundle_get_n_badges (bundle), ==, 1);
  g_assert_cmpstr (credence_bundle_get_badge (bundle, 0)->uid, ==, uid);

  g_unsetenv ("CREDENCE_TEST_NO_LAUNCH");
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add_func ("/share/linkedin-and-bundle", test_linkedin_and_bundle);

  return ui_test_run ();
}
