/* credence-cli-export-files.c: credence-cli export files — placeholder,
 * filled in below.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include "credence-cli.h"

int
credence_cli_export_files (int    argc,
                           char **argv)
{
  return CREDENCE_CLI_EXIT_USAGE;
}
