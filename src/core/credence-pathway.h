/* credence-pathway.h: a learner's goal as a tree of steps, and pathway files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CREDENCE_PATHWAY_ERROR (credence_pathway_error_quark ())

/**
 * CredencePathwayError:
 * @CREDENCE_PATHWAY_ERROR_INVALID: the pathway file is not JSON, or does not
 *   follow the pathway format (a member is missing, has the wrong type, is
 *   unknown, or holds a value that is not allowed).
 * @CREDENCE_PATHWAY_ERROR_UNSUPPORTED: the file is a pathway of a newer
 *   format version, or of a step kind this version does not know.
 * @CREDENCE_PATHWAY_ERROR_TOO_LARGE: the file, or one of its texts, is
 *   larger than the limits in credence-limits.h.
 * @CREDENCE_PATHWAY_ERROR_TOO_DEEP: groups of steps nest deeper than
 *   %CREDENCE_LIMIT_PATHWAY_DEPTH (or the JSON deeper than
 *   %CREDENCE_LIMIT_JSON_DEPTH).
 * @CREDENCE_PATHWAY_ERROR_TOO_MANY: more steps than
 *   %CREDENCE_LIMIT_PATHWAY_STEPS, or more links on a step than
 *   %CREDENCE_LIMIT_PATHWAY_LINKS.
 *
 * Errors from reading a pathway file.
 */
typedef enum
{
  CREDENCE_PATHWAY_ERROR_INVALID,
  CREDENCE_PATHWAY_ERROR_UNSUPPORTED,
  CREDENCE_PATHWAY_ERROR_TOO_LARGE,
  CREDENCE_PATHWAY_ERROR_TOO_DEEP,
  CREDENCE_PATHWAY_ERROR_TOO_MANY,
} CredencePathwayError;

/* The "format" and "version" members of a pathway file. */
#define CREDENCE_PATHWAY_FORMAT         "credence-pathway"
#define CREDENCE_PATHWAY_FORMAT_VERSION 1

/**
 * CredencePathwayStepKind:
 * @CREDENCE_PATHWAY_STEP_BADGE: done by one specific badge, named by its
 *   assertion or credential id.
 * @CREDENCE_PATHWAY_STEP_ACHIEVEMENT: done by any badge of one BadgeClass
 *   (Open Badges 2.0) or Achievement (3.0) id.
 * @CREDENCE_PATHWAY_STEP_MATCH: done by any badge matching every criterion
 *   given: issuer id, tag, keyword (in the name, description or tags) and
 *   alignment (target name, URL or code).  At least one is given.
 * @CREDENCE_PATHWAY_STEP_GROUP: done when a number of its sub-steps are
 *   (all of them unless a number is set).
 * @CREDENCE_PATHWAY_STEP_MANUAL: ticked off by the learner (no badge).
 *
 * What completes a step.
 */
typedef enum
{
  CREDENCE_PATHWAY_STEP_BADGE,
  CREDENCE_PATHWAY_STEP_ACHIEVEMENT,
  CREDENCE_PATHWAY_STEP_MATCH,
  CREDENCE_PATHWAY_STEP_GROUP,
  CREDENCE_PATHWAY_STEP_MANUAL,
} CredencePathwayStepKind;

/**
 * CredencePathwayLink:
 * @title: (nullable): what the link leads to, e.g. "Course page"
 * @url: an http(s) URL
 *
 * A link on a step.
 */
typedef struct
{
  char *title;
  char *url;
} CredencePathwayLink;

typedef struct _CredencePathwayStep CredencePathwayStep;

#define CREDENCE_TYPE_PATHWAY_STEP (credence_pathway_step_get_type ())
#define CREDENCE_TYPE_PATHWAY      (credence_pathway_get_type ())

G_DECLARE_FINAL_TYPE (CredencePathway, credence_pathway, CREDENCE, PATHWAY, GObject)

GQuark                   credence_pathway_error_quark          (void);
GType                    credence_pathway_step_get_type        (void) G_GNUC_CONST;

const char              *credence_pathway_step_kind_to_string  (CredencePathwayStepKind kind);
gboolean                 credence_pathway_step_kind_from_string (const char             *name,
                                                                CredencePathwayStepKind *out_kind);

/* Steps: a tree.  A step has at most one parent, so a tree cannot hold a
 * step twice, and appending refuses a step that is already in a tree or is
 * an ancestor of the new parent: cycles cannot be built.
 */
CredencePathwayStep     *credence_pathway_step_new_badge       (const char           *title,
                                                                const char           *badge_id) G_GNUC_WARN_UNUSED_RESULT;
CredencePathwayStep     *credence_pathway_step_new_achievement (const char           *title,
                                                                const char           *achievement_id) G_GNUC_WARN_UNUSED_RESULT;
CredencePathwayStep     *credence_pathway_step_new_match       (const char           *title,
                                                                const char           *issuer,
                                                                const char           *tag,
                                                                const char           *keyword,
                                                                const char           *alignment) G_GNUC_WARN_UNUSED_RESULT;
CredencePathwayStep     *credence_pathway_step_new_group       (const char           *title,
                                                                guint                 require) G_GNUC_WARN_UNUSED_RESULT;
CredencePathwayStep     *credence_pathway_step_new_manual      (const char           *title,
                                                                gboolean              done) G_GNUC_WARN_UNUSED_RESULT;
CredencePathwayStep     *credence_pathway_step_ref             (CredencePathwayStep  *self);
void                     credence_pathway_step_unref           (CredencePathwayStep  *self);

CredencePathwayStepKind  credence_pathway_step_get_kind        (CredencePathwayStep  *self);
const char              *credence_pathway_step_get_title       (CredencePathwayStep  *self);
void                     credence_pathway_step_set_title       (CredencePathwayStep  *self,
                                                                const char           *title);
const char              *credence_pathway_step_get_note        (CredencePathwayStep  *self);
void                     credence_pathway_step_set_note        (CredencePathwayStep  *self,
                                                                const char           *note);
guint                    credence_pathway_step_get_n_links     (CredencePathwayStep  *self);
const CredencePathwayLink *credence_pathway_step_get_link      (CredencePathwayStep  *self,
                                                                guint                 index);
void                     credence_pathway_step_add_link        (CredencePathwayStep  *self,
                                                                const char           *title,
                                                                const char           *url);

const char              *credence_pathway_step_get_badge_id    (CredencePathwayStep  *self);
const char              *credence_pathway_step_get_achievement_id (CredencePathwayStep *self);
const char              *credence_pathway_step_get_issuer      (CredencePathwayStep  *self);
const char              *credence_pathway_step_get_tag         (CredencePathwayStep  *self);
const char              *credence_pathway_step_get_keyword     (CredencePathwayStep  *self);
const char              *credence_pathway_step_get_alignment   (CredencePathwayStep  *self);
guint                    credence_pathway_step_get_require     (CredencePathwayStep  *self);
void                     credence_pathway_step_set_require     (CredencePathwayStep  *self,
                                                                guint                 require);
gboolean                 credence_pathway_step_get_done        (CredencePathwayStep  *self);
void                     credence_pathway_step_set_done        (CredencePathwayStep  *self,
                                                                gboolean              done);

CredencePathwayStep     *credence_pathway_step_get_parent      (CredencePathwayStep  *self);
guint                    credence_pathway_step_get_n_children  (CredencePathwayStep  *self);
CredencePathwayStep     *credence_pathway_step_get_child       (CredencePathwayStep  *self,
                                                                guint                 index);
gboolean                 credence_pathway_step_insert_child    (CredencePathwayStep  *self,
                                                                int                   position,
                                                                CredencePathwayStep  *child);
gboolean                 credence_pathway_step_append_child    (CredencePathwayStep  *self,
                                                                CredencePathwayStep  *child);
gboolean                 credence_pathway_step_remove_child    (CredencePathwayStep  *self,
                                                                CredencePathwayStep  *child);
guint                    credence_pathway_step_get_depth       (CredencePathwayStep  *self);

/* The pathway */
CredencePathway         *credence_pathway_new                  (const char           *title) G_GNUC_WARN_UNUSED_RESULT;
const char              *credence_pathway_get_title            (CredencePathway      *self);
void                     credence_pathway_set_title            (CredencePathway      *self,
                                                                const char           *title);
const char              *credence_pathway_get_description      (CredencePathway      *self);
void                     credence_pathway_set_description      (CredencePathway      *self,
                                                                const char           *description);
const char              *credence_pathway_get_target_date      (CredencePathway      *self);
gboolean                 credence_pathway_set_target_date      (CredencePathway      *self,
                                                                const char           *date);
gboolean                 credence_pathway_get_count_expired    (CredencePathway      *self);
void                     credence_pathway_set_count_expired    (CredencePathway      *self,
                                                                gboolean              count_expired);
CredencePathwayStep     *credence_pathway_get_root             (CredencePathway      *self);
guint                    credence_pathway_count_steps          (CredencePathway      *self);

gboolean                 credence_pathway_is_valid_date        (const char           *date);
gboolean                 credence_pathway_is_valid_url         (const char           *url);

/* Pathway files (credence-pathway-file.c) */
CredencePathway         *credence_pathway_new_from_bytes       (GBytes               *bytes,
                                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
CredencePathway         *credence_pathway_new_from_file        (GFile                *file,
                                                                GCancellable         *cancellable,
                                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
GBytes                  *credence_pathway_to_bytes             (CredencePathway      *self) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredencePathwayStep, credence_pathway_step_unref)

G_END_DECLS
