/* test-import-kill.c: credence-cli import killed with SIGKILL at random
 * moments leaves a sound collection in which every badge is complete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "credence-store.h"
#include "credence-test-utils.h"

#define N_BADGES 300
#define N_ROUNDS 20

static GSubprocess *
spawn_import (const char *data_dir,
              const char *url_map,
              const char *input)
{
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("CREDENCE_CLI");
  GSubprocess *proc;

  g_assert_nonnull (cli);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                           &error, cli, "--data-dir", data_dir, "import", "--json", "--jobs", "2",
                           "--url-map", url_map, input, NULL);
  g_assert_no_error (error);

  return proc;
}

static void
assert_complete (const char *data_dir,
                 gint64     *count_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceStore) store = credence_store_open_default (data_dir, NULL, &error);

  g_assert_no_error (error);
  *count_out = credence_test_assert_collection_complete (store, 3);
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
  g_autoptr(GSubprocess) timing = NULL;
  g_autoptr(GError) error = NULL;
  guint killed_mid_way = 0;
  gint64 full_us, start, count = 0, previous = 0;

  /* How long a whole import takes here. */
  start = g_get_monotonic_time ();
  timing = spawn_import (scratch, url_map, input);
  g_assert_true (g_subprocess_wait (timing, NULL, &error));
  full_us = g_get_monotonic_time () - start;
  g_assert_true (g_subprocess_get_if_exited (timing));
  assert_complete (scratch, &count);
  g_assert_cmpint (count, ==, N_BADGES);
  g_test_message ("a full import of %d badges takes %.0f ms", N_BADGES, full_us / 1000.0);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr(GSubprocess) proc = spawn_import (data_dir, url_map, input);
      gint64 delay = g_test_rand_int_range (0, (gint32) MAX (full_us, 2000));

      g_usleep (delay);
      g_subprocess_send_signal (proc, SIGKILL);
      g_assert_true (g_subprocess_wait (proc, NULL, &error));
      if (g_subprocess_get_if_signaled (proc))
        killed_mid_way++;

      assert_complete (data_dir, &count);
      /* Nothing finished before is ever lost. */
      g_assert_cmpint (count, >=, previous);
      previous = count;
    }

  g_test_message ("%u of %u imports were killed before they finished; %" G_GINT64_FORMAT " badges kept",
                  killed_mid_way, N_ROUNDS, count);
  g_assert_cmpuint (killed_mid_way, >=, N_ROUNDS / 2);

  credence_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-kill/sigkill-during-import", test_kill_during_import);

  return g_test_run ();
}
