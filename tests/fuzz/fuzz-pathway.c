/* fuzz-pathway.c: pathway files.  A file that reads writes back to a file
 * that reads to the same bytes again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-fuzz"

#include "config.h"

#include "credence-pathway.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(CredencePathway) pathway = NULL;
  g_autoptr(CredencePathway) again = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) written_again = NULL;
  g_autoptr(GError) error = NULL;

  pathway = credence_pathway_new_from_bytes (bytes, &error);
  if (pathway == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  credence_pathway_count_steps (pathway);

  written = credence_pathway_to_bytes (pathway);
  again = credence_pathway_new_from_bytes (written, &error);
  g_assert_no_error (error);
  written_again = credence_pathway_to_bytes (again);
  g_assert_true (g_bytes_equal (written, written_again));

  return 0;
}
