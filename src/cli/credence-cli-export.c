/* credence-cli-export.c: credence-cli export — the portfolio site and the
 * other ways badges leave the collection, one sub-command each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "credence-cli.h"

/* Add a sub-command here, in alphabetical order. */
static const CredenceCliCommand export_commands[] = {
  { "bundle", N_("Write badges, their documents and checks to one file another Credence verifies offline"), credence_cli_export_bundle },
  { "files", N_("Write every badge as its baked picture and its JSON to a folder"), credence_cli_export_files },
  { "site", N_("Write the portfolio website to a folder"), credence_cli_export_site },
};

static void
print_export_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: credence-cli export WHAT [ARGS…]"));
  fprintf (out, "%s\n", _("What can be exported:"));
  for (gsize i = 0; i < G_N_ELEMENTS (export_commands); i++)
    fprintf (out, "  %-10s %s\n", export_commands[i].name, _(export_commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “credence-cli export WHAT --help” for its options."));
}

int
credence_cli_export (int    argc,
                     char **argv)
{
  if (argc < 2)
    {
      print_export_usage (stderr);
      return CREDENCE_CLI_EXIT_USAGE;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_export_usage (stdout);
      return CREDENCE_CLI_EXIT_OK;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (export_commands); i++)
    if (strcmp (argv[1], export_commands[i].name) == 0)
      return export_commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, _("credence-cli export: unknown kind of export “%s”\n"), argv[1]);
  print_export_usage (stderr);
  return CREDENCE_CLI_EXIT_USAGE;
}
