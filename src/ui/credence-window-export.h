/* credence-window-export.h: the window's export and sharing actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "credence-window.h"

G_BEGIN_DECLS

void        _credence_window_export_class_init (GtkWidgetClass *widget_class);
const char *credence_window_get_last_uri       (CredenceWindow *self);
void        credence_window_export_bundle      (CredenceWindow     *self,
                                                const char * const *uids,
                                                GFile              *file);
void        credence_window_export_files       (CredenceWindow     *self,
                                                const char * const *uids,
                                                GFile              *folder);
gboolean    credence_window_is_exporting       (CredenceWindow     *self);

G_END_DECLS
