/* credence-linkedin.c: LinkedIn "Add to profile" and share links.
 *
 * LinkedIn's Add-to-profile form is filled from the query of
 * https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME: the
 * certification's name, the organization (by name, or by LinkedIn's
 * numeric organization id when the learner gave one for the issuer), the
 * issue and expiry year and month, the credential's public address and
 * its id.  Every value is untrusted badge text and is percent-encoded
 * (UTF-8, everything but RFC 3986 unreserved characters), so names with
 * '&', '#', '+', quotes or non-ASCII arrive intact.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-linkedin"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "credence-export-paths.h"
#include "credence-linkedin.h"

G_DEFINE_QUARK (credence-linkedin-error-quark, credence_linkedin_error)

#define META_ORGANIZATION_PREFIX "linkedin-organization-id "

static const char *
latest_format (const CredenceStoreBadge *badge)
{
  static const char *formats[] = { "hosted", "signed", "data-integrity", "vc-jwt", "unsigned", "url" };
  CredenceStoreVerification *latest;
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  const char *format;

  if (badge->history == NULL || badge->history->len == 0)
    return NULL;
  latest = g_ptr_array_index (badge->history, badge->history->len - 1);
  if (latest->report == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, latest->report, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  format = json_object_get_string_member_with_default (json_node_get_object (root), "format", NULL);
  for (gsize i = 0; format != NULL && i < G_N_ELEMENTS (formats); i++)
    if (strcmp (format, formats[i]) == 0)
      return formats[i];

  return NULL;
}

/* A badge whose assertion its issuer hosts at its id (Open Badges 0.5 to
 * 2.0, hosted verification).
 */
static gboolean
is_hosted (const CredenceStoreBadge *badge)
{
  const char *format = latest_format (badge);

  if (!credence_export_is_public_url (badge->credential_id))
    return FALSE;
  if (format != NULL)
    return strcmp (format, "hosted") == 0 || strcmp (format, "url") == 0;

  return g_strcmp0 (badge->spec_version, "3.0") != 0 && g_strcmp0 (badge->container, "jws") != 0;
}

/**
 * credence_linkedin_dup_public_url:
 * @badge: a badge of the collection
 * @base_url: (nullable): where the learner's portfolio site is published
 * @error: return location for a #GError
 *
 * The address LinkedIn should link to: the badge's page on the portfolio
 * site when @base_url is given (credence_export_badge_page_url()), else
 * the issuer's hosted copy of the assertion when it is a public http(s)
 * address.
 *
 * Returns: (transfer full) (nullable): the public address, or %NULL with
 *   %CREDENCE_LINKEDIN_ERROR_NO_PUBLIC_URL (or a %CREDENCE_EXPORT_ERROR
 *   when @base_url is not public)
 */
char *
credence_linkedin_dup_public_url (const CredenceStoreBadge  *badge,
                                  const char                *base_url,
                                  GError                   **error)
{
  g_return_val_if_fail (badge != NULL, NULL);
  g_return_val_if_fail (badge->uid != NULL, NULL);

  if (base_url != NULL && base_url[0] != '\0')
    return credence_export_badge_page_url (base_url, badge->uid, badge->name, error);

  if (is_hosted (badge))
    return g_strdup (badge->credential_id);

  g_set_error_literal (error, CREDENCE_LINKEDIN_ERROR, CREDENCE_LINKEDIN_ERROR_NO_PUBLIC_URL,
                       _("This badge has no public web address LinkedIn could link to: its issuer "
                         "does not host it on the web. Publish your portfolio site and give its "
                         "address, so the link points at the badge’s page there."));
  return NULL;
}

/* Year and month of an ISO 8601 date as written ("2024-05-12T…"), without
 * time zone conversion: the date the issuer meant.
 */
static gboolean
parse_year_month (const char *date,
                  guint      *year,
                  guint      *month)
{
  if (date == NULL || strlen (date) < 7)
    return FALSE;
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (date[i]))
      return FALSE;
  if (date[4] != '-' || !g_ascii_isdigit (date[5]) || !g_ascii_isdigit (date[6]))
    return FALSE;
  *year = (guint) g_ascii_strtoull (date, NULL, 10);
  *month = (guint) ((date[5] - '0') * 10 + (date[6] - '0'));

  return *year > 0 && *month >= 1 && *month <= 12;
}

static void
append_param (GString    *url,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || value[0] == '\0')
    return;
  escaped = g_uri_escape_string (value, NULL, FALSE);
  g_string_append_printf (url, "&%s=%s", name, escaped);
}

static void
append_date (GString    *url,
             const char *year_name,
             const char *month_name,
             const char *date)
{
  guint year, month;
  char text[16];

  if (!parse_year_month (date, &year, &month))
    return;
  g_snprintf (text, sizeof text, "%u", year);
  append_param (url, year_name, text);
  g_snprintf (text, sizeof text, "%u", month);
  append_param (url, month_name, text);
}

static gboolean
is_organization_id (const char *id)
{
  if (id == NULL || id[0] == '\0' || strlen (id) > 20)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

/**
 * credence_linkedin_add_to_profile_url:
 * @badge: a badge of the collection
 * @organization_id: (nullable): LinkedIn's numeric id of the issuing
 *   organization; when %NULL the issuer's name is sent instead
 * @cert_url: (nullable): the public address of the badge
 *   (credence_linkedin_dup_public_url())
 * @error: return location for a %CREDENCE_LINKEDIN_ERROR
 *
 * The Add-to-profile address, with the parameters in a fixed order:
 * `startTask`, `name`, `organizationId` or `organizationName`,
 * `issueYear`, `issueMonth`, `expirationYear`, `expirationMonth`,
 * `certUrl`, `certId`.  Parameters without a value are left out.
 *
 * Returns: (transfer full) (nullable): the address
 */
char *
credence_linkedin_add_to_profile_url (const CredenceStoreBadge  *badge,
                                      const char                *organization_id,
                                      const char                *cert_url,
                                      GError                   **error)
{
  GString *url;

  g_return_val_if_fail (badge != NULL, NULL);

  if (badge->name == NULL || badge->name[0] == '\0')
    {
      g_set_error_literal (error, CREDENCE_LINKEDIN_ERROR, CREDENCE_LINKEDIN_ERROR_INVALID,
                           _("This badge has no name to show on LinkedIn."));
      return NULL;
    }
  if (organization_id != NULL && !is_organization_id (organization_id))
    {
      g_set_error (error, CREDENCE_LINKEDIN_ERROR, CREDENCE_LINKEDIN_ERROR_INVALID,
                   _("“%s” is not a LinkedIn organization id: it is the number in the address of the organization’s LinkedIn page."),
                   organization_id);
      return NULL;
    }
  if (cert_url != NULL && !credence_export_is_public_url (cert_url))
    {
      g_set_error (error, CREDENCE_LINKEDIN_ERROR, CREDENCE_LINKEDIN_ERROR_NO_PUBLIC_URL,
                   _("“%s” is not a public web address, so LinkedIn could not open it."), cert_url);
      return NULL;
    }

  url = g_string_new (CREDENCE_LINKEDIN_ADD_URL "?startTask=CERTIFICATION_NAME");
  append_param (url, "name", badge->name);
  if (organization_id != NULL)
    append_param (url, "organizationId", organization_id);
  else
    append_param (url, "organizationName", badge->issuer_name);
  append_date (url, "issueYear", "issueMonth", badge->issued_on);
  append_date (url, "expirationYear", "expirationMonth", badge->expires_on);
  append_param (url, "certUrl", cert_url);
  append_param (url, "certId", badge->credential_id);

  return g_string_free (url, FALSE);
}

/**
 * credence_linkedin_share_url:
 * @public_url: the badge's public page
 * @error: return location for a %CREDENCE_LINKEDIN_ERROR
 *
 * Returns: (transfer full) (nullable): LinkedIn's share address for
 *   @public_url, or %NULL when it is not a public http(s) address
 */
char *
credence_linkedin_share_url (const char  *public_url,
                             GError     **error)
{
  g_autofree char *escaped = NULL;

  if (!credence_export_is_public_url (public_url))
    {
      g_set_error (error, CREDENCE_LINKEDIN_ERROR, CREDENCE_LINKEDIN_ERROR_NO_PUBLIC_URL,
                   _("“%s” is not a public web address, so LinkedIn could not open it."),
                   public_url != NULL ? public_url : "");
      return NULL;
    }
  escaped = g_uri_escape_string (public_url, NULL, FALSE);

  return g_strconcat (CREDENCE_LINKEDIN_SHARE_URL "?url=", escaped, NULL);
}

/**
 * credence_linkedin_dup_organization_id:
 * @store: the collection
 * @issuer: the issuer's id or web site (#CredenceStoreBadge.issuer_url)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the LinkedIn organization id the
 *   learner gave for @issuer, or %NULL (without @error) when none
 */
char *
credence_linkedin_dup_organization_id (CredenceStore  *store,
                                       const char     *issuer,
                                       GError        **error)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (CREDENCE_IS_STORE (store), NULL);

  if (issuer == NULL)
    return NULL;
  key = g_strconcat (META_ORGANIZATION_PREFIX, issuer, NULL);
  value = credence_store_dup_meta (store, key, error);
  if (value == NULL || value[0] == '\0')
    return NULL;

  return g_steal_pointer (&value);
}

/**
 * credence_linkedin_set_organization_id:
 * @store: the collection
 * @issuer: the issuer's id or web site (#CredenceStoreBadge.issuer_url)
 * @organization_id: (nullable): LinkedIn's numeric organization id, or
 *   %NULL or "" to forget it
 * @error: return location for a #GError
 *
 * Remembers, inside the encrypted collection, which LinkedIn organization
 * @issuer is, so that Add-to-profile links name it by id.
 */
gboolean
credence_linkedin_set_organization_id (CredenceStore  *store,
                                       const char     *issuer,
                                       const char     *organization_id,
                                       GError        **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CREDENCE_IS_STORE (store), FALSE);
  g_return_val_if_fail (issuer != NULL, FALSE);

  if (organization_id != NULL && organization_id[0] == '\0')
    organization_id = NULL;
  if (organization_id != NULL && !is_organization_id (organization_id))
    {
      g_set_error (error, CREDENCE_LINKEDIN_ERROR, CREDENCE_LINKEDIN_ERROR_INVALID,
                   _("“%s” is not a LinkedIn organization id: it is the number in the address of the organization’s LinkedIn page."),
                   organization_id);
      return FALSE;
    }
  key = g_strconcat (META_ORGANIZATION_PREFIX, issuer, NULL);

  return credence_store_set_meta (store, key, organization_id, error);
}
