/* credence-jsonld-rdf.c: expanded JSON-LD to an RDF dataset.
 *
 * JSON-LD 1.1 Processing Algorithms and API § 7.2 Node Map Generation,
 * § 8.1 Deserialize JSON-LD to RDF, § 8.2 Object to RDF Conversion and
 * § 8.3 List to RDF Conversion (in one walk, see below), plus the canonical lexical forms of
 * § 8.6 and the JSON Canonicalization Scheme (RFC 8785) for `@json`
 * literals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-jsonld"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "credence-jsonld-private.h"

#define I18N_NS "https://www.w3.org/ns/i18n#"

static inline gboolean
is_blank (const char *s)
{
  return s != NULL && s[0] == '_' && s[1] == ':';
}

/* ---------------------------------------------------------------------- */
/* Canonical lexical forms                                                 */

/* xsd:double canonical form as JSON-LD § 8.6 asks: 15 digits after the
 * point in scientific notation, trailing zeros dropped (one digit kept),
 * exponent without "+" or leading zeros: 3.5 → "3.5E0", 1e21 → "1.0E21". */
void
_credence_jsonld_append_double (double   value,
                                GString *out)
{
  char buf[64];
  char *e, *end;
  long exponent;

  if (isnan (value))
    {
      g_string_append (out, "NaN");
      return;
    }
  if (isinf (value))
    {
      g_string_append (out, value > 0 ? "INF" : "-INF");
      return;
    }

  g_snprintf (buf, sizeof buf, "%.15E", value);
  e = strchr (buf, 'E');
  exponent = strtol (e + 1, NULL, 10);
  end = e;
  while (end > buf && end[-1] == '0')
    end--;
  if (end[-1] == '.')
    end++;
  g_string_append_len (out, buf, end - buf);
  g_string_append_printf (out, "E%ld", exponent);
}

/* ECMAScript Number::toString, as JCS (RFC 8785 § 3.2.2.3) requires. */
static void
append_es_number (double   value,
                  GString *out)
{
  char buf[40];
  char digits[24];
  int k = 0, n, precision;

  /* JSON has no infinities or NaN, but json-glib reads an out-of-range
   * number such as 1e400 as infinity, which "%e" prints without an 'e'.
   * Write what ECMAScript's JSON.stringify writes for it. */
  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  if (value == 0)
    {
      g_string_append_c (out, '0');
      return;
    }
  if (value < 0)
    {
      g_string_append_c (out, '-');
      value = -value;
    }

  /* The shortest digits that read back as the same double. */
  for (precision = 1; precision <= 17; precision++)
    {
      g_snprintf (buf, sizeof buf, "%.*e", precision - 1, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  for (const char *p = buf; *p != 'e'; p++)
    if (g_ascii_isdigit (*p))
      digits[k++] = *p;
  digits[k] = '\0';
  while (k > 1 && digits[k - 1] == '0')
    digits[--k] = '\0';
  n = (int) strtol (strchr (buf, 'e') + 1, NULL, 10) + 1;

  if (k <= n && n <= 21)
    {
      g_string_append (out, digits);
      for (int i = 0; i < n - k; i++)
        g_string_append_c (out, '0');
    }
  else if (0 < n && n <= 21)
    {
      g_string_append_len (out, digits, n);
      g_string_append_c (out, '.');
      g_string_append (out, digits + n);
    }
  else if (-6 < n && n <= 0)
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -n; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (k > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%d", n - 1 >= 0 ? '+' : '-', abs (n - 1));
    }
}

static void
append_jcs_string (const char *s,
                   GString    *out)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/* JCS sorts member names by their UTF-16 code units. */
static int
compare_utf16 (gconstpointer a,
               gconstpointer b)
{
  const char *sa = *(const char * const *) a;
  const char *sb = *(const char * const *) b;
  g_autofree gunichar2 *ua = g_utf8_to_utf16 (sa, -1, NULL, NULL, NULL);
  g_autofree gunichar2 *ub = g_utf8_to_utf16 (sb, -1, NULL, NULL, NULL);

  if (ua == NULL || ub == NULL)
    return strcmp (sa, sb);
  for (gsize i = 0;; i++)
    {
      if (ua[i] != ub[i])
        return ua[i] < ub[i] ? -1 : 1;
      if (ua[i] == 0)
        return 0;
    }
}

void
_credence_jsonld_append_jcs (JsonNode *node,
                             GString  *out)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            _credence_jsonld_append_jcs (json_array_get_element (array, i), out);
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GPtrArray) keys = g_ptr_array_new ();
        JsonObjectIter iter;
        const char *key;

        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &key, NULL))
          g_ptr_array_add (keys, (char *) key);
        g_ptr_array_sort (keys, compare_utf16);
        g_string_append_c (out, '{');
        for (guint i = 0; i < keys->len; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_jcs_string (keys->pdata[i], out);
            g_string_append_c (out, ':');
            _credence_jsonld_append_jcs (json_object_get_member (object, keys->pdata[i]), out);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          append_jcs_string (json_node_get_string (node), out);
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        default:
          append_es_number (json_node_get_double (node), out);
          break;
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* ---------------------------------------------------------------------- */
/* Deserialisation (§ 7.2, § 8.1-8.3)                                      */

/* The algorithm builds a node map, merging every occurrence of a node,
 * and then writes one triple per entry.  An RDF dataset is a set, so the
 * same quads come from walking the expanded document once and writing the
 * triples of each node object where it occurs, with the node map's blank
 * node relabelling and well-formedness rules: that is what this does.  The
 * dataset drops the duplicates the node map would have merged. */

typedef struct
{
  CredenceRdfDataset         *dataset;
  GHashTable                 *labels;      /* input blank node label → issued label */
  GStringChunk               *strings;     /* issued labels */
  guint                       counter;
  CredenceJsonldRdfDirection  rdf_direction;
  GString                    *lexical;
} Emitter;

static const char *
issue_blank (Emitter    *em,
             const char *old)
{
  char buf[32];
  const char *label;

  if (old != NULL)
    {
      label = g_hash_table_lookup (em->labels, old);
      if (label != NULL)
        return label;
    }
  g_snprintf (buf, sizeof buf, "_:b%u", em->counter++);
  label = g_string_chunk_insert (em->strings, buf);
  if (old != NULL)
    g_hash_table_insert (em->labels, (char *) old, (char *) label);
  return label;
}

/* Bytes an IRIREF cannot hold: controls, space and <>"{}|^`\\. */
static const guint8 iri_forbidden[256] = {
  [0x00 ... 0x20] = 1,
  ['<'] = 1, ['>'] = 1, ['"'] = 1, ['{'] = 1, ['}'] = 1, ['|'] = 1,
  ['^'] = 1, ['`'] = 1, ['\\'] = 1,
};

/* An IRI an RDF dataset can hold: absolute, no characters IRIREF
 * excludes, and at most one "#" (a fragment cannot hold another). */
static gboolean
is_well_formed_iri (const char *s)
{
  gboolean fragment = FALSE;

  if (!_credence_jsonld_is_absolute_iri (s))
    return FALSE;
  for (const unsigned char *p = (const unsigned char *) s; *p != '\0'; p++)
    {
      if (iri_forbidden[*p])
        return FALSE;
      if (*p == '#')
        {
          if (fragment)
            return FALSE;
          fragment = TRUE;
        }
    }
  return TRUE;
}

static gboolean
is_well_formed_language (const char *s)
{
  const char *p = s;
  int n = 0;

  for (; g_ascii_isalpha (*p); p++)
    n++;
  if (n < 1 || n > 8)
    return FALSE;
  while (*p == '-')
    {
      p++;
      n = 0;
      for (; g_ascii_isalnum (*p); p++)
        n++;
      if (n < 1 || n > 8)
        return FALSE;
    }
  return *p == '\0';
}

/* @id is an issued blank node label or an IRI. */
static gboolean
resource_term (const char      *id,
               CredenceRdfTerm *term)
{
  if (id == NULL)
    return FALSE;
  if (is_blank (id))
    {
      *term = credence_rdf_term_blank (id + 2);
      return TRUE;
    }
  if (!is_well_formed_iri (id))
    return FALSE;
  *term = credence_rdf_term_iri (id);
  return TRUE;
}

static void
emit (Emitter               *em,
      const CredenceRdfTerm *subject,
      const char            *predicate,
      const CredenceRdfTerm *object,
      const CredenceRdfTerm *graph)
{
  CredenceRdfTerm p = credence_rdf_term_iri (predicate);

  credence_rdf_dataset_add_quad (em->dataset, subject, &p, object, graph);
}

static gboolean object_to_rdf (Emitter               *em,
                               JsonNode              *item,
                               const CredenceRdfTerm *graph,
                               CredenceRdfTerm       *out);

/* § 8.3 List to RDF Conversion. */
static void
list_to_rdf (Emitter               *em,
             JsonArray             *list,
             const CredenceRdfTerm *graph,
             CredenceRdfTerm       *out)
{
  guint n = json_array_get_length (list);
  g_autofree const char **labels = NULL;

  if (n == 0)
    {
      *out = credence_rdf_term_iri (CREDENCE_RDF_NIL);
      return;
    }

  labels = g_new (const char *, n);
  for (guint i = 0; i < n; i++)
    labels[i] = issue_blank (em, NULL);

  for (guint i = 0; i < n; i++)
    {
      CredenceRdfTerm subject = credence_rdf_term_blank (labels[i] + 2);
      CredenceRdfTerm object;
      CredenceRdfTerm rest;

      if (object_to_rdf (em, json_array_get_element (list, i), graph, &object))
        emit (em, &subject, CREDENCE_RDF_FIRST, &object, graph);
      if (i + 1 < n)
        rest = credence_rdf_term_blank (labels[i + 1] + 2);
      else
        rest = credence_rdf_term_iri (CREDENCE_RDF_NIL);
      emit (em, &subject, CREDENCE_RDF_REST, &rest, graph);
    }

  *out = credence_rdf_term_blank (labels[0] + 2);
}

/* The literal of a value object (§ 8.2 steps 4-15).  Its lexical form is
 * interned in the dataset, so @out stays valid. */
static gboolean
value_to_rdf (Emitter               *em,
              JsonObject            *object,
              const CredenceRdfTerm *graph,
              CredenceRdfTerm       *out)
{
  JsonNode *value = json_object_get_member (object, "@value");
  const char *datatype = string_of (json_object_get_member (object, "@type"));
  const char *language = string_of (json_object_get_member (object, "@language"));
  const char *direction = string_of (json_object_get_member (object, "@direction"));
  GString *lexical = em->lexical;

  if (datatype != NULL && strcmp (datatype, "@json") != 0 && !is_well_formed_iri (datatype))
    return FALSE;
  if (language != NULL && !is_well_formed_language (language))
    return FALSE;

  g_string_truncate (lexical, 0);
  if (g_strcmp0 (datatype, "@json") == 0)
    {
      _credence_jsonld_append_jcs (value, lexical);
      datatype = CREDENCE_RDF_JSON;
    }
  else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    {
      g_string_append (lexical, json_node_get_boolean (value) ? "true" : "false");
      if (datatype == NULL)
        datatype = CREDENCE_XSD_BOOLEAN;
    }
  else if (JSON_NODE_HOLDS_VALUE (value) &&
           (json_node_get_value_type (value) == G_TYPE_DOUBLE ||
            json_node_get_value_type (value) == G_TYPE_INT64))
    {
      gboolean is_int = json_node_get_value_type (value) == G_TYPE_INT64;
      double d = is_int ? (double) json_node_get_int (value) : json_node_get_double (value);

      if ((!is_int && (fmod (d, 1.0) != 0 || fabs (d) >= 1e21)) ||
          g_strcmp0 (datatype, CREDENCE_XSD_DOUBLE) == 0)
        {
          _credence_jsonld_append_double (d, lexical);
          if (datatype == NULL)
            datatype = CREDENCE_XSD_DOUBLE;
        }
      else
        {
          if (is_int)
            g_string_append_printf (lexical, "%" G_GINT64_FORMAT, json_node_get_int (value));
          else if (d == 0)
            g_string_append_c (lexical, '0');
          else
            g_string_append_printf (lexical, "%.0f", d);
          if (datatype == NULL)
            datatype = CREDENCE_XSD_INTEGER;
        }
    }
  else if (is_string (value))
    g_string_append (lexical, json_node_get_string (value));
  else
    return FALSE;

  if (direction != NULL && em->rdf_direction != CREDENCE_JSONLD_RDF_DIRECTION_NONE)
    {
      g_autofree char *lower = g_ascii_strdown (language != NULL ? language : "", -1);

      if (em->rdf_direction == CREDENCE_JSONLD_RDF_DIRECTION_I18N_DATATYPE)
        {
          g_autofree char *dt = g_strconcat (I18N_NS, lower, "_", direction, NULL);

          *out = credence_rdf_term_literal (credence_rdf_dataset_intern (em->dataset, lexical->str),
                                            credence_rdf_dataset_intern (em->dataset, dt), NULL);
        }
      else
        {
          const char *label = issue_blank (em, NULL);
          CredenceRdfTerm node = credence_rdf_term_blank (label + 2);
          CredenceRdfTerm literal;

          literal = credence_rdf_term_literal (lexical->str, NULL, NULL);
          emit (em, &node, CREDENCE_RDF_NS "value", &literal, graph);
          if (language != NULL)
            {
              literal = credence_rdf_term_literal (lower, NULL, NULL);
              emit (em, &node, CREDENCE_RDF_NS "language", &literal, graph);
            }
          literal = credence_rdf_term_literal (direction, NULL, NULL);
          emit (em, &node, CREDENCE_RDF_NS "direction", &literal, graph);
          *out = node;
        }
      return TRUE;
    }

  if (datatype != NULL && strcmp (datatype, CREDENCE_XSD_STRING) == 0)
    datatype = NULL;
  if (language != NULL)
    datatype = NULL;
  *out = credence_rdf_term_literal (credence_rdf_dataset_intern (em->dataset, lexical->str),
                                    datatype, language);
  return TRUE;
}

static const char *node_to_rdf (Emitter               *em,
                                JsonObject            *node,
                                const CredenceRdfTerm *graph);

/* § 8.2 Object to RDF Conversion; a node object's own triples are written
 * on the way. */
static gboolean
object_to_rdf (Emitter               *em,
               JsonNode              *item,
               const CredenceRdfTerm *graph,
               CredenceRdfTerm       *out)
{
  JsonObject *object;

  if (!is_object (item))
    return FALSE;
  object = json_node_get_object (item);

  if (json_object_has_member (object, "@list"))
    {
      list_to_rdf (em, json_object_get_array_member (object, "@list"), graph, out);
      return TRUE;
    }
  if (json_object_has_member (object, "@value"))
    return value_to_rdf (em, object, graph, out);
  return resource_term (node_to_rdf (em, object, graph), out);
}

static void
nodes_to_rdf (Emitter               *em,
              JsonNode              *items,
              const CredenceRdfTerm *graph)
{
  JsonArray *array;

  if (!is_array (items))
    return;
  array = json_node_get_array (items);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (is_object (item) &&
          !json_object_has_member (json_node_get_object (item), "@value") &&
          !json_object_has_member (json_node_get_object (item), "@list"))
        node_to_rdf (em, json_node_get_object (item), graph);
    }
}

/* Writes the triples of the node object @node into @graph (a term of kind
 * CREDENCE_RDF_TERM_NONE for the default graph) and returns its identifier: an IRI, an issued blank node
 * label, or "" for `"@id": null`, which is never well-formed. */
static const char *
node_to_rdf (Emitter               *em,
             JsonObject            *node,
             const CredenceRdfTerm *graph)
{
  JsonNode *entry = json_object_get_member (node, "@id");
  const char *id = string_of (entry);
  CredenceRdfTerm subject;
  gboolean subject_ok;
  JsonObjectIter iter;
  const char *property;
  JsonNode *values;

  if (entry != NULL && id == NULL)
    id = "";
  else if (id == NULL)
    id = issue_blank (em, NULL);
  else if (is_blank (id))
    id = issue_blank (em, id);
  subject_ok = resource_term (id, &subject);

  json_object_iter_init_ordered (&iter, node);
  while (json_object_iter_next_ordered (&iter, &property, &values))
    {
      JsonArray *items;
      gboolean property_ok;

      if (strcmp (property, "@type") == 0)
        {
          items = is_array (values) ? json_node_get_array (values) : NULL;
          for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
            {
              const char *type = string_of (json_array_get_element (items, i));
              CredenceRdfTerm object;

              if (type != NULL && is_blank (type))
                type = issue_blank (em, type);
              if (subject_ok && resource_term (type, &object))
                emit (em, &subject, CREDENCE_RDF_TYPE, &object, graph);
            }
          continue;
        }

      if (strcmp (property, "@reverse") == 0 && is_object (values))
        {
          JsonObjectIter reverse_iter;
          const char *reverse_property;
          JsonNode *reverse_values;

          json_object_iter_init_ordered (&reverse_iter, json_node_get_object (values));
          while (json_object_iter_next_ordered (&reverse_iter, &reverse_property, &reverse_values))
            {
              JsonArray *a = is_array (reverse_values) ? json_node_get_array (reverse_values) : NULL;
              gboolean reverse_ok = !is_blank (reverse_property) && is_well_formed_iri (reverse_property);

              for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
                {
                  JsonNode *item = json_array_get_element (a, i);
                  CredenceRdfTerm object;

                  if (!is_object (item))
                    continue;
                  if (resource_term (node_to_rdf (em, json_node_get_object (item), graph), &object) &&
                      subject_ok && reverse_ok)
                    emit (em, &object, reverse_property, &subject, graph);
                }
            }
          continue;
        }

      if (strcmp (property, "@graph") == 0)
        {
          CredenceRdfTerm name;

          /* A graph whose name is not well-formed is dropped whole. */
          if (resource_term (id, &name))
            nodes_to_rdf (em, values, &name);
          continue;
        }

      if (strcmp (property, "@included") == 0)
        {
          nodes_to_rdf (em, values, graph);
          continue;
        }

      if (property[0] == '@' || !is_array (values))
        continue;

      /* Blank node properties are not RDF (no generalized RDF), but the
       * nodes below them still are. */
      property_ok = subject_ok && !is_blank (property) && is_well_formed_iri (property);
      if (is_blank (property))
        issue_blank (em, property);
      items = json_node_get_array (values);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          CredenceRdfTerm object;

          if (object_to_rdf (em, json_array_get_element (items, i), graph, &object) && property_ok)
            emit (em, &subject, property, &object, graph);
        }
    }

  return id;
}

CredenceRdfDataset *
_credence_jsonld_expanded_to_rdf (JsonNode                    *expanded,
                                  CredenceJsonldRdfDirection   rdf_direction,
                                  GError                     **error)
{
  Emitter em = { 0 };
  CredenceRdfTerm default_graph = { CREDENCE_RDF_TERM_NONE, NULL, NULL, NULL };

  em.dataset = credence_rdf_dataset_new ();
  /* Keys point into the expanded document, which outlives the emitter. */
  em.labels = g_hash_table_new (g_str_hash, g_str_equal);
  em.strings = g_string_chunk_new (256);
  em.rdf_direction = rdf_direction;
  em.lexical = g_string_new (NULL);

  nodes_to_rdf (&em, expanded, &default_graph);

  g_string_free (em.lexical, TRUE);
  g_hash_table_unref (em.labels);
  g_string_chunk_free (em.strings);
  return em.dataset;
}
