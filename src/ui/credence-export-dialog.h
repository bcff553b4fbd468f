/* credence-export-dialog.h: Export Portfolio.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "credence-store.h"

G_BEGIN_DECLS

#define CREDENCE_TYPE_EXPORT_DIALOG (credence_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CredenceExportDialog, credence_export_dialog, CREDENCE, EXPORT_DIALOG, AdwWindow)

GtkWidget  *credence_export_dialog_new          (GtkWindow            *parent,
                                                 CredenceStore        *store);
gboolean    credence_export_dialog_is_loaded    (CredenceExportDialog *self);
guint       credence_export_dialog_get_n_collections (CredenceExportDialog *self);
void        credence_export_dialog_set_folder   (CredenceExportDialog *self,
                                                 GFile                *folder);
const char *credence_export_dialog_get_page     (CredenceExportDialog *self);
const char *credence_export_dialog_get_error    (CredenceExportDialog *self);

G_END_DECLS
