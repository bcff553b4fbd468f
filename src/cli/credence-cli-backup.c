/* credence-cli-backup.c: credence-cli backup — the whole collection in
 * one encrypted file.
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
credence_cli_backup (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *passphrase;
  int passphrase_fd = -1;
  int backup_fd = -1;
  gboolean ok;
  GOptionEntry entries[] = {
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_("Read the collection’s passphrase from file descriptor N"), "N" },
    { "backup-passphrase-fd", 0, 0, G_OPTION_ARG_INT, &backup_fd, N_("Read the backup’s passphrase from file descriptor N"), "N" },
    { NULL },
  };

  context = g_option_context_new (_("FILE"));
  g_option_context_set_summary (context,
                                _("Write your whole collection to FILE, encrypted with a passphrase "
                                  "you choose. Keep the passphrase: without it the backup cannot be "
                                  "restored."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      fprintf (stderr, "credence-cli backup: %s\n",
               error != NULL ? error->message : _("give the backup file"));
      return CREDENCE_CLI_EXIT_USAGE;
    }

  store = credence_cli_open_store (passphrase_fd, &error);
  if (store == NULL)
    return credence_cli_report_error (error);

  passphrase = credence_cli_read_passphrase (backup_fd, _("Choose a passphrase for the backup: "),
                                             _("Type it again: "), &error);
  if (passphrase == NULL)
    return credence_cli_report_error (error);

  ok = credence_store_backup (store, argv[1], passphrase, &error);
  credence_passphrase_wipe_free (passphrase);
  if (!ok)
    return credence_cli_report_error (error);

  printf (_("Wrote the backup of %" G_GINT64_FORMAT " badges to %s.\n"),
          credence_store_count_badges (store, NULL), argv[1]);

  return CREDENCE_CLI_EXIT_OK;
}
