/* credence-cli-passphrase.c: credence-cli passphrase — protect the
 * collection with a passphrase, change it, or go back to the keyring.
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
credence_cli_passphrase (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *passphrase;
  int passphrase_fd = -1;
  int new_passphrase_fd = -1;
  gboolean use_keyring = FALSE;
  gboolean had_passphrase;
  gboolean ok;
  GOptionEntry entries[] = {
    { "use-keyring", 0, 0, G_OPTION_ARG_NONE, &use_keyring, N_("Drop the passphrase: keep a random key in the keyring instead"), NULL },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_("Read the collection’s current passphrase from file descriptor N"), "N" },
    { "new-passphrase-fd", 0, 0, G_OPTION_ARG_INT, &new_passphrase_fd, N_("Read the new passphrase from file descriptor N"), "N" },
    { NULL },
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Protect your collection with a passphrase you choose, or change "
                                  "its passphrase; with --use-keyring, go back to a random key kept "
                                  "in the keyring.  The collection is encrypted again with the new "
                                  "key; a wrong current passphrase changes nothing."));
  g_option_context_set_description (context,
                                    _("Passphrases are asked on the terminal (a new one twice), or read "
                                      "as one line from --passphrase-fd (the current one) and "
                                      "--new-passphrase-fd (the new one); never from the command line "
                                      "or the environment."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 1 ||
      (use_keyring && new_passphrase_fd >= 0))
    {
      fprintf (stderr, "credence-cli passphrase: %s\n",
               error != NULL ? error->message :
               argc != 1 ? _("this command takes no arguments")
                         : _("--use-keyring takes no new passphrase"));
      return CREDENCE_CLI_EXIT_USAGE;
    }

  had_passphrase = credence_store_uses_passphrase (NULL);
  if (use_keyring && !had_passphrase)
    {
      printf ("%s\n", _("Your collection already uses a key kept in the keyring."));
      return CREDENCE_CLI_EXIT_OK;
    }

  /* The current passphrase first: a wrong one stops here, before any
   * file is touched.
   */
  store = credence_cli_open_store (passphrase_fd, &error);
  if (store == NULL)
    return credence_cli_report_error (error);

  if (use_keyring)
    {
      if (!credence_store_use_keyring (store, NULL, &error))
        return credence_cli_report_error (error);
      printf ("%s\n", _("Your collection now uses a key kept in the keyring; "
                        "it no longer has a passphrase."));
      return CREDENCE_CLI_EXIT_OK;
    }

  passphrase = credence_cli_read_passphrase (new_passphrase_fd,
                                             _("New passphrase for your collection: "),
                                             _("Type it again: "), &error);
  if (passphrase == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        {
          g_clear_error (&error);
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("A new passphrase is needed: run the command on a terminal, "
                         "or give it on a file descriptor with --new-passphrase-fd N."));
        }
      return credence_cli_report_error (error);
    }

  ok = credence_store_set_passphrase (store, passphrase, NULL, &error);
  credence_passphrase_wipe_free (passphrase);
  if (!ok)
    return credence_cli_report_error (error);

  printf ("%s\n", had_passphrase ? _("Changed the passphrase of your collection.")
                                 : _("Your collection is now protected by your passphrase; "
                                     "its key is no longer in the keyring."));

  return CREDENCE_CLI_EXIT_OK;
}
