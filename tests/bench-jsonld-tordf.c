/* bench-jsonld-tordf.c: JSON-LD to RDF conversions per second for an
 * Open Badges 3.0 credential with the bundled contexts.
 *
 * Run with `meson test -C _build --benchmark jsonld-tordf -v`.  Prints the
 * conversions per second of the first (cold: contexts parsed and
 * processed) conversion and of warm conversions, on one thread and on
 * every core, for the official OB 3.0 test vector and for the complete
 * OB 3.0 example of the 1EdTech validator.  The verifier converts thousands
 * of credentials per second, so warm conversions are what counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include "credence-jsonld.h"

#define WARM_SECONDS 2.0

static JsonNode *
load (const char *first,
      ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  va_list args;

  g_ptr_array_add (parts, (char *) g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, (char *) "data");
  g_ptr_array_add (parts, (char *) "corpus");
  va_start (args, first);
  for (const char *p = first; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *) p);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

/* CPU time of this thread: the machine may be shared, wall time is not
 * enough. */
static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static guint
convert (CredenceJsonld *processor,
         JsonNode       *input,
         guint           n)
{
  guint quads = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceRdfDataset) dataset = credence_jsonld_to_rdf (processor, input, NULL, &error);

      g_assert_no_error (error);
      quads = credence_rdf_dataset_get_n_quads (dataset);
    }
  return quads;
}

typedef struct
{
  CredenceJsonld *processor;
  JsonNode       *input;
  guint           n;
} Job;

static gpointer
run_job (gpointer data)
{
  Job *job = data;

  convert (job->processor, job->input, job->n);
  return NULL;
}

static void
bench (const char *label,
       JsonNode   *input)
{
  g_autoptr(CredenceJsonld) processor = credence_jsonld_new (NULL, NULL, NULL);
  guint n_threads = MAX (1, g_get_num_processors ());
  g_autofree GThread **threads = g_new0 (GThread *, n_threads);
  Job job = { processor, input, 0 };
  gint64 start;
  double cold_us, warm_s, parallel_s, cpu_start, warm_cpu_s;
  guint quads, n_warm = 0;

  json_node_seal (input);

  start = g_get_monotonic_time ();
  quads = convert (processor, input, 1);
  cold_us = g_get_monotonic_time () - start;

  /* Warm, one thread: as many as fit in WARM_SECONDS. */
  start = g_get_monotonic_time ();
  cpu_start = thread_cpu_seconds ();
  do
    {
      convert (processor, input, 10);
      n_warm += 10;
      warm_s = (g_get_monotonic_time () - start) / 1e6;
    }
  while (warm_s < WARM_SECONDS);
  warm_cpu_s = thread_cpu_seconds () - cpu_start;
  job.n = n_warm;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_threads; i++)
    threads[i] = g_thread_new ("tordf", run_job, &job);
  for (guint i = 0; i < n_threads; i++)
    g_thread_join (threads[i]);
  parallel_s = (g_get_monotonic_time () - start) / 1e6;

  g_test_message ("%s (%u quads): first conversion %.2f ms; warm: %.0f conversions/s "
                  "on 1 thread (%.1f us each; %.1f us of CPU each, %.0f per CPU second), "
                  "%.0f conversions/s on %u threads",
                  label, quads, cold_us / 1000.0, n_warm / warm_s, warm_s * 1e6 / n_warm,
                  warm_cpu_s * 1e6 / n_warm, n_warm / warm_cpu_s,
                  n_threads * n_warm / parallel_s, n_threads);
}

static void
bench_test_vector (void)
{
  g_autoptr(JsonNode) input = load ("1edtech-openbadges-specification", "ob_v3p0-ldp-test-vector",
                                    "credential.json", NULL);

  bench ("OB 3.0 test vector credential.json", input);
}

static void
bench_complete (void)
{
  g_autoptr(JsonNode) input = load ("1edtech-dc-public-validator", "ob30", "complete.json", NULL);

  bench ("1EdTech validator ob30/complete.json", input);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bench/jsonld-tordf/test-vector", bench_test_vector);
  g_test_add_func ("/bench/jsonld-tordf/complete", bench_complete);

  return g_test_run ();
}
