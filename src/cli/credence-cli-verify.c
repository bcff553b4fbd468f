/* credence-cli-verify.c: `credence-cli verify`, check badges.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "credence-bundle.h"
#include "credence-cli.h"
#include "credence-cli-store.h"
#include "credence-limits.h"
#include "credence-loader.h"
#include "credence-verifier.h"

typedef struct
{
  const char           *source;
  CredenceBundle       *bundle;   /* a badge of this bundle, or NULL */
  guint                 index;    /* its index in the bundle */
  char                 *label;    /* FILE#N for a badge of a bundle */
  char                 *heading;  /* printed before it: the bundle's summary */
  char                 *line;     /* the output for this source */
  CredenceVerdict       verdict;
  gboolean              read_error;
  gboolean              done;
} Job;

typedef struct
{
  CredenceVerifier    *verifier;
  CredenceDocumentSet *pins;
  gboolean             json;
  Job                 *jobs;
  GMutex               mutex;
  GCond                cond;
} Batch;

static CredenceVerification *
read_error_report (const char *message)
{
  CredenceVerification *report = credence_verification_new ();

  credence_verification_add_check (report, "read", CREDENCE_CHECK_SKIP, CREDENCE_REASON_UNREACHABLE,
                                   "%s", message);
  return report;
}

static GBytes *
read_stdin (GError **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[64 * 1024];
  size_t n;

  while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
    {
      if (buffer->len + n > CREDENCE_LIMIT_INPUT_SIZE)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The standard input is larger than %d MiB"),
                       CREDENCE_LIMIT_INPUT_SIZE / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (buffer, chunk, n);
    }
  if (ferror (stdin))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The standard input could not be read"));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

static GBytes *
read_source (const char  *source,
             GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (g_strcmp0 (source, "-") == 0)
    return read_stdin (error);

  file = g_file_new_for_commandline_arg (source);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > CREDENCE_LIMIT_INPUT_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s is larger than %d MiB"), source,
                   CREDENCE_LIMIT_INPUT_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &contents, &len, NULL, error))
    return NULL;

  return g_bytes_new_take (contents, len);
}

/* Whether the file @source starts like a Credence bundle. */
static gboolean
is_bundle (const char *source)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (source);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  guint8 head[64];
  gsize n = 0;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, strlen (CREDENCE_BUNDLE_MAGIC), &n, NULL, NULL))
    return FALSE;

  return credence_bundle_sniff (head, n);
}

static gboolean
is_url (const char *source)
{
  return g_str_has_prefix (source, "http://") || g_str_has_prefix (source, "https://");
}

static char *
format_human (CredenceVerification *report,
              const char           *source)
{
  GString *out = g_string_new (NULL);
  CredenceVerdict verdict = credence_verification_get_verdict (report);
  CredenceReason reason = credence_verification_get_reason (report);
  GDateTime *as_of = credence_verification_get_oldest_document_time (report);

  g_string_append_printf (out, "%s: %s", source, credence_verdict_get_title (verdict));
  if (reason != CREDENCE_REASON_NONE)
    g_string_append_printf (out, " — %s", credence_reason_get_title (reason));
  g_string_append_c (out, '\n');
  g_string_append_printf (out, "  %s\n", credence_verdict_get_sentence (verdict));
  if (credence_verification_get_spec (report) != NULL)
    g_string_append_printf (out, "  Open Badges %s, %s\n", credence_verification_get_spec (report),
                            credence_verification_get_format (report) != NULL
                            ? credence_verification_get_format (report) : "?");
  if (credence_verification_get_offline (report) && as_of != NULL)
    {
      g_autofree char *when = g_date_time_format (as_of, "%Y-%m-%d %H:%M UTC");

      g_string_append_printf (out, "  %s\n", when);
    }

  for (guint i = 0; i < credence_verification_get_n_checks (report); i++)
    {
      const CredenceCheck *check = credence_verification_get_check (report, i);

      g_string_append_printf (out, "  [%s] %s: %s\n", credence_check_status_to_string (check->status),
                              check->id, check->message);
    }

  return g_string_free (out, FALSE);
}

static char *
format_date (GDateTime *when)
{
  return when != NULL ? g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/* The title of a verdict recorded as text ("valid"…), for people. */
static const char *
verdict_title (const char *verdict)
{
  static const CredenceVerdict verdicts[] = {
    CREDENCE_VERDICT_VALID, CREDENCE_VERDICT_INVALID, CREDENCE_VERDICT_INDETERMINATE,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (verdicts); i++)
    if (g_strcmp0 (verdict, credence_verdict_to_string (verdicts[i])) == 0)
      return credence_verdict_get_title (verdicts[i]);

  return verdict;
}

/* A badge of a bundle, for people: its name, then the usual report and
 * the date of the documents it was checked with.
 */
static char *
bundle_human (CredenceVerification *report,
              Job                  *job)
{
  const CredenceStoreBadge *badge = credence_bundle_get_badge (job->bundle, job->index);
  g_autofree char *name = credence_cli_safe_text (badge->name != NULL ? badge->name : _("(no name)"));
  g_autofree char *label = g_strdup_printf ("%s “%s”", job->label, name);
  GDateTime *as_of = credence_verification_get_oldest_document_time (report);
  GString *out = g_string_new (NULL);
  g_autofree char *text = format_human (report, label);

  g_string_append (out, text);
  if (as_of != NULL)
    {
      g_autofree char *when = g_date_time_format (as_of, "%Y-%m-%d %H:%M UTC");

      g_string_append_printf (out, "  ");
      g_string_append_printf (out, _("Checked with the issuer’s documents as of %s"), when);
      g_string_append_c (out, '\n');
    }
  if (badge->history != NULL && badge->history->len > 0)
    {
      CredenceStoreVerification *v = g_ptr_array_index (badge->history, badge->history->len - 1);
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (v->verified_at);
      g_autofree char *when = at != NULL ? g_date_time_format (at, "%Y-%m-%d %H:%M UTC") : NULL;
      g_autofree char *verdict = credence_cli_safe_text (verdict_title (v->verdict));

      g_string_append_printf (out, "  ");
      g_string_append_printf (out, _("When exported: %s, checked %s"), verdict, when != NULL ? when : "?");
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* A badge of a bundle, as a JSON line: the usual members, "source" is
 * FILE#N, and "bundle" says which badge and how old its documents are.
 */
static char *
bundle_json_line (CredenceVerification *report,
                  Job                  *job,
                  double                ms)
{
  const CredenceStoreBadge *badge = credence_bundle_get_badge (job->bundle, job->index);
  g_autofree char *line = credence_verification_to_json_line (report, job->label, ms);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) member = NULL;
  g_autofree char *exported = format_date (credence_bundle_get_exported_at (job->bundle));
  g_autofree char *as_of = format_date (credence_verification_get_oldest_document_time (report));
  g_autofree char *member_text = NULL;
  const char *problem = credence_bundle_get_problem (job->bundle, job->index);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, job->source);
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, job->index + 1);
  credence_cli_add_string_member (builder, "id", badge->uid);
  credence_cli_add_string_member (builder, "name", badge->name);
  credence_cli_add_string_member (builder, "exported", exported);
  credence_cli_add_string_member (builder, "documentsAsOf", as_of);
  credence_cli_add_string_member (builder, "problem", problem);
  if (badge->history != NULL && badge->history->len > 0)
    {
      CredenceStoreVerification *v = g_ptr_array_index (badge->history, badge->history->len - 1);
      g_autofree char *when = credence_cli_format_time (v->verified_at);

      json_builder_set_member_name (builder, "exportedVerdict");
      json_builder_begin_object (builder);
      credence_cli_add_string_member (builder, "verdict", v->verdict);
      credence_cli_add_string_member (builder, "reason", v->reason);
      credence_cli_add_string_member (builder, "time", when);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  member = json_builder_get_root (builder);
  json_generator_set_root (generator, member);
  member_text = json_generator_to_data (generator, NULL);

  g_assert (line[0] == '{');
  return g_strdup_printf ("{\"bundle\":%s,%s", member_text, line + 1);
}

static void
verify_job_cb (gpointer data,
               gpointer user_data)
{
  Job *job = data;
  Batch *batch = user_data;
  g_autoptr(CredenceVerification) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  if (job->bundle != NULL)
    report = credence_bundle_verify_badge (job->bundle, job->index, batch->verifier, NULL);
  else if (is_url (job->source))
    report = credence_verifier_verify_url (batch->verifier, job->source, batch->pins, NULL);
  else
    {
      g_autoptr(GBytes) bytes = read_source (job->source, &error);

      if (bytes != NULL)
        report = credence_verifier_verify_bytes (batch->verifier, bytes, batch->pins, NULL);
      else
        {
          report = read_error_report (error->message);
          job->read_error = TRUE;
          g_printerr ("credence-cli verify: %s\n", error->message);
        }
    }

  ms = (g_get_monotonic_time () - start) / 1000.0;

  g_mutex_lock (&batch->mutex);
  job->verdict = credence_verification_get_verdict (report);
  if (job->bundle != NULL)
    job->line = batch->json ? bundle_json_line (report, job, ms) : bundle_human (report, job);
  else
    job->line = batch->json ? credence_verification_to_json_line (report, job->source, ms)
                            : format_human (report, job->source);
  job->done = TRUE;
  g_cond_broadcast (&batch->cond);
  g_mutex_unlock (&batch->mutex);
}

static gboolean
load_documents (const char           *path,
                CredenceDocumentSet  *pins,
                GError              **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CredenceDocumentSet) saved = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_file_get_contents (path, &contents, &len, error))
    return FALSE;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  saved = credence_document_set_new_from_bytes (bytes, error);
  if (saved == NULL)
    return FALSE;
  credence_document_set_merge (pins, saved);
  return TRUE;
}

int
credence_cli_verify (int    argc,
                     char **argv)
{
  gboolean json = FALSE, offline = FALSE;
  g_auto(GStrv) identities = NULL;
  g_auto(GStrv) url_maps = NULL;
  g_autofree char *at = NULL;
  g_autofree char *documents = NULL;
  int jobs = 0;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceLoader) loader = NULL;
  g_autoptr(CredenceVerifier) verifier = NULL;
  g_autoptr(CredenceDocumentSet) pins = NULL;
  g_autoptr(GDateTime) when = NULL;
  GThreadPool *pool;
  Batch batch = { 0 };
  GArray *jobs_array;
  GList *bundles = NULL;
  guint n_jobs;
  int n_sources;
  gboolean any_invalid = FALSE, any_indeterminate = FALSE, any_read_error = FALSE;
  const char *env_map;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("One JSON line per source"), NULL },
    { "identity", 0, 0, G_OPTION_ARG_STRING_ARRAY, &identities,
      N_("The learner’s email address, URL or telephone number (repeatable)"), N_("ADDR") },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline,
      N_("Use no network: only saved documents, mapped folders and bundled contexts"), NULL },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("Verify as of this time"), N_("RFC3339") },
    { "url-map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &url_maps,
      N_("Serve URLs starting with PREFIX from folder DIR (repeatable)"), N_("PREFIX=DIR") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Badges verified at once (default: cores)"), N_("N") },
    { "documents", 0, 0, G_OPTION_ARG_FILENAME, &documents,
      N_("Read pinned documents from FILE and save every fetched one back to it"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("SOURCE… — check Open Badges (files, Credence bundles, URLs or - for standard input)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Exit status: 0 all valid, 1 some invalid, 3 some could not be checked, 2 usage errors."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("credence-cli verify: %s\n", error->message);
      return CREDENCE_CLI_EXIT_USAGE;
    }

  /* Options end at "--"; GOption leaves it in argv. */
  if (argc > 1 && g_strcmp0 (argv[1], "--") == 0)
    {
      argv++;
      argc--;
    }
  n_sources = argc - 1;
  if (n_sources < 1)
    {
      g_printerr ("credence-cli verify: %s\n", _("Name at least one badge file, URL or -."));
      return CREDENCE_CLI_EXIT_USAGE;
    }
  if (jobs < 0)
    {
      g_printerr ("credence-cli verify: %s\n", _("--jobs must be at least 1."));
      return CREDENCE_CLI_EXIT_USAGE;
    }
  if (jobs == 0)
    jobs = MAX (1, (int) g_get_num_processors ());

  if (at != NULL)
    {
      gsize n = strlen (at);
      gboolean zoned = n > 6 && (at[n - 1] == 'Z' || at[n - 1] == 'z'
                                 || ((at[n - 6] == '+' || at[n - 6] == '-') && at[n - 3] == ':'));

      when = zoned ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
      if (when == NULL)
        {
          g_printerr ("credence-cli verify: %s\n",
                      _("--at needs an RFC 3339 time with a zone, such as 2024-05-01T12:00:00Z."));
          return CREDENCE_CLI_EXIT_USAGE;
        }
    }

  loader = credence_loader_new ();
  credence_loader_set_offline (loader, offline);
  env_map = g_getenv ("CREDENCE_URL_MAP");
  if (env_map != NULL && !credence_loader_parse_url_map (loader, env_map, &error))
    {
      g_printerr ("credence-cli verify: CREDENCE_URL_MAP: %s\n", error->message);
      return CREDENCE_CLI_EXIT_USAGE;
    }
  for (guint i = 0; url_maps != NULL && url_maps[i] != NULL; i++)
    if (!credence_loader_parse_url_map (loader, url_maps[i], &error))
      {
        g_printerr ("credence-cli verify: %s\n", error->message);
        return CREDENCE_CLI_EXIT_USAGE;
      }

  pins = credence_document_set_new ();
  if (documents != NULL && !load_documents (documents, pins, &error))
    {
      g_printerr ("credence-cli verify: %s: %s\n", documents, error->message);
      return CREDENCE_CLI_EXIT_USAGE;
    }

  verifier = credence_verifier_new (loader);
  credence_verifier_set_identities (verifier, (const char * const *) identities);
  credence_verifier_set_time (verifier, when);

  batch.verifier = verifier;
  batch.pins = pins;
  batch.json = json;
  jobs_array = g_array_new (FALSE, TRUE, sizeof (Job));
  for (int i = 0; i < n_sources; i++)
    {
      const char *source = argv[i + 1];
      g_autoptr(CredenceBundle) bundle = NULL;

      if (!is_url (source) && g_strcmp0 (source, "-") != 0 && is_bundle (source))
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (source);

          bundle = credence_bundle_new_from_file (file, NULL, &error);
          if (bundle == NULL)
            {
              g_printerr ("credence-cli verify: %s: %s\n", source, error->message);
              g_clear_error (&error);
              any_read_error = TRUE;
              continue;
            }
          bundles = g_list_prepend (bundles, g_object_ref (bundle));
          for (guint j = 0; j < credence_bundle_get_n_badges (bundle); j++)
            {
              Job job = { 0 };

              job.source = source;
              job.bundle = bundle;
              job.index = j;
              job.label = g_strdup_printf ("%s#%u", source, j + 1);
              if (j == 0 && !json)
                {
                  g_autofree char *exported = g_date_time_format (credence_bundle_get_exported_at (bundle),
                                                                  "%Y-%m-%d %H:%M UTC");

                  job.heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%s: a Credence bundle of %u badge, exported %s\n",
                                                              "%s: a Credence bundle of %u badges, exported %s\n",
                                                              credence_bundle_get_n_badges (bundle)),
                                                 source, credence_bundle_get_n_badges (bundle), exported);
                }
              g_array_append_val (jobs_array, job);
            }
          if (credence_bundle_get_n_badges (bundle) == 0 && !json)
            printf (_("%s: a Credence bundle without badges\n"), source);
          continue;
        }
      {
        Job job = { 0 };

        job.source = source;
        g_array_append_val (jobs_array, job);
      }
    }
  n_jobs = jobs_array->len;
  batch.jobs = (Job *) (gpointer) jobs_array->data;
  g_mutex_init (&batch.mutex);
  g_cond_init (&batch.cond);

  pool = g_thread_pool_new (verify_job_cb, &batch, jobs, FALSE, NULL);
  for (guint i = 0; i < n_jobs; i++)
    g_thread_pool_push (pool, &batch.jobs[i], NULL);

  /* Print in input order, each as soon as it and those before it are done. */
  for (guint i = 0; i < n_jobs; i++)
    {
      g_mutex_lock (&batch.mutex);
      while (!batch.jobs[i].done)
        g_cond_wait (&batch.cond, &batch.mutex);
      g_mutex_unlock (&batch.mutex);

      if (batch.jobs[i].heading != NULL)
        fputs (batch.jobs[i].heading, stdout);
      fputs (batch.jobs[i].line, stdout);
      if (json)
        fputc ('\n', stdout);
      fflush (stdout);

      any_invalid |= batch.jobs[i].verdict == CREDENCE_VERDICT_INVALID;
      any_indeterminate |= batch.jobs[i].verdict == CREDENCE_VERDICT_INDETERMINATE;
      any_read_error |= batch.jobs[i].read_error;
    }

  g_thread_pool_free (pool, FALSE, TRUE);
  for (guint i = 0; i < n_jobs; i++)
    {
      g_free (batch.jobs[i].line);
      g_free (batch.jobs[i].label);
      g_free (batch.jobs[i].heading);
    }
  g_array_free (jobs_array, TRUE);
  g_list_free_full (bundles, g_object_unref);
  g_mutex_clear (&batch.mutex);
  g_cond_clear (&batch.cond);

  if (documents != NULL && !offline)
    {
      g_autoptr(GBytes) saved = credence_document_set_to_bytes (pins);

      /* Owner only: issuers' copies of badges name their recipients. */
      if (!g_file_set_contents_full (documents, g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        {
          g_printerr ("credence-cli verify: %s: %s\n", documents, error->message);
          return CREDENCE_CLI_EXIT_USAGE;
        }
    }

  if (any_read_error)
    return CREDENCE_CLI_EXIT_USAGE;
  if (any_invalid)
    return CREDENCE_CLI_EXIT_NO;
  if (any_indeterminate)
    return CREDENCE_CLI_EXIT_INDETERMINATE;
  return CREDENCE_CLI_EXIT_OK;
}
