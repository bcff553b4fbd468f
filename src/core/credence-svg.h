/* credence-svg.h: Open Badges baked into SVG elements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "credence-badge-private.h"

G_BEGIN_DECLS

/**
 * CredenceSvgContent:
 * @CREDENCE_SVG_CONTENT_PLAIN: a plain picture: drawing, links to parts
 *   of the same file, raster pictures written into it, the badge element
 * @CREDENCE_SVG_CONTENT_OTHER: something not on the allow-list (an
 *   unknown element or namespace, a DTD with declarations, markup in a
 *   comment, an encoding other than UTF-8) or XML that does not parse
 * @CREDENCE_SVG_CONTENT_EXTERNAL: a reference to another file: a link, a
 *   picture, a style sheet, a font, a DTD, a processing instruction
 * @CREDENCE_SVG_CONTENT_EMBEDDED: another document inside: a
 *   `<foreignObject>`, HTML or MathML, a `data:` document
 * @CREDENCE_SVG_CONTENT_SCRIPT: a script, an event handler, a
 *   `javascript:` link or an animation that changes a link or a handler
 *
 * What an SVG holds, from harmless to most serious; see
 * credence_svg_check_content().
 */
typedef enum
{
  CREDENCE_SVG_CONTENT_PLAIN,
  CREDENCE_SVG_CONTENT_OTHER,
  CREDENCE_SVG_CONTENT_EXTERNAL,
  CREDENCE_SVG_CONTENT_EMBEDDED,
  CREDENCE_SVG_CONTENT_SCRIPT,
} CredenceSvgContent;

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

CredenceSvgContent credence_svg_check_content (const guint8 *data,
                                               gsize         length);

G_END_DECLS
