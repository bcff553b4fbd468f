/* credence-document-set.h: documents pinned during verification.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CredenceDocument:
 *
 * One document exactly as it was seen: the URL asked for, the URL that
 * answered after redirects, the HTTP status, when it was fetched, the
 * SHA-256 of the body and the body itself.  Immutable and reference
 * counted, so it can be shared between threads.
 */
typedef struct _CredenceDocument CredenceDocument;

#define CREDENCE_TYPE_DOCUMENT (credence_document_get_type ())

GType             credence_document_get_type       (void) G_GNUC_CONST;
CredenceDocument *credence_document_new            (const char       *url,
                                                    const char       *final_url,
                                                    guint             status,
                                                    GDateTime        *fetched_at,
                                                    GBytes           *body) G_GNUC_WARN_UNUSED_RESULT;
CredenceDocument *credence_document_ref            (CredenceDocument *self);
void              credence_document_unref          (CredenceDocument *self);
const char       *credence_document_get_url        (CredenceDocument *self);
const char       *credence_document_get_final_url  (CredenceDocument *self);
guint             credence_document_get_status     (CredenceDocument *self);
GDateTime        *credence_document_get_fetched_at (CredenceDocument *self);
const char       *credence_document_get_sha256     (CredenceDocument *self);
GBytes           *credence_document_get_body       (CredenceDocument *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredenceDocument, credence_document_unref)

#define CREDENCE_DOCUMENT_SET_ERROR (credence_document_set_error_quark ())

/**
 * CredenceDocumentSetError:
 * @CREDENCE_DOCUMENT_SET_ERROR_CORRUPT: saved documents could not be read
 *   back, or a document's bytes no longer match its SHA-256.
 *
 * Errors from reading a saved #CredenceDocumentSet.
 */
typedef enum
{
  CREDENCE_DOCUMENT_SET_ERROR_CORRUPT,
} CredenceDocumentSetError;

#define CREDENCE_TYPE_DOCUMENT_SET (credence_document_set_get_type ())

G_DECLARE_FINAL_TYPE (CredenceDocumentSet, credence_document_set, CREDENCE, DOCUMENT_SET, GObject)

/**
 * CredenceDocumentSetForeachFunc:
 * @document: a pinned document
 * @user_data: the data given to credence_document_set_foreach()
 *
 * Called once per pinned document, in the order they were added.
 */
typedef void (*CredenceDocumentSetForeachFunc) (CredenceDocument *document,
                                                gpointer          user_data);

GQuark               credence_document_set_error_quark (void);

CredenceDocumentSet *credence_document_set_new        (void) G_GNUC_WARN_UNUSED_RESULT;
CredenceDocumentSet *credence_document_set_new_from_bytes (GBytes        *bytes,
                                                       GError       **error) G_GNUC_WARN_UNUSED_RESULT;
GBytes              *credence_document_set_to_bytes   (CredenceDocumentSet *self) G_GNUC_WARN_UNUSED_RESULT;

void                 credence_document_set_add        (CredenceDocumentSet *self,
                                                       CredenceDocument    *document);
CredenceDocument    *credence_document_set_lookup     (CredenceDocumentSet *self,
                                                       const char          *url) G_GNUC_WARN_UNUSED_RESULT;
guint                credence_document_set_get_size   (CredenceDocumentSet *self);
void                 credence_document_set_foreach    (CredenceDocumentSet *self,
                                                       CredenceDocumentSetForeachFunc func,
                                                       gpointer             user_data);
void                 credence_document_set_merge      (CredenceDocumentSet *self,
                                                       CredenceDocumentSet *other);

G_END_DECLS
