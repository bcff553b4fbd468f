/* test-share.c: the badge page's LinkedIn buttons open the right address
 * (or say why there is none), the issuer's organization id is kept from
 * its dialog and used, and Export Bundle and Export Files write every
 * badge, the selected ones or a collection's, through the file chooser,
 * without blocking the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "credence-bundle.h"
#include "credence-export-files.h"
#include "credence-export-paths.h"
#include "credence-linkedin.h"
#include "credence-loader.h"
#include "credence-store-pathways.h"
#include "credence-window-export.h"
#include "credence-test-utils.h"
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
  credence_window_export_bundle (window, NULL, bundle_file);
  ui_test_wait_for (message_shown, window, "the export");
  while (g_strcmp0 (credence_window_get_last_message (window), "Exported 1 badge to “out.credence-bundle”") != 0)
    ui_test_settle (50);
  bundle = credence_bundle_new_from_file (bundle_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (credence_bundle_get_n_badges (bundle), ==, 1);
  g_assert_cmpstr (credence_bundle_get_badge (bundle, 0)->uid, ==, uid);

  g_unsetenv ("CREDENCE_TEST_NO_LAUNCH");
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

/* Distinct badges: three OB 3.0 credentials from did:key issuers, valid
 * offline, and a baked PNG whose issuer's website would be needed.
 */
static const char * const export_badges[] = {
  "digitalcredentials-vc-test-fixtures/verifiableCredentials/v1/bothSignatureTypes/didKey/noRegistry-noStatus-noExpiry.json",
  "digitalcredentials-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/legacyRegistry-noStatus-noExpiry-issuerImageId.json",
  "digitalcredentials-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json",
  "1edtech-dc-public-validator/ob30/simple-json.png",
};

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
chooser_shown (gpointer data)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  return ui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static gboolean
chooser_gone (gpointer data)
{
  return !chooser_shown (data);
}

/* Answers the file chooser the window opened (GtkFileChooserNative or
 * GtkFileDialog: without portals both show a GtkFileChooserDialog) with
 * @name in @folder, or @folder itself when @name is %NULL.
 */
static void
choose_file (const char *title,
             const char *folder,
             const char *name)
{
  g_autoptr(GFile) location = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  GtkWindow *chooser;

  ui_test_wait_for (chooser_shown, NULL, "the file chooser");
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  chooser = ui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, title);
  /* Once mapped, the chooser has opened its first folder. */
  ui_test_wait_for (widget_mapped, chooser, "the file chooser to be mapped");
  ui_test_settle (200);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), location, &error));
  g_assert_no_error (error);
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  ui_test_settle (200);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
  ui_test_wait_for (chooser_gone, NULL, "the file chooser to close");
}

static gboolean
export_done (gpointer data)
{
  return !credence_window_is_exporting (data);
}

/* Waits for the export the chooser started; returns the toast's text. */
static const char *
wait_exported (CredenceWindow *window)
{
  ui_test_settle (50);
  ui_test_wait_for (export_done, window, "the export");
  ui_test_settle (50);
  g_assert_nonnull (credence_window_get_last_message (window));
  return credence_window_get_last_message (window);
}

/* The bundle at @path holds exactly @uids, in order, with their original
 * bytes, and each one checks from the bundle alone, offline.
 */
static void
assert_bundle_holds (CredenceWindow    *window,
                     const char        *path,
                     const char * const *uids)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CredenceBundle) bundle = NULL;
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  g_autoptr(CredenceVerifier) verifier = NULL;
  g_autoptr(GError) error = NULL;

  bundle = credence_bundle_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (credence_bundle_get_n_badges (bundle), ==, g_strv_length ((GStrv) uids));

  credence_loader_set_offline (loader, TRUE);
  verifier = credence_verifier_new (loader);
  for (guint i = 0; uids[i] != NULL; i++)
    {
      const CredenceStoreBadge *bundled = credence_bundle_get_badge (bundle, i);
      g_autoptr(CredenceStoreBadge) stored = credence_store_get_badge (credence_window_get_store (window), uids[i], &error);
      g_autoptr(CredenceVerification) report = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (bundled->uid, ==, uids[i]);
      g_assert_null (credence_bundle_get_problem (bundle, i));
      g_assert_true (g_bytes_equal (bundled->original, stored->original));
      report = credence_bundle_verify_badge (bundle, i, verifier, NULL);
      g_assert_nonnull (report);
      g_assert_true (credence_verification_get_offline (report));
      /* From the bundle alone: valid for did:key issuers; the others need
       * their issuer's website, which a bundle of unchecked badges lacks.
       */
      g_assert_cmpstr (credence_verdict_to_string (credence_verification_get_verdict (report)), ==,
                       credence_verdict_to_string (g_str_has_prefix (stored->source, "digitalcredentials-")
                                                   ? CREDENCE_VERDICT_VALID : CREDENCE_VERDICT_INDETERMINATE));
    }
}

static GBytes *
read_bytes (const char *folder,
            const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* @folder holds exactly the files of @uids: each badge's data as issued
 * and its baked picture (its original file when it came baked), byte for
 * byte.
 */
static void
assert_files_hold (CredenceWindow     *window,
                   const char         *folder,
                   const char * const *uids)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n_files = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 2 * g_strv_length ((GStrv) uids));

  for (guint i = 0; uids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceStoreBadge) stored = credence_store_get_badge (credence_window_get_store (window), uids[i], &error);
      g_autofree char *slug = NULL;
      g_autofree char *picture_name = NULL;
      g_autofree char *data_name = NULL;
      g_autoptr(GBytes) picture = NULL;
      g_autoptr(GBytes) baked = NULL;
      g_autoptr(GBytes) data = NULL;
      const char *extension = NULL;

      g_assert_no_error (error);
      slug = credence_export_badge_slug (stored->uid, stored->name);
      baked = credence_export_baked_file (stored, &extension, &error);
      g_assert_no_error (error);
      picture_name = g_strdup_printf ("%s.%s", slug, extension);
      picture = read_bytes (folder, picture_name);
      g_assert_true (g_bytes_equal (picture, baked));
      if (g_str_equal (extension, "png") && g_str_has_suffix (stored->source, ".png"))
        g_assert_true (g_bytes_equal (picture, stored->original));

      data_name = g_strdup_printf ("%s.json", slug);
      data = read_bytes (folder, data_name);
      g_assert_true (g_bytes_equal (data, stored->payload));
    }
}

static GStrv
strv_of (GPtrArray *uids,
         ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;
  int index;

  va_start (args, uids);
  while ((index = va_arg (args, int)) >= 0)
    g_strv_builder_add (builder, g_ptr_array_index (uids, index));
  va_end (args);

  return g_strv_builder_end (builder);
}

static gboolean
all_listed (gpointer data)
{
  return g_list_model_get_n_items (data) == G_N_ELEMENTS (export_badges);
}

static const char *
grid_uid (GtkSelectionModel *model,
          guint              position)
{
  g_autoptr(CredenceBadgeItem) item = g_list_model_get_item (G_LIST_MODEL (model), position);

  return credence_badge_item_get_uid (item);
}

/* Selection mode's Export: a bundle and plain files of the selected
 * badges only, through the file chooser.
 */
static void
test_export_selection (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *out = g_dir_make_tmp ("credence-out-XXXXXX", NULL);
  g_autofree char *bundle_path = g_build_filename (out, "chosen.credence-bundle", NULL);
  g_autofree char *files = g_build_filename (out, "files", NULL);
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) selected = NULL;
  GtkSelectionModel *grid_model;
  CredenceWindow *window;

  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);

    for (guint i = 0; i < G_N_ELEMENTS (export_badges); i++)
      g_ptr_array_add (uids, ui_test_add_corpus_badge (store, export_badges[i]));
  }
  g_assert_cmpint (g_mkdir (files, 0700), ==, 0);

  window = ui_test_open_window (app);
  ui_test_settle (200);

  /* Nothing selected: nothing to export. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-mode", NULL));
  g_assert_false (gtk_widget_get_sensitive (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, "_Export")));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-selected", "s", "bundle");
  ui_test_settle (100);
  g_assert_false (chooser_shown (NULL));

  /* Two of four, in the order shown. */
  grid_model = gtk_grid_view_get_model (GTK_GRID_VIEW (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_GRID_VIEW, NULL)));
  g_assert_true (GTK_IS_MULTI_SELECTION (grid_model));
  ui_test_wait_for (all_listed, grid_model, "every badge to be listed");
  gtk_selection_model_select_item (grid_model, 1, FALSE);
  gtk_selection_model_select_item (grid_model, 3, FALSE);
  g_assert_true (gtk_widget_get_sensitive (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, "_Export")));
  selected = g_new0 (char *, 3);
  selected[0] = g_strdup (grid_uid (grid_model, 1));
  selected[1] = g_strdup (grid_uid (grid_model, 3));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-selected", "s", "bundle"));
  choose_file ("Export Bundle", out, "chosen.credence-bundle");
  g_assert_cmpstr (wait_exported (window), ==, "Exported 2 badges to “chosen.credence-bundle”");
  assert_bundle_holds (window, bundle_path, (const char * const *) selected);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-selected", "s", "files"));
  choose_file ("Export Files", files, NULL);
  g_assert_cmpstr (wait_exported (window), ==, "Exported 2 badges to “files”");
  assert_files_hold (window, files, (const char * const *) selected);

  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
  credence_test_remove_tree (out);
}

static gboolean
dialog_shown (gpointer data)
{
  return ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
collection_shown (gpointer data)
{
  CredenceCollectionsView *view = data;

  return !credence_collections_view_is_busy (view) &&
         g_strcmp0 (credence_collections_view_get_page_name (view), "collection") == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (credence_collections_view_get_badges (view))) > 0;
}

/* A collection's Export: its badges in its order, nothing else; a folder
 * that cannot be written says why in a dialog.
 */
static void
test_export_collection (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *out = g_dir_make_tmp ("credence-out-XXXXXX", NULL);
  g_autofree char *bundle_path = g_build_filename (out, "Job Hunt.credence-bundle", NULL);
  g_autofree char *files = g_build_filename (out, "files", NULL);
  g_autofree char *not_a_folder = g_build_filename (out, "not-a-folder", NULL);
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) members = NULL;
  CredenceCollectionsView *view;
  AdwMessageDialog *dialog;
  CredenceWindow *window;

  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);
    g_autoptr(CredenceCollection) job = credence_collection_new ("Job Hunt");
    g_autoptr(CredenceCollection) empty = credence_collection_new ("Empty");
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (export_badges); i++)
      g_ptr_array_add (uids, ui_test_add_corpus_badge (store, export_badges[i]));
    /* Not in the order they were added. */
    credence_collection_add (job, g_ptr_array_index (uids, 3));
    credence_collection_add (job, g_ptr_array_index (uids, 0));
    credence_collection_add (job, g_ptr_array_index (uids, 2));
    g_assert_true (credence_store_save_collection (store, job, &error));
    g_assert_true (credence_store_save_collection (store, empty, &error));
    g_assert_no_error (error);
  }
  members = strv_of (uids, 3, 0, 2, -1);
  g_assert_cmpint (g_mkdir (files, 0700), ==, 0);
  g_assert_true (g_file_set_contents (not_a_folder, "x", 1, NULL));

  window = ui_test_open_window (app);
  view = credence_window_get_collections_view (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "collections"));
  ui_test_settle (200);

  /* An empty collection has nothing to export. */
  g_assert_true (credence_collections_view_show_collection (view, "Empty"));
  ui_test_settle (100);
  gtk_widget_activate_action (GTK_WIDGET (view), "collection.export", "s", "bundle");
  ui_test_settle (100);
  g_assert_false (chooser_shown (NULL));

  g_assert_true (credence_collections_view_show_collection (view, "Job Hunt"));
  ui_test_wait_for (collection_shown, view, "the collection's badges");
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_MENU_BUTTON, "E_xport"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "collection.export", "s", "bundle"));
  choose_file ("Export Bundle", out, NULL);
  g_assert_cmpstr (wait_exported (window), ==, "Exported 3 badges to “Job Hunt.credence-bundle”");
  assert_bundle_holds (window, bundle_path, (const char * const *) members);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "collection.export", "s", "files"));
  choose_file ("Export Files", files, NULL);
  g_assert_cmpstr (wait_exported (window), ==, "Exported 3 badges to “files”");
  assert_files_hold (window, files, (const char * const *) members);

  /* A file where the folder should be: a dialog says why, nothing half-done
   * is claimed.
   */
  {
    g_autoptr(GFile) bad = g_file_new_for_path (not_a_folder);

    credence_window_export_files (window, (const char * const *) members, bad);
  }
  ui_test_wait_for (export_done, window, "the failed export");
  ui_test_wait_for (dialog_shown, NULL, "the error dialog");
  dialog = ADW_MESSAGE_DIALOG (ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Badges Not Exported");
  g_assert_nonnull (adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (credence_window_get_last_message (window), ==, "Exported 3 badges to “files”");
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));

  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
  credence_test_remove_tree (out);
}

/* Export Files… in the main menu: every badge. */
static void
test_export_all_files (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *out = g_dir_make_tmp ("credence-out-XXXXXX", NULL);
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) all = NULL;
  CredenceWindow *window;

  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);

    for (guint i = 0; i < G_N_ELEMENTS (export_badges); i++)
      g_ptr_array_add (uids, ui_test_add_corpus_badge (store, export_badges[i]));
  }
  all = strv_of (uids, 0, 1, 2, 3, -1);

  window = ui_test_open_window (app);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-files", NULL));
  choose_file ("Export Files", out, NULL);
  wait_exported (window);
  assert_files_hold (window, out, (const char * const *) all);

  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
  credence_test_remove_tree (out);
}

/* The issuer's LinkedIn organization id, from the Add to Profile menu:
 * digits only, kept where `credence-cli linkedin --remember` keeps it, and
 * in the next Add to Profile link.
 */
static void
test_linkedin_organization (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *uid = NULL;
  g_autofree char *value = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  const CredenceStoreBadge *shown;
  AdwMessageDialog *dialog;
  GtkWidget *add;
  GtkEditable *entry;
  CredenceWindow *window;

  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);

    uid = ui_test_add_corpus_badge (store, export_badges[0]);
    g_assert_true (credence_store_set_meta (store, CREDENCE_EXPORT_META_BASE_URL,
                                            "https://ada.example.net/portfolio/", &error));
    g_assert_no_error (error);
  }

  g_setenv ("CREDENCE_TEST_NO_LAUNCH", "1", TRUE);
  window = ui_test_open_window (app);
  credence_window_show_badge (window, uid);
  ui_test_wait_for (badge_read, window, "the badge to be read");
  shown = credence_window_get_shown_badge (window);
  g_assert_nonnull (shown->issuer_url);

  /* Add to Profile has a menu with the organization id. */
  add = ui_test_find_widget (GTK_WIDGET (credence_window_get_badge_page (window)), ADW_TYPE_SPLIT_BUTTON, NULL);
  g_assert_nonnull (add);
  g_assert_cmpstr (adw_split_button_get_label (ADW_SPLIT_BUTTON (add)), ==, "_Add to Profile");
  g_assert_nonnull (adw_split_button_get_menu_model (ADW_SPLIT_BUTTON (add)));

  /* None yet: the link names the issuer. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.linkedin-add", NULL));
  ui_test_wait_for (uri_opened, window, "LinkedIn to open");
  value = query_value (credence_window_get_last_uri (window), "organizationId");
  g_assert_null (value);
  g_object_set_data (G_OBJECT (window), "credence-last-uri", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.linkedin-organization", NULL));
  ui_test_wait_for (dialog_shown, NULL, "the organization id dialog");
  dialog = ADW_MESSAGE_DIALOG (ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "LinkedIn Organization ID");
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");

  /* Not a number: refused in the form. */
  gtk_editable_set_text (entry, "acme-university");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  gtk_editable_set_text (entry, "12 34");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));

  gtk_editable_set_text (entry, "1337042");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_strcmp0 (credence_window_get_last_message (window), "LinkedIn organization ID saved") != 0)
    ui_test_settle (50);

  /* Kept as the command line keeps it. */
  kept = credence_linkedin_dup_organization_id (credence_window_get_store (window), shown->issuer_url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "1337042");

  /* Used by the next Add to Profile, in place of the issuer's name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.linkedin-add", NULL));
  ui_test_wait_for (uri_opened, window, "LinkedIn to open");
  value = query_value (credence_window_get_last_uri (window), "organizationId");
  g_assert_cmpstr (value, ==, "1337042");
  g_clear_pointer (&value, g_free);
  value = query_value (credence_window_get_last_uri (window), "organizationName");
  g_assert_null (value);

  /* The dialog shows it again; emptied, it is forgotten. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.linkedin-organization", NULL));
  ui_test_wait_for (dialog_shown, NULL, "the organization id dialog");
  dialog = ADW_MESSAGE_DIALOG (ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "1337042");
  gtk_editable_set_text (entry, "");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_strcmp0 (credence_window_get_last_message (window), "LinkedIn organization ID forgotten") != 0)
    ui_test_settle (50);
  g_clear_pointer (&kept, g_free);
  kept = credence_linkedin_dup_organization_id (credence_window_get_store (window), shown->issuer_url, &error);
  g_assert_no_error (error);
  g_assert_null (kept);

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
  g_test_add_func ("/share/linkedin-organization", test_linkedin_organization);
  g_test_add_func ("/share/export-selection", test_export_selection);
  g_test_add_func ("/share/export-collection", test_export_collection);
  g_test_add_func ("/share/export-all-files", test_export_all_files);

  return ui_test_run ();
}
