/* credence-reverifier.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "credence-badge-item.h"
#include "credence-store.h"

G_BEGIN_DECLS

#define CREDENCE_TYPE_REVERIFIER (credence_reverifier_get_type ())

G_DECLARE_FINAL_TYPE (CredenceReverifier, credence_reverifier, CREDENCE, REVERIFIER, GObject)

CredenceReverifier *credence_reverifier_new           (CredenceStore      *store,
                                                       GListModel         *badges,
                                                       GSettings          *settings) G_GNUC_WARN_UNUSED_RESULT;
void                credence_reverifier_stop          (CredenceReverifier *self);
gint64              credence_reverifier_get_period    (CredenceReverifier *self);
gint64              credence_reverifier_get_last_run  (CredenceReverifier *self);
gboolean            credence_reverifier_is_running    (CredenceReverifier *self);
guint               credence_reverifier_get_n_runs    (CredenceReverifier *self);

G_END_DECLS
