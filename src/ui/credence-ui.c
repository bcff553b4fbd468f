/* credence-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-ui"

#include "config.h"

#include <adwaita.h>

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
