/* test-contexts.c: every bundled JSON-LD context is served byte for byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "credence-contexts.h"

static GBytes *
read_context_file (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "contexts", file, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

/* The index rows, as the test reads them on its own: URL (first word of
 * column 1), label (rest of column 1) and file. */
typedef struct
{
  char *url;
  char *label;
  char *file;
} Row;

static void
row_free (Row *row)
{
  g_free (row->url);
  g_free (row->label);
  g_free (row->file);
  g_free (row);
}

static GPtrArray *
read_index (void)
{
  g_autoptr(GBytes) bytes = read_context_file ("index.tsv");
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  g_assert_true (g_str_has_prefix (lines[0], "url\tfile\t"));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = g_strsplit (lines[i], "\t", -1);
      Row *row;
      const char *space;

      if (lines[i][0] == '\0')
        continue;
      g_assert_cmpuint (g_strv_length (columns), >=, 2);
      row = g_new0 (Row, 1);
      space = strchr (columns[0], ' ');
      row->url = space ? g_strndup (columns[0], space - columns[0]) : g_strdup (columns[0]);
      row->label = g_strdup (space ? space + 1 : "");
      row->file = g_strdup (columns[1]);
      g_ptr_array_add (rows, row);
    }

  return rows;
}

/* The file a URL must be served from: the row without a "variant" label,
 * and for a VARIANT file, the primary file of that context. */
static const char *
expected_file (GPtrArray  *rows,
               const char *url)
{
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];

      if (strcmp (row->url, url) == 0 && strstr (row->label, "variant") == NULL)
        {
          if (strcmp (row->file, "w3id-openbadges-v2.VARIANT-1edtech-validator.jsonld") == 0)
            return "w3id-openbadges-v2.jsonld";
          g_assert_null (strstr (row->file, "VARIANT"));
          return row->file;
        }
    }

  g_assert_not_reached ();
}

static void
test_every_url_resolves (void)
{
  g_autoptr(GPtrArray) rows = read_index ();
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *listed = credence_contexts_list ();

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      g_autoptr(GBytes) served = credence_contexts_lookup (row->url);
      g_autoptr(GBytes) expected = read_context_file (expected_file (rows, row->url));
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", row->url);
      g_assert_nonnull (served);
      g_assert_true (g_bytes_equal (served, expected));
      json_parser_load_from_data (parser, g_bytes_get_data (served, NULL),
                                  g_bytes_get_size (served), &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      g_hash_table_add (distinct, row->url);
    }

  /* The list holds each indexed URL once and nothing else. */
  g_assert_cmpuint (g_strv_length ((char **) listed), ==, g_hash_table_size (distinct));
  for (guint i = 0; listed[i] != NULL; i++)
    {
      g_assert_true (g_hash_table_contains (distinct, listed[i]));
      if (i > 0)
        g_assert_cmpstr (listed[i - 1], <, listed[i]);
    }
}

static void
test_variant_not_served (void)
{
  g_autoptr(GBytes) served = credence_contexts_lookup ("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
  g_autoptr(GBytes) primary = read_context_file ("purl-ob-v3p0-context-3.0.3.json");
  g_autoptr(GBytes) variant = read_context_file ("purl-ob-v3p0-context-3.0.3.VARIANT-spec-repo.json");

  g_assert_true (g_bytes_equal (served, primary));
  g_assert_false (g_bytes_equal (served, variant));
}

static void
test_normalization (void)
{
  g_autoptr(GBytes) plain = credence_contexts_lookup ("https://www.w3.org/ns/credentials/v2");
  g_autoptr(GBytes) fragment = credence_contexts_lookup ("https://www.w3.org/ns/credentials/v2#foo");
  g_autoptr(GBytes) upper = credence_contexts_lookup ("HTTPS://WWW.W3.ORG/ns/credentials/v2");
  g_autoptr(GBytes) http = credence_contexts_lookup ("http://www.w3.org/ns/credentials/v2");
  g_autoptr(GBytes) path_case = credence_contexts_lookup ("https://www.w3.org/NS/credentials/v2");
  g_autoptr(GBytes) slash = credence_contexts_lookup ("https://www.w3.org/ns/credentials/v2/");
  g_autoptr(GBytes) unknown = credence_contexts_lookup ("https://example.org/context.jsonld");
  g_autofree char *normalized = credence_contexts_normalize_url ("HTTPS://Example.ORG/A/B?Q#F");

  g_assert_nonnull (plain);
  g_assert_true (g_bytes_equal (plain, fragment));
  g_assert_true (g_bytes_equal (plain, upper));
  g_assert_null (http);
  g_assert_null (path_case);
  g_assert_null (slash);
  g_assert_null (unknown);
  g_assert_cmpstr (normalized, ==, "https://example.org/A/B?Q");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contexts/every-url-resolves", test_every_url_resolves);
  g_test_add_func ("/contexts/variant-not-served", test_variant_not_served);
  g_test_add_func ("/contexts/normalization", test_normalization);

  return g_test_run ();
}
