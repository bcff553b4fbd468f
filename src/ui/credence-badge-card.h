/* credence-badge-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "credence-badge-item.h"
#include "credence-thumbnailer.h"

G_BEGIN_DECLS

#define CREDENCE_TYPE_BADGE_CARD (credence_badge_card_get_type ())

G_DECLARE_FINAL_TYPE (CredenceBadgeCard, credence_badge_card, CREDENCE, BADGE_CARD, GtkWidget)

GtkWidget         *credence_badge_card_new           (void);
CredenceBadgeItem *credence_badge_card_get_item      (CredenceBadgeCard *self);
void               credence_badge_card_set_item      (CredenceBadgeCard *self,
                                                      CredenceBadgeItem *item);
void               credence_badge_card_set_thumbnail (CredenceBadgeCard *self,
                                                      GdkPaintable      *thumbnail);
gboolean           credence_badge_card_has_thumbnail (CredenceBadgeCard *self);
void               credence_badge_card_load_thumbnail (CredenceBadgeCard   *self,
                                                       CredenceThumbnailer *thumbnailer);

G_END_DECLS
