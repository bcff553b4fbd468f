/* credence-pathway-private.h: what the pathway files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "credence-pathway.h"

G_BEGIN_DECLS

char *_credence_pathway_fold (const char *text) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
