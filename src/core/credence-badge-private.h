/* credence-badge-private.h: what the container readers hand to the badge.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "credence-badge.h"

G_BEGIN_DECLS

/* Keywords (PNG) and namespaces (SVG) of baked badges. */
#define CREDENCE_PNG_KEYWORD_OB2 "openbadges"
#define CREDENCE_PNG_KEYWORD_OB3 "openbadgecredential"
#define CREDENCE_SVG_NS_OB2      "http://openbadges.org"
#define CREDENCE_SVG_NS_OB3      "https://purl.imsglobal.org/ob/v3p0"

/*
 * CredenceUnbaked:
 * @payload: the payload bytes exactly as stored (after decompression)
 * @chunk: PNG chunk type ("iTXt", "tEXt", "zTXt"), else %NULL
 * @name: PNG keyword or SVG element qualified name
 * @part: SVG "verify" (attribute) or "body" (text or CDATA), else %NULL
 * @offset: byte offset of the chunk (its length field) or of the element's
 *   `<`; -1 if unknown
 * @ob3: the keyword or element is the OB 3.0 one
 */
typedef struct
{
  GBytes   *payload;
  char     *chunk;
  char     *name;
  char     *part;
  gint64    offset;
  gboolean  ob3;
} CredenceUnbaked;

void _credence_unbaked_clear (CredenceUnbaked *unbaked);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CredenceUnbaked, _credence_unbaked_clear)

G_END_DECLS
