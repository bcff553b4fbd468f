/* bench-site-export.c: the portfolio site of 1 000 badges, with PNG link
 * previews.
 *
 * Run with `meson test -C _build --benchmark site-export -v`; prints the
 * seconds and the megabytes written for two collections of 1 000 badges:
 * every badge with its own picture (an SVG drawn for each: the worst
 * case, 1 000 pictures and previews rasterised and encoded), and 1 000
 * baked PNG badges of one badge class (same pixels: one picture written).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "credence-site-exporter.h"
#include "credence-store-pathways.h"
#include "credence-test-utils.h"

#define N_BADGES 1000

static CredenceStoreBadge *
make_badge (guint       i,
            gboolean    baked,
            GBytes     *png)
{
  CredenceStoreBadge *badge = credence_store_badge_new ();
  g_autofree char *payload = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", "
                                              "\"type\": \"Assertion\", \"id\": \"https://issuer%u.example.org/a/%u\", "
                                              "\"issuedOn\": \"2024-05-12T10:00:00Z\", "
                                              "\"recipient\": {\"type\": \"email\", \"hashed\": false, "
                                              "\"identity\": \"learner@example.org\"}, "
                                              "\"badge\": {\"type\": \"BadgeClass\", \"id\": \"https://issuer.example.org/b/%u\", "
                                              "\"name\": \"Course %u\", \"description\": \"Awarded for module %u.\", "
                                              "\"criteria\": {\"narrative\": \"Pass the project and the exam of module %u.\"}, "
                                              "\"tags\": [\"data\", \"skill %u\"], "
                                              "\"issuer\": {\"id\": \"https://issuer%u.example.org/\", \"name\": \"Issuer %u\"}}}",
                                              i % 50, i, i, i, i, i, i % 30, i % 50, i % 50);

  badge->credential_id = g_strdup_printf ("https://issuer%u.example.org/a/%u", i % 50, i);
  badge->spec_version = g_strdup ("2.0");
  badge->payload = g_bytes_new (payload, strlen (payload));
  badge->name = g_strdup_printf ("Course %u", i);
  badge->description = g_strdup_printf ("Awarded for module %u.", i);
  badge->issuer_name = g_strdup_printf ("Issuer %u", i % 50);
  badge->issuer_url = g_strdup_printf ("https://issuer%u.example.org/", i % 50);
  badge->recipient = g_strdup ("learner@example.org");
  badge->issued_on = g_strdup ("2024-05-12T10:00:00Z");

  if (baked)
    {
      badge->container = g_strdup ("png");
      badge->original = g_bytes_ref (png);
    }
  else
    {
      g_autofree char *svg = g_strdup_printf ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"512\" height=\"512\">"
                                              "<circle cx=\"256\" cy=\"256\" r=\"240\" fill=\"#%06x\"/>"
                                              "<rect x=\"%u\" y=\"180\" width=\"120\" height=\"150\" fill=\"#ffffff\"/></svg>",
                                              (i * 2654435761u) & 0xffffff, 40 + i % 300);
      g_autofree char *base64 = g_base64_encode ((const guchar *)svg, strlen (svg));

      badge->container = g_strdup ("json");
      badge->original = g_bytes_ref (badge->payload);
      badge->image = g_strconcat ("data:image/svg+xml;base64,", base64, NULL);
    }

  credence_store_badge_add_verification (badge,
                                         credence_store_verification_new (1772524800, TRUE, "valid", NULL,
                                                                          "{\"checks\": [{\"id\": \"hosted\", \"status\": \"pass\"}]}"));
  return badge;
}

/* The machine may be shared: CPU time says what the export costs. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static void
run (gboolean baked)
{
  CredenceTestStore f = { 0 };
  g_autofree char *png_path = g_test_build_filename (G_TEST_DIST, "data", "corpus", "1edtech-dc-public-validator",
                                                     "ob30", "simple-json.png", NULL);
  g_autoptr(GBytes) png = credence_test_read_file (png_path);
  g_autoptr(GPtrArray) badges = g_ptr_array_new_with_free_func ((GDestroyNotify)credence_store_badge_free);
  g_autoptr(CredenceCollection) collection = credence_collection_new ("Everything");
  g_autoptr(CredenceSiteExporter) exporter = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  double seconds, cpu;

  credence_test_store_set_up (&f, NULL);
  folder = g_build_filename (f.dir, "site", NULL);

  for (guint i = 0; i < N_BADGES; i++)
    g_ptr_array_add (badges, make_badge (i, baked, png));
  g_assert_true (credence_store_add_badges (f.store, badges, &error));
  g_assert_no_error (error);

  credence_collection_set_visibility (collection, CREDENCE_VISIBILITY_PORTFOLIO);
  credence_collection_set_disclosure (collection, CREDENCE_DISCLOSURE_ALL);
  for (guint i = 0; i < badges->len; i++)
    credence_collection_add (collection, ((CredenceStoreBadge *)g_ptr_array_index (badges, i))->uid);
  g_assert_true (credence_store_save_collection (f.store, collection, &error));
  g_assert_no_error (error);

  exporter = credence_site_exporter_new (f.store);
  g_assert_true (credence_site_exporter_set_base_url (exporter, "https://example.org/portfolio/", &error));

  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  g_assert_true (credence_site_exporter_export (exporter, folder, NULL, &error));
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  cpu = cpu_seconds () - cpu;

  g_assert_cmpuint (credence_site_exporter_get_n_badges (exporter), ==, N_BADGES);
  g_test_message ("%s: %u badge pages, %u files, %.1f MB written in %.2f s, %.2f s of CPU (%.1f ms per badge)",
                  baked ? "1 000 baked PNG badges of one class" : "1 000 badges, each its own SVG picture",
                  credence_site_exporter_get_n_badges (exporter), credence_site_exporter_get_n_files (exporter),
                  credence_site_exporter_get_bytes_written (exporter) / 1e6, seconds, cpu,
                  seconds * 1000 / N_BADGES);

  g_clear_object (&exporter);
  credence_test_store_tear_down (&f, NULL);
}

static void
bench_distinct_pictures (void)
{
  run (FALSE);
}

static void
bench_baked_one_class (void)
{
  run (TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/site-export/1000-distinct-pictures", bench_distinct_pictures);
  g_test_add_func ("/site-export/1000-baked-one-class", bench_baked_one_class);

  return g_test_run ();
}
