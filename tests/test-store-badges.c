/* test-store-badges.c: badges, documents, history and identities in the
 * collection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-keyring.h"
#include "credence-store.h"
#include "credence-test-utils.h"

typedef CredenceTestStore Fixture;

static gint64
count_rows (Fixture    *f,
            const char *table)
{
  /* Counted through the public API where there is one; documents are
   * counted by reading every badge's pinned documents' digests.
   */
  g_autoptr(GPtrArray) badges = credence_store_list_badges (f->store, NULL, NULL);
  g_autoptr(GHashTable) digests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpstr (table, ==, "documents");
  for (guint i = 0; i < badges->len; i++)
    {
      CredenceStoreBadge *listed = g_ptr_array_index (badges, i);
      g_autoptr(CredenceStoreBadge) full = credence_store_get_badge (f->store, listed->uid, NULL);

      for (guint j = 0; j < full->documents->len; j++)
        {
          CredenceStoreDocument *doc = g_ptr_array_index (full->documents, j);

          g_hash_table_add (digests, g_strdup (doc->sha256));
        }
    }

  return g_hash_table_size (digests);
}

static void
test_add_and_get (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CredenceStoreBadge) badge = credence_test_make_badge ("Rust Basics", "https://issuer.example.org/a/1", "valid", 1715508000);
  g_autoptr(CredenceStoreBadge) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_sha = NULL;
  CredenceStoreVerification *v;

  g_assert_true (credence_store_add_badge (f->store, badge, &error));
  g_assert_no_error (error);
  g_assert_false (badge->duplicate);
  g_assert_nonnull (badge->uid);
  g_assert_cmpuint (strlen (badge->uid), ==, 16);
  expected_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, badge->payload);
  g_assert_cmpstr (badge->payload_sha256, ==, expected_sha);
  g_assert_cmpint (badge->added_at, >, 0);

  credence_test_store_reopen (f);

  got = credence_store_get_badge (f->store, badge->uid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->uid, ==, badge->uid);
  g_assert_cmpstr (got->credential_id, ==, "https://issuer.example.org/a/1");
  g_assert_cmpstr (got->name, ==, "Rust Basics");
  g_assert_cmpstr (got->issuer_name, ==, "Example Issuing Academy");
  g_assert_cmpstr (got->container, ==, "png");
  g_assert_cmpstr (got->spec_version, ==, "2.0");
  g_assert_cmpstr (got->source, ==, "Rust Basics.png");
  g_assert_cmpint (got->added_at, ==, badge->added_at);
  g_assert_true (g_bytes_equal (got->original, badge->original));
  g_assert_true (g_bytes_equal (got->payload, badge->payload));
  g_assert_cmpstr (got->verdict, ==, "valid");
  g_assert_null (got->reason);
  g_assert_cmpint (got->verified_at, ==, 1715508000);

  g_assert_cmpuint (got->history->len, ==, 1);
  v = g_ptr_array_index (got->history, 0);
  g_assert_true (v->online);
  g_assert_cmpstr (v->verdict, ==, "valid");
  g_assert_cmpstr (v->report, ==, "{\"verdict\": \"as recorded\"}");

  g_assert_cmpuint (got->documents->len, ==, 2);
  for (guint i = 0; i < got->documents->len; i++)
    {
      CredenceStoreDocument *doc = g_ptr_array_index (got->documents, i);
      g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, doc->bytes);

      g_assert_cmpstr (doc->sha256, ==, sha);
      g_assert_cmpint (doc->status, ==, 200);
      g_assert_cmpint (doc->fetched_at, ==, 1715508000);
    }
  g_assert_cmpstr (((CredenceStoreDocument *) g_ptr_array_index (got->documents, 1))->url, ==,
                   "https://issuer.example.org/issuer");
  g_assert_cmpstr (((CredenceStoreDocument *) g_ptr_array_index (got->documents, 1))->media_type, ==,
                   "application/ld+json");

  /* Listings carry no bytes, history or documents. */
  list = credence_store_list_badges (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_null (((CredenceStoreBadge *) g_ptr_array_index (list, 0))->original);
  g_assert_null (((CredenceStoreBadge *) g_ptr_array_index (list, 0))->history);
  g_assert_cmpstr (((CredenceStoreBadge *) g_ptr_array_index (list, 0))->verdict, ==, "valid");

  g_assert_null (credence_store_get_badge (f->store, "0000000000000000", &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND);
}

static void
test_dedupe (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CredenceStoreBadge) first = credence_test_make_badge ("Welding", "https://issuer.example.org/a/2", "valid", 1000);
  g_autoptr(CredenceStoreBadge) same_id = credence_test_make_badge ("Welding, re-baked", "https://issuer.example.org/a/2", "invalid", 2000);
  g_autoptr(CredenceStoreBadge) same_payload = credence_test_make_badge ("Welding", "https://issuer.example.org/a/2", "valid", 3000);
  g_autoptr(CredenceStoreBadge) no_id = credence_test_make_badge ("Knitting", NULL, "valid", 1000);
  g_autoptr(CredenceStoreBadge) no_id_again = credence_test_make_badge ("Knitting", NULL, "valid", 1000);
  g_autoptr(CredenceStoreBadge) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  g_assert_true (credence_store_add_badge (f->store, first, &error));
  g_assert_no_error (error);

  /* Same credential id, different payload bytes: already there. */
  g_assert_true (credence_store_add_badge (f->store, same_id, &error));
  g_assert_no_error (error);
  g_assert_true (same_id->duplicate);
  g_assert_cmpstr (same_id->uid, ==, first->uid);

  /* Same payload bytes (and id). */
  g_clear_pointer (&same_payload->credential_id, g_free);
  g_assert_true (credence_store_add_badge (f->store, same_payload, &error));
  g_assert_true (same_payload->duplicate);
  g_assert_cmpstr (same_payload->uid, ==, first->uid);

  /* No id: the payload decides. */
  g_assert_true (credence_store_add_badge (f->store, no_id, &error));
  g_assert_false (no_id->duplicate);
  g_assert_true (credence_store_add_badge (f->store, no_id_again, &error));
  g_assert_true (no_id_again->duplicate);
  g_assert_cmpstr (no_id_again->uid, ==, no_id->uid);

  g_assert_cmpint (credence_store_count_badges (f->store, &error), ==, 2);

  /* Every newer verification joined the history; nothing else changed. */
  got = credence_store_get_badge (f->store, first->uid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->name, ==, "Welding");
  g_assert_true (g_bytes_equal (got->payload, first->payload));
  g_assert_cmpuint (got->history->len, ==, 3);
  g_assert_cmpstr (got->verdict, ==, "valid");
  g_assert_cmpint (got->verified_at, ==, 3000);
  g_clear_pointer (&got, credence_store_badge_free);

  /* The same badge checked twice in the same second with the same
   * outcome and report: two checks, both in the history.
   */
  got = credence_store_get_badge (f->store, no_id->uid, &error);
  g_assert_cmpuint (got->history->len, ==, 2);

  found = credence_store_find_badge (f->store, "https://issuer.example.org/a/2", NULL, &error);
  g_assert_cmpstr (found, ==, first->uid);
  g_clear_pointer (&found, g_free);
  found = credence_store_find_badge (f->store, NULL, no_id->payload, &error);
  g_assert_cmpstr (found, ==, no_id->uid);
  g_clear_pointer (&found, g_free);
  found = credence_store_find_badge (f->store, "https://elsewhere.example/", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

static void
test_batch_is_atomic (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_badge_free);
  g_autoptr(GError) error = NULL;
  CredenceStoreBadge *broken;

  g_ptr_array_add (batch, credence_test_make_badge ("One", "urn:test:1", "valid", 10));
  g_ptr_array_add (batch, credence_test_make_badge ("Two", "urn:test:2", "valid", 10));
  broken = credence_test_make_badge ("Three", "urn:test:3", "valid", 10);
  g_clear_pointer (&broken->payload, g_bytes_unref);
  g_ptr_array_add (batch, broken);

  g_assert_false (credence_store_add_badges (f->store, batch, &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (credence_store_count_badges (f->store, &error), ==, 0);
  g_assert_cmpint (count_rows (f, "documents"), ==, 0);

  g_ptr_array_remove_index (batch, 2);
  g_assert_true (credence_store_add_badges (f->store, batch, &error));
  g_assert_no_error (error);
  g_assert_cmpint (credence_store_count_badges (f->store, &error), ==, 2);
  g_assert_true (credence_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
}

static void
test_documents_shared (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CredenceStoreBadge) a = credence_test_make_badge ("A", "urn:test:a", "valid", 10);
  g_autoptr(CredenceStoreBadge) b = credence_test_make_badge ("B", "urn:test:b", "valid", 10);
  g_autoptr(CredenceStoreBadge) got = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  CredenceStoreDocument *doc;
  g_autoptr(GBytes) new_issuer = g_bytes_new_static ("{\"type\": \"Issuer\", \"revoked\": true}", 34);

  g_assert_true (credence_store_add_badge (f->store, a, &error));
  g_assert_true (credence_store_add_badge (f->store, b, &error));
  g_assert_no_error (error);

  /* Two assertions plus one issuer document shared by both. */
  g_assert_cmpint (count_rows (f, "documents"), ==, 3);

  /* An online re-verification pins new documents for B only. */
  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_store_document_free);
  doc = credence_store_document_new ("https://issuer.example.org/issuer", new_issuer);
  doc->status = 200;
  doc->fetched_at = 20;
  g_ptr_array_add (docs, doc);
  g_assert_true (credence_store_add_verification (f->store, b->uid,
                                                  &(CredenceStoreVerification) {
                                                    20, TRUE, (char *)"invalid", (char *)"revoked",
                                                    (char *)"{}" },
                                                  docs, NULL, &error));
  g_assert_no_error (error);

  got = credence_store_get_badge (f->store, b->uid, &error);
  g_assert_cmpuint (got->history->len, ==, 2);
  g_assert_cmpstr (got->verdict, ==, "invalid");
  g_assert_cmpstr (got->reason, ==, "revoked");
  g_assert_cmpint (got->verified_at, ==, 20);
  /* The issuer fetched again replaces its pinned copy; B's assertion, not
   * fetched this time, stays pinned.
   */
  g_assert_cmpuint (got->documents->len, ==, 2);
  for (guint i = 0; i < got->documents->len; i++)
    {
      CredenceStoreDocument *pinned = g_ptr_array_index (got->documents, i);

      if (g_str_equal (pinned->url, "https://issuer.example.org/issuer"))
        g_assert_true (g_bytes_equal (pinned->bytes, new_issuer));
      else
        g_assert_false (g_bytes_equal (pinned->bytes, new_issuer));
    }
  g_clear_pointer (&got, credence_store_badge_free);

  /* A keeps its documents, the old issuer copy among them. */
  got = credence_store_get_badge (f->store, a->uid, &error);
  g_assert_cmpuint (got->documents->len, ==, 2);
  g_clear_pointer (&got, credence_store_badge_free);
  g_assert_cmpint (count_rows (f, "documents"), ==, 4);

  /* An offline re-verification keeps the pinned documents. */
  g_assert_true (credence_store_add_verification (f->store, a->uid,
                                                  &(CredenceStoreVerification) {
                                                    30, FALSE, (char *)"valid", NULL, (char *)"{}" },
                                                  NULL, NULL, &error));
  got = credence_store_get_badge (f->store, a->uid, &error);
  g_assert_cmpuint (got->documents->len, ==, 2);
  g_assert_false (((CredenceStoreVerification *) g_ptr_array_index (got->history, 1))->online);
  g_clear_pointer (&got, credence_store_badge_free);

  /* Removing a badge removes what only it used. */
  g_assert_true (credence_store_remove_badge (f->store, a->uid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (credence_store_count_badges (f->store, &error), ==, 1);
  g_assert_cmpint (count_rows (f, "documents"), ==, 2);
  g_assert_false (credence_store_remove_badge (f->store, a->uid, &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (credence_store_add_verification (f->store, a->uid,
                                                   &(CredenceStoreVerification) {
                                                     30, FALSE, (char *)"valid", NULL, NULL },
                                                   NULL, NULL, &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND);
  g_assert_true (credence_store_check_integrity (f->store, NULL));
}

static guint
count_hits (Fixture    *f,
            const char *search)
{
  g_autoptr(GPtrArray) hits = credence_store_list_badges (f->store, search, NULL);

  return hits->len;
}

/* A re-verification's listing: what it has fills the gaps, replaces the
 * listed fields unless the verdict is invalid, and a blank field never
 * empties a known one; the search text follows in the same transaction.
 */
static void
test_refresh_listing (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CredenceStoreBadge) badge = credence_test_make_badge ("Knitting", "urn:test:k", "indeterminate", 10);
  g_autoptr(CredenceStoreBadge) listing = credence_store_badge_new ();
  g_autoptr(CredenceStoreBadge) got = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&badge->description, g_free);
  g_clear_pointer (&badge->issuer_name, g_free);
  g_assert_true (credence_store_add_badge (f->store, badge, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_hits (f, "purl"), ==, 0);

  /* Invalid: the gaps are filled, the known name stays. */
  listing->name = g_strdup ("Crochet");
  listing->description = g_strdup ("Purl and plain.");
  listing->issuer_name = g_strdup ("   ");
  listing->image = g_strdup ("");
  g_assert_true (credence_store_add_verification (f->store, badge->uid,
                                                  &(CredenceStoreVerification) {
                                                    20, TRUE, (char *)"invalid", (char *)"invalid-data",
                                                    (char *)"{}" },
                                                  NULL, listing, &error));
  g_assert_no_error (error);
  /* The listing now says what is stored. */
  g_assert_cmpstr (listing->name, ==, "Knitting");
  g_assert_cmpstr (listing->issuer_url, ==, "https://issuer.example.org");
  got = credence_store_get_badge (f->store, badge->uid, &error);
  g_assert_cmpstr (got->name, ==, "Knitting");
  g_assert_cmpstr (got->description, ==, "Purl and plain.");
  g_assert_null (got->issuer_name);
  g_assert_null (got->image);
  g_assert_cmpstr (got->verdict, ==, "invalid");
  g_clear_pointer (&got, credence_store_badge_free);
  g_assert_cmpuint (count_hits (f, "PURL"), ==, 1);
  g_assert_cmpuint (count_hits (f, "crochet"), ==, 0);

  /* Valid: new values replace the listed ones; absent or blank ones
   * leave them.
   */
  g_clear_pointer (&listing, credence_store_badge_free);
  listing = credence_store_badge_new ();
  listing->name = g_strdup ("Crochet");
  listing->description = g_strdup ("\t\n");
  listing->issuer_name = g_strdup ("Yarn Guild");
  g_assert_true (credence_store_add_verification (f->store, badge->uid,
                                                  &(CredenceStoreVerification) {
                                                    30, TRUE, (char *)"valid", NULL, (char *)"{}" },
                                                  NULL, listing, &error));
  g_assert_no_error (error);
  got = credence_store_get_badge (f->store, badge->uid, &error);
  g_assert_cmpstr (got->name, ==, "Crochet");
  g_assert_cmpstr (got->description, ==, "Purl and plain.");
  g_assert_cmpstr (got->issuer_name, ==, "Yarn Guild");
  g_assert_cmpstr (got->issuer_url, ==, "https://issuer.example.org");
  g_assert_cmpstr (got->recipient, ==, "learner@example.org");
  g_assert_cmpstr (got->issued_on, ==, "2024-05-12T10:00:00Z");
  g_assert_cmpuint (got->history->len, ==, 3);
  g_clear_pointer (&got, credence_store_badge_free);
  g_assert_cmpuint (count_hits (f, "crochet"), ==, 1);
  g_assert_cmpuint (count_hits (f, "knitting"), ==, 1); /* its source, Knitting.png */
  g_assert_cmpuint (count_hits (f, "yarn guild"), ==, 1);
  g_assert_cmpuint (count_hits (f, "learner@example"), ==, 1);

  /* A duplicate import: the same rules, by its newest verification. */
  g_clear_pointer (&badge, credence_store_badge_free);
  badge = credence_test_make_badge ("Knitting", "urn:test:k", "valid", 40);
  g_clear_pointer (&badge->issuer_name, g_free);
  g_assert_true (credence_store_add_badge (f->store, badge, &error));
  g_assert_true (badge->duplicate);
  g_assert_cmpstr (badge->name, ==, "Knitting");
  g_assert_cmpstr (badge->issuer_name, ==, "Yarn Guild");
  g_clear_pointer (&badge, credence_store_badge_free);
  badge = credence_test_make_badge ("Sewing", "urn:test:k", "valid", 5);
  g_assert_true (credence_store_add_badge (f->store, badge, &error));
  g_assert_cmpstr (badge->name, ==, "Knitting");
  g_assert_cmpuint (count_hits (f, "crochet"), ==, 0);
  g_assert_cmpuint (count_hits (f, "sewing"), ==, 0);

  g_assert_true (credence_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  const char *names[] = { "Rust Basics", "Advanced Rust", "Welding 100%", "Café Barista", "Knitting_101" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = g_strdup_printf ("urn:test:%zu", i);
      g_autoptr(CredenceStoreBadge) badge = credence_test_make_badge (names[i], id, "valid", 10);

      badge->added_at = 100 + i;
      g_assert_true (credence_store_add_badge (f->store, badge, &error));
      g_assert_no_error (error);
    }

  hits = credence_store_list_badges (f->store, NULL, &error);
  g_assert_cmpuint (hits->len, ==, 5);
  /* Newest first. */
  g_assert_cmpstr (((CredenceStoreBadge *) g_ptr_array_index (hits, 0))->name, ==, "Knitting_101");
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = credence_store_list_badges (f->store, "rust", &error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Case-insensitive beyond ASCII, and LIKE's wildcards are literal. */
  hits = credence_store_list_badges (f->store, "CAFÉ", &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = credence_store_list_badges (f->store, "100%", &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = credence_store_list_badges (f->store, "g_1", &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = credence_store_list_badges (f->store, "%", &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Issuer and recipient are searchable too; SQL in the text is text. */
  hits = credence_store_list_badges (f->store, "issuing academy", &error);
  g_assert_cmpuint (hits->len, ==, 5);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = credence_store_list_badges (f->store, "'; DROP TABLE badges; --", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_assert_cmpint (credence_store_count_badges (f->store, &error), ==, 5);
}

static void
test_identities (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  CredenceStoreIdentity *first;
  CredenceStoreIdentityType type;

  g_assert_true (credence_store_add_identity (f->store, CREDENCE_STORE_IDENTITY_EMAIL,
                                              "  Ada@Example.ORG ", FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (credence_store_add_identity (f->store, CREDENCE_STORE_IDENTITY_URL,
                                              "https://ada.example.org/", FALSE, &error));
  g_assert_true (credence_store_add_identity (f->store, CREDENCE_STORE_IDENTITY_DID,
                                              "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
                                              FALSE, &error));
  g_assert_true (credence_store_add_identity (f->store, CREDENCE_STORE_IDENTITY_TELEPHONE,
                                              "+441234567890", FALSE, &error));
  /* Adding again is not an error and not a duplicate. */
  g_assert_true (credence_store_add_identity (f->store, CREDENCE_STORE_IDENTITY_EMAIL,
                                              "ada@example.org", FALSE, &error));
  g_assert_no_error (error);

  credence_test_store_reopen (f);
  ids = credence_store_list_identities (f->store, &error);
  g_assert_cmpuint (ids->len, ==, 4);
  first = g_ptr_array_index (ids, 0);
  /* The first one added is primary, and emails are normalised. */
  g_assert_true (first->primary);
  g_assert_cmpint (first->type, ==, CREDENCE_STORE_IDENTITY_EMAIL);
  g_assert_cmpstr (first->value, ==, "ada@example.org");
  g_assert_false (((CredenceStoreIdentity *) g_ptr_array_index (ids, 1))->primary);
  g_clear_pointer (&ids, g_ptr_array_unref);

  g_assert_true (credence_store_add_identity (f->store, CREDENCE_STORE_IDENTITY_URL,
                                              "https://ada.example.org/", TRUE, &error));
  ids = credence_store_list_identities (f->store, &error);
  first = g_ptr_array_index (ids, 0);
  g_assert_cmpint (first->type, ==, CREDENCE_STORE_IDENTITY_URL);
  g_assert_true (first->primary);
  for (guint i = 1; i < ids->len; i++)
    g_assert_false (((CredenceStoreIdentity *) g_ptr_array_index (ids, i))->primary);
  g_clear_pointer (&ids, g_ptr_array_unref);

  /* Removing the primary one promotes the oldest remaining. */
  g_assert_true (credence_store_remove_identity (f->store, CREDENCE_STORE_IDENTITY_URL,
                                                 "https://ada.example.org/", &error));
  ids = credence_store_list_identities (f->store, &error);
  g_assert_cmpuint (ids->len, ==, 3);
  first = g_ptr_array_index (ids, 0);
  g_assert_true (first->primary);
  g_assert_cmpstr (first->value, ==, "ada@example.org");
  g_clear_pointer (&ids, g_ptr_array_unref);

  g_assert_false (credence_store_remove_identity (f->store, CREDENCE_STORE_IDENTITY_URL,
                                                  "https://ada.example.org/", &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (credence_store_add_identity (f->store, CREDENCE_STORE_IDENTITY_EMAIL, "   ", FALSE, &error));
  g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (credence_store_identity_type_from_string ("telephone", &type));
  g_assert_cmpint (type, ==, CREDENCE_STORE_IDENTITY_TELEPHONE);
  g_assert_false (credence_store_identity_type_from_string ("fax", &type));
  g_assert_cmpstr (credence_store_identity_type_to_string (CREDENCE_STORE_IDENTITY_DID), ==, "did");
}

static void
test_records_copy (void)
{
  g_autoptr(CredenceStoreBadge) badge = credence_test_make_badge ("Copy", "urn:test:copy", "valid", 10);
  g_autoptr(CredenceStoreBadge) copy = credence_store_badge_copy (badge);
  CredenceStoreIdentity identity = { CREDENCE_STORE_IDENTITY_EMAIL, (char *)"a@example.org", TRUE };
  g_autoptr(CredenceStoreIdentity) identity_copy = credence_store_identity_copy (&identity);

  g_assert_cmpstr (copy->name, ==, "Copy");
  g_assert_true (copy->payload == badge->payload);
  g_assert_cmpuint (copy->history->len, ==, 1);
  g_assert_cmpuint (copy->documents->len, ==, 2);
  g_assert_true (copy->documents->pdata[0] != badge->documents->pdata[0]);
  g_assert_cmpstr (identity_copy->value, ==, "a@example.org");
  g_assert_true (g_type_is_a (CREDENCE_TYPE_STORE_BADGE, G_TYPE_BOXED));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, credence_test_store_set_up, func, credence_test_store_tear_down)

  ADD ("/store-badges/add-and-get", test_add_and_get);
  ADD ("/store-badges/dedupe", test_dedupe);
  ADD ("/store-badges/batch-is-atomic", test_batch_is_atomic);
  ADD ("/store-badges/documents-shared", test_documents_shared);
  ADD ("/store-badges/refresh-listing", test_refresh_listing);
  ADD ("/store-badges/search", test_search);
  ADD ("/store-badges/identities", test_identities);
  g_test_add_func ("/store-badges/records-copy", test_records_copy);

  return g_test_run ();
}
