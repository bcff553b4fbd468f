/* credence-window-export.c: the window's export and sharing actions:
 * win.linkedin-add and win.linkedin-share open LinkedIn for the badge
 * shown; win.export-bundle writes the collection to a bundle file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-window"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-bundle.h"
#include "credence-export-paths.h"
#include "credence-linkedin.h"
#include "credence-window-export.h"

#define LAST_URI_KEY "credence-last-uri"

/**
 * credence_window_get_last_uri:
 *
 * Returns: (nullable): the last address the window opened in the browser
 */
const char *
credence_window_get_last_uri (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);

  return g_object_get_data (G_OBJECT (self), LAST_URI_KEY);
}

/* LinkedIn */

typedef struct
{
  CredenceStore      *store;
  CredenceStoreBadge *badge;
  gboolean            share;
} LinkData;

static void
link_data_free (LinkData *data)
{
  g_clear_object (&data->store);
  credence_store_badge_free (data->badge);
  g_free (data);
}

/* In a worker: the settings are in the encrypted collection. */
static void
make_link_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  LinkData *data = task_data;
  g_autofree char *base_url = NULL;
  g_autofree char *organization_id = NULL;
  g_autofree char *public_url = NULL;
  GError *error = NULL;
  char *url;

  base_url = credence_store_dup_meta (data->store, CREDENCE_EXPORT_META_BASE_URL, NULL);
  organization_id = credence_linkedin_dup_organization_id (data->store, data->badge->issuer_url, NULL);
  public_url = credence_linkedin_dup_public_url (data->badge, base_url, &error);
  if (public_url == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  url = data->share ? credence_linkedin_share_url (public_url, &error)
                    : credence_linkedin_add_to_profile_url (data->badge, organization_id, public_url, &error);
  if (url == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, url, g_free);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CredenceWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    credence_window_show_message (self, _("LinkedIn could not be opened: no web browser answered"));
}
#endif

static void
open_uri (CredenceWindow *self,
          const char     *uri)
{
  g_object_set_data_full (G_OBJECT (self), LAST_URI_KEY, g_strdup (uri), g_free);

  /* Tests check the address without starting a browser. */
  if (g_getenv ("CREDENCE_TEST_NO_LAUNCH") != NULL)
    return;

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, GTK_WINDOW (self), NULL, launched_cb, g_object_ref (self));
  }
#else
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
#endif
}

static void
link_made_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CredenceWindow *self = CREDENCE_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_task_propagate_pointer (G_TASK (result), &error);

  if (url == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        credence_window_show_message (self, error->message);
      return;
    }

  open_uri (self, url);
}

static void
linkedin_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  const CredenceStoreBadge *shown = credence_window_get_shown_badge (self);
  CredenceStore *store = credence_window_get_store (self);
  g_autoptr(GTask) task = NULL;
  LinkData *data;

  if (shown == NULL || store == NULL)
    return;

  data = g_new0 (LinkData, 1);
  data->store = g_object_ref (store);
  data->badge = credence_store_badge_copy (shown);
  data->share = g_str_equal (action_name, "win.linkedin-share");

  task = g_task_new (self, NULL, link_made_cb, NULL);
  g_task_set_source_tag (task, linkedin_action);
  g_task_set_task_data (task, data, (GDestroyNotify) link_data_free);
  g_task_run_in_thread (task, make_link_thread);
}

/* Bundle */

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CredenceWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  if (!credence_bundle_export_finish (result, &n, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        credence_window_show_message (self, error->message);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u badge", "Exported %u badges", n), n);
  credence_window_show_message (self, message);
}

/**
 * credence_window_export_bundle:
 * @file: where to write
 *
 * Writes every badge of the collection to a bundle file, in a worker
 * thread; a toast says how it went.
 */
void
credence_window_export_bundle (CredenceWindow *self,
                               GFile          *file)
{
  CredenceStore *store;

  g_return_if_fail (CREDENCE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  store = credence_window_get_store (self);
  if (store == NULL)
    return;
  credence_bundle_export_async (store, NULL, file, NULL, exported_cb, g_object_ref (self));
}

static void
export_response_cb (GtkFileChooserNative *chooser,
                    int                   response,
                    gpointer              user_data)
{
  CredenceWindow *self = CREDENCE_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      credence_window_export_bundle (self, file);
    }
  g_object_unref (chooser);
}

static void
export_bundle_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (credence_window_get_store (self) == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Bundle"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  /* Translators: the default file name of an exported bundle. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("badges.credence-bundle"));
  /* Disconnected if the window goes first. */
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_credence_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.linkedin-add", NULL, linkedin_action);
  gtk_widget_class_install_action (widget_class, "win.linkedin-share", NULL, linkedin_action);
  gtk_widget_class_install_action (widget_class, "win.export-bundle", NULL, export_bundle_action);
}
