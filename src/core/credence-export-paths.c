/* credence-export-paths.c: the names exported files and pages get.
 *
 * Every exporter names a badge the same way, so that the LinkedIn link
 * made today points at the page the site exporter writes, and a file
 * exported twice gets the same name.  Names are derived from untrusted
 * badge text: only lowercase ASCII letters, digits and '-' survive, and
 * a part of the badge's id in the collection keeps them unique.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-export-paths.h"

G_DEFINE_QUARK (credence-export-error-quark, credence_export_error)

/* Characters of the name kept in a slug, before the id. */
#define SLUG_NAME_LENGTH 48
/* Characters of the collection id appended. */
#define SLUG_ID_LENGTH   12

/**
 * credence_export_badge_slug:
 * @uid: the badge's id in the collection
 * @name: (nullable): the badge's name
 *
 * A file name stem for the badge: its name in lowercase ASCII (accents
 * dropped, anything else turned into single dashes, at most 48
 * characters) then a dash and the first 12 characters of @uid, e.g.
 * `sql-basics-0f3a9c21b4d7`.  Never empty, never starts with a dot or a
 * dash, never holds a path separator.
 *
 * Returns: (transfer full): the slug
 */
char *
credence_export_badge_slug (const char *uid,
                            const char *name)
{
  g_autofree char *ascii = NULL;
  GString *slug = g_string_new (NULL);
  gsize id_chars = 0;

  g_return_val_if_fail (uid != NULL, NULL);

  if (name != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (name, -1);

      ascii = g_str_to_ascii (valid, "C");
    }

  for (const char *p = ascii; p != NULL && *p != '\0' && slug->len < SLUG_NAME_LENGTH; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "badge");

  g_string_append_c (slug, '-');
  for (const char *p = uid; *p != '\0' && id_chars < SLUG_ID_LENGTH; p++)
    if (g_ascii_isalnum (*p))
      {
        g_string_append_c (slug, g_ascii_tolower (*p));
        id_chars++;
      }
  if (id_chars == 0)
    g_string_append (slug, "0");

  return g_string_free (slug, FALSE);
}

/**
 * credence_export_badge_page_path:
 * @uid: the badge's id in the collection
 * @name: (nullable): the badge's name
 *
 * Where the portfolio site puts the badge's page, relative to the site's
 * root: `badges/SLUG.html`.
 *
 * Returns: (transfer full): the relative path, with '/' separators
 */
char *
credence_export_badge_page_path (const char *uid,
                                 const char *name)
{
  g_autofree char *slug = credence_export_badge_slug (uid, name);

  return g_strdup_printf ("badges/%s.html", slug);
}

/**
 * credence_export_is_public_url:
 * @url: (nullable): an address
 *
 * Returns: %TRUE when @url is an absolute `http` or `https` URL with a
 *   host name, without user information: something a social site can
 *   open.  `file:`, `data:`, `javascript:`, relative paths are not.
 */
gboolean
credence_export_is_public_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL)
    return FALSE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return FALSE;

  return g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0' && g_uri_get_userinfo (uri) == NULL;
}

/**
 * credence_export_badge_page_url:
 * @base_url: where the portfolio site is published
 * @uid: the badge's id in the collection
 * @name: (nullable): the badge's name
 * @error: return location for a %CREDENCE_EXPORT_ERROR
 *
 * The public address of the badge's page: @base_url (a '/' added when it
 * does not end with one) then credence_export_badge_page_path().
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL when @base_url
 *   is not a public http(s) address
 */
char *
credence_export_badge_page_url (const char  *base_url,
                                const char  *uid,
                                const char  *name,
                                GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (uid != NULL, NULL);

  if (!credence_export_is_public_url (base_url))
    {
      g_set_error (error, CREDENCE_EXPORT_ERROR, CREDENCE_EXPORT_ERROR_NOT_PUBLIC,
                   _("“%s” is not a public web address: give the http:// or https:// address your portfolio site is published at."),
                   base_url != NULL ? base_url : "");
      return NULL;
    }
  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, CREDENCE_EXPORT_ERROR, CREDENCE_EXPORT_ERROR_NOT_PUBLIC,
                   _("The portfolio address “%s” must not have a query (?…) or a fragment (#…)."),
                   base_url);
      return NULL;
    }

  path = credence_export_badge_page_path (uid, name);
  return g_strconcat (base_url, g_str_has_suffix (base_url, "/") ? "" : "/", path, NULL);
}
