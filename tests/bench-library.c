/* bench-library.c: the library grid with 10 000 badges.  Prints the time
 * to load, sort and filter the models, and the frame times and memory of
 * a window scrolling through the whole grid.  A benchmark, not a test:
 * run with `meson test --benchmark`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "credence-badge-card.h"
#include "credence-library.h"
#include "credence-ui.h"

static guint N_BADGES = 10000;

static const char * const words[] = {
  "Data", "Robotics", "Safety", "Leadership", "Python", "Design", "Welding", "Nursing",
  "Analytics", "Cloud", "French", "Algebra", "Teamwork", "Networks", "Security", "Writing",
};
static const char * const issuers[] = {
  "Example University", "Open Learning Institute", "City College", "Red Cross",
  "Tech Academy", "École des Arts", "Community Makerspace", "Skills Council",
};

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

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

static GPtrArray *
make_items (void)
{
  GPtrArray *items = g_ptr_array_new_full (N_BADGES, g_object_unref);
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < N_BADGES; i++)
    {
      g_autofree char *uid = g_strdup_printf ("%u", i);
      g_autofree char *name = g_strdup_printf ("%s %s %u",
                                               words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                               words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                               i);
      g_autofree char *description = g_strdup_printf ("Awarded for completing module %u of the %s course.",
                                                      i % 97, words[i % G_N_ELEMENTS (words)]);
      g_autoptr(GDateTime) issued = g_date_time_new_utc (2010 + g_rand_int_range (rand, 0, 16),
                                                         1 + g_rand_int_range (rand, 0, 12),
                                                         1 + g_rand_int_range (rand, 0, 28), 12, 0, 0);
      CredenceBadgeItem *item;

      item = credence_badge_item_new (uid, name, issuers[g_rand_int_range (rand, 0, G_N_ELEMENTS (issuers))],
                                      description, issued, g_rand_int_range (rand, 0, 4));
      credence_badge_item_set_verified_at (item, g_get_real_time () / G_USEC_PER_SEC);
      g_ptr_array_add (items, item);
    }

  g_rand_free (rand);
  return items;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, credence_badge_card_new ());
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item)
{
  credence_badge_card_set_item (CREDENCE_BADGE_CARD (gtk_list_item_get_child (list_item)),
                                gtk_list_item_get_item (list_item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item)
{
  credence_badge_card_set_item (CREDENCE_BADGE_CARD (gtk_list_item_get_child (list_item)), NULL);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Runs the main loop until the next frame is painted; returns its cost. */
static double
next_frame (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean painted = FALSE;
  gulong id;
  double start = now_ms ();

  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);

  return now_ms () - start;
}

/* Runs this program with @n badges; returns its first frame and RSS. */
static void
run_child (const char *self_path,
           guint       n,
           double     *first_frame,
           long       *rss)
{
  g_autofree char *arg = g_strdup_printf ("%u", n);
  const char *argv[] = { self_path, arg, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  printf ("== %u badges\n", n);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "RESULT "))
      sscanf (lines[i] + 7, "%lf %ld", first_frame, rss);
    else if (*lines[i] != '\0')
      printf ("%s\n", lines[i]);
}

static int
compare (const char *self_path)
{
  double frame_empty = 0, frame_small = 0, frame_full = 0;
  long rss_empty = 0, rss_small = 0, rss_full = 0;

  run_child (self_path, 0, &frame_empty, &rss_empty);
  run_child (self_path, 100, &frame_small, &rss_small);
  run_child (self_path, 10000, &frame_full, &rss_full);

  printf ("== targets\n");
  printf ("first frame of the grid: %.0f ms empty, %.0f ms with 100 badges, %.0f ms with 10 000 "
          "(only visible cards are built: 10 000 costs %.2f× 100)\n",
          frame_empty, frame_small, frame_full, frame_full / frame_small);
  printf ("RSS after scrolling: %ld KiB with 10 000 badges, %ld KiB empty: limit 2× + 50 MB = %ld KiB, %s\n",
          rss_full, rss_empty, 2 * rss_empty + 50 * 1024,
          rss_full <= 2 * rss_empty + 50 * 1024 ? "met" : "NOT met");

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CredenceLibrary) library = NULL;
  g_autoptr(GPtrArray) items = NULL;
  static const char * const typed[] = { "d", "da", "dat", "data", "data r", "data ro", "" };
  GListModel *model;
  GtkWidget *window, *scroller, *grid;
  GtkAdjustment *adjustment;
  g_autoptr(GtkListItemFactory) factory = NULL;
  double t, first_frame, worst = 0, total = 0;
  guint frames = 0;
  long rss_before, rss_after;

  if (argc == 1)
    return compare (argv[0]);
  N_BADGES = atoi (argv[1]);

  gtk_init ();
  adw_init ();
  credence_ui_ensure_resources ();

  rss_before = rss_kib ();

  t = now_ms ();
  items = make_items ();
  printf ("make %u items: %.1f ms\n", N_BADGES, now_ms () - t);

  library = credence_library_new ();
  model = credence_library_get_model (library);

  t = now_ms ();
  credence_library_set_items (library, items);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_BADGES);
  g_assert_cmpuint (credence_library_get_n_badges (library), ==, N_BADGES);
  printf ("load into library (sorted by date): %.1f ms\n", now_ms () - t);

  for (CredenceLibrarySort sort = CREDENCE_LIBRARY_SORT_NAME; ; sort = (sort + 1) % 3)
    {
      t = now_ms ();
      credence_library_set_sort (library, sort);
      g_list_model_get_n_items (model);
      printf ("sort by %s: %.1f ms\n", credence_library_sort_to_string (sort), now_ms () - t);
      if (sort == CREDENCE_LIBRARY_SORT_ISSUED)
        break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      t = now_ms ();
      credence_library_set_search (library, typed[i]);
      printf ("search “%s”: %.2f ms, %u badges\n", typed[i], now_ms () - t,
              g_list_model_get_n_items (model));
    }

  /* The grid in a window, as the app shows it. */
  credence_library_set_incremental (library, TRUE);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 640);
  scroller = gtk_scrolled_window_new ();
  grid = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (model))),
                            g_object_ref (factory));
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (grid), 12);
  gtk_widget_add_css_class (grid, "badge-grid");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  gtk_window_set_child (GTK_WINDOW (window), scroller);

  t = now_ms ();
  gtk_window_present (GTK_WINDOW (window));
  next_frame (window);
  first_frame = now_ms () - t;
  printf ("first frame of the grid: %.1f ms\n", first_frame);

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  while (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) <
         gtk_adjustment_get_upper (adjustment))
    {
      double cost;

      gtk_adjustment_set_value (adjustment,
                                gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) / 2);
      cost = next_frame (window);
      worst = MAX (worst, cost);
      total += cost;
      frames++;
    }
  printf ("scroll through the grid: %u frames, mean %.2f ms, worst %.2f ms\n",
          frames, frames > 0 ? total / frames : 0, worst);

  rss_after = rss_kib ();
  printf ("RSS: %ld KiB at start, %ld KiB after scrolling %u badges (+%ld KiB)\n",
          rss_before, rss_after, N_BADGES, rss_after - rss_before);
  printf ("RESULT %f %ld\n", first_frame, rss_after);

  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}
