/* test-cli-to-rdf.c: credence-cli to-rdf on W3C suite files (through
 * --url-map) and on the Open Badges 3.0 test vector (bundled contexts).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-rdf.h"
#include "credence-rdfc.h"
#include "credence-test-utils.h"

#define SUITE_URL "https://w3c.github.io/json-ld-api/tests/"

static char *
corpus_file (const char *dir,
             const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "corpus", dir, name, NULL);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* RDFC-1.0 canonical form of N-Quads text: equal datasets, equal text. */
static char *
canonical (const char *nquads)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceRdfDataset) dataset = credence_rdf_parse_nquads (nquads, -1, &error);
  char *canon;

  g_assert_no_error (error);
  canon = credence_rdfc_canonicalize (dataset, &error);
  g_assert_no_error (error);
  return canon;
}

static void
check_suite_test (const char *name)
{
  g_autofree char *suite_dir = corpus_file ("w3c-json-ld-api", "tests");
  g_autofree char *map = g_strconcat ("--url-map=" SUITE_URL "=", suite_dir, NULL);
  g_autofree char *in_name = g_strdup_printf ("toRdf/%s-in.jsonld", name);
  g_autofree char *out_name = g_strdup_printf ("toRdf/%s-out.nq", name);
  g_autofree char *input = g_build_filename (suite_dir, in_name, NULL);
  g_autofree char *expected_path = g_build_filename (suite_dir, out_name, NULL);
  g_autofree char *expected = read_text (expected_path);
  const char *args[] = { "to-rdf", map, input, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *got_canon = NULL;
  g_autofree char *expected_canon = NULL;

  g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  got_canon = canonical (out);
  expected_canon = canonical (expected);
  g_assert_cmpstr (got_canon, ==, expected_canon);
}

/* c031 loads a context from a folder next to it; 0016 resolves a relative
 * IRI against the document's URL: both need the document read as if from
 * its URL. */
static void
test_url_map (void)
{
  check_suite_test ("c031");
  check_suite_test ("0016");
}

static void
test_ob3_vector (void)
{
  g_autofree char *input = corpus_file ("1edtech-openbadges-specification",
                                        "ob_v3p0-ldp-test-vector/credential.json");
  g_autofree char *canon_path = corpus_file ("1edtech-openbadges-specification",
                                             "ob_v3p0-ldp-test-vector/document-canon.txt");
  g_autofree char *expected = read_text (canon_path);
  const char *args[] = { "to-rdf", input, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *got_canon = NULL;

  g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 0);
  got_canon = canonical (out);
  g_assert_cmpstr (got_canon, ==, expected);
}

/* Without --url-map the suite's contexts are not found: nothing is
 * fetched, and the error says which context. */
static void
test_unknown_context (void)
{
  g_autofree char *input = corpus_file ("w3c-json-ld-api", "tests/toRdf/c031-in.jsonld");
  const char *args[] = { "to-rdf", input, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "c031-context.jsonld"));
}

static void
test_usage (void)
{
  g_autofree char *input = corpus_file ("w3c-json-ld-api", "tests/toRdf/0001-in.jsonld");
  const char *bad_map[] = { "to-rdf", "--url-map=nodir", input, NULL };
  const char *bad_direction[] = { "to-rdf", "--rdf-direction=sideways", input, NULL };
  const char *no_file[] = { "to-rdf", NULL };

  g_assert_cmpint (credence_test_run_cli (NULL, bad_map, NULL, NULL), ==, 2);
  g_assert_cmpint (credence_test_run_cli (NULL, bad_direction, NULL, NULL), ==, 2);
  g_assert_cmpint (credence_test_run_cli (NULL, no_file, NULL, NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/to-rdf/url-map", test_url_map);
  g_test_add_func ("/cli/to-rdf/ob3-vector", test_ob3_vector);
  g_test_add_func ("/cli/to-rdf/unknown-context", test_unknown_context);
  g_test_add_func ("/cli/to-rdf/usage", test_usage);

  return g_test_run ();
}
