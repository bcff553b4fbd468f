/* credence-svg.c: Open Badges baked into SVG elements.
 *
 * GMarkup reads the XML: it knows no DTDs and expands no entities except
 * the five predefined ones, so nothing is ever fetched.  The badge is the
 * element `assertion` (OB 1.0–2.0, namespace http://openbadges.org) or
 * `credential` (OB 3.0, https://purl.imsglobal.org/ob/v3p0) under any
 * prefix; its `verify` attribute holds a URL, a JWS or a JWT, its body
 * (CDATA or not) JSON.  Everything else, `<script>` included, is skipped and
 * never kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-svg"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-limits.h"
#include "credence-sniff.h"
#include "credence-svg.h"

typedef struct
{
  char *prefix; /* "" for the default namespace */
  char *uri;
  int   depth;
} NsDecl;

static void
ns_decl_free (gpointer data)
{
  NsDecl *decl = data;

  g_free (decl->prefix);
  g_free (decl->uri);
  g_free (decl);
}

typedef struct
{
  GPtrArray *ns;           /* NsDecl, innermost last */
  int        depth;
  guint      ordinal;      /* start tags seen */
  gboolean   root_is_svg;
  gboolean   for_baking;   /* only find the elements */

  /* The badge element being read. */
  int        badge_depth;  /* 0 if outside */
  guint      badge_ordinal;
  char      *badge_name;
  char      *badge_verify;
  gboolean   badge_ob3;
  GString   *badge_text;

  /* Results */
  GArray    *badge_ordinals; /* guint, every badge element */
  CredenceUnbaked found;
  guint      found_ordinal;
} SvgParser;

static void
svg_parser_clear (SvgParser *self)
{
  g_clear_pointer (&self->ns, g_ptr_array_unref);
  g_clear_pointer (&self->badge_name, g_free);
  g_clear_pointer (&self->badge_verify, g_free);
  if (self->badge_text != NULL)
    g_string_free (self->badge_text, TRUE);
  self->badge_text = NULL;
  g_clear_pointer (&self->badge_ordinals, g_array_unref);
  _credence_unbaked_clear (&self->found);
}

static const char *
lookup_ns (SvgParser  *self,
           const char *prefix,
           gsize       prefix_length)
{
  for (guint i = self->ns->len; i > 0; i--)
    {
      NsDecl *decl = g_ptr_array_index (self->ns, i - 1);

      if (strlen (decl->prefix) == prefix_length && strncmp (decl->prefix, prefix, prefix_length) == 0)
        return decl->uri;
    }
  return NULL;
}

static gboolean
is_badge_element (SvgParser  *self,
                  const char *qname,
                  gboolean   *out_ob3)
{
  const char *colon = strchr (qname, ':');
  const char *local = colon != NULL ? colon + 1 : qname;
  gsize prefix_length = colon != NULL ? (gsize)(colon - qname) : 0;
  const char *uri = lookup_ns (self, qname, prefix_length);

  if (strcmp (local, "assertion") != 0 && strcmp (local, "credential") != 0)
    return FALSE;

  if (uri == NULL)
    {
      /* Files that forgot the xmlns: accept the conventional prefix. */
      if (prefix_length != strlen ("openbadges") || strncmp (qname, "openbadges", prefix_length) != 0)
        return FALSE;
      *out_ob3 = strcmp (local, "credential") == 0;
      return TRUE;
    }
  if (strcmp (uri, CREDENCE_SVG_NS_OB3) == 0)
    *out_ob3 = TRUE;
  else if (strcmp (uri, CREDENCE_SVG_NS_OB2) == 0 || strcmp (uri, "https://openbadges.org") == 0)
    *out_ob3 = strcmp (local, "credential") == 0;
  else
    return FALSE;
  return TRUE;
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  SvgParser *self = user_data;
  gboolean ob3 = FALSE;
  guint ordinal = self->ordinal++;

  self->depth++;
  if (self->depth > CREDENCE_LIMIT_SVG_DEPTH)
    {
      g_set_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_TOO_LARGE,
                   _("This picture nests more than %d levels deep, more than any badge needs; Credence does not read it."),
                   CREDENCE_LIMIT_SVG_DEPTH);
      return;
    }

  /* GMarkup lets repeated attributes through; XML does not (and two
   * verify= would be ambiguous). */
  for (guint i = 0; attribute_names[i] != NULL; i++)
    for (guint j = 0; j < i; j++)
      if (strcmp (attribute_names[i], attribute_names[j]) == 0)
        {
          g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE,
                               _("This badge image is damaged: an element repeats an attribute. Download the badge again from the issuer."));
          return;
        }

  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      const char *name = attribute_names[i];

      if (strcmp (name, "xmlns") == 0 || g_str_has_prefix (name, "xmlns:"))
        {
          NsDecl *decl = g_new0 (NsDecl, 1);

          decl->prefix = g_strdup (name[5] == ':' ? name + 6 : "");
          decl->uri = g_strdup (attribute_values[i]);
          decl->depth = self->depth;
          g_ptr_array_add (self->ns, decl);
        }
    }

  if (ordinal == 0)
    {
      const char *colon = strchr (element_name, ':');

      self->root_is_svg = strcmp (colon != NULL ? colon + 1 : element_name, "svg") == 0;
    }

  if (self->badge_depth > 0 || !is_badge_element (self, element_name, &ob3))
    return;

  self->badge_depth = self->depth;
  self->badge_ordinal = ordinal;
  self->badge_ob3 = ob3;
  g_free (self->badge_name);
  self->badge_name = g_strdup (element_name);
  g_free (self->badge_verify);
  self->badge_verify = NULL;
  for (guint i = 0; attribute_names[i] != NULL; i++)
    if (strcmp (attribute_names[i], "verify") == 0)
      self->badge_verify = g_strdup (attribute_values[i]);
  g_string_truncate (self->badge_text, 0);
  g_array_append_val (self->badge_ordinals, ordinal);
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  SvgParser *self = user_data;

  if (self->badge_depth == 0)
    return;
  if (self->badge_text->len + text_len > CREDENCE_LIMIT_PAYLOAD_SIZE)
    {
      g_set_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_TOO_LARGE,
                   _("The badge data in this image is larger than %d MiB, more than any badge needs; Credence does not read it."),
                   CREDENCE_LIMIT_PAYLOAD_SIZE / (1024 * 1024));
      return;
    }
  g_string_append_len (self->badge_text, text, (gssize)text_len);
}

static gboolean
is_blank (const char *s,
          gsize       length)
{
  credence_sniff_trim (&s, &length);
  return length == 0;
}

/* Chooses the payload of the badge element that just closed. */
static void
finish_badge (SvgParser  *self,
              GError    **error)
{
  g_autoptr(GBytes) payload = NULL;
  const char *part;
  const char *verify = self->badge_verify;
  gsize verify_length = verify != NULL ? strlen (verify) : 0;
  const char *trimmed = verify;
  gsize trimmed_length = verify_length;

  if (verify != NULL)
    credence_sniff_trim (&trimmed, &trimmed_length);

  /* A signature in verify wins over a copy of its payload in the body. */
  if (verify != NULL && credence_sniff_is_jws (trimmed, trimmed_length))
    part = "verify";
  else if (!is_blank (self->badge_text->str, self->badge_text->len))
    part = "body";
  else if (verify != NULL && trimmed_length > 0)
    part = "verify";
  else
    {
      g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_INVALID_DATA,
                           _("This badge image has an empty badge inside. Download the badge again from the issuer."));
      return;
    }

  if (strcmp (part, "verify") == 0)
    payload = g_bytes_new (verify, verify_length);
  else
    payload = g_bytes_new (self->badge_text->str, self->badge_text->len);

  if (self->found.payload != NULL)
    {
      if (!g_bytes_equal (self->found.payload, payload))
        g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE,
                             _("This badge image holds two different badges, so Credence cannot tell which is real. Ask the issuer for a new copy."));
      return;
    }

  self->found.payload = g_steal_pointer (&payload);
  self->found.name = g_strdup (self->badge_name);
  self->found.part = g_strdup (part);
  self->found.ob3 = self->badge_ob3;
  self->found_ordinal = self->badge_ordinal;
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element_name,
                gpointer              user_data,
                GError              **error)
{
  SvgParser *self = user_data;

  if (self->badge_depth == self->depth)
    {
      self->badge_depth = 0;
      if (!self->for_baking)
        finish_badge (self, error);
    }

  while (self->ns->len > 0 &&
         ((NsDecl *)g_ptr_array_index (self->ns, self->ns->len - 1))->depth >= self->depth)
    g_ptr_array_remove_index (self->ns, self->ns->len - 1);
  self->depth--;
}

static const GMarkupParser markup_parser = {
  start_element_cb,
  end_element_cb,
  text_cb,
  NULL,
  NULL,
};

static gboolean
svg_parse (SvgParser     *self,
           const guint8  *data,
           gsize          length,
           gboolean       for_baking,
           GError       **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;

  memset (self, 0, sizeof *self);
  self->ns = g_ptr_array_new_with_free_func (ns_decl_free);
  self->badge_text = g_string_new (NULL);
  self->badge_ordinals = g_array_new (FALSE, FALSE, sizeof (guint));
  self->found.offset = -1;
  self->for_baking = for_baking;

  /* GMarkup does not skip a UTF-8 byte order mark. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  context = g_markup_parse_context_new (&markup_parser, G_MARKUP_TREAT_CDATA_AS_TEXT, self, NULL);
  if (!g_markup_parse_context_parse (context, (const char *)data, (gssize)length, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      int line = 0;

      if (local_error->domain == CREDENCE_BADGE_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_markup_parse_context_get_position (context, &line, NULL);
      /* Not the message: GMarkup quotes the document, which may name the
       * recipient.
       */
      g_debug ("SVG parse error %d near line %d", local_error->code, line);
      g_set_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE,
                   _("This badge image is damaged: its SVG text is broken near line %d. Download the badge again from the issuer."),
                   line);
      return FALSE;
    }

  if (!self->root_is_svg)
    {
      g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_A_BADGE,
                           _("This file is not a badge: it is XML, but not an SVG picture. Use the original badge file or its link."));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gsize start;          /* the '<' of the start tag */
  gsize start_tag_end;  /* just after its '>' */
  gsize end;            /* just after the end tag's '>' */
} Range;

static gboolean
has_at (const char *d,
        gsize       n,
        gsize       i,
        const char *s)
{
  gsize len = strlen (s);

  return n - i >= len && memcmp (d + i, s, len) == 0;
}

/* Returns the offset just after @marker at or after @i, or @n. */
static gsize
skip_past (const char *d,
           gsize       n,
           gsize       i,
           const char *marker)
{
  gsize len = strlen (marker);

  for (; i + len <= n; i++)
    if (memcmp (d + i, marker, len) == 0)
      return i + len;
  return n;
}

/* Returns the offset of the '>' that ends the tag whose content starts at
 * @j, skipping quoted values and, for a DOCTYPE, its internal subset. */
static gsize
find_tag_end (const char *d,
              gsize       n,
              gsize       j,
              gboolean    internal_subset)
{
  int brackets = 0;
  char quote = 0;

  for (; j < n; j++)
    {
      char c = d[j];

      if (quote != 0)
        {
          if (c == quote)
            quote = 0;
        }
      else if (c == '"' || c == '\'')
        quote = c;
      else if (internal_subset && c == '[')
        brackets++;
      else if (internal_subset && c == ']')
        brackets--;
      else if (c == '>' && brackets <= 0)
        break;
    }
  return j;
}

/*
 * Finds where start tag number @ordinal (0 = root) and its element lie.
 * GMarkup has already checked that the document is well-formed, so a
 * lexical walk over tags, comments, CDATA, processing instructions and the
 * DOCTYPE finds the same elements in the same order.
 */
static gboolean
find_element (const char *d,
              gsize       n,
              guint       ordinal,
              Range      *range)
{
  gsize i = 0;
  guint count = 0;
  int depth = 0;
  int target_depth = -1;

  while (i < n)
    {
      const char *lt = memchr (d + i, '<', n - i);
      gsize j;

      if (lt == NULL)
        break;
      i = (gsize)(lt - d);

      if (has_at (d, n, i, "<!--"))
        {
          i = skip_past (d, n, i + 4, "-->");
          continue;
        }
      if (has_at (d, n, i, "<![CDATA["))
        {
          i = skip_past (d, n, i + 9, "]]>");
          continue;
        }
      if (has_at (d, n, i, "<?"))
        {
          i = skip_past (d, n, i + 2, "?>");
          continue;
        }
      if (has_at (d, n, i, "<!"))
        {
          i = find_tag_end (d, n, i + 2, TRUE) + 1;
          continue;
        }
      if (has_at (d, n, i, "</"))
        {
          i = skip_past (d, n, i + 2, ">");
          depth--;
          if (target_depth >= 0 && depth == target_depth)
            {
              range->end = i;
              return TRUE;
            }
          continue;
        }

      j = find_tag_end (d, n, i + 1, FALSE);
      if (j >= n)
        return FALSE;

      if (count == ordinal)
        {
          range->start = i;
          range->start_tag_end = j + 1;
          if (d[j - 1] == '/')
            {
              range->end = j + 1;
              return TRUE;
            }
          target_depth = depth;
        }
      count++;
      if (d[j - 1] != '/')
        depth++;
      i = j + 1;
    }

  return FALSE;
}

/**
 * credence_svg_unbake:
 * @data: (array length=length): the SVG file
 * @length: its size
 * @out: (out caller-allocates): where the badge was and its payload
 * @error: return location for a #CredenceBadgeError
 *
 * Finds the badge element of an SVG.  When `verify` holds a JWS it is the
 * payload (a signature wins over a copy of what it signs); otherwise a
 * non-blank body, otherwise `verify` (a URL).
 *
 * Returns: %TRUE if a badge element was found
 */
gboolean
credence_svg_unbake (const guint8     *data,
                     gsize             length,
                     CredenceUnbaked  *out,
                     GError          **error)
{
  SvgParser parser;
  Range range;
  gboolean ok = FALSE;

  if (!svg_parse (&parser, data, length, FALSE, error))
    goto out;

  if (parser.found.payload == NULL)
    {
      g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_A_BADGE,
                           _("This picture has no badge data inside. It may be a screenshot; ask the issuer for the badge file or its link."));
      goto out;
    }

  if (find_element ((const char *)data, length, parser.found_ordinal, &range))
    parser.found.offset = (gint64)range.start;

  *out = parser.found;
  memset (&parser.found, 0, sizeof parser.found);
  ok = TRUE;

out:
  svg_parser_clear (&parser);
  return ok;
}

static void
append_cdata (GString    *out,
              const char *text,
              gsize       length)
{
  const char *end = text + length;

  g_string_append (out, "<![CDATA[");
  while (text < end)
    {
      const char *p = g_strstr_len (text, end - text, "]]>");

      if (p == NULL)
        {
          g_string_append_len (out, text, end - text);
          break;
        }
      /* Split "]]>" across two sections. */
      g_string_append_len (out, text, p - text + 2);
      g_string_append (out, "]]><![CDATA[");
      text = p + 2;
    }
  g_string_append (out, "]]>");
}

/**
 * credence_svg_bake:
 * @data: (array length=length): an SVG file
 * @length: its size
 * @ob3: bake an OB 3.0 `credential` rather than an OB 2.0 `assertion`
 * @verify: (nullable): the `verify` attribute (URL, JWS or JWT)
 * @body: (nullable) (array length=body_length): JSON for the body
 * @body_length: its length
 * @error: return location for a #CredenceBadgeError
 *
 * Puts the badge element, with its own namespace declaration, right after
 * the `<svg>` start tag, dropping any badge element already there.  The rest
 * of the file is copied byte for byte.
 *
 * Returns: (transfer full): the new SVG
 */
GBytes *
credence_svg_bake (const guint8  *data,
                   gsize          length,
                   gboolean       ob3,
                   const char    *verify,
                   const char    *body,
                   gsize          body_length,
                   GError       **error)
{
  SvgParser parser;
  Range root;
  GString *out = NULL;
  const char *d = (const char *)data;
  gsize pos;
  const char *element = ob3 ? "openbadges:credential" : "openbadges:assertion";

  g_return_val_if_fail (verify != NULL || body != NULL, NULL);

  if (body_length > CREDENCE_LIMIT_PAYLOAD_SIZE)
    {
      g_set_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_TOO_LARGE,
                   _("The badge data is larger than %d MiB, more than any badge needs; Credence does not bake it."),
                   CREDENCE_LIMIT_PAYLOAD_SIZE / (1024 * 1024));
      return NULL;
    }

  /* Old badge elements may be empty or differ: only the XML must be sound. */
  if (!svg_parse (&parser, data, length, TRUE, error))
    {
      svg_parser_clear (&parser);
      return NULL;
    }

  if (!find_element (d, length, 0, &root) || root.start_tag_end == root.end)
    {
      svg_parser_clear (&parser);
      g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_SUPPORTED,
                           _("This picture is empty, so Credence cannot put a badge into it."));
      return NULL;
    }

  out = g_string_sized_new (length + body_length + 256);
  g_string_append_len (out, d, (gssize)root.start_tag_end);
  g_string_append_printf (out, "<%s xmlns:openbadges=\"%s\"", element,
                          ob3 ? CREDENCE_SVG_NS_OB3 : CREDENCE_SVG_NS_OB2);
  if (verify != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (verify, -1);

      g_string_append_printf (out, " verify=\"%s\"", escaped);
    }
  g_string_append_c (out, '>');
  if (body != NULL)
    append_cdata (out, body, body_length);
  g_string_append_printf (out, "</%s>", element);

  pos = root.start_tag_end;
  for (guint i = 0; i < parser.badge_ordinals->len; i++)
    {
      Range old;

      if (!find_element (d, length, g_array_index (parser.badge_ordinals, guint, i), &old) ||
          old.start < pos)
        continue;
      g_string_append_len (out, d + pos, (gssize)(old.start - pos));
      pos = old.end;
    }
  g_string_append_len (out, d + pos, (gssize)(length - pos));

  svg_parser_clear (&parser);
  return g_string_free_to_bytes (out);
}
