/* credence-store-pathways.h: collections and pathways in the encrypted store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "credence-collection.h"
#include "credence-pathway-progress.h"
#include "credence-store.h"

G_BEGIN_DECLS

/**
 * CredenceStorePathway:
 * @uid: the pathway's id in the collection
 * @title: its title
 * @n_steps: top-level steps
 * @n_complete: complete top-level steps, at the last recompute
 * @percent: progress at the last recompute, 0 to 100
 * @progress_at: when progress was last computed, Unix seconds, 0 never
 *
 * A pathway in a listing ("Data Analyst — 3 of 5").
 */
typedef struct
{
  char   *uid;
  char   *title;
  guint   n_steps;
  guint   n_complete;
  guint   percent;
  gint64  progress_at;
} CredenceStorePathway;

/**
 * CredenceStoreBadgeSet:
 *
 * Every badge of the collection as pathways see them (owning the strings
 * the #CredencePathwayBadge values point to), in a stable order, with the
 * store uid of each.
 */
typedef struct _CredenceStoreBadgeSet CredenceStoreBadgeSet;

#define CREDENCE_TYPE_STORE_PATHWAY (credence_store_pathway_get_type ())

GType                       credence_store_pathway_get_type      (void) G_GNUC_CONST;
CredenceStorePathway       *credence_store_pathway_copy          (const CredenceStorePathway *self) G_GNUC_WARN_UNUSED_RESULT;
void                        credence_store_pathway_free          (CredenceStorePathway       *self);

CredencePathwayStanding     credence_store_standing_from_verdict (const char                 *verdict,
                                                                  const char                 *reason);

/* Collections */
gboolean                    credence_store_save_collection       (CredenceStore              *self,
                                                                  CredenceCollection         *collection,
                                                                  GError                    **error);
CredenceCollection         *credence_store_get_collection        (CredenceStore              *self,
                                                                  const char                 *uid_or_name,
                                                                  GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray                  *credence_store_list_collections      (CredenceStore              *self,
                                                                  GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean                    credence_store_remove_collection     (CredenceStore              *self,
                                                                  const char                 *uid,
                                                                  GError                    **error);

/* Pathways */
char                       *credence_store_add_pathway           (CredenceStore              *self,
                                                                  CredencePathway            *pathway,
                                                                  GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean                    credence_store_update_pathway        (CredenceStore              *self,
                                                                  const char                 *uid,
                                                                  CredencePathway            *pathway,
                                                                  GError                    **error);
CredencePathway            *credence_store_get_pathway           (CredenceStore              *self,
                                                                  const char                 *uid,
                                                                  GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
char                       *credence_store_find_pathway          (CredenceStore              *self,
                                                                  const char                 *uid_or_title,
                                                                  GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray                  *credence_store_list_pathways         (CredenceStore              *self,
                                                                  GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean                    credence_store_remove_pathway        (CredenceStore              *self,
                                                                  const char                 *uid,
                                                                  GError                    **error);

/* Progress */
CredenceStoreBadgeSet      *credence_store_load_badge_set        (CredenceStore              *self,
                                                                  GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
const CredencePathwayBadge *credence_store_badge_set_get_badges  (CredenceStoreBadgeSet      *set,
                                                                  gsize                      *n_badges);
const char                 *credence_store_badge_set_get_uid     (CredenceStoreBadgeSet      *set,
                                                                  guint                       index);
void                        credence_store_badge_set_free        (CredenceStoreBadgeSet      *set);

gboolean                    credence_store_update_progress       (CredenceStore              *self,
                                                                  GError                    **error);
void                        credence_store_update_progress_async (CredenceStore              *self,
                                                                  GCancellable               *cancellable,
                                                                  GAsyncReadyCallback         callback,
                                                                  gpointer                    user_data);
gboolean                    credence_store_update_progress_finish (CredenceStore             *self,
                                                                   GAsyncResult              *result,
                                                                   GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredenceStorePathway, credence_store_pathway_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredenceStoreBadgeSet, credence_store_badge_set_free)

G_END_DECLS
