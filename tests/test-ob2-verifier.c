/* test-ob2-verifier.c: Open Badges 2.0 verification against badges and
 * issuers generated in the test, signed with fresh RSA keys from GnuTLS,
 * served by a local SoupServer; and the same verdicts offline from the
 * pinned documents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-multibase.h"
#include "credence-ob2-verifier.h"
#include "credence-test-rsa.h"
#include "credence-test-server.h"
#include "credence-verifier.h"

/* One issuer site on the local server. */
typedef struct
{
  TestServer        *server;
  RsaKey            *key;
  RsaKey            *other_key;
  char              *base;        /* http://127.0.0.1:PORT/ */
  CredenceLoader    *loader;
  CredenceVerifier  *verifier;
  GDateTime         *now;
} Site;

#define RECIPIENT_PLAIN "{\"type\": \"email\", \"hashed\": false, \"identity\": \"Alice@Example.org\"}"

static char *
url (Site       *site,
     const char *path)
{
  return g_strconcat (site->base, path, NULL);
}

static void
serve (Site       *site,
       const char *path,
       guint       status,
       const char *body)
{
  g_autofree char *route = g_strconcat ("/", path, NULL);

  test_server_add_string (site->server, route, status, "text/html", body);
}

static void
site_setup (Site          *site,
            gconstpointer  data)
{
  g_autofree char *issuer = NULL;
  g_autofree char *key = NULL;
  g_autofree char *other_key = NULL;
  g_autofree char *badge = NULL;
  g_autofree char *list = NULL;
  g_autofree char *other_issuer = NULL;

  site->server = test_server_new ();
  site->base = g_strdup (test_server_get_base (site->server));
  site->key = rsa_key_new ();
  site->other_key = rsa_key_new ();

  issuer = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"Issuer\","
                            " \"id\": \"%sissuer.json\", \"name\": \"Test Issuer\", \"url\": \"%s\","
                            " \"email\": \"badges@example.org\", \"publicKey\": \"%skey.json\","
                            " \"revocationList\": \"%srevocations.json\"}",
                            site->base, site->base, site->base, site->base);
  other_issuer = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"Issuer\","
                                  " \"id\": \"%sother-issuer.json\", \"name\": \"Other Issuer\", \"url\": \"%s\","
                                  " \"email\": \"other@example.org\", \"publicKey\": \"%sother-key.json\"}",
                                  site->base, site->base, site->base);
  key = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"CryptographicKey\","
                         " \"id\": \"%skey.json\", \"owner\": \"%sissuer.json\", \"publicKeyPem\": \"%s\"}",
                         site->base, site->base, rsa_key_get_pem_json (site->key));
  other_key = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"CryptographicKey\","
                               " \"id\": \"%sother-key.json\", \"owner\": \"%sother-issuer.json\","
                               " \"publicKeyPem\": \"%s\"}",
                               site->base, site->base, rsa_key_get_pem_json (site->other_key));
  badge = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"BadgeClass\","
                           " \"id\": \"%sbadge.json\", \"name\": \"Soldering\", \"description\": \"Solders.\","
                           " \"image\": \"%sbadge.png\", \"criteria\": {\"narrative\": \"Solder a kit.\"},"
                           " \"issuer\": \"%sissuer.json\"}", site->base, site->base, site->base);
  list = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"RevocationList\","
                          " \"id\": \"%srevocations.json\", \"issuer\": \"%sissuer.json\","
                          " \"revokedAssertions\": [\"urn:uuid:0\", {\"id\": \"urn:uuid:revoked\","
                          " \"revocationReason\": \"Issued in error\"}]}", site->base, site->base);

  serve (site, "issuer.json", 200, issuer);
  serve (site, "other-issuer.json", 200, other_issuer);
  serve (site, "key.json", 200, key);
  serve (site, "other-key.json", 200, other_key);
  serve (site, "badge.json", 200, badge);
  serve (site, "revocations.json", 200, list);

  site->loader = credence_loader_new ();
  credence_loader_set_timeouts (site->loader, 1000, 1500);
  site->verifier = credence_verifier_new (site->loader);
  site->now = g_date_time_new_utc (2025, 6, 1, 12, 0, 0);
  credence_verifier_set_time (site->verifier, site->now);
}

static void
site_teardown (Site          *site,
               gconstpointer  data)
{
  g_assert_finalize_object (site->verifier);
  g_assert_finalize_object (site->loader);
  g_date_time_unref (site->now);
  test_server_free (site->server);
  rsa_key_free (site->key);
  rsa_key_free (site->other_key);
  g_free (site->base);
}

static char *
assertion (Site       *site,
           const char *id,
           const char *verification,
           const char *recipient,
           const char *badge_path,
           const char *issued,
           const char *expires)
{
  g_autofree char *expiry = expires != NULL ? g_strdup_printf (", \"expires\": \"%s\"", expires)
                                            : g_strdup ("");

  return g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"Assertion\","
                          " \"id\": \"%s\", \"recipient\": %s, \"badge\": \"%s%s\","
                          " \"verification\": %s, \"issuedOn\": \"%s\"%s}",
                          id, recipient, site->base, badge_path, verification, issued, expiry);
}

static char *
signed_assertion (Site       *site,
                  const char *id,
                  const char *creator_path,
                  const char *issued,
                  const char *expires)
{
  g_autofree char *verification = g_strdup_printf ("{\"type\": \"SignedBadge\", \"creator\": \"%s%s\"}",
                                                   site->base, creator_path);

  return assertion (site, id, verification, RECIPIENT_PLAIN, "badge.json", issued, expires);
}

static CredenceVerification *
verify_text (Site                *site,
             const char          *text,
             CredenceDocumentSet *pins)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return credence_verifier_verify_bytes (site->verifier, bytes, pins, NULL);
}

static void
assert_outcome (CredenceVerification *report,
                const char           *what,
                CredenceVerdict       verdict,
                CredenceReason        reason)
{
  if (credence_verification_get_verdict (report) != verdict
      || credence_verification_get_reason (report) != reason)
    {
      g_autofree char *line = credence_verification_to_json_line (report, what, 0);

      g_error ("%s: expected %s/%s, got %s", what, credence_verdict_to_string (verdict),
               credence_reason_to_string (reason) ? credence_reason_to_string (reason) : "null", line);
    }
}

#define HEADER_RS256 "{\"alg\":\"RS256\"}"

static void
test_signed (Site          *site,
             gconstpointer  data)
{
  g_autofree char *payload = signed_assertion (site, "urn:uuid:1", "key.json", "2024-01-01T00:00:00Z", NULL);
  g_autofree char *jws = sign_jws (site->key, HEADER_RS256, payload);
  g_autoptr(CredenceVerification) report = verify_text (site, jws, NULL);

  assert_outcome (report, "signed", CREDENCE_VERDICT_VALID, CREDENCE_REASON_NONE);
  g_assert_cmpstr (credence_verification_get_format (report), ==, "signed");
  g_assert_cmpstr (credence_verification_get_spec (report), ==, "2.0");
  g_assert_cmpint (credence_verification_find_check (report, "signature")->status, ==, CREDENCE_CHECK_PASS);
  g_assert_cmpint (credence_verification_find_check (report, "revocation")->status, ==, CREDENCE_CHECK_PASS);
}

static void
test_signed_tampered (Site          *site,
                      gconstpointer  data)
{
  g_autofree char *payload = signed_assertion (site, "urn:uuid:1", "key.json", "2024-01-01T00:00:00Z", NULL);
  g_autofree char *jws = sign_jws (site->key, HEADER_RS256, payload);
  g_auto(GStrv) parts = g_strsplit (jws, ".", 3);
  g_autofree char *changed = NULL;
  g_autofree char *changed_b64 = NULL;
  g_autofree char *tampered = NULL;
  g_autoptr(CredenceVerification) tampered_report = NULL;
  g_autoptr(CredenceVerification) corrupted_report = NULL;
  char *flip;

  /* The same signature over another issue date. */
  changed = signed_assertion (site, "urn:uuid:1", "key.json", "2024-01-02T00:00:00Z", NULL);
  changed_b64 = b64url (changed);
  tampered = g_strjoin (".", parts[0], changed_b64, parts[2], NULL);
  tampered_report = verify_text (site, tampered, NULL);
  assert_outcome (tampered_report, "tampered payload", CREDENCE_VERDICT_INVALID, CREDENCE_REASON_BAD_SIGNATURE);

  /* One character of the signature changed. */
  flip = parts[2] + strlen (parts[2]) / 2;
  *flip = *flip == 'A' ? 'B' : 'A';
  g_free (tampered);
  tampered = g_strjoin (".", parts[0], parts[1], parts[2], NULL);
  corrupted_report = verify_text (site, tampered, NULL);
  assert_outcome (corrupted_report, "corrupted signature", CREDENCE_VERDICT_INVALID,
                  CREDENCE_REASON_BAD_SIGNATURE);
}

static void
test_signed_algorithms (Site          *site,
                        gconstpointer  data)
{
  g_autofree char *payload = signed_assertion (site, "urn:uuid:1", "key.json", "2024-01-01T00:00:00Z", NULL);
  g_autofree char *p = b64url (payload);
  const char *headers[] = { "{\"alg\":\"none\"}", "{\"alg\":\"HS256\"}", "{\"alg\":\"RS512\"}",
                            "{\"alg\":\"PS256\"}" };

  for (gsize i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autofree char *h = b64url (headers[i]);
      g_autofree char *jws = g_strconcat (h, ".", p, ".c2lnbmF0dXJl", NULL);
      g_autoptr(CredenceVerification) report = verify_text (site, jws, NULL);

      assert_outcome (report, headers[i], CREDENCE_VERDICT_INVALID, CREDENCE_REASON_BAD_SIGNATURE);
    }

  /* Without an algorithm the signed data cannot even be read. */
  {
    g_autofree char *h = b64url ("{\"typ\":\"JWT\"}");
    g_autofree char *jws = g_strconcat (h, ".", p, ".c2lnbmF0dXJl", NULL);
    g_autoptr(CredenceVerification) report = verify_text (site, jws, NULL);

    assert_outcome (report, "no alg", CREDENCE_VERDICT_INVALID, CREDENCE_REASON_INVALID_DATA);
  }

  /* RS512 really signed with the issuer's key is still refused. */
  {
    g_autofree char *jws = sign_jws (site->key, "{\"alg\":\"RS512\"}", payload);
    g_autoptr(CredenceVerification) report = verify_text (site, jws, NULL);

    assert_outcome (report, "RS512", CREDENCE_VERDICT_INVALID, CREDENCE_REASON_BAD_SIGNATURE);
  }
}

static void
test_signed_other_issuer_key (Site          *site,
                              gconstpointer  data)
{
  /* Signed by another issuer's key, which says the badge's issuer is not
   * its owner and is not in the issuer's publicKey.
   */
  g_autofree char *payload = signed_assertion (site, "urn:uuid:1", "other-key.json",
                                               "2024-01-01T00:00:00Z", NULL);
  g_autofree char *jws = sign_jws (site->other_key, HEADER_RS256, payload);
  g_autoptr(CredenceVerification) report = verify_text (site, jws, NULL);
  g_autofree char *forged_key = NULL;
  g_autoptr(CredenceVerification) forged = NULL;

  assert_outcome (report, "key of another issuer", CREDENCE_VERDICT_INVALID,
                  CREDENCE_REASON_ISSUER_KEY_MISMATCH);

  /* A key document claiming the issuer as owner is not enough: the issuer
   * must list it.
   */
  forged_key = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"CryptographicKey\","
                                " \"id\": \"%sforged-key.json\", \"owner\": \"%sissuer.json\","
                                " \"publicKeyPem\": \"%s\"}", site->base, site->base, rsa_key_get_pem_json (site->other_key));
  serve (site, "forged-key.json", 200, forged_key);
  g_free (payload);
  g_free (jws);
  payload = signed_assertion (site, "urn:uuid:1", "forged-key.json", "2024-01-01T00:00:00Z", NULL);
  jws = sign_jws (site->other_key, HEADER_RS256, payload);
  forged = verify_text (site, jws, NULL);
  assert_outcome (forged, "key not listed by the issuer", CREDENCE_VERDICT_INVALID,
                  CREDENCE_REASON_ISSUER_KEY_MISMATCH);
}

static void
test_signed_dates_and_revocation (Site          *site,
                                  gconstpointer  data)
{
  struct { const char *id, *issued, *expires; CredenceVerdict verdict; CredenceReason reason; } cases[] = {
    { "urn:uuid:1", "2024-01-01T00:00:00Z", "2025-05-01T00:00:00Z", CREDENCE_VERDICT_INVALID, CREDENCE_REASON_EXPIRED },
    { "urn:uuid:1", "2025-07-01T00:00:00+02:00", NULL, CREDENCE_VERDICT_INVALID, CREDENCE_REASON_NOT_YET_VALID },
    /* Within the clock skew allowed. */
    { "urn:uuid:1", "2025-06-01T12:03:00Z", NULL, CREDENCE_VERDICT_VALID, CREDENCE_REASON_NONE },
    { "urn:uuid:1", "2024-01-01T00:00:00Z", "2025-06-01T11:58:00Z", CREDENCE_VERDICT_VALID, CREDENCE_REASON_NONE },
    { "urn:uuid:1", "2024-01-01T00:00:00Z", "2023-01-01T00:00:00Z", CREDENCE_VERDICT_INVALID, CREDENCE_REASON_INVALID_DATA },
    /* A 2.0 date needs a time zone. */
    { "urn:uuid:1", "2024-01-01T00:00:00", NULL, CREDENCE_VERDICT_INVALID, CREDENCE_REASON_INVALID_DATA },
    { "urn:uuid:revoked", "2024-01-01T00:00:00Z", NULL, CREDENCE_VERDICT_INVALID, CREDENCE_REASON_REVOKED },
    { "urn:uuid:0", "2024-01-01T00:00:00Z", NULL, CREDENCE_VERDICT_INVALID, CREDENCE_REASON_REVOKED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *payload = signed_assertion (site, cases[i].id, "key.json", cases[i].issued,
                                                   cases[i].expires);
      g_autofree char *jws = sign_jws (site->key, HEADER_RS256, payload);
      g_autoptr(CredenceVerification) report = verify_text (site, jws, NULL);

      assert_outcome (report, payload, cases[i].verdict, cases[i].reason);
    }

  /* The revocation reason reaches the learner. */
  {
    g_autofree char *payload = signed_assertion (site, "urn:uuid:revoked", "key.json", "2024-01-01T00:00:00Z", NULL);
    g_autofree char *jws = sign_jws (site->key, HEADER_RS256, payload);
    g_autoptr(CredenceVerification) report = verify_text (site, jws, NULL);

    g_assert_nonnull (strstr (credence_verification_find_check (report, "revocation")->message,
                              "Issued in error"));
  }
}

/* Open Badges 1.0 signed: verify.url is the public key PEM on the
 * issuer's origin; the 1.x revocation list maps uids to reasons.
 */
static void
test_signed_1_0 (Site          *site,
                 gconstpointer  data)
{
  g_autofree char *issuer = g_strdup_printf ("{\"name\": \"Old Issuer\", \"url\": \"%s\","
                                             " \"revocationList\": \"%sold-revocations.json\"}",
                                             site->base, site->base);
  g_autofree char *badge = g_strdup_printf ("{\"name\": \"Old Badge\", \"description\": \"Old.\","
                                            " \"image\": \"%sold.png\", \"criteria\": \"%scriteria\","
                                            " \"issuer\": \"%sold-issuer.json\"}",
                                            site->base, site->base, site->base);
  g_autofree char *pem = g_strcompress (rsa_key_get_pem_json (site->key));
  const char *ids[] = { "abc", "gone", "abc" };
  const char *key_urls[] = { "old-key.pem", "old-key.pem", "http://localhost:1/old-key.pem" };
  CredenceVerdict verdicts[] = { CREDENCE_VERDICT_VALID, CREDENCE_VERDICT_INVALID, CREDENCE_VERDICT_INVALID };
  CredenceReason reasons[] = { CREDENCE_REASON_NONE, CREDENCE_REASON_REVOKED, CREDENCE_REASON_ISSUER_KEY_MISMATCH };
  g_autofree char *elsewhere = url (site, "elsewhere/");

  serve (site, "old-issuer.json", 200, issuer);
  serve (site, "old-badge.json", 200, badge);
  serve (site, "old-key.pem", 200, pem);
  serve (site, "elsewhere/old-key.pem", 200, pem);
  serve (site, "old-revocations.json", 200, "{\"gone\": \"Lost\"}");
  credence_loader_add_url_rewrite (site->loader, "http://localhost:1/", elsewhere);

  for (gsize i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *key_url = g_str_has_prefix (key_urls[i], "http") ? g_strdup (key_urls[i])
                                                                      : url (site, key_urls[i]);
      g_autofree char *payload = g_strdup_printf ("{\"uid\": \"%s\", \"recipient\": {\"type\": \"email\","
                                                  " \"hashed\": false, \"identity\": \"a@example.org\"},"
                                                  " \"badge\": \"%sold-badge.json\", \"issuedOn\": \"2015-04-30\","
                                                  " \"verify\": {\"type\": \"signed\", \"url\": \"%s\"}}",
                                                  ids[i], site->base, key_url);
      g_autofree char *jws = sign_jws (site->key, HEADER_RS256, payload);
      g_autoptr(CredenceVerification) report = verify_text (site, jws, NULL);

      assert_outcome (report, payload, verdicts[i], reasons[i]);
      g_assert_cmpstr (credence_verification_get_spec (report), ==, "1.0");
    }
}

static char *
hosted_assertion (Site       *site,
                  const char *path,
                  const char *recipient,
                  const char *badge_path)
{
  g_autofree char *id = url (site, path);

  return assertion (site, id, "{\"type\": \"hosted\"}", recipient, badge_path, "2024-01-01T00:00:00Z", NULL);
}

static void
test_hosted (Site          *site,
             gconstpointer  data)
{
  g_autofree char *baked = hosted_assertion (site, "a/1.json", RECIPIENT_PLAIN, "badge.json");
  g_autofree char *other = hosted_assertion (site, "a/1.json",
                                             "{\"type\": \"email\", \"hashed\": false, \"identity\": \"bob@example.org\"}",
                                             "badge.json");
  g_autofree char *revoked = NULL;
  g_autofree char *id = url (site, "a/1.json");
  g_autoptr(CredenceVerification) ok = NULL;
  g_autoptr(CredenceVerification) differs = NULL;
  g_autoptr(CredenceVerification) revoked_200 = NULL;
  g_autoptr(CredenceVerification) revoked_410 = NULL;
  g_autoptr(CredenceVerification) by_url = NULL;

  serve (site, "a/1.json", 200, baked);
  ok = verify_text (site, baked, NULL);
  assert_outcome (ok, "hosted", CREDENCE_VERDICT_VALID, CREDENCE_REASON_NONE);
  g_assert_cmpint (credence_verification_find_check (ok, "origin")->status, ==, CREDENCE_CHECK_PASS);
  by_url = credence_verifier_verify_url (site->verifier, id, NULL, NULL);
  assert_outcome (by_url, "hosted by URL", CREDENCE_VERDICT_VALID, CREDENCE_REASON_NONE);

  /* The issuer's copy names another recipient. */
  serve (site, "a/1.json", 200, other);
  differs = verify_text (site, baked, NULL);
  assert_outcome (differs, "hosted differs", CREDENCE_VERDICT_INVALID, CREDENCE_REASON_HOSTED_MISMATCH);

  /* Revoked: revoked true with 200, and 410 Gone. */
  revoked = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"id\": \"%s\","
                             " \"revoked\": true, \"revocationReason\": \"Cheated\"}", id);
  serve (site, "a/1.json", 200, revoked);
  revoked_200 = verify_text (site, baked, NULL);
  assert_outcome (revoked_200, "revoked: true", CREDENCE_VERDICT_INVALID, CREDENCE_REASON_REVOKED);
  g_assert_nonnull (strstr (credence_verification_find_check (revoked_200, "hosted")->message, "Cheated"));

  serve (site, "a/1.json", 410, revoked);
  revoked_410 = verify_text (site, baked, NULL);
  assert_outcome (revoked_410, "410 Gone", CREDENCE_VERDICT_INVALID, CREDENCE_REASON_REVOKED);
}

static void
test_hosted_failures (Site          *site,
                      gconstpointer  data)
{
  g_autofree char *missing_badge = hosted_assertion (site, "a/2.json", RECIPIENT_PLAIN, "missing-badge.json");
  g_autofree char *html = hosted_assertion (site, "a/html.json", RECIPIENT_PLAIN, "badge.json");
  g_autofree char *hang = hosted_assertion (site, "a/hang.json", RECIPIENT_PLAIN, "badge.json");
  g_autofree char *huge = hosted_assertion (site, "a/huge.json", RECIPIENT_PLAIN, "badge.json");
  g_autofree char *loop = hosted_assertion (site, "a/loop.json", RECIPIENT_PLAIN, "badge.json");
  g_autofree char *gone = hosted_assertion (site, "a/404.json", RECIPIENT_PLAIN, "badge.json");
  g_autofree char *elsewhere = NULL;
  g_autoptr(CredenceVerification) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL, r6 = NULL;
  g_autoptr(CredenceVerification) r7 = NULL;

  /* BadgeClass 404: nothing failed, but the badge cannot be confirmed. */
  serve (site, "a/2.json", 200, missing_badge);
  r1 = verify_text (site, missing_badge, NULL);
  assert_outcome (r1, "BadgeClass 404", CREDENCE_VERDICT_INDETERMINATE, CREDENCE_REASON_UNREACHABLE);

  /* An HTML page where the assertion should be. */
  serve (site, "a/html.json", 200, "<html><body>Congratulations!</body></html>");
  r2 = verify_text (site, html, NULL);
  assert_outcome (r2, "HTML instead of JSON", CREDENCE_VERDICT_INVALID, CREDENCE_REASON_INVALID_DATA);

  /* A server that never answers, one that sends 50 MB, a redirect loop,
   * a 404: unreachable, bounded by the test's short timeout.
   */
  test_server_add_hang (site->server, "/a/hang.json");
  r3 = verify_text (site, hang, NULL);
  assert_outcome (r3, "never answers", CREDENCE_VERDICT_INDETERMINATE, CREDENCE_REASON_UNREACHABLE);

  test_server_add_endless (site->server, "/a/huge.json", 50 * 1000 * 1000, FALSE);
  r4 = verify_text (site, huge, NULL);
  assert_outcome (r4, "50 MB", CREDENCE_VERDICT_INDETERMINATE, CREDENCE_REASON_UNREACHABLE);

  test_server_add_redirect (site->server, "/a/loop.json", 302, "/a/loop2.json");
  test_server_add_redirect (site->server, "/a/loop2.json", 302, "/a/loop.json");
  r5 = verify_text (site, loop, NULL);
  assert_outcome (r5, "redirect loop", CREDENCE_VERDICT_INDETERMINATE, CREDENCE_REASON_UNREACHABLE);

  r6 = verify_text (site, gone, NULL);
  assert_outcome (r6, "assertion 404", CREDENCE_VERDICT_INDETERMINATE, CREDENCE_REASON_UNREACHABLE);

  /* An assertion on another origin than its issuer's. */
  elsewhere = assertion (site, "http://localhost:1/a.json", "{\"type\": \"HostedBadge\"}", RECIPIENT_PLAIN,
                         "badge.json", "2024-01-01T00:00:00Z", NULL);
  {
    g_autoptr(CredenceLoader) loader = credence_loader_new ();
    g_autoptr(CredenceVerifier) verifier = credence_verifier_new (loader);
    g_autoptr(GBytes) bytes = g_bytes_new (elsewhere, strlen (elsewhere));
    g_autofree char *route = url (site, "elsewhere/");

    credence_loader_add_url_rewrite (loader, "http://localhost:1/", route);
    serve (site, "elsewhere/a.json", 200, elsewhere);
    r7 = credence_verifier_verify_bytes (verifier, bytes, NULL, NULL);
    assert_outcome (r7, "other origin", CREDENCE_VERDICT_INVALID, CREDENCE_REASON_ISSUER_KEY_MISMATCH);
  }
}

static char *
hashed_recipient (const char *alg,
                  const char *value,
                  const char *salt)
{
  g_autofree char *input = g_strconcat (value, salt != NULL ? salt : "", NULL);
  g_autofree char *hex = g_compute_checksum_for_string (g_strcmp0 (alg, "md5") == 0 ? G_CHECKSUM_MD5
                                                                                   : G_CHECKSUM_SHA256,
                                                        input, -1);
  g_autofree char *upper = g_ascii_strup (hex, -1);
  g_autofree char *salt_member = salt != NULL ? g_strdup_printf (", \"salt\": \"%s\"", salt) : g_strdup ("");

  /* Upper-case hex: the comparison must not care. */
  return g_strdup_printf ("{\"type\": \"email\", \"hashed\": true, \"identity\": \"%s$%s\"%s}",
                          alg, upper, salt_member);
}

static gboolean
matches (const char *recipient,
         const char *identity)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, recipient, -1, NULL));
  return credence_ob2_identity_matches (json_node_get_object (json_parser_get_root (parser)), identity);
}

static void
test_recipient_matching (void)
{
  g_autofree char *lowered = hashed_recipient ("sha256", "alice@example.org", "pepper");
  g_autofree char *exact_case = hashed_recipient ("sha256", "Alice@Example.org", "pepper");
  g_autofree char *md5 = hashed_recipient ("md5", "alice@example.org", NULL);
  const char *url_plain = "{\"type\": \"url\", \"hashed\": false, \"identity\": \"https://alice.example/\"}";
  const char *phone = "{\"type\": \"telephone\", \"hashed\": false, \"identity\": \"+15551234567\"}";

  /* Plain emails: trimmed, any case. */
  g_assert_true (matches (RECIPIENT_PLAIN, "alice@example.org"));
  g_assert_true (matches (RECIPIENT_PLAIN, "  ALICE@EXAMPLE.ORG\n"));
  g_assert_false (matches (RECIPIENT_PLAIN, "bob@example.org"));

  /* Hashed after lowercasing: any case given matches. */
  g_assert_true (matches (lowered, "Alice@Example.org"));
  g_assert_true (matches (lowered, " alice@example.org "));
  g_assert_false (matches (lowered, "alice@example.com"));

  /* Hashed as typed: the exact case matches; a lower-case copy cannot. */
  g_assert_true (matches (exact_case, "Alice@Example.org"));
  g_assert_false (matches (exact_case, "alice@example.org"));

  /* md5 without salt. */
  g_assert_true (matches (md5, "alice@example.org"));
  g_assert_false (matches (md5, "alice@example.net"));

  /* URLs and telephone numbers compare exactly. */
  g_assert_true (matches (url_plain, "https://alice.example/"));
  g_assert_false (matches (url_plain, "https://ALICE.example/x"));
  g_assert_true (matches (phone, "+15551234567"));
  g_assert_false (matches (phone, "+15551234568"));
}

static void
test_recipient_verdicts (Site          *site,
                         gconstpointer  data)
{
  g_autofree char *recipient = hashed_recipient ("sha256", "alice@example.org", "pepper");
  g_autofree char *badge = hosted_assertion (site, "a/r.json", recipient, "badge.json");
  const char *right[] = { "bob@example.org", "ALICE@example.org", NULL };
  const char *wrong[] = { "bob@example.org", NULL };
  g_autoptr(CredenceVerification) none = NULL, ok = NULL, bad = NULL;

  serve (site, "a/r.json", 200, badge);

  none = verify_text (site, badge, NULL);
  assert_outcome (none, "no identity", CREDENCE_VERDICT_VALID, CREDENCE_REASON_NONE);
  g_assert_cmpint (credence_verification_find_check (none, "recipient")->status, ==, CREDENCE_CHECK_SKIP);

  credence_verifier_set_identities (site->verifier, right);
  ok = verify_text (site, badge, NULL);
  assert_outcome (ok, "right identity", CREDENCE_VERDICT_VALID, CREDENCE_REASON_NONE);

  credence_verifier_set_identities (site->verifier, wrong);
  bad = verify_text (site, badge, NULL);
  assert_outcome (bad, "wrong identity", CREDENCE_VERDICT_INVALID, CREDENCE_REASON_RECIPIENT_MISMATCH);
}

typedef struct
{
  CredenceDocumentSet *target;
  const char          *drop;
} CopyData;

static void
copy_one_cb (CredenceDocument *doc,
             gpointer          user_data)
{
  CopyData *data = user_data;

  if (g_strcmp0 (credence_document_get_url (doc), data->drop) != 0)
    credence_document_set_add (data->target, doc);
}

static void
test_offline (Site          *site,
              gconstpointer  data)
{
  g_autofree char *payload = signed_assertion (site, "urn:uuid:1", "key.json", "2024-01-01T00:00:00Z", NULL);
  g_autofree char *jws = sign_jws (site->key, HEADER_RS256, payload);
  g_autofree char *revoked_payload = signed_assertion (site, "urn:uuid:revoked", "key.json",
                                                       "2024-01-01T00:00:00Z", NULL);
  g_autofree char *revoked_jws = sign_jws (site->key, HEADER_RS256, revoked_payload);
  g_autofree char *hosted = hosted_assertion (site, "a/o.json", RECIPIENT_PLAIN, "badge.json");
  g_autofree char *gone = hosted_assertion (site, "a/gone.json", RECIPIENT_PLAIN, "badge.json");
  g_autofree char *issuer_url = url (site, "issuer.json");
  g_autoptr(CredenceDocumentSet) pins = credence_document_set_new ();
  g_autoptr(CredenceDocumentSet) restored = NULL;
  g_autoptr(CredenceDocumentSet) partial = credence_document_set_new ();
  g_autoptr(CredenceDocumentSet) empty = credence_document_set_new ();
  g_autoptr(CredenceLoader) offline = credence_loader_new ();
  g_autoptr(CredenceVerifier) verifier = NULL;
  g_autoptr(GBytes) saved = NULL;
  const char *inputs[] = { jws, revoked_jws, hosted, gone };
  CredenceVerdict online[G_N_ELEMENTS (inputs)];
  CredenceReason online_reason[G_N_ELEMENTS (inputs)];
  CopyData copy = { partial, issuer_url };

  serve (site, "a/o.json", 200, hosted);
  serve (site, "a/gone.json", 410, "{}");

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(CredenceVerification) report = verify_text (site, inputs[i], pins);

      online[i] = credence_verification_get_verdict (report);
      online_reason[i] = credence_verification_get_reason (report);
      g_assert_false (credence_verification_get_offline (report));
      g_assert_cmpuint (credence_verification_get_documents (report)->len, >, 0);
    }
  g_assert_cmpint (online[0], ==, CREDENCE_VERDICT_VALID);
  g_assert_cmpint (online_reason[1], ==, CREDENCE_REASON_REVOKED);
  g_assert_cmpint (online[2], ==, CREDENCE_VERDICT_VALID);
  g_assert_cmpint (online_reason[3], ==, CREDENCE_REASON_REVOKED);

  /* The pinned documents survive being saved, as the store keeps them. */
  saved = credence_document_set_to_bytes (pins);
  restored = credence_document_set_new_from_bytes (saved, NULL);
  g_assert_nonnull (restored);

  credence_loader_set_offline (offline, TRUE);
  verifier = credence_verifier_new (offline);
  credence_verifier_set_time (verifier, site->now);

  /* The server is gone: offline must not need it. */
  test_server_free (site->server);
  site->server = test_server_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (inputs[i], strlen (inputs[i]));
      g_autoptr(CredenceVerification) again = credence_verifier_verify_bytes (verifier, bytes, restored, NULL);
      g_autoptr(CredenceVerification) nothing = credence_verifier_verify_bytes (verifier, bytes, empty, NULL);

      g_assert_true (credence_verification_get_offline (again));
      assert_outcome (again, inputs[i], online[i], online_reason[i]);
      g_assert_nonnull (credence_verification_get_oldest_document_time (again));

      /* Nothing saved: never valid, never invalid by mistake. */
      if (online_reason[i] != CREDENCE_REASON_REVOKED || i == 1)
        assert_outcome (nothing, "offline, nothing saved", CREDENCE_VERDICT_INDETERMINATE,
                        CREDENCE_REASON_UNREACHABLE);
    }

  /* One document missing: indeterminate. */
  credence_document_set_foreach (restored, copy_one_cb, &copy);
  g_assert_cmpuint (credence_document_set_get_size (partial), ==, credence_document_set_get_size (restored) - 1);
  {
    g_autoptr(GBytes) bytes = g_bytes_new (jws, strlen (jws));
    g_autoptr(CredenceVerification) report = credence_verifier_verify_bytes (verifier, bytes, partial, NULL);

    assert_outcome (report, "offline without the issuer", CREDENCE_VERDICT_INDETERMINATE,
                    CREDENCE_REASON_UNREACHABLE);
  }

  g_clear_object (&verifier);
}

static void
verify_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CredenceVerification **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = credence_verifier_verify_finish (CREDENCE_VERIFIER (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Site          *site,
            gconstpointer  data)
{
  g_autofree char *payload = signed_assertion (site, "urn:uuid:1", "key.json", "2024-01-01T00:00:00Z", NULL);
  g_autofree char *jws = sign_jws (site->key, HEADER_RS256, payload);
  g_autoptr(GBytes) bytes = g_bytes_new (jws, strlen (jws));
  g_autoptr(CredenceVerification) report = NULL;

  credence_verifier_verify_bytes_async (site->verifier, bytes, NULL, NULL, verify_done_cb, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* The worker thread lets go of the task (and the verifier) just after
   * returning its result.
   */
  while (g_atomic_int_get (&G_OBJECT (site->verifier)->ref_count) > 1)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  assert_outcome (report, "async", CREDENCE_VERDICT_VALID, CREDENCE_REASON_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Site, NULL, site_setup, func, site_teardown)

  ADD ("/ob2-verifier/signed", test_signed);
  ADD ("/ob2-verifier/signed-tampered", test_signed_tampered);
  ADD ("/ob2-verifier/signed-algorithms", test_signed_algorithms);
  ADD ("/ob2-verifier/signed-other-issuer-key", test_signed_other_issuer_key);
  ADD ("/ob2-verifier/signed-dates-and-revocation", test_signed_dates_and_revocation);
  ADD ("/ob2-verifier/signed-1.0", test_signed_1_0);
  ADD ("/ob2-verifier/hosted", test_hosted);
  ADD ("/ob2-verifier/hosted-failures", test_hosted_failures);
  ADD ("/ob2-verifier/recipient-verdicts", test_recipient_verdicts);
  ADD ("/ob2-verifier/offline", test_offline);
  ADD ("/ob2-verifier/async", test_async);
  g_test_add_func ("/ob2-verifier/recipient-matching", test_recipient_matching);

  return g_test_run ();
}
