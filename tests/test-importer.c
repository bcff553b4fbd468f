/* test-importer.c: importing files, folders, bytes and re-verifying, into
 * a real encrypted collection.
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
#include "credence-test-utils.h"

typedef struct
{
  char          *dir;
  char          *data;
  char          *site;
  char          *input;
  char          *url_map;
  CredenceStore *store;
  GPtrArray     *results;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();

  f->dir = credence_test_make_temp_dir ();
  f->data = g_build_filename (f->dir, "data", NULL);
  g_assert_cmpint (g_mkdir (f->data, 0700), ==, 0);
  path = g_build_filename (f->data, CREDENCE_STORE_FILE_NAME, NULL);
  f->store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  f->site = credence_test_write_ob2_site (f->dir, NULL);
  f->input = g_build_filename (f->dir, "input", NULL);
  f->url_map = credence_test_write_ob2_badges (f->site, NULL, f->input, 0, 12, FALSE);
  f->results = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_import_result_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->store != NULL)
    g_assert_finalize_object (f->store);
  credence_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data);
  g_free (f->site);
  g_free (f->input);
  g_free (f->url_map);
  g_ptr_array_unref (f->results);
}

static CredenceVerifier *
make_verifier (Fixture  *f,
               gboolean  offline)
{
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  g_autoptr(GError) error = NULL;

  /* Offline means the pinned documents alone: no URL map either. */
  credence_loader_set_offline (loader, offline);
  if (!offline)
    g_assert_true (credence_loader_parse_url_map (loader, f->url_map, &error));
  g_assert_no_error (error);

  return credence_verifier_new (loader);
}

static void
collect_cb (CredenceImporter     *importer,
            CredenceImportResult *result,
            Fixture              *f)
{
  g_ptr_array_add (f->results, credence_import_result_copy (result));
}

static CredenceImporter *
make_importer (Fixture  *f,
               gboolean  offline)
{
  g_autoptr(CredenceVerifier) verifier = make_verifier (f, offline);
  CredenceImporter *importer = credence_importer_new (f->store, verifier);

  g_signal_connect (importer, "item-finished", G_CALLBACK (collect_cb), f);
  g_ptr_array_set_size (f->results, 0);

  return importer;
}

static CredenceImportResult *
result_for (Fixture    *f,
            const char *suffix)
{
  for (guint i = 0; i < f->results->len; i++)
    {
      CredenceImportResult *r = g_ptr_array_index (f->results, i);

      if (g_str_has_suffix (r->source, suffix))
        return r;
    }

  g_error ("no result for %s", suffix);
}

static void
test_import_folder (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CredenceImporter) importer = make_importer (f, FALSE);
  g_autoptr(GFile) folder = g_file_new_for_path (f->input);
  g_autoptr(GBytes) junk = g_bytes_new_static ("just some words", 15);
  g_autoptr(CredenceStoreBadge) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *nested = g_build_filename (f->input, "nested", NULL);
  g_autofree char *plain_png = g_test_build_filename (G_TEST_DIST, "data", "corpus", "mozilla-openbadges-bakery",
                                                      "unbaked.png", NULL);
  g_autoptr(GFile) picture = g_file_new_for_path (plain_png);
  CredenceImportResult *r;

  /* Folders are read recursively. */
  g_free (credence_test_write_ob2_badges (f->site, NULL, nested, 100, 3, FALSE));

  credence_importer_add_file (importer, folder);
  credence_importer_add_bytes (importer, junk, "pasted text");
  credence_importer_add_file (importer, picture);

  g_assert_true (credence_importer_run (importer, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (credence_importer_get_count (importer, CREDENCE_IMPORT_ADDED), ==, 15);
  g_assert_cmpuint (credence_importer_get_done (importer), ==, credence_importer_get_total (importer));
  g_assert_cmpuint (f->results->len, ==, credence_importer_get_total (importer));
  g_assert_cmpint (credence_store_count_badges (f->store, NULL), ==, 15);

  /* Not a badge: reported, not stored. */
  r = result_for (f, "pasted text");
  g_assert_cmpint (r->status, ==, CREDENCE_IMPORT_REJECTED);
  g_assert_cmpstr (r->reason, ==, "not-a-badge");
  g_assert_nonnull (r->message);
  g_assert_null (r->badge_uid);

  /* A picture without badge data: the same. */
  r = result_for (f, "unbaked.png");
  g_assert_cmpint (r->status, ==, CREDENCE_IMPORT_REJECTED);
  g_assert_cmpstr (r->reason, ==, "not-a-badge");

  r = result_for (f, "00003.json");
  g_assert_cmpint (r->status, ==, CREDENCE_IMPORT_ADDED);
  g_assert_nonnull (r->verification);
  g_assert_cmpint (credence_verification_get_verdict (r->verification), ==, CREDENCE_VERDICT_VALID);

  stored = credence_store_get_badge (f->store, r->badge_uid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->name, ==, "Loopback Welding");
  g_assert_cmpstr (stored->issuer_name, ==, "Test Issuing Academy");
  g_assert_cmpstr (stored->credential_id, ==, CREDENCE_TEST_ISSUER "assertions/00003.json");
  g_assert_cmpstr (stored->recipient, ==, "learner3@example.org");
  g_assert_cmpstr (stored->spec_version, ==, "2.0");
  g_assert_cmpstr (stored->container, ==, "json");
  g_assert_cmpstr (stored->verdict, ==, "valid");
  g_assert_true (g_str_has_suffix (stored->source, "00003.json"));
  g_assert_cmpuint (stored->history->len, ==, 1);
  g_assert_true (((CredenceStoreVerification *) g_ptr_array_index (stored->history, 0))->online);
  g_assert_nonnull (strstr (((CredenceStoreVerification *) g_ptr_array_index (stored->history, 0))->report,
                            "\"verdict\""));
  /* The hosted assertion, the BadgeClass and the Issuer at least. */
  g_assert_cmpuint (stored->documents->len, >=, 3);

  g_assert_cmpint (credence_test_assert_collection_complete (f->store, 1), >=, 0);
}

static void
test_import_duplicate (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->input, "00001.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceStoreBadge) stored = NULL;
  g_autofree char *first_uid = NULL;

  for (int round = 0; round < 2; round++)
    {
      g_autoptr(CredenceImporter) importer = make_importer (f, FALSE);

      credence_importer_add_source (importer, file);
      g_assert_true (credence_importer_run (importer, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (f->results->len, ==, 1);
      g_assert_cmpint (((CredenceImportResult *) f->results->pdata[0])->status, ==,
                       round == 0 ? CREDENCE_IMPORT_ADDED : CREDENCE_IMPORT_DUPLICATE);
      if (round == 0)
        first_uid = g_strdup (((CredenceImportResult *) f->results->pdata[0])->badge_uid);
      else
        g_assert_cmpstr (((CredenceImportResult *) f->results->pdata[0])->badge_uid, ==, first_uid);
    }

  g_assert_cmpint (credence_store_count_badges (f->store, NULL), ==, 1);
  stored = credence_store_get_badge (f->store, first_uid, &error);
  g_assert_cmpuint (stored->history->len, ==, 2);
}

static void
cancel_after_cb (CredenceImporter     *importer,
                 CredenceImportResult *result,
                 GCancellable         *cancellable)
{
  if (credence_importer_get_done (importer) >= 3)
    g_cancellable_cancel (cancellable);
}

static void
test_import_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CredenceImporter) importer = make_importer (f, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFile) folder = g_file_new_for_path (f->input);
  g_autoptr(GError) error = NULL;
  gint64 stored;

  g_free (credence_test_write_ob2_badges (f->site, NULL, f->input, 1000, 200, FALSE));

  credence_importer_set_jobs (importer, 1);
  credence_importer_set_batch_size (importer, 2);
  credence_importer_add_file (importer, folder);
  g_signal_connect (importer, "item-finished", G_CALLBACK (cancel_after_cb), cancellable);

  g_assert_false (credence_importer_run (importer, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* What finished is kept, complete; the rest was not started. */
  stored = credence_store_count_badges (f->store, NULL);
  g_assert_cmpint (stored, >=, 3);
  g_assert_cmpint (stored, <, 212);
  g_assert_cmpint (stored, ==, credence_importer_get_count (importer, CREDENCE_IMPORT_ADDED));
  g_assert_cmpint (credence_test_assert_collection_complete (f->store, 1), >=, 0);
}

typedef struct
{
  guint    notifies;
  guint    last_done;
  gboolean finished;
  GError  *error;
} AsyncData;

static void
done_notify_cb (CredenceImporter *importer,
                GParamSpec       *pspec,
                AsyncData        *data)
{
  /* Progress arrives in this thread and only goes up. */
  g_assert_cmpuint (credence_importer_get_done (importer), >=, data->last_done);
  data->last_done = credence_importer_get_done (importer);
  data->notifies++;
}

static void
run_async_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncData *data = user_data;

  credence_importer_run_finish (CREDENCE_IMPORTER (source), result, &data->error);
  data->finished = TRUE;
}

static void
test_import_async_progress (Fixture       *f,
                            gconstpointer  data)
{
  CredenceImporter *importer = make_importer (f, FALSE);
  g_autoptr(GFile) folder = g_file_new_for_path (f->input);
  AsyncData async = { 0 };

  credence_importer_add_file (importer, folder);
  g_signal_connect (importer, "notify::done", G_CALLBACK (done_notify_cb), &async);
  credence_importer_run_async (importer, NULL, run_async_cb, &async);
  while (!async.finished)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (async.error);
  g_assert_cmpuint (credence_importer_get_total (importer), ==, 12);
  g_assert_cmpuint (async.last_done, ==, 12);
  g_assert_cmpuint (async.notifies, >=, 12);
  g_assert_cmpfloat (credence_importer_get_fraction (importer), ==, 1.0);
  g_assert_cmpuint (f->results->len, ==, 12);
  g_assert_cmpuint (credence_importer_get_count (importer, CREDENCE_IMPORT_ADDED), ==, 12);

  /* The worker thread drops its reference a moment after it finished. */
  g_object_add_weak_pointer (G_OBJECT (importer), (gpointer *) &importer);
  g_object_unref (importer);
  while (importer != NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_reverify (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CredenceImporter) importer = make_importer (f, FALSE);
  g_autoptr(CredenceImporter) offline = NULL;
  g_autoptr(CredenceImporter) online = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (f->input);
  g_autoptr(GHashTable) verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceStoreBadge) stored = NULL;
  CredenceImportResult *r = NULL;
  g_autofree char *revoked_uid = NULL;

  credence_importer_add_file (importer, folder);
  g_assert_true (credence_importer_run (importer, NULL, &error));
  for (guint i = 0; i < f->results->len; i++)
    {
      r = g_ptr_array_index (f->results, i);
      g_hash_table_insert (verdicts, g_strdup (r->badge_uid),
                           g_strdup (credence_verdict_to_string (credence_verification_get_verdict (r->verification))));
    }

  /* Offline, from the pinned documents only, with the issuer's site
   * gone: the same verdicts.
   */
  credence_test_remove_tree (f->site);
  offline = make_importer (f, TRUE);
  g_assert_true (credence_importer_add_reverify_all (offline, &error));
  g_assert_true (credence_importer_run (offline, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->results->len, ==, 12);
  for (guint i = 0; i < f->results->len; i++)
    {
      r = g_ptr_array_index (f->results, i);
      g_assert_cmpint (r->status, ==, CREDENCE_IMPORT_REVERIFIED);
      if (g_test_verbose ())
        {
          g_autofree char *line = credence_verification_to_json_line (r->verification, r->source, 0);
          g_test_message ("%s", line);
        }
      g_assert_cmpstr (credence_verdict_to_string (credence_verification_get_verdict (r->verification)), ==,
                       g_hash_table_lookup (verdicts, r->badge_uid));
      g_assert_false (credence_import_result_changed (r));
    }
  stored = credence_store_get_badge (f->store, r->badge_uid, &error);
  g_assert_cmpuint (stored->history->len, ==, 2);
  g_assert_false (((CredenceStoreVerification *) g_ptr_array_index (stored->history, 1))->online);
  g_clear_pointer (&stored, credence_store_badge_free);

  /* The issuer comes back and has revoked one badge: online
   * re-verification records what changed.
   */
  g_free (credence_test_write_ob2_site (f->dir, NULL));
  g_free (credence_test_write_ob2_badges (f->site, NULL, NULL, 0, 12, FALSE));
  g_free (credence_test_write_ob2_badges (f->site, NULL, NULL, 5, 1, TRUE));
  revoked_uid = credence_store_find_badge (f->store, CREDENCE_TEST_ISSUER "assertions/00005.json", NULL, &error);
  g_assert_nonnull (revoked_uid);

  online = make_importer (f, FALSE);
  credence_importer_add_reverify (online, revoked_uid);
  g_assert_true (credence_importer_run (online, NULL, &error));
  g_assert_no_error (error);
  r = g_ptr_array_index (f->results, 0);
  g_assert_cmpstr (r->previous_verdict, ==, "valid");
  g_assert_cmpint (credence_verification_get_verdict (r->verification), ==, CREDENCE_VERDICT_INVALID);
  g_assert_cmpint (credence_verification_get_reason (r->verification), ==, CREDENCE_REASON_REVOKED);
  g_assert_true (credence_import_result_changed (r));

  stored = credence_store_get_badge (f->store, revoked_uid, &error);
  g_assert_cmpstr (stored->verdict, ==, "invalid");
  g_assert_cmpstr (stored->reason, ==, "revoked");
  g_assert_cmpuint (stored->history->len, ==, 3);
  g_assert_cmpint (credence_test_assert_collection_complete (f->store, 1), >=, 0);
}

static void
test_no_plaintext_at_rest (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *ob20 = g_test_build_filename (G_TEST_DIST, "data", "corpus",
                                                 "1edtech-dc-public-validator", "ob20", NULL);
  g_autofree char *assets = g_build_filename (ob20, "assets", NULL);
  g_autofree char *maps = NULL;
  g_autofree char *found = NULL;
  g_autoptr(CredenceImporter) importer = NULL;
  g_autoptr(GFile) corpus = g_file_new_for_path (ob20);
  g_autoptr(GFile) generated = g_file_new_for_path (f->input);
  g_autoptr(GError) error = NULL;
  const char *needles[] = {
    "beths-robotics-badge", "example.org", "ecf5409f3f4b91ab", "deadsea",
    "learner3@example.org", "Loopback Welding", "Test Issuing Academy", "issuer.test",
    "Welds two pipes", NULL,
  };

  maps = g_strdup_printf ("%s;https://example.org/=%s", f->url_map, assets);
  g_free (f->url_map);
  f->url_map = g_steal_pointer (&maps);

  importer = make_importer (f, FALSE);
  credence_importer_add_file (importer, generated);
  credence_importer_add_file (importer, corpus);
  g_assert_true (credence_importer_run (importer, NULL, &error));
  g_assert_no_error (error);
  /* Many corpus files are variants of one assertion id: duplicates. */
  g_assert_cmpuint (credence_importer_get_count (importer, CREDENCE_IMPORT_ADDED), >, 12);
  g_assert_cmpuint (credence_importer_get_count (importer, CREDENCE_IMPORT_ADDED) +
                    credence_importer_get_count (importer, CREDENCE_IMPORT_DUPLICATE), >, 30);

  /* While open, and once closed: no file in the folder holds any of it. */
  found = credence_test_dir_find_text (f->data, needles);
  g_assert_null (found);
  g_clear_object (&importer);
  g_assert_finalize_object (f->store);
  found = credence_test_dir_find_text (f->data, needles);
  g_assert_null (found);

  f->store = NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/importer/folder", test_import_folder);
  ADD ("/importer/duplicate", test_import_duplicate);
  ADD ("/importer/cancel", test_import_cancel);
  ADD ("/importer/async-progress", test_import_async_progress);
  ADD ("/importer/reverify", test_reverify);
  ADD ("/importer/no-plaintext-at-rest", test_no_plaintext_at_rest);

  return g_test_run ();
}
