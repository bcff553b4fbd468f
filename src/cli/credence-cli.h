/* credence-cli.h: what the command files of credence-cli share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes: 0 success; 1 the answer is "no" (not a badge, invalid);
 * 2 usage or read errors; 3 indeterminate.
 */
#define CREDENCE_CLI_EXIT_OK            0
#define CREDENCE_CLI_EXIT_NO            1
#define CREDENCE_CLI_EXIT_USAGE         2
#define CREDENCE_CLI_EXIT_INDETERMINATE 3

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (int    argc,
                    char **argv);
} CredenceCliCommand;

int credence_cli_backup   (int    argc,
                           char **argv);
int credence_cli_canon    (int    argc,
                           char **argv);
int credence_cli_collection (int  argc,
                             char **argv);
int credence_cli_export   (int    argc,
                           char **argv);
int credence_cli_export_bundle (int    argc,
                                char **argv);
int credence_cli_export_files (int    argc,
                               char **argv);
int credence_cli_export_site (int  argc,
                              char **argv);
int credence_cli_help     (int    argc,
                           char **argv);
int credence_cli_identity (int    argc,
                           char **argv);
int credence_cli_inspect  (int    argc,
                           char **argv);
int credence_cli_import   (int    argc,
                           char **argv);
int credence_cli_linkedin (int   argc,
                           char **argv);
int credence_cli_list     (int    argc,
                           char **argv);
int credence_cli_passphrase (int  argc,
                             char **argv);
int credence_cli_pathway  (int    argc,
                           char **argv);
int credence_cli_remove   (int    argc,
                           char **argv);
int credence_cli_restore  (int    argc,
                           char **argv);
int credence_cli_reverify (int    argc,
                           char **argv);
int credence_cli_show     (int    argc,
                           char **argv);
int credence_cli_to_rdf   (int    argc,
                           char **argv);
int credence_cli_verify   (int    argc,
                           char **argv);

G_END_DECLS
