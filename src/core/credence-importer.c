/* credence-importer.c: brings badges into the collection and verifies
 * them again.
 *
 * Each source is read, unbaked and verified on a bounded pool of worker
 * threads; the thread that runs the import is the only writer: it commits
 * finished badges in batches, each badge with its pinned documents and
 * its verification in the same transaction, so an import that is
 * cancelled or killed leaves every stored badge complete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-importer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-badge.h"
#include "credence-bundle.h"
#include "credence-document-set.h"
#include "credence-importer.h"
#include "credence-loader.h"
#include "credence-store-pathways.h"
#include "credence-store-private.h"

#define DEFAULT_BATCH_SIZE 64
#define MAX_IMAGE_FIELD    2048

/* Results */

static const char *const status_names[] = {
  "added", "duplicate", "rejected", "reverified", "cancelled",
};

const char *
credence_import_status_to_string (CredenceImportStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status];
}

CredenceImportResult *
credence_import_result_copy (const CredenceImportResult *self)
{
  CredenceImportResult *copy = g_new0 (CredenceImportResult, 1);

  copy->source = g_strdup (self->source);
  copy->status = self->status;
  copy->badge_uid = g_strdup (self->badge_uid);
  copy->name = g_strdup (self->name);
  copy->spec = g_strdup (self->spec);
  copy->verification = self->verification != NULL ? g_object_ref (self->verification) : NULL;
  copy->reason = g_strdup (self->reason);
  copy->message = g_strdup (self->message);
  copy->previous_verdict = g_strdup (self->previous_verdict);
  copy->previous_reason = g_strdup (self->previous_reason);
  copy->previous_verified_at = self->previous_verified_at;
  copy->ms = self->ms;
  copy->index = self->index;

  return copy;
}

void
credence_import_result_free (CredenceImportResult *self)
{
  if (self == NULL)
    return;

  g_free (self->source);
  g_free (self->badge_uid);
  g_free (self->name);
  g_free (self->spec);
  g_clear_object (&self->verification);
  g_free (self->reason);
  g_free (self->message);
  g_free (self->previous_verdict);
  g_free (self->previous_reason);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (CredenceImportResult, credence_import_result,
                     credence_import_result_copy, credence_import_result_free)

/**
 * credence_import_result_changed:
 *
 * Returns: whether a re-verification reached another verdict or reason
 *   than the one before
 */
gboolean
credence_import_result_changed (const CredenceImportResult *self)
{
  CredenceReason reason;

  if (self->status != CREDENCE_IMPORT_REVERIFIED || self->verification == NULL)
    return FALSE;

  reason = credence_verification_get_reason (self->verification);

  return g_strcmp0 (self->previous_verdict,
                    credence_verdict_to_string (credence_verification_get_verdict (self->verification))) != 0 ||
         g_strcmp0 (self->previous_reason,
                    reason != CREDENCE_REASON_NONE ? credence_reason_to_string (reason) : NULL) != 0;
}

/* Work items */

typedef enum
{
  ITEM_FILE,
  ITEM_URL,
  ITEM_BYTES,
  ITEM_REVERIFY,
  ITEM_BUNDLED,
} ItemKind;

typedef struct
{
  ItemKind             kind;
  char                *source;
  GFile               *file;
  GBytes              *bytes;
  /* A badge of a bundle: its documents, its history, or why not. */
  CredenceDocumentSet *pins;
  GPtrArray           *history;
  char                *problem;
} Item;

static void
item_free (Item *item)
{
  if (item == NULL)
    return;

  g_free (item->source);
  g_clear_object (&item->file);
  g_clear_pointer (&item->bytes, g_bytes_unref);
  g_clear_object (&item->pins);
  g_clear_pointer (&item->history, g_ptr_array_unref);
  g_free (item->problem);
  g_free (item);
}

static Item *
item_new (ItemKind    kind,
          const char *source)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->source = g_strdup (source);

  return item;
}

typedef struct
{
  Item                      *item;
  CredenceImportResult      *result;
  CredenceStoreBadge        *record;
  CredenceStoreVerification *reverification;
  GPtrArray                 *documents;
  CredenceStoreBadge        *listing;
  gint64                     started;
} Job;

static void
job_free (Job *job)
{
  item_free (job->item);
  credence_import_result_free (job->result);
  credence_store_badge_free (job->record);
  credence_store_verification_free (job->reverification);
  g_clear_pointer (&job->documents, g_ptr_array_unref);
  credence_store_badge_free (job->listing);
  g_free (job);
}

/* The importer */

struct _CredenceImporter
{
  GObject           parent_instance;

  CredenceStore    *store;
  CredenceVerifier *verifier;
  CredenceVerifier *offline_verifier; /* for bundles, made when needed */
  guint             jobs;
  guint             batch_size;
  GPtrArray        *items;

  /* Progress, as seen by the thread the importer belongs to. */
  guint             total;
  guint             done;
  char             *current;
  guint             counts[G_N_ELEMENTS (status_names)];

  /* Set while running asynchronously: progress is reported there. */
  GMainContext     *report_context;
  gboolean          running;
};

G_DEFINE_FINAL_TYPE (CredenceImporter, credence_importer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_VERIFIER,
  PROP_TOTAL,
  PROP_DONE,
  PROP_CURRENT,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ITEM_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
credence_importer_dispose (GObject *object)
{
  CredenceImporter *self = (CredenceImporter *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->verifier);
  g_clear_object (&self->offline_verifier);

  G_OBJECT_CLASS (credence_importer_parent_class)->dispose (object);
}

static void
credence_importer_finalize (GObject *object)
{
  CredenceImporter *self = (CredenceImporter *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->current);

  G_OBJECT_CLASS (credence_importer_parent_class)->finalize (object);
}

static void
credence_importer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CredenceImporter *self = CREDENCE_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_VERIFIER:
      g_value_set_object (value, self->verifier);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    case PROP_DONE:
      g_value_set_uint (value, self->done);
      break;
    case PROP_CURRENT:
      g_value_set_string (value, self->current);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, credence_importer_get_fraction (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
credence_importer_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CredenceImporter *self = CREDENCE_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_VERIFIER:
      self->verifier = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
credence_importer_class_init (CredenceImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = credence_importer_dispose;
  object_class->finalize = credence_importer_finalize;
  object_class->get_property = credence_importer_get_property;
  object_class->set_property = credence_importer_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CREDENCE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERIFIER] =
    g_param_spec_object ("verifier", NULL, NULL, CREDENCE_TYPE_VERIFIER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DONE] =
    g_param_spec_uint ("done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT] =
    g_param_spec_string ("current", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CredenceImporter::item-finished:
   * @self: the importer
   * @result: a #CredenceImportResult
   *
   * One source was stored, rejected or re-verified.  Emitted in the
   * thread that called credence_importer_run(), or in the main context of
   * the caller of credence_importer_run_async().
   */
  signals[ITEM_FINISHED] =
    g_signal_new ("item-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  CREDENCE_TYPE_IMPORT_RESULT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
credence_importer_init (CredenceImporter *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->batch_size = DEFAULT_BATCH_SIZE;
}

/**
 * credence_importer_new:
 * @store: the collection to import into
 * @verifier: the verifier; offline when its loader is
 *
 * Returns: (transfer full): a new importer
 */
CredenceImporter *
credence_importer_new (CredenceStore    *store,
                       CredenceVerifier *verifier)
{
  g_return_val_if_fail (CREDENCE_IS_STORE (store), NULL);
  g_return_val_if_fail (CREDENCE_IS_VERIFIER (verifier), NULL);

  return g_object_new (CREDENCE_TYPE_IMPORTER, "store", store, "verifier", verifier, NULL);
}

/**
 * credence_importer_set_jobs:
 * @jobs: how many sources are verified at once; 0 for one per core
 */
void
credence_importer_set_jobs (CredenceImporter *self,
                            guint             jobs)
{
  g_return_if_fail (CREDENCE_IS_IMPORTER (self));

  self->jobs = jobs;
}

/**
 * credence_importer_set_batch_size:
 * @batch_size: how many finished badges are committed together
 */
void
credence_importer_set_batch_size (CredenceImporter *self,
                                  guint             batch_size)
{
  g_return_if_fail (CREDENCE_IS_IMPORTER (self));

  self->batch_size = MAX (batch_size, 1);
}

/**
 * credence_importer_add_file:
 * @file: a badge file, or a folder whose files (recursively) are imported
 */
void
credence_importer_add_file (CredenceImporter *self,
                            GFile            *file)
{
  Item *item;
  g_autofree char *name = NULL;

  g_return_if_fail (CREDENCE_IS_IMPORTER (self));
  g_return_if_fail (!self->running);

  name = g_file_get_path (file);
  if (name == NULL)
    name = g_file_get_uri (file);
  item = item_new (ITEM_FILE, name);
  item->file = g_object_ref (file);
  g_ptr_array_add (self->items, item);
}

/**
 * credence_importer_add_url:
 * @url: the http(s) URL of a hosted badge
 */
void
credence_importer_add_url (CredenceImporter *self,
                           const char       *url)
{
  g_return_if_fail (CREDENCE_IS_IMPORTER (self));
  g_return_if_fail (!self->running);

  g_ptr_array_add (self->items, item_new (ITEM_URL, url));
}

/**
 * credence_importer_add_bytes:
 * @bytes: a badge file's bytes, or pasted text
 * @name: (nullable): what to call it (a file name)
 */
void
credence_importer_add_bytes (CredenceImporter *self,
                             GBytes           *bytes,
                             const char       *name)
{
  Item *item;

  g_return_if_fail (CREDENCE_IS_IMPORTER (self));
  g_return_if_fail (!self->running);

  item = item_new (ITEM_BYTES, name != NULL ? name : _("pasted badge"));
  item->bytes = g_bytes_ref (bytes);
  g_ptr_array_add (self->items, item);
}

/* The items of one bundle, or one rejected item saying why it cannot
 * be read.
 */
static void
add_bundle_items (CredenceImporter *self,
                  CredenceBundle   *bundle,
                  const GError     *error,
                  const char       *name,
                  GPtrArray        *out)
{
  if (self->offline_verifier == NULL)
    self->offline_verifier = credence_verifier_dup_offline (self->verifier);

  if (bundle == NULL)
    {
      Item *item = item_new (ITEM_BUNDLED, name);

      item->problem = g_strdup (error->message);
      g_ptr_array_add (out, item);
      return;
    }

  for (guint i = 0; i < credence_bundle_get_n_badges (bundle); i++)
    {
      const CredenceStoreBadge *badge = credence_bundle_get_badge (bundle, i);
      g_autofree char *source = g_strdup_printf ("%s#%u", name, i + 1);
      Item *item = item_new (ITEM_BUNDLED, source);

      item->problem = g_strdup (credence_bundle_get_problem (bundle, i));
      if (badge->original != NULL)
        item->bytes = g_bytes_ref (badge->original);
      item->pins = credence_bundle_dup_documents (bundle, i);
      item->history = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_verification_free);
      for (guint j = 0; badge->history != NULL && j < badge->history->len; j++)
        g_ptr_array_add (item->history, credence_store_verification_copy (g_ptr_array_index (badge->history, j)));
      g_ptr_array_add (out, item);
    }
}

/**
 * credence_importer_add_bundle:
 * @bundle: a bundle (credence_bundle_new_from_bytes())
 * @name: what to call it (its file name)
 *
 * Imports every badge of @bundle with the documents and verification
 * history it holds, verified offline from those documents only.  Bundle
 * files given to credence_importer_add_file() are recognised too.
 */
void
credence_importer_add_bundle (CredenceImporter *self,
                              CredenceBundle   *bundle,
                              const char       *name)
{
  g_return_if_fail (CREDENCE_IS_IMPORTER (self));
  g_return_if_fail (CREDENCE_IS_BUNDLE (bundle));
  g_return_if_fail (!self->running);

  add_bundle_items (self, bundle, NULL, name, self->items);
}

/**
 * credence_importer_add_source:
 * @source: an http(s) URL, or a path to a file or folder
 */
void
credence_importer_add_source (CredenceImporter *self,
                              const char       *source)
{
  g_return_if_fail (source != NULL);

  if (g_str_has_prefix (source, "https://") || g_str_has_prefix (source, "http://"))
    credence_importer_add_url (self, source);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (source);

      credence_importer_add_file (self, file);
      g_free (((Item *) g_ptr_array_index (self->items, self->items->len - 1))->source);
      ((Item *) g_ptr_array_index (self->items, self->items->len - 1))->source = g_strdup (source);
    }
}

/**
 * credence_importer_add_reverify:
 * @uid: the id of a badge in the collection
 *
 * Verifies a badge of the collection again (offline when the verifier's
 * loader is: then only its pinned documents are used).
 */
void
credence_importer_add_reverify (CredenceImporter *self,
                                const char       *uid)
{
  g_return_if_fail (CREDENCE_IS_IMPORTER (self));
  g_return_if_fail (!self->running);

  g_ptr_array_add (self->items, item_new (ITEM_REVERIFY, uid));
}

/**
 * credence_importer_add_reverify_all:
 *
 * Adds every badge of the collection for re-verification.
 */
gboolean
credence_importer_add_reverify_all (CredenceImporter  *self,
                                    GError           **error)
{
  g_autoptr(GPtrArray) badges = NULL;

  g_return_val_if_fail (CREDENCE_IS_IMPORTER (self), FALSE);

  badges = credence_store_list_badges (self->store, NULL, error);
  if (badges == NULL)
    return FALSE;

  for (guint i = badges->len; i > 0; i--)
    credence_importer_add_reverify (self, ((CredenceStoreBadge *) g_ptr_array_index (badges, i - 1))->uid);

  return TRUE;
}

guint
credence_importer_get_total (CredenceImporter *self)
{
  g_return_val_if_fail (CREDENCE_IS_IMPORTER (self), 0);

  return self->total;
}

guint
credence_importer_get_done (CredenceImporter *self)
{
  g_return_val_if_fail (CREDENCE_IS_IMPORTER (self), 0);

  return self->done;
}

/**
 * credence_importer_get_current:
 *
 * Returns: (nullable): the source finished last
 */
const char *
credence_importer_get_current (CredenceImporter *self)
{
  g_return_val_if_fail (CREDENCE_IS_IMPORTER (self), NULL);

  return self->current;
}

double
credence_importer_get_fraction (CredenceImporter *self)
{
  g_return_val_if_fail (CREDENCE_IS_IMPORTER (self), 0.0);

  return self->total > 0 ? (double) self->done / self->total : 0.0;
}

/**
 * credence_importer_get_count:
 *
 * Returns: how many sources ended with @status in the last run
 */
guint
credence_importer_get_count (CredenceImporter     *self,
                             CredenceImportStatus  status)
{
  g_return_val_if_fail (CREDENCE_IS_IMPORTER (self), 0);
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), 0);

  return self->counts[status];
}

/* Progress */

typedef struct
{
  CredenceImporter     *self;
  CredenceImportResult *result;
  guint                 total;
  guint                 done;
} Report;

static void
report_free (Report *report)
{
  g_object_unref (report->self);
  credence_import_result_free (report->result);
  g_free (report);
}

static gboolean
report_in_context (gpointer data)
{
  Report *report = data;
  CredenceImporter *self = report->self;
  gboolean total_changed = self->total != report->total;

  self->total = report->total;
  self->done = report->done;
  if (report->result != NULL)
    {
      g_free (self->current);
      self->current = g_strdup (report->result->source);
      self->counts[report->result->status]++;
    }

  if (total_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  if (report->result != NULL)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
      g_signal_emit (self, signals[ITEM_FINISHED], 0, report->result);
    }

  return G_SOURCE_REMOVE;
}

/* Takes @result. */
static void
report (CredenceImporter     *self,
        CredenceImportResult *result,
        guint                 total,
        guint                 done)
{
  Report *r = g_new0 (Report, 1);

  r->self = g_object_ref (self);
  r->result = result;
  r->total = total;
  r->done = done;

  if (self->report_context != NULL)
    g_main_context_invoke_full (self->report_context, G_PRIORITY_DEFAULT,
                                report_in_context, r, (GDestroyNotify) report_free);
  else
    {
      report_in_context (r);
      report_free (r);
    }
}

/* Expanding folders */

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *pa = g_file_get_path (*(GFile **) a);
  g_autofree char *pb = g_file_get_path (*(GFile **) b);

  return g_strcmp0 (pa, pb);
}

static void
expand_folder (GFile        *folder,
               GPtrArray    *out,
               GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_object_unref);

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        cancellable, NULL);
  if (children == NULL)
    return;

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, &info, &child, cancellable, NULL) || info == NULL)
        break;
      g_ptr_array_add (names, g_object_ref (child));
    }

  /* A stable order: by name. */
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    {
      GFile *child = g_ptr_array_index (names, i);
      GFileType type = g_file_query_file_type (child, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable);

      if (type == G_FILE_TYPE_DIRECTORY)
        expand_folder (child, out, cancellable);
      else if (type == G_FILE_TYPE_REGULAR)
        {
          Item *item = item_new (ITEM_FILE, NULL);

          item->source = g_file_get_path (child);
          item->file = g_object_ref (child);
          g_ptr_array_add (out, item);
        }
    }
}

static gboolean
is_bundle_file (GFile        *file,
                GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, NULL);
  guint8 head[64];
  gsize n = 0;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, strlen (CREDENCE_BUNDLE_MAGIC), &n,
                                cancellable, NULL))
    return FALSE;

  return credence_bundle_sniff (head, n);
}

/* Replaces bundle files by their badges. */
static GPtrArray *
expand_bundles (CredenceImporter *self,
                GPtrArray        *items,
                GCancellable     *cancellable)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      if (item->kind == ITEM_FILE && is_bundle_file (item->file, cancellable))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(CredenceBundle) bundle = credence_bundle_new_from_file (item->file, cancellable, &error);

          add_bundle_items (self, bundle, error, item->source, out);
        }
      else
        g_ptr_array_add (out, g_steal_pointer (&items->pdata[i]));
    }

  return out;
}

/* Replaces folders by the files below them. */
static GPtrArray *
expand_items (GPtrArray    *items,
              GCancellable *cancellable)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      if (item->kind == ITEM_FILE &&
          g_file_query_file_type (item->file, 0, cancellable) == G_FILE_TYPE_DIRECTORY)
        {
          g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

          expand_folder (item->file, found, cancellable);
          for (guint j = 0; j < found->len; j++)
            g_ptr_array_add (out, g_steal_pointer (&found->pdata[j]));
        }
      else
        g_ptr_array_add (out, g_steal_pointer (&items->pdata[i]));
    }

  return out;
}

/* Workers */

static char *
format_date (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = NULL;

  if (dt == NULL)
    return NULL;

  utc = g_date_time_to_utc (dt);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static CredenceStoreBadge *
record_from_badge (CredenceBadge *badge,
                   const char    *source)
{
  CredenceStoreBadge *record = credence_store_badge_new ();
  const char *image = credence_badge_get_image (badge);

  record->credential_id = g_strdup (credence_badge_get_id (badge));
  record->container = g_strdup (credence_container_to_string (credence_badge_get_container (badge)));
  record->spec_version = g_strdup (credence_spec_version_to_string (credence_badge_get_spec_version (badge)));
  record->original = g_bytes_ref (credence_badge_get_bytes (badge));
  record->payload = g_bytes_ref (credence_badge_get_payload (badge));
  record->name = g_strdup (credence_badge_get_name (badge));
  record->description = g_strdup (credence_badge_get_description (badge));
  record->issuer_name = g_strdup (credence_badge_get_issuer_name (badge));
  record->issuer_url = g_strdup (credence_badge_get_issuer_url (badge) != NULL
                                 ? credence_badge_get_issuer_url (badge)
                                 : credence_badge_get_issuer_id (badge));
  record->recipient = g_strdup (credence_badge_get_recipient_identity (badge) != NULL
                                ? credence_badge_get_recipient_identity (badge)
                                : credence_badge_get_subject_id (badge));
  record->issued_on = format_date (credence_badge_get_issued (badge));
  record->expires_on = format_date (credence_badge_get_expires (badge));
  /* Data URIs stay in the badge's bytes, not in the listing. */
  if (image != NULL && strlen (image) <= MAX_IMAGE_FIELD)
    record->image = g_strdup (image);
  record->source = g_strdup (source);

  return record;
}

/* Reads a pinned JSON document as an object. */
static JsonObject *
pinned_object (CredenceDocumentSet *pins,
               const char          *url,
               JsonParser          *parser)
{
  g_autoptr(CredenceDocument) doc = NULL;
  GBytes *body;
  JsonNode *root;

  if (url == NULL)
    return NULL;
  doc = credence_document_set_lookup (pins, url);
  if (doc == NULL)
    return NULL;

  body = credence_document_get_body (doc);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL))
    return NULL;
  root = json_parser_get_root (parser);

  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

static void
fill_string (char       **field,
             JsonObject  *object,
             const char  *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (*field == NULL && node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    *field = g_strdup (json_node_get_string (node));
}

/* A hosted OB 1.x/2.0 assertion names its BadgeClass and Issuer by URL:
 * the listing fields come from the documents the verifier pinned.
 */
static void
fill_from_documents (CredenceStoreBadge  *record,
                     CredenceBadge       *badge,
                     CredenceDocumentSet *pins)
{
  g_autoptr(JsonParser) class_parser = json_parser_new ();
  g_autoptr(JsonParser) issuer_parser = json_parser_new ();
  JsonNode *json = credence_badge_get_json (badge);
  JsonObject *assertion;
  JsonObject *badge_class = NULL;
  JsonObject *issuer = NULL;
  JsonNode *node;

  if (json == NULL || !JSON_NODE_HOLDS_OBJECT (json))
    return;
  assertion = json_node_get_object (json);

  node = json_object_get_member (assertion, "badge");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    badge_class = pinned_object (pins, json_node_get_string (node), class_parser);
  if (badge_class == NULL)
    return;

  fill_string (&record->name, badge_class, "name");
  fill_string (&record->description, badge_class, "description");
  if (record->image == NULL)
    {
      g_autofree char *image = NULL;

      fill_string (&image, badge_class, "image");
      if (image != NULL && strlen (image) <= MAX_IMAGE_FIELD)
        record->image = g_steal_pointer (&image);
    }

  node = json_object_get_member (badge_class, "issuer");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      issuer = pinned_object (pins, json_node_get_string (node), issuer_parser);
      if (record->issuer_url == NULL)
        record->issuer_url = g_strdup (json_node_get_string (node));
    }
  else if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    issuer = json_node_get_object (node);
  if (issuer == NULL)
    return;

  fill_string (&record->issuer_name, issuer, "name");
  if (record->issuer_url == NULL)
    fill_string (&record->issuer_url, issuer, "url");
}

static void
collect_document_cb (CredenceDocument *document,
                     gpointer          user_data)
{
  GPtrArray *out = user_data;
  CredenceStoreDocument *doc;

  doc = credence_store_document_new (credence_document_get_url (document),
                                     credence_document_get_body (document));
  doc->final_url = g_strdup (credence_document_get_final_url (document));
  doc->status = credence_document_get_status (document);
  doc->fetched_at = credence_document_get_fetched_at (document) != NULL
                    ? g_date_time_to_unix (credence_document_get_fetched_at (document)) : 0;
  g_ptr_array_add (out, doc);
}

/**
 * credence_importer_describe_badge:
 * @badge: a badge read from a file or fetched
 * @pins: (nullable): the documents its verification saw
 * @source: (nullable): the file or link it came from
 *
 * Describes @badge as an import would store it, with the name, issuer
 * and description of its achievement taken from @pins when the badge
 * only links to them (Open Badges 2.0), without storing anything: for
 * "check a badge".
 *
 * Returns: (transfer full): the description
 */
CredenceStoreBadge *
credence_importer_describe_badge (CredenceBadge       *badge,
                                  CredenceDocumentSet *pins,
                                  const char          *source)
{
  CredenceStoreBadge *record;

  g_return_val_if_fail (CREDENCE_IS_BADGE (badge), NULL);

  record = record_from_badge (badge, source);
  if (pins != NULL)
    fill_from_documents (record, badge, pins);

  return record;
}

static GPtrArray *
documents_from_set (CredenceDocumentSet *pins)
{
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_document_free);

  credence_document_set_foreach (pins, collect_document_cb, docs);

  return docs;
}

static CredenceStoreVerification *
store_verification (CredenceVerification *verification,
                    const char           *source,
                    gboolean              online,
                    double                ms)
{
  CredenceReason reason = credence_verification_get_reason (verification);
  g_autofree char *report_json = credence_verification_to_json_line (verification, source, ms);

  return credence_store_verification_new (g_get_real_time () / G_USEC_PER_SEC, online,
                                          credence_verdict_to_string (credence_verification_get_verdict (verification)),
                                          reason != CREDENCE_REASON_NONE ? credence_reason_to_string (reason) : NULL,
                                          report_json);
}

static const char *
badge_error_reason (const GError *error)
{
  if (error->domain == CREDENCE_BADGE_ERROR)
    {
      switch (error->code)
        {
        case CREDENCE_BADGE_ERROR_MALFORMED_IMAGE:
          return "malformed-image";
        case CREDENCE_BADGE_ERROR_INVALID_DATA:
        case CREDENCE_BADGE_ERROR_TOO_LARGE:
          return "invalid-data";
        default:
          return "not-a-badge";
        }
    }

  return "unreadable";
}

static void
reject (Job          *job,
        const char   *reason,
        const char   *message)
{
  job->result->status = CREDENCE_IMPORT_REJECTED;
  job->result->reason = g_strdup (reason);
  job->result->message = g_strdup (message);
}

static gboolean
verifier_is_online (CredenceVerifier *verifier)
{
  return !credence_loader_get_offline (credence_verifier_get_loader (verifier));
}

static double
elapsed_ms (gint64 started)
{
  return (g_get_monotonic_time () - started) / 1000.0;
}

static void
import_one (CredenceImporter *self,
            Job              *job,
            GCancellable     *cancellable)
{
  g_autoptr(CredenceBadge) badge = NULL;
  g_autoptr(CredenceDocumentSet) pins = credence_document_set_new ();
  g_autoptr(GError) error = NULL;
  CredenceVerification *verification;
  Item *item = job->item;
  CredenceVerifier *verifier = self->verifier;

  switch (item->kind)
    {
    case ITEM_FILE:
      badge = credence_badge_new_from_file (item->file, cancellable, &error);
      break;
    case ITEM_BUNDLED:
      /* Verified offline, from the bundle's documents only. */
      if (item->problem != NULL)
        {
          reject (job, "invalid-data", item->problem);
          return;
        }
      badge = credence_badge_new_from_bytes (item->bytes, item->source, &error);
      verifier = self->offline_verifier;
      if (item->pins != NULL)
        credence_document_set_merge (pins, item->pins);
      break;
    case ITEM_BYTES:
      badge = credence_badge_new_from_bytes (item->bytes, item->source, &error);
      break;
    case ITEM_URL:
      {
        g_autoptr(GBytes) url = g_bytes_new (item->source, strlen (item->source));

        badge = credence_badge_new_from_bytes (url, item->source, &error);
      }
      break;
    case ITEM_REVERIFY:
    default:
      g_assert_not_reached ();
    }

  if (badge == NULL)
    {
      reject (job, badge_error_reason (error), error->message);
      return;
    }

  if (credence_badge_get_container (badge) == CREDENCE_CONTAINER_URL)
    {
      CredenceDocument *hosted;
      g_autoptr(CredenceBadge) fetched = NULL;

      verification = credence_verifier_verify_url (verifier, credence_badge_get_url (badge),
                                                   pins, cancellable);
      hosted = credence_document_set_lookup (pins, credence_badge_get_url (badge));
      if (hosted != NULL)
        fetched = credence_badge_new_from_bytes (credence_document_get_body (hosted),
                                                 item->source, &error);
      g_clear_pointer (&hosted, credence_document_unref);

      if (fetched == NULL)
        {
          CredenceReason reason = credence_verification_get_reason (verification);

          reject (job, reason != CREDENCE_REASON_NONE ? credence_reason_to_string (reason) : "unreachable",
                  error != NULL ? error->message
                                : _("The badge could not be fetched from its address."));
          job->result->verification = verification;
          return;
        }
      g_clear_object (&badge);
      badge = g_steal_pointer (&fetched);
      job->record = record_from_badge (badge, item->source);
      fill_from_documents (job->record, badge, pins);
      g_free (job->record->container);
      job->record->container = g_strdup ("url");
    }
  else
    {
      verification = credence_verifier_verify_bytes (verifier, credence_badge_get_payload (badge),
                                                     pins, cancellable);
      job->record = record_from_badge (badge, item->source);
      fill_from_documents (job->record, badge, pins);
    }

  job->result->verification = verification;
  job->result->name = g_strdup (job->record->name);
  job->result->spec = g_strdup (job->record->spec_version);
  /* A bundled badge keeps the history it came with. */
  for (guint i = 0; item->history != NULL && i < item->history->len; i++)
    credence_store_badge_add_verification (job->record,
                                           credence_store_verification_copy (g_ptr_array_index (item->history, i)));
  credence_store_badge_add_verification (job->record,
                                         store_verification (verification, item->source,
                                                             verifier_is_online (verifier),
                                                             elapsed_ms (job->started)));
  job->record->documents = documents_from_set (pins);
}

static void
pin_document (CredenceDocumentSet   *pins,
              CredenceStoreDocument *doc)
{
  g_autoptr(GDateTime) fetched_at = doc->fetched_at != 0 ? g_date_time_new_from_unix_utc (doc->fetched_at) : NULL;
  g_autoptr(CredenceDocument) document = credence_document_new (doc->url, doc->final_url, doc->status,
                                                                fetched_at, doc->bytes);

  credence_document_set_add (pins, document);
}

static void
reverify_one (CredenceImporter *self,
              Job              *job,
              GCancellable     *cancellable)
{
  g_autoptr(CredenceStoreBadge) stored = NULL;
  g_autoptr(CredenceDocumentSet) pins = credence_document_set_new ();
  g_autoptr(CredenceBadge) badge = NULL;
  g_autoptr(GError) error = NULL;
  gboolean online = verifier_is_online (self->verifier);
  CredenceVerification *verification;

  stored = credence_store_get_badge (self->store, job->item->source, &error);
  if (stored == NULL)
    {
      reject (job, "not-found", error->message);
      return;
    }

  job->result->badge_uid = g_strdup (stored->uid);
  job->result->name = g_strdup (stored->name);
  job->result->spec = g_strdup (stored->spec_version);
  job->result->previous_verdict = g_strdup (stored->verdict);
  job->result->previous_reason = g_strdup (stored->reason);
  job->result->previous_verified_at = stored->verified_at;

  /* Offline: exactly the documents seen before.  Online: fetch afresh. */
  if (!online)
    for (guint i = 0; i < stored->documents->len; i++)
      pin_document (pins, g_ptr_array_index (stored->documents, i));

  verification = credence_verifier_verify_bytes (self->verifier, stored->payload, pins, cancellable);
  job->result->verification = verification;
  job->result->status = CREDENCE_IMPORT_REVERIFIED;
  job->reverification = store_verification (verification, stored->source, online,
                                            elapsed_ms (job->started));
  if (online)
    job->documents = documents_from_set (pins);

  /* The badge as the documents of this verification describe it, as an
   * import would list it: a badge imported offline gets the name and
   * issuer its BadgeClass and Issuer give, once they could be fetched.
   */
  badge = credence_badge_new_from_bytes (stored->payload, stored->source, NULL);
  if (badge != NULL)
    job->listing = credence_importer_describe_badge (badge, pins, stored->source);
}

typedef struct
{
  CredenceImporter *self;
  GAsyncQueue      *done;
  GCancellable     *cancellable;
} PoolData;

static void
work_cb (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  PoolData *pool = user_data;

  if (g_cancellable_is_cancelled (pool->cancellable))
    job->result->status = CREDENCE_IMPORT_CANCELLED;
  else if (job->item->kind == ITEM_REVERIFY)
    reverify_one (pool->self, job, pool->cancellable);
  else
    import_one (pool->self, job, pool->cancellable);

  job->result->ms = elapsed_ms (job->started);
  g_async_queue_push (pool->done, job);
}

/* The writer */

static int
compare_jobs (gconstpointer a,
              gconstpointer b)
{
  const Job *ja = *(const Job * const *) a;
  const Job *jb = *(const Job * const *) b;

  return ja->result->index < jb->result->index ? -1 : ja->result->index > jb->result->index;
}

static gboolean
commit_batch (CredenceImporter  *self,
              GPtrArray         *batch,
              GError           **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  gboolean have_reverifications = FALSE;

  if (batch->len == 0)
    return TRUE;

  /* Within a batch, earlier sources first (the first copy of a badge is
   * the one added).
   */
  g_ptr_array_sort (batch, compare_jobs);

  for (guint i = 0; i < batch->len; i++)
    {
      Job *job = g_ptr_array_index (batch, i);

      if (job->record != NULL)
        g_ptr_array_add (records, job->record);
    }

  if (records->len > 0 && !credence_store_add_badges (self->store, records, error))
    return FALSE;

  for (guint i = 0; i < batch->len; i++)
    {
      Job *job = g_ptr_array_index (batch, i);

      if (job->record != NULL)
        {
          job->result->badge_uid = g_strdup (job->record->uid);
          job->result->status = job->record->duplicate ? CREDENCE_IMPORT_DUPLICATE : CREDENCE_IMPORT_ADDED;
          /* A duplicate's record now holds the badge as listed. */
          g_free (job->result->name);
          job->result->name = g_strdup (job->record->name);
        }
      else if (job->reverification != NULL)
        have_reverifications = TRUE;
    }

  if (!have_reverifications)
    return TRUE;

  /* Re-verifications are committed together (one commit per badge
   * rewrote the same history and index pages again and again); each one
   * is a savepoint of its own, so that a badge removed meanwhile does not
   * spoil the others.
   */
  if (!_credence_store_begin (self->store, error))
    return FALSE;

  for (guint i = 0; i < batch->len; i++)
    {
      Job *job = g_ptr_array_index (batch, i);
      g_autoptr(GError) local_error = NULL;

      if (job->reverification == NULL)
        continue;

      /* The listing follows what the verification learned, in the same
       * savepoint as its history entry.
       */
      if (!credence_store_add_verification (self->store, job->result->badge_uid,
                                            job->reverification, job->documents, job->listing,
                                            &local_error))
        {
          if (!g_error_matches (local_error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND))
            {
              _credence_store_rollback (self->store);
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          reject (job, "not-found", local_error->message);
        }
      else if (job->listing != NULL && job->listing->name != NULL)
        {
          g_free (job->result->name);
          job->result->name = g_strdup (job->listing->name);
        }
    }

  return _credence_store_commit (self->store, error);
}

/**
 * credence_importer_run:
 * @self: a #CredenceImporter
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Imports (or re-verifies) everything added so far.  Blocks: the CLI
 * calls it directly, the UI through credence_importer_run_async().  A
 * source that is not a badge is reported, not an error; only a failure
 * to save (full disk…) or cancellation stops the run with an error.
 * Whatever was finished before is kept.
 */
gboolean
credence_importer_run (CredenceImporter  *self,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  g_autoptr(GAsyncQueue) done_queue = g_async_queue_new ();
  g_autoptr(GError) local_error = NULL;
  GThreadPool *pool;
  PoolData pool_data;
  guint jobs;
  guint max_in_flight;
  guint next = 0;
  guint in_flight = 0;
  guint done = 0;
  gboolean failed = FALSE;

  g_return_val_if_fail (CREDENCE_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  self->running = TRUE;
  if (self->report_context == NULL)
    memset (self->counts, 0, sizeof self->counts);

  items = expand_items (self->items, cancellable);
  g_ptr_array_set_size (self->items, 0);
  {
    GPtrArray *expanded = expand_bundles (self, items, cancellable);

    g_ptr_array_unref (items);
    items = expanded;
  }

  jobs = self->jobs > 0 ? self->jobs : MAX (g_get_num_processors (), 1);
  max_in_flight = 2 * jobs + self->batch_size;

  pool_data.self = self;
  pool_data.done = done_queue;
  pool_data.cancellable = cancellable;
  pool = g_thread_pool_new (work_cb, &pool_data, (int) jobs, FALSE, NULL);

  report (self, NULL, items->len, 0);

  while (done < items->len)
    {
      Job *job;

      /* Keep the workers busy, with a bounded number of results waiting. */
      while (next < items->len && in_flight < max_in_flight && !failed &&
             !g_cancellable_is_cancelled (cancellable))
        {
          job = g_new0 (Job, 1);
          job->item = g_steal_pointer (&items->pdata[next]);
          job->result = g_new0 (CredenceImportResult, 1);
          job->result->source = g_strdup (job->item->source);
          job->result->index = next;
          job->started = g_get_monotonic_time ();
          next++;
          in_flight++;
          g_thread_pool_push (pool, job, NULL);
        }

      if (in_flight == 0)
        break;

      /* Wait for a result; commit what is waiting when none comes soon. */
      job = g_async_queue_timeout_pop (done_queue, batch->len > 0 ? 20000 : G_USEC_PER_SEC);
      if (job != NULL)
        {
          in_flight--;
          g_ptr_array_add (batch, job);
        }

      if (batch->len >= self->batch_size || (job == NULL && batch->len > 0) ||
          (in_flight == 0 && batch->len > 0))
        {
          if (!failed && !commit_batch (self, batch, &local_error))
            failed = TRUE;

          for (guint i = 0; i < batch->len; i++)
            {
              Job *finished = g_ptr_array_index (batch, i);

              /* What a failed commit rolled back is not reported done. */
              if (failed && (finished->record != NULL || finished->reverification != NULL))
                continue;
              done++;
              report (self, g_steal_pointer (&finished->result), items->len, done);
            }
          g_ptr_array_set_size (batch, 0);
        }
    }

  g_thread_pool_free (pool, FALSE, TRUE);
  self->running = FALSE;

  /* Pathways follow the badges: recompute their progress. */
  if (done > 0 && !failed)
    {
      g_autoptr(GError) progress_error = NULL;

      if (!credence_store_update_progress (self->store, &progress_error))
        g_warning ("Could not update the progress of pathways: %s", progress_error->message);
    }

  if (failed)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  CredenceImporter *self = source_object;
  GError *error = NULL;

  if (credence_importer_run (self, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * credence_importer_run_async:
 *
 * Runs credence_importer_run() in a worker thread; progress and
 * #CredenceImporter::item-finished arrive in the calling thread's main
 * context.
 */
void
credence_importer_run_async (CredenceImporter    *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CREDENCE_IS_IMPORTER (self));

  memset (self->counts, 0, sizeof self->counts);
  self->report_context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, credence_importer_run_async);
  g_task_run_in_thread (task, run_thread);
}

gboolean
credence_importer_run_finish (CredenceImporter  *self,
                              GAsyncResult      *result,
                              GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  g_clear_pointer (&self->report_context, g_main_context_unref);

  return g_task_propagate_boolean (G_TASK (result), error);
}
