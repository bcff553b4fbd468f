/* credence-cli-import.c: credence-cli import — bring badges into the
 * collection, verified; and what credence-cli reverify shares with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "credence-badge.h"
#include "credence-cli.h"
#include "credence-cli-store.h"
#include "credence-importer.h"
#include "credence-loader.h"

/**
 * credence_cli_make_verifier:
 * @store: the collection; its identities are the learner's
 * @offline: use only pinned documents and bundled contexts
 * @url_maps: (nullable): PREFIX=DIR specifications
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a verifier for import and re-verification
 */
CredenceVerifier *
credence_cli_make_verifier (CredenceStore  *store,
                            gboolean        offline,
                            char          **url_maps,
                            GError        **error)
{
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  g_autoptr(CredenceVerifier) verifier = NULL;
  g_autoptr(GPtrArray) identities = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  credence_loader_set_offline (loader, offline);
  for (gsize i = 0; url_maps != NULL && url_maps[i] != NULL; i++)
    if (!credence_loader_parse_url_map (loader, url_maps[i], error))
      return NULL;

  identities = credence_store_list_identities (store, error);
  if (identities == NULL)
    return NULL;
  for (guint i = 0; i < identities->len; i++)
    g_ptr_array_add (values, ((CredenceStoreIdentity *) g_ptr_array_index (identities, i))->value);
  g_ptr_array_add (values, NULL);

  verifier = credence_verifier_new (loader);
  if (identities->len > 0)
    credence_verifier_set_identities (verifier, (const char * const *) values->pdata);

  return g_steal_pointer (&verifier);
}

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  gboolean      json;
  gboolean      progress;
  GPtrArray    *lines;      /* by source index; printed in order */
  guint         next_line;
  int           status;
  GError       *error;
} RunData;

static void
update_status (RunData              *data,
               CredenceImportResult *result)
{
  int status = CREDENCE_CLI_EXIT_OK;

  if (result->status == CREDENCE_IMPORT_REJECTED)
    status = CREDENCE_CLI_EXIT_NO;
  else if (result->verification != NULL)
    switch (credence_verification_get_verdict (result->verification))
      {
      case CREDENCE_VERDICT_INVALID:
        status = CREDENCE_CLI_EXIT_NO;
        break;
      case CREDENCE_VERDICT_INDETERMINATE:
        status = CREDENCE_CLI_EXIT_INDETERMINATE;
        break;
      case CREDENCE_VERDICT_VALID:
      default:
        break;
      }

  /* Any "no" wins over "indeterminate". */
  if (status == CREDENCE_CLI_EXIT_NO || data->status == CREDENCE_CLI_EXIT_OK)
    data->status = MAX (data->status == CREDENCE_CLI_EXIT_NO ? CREDENCE_CLI_EXIT_NO : 0, status);
}

static char *
result_json_line (CredenceImportResult *result)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *object;

  if (result->verification != NULL)
    node = credence_verification_to_json (result->verification, result->source, result->ms);
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, result->source);
      json_builder_set_member_name (builder, "verdict");
      json_builder_add_string_value (builder, "invalid");
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, result->reason);
      json_builder_set_member_name (builder, "spec");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "format");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "checks");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, "input");
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, "fail");
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, result->reason);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, result->message);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "ms");
      json_builder_add_double_value (builder, result->ms);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
    }

  object = json_node_get_object (node);
  if (result->badge_uid != NULL)
    json_object_set_string_member (object, "badge", result->badge_uid);
  else
    json_object_set_null_member (object, "badge");
  json_object_set_string_member (object, "status", credence_import_status_to_string (result->status));

  if (result->status == CREDENCE_IMPORT_REVERIFIED)
    {
      JsonObject *previous = json_object_new ();
      g_autofree char *when = credence_cli_format_time (result->previous_verified_at);

      if (result->previous_verdict != NULL)
        json_object_set_string_member (previous, "verdict", result->previous_verdict);
      else
        json_object_set_null_member (previous, "verdict");
      if (result->previous_reason != NULL)
        json_object_set_string_member (previous, "reason", result->previous_reason);
      else
        json_object_set_null_member (previous, "reason");
      if (when != NULL)
        json_object_set_string_member (previous, "verified", when);
      else
        json_object_set_null_member (previous, "verified");
      json_object_set_object_member (object, "previous", previous);
      json_object_set_boolean_member (object, "changed", credence_import_result_changed (result));
    }

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static char *
result_text_line (CredenceImportResult *result)
{
  const char *verdict = NULL;
  const char *reason = NULL;
  CredenceReason code;

  if (result->status == CREDENCE_IMPORT_REJECTED)
    return g_strdup_printf (_("rejected    %s: %s"), result->source,
                            result->message != NULL ? result->message : result->reason);
  if (result->status == CREDENCE_IMPORT_CANCELLED)
    return g_strdup_printf (_("cancelled   %s"), result->source);

  if (result->verification != NULL)
    {
      verdict = credence_verdict_to_string (credence_verification_get_verdict (result->verification));
      code = credence_verification_get_reason (result->verification);
      reason = code != CREDENCE_REASON_NONE ? credence_reason_to_string (code) : NULL;
    }

  if (result->status == CREDENCE_IMPORT_REVERIFIED)
    {
      if (credence_import_result_changed (result))
        {
          g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (result->previous_verified_at);
          g_autofree char *date = then != NULL ? g_date_time_format (then, "%e %B %Y") : g_strdup ("?");

          /* Translators: e.g. "now invalid (revoked); was valid on 12 May 2026". */
          return g_strdup_printf (_("%s  now %s%s%s%s; was %s on %s  %s"), result->badge_uid, verdict,
                                  reason != NULL ? " (" : "", reason != NULL ? reason : "",
                                  reason != NULL ? ")" : "",
                                  result->previous_verdict != NULL ? result->previous_verdict : _("unverified"),
                                  g_strstrip (date), result->name != NULL ? result->name : "");
        }
      return g_strdup_printf (_("%s  still %s%s%s%s  %s"), result->badge_uid, verdict,
                              reason != NULL ? " (" : "", reason != NULL ? reason : "",
                              reason != NULL ? ")" : "", result->name != NULL ? result->name : "");
    }

  return g_strdup_printf ("%-10s  %s  %-13s %s%s%s  %s",
                          credence_import_status_to_string (result->status), result->badge_uid,
                          verdict, result->name != NULL ? result->name : "",
                          reason != NULL ? " — " : "", reason != NULL ? reason : "",
                          result->source);
}

static void
item_finished_cb (CredenceImporter     *importer,
                  CredenceImportResult *result,
                  RunData              *data)
{
  char *line = data->json ? result_json_line (result) : result_text_line (result);

  update_status (data, result);

  if (result->index >= data->lines->len)
    g_ptr_array_set_size (data->lines, result->index + 1);
  data->lines->pdata[result->index] = line;

  if (data->progress)
    fprintf (stderr, "\r\033[K");

  /* Lines come out in the order of the sources. */
  while (data->next_line < data->lines->len && data->lines->pdata[data->next_line] != NULL)
    {
      printf ("%s\n", (char *) data->lines->pdata[data->next_line]);
      g_clear_pointer (&data->lines->pdata[data->next_line], g_free);
      data->next_line++;
    }
  fflush (stdout);

  if (data->progress)
    {
      guint total = credence_importer_get_total (importer);
      guint done = credence_importer_get_done (importer);
      int width = 30;
      int filled = total > 0 ? (int) (width * (double) done / total) : 0;
      g_autofree char *bar = g_strnfill (filled, '#');
      g_autofree char *rest = g_strnfill (width - filled, ' ');

      fprintf (stderr, "[%s%s] %u/%u", bar, rest, done, total);
      fflush (stderr);
    }
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunData *data = user_data;

  credence_importer_run_finish (CREDENCE_IMPORTER (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

static gboolean
interrupted_cb (gpointer user_data)
{
  RunData *data = user_data;

  g_cancellable_cancel (data->cancellable);

  return G_SOURCE_CONTINUE;
}

/**
 * credence_cli_run_importer:
 * @importer: an importer with its sources added
 * @json: print one JSON line per source
 *
 * Runs the import with a progress bar on a terminal; Ctrl+C cancels and
 * keeps what was finished.
 *
 * Returns: the exit code
 */
int
credence_cli_run_importer (CredenceImporter *importer,
                           gboolean          json)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  RunData data = { 0 };
  guint sigint;
  gulong handler;

  data.loop = loop;
  data.cancellable = cancellable;
  data.json = json;
  data.progress = isatty (STDERR_FILENO) && !json;
  data.lines = lines;

  handler = g_signal_connect (importer, "item-finished", G_CALLBACK (item_finished_cb), &data);
  sigint = g_unix_signal_add (SIGINT, interrupted_cb, &data);

  credence_importer_run_async (importer, cancellable, run_done_cb, &data);
  g_main_loop_run (loop);

  g_source_remove (sigint);
  g_signal_handler_disconnect (importer, handler);
  if (data.progress)
    fprintf (stderr, "\r\033[K");

  if (data.error != NULL)
    {
      int code = g_error_matches (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                 ? CREDENCE_CLI_EXIT_USAGE : credence_cli_report_error (data.error);

      if (g_error_matches (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fprintf (stderr, "%s\n", _("Cancelled: the badges finished before are kept."));
      g_error_free (data.error);
      return code;
    }

  return data.status;
}

int
credence_cli_import (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(CredenceVerifier) verifier = NULL;
  g_autoptr(CredenceImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) identities = NULL;
  g_auto(GStrv) url_maps = NULL;
  gboolean offline = FALSE;
  gboolean json = FALSE;
  int passphrase_fd = -1;
  int jobs = 0;
  GOptionEntry entries[] = {
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline, N_("Use no network: only bundled contexts"), NULL },
    { "identity", 0, 0, G_OPTION_ARG_STRING_ARRAY, &identities, N_("Add ADDR to your identities first (repeatable)"), N_("ADDR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON line per source"), NULL },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Verify N badges at once (default: one per core)"), "N" },
    { "url-map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &url_maps, N_("Read URLs starting with PREFIX from the folder DIR"), N_("PREFIX=DIR") },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_("Read the collection’s passphrase from file descriptor N"), "N" },
    { NULL },
  };

  context = g_option_context_new (_("SOURCE…"));
  g_option_context_set_summary (context,
                                _("Add badges to your collection: files, folders (with everything in "
                                  "them), links, or “-” for standard input. Each is verified and kept "
                                  "with its report, even when it does not verify. The badges of a "
                                  "Credence bundle are verified offline, from the documents it holds."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2 || jobs < 0)
    {
      fprintf (stderr, "credence-cli import: %s\n",
               error != NULL ? error->message : _("give at least one file, folder or link"));
      return CREDENCE_CLI_EXIT_USAGE;
    }

  store = credence_cli_open_store (passphrase_fd, &error);
  if (store == NULL)
    return credence_cli_report_error (error);

  for (gsize i = 0; identities != NULL && identities[i] != NULL; i++)
    {
      g_autofree char *value = NULL;
      CredenceStoreIdentityType type;

      if (!credence_store_identity_parse (identities[i], &type, &value))
        {
          fprintf (stderr, _("credence-cli import: “%s” is not an email address, a web address, "
                             "a phone number or a DID\n"), identities[i]);
          return CREDENCE_CLI_EXIT_USAGE;
        }
      if (!credence_store_add_identity (store, type, value, FALSE, &error))
        return credence_cli_report_error (error);
    }

  verifier = credence_cli_make_verifier (store, offline, url_maps, &error);
  if (verifier == NULL)
    return credence_cli_report_error (error);

  importer = credence_importer_new (store, verifier);
  credence_importer_set_jobs (importer, (guint) jobs);

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "-") == 0)
        {
          g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
          g_autoptr(GBytes) bytes = credence_badge_read_stream (in, NULL, &error);

          if (bytes == NULL)
            return credence_cli_report_error (error);
          credence_importer_add_bytes (importer, bytes, "-");
        }
      else
        credence_importer_add_source (importer, argv[i]);
    }

  return credence_cli_run_importer (importer, json);
}
