/* credence-bundle.h: a portable, verifiable bundle of badges.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "credence-document-set.h"
#include "credence-store.h"
#include "credence-verification.h"
#include "credence-verifier.h"

G_BEGIN_DECLS

#define CREDENCE_BUNDLE_ERROR (credence_bundle_error_quark ())

/**
 * CredenceBundleError:
 * @CREDENCE_BUNDLE_ERROR_NOT_A_BUNDLE: the file does not start with a
 *   Credence bundle header.
 * @CREDENCE_BUNDLE_ERROR_NEWER_VERSION: the bundle was written in a newer
 *   format version than this Credence reads.
 * @CREDENCE_BUNDLE_ERROR_CORRUPT: the bundle is truncated or its header
 *   damaged, so none of it can be trusted to be complete.
 * @CREDENCE_BUNDLE_ERROR_TOO_LARGE: a limit of credence-limits.h was hit.
 *
 * Errors about a bundle as a whole.  Damage to one badge of a bundle is
 * not an error: that badge alone reports it
 * (credence_bundle_get_problem()).
 */
typedef enum
{
  CREDENCE_BUNDLE_ERROR_NOT_A_BUNDLE,
  CREDENCE_BUNDLE_ERROR_NEWER_VERSION,
  CREDENCE_BUNDLE_ERROR_CORRUPT,
  CREDENCE_BUNDLE_ERROR_TOO_LARGE,
} CredenceBundleError;

/* The format version this build writes and reads. */
#define CREDENCE_BUNDLE_VERSION 1
/* Every bundle starts with these bytes. */
#define CREDENCE_BUNDLE_MAGIC "{\"format\":\"credence-bundle\""

#define CREDENCE_TYPE_BUNDLE (credence_bundle_get_type ())

G_DECLARE_FINAL_TYPE (CredenceBundle, credence_bundle, CREDENCE, BUNDLE, GObject)

GQuark                    credence_bundle_error_quark     (void);

gboolean                  credence_bundle_sniff           (const guint8         *data,
                                                           gsize                 length);

/* Writing */
CredenceBundle           *credence_bundle_new             (void) G_GNUC_WARN_UNUSED_RESULT;
void                      credence_bundle_add_badge       (CredenceBundle       *self,
                                                           const CredenceStoreBadge *badge);
GBytes                   *credence_bundle_to_bytes        (CredenceBundle       *self,
                                                           GDateTime            *exported_at) G_GNUC_WARN_UNUSED_RESULT;

gboolean                  credence_bundle_save            (CredenceBundle       *self,
                                                           GFile                *file,
                                                           GDateTime            *exported_at,
                                                           GCancellable         *cancellable,
                                                           GError              **error);
CredenceBundle           *credence_bundle_new_from_store  (CredenceStore        *store,
                                                           const char * const   *uids,
                                                           GCancellable         *cancellable,
                                                           GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void                      credence_bundle_export_async    (CredenceStore        *store,
                                                           const char * const   *uids,
                                                           GFile                *file,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean                  credence_bundle_export_finish   (GAsyncResult         *result,
                                                           guint                *n_badges,
                                                           GError              **error);

/* Reading */
CredenceBundle           *credence_bundle_new_from_bytes  (GBytes               *bytes,
                                                           GError              **error) G_GNUC_WARN_UNUSED_RESULT;
CredenceBundle           *credence_bundle_new_from_file   (GFile                *file,
                                                           GCancellable         *cancellable,
                                                           GError              **error) G_GNUC_WARN_UNUSED_RESULT;
GDateTime                *credence_bundle_get_exported_at (CredenceBundle       *self);
guint                     credence_bundle_get_n_badges    (CredenceBundle       *self);
const CredenceStoreBadge *credence_bundle_get_badge       (CredenceBundle       *self,
                                                           guint                 index);
const char               *credence_bundle_get_problem     (CredenceBundle       *self,
                                                           guint                 index);
CredenceDocumentSet      *credence_bundle_dup_documents   (CredenceBundle       *self,
                                                           guint                 index) G_GNUC_WARN_UNUSED_RESULT;
CredenceVerification     *credence_bundle_verify_badge    (CredenceBundle       *self,
                                                           guint                 index,
                                                           CredenceVerifier     *verifier,
                                                           GCancellable         *cancellable) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
