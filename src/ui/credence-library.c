/* credence-library.c: the badges of the collection as list models for the
 * grid: all of them, sorted then filtered by the search, and the ones that
 * need attention.  Sorting and filtering are incremental so that the UI
 * stays responsive with tens of thousands of badges.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-library"

#include "config.h"

#include <string.h>

#include "credence-library.h"

/* A badge not checked for this long needs attention. */
#define STALE_CHECK_SECONDS (180 * 24 * 3600)

struct _CredenceLibrary
{
  GObject              parent_instance;

  GListStore          *badges;
  GHashTable          *by_uid;        /* uid → item (borrowed from the store) */
  GtkCustomSorter     *sorter;
  GtkSortListModel    *sorted;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GtkCustomFilter     *attention_filter;
  GtkFilterListModel  *attention;

  char                *search;
  char               **terms;
  CredenceLibrarySort  sort;
  guint                n_badges;
};

G_DEFINE_FINAL_TYPE (CredenceLibrary, credence_library, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEARCH,
  PROP_SORT,
  PROP_N_BADGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const sort_names[] = { "issued", "name", "issuer" };

gboolean
credence_library_sort_from_string (const char          *string,
                                   CredenceLibrarySort *sort)
{
  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    if (g_strcmp0 (string, sort_names[i]) == 0)
      {
        *sort = i;
        return TRUE;
      }

  return FALSE;
}

const char *
credence_library_sort_to_string (CredenceLibrarySort sort)
{
  g_return_val_if_fail (sort < G_N_ELEMENTS (sort_names), NULL);

  return sort_names[sort];
}

/**
 * credence_badge_item_needs_attention:
 * @now: the current time, Unix seconds
 *
 * Returns: whether the badge has a problem, could not be checked, has
 *   expired, was never checked, or was last checked long ago.
 */
gboolean
credence_badge_item_needs_attention (CredenceBadgeItem *item,
                                     gint64             now)
{
  GDateTime *expires = credence_badge_item_get_expires (item);

  switch (credence_badge_item_get_status (item))
    {
    case CREDENCE_BADGE_STATUS_PROBLEM:
    case CREDENCE_BADGE_STATUS_COULDNT_CHECK:
    case CREDENCE_BADGE_STATUS_NOT_CHECKED:
      return TRUE;
    case CREDENCE_BADGE_STATUS_VALID:
    default:
      break;
    }

  if (expires != NULL && g_date_time_to_unix (expires) <= now)
    return TRUE;

  return now - credence_badge_item_get_verified_at (item) > STALE_CHECK_SECONDS;
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  CredenceLibrary *self = user_data;
  CredenceBadgeItem *item_a = (CredenceBadgeItem *)a;
  CredenceBadgeItem *item_b = (CredenceBadgeItem *)b;

  switch (self->sort)
    {
    case CREDENCE_LIBRARY_SORT_NAME:
      return credence_badge_item_compare_name (item_a, item_b);
    case CREDENCE_LIBRARY_SORT_ISSUER:
      return credence_badge_item_compare_issuer (item_a, item_b);
    case CREDENCE_LIBRARY_SORT_ISSUED:
    default:
      return credence_badge_item_compare_issued (item_a, item_b);
    }
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  CredenceLibrary *self = user_data;

  return credence_badge_item_matches (item, (const char * const *)self->terms);
}

static gboolean
attention_func (gpointer item,
                gpointer user_data)
{
  return credence_badge_item_needs_attention (item, g_get_real_time () / G_USEC_PER_SEC);
}

static void
badges_changed_cb (CredenceLibrary *self,
                   guint            position,
                   guint            removed,
                   guint            added,
                   GListModel      *model)
{
  guint n = g_list_model_get_n_items (model);

  if (n != self->n_badges)
    {
      self->n_badges = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BADGES]);
    }
}

static void
item_status_cb (CredenceLibrary   *self,
                GParamSpec        *pspec,
                CredenceBadgeItem *item)
{
  gtk_filter_changed (GTK_FILTER (self->attention_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
credence_library_dispose (GObject *object)
{
  CredenceLibrary *self = (CredenceLibrary *)object;

  if (self->badges != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->badges));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CredenceBadgeItem) item = g_list_model_get_item (G_LIST_MODEL (self->badges), i);
          g_signal_handlers_disconnect_by_data (item, self);
        }
      g_signal_handlers_disconnect_by_data (self->badges, self);
    }

  g_clear_object (&self->attention);
  g_clear_object (&self->attention_filter);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorted);
  g_clear_object (&self->sorter);
  g_clear_pointer (&self->by_uid, g_hash_table_unref);
  g_clear_object (&self->badges);

  G_OBJECT_CLASS (credence_library_parent_class)->dispose (object);
}

static void
credence_library_finalize (GObject *object)
{
  CredenceLibrary *self = (CredenceLibrary *)object;

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->terms, g_strfreev);

  G_OBJECT_CLASS (credence_library_parent_class)->finalize (object);
}

static void
credence_library_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CredenceLibrary *self = CREDENCE_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_SORT:
      g_value_set_string (value, credence_library_sort_to_string (self->sort));
      break;

    case PROP_N_BADGES:
      g_value_set_uint (value, credence_library_get_n_badges (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
credence_library_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CredenceLibrary *self = CREDENCE_LIBRARY (object);
  CredenceLibrarySort sort;

  switch (prop_id)
    {
    case PROP_SEARCH:
      credence_library_set_search (self, g_value_get_string (value));
      break;

    case PROP_SORT:
      if (credence_library_sort_from_string (g_value_get_string (value), &sort))
        credence_library_set_sort (self, sort);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
credence_library_class_init (CredenceLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = credence_library_dispose;
  object_class->finalize = credence_library_finalize;
  object_class->get_property = credence_library_get_property;
  object_class->set_property = credence_library_set_property;

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CredenceLibrary:sort:
   *
   * "issued", "name" or "issuer" (bindable to a GSettings string key).
   */
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "issued",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_BADGES] =
    g_param_spec_uint ("n-badges", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
credence_library_init (CredenceLibrary *self)
{
  self->badges = g_list_store_new (CREDENCE_TYPE_BADGE_ITEM);
  self->by_uid = g_hash_table_new (g_str_hash, g_str_equal);
  self->terms = g_new0 (char *, 1);

  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->badges)),
                                          g_object_ref (GTK_SORTER (self->sorter)));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                              g_object_ref (GTK_FILTER (self->filter)));

  self->attention_filter = gtk_custom_filter_new (attention_func, self, NULL);
  self->attention = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                               g_object_ref (GTK_FILTER (self->attention_filter)));

  g_signal_connect_object (self->badges, "items-changed",
                           G_CALLBACK (badges_changed_cb), self, G_CONNECT_SWAPPED);
}

CredenceLibrary *
credence_library_new (void)
{
  return g_object_new (CREDENCE_TYPE_LIBRARY, NULL);
}

/**
 * credence_library_get_badges:
 *
 * Returns: (transfer none): every badge, unsorted.
 */
GListModel *
credence_library_get_badges (CredenceLibrary *self)
{
  g_return_val_if_fail (CREDENCE_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->badges);
}

/**
 * credence_library_get_model:
 *
 * Returns: (transfer none): the badges matching the search, sorted.
 */
GListModel *
credence_library_get_model (CredenceLibrary *self)
{
  g_return_val_if_fail (CREDENCE_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

/**
 * credence_library_get_attention:
 *
 * Returns: (transfer none): the badges that need attention, sorted.
 */
GListModel *
credence_library_get_attention (CredenceLibrary *self)
{
  g_return_val_if_fail (CREDENCE_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->attention);
}

guint
credence_library_get_n_badges (CredenceLibrary *self)
{
  g_return_val_if_fail (CREDENCE_IS_LIBRARY (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->badges));
}

static void
track (CredenceLibrary   *self,
       CredenceBadgeItem *item)
{
  g_hash_table_replace (self->by_uid, (gpointer)credence_badge_item_get_uid (item), item);
  g_signal_connect_object (item, "notify::status",
                           G_CALLBACK (item_status_cb), self, G_CONNECT_SWAPPED);
}

/**
 * credence_library_set_items:
 * @items: (element-type CredenceBadgeItem): the whole collection
 *
 * Replaces every badge at once (one items-changed signal).
 */
void
credence_library_set_items (CredenceLibrary *self,
                            GPtrArray       *items)
{
  guint n;

  g_return_if_fail (CREDENCE_IS_LIBRARY (self));
  g_return_if_fail (items != NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->badges));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CredenceBadgeItem) item = g_list_model_get_item (G_LIST_MODEL (self->badges), i);
      g_signal_handlers_disconnect_by_data (item, self);
    }
  g_hash_table_remove_all (self->by_uid);

  for (guint i = 0; i < items->len; i++)
    track (self, g_ptr_array_index (items, i));

  g_list_store_splice (self->badges, 0, n, items->pdata, items->len);
}

/**
 * credence_library_add:
 *
 * Adds @item, replacing the badge with the same uid if there is one.
 */
void
credence_library_add (CredenceLibrary   *self,
                      CredenceBadgeItem *item)
{
  g_return_if_fail (CREDENCE_IS_LIBRARY (self));
  g_return_if_fail (CREDENCE_IS_BADGE_ITEM (item));

  credence_library_remove (self, credence_badge_item_get_uid (item));
  track (self, item);
  g_list_store_append (self->badges, item);
}

/**
 * credence_library_remove:
 *
 * Returns: whether a badge with @uid was there.
 */
gboolean
credence_library_remove (CredenceLibrary *self,
                         const char      *uid)
{
  CredenceBadgeItem *item;
  guint position;

  g_return_val_if_fail (CREDENCE_IS_LIBRARY (self), FALSE);

  item = g_hash_table_lookup (self->by_uid, uid);
  if (item == NULL)
    return FALSE;

  g_signal_handlers_disconnect_by_data (item, self);
  g_hash_table_remove (self->by_uid, uid);
  if (g_list_store_find (self->badges, item, &position))
    g_list_store_remove (self->badges, position);

  return TRUE;
}

/**
 * credence_library_lookup:
 *
 * Returns: (transfer none) (nullable): the badge with @uid.
 */
CredenceBadgeItem *
credence_library_lookup (CredenceLibrary *self,
                         const char      *uid)
{
  g_return_val_if_fail (CREDENCE_IS_LIBRARY (self), NULL);

  return g_hash_table_lookup (self->by_uid, uid);
}

const char *
credence_library_get_search (CredenceLibrary *self)
{
  g_return_val_if_fail (CREDENCE_IS_LIBRARY (self), NULL);
  return self->search;
}

static gboolean
terms_narrow (char **old_terms,
              char **new_terms)
{
  /* Every new term extends the old term at the same place, and there are
   * at least as many: the new search can only keep fewer badges.
   */
  guint n_old = g_strv_length (old_terms);

  if (g_strv_length (new_terms) < n_old)
    return FALSE;

  for (guint i = 0; i < n_old; i++)
    if (strstr (new_terms[i], old_terms[i]) == NULL)
      return FALSE;

  return TRUE;
}

/**
 * credence_library_set_search:
 * @search: (nullable): what the user typed
 *
 * Keeps the badges whose name, issuer or description contain every word
 * of @search, ignoring case and accents' composition.
 */
void
credence_library_set_search (CredenceLibrary *self,
                             const char      *search)
{
  g_autofree char *normalized = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  char **terms;
  int change;

  g_return_if_fail (CREDENCE_IS_LIBRARY (self));

  if (g_strcmp0 (search, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);

  normalized = g_utf8_normalize (search != NULL ? search : "", -1, G_NORMALIZE_ALL);
  folded = g_utf8_casefold (normalized != NULL ? normalized : "", -1);
  words = g_strsplit_set (folded, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (builder, words[i]);
  terms = g_strv_builder_end (builder);

  if (g_strv_equal ((const char * const *)terms, (const char * const *)self->terms))
    change = -1;
  else if (terms_narrow (self->terms, terms))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (terms_narrow (terms, self->terms))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_strfreev (self->terms);
  self->terms = terms;

  if (change >= 0)
    gtk_filter_changed (GTK_FILTER (self->filter), change);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

CredenceLibrarySort
credence_library_get_sort (CredenceLibrary *self)
{
  g_return_val_if_fail (CREDENCE_IS_LIBRARY (self), CREDENCE_LIBRARY_SORT_ISSUED);
  return self->sort;
}

void
credence_library_set_sort (CredenceLibrary     *self,
                           CredenceLibrarySort  sort)
{
  g_return_if_fail (CREDENCE_IS_LIBRARY (self));
  g_return_if_fail (sort < G_N_ELEMENTS (sort_names));

  if (self->sort == sort)
    return;

  self->sort = sort;
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

/**
 * credence_library_set_incremental:
 *
 * Whether sorting and filtering run in small steps from the main loop
 * (the default for the window) or at once.
 */
void
credence_library_set_incremental (CredenceLibrary *self,
                                  gboolean         incremental)
{
  g_return_if_fail (CREDENCE_IS_LIBRARY (self));

  gtk_sort_list_model_set_incremental (self->sorted, incremental);
  gtk_filter_list_model_set_incremental (self->filtered, incremental);
  gtk_filter_list_model_set_incremental (self->attention, incremental);
}

/**
 * credence_library_is_busy:
 *
 * Returns: whether an incremental sort or filter is still running.
 */
gboolean
credence_library_is_busy (CredenceLibrary *self)
{
  g_return_val_if_fail (CREDENCE_IS_LIBRARY (self), FALSE);

  return gtk_sort_list_model_get_pending (self->sorted) > 0 ||
         gtk_filter_list_model_get_pending (self->filtered) > 0 ||
         gtk_filter_list_model_get_pending (self->attention) > 0;
}
