/* credence-thumbnailer.c: badge pictures for the grid and the badge page,
 * read from the encrypted collection and decoded on worker threads.  The
 * pictures are kept in memory only (a small most-recently-used cache),
 * never written to disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-thumbnailer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-picture.h"
#include "credence-thumbnailer.h"

/* Enough for a few screens of cards at any scale. */
#define CACHE_SIZE 200

struct _CredenceThumbnailer
{
  GObject        parent_instance;

  CredenceStore *store;
  GHashTable    *cache;   /* "size:uid" → GdkTexture */
  GQueue         recent;  /* keys, most recent first; owned by the table */
};

G_DEFINE_FINAL_TYPE (CredenceThumbnailer, credence_thumbnailer, G_TYPE_OBJECT)

static void
credence_thumbnailer_finalize (GObject *object)
{
  CredenceThumbnailer *self = (CredenceThumbnailer *)object;

  g_queue_clear (&self->recent);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (credence_thumbnailer_parent_class)->finalize (object);
}

static void
credence_thumbnailer_class_init (CredenceThumbnailerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = credence_thumbnailer_finalize;
}

static void
credence_thumbnailer_init (CredenceThumbnailer *self)
{
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_queue_init (&self->recent);
}

CredenceThumbnailer *
credence_thumbnailer_new (CredenceStore *store)
{
  CredenceThumbnailer *self;

  g_return_val_if_fail (CREDENCE_IS_STORE (store), NULL);

  self = g_object_new (CREDENCE_TYPE_THUMBNAILER, NULL);
  self->store = g_object_ref (store);

  return self;
}

GBytes *
credence_thumbnail_image_bytes (const char *container,
                                GBytes     *original,
                                const char *image)
{
  return credence_picture_find_bytes (container, original, image);
}

GdkTexture *
credence_thumbnail_decode (GBytes  *bytes,
                           int      size,
                           GError **error)
{
  g_autoptr(GdkPixbuf) pixbuf = credence_picture_decode (bytes, size, error);

  return pixbuf != NULL ? gdk_texture_new_for_pixbuf (pixbuf) : NULL;
}

typedef struct
{
  CredenceStore *store;
  char          *uid;
  char          *container;
  char          *image;
  char          *key;
  int            size;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_free (data->uid);
  g_free (data->container);
  g_free (data->image);
  g_free (data->key);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(CredenceStoreBadge) badge = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  GdkTexture *texture;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Only baked files need their original; a data URI is in the listing. */
  if (g_strcmp0 (data->container, "png") == 0 || g_strcmp0 (data->container, "svg") == 0)
    {
      badge = credence_store_get_badge (data->store, data->uid, &error);
      if (badge == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      bytes = credence_thumbnail_image_bytes (badge->container, badge->original, badge->image);
    }
  else
    bytes = credence_thumbnail_image_bytes (data->container, NULL, data->image);

  if (bytes == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The badge has no picture that can be shown offline."));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  texture = credence_thumbnail_decode (bytes, data->size, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static char *
make_key (CredenceBadgeItem *item,
          int                size)
{
  return g_strdup_printf ("%d:%s", size, credence_badge_item_get_uid (item));
}

static void
remember (CredenceThumbnailer *self,
          const char          *key,
          GdkTexture          *texture)
{
  char *owned;

  if (g_hash_table_contains (self->cache, key))
    return;

  owned = g_strdup (key);
  g_hash_table_insert (self->cache, owned, g_object_ref (texture));
  g_queue_push_head (&self->recent, owned);

  while (g_queue_get_length (&self->recent) > CACHE_SIZE)
    g_hash_table_remove (self->cache, g_queue_pop_tail (&self->recent));
}

/**
 * credence_thumbnailer_lookup:
 *
 * Returns: (transfer none) (nullable): the picture, if it is in memory.
 */
GdkTexture *
credence_thumbnailer_lookup (CredenceThumbnailer *self,
                             CredenceBadgeItem   *item,
                             int                  size)
{
  g_autofree char *key = NULL;
  GList *link;
  GdkTexture *texture;

  g_return_val_if_fail (CREDENCE_IS_THUMBNAILER (self), NULL);

  key = make_key (item, size);
  texture = g_hash_table_lookup (self->cache, key);
  if (texture != NULL)
    {
      /* Move it to the front. */
      link = g_queue_find_custom (&self->recent, key, (GCompareFunc)strcmp);
      if (link != NULL)
        {
          g_queue_unlink (&self->recent, link);
          g_queue_push_head_link (&self->recent, link);
        }
    }

  return texture;
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  CredenceThumbnailer *self = g_task_get_source_object (outer);
  LoadData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  GdkTexture *texture;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }

  remember (self, data->key, texture);
  g_task_return_pointer (outer, texture, g_object_unref);
}

/**
 * credence_thumbnailer_load_async:
 * @size: the largest width and height, in device pixels
 *
 * Loads the badge's picture off the UI thread.
 */
void
credence_thumbnailer_load_async (CredenceThumbnailer *self,
                                 CredenceBadgeItem   *item,
                                 int                  size,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  LoadData *data;
  GdkTexture *cached;

  g_return_if_fail (CREDENCE_IS_THUMBNAILER (self));
  g_return_if_fail (CREDENCE_IS_BADGE_ITEM (item));
  g_return_if_fail (size > 0);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, credence_thumbnailer_load_async);

  cached = credence_thumbnailer_lookup (self, item, size);
  if (cached != NULL)
    {
      g_task_return_pointer (outer, g_object_ref (cached), g_object_unref);
      return;
    }

  data = g_new0 (LoadData, 1);
  data->store = g_object_ref (self->store);
  data->uid = g_strdup (credence_badge_item_get_uid (item));
  data->container = g_strdup (credence_badge_item_get_container (item));
  data->image = g_strdup (credence_badge_item_get_image (item));
  data->key = make_key (item, size);
  data->size = size;

  inner = g_task_new (self, cancellable, load_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, load_thread);
  g_task_set_task_data (inner, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (inner, load_thread);
}

/**
 * credence_thumbnailer_load_finish:
 *
 * Returns: (transfer full) (nullable): the picture, or %NULL when the badge
 *   has none that can be shown (then the caller shows a placeholder).
 */
GdkTexture *
credence_thumbnailer_load_finish (CredenceThumbnailer  *self,
                                  GAsyncResult         *result,
                                  GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * credence_thumbnailer_forget:
 *
 * Drops the pictures of the badge @uid (it was removed).
 */
void
credence_thumbnailer_forget (CredenceThumbnailer *self,
                             const char          *uid)
{
  GList *link, *next;

  g_return_if_fail (CREDENCE_IS_THUMBNAILER (self));

  for (link = self->recent.head; link != NULL; link = next)
    {
      const char *key = link->data;
      const char *colon = strchr (key, ':');

      next = link->next;
      if (colon != NULL && g_str_equal (colon + 1, uid))
        {
          g_queue_delete_link (&self->recent, link);
          g_hash_table_remove (self->cache, key);
        }
    }
}

guint
credence_thumbnailer_get_n_cached (CredenceThumbnailer *self)
{
  g_return_val_if_fail (CREDENCE_IS_THUMBNAILER (self), 0);

  return g_hash_table_size (self->cache);
}

static void
image_thumbnail_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GtkImage) image = user_data;
  g_autoptr(GdkTexture) texture = NULL;

  texture = credence_thumbnailer_load_finish (CREDENCE_THUMBNAILER (source), result, NULL);
  if (texture != NULL && gtk_widget_get_parent (GTK_WIDGET (image)) != NULL)
    gtk_image_set_from_paintable (image, GDK_PAINTABLE (texture));
}

/**
 * credence_thumbnailer_show_in_image:
 * @image: a #GtkImage showing a placeholder
 * @size: the size in logical pixels
 *
 * Shows the picture of @item in @image once it is decoded (at once when it
 * is in memory); the placeholder stays when it has none.
 */
void
credence_thumbnailer_show_in_image (CredenceThumbnailer *self,
                                    CredenceBadgeItem   *item,
                                    int                  size,
                                    GtkImage            *image)
{
  GdkTexture *cached;

  g_return_if_fail (CREDENCE_IS_THUMBNAILER (self));
  g_return_if_fail (CREDENCE_IS_BADGE_ITEM (item));
  g_return_if_fail (GTK_IS_IMAGE (image));

  size *= gtk_widget_get_scale_factor (GTK_WIDGET (image));
  cached = credence_thumbnailer_lookup (self, item, size);
  if (cached != NULL)
    gtk_image_set_from_paintable (image, GDK_PAINTABLE (cached));
  else
    credence_thumbnailer_load_async (self, item, size, NULL, image_thumbnail_cb, g_object_ref (image));
}
