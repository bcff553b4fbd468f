/* credence-cli.c: the headless front end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "credence-cli.h"

static const CredenceCliCommand commands[] = {
  { "backup", N_("Write the collection to one encrypted file"), credence_cli_backup },
  { "canon", N_("Canonicalize an N-Quads file with RDFC-1.0"), credence_cli_canon },
  { "collection", N_("Group badges into ordered collections and choose what they share"), credence_cli_collection },
  { "export", N_("Export the portfolio website and other copies of your badges"), credence_cli_export },
  { "help", N_("Show help for Credence or one of its commands"), credence_cli_help },
  { "identity", N_("List, add or remove the addresses your badges are issued to"), credence_cli_identity },
  { "import", N_("Add badges to the collection, verified"), credence_cli_import },
  { "inspect", N_("Show what a badge file holds, without verifying it"), credence_cli_inspect },
  { "linkedin", N_("Print a LinkedIn link to add a badge to your profile or share it"), credence_cli_linkedin },
  { "list", N_("List the badges in the collection"), credence_cli_list },
  { "passphrase", N_("Set or change the collection’s passphrase, or go back to the keyring"), credence_cli_passphrase },
  { "pathway", N_("Import, export and follow learning pathways"), credence_cli_pathway },
  { "remove", N_("Remove badges from the collection"), credence_cli_remove },
  { "restore", N_("Restore a backup into the collection"), credence_cli_restore },
  { "reverify", N_("Verify badges of the collection again"), credence_cli_reverify },
  { "show", N_("Show a badge, its verification history and documents"), credence_cli_show },
  { "to-rdf", N_("Print the RDF of a JSON-LD document as N-Quads"), credence_cli_to_rdf },
  { "verify", N_("Check badges: signature, issuer, revocation, dates, recipient"), credence_cli_verify },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: credence-cli [--version] [--help] [--data-dir DIR] COMMAND [ARGS…]"));
  fprintf (out, "%s\n\n", _("Keep, check and share Open Badges from the command line."));
  fprintf (out, "%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “credence-cli COMMAND --help” for a command’s options."));
}

int
credence_cli_help (int    argc,
                   char **argv)
{
  if (argc > 1)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
        if (g_strcmp0 (argv[1], commands[i].name) == 0 && commands[i].run != credence_cli_help)
          {
            char *sub_argv[] = { argv[1], (char *)"--help", NULL };

            return commands[i].run (2, sub_argv);
          }
    }

  print_usage (stdout);
  return CREDENCE_CLI_EXIT_OK;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options before the command. */
  while (argc >= 2 && (strcmp (argv[1], "--data-dir") == 0 ||
                       g_str_has_prefix (argv[1], "--data-dir=")))
    {
      const char *dir;
      int used = 1;

      if (argv[1][10] == '=')
        dir = argv[1] + 11;
      else if (argc >= 3)
        {
          dir = argv[2];
          used = 2;
        }
      else
        {
          fprintf (stderr, "%s\n", _("credence-cli: --data-dir needs a folder"));
          return CREDENCE_CLI_EXIT_USAGE;
        }

      /* The store reads its folder from CREDENCE_DATA_DIR. */
      g_setenv ("CREDENCE_DATA_DIR", dir, TRUE);
      argv[used] = argv[0];
      argv += used;
      argc -= used;
    }

  if (argc < 2)
    {
      print_usage (stderr);
      return CREDENCE_CLI_EXIT_USAGE;
    }

  if (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "-V") == 0)
    {
      printf ("credence-cli %s\n", PACKAGE_VERSION);
      return CREDENCE_CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_usage (stdout);
      return CREDENCE_CLI_EXIT_OK;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  if (argv[1][0] == '-')
    fprintf (stderr, _("credence-cli: unknown option “%s”\n"), argv[1]);
  else
    fprintf (stderr, _("credence-cli: unknown command “%s”\n"), argv[1]);
  fprintf (stderr, "%s\n", _("Run “credence-cli --help” to see the commands."));

  return CREDENCE_CLI_EXIT_USAGE;
}
