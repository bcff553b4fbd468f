/* credence-jsonld-private.h: what the expansion and RDF halves of
 * credence-jsonld share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "credence-jsonld.h"

G_BEGIN_DECLS

/* JSON node tests shared by both halves. */
static inline gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static inline const char *
string_of (JsonNode *node)
{
  return is_string (node) ? json_node_get_string (node) : NULL;
}

static inline gboolean
is_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node);
}

static inline gboolean
is_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node);
}

/* The IRI of a JSON-LD keyword is the keyword itself. */
gboolean  _credence_jsonld_is_keyword          (const char *s);
gboolean  _credence_jsonld_is_absolute_iri     (const char *s);
char     *_credence_jsonld_resolve_iri         (const char *base,
                                                const char *ref) G_GNUC_WARN_UNUSED_RESULT;

/* Deserialise expanded JSON-LD (the output of expansion) to RDF. */
CredenceRdfDataset *_credence_jsonld_expanded_to_rdf (JsonNode                    *expanded,
                                                      CredenceJsonldRdfDirection   rdf_direction,
                                                      GError                     **error) G_GNUC_WARN_UNUSED_RESULT;

/* JSON Canonicalization Scheme (RFC 8785) text of a JSON value. */
void      _credence_jsonld_append_jcs          (JsonNode   *node,
                                                GString    *out);

/* Canonical lexical forms of numbers. */
void      _credence_jsonld_append_double       (double      value,
                                                GString    *out);

/* How many entries each cache of @self holds (for tests). */
void      _credence_jsonld_get_cache_sizes     (CredenceJsonld *self,
                                                guint          *documents,
                                                guint          *processed,
                                                guint          *initial);

G_END_DECLS
