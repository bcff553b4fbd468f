/* credence-cli-remove.c: credence-cli remove — take badges out of the
 * collection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "credence-cli.h"
#include "credence-cli-store.h"
#include "credence-store-pathways.h"

int
credence_cli_remove (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int passphrase_fd = -1;
  int status = CREDENCE_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_("Read the collection’s passphrase from file descriptor N"), "N" },
    { NULL },
  };

  context = g_option_context_new (_("ID…"));
  g_option_context_set_summary (context, _("Remove badges from your collection, with their history."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2)
    {
      fprintf (stderr, "credence-cli remove: %s\n",
               error != NULL ? error->message : _("give at least one badge id"));
      return CREDENCE_CLI_EXIT_USAGE;
    }

  store = credence_cli_open_store (passphrase_fd, &error);
  if (store == NULL)
    return credence_cli_report_error (error);

  for (int i = 1; i < argc; i++)
    {
      g_autofree char *uid = credence_cli_resolve_badge (store, argv[i], &error);

      if (uid == NULL || !credence_store_remove_badge (store, uid, &error))
        {
          status = MAX (status, credence_cli_report_error (error));
          g_clear_error (&error);
          continue;
        }
      printf (_("Removed %s.\n"), uid);
    }

  /* Pathways follow the badges: recompute their progress. */
  if (!credence_store_update_progress (store, &error))
    status = MAX (status, credence_cli_report_error (error));

  return status;
}
