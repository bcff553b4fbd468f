/* credence-pathway-progress.h: how far the learner is along a pathway.
 *
 * Progress is a pure function of a pathway and a plain list of badges with
 * their latest verdict, so it is fast, testable and the same in the CLI and
 * the app.  The store turns its badges into CredencePathwayBadge values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "credence-pathway.h"

G_BEGIN_DECLS

/**
 * CredencePathwayStanding:
 * @CREDENCE_PATHWAY_STANDING_UNCHECKED: never checked, or the last check
 *   could not finish (Couldn’t Check): the badge does not count yet.
 * @CREDENCE_PATHWAY_STANDING_VALID: the last check confirmed the badge: it
 *   counts.
 * @CREDENCE_PATHWAY_STANDING_EXPIRED: genuine, but its validity ended (the
 *   only problem found was "expired"): it counts as "earned, expired"
 *   unless the pathway asks for current badges.
 * @CREDENCE_PATHWAY_STANDING_REVOKED: the issuer revoked or suspended it:
 *   it does not count.
 * @CREDENCE_PATHWAY_STANDING_PROBLEM: any other failed check (signature,
 *   recipient, data…): it does not count.
 *
 * What the latest verification says about a badge, as far as pathways care.
 */
typedef enum
{
  CREDENCE_PATHWAY_STANDING_UNCHECKED,
  CREDENCE_PATHWAY_STANDING_VALID,
  CREDENCE_PATHWAY_STANDING_EXPIRED,
  CREDENCE_PATHWAY_STANDING_REVOKED,
  CREDENCE_PATHWAY_STANDING_PROBLEM,
} CredencePathwayStanding;

/**
 * CredencePathwayAlignment:
 * @name: (nullable): targetName
 * @url: (nullable): targetUrl
 * @code: (nullable): targetCode
 * @framework: (nullable): targetFramework
 *
 * One alignment of a badge (all strings borrowed).
 */
typedef struct
{
  const char *name;
  const char *url;
  const char *code;
  const char *framework;
} CredencePathwayAlignment;

/**
 * CredencePathwayBadge:
 * @id: the assertion or credential id
 * @achievement_id: (nullable): the BadgeClass or Achievement id
 * @name: (nullable): the badge's name
 * @description: (nullable): the badge's description
 * @issuer_id: (nullable): the issuer's id
 * @issuer_name: (nullable): the issuer's name
 * @tags: (nullable): %NULL-terminated tags
 * @alignments: (nullable) (array length=n_alignments): alignments
 * @n_alignments: the number of @alignments
 * @standing: what the latest verification says
 *
 * A badge as pathways see it.  Every string is borrowed from the caller,
 * who keeps them alive while computing.
 */
typedef struct
{
  const char                     *id;
  const char                     *achievement_id;
  const char                     *name;
  const char                     *description;
  const char                     *issuer_id;
  const char                     *issuer_name;
  const char * const             *tags;
  const CredencePathwayAlignment *alignments;
  guint                           n_alignments;
  CredencePathwayStanding         standing;
} CredencePathwayBadge;

/**
 * CredencePathwayStepState:
 * @CREDENCE_PATHWAY_STEP_STATE_OPEN: nothing done yet.
 * @CREDENCE_PATHWAY_STEP_STATE_IN_PROGRESS: a group with some sub-steps done.
 * @CREDENCE_PATHWAY_STEP_STATE_DONE: done with badges that verify (or ticked
 *   off, for a manual step).
 * @CREDENCE_PATHWAY_STEP_STATE_EXPIRED: earned, expired: done only with
 *   expired badges.  Complete unless the pathway asks for current badges.
 * @CREDENCE_PATHWAY_STEP_STATE_UNCONFIRMED: a matching badge has not been
 *   confirmed (never checked or Couldn’t Check); does not count yet.
 * @CREDENCE_PATHWAY_STEP_STATE_REVOKED: the only matching badges were revoked.
 * @CREDENCE_PATHWAY_STEP_STATE_PROBLEM: the only matching badges failed a check.
 *
 * The state of one step.
 */
typedef enum
{
  CREDENCE_PATHWAY_STEP_STATE_OPEN,
  CREDENCE_PATHWAY_STEP_STATE_IN_PROGRESS,
  CREDENCE_PATHWAY_STEP_STATE_DONE,
  CREDENCE_PATHWAY_STEP_STATE_EXPIRED,
  CREDENCE_PATHWAY_STEP_STATE_UNCONFIRMED,
  CREDENCE_PATHWAY_STEP_STATE_REVOKED,
  CREDENCE_PATHWAY_STEP_STATE_PROBLEM,
} CredencePathwayStepState;

typedef struct _CredencePathwayProgress CredencePathwayProgress;

#define CREDENCE_TYPE_PATHWAY_PROGRESS (credence_pathway_progress_get_type ())

GType                     credence_pathway_progress_get_type           (void) G_GNUC_CONST;

const char               *credence_pathway_step_state_to_string        (CredencePathwayStepState  state);

CredencePathwayProgress  *credence_pathway_compute_progress            (CredencePathway          *pathway,
                                                                        const CredencePathwayBadge *badges,
                                                                        gsize                     n_badges) G_GNUC_WARN_UNUSED_RESULT;
CredencePathwayProgress  *credence_pathway_progress_ref                (CredencePathwayProgress  *self);
void                      credence_pathway_progress_unref              (CredencePathwayProgress  *self);

double                    credence_pathway_progress_get_fraction       (CredencePathwayProgress  *self);
guint                     credence_pathway_progress_get_percent        (CredencePathwayProgress  *self);
guint                     credence_pathway_progress_get_n_steps        (CredencePathwayProgress  *self);
guint                     credence_pathway_progress_get_n_complete     (CredencePathwayProgress  *self);
gboolean                  credence_pathway_progress_is_complete        (CredencePathwayProgress  *self);

CredencePathwayStepState  credence_pathway_progress_get_step_state     (CredencePathwayProgress  *self,
                                                                        CredencePathwayStep      *step);
gboolean                  credence_pathway_progress_step_is_complete   (CredencePathwayProgress  *self,
                                                                        CredencePathwayStep      *step);
double                    credence_pathway_progress_get_step_fraction  (CredencePathwayProgress  *self,
                                                                        CredencePathwayStep      *step);
const guint              *credence_pathway_progress_get_step_badges    (CredencePathwayProgress  *self,
                                                                        CredencePathwayStep      *step,
                                                                        guint                    *n_badges);
GPtrArray                *credence_pathway_progress_dup_next_steps     (CredencePathwayProgress  *self,
                                                                        guint                     max) G_GNUC_WARN_UNUSED_RESULT;

/* Suggestions (credence-pathway-suggest.c) */

/**
 * CredencePathwaySuggestFlags:
 * @CREDENCE_PATHWAY_SUGGEST_BY_ISSUER: one draft per issuer
 * @CREDENCE_PATHWAY_SUGGEST_BY_ALIGNMENT: one draft per alignment target
 *
 * How to group badges into draft pathways.
 */
typedef enum
{
  CREDENCE_PATHWAY_SUGGEST_BY_ISSUER    = 1 << 0,
  CREDENCE_PATHWAY_SUGGEST_BY_ALIGNMENT = 1 << 1,
} CredencePathwaySuggestFlags;

GPtrArray                *credence_pathway_suggest                     (const CredencePathwayBadge *badges,
                                                                        gsize                     n_badges,
                                                                        CredencePathwaySuggestFlags flags,
                                                                        guint                     min_badges) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredencePathwayProgress, credence_pathway_progress_unref)

G_END_DECLS
