/* credence-bundle.c: a portable, verifiable bundle of badges.
 *
 * A bundle is one UTF-8 text file in which every line is one JSON value
 * (data/bundle-format.md describes it): a header, then every stored file
 * (badge originals and pinned documents) once, content-addressed by its
 * SHA-256, as a small JSON object followed by its bytes in base64 on a
 * line of their own, then one line per badge naming its files and
 * holding its verification history, then an end line.  Another Credence
 * verifies every badge from it fully offline.
 *
 * The reader treats the file as hostile: every size and count is bounded
 * (credence-limits.h), base64 is decoded strictly, every file's digest is
 * checked, and damage is confined: a damaged line or file spoils only the
 * badges that use it, which then report the damage instead of a verdict.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-bundle"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-bundle.h"
#include "credence-json.h"
#include "credence-limits.h"

G_DEFINE_QUARK (credence-bundle-error-quark, credence_bundle_error)

typedef struct
{
  CredenceStoreBadge *badge;   /* original and documents filled when intact */
  char               *problem; /* why it cannot be verified, or NULL */
  gboolean            placeholder; /* stands for a damaged or missing line */
} Entry;

struct _CredenceBundle
{
  GObject     parent_instance;

  GDateTime  *exported_at;
  GPtrArray  *entries;  /* Entry * */
};

G_DEFINE_FINAL_TYPE (CredenceBundle, credence_bundle, G_TYPE_OBJECT)

static void
entry_free (Entry *entry)
{
  credence_store_badge_free (entry->badge);
  g_free (entry->problem);
  g_free (entry);
}

static void
credence_bundle_finalize (GObject *object)
{
  CredenceBundle *self = CREDENCE_BUNDLE (object);

  g_clear_pointer (&self->exported_at, g_date_time_unref);
  g_ptr_array_unref (self->entries);

  G_OBJECT_CLASS (credence_bundle_parent_class)->finalize (object);
}

static void
credence_bundle_class_init (CredenceBundleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = credence_bundle_finalize;
}

static void
credence_bundle_init (CredenceBundle *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
}

/**
 * credence_bundle_sniff:
 * @data: the first bytes of a file
 * @length: how many
 *
 * Returns: %TRUE when @data starts like a Credence bundle
 *   (%CREDENCE_BUNDLE_MAGIC)
 */
gboolean
credence_bundle_sniff (const guint8 *data,
                       gsize         length)
{
  gsize magic = strlen (CREDENCE_BUNDLE_MAGIC);

  return data != NULL && length >= magic && memcmp (data, CREDENCE_BUNDLE_MAGIC, magic) == 0;
}

/**
 * credence_bundle_new:
 *
 * Returns: (transfer full): an empty bundle, to fill with
 *   credence_bundle_add_badge() and write with credence_bundle_to_bytes()
 */
CredenceBundle *
credence_bundle_new (void)
{
  return g_object_new (CREDENCE_TYPE_BUNDLE, NULL);
}

/**
 * credence_bundle_add_badge:
 * @badge: a badge as credence_store_get_badge() returns it: with its
 *   original bytes, pinned documents (with their bytes) and history
 *
 * Adds a copy of @badge.
 */
void
credence_bundle_add_badge (CredenceBundle           *self,
                           const CredenceStoreBadge *badge)
{
  Entry *entry;

  g_return_if_fail (CREDENCE_IS_BUNDLE (self));
  g_return_if_fail (badge != NULL);
  g_return_if_fail (badge->original != NULL);

  entry = g_new0 (Entry, 1);
  entry->badge = credence_store_badge_copy (badge);
  g_ptr_array_add (self->entries, entry);
}

/* Writing */

static char *
sha256_hex (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* RFC 3339 UTC, with four digits of year: g_date_time_format()'s %Y
 * writes the year 26 as "26", which no reader (the bundle's own among
 * them) takes for a date.
 */
static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (unix_time);

  if (when == NULL)
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (when), g_date_time_get_month (when),
                          g_date_time_get_day_of_month (when), g_date_time_get_hour (when),
                          g_date_time_get_minute (when), g_date_time_get_second (when));
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL && g_utf8_validate (value, -1, NULL))
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       unix_time)
{
  g_autofree char *text = unix_time != 0 ? format_time (unix_time) : NULL;

  add_string (builder, name, text);
}

static void
append_line (GString     *out,
             JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_string_append (out, text);
  g_string_append_c (out, '\n');
}

/* Writes @bytes as a blob unless one with the same digest was written. */
static char *
add_blob (GString    *out,
          GHashTable *written,
          GBytes     *bytes)
{
  g_autofree char *digest = sha256_hex (bytes);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *b64 = NULL;
  gsize length = 0;
  const guchar *data;

  if (g_hash_table_contains (written, digest))
    return g_steal_pointer (&digest);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string (builder, "blob", digest);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, (gint64) g_bytes_get_size (bytes));
  json_builder_end_object (builder);
  append_line (out, builder);

  data = g_bytes_get_data (bytes, &length);
  b64 = g_base64_encode (data != NULL ? data : (const guchar *) "", length);
  g_string_append_c (out, '"');
  g_string_append (out, b64);
  g_string_append (out, "\"\n");

  g_hash_table_add (written, g_strdup (digest));
  return g_steal_pointer (&digest);
}

static void
add_report (JsonBuilder *builder,
            const char  *report)
{
  g_autoptr(JsonNode) node = NULL;

  json_builder_set_member_name (builder, "report");
  if (report != NULL)
    node = credence_json_parse (report, strlen (report), NULL);
  if (node != NULL)
    json_builder_add_value (builder, g_steal_pointer (&node));
  else
    json_builder_add_null_value (builder);
}

static void
add_badge_line (GString            *out,
                guint               index,
                CredenceStoreBadge *badge,
                const char         *original,
                GPtrArray          *document_digests)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint first = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "badge");
  json_builder_add_int_value (builder, index);
  add_string (builder, "id", badge->uid);
  add_string (builder, "original", original);
  add_string (builder, "container", badge->container);
  add_string (builder, "spec", badge->spec_version);
  add_string (builder, "credentialId", badge->credential_id);
  add_string (builder, "name", badge->name);
  add_string (builder, "issuer", badge->issuer_name);
  add_string (builder, "issued", badge->issued_on);
  add_string (builder, "expires", badge->expires_on);
  add_string (builder, "source", badge->source);
  add_time (builder, "added", badge->added_at);

  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; badge->documents != NULL && i < badge->documents->len; i++)
    {
      CredenceStoreDocument *doc = g_ptr_array_index (badge->documents, i);

      json_builder_begin_object (builder);
      add_string (builder, "url", doc->url);
      add_string (builder, "finalUrl", doc->final_url);
      json_builder_set_member_name (builder, "status");
      json_builder_add_int_value (builder, doc->status);
      add_time (builder, "fetched", doc->fetched_at);
      add_string (builder, "mediaType", doc->media_type);
      add_string (builder, "sha256", g_ptr_array_index (document_digests, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* The newest entries of the history, oldest first. */
  if (badge->history != NULL && badge->history->len > CREDENCE_LIMIT_BUNDLE_HISTORY)
    first = badge->history->len - CREDENCE_LIMIT_BUNDLE_HISTORY;
  json_builder_set_member_name (builder, "verifications");
  json_builder_begin_array (builder);
  for (guint i = first; badge->history != NULL && i < badge->history->len; i++)
    {
      CredenceStoreVerification *v = g_ptr_array_index (badge->history, i);

      json_builder_begin_object (builder);
      add_time (builder, "verified", v->verified_at);
      json_builder_set_member_name (builder, "online");
      json_builder_add_boolean_value (builder, v->online);
      add_string (builder, "verdict", v->verdict);
      add_string (builder, "reason", v->reason);
      add_report (builder, v->report);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  append_line (out, builder);
}

/**
 * credence_bundle_to_bytes:
 * @exported_at: (nullable): the export time written in the header, or
 *   %NULL for now
 *
 * Writes the bundle.  The same badges and time give the same bytes.
 *
 * Returns: (transfer full): the bundle file's contents
 */
GBytes *
credence_bundle_to_bytes (CredenceBundle *self,
                          GDateTime      *exported_at)
{
  g_autoptr(GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) digests = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(JsonBuilder) header = json_builder_new ();
  g_autoptr(JsonBuilder) end = json_builder_new ();
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;
  GString *blobs = g_string_new (NULL);
  GString *out = g_string_new (NULL);
  gsize length;

  g_return_val_if_fail (CREDENCE_IS_BUNDLE (self), NULL);

  if (exported_at == NULL)
    exported_at = now = g_date_time_new_now_utc ();
  when = format_time (g_date_time_to_unix (exported_at));

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      GPtrArray *docs = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (originals, add_blob (blobs, written, entry->badge->original));
      for (guint j = 0; entry->badge->documents != NULL && j < entry->badge->documents->len; j++)
        {
          CredenceStoreDocument *doc = g_ptr_array_index (entry->badge->documents, j);
          g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

          g_ptr_array_add (docs, add_blob (blobs, written, doc->bytes != NULL ? doc->bytes : empty));
        }
      g_ptr_array_add (digests, docs);
    }

  /* The magic comes first: members in this order, compact. */
  json_builder_begin_object (header);
  add_string (header, "format", "credence-bundle");
  json_builder_set_member_name (header, "version");
  json_builder_add_int_value (header, CREDENCE_BUNDLE_VERSION);
  add_string (header, "exported", when);
  add_string (header, "generator", "Credence " PACKAGE_VERSION);
  json_builder_set_member_name (header, "badges");
  json_builder_add_int_value (header, self->entries->len);
  json_builder_set_member_name (header, "blobs");
  json_builder_add_int_value (header, g_hash_table_size (written));
  json_builder_end_object (header);
  append_line (out, header);

  g_string_append_len (out, blobs->str, blobs->len);
  g_string_free (blobs, TRUE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      add_badge_line (out, i + 1, entry->badge, g_ptr_array_index (originals, i),
                      g_ptr_array_index (digests, i));
    }

  json_builder_begin_object (end);
  json_builder_set_member_name (end, "end");
  json_builder_add_boolean_value (end, TRUE);
  json_builder_set_member_name (end, "badges");
  json_builder_add_int_value (end, self->entries->len);
  json_builder_end_object (end);
  append_line (out, end);

  length = out->len;
  return g_bytes_new_take (g_string_free (out, FALSE), length);
}

/* Reading */

typedef struct
{
  GBytes *bytes;    /* NULL when damaged */
  char   *problem;  /* why it is damaged */
} Blob;

static void
blob_free (Blob *blob)
{
  g_clear_pointer (&blob->bytes, g_bytes_unref);
  g_free (blob->problem);
  g_free (blob);
}

static gboolean
is_sha256_hex (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;

  return TRUE;
}

static gboolean
is_base64_char (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/';
}

/* Strict base64 of a JSON string line ("…"): only the alphabet, padding
 * only at the end, a length that is a multiple of 4.
 */
static GBytes *
decode_base64_line (const char *line,
                    gsize       length,
                    gsize       expected_size)
{
  gsize n, padding = 0;
  guchar *data;
  gsize out_len = 0;
  int state = 0;
  guint save = 0;

  if (length < 2 || line[0] != '"' || line[length - 1] != '"')
    return NULL;
  line++;
  n = length - 2;
  if (n % 4 != 0 || n / 4 * 3 > expected_size + 2)
    return NULL;
  while (padding < 2 && padding < n && line[n - 1 - padding] == '=')
    padding++;
  for (gsize i = 0; i < n - padding; i++)
    if (!is_base64_char (line[i]))
      return NULL;
  if (n / 4 * 3 - padding != expected_size)
    return NULL;

  /* Decoded straight from the line, without copying its text first: a
   * blob may be CREDENCE_LIMIT_BUNDLE_BLOB_SIZE. */
  data = g_malloc (MAX (n / 4 * 3, 1));
  out_len = g_base64_decode_step (line, n, data, &state, &save);
  if (out_len != expected_size)
    {
      g_free (data);
      return NULL;
    }

  return g_bytes_new_take (data, out_len);
}

static gboolean
parse_time (const char *text,
            gint64     *out)
{
  g_autoptr(GDateTime) when = NULL;

  *out = 0;
  if (text == NULL)
    return TRUE;
  when = g_date_time_new_from_iso8601 (text, NULL);
  if (when == NULL)
    return FALSE;
  *out = g_date_time_to_unix (when);
  return TRUE;
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  return g_strdup (credence_json_object_get_string (object, name));
}

static gboolean
is_uid (const char *text)
{
  gsize n = text != NULL ? strlen (text) : 0;

  if (n == 0 || n > 64)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;

  return TRUE;
}

static void
set_problem (Entry      *entry,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
set_problem (Entry      *entry,
             const char *format,
             ...)
{
  va_list args;

  if (entry->problem != NULL)
    return;
  va_start (args, format);
  entry->problem = g_strdup_vprintf (format, args);
  va_end (args);
}

/* Builds a badge from its line; damage is recorded on the entry. */
static Entry *
read_badge (JsonObject *object,
            GHashTable *blobs)
{
  Entry *entry = g_new0 (Entry, 1);
  CredenceStoreBadge *badge = credence_store_badge_new ();
  const char *original = credence_json_object_get_string (object, "original");
  JsonArray *documents = credence_json_object_get_array (object, "documents");
  JsonArray *verifications = credence_json_object_get_array (object, "verifications");
  const char *id = credence_json_object_get_string (object, "id");
  gint64 index = 0;
  Blob *blob;

  entry->badge = badge;
  credence_json_object_get_int (object, "badge", &index);
  if (is_uid (id))
    badge->uid = g_ascii_strdown (id, -1);
  badge->container = dup_member (object, "container");
  badge->spec_version = dup_member (object, "spec");
  badge->credential_id = dup_member (object, "credentialId");
  badge->name = dup_member (object, "name");
  badge->issuer_name = dup_member (object, "issuer");
  badge->issued_on = dup_member (object, "issued");
  badge->expires_on = dup_member (object, "expires");
  badge->source = dup_member (object, "source");
  if (!parse_time (credence_json_object_get_string (object, "added"), &badge->added_at))
    set_problem (entry, _("Its date of addition is not a date."));

  blob = is_sha256_hex (original) ? g_hash_table_lookup (blobs, original) : NULL;
  if (!is_sha256_hex (original))
    set_problem (entry, _("The bundle does not say which file holds this badge."));
  else if (blob == NULL)
    set_problem (entry, _("The badge’s file is missing from the bundle."));
  else if (blob->bytes == NULL)
    set_problem (entry, _("The badge’s file in the bundle is damaged (%s)."), blob->problem);
  else
    badge->original = g_bytes_ref (blob->bytes);

  if (documents == NULL || json_array_get_length (documents) > CREDENCE_LIMIT_BUNDLE_DOCUMENTS)
    set_problem (entry, _("The list of the badge’s documents is missing or longer than %d."),
                 CREDENCE_LIMIT_BUNDLE_DOCUMENTS);
  for (guint i = 0; documents != NULL && i < json_array_get_length (documents) &&
                    i < CREDENCE_LIMIT_BUNDLE_DOCUMENTS; i++)
    {
      JsonObject *d = credence_json_node_get_object (json_array_get_element (documents, i));
      const char *url = credence_json_object_get_string (d, "url");
      const char *digest = credence_json_object_get_string (d, "sha256");
      Blob *doc_blob = is_sha256_hex (digest) ? g_hash_table_lookup (blobs, digest) : NULL;
      CredenceStoreDocument *doc;
      gint64 status = 0;

      /* A document that is missing or damaged is left out: the checks
       * that need it cannot be completed, and say so.
       */
      if (url == NULL || doc_blob == NULL || doc_blob->bytes == NULL)
        continue;
      doc = credence_store_document_new (url, doc_blob->bytes);
      doc->final_url = dup_member (d, "finalUrl");
      if (credence_json_object_get_int (d, "status", &status) && status >= 0 && status < 1000)
        doc->status = (int) status;
      doc->media_type = dup_member (d, "mediaType");
      doc->sha256 = g_strdup (digest);
      parse_time (credence_json_object_get_string (d, "fetched"), &doc->fetched_at);
      credence_store_badge_add_document (badge, doc);
    }

  for (guint i = 0; verifications != NULL && i < json_array_get_length (verifications) &&
                    i < CREDENCE_LIMIT_BUNDLE_HISTORY; i++)
    {
      JsonObject *v = credence_json_node_get_object (json_array_get_element (verifications, i));
      const char *verdict = credence_json_object_get_string (v, "verdict");
      JsonNode *report = credence_json_object_get_node (v, "report");
      g_autofree char *report_text = NULL;
      gboolean online = FALSE;
      gint64 when = 0;

      if (g_strcmp0 (verdict, "valid") != 0 && g_strcmp0 (verdict, "invalid") != 0 &&
          g_strcmp0 (verdict, "indeterminate") != 0)
        continue;
      if (!parse_time (credence_json_object_get_string (v, "verified"), &when) || when == 0)
        continue;
      credence_json_object_get_boolean (v, "online", &online);
      if (report != NULL && JSON_NODE_HOLDS_OBJECT (report))
        report_text = credence_json_to_string (report, FALSE);
      credence_store_badge_add_verification (badge,
                                             credence_store_verification_new (when, online, verdict,
                                                                              credence_json_object_get_string (v, "reason"),
                                                                              report_text));
    }

  /* A badge with a problem is never passed off as readable. */
  if (entry->problem != NULL)
    g_clear_pointer (&badge->original, g_bytes_unref);
  if (badge->documents == NULL)
    badge->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_document_free);
  if (badge->history == NULL)
    badge->history = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_verification_free);

  return entry;
}

static Entry *
missing_entry (guint index)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->placeholder = TRUE;
  entry->badge = credence_store_badge_new ();
  entry->badge->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_document_free);
  entry->badge->history = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_verification_free);
  entry->problem = g_strdup_printf (_("Badge %u is missing from the bundle: its line is damaged."), index);
  return entry;
}

static Entry *
damaged_entry (gsize line_number)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->placeholder = TRUE;
  entry->badge = credence_store_badge_new ();
  entry->badge->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_document_free);
  entry->badge->history = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_verification_free);
  entry->problem = g_strdup_printf (_("Line %" G_GSIZE_FORMAT " of the bundle, which held a badge, is damaged."),
                                    line_number);
  return entry;
}

static gboolean
has_prefix (const char *line,
            gsize       length,
            const char *prefix)
{
  gsize n = strlen (prefix);

  return length >= n && memcmp (line, prefix, n) == 0;
}

static gboolean
fail (GError     **error,
      int          code,
      const char  *message)
{
  g_set_error_literal (error, CREDENCE_BUNDLE_ERROR, code, message);
  return FALSE;
}

static gboolean
read_header (const char  *line,
             gsize        length,
             GDateTime  **exported_at,
             gint64      *n_badges,
             GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *header;
  gint64 version = 0;
  const char *when;

  if (!credence_bundle_sniff ((const guint8 *) line, length))
    return fail (error, CREDENCE_BUNDLE_ERROR_NOT_A_BUNDLE, _("This file is not a Credence bundle."));
  node = credence_json_parse (line, length, NULL);
  header = credence_json_node_get_object (node);
  if (header == NULL || !credence_json_object_get_int (header, "version", &version) || version < 1)
    return fail (error, CREDENCE_BUNDLE_ERROR_CORRUPT,
                 _("The bundle’s first line is damaged, so it cannot be read."));
  if (version > CREDENCE_BUNDLE_VERSION)
    return fail (error, CREDENCE_BUNDLE_ERROR_NEWER_VERSION,
                 _("This bundle was made by a newer version of Credence. Update Credence to open it."));
  if (!credence_json_object_get_int (header, "badges", n_badges) || *n_badges < 0 ||
      *n_badges > CREDENCE_LIMIT_BUNDLE_BADGES)
    *n_badges = 0;
  when = credence_json_object_get_string (header, "exported");
  *exported_at = when != NULL ? g_date_time_new_from_iso8601 (when, NULL) : NULL;
  if (*exported_at == NULL)
    return fail (error, CREDENCE_BUNDLE_ERROR_CORRUPT,
                 _("The bundle’s first line is damaged, so it cannot be read."));

  return TRUE;
}

/**
 * credence_bundle_new_from_bytes:
 * @bytes: a bundle file's contents (untrusted)
 * @error: return location for a %CREDENCE_BUNDLE_ERROR
 *
 * Reads a bundle.  Only a bundle that is not one, is newer, too large,
 * truncated or without a readable header is an error; a damaged badge,
 * file or document is recorded on the badges that need it.
 *
 * Returns: (transfer full) (nullable): the bundle
 */
CredenceBundle *
credence_bundle_new_from_bytes (GBytes  *bytes,
                                GError **error)
{
  g_autoptr(CredenceBundle) self = NULL;
  g_autoptr(GHashTable) blobs = NULL;
  g_autofree char *pending_digest = NULL;
  gsize pending_size = 0;
  gboolean pending = FALSE;
  gboolean ended = FALSE;
  gboolean seen_badge = FALSE;
  gint64 declared = 0;
  gsize length = 0;
  const char *data;
  const char *end;
  const char *line;
  gsize line_number = 0;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if ((gint64) length > CREDENCE_LIMIT_BUNDLE_SIZE)
    {
      g_set_error (error, CREDENCE_BUNDLE_ERROR, CREDENCE_BUNDLE_ERROR_TOO_LARGE,
                   _("The bundle is larger than %d MiB."), (int) (CREDENCE_LIMIT_BUNDLE_SIZE / (1024 * 1024)));
      return NULL;
    }
  if (data == NULL)
    data = "";
  end = data + length;

  self = credence_bundle_new ();
  blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) blob_free);

  for (line = data; line < end && !ended;)
    {
      const char *newline = memchr (line, '\n', end - line);
      gsize n = (newline != NULL ? newline : end) - line;
      const char *next_line = newline != NULL ? newline + 1 : end;

      line_number++;
      if (n > 0 && line[n - 1] == '\r')
        n--;

      if (line_number == 1)
        {
          if (!read_header (line, n, &self->exported_at, &declared, error))
            return NULL;
        }
      else if (n == 0)
        ;
      else if (line[0] == '"' ||
               (pending && !has_prefix (line, n, "{\"blob\":") && !has_prefix (line, n, "{\"badge\":") &&
                !has_prefix (line, n, "{\"end\":")))
        {
          /* The line after a blob header holds its bytes (damaged when
           * it is not a JSON string of base64).
           */
          /* The bytes of the blob announced on the line before. */
          if (pending && pending_digest != NULL && !g_hash_table_contains (blobs, pending_digest))
            {
              Blob *blob = g_new0 (Blob, 1);

              blob->bytes = decode_base64_line (line, n, pending_size);
              if (blob->bytes == NULL)
                blob->problem = g_strdup (_("its base64 text is damaged"));
              else
                {
                  g_autofree char *digest = sha256_hex (blob->bytes);

                  if (strcmp (digest, pending_digest) != 0)
                    {
                      g_clear_pointer (&blob->bytes, g_bytes_unref);
                      blob->problem = g_strdup (_("its bytes do not match their SHA-256"));
                    }
                }
              g_hash_table_insert (blobs, g_steal_pointer (&pending_digest), blob);
            }
          g_clear_pointer (&pending_digest, g_free);
          pending = FALSE;
        }
      else
        {
          g_autoptr(JsonNode) node = credence_json_parse (line, n, NULL);
          JsonObject *object = credence_json_node_get_object (node);
          gint64 size = -1;
          gint64 index = 0;

          pending = FALSE;
          g_clear_pointer (&pending_digest, g_free);

          if (object != NULL && credence_json_object_get_node (object, "blob") != NULL)
            {
              const char *digest = credence_json_object_get_string (object, "blob");

              if (g_hash_table_size (blobs) >= CREDENCE_LIMIT_BUNDLE_BLOBS)
                {
                  g_set_error (error, CREDENCE_BUNDLE_ERROR, CREDENCE_BUNDLE_ERROR_TOO_LARGE,
                               _("The bundle holds more than %d files."), CREDENCE_LIMIT_BUNDLE_BLOBS);
                  return NULL;
                }
              pending = TRUE;
              if (is_sha256_hex (digest) && credence_json_object_get_int (object, "size", &size) &&
                  size >= 0 && size <= CREDENCE_LIMIT_BUNDLE_BLOB_SIZE)
                {
                  pending_digest = g_strdup (digest);
                  pending_size = (gsize) size;
                }
            }
          else if (object != NULL && credence_json_object_get_node (object, "badge") != NULL)
            {
              if (self->entries->len >= CREDENCE_LIMIT_BUNDLE_BADGES)
                {
                  g_set_error (error, CREDENCE_BUNDLE_ERROR, CREDENCE_BUNDLE_ERROR_TOO_LARGE,
                               _("The bundle holds more than %d badges."), CREDENCE_LIMIT_BUNDLE_BADGES);
                  return NULL;
                }
              /* Badges are numbered from 1: a damaged line stands in its
               * place, so one damaged line never moves the others.
               */
              if (credence_json_object_get_int (object, "badge", &index) && index >= 1 &&
                  index <= CREDENCE_LIMIT_BUNDLE_BADGES)
                {
                  while (self->entries->len >= index &&
                         ((Entry *) g_ptr_array_index (self->entries, self->entries->len - 1))->placeholder)
                    g_ptr_array_remove_index (self->entries, self->entries->len - 1);
                  while (self->entries->len + 1 < index)
                    g_ptr_array_add (self->entries, missing_entry (self->entries->len + 1));
                }
              g_ptr_array_add (self->entries, read_badge (object, blobs));
              seen_badge = TRUE;
            }
          else if (object != NULL && credence_json_object_get_node (object, "end") != NULL)
            ended = TRUE;
          else if (has_prefix (line, n, "{\"blob\":") ||
                   (!has_prefix (line, n, "{\"badge\":") && next_line < end && next_line[0] == '"'))
            /* A damaged blob header: its bytes are skipped. */
            pending = TRUE;
          else if (has_prefix (line, n, "{\"badge\":") || seen_badge ||
                   has_prefix (next_line, end - next_line, "{\"badge\":") ||
                   has_prefix (next_line, end - next_line, "{\"end\":"))
            {
              /* Version 1 has no other lines: a damaged badge line,
               * which stays in its place and says so.
               */
              if (self->entries->len >= CREDENCE_LIMIT_BUNDLE_BADGES)
                {
                  g_set_error (error, CREDENCE_BUNDLE_ERROR, CREDENCE_BUNDLE_ERROR_TOO_LARGE,
                               _("The bundle holds more than %d badges."), CREDENCE_LIMIT_BUNDLE_BADGES);
                  return NULL;
                }
              g_ptr_array_add (self->entries, damaged_entry (line_number));
              seen_badge = TRUE;
            }
          /* Else damage among the stored files, which spoils the badges
           * that need them.
           */
        }

      line = next_line;
    }

  if (line_number == 0)
    {
      g_set_error_literal (error, CREDENCE_BUNDLE_ERROR, CREDENCE_BUNDLE_ERROR_NOT_A_BUNDLE,
                           _("This file is not a Credence bundle."));
      return NULL;
    }
  if (!ended)
    {
      g_set_error_literal (error, CREDENCE_BUNDLE_ERROR, CREDENCE_BUNDLE_ERROR_CORRUPT,
                           _("The bundle is cut short: its last line is missing. Copy it again from where it was made."));
      return NULL;
    }
  /* The header says how many badges there are. */
  while (self->entries->len < declared)
    g_ptr_array_add (self->entries, missing_entry (self->entries->len + 1));

  return g_steal_pointer (&self);
}

/**
 * credence_bundle_new_from_file:
 * @file: a bundle file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a bundle file (blocking; call it from a worker thread in the app).
 *
 * Returns: (transfer full) (nullable): the bundle
 */
CredenceBundle *
credence_bundle_new_from_file (GFile         *file,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > CREDENCE_LIMIT_BUNDLE_SIZE)
    {
      g_set_error (error, CREDENCE_BUNDLE_ERROR, CREDENCE_BUNDLE_ERROR_TOO_LARGE,
                   _("The bundle is larger than %d MiB."), (int) (CREDENCE_LIMIT_BUNDLE_SIZE / (1024 * 1024)));
      return NULL;
    }
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;
  bytes = g_bytes_new_take (contents, length);

  return credence_bundle_new_from_bytes (bytes, error);
}

/**
 * credence_bundle_get_exported_at:
 *
 * Returns: (transfer none) (nullable): when the bundle was written (%NULL
 *   for a bundle being made)
 */
GDateTime *
credence_bundle_get_exported_at (CredenceBundle *self)
{
  g_return_val_if_fail (CREDENCE_IS_BUNDLE (self), NULL);

  return self->exported_at;
}

guint
credence_bundle_get_n_badges (CredenceBundle *self)
{
  g_return_val_if_fail (CREDENCE_IS_BUNDLE (self), 0);

  return self->entries->len;
}

/**
 * credence_bundle_get_badge:
 * @index: from 0
 *
 * Returns: (transfer none): the badge as the bundle holds it: its
 *   original bytes (%NULL when damaged), the documents it was verified
 *   with and its verification history.  Names and dates are what the
 *   bundle says; they are only trustworthy once the badge is verified.
 */
const CredenceStoreBadge *
credence_bundle_get_badge (CredenceBundle *self,
                           guint           index)
{
  g_return_val_if_fail (CREDENCE_IS_BUNDLE (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return ((Entry *) g_ptr_array_index (self->entries, index))->badge;
}

/**
 * credence_bundle_get_problem:
 * @index: from 0
 *
 * Returns: (nullable): why the badge cannot be verified from the bundle
 *   (its file is damaged or missing), or %NULL
 */
const char *
credence_bundle_get_problem (CredenceBundle *self,
                             guint           index)
{
  g_return_val_if_fail (CREDENCE_IS_BUNDLE (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return ((Entry *) g_ptr_array_index (self->entries, index))->problem;
}

/**
 * credence_bundle_dup_documents:
 * @index: from 0
 *
 * Returns: (transfer full): the documents the badge was verified with, to
 *   verify it again offline
 */
CredenceDocumentSet *
credence_bundle_dup_documents (CredenceBundle *self,
                               guint           index)
{
  const CredenceStoreBadge *badge = credence_bundle_get_badge (self, index);
  CredenceDocumentSet *pins = credence_document_set_new ();

  for (guint i = 0; badge != NULL && badge->documents != NULL && i < badge->documents->len; i++)
    {
      CredenceStoreDocument *doc = g_ptr_array_index (badge->documents, i);
      g_autoptr(GDateTime) fetched_at = doc->fetched_at != 0 ? g_date_time_new_from_unix_utc (doc->fetched_at) : NULL;
      g_autoptr(CredenceDocument) document = credence_document_new (doc->url,
                                                                    doc->final_url != NULL ? doc->final_url : doc->url,
                                                                    doc->status > 0 ? (guint) doc->status : 200,
                                                                    fetched_at, doc->bytes);

      credence_document_set_add (pins, document);
    }

  return pins;
}

/**
 * credence_bundle_verify_badge:
 * @index: from 0
 * @verifier: a verifier; use an offline one to rely on the bundle alone
 * @cancellable: (nullable): a #GCancellable
 *
 * Verifies one badge of the bundle with the documents the bundle holds
 * for it.  A badge whose file is damaged or missing is reported
 * `invalid` (reason `invalid-data`) with a `bundle` check saying why.
 *
 * Returns: (transfer full): the report
 */
CredenceVerification *
credence_bundle_verify_badge (CredenceBundle   *self,
                              guint             index,
                              CredenceVerifier *verifier,
                              GCancellable     *cancellable)
{
  const CredenceStoreBadge *badge;
  const char *problem;
  g_autoptr(CredenceDocumentSet) pins = NULL;

  g_return_val_if_fail (CREDENCE_IS_BUNDLE (self), NULL);
  g_return_val_if_fail (CREDENCE_IS_VERIFIER (verifier), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  badge = credence_bundle_get_badge (self, index);
  problem = credence_bundle_get_problem (self, index);
  if (problem != NULL || badge->original == NULL)
    {
      CredenceVerification *report = credence_verification_new ();

      credence_verification_set_offline (report,
                                         credence_loader_get_offline (credence_verifier_get_loader (verifier)));
      credence_verification_add_check (report, "bundle", CREDENCE_CHECK_FAIL, CREDENCE_REASON_INVALID_DATA,
                                       "%s", problem != NULL ? problem : _("The badge’s file is missing from the bundle."));
      return report;
    }

  pins = credence_bundle_dup_documents (self, index);
  return credence_verifier_verify_bytes (verifier, badge->original, pins, cancellable);
}

/* Exporting from the collection */

/**
 * credence_bundle_new_from_store:
 * @store: the collection
 * @uids: (array zero-terminated=1) (nullable): the badges to put in, in
 *   order; %NULL for every badge (newest first, as listed)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a bundle of those badges with their
 *   original bytes, pinned documents and verification history
 */
CredenceBundle *
credence_bundle_new_from_store (CredenceStore       *store,
                                const char * const  *uids,
                                GCancellable        *cancellable,
                                GError             **error)
{
  g_autoptr(CredenceBundle) self = credence_bundle_new ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  g_return_val_if_fail (CREDENCE_IS_STORE (store), NULL);

  if (uids == NULL)
    {
      listed = credence_store_list_badges (store, NULL, error);
      if (listed == NULL)
        return NULL;
      for (guint i = 0; i < listed->len; i++)
        g_ptr_array_add (order, ((CredenceStoreBadge *) g_ptr_array_index (listed, i))->uid);
    }
  else
    for (guint i = 0; uids[i] != NULL; i++)
      g_ptr_array_add (order, (gpointer) uids[i]);

  for (guint i = 0; i < order->len; i++)
    {
      const char *uid = g_ptr_array_index (order, i);
      g_autoptr(CredenceStoreBadge) badge = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      /* A badge in two chosen collections goes in once. */
      if (!g_hash_table_add (seen, (gpointer) uid))
        continue;
      badge = credence_store_get_badge (store, uid, error);
      if (badge == NULL)
        return NULL;
      if (self->entries->len >= CREDENCE_LIMIT_BUNDLE_BADGES)
        {
          g_set_error (error, CREDENCE_BUNDLE_ERROR, CREDENCE_BUNDLE_ERROR_TOO_LARGE,
                       _("A bundle holds at most %d badges."), CREDENCE_LIMIT_BUNDLE_BADGES);
          return NULL;
        }
      credence_bundle_add_badge (self, badge);
    }

  return g_steal_pointer (&self);
}

/**
 * credence_bundle_save:
 * @file: where to write it (replaced atomically, readable only by you:
 *   it holds the addresses your badges were issued to)
 * @exported_at: (nullable): the export time, or %NULL for now
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 */
gboolean
credence_bundle_save (CredenceBundle  *self,
                      GFile           *file,
                      GDateTime       *exported_at,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CREDENCE_IS_BUNDLE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = credence_bundle_to_bytes (self, exported_at);
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL,
                                  FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, cancellable, error);
}

typedef struct
{
  CredenceStore *store;
  GStrv          uids;
  GFile         *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->store);
  g_strfreev (data->uids);
  g_clear_object (&data->file);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(CredenceBundle) bundle = NULL;
  GError *error = NULL;

  bundle = credence_bundle_new_from_store (data->store, (const char * const *) data->uids, cancellable, &error);
  if (bundle == NULL || !credence_bundle_save (bundle, data->file, NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, credence_bundle_get_n_badges (bundle));
}

/**
 * credence_bundle_export_async:
 * @store: the collection
 * @uids: (array zero-terminated=1) (nullable): the badges, or %NULL for all
 * @file: where to write the bundle
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * credence_bundle_new_from_store() and credence_bundle_save() in a worker
 * thread.
 */
void
credence_bundle_export_async (CredenceStore       *store,
                              const char * const  *uids,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (CREDENCE_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportData, 1);
  data->store = g_object_ref (store);
  data->uids = g_strdupv ((GStrv) uids);
  data->file = g_object_ref (file);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, credence_bundle_export_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * credence_bundle_export_finish:
 * @n_badges: (out) (optional): how many badges were written
 *
 * Returns: %TRUE when the bundle was written
 */
gboolean
credence_bundle_export_finish (GAsyncResult  *result,
                               guint         *n_badges,
                               GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_badges != NULL)
    *n_badges = (guint) n;
  return TRUE;
}
