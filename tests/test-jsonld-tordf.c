/* test-jsonld-tordf.c: the W3C JSON-LD 1.1 toRdf tests, one subtest each,
 * read from toRdf-manifest.jsonld at run time.  Results are compared as
 * RDF datasets: equal up to a renaming of blank nodes (isomorphism).
 *
 * Skipped tests (the reason is decided by jsonld-suite.c from the
 * manifest's options, never by test id).  Results are compared twice: as
 * RDFC-1.0 canonical N-Quads (credence-rdfc) and by an isomorphism search
 * of our own:
 *
 * | tests                                   | reason                                        |
 * |-----------------------------------------|-----------------------------------------------|
 * | #t0118 #te014 #te026 #te038 #te071      | specVersion json-ld-1.0 only                  |
 * | #te115 #te116 #ter02 #ter03 #ter24      | specVersion json-ld-1.0 only                  |
 * | #ter32                                  | specVersion json-ld-1.0 only                  |
 * | #te075                                  | produceGeneralizedRdf: blank node predicates  |
 * |                                         | cannot be held by the RDF dataset model       |
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-rdfc.h"
#include "jsonld-suite.h"

/* ---------------------------------------------------------------------- */

static void
run_test (gconstpointer data)
{
  const JsonldSuiteTest *test = data;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(CredenceRdfDataset) result = NULL;
  g_autoptr(GError) error = NULL;

  if (test->skip != NULL)
    {
      g_test_skip (test->skip);
      return;
    }

  input = jsonld_suite_load_input (test);
  result = credence_jsonld_to_rdf (jsonld_suite_processor (), input, &test->options, &error);
  if (!jsonld_suite_check_outcome (test, error))
    return;
  g_assert_nonnull (result);

  if (test->expect != NULL)
    {
      g_autofree char *expect_path = jsonld_suite_path (test->expect);
      g_autofree char *text = NULL;
      g_autoptr(CredenceRdfDataset) expected = NULL;

      g_file_get_contents (expect_path, &text, NULL, &error);
      g_assert_no_error (error);
      expected = credence_rdf_parse_nquads (text, -1, &error);
      g_assert_no_error (error);

      /* Two independent comparisons: RDFC-1.0 canonical forms, and the
       * isomorphism search of jsonld-suite.c. */
      {
        g_autofree char *canon_result = credence_rdfc_canonicalize (result, &error);
        g_autofree char *canon_expected = NULL;

        g_assert_no_error (error);
        canon_expected = credence_rdfc_canonicalize (expected, &error);
        g_assert_no_error (error);
        if (g_strcmp0 (canon_result, canon_expected) != 0)
          {
            g_test_message ("%s: canonical form differs:\n%s", test->id, canon_result);
            g_test_fail ();
          }
      }
      if (!jsonld_suite_isomorphic (result, expected))
        {
          g_autofree char *got = credence_rdf_dataset_to_nquads (result);

          g_test_message ("%s: got\n%s", test->id, got);
          g_test_fail ();
        }
    }
}

/* The comparison itself must tell datasets apart. */
static void
test_isomorphism (void)
{
  static const char *cases[][3] = {
    /* a, b, isomorphic? */
    { "_:a <http://e/p> _:b .\n", "_:x <http://e/p> _:y .\n", "1" },
    { "_:a <http://e/p> _:a .\n", "_:x <http://e/p> _:y .\n", "0" },
    { "_:a <http://e/p> \"1\" .\n_:b <http://e/p> \"2\" .\n",
      "_:b <http://e/p> \"1\" .\n_:a <http://e/p> \"2\" .\n", "1" },
    { "_:a <http://e/p> \"1\" .\n", "_:a <http://e/p> \"1\"@en .\n", "0" },
    { "_:a <http://e/p> _:b _:g .\n", "_:a <http://e/p> _:b .\n", "0" },
    { "<http://e/s> <http://e/p> <http://e/o> .\n", "<http://e/s> <http://e/p> <http://e/o2> .\n", "0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceRdfDataset) a = credence_rdf_parse_nquads (cases[i][0], -1, &error);
      g_autoptr(CredenceRdfDataset) b = credence_rdf_parse_nquads (cases[i][1], -1, &error);

      g_assert_no_error (error);
      g_assert_cmpint (jsonld_suite_isomorphic (a, b), ==, cases[i][2][0] == '1');
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) tests = NULL;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jsonld/tordf/isomorphism", test_isomorphism);
  tests = jsonld_suite_read ("toRdf-manifest.jsonld");
  for (guint i = 0; i < tests->len; i++)
    {
      JsonldSuiteTest *test = tests->pdata[i];
      g_autofree char *name = g_strdup_printf ("/jsonld/tordf/%s", test->id + 1);

      g_test_add_data_func (name, test, run_test);
    }

  return g_test_run ();
}
