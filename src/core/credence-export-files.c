/* credence-export-files.c: every badge as plain files, so that nothing is
 * locked in: its original baked picture (or one baked now, for a badge
 * that arrived as JSON or a link) and its data as a file of its own.
 *
 * File names come from credence_export_badge_slug(): lowercase ASCII,
 * digits and dashes, unique by the badge's id in the collection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-export"

#include "config.h"

#include <string.h>

#include "credence-badge.h"
#include "credence-export-files.h"
#include "credence-export-paths.h"
#include "credence-limits.h"

/* A plain badge shape (no text) for badges whose picture is not at hand. */
static const char placeholder_svg[] =
  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\" viewBox=\"0 0 256 256\">"
  "<circle cx=\"128\" cy=\"128\" r=\"120\" fill=\"#3584e4\"/>"
  "<path d=\"M128 56l22 45 50 7-36 35 9 49-45-23-45 23 9-49-36-35 50-7z\" fill=\"#ffffff\"/>"
  "</svg>\n";

/* The bytes of a data: URI (RFC 2397), bounded. */
static GBytes *
decode_data_uri (const char *uri)
{
  const char *comma;
  gsize header;

  if (uri == NULL || g_ascii_strncasecmp (uri, "data:", 5) != 0)
    return NULL;
  comma = strchr (uri, ',');
  if (comma == NULL || strlen (comma + 1) > CREDENCE_LIMIT_HTTP_IMAGE_SIZE * 2)
    return NULL;
  header = comma - uri;

  if (header >= 7 && g_ascii_strncasecmp (comma - 7, ";base64", 7) == 0)
    {
      gsize length = 0;
      guchar *data = g_base64_decode (comma + 1, &length);

      if (data == NULL || length == 0)
        {
          g_free (data);
          return NULL;
        }
      return g_bytes_new_take (data, length);
    }

  return g_uri_unescape_bytes (comma + 1, -1, NULL, NULL);
}

/* The badge's picture: a data: URI in the badge, or a pinned document. */
static GBytes *
find_picture (const CredenceStoreBadge *record,
              CredenceBadge            *badge)
{
  const char *image = credence_badge_get_image (badge);
  GBytes *bytes = decode_data_uri (image);

  if (bytes != NULL || image == NULL)
    return bytes;
  for (guint i = 0; record->documents != NULL && i < record->documents->len; i++)
    {
      CredenceStoreDocument *doc = g_ptr_array_index (record->documents, i);

      if (doc->bytes != NULL && g_strcmp0 (doc->url, image) == 0)
        return g_bytes_ref (doc->bytes);
    }

  return NULL;
}

/**
 * credence_export_baked_file:
 * @badge: a badge as credence_store_get_badge() returns it
 * @extension: (out): "png" or "svg"
 * @error: return location for a #GError
 *
 * The badge as a baked picture: its original file when it arrived baked,
 * else its payload baked now, byte for byte, into its own picture (a
 * `data:` URI, or the picture among its pinned documents) or, when that
 * is not at hand or not a PNG or SVG, into a plain SVG badge shape.
 *
 * Returns: (transfer full) (nullable): the picture's bytes
 */
GBytes *
credence_export_baked_file (const CredenceStoreBadge  *record,
                            const char               **extension,
                            GError                   **error)
{
  g_autoptr(CredenceBadge) badge = NULL;
  g_autoptr(GBytes) picture = NULL;
  g_autoptr(GBytes) placeholder = NULL;
  GBytes *baked;

  g_return_val_if_fail (record != NULL && record->original != NULL, NULL);

  badge = credence_badge_new_from_bytes (record->original, record->source, error);
  if (badge == NULL)
    return NULL;

  switch (credence_badge_get_container (badge))
    {
    case CREDENCE_CONTAINER_PNG:
      *extension = "png";
      return g_bytes_ref (record->original);
    case CREDENCE_CONTAINER_SVG:
      *extension = "svg";
      return g_bytes_ref (record->original);
    case CREDENCE_CONTAINER_JSON:
    case CREDENCE_CONTAINER_JWS:
    case CREDENCE_CONTAINER_JWT:
    case CREDENCE_CONTAINER_URL:
    default:
      break;
    }

  picture = find_picture (record, badge);
  if (picture != NULL)
    {
      baked = credence_badge_bake (badge, picture, NULL);
      if (baked != NULL)
        {
          gsize length = 0;
          const guint8 *data = g_bytes_get_data (baked, &length);

          *extension = length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0 ? "png" : "svg";
          return baked;
        }
    }

  placeholder = g_bytes_new_static (placeholder_svg, strlen (placeholder_svg));
  *extension = "svg";
  return credence_badge_bake (badge, placeholder, error);
}

static const char *
data_extension (const CredenceStoreBadge *record,
                GBytes                   *payload)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (payload, &length);
  gsize i = 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i < length && (data[i] == '{' || data[i] == '['))
    return "json";
  /* A compact JWS: an OB 2.0 signed badge, or an OB 3.0 VC-JWT. */
  return g_strcmp0 (record->spec_version, "3.0") == 0 ? "jwt" : "jws";
}

static gboolean
write_file (GFile         *folder,
            const char    *name,
            GBytes        *bytes,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFile) file = g_file_get_child (folder, name);

  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL,
                                  FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, cancellable, error);
}

/**
 * credence_export_files:
 * @store: the collection
 * @uids: (array zero-terminated=1) (nullable): the badges, or %NULL for all
 * @folder: where to write (made when missing)
 * @n_written: (out) (optional): how many badges were written
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes, for every badge, `SLUG.png` or `SLUG.svg` (the baked picture,
 * credence_export_baked_file()) and `SLUG.json`, `SLUG.jws` or `SLUG.jwt`
 * (its data, byte for byte as it was issued).  Importing the folder gives
 * back the same badges.  Files are readable by you only: they hold the
 * addresses the badges were issued to.  Blocks.
 */
gboolean
credence_export_files (CredenceStore       *store,
                       const char * const  *uids,
                       GFile               *folder,
                       guint               *n_written,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint written = 0;

  g_return_val_if_fail (CREDENCE_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  if (uids == NULL)
    {
      listed = credence_store_list_badges (store, NULL, error);
      if (listed == NULL)
        return FALSE;
      for (guint i = 0; i < listed->len; i++)
        g_ptr_array_add (order, ((CredenceStoreBadge *) g_ptr_array_index (listed, i))->uid);
    }
  else
    for (guint i = 0; uids[i] != NULL; i++)
      g_ptr_array_add (order, (gpointer) uids[i]);

  if (!g_file_make_directory_with_parents (folder, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < order->len; i++)
    {
      g_autoptr(CredenceStoreBadge) badge = credence_store_get_badge (store, g_ptr_array_index (order, i), error);
      g_autofree char *slug = NULL;
      g_autofree char *picture_name = NULL;
      g_autofree char *data_name = NULL;
      g_autoptr(GBytes) baked = NULL;
      g_autoptr(GError) bake_error = NULL;
      const char *extension = NULL;

      if (badge == NULL)
        return FALSE;
      if (!g_hash_table_add (seen, g_ptr_array_index (order, i)))
        continue;
      slug = credence_export_badge_slug (badge->uid, badge->name);

      data_name = g_strdup_printf ("%s.%s", slug, data_extension (badge, badge->payload));
      if (!write_file (folder, data_name, badge->payload, cancellable, error))
        return FALSE;

      baked = credence_export_baked_file (badge, &extension, &bake_error);
      if (baked == NULL)
        g_warning ("%s: %s", data_name, bake_error->message);
      else
        {
          picture_name = g_strdup_printf ("%s.%s", slug, extension);
          if (!write_file (folder, picture_name, baked, cancellable, error))
            return FALSE;
        }
      written++;
    }

  if (n_written != NULL)
    *n_written = written;
  return TRUE;
}
