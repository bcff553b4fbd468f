/* credence-document-set.c: documents pinned during verification.
 *
 * A badge is re-verified offline against exactly the documents seen
 * online: every fetched document is pinned here with its URL, final URL,
 * HTTP status, fetch time, SHA-256 and bytes.  The store persists a set
 * with credence_document_set_to_bytes() and reads it back with
 * credence_document_set_new_from_bytes().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-document-set"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "credence-document-set.h"

struct _CredenceDocument
{
  gatomicrefcount  ref_count;
  char            *url;
  char            *final_url;
  guint            status;
  GDateTime       *fetched_at;
  char            *sha256;
  GBytes          *body;
};

G_DEFINE_BOXED_TYPE (CredenceDocument, credence_document,
                     credence_document_ref, credence_document_unref)

/**
 * credence_document_new:
 * @url: the URL that was asked for
 * @final_url: (nullable): the URL that answered, after redirects
 * @status: the HTTP status (0 for a local file)
 * @fetched_at: (nullable): when it was fetched; now when %NULL
 * @body: the bytes of the response body
 *
 * Returns: (transfer full): a new document; its SHA-256 is computed here.
 */
CredenceDocument *
credence_document_new (const char *url,
                       const char *final_url,
                       guint       status,
                       GDateTime  *fetched_at,
                       GBytes     *body)
{
  CredenceDocument *self;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  self = g_new0 (CredenceDocument, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->url = g_strdup (url);
  self->final_url = g_strdup (final_url != NULL ? final_url : url);
  self->status = status;
  self->fetched_at = fetched_at != NULL ? g_date_time_ref (fetched_at)
                                        : g_date_time_new_now_utc ();
  self->body = g_bytes_ref (body);
  self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);

  return self;
}

CredenceDocument *
credence_document_ref (CredenceDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
credence_document_unref (CredenceDocument *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->url);
  g_free (self->final_url);
  g_date_time_unref (self->fetched_at);
  g_free (self->sha256);
  g_bytes_unref (self->body);
  g_free (self);
}

const char *
credence_document_get_url (CredenceDocument *self)
{
  return self->url;
}

const char *
credence_document_get_final_url (CredenceDocument *self)
{
  return self->final_url;
}

guint
credence_document_get_status (CredenceDocument *self)
{
  return self->status;
}

GDateTime *
credence_document_get_fetched_at (CredenceDocument *self)
{
  return self->fetched_at;
}

/**
 * credence_document_get_sha256:
 *
 * Returns: the SHA-256 of the body, in lower-case hex.
 */
const char *
credence_document_get_sha256 (CredenceDocument *self)
{
  return self->sha256;
}

GBytes *
credence_document_get_body (CredenceDocument *self)
{
  return self->body;
}

G_DEFINE_QUARK (credence-document-set-error-quark, credence_document_set_error)

#define SERIAL_FORMAT 1

struct _CredenceDocumentSet
{
  GObject     parent_instance;

  GMutex      mutex;
  GPtrArray  *order;     /* URLs asked for, in the order first pinned */
  GHashTable *documents; /* URL asked for → CredenceDocument */
  GHashTable *aliases;   /* final URL of a redirect → URL asked for */
};

G_DEFINE_FINAL_TYPE (CredenceDocumentSet, credence_document_set, G_TYPE_OBJECT)

static void
credence_document_set_finalize (GObject *object)
{
  CredenceDocumentSet *self = CREDENCE_DOCUMENT_SET (object);

  g_hash_table_unref (self->aliases);
  g_hash_table_unref (self->documents);
  g_ptr_array_unref (self->order);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (credence_document_set_parent_class)->finalize (object);
}

static void
credence_document_set_class_init (CredenceDocumentSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = credence_document_set_finalize;
}

static void
credence_document_set_init (CredenceDocumentSet *self)
{
  g_mutex_init (&self->mutex);
  self->order = g_ptr_array_new_with_free_func (g_free);
  self->documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) credence_document_unref);
  self->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * credence_document_set_new:
 *
 * Returns: (transfer full): an empty, thread-safe set of pinned documents.
 */
CredenceDocumentSet *
credence_document_set_new (void)
{
  return g_object_new (CREDENCE_TYPE_DOCUMENT_SET, NULL);
}

/* Called with the mutex held.  Constant time: verifying thousands of
 * badges re-pins the same issuer documents over and over.
 */
static void
add_locked (CredenceDocumentSet *self,
            CredenceDocument    *document)
{
  /* The newest copy of a URL wins, in the place of the older one. */
  if (!g_hash_table_contains (self->documents, document->url))
    g_ptr_array_add (self->order, g_strdup (document->url));
  g_hash_table_replace (self->documents, g_strdup (document->url), credence_document_ref (document));

  /* A redirect target is also found by its own URL. */
  if (g_strcmp0 (document->final_url, document->url) != 0)
    g_hash_table_replace (self->aliases, g_strdup (document->final_url), g_strdup (document->url));
}

/**
 * credence_document_set_add:
 * @document: a document
 *
 * Pins @document.  A document already pinned for the same URL is replaced.
 */
void
credence_document_set_add (CredenceDocumentSet *self,
                           CredenceDocument    *document)
{
  g_return_if_fail (CREDENCE_IS_DOCUMENT_SET (self));
  g_return_if_fail (document != NULL);

  g_mutex_lock (&self->mutex);
  add_locked (self, document);
  g_mutex_unlock (&self->mutex);
}

/**
 * credence_document_set_lookup:
 * @url: a URL
 *
 * Returns: (transfer full) (nullable): the document pinned for @url (as
 *   asked for, or as the final URL of a redirect), or %NULL.
 */
CredenceDocument *
credence_document_set_lookup (CredenceDocumentSet *self,
                              const char          *url)
{
  CredenceDocument *document;

  g_return_val_if_fail (CREDENCE_IS_DOCUMENT_SET (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  g_mutex_lock (&self->mutex);
  document = g_hash_table_lookup (self->documents, url);
  if (document == NULL && g_hash_table_contains (self->aliases, url))
    document = g_hash_table_lookup (self->documents, g_hash_table_lookup (self->aliases, url));
  if (document != NULL)
    credence_document_ref (document);
  g_mutex_unlock (&self->mutex);

  return document;
}

guint
credence_document_set_get_size (CredenceDocumentSet *self)
{
  guint size;

  g_return_val_if_fail (CREDENCE_IS_DOCUMENT_SET (self), 0);

  g_mutex_lock (&self->mutex);
  size = self->order->len;
  g_mutex_unlock (&self->mutex);

  return size;
}

static GPtrArray *
snapshot (CredenceDocumentSet *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_document_unref);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->order->len; i++)
    g_ptr_array_add (copy, credence_document_ref (g_hash_table_lookup (self->documents,
                                                                       g_ptr_array_index (self->order, i))));
  g_mutex_unlock (&self->mutex);

  return copy;
}

/**
 * credence_document_set_foreach:
 * @func: (scope call): called for each document
 * @user_data: data for @func
 *
 * Calls @func on a snapshot of the set, so @func may use the set.
 */
void
credence_document_set_foreach (CredenceDocumentSet            *self,
                               CredenceDocumentSetForeachFunc  func,
                               gpointer                        user_data)
{
  g_autoptr(GPtrArray) copy = NULL;

  g_return_if_fail (CREDENCE_IS_DOCUMENT_SET (self));
  g_return_if_fail (func != NULL);

  copy = snapshot (self);
  for (guint i = 0; i < copy->len; i++)
    func (g_ptr_array_index (copy, i), user_data);
}

/**
 * credence_document_set_merge:
 * @other: another set
 *
 * Pins every document of @other in @self.
 */
void
credence_document_set_merge (CredenceDocumentSet *self,
                             CredenceDocumentSet *other)
{
  g_autoptr(GPtrArray) copy = NULL;

  g_return_if_fail (CREDENCE_IS_DOCUMENT_SET (self));
  g_return_if_fail (CREDENCE_IS_DOCUMENT_SET (other));

  if (self == other)
    return;

  copy = snapshot (other);
  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < copy->len; i++)
    add_locked (self, g_ptr_array_index (copy, i));
  g_mutex_unlock (&self->mutex);
}

/**
 * credence_document_set_to_bytes:
 *
 * Serialises the set as a JSON document (bodies in base64), to be read back
 * with credence_document_set_new_from_bytes().
 *
 * Returns: (transfer full): the serialised set.
 */
GBytes *
credence_document_set_to_bytes (CredenceDocumentSet *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) copy = NULL;
  gsize len = 0;
  char *text;

  g_return_val_if_fail (CREDENCE_IS_DOCUMENT_SET (self), NULL);

  copy = snapshot (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, SERIAL_FORMAT);
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < copy->len; i++)
    {
      CredenceDocument *doc = g_ptr_array_index (copy, i);
      g_autofree char *when = g_date_time_format_iso8601 (doc->fetched_at);
      gsize body_len;
      const guchar *body = g_bytes_get_data (doc->body, &body_len);
      g_autofree char *b64 = g_base64_encode (body, body_len);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, doc->url);
      json_builder_set_member_name (builder, "final_url");
      json_builder_add_string_value (builder, doc->final_url);
      json_builder_set_member_name (builder, "status");
      json_builder_add_int_value (builder, doc->status);
      json_builder_set_member_name (builder, "fetched_at");
      json_builder_add_string_value (builder, when);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, doc->sha256);
      json_builder_set_member_name (builder, "body");
      json_builder_add_string_value (builder, b64);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);

  return g_bytes_new_take (text, len);
}

static gboolean
corrupt (GError     **error,
         const char  *detail)
{
  g_set_error (error, CREDENCE_DOCUMENT_SET_ERROR, CREDENCE_DOCUMENT_SET_ERROR_CORRUPT,
               _("The saved issuer documents are damaged (%s); check the badge online again."),
               detail);
  return FALSE;
}

static gboolean
read_document (JsonNode             *node,
               CredenceDocumentSet  *set,
               GError              **error)
{
  JsonObject *obj;
  const char *url, *final_url, *when, *sha256, *b64;
  gint64 status;
  g_autoptr(GDateTime) fetched_at = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(CredenceDocument) doc = NULL;
  guchar *raw;
  gsize raw_len = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return corrupt (error, "entry");
  obj = json_node_get_object (node);

  url = json_object_get_string_member_with_default (obj, "url", NULL);
  final_url = json_object_get_string_member_with_default (obj, "final_url", NULL);
  when = json_object_get_string_member_with_default (obj, "fetched_at", NULL);
  sha256 = json_object_get_string_member_with_default (obj, "sha256", NULL);
  b64 = json_object_get_string_member_with_default (obj, "body", NULL);
  status = json_object_get_int_member_with_default (obj, "status", -1);

  if (url == NULL || final_url == NULL || when == NULL || sha256 == NULL || b64 == NULL
      || status < 0 || status > 999)
    return corrupt (error, "missing field");

  fetched_at = g_date_time_new_from_iso8601 (when, NULL);
  if (fetched_at == NULL)
    return corrupt (error, "date");

  raw = g_base64_decode (b64, &raw_len);
  body = g_bytes_new_take (raw, raw_len);
  doc = credence_document_new (url, final_url, (guint) status, fetched_at, body);
  if (g_ascii_strcasecmp (doc->sha256, sha256) != 0)
    return corrupt (error, "checksum");

  credence_document_set_add (set, doc);
  return TRUE;
}

/**
 * credence_document_set_new_from_bytes:
 * @bytes: what credence_document_set_to_bytes() returned
 * @error: return location for a #GError
 *
 * Reads a saved set back.  Every body is checked against its SHA-256.
 *
 * Returns: (transfer full) (nullable): the set, or %NULL with @error set.
 */
CredenceDocumentSet *
credence_document_set_new_from_bytes (GBytes  *bytes,
                                      GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(CredenceDocumentSet) set = NULL;
  JsonObject *root;
  JsonArray *docs;
  gsize len;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", len, NULL))
    {
      corrupt (error, "not JSON");
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      corrupt (error, "not an object");
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (root, "format", 0) != SERIAL_FORMAT
      || !json_object_has_member (root, "documents")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "documents")))
    {
      corrupt (error, "unknown format");
      return NULL;
    }

  set = credence_document_set_new ();
  docs = json_object_get_array_member (root, "documents");
  for (guint i = 0; i < json_array_get_length (docs); i++)
    if (!read_document (json_array_get_element (docs, i), set, error))
      return NULL;

  return g_steal_pointer (&set);
}
