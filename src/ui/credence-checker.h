/* credence-checker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "credence-badge.h"
#include "credence-store.h"
#include "credence-verification.h"
#include "credence-verifier.h"

G_BEGIN_DECLS

void                       credence_checker_check_badge_async  (CredenceStore        *store,
                                                                const char           *uid,
                                                                gboolean              offline,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
CredenceStoreVerification *credence_checker_check_badge_finish (GAsyncResult         *result,
                                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;

void                       credence_checker_verify_bytes_async (CredenceStore        *store,
                                                                GBytes               *bytes,
                                                                gboolean              offline,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
CredenceVerification      *credence_checker_verify_bytes_finish (GAsyncResult        *result,
                                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;

CredenceVerifier          *credence_checker_new_verifier       (gboolean              offline) G_GNUC_WARN_UNUSED_RESULT;
void                       credence_checker_add_identities_async (CredenceStore      *store,
                                                                  CredenceVerifier   *verifier,
                                                                  GCancellable       *cancellable,
                                                                  GAsyncReadyCallback callback,
                                                                  gpointer            user_data);
gboolean                   credence_checker_add_identities_finish (GAsyncResult      *result,
                                                                   GError           **error);

GPtrArray                 *credence_checker_report_checks      (const char           *report) G_GNUC_WARN_UNUSED_RESULT;
const char                *credence_checker_check_title        (const char           *id);

G_END_DECLS
