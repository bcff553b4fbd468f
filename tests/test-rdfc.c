/* test-rdfc.c: RDFC-1.0 against the W3C rdf-canon test suite, read from its
 * manifest at run time (one subtest per entry), plus the work limits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "credence-limits.h"
#include "credence-rdf.h"
#include "credence-rdfc.h"

typedef enum
{
  KIND_EVAL,
  KIND_MAP,
  KIND_NEGATIVE,
} Kind;

typedef struct
{
  Kind              kind;
  char             *action;   /* path of the input */
  char             *result;   /* path of the expected output, or NULL */
  CredenceRdfcHash  hash;
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->action);
  g_free (entry->result);
  g_free (entry);
}

static char *
suite_path (const char *relative)
{
  return g_test_build_filename (G_TEST_DIST, "data", "corpus", "w3c-rdf-canon", "tests",
                                relative, NULL);
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

static CredenceRdfDataset *
load_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  CredenceRdfDataset *ds = credence_rdf_parse_nquads (text, -1, &error);

  g_assert_no_error (error);
  return ds;
}

static CredenceRdfDataset *
load_dataset (const char *path)
{
  g_autofree char *text = read_text (path);

  return load_text (text);
}

static void
test_suite_entry (gconstpointer data)
{
  const Entry *entry = data;
  g_autoptr(CredenceRdfDataset) ds = load_dataset (entry->action);
  g_autoptr(GHashTable) map = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *nquads = NULL;

  nquads = credence_rdfc_canonicalize_full (ds, entry->hash, CREDENCE_RDF_ESCAPE_CANONICAL, 0,
                                            entry->kind == KIND_MAP ? &map : NULL, &error);

  if (entry->kind == KIND_NEGATIVE)
    {
      g_assert_error (error, CREDENCE_RDFC_ERROR, CREDENCE_RDFC_ERROR_TOO_COMPLEX);
      g_assert_null (nquads);
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (nquads);

  if (entry->kind == KIND_EVAL)
    {
      g_autofree char *expected = read_text (entry->result);

      g_assert_cmpstr (nquads, ==, expected);

      /* URDNA2015 escapes give the same result unless a literal holds a
       * control character other than LF and CR. */
      if (!credence_rdf_dataset_escapes_differ (ds))
        {
          g_autofree char *legacy = credence_rdfc_canonicalize_full (ds, entry->hash,
                                                                     CREDENCE_RDF_ESCAPE_URDNA2015,
                                                                     0, NULL, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (legacy, ==, expected);
        }
    }
  else
    {
      g_autofree char *text = read_text (entry->result);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) json_error = NULL;
      JsonObject *expected;
      GHashTableIter iter;
      gpointer key, value;

      json_parser_load_from_data (parser, text, -1, &json_error);
      g_assert_no_error (json_error);
      expected = json_node_get_object (json_parser_get_root (parser));

      g_assert_cmpuint (g_hash_table_size (map), ==, json_object_get_size (expected));
      g_hash_table_iter_init (&iter, map);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_test_message ("%s → %s", (const char *) key, (const char *) value);
          g_assert_true (json_object_has_member (expected, key));
          g_assert_cmpstr (json_object_get_string_member (expected, key), ==, value);
        }
    }
}

/* Registers one subtest per manifest entry; returns how many. */
static guint
add_suite_tests (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", "w3c-rdf-canon",
                                                 "manifest.jsonld", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *entries;
  guint n;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  entries = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "entries");
  n = json_array_get_length (entries);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *obj = json_array_get_object_element (entries, i);
      const char *id = json_object_get_string_member (obj, "id");
      const char *type = json_object_get_string_member (obj, "type");
      const char *hash = json_object_get_string_member_with_default (obj, "hashAlgorithm", "SHA256");
      const char *result = json_object_get_string_member_with_default (obj, "result", NULL);
      Entry *entry = g_new0 (Entry, 1);
      g_autofree char *test_path = NULL;
      const char *kind_name;

      if (g_str_equal (type, "rdfc:RDFC10EvalTest"))
        {
          entry->kind = KIND_EVAL;
          kind_name = "eval";
        }
      else if (g_str_equal (type, "rdfc:RDFC10MapTest"))
        {
          entry->kind = KIND_MAP;
          kind_name = "map";
        }
      else if (g_str_equal (type, "rdfc:RDFC10NegativeEvalTest"))
        {
          entry->kind = KIND_NEGATIVE;
          kind_name = "negative";
        }
      else
        {
          g_error ("Unknown test type %s in the manifest", type);
        }

      g_assert_true (credence_rdfc_hash_from_string (hash, &entry->hash));
      entry->action = suite_path (json_object_get_string_member (obj, "action"));
      entry->result = result != NULL ? suite_path (result) : NULL;
      g_assert_true (entry->kind == KIND_NEGATIVE || entry->result != NULL);

      test_path = g_strdup_printf ("/rdfc/w3c/%s/%s", kind_name, id[0] == '#' ? id + 1 : id);
      g_test_add_data_func_full (test_path, entry, test_suite_entry, entry_free);
    }
  return n;
}

/* A graph that needs Hash N-Degree Quads: a double circle of blank nodes. */
static void
test_work_limit (void)
{
  g_autofree char *path = suite_path ("rdfc10/test044-in.nq");
  g_autoptr(CredenceRdfDataset) ds = load_dataset (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *small = NULL;
  g_autofree char *ample = NULL;

  small = credence_rdfc_canonicalize_full (ds, CREDENCE_RDFC_HASH_SHA256, CREDENCE_RDF_ESCAPE_CANONICAL,
                                           5, NULL, &error);
  g_assert_error (error, CREDENCE_RDFC_ERROR, CREDENCE_RDFC_ERROR_TOO_COMPLEX);
  g_assert_null (small);
  g_assert_nonnull (strstr (error->message, "5 steps"));

  g_free (path);
  path = suite_path ("rdfc10/test044-rdfc10.nq");
  expected = read_text (path);
  ample = credence_rdfc_canonicalize (ds, NULL);
  g_assert_cmpstr (ample, ==, expected);
}

/* The default limit stops the 10-node clique (the suite's poison graph). */
static void
test_default_work_limit (void)
{
  g_autofree char *path = suite_path ("rdfc10/test074-in.nq");
  g_autoptr(CredenceRdfDataset) ds = load_dataset (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *nquads = credence_rdfc_canonicalize (ds, &error);
  g_autofree char *limit = g_strdup_printf ("%u steps", CREDENCE_LIMIT_RDFC_WORK);

  g_assert_null (nquads);
  g_assert_error (error, CREDENCE_RDFC_ERROR, CREDENCE_RDFC_ERROR_TOO_COMPLEX);
  g_assert_nonnull (strstr (error->message, limit));
}

/* A ring of look-alike blank nodes longer than the recursion limit: each
 * node's Hash N-Degree Quads recurses around the whole ring. */
static void
test_depth_limit (void)
{
  g_autoptr(CredenceRdfDataset) ds = credence_rdf_dataset_new ();
  CredenceRdfTerm p = credence_rdf_term_iri ("urn:ex:next");
  guint n = CREDENCE_LIMIT_RDFC_DEPTH + 10;
  g_autoptr(GError) error = NULL;
  g_autofree char *nquads = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *a = g_strdup_printf ("n%u", i);
      g_autofree char *b = g_strdup_printf ("n%u", (i + 1) % n);
      CredenceRdfTerm s = credence_rdf_term_blank (a);
      CredenceRdfTerm o = credence_rdf_term_blank (b);

      credence_rdf_dataset_add_quad (ds, &s, &p, &o, NULL);
    }

  nquads = credence_rdfc_canonicalize (ds, &error);
  g_assert_null (nquads);
  g_assert_error (error, CREDENCE_RDFC_ERROR, CREDENCE_RDFC_ERROR_TOO_COMPLEX);
  g_assert_nonnull (strstr (error->message, "deeper than"));
}

/* A short ring is fine, and every node gets a distinct canonical label. */
static void
test_small_ring (void)
{
  g_autoptr(CredenceRdfDataset) ds = credence_rdf_dataset_new ();
  CredenceRdfTerm p = credence_rdf_term_iri ("urn:ex:next");
  g_autoptr(GHashTable) map = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *nquads = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *a = g_strdup_printf ("n%u", i);
      g_autofree char *b = g_strdup_printf ("n%u", (i + 1) % 6);
      CredenceRdfTerm s = credence_rdf_term_blank (a);
      CredenceRdfTerm o = credence_rdf_term_blank (b);

      credence_rdf_dataset_add_quad (ds, &s, &p, &o, NULL);
    }

  nquads = credence_rdfc_canonicalize_full (ds, CREDENCE_RDFC_HASH_SHA256, CREDENCE_RDF_ESCAPE_CANONICAL,
                                            0, &map, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (map), ==, 6);
  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_assert_true (g_hash_table_add (seen, value));
  g_assert_nonnull (strstr (nquads, "_:c14n5 <urn:ex:next> _:c14n"));

  /* The same graph with other labels and another order canonicalizes to
   * the same text. */
  {
    g_autoptr(CredenceRdfDataset) other = credence_rdf_dataset_new ();

    for (guint i = 6; i > 0; i--)
      {
        g_autofree char *a = g_strdup_printf ("x%u", (i * 5) % 6);
        g_autofree char *b = g_strdup_printf ("x%u", ((i * 5) + 5) % 6);
        CredenceRdfTerm s = credence_rdf_term_blank (a);
        CredenceRdfTerm o = credence_rdf_term_blank (b);

        credence_rdf_dataset_add_quad (other, &s, &p, &o, NULL);
      }
    again = credence_rdfc_canonicalize (other, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (again, ==, nquads);
  }
}

/* Canonical N-Quads from the 1EdTech Open Badges 3.0 and CLR 2.0 test
 * vectors come back unchanged from canonicalization: as they are, and with
 * the lines reversed and the blank nodes renamed. */
static void
test_test_vectors (void)
{
  static const char *files[][2] = {
    { "ob_v3p0-ldp-test-vector", "document-canon.txt" },
    { "ob_v3p0-ldp-test-vector", "proof-canon.txt" },
    { "ob_v3p0-ldp-test-vector/clrv2p0", "document-canon.txt" },
    { "ob_v3p0-ldp-test-vector/clrv2p0", "proof-canon.txt" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus",
                                                     "1edtech-openbadges-specification",
                                                     files[i][0], files[i][1], NULL);
      g_autofree char *canonical = read_text (path);
      g_auto(GStrv) lines = g_strsplit (canonical, "\n", -1);
      guint n = g_strv_length (lines);
      g_autoptr(GString) scrambled = g_string_new (NULL);
      g_auto(GStrv) pieces = NULL;
      g_autofree char *relabelled = NULL;
      g_autoptr(CredenceRdfDataset) as_is = load_text (canonical);
      g_autoptr(CredenceRdfDataset) other = NULL;
      g_autofree char *once = NULL;
      g_autofree char *again = NULL;

      g_test_message ("%s/%s", files[i][0], files[i][1]);
      g_assert_cmpuint (n, >, 2);
      for (guint k = n; k > 0; k--)
        if (lines[k - 1][0] != '\0')
          g_string_append_printf (scrambled, "%s\n", lines[k - 1]);
      pieces = g_strsplit (scrambled->str, "_:c14n", -1);
      relabelled = g_strjoinv ("_:other", pieces);
      g_assert_null (strstr (relabelled, "c14n"));
      other = load_text (relabelled);

      once = credence_rdfc_canonicalize (as_is, NULL);
      again = credence_rdfc_canonicalize (other, NULL);
      g_assert_cmpstr (once, ==, canonical);
      g_assert_cmpstr (again, ==, canonical);
    }
}

/* A tab in a literal: RDFC-1.0 writes `\t`, URDNA2015 implementations
 * before it wrote the tab itself, and the first degree hash of the blank
 * node changes with it, so the labels can change too. */
static void
test_urdna2015_escapes (void)
{
  static const char input[] =
    "_:x <urn:ex:name> \"a\\tb\\u0001c\\u007F\\n\" .\n"
    "_:y <urn:ex:name> \"a\\u000Bb\" .\n"
    "_:x <urn:ex:knows> _:y .\n";
  g_autoptr(CredenceRdfDataset) ds = load_text (input);
  g_autoptr(CredenceRdfDataset) plain = load_text ("_:x <urn:ex:name> \"a\\nb\\r\\\"\\\\\" .\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = credence_rdfc_canonicalize (ds, &error);
  g_autofree char *legacy = credence_rdfc_canonicalize_full (ds, CREDENCE_RDFC_HASH_SHA256,
                                                             CREDENCE_RDF_ESCAPE_URDNA2015, 0, NULL,
                                                             &error);

  g_assert_no_error (error);
  g_assert_true (credence_rdf_dataset_escapes_differ (ds));
  g_assert_false (credence_rdf_dataset_escapes_differ (plain));

  g_assert_nonnull (strstr (canonical, "\"a\\tb\\u0001c\\u007F\\n\" ."));
  g_assert_nonnull (strstr (canonical, "\"a\\u000Bb\" ."));
  g_assert_nonnull (strstr (legacy, "\"a\tb\001c\177\\n\" ."));
  g_assert_nonnull (strstr (legacy, "\"a\vb\" ."));
  /* Hashes of x and y differ in both, so labels follow the hashes. */
  g_assert_cmpstr (canonical, !=, legacy);
}

static void
test_empty (void)
{
  g_autoptr(CredenceRdfDataset) ds = credence_rdf_dataset_new ();
  g_autoptr(GHashTable) map = NULL;
  g_autofree char *nquads = credence_rdfc_canonicalize_full (ds, CREDENCE_RDFC_HASH_SHA384,
                                                             CREDENCE_RDF_ESCAPE_CANONICAL, 0,
                                                             &map, NULL);

  g_assert_cmpstr (nquads, ==, "");
  g_assert_cmpuint (g_hash_table_size (map), ==, 0);
}

static void
test_hash_names (void)
{
  CredenceRdfcHash hash = CREDENCE_RDFC_HASH_SHA384;

  g_assert_true (credence_rdfc_hash_from_string ("sha256", &hash));
  g_assert_cmpint (hash, ==, CREDENCE_RDFC_HASH_SHA256);
  g_assert_true (credence_rdfc_hash_from_string ("SHA-384", &hash));
  g_assert_cmpint (hash, ==, CREDENCE_RDFC_HASH_SHA384);
  g_assert_false (credence_rdfc_hash_from_string ("md5", &hash));
}

int
main (int   argc,
      char *argv[])
{
  guint n;

  g_test_init (&argc, &argv, NULL);

  n = add_suite_tests ();
  g_assert_cmpuint (n, ==, 86);

  g_test_add_func ("/rdfc/limit/work", test_work_limit);
  g_test_add_func ("/rdfc/limit/default-work", test_default_work_limit);
  g_test_add_func ("/rdfc/limit/depth", test_depth_limit);
  g_test_add_func ("/rdfc/ring", test_small_ring);
  g_test_add_func ("/rdfc/test-vectors", test_test_vectors);
  g_test_add_func ("/rdfc/urdna2015-escapes", test_urdna2015_escapes);
  g_test_add_func ("/rdfc/empty", test_empty);
  g_test_add_func ("/rdfc/hash-names", test_hash_names);

  return g_test_run ();
}
