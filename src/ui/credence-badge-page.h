/* credence-badge-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "credence-badge-item.h"
#include "credence-store.h"
#include "credence-thumbnailer.h"

G_BEGIN_DECLS

#define CREDENCE_TYPE_BADGE_PAGE (credence_badge_page_get_type ())

G_DECLARE_FINAL_TYPE (CredenceBadgePage, credence_badge_page, CREDENCE, BADGE_PAGE, GtkWidget)

GtkWidget          *credence_badge_page_new            (void);
AdwHeaderBar       *credence_badge_page_get_header_bar (CredenceBadgePage   *self);
CredenceBadgeItem  *credence_badge_page_get_item       (CredenceBadgePage   *self);
void                credence_badge_page_set_badge      (CredenceBadgePage   *self,
                                                        CredenceBadgeItem   *item,
                                                        const CredenceStoreBadge *stored,
                                                        CredenceThumbnailer *thumbnailer);
void                credence_badge_page_set_checking   (CredenceBadgePage   *self,
                                                        gboolean             checking);
guint               credence_badge_page_get_n_check_rows (CredenceBadgePage *self);
const char         *credence_badge_page_get_verdict_title (CredenceBadgePage *self);

G_END_DECLS
