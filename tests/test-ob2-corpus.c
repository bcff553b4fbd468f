/* test-ob2-corpus.c: every Open Badges 0.5–2.0 item of the corpus gets the
 * outcome its MANIFEST.md gives, served by a local SoupServer through the
 * manifest's URL → file map.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-test-server.h"
#include "credence-test-utils.h"
#include "credence-verifier.h"

typedef struct
{
  const char *file;       /* under corpus/1edtech-dc-public-validator/ob20/ */
  const char *hosted_at;  /* where the input is served (its own id), or NULL */
  const char *hosted_file; /* what is served there, when not the input */
  const char *verdict;
  const char *reason;
} Case;

/* MANIFEST.md §1, "OB 2.0 (ob20/)".  Hosted assertions are also served at
 * their own id, as the manifest says a strict re-fetch needs.
 */
static const Case ob20_cases[] = {
  { "basic-assertion.json", "/beths-robotics-badge.json", NULL, "valid", NULL },
  { "simple.jwt", NULL, NULL, "valid", NULL },
  { "simple-not-revoked.jwt", NULL, NULL, "valid", NULL },
  { "simple-revoked.jwt", NULL, NULL, "invalid", "revoked" },
  { "basic-assertion-expired.json", "/beths-robotics-badge.json", NULL, "invalid", "expired" },
  { "basic-assertion-expired-before-issued.json", "/beths-robotics-badge.json", NULL, "invalid", "invalid-data" },
  { "basic-assertion-in-future.json", "/beths-robotics-badge.json", NULL, "invalid", "not-yet-valid" },
  { "basic-assertion-invalid-context.json", "/beths-robotics-badge.json", NULL, "invalid", "invalid-data" },
  { "basic-assertion-invalid-type.json", "/beths-robotics-badge.json", NULL, "invalid", "invalid-data" },
  { "basic-assertion-no-public-key.json", "/beths-robotics-badge.json", NULL, "valid", NULL },
  { "basic-assertion-with-allowed-origins.json", "/beths-robotics-badge.json", NULL, "valid", NULL },
  { "basic-assertion-with-allowed-origins-valid-starts-with.json", "/beths-robotics-badge.json", NULL, "valid", NULL },
  { "basic-assertion-with-allowed-origins-valid-multiple-starts-with.json", "/beths-robotics-badge.json", NULL, "valid", NULL },
  { "basic-assertion-with-allowed-origins-invalid-starts-with.json", "/beths-robotics-badge.json", NULL, "invalid", "issuer-key-mismatch" },
  { "basic-assertion-with-allowed-origins-invalid-multiple-starts-with.json", "/beths-robotics-badge.json", NULL, "invalid", "issuer-key-mismatch" },
  { "basic-assertion-with-language.json", "/beths-robotics-badge.json", NULL, "valid", NULL },
  { "assertion-with-data-image.json", "/beths-robotics-badge.json", NULL, "invalid", "invalid-data" },
  { "assertion-with-endorsements.json", "/beths-robotics-badge.json", NULL, "valid", NULL },
  { "assertion-with-extension-node-basic.json", "/assertion", NULL, "valid", NULL },
  { "assertion-with-multiple-extensions.json", "/assertion", NULL, "valid", NULL },
  { "warning-with-redirection.json", "/beths-robotics-badge.json", NULL, "valid", NULL },
  { "warning-issuer-non-http.json", "/warning-issuer-non-http.json", NULL, "valid", NULL },
  /* Baked PNG: iTXt "openbadges" holding the assertion. */
  { "simple-badge.png", "/beths-robotics-badge.json", "basic-assertion.json", "valid", NULL },
  /* Not JSON (comments): a documentation fixture, used as a parse error. */
  { "redirected-validation-subject.json", NULL, NULL, "invalid", "invalid-data" },
};

static GDateTime *
fixed_now (void)
{
  return g_date_time_new_utc (2025, 1, 1, 0, 0, 0);
}

static char *
corpus_path (const char *first,
             ...)
{
  va_list args;
  GPtrArray *parts = g_ptr_array_new ();
  char *path;
  const char *part;

  g_ptr_array_add (parts, (gpointer) g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, (gpointer) "data");
  g_ptr_array_add (parts, (gpointer) "corpus");
  g_ptr_array_add (parts, (gpointer) first);
  va_start (args, first);
  while ((part = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  g_ptr_array_unref (parts);

  return path;
}

static void
assert_outcome (CredenceVerification *report,
                const char           *what,
                const char           *verdict,
                const char           *reason)
{
  g_autofree char *line = credence_verification_to_json_line (report, what, 0);
  const char *got_verdict = credence_verdict_to_string (credence_verification_get_verdict (report));
  const char *got_reason = credence_reason_to_string (credence_verification_get_reason (report));

  if (g_strcmp0 (got_verdict, verdict) != 0 || g_strcmp0 (got_reason, reason) != 0)
    g_error ("%s: expected %s/%s, got %s", what, verdict, reason ? reason : "null", line);
}

static CredenceLoader *
loader_for (TestServer *server,
            const char *prefix,
            const char *path)
{
  CredenceLoader *loader = credence_loader_new ();
  g_autofree char *base = test_server_url (server, path);

  credence_loader_add_url_rewrite (loader, prefix, base);
  return loader;
}

static void
test_ob20 (void)
{
  TestServer *server = test_server_new ();
  g_autofree char *assets = corpus_path ("1edtech-dc-public-validator", "ob20", "assets", NULL);
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  g_autoptr(CredenceVerifier) verifier = NULL;
  g_autoptr(GDateTime) now = fixed_now ();
  g_autofree char *base = test_server_url (server, "/ob20/");

  /* The manifest maps all three prefixes to ob20/assets/. */
  test_server_add_dir (server, "/ob20/", assets);
  credence_loader_add_url_rewrite (loader, "https://example.org/", base);
  credence_loader_add_url_rewrite (loader, "http://example.org/", base);
  credence_loader_add_url_rewrite (loader, "https://www.example.org/", base);
  verifier = credence_verifier_new (loader);
  credence_verifier_set_time (verifier, now);

  for (gsize i = 0; i < G_N_ELEMENTS (ob20_cases); i++)
    {
      const Case *c = &ob20_cases[i];
      g_autofree char *path = corpus_path ("1edtech-dc-public-validator", "ob20", c->file, NULL);
      g_autoptr(GBytes) bytes = credence_test_read_file (path);
      g_autoptr(CredenceDocumentSet) pins = credence_document_set_new ();
      g_autoptr(CredenceVerification) report = NULL;
      g_autofree char *route = NULL;

      if (c->hosted_at != NULL)
        {
          g_autofree char *hosted_path = c->hosted_file == NULL ? NULL
            : corpus_path ("1edtech-dc-public-validator", "ob20", c->hosted_file, NULL);
          g_autoptr(GBytes) hosted = hosted_path != NULL ? credence_test_read_file (hosted_path)
                                                         : g_bytes_ref (bytes);

          route = g_strconcat ("/ob20", c->hosted_at, NULL);
          test_server_add (server, route, 200, "application/ld+json", hosted);
        }

      report = credence_verifier_verify_bytes (verifier, bytes, pins, NULL);
      assert_outcome (report, c->file, c->verdict, c->reason);

      if (route != NULL)
        test_server_remove (server, route);
    }

  g_clear_object (&verifier);
  g_clear_object (&loader);
  test_server_free (server);
}

/* Serves @files (path → file under test_components/) and verifies the
 * first through its URL.
 */
static CredenceVerification *
verify_components_input (const char         *prefix,
                         const char * const *files,
                         gboolean            by_url,
                         GBytes             *input)
{
  TestServer *server = test_server_new ();
  g_autoptr(CredenceLoader) loader = loader_for (server, prefix, "/site/");
  g_autoptr(CredenceVerifier) verifier = credence_verifier_new (loader);
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GBytes) first = NULL;
  g_autofree char *first_url = NULL;
  CredenceVerification *report;

  credence_verifier_set_time (verifier, now);
  for (guint i = 0; files[i] != NULL; i += 2)
    {
      g_autofree char *path = corpus_path ("1edtech-openbadges-validator-core", "test_components",
                                           files[i + 1], NULL);
      g_autofree char *route = g_strconcat ("/site/", files[i], NULL);
      g_autoptr(GBytes) bytes = credence_test_read_file (path);

      test_server_add (server, route, 200, "text/plain", bytes);
      if (i == 0)
        {
          first = g_bytes_ref (bytes);
          first_url = g_strconcat (prefix, files[i], NULL);
        }
    }

  report = by_url ? credence_verifier_verify_url (verifier, first_url, NULL, NULL)
                  : credence_verifier_verify_bytes (verifier, input != NULL ? input : first, NULL, NULL);

  g_clear_object (&verifier);
  g_clear_object (&loader);
  test_server_free (server);
  return report;
}

static CredenceVerification *
verify_components (const char         *prefix,
                   const char * const *files,
                   gboolean            by_url)
{
  return verify_components_input (prefix, files, by_url, NULL);
}

static void
test_validator_core_2_0 (void)
{
  const char *files[] = {
    "beths-robotics-badge.json", "2_0_basic_assertion.json",
    "robotics-badge.json", "2_0_basic_badgeclass.json",
    "organization.json", "2_0_basic_issuer.json",
    NULL
  };
  g_autoptr(CredenceVerification) baked = verify_components ("https://example.org/", files, FALSE);
  g_autoptr(CredenceVerification) url = verify_components ("https://example.org/", files, TRUE);

  g_autofree char *heart_path = corpus_path ("1edtech-openbadges-validator-core", "baked_heart.png", NULL);
  g_autoptr(GBytes) heart = credence_test_read_file (heart_path);
  g_autoptr(CredenceVerification) heart_report = verify_components_input ("https://example.org/", files,
                                                                          FALSE, heart);

  assert_outcome (baked, "2_0_basic_assertion.json", "valid", NULL);
  assert_outcome (url, "https://example.org/beths-robotics-badge.json", "valid", NULL);

  /* The manifest: baked_heart.png's recipient differs from the hosted
   * 2_0_basic_assertion (badgecheck only uses the hosted copy).  The baked
   * copy the learner holds is not the issuer's: hosted-mismatch.
   */
  assert_outcome (heart_report, "baked_heart.png", "invalid", "hosted-mismatch");
  g_assert_cmpstr (credence_verification_find_check (heart_report, "hosted-match")->message, !=, NULL);
  g_assert_cmpstr (credence_verification_get_spec (url), ==, "2.0");
  g_assert_cmpstr (credence_verification_get_format (url), ==, "hosted");
}

static void
test_validator_core_1_1 (void)
{
  const char *files[] = {
    "beths-robotics-badge.json", "1_1_basic_assertion.json",
    "robotics-badge.json", "1_1_basic_badgeclass.json",
    "organization.json", "1_1_basic_issuer.json",
    NULL
  };
  g_autoptr(CredenceVerification) report = verify_components ("https://example.org/", files, FALSE);

  assert_outcome (report, "1_1_basic_assertion.json", "valid", NULL);
  g_assert_cmpstr (credence_verification_get_spec (report), ==, "1.1");
}

static void
test_validator_core_1_0 (void)
{
  const char *files[] = {
    "instance3", "1_0_basic_assertion_with_extra_properties.json",
    "badgeclass", "1_0_basic_badgeclass.json",
    "issuer", "1_0_basic_issuer.json",
    NULL
  };
  g_autoptr(CredenceVerification) baked = verify_components ("http://a.com/", files, FALSE);
  g_autoptr(CredenceVerification) url = verify_components ("http://a.com/", files, TRUE);

  /* test_legacy_versions.py: valid, openBadgesVersion 1.0. */
  assert_outcome (baked, "1_0_basic_assertion_with_extra_properties.json", "valid", NULL);
  assert_outcome (url, "http://a.com/instance3", "valid", NULL);
  g_assert_cmpstr (credence_verification_get_spec (url), ==, "1.0");
}

static void
test_validator_core_0_5 (void)
{
  const char *plain[] = { "instance", "0_5_assertion.json", NULL };
  const char *hashed[] = { "instance", "0_5_1_assertion.json", NULL };
  g_autoptr(CredenceVerification) url = verify_components ("http://oldstyle.com/", plain, TRUE);
  g_autoptr(CredenceVerification) url_hashed = verify_components ("http://oldstyle.com/", hashed, TRUE);
  g_autoptr(CredenceVerification) alone = verify_components ("http://oldstyle.com/", plain, FALSE);

  /* Hosted at a URL (the 0.5 way: the image held the URL). */
  assert_outcome (url, "http://oldstyle.com/instance", "valid", NULL);
  g_assert_cmpstr (credence_verification_get_spec (url), ==, "0.5");
  assert_outcome (url_hashed, "http://oldstyle.com/instance (hashed)", "valid", NULL);

  /* The JSON alone names no hosted copy: nothing can confirm it
   * (badgecheck: "Could not determine verifiable input").
   */
  assert_outcome (alone, "0_5_assertion.json", "invalid", "invalid-data");
}

static void
test_recipient_0_5 (void)
{
  const char *hashed[] = { "instance", "0_5_1_assertion.json", NULL };
  TestServer *server = test_server_new ();
  g_autoptr(CredenceLoader) loader = loader_for (server, "http://oldstyle.com/", "/site/");
  g_autoptr(CredenceVerifier) verifier = credence_verifier_new (loader);
  g_autofree char *path = corpus_path ("1edtech-openbadges-validator-core", "test_components",
                                       hashed[1], NULL);
  g_autoptr(GBytes) bytes = credence_test_read_file (path);
  const char *right[] = { "nobody@example.org", "test@example.com", NULL };
  const char *wrong[] = { "nobody@example.org", NULL };
  g_autoptr(CredenceVerification) ok = NULL;
  g_autoptr(CredenceVerification) bad = NULL;

  /* MANIFEST: 0_5_1 is sha256$… with salt "sel gris", test@example.com. */
  test_server_add (server, "/site/instance", 200, "text/plain", bytes);
  credence_verifier_set_identities (verifier, right);
  ok = credence_verifier_verify_url (verifier, "http://oldstyle.com/instance", NULL, NULL);
  credence_verifier_set_identities (verifier, wrong);
  bad = credence_verifier_verify_url (verifier, "http://oldstyle.com/instance", NULL, NULL);

  assert_outcome (ok, "0.5 hashed, right identity", "valid", NULL);
  assert_outcome (bad, "0.5 hashed, wrong identity", "invalid", "recipient-mismatch");

  g_clear_object (&verifier);
  g_clear_object (&loader);
  test_server_free (server);
}

static void
test_recipient_ob20 (void)
{
  TestServer *server = test_server_new ();
  g_autofree char *assets = corpus_path ("1edtech-dc-public-validator", "ob20", "assets", NULL);
  g_autofree char *base = test_server_url (server, "/ob20/");
  g_autofree char *jwt = corpus_path ("1edtech-dc-public-validator", "ob20", "simple.jwt", NULL);
  g_autoptr(GBytes) bytes = credence_test_read_file (jwt);
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  g_autoptr(CredenceVerifier) verifier = NULL;
  const char *right[] = { "  Nobody@Example.org ", NULL };
  const char *wrong[] = { "somebody@example.org", "https://example.org/", NULL };
  g_autoptr(CredenceVerification) ok = NULL;
  g_autoptr(CredenceVerification) bad = NULL;

  test_server_add_dir (server, "/ob20/", assets);
  credence_loader_add_url_rewrite (loader, "https://example.org/", base);
  credence_loader_add_url_rewrite (loader, "http://example.org/", base);
  verifier = credence_verifier_new (loader);

  /* sha256(nobody@example.org + deadsea), per the manifest. */
  credence_verifier_set_identities (verifier, right);
  ok = credence_verifier_verify_bytes (verifier, bytes, NULL, NULL);
  credence_verifier_set_identities (verifier, wrong);
  bad = credence_verifier_verify_bytes (verifier, bytes, NULL, NULL);

  assert_outcome (ok, "simple.jwt, right identity", "valid", NULL);
  assert_outcome (bad, "simple.jwt, wrong identity", "invalid", "recipient-mismatch");
  g_assert_cmpint (credence_verification_find_check (ok, "recipient")->status, ==, CREDENCE_CHECK_PASS);

  g_clear_object (&verifier);
  g_clear_object (&loader);
  test_server_free (server);
}

static void
test_spec_examples (void)
{
  TestServer *server = test_server_new ();
  g_autoptr(CredenceLoader) loader = loader_for (server, "https://example.org/", "/spec/");
  g_autoptr(CredenceVerifier) verifier = credence_verifier_new (loader);
  g_autofree char *signed_path = corpus_path ("1edtech-openbadges-specification", "ob_v2p0-examples",
                                              "signed-badges-example.DERIVED-compact.jws", NULL);
  g_autofree char *revoked_path = corpus_path ("1edtech-openbadges-specification", "ob_v2p0-examples",
                                               "revoked-hosted-assertion-example-1.json", NULL);
  g_autoptr(GBytes) signed_bytes = credence_test_read_file (signed_path);
  g_autoptr(GBytes) revoked_bytes = credence_test_read_file (revoked_path);
  g_autoptr(CredenceVerification) signed_report = NULL;
  g_autoptr(CredenceVerification) revoked_report = NULL;
  g_autoptr(GDateTime) now = fixed_now ();

  credence_verifier_set_time (verifier, now);

  /* "This example is not a valid JWS, as the referenced key on example.org
   * does not exist": nothing confirms it, nothing proves it wrong.
   */
  signed_report = credence_verifier_verify_bytes (verifier, signed_bytes, NULL, NULL);
  g_assert_cmpint (credence_verification_get_verdict (signed_report), !=, CREDENCE_VERDICT_VALID);
  g_assert_cmpstr (credence_verification_get_format (signed_report), ==, "signed");

  /* The spec's revoked hosted assertion, served at its id. */
  test_server_add (server, "/spec/beths-robotics-badge.json", 200, "application/json", revoked_bytes);
  revoked_report = credence_verifier_verify_url (verifier, "https://example.org/beths-robotics-badge.json",
                                                 NULL, NULL);
  assert_outcome (revoked_report, "revoked-hosted-assertion-example-1.json", "invalid", "revoked");

  g_clear_object (&verifier);
  g_clear_object (&loader);
  test_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ob2-corpus/1edtech-ob20", test_ob20);
  g_test_add_func ("/ob2-corpus/validator-core-2.0", test_validator_core_2_0);
  g_test_add_func ("/ob2-corpus/validator-core-1.1", test_validator_core_1_1);
  g_test_add_func ("/ob2-corpus/validator-core-1.0", test_validator_core_1_0);
  g_test_add_func ("/ob2-corpus/validator-core-0.5", test_validator_core_0_5);
  g_test_add_func ("/ob2-corpus/recipient-0.5", test_recipient_0_5);
  g_test_add_func ("/ob2-corpus/recipient-ob20", test_recipient_ob20);
  g_test_add_func ("/ob2-corpus/spec-examples", test_spec_examples);

  return g_test_run ();
}
