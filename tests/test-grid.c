/* test-grid.c: with real badges in the collection, the window shows them
 * in the grid with their pictures, search filters them, and sorting
 * follows the menu.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "credence-badge-card.h"
#include "ui-test-utils.h"

static CredenceApplication *app;

static const char * const corpus_badges[] = {
  "1edtech-dc-public-validator/ob30/simple-json.png",
  "1edtech-dc-public-validator/ob30/complete.json",
  "1edtech-dc-public-validator/ob30/credential-status-revoked.json",
  "digitalcredentials-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/noRegistry-noStatus-noExpiry.json",
  "digitalcredentials-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json",
};

static void
collect_cards (GtkWidget  *widget,
               GPtrArray  *cards)
{
  /* Only what is on screen (the Needs Attention grid is hidden). */
  if (!gtk_widget_get_mapped (widget))
    return;

  if (CREDENCE_IS_BADGE_CARD (widget))
    {
      g_ptr_array_add (cards, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cards (child, cards);
}

typedef struct
{
  CredenceWindow *window;
  guint           n;
} ThumbWait;

static gboolean
thumbnails_shown (gpointer data)
{
  ThumbWait *wait = data;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  guint n = 0;

  collect_cards (GTK_WIDGET (wait->window), cards);
  for (guint i = 0; i < cards->len; i++)
    n += credence_badge_card_has_thumbnail (g_ptr_array_index (cards, i));

  return n >= wait->n;
}

static gboolean
library_idle (gpointer data)
{
  return !credence_library_is_busy (data);
}

static void
test_grid_shows_badges (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  g_autofree char *shot = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  CredenceWindow *window;
  CredenceLibrary *library;
  GListModel *model;
  ThumbWait wait;

  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);

    for (guint i = 0; i < G_N_ELEMENTS (corpus_badges); i++)
      g_ptr_array_add (uids, ui_test_add_corpus_badge (store, corpus_badges[i]));
  }

  window = ui_test_open_window (app);
  library = credence_window_get_library (window);
  model = credence_library_get_model (library);
  ui_test_wait_for (library_idle, library, "the library to sort");

  /* Every badge of the collection, in the grid. */
  g_assert_cmpuint (credence_library_get_n_badges (library), ==, G_N_ELEMENTS (corpus_badges));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (corpus_badges));
  g_assert_cmpstr (credence_window_get_view_page_name (window), ==, "grid");
  for (guint i = 0; i < uids->len; i++)
    g_assert_nonnull (credence_library_lookup (library, g_ptr_array_index (uids, i)));

  /* Cards are built for them, and the baked pictures are decoded. */
  ui_test_settle (300);
  collect_cards (GTK_WIDGET (window), cards);
  g_assert_cmpuint (cards->len, ==, G_N_ELEMENTS (corpus_badges));
  wait.window = window;
  wait.n = 1;
  ui_test_wait_for (thumbnails_shown, &wait, "the picture of the baked badge");

  /* Never checked yet: the card says so. */
  for (guint i = 0; i < cards->len; i++)
    {
      CredenceBadgeItem *item = credence_badge_card_get_item (g_ptr_array_index (cards, i));
      g_assert_cmpint (credence_badge_item_get_status (item), ==, CREDENCE_BADGE_STATUS_NOT_CHECKED);
    }

  ui_test_settle (200);
  shot = ui_test_save_screenshot (GTK_WIDGET (window), "grid");

  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

static void
test_grid_search_and_sort (void)
{
  g_autofree char *dir = ui_test_make_data_dir ();
  CredenceWindow *window;
  CredenceLibrary *library;
  GListModel *model;
  GtkSearchBar *search_bar;
  GtkEditable *entry;
  g_autoptr(CredenceBadgeItem) first = NULL;
  const char *name;

  {
    g_autoptr(CredenceStore) store = ui_test_open_store (dir);

    for (guint i = 0; i < G_N_ELEMENTS (corpus_badges); i++)
      g_free (ui_test_add_corpus_badge (store, corpus_badges[i]));
  }

  window = ui_test_open_window (app);
  library = credence_window_get_library (window);
  model = credence_library_get_model (library);
  ui_test_wait_for (library_idle, library, "the library to sort");

  /* Ctrl+F's action opens the search bar; typing filters the grid. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  search_bar = GTK_SEARCH_BAR (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_BAR, NULL));
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));
  entry = GTK_EDITABLE (ui_test_find_widget (GTK_WIDGET (search_bar), GTK_TYPE_SEARCH_ENTRY, NULL));

  first = g_list_model_get_item (model, 0);
  name = credence_badge_item_get_name (first);
  gtk_editable_set_text (entry, name);
  ui_test_wait_for (library_idle, library, "the search");
  ui_test_settle (300);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, G_N_ELEMENTS (corpus_badges));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CredenceBadgeItem) item = g_list_model_get_item (model, i);
      g_autofree char *folded_name = g_utf8_casefold (credence_badge_item_get_name (item), -1);
      g_autofree char *folded_issuer = g_utf8_casefold (credence_badge_item_get_issuer (item), -1);
      g_autofree char *folded_search = g_utf8_casefold (name, -1);

      g_assert_true (strstr (folded_name, folded_search) != NULL ||
                     strstr (folded_issuer, folded_search) != NULL ||
                     credence_badge_item_get_description (item) != NULL);
    }

  gtk_editable_set_text (entry, "no badge is called this");
  ui_test_wait_for (library_idle, library, "the search");
  ui_test_settle (300);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (credence_window_get_view_page_name (window), ==, "no-results");

  /* Closing the search bar shows everything again. */
  gtk_search_bar_set_search_mode (search_bar, FALSE);
  ui_test_wait_for (library_idle, library, "the search");
  ui_test_settle (300);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (corpus_badges));
  g_assert_cmpstr (credence_window_get_view_page_name (window), ==, "grid");

  /* Sort by name through the menu's action; it is remembered. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sort", "s", "name"));
  ui_test_wait_for (library_idle, library, "the sort");
  g_assert_cmpint (credence_library_get_sort (library), ==, CREDENCE_LIBRARY_SORT_NAME);
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CredenceBadgeItem) a = g_list_model_get_item (model, i - 1);
      g_autoptr(CredenceBadgeItem) b = g_list_model_get_item (model, i);

      g_assert_cmpint (credence_badge_item_compare_name (a, b), <=, 0);
    }
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
    g_autofree char *saved = g_settings_get_string (settings, "sort-order");

    g_assert_cmpstr (saved, ==, "name");
    g_settings_reset (settings, "sort-order");
  }

  ui_test_close_window (window);
  ui_test_remove_data_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add_func ("/grid/shows-badges", test_grid_shows_badges);
  g_test_add_func ("/grid/search-and-sort", test_grid_search_and_sort);

  return ui_test_run ();
}
