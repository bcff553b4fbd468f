/* credence-paths.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *credence_paths_get_data_dir    (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean  credence_paths_ensure_private_dir (const char  *path,
                                             GError     **error);

G_END_DECLS
