/* credence-collections-view.h: the Collections page of the sidebar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "credence-collection.h"
#include "credence-library.h"
#include "credence-store.h"
#include "credence-thumbnailer.h"

G_BEGIN_DECLS

#define CREDENCE_TYPE_COLLECTIONS_VIEW (credence_collections_view_get_type ())

G_DECLARE_FINAL_TYPE (CredenceCollectionsView, credence_collections_view, CREDENCE, COLLECTIONS_VIEW, AdwBin)

void                credence_collections_view_set_store       (CredenceCollectionsView *self,
                                                               CredenceStore           *store,
                                                               CredenceLibrary         *library,
                                                               CredenceThumbnailer     *thumbnailer);
void                credence_collections_view_reload          (CredenceCollectionsView *self);
gboolean            credence_collections_view_is_busy         (CredenceCollectionsView *self);
const char         *credence_collections_view_get_page_name   (CredenceCollectionsView *self);
GPtrArray          *credence_collections_view_get_collections (CredenceCollectionsView *self);
gboolean            credence_collections_view_show_collection (CredenceCollectionsView *self,
                                                               const char              *uid_or_name);
CredenceCollection *credence_collections_view_get_shown       (CredenceCollectionsView *self);
GtkSelectionModel  *credence_collections_view_get_badges      (CredenceCollectionsView *self);
void                credence_collections_view_add_badges      (CredenceCollectionsView *self,
                                                               const char              *collection_uid,
                                                               const char * const      *badge_uids);
void                credence_collections_view_choose_and_add  (CredenceCollectionsView *self,
                                                               GtkWindow               *parent,
                                                               GPtrArray               *badge_uids);

G_END_DECLS
