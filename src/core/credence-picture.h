/* credence-picture.h: a badge's picture, found without the network and
 * decoded with gdk-pixbuf (PNG and SVG only).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

GBytes    *credence_picture_find_bytes (const char  *container,
                                        GBytes      *original,
                                        const char  *image) G_GNUC_WARN_UNUSED_RESULT;
GdkPixbuf *credence_picture_decode     (GBytes      *bytes,
                                        int          size,
                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
