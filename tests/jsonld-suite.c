/* jsonld-suite.c: running the W3C JSON-LD API test suite from its
 * manifests.  The suite's base URL is mapped to
 * tests/data/corpus/w3c-json-ld-api/tests/; every other URL fails to load,
 * as the suite's README asks (#ter04 relies on it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "jsonld-suite.h"

char *
jsonld_suite_path (const char *relative)
{
  return g_test_build_filename (G_TEST_DIST, "data", "corpus", "w3c-json-ld-api", "tests",
                                relative, NULL);
}

JsonNode *
jsonld_suite_load_json (const char  *path,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

static JsonNode *
suite_loader (const char  *url,
              gpointer     user_data,
              GError     **error)
{
  g_autofree char *path = NULL;

  if (!g_str_has_prefix (url, JSONLD_SUITE_BASE) || strstr (url, "..") != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no network in tests: %s", url);
      return NULL;
    }
  path = jsonld_suite_path (url + strlen (JSONLD_SUITE_BASE));
  return jsonld_suite_load_json (path, error);
}

CredenceJsonld *
jsonld_suite_processor (void)
{
  static CredenceJsonld *processor;

  if (processor == NULL)
    processor = credence_jsonld_new (suite_loader, NULL, NULL);
  return processor;
}

static void
test_free (JsonldSuiteTest *test)
{
  json_object_unref (test->entry);
  g_free (test->input_url);
  g_clear_pointer (&test->expand_context, json_node_unref);
  g_free ((char *) test->options.base);
  g_free (test);
}

/* Reads a manifest into JsonldSuiteTest entries, with options and the
 * reason to skip a test, if any. */
GPtrArray *
jsonld_suite_read (const char *manifest)
{
  g_autofree char *path = jsonld_suite_path (manifest);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jsonld_suite_load_json (path, &error);
  GPtrArray *tests = g_ptr_array_new_with_free_func ((GDestroyNotify) test_free);
  JsonArray *sequence;

  g_assert_no_error (error);
  sequence = json_object_get_array_member (json_node_get_object (root), "sequence");
  for (guint i = 0; i < json_array_get_length (sequence); i++)
    {
      JsonldSuiteTest *test = g_new0 (JsonldSuiteTest, 1);
      JsonObject *entry = json_array_get_object_element (sequence, i);
      JsonObject *option = json_object_has_member (entry, "option")
                           ? json_object_get_object_member (entry, "option") : NULL;

      test->entry = json_object_ref (entry);
      test->id = json_object_get_string_member (entry, "@id");
      test->input_url = g_strconcat (JSONLD_SUITE_BASE,
                                     json_object_get_string_member (entry, "input"), NULL);
      test->options.document_url = test->input_url;
      if (json_object_has_member (entry, "expect"))
        test->expect = json_object_get_string_member (entry, "expect");
      if (json_object_has_member (entry, "expectErrorCode"))
        test->error_code = json_object_get_string_member (entry, "expectErrorCode");

      if (option != NULL)
        {
          const char *spec = json_object_has_member (option, "specVersion")
                             ? json_object_get_string_member (option, "specVersion") : NULL;
          const char *mode = json_object_has_member (option, "processingMode")
                             ? json_object_get_string_member (option, "processingMode") : NULL;
          const char *direction = json_object_has_member (option, "rdfDirection")
                                  ? json_object_get_string_member (option, "rdfDirection") : NULL;

          if (g_strcmp0 (spec, "json-ld-1.0") == 0)
            test->skip = "specVersion json-ld-1.0: a JSON-LD 1.1 processor does not run it";
          else if (json_object_has_member (option, "produceGeneralizedRdf") &&
                   json_object_get_boolean_member (option, "produceGeneralizedRdf"))
            test->skip = "produceGeneralizedRdf: blank node predicates are outside the RDF model";
          test->options.processing_mode_1_0 = g_strcmp0 (mode, "json-ld-1.0") == 0;
          if (g_strcmp0 (direction, "i18n-datatype") == 0)
            test->options.rdf_direction = CREDENCE_JSONLD_RDF_DIRECTION_I18N_DATATYPE;
          else if (g_strcmp0 (direction, "compound-literal") == 0)
            test->options.rdf_direction = CREDENCE_JSONLD_RDF_DIRECTION_COMPOUND_LITERAL;
          if (json_object_has_member (option, "base"))
            test->options.base = g_strdup (json_object_get_string_member (option, "base"));
          if (json_object_has_member (option, "expandContext"))
            {
              g_autofree char *context_path =
                jsonld_suite_path (json_object_get_string_member (option, "expandContext"));

              test->expand_context = jsonld_suite_load_json (context_path, &error);
              g_assert_no_error (error);
              test->options.expand_context = test->expand_context;
            }
        }

      g_ptr_array_add (tests, test);
    }

  return tests;
}

/* Loads the input of @test from the corpus. */
JsonNode *
jsonld_suite_load_input (const JsonldSuiteTest *test)
{
  g_autofree char *path = jsonld_suite_path (test->input_url + strlen (JSONLD_SUITE_BASE));
  g_autoptr(GError) error = NULL;
  JsonNode *input = jsonld_suite_load_json (path, &error);

  g_assert_no_error (error);
  return input;
}

/* Checks the error (or its absence) against what @test expects; TRUE
 * when the result remains to be compared. */
gboolean
jsonld_suite_check_outcome (const JsonldSuiteTest *test,
                            const GError          *error)
{
  if (test->error_code != NULL)
    {
      if (!jsonld_suite_check_error (test, error))
        g_test_fail ();
      return FALSE;
    }
  if (error != NULL)
    {
      g_test_message ("%s: %s", test->id, error->message);
      g_test_fail ();
      return FALSE;
    }
  return TRUE;
}

/* TRUE when @error is the error @test expects. */
gboolean
jsonld_suite_check_error (const JsonldSuiteTest *test,
                          const GError          *error)
{
  if (error == NULL)
    {
      g_test_message ("%s: expected \"%s\", got success", test->id, test->error_code);
      return FALSE;
    }
  if (error->domain != CREDENCE_JSONLD_ERROR ||
      g_strcmp0 (credence_jsonld_error_code_to_string (error->code), test->error_code) != 0)
    {
      g_test_message ("%s: expected \"%s\", got: %s", test->id, test->error_code, error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Dataset isomorphism: equal up to a renaming of blank nodes                                                     */

typedef struct
{
  CredenceRdfDataset *dataset;
  GPtrArray          *blanks;      /* distinct labels */
  GHashTable         *index;       /* label → position in blanks */
  GHashTable         *ground;      /* N-Quads line of every quad without blank nodes */
  GArray             *colors;      /* guint per blank */
} Side;

static gboolean
term_is_blank (const CredenceRdfTerm *t)
{
  return t->kind == CREDENCE_RDF_TERM_BLANK;
}

static const CredenceRdfTerm *
quad_term (const CredenceRdfQuad *q,
           guint                  i)
{
  switch (i)
    {
    case 0: return &q->subject;
    case 1: return &q->predicate;
    case 2: return &q->object;
    default: return &q->graph;
    }
}

/* The quad as text, with blank nodes written through @name. */
static void
quad_text (const CredenceRdfQuad *q,
           const char          *(*name) (gpointer, const char *),
           gpointer               data,
           GString               *out)
{
  for (guint i = 0; i < 4; i++)
    {
      const CredenceRdfTerm *t = quad_term (q, i);

      if (term_is_blank (t))
        {
          g_string_append (out, "_:");
          g_string_append (out, name (data, t->value));
        }
      else if (t->kind != CREDENCE_RDF_TERM_NONE)
        credence_rdf_term_append_nquads (t, out);
      g_string_append_c (out, ' ');
    }
}

static void
side_init (Side               *side,
           CredenceRdfDataset *dataset)
{
  side->dataset = dataset;
  side->blanks = g_ptr_array_new ();
  side->index = g_hash_table_new (g_str_hash, g_str_equal);
  side->ground = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < credence_rdf_dataset_get_n_quads (dataset); i++)
    {
      const CredenceRdfQuad *q = credence_rdf_dataset_get_quad (dataset, i);
      gboolean has_blank = FALSE;

      for (guint k = 0; k < 4; k++)
        {
          const CredenceRdfTerm *t = quad_term (q, k);

          if (term_is_blank (t))
            {
              has_blank = TRUE;
              if (!g_hash_table_contains (side->index, t->value))
                {
                  g_hash_table_insert (side->index, (char *) t->value,
                                       GUINT_TO_POINTER (side->blanks->len));
                  g_ptr_array_add (side->blanks, (char *) t->value);
                }
            }
        }
      if (!has_blank)
        {
          GString *line = g_string_new (NULL);

          quad_text (q, NULL, NULL, line);
          g_hash_table_add (side->ground, g_string_free (line, FALSE));
        }
    }
  side->colors = g_array_sized_new (FALSE, TRUE, sizeof (guint), side->blanks->len);
  g_array_set_size (side->colors, side->blanks->len);
}

static void
side_clear (Side *side)
{
  g_ptr_array_unref (side->blanks);
  g_hash_table_unref (side->index);
  g_hash_table_unref (side->ground);
  g_array_unref (side->colors);
}

typedef struct
{
  Side       *side;
  const char *self;
  char        buf[32];
} Namer;

static const char *
color_name (gpointer    data,
            const char *label)
{
  Namer *namer = data;
  guint i;

  if (strcmp (label, namer->self) == 0)
    return "self";
  i = GPOINTER_TO_UINT (g_hash_table_lookup (namer->side->index, label));
  g_snprintf (namer->buf, sizeof namer->buf, "c%u", g_array_index (namer->side->colors, guint, i));
  return namer->buf;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* One round of colour refinement: a blank node's new colour is the hash
 * of its old colour and the sorted quads around it, neighbours written
 * as their colours.  Both sides are refined with the same function. */
static void
refine (Side *side)
{
  g_autoptr(GArray) next = g_array_sized_new (FALSE, TRUE, sizeof (guint), side->blanks->len);

  g_array_set_size (next, side->blanks->len);
  for (guint b = 0; b < side->blanks->len; b++)
    {
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      Namer namer = { side, side->blanks->pdata[b], "" };
      GString *all = g_string_new (NULL);

      for (guint i = 0; i < credence_rdf_dataset_get_n_quads (side->dataset); i++)
        {
          const CredenceRdfQuad *q = credence_rdf_dataset_get_quad (side->dataset, i);
          gboolean mentions = FALSE;

          for (guint k = 0; k < 4; k++)
            if (term_is_blank (quad_term (q, k)) && strcmp (quad_term (q, k)->value, namer.self) == 0)
              mentions = TRUE;
          if (mentions)
            {
              GString *line = g_string_new (NULL);

              quad_text (q, color_name, &namer, line);
              g_ptr_array_add (lines, g_string_free (line, FALSE));
            }
        }
      g_ptr_array_sort (lines, compare_strings);
      g_string_append_printf (all, "%u|", g_array_index (side->colors, guint, b));
      for (guint i = 0; i < lines->len; i++)
        g_string_append (all, lines->pdata[i]);
      g_array_index (next, guint, b) = g_str_hash (all->str);
      g_string_free (all, TRUE);
    }
  if (side->blanks->len > 0)
    memcpy (side->colors->data, next->data, sizeof (guint) * side->blanks->len);
}

typedef struct
{
  Side  *a;
  Side  *b;
  guint *map;          /* blank of a → blank of b, or G_MAXUINT */
  gboolean *used;
} Search;

static const char *
mapped_name (gpointer    data,
             const char *label)
{
  Search *s = data;
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (s->a->index, label));

  return s->b->blanks->pdata[s->map[i]];
}

static const char *
same_name (gpointer    data,
           const char *label)
{
  return label;
}

/* Every quad of a, renamed through the complete map, is a quad of b. */
static gboolean
mapping_holds (Search *s)
{
  g_autoptr(GHashTable) b_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean ok = TRUE;

  for (guint i = 0; i < credence_rdf_dataset_get_n_quads (s->b->dataset); i++)
    {
      GString *line = g_string_new (NULL);

      quad_text (credence_rdf_dataset_get_quad (s->b->dataset, i), same_name, NULL, line);
      g_hash_table_add (b_lines, g_string_free (line, FALSE));
    }
  for (guint i = 0; i < credence_rdf_dataset_get_n_quads (s->a->dataset) && ok; i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      quad_text (credence_rdf_dataset_get_quad (s->a->dataset, i), mapped_name, s, line);
      ok = g_hash_table_contains (b_lines, line->str);
    }
  return ok;
}

static gboolean
search (Search *s,
        guint   next)
{
  if (next == s->a->blanks->len)
    return mapping_holds (s);

  for (guint j = 0; j < s->b->blanks->len; j++)
    {
      if (s->used[j] ||
          g_array_index (s->a->colors, guint, next) != g_array_index (s->b->colors, guint, j))
        continue;
      s->used[j] = TRUE;
      s->map[next] = j;
      if (search (s, next + 1))
        return TRUE;
      s->used[j] = FALSE;
    }
  return FALSE;
}

gboolean
jsonld_suite_isomorphic (CredenceRdfDataset *x,
                     CredenceRdfDataset *y)
{
  Side a, b;
  gboolean ok;
  GHashTableIter iter;
  gpointer line;

  if (credence_rdf_dataset_get_n_quads (x) != credence_rdf_dataset_get_n_quads (y))
    return FALSE;

  side_init (&a, x);
  side_init (&b, y);
  ok = a.blanks->len == b.blanks->len &&
       g_hash_table_size (a.ground) == g_hash_table_size (b.ground);
  g_hash_table_iter_init (&iter, a.ground);
  while (ok && g_hash_table_iter_next (&iter, &line, NULL))
    ok = g_hash_table_contains (b.ground, line);

  if (ok)
    {
      g_autofree guint *map = g_new0 (guint, a.blanks->len + 1);
      g_autofree gboolean *used = g_new0 (gboolean, b.blanks->len + 1);
      Search s = { &a, &b, map, used };

      for (guint round = 0; round < 4; round++)
        {
          refine (&a);
          refine (&b);
        }
      ok = search (&s, 0);
    }

  side_clear (&a);
  side_clear (&b);
  return ok;
}

