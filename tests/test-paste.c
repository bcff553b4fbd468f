/* test-paste.c: Ctrl+V of JSON, a JWT, a link, a picture's own bytes or
 * copied files imports the badge; a drop of files on the content does;
 * text that is no badge says why it was not added.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ui-test-utils.h"

static CredenceApplication *app;

static char *
corpus_path (const char *path)
{
  return g_test_build_filename (G_TEST_DIST, "data", "corpus", path, NULL);
}

static GBytes *
corpus_bytes (const char *path)
{
  g_autofree char *file = corpus_path (path);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len;

  g_file_get_contents (file, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
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

typedef struct
{
  CredenceWindow *window;
  char           *message;
  GPtrArray      *results;
} PasteWait;

/* A new import ended, or a new message says why there was none. */
static gboolean
paste_ended (gpointer data)
{
  PasteWait *wait = data;

  return !credence_window_is_importing (wait->window) &&
         (credence_window_get_import_results (wait->window) != wait->results ||
          g_strcmp0 (credence_window_get_last_message (wait->window), wait->message) != 0);
}

/* Activates win.paste and waits for what it leads to: an import, or a
 * message.
 */
static void
paste (CredenceWindow *window)
{
  PasteWait wait = { window, g_strdup (credence_window_get_last_message (window)),
                     credence_window_get_import_results (window) };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL));
  ui_test_wait_for (paste_ended, &wait, "the paste to end");
  g_free (wait.message);
}

static CredenceImportResult *
only_result (CredenceWindow *window)
{
  GPtrArray *results = credence_window_get_import_results (window);

  g_assert_nonnull (results);
  g_assert_cmpuint (results->len, ==, 1);
  return g_ptr_array_index (results, 0);
}

static void
test_paste (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *assets = corpus_path ("1edtech-dc-public-validator/ob20/assets");
  g_autofree char *ob20 = corpus_path ("1edtech-dc-public-validator/ob20");
  g_autofree char *url_map = g_strdup_printf ("https://example.org/=%s;http://example.org/=%s;https://badges.test/=%s",
                                              assets, assets, ob20);
  g_autoptr(GBytes) json = corpus_bytes ("1edtech-dc-public-validator/ob20/basic-assertion.json");
  g_autoptr(GBytes) jwt = corpus_bytes ("1edtech-dc-public-validator/ob20/simple-revoked.jwt");
  g_autoptr(GBytes) png = corpus_bytes ("1edtech-dc-public-validator/ob20/simple-badge.png");
  g_autofree char *json_text = g_strndup (g_bytes_get_data (json, NULL), g_bytes_get_size (json));
  g_autofree char *jwt_text = g_strndup (g_bytes_get_data (jwt, NULL), g_bytes_get_size (jwt));
  g_autofree char *explanation = NULL;
  CredenceImportResult *result;
  CredenceWindow *window;
  GdkClipboard *clipboard;

  g_setenv ("CREDENCE_URL_MAP", url_map, TRUE);
  window = ui_test_open_window (app);
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));

  /* JSON text: a hosted Open Badges 2.0 assertion. */
  gdk_clipboard_set_text (clipboard, json_text);
  paste (window);
  result = only_result (window);
  g_assert_cmpint (result->status, ==, CREDENCE_IMPORT_ADDED);
  g_assert_cmpstr (result->source, ==, "Pasted text");
  g_assert_cmpuint (count_badges (window), ==, 1);

  /* A JWT (JWS compact) as text, with spaces around it. */
  {
    g_autofree char *padded = g_strdup_printf ("  %s\n", jwt_text);

    gdk_clipboard_set_text (clipboard, padded);
  }
  paste (window);
  result = only_result (window);
  g_assert_cmpint (result->status, ==, CREDENCE_IMPORT_ADDED);
  g_assert_cmpint (credence_verification_get_reason (result->verification), ==, CREDENCE_REASON_REVOKED);
  g_assert_cmpuint (count_badges (window), ==, 2);

  /* A link to the same assertion as the JSON: fetched, and already
   * there.
   */
  gdk_clipboard_set_text (clipboard, "https://badges.test/basic-assertion.json");
  paste (window);
  result = only_result (window);
  g_test_message ("Pasted link: %s %s", credence_import_status_to_string (result->status), result->message);
  g_assert_cmpstr (result->source, ==, "https://badges.test/basic-assertion.json");
  g_assert_cmpint (result->status, ==, CREDENCE_IMPORT_DUPLICATE);
  g_assert_cmpuint (count_badges (window), ==, 2);

  /* A picture as image/png: its own bytes, badge data and all. */
  {
    g_autoptr(GdkContentProvider) provider = gdk_content_provider_new_for_bytes ("image/png", png);

    gdk_clipboard_set_content (clipboard, provider);
  }
  paste (window);
  result = only_result (window);
  g_test_message ("Pasted picture: %s %s", credence_import_status_to_string (result->status), result->message);
  g_assert_cmpstr (result->source, ==, "Pasted picture.png");
  g_assert_cmpint (result->status, !=, CREDENCE_IMPORT_REJECTED);

  /* Text that is no badge: not added, and the toast and Details say why. */
  gdk_clipboard_set_text (clipboard, "Hello, this is not a badge");
  paste (window);
  result = only_result (window);
  g_assert_cmpint (result->status, ==, CREDENCE_IMPORT_REJECTED);
  g_assert_cmpstr (credence_window_get_last_message (window), ==, "“Pasted text” was not added");
  explanation = credence_window_explain_import_result (result);
  g_test_message ("Bad text: %s", explanation);
  g_assert_nonnull (explanation);
  g_assert_true (g_str_has_prefix (explanation, "No Badge Found — ") ||
                 g_str_has_prefix (explanation, "Badge Data Incomplete — "));

  /* Nothing at all: said at once, no import. */
  gdk_clipboard_set_text (clipboard, "   ");
  paste (window);
  g_assert_cmpstr (credence_window_get_last_message (window), ==,
                   "The clipboard holds no text, picture or file to import.");

  g_unsetenv ("CREDENCE_URL_MAP");
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

static void
test_drop_and_paste_files (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *assets = corpus_path ("1edtech-dc-public-validator/ob20/assets");
  g_autofree char *url_map = g_strdup_printf ("https://example.org/=%s;http://example.org/=%s", assets, assets);
  g_autofree char *path = corpus_path ("1edtech-dc-public-validator/ob20/simple.jwt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSList) list = g_slist_prepend (NULL, file);
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target;
  CredenceWindow *window;
  gboolean handled = FALSE;

  g_setenv ("CREDENCE_URL_MAP", url_map, TRUE);
  window = ui_test_open_window (app);

  /* The content takes file lists and text, copied. */
  target = credence_window_get_drop_target (window);
  g_assert_nonnull (target);
  g_assert_true (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)) != GTK_WIDGET (window));
  g_assert_cmpint (gtk_drop_target_get_actions (target), ==, GDK_ACTION_COPY);
  {
    gsize n;
    const GType *types = gtk_drop_target_get_gtypes (target, &n);

    g_assert_cmpuint (n, ==, 2);
    g_assert_true (types[0] == GDK_TYPE_FILE_LIST);
    g_assert_true (types[1] == G_TYPE_STRING);
  }

  /* A drop of a file list, as GTK delivers it. */
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_signal_emit_by_name (target, "drop", &value, 20.0, 20.0, &handled);
  g_assert_true (handled);
  g_assert_true (credence_window_is_importing (window));
  ui_test_wait_for (import_finished, window, "the import of the dropped file");
  g_assert_cmpint (only_result (window)->status, ==, CREDENCE_IMPORT_ADDED);
  g_assert_cmpuint (count_badges (window), ==, 1);
  g_assert_cmpstr (credence_window_get_last_message (window), ==, "“Awesome Robotics Badge” added");

  /* Files copied in a file manager: the original file, not a picture. */
  {
    g_autoptr(GdkContentProvider) provider = NULL;
    g_auto(GValue) files = G_VALUE_INIT;

    g_value_init (&files, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&files, gdk_file_list_new_from_list (list));
    provider = gdk_content_provider_new_for_value (&files);
    gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (window)), provider);
  }
  paste (window);
  g_assert_cmpint (only_result (window)->status, ==, CREDENCE_IMPORT_DUPLICATE);
  g_assert_cmpstr (only_result (window)->source, ==, path);
  g_assert_cmpuint (count_badges (window), ==, 1);

  /* A dropped string that is no badge: imported as text, and refused. */
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "not a badge");
  g_signal_emit_by_name (target, "drop", &value, 20.0, 20.0, &handled);
  g_assert_true (handled);
  ui_test_wait_for (import_finished, window, "the import of the dropped text");
  g_assert_cmpint (only_result (window)->status, ==, CREDENCE_IMPORT_REJECTED);
  g_assert_cmpuint (count_badges (window), ==, 1);

  g_unsetenv ("CREDENCE_URL_MAP");
  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add_func ("/paste/text-link-image", test_paste);
  g_test_add_func ("/paste/drop-files", test_drop_and_paste_files);

  return ui_test_run ();
}
