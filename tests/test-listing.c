/* test-listing.c: a badge's listed name, issuer and description (and its
 * search text) follow what its verification learned: a hosted Open Badges
 * 2.0 badge imported offline gets them once re-verified, or imported
 * again, against its issuer (a SoupServer on 127.0.0.1); an offline
 * check keeps them and a hostile issuer cannot blank or replace them.
 * Real encrypted collections.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "credence-importer.h"
#include "credence-keyring.h"
#include "credence-loader.h"
#include "credence-store.h"
#include "credence-store-pathways.h"
#include "credence-test-server.h"
#include "credence-test-utils.h"

#define BADGE_NAME  "Loopback Welding"
#define ISSUER_NAME "Test Issuing Academy"

typedef struct
{
  char          *dir;
  char          *site;
  char          *input;
  char          *file;
  TestServer    *server;
  CredenceStore *store;
  GPtrArray     *results;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autofree char *path = NULL;
  const char *base;

  f->dir = credence_test_make_temp_dir ();
  path = g_build_filename (f->dir, CREDENCE_STORE_FILE_NAME, NULL);
  f->store = credence_store_open (path, key, &error);
  g_assert_no_error (error);

  /* The issuer hosts the assertion, its BadgeClass and its Issuer. */
  f->server = test_server_new ();
  base = test_server_get_base (f->server);
  f->site = credence_test_write_ob2_site (f->dir, base);
  test_server_add_dir (f->server, "/", f->site);
  f->input = g_build_filename (f->dir, "input", NULL);
  g_free (credence_test_write_ob2_badges (f->site, base, f->input, 0, 1, FALSE));
  f->file = g_build_filename (f->input, "00000.json", NULL);
  f->results = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_import_result_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  test_server_free (f->server);
  credence_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->site);
  g_free (f->input);
  g_free (f->file);
  g_ptr_array_unref (f->results);
}

static void
collect_cb (CredenceImporter     *importer,
            CredenceImportResult *result,
            Fixture              *f)
{
  g_ptr_array_add (f->results, credence_import_result_copy (result));
}

/* Runs one import (@source) or re-verification (@uid), online or not,
 * and returns its only result.
 */
static CredenceImportResult *
run_importer (Fixture    *f,
              gboolean    offline,
              const char *source,
              const char *uid)
{
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  g_autoptr(CredenceVerifier) verifier = NULL;
  g_autoptr(CredenceImporter) importer = NULL;
  g_autoptr(GError) error = NULL;

  credence_loader_set_offline (loader, offline);
  verifier = credence_verifier_new (loader);
  importer = credence_importer_new (f->store, verifier);
  g_signal_connect (importer, "item-finished", G_CALLBACK (collect_cb), f);
  g_ptr_array_set_size (f->results, 0);

  if (source != NULL)
    credence_importer_add_source (importer, source);
  else
    credence_importer_add_reverify (importer, uid);
  g_assert_true (credence_importer_run (importer, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->results->len, ==, 1);

  return g_ptr_array_index (f->results, 0);
}

static guint
count_matches (Fixture    *f,
               const char *search)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  hits = credence_store_list_badges (f->store, search, &error);
  g_assert_no_error (error);

  return hits->len;
}

static CredenceStoreBadge *
get_badge (Fixture    *f,
           const char *uid)
{
  g_autoptr(GError) error = NULL;
  CredenceStoreBadge *badge = credence_store_get_badge (f->store, uid, &error);

  g_assert_no_error (error);

  return badge;
}

static const char *
verdict_of (CredenceImportResult *r)
{
  return credence_verdict_to_string (credence_verification_get_verdict (r->verification));
}

/* Imports the badge offline: nothing but the assertion is known. */
static char *
import_offline (Fixture *f)
{
  g_autoptr(CredenceStoreBadge) stored = NULL;
  CredenceImportResult *r;

  r = run_importer (f, TRUE, f->file, NULL);
  g_assert_cmpint (r->status, ==, CREDENCE_IMPORT_ADDED);
  g_assert_cmpstr (verdict_of (r), ==, "indeterminate");

  stored = get_badge (f, r->badge_uid);
  g_assert_null (stored->name);
  g_assert_null (stored->description);
  g_assert_null (stored->issuer_name);
  g_assert_null (stored->image);
  g_assert_cmpstr (stored->recipient, ==, "learner0@example.org");
  g_assert_cmpuint (count_matches (f, "loopback"), ==, 0);
  g_assert_cmpuint (count_matches (f, "learner0"), ==, 1);

  return g_strdup (r->badge_uid);
}

static void
assert_listed (Fixture    *f,
               const char *uid)
{
  g_autoptr(CredenceStoreBadge) stored = get_badge (f, uid);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *image = test_server_url (f->server, "/badge.png");
  g_autofree char *issuer = test_server_url (f->server, "/issuer.json");
  CredenceStoreBadge *listed;

  g_assert_cmpstr (stored->name, ==, BADGE_NAME);
  g_assert_cmpstr (stored->issuer_name, ==, ISSUER_NAME);
  g_assert_true (g_str_has_prefix (stored->description, "Welds two pipes"));
  g_assert_cmpstr (stored->image, ==, image);
  g_assert_cmpstr (stored->issuer_url, ==, issuer);
  g_assert_cmpstr (stored->recipient, ==, "learner0@example.org");

  /* The listing and the search text agree. */
  list = credence_store_list_badges (f->store, NULL, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  listed = g_ptr_array_index (list, 0);
  g_assert_cmpstr (listed->name, ==, BADGE_NAME);
  g_assert_cmpstr (listed->issuer_name, ==, ISSUER_NAME);
  g_assert_cmpuint (count_matches (f, "LOOPBACK welding"), ==, 1);
  g_assert_cmpuint (count_matches (f, "issuing academy"), ==, 1);
  g_assert_cmpuint (count_matches (f, "welds two pipes"), ==, 1);
  g_assert_cmpuint (count_matches (f, "learner0"), ==, 1);
}

static void
test_reverify_online_fills (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *uid = import_offline (f);
  g_autoptr(CredenceStoreBadgeSet) set = NULL;
  g_autoptr(CredenceStoreBadge) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *issuer = test_server_url (f->server, "/issuer.json");
  const CredencePathwayBadge *badges;
  gsize n_badges = 0;
  CredenceImportResult *r;

  /* Online: the BadgeClass and Issuer are fetched; the listing follows. */
  r = run_importer (f, FALSE, NULL, uid);
  g_assert_cmpint (r->status, ==, CREDENCE_IMPORT_REVERIFIED);
  g_assert_cmpstr (verdict_of (r), ==, "valid");
  g_assert_cmpstr (r->name, ==, BADGE_NAME);
  assert_listed (f, uid);

  /* Pathways see the badge's name and issuer too. */
  set = credence_store_load_badge_set (f->store, &error);
  g_assert_no_error (error);
  badges = credence_store_badge_set_get_badges (set, &n_badges);
  g_assert_cmpuint (n_badges, ==, 1);
  g_assert_cmpstr (badges[0].name, ==, BADGE_NAME);
  g_assert_cmpstr (badges[0].issuer_name, ==, ISSUER_NAME);
  g_assert_cmpstr (badges[0].issuer_id, ==, issuer);

  /* Offline afterwards, the issuer gone: the pinned documents give the
   * same verdict and the same listing.
   */
  test_server_free (f->server);
  f->server = test_server_new ();
  r = run_importer (f, TRUE, NULL, uid);
  g_assert_cmpstr (verdict_of (r), ==, "valid");
  g_assert_false (credence_import_result_changed (r));
  g_assert_cmpstr (r->name, ==, BADGE_NAME);
  stored = get_badge (f, uid);
  g_assert_cmpstr (stored->name, ==, BADGE_NAME);
  g_assert_cmpstr (stored->issuer_name, ==, ISSUER_NAME);
  g_assert_cmpstr (stored->issuer_url, ==, issuer);
  g_assert_cmpuint (stored->history->len, ==, 3);
  g_assert_false (((CredenceStoreVerification *) g_ptr_array_index (stored->history, 2))->online);
  g_assert_cmpuint (count_matches (f, "loopback welding"), ==, 1);

  /* Online again, the issuer unreachable now: nothing is blanked. */
  g_clear_pointer (&stored, credence_store_badge_free);
  r = run_importer (f, FALSE, NULL, uid);
  g_assert_cmpstr (verdict_of (r), ==, "indeterminate");
  stored = get_badge (f, uid);
  g_assert_cmpstr (stored->name, ==, BADGE_NAME);
  g_assert_cmpstr (stored->issuer_name, ==, ISSUER_NAME);
  g_assert_true (g_str_has_prefix (stored->description, "Welds two pipes"));
  g_assert_cmpuint (count_matches (f, "issuing academy"), ==, 1);

  /* Nor are the pinned documents lost: offline, the badge checks as
   * before.
   */
  g_assert_cmpuint (stored->documents->len, >=, 3);
  r = run_importer (f, TRUE, NULL, uid);
  g_assert_cmpstr (verdict_of (r), ==, "valid");

  g_assert_cmpint (credence_test_assert_collection_complete (f->store, 3), ==, 1);
}

/* What a hostile (or broken) issuer answers: a BadgeClass with another
 * name but blank description and no criteria, and an Issuer with a blank
 * name.
 */
static void
write_hostile_site (Fixture *f)
{
  g_autofree char *badge_path = g_build_filename (f->site, "badge.json", NULL);
  g_autofree char *issuer_path = g_build_filename (f->site, "issuer.json", NULL);
  const char *base = test_server_get_base (f->server);
  g_autofree char *badge_json = NULL;
  g_autofree char *issuer_json = NULL;

  badge_json = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"BadgeClass\", "
                                "\"id\": \"%sbadge.json\", \"name\": \"Free Money Now\", "
                                "\"description\": \"  \", \"image\": \"\", "
                                "\"issuer\": \"%sissuer.json\"}", base, base);
  issuer_json = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"Issuer\", "
                                 "\"id\": \"%sissuer.json\", \"name\": \"\", "
                                 "\"url\": \"%s\", \"email\": \"badges@issuer.test\"}", base, base);
  g_assert_true (g_file_set_contents (badge_path, badge_json, -1, NULL));
  g_assert_true (g_file_set_contents (issuer_path, issuer_json, -1, NULL));
}

static void
test_hostile_issuer_keeps (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *uid = import_offline (f);
  g_autoptr(CredenceStoreBadge) stored = NULL;
  CredenceImportResult *r;

  r = run_importer (f, FALSE, NULL, uid);
  g_assert_cmpstr (verdict_of (r), ==, "valid");
  assert_listed (f, uid);

  /* The issuer's documents turn into different, invalid ones. */
  write_hostile_site (f);
  r = run_importer (f, FALSE, NULL, uid);
  g_assert_cmpstr (verdict_of (r), ==, "invalid");
  g_assert_cmpstr (credence_reason_to_string (credence_verification_get_reason (r->verification)), ==,
                   "invalid-data");
  g_assert_true (credence_import_result_changed (r));
  g_assert_cmpstr (r->name, ==, BADGE_NAME);

  stored = get_badge (f, uid);
  g_assert_cmpstr (stored->verdict, ==, "invalid");
  g_assert_cmpuint (count_matches (f, "free money"), ==, 0);
  assert_listed (f, uid);

  /* Offline from the documents pinned by that check: the same verdict,
   * and still the listing the valid documents gave.
   */
  r = run_importer (f, TRUE, NULL, uid);
  g_assert_cmpstr (verdict_of (r), ==, "invalid");
  g_assert_false (credence_import_result_changed (r));
  assert_listed (f, uid);
}

static void
test_hostile_issuer_after_offline_import (Fixture       *f,
                                          gconstpointer  data)
{
  g_autofree char *uid = import_offline (f);
  g_autoptr(CredenceStoreBadge) stored = NULL;
  CredenceImportResult *r;

  /* Invalid documents may fill what was never known, as an import of
   * them would; blank ones never fill anything.
   */
  write_hostile_site (f);
  r = run_importer (f, FALSE, NULL, uid);
  g_assert_cmpstr (verdict_of (r), ==, "invalid");
  stored = get_badge (f, uid);
  g_assert_cmpstr (stored->name, ==, "Free Money Now");
  g_assert_null (stored->description);
  g_assert_null (stored->image);
  g_assert_null (stored->issuer_name);
  g_clear_pointer (&stored, credence_store_badge_free);

  /* The issuer comes to its senses: valid documents replace those. */
  g_free (credence_test_write_ob2_site (f->dir, test_server_get_base (f->server)));
  r = run_importer (f, FALSE, NULL, uid);
  g_assert_cmpstr (verdict_of (r), ==, "valid");
  g_assert_cmpuint (count_matches (f, "free money"), ==, 0);
  assert_listed (f, uid);
}

static void
test_duplicate_import_fills (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *uid = import_offline (f);
  CredenceImportResult *r;

  /* The same file imported again online: a duplicate that knows more. */
  r = run_importer (f, FALSE, f->file, NULL);
  g_assert_cmpint (r->status, ==, CREDENCE_IMPORT_DUPLICATE);
  g_assert_cmpstr (r->badge_uid, ==, uid);
  g_assert_cmpstr (verdict_of (r), ==, "valid");
  g_assert_cmpstr (r->name, ==, BADGE_NAME);
  assert_listed (f, uid);

  /* And once more offline: it knows less, and changes nothing. */
  r = run_importer (f, TRUE, f->file, NULL);
  g_assert_cmpint (r->status, ==, CREDENCE_IMPORT_DUPLICATE);
  g_assert_cmpstr (r->name, ==, BADGE_NAME);
  assert_listed (f, uid);

  g_assert_cmpint (credence_test_assert_collection_complete (f->store, 0), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/listing/reverify-online-fills", test_reverify_online_fills);
  ADD ("/listing/hostile-issuer-keeps", test_hostile_issuer_keeps);
  ADD ("/listing/hostile-issuer-after-offline-import", test_hostile_issuer_after_offline_import);
  ADD ("/listing/duplicate-import-fills", test_duplicate_import_fills);

  return g_test_run ();
}
