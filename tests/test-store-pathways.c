/* test-store-pathways.c: collections and pathways kept in the encrypted
 * store, and pathway progress following badges added, checked and removed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-keyring.h"
#include "credence-store-pathways.h"
#include "credence-test-utils.h"

typedef CredenceTestStore Fixture;

/* Adds a badge; returns its uid. */
static char *
add_badge (Fixture    *f,
           const char *name,
           const char *verdict)
{
  g_autofree char *credential_id = g_strdup_printf ("urn:uuid:test-%s", name);
  g_autoptr(CredenceStoreBadge) badge = credence_test_make_badge (name, credential_id, verdict, 100);
  g_autoptr(GError) error = NULL;

  g_assert_true (credence_store_add_badge (f->store, badge, &error));
  g_assert_no_error (error);

  return g_strdup (badge->uid);
}

static void
assert_items (CredenceCollection *collection,
              const char         *first,
              ...)
{
  va_list ap;
  guint i = 0;

  va_start (ap, first);
  for (const char *uid = first; uid != NULL; uid = va_arg (ap, const char *))
    g_assert_cmpstr (credence_collection_get_item (collection, i++), ==, uid);
  va_end (ap);
  g_assert_cmpuint (credence_collection_get_n_items (collection), ==, i);
}

static void
test_collections_saved (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *a = add_badge (f, "Alpha", "valid");
  g_autofree char *b = add_badge (f, "Beta", "valid");
  g_autofree char *c = add_badge (f, "Gamma", "invalid");
  g_autoptr(CredenceCollection) job = credence_collection_new ("Job Hunt");
  g_autoptr(CredenceCollection) other = credence_collection_new ("Other");
  g_autoptr(CredenceCollection) clash = credence_collection_new ("Job Hunt");
  g_autoptr(CredenceCollection) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job_uid = NULL;

  credence_collection_set_description (job, "For applications.");
  credence_collection_add (job, a);
  credence_collection_add (job, b);
  credence_collection_add (job, c);
  credence_collection_set_cover (job, b);
  credence_collection_set_visibility (job, CREDENCE_VISIBILITY_PORTFOLIO);
  credence_collection_set_discloses (job, CREDENCE_DISCLOSURE_EVIDENCE, FALSE);
  g_assert_true (credence_store_save_collection (f->store, job, &error));
  g_assert_no_error (error);
  job_uid = g_strdup (credence_collection_get_uid (job));
  g_assert_nonnull (job_uid);

  /* A badge can be in many collections. */
  credence_collection_add (other, a);
  g_assert_true (credence_store_save_collection (f->store, other, &error));
  g_assert_no_error (error);

  /* Names are unique. */
  g_assert_false (credence_store_save_collection (f->store, clash, &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already exists"));
  g_assert_null (credence_collection_get_uid (clash));
  g_clear_error (&error);

  /* Reordering persists across reopening. */
  credence_collection_move (job, c, 0);
  g_assert_true (credence_store_save_collection (f->store, job, &error));
  g_assert_no_error (error);
  credence_test_store_reopen (f);

  loaded = credence_store_get_collection (f->store, job_uid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credence_collection_get_name (loaded), ==, "Job Hunt");
  g_assert_cmpstr (credence_collection_get_description (loaded), ==, "For applications.");
  g_assert_cmpstr (credence_collection_get_cover (loaded), ==, b);
  g_assert_cmpint (credence_collection_get_visibility (loaded), ==, CREDENCE_VISIBILITY_PORTFOLIO);
  g_assert_false (credence_collection_discloses (loaded, CREDENCE_DISCLOSURE_EVIDENCE));
  g_assert_false (credence_collection_discloses (loaded, CREDENCE_DISCLOSURE_RECIPIENT));
  g_assert_true (credence_collection_discloses (loaded, CREDENCE_DISCLOSURE_DATES));
  assert_items (loaded, c, a, b, NULL);
  g_clear_object (&loaded);

  /* Found by name too. */
  loaded = credence_store_get_collection (f->store, "Other", &error);
  g_assert_no_error (error);
  assert_items (loaded, a, NULL);
  g_clear_object (&loaded);

  /* A badge removed from the store leaves every collection; the cover goes. */
  g_assert_true (credence_store_remove_badge (f->store, b, &error));
  g_assert_no_error (error);
  loaded = credence_store_get_collection (f->store, job_uid, &error);
  assert_items (loaded, c, a, NULL);
  g_assert_null (credence_collection_get_cover (loaded));
  g_clear_object (&loaded);

  list = credence_store_list_collections (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (credence_collection_get_name (g_ptr_array_index (list, 0)), ==, "Job Hunt");
  g_assert_cmpstr (credence_collection_get_name (g_ptr_array_index (list, 1)), ==, "Other");

  /* Removing a collection keeps its badges. */
  g_assert_true (credence_store_remove_collection (f->store, job_uid, &error));
  g_assert_no_error (error);
  g_assert_false (credence_store_remove_collection (f->store, job_uid, &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (credence_store_count_badges (f->store, NULL), ==, 2);
  loaded = credence_store_get_collection (f->store, "Job Hunt", &error);
  g_assert_null (loaded);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND);
}

static void
test_collections_refuse_unknown_badges (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *a = add_badge (f, "Alpha", "valid");
  g_autoptr(CredenceCollection) collection = credence_collection_new ("Mixed");
  g_autoptr(CredenceCollection) unnamed = credence_collection_new ("");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  credence_collection_add (collection, a);
  credence_collection_add (collection, "no-such-badge");
  g_assert_false (credence_store_save_collection (f->store, collection, &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-badge"));
  g_clear_error (&error);

  /* Nothing half-saved. */
  list = credence_store_list_collections (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_null (credence_collection_get_uid (collection));

  g_assert_false (credence_store_save_collection (f->store, unnamed, &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID);
}

static CredencePathway *
make_pathway (const char *title)
{
  CredencePathway *pathway = credence_pathway_new (title);
  CredencePathwayStep *root = credence_pathway_get_root (pathway);
  g_autoptr(CredencePathwayStep) alpha = credence_pathway_step_new_badge ("Alpha", "urn:uuid:test-Alpha");
  g_autoptr(CredencePathwayStep) beta = credence_pathway_step_new_achievement ("Beta",
                                                                             "https://issuer.example.org/badges/Beta");
  g_autoptr(CredencePathwayStep) issuer = credence_pathway_step_new_match ("Anything from the academy",
                                                                           "https://issuer.example.org",
                                                                           NULL, NULL, NULL);

  credence_pathway_step_append_child (root, alpha);
  credence_pathway_step_append_child (root, beta);
  credence_pathway_step_append_child (root, issuer);

  return pathway;
}

static CredenceStorePathway *
find_listed (Fixture    *f,
             const char *uid)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = credence_store_list_pathways (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      CredenceStorePathway *listed = g_ptr_array_index (list, i);

      if (g_strcmp0 (listed->uid, uid) == 0)
        return credence_store_pathway_copy (listed);
    }

  g_assert_not_reached ();
}

static void
test_pathways_progress (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CredencePathway) pathway = make_pathway ("Academy");
  g_autoptr(CredencePathway) loaded = NULL;
  g_autoptr(CredenceStorePathway) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *found = NULL;
  g_autofree char *alpha = NULL;
  g_autofree char *beta = NULL;

  uid = credence_store_add_pathway (f->store, pathway, &error);
  g_assert_no_error (error);
  listed = find_listed (f, uid);
  g_assert_cmpstr (listed->title, ==, "Academy");
  g_assert_cmpuint (listed->n_steps, ==, 3);
  g_assert_cmpuint (listed->n_complete, ==, 0);
  g_assert_cmpint (listed->progress_at, >, 0);
  g_clear_pointer (&listed, credence_store_pathway_free);

  /* Badges added: Alpha (valid) completes two steps; Beta is revoked. */
  alpha = add_badge (f, "Alpha", "valid");
  beta = add_badge (f, "Beta", "invalid");
  g_assert_true (credence_store_update_progress (f->store, &error));
  g_assert_no_error (error);
  listed = find_listed (f, uid);
  g_assert_cmpuint (listed->n_complete, ==, 2);
  g_assert_cmpuint (listed->percent, ==, 66);
  g_clear_pointer (&listed, credence_store_pathway_free);

  /* Beta checked again: valid now. */
  {
    g_autoptr(CredenceStoreVerification) check = credence_store_verification_new (200, FALSE, "valid", NULL, "{}");

    g_assert_true (credence_store_add_verification (f->store, beta, check, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (credence_store_update_progress (f->store, &error));
  listed = find_listed (f, uid);
  g_assert_cmpuint (listed->n_complete, ==, 3);
  g_assert_cmpuint (listed->percent, ==, 100);
  g_clear_pointer (&listed, credence_store_pathway_free);

  /* Alpha removed: its step reopens; the issuer step still has Beta. */
  g_assert_true (credence_store_remove_badge (f->store, alpha, &error));
  g_assert_true (credence_store_update_progress (f->store, &error));
  listed = find_listed (f, uid);
  g_assert_cmpuint (listed->n_complete, ==, 2);
  g_clear_pointer (&listed, credence_store_pathway_free);

  /* The definition comes back as it was saved; titles find pathways. */
  loaded = credence_store_get_pathway (f->store, uid, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) saved = credence_pathway_to_bytes (pathway);
    g_autoptr(GBytes) again = credence_pathway_to_bytes (loaded);

    g_assert_true (g_bytes_equal (saved, again));
  }
  found = credence_store_find_pathway (f->store, "Academy", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, uid);

  /* Editing: a manual step ticked off. */
  {
    g_autoptr(CredencePathwayStep) manual = credence_pathway_step_new_manual ("Interview", TRUE);

    credence_pathway_step_append_child (credence_pathway_get_root (loaded), manual);
    credence_pathway_set_title (loaded, "Academy, with interview");
    g_assert_true (credence_store_update_pathway (f->store, uid, loaded, &error));
    g_assert_no_error (error);
  }
  listed = find_listed (f, uid);
  g_assert_cmpstr (listed->title, ==, "Academy, with interview");
  g_assert_cmpuint (listed->n_steps, ==, 4);
  g_assert_cmpuint (listed->n_complete, ==, 3);
  g_clear_pointer (&listed, credence_store_pathway_free);

  g_assert_true (credence_store_remove_pathway (f->store, uid, &error));
  g_assert_no_error (error);
  g_assert_null (credence_store_get_pathway (f->store, uid, &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND);
}

static void
test_pathways_find_ambiguous (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CredencePathway) one = make_pathway ("Same");
  g_autoptr(CredencePathway) two = make_pathway ("Same");
  g_autoptr(CredencePathway) untitled = credence_pathway_new ("");
  g_autoptr(GError) error = NULL;
  g_autofree char *uid1 = credence_store_add_pathway (f->store, one, &error);
  g_autofree char *uid2 = credence_store_add_pathway (f->store, two, &error);
  g_autofree char *found = NULL;
  g_autofree char *none = NULL;

  g_assert_no_error (error);
  found = credence_store_find_pathway (f->store, "Same", &error);
  g_assert_null (found);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  found = credence_store_find_pathway (f->store, uid2, &error);
  g_assert_cmpstr (found, ==, uid2);

  none = credence_store_add_pathway (f->store, untitled, &error);
  g_assert_null (none);
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID);
}

static void
test_badge_set (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *alpha = add_badge (f, "Alpha", "valid");
  g_autofree char *beta = add_badge (f, "Beta", "invalid");
  g_autoptr(CredenceStoreBadgeSet) set = NULL;
  g_autoptr(GError) error = NULL;
  const CredencePathwayBadge *badges;
  gsize n = 0;

  set = credence_store_load_badge_set (f->store, &error);
  g_assert_no_error (error);
  badges = credence_store_badge_set_get_badges (set, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (credence_store_badge_set_get_uid (set, 0), ==, alpha);
  g_assert_cmpstr (badges[0].id, ==, "urn:uuid:test-Alpha");
  g_assert_cmpstr (badges[0].name, ==, "Alpha");
  g_assert_cmpstr (badges[0].achievement_id, ==, "https://issuer.example.org/badges/Alpha");
  g_assert_cmpint (badges[0].standing, ==, CREDENCE_PATHWAY_STANDING_VALID);
  g_assert_cmpstr (credence_store_badge_set_get_uid (set, 1), ==, beta);
  g_assert_cmpint (badges[1].standing, ==, CREDENCE_PATHWAY_STANDING_REVOKED);

  g_assert_cmpint (credence_store_standing_from_verdict ("invalid", "expired"), ==, CREDENCE_PATHWAY_STANDING_EXPIRED);
  g_assert_cmpint (credence_store_standing_from_verdict ("invalid", "suspended"), ==, CREDENCE_PATHWAY_STANDING_REVOKED);
  g_assert_cmpint (credence_store_standing_from_verdict ("invalid", "bad-signature"), ==, CREDENCE_PATHWAY_STANDING_PROBLEM);
  g_assert_cmpint (credence_store_standing_from_verdict ("indeterminate", "unreachable"), ==, CREDENCE_PATHWAY_STANDING_UNCHECKED);
  g_assert_cmpint (credence_store_standing_from_verdict (NULL, NULL), ==, CREDENCE_PATHWAY_STANDING_UNCHECKED);
}

static void
update_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean *done = user_data;

  g_assert_true (credence_store_update_progress_finish (CREDENCE_STORE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_update_progress_async (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CredencePathway) pathway = make_pathway ("Async");
  g_autoptr(CredenceStorePathway) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = credence_store_add_pathway (f->store, pathway, &error);
  g_autofree char *alpha = add_badge (f, "Alpha", "valid");
  gboolean done = FALSE;

  credence_store_update_progress_async (f->store, NULL, update_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  /* The worker thread lets go of its task (and the store) just after the
   * result arrives here; wait for it before the store is finalized.
   */
  for (guint i = 0; i < 5000 && g_atomic_int_get (&G_OBJECT (f->store)->ref_count) > 1; i++)
    g_usleep (1000);

  listed = find_listed (f, uid);
  g_assert_cmpuint (listed->n_complete, ==, 2);
}

static void
test_backup_keeps_collections_and_pathways (Fixture       *f,
                                            gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->dir, "backup.credence", NULL);
  g_autofree char *other_dir = credence_test_make_temp_dir ();
  g_autofree char *other_path = g_build_filename (other_dir, CREDENCE_STORE_FILE_NAME, NULL);
  g_autoptr(CredenceStore) other = NULL;
  g_autoptr(CredenceCollection) collection = credence_collection_new ("Job Hunt");
  g_autoptr(CredenceCollection) mine = credence_collection_new ("Job Hunt");
  g_autoptr(CredenceCollection) restored = NULL;
  g_autoptr(CredencePathway) pathway = make_pathway ("Academy");
  g_autoptr(GPtrArray) pathways = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = add_badge (f, "Alpha", "valid");
  g_autofree char *b = add_badge (f, "Beta", "valid");
  g_autofree char *pathway_uid = NULL;
  g_autofree char *other_gamma = NULL;
  g_autofree char *other_alpha = NULL;

  credence_collection_add (collection, b);
  credence_collection_add (collection, a);
  credence_collection_set_cover (collection, a);
  credence_collection_set_visibility (collection, CREDENCE_VISIBILITY_PORTFOLIO);
  g_assert_true (credence_store_save_collection (f->store, collection, &error));
  pathway_uid = credence_store_add_pathway (f->store, pathway, &error);
  g_assert_no_error (error);
  g_assert_true (credence_store_backup (f->store, backup, "backup words", &error));
  g_assert_no_error (error);

  /* Another collection file already holds Alpha (under another uid) and a
   * "Job Hunt" of its own.
   */
  other = credence_store_open (other_path, f->key, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CredenceStoreBadge) gamma = credence_test_make_badge ("Gamma", "urn:uuid:test-Gamma", "valid", 1);
    g_autoptr(CredenceStoreBadge) alpha = credence_test_make_badge ("Alpha", "urn:uuid:test-Alpha", "valid", 1);

    alpha->uid = g_strdup ("other-alpha");
    g_assert_true (credence_store_add_badge (other, gamma, &error));
    g_assert_true (credence_store_add_badge (other, alpha, &error));
    g_assert_no_error (error);
    other_gamma = g_strdup (gamma->uid);
    other_alpha = g_strdup (alpha->uid);
  }
  g_assert_cmpstr (other_alpha, !=, a);
  credence_collection_add (mine, other_gamma);
  g_assert_true (credence_store_save_collection (other, mine, &error));
  g_assert_no_error (error);

  /* Merge: the badges missing from "Job Hunt" join it, Alpha under the
   * uid it already had; the pathway comes along with its progress.
   */
  g_assert_true (credence_store_restore (other, backup, "backup words", CREDENCE_STORE_RESTORE_MERGE, &error));
  g_assert_no_error (error);
  restored = credence_store_get_collection (other, "Job Hunt", &error);
  g_assert_no_error (error);
  assert_items (restored, other_gamma, b, other_alpha, NULL);
  g_assert_cmpstr (credence_collection_get_cover (restored), ==, other_alpha);
  g_clear_object (&restored);
  pathways = credence_store_list_pathways (other, &error);
  g_assert_cmpuint (pathways->len, ==, 1);
  g_assert_cmpstr (((CredenceStorePathway *)g_ptr_array_index (pathways, 0))->uid, ==, pathway_uid);
  g_assert_cmpuint (((CredenceStorePathway *)g_ptr_array_index (pathways, 0))->n_complete, ==, 3);
  g_clear_pointer (&pathways, g_ptr_array_unref);

  /* Merging again changes nothing. */
  g_assert_true (credence_store_restore (other, backup, "backup words", CREDENCE_STORE_RESTORE_MERGE, &error));
  g_assert_no_error (error);
  restored = credence_store_get_collection (other, "Job Hunt", &error);
  assert_items (restored, other_gamma, b, other_alpha, NULL);
  g_clear_object (&restored);

  /* Replace: exactly the backup's collections, uids and order. */
  g_assert_true (credence_store_restore (other, backup, "backup words", CREDENCE_STORE_RESTORE_REPLACE, &error));
  g_assert_no_error (error);
  restored = credence_store_get_collection (other, credence_collection_get_uid (collection), &error);
  g_assert_no_error (error);
  assert_items (restored, b, a, NULL);
  g_assert_cmpstr (credence_collection_get_cover (restored), ==, a);
  g_assert_cmpint (credence_collection_get_visibility (restored), ==, CREDENCE_VISIBILITY_PORTFOLIO);
  pathways = credence_store_list_pathways (other, &error);
  g_assert_cmpuint (pathways->len, ==, 1);

  g_assert_finalize_object (g_steal_pointer (&other));
  credence_test_remove_tree (other_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store-pathways/" path, Fixture, NULL, credence_test_store_set_up, func, credence_test_store_tear_down)

  ADD ("collections-saved", test_collections_saved);
  ADD ("collections-refuse-unknown-badges", test_collections_refuse_unknown_badges);
  ADD ("pathways-progress", test_pathways_progress);
  ADD ("pathways-find-ambiguous", test_pathways_find_ambiguous);
  ADD ("badge-set", test_badge_set);
  ADD ("update-progress-async", test_update_progress_async);
  ADD ("backup-keeps-collections-and-pathways", test_backup_keeps_collections_and_pathways);

#undef ADD

  return g_test_run ();
}
