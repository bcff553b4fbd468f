/* credence-export-dialog.c: Export Portfolio (Ctrl+E) — choose the
 * collections, pathways, name, folder and base URL; the site is written
 * by CredenceSiteExporter on a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-export-dialog.h"
#include "credence-site-exporter.h"
#include "credence-store-pathways.h"

struct _CredenceExportDialog
{
  AdwWindow             parent_instance;

  CredenceStore        *store;
  GCancellable         *cancellable;
  GFile                *folder;
  GtkFileChooserNative *chooser;
  GPtrArray            *collection_checks;  /* GtkCheckButton*, uid in "credence-uid" */
  GPtrArray            *pathway_checks;
  char                 *error;
  gboolean              loaded;
  gboolean              busy;

  GtkButton            *cancel_button;
  GtkWidget            *export_button;
  GtkStack             *stack;
  AdwEntryRow          *name_row;
  AdwPreferencesGroup  *collections_group;
  AdwPreferencesGroup  *pathways_group;
  AdwActionRow         *folder_row;
  AdwEntryRow          *base_url_row;
  GtkSwitch            *indexing_switch;
  GtkLabel             *error_label;
  GtkSpinner           *spinner;
  AdwStatusPage        *done_page;
  GtkLabel             *left_out_label;
};

G_DEFINE_FINAL_TYPE (CredenceExportDialog, credence_export_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  GPtrArray *collections;  /* CredenceCollection* */
  GPtrArray *pathways;     /* CredenceStorePathway* */
  char      *owner_name;
  char      *base_url;
} Lists;

static void
lists_free (Lists *lists)
{
  g_clear_pointer (&lists->collections, g_ptr_array_unref);
  g_clear_pointer (&lists->pathways, g_ptr_array_unref);
  g_free (lists->owner_name);
  g_free (lists->base_url);
  g_free (lists);
}

static void
show_error (CredenceExportDialog *self,
            const char           *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_actions (CredenceExportDialog *self)
{
  gboolean any = FALSE;

  for (guint i = 0; self->collection_checks != NULL && i < self->collection_checks->len; i++)
    any |= gtk_check_button_get_active (g_ptr_array_index (self->collection_checks, i));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export",
                                 self->loaded && !self->busy && any && self->folder != NULL &&
                                 g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-folder", !self->busy);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CredenceStore *store = task_data;
  Lists *lists = g_new0 (Lists, 1);
  GError *error = NULL;

  lists->collections = credence_store_list_collections (store, &error);
  if (lists->collections != NULL)
    lists->pathways = credence_store_list_pathways (store, &error);
  if (lists->pathways == NULL)
    {
      lists_free (lists);
      g_task_return_error (task, error);
      return;
    }
  lists->owner_name = credence_store_dup_meta (store, CREDENCE_SITE_META_OWNER_NAME, NULL);
  lists->base_url = credence_store_dup_meta (store, CREDENCE_SITE_META_BASE_URL, NULL);
  g_task_return_pointer (task, lists, (GDestroyNotify)lists_free);
}

static void
check_toggled_cb (CredenceExportDialog *self)
{
  update_actions (self);
}

static GtkWidget *
add_check_row (CredenceExportDialog *self,
               AdwPreferencesGroup  *group,
               GPtrArray            *checks,
               const char           *uid,
               const char           *title,
               const char           *subtitle,
               gboolean              active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (check), "credence-uid", g_strdup (uid), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (checks, check);
  adw_preferences_group_add (group, row);
  return row;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CredenceExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  Lists *lists = g_task_propagate_pointer (G_TASK (result), &error);

  if (lists == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  for (guint i = 0; i < lists->collections->len; i++)
    {
      CredenceCollection *collection = g_ptr_array_index (lists->collections, i);
      guint n = credence_collection_get_n_items (collection);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u badge", "%u badges", n), n);

      add_check_row (self, self->collections_group, self->collection_checks,
                     credence_collection_get_uid (collection), credence_collection_get_name (collection), count,
                     credence_collection_get_visibility (collection) == CREDENCE_VISIBILITY_PORTFOLIO);
    }
  if (lists->collections->len == 0)
    adw_preferences_group_set_description (self->collections_group,
                                           _("No collections yet. Make one to choose the badges to show."));

  for (guint i = 0; i < lists->pathways->len; i++)
    {
      CredenceStorePathway *pathway = g_ptr_array_index (lists->pathways, i);
      g_autofree char *progress = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u step complete",
                                                                "%u of %u steps complete", pathway->n_steps),
                                                   pathway->n_complete, pathway->n_steps);

      add_check_row (self, self->pathways_group, self->pathway_checks, pathway->uid, pathway->title,
                     progress, FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->pathways_group), lists->pathways->len > 0);

  if (lists->owner_name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), lists->owner_name);
  if (lists->base_url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), lists->base_url);

  lists_free (lists);
  self->loaded = TRUE;
  update_actions (self);
}

static void
chooser_response_cb (CredenceExportDialog *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL && g_file_peek_path (folder) != NULL)
        credence_export_dialog_set_folder (self, folder);
    }
  g_clear_object (&self->chooser);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CredenceExportDialog *self = CREDENCE_EXPORT_DIALOG (widget);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (_("Folder for the Portfolio Site"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CredenceExportDialog) self = user_data;
  CredenceSiteExporter *exporter = CREDENCE_SITE_EXPORTER (source);
  g_autoptr(GError) error = NULL;
  GPtrArray *left_out;
  GPtrArray *withheld;

  self->busy = FALSE;
  gtk_spinner_stop (self->spinner);

  if (!credence_site_exporter_export_finish (exporter, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_stack_set_visible_child_name (self->stack, "form");
      show_error (self, error->message);
      update_actions (self);
      return;
    }

  {
    guint n = credence_site_exporter_get_n_badges (exporter);
    g_autofree char *size = g_format_size (credence_site_exporter_get_bytes_written (exporter));
    g_autofree char *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u badge page written (%s).",
                                                                 "%u badge pages written (%s).", n),
                                                    n, size);

    adw_status_page_set_description (self->done_page, description);
  }

  left_out = credence_site_exporter_get_left_out (exporter);
  withheld = credence_site_exporter_get_files_withheld (exporter);
  if (left_out->len > 0 || withheld->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      /* Plain text: the lines hold badge names. */
      if (left_out->len > 0)
        g_string_append (text, _("Left out:"));
      for (guint i = 0; i < left_out->len; i++)
        g_string_append_printf (text, "\n%s", (const char *)g_ptr_array_index (left_out, i));
      if (withheld->len > 0)
        g_string_append_printf (text, "%s%s", text->len > 0 ? "\n\n" : "",
                                _("Badge data offered instead of the original picture file:"));
      for (guint i = 0; i < withheld->len; i++)
        g_string_append_printf (text, "\n%s", (const char *)g_ptr_array_index (withheld, i));
      gtk_label_set_text (self->left_out_label, text->str);
      gtk_widget_set_visible (GTK_WIDGET (self->left_out_label), TRUE);
    }

  show_error (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_widget_set_visible (self->export_button, FALSE);
  update_actions (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CredenceExportDialog *self = CREDENCE_EXPORT_DIALOG (widget);
  g_autoptr(CredenceSiteExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *base_url = gtk_editable_get_text (GTK_EDITABLE (self->base_url_row));

  if (self->busy || self->folder == NULL)
    return;

  exporter = credence_site_exporter_new (self->store);
  for (guint i = 0; i < self->collection_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->collection_checks, i);

      if (gtk_check_button_get_active (check))
        credence_site_exporter_add_collection (exporter, g_object_get_data (G_OBJECT (check), "credence-uid"));
    }
  for (guint i = 0; i < self->pathway_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->pathway_checks, i);

      if (gtk_check_button_get_active (check))
        credence_site_exporter_add_pathway (exporter, g_object_get_data (G_OBJECT (check), "credence-uid"));
    }
  credence_site_exporter_set_owner_name (exporter, *name != '\0' ? name : NULL);
  credence_site_exporter_set_allow_indexing (exporter, gtk_switch_get_active (self->indexing_switch));
  if (!credence_site_exporter_set_base_url (exporter, base_url, &error))
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->base_url_row));
      return;
    }

  self->busy = TRUE;
  show_error (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "working");
  gtk_spinner_start (self->spinner);
  update_actions (self);
  credence_site_exporter_export_async (exporter, g_file_peek_path (self->folder), self->cancellable,
                                       exported_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_warning ("Could not open the portfolio site: %s", error->message);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CredenceExportDialog *self = CREDENCE_EXPORT_DIALOG (widget);
  g_autoptr(GFile) index = NULL;
  g_autofree char *uri = NULL;

  if (self->folder == NULL)
    return;
  index = g_file_get_child (self->folder, "index.html");
  uri = g_file_get_uri (index);
  g_app_info_launch_default_for_uri_async (uri, NULL, self->cancellable, launched_cb, NULL);
}

static void
credence_export_dialog_dispose (GObject *object)
{
  CredenceExportDialog *self = (CredenceExportDialog *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->folder);

  gtk_widget_dispose_template (GTK_WIDGET (self), CREDENCE_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (credence_export_dialog_parent_class)->dispose (object);
}

static void
credence_export_dialog_finalize (GObject *object)
{
  CredenceExportDialog *self = (CredenceExportDialog *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->collection_checks, g_ptr_array_unref);
  g_clear_pointer (&self->pathway_checks, g_ptr_array_unref);
  g_free (self->error);

  G_OBJECT_CLASS (credence_export_dialog_parent_class)->finalize (object);
}

static void
credence_export_dialog_class_init (CredenceExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = credence_export_dialog_dispose;
  object_class->finalize = credence_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/credence/Credence/credence-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CredenceExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CredenceExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, CredenceExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CredenceExportDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, CredenceExportDialog, collections_group);
  gtk_widget_class_bind_template_child (widget_class, CredenceExportDialog, pathways_group);
  gtk_widget_class_bind_template_child (widget_class, CredenceExportDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, CredenceExportDialog, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, CredenceExportDialog, indexing_switch);
  gtk_widget_class_bind_template_child (widget_class, CredenceExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CredenceExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CredenceExportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, CredenceExportDialog, left_out_label);

  gtk_widget_class_install_action (widget_class, "export.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "export.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "export.open", NULL, open_action);
}

static void
credence_export_dialog_init (CredenceExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->collection_checks = g_ptr_array_new ();
  self->pathway_checks = g_ptr_array_new ();
  update_actions (self);
}

/**
 * credence_export_dialog_new:
 * @parent: the window it belongs to
 * @store: the open collection
 *
 * Returns: (transfer floating): the dialog; it reads the collections and
 *   pathways on a worker thread
 */
GtkWidget *
credence_export_dialog_new (GtkWindow     *parent,
                            CredenceStore *store)
{
  CredenceExportDialog *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (CREDENCE_IS_STORE (store), NULL);

  self = g_object_new (CREDENCE_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);

  task = g_task_new (NULL, self->cancellable, loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, credence_export_dialog_new);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, load_thread);

  return GTK_WIDGET (self);
}

gboolean
credence_export_dialog_is_loaded (CredenceExportDialog *self)
{
  g_return_val_if_fail (CREDENCE_IS_EXPORT_DIALOG (self), FALSE);
  return self->loaded;
}

guint
credence_export_dialog_get_n_collections (CredenceExportDialog *self)
{
  g_return_val_if_fail (CREDENCE_IS_EXPORT_DIALOG (self), 0);
  return self->collection_checks->len;
}

/**
 * credence_export_dialog_set_folder:
 * @folder: where the site is written
 *
 * What choosing a folder does (tests use it instead of the chooser).
 */
void
credence_export_dialog_set_folder (CredenceExportDialog *self,
                                   GFile                *folder)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (CREDENCE_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (folder));

  g_set_object (&self->folder, folder);
  shown = g_file_get_parse_name (folder);
  adw_action_row_set_subtitle (self->folder_row, shown);
  update_actions (self);
}

/**
 * credence_export_dialog_get_page:
 *
 * Returns: "form", "working" or "done"
 */
const char *
credence_export_dialog_get_page (CredenceExportDialog *self)
{
  g_return_val_if_fail (CREDENCE_IS_EXPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * credence_export_dialog_get_error:
 *
 * Returns: (nullable): the error shown on the form
 */
const char *
credence_export_dialog_get_error (CredenceExportDialog *self)
{
  g_return_val_if_fail (CREDENCE_IS_EXPORT_DIALOG (self), NULL);
  return self->error;
}
