/* test-pathway-progress.c: which steps a learner's badges complete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-pathway-progress.h"

#define ISSUER_UNI  "https://uni.example.org/issuer"
#define ISSUER_CODE "https://code.example.net/profile"
#define SQL_CLASS   "https://uni.example.org/badges/sql"
#define STATS_CLASS "https://uni.example.org/badges/stats"

static const char * const python_tags[] = { "Python", "programming", NULL };
static const char * const data_tags[] = { "data", "Statistics", NULL };
static const char * const dup_tags[] = { "data", "DATA", NULL };

static const CredencePathwayAlignment esco_sql[] = {
  { "Use SQL", "https://esco.example.eu/skill/sql", "S1.2.3", "ESCO" },
};
static const CredencePathwayAlignment esco_stats[] = {
  { "Statistics", "https://esco.example.eu/skill/stats", "S4.5", "ESCO" },
  { "Data analysis", NULL, NULL, NULL },
};

/* A learner's collection: index 0..7. */
static const CredencePathwayBadge collection[] = {
  { "urn:uuid:sql-1", SQL_CLASS, "SQL Basics", "Queries and joins.", ISSUER_UNI, "Example University",
    NULL, esco_sql, G_N_ELEMENTS (esco_sql), CREDENCE_PATHWAY_STANDING_VALID },
  { "urn:uuid:stats-1", STATS_CLASS, "Statistics I", "Descriptive statistics.", ISSUER_UNI, "Example University",
    data_tags, esco_stats, G_N_ELEMENTS (esco_stats), CREDENCE_PATHWAY_STANDING_EXPIRED },
  { "https://code.example.net/a/1", "https://code.example.net/b/python", "Python for Analysts",
    "Pandas and notebooks.", ISSUER_CODE, "Code School", python_tags, NULL, 0,
    CREDENCE_PATHWAY_STANDING_VALID },
  { "https://code.example.net/a/2", "https://code.example.net/b/r", "R Programming", "Tidyverse.",
    ISSUER_CODE, "Code School", NULL, NULL, 0, CREDENCE_PATHWAY_STANDING_REVOKED },
  { "https://code.example.net/a/3", "https://code.example.net/b/viz", "Data Visualisation", NULL,
    ISSUER_CODE, "Code School", dup_tags, NULL, 0, CREDENCE_PATHWAY_STANDING_UNCHECKED },
  { "https://code.example.net/a/4", "https://code.example.net/b/ml", "Machine Learning", NULL,
    ISSUER_CODE, "Code School", NULL, NULL, 0, CREDENCE_PATHWAY_STANDING_PROBLEM },
  /* Earned twice: the revoked copy must not hide the valid one. */
  { "urn:uuid:sql-0", SQL_CLASS, "SQL Basics", NULL, ISSUER_UNI, "Example University",
    NULL, NULL, 0, CREDENCE_PATHWAY_STANDING_REVOKED },
  { "urn:uuid:nameless", NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, CREDENCE_PATHWAY_STANDING_VALID },
};

static CredencePathwayStep *
add (CredencePathwayStep *parent,
     CredencePathwayStep *step)
{
  g_assert_true (credence_pathway_step_append_child (parent, step));
  credence_pathway_step_unref (step);

  return step;
}

static void
assert_badges (CredencePathwayProgress *progress,
               CredencePathwayStep     *step,
               const guint             *expected,
               guint                    n_expected)
{
  guint n = G_MAXUINT;
  const guint *badges = credence_pathway_progress_get_step_badges (progress, step, &n);

  g_assert_cmpmem (badges, n * sizeof (guint), expected, n_expected * sizeof (guint));
}

static void
test_progress_badge_and_achievement (void)
{
  g_autoptr(CredencePathway) pathway = credence_pathway_new ("Kinds");
  CredencePathwayStep *root = credence_pathway_get_root (pathway);
  CredencePathwayStep *by_id, *by_missing_id, *by_class, *by_expired_class, *by_revoked_id;
  g_autoptr(CredencePathwayProgress) progress = NULL;

  by_id = add (root, credence_pathway_step_new_badge ("Python", "https://code.example.net/a/1"));
  by_missing_id = add (root, credence_pathway_step_new_badge ("Missing", "urn:uuid:nope"));
  by_class = add (root, credence_pathway_step_new_achievement ("SQL", SQL_CLASS));
  by_expired_class = add (root, credence_pathway_step_new_achievement ("Stats", STATS_CLASS));
  by_revoked_id = add (root, credence_pathway_step_new_badge ("Old SQL", "urn:uuid:sql-0"));

  progress = credence_pathway_compute_progress (pathway, collection, G_N_ELEMENTS (collection));

  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, by_id), ==, CREDENCE_PATHWAY_STEP_STATE_DONE);
  assert_badges (progress, by_id, (guint[]) { 2 }, 1);

  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, by_missing_id), ==, CREDENCE_PATHWAY_STEP_STATE_OPEN);
  assert_badges (progress, by_missing_id, NULL, 0);

  /* Valid first, the revoked copy listed after it. */
  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, by_class), ==, CREDENCE_PATHWAY_STEP_STATE_DONE);
  assert_badges (progress, by_class, (guint[]) { 0, 6 }, 2);

  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, by_expired_class), ==, CREDENCE_PATHWAY_STEP_STATE_EXPIRED);
  g_assert_true (credence_pathway_progress_step_is_complete (progress, by_expired_class));

  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, by_revoked_id), ==, CREDENCE_PATHWAY_STEP_STATE_REVOKED);
  g_assert_false (credence_pathway_progress_step_is_complete (progress, by_revoked_id));

  g_assert_cmpuint (credence_pathway_progress_get_n_steps (progress), ==, 5);
  g_assert_cmpuint (credence_pathway_progress_get_n_complete (progress), ==, 3);
  g_assert_cmpuint (credence_pathway_progress_get_percent (progress), ==, 60);
  g_assert_false (credence_pathway_progress_is_complete (progress));
}

static void
test_progress_match (void)
{
  g_autoptr(CredencePathway) pathway = credence_pathway_new ("Match");
  CredencePathwayStep *root = credence_pathway_get_root (pathway);
  CredencePathwayStep *issuer, *issuer_tag, *tag_case, *tag_dup, *keyword, *keyword_desc,
                      *align_url, *align_code, *align_name, *nothing, *issuer_keyword_miss;
  g_autoptr(CredencePathwayProgress) progress = NULL;

  issuer = add (root, credence_pathway_step_new_match ("Uni", ISSUER_UNI, NULL, NULL, NULL));
  issuer_tag = add (root, credence_pathway_step_new_match ("Code python", ISSUER_CODE, "python", NULL, NULL));
  tag_case = add (root, credence_pathway_step_new_match ("Stats tag", NULL, "STATISTICS", NULL, NULL));
  tag_dup = add (root, credence_pathway_step_new_match ("Data tag", NULL, "Data", NULL, NULL));
  keyword = add (root, credence_pathway_step_new_match ("Prog", NULL, NULL, "PROGRAMMING", NULL));
  keyword_desc = add (root, credence_pathway_step_new_match ("Notebooks", NULL, NULL, "notebook", NULL));
  align_url = add (root, credence_pathway_step_new_match ("SQL skill", NULL, NULL, NULL, "https://esco.example.eu/skill/sql"));
  align_code = add (root, credence_pathway_step_new_match ("Stats code", NULL, NULL, NULL, "s4.5"));
  align_name = add (root, credence_pathway_step_new_match ("Analysis", ISSUER_UNI, NULL, NULL, "data ANALYSIS"));
  nothing = add (root, credence_pathway_step_new_match ("None", NULL, "cooking", NULL, NULL));
  issuer_keyword_miss = add (root, credence_pathway_step_new_match ("Uni python", ISSUER_UNI, NULL, "python", NULL));

  progress = credence_pathway_compute_progress (pathway, collection, G_N_ELEMENTS (collection));

  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, issuer), ==, CREDENCE_PATHWAY_STEP_STATE_DONE);
  assert_badges (progress, issuer, (guint[]) { 0, 1, 6 }, 3);

  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, issuer_tag), ==, CREDENCE_PATHWAY_STEP_STATE_DONE);
  assert_badges (progress, issuer_tag, (guint[]) { 2 }, 1);

  assert_badges (progress, tag_case, (guint[]) { 1 }, 1);
  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, tag_case), ==, CREDENCE_PATHWAY_STEP_STATE_EXPIRED);

  /* "data" and "DATA" on one badge are one match; expired beats unchecked. */
  assert_badges (progress, tag_dup, (guint[]) { 1, 4 }, 2);

  /* Keywords look in names, tags and descriptions, whatever the case. */
  assert_badges (progress, keyword, (guint[]) { 2, 3 }, 2);
  assert_badges (progress, keyword_desc, (guint[]) { 2 }, 1);

  assert_badges (progress, align_url, (guint[]) { 0 }, 1);
  assert_badges (progress, align_code, (guint[]) { 1 }, 1);
  assert_badges (progress, align_name, (guint[]) { 1 }, 1);

  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, nothing), ==, CREDENCE_PATHWAY_STEP_STATE_OPEN);
  assert_badges (progress, nothing, NULL, 0);
  assert_badges (progress, issuer_keyword_miss, NULL, 0);
}

static void
test_progress_standings (void)
{
  g_autoptr(CredencePathway) pathway = credence_pathway_new ("Standings");
  CredencePathwayStep *root = credence_pathway_get_root (pathway);
  CredencePathwayStep *unchecked, *problem, *expired;
  g_autoptr(CredencePathwayProgress) counted = NULL;
  g_autoptr(CredencePathwayProgress) current_only = NULL;

  unchecked = add (root, credence_pathway_step_new_badge ("Viz", "https://code.example.net/a/3"));
  problem = add (root, credence_pathway_step_new_badge ("ML", "https://code.example.net/a/4"));
  expired = add (root, credence_pathway_step_new_badge ("Stats", "urn:uuid:stats-1"));

  counted = credence_pathway_compute_progress (pathway, collection, G_N_ELEMENTS (collection));
  g_assert_cmpint (credence_pathway_progress_get_step_state (counted, unchecked), ==, CREDENCE_PATHWAY_STEP_STATE_UNCONFIRMED);
  g_assert_false (credence_pathway_progress_step_is_complete (counted, unchecked));
  g_assert_cmpint (credence_pathway_progress_get_step_state (counted, problem), ==, CREDENCE_PATHWAY_STEP_STATE_PROBLEM);
  g_assert_false (credence_pathway_progress_step_is_complete (counted, problem));
  g_assert_cmpint (credence_pathway_progress_get_step_state (counted, expired), ==, CREDENCE_PATHWAY_STEP_STATE_EXPIRED);
  g_assert_true (credence_pathway_progress_step_is_complete (counted, expired));
  g_assert_cmpuint (credence_pathway_progress_get_n_complete (counted), ==, 1);
  g_assert_cmpuint (credence_pathway_progress_get_percent (counted), ==, 33);

  /* A pathway that asks for current badges shows expired ones as such,
   * without counting them.
   */
  credence_pathway_set_count_expired (pathway, FALSE);
  current_only = credence_pathway_compute_progress (pathway, collection, G_N_ELEMENTS (collection));
  g_assert_cmpint (credence_pathway_progress_get_step_state (current_only, expired), ==, CREDENCE_PATHWAY_STEP_STATE_EXPIRED);
  g_assert_false (credence_pathway_progress_step_is_complete (current_only, expired));
  g_assert_cmpuint (credence_pathway_progress_get_n_complete (current_only), ==, 0);
  g_assert_cmpuint (credence_pathway_progress_get_percent (current_only), ==, 0);

  g_assert_cmpstr (credence_pathway_step_state_to_string (CREDENCE_PATHWAY_STEP_STATE_EXPIRED), ==, "expired");
  g_assert_cmpstr (credence_pathway_step_state_to_string (CREDENCE_PATHWAY_STEP_STATE_IN_PROGRESS), ==, "in-progress");
}

static void
test_progress_groups (void)
{
  g_autoptr(CredencePathway) pathway = credence_pathway_new ("Groups");
  CredencePathwayStep *root = credence_pathway_get_root (pathway);
  CredencePathwayStep *any2, *all, *nested, *inner, *empty, *manual, *expired_group;
  g_autoptr(CredencePathwayProgress) progress = NULL;
  g_autoptr(GPtrArray) next = NULL;

  /* Any 2 of 4: one done, one revoked, one unconfirmed, one open. */
  any2 = add (root, credence_pathway_step_new_group ("Any 2", 2));
  add (any2, credence_pathway_step_new_achievement ("SQL", SQL_CLASS));
  add (any2, credence_pathway_step_new_badge ("R", "https://code.example.net/a/2"));
  add (any2, credence_pathway_step_new_badge ("Viz", "https://code.example.net/a/3"));
  add (any2, credence_pathway_step_new_badge ("Nope", "urn:uuid:nope"));

  /* All of: done, and a nested "1 of 2" done by an expired badge. */
  all = add (root, credence_pathway_step_new_group ("All", 0));
  add (all, credence_pathway_step_new_badge ("Python", "https://code.example.net/a/1"));
  nested = add (all, credence_pathway_step_new_group ("One of", 1));
  add (nested, credence_pathway_step_new_badge ("Nope", "urn:uuid:nope"));
  inner = add (nested, credence_pathway_step_new_group ("Inner", 0));
  add (inner, credence_pathway_step_new_achievement ("Stats", STATS_CLASS));

  /* An empty group is never done; a requirement above the size is "all". */
  empty = add (root, credence_pathway_step_new_group ("Empty", 3));
  manual = add (root, credence_pathway_step_new_manual ("Interview", TRUE));
  expired_group = add (root, credence_pathway_step_new_group ("Too many", 9));
  add (expired_group, credence_pathway_step_new_achievement ("Stats", STATS_CLASS));

  progress = credence_pathway_compute_progress (pathway, collection, G_N_ELEMENTS (collection));

  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, any2), ==, CREDENCE_PATHWAY_STEP_STATE_IN_PROGRESS);
  g_assert_cmpfloat_with_epsilon (credence_pathway_progress_get_step_fraction (progress, any2), 0.5, 1e-9);
  assert_badges (progress, any2, NULL, 0);

  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, inner), ==, CREDENCE_PATHWAY_STEP_STATE_EXPIRED);
  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, nested), ==, CREDENCE_PATHWAY_STEP_STATE_EXPIRED);
  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, all), ==, CREDENCE_PATHWAY_STEP_STATE_EXPIRED);
  g_assert_true (credence_pathway_progress_step_is_complete (progress, all));
  g_assert_cmpfloat_with_epsilon (credence_pathway_progress_get_step_fraction (progress, all), 1.0, 1e-9);

  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, empty), ==, CREDENCE_PATHWAY_STEP_STATE_OPEN);
  g_assert_false (credence_pathway_progress_step_is_complete (progress, empty));
  g_assert_cmpint (credence_pathway_progress_get_step_state (progress, manual), ==, CREDENCE_PATHWAY_STEP_STATE_DONE);
  g_assert_true (credence_pathway_progress_step_is_complete (progress, expired_group));

  /* 3 of 5 top-level steps; fraction (0.5 + 1 + 0 + 1 + 1) / 5. */
  g_assert_cmpuint (credence_pathway_progress_get_n_steps (progress), ==, 5);
  g_assert_cmpuint (credence_pathway_progress_get_n_complete (progress), ==, 3);
  g_assert_cmpfloat_with_epsilon (credence_pathway_progress_get_fraction (progress), 0.7, 1e-9);
  g_assert_cmpuint (credence_pathway_progress_get_percent (progress), ==, 70);

  /* What's next: the open steps of "Any 2", in order; nothing from the
   * complete groups; the empty group has no steps to offer.
   */
  next = credence_pathway_progress_dup_next_steps (progress, 0);
  g_assert_cmpuint (next->len, ==, 3);
  g_assert_cmpstr (credence_pathway_step_get_title (g_ptr_array_index (next, 0)), ==, "R");
  g_assert_cmpstr (credence_pathway_step_get_title (g_ptr_array_index (next, 1)), ==, "Viz");
  g_assert_cmpstr (credence_pathway_step_get_title (g_ptr_array_index (next, 2)), ==, "Nope");
  g_clear_pointer (&next, g_ptr_array_unref);
  next = credence_pathway_progress_dup_next_steps (progress, 1);
  g_assert_cmpuint (next->len, ==, 1);
}

static void
test_progress_recompute (void)
{
  g_autoptr(CredencePathway) pathway = credence_pathway_new ("Recompute");
  CredencePathwayStep *root = credence_pathway_get_root (pathway);
  CredencePathwayStep *sql, *manual, *late;
  CredencePathwayBadge badges[G_N_ELEMENTS (collection)];
  g_autoptr(CredencePathwayProgress) before = NULL;
  g_autoptr(CredencePathwayProgress) removed = NULL;
  g_autoptr(CredencePathwayProgress) reverified = NULL;
  g_autoptr(CredencePathwayProgress) empty = NULL;
  g_autoptr(CredencePathwayProgress) no_steps = NULL;
  g_autoptr(CredencePathway) blank = credence_pathway_new ("Blank");

  memcpy (badges, collection, sizeof badges);
  sql = add (root, credence_pathway_step_new_achievement ("SQL", SQL_CLASS));
  manual = add (root, credence_pathway_step_new_manual ("Interview", FALSE));

  before = credence_pathway_compute_progress (pathway, badges, G_N_ELEMENTS (badges));
  g_assert_cmpint (credence_pathway_progress_get_step_state (before, sql), ==, CREDENCE_PATHWAY_STEP_STATE_DONE);

  /* The valid SQL badge removed: only the revoked copy is left. */
  removed = credence_pathway_compute_progress (pathway, badges + 1, G_N_ELEMENTS (badges) - 1);
  g_assert_cmpint (credence_pathway_progress_get_step_state (removed, sql), ==, CREDENCE_PATHWAY_STEP_STATE_REVOKED);
  assert_badges (removed, sql, (guint[]) { 5 }, 1);

  /* Re-verified: now it is revoked too, then ticking off the manual step. */
  badges[0].standing = CREDENCE_PATHWAY_STANDING_REVOKED;
  credence_pathway_step_set_done (manual, TRUE);
  reverified = credence_pathway_compute_progress (pathway, badges, G_N_ELEMENTS (badges));
  g_assert_cmpint (credence_pathway_progress_get_step_state (reverified, sql), ==, CREDENCE_PATHWAY_STEP_STATE_REVOKED);
  g_assert_cmpuint (credence_pathway_progress_get_n_complete (reverified), ==, 1);

  /* The old result is unchanged by later edits. */
  g_assert_cmpint (credence_pathway_progress_get_step_state (before, manual), ==, CREDENCE_PATHWAY_STEP_STATE_OPEN);

  empty = credence_pathway_compute_progress (pathway, NULL, 0);
  g_assert_cmpint (credence_pathway_progress_get_step_state (empty, sql), ==, CREDENCE_PATHWAY_STEP_STATE_OPEN);
  g_assert_cmpuint (credence_pathway_progress_get_n_complete (empty), ==, 1);

  /* Steps removed after the computation keep their result alive safely. */
  g_assert_true (credence_pathway_step_remove_child (root, sql));
  g_assert_cmpint (credence_pathway_progress_get_step_state (before, sql), ==, CREDENCE_PATHWAY_STEP_STATE_DONE);

  no_steps = credence_pathway_compute_progress (blank, collection, G_N_ELEMENTS (collection));
  g_assert_cmpuint (credence_pathway_progress_get_n_steps (no_steps), ==, 0);
  g_assert_cmpuint (credence_pathway_progress_get_percent (no_steps), ==, 0);
  g_assert_false (credence_pathway_progress_is_complete (no_steps));

  late = credence_pathway_step_new_manual ("Late", TRUE);
  g_assert_cmpint (credence_pathway_progress_get_step_state (no_steps, late), ==, CREDENCE_PATHWAY_STEP_STATE_OPEN);
  credence_pathway_step_unref (late);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pathway-progress/badge-and-achievement", test_progress_badge_and_achievement);
  g_test_add_func ("/pathway-progress/match", test_progress_match);
  g_test_add_func ("/pathway-progress/standings", test_progress_standings);
  g_test_add_func ("/pathway-progress/groups", test_progress_groups);
  g_test_add_func ("/pathway-progress/recompute", test_progress_recompute);

  return g_test_run ();
}
