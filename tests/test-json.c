/* test-json.c: strict, bounded JSON parsing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-json.h"
#include "credence-limits.h"

static void
assert_parse_error (const char *text,
                    int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = credence_json_parse (text, strlen (text), &error);

  if (node != NULL)
    g_error ("“%s” parsed but should fail", text);
  g_assert_error (error, CREDENCE_JSON_ERROR, code);
  g_assert_nonnull (error->message);
}

static void
test_json_valid (void)
{
  static const char *const valid[] = {
    "{}", "[]", " \r\n\t{ } ", "0", "-0.5e+10", "\"x\"", "true", "null",
    "{\"a\":[1,2.5,{\"b\":null}],\"c\":\"\\u00e9\\n\\\"\\/\"}",
    "\"\\ud83d\\ude00\"", "\xEF\xBB\xBF{\"bom\":true}", "\"caf\xC3\xA9\"",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = credence_json_parse (valid[i], strlen (valid[i]), &error);

      g_assert_no_error (error);
      g_assert_nonnull (node);
    }
}

static void
test_json_invalid (void)
{
  static const char *const invalid[] = {
    "", "   ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[1 2]",
    "// comment\n{}", "{} /* c */", "{}{}", "01", "1.", ".5", "-", "1e", "+1",
    "tru", "nul", "\"abc", "\"a\nb\"", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"",
    "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\u0000\"", "'single'", "\"\xC3\"",
    "[\"\xFF\"]", "{\"a\":1}x",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    assert_parse_error (invalid[i], CREDENCE_JSON_ERROR_INVALID);
}

static void
test_json_nul_byte (void)
{
  static const char data[] = "{\"a\":\"b\0c\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = credence_json_parse (data, sizeof data - 1, &error);

  g_assert_null (node);
  g_assert_error (error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_INVALID);
}

static char *
nested (int         depth,
        const char *open,
        const char *close)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, "1");
  for (int i = 0; i < depth; i++)
    g_string_append (s, close);
  return g_string_free (s, FALSE);
}

static void
test_json_depth (void)
{
  g_autofree char *ok_arrays = nested (CREDENCE_LIMIT_JSON_DEPTH, "[", "]");
  g_autofree char *ok_objects = nested (CREDENCE_LIMIT_JSON_DEPTH, "{\"k\":", "}");
  g_autofree char *deep_arrays = nested (CREDENCE_LIMIT_JSON_DEPTH + 1, "[", "]");
  g_autofree char *deep_objects = nested (CREDENCE_LIMIT_JSON_DEPTH + 1, "{\"k\":", "}");
  g_autofree char *very_deep = nested (100000, "[", "]");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) a = credence_json_parse (ok_arrays, strlen (ok_arrays), &error);
  g_autoptr(JsonNode) o = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (a);
  o = credence_json_parse (ok_objects, strlen (ok_objects), &error);
  g_assert_no_error (error);
  g_assert_nonnull (o);

  assert_parse_error (deep_arrays, CREDENCE_JSON_ERROR_TOO_DEEP);
  assert_parse_error (deep_objects, CREDENCE_JSON_ERROR_TOO_DEEP);
  assert_parse_error (very_deep, CREDENCE_JSON_ERROR_TOO_DEEP);
}

static char *
array_of_zeros (gsize n)
{
  GString *s = g_string_new ("[");

  for (gsize i = 0; i < n; i++)
    g_string_append (s, i == 0 ? "0" : ",0");
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static void
test_json_members (void)
{
  /* The array itself is one value. */
  g_autofree char *ok = array_of_zeros (CREDENCE_LIMIT_JSON_MEMBERS - 1);
  g_autofree char *many = array_of_zeros (CREDENCE_LIMIT_JSON_MEMBERS);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = credence_json_parse (ok, strlen (ok), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, CREDENCE_LIMIT_JSON_MEMBERS - 1);
  assert_parse_error (many, CREDENCE_JSON_ERROR_TOO_MANY);
}

static void
test_json_size (void)
{
  gsize len = CREDENCE_LIMIT_JSON_SIZE + 1;
  g_autofree char *big = g_malloc (len);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  memset (big, ' ', len);
  big[0] = '"';
  big[1] = '"';
  big[len - 1] = '"';
  node = credence_json_parse (big, len, &error);
  g_assert_null (node);
  g_assert_error (error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_TOO_LARGE);

  g_clear_error (&error);
  node = credence_json_parse (big + 1, len - 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
}

static JsonNode *
parse_corpus_file (GError    **error,
                   const char *first,
                   ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  va_list ap;

  g_ptr_array_add (parts, (gpointer)g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, (gpointer)"data");
  g_ptr_array_add (parts, (gpointer)"corpus");
  va_start (ap, first);
  for (const char *p = first; p != NULL; p = va_arg (ap, const char *))
    g_ptr_array_add (parts, (gpointer)p);
  va_end (ap);
  g_ptr_array_add (parts, NULL);

  path = g_build_filenamev ((char **)parts->pdata);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return credence_json_parse (contents, length, error);
}

static void
test_json_corpus (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = parse_corpus_file (&error, "1edtech-dc-public-validator", "ob30", "simple.json", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (credence_json_object_get_string (json_node_get_object (node), "name"), !=, NULL);
  g_clear_pointer (&node, json_node_unref);

  /* Documentation fixture with // comments: not JSON. */
  node = parse_corpus_file (&error, "1edtech-dc-public-validator", "ob20", "redirected-validation-subject.json", NULL);
  g_assert_null (node);
  g_assert_error (error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_INVALID);
  g_clear_error (&error);

  /* Raw newlines inside strings. */
  node = parse_corpus_file (&error, "1edtech-openbadges-specification", "ob_v2p0-examples", "badgeclass-example-1.json", NULL);
  g_assert_null (node);
  g_assert_error (error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_INVALID);
  g_clear_error (&error);

  /* Trailing comma. */
  node = parse_corpus_file (&error, "1edtech-openbadges-specification", "ob_v2p0-examples", "open-badges-in-linked-data-1.json", NULL);
  g_assert_null (node);
  g_assert_error (error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_INVALID);
  g_clear_error (&error);

  /* The 0-byte upstream fixture. */
  node = parse_corpus_file (&error, "digitalcredentials-vc-test-fixtures", "verifiableCredentials", "v1", "ed25519",
                            "didKey", "legacy-noStatus-noExpiry.json", NULL);
  g_assert_null (node);
  g_assert_error (error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_INVALID);
}

static void
test_json_getters (void)
{
  static const char text[] =
    "{\"s\":\"x\",\"n\":7,\"f\":1.5,\"b\":false,\"o\":{\"id\":\"urn:o\"},"
    "\"a\":[\"T\",\"U\"],\"z\":null}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = credence_json_parse (text, strlen (text), &error);
  JsonObject *o;
  gboolean b = TRUE;
  gint64 n = 0;

  g_assert_no_error (error);
  o = json_node_get_object (node);

  g_assert_cmpstr (credence_json_object_get_string (o, "s"), ==, "x");
  g_assert_null (credence_json_object_get_string (o, "n"));
  g_assert_null (credence_json_object_get_string (o, "z"));
  g_assert_null (credence_json_object_get_string (o, "missing"));
  g_assert_null (credence_json_object_get_string (NULL, "s"));
  g_assert_nonnull (credence_json_object_get_object (o, "o"));
  g_assert_null (credence_json_object_get_object (o, "a"));
  g_assert_nonnull (credence_json_object_get_array (o, "a"));
  g_assert_null (credence_json_object_get_array (o, "s"));

  g_assert_true (credence_json_object_get_boolean (o, "b", &b));
  g_assert_false (b);
  g_assert_false (credence_json_object_get_boolean (o, "n", &b));
  g_assert_true (credence_json_object_get_int (o, "n", &n));
  g_assert_cmpint (n, ==, 7);
  g_assert_false (credence_json_object_get_int (o, "f", &n));
  g_assert_false (credence_json_object_get_int (o, "missing", NULL));

  g_assert_cmpstr (credence_json_node_get_id (json_object_get_member (o, "o")), ==, "urn:o");
  g_assert_cmpstr (credence_json_node_get_id (json_object_get_member (o, "s")), ==, "x");
  g_assert_null (credence_json_node_get_id (json_object_get_member (o, "n")));

  g_assert_true (credence_json_node_has_string (json_object_get_member (o, "a"), "U"));
  g_assert_false (credence_json_node_has_string (json_object_get_member (o, "a"), "V"));
  g_assert_true (credence_json_node_has_string (json_object_get_member (o, "s"), "x"));
  g_assert_false (credence_json_node_has_string (NULL, "x"));
}

/* json-glib wraps integers past 64 bits (99999999999999999999 reads as -1)
 * and makes numbers past the double range infinite: both are refused.
 * Everything json-glib reads exactly is kept as it is.
 */
static void
test_json_number_range (void)
{
  static const struct { const char *text; gint64 value; } integers[] = {
    { "9223372036854775807", G_MAXINT64 },
    { "-9223372036854775808", G_MININT64 },
    { "999999999999999999", G_GINT64_CONSTANT (999999999999999999) },
    { "-0", 0 },
  };
  static const struct { const char *text; double value; } doubles[] = {
    { "1e308", 1e308 },
    { "-1.7976931348623157e308", -1.7976931348623157e308 },
    { "1e-400", 0.0 },
    { "99999999999999999999.0", 1e20 },
    { "0.5E+2", 50.0 },
  };
  static const char *const out_of_range[] = {
    "9223372036854775808", "-9223372036854775809", "99999999999999999999",
    "-99999999999999999999", "18446744073709551616", "1e400", "-1e400", "1.8e308",
    "123456789012345678901234567890", "{\"exp\":[1,2,99999999999999999999]}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (integers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = credence_json_parse (integers[i].text, strlen (integers[i].text), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (json_node_get_value_type (node), ==, G_TYPE_INT64);
      g_assert_cmpint (json_node_get_int (node), ==, integers[i].value);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (doubles); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = credence_json_parse (doubles[i].text, strlen (doubles[i].text), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
      g_assert_cmpfloat (json_node_get_double (node), ==, doubles[i].value);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (out_of_range); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (credence_json_check (out_of_range[i], strlen (out_of_range[i]), &error));
      g_assert_error (error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_OUT_OF_RANGE);
      g_assert_nonnull (strstr (error->message, "cannot read exactly"));
      assert_parse_error (out_of_range[i], CREDENCE_JSON_ERROR_OUT_OF_RANGE);
    }

  /* A very long number is named by its beginning only. */
  {
    g_autoptr(GString) text = g_string_new ("1");
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 10000; i++)
      g_string_append_c (text, '0');
    g_assert_false (credence_json_check (text->str, text->len, &error));
    g_assert_error (error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_OUT_OF_RANGE);
    g_assert_cmpuint (strlen (error->message), <, 400);
  }
}

/* NumericDate (RFC 7519) values: whole or not, clamped to years 1 to 9999. */
static void
test_json_unix_time (void)
{
  static const struct { const char *text; const char *date; } cases[] = {
    { "0", "1970-01-01T00:00:00Z" },
    { "1735689600", "2025-01-01T00:00:00Z" },
    { "1735689600.9", "2025-01-01T00:00:00Z" },
    { "-0.5", "1969-12-31T23:59:59Z" },
    { "99999999999999", "9999-12-31T23:59:59Z" },
    { "9223372036854775807", "9999-12-31T23:59:59Z" },
    { "1e300", "9999-12-31T23:59:59Z" },
    { "-99999999999", "0001-01-01T00:00:00Z" },
    { "-9223372036854775808", "0001-01-01T00:00:00Z" },
    { "-1e300", "0001-01-01T00:00:00Z" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = credence_json_parse (cases[i].text, strlen (cases[i].text), &error);
      g_autoptr(GDateTime) date = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      date = credence_json_node_dup_unix_time (node);
      g_assert_nonnull (date);
      text = g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ");
      /* %Y does not pad year 1. */
      if (g_date_time_get_year (date) == 1)
        g_assert_cmpstr (cases[i].date, ==, "0001-01-01T00:00:00Z");
      else
        g_assert_cmpstr (text, ==, cases[i].date);
    }

  {
    g_autoptr(JsonNode) string = json_node_new (JSON_NODE_VALUE);

    json_node_set_string (string, "1735689600");
    g_assert_null (credence_json_node_dup_unix_time (string));
    g_assert_null (credence_json_node_dup_unix_time (NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/valid", test_json_valid);
  g_test_add_func ("/json/invalid", test_json_invalid);
  g_test_add_func ("/json/nul-byte", test_json_nul_byte);
  g_test_add_func ("/json/depth", test_json_depth);
  g_test_add_func ("/json/members", test_json_members);
  g_test_add_func ("/json/size", test_json_size);
  g_test_add_func ("/json/corpus", test_json_corpus);
  g_test_add_func ("/json/getters", test_json_getters);
  g_test_add_func ("/json/number-range", test_json_number_range);
  g_test_add_func ("/json/unix-time", test_json_unix_time);

  return g_test_run ();
}
