/* test-ob3-verifier.c: Open Badges 3.0 verification end to end: every OB
 * 3.0 / VC item of the corpus with the outcome the manifest gives (DID
 * documents and status lists served by a SoupServer on 127.0.0.1 through
 * the manifest's URL map), credentials signed here with fresh keys, and
 * offline re-verification from pinned documents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-data-integrity.h"
#include "credence-json.h"
#include "credence-limits.h"
#include "credence-jsonld.h"
#include "credence-multibase.h"
#include "credence-ob3-verifier.h"
#include "credence-status-list.h"
#include "credence-test-keys.h"
#include "credence-test-server.h"

static TestServer *server;

/* The manifest's URL map, served from the test server; anything else goes
 * to a folder that does not exist (404), never to the network. */
static CredenceLoader *
new_loader (void)
{
  static const struct { const char *prefix; const char *path; } rewrites[] = {
    { "https://digitalcredentials.github.io/", "/dcgh/" },
    { "https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/", "/vcore/" },
    { "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/", "/1ed/" },
    { "https://status.example/", "/gen/" },
    { "https://", "/nowhere/" },
    { "http://", "/nowhere/" },
  };
  CredenceLoader *loader = credence_loader_new ();

  for (guint i = 0; i < G_N_ELEMENTS (rewrites); i++)
    {
      g_autofree char *url = test_server_url (server, rewrites[i].path);

      credence_loader_add_url_rewrite (loader, rewrites[i].prefix, url);
    }
  return loader;
}

static void
serve_corpus (void)
{
  static const struct { const char *path; const char *dir; } dirs[] = {
    { "/dcgh/vc-test-fixtures/", "digitalcredentials-vc-test-fixtures" },
    { "/dcgh/dcc-did-web/", "digitalcredentials-dcc-did-web" },
    { "/vcore/", "digitalcredentials-verifier-core" },
    { "/1ed/", "1edtech-dc-public-validator/ob30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = test_corpus_path (dirs[i].dir);

      test_server_add_dir (server, dirs[i].path, dir);
    }
}

static GDateTime *
test_now (void)
{
  return g_date_time_new_utc (2026, 6, 1, 0, 0, 0);
}

static CredenceVerification *
verify_node_full (JsonNode            *node,
                  const char          *jwt,
                  gboolean             offline,
                  CredenceDocumentSet *pins,
                  const char * const  *identities)
{
  g_autoptr(CredenceLoader) loader = new_loader ();
  g_autoptr(GDateTime) now = test_now ();
  CredenceVerification *report = credence_verification_new ();
  CredenceVerifyContext ctx = { loader, pins, now, identities, NULL, report };

  credence_loader_set_offline (loader, offline);
  if (jwt != NULL)
    credence_ob3_verify_jwt (&ctx, jwt);
  else
    credence_ob3_verify_json (&ctx, node);
  return report;
}

static CredenceVerification *
verify_file (const char          *rel,
             gboolean             offline,
             CredenceDocumentSet *pins)
{
  g_autofree char *text = test_corpus_text (rel);

  if (credence_ob3_is_jwt (text))
    return verify_node_full (NULL, text, offline, pins, NULL);
  else
    {
      g_autoptr(JsonNode) node = test_corpus_json (rel);

      return verify_node_full (node, NULL, offline, pins, NULL);
    }
}

static char *
describe (CredenceVerification *report)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s %s:", credence_verdict_to_string (credence_verification_get_verdict (report)),
                          credence_reason_to_string (credence_verification_get_reason (report)) ?: "-");
  for (guint i = 0; i < credence_verification_get_n_checks (report); i++)
    {
      const CredenceCheck *c = credence_verification_get_check (report, i);

      g_string_append_printf (out, "\n  %s %s %s %s", c->id, credence_check_status_to_string (c->status),
                              credence_reason_to_string (c->reason) ?: "-", c->message);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  const char     *file;
  CredenceVerdict verdict;
  CredenceReason  reason;
} CorpusCase;

static void
test_corpus_case (gconstpointer data)
{
  const CorpusCase *c = data;
  g_autoptr(CredenceVerification) report = verify_file (c->file, FALSE, NULL);
  g_autofree char *text = describe (report);

  g_test_message ("%s: %s", c->file, text);
  g_assert_cmpstr (credence_verdict_to_string (credence_verification_get_verdict (report)), ==,
                   credence_verdict_to_string (c->verdict));
  g_assert_cmpstr (credence_reason_to_string (credence_verification_get_reason (report)), ==,
                   credence_reason_to_string (c->reason));
}

#define VALID CREDENCE_VERDICT_VALID, CREDENCE_REASON_NONE
#define INVALID(r) CREDENCE_VERDICT_INVALID, CREDENCE_REASON_##r
#define INDETERMINATE(r) CREDENCE_VERDICT_INDETERMINATE, CREDENCE_REASON_##r
#define VCF "digitalcredentials-vc-test-fixtures/verifiableCredentials/"
#define VCORE "digitalcredentials-verifier-core/verifiableCredentials/"
#define OB30 "1edtech-dc-public-validator/ob30/"

/* Expected outcomes: MANIFEST.md and VERIFIED-SIGNATURES.tsv, by the
 * specifications where upstream relied on something else:
 *
 * - A key named only by a URL fragment (`https://issuer#z6Mk…`, the 1EdTech
 *   validator's shortcut) is never trusted: its controller must publish it.
 *   Nothing in the corpus does, so those credentials are indeterminate
 *   (unreachable), unless the signature fails even under the fragment key
 *   (the tampered "simple-err-*" fixtures: bad-signature).
 * - A did:key key cannot belong to an issuer that is not that DID
 *   (simple-did-key-method, CLR complex, the W3C vectors): issuer-key-mismatch.
 * - A did:web DID document that cannot be fetched (badDidWeb) is
 *   unreachable, never a pass through the fragment key.
 * - A proof set passes only if every proof does; a proof type Credence
 *   does not know (SomeProofType, ecdsa-sd-2023) leaves it unsupported.
 * - Contexts that are neither bundled nor served (dcc/v1, the CLR draft)
 *   cannot be fetched in the test: unreachable.
 * - A valid VC that is not an Open Badge, Endorsement or CLR credential is
 *   not-a-badge (it is checked after the signature, so a tampered one is
 *   bad-signature first).
 * - A status list that is expired, not yet valid, of the wrong type or
 *   tampered makes the status check fail (invalid-data); the four DCC
 *   fixtures for that are not OpenBadgeCredentials, so their first failure
 *   is not-a-badge and test_broken_status_lists() checks the status step. */
static const CorpusCase corpus_cases[] = {
#include "ob3-corpus-cases.inc"
};

static void
test_broken_status_lists (void)
{
  static const char *names[] = { "expired", "missingType", "notYetValid", "tampered" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_strdup_printf (VCF "v2/ed25519/didKey/legacy-%sStatus-noExpiry.json", names[i]);
      g_autoptr(CredenceVerification) report = verify_file (file, FALSE, NULL);
      const CredenceCheck *status = credence_verification_find_check (report, "status");

      g_assert_nonnull (status);
      g_assert_cmpint (status->status, ==, CREDENCE_CHECK_FAIL);
      g_assert_cmpint (status->reason, ==, CREDENCE_REASON_INVALID_DATA);
    }
}

/* Offline, from the documents pinned online, the verdict is the same; with
 * nothing pinned, a did:web credential is unreachable, never valid. */
static void
test_offline_from_pins (void)
{
  static const char *files[] = {
    VCF "v2/ed25519/didWeb/legacy-revokedStatus-noExpiry.json",
    VCORE "v2/didWeb/v2didWebMultikeyWithValidStatus.json",
    VCORE "v2/v2WithValidStatus.json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(CredenceDocumentSet) pins = credence_document_set_new ();
      g_autoptr(CredenceDocumentSet) empty = credence_document_set_new ();
      g_autoptr(CredenceVerification) online = verify_file (files[i], FALSE, pins);
      g_autoptr(CredenceVerification) offline = verify_file (files[i], TRUE, pins);
      g_autoptr(CredenceVerification) nothing = verify_file (files[i], TRUE, empty);

      g_assert_cmpuint (credence_document_set_get_size (pins), >, 0);
      g_assert_cmpint (credence_verification_get_verdict (offline), ==, credence_verification_get_verdict (online));
      g_assert_cmpint (credence_verification_get_reason (offline), ==, credence_verification_get_reason (online));
      g_assert_cmpint (credence_verification_get_verdict (nothing), ==, CREDENCE_VERDICT_INDETERMINATE);
      g_assert_cmpint (credence_verification_get_reason (nothing), ==, CREDENCE_REASON_UNREACHABLE);
    }
}

/* ---- Credentials signed here ---- */

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = credence_json_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  return node;
}

static JsonNode *
make_credential (const char *issuer,
                 const char *valid_from,
                 const char *valid_until)
{
  g_autofree char *salted = g_strconcat ("learner@example.org", "pepper", NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, salted, -1);
  g_autofree char *text = g_strdup_printf (
    "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\","
    "\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"],"
    "\"id\":\"urn:uuid:2f0e4f5c-5c84-4c1b-9d0a-0a5c3c7f2a11\","
    "\"type\":[\"VerifiableCredential\",\"OpenBadgeCredential\"],"
    "\"issuer\":{\"id\":\"%s\",\"type\":[\"Profile\"],\"name\":\"Test Issuer\"},"
    "\"validFrom\":\"%s\"%s%s%s,"
    "\"name\":\"Test Badge\","
    "\"credentialSubject\":{\"id\":\"did:example:learner\",\"type\":[\"AchievementSubject\"],"
    "\"identifier\":[{\"type\":\"IdentityObject\",\"identityHash\":\"sha256$%s\","
    "\"identityType\":\"emailAddress\",\"hashed\":true,\"salt\":\"pepper\"}],"
    "\"achievement\":{\"id\":\"https://example.org/achievements/1\",\"type\":[\"Achievement\"],"
    "\"name\":\"Test\",\"description\":\"A test achievement.\",\"criteria\":{\"narrative\":\"Pass the test.\"}}}}",
    issuer, valid_from,
    valid_until != NULL ? ",\"validUntil\":\"" : "", valid_until != NULL ? valid_until : "",
    valid_until != NULL ? "\"" : "", hash);

  return parse (text);
}

static void
sign_with (JsonObject *doc,
           TestKey    *key,
           const char *vm)
{
  test_key_add_proof (key, doc, vm, "DataIntegrityProof", "eddsa-rdfc-2022", "assertionMethod");
}

static void
sign (JsonObject *doc,
      TestKey    *key)
{
  g_autofree char *vm = test_key_method (key);

  sign_with (doc, key, vm);
}

static void
assert_outcome (CredenceVerification *report,
                CredenceVerdict       verdict,
                CredenceReason        reason)
{
  g_autofree char *text = describe (report);

  g_test_message ("%s", text);
  g_assert_cmpstr (credence_verdict_to_string (credence_verification_get_verdict (report)), ==,
                   credence_verdict_to_string (verdict));
  g_assert_cmpstr (credence_reason_to_string (credence_verification_get_reason (report)), ==,
                   credence_reason_to_string (reason));
}

static CredenceVerification *
verify_doc (JsonNode           *node,
            const char * const *identities)
{
  return verify_node_full (node, NULL, FALSE, NULL, identities);
}

static void
test_generated_data_integrity (void)
{
  g_autoptr(TestKey) key = test_key_new (CREDENCE_KEY_TYPE_ED25519);
  g_autoptr(TestKey) other = test_key_new (CREDENCE_KEY_TYPE_ED25519);
  g_autofree char *did = test_key_did_key (key);
  g_autofree char *other_did = test_key_did_key (other);
  const char *me[] = { "learner@example.org", NULL };
  const char *someone[] = { "someone@example.org", NULL };
  const char *by_id[] = { "did:example:learner", NULL };

  /* Valid, and the recipient matches by hashed identifier or by id. */
  {
    g_autoptr(JsonNode) node = make_credential (did, "2025-01-01T00:00:00Z", NULL);
    g_autoptr(CredenceVerification) r1 = NULL;
    g_autoptr(CredenceVerification) r2 = NULL;
    g_autoptr(CredenceVerification) r3 = NULL;
    g_autoptr(CredenceVerification) r4 = NULL;

    sign (json_node_get_object (node), key);
    r1 = verify_doc (node, NULL);
    assert_outcome (r1, VALID);
    r2 = verify_doc (node, me);
    assert_outcome (r2, VALID);
    r3 = verify_doc (node, by_id);
    assert_outcome (r3, VALID);
    r4 = verify_doc (node, someone);
    assert_outcome (r4, INVALID (RECIPIENT_MISMATCH));
  }

  /* Tampered after signing. */
  {
    g_autoptr(JsonNode) node = make_credential (did, "2025-01-01T00:00:00Z", NULL);
    g_autoptr(CredenceVerification) r = NULL;

    sign (json_node_get_object (node), key);
    json_object_set_string_member (json_node_get_object (node), "name", "Better Badge");
    r = verify_doc (node, NULL);
    assert_outcome (r, INVALID (BAD_SIGNATURE));
  }

  /* Signed by the key of another DID: genuine signature, wrong issuer. */
  {
    g_autoptr(JsonNode) node = make_credential (did, "2025-01-01T00:00:00Z", NULL);
    g_autoptr(CredenceVerification) r = NULL;

    sign (json_node_get_object (node), other);
    r = verify_doc (node, NULL);
    assert_outcome (r, INVALID (ISSUER_KEY_MISMATCH));
  }

  /* Claims our key but was signed by another. */
  {
    g_autoptr(JsonNode) node = make_credential (did, "2025-01-01T00:00:00Z", NULL);
    g_autoptr(CredenceVerification) r = NULL;
    g_autofree char *vm = test_key_method (key);

    sign_with (json_node_get_object (node), other, vm);
    r = verify_doc (node, NULL);
    assert_outcome (r, INVALID (BAD_SIGNATURE));
  }

  /* Expired, not yet valid, no proof, not a badge. */
  {
    g_autoptr(JsonNode) expired = make_credential (did, "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z");
    g_autoptr(JsonNode) future = make_credential (did, "2030-01-01T00:00:00Z", NULL);
    g_autoptr(JsonNode) unsigned_node = make_credential (did, "2025-01-01T00:00:00Z", NULL);
    g_autoptr(JsonNode) other_type = make_credential (did, "2025-01-01T00:00:00Z", NULL);
    g_autoptr(CredenceVerification) r1 = NULL;
    g_autoptr(CredenceVerification) r2 = NULL;
    g_autoptr(CredenceVerification) r3 = NULL;
    g_autoptr(CredenceVerification) r4 = NULL;
    JsonArray *types = json_array_new ();

    sign (json_node_get_object (expired), key);
    r1 = verify_doc (expired, NULL);
    assert_outcome (r1, INVALID (EXPIRED));
    sign (json_node_get_object (future), key);
    r2 = verify_doc (future, NULL);
    assert_outcome (r2, INVALID (NOT_YET_VALID));
    r3 = verify_doc (unsigned_node, NULL);
    assert_outcome (r3, INVALID (INVALID_DATA));
    json_array_add_string_element (types, "VerifiableCredential");
    json_array_add_string_element (types, "ExampleDegreeCredential");
    json_object_set_array_member (json_node_get_object (other_type), "type", types);
    sign (json_node_get_object (other_type), key);
    r4 = verify_doc (other_type, NULL);
    assert_outcome (r4, INVALID (NOT_A_BADGE));
  }
  (void) other_did;
}

/* A status list signed by the issuer, served at https://status.example/. */
static void
serve_status_list (TestKey    *key,
                   const char *name,
                   const char *purpose,
                   guint       set_index)
{
  g_autofree char *did = test_key_did_key (key);
  guint8 bits[16384] = { 0 };
  g_autofree char *encoded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = g_strconcat ("/gen/", name, NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  bits[set_index / 8] |= 0x80 >> (set_index % 8);
  encoded = credence_status_list_encode (bits, sizeof bits);
  text = g_strdup_printf ("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],"
                          "\"id\":\"https://status.example/%s\","
                          "\"type\":[\"VerifiableCredential\",\"BitstringStatusListCredential\"],"
                          "\"issuer\":\"%s\",\"validFrom\":\"2025-01-01T00:00:00Z\","
                          "\"credentialSubject\":{\"id\":\"https://status.example/%s#list\","
                          "\"type\":\"BitstringStatusList\",\"statusPurpose\":\"%s\",\"encodedList\":\"%s\"}}",
                          name, did, name, purpose, encoded);
  node = parse (text);
  sign (json_node_get_object (node), key);
  json = credence_json_to_string (node, FALSE);
  test_server_add_string (server, path, 200, "application/vc+ld+json", json);
}

static JsonNode *
credential_with_status (TestKey    *key,
                        const char *list,
                        const char *purpose,
                        guint       index)
{
  g_autofree char *did = test_key_did_key (key);
  JsonNode *node = make_credential (did, "2025-01-01T00:00:00Z", NULL);
  g_autofree char *text = g_strdup_printf ("{\"id\":\"https://status.example/%s#%u\","
                                           "\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"%s\","
                                           "\"statusListIndex\":\"%u\","
                                           "\"statusListCredential\":\"https://status.example/%s\"}",
                                           list, index, purpose, index, list);
  JsonNode *status = parse (text);

  json_object_set_member (json_node_get_object (node), "credentialStatus", status);
  sign (json_node_get_object (node), key);
  return node;
}

static void
test_generated_status (void)
{
  g_autoptr(TestKey) key = test_key_new (CREDENCE_KEY_TYPE_ED25519);
  g_autoptr(TestKey) other = test_key_new (CREDENCE_KEY_TYPE_ED25519);
  struct { const char *list; const char *purpose; guint index; CredenceVerdict verdict; CredenceReason reason; } cases[] = {
    { "revocation", "revocation", 41, VALID },
    { "revocation", "revocation", 42, INVALID (REVOKED) },
    { "suspension", "suspension", 42, INVALID (SUSPENDED) },
    { "suspension", "suspension", 7, VALID },
    { "revocation", "suspension", 7, INVALID (INVALID_DATA) },
    { "missing", "revocation", 42, INDETERMINATE (UNREACHABLE) },
    { "forged", "revocation", 41, INVALID (INVALID_DATA) },
    { "revocation", "revocation", 131072, INVALID (INVALID_DATA) },
  };

  serve_status_list (key, "revocation", "revocation", 42);
  serve_status_list (key, "suspension", "suspension", 42);
  /* Signed by another key than its issuer's. */
  {
    g_autofree char *did = test_key_did_key (key);
    g_autofree char *encoded = NULL;
    guint8 bits[16384] = { 0 };
    g_autofree char *text = NULL;
    g_autoptr(JsonNode) node = NULL;
    g_autofree char *json = NULL;

    encoded = credence_status_list_encode (bits, sizeof bits);
    text = g_strdup_printf ("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],"
                            "\"id\":\"https://status.example/forged\","
                            "\"type\":[\"VerifiableCredential\",\"BitstringStatusListCredential\"],"
                            "\"issuer\":\"%s\",\"validFrom\":\"2025-01-01T00:00:00Z\","
                            "\"credentialSubject\":{\"type\":\"BitstringStatusList\","
                            "\"statusPurpose\":\"revocation\",\"encodedList\":\"%s\"}}", did, encoded);
    node = parse (text);
    sign (json_node_get_object (node), other);
    json = credence_json_to_string (node, FALSE);
    test_server_add_string (server, "/gen/forged", 200, "application/json", json);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = credential_with_status (key, cases[i].list, cases[i].purpose, cases[i].index);
      g_autoptr(CredenceVerification) r = verify_doc (node, NULL);

      assert_outcome (r, cases[i].verdict, cases[i].reason);
    }
}

/* CREDENCE_LIMIT_STATUS_ENTRIES entries are all checked; one more makes
 * the status check fail at once, without fetching any list.
 */
static void
test_status_entries_limit (void)
{
  g_autoptr(TestKey) key = test_key_new (CREDENCE_KEY_TYPE_ED25519);
  g_autofree char *did = test_key_did_key (key);

  serve_status_list (key, "entries", "revocation", 42);
  for (guint n = CREDENCE_LIMIT_STATUS_ENTRIES; n <= CREDENCE_LIMIT_STATUS_ENTRIES + 1; n++)
    {
      g_autoptr(JsonNode) node = make_credential (did, "2025-01-01T00:00:00Z", NULL);
      g_autoptr(CredenceVerification) r = NULL;
      JsonArray *entries = json_array_new ();
      const CredenceCheck *check;
      guint hits_before = test_server_get_hits (server, "/gen/entries");

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *text = g_strdup_printf ("{\"id\":\"https://status.example/entries#%u\","
                                                   "\"type\":\"BitstringStatusListEntry\","
                                                   "\"statusPurpose\":\"revocation\","
                                                   "\"statusListIndex\":\"%u\","
                                                   "\"statusListCredential\":\"https://status.example/entries\"}",
                                                   i, i);

          json_array_add_element (entries, parse (text));
        }
      json_object_set_array_member (json_node_get_object (node), "credentialStatus", entries);
      sign (json_node_get_object (node), key);
      r = verify_doc (node, NULL);
      check = credence_verification_find_check (r, "status");
      g_assert_nonnull (check);
      if (n <= CREDENCE_LIMIT_STATUS_ENTRIES)
        {
          assert_outcome (r, VALID);
          g_assert_cmpint (check->status, ==, CREDENCE_CHECK_PASS);
        }
      else
        {
          assert_outcome (r, INVALID (INVALID_DATA));
          g_assert_cmpint (check->status, ==, CREDENCE_CHECK_FAIL);
          g_assert_nonnull (strstr (check->message, "status entries"));
          g_assert_cmpuint (test_server_get_hits (server, "/gen/entries"), ==, hits_before);
        }
    }
}

/* 1EdTech Revocation List (VCRL): revoked when listed, unless
 * `revoked: false`; both spellings of the list member are read. */
static void
test_generated_revocation_list (void)
{
  g_autoptr(TestKey) key = test_key_new (CREDENCE_KEY_TYPE_ED25519);
  g_autofree char *did = test_key_did_key (key);
  struct { const char *path; const char *body; CredenceVerdict verdict; CredenceReason reason; } cases[] = {
    { "/gen/vcrl-listed",
      "{\"id\":\"https://status.example/vcrl-listed\",\"revokedCredential\":[{\"id\":\"urn:example:other\"},"
      "{\"id\":\"urn:uuid:2f0e4f5c-5c84-4c1b-9d0a-0a5c3c7f2a11\",\"revocationReason\":\"Issued in error\"}]}",
      INVALID (REVOKED) },
    { "/gen/vcrl-plural",
      "{\"revokedCredentials\":[{\"id\":\"urn:uuid:2f0e4f5c-5c84-4c1b-9d0a-0a5c3c7f2a11\",\"revoked\":true}]}",
      INVALID (REVOKED) },
    { "/gen/vcrl-restored",
      "{\"revokedCredential\":[{\"id\":\"urn:uuid:2f0e4f5c-5c84-4c1b-9d0a-0a5c3c7f2a11\",\"revoked\":false}]}",
      VALID },
    { "/gen/vcrl-empty", "{\"revokedCredential\":[]}", VALID },
    { "/gen/vcrl-missing", NULL, INDETERMINATE (UNREACHABLE) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = make_credential (did, "2025-01-01T00:00:00Z", NULL);
      g_autofree char *url = g_strconcat ("https://status.example/", cases[i].path + strlen ("/gen/"), NULL);
      JsonObject *status = json_object_new ();
      g_autoptr(CredenceVerification) r = NULL;

      if (cases[i].body != NULL)
        test_server_add_string (server, cases[i].path, 200, "application/json", cases[i].body);
      json_object_set_string_member (status, "id", url);
      json_object_set_string_member (status, "type", "1EdTechRevocationList");
      json_object_set_object_member (json_node_get_object (node), "credentialStatus", status);
      sign (json_node_get_object (node), key);
      r = verify_doc (node, NULL);
      assert_outcome (r, cases[i].verdict, cases[i].reason);
    }
}

static char *
make_jwt (TestKey                    *key,
          CredenceSignatureAlgorithm  alg,
          const char                 *header,
          JsonNode                   *payload)
{
  g_autofree char *body = credence_json_to_string (payload, FALSE);
  g_autofree char *h = credence_base64url_encode ((const guint8 *) header, strlen (header));
  g_autofree char *p = credence_base64url_encode ((const guint8 *) body, strlen (body));
  g_autofree char *input = g_strconcat (h, ".", p, NULL);
  g_autoptr(GBytes) sig = test_key_sign (key, alg, input, strlen (input));
  g_autofree char *s = credence_base64url_encode (g_bytes_get_data (sig, NULL), g_bytes_get_size (sig));

  return g_strconcat (input, ".", s, NULL);
}

static JsonNode *
jwt_payload (const char *issuer)
{
  JsonNode *node = make_credential (issuer, "2025-01-01T00:00:00Z", NULL);
  JsonObject *o = json_node_get_object (node);

  json_object_set_string_member (o, "iss", issuer);
  json_object_set_string_member (o, "jti", "urn:uuid:2f0e4f5c-5c84-4c1b-9d0a-0a5c3c7f2a11");
  json_object_set_string_member (o, "sub", "did:example:learner");
  json_object_set_int_member (o, "nbf", 1735689600);
  return node;
}

static void
test_generated_jwt (void)
{
  static const struct { CredenceKeyType type; CredenceSignatureAlgorithm alg; const char *name; } algs[] = {
    { CREDENCE_KEY_TYPE_ED25519, CREDENCE_SIGNATURE_EDDSA, "EdDSA" },
    { CREDENCE_KEY_TYPE_P256, CREDENCE_SIGNATURE_ES256, "ES256" },
    { CREDENCE_KEY_TYPE_RSA, CREDENCE_SIGNATURE_RS256, "RS256" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (algs); i++)
    {
      g_autoptr(TestKey) key = test_key_new (algs[i].type);
      g_autoptr(TestKey) other = test_key_new (algs[i].type);
      g_autofree char *jwk = credence_json_to_string (json_node_init_object (json_node_alloc (), test_key_to_jwk (key)), FALSE);
      g_autofree char *header_jwk = g_strdup_printf ("{\"alg\":\"%s\",\"typ\":\"JWT\",\"jwk\":%s}", algs[i].name, jwk);
      g_autoptr(JsonNode) payload = jwt_payload ("https://issuer.example/profile");
      g_autofree char *token = make_jwt (key, algs[i].alg, header_jwk, payload);
      g_autofree char *forged = make_jwt (other, algs[i].alg, header_jwk, payload);
      g_autoptr(CredenceVerification) r1 = verify_node_full (NULL, token, FALSE, NULL, NULL);
      g_autoptr(CredenceVerification) r2 = verify_node_full (NULL, forged, FALSE, NULL, NULL);
      const CredenceCheck *binding = credence_verification_find_check (r1, "issuer-key");

      /* OB 3.0 §8.2 allows a key in the header: valid, with a note. */
      assert_outcome (r1, VALID);
      g_assert_cmpint (binding->status, ==, CREDENCE_CHECK_WARN);
      assert_outcome (r2, INVALID (BAD_SIGNATURE));

      /* A did:key issuer (P-256 and Ed25519) binds the key through kid. */
      if (algs[i].type != CREDENCE_KEY_TYPE_RSA)
        {
          g_autofree char *did = test_key_did_key (key);
          g_autofree char *other_did = test_key_did_key (other);
          g_autofree char *vm = test_key_method (key);
          g_autofree char *header_kid = g_strdup_printf ("{\"alg\":\"%s\",\"kid\":\"%s\"}", algs[i].name, vm);
          g_autoptr(JsonNode) p_did = jwt_payload (did);
          g_autoptr(JsonNode) p_other = jwt_payload (other_did);
          g_autofree char *t_did = make_jwt (key, algs[i].alg, header_kid, p_did);
          g_autofree char *t_other = make_jwt (key, algs[i].alg, header_kid, p_other);
          g_autoptr(CredenceVerification) r3 = verify_node_full (NULL, t_did, FALSE, NULL, NULL);
          g_autoptr(CredenceVerification) r4 = verify_node_full (NULL, t_other, FALSE, NULL, NULL);
          const CredenceCheck *bound = credence_verification_find_check (r3, "issuer-key");

          assert_outcome (r3, VALID);
          g_assert_cmpint (bound->status, ==, CREDENCE_CHECK_PASS);
          assert_outcome (r4, INVALID (ISSUER_KEY_MISMATCH));
        }
    }
}

static void
test_generated_jwt_refused (void)
{
  g_autoptr(TestKey) key = test_key_new (CREDENCE_KEY_TYPE_ED25519);
  g_autofree char *did = test_key_did_key (key);
  g_autofree char *vm = test_key_method (key);
  g_autofree char *header = g_strdup_printf ("{\"alg\":\"EdDSA\",\"kid\":\"%s\"}", vm);
  static const char *claims[] = { "iss", "jti", "sub", "nbf" };

  /* Each claim that disagrees with the credential. */
  for (guint i = 0; i < G_N_ELEMENTS (claims); i++)
    {
      g_autoptr(JsonNode) payload = jwt_payload (did);
      g_autofree char *token = NULL;
      g_autoptr(CredenceVerification) r = NULL;

      if (strcmp (claims[i], "nbf") == 0)
        json_object_set_int_member (json_node_get_object (payload), "nbf", 1735689601);
      else
        json_object_set_string_member (json_node_get_object (payload), claims[i], "urn:example:other");
      token = make_jwt (key, CREDENCE_SIGNATURE_EDDSA, header, payload);
      r = verify_node_full (NULL, token, FALSE, NULL, NULL);
      assert_outcome (r, INVALID (INVALID_DATA));
    }

  /* alg none, with an empty signature part. */
  {
    g_autoptr(JsonNode) payload = jwt_payload (did);
    g_autofree char *body = credence_json_to_string (payload, FALSE);
    g_autofree char *h = credence_base64url_encode ((const guint8 *) "{\"alg\":\"none\"}", 14);
    g_autofree char *p = credence_base64url_encode ((const guint8 *) body, strlen (body));
    g_autofree char *token = g_strconcat (h, ".", p, ".AA", NULL);
    g_autoptr(CredenceVerification) r = verify_node_full (NULL, token, FALSE, NULL, NULL);

    assert_outcome (r, INVALID (BAD_SIGNATURE));
  }

  /* Expired by the token's exp (and validUntil), VC 1.1 "vc" claim form. */
  {
    g_autoptr(JsonNode) cred = make_credential (did, "2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z");
    g_autoptr(JsonNode) payload = json_node_init_object (json_node_alloc (), json_object_new ());
    JsonObject *o = json_node_get_object (payload);
    g_autofree char *token = NULL;
    g_autoptr(CredenceVerification) r = NULL;

    json_object_set_string_member (o, "iss", did);
    json_object_set_int_member (o, "exp", 1738368000);
    json_object_set_member (o, "vc", json_node_ref (cred));
    token = make_jwt (key, CREDENCE_SIGNATURE_EDDSA, header, payload);
    r = verify_node_full (NULL, token, FALSE, NULL, NULL);
    assert_outcome (r, INVALID (EXPIRED));
  }
}

static char *
make_jwt_text (TestKey    *key,
               const char *header,
               const char *body)
{
  g_autofree char *h = credence_base64url_encode ((const guint8 *) header, strlen (header));
  g_autofree char *p = credence_base64url_encode ((const guint8 *) body, strlen (body));
  g_autofree char *input = g_strconcat (h, ".", p, NULL);
  g_autoptr(GBytes) sig = test_key_sign (key, CREDENCE_SIGNATURE_EDDSA, input, strlen (input));
  g_autofree char *s = credence_base64url_encode (g_bytes_get_data (sig, NULL), g_bytes_get_size (sig));

  return g_strconcat (input, ".", s, NULL);
}

/* Token dates out of every calendar: an exp before year 1 is long past and
 * one after year 9999 is far ahead (not "no date"); a fractional exp is
 * read as a date too; an exp json-glib would wrap (past 64 bits) or make
 * infinite is refused as damaged data.
 */
static void
test_generated_jwt_extreme_dates (void)
{
  g_autoptr(TestKey) key = test_key_new (CREDENCE_KEY_TYPE_ED25519);
  g_autofree char *did = test_key_did_key (key);
  g_autofree char *vm = test_key_method (key);
  g_autofree char *header = g_strdup_printf ("{\"alg\":\"EdDSA\",\"kid\":\"%s\"}", vm);
  g_autoptr(JsonNode) cred = make_credential (did, "2025-01-01T00:00:00Z", NULL);
  g_autofree char *cred_text = credence_json_to_string (cred, FALSE);
  struct { const char *exp; CredenceVerdict verdict; CredenceReason reason; } cases[] = {
    { "-99999999999", INVALID (EXPIRED) },
    { "-9223372036854775808", INVALID (EXPIRED) },
    { "1738368000.5", INVALID (EXPIRED) },
    { "-1e300", INVALID (EXPIRED) },
    { "99999999999999", VALID },
    { "9223372036854775807", VALID },
    { "1e300", VALID },
    { "99999999999999999999", INVALID (INVALID_DATA) },
    { "-99999999999999999999", INVALID (INVALID_DATA) },
    { "1e400", INVALID (INVALID_DATA) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"iss\":\"%s\",\"exp\":%s,\"vc\":%s}",
                                               did, cases[i].exp, cred_text);
      g_autofree char *token = make_jwt_text (key, header, body);
      g_autoptr(CredenceVerification) r = verify_node_full (NULL, token, FALSE, NULL, NULL);

      g_test_message ("exp %s", cases[i].exp);
      assert_outcome (r, cases[i].verdict, cases[i].reason);
      if (cases[i].reason == CREDENCE_REASON_INVALID_DATA)
        {
          const CredenceCheck *check = credence_verification_find_check (r, "credential");

          g_assert_nonnull (strstr (check->message, "cannot read exactly"));
          g_assert_nonnull (strstr (check->message, cases[i].exp));
        }
    }
}

static void
test_generated_did_web (void)
{
  g_autoptr(TestKey) key = test_key_new (CREDENCE_KEY_TYPE_ED25519);
  const char *did = "did:web:status.example:issuers:one";
  g_autofree char *mb = credence_public_key_to_multikey (test_key_get_public (key));
  g_autofree char *vm = g_strconcat (did, "#key-1", NULL);
  g_autofree char *doc = g_strdup_printf ("{\"@context\":[\"https://www.w3.org/ns/did/v1\"],\"id\":\"%s\","
                                          "\"verificationMethod\":[{\"id\":\"%s\",\"type\":\"Multikey\","
                                          "\"controller\":\"%s\",\"publicKeyMultibase\":\"%s\"}],"
                                          "\"assertionMethod\":[\"%s\"]}", did, vm, did, mb, vm);
  g_autoptr(JsonNode) node = make_credential (did, "2025-01-01T00:00:00Z", NULL);
  g_autoptr(CredenceVerification) missing = NULL;
  g_autoptr(CredenceVerification) served = NULL;

  sign_with (json_node_get_object (node), key, vm);
  missing = verify_doc (node, NULL);
  assert_outcome (missing, INDETERMINATE (UNREACHABLE));

  test_server_add_string (server, "/gen/issuers/one/did.json", 200, "application/did+json", doc);
  served = verify_doc (node, NULL);
  assert_outcome (served, VALID);
  test_server_remove (server, "/gen/issuers/one/did.json");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = test_server_new ();
  serve_corpus ();

  if (g_getenv ("CREDENCE_OB3_DUMP") != NULL)
    {
      g_auto(GStrv) files = g_strsplit (g_getenv ("CREDENCE_OB3_DUMP"), ",", -1);

      for (guint i = 0; files[i] != NULL; i++)
        {
          g_autoptr(CredenceVerification) report = verify_file (files[i], FALSE, NULL);
          g_autofree char *text = describe (report);

          g_print ("%s: %s\n", files[i], text);
        }
      test_server_free (server);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (corpus_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ob3-verifier/corpus/%s", corpus_cases[i].file);
      g_test_add_data_func (path, &corpus_cases[i], test_corpus_case);
    }

  g_test_add_func ("/ob3-verifier/broken-status-lists", test_broken_status_lists);
  g_test_add_func ("/ob3-verifier/generated-jwt-extreme-dates", test_generated_jwt_extreme_dates);
  g_test_add_func ("/ob3-verifier/status-entries-limit", test_status_entries_limit);
  g_test_add_func ("/ob3-verifier/offline-from-pins", test_offline_from_pins);
  g_test_add_func ("/ob3-verifier/generated/data-integrity", test_generated_data_integrity);
  g_test_add_func ("/ob3-verifier/generated/status", test_generated_status);
  g_test_add_func ("/ob3-verifier/generated/revocation-list", test_generated_revocation_list);
  g_test_add_func ("/ob3-verifier/generated/jwt", test_generated_jwt);
  g_test_add_func ("/ob3-verifier/generated/jwt-refused", test_generated_jwt_refused);
  g_test_add_func ("/ob3-verifier/generated/did-web", test_generated_did_web);

  ret = g_test_run ();
  test_server_free (server);
  return ret;
}
