/* credence-window-export.c: the window's export and sharing actions:
 * win.linkedin-add and win.linkedin-share open LinkedIn for the badge
 * shown; win.export-bundle and win.export-files write every badge,
 * win.export-selected the badges selected in the library and
 * win.export-badges those of a page (a collection), to a bundle file or
 * as plain files in a folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-bundle.h"
#include "credence-export-files.h"
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

/* LinkedIn organization id of the shown badge's issuer */

typedef struct
{
  CredenceStore *store;
  char          *issuer;
  char          *issuer_name;
  char          *organization_id;
} OrganizationData;

static void
organization_data_free (OrganizationData *data)
{
  g_clear_object (&data->store);
  g_free (data->issuer);
  g_free (data->issuer_name);
  g_free (data->organization_id);
  g_free (data);
}

/* In a worker, both ways: the ids are in the encrypted collection. */
static void
read_organization_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  OrganizationData *data = task_data;
  GError *error = NULL;
  char *organization_id;

  organization_id = credence_linkedin_dup_organization_id (data->store, data->issuer, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, organization_id, g_free);
}

static void
write_organization_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  OrganizationData *data = task_data;
  GError *error = NULL;

  if (!credence_linkedin_set_organization_id (data->store, data->issuer, data->organization_id, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
organization_written_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  CredenceWindow *self = CREDENCE_WINDOW (source);
  OrganizationData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        credence_window_show_message (self, error->message);
      return;
    }

  credence_window_show_message (self, data->organization_id != NULL ? _("LinkedIn organization ID saved")
                                                                    : _("LinkedIn organization ID forgotten"));
}

/* Digits only, as LinkedIn's ids are; empty forgets the id. */
static gboolean
organization_id_is_valid (const char *text)
{
  gsize length = strlen (text);

  if (length > 20)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return TRUE;
}

static void
organization_entry_changed_cb (GtkEditable      *entry,
                               AdwMessageDialog *dialog)
{
  gboolean valid = organization_id_is_valid (gtk_editable_get_text (entry));

  adw_message_dialog_set_response_enabled (dialog, "save", valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
}

static void
organization_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  CredenceWindow *self = CREDENCE_WINDOW (user_data);
  OrganizationData *data = g_object_steal_data (G_OBJECT (dialog), "credence-organization");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *text = gtk_editable_get_text (entry);
  g_autoptr(GTask) task = NULL;

  if (data == NULL)
    return;
  if (!g_str_equal (response, "save") || !organization_id_is_valid (text) ||
      g_strcmp0 (text, data->organization_id != NULL ? data->organization_id : "") == 0)
    {
      organization_data_free (data);
      return;
    }

  g_free (data->organization_id);
  data->organization_id = text[0] != '\0' ? g_strdup (text) : NULL;
  task = g_task_new (self, credence_window_get_cancellable (self), organization_written_cb, NULL);
  g_task_set_source_tag (task, organization_response_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) organization_data_free);
  g_task_run_in_thread (task, write_organization_thread);
}

static void
organization_read_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CredenceWindow *self = CREDENCE_WINDOW (source);
  OrganizationData *read = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *organization_id = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *body = NULL;
  OrganizationData *data;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        credence_window_show_message (self, error->message);
      return;
    }

  /* The dialog keeps what it saves. */
  data = g_new0 (OrganizationData, 1);
  data->store = g_object_ref (read->store);
  data->issuer = g_strdup (read->issuer);
  data->issuer_name = g_strdup (read->issuer_name);
  data->organization_id = g_steal_pointer (&organization_id);

  /* Translators: %s is the issuer's name, as the badge gives it. */
  body = g_strdup_printf (_("The number in the address of %s’s LinkedIn page. With it, Add to Profile "
                            "links the badge to that organization. Leave it empty to forget it."),
                          data->issuer_name != NULL ? data->issuer_name : data->issuer);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("LinkedIn Organization ID"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 20);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("LinkedIn organization ID"), -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), data->organization_id != NULL ? data->organization_id : "");
  adw_message_dialog_set_extra_child (dialog, entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (organization_entry_changed_cb), dialog, 0);
  organization_entry_changed_cb (GTK_EDITABLE (entry), dialog);

  g_object_set_data_full (G_OBJECT (dialog), "credence-organization", data, (GDestroyNotify) organization_data_free);
  /* Disconnected if the window goes first. */
  g_signal_connect_object (dialog, "response", G_CALLBACK (organization_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* win.linkedin-organization: asks for the LinkedIn organization id of
 * the shown badge's issuer and keeps it, as `credence-cli linkedin
 * --organization-id ID --remember` does, for the next Add to Profile.
 */
static void
linkedin_organization_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  const CredenceStoreBadge *shown = credence_window_get_shown_badge (self);
  CredenceStore *store = credence_window_get_store (self);
  g_autoptr(GTask) task = NULL;
  OrganizationData *data;

  if (shown == NULL || store == NULL)
    return;
  if (shown->issuer_url == NULL || shown->issuer_url[0] == '\0')
    {
      credence_window_show_message (self, _("This badge names no issuer address, so an organization ID cannot be kept for it"));
      return;
    }

  data = g_new0 (OrganizationData, 1);
  data->store = g_object_ref (store);
  data->issuer = g_strdup (shown->issuer_url);
  data->issuer_name = g_strdup (shown->issuer_name);

  task = g_task_new (self, credence_window_get_cancellable (self), organization_read_cb, NULL);
  g_task_set_source_tag (task, linkedin_organization_action);
  g_task_set_task_data (task, data, (GDestroyNotify) organization_data_free);
  g_task_run_in_thread (task, read_organization_thread);
}

/* Bundles and plain files */

typedef enum
{
  EXPORT_BUNDLE,
  EXPORT_FILES,
} ExportFormat;

typedef struct
{
  CredenceStore *store;
  GStrv          uids;    /* NULL: every badge */
  GFile         *file;
} FilesData;

static void
files_data_free (FilesData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->uids, g_strfreev);
  g_clear_object (&data->file);
  g_free (data);
}

/* The window's exports still running, for the tests. */
#define N_EXPORTS_KEY "credence-n-exports"

static void
begin_export (CredenceWindow *self)
{
  guint n = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), N_EXPORTS_KEY));

  g_object_set_data (G_OBJECT (self), N_EXPORTS_KEY, GUINT_TO_POINTER (n + 1));
}

static void
end_export (CredenceWindow *self)
{
  guint n = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), N_EXPORTS_KEY));

  g_object_set_data (G_OBJECT (self), N_EXPORTS_KEY, GUINT_TO_POINTER (n > 0 ? n - 1 : 0));
}

/**
 * credence_window_is_exporting:
 *
 * Returns: whether a bundle or files are being written
 */
gboolean
credence_window_is_exporting (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), FALSE);

  return g_object_get_data (G_OBJECT (self), N_EXPORTS_KEY) != NULL;
}

/* A failed export is not a passing toast: it stays until read. */
static void
show_export_error (CredenceWindow *self,
                   const GError   *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Badges Not Exported"), error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_exported (CredenceWindow *self,
               guint           n,
               GFile          *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  /* Translators: a toast: "Exported 3 badges to “job-hunt.credence-bundle”". */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u badge to “%s”", "Exported %u badges to “%s”", n),
                             n, name);
  credence_window_show_message (self, message);
}

typedef struct
{
  CredenceWindow *window;
  GFile          *file;
} BundleExport;

static void
bundle_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BundleExport *export = user_data;
  g_autoptr(CredenceWindow) self = export->window;
  g_autoptr(GFile) file = export->file;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_free (export);
  end_export (self);
  if (!credence_bundle_export_finish (result, &n, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_export_error (self, error);
      return;
    }

  show_exported (self, n, file);
}

/**
 * credence_window_export_bundle:
 * @uids: (array zero-terminated=1) (nullable): the badges, in order; %NULL
 *   for every badge
 * @file: where to write
 *
 * Writes the badges to a bundle file, in a worker thread; a toast says
 * how many were written, a dialog why none were.
 */
void
credence_window_export_bundle (CredenceWindow     *self,
                               const char * const *uids,
                               GFile              *file)
{
  CredenceStore *store;
  BundleExport *export;

  g_return_if_fail (CREDENCE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  store = credence_window_get_store (self);
  if (store == NULL)
    return;

  export = g_new0 (BundleExport, 1);
  export->window = g_object_ref (self);
  export->file = g_object_ref (file);
  begin_export (self);
  credence_bundle_export_async (store, uids, file, credence_window_get_cancellable (self),
                                bundle_written_cb, export);
}

/* In a worker: the badges are read from the collection and written. */
static void
export_files_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  FilesData *data = task_data;
  GError *error = NULL;
  guint n = 0;

  if (!credence_export_files (data->store, (const char * const *) data->uids, data->file, &n, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

static void
files_exported_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CredenceWindow *self = CREDENCE_WINDOW (source);
  FilesData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize n;

  end_export (self);
  n = g_task_propagate_int (G_TASK (result), &error);
  if (n < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_export_error (self, error);
      return;
    }

  show_exported (self, (guint) n, data->file);
}

/**
 * credence_window_export_files:
 * @uids: (array zero-terminated=1) (nullable): the badges; %NULL for every
 *   badge
 * @folder: where to write
 *
 * Writes each badge as its baked picture and its data, as
 * `credence-cli export files` does, in a worker thread; a toast says how
 * many were written, a dialog why none were.
 */
void
credence_window_export_files (CredenceWindow     *self,
                              const char * const *uids,
                              GFile              *folder)
{
  g_autoptr(GTask) task = NULL;
  CredenceStore *store;
  FilesData *data;

  g_return_if_fail (CREDENCE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  store = credence_window_get_store (self);
  if (store == NULL)
    return;

  data = g_new0 (FilesData, 1);
  data->store = g_object_ref (store);
  data->uids = g_strdupv ((GStrv) uids);
  data->file = g_object_ref (folder);

  begin_export (self);
  task = g_task_new (self, credence_window_get_cancellable (self), files_exported_cb, NULL);
  g_task_set_source_tag (task, credence_window_export_files);
  g_task_set_task_data (task, data, (GDestroyNotify) files_data_free);
  g_task_run_in_thread (task, export_files_thread);
}

/* Choosing where */

typedef struct
{
  CredenceWindow *window;   /* owned with GtkFileDialog; the chooser's signal holds it before */
  ExportFormat    format;
  GStrv           uids;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_clear_object (&request->window);
  g_clear_pointer (&request->uids, g_strfreev);
  g_free (request);
}

static void
export_to (CredenceWindow *self,
           ExportRequest  *request,
           GFile          *file)
{
  if (request->format == EXPORT_BUNDLE)
    credence_window_export_bundle (self, (const char * const *) request->uids, file);
  else
    credence_window_export_files (self, (const char * const *) request->uids, file);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
chosen_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ExportRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (request->format == EXPORT_BUNDLE)
    file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);
  else
    file = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (source), result, &error);
  /* When the window went first, its cancellable answered for it. */
  if (file != NULL)
    export_to (request->window, request, file);
  export_request_free (request);
}
#else
static void
chooser_response_cb (GtkFileChooserNative *chooser,
                     int                   response,
                     gpointer              user_data)
{
  CredenceWindow *self = CREDENCE_WINDOW (user_data);
  ExportRequest *request = g_object_get_data (G_OBJECT (chooser), "credence-export-request");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        export_to (self, request, file);
    }
  g_object_unref (chooser);
}
#endif

/* Asks where to write @uids (every badge when %NULL), then writes them. */
static void
choose_and_export (CredenceWindow     *self,
                   ExportFormat        format,
                   const char         *suggested_name,
                   const char * const *uids)
{
  const char *title = format == EXPORT_BUNDLE ? _("Export Bundle") : _("Export Files");
  g_autofree char *name = NULL;
  ExportRequest *request;

  if (credence_window_get_store (self) == NULL)
    return;

  if (format == EXPORT_BUNDLE)
    {
      if (suggested_name != NULL && suggested_name[0] != '\0')
        {
          /* Translators: the file name of an exported bundle, from a collection's name. */
          name = g_strdup_printf (_("%s.credence-bundle"), suggested_name);
          g_strdelimit (name, "/\\", '-');
        }
      else
        /* Translators: the default file name of an exported bundle. */
        name = g_strdup (_("badges.credence-bundle"));
    }

  request = g_new0 (ExportRequest, 1);
  request->format = format;
  request->uids = g_strdupv ((GStrv) uids);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

    request->window = g_object_ref (self);
    gtk_file_dialog_set_title (dialog, title);
    gtk_file_dialog_set_accept_label (dialog, _("_Export"));
    gtk_file_dialog_set_modal (dialog, TRUE);
    if (format == EXPORT_BUNDLE)
      {
        gtk_file_dialog_set_initial_name (dialog, name);
        gtk_file_dialog_save (dialog, GTK_WINDOW (self), credence_window_get_cancellable (self),
                              chosen_cb, request);
      }
    else
      gtk_file_dialog_select_folder (dialog, GTK_WINDOW (self), credence_window_get_cancellable (self),
                                     chosen_cb, request);
  }
#else
  {
    GtkFileChooserNative *chooser;

    chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                           format == EXPORT_BUNDLE ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                                   : GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                           _("_Export"), _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
    if (name != NULL)
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    g_object_set_data_full (G_OBJECT (chooser), "credence-export-request", request,
                            (GDestroyNotify) export_request_free);
    /* Disconnected if the window goes first. */
    g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  }
#endif
}

static void
export_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  choose_and_export (CREDENCE_WINDOW (widget),
                     g_str_equal (action_name, "win.export-bundle") ? EXPORT_BUNDLE : EXPORT_FILES,
                     NULL, NULL);
}

/* win.export-selected ("bundle" or "files"): the badges selected in the
 * library's selection mode.
 */
static void
export_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  g_auto(GStrv) uids = credence_window_dup_selected_uids (self);

  if (uids == NULL || uids[0] == NULL)
    return;

  choose_and_export (self, g_str_equal (g_variant_get_string (parameter, NULL), "files") ? EXPORT_FILES : EXPORT_BUNDLE,
                     NULL, (const char * const *) uids);
}

/* win.export-badges (format, suggested name, badges): for pages that
 * know their badges, as a collection's page does.
 */
static void
export_badges_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  const char *format;
  const char *name;
  g_autofree const char **uids = NULL;

  g_variant_get (parameter, "(&s&s^a&s)", &format, &name, &uids);
  if (uids == NULL || uids[0] == NULL)
    return;

  choose_and_export (CREDENCE_WINDOW (widget), g_str_equal (format, "files") ? EXPORT_FILES : EXPORT_BUNDLE,
                     name, uids);
}

void
_credence_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.linkedin-add", NULL, linkedin_action);
  gtk_widget_class_install_action (widget_class, "win.linkedin-share", NULL, linkedin_action);
  gtk_widget_class_install_action (widget_class, "win.linkedin-organization", NULL, linkedin_organization_action);
  gtk_widget_class_install_action (widget_class, "win.export-bundle", NULL, export_all_action);
  gtk_widget_class_install_action (widget_class, "win.export-files", NULL, export_all_action);
  gtk_widget_class_install_action (widget_class, "win.export-selected", "s", export_selected_action);
  gtk_widget_class_install_action (widget_class, "win.export-badges", "(ssas)", export_badges_action);
}
