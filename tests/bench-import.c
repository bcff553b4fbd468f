/* bench-import.c: importing 10 000 badges into an encrypted collection.
 *
 * Prints badges/s for an online import (OB 2.0 hosted badges served by a
 * loopback server) and for an offline re-verification of the whole
 * collection from its pinned documents, peak RSS against an empty store,
 * the database size, and the time to list and search 10 000 badges.
 * Targets (issue 7): ≥ 1 000 badges/s offline; peak RSS ≤ 2× an empty
 * store + 50 MB; list/search < 50 ms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "credence-importer.h"
#include "credence-keyring.h"
#include "credence-loader.h"
#include "credence-store.h"
#include "credence-test-server.h"
#include "credence-test-utils.h"

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* CPU time of every thread, user and system: on a shared machine the
 * wall clock says more about the neighbours than about the import.
 */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static double
current_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtod (line + 6, NULL) / 1024.0 : 0;
}

static gint64
dir_size (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  gint64 total = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
        total += st.st_size;
    }

  return total;
}

static CredenceImporter *
make_importer (CredenceStore *store,
               gboolean       offline)
{
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  g_autoptr(CredenceVerifier) verifier = NULL;

  credence_loader_set_offline (loader, offline);
  verifier = credence_verifier_new (loader);

  return credence_importer_new (store, verifier);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  g_autofree char *site = NULL;
  g_autofree char *input = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GBytes) key = credence_keyring_new_random_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(CredenceImporter) importer = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GPtrArray) list = NULL;
  TestServer *server;
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  double empty_rss, seconds, cpu, list_ms, search_ms;
  gint64 start;

  g_test_init (&argc, &argv, NULL);

  dir = credence_test_make_temp_dir ();
  data = g_build_filename (dir, "data", NULL);
  g_mkdir (data, 0700);
  path = g_build_filename (data, CREDENCE_STORE_FILE_NAME, NULL);
  input = g_build_filename (dir, "input", NULL);

  server = test_server_new ();
  base = g_strdup (test_server_get_base (server));
  site = credence_test_write_ob2_site (dir, base);
  g_free (credence_test_write_ob2_badges (site, base, input, 0, n, FALSE));
  test_server_add_dir (server, "/", site);

  store = credence_store_open (path, key, &error);
  g_assert_no_error (error);
  empty_rss = current_rss_mb ();

  /* Online import through the loopback server. */
  importer = make_importer (store, FALSE);
  folder = g_file_new_for_path (input);
  credence_importer_add_file (importer, folder);
  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  g_assert_true (credence_importer_run (importer, NULL, &error));
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  cpu = cpu_seconds () - cpu;
  printf ("import online (loopback server): %u badges in %.2f s = %.0f badges/s; %.2f CPU s (added %u, rejected %u)\n",
          n, seconds, n / seconds, cpu,
          credence_importer_get_count (importer, CREDENCE_IMPORT_ADDED),
          credence_importer_get_count (importer, CREDENCE_IMPORT_REJECTED));
  g_clear_object (&importer);
  test_server_free (server);

  /* Offline: every badge verified again from its pinned documents. */
  importer = make_importer (store, TRUE);
  g_assert_true (credence_importer_add_reverify_all (importer, &error));
  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  g_assert_true (credence_importer_run (importer, NULL, &error));
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  cpu = cpu_seconds () - cpu;
  printf ("re-verify offline (pinned documents): %u badges in %.2f s = %.0f badges/s; "
          "%.2f CPU s = %.0f badges per CPU second (target >= 1000/s)\n",
          n, seconds, n / seconds, cpu, n / cpu);
  g_clear_object (&importer);

  start = g_get_monotonic_time ();
  list = credence_store_list_badges (store, NULL, &error);
  list_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_cmpuint (list->len, ==, n);
  g_clear_pointer (&list, g_ptr_array_unref);

  start = g_get_monotonic_time ();
  list = credence_store_list_badges (store, "learner4242@", &error);
  search_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_cmpuint (list->len, ==, n > 4242 ? 1 : 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  printf ("list %u badges: %.1f ms; search: %.1f ms (target < 50 ms)\n", n, list_ms, search_ms);

  g_clear_object (&store);
  printf ("peak RSS %.1f MB; empty store %.1f MB; limit 2x + 50 = %.1f MB\n",
          peak_rss_mb (), empty_rss, 2 * empty_rss + 50);
  printf ("database size: %.1f MB (%.1f KB per badge)\n",
          dir_size (data) / 1048576.0, dir_size (data) / 1024.0 / n);

  credence_test_remove_tree (dir);

  return 0;
}
