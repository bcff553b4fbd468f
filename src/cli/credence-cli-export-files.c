/* credence-cli-export-files.c: credence-cli export files — every badge as
 * its baked picture and its data, in a folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "credence-cli.h"
#include "credence-cli-store.h"
#include "credence-export-files.h"
#include "credence-store-pathways.h"

int
credence_cli_export_files (int    argc,
                           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) collections = NULL;
  g_auto(GStrv) uids = NULL;
  g_autofree char *path = NULL;
  int passphrase_fd = -1;
  guint n = 0;
  GOptionEntry entries[] = {
    { "collection", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &collections,
      N_("Write the badges of this collection (repeatable)"), N_("NAME") },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_("Read the collection’s passphrase from file descriptor N"), "N" },
    { NULL },
  };

  context = g_option_context_new (_("DIR [BADGE…] — write badges as plain files"));
  g_option_context_set_summary (context,
                                _("Writes every chosen badge (all when none is chosen) to the folder DIR "
                                  "as its baked picture, NAME.png or NAME.svg (the original file, or "
                                  "baked now when the badge arrived as JSON or a link), and its data "
                                  "exactly as issued, NAME.json, NAME.jws or NAME.jwt. Any Open Badges "
                                  "backpack or verifier reads them; importing the folder gives the same "
                                  "badges back."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2)
    {
      fprintf (stderr, "credence-cli export files: %s\n",
               error != NULL ? error->message : _("name the folder to write to"));
      return CREDENCE_CLI_EXIT_USAGE;
    }
  path = g_strdup (argv[1]);

  store = credence_cli_open_store (passphrase_fd, &error);
  if (store == NULL)
    return credence_cli_report_error (error);

  for (guint i = 0; collections != NULL && collections[i] != NULL; i++)
    {
      g_autoptr(CredenceCollection) collection = credence_store_get_collection (store, collections[i], &error);
      g_auto(GStrv) items = NULL;

      if (collection == NULL)
        return credence_cli_report_error (error);
      items = credence_collection_dup_items (collection);
      g_strv_builder_addv (builder, (const char **) items);
    }
  for (int i = 2; i < argc; i++)
    {
      g_autofree char *uid = credence_cli_resolve_badge (store, argv[i], &error);

      if (uid == NULL)
        return credence_cli_report_error (error);
      g_strv_builder_add (builder, uid);
    }
  if (collections != NULL || argc > 2)
    uids = g_strv_builder_end (builder);

  folder = g_file_new_for_commandline_arg (path);
  if (!credence_export_files (store, (const char * const *) uids, folder, &n, NULL, &error))
    {
      fprintf (stderr, "credence-cli export files: %s\n", error->message);
      return CREDENCE_CLI_EXIT_USAGE;
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %u badge to %s\n", "Wrote %u badges to %s\n", n), n, path);
  return CREDENCE_CLI_EXIT_OK;
}
