/* credence-ui.h: set-up shared by everything in src/ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void credence_ui_ensure_resources (void);
void credence_ui_show_toast       (GtkWidget  *widget,
                                   const char *text);

G_END_DECLS
