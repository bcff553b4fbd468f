/* credence-sniff.c: what kind of input this is, by content only.
 *
 * File names lie (a JPEG named .png, JSON named .png): only the bytes count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-sniff"

#include "config.h"

#include <string.h>

#include "credence-sniff.h"

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

static gboolean
has_prefix (const guint8 *data,
            gsize         length,
            const void   *prefix,
            gsize         prefix_length)
{
  return length >= prefix_length && memcmp (data, prefix, prefix_length) == 0;
}

static gboolean
is_other_image (const guint8 *data,
                gsize         length)
{
  return has_prefix (data, length, "\xFF\xD8\xFF", 3) ||             /* JPEG */
         has_prefix (data, length, "GIF87a", 6) ||
         has_prefix (data, length, "GIF89a", 6) ||
         (has_prefix (data, length, "RIFF", 4) && length >= 12 &&
          memcmp (data + 8, "WEBP", 4) == 0) ||
         has_prefix (data, length, "BM", 2) ||
         has_prefix (data, length, "II*\0", 4) ||                    /* TIFF */
         has_prefix (data, length, "MM\0*", 4) ||
         has_prefix (data, length, "\0\0\1\0", 4) ||                 /* ICO */
         (length >= 12 && memcmp (data + 4, "ftyp", 4) == 0 &&       /* AVIF, HEIF */
          (memcmp (data + 8, "avif", 4) == 0 || memcmp (data + 8, "heic", 4) == 0));
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/**
 * credence_sniff_trim:
 * @data: (inout): start of the text
 * @length: (inout): its length
 *
 * Moves past a UTF-8 byte order mark and white space at both ends.
 */
void
credence_sniff_trim (const char **data,
                     gsize       *length)
{
  const char *p = *data;
  const char *end = p + *length;

  if (end - p >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end && is_space (*p))
    p++;
  while (end > p && is_space (end[-1]))
    end--;
  *data = p;
  *length = (gsize)(end - p);
}

static gboolean
is_b64url_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

/**
 * credence_sniff_is_jws:
 * @data: trimmed text
 * @length: its length
 *
 * Returns: %TRUE if @data is a compact JWS: base64url segments separated by
 *   two dots; the first and last are not empty (padding `=` is tolerated)
 */
gboolean
credence_sniff_is_jws (const char *data,
                       gsize       length)
{
  gsize seg_len[3] = { 0, 0, 0 };
  guint seg = 0;
  guint pad = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '.')
        {
          if (++seg > 2)
            return FALSE;
          pad = 0;
          continue;
        }
      if (c == '=')
        {
          if (++pad > 2 || seg_len[seg] == 0)
            return FALSE;
          continue;
        }
      if (pad > 0 || !is_b64url_char (c))
        return FALSE;
      seg_len[seg]++;
    }

  return seg == 2 && seg_len[0] > 0 && seg_len[2] > 0;
}

/**
 * credence_sniff_is_url:
 * @data: trimmed text
 * @length: its length
 *
 * Returns: %TRUE if @data is one absolute http or https URL
 */
gboolean
credence_sniff_is_url (const char *data,
                       gsize       length)
{
  g_autofree char *copy = NULL;

  if (!(length > 7 && g_ascii_strncasecmp (data, "http://", 7) == 0) &&
      !(length > 8 && g_ascii_strncasecmp (data, "https://", 8) == 0))
    return FALSE;
  if (length > 8192)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if ((guchar)data[i] <= 0x20 || data[i] == 0x7F)
      return FALSE;

  copy = g_strndup (data, length);
  return g_uri_is_valid (copy, G_URI_FLAGS_NONE, NULL);
}

/**
 * credence_sniff_text:
 * @data: text (not necessarily trimmed)
 * @length: its length
 *
 * Returns: JSON, JWS, URL, XML or unknown
 */
CredenceSniffType
credence_sniff_text (const char *data,
                     gsize       length)
{
  credence_sniff_trim (&data, &length);
  if (length == 0)
    return CREDENCE_SNIFF_UNKNOWN;
  if (data[0] == '{')
    return CREDENCE_SNIFF_JSON;
  if (data[0] == '<')
    return CREDENCE_SNIFF_XML;
  if (credence_sniff_is_jws (data, length))
    return CREDENCE_SNIFF_JWS;
  if (credence_sniff_is_url (data, length))
    return CREDENCE_SNIFF_URL;
  return CREDENCE_SNIFF_UNKNOWN;
}

/**
 * credence_sniff:
 * @data: the first bytes of a file, or all of it
 * @length: their number
 *
 * Returns: what the bytes are
 */
CredenceSniffType
credence_sniff (const guint8 *data,
                gsize         length)
{
  if (has_prefix (data, length, png_signature, sizeof png_signature))
    return CREDENCE_SNIFF_PNG;
  if (is_other_image (data, length))
    return CREDENCE_SNIFF_OTHER_IMAGE;
  return credence_sniff_text ((const char *)data, length);
}
