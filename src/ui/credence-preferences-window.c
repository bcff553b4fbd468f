/* credence-preferences-window.c: the owner's identities (badges are
 * matched to them), how badges are checked, how the collection is
 * protected, and its backups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-passphrase.h"
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

  /* Security */
  AdwActionRow         *protection_row;
  GtkWidget            *protection_button;
  GtkWidget            *change_row;
  GtkWidget            *lock_row;
  int                   uses_passphrase;   /* -1 until known */
  GtkFileChooserNative *chooser;
  GtkWindow            *dialog;            /* the open passphrase form */
  gboolean              busy;
};

enum {
  SIGNAL_RESTORED,
  SIGNAL_PROTECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

/* Security: the passphrase forms.
 *
 * Every change of protection and every backup or restore goes through a
 * small modal form: its passphrase rows, an inline error and a button
 * that runs the work (key derivation, rekey, disk) in a GTask thread.  The
 * form stays open on an error so that the learner can correct it.
 */

typedef enum
{
  FORM_SET_PASSPHRASE,      /* keyring → passphrase */
  FORM_CHANGE_PASSPHRASE,   /* passphrase → another one */
  FORM_USE_KEYRING,         /* passphrase → keyring */
  FORM_BACKUP,
  FORM_RESTORE,
} FormKind;

typedef struct
{
  FormKind                  kind;
  CredenceStoreRestoreMode  mode;
  char                     *file;
  char                     *current;
  char                     *passphrase;
} FormOp;

static void
form_op_free (FormOp *op)
{
  g_free (op->file);
  credence_passphrase_wipe_free (op->current);
  credence_passphrase_wipe_free (op->passphrase);
  g_free (op);
}

/* Whether @passphrase opens the collection of @store (a second, short-lived
 * connection: the one in use is not touched).
 */
static gboolean
check_current_passphrase (CredenceStore  *store,
                          const char     *passphrase,
                          GError        **error)
{
  g_autofree char *dir = g_path_get_dirname (credence_store_get_path (store));
  g_autoptr(CredenceStore) other = NULL;
  g_autoptr(GError) local_error = NULL;

  other = credence_store_open_with_passphrase (dir, passphrase, &local_error);
  if (other != NULL)
    return TRUE;

  if (g_error_matches (local_error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY))
    g_set_error_literal (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY,
                         _("The current passphrase is incorrect."));
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

static void
form_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CredenceStore *store = source_object;
  FormOp *op = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (op->kind)
    {
    case FORM_SET_PASSPHRASE:
      ok = credence_store_set_passphrase (store, op->passphrase, cancellable, &error);
      break;

    case FORM_CHANGE_PASSPHRASE:
      ok = check_current_passphrase (store, op->current, &error) &&
           credence_store_set_passphrase (store, op->passphrase, cancellable, &error);
      break;

    case FORM_USE_KEYRING:
      ok = check_current_passphrase (store, op->current, &error) &&
           credence_store_use_keyring (store, cancellable, &error);
      break;

    case FORM_BACKUP:
      ok = credence_store_backup (store, op->file, op->passphrase, &error);
      break;

    case FORM_RESTORE:
      ok = credence_store_restore (store, op->file, op->passphrase, op->mode, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void update_protection (CredencePreferencesWindow *self);

static GtkWidget *
form_row (GtkWindow  *form,
          const char *name)
{
  return g_object_get_data (G_OBJECT (form), name);
}

static const char *
form_text (GtkWindow  *form,
           const char *name)
{
  GtkWidget *row = form_row (form, name);

  return row != NULL ? gtk_editable_get_text (GTK_EDITABLE (row)) : NULL;
}

static void
form_set_busy (GtkWindow *form,
               gboolean   busy)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (form), "credence-ok");
  GtkWidget *spinner = g_object_get_data (G_OBJECT (form), "credence-spinner");
  static const char * const names[] = { "current", "passphrase", "confirm" };

  /* Not insensitive: a focused entry would lose its focus. */
  gtk_widget_set_sensitive (button, !busy);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (form_row (form, names[i]) != NULL)
      gtk_editable_set_editable (GTK_EDITABLE (form_row (form, names[i])), !busy);
  gtk_widget_set_visible (spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), busy);
}

static void
form_show_error (GtkWindow  *form,
                 const char *message,
                 const char *focus)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (form), "credence-error");

  gtk_label_set_label (GTK_LABEL (label), message);
  gtk_widget_set_visible (label, message != NULL);
  if (focus != NULL && form_row (form, focus) != NULL)
    gtk_widget_grab_focus (form_row (form, focus));
}

static void
form_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CredencePreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *form = g_object_get_data (G_OBJECT (result), "credence-form");
  FormOp *op = g_task_get_task_data (G_TASK (result));
  const char *message = NULL;

  self->busy = FALSE;
  /* The form may have been closed meanwhile. */
  if (form != self->dialog)
    form = NULL;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (form != NULL)
        {
          form_set_busy (form, FALSE);
          form_show_error (form, error->message,
                           op->kind == FORM_CHANGE_PASSPHRASE || op->kind == FORM_USE_KEYRING
                           ? "current" : "passphrase");
        }
      else
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  switch (op->kind)
    {
    case FORM_SET_PASSPHRASE:
      message = _("The collection is now protected by a passphrase");
      self->uses_passphrase = TRUE;
      g_signal_emit (self, signals[SIGNAL_PROTECTION_CHANGED], 0, TRUE);
      break;

    case FORM_CHANGE_PASSPHRASE:
      message = _("Passphrase changed");
      break;

    case FORM_USE_KEYRING:
      message = _("The collection now unlocks with your login");
      self->uses_passphrase = FALSE;
      g_signal_emit (self, signals[SIGNAL_PROTECTION_CHANGED], 0, FALSE);
      break;

    case FORM_BACKUP:
      message = _("Backup saved");
      break;

    case FORM_RESTORE:
      message = op->mode == CREDENCE_STORE_RESTORE_REPLACE
                ? _("Collection replaced by the backup")
                : _("Backup merged into the collection");
      g_signal_emit (self, signals[SIGNAL_RESTORED], 0);
      break;

    default:
      g_assert_not_reached ();
    }

  update_protection (self);
  if (form != NULL)
    gtk_window_destroy (form);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
form_run (CredencePreferencesWindow *self,
          GtkWindow                 *form,
          FormOp                    *op)
{
  g_autoptr(GTask) task = NULL;

  self->busy = TRUE;
  form_show_error (form, NULL, NULL);
  form_set_busy (form, TRUE);

  task = g_task_new (self->store, self->cancellable, form_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, form_run);
  g_task_set_task_data (task, op, (GDestroyNotify)form_op_free);
  g_object_set_data_full (G_OBJECT (task), "credence-form", g_object_ref (form), g_object_unref);
  g_task_run_in_thread (task, form_thread);
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWindow        *form)
{
  CredencePreferencesWindow *self = g_object_get_data (G_OBJECT (form), "credence-self");
  FormOp *op = g_object_steal_data (G_OBJECT (dialog), "credence-op");

  if (op == NULL)
    return;
  if (g_strcmp0 (response, "replace") == 0 && self != NULL && !self->busy)
    form_run (self, form, op);
  else
    form_op_free (op);
}

static void
form_ok_cb (GtkWindow *form)
{
  CredencePreferencesWindow *self = g_object_get_data (G_OBJECT (form), "credence-self");
  FormKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (form), "credence-kind"));
  const char *current = form_text (form, "current");
  const char *passphrase = form_text (form, "passphrase");
  const char *confirm = form_text (form, "confirm");
  FormOp *op;

  if (self == NULL || self->busy)
    return;

  if (current != NULL && *current == '\0')
    {
      form_show_error (form, _("Enter the current passphrase."), "current");
      return;
    }
  if (passphrase != NULL && *passphrase == '\0')
    {
      form_show_error (form, _("Enter a passphrase."), "passphrase");
      return;
    }
  if (confirm != NULL && g_strcmp0 (passphrase, confirm) != 0)
    {
      form_show_error (form, _("The passphrases do not match."), "confirm");
      return;
    }

  op = g_new0 (FormOp, 1);
  op->kind = kind;
  op->file = g_strdup (g_object_get_data (G_OBJECT (form), "credence-file"));
  op->current = g_strdup (current);
  op->passphrase = g_strdup (passphrase);

  if (kind == FORM_RESTORE &&
      adw_combo_row_get_selected (ADW_COMBO_ROW (form_row (form, "mode"))) == 1)
    {
      GtkWidget *dialog;

      /* Replacing loses what is not in the backup: ask first. */
      op->mode = CREDENCE_STORE_RESTORE_REPLACE;
      dialog = adw_message_dialog_new (form, _("Replace Your Collection?"),
                                       _("Badges, collections and addresses that are not in the "
                                         "backup will be removed. This cannot be undone."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "replace", _("_Replace"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
      g_object_set_data_full (G_OBJECT (dialog), "credence-op", op, (GDestroyNotify)form_op_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), form, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  op->mode = CREDENCE_STORE_RESTORE_MERGE;
  form_run (self, form, op);
}

static void
form_entry_activated_cb (GtkWidget *row,
                         GtkWindow *form)
{
  static const char * const order[] = { "current", "passphrase", "confirm" };
  gboolean after = FALSE;

  /* Enter moves to the next field, and runs the form from the last. */
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      GtkWidget *other = form_row (form, order[i]);

      if (after && other != NULL)
        {
          gtk_widget_grab_focus (other);
          return;
        }
      after |= other == row;
    }

  form_ok_cb (form);
}

static void
form_destroy_cb (GtkWindow                 *form,
                 CredencePreferencesWindow *self)
{
  if (self->dialog == form)
    self->dialog = NULL;
}

static GtkWidget *
form_add_password (GtkWindow           *form,
                   AdwPreferencesGroup *group,
                   const char          *name,
                   const char          *title)
{
  GtkWidget *row = adw_password_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  g_signal_connect (row, "entry-activated", G_CALLBACK (form_entry_activated_cb), form);
  adw_preferences_group_add (group, row);
  g_object_set_data (G_OBJECT (form), name, row);

  return row;
}

/* Opens the form for @kind; @file is the backup for FORM_BACKUP and
 * FORM_RESTORE.
 */
static GtkWindow *
open_form (CredencePreferencesWindow *self,
           FormKind                   kind,
           GFile                     *file)
{
  GtkWidget *form, *box, *header, *cancel, *ok, *spinner, *clamp, *content, *label, *error;
  AdwPreferencesGroup *group;
  const char *title = NULL, *description = NULL, *ok_label = NULL;

  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);

  switch (kind)
    {
    case FORM_SET_PASSPHRASE:
      title = _("Use a Passphrase");
      description = _("Credence will ask for it each time it opens. If you forget it, only a "
                      "backup can bring your badges back.");
      ok_label = _("_Use Passphrase");
      break;
    case FORM_CHANGE_PASSPHRASE:
      title = _("Change Passphrase");
      description = _("Enter the current passphrase, then choose a new one.");
      ok_label = _("_Change");
      break;
    case FORM_USE_KEYRING:
      title = _("Unlock With Your Login");
      description = _("The key is kept in your login keyring, and Credence opens without asking. "
                      "Enter the current passphrase to confirm.");
      ok_label = _("_Use Keyring");
      break;
    case FORM_BACKUP:
      title = _("Back Up Collection");
      description = _("Choose a passphrase for the backup. Keep it safe: without it the backup "
                      "cannot be restored.");
      ok_label = _("_Back Up");
      break;
    case FORM_RESTORE:
      title = _("Restore From Backup");
      description = _("Enter the passphrase chosen when the backup was made.");
      ok_label = _("_Restore");
      break;
    default:
      g_assert_not_reached ();
    }

  form = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (form), title);
  gtk_window_set_modal (GTK_WINDOW (form), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (form), GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (form), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (form), 420, -1);
  g_object_set_data (G_OBJECT (form), "credence-kind", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (form), "credence-self", self);
  if (file != NULL)
    g_object_set_data_full (G_OBJECT (form), "credence-file", g_file_get_path (file), g_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), form);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  ok = gtk_button_new_with_mnemonic (ok_label);
  gtk_widget_add_css_class (ok, kind == FORM_USE_KEYRING ? "destructive-action" : "suggested-action");
  g_signal_connect_swapped (ok, "clicked", G_CALLBACK (form_ok_cb), form);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), ok);
  spinner = gtk_spinner_new ();
  gtk_widget_set_visible (spinner, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Working…"), -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), spinner);
  gtk_box_append (GTK_BOX (box), header);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 400);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 24);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  label = gtk_label_new (description);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (content), label);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  switch (kind)
    {
    case FORM_SET_PASSPHRASE:
    case FORM_BACKUP:
      form_add_password (GTK_WINDOW (form), group, "passphrase", _("Passphrase"));
      form_add_password (GTK_WINDOW (form), group, "confirm", _("Confirm Passphrase"));
      break;
    case FORM_CHANGE_PASSPHRASE:
      form_add_password (GTK_WINDOW (form), group, "current", _("Current Passphrase"));
      form_add_password (GTK_WINDOW (form), group, "passphrase", _("New Passphrase"));
      form_add_password (GTK_WINDOW (form), group, "confirm", _("Confirm New Passphrase"));
      break;
    case FORM_USE_KEYRING:
      form_add_password (GTK_WINDOW (form), group, "current", _("Current Passphrase"));
      break;
    case FORM_RESTORE:
      {
        const char *modes[] = { _("Merge With Collection"), _("Replace Collection"), NULL };
        GtkWidget *row = adw_combo_row_new ();

        form_add_password (GTK_WINDOW (form), group, "passphrase", _("Backup Passphrase"));
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Restore"));
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     _("Merging keeps the badges you have and adds the backup’s."));
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (modes)));
        g_object_unref (adw_combo_row_get_model (ADW_COMBO_ROW (row)));
        gtk_widget_set_name (row, "mode");
        adw_preferences_group_add (group, row);
        g_object_set_data (G_OBJECT (form), "mode", row);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (group));

  error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (error), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Error"), -1);
  gtk_box_append (GTK_BOX (content), error);

  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_box_append (GTK_BOX (box), clamp);
  adw_window_set_content (ADW_WINDOW (form), box);

  g_object_set_data (G_OBJECT (form), "credence-ok", ok);
  g_object_set_data (G_OBJECT (form), "credence-spinner", spinner);
  g_object_set_data (G_OBJECT (form), "credence-error", error);
  g_signal_connect_object (form, "destroy", G_CALLBACK (form_destroy_cb), self, 0);

  self->dialog = GTK_WINDOW (form);
  gtk_window_present (GTK_WINDOW (form));
  if (gtk_widget_get_first_child (GTK_WIDGET (group)) != NULL)
    gtk_widget_grab_focus (form_row (GTK_WINDOW (form),
                                     form_row (GTK_WINDOW (form), "current") != NULL ? "current" : "passphrase"));

  return GTK_WINDOW (form);
}

static void
update_protection (CredencePreferencesWindow *self)
{
  gboolean known = self->uses_passphrase >= 0;

  gtk_widget_set_sensitive (self->protection_button, known);
  gtk_widget_set_visible (self->change_row, self->uses_passphrase == TRUE);
  /* The keyring unlocks with the login: only a passphrase locks. */
  if (self->lock_row != NULL)
    gtk_widget_set_sensitive (self->lock_row, self->uses_passphrase == TRUE);
  if (!known)
    return;

  if (self->uses_passphrase)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->protection_row), _("Passphrase"));
      adw_action_row_set_subtitle (self->protection_row, _("Asked for each time Credence opens"));
      gtk_button_set_label (GTK_BUTTON (self->protection_button), _("Use _Keyring…"));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->protection_row), _("Keyring"));
      adw_action_row_set_subtitle (self->protection_row, _("Unlocks with your login"));
      gtk_button_set_label (GTK_BUTTON (self->protection_button), _("Use a _Passphrase…"));
    }
}

static void
protection_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autofree char *dir = g_path_get_dirname (credence_store_get_path (source_object));

  g_task_return_int (task, credence_store_uses_passphrase (dir));
}

static void
protection_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CredencePreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gssize uses = g_task_propagate_int (G_TASK (result), &error);

  if (error != NULL)
    return;

  self->uses_passphrase = uses != 0;
  update_protection (self);
}

static void
protection_clicked_cb (CredencePreferencesWindow *self)
{
  open_form (self, self->uses_passphrase ? FORM_USE_KEYRING : FORM_SET_PASSPHRASE, NULL);
}

static void
change_clicked_cb (CredencePreferencesWindow *self)
{
  open_form (self, FORM_CHANGE_PASSPHRASE, NULL);
}

static void
chooser_response_cb (CredencePreferencesWindow *self,
                     int                        response,
                     GtkFileChooserNative      *chooser)
{
  FormKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "credence-kind"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL && g_file_peek_path (file) != NULL)
        open_form (self, kind, file);
    }

  g_clear_object (&self->chooser);
}

static void
choose_file (CredencePreferencesWindow *self,
             FormKind                   kind)
{
  gboolean backup = kind == FORM_BACKUP;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (backup ? _("Back Up Collection") : _("Restore From Backup"),
                                               GTK_WINDOW (self),
                                               backup ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                      : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               backup ? _("_Save") : _("_Open"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Credence Backups"));
  gtk_file_filter_add_suffix (filter, "credence-backup");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (backup)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
      /* Translators: the file name of a backup; %s is the date, 2026-03-03. */
      g_autofree char *name = g_strdup_printf (_("Credence Backup %s.credence-backup"), date);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  else
    {
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
    }

  g_object_set_data (G_OBJECT (self->chooser), "credence-kind", GINT_TO_POINTER (kind));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
backup_clicked_cb (CredencePreferencesWindow *self)
{
  choose_file (self, FORM_BACKUP);
}

static void
restore_clicked_cb (CredencePreferencesWindow *self)
{
  choose_file (self, FORM_RESTORE);
}

/**
 * credence_preferences_window_back_up_to:
 * @file: where to write the backup
 *
 * Opens the backup form for @file, as choosing it in the file chooser of
 * Back Up Now… does.
 *
 * Returns: (transfer none): the form
 */
GtkWindow *
credence_preferences_window_back_up_to (CredencePreferencesWindow *self,
                                        GFile                     *file)
{
  g_return_val_if_fail (CREDENCE_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return open_form (self, FORM_BACKUP, file);
}

/**
 * credence_preferences_window_restore_from:
 * @file: a backup
 *
 * Opens the restore form for @file, as choosing it in the file chooser of
 * Restore… does.
 *
 * Returns: (transfer none): the form
 */
GtkWindow *
credence_preferences_window_restore_from (CredencePreferencesWindow *self,
                                          GFile                     *file)
{
  g_return_val_if_fail (CREDENCE_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return open_form (self, FORM_RESTORE, file);
}

/**
 * credence_preferences_window_get_uses_passphrase:
 *
 * Returns: 1 when the collection is protected by a passphrase, 0 when by
 *   the keyring, -1 while not known yet
 */
int
credence_preferences_window_get_uses_passphrase (CredencePreferencesWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_PREFERENCES_WINDOW (self), -1);
  return self->uses_passphrase;
}

/**
 * credence_preferences_window_is_busy:
 *
 * Returns: whether a form's work is running
 */
gboolean
credence_preferences_window_is_busy (CredencePreferencesWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_PREFERENCES_WINDOW (self), FALSE);
  return self->busy;
}

/**
 * credence_preferences_window_get_form:
 *
 * Returns: (transfer none) (nullable): the open passphrase form
 */
GtkWindow *
credence_preferences_window_get_form (CredencePreferencesWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_PREFERENCES_WINDOW (self), NULL);
  return self->dialog;
}

static GtkWidget *
add_button_row (AdwPreferencesGroup *group,
                const char          *title,
                const char          *subtitle,
                const char          *button_label,
                GtkWidget          **button_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (button_label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (group, row);
  *button_out = button;

  return row;
}

/* Lock After: minutes as a combo row over the setting. */
static const guint lock_minutes[] = { 0, 5, 15, 30, 60 };

static gboolean
lock_after_get_mapping (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  guint minutes = g_variant_get_uint32 (variant);

  /* A value set elsewhere shows as the next longer choice. */
  for (guint i = 0; i < G_N_ELEMENTS (lock_minutes); i++)
    if (minutes <= lock_minutes[i])
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, G_N_ELEMENTS (lock_minutes) - 1);
  return TRUE;
}

static GVariant *
lock_after_set_mapping (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return i < G_N_ELEMENTS (lock_minutes) ? g_variant_new_uint32 (lock_minutes[i]) : NULL;
}

static AdwPreferencesGroup *
build_security (CredencePreferencesWindow *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *button;

  adw_preferences_group_set_title (group, _("Security"));
  self->protection_row = ADW_ACTION_ROW (add_button_row (group, _("Protection"), NULL,
                                                         _("Use a _Passphrase…"),
                                                         &self->protection_button));
  g_signal_connect_object (self->protection_button, "clicked", G_CALLBACK (protection_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  self->change_row = add_button_row (group, _("Passphrase"), NULL, _("_Change…"), &button);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Change Passphrase"), -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (change_clicked_cb), self, G_CONNECT_SWAPPED);

  if (self->settings != NULL)
    {
      const char *names[] = { _("Never"), _("5 Minutes"), _("15 Minutes"), _("30 Minutes"), _("1 Hour"), NULL };

      self->lock_row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lock_row), _("Lock After"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->lock_row),
                                   _("With a passphrase, the collection locks when Credence is not used for this long."));
      adw_combo_row_set_model (ADW_COMBO_ROW (self->lock_row), G_LIST_MODEL (gtk_string_list_new (names)));
      g_object_unref (adw_combo_row_get_model (ADW_COMBO_ROW (self->lock_row)));
      g_settings_bind_with_mapping (self->settings, "lock-after", self->lock_row, "selected",
                                    G_SETTINGS_BIND_DEFAULT,
                                    lock_after_get_mapping, lock_after_set_mapping, NULL, NULL);
      adw_preferences_group_add (group, self->lock_row);
    }

  add_button_row (group, _("Back Up"),
                  _("Write the whole collection to one encrypted file."),
                  _("_Back Up Now…"), &button);
  g_signal_connect_object (button, "clicked", G_CALLBACK (backup_clicked_cb), self, G_CONNECT_SWAPPED);
  add_button_row (group, _("Restore"),
                  _("Merge a backup into the collection, or replace the collection with it."),
                  _("_Restore…"), &button);
  g_signal_connect_object (button, "clicked", G_CALLBACK (restore_clicked_cb), self, G_CONNECT_SWAPPED);

  update_protection (self);

  return group;
}

/* Checking: the re-check interval as a combo row over the setting. */
static const char * const intervals[] = { "never", "daily", "weekly", "monthly" };

static gboolean
interval_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *interval = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    if (g_str_equal (intervals[i], interval))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
interval_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return i < G_N_ELEMENTS (intervals) ? g_variant_new_string (intervals[i]) : NULL;
}

static void
add_switch_row (CredencePreferencesWindow *self,
                AdwPreferencesGroup       *group,
                const char                *key,
                const char                *title,
                const char                *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_settings_bind (self->settings, key, toggle, "active", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (group, row);
}

static AdwPreferencesGroup *
build_checking (CredencePreferencesWindow *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const char *names[] = { _("Never"), _("Daily"), _("Weekly"), _("Monthly"), NULL };
  GtkWidget *row;

  adw_preferences_group_set_title (group, _("Checking"));
  add_switch_row (self, group, "work-offline", _("Work Offline"),
                  _("Check badges only against the issuer documents saved with them."));

  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Check Again Automatically"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("While Credence runs, so that revoked and expired badges are noticed."));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (names)));
  g_object_unref (adw_combo_row_get_model (ADW_COMBO_ROW (row)));
  g_settings_bind_with_mapping (self->settings, "reverify-interval", row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                interval_get_mapping, interval_set_mapping, NULL, NULL);
  adw_preferences_group_add (group, row);

  add_switch_row (self, group, "notify-changes", _("Notify When a Badge Changes"),
                  _("A notification when a badge is revoked, expires or cannot be confirmed."));

  return group;
}

static void
credence_preferences_window_dispose (GObject *object)
{
  CredencePreferencesWindow *self = (CredencePreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
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

  /**
   * CredencePreferencesWindow::restored:
   *
   * A backup was restored into the collection: what it holds changed.
   */
  signals[SIGNAL_RESTORED] =
    g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CredencePreferencesWindow::protection-changed:
   * @uses_passphrase: whether the collection is now protected by a passphrase
   *
   * The collection moved between the keyring and a passphrase.
   */
  signals[SIGNAL_PROTECTION_CHANGED] =
    g_signal_new ("protection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
credence_preferences_window_init (CredencePreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->uses_passphrase = -1;
}

GtkWidget *
credence_preferences_window_new (GtkWindow     *parent,
                                 CredenceStore *store)
{
  CredencePreferencesWindow *self;
  AdwPreferencesPage *page;
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
      self->settings = g_settings_new_full (schema, NULL, NULL);
      adw_preferences_page_add (page, build_checking (self));
    }

  /* Security */
  adw_preferences_page_add (page, build_security (self));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
  reload_identities (self);

  {
    g_autoptr(GTask) task = g_task_new (self->store, self->cancellable, protection_read_cb, g_object_ref (self));

    g_task_set_source_tag (task, credence_preferences_window_new);
    g_task_run_in_thread (task, protection_thread);
  }

  return GTK_WIDGET (self);
}
