/* credence-cli-export-bundle.c: credence-cli export bundle — badges with
 * their documents and verification history in one file that another
 * Credence verifies offline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "credence-bundle.h"
#include "credence-cli.h"
#include "credence-cli-store.h"
#include "credence-store-pathways.h"

/* The badges of the chosen collections, then the named badges, in order;
 * every badge when nothing is chosen (NULL).
 */
static GStrv
choose_badges (CredenceStore  *store,
               char          **collections,
               int             argc,
               char          **argv,
               GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if ((collections == NULL || collections[0] == NULL) && argc < 2)
    return NULL;

  for (guint i = 0; collections != NULL && collections[i] != NULL; i++)
    {
      g_autoptr(CredenceCollection) collection = credence_store_get_collection (store, collections[i], error);
      g_auto(GStrv) items = NULL;

      if (collection == NULL)
        return NULL;
      items = credence_collection_dup_items (collection);
      g_strv_builder_addv (builder, (const char **) items);
    }
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *uid = credence_cli_resolve_badge (store, argv[i], error);

      if (uid == NULL)
        return NULL;
      g_strv_builder_add (builder, uid);
    }

  return g_strv_builder_end (builder);
}

int
credence_cli_export_bundle (int    argc,
                            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(CredenceBundle) bundle = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) collections = NULL;
  g_auto(GStrv) uids = NULL;
  g_autofree char *path = NULL;
  int passphrase_fd = -1;
  guint n;
  GOptionEntry entries[] = {
    { "collection", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &collections,
      N_("Put in the badges of this collection (repeatable)"), N_("NAME") },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_("Read the collection’s passphrase from file descriptor N"), "N" },
    { NULL },
  };

  context = g_option_context_new (_("FILE [BADGE…] — write a bundle of badges"));
  g_option_context_set_summary (context,
                                _("Writes the chosen badges (every badge when none is chosen) to one "
                                  "file: their original files, the issuer documents they were verified "
                                  "with and their verification history. Another Credence checks it "
                                  "without network (credence-cli verify --offline FILE) and imports it "
                                  "(credence-cli import FILE). The file holds the addresses your badges "
                                  "were issued to: share it with care."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2)
    {
      fprintf (stderr, "credence-cli export bundle: %s\n",
               error != NULL ? error->message : _("name the bundle file to write"));
      return CREDENCE_CLI_EXIT_USAGE;
    }
  path = g_strdup (argv[1]);

  store = credence_cli_open_store (passphrase_fd, &error);
  if (store == NULL)
    return credence_cli_report_error (error);

  uids = choose_badges (store, collections, argc - 1, argv + 1, &error);
  if (uids == NULL && error != NULL)
    return credence_cli_report_error (error);

  bundle = credence_bundle_new_from_store (store, (const char * const *) uids, NULL, &error);
  if (bundle == NULL)
    return credence_cli_report_error (error);

  file = g_file_new_for_commandline_arg (path);
  if (!credence_bundle_save (bundle, file, NULL, NULL, &error))
    {
      fprintf (stderr, "credence-cli export bundle: %s\n", error->message);
      return CREDENCE_CLI_EXIT_USAGE;
    }

  n = credence_bundle_get_n_badges (bundle);
  printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %u badge to %s\n", "Wrote %u badges to %s\n", n), n, path);
  return CREDENCE_CLI_EXIT_OK;
}
