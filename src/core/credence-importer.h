/* credence-importer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "credence-badge.h"
#include "credence-bundle.h"
#include "credence-document-set.h"
#include "credence-store.h"
#include "credence-verification.h"
#include "credence-verifier.h"

G_BEGIN_DECLS

/**
 * CredenceImportStatus:
 * @CREDENCE_IMPORT_ADDED: the badge is new in the collection ("added")
 * @CREDENCE_IMPORT_DUPLICATE: the badge was already there; this
 *   verification joined its history ("duplicate")
 * @CREDENCE_IMPORT_REJECTED: not a badge, or unreadable: nothing was
 *   stored ("rejected")
 * @CREDENCE_IMPORT_REVERIFIED: a badge of the collection was verified
 *   again ("reverified")
 * @CREDENCE_IMPORT_CANCELLED: the import was cancelled before this item
 *   ("cancelled")
 *
 * What happened to one source.
 */
typedef enum
{
  CREDENCE_IMPORT_ADDED,
  CREDENCE_IMPORT_DUPLICATE,
  CREDENCE_IMPORT_REJECTED,
  CREDENCE_IMPORT_REVERIFIED,
  CREDENCE_IMPORT_CANCELLED,
} CredenceImportStatus;

/**
 * CredenceImportResult:
 * @source: the file, URL or name given
 * @status: what happened
 * @badge_uid: (nullable): the badge's id in the collection
 * @name: (nullable): the badge's name
 * @spec: (nullable): its Open Badges version
 * @verification: (nullable): the report
 * @reason: (nullable): for a rejected source, its reason code
 *   (`not-a-badge`, `malformed-image`, `invalid-data`, `unreachable`)
 * @message: (nullable): for a rejected source, a sentence for the learner
 * @previous_verdict: (nullable): re-verification: the verdict before
 * @previous_reason: (nullable): re-verification: the reason before
 * @previous_verified_at: re-verification: when the verdict before was
 *   reached, Unix seconds
 * @ms: the time spent on this source
 * @index: the position of the source among all sources of the run (after
 *   folders were expanded), from 0
 *
 * The outcome of one source of an import or one badge of a
 * re-verification.
 */
typedef struct
{
  char                 *source;
  CredenceImportStatus  status;
  char                 *badge_uid;
  char                 *name;
  char                 *spec;
  CredenceVerification *verification;
  char                 *reason;
  char                 *message;
  char                 *previous_verdict;
  char                 *previous_reason;
  gint64                previous_verified_at;
  double                ms;
  guint                 index;
} CredenceImportResult;

#define CREDENCE_TYPE_IMPORT_RESULT (credence_import_result_get_type ())

GType                 credence_import_result_get_type (void) G_GNUC_CONST;
CredenceImportResult *credence_import_result_copy     (const CredenceImportResult *self) G_GNUC_WARN_UNUSED_RESULT;
void                  credence_import_result_free     (CredenceImportResult       *self);
const char           *credence_import_status_to_string (CredenceImportStatus status);
gboolean              credence_import_result_changed  (const CredenceImportResult *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredenceImportResult, credence_import_result_free)

#define CREDENCE_TYPE_IMPORTER (credence_importer_get_type ())

G_DECLARE_FINAL_TYPE (CredenceImporter, credence_importer, CREDENCE, IMPORTER, GObject)

CredenceImporter *credence_importer_new            (CredenceStore        *store,
                                                    CredenceVerifier     *verifier) G_GNUC_WARN_UNUSED_RESULT;
void              credence_importer_set_jobs       (CredenceImporter     *self,
                                                    guint                 jobs);
void              credence_importer_set_batch_size (CredenceImporter     *self,
                                                    guint                 batch_size);

void              credence_importer_add_file       (CredenceImporter     *self,
                                                    GFile                *file);
void              credence_importer_add_url        (CredenceImporter     *self,
                                                    const char           *url);
void              credence_importer_add_bytes      (CredenceImporter     *self,
                                                    GBytes               *bytes,
                                                    const char           *name);
void              credence_importer_add_bundle     (CredenceImporter     *self,
                                                    CredenceBundle       *bundle,
                                                    const char           *name);
void              credence_importer_add_source     (CredenceImporter     *self,
                                                    const char           *source);
void              credence_importer_add_reverify   (CredenceImporter     *self,
                                                    const char           *uid);
gboolean          credence_importer_add_reverify_all (CredenceImporter   *self,
                                                      GError            **error);

guint             credence_importer_get_total      (CredenceImporter     *self);
guint             credence_importer_get_done       (CredenceImporter     *self);
const char       *credence_importer_get_current    (CredenceImporter     *self);
double            credence_importer_get_fraction   (CredenceImporter     *self);
guint             credence_importer_get_count      (CredenceImporter     *self,
                                                    CredenceImportStatus  status);

gboolean          credence_importer_run            (CredenceImporter     *self,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
void              credence_importer_run_async      (CredenceImporter     *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
CredenceStoreBadge *credence_importer_describe_badge (CredenceBadge       *badge,
                                                      CredenceDocumentSet *pins,
                                                      const char          *source) G_GNUC_WARN_UNUSED_RESULT;

gboolean          credence_importer_run_finish     (CredenceImporter     *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
