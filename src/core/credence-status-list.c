/* credence-status-list.c: status list bitstrings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-status-list"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "credence-limits.h"
#include "credence-multibase.h"
#include "credence-status-list.h"

G_DEFINE_QUARK (credence-status-list-error-quark, credence_status_list_error)

static GBytes *
convert (GConverter    *converter,
         const guint8  *data,
         gsize          length,
         gsize          limit,
         GError       **error)
{
  GByteArray *out = g_byte_array_new ();
  gsize in_pos = 0;
  guint8 buf[16384];

  for (;;)
    {
      gsize read = 0, written = 0;
      GConverterResult res;
      g_autoptr(GError) local_error = NULL;

      res = g_converter_convert (converter, data + in_pos, length - in_pos, buf, sizeof buf,
                                 G_CONVERTER_INPUT_AT_END, &read, &written, &local_error);
      if (res == G_CONVERTER_ERROR)
        {
          g_byte_array_unref (out);
          g_set_error (error, CREDENCE_STATUS_LIST_ERROR, CREDENCE_STATUS_LIST_ERROR_INVALID,
                       _("The status list is damaged: %s"), local_error->message);
          return NULL;
        }
      in_pos += read;
      g_byte_array_append (out, buf, written);
      if (out->len > limit)
        {
          g_byte_array_unref (out);
          g_set_error (error, CREDENCE_STATUS_LIST_ERROR, CREDENCE_STATUS_LIST_ERROR_TOO_LARGE,
                       _("The status list is larger than the limit of %" G_GSIZE_FORMAT " bytes"), limit);
          return NULL;
        }
      if (res == G_CONVERTER_FINISHED)
        break;
      if (read == 0 && written == 0)
        {
          g_byte_array_unref (out);
          g_set_error (error, CREDENCE_STATUS_LIST_ERROR, CREDENCE_STATUS_LIST_ERROR_INVALID,
                       _("The status list is truncated"));
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (out);
}

/**
 * credence_status_list_decode:
 * @encoded_list: `encodedList`: multibase base64url (`u…`, Bitstring Status
 *   List) or bare base64url (StatusList2021) of a GZIP stream
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the bitstring, or %NULL with @error set
 */
GBytes *
credence_status_list_decode (const char  *encoded_list,
                             GError     **error)
{
  g_autoptr(GBytes) gz = NULL;
  g_autoptr(GConverter) inflater = NULL;
  const guint8 *data;
  gsize len;

  /* A GZIP stream starts 1f 8b, "H4s" in base64url: a leading "u" can only
   * be the multibase prefix. */
  if (encoded_list[0] == 'u')
    gz = credence_base64url_decode (encoded_list + 1, -1, NULL);
  else
    gz = credence_base64url_decode (encoded_list, -1, NULL);

  if (gz == NULL)
    {
      g_set_error (error, CREDENCE_STATUS_LIST_ERROR, CREDENCE_STATUS_LIST_ERROR_INVALID,
                   _("The status list is not valid base64url text"));
      return NULL;
    }

  data = g_bytes_get_data (gz, &len);
  if (len < 2 || data[0] != 0x1f || data[1] != 0x8b)
    {
      g_set_error (error, CREDENCE_STATUS_LIST_ERROR, CREDENCE_STATUS_LIST_ERROR_INVALID,
                   _("The status list is not GZIP-compressed"));
      return NULL;
    }

  inflater = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  return convert (inflater, data, len, CREDENCE_LIMIT_STATUS_LIST_SIZE, error);
}

/**
 * credence_status_list_encode:
 * @bitstring: the bits, most significant bit of byte 0 first
 * @length: length of @bitstring in bytes
 *
 * Returns: (transfer full): `u` + base64url(GZIP(@bitstring)), as issuers
 *   write `encodedList`
 */
char *
credence_status_list_encode (const guint8 *bitstring,
                             gsize         length)
{
  g_autoptr(GConverter) deflater = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1));
  g_autoptr(GBytes) gz = convert (deflater, bitstring, length, G_MAXSIZE, NULL);
  g_autofree char *text = NULL;

  g_assert (gz != NULL);
  text = credence_base64url_encode (g_bytes_get_data (gz, NULL), g_bytes_get_size (gz));
  return g_strconcat ("u", text, NULL);
}

/**
 * credence_status_list_get:
 * @bitstring: a decoded status list
 * @index: `statusListIndex`
 * @status_size: `statusSize` in bits (1 to 8)
 * @out_value: (out): the status value (0 means no status set)
 * @error: return location for a #GError
 *
 * Reads the entry at @index; bit 0 is the most significant bit of byte 0.
 */
gboolean
credence_status_list_get (GBytes   *bitstring,
                          guint64   index,
                          guint     status_size,
                          guint    *out_value,
                          GError  **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bitstring, &len);
  guint64 bit;
  guint value = 0;

  if (status_size < 1 || status_size > 8 || index > G_MAXUINT64 / 8
      || (bit = index * status_size) + status_size > (guint64) len * 8)
    {
      g_set_error (error, CREDENCE_STATUS_LIST_ERROR, CREDENCE_STATUS_LIST_ERROR_RANGE,
                   _("The status entry %" G_GUINT64_FORMAT " is outside the status list"), index);
      return FALSE;
    }

  for (guint i = 0; i < status_size; i++, bit++)
    value = (value << 1) | ((data[bit / 8] >> (7 - bit % 8)) & 1);

  *out_value = value;
  return TRUE;
}
