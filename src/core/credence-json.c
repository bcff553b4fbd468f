/* credence-json.c: strict, bounded JSON parsing of untrusted bytes.
 *
 * json-glib accepts comments and has no depth limit, so every document first
 * goes through a small RFC 8259 scanner that enforces the grammar, the
 * nesting depth, the number of values and the size.  Only then does
 * json-glib build the tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-json"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "credence-json.h"
#include "credence-limits.h"

G_DEFINE_QUARK (credence-json-error-quark, credence_json_error)

typedef struct
{
  const guchar *p;
  const guchar *end;
  const guchar *start;
  gsize         values;
} Scanner;

static gsize
scanner_offset (const Scanner *s)
{
  return (gsize)(s->p - s->start);
}

static gboolean
fail_invalid (const Scanner  *s,
              const char     *what,
              GError        **error)
{
  g_set_error (error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_INVALID,
               /* Translators: %s says what is wrong, %lu is a byte offset. */
               _("The badge data is damaged: %s at byte %lu. Ask the issuer for a new copy."),
               what, (gulong)scanner_offset (s));
  return FALSE;
}

static void
skip_ws (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads 4 hex digits after "\u"; s->p points at the first digit. */
static gboolean
scan_hex4 (Scanner  *s,
           guint    *out)
{
  guint v = 0;

  if (s->end - s->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (s->p[i]);

      if (h < 0)
        return FALSE;
      v = (v << 4) | (guint)h;
    }
  s->p += 4;
  *out = v;
  return TRUE;
}

static gboolean
scan_string (Scanner  *s,
             GError  **error)
{
  /* s->p is at the opening quote. */
  s->p++;
  while (s->p < s->end)
    {
      guchar c = *s->p;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return fail_invalid (s, _("a control character inside a string"), error);
      if (c != '\\')
        {
          s->p++;
          continue;
        }

      s->p++;
      if (s->p >= s->end)
        break;
      c = *s->p++;
      if (c == 'u')
        {
          guint cp;

          if (!scan_hex4 (s, &cp))
            return fail_invalid (s, _("a broken \\u escape"), error);
          if (cp == 0)
            return fail_invalid (s, _("a NUL character"), error);
          if (cp >= 0xDC00 && cp <= 0xDFFF)
            return fail_invalid (s, _("a lone UTF-16 surrogate"), error);
          if (cp >= 0xD800 && cp <= 0xDBFF)
            {
              guint lo;

              if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
                return fail_invalid (s, _("a lone UTF-16 surrogate"), error);
              s->p += 2;
              if (!scan_hex4 (s, &lo))
                return fail_invalid (s, _("a broken \\u escape"), error);
              if (lo < 0xDC00 || lo > 0xDFFF)
                return fail_invalid (s, _("a lone UTF-16 surrogate"), error);
            }
        }
      else if (strchr ("\"\\/bfnrt", c) == NULL || c == '\0')
        {
          s->p--;
          return fail_invalid (s, _("an unknown escape sequence"), error);
        }
    }

  return fail_invalid (s, _("an unterminated string"), error);
}

static gboolean
scan_digits (Scanner *s)
{
  const guchar *begin = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > begin;
}

/* json-glib reads an integer outside 64 bits as a wrapped value (99999999999999999999
 * becomes -1) and a number too large for a double as infinity, which no
 * JSON text means: such numbers are refused, with their text.
 */
static gboolean
fail_out_of_range (const Scanner  *s,
                   const guchar   *begin,
                   GError        **error)
{
  gsize len = (gsize)(s->p - begin);
  g_autofree char *shown = g_strndup ((const char *) begin, MIN (len, 24));

  g_set_error (error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_OUT_OF_RANGE,
               /* Translators: %s%s is the number (cut short), %lu a byte offset. */
               _("The badge data holds a number Credence cannot read exactly (%s%s at byte %lu): "
                 "whole numbers must fit in 64 bits and no number may be infinite. "
                 "Ask the issuer for a new copy."),
               shown, len > 24 ? "…" : "", (gulong)(begin - s->start));
  return FALSE;
}

static gboolean
number_in_range (const guchar *begin,
                 const guchar *end,
                 gsize         int_digits,
                 gboolean      integer)
{
  gsize len = (gsize)(end - begin);
  char stack[64];
  g_autofree char *heap = NULL;
  char *text;

  /* 18 digits always fit in 64 bits; without an exponent, a number needs
   * more than 308 digits before the point to overflow a double.
   */
  if (integer ? int_digits <= 18 : (int_digits <= 308 && memchr (begin, 'e', len) == NULL
                                    && memchr (begin, 'E', len) == NULL))
    return TRUE;
  if (integer && int_digits > 20)
    return FALSE;

  if (len < sizeof stack)
    {
      memcpy (stack, begin, len);
      stack[len] = '\0';
      text = stack;
    }
  else
    text = heap = g_strndup ((const char *) begin, len);

  if (integer)
    return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, NULL, NULL);
  return isfinite (g_ascii_strtod (text, NULL));
}

static gboolean
scan_number (Scanner  *s,
             GError  **error)
{
  const guchar *begin = s->p;
  const guchar *digits;
  gboolean integer = TRUE;
  gsize int_digits;

  if (*s->p == '-')
    s->p++;
  if (s->p >= s->end)
    return fail_invalid (s, _("a broken number"), error);
  digits = s->p;
  if (*s->p == '0')
    {
      s->p++;
      if (s->p < s->end && g_ascii_isdigit (*s->p))
        return fail_invalid (s, _("a number with a leading zero"), error);
    }
  else if (!scan_digits (s))
    return fail_invalid (s, _("a broken number"), error);
  int_digits = (gsize)(s->p - digits);

  if (s->p < s->end && *s->p == '.')
    {
      s->p++;
      integer = FALSE;
      if (!scan_digits (s))
        return fail_invalid (s, _("a broken number"), error);
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      integer = FALSE;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!scan_digits (s))
        return fail_invalid (s, _("a broken number"), error);
    }
  if (!number_in_range (begin, s->p, int_digits, integer))
    return fail_out_of_range (s, begin, error);
  return TRUE;
}

static gboolean
scan_literal (Scanner    *s,
              const char *word,
              GError    **error)
{
  gsize len = strlen (word);

  if ((gsize)(s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return fail_invalid (s, _("an unexpected character"), error);
  s->p += len;
  return TRUE;
}

static gboolean
count_value (Scanner  *s,
             GError  **error)
{
  if (++s->values > CREDENCE_LIMIT_JSON_MEMBERS)
    {
      g_set_error (error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_TOO_MANY,
                   _("The badge data holds more than %d values, more than any badge needs; Credence does not read it."),
                   CREDENCE_LIMIT_JSON_MEMBERS);
      return FALSE;
    }
  return TRUE;
}

typedef enum
{
  WANT_VALUE,
  WANT_KEY,
  AFTER_VALUE,
} ScanState;

/**
 * credence_json_check:
 * @data: (array length=length): the bytes
 * @length: their number
 * @error: return location for a #CredenceJsonError
 *
 * Checks that @data is one strict JSON document within Credence's limits,
 * without building anything.  A leading UTF-8 byte order mark is allowed.
 *
 * Returns: %TRUE if json-glib may parse @data
 */
gboolean
credence_json_check (const char  *data,
                     gsize        length,
                     GError     **error)
{
  Scanner s;
  guchar stack[CREDENCE_LIMIT_JSON_DEPTH];
  gsize depth = 0;
  ScanState state = WANT_VALUE;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length > CREDENCE_LIMIT_JSON_SIZE)
    {
      g_set_error (error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_TOO_LARGE,
                   _("The badge data is larger than %d MiB, more than any badge needs; Credence does not read it."),
                   CREDENCE_LIMIT_JSON_SIZE / (1024 * 1024));
      return FALSE;
    }

  s.start = (const guchar *)data;
  s.p = s.start;
  s.end = s.start + length;
  s.values = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    s.p += 3;

  if (!g_utf8_validate_len ((const char *)s.p, (gsize)(s.end - s.p), NULL))
    {
      const char *bad = NULL;

      g_utf8_validate_len ((const char *)s.p, (gsize)(s.end - s.p), &bad);
      s.p = (const guchar *)bad;
      return fail_invalid (&s, _("text that is not UTF-8"), error);
    }

  skip_ws (&s);
  if (s.p >= s.end)
    return fail_invalid (&s, _("no data"), error);

  for (;;)
    {
      skip_ws (&s);
      if (state == WANT_VALUE)
        {
          if (s.p >= s.end)
            return fail_invalid (&s, _("an unexpected end"), error);
          if (!count_value (&s, error))
            return FALSE;

          switch (*s.p)
            {
            case '{':
            case '[':
              if (depth >= CREDENCE_LIMIT_JSON_DEPTH)
                {
                  g_set_error (error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_TOO_DEEP,
                               _("The badge data nests more than %d levels deep, more than any badge needs; Credence does not read it."),
                               CREDENCE_LIMIT_JSON_DEPTH);
                  return FALSE;
                }
              stack[depth++] = *s.p;
              s.p++;
              skip_ws (&s);
              if (s.p < s.end && *s.p == (stack[depth - 1] == '{' ? '}' : ']'))
                {
                  s.p++;
                  depth--;
                  state = AFTER_VALUE;
                }
              else
                state = stack[depth - 1] == '{' ? WANT_KEY : WANT_VALUE;
              continue;
            case '"':
              if (!scan_string (&s, error))
                return FALSE;
              break;
            case 't':
              if (!scan_literal (&s, "true", error))
                return FALSE;
              break;
            case 'f':
              if (!scan_literal (&s, "false", error))
                return FALSE;
              break;
            case 'n':
              if (!scan_literal (&s, "null", error))
                return FALSE;
              break;
            default:
              if (*s.p == '-' || g_ascii_isdigit (*s.p))
                {
                  if (!scan_number (&s, error))
                    return FALSE;
                  break;
                }
              return fail_invalid (&s, _("an unexpected character"), error);
            }
          state = AFTER_VALUE;
        }
      else if (state == WANT_KEY)
        {
          if (s.p >= s.end || *s.p != '"')
            return fail_invalid (&s, _("a member name that is not a string"), error);
          if (!scan_string (&s, error))
            return FALSE;
          skip_ws (&s);
          if (s.p >= s.end || *s.p != ':')
            return fail_invalid (&s, _("a missing colon"), error);
          s.p++;
          state = WANT_VALUE;
        }
      else /* AFTER_VALUE */
        {
          guchar close;

          if (depth == 0)
            break;
          if (s.p >= s.end)
            return fail_invalid (&s, _("an unexpected end"), error);

          close = stack[depth - 1] == '{' ? '}' : ']';
          if (*s.p == close)
            {
              s.p++;
              depth--;
              continue;
            }
          if (*s.p != ',')
            return fail_invalid (&s, _("a missing comma"), error);
          s.p++;
          skip_ws (&s);
          if (s.p < s.end && (*s.p == '}' || *s.p == ']'))
            return fail_invalid (&s, _("a trailing comma"), error);
          state = stack[depth - 1] == '{' ? WANT_KEY : WANT_VALUE;
        }
    }

  skip_ws (&s);
  if (s.p != s.end)
    return fail_invalid (&s, _("extra data after the end"), error);

  return TRUE;
}

/**
 * credence_json_parse:
 * @data: (array length=length): the bytes
 * @length: their number
 * @error: return location for a #CredenceJsonError
 *
 * Parses one strict JSON document within Credence's limits.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
credence_json_parse (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!credence_json_check (data, length, error))
    return NULL;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize)length, &local_error))
    {
      g_set_error (error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_INVALID,
                   _("The badge data is damaged: %s. Ask the issuer for a new copy."),
                   local_error->message);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/**
 * credence_json_parse_bytes:
 * @bytes: the document
 * @error: return location for a #CredenceJsonError
 *
 * Like credence_json_parse() for a #GBytes.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
credence_json_parse_bytes (GBytes  *bytes,
                           GError **error)
{
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return credence_json_parse (data != NULL ? data : "", length, error);
}

/**
 * credence_json_to_string:
 * @node: a node
 * @pretty: whether to indent
 *
 * Returns: (transfer full): @node serialised as JSON
 */
char *
credence_json_to_string (JsonNode *node,
                         gboolean  pretty)
{
  g_return_val_if_fail (node != NULL, NULL);

  return json_to_string (node, pretty);
}

JsonNode *
credence_json_object_get_node (JsonObject *object,
                               const char *member)
{
  if (object == NULL || member == NULL)
    return NULL;
  return json_object_get_member (object, member);
}

const char *
credence_json_object_get_string (JsonObject *object,
                                 const char *member)
{
  return credence_json_node_get_string (credence_json_object_get_node (object, member));
}

JsonObject *
credence_json_object_get_object (JsonObject *object,
                                 const char *member)
{
  return credence_json_node_get_object (credence_json_object_get_node (object, member));
}

JsonArray *
credence_json_object_get_array (JsonObject *object,
                                const char *member)
{
  return credence_json_node_get_array (credence_json_object_get_node (object, member));
}

/**
 * credence_json_object_get_boolean:
 * @object: (nullable): an object
 * @member: a member name
 * @out_value: (out) (optional): the value
 *
 * Returns: %TRUE if @member exists and is a boolean
 */
gboolean
credence_json_object_get_boolean (JsonObject *object,
                                  const char *member,
                                  gboolean   *out_value)
{
  JsonNode *node = credence_json_object_get_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  if (out_value != NULL)
    *out_value = json_node_get_boolean (node);
  return TRUE;
}

/**
 * credence_json_object_get_int:
 * @object: (nullable): an object
 * @member: a member name
 * @out_value: (out) (optional): the value
 *
 * Returns: %TRUE if @member exists and is an integer number
 */
gboolean
credence_json_object_get_int (JsonObject *object,
                              const char *member,
                              gint64     *out_value)
{
  JsonNode *node = credence_json_object_get_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  if (out_value != NULL)
    *out_value = json_node_get_int (node);
  return TRUE;
}

/* The range of GDateTime: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z. */
#define UNIX_TIME_MIN G_GINT64_CONSTANT (-62135596800)
#define UNIX_TIME_MAX G_GINT64_CONSTANT (253402300799)

/**
 * credence_json_node_dup_unix_time:
 * @node: (nullable): a node
 *
 * Reads a JWT NumericDate (RFC 7519: seconds since 1970, a whole number
 * or not).  A date before year 1 or after year 9999 is clamped to that
 * range, so that a far-future "not before" stays in the future and a
 * far-past "expires" stays in the past, instead of becoming no date.
 *
 * Returns: (transfer full) (nullable): the date, or %NULL if @node is not
 *   a number
 */
GDateTime *
credence_json_node_dup_unix_time (JsonNode *node)
{
  gint64 seconds;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    seconds = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      /* Compared as doubles first: a cast of an out-of-range double to
       * an integer is undefined.
       */
      if (!isfinite (value))
        return NULL;
      if (value <= (double) UNIX_TIME_MIN)
        seconds = UNIX_TIME_MIN;
      else if (value >= (double) UNIX_TIME_MAX)
        seconds = UNIX_TIME_MAX;
      else
        seconds = (gint64) floor (value);
    }
  else
    return NULL;

  return g_date_time_new_from_unix_utc (CLAMP (seconds, UNIX_TIME_MIN, UNIX_TIME_MAX));
}

/**
 * credence_json_node_get_string:
 * @node: (nullable): a node
 *
 * Returns: (nullable): the string @node holds, or %NULL if it holds
 *   something else
 */
const char *
credence_json_node_get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
credence_json_node_get_object (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

JsonArray *
credence_json_node_get_array (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

/**
 * credence_json_node_get_id:
 * @node: (nullable): a node
 *
 * Linked data puts either an IRI or an object with an `id` where a
 * reference is expected.  This returns the IRI in both cases.
 *
 * Returns: (nullable): the string, or the `id` of the object
 */
const char *
credence_json_node_get_id (JsonNode *node)
{
  const char *s = credence_json_node_get_string (node);

  if (s != NULL)
    return s;
  return credence_json_object_get_string (credence_json_node_get_object (node), "id");
}

/**
 * credence_json_node_has_string:
 * @node: (nullable): a node
 * @value: a string
 *
 * For members such as `type` and `@context` that hold one string or an
 * array of them.
 *
 * Returns: %TRUE if @node is @value or an array that contains @value
 */
gboolean
credence_json_node_has_string (JsonNode   *node,
                               const char *value)
{
  JsonArray *array;

  g_return_val_if_fail (value != NULL, FALSE);

  if (g_strcmp0 (credence_json_node_get_string (node), value) == 0)
    return TRUE;

  array = credence_json_node_get_array (node);
  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (credence_json_node_get_string (json_array_get_element (array, i)), value) == 0)
      return TRUE;
  return FALSE;
}
