/* credence-verification-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "credence-badge-item.h"
#include "credence-store.h"

G_BEGIN_DECLS

#define CREDENCE_TYPE_VERIFICATION_CARD (credence_verification_card_get_type ())

G_DECLARE_FINAL_TYPE (CredenceVerificationCard, credence_verification_card, CREDENCE, VERIFICATION_CARD, GtkWidget)

GtkWidget  *credence_verification_card_new              (void);
void        credence_verification_card_set_result       (CredenceVerificationCard        *self,
                                                         CredenceBadgeStatus              status,
                                                         const CredenceStoreVerification *latest);
void        credence_verification_card_set_description  (CredenceVerificationCard        *self,
                                                         const char                      *description);
void        credence_verification_card_set_check_action (CredenceVerificationCard        *self,
                                                         const char                      *action_name);
void        credence_verification_card_set_checking     (CredenceVerificationCard        *self,
                                                         gboolean                         checking);
guint       credence_verification_card_get_n_check_rows (CredenceVerificationCard        *self);
guint       credence_verification_card_get_n_not_checked (CredenceVerificationCard       *self);
const char *credence_verification_card_get_verdict_title (CredenceVerificationCard       *self);

G_END_DECLS
