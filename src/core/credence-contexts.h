/* credence-contexts.h: the JSON-LD contexts bundled with Credence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GBytes             *credence_contexts_lookup        (const char *url) G_GNUC_WARN_UNUSED_RESULT;
const char * const *credence_contexts_list          (void);
char               *credence_contexts_normalize_url (const char *url) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
