/* test-rdf.c: the RDF dataset model, N-Quads escaping and the N-Quads parser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-rdf.h"

static char *
one_literal_line (const char *value,
                  const char *datatype,
                  const char *language)
{
  g_autoptr(CredenceRdfDataset) ds = credence_rdf_dataset_new ();
  CredenceRdfTerm s = credence_rdf_term_iri ("urn:ex:s");
  CredenceRdfTerm p = credence_rdf_term_iri ("urn:ex:p");
  CredenceRdfTerm o = credence_rdf_term_literal (value, datatype, language);

  g_assert_true (credence_rdf_dataset_add_quad (ds, &s, &p, &o, NULL));
  return credence_rdf_dataset_to_nquads (ds);
}

static void
test_escape_literals (void)
{
  static const struct { const char *value; const char *expected; } cases[] = {
    { "", "\"\"" },
    { "plain", "\"plain\"" },
    { "\"\\", "\"\\\"\\\\\"" },
    { "\b\t\n\f\r", "\"\\b\\t\\n\\f\\r\"" },
    { "\x01\x07\x0b\x0e\x1f", "\"\\u0001\\u0007\\u000B\\u000E\\u001F\"" },
    { "a\x7f" "b", "\"a\\u007Fb\"" },
    { "\xc0\x80", "\"\\u0000\"" },
    { "'<>{}|^`", "\"'<>{}|^`\"" },
    { "caf\xc3\xa9 \xe2\x88\x9e \xf0\x9f\x8c\x83", "\"caf\xc3\xa9 \xe2\x88\x9e \xf0\x9f\x8c\x83\"" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = one_literal_line (cases[i].value, NULL, NULL);
      g_autofree char *expected = g_strdup_printf ("<urn:ex:s> <urn:ex:p> %s .\n", cases[i].expected);

      g_assert_cmpstr (line, ==, expected);
    }
}

static void
test_literal_forms (void)
{
  g_autofree char *typed = one_literal_line ("5", CREDENCE_XSD_INTEGER, NULL);
  g_autofree char *string = one_literal_line ("5", CREDENCE_XSD_STRING, NULL);
  g_autofree char *lang = one_literal_line ("chat", NULL, "fr-CA");
  g_autofree char *lang_wins = one_literal_line ("chat", CREDENCE_RDF_LANGSTRING, "fr");

  g_assert_cmpstr (typed, ==, "<urn:ex:s> <urn:ex:p> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
  g_assert_cmpstr (string, ==, "<urn:ex:s> <urn:ex:p> \"5\" .\n");
  g_assert_cmpstr (lang, ==, "<urn:ex:s> <urn:ex:p> \"chat\"@fr-CA .\n");
  g_assert_cmpstr (lang_wins, ==, "<urn:ex:s> <urn:ex:p> \"chat\"@fr .\n");
}

static void
test_dataset_set (void)
{
  g_autoptr(CredenceRdfDataset) ds = credence_rdf_dataset_new ();
  CredenceRdfTerm s = credence_rdf_term_blank ("b0");
  CredenceRdfTerm p = credence_rdf_term_iri (CREDENCE_RDF_TYPE);
  CredenceRdfTerm o = credence_rdf_term_iri ("urn:ex:Thing");
  CredenceRdfTerm g = credence_rdf_term_blank ("g");
  CredenceRdfTerm o2 = credence_rdf_term_literal ("x", CREDENCE_XSD_STRING, NULL);
  CredenceRdfTerm o3 = credence_rdf_term_literal ("x", NULL, NULL);
  const CredenceRdfQuad *q;
  g_autofree char *nq = NULL;

  g_assert_true (credence_rdf_dataset_add_quad (ds, &s, &p, &o, NULL));
  g_assert_false (credence_rdf_dataset_add_quad (ds, &s, &p, &o, NULL));
  g_assert_true (credence_rdf_dataset_add_quad (ds, &s, &p, &o, &g));
  g_assert_true (credence_rdf_dataset_add_quad (ds, &s, &p, &o2, NULL));
  /* xsd:string and no datatype are the same literal. */
  g_assert_false (credence_rdf_dataset_add_quad (ds, &s, &p, &o3, NULL));
  g_assert_cmpuint (credence_rdf_dataset_get_n_quads (ds), ==, 3);

  q = credence_rdf_dataset_get_quad (ds, 1);
  g_assert_cmpint (q->graph.kind, ==, CREDENCE_RDF_TERM_BLANK);
  g_assert_cmpstr (q->graph.value, ==, "g");
  /* Strings are interned: equal strings share one pointer. */
  g_assert_true (q->subject.value == credence_rdf_dataset_get_quad (ds, 0)->subject.value);
  g_assert_true (q->subject.value != s.value);
  g_assert_true (credence_rdf_term_equal (&q->subject, &s));
  g_assert_false (credence_rdf_term_equal (&q->subject, &g));

  nq = credence_rdf_dataset_to_nquads (ds);
  g_assert_cmpstr (nq, ==,
                   "_:b0 <" CREDENCE_RDF_TYPE "> <urn:ex:Thing> .\n"
                   "_:b0 <" CREDENCE_RDF_TYPE "> <urn:ex:Thing> _:g .\n"
                   "_:b0 <" CREDENCE_RDF_TYPE "> \"x\" .\n");
}

static void
test_many_quads (void)
{
  g_autoptr(CredenceRdfDataset) ds = credence_rdf_dataset_new ();
  CredenceRdfTerm p = credence_rdf_term_iri ("urn:ex:p");

  /* Enough to grow the duplicate set several times. */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 5000; i++)
      {
        g_autofree char *label = g_strdup_printf ("n%u", i);
        g_autofree char *value = g_strdup_printf ("%u", i % 7);
        CredenceRdfTerm s = credence_rdf_term_blank (label);
        CredenceRdfTerm o = credence_rdf_term_literal (value, CREDENCE_XSD_INTEGER, NULL);

        g_assert_cmpint (credence_rdf_dataset_add_quad (ds, &s, &p, &o, NULL), ==, round == 0);
      }
  g_assert_cmpuint (credence_rdf_dataset_get_n_quads (ds), ==, 5000);
  g_assert_cmpstr (credence_rdf_dataset_get_quad (ds, 4999)->subject.value, ==, "n4999");
}

static CredenceRdfDataset *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  CredenceRdfDataset *ds = credence_rdf_parse_nquads (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  return ds;
}

static void
test_parse_forms (void)
{
  g_autoptr(CredenceRdfDataset) ds = parse_ok (
    "# a comment line\n"
    "\n"
    "<urn:ex:s>\t<urn:ex:p>   \"a\\u0000b\\U0001F303\\'\" .   # trailing comment\r\n"
    "_:x.y <urn:ex:p> _:z. \r\n"
    "  _:x.y <urn:ex:p> \"v\"^^<urn:ex:\\u0064t> <urn:ex:g> .\r"
    "_:1 <urn:ex:p> \"v\"@en-GB-oed _:g0 .");
  const CredenceRdfQuad *q;
  g_autofree char *nq = NULL;

  g_assert_cmpuint (credence_rdf_dataset_get_n_quads (ds), ==, 4);

  q = credence_rdf_dataset_get_quad (ds, 0);
  g_assert_cmpstr (q->object.value, ==, "a\xc0\x80" "b\xf0\x9f\x8c\x83'");

  q = credence_rdf_dataset_get_quad (ds, 1);
  g_assert_cmpstr (q->subject.value, ==, "x.y");
  g_assert_cmpstr (q->object.value, ==, "z");

  q = credence_rdf_dataset_get_quad (ds, 2);
  g_assert_cmpstr (q->object.datatype, ==, "urn:ex:dt");
  g_assert_cmpint (q->graph.kind, ==, CREDENCE_RDF_TERM_IRI);

  q = credence_rdf_dataset_get_quad (ds, 3);
  g_assert_cmpstr (q->subject.value, ==, "1");
  g_assert_cmpstr (q->object.language, ==, "en-GB-oed");
  g_assert_null (q->object.datatype);

  nq = credence_rdf_dataset_to_nquads (ds);
  g_assert_cmpstr (nq, ==,
                   "<urn:ex:s> <urn:ex:p> \"a\\u0000b\xf0\x9f\x8c\x83'\" .\n"
                   "_:x.y <urn:ex:p> _:z .\n"
                   "_:x.y <urn:ex:p> \"v\"^^<urn:ex:dt> <urn:ex:g> .\n"
                   "_:1 <urn:ex:p> \"v\"@en-GB-oed _:g0 .\n");
}

static void
test_parse_round_trip (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", "w3c-rdf-canon",
                                                 "tests", "rdfc10", "test060-rdfc10.nq", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceRdfDataset) ds = NULL;
  g_autofree char *nq = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  /* A canonical document without blank nodes, in sorted order, comes back
   * byte for byte. */
  ds = parse_ok (text);
  nq = credence_rdf_dataset_to_nquads (ds);
  g_assert_cmpstr (nq, ==, text);
}

static void
test_parse_empty (void)
{
  g_autoptr(CredenceRdfDataset) a = parse_ok ("");
  g_autoptr(CredenceRdfDataset) b = parse_ok ("\n\r\n  # only a comment\n\t\n");

  g_assert_cmpuint (credence_rdf_dataset_get_n_quads (a), ==, 0);
  g_assert_cmpuint (credence_rdf_dataset_get_n_quads (b), ==, 0);
}

static void
test_parse_errors (void)
{
  static const struct { const char *text; const char *where; } cases[] = {
    { "<urn:ex:s> <urn:ex:p> <urn:ex:o>", "line 1, column 33" },          /* no '.' */
    { "<urn:ex:s> <urn:ex:p> <urn:ex:o> .\n<rel> <urn:ex:p> <urn:ex:o> .", "line 2, column 1" },
    { "\"lit\" <urn:ex:p> <urn:ex:o> .", "line 1, column 1" },           /* literal subject */
    { "<urn:ex:s> _:p <urn:ex:o> .", "line 1, column 12" },              /* blank predicate */
    { "<urn:ex:s> <urn:ex:p> \"lit\" \"g\" .", "line 1, column 29" },    /* literal graph */
    { "<urn:ex:s> <urn:ex:p> <urn:ex:o> . <urn:ex:s> <urn:ex:p> <urn:ex:o> .", "line 1, column 36" },
    { "<urn:ex:a b> <urn:ex:p> <urn:ex:o> .", "line 1, column 10" },      /* space in IRI */
    { "<urn:ex:s> <urn:ex:p> <urn:ex:\\u0020> .", "line 1, column 31" }, /* escaped space */
    { "<urn:ex:s> <urn:ex:p> <urn:ex:\\n> .", "line 1, column 31" },
    { "<urn:ex:s> <urn:ex:p> <urn:ex:o .", "line 1, column 32" },
    { "<urn:ex:s> <urn:ex:p> \"a\nb\" .", "line 1, column 23" },          /* raw newline */
    { "<urn:ex:s> <urn:ex:p> \"\\x\" .", "line 1, column 24" },
    { "<urn:ex:s> <urn:ex:p> \"\\u12G4\" .", "line 1, column 24" },
    { "<urn:ex:s> <urn:ex:p> \"\\uD800\" .", "line 1, column 24" },       /* surrogate */
    { "<urn:ex:s> <urn:ex:p> \"\\U00110000\" .", "line 1, column 24" },
    { "<urn:ex:s> <urn:ex:p> \"a\"@ .", "line 1, column 27" },
    { "<urn:ex:s> <urn:ex:p> \"a\"@en- .", "line 1, column 30" },
    { "<urn:ex:s> <urn:ex:p> \"a\"^^\"b\" .", "line 1, column 28" },
    { "_:-a <urn:ex:p> <urn:ex:o> .", "line 1, column 3" },
    { "_ <urn:ex:p> <urn:ex:o> .", "line 1, column 1" },
    { "\n\n<urn:ex:s> <urn:ex:p> \"\xff\" .", "line 3, column 1" },     /* not UTF-8 */
    { "<urn:ex:s> <urn:ex:p> <urn:ex:o> <urn:ex:g> <urn:ex:h> .", "line 1, column 45" },
    { "<urn:ex:s> <urn:ex:p> <urn:ex:o>\n.", "line 1, column 33" },     /* split statement */
  };
  guint wrong = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceRdfDataset) ds = credence_rdf_parse_nquads (cases[i].text, -1, &error);

      {
        /* The cases include invalid UTF-8, which does not belong in TAP. */
        g_autofree char *shown = g_utf8_make_valid (cases[i].text, -1);

        g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, shown);
      }
      g_assert_null (ds);
      g_assert_error (error, CREDENCE_RDF_ERROR, CREDENCE_RDF_ERROR_SYNTAX);
      g_test_message ("%s", error->message);
      if (strstr (error->message, cases[i].where) == NULL)
        {
          g_test_message ("expected “%s” in the message", cases[i].where);
          wrong++;
        }
    }
  g_assert_cmpuint (wrong, ==, 0);
}

static void
test_parse_embedded_nul (void)
{
  static const char text[] = "<urn:ex:s> <urn:ex:p> \"a\0b\" .\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceRdfDataset) ds = credence_rdf_parse_nquads (text, sizeof text - 1, &error);

  g_assert_null (ds);
  g_assert_error (error, CREDENCE_RDF_ERROR, CREDENCE_RDF_ERROR_SYNTAX);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rdf/escape/literals", test_escape_literals);
  g_test_add_func ("/rdf/escape/literal-forms", test_literal_forms);
  g_test_add_func ("/rdf/dataset/set", test_dataset_set);
  g_test_add_func ("/rdf/dataset/many", test_many_quads);
  g_test_add_func ("/rdf/parse/forms", test_parse_forms);
  g_test_add_func ("/rdf/parse/round-trip", test_parse_round_trip);
  g_test_add_func ("/rdf/parse/empty", test_parse_empty);
  g_test_add_func ("/rdf/parse/errors", test_parse_errors);
  g_test_add_func ("/rdf/parse/embedded-nul", test_parse_embedded_nul);

  return g_test_run ();
}
