/* test-library.c: the library models behind the grid sort, search and
 * pick the badges that need attention; cards follow their badge.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "credence-badge-card.h"
#include "credence-library.h"
#include "credence-limits.h"
#include "credence-thumbnailer.h"

static CredenceBadgeItem *
make_item (const char          *uid,
           const char          *name,
           const char          *issuer,
           const char          *description,
           int                  year,
           CredenceBadgeStatus  status)
{
  g_autoptr(GDateTime) issued = year > 0 ? g_date_time_new_utc (year, 3, 1, 12, 0, 0) : NULL;
  CredenceBadgeItem *item = credence_badge_item_new (uid, name, issuer, description, issued, status);

  credence_badge_item_set_verified_at (item, g_get_real_time () / G_USEC_PER_SEC);
  return item;
}

static GPtrArray *
make_items (void)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (items, make_item ("a", "Data Basics", "Example University", "Tables and charts", 2021, CREDENCE_BADGE_STATUS_VALID));
  g_ptr_array_add (items, make_item ("b", "Robotics", "Beth’s School", "Build a robot", 2023, CREDENCE_BADGE_STATUS_PROBLEM));
  g_ptr_array_add (items, make_item ("c", "Creative Écriture", "Atelier", "Creative writing in French", 2019, CREDENCE_BADGE_STATUS_VALID));
  g_ptr_array_add (items, make_item ("d", "Advanced Data Science", "Example University", NULL, 2024, CREDENCE_BADGE_STATUS_COULDNT_CHECK));
  g_ptr_array_add (items, make_item ("e", "First Aid", "Red Cross", "Emergency care", 0, CREDENCE_BADGE_STATUS_VALID));

  return items;
}

static char *
uids (GListModel *model)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CredenceBadgeItem) item = g_list_model_get_item (model, i);
      g_string_append (out, credence_badge_item_get_uid (item));
    }

  return g_string_free (out, FALSE);
}

#define assert_uids(model, expected) \
  G_STMT_START { \
    g_autofree char *got_ = uids (model); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_library_sort (void)
{
  g_autoptr(CredenceLibrary) library = credence_library_new ();
  g_autoptr(GPtrArray) items = make_items ();
  GListModel *model = credence_library_get_model (library);

  credence_library_set_items (library, items);
  g_assert_cmpuint (credence_library_get_n_badges (library), ==, 5);

  /* Newest first, undated last. */
  g_assert_cmpint (credence_library_get_sort (library), ==, CREDENCE_LIBRARY_SORT_ISSUED);
  assert_uids (model, "dbace");

  credence_library_set_sort (library, CREDENCE_LIBRARY_SORT_NAME);
  assert_uids (model, "dcaeb");

  credence_library_set_sort (library, CREDENCE_LIBRARY_SORT_ISSUER);
  assert_uids (model, "cbdae");

  /* The "sort" property takes the GSettings strings. */
  g_object_set (library, "sort", "name", NULL);
  g_assert_cmpint (credence_library_get_sort (library), ==, CREDENCE_LIBRARY_SORT_NAME);
  g_object_set (library, "sort", "bogus", NULL);
  g_assert_cmpint (credence_library_get_sort (library), ==, CREDENCE_LIBRARY_SORT_NAME);
}

static void
test_library_search (void)
{
  g_autoptr(CredenceLibrary) library = credence_library_new ();
  g_autoptr(GPtrArray) items = make_items ();
  GListModel *model = credence_library_get_model (library);

  credence_library_set_items (library, items);
  credence_library_set_sort (library, CREDENCE_LIBRARY_SORT_NAME);

  /* Name, issuer and description, any case. */
  credence_library_set_search (library, "data");
  assert_uids (model, "da");
  credence_library_set_search (library, "data sci");
  assert_uids (model, "d");
  credence_library_set_search (library, "EXAMPLE");
  assert_uids (model, "da");
  credence_library_set_search (library, "robot");
  assert_uids (model, "b");
  credence_library_set_search (library, "emergency");
  assert_uids (model, "e");

  /* Accented letters match whether typed composed or not. */
  credence_library_set_search (library, "ÉCRITURE");
  assert_uids (model, "c");
  credence_library_set_search (library, "e\xcc\x81" "criture");
  assert_uids (model, "c");

  /* Words in any order; all must match. */
  credence_library_set_search (library, "university advanced");
  assert_uids (model, "d");
  credence_library_set_search (library, "university robot");
  assert_uids (model, "");

  /* Widening again, and clearing. */
  credence_library_set_search (library, "  ");
  assert_uids (model, "dcaeb");
  credence_library_set_search (library, NULL);
  assert_uids (model, "dcaeb");
}

static void
test_library_attention (void)
{
  g_autoptr(CredenceLibrary) library = credence_library_new ();
  g_autoptr(GPtrArray) items = make_items ();
  g_autoptr(GDateTime) past = g_date_time_new_utc (2020, 1, 1, 0, 0, 0);
  GListModel *attention = credence_library_get_attention (library);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  CredenceBadgeItem *item;

  credence_library_set_items (library, items);

  /* A problem, and one that could not be checked. */
  assert_uids (attention, "db");

  /* A valid badge that expired, and one not checked for a long time. */
  credence_badge_item_set_expires (g_ptr_array_index (items, 0), past);
  g_assert_true (credence_badge_item_needs_attention (g_ptr_array_index (items, 0), now));
  credence_badge_item_set_verified_at (g_ptr_array_index (items, 4), now - 365 * 24 * 3600);
  g_assert_true (credence_badge_item_needs_attention (g_ptr_array_index (items, 4), now));
  g_assert_false (credence_badge_item_needs_attention (g_ptr_array_index (items, 2), now));

  /* Checking again follows the status. */
  item = credence_library_lookup (library, "b");
  g_assert_nonnull (item);
  credence_badge_item_set_status (item, CREDENCE_BADGE_STATUS_VALID);
  g_assert_false (credence_badge_item_needs_attention (item, now));
  assert_uids (attention, "dae");

  /* Remove and add back. */
  g_assert_true (credence_library_remove (library, "d"));
  g_assert_false (credence_library_remove (library, "d"));
  g_assert_null (credence_library_lookup (library, "d"));
  assert_uids (attention, "ae");
  g_assert_cmpuint (credence_library_get_n_badges (library), ==, 4);
  {
    g_autoptr(CredenceBadgeItem) again = make_item ("d", "Advanced Data Science", "Example University",
                                                    NULL, 2024, CREDENCE_BADGE_STATUS_PROBLEM);
    credence_library_add (library, again);
    credence_library_add (library, again);
  }
  g_assert_cmpuint (credence_library_get_n_badges (library), ==, 5);
  assert_uids (attention, "dae");
}

static void
test_library_card (void)
{
  g_autoptr(CredenceBadgeItem) item = make_item ("a", "Data Basics", "Example University", NULL,
                                                 2021, CREDENCE_BADGE_STATUS_VALID);
  g_autofree char *label = NULL;
  GtkWidget *card = g_object_ref_sink (credence_badge_card_new ());
  GtkWidget *child;
  gboolean found_name = FALSE, found_issuer = FALSE;
  const char *icon = NULL;

  credence_badge_card_set_item (CREDENCE_BADGE_CARD (card), item);
  g_assert_true (credence_badge_card_get_item (CREDENCE_BADGE_CARD (card)) == item);
  g_assert_false (credence_badge_card_has_thumbnail (CREDENCE_BADGE_CARD (card)));

  label = credence_badge_item_dup_accessible_label (item);
  g_assert_cmpstr (label, ==, "Data Basics, Example University, Valid");

  for (child = gtk_widget_get_first_child (card); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      {
        found_name |= g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), "Data Basics") == 0;
        found_issuer |= g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), "Example University") == 0;
      }
  g_assert_true (found_name);
  g_assert_true (found_issuer);

  /* The emblem follows the badge's status. */
  for (child = gtk_widget_get_first_child (gtk_widget_get_first_child (card)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_IMAGE (child) && gtk_widget_has_css_class (child, "status-emblem"))
      break;
  g_assert_nonnull (child);
  icon = gtk_image_get_icon_name (GTK_IMAGE (child));
  g_assert_cmpstr (icon, ==, "emblem-ok-symbolic");
  g_assert_true (gtk_widget_has_css_class (child, "success"));

  credence_badge_item_set_status (item, CREDENCE_BADGE_STATUS_PROBLEM);
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (child)), ==, "dialog-error-symbolic");
  g_assert_true (gtk_widget_has_css_class (child, "error"));
  g_assert_false (gtk_widget_has_css_class (child, "success"));

  credence_badge_card_set_item (CREDENCE_BADGE_CARD (card), NULL);
  g_object_unref (card);
}

static GBytes *
corpus_bytes (const char *path)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", "corpus", path, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize len;

  g_file_get_contents (file, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static void
test_library_thumbnails (void)
{
  g_autoptr(GBytes) png = corpus_bytes ("1edtech-dc-public-validator/ob30/simple-json.png");
  g_autoptr(GBytes) svg = corpus_bytes ("1edtech-dc-public-validator/ob30/simple-json.svg");
  g_autoptr(GBytes) json = corpus_bytes ("1edtech-dc-public-validator/ob30/complete.json");
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_uri = NULL;
  g_autofree char *base64 = NULL;
  guint8 huge[33] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autoptr(GBytes) huge_bytes = NULL;
  guint32 side = GUINT32_TO_BE (4097);

  /* A baked PNG is its own picture, scaled to fit. */
  found = credence_thumbnail_image_bytes ("png", png, "https://example.org/image.png");
  g_assert_true (found == png);
  texture = credence_thumbnail_decode (png, 64, &error);
  g_assert_no_error (error);
  g_assert_cmpint (MAX (gdk_texture_get_width (texture), gdk_texture_get_height (texture)), ==, 64);
  g_clear_object (&texture);

  /* An SVG too, drawn at the size asked. */
  texture = credence_thumbnail_decode (svg, 96, &error);
  g_assert_no_error (error);
  g_assert_cmpint (MAX (gdk_texture_get_width (texture), gdk_texture_get_height (texture)), <=, 96);
  g_clear_object (&texture);

  /* A JSON badge has a picture only as a data URI: no network for pictures. */
  g_clear_pointer (&found, g_bytes_unref);
  g_assert_null (credence_thumbnail_image_bytes ("json", json, "https://example.org/image.png"));
  base64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  data_uri = g_strconcat ("data:image/png;base64,", base64, NULL);
  found = credence_thumbnail_image_bytes ("json", json, data_uri);
  g_assert_nonnull (found);
  g_assert_true (g_bytes_equal (found, png));

  /* Not a picture, and a picture over CREDENCE_LIMIT_IMAGE_PIXELS: refused
   * before decoding any pixel (this header promises 4097 × 4097).
   */
  texture = credence_thumbnail_decode (json, 64, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_null (texture);
  g_clear_error (&error);

  g_assert_cmpint (4097 * 4097, >, CREDENCE_LIMIT_IMAGE_PIXELS);
  memcpy (huge + 16, &side, 4);
  memcpy (huge + 20, &side, 4);
  huge_bytes = g_bytes_new (huge, sizeof huge);
  texture = credence_thumbnail_decode (huge_bytes, 64, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_assert_null (texture);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/library/sort", test_library_sort);
  g_test_add_func ("/library/search", test_library_search);
  g_test_add_func ("/library/attention", test_library_attention);
  g_test_add_func ("/library/card", test_library_card);
  g_test_add_func ("/library/thumbnails", test_library_thumbnails);

  return g_test_run ();
}
