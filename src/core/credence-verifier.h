/* credence-verifier.h: verifies a badge of any Open Badges version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "credence-document-set.h"
#include "credence-loader.h"
#include "credence-verification.h"

G_BEGIN_DECLS

#define CREDENCE_TYPE_VERIFIER (credence_verifier_get_type ())

G_DECLARE_FINAL_TYPE (CredenceVerifier, credence_verifier, CREDENCE, VERIFIER, GObject)

CredenceVerifier     *credence_verifier_new              (CredenceLoader       *loader) G_GNUC_WARN_UNUSED_RESULT;
CredenceLoader       *credence_verifier_get_loader       (CredenceVerifier     *self);
CredenceVerifier     *credence_verifier_dup_offline      (CredenceVerifier     *self) G_GNUC_WARN_UNUSED_RESULT;
void                  credence_verifier_set_identities   (CredenceVerifier     *self,
                                                          const char * const   *identities);
void                  credence_verifier_set_time         (CredenceVerifier     *self,
                                                          GDateTime            *at);

CredenceVerification *credence_verifier_verify_bytes     (CredenceVerifier     *self,
                                                          GBytes               *bytes,
                                                          CredenceDocumentSet  *pins,
                                                          GCancellable         *cancellable) G_GNUC_WARN_UNUSED_RESULT;
CredenceVerification *credence_verifier_verify_url       (CredenceVerifier     *self,
                                                          const char           *url,
                                                          CredenceDocumentSet  *pins,
                                                          GCancellable         *cancellable) G_GNUC_WARN_UNUSED_RESULT;
void                  credence_verifier_verify_bytes_async (CredenceVerifier   *self,
                                                          GBytes               *bytes,
                                                          CredenceDocumentSet  *pins,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
CredenceVerification *credence_verifier_verify_finish    (CredenceVerifier     *self,
                                                          GAsyncResult         *result,
                                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
