/* fuzz-bundle.c: Credence bundles.  A bundle that reads writes back (its
 * intact badges) to a bundle that reads to the same badges.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-fuzz"

#include "config.h"

#include "credence-bundle.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(CredenceBundle) bundle = NULL;
  g_autoptr(CredenceBundle) copy = credence_bundle_new ();
  g_autoptr(CredenceBundle) again = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  guint intact = 0;

  bundle = credence_bundle_new_from_bytes (bytes, &error);
  if (bundle == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_nonnull (credence_bundle_get_exported_at (bundle));

  for (guint i = 0; i < credence_bundle_get_n_badges (bundle); i++)
    {
      const CredenceStoreBadge *badge = credence_bundle_get_badge (bundle, i);
      g_autoptr(CredenceDocumentSet) pins = credence_bundle_dup_documents (bundle, i);

      if (credence_bundle_get_problem (bundle, i) != NULL)
        continue;
      g_assert_nonnull (badge->original);
      credence_bundle_add_badge (copy, badge);
      intact++;
    }

  written = credence_bundle_to_bytes (copy, credence_bundle_get_exported_at (bundle));
  again = credence_bundle_new_from_bytes (written, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (credence_bundle_get_n_badges (again), ==, intact);
  for (guint i = 0; i < intact; i++)
    {
      g_assert_null (credence_bundle_get_problem (again, i));
      g_assert_true (g_bytes_equal (credence_bundle_get_badge (again, i)->original,
                                    credence_bundle_get_badge (copy, i)->original));
    }

  return 0;
}
