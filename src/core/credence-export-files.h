/* credence-export-files.h: every badge as plain files: its baked picture
 * and its data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "credence-store.h"

G_BEGIN_DECLS

gboolean credence_export_files        (CredenceStore       *store,
                                       const char * const  *uids,
                                       GFile               *folder,
                                       guint               *n_written,
                                       GCancellable        *cancellable,
                                       GError             **error);
GBytes  *credence_export_baked_file   (const CredenceStoreBadge *badge,
                                       const char         **extension,
                                       GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
