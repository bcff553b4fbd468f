/* credence-preferences-window.c: the owner's identities (badges are
 * matched to them) and how badges are checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-preferences-window.h"

struct _CredencePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  CredenceStore        *store;
  GSettings            *settings;
  GCancellable         *cancellable;
  AdwPreferencesGroup  *identities;
  GtkWidget            *entry_row;
  GPtrArray            *rows;
};

G_DEFINE_FINAL_TYPE (CredencePreferencesWindow, credence_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void reload_identities (CredencePreferencesWindow *self);

typedef struct
{
  int                        op;     /* 0 list, 1 add, 2 remove */
  CredenceStoreIdentityType  type;
  char                      *value;
} IdentityOp;

static void
identity_op_free (IdentityOp *op)
{
  g_free (op->value);
  g_free (op);
}

static void
identity_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CredenceStore *store = source_object;
  IdentityOp *op = task_data;
  GError *error = NULL;
  GPtrArray *list;

  if (op->op == 1 && !credence_store_add_identity (store, op->type, op->value, FALSE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (op->op == 2 && !credence_store_remove_identity (store, op->type, op->value, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  list = credence_store_list_identities (store, &error);
  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify)g_ptr_array_unref);
}

static void
remove_clicked_cb (GtkButton                 *button,
                   CredencePreferencesWindow *self);

static void
identities_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CredencePreferencesWindow) self = user_data;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (list == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      reload_identities (self);
      return;
    }

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->identities, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < list->len; i++)
    {
      CredenceStoreIdentity *identity = g_ptr_array_index (list, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), identity->value);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   credence_store_identity_type_to_string (identity->type));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove Address"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove Address"), -1);
      g_object_set_data_full (G_OBJECT (button), "credence-value", g_strdup (identity->value), g_free);
      g_object_set_data (G_OBJECT (button), "credence-type", GINT_TO_POINTER (identity->type));
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->identities, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
run_op (CredencePreferencesWindow *self,
        int                        kind,
        CredenceStoreIdentityType  type,
        const char                *value)
{
  g_autoptr(GTask) task = NULL;
  IdentityOp *op = g_new0 (IdentityOp, 1);

  op->op = kind;
  op->type = type;
  op->value = g_strdup (value);
  task = g_task_new (self->store, self->cancellable, identities_cb, g_object_ref (self));
  g_task_set_source_tag (task, run_op);
  g_task_set_task_data (task, op, (GDestroyNotify)identity_op_free);
  g_task_run_in_thread (task, identity_thread);
}

static void
reload_identities (CredencePreferencesWindow *self)
{
  run_op (self, 0, CREDENCE_STORE_IDENTITY_EMAIL, NULL);
}

static void
remove_clicked_cb (GtkButton                 *button,
                   CredencePreferencesWindow *self)
{
  run_op (self, 2, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "credence-type")),
          g_object_get_data (G_OBJECT (button), "credence-value"));
}

/**
 * credence_preferences_window_add_identity:
 *
 * Adds @address (an email, a web address or a DID) as the entry row does.
 */
void
credence_preferences_window_add_identity (CredencePreferencesWindow *self,
                                          const char                *address)
{
  CredenceStoreIdentityType type = CREDENCE_STORE_IDENTITY_EMAIL;

  g_return_if_fail (CREDENCE_IS_PREFERENCES_WINDOW (self));

  if (address == NULL || *address == '\0')
    return;
  if (g_str_has_prefix (address, "did:"))
    type = CREDENCE_STORE_IDENTITY_DID;
  else if (g_str_has_prefix (address, "https://") || g_str_has_prefix (address, "http://"))
    type = CREDENCE_STORE_IDENTITY_URL;
  else if (address[0] == '+')
    type = CREDENCE_STORE_IDENTITY_TELEPHONE;

  run_op (self, 1, type, address);
}

static void
entry_apply_cb (AdwEntryRow               *row,
                CredencePreferencesWindow *self)
{
  g_autofree char *address = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  credence_preferences_window_add_identity (self, address);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

guint
credence_preferences_window_get_n_identities (CredencePreferencesWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_PREFERENCES_WINDOW (self), 0);
  return self->rows->len;
}

static void
credence_preferences_window_dispose (GObject *object)
{
  CredencePreferencesWindow *self = (CredencePreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (credence_preferences_window_parent_class)->dispose (object);
}

static void
credence_preferences_window_class_init (CredencePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = credence_preferences_window_dispose;
}

static void
credence_preferences_window_init (CredencePreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
}

GtkWidget *
credence_preferences_window_new (GtkWindow     *parent,
                                 CredenceStore *store)
{
  CredencePreferencesWindow *self;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_val_if_fail (CREDENCE_IS_STORE (store), NULL);

  self = g_object_new (CREDENCE_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "search-enabled", FALSE,
                       NULL);
  self->store = g_object_ref (store);

  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("General"));
  adw_preferences_page_set_icon_name (page, "preferences-system-symbolic");

  /* Identities */
  self->identities = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->identities, _("Your Addresses"));
  adw_preferences_group_set_description (self->identities,
                                         _("Badges are matched to these addresses. Add every email used for courses and work."));
  self->entry_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->entry_row), _("Add Email Address"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->entry_row), TRUE);
  g_signal_connect_object (self->entry_row, "apply", G_CALLBACK (entry_apply_cb), self, 0);
  g_signal_connect_object (self->entry_row, "entry-activated", G_CALLBACK (entry_apply_cb), self, 0);
  adw_preferences_group_add (self->identities, self->entry_row);
  adw_preferences_page_add (page, self->identities);

  /* Checking */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema != NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      self->settings = g_settings_new_full (schema, NULL, NULL);
      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _("Checking"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Work Offline"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Check badges only against the issuer documents saved with them."));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      g_settings_bind (self->settings, "work-offline", toggle, "active", G_SETTINGS_BIND_DEFAULT);
      adw_preferences_group_add (group, row);
      adw_preferences_page_add (page, group);
    }

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
  reload_identities (self);

  return GTK_WIDGET (self);
}
