/* credence-pathway-suggest.c: draft pathways made from the learner's badges.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-pathway"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-pathway-private.h"
#include "credence-pathway-progress.h"

/* One group of badges: the future draft. */
typedef struct
{
  char       *key;
  char       *title;
  GHashTable *seen;   /* achievement (or badge) id → TRUE */
  GPtrArray  *badges; /* const CredencePathwayBadge *, one per achievement */
} Draft;

static void
draft_free (gpointer data)
{
  Draft *draft = data;

  g_free (draft->key);
  g_free (draft->title);
  g_hash_table_unref (draft->seen);
  g_ptr_array_unref (draft->badges);
  g_free (draft);
}

static gboolean
badge_counts (const CredencePathwayBadge *badge)
{
  return badge->standing != CREDENCE_PATHWAY_STANDING_REVOKED &&
         badge->standing != CREDENCE_PATHWAY_STANDING_PROBLEM &&
         badge->id != NULL;
}

static void
draft_add (GHashTable                 *drafts,
           char                       *key,
           const char                 *title,
           const CredencePathwayBadge *badge)
{
  Draft *draft = g_hash_table_lookup (drafts, key);
  const char *what = badge->achievement_id != NULL ? badge->achievement_id : badge->id;

  if (draft == NULL)
    {
      draft = g_new0 (Draft, 1);
      draft->key = g_strdup (key);
      draft->title = g_strdup (title);
      draft->seen = g_hash_table_new (g_str_hash, g_str_equal);
      draft->badges = g_ptr_array_new ();
      g_hash_table_insert (drafts, key, draft);
    }
  else
    {
      g_free (key);
    }

  if (g_hash_table_add (draft->seen, (gpointer)what))
    g_ptr_array_add (draft->badges, (gpointer)badge);
}

static const char *
badge_title (const CredencePathwayBadge *badge)
{
  if (badge->name != NULL && badge->name[0] != '\0')
    return badge->name;

  return badge->achievement_id != NULL ? badge->achievement_id : badge->id;
}

static int
compare_badge_titles (gconstpointer a,
                      gconstpointer b)
{
  const CredencePathwayBadge *ba = *(const CredencePathwayBadge * const *)a;
  const CredencePathwayBadge *bb = *(const CredencePathwayBadge * const *)b;
  int cmp = g_utf8_collate (badge_title (ba), badge_title (bb));

  if (cmp != 0)
    return cmp;

  return g_strcmp0 (ba->achievement_id != NULL ? ba->achievement_id : ba->id,
                    bb->achievement_id != NULL ? bb->achievement_id : bb->id);
}

static int
compare_drafts (gconstpointer a,
                gconstpointer b)
{
  const Draft *da = *(const Draft * const *)a;
  const Draft *db = *(const Draft * const *)b;
  int cmp;

  if (da->badges->len != db->badges->len)
    return da->badges->len > db->badges->len ? -1 : 1;

  cmp = g_utf8_collate (da->title, db->title);

  return cmp != 0 ? cmp : g_strcmp0 (da->key, db->key);
}

static CredencePathway *
draft_to_pathway (Draft *draft)
{
  CredencePathway *pathway = credence_pathway_new (draft->title);
  g_autofree char *description = NULL;

  g_ptr_array_sort (draft->badges, compare_badge_titles);

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "A draft made from %u badge you hold. Add the steps that come next.",
                                              "A draft made from %u badges you hold. Add the steps that come next.",
                                              draft->badges->len),
                                 draft->badges->len);
  credence_pathway_set_description (pathway, description);

  for (guint i = 0; i < draft->badges->len; i++)
    {
      const CredencePathwayBadge *badge = g_ptr_array_index (draft->badges, i);
      g_autoptr(CredencePathwayStep) step = NULL;

      if (badge->achievement_id != NULL)
        step = credence_pathway_step_new_achievement (badge_title (badge), badge->achievement_id);
      else
        step = credence_pathway_step_new_badge (badge_title (badge), badge->id);
      credence_pathway_step_append_child (credence_pathway_get_root (pathway), step);
    }

  return pathway;
}

/**
 * credence_pathway_suggest:
 * @badges: (array length=n_badges) (nullable): the learner's badges
 * @n_badges: how many
 * @flags: how to group them
 * @min_badges: the fewest different badges a draft needs, 0 for 2
 *
 * Groups badges into draft pathways the learner can edit: one per issuer
 * and/or one per alignment target (a skill or competency).  A draft has one
 * step per BadgeClass/Achievement (two copies of a badge are one step).
 * Revoked and failing badges are left out.  Drafts come largest first,
 * then by title.
 *
 * Returns: (transfer full) (element-type CredencePathway): the drafts
 */
GPtrArray *
credence_pathway_suggest (const CredencePathwayBadge  *badges,
                          gsize                        n_badges,
                          CredencePathwaySuggestFlags  flags,
                          guint                        min_badges)
{
  g_autoptr(GHashTable) drafts = NULL;
  g_autoptr(GPtrArray) selected = NULL;
  GPtrArray *pathways;
  GHashTableIter iter;
  Draft *draft;

  g_return_val_if_fail (badges != NULL || n_badges == 0, NULL);

  if (min_badges == 0)
    min_badges = 2;

  drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, draft_free);

  for (gsize i = 0; i < n_badges; i++)
    {
      const CredencePathwayBadge *badge = &badges[i];

      if (!badge_counts (badge))
        continue;

      if ((flags & CREDENCE_PATHWAY_SUGGEST_BY_ISSUER) && badge->issuer_id != NULL)
        {
          const char *name = badge->issuer_name != NULL && badge->issuer_name[0] != '\0'
                             ? badge->issuer_name : badge->issuer_id;
          g_autofree char *title = g_strdup_printf (_("Badges From %s"), name);

          draft_add (drafts, g_strconcat ("issuer\n", badge->issuer_id, NULL), title, badge);
        }

      if (flags & CREDENCE_PATHWAY_SUGGEST_BY_ALIGNMENT)
        for (guint a = 0; a < badge->n_alignments; a++)
          {
            const CredencePathwayAlignment *al = &badge->alignments[a];
            const char *key = al->url != NULL && al->url[0] != '\0' ? al->url : al->name;
            const char *name = al->name != NULL && al->name[0] != '\0' ? al->name : al->url;
            g_autofree char *folded = NULL;
            g_autofree char *title = NULL;

            if (key == NULL || key[0] == '\0')
              continue;

            folded = _credence_pathway_fold (key);
            title = g_strdup_printf (_("Skill: %s"), name);
            draft_add (drafts, g_strconcat ("alignment\n", folded, NULL), title, badge);
          }
    }

  selected = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, drafts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&draft))
    if (draft->badges->len >= min_badges)
      g_ptr_array_add (selected, draft);
  g_ptr_array_sort (selected, compare_drafts);

  pathways = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < selected->len; i++)
    g_ptr_array_add (pathways, draft_to_pathway (g_ptr_array_index (selected, i)));

  return pathways;
}
