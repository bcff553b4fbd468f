/* credence-checker.c: verifiers as the app makes them (the owner's
 * identities read off the UI thread), checking any file or link without
 * saving anything ("Check a Badge"), and reading stored reports for the
 * verification card.  Imports and Check Again go through the core
 * CredenceImporter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-checker"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "credence-checker.h"
#include "credence-importer.h"
#include "credence-limits.h"
#include "credence-thumbnailer.h"

/* Pixels of the picture of a badge checked: the hero, at scale 2. */
#define PICTURE_SIZE 384
#include "credence-loader.h"
#include "credence-verifier.h"

static void
set_identities (CredenceVerifier *verifier,
                CredenceStore    *store)
{
  g_autoptr(GPtrArray) identities = NULL;

  if (store != NULL)
    identities = credence_store_list_identities (store, NULL);
  if (identities != NULL && identities->len > 0)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) values = NULL;

      for (guint i = 0; i < identities->len; i++)
        g_strv_builder_add (builder, ((CredenceStoreIdentity *)g_ptr_array_index (identities, i))->value);
      values = g_strv_builder_end (builder);
      credence_verifier_set_identities (verifier, (const char * const *)values);
    }
}

/**
 * credence_checker_new_verifier:
 * @offline: use no network: only pinned documents and bundled contexts
 *
 * Makes a verifier as the app uses them, without the owner's identities:
 * credence_checker_add_identities_async() reads those off the UI thread.
 *
 * Returns: (transfer full): a new verifier
 */
CredenceVerifier *
credence_checker_new_verifier (gboolean offline)
{
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  g_autoptr(GError) error = NULL;
  const char *url_map = g_getenv ("CREDENCE_URL_MAP");

  credence_loader_set_offline (loader, offline);
  /* As for credence-cli verify: check archived badges against local copies. */
  if (url_map != NULL && !credence_loader_parse_url_map (loader, url_map, &error))
    g_warning ("CREDENCE_URL_MAP: %s", error->message);

  return credence_verifier_new (loader);
}

/* A verifier for the owner's identities, online or not.  Blocking. */
static CredenceVerifier *
make_verifier (CredenceStore *store,
               gboolean       offline)
{
  CredenceVerifier *verifier = credence_checker_new_verifier (offline);

  set_identities (verifier, store);

  return verifier;
}

static void
add_identities_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  set_identities (source_object, task_data);
  g_task_return_boolean (task, TRUE);
}

/**
 * credence_checker_add_identities_async:
 * @store: the collection, for the owner's identities
 * @verifier: a verifier no other thread uses meanwhile
 *
 * Reads the owner's identities from @store on a worker thread and gives
 * them to @verifier, for its recipient checks.
 */
void
credence_checker_add_identities_async (CredenceStore       *store,
                                       CredenceVerifier    *verifier,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CREDENCE_IS_STORE (store));
  g_return_if_fail (CREDENCE_IS_VERIFIER (verifier));

  task = g_task_new (verifier, cancellable, callback, user_data);
  g_task_set_source_tag (task, credence_checker_add_identities_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, add_identities_thread);
}

gboolean
credence_checker_add_identities_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == credence_checker_add_identities_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
credence_check_outcome_free (CredenceCheckOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_clear_object (&outcome->badge);
  g_clear_pointer (&outcome->record, credence_store_badge_free);
  g_clear_object (&outcome->picture);
  g_clear_object (&outcome->report);
  g_clear_pointer (&outcome->bytes, g_bytes_unref);
  g_free (outcome->source);
  g_free (outcome);
}

typedef struct
{
  CredenceStore *store;
  GFile         *file;
  GBytes        *bytes;
  char          *source;
  gboolean       offline;
} InspectData;

static void
inspect_data_free (InspectData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data->source);
  g_free (data);
}

static GBytes *
load_file (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                           _("This is a folder; choose one badge file to check."));
      return NULL;
    }

  if (g_file_info_get_size (info) > CREDENCE_LIMIT_INPUT_SIZE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("The file is too large to be a badge."));
      return NULL;
    }

  return g_file_load_bytes (file, cancellable, NULL, error);
}

static void
inspect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  InspectData *data = task_data;
  g_autoptr(CredenceVerifier) verifier = NULL;
  g_autoptr(CredenceDocumentSet) pins = credence_document_set_new ();
  g_autoptr(CredenceCheckOutcome) outcome = g_new0 (CredenceCheckOutcome, 1);
  g_autoptr(GError) error = NULL;

  outcome->source = g_strdup (data->source);
  if (data->file != NULL)
    {
      outcome->bytes = load_file (data->file, cancellable, &error);
      if (outcome->bytes == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    outcome->bytes = g_bytes_ref (data->bytes);

  verifier = make_verifier (data->store, data->offline);
  outcome->report = credence_verifier_verify_bytes (verifier, outcome->bytes, pins, cancellable);
  if (g_task_return_error_if_cancelled (task))
    return;

  /* What the badge says about itself, for the page: from the file, or
   * for a link from the issuer's copy fetched by the check.
   */
  outcome->badge = credence_badge_new_from_bytes (outcome->bytes, data->source, NULL);
  if (outcome->badge != NULL &&
      credence_badge_get_container (outcome->badge) == CREDENCE_CONTAINER_URL)
    {
      CredenceDocument *hosted = credence_document_set_lookup (pins, credence_badge_get_url (outcome->badge));

      g_clear_object (&outcome->badge);
      if (hosted != NULL)
        outcome->badge = credence_badge_new_from_bytes (credence_document_get_body (hosted), data->source, NULL);
      g_clear_pointer (&hosted, credence_document_unref);
    }
  if (outcome->badge != NULL)
    {
      g_autoptr(GBytes) picture = NULL;

      outcome->record = credence_importer_describe_badge (outcome->badge, pins, data->source);
      /* The picture baked in, or embedded as data: nothing is fetched. */
      picture = credence_thumbnail_image_bytes (outcome->record->container, outcome->record->original,
                                                outcome->record->image);
      if (picture != NULL)
        outcome->picture = credence_thumbnail_decode (picture, PICTURE_SIZE, NULL);
    }

  g_task_return_pointer (task, g_steal_pointer (&outcome), (GDestroyNotify)credence_check_outcome_free);
}

/**
 * credence_checker_inspect_async:
 * @store: (nullable): the collection, for the owner's identities
 * @file: (nullable): a badge file
 * @bytes: (nullable): a badge file's contents, or a link as text, when
 *   @file is %NULL
 * @source: what to call it (a file name or the link)
 * @offline: use no network
 *
 * Reads and verifies a badge without saving anything ("Check a Badge").
 */
void
credence_checker_inspect_async (CredenceStore       *store,
                                GFile               *file,
                                GBytes              *bytes,
                                const char          *source,
                                gboolean             offline,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  InspectData *data;

  g_return_if_fail (file != NULL || bytes != NULL);

  data = g_new0 (InspectData, 1);
  data->store = store != NULL ? g_object_ref (store) : NULL;
  data->file = file != NULL ? g_object_ref (file) : NULL;
  data->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  data->source = g_strdup (source);
  data->offline = offline;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, credence_checker_inspect_async);
  g_task_set_task_data (task, data, (GDestroyNotify)inspect_data_free);
  g_task_run_in_thread (task, inspect_thread);
}

/**
 * credence_checker_inspect_finish:
 *
 * Returns: (transfer full): what the check found; an error only when the
 *   file could not be read, or the check was cancelled
 */
CredenceCheckOutcome *
credence_checker_inspect_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * credence_checker_report_checks:
 * @report: (nullable): a report as the history keeps it (JSON)
 *
 * Returns: (transfer full) (element-type CredenceCheck) (nullable): its
 *   checks, in order, or %NULL when @report cannot be read
 */
GPtrArray *
credence_checker_report_checks (const char *report)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  JsonObject *root;
  JsonArray *array;

  if (report == NULL)
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, report, -1, NULL))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "checks") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "checks")))
    return NULL;
  array = json_object_get_array_member (root, "checks");

  checks = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *status, *reason;
      CredenceCheck *check;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      check = g_new0 (CredenceCheck, 1);
      check->id = (char *)g_intern_string (json_object_get_string_member_with_default (object, "id", ""));
      check->message = (char *)g_intern_string (json_object_get_string_member_with_default (object, "message", ""));
      status = json_object_get_string_member_with_default (object, "status", "skip");
      check->status = g_str_equal (status, "pass") ? CREDENCE_CHECK_PASS
                    : g_str_equal (status, "fail") ? CREDENCE_CHECK_FAIL
                    : g_str_equal (status, "warn") ? CREDENCE_CHECK_WARN
                    : CREDENCE_CHECK_SKIP;
      reason = json_object_get_string_member_with_default (object, "reason", NULL);
      if (reason == NULL || !credence_reason_from_string (reason, &check->reason))
        check->reason = CREDENCE_REASON_NONE;
      g_ptr_array_add (checks, check);
    }

  return g_steal_pointer (&checks);
}

/**
 * credence_checker_check_title:
 * @id: the id of a check in a report
 *
 * Returns: the row title for the check, in header capitalization
 */
const char *
credence_checker_check_title (const char *id)
{
  static const struct
  {
    const char *id;
    const char *title;
  } titles[] = {
    { "input", N_("Badge File") },
    { "assertion", N_("Badge Data") },
    { "badge-class", N_("Achievement") },
    { "hosted", N_("Issuer’s Copy") },
    { "hosted-match", N_("Same as Issuer’s Copy") },
    { "issuer", N_("Issuer") },
    { "origin", N_("Issuer’s Website") },
    { "jws", N_("Signed Badge") },
    { "signature", N_("Signature") },
    { "proof", N_("Signature") },
    { "key", N_("Signing Key") },
    { "key-owner", N_("Key Belongs to Issuer") },
    { "recipient", N_("Recipient") },
    { "dates", N_("Dates") },
    { "revocation", N_("Revocation") },
    { "status", N_("Revocation") },
    { "credential", N_("Badge Data") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_strcmp0 (id, titles[i].id) == 0)
      return _(titles[i].title);

  return _("Other Check");
}
