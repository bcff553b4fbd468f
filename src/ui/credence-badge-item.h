/* credence-badge-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "credence-store.h"
#include "credence-verification.h"

G_BEGIN_DECLS

/**
 * CredenceBadgeStatus:
 * @CREDENCE_BADGE_STATUS_NOT_CHECKED: never verified
 * @CREDENCE_BADGE_STATUS_VALID: the last check found it valid
 * @CREDENCE_BADGE_STATUS_PROBLEM: the last check failed ("invalid")
 * @CREDENCE_BADGE_STATUS_COULDNT_CHECK: nothing failed but something could
 *   not be checked ("indeterminate")
 *
 * The one verdict of a badge, shown the same everywhere.
 */
typedef enum
{
  CREDENCE_BADGE_STATUS_NOT_CHECKED,
  CREDENCE_BADGE_STATUS_VALID,
  CREDENCE_BADGE_STATUS_PROBLEM,
  CREDENCE_BADGE_STATUS_COULDNT_CHECK,
} CredenceBadgeStatus;

#define CREDENCE_TYPE_BADGE_ITEM (credence_badge_item_get_type ())

G_DECLARE_FINAL_TYPE (CredenceBadgeItem, credence_badge_item, CREDENCE, BADGE_ITEM, GObject)

CredenceBadgeStatus credence_badge_status_from_verdict (const char *verdict);
const char         *credence_badge_status_get_title    (CredenceBadgeStatus status);
const char         *credence_badge_status_get_icon_name (CredenceBadgeStatus status);
const char         *credence_badge_status_get_css_class (CredenceBadgeStatus status);

CredenceBadgeItem  *credence_badge_item_new            (const char         *uid,
                                                        const char         *name,
                                                        const char         *issuer,
                                                        const char         *description,
                                                        GDateTime          *issued,
                                                        CredenceBadgeStatus status) G_GNUC_WARN_UNUSED_RESULT;

CredenceBadgeItem  *credence_badge_item_new_from_store (const CredenceStoreBadge *badge) G_GNUC_WARN_UNUSED_RESULT;

const char         *credence_badge_item_get_uid         (CredenceBadgeItem *self);
const char         *credence_badge_item_get_name        (CredenceBadgeItem *self);
const char         *credence_badge_item_get_issuer      (CredenceBadgeItem *self);
const char         *credence_badge_item_get_description (CredenceBadgeItem *self);
GDateTime          *credence_badge_item_get_issued      (CredenceBadgeItem *self);
GDateTime          *credence_badge_item_get_expires     (CredenceBadgeItem *self);
void                credence_badge_item_set_expires     (CredenceBadgeItem *self,
                                                         GDateTime         *expires);
CredenceBadgeStatus credence_badge_item_get_status      (CredenceBadgeItem *self);
void                credence_badge_item_set_status      (CredenceBadgeItem *self,
                                                         CredenceBadgeStatus status);
const char         *credence_badge_item_get_reason      (CredenceBadgeItem *self);
void                credence_badge_item_set_reason      (CredenceBadgeItem *self,
                                                         const char        *reason);
gint64              credence_badge_item_get_verified_at (CredenceBadgeItem *self);
void                credence_badge_item_set_verified_at (CredenceBadgeItem *self,
                                                         gint64             verified_at);
CredenceBadgeStatus credence_badge_item_apply_verification (CredenceBadgeItem    *self,
                                                          CredenceVerification *report,
                                                          gint64                when);
gboolean            credence_badge_item_get_sample      (CredenceBadgeItem *self);
void                credence_badge_item_set_sample      (CredenceBadgeItem *self,
                                                         gboolean           sample);
const char         *credence_badge_item_get_image       (CredenceBadgeItem *self);
void                credence_badge_item_set_image       (CredenceBadgeItem *self,
                                                         const char        *image);
const char         *credence_badge_item_get_container   (CredenceBadgeItem *self);
void                credence_badge_item_set_container   (CredenceBadgeItem *self,
                                                         const char        *container);

char               *credence_badge_item_dup_accessible_label (CredenceBadgeItem *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean            credence_badge_item_matches         (CredenceBadgeItem  *self,
                                                         const char * const *terms);
int                 credence_badge_item_compare_name    (CredenceBadgeItem *a,
                                                         CredenceBadgeItem *b);
int                 credence_badge_item_compare_issuer  (CredenceBadgeItem *a,
                                                         CredenceBadgeItem *b);
int                 credence_badge_item_compare_issued  (CredenceBadgeItem *a,
                                                         CredenceBadgeItem *b);

G_END_DECLS
