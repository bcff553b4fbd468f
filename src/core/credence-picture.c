/* credence-picture.c: a badge's picture, found without the network and
 * decoded with gdk-pixbuf.  Used by the app's thumbnails and by the
 * portfolio site, which re-encodes every picture (so no baked badge data,
 * and no script of an SVG, reaches the site).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-picture"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-limits.h"
#include "credence-picture.h"

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int size = GPOINTER_TO_INT (user_data);
  double scale;

  if (width <= 0 || height <= 0)
    return;
  scale = MIN ((double)size / width, (double)size / height);
  gdk_pixbuf_loader_set_size (loader, MAX (1, (int)(width * scale + 0.5)), MAX (1, (int)(height * scale + 0.5)));
}

static gboolean
has_prefix (GBytes     *bytes,
            const char *prefix,
            gsize       len)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return size >= len && memcmp (data, prefix, len) == 0;
}

/**
 * credence_picture_find_bytes:
 * @container: (nullable): what the badge came in ("png", "svg", "json"…)
 * @original: (nullable): the original file
 * @image: (nullable): the image the badge names (URL or data URI)
 *
 * Finds the picture of a badge without the network: the baked file itself,
 * or an image embedded as a data URI.
 *
 * Returns: (transfer full) (nullable): the picture's bytes
 */
GBytes *
credence_picture_find_bytes (const char *container,
                             GBytes     *original,
                             const char *image)
{
  const char *comma;

  if (original != NULL && (g_strcmp0 (container, "png") == 0 || g_strcmp0 (container, "svg") == 0))
    return g_bytes_ref (original);

  if (image == NULL || g_ascii_strncasecmp (image, "data:", 5) != 0)
    return NULL;

  comma = strchr (image, ',');
  if (comma == NULL || (gsize)(comma - image) > 200 ||
      strlen (comma + 1) > CREDENCE_LIMIT_HTTP_IMAGE_SIZE * 2)
    return NULL;

  if (g_strstr_len (image, comma - image, ";base64") != NULL)
    {
      gsize len = 0;
      guchar *data = g_base64_decode (comma + 1, &len);

      return g_bytes_new_take (data, len);
    }

  return g_uri_unescape_bytes (comma + 1, -1, NULL, NULL);
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

/**
 * credence_picture_decode:
 * @bytes: a PNG or SVG picture
 * @size: the largest width and height wanted, in pixels
 *
 * Decodes @bytes to at most @size × @size pixels, keeping the aspect.
 * Only PNG and SVG are read (the formats badges are baked in); a PNG over
 * %CREDENCE_LIMIT_IMAGE_PIXELS is refused before any pixel is decoded.
 * Blocking: call it from a worker thread.
 *
 * Returns: (transfer full): the picture, or %NULL with an error
 */
GdkPixbuf *
credence_picture_decode (GBytes  *bytes,
                         int      size,
                         GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  GdkPixbuf *pixbuf;
  const char *type;
  const guint8 *data;
  gsize len;
  int width, height;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);

  data = g_bytes_get_data (bytes, &len);

  if (has_prefix (bytes, "\x89PNG\r\n\x1a\n", 8))
    {
      guint64 w, h;

      if (len < 24 || memcmp (data + 12, "IHDR", 4) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The picture is damaged."));
          return NULL;
        }
      w = read_be32 (data + 16);
      h = read_be32 (data + 20);
      if (w == 0 || h == 0 || w * h > CREDENCE_LIMIT_IMAGE_PIXELS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                       _("The picture is too large to show (%u × %u pixels)."),
                       (guint)w, (guint)h);
          return NULL;
        }
      type = "png";
    }
  else
    {
      /* Anything else must look like XML to be tried as SVG. */
      gsize i = 0;

      if (has_prefix (bytes, "\xef\xbb\xbf", 3))
        i = 3;
      while (i < len && g_ascii_isspace (data[i]))
        i++;
      if (i >= len || data[i] != '<')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("The picture is not a PNG or SVG image."));
          return NULL;
        }
      type = "svg";
    }

  loader = gdk_pixbuf_loader_new_with_type (type, error);
  if (loader == NULL)
    return NULL;
  /* Draw vector pictures at the size wanted, not at theirs. */
  if (strcmp (type, "svg") == 0)
    g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), GINT_TO_POINTER (size));

  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error) ||
      !gdk_pixbuf_loader_close (loader, error))
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The picture is damaged."));
      return NULL;
    }

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  if (width > size || height > size)
    {
      double scale = MIN ((double)size / width, (double)size / height);

      scaled = gdk_pixbuf_scale_simple (pixbuf,
                                        MAX (1, (int)(width * scale + 0.5)),
                                        MAX (1, (int)(height * scale + 0.5)),
                                        GDK_INTERP_BILINEAR);
      if (scaled == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("Not enough memory to show the picture."));
          return NULL;
        }
      pixbuf = scaled;
    }

  return g_object_ref (pixbuf);
}
