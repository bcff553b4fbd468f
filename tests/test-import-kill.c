/* test-import-kill.c: credence-cli import and credence-cli reverify killed
 * with SIGKILL at random moments leave a sound collection
 * (PRAGMA integrity_check) in which every badge is complete, and nothing
 * stored before is lost.
 *
 * `--rounds N` sets how many kills each test makes (20 in the test suite;
 * the `import-kill` benchmark makes 200).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "credence-store.h"
#include "credence-test-utils.h"

#define N_BADGES 300

static gint n_rounds = 20;

static GSubprocess *
spawn_cli (const char *data_dir,
           const char *url_map,
           const char *command,
           const char *input)
{
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("CREDENCE_CLI");
  GSubprocess *proc;

  g_assert_nonnull (cli);
  if (g_str_equal (command, "import"))
    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                             &error, cli, "--data-dir", data_dir, "import", "--json", "--jobs", "2",
                             "--url-map", url_map, input, NULL);
  else
    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                             &error, cli, "--data-dir", data_dir, "reverify", "--all", "--json",
                             "--jobs", "2", "--url-map", url_map, NULL);
  g_assert_no_error (error);

  return proc;
}

static gint64
run_to_end (const char *data_dir,
            const char *url_map,
            const char *command,
            const char *input)
{
  g_autoptr(GSubprocess) proc = spawn_cli (data_dir, url_map, command, input);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_get_monotonic_time () - start;
}

/* What a badge held: its original bytes and how many verifications. */
typedef struct
{
  char  *original_sha256;
  guint  n_history;
} Snapshot;

static void
snapshot_free (Snapshot *snap)
{
  g_free (snap->original_sha256);
  g_free (snap);
}

/* Checks the collection (integrity, every badge complete, its latest
 * verdict the last of its history) and returns what each badge holds.
 */
static GHashTable *
check_collection (const char *data_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceStore) store = credence_store_open_default (data_dir, NULL, &error);
  g_autoptr(GPtrArray) list = NULL;
  GHashTable *snapshots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) snapshot_free);

  g_assert_no_error (error);
  g_assert_true (credence_store_check_integrity (store, &error));
  g_assert_no_error (error);

  list = credence_store_list_badges (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      const char *uid = ((CredenceStoreBadge *) g_ptr_array_index (list, i))->uid;
      g_autoptr(CredenceStoreBadge) badge = credence_store_get_badge (store, uid, &error);
      CredenceStoreVerification *last;
      Snapshot *snap = g_new0 (Snapshot, 1);

      g_assert_no_error (error);
      /* Complete, as credence_test_assert_collection_complete() checks. */
      g_assert_cmpuint (g_bytes_get_size (badge->original), >, 0);
      g_assert_cmpuint (g_bytes_get_size (badge->payload), >, 0);
      g_assert_cmpuint (badge->history->len, >=, 1);
      g_assert_nonnull (badge->verdict);
      g_assert_cmpuint (badge->documents->len, >=, 3);
      for (guint j = 0; j < badge->documents->len; j++)
        g_assert_cmpuint (g_bytes_get_size (((CredenceStoreDocument *) badge->documents->pdata[j])->bytes), >, 0);

      last = g_ptr_array_index (badge->history, badge->history->len - 1);
      g_assert_cmpstr (badge->verdict, ==, last->verdict);
      g_assert_cmpint (badge->verified_at, ==, last->verified_at);

      snap->original_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, badge->original);
      snap->n_history = badge->history->len;
      g_hash_table_insert (snapshots, g_strdup (uid), snap);
    }

  return snapshots;
}

/* Every badge of @before is in @after, with the same bytes and at least
 * the same verifications.
 */
static void
assert_nothing_lost (GHashTable *before,
                     GHashTable *after)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Snapshot *was = value;
      Snapshot *now = g_hash_table_lookup (after, key);

      g_assert_nonnull (now);
      g_assert_cmpstr (now->original_sha256, ==, was->original_sha256);
      g_assert_cmpuint (now->n_history, >=, was->n_history);
    }
}

static void
kill_rounds (const char *data_dir,
             const char *url_map,
             const char *command,
             const char *input,
             gint64      full_us)
{
  g_autoptr(GHashTable) previous = check_collection (data_dir);
  g_autoptr(GError) error = NULL;
  guint killed_mid_way = 0;

  for (gint round = 0; round < n_rounds; round++)
    {
      g_autoptr(GSubprocess) proc = spawn_cli (data_dir, url_map, command, input);
      gint64 delay = g_test_rand_int_range (0, (gint32) MAX (full_us, 2000));
      g_autoptr(GHashTable) now = NULL;

      g_usleep (delay);
      g_subprocess_send_signal (proc, SIGKILL);
      g_assert_true (g_subprocess_wait (proc, NULL, &error));
      if (g_subprocess_get_if_signaled (proc))
        killed_mid_way++;

      now = check_collection (data_dir);
      assert_nothing_lost (previous, now);
      g_hash_table_unref (previous);
      previous = g_steal_pointer (&now);
    }

  g_test_message ("%u of %d %s runs were killed before they finished; %u badges kept",
                  killed_mid_way, n_rounds, command, g_hash_table_size (previous));
  g_assert_cmpuint (killed_mid_way, >=, (guint) n_rounds / 2);
}

static void
test_kill_during_import (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *scratch = g_build_filename (dir, "scratch", NULL);
  g_autofree char *input = g_build_filename (dir, "input", NULL);
  g_autofree char *site = credence_test_write_ob2_site (dir, NULL);
  g_autofree char *url_map = credence_test_write_ob2_badges (site, NULL, input, 0, N_BADGES, FALSE);
  g_autoptr(GHashTable) full = NULL;
  gint64 full_us;

  /* How long a whole import takes here. */
  full_us = run_to_end (scratch, url_map, "import", input);
  full = check_collection (scratch);
  g_assert_cmpuint (g_hash_table_size (full), ==, N_BADGES);
  g_test_message ("a full import of %d badges takes %.0f ms", N_BADGES, full_us / 1000.0);

  kill_rounds (data_dir, url_map, "import", input, full_us);

  credence_test_remove_tree (dir);
}

static void
test_kill_during_reverify (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *input = g_build_filename (dir, "input", NULL);
  g_autofree char *site = credence_test_write_ob2_site (dir, NULL);
  g_autofree char *url_map = credence_test_write_ob2_badges (site, NULL, input, 0, N_BADGES, FALSE);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  gint64 full_us;

  run_to_end (data_dir, url_map, "import", input);
  before = check_collection (data_dir);
  g_assert_cmpuint (g_hash_table_size (before), ==, N_BADGES);

  /* How long re-verifying every badge takes here (one more verification
   * each).
   */
  full_us = run_to_end (data_dir, url_map, "reverify", NULL);
  after = check_collection (data_dir);
  g_assert_cmpuint (g_hash_table_size (after), ==, N_BADGES);
  assert_nothing_lost (before, after);
  g_test_message ("re-verifying %d badges takes %.0f ms", N_BADGES, full_us / 1000.0);

  kill_rounds (data_dir, url_map, "reverify", NULL, full_us);

  g_clear_pointer (&after, g_hash_table_unref);
  after = check_collection (data_dir);
  g_assert_cmpuint (g_hash_table_size (after), ==, N_BADGES);

  credence_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &n_rounds, "Kills per test (default 20)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_rounds < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--rounds must be at least 1");
      return 2;
    }

  g_test_add_func ("/import-kill/sigkill-during-import", test_kill_during_import);
  g_test_add_func ("/import-kill/sigkill-during-reverify", test_kill_during_reverify);

  return g_test_run ();
}
