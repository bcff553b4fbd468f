/* fuzz-nquads.c: the N-Quads parser, serialiser and RDFC-1.0 on any input.
 *
 * Checks, beyond not crashing: a parsed dataset written back as N-Quads
 * parses to the same quads, a canonical form canonicalizes to itself, and
 * URDNA2015 escapes change nothing where no literal holds a control
 * character.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-fuzz"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "credence-rdf.h"
#include "credence-rdfc.h"
#include "fuzz.h"

/* Small, so that poison inputs end quickly. */
#define FUZZ_MAX_WORK 20000


int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CredenceRdfDataset) ds = NULL;
  g_autoptr(CredenceRdfDataset) again = NULL;
  g_autoptr(CredenceRdfDataset) canonical_ds = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *canonical_again = NULL;
  g_autofree char *legacy = NULL;
  g_autoptr(GHashTable) map = NULL;

  ds = credence_rdf_parse_nquads ((const char *) data, size, NULL);
  if (ds == NULL)
    return 0;

  text = credence_rdf_dataset_to_nquads (ds);
  again = credence_rdf_parse_nquads (text, -1, NULL);
  g_assert_nonnull (again);
  text_again = credence_rdf_dataset_to_nquads (again);
  g_assert_cmpstr (text, ==, text_again);

  canonical = credence_rdfc_canonicalize_full (ds, CREDENCE_RDFC_HASH_SHA256, CREDENCE_RDF_ESCAPE_CANONICAL,
                                               FUZZ_MAX_WORK, &map, NULL);
  if (canonical == NULL)
    return 0;
  g_assert_cmpuint (g_hash_table_size (map), <=, 3 * credence_rdf_dataset_get_n_quads (ds));

  canonical_ds = credence_rdf_parse_nquads (canonical, -1, NULL);
  g_assert_nonnull (canonical_ds);
  g_assert_cmpuint (credence_rdf_dataset_get_n_quads (canonical_ds), ==,
                    credence_rdf_dataset_get_n_quads (ds));
  canonical_again = credence_rdfc_canonicalize_full (canonical_ds, CREDENCE_RDFC_HASH_SHA256,
                                                     CREDENCE_RDF_ESCAPE_CANONICAL,
                                                     10 * FUZZ_MAX_WORK, NULL, NULL);
  if (canonical_again != NULL)
    g_assert_cmpstr (canonical, ==, canonical_again);

  legacy = credence_rdfc_canonicalize_full (ds, CREDENCE_RDFC_HASH_SHA256, CREDENCE_RDF_ESCAPE_URDNA2015,
                                            10 * FUZZ_MAX_WORK, NULL, NULL);
  if (legacy != NULL && !credence_rdf_dataset_escapes_differ (ds))
    g_assert_cmpstr (canonical, ==, legacy);

  return 0;
}
