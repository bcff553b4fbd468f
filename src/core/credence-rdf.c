/* credence-rdf.c: RDF datasets (terms, quads) and N-Quads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-rdf"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-rdf.h"

struct _CredenceRdfDataset
{
  GStringChunk *strings;   /* interned strings: equal strings share a pointer */
  GArray       *quads;     /* CredenceRdfQuad, in insertion order */
  guint        *slots;     /* open-addressing set of quad index + 1, 0 = empty */
  guint         n_slots;   /* a power of two */
};

G_DEFINE_QUARK (credence-rdf-error-quark, credence_rdf_error)

/* Terms */

CredenceRdfTerm
credence_rdf_term_iri (const char *iri)
{
  return (CredenceRdfTerm) { CREDENCE_RDF_TERM_IRI, iri, NULL, NULL };
}

CredenceRdfTerm
credence_rdf_term_blank (const char *label)
{
  return (CredenceRdfTerm) { CREDENCE_RDF_TERM_BLANK, label, NULL, NULL };
}

CredenceRdfTerm
credence_rdf_term_literal (const char *value,
                           const char *datatype,
                           const char *language)
{
  return (CredenceRdfTerm) { CREDENCE_RDF_TERM_LITERAL, value, datatype, language };
}

/* Both may be %NULL. */
static gboolean
str_equal0 (const char *a,
            const char *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return strcmp (a, b) == 0;
}

/**
 * credence_rdf_term_equal:
 *
 * Compares two terms by content (they may come from different datasets).
 * Both must be normalized the way a dataset stores them (xsd:string as a
 * %NULL datatype).
 */
gboolean
credence_rdf_term_equal (const CredenceRdfTerm *a,
                         const CredenceRdfTerm *b)
{
  return a->kind == b->kind
         && str_equal0 (a->value, b->value)
         && str_equal0 (a->datatype, b->datatype)
         && str_equal0 (a->language, b->language);
}

/* Appends @s as the body of an N-Quads string literal.  Canonical
 * (RDFC-1.0 §4.3 and RDF 1.2 N-Triples canonical form): ECHAR for BS, HT,
 * LF, FF, CR, `"` and `\`; `\u00XX` (upper-case hex) for the other C0
 * controls and DEL; everything else as raw UTF-8.  URDNA2015: only `"`,
 * `\`, LF and CR escaped.  The bytes C0 80 stand for U+0000, written
 * `\u0000` in both (a raw nul cannot be written). */
static void
append_escaped_literal (GString           *out,
                        const char        *s,
                        CredenceRdfEscape  escape)
{
  static const char hex[] = "0123456789ABCDEF";
  const guchar *run = (const guchar *) s;
  const guchar *p = run;

  for (;; p++)
    {
      guchar c = *p;
      const char *echar = NULL;
      int uchar = -1;

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f && c != 0xc0)
        continue;
      if (escape == CREDENCE_RDF_ESCAPE_URDNA2015 && c != '\0' && c != '"' && c != '\\'
          && c != '\n' && c != '\r' && c != 0xc0)
        continue;

      switch (c)
        {
        case '\0':
          g_string_append_len (out, (const char *) run, p - run);
          return;
        case '\b': echar = "\\b"; break;
        case '\t': echar = "\\t"; break;
        case '\n': echar = "\\n"; break;
        case '\f': echar = "\\f"; break;
        case '\r': echar = "\\r"; break;
        case '"':  echar = "\\\""; break;
        case '\\': echar = "\\\\"; break;
        case 0xc0:
          if (p[1] != 0x80)
            continue;
          uchar = 0;
          break;
        default:
          uchar = c;
          break;
        }

      g_string_append_len (out, (const char *) run, p - run);
      if (echar != NULL)
        {
          g_string_append (out, echar);
        }
      else
        {
          char buf[6] = { '\\', 'u', '0', '0', hex[uchar >> 4], hex[uchar & 0xf] };

          g_string_append_len (out, buf, 6);
          if (c == 0xc0)
            p++;
        }
      run = p + 1;
    }
}

/**
 * credence_rdf_term_append_nquads:
 * @term: a term other than %CREDENCE_RDF_TERM_NONE
 * @out: where to append
 *
 * Appends @term in canonical N-Quads form: `<iri>`, `_:label`, or a literal
 * with canonical escapes, `@lang` or `^^<datatype>` (none for xsd:string).
 */
void
credence_rdf_term_append_nquads (const CredenceRdfTerm *term,
                                 GString               *out)
{
  credence_rdf_term_append_nquads_escaped (term, CREDENCE_RDF_ESCAPE_CANONICAL, out);
}

/**
 * credence_rdf_term_append_nquads_escaped:
 * @term: a term other than %CREDENCE_RDF_TERM_NONE
 * @escape: which characters of literals to escape
 * @out: where to append
 *
 * Like credence_rdf_term_append_nquads(), with the escapes of @escape.
 */
void
credence_rdf_term_append_nquads_escaped (const CredenceRdfTerm *term,
                                         CredenceRdfEscape      escape,
                                         GString               *out)
{
  switch (term->kind)
    {
    case CREDENCE_RDF_TERM_IRI:
      g_string_append_c (out, '<');
      g_string_append (out, term->value);
      g_string_append_c (out, '>');
      break;

    case CREDENCE_RDF_TERM_BLANK:
      g_string_append (out, "_:");
      g_string_append (out, term->value);
      break;

    case CREDENCE_RDF_TERM_LITERAL:
      g_string_append_c (out, '"');
      append_escaped_literal (out, term->value, escape);
      g_string_append_c (out, '"');
      if (term->language != NULL)
        {
          g_string_append_c (out, '@');
          g_string_append (out, term->language);
        }
      else if (term->datatype != NULL && strcmp (term->datatype, CREDENCE_XSD_STRING) != 0)
        {
          g_string_append (out, "^^<");
          g_string_append (out, term->datatype);
          g_string_append_c (out, '>');
        }
      break;

    case CREDENCE_RDF_TERM_NONE:
    default:
      g_return_if_reached ();
    }
}

/* Whether the canonical and the URDNA2015 escapes write @value
 * differently: it holds a C0 control other than LF and CR, or DEL. */
static gboolean
literal_escapes_differ (const char *value)
{
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    if ((*p < 0x20 && *p != '\n' && *p != '\r') || *p == 0x7f)
      return TRUE;
  return FALSE;
}

/**
 * credence_rdf_quad_append_nquads:
 *
 * Appends @quad as one canonical N-Quads line, ending with a line feed.
 */
void
credence_rdf_quad_append_nquads (const CredenceRdfQuad *quad,
                                 GString               *out)
{
  credence_rdf_term_append_nquads (&quad->subject, out);
  g_string_append_c (out, ' ');
  credence_rdf_term_append_nquads (&quad->predicate, out);
  g_string_append_c (out, ' ');
  credence_rdf_term_append_nquads (&quad->object, out);
  g_string_append_c (out, ' ');
  if (quad->graph.kind != CREDENCE_RDF_TERM_NONE)
    {
      credence_rdf_term_append_nquads (&quad->graph, out);
      g_string_append_c (out, ' ');
    }
  g_string_append (out, ".\n");
}

/* Datasets */

CredenceRdfDataset *
credence_rdf_dataset_new (void)
{
  CredenceRdfDataset *self = g_new0 (CredenceRdfDataset, 1);

  self->strings = g_string_chunk_new (1024);
  self->quads = g_array_new (FALSE, FALSE, sizeof (CredenceRdfQuad));
  self->n_slots = 64;
  self->slots = g_new0 (guint, self->n_slots);
  return self;
}

void
credence_rdf_dataset_free (CredenceRdfDataset *self)
{
  if (self == NULL)
    return;

  g_string_chunk_free (self->strings);
  g_array_unref (self->quads);
  g_free (self->slots);
  g_free (self);
}

/**
 * credence_rdf_dataset_intern:
 *
 * Returns the dataset's copy of @str (or %NULL for %NULL), shared by every
 * term of the dataset with that string.
 */
const char *
credence_rdf_dataset_intern (CredenceRdfDataset *self,
                             const char         *str)
{
  if (str == NULL)
    return NULL;
  return g_string_chunk_insert_const (self->strings, str);
}

static inline guint
mix (guint h, gconstpointer p)
{
  guint64 v = (guint64) (guintptr) p;

  h ^= (guint) (v ^ (v >> 29));
  return h * 0x9e3779b1u;
}

static guint
term_hash (guint h, const CredenceRdfTerm *t)
{
  h = mix (h, GUINT_TO_POINTER (t->kind));
  h = mix (h, t->value);
  h = mix (h, t->datatype);
  return mix (h, t->language);
}

/* Terms of one dataset are interned, so pointers compare. */
static inline gboolean
term_same (const CredenceRdfTerm *a,
           const CredenceRdfTerm *b)
{
  return a->kind == b->kind && a->value == b->value
         && a->datatype == b->datatype && a->language == b->language;
}

static guint
quad_hash (const CredenceRdfQuad *q)
{
  guint h = 0x811c9dc5u;

  h = term_hash (h, &q->subject);
  h = term_hash (h, &q->predicate);
  h = term_hash (h, &q->object);
  h = term_hash (h, &q->graph);
  return h ^ (h >> 16);
}

static gboolean
quad_same (const CredenceRdfQuad *a,
           const CredenceRdfQuad *b)
{
  return term_same (&a->subject, &b->subject) && term_same (&a->predicate, &b->predicate)
         && term_same (&a->object, &b->object) && term_same (&a->graph, &b->graph);
}

/* Returns the slot holding @q, or the empty slot where it belongs. */
static guint *
find_slot (CredenceRdfDataset    *self,
           const CredenceRdfQuad *q)
{
  guint mask = self->n_slots - 1;
  guint i = quad_hash (q) & mask;

  for (;; i = (i + 1) & mask)
    {
      guint v = self->slots[i];

      if (v == 0 || quad_same (&g_array_index (self->quads, CredenceRdfQuad, v - 1), q))
        return &self->slots[i];
    }
}

static void
grow_slots (CredenceRdfDataset *self)
{
  g_free (self->slots);
  self->n_slots *= 2;
  self->slots = g_new0 (guint, self->n_slots);
  for (guint i = 0; i < self->quads->len; i++)
    *find_slot (self, &g_array_index (self->quads, CredenceRdfQuad, i)) = i + 1;
}

static void
intern_term (CredenceRdfDataset    *self,
             const CredenceRdfTerm *in,
             CredenceRdfTerm       *out)
{
  out->kind = in->kind;
  out->value = credence_rdf_dataset_intern (self, in->value);
  out->datatype = NULL;
  out->language = NULL;
  if (in->kind != CREDENCE_RDF_TERM_LITERAL)
    return;

  if (in->language != NULL && in->language[0] != '\0')
    out->language = credence_rdf_dataset_intern (self, in->language);
  else if (in->datatype != NULL && strcmp (in->datatype, CREDENCE_XSD_STRING) != 0)
    out->datatype = credence_rdf_dataset_intern (self, in->datatype);
}

/**
 * credence_rdf_dataset_add_quad:
 * @subject: an IRI or blank node
 * @predicate: an IRI
 * @object: an IRI, blank node or literal
 * @graph: (nullable): an IRI or blank node, or %NULL or a
 *   %CREDENCE_RDF_TERM_NONE term for the default graph
 *
 * Adds a quad, copying its strings.  A literal with a language gets no
 * datatype, and an xsd:string datatype is dropped.
 *
 * Returns: %TRUE if the quad was new, %FALSE if the dataset already held
 *   it (a dataset is a set).
 */
gboolean
credence_rdf_dataset_add_quad (CredenceRdfDataset    *self,
                               const CredenceRdfTerm *subject,
                               const CredenceRdfTerm *predicate,
                               const CredenceRdfTerm *object,
                               const CredenceRdfTerm *graph)
{
  CredenceRdfQuad q;
  guint *slot;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (subject->value != NULL && predicate->value != NULL && object->value != NULL, FALSE);
  g_return_val_if_fail (subject->kind == CREDENCE_RDF_TERM_IRI || subject->kind == CREDENCE_RDF_TERM_BLANK, FALSE);
  g_return_val_if_fail (predicate->kind == CREDENCE_RDF_TERM_IRI, FALSE);
  g_return_val_if_fail (object->kind != CREDENCE_RDF_TERM_NONE, FALSE);
  g_return_val_if_fail (graph == NULL || graph->kind != CREDENCE_RDF_TERM_LITERAL, FALSE);
  g_return_val_if_fail (graph == NULL || graph->kind == CREDENCE_RDF_TERM_NONE || graph->value != NULL, FALSE);

  intern_term (self, subject, &q.subject);
  intern_term (self, predicate, &q.predicate);
  intern_term (self, object, &q.object);
  if (graph != NULL && graph->kind != CREDENCE_RDF_TERM_NONE)
    intern_term (self, graph, &q.graph);
  else
    q.graph = (CredenceRdfTerm) { CREDENCE_RDF_TERM_NONE, NULL, NULL, NULL };

  slot = find_slot (self, &q);
  if (*slot != 0)
    return FALSE;

  g_array_append_val (self->quads, q);
  *slot = self->quads->len;
  if (self->quads->len * 2 > self->n_slots)
    grow_slots (self);
  return TRUE;
}

guint
credence_rdf_dataset_get_n_quads (CredenceRdfDataset *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->quads->len;
}

/**
 * credence_rdf_dataset_get_quad:
 *
 * Returns: (transfer none): the quad at @index, in the order the quads were
 *   first added.  Valid until the next quad is added.
 */
const CredenceRdfQuad *
credence_rdf_dataset_get_quad (CredenceRdfDataset *self,
                               guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->quads->len, NULL);

  return &g_array_index (self->quads, CredenceRdfQuad, index);
}

/**
 * credence_rdf_dataset_escapes_differ:
 *
 * Returns: %TRUE if some literal of the dataset is written differently
 *   with %CREDENCE_RDF_ESCAPE_CANONICAL and %CREDENCE_RDF_ESCAPE_URDNA2015
 *   (it holds a control character other than LF and CR), so that the two
 *   can give different canonical forms.
 */
gboolean
credence_rdf_dataset_escapes_differ (CredenceRdfDataset *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->quads->len; i++)
    {
      const CredenceRdfQuad *q = &g_array_index (self->quads, CredenceRdfQuad, i);

      if (q->object.kind == CREDENCE_RDF_TERM_LITERAL && literal_escapes_differ (q->object.value))
        return TRUE;
    }
  return FALSE;
}

/**
 * credence_rdf_dataset_to_nquads:
 *
 * Returns: the quads in insertion order as N-Quads, one line each, with the
 *   canonical escapes and the blank node labels as they are.
 */
char *
credence_rdf_dataset_to_nquads (CredenceRdfDataset *self)
{
  GString *out = g_string_sized_new (128 * (self->quads->len + 1));

  for (guint i = 0; i < self->quads->len; i++)
    credence_rdf_quad_append_nquads (&g_array_index (self->quads, CredenceRdfQuad, i), out);
  return g_string_free (out, FALSE);
}

/* N-Quads parser (RDF 1.1 N-Quads grammar, strict) */

typedef struct
{
  const char         *p;
  const char         *end;
  const char         *line_start;
  guint               line;
  CredenceRdfDataset *dataset;
  GString            *buf;
  GError            **error;
} Parser;

static gboolean G_GNUC_PRINTF (2, 3)
fail (Parser     *ps,
      const char *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;
  glong column = g_utf8_strlen (ps->line_start, ps->p - ps->line_start) + 1;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (ps->error, CREDENCE_RDF_ERROR, CREDENCE_RDF_ERROR_SYNTAX,
               _("The N-Quads document is not valid at line %u, column %ld: %s"),
               ps->line, column, what);
  return FALSE;
}

static void
skip_ws (Parser *ps)
{
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t'))
    ps->p++;
}

static gboolean
is_hex (char c)
{
  return g_ascii_isxdigit (c);
}

/* Reads `\uXXXX` or `\UXXXXXXXX` at ps->p (pointing at the backslash). */
static gboolean
read_uchar (Parser   *ps,
            gunichar *out)
{
  int n = ps->p[1] == 'u' ? 4 : 8;
  gunichar cp = 0;

  if (ps->end - ps->p < 2 + n)
    return fail (ps, _("an escape sequence is cut short"));
  for (int i = 0; i < n; i++)
    {
      char c = ps->p[2 + i];

      if (!is_hex (c))
        return fail (ps, _("“\\%c” must be followed by %d hexadecimal digits"), ps->p[1], n);
      cp = cp * 16 + g_ascii_xdigit_value (c);
    }
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return fail (ps, _("the escape sequence names U+%04X, which is not a Unicode character"), cp);
  ps->p += 2 + n;
  *out = cp;
  return TRUE;
}

static gboolean
has_scheme (const char *iri)
{
  const char *p = iri;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  for (p++; g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.'; p++)
    ;
  return *p == ':';
}

static gboolean
iri_forbidden (gunichar c)
{
  return c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}'
         || c == '|' || c == '^' || c == '`' || c == '\\';
}

/* IRIREF, with ps->p at '<'.  Returns the interned IRI. */
static const char *
read_iri (Parser *ps)
{
  const char *start = ps->p;

  g_string_truncate (ps->buf, 0);
  ps->p++;
  while (ps->p < ps->end && *ps->p != '>')
    {
      const char *run = ps->p;
      gunichar c;

      if (*ps->p == '\\')
        {
          if (ps->p + 1 >= ps->end || (ps->p[1] != 'u' && ps->p[1] != 'U'))
            {
              fail (ps, _("only \\u and \\U escapes are allowed in an IRI"));
              return NULL;
            }
          if (!read_uchar (ps, &c))
            return NULL;
          if (iri_forbidden (c))
            {
              ps->p = run;
              fail (ps, _("the escape sequence stands for U+%04X, which an IRI cannot contain"), c);
              return NULL;
            }
          g_string_append_unichar (ps->buf, c);
          continue;
        }

      /* A run of plain ASCII, copied at once. */
      while (ps->p < ps->end && (guchar) *ps->p > 0x20 && (guchar) *ps->p < 0x80
             && !iri_forbidden ((guchar) *ps->p))
        ps->p++;
      if (ps->p > run)
        {
          g_string_append_len (ps->buf, run, ps->p - run);
          continue;
        }

      c = g_utf8_get_char (ps->p);
      if (iri_forbidden (c))
        {
          fail (ps, _("U+%04X is not allowed in an IRI"), c);
          return NULL;
        }
      ps->p = g_utf8_next_char (ps->p);
      g_string_append_len (ps->buf, run, ps->p - run);
    }
  if (ps->p >= ps->end)
    {
      ps->p = start;
      fail (ps, _("the IRI has no closing “>”"));
      return NULL;
    }
  ps->p++;
  if (!has_scheme (ps->buf->str))
    {
      ps->p = start;
      fail (ps, _("“%s” is not an absolute IRI"), ps->buf->str);
      return NULL;
    }
  return credence_rdf_dataset_intern (ps->dataset, ps->buf->str);
}

static gboolean
is_pn_chars_base (gunichar c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
         || (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6)
         || (c >= 0xf8 && c <= 0x2ff) || (c >= 0x370 && c <= 0x37d)
         || (c >= 0x37f && c <= 0x1fff) || (c >= 0x200c && c <= 0x200d)
         || (c >= 0x2070 && c <= 0x218f) || (c >= 0x2c00 && c <= 0x2fef)
         || (c >= 0x3001 && c <= 0xd7ff) || (c >= 0xf900 && c <= 0xfdcf)
         || (c >= 0xfdf0 && c <= 0xfffd) || (c >= 0x10000 && c <= 0xeffff);
}

static gboolean
is_pn_chars_u (gunichar c)
{
  return is_pn_chars_base (c) || c == '_' || c == ':';
}

static gboolean
is_pn_chars (gunichar c)
{
  return is_pn_chars_u (c) || c == '-' || (c >= '0' && c <= '9') || c == 0xb7
         || (c >= 0x300 && c <= 0x36f) || (c >= 0x203f && c <= 0x2040);
}

/* BLANK_NODE_LABEL, with ps->p at '_'.  Returns the interned label. */
static const char *
read_blank (Parser *ps)
{
  const char *start;
  const char *last_ok;
  gunichar c;

  if (ps->p + 1 >= ps->end || ps->p[1] != ':')
    {
      fail (ps, _("a blank node label must start with “_:”"));
      return NULL;
    }
  ps->p += 2;
  start = ps->p;
  c = ps->p < ps->end ? g_utf8_get_char (ps->p) : 0;
  if (!is_pn_chars_u (c) && !(c >= '0' && c <= '9'))
    {
      fail (ps, _("a blank node label cannot start like this"));
      return NULL;
    }
  ps->p = g_utf8_next_char (ps->p);
  last_ok = ps->p;
  while (ps->p < ps->end)
    {
      c = g_utf8_get_char (ps->p);
      if (c != '.' && !is_pn_chars (c))
        break;
      ps->p = g_utf8_next_char (ps->p);
      if (c != '.')
        last_ok = ps->p;
    }
  /* A label cannot end with '.': trailing dots belong to the statement. */
  ps->p = last_ok;

  g_string_truncate (ps->buf, 0);
  g_string_append_len (ps->buf, start, last_ok - start);
  return credence_rdf_dataset_intern (ps->dataset, ps->buf->str);
}

/* STRING_LITERAL_QUOTE, with ps->p at '"'.  Returns the interned value. */
static const char *
read_string (Parser *ps)
{
  const char *start = ps->p;

  g_string_truncate (ps->buf, 0);
  ps->p++;
  while (ps->p < ps->end && *ps->p != '"')
    {
      const char *run = ps->p;

      if (*ps->p == '\n' || *ps->p == '\r')
        break;
      if (*ps->p == '\\')
        {
          char e = ps->p + 1 < ps->end ? ps->p[1] : '\0';
          gunichar c;

          switch (e)
            {
            case 't': g_string_append_c (ps->buf, '\t'); break;
            case 'b': g_string_append_c (ps->buf, '\b'); break;
            case 'n': g_string_append_c (ps->buf, '\n'); break;
            case 'r': g_string_append_c (ps->buf, '\r'); break;
            case 'f': g_string_append_c (ps->buf, '\f'); break;
            case '"': g_string_append_c (ps->buf, '"'); break;
            case '\'': g_string_append_c (ps->buf, '\''); break;
            case '\\': g_string_append_c (ps->buf, '\\'); break;
            case 'u':
            case 'U':
              if (!read_uchar (ps, &c))
                return NULL;
              if (c == 0)
                g_string_append (ps->buf, "\xc0\x80");
              else
                g_string_append_unichar (ps->buf, c);
              continue;
            default:
              fail (ps, _("“\\%c” is not an escape sequence"), e);
              return NULL;
            }
          ps->p += 2;
          continue;
        }
      /* A run without quotes, escapes or line ends, copied at once (the
       * input is valid UTF-8, so it stops only on whole characters). */
      while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' && *ps->p != '\n' && *ps->p != '\r')
        ps->p++;
      g_string_append_len (ps->buf, run, ps->p - run);
    }
  if (ps->p >= ps->end || *ps->p != '"')
    {
      ps->p = start;
      fail (ps, _("the literal has no closing quote on its line"));
      return NULL;
    }
  ps->p++;
  return credence_rdf_dataset_intern (ps->dataset, ps->buf->str);
}

/* LANGTAG, with ps->p at '@'. */
static const char *
read_langtag (Parser *ps)
{
  const char *start = ++ps->p;

  if (ps->p >= ps->end || !g_ascii_isalpha (*ps->p))
    {
      fail (ps, _("a language tag must start with a letter"));
      return NULL;
    }
  while (ps->p < ps->end && g_ascii_isalpha (*ps->p))
    ps->p++;
  while (ps->p < ps->end && *ps->p == '-')
    {
      ps->p++;
      if (ps->p >= ps->end || !g_ascii_isalnum (*ps->p))
        {
          fail (ps, _("a language tag subtag must not be empty"));
          return NULL;
        }
      while (ps->p < ps->end && g_ascii_isalnum (*ps->p))
        ps->p++;
    }
  g_string_truncate (ps->buf, 0);
  g_string_append_len (ps->buf, start, ps->p - start);
  return credence_rdf_dataset_intern (ps->dataset, ps->buf->str);
}

typedef enum
{
  ALLOW_IRI = 1 << 0,
  ALLOW_BLANK = 1 << 1,
  ALLOW_LITERAL = 1 << 2,
} Allow;

static gboolean
read_term (Parser          *ps,
           Allow            allow,
           const char      *what,
           CredenceRdfTerm *term)
{
  *term = (CredenceRdfTerm) { CREDENCE_RDF_TERM_NONE, NULL, NULL, NULL };

  if (ps->p < ps->end && *ps->p == '<' && (allow & ALLOW_IRI))
    {
      term->kind = CREDENCE_RDF_TERM_IRI;
      term->value = read_iri (ps);
      return term->value != NULL;
    }
  if (ps->p < ps->end && *ps->p == '_' && (allow & ALLOW_BLANK))
    {
      term->kind = CREDENCE_RDF_TERM_BLANK;
      term->value = read_blank (ps);
      return term->value != NULL;
    }
  if (ps->p < ps->end && *ps->p == '"' && (allow & ALLOW_LITERAL))
    {
      term->kind = CREDENCE_RDF_TERM_LITERAL;
      term->value = read_string (ps);
      if (term->value == NULL)
        return FALSE;
      if (ps->p < ps->end && *ps->p == '@')
        {
          term->language = read_langtag (ps);
          return term->language != NULL;
        }
      if (ps->p + 1 < ps->end && ps->p[0] == '^' && ps->p[1] == '^')
        {
          ps->p += 2;
          if (ps->p >= ps->end || *ps->p != '<')
            return fail (ps, _("“^^” must be followed by a datatype IRI"));
          term->datatype = read_iri (ps);
          return term->datatype != NULL;
        }
      return TRUE;
    }

  return fail (ps, _("expected %s"), what);
}

static gboolean
at_eol (Parser *ps)
{
  return ps->p >= ps->end || *ps->p == '\n' || *ps->p == '\r';
}

static gboolean
read_statement (Parser *ps)
{
  CredenceRdfTerm s, p, o, g;

  if (!read_term (ps, ALLOW_IRI | ALLOW_BLANK, _("a subject (an IRI or a blank node)"), &s))
    return FALSE;
  skip_ws (ps);
  if (!read_term (ps, ALLOW_IRI, _("a predicate (an IRI)"), &p))
    return FALSE;
  skip_ws (ps);
  if (!read_term (ps, ALLOW_IRI | ALLOW_BLANK | ALLOW_LITERAL,
                  _("an object (an IRI, a blank node or a literal)"), &o))
    return FALSE;
  skip_ws (ps);
  g = (CredenceRdfTerm) { CREDENCE_RDF_TERM_NONE, NULL, NULL, NULL };
  if (ps->p < ps->end && *ps->p != '.'
      && !read_term (ps, ALLOW_IRI | ALLOW_BLANK, _("a graph name (an IRI or a blank node) or “.”"), &g))
    return FALSE;
  skip_ws (ps);
  if (ps->p >= ps->end || *ps->p != '.')
    return fail (ps, _("expected “.” at the end of the statement"));
  ps->p++;
  skip_ws (ps);
  if (ps->p < ps->end && *ps->p == '#')
    while (!at_eol (ps))
      ps->p++;
  if (!at_eol (ps))
    return fail (ps, _("expected the end of the line after “.”"));

  credence_rdf_dataset_add_quad (ps->dataset, &s, &p, &o, &g);
  return TRUE;
}

/**
 * credence_rdf_parse_nquads:
 * @text: the N-Quads document, UTF-8
 * @length: its length in bytes, or -1 if nul-terminated
 * @error: a #GError, or %NULL
 *
 * Parses an RDF 1.1 N-Quads document strictly: absolute IRIs only, every
 * escape checked, one statement per line.  Duplicate statements are kept
 * once.  Blank node labels are kept as written.
 *
 * Returns: (transfer full): the dataset, or %NULL with
 *   %CREDENCE_RDF_ERROR_SYNTAX naming the line and column.
 */
CredenceRdfDataset *
credence_rdf_parse_nquads (const char  *text,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(CredenceRdfDataset) dataset = credence_rdf_dataset_new ();
  g_autoptr(GString) buf = g_string_sized_new (256);
  const char *bad = NULL;
  Parser ps;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (text);

  ps.p = text;
  ps.end = text + length;
  ps.line_start = text;
  ps.line = 1;
  ps.dataset = dataset;
  ps.buf = buf;
  ps.error = error;

  if (!g_utf8_validate_len (text, length, &bad))
    {
      const char *q;

      for (q = text; q < bad; q++)
        if (*q == '\n')
          {
            ps.line++;
            ps.line_start = q + 1;
          }
      ps.p = ps.line_start;
      fail (&ps, _("byte %" G_GSIZE_FORMAT " of the line is not UTF-8 text"),
            (gsize) (bad - ps.line_start) + 1);
      return NULL;
    }

  while (ps.p < ps.end)
    {
      skip_ws (&ps);
      if (ps.p >= ps.end)
        break;

      if (*ps.p == '#')
        {
          while (!at_eol (&ps))
            ps.p++;
        }
      else if (*ps.p != '\n' && *ps.p != '\r' && !read_statement (&ps))
        {
          return NULL;
        }

      if (ps.p < ps.end)
        {
          if (*ps.p == '\r' && ps.p + 1 < ps.end && ps.p[1] == '\n')
            ps.p++;
          ps.p++;
          ps.line++;
          ps.line_start = ps.p;
        }
    }

  return g_steal_pointer (&dataset);
}
