/* credence-rdf.h: RDF datasets (terms, quads) and N-Quads.
 *
 * A CredenceRdfDataset is a set of quads.  Terms are small plain structs
 * whose strings are interned in the dataset that holds them, so two terms of
 * the same dataset are equal exactly when their kinds and string pointers are
 * equal.  Nothing here is a GObject: the verifier builds and canonicalizes
 * thousands of datasets per second.
 *
 * Strings are UTF-8 C strings.  A U+0000 inside a literal (only possible
 * through an N-Quads `\u0000` escape) is held as the two bytes C0 80, and
 * written back as `\u0000`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CREDENCE_RDF_NS              "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define CREDENCE_RDF_TYPE            CREDENCE_RDF_NS "type"
#define CREDENCE_RDF_FIRST           CREDENCE_RDF_NS "first"
#define CREDENCE_RDF_REST            CREDENCE_RDF_NS "rest"
#define CREDENCE_RDF_NIL             CREDENCE_RDF_NS "nil"
#define CREDENCE_RDF_LANGSTRING      CREDENCE_RDF_NS "langString"
#define CREDENCE_RDF_JSON            CREDENCE_RDF_NS "JSON"
#define CREDENCE_XSD_NS              "http://www.w3.org/2001/XMLSchema#"
#define CREDENCE_XSD_STRING          CREDENCE_XSD_NS "string"
#define CREDENCE_XSD_BOOLEAN         CREDENCE_XSD_NS "boolean"
#define CREDENCE_XSD_INTEGER         CREDENCE_XSD_NS "integer"
#define CREDENCE_XSD_DOUBLE          CREDENCE_XSD_NS "double"

#define CREDENCE_RDF_ERROR (credence_rdf_error_quark ())

/**
 * CredenceRdfError:
 * @CREDENCE_RDF_ERROR_SYNTAX: an N-Quads document is not well formed; the
 *   message gives the line and column.
 *
 * Errors of the RDF layer.
 */
typedef enum
{
  CREDENCE_RDF_ERROR_SYNTAX,
} CredenceRdfError;

/**
 * CredenceRdfTermKind:
 * @CREDENCE_RDF_TERM_NONE: no term; as a graph name, the default graph.
 * @CREDENCE_RDF_TERM_IRI: an absolute IRI.
 * @CREDENCE_RDF_TERM_BLANK: a blank node; the value is its label without `_:`.
 * @CREDENCE_RDF_TERM_LITERAL: a literal.
 */
typedef enum
{
  CREDENCE_RDF_TERM_NONE = 0,
  CREDENCE_RDF_TERM_IRI,
  CREDENCE_RDF_TERM_BLANK,
  CREDENCE_RDF_TERM_LITERAL,
} CredenceRdfTermKind;

/**
 * CredenceRdfTerm:
 * @kind: what the term is.
 * @value: the IRI, the blank node label (without `_:`) or the lexical form.
 * @datatype: for a literal, the datatype IRI; %NULL means xsd:string, or
 *   rdf:langString when @language is set.
 * @language: for a literal, the language tag, or %NULL.
 *
 * One RDF term.  Terms returned by a dataset point into it and live as long
 * as it does; terms passed in are copied (interned).
 */
typedef struct
{
  CredenceRdfTermKind  kind;
  const char          *value;
  const char          *datatype;
  const char          *language;
} CredenceRdfTerm;

/**
 * CredenceRdfQuad:
 * @subject: an IRI or blank node.
 * @predicate: an IRI.
 * @object: an IRI, blank node or literal.
 * @graph: an IRI or blank node, or %CREDENCE_RDF_TERM_NONE for the default
 *   graph.
 */
typedef struct
{
  CredenceRdfTerm subject;
  CredenceRdfTerm predicate;
  CredenceRdfTerm object;
  CredenceRdfTerm graph;
} CredenceRdfQuad;

/**
 * CredenceRdfEscape:
 * @CREDENCE_RDF_ESCAPE_CANONICAL: the canonical N-Quads escapes of RDFC-1.0.
 * @CREDENCE_RDF_ESCAPE_URDNA2015: only `"`, `\`, LF and CR escaped, as
 *   URDNA2015 implementations before RDFC-1.0 wrote literals (jsonld.js with
 *   rdf-canonize before version 4); signatures made with them over text
 *   with tabs or other control characters need it.
 *
 * How literals are escaped when written as N-Quads.
 */
typedef enum
{
  CREDENCE_RDF_ESCAPE_CANONICAL,
  CREDENCE_RDF_ESCAPE_URDNA2015,
} CredenceRdfEscape;

typedef struct _CredenceRdfDataset CredenceRdfDataset;

GQuark              credence_rdf_error_quark          (void);

CredenceRdfTerm     credence_rdf_term_iri             (const char *iri);
CredenceRdfTerm     credence_rdf_term_blank           (const char *label);
CredenceRdfTerm     credence_rdf_term_literal         (const char *value,
                                                       const char *datatype,
                                                       const char *language);
gboolean            credence_rdf_term_equal           (const CredenceRdfTerm *a,
                                                       const CredenceRdfTerm *b);
void                credence_rdf_term_append_nquads   (const CredenceRdfTerm *term,
                                                       GString               *out);
void                credence_rdf_term_append_nquads_escaped
                                                      (const CredenceRdfTerm *term,
                                                       CredenceRdfEscape      escape,
                                                       GString               *out);

CredenceRdfDataset *credence_rdf_dataset_new          (void) G_GNUC_WARN_UNUSED_RESULT;
void                credence_rdf_dataset_free         (CredenceRdfDataset    *self);
gboolean            credence_rdf_dataset_add_quad     (CredenceRdfDataset    *self,
                                                       const CredenceRdfTerm *subject,
                                                       const CredenceRdfTerm *predicate,
                                                       const CredenceRdfTerm *object,
                                                       const CredenceRdfTerm *graph);
const char         *credence_rdf_dataset_intern       (CredenceRdfDataset    *self,
                                                       const char            *str);
guint               credence_rdf_dataset_get_n_quads  (CredenceRdfDataset    *self);
const CredenceRdfQuad *
                    credence_rdf_dataset_get_quad     (CredenceRdfDataset    *self,
                                                       guint                  index);
void                credence_rdf_quad_append_nquads   (const CredenceRdfQuad *quad,
                                                       GString               *out);
char               *credence_rdf_dataset_to_nquads    (CredenceRdfDataset    *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean            credence_rdf_dataset_escapes_differ (CredenceRdfDataset  *self);

CredenceRdfDataset *credence_rdf_parse_nquads         (const char            *text,
                                                       gssize                 length,
                                                       GError               **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredenceRdfDataset, credence_rdf_dataset_free)

G_END_DECLS
