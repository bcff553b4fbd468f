/* credence-cli-identity.c: credence-cli identity — the addresses badges
 * are issued to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "credence-cli.h"
#include "credence-cli-store.h"

static int
usage_error (const char *message)
{
  fprintf (stderr, "credence-cli identity: %s\n", message);
  fprintf (stderr, "%s\n", _("Usage: credence-cli identity [list [--json] | add [--primary] ADDRESS | "
                             "remove ADDRESS | primary ADDRESS]"));
  return CREDENCE_CLI_EXIT_USAGE;
}

static int
list_identities (CredenceStore *store,
                 gboolean       json)
{
  g_autoptr(GPtrArray) identities = NULL;
  g_autoptr(GError) error = NULL;

  identities = credence_store_list_identities (store, &error);
  if (identities == NULL)
    return credence_cli_report_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < identities->len; i++)
        {
          CredenceStoreIdentity *identity = g_ptr_array_index (identities, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, credence_store_identity_type_to_string (identity->type));
          json_builder_set_member_name (builder, "value");
          json_builder_add_string_value (builder, identity->value);
          json_builder_set_member_name (builder, "primary");
          json_builder_add_boolean_value (builder, identity->primary);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      credence_cli_print_json (root);
      return CREDENCE_CLI_EXIT_OK;
    }

  if (identities->len == 0)
    printf ("%s\n", _("No identity yet. Add the addresses your badges are issued to with "
                      "“credence-cli identity add ADDRESS”."));

  for (guint i = 0; i < identities->len; i++)
    {
      CredenceStoreIdentity *identity = g_ptr_array_index (identities, i);

      printf ("%-10s %s%s\n", credence_store_identity_type_to_string (identity->type),
              identity->value, identity->primary ? _(" (primary)") : "");
    }

  return CREDENCE_CLI_EXIT_OK;
}

int
credence_cli_identity (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  CredenceStoreIdentityType type;
  const char *action;
  gboolean json = FALSE;
  gboolean primary = FALSE;
  int passphrase_fd = -1;
  gboolean ok;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("List as a JSON array"), NULL },
    { "primary", 0, 0, G_OPTION_ARG_NONE, &primary, N_("Make the added address the primary one"), NULL },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_("Read the collection’s passphrase from file descriptor N"), "N" },
    { NULL },
  };

  context = g_option_context_new (_("[list | add ADDRESS | remove ADDRESS | primary ADDRESS]"));
  g_option_context_set_summary (context,
                                _("Manage your identities: the email addresses, web pages, phone "
                                  "numbers and DIDs your badges are issued to."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);

  action = argc > 1 ? argv[1] : "list";
  if (strcmp (action, "list") == 0)
    {
      if (argc > 2)
        return usage_error (_("list takes no address"));
    }
  else if (strcmp (action, "add") == 0 || strcmp (action, "remove") == 0 ||
           strcmp (action, "primary") == 0)
    {
      if (argc != 3)
        return usage_error (_("give one address"));
      if (!credence_store_identity_parse (argv[2], &type, &value))
        return usage_error (_("this is not an email address, a web address, a phone number or a DID"));
    }
  else
    return usage_error (_("unknown action"));

  store = credence_cli_open_store (passphrase_fd, &error);
  if (store == NULL)
    return credence_cli_report_error (error);

  if (strcmp (action, "list") == 0)
    return list_identities (store, json);

  if (strcmp (action, "remove") == 0)
    ok = credence_store_remove_identity (store, type, value, &error);
  else
    ok = credence_store_add_identity (store, type, value,
                                      primary || strcmp (action, "primary") == 0, &error);

  if (!ok)
    return credence_cli_report_error (error);

  return CREDENCE_CLI_EXIT_OK;
}
