/* bench-startup.c: the app's start with 10 000 badges in the collection,
 * side by side with an empty one, in one run.  For each, a child process
 * runs the real application on a real SQLCipher collection (key in the
 * test keyring) and reports when the first frame of the library was
 * painted and its RSS after scrolling through the whole grid; the parent
 * times from just before it spawned the child.  Targets (issue 8): first
 * frame with 10 000 ≤ 2 × empty; RSS ≤ 2 × empty + 50 MB.
 * A benchmark, not a test: run with `meson test --benchmark startup`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "credence-library.h"
#include "credence-store.h"
#include "ui-test-utils.h"

#define N_BADGES 10000

static const char * const words[] = {
  "Data", "Robotics", "Safety", "Leadership", "Python", "Design", "Welding", "Nursing",
  "Analytics", "Cloud", "French", "Algebra", "Teamwork", "Networks", "Security", "Writing",
};

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

/* Parent: a collection of @n made-up badges, each with a real PNG. */
static void
fill_store (const char *dir,
            guint       n)
{
  g_autofree char *png_path = g_test_build_filename (G_TEST_DIST, "data", "corpus", "1edtech-dc-public-validator",
                                                     "ob20", "simple-badge.png", NULL);
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(GPtrArray) badges = g_ptr_array_new_with_free_func ((GDestroyNotify)credence_store_badge_free);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  store = credence_store_open_default (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png_path, &contents, &len, &error));
  png = g_bytes_new_take (g_steal_pointer (&contents), len);

  for (guint i = 0; i < n; i++)
    {
      CredenceStoreBadge *badge = credence_store_badge_new ();
      g_autofree char *json = NULL;

      badge->name = g_strdup_printf ("%s %s %u", words[i % G_N_ELEMENTS (words)],
                                     words[(i / 16) % G_N_ELEMENTS (words)], i);
      badge->credential_id = g_strdup_printf ("https://example.org/assertions/%u", i);
      json = g_strdup_printf ("{\"id\": \"%s\", \"name\": \"%s\"}", badge->credential_id, badge->name);
      badge->container = g_strdup ("png");
      badge->spec_version = g_strdup ("2.0");
      badge->payload = g_bytes_new (json, strlen (json));
      badge->original = g_bytes_ref (png);
      badge->issuer_name = g_strdup ("Example University");
      badge->description = g_strdup_printf ("Awarded for module %u.", i % 97);
      badge->issued_on = g_strdup_printf ("20%02u-%02u-%02uT12:00:00Z", 10 + i % 16, 1 + i % 12, 1 + i % 28);
      credence_store_badge_add_verification (badge,
                                             credence_store_verification_new (g_get_real_time () / G_USEC_PER_SEC,
                                                                              TRUE, "valid", NULL, NULL));
      g_ptr_array_add (badges, badge);
    }

  if (n > 0)
    {
      g_assert_true (credence_store_add_badges (store, badges, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (credence_store_count_badges (store, NULL), ==, n);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static void
next_frame (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean painted = FALSE;
  gulong id;

  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static GtkWidget *
find_mapped_grid (GtkWidget *root)
{
  if (GTK_IS_GRID_VIEW (root) && gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped_grid (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Child: the app on CREDENCE_DATA_DIR, until the library's first frame. */
static int
run_child (guint    n,
           gboolean scroll)
{
  g_autoptr(CredenceApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  CredenceWindow *window;
  GtkWidget *grid;
  GtkAdjustment *adjustment;
  gint64 first_frame;
  guint frames = 0;

  gtk_init ();
  adw_init ();
  app = credence_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = CREDENCE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  while (g_strcmp0 (credence_window_get_page_name (window), "library") != 0)
    g_main_context_iteration (NULL, TRUE);
  next_frame (GTK_WIDGET (window));
  first_frame = g_get_monotonic_time ();
  g_assert_cmpuint (credence_library_get_n_badges (credence_window_get_library (window)), ==, n);

  /* Scroll through the whole grid, a frame per page, once the
   * incremental sort and filter are done.
   */
  while (credence_library_is_busy (credence_window_get_library (window)))
    next_frame (GTK_WIDGET (window));
  next_frame (GTK_WIDGET (window));
  grid = find_mapped_grid (GTK_WIDGET (window));
  if (n > 0 && scroll)
    {
      g_assert_nonnull (grid);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (grid)))), ==, n);
      adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (grid));
      while (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) <
             gtk_adjustment_get_upper (adjustment))
        {
          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                                gtk_adjustment_get_page_size (adjustment));
          next_frame (GTK_WIDGET (window));
          frames++;
        }
    }
  /* The thumbnails of the last page decode off the UI thread. */
  for (guint i = 0; i < 20; i++)
    next_frame (GTK_WIDGET (window));

  printf ("RESULT %" G_GINT64_FORMAT " %ld %u\n", first_frame, rss_kib (), frames);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

typedef struct
{
  double first_frame_ms;
  long   rss_kib;
  guint  frames;
} Run;

static void
spawn_child (const char *self_path,
             const char *dir,
             guint       n,
             gboolean    scroll,
             Run        *run)
{
  g_autofree char *arg = g_strdup_printf ("%u", n);
  const char *argv[] = { self_path, "--child", arg, scroll ? "scroll" : "no-scroll", NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "CREDENCE_DATA_DIR", dir, TRUE);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, first_frame = 0;
  int status;

  start = g_get_monotonic_time ();
  g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "RESULT "));
  sscanf (strstr (out, "RESULT ") + 7, "%" G_GINT64_FORMAT " %ld %u", &first_frame, &run->rss_kib, &run->frames);
  run->first_frame_ms = (first_frame - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  g_autofree char *empty_dir = NULL, *full_dir = NULL;
  Run empty[3], full[3], empty_scrolled, full_scrolled;
  double empty_ms, full_ms;
  long empty_rss, full_rss;
  gint64 t;

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (atoi (argv[2]), g_str_equal (argv[3], "scroll"));

  g_test_init (&argc, &argv, NULL);
  root = g_dir_make_tmp ("credence-bench-XXXXXX", NULL);
  empty_dir = g_build_filename (root, "empty", NULL);
  full_dir = g_build_filename (root, "full", NULL);
  fill_store (empty_dir, 0);
  t = g_get_monotonic_time ();
  fill_store (full_dir, N_BADGES);
  printf ("# made the collection of %u badges in %.1f s\n", N_BADGES, (g_get_monotonic_time () - t) / 1e6);

  /* First frame: alternately, three times each; the median counts. */
  for (guint i = 0; i < 3; i++)
    {
      spawn_child (argv[0], empty_dir, 0, FALSE, &empty[i]);
      spawn_child (argv[0], full_dir, N_BADGES, FALSE, &full[i]);
      printf ("# run %u: first frame %.0f ms empty, %.0f ms with %u\n", i + 1, empty[i].first_frame_ms,
              full[i].first_frame_ms, N_BADGES);
    }

  /* RSS: once each, after scrolling through the whole grid a page a frame. */
  spawn_child (argv[0], empty_dir, 0, TRUE, &empty_scrolled);
  t = g_get_monotonic_time ();
  spawn_child (argv[0], full_dir, N_BADGES, TRUE, &full_scrolled);
  printf ("# scrolled %u badges in %u frames, %.1f s\n", N_BADGES, full_scrolled.frames,
          (g_get_monotonic_time () - t) / 1e6);

#define MEDIAN3(a, b, c) MAX (MIN (a, b), MIN (MAX (a, b), c))
  empty_ms = MEDIAN3 (empty[0].first_frame_ms, empty[1].first_frame_ms, empty[2].first_frame_ms);
  full_ms = MEDIAN3 (full[0].first_frame_ms, full[1].first_frame_ms, full[2].first_frame_ms);
  empty_rss = empty_scrolled.rss_kib;
  full_rss = full_scrolled.rss_kib;

  printf ("first frame: %.0f ms with %u badges, %.0f ms empty: %.2f× (target ≤ 2×): %s\n",
          full_ms, N_BADGES, empty_ms, full_ms / empty_ms, full_ms <= 2 * empty_ms ? "met" : "NOT met");
  printf ("RSS after scrolling: %ld KiB with %u badges, %ld KiB empty; limit 2× + 50 MB = %ld KiB: %s\n",
          full_rss, N_BADGES, empty_rss, 2 * empty_rss + 50 * 1024,
          full_rss <= 2 * empty_rss + 50 * 1024 ? "met" : "NOT met");

  ui_test_remove_data_dir (empty_dir);
  ui_test_remove_data_dir (full_dir);
  g_rmdir (root);
  return 0;
}
