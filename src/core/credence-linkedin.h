/* credence-linkedin.h: LinkedIn "Add to profile" and share links.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "credence-store.h"

G_BEGIN_DECLS

#define CREDENCE_LINKEDIN_ERROR (credence_linkedin_error_quark ())

/**
 * CredenceLinkedinError:
 * @CREDENCE_LINKEDIN_ERROR_NO_PUBLIC_URL: the badge has no public web
 *   address (no portfolio address given, and it is not hosted by its
 *   issuer at an http(s) address), so LinkedIn would get a dead link.
 * @CREDENCE_LINKEDIN_ERROR_INVALID: a value is not usable (an
 *   organization id that is not a number, a badge without a name).
 *
 * Errors from making LinkedIn links.
 */
typedef enum
{
  CREDENCE_LINKEDIN_ERROR_NO_PUBLIC_URL,
  CREDENCE_LINKEDIN_ERROR_INVALID,
} CredenceLinkedinError;

#define CREDENCE_LINKEDIN_ADD_URL   "https://www.linkedin.com/profile/add"
#define CREDENCE_LINKEDIN_SHARE_URL "https://www.linkedin.com/sharing/share-offsite/"

GQuark    credence_linkedin_error_quark           (void);

char     *credence_linkedin_dup_public_url        (const CredenceStoreBadge *badge,
                                                   const char               *base_url,
                                                   GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
char     *credence_linkedin_add_to_profile_url    (const CredenceStoreBadge *badge,
                                                   const char               *organization_id,
                                                   const char               *cert_url,
                                                   GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
char     *credence_linkedin_share_url             (const char               *public_url,
                                                   GError                  **error) G_GNUC_WARN_UNUSED_RESULT;

char     *credence_linkedin_dup_organization_id   (CredenceStore            *store,
                                                   const char               *issuer,
                                                   GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean  credence_linkedin_set_organization_id   (CredenceStore            *store,
                                                   const char               *issuer,
                                                   const char               *organization_id,
                                                   GError                  **error);

G_END_DECLS
