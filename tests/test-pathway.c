/* test-pathway.c: the pathway model, a tree of steps that cannot hold a cycle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "credence-pathway.h"

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *)user_data)++;
}

static void
test_pathway_properties (void)
{
  g_autoptr(CredencePathway) pathway = credence_pathway_new ("Data Analyst");
  guint notified = 0;

  g_signal_connect (pathway, "notify", G_CALLBACK (count_notify_cb), &notified);

  g_assert_cmpstr (credence_pathway_get_title (pathway), ==, "Data Analyst");
  g_assert_null (credence_pathway_get_description (pathway));
  g_assert_null (credence_pathway_get_target_date (pathway));
  g_assert_true (credence_pathway_get_count_expired (pathway));

  credence_pathway_set_description (pathway, "Skills for a junior analyst role.");
  g_assert_cmpstr (credence_pathway_get_description (pathway), ==, "Skills for a junior analyst role.");
  credence_pathway_set_description (pathway, "");
  g_assert_null (credence_pathway_get_description (pathway));

  g_assert_true (credence_pathway_set_target_date (pathway, "2027-02-28"));
  g_assert_cmpstr (credence_pathway_get_target_date (pathway), ==, "2027-02-28");
  g_assert_false (credence_pathway_set_target_date (pathway, "2027-02-29"));
  g_assert_false (credence_pathway_set_target_date (pathway, "2027-2-28"));
  g_assert_false (credence_pathway_set_target_date (pathway, "tomorrow"));
  g_assert_cmpstr (credence_pathway_get_target_date (pathway), ==, "2027-02-28");
  g_assert_true (credence_pathway_set_target_date (pathway, NULL));
  g_assert_null (credence_pathway_get_target_date (pathway));

  credence_pathway_set_count_expired (pathway, FALSE);
  g_assert_false (credence_pathway_get_count_expired (pathway));

  /* description set, cleared; date set, cleared; count-expired */
  g_assert_cmpuint (notified, ==, 5);
}

static void
test_pathway_dates_and_urls (void)
{
  g_assert_true (credence_pathway_is_valid_date ("2028-02-29"));
  g_assert_false (credence_pathway_is_valid_date ("2027-13-01"));
  g_assert_false (credence_pathway_is_valid_date ("0000-01-01"));
  g_assert_false (credence_pathway_is_valid_date ("2027-01-01T00:00:00Z"));
  g_assert_false (credence_pathway_is_valid_date ("2027-01-0a"));
  g_assert_false (credence_pathway_is_valid_date (NULL));

  g_assert_true (credence_pathway_is_valid_url ("https://example.org/course"));
  g_assert_true (credence_pathway_is_valid_url ("http://example.org"));
  g_assert_false (credence_pathway_is_valid_url ("javascript:alert(1)"));
  g_assert_false (credence_pathway_is_valid_url ("file:///etc/passwd"));
  g_assert_false (credence_pathway_is_valid_url ("https://"));
  g_assert_false (credence_pathway_is_valid_url ("/relative/path"));
  g_assert_false (credence_pathway_is_valid_url (NULL));
}

static void
test_pathway_step_kinds (void)
{
  g_autoptr(CredencePathwayStep) badge = credence_pathway_step_new_badge ("Intro", "urn:uuid:1");
  g_autoptr(CredencePathwayStep) ach = credence_pathway_step_new_achievement ("SQL", "https://example.org/sql");
  g_autoptr(CredencePathwayStep) match = credence_pathway_step_new_match ("Python", NULL, "python", "", NULL);
  g_autoptr(CredencePathwayStep) group = credence_pathway_step_new_group ("Electives", 2);
  g_autoptr(CredencePathwayStep) manual = credence_pathway_step_new_manual ("Portfolio review", FALSE);
  CredencePathwayStepKind kind;

  g_assert_cmpint (credence_pathway_step_get_kind (badge), ==, CREDENCE_PATHWAY_STEP_BADGE);
  g_assert_cmpstr (credence_pathway_step_get_badge_id (badge), ==, "urn:uuid:1");
  g_assert_cmpstr (credence_pathway_step_get_achievement_id (ach), ==, "https://example.org/sql");
  g_assert_cmpstr (credence_pathway_step_get_tag (match), ==, "python");
  g_assert_null (credence_pathway_step_get_keyword (match));
  g_assert_null (credence_pathway_step_get_issuer (match));
  g_assert_cmpuint (credence_pathway_step_get_require (group), ==, 2);
  g_assert_false (credence_pathway_step_get_done (manual));
  credence_pathway_step_set_done (manual, TRUE);
  g_assert_true (credence_pathway_step_get_done (manual));

  credence_pathway_step_set_note (ach, "Take the evening course.");
  credence_pathway_step_add_link (ach, "Course page", "https://example.org/course");
  credence_pathway_step_add_link (ach, NULL, "http://example.org/other");
  g_assert_cmpstr (credence_pathway_step_get_note (ach), ==, "Take the evening course.");
  g_assert_cmpuint (credence_pathway_step_get_n_links (ach), ==, 2);
  g_assert_cmpstr (credence_pathway_step_get_link (ach, 0)->title, ==, "Course page");
  g_assert_null (credence_pathway_step_get_link (ach, 1)->title);
  g_assert_cmpstr (credence_pathway_step_get_link (ach, 1)->url, ==, "http://example.org/other");

  for (guint k = CREDENCE_PATHWAY_STEP_BADGE; k <= CREDENCE_PATHWAY_STEP_MANUAL; k++)
    {
      g_assert_true (credence_pathway_step_kind_from_string (credence_pathway_step_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_false (credence_pathway_step_kind_from_string ("exam", &kind));
  g_assert_false (credence_pathway_step_kind_from_string (NULL, &kind));
}

static void
test_pathway_match_needs_criterion (void)
{
  if (g_test_subprocess ())
    {
      CredencePathwayStep *step = credence_pathway_step_new_match ("Nothing", NULL, "", NULL, NULL);

      g_assert_null (step);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*needs at least one criterion*");
}

static void
test_pathway_tree (void)
{
  g_autoptr(CredencePathway) pathway = credence_pathway_new ("Tree");
  CredencePathwayStep *root = credence_pathway_get_root (pathway);
  g_autoptr(CredencePathwayStep) a = credence_pathway_step_new_manual ("A", FALSE);
  g_autoptr(CredencePathwayStep) g = credence_pathway_step_new_group ("G", 0);
  g_autoptr(CredencePathwayStep) b = credence_pathway_step_new_manual ("B", FALSE);
  g_autoptr(CredencePathwayStep) c = credence_pathway_step_new_manual ("C", FALSE);
  g_autoptr(CredencePathwayStep) inner = credence_pathway_step_new_group ("Inner", 1);

  g_assert_true (credence_pathway_step_append_child (root, a));
  g_assert_true (credence_pathway_step_append_child (root, g));
  g_assert_true (credence_pathway_step_append_child (g, c));
  g_assert_true (credence_pathway_step_insert_child (g, 0, b));
  g_assert_true (credence_pathway_step_append_child (g, inner));

  g_assert_cmpuint (credence_pathway_count_steps (pathway), ==, 5);
  g_assert_cmpuint (credence_pathway_step_get_n_children (root), ==, 2);
  g_assert_true (credence_pathway_step_get_child (g, 0) == b);
  g_assert_true (credence_pathway_step_get_child (g, 1) == c);
  g_assert_true (credence_pathway_step_get_parent (b) == g);
  g_assert_cmpuint (credence_pathway_step_get_depth (inner), ==, 2);
  g_assert_cmpuint (credence_pathway_step_get_depth (root), ==, 0);

  /* A step is in one place only, and no group can contain itself. */
  g_assert_false (credence_pathway_step_append_child (root, b));
  g_assert_false (credence_pathway_step_append_child (g, g));
  g_assert_false (credence_pathway_step_append_child (inner, root));
  g_assert_false (credence_pathway_step_append_child (a, c));
  g_assert_cmpuint (credence_pathway_count_steps (pathway), ==, 5);

  /* Moving a group: remove, then insert elsewhere. */
  g_assert_true (credence_pathway_step_remove_child (root, g));
  g_assert_null (credence_pathway_step_get_parent (g));
  g_assert_false (credence_pathway_step_remove_child (root, g));
  g_assert_false (credence_pathway_step_append_child (inner, g));
  g_assert_true (credence_pathway_step_insert_child (root, 0, g));
  g_assert_true (credence_pathway_step_get_child (root, 0) == g);
  g_assert_cmpuint (credence_pathway_count_steps (pathway), ==, 5);

  /* The steps outlive a finalized pathway that dropped them. */
  g_assert_finalize_object (g_steal_pointer (&pathway));
  g_assert_null (credence_pathway_step_get_parent (g));
  g_assert_true (credence_pathway_step_get_parent (b) == g);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pathway/properties", test_pathway_properties);
  g_test_add_func ("/pathway/dates-and-urls", test_pathway_dates_and_urls);
  g_test_add_func ("/pathway/step-kinds", test_pathway_step_kinds);
  g_test_add_func ("/pathway/match-needs-criterion", test_pathway_match_needs_criterion);
  g_test_add_func ("/pathway/tree", test_pathway_tree);

  return g_test_run ();
}
