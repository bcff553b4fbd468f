/* test-pathway-suggest.c: draft pathways grouped by issuer or alignment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "credence-pathway-progress.h"

#define UNI  "https://uni.example.org/issuer"
#define CODE "https://code.example.net/profile"

static const CredencePathwayAlignment sql_skill[] = {
  { "Use SQL", "https://esco.example.eu/skill/sql", NULL, "ESCO" },
};
static const CredencePathwayAlignment sql_skill_upper[] = {
  { "Use SQL", "HTTPS://ESCO.EXAMPLE.EU/SKILL/SQL", NULL, NULL },
};
static const CredencePathwayAlignment named_only[] = {
  { "Teamwork", NULL, NULL, NULL },
};

static const CredencePathwayBadge badges[] = {
  { "urn:1", "https://uni.example.org/b/sql", "SQL Basics", NULL, UNI, "Example University",
    NULL, sql_skill, 1, CREDENCE_PATHWAY_STANDING_VALID },
  /* The same class again: one step. */
  { "urn:2", "https://uni.example.org/b/sql", "SQL Basics", NULL, UNI, "Example University",
    NULL, NULL, 0, CREDENCE_PATHWAY_STANDING_EXPIRED },
  { "urn:3", "https://uni.example.org/b/algebra", "Algebra", NULL, UNI, "Example University",
    NULL, named_only, 1, CREDENCE_PATHWAY_STANDING_UNCHECKED },
  { "urn:4", NULL, NULL, NULL, UNI, "Example University",
    NULL, NULL, 0, CREDENCE_PATHWAY_STANDING_VALID },
  /* Revoked and failing badges are left out. */
  { "urn:5", "https://uni.example.org/b/revoked", "Revoked", NULL, UNI, "Example University",
    NULL, NULL, 0, CREDENCE_PATHWAY_STANDING_REVOKED },
  { "urn:6", "https://code.example.net/b/sql", "Advanced SQL", NULL, CODE, NULL,
    NULL, sql_skill_upper, 1, CREDENCE_PATHWAY_STANDING_VALID },
  { "urn:7", "https://code.example.net/b/fake", "Fake", NULL, CODE, NULL,
    NULL, named_only, 1, CREDENCE_PATHWAY_STANDING_PROBLEM },
};

static void
assert_step (CredencePathway         *pathway,
             guint                    index,
             CredencePathwayStepKind  kind,
             const char              *title,
             const char              *id)
{
  CredencePathwayStep *step = credence_pathway_step_get_child (credence_pathway_get_root (pathway), index);

  g_assert_cmpint (credence_pathway_step_get_kind (step), ==, kind);
  g_assert_cmpstr (credence_pathway_step_get_title (step), ==, title);
  if (kind == CREDENCE_PATHWAY_STEP_ACHIEVEMENT)
    g_assert_cmpstr (credence_pathway_step_get_achievement_id (step), ==, id);
  else
    g_assert_cmpstr (credence_pathway_step_get_badge_id (step), ==, id);
}

static void
test_suggest_by_issuer (void)
{
  g_autoptr(GPtrArray) drafts = credence_pathway_suggest (badges, G_N_ELEMENTS (badges),
                                                          CREDENCE_PATHWAY_SUGGEST_BY_ISSUER, 0);
  CredencePathway *uni;
  g_autoptr(CredencePathwayProgress) progress = NULL;

  /* Code School has one usable badge: below the minimum of 2. */
  g_assert_cmpuint (drafts->len, ==, 1);
  uni = g_ptr_array_index (drafts, 0);
  g_assert_cmpstr (credence_pathway_get_title (uni), ==, "Badges From Example University");
  g_assert_cmpstr (credence_pathway_get_description (uni), ==,
                   "A draft made from 3 badges you hold. Add the steps that come next.");
  g_assert_cmpuint (credence_pathway_count_steps (uni), ==, 3);
  assert_step (uni, 0, CREDENCE_PATHWAY_STEP_ACHIEVEMENT, "Algebra", "https://uni.example.org/b/algebra");
  assert_step (uni, 1, CREDENCE_PATHWAY_STEP_ACHIEVEMENT, "SQL Basics", "https://uni.example.org/b/sql");
  assert_step (uni, 2, CREDENCE_PATHWAY_STEP_BADGE, "urn:4", "urn:4");

  /* A draft is a pathway like any other: its progress can be computed. */
  progress = credence_pathway_compute_progress (uni, badges, G_N_ELEMENTS (badges));
  g_assert_cmpuint (credence_pathway_progress_get_n_complete (progress), ==, 2);
  g_clear_pointer (&drafts, g_ptr_array_unref);

  drafts = credence_pathway_suggest (badges, G_N_ELEMENTS (badges), CREDENCE_PATHWAY_SUGGEST_BY_ISSUER, 1);
  g_assert_cmpuint (drafts->len, ==, 2);
  /* No issuer name: the id stands in. */
  g_assert_cmpstr (credence_pathway_get_title (g_ptr_array_index (drafts, 1)), ==, "Badges From " CODE);
  g_assert_cmpstr (credence_pathway_get_description (g_ptr_array_index (drafts, 1)), ==,
                   "A draft made from 1 badge you hold. Add the steps that come next.");
}

static void
test_suggest_by_alignment (void)
{
  g_autoptr(GPtrArray) drafts = credence_pathway_suggest (badges, G_N_ELEMENTS (badges),
                                                          CREDENCE_PATHWAY_SUGGEST_BY_ALIGNMENT, 0);
  g_autoptr(GPtrArray) both = NULL;
  g_autoptr(GPtrArray) none = NULL;
  CredencePathway *sql;

  /* The two SQL alignments are one target whatever the case; "Teamwork"
   * has one usable badge only.
   */
  g_assert_cmpuint (drafts->len, ==, 1);
  sql = g_ptr_array_index (drafts, 0);
  g_assert_cmpstr (credence_pathway_get_title (sql), ==, "Skill: Use SQL");
  g_assert_cmpuint (credence_pathway_count_steps (sql), ==, 2);
  assert_step (sql, 0, CREDENCE_PATHWAY_STEP_ACHIEVEMENT, "Advanced SQL", "https://code.example.net/b/sql");
  assert_step (sql, 1, CREDENCE_PATHWAY_STEP_ACHIEVEMENT, "SQL Basics", "https://uni.example.org/b/sql");

  /* Both groupings, largest first. */
  both = credence_pathway_suggest (badges, G_N_ELEMENTS (badges),
                                   CREDENCE_PATHWAY_SUGGEST_BY_ISSUER | CREDENCE_PATHWAY_SUGGEST_BY_ALIGNMENT, 0);
  g_assert_cmpuint (both->len, ==, 2);
  g_assert_cmpstr (credence_pathway_get_title (g_ptr_array_index (both, 0)), ==, "Badges From Example University");
  g_assert_cmpstr (credence_pathway_get_title (g_ptr_array_index (both, 1)), ==, "Skill: Use SQL");

  none = credence_pathway_suggest (NULL, 0, CREDENCE_PATHWAY_SUGGEST_BY_ISSUER, 0);
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pathway-suggest/by-issuer", test_suggest_by_issuer);
  g_test_add_func ("/pathway-suggest/by-alignment", test_suggest_by_alignment);

  return g_test_run ();
}
