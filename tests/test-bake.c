/* test-bake.c: baking badges into PNG and SVG, and reading them back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-badge.h"
#include "credence-png.h"
#include "credence-svg.h"

static GBytes *
corpus_bytes (const char *relative)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", relative, NULL);
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static CredenceBadge *
corpus_badge (const char *relative)
{
  g_autoptr(GBytes) bytes = corpus_bytes (relative);
  g_autoptr(GError) error = NULL;
  CredenceBadge *badge = credence_badge_new_from_bytes (bytes, relative, &error);

  g_assert_no_error (error);
  return badge;
}

static guint
count_badge_chunks (GBytes *png)
{
  gsize length = 0;
  const guint8 *d = g_bytes_get_data (png, &length);
  gsize pos = 8;
  guint n = 0;

  while (pos + 12 <= length)
    {
      guint32 len = ((guint32)d[pos] << 24) | ((guint32)d[pos + 1] << 16) | ((guint32)d[pos + 2] << 8) | d[pos + 3];

      if (len >= 11 && (memcmp (d + pos + 8, "openbadges\0", 11) == 0 ||
                        (len >= 20 && memcmp (d + pos + 8, "openbadgecredential\0", 20) == 0)))
        n++;
      pos += 12 + len;
    }
  return n;
}

typedef struct
{
  const char *badge;   /* corpus file the payload comes from */
  const char *image;   /* corpus picture to bake into */
} BakeCase;

static const BakeCase bake_cases[] = {
  /* OB 2.0 JSON, OB 2.0 JWS, OB 3.0 JSON, OB 3.0 JWT (2.0 and 1.1 style), a URL */
  { "1edtech-dc-public-validator/ob20/simple-badge.png", "mozilla-openbadges-bakery/unbaked.png" },
  { "1edtech-dc-public-validator/ob20/simple-badge.png", "mozilla-openbadges-bakery/unbaked.svg" },
  { "1edtech-dc-public-validator/ob20/simple.jwt", "mozilla-openbadges-bakery/unbaked.png" },
  { "1edtech-dc-public-validator/ob20/simple.jwt", "mozilla-openbadges-bakery/unbaked.svg" },
  { "1edtech-dc-public-validator/ob30/simple-json.png", "mozilla-openbadges-bakery/unbaked.png" },
  { "1edtech-dc-public-validator/ob30/simple-json.svg", "mozilla-openbadges-bakery/unbaked.svg" },
  { "1edtech-dc-public-validator/ob30/simple-jwt.png", "1edtech-openbadges-validator-core/public_domain_heart.png" },
  { "1edtech-dc-public-validator/ob30/simple-jwt_v1.svg", "mozilla-openbadges-bakery/unbaked.svg" },
  { "1edtech-dc-public-validator/ob30/simple.json", "mozilla-openbadges-bakery/unbaked.svg" },
  { "mozilla-openbadges-backpack/test-data/valid-baked.png", "mozilla-openbadges-bakery/unbaked.svg" },
  { "mozilla-openbadges-bakery/baked.svg", "mozilla-openbadges-bakery/unbaked.svg" },
  { "mozilla-openbadges-bakery/baked.svg", "mozilla-openbadges-bakery/unbaked.png" },
  /* Re-baking replaces the badge already there. */
  { "1edtech-dc-public-validator/ob30/simple-json.png", "1edtech-dc-public-validator/ob20/simple-badge.png" },
  { "1edtech-dc-public-validator/ob20/simple-badge.png", "1edtech-dc-public-validator/ob30/simple-jwt.png" },
  { "1edtech-dc-public-validator/ob20/simple.jwt", "mozilla-openbadges-bakery/baked.svg" },
  { "1edtech-dc-public-validator/ob30/simple.json", "1edtech-dc-public-validator/ob30/simple-jwt.svg" },
};

static void
test_bake_round_trip (gconstpointer data)
{
  const BakeCase *c = data;
  g_autoptr(CredenceBadge) badge = corpus_badge (c->badge);
  g_autoptr(GBytes) image = corpus_bytes (c->image);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) baked = credence_badge_bake (badge, image, &error);
  g_autoptr(CredenceBadge) again = NULL;
  gboolean png = g_str_has_suffix (c->image, ".png");

  g_assert_no_error (error);
  g_assert_nonnull (baked);

  again = credence_badge_new_from_bytes (baked, "baked", &error);
  g_assert_no_error (error);

  /* The payload comes back byte for byte. */
  g_assert_true (g_bytes_equal (credence_badge_get_payload (again), credence_badge_get_payload (badge)));
  g_assert_cmpint (credence_badge_get_spec_version (again), ==, credence_badge_get_spec_version (badge));
  g_assert_cmpint (credence_badge_get_format (again), ==, credence_badge_get_format (badge));
  g_assert_cmpstr (credence_badge_get_id (again), ==, credence_badge_get_id (badge));

  if (png)
    {
      gsize length = 0;
      const guint8 *d = g_bytes_get_data (baked, &length);

      g_assert_cmpint (credence_badge_get_container (again), ==, CREDENCE_CONTAINER_PNG);
      g_assert_cmpstr (credence_badge_get_location_chunk (again), ==, "iTXt");
      g_assert_cmpstr (credence_badge_get_location_name (again), ==,
                       credence_badge_get_spec_version (badge) == CREDENCE_SPEC_VERSION_3_0 ? "openbadgecredential" : "openbadges");
      g_assert_cmpuint (count_badge_chunks (baked), ==, 1);
      /* Just before IEND. */
      g_assert_cmpint (credence_badge_get_location_offset (again), ==,
                       (gint64)(length - 12 - 12 - (11 + 4 + g_bytes_get_size (credence_badge_get_payload (badge)))
                                - (credence_badge_get_spec_version (badge) == CREDENCE_SPEC_VERSION_3_0 ? 9 : 0)));
      g_assert_cmpmem (d + length - 12, 12, "\0\0\0\0IEND\xAE\x42\x60\x82", 12);
    }
  else
    {
      g_assert_cmpint (credence_badge_get_container (again), ==, CREDENCE_CONTAINER_SVG);
      g_assert_cmpstr (credence_badge_get_location_name (again), ==,
                       credence_badge_get_spec_version (badge) == CREDENCE_SPEC_VERSION_3_0 ? "openbadges:credential" : "openbadges:assertion");
      /* JSON goes into the body, signatures and links into verify=. */
      g_assert_cmpstr (credence_badge_get_location_part (again), ==,
                       credence_badge_get_json (badge) != NULL && credence_badge_get_jws_header (badge) == NULL ? "body" : "verify");
    }

  /* Baking twice gives the same file. */
  {
    g_autoptr(GBytes) twice = credence_badge_bake (again, baked, &error);

    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (twice, baked));
  }
}

static void
test_bake_png_keeps_chunks (void)
{
  g_autoptr(CredenceBadge) badge = corpus_badge ("1edtech-dc-public-validator/ob20/simple-badge.png");
  g_autoptr(GBytes) image = corpus_bytes ("mozilla-openbadges-bakery/unbaked.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) baked = credence_badge_bake (badge, image, &error);
  gsize image_length = g_bytes_get_size (image);

  g_assert_no_error (error);
  /* Everything before IEND is copied untouched. */
  g_assert_cmpmem (g_bytes_get_data (baked, NULL), image_length - 12,
                   g_bytes_get_data (image, NULL), image_length - 12);
}

static void
test_bake_svg_keeps_rest (void)
{
  g_autoptr(CredenceBadge) badge = corpus_badge ("1edtech-dc-public-validator/ob30/simple-jwt.svg");
  g_autoptr(GBytes) image = corpus_bytes ("mozilla-openbadges-bakery/baked.svg");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) baked = credence_badge_bake (badge, image, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (baked, NULL), g_bytes_get_size (baked));
  /* The old assertion is gone, the picture is still there. */
  g_assert_null (strstr (text, "openbadges:assertion"));
  g_assert_nonnull (strstr (text, "<title>HTML5 Logo</title>"));
  g_assert_nonnull (strstr (text, "verify=\"eyJ"));
}

static void
test_bake_cdata_end (void)
{
  static const char json[] =
    "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\",\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"],"
    "\"type\":[\"VerifiableCredential\",\"OpenBadgeCredential\"],\"issuer\":\"https://example.org/i\","
    "\"name\":\"a ]]> b ]]]]> c\",\"credentialSubject\":{\"achievement\":{\"name\":\"x\"}}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GBytes) image = corpus_bytes ("mozilla-openbadges-bakery/unbaked.svg");
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBadge) badge = credence_badge_new_from_bytes (bytes, NULL, &error);
  g_autoptr(GBytes) baked = NULL;
  g_autoptr(CredenceBadge) again = NULL;

  g_assert_no_error (error);
  baked = credence_badge_bake (badge, image, &error);
  g_assert_no_error (error);
  again = credence_badge_new_from_bytes (baked, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (credence_badge_get_payload (again), bytes));
}

static void
test_bake_not_an_image (void)
{
  g_autoptr(CredenceBadge) badge = corpus_badge ("1edtech-dc-public-validator/ob30/simple.json");
  g_autoptr(GBytes) jpeg = corpus_bytes ("mozilla-openbadges-backpack/history-test-utils-images/sneaky-badge.png");
  g_autoptr(GBytes) broken_png = NULL;
  g_autoptr(GBytes) empty_svg = g_bytes_new_static ("<svg/>", 6);
  g_autoptr(GBytes) png = corpus_bytes ("mozilla-openbadges-bakery/unbaked.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) baked = credence_badge_bake (badge, jpeg, &error);

  g_assert_null (baked);
  g_assert_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  broken_png = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) - 5);
  baked = credence_badge_bake (badge, broken_png, &error);
  g_assert_null (baked);
  g_assert_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE);
  g_clear_error (&error);

  baked = credence_badge_bake (badge, empty_svg, &error);
  g_assert_null (baked);
  g_assert_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_SUPPORTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (bake_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/bake/round-trip/%" G_GSIZE_FORMAT "/%s", i,
                                               strrchr (bake_cases[i].badge, '/') + 1);

      g_test_add_data_func (name, &bake_cases[i], test_bake_round_trip);
    }
  g_test_add_func ("/bake/png-keeps-chunks", test_bake_png_keeps_chunks);
  g_test_add_func ("/bake/svg-keeps-rest", test_bake_svg_keeps_rest);
  g_test_add_func ("/bake/cdata-end", test_bake_cdata_end);
  g_test_add_func ("/bake/not-an-image", test_bake_not_an_image);

  return g_test_run ();
}
