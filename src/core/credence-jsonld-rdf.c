/* credence-jsonld-rdf.c: expanded JSON-LD to an RDF dataset.
 *
 * JSON-LD 1.1 Processing Algorithms and API § 7.2 Node Map Generation,
 * § 8.1 Deserialize JSON-LD to RDF, § 8.2 Object to RDF Conversion and
 * § 8.3 List to RDF Conversion, plus the canonical lexical forms of
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

        json_object_iter_init (&iter, object);
        while (json_object_iter_next (&iter, &key, NULL))
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
/* Node map generation (§ 7.2.2)                                           */

typedef struct
{
  GHashTable *graphs;      /* graph name → (subject → JsonObject) */
  GHashTable *labels;      /* input blank node label → issued label */
  GStringChunk *strings;   /* issued labels */
  guint       counter;
} NodeMap;

static const char *
issue_blank (NodeMap    *map,
             const char *old)
{
  char buf[32];
  const char *label;

  if (old != NULL)
    {
      label = g_hash_table_lookup (map->labels, old);
      if (label != NULL)
        return label;
    }
  g_snprintf (buf, sizeof buf, "_:b%u", map->counter++);
  label = g_string_chunk_insert (map->strings, buf);
  if (old != NULL)
    g_hash_table_insert (map->labels, (char *) old, (char *) label);
  return label;
}

static GHashTable *
get_graph (NodeMap    *map,
           const char *name)
{
  GHashTable *graph = g_hash_table_lookup (map->graphs, name);

  if (graph == NULL)
    {
      graph = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) json_object_unref);
      g_hash_table_insert (map->graphs, g_strdup (name), graph);
    }
  return graph;
}

static JsonObject *
get_node (GHashTable *graph,
          const char *id)
{
  JsonObject *node = g_hash_table_lookup (graph, id);

  if (node == NULL)
    {
      node = json_object_new ();
      json_object_set_string_member (node, "@id", id);
      g_hash_table_insert (graph, g_strdup (id), node);
    }
  return node;
}

static JsonArray *
get_values (JsonObject *node,
            const char *property)
{
  JsonNode *values = json_object_get_member (node, property);

  if (values == NULL)
    {
      json_object_set_array_member (node, property, json_array_new ());
      values = json_object_get_member (node, property);
    }
  return json_node_get_array (values);
}

static void
append_unique (JsonArray *array,
               JsonNode  *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (json_node_equal (json_array_get_element (array, i), value))
      {
        json_node_unref (value);
        return;
      }
  json_array_add_element (array, value);
}

static JsonNode *
reference_to (const char *id)
{
  JsonObject *ref = json_object_new ();
  JsonNode *node = json_node_alloc ();

  json_object_set_string_member (ref, "@id", id);
  json_node_init_object (node, ref);
  json_object_unref (ref);
  return node;
}

static void
generate_node_map (NodeMap    *map,
                   JsonNode   *element,
                   const char *active_graph,
                   const char *active_subject,
                   JsonNode   *reverse_subject,
                   const char *active_property,
                   JsonArray  *list)
{
  GHashTable *graph;
  JsonObject *subject_node = NULL;
  JsonObject *object;
  JsonNode *entry;
  const char *id;
  JsonObject *node;
  JsonObjectIter iter;
  const char *property;
  JsonNode *value;

  if (is_array (element))
    {
      JsonArray *items = json_node_get_array (element);

      for (guint i = 0; i < json_array_get_length (items); i++)
        generate_node_map (map, json_array_get_element (items, i), active_graph,
                           active_subject, reverse_subject, active_property, list);
      return;
    }
  if (!is_object (element))
    return;

  object = json_node_get_object (element);
  graph = get_graph (map, active_graph);
  if (active_subject != NULL)
    subject_node = get_node (graph, active_subject);

  /* Step 4: a value object. */
  if (json_object_has_member (object, "@value"))
    {
      if (list == NULL)
        append_unique (get_values (subject_node, active_property), json_node_ref (element));
      else
        json_array_add_element (list, json_node_ref (element));
      return;
    }

  /* Step 5: a list object. */
  if (json_object_has_member (object, "@list"))
    {
      JsonObject *result = json_object_new ();
      JsonArray *items = json_array_new ();
      JsonNode *result_node = json_node_alloc ();

      json_object_set_array_member (result, "@list", items);
      generate_node_map (map, json_object_get_member (object, "@list"), active_graph,
                         active_subject, reverse_subject, active_property, items);
      json_node_init_object (result_node, result);
      json_object_unref (result);
      if (list == NULL)
        json_array_add_element (get_values (subject_node, active_property), result_node);
      else
        json_array_add_element (list, result_node);
      return;
    }

  /* Step 6: a node object. */
  entry = json_object_get_member (object, "@id");
  id = string_of (entry);
  if (entry != NULL && id == NULL)
    id = "";  /* "@id": null (a keyword-like @id): never well-formed, dropped */
  else if (id == NULL)
    id = issue_blank (map, NULL);
  else if (is_blank (id))
    id = issue_blank (map, id);
  node = get_node (graph, id);

  if (reverse_subject != NULL)
    append_unique (get_values (node, active_property), json_node_ref (reverse_subject));
  else if (active_property != NULL)
    {
      JsonNode *reference = reference_to (id);

      if (list == NULL)
        append_unique (get_values (subject_node, active_property), reference);
      else
        json_array_add_element (list, reference);
    }

  entry = json_object_get_member (object, "@type");
  if (is_array (entry))
    {
      JsonArray *types = json_node_get_array (entry);

      for (guint i = 0; i < json_array_get_length (types); i++)
        {
          const char *type = string_of (json_array_get_element (types, i));
          JsonNode *t;

          if (type == NULL)
            continue;
          if (is_blank (type))
            type = issue_blank (map, type);
          t = json_node_alloc ();
          json_node_init_string (t, type);
          append_unique (get_values (node, "@type"), t);
        }
    }

  entry = json_object_get_member (object, "@reverse");
  if (is_object (entry))
    {
      g_autoptr(JsonNode) referenced = reference_to (id);

      json_object_iter_init (&iter, json_node_get_object (entry));
      while (json_object_iter_next (&iter, &property, &value))
        generate_node_map (map, value, active_graph, NULL, referenced, property, NULL);
    }

  entry = json_object_get_member (object, "@graph");
  if (entry != NULL)
    generate_node_map (map, entry, id, NULL, NULL, NULL, NULL);

  entry = json_object_get_member (object, "@included");
  if (entry != NULL)
    generate_node_map (map, entry, active_graph, NULL, NULL, NULL, NULL);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &property, &value))
    {
      if (property[0] == '@')
        continue;
      if (is_blank (property))
        property = issue_blank (map, property);
      /* Re-fetch: @graph above may have added nodes to this graph. */
      node = get_node (get_graph (map, active_graph), id);
      get_values (node, property);
      generate_node_map (map, value, active_graph, id, NULL, property, NULL);
    }
}

/* ---------------------------------------------------------------------- */
/* Deserialisation (§ 8.1-8.3)                                             */

typedef struct
{
  CredenceRdfDataset         *dataset;
  NodeMap                    *map;
  CredenceRdfTerm             graph;
  CredenceJsonldRdfDirection  rdf_direction;
  GString                    *lexical;
} Emitter;

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
      if (*p <= 0x20 || strchr ("<>\"{}|^`\\", *p) != NULL)
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
      const CredenceRdfTerm *object)
{
  CredenceRdfTerm p = credence_rdf_term_iri (predicate);

  credence_rdf_dataset_add_quad (em->dataset, subject, &p, object, &em->graph);
}

static gboolean object_to_rdf (Emitter         *em,
                               JsonNode        *item,
                               CredenceRdfTerm *out);

/* § 8.3 List to RDF Conversion. */
static void
list_to_rdf (Emitter         *em,
             JsonArray       *list,
             CredenceRdfTerm *out)
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
    labels[i] = issue_blank (em->map, NULL);

  for (guint i = 0; i < n; i++)
    {
      CredenceRdfTerm subject = credence_rdf_term_blank (labels[i] + 2);
      CredenceRdfTerm object;
      CredenceRdfTerm rest;

      if (object_to_rdf (em, json_array_get_element (list, i), &object))
        emit (em, &subject, CREDENCE_RDF_FIRST, &object);
      if (i + 1 < n)
        rest = credence_rdf_term_blank (labels[i + 1] + 2);
      else
        rest = credence_rdf_term_iri (CREDENCE_RDF_NIL);
      emit (em, &subject, CREDENCE_RDF_REST, &rest);
    }

  *out = credence_rdf_term_blank (labels[0] + 2);
}

/* § 8.2 Object to RDF Conversion.  The lexical form of a literal lives in
 * the dataset (interned), so @out stays valid. */
static gboolean
object_to_rdf (Emitter         *em,
               JsonNode        *item,
               CredenceRdfTerm *out)
{
  JsonObject *object;
  JsonNode *value;
  const char *datatype;
  const char *language;
  const char *direction;
  GString *lexical = em->lexical;

  if (!is_object (item))
    return FALSE;
  object = json_node_get_object (item);

  if (json_object_has_member (object, "@list"))
    {
      list_to_rdf (em, json_object_get_array_member (object, "@list"), out);
      return TRUE;
    }
  if (!json_object_has_member (object, "@value"))
    return resource_term (string_of (json_object_get_member (object, "@id")), out);

  value = json_object_get_member (object, "@value");
  datatype = string_of (json_object_get_member (object, "@type"));
  language = string_of (json_object_get_member (object, "@language"));
  direction = string_of (json_object_get_member (object, "@direction"));

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
          const char *label = issue_blank (em->map, NULL);
          CredenceRdfTerm node = credence_rdf_term_blank (label + 2);
          CredenceRdfTerm literal;

          literal = credence_rdf_term_literal (lexical->str, NULL, NULL);
          emit (em, &node, CREDENCE_RDF_NS "value", &literal);
          if (language != NULL)
            {
              literal = credence_rdf_term_literal (lower, NULL, NULL);
              emit (em, &node, CREDENCE_RDF_NS "language", &literal);
            }
          literal = credence_rdf_term_literal (direction, NULL, NULL);
          emit (em, &node, CREDENCE_RDF_NS "direction", &literal);
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

static void
graph_to_rdf (Emitter    *em,
              GHashTable *graph)
{
  GHashTableIter it;
  gpointer key, value;

  g_hash_table_iter_init (&it, graph);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      JsonObject *node = value;
      CredenceRdfTerm subject;
      JsonObjectIter iter;
      const char *property;
      JsonNode *values;

      if (!resource_term (key, &subject))
        continue;

      json_object_iter_init (&iter, node);
      while (json_object_iter_next (&iter, &property, &values))
        {
          JsonArray *items;

          if (!is_array (values))
            continue;
          items = json_node_get_array (values);

          if (strcmp (property, "@type") == 0)
            {
              for (guint i = 0; i < json_array_get_length (items); i++)
                {
                  CredenceRdfTerm type;

                  if (resource_term (string_of (json_array_get_element (items, i)), &type))
                    emit (em, &subject, CREDENCE_RDF_TYPE, &type);
                }
              continue;
            }
          if (property[0] == '@' || is_blank (property) || !is_well_formed_iri (property))
            continue;

          for (guint i = 0; i < json_array_get_length (items); i++)
            {
              CredenceRdfTerm object;

              if (object_to_rdf (em, json_array_get_element (items, i), &object))
                emit (em, &subject, property, &object);
            }
        }
    }
}

CredenceRdfDataset *
_credence_jsonld_expanded_to_rdf (JsonNode                    *expanded,
                                  CredenceJsonldRdfDirection   rdf_direction,
                                  GError                     **error)
{
  NodeMap map = { 0 };
  Emitter em = { 0 };
  GHashTableIter it;
  gpointer key, value;

  map.graphs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_hash_table_unref);
  /* Keys point into the expanded document, which outlives the map. */
  map.labels = g_hash_table_new (g_str_hash, g_str_equal);
  map.strings = g_string_chunk_new (256);
  get_graph (&map, "@default");
  generate_node_map (&map, expanded, "@default", NULL, NULL, NULL, NULL);

  em.dataset = credence_rdf_dataset_new ();
  em.map = &map;
  em.rdf_direction = rdf_direction;
  em.lexical = g_string_new (NULL);

  g_hash_table_iter_init (&it, map.graphs);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      if (strcmp (key, "@default") == 0)
        em.graph = (CredenceRdfTerm) { CREDENCE_RDF_TERM_NONE, NULL, NULL, NULL };
      else if (!resource_term (key, &em.graph))
        continue;
      graph_to_rdf (&em, value);
    }

  g_string_free (em.lexical, TRUE);
  g_hash_table_unref (map.graphs);
  g_hash_table_unref (map.labels);
  g_string_chunk_free (map.strings);
  return em.dataset;
}
