/* credence-checker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "credence-badge.h"
#include "credence-store.h"
#include "credence-verification.h"
#include "credence-verifier.h"

G_BEGIN_DECLS

/**
 * CredenceCheckOutcome:
 * @badge: (nullable): the badge, when it could be read
 * @record: (nullable): @badge described as the collection would keep it
 *   (the name of its achievement, its issuer…)
 * @picture: (nullable): the badge's picture, when the file holds it
 * @report: the verification
 * @bytes: what was checked: the file's contents, or the link as text
 * @source: (nullable): the file name or link
 *
 * A badge checked without being saved.
 */
typedef struct
{
  CredenceBadge        *badge;
  CredenceStoreBadge   *record;
  GdkTexture           *picture;
  CredenceVerification *report;
  GBytes               *bytes;
  char                 *source;
} CredenceCheckOutcome;

void credence_check_outcome_free (CredenceCheckOutcome *outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredenceCheckOutcome, credence_check_outcome_free)

CredenceVerifier          *credence_checker_new_verifier       (gboolean              offline) G_GNUC_WARN_UNUSED_RESULT;
void                       credence_checker_add_identities_async (CredenceStore      *store,
                                                                  CredenceVerifier   *verifier,
                                                                  GCancellable       *cancellable,
                                                                  GAsyncReadyCallback callback,
                                                                  gpointer            user_data);
gboolean                   credence_checker_add_identities_finish (GAsyncResult      *result,
                                                                   GError           **error);

void                       credence_checker_inspect_async      (CredenceStore        *store,
                                                                GFile                *file,
                                                                GBytes               *bytes,
                                                                const char           *source,
                                                                gboolean              offline,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
CredenceCheckOutcome      *credence_checker_inspect_finish     (GAsyncResult         *result,
                                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;

GPtrArray                 *credence_checker_report_checks      (const char           *report) G_GNUC_WARN_UNUSED_RESULT;
const char                *credence_checker_check_title        (const char           *id);

G_END_DECLS
