/* bench-pathway-progress.c: progress of a 100-step pathway over 10 000 badges.
 *
 * Run with `meson test -C _build --benchmark pathway-progress -v`; prints
 * the time per computation (target: under 50 ms, so that recomputing after
 * an import or a re-check is not felt).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "credence-pathway-progress.h"

#define N_BADGES    10000
#define N_ISSUERS   200
#define N_CLASSES   1000
#define N_TAGS      300
#define N_SKILLS    500
#define N_ROUNDS    50

typedef struct
{
  GPtrArray                *strings;   /* everything the badges point to */
  CredencePathwayBadge     *badges;
  CredencePathwayAlignment *alignments;
  const char              **tags;      /* 3 per badge + NULL */
} Collection;

static const char *
keep (Collection *c,
      char       *s)
{
  g_ptr_array_add (c->strings, s);
  return s;
}

static void
collection_init (Collection *c,
                 GRand      *rand)
{
  c->strings = g_ptr_array_new_with_free_func (g_free);
  c->badges = g_new0 (CredencePathwayBadge, N_BADGES);
  c->alignments = g_new0 (CredencePathwayAlignment, N_BADGES);
  c->tags = g_new0 (const char *, N_BADGES * 4);

  for (guint i = 0; i < N_BADGES; i++)
    {
      CredencePathwayBadge *b = &c->badges[i];
      guint issuer = g_rand_int_range (rand, 0, N_ISSUERS);
      guint klass = g_rand_int_range (rand, 0, N_CLASSES);
      guint skill = g_rand_int_range (rand, 0, N_SKILLS);
      guint standing = g_rand_int_range (rand, 0, 10);

      b->id = keep (c, g_strdup_printf ("urn:uuid:%08x-0000-4000-8000-%012u", i, i));
      b->achievement_id = keep (c, g_strdup_printf ("https://issuer%u.example.org/badges/%u", issuer, klass));
      b->name = keep (c, g_strdup_printf ("Course %u: Topic %u in Depth", klass, klass % 97));
      b->description = keep (c, g_strdup_printf ("Awarded for completing module %u with a project "
                                                  "and an oral exam on topic %u.", klass, klass % 89));
      b->issuer_id = keep (c, g_strdup_printf ("https://issuer%u.example.org/profile", issuer));
      b->issuer_name = keep (c, g_strdup_printf ("Issuer %u", issuer));

      for (guint t = 0; t < 3; t++)
        c->tags[i * 4 + t] = keep (c, g_strdup_printf ("Tag%u", g_rand_int_range (rand, 0, N_TAGS)));
      b->tags = &c->tags[i * 4];

      c->alignments[i].name = keep (c, g_strdup_printf ("Skill %u", skill));
      c->alignments[i].url = keep (c, g_strdup_printf ("https://skills.example.eu/%u", skill));
      c->alignments[i].code = keep (c, g_strdup_printf ("S%u", skill));
      b->alignments = &c->alignments[i];
      b->n_alignments = 1;

      /* Mostly valid, some expired, a few of everything else. */
      b->standing = standing < 7 ? CREDENCE_PATHWAY_STANDING_VALID
                  : standing == 7 ? CREDENCE_PATHWAY_STANDING_EXPIRED
                  : standing == 8 ? CREDENCE_PATHWAY_STANDING_UNCHECKED
                  : CREDENCE_PATHWAY_STANDING_REVOKED;
    }
}

static void
collection_clear (Collection *c)
{
  g_free (c->badges);
  g_free (c->alignments);
  g_free (c->tags);
  g_ptr_array_unref (c->strings);
}

static CredencePathwayStep *
make_leaf (guint  n,
           GRand *rand)
{
  g_autofree char *title = g_strdup_printf ("Step %u", n);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  guint issuer = g_rand_int_range (rand, 0, N_ISSUERS);

  switch (n % 6)
    {
    case 0:
      a = g_strdup_printf ("https://issuer%u.example.org/badges/%u", issuer,
                           g_rand_int_range (rand, 0, N_CLASSES));
      return credence_pathway_step_new_achievement (title, a);
    case 1:
      a = g_strdup_printf ("urn:uuid:%08x-0000-4000-8000-%012u", n * 97, n * 97);
      return credence_pathway_step_new_badge (title, a);
    case 2:
      a = g_strdup_printf ("https://issuer%u.example.org/profile", issuer);
      b = g_strdup_printf ("tag%u", g_rand_int_range (rand, 0, N_TAGS));
      return credence_pathway_step_new_match (title, a, b, NULL, NULL);
    case 3:
      a = g_strdup_printf ("topic %u in depth", g_rand_int_range (rand, 0, 97));
      return credence_pathway_step_new_match (title, NULL, NULL, a, NULL);
    case 4:
      a = g_strdup_printf ("S%u", g_rand_int_range (rand, 0, N_SKILLS));
      return credence_pathway_step_new_match (title, NULL, NULL, NULL, a);
    default:
      a = g_strdup_printf ("https://issuer%u.example.org/profile", issuer);
      return credence_pathway_step_new_match (title, a, NULL, NULL, NULL);
    }
}

/* 100 steps: 10 groups ("any 3 of 9", with a nested group each). */
static CredencePathway *
make_pathway (GRand *rand)
{
  CredencePathway *pathway = credence_pathway_new ("Benchmark");
  guint n = 0;

  for (guint g = 0; g < 10; g++)
    {
      g_autoptr(CredencePathwayStep) group = credence_pathway_step_new_group ("Group", 3);
      g_autoptr(CredencePathwayStep) nested = credence_pathway_step_new_group ("Nested", 0);

      credence_pathway_step_append_child (credence_pathway_get_root (pathway), group);
      for (guint s = 0; s < 6; s++)
        {
          g_autoptr(CredencePathwayStep) leaf = make_leaf (n++, rand);
          credence_pathway_step_append_child (group, leaf);
        }
      credence_pathway_step_append_child (group, nested);
      for (guint s = 0; s < 2; s++)
        {
          g_autoptr(CredencePathwayStep) leaf = make_leaf (n++, rand);
          credence_pathway_step_append_child (nested, leaf);
        }
    }

  return pathway;
}

static void
bench_progress (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  g_autoptr(CredencePathway) pathway = NULL;
  Collection c;
  double total = 0, best = G_MAXDOUBLE, worst = 0;
  guint percent = 0;

  collection_init (&c, rand);
  pathway = make_pathway (rand);
  g_assert_cmpuint (credence_pathway_count_steps (pathway), ==, 100);

  for (guint r = 0; r < N_ROUNDS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(CredencePathwayProgress) progress =
        credence_pathway_compute_progress (pathway, c.badges, N_BADGES);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      total += ms;
      best = MIN (best, ms);
      worst = MAX (worst, ms);
      percent = credence_pathway_progress_get_percent (progress);
    }

  g_test_message ("progress of %u steps over %u badges: mean %.2f ms, best %.2f ms, "
                  "worst %.2f ms (%u rounds; the pathway is %u%% complete)",
                  credence_pathway_count_steps (pathway), N_BADGES,
                  total / N_ROUNDS, best, worst, N_ROUNDS, percent);

  collection_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bench/pathway-progress", bench_progress);

  return g_test_run ();
}
