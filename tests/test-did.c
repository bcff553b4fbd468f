/* test-did.c: did:key, did:web, did:jwk and http(s) verification methods.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "credence-did.h"
#include "credence-json.h"
#include "credence-multibase.h"

#define LEGACY_DID "did:web:digitalcredentials.github.io:vc-test-fixtures:dids:legacy"
#define LEGACY_KEY "z6MkjXe1vZvPRqFuc9nRBtZ3e1Y9XKDFSbjFAfzLfW2bD6cZ"

/* URL → JSON text, or a file name under tests/data/corpus when it starts
 * with "file:". */
static JsonNode *
fetch_from_table (const char  *url,
                  gpointer     user_data,
                  GError     **error)
{
  GHashTable *table = user_data;
  const char *entry = g_hash_table_lookup (table, url);
  g_autofree char *text = NULL;
  gsize len = 0;

  if (entry == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No document at %s", url);
      return NULL;
    }
  if (g_str_has_prefix (entry, "file:"))
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", entry + 5, NULL);

      if (!g_file_get_contents (path, &text, &len, error))
        return NULL;
    }
  else
    {
      text = g_strdup (entry);
      len = strlen (text);
    }
  return credence_json_parse (text, len, error);
}

static void
put (GHashTable *table,
     const char *url,
     const char *entry)
{
  g_hash_table_insert (table, (gpointer) url, (gpointer) entry);
}

static GHashTable *
new_table (void)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  put (table, "https://digitalcredentials.github.io/vc-test-fixtures/dids/legacy/did.json",
                       "file:digitalcredentials-vc-test-fixtures/dids/legacy/did.json");
  put (table, "https://digitalcredentials.github.io/dcc-did-web/multikey/did.json",
                       "file:digitalcredentials-dcc-did-web/multikey/did.json");
  return table;
}

static void
test_did_web_url (void)
{
  static const struct { const char *did; const char *url; } good[] = {
    { "did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json" },
    { "did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json" },
    { "did:web:example.com%3A3000:user:alice", "https://example.com:3000/user/alice/did.json" },
    { LEGACY_DID, "https://digitalcredentials.github.io/vc-test-fixtures/dids/legacy/did.json" },
  };
  static const char *bad[] = {
    "did:web:", "did:web:exa mple.com", "did:web:example.com:..", "did:web:example.com::a",
    "did:web:example.com%2Fevil", "did:web:example.com%3A", "did:web:example.com#key",
    "did:key:z6Mk", "did:web:example.com%3Aport",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = credence_did_web_to_url (good[i].did, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, good[i].url);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = credence_did_web_to_url (bad[i], &error);

      g_assert_null (url);
      g_assert_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_INVALID);
    }
}

static void
test_did_key (void)
{
  g_autoptr(GError) error = NULL;
  const char *did = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
  g_autofree char *url = g_strconcat (did, "#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", NULL);
  g_autofree char *wrong = g_strconcat (did, "#z6MkjXe1vZvPRqFuc9nRBtZ3e1Y9XKDFSbjFAfzLfW2bD6cZ", NULL);
  g_autoptr(CredenceVerificationMethod) m = NULL;
  g_autoptr(CredenceVerificationMethod) bare = NULL;
  g_autoptr(CredenceVerificationMethod) none = NULL;

  m = credence_did_resolve_verification_method (url, "assertionMethod", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (m->controller, ==, did);
  g_assert_cmpstr (m->id, ==, url);
  g_assert_cmpint (credence_public_key_get_key_type (m->key), ==, CREDENCE_KEY_TYPE_ED25519);

  /* Without a fragment (1EdTech simple-did-key-method.json). */
  bare = credence_did_resolve_verification_method (did, "assertionMethod", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (credence_public_key_equal (bare->key, m->key));

  none = credence_did_resolve_verification_method (wrong, "assertionMethod", NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_NOT_FOUND);
}

static void
test_did_jwk (void)
{
  /* RFC 8037 Ed25519 public key. */
  const char *jwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
  g_autofree char *enc = credence_base64url_encode ((const guint8 *) jwk, strlen (jwk));
  g_autofree char *did = g_strconcat ("did:jwk:", enc, "#0", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceVerificationMethod) m =
    credence_did_resolve_verification_method (did, "assertionMethod", NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (credence_public_key_get_key_type (m->key), ==, CREDENCE_KEY_TYPE_ED25519);
  g_assert_true (g_str_has_prefix (m->controller, "did:jwk:"));
}

static void
test_did_web (void)
{
  g_autoptr(GHashTable) table = new_table ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceVerificationMethod) m = NULL;
  g_autoptr(CredenceVerificationMethod) mk = NULL;
  g_autoptr(CredenceVerificationMethod) none = NULL;
  g_autofree char *expected = NULL;

  m = credence_did_resolve_verification_method (LEGACY_DID "#" LEGACY_KEY, "assertionMethod",
                                                fetch_from_table, table, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (m->controller, ==, LEGACY_DID);
  expected = credence_public_key_to_multikey (m->key);
  g_assert_cmpstr (expected, ==, LEGACY_KEY);

  /* A Multikey-typed method in a DID document that is also a Profile. */
  mk = credence_did_resolve_verification_method ("did:web:digitalcredentials.github.io:dcc-did-web:multikey#z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q",
                                                 "assertionMethod", fetch_from_table, table, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mk->controller, ==, "did:web:digitalcredentials.github.io:dcc-did-web:multikey");

  /* The legacy document lists its key under assertionMethod only. */
  none = credence_did_resolve_verification_method (LEGACY_DID "#" LEGACY_KEY, "authentication",
                                                   fetch_from_table, table, &error);
  g_assert_null (none);
  g_assert_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_NOT_AUTHORIZED);
  g_clear_error (&error);

  /* The key named in a fragment is never trusted on its own. */
  none = credence_did_resolve_verification_method (LEGACY_DID "#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
                                                   "assertionMethod", fetch_from_table, table, &error);
  g_assert_null (none);
  g_assert_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An unreachable DID document: the fetch error passes through. */
  none = credence_did_resolve_verification_method ("did:web:digitalcredentials.github.io:dcc-did-web-bad#z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q",
                                                   "assertionMethod", fetch_from_table, table, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A document served for another DID. */
  put (table, "https://evil.example/.well-known/did.json",
                       "file:digitalcredentials-vc-test-fixtures/dids/legacy/did.json");
  none = credence_did_resolve_verification_method ("did:web:evil.example#" LEGACY_KEY, "assertionMethod",
                                                   fetch_from_table, table, &error);
  g_assert_null (none);
  g_assert_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_NOT_AUTHORIZED);
}

static void
test_http_methods (void)
{
  g_autoptr(GHashTable) table = new_table ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceVerificationMethod) m = NULL;
  g_autoptr(CredenceVerificationMethod) c = NULL;
  g_autoptr(CredenceVerificationMethod) j = NULL;
  g_autoptr(CredenceVerificationMethod) none = NULL;

  /* A key document whose controller lists it. */
  put (table, "https://issuer.example/keys/1",
                       "{\"id\":\"https://issuer.example/keys/1\",\"type\":\"Multikey\","
                       "\"controller\":\"https://issuer.example/issuer\","
                       "\"publicKeyMultibase\":\"" LEGACY_KEY "\"}");
  put (table, "https://issuer.example/issuer",
                       "{\"id\":\"https://issuer.example/issuer\",\"type\":\"Profile\","
                       "\"assertionMethod\":[\"https://issuer.example/keys/1\"]}");
  m = credence_did_resolve_verification_method ("https://issuer.example/keys/1", "assertionMethod",
                                                fetch_from_table, table, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (m->controller, ==, "https://issuer.example/issuer");

  /* A controller document with a relative method id. */
  put (table, "https://issuer.example/profile",
                       "{\"id\":\"https://issuer.example/profile\","
                       "\"verificationMethod\":[{\"id\":\"#key-1\",\"type\":\"Ed25519VerificationKey2020\","
                       "\"controller\":\"https://issuer.example/profile\",\"publicKeyMultibase\":\"" LEGACY_KEY "\"}],"
                       "\"assertionMethod\":[\"#key-1\"]}");
  c = credence_did_resolve_verification_method ("https://issuer.example/profile#key-1", "assertionMethod",
                                                fetch_from_table, table, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->controller, ==, "https://issuer.example/profile");
  g_assert_true (credence_public_key_equal (c->key, m->key));

  /* The 1EdTech fragment convention: nothing published → fetch error. */
  none = credence_did_resolve_verification_method ("https://example.edu/issuers/565049#" LEGACY_KEY,
                                                   "assertionMethod", fetch_from_table, table, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A controller that does not list the key. */
  put (table, "https://issuer.example/keys/2",
                       "{\"id\":\"https://issuer.example/keys/2\",\"type\":\"Multikey\","
                       "\"controller\":\"https://issuer.example/issuer\","
                       "\"publicKeyMultibase\":\"" LEGACY_KEY "\"}");
  none = credence_did_resolve_verification_method ("https://issuer.example/keys/2", "assertionMethod",
                                                   fetch_from_table, table, &error);
  g_assert_null (none);
  g_assert_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_NOT_AUTHORIZED);
  g_clear_error (&error);

  /* A bare JWK behind a VC-JWT kid URL. */
  put (table, "https://issuer.example/jwk",
                       "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
  j = credence_did_resolve_verification_method ("https://issuer.example/jwk", NULL,
                                                fetch_from_table, table, &error);
  g_assert_no_error (error);
  g_assert_null (j->controller);

  none = credence_did_resolve_verification_method ("did:example:123", "assertionMethod",
                                                   fetch_from_table, table, &error);
  g_assert_null (none);
  g_assert_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  none = credence_did_resolve_verification_method (LEGACY_KEY, "assertionMethod",
                                                   fetch_from_table, table, &error);
  g_assert_null (none);
  g_assert_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/did/web-url", test_did_web_url);
  g_test_add_func ("/did/key", test_did_key);
  g_test_add_func ("/did/jwk", test_did_jwk);
  g_test_add_func ("/did/web", test_did_web);
  g_test_add_func ("/did/http-methods", test_http_methods);

  return g_test_run ();
}
