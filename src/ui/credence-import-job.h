/* credence-import-job.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "credence-store.h"

G_BEGIN_DECLS

/**
 * CredenceImportStatus:
 * @CREDENCE_IMPORT_ADDED: added, and its check found nothing wrong
 * @CREDENCE_IMPORT_ADDED_WITH_PROBLEMS: added, but a check failed
 * @CREDENCE_IMPORT_DUPLICATE: already in the collection
 * @CREDENCE_IMPORT_REJECTED: not added (not a badge, unreadable…)
 */
typedef enum
{
  CREDENCE_IMPORT_ADDED,
  CREDENCE_IMPORT_ADDED_WITH_PROBLEMS,
  CREDENCE_IMPORT_DUPLICATE,
  CREDENCE_IMPORT_REJECTED,
} CredenceImportStatus;

/**
 * CredenceImportResult:
 * @source: the file name or link
 * @status: what happened
 * @uid: (nullable): the badge's id in the collection
 * @name: (nullable): the badge's name
 * @message: (nullable): why it was not added, for the learner
 */
typedef struct
{
  char                 *source;
  CredenceImportStatus  status;
  char                 *uid;
  char                 *name;
  char                 *message;
} CredenceImportResult;

#define CREDENCE_TYPE_IMPORT_JOB (credence_import_job_get_type ())

G_DECLARE_FINAL_TYPE (CredenceImportJob, credence_import_job, CREDENCE, IMPORT_JOB, GObject)

CredenceImportJob *credence_import_job_new         (CredenceStore      *store,
                                                    gboolean            offline) G_GNUC_WARN_UNUSED_RESULT;
void               credence_import_job_add_file    (CredenceImportJob  *self,
                                                    GFile              *file);
void               credence_import_job_add_bytes   (CredenceImportJob  *self,
                                                    const char         *source,
                                                    GBytes             *bytes);
void               credence_import_job_run_async   (CredenceImportJob  *self,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
GPtrArray         *credence_import_job_run_finish  (CredenceImportJob  *self,
                                                    GAsyncResult       *result,
                                                    GError            **error) G_GNUC_WARN_UNUSED_RESULT;
guint              credence_import_job_get_total   (CredenceImportJob  *self);
guint              credence_import_job_get_done    (CredenceImportJob  *self);

G_END_DECLS
