/* fuzz-jsonld.c: JSON-LD to RDF with only the bundled contexts (no
 * network), then the result as N-Quads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-fuzz"

#include "config.h"

#include "credence-jsonld.h"
#include "credence-payload.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* One processor for every input, as the app has: its caches are part of
   * what is tested, and the bundled contexts are processed once.
   */
  static CredenceJsonld *processor;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(CredenceRdfDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  CredenceJsonldOptions options = { 0 };

  if (processor == NULL)
    processor = credence_jsonld_new (credence_jsonld_load_bundled, NULL, NULL);

  document = credence_payload_parse_json ((const char *) data, size, NULL);
  if (document == NULL)
    return 0;

  options.document_url = "https://example.org/badge.json";
  dataset = credence_jsonld_to_rdf (processor, document, &options, &error);
  if (dataset == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_free (credence_rdf_dataset_to_nquads (dataset));

  return 0;
}
