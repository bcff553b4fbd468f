/* credence-pathway-progress.c: how far the learner is along a pathway.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-pathway-progress"

#include "config.h"

#include <math.h>
#include <string.h>

#include "credence-pathway-private.h"
#include "credence-pathway-progress.h"

typedef struct
{
  CredencePathwayStepState  state;
  gboolean                  complete;
  double                    fraction;
  GArray                   *badges; /* guint indices, best first; NULL for groups */
} StepResult;

struct _CredencePathwayProgress
{
  gatomicrefcount      ref_count;
  CredencePathwayStep *root;
  GHashTable          *results; /* CredencePathwayStep (ref) → StepResult */
};

G_DEFINE_BOXED_TYPE (CredencePathwayProgress, credence_pathway_progress,
                     credence_pathway_progress_ref, credence_pathway_progress_unref)

/* What the badges look like, indexed once per computation.  Folded tables
 * are only built when a step needs them.
 */
typedef struct
{
  const CredencePathwayBadge *badges;
  gsize                       n_badges;
  gboolean                    count_expired;

  GHashTable                 *by_id;          /* const char * → GArray of guint */
  GHashTable                 *by_achievement;
  GHashTable                 *by_issuer;
  GHashTable                 *by_tag;         /* folded, owned keys */
  GHashTable                 *by_alignment;   /* folded, owned keys */
  char                      **haystacks;      /* folded name, description and tags */

  GHashTable                 *folded_criteria; /* const char * → folded string */
} Index;

static const char * const state_names[] = {
  [CREDENCE_PATHWAY_STEP_STATE_OPEN] = "open",
  [CREDENCE_PATHWAY_STEP_STATE_IN_PROGRESS] = "in-progress",
  [CREDENCE_PATHWAY_STEP_STATE_DONE] = "done",
  [CREDENCE_PATHWAY_STEP_STATE_EXPIRED] = "expired",
  [CREDENCE_PATHWAY_STEP_STATE_UNCONFIRMED] = "unconfirmed",
  [CREDENCE_PATHWAY_STEP_STATE_REVOKED] = "revoked",
  [CREDENCE_PATHWAY_STEP_STATE_PROBLEM] = "problem",
};

/**
 * credence_pathway_step_state_to_string:
 *
 * Returns: a stable name for @state, used by `credence-cli pathway show --json`
 */
const char *
credence_pathway_step_state_to_string (CredencePathwayStepState state)
{
  g_return_val_if_fail ((guint)state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

static void
step_result_free (gpointer data)
{
  StepResult *result = data;

  g_clear_pointer (&result->badges, g_array_unref);
  g_free (result);
}

/**
 * _credence_pathway_fold:
 *
 * Returns: (transfer full): @text in a form that compares without regard
 *   to case or Unicode normalisation
 */
char *
_credence_pathway_fold (const char *text)
{
  g_autofree char *normalized = NULL;

  if (text == NULL)
    return g_strdup ("");

  /* Most badge text is ASCII: skip normalisation there. */
  for (const char *p = text; ; p++)
    {
      if (*p == '\0')
        return g_ascii_strdown (text, -1);
      if ((guchar)*p >= 0x80)
        break;
    }

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  if (normalized == NULL)
    return g_strdup ("");

  return g_utf8_casefold (normalized, -1);
}

static void
index_add (GHashTable *table,
           char       *key,
           gboolean    owned_key,
           guint       badge)
{
  GArray *list = g_hash_table_lookup (table, key);

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (table, key, list);
    }
  else if (owned_key)
    {
      g_free (key);
    }

  /* A badge listing the same tag twice is one match. */
  if (list->len == 0 || g_array_index (list, guint, list->len - 1) != badge)
    g_array_append_val (list, badge);
}

static void
scan_needs (CredencePathwayStep *step,
            gboolean            *needs_tags,
            gboolean            *needs_alignments,
            gboolean            *needs_keywords)
{
  if (credence_pathway_step_get_kind (step) == CREDENCE_PATHWAY_STEP_MATCH)
    {
      *needs_tags |= credence_pathway_step_get_tag (step) != NULL;
      *needs_alignments |= credence_pathway_step_get_alignment (step) != NULL;
      *needs_keywords |= credence_pathway_step_get_keyword (step) != NULL;
    }

  for (guint i = 0; i < credence_pathway_step_get_n_children (step); i++)
    scan_needs (credence_pathway_step_get_child (step, i),
                needs_tags, needs_alignments, needs_keywords);
}

static void
index_init (Index                      *index,
            CredencePathway            *pathway,
            const CredencePathwayBadge *badges,
            gsize                       n_badges)
{
  gboolean needs_tags = FALSE;
  gboolean needs_alignments = FALSE;
  gboolean needs_keywords = FALSE;

  memset (index, 0, sizeof *index);
  index->badges = badges;
  index->n_badges = n_badges;
  index->count_expired = credence_pathway_get_count_expired (pathway);

  index->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify)g_array_unref);
  index->by_achievement = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                 (GDestroyNotify)g_array_unref);
  index->by_issuer = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify)g_array_unref);
  index->folded_criteria = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  scan_needs (credence_pathway_get_root (pathway),
              &needs_tags, &needs_alignments, &needs_keywords);

  if (needs_tags)
    index->by_tag = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify)g_array_unref);
  if (needs_alignments)
    index->by_alignment = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify)g_array_unref);
  if (needs_keywords)
    index->haystacks = g_new0 (char *, n_badges + 1);

  for (guint i = 0; i < n_badges; i++)
    {
      const CredencePathwayBadge *badge = &badges[i];

      if (badge->id != NULL)
        index_add (index->by_id, (char *)badge->id, FALSE, i);
      if (badge->achievement_id != NULL)
        index_add (index->by_achievement, (char *)badge->achievement_id, FALSE, i);
      if (badge->issuer_id != NULL)
        index_add (index->by_issuer, (char *)badge->issuer_id, FALSE, i);

      if (needs_tags && badge->tags != NULL)
        for (guint t = 0; badge->tags[t] != NULL; t++)
          index_add (index->by_tag, _credence_pathway_fold (badge->tags[t]), TRUE, i);

      if (needs_alignments)
        for (guint a = 0; a < badge->n_alignments; a++)
          {
            const CredencePathwayAlignment *al = &badge->alignments[a];
            const char *keys[] = { al->name, al->url, al->code };

            for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
              if (keys[k] != NULL && keys[k][0] != '\0')
                index_add (index->by_alignment, _credence_pathway_fold (keys[k]), TRUE, i);
          }

      if (needs_keywords)
        {
          g_autoptr(GString) text = g_string_new (NULL);

          if (badge->name != NULL)
            g_string_append (text, badge->name);
          g_string_append_c (text, '\n');
          if (badge->description != NULL)
            g_string_append (text, badge->description);
          if (badge->tags != NULL)
            for (guint t = 0; badge->tags[t] != NULL; t++)
              {
                g_string_append_c (text, '\n');
                g_string_append (text, badge->tags[t]);
              }
          index->haystacks[i] = _credence_pathway_fold (text->str);
        }
    }
}

static void
index_clear (Index *index)
{
  g_clear_pointer (&index->by_id, g_hash_table_unref);
  g_clear_pointer (&index->by_achievement, g_hash_table_unref);
  g_clear_pointer (&index->by_issuer, g_hash_table_unref);
  g_clear_pointer (&index->by_tag, g_hash_table_unref);
  g_clear_pointer (&index->by_alignment, g_hash_table_unref);
  g_clear_pointer (&index->haystacks, g_strfreev);
  g_clear_pointer (&index->folded_criteria, g_hash_table_unref);
}

static const char *
index_fold_criterion (Index      *index,
                      const char *criterion)
{
  char *folded = g_hash_table_lookup (index->folded_criteria, criterion);

  if (folded == NULL)
    {
      folded = _credence_pathway_fold (criterion);
      g_hash_table_insert (index->folded_criteria, (char *)criterion, folded);
    }

  return folded;
}

static gboolean
list_contains (GArray *list,
               guint   badge)
{
  guint lo = 0, hi;

  /* Lists are built in badge order, so they are sorted. */
  if (list == NULL)
    return FALSE;

  hi = list->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint value = g_array_index (list, guint, mid);

      if (value == badge)
        return TRUE;
      else if (value < badge)
        lo = mid + 1;
      else
        hi = mid;
    }

  return FALSE;
}

static guint
standing_rank (CredencePathwayStanding standing)
{
  switch (standing)
    {
    case CREDENCE_PATHWAY_STANDING_VALID:
      return 0;
    case CREDENCE_PATHWAY_STANDING_EXPIRED:
      return 1;
    case CREDENCE_PATHWAY_STANDING_UNCHECKED:
      return 2;
    case CREDENCE_PATHWAY_STANDING_REVOKED:
      return 3;
    case CREDENCE_PATHWAY_STANDING_PROBLEM:
    default:
      return 4;
    }
}

static int
compare_badges (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const CredencePathwayBadge *badges = user_data;
  guint ia = *(const guint *)a;
  guint ib = *(const guint *)b;
  guint ra = standing_rank (badges[ia].standing);
  guint rb = standing_rank (badges[ib].standing);

  if (ra != rb)
    return ra < rb ? -1 : 1;

  return ia < ib ? -1 : (ia > ib ? 1 : 0);
}

static GArray *
match_leaf (Index               *index,
            CredencePathwayStep *step)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *candidates = NULL;
  gboolean all_badges = FALSE;
  const char *issuer;
  const char *tag = NULL;
  const char *keyword = NULL;
  const char *alignment = NULL;
  GArray *tag_list = NULL;
  GArray *alignment_list = NULL;
  guint n;

  switch (credence_pathway_step_get_kind (step))
    {
    case CREDENCE_PATHWAY_STEP_BADGE:
      candidates = g_hash_table_lookup (index->by_id, credence_pathway_step_get_badge_id (step));
      if (candidates != NULL)
        g_array_append_vals (matches, candidates->data, candidates->len);
      return matches;

    case CREDENCE_PATHWAY_STEP_ACHIEVEMENT:
      candidates = g_hash_table_lookup (index->by_achievement,
                                        credence_pathway_step_get_achievement_id (step));
      if (candidates != NULL)
        g_array_append_vals (matches, candidates->data, candidates->len);
      return matches;

    case CREDENCE_PATHWAY_STEP_MATCH:
      break;

    case CREDENCE_PATHWAY_STEP_GROUP:
    case CREDENCE_PATHWAY_STEP_MANUAL:
    default:
      return matches;
    }

  /* A match step: start from the smallest list of candidates, then keep
   * the badges that meet every criterion.
   */
  issuer = credence_pathway_step_get_issuer (step);
  if (credence_pathway_step_get_tag (step) != NULL)
    {
      tag = index_fold_criterion (index, credence_pathway_step_get_tag (step));
      tag_list = g_hash_table_lookup (index->by_tag, tag);
      if (tag_list == NULL)
        return matches;
    }
  if (credence_pathway_step_get_alignment (step) != NULL)
    {
      alignment = index_fold_criterion (index, credence_pathway_step_get_alignment (step));
      alignment_list = g_hash_table_lookup (index->by_alignment, alignment);
      if (alignment_list == NULL)
        return matches;
    }
  if (credence_pathway_step_get_keyword (step) != NULL)
    keyword = index_fold_criterion (index, credence_pathway_step_get_keyword (step));

  if (issuer != NULL)
    {
      candidates = g_hash_table_lookup (index->by_issuer, issuer);
      if (candidates == NULL)
        return matches;
    }
  if (tag_list != NULL && (candidates == NULL || tag_list->len < candidates->len))
    candidates = tag_list;
  if (alignment_list != NULL && (candidates == NULL || alignment_list->len < candidates->len))
    candidates = alignment_list;
  if (candidates == NULL)
    all_badges = TRUE;

  n = all_badges ? index->n_badges : candidates->len;
  for (guint c = 0; c < n; c++)
    {
      guint i = all_badges ? c : g_array_index (candidates, guint, c);
      const CredencePathwayBadge *badge = &index->badges[i];

      if (issuer != NULL && g_strcmp0 (badge->issuer_id, issuer) != 0)
        continue;
      if (tag_list != NULL && tag_list != candidates && !list_contains (tag_list, i))
        continue;
      if (alignment_list != NULL && alignment_list != candidates &&
          !list_contains (alignment_list, i))
        continue;
      if (keyword != NULL && strstr (index->haystacks[i], keyword) == NULL)
        continue;

      g_array_append_val (matches, i);
    }

  return matches;
}

static StepResult *
compute_step (CredencePathwayProgress *self,
              Index                   *index,
              CredencePathwayStep     *step)
{
  StepResult *result = g_new0 (StepResult, 1);
  CredencePathwayStepKind kind = credence_pathway_step_get_kind (step);

  if (kind == CREDENCE_PATHWAY_STEP_GROUP)
    {
      guint n = credence_pathway_step_get_n_children (step);
      guint require = credence_pathway_step_get_require (step);
      g_autofree double *fractions = g_new0 (double, MAX (n, 1));
      guint n_done = 0, n_complete = 0;
      double sum = 0;

      if (require == 0 || require > n)
        require = n;

      for (guint i = 0; i < n; i++)
        {
          StepResult *child = compute_step (self, index, credence_pathway_step_get_child (step, i));

          n_done += child->state == CREDENCE_PATHWAY_STEP_STATE_DONE;
          n_complete += child->complete;
          fractions[i] = child->fraction;
        }

      /* The group needs its best @require sub-steps. */
      for (guint k = 0; k < require; k++)
        {
          guint best = k;

          for (guint j = k + 1; j < n; j++)
            if (fractions[j] > fractions[best])
              best = j;
          sum += fractions[best];
          fractions[best] = fractions[k];
        }

      result->fraction = require > 0 ? MIN (1.0, sum / require) : 0.0;
      if (require > 0 && n_done >= require)
        result->state = CREDENCE_PATHWAY_STEP_STATE_DONE;
      else if (require > 0 && n_complete >= require)
        result->state = CREDENCE_PATHWAY_STEP_STATE_EXPIRED;
      else if (result->fraction > 0)
        result->state = CREDENCE_PATHWAY_STEP_STATE_IN_PROGRESS;
      else
        result->state = CREDENCE_PATHWAY_STEP_STATE_OPEN;
      result->complete = require > 0 && n_complete >= require;
      if (result->complete)
        result->fraction = 1.0;
    }
  else if (kind == CREDENCE_PATHWAY_STEP_MANUAL)
    {
      result->state = credence_pathway_step_get_done (step) ? CREDENCE_PATHWAY_STEP_STATE_DONE
                                                            : CREDENCE_PATHWAY_STEP_STATE_OPEN;
      result->complete = credence_pathway_step_get_done (step);
      result->fraction = result->complete ? 1.0 : 0.0;
    }
  else
    {
      result->badges = match_leaf (index, step);
      if (result->badges->len > 1)
        g_array_sort_with_data (result->badges, compare_badges, (gpointer)index->badges);

      if (result->badges->len == 0)
        result->state = CREDENCE_PATHWAY_STEP_STATE_OPEN;
      else
        switch (index->badges[g_array_index (result->badges, guint, 0)].standing)
          {
          case CREDENCE_PATHWAY_STANDING_VALID:
            result->state = CREDENCE_PATHWAY_STEP_STATE_DONE;
            break;
          case CREDENCE_PATHWAY_STANDING_EXPIRED:
            result->state = CREDENCE_PATHWAY_STEP_STATE_EXPIRED;
            break;
          case CREDENCE_PATHWAY_STANDING_UNCHECKED:
            result->state = CREDENCE_PATHWAY_STEP_STATE_UNCONFIRMED;
            break;
          case CREDENCE_PATHWAY_STANDING_REVOKED:
            result->state = CREDENCE_PATHWAY_STEP_STATE_REVOKED;
            break;
          case CREDENCE_PATHWAY_STANDING_PROBLEM:
          default:
            result->state = CREDENCE_PATHWAY_STEP_STATE_PROBLEM;
            break;
          }

      result->complete = result->state == CREDENCE_PATHWAY_STEP_STATE_DONE ||
                         (result->state == CREDENCE_PATHWAY_STEP_STATE_EXPIRED && index->count_expired);
      result->fraction = result->complete ? 1.0 : 0.0;
    }

  g_hash_table_insert (self->results, credence_pathway_step_ref (step), result);

  return result;
}

/**
 * credence_pathway_compute_progress:
 * @pathway: a pathway
 * @badges: (array length=n_badges) (nullable): the learner's badges
 * @n_badges: how many
 *
 * Works out which steps @badges complete.  Only badges that verify count;
 * expired ones make a step "earned, expired" (complete unless the pathway
 * asks for current badges); revoked and failing ones are shown but do not
 * count.  Pure and synchronous: about linear in badges plus steps.
 *
 * The result refers to badges by their index in @badges and keeps the
 * steps it saw; compute again after editing the pathway or the badges.
 *
 * Returns: (transfer full): the progress
 */
CredencePathwayProgress *
credence_pathway_compute_progress (CredencePathway            *pathway,
                                   const CredencePathwayBadge *badges,
                                   gsize                       n_badges)
{
  CredencePathwayProgress *self;
  Index index;

  g_return_val_if_fail (CREDENCE_IS_PATHWAY (pathway), NULL);
  g_return_val_if_fail (badges != NULL || n_badges == 0, NULL);
  g_return_val_if_fail (n_badges <= G_MAXUINT, NULL);

  self = g_new0 (CredencePathwayProgress, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->root = credence_pathway_step_ref (credence_pathway_get_root (pathway));
  self->results = g_hash_table_new_full (NULL, NULL,
                                         (GDestroyNotify)credence_pathway_step_unref,
                                         step_result_free);

  index_init (&index, pathway, badges, n_badges);
  compute_step (self, &index, self->root);
  index_clear (&index);

  return self;
}

CredencePathwayProgress *
credence_pathway_progress_ref (CredencePathwayProgress *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
credence_pathway_progress_unref (CredencePathwayProgress *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->results);
  credence_pathway_step_unref (self->root);
  g_free (self);
}

static StepResult *
lookup (CredencePathwayProgress *self,
        CredencePathwayStep     *step)
{
  return g_hash_table_lookup (self->results, step);
}

/**
 * credence_pathway_progress_get_fraction:
 *
 * Groups count partly: "2 of 4" with one done is half done.
 *
 * Returns: how much of the pathway is complete, from 0 to 1
 */
double
credence_pathway_progress_get_fraction (CredencePathwayProgress *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return lookup (self, self->root)->fraction;
}

/**
 * credence_pathway_progress_get_percent:
 *
 * Returns: the fraction as a whole percentage, rounded down, so that 100
 *   means complete
 */
guint
credence_pathway_progress_get_percent (CredencePathwayProgress *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (guint)floor (credence_pathway_progress_get_fraction (self) * 100.0 + 1e-9);
}

/**
 * credence_pathway_progress_get_n_steps:
 *
 * Returns: the number of top-level steps ("3 of 5 steps complete")
 */
guint
credence_pathway_progress_get_n_steps (CredencePathwayProgress *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return credence_pathway_step_get_n_children (self->root);
}

/**
 * credence_pathway_progress_get_n_complete:
 *
 * Returns: the number of complete top-level steps
 */
guint
credence_pathway_progress_get_n_complete (CredencePathwayProgress *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < credence_pathway_step_get_n_children (self->root); i++)
    n += lookup (self, credence_pathway_step_get_child (self->root, i))->complete;

  return n;
}

gboolean
credence_pathway_progress_is_complete (CredencePathwayProgress *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return lookup (self, self->root)->complete;
}

/**
 * credence_pathway_progress_get_step_state:
 *
 * Returns: the state of @step, %CREDENCE_PATHWAY_STEP_STATE_OPEN for a step
 *   added after the computation
 */
CredencePathwayStepState
credence_pathway_progress_get_step_state (CredencePathwayProgress *self,
                                          CredencePathwayStep     *step)
{
  StepResult *result;

  g_return_val_if_fail (self != NULL, CREDENCE_PATHWAY_STEP_STATE_OPEN);

  result = lookup (self, step);

  return result != NULL ? result->state : CREDENCE_PATHWAY_STEP_STATE_OPEN;
}

gboolean
credence_pathway_progress_step_is_complete (CredencePathwayProgress *self,
                                            CredencePathwayStep     *step)
{
  StepResult *result;

  g_return_val_if_fail (self != NULL, FALSE);

  result = lookup (self, step);

  return result != NULL && result->complete;
}

double
credence_pathway_progress_get_step_fraction (CredencePathwayProgress *self,
                                             CredencePathwayStep     *step)
{
  StepResult *result;

  g_return_val_if_fail (self != NULL, 0);

  result = lookup (self, step);

  return result != NULL ? result->fraction : 0.0;
}

/**
 * credence_pathway_progress_get_step_badges:
 * @n_badges: (out): how many badges match
 *
 * The badges matching a badge, achievement or match step, best first:
 * valid, expired, unchecked, revoked, failing.  Groups and manual steps
 * have none.
 *
 * Returns: (array length=n_badges) (transfer none) (nullable): indices
 *   into the array the progress was computed from
 */
const guint *
credence_pathway_progress_get_step_badges (CredencePathwayProgress *self,
                                           CredencePathwayStep     *step,
                                           guint                   *n_badges)
{
  StepResult *result;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_badges != NULL, NULL);

  result = lookup (self, step);
  if (result == NULL || result->badges == NULL || result->badges->len == 0)
    {
      *n_badges = 0;
      return NULL;
    }

  *n_badges = result->badges->len;

  return (const guint *)(gpointer)result->badges->data;
}

static void
collect_next (CredencePathwayProgress *self,
              CredencePathwayStep     *step,
              GPtrArray               *next,
              guint                    max)
{
  for (guint i = 0; i < credence_pathway_step_get_n_children (step); i++)
    {
      CredencePathwayStep *child = credence_pathway_step_get_child (step, i);

      if (max > 0 && next->len >= max)
        return;

      if (lookup (self, child)->complete)
        continue;

      if (credence_pathway_step_get_kind (child) == CREDENCE_PATHWAY_STEP_GROUP)
        collect_next (self, child, next, max);
      else
        g_ptr_array_add (next, credence_pathway_step_ref (child));
    }
}

/**
 * credence_pathway_progress_dup_next_steps:
 * @max: at most this many, 0 for all
 *
 * The steps that are not complete yet, in order, skipping groups that are
 * already complete: "what’s next".
 *
 * Returns: (transfer full) (element-type CredencePathwayStep): the steps
 */
GPtrArray *
credence_pathway_progress_dup_next_steps (CredencePathwayProgress *self,
                                          guint                    max)
{
  GPtrArray *next;

  g_return_val_if_fail (self != NULL, NULL);

  next = g_ptr_array_new_with_free_func ((GDestroyNotify)credence_pathway_step_unref);
  collect_next (self, self->root, next, max);

  return next;
}
