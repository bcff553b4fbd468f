/* credence-cli-linkedin.c: credence-cli linkedin — the LinkedIn
 * Add-to-profile or share link of a badge.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "credence-cli.h"
#include "credence-cli-store.h"
#include "credence-export-paths.h"
#include "credence-linkedin.h"

int
credence_cli_linkedin (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(CredenceStoreBadge) badge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *organization_id = NULL;
  g_autofree char *public_url = NULL;
  g_autofree char *url = NULL;
  gboolean share = FALSE;
  gboolean remember = FALSE;
  int passphrase_fd = -1;
  GOptionEntry entries[] = {
    { "share", 0, 0, G_OPTION_ARG_NONE, &share, N_("Print the link that shares the badge’s page in a post"), NULL },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
      N_("The address your portfolio site is published at"), N_("URL") },
    { "remember", 0, 0, G_OPTION_ARG_NONE, &remember,
      N_("Keep --base-url and --organization-id for the next links"), NULL },
    { "organization-id", 0, 0, G_OPTION_ARG_STRING, &organization_id,
      N_("LinkedIn’s number for the badge’s issuer (empty: use the issuer’s name)"), N_("ID") },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_("Read the collection’s passphrase from file descriptor N"), "N" },
    { NULL },
  };

  context = g_option_context_new (_("BADGE — print a LinkedIn link for a badge"));
  g_option_context_set_summary (context,
                                _("Prints the address that opens LinkedIn’s “Add license or certification” "
                                  "form filled in with the badge, or with --share the address that shares "
                                  "its page. The badge’s link is its page on your portfolio site "
                                  "(--base-url) or the copy its issuer hosts on the web."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      fprintf (stderr, "credence-cli linkedin: %s\n",
               error != NULL ? error->message : _("name one badge"));
      return CREDENCE_CLI_EXIT_USAGE;
    }

  store = credence_cli_open_store (passphrase_fd, &error);
  if (store == NULL)
    return credence_cli_report_error (error);
  uid = credence_cli_resolve_badge (store, argv[1], &error);
  if (uid == NULL)
    return credence_cli_report_error (error);
  badge = credence_store_get_badge (store, uid, &error);
  if (badge == NULL)
    return credence_cli_report_error (error);

  if (base_url == NULL)
    base_url = credence_store_dup_meta (store, CREDENCE_EXPORT_META_BASE_URL, NULL);
  else if (base_url[0] != '\0' && !credence_export_is_public_url (base_url))
    {
      g_autofree char *check = credence_export_badge_page_url (base_url, uid, NULL, &error);

      return credence_cli_report_error (error);
    }

  if (organization_id != NULL && badge->issuer_url == NULL && organization_id[0] != '\0')
    {
      fprintf (stderr, "credence-cli linkedin: %s\n",
               _("This badge names no issuer address, so an organization id cannot be kept for it."));
      return CREDENCE_CLI_EXIT_USAGE;
    }

  if (remember)
    {
      if ((base_url != NULL &&
           !credence_store_set_meta (store, CREDENCE_EXPORT_META_BASE_URL,
                                     base_url[0] != '\0' ? base_url : NULL, &error)) ||
          (organization_id != NULL &&
           !credence_linkedin_set_organization_id (store, badge->issuer_url, organization_id, &error)))
        return credence_cli_report_error (error);
    }

  if (organization_id == NULL)
    {
      organization_id = credence_linkedin_dup_organization_id (store, badge->issuer_url, &error);
      if (error != NULL)
        return credence_cli_report_error (error);
    }
  else if (organization_id[0] == '\0')
    g_clear_pointer (&organization_id, g_free);

  public_url = credence_linkedin_dup_public_url (badge, base_url, &error);
  if (public_url == NULL)
    {
      fprintf (stderr, "credence-cli linkedin: %s\n", error->message);
      if (g_error_matches (error, CREDENCE_LINKEDIN_ERROR, CREDENCE_LINKEDIN_ERROR_NO_PUBLIC_URL))
        fprintf (stderr, "%s\n", _("Export your portfolio site (credence-cli export site), publish it, "
                                   "and give its address with --base-url."));
      return CREDENCE_CLI_EXIT_NO;
    }

  if (share)
    url = credence_linkedin_share_url (public_url, &error);
  else
    url = credence_linkedin_add_to_profile_url (badge, organization_id, public_url, &error);
  if (url == NULL)
    {
      fprintf (stderr, "credence-cli linkedin: %s\n", error->message);
      return CREDENCE_CLI_EXIT_USAGE;
    }

  printf ("%s\n", url);
  return CREDENCE_CLI_EXIT_OK;
}
