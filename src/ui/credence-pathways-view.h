/* credence-pathways-view.h: the Pathways page of the sidebar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "credence-library.h"
#include "credence-pathway-progress.h"
#include "credence-store.h"
#include "credence-thumbnailer.h"

G_BEGIN_DECLS

#define CREDENCE_TYPE_PATHWAYS_VIEW (credence_pathways_view_get_type ())

G_DECLARE_FINAL_TYPE (CredencePathwaysView, credence_pathways_view, CREDENCE, PATHWAYS_VIEW, AdwBin)

void                     credence_pathways_view_set_store     (CredencePathwaysView *self,
                                                               CredenceStore        *store,
                                                               CredenceLibrary      *library,
                                                               CredenceThumbnailer  *thumbnailer);
void                     credence_pathways_view_reload        (CredencePathwaysView *self);
gboolean                 credence_pathways_view_is_busy       (CredencePathwaysView *self);
const char              *credence_pathways_view_get_page_name (CredencePathwaysView *self);
GPtrArray               *credence_pathways_view_get_pathways  (CredencePathwaysView *self);
void                     credence_pathways_view_show_pathway  (CredencePathwaysView *self,
                                                               const char           *uid);
CredencePathway         *credence_pathways_view_get_shown     (CredencePathwaysView *self);
CredencePathwayProgress *credence_pathways_view_get_progress  (CredencePathwaysView *self);
gboolean                 credence_pathways_view_is_draft      (CredencePathwaysView *self);
void                     credence_pathways_view_import_file   (CredencePathwaysView *self,
                                                               GFile                *file);
void                     credence_pathways_view_export_file   (CredencePathwaysView *self,
                                                               GFile                *file);
void                     credence_pathways_view_suggest       (CredencePathwaysView *self);
GPtrArray               *credence_pathways_view_get_suggestions (CredencePathwaysView *self);
void                     credence_pathways_view_show_draft    (CredencePathwaysView *self,
                                                               CredencePathway      *draft);

G_END_DECLS
