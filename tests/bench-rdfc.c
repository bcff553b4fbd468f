/* bench-rdfc.c: RDFC-1.0 canonicalizations per second.
 *
 * Run with `meson test -C _build --benchmark rdfc -v`.  Prints, for each
 * dataset, canonicalizations per second (dataset already built) and
 * parse-and-canonicalize per second (from N-Quads text):
 *  - the 1EdTech Open Badges 3.0 test vector: its document and its proof
 *    configuration, the two canonicalizations eddsa-rdfc-2022 verification
 *    makes per credential, and both together as a signed credential
 *    (proof in a named graph);
 *  - the 1EdTech CLR 2.0 test vector document (a larger credential);
 *  - the largest graphs of the W3C rdf-canon suite.
 * The verifier must canonicalize thousands of credentials per second.
 * Times are the thread's CPU time, since the machines that run this are
 * often shared.
 *
 * The test vectors are stored in canonical form; each is relabelled
 * (`_:c14nN` → `_:bM`, in reverse) and reversed before use, so that the
 * canonicalizer does real work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include "credence-rdf.h"
#include "credence-rdfc.h"

#define SECONDS_PER_CASE 0.5

static char *
read_corpus (const char *first,
             ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  const char *part;
  va_list args;

  g_ptr_array_add (parts, (gpointer) "data");
  g_ptr_array_add (parts, (gpointer) "corpus");
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  path = g_build_filenamev ((char **) parts->pdata);
  {
    g_autofree char *full = g_test_build_filename (G_TEST_DIST, path, NULL);

    g_file_get_contents (full, &text, NULL, &error);
  }
  g_assert_no_error (error);
  return text;
}

/* Copies @from into @to in reverse order, renaming blank node N of @n to
 * `b(n-1-N)` (labels c14nN) or keeping other labels, optionally moving
 * every quad into @graph. */
static void
add_scrambled (CredenceRdfDataset    *to,
               CredenceRdfDataset    *from,
               const CredenceRdfTerm *graph)
{
  guint n = credence_rdf_dataset_get_n_quads (from);

  for (guint i = n; i > 0; i--)
    {
      const CredenceRdfQuad *q = credence_rdf_dataset_get_quad (from, i - 1);
      CredenceRdfTerm terms[4] = { q->subject, q->predicate, q->object, q->graph };
      g_autofree char *labels[4] = { NULL, };

      for (guint t = 0; t < 4; t++)
        if (terms[t].kind == CREDENCE_RDF_TERM_BLANK && g_str_has_prefix (terms[t].value, "c14n"))
          {
            guint64 k = g_ascii_strtoull (terms[t].value + 4, NULL, 10);

            labels[t] = g_strdup_printf ("b%" G_GUINT64_FORMAT, 1000 - k);
            terms[t].value = labels[t];
          }
      credence_rdf_dataset_add_quad (to, &terms[0], &terms[1], &terms[2],
                                     graph != NULL ? graph : &terms[3]);
    }
}

static CredenceRdfDataset *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  CredenceRdfDataset *ds = credence_rdf_parse_nquads (text, -1, &error);

  g_assert_no_error (error);
  return ds;
}

static guint
count_blank_nodes (CredenceRdfDataset *ds)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < credence_rdf_dataset_get_n_quads (ds); i++)
    {
      const CredenceRdfQuad *q = credence_rdf_dataset_get_quad (ds, i);
      const CredenceRdfTerm *terms[3] = { &q->subject, &q->object, &q->graph };

      for (guint t = 0; t < 3; t++)
        if (terms[t]->kind == CREDENCE_RDF_TERM_BLANK)
          g_hash_table_add (seen, (gpointer) terms[t]->value);
    }
  return g_hash_table_size (seen);
}

static gint64
cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
measure (const char         *name,
         CredenceRdfDataset *ds,
         const char         *expected)
{
  g_autofree char *text = credence_rdf_dataset_to_nquads (ds);
  guint iterations = 0;
  gint64 start, elapsed;
  double canon_rate, parse_rate;

  /* Warm up, and check the result once. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *nquads = credence_rdfc_canonicalize (ds, &error);

    g_assert_no_error (error);
    if (expected != NULL)
      g_assert_cmpstr (nquads, ==, expected);
  }

  start = cpu_time_us ();
  do
    {
      for (guint i = 0; i < 50; i++)
        g_free (credence_rdfc_canonicalize (ds, NULL));
      iterations += 50;
      elapsed = cpu_time_us () - start;
    }
  while (elapsed < SECONDS_PER_CASE * G_USEC_PER_SEC);
  canon_rate = iterations / (elapsed / (double) G_USEC_PER_SEC);

  iterations = 0;
  start = cpu_time_us ();
  do
    {
      for (guint i = 0; i < 50; i++)
        {
          g_autoptr(CredenceRdfDataset) parsed = credence_rdf_parse_nquads (text, -1, NULL);

          g_free (credence_rdfc_canonicalize (parsed, NULL));
        }
      iterations += 50;
      elapsed = cpu_time_us () - start;
    }
  while (elapsed < SECONDS_PER_CASE * G_USEC_PER_SEC);
  parse_rate = iterations / (elapsed / (double) G_USEC_PER_SEC);

  g_test_message ("%-28s %4u quads %3u blank nodes: %9.0f canonicalizations/s (%7.1f us); "
                  "with N-Quads parsing %9.0f/s",
                  name, credence_rdf_dataset_get_n_quads (ds), count_blank_nodes (ds),
                  canon_rate, 1e6 / canon_rate, parse_rate);
}

static void
bench_ob3 (void)
{
  g_autofree char *doc_text = read_corpus ("1edtech-openbadges-specification", "ob_v3p0-ldp-test-vector",
                                           "document-canon.txt", NULL);
  g_autofree char *proof_text = read_corpus ("1edtech-openbadges-specification", "ob_v3p0-ldp-test-vector",
                                             "proof-canon.txt", NULL);
  g_autoptr(CredenceRdfDataset) doc_canon = parse (doc_text);
  g_autoptr(CredenceRdfDataset) proof_canon = parse (proof_text);
  g_autoptr(CredenceRdfDataset) doc = credence_rdf_dataset_new ();
  g_autoptr(CredenceRdfDataset) proof = credence_rdf_dataset_new ();
  g_autoptr(CredenceRdfDataset) signed_credential = credence_rdf_dataset_new ();
  CredenceRdfTerm proof_graph = credence_rdf_term_blank ("proof-graph");
  CredenceRdfTerm credential = credence_rdf_term_iri ("http://example.com/credentials/3527");
  CredenceRdfTerm proof_predicate = credence_rdf_term_iri ("https://w3id.org/security#proof");

  add_scrambled (doc, doc_canon, NULL);
  add_scrambled (proof, proof_canon, NULL);
  measure ("OB 3.0 document", doc, doc_text);
  measure ("OB 3.0 proof configuration", proof, proof_text);

  add_scrambled (signed_credential, doc_canon, NULL);
  credence_rdf_dataset_add_quad (signed_credential, &credential, &proof_predicate, &proof_graph, NULL);
  add_scrambled (signed_credential, proof_canon, &proof_graph);
  measure ("OB 3.0 signed credential", signed_credential, NULL);
}

typedef struct
{
  CredenceRdfDataset *dataset;   /* one per thread: datasets are not shared */
  guint               count;
} Worker;

static gpointer
worker_run (gpointer data)
{
  Worker *w = data;
  gint64 start = cpu_time_us ();

  while (cpu_time_us () - start < SECONDS_PER_CASE * G_USEC_PER_SEC)
    for (guint i = 0; i < 50; i++, w->count++)
      g_free (credence_rdfc_canonicalize (w->dataset, NULL));
  return NULL;
}

/* Every core canonicalizing its own copy of the OB 3.0 signed credential:
 * nothing is shared or locked, so the rate should scale with the cores
 * (on a shared machine, with the cores actually free). */
static void
bench_threads (void)
{
  g_autofree char *doc_text = read_corpus ("1edtech-openbadges-specification", "ob_v3p0-ldp-test-vector",
                                           "document-canon.txt", NULL);
  guint n = MAX (1, g_get_num_processors ());
  g_autofree Worker *workers = g_new0 (Worker, n);
  g_autofree GThread **threads = g_new0 (GThread *, n);
  gint64 start = g_get_monotonic_time ();
  double seconds;
  guint total = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CredenceRdfDataset) canon = parse (doc_text);

      workers[i].dataset = credence_rdf_dataset_new ();
      add_scrambled (workers[i].dataset, canon, NULL);
      threads[i] = g_thread_new ("canonicalize", worker_run, &workers[i]);
    }
  for (guint i = 0; i < n; i++)
    {
      g_thread_join (threads[i]);
      total += workers[i].count;
      credence_rdf_dataset_free (workers[i].dataset);
    }
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_test_message ("OB 3.0 document on %u threads: %.0f canonicalizations/s of wall time",
                  n, total / seconds);
}

static void
bench_clr (void)
{
  g_autofree char *text = read_corpus ("1edtech-openbadges-specification", "ob_v3p0-ldp-test-vector",
                                       "clrv2p0", "document-canon.txt", NULL);
  g_autoptr(CredenceRdfDataset) canon = parse (text);
  g_autoptr(CredenceRdfDataset) doc = credence_rdf_dataset_new ();

  add_scrambled (doc, canon, NULL);
  measure ("CLR 2.0 document", doc, text);
}

static void
bench_suite (void)
{
  static const char *tests[] = { "test044", "test046", "test053", "test060", "test069" };

  for (gsize i = 0; i < G_N_ELEMENTS (tests); i++)
    {
      g_autofree char *in = g_strdup_printf ("%s-in.nq", tests[i]);
      g_autofree char *out = g_strdup_printf ("%s-rdfc10.nq", tests[i]);
      g_autofree char *text = read_corpus ("w3c-rdf-canon", "tests", "rdfc10", in, NULL);
      g_autofree char *expected = read_corpus ("w3c-rdf-canon", "tests", "rdfc10", out, NULL);
      g_autoptr(CredenceRdfDataset) ds = parse (text);
      g_autofree char *name = g_strdup_printf ("rdf-canon %s", tests[i]);

      measure (name, ds, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bench/rdfc/open-badges-3", bench_ob3);
  g_test_add_func ("/bench/rdfc/clr-2", bench_clr);
  g_test_add_func ("/bench/rdfc/threads", bench_threads);
  g_test_add_func ("/bench/rdfc/rdf-canon-suite", bench_suite);

  return g_test_run ();
}
