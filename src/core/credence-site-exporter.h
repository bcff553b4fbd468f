/* credence-site-exporter.h: the portfolio website, a folder of static
 * pages anyone can host.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "credence-export-paths.h"
#include "credence-store.h"

G_BEGIN_DECLS

#define CREDENCE_SITE_ERROR (credence_site_error_quark ())

/**
 * CredenceSiteError:
 * @CREDENCE_SITE_ERROR_NOTHING_TO_EXPORT: no collection was chosen and
 *   none is In Portfolio, or the chosen ones hold no badge that can be
 *   shown.
 * @CREDENCE_SITE_ERROR_NOT_FOUND: a chosen collection or pathway does not
 *   exist.
 * @CREDENCE_SITE_ERROR_BAD_BASE_URL: the base URL is not an http(s) URL
 *   with a host name.
 * @CREDENCE_SITE_ERROR_FOLDER_NOT_EMPTY: the folder holds files that an
 *   earlier export did not write; Credence does not write over them.
 * @CREDENCE_SITE_ERROR_WRITE: a file could not be written.
 *
 * Errors from exporting the portfolio site.
 */
typedef enum
{
  CREDENCE_SITE_ERROR_NOTHING_TO_EXPORT,
  CREDENCE_SITE_ERROR_NOT_FOUND,
  CREDENCE_SITE_ERROR_BAD_BASE_URL,
  CREDENCE_SITE_ERROR_FOLDER_NOT_EMPTY,
  CREDENCE_SITE_ERROR_WRITE,
} CredenceSiteError;

/* The store settings holding the name shown on the portfolio and the
 * address it is published at (for LinkedIn links and the next export);
 * an export remembers the ones it was given. */
#define CREDENCE_SITE_META_OWNER_NAME "portfolio-owner-name"
#define CREDENCE_SITE_META_BASE_URL   CREDENCE_EXPORT_META_BASE_URL

/* The file that marks a folder as written by the site exporter. */
#define CREDENCE_SITE_MARKER_FILE ".credence-site"

/* Sizes of the pictures written, in pixels. */
#define CREDENCE_SITE_IMAGE_SIZE      256
#define CREDENCE_SITE_PREVIEW_WIDTH   1200
#define CREDENCE_SITE_PREVIEW_HEIGHT  630

#define CREDENCE_TYPE_SITE_EXPORTER (credence_site_exporter_get_type ())

G_DECLARE_FINAL_TYPE (CredenceSiteExporter, credence_site_exporter, CREDENCE, SITE_EXPORTER, GObject)

GQuark                credence_site_error_quark                 (void);

CredenceSiteExporter *credence_site_exporter_new                (CredenceStore         *store) G_GNUC_WARN_UNUSED_RESULT;

void                  credence_site_exporter_add_collection     (CredenceSiteExporter  *self,
                                                                 const char            *uid_or_name);
void                  credence_site_exporter_add_pathway        (CredenceSiteExporter  *self,
                                                                 const char            *uid_or_title);
gboolean              credence_site_exporter_set_base_url       (CredenceSiteExporter  *self,
                                                                 const char            *base_url,
                                                                 GError               **error);
void                  credence_site_exporter_set_owner_name     (CredenceSiteExporter  *self,
                                                                 const char            *name);
void                  credence_site_exporter_set_allow_indexing (CredenceSiteExporter  *self,
                                                                 gboolean               allow);

gboolean              credence_site_exporter_export             (CredenceSiteExporter  *self,
                                                                 const char            *folder,
                                                                 GCancellable          *cancellable,
                                                                 GError               **error);
void                  credence_site_exporter_export_async       (CredenceSiteExporter  *self,
                                                                 const char            *folder,
                                                                 GCancellable          *cancellable,
                                                                 GAsyncReadyCallback    callback,
                                                                 gpointer               user_data);
gboolean              credence_site_exporter_export_finish      (CredenceSiteExporter  *self,
                                                                 GAsyncResult          *result,
                                                                 GError               **error);

guint                 credence_site_exporter_get_n_badges       (CredenceSiteExporter  *self);
guint                 credence_site_exporter_get_n_files        (CredenceSiteExporter  *self);
guint64               credence_site_exporter_get_bytes_written  (CredenceSiteExporter  *self);
GPtrArray            *credence_site_exporter_get_left_out       (CredenceSiteExporter  *self);
GPtrArray            *credence_site_exporter_get_files_withheld (CredenceSiteExporter  *self);

G_END_DECLS
