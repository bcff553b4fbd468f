/* test-badge.c: reading every badge file of the corpus into the model.
 *
 * Expected outcomes follow tests/data/corpus/MANIFEST.md and the specs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-badge.h"
#include "credence-json.h"

#define OK (-1)

typedef struct
{
  const char          *path;     /* under tests/data/corpus */
  int                  error;    /* a CredenceBadgeError, or OK */
  CredenceContainer    container;
  CredenceSpecVersion  version;
  CredenceBadgeFormat  format;
  const char          *location; /* PNG keyword or SVG element, or NULL */
  gint64               offset;
} CorpusCase;

#define PNG   CREDENCE_CONTAINER_PNG
#define SVG   CREDENCE_CONTAINER_SVG
#define JSON  CREDENCE_CONTAINER_JSON
#define JWS   CREDENCE_CONTAINER_JWS
#define JWT   CREDENCE_CONTAINER_JWT
#define URL   CREDENCE_CONTAINER_URL
#define V_UNK CREDENCE_SPEC_VERSION_UNKNOWN
#define V05   CREDENCE_SPEC_VERSION_0_5
#define V10   CREDENCE_SPEC_VERSION_1_0
#define V11   CREDENCE_SPEC_VERSION_1_1
#define V20   CREDENCE_SPEC_VERSION_2_0
#define V30   CREDENCE_SPEC_VERSION_3_0
#define HOSTED   CREDENCE_BADGE_FORMAT_HOSTED
#define SIGNED   CREDENCE_BADGE_FORMAT_SIGNED
#define DI       CREDENCE_BADGE_FORMAT_DATA_INTEGRITY
#define VCJWT    CREDENCE_BADGE_FORMAT_VC_JWT
#define UNSIGNED CREDENCE_BADGE_FORMAT_UNSIGNED
#define URLONLY  CREDENCE_BADGE_FORMAT_URL_ONLY
#define ERR(code) CREDENCE_BADGE_ERROR_##code, 0, 0, 0, NULL, -1

static const CorpusCase corpus_cases[] = {
  /* Baked PNG */
  { "1edtech-dc-public-validator/ob20/simple-badge.png", OK, PNG, V20, HOSTED, "openbadges", 33 },
  { "1edtech-openbadges-validator-core/baked_heart.png", OK, PNG, V20, HOSTED, "openbadges", 33 },
  { "1edtech-dc-public-validator/ob30/simple-json.png", OK, PNG, V30, DI, "openbadgecredential", 82643 },
  { "1edtech-dc-public-validator/ob30/simple-jwt.png", OK, PNG, V30, VCJWT, "openbadgecredential", 82643 },
  { "1edtech-dc-public-validator/ob30/simple-jwt_v1.png", OK, PNG, V30, VCJWT, "openbadgecredential", 82643 },
  { "mozilla-openbadges-backpack/test-data/valid-baked.png", OK, PNG, V_UNK, URLONLY, "openbadges", 33 },
  { "mozilla-openbadges-backpack/test-data/404.png", OK, PNG, V_UNK, URLONLY, "openbadges", 33 },
  /* Negative PNG: bad CRC in the badge chunk, JPEG named .png, XMP iTXt,
   * zTXt and Thumb:: tEXt chunks, no text chunks. */
  { "mozilla-openbadges-backpack/history-test-utils-images/dupe.png", ERR (MALFORMED_IMAGE) },
  { "mozilla-openbadges-backpack/history-test-utils-images/sneaky-badge.png", ERR (NOT_A_BADGE) },
  { "mozilla-openbadges-backpack/history-test-utils-images/huge.png", ERR (NOT_A_BADGE) },
  { "mozilla-openbadges-backpack/history-test-utils-images/no-badge-data.png", ERR (NOT_A_BADGE) },
  { "w3c-ccg-vc-ed/plugfest-1-2022/images/JFF_LogoLockup.png", ERR (NOT_A_BADGE) },
  { "mozilla-openbadges-bakery/unbaked.png", ERR (NOT_A_BADGE) },
  { "1edtech-openbadges-validator-core/public_domain_heart.png", ERR (NOT_A_BADGE) },

  /* Baked SVG */
  { "1edtech-dc-public-validator/ob30/simple-json.svg", OK, SVG, V30, DI, "openbadges:credential", 394 },
  { "1edtech-dc-public-validator/ob30/simple-jwt.svg", OK, SVG, V30, VCJWT, "openbadges:credential", 396 },
  { "1edtech-dc-public-validator/ob30/simple-jwt_v1.svg", OK, SVG, V30, VCJWT, "openbadges:credential", 396 },
  /* {"verify":{"url":…}} in the body: a pointer to the hosted assertion. */
  { "mozilla-openbadges-bakery/baked.svg", OK, SVG, V_UNK, URLONLY, "openbadges:assertion", 156 },
  /* Empty CDATA: the baking spec says verify= then holds the hosted URL
   * (upstream's bakery reported "no assertion"; the spec wins). */
  { "mozilla-openbadges-bakery/no-json.svg", OK, SVG, V_UNK, URLONLY, "openbadges:assertion", 156 },
  { "mozilla-openbadges-bakery/bad-json.svg", ERR (INVALID_DATA) },
  { "mozilla-openbadges-bakery/unbaked.svg", ERR (NOT_A_BADGE) },
  /* Not well-formed: it holds a literal "<rest-of-document...>". */
  { "1edtech-openbadges-specification/ob_v2p0-baking/spec-example-hosted-assertion.svg.txt", ERR (MALFORMED_IMAGE) },

  /* Compact JWS and JWT */
  { "1edtech-dc-public-validator/ob20/simple.jwt", OK, JWS, V20, SIGNED, NULL, -1 },
  { "1edtech-dc-public-validator/ob20/simple-revoked.jwt", OK, JWS, V20, SIGNED, NULL, -1 },
  { "1edtech-openbadges-specification/ob_v2p0-examples/signed-badges-example.DERIVED-compact.jws", OK, JWS, V20, SIGNED, NULL, -1 },
  { "1edtech-dc-public-validator/ob30/simple.jwt", OK, JWT, V30, VCJWT, NULL, -1 },
  { "1edtech-dc-public-validator/ob30/velocity.jwt", OK, JWT, V30, VCJWT, NULL, -1 },
  { "1edtech-dc-public-validator/clr20/simple.jwt", ERR (NOT_SUPPORTED) },
  /* Printed with spaces around the dots: not a compact JWS. */
  { "1edtech-openbadges-specification/ob_v2p0-examples/signed-badges-example.jws-spaced.txt", ERR (NOT_A_BADGE) },

  /* JSON, every version */
  { "1edtech-openbadges-validator-core/test_components/0_5_assertion.json", OK, JSON, V05, HOSTED, NULL, -1 },
  { "1edtech-openbadges-validator-core/test_components/0_5_1_assertion.json", OK, JSON, V05, HOSTED, NULL, -1 },
  { "mozilla-openbadges-backpack/history-static-test-assertions/example.json", OK, JSON, V05, HOSTED, NULL, -1 },
  { "1edtech-openbadges-validator-core/test_components/1_0_basic_assertion.json", OK, JSON, V10, HOSTED, NULL, -1 },
  { "1edtech-openbadges-validator-core/test_components/1_1_basic_assertion.json", OK, JSON, V11, HOSTED, NULL, -1 },
  { "1edtech-openbadges-validator-core/test_components/2_0_basic_assertion.json", OK, JSON, V20, HOSTED, NULL, -1 },
  { "1edtech-dc-public-validator/ob20/basic-assertion.json", OK, JSON, V20, HOSTED, NULL, -1 },
  /* Wrong type or context: still an assertion, the verifier reports it. */
  { "1edtech-dc-public-validator/ob20/basic-assertion-invalid-type.json", OK, JSON, V20, HOSTED, NULL, -1 },
  { "1edtech-dc-public-validator/ob20/basic-assertion-invalid-context.json", OK, JSON, V20, HOSTED, NULL, -1 },
  { "1edtech-dc-public-validator/ob30/simple.json", OK, JSON, V30, DI, NULL, -1 },
  { "1edtech-dc-public-validator/ob30/simple.1ob", OK, JSON, V30, DI, NULL, -1 },
  { "1edtech-dc-public-validator/ob30/simple_v1.json", OK, JSON, V30, DI, NULL, -1 },
  { "1edtech-dc-public-validator/ob30/simple-noproof.json", OK, JSON, V30, UNSIGNED, NULL, -1 },
  { "1edtech-dc-public-validator/ob30/simple-err-type.json", OK, JSON, V30, DI, NULL, -1 },
  { "1edtech-openbadges-specification/ob_v3p0-examples/fullOpenBadge.json", OK, JSON, V30, UNSIGNED, NULL, -1 },
  { "w3c-ccg-vc-ed/plugfest-1-2022/plugfest-1-ex-1.json", OK, JSON, V30, DI, NULL, -1 },
  { "w3c-ccg-vc-ed/plugfest-2-2022/signed_badge_example-p2.json", OK, JSON, V30, DI, NULL, -1 },
  /* Recognised, not badges yet */
  { "1edtech-dc-public-validator/ob30/endorsement-valid.json", ERR (NOT_SUPPORTED) },
  { "1edtech-openbadges-specification/ob_v3p0-examples/endorsement.json", ERR (NOT_SUPPORTED) },
  { "1edtech-dc-public-validator/clr20/simple.json", ERR (NOT_SUPPORTED) },
  /* Not badges */
  { "1edtech-openbadges-validator-core/test_components/2_0_basic_badgeclass.json", ERR (NOT_A_BADGE) },
  { "1edtech-openbadges-validator-core/test_components/2_0_basic_issuer.json", ERR (NOT_A_BADGE) },
  { "w3c-vc-di-eddsa/TestVectors/unsigned.json", ERR (NOT_A_BADGE) },
  { "digitalcredentials-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-minimal.json", ERR (NOT_A_BADGE) },
  { "digitalcredentials-vc-test-fixtures/verifiableCredentials/v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry-nonOBWithOBContext.json", ERR (NOT_A_BADGE) },
  { "digitalcredentials-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/legacy-noStatus-noExpiry.json", ERR (NOT_A_BADGE) },
  { "1edtech-dc-public-validator/ob20/assets/openbadges_context.json", ERR (NOT_A_BADGE) },
  { "1edtech-dc-public-validator/ob20/redirected-validation-subject.json", ERR (INVALID_DATA) },
  { "mozilla-openbadges-bakery/rsa-public.pem", ERR (NOT_A_BADGE) },
};

static char *
corpus_path (const char *relative)
{
  return g_test_build_filename (G_TEST_DIST, "data", "corpus", relative, NULL);
}

static CredenceBadge *
load (const char  *relative,
      GError     **error)
{
  g_autofree char *path = corpus_path (relative);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return credence_badge_new_from_file (file, NULL, error);
}

static void
test_badge_corpus (gconstpointer data)
{
  const CorpusCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBadge) badge = load (c->path, &error);

  if (c->error != OK)
    {
      g_assert_null (badge);
      g_assert_error (error, CREDENCE_BADGE_ERROR, c->error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (strlen (error->message), >, 20);
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (badge);
  g_assert_cmpstr (credence_container_to_string (credence_badge_get_container (badge)), ==,
                   credence_container_to_string (c->container));
  g_assert_cmpstr (credence_spec_version_to_string (credence_badge_get_spec_version (badge)), ==,
                   credence_spec_version_to_string (c->version));
  g_assert_cmpstr (credence_badge_format_to_string (credence_badge_get_format (badge)), ==,
                   credence_badge_format_to_string (c->format));
  g_assert_cmpstr (credence_badge_get_location_name (badge), ==, c->location);
  g_assert_cmpint (credence_badge_get_location_offset (badge), ==, c->offset);
  g_assert_nonnull (credence_badge_get_payload (badge));
  g_assert_nonnull (credence_badge_get_tags (badge));
  g_assert_nonnull (credence_badge_get_proof_types (badge));

  if (c->format == CREDENCE_BADGE_FORMAT_URL_ONLY)
    {
      g_assert_nonnull (credence_badge_get_url (badge));
      g_assert_true (g_str_has_prefix (credence_badge_get_url (badge), "http"));
    }
  else
    g_assert_nonnull (credence_badge_get_json (badge));

  if (c->format == CREDENCE_BADGE_FORMAT_SIGNED || c->format == CREDENCE_BADGE_FORMAT_VC_JWT)
    {
      g_assert_nonnull (credence_badge_get_jws_header (badge));
      g_assert_nonnull (credence_badge_get_jws_claims (badge));
      g_assert_nonnull (credence_badge_get_jws_alg (badge));
    }
  else
    g_assert_null (credence_badge_get_jws_header (badge));

  if (c->format == CREDENCE_BADGE_FORMAT_DATA_INTEGRITY)
    g_assert_nonnull (credence_badge_get_proof_types (badge)[0]);
  if (c->version == CREDENCE_SPEC_VERSION_3_0)
    g_assert_nonnull (credence_badge_get_issuer_id (badge));
}

static void
assert_date (GDateTime  *dt,
             const char *expected)
{
  g_autofree char *s = NULL;

  g_assert_nonnull (dt);
  s = g_date_time_format_iso8601 (dt);
  g_assert_cmpstr (s, ==, expected);
}

static void
test_badge_fields_ob05 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBadge) badge = load ("mozilla-openbadges-backpack/history-static-test-assertions/example.json", &error);
  GPtrArray *evidence;

  g_assert_no_error (error);
  g_assert_cmpstr (credence_badge_get_name (badge), ==, "HTML5 Fundamental");
  g_assert_cmpstr (credence_badge_get_issuer_name (badge), ==, "P2PU: School of Webcraft");
  g_assert_cmpstr (credence_badge_get_issuer_url (badge), ==, "http://p2pu.org");
  g_assert_cmpstr (credence_badge_get_issuer_email (badge), ==, "admin@p2pu.org");
  g_assert_cmpstr (credence_badge_get_criteria_url (badge), ==, "http://p2pu.org/badges/html5-basic");
  g_assert_cmpstr (credence_badge_get_recipient_type (badge), ==, "email");
  g_assert_true (g_str_has_prefix (credence_badge_get_recipient_identity (badge), "sha256$4817f7"));
  g_assert_true (credence_badge_get_recipient_hashed (badge));
  g_assert_cmpstr (credence_badge_get_recipient_salt (badge), ==, "ballertime");
  g_assert_null (credence_badge_get_url (badge));
  evidence = credence_badge_get_evidence (badge);
  g_assert_cmpuint (evidence->len, ==, 1);
  g_assert_cmpstr (((CredenceEvidence *)evidence->pdata[0])->id, ==, "http://p2pu.org/badges/html5-basic/example");
}

static void
test_badge_fields_ob20 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBadge) badge = load ("1edtech-dc-public-validator/ob20/basic-assertion.json", &error);
  g_autofree char *path = corpus_path ("1edtech-dc-public-validator/ob20/basic-assertion.json");
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (credence_badge_get_achievement_id (badge), ==, "https://example.org/robotics-badge.json");
  g_assert_cmpstr (credence_badge_get_recipient_type (badge), ==, "email");
  g_assert_true (credence_badge_get_recipient_hashed (badge));
  g_assert_cmpstr (credence_badge_get_recipient_salt (badge), ==, "deadsea");
  g_assert_cmpstr (credence_badge_get_url (badge), ==, credence_badge_get_id (badge));
  g_assert_nonnull (credence_badge_get_issued (badge));

  /* A JSON file is its own payload, byte for byte. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (g_bytes_get_data (credence_badge_get_payload (badge), NULL),
                   g_bytes_get_size (credence_badge_get_payload (badge)), contents, length);
  g_assert_true (g_bytes_equal (credence_badge_get_payload (badge), credence_badge_get_bytes (badge)));
}

static void
test_badge_fields_ob30 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBadge) badge = load ("1edtech-dc-public-validator/ob30/simple.json", &error);
  const char * const *proofs;

  g_assert_no_error (error);
  g_assert_cmpstr (credence_badge_get_name (badge), ==, "Teamwork");
  g_assert_cmpstr (credence_badge_get_issuer_name (badge), ==, "Example Corp");
  g_assert_cmpstr (credence_badge_get_recipient_type (badge), ==, "id");
  g_assert_cmpstr (credence_badge_get_subject_id (badge), ==, "did:example:ebfeb1f712ebc6f1c276e12ec21");
  g_assert_nonnull (credence_badge_get_criteria_narrative (badge));
  proofs = credence_badge_get_proof_types (badge);
  g_assert_cmpstr (proofs[0], ==, "DataIntegrityProof:eddsa-rdfc-2022");
  g_assert_nonnull (credence_badge_get_issued (badge));
}

static void
test_badge_fields_vc_jwt (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBadge) v1 = load ("1edtech-dc-public-validator/ob30/simple-jwt_v1.png", &error);
  g_autoptr(CredenceBadge) v2 = NULL;
  JsonObject *claims;
  JsonObject *credential;

  g_assert_no_error (error);
  claims = json_node_get_object (credence_badge_get_jws_claims (v1));
  credential = json_node_get_object (credence_badge_get_json (v1));
  /* VC 1.1 style: the credential is the vc claim. */
  g_assert_true (json_object_has_member (claims, "vc"));
  g_assert_true (credential == credence_json_object_get_object (claims, "vc"));
  g_assert_cmpstr (credence_badge_get_jws_alg (v1), ==, "RS256");
  g_assert_nonnull (credence_json_object_get_object (json_node_get_object (credence_badge_get_jws_header (v1)), "jwk"));
  g_assert_nonnull (credence_badge_get_issued (v1));

  v2 = load ("1edtech-dc-public-validator/ob30/simple-jwt.png", &error);
  g_assert_no_error (error);
  /* VC 2.0 style: the claims are the credential. */
  g_assert_true (credence_badge_get_json (v2) == credence_badge_get_jws_claims (v2));
  g_assert_cmpstr (credence_badge_get_name (v2), ==, "Teamwork");
}

static void
test_badge_fields_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBadge) badge = load ("mozilla-openbadges-backpack/test-data/valid-baked.png", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (credence_badge_get_url (badge), ==, "https://example.org/assertion");
  g_assert_cmpstr (credence_badge_get_location_chunk (badge), ==, "tEXt");
  g_assert_null (credence_badge_get_json (badge));
}

static void
test_badge_bare_url (void)
{
  static const char text[] = "  https://example.org/assertions/1?x=1&y=2\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBadge) badge = credence_badge_new_from_bytes (bytes, "stdin", &error);

  g_assert_no_error (error);
  g_assert_cmpint (credence_badge_get_container (badge), ==, CREDENCE_CONTAINER_URL);
  g_assert_cmpint (credence_badge_get_format (badge), ==, CREDENCE_BADGE_FORMAT_URL_ONLY);
  g_assert_cmpstr (credence_badge_get_url (badge), ==, "https://example.org/assertions/1?x=1&y=2");
  g_assert_cmpstr (credence_badge_get_source_name (badge), ==, "stdin");
}

static void
test_badge_dates (void)
{
  static const struct
  {
    const char *value;
    const char *expected; /* NULL: no date */
  } cases[] = {
    { "\"2015-04-30\"", "2015-04-30T00:00:00Z" },
    { "\"2016-12-31T23:59:59Z\"", "2016-12-31T23:59:59Z" },
    { "\"2016-12-31T23:59:59-08:00\"", "2016-12-31T23:59:59-08" },
    { "\"2016-12-31T23:59:59\"", "2016-12-31T23:59:59Z" },
    { "1359217910", "2013-01-26T16:31:50Z" },
    { "\"1359217910\"", "2013-01-26T16:31:50Z" },
    { "\"2015-04-31\"", NULL },
    { "\"yesterday\"", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"recipient\":{\"type\":\"email\",\"identity\":\"a@b.c\",\"hashed\":false},"
                                               "\"badge\":\"https://example.org/b\",\"issuedOn\":%s}",
                                               cases[i].value);
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceBadge) badge = credence_badge_new_from_bytes (bytes, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (credence_badge_get_spec_version (badge), ==, CREDENCE_SPEC_VERSION_1_0);
      if (cases[i].expected == NULL)
        g_assert_null (credence_badge_get_issued (badge));
      else
        assert_date (credence_badge_get_issued (badge), cases[i].expected);
    }
}

static void
test_badge_strings (void)
{
  CredenceContainer container;
  CredenceBadgeFormat format;

  for (int v = CREDENCE_SPEC_VERSION_0_5; v <= CREDENCE_SPEC_VERSION_3_0; v++)
    g_assert_cmpint (credence_spec_version_from_string (credence_spec_version_to_string (v)), ==, v);
  g_assert_cmpstr (credence_spec_version_to_string (CREDENCE_SPEC_VERSION_1_1), ==, "1.1");
  g_assert_cmpint (credence_spec_version_from_string ("4.0"), ==, CREDENCE_SPEC_VERSION_UNKNOWN);
  g_assert_cmpint (credence_spec_version_from_string (NULL), ==, CREDENCE_SPEC_VERSION_UNKNOWN);

  for (int c = CREDENCE_CONTAINER_PNG; c <= CREDENCE_CONTAINER_URL; c++)
    {
      g_assert_true (credence_container_from_string (credence_container_to_string (c), &container));
      g_assert_cmpint (container, ==, c);
    }
  g_assert_false (credence_container_from_string ("gif", &container));

  for (int f = CREDENCE_BADGE_FORMAT_HOSTED; f <= CREDENCE_BADGE_FORMAT_URL_ONLY; f++)
    {
      g_assert_true (credence_badge_format_from_string (credence_badge_format_to_string (f), &format));
      g_assert_cmpint (format, ==, f);
    }
  g_assert_cmpstr (credence_badge_format_to_string (CREDENCE_BADGE_FORMAT_DATA_INTEGRITY), ==, "data-integrity");
  g_assert_cmpstr (credence_badge_format_to_string (CREDENCE_BADGE_FORMAT_VC_JWT), ==, "vc-jwt");
  g_assert_false (credence_badge_format_from_string ("x", NULL));
}

static void
test_badge_input_limit (void)
{
  gsize size = (gsize)64 * 1024 * 1024 + 1;
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (size), size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBadge) badge = credence_badge_new_from_bytes (bytes, NULL, &error);

  g_assert_null (badge);
  g_assert_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_TOO_LARGE);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CredenceBadge **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = credence_badge_new_from_file_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_badge_async (void)
{
  g_autofree char *path = corpus_path ("1edtech-dc-public-validator/ob30/simple-json.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CredenceBadge) badge = NULL;

  credence_badge_new_from_file_async (file, NULL, loaded_cb, &badge);
  while (badge == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (credence_badge_get_source_name (badge), ==, "simple-json.png");
  g_assert_cmpint (credence_badge_get_spec_version (badge), ==, CREDENCE_SPEC_VERSION_3_0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (corpus_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/badge/corpus/%s", corpus_cases[i].path);

      g_test_add_data_func (name, &corpus_cases[i], test_badge_corpus);
    }
  g_test_add_func ("/badge/fields/ob05", test_badge_fields_ob05);
  g_test_add_func ("/badge/fields/ob20", test_badge_fields_ob20);
  g_test_add_func ("/badge/fields/ob30", test_badge_fields_ob30);
  g_test_add_func ("/badge/fields/vc-jwt", test_badge_fields_vc_jwt);
  g_test_add_func ("/badge/fields/url", test_badge_fields_url);
  g_test_add_func ("/badge/bare-url", test_badge_bare_url);
  g_test_add_func ("/badge/dates", test_badge_dates);
  g_test_add_func ("/badge/strings", test_badge_strings);
  g_test_add_func ("/badge/input-limit", test_badge_input_limit);
  g_test_add_func ("/badge/async", test_badge_async);

  return g_test_run ();
}
