/* credence-ui.h: set-up shared by everything in src/ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void credence_ui_ensure_resources (void);
void credence_ui_show_toast       (GtkWidget  *widget,
                                   const char *text);

gboolean          credence_ui_is_web_link       (const char *text);
AdwMessageDialog *credence_ui_link_dialog_new   (GtkWindow  *parent,
                                                 const char *heading,
                                                 const char *body,
                                                 const char *response,
                                                 const char *response_label);
char             *credence_ui_link_dialog_dup_link (AdwMessageDialog *dialog);

G_END_DECLS
