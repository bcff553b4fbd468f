/* credence-loader.h: fetches the documents verification needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "credence-document-set.h"

G_BEGIN_DECLS

#define CREDENCE_LOADER_ERROR (credence_loader_error_quark ())

/**
 * CredenceLoaderError:
 * @CREDENCE_LOADER_ERROR_UNREACHABLE: no usable answer: network error,
 *   404, 5xx or any other status that is not a success (the verifier
 *   reports `unreachable`).
 * @CREDENCE_LOADER_ERROR_GONE: the server answered `410 Gone` (a hosted
 *   assertion answered this way is revoked).
 * @CREDENCE_LOADER_ERROR_NOT_ALLOWED: the URL or a redirect is not plain
 *   http/https, downgrades https to http, or carries credentials.
 * @CREDENCE_LOADER_ERROR_TOO_MANY_REDIRECTS: more than
 *   %CREDENCE_LIMIT_HTTP_REDIRECTS redirects (or a loop).
 * @CREDENCE_LOADER_ERROR_TOO_LARGE: the body is over the size limit
 *   (%CREDENCE_LIMIT_HTTP_JSON_SIZE or %CREDENCE_LIMIT_HTTP_IMAGE_SIZE).
 * @CREDENCE_LOADER_ERROR_TIMEOUT: the server did not answer in time.
 * @CREDENCE_LOADER_ERROR_OFFLINE: offline, and the document was never
 *   pinned.
 * @CREDENCE_LOADER_ERROR_NOT_JSON: the body does not parse as JSON
 *   (whatever its Content-Type said).
 *
 * Errors from #CredenceLoader.
 */
typedef enum
{
  CREDENCE_LOADER_ERROR_UNREACHABLE,
  CREDENCE_LOADER_ERROR_GONE,
  CREDENCE_LOADER_ERROR_NOT_ALLOWED,
  CREDENCE_LOADER_ERROR_TOO_MANY_REDIRECTS,
  CREDENCE_LOADER_ERROR_TOO_LARGE,
  CREDENCE_LOADER_ERROR_TIMEOUT,
  CREDENCE_LOADER_ERROR_OFFLINE,
  CREDENCE_LOADER_ERROR_NOT_JSON,
} CredenceLoaderError;

/**
 * CredenceLoaderFlags:
 * @CREDENCE_LOADER_FLAGS_NONE: a JSON document (size limit
 *   %CREDENCE_LIMIT_HTTP_JSON_SIZE), possibly answered from the loader's
 *   short-lived memory cache.
 * @CREDENCE_LOADER_FLAGS_IMAGE: an image (size limit
 *   %CREDENCE_LIMIT_HTTP_IMAGE_SIZE).
 * @CREDENCE_LOADER_FLAGS_FRESH: never answer from the memory cache (a
 *   hosted assertion: fetching it is the check).
 */
typedef enum
{
  CREDENCE_LOADER_FLAGS_NONE  = 0,
  CREDENCE_LOADER_FLAGS_IMAGE = 1 << 0,
  CREDENCE_LOADER_FLAGS_FRESH = 1 << 1,
} CredenceLoaderFlags;

#define CREDENCE_TYPE_LOADER (credence_loader_get_type ())

G_DECLARE_FINAL_TYPE (CredenceLoader, credence_loader, CREDENCE, LOADER, GObject)

GQuark            credence_loader_error_quark     (void);

CredenceLoader   *credence_loader_new             (void) G_GNUC_WARN_UNUSED_RESULT;

void              credence_loader_set_offline     (CredenceLoader       *self,
                                                   gboolean              offline);
gboolean          credence_loader_get_offline     (CredenceLoader       *self);
void              credence_loader_set_timeouts    (CredenceLoader       *self,
                                                   guint                 io_timeout_ms,
                                                   guint                 total_timeout_ms);
void              credence_loader_get_timeouts    (CredenceLoader       *self,
                                                   guint                *io_timeout_ms,
                                                   guint                *total_timeout_ms);
void              credence_loader_set_tls_database (CredenceLoader     *self,
                                                   GTlsDatabase         *database);
void              credence_loader_add_url_map     (CredenceLoader       *self,
                                                   const char           *prefix,
                                                   const char           *directory);
void              credence_loader_add_url_rewrite (CredenceLoader       *self,
                                                   const char           *prefix,
                                                   const char           *replacement);
gboolean          credence_loader_parse_url_map   (CredenceLoader       *self,
                                                   const char           *spec,
                                                   GError              **error);

CredenceDocument *credence_loader_fetch           (CredenceLoader       *self,
                                                   const char           *url,
                                                   CredenceLoaderFlags   flags,
                                                   CredenceDocumentSet  *pins,
                                                   GCancellable         *cancellable,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
JsonNode         *credence_loader_fetch_json      (CredenceLoader       *self,
                                                   const char           *url,
                                                   CredenceLoaderFlags   flags,
                                                   CredenceDocumentSet  *pins,
                                                   CredenceDocument    **out_document,
                                                   GCancellable         *cancellable,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;

JsonNode         *credence_loader_parse_json      (GBytes               *bytes,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
