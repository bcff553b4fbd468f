/* credence-collection.h: an ordered set of badges the learner shows together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CredenceDisclosure:
 * @CREDENCE_DISCLOSURE_RECIPIENT: the address or name the badge was issued to
 * @CREDENCE_DISCLOSURE_EVIDENCE: evidence
 * @CREDENCE_DISCLOSURE_DESCRIPTION: the badge's description
 * @CREDENCE_DISCLOSURE_DATES: issued and expiry dates
 * @CREDENCE_DISCLOSURE_VERIFICATION: the verification result and its details
 * @CREDENCE_DISCLOSURE_CRITERIA: the criteria
 * @CREDENCE_DISCLOSURE_BADGE_FILES: the original badge files (they contain
 *   the address it was issued to)
 *
 * Which fields may appear when a collection is shared or exported.
 */
typedef enum
{
  CREDENCE_DISCLOSURE_RECIPIENT    = 1 << 0,
  CREDENCE_DISCLOSURE_EVIDENCE     = 1 << 1,
  CREDENCE_DISCLOSURE_DESCRIPTION  = 1 << 2,
  CREDENCE_DISCLOSURE_DATES        = 1 << 3,
  CREDENCE_DISCLOSURE_VERIFICATION = 1 << 4,
  CREDENCE_DISCLOSURE_CRITERIA     = 1 << 5,
  CREDENCE_DISCLOSURE_BADGE_FILES  = 1 << 6,
} CredenceDisclosure;

/* What a new collection discloses: everything but who it was issued to. */
#define CREDENCE_DISCLOSURE_DEFAULT (CREDENCE_DISCLOSURE_EVIDENCE | CREDENCE_DISCLOSURE_DESCRIPTION | \
                                     CREDENCE_DISCLOSURE_DATES | CREDENCE_DISCLOSURE_VERIFICATION | \
                                     CREDENCE_DISCLOSURE_CRITERIA)
#define CREDENCE_DISCLOSURE_ALL     ((CREDENCE_DISCLOSURE_BADGE_FILES << 1) - 1)

/**
 * CredenceVisibility:
 * @CREDENCE_VISIBILITY_PRIVATE: shown only in Credence
 * @CREDENCE_VISIBILITY_PORTFOLIO: included when the portfolio is exported
 *
 * Where a collection appears.
 */
typedef enum
{
  CREDENCE_VISIBILITY_PRIVATE,
  CREDENCE_VISIBILITY_PORTFOLIO,
} CredenceVisibility;

#define CREDENCE_TYPE_COLLECTION (credence_collection_get_type ())

G_DECLARE_FINAL_TYPE (CredenceCollection, credence_collection, CREDENCE, COLLECTION, GObject)

const char         *credence_disclosure_to_string       (CredenceDisclosure  flag);
gboolean            credence_disclosure_from_string     (const char         *name,
                                                         CredenceDisclosure *out_flag);
const char         *credence_visibility_to_string       (CredenceVisibility  visibility);
gboolean            credence_visibility_from_string     (const char         *name,
                                                         CredenceVisibility *out_visibility);

CredenceCollection *credence_collection_new             (const char         *name) G_GNUC_WARN_UNUSED_RESULT;

const char         *credence_collection_get_uid         (CredenceCollection *self);
void                credence_collection_set_uid         (CredenceCollection *self,
                                                         const char         *uid);
const char         *credence_collection_get_name        (CredenceCollection *self);
void                credence_collection_set_name        (CredenceCollection *self,
                                                         const char         *name);
const char         *credence_collection_get_description (CredenceCollection *self);
void                credence_collection_set_description (CredenceCollection *self,
                                                         const char         *description);
CredenceDisclosure  credence_collection_get_disclosure  (CredenceCollection *self);
void                credence_collection_set_disclosure  (CredenceCollection *self,
                                                         CredenceDisclosure  disclosure);
gboolean            credence_collection_discloses       (CredenceCollection *self,
                                                         CredenceDisclosure  flag);
void                credence_collection_set_discloses   (CredenceCollection *self,
                                                         CredenceDisclosure  flag,
                                                         gboolean            disclose);
CredenceVisibility  credence_collection_get_visibility  (CredenceCollection *self);
void                credence_collection_set_visibility  (CredenceCollection *self,
                                                         CredenceVisibility  visibility);
const char         *credence_collection_get_cover       (CredenceCollection *self);
gboolean            credence_collection_set_cover       (CredenceCollection *self,
                                                         const char         *badge_uid);

guint               credence_collection_get_n_items     (CredenceCollection *self);
const char         *credence_collection_get_item        (CredenceCollection *self,
                                                         guint               position);
int                 credence_collection_find            (CredenceCollection *self,
                                                         const char         *badge_uid);
gboolean            credence_collection_insert          (CredenceCollection *self,
                                                         int                 position,
                                                         const char         *badge_uid);
gboolean            credence_collection_add             (CredenceCollection *self,
                                                         const char         *badge_uid);
gboolean            credence_collection_remove          (CredenceCollection *self,
                                                         const char         *badge_uid);
gboolean            credence_collection_move            (CredenceCollection *self,
                                                         const char         *badge_uid,
                                                         guint               position);
char              **credence_collection_dup_items       (CredenceCollection *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
