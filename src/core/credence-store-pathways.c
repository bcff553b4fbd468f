/* credence-store-pathways.c: collections and pathways in the encrypted store.
 *
 * Schema 4 adds collections, their ordered items, pathways (kept as their
 * pathway-file JSON with a cached progress summary) and badge_facts: what
 * pathways match on (achievement and issuer ids, tags, alignments), read
 * once from each badge's payload.  Removing a badge removes it from every
 * collection (ON DELETE CASCADE); credence_store_update_progress()
 * recomputes every pathway after badges are added, removed or re-checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-badge.h"
#include "credence-json.h"
#include "credence-store-pathways.h"
#include "credence-store-private.h"

struct _CredenceStoreBadgeSet
{
  GArray    *badges;     /* CredencePathwayBadge */
  GPtrArray *uids;       /* char * */
  GPtrArray *strings;    /* everything the badges point to */
  GPtrArray *strvs;      /* tag arrays */
};

G_DEFINE_BOXED_TYPE (CredenceStorePathway, credence_store_pathway,
                     credence_store_pathway_copy, credence_store_pathway_free)

CredenceStorePathway *
credence_store_pathway_copy (const CredenceStorePathway *self)
{
  CredenceStorePathway *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->uid = g_strdup (self->uid);
  copy->title = g_strdup (self->title);

  return copy;
}

void
credence_store_pathway_free (CredenceStorePathway *self)
{
  if (self == NULL)
    return;

  g_free (self->uid);
  g_free (self->title);
  g_free (self);
}

/**
 * credence_store_standing_from_verdict:
 * @verdict: (nullable): "valid", "invalid", "indeterminate" or %NULL
 * @reason: (nullable): the primary reason code
 *
 * Returns: what a stored verdict means for pathways
 */
CredencePathwayStanding
credence_store_standing_from_verdict (const char *verdict,
                                      const char *reason)
{
  if (g_strcmp0 (verdict, "valid") == 0)
    return CREDENCE_PATHWAY_STANDING_VALID;

  if (g_strcmp0 (verdict, "invalid") == 0)
    {
      if (g_strcmp0 (reason, "expired") == 0)
        return CREDENCE_PATHWAY_STANDING_EXPIRED;
      if (g_strcmp0 (reason, "revoked") == 0 || g_strcmp0 (reason, "suspended") == 0)
        return CREDENCE_PATHWAY_STANDING_REVOKED;
      return CREDENCE_PATHWAY_STANDING_PROBLEM;
    }

  return CREDENCE_PATHWAY_STANDING_UNCHECKED;
}

/* Steps a statement that returns no rows and finalizes it. */
static gboolean
run (CredenceStore  *self,
     sqlite3_stmt   *stmt,
     const char     *what,
     GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _credence_store_set_sqlite_error (error, self->db, what);
      return FALSE;
    }

  return TRUE;
}

static void
set_collection_not_found (GError     **error,
                          const char  *uid)
{
  g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND,
               _("There is no collection “%s”. List the collections to see their names."), uid);
}

static void
set_pathway_not_found (GError     **error,
                       const char  *uid)
{
  g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND,
               _("There is no pathway “%s”. List the pathways to see their ids."), uid);
}

/* Collections */

static gboolean
check_name_free (CredenceStore  *self,
                 const char     *name,
                 const char     *uid,
                 GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _credence_store_prepare (self, "SELECT 1 FROM collections WHERE name = ?1 AND uid IS NOT ?2;",
                  "checking a collection name", error);
  if (stmt == NULL)
    return FALSE;
  _credence_store_bind_text (stmt, 1, name);
  _credence_store_bind_text (stmt, 2, uid);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc == SQLITE_ROW)
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID,
                   _("A collection named “%s” already exists; choose another name."), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _credence_store_set_sqlite_error (error, self->db, "checking a collection name");
      return FALSE;
    }

  return TRUE;
}

static gboolean save_collection (CredenceStore       *self,
                                 CredenceCollection  *collection,
                                 gboolean             insert,
                                 GError             **error);

/**
 * credence_store_save_collection:
 * @collection: a collection; saved as new when it has no uid (which is then
 *   set), else replacing the stored one
 *
 * Saves the collection with its badges in their order, in one transaction.
 * Every badge must be in the store (%CREDENCE_STORE_ERROR_NOT_FOUND
 * otherwise); names are unique (%CREDENCE_STORE_ERROR_INVALID).
 */
gboolean
credence_store_save_collection (CredenceStore       *self,
                                CredenceCollection  *collection,
                                GError             **error)
{
  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);
  g_return_val_if_fail (CREDENCE_IS_COLLECTION (collection), FALSE);

  return save_collection (self, collection, FALSE, error);
}

/* Inserts when the collection has no uid, or when @insert (keeping the
 * uid, for restoring a backup); else updates.
 */
static gboolean
save_collection (CredenceStore       *self,
                 CredenceCollection  *collection,
                 gboolean             insert,
                 GError             **error)
{
  g_autofree char *new_uid = NULL;
  const char *uid;
  const char *name;
  sqlite3_stmt *stmt;
  gint64 collection_id = 0;

  uid = credence_collection_get_uid (collection);
  name = credence_collection_get_name (collection);
  if (name[0] == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID,
                   _("A collection needs a name."));
      return FALSE;
    }

  if (!_credence_store_begin (self, error))
    return FALSE;

  if (!check_name_free (self, name, uid, error))
    goto fail;

  if (uid == NULL || insert)
    {
      if (uid == NULL)
        new_uid = g_uuid_string_random ();
      stmt = _credence_store_prepare (self,
                      "INSERT INTO collections (uid, name, description, disclosure, visibility, created_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6);",
                      "saving a collection", error);
    }
  else
    stmt = _credence_store_prepare (self,
                    "UPDATE collections SET name = ?2, description = ?3, disclosure = ?4, visibility = ?5 "
                    "WHERE uid = ?1;",
                    "saving a collection", error);
  if (stmt == NULL)
    goto fail;

  _credence_store_bind_text (stmt, 1, uid != NULL ? uid : new_uid);
  _credence_store_bind_text (stmt, 2, name);
  _credence_store_bind_text (stmt, 3, credence_collection_get_description (collection));
  sqlite3_bind_int64 (stmt, 4, credence_collection_get_disclosure (collection));
  _credence_store_bind_text (stmt, 5, credence_visibility_to_string (credence_collection_get_visibility (collection)));
  if (uid == NULL || insert)
    sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
  if (!run (self, stmt, "saving a collection", error))
    goto fail;

  if (uid != NULL && !insert && sqlite3_changes (self->db) == 0)
    {
      set_collection_not_found (error, uid);
      goto fail;
    }

  stmt = _credence_store_prepare (self, "SELECT id FROM collections WHERE uid = ?1;", "saving a collection", error);
  if (stmt == NULL)
    goto fail;
  _credence_store_bind_text (stmt, 1, uid != NULL ? uid : new_uid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    collection_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  stmt = _credence_store_prepare (self, "DELETE FROM collection_items WHERE collection_id = ?1;",
                  "saving a collection", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, collection_id);
  if (!run (self, stmt, "saving a collection", error))
    goto fail;

  for (guint i = 0; i < credence_collection_get_n_items (collection); i++)
    {
      const char *badge_uid = credence_collection_get_item (collection, i);

      stmt = _credence_store_prepare (self,
                      "INSERT INTO collection_items (collection_id, badge_id, position) "
                      "SELECT ?1, id, ?3 FROM badges WHERE uid = ?2;",
                      "saving a collection", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, collection_id);
      _credence_store_bind_text (stmt, 2, badge_uid);
      sqlite3_bind_int64 (stmt, 3, i);
      if (!run (self, stmt, "saving a collection", error))
        goto fail;
      if (sqlite3_changes (self->db) == 0)
        {
          g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND,
                       _("No badge “%s” in the collection. List the badges to see their ids."),
                       badge_uid);
          goto fail;
        }
    }

  stmt = _credence_store_prepare (self,
                  "UPDATE collections SET cover_badge_id = (SELECT id FROM badges WHERE uid = ?2) "
                  "WHERE id = ?1;",
                  "saving a collection", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, collection_id);
  _credence_store_bind_text (stmt, 2, credence_collection_get_cover (collection));
  if (!run (self, stmt, "saving a collection", error))
    goto fail;

  if (!_credence_store_commit (self, error))
    return FALSE;

  if (new_uid != NULL)
    credence_collection_set_uid (collection, new_uid);

  return TRUE;

fail:
  _credence_store_rollback (self);
  return FALSE;
}

#define COLLECTION_COLUMNS \
  "c.id, c.uid, c.name, c.description, (SELECT uid FROM badges WHERE id = c.cover_badge_id), " \
  "c.disclosure, c.visibility"

/* Builds a collection from a row of COLLECTION_COLUMNS, with its items. */
static CredenceCollection *
collection_from_row (CredenceStore  *self,
                     sqlite3_stmt   *row,
                     GError        **error)
{
  g_autoptr(CredenceCollection) collection = NULL;
  g_autofree char *name = _credence_store_column_text (row, 2);
  g_autofree char *uid = _credence_store_column_text (row, 1);
  g_autofree char *description = _credence_store_column_text (row, 3);
  g_autofree char *cover = _credence_store_column_text (row, 4);
  g_autofree char *visibility_name = _credence_store_column_text (row, 6);
  CredenceVisibility visibility = CREDENCE_VISIBILITY_PRIVATE;
  sqlite3_stmt *stmt;
  int rc;

  collection = credence_collection_new (name);
  credence_collection_set_uid (collection, uid);
  credence_collection_set_description (collection, description);
  credence_collection_set_disclosure (collection, sqlite3_column_int64 (row, 5));
  credence_visibility_from_string (visibility_name, &visibility);
  credence_collection_set_visibility (collection, visibility);

  stmt = _credence_store_prepare (self,
                  "SELECT b.uid FROM collection_items i JOIN badges b ON b.id = i.badge_id "
                  "WHERE i.collection_id = ?1 ORDER BY i.position;",
                  "reading a collection", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, sqlite3_column_int64 (row, 0));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    credence_collection_add (collection, (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _credence_store_set_sqlite_error (error, self->db, "reading a collection");
      return NULL;
    }

  credence_collection_set_cover (collection, cover);

  return g_steal_pointer (&collection);
}

/**
 * credence_store_get_collection:
 * @uid_or_name: the collection's uid or its name
 *
 * Returns: (transfer full): the collection with its badges in order
 */
CredenceCollection *
credence_store_get_collection (CredenceStore  *self,
                               const char     *uid_or_name,
                               GError        **error)
{
  CredenceCollection *collection = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), NULL);
  g_return_val_if_fail (uid_or_name != NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  stmt = _credence_store_prepare (self,
                  "SELECT " COLLECTION_COLUMNS " FROM collections c "
                  "WHERE c.uid = ?1 OR c.name = ?1 ORDER BY c.uid = ?1 DESC LIMIT 1;",
                  "reading a collection", error);
  if (stmt != NULL)
    {
      _credence_store_bind_text (stmt, 1, uid_or_name);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        collection = collection_from_row (self, stmt, error);
      else if (rc == SQLITE_DONE)
        set_collection_not_found (error, uid_or_name);
      else
        _credence_store_set_sqlite_error (error, self->db, "reading a collection");
      sqlite3_finalize (stmt);
    }
  g_rec_mutex_unlock (&self->lock);

  return collection;
}

/**
 * credence_store_list_collections:
 *
 * Returns: (transfer full) (element-type CredenceCollection): every
 *   collection, oldest first, with its badges
 */
GPtrArray *
credence_store_list_collections (CredenceStore  *self,
                                 GError        **error)
{
  g_autoptr(GPtrArray) collections = NULL;
  sqlite3_stmt *stmt;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), NULL);

  collections = g_ptr_array_new_with_free_func (g_object_unref);

  g_rec_mutex_lock (&self->lock);
  stmt = _credence_store_prepare (self,
                  "SELECT " COLLECTION_COLUMNS " FROM collections c ORDER BY c.created_at, c.id;",
                  "listing collections", error);
  if (stmt != NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          CredenceCollection *collection = collection_from_row (self, stmt, error);

          if (collection == NULL)
            break;
          g_ptr_array_add (collections, collection);
        }
      if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        _credence_store_set_sqlite_error (error, self->db, "listing collections");
      sqlite3_finalize (stmt);
    }
  g_rec_mutex_unlock (&self->lock);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&collections);
}

/**
 * credence_store_remove_collection:
 *
 * Removes a collection; its badges stay in the store.
 */
gboolean
credence_store_remove_collection (CredenceStore  *self,
                                  const char     *uid,
                                  GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  if (!_credence_store_begin (self, error))
    return FALSE;

  stmt = _credence_store_prepare (self, "DELETE FROM collections WHERE uid = ?1;", "removing a collection", error);
  if (stmt == NULL)
    goto fail;
  _credence_store_bind_text (stmt, 1, uid);
  if (!run (self, stmt, "removing a collection", error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      set_collection_not_found (error, uid);
      goto fail;
    }

  return _credence_store_commit (self, error);

fail:
  _credence_store_rollback (self);
  return FALSE;
}

/* Badge facts and the badge set */

static char *
tags_to_json (const char * const *tags)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static void
add_optional_member (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static char *
alignments_to_json (GPtrArray *alignments)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; alignments != NULL && i < alignments->len; i++)
    {
      const CredenceAlignment *al = g_ptr_array_index (alignments, i);

      json_builder_begin_object (builder);
      add_optional_member (builder, "name", al->name);
      add_optional_member (builder, "url", al->url);
      add_optional_member (builder, "code", al->code);
      add_optional_member (builder, "framework", al->framework);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* Reads what pathways need from the payload of every badge that has no
 * facts yet.  A payload that does not parse gets empty facts, so it is
 * not read again.  The caller holds a transaction.
 */
static gboolean
fill_badge_facts (CredenceStore  *self,
                  GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _credence_store_prepare (self,
                  "SELECT b.id, bf.payload FROM badges b JOIN badge_files bf ON bf.badge_id = b.id "
                  "LEFT JOIN badge_facts f ON f.badge_id = b.id WHERE f.badge_id IS NULL;",
                  "reading badges for pathways", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (payloads, g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _credence_store_set_sqlite_error (error, self->db, "reading badges for pathways");
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CredenceBadge) badge = NULL;
      g_autofree char *tags = NULL;
      g_autofree char *alignments = NULL;

      badge = credence_badge_new_from_bytes (g_ptr_array_index (payloads, i), NULL, NULL);

      stmt = _credence_store_prepare (self,
                      "INSERT INTO badge_facts (badge_id, achievement_id, issuer_id, tags, alignments) "
                      "VALUES (?1, ?2, ?3, ?4, ?5);",
                      "saving badge details for pathways", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (badge != NULL)
        {
          tags = tags_to_json (credence_badge_get_tags (badge));
          alignments = alignments_to_json (credence_badge_get_alignments (badge));
          _credence_store_bind_text (stmt, 2, credence_badge_get_achievement_id (badge));
          _credence_store_bind_text (stmt, 3, credence_badge_get_issuer_id (badge));
          _credence_store_bind_text (stmt, 4, tags);
          _credence_store_bind_text (stmt, 5, alignments);
        }
      if (!run (self, stmt, "saving badge details for pathways", error))
        return FALSE;
    }

  return TRUE;
}

static const char *
keep (CredenceStoreBadgeSet *set,
      char                  *string)
{
  if (string != NULL)
    g_ptr_array_add (set->strings, string);

  return string;
}

static const char *
keep_json_string (CredenceStoreBadgeSet *set,
                  JsonObject            *object,
                  const char            *member)
{
  return keep (set, g_strdup (credence_json_object_get_string (object, member)));
}

static void
read_facts (CredenceStoreBadgeSet *set,
            CredencePathwayBadge  *badge,
            const char            *tags_json,
            const char            *alignments_json)
{
  g_autoptr(JsonNode) tags = NULL;
  g_autoptr(JsonNode) alignments = NULL;
  JsonArray *array;

  if (tags_json != NULL)
    tags = credence_json_parse (tags_json, strlen (tags_json), NULL);
  array = credence_json_node_get_array (tags);
  if (array != NULL && json_array_get_length (array) > 0)
    {
      GPtrArray *strv = g_ptr_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *tag = credence_json_node_get_string (json_array_get_element (array, i));

          if (tag != NULL)
            g_ptr_array_add (strv, g_strdup (tag));
        }
      g_ptr_array_add (strv, NULL);
      badge->tags = (const char * const *)strv->pdata;
      g_ptr_array_add (set->strvs, g_ptr_array_free (strv, FALSE));
    }

  if (alignments_json != NULL)
    alignments = credence_json_parse (alignments_json, strlen (alignments_json), NULL);
  array = credence_json_node_get_array (alignments);
  if (array != NULL && json_array_get_length (array) > 0)
    {
      guint n = json_array_get_length (array);
      CredencePathwayAlignment *list = g_new0 (CredencePathwayAlignment, n);

      for (guint i = 0; i < n; i++)
        {
          JsonObject *object = credence_json_node_get_object (json_array_get_element (array, i));

          list[i].name = keep_json_string (set, object, "name");
          list[i].url = keep_json_string (set, object, "url");
          list[i].code = keep_json_string (set, object, "code");
          list[i].framework = keep_json_string (set, object, "framework");
        }
      badge->alignments = list;
      badge->n_alignments = n;
      g_ptr_array_add (set->strings, list);
    }
}

void
credence_store_badge_set_free (CredenceStoreBadgeSet *set)
{
  if (set == NULL)
    return;

  g_array_unref (set->badges);
  g_ptr_array_unref (set->uids);
  g_ptr_array_unref (set->strings);
  g_ptr_array_unref (set->strvs);
  g_free (set);
}

static CredenceStoreBadgeSet *
load_badge_set_locked (CredenceStore  *self,
                       GError        **error)
{
  g_autoptr(CredenceStoreBadgeSet) set = g_new0 (CredenceStoreBadgeSet, 1);
  sqlite3_stmt *stmt;
  int rc;

  set->badges = g_array_new (FALSE, TRUE, sizeof (CredencePathwayBadge));
  set->uids = g_ptr_array_new_with_free_func (g_free);
  set->strings = g_ptr_array_new_with_free_func (g_free);
  set->strvs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);

  stmt = _credence_store_prepare (self,
                  "SELECT b.uid, b.credential_id, b.name, b.description, b.issuer_name, b.issuer_url, "
                  "b.verdict, b.reason, f.achievement_id, f.issuer_id, f.tags, f.alignments "
                  "FROM badges b LEFT JOIN badge_facts f ON f.badge_id = b.id ORDER BY b.id;",
                  "reading badges for pathways", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CredencePathwayBadge badge = { 0 };
      const char *issuer_id;

      g_ptr_array_add (set->uids, _credence_store_column_text (stmt, 0));
      badge.id = keep (set, _credence_store_column_text (stmt, 1));
      if (badge.id == NULL)
        badge.id = g_ptr_array_index (set->uids, set->uids->len - 1);
      badge.name = keep (set, _credence_store_column_text (stmt, 2));
      badge.description = keep (set, _credence_store_column_text (stmt, 3));
      badge.issuer_name = keep (set, _credence_store_column_text (stmt, 4));
      issuer_id = keep (set, _credence_store_column_text (stmt, 9));
      badge.issuer_id = issuer_id != NULL ? issuer_id : keep (set, _credence_store_column_text (stmt, 5));
      badge.standing = credence_store_standing_from_verdict ((const char *)sqlite3_column_text (stmt, 6),
                                                             (const char *)sqlite3_column_text (stmt, 7));
      badge.achievement_id = keep (set, _credence_store_column_text (stmt, 8));
      read_facts (set, &badge, (const char *)sqlite3_column_text (stmt, 10),
                  (const char *)sqlite3_column_text (stmt, 11));
      g_array_append_val (set->badges, badge);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _credence_store_set_sqlite_error (error, self->db, "reading badges for pathways");
      return NULL;
    }

  return g_steal_pointer (&set);
}

/**
 * credence_store_load_badge_set:
 *
 * Reads every badge as pathways see it: ids, names, issuer, tags,
 * alignments and the latest verdict.  Badges added since the last call
 * have their payload read once.  Blocking.
 *
 * Returns: (transfer full): the badges
 */
CredenceStoreBadgeSet *
credence_store_load_badge_set (CredenceStore  *self,
                               GError        **error)
{
  CredenceStoreBadgeSet *set;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), NULL);

  if (!_credence_store_begin (self, error))
    return NULL;

  if (!fill_badge_facts (self, error) ||
      (set = load_badge_set_locked (self, error)) == NULL)
    {
      _credence_store_rollback (self);
      return NULL;
    }

  if (!_credence_store_commit (self, error))
    {
      credence_store_badge_set_free (set);
      return NULL;
    }

  return set;
}

/**
 * credence_store_badge_set_get_badges:
 * @n_badges: (out): how many
 *
 * Returns: (array length=n_badges) (transfer none): the badges, to give to
 *   credence_pathway_compute_progress()
 */
const CredencePathwayBadge *
credence_store_badge_set_get_badges (CredenceStoreBadgeSet *set,
                                     gsize                 *n_badges)
{
  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (n_badges != NULL, NULL);

  *n_badges = set->badges->len;

  return (const CredencePathwayBadge *)(gpointer)set->badges->data;
}

/**
 * credence_store_badge_set_get_uid:
 *
 * Returns: the store uid of the badge at @index (as progress results give)
 */
const char *
credence_store_badge_set_get_uid (CredenceStoreBadgeSet *set,
                                  guint                  index)
{
  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (index < set->uids->len, NULL);

  return g_ptr_array_index (set->uids, index);
}

/* Pathways */

static gboolean
save_progress (CredenceStore          *self,
               gint64                  pathway_id,
               CredencePathway        *pathway,
               CredenceStoreBadgeSet  *set,
               GError                **error)
{
  g_autoptr(CredencePathwayProgress) progress = NULL;
  const CredencePathwayBadge *badges;
  sqlite3_stmt *stmt;
  gsize n_badges;

  badges = credence_store_badge_set_get_badges (set, &n_badges);
  progress = credence_pathway_compute_progress (pathway, badges, n_badges);

  stmt = _credence_store_prepare (self,
                  "UPDATE pathways SET n_steps = ?2, n_complete = ?3, percent = ?4, progress_at = ?5 "
                  "WHERE id = ?1;",
                  "saving pathway progress", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pathway_id);
  sqlite3_bind_int64 (stmt, 2, credence_pathway_progress_get_n_steps (progress));
  sqlite3_bind_int64 (stmt, 3, credence_pathway_progress_get_n_complete (progress));
  sqlite3_bind_int64 (stmt, 4, credence_pathway_progress_get_percent (progress));
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);

  return run (self, stmt, "saving pathway progress", error);
}

/* Writes @pathway under @uid (a new row when @insert) and its progress. */
static gboolean
write_pathway (CredenceStore    *self,
               const char       *uid,
               CredencePathway  *pathway,
               gboolean          insert,
               GError          **error)
{
  g_autoptr(GBytes) definition = credence_pathway_to_bytes (pathway);
  g_autoptr(CredenceStoreBadgeSet) set = NULL;
  const char *title = credence_pathway_get_title (pathway);
  sqlite3_stmt *stmt;
  gint64 pathway_id = 0;

  if (title[0] == '\0')
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID,
                   _("A pathway needs a title."));
      return FALSE;
    }

  if (!_credence_store_begin (self, error))
    return FALSE;

  stmt = _credence_store_prepare (self,
                  insert ? "INSERT INTO pathways (uid, title, definition, created_at) VALUES (?1, ?2, ?3, ?4);"
                         : "UPDATE pathways SET title = ?2, definition = ?3 WHERE uid = ?1;",
                  "saving a pathway", error);
  if (stmt == NULL)
    goto fail;
  _credence_store_bind_text (stmt, 1, uid);
  _credence_store_bind_text (stmt, 2, title);
  sqlite3_bind_text (stmt, 3, g_bytes_get_data (definition, NULL), g_bytes_get_size (definition),
                     SQLITE_TRANSIENT);
  if (insert)
    sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  if (!run (self, stmt, "saving a pathway", error))
    goto fail;
  if (!insert && sqlite3_changes (self->db) == 0)
    {
      set_pathway_not_found (error, uid);
      goto fail;
    }

  stmt = _credence_store_prepare (self, "SELECT id FROM pathways WHERE uid = ?1;", "saving a pathway", error);
  if (stmt == NULL)
    goto fail;
  _credence_store_bind_text (stmt, 1, uid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    pathway_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (!fill_badge_facts (self, error) ||
      (set = load_badge_set_locked (self, error)) == NULL ||
      !save_progress (self, pathway_id, pathway, set, error))
    goto fail;

  return _credence_store_commit (self, error);

fail:
  _credence_store_rollback (self);
  return FALSE;
}

/**
 * credence_store_add_pathway:
 *
 * Saves a pathway (as its pathway file) and computes its progress.
 *
 * Returns: (transfer full): its new uid, or %NULL with @error set
 */
char *
credence_store_add_pathway (CredenceStore    *self,
                            CredencePathway  *pathway,
                            GError          **error)
{
  g_autofree char *uid = g_uuid_string_random ();

  g_return_val_if_fail (CREDENCE_IS_STORE (self), NULL);
  g_return_val_if_fail (CREDENCE_IS_PATHWAY (pathway), NULL);

  if (!write_pathway (self, uid, pathway, TRUE, error))
    return NULL;

  return g_steal_pointer (&uid);
}

/**
 * credence_store_update_pathway:
 *
 * Replaces the stored pathway @uid (after editing) and recomputes its
 * progress.
 */
gboolean
credence_store_update_pathway (CredenceStore    *self,
                               const char       *uid,
                               CredencePathway  *pathway,
                               GError          **error)
{
  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);
  g_return_val_if_fail (CREDENCE_IS_PATHWAY (pathway), FALSE);

  return write_pathway (self, uid, pathway, FALSE, error);
}

/**
 * credence_store_get_pathway:
 *
 * Returns: (transfer full): the pathway @uid
 */
CredencePathway *
credence_store_get_pathway (CredenceStore  *self,
                            const char     *uid,
                            GError        **error)
{
  g_autoptr(GBytes) definition = NULL;
  sqlite3_stmt *stmt;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  stmt = _credence_store_prepare (self, "SELECT definition FROM pathways WHERE uid = ?1;", "reading a pathway", error);
  if (stmt != NULL)
    {
      _credence_store_bind_text (stmt, 1, uid);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        definition = g_bytes_new (sqlite3_column_text (stmt, 0), sqlite3_column_bytes (stmt, 0));
      else if (rc == SQLITE_DONE)
        set_pathway_not_found (error, uid);
      else
        _credence_store_set_sqlite_error (error, self->db, "reading a pathway");
      sqlite3_finalize (stmt);
    }
  g_rec_mutex_unlock (&self->lock);

  if (definition == NULL)
    return NULL;

  return credence_pathway_new_from_bytes (definition, error);
}

/**
 * credence_store_find_pathway:
 * @uid_or_title: a pathway's uid, or its title when no other pathway has it
 *
 * Returns: (transfer full): the uid
 */
char *
credence_store_find_pathway (CredenceStore  *self,
                             const char     *uid_or_title,
                             GError        **error)
{
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), NULL);
  g_return_val_if_fail (uid_or_title != NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  stmt = _credence_store_prepare (self,
                  "SELECT uid FROM pathways WHERE uid = ?1 OR title = ?1 ORDER BY uid = ?1 DESC;",
                  "finding a pathway", error);
  if (stmt != NULL)
    {
      _credence_store_bind_text (stmt, 1, uid_or_title);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (uids, _credence_store_column_text (stmt, 0));
      if (rc != SQLITE_DONE)
        _credence_store_set_sqlite_error (error, self->db, "finding a pathway");
      sqlite3_finalize (stmt);
    }
  g_rec_mutex_unlock (&self->lock);

  if (rc != SQLITE_DONE)
    return NULL;

  if (uids->len == 0)
    {
      set_pathway_not_found (error, uid_or_title);
      return NULL;
    }

  if (uids->len > 1 && g_strcmp0 (g_ptr_array_index (uids, 0), uid_or_title) != 0)
    {
      g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID,
                   _("Several pathways are called “%s”; use the id of one."), uid_or_title);
      return NULL;
    }

  return g_strdup (g_ptr_array_index (uids, 0));
}

/**
 * credence_store_list_pathways:
 *
 * Returns: (transfer full) (element-type CredenceStorePathway): every
 *   pathway with its progress at the last recompute, oldest first
 */
GPtrArray *
credence_store_list_pathways (CredenceStore  *self,
                              GError        **error)
{
  g_autoptr(GPtrArray) pathways = NULL;
  sqlite3_stmt *stmt;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), NULL);

  pathways = g_ptr_array_new_with_free_func ((GDestroyNotify)credence_store_pathway_free);

  g_rec_mutex_lock (&self->lock);
  stmt = _credence_store_prepare (self,
                  "SELECT uid, title, n_steps, n_complete, percent, progress_at FROM pathways "
                  "ORDER BY created_at, id;",
                  "listing pathways", error);
  if (stmt != NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          CredenceStorePathway *pathway = g_new0 (CredenceStorePathway, 1);

          pathway->uid = _credence_store_column_text (stmt, 0);
          pathway->title = _credence_store_column_text (stmt, 1);
          pathway->n_steps = sqlite3_column_int (stmt, 2);
          pathway->n_complete = sqlite3_column_int (stmt, 3);
          pathway->percent = sqlite3_column_int (stmt, 4);
          pathway->progress_at = sqlite3_column_int64 (stmt, 5);
          g_ptr_array_add (pathways, pathway);
        }
      if (rc != SQLITE_DONE)
        _credence_store_set_sqlite_error (error, self->db, "listing pathways");
      sqlite3_finalize (stmt);
    }
  g_rec_mutex_unlock (&self->lock);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&pathways);
}

gboolean
credence_store_remove_pathway (CredenceStore  *self,
                               const char     *uid,
                               GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  if (!_credence_store_begin (self, error))
    return FALSE;

  stmt = _credence_store_prepare (self, "DELETE FROM pathways WHERE uid = ?1;", "removing a pathway", error);
  if (stmt == NULL)
    goto fail;
  _credence_store_bind_text (stmt, 1, uid);
  if (!run (self, stmt, "removing a pathway", error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      set_pathway_not_found (error, uid);
      goto fail;
    }

  return _credence_store_commit (self, error);

fail:
  _credence_store_rollback (self);
  return FALSE;
}

/**
 * credence_store_update_progress:
 *
 * Recomputes the progress of every pathway from the badges in the store
 * and their latest verdicts.  Call it after badges are added, removed or
 * checked again (the importer and the UI do).  Blocking: the UI uses
 * credence_store_update_progress_async().
 */
gboolean
credence_store_update_progress (CredenceStore  *self,
                                GError        **error)
{
  g_autoptr(CredenceStoreBadgeSet) set = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) definitions = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CREDENCE_IS_STORE (self), FALSE);

  if (!_credence_store_begin (self, error))
    return FALSE;

  if (!fill_badge_facts (self, error) || (set = load_badge_set_locked (self, error)) == NULL)
    goto fail;

  stmt = _credence_store_prepare (self, "SELECT id, definition FROM pathways;", "reading pathways", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (definitions, g_bytes_new (sqlite3_column_text (stmt, 1), sqlite3_column_bytes (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _credence_store_set_sqlite_error (error, self->db, "reading pathways");
      goto fail;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CredencePathway) pathway = NULL;
      g_autoptr(GError) local_error = NULL;

      /* A definition this version cannot read keeps its last progress. */
      pathway = credence_pathway_new_from_bytes (g_ptr_array_index (definitions, i), &local_error);
      if (pathway == NULL)
        {
          g_warning ("Pathway %" G_GINT64_FORMAT " cannot be read: %s",
                     g_array_index (ids, gint64, i), local_error->message);
          continue;
        }

      if (!save_progress (self, g_array_index (ids, gint64, i), pathway, set, error))
        goto fail;
    }

  return _credence_store_commit (self, error);

fail:
  _credence_store_rollback (self);
  return FALSE;
}

static void
update_progress_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;

  if (credence_store_update_progress (source_object, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
credence_store_update_progress_async (CredenceStore       *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CREDENCE_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, credence_store_update_progress_async);
  g_task_run_in_thread (task, update_progress_thread);
}

gboolean
credence_store_update_progress_finish (CredenceStore  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
collection_uid_exists (CredenceStore *self,
                       const char    *uid)
{
  sqlite3_stmt *stmt;
  gboolean exists = FALSE;

  g_rec_mutex_lock (&self->lock);
  stmt = _credence_store_prepare (self, "SELECT 1 FROM collections WHERE uid = ?1;", "reading a collection", NULL);
  if (stmt != NULL)
    {
      _credence_store_bind_text (stmt, 1, uid);
      exists = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_finalize (stmt);
    }
  g_rec_mutex_unlock (&self->lock);

  return exists;
}

/* Restoring a backup: collections and pathways of @from join @self.
 * @uid_map maps the backup's badge uids to the uids they have in @self
 * (a badge already there keeps its own).  A collection whose name exists
 * gets the missing badges at its end; a pathway already there (same uid)
 * is kept as it is.  The caller holds a transaction on @self.
 */
gboolean
_credence_store_merge_pathways_from (CredenceStore  *self,
                                     CredenceStore  *from,
                                     GHashTable     *uid_map,
                                     GError        **error)
{
  g_autoptr(GPtrArray) collections = NULL;
  g_autoptr(GPtrArray) pathways = NULL;

  collections = credence_store_list_collections (from, error);
  if (collections == NULL)
    return FALSE;

  for (guint i = 0; i < collections->len; i++)
    {
      CredenceCollection *theirs = g_ptr_array_index (collections, i);
      g_autoptr(CredenceCollection) target = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *cover = credence_collection_get_cover (theirs);
      gboolean insert = FALSE;

      target = credence_store_get_collection (self, credence_collection_get_name (theirs), &local_error);
      if (target == NULL)
        {
          if (!g_error_matches (local_error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_clear_error (&local_error);

          target = credence_collection_new (credence_collection_get_name (theirs));
          credence_collection_set_description (target, credence_collection_get_description (theirs));
          credence_collection_set_disclosure (target, credence_collection_get_disclosure (theirs));
          credence_collection_set_visibility (target, credence_collection_get_visibility (theirs));

          /* Keep the backup's uid unless another collection here has it. */
          if (!collection_uid_exists (self, credence_collection_get_uid (theirs)))
            credence_collection_set_uid (target, credence_collection_get_uid (theirs));
          insert = TRUE;
        }

      for (guint j = 0; j < credence_collection_get_n_items (theirs); j++)
        {
          const char *item = credence_collection_get_item (theirs, j);
          const char *mapped = g_hash_table_lookup (uid_map, item);

          credence_collection_add (target, mapped != NULL ? mapped : item);
        }

      if (cover != NULL && credence_collection_get_cover (target) == NULL)
        {
          const char *mapped = g_hash_table_lookup (uid_map, cover);

          credence_collection_set_cover (target, mapped != NULL ? mapped : cover);
        }

      if (!save_collection (self, target, insert && credence_collection_get_uid (target) != NULL, error))
        return FALSE;
    }

  pathways = credence_store_list_pathways (from, error);
  if (pathways == NULL)
    return FALSE;

  for (guint i = 0; i < pathways->len; i++)
    {
      CredenceStorePathway *listed = g_ptr_array_index (pathways, i);
      g_autoptr(CredencePathway) pathway = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *existing = NULL;

      existing = credence_store_find_pathway (self, listed->uid, &local_error);
      if (existing != NULL && g_strcmp0 (existing, listed->uid) == 0)
        continue;

      pathway = credence_store_get_pathway (from, listed->uid, error);
      if (pathway == NULL || !write_pathway (self, listed->uid, pathway, TRUE, error))
        return FALSE;
    }

  return TRUE;
}
