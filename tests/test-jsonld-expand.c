/* test-jsonld-expand.c: the W3C JSON-LD 1.1 expansion tests, one subtest
 * each, read from expand-manifest.jsonld at run time.
 *
 * Skipped tests (reason checked by jsonld-suite.c from the manifest):
 *
 * | tests                                   | reason                                    |
 * |-----------------------------------------|-------------------------------------------|
 * | #t0026 #t0038 #t0071 #t0115 #t0116      | specVersion json-ld-1.0 only              |
 * | #ter02 #ter03 #ter24 #ter32             | specVersion json-ld-1.0 only              |
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "jsonld-suite.h"

static gboolean json_ld_equal (JsonNode *a, JsonNode *b, gboolean ordered);

/* JSON-LD object comparison (the suite's README): arrays are unordered,
 * except the values of @list; numbers compare by value. */
static gboolean
json_ld_equal (JsonNode *a,
               JsonNode *b,
               gboolean  ordered)
{
  if (json_node_get_node_type (a) != json_node_get_node_type (b))
    return FALSE;

  switch (json_node_get_node_type (a))
    {
    case JSON_NODE_NULL:
      return TRUE;

    case JSON_NODE_VALUE:
      {
        GType ta = json_node_get_value_type (a);
        GType tb = json_node_get_value_type (b);
        gboolean na = ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE;
        gboolean nb = tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE;

        if (na && nb)
          return json_node_get_double (a) == json_node_get_double (b);
        return json_node_equal (a, b);
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *oa = json_node_get_object (a);
        JsonObject *ob = json_node_get_object (b);
        JsonObjectIter iter;
        const char *key;
        JsonNode *value;

        if (json_object_get_size (oa) != json_object_get_size (ob))
          return FALSE;
        json_object_iter_init (&iter, oa);
        while (json_object_iter_next (&iter, &key, &value))
          {
            JsonNode *other = json_object_get_member (ob, key);

            if (other == NULL || !json_ld_equal (value, other, strcmp (key, "@list") == 0))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *aa = json_node_get_array (a);
        JsonArray *ab = json_node_get_array (b);
        guint n = json_array_get_length (aa);
        g_autofree gboolean *used = NULL;

        if (n != json_array_get_length (ab))
          return FALSE;
        if (ordered)
          {
            for (guint i = 0; i < n; i++)
              if (!json_ld_equal (json_array_get_element (aa, i), json_array_get_element (ab, i), FALSE))
                return FALSE;
            return TRUE;
          }
        used = g_new0 (gboolean, n);
        for (guint i = 0; i < n; i++)
          {
            gboolean found = FALSE;

            for (guint j = 0; j < n && !found; j++)
              if (!used[j] && json_ld_equal (json_array_get_element (aa, i),
                                             json_array_get_element (ab, j), FALSE))
                used[j] = found = TRUE;
            if (!found)
              return FALSE;
          }
        return TRUE;
      }

    default:
      return FALSE;
    }
}

static void
run_test (gconstpointer data)
{
  const JsonldSuiteTest *test = data;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;

  if (test->skip != NULL)
    {
      g_test_skip (test->skip);
      return;
    }

  input = jsonld_suite_load_input (test);
  result = credence_jsonld_expand (jsonld_suite_processor (), input, &test->options, &error);
  if (!jsonld_suite_check_outcome (test, error))
    return;

  if (test->expect != NULL)
    {
      g_autofree char *expect_path = jsonld_suite_path (test->expect);
      g_autoptr(JsonNode) expected = jsonld_suite_load_json (expect_path, &error);

      g_assert_no_error (error);
      if (!json_ld_equal (result, expected, FALSE))
        {
          g_autofree char *got = json_to_string (result, FALSE);

          g_test_message ("%s: got %s", test->id, got);
          g_test_fail ();
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) tests = NULL;

  g_test_init (&argc, &argv, NULL);

  tests = jsonld_suite_read ("expand-manifest.jsonld");
  for (guint i = 0; i < tests->len; i++)
    {
      JsonldSuiteTest *test = tests->pdata[i];
      g_autofree char *name = g_strdup_printf ("/jsonld/expand/%s", test->id + 1);

      g_test_add_data_func (name, test, run_test);
    }

  return g_test_run ();
}
