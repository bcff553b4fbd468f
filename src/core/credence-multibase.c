/* credence-multibase.c: base58btc, base64url, multibase and multicodec.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-multibase"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-limits.h"
#include "credence-multibase.h"

G_DEFINE_QUARK (credence-multibase-error-quark, credence_multibase_error)

static const char base58_alphabet[] =
  "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

static int
base58_value (char c)
{
  const char *p;

  if (c == '\0')
    return -1;
  p = strchr (base58_alphabet, c);
  return p != NULL ? (int) (p - base58_alphabet) : -1;
}

/**
 * credence_base58btc_decode:
 * @text: base58btc text (Bitcoin alphabet), without a multibase prefix
 * @length: length of @text, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Decodes @text.  Each leading `1` stands for one zero byte.
 *
 * Returns: (transfer full): the bytes, or %NULL with @error set
 */
GBytes *
credence_base58btc_decode (const char  *text,
                           gssize       length,
                           GError     **error)
{
  gsize len = length < 0 ? strlen (text) : (gsize) length;
  gsize zeros = 0;
  gsize size;
  g_autofree guint8 *buf = NULL;
  gsize used = 0;
  gsize start;
  GByteArray *out;

  if (len > CREDENCE_LIMIT_BASE58_LENGTH)
    {
      g_set_error (error, CREDENCE_MULTIBASE_ERROR, CREDENCE_MULTIBASE_ERROR_TOO_LARGE,
                   _("A base58 value is %" G_GSIZE_FORMAT " characters long, more than the limit of %d"),
                   len, CREDENCE_LIMIT_BASE58_LENGTH);
      return NULL;
    }

  while (zeros < len && text[zeros] == '1')
    zeros++;

  /* log(58)/log(256) < 0.733 */
  size = (len - zeros) * 733 / 1000 + 1;
  buf = g_malloc0 (size);

  for (gsize i = zeros; i < len; i++)
    {
      int carry = base58_value (text[i]);
      gsize j;

      if (carry < 0)
        {
          g_set_error (error, CREDENCE_MULTIBASE_ERROR, CREDENCE_MULTIBASE_ERROR_INVALID,
                       _("A base58 value holds a character outside the base58 alphabet"));
          return NULL;
        }

      for (j = 0; j < used || carry != 0; j++)
        {
          g_assert (j < size);
          carry += 58 * buf[size - 1 - j];
          buf[size - 1 - j] = carry & 0xff;
          carry >>= 8;
        }
      used = j;
    }

  start = size - used;
  out = g_byte_array_sized_new (zeros + used);
  for (gsize i = 0; i < zeros; i++)
    g_byte_array_append (out, (const guint8 *) "\0", 1);
  g_byte_array_append (out, buf + start, used);

  return g_byte_array_free_to_bytes (out);
}

/**
 * credence_base58btc_encode:
 * @data: bytes
 * @length: length of @data
 *
 * Returns: (transfer full): the base58btc text of @data, without a prefix
 */
char *
credence_base58btc_encode (const guint8 *data,
                           gsize         length)
{
  gsize zeros = 0;
  gsize size;
  g_autofree guint8 *digits = NULL;
  gsize used = 0;
  GString *out;

  while (zeros < length && data[zeros] == 0)
    zeros++;

  /* log(256)/log(58) < 1.366 */
  size = (length - zeros) * 1366 / 1000 + 1;
  digits = g_malloc0 (size);

  for (gsize i = zeros; i < length; i++)
    {
      guint carry = data[i];
      gsize j;

      for (j = 0; j < used || carry != 0; j++)
        {
          g_assert (j < size);
          carry += 256 * digits[size - 1 - j];
          digits[size - 1 - j] = carry % 58;
          carry /= 58;
        }
      used = j;
    }

  out = g_string_sized_new (zeros + used + 1);
  for (gsize i = 0; i < zeros; i++)
    g_string_append_c (out, '1');
  for (gsize i = size - used; i < size; i++)
    g_string_append_c (out, base58_alphabet[digits[i]]);

  return g_string_free (out, FALSE);
}

static int
base64_value (char c,
              gboolean url)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (url ? c == '-' : c == '+')
    return 62;
  if (url ? c == '_' : c == '/')
    return 63;
  return -1;
}

static GBytes *
base64_decode (const char  *text,
               gsize        len,
               gboolean     url,
               GError     **error)
{
  GByteArray *out;
  guint32 acc = 0;
  int bits = 0;
  gsize pad = 0;

  if (len > CREDENCE_LIMIT_BASE64_LENGTH)
    {
      g_set_error (error, CREDENCE_MULTIBASE_ERROR, CREDENCE_MULTIBASE_ERROR_TOO_LARGE,
                   _("A base64 value is %" G_GSIZE_FORMAT " characters long, more than the limit of %d"),
                   len, CREDENCE_LIMIT_BASE64_LENGTH);
      return NULL;
    }

  /* Padding is optional; when present it must be complete. */
  while (pad < len && pad < 2 && text[len - 1 - pad] == '=')
    pad++;
  if (pad > 0 && len % 4 != 0)
    goto invalid;
  len -= pad;
  if (len % 4 == 1)
    goto invalid;

  out = g_byte_array_sized_new (len * 3 / 4 + 1);
  for (gsize i = 0; i < len; i++)
    {
      int v = base64_value (text[i], url);

      if (v < 0)
        {
          g_byte_array_unref (out);
          goto invalid;
        }
      acc = (acc << 6) | (guint32) v;
      bits += 6;
      if (bits >= 8)
        {
          guint8 b;

          bits -= 8;
          b = (acc >> bits) & 0xff;
          g_byte_array_append (out, &b, 1);
        }
    }

  /* Leftover bits must be zero (canonical encoding). */
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0)
    {
      g_byte_array_unref (out);
      goto invalid;
    }

  return g_byte_array_free_to_bytes (out);

invalid:
  g_set_error (error, CREDENCE_MULTIBASE_ERROR, CREDENCE_MULTIBASE_ERROR_INVALID,
               _("A base64 value is malformed"));
  return NULL;
}

/**
 * credence_base64url_decode:
 * @text: base64url text (RFC 4648 §5), padded or not
 * @length: length of @text, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the bytes, or %NULL with @error set
 */
GBytes *
credence_base64url_decode (const char  *text,
                           gssize       length,
                           GError     **error)
{
  return base64_decode (text, length < 0 ? strlen (text) : (gsize) length, TRUE, error);
}

/**
 * credence_base64url_encode:
 * @data: bytes
 * @length: length of @data
 *
 * Returns: (transfer full): base64url text without padding
 */
char *
credence_base64url_encode (const guint8 *data,
                           gsize         length)
{
  char *text = g_base64_encode (data, length);
  gsize n = strlen (text);

  while (n > 0 && text[n - 1] == '=')
    text[--n] = '\0';
  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
    }
  return text;
}

/**
 * credence_multibase_decode:
 * @text: multibase text: `z` (base58btc), `u` (base64url) or `m` (base64)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the bytes, or %NULL with @error set
 */
GBytes *
credence_multibase_decode (const char  *text,
                           GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);

  switch (text[0])
    {
    case 'z':
      return credence_base58btc_decode (text + 1, -1, error);
    case 'u':
      return base64_decode (text + 1, strlen (text + 1), TRUE, error);
    case 'm':
      return base64_decode (text + 1, strlen (text + 1), FALSE, error);
    case '\0':
      g_set_error (error, CREDENCE_MULTIBASE_ERROR, CREDENCE_MULTIBASE_ERROR_INVALID,
                   _("A multibase value is empty"));
      return NULL;
    default:
      g_set_error (error, CREDENCE_MULTIBASE_ERROR, CREDENCE_MULTIBASE_ERROR_UNSUPPORTED,
                   _("The multibase encoding “%c” is not supported"), text[0]);
      return NULL;
    }
}

/**
 * credence_multicodec_split:
 * @bytes: multicodec-prefixed bytes
 * @out_code: (out): the multicodec code
 * @out_rest: (out) (transfer full): the bytes after the code
 * @error: return location for a #GError
 *
 * Reads the unsigned-varint multicodec code at the start of @bytes.
 */
gboolean
credence_multicodec_split (GBytes   *bytes,
                           guint64  *out_code,
                           GBytes  **out_rest,
                           GError  **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  guint64 code = 0;
  gsize i;

  /* Multicodec varints are at most 9 bytes; codes we read fit in 2. */
  for (i = 0; i < len && i < 9; i++)
    {
      code |= (guint64) (data[i] & 0x7f) << (7 * i);
      if ((data[i] & 0x80) == 0)
        break;
    }

  if (i >= len || i >= 9 || (i > 0 && data[i] == 0))
    {
      g_set_error (error, CREDENCE_MULTIBASE_ERROR, CREDENCE_MULTIBASE_ERROR_INVALID,
                   _("A multicodec prefix is truncated or not minimal"));
      return FALSE;
    }

  *out_code = code;
  *out_rest = g_bytes_new_from_bytes (bytes, i + 1, len - i - 1);
  return TRUE;
}
