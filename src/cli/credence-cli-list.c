/* credence-cli-list.c: credence-cli list — the badges in the collection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "credence-cli.h"
#include "credence-cli-store.h"

int
credence_cli_list (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(GPtrArray) badges = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *search = NULL;
  gboolean json = FALSE;
  int passphrase_fd = -1;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { "search", 's', 0, G_OPTION_ARG_STRING, &search, N_("Only badges whose name, description, issuer or recipient contain TEXT"), N_("TEXT") },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_("Read the collection’s passphrase from file descriptor N"), "N" },
    { NULL },
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("List the badges in your collection, newest first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 1)
    {
      fprintf (stderr, "credence-cli list: %s\n",
               error != NULL ? error->message : _("unexpected argument"));
      return CREDENCE_CLI_EXIT_USAGE;
    }

  store = credence_cli_open_store (passphrase_fd, &error);
  if (store == NULL)
    return credence_cli_report_error (error);

  badges = credence_store_list_badges (store, search, &error);
  if (badges == NULL)
    return credence_cli_report_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < badges->len; i++)
        {
          json_builder_begin_object (builder);
          credence_cli_add_badge_members (builder, g_ptr_array_index (badges, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      credence_cli_print_json (root);

      return CREDENCE_CLI_EXIT_OK;
    }

  if (badges->len == 0)
    {
      printf ("%s\n", search != NULL ? _("No badge matches.") : _("Your collection is empty."));
      return CREDENCE_CLI_EXIT_OK;
    }

  for (guint i = 0; i < badges->len; i++)
    {
      CredenceStoreBadge *badge = g_ptr_array_index (badges, i);

      printf ("%s  %-13s  %s — %s\n", badge->uid,
              badge->verdict != NULL ? badge->verdict : _("unverified"),
              badge->name != NULL ? badge->name : _("(no name)"),
              badge->issuer_name != NULL ? badge->issuer_name : _("(unknown issuer)"));
    }

  return CREDENCE_CLI_EXIT_OK;
}
