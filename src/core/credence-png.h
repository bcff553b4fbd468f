/* credence-png.h: Open Badges baked into PNG text chunks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "credence-badge-private.h"

G_BEGIN_DECLS

guint32  credence_crc32       (guint32          crc,
                               const guint8    *data,
                               gsize            length);

gboolean credence_png_unbake  (const guint8    *data,
                               gsize            length,
                               CredenceUnbaked *out,
                               GError         **error);
GBytes  *credence_png_bake    (const guint8    *data,
                               gsize            length,
                               const char      *keyword,
                               const guint8    *payload,
                               gsize            payload_length,
                               GError         **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
