/* test-collection.c: ordered badges, cover and disclosure of a collection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "credence-collection.h"

typedef struct
{
  guint position, removed, added, calls;
} Change;

static void
items_changed_cb (CredenceCollection *collection,
                  guint               position,
                  guint               removed,
                  guint               added,
                  Change             *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->calls++;
}

static void
assert_items (CredenceCollection *collection,
              const char         *expected)
{
  g_auto(GStrv) items = credence_collection_dup_items (collection);
  g_autofree char *joined = g_strjoinv (" ", items);

  g_assert_cmpstr (joined, ==, expected);
}

static void
test_collection_defaults (void)
{
  g_autoptr(CredenceCollection) collection = credence_collection_new ("Job Hunt");

  g_assert_cmpstr (credence_collection_get_name (collection), ==, "Job Hunt");
  g_assert_null (credence_collection_get_uid (collection));
  g_assert_null (credence_collection_get_description (collection));
  g_assert_null (credence_collection_get_cover (collection));
  g_assert_cmpuint (credence_collection_get_n_items (collection), ==, 0);
  g_assert_cmpint (credence_collection_get_visibility (collection), ==, CREDENCE_VISIBILITY_PRIVATE);

  /* Who it was issued to stays hidden unless the learner says otherwise;
   * badge files contain that address too.
   */
  g_assert_false (credence_collection_discloses (collection, CREDENCE_DISCLOSURE_RECIPIENT));
  g_assert_false (credence_collection_discloses (collection, CREDENCE_DISCLOSURE_BADGE_FILES));
  g_assert_true (credence_collection_discloses (collection, CREDENCE_DISCLOSURE_EVIDENCE));
  g_assert_true (credence_collection_discloses (collection, CREDENCE_DISCLOSURE_DESCRIPTION));
  g_assert_true (credence_collection_discloses (collection, CREDENCE_DISCLOSURE_DATES));
  g_assert_true (credence_collection_discloses (collection, CREDENCE_DISCLOSURE_VERIFICATION));

  credence_collection_set_discloses (collection, CREDENCE_DISCLOSURE_EVIDENCE, FALSE);
  credence_collection_set_discloses (collection, CREDENCE_DISCLOSURE_RECIPIENT, TRUE);
  g_assert_false (credence_collection_discloses (collection, CREDENCE_DISCLOSURE_EVIDENCE));
  g_assert_true (credence_collection_discloses (collection, CREDENCE_DISCLOSURE_RECIPIENT));
  credence_collection_set_disclosure (collection, 0xffff);
  g_assert_cmpuint (credence_collection_get_disclosure (collection), ==, CREDENCE_DISCLOSURE_ALL);

  credence_collection_set_visibility (collection, CREDENCE_VISIBILITY_PORTFOLIO);
  g_assert_cmpint (credence_collection_get_visibility (collection), ==, CREDENCE_VISIBILITY_PORTFOLIO);
  credence_collection_set_description (collection, "For applications.");
  g_assert_cmpstr (credence_collection_get_description (collection), ==, "For applications.");
  credence_collection_set_description (collection, "");
  g_assert_null (credence_collection_get_description (collection));
}

static void
test_collection_names (void)
{
  CredenceDisclosure flag;
  CredenceVisibility visibility;

  for (guint i = 0; (1u << i) <= CREDENCE_DISCLOSURE_BADGE_FILES; i++)
    {
      const char *name = credence_disclosure_to_string (1u << i);

      g_assert_nonnull (name);
      g_assert_true (credence_disclosure_from_string (name, &flag));
      g_assert_cmpuint (flag, ==, 1u << i);
    }
  g_assert_null (credence_disclosure_to_string (CREDENCE_DISCLOSURE_DATES | CREDENCE_DISCLOSURE_EVIDENCE));
  g_assert_false (credence_disclosure_from_string ("password", &flag));
  g_assert_cmpstr (credence_disclosure_to_string (CREDENCE_DISCLOSURE_BADGE_FILES), ==, "badge-files");

  g_assert_true (credence_visibility_from_string ("portfolio", &visibility));
  g_assert_cmpint (visibility, ==, CREDENCE_VISIBILITY_PORTFOLIO);
  g_assert_cmpstr (credence_visibility_to_string (CREDENCE_VISIBILITY_PRIVATE), ==, "private");
  g_assert_false (credence_visibility_from_string ("public", &visibility));
}

static void
test_collection_order (void)
{
  g_autoptr(CredenceCollection) collection = credence_collection_new ("Order");
  Change change = { 0 };

  g_signal_connect (collection, "items-changed", G_CALLBACK (items_changed_cb), &change);

  g_assert_true (credence_collection_add (collection, "a"));
  g_assert_true (credence_collection_add (collection, "b"));
  g_assert_true (credence_collection_add (collection, "c"));
  g_assert_true (credence_collection_insert (collection, 0, "d"));
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  assert_items (collection, "d a b c");

  /* Each badge at most once. */
  g_assert_false (credence_collection_add (collection, "a"));
  g_assert_cmpuint (change.calls, ==, 4);
  g_assert_cmpint (credence_collection_find (collection, "b"), ==, 2);
  g_assert_cmpint (credence_collection_find (collection, "z"), ==, -1);

  /* Drag "d" to the end, then "c" to the front. */
  g_assert_true (credence_collection_move (collection, "d", 99));
  assert_items (collection, "a b c d");
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 4);
  g_assert_cmpuint (change.added, ==, 4);
  g_assert_true (credence_collection_move (collection, "c", 0));
  assert_items (collection, "c a b d");
  g_assert_true (credence_collection_move (collection, "a", 2));
  assert_items (collection, "c b a d");
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 2);
  g_assert_false (credence_collection_move (collection, "z", 0));

  /* The cover must be in the collection and goes when its badge goes. */
  g_assert_false (credence_collection_set_cover (collection, "z"));
  g_assert_true (credence_collection_set_cover (collection, "a"));
  g_assert_cmpstr (credence_collection_get_cover (collection), ==, "a");
  g_assert_true (credence_collection_remove (collection, "b"));
  g_assert_cmpstr (credence_collection_get_cover (collection), ==, "a");
  g_assert_true (credence_collection_remove (collection, "a"));
  g_assert_null (credence_collection_get_cover (collection));
  g_assert_false (credence_collection_remove (collection, "a"));
  assert_items (collection, "c d");
  g_assert_cmpuint (credence_collection_get_n_items (collection), ==, 2);
  g_assert_cmpstr (credence_collection_get_item (collection, 1), ==, "d");
  g_assert_null (credence_collection_get_item (collection, 2));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/collection/defaults", test_collection_defaults);
  g_test_add_func ("/collection/names", test_collection_names);
  g_test_add_func ("/collection/order", test_collection_order);

  return g_test_run ();
}
