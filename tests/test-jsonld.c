/* test-jsonld.c: JSON-LD to RDF on real credentials with the bundled
 * contexts, the limits, errors, canonical literal forms and concurrent use.
 * (The W3C suites run in test-jsonld-expand and test-jsonld-tordf.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-jsonld-private.h"
#include "credence-limits.h"
#include "credence-rdfc.h"
#include "jsonld-suite.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static JsonNode *
load_corpus (const char *first,
             ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;
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
  node = jsonld_suite_load_json (path, &error);
  g_assert_no_error (error);
  return node;
}

static CredenceRdfDataset *
load_nquads (const char *dir,
             const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", dir, file, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  CredenceRdfDataset *dataset;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  dataset = credence_rdf_parse_nquads (text, -1, &error);
  g_assert_no_error (error);
  return dataset;
}

static CredenceRdfDataset *
to_rdf (JsonNode *input)
{
  g_autoptr(GError) error = NULL;
  CredenceRdfDataset *dataset = credence_jsonld_to_rdf (credence_jsonld_get_default (),
                                                        input, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

/* The published test vectors give the canonical N-Quads of their
 * documents: ours must be the same dataset. */
static void
check_vector (const char *dir,
              const char *input_file,
              const char *canon_file,
              gboolean    drop_proof)
{
  g_autoptr(JsonNode) input = load_corpus (dir, input_file, NULL);
  g_autoptr(CredenceRdfDataset) expected = load_nquads (dir, canon_file);
  g_autoptr(CredenceRdfDataset) result = NULL;

  if (drop_proof)
    json_object_remove_member (json_node_get_object (input), "proof");
  result = to_rdf (input);

  /* The vectors hold canonical N-Quads: ours must canonicalize to the
   * very same bytes. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", dir, canon_file, NULL);
    g_autofree char *text = NULL;
    g_autofree char *canonical = NULL;
    g_autoptr(GError) error = NULL;

    g_file_get_contents (path, &text, NULL, &error);
    g_assert_no_error (error);
    canonical = credence_rdfc_canonicalize (result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (canonical, ==, text);
  }

  if (!jsonld_suite_isomorphic (result, expected))
    {
      g_autofree char *got = credence_rdf_dataset_to_nquads (result);

      g_test_message ("%s/%s gave\n%s", dir, input_file, got);
      g_test_fail ();
    }
}

static void
test_ob3_vector (void)
{
  check_vector ("1edtech-openbadges-specification/ob_v3p0-ldp-test-vector",
                "credential.json", "document-canon.txt", FALSE);
  check_vector ("1edtech-openbadges-specification/ob_v3p0-ldp-test-vector/clrv2p0",
                "credential.json", "document-canon.txt", FALSE);
}

static void
test_eddsa_vectors (void)
{
  check_vector ("w3c-vc-di-eddsa/TestVectors/eddsa-rdfc-2022",
                "signedDataInt.json", "canonDocDataInt.txt", TRUE);
  check_vector ("w3c-vc-di-eddsa/TestVectors/eddsa-rdfc-2022",
                "proofConfigDataInt.json", "proofCanonDataInt.txt", FALSE);
  check_vector ("w3c-vc-di-eddsa/TestVectors/Ed25519Signature2020",
                "signedEdSig.json", "canonDocEdSig.txt", TRUE);
  check_vector ("w3c-vc-di-eddsa/TestVectors/Ed25519Signature2020",
                "proofConfigEdSig.json", "proofCanonEdSig.txt", FALSE);
}

/* Numbers and booleans get the canonical lexical forms of JSON-LD § 8.6. */
static void
test_literals (void)
{
  static const struct { const char *json; const char *object; } cases[] = {
    { "3.5", "\"3.5E0\"^^<http://www.w3.org/2001/XMLSchema#double>" },
    { "42.0", "\"42\"^^<http://www.w3.org/2001/XMLSchema#integer>" },
    { "42", "\"42\"^^<http://www.w3.org/2001/XMLSchema#integer>" },
    { "-7", "\"-7\"^^<http://www.w3.org/2001/XMLSchema#integer>" },
    { "1e21", "\"1.0E21\"^^<http://www.w3.org/2001/XMLSchema#double>" },
    { "1.2345678901234567e23", "\"1.234567890123457E23\"^^<http://www.w3.org/2001/XMLSchema#double>" },
    { "0.1", "\"1.0E-1\"^^<http://www.w3.org/2001/XMLSchema#double>" },
    { "-0.000001", "\"-1.0E-6\"^^<http://www.w3.org/2001/XMLSchema#double>" },
    { "true", "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>" },
    { "{\"@value\": 5, \"@type\": \"http://www.w3.org/2001/XMLSchema#double\"}",
      "\"5.0E0\"^^<http://www.w3.org/2001/XMLSchema#double>" },
    { "{\"@value\": 42.0, \"@type\": \"https://www.w3.org/2001/XMLSchema#float\"}",
      "\"42\"^^<https://www.w3.org/2001/XMLSchema#float>" },
    { "{\"@value\": 3.5, \"@type\": \"https://www.w3.org/2001/XMLSchema#float\"}",
      "\"3.5E0\"^^<https://www.w3.org/2001/XMLSchema#float>" },
    { "\"x\"", "\"x\"" },
    { "{\"@value\": \"x\", \"@language\": \"en\"}", "\"x\"@en" },
    { "{\"@value\": {\"b\": [1.5, 1e30, \"\\u0001\"], \"a\": null}, \"@type\": \"@json\"}",
      "\"{\\\"a\\\":null,\\\"b\\\":[1.5,1e+30,\\\"\\\\u0001\\\"]}\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"@id\": \"http://e/s\", \"http://e/p\": %s}", cases[i].json);
      g_autofree char *expected = g_strdup_printf ("<http://e/s> <http://e/p> %s .\n", cases[i].object);
      g_autoptr(JsonNode) input = parse (json);
      g_autoptr(CredenceRdfDataset) result = to_rdf (input);
      g_autofree char *nquads = credence_rdf_dataset_to_nquads (result);

      g_assert_cmpstr (nquads, ==, expected);
    }
}

static void
assert_fails (JsonNode            *input,
              CredenceJsonld      *processor,
              CredenceJsonldError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceRdfDataset) result = credence_jsonld_to_rdf (processor, input, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, CREDENCE_JSONLD_ERROR, (gint) code);
  g_test_message ("%s", error->message);
}

static void
test_unknown_context (void)
{
  g_autoptr(JsonNode) input = parse ("{\"@context\": \"https://example.org/unknown\", \"name\": \"x\"}");

  assert_fails (input, credence_jsonld_get_default (), CREDENCE_JSONLD_ERROR_LOADING_REMOTE_CONTEXT_FAILED);
}

/* A loader with contexts that reference the next one without end:
 * https://chain.test/N → https://chain.test/N+1. */
static JsonNode *
chain_loader (const char  *url,
              gpointer     user_data,
              GError     **error)
{
  guint *loads = user_data;
  guint n;
  g_autofree char *text = NULL;

  (*loads)++;
  if (!g_str_has_prefix (url, "https://chain.test/"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "unknown %s", url);
      return NULL;
    }
  n = (guint) g_ascii_strtoull (url + strlen ("https://chain.test/"), NULL, 10);
  if (g_str_has_suffix (url, "/flat"))
    text = g_strdup_printf ("{\"@context\": {\"t%u\": \"http://e/t%u\"}}", n, n);
  else
    text = g_strdup_printf ("{\"@context\": [\"https://chain.test/%u\", {\"t%u\": \"http://e/t%u\"}]}",
                            n + 1, n, n);
  return parse (text);
}

static void
test_limit_context_depth (void)
{
  guint loads = 0;
  g_autoptr(CredenceJsonld) processor = credence_jsonld_new (chain_loader, &loads, NULL);
  g_autoptr(JsonNode) input = parse ("{\"@context\": \"https://chain.test/0\", \"t0\": \"x\"}");

  assert_fails (input, processor, CREDENCE_JSONLD_ERROR_CONTEXT_OVERFLOW);
  g_assert_cmpuint (loads, ==, CREDENCE_LIMIT_JSONLD_CONTEXT_DEPTH);
}

static void
test_limit_contexts (void)
{
  GString *json = g_string_new ("{\"@context\": [");
  g_autoptr(JsonNode) input = NULL;

  for (guint i = 0; i <= CREDENCE_LIMIT_JSONLD_CONTEXTS; i++)
    g_string_append_printf (json, "%s{\"t%u\": \"http://e/t%u\"}", i > 0 ? "," : "", i, i);
  g_string_append (json, "], \"t0\": \"x\"}");
  input = parse (json->str);
  g_string_free (json, TRUE);
  assert_fails (input, credence_jsonld_get_default (), CREDENCE_JSONLD_ERROR_LIMIT_EXCEEDED);
}

static void
test_limit_terms (void)
{
  GString *json = g_string_new ("{\"@context\": {");
  g_autoptr(JsonNode) input = NULL;

  for (guint i = 0; i <= CREDENCE_LIMIT_JSONLD_TERMS; i++)
    g_string_append_printf (json, "%s\"t%u\": \"http://e/t%u\"", i > 0 ? "," : "", i, i);
  g_string_append (json, "}, \"t0\": \"x\"}");
  input = parse (json->str);
  g_string_free (json, TRUE);
  assert_fails (input, credence_jsonld_get_default (), CREDENCE_JSONLD_ERROR_LIMIT_EXCEEDED);
}

static void
test_limit_expansion_depth (void)
{
  GString *json = g_string_new (NULL);
  g_autoptr(JsonNode) input = NULL;

  for (guint i = 0; i < CREDENCE_LIMIT_JSONLD_EXPANSION_DEPTH; i++)
    g_string_append (json, "{\"http://e/p\": ");
  g_string_append (json, "\"x\"");
  for (guint i = 0; i < CREDENCE_LIMIT_JSONLD_EXPANSION_DEPTH; i++)
    g_string_append_c (json, '}');
  input = parse (json->str);
  g_string_free (json, TRUE);
  assert_fails (input, credence_jsonld_get_default (), CREDENCE_JSONLD_ERROR_LIMIT_EXCEEDED);
}

/* Context arrays nested in context arrays, and terms that each depend on
 * the next, recurse as deep as nesting may. */
static void
test_limit_context_nesting (void)
{
  GString *json = g_string_new ("{\"@context\": ");
  g_autoptr(JsonNode) input = NULL;

  for (guint i = 0; i < CREDENCE_LIMIT_JSONLD_EXPANSION_DEPTH; i++)
    g_string_append_c (json, '[');
  g_string_append (json, "{\"t\": \"http://e/t\"}");
  for (guint i = 0; i < CREDENCE_LIMIT_JSONLD_EXPANSION_DEPTH; i++)
    g_string_append_c (json, ']');
  g_string_append (json, ", \"t\": \"x\"}");
  input = parse (json->str);
  g_string_free (json, TRUE);
  assert_fails (input, credence_jsonld_get_default (), CREDENCE_JSONLD_ERROR_LIMIT_EXCEEDED);
}

static void
test_limit_term_dependencies (void)
{
  GString *json = g_string_new ("{\"@context\": {");
  g_autoptr(JsonNode) input = NULL;

  /* t0 is t1:x, t1 is t2:x, ... and the last one is an IRI. */
  for (guint i = 0; i < CREDENCE_LIMIT_JSONLD_EXPANSION_DEPTH + 1; i++)
    g_string_append_printf (json, "\"t%u\": \"t%u:x\", ", i, i + 1);
  g_string_append_printf (json, "\"t%u\": \"http://e/\"}, \"t0\": \"x\"}",
                          CREDENCE_LIMIT_JSONLD_EXPANSION_DEPTH + 1);
  input = parse (json->str);
  g_string_free (json, TRUE);
  assert_fails (input, credence_jsonld_get_default (), CREDENCE_JSONLD_ERROR_LIMIT_EXCEEDED);
}

/* Past the cache bounds the processor keeps converting correctly: more
 * distinct remote contexts than it keeps documents and processed
 * contexts, and more base IRIs than it keeps initial contexts. */
static void
test_cache_bounds (void)
{
  guint loads = 0;
  g_autoptr(CredenceJsonld) processor = credence_jsonld_new (chain_loader, &loads, NULL);
  guint n = MAX (CREDENCE_LIMIT_JSONLD_CACHED_DOCUMENTS, CREDENCE_LIMIT_JSONLD_CACHED_BASES) + 10;

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *json = g_strdup_printf ("{\"@context\": \"https://chain.test/%u/flat\", "
                                                 "\"@id\": \"s\", \"t%u\": \"x\"}", i, i);
        g_autofree char *base = g_strdup_printf ("http://base.test/%u/", i);
        g_autofree char *expected = g_strdup_printf ("<http://base.test/%u/s> <http://e/t%u> \"x\" .\n", i, i);
        CredenceJsonldOptions options = { .base = base };
        g_autoptr(JsonNode) input = parse (json);
        g_autoptr(GError) error = NULL;
        g_autoptr(CredenceRdfDataset) result = credence_jsonld_to_rdf (processor, input, &options, &error);
        g_autofree char *nquads = NULL;

        g_assert_no_error (error);
        nquads = credence_rdf_dataset_to_nquads (result);
        g_assert_cmpstr (nquads, ==, expected);
      }
  /* The first round loaded every document; the second found only some. */
  g_assert_cmpuint (loads, >, n);
  g_assert_cmpuint (loads, <, 2 * n);

  {
    guint documents, processed, initial;

    _credence_jsonld_get_cache_sizes (processor, &documents, &processed, &initial);
    g_assert_cmpuint (documents, <=, CREDENCE_LIMIT_JSONLD_CACHED_DOCUMENTS);
    g_assert_cmpuint (processed, <=, CREDENCE_LIMIT_JSONLD_CACHED_CONTEXTS);
    g_assert_cmpuint (initial, <=, CREDENCE_LIMIT_JSONLD_CACHED_BASES);
  }
}

static char *
convert_inline (CredenceJsonld *processor,
                const char     *context_json,
                const char     *term)
{
  g_autofree char *json = g_strdup_printf ("{\"@context\": %s, \"@id\": \"http://s/\", \"%s\": \"x\"}",
                                           context_json, term);
  g_autoptr(JsonNode) input = parse (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceRdfDataset) result = credence_jsonld_to_rdf (processor, input, NULL, &error);

  g_assert_no_error (error);
  return credence_rdf_dataset_to_nquads (result);
}

/* More distinct inline contexts than the processor keeps: the cache of
 * processed contexts never holds more than the limit, and every
 * conversion stays right.
 */
static void
test_cache_processed_contexts (void)
{
  g_autoptr(CredenceJsonld) processor = credence_jsonld_new (credence_jsonld_load_bundled, NULL, NULL);
  guint n = CREDENCE_LIMIT_JSONLD_CACHED_CONTEXTS + 10;
  guint most = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *context = g_strdup_printf ("{\"t%u\": \"http://e/t%u\"}", i, i);
      g_autofree char *term = g_strdup_printf ("t%u", i);
      g_autofree char *expected = g_strdup_printf ("<http://s/> <http://e/t%u> \"x\" .\n", i);
      g_autofree char *nquads = convert_inline (processor, context, term);
      guint documents, processed, initial;

      g_assert_cmpstr (nquads, ==, expected);
      _credence_jsonld_get_cache_sizes (processor, &documents, &processed, &initial);
      g_assert_cmpuint (processed, <=, CREDENCE_LIMIT_JSONLD_CACHED_CONTEXTS);
      most = MAX (most, processed);
    }
  /* The cache did fill up to its limit before it was emptied. */
  g_assert_cmpuint (most, ==, CREDENCE_LIMIT_JSONLD_CACHED_CONTEXTS);
}

/* An inline context whose text is longer than the limit is processed, but
 * not kept (its text would be the cache key); one at the limit is kept.
 */
static void
test_cache_inline_size (void)
{
  gsize sizes[] = { CREDENCE_LIMIT_JSONLD_CACHED_INLINE_SIZE, CREDENCE_LIMIT_JSONLD_CACHED_INLINE_SIZE + 1 };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(CredenceJsonld) processor = credence_jsonld_new (credence_jsonld_load_bundled, NULL, NULL);
      g_autoptr(GString) context = g_string_new ("{\"t\":\"http://e/t\",\"pad\":\"http://e/");
      g_autofree char *nquads = NULL;
      guint documents, processed, initial;

      /* The JCS text of the context is exactly sizes[i] bytes. */
      while (context->len + strlen ("\"}") < sizes[i])
        g_string_append_c (context, 'p');
      g_string_append (context, "\"}");
      g_assert_cmpuint (context->len, ==, sizes[i]);

      nquads = convert_inline (processor, context->str, "t");
      g_assert_cmpstr (nquads, ==, "<http://s/> <http://e/t> \"x\" .\n");
      _credence_jsonld_get_cache_sizes (processor, &documents, &processed, &initial);
      g_assert_cmpuint (processed, ==, sizes[i] <= CREDENCE_LIMIT_JSONLD_CACHED_INLINE_SIZE ? 1 : 0);
    }
}

/* Processed contexts are cached: the second conversion loads nothing. */
static void
test_cache_reuse (void)
{
  guint loads = 0;
  g_autoptr(CredenceJsonld) processor = credence_jsonld_new (chain_loader, &loads, NULL);
  g_autoptr(JsonNode) input = parse ("{\"@context\": \"https://chain.test/7/flat\", \"t7\": \"x\"}");

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceRdfDataset) result = credence_jsonld_to_rdf (processor, input, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (credence_rdf_dataset_get_n_quads (result), ==, 1);
    }
  g_assert_cmpuint (loads, ==, 1);
}

typedef struct
{
  JsonNode *input;
  char     *expected;
} ThreadData;

static gpointer
convert_many (gpointer data)
{
  ThreadData *td = data;

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceRdfDataset) result =
        credence_jsonld_to_rdf (credence_jsonld_get_default (), td->input, NULL, &error);
      g_autofree char *nquads = NULL;

      g_assert_no_error (error);
      nquads = credence_rdf_dataset_to_nquads (result);
      g_assert_cmpstr (nquads, ==, td->expected);
    }
  return NULL;
}

/* One processor used from several threads at once gives every thread the
 * same result (a fresh processor, so the threads race to fill the cache). */
static void
test_threads (void)
{
  g_autoptr(JsonNode) input = load_corpus ("1edtech-openbadges-specification",
                                           "ob_v3p0-ldp-test-vector", "credential.json", NULL);
  g_autoptr(CredenceJsonld) fresh = credence_jsonld_new (NULL, NULL, NULL);
  g_autoptr(CredenceRdfDataset) first = NULL;
  g_autoptr(GError) error = NULL;
  ThreadData td;
  GThread *threads[4];

  json_node_seal (input);
  first = credence_jsonld_to_rdf (fresh, input, NULL, &error);
  g_assert_no_error (error);
  td.input = input;
  td.expected = credence_rdf_dataset_to_nquads (first);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("convert", convert_many, &td);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_free (td.expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jsonld/ob3-test-vector", test_ob3_vector);
  g_test_add_func ("/jsonld/eddsa-test-vectors", test_eddsa_vectors);
  g_test_add_func ("/jsonld/literals", test_literals);
  g_test_add_func ("/jsonld/unknown-context", test_unknown_context);
  g_test_add_func ("/jsonld/limit/context-depth", test_limit_context_depth);
  g_test_add_func ("/jsonld/limit/contexts", test_limit_contexts);
  g_test_add_func ("/jsonld/limit/terms", test_limit_terms);
  g_test_add_func ("/jsonld/limit/expansion-depth", test_limit_expansion_depth);
  g_test_add_func ("/jsonld/limit/context-nesting", test_limit_context_nesting);
  g_test_add_func ("/jsonld/limit/term-dependencies", test_limit_term_dependencies);
  g_test_add_func ("/jsonld/cache/bounds", test_cache_bounds);
  g_test_add_func ("/jsonld/cache/reuse", test_cache_reuse);
  g_test_add_func ("/jsonld/cache/processed-contexts", test_cache_processed_contexts);
  g_test_add_func ("/jsonld/cache/inline-size", test_cache_inline_size);
  g_test_add_func ("/jsonld/threads", test_threads);

  return g_test_run ();
}
