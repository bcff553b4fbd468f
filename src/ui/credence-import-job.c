/* credence-import-job.c: adds files, folders and pasted data to the
 * collection on a worker thread: read, unbake, check, store (badge,
 * documents and verification together), with progress for the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-import-job"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-badge.h"
#include "credence-checker.h"
#include "credence-import-job.h"
#include "credence-limits.h"

/* Folders are searched this deep, for at most this many files. */
#define FOLDER_DEPTH 8
#define FOLDER_FILES 20000

struct _CredenceImportJob
{
  GObject        parent_instance;

  CredenceStore *store;
  gboolean       offline;
  GPtrArray     *files;     /* GFile */
  GPtrArray     *data;      /* Pasted (source, GBytes) pairs */
  guint          total;
  guint          done;      /* written from the UI thread only */
};

typedef struct
{
  char   *source;
  GBytes *bytes;
} Pasted;

G_DEFINE_FINAL_TYPE (CredenceImportJob, credence_import_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOTAL,
  PROP_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pasted_free (Pasted *pasted)
{
  g_free (pasted->source);
  g_bytes_unref (pasted->bytes);
  g_free (pasted);
}

static void
result_free (CredenceImportResult *result)
{
  g_free (result->source);
  g_free (result->uid);
  g_free (result->name);
  g_free (result->message);
  g_free (result);
}

static void
credence_import_job_finalize (GObject *object)
{
  CredenceImportJob *self = (CredenceImportJob *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->data, g_ptr_array_unref);

  G_OBJECT_CLASS (credence_import_job_parent_class)->finalize (object);
}

static void
credence_import_job_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CredenceImportJob *self = CREDENCE_IMPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;

    case PROP_DONE:
      g_value_set_uint (value, self->done);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
credence_import_job_class_init (CredenceImportJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = credence_import_job_finalize;
  object_class->get_property = credence_import_job_get_property;

  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DONE] =
    g_param_spec_uint ("done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
credence_import_job_init (CredenceImportJob *self)
{
  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->data = g_ptr_array_new_with_free_func ((GDestroyNotify)pasted_free);
}

/**
 * credence_import_job_new:
 * @offline: check the badges without the network
 */
CredenceImportJob *
credence_import_job_new (CredenceStore *store,
                         gboolean       offline)
{
  CredenceImportJob *self;

  g_return_val_if_fail (CREDENCE_IS_STORE (store), NULL);

  self = g_object_new (CREDENCE_TYPE_IMPORT_JOB, NULL);
  self->store = g_object_ref (store);
  self->offline = offline;

  return self;
}

/**
 * credence_import_job_add_file:
 *
 * Adds a file, or a folder whose files are all tried.
 */
void
credence_import_job_add_file (CredenceImportJob *self,
                              GFile             *file)
{
  g_return_if_fail (CREDENCE_IS_IMPORT_JOB (self));
  g_return_if_fail (G_IS_FILE (file));

  g_ptr_array_add (self->files, g_object_ref (file));
}

/**
 * credence_import_job_add_bytes:
 * @source: what to call it in the summary ("Pasted image")
 *
 * Adds pasted or dropped data: an image, JSON, a JWT or a link.
 */
void
credence_import_job_add_bytes (CredenceImportJob *self,
                               const char        *source,
                               GBytes            *bytes)
{
  Pasted *pasted;

  g_return_if_fail (CREDENCE_IS_IMPORT_JOB (self));
  g_return_if_fail (bytes != NULL);

  pasted = g_new0 (Pasted, 1);
  pasted->source = g_strdup (source);
  pasted->bytes = g_bytes_ref (bytes);
  g_ptr_array_add (self->data, pasted);
}

guint
credence_import_job_get_total (CredenceImportJob *self)
{
  g_return_val_if_fail (CREDENCE_IS_IMPORT_JOB (self), 0);
  return self->total;
}

guint
credence_import_job_get_done (CredenceImportJob *self)
{
  g_return_val_if_fail (CREDENCE_IS_IMPORT_JOB (self), 0);
  return self->done;
}

typedef struct
{
  CredenceImportJob *job;
  guint              total;
  guint              done;
} Progress;

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->job);
  g_free (progress);
}

static gboolean
report_progress_cb (gpointer user_data)
{
  Progress *progress = user_data;
  CredenceImportJob *self = progress->job;

  if (self->total != progress->total)
    {
      self->total = progress->total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  if (self->done != progress->done)
    {
      self->done = progress->done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
    }

  return G_SOURCE_REMOVE;
}

static void
report_progress (GTask *task,
                 guint  total,
                 guint  done)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->job = g_object_ref (g_task_get_source_object (task));
  progress->total = total;
  progress->done = done;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              report_progress_cb, progress, (GDestroyNotify)progress_free);
}

static void
collect_files (GFile        *file,
               guint         depth,
               GPtrArray    *out,
               GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileType type;

  if (out->len >= FOLDER_FILES || g_cancellable_is_cancelled (cancellable))
    return;

  type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable);
  if (type != G_FILE_TYPE_DIRECTORY)
    {
      g_ptr_array_add (out, g_object_ref (file));
      return;
    }

  if (depth >= FOLDER_DEPTH)
    return;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                        G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  while (children != NULL)
    {
      GFileInfo *info;
      GFile *child;

      if (!g_file_enumerator_iterate (children, &info, &child, cancellable, NULL) || info == NULL)
        break;
      if (!g_file_info_get_is_hidden (info))
        collect_files (child, depth + 1, out, cancellable);
    }
}

static CredenceImportResult *
import_one (CredenceImportJob *self,
            const char        *source,
            GBytes            *bytes,
            GCancellable      *cancellable)
{
  CredenceImportResult *result = g_new0 (CredenceImportResult, 1);
  g_autoptr(CredenceBadge) badge = NULL;
  g_autoptr(CredenceStoreBadge) entry = NULL;
  g_autoptr(CredenceVerification) report = NULL;
  g_autoptr(CredenceDocumentSet) pins = credence_document_set_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *existing = NULL;
  gint64 start = g_get_monotonic_time ();

  result->source = g_strdup (source);
  result->status = CREDENCE_IMPORT_REJECTED;

  badge = credence_badge_new_from_bytes (bytes, source, &error);
  if (badge == NULL)
    {
      result->message = g_strdup (error->message);
      return result;
    }
  result->name = g_strdup (credence_badge_get_name (badge));

  existing = credence_store_find_badge (self->store, credence_badge_get_id (badge),
                                        credence_badge_get_payload (badge), NULL);
  if (existing != NULL)
    {
      result->status = CREDENCE_IMPORT_DUPLICATE;
      result->uid = g_steal_pointer (&existing);
      return result;
    }

  /* A badge that can be read is kept even when a check fails, with the
   * report that says why.
   */
  report = credence_checker_verify_sync (self->store, bytes, pins, self->offline, cancellable);
  entry = credence_checker_store_badge_new (badge, source);
  credence_checker_add_report (entry, report, !self->offline, (g_get_monotonic_time () - start) / 1000.0);

  if (!credence_store_add_badge (self->store, entry, &error))
    {
      result->message = g_strdup (error->message);
      return result;
    }

  result->uid = g_strdup (entry->uid);
  if (entry->duplicate)
    result->status = CREDENCE_IMPORT_DUPLICATE;
  else if (credence_verification_get_verdict (report) == CREDENCE_VERDICT_INVALID)
    {
      result->status = CREDENCE_IMPORT_ADDED_WITH_PROBLEMS;
      result->message = g_strdup (credence_reason_get_title (credence_verification_get_reason (report)));
    }
  else
    result->status = CREDENCE_IMPORT_ADDED;

  return result;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  CredenceImportJob *self = source_object;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify)result_free);
  guint total, done = 0;

  for (guint i = 0; i < self->files->len; i++)
    collect_files (g_ptr_array_index (self->files, i), 0, files, cancellable);

  total = files->len + self->data->len;
  report_progress (task, total, 0);

  for (guint i = 0; i < self->data->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      Pasted *pasted = g_ptr_array_index (self->data, i);

      g_ptr_array_add (results, import_one (self, pasted->source, pasted->bytes, cancellable));
      report_progress (task, total, ++done);
    }

  for (guint i = 0; i < files->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                cancellable, &error);
      if (info != NULL && g_file_info_get_size (info) > CREDENCE_LIMIT_INPUT_SIZE)
        {
          CredenceImportResult *result = g_new0 (CredenceImportResult, 1);

          result->source = g_strdup (name);
          result->status = CREDENCE_IMPORT_REJECTED;
          result->message = g_strdup (_("The file is too large to be a badge."));
          g_ptr_array_add (results, result);
        }
      else if (info == NULL || (bytes = g_file_load_bytes (file, cancellable, NULL, &error)) == NULL)
        {
          CredenceImportResult *result = g_new0 (CredenceImportResult, 1);

          result->source = g_strdup (name);
          result->status = CREDENCE_IMPORT_REJECTED;
          result->message = g_strdup (error->message);
          g_ptr_array_add (results, result);
        }
      else
        g_ptr_array_add (results, import_one (self, name, bytes, cancellable));

      report_progress (task, total, ++done);
    }

  /* A cancelled import keeps what was finished: it is in the results. */
  g_task_return_pointer (task, results, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * credence_import_job_run_async:
 *
 * Imports everything added, one at a time, on a worker thread.  The
 * "done" and "total" properties follow on the calling thread.
 */
void
credence_import_job_run_async (CredenceImportJob   *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CREDENCE_IS_IMPORT_JOB (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, credence_import_job_run_async);
  /* Finished badges are reported even when cancelled. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

/**
 * credence_import_job_run_finish:
 *
 * Returns: (transfer full) (element-type CredenceImportResult): one result
 *   per file or pasted item handled, in order
 */
GPtrArray *
credence_import_job_run_finish (CredenceImportJob  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
