/* credence-html.c: the one place where untrusted text becomes HTML.
 *
 * Every string that comes from a badge (names, descriptions, issuer
 * names, URLs) goes through these functions before it reaches a page
 * the portfolio site writes.  The rules are deliberately simple:
 *
 * - Text is made valid UTF-8 (broken sequences become U+FFFD), control
 *   characters other than tab and newline are dropped, and so are the
 *   bidirectional embedding, override and isolate controls (U+202A–E,
 *   U+2066–9, U+200E–F, U+061C), so a name cannot reorder the text around
 *   it.  U+2028/9 become a space.  The result is also valid XML 1.0.
 * - Then `& < > " '` are escaped, so the same output is safe in element
 *   text and in double- or single-quoted attribute values.
 * - Only absolute http and https URLs with a host name are kept as links.
 * - JSON put inside `<script type="application/ld+json">` has `< > &`
 *   and U+2028/9 written as `\uXXXX` escapes, so `</script>` and `<!--`
 *   cannot end or change the script element.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-html"

#include "config.h"

#include <string.h>

#include "credence-html.h"

/* Longest URL kept as a link. */
#define MAX_URL_LENGTH 4096

static gboolean
is_dropped (gunichar c)
{
  if (c < 0x20)
    return c != '\n' && c != '\t';
  if (c >= 0x7F && c <= 0x9F)
    return TRUE;
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
      c == 0x200E || c == 0x200F || c == 0x061C)
    return TRUE;
  /* Noncharacters, not allowed in XML. */
  if (c == 0xFFFE || c == 0xFFFF)
    return TRUE;
  return FALSE;
}

/**
 * credence_html_clean_text:
 * @text: (nullable): untrusted text, in any encoding
 * @max_chars: the most characters kept (0: no limit); longer text is cut
 *   and ends with "…"
 *
 * Makes @text safe to show, but does not escape it: valid UTF-8, no
 * control characters but tab and newline, no bidirectional controls.
 * This is exactly the text a browser shows for credence_html_escape().
 *
 * Returns: (transfer full): the clean text, "" for %NULL
 */
char *
credence_html_clean_text (const char *text,
                          gsize       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  gsize n = 0;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (MIN (strlen (valid), max_chars > 0 ? max_chars * 4 : G_MAXSIZE) + 4);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_dropped (c))
        continue;
      if (max_chars > 0 && n == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
      n++;
    }

  return g_string_free (out, FALSE);
}

/**
 * credence_html_append_escaped:
 * @out: where to append
 * @text: (nullable): untrusted text
 * @max_chars: as for credence_html_clean_text()
 *
 * Appends @text, cleaned by credence_html_clean_text() and escaped for
 * HTML element text and quoted attribute values.
 */
void
credence_html_append_escaped (GString    *out,
                              const char *text,
                              gsize       max_chars)
{
  g_autofree char *clean = credence_html_clean_text (text, max_chars);

  for (const char *p = clean; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&#39;");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/**
 * credence_html_escape:
 * @text: (nullable): untrusted text
 * @max_chars: as for credence_html_clean_text()
 *
 * Returns: (transfer full): @text cleaned and escaped for HTML text and
 *   quoted attribute values
 */
char *
credence_html_escape (const char *text,
                      gsize       max_chars)
{
  GString *out = g_string_new (NULL);

  credence_html_append_escaped (out, text, max_chars);
  return g_string_free (out, FALSE);
}

/**
 * credence_html_safe_url:
 * @url: (nullable): an untrusted URL
 *
 * Decides whether @url may become a link: it must be an absolute `http`
 * or `https` URL with a host name and no user information, at most 4096
 * bytes.  Bytes outside printable ASCII and the characters `" ' < > \ ^ `
 * { | }` are percent-encoded; the result still needs
 * credence_html_escape() (for `&`) in an attribute.
 *
 * Returns: (transfer full) (nullable): the URL to link to, or %NULL when
 *   it must not be a link (`javascript:`, `data:`, `file:`, relative…)
 */
char *
credence_html_safe_url (const char *url)
{
  g_autoptr(GString) encoded = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;
  gsize len;

  if (url == NULL)
    return NULL;

  /* Browsers strip leading and trailing spaces and controls. */
  while (*url != '\0' && (guchar)*url <= 0x20)
    url++;
  len = strlen (url);
  while (len > 0 && (guchar)url[len - 1] <= 0x20)
    len--;
  if (len == 0 || len > MAX_URL_LENGTH)
    return NULL;

  encoded = g_string_sized_new (len);
  for (gsize i = 0; i < len; i++)
    {
      guchar c = url[i];

      /* Tabs and newlines inside a URL are removed by browsers, which
       * could turn "java\nscript:" into a scheme: refuse the URL. */
      if (c < 0x20 || c == 0x7F)
        return NULL;
      if (c > 0x7F || c == ' ' || strchr ("\"'<>\\^`{|}", c) != NULL)
        g_string_append_printf (encoded, "%%%02X", c);
      else
        g_string_append_c (encoded, c);
    }

  uri = g_uri_parse (encoded->str, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return NULL;
  if (host == NULL || *host == '\0' || g_uri_get_userinfo (uri) != NULL)
    return NULL;
  /* "http:example.org" parses with no host; "http:/\x" must not reach a
   * browser that reads backslashes as slashes. */
  if (g_ascii_strncasecmp (encoded->str + strlen (scheme), "://", 3) != 0)
    return NULL;

  return g_strdup (encoded->str);
}

/**
 * credence_html_escape_json_for_script:
 * @json: JSON text (as written by json-glib)
 *
 * Makes JSON safe inside `<script type="application/ld+json">`: `<`, `>`
 * and `&` (which JSON allows only inside strings) and U+2028/9 are
 * written as `\u` escapes, so the text cannot hold `</script>`, `<!--`
 * or an entity, and parses to the same JSON value.
 *
 * Returns: (transfer full): the escaped JSON
 */
char *
credence_html_escape_json_for_script (const char *json)
{
  GString *out;

  g_return_val_if_fail (json != NULL, NULL);

  out = g_string_sized_new (strlen (json) + 16);
  for (const char *p = json; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '<':
          g_string_append (out, "\\u003c");
          break;
        case '>':
          g_string_append (out, "\\u003e");
          break;
        case '&':
          g_string_append (out, "\\u0026");
          break;
        case '\xe2':
          if (p[1] == '\x80' && (p[2] == '\xa8' || p[2] == '\xa9'))
            {
              g_string_append (out, p[2] == '\xa8' ? "\\u2028" : "\\u2029");
              p += 2;
              break;
            }
          G_GNUC_FALLTHROUGH;
        default:
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}
