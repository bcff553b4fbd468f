/* credence-rdfc.c: RDF Dataset Canonicalization (RDFC-1.0).
 *
 * Implements https://www.w3.org/TR/rdf-canon/ §4: Hash First Degree Quads,
 * Hash Related Blank Node, Hash N-Degree Quads with permutations, the
 * canonical issuer and canonical N-Quads output.  Blank nodes are numbered
 * by first appearance (subject, object, graph name, in quad order), so
 * hashing and issuing work on small integers; identifier issuers are short
 * arrays of node numbers, since the issued identifier of a node is its
 * position.  Hash N-Degree Quads is bounded by a work count (calls plus
 * permutations) and a recursion depth.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-rdfc"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <string.h>

#include "credence-limits.h"
#include "credence-rdfc.h"

#define HEX_MAX (2 * 48 + 1)   /* SHA-384 in hex, with its nul */

G_DEFINE_QUARK (credence-rdfc-error-quark, credence_rdfc_error)

typedef struct
{
  const char *label;       /* the input label (interned in the dataset) */
  GArray     *quads;       /* guint: indices of the quads that mention the node */
  int         canonical;   /* issued canonical number, or -1 */
  guint       rank;        /* position of the label in code point order */
  char        first_degree[HEX_MAX];
} Node;

/* An identifier issuer: nodes[k] was issued the identifier prefix + k.
 * @slots is an open-addressing index node → k (-1 = empty), half full at
 * most, so lookups are O(1) and a copy costs O(issued). */
typedef struct
{
  int   *nodes;
  guint  len;
  guint  cap;     /* of @nodes; @slots has 2 * cap entries */
  int   *slots;
} Issuer;

typedef struct
{
  CredenceRdfDataset    *dataset;
  const CredenceRdfQuad *quads;
  guint                  n_quads;
  int                   *quad_nodes;   /* 3 per quad: node of subject, object, graph, or -1 */
  Node                  *nodes;
  guint                  n_nodes;
  GArray                *canonical_order; /* int: nodes in canonical issue order */
  CredenceRdfEscape      escape;
  gnutls_digest_algorithm_t digest;
  guint                  digest_len;
  guint64                work;
  guint                  max_work;
  GString               *scratch;
} Canon;

/* Appends @prefix and the decimal @number, as in `_:c14n12` or `_:b3`. */
static void
append_label (GString    *out,
              const char *prefix,
              int         number)
{
  char digits[12];
  int n = 0;

  g_string_append (out, prefix);
  do
    {
      digits[n++] = '0' + number % 10;
      number /= 10;
    }
  while (number > 0);
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

/* Issuers */

/* @nodes and @slots share one block: cap nodes, then 2 * cap slots. */
static void
issuer_alloc (Issuer *self,
              guint   cap)
{
  self->cap = cap;
  self->nodes = g_new (int, 3 * cap);
  self->slots = self->nodes + cap;
}

static Issuer *
issuer_new (void)
{
  Issuer *self = g_new0 (Issuer, 1);

  issuer_alloc (self, 8);
  memset (self->slots, 0xff, 2 * self->cap * sizeof (int));
  return self;
}

static void
issuer_free (Issuer *self)
{
  if (self == NULL)
    return;
  g_free (self->nodes);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Issuer, issuer_free)

static Issuer *
issuer_copy (const Issuer *other)
{
  Issuer *self = g_new (Issuer, 1);

  self->len = other->len;
  issuer_alloc (self, other->cap);
  memcpy (self->nodes, other->nodes, 3 * other->cap * sizeof (int));
  return self;
}

static inline guint
issuer_slot (const Issuer *self,
             int           node)
{
  guint mask = 2 * self->cap - 1;
  guint i = ((guint) node * 0x9e3779b1u) & mask;

  while (self->slots[i] >= 0 && self->nodes[self->slots[i]] != node)
    i = (i + 1) & mask;
  return i;
}

/* Returns the number issued to @node, or -1. */
static int
issuer_lookup (const Issuer *self,
               int           node)
{
  return self->slots[issuer_slot (self, node)];
}

/* Issue Identifier (§4.5): returns the existing number or issues the next. */
static int
issuer_issue (Issuer *self,
              int     node)
{
  guint slot = issuer_slot (self, node);

  if (self->slots[slot] >= 0)
    return self->slots[slot];

  if (self->len == self->cap)
    {
      int *old = self->nodes;

      issuer_alloc (self, 2 * self->cap);
      memcpy (self->nodes, old, self->len * sizeof (int));
      g_free (old);
      memset (self->slots, 0xff, 2 * self->cap * sizeof (int));
      for (guint k = 0; k < self->len; k++)
        self->slots[issuer_slot (self, self->nodes[k])] = (int) k;
      slot = issuer_slot (self, node);
    }
  self->nodes[self->len] = node;
  self->slots[slot] = (int) self->len;
  return (int) self->len++;
}

/* Moves the contents of @from into @to and frees @from. */
static void
issuer_take (Issuer *to,
             Issuer *from)
{
  g_free (to->nodes);
  *to = *from;
  g_free (from);
}

/* Hashing */

static void
to_hex (Canon        *c,
        const guchar *digest,
        char          out[HEX_MAX])
{
  for (guint i = 0; i < c->digest_len; i++)
    {
      out[2 * i] = "0123456789abcdef"[digest[i] >> 4];
      out[2 * i + 1] = "0123456789abcdef"[digest[i] & 0xf];
    }
  out[2 * c->digest_len] = '\0';
}

static gboolean
hash_failed (int      rc,
             GError **error)
{
  g_set_error (error, CREDENCE_RDFC_ERROR, CREDENCE_RDFC_ERROR_FAILED,
               _("Hashing failed while canonicalizing: %s"), gnutls_strerror (rc));
  return FALSE;
}

/* Hashes @data in one go into lower-case hex. */
static gboolean
hash_to_hex (Canon       *c,
             const void  *data,
             gsize        len,
             char         out[HEX_MAX],
             GError     **error)
{
  guchar digest[48];
  int rc = gnutls_hash_fast (c->digest, data, len, digest);

  if (rc < 0)
    return hash_failed (rc, error);
  to_hex (c, digest, out);
  return TRUE;
}

static gboolean
hash_ctx_new (Canon            *c,
              gnutls_hash_hd_t *ctx,
              GError          **error)
{
  int rc = gnutls_hash_init (ctx, c->digest);

  if (rc < 0)
    return hash_failed (rc, error);
  return TRUE;
}

static void
hash_ctx_finish (Canon            *c,
                 gnutls_hash_hd_t  ctx,
                 char              out[HEX_MAX])
{
  guchar digest[48];

  gnutls_hash_deinit (ctx, digest);
  to_hex (c, digest, out);
}

/* Serialisation of quads with relabelled blank nodes */

typedef enum
{
  LABEL_FIRST_DEGREE,   /* the reference node as _:a, every other as _:z */
  LABEL_CANONICAL,      /* _:c14nN */
} LabelMode;

static void
append_term (Canon                 *c,
             const CredenceRdfTerm *term,
             int                    node,
             LabelMode              mode,
             int                    reference,
             GString               *out)
{
  if (node < 0)
    {
      credence_rdf_term_append_nquads_escaped (term, c->escape, out);
      return;
    }
  if (mode == LABEL_FIRST_DEGREE)
    g_string_append (out, node == reference ? "_:a" : "_:z");
  else
    append_label (out, "_:c14n", c->nodes[node].canonical);
}

/* Appends quad @qi as an N-Quads line followed by a nul, so that lines can
 * be sorted with strcmp. */
static void
append_quad_line (Canon     *c,
                  guint      qi,
                  LabelMode  mode,
                  int        reference,
                  GString   *out)
{
  const CredenceRdfQuad *q = &c->quads[qi];
  const int *qn = &c->quad_nodes[3 * qi];

  append_term (c, &q->subject, qn[0], mode, reference, out);
  g_string_append_c (out, ' ');
  credence_rdf_term_append_nquads (&q->predicate, out);
  g_string_append_c (out, ' ');
  append_term (c, &q->object, qn[1], mode, reference, out);
  g_string_append_c (out, ' ');
  if (q->graph.kind != CREDENCE_RDF_TERM_NONE)
    {
      append_term (c, &q->graph, qn[2], mode, reference, out);
      g_string_append_c (out, ' ');
    }
  g_string_append (out, ".\n");
  g_string_append_c (out, '\0');
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Splits the nul-separated lines of @buf and sorts them. */
static const char **
sorted_lines (GString *buf,
              guint    n_lines)
{
  const char **lines = g_new (const char *, n_lines);
  const char *p = buf->str;

  for (guint i = 0; i < n_lines; i++)
    {
      lines[i] = p;
      p += strlen (p) + 1;
    }
  if (n_lines > 1)
    qsort (lines, n_lines, sizeof (const char *), compare_strings);
  return lines;
}

/* Hash First Degree Quads (§4.6). */
static gboolean
hash_first_degree (Canon   *c,
                   int      n,
                   GError **error)
{
  Node *node = &c->nodes[n];
  g_autofree const char **lines = NULL;
  gnutls_hash_hd_t ctx;

  g_string_truncate (c->scratch, 0);
  for (guint i = 0; i < node->quads->len; i++)
    append_quad_line (c, g_array_index (node->quads, guint, i), LABEL_FIRST_DEGREE, n, c->scratch);

  lines = sorted_lines (c->scratch, node->quads->len);
  if (!hash_ctx_new (c, &ctx, error))
    return FALSE;
  for (guint i = 0; i < node->quads->len; i++)
    gnutls_hash (ctx, lines[i], strlen (lines[i]));
  hash_ctx_finish (c, ctx, node->first_degree);
  return TRUE;
}

/* Hash Related Blank Node (§4.7). */
static gboolean
hash_related (Canon        *c,
              int           related,
              guint         qi,
              const Issuer *issuer,
              char          position,
              char          out[HEX_MAX],
              GError      **error)
{
  GString *input = c->scratch;
  int k;

  g_string_truncate (input, 0);
  g_string_append_c (input, position);
  if (position != 'g')
    {
      g_string_append_c (input, '<');
      g_string_append (input, c->quads[qi].predicate.value);
      g_string_append_c (input, '>');
    }
  if (c->nodes[related].canonical >= 0)
    append_label (input, "_:c14n", c->nodes[related].canonical);
  else if ((k = issuer_lookup (issuer, related)) >= 0)
    append_label (input, "_:b", k);
  else
    g_string_append_len (input, c->nodes[related].first_degree, 2 * c->digest_len);

  return hash_to_hex (c, input->str, input->len, out, error);
}

/* A hash with its position in the order things were hashed: sorting by
 * both is a stable sort by hash. */
typedef struct
{
  char  hash[HEX_MAX];
  guint seq;
} Hashed;

static int
compare_hashed (gconstpointer a,
                gconstpointer b)
{
  const Hashed *ha = a;
  const Hashed *hb = b;
  int r = strcmp (ha->hash, hb->hash);

  if (r != 0)
    return r;
  return ha->seq < hb->seq ? -1 : ha->seq > hb->seq;
}

typedef struct
{
  Hashed h;
  int    node;
} Related;

/* Counts @units of Hash N-Degree Quads work; FALSE past the limit. */
static inline gboolean
charge (Canon *c,
        guint  units)
{
  c->work += units;
  return c->work <= c->max_work;
}

static gboolean
too_complex (Canon   *c,
             GError **error)
{
  g_set_error (error, CREDENCE_RDFC_ERROR, CREDENCE_RDFC_ERROR_TOO_COMPLEX,
               _("The credential’s data is too complex to canonicalize: its blank nodes "
                 "need more than %u steps to tell apart. It may have been made to slow "
                 "verifiers down, and cannot be verified."),
               c->max_work);
  return FALSE;
}

/* Permutations in the order of the Steinhaus–Johnson–Trotter algorithm over
 * the list sorted by input label, as the reference implementation visits
 * them: when two permutations give the same path, the first one's issuer
 * wins, and that decides the issued identifier map.  Equal elements (a node
 * related twice by the same hash) share one direction, like there. */
typedef struct
{
  int      *current;   /* node numbers */
  guint    *value_of;  /* per position: index of its value in @values */
  int      *values;    /* the distinct node numbers, in rank order */
  gboolean *left;      /* per value: its direction */
  guint     n;
  guint     n_values;
  gboolean  done;
} Permuter;

static int
compare_rank (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Node *nodes = user_data;
  guint ra = nodes[*(const int *) a].rank;
  guint rb = nodes[*(const int *) b].rank;

  return ra < rb ? -1 : ra > rb;
}

static void
permuter_init (Permuter   *self,
               const Node *nodes,
               const int  *list,
               guint       n)
{
  /* One block: current, value_of, values, left. */
  G_STATIC_ASSERT (sizeof (guint) == sizeof (int) && sizeof (gboolean) == sizeof (int));
  self->n = n;
  self->current = g_new (int, 4 * (gsize) n);
  self->value_of = (guint *) (self->current + n);
  self->values = self->current + 2 * n;
  self->left = (gboolean *) (self->current + 3 * n);
  memcpy (self->current, list, n * sizeof (int));
  g_qsort_with_data (self->current, n, sizeof (int), compare_rank, (gpointer) nodes);
  self->n_values = 0;
  for (guint i = 0; i < n; i++)
    {
      if (i == 0 || self->current[i] != self->current[i - 1])
        {
          self->values[self->n_values] = self->current[i];
          self->left[self->n_values++] = TRUE;
        }
      self->value_of[i] = self->n_values - 1;
    }
  self->done = FALSE;
}

static void
permuter_clear (Permuter *self)
{
  g_free (self->current);
}

/* Copies the current permutation into @out and steps to the next one. */
static void
permuter_next (Permuter   *self,
               const Node *nodes,
               int        *out)
{
  int *cur = self->current;
  guint *vof = self->value_of;
  int k = -1;
  guint pos = 0;

  memcpy (out, cur, self->n * sizeof (int));

  /* The largest mobile element: one greater than the neighbour it faces. */
  for (guint i = 0; i < self->n; i++)
    {
      guint rank = nodes[cur[i]].rank;
      gboolean left = self->left[vof[i]];

      if ((k < 0 || rank > nodes[k].rank)
          && ((left && i > 0 && rank > nodes[cur[i - 1]].rank)
              || (!left && i + 1 < self->n && rank > nodes[cur[i + 1]].rank)))
        {
          k = cur[i];
          pos = i;
        }
    }

  if (k < 0)
    {
      self->done = TRUE;
      return;
    }

  {
    guint swap = self->left[vof[pos]] ? pos - 1 : pos + 1;
    guint v = vof[pos];

    cur[pos] = cur[swap];
    vof[pos] = vof[swap];
    cur[swap] = k;
    vof[swap] = v;

    /* Values are in rank order: the larger ones follow k's. */
    for (guint i = v + 1; i < self->n_values; i++)
      self->left[i] = !self->left[i];
  }
}

static gboolean
path_exceeds (const GString *path,
              const GString *chosen)
{
  return chosen != NULL && path->len >= chosen->len && strcmp (path->str, chosen->str) > 0;
}

/* Hash N-Degree Quads (§4.8).  @issuer is updated in place to the result's
 * issuer; the result's hash goes to @out. */
static gboolean
hash_n_degree (Canon   *c,
               int      n,
               Issuer  *issuer,
               guint    depth,
               char     out[HEX_MAX],
               GError **error)
{
  Node *node = &c->nodes[n];
  g_autoptr(GArray) related = g_array_new (FALSE, FALSE, sizeof (Related));
  g_autoptr(GString) path = g_string_sized_new (64);
  g_autofree int *perm = NULL;
  g_autofree int *group = NULL;
  g_autofree int *recursion = NULL;
  gnutls_hash_hd_t data;
  gboolean ok = FALSE;

  if (depth > CREDENCE_LIMIT_RDFC_DEPTH)
    {
      g_set_error (error, CREDENCE_RDFC_ERROR, CREDENCE_RDFC_ERROR_TOO_COMPLEX,
                   _("The credential’s data is too complex to canonicalize: telling its blank "
                     "nodes apart needs chains deeper than %u. It may have been made to slow "
                     "verifiers down, and cannot be verified."),
                   CREDENCE_LIMIT_RDFC_DEPTH);
      return FALSE;
    }
  if (!charge (c, 1 + node->quads->len))
    return too_complex (c, error);

  /* 1–3: the hash to related blank nodes map. */
  for (guint i = 0; i < node->quads->len; i++)
    {
      guint qi = g_array_index (node->quads, guint, i);
      static const char positions[3] = { 's', 'o', 'g' };

      for (guint p = 0; p < 3; p++)
        {
          int m = c->quad_nodes[3 * qi + p];
          Related r;

          if (m < 0 || m == n)
            continue;
          if (!hash_related (c, m, qi, issuer, positions[p], r.h.hash, error))
            return FALSE;
          r.node = m;
          r.h.seq = related->len;
          g_array_append_val (related, r);
        }
    }
  g_array_sort (related, compare_hashed);

  perm = g_new (int, related->len + 1);
  group = g_new (int, related->len + 1);
  recursion = g_new (int, related->len + 1);

  /* 4–5 */
  if (!hash_ctx_new (c, &data, error))
    return FALSE;

  for (guint start = 0; start < related->len;)
    {
      const char *hash = g_array_index (related, Related, start).h.hash;
      guint end = start;
      guint n_group = 0;
      g_autoptr(GString) chosen_path = NULL;
      g_autoptr(Issuer) chosen_issuer = NULL;
      Permuter permuter;

      while (end < related->len && strcmp (g_array_index (related, Related, end).h.hash, hash) == 0)
        group[n_group++] = g_array_index (related, Related, end++).node;

      /* 5.1 */
      gnutls_hash (data, hash, 2 * c->digest_len);

      /* 5.4: every permutation of the blank node list. */
      permuter_init (&permuter, c->nodes, group, n_group);
      while (!permuter.done)
        {
          g_autoptr(Issuer) copy = NULL;
          guint n_recursion = 0;
          gboolean skip = FALSE;

          /* A permutation costs its length, the copy and the lookups. */
          if (!charge (c, 1 + n_group + issuer->len / 16))
            {
              permuter_clear (&permuter);
              too_complex (c, error);
              goto out;
            }

          permuter_next (&permuter, c->nodes, perm);
          copy = issuer_copy (issuer);
          g_string_truncate (path, 0);

          for (guint i = 0; i < n_group && !skip; i++)
            {
              int r = perm[i];

              if (c->nodes[r].canonical >= 0)
                {
                  append_label (path, "_:c14n", c->nodes[r].canonical);
                }
              else
                {
                  if (issuer_lookup (copy, r) < 0)
                    recursion[n_recursion++] = r;
                  append_label (path, "_:b", issuer_issue (copy, r));
                }
              skip = path_exceeds (path, chosen_path);
            }

          for (guint i = 0; i < n_recursion && !skip; i++)
            {
              char result[HEX_MAX];

              if (!hash_n_degree (c, recursion[i], copy, depth + 1, result, error))
                {
                  permuter_clear (&permuter);
                  goto out;
                }
              append_label (path, "_:b", issuer_lookup (copy, recursion[i]));
              g_string_append_c (path, '<');
              g_string_append (path, result);
              g_string_append_c (path, '>');
              skip = path_exceeds (path, chosen_path);
            }

          if (skip)
            continue;
          if (chosen_path == NULL || strcmp (path->str, chosen_path->str) < 0)
            {
              if (chosen_path == NULL)
                chosen_path = g_string_sized_new (path->len);
              g_string_assign (chosen_path, path->str);
              g_clear_pointer (&chosen_issuer, issuer_free);
              chosen_issuer = g_steal_pointer (&copy);
            }
        }
      permuter_clear (&permuter);

      /* 5.5–5.6 */
      gnutls_hash (data, chosen_path->str, chosen_path->len);
      issuer_take (issuer, g_steal_pointer (&chosen_issuer));
      start = end;
    }
  ok = TRUE;

out:
  hash_ctx_finish (c, data, out);
  return ok;
}

typedef struct
{
  Hashed  h;
  Issuer *issuer;
} PathResult;

static void
issue_canonical (Canon *c,
                 int    n)
{
  if (c->nodes[n].canonical >= 0)
    return;
  c->nodes[n].canonical = (int) c->canonical_order->len;
  g_array_append_val (c->canonical_order, n);
}

static int
compare_node_hashes (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const Node *nodes = user_data;
  int na = *(const int *) a;
  int nb = *(const int *) b;
  int r = strcmp (nodes[na].first_degree, nodes[nb].first_degree);

  if (r != 0)
    return r;
  return na < nb ? -1 : na > nb;
}

/* Returns the end of the run of nodes in @by_hash (sorted by first degree
 * hash) that share the hash of the node at @start. */
static guint
same_hash_end (Canon     *c,
               const int *by_hash,
               guint      start)
{
  guint end = start + 1;

  while (end < c->n_nodes
         && strcmp (c->nodes[by_hash[end]].first_degree, c->nodes[by_hash[start]].first_degree) == 0)
    end++;
  return end;
}

static int
compare_labels (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Node *nodes = user_data;
  int na = *(const int *) a;
  int nb = *(const int *) b;

  return strcmp (nodes[na].label, nodes[nb].label);
}

static void
canon_clear (Canon *c)
{
  for (guint i = 0; i < c->n_nodes; i++)
    g_array_unref (c->nodes[i].quads);
  g_free (c->nodes);
  g_free (c->quad_nodes);
  g_clear_pointer (&c->canonical_order, g_array_unref);
  if (c->scratch != NULL)
    g_string_free (c->scratch, TRUE);
}

/* Step 2: number the blank nodes and index the quads that mention them. */
static void
index_blank_nodes (Canon *c)
{
  g_autoptr(GHashTable) by_label = g_hash_table_new (g_direct_hash, g_direct_equal);
  GArray *nodes = g_array_new (FALSE, TRUE, sizeof (Node));
  g_autofree int *order = NULL;

  c->quad_nodes = g_new (int, 3 * (gsize) c->n_quads);
  for (guint qi = 0; qi < c->n_quads; qi++)
    {
      const CredenceRdfQuad *q = &c->quads[qi];
      const CredenceRdfTerm *terms[3] = { &q->subject, &q->object, &q->graph };

      for (guint p = 0; p < 3; p++)
        {
          gpointer found;
          int n;

          if (terms[p]->kind != CREDENCE_RDF_TERM_BLANK)
            {
              c->quad_nodes[3 * qi + p] = -1;
              continue;
            }

          /* Labels are interned in the dataset, so the pointer is the key. */
          if (g_hash_table_lookup_extended (by_label, terms[p]->value, NULL, &found))
            {
              n = GPOINTER_TO_INT (found);
            }
          else
            {
              Node fresh = { 0, };

              fresh.label = terms[p]->value;
              fresh.quads = g_array_new (FALSE, FALSE, sizeof (guint));
              fresh.canonical = -1;
              n = (int) nodes->len;
              g_array_append_val (nodes, fresh);
              g_hash_table_insert (by_label, (gpointer) terms[p]->value, GINT_TO_POINTER (n));
            }
          c->quad_nodes[3 * qi + p] = n;

          /* A quad is listed once per node, even if the node occurs twice. */
          {
            GArray *list = g_array_index (nodes, Node, n).quads;

            if (list->len == 0 || g_array_index (list, guint, list->len - 1) != qi)
              g_array_append_val (list, qi);
          }
        }
    }

  c->n_nodes = nodes->len;
  c->nodes = (Node *) (void *) g_array_free (nodes, FALSE);

  /* Ranks give the code point order of the input labels, used to order
   * permutations. */
  order = g_new (int, c->n_nodes + 1);
  for (guint i = 0; i < c->n_nodes; i++)
    order[i] = (int) i;
  g_qsort_with_data (order, c->n_nodes, sizeof (int), compare_labels, c->nodes);
  for (guint i = 0; i < c->n_nodes; i++)
    c->nodes[order[i]].rank = i;
}

static char *
serialize_canonical (Canon *c)
{
  g_autoptr(GString) buf = g_string_sized_new (128 * (gsize) (c->n_quads + 1));
  g_autofree const char **lines = NULL;
  GString *out;

  for (guint qi = 0; qi < c->n_quads; qi++)
    append_quad_line (c, qi, LABEL_CANONICAL, -1, buf);
  lines = sorted_lines (buf, c->n_quads);

  out = g_string_sized_new (buf->len);
  for (guint i = 0; i < c->n_quads; i++)
    g_string_append (out, lines[i]);
  return g_string_free (out, FALSE);
}

/**
 * credence_rdfc_hash_from_string:
 * @name: "sha256", "SHA-256", "sha384", "SHA384", …
 *
 * Returns: %TRUE and sets @hash if @name names a supported hash.
 */
gboolean
credence_rdfc_hash_from_string (const char       *name,
                                CredenceRdfcHash *hash)
{
  if (g_ascii_strcasecmp (name, "sha256") == 0 || g_ascii_strcasecmp (name, "sha-256") == 0)
    *hash = CREDENCE_RDFC_HASH_SHA256;
  else if (g_ascii_strcasecmp (name, "sha384") == 0 || g_ascii_strcasecmp (name, "sha-384") == 0)
    *hash = CREDENCE_RDFC_HASH_SHA384;
  else
    return FALSE;
  return TRUE;
}

/**
 * credence_rdfc_canonicalize_full:
 * @dataset: the dataset
 * @hash: the hash algorithm
 * @escape: the literal escapes: %CREDENCE_RDF_ESCAPE_CANONICAL for RDFC-1.0,
 *   or %CREDENCE_RDF_ESCAPE_URDNA2015 to reproduce what URDNA2015
 *   implementations before RDFC-1.0 gave (the same unless
 *   credence_rdf_dataset_escapes_differ())
 * @max_work: the most Hash N-Degree Quads calls plus permutations allowed,
 *   or 0 for %CREDENCE_LIMIT_RDFC_WORK
 * @issued_map: (out) (optional) (transfer full): the issued identifiers
 *   map: input blank node label → canonical label (`c14n0`, …), both
 *   without `_:`
 * @error: a #GError, or %NULL
 *
 * Canonicalizes @dataset with RDFC-1.0.
 *
 * Returns: the canonical N-Quads document (sorted lines, each ending with
 *   a line feed), or %NULL with %CREDENCE_RDFC_ERROR_TOO_COMPLEX.
 */
char *
credence_rdfc_canonicalize_full (CredenceRdfDataset  *dataset,
                                 CredenceRdfcHash     hash,
                                 CredenceRdfEscape    escape,
                                 guint                max_work,
                                 GHashTable         **issued_map,
                                 GError             **error)
{
  Canon c = { 0, };
  g_autofree int *by_hash = NULL;
  g_autoptr(GArray) results = NULL;
  char *nquads = NULL;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  c.dataset = dataset;
  c.n_quads = credence_rdf_dataset_get_n_quads (dataset);
  c.quads = c.n_quads > 0 ? credence_rdf_dataset_get_quad (dataset, 0) : NULL;
  c.escape = escape;
  c.digest = hash == CREDENCE_RDFC_HASH_SHA384 ? GNUTLS_DIG_SHA384 : GNUTLS_DIG_SHA256;
  c.digest_len = gnutls_hash_get_len (c.digest);
  c.max_work = max_work > 0 ? max_work : CREDENCE_LIMIT_RDFC_WORK;
  c.canonical_order = g_array_new (FALSE, FALSE, sizeof (int));
  c.scratch = g_string_sized_new (1024);

  /* 2 */
  index_blank_nodes (&c);

  /* 3 */
  for (guint n = 0; n < c.n_nodes; n++)
    if (!hash_first_degree (&c, (int) n, error))
      goto out;

  /* 4: nodes whose first degree hash is unique get canonical identifiers,
   * in hash order. */
  by_hash = g_new (int, c.n_nodes + 1);
  for (guint i = 0; i < c.n_nodes; i++)
    by_hash[i] = (int) i;
  g_qsort_with_data (by_hash, c.n_nodes, sizeof (int), compare_node_hashes, c.nodes);

  for (guint i = 0; i < c.n_nodes;)
    {
      guint end = same_hash_end (&c, by_hash, i);

      if (end == i + 1)
        issue_canonical (&c, by_hash[i]);
      i = end;
    }

  /* 5: the shared hashes, in hash order, through Hash N-Degree Quads. */
  results = g_array_new (FALSE, FALSE, sizeof (PathResult));
  for (guint i = 0; i < c.n_nodes;)
    {
      guint end = same_hash_end (&c, by_hash, i);

      if (end == i + 1)
        {
          i = end;
          continue;
        }

      /* 5.2: in order of first appearance. */
      for (guint j = i; j < end; j++)
        {
          int n = by_hash[j];
          PathResult r;

          if (c.nodes[n].canonical >= 0)
            continue;

          r.issuer = issuer_new ();
          r.h.seq = results->len;
          issuer_issue (r.issuer, n);
          if (!hash_n_degree (&c, n, r.issuer, 0, r.h.hash, error))
            {
              issuer_free (r.issuer);
              goto out_results;
            }
          g_array_append_val (results, r);
        }

      /* 5.3 */
      g_array_sort (results, compare_hashed);
      for (guint j = 0; j < results->len; j++)
        {
          PathResult *r = &g_array_index (results, PathResult, j);

          for (guint k = 0; k < r->issuer->len; k++)
            issue_canonical (&c, r->issuer->nodes[k]);
          g_clear_pointer (&r->issuer, issuer_free);
        }
      g_array_set_size (results, 0);
      i = end;
    }

  /* 6–7 */
  nquads = serialize_canonical (&c);
  if (issued_map != NULL)
    {
      *issued_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; i < c.n_nodes; i++)
        g_hash_table_insert (*issued_map, g_strdup (c.nodes[i].label),
                             g_strdup_printf ("c14n%d", c.nodes[i].canonical));
    }

out_results:
  for (guint j = 0; j < results->len; j++)
    issuer_free (g_array_index (results, PathResult, j).issuer);
out:
  canon_clear (&c);
  return nquads;
}

/**
 * credence_rdfc_canonicalize:
 *
 * Canonicalizes @dataset with RDFC-1.0, SHA-256 and the default work limit.
 *
 * Returns: the canonical N-Quads document, or %NULL on error.
 */
char *
credence_rdfc_canonicalize (CredenceRdfDataset  *dataset,
                            GError             **error)
{
  return credence_rdfc_canonicalize_full (dataset, CREDENCE_RDFC_HASH_SHA256,
                                          CREDENCE_RDF_ESCAPE_CANONICAL, 0, NULL, error);
}
