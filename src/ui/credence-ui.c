/* credence-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "credence-ui.h"
#include "credence-ui-resources.h"

/**
 * credence_ui_ensure_resources:
 *
 * Registers the UI resources (templates, CSS, icons) once.  The resources
 * live in a static library, so they are registered by hand rather than by
 * a constructor that the linker could drop.
 */
void
credence_ui_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      credence_ui_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

/**
 * credence_ui_show_toast:
 * @widget: a widget inside the window's toast overlay
 * @text: what to say; plain text, not markup (names and messages can hold
 *   any character)
 *
 * Shows @text in a toast of the window @widget is in.
 */
void
credence_ui_show_toast (GtkWidget  *widget,
                        const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *markup = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
  else
    g_debug ("A toast was shown outside a toast overlay; its text is not logged");
}

/**
 * credence_ui_is_web_link:
 * @text: (nullable): a link
 *
 * Returns: whether @text is a valid http or https link
 */
gboolean
credence_ui_is_web_link (const char *text)
{
  return text != NULL &&
         (g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://")) &&
         g_uri_is_valid (text, G_URI_FLAGS_NONE, NULL);
}

/**
 * credence_ui_link_dialog_dup_link:
 * @dialog: a dialog from credence_ui_link_dialog_new()
 *
 * Returns: (transfer full): the link entered, without surrounding spaces
 */
char *
credence_ui_link_dialog_dup_link (AdwMessageDialog *dialog)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

static void
link_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *link = credence_ui_link_dialog_dup_link (dialog);
  const char *response = g_object_get_data (G_OBJECT (dialog), "credence-link-response");

  adw_message_dialog_set_response_enabled (dialog, response, credence_ui_is_web_link (link));
}

/**
 * credence_ui_link_dialog_new:
 * @parent: the window the dialog belongs to
 * @heading: the dialog's heading
 * @body: the dialog's text
 * @response: the id of the suggested response, enabled only while the
 *   entry holds a web link
 * @response_label: its label
 *
 * Makes a dialog asking for a link, with Cancel and @response.  The caller
 * connects to #AdwMessageDialog::response and presents it.
 *
 * Returns: (transfer floating): the dialog
 */
AdwMessageDialog *
credence_ui_link_dialog_new (GtkWindow  *parent,
                             const char *heading,
                             const char *body,
                             const char *response,
                             const char *response_label)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "https://");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Link"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, response, FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "credence-link-response", g_strdup (response), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (link_changed_cb), dialog);

  return dialog;
}
