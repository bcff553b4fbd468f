/* test-html.c: escaping untrusted badge text for the portfolio site.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "credence-html.h"

static void
test_html_escape (void)
{
  g_autofree char *escaped = credence_html_escape ("<script>alert('x')</script> & \"q\"", 0);
  g_autofree char *empty = credence_html_escape (NULL, 0);

  g_assert_cmpstr (escaped, ==, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_html_clean_text (void)
{
  g_autofree char *broken = credence_html_clean_text ("a\xff\xfe" "b\xc3(", 0);
  g_autofree char *controls = credence_html_clean_text ("a\x01\x1b[31m\tb\nc\r\x7f\xc2\x85", 0);
  g_autofree char *bidi = credence_html_clean_text ("evil\u202Egnp.exe\u202C \u2066x\u2069\u200F", 0);
  g_autofree char *separators = credence_html_clean_text ("a\u2028b\u2029c", 0);
  g_autofree char *cut = credence_html_clean_text ("ééééé", 3);
  g_autofree char *exact = credence_html_clean_text ("ééé", 3);
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autofree char *huge_clean = NULL;

  /* Broken UTF-8 becomes U+FFFD, so the page stays valid UTF-8. */
  g_assert_true (g_utf8_validate (broken, -1, NULL));
  g_assert_cmpstr (broken, ==, "a\uFFFD\uFFFDb\uFFFD(");
  /* Controls go (tab and newline stay), so the text is also valid XML. */
  g_assert_cmpstr (controls, ==, "a[31m\tb\nc");
  /* Bidirectional overrides cannot reorder the page. */
  g_assert_cmpstr (bidi, ==, "evilgnp.exe x");
  g_assert_cmpstr (separators, ==, "a b c");
  g_assert_cmpstr (cut, ==, "ééé…");
  g_assert_cmpstr (exact, ==, "ééé");

  /* A 1 MB name is cut to the limit, not copied whole. */
  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (huge, 'n');
  huge_clean = credence_html_clean_text (huge->str, 300);
  g_assert_cmpuint (g_utf8_strlen (huge_clean, -1), ==, 301);
}

static void
test_html_safe_url (void)
{
  static const char * const refused[] = {
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\nscript:alert(1)",
    "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "file:///etc/passwd",
    "//example.org/x", "/relative", "relative.html", "http:example.org", "http:/\\example.org",
    "https://user:pass@example.org/", "https://", "ftp://example.org/", "", "   ", "http://exa mple.org\x01/x",
  };
  static const struct { const char *in, *out; } kept[] = {
    { "https://example.org/badge?id=1&x=2", "https://example.org/badge?id=1&x=2" },
    { "  http://example.org/a  ", "http://example.org/a" },
    { "HTTPS://Example.org/", "HTTPS://Example.org/" },
    { "https://example.org/\"><script>", "https://example.org/%22%3E%3Cscript%3E" },
    { "https://example.org/é b", "https://example.org/%C3%A9%20b" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *safe = credence_html_safe_url (refused[i]);

      if (safe != NULL)
        g_error ("“%s” was kept as “%s”", refused[i], safe);
    }
  g_assert_null (credence_html_safe_url (NULL));

  for (gsize i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *safe = credence_html_safe_url (kept[i].in);

      g_assert_cmpstr (safe, ==, kept[i].out);
    }
}

static void
test_html_json_for_script (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *json = "{\"name\": \"</script><!--<script>alert(1)</script> & \u2028\u2029\"}";
  g_autofree char *escaped = credence_html_escape_json_for_script (json);
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_assert_null (strchr (escaped, '<'));
  g_assert_null (strchr (escaped, '>'));
  g_assert_null (strchr (escaped, '&'));
  g_assert_null (strstr (escaped, "\u2028"));
  g_assert_null (strstr (escaped, "\u2029"));

  /* It is still the same JSON value. */
  g_assert_true (json_parser_load_from_data (parser, escaped, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==,
                   "</script><!--<script>alert(1)</script> & \u2028\u2029");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/html/escape", test_html_escape);
  g_test_add_func ("/html/clean-text", test_html_clean_text);
  g_test_add_func ("/html/safe-url", test_html_safe_url);
  g_test_add_func ("/html/json-for-script", test_html_json_for_script);

  return g_test_run ();
}
