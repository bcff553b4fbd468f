/* credence-ui.h: set-up shared by everything in src/ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void credence_ui_ensure_resources (void);

G_END_DECLS
