/* credence-store-badges.c: badges, their pinned documents and
 * verification history, and the owner's identities, in the collection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-store"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/crypto.h>
#include <string.h>

#include "credence-store-private.h"

/* Records */

/**
 * credence_store_document_new:
 * @url: the URL asked for
 * @bytes: the exact bytes
 *
 * Returns: (transfer full): a new pinned document
 */
CredenceStoreDocument *
credence_store_document_new (const char *url,
                             GBytes     *bytes)
{
  CredenceStoreDocument *self = g_new0 (CredenceStoreDocument, 1);

  self->url = g_strdup (url);
  self->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;

  return self;
}

CredenceStoreDocument *
credence_store_document_copy (const CredenceStoreDocument *self)
{
  CredenceStoreDocument *copy = g_new0 (CredenceStoreDocument, 1);

  copy->url = g_strdup (self->url);
  copy->final_url = g_strdup (self->final_url);
  copy->status = self->status;
  copy->fetched_at = self->fetched_at;
  copy->media_type = g_strdup (self->media_type);
  copy->sha256 = g_strdup (self->sha256);
  copy->bytes = self->bytes != NULL ? g_bytes_ref (self->bytes) : NULL;

  return copy;
}

void
credence_store_document_free (CredenceStoreDocument *self)
{
  if (self == NULL)
    return;

  g_free (self->url);
  g_free (self->final_url);
  g_free (self->media_type);
  g_free (self->sha256);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (CredenceStoreDocument, credence_store_document,
                     credence_store_document_copy, credence_store_document_free)

/**
 * credence_store_verification_new:
 *
 * Returns: (transfer full): a new history entry
 */
CredenceStoreVerification *
credence_store_verification_new (gint64      verified_at,
                                 gboolean    online,
                                 const char *verdict,
                                 const char *reason,
                                 const char *report)
{
  CredenceStoreVerification *self = g_new0 (CredenceStoreVerification, 1);

  self->verified_at = verified_at;
  self->online = online;
  self->verdict = g_strdup (verdict);
  self->reason = g_strdup (reason);
  self->report = g_strdup (report);

  return self;
}

CredenceStoreVerification *
credence_store_verification_copy (const CredenceStoreVerification *self)
{
  return credence_store_verification_new (self->verified_at, self->online,
                                          self->verdict, self->reason, self->report);
}

void
credence_store_verification_free (CredenceStoreVerification *self)
{
  if (self == NULL)
    return;

  g_free (self->verdict);
  g_free (self->reason);
  g_free (self->report);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (CredenceStoreVerification, credence_store_verification,
                     credence_store_verification_copy, credence_store_verification_free)

/**
 * credence_store_badge_new:
 *
 * Returns: (transfer full): an empty badge record
 */
CredenceStoreBadge *
credence_store_badge_new (void)
{
  return g_new0 (CredenceStoreBadge, 1);
}

static GPtrArray *
copy_array (GPtrArray      *array,
            GBoxedCopyFunc  copy,
            GDestroyNotify  free_func)
{
  GPtrArray *result;

  if (array == NULL)
    return NULL;

  result = g_ptr_array_new_full (array->len, free_func);
  for (guint i = 0; i < array->len; i++)
    g_ptr_array_add (result, copy (g_ptr_array_index (array, i)));

  return result;
}

CredenceStoreBadge *
credence_store_badge_copy (const CredenceStoreBadge *self)
{
  CredenceStoreBadge *copy = g_new0 (CredenceStoreBadge, 1);

  copy->uid = g_strdup (self->uid);
  copy->credential_id = g_strdup (self->credential_id);
  copy->payload_sha256 = g_strdup (self->payload_sha256);
  copy->container = g_strdup (self->container);
  copy->spec_version = g_strdup (self->spec_version);
  copy->original = self->original != NULL ? g_bytes_ref (self->original) : NULL;
  copy->payload = self->payload != NULL ? g_bytes_ref (self->payload) : NULL;
  copy->name = g_strdup (self->name);
  copy->description = g_strdup (self->description);
  copy->issuer_name = g_strdup (self->issuer_name);
  copy->issuer_url = g_strdup (self->issuer_url);
  copy->recipient = g_strdup (self->recipient);
  copy->issued_on = g_strdup (self->issued_on);
  copy->expires_on = g_strdup (self->expires_on);
  copy->image = g_strdup (self->image);
  copy->source = g_strdup (self->source);
  copy->added_at = self->added_at;
  copy->verdict = g_strdup (self->verdict);
  copy->reason = g_strdup (self->reason);
  copy->verified_at = self->verified_at;
  copy->duplicate = self->duplicate;
  copy->history = copy_array (self->history,
                              (GBoxedCopyFunc) credence_store_verification_copy,
                              (GDestroyNotify) credence_store_verification_free);
  copy->documents = copy_array (self->documents,
                                (GBoxedCopyFunc) credence_store_document_copy,
                                (GDestroyNotify) credence_store_document_free);

  return copy;
}

void
credence_store_badge_free (CredenceStoreBadge *self)
{
  if (self == NULL)
    return;

  g_free (self->uid);
  g_free (self->credential_id);
  g_free (self->payload_sha256);
  g_free (self->container);
  g_free (self->spec_version);
  g_clear_pointer (&self->original, g_bytes_unref);
  g_clear_pointer (&self->payload, g_bytes_unref);
  g_free (self->name);
  g_free (self->description);
  g_free (self->issuer_name);
  g_free (self->issuer_url);
  g_free (self->recipient);
  g_free (self->issued_on);
  g_free (self->expires_on);
  g_free (self->image);
  g_free (self->source);
  g_free (self->verdict);
  g_free (self->reason);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (CredenceStoreBadge, credence_store_badge,
                     credence_store_badge_copy, credence_store_badge_free)

/**
 * credence_store_badge_add_verification:
 * @self: a badge record
 * @verification: (transfer full): a history entry
 */
void
credence_store_badge_add_verification (CredenceStoreBadge        *self,
                                       CredenceStoreVerification *verification)
{
  if (self->history == NULL)
    self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_verification_free);
  g_ptr_array_add (self->history, verification);
}

/**
 * credence_store_badge_add_document:
 * @self: a badge record
 * @document: (transfer full): a pinned document
 */
void
credence_store_badge_add_document (CredenceStoreBadge    *self,
                                   CredenceStoreDocument *document)
{
  if (self->documents == NULL)
    self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_document_free);
  g_ptr_array_add (self->documents, document);
}

CredenceStoreIdentity *
credence_store_identity_copy (const CredenceStoreIdentity *self)
{
  CredenceStoreIdentity *copy = g_new0 (CredenceStoreIdentity, 1);

  copy->type = self->type;
  copy->value = g_strdup (self->value);
  copy->primary = self->primary;

  return copy;
}

void
credence_store_identity_free (CredenceStoreIdentity *self)
{
  if (self == NULL)
    return;

  g_free (self->value);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (CredenceStoreIdentity, credence_store_identity,
                     credence_store_identity_copy, credence_store_identity_free)

static const char *const identity_types[] = { "email", "url", "telephone", "did" };

const char *
credence_store_identity_type_to_string (CredenceStoreIdentityType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (identity_types), NULL);

  return identity_types[type];
}

gboolean
credence_store_identity_type_from_string (const char                *str,
                                          CredenceStoreIdentityType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (identity_types); i++)
    if (g_strcmp0 (str, identity_types[i]) == 0)
      {
        *type = (CredenceStoreIdentityType) i;
        return TRUE;
      }

  return FALSE;
}

/**
 * credence_store_identity_parse:
 * @address: an address as a learner types it: `ada@example.org`,
 *   `mailto:…`, `https://…`, `tel:…`, `+44 20 7946 0000`, `did:…`
 * @type: (out): its kind
 * @value: (out) (transfer full): the address without a `mailto:` or
 *   `tel:` prefix
 *
 * Returns: %FALSE when the kind cannot be told
 */
gboolean
credence_store_identity_parse (const char                 *address,
                               CredenceStoreIdentityType  *type,
                               char                      **value)
{
  g_autofree char *trimmed = NULL;
  guint digits = 0;
  gboolean phone_chars = TRUE;

  g_return_val_if_fail (address != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (address));

  if (g_str_has_prefix (trimmed, "did:"))
    *type = CREDENCE_STORE_IDENTITY_DID;
  else if (g_str_has_prefix (trimmed, "https://") || g_str_has_prefix (trimmed, "http://"))
    *type = CREDENCE_STORE_IDENTITY_URL;
  else if (g_ascii_strncasecmp (trimmed, "mailto:", 7) == 0)
    {
      *type = CREDENCE_STORE_IDENTITY_EMAIL;
      memmove (trimmed, trimmed + 7, strlen (trimmed + 7) + 1);
    }
  else if (g_ascii_strncasecmp (trimmed, "tel:", 4) == 0)
    {
      *type = CREDENCE_STORE_IDENTITY_TELEPHONE;
      memmove (trimmed, trimmed + 4, strlen (trimmed + 4) + 1);
    }
  else if (strchr (trimmed, '@') != NULL && strchr (trimmed, ' ') == NULL)
    *type = CREDENCE_STORE_IDENTITY_EMAIL;
  else
    {
      for (const char *p = trimmed; *p != '\0'; p++)
        {
          if (g_ascii_isdigit (*p))
            digits++;
          else if (strchr ("+ ()-.", *p) == NULL)
            phone_chars = FALSE;
        }
      if (!phone_chars || digits < 5)
        return FALSE;
      *type = CREDENCE_STORE_IDENTITY_TELEPHONE;
    }

  if (trimmed[0] == '\0')
    return FALSE;

  *value = g_steal_pointer (&trimmed);

  return TRUE;
}

/* Statement helpers */

static sqlite3_stmt *
prepare (CredenceStore  *self,
         const char     *sql,
         const char     *what,
         GError        **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _credence_store_set_sqlite_error (error, self->db, what);
      return NULL;
    }

  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_bytes (sqlite3_stmt *stmt,
            int           index,
            GBytes       *bytes)
{
  gsize len = 0;
  gconstpointer data = g_bytes_get_data (bytes, &len);

  /* A zero-length blob, not NULL, for empty bytes. */
  sqlite3_bind_blob64 (stmt, index, data != NULL ? data : "", len, SQLITE_STATIC);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text != NULL ? g_strdup ((const char *)text) : NULL;
}

static GBytes *
column_bytes (sqlite3_stmt *stmt,
              int           col)
{
  const void *data = sqlite3_column_blob (stmt, col);
  int len = sqlite3_column_bytes (stmt, col);

  return g_bytes_new (data, len);
}

/* Runs a statement expected to return no row. */
static gboolean
step_done (CredenceStore  *self,
           sqlite3_stmt   *stmt,
           const char     *what,
           GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      _credence_store_set_sqlite_error (error, self->db, what);
      return FALSE;
    }

  return TRUE;
}

static char *
new_uid (void)
{
  guint8 raw[8];
  char *uid = g_malloc (2 * sizeof raw + 1);

  if (gnutls_rnd (GNUTLS_RND_NONCE, raw, sizeof raw) != 0)
    g_error ("The system random number generator failed");
  for (gsize i = 0; i < sizeof raw; i++)
    g_snprintf (uid + 2 * i, 3, "%02x", raw[i]);

  return uid;
}

static char *
make_search_text (const CredenceStoreBadge *badge)
{
  const char *parts[] = {
    badge->name, badge->description, badge->issuer_name, badge->issuer_url,
    badge->recipient, badge->credential_id, badge->source,
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && g_utf8_validate (parts[i], -1, NULL))
      {
        g_autofree char *folded = g_utf8_casefold (parts[i], -1);

        g_string_append (text, folded);
        g_string_append_c (text, '\n');
      }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Returns the row id of the badge, 0 when there is none, -1 on error. */
static gint64
lookup_badge_id (CredenceStore  *self,
                 const char     *uid,
                 GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = prepare (self, "SELECT id FROM badges WHERE uid = ?1;", "finding a badge", error);
  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, uid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _credence_store_set_sqlite_error (error, self->db, "finding a badge");
      id = -1;
    }
  sqlite3_finalize (stmt);

  return id;
}

static gboolean
gc_documents (CredenceStore  *self,
              GError        **error)
{
  return _credence_store_exec (self->db,
                               "DELETE FROM documents WHERE sha256 NOT IN "
                               "(SELECT document_sha256 FROM badge_documents);",
                               "removing unused documents", error);
}

/* Pins @documents for the badge.  A document fetched again replaces the
 * pinned copy of the same URL (@replace: then copies no badge uses any
 * more are dropped).  Pins of URLs not fetched this time stay: an online
 * check that could not reach the issuer must not erase what the next
 * offline check relies on.
 */
static gboolean
link_documents (CredenceStore  *self,
                gint64          badge_id,
                GPtrArray      *documents,
                gboolean        replace,
                GError        **error)
{
  sqlite3_stmt *doc_stmt = NULL;
  sqlite3_stmt *link_stmt = NULL;
  gboolean ok = FALSE;

  doc_stmt = prepare (self, "INSERT OR IGNORE INTO documents (sha256, bytes) VALUES (?1, ?2);",
                      "saving a document", error);
  link_stmt = prepare (self,
                       "INSERT OR REPLACE INTO badge_documents "
                       "(badge_id, url, final_url, status, fetched_at, media_type, document_sha256) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);",
                       "saving a document", error);
  if (doc_stmt == NULL || link_stmt == NULL)
    goto out;

  for (guint i = 0; i < documents->len; i++)
    {
      CredenceStoreDocument *doc = g_ptr_array_index (documents, i);

      if (doc->url == NULL || doc->bytes == NULL)
        {
          g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID,
                       _("A pinned document has no URL or no content."));
          goto out;
        }

      g_free (doc->sha256);
      doc->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, doc->bytes);

      sqlite3_reset (doc_stmt);
      bind_text (doc_stmt, 1, doc->sha256);
      bind_bytes (doc_stmt, 2, doc->bytes);
      if (!step_done (self, doc_stmt, "saving a document", error))
        goto out;

      sqlite3_reset (link_stmt);
      sqlite3_bind_int64 (link_stmt, 1, badge_id);
      bind_text (link_stmt, 2, doc->url);
      bind_text (link_stmt, 3, doc->final_url);
      sqlite3_bind_int (link_stmt, 4, doc->status);
      sqlite3_bind_int64 (link_stmt, 5, doc->fetched_at);
      bind_text (link_stmt, 6, doc->media_type);
      bind_text (link_stmt, 7, doc->sha256);
      if (!step_done (self, link_stmt, "saving a document", error))
        goto out;
    }

  ok = !replace || gc_documents (self, error);

out:
  sqlite3_finalize (doc_stmt);
  sqlite3_finalize (link_stmt);

  return ok;
}

static gboolean
verification_exists (CredenceStore              *self,
                     gint64                      badge_id,
                     CredenceStoreVerification  *v,
                     gboolean                   *exists,
                     GError                    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "SELECT 1 FROM verifications WHERE badge_id = ?1 AND verified_at = ?2 "
                  "AND online = ?3 AND verdict = ?4 AND reason IS ?5 AND report IS ?6;",
                  "reading the history", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, badge_id);
  sqlite3_bind_int64 (stmt, 2, v->verified_at);
  sqlite3_bind_int (stmt, 3, v->online ? 1 : 0);
  bind_text (stmt, 4, v->verdict);
  bind_text (stmt, 5, v->reason);
  bind_text (stmt, 6, v->report);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _credence_store_set_sqlite_error (error, self->db, "reading the history");
      return FALSE;
    }
  *exists = rc == SQLITE_ROW;

  return TRUE;
}

static gboolean
insert_verification (CredenceStore              *self,
                     gint64                      badge_id,
                     CredenceStoreVerification  *v,
                     GError                    **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if (v->verdict == NULL)
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID,
                   _("A verification has no verdict."));
      return FALSE;
    }

  stmt = prepare (self,
                  "INSERT INTO verifications (badge_id, verified_at, online, verdict, reason, report) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6);",
                  "saving a verification", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, badge_id);
  sqlite3_bind_int64 (stmt, 2, v->verified_at);
  sqlite3_bind_int (stmt, 3, v->online ? 1 : 0);
  bind_text (stmt, 4, v->verdict);
  bind_text (stmt, 5, v->reason);
  bind_text (stmt, 6, v->report);
  ok = step_done (self, stmt, "saving a verification", error);
  sqlite3_finalize (stmt);

  return ok;
}

/* Copies the newest history entry into the badge row, for listings. */
static gboolean
update_latest (CredenceStore  *self,
               gint64          badge_id,
               GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = prepare (self,
                  "UPDATE badges SET "
                  " verdict = (SELECT verdict FROM verifications WHERE badge_id = ?1 "
                  "            ORDER BY verified_at DESC, id DESC LIMIT 1),"
                  " reason = (SELECT reason FROM verifications WHERE badge_id = ?1 "
                  "           ORDER BY verified_at DESC, id DESC LIMIT 1),"
                  " verified_at = IFNULL ((SELECT MAX (verified_at) FROM verifications "
                  "                        WHERE badge_id = ?1), 0) "
                  "WHERE id = ?1;",
                  "saving a verification", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, badge_id);
  ok = step_done (self, stmt, "saving a verification", error);
  sqlite3_finalize (stmt);

  return ok;
}

/* Finds a badge with the same credential id or the same payload. */
static gboolean
find_existing (CredenceStore  *self,
               const char     *credential_id,
               const char     *payload_sha256,
               gint64         *id_out,
               char          **uid_out,
               gint64         *verified_at_out,
               GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "SELECT id, uid, verified_at FROM badges WHERE payload_sha256 = ?1 "
                  "UNION ALL "
                  "SELECT id, uid, verified_at FROM badges WHERE credential_id = ?2 "
                  "LIMIT 1;",
                  "looking for duplicates", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, payload_sha256);
  bind_text (stmt, 2, credential_id);
  rc = sqlite3_step (stmt);
  *id_out = 0;
  if (rc == SQLITE_ROW)
    {
      *id_out = sqlite3_column_int64 (stmt, 0);
      if (uid_out != NULL)
        *uid_out = column_text (stmt, 1);
      if (verified_at_out != NULL)
        *verified_at_out = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _credence_store_set_sqlite_error (error, self->db, "looking for duplicates");
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_badge_row (CredenceStore       *self,
                  CredenceStoreBadge  *badge,
                  gint64              *id_out,
                  GError             **error)
{
  g_autofree char *search_text = make_search_text (badge);
  sqlite3_stmt *stmt;
  gboolean ok;

  if (badge->uid == NULL || lookup_badge_id (self, badge->uid, NULL) != 0)
    {
      g_free (badge->uid);
      badge->uid = new_uid ();
    }

  if (badge->added_at == 0)
    badge->added_at = g_get_real_time () / G_USEC_PER_SEC;

  stmt = prepare (self,
                  "INSERT INTO badges (uid, credential_id, payload_sha256, container, spec_version,"
                  " name, description, issuer_name, issuer_url, recipient,"
                  " issued_on, expires_on, image, source, added_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                  " ?16, ?18);",
                  "saving a badge", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, badge->uid);
  bind_text (stmt, 2, badge->credential_id);
  bind_text (stmt, 3, badge->payload_sha256);
  bind_text (stmt, 4, badge->container);
  bind_text (stmt, 5, badge->spec_version);
  bind_text (stmt, 8, badge->name);
  bind_text (stmt, 9, badge->description);
  bind_text (stmt, 10, badge->issuer_name);
  bind_text (stmt, 11, badge->issuer_url);
  bind_text (stmt, 12, badge->recipient);
  bind_text (stmt, 13, badge->issued_on);
  bind_text (stmt, 14, badge->expires_on);
  bind_text (stmt, 15, badge->image);
  bind_text (stmt, 16, badge->source);
  sqlite3_bind_int64 (stmt, 18, badge->added_at);
  ok = step_done (self, stmt, "saving a badge", error);
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  *id_out = sqlite3_last_insert_rowid (self->db);

  /* The bytes and the search text live in tables of their own, so that
   * listings stay small.
   */
  stmt = prepare (self, "INSERT INTO badge_files (badge_id, original, payload) VALUES (?1, ?2, ?3);",
                  "saving a badge", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *id_out);
  bind_bytes (stmt, 2, badge->original);
  bind_bytes (stmt, 3, badge->payload);
  ok = step_done (self, stmt, "saving a badge", error);
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  stmt = prepare (self, "INSERT INTO badge_search (badge_id, text) VALUES (?1, ?2);",
                  "saving a badge", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *id_out);
  bind_text (stmt, 2, search_text);
  ok = step_done (self, stmt, "saving a badge", error);
  sqlite3_finalize (stmt);

  return ok;
}

#define LIST_COLUMNS \
  "uid, credential_id, payload_sha256, container, spec_version, name, description," \
  " issuer_name, issuer_url, recipient, issued_on, expires_on, image, source, added_at," \
  " verdict, reason, verified_at"

static CredenceStoreBadge *
badge_from_row (sqlite3_stmt *stmt)
{
  CredenceStoreBadge *badge = credence_store_badge_new ();

  badge->uid = column_text (stmt, 0);
  badge->credential_id = column_text (stmt, 1);
  badge->payload_sha256 = column_text (stmt, 2);
  badge->container = column_text (stmt, 3);
  badge->spec_version = column_text (stmt, 4);
  badge->name = column_text (stmt, 5);
  badge->description = column_text (stmt, 6);
  badge->issuer_name = column_text (stmt, 7);
  badge->issuer_url = column_text (stmt, 8);
  badge->recipient = column_text (stmt, 9);
  badge->issued_on = column_text (stmt, 10);
  badge->expires_on = column_text (stmt, 11);
  badge->image = column_text (stmt, 12);
  badge->source = column_text (stmt, 13);
  badge->added_at = sqlite3_column_int64 (stmt, 14);
  badge->verdict = column_text (stmt, 15);
  badge->reason = column_text (stmt, 16);
  badge->verified_at = sqlite3_column_int64 (stmt, 17);

  return badge;
}

/* The listing fields a newer verification may refresh.  Not the
 * credential id (it identifies the badge) nor the source (where it came
 * from).
 */
static const gsize listing_fields[] = {
  G_STRUCT_OFFSET (CredenceStoreBadge, name),
  G_STRUCT_OFFSET (CredenceStoreBadge, description),
  G_STRUCT_OFFSET (CredenceStoreBadge, issuer_name),
  G_STRUCT_OFFSET (CredenceStoreBadge, issuer_url),
  G_STRUCT_OFFSET (CredenceStoreBadge, recipient),
  G_STRUCT_OFFSET (CredenceStoreBadge, issued_on),
  G_STRUCT_OFFSET (CredenceStoreBadge, expires_on),
  G_STRUCT_OFFSET (CredenceStoreBadge, image),
};

static gboolean
has_text (const char *value)
{
  for (const char *p = value; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;

  return FALSE;
}

/* Refreshes the listing of badge @id (and its search text) from @listing,
 * the badge as newer documents describe it.  A field @listing has fills
 * an empty one and, when @replace, replaces a different one; a field it
 * lacks or leaves blank never empties a known one.  On return @listing
 * holds the listing fields as stored.  The caller holds a transaction.
 */
static gboolean
refresh_listing (CredenceStore       *self,
                 gint64               id,
                 CredenceStoreBadge  *listing,
                 gboolean             replace,
                 GError             **error)
{
  g_autoptr(CredenceStoreBadge) stored = NULL;
  g_autofree char *search_text = NULL;
  gboolean changed = FALSE;
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  stmt = prepare (self, "SELECT " LIST_COLUMNS " FROM badges WHERE id = ?1;",
                  "refreshing a badge's details", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    stored = badge_from_row (stmt);
  else if (rc != SQLITE_DONE)
    _credence_store_set_sqlite_error (error, self->db, "refreshing a badge's details");
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE; /* removed meanwhile: nothing to refresh */
  if (stored == NULL)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (listing_fields); i++)
    {
      char **now = G_STRUCT_MEMBER_P (stored, listing_fields[i]);
      char **fresh = G_STRUCT_MEMBER_P (listing, listing_fields[i]);

      if (has_text (*fresh) && g_utf8_validate (*fresh, -1, NULL) &&
          (!has_text (*now) || (replace && strcmp (*now, *fresh) != 0)))
        {
          g_free (*now);
          *now = g_strdup (*fresh);
          changed = TRUE;
        }
      g_free (*fresh);
      *fresh = g_strdup (*now);
    }

  if (!changed)
    return TRUE;

  stmt = prepare (self,
                  "UPDATE badges SET name = ?2, description = ?3, issuer_name = ?4, issuer_url = ?5,"
                  " recipient = ?6, issued_on = ?7, expires_on = ?8, image = ?9 WHERE id = ?1;",
                  "refreshing a badge's details", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  for (gsize i = 0; i < G_N_ELEMENTS (listing_fields); i++)
    bind_text (stmt, i + 2, *(char **) G_STRUCT_MEMBER_P (stored, listing_fields[i]));
  ok = step_done (self, stmt, "refreshing a badge's details", error);
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  search_text = make_search_text (stored);
  stmt = prepare (self, "INSERT OR REPLACE INTO badge_search (badge_id, text) VALUES (?1, ?2);",
                  "refreshing a badge's details", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, search_text);
  ok = step_done (self, stmt, "refreshing a badge's details", error);
  sqlite3_finalize (stmt);

  return ok;
}

/* Adds @badge, or joins its history to the badge already there.  Every
 * verification an import brings is a check that happened, even when it
 * reads exactly like one before (same second, same outcome, same report):
 * it is recorded.  Only a restore that merges a backup (@merge_history)
 * skips the entries the collection already holds, so that merging the
 * same backup twice does not double the history.
 */
static gboolean
add_one (CredenceStore       *self,
         CredenceStoreBadge  *badge,
         gboolean             merge_history,
         GError             **error)
{
  g_autofree char *existing_uid = NULL;
  gint64 existing_verified_at = 0;
  gint64 newest = G_MININT64;
  const char *newest_verdict = NULL;
  gint64 id = 0;

  if (badge->container == NULL || badge->spec_version == NULL ||
      badge->original == NULL || badge->payload == NULL)
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID,
                   _("The badge could not be saved: its file or payload is missing."));
      return FALSE;
    }

  g_free (badge->payload_sha256);
  badge->payload_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, badge->payload);

  if (!find_existing (self, badge->credential_id, badge->payload_sha256,
                      &id, &existing_uid, &existing_verified_at, error))
    return FALSE;

  badge->duplicate = id != 0;
  if (badge->duplicate)
    {
      g_free (badge->uid);
      badge->uid = g_steal_pointer (&existing_uid);
    }
  else if (!insert_badge_row (self, badge, &id, error))
    return FALSE;

  for (guint i = 0; badge->history != NULL && i < badge->history->len; i++)
    {
      CredenceStoreVerification *v = g_ptr_array_index (badge->history, i);
      gboolean exists = FALSE;

      if (badge->duplicate && merge_history &&
          !verification_exists (self, id, v, &exists, error))
        return FALSE;
      if (!exists && !insert_verification (self, id, v, error))
        return FALSE;
      if (v->verified_at >= newest)
        {
          newest = v->verified_at;
          newest_verdict = v->verdict;
        }
    }

  if (badge->history != NULL && badge->history->len > 0 && !update_latest (self, id, error))
    return FALSE;

  /* A copy verified again may describe the badge better (imported
   * offline first, online now): its details fill the gaps, and replace
   * the listed ones when its verification is the newest and not invalid.
   */
  if (badge->duplicate &&
      !refresh_listing (self, id, badge,
                        newest >= existing_verified_at && newest_verdict != NULL &&
                        strcmp (newest_verdict, "invalid") != 0,
                        error))
    return FALSE;

  /* The documents of the newest verification are the pinned ones. */
  if (badge->documents != NULL && badge->documents->len > 0 &&
      (!badge->duplicate || newest >= existing_verified_at) &&
      !link_documents (self, id, badge->documents, badge->duplicate, error))
    return FALSE;

  return TRUE;
}

/**
 * credence_store_add_badges:
 * @self: a #CredenceStore
 * @badges: (element-type CredenceStoreBadge): the badges, each with its
 *   verification(s) in @history and its pinned documents in @documents
 * @error: return location for a #GError
 *
 * Adds @badges in one transaction: all of them or, on error, none.  A
 * badge already in the collection (same credential id or same payload) is
 * not added again: its verifications join the existing badge's history
 * (each one, even one that reads exactly like an entry already there:
 * it is another check), and its @duplicate is set.  A duplicate's
 * details fill the existing badge's empty listing fields and, when its
 * newest verification is the badge's newest and not invalid, replace the
 * listed ones (a blank field never empties a known one); the duplicate's
 * fields are then set to the listing as stored.  Sets @uid and
 * @payload_sha256 of each badge.
 */
gboolean
credence_store_add_badges (CredenceStore  *self,
                           GPtrArray      *badges,
                           GError        **error)
{
  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);
  g_return_val_if_fail (badges != NULL, FALSE);

  if (!_credence_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < badges->len; i++)
    if (!add_one (self, g_ptr_array_index (badges, i), FALSE, error))
      {
        _credence_store_rollback (self);
        return FALSE;
      }

  return _credence_store_commit (self, error);
}

/**
 * credence_store_add_badge:
 *
 * Adds one badge; see credence_store_add_badges().
 */
gboolean
credence_store_add_badge (CredenceStore       *self,
                          CredenceStoreBadge  *badge,
                          GError             **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_ptr_array_add (one, badge);

  return credence_store_add_badges (self, one, error);
}

static char *
make_like_pattern (const char *search)
{
  g_autofree char *folded = g_utf8_casefold (search, -1);
  GString *pattern = g_string_new ("%");

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

/**
 * credence_store_list_badges:
 * @self: a #CredenceStore
 * @search: (nullable): words to look for in names, descriptions, issuers
 *   and recipients, or %NULL for every badge
 * @error: return location for a #GError
 *
 * Lists badges, newest first, without their bytes, history or documents.
 *
 * Returns: (transfer full) (element-type CredenceStoreBadge): the badges
 */
GPtrArray *
credence_store_list_badges (CredenceStore  *self,
                            const char     *search,
                            GError        **error)
{
  g_autoptr(GPtrArray) badges = NULL;
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), NULL);

  if (search != NULL && !g_utf8_validate (search, -1, NULL))
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID,
                   _("The search text is not valid UTF-8."));
      return NULL;
    }

  badges = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_badge_free);

  g_rec_mutex_lock (&self->lock);
  if (search != NULL && search[0] != '\0')
    {
      pattern = make_like_pattern (search);
      stmt = prepare (self,
                      /* CROSS JOIN: the texts are read first, then only
                       * the badges that match.
                       */
                      "SELECT " LIST_COLUMNS " FROM badge_search s CROSS JOIN badges b "
                      "ON b.id = s.badge_id WHERE s.text LIKE ?1 ESCAPE '\\' "
                      "ORDER BY b.added_at DESC, b.id DESC;",
                      "listing badges", error);
      if (stmt != NULL)
        bind_text (stmt, 1, pattern);
    }
  else
    stmt = prepare (self,
                    "SELECT " LIST_COLUMNS " FROM badges ORDER BY added_at DESC, id DESC;",
                    "listing badges", error);

  if (stmt != NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (badges, badge_from_row (stmt));
      if (rc != SQLITE_DONE)
        {
          _credence_store_set_sqlite_error (error, self->db, "listing badges");
          g_clear_pointer (&badges, g_ptr_array_unref);
        }
      sqlite3_finalize (stmt);
    }
  else
    g_clear_pointer (&badges, g_ptr_array_unref);
  g_rec_mutex_unlock (&self->lock);

  return g_steal_pointer (&badges);
}

static gboolean
read_history (CredenceStore       *self,
              gint64               badge_id,
              CredenceStoreBadge  *badge,
              GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "SELECT verified_at, online, verdict, reason, report FROM verifications "
                  "WHERE badge_id = ?1 ORDER BY verified_at, id;",
                  "reading the history", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, badge_id);

  badge->history = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_verification_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (badge->history,
                     credence_store_verification_new (sqlite3_column_int64 (stmt, 0),
                                                      sqlite3_column_int (stmt, 1) != 0,
                                                      (const char *)sqlite3_column_text (stmt, 2),
                                                      (const char *)sqlite3_column_text (stmt, 3),
                                                      (const char *)sqlite3_column_text (stmt, 4)));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _credence_store_set_sqlite_error (error, self->db, "reading the history");
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_documents (CredenceStore       *self,
                gint64               badge_id,
                CredenceStoreBadge  *badge,
                GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "SELECT l.url, l.final_url, l.status, l.fetched_at, l.media_type, d.sha256, d.bytes "
                  "FROM badge_documents l JOIN documents d ON d.sha256 = l.document_sha256 "
                  "WHERE l.badge_id = ?1 ORDER BY l.url;",
                  "reading documents", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, badge_id);

  badge->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_document_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CredenceStoreDocument *doc = g_new0 (CredenceStoreDocument, 1);

      doc->url = column_text (stmt, 0);
      doc->final_url = column_text (stmt, 1);
      doc->status = sqlite3_column_int (stmt, 2);
      doc->fetched_at = sqlite3_column_int64 (stmt, 3);
      doc->media_type = column_text (stmt, 4);
      doc->sha256 = column_text (stmt, 5);
      doc->bytes = column_bytes (stmt, 6);
      g_ptr_array_add (badge->documents, doc);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _credence_store_set_sqlite_error (error, self->db, "reading documents");
      return FALSE;
    }

  return TRUE;
}

static void
set_not_found (GError     **error,
               const char  *uid)
{
  g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND,
               _("No badge “%s” in the collection. List the badges to see their ids."),
               uid);
}

/**
 * credence_store_get_badge:
 * @self: a #CredenceStore
 * @uid: the badge's id in the collection
 * @error: return location for a #GError
 *
 * Reads a badge with its original bytes, payload, history and pinned
 * documents.
 *
 * Returns: (transfer full): the badge, or %NULL with
 *   %CREDENCE_STORE_ERROR_NOT_FOUND
 */
CredenceStoreBadge *
credence_store_get_badge (CredenceStore  *self,
                          const char     *uid,
                          GError        **error)
{
  g_autoptr(CredenceStoreBadge) badge = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  stmt = prepare (self,
                  "SELECT " LIST_COLUMNS ", f.original, f.payload, b.id "
                  "FROM badges b JOIN badge_files f ON f.badge_id = b.id WHERE b.uid = ?1;",
                  "reading a badge", error);
  if (stmt == NULL)
    goto out;
  bind_text (stmt, 1, uid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      badge = badge_from_row (stmt);
      badge->original = column_bytes (stmt, 18);
      badge->payload = column_bytes (stmt, 19);
      id = sqlite3_column_int64 (stmt, 20);
    }
  else if (rc == SQLITE_DONE)
    set_not_found (error, uid);
  else
    _credence_store_set_sqlite_error (error, self->db, "reading a badge");
  sqlite3_finalize (stmt);

  if (badge != NULL &&
      (!read_history (self, id, badge, error) || !read_documents (self, id, badge, error)))
    g_clear_pointer (&badge, credence_store_badge_free);

out:
  g_rec_mutex_unlock (&self->lock);

  return g_steal_pointer (&badge);
}

/**
 * credence_store_find_badge:
 * @self: a #CredenceStore
 * @credential_id: (nullable): an assertion or credential id
 * @payload: (nullable): payload bytes
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the id of the badge with this
 *   credential id or payload, or %NULL with @error unset when none
 */
char *
credence_store_find_badge (CredenceStore  *self,
                           const char     *credential_id,
                           GBytes         *payload,
                           GError        **error)
{
  g_autofree char *sha = NULL;
  char *uid = NULL;
  gint64 id = 0;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), NULL);

  if (payload != NULL)
    sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, payload);

  g_rec_mutex_lock (&self->lock);
  find_existing (self, credential_id, sha, &id, &uid, NULL, error);
  g_rec_mutex_unlock (&self->lock);

  return uid;
}

/**
 * credence_store_remove_badge:
 *
 * Removes a badge, its history and the documents no other badge uses.
 */
gboolean
credence_store_remove_badge (CredenceStore  *self,
                             const char     *uid,
                             GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  if (!_credence_store_begin (self, error))
    return FALSE;

  stmt = prepare (self, "DELETE FROM badges WHERE uid = ?1;", "removing a badge", error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, uid);
  if (!step_done (self, stmt, "removing a badge", error))
    {
      sqlite3_finalize (stmt);
      goto fail;
    }
  sqlite3_finalize (stmt);

  if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (error, uid);
      goto fail;
    }

  if (!gc_documents (self, error))
    goto fail;

  return _credence_store_commit (self, error);

fail:
  _credence_store_rollback (self);
  return FALSE;
}

/**
 * credence_store_count_badges:
 *
 * Returns: the number of badges, or -1 on error
 */
gint64
credence_store_count_badges (CredenceStore  *self,
                             GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), -1);

  g_rec_mutex_lock (&self->lock);
  stmt = prepare (self, "SELECT COUNT (*) FROM badges;", "counting badges", error);
  if (stmt != NULL)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
      else
        _credence_store_set_sqlite_error (error, self->db, "counting badges");
      sqlite3_finalize (stmt);
    }
  g_rec_mutex_unlock (&self->lock);

  return count;
}

/**
 * credence_store_add_verification:
 * @self: a #CredenceStore
 * @uid: the badge's id
 * @verification: the new history entry
 * @documents: (nullable) (element-type CredenceStoreDocument): the
 *   documents this verification used; they replace the pinned copies of
 *   the same URLs, and the other pins stay.
 *   %NULL keeps the pinned documents (offline re-verification).
 * @listing: (nullable) (inout): the badge as this verification's
 *   documents describe it (name, description, issuer, dates, image,
 *   recipient), or %NULL to keep the listing as it is
 * @error: return location for a #GError
 *
 * Records a re-verification, in one transaction.  The fields @listing
 * has fill the badge's empty ones and, unless the verdict is invalid,
 * replace the listed ones; a field @listing lacks or leaves blank never
 * empties a known one.  The search text follows.  On return @listing
 * holds the badge's listing as stored.
 */
gboolean
credence_store_add_verification (CredenceStore              *self,
                                 const char                 *uid,
                                 CredenceStoreVerification  *verification,
                                 GPtrArray                  *documents,
                                 CredenceStoreBadge         *listing,
                                 GError                    **error)
{
  gint64 id;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);
  g_return_val_if_fail (uid != NULL && verification != NULL, FALSE);

  if (!_credence_store_begin (self, error))
    return FALSE;

  id = lookup_badge_id (self, uid, error);
  if (id == 0)
    set_not_found (error, uid);
  if (id <= 0 ||
      !insert_verification (self, id, verification, error) ||
      !update_latest (self, id, error) ||
      (documents != NULL && !link_documents (self, id, documents, TRUE, error)) ||
      (listing != NULL &&
       !refresh_listing (self, id, listing, g_strcmp0 (verification->verdict, "invalid") != 0, error)))
    {
      _credence_store_rollback (self);
      return FALSE;
    }

  return _credence_store_commit (self, error);
}

/* Identities */

static char *
normalise_identity (CredenceStoreIdentityType  type,
                    const char                *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value));

  if (type == CREDENCE_STORE_IDENTITY_EMAIL)
    return g_utf8_strdown (trimmed, -1);

  return g_steal_pointer (&trimmed);
}

/**
 * credence_store_add_identity:
 * @self: a #CredenceStore
 * @type: the kind of address
 * @value: the address (emails are trimmed and lowercased)
 * @primary: make it the primary identity (the first one always is)
 * @error: return location for a #GError
 *
 * Adds an identity of the owner, or changes whether it is primary.
 */
gboolean
credence_store_add_identity (CredenceStore              *self,
                             CredenceStoreIdentityType   type,
                             const char                 *value,
                             gboolean                    primary,
                             GError                    **error)
{
  g_autofree char *normalised = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if ((guint) type > CREDENCE_STORE_IDENTITY_DID || !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID,
                   _("The identity is not valid."));
      return FALSE;
    }

  normalised = normalise_identity (type, value);
  if (normalised[0] == '\0')
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID,
                   _("The identity is empty."));
      return FALSE;
    }

  if (!_credence_store_begin (self, error))
    return FALSE;

  stmt = prepare (self,
                  "INSERT OR IGNORE INTO identities (type, value, is_primary) "
                  "VALUES (?1, ?2, NOT EXISTS (SELECT 1 FROM identities WHERE is_primary));",
                  "saving an identity", error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, identity_types[type]);
  bind_text (stmt, 2, normalised);
  if (!step_done (self, stmt, "saving an identity", error))
    {
      sqlite3_finalize (stmt);
      goto fail;
    }
  sqlite3_finalize (stmt);

  if (primary)
    {
      stmt = prepare (self,
                      "UPDATE identities SET is_primary = (type = ?1 AND value = ?2);",
                      "saving an identity", error);
      if (stmt == NULL)
        goto fail;
      bind_text (stmt, 1, identity_types[type]);
      bind_text (stmt, 2, normalised);
      if (!step_done (self, stmt, "saving an identity", error))
        {
          sqlite3_finalize (stmt);
          goto fail;
        }
      sqlite3_finalize (stmt);
    }

  return _credence_store_commit (self, error);

fail:
  _credence_store_rollback (self);
  return FALSE;
}

/**
 * credence_store_remove_identity:
 *
 * Removes an identity; when it was the primary one, the oldest remaining
 * identity becomes primary.
 */
gboolean
credence_store_remove_identity (CredenceStore              *self,
                                CredenceStoreIdentityType   type,
                                const char                 *value,
                                GError                    **error)
{
  g_autofree char *normalised = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) type <= CREDENCE_STORE_IDENTITY_DID && value != NULL, FALSE);

  normalised = normalise_identity (type, value);

  if (!_credence_store_begin (self, error))
    return FALSE;

  stmt = prepare (self, "DELETE FROM identities WHERE type = ?1 AND value = ?2;",
                  "removing an identity", error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, identity_types[type]);
  bind_text (stmt, 2, normalised);
  if (!step_done (self, stmt, "removing an identity", error))
    {
      sqlite3_finalize (stmt);
      goto fail;
    }
  sqlite3_finalize (stmt);

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not one of your identities."), normalised);
      goto fail;
    }

  if (!_credence_store_exec (self->db,
                             "UPDATE identities SET is_primary = 1 "
                             "WHERE id = (SELECT MIN (id) FROM identities) "
                             "AND NOT EXISTS (SELECT 1 FROM identities WHERE is_primary);",
                             "removing an identity", error))
    goto fail;

  return _credence_store_commit (self, error);

fail:
  _credence_store_rollback (self);
  return FALSE;
}

/**
 * credence_store_list_identities:
 *
 * Returns: (transfer full) (element-type CredenceStoreIdentity): the
 *   owner's identities, the primary one first
 */
GPtrArray *
credence_store_list_identities (CredenceStore  *self,
                                GError        **error)
{
  g_autoptr(GPtrArray) identities = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  stmt = prepare (self,
                  "SELECT type, value, is_primary FROM identities ORDER BY is_primary DESC, id;",
                  "listing identities", error);
  if (stmt != NULL)
    {
      identities = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_identity_free);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          CredenceStoreIdentity *identity = g_new0 (CredenceStoreIdentity, 1);

          credence_store_identity_type_from_string ((const char *)sqlite3_column_text (stmt, 0),
                                                    &identity->type);
          identity->value = column_text (stmt, 1);
          identity->primary = sqlite3_column_int (stmt, 2) != 0;
          g_ptr_array_add (identities, identity);
        }
      if (rc != SQLITE_DONE)
        {
          _credence_store_set_sqlite_error (error, self->db, "listing identities");
          g_clear_pointer (&identities, g_ptr_array_unref);
        }
      sqlite3_finalize (stmt);
    }
  g_rec_mutex_unlock (&self->lock);

  return g_steal_pointer (&identities);
}

/* Restore */

gboolean
_credence_store_clear_all (CredenceStore  *self,
                           GError        **error)
{
  return _credence_store_exec (self->db,
                               "DELETE FROM collections;"
                               "DELETE FROM pathways;"
                               "DELETE FROM badge_documents;"
                               "DELETE FROM verifications;"
                               "DELETE FROM badge_files;"
                               "DELETE FROM badges;"
                               "DELETE FROM documents;"
                               "DELETE FROM identities;"
                               "DELETE FROM meta;",
                               "emptying the collection", error);
}

static gboolean
merge_meta (CredenceStore  *self,
            CredenceStore  *from,
            GError        **error)
{
  sqlite3_stmt *read_stmt;
  sqlite3_stmt *write_stmt;
  gboolean ok = TRUE;
  int rc;

  read_stmt = prepare (from, "SELECT key, value FROM meta;", "reading the backup", error);
  if (read_stmt == NULL)
    return FALSE;
  write_stmt = prepare (self, "INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2);",
                        "restoring settings", error);
  if (write_stmt == NULL)
    {
      sqlite3_finalize (read_stmt);
      return FALSE;
    }

  while (ok && (rc = sqlite3_step (read_stmt)) == SQLITE_ROW)
    {
      sqlite3_reset (write_stmt);
      bind_text (write_stmt, 1, (const char *)sqlite3_column_text (read_stmt, 0));
      bind_text (write_stmt, 2, (const char *)sqlite3_column_text (read_stmt, 1));
      ok = step_done (self, write_stmt, "restoring settings", error);
    }
  if (ok && rc != SQLITE_DONE)
    {
      _credence_store_set_sqlite_error (error, from->db, "reading the backup");
      ok = FALSE;
    }

  sqlite3_finalize (read_stmt);
  sqlite3_finalize (write_stmt);

  return ok;
}

gboolean
_credence_store_merge_from (CredenceStore  *self,
                            CredenceStore  *from,
                            GError        **error)
{
  g_autoptr(GPtrArray) badges = NULL;
  g_autoptr(GPtrArray) identities = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GHashTable) uid_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean have_primary = FALSE;

  badges = credence_store_list_badges (from, NULL, error);
  if (badges == NULL)
    return FALSE;

  /* Oldest first, so that the restored order is the backup's order. */
  for (guint i = badges->len; i > 0; i--)
    {
      CredenceStoreBadge *listed = g_ptr_array_index (badges, i - 1);
      g_autoptr(CredenceStoreBadge) full = credence_store_get_badge (from, listed->uid, error);

      if (full == NULL || !add_one (self, full, TRUE, error))
        return FALSE;
      g_hash_table_insert (uid_map, g_strdup (listed->uid), g_strdup (full->uid));
    }

  if (!_credence_store_merge_pathways_from (self, from, uid_map, error))
    return FALSE;

  mine = credence_store_list_identities (self, error);
  identities = credence_store_list_identities (from, error);
  if (mine == NULL || identities == NULL)
    return FALSE;
  for (guint i = 0; i < mine->len; i++)
    have_primary |= ((CredenceStoreIdentity *) g_ptr_array_index (mine, i))->primary;

  for (guint i = 0; i < identities->len; i++)
    {
      CredenceStoreIdentity *identity = g_ptr_array_index (identities, i);

      if (!credence_store_add_identity (self, identity->type, identity->value,
                                        identity->primary && !have_primary, error))
        return FALSE;
    }

  return merge_meta (self, from, error);
}

/* The statement helpers, for the other credence-store-*.c files. */

sqlite3_stmt *
_credence_store_prepare (CredenceStore  *self,
                         const char     *sql,
                         const char     *what,
                         GError        **error)
{
  return prepare (self, sql, what, error);
}

void
_credence_store_bind_text (sqlite3_stmt *stmt,
                           int           index,
                           const char   *text)
{
  bind_text (stmt, index, text);
}

char *
_credence_store_column_text (sqlite3_stmt *stmt,
                             int           col)
{
  return column_text (stmt, col);
}
