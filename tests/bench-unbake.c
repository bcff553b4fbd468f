/* bench-unbake.c: how much unbaking costs compared with reading the files.
 *
 * Run with `meson test -C _build --benchmark unbake -v`.  Bakes a few
 * thousand PNG and SVG files into a temporary folder (OB 2.0 and 3.0
 * payloads, JSON and JWT, in the corpus pictures), adds the corpus's own
 * baked files, then times, over the same files already in the page cache:
 *  - reading them (open, read, close),
 *  - reading and unbaking them (finding the badge chunk or element and its
 *    payload: the container work),
 *  - reading them and building the whole model (payload decoding, JSON
 *    parsing, normalisation).
 * It prints MB/s, badges/s and the ratio to reading.  Target: unbaking
 * costs at most 2x reading the bytes.  Each figure is the best of several
 * rounds, in thread CPU time plus wall time (the machines are shared).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "credence-badge.h"
#include "credence-png.h"
#include "credence-svg.h"

#define N_BAKED 3000
#define ROUNDS  5

static const char *const payload_sources[] = {
  "1edtech-dc-public-validator/ob20/simple-badge.png",
  "1edtech-openbadges-validator-core/baked_heart.png",
  "1edtech-dc-public-validator/ob20/simple.jwt",
  "1edtech-dc-public-validator/ob30/simple-json.png",
  "1edtech-dc-public-validator/ob30/simple-jwt.png",
  "1edtech-dc-public-validator/ob30/simple-jwt_v1.png",
  "1edtech-dc-public-validator/ob30/simple.json",
  "w3c-ccg-vc-ed/plugfest-2-2022/signed_badge_example-p2.json",
};

static const char *const pictures[] = {
  "mozilla-openbadges-bakery/unbaked.png",
  "1edtech-openbadges-validator-core/public_domain_heart.png",
  "w3c-ccg-vc-ed/plugfest-2-2022/images/JFF-VC-EDU-PLUGFEST2-badge-image.png",
  "w3c-ccg-vc-ed/plugfest-3-2023/images/JFF-VC-EDU-PLUGFEST3-badge-image.png",
  "1edtech-dc-public-validator/ob20/assets/robotics-badge.png",
  "mozilla-openbadges-bakery/unbaked.svg",
};

static const char *const baked_corpus[] = {
  "1edtech-dc-public-validator/ob20/simple-badge.png",
  "1edtech-openbadges-validator-core/baked_heart.png",
  "1edtech-dc-public-validator/ob30/simple-json.png",
  "1edtech-dc-public-validator/ob30/simple-jwt.png",
  "1edtech-dc-public-validator/ob30/simple-jwt_v1.png",
  "1edtech-dc-public-validator/ob30/simple-json.svg",
  "1edtech-dc-public-validator/ob30/simple-jwt.svg",
  "1edtech-dc-public-validator/ob30/simple-jwt_v1.svg",
  "mozilla-openbadges-backpack/test-data/valid-baked.png",
  "mozilla-openbadges-bakery/baked.svg",
};

typedef enum
{
  PASS_READ,
  PASS_UNBAKE,
  PASS_MODEL,
} Pass;

static GBytes *
corpus_bytes (const char *relative)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", relative, NULL);
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static GPtrArray *
make_files (const char *dir)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) badges = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  for (gsize i = 0; i < G_N_ELEMENTS (payload_sources); i++)
    {
      g_autoptr(GBytes) bytes = corpus_bytes (payload_sources[i]);
      g_autoptr(GError) error = NULL;
      CredenceBadge *badge = credence_badge_new_from_bytes (bytes, payload_sources[i], &error);

      g_assert_no_error (error);
      g_ptr_array_add (badges, badge);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (pictures); i++)
    g_ptr_array_add (images, corpus_bytes (pictures[i]));

  for (guint i = 0; i < N_BAKED; i++)
    {
      CredenceBadge *badge = g_ptr_array_index (badges, i % badges->len);
      GBytes *image = g_ptr_array_index (images, (i / badges->len) % images->len);
      const char *image_name = pictures[(i / badges->len) % images->len];
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) baked = credence_badge_bake (badge, image, &error);
      char *path;

      g_assert_no_error (error);
      path = g_strdup_printf ("%s/%04u%s", dir, i, strrchr (image_name, '.'));
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (baked, NULL), (gssize)g_bytes_get_size (baked), NULL));
      g_ptr_array_add (paths, path);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (baked_corpus); i++)
    g_ptr_array_add (paths, g_test_build_filename (G_TEST_DIST, "data", "corpus", baked_corpus[i], NULL));

  return paths;
}

/* Returns the bytes handled; the time goes to @cpu and @wall. */
static gsize
run_pass (GPtrArray *paths,
          Pass       pass,
          double    *cpu,
          double    *wall)
{
  gsize total = 0;
  gint64 start_wall = g_get_monotonic_time ();
  double start_cpu = cpu_seconds ();

  for (guint i = 0; i < paths->len; i++)
    {
      char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (g_ptr_array_index (paths, i), &contents, &length, NULL))
        g_error ("cannot read %s", (char *)g_ptr_array_index (paths, i));
      total += length;

      if (pass == PASS_UNBAKE)
        {
          g_auto(CredenceUnbaked) unbaked = { NULL, NULL, NULL, NULL, -1, FALSE };
          gboolean found;

          if (length > 0 && contents[0] == '<')
            found = credence_svg_unbake ((const guint8 *)contents, length, &unbaked, NULL);
          else
            found = credence_png_unbake ((const guint8 *)contents, length, &unbaked, NULL);
          g_assert_true (found);
        }
      else if (pass == PASS_MODEL)
        {
          g_autoptr(GBytes) bytes = g_bytes_new_take (contents, length);
          g_autoptr(GError) error = NULL;
          g_autoptr(CredenceBadge) badge = credence_badge_new_from_bytes (bytes, NULL, &error);

          g_assert_no_error (error);
          contents = NULL;
        }
      g_free (contents);
    }

  *cpu = cpu_seconds () - start_cpu;
  *wall = (double)(g_get_monotonic_time () - start_wall) / 1e6;
  return total;
}

static void
best_of (GPtrArray *paths,
         Pass       pass,
         gsize     *bytes,
         double    *cpu,
         double    *wall)
{
  *cpu = G_MAXDOUBLE;
  *wall = G_MAXDOUBLE;
  for (int round = 0; round < ROUNDS; round++)
    {
      double c, w;

      *bytes = run_pass (paths, pass, &c, &w);
      *cpu = MIN (*cpu, c);
      *wall = MIN (*wall, w);
    }
}

static void
report (const char *what,
        guint       files,
        gsize       bytes,
        double      cpu,
        double      wall,
        double      read_cpu,
        double      read_wall)
{
  g_autofree char *line = g_strdup_printf ("%-22s %8.1f MB/s %9.0f badges/s   %.2fx reading (CPU)   %.2fx (wall)",
                                           what, (double)bytes / 1e6 / cpu, files / cpu,
                                           cpu / read_cpu, wall / read_wall);

  g_print ("# %s\n", line);
}

static void
bench_unbake (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("credence-bench-unbake-XXXXXX", &error);
  g_autoptr(GPtrArray) paths = NULL;
  gsize bytes = 0;
  double read_cpu, read_wall, unbake_cpu, unbake_wall, model_cpu, model_wall;

  g_assert_no_error (error);
  paths = make_files (dir);

  /* Warm the page cache, then measure. */
  run_pass (paths, PASS_READ, &read_cpu, &read_wall);
  best_of (paths, PASS_READ, &bytes, &read_cpu, &read_wall);
  best_of (paths, PASS_UNBAKE, &bytes, &unbake_cpu, &unbake_wall);
  best_of (paths, PASS_MODEL, &bytes, &model_cpu, &model_wall);

  g_print ("# %u files, %.1f MB, average %.1f kB\n", paths->len, bytes / 1e6, bytes / 1e3 / paths->len);
  report ("read", paths->len, bytes, read_cpu, read_wall, read_cpu, read_wall);
  report ("read + unbake", paths->len, bytes, unbake_cpu, unbake_wall, read_cpu, read_wall);
  report ("read + badge model", paths->len, bytes, model_cpu, model_wall, read_cpu, read_wall);
  g_print ("# target: read + unbake at most 2.00x reading\n");

  for (guint i = 0; i < N_BAKED; i++)
    g_unlink (g_ptr_array_index (paths, i));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bench/unbake", bench_unbake);

  return g_test_run ();
}
