/* jsonld-suite.h: running the W3C JSON-LD API test suite from its
 * manifests (shared by test-jsonld-expand and test-jsonld-tordf).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "credence-jsonld.h"

G_BEGIN_DECLS

#define JSONLD_SUITE_BASE "https://w3c.github.io/json-ld-api/tests/"

typedef struct
{
  JsonObject            *entry;        /* the manifest entry */
  const char            *id;           /* "#t0001" */
  char                  *input_url;
  CredenceJsonldOptions  options;
  JsonNode              *expand_context;
  const char            *expect;       /* path relative to tests/, or NULL */
  const char            *error_code;   /* expected error code, or NULL */
  const char            *skip;         /* why the test is skipped, or NULL */
} JsonldSuiteTest;

JsonNode        *jsonld_suite_load_json    (const char  *path,
                                            GError     **error);
char            *jsonld_suite_path         (const char  *relative);
CredenceJsonld  *jsonld_suite_processor    (void);
GPtrArray       *jsonld_suite_read         (const char  *manifest);
JsonNode        *jsonld_suite_load_input   (const JsonldSuiteTest *test);
gboolean         jsonld_suite_isomorphic   (CredenceRdfDataset    *a,
                                            CredenceRdfDataset    *b);
gboolean         jsonld_suite_check_outcome (const JsonldSuiteTest *test,
                                            const GError          *error);
gboolean         jsonld_suite_check_error  (const JsonldSuiteTest *test,
                                            const GError          *error);

G_END_DECLS
