/* credence-export-paths.h: the names exported files and pages get, shared
 * by every exporter (portfolio site, LinkedIn links, plain files).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "credence-store.h"

G_BEGIN_DECLS

#define CREDENCE_EXPORT_ERROR (credence_export_error_quark ())

/**
 * CredenceExportError:
 * @CREDENCE_EXPORT_ERROR_NOT_PUBLIC: an address that should be public is
 *   not an http(s) URL with a host name.
 * @CREDENCE_EXPORT_ERROR_FAILED: a file could not be written.
 *
 * Errors from exporting badges.
 */
typedef enum
{
  CREDENCE_EXPORT_ERROR_NOT_PUBLIC,
  CREDENCE_EXPORT_ERROR_FAILED,
} CredenceExportError;

/* The store setting holding the address the portfolio site is published at. */
#define CREDENCE_EXPORT_META_BASE_URL "portfolio-base-url"

GQuark    credence_export_error_quark        (void);

char     *credence_export_badge_slug         (const char  *uid,
                                              const char  *name) G_GNUC_WARN_UNUSED_RESULT;
char     *credence_export_badge_page_path    (const char  *uid,
                                              const char  *name) G_GNUC_WARN_UNUSED_RESULT;
gboolean  credence_export_is_public_url      (const char  *url);
char     *credence_export_badge_page_url     (const char  *base_url,
                                              const char  *uid,
                                              const char  *name,
                                              GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
