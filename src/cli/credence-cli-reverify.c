/* credence-cli-reverify.c: credence-cli reverify — verify badges of the
 * collection again, offline from their pinned documents or online.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "credence-cli.h"
#include "credence-cli-store.h"
#include "credence-importer.h"

int
credence_cli_reverify (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(CredenceVerifier) verifier = NULL;
  g_autoptr(CredenceImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) url_maps = NULL;
  gboolean offline = FALSE;
  gboolean json = FALSE;
  gboolean all = FALSE;
  int passphrase_fd = -1;
  int jobs = 0;
  GOptionEntry entries[] = {
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline, N_("Use only the documents pinned when the badges were verified"), NULL },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Every badge of the collection (the default without ids)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON line per badge"), NULL },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Verify N badges at once (default: one per core)"), "N" },
    { "url-map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &url_maps, N_("Read URLs starting with PREFIX from the folder DIR"), N_("PREFIX=DIR") },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_("Read the collection’s passphrase from file descriptor N"), "N" },
    { NULL },
  };

  context = g_option_context_new (_("[ID…]"));
  g_option_context_set_summary (context,
                                _("Verify badges of your collection again and record the result in "
                                  "their history. Online, documents are fetched afresh and what "
                                  "changed is shown; with --offline only the pinned documents are used."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || jobs < 0 || (all && argc > 1))
    {
      fprintf (stderr, "credence-cli reverify: %s\n",
               error != NULL ? error->message : _("give badge ids or --all, not both"));
      return CREDENCE_CLI_EXIT_USAGE;
    }

  store = credence_cli_open_store (passphrase_fd, &error);
  if (store == NULL)
    return credence_cli_report_error (error);

  verifier = credence_cli_make_verifier (store, offline, url_maps, &error);
  if (verifier == NULL)
    return credence_cli_report_error (error);

  importer = credence_importer_new (store, verifier);
  credence_importer_set_jobs (importer, (guint) jobs);

  if (argc < 2)
    {
      if (!credence_importer_add_reverify_all (importer, &error))
        return credence_cli_report_error (error);
    }
  else
    for (int i = 1; i < argc; i++)
      {
        g_autofree char *uid = credence_cli_resolve_badge (store, argv[i], &error);

        if (uid == NULL)
          return credence_cli_report_error (error);
        credence_importer_add_reverify (importer, uid);
      }

  return credence_cli_run_importer (importer, json);
}
