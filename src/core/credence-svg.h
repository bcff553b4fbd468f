/* credence-svg.h: Open Badges baked into SVG elements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "credence-badge-private.h"

G_BEGIN_DECLS

gboolean credence_svg_unbake (const guint8    *data,
                              gsize            length,
                              CredenceUnbaked *out,
                              GError         **error);
GBytes  *credence_svg_bake   (const guint8    *data,
                              gsize            length,
                              gboolean         ob3,
                              const char      *verify,
                              const char      *body,
                              gsize            body_length,
                              GError         **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
