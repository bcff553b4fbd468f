/* credence-jsonld.h: JSON-LD 1.1 expansion and deserialisation to RDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "credence-rdf.h"

G_BEGIN_DECLS

#define CREDENCE_JSONLD_ERROR (credence_jsonld_error_quark ())

/**
 * CredenceJsonldError:
 * @CREDENCE_JSONLD_ERROR_LIMIT_EXCEEDED: a limit of credence-limits.h was
 *   hit (context nesting, number of contexts, document size).
 *
 * Errors of JSON-LD processing.  Every other code is named after the error
 * code of the JSON-LD 1.1 API (§ 9.4.2 JsonLdErrorCode) with the same
 * meaning; credence_jsonld_error_code_to_string() gives that code back.
 */
typedef enum
{
  CREDENCE_JSONLD_ERROR_LIMIT_EXCEEDED,
  CREDENCE_JSONLD_ERROR_COLLIDING_KEYWORDS,
  CREDENCE_JSONLD_ERROR_CONTEXT_OVERFLOW,
  CREDENCE_JSONLD_ERROR_CYCLIC_IRI_MAPPING,
  CREDENCE_JSONLD_ERROR_INVALID_ID_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_IMPORT_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_INCLUDED_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_INDEX_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_NEST_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_PREFIX_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_PROPAGATE_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_PROTECTED_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_REVERSE_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_VERSION_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_BASE_DIRECTION,
  CREDENCE_JSONLD_ERROR_INVALID_BASE_IRI,
  CREDENCE_JSONLD_ERROR_INVALID_CONTAINER_MAPPING,
  CREDENCE_JSONLD_ERROR_INVALID_CONTEXT_ENTRY,
  CREDENCE_JSONLD_ERROR_INVALID_CONTEXT_NULLIFICATION,
  CREDENCE_JSONLD_ERROR_INVALID_DEFAULT_LANGUAGE,
  CREDENCE_JSONLD_ERROR_INVALID_IRI_MAPPING,
  CREDENCE_JSONLD_ERROR_INVALID_JSON_LITERAL,
  CREDENCE_JSONLD_ERROR_INVALID_KEYWORD_ALIAS,
  CREDENCE_JSONLD_ERROR_INVALID_LANGUAGE_MAP_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_LANGUAGE_MAPPING,
  CREDENCE_JSONLD_ERROR_INVALID_LANGUAGE_TAGGED_STRING,
  CREDENCE_JSONLD_ERROR_INVALID_LANGUAGE_TAGGED_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_LOCAL_CONTEXT,
  CREDENCE_JSONLD_ERROR_INVALID_REMOTE_CONTEXT,
  CREDENCE_JSONLD_ERROR_INVALID_REVERSE_PROPERTY,
  CREDENCE_JSONLD_ERROR_INVALID_REVERSE_PROPERTY_MAP,
  CREDENCE_JSONLD_ERROR_INVALID_REVERSE_PROPERTY_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_SCOPED_CONTEXT,
  CREDENCE_JSONLD_ERROR_INVALID_SET_OR_LIST_OBJECT,
  CREDENCE_JSONLD_ERROR_INVALID_TERM_DEFINITION,
  CREDENCE_JSONLD_ERROR_INVALID_TYPE_MAPPING,
  CREDENCE_JSONLD_ERROR_INVALID_TYPE_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_TYPED_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_VALUE_OBJECT,
  CREDENCE_JSONLD_ERROR_INVALID_VALUE_OBJECT_VALUE,
  CREDENCE_JSONLD_ERROR_INVALID_VOCAB_MAPPING,
  CREDENCE_JSONLD_ERROR_IRI_CONFUSED_WITH_PREFIX,
  CREDENCE_JSONLD_ERROR_KEYWORD_REDEFINITION,
  CREDENCE_JSONLD_ERROR_LOADING_DOCUMENT_FAILED,
  CREDENCE_JSONLD_ERROR_LOADING_REMOTE_CONTEXT_FAILED,
  CREDENCE_JSONLD_ERROR_PROCESSING_MODE_CONFLICT,
  CREDENCE_JSONLD_ERROR_PROTECTED_TERM_REDEFINITION,
} CredenceJsonldError;

/**
 * CredenceJsonldLoader:
 * @url: the absolute URL of a remote context (fragment removed)
 * @user_data: the data given with the loader
 * @error: return location for a #GError
 *
 * Loads a remote JSON-LD document.  Called from the thread running the
 * conversion, possibly from several threads at once.
 *
 * Returns: (transfer full) (nullable): the parsed document, or %NULL with
 *   @error set.
 */
typedef JsonNode *(*CredenceJsonldLoader) (const char  *url,
                                          gpointer     user_data,
                                          GError     **error);

/**
 * CredenceJsonldRdfDirection:
 * @CREDENCE_JSONLD_RDF_DIRECTION_NONE: `@direction` is dropped in RDF.
 * @CREDENCE_JSONLD_RDF_DIRECTION_I18N_DATATYPE: `i18n-datatype`.
 * @CREDENCE_JSONLD_RDF_DIRECTION_COMPOUND_LITERAL: `compound-literal`.
 */
typedef enum
{
  CREDENCE_JSONLD_RDF_DIRECTION_NONE,
  CREDENCE_JSONLD_RDF_DIRECTION_I18N_DATATYPE,
  CREDENCE_JSONLD_RDF_DIRECTION_COMPOUND_LITERAL,
} CredenceJsonldRdfDirection;

/**
 * CredenceJsonldOptions:
 * @base: (nullable): the base IRI; %NULL means the document URL
 * @document_url: (nullable): the URL the document came from
 * @expand_context: (nullable): a context applied before the document's own
 * @processing_mode_1_0: process in `json-ld-1.0` mode
 * @rdf_direction: how `@direction` is written in RDF
 *
 * Options of one conversion, as in the JSON-LD API's JsonLdOptions.  A
 * zero-filled struct (or %NULL) means the defaults.
 */
typedef struct
{
  const char                 *base;
  const char                 *document_url;
  JsonNode                   *expand_context;
  gboolean                    processing_mode_1_0;
  CredenceJsonldRdfDirection  rdf_direction;
} CredenceJsonldOptions;

#define CREDENCE_TYPE_JSONLD (credence_jsonld_get_type ())

G_DECLARE_FINAL_TYPE (CredenceJsonld, credence_jsonld, CREDENCE, JSONLD, GObject)

GQuark              credence_jsonld_error_quark          (void);
const char         *credence_jsonld_error_code_to_string (CredenceJsonldError code);

CredenceJsonld     *credence_jsonld_new                  (CredenceJsonldLoader  loader,
                                                          gpointer              user_data,
                                                          GDestroyNotify        user_data_free) G_GNUC_WARN_UNUSED_RESULT;
CredenceJsonld     *credence_jsonld_get_default          (void);
JsonNode           *credence_jsonld_load_bundled         (const char           *url,
                                                          gpointer              user_data,
                                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;

JsonNode           *credence_jsonld_expand               (CredenceJsonld              *self,
                                                          JsonNode                    *input,
                                                          const CredenceJsonldOptions *options,
                                                          GError                     **error) G_GNUC_WARN_UNUSED_RESULT;
CredenceRdfDataset *credence_jsonld_to_rdf               (CredenceJsonld              *self,
                                                          JsonNode                    *input,
                                                          const CredenceJsonldOptions *options,
                                                          GError                     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
