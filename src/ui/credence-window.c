/* credence-window.c: the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-window"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-keyring.h"
#include "credence-ui.h"
#include "credence-window.h"

struct _CredenceWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;

  GCancellable         *cancellable;
  CredenceStore        *store;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (CredenceWindow, credence_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_page (CredenceWindow *self,
           const char     *name)
{
  gtk_spinner_set_spinning (self->spinner, g_strcmp0 (name, "loading") == 0);
  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
store_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CredenceWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceStore) store = NULL;

  store = credence_store_open_default_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (store == NULL)
    {
      g_warning ("Could not open the collection: %s", error->message);
      adw_status_page_set_description (self->error_page, error->message);
      show_page (self, "error");
      return;
    }

  self->store = g_steal_pointer (&store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  show_page (self, "empty");
}

static void
chooser_response_cb (CredenceWindow       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      guint n = g_list_model_get_n_items (files);
      g_autofree char *message = NULL;

      /* The import pipeline arrives with the store issue; until then say
       * plainly that nothing was imported rather than pretend.
       */
      message = g_strdup_printf (ngettext ("%u file chosen; importing is not available in this version yet",
                                           "%u files chosen; importing is not available in this version yet",
                                           n),
                                 n);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }

  g_clear_object (&self->chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  g_autoptr(GtkFileFilter) badges = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Import Badges"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"),
                                               _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);

  gtk_file_filter_set_name (badges, _("Badges (PNG, SVG, JSON, JWT)"));
  gtk_file_filter_add_mime_type (badges, "image/png");
  gtk_file_filter_add_mime_type (badges, "image/svg+xml");
  gtk_file_filter_add_mime_type (badges, "application/json");
  gtk_file_filter_add_mime_type (badges, "application/ld+json");
  gtk_file_filter_add_suffix (badges, "jwt");
  gtk_file_filter_add_suffix (badges, "jws");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), badges);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
credence_window_dispose (GObject *object)
{
  CredenceWindow *self = (CredenceWindow *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), CREDENCE_TYPE_WINDOW);

  G_OBJECT_CLASS (credence_window_parent_class)->dispose (object);
}

static void
credence_window_finalize (GObject *object)
{
  CredenceWindow *self = (CredenceWindow *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (credence_window_parent_class)->finalize (object);
}

static void
credence_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CredenceWindow *self = CREDENCE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
credence_window_class_init (CredenceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = credence_window_dispose;
  object_class->finalize = credence_window_finalize;
  object_class->get_property = credence_window_get_property;

  /**
   * CredenceWindow:store:
   *
   * The open collection, or %NULL while it is being opened or when it
   * could not be opened.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CREDENCE_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  credence_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/credence/Credence/credence-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, error_page);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
credence_window_init (CredenceWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  show_page (self, "loading");
  credence_store_open_default_async (NULL, self->cancellable,
                                     store_opened_cb, g_object_ref (self));
}

CredenceWindow *
credence_window_new (CredenceApplication *application)
{
  return g_object_new (CREDENCE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * credence_window_get_store:
 *
 * Returns: (transfer none) (nullable): the open collection.
 */
CredenceStore *
credence_window_get_store (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * credence_window_get_page_name:
 *
 * Returns: which page is shown: "loading", "empty" or "error".
 */
const char *
credence_window_get_page_name (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
