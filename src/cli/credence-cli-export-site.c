/* credence-cli-export-site.c: credence-cli export site — the portfolio
 * website, written to a folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "credence-cli.h"
#include "credence-cli-store.h"
#include "credence-site-exporter.h"

int
credence_cli_export_site (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(CredenceSiteExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) collections = NULL;
  g_auto(GStrv) pathways = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *name = NULL;
  gboolean allow_indexing = FALSE;
  int passphrase_fd = -1;
  GPtrArray *left_out;
  GPtrArray *withheld;
  GOptionEntry entries[] = {
    { "collection", 0, 0, G_OPTION_ARG_STRING_ARRAY, &collections, N_("Export this collection (id or name; repeat, in order). Default: the collections In Portfolio"), "NAME" },
    { "pathway", 0, 0, G_OPTION_ARG_STRING_ARRAY, &pathways, N_("Show this pathway and its progress (id or title; repeat)"), "NAME" },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url, N_("The http(s) address the site will be published at, for link previews"), "URL" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The name shown as the portfolio’s title"), "NAME" },
    { "allow-search-engines", 0, 0, G_OPTION_ARG_NONE, &allow_indexing, N_("Let search engines index the site (they are asked not to by default)"), NULL },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_("Read the collection’s passphrase from file descriptor N"), "N" },
    { NULL },
  };

  context = g_option_context_new (_("FOLDER"));
  g_option_context_set_summary (context,
                                _("Write a static website of your badges to FOLDER (empty, new, or an earlier "
                                  "export, which is replaced): an index page and one page per badge, with "
                                  "link previews. Each badge shows only what its collection discloses; "
                                  "revoked badges are left out."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      fprintf (stderr, "credence-cli export site: %s\n",
               error != NULL ? error->message : _("give the folder to write the site to"));
      return CREDENCE_CLI_EXIT_USAGE;
    }

  store = credence_cli_open_store (passphrase_fd, &error);
  if (store == NULL)
    return credence_cli_report_error (error);

  exporter = credence_site_exporter_new (store);
  for (guint i = 0; collections != NULL && collections[i] != NULL; i++)
    credence_site_exporter_add_collection (exporter, collections[i]);
  for (guint i = 0; pathways != NULL && pathways[i] != NULL; i++)
    credence_site_exporter_add_pathway (exporter, pathways[i]);
  credence_site_exporter_set_owner_name (exporter, name);
  credence_site_exporter_set_allow_indexing (exporter, allow_indexing);
  if (!credence_site_exporter_set_base_url (exporter, base_url, &error))
    {
      fprintf (stderr, "credence-cli export site: %s\n", error->message);
      return CREDENCE_CLI_EXIT_USAGE;
    }

  if (!credence_site_exporter_export (exporter, argv[1], NULL, &error))
    {
      fprintf (stderr, "credence-cli export site: %s\n", error->message);
      return g_error_matches (error, CREDENCE_SITE_ERROR, CREDENCE_SITE_ERROR_WRITE)
             ? CREDENCE_CLI_EXIT_NO : CREDENCE_CLI_EXIT_USAGE;
    }

  {
    guint n = credence_site_exporter_get_n_badges (exporter);
    guint64 bytes = credence_site_exporter_get_bytes_written (exporter);
    g_autofree char *size = g_format_size (bytes);

    printf (g_dngettext (GETTEXT_PACKAGE, "Wrote the portfolio site with %u badge page to %s (%s).\n",
                         "Wrote the portfolio site with %u badge pages to %s (%s).\n", n),
            n, argv[1], size);
  }

  left_out = credence_site_exporter_get_left_out (exporter);
  if (left_out->len > 0)
    {
      printf ("%s\n", _("Left out:"));
      for (guint i = 0; i < left_out->len; i++)
        {
          g_autofree char *line = credence_cli_safe_text (g_ptr_array_index (left_out, i));

          printf ("  %s\n", line);
        }
    }

  withheld = credence_site_exporter_get_files_withheld (exporter);
  if (withheld->len > 0)
    {
      printf ("%s\n", _("Badge data offered instead of the original picture file:"));
      for (guint i = 0; i < withheld->len; i++)
        {
          g_autofree char *line = credence_cli_safe_text (g_ptr_array_index (withheld, i));

          printf ("  %s\n", line);
        }
    }

  return CREDENCE_CLI_EXIT_OK;
}
