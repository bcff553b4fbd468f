/* credence-jsonld.c: JSON-LD 1.1 context processing and expansion.
 *
 * Follows the JSON-LD 1.1 Processing Algorithms and API (W3C
 * Recommendation, 16 July 2020): § 4.1 Context Processing, § 4.2 Create
 * Term Definition, § 5.1 Expansion, § 5.2 IRI Expansion and § 5.3 Value
 * Expansion.  Step numbers in comments refer to those sections.  Framing
 * and compaction are not implemented; the `ordered` option is not needed
 * for RDF and is off.
 *
 * Processed contexts are immutable and reference counted.  A
 * CredenceJsonld keeps the remote documents it has loaded and the results
 * of processing a remote context (or a scoped context found inside one) on
 * top of a cached context, so the contexts of a credential are processed
 * once per process and later conversions only look them up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-jsonld"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-contexts.h"
#include "credence-jsonld-private.h"
#include "credence-limits.h"

G_DEFINE_QUARK (credence-jsonld-error-quark, credence_jsonld_error)

/* ---------------------------------------------------------------------- */
/* Error codes                                                             */

static const char * const error_codes[] = {
  [CREDENCE_JSONLD_ERROR_LIMIT_EXCEEDED] = "limit exceeded",
  [CREDENCE_JSONLD_ERROR_COLLIDING_KEYWORDS] = "colliding keywords",
  [CREDENCE_JSONLD_ERROR_CONTEXT_OVERFLOW] = "context overflow",
  [CREDENCE_JSONLD_ERROR_CYCLIC_IRI_MAPPING] = "cyclic IRI mapping",
  [CREDENCE_JSONLD_ERROR_INVALID_ID_VALUE] = "invalid @id value",
  [CREDENCE_JSONLD_ERROR_INVALID_IMPORT_VALUE] = "invalid @import value",
  [CREDENCE_JSONLD_ERROR_INVALID_INCLUDED_VALUE] = "invalid @included value",
  [CREDENCE_JSONLD_ERROR_INVALID_INDEX_VALUE] = "invalid @index value",
  [CREDENCE_JSONLD_ERROR_INVALID_NEST_VALUE] = "invalid @nest value",
  [CREDENCE_JSONLD_ERROR_INVALID_PREFIX_VALUE] = "invalid @prefix value",
  [CREDENCE_JSONLD_ERROR_INVALID_PROPAGATE_VALUE] = "invalid @propagate value",
  [CREDENCE_JSONLD_ERROR_INVALID_PROTECTED_VALUE] = "invalid @protected value",
  [CREDENCE_JSONLD_ERROR_INVALID_REVERSE_VALUE] = "invalid @reverse value",
  [CREDENCE_JSONLD_ERROR_INVALID_VERSION_VALUE] = "invalid @version value",
  [CREDENCE_JSONLD_ERROR_INVALID_BASE_DIRECTION] = "invalid base direction",
  [CREDENCE_JSONLD_ERROR_INVALID_BASE_IRI] = "invalid base IRI",
  [CREDENCE_JSONLD_ERROR_INVALID_CONTAINER_MAPPING] = "invalid container mapping",
  [CREDENCE_JSONLD_ERROR_INVALID_CONTEXT_ENTRY] = "invalid context entry",
  [CREDENCE_JSONLD_ERROR_INVALID_CONTEXT_NULLIFICATION] = "invalid context nullification",
  [CREDENCE_JSONLD_ERROR_INVALID_DEFAULT_LANGUAGE] = "invalid default language",
  [CREDENCE_JSONLD_ERROR_INVALID_IRI_MAPPING] = "invalid IRI mapping",
  [CREDENCE_JSONLD_ERROR_INVALID_JSON_LITERAL] = "invalid JSON literal",
  [CREDENCE_JSONLD_ERROR_INVALID_KEYWORD_ALIAS] = "invalid keyword alias",
  [CREDENCE_JSONLD_ERROR_INVALID_LANGUAGE_MAP_VALUE] = "invalid language map value",
  [CREDENCE_JSONLD_ERROR_INVALID_LANGUAGE_MAPPING] = "invalid language mapping",
  [CREDENCE_JSONLD_ERROR_INVALID_LANGUAGE_TAGGED_STRING] = "invalid language-tagged string",
  [CREDENCE_JSONLD_ERROR_INVALID_LANGUAGE_TAGGED_VALUE] = "invalid language-tagged value",
  [CREDENCE_JSONLD_ERROR_INVALID_LOCAL_CONTEXT] = "invalid local context",
  [CREDENCE_JSONLD_ERROR_INVALID_REMOTE_CONTEXT] = "invalid remote context",
  [CREDENCE_JSONLD_ERROR_INVALID_REVERSE_PROPERTY] = "invalid reverse property",
  [CREDENCE_JSONLD_ERROR_INVALID_REVERSE_PROPERTY_MAP] = "invalid reverse property map",
  [CREDENCE_JSONLD_ERROR_INVALID_REVERSE_PROPERTY_VALUE] = "invalid reverse property value",
  [CREDENCE_JSONLD_ERROR_INVALID_SCOPED_CONTEXT] = "invalid scoped context",
  [CREDENCE_JSONLD_ERROR_INVALID_SET_OR_LIST_OBJECT] = "invalid set or list object",
  [CREDENCE_JSONLD_ERROR_INVALID_TERM_DEFINITION] = "invalid term definition",
  [CREDENCE_JSONLD_ERROR_INVALID_TYPE_MAPPING] = "invalid type mapping",
  [CREDENCE_JSONLD_ERROR_INVALID_TYPE_VALUE] = "invalid type value",
  [CREDENCE_JSONLD_ERROR_INVALID_TYPED_VALUE] = "invalid typed value",
  [CREDENCE_JSONLD_ERROR_INVALID_VALUE_OBJECT] = "invalid value object",
  [CREDENCE_JSONLD_ERROR_INVALID_VALUE_OBJECT_VALUE] = "invalid value object value",
  [CREDENCE_JSONLD_ERROR_INVALID_VOCAB_MAPPING] = "invalid vocab mapping",
  [CREDENCE_JSONLD_ERROR_IRI_CONFUSED_WITH_PREFIX] = "IRI confused with prefix",
  [CREDENCE_JSONLD_ERROR_KEYWORD_REDEFINITION] = "keyword redefinition",
  [CREDENCE_JSONLD_ERROR_LOADING_DOCUMENT_FAILED] = "loading document failed",
  [CREDENCE_JSONLD_ERROR_LOADING_REMOTE_CONTEXT_FAILED] = "loading remote context failed",
  [CREDENCE_JSONLD_ERROR_PROCESSING_MODE_CONFLICT] = "processing mode conflict",
  [CREDENCE_JSONLD_ERROR_PROTECTED_TERM_REDEFINITION] = "protected term redefinition",
};

/**
 * credence_jsonld_error_code_to_string:
 * @code: a #CredenceJsonldError
 *
 * Returns: the JSON-LD API error code @code stands for, such as
 *   `"invalid IRI mapping"`.
 */
const char *
credence_jsonld_error_code_to_string (CredenceJsonldError code)
{
  if ((guint) code >= G_N_ELEMENTS (error_codes))
    return "unknown";
  return error_codes[code];
}

/* All JSON-LD processing errors share one message shape: the document is
 * not valid JSON-LD, which part, and the spec's error code. */
G_GNUC_PRINTF (3, 4)
static gboolean
fail (GError              **error,
      CredenceJsonldError   code,
      const char           *format,
      ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  if (error == NULL)
    return FALSE;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  if (code == CREDENCE_JSONLD_ERROR_LOADING_REMOTE_CONTEXT_FAILED ||
      code == CREDENCE_JSONLD_ERROR_LOADING_DOCUMENT_FAILED)
    g_set_error (error, CREDENCE_JSONLD_ERROR, code,
                 /* Translators: %s is the URL and the reason. */
                 _("A JSON-LD context this document uses could not be loaded (%s)"), detail);
  else if (code == CREDENCE_JSONLD_ERROR_LIMIT_EXCEEDED ||
           code == CREDENCE_JSONLD_ERROR_CONTEXT_OVERFLOW)
    g_set_error (error, CREDENCE_JSONLD_ERROR, code,
                 /* Translators: %s says which limit. */
                 _("This document’s linked data is too large or too deeply nested to check safely (%s)"),
                 detail);
  else
    g_set_error (error, CREDENCE_JSONLD_ERROR, code,
                 /* Translators: %s are a JSON-LD error code and a detail. */
                 _("The linked data in this document is not valid JSON-LD (%s: %s)"),
                 credence_jsonld_error_code_to_string (code), detail);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* JSON helpers                                                            */

static inline gboolean
is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static inline gboolean
is_scalar (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node);
}

static inline gboolean
is_boolean (JsonNode *node)
{
  return is_scalar (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static JsonNode *
new_string (const char *s)
{
  JsonNode *node = json_node_alloc ();

  json_node_init_string (node, s);
  return node;
}

static JsonNode *
new_object_node (JsonObject *object)
{
  JsonNode *node = json_node_alloc ();

  json_node_init_object (node, object);
  json_object_unref (object);
  return node;
}

static JsonNode *
new_array_node (JsonArray *array)
{
  JsonNode *node = json_node_alloc ();

  json_node_init_array (node, array);
  json_array_unref (array);
  return node;
}

static JsonNode *
member (JsonNode   *object_node,
        const char *name)
{
  return json_object_get_member (json_node_get_object (object_node), name);
}

/* Wraps @node (transfer full) in an array unless it is one. */
static JsonNode *
as_array (JsonNode *node)
{
  JsonArray *array;

  if (is_array (node))
    return node;
  array = json_array_new ();
  json_array_add_element (array, node);
  return new_array_node (array);
}

/* ---------------------------------------------------------------------- */
/* Keywords and IRIs                                                       */

static const char * const keywords[] = {
  "@base", "@container", "@context", "@direction", "@graph", "@id",
  "@import", "@included", "@index", "@json", "@language", "@list", "@nest",
  "@none", "@prefix", "@propagate", "@protected", "@reverse", "@set",
  "@type", "@value", "@version", "@vocab",
};

gboolean
_credence_jsonld_is_keyword (const char *s)
{
  if (s == NULL || s[0] != '@')
    return FALSE;
  /* Only the keywords that start with the same letter are compared. */
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (keywords[i][1] == s[1] && strcmp (s, keywords[i]) == 0)
      return TRUE;
  return FALSE;
}

#define is_keyword _credence_jsonld_is_keyword

/* "@" followed by one or more ALPHA: reserved for future keywords. */
static gboolean
has_keyword_form (const char *s)
{
  if (s[0] != '@' || s[1] == '\0')
    return FALSE;
  for (const char *p = s + 1; *p != '\0'; p++)
    if (!g_ascii_isalpha (*p))
      return FALSE;
  return TRUE;
}

/* An absolute IRI: a scheme, a colon, and no whitespace. */
gboolean
_credence_jsonld_is_absolute_iri (const char *s)
{
  const char *p = s;

  if (s == NULL || !g_ascii_isalpha (*p))
    return FALSE;
  for (p++; g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.'; p++)
    ;
  if (*p != ':')
    return FALSE;
  for (; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

#define is_absolute_iri _credence_jsonld_is_absolute_iri

static inline gboolean
is_blank_node_id (const char *s)
{
  return s[0] == '_' && s[1] == ':';
}

/* Truncates @out after @start at its last "/" (RFC 3986 § 5.2.4 2C). */
static void
drop_last_segment (GString *out,
                   gsize    start)
{
  gsize i = out->len;

  while (i > start && out->str[i - 1] != '/')
    i--;
  g_string_truncate (out, i > start ? i - 1 : start);
}

/* RFC 3986 § 5.2.4. */
static void
remove_dot_segments (const char *path,
                     GString    *out)
{
  const char *in = path;
  gsize start = out->len;

  while (*in != '\0')
    {
      if (g_str_has_prefix (in, "../"))
        in += 3;
      else if (g_str_has_prefix (in, "./"))
        in += 2;
      else if (g_str_has_prefix (in, "/./"))
        in += 2;
      else if (strcmp (in, "/.") == 0)
        {
          in += 1;
          g_string_append_c (out, '/');
          in += 1;
        }
      else if (g_str_has_prefix (in, "/../") || strcmp (in, "/..") == 0)
        {
          if (in[3] == '\0')
            {
              /* "/.." at the end is treated as "/". */
              in += 3;
              drop_last_segment (out, start);
              g_string_append_c (out, '/');
              continue;
            }
          in += 3;
          drop_last_segment (out, start);
        }
      else if (strcmp (in, ".") == 0 || strcmp (in, "..") == 0)
        in += strlen (in);
      else
        {
          /* The first segment of the input, with its leading "/". */
          gsize n = 1 + strcspn (in + 1, "/");

          g_string_append_len (out, in, n);
          in += n;
        }
    }
}

typedef struct
{
  const char *scheme;   gsize scheme_len;   gboolean has_scheme;
  const char *auth;     gsize auth_len;     gboolean has_auth;
  const char *path;     gsize path_len;
  const char *query;    gsize query_len;    gboolean has_query;
  const char *frag;     gsize frag_len;     gboolean has_frag;
} UriParts;

/* RFC 3986 appendix B. */
static void
split_uri (const char *s,
           UriParts   *u)
{
  const char *p = s;

  memset (u, 0, sizeof *u);
  if (g_ascii_isalpha (*p))
    {
      const char *q = p + 1;

      while (g_ascii_isalnum (*q) || *q == '+' || *q == '-' || *q == '.')
        q++;
      if (*q == ':')
        {
          u->has_scheme = TRUE;
          u->scheme = p;
          u->scheme_len = q - p;
          p = q + 1;
        }
    }
  if (p[0] == '/' && p[1] == '/')
    {
      p += 2;
      u->has_auth = TRUE;
      u->auth = p;
      u->auth_len = strcspn (p, "/?#");
      p += u->auth_len;
    }
  u->path = p;
  u->path_len = strcspn (p, "?#");
  p += u->path_len;
  if (*p == '?')
    {
      p++;
      u->has_query = TRUE;
      u->query = p;
      u->query_len = strcspn (p, "#");
      p += u->query_len;
    }
  if (*p == '#')
    {
      p++;
      u->has_frag = TRUE;
      u->frag = p;
      u->frag_len = strlen (p);
    }
}

/* RFC 3986 § 5.2.2 and § 5.3: resolve @ref against @base (no
 * normalisation).  A %NULL @base leaves @ref as it is. */
char *
_credence_jsonld_resolve_iri (const char *base,
                              const char *ref)
{
  UriParts b, r;
  GString *out;
  g_autofree char *path = NULL;

  if (base == NULL)
    return g_strdup (ref);

  split_uri (ref, &r);
  if (r.has_scheme)
    {
      g_autofree char *rpath = g_strndup (r.path, r.path_len);

      out = g_string_new (NULL);
      g_string_append_len (out, r.scheme, r.scheme_len + 1);
      if (r.has_auth)
        {
          g_string_append (out, "//");
          g_string_append_len (out, r.auth, r.auth_len);
        }
      remove_dot_segments (rpath, out);
      goto query;
    }

  split_uri (base, &b);
  out = g_string_new (NULL);
  if (b.has_scheme)
    g_string_append_len (out, b.scheme, b.scheme_len + 1);

  if (r.has_auth)
    {
      g_autofree char *rpath = g_strndup (r.path, r.path_len);

      g_string_append (out, "//");
      g_string_append_len (out, r.auth, r.auth_len);
      remove_dot_segments (rpath, out);
      goto query;
    }

  if (b.has_auth)
    {
      g_string_append (out, "//");
      g_string_append_len (out, b.auth, b.auth_len);
    }

  if (r.path_len == 0)
    {
      g_string_append_len (out, b.path, b.path_len);
      if (r.has_query)
        {
          g_string_append_c (out, '?');
          g_string_append_len (out, r.query, r.query_len);
        }
      else if (b.has_query)
        {
          g_string_append_c (out, '?');
          g_string_append_len (out, b.query, b.query_len);
        }
      goto fragment;
    }

  if (r.path[0] == '/')
    path = g_strndup (r.path, r.path_len);
  else if (b.has_auth && b.path_len == 0)
    path = g_strdup_printf ("/%.*s", (int) r.path_len, r.path);
  else
    {
      const char *slash = NULL;

      for (gsize i = 0; i < b.path_len; i++)
        if (b.path[i] == '/')
          slash = b.path + i;
      if (slash != NULL)
        path = g_strdup_printf ("%.*s%.*s", (int) (slash - b.path + 1), b.path,
                                (int) r.path_len, r.path);
      else
        path = g_strndup (r.path, r.path_len);
    }
  remove_dot_segments (path, out);

query:
  if (r.has_query)
    {
      g_string_append_c (out, '?');
      g_string_append_len (out, r.query, r.query_len);
    }
fragment:
  if (r.has_frag)
    {
      g_string_append_c (out, '#');
      g_string_append_len (out, r.frag, r.frag_len);
    }
  return g_string_free (out, FALSE);
}

#define resolve_iri _credence_jsonld_resolve_iri

/* ---------------------------------------------------------------------- */
/* Term definitions and active contexts                                    */

enum
{
  CONTAINER_GRAPH    = 1 << 0,
  CONTAINER_ID       = 1 << 1,
  CONTAINER_INDEX    = 1 << 2,
  CONTAINER_LANGUAGE = 1 << 3,
  CONTAINER_LIST     = 1 << 4,
  CONTAINER_SET      = 1 << 5,
  CONTAINER_TYPE     = 1 << 6,
};

typedef struct
{
  gatomicrefcount  ref;
  char            *iri;           /* NULL: explicitly not an IRI (@id: null) */
  char            *type;          /* type mapping or NULL */
  char            *language;
  char            *direction;
  char            *index;
  char            *nest;
  char            *base_url;      /* base URL of the scoped context */
  JsonNode        *context;       /* scoped context, or NULL */
  guint            container;
  guint            reverse : 1;
  guint            has_language : 1;
  guint            has_direction : 1;
  guint            protected : 1;
  guint            prefix : 1;
  guint            cacheable : 1; /* context belongs to a cached document */
} TermDef;

static TermDef *
term_def_ref (TermDef *def)
{
  g_atomic_ref_count_inc (&def->ref);
  return def;
}

static void
term_def_unref (TermDef *def)
{
  if (!g_atomic_ref_count_dec (&def->ref))
    return;
  g_free (def->iri);
  g_free (def->type);
  g_free (def->language);
  g_free (def->direction);
  g_free (def->index);
  g_free (def->nest);
  g_free (def->base_url);
  g_clear_pointer (&def->context, json_node_unref);
  g_free (def);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TermDef, term_def_unref)

/* Equal other than the protected flag (§ 4.2.2 step 29). */
static gboolean
term_def_same (const TermDef *a,
               const TermDef *b)
{
  if (g_strcmp0 (a->iri, b->iri) != 0 || g_strcmp0 (a->type, b->type) != 0 ||
      a->reverse != b->reverse || a->container != b->container ||
      a->has_language != b->has_language || g_strcmp0 (a->language, b->language) != 0 ||
      a->has_direction != b->has_direction || g_strcmp0 (a->direction, b->direction) != 0 ||
      g_strcmp0 (a->index, b->index) != 0 || g_strcmp0 (a->nest, b->nest) != 0 ||
      a->prefix != b->prefix)
    return FALSE;
  if ((a->context == NULL) != (b->context == NULL))
    return FALSE;
  return a->context == NULL || json_node_equal (a->context, b->context);
}

typedef struct _Ctx Ctx;
struct _Ctx
{
  gatomicrefcount  ref;
  guint64          id;
  GHashTable      *terms;          /* term → TermDef, shared until written */
  char            *base;           /* NULL: no base IRI */
  char            *original_base;
  char            *vocab;
  char            *language;
  char            *direction;
  Ctx             *previous;
  guint            n_protected;
  gboolean         cacheable;
};

static guint64 next_ctx_id = 1;

static Ctx *
ctx_ref (Ctx *ctx)
{
  g_atomic_ref_count_inc (&ctx->ref);
  return ctx;
}

static void
ctx_unref (Ctx *ctx)
{
  if (ctx == NULL || !g_atomic_ref_count_dec (&ctx->ref))
    return;
  g_hash_table_unref (ctx->terms);
  g_free (ctx->base);
  g_free (ctx->original_base);
  g_free (ctx->vocab);
  g_free (ctx->language);
  g_free (ctx->direction);
  if (ctx->previous != NULL)
    ctx_unref (ctx->previous);
  g_free (ctx);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ctx, ctx_unref)

static Ctx *
ctx_new_initial (const char *base)
{
  Ctx *ctx = g_new0 (Ctx, 1);

  g_atomic_ref_count_init (&ctx->ref);
  ctx->id = __atomic_fetch_add (&next_ctx_id, 1, __ATOMIC_RELAXED);
  ctx->terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) term_def_unref);
  ctx->base = g_strdup (base);
  ctx->original_base = g_strdup (base);
  return ctx;
}

/* A new context equal to @ctx, sharing its term table until
 * ctx_make_terms_writable() is called. */
static Ctx *
ctx_copy (const Ctx *ctx)
{
  Ctx *copy = g_new0 (Ctx, 1);

  g_atomic_ref_count_init (&copy->ref);
  copy->id = __atomic_fetch_add (&next_ctx_id, 1, __ATOMIC_RELAXED);
  copy->terms = g_hash_table_ref (ctx->terms);
  copy->base = g_strdup (ctx->base);
  copy->original_base = g_strdup (ctx->original_base);
  copy->vocab = g_strdup (ctx->vocab);
  copy->language = g_strdup (ctx->language);
  copy->direction = g_strdup (ctx->direction);
  copy->previous = ctx->previous != NULL ? ctx_ref (ctx->previous) : NULL;
  copy->n_protected = ctx->n_protected;
  return copy;
}

static void
ctx_make_terms_writable (Ctx        *ctx,
                         GHashTable *shared)
{
  GHashTableIter iter;
  gpointer key, value;
  GHashTable *terms;

  if (ctx->terms != shared)
    return;
  terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify) term_def_unref);
  g_hash_table_iter_init (&iter, shared);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (terms, g_strdup (key), term_def_ref (value));
  g_hash_table_unref (ctx->terms);
  ctx->terms = terms;
}

static inline TermDef *
ctx_lookup (const Ctx  *ctx,
            const char *term)
{
  return g_hash_table_lookup (ctx->terms, term);
}

/* The key of a processed context: the context it was processed on, the
 * options that matter, and what was processed.  A remote context is named
 * by its URL; a context inside a document the processor keeps, by its
 * address (no allocation on lookup, the common case); any other (inline)
 * context, by its JSON text and base URL. */
typedef struct
{
  guint64        ctx_id;
  gconstpointer  node;
  char          *text;
  guint          flags;
} CacheKey;

#define CACHE_KEY_INLINE (1u << 8)

static guint
cache_key_hash (gconstpointer p)
{
  const CacheKey *k = p;
  guint h = (guint) (k->ctx_id * 2654435761u) ^ (k->flags * 16777619u);

  h ^= (guint) GPOINTER_TO_SIZE (k->node) ^ (guint) ((guint64) GPOINTER_TO_SIZE (k->node) >> 32);
  if (k->text != NULL)
    h = h * 31 + g_str_hash (k->text);
  return h;
}

static gboolean
cache_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const CacheKey *ka = a, *kb = b;

  return ka->ctx_id == kb->ctx_id && ka->flags == kb->flags && ka->node == kb->node &&
         g_strcmp0 (ka->text, kb->text) == 0;
}

static void
cache_key_free (CacheKey *key)
{
  g_free (key->text);
  g_free (key);
}

/* ---------------------------------------------------------------------- */
/* The processor object                                                    */

struct _CredenceJsonld
{
  GObject               parent_instance;

  CredenceJsonldLoader  loader;
  gpointer              loader_data;
  GDestroyNotify        loader_data_free;

  GRWLock               lock;        /* guards the three caches */
  GHashTable           *documents;   /* URL → JsonNode (the document) */
  GHashTable           *processed;   /* cache key → Ctx */
  GHashTable           *initial;     /* base IRI or "" → Ctx */
};

G_DEFINE_FINAL_TYPE (CredenceJsonld, credence_jsonld, G_TYPE_OBJECT)

static void
credence_jsonld_finalize (GObject *object)
{
  CredenceJsonld *self = CREDENCE_JSONLD (object);

  if (self->loader_data_free != NULL)
    self->loader_data_free (self->loader_data);
  g_hash_table_unref (self->documents);
  g_hash_table_unref (self->processed);
  g_hash_table_unref (self->initial);
  g_rw_lock_clear (&self->lock);

  G_OBJECT_CLASS (credence_jsonld_parent_class)->finalize (object);
}

static void
credence_jsonld_class_init (CredenceJsonldClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = credence_jsonld_finalize;
}

static void
credence_jsonld_init (CredenceJsonld *self)
{
  g_rw_lock_init (&self->lock);
  self->documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) json_node_unref);
  self->processed = g_hash_table_new_full (cache_key_hash, cache_key_equal,
                                           (GDestroyNotify) cache_key_free,
                                           (GDestroyNotify) ctx_unref);
  self->initial = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) ctx_unref);
}

/* For the tests of the cache bounds: how many entries each cache holds. */
void
_credence_jsonld_get_cache_sizes (CredenceJsonld *self,
                                  guint          *documents,
                                  guint          *processed,
                                  guint          *initial)
{
  g_return_if_fail (CREDENCE_IS_JSONLD (self));

  g_rw_lock_reader_lock (&self->lock);
  *documents = g_hash_table_size (self->documents);
  *processed = g_hash_table_size (self->processed);
  *initial = g_hash_table_size (self->initial);
  g_rw_lock_reader_unlock (&self->lock);
}

/**
 * credence_jsonld_load_bundled:
 * @url: the URL of a context
 * @user_data: unused
 * @error: return location for a #GError
 *
 * The default #CredenceJsonldLoader: serves the contexts bundled with
 * Credence (credence-contexts) and nothing else.
 *
 * Returns: (transfer full) (nullable): the parsed context document.
 */
JsonNode *
credence_jsonld_load_bundled (const char  *url,
                              gpointer     user_data,
                              GError     **error)
{
  g_autoptr(GBytes) bytes = credence_contexts_lookup (url);
  g_autoptr(JsonParser) parser = NULL;
  gsize size;
  const char *data;

  if (bytes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The JSON-LD context %s is not one Credence knows, and it is not fetched"),
                   url);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &size);
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, error))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

/**
 * credence_jsonld_new:
 * @loader: (nullable): loads remote contexts; %NULL for
 *   credence_jsonld_load_bundled()
 * @user_data: data for @loader
 * @user_data_free: (nullable): frees @user_data with the processor
 *
 * Creates a JSON-LD processor.  It caches the documents @loader returned
 * and the contexts processed from them for its lifetime, so keep one for
 * many conversions.  It may be used from several threads at once.
 *
 * Returns: (transfer full): a new processor
 */
CredenceJsonld *
credence_jsonld_new (CredenceJsonldLoader  loader,
                     gpointer              user_data,
                     GDestroyNotify        user_data_free)
{
  CredenceJsonld *self = g_object_new (CREDENCE_TYPE_JSONLD, NULL);

  self->loader = loader != NULL ? loader : credence_jsonld_load_bundled;
  self->loader_data = user_data;
  self->loader_data_free = user_data_free;
  return self;
}

/**
 * credence_jsonld_get_default:
 *
 * Returns: (transfer none): the process-wide processor that loads bundled
 *   contexts only.
 */
CredenceJsonld *
credence_jsonld_get_default (void)
{
  static CredenceJsonld *instance;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, credence_jsonld_new (NULL, NULL, NULL));
  return instance;
}

/* ---------------------------------------------------------------------- */
/* One conversion                                                          */

typedef struct
{
  CredenceJsonld *self;
  gboolean        mode_1_0;
  guint           n_contexts;
  guint           n_terms;
  guint           depth;
} Proc;

/* The chain of remote contexts being processed, on the C stack. */
typedef struct _Remote Remote;
struct _Remote
{
  const char   *url;
  const Remote *next;
  guint         length;
};

static gboolean
remote_contains (const Remote *remote,
                 const char   *url)
{
  for (; remote != NULL; remote = remote->next)
    if (strcmp (remote->url, url) == 0)
      return TRUE;
  return FALSE;
}

/* Returns the document at @url; @retained tells whether the processor's
 * cache keeps it (then pointers into it stay valid and may key caches). */
static JsonNode *
load_document (Proc        *proc,
               const char  *url,
               gboolean    *retained,
               GError     **error)
{
  CredenceJsonld *self = proc->self;
  g_autoptr(GError) local_error = NULL;
  JsonNode *document;

  g_rw_lock_reader_lock (&self->lock);
  document = g_hash_table_lookup (self->documents, url);
  if (document != NULL)
    json_node_ref (document);
  g_rw_lock_reader_unlock (&self->lock);
  *retained = document != NULL;
  if (document != NULL)
    return document;

  document = self->loader (url, self->loader_data, &local_error);
  if (document == NULL)
    {
      fail (error, CREDENCE_JSONLD_ERROR_LOADING_REMOTE_CONTEXT_FAILED, "%s: %s", url,
            local_error != NULL ? local_error->message : "no document");
      return NULL;
    }

  g_rw_lock_writer_lock (&self->lock);
  if (g_hash_table_size (self->documents) < CREDENCE_LIMIT_JSONLD_CACHED_DOCUMENTS)
    {
      JsonNode *existing = g_hash_table_lookup (self->documents, url);

      if (existing != NULL)
        {
          json_node_unref (document);
          document = json_node_ref (existing);
        }
      else
        g_hash_table_insert (self->documents, g_strdup (url), json_node_ref (document));
      *retained = TRUE;
    }
  g_rw_lock_writer_unlock (&self->lock);
  return document;
}

static Ctx *process_context (Proc         *proc,
                             Ctx          *active,
                             JsonNode     *local,
                             const char   *base_url,
                             const Remote *remote,
                             gboolean      override_protected,
                             gboolean      propagate,
                             gboolean      validate_scoped,
                             gboolean      cacheable_source,
                             GError      **error);

static char *expand_iri_full (Proc       *proc,
                              Ctx        *active,
                              const char *value,
                              gboolean    document_relative,
                              gboolean    vocab,
                              JsonObject *local,
                              GHashTable *defined,
                              const char *base_url,
                              const Remote *remote,
                              gboolean    cacheable_source,
                              GError    **error);

static gboolean
create_term_definition (Proc         *proc,
                        Ctx          *active,
                        JsonObject   *local,
                        const char   *term,
                        GHashTable   *defined,
                        const char   *base_url,
                        gboolean      protected,
                        gboolean      override_protected,
                        const Remote *remote,
                        gboolean      validate_scoped,
                        gboolean      cacheable_source,
                        GError      **error);

/* § 5.2.2 IRI Expansion.  Returns a newly allocated string, or NULL for
 * null (no error) or with @error set. */
static char *
expand_iri_full (Proc         *proc,
                 Ctx          *active,
                 const char   *value,
                 gboolean      document_relative,
                 gboolean      vocab,
                 JsonObject   *local,
                 GHashTable   *defined,
                 const char   *base_url,
                 const Remote *remote,
                 gboolean      cacheable_source,
                 GError      **error)
{
  TermDef *def;
  const char *colon;

  if (value == NULL)
    return NULL;
  if (is_keyword (value))
    return g_strdup (value);
  if (has_keyword_form (value))
    return NULL;

  if (local != NULL && json_object_has_member (local, value) &&
      !GPOINTER_TO_INT (g_hash_table_lookup (defined, value)))
    {
      if (!create_term_definition (proc, active, local, value, defined, base_url,
                                   FALSE, FALSE, remote, TRUE, cacheable_source, error))
        return NULL;
    }

  def = ctx_lookup (active, value);
  if (def != NULL && def->iri != NULL && is_keyword (def->iri))
    return g_strdup (def->iri);
  if (vocab && def != NULL)
    return g_strdup (def->iri);

  colon = value[0] != '\0' ? strchr (value + 1, ':') : NULL;
  if (colon != NULL)
    {
      g_autofree char *prefix = g_strndup (value, colon - value);
      const char *suffix = colon + 1;
      TermDef *prefix_def;

      if (strcmp (prefix, "_") == 0 || g_str_has_prefix (suffix, "//"))
        return g_strdup (value);
      if (local != NULL && json_object_has_member (local, prefix) &&
          !GPOINTER_TO_INT (g_hash_table_lookup (defined, prefix)))
        {
          if (!create_term_definition (proc, active, local, prefix, defined, base_url,
                                       FALSE, FALSE, remote, TRUE, cacheable_source, error))
            return NULL;
        }
      prefix_def = ctx_lookup (active, prefix);
      if (prefix_def != NULL && prefix_def->iri != NULL && prefix_def->prefix)
        return g_strconcat (prefix_def->iri, suffix, NULL);
      if (is_absolute_iri (value))
        return g_strdup (value);
    }

  if (vocab && active->vocab != NULL)
    return g_strconcat (active->vocab, value, NULL);
  if (document_relative)
    return resolve_iri (active->base, value);
  return g_strdup (value);
}

static inline char *
expand_iri (Proc       *proc,
            Ctx        *active,
            const char *value,
            gboolean    document_relative,
            gboolean    vocab)
{
  return expand_iri_full (proc, active, value, document_relative, vocab,
                          NULL, NULL, NULL, NULL, FALSE, NULL);
}

static gboolean
parse_container (Proc      *proc,
                 JsonNode  *value,
                 guint     *out,
                 GError   **error)
{
  static const struct { const char *name; guint bit; } names[] = {
    { "@graph", CONTAINER_GRAPH }, { "@id", CONTAINER_ID },
    { "@index", CONTAINER_INDEX }, { "@language", CONTAINER_LANGUAGE },
    { "@list", CONTAINER_LIST }, { "@set", CONTAINER_SET },
    { "@type", CONTAINER_TYPE },
  };
  guint container = 0;
  guint n = 0;
  g_autoptr(GList) items = NULL;

  if (is_array (value))
    {
      if (proc->mode_1_0)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_CONTAINER_MAPPING,
                     "an array of containers needs JSON-LD 1.1");
      items = json_array_get_elements (json_node_get_array (value));
    }
  else if (is_string (value))
    items = g_list_prepend (NULL, value);
  else
    return fail (error, CREDENCE_JSONLD_ERROR_INVALID_CONTAINER_MAPPING,
                 "@container must be a string or an array");

  for (GList *l = items; l != NULL; l = l->next)
    {
      const char *name = string_of (l->data);
      guint bit = 0;

      for (guint i = 0; name != NULL && i < G_N_ELEMENTS (names); i++)
        if (strcmp (name, names[i].name) == 0)
          bit = names[i].bit;
      if (bit == 0 || (container & bit) != 0)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_CONTAINER_MAPPING,
                     "unknown or repeated container %s", name != NULL ? name : "(not a string)");
      container |= bit;
      n++;
    }

  if (proc->mode_1_0 && (container & (CONTAINER_GRAPH | CONTAINER_ID | CONTAINER_TYPE)) != 0)
    return fail (error, CREDENCE_JSONLD_ERROR_INVALID_CONTAINER_MAPPING,
                 "@graph, @id and @type containers need JSON-LD 1.1");

  if (n > 1)
    {
      guint rest = container & ~CONTAINER_SET;
      gboolean ok;

      if ((container & CONTAINER_GRAPH) != 0)
        {
          /* @graph with @id or @index, optionally @set. */
          rest &= ~CONTAINER_GRAPH;
          ok = rest == 0 || rest == CONTAINER_ID || rest == CONTAINER_INDEX;
        }
      else
        /* @set with one of @index, @id, @type, @language. */
        ok = (container & CONTAINER_SET) != 0 && n == 2 && (rest & CONTAINER_LIST) == 0;
      if (!ok)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_CONTAINER_MAPPING,
                     "this combination of containers is not allowed");
    }

  *out = container;
  return TRUE;
}

static gboolean
has_gen_delim_end (const char *iri)
{
  gsize n = strlen (iri);

  return n > 0 && strchr (":/?#[]@", iri[n - 1]) != NULL;
}

/* § 4.2.2 Create Term Definition. */
static gboolean
create_term_definition_inner (Proc         *proc,
                              Ctx          *active,
                              JsonObject   *local,
                              const char   *term,
                              GHashTable   *defined,
                              const char   *base_url,
                              gboolean      protected,
                              gboolean      override_protected,
                              const Remote *remote,
                              gboolean      validate_scoped,
                              gboolean      cacheable_source,
                              GError      **error)
{
  g_autoptr(TermDef) def = NULL;
  g_autoptr(TermDef) previous = NULL;
  gpointer state;
  JsonNode *value;
  JsonObject *map;
  g_autoptr(JsonObject) owned_map = NULL;
  gboolean simple_term = FALSE;
  JsonNode *entry;

  /* Steps 1-2. */
  if (g_hash_table_lookup_extended (defined, term, NULL, &state))
    {
      if (GPOINTER_TO_INT (state))
        return TRUE;
      return fail (error, CREDENCE_JSONLD_ERROR_CYCLIC_IRI_MAPPING, "%s", term);
    }
  if (term[0] == '\0')
    return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TERM_DEFINITION, "empty term");
  g_hash_table_insert (defined, g_strdup (term), GINT_TO_POINTER (FALSE));

  if (++proc->n_terms > CREDENCE_LIMIT_JSONLD_TERMS)
    return fail (error, CREDENCE_JSONLD_ERROR_LIMIT_EXCEEDED,
                 "more than %d term definitions", CREDENCE_LIMIT_JSONLD_TERMS);

  value = json_object_get_member (local, term);

  /* Steps 4-6. */
  if (strcmp (term, "@type") == 0 && !proc->mode_1_0)
    {
      JsonObject *o;
      gboolean ok = is_object (value);

      if (ok)
        {
          JsonObjectIter iter;
          const char *k;
          JsonNode *v;

          o = json_node_get_object (value);
          ok = json_object_get_size (o) > 0;
          json_object_iter_init_ordered (&iter, o);
          while (json_object_iter_next_ordered (&iter, &k, &v))
            {
              if (strcmp (k, "@container") == 0)
                ok = ok && g_strcmp0 (string_of (v), "@set") == 0;
              else if (strcmp (k, "@protected") != 0)
                ok = FALSE;
            }
        }
      if (!ok)
        return fail (error, CREDENCE_JSONLD_ERROR_KEYWORD_REDEFINITION, "@type");
    }
  else if (is_keyword (term))
    return fail (error, CREDENCE_JSONLD_ERROR_KEYWORD_REDEFINITION, "%s", term);
  else if (has_keyword_form (term))
    return TRUE;

  /* Step 7. */
  previous = ctx_lookup (active, term);
  if (previous != NULL)
    {
      term_def_ref (previous);
      if (previous->protected)
        active->n_protected--;
      g_hash_table_remove (active->terms, term);
    }

  /* Steps 8-10. */
  if (is_null (value))
    {
      owned_map = json_object_new ();
      json_object_set_null_member (owned_map, "@id");
      map = owned_map;
    }
  else if (is_string (value))
    {
      owned_map = json_object_new ();
      json_object_set_string_member (owned_map, "@id", json_node_get_string (value));
      map = owned_map;
      simple_term = TRUE;
    }
  else if (is_object (value))
    map = json_node_get_object (value);
  else
    return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TERM_DEFINITION,
                 "the definition of %s is not a string or an object", term);

  /* Step 11. */
  def = g_new0 (TermDef, 1);
  g_atomic_ref_count_init (&def->ref);
  def->cacheable = cacheable_source;

  /* Step 12. */
  entry = json_object_get_member (map, "@protected");
  if (entry != NULL)
    {
      if (proc->mode_1_0)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TERM_DEFINITION, "@protected needs JSON-LD 1.1");
      if (!is_boolean (entry))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_PROTECTED_VALUE, "%s", term);
      def->protected = json_node_get_boolean (entry);
    }
  else
    def->protected = protected;

  /* Step 13. */
  entry = json_object_get_member (map, "@type");
  if (entry != NULL)
    {
      g_autofree char *type = NULL;

      if (!is_string (entry))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TYPE_MAPPING, "%s", term);
      type = expand_iri_full (proc, active, json_node_get_string (entry), FALSE, TRUE,
                              local, defined, base_url, remote, cacheable_source, error);
      if (error != NULL && *error != NULL)
        return FALSE;
      if (type == NULL ||
          ((strcmp (type, "@json") == 0 || strcmp (type, "@none") == 0) && proc->mode_1_0) ||
          (strcmp (type, "@id") != 0 && strcmp (type, "@json") != 0 &&
           strcmp (type, "@none") != 0 && strcmp (type, "@vocab") != 0 &&
           !is_absolute_iri (type)))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TYPE_MAPPING, "%s", term);
      def->type = g_steal_pointer (&type);
    }

  /* Step 14. */
  entry = json_object_get_member (map, "@reverse");
  if (entry != NULL)
    {
      g_autofree char *iri = NULL;
      JsonNode *container;

      if (json_object_has_member (map, "@id") || json_object_has_member (map, "@nest"))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_REVERSE_PROPERTY, "%s", term);
      if (!is_string (entry))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_IRI_MAPPING, "@reverse of %s", term);
      if (has_keyword_form (json_node_get_string (entry)))
        return TRUE;
      iri = expand_iri_full (proc, active, json_node_get_string (entry), FALSE, TRUE,
                             local, defined, base_url, remote, cacheable_source, error);
      if (error != NULL && *error != NULL)
        return FALSE;
      if (iri == NULL || (!is_absolute_iri (iri) && !is_blank_node_id (iri)))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_IRI_MAPPING, "@reverse of %s", term);
      def->iri = g_steal_pointer (&iri);

      container = json_object_get_member (map, "@container");
      if (container != NULL)
        {
          const char *c = string_of (container);

          if (is_null (container))
            ;
          else if (g_strcmp0 (c, "@set") == 0)
            def->container = CONTAINER_SET;
          else if (g_strcmp0 (c, "@index") == 0)
            def->container = CONTAINER_INDEX;
          else
            return fail (error, CREDENCE_JSONLD_ERROR_INVALID_REVERSE_PROPERTY,
                         "the container of reverse property %s", term);
        }
      def->reverse = TRUE;
      goto after_container;
    }

  /* Step 16. */
  entry = json_object_get_member (map, "@id");
  if (entry != NULL && g_strcmp0 (string_of (entry), term) != 0)
    {
      if (is_null (entry))
        def->iri = NULL;
      else
        {
          g_autofree char *iri = NULL;
          const char *colon;

          if (!is_string (entry))
            return fail (error, CREDENCE_JSONLD_ERROR_INVALID_IRI_MAPPING, "@id of %s", term);
          if (!is_keyword (json_node_get_string (entry)) &&
              has_keyword_form (json_node_get_string (entry)))
            return TRUE;
          iri = expand_iri_full (proc, active, json_node_get_string (entry), FALSE, TRUE,
                                 local, defined, base_url, remote, cacheable_source, error);
          if (error != NULL && *error != NULL)
            return FALSE;
          if (iri == NULL || (!is_keyword (iri) && !is_absolute_iri (iri) && !is_blank_node_id (iri)))
            return fail (error, CREDENCE_JSONLD_ERROR_INVALID_IRI_MAPPING, "@id of %s", term);
          if (strcmp (iri, "@context") == 0)
            return fail (error, CREDENCE_JSONLD_ERROR_INVALID_KEYWORD_ALIAS, "%s", term);
          def->iri = g_steal_pointer (&iri);

          colon = strchr (term, ':');
          if ((colon != NULL && colon != term && colon[1] != '\0') ||
              (colon != NULL && colon != term && strchr (colon + 1, ':') != NULL) ||
              strchr (term, '/') != NULL)
            {
              g_autofree char *expanded = NULL;

              g_hash_table_insert (defined, g_strdup (term), GINT_TO_POINTER (TRUE));
              expanded = expand_iri_full (proc, active, term, FALSE, TRUE, local, defined,
                                          base_url, remote, cacheable_source, error);
              if (error != NULL && *error != NULL)
                return FALSE;
              if (g_strcmp0 (expanded, def->iri) != 0)
                return fail (error, CREDENCE_JSONLD_ERROR_INVALID_IRI_MAPPING,
                             "%s does not expand to its own @id", term);
            }

          if (strchr (term, ':') == NULL && strchr (term, '/') == NULL && simple_term &&
              (is_blank_node_id (def->iri) || has_gen_delim_end (def->iri)))
            def->prefix = TRUE;
        }
    }
  else if (term[0] != '\0' && strchr (term + 1, ':') != NULL)
    {
      /* Step 17. */
      const char *colon = strchr (term + 1, ':');
      g_autofree char *prefix = g_strndup (term, colon - term);
      TermDef *prefix_def;

      if (json_object_has_member (local, prefix))
        {
          if (!create_term_definition (proc, active, local, prefix, defined, base_url,
                                       FALSE, FALSE, remote, TRUE, cacheable_source, error))
            return FALSE;
        }
      prefix_def = ctx_lookup (active, prefix);
      if (prefix_def != NULL && prefix_def->iri != NULL)
        def->iri = g_strconcat (prefix_def->iri, colon + 1, NULL);
      else
        def->iri = g_strdup (term);
    }
  else if (strchr (term, '/') != NULL)
    {
      /* Step 18. */
      def->iri = expand_iri (proc, active, term, FALSE, TRUE);
      if (def->iri == NULL || !is_absolute_iri (def->iri))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_IRI_MAPPING, "%s", term);
    }
  else if (strcmp (term, "@type") == 0)
    def->iri = g_strdup ("@type");
  else if (active->vocab != NULL)
    def->iri = g_strconcat (active->vocab, term, NULL);
  else
    return fail (error, CREDENCE_JSONLD_ERROR_INVALID_IRI_MAPPING,
                 "%s has no @id and there is no @vocab", term);

  /* Step 21. */
  entry = json_object_get_member (map, "@container");
  if (entry != NULL)
    {
      if (!parse_container (proc, entry, &def->container, error))
        return FALSE;
      if ((def->container & CONTAINER_TYPE) != 0)
        {
          if (def->type == NULL)
            def->type = g_strdup ("@id");
          else if (strcmp (def->type, "@id") != 0 && strcmp (def->type, "@vocab") != 0)
            return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TYPE_MAPPING,
                         "a @type container needs @type @id or @vocab");
        }
    }

after_container:
  /* Step 22. */
  entry = json_object_get_member (map, "@index");
  if (entry != NULL)
    {
      g_autofree char *iri = NULL;

      if (proc->mode_1_0 || (def->container & CONTAINER_INDEX) == 0)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TERM_DEFINITION,
                     "@index without an @index container in %s", term);
      if (!is_string (entry))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TERM_DEFINITION, "@index of %s", term);
      iri = expand_iri (proc, active, json_node_get_string (entry), FALSE, TRUE);
      if (iri == NULL || !is_absolute_iri (iri))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TERM_DEFINITION, "@index of %s", term);
      def->index = g_strdup (json_node_get_string (entry));
    }

  /* Step 23. */
  entry = json_object_get_member (map, "@context");
  if (entry != NULL)
    {
      g_autoptr(GError) scoped_error = NULL;

      if (proc->mode_1_0)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TERM_DEFINITION,
                     "scoped contexts need JSON-LD 1.1");
      if (validate_scoped)
        {
          g_autoptr(Ctx) checked = process_context (proc, active, entry, base_url, remote,
                                                    TRUE, TRUE, FALSE, def->cacheable,
                                                    &scoped_error);
          if (checked == NULL)
            {
              if (g_error_matches (scoped_error, CREDENCE_JSONLD_ERROR,
                                   CREDENCE_JSONLD_ERROR_LIMIT_EXCEEDED))
                {
                  g_propagate_error (error, g_steal_pointer (&scoped_error));
                  return FALSE;
                }
              return fail (error, CREDENCE_JSONLD_ERROR_INVALID_SCOPED_CONTEXT, "%s: %s",
                           term, scoped_error->message);
            }
        }
      def->context = json_node_ref (entry);
      def->base_url = g_strdup (base_url);
    }

  /* Steps 24-25. */
  entry = json_object_get_member (map, "@language");
  if (entry != NULL && !json_object_has_member (map, "@type"))
    {
      if (!is_null (entry) && !is_string (entry))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_LANGUAGE_MAPPING, "%s", term);
      def->has_language = TRUE;
      def->language = g_strdup (string_of (entry));
    }
  entry = json_object_get_member (map, "@direction");
  if (entry != NULL && !json_object_has_member (map, "@type"))
    {
      const char *d = string_of (entry);

      if (!is_null (entry) && g_strcmp0 (d, "ltr") != 0 && g_strcmp0 (d, "rtl") != 0)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_BASE_DIRECTION, "%s", term);
      def->has_direction = TRUE;
      def->direction = g_strdup (d);
    }

  /* Step 26. */
  entry = json_object_get_member (map, "@nest");
  if (entry != NULL)
    {
      const char *n = string_of (entry);

      if (proc->mode_1_0)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TERM_DEFINITION, "@nest needs JSON-LD 1.1");
      if (n == NULL || (is_keyword (n) && strcmp (n, "@nest") != 0))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_NEST_VALUE, "%s", term);
      def->nest = g_strdup (n);
    }

  /* Step 27. */
  entry = json_object_get_member (map, "@prefix");
  if (entry != NULL)
    {
      if (proc->mode_1_0 || strchr (term, ':') != NULL || strchr (term, '/') != NULL)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TERM_DEFINITION, "@prefix in %s", term);
      if (!is_boolean (entry))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_PREFIX_VALUE, "%s", term);
      def->prefix = json_node_get_boolean (entry);
      if (def->prefix && def->iri != NULL && is_keyword (def->iri))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TERM_DEFINITION,
                     "%s is a prefix for a keyword", term);
    }

  /* Step 28. */
  {
    static const char * const allowed[] = {
      "@id", "@reverse", "@container", "@context", "@direction", "@index",
      "@language", "@nest", "@prefix", "@protected", "@type",
    };
    JsonObjectIter iter;
    const char *key;

    json_object_iter_init_ordered (&iter, map);
    while (json_object_iter_next_ordered (&iter, &key, NULL))
      {
        gboolean ok = FALSE;

        for (guint i = 0; i < G_N_ELEMENTS (allowed) && !ok; i++)
          ok = strcmp (key, allowed[i]) == 0;
        if (!ok)
          return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TERM_DEFINITION,
                       "%s has an unknown entry %s", term, key);
      }
  }

  /* Step 29. */
  if (!override_protected && previous != NULL && previous->protected)
    {
      if (!term_def_same (def, previous))
        return fail (error, CREDENCE_JSONLD_ERROR_PROTECTED_TERM_REDEFINITION, "%s", term);
      g_clear_pointer (&def, term_def_unref);
      def = term_def_ref (previous);
    }

  /* Step 30. */
  if (def->protected)
    active->n_protected++;
  g_hash_table_insert (active->terms, g_strdup (term), g_steal_pointer (&def));
  g_hash_table_insert (defined, g_strdup (term), GINT_TO_POINTER (TRUE));
  return TRUE;
}

/* Term definitions that depend on each other recurse: bounded like
 * nesting. */
static gboolean
create_term_definition (Proc         *proc,
                        Ctx          *active,
                        JsonObject   *local,
                        const char   *term,
                        GHashTable   *defined,
                        const char   *base_url,
                        gboolean      protected,
                        gboolean      override_protected,
                        const Remote *remote,
                        gboolean      validate_scoped,
                        gboolean      cacheable_source,
                        GError      **error)
{
  gboolean ok;

  if (proc->depth >= CREDENCE_LIMIT_JSONLD_EXPANSION_DEPTH)
    return fail (error, CREDENCE_JSONLD_ERROR_LIMIT_EXCEEDED,
                 "terms depend on each other deeper than %d", CREDENCE_LIMIT_JSONLD_EXPANSION_DEPTH);
  proc->depth++;
  ok = create_term_definition_inner (proc, active, local, term, defined, base_url, protected,
                                     override_protected, remote, validate_scoped,
                                     cacheable_source, error);
  proc->depth--;
  return ok;
}

/* Fills @key for processing @local on @active; FALSE when the result
 * cannot be cached. */
static gboolean
cache_key_init (CacheKey   *key,
                Ctx        *active,
                JsonNode   *local,
                const char *url,
                const char *base_url,
                gboolean    cacheable_source,
                guint       flags)
{
  g_autofree char *text = NULL;

  memset (key, 0, sizeof *key);
  if (!active->cacheable || is_null (local))
    return FALSE;
  key->ctx_id = active->id;
  key->flags = flags;
  if (url != NULL)
    key->text = g_strdup (url);
  else if (cacheable_source)
    key->node = local;
  else
    {
      /* Not json_to_string(): its generator copies the node, and that
       * copy refs the JsonArray/JsonObject inside non-atomically, which
       * races with other threads reading the same (shared) document.  The
       * JCS writer only reads. */
      GString *jcs = g_string_new (NULL);

      _credence_jsonld_append_jcs (local, jcs);
      text = g_string_free (jcs, FALSE);
      if (strlen (text) > CREDENCE_LIMIT_JSONLD_CACHED_INLINE_SIZE)
        return FALSE;
      key->text = g_strconcat (base_url != NULL ? base_url : "", "|", text, NULL);
      key->flags |= CACHE_KEY_INLINE;
    }
  return TRUE;
}

static void
cache_key_clear (CacheKey *key)
{
  g_clear_pointer (&key->text, g_free);
}

static Ctx *
cache_lookup (Proc           *proc,
              const CacheKey *key)
{
  Ctx *ctx;

  g_rw_lock_reader_lock (&proc->self->lock);
  ctx = g_hash_table_lookup (proc->self->processed, key);
  if (ctx != NULL)
    ctx_ref (ctx);
  g_rw_lock_reader_unlock (&proc->self->lock);
  return ctx;
}

static void
cache_store (Proc           *proc,
             const CacheKey *key,
             Ctx            *ctx)
{
  CacheKey *copy = g_new (CacheKey, 1);

  *copy = *key;
  copy->text = g_strdup (key->text);
  if (!ctx->cacheable)
    ctx->cacheable = TRUE;  /* a new context, not yet shared */
  g_rw_lock_writer_lock (&proc->self->lock);
  if (g_hash_table_size (proc->self->processed) >= CREDENCE_LIMIT_JSONLD_CACHED_CONTEXTS)
    g_hash_table_remove_all (proc->self->processed);
  g_hash_table_replace (proc->self->processed, copy, ctx_ref (ctx));
  g_rw_lock_writer_unlock (&proc->self->lock);
}

/* One context definition (a map) of § 4.1.2 step 5.4 onwards, applied to
 * a new copy of @active. */
static Ctx *
process_definition (Proc         *proc,
                    Ctx          *active,
                    JsonObject   *context,
                    const char   *base_url,
                    const Remote *remote,
                    gboolean      override_protected,
                    gboolean      validate_scoped,
                    gboolean      cacheable_source,
                    GError      **error)
{
  g_autoptr(Ctx) result = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(GHashTable) defined = NULL;
  JsonNode *entry;
  gboolean protected = FALSE;
  JsonObjectIter iter;
  const char *key;

  if (++proc->n_contexts > CREDENCE_LIMIT_JSONLD_CONTEXTS)
    return fail (error, CREDENCE_JSONLD_ERROR_LIMIT_EXCEEDED,
                 "more than %d contexts", CREDENCE_LIMIT_JSONLD_CONTEXTS), NULL;
  result = ctx_copy (active);

  /* Step 5.5. */
  entry = json_object_get_member (context, "@version");
  if (entry != NULL)
    {
      if (!is_scalar (entry) || json_node_get_value_type (entry) != G_TYPE_DOUBLE ||
          json_node_get_double (entry) != 1.1)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_VERSION_VALUE, "only 1.1 is known"), NULL;
      if (proc->mode_1_0)
        return fail (error, CREDENCE_JSONLD_ERROR_PROCESSING_MODE_CONFLICT, "@version 1.1 in 1.0 mode"), NULL;
    }

  /* Step 5.6. */
  entry = json_object_get_member (context, "@import");
  if (entry != NULL)
    {
      g_autofree char *import = NULL;
      g_autoptr(JsonNode) document = NULL;
      JsonNode *imported;
      JsonObject *imported_map;

      if (proc->mode_1_0)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_CONTEXT_ENTRY, "@import in 1.0 mode"), NULL;
      if (!is_string (entry))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_IMPORT_VALUE, "not a string"), NULL;
      import = resolve_iri (base_url, json_node_get_string (entry));
      {
        char *hash = strchr (import, '#');

        if (hash != NULL)
          *hash = '\0';
      }
      gboolean retained;

      document = load_document (proc, import, &retained, error);
      if (document == NULL)
        return NULL;
      imported = is_object (document) ? member (document, "@context") : NULL;
      if (!is_object (imported))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_REMOTE_CONTEXT,
                     "%s has no @context map", import), NULL;
      imported_map = json_node_get_object (imported);
      if (json_object_has_member (imported_map, "@import"))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_CONTEXT_ENTRY,
                     "%s imports another context", import), NULL;

      merged = json_object_new ();
      json_object_iter_init_ordered (&iter, imported_map);
      while (json_object_iter_next_ordered (&iter, &key, &entry))
        if (!json_object_has_member (context, key))
          json_object_set_member (merged, key, json_node_ref (entry));
      json_object_iter_init_ordered (&iter, context);
      while (json_object_iter_next_ordered (&iter, &key, &entry))
        json_object_set_member (merged, key, json_node_ref (entry));
      context = merged;
      /* Term definitions point into the merged map: not cacheable. */
      cacheable_source = FALSE;
    }

  /* Step 5.7. */
  entry = json_object_get_member (context, "@base");
  if (entry != NULL && remote == NULL)
    {
      if (is_null (entry))
        g_clear_pointer (&result->base, g_free);
      else if (is_string (entry) && is_absolute_iri (json_node_get_string (entry)))
        {
          g_free (result->base);
          result->base = g_strdup (json_node_get_string (entry));
        }
      else if (is_string (entry) && result->base != NULL)
        {
          char *resolved = resolve_iri (result->base, json_node_get_string (entry));

          g_free (result->base);
          result->base = resolved;
        }
      else
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_BASE_IRI, "@base"), NULL;
    }

  /* Step 5.8. */
  entry = json_object_get_member (context, "@vocab");
  if (entry != NULL)
    {
      if (is_null (entry))
        g_clear_pointer (&result->vocab, g_free);
      else if (is_string (entry))
        {
          const char *v = json_node_get_string (entry);
          char *vocab;

          if (!is_absolute_iri (v) && !is_blank_node_id (v) && proc->mode_1_0)
            return fail (error, CREDENCE_JSONLD_ERROR_INVALID_VOCAB_MAPPING, "%s", v), NULL;
          vocab = expand_iri (proc, result, v, TRUE, TRUE);
          if (vocab == NULL || (!is_absolute_iri (vocab) && !is_blank_node_id (vocab)))
            {
              g_free (vocab);
              return fail (error, CREDENCE_JSONLD_ERROR_INVALID_VOCAB_MAPPING, "%s", v), NULL;
            }
          g_free (result->vocab);
          result->vocab = vocab;
        }
      else
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_VOCAB_MAPPING, "not a string"), NULL;
    }

  /* Step 5.9. */
  entry = json_object_get_member (context, "@language");
  if (entry != NULL)
    {
      if (is_null (entry))
        g_clear_pointer (&result->language, g_free);
      else if (is_string (entry))
        {
          g_free (result->language);
          result->language = g_strdup (json_node_get_string (entry));
        }
      else
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_DEFAULT_LANGUAGE, "not a string"), NULL;
    }

  /* Step 5.10. */
  entry = json_object_get_member (context, "@direction");
  if (entry != NULL)
    {
      const char *d = string_of (entry);

      if (proc->mode_1_0)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_CONTEXT_ENTRY, "@direction in 1.0 mode"), NULL;
      if (is_null (entry))
        g_clear_pointer (&result->direction, g_free);
      else if (g_strcmp0 (d, "ltr") == 0 || g_strcmp0 (d, "rtl") == 0)
        {
          g_free (result->direction);
          result->direction = g_strdup (d);
        }
      else
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_BASE_DIRECTION, "@direction"), NULL;
    }

  /* Step 5.11. */
  entry = json_object_get_member (context, "@propagate");
  if (entry != NULL)
    {
      if (proc->mode_1_0)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_CONTEXT_ENTRY, "@propagate in 1.0 mode"), NULL;
      if (!is_boolean (entry))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_PROPAGATE_VALUE, "not a boolean"), NULL;
    }

  entry = json_object_get_member (context, "@protected");
  if (entry != NULL)
    {
      if (proc->mode_1_0)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_CONTEXT_ENTRY, "@protected in 1.0 mode"), NULL;
      if (!is_boolean (entry))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_PROTECTED_VALUE, "not a boolean"), NULL;
      protected = json_node_get_boolean (entry);
    }

  /* Steps 5.12-5.13. */
  defined = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  json_object_iter_init_ordered (&iter, context);
  while (json_object_iter_next_ordered (&iter, &key, NULL))
    {
      if (strcmp (key, "@base") == 0 || strcmp (key, "@direction") == 0 ||
          strcmp (key, "@import") == 0 || strcmp (key, "@language") == 0 ||
          strcmp (key, "@propagate") == 0 || strcmp (key, "@protected") == 0 ||
          strcmp (key, "@version") == 0 || strcmp (key, "@vocab") == 0)
        continue;
      ctx_make_terms_writable (result, active->terms);
      if (!create_term_definition (proc, result, context, key, defined, base_url,
                                   protected, override_protected, remote,
                                   validate_scoped, cacheable_source, error))
        return NULL;
    }

  return g_steal_pointer (&result);
}

/* A context string: § 4.1.2 step 5.2. */
static Ctx *
process_remote (Proc         *proc,
                Ctx          *active,
                const char   *url,
                const Remote *remote,
                gboolean      validate_scoped,
                GError      **error)
{
  g_autoptr(JsonNode) document = NULL;
  JsonNode *loaded;
  gboolean retained;
  Remote link = { url, remote, remote != NULL ? remote->length + 1 : 1 };

  if (link.length > CREDENCE_LIMIT_JSONLD_CONTEXT_DEPTH)
    return fail (error, CREDENCE_JSONLD_ERROR_CONTEXT_OVERFLOW,
                 "more than %d nested remote contexts", CREDENCE_LIMIT_JSONLD_CONTEXT_DEPTH), NULL;

  document = load_document (proc, url, &retained, error);
  if (document == NULL)
    return NULL;
  loaded = is_object (document) ? member (document, "@context") : NULL;
  if (loaded == NULL)
    return fail (error, CREDENCE_JSONLD_ERROR_INVALID_REMOTE_CONTEXT,
                 "%s has no @context", url), NULL;

  return process_context (proc, active, loaded, url, &link, FALSE, TRUE,
                          validate_scoped, retained, error);
}

/* § 4.1.2 Context Processing.  Returns a new reference, or NULL with
 * @error set. */
static Ctx *
process_context_inner (Proc         *proc,
                       Ctx          *active,
                       JsonNode     *local,
                       const char   *base_url,
                       const Remote *remote,
                       gboolean      override_protected,
                       gboolean      propagate,
                       gboolean      validate_scoped,
                       gboolean      cacheable_source,
                       GError      **error)
{
  g_autoptr(Ctx) result = NULL;
  g_autofree char *url = NULL;
  CacheKey key;
  gboolean keyed;
  guint flags;

  /* Step 2. */
  if (is_object (local))
    {
      JsonNode *p = member (local, "@propagate");

      if (p != NULL)
        {
          if (!is_boolean (p))
            return fail (error, CREDENCE_JSONLD_ERROR_INVALID_PROPAGATE_VALUE, "not a boolean"), NULL;
          propagate = json_node_get_boolean (p);
        }
    }

  if (is_string (local))
    {
      char *hash;

      url = resolve_iri (base_url, json_node_get_string (local));
      hash = strchr (url, '#');
      if (hash != NULL)
        *hash = '\0';
      if (!is_absolute_iri (url))
        return fail (error, CREDENCE_JSONLD_ERROR_LOADING_REMOTE_CONTEXT_FAILED,
                     "%s is not an absolute URL", url), NULL;
      /* Step 5.2.2. */
      if (!validate_scoped && remote_contains (remote, url))
        return ctx_ref (active);
    }

  flags = (override_protected ? 1 : 0) | (propagate ? 2 : 0) | (validate_scoped ? 4 : 0) |
          (proc->mode_1_0 ? 8 : 0) | (remote != NULL ? 16 : 0);
  keyed = cache_key_init (&key, active, local, url, base_url, cacheable_source, flags);
  if (keyed)
    {
      result = cache_lookup (proc, &key);
      if (result != NULL)
        {
          cache_key_clear (&key);
          return g_steal_pointer (&result);
        }
    }

  result = ctx_ref (active);

  if (url != NULL)
    {
      Ctx *next = process_remote (proc, result, url, remote, validate_scoped, error);

      ctx_unref (result);
      result = next;
    }
  else
    {
      g_autoptr(GList) items = NULL;

      if (is_array (local))
        items = json_array_get_elements (json_node_get_array (local));
      else
        items = g_list_prepend (NULL, local);

      for (GList *l = items; l != NULL && result != NULL; l = l->next)
        {
          JsonNode *item = l->data;
          Ctx *next = NULL;

          if (is_null (item))
            {
              /* Step 5.1. */
              if (!override_protected && result->n_protected > 0)
                {
                  fail (error, CREDENCE_JSONLD_ERROR_INVALID_CONTEXT_NULLIFICATION,
                        "a context with protected terms cannot be cleared");
                  g_clear_pointer (&result, ctx_unref);
                  break;
                }
              next = ctx_new_initial (active->original_base);
              g_free (next->original_base);
              next->original_base = g_strdup (active->original_base);
            }
          else if (is_string (item) || is_array (item))
            next = process_context (proc, result, item, base_url, remote,
                                    override_protected, TRUE, validate_scoped,
                                    cacheable_source, error);
          else if (is_object (item))
            next = process_definition (proc, result, json_node_get_object (item), base_url,
                                       remote, override_protected, validate_scoped,
                                       cacheable_source, error);
          else
            fail (error, CREDENCE_JSONLD_ERROR_INVALID_LOCAL_CONTEXT, "not a map, string or null");

          g_clear_pointer (&result, ctx_unref);
          result = next;
        }
    }

  if (result == NULL)
    {
      cache_key_clear (&key);
      return NULL;
    }

  /* Step 3. */
  if (!propagate && result->previous == NULL)
    {
      Ctx *copy = ctx_copy (result);

      copy->previous = ctx_ref (active);
      ctx_unref (result);
      result = copy;
    }

  if (keyed)
    cache_store (proc, &key, result);
  cache_key_clear (&key);
  return g_steal_pointer (&result);
}

/* Nested context arrays and scoped contexts recurse: bounded like
 * nesting. */
static Ctx *
process_context (Proc         *proc,
                 Ctx          *active,
                 JsonNode     *local,
                 const char   *base_url,
                 const Remote *remote,
                 gboolean      override_protected,
                 gboolean      propagate,
                 gboolean      validate_scoped,
                 gboolean      cacheable_source,
                 GError      **error)
{
  Ctx *result;

  if (proc->depth >= CREDENCE_LIMIT_JSONLD_EXPANSION_DEPTH)
    return fail (error, CREDENCE_JSONLD_ERROR_LIMIT_EXCEEDED,
                 "contexts nested deeper than %d", CREDENCE_LIMIT_JSONLD_EXPANSION_DEPTH), NULL;
  proc->depth++;
  result = process_context_inner (proc, active, local, base_url, remote, override_protected,
                                  propagate, validate_scoped, cacheable_source, error);
  proc->depth--;
  return result;
}

/* ---------------------------------------------------------------------- */
/* Expansion                                                               */

static JsonNode *expand_element (Proc        *proc,
                                 Ctx         *active,
                                 const char  *active_property,
                                 JsonNode    *element,
                                 const char  *base_url,
                                 gboolean     from_map,
                                 GError     **error);

/* § 5.3.2 Value Expansion. */
static JsonNode *
expand_value (Proc       *proc,
              Ctx        *active,
              const char *active_property,
              JsonNode   *value)
{
  TermDef *def = active_property != NULL ? ctx_lookup (active, active_property) : NULL;
  const char *type = def != NULL ? def->type : NULL;
  JsonObject *result = json_object_new ();

  if (type != NULL && is_string (value) &&
      (strcmp (type, "@id") == 0 || strcmp (type, "@vocab") == 0))
    {
      char *iri = expand_iri (proc, active, json_node_get_string (value), TRUE,
                              strcmp (type, "@vocab") == 0);
      JsonNode *id = json_node_alloc ();

      if (iri != NULL)
        json_node_init_string (id, iri);
      else
        json_node_init_null (id);
      g_free (iri);
      json_object_set_member (result, "@id", id);
      return new_object_node (result);
    }

  json_object_set_member (result, "@value", json_node_ref (value));
  if (type != NULL && strcmp (type, "@id") != 0 && strcmp (type, "@vocab") != 0 &&
      strcmp (type, "@none") != 0)
    json_object_set_string_member (result, "@type", type);
  else if (is_string (value))
    {
      const char *language = def != NULL && def->has_language ? def->language : active->language;
      const char *direction = def != NULL && def->has_direction ? def->direction : active->direction;

      if (language != NULL)
        json_object_set_string_member (result, "@language", language);
      if (direction != NULL)
        json_object_set_string_member (result, "@direction", direction);
    }
  return new_object_node (result);
}

static gboolean
is_value_object (JsonNode *node)
{
  return is_object (node) && json_object_has_member (json_node_get_object (node), "@value");
}

static gboolean
is_list_object (JsonNode *node)
{
  return is_object (node) && json_object_has_member (json_node_get_object (node), "@list");
}

static gboolean
is_graph_object (JsonNode *node)
{
  JsonObject *o;
  JsonObjectIter iter;
  const char *key;

  if (!is_object (node))
    return FALSE;
  o = json_node_get_object (node);
  if (!json_object_has_member (o, "@graph"))
    return FALSE;
  json_object_iter_init_ordered (&iter, o);
  while (json_object_iter_next_ordered (&iter, &key, NULL))
    if (strcmp (key, "@graph") != 0 && strcmp (key, "@id") != 0 &&
        strcmp (key, "@index") != 0 && strcmp (key, "@context") != 0)
      return FALSE;
  return TRUE;
}

/* Appends @value (transfer full) to the array at @key of @object,
 * flattening arrays (the "add value" helper with as array true). */
static void
add_value (JsonObject *object,
           const char *key,
           JsonNode   *value)
{
  JsonNode *existing = json_object_get_member (object, key);
  JsonArray *array;

  if (existing == NULL && is_array (value))
    {
      /* The common case: a new key, and the value is already an array. */
      json_object_set_member (object, key, value);
      return;
    }
  if (existing == NULL)
    {
      json_object_set_member (object, key, new_array_node (json_array_new ()));
      existing = json_object_get_member (object, key);
    }
  else if (!is_array (existing))
    {
      JsonArray *wrapped = json_array_new ();

      json_array_add_element (wrapped, json_node_ref (existing));
      json_object_set_member (object, key, new_array_node (wrapped));
      existing = json_object_get_member (object, key);
    }
  array = json_node_get_array (existing);

  if (is_array (value))
    {
      JsonArray *items = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (items); i++)
        json_array_add_element (array, json_node_ref (json_array_get_element (items, i)));
      json_node_unref (value);
    }
  else
    json_array_add_element (array, value);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

typedef struct
{
  Proc        *proc;
  Ctx         *active;
  Ctx         *type_scoped;
  const char  *active_property;
  const char  *input_type;
  const char  *base_url;
  JsonObject  *result;
  GError     **error;
} ObjectState;

static gboolean expand_members (ObjectState *st,
                                JsonObject  *element,
                                GHashTable  *expanded_keys);

/* Step 13.4: a key that expands to a keyword. */
static gboolean
expand_keyword_member (ObjectState *st,
                       JsonObject  *element,
                       const char  *key,
                       const char  *expanded_property,
                       JsonNode    *value,
                       GPtrArray   *nests)
{
  Proc *proc = st->proc;
  GError **error = st->error;
  JsonObject *result = st->result;
  g_autoptr(JsonNode) expanded_value = NULL;

  if (g_strcmp0 (st->active_property, "@reverse") == 0)
    return fail (error, CREDENCE_JSONLD_ERROR_INVALID_REVERSE_PROPERTY_MAP, "%s", key);

  if (json_object_has_member (result, expanded_property) &&
      (proc->mode_1_0 || (strcmp (expanded_property, "@included") != 0 &&
                          strcmp (expanded_property, "@type") != 0)))
    return fail (error, CREDENCE_JSONLD_ERROR_COLLIDING_KEYWORDS, "%s", expanded_property);

  if (strcmp (expanded_property, "@id") == 0)
    {
      g_autofree char *iri = NULL;

      if (!is_string (value))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_ID_VALUE, "not a string");
      iri = expand_iri (proc, st->active, json_node_get_string (value), TRUE, FALSE);
      if (iri != NULL)
        expanded_value = new_string (iri);
      else
        {
          /* A keyword-like @id expands to null and is kept as null. */
          json_object_set_null_member (result, "@id");
          return TRUE;
        }
    }
  else if (strcmp (expanded_property, "@type") == 0)
    {
      JsonArray *types = json_array_new ();
      JsonNode *existing;

      if (is_string (value))
        {
          char *iri = expand_iri (proc, st->type_scoped, json_node_get_string (value), TRUE, TRUE);

          if (iri != NULL)
            json_array_add_string_element (types, iri);
          g_free (iri);
        }
      else if (is_array (value))
        {
          JsonArray *a = json_node_get_array (value);

          for (guint i = 0; i < json_array_get_length (a); i++)
            {
              JsonNode *t = json_array_get_element (a, i);
              char *iri;

              if (!is_string (t))
                {
                  json_array_unref (types);
                  return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TYPE_VALUE, "not a string");
                }
              iri = expand_iri (proc, st->type_scoped, json_node_get_string (t), TRUE, TRUE);
              if (iri != NULL)
                json_array_add_string_element (types, iri);
              g_free (iri);
            }
        }
      else
        {
          json_array_unref (types);
          return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TYPE_VALUE, "not a string");
        }

      existing = json_object_get_member (result, "@type");
      if (existing != NULL)
        {
          JsonArray *merged = json_array_new ();

          if (is_array (existing))
            {
              JsonArray *a = json_node_get_array (existing);

              for (guint i = 0; i < json_array_get_length (a); i++)
                json_array_add_element (merged, json_node_ref (json_array_get_element (a, i)));
            }
          else
            json_array_add_element (merged, json_node_ref (existing));
          for (guint i = 0; i < json_array_get_length (types); i++)
            json_array_add_element (merged, json_node_ref (json_array_get_element (types, i)));
          json_array_unref (types);
          expanded_value = new_array_node (merged);
        }
      else if (is_string (value) && json_array_get_length (types) == 1)
        {
          expanded_value = json_node_ref (json_array_get_element (types, 0));
          json_array_unref (types);
        }
      else
        expanded_value = new_array_node (types);
    }
  else if (strcmp (expanded_property, "@graph") == 0)
    {
      JsonNode *graph = expand_element (proc, st->active, "@graph", value, st->base_url, FALSE, error);

      if (graph == NULL && *error != NULL)
        return FALSE;
      expanded_value = as_array (graph != NULL ? graph : new_array_node (json_array_new ()));
    }
  else if (strcmp (expanded_property, "@included") == 0)
    {
      JsonNode *included;
      JsonArray *a;
      JsonNode *existing;

      if (proc->mode_1_0)
        return TRUE;
      /* "@included" as active property keeps free-floating values, so
       * that they are reported instead of dropped. */
      included = expand_element (proc, st->active, "@included", value, st->base_url, FALSE, error);
      if (included == NULL && *error != NULL)
        return FALSE;
      expanded_value = as_array (included != NULL ? included : new_array_node (json_array_new ()));
      a = json_node_get_array (expanded_value);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *item = json_array_get_element (a, i);

          if (!is_object (item) || is_value_object (item) || is_list_object (item) ||
              json_object_has_member (json_node_get_object (item), "@set"))
            return fail (error, CREDENCE_JSONLD_ERROR_INVALID_INCLUDED_VALUE, "not a node object");
        }
      existing = json_object_get_member (result, "@included");
      if (existing != NULL)
        {
          JsonArray *merged = json_array_new ();
          JsonArray *old = json_node_get_array (existing);

          for (guint i = 0; i < json_array_get_length (old); i++)
            json_array_add_element (merged, json_node_ref (json_array_get_element (old, i)));
          for (guint i = 0; i < json_array_get_length (a); i++)
            json_array_add_element (merged, json_node_ref (json_array_get_element (a, i)));
          json_node_unref (expanded_value);
          expanded_value = new_array_node (merged);
        }
    }
  else if (strcmp (expanded_property, "@value") == 0)
    {
      if (g_strcmp0 (st->input_type, "@json") == 0)
        {
          if (proc->mode_1_0)
            return fail (error, CREDENCE_JSONLD_ERROR_INVALID_VALUE_OBJECT_VALUE, "@json in 1.0 mode");
          json_object_set_member (result, "@value", json_node_ref (value));
          return TRUE;
        }
      else if (!is_null (value) && !is_scalar (value))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_VALUE_OBJECT_VALUE, "not a scalar");
      else if (is_null (value))
        {
          json_object_set_null_member (result, "@value");
          return TRUE;
        }
      else
        expanded_value = json_node_ref (value);
    }
  else if (strcmp (expanded_property, "@language") == 0)
    {
      if (!is_string (value))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_LANGUAGE_TAGGED_STRING, "not a string");
      expanded_value = json_node_ref (value);
    }
  else if (strcmp (expanded_property, "@direction") == 0)
    {
      const char *d = string_of (value);

      if (proc->mode_1_0)
        return TRUE;
      if (g_strcmp0 (d, "ltr") != 0 && g_strcmp0 (d, "rtl") != 0)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_BASE_DIRECTION, "@direction");
      expanded_value = json_node_ref (value);
    }
  else if (strcmp (expanded_property, "@index") == 0)
    {
      if (!is_string (value))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_INDEX_VALUE, "not a string");
      expanded_value = json_node_ref (value);
    }
  else if (strcmp (expanded_property, "@list") == 0)
    {
      JsonNode *list;

      if (st->active_property == NULL || strcmp (st->active_property, "@graph") == 0)
        return TRUE;
      list = expand_element (proc, st->active, st->active_property, value, st->base_url, FALSE, error);
      if (list == NULL && *error != NULL)
        return FALSE;
      expanded_value = as_array (list != NULL ? list : new_array_node (json_array_new ()));
    }
  else if (strcmp (expanded_property, "@set") == 0)
    {
      expanded_value = expand_element (proc, st->active, st->active_property, value,
                                       st->base_url, FALSE, error);
      if (expanded_value == NULL && *error != NULL)
        return FALSE;
    }
  else if (strcmp (expanded_property, "@reverse") == 0)
    {
      JsonObject *expanded;
      JsonObjectIter iter;
      const char *property;
      JsonNode *items;

      if (!is_object (value))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_REVERSE_VALUE, "not a map");
      expanded_value = expand_element (proc, st->active, "@reverse", value, st->base_url, FALSE, error);
      if (expanded_value == NULL)
        return *error == NULL;
      if (!is_object (expanded_value))
        return TRUE;
      expanded = json_node_get_object (expanded_value);

      if (json_object_has_member (expanded, "@reverse"))
        {
          JsonObject *twice = json_object_get_object_member (expanded, "@reverse");

          json_object_iter_init_ordered (&iter, twice);
          while (json_object_iter_next_ordered (&iter, &property, &items))
            add_value (result, property, json_node_ref (items));
        }

      json_object_iter_init_ordered (&iter, expanded);
      while (json_object_iter_next_ordered (&iter, &property, &items))
        {
          JsonObject *reverse_map;
          JsonArray *a;

          if (strcmp (property, "@reverse") == 0)
            continue;
          if (!json_object_has_member (result, "@reverse"))
            json_object_set_object_member (result, "@reverse", json_object_new ());
          reverse_map = json_object_get_object_member (result, "@reverse");
          a = json_node_get_array (items);
          for (guint i = 0; i < json_array_get_length (a); i++)
            {
              JsonNode *item = json_array_get_element (a, i);

              if (is_value_object (item) || is_list_object (item))
                return fail (error, CREDENCE_JSONLD_ERROR_INVALID_REVERSE_PROPERTY_VALUE, "%s", property);
              add_value (reverse_map, property, json_node_ref (item));
            }
        }
      return TRUE;
    }
  else if (strcmp (expanded_property, "@nest") == 0)
    {
      g_ptr_array_add (nests, (char *) key);
      return TRUE;
    }
  else
    /* @context was skipped; @base, @vocab, ... have no meaning here. */
    return TRUE;

  if (expanded_value != NULL && !is_null (expanded_value))
    json_object_set_member (result, expanded_property, g_steal_pointer (&expanded_value));
  return TRUE;
}

/* Step 13.7: a language map. */
static JsonNode *
expand_language_map (ObjectState *st,
                     TermDef     *def,
                     JsonObject  *map)
{
  JsonArray *expanded = json_array_new ();
  const char *direction = def->has_direction ? def->direction : st->active->direction;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  JsonObjectIter iter;
  const char *language;

  json_object_iter_init_ordered (&iter, map);
  while (json_object_iter_next_ordered (&iter, &language, NULL))
    g_ptr_array_add (keys, (char *) language);
  g_ptr_array_sort (keys, compare_keys);

  for (guint k = 0; k < keys->len; k++)
    {
      JsonNode *language_value = json_object_get_member (map, keys->pdata[k]);
      g_autofree char *expanded_language = NULL;
      g_autoptr(GList) items = NULL;

      language = keys->pdata[k];
      expanded_language = expand_iri (st->proc, st->active, language, FALSE, TRUE);
      if (is_array (language_value))
        items = json_array_get_elements (json_node_get_array (language_value));
      else
        items = g_list_prepend (NULL, language_value);

      for (GList *l = items; l != NULL; l = l->next)
        {
          JsonNode *item = l->data;
          JsonObject *v;

          if (is_null (item))
            continue;
          if (!is_string (item))
            {
              json_array_unref (expanded);
              return fail (st->error, CREDENCE_JSONLD_ERROR_INVALID_LANGUAGE_MAP_VALUE, "%s", language), NULL;
            }
          v = json_object_new ();
          json_object_set_member (v, "@value", json_node_ref (item));
          if (strcmp (language, "@none") != 0 && g_strcmp0 (expanded_language, "@none") != 0)
            json_object_set_string_member (v, "@language", language);
          if (direction != NULL)
            json_object_set_string_member (v, "@direction", direction);
          json_array_add_element (expanded, new_object_node (v));
        }
    }

  return new_array_node (expanded);
}

/* Prepends @first (transfer full) to the array at @key of @item. */
static void
prepend_value (JsonObject *item,
               const char *key,
               JsonNode   *first)
{
  JsonArray *values = json_array_new ();
  JsonNode *existing = json_object_get_member (item, key);

  json_array_add_element (values, first);
  if (is_array (existing))
    {
      JsonArray *a = json_node_get_array (existing);

      for (guint i = 0; i < json_array_get_length (a); i++)
        json_array_add_element (values, json_node_ref (json_array_get_element (a, i)));
    }
  else if (existing != NULL)
    json_array_add_element (values, json_node_ref (existing));
  json_object_set_member (item, key, new_array_node (values));
}

/* Step 13.8: an index, id or type map. */
static JsonNode *
expand_index_map (ObjectState *st,
                  const char  *key,
                  TermDef     *def,
                  JsonObject  *map)
{
  Proc *proc = st->proc;
  GError **error = st->error;
  guint container = def->container;
  const char *index_key = def->index != NULL ? def->index : "@index";
  JsonArray *expanded = json_array_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  JsonObjectIter iter;
  const char *index;

  json_object_iter_init_ordered (&iter, map);
  while (json_object_iter_next_ordered (&iter, &index, NULL))
    g_ptr_array_add (keys, (char *) index);
  g_ptr_array_sort (keys, compare_keys);

  for (guint k = 0; k < keys->len; k++)
    {
      JsonNode *index_value = json_object_get_member (map, keys->pdata[k]);
      g_autoptr(Ctx) map_context = NULL;
      g_autofree char *expanded_index = NULL;
      g_autoptr(JsonNode) values = NULL;
      JsonArray *a;

      index = keys->pdata[k];
      if ((container & (CONTAINER_ID | CONTAINER_TYPE)) != 0 && st->active->previous != NULL)
        map_context = ctx_ref (st->active->previous);
      else
        map_context = ctx_ref (st->active);

      if ((container & CONTAINER_TYPE) != 0)
        {
          TermDef *index_def = ctx_lookup (map_context, index);

          if (index_def != NULL && index_def->context != NULL)
            {
              Ctx *next = process_context (proc, map_context, index_def->context,
                                           index_def->base_url, NULL, FALSE, TRUE, TRUE,
                                           index_def->cacheable, error);

              if (next == NULL)
                {
                  json_array_unref (expanded);
                  return NULL;
                }
              ctx_unref (map_context);
              map_context = next;
            }
        }
      else
        {
          ctx_unref (map_context);
          map_context = ctx_ref (st->active);
        }

      expanded_index = expand_iri (proc, st->active, index, FALSE, TRUE);
      values = expand_element (proc, map_context, key,
                               is_array (index_value) ? index_value : index_value,
                               st->base_url, TRUE, error);
      if (values == NULL)
        {
          if (*error != NULL)
            {
              json_array_unref (expanded);
              return NULL;
            }
          continue;
        }
      values = as_array (g_steal_pointer (&values));
      a = json_node_get_array (values);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *item_node = json_array_get_element (a, i);
          JsonObject *item;

          if ((container & CONTAINER_GRAPH) != 0 && !is_graph_object (item_node))
            {
              JsonObject *graph = json_object_new ();

              json_object_set_member (graph, "@graph", as_array (json_node_ref (item_node)));
              item_node = new_object_node (graph);
            }
          else
            item_node = json_node_ref (item_node);

          if (!is_object (item_node))
            {
              json_array_add_element (expanded, item_node);
              continue;
            }
          item = json_node_get_object (item_node);

          if ((container & CONTAINER_INDEX) != 0 && strcmp (index_key, "@index") != 0 &&
              g_strcmp0 (expanded_index, "@none") != 0)
            {
              g_autoptr(JsonNode) index_node = new_string (index);
              JsonNode *re_expanded = expand_value (proc, st->active, index_key, index_node);
              g_autofree char *expanded_index_key = expand_iri (proc, st->active, index_key, FALSE, TRUE);

              if (is_value_object (item_node))
                {
                  json_node_unref (re_expanded);
                  json_node_unref (item_node);
                  json_array_unref (expanded);
                  return fail (error, CREDENCE_JSONLD_ERROR_INVALID_VALUE_OBJECT,
                               "an index map property on a value"), NULL;
                }
              if (expanded_index_key != NULL)
                prepend_value (item, expanded_index_key, re_expanded);
              else
                json_node_unref (re_expanded);
            }
          else if ((container & CONTAINER_INDEX) != 0 && !json_object_has_member (item, "@index") &&
                   g_strcmp0 (expanded_index, "@none") != 0)
            json_object_set_string_member (item, "@index", index);
          else if ((container & CONTAINER_ID) != 0 && !json_object_has_member (item, "@id") &&
                   g_strcmp0 (expanded_index, "@none") != 0)
            {
              char *id = expand_iri (proc, st->active, index, TRUE, FALSE);

              if (id != NULL)
                json_object_set_string_member (item, "@id", id);
              g_free (id);
            }
          else if ((container & CONTAINER_TYPE) != 0 && g_strcmp0 (expanded_index, "@none") != 0 &&
                   expanded_index != NULL)
            prepend_value (item, "@type", new_string (expanded_index));

          json_array_add_element (expanded, item_node);
        }
    }

  return new_array_node (expanded);
}

/* Step 13 for one non-keyword member. */
static gboolean
expand_property_member (ObjectState *st,
                        const char  *key,
                        const char  *expanded_property,
                        JsonNode    *value)
{
  Proc *proc = st->proc;
  GError **error = st->error;
  TermDef *def = ctx_lookup (st->active, key);
  guint container = def != NULL ? def->container : 0;
  g_autoptr(JsonNode) expanded_value = NULL;

  if (def != NULL && g_strcmp0 (def->type, "@json") == 0)
    {
      JsonObject *v = json_object_new ();

      json_object_set_member (v, "@value", json_node_ref (value));
      json_object_set_string_member (v, "@type", "@json");
      expanded_value = new_object_node (v);
    }
  else if ((container & CONTAINER_LANGUAGE) != 0 && is_object (value))
    expanded_value = expand_language_map (st, def, json_node_get_object (value));
  else if ((container & (CONTAINER_INDEX | CONTAINER_TYPE | CONTAINER_ID)) != 0 && is_object (value))
    expanded_value = expand_index_map (st, key, def, json_node_get_object (value));
  else
    expanded_value = expand_element (proc, st->active, key, value, st->base_url, FALSE, error);

  if (expanded_value == NULL)
    return *error == NULL;

  /* Step 13.11. */
  if ((container & CONTAINER_LIST) != 0 && !is_list_object (expanded_value))
    {
      JsonObject *list = json_object_new ();

      json_object_set_member (list, "@list", as_array (g_steal_pointer (&expanded_value)));
      expanded_value = new_object_node (list);
    }

  /* Step 13.12. */
  if ((container & CONTAINER_GRAPH) != 0 && (container & (CONTAINER_ID | CONTAINER_INDEX)) == 0)
    {
      JsonNode *values = as_array (g_steal_pointer (&expanded_value));
      JsonArray *a = json_node_get_array (values);
      JsonArray *graphs = json_array_new ();

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonObject *graph = json_object_new ();

          json_object_set_member (graph, "@graph", as_array (json_node_ref (json_array_get_element (a, i))));
          json_array_add_element (graphs, new_object_node (graph));
        }
      json_node_unref (values);
      expanded_value = new_array_node (graphs);
    }

  /* Step 13.13. */
  if (def != NULL && def->reverse)
    {
      JsonObject *reverse_map;
      JsonNode *values;
      JsonArray *a;

      if (!json_object_has_member (st->result, "@reverse"))
        json_object_set_object_member (st->result, "@reverse", json_object_new ());
      reverse_map = json_object_get_object_member (st->result, "@reverse");
      values = as_array (g_steal_pointer (&expanded_value));
      a = json_node_get_array (values);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *item = json_array_get_element (a, i);

          if (is_value_object (item) || is_list_object (item))
            {
              json_node_unref (values);
              return fail (error, CREDENCE_JSONLD_ERROR_INVALID_REVERSE_PROPERTY_VALUE, "%s", key);
            }
          add_value (reverse_map, expanded_property, json_node_ref (item));
        }
      json_node_unref (values);
      return TRUE;
    }

  add_value (st->result, expanded_property, g_steal_pointer (&expanded_value));
  return TRUE;
}

/* The keyword @key expands to (as a keyword or a keyword alias), or NULL:
 * the same answer as IRI-expanding it, without building the IRI. */
static const char *
keyword_of (Ctx        *ctx,
            const char *key)
{
  TermDef *def;

  if (key[0] == '@')
    return is_keyword (key) ? key : NULL;
  def = ctx_lookup (ctx, key);
  return def != NULL && def->iri != NULL && def->iri[0] == '@' && is_keyword (def->iri) ? def->iri : NULL;
}

/* Steps 13 and 14 over the members of @element. */
static gboolean
expand_members (ObjectState *st,
                JsonObject  *element,
                GHashTable  *expanded_keys)
{
  g_autoptr(GPtrArray) nests = g_ptr_array_new ();
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, element);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      g_autofree char *expanded_property = NULL;

      if (strcmp (key, "@context") == 0)
        continue;
      expanded_property = expand_iri (st->proc, st->active, key, FALSE, TRUE);
      if (expanded_property == NULL ||
          (strchr (expanded_property, ':') == NULL && !is_keyword (expanded_property)))
        continue;

      if (is_keyword (expanded_property))
        {
          if (!expand_keyword_member (st, element, key, expanded_property, value, nests))
            return FALSE;
        }
      else if (!expand_property_member (st, key, expanded_property, value))
        return FALSE;
    }

  /* Step 14. */
  g_ptr_array_sort (nests, compare_keys);
  for (guint n = 0; n < nests->len; n++)
    {
      JsonNode *nested = json_object_get_member (element, nests->pdata[n]);
      TermDef *nest_def = ctx_lookup (st->active, nests->pdata[n]);
      g_autoptr(GList) items = NULL;

      if (is_array (nested))
        items = json_array_get_elements (json_node_get_array (nested));
      else
        items = g_list_prepend (NULL, nested);

      for (GList *l = items; l != NULL; l = l->next)
        {
          JsonNode *item = l->data;
          JsonObject *o;

          if (!is_object (item))
            return fail (st->error, CREDENCE_JSONLD_ERROR_INVALID_NEST_VALUE, "not a map");
          o = json_node_get_object (item);
          json_object_iter_init_ordered (&iter, o);
          while (json_object_iter_next_ordered (&iter, &key, NULL))
            if (g_strcmp0 (keyword_of (st->active, key), "@value") == 0)
              return fail (st->error, CREDENCE_JSONLD_ERROR_INVALID_NEST_VALUE, "a value in @nest");
          /* Step 14.2.2: the nesting key's property-scoped context applies. */
          if (nest_def != NULL && nest_def->context != NULL)
            {
              g_autoptr(Ctx) scoped = process_context (st->proc, st->active, nest_def->context,
                                                       nest_def->base_url, NULL, TRUE, TRUE, TRUE,
                                                       nest_def->cacheable, st->error);
              ObjectState nested_state = *st;

              if (scoped == NULL)
                return FALSE;
              nested_state.active = scoped;
              if (!expand_members (&nested_state, o, expanded_keys))
                return FALSE;
            }
          else if (!expand_members (st, o, expanded_keys))
            return FALSE;
        }
    }

  return TRUE;
}

/* § 5.1.2 step 6 onwards: a map. */
static JsonNode *
expand_object (Proc       *proc,
               Ctx        *active_in,
               const char *active_property,
               JsonObject *element,
               const char *base_url,
               gboolean    from_map,
               TermDef    *property_def,
               GError    **error)
{
  g_autoptr(Ctx) active = ctx_ref (active_in);
  g_autoptr(Ctx) type_scoped = NULL;
  g_autoptr(JsonObject) result = json_object_new ();
  g_autoptr(GPtrArray) type_keys = g_ptr_array_new ();
  g_autofree char *input_type = NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;
  ObjectState st;

  /* Step 7. */
  if (active->previous != NULL && !from_map)
    {
      gboolean revert = TRUE;
      guint n = 0;
      gboolean only_id = FALSE;

      json_object_iter_init_ordered (&iter, element);
      while (json_object_iter_next_ordered (&iter, &key, NULL))
        {
          const char *e = keyword_of (active, key);

          n++;
          if (g_strcmp0 (e, "@value") == 0)
            revert = FALSE;
          only_id = g_strcmp0 (e, "@id") == 0;
        }
      if (n == 1 && only_id)
        revert = FALSE;
      if (revert)
        {
          Ctx *previous = ctx_ref (active->previous);

          ctx_unref (active);
          active = previous;
        }
    }

  /* Step 8. */
  if (property_def != NULL && property_def->context != NULL)
    {
      Ctx *next = process_context (proc, active, property_def->context, property_def->base_url,
                                   NULL, TRUE, TRUE, TRUE, property_def->cacheable, error);

      if (next == NULL)
        return NULL;
      ctx_unref (active);
      active = next;
    }

  /* Step 9. */
  value = json_object_get_member (element, "@context");
  if (value != NULL)
    {
      Ctx *next = process_context (proc, active, value, base_url, NULL, FALSE, TRUE, TRUE,
                                   FALSE, error);

      if (next == NULL)
        return NULL;
      ctx_unref (active);
      active = next;
    }

  /* Steps 10-12. */
  type_scoped = ctx_ref (active);
  json_object_iter_init_ordered (&iter, element);
  while (json_object_iter_next_ordered (&iter, &key, NULL))
    if (g_strcmp0 (keyword_of (active, key), "@type") == 0)
      g_ptr_array_add (type_keys, (char *) key);
  g_ptr_array_sort (type_keys, compare_keys);

  for (guint k = 0; k < type_keys->len; k++)
    {
      JsonNode *types = json_object_get_member (element, type_keys->pdata[k]);
      g_autoptr(GPtrArray) terms = g_ptr_array_new ();

      if (is_array (types))
        {
          JsonArray *a = json_node_get_array (types);

          for (guint i = 0; i < json_array_get_length (a); i++)
            if (is_string (json_array_get_element (a, i)))
              g_ptr_array_add (terms, (char *) json_node_get_string (json_array_get_element (a, i)));
        }
      else if (is_string (types))
        g_ptr_array_add (terms, (char *) json_node_get_string (types));
      g_ptr_array_sort (terms, compare_keys);

      for (guint i = 0; i < terms->len; i++)
        {
          TermDef *def = ctx_lookup (type_scoped, terms->pdata[i]);

          if (def != NULL && def->context != NULL)
            {
              Ctx *next = process_context (proc, active, def->context, def->base_url, NULL,
                                           FALSE, FALSE, TRUE, def->cacheable, error);

              if (next == NULL)
                return NULL;
              ctx_unref (active);
              active = next;
            }
        }

      if (k == 0 && terms->len > 0)
        {
          /* Step 12: the last value of the first @type entry, sorted. */
          const char *last = NULL;

          if (is_array (types))
            {
              JsonArray *a = json_node_get_array (types);
              guint n = json_array_get_length (a);

              if (n > 0)
                last = string_of (json_array_get_element (a, n - 1));
            }
          else
            last = string_of (types);
          if (last != NULL)
            input_type = expand_iri (proc, active, last, FALSE, TRUE);
        }
    }

  /* Steps 13-14. */
  st.proc = proc;
  st.active = active;
  st.type_scoped = type_scoped;
  st.active_property = active_property;
  st.input_type = input_type;
  st.base_url = base_url;
  st.result = result;
  st.error = error;
  if (!expand_members (&st, element, NULL))
    return NULL;

  /* Step 15. */
  if (json_object_has_member (result, "@value"))
    {
      JsonNode *v = json_object_get_member (result, "@value");
      JsonNode *t = json_object_get_member (result, "@type");
      gboolean has_language = json_object_has_member (result, "@language");
      gboolean has_direction = json_object_has_member (result, "@direction");

      json_object_iter_init_ordered (&iter, result);
      while (json_object_iter_next_ordered (&iter, &key, NULL))
        if (strcmp (key, "@direction") != 0 && strcmp (key, "@index") != 0 &&
            strcmp (key, "@language") != 0 && strcmp (key, "@type") != 0 &&
            strcmp (key, "@value") != 0)
          return fail (error, CREDENCE_JSONLD_ERROR_INVALID_VALUE_OBJECT, "%s in a value", key), NULL;
      if (t != NULL && (has_language || has_direction))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_VALUE_OBJECT,
                     "a value with both @type and @language or @direction"), NULL;

      if (t != NULL && g_strcmp0 (string_of (t), "@json") == 0)
        ;
      else if (is_null (v) || (is_array (v) && json_array_get_length (json_node_get_array (v)) == 0))
        return NULL;
      else if (!is_string (v) && has_language)
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_LANGUAGE_TAGGED_VALUE, "not a string"), NULL;
      else if (t != NULL && (!is_string (t) || !is_absolute_iri (json_node_get_string (t)) ||
                             is_blank_node_id (json_node_get_string (t))))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_TYPED_VALUE, "the datatype is not an IRI"), NULL;
    }
  else if (json_object_has_member (result, "@type"))
    {
      /* Step 16. */
      JsonNode *t = json_object_get_member (result, "@type");

      if (!is_array (t))
        json_object_set_member (result, "@type", as_array (json_node_ref (t)));
    }
  else if (json_object_has_member (result, "@set") || json_object_has_member (result, "@list"))
    {
      /* Step 17. */
      guint size = json_object_get_size (result);

      if (size > 2 || (size == 2 && !json_object_has_member (result, "@index")))
        return fail (error, CREDENCE_JSONLD_ERROR_INVALID_SET_OR_LIST_OBJECT, "extra entries"), NULL;
      if (json_object_has_member (result, "@set"))
        return json_node_ref (json_object_get_member (result, "@set"));
    }

  /* Step 18. */
  if (json_object_get_size (result) == 1 && json_object_has_member (result, "@language"))
    return NULL;

  /* Step 19. */
  if (active_property == NULL || strcmp (active_property, "@graph") == 0)
    {
      guint size = json_object_get_size (result);

      if (size == 0 ||
          ((json_object_has_member (result, "@value") || json_object_has_member (result, "@list"))))
        return NULL;
      if (size == 1 && json_object_has_member (result, "@id"))
        return NULL;
    }

  return new_object_node (g_steal_pointer (&result));
}

/* § 5.1.2 Expansion.  Returns NULL for null (with @error unset). */
static JsonNode *
expand_element (Proc        *proc,
                Ctx         *active,
                const char  *active_property,
                JsonNode    *element,
                const char  *base_url,
                gboolean     from_map,
                GError     **error)
{
  TermDef *property_def;
  JsonNode *result = NULL;

  if (is_null (element))
    return NULL;

  if (++proc->depth > CREDENCE_LIMIT_JSONLD_EXPANSION_DEPTH)
    {
      proc->depth--;
      return fail (error, CREDENCE_JSONLD_ERROR_LIMIT_EXCEEDED,
                   "nested deeper than %d", CREDENCE_LIMIT_JSONLD_EXPANSION_DEPTH), NULL;
    }

  property_def = active_property != NULL ? ctx_lookup (active, active_property) : NULL;

  if (is_scalar (element))
    {
      if (active_property == NULL || strcmp (active_property, "@graph") == 0)
        result = NULL;
      else if (property_def != NULL && property_def->context != NULL)
        {
          g_autoptr(Ctx) scoped = process_context (proc, active, property_def->context,
                                                   property_def->base_url, NULL, TRUE, TRUE,
                                                   TRUE, property_def->cacheable, error);

          if (scoped != NULL)
            result = expand_value (proc, scoped, active_property, element);
        }
      else
        result = expand_value (proc, active, active_property, element);
    }
  else if (is_array (element))
    {
      JsonArray *items = json_node_get_array (element);
      JsonArray *out = json_array_new ();
      gboolean list = property_def != NULL && (property_def->container & CONTAINER_LIST) != 0;

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonNode *item = expand_element (proc, active, active_property,
                                           json_array_get_element (items, i), base_url,
                                           from_map, error);

          if (item == NULL)
            {
              if (*error != NULL)
                {
                  json_array_unref (out);
                  proc->depth--;
                  return NULL;
                }
              continue;
            }
          if (list && is_array (item))
            {
              JsonObject *l = json_object_new ();

              json_object_set_member (l, "@list", item);
              item = new_object_node (l);
            }
          if (is_array (item))
            {
              JsonArray *a = json_node_get_array (item);

              for (guint j = 0; j < json_array_get_length (a); j++)
                json_array_add_element (out, json_node_ref (json_array_get_element (a, j)));
              json_node_unref (item);
            }
          else
            json_array_add_element (out, item);
        }
      result = new_array_node (out);
    }
  else
    result = expand_object (proc, active, active_property, json_node_get_object (element),
                            base_url, from_map, property_def, error);

  proc->depth--;
  return result;
}

static Ctx *
initial_context (CredenceJsonld *self,
                 const char     *base)
{
  Ctx *ctx;

  g_rw_lock_reader_lock (&self->lock);
  ctx = g_hash_table_lookup (self->initial, base != NULL ? base : "");
  if (ctx != NULL)
    ctx_ref (ctx);
  g_rw_lock_reader_unlock (&self->lock);
  if (ctx != NULL)
    return ctx;

  g_rw_lock_writer_lock (&self->lock);
  ctx = g_hash_table_lookup (self->initial, base != NULL ? base : "");
  if (ctx != NULL)
    ctx_ref (ctx);
  else
    {
      ctx = ctx_new_initial (base);
      if (g_hash_table_size (self->initial) < CREDENCE_LIMIT_JSONLD_CACHED_BASES)
        {
          ctx->cacheable = TRUE;
          g_hash_table_insert (self->initial, g_strdup (base != NULL ? base : ""), ctx_ref (ctx));
        }
    }
  g_rw_lock_writer_unlock (&self->lock);
  return ctx;
}

/**
 * credence_jsonld_expand:
 * @self: a #CredenceJsonld
 * @input: the JSON-LD document
 * @options: (nullable): options
 * @error: return location for a #GError
 *
 * Expands @input (JSON-LD 1.1 API § 5.1, with the API's final step: the
 * result is always an array).  Remote contexts come from the processor's
 * loader only.
 *
 * Returns: (transfer full) (nullable): the expanded document, or %NULL with
 *   @error set (%CREDENCE_JSONLD_ERROR).
 */
JsonNode *
credence_jsonld_expand (CredenceJsonld              *self,
                        JsonNode                    *input,
                        const CredenceJsonldOptions *options,
                        GError                     **error)
{
  static const CredenceJsonldOptions defaults = { 0 };
  Proc proc = { 0 };
  g_autoptr(Ctx) active = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *result;
  const char *base;

  g_return_val_if_fail (CREDENCE_IS_JSONLD (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  proc.self = self;
  proc.mode_1_0 = options->processing_mode_1_0;

  base = options->base != NULL ? options->base : options->document_url;
  active = initial_context (self, base);

  if (options->expand_context != NULL)
    {
      JsonNode *context = options->expand_context;
      Ctx *next;

      if (is_object (context) && json_object_has_member (json_node_get_object (context), "@context"))
        context = member (context, "@context");
      next = process_context (&proc, active, context, base, NULL, FALSE, TRUE, TRUE,
                              FALSE, &local_error);
      if (next == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      ctx_unref (active);
      active = next;
    }

  result = expand_element (&proc, active, NULL, input,
                           options->document_url != NULL ? options->document_url : base,
                           FALSE, &local_error);
  if (local_error != NULL)
    {
      g_clear_pointer (&result, json_node_unref);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (result != NULL && is_object (result))
    {
      JsonObject *o = json_node_get_object (result);

      if (json_object_get_size (o) == 1 && json_object_has_member (o, "@graph"))
        {
          JsonNode *graph = json_node_ref (json_object_get_member (o, "@graph"));

          json_node_unref (result);
          result = graph;
        }
    }
  if (result == NULL)
    result = new_array_node (json_array_new ());
  return as_array (result);
}

/**
 * credence_jsonld_to_rdf:
 * @self: a #CredenceJsonld
 * @input: the JSON-LD document
 * @options: (nullable): options
 * @error: return location for a #GError
 *
 * Deserialises @input to an RDF dataset (JSON-LD 1.1 API § 8.1): expansion,
 * node map generation, then one quad per statement.  Relative IRIs and other
 * values that are not well-formed RDF are dropped, as the algorithm says.
 *
 * Returns: (transfer full) (nullable): the dataset, or %NULL with @error set.
 */
CredenceRdfDataset *
credence_jsonld_to_rdf (CredenceJsonld              *self,
                        JsonNode                    *input,
                        const CredenceJsonldOptions *options,
                        GError                     **error)
{
  g_autoptr(JsonNode) expanded = credence_jsonld_expand (self, input, options, error);

  if (expanded == NULL)
    return NULL;
  return _credence_jsonld_expanded_to_rdf (expanded,
                                           options != NULL ? options->rdf_direction
                                                           : CREDENCE_JSONLD_RDF_DIRECTION_NONE,
                                           error);
}
