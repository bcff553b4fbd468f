/* credence-cli-restore.c: credence-cli restore — merge a backup into the
 * collection, or replace the collection with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "credence-cli.h"
#include "credence-cli-store.h"
#include "credence-passphrase.h"

int
credence_cli_restore (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *question = NULL;
  char *passphrase;
  gboolean merge = FALSE;
  gboolean replace = FALSE;
  gboolean yes = FALSE;
  int passphrase_fd = -1;
  int backup_fd = -1;
  gint64 before;
  gboolean ok;
  GOptionEntry entries[] = {
    { "merge", 0, 0, G_OPTION_ARG_NONE, &merge, N_("Add the backup’s badges to the collection (the default)"), NULL },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace, N_("Replace the whole collection with the backup"), NULL },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask for confirmation"), NULL },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_("Read the collection’s passphrase from file descriptor N"), "N" },
    { "backup-passphrase-fd", 0, 0, G_OPTION_ARG_INT, &backup_fd, N_("Read the backup’s passphrase from file descriptor N"), "N" },
    { NULL },
  };

  context = g_option_context_new (_("FILE"));
  g_option_context_set_summary (context, _("Restore a backup written by “credence-cli backup”."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || (merge && replace))
    {
      fprintf (stderr, "credence-cli restore: %s\n",
               error != NULL ? error->message
                             : merge && replace ? _("choose --merge or --replace, not both")
                                                : _("give the backup file"));
      return CREDENCE_CLI_EXIT_USAGE;
    }

  store = credence_cli_open_store (passphrase_fd, &error);
  if (store == NULL)
    return credence_cli_report_error (error);

  before = credence_store_count_badges (store, NULL);
  if (replace)
    question = g_strdup_printf (_("Replace your collection of %" G_GINT64_FORMAT
                                  " badges with the backup “%s”?"), before, argv[1]);
  else
    question = g_strdup_printf (_("Add the badges of the backup “%s” to your collection?"), argv[1]);

  if (!yes && !credence_cli_confirm (question))
    {
      fprintf (stderr, "%s\n", _("Nothing was restored. Give --yes to restore without a question."));
      return CREDENCE_CLI_EXIT_NO;
    }

  passphrase = credence_cli_read_passphrase (backup_fd, _("Passphrase of the backup: "), NULL, &error);
  if (passphrase == NULL)
    return credence_cli_report_error (error);

  ok = credence_store_restore (store, argv[1], passphrase,
                               replace ? CREDENCE_STORE_RESTORE_REPLACE : CREDENCE_STORE_RESTORE_MERGE,
                               &error);
  credence_passphrase_wipe_free (passphrase);
  if (!ok)
    return credence_cli_report_error (error);

  printf (_("Restored: your collection now holds %" G_GINT64_FORMAT " badges.\n"),
          credence_store_count_badges (store, NULL));

  return CREDENCE_CLI_EXIT_OK;
}
