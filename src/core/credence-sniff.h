/* credence-sniff.h: what kind of input this is, by content only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CredenceSniffType:
 * @CREDENCE_SNIFF_UNKNOWN: none of the below
 * @CREDENCE_SNIFF_PNG: the PNG signature
 * @CREDENCE_SNIFF_XML: text starting with `<` (SVG is checked by the parser)
 * @CREDENCE_SNIFF_OTHER_IMAGE: JPEG, GIF, WebP, BMP, TIFF, ICO or AVIF: a
 *   picture that cannot carry a badge
 * @CREDENCE_SNIFF_JSON: text starting with `{`
 * @CREDENCE_SNIFF_JWS: a compact JWS (three base64url segments)
 * @CREDENCE_SNIFF_URL: one http or https URL
 *
 * Text types ignore a leading UTF-8 byte order mark and surrounding white
 * space.
 */
typedef enum
{
  CREDENCE_SNIFF_UNKNOWN,
  CREDENCE_SNIFF_PNG,
  CREDENCE_SNIFF_XML,
  CREDENCE_SNIFF_OTHER_IMAGE,
  CREDENCE_SNIFF_JSON,
  CREDENCE_SNIFF_JWS,
  CREDENCE_SNIFF_URL,
} CredenceSniffType;

CredenceSniffType credence_sniff            (const guint8  *data,
                                             gsize          length);
CredenceSniffType credence_sniff_text       (const char    *data,
                                             gsize          length);
void              credence_sniff_trim       (const char   **data,
                                             gsize         *length);
gboolean          credence_sniff_is_jws     (const char    *data,
                                             gsize          length);
gboolean          credence_sniff_is_url     (const char    *data,
                                             gsize          length);

G_END_DECLS
