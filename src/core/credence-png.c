/* credence-png.c: Open Badges baked into PNG text chunks.
 *
 * The reader walks every chunk from the signature to IEND, checking each
 * length against the bytes left, and never decodes pixels.  Text chunks
 * (iTXt, tEXt, zTXt) with the keyword `openbadges` (OB 0.5–2.0) or
 * `openbadgecredential` (OB 3.0) are badge chunks; their CRC-32 is checked
 * and compressed text is inflated with a cap.  Other keywords are ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-png"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "credence-limits.h"
#include "credence-png.h"

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

#define CHUNK_OVERHEAD 12 /* length, type, CRC */
#define PNG_MAX_CHUNK_LENGTH 0x7FFFFFFFu

/* Slice-by-8 tables: crc_table[0] is the classic byte table. */
static guint32 crc_table[8][256];

static gpointer
init_crc_table (gpointer data)
{
  for (guint32 n = 0; n < 256; n++)
    {
      guint32 c = n;

      for (int k = 0; k < 8; k++)
        c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      crc_table[0][n] = c;
    }
  for (guint32 n = 0; n < 256; n++)
    for (int t = 1; t < 8; t++)
      crc_table[t][n] = crc_table[0][crc_table[t - 1][n] & 0xFF] ^ (crc_table[t - 1][n] >> 8);
  return NULL;
}

/**
 * credence_crc32:
 * @crc: 0, or the result of the previous call
 * @data: (array length=length): bytes
 * @length: their number
 *
 * The CRC-32 of PNG (ISO 3309), computed incrementally, eight bytes at a
 * time.
 *
 * Returns: the CRC of everything so far
 */
guint32
credence_crc32 (guint32       crc,
                const guint8 *data,
                gsize         length)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_crc_table, NULL);

  crc ^= 0xFFFFFFFFu;
  while (length >= 8)
    {
      guint32 lo = crc ^ ((guint32)data[0] | ((guint32)data[1] << 8) | ((guint32)data[2] << 16) | ((guint32)data[3] << 24));
      guint32 hi = (guint32)data[4] | ((guint32)data[5] << 8) | ((guint32)data[6] << 16) | ((guint32)data[7] << 24);

      crc = crc_table[7][lo & 0xFF] ^ crc_table[6][(lo >> 8) & 0xFF] ^
            crc_table[5][(lo >> 16) & 0xFF] ^ crc_table[4][lo >> 24] ^
            crc_table[3][hi & 0xFF] ^ crc_table[2][(hi >> 8) & 0xFF] ^
            crc_table[1][(hi >> 16) & 0xFF] ^ crc_table[0][hi >> 24];
      data += 8;
      length -= 8;
    }
  while (length-- > 0)
    crc = crc_table[0][(crc ^ *data++) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | (guint32)p[3];
}

static void
write_be32 (GByteArray *out,
            guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF };

  g_byte_array_append (out, b, 4);
}

static gboolean damaged (GError    **error,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

static gboolean
damaged (GError    **error,
         const char *format,
         ...)
{
  va_list ap;
  g_autofree char *message = NULL;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE, message);
  return FALSE;
}

#define MALFORMED_TEXT \
  _("This badge image is damaged: the badge data at byte %lu is not laid out as PNG requires. Download the badge again from the issuer.")

static gboolean
too_large (GError **error)
{
  g_set_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_TOO_LARGE,
               _("The badge data in this image is larger than %d MiB, more than any badge needs; Credence does not read it."),
               CREDENCE_LIMIT_PAYLOAD_SIZE / (1024 * 1024));
  return FALSE;
}

typedef struct
{
  gsize         offset;   /* of the length field */
  guint32       length;   /* of the data */
  const guint8 *type;
  const guint8 *data;
} Chunk;

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         pos;
  gboolean      seen_iend;
} Walker;

/* Returns FALSE with @error on damage, FALSE without error after IEND. */
static gboolean
walker_next (Walker  *w,
             Chunk   *chunk,
             GError **error)
{
  gsize left;

  if (w->seen_iend)
    return FALSE;

  left = w->length - w->pos;
  if (left < CHUNK_OVERHEAD)
    return damaged (error, _("This badge image is damaged: it ends early, at byte %lu, before the end of the picture. Download the badge again from the issuer."),
                    (gulong)w->length);

  chunk->offset = w->pos;
  chunk->length = read_be32 (w->data + w->pos);
  chunk->type = w->data + w->pos + 4;
  chunk->data = w->data + w->pos + 8;

  if (chunk->length > PNG_MAX_CHUNK_LENGTH)
    return damaged (error, _("This badge image is damaged: the part at byte %lu has an impossible length. Download the badge again from the issuer."),
                    (gulong)chunk->offset);
  if (chunk->length > left - CHUNK_OVERHEAD)
    return damaged (error, _("This badge image is damaged: it ends early, inside the part that starts at byte %lu. Download the badge again from the issuer."),
                    (gulong)chunk->offset);
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isalpha (chunk->type[i]))
      return damaged (error, _("This badge image is damaged: the part at byte %lu has no valid name. Download the badge again from the issuer."),
                      (gulong)chunk->offset);
  if (w->pos == sizeof png_signature && memcmp (chunk->type, "IHDR", 4) != 0)
    return damaged (error, _("This badge image is damaged: its header is missing at byte %lu. Download the badge again from the issuer."),
                    (gulong)chunk->offset);

  w->pos += CHUNK_OVERHEAD + chunk->length;
  if (memcmp (chunk->type, "IEND", 4) == 0)
    w->seen_iend = TRUE;
  return TRUE;
}

static gboolean
walker_init (Walker        *w,
             const guint8  *data,
             gsize          length,
             GError       **error)
{
  if (length < sizeof png_signature || memcmp (data, png_signature, sizeof png_signature) != 0)
    return damaged (error, _("This file is not a PNG picture. Use the original badge file."));

  w->data = data;
  w->length = length;
  w->pos = sizeof png_signature;
  w->seen_iend = FALSE;
  return TRUE;
}

static gboolean
is_text_chunk (const Chunk *chunk)
{
  return memcmp (chunk->type, "iTXt", 4) == 0 ||
         memcmp (chunk->type, "tEXt", 4) == 0 ||
         memcmp (chunk->type, "zTXt", 4) == 0;
}

/* Returns the keyword of a badge text chunk, or NULL. */
static const char *
badge_keyword (const Chunk *chunk)
{
  static const char *const keywords[] = { CREDENCE_PNG_KEYWORD_OB2, CREDENCE_PNG_KEYWORD_OB3 };

  if (!is_text_chunk (chunk))
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (keywords); i++)
    {
      gsize klen = strlen (keywords[i]);

      if (chunk->length > klen && memcmp (chunk->data, keywords[i], klen) == 0 &&
          chunk->data[klen] == '\0')
        return keywords[i];
    }
  return NULL;
}

static GBytes *
inflate_capped (const guint8  *data,
                gsize          length,
                gsize          chunk_offset,
                GError       **error)
{
  g_autoptr(GConverter) converter = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB));
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize in_pos = 0;

  for (;;)
    {
      guint8 buffer[16384];
      gsize bytes_read = 0;
      gsize bytes_written = 0;
      GConverterResult result;
      g_autoptr(GError) local_error = NULL;

      result = g_converter_convert (converter, data + in_pos, length - in_pos,
                                    buffer, sizeof buffer, G_CONVERTER_INPUT_AT_END,
                                    &bytes_read, &bytes_written, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          damaged (error, _("This badge image is damaged: the compressed badge data at byte %lu cannot be read. Download the badge again from the issuer."),
                   (gulong)chunk_offset);
          return NULL;
        }
      in_pos += bytes_read;
      if (out->len + bytes_written > CREDENCE_LIMIT_PAYLOAD_SIZE)
        {
          too_large (error);
          return NULL;
        }
      g_byte_array_append (out, buffer, (guint)bytes_written);
      if (result == G_CONVERTER_FINISHED)
        break;
      if (bytes_read == 0 && bytes_written == 0)
        {
          damaged (error, _("This badge image is damaged: the compressed badge data at byte %lu cannot be read. Download the badge again from the issuer."),
                   (gulong)chunk_offset);
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* Extracts the text of a badge chunk whose CRC was checked. */
static GBytes *
chunk_text (const Chunk  *chunk,
            const char   *keyword,
            GError      **error)
{
  gsize klen = strlen (keyword);
  const guint8 *p = chunk->data + klen + 1;
  const guint8 *end = chunk->data + chunk->length;

  if (memcmp (chunk->type, "tEXt", 4) == 0)
    {
      if ((gsize)(end - p) > CREDENCE_LIMIT_PAYLOAD_SIZE)
        {
          too_large (error);
          return NULL;
        }
      return g_bytes_new (p, (gsize)(end - p));
    }

  if (memcmp (chunk->type, "zTXt", 4) == 0)
    {
      if (p >= end || *p != 0)
        {
          damaged (error, MALFORMED_TEXT, (gulong)chunk->offset);
          return NULL;
        }
      p++;
      return inflate_capped (p, (gsize)(end - p), chunk->offset, error);
    }

  /* iTXt: flag, method, language tag NUL, translated keyword NUL, text. */
  {
    guint8 flag, method;
    const guint8 *nul;

    if (end - p < 2)
      {
        damaged (error, MALFORMED_TEXT, (gulong)chunk->offset);
        return NULL;
      }
    flag = p[0];
    method = p[1];
    p += 2;
    if (flag > 1 || (flag == 1 && method != 0))
      {
        damaged (error, MALFORMED_TEXT, (gulong)chunk->offset);
        return NULL;
      }
    for (int field = 0; field < 2; field++)
      {
        nul = memchr (p, '\0', (gsize)(end - p));
        if (nul == NULL)
          {
            damaged (error, MALFORMED_TEXT, (gulong)chunk->offset);
            return NULL;
          }
        p = nul + 1;
      }
    if (flag == 1)
      return inflate_capped (p, (gsize)(end - p), chunk->offset, error);
    if ((gsize)(end - p) > CREDENCE_LIMIT_PAYLOAD_SIZE)
      {
        too_large (error);
        return NULL;
      }
    return g_bytes_new (p, (gsize)(end - p));
  }
}

/**
 * credence_png_unbake:
 * @data: (array length=length): the PNG file
 * @length: its size
 * @out: (out caller-allocates): where the badge was and its payload
 * @error: return location for a #CredenceBadgeError
 *
 * Finds the badge chunk of a PNG.  Two badge chunks with the same payload
 * count as one; two different ones are an error.
 *
 * Returns: %TRUE if a badge chunk was found
 */
gboolean
credence_png_unbake (const guint8     *data,
                     gsize             length,
                     CredenceUnbaked  *out,
                     GError          **error)
{
  Walker w = { NULL, 0, 0, FALSE };
  Chunk chunk;
  g_autoptr(GError) local_error = NULL;
  g_auto(CredenceUnbaked) found = { NULL, NULL, NULL, NULL, -1, FALSE };

  if (!walker_init (&w, data, length, error))
    return FALSE;

  while (walker_next (&w, &chunk, &local_error))
    {
      const char *keyword = badge_keyword (&chunk);
      guint32 stored_crc;
      g_autoptr(GBytes) text = NULL;

      if (keyword == NULL)
        continue;

      stored_crc = read_be32 (chunk.data + chunk.length);
      if (credence_crc32 (0, chunk.type, 4 + (gsize)chunk.length) != stored_crc)
        return damaged (error, _("This badge image is damaged: the badge data at byte %lu fails its checksum. Download the badge again from the issuer."),
                        (gulong)chunk.offset);

      text = chunk_text (&chunk, keyword, error);
      if (text == NULL)
        return FALSE;

      if (found.payload != NULL)
        {
          if (g_bytes_equal (found.payload, text))
            continue;
          g_set_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE,
                       _("This badge image holds two different badges (at bytes %lu and %lu), so Credence cannot tell which is real. Ask the issuer for a new copy."),
                       (gulong)found.offset, (gulong)chunk.offset);
          return FALSE;
        }

      found.payload = g_steal_pointer (&text);
      found.chunk = g_strndup ((const char *)chunk.type, 4);
      found.name = g_strdup (keyword);
      found.offset = (gint64)chunk.offset;
      found.ob3 = strcmp (keyword, CREDENCE_PNG_KEYWORD_OB3) == 0;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (found.payload == NULL)
    {
      g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_A_BADGE,
                           _("This picture has no badge data inside. It may be a screenshot; ask the issuer for the badge file or its link."));
      return FALSE;
    }

  *out = found;
  memset (&found, 0, sizeof found);
  return TRUE;
}

static void
append_chunk (GByteArray   *out,
              const char   *type,
              const guint8 *data,
              gsize         length)
{
  guint32 crc;

  write_be32 (out, (guint32)length);
  g_byte_array_append (out, (const guint8 *)type, 4);
  g_byte_array_append (out, data, (guint)length);
  crc = credence_crc32 (0, (const guint8 *)type, 4);
  crc = credence_crc32 (crc, data, length);
  write_be32 (out, crc);
}

/**
 * credence_png_bake:
 * @data: (array length=length): a PNG file
 * @length: its size
 * @keyword: `openbadges` or `openbadgecredential`
 * @payload: (array length=payload_length): the badge payload, UTF-8
 * @payload_length: its length
 * @error: return location for a #CredenceBadgeError
 *
 * Puts @payload into an uncompressed `iTXt` chunk just before `IEND`,
 * dropping any badge chunk the PNG already had.  Every other chunk is copied
 * byte for byte.
 *
 * Returns: (transfer full): the new PNG
 */
GBytes *
credence_png_bake (const guint8  *data,
                   gsize          length,
                   const char    *keyword,
                   const guint8  *payload,
                   gsize          payload_length,
                   GError       **error)
{
  g_autoptr(GByteArray) out = NULL;
  g_autoptr(GByteArray) itxt = NULL;
  g_autoptr(GError) local_error = NULL;
  Walker w = { NULL, 0, 0, FALSE };
  Chunk chunk;

  g_return_val_if_fail (keyword != NULL, NULL);
  g_return_val_if_fail (payload != NULL || payload_length == 0, NULL);

  if (payload_length > CREDENCE_LIMIT_PAYLOAD_SIZE)
    {
      too_large (error);
      return NULL;
    }
  if (!walker_init (&w, data, length, error))
    return NULL;

  itxt = g_byte_array_sized_new ((guint)(strlen (keyword) + 5 + payload_length));
  g_byte_array_append (itxt, (const guint8 *)keyword, (guint)strlen (keyword));
  g_byte_array_append (itxt, (const guint8 *)"\0\0\0\0\0", 5);
  g_byte_array_append (itxt, payload, (guint)payload_length);

  out = g_byte_array_sized_new ((guint)(length + itxt->len + CHUNK_OVERHEAD));
  g_byte_array_append (out, png_signature, sizeof png_signature);

  while (walker_next (&w, &chunk, &local_error))
    {
      if (badge_keyword (&chunk) != NULL)
        continue;
      if (memcmp (chunk.type, "IEND", 4) == 0)
        append_chunk (out, "iTXt", itxt->data, itxt->len);
      g_byte_array_append (out, data + chunk.offset, chunk.length + CHUNK_OVERHEAD);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
