/* ui-test-utils.c: helpers shared by the UI tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "credence-badge.h"
#include "credence-store.h"
#include "ui-test-utils.h"

static CredenceApplication *the_app;

/* Sets GTK up for a UI test and makes the one application of the process
 * (as in real life; each test opens and closes its own window).
 */
CredenceApplication *
ui_test_init (int    *argc,
              char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();

  the_app = credence_application_new ();
  return the_app;
}

/* Runs the tests, then drops the application. */
int
ui_test_run (void)
{
  int ret = g_test_run ();

  g_clear_object (&the_app);
  return ret;
}

/* Runs the main loop for @ms milliseconds. */
void
ui_test_settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

/* Runs the main loop until @condition holds, failing after 60 s. */
void
ui_test_wait_for (UiTestCondition  condition,
                  gpointer         data,
                  const char      *what)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

typedef struct
{
  CredenceWindow *window;
  const char     *page;
} PageWait;

static gboolean
page_shown (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (credence_window_get_page_name (wait->window), wait->page) == 0;
}

void
ui_test_wait_for_page (CredenceWindow *window,
                       const char     *page)
{
  PageWait wait = { window, page };
  g_autofree char *what = g_strdup_printf ("the page “%s”", page);

  ui_test_wait_for (page_shown, &wait, what);
}

/* A private, empty data folder for the collection, set as CREDENCE_DATA_DIR. */
char *
ui_test_make_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir;

  dir = g_dir_make_tmp ("credence-ui-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("CREDENCE_DATA_DIR", dir, TRUE);

  return dir;
}

void
ui_test_remove_data_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_unsetenv ("CREDENCE_DATA_DIR");
}

/* Registers @app, activates it and waits until its window shows the
 * library (the collection is open).
 */
CredenceWindow *
ui_test_open_window (CredenceApplication *app)
{
  g_autoptr(GError) error = NULL;
  CredenceWindow *window;

  if (!g_application_get_is_registered (G_APPLICATION (app)))
    {
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }

  g_application_activate (G_APPLICATION (app));
  window = CREDENCE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (CREDENCE_IS_WINDOW (window));
  ui_test_wait_for_page (window, "library");
  g_assert_nonnull (credence_window_get_store (window));

  return window;
}

/* Destroys @window and checks that nothing keeps it alive. */
void
ui_test_close_window (CredenceWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_settle (50);
  g_assert_null (window);
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Renders @widget offscreen and saves it as screenshots/NAME.png in the
 * build folder.  Returns the path.
 */
char *
ui_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  char *path;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GStatBuf st;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* A widget draws only once mapped; on a busy machine that can lag. */
  ui_test_wait_for (widget_mapped, widget, "the window to be mapped");

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);

  dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_remove (path);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 1000);
  g_test_message ("Screenshot saved to %s", path);

  return path;
}

static gboolean
widget_matches (GtkWidget  *widget,
                GType       type,
                const char *label)
{
  if (!g_type_is_a (G_OBJECT_TYPE (widget), type))
    return FALSE;
  if (label == NULL)
    return TRUE;
  if (GTK_IS_BUTTON (widget))
    return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
  if (GTK_IS_MENU_BUTTON (widget))
    return g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), label) == 0;
  if (GTK_IS_LABEL (widget))
    return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), label) == 0;
  if (ADW_IS_PREFERENCES_ROW (widget))
    return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), label) == 0;
  if (ADW_IS_STATUS_PAGE (widget))
    return g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), label) == 0;
  return FALSE;
}

/* The first descendant of @root (depth first, @root included) of @type
 * whose label or title is @label (any, when %NULL).
 */
GtkWidget *
ui_test_find_widget (GtkWidget  *root,
                     GType       type,
                     const char *label)
{
  if (widget_matches (root, type, label))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_widget (child, type, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Opens (creating it) the keyring-protected collection in @dir. */
CredenceStore *
ui_test_open_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  CredenceStore *store;

  store = credence_store_open_default (dir, NULL, &error);
  g_assert_no_error (error);

  return store;
}

static char *
format_date (GDateTime *date)
{
  return date != NULL ? g_date_time_format_iso8601 (date) : NULL;
}

/* @badge as the collection keeps it, not yet checked. */
static CredenceStoreBadge *
unchecked_entry (CredenceBadge *badge,
                 const char    *source)
{
  CredenceStoreBadge *entry = credence_store_badge_new ();
  GBytes *bytes = credence_badge_get_bytes (badge);
  GBytes *payload = credence_badge_get_payload (badge);

  entry->credential_id = g_strdup (credence_badge_get_id (badge));
  entry->container = g_strdup (credence_container_to_string (credence_badge_get_container (badge)));
  entry->spec_version = g_strdup (credence_spec_version_to_string (credence_badge_get_spec_version (badge)));
  entry->original = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  entry->payload = payload != NULL ? g_bytes_ref (payload) : NULL;
  entry->name = g_strdup (credence_badge_get_name (badge));
  entry->description = g_strdup (credence_badge_get_description (badge));
  entry->issuer_name = g_strdup (credence_badge_get_issuer_name (badge));
  entry->issuer_url = g_strdup (credence_badge_get_issuer_url (badge));
  entry->recipient = g_strdup (credence_badge_get_recipient_identity (badge));
  entry->issued_on = format_date (credence_badge_get_issued (badge));
  entry->expires_on = format_date (credence_badge_get_expires (badge));
  entry->image = g_strdup (credence_badge_get_image (badge));
  entry->source = g_strdup (source);

  return entry;
}

/* Reads a real badge of tests/data/corpus and adds it to @store, unchecked,
 * as the import pipeline would before verification.  Returns its uid.
 */
char *
ui_test_add_corpus_badge (CredenceStore *store,
                          const char    *corpus_path)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", corpus_path, NULL);

  return ui_test_add_badge_file (store, path, corpus_path);
}

/* Reads the badge file @path and adds it to @store, unchecked, with
 * @source as where it came from.  Returns its uid.
 */
char *
ui_test_add_badge_file (CredenceStore *store,
                        const char    *path,
                        const char    *source)
{
  g_autoptr(CredenceStoreBadge) entry = NULL;
  g_autoptr(CredenceBadge) badge = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);

  badge = credence_badge_new_from_bytes (bytes, source, &error);
  g_assert_no_error (error);

  entry = unchecked_entry (badge, source);
  g_assert_true (credence_store_add_badge (store, entry, &error));
  g_assert_no_error (error);
  g_assert_nonnull (entry->uid);
  g_test_message ("Added “%s” by “%s” as %s", entry->name, entry->issuer_name, entry->uid);

  return g_strdup (entry->uid);
}

/* The first shown toplevel window (a dialog) of @type, or %NULL. */
GtkWindow *
ui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}
