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
lookup_ns (GPtrArray  *ns,
           const char *prefix,
           gsize       prefix_length)
{
  for (guint i = ns->len; i > 0; i--)
    {
      NsDecl *decl = g_ptr_array_index (ns, i - 1);

      if (strlen (decl->prefix) == prefix_length && strncmp (decl->prefix, prefix, prefix_length) == 0)
        return decl->uri;
    }
  return NULL;
}

static gboolean
is_badge_element (GPtrArray  *ns,
                  const char *qname,
                  gboolean   *out_ob3)
{
  const char *colon = strchr (qname, ':');
  const char *local = colon != NULL ? colon + 1 : qname;
  gsize prefix_length = colon != NULL ? (gsize)(colon - qname) : 0;
  const char *uri = lookup_ns (ns, qname, prefix_length);

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

static gboolean
repeats_attribute (const char **attribute_names)
{
  for (guint i = 0; attribute_names[i] != NULL; i++)
    for (guint j = 0; j < i; j++)
      if (strcmp (attribute_names[i], attribute_names[j]) == 0)
        return TRUE;
  return FALSE;
}

static gboolean
is_ns_decl (const char *attribute_name)
{
  return strcmp (attribute_name, "xmlns") == 0 || g_str_has_prefix (attribute_name, "xmlns:");
}

/* Remembers the namespaces an element at @depth declares. */
static void
push_ns_decls (GPtrArray   *ns,
               int          depth,
               const char **attribute_names,
               const char **attribute_values)
{
  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      const char *name = attribute_names[i];

      if (is_ns_decl (name))
        {
          NsDecl *decl = g_new0 (NsDecl, 1);

          decl->prefix = g_strdup (name[5] == ':' ? name + 6 : "");
          decl->uri = g_strdup (attribute_values[i]);
          decl->depth = depth;
          g_ptr_array_add (ns, decl);
        }
    }
}

/* Forgets the namespaces of the element at @depth that just closed. */
static void
pop_ns_decls (GPtrArray *ns,
              int        depth)
{
  while (ns->len > 0 && ((NsDecl *)g_ptr_array_index (ns, ns->len - 1))->depth >= depth)
    g_ptr_array_remove_index (ns, ns->len - 1);
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
  if (repeats_attribute (attribute_names))
    {
      g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE,
                           _("This badge image is damaged: an element repeats an attribute. Download the badge again from the issuer."));
      return;
    }

  push_ns_decls (self->ns, self->depth, attribute_names, attribute_values);

  if (ordinal == 0)
    {
      const char *colon = strchr (element_name, ':');

      self->root_is_svg = strcmp (colon != NULL ? colon + 1 : element_name, "svg") == 0;
    }

  if (self->badge_depth > 0 || !is_badge_element (self->ns, element_name, &ob3))
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

  pop_ns_decls (self->ns, self->depth);
  self->depth--;
}

static const GMarkupParser markup_parser = {
  start_element_cb,
  end_element_cb,
  text_cb,
  NULL,
  NULL,
};

/* GMarkup does not skip a UTF-8 byte order mark. */
static void
skip_byte_order_mark (const guint8 **data,
                      gsize         *length)
{
  if (*length >= 3 && memcmp (*data, "\xEF\xBB\xBF", 3) == 0)
    {
      *data += 3;
      *length -= 3;
    }
}

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

  skip_byte_order_mark (&data, &length);

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

/* Plain pictures
 *
 * A file offered for download on a web site is also a page of that site:
 * opened directly, an SVG runs its scripts in the site's origin.  So an
 * SVG is published only when it is a plain picture, decided by an
 * allow-list over what GMarkup reads (entities and character references
 * already decoded, so no spelling hides a name), not by searching text.
 * The rules also keep the file harmless if a host serves it as HTML:
 * comments hold no '<' or '>', CDATA appears only where the HTML parser
 * reads it as CDATA too.
 */

#define SVG_NS    "http://www.w3.org/2000/svg"
#define XHTML_NS  "http://www.w3.org/1999/xhtml"
#define MATHML_NS "http://www.w3.org/1998/Math/MathML"

/* Drawing, structure, gradients, filters and animation: nothing here
 * runs, embeds a document or loads a file by itself. */
static const char * const plain_elements[] = {
  "a", "animate", "animateMotion", "animateTransform", "circle", "clipPath", "defs", "desc", "ellipse",
  "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
  "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
  "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
  "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence", "filter", "g", "image", "line",
  "linearGradient", "marker", "mask", "metadata", "mpath", "path", "pattern", "polygon", "polyline",
  "radialGradient", "rect", "set", "stop", "style", "svg", "switch", "symbol", "text", "textPath", "title",
  "tspan", "use", "view",
};

/* Elements a browser gives no behaviour: editors' and badges' metadata. */
static const char * const inert_namespaces[] = {
  CREDENCE_SVG_NS_OB2,
  "https://openbadges.org",
  CREDENCE_SVG_NS_OB3,
  "http://www.inkscape.org/namespaces/inkscape",
  "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
  "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  "http://purl.org/dc/elements/1.1/",
  "http://purl.org/dc/terms/",
  "http://creativecommons.org/ns#",
  "http://web.resource.org/cc/",
  "http://ns.adobe.com/AdobeIllustrator/10.0/",
  "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
  "http://ns.adobe.com/Extensibility/1.0/",
  "http://ns.adobe.com/Graphs/1.0/",
  "http://ns.adobe.com/SaveForWeb/1.0/",
  "http://ns.adobe.com/Variables/1.0/",
  "http://www.bohemiancoding.com/sketch/ns",
  "http://www.serif.com/",
};

typedef enum
{
  KIND_PLAIN,
  KIND_STYLE,
  KIND_BADGE,
} ElementKind;

typedef struct
{
  GPtrArray          *ns;
  GArray             *kinds;  /* ElementKind of each open element */
  int                 depth;
  guint               ordinal;
  gboolean            root_is_svg;
  gboolean            seen_markup;
  GString            *style;  /* text of the open <style> */
  CredenceSvgContent  worst;
} SvgCheck;

static void
found (SvgCheck           *self,
       CredenceSvgContent  content,
       const char         *what)
{
  if (content == CREDENCE_SVG_CONTENT_PLAIN)
    return;
  /* Not the file's own text: it may name the recipient. */
  g_debug ("Not a plain picture: %s", what);
  self->worst = MAX (self->worst, content);
}

static gboolean
in_list (const char         *name,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* @text without ASCII white space and controls, in lower case: how a
 * browser reads a URL scheme ("java\tscript:" is "javascript:"). */
static char *
squeeze_lower (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar)*p > 0x20 && *p != 0x7f)
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static gboolean
is_runnable_url (const char *squeezed)
{
  return g_str_has_prefix (squeezed, "javascript:") || g_str_has_prefix (squeezed, "vbscript:");
}

/* A raster picture inside the file: data:image/png;base64,… */
static gboolean
is_raster_data_url (const char *squeezed)
{
  static const char * const prefixes[] = {
    "data:image/png;base64,", "data:image/jpeg;base64,", "data:image/jpg;base64,",
    "data:image/gif;base64,", "data:image/webp;base64,",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (squeezed, prefixes[i]))
      {
        for (const char *p = squeezed + strlen (prefixes[i]); *p != '\0'; p++)
          if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
            return FALSE;
        return TRUE;
      }
  return FALSE;
}

/* An href: only a part of this file ("#id"), or for <image> a raster
 * picture written into it. */
static CredenceSvgContent
check_href (const char *value,
            gboolean    raster_allowed)
{
  g_autofree char *squeezed = squeeze_lower (value);

  if (squeezed[0] == '#')
    return CREDENCE_SVG_CONTENT_PLAIN;
  if (is_runnable_url (squeezed))
    return CREDENCE_SVG_CONTENT_SCRIPT;
  if (raster_allowed && is_raster_data_url (squeezed))
    return CREDENCE_SVG_CONTENT_PLAIN;
  if (g_str_has_prefix (squeezed, "data:"))
    return CREDENCE_SVG_CONTENT_EMBEDDED;
  if (squeezed[0] == '\0')
    return CREDENCE_SVG_CONTENT_OTHER;
  return CREDENCE_SVG_CONTENT_EXTERNAL;
}

/* CSS (a style sheet, a style attribute or a presentation attribute such
 * as fill="url(#gradient)"): only references into this file. */
static CredenceSvgContent
check_css (const char *css)
{
  static const char * const runnable[] = { "javascript:", "vbscript:", "expression(", "-moz-binding", "behavior" };
  static const char * const loading[] = { "@import", "image(", "image-set(", "src(" };
  g_autofree char *lower = g_ascii_strdown (css, -1);
  const char *p;

  for (gsize i = 0; i < G_N_ELEMENTS (runnable); i++)
    if (strstr (lower, runnable[i]) != NULL)
      return CREDENCE_SVG_CONTENT_SCRIPT;
  /* Escapes can spell url( or @import without those letters. */
  if (strchr (lower, '\\') != NULL || strchr (lower, '<') != NULL)
    return CREDENCE_SVG_CONTENT_OTHER;
  for (gsize i = 0; i < G_N_ELEMENTS (loading); i++)
    if (strstr (lower, loading[i]) != NULL)
      return CREDENCE_SVG_CONTENT_EXTERNAL;

  for (p = strstr (lower, "url("); p != NULL; p = strstr (p + 4, "url("))
    {
      const char *q = p + 4;

      while (g_ascii_isspace (*q))
        q++;
      if (*q == '"' || *q == '\'')
        q++;
      while (g_ascii_isspace (*q))
        q++;
      if (*q != '#')
        return CREDENCE_SVG_CONTENT_EXTERNAL;
    }
  return CREDENCE_SVG_CONTENT_PLAIN;
}

static ElementKind
current_kind (SvgCheck *self)
{
  return self->kinds->len > 0 ? g_array_index (self->kinds, ElementKind, self->kinds->len - 1) : KIND_PLAIN;
}

static void
check_start_element_cb (GMarkupParseContext  *context,
                        const char           *element_name,
                        const char          **attribute_names,
                        const char          **attribute_values,
                        gpointer              user_data,
                        GError              **error)
{
  SvgCheck *self = user_data;
  const char *colon = strchr (element_name, ':');
  const char *local = colon != NULL ? colon + 1 : element_name;
  const char *uri;
  gboolean svg, animation, ob3 = FALSE;
  ElementKind kind = KIND_PLAIN;

  self->seen_markup = TRUE;
  self->depth++;
  if (self->depth > CREDENCE_LIMIT_SVG_DEPTH || repeats_attribute (attribute_names))
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "not read");
      return;
    }
  push_ns_decls (self->ns, self->depth, attribute_names, attribute_values);
  uri = lookup_ns (self->ns, element_name, colon != NULL ? (gsize)(colon - element_name) : 0);
  svg = g_strcmp0 (uri, SVG_NS) == 0;
  animation = svg && (strcmp (local, "animate") == 0 || strcmp (local, "set") == 0 ||
                      strcmp (local, "animateMotion") == 0 || strcmp (local, "animateTransform") == 0);

  if (self->ordinal++ == 0)
    self->root_is_svg = svg && strcmp (local, "svg") == 0;

  if (current_kind (self) == KIND_STYLE)
    found (self, CREDENCE_SVG_CONTENT_OTHER, "an element inside <style>");

  if (is_badge_element (self->ns, element_name, &ob3))
    kind = KIND_BADGE;
  else if (svg && strcmp (local, "style") == 0)
    {
      kind = KIND_STYLE;
      g_string_truncate (self->style, 0);
    }
  else if (svg || g_strcmp0 (uri, XHTML_NS) == 0 || g_strcmp0 (uri, MATHML_NS) == 0)
    {
      if (strcmp (local, "script") == 0 || strcmp (local, "handler") == 0 || strcmp (local, "listener") == 0)
        found (self, CREDENCE_SVG_CONTENT_SCRIPT, "a script element");
      else if (!svg || strcmp (local, "foreignObject") == 0)
        found (self, CREDENCE_SVG_CONTENT_EMBEDDED, "foreignObject, HTML or MathML");
      else if (!in_list (local, plain_elements, G_N_ELEMENTS (plain_elements)))
        found (self, CREDENCE_SVG_CONTENT_OTHER, "an SVG element not on the list");
    }
  else if (uri == NULL || !in_list (uri, inert_namespaces, G_N_ELEMENTS (inert_namespaces)))
    found (self, CREDENCE_SVG_CONTENT_OTHER, "an element in an unknown namespace");
  g_array_append_val (self->kinds, kind);

  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      const char *name = attribute_names[i];
      const char *value = attribute_values[i];
      const char *name_colon = strrchr (name, ':');
      const char *name_local = name_colon != NULL ? name_colon + 1 : name;

      if (is_ns_decl (name))
        continue;
      if (g_ascii_strncasecmp (name_local, "on", 2) == 0)
        found (self, CREDENCE_SVG_CONTENT_SCRIPT, "an event handler attribute");
      else if (strcmp (name_local, "href") == 0)
        found (self, check_href (value, svg && strcmp (local, "image") == 0), "an href");
      else if (strcmp (name_local, "base") == 0)
        found (self, CREDENCE_SVG_CONTENT_EXTERNAL, "xml:base");
      else if (animation && strcmp (name, "attributeName") == 0)
        {
          g_autofree char *target = squeeze_lower (value);
          const char *target_colon = strrchr (target, ':');
          const char *target_local = target_colon != NULL ? target_colon + 1 : target;

          if (strcmp (target_local, "href") == 0 || g_str_has_prefix (target_local, "on") ||
              strcmp (target_local, "base") == 0)
            found (self, CREDENCE_SVG_CONTENT_SCRIPT, "an animation of a link or handler");
        }
      else if (svg || strcmp (name, "style") == 0)
        found (self, check_css (value), "CSS in an attribute");
    }
}

static void
check_end_element_cb (GMarkupParseContext  *context,
                      const char           *element_name,
                      gpointer              user_data,
                      GError              **error)
{
  SvgCheck *self = user_data;

  if (current_kind (self) == KIND_STYLE)
    found (self, check_css (self->style->str), "CSS in <style>");
  g_array_set_size (self->kinds, self->kinds->len - 1);
  pop_ns_decls (self->ns, self->depth);
  self->depth--;
}

static void
check_text_cb (GMarkupParseContext  *context,
               const char           *text,
               gsize                 text_len,
               gpointer              user_data,
               GError              **error)
{
  SvgCheck *self = user_data;

  if (current_kind (self) == KIND_STYLE)
    {
      if (self->style->len + text_len > CREDENCE_LIMIT_PAYLOAD_SIZE)
        {
          g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "not read");
          return;
        }
      g_string_append_len (self->style, text, (gssize)text_len);
    }
}

static gboolean
has_angle_bracket (const char *text,
                   gsize       length)
{
  return memchr (text, '<', length) != NULL || memchr (text, '>', length) != NULL;
}

/* <?xml version="1.0" encoding="UTF-8"?>, first in the file. */
static gboolean
is_plain_declaration (SvgCheck   *self,
                      const char *text,
                      gsize       length)
{
  g_autofree char *inner = NULL;
  const char *encoding;

  if (self->seen_markup || length < 7 || strncmp (text, "<?xml", 5) != 0 || !g_ascii_isspace (text[5]) ||
      has_angle_bracket (text + 1, length - 2))
    return FALSE;
  inner = g_strndup (text + 5, length - 7);
  encoding = strstr (inner, "encoding");
  if (encoding == NULL)
    return TRUE;
  encoding += strlen ("encoding");
  while (g_ascii_isspace (*encoding) || *encoding == '=')
    encoding++;
  if (*encoding != '"' && *encoding != '\'')
    return FALSE;
  /* Only UTF-8, what GMarkup read: another encoding could make the
   * browser see other markup. */
  return g_ascii_strncasecmp (encoding + 1, "utf-8", 5) == 0 && encoding[6] == encoding[0];
}

/* <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/…">:
 * no internal subset (so no entity), only W3C's own DTD. */
static CredenceSvgContent
check_doctype (SvgCheck   *self,
               const char *text,
               gsize       length)
{
  const char *p = text + strlen ("<!DOCTYPE");
  const char *end = text + length - 1;

  if (self->ordinal > 0 || memchr (p, '[', end - p) != NULL || memchr (p, '%', end - p) != NULL ||
      memchr (p, '&', end - p) != NULL || has_angle_bracket (p, end - p))
    return CREDENCE_SVG_CONTENT_OTHER;

  while (p < end)
    {
      const char *close;

      if (*p != '"' && *p != '\'')
        {
          p++;
          continue;
        }
      close = memchr (p + 1, *p, end - p - 1);
      if (close == NULL)
        return CREDENCE_SVG_CONTENT_OTHER;
      /* The public identifier has no colon; the system one is a URL. */
      if (memchr (p + 1, ':', close - p - 1) != NULL &&
          !(close - p - 1 > 31 && strncmp (p + 1, "http://www.w3.org/Graphics/SVG/", 31) == 0) &&
          !(close - p - 1 > 21 && strncmp (p + 1, "http://www.w3.org/TR/", 21) == 0))
        return CREDENCE_SVG_CONTENT_EXTERNAL;
      p = close + 1;
    }
  return CREDENCE_SVG_CONTENT_PLAIN;
}

/* Comments, CDATA sections, processing instructions and the DOCTYPE,
 * each whole with its delimiters. */
static void
check_passthrough_cb (GMarkupParseContext  *context,
                      const char           *text,
                      gsize                 length,
                      gpointer              user_data,
                      GError              **error)
{
  SvgCheck *self = user_data;

  if (length >= 7 && strncmp (text, "<!--", 4) == 0)
    {
      if (has_angle_bracket (text + 4, length - 7))
        found (self, CREDENCE_SVG_CONTENT_OTHER, "markup in a comment");
    }
  else if (length >= 12 && strncmp (text, "<![CDATA[", 9) == 0)
    {
      ElementKind kind = current_kind (self);

      if (kind == KIND_STYLE)
        g_string_append_len (self->style, text + 9, (gssize)(length - 12));
      else if (kind != KIND_BADGE)
        found (self, CREDENCE_SVG_CONTENT_OTHER, "CDATA outside <style> and the badge");
    }
  else if (length >= 4 && strncmp (text, "<?", 2) == 0)
    {
      if (length >= 16 && strncmp (text, "<?xml-stylesheet", 16) == 0)
        found (self, CREDENCE_SVG_CONTENT_EXTERNAL, "a style sheet processing instruction");
      else if (!is_plain_declaration (self, text, length))
        found (self, CREDENCE_SVG_CONTENT_OTHER, "a processing instruction");
    }
  else if (length >= 10 && strncmp (text, "<!DOCTYPE", 9) == 0)
    found (self, check_doctype (self, text, length), "a DOCTYPE");
  else
    found (self, CREDENCE_SVG_CONTENT_OTHER, "unknown markup");
  self->seen_markup = TRUE;
}

static const GMarkupParser check_parser = {
  check_start_element_cb,
  check_end_element_cb,
  check_text_cb,
  check_passthrough_cb,
  NULL,
};

/**
 * credence_svg_check_content:
 * @data: (array length=length): an SVG file
 * @length: its size
 *
 * Whether the file is a plain picture, safe to publish on a web site
 * where it may be opened directly: only SVG drawing elements, links to
 * parts of the same file (`#id`), raster pictures written into it
 * (`data:image/png;base64,…` on `<image>`), CSS that loads nothing, the
 * badge element and editors' metadata.  Anything else (scripts, event
 * handlers, `javascript:`, `<foreignObject>`, HTML, references to other
 * files, animations of links, a DTD with declarations, processing
 * instructions, an encoding other than UTF-8, broken XML) is not.
 *
 * Returns: %CREDENCE_SVG_CONTENT_PLAIN, or the most serious kind of
 *   content found
 */
CredenceSvgContent
credence_svg_check_content (const guint8 *data,
                            gsize         length)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  SvgCheck self = { 0 };
  CredenceSvgContent result;

  g_return_val_if_fail (data != NULL || length == 0, CREDENCE_SVG_CONTENT_OTHER);

  skip_byte_order_mark (&data, &length);
  if (memchr (data, '\0', length) != NULL)
    return CREDENCE_SVG_CONTENT_OTHER;

  self.ns = g_ptr_array_new_with_free_func (ns_decl_free);
  self.kinds = g_array_new (FALSE, FALSE, sizeof (ElementKind));
  self.style = g_string_new (NULL);
  self.worst = CREDENCE_SVG_CONTENT_PLAIN;

  context = g_markup_parse_context_new (&check_parser, 0, &self, NULL);
  if (!g_markup_parse_context_parse (context, (const char *)data, (gssize)length, NULL) ||
      !g_markup_parse_context_end_parse (context, NULL) || !self.root_is_svg)
    self.worst = MAX (self.worst, CREDENCE_SVG_CONTENT_OTHER);
  result = self.worst;

  g_ptr_array_unref (self.ns);
  g_array_unref (self.kinds);
  g_string_free (self.style, TRUE);
  return result;
}
