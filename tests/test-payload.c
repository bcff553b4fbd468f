/* test-payload.c: sniffing by content, JWS/JWT decoding, version detection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-badge.h"
#include "credence-multibase.h"
#include "credence-payload.h"
#include "credence-sniff.h"

static void
test_sniff_magic (void)
{
  static const struct
  {
    const char        *data;
    gsize              length;
    CredenceSniffType  expected;
  } cases[] = {
    { "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, CREDENCE_SNIFF_PNG },
    { "\xFF\xD8\xFF\xE0\0\x10JFIF", 10, CREDENCE_SNIFF_OTHER_IMAGE },
    { "GIF89a\1\0\1\0", 10, CREDENCE_SNIFF_OTHER_IMAGE },
    { "RIFF\0\0\0\0WEBPVP8 ", 16, CREDENCE_SNIFF_OTHER_IMAGE },
    { "\x89PNG\r\n", 6, CREDENCE_SNIFF_UNKNOWN },
    { "\xEF\xBB\xBF  <svg/>", 12, CREDENCE_SNIFF_XML },
    { " \r\n{\"a\":1}", 10, CREDENCE_SNIFF_JSON },
    { "[1,2]", 5, CREDENCE_SNIFF_UNKNOWN },
    { "eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2ln\n", 37, CREDENCE_SNIFF_JWS },
    { "https://example.org/a?b=c#d\n", 28, CREDENCE_SNIFF_URL },
    { "https://example.org/a b", 23, CREDENCE_SNIFF_UNKNOWN },
    { "ftp://example.org/a", 19, CREDENCE_SNIFF_UNKNOWN },
    { "http://", 7, CREDENCE_SNIFF_UNKNOWN },
    { "", 0, CREDENCE_SNIFF_UNKNOWN },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (credence_sniff ((const guint8 *)cases[i].data, cases[i].length), ==, cases[i].expected);
}

static void
test_sniff_jws_shape (void)
{
  static const char *const jws[] = {
    "a.b.c", "a..c", "ab==.cd=.ef", "A-_z.0-9.xyz",
  };
  static const char *const not_jws[] = {
    "a.b", "a.b.c.d", ".b.c", "a.b.", "a=b.c.d", "a.b.c===", "a+b.c.d", "a.b.c/", "a. b.c",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (jws); i++)
    g_assert_true (credence_sniff_is_jws (jws[i], strlen (jws[i])));
  for (gsize i = 0; i < G_N_ELEMENTS (not_jws); i++)
    g_assert_false (credence_sniff_is_jws (not_jws[i], strlen (not_jws[i])));
}

static char *
make_jws (const char *header,
          const char *claims)
{
  g_autofree char *h = credence_base64url_encode ((const guint8 *)header, strlen (header));
  g_autofree char *c = credence_base64url_encode ((const guint8 *)claims, strlen (claims));

  return g_strdup_printf ("%s.%s.c2lnbmF0dXJl", h, c);
}

static CredenceBadge *
badge_from_text (const char  *text,
                 GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return credence_badge_new_from_bytes (bytes, NULL, error);
}

#define OB3_CONTEXT "[\"https://www.w3.org/ns/credentials/v2\",\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"]"

static void
test_jwt_shapes (void)
{
  g_autofree char *vc2 = make_jws ("{\"alg\":\"ES256\",\"kid\":\"did:example:1#k\"}",
                                   "{\"@context\":" OB3_CONTEXT ",\"type\":[\"VerifiableCredential\",\"OpenBadgeCredential\"],"
                                   "\"iss\":\"did:example:1\",\"jti\":\"urn:uuid:1\",\"nbf\":1700000000,\"exp\":1800000000,"
                                   "\"sub\":\"did:example:2\",\"credentialSubject\":{\"achievement\":{\"name\":\"A\"}}}");
  g_autofree char *vc1 = make_jws ("{\"alg\":\"RS256\"}",
                                   "{\"iss\":\"did:example:1\",\"nbf\":1700000000,\"vc\":{\"@context\":[\"https://www.w3.org/2018/credentials/v1\"],"
                                   "\"type\":[\"VerifiableCredential\",\"AchievementCredential\"],\"issuer\":{\"id\":\"did:example:1\",\"name\":\"I\"},"
                                   "\"credentialSubject\":{\"id\":\"did:example:2\",\"achievement\":{\"id\":\"urn:a\",\"name\":\"B\"}}}}");
  g_autofree char *endorsement = make_jws ("{\"alg\":\"RS256\"}",
                                           "{\"vc\":{\"@context\":[\"https://www.w3.org/2018/credentials/v1\"],"
                                           "\"type\":[\"VerifiableCredential\",\"EndorsementCredential\"]}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceBadge) a = badge_from_text (vc2, &error);
  g_autoptr(CredenceBadge) b = NULL;
  g_autoptr(CredenceBadge) c = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (credence_badge_get_container (a), ==, CREDENCE_CONTAINER_JWT);
  g_assert_cmpint (credence_badge_get_format (a), ==, CREDENCE_BADGE_FORMAT_VC_JWT);
  g_assert_cmpstr (credence_badge_get_jws_alg (a), ==, "ES256");
  /* Claims fill what the credential leaves out. */
  g_assert_cmpstr (credence_badge_get_id (a), ==, "urn:uuid:1");
  g_assert_cmpstr (credence_badge_get_issuer_id (a), ==, "did:example:1");
  g_assert_cmpstr (credence_badge_get_subject_id (a), ==, "did:example:2");
  g_assert_cmpint (g_date_time_to_unix (credence_badge_get_issued (a)), ==, 1700000000);
  g_assert_cmpint (g_date_time_to_unix (credence_badge_get_expires (a)), ==, 1800000000);

  b = badge_from_text (vc1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (credence_badge_get_spec_version (b), ==, CREDENCE_SPEC_VERSION_3_0);
  g_assert_cmpstr (credence_badge_get_name (b), ==, "B");
  g_assert_cmpstr (credence_badge_get_issuer_name (b), ==, "I");
  g_assert_cmpstr (credence_badge_get_achievement_id (b), ==, "urn:a");

  c = badge_from_text (endorsement, &error);
  g_assert_null (c);
  g_assert_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_SUPPORTED);
}

static void
test_jws_broken (void)
{
  static const char *const cases[][2] = {
    { "[\"alg\"]", "{}" },                                   /* header not an object */
    { "{\"typ\":\"JWT\"}", "{}" },                           /* no alg */
    { "{\"alg\":\"RS256\"}", "[1]" },                        /* claims not an object */
    { "{\"alg\":\"RS256\"}", "{\"a\":" },                    /* claims not JSON */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *jws = make_jws (cases[i][0], cases[i][1]);
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceBadge) badge = badge_from_text (jws, &error);

      g_assert_null (badge);
      g_assert_true (g_error_matches (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_INVALID_DATA) ||
                     g_error_matches (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_A_BADGE));
    }

  /* Not base64url at all in the middle. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CredenceBadge) badge = badge_from_text ("eyJhbGciOiJSUzI1NiJ9.e.c2ln", &error);

    g_assert_null (badge);
    g_assert_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_INVALID_DATA);
  }
}

static void
test_detect_version (void)
{
  static const struct
  {
    const char          *json;
    CredenceSpecVersion  expected;
    int                  error;
  } cases[] = {
    { "{\"recipient\":\"a@b.c\",\"badge\":{}}", CREDENCE_SPEC_VERSION_0_5, -1 },
    { "{\"recipient\":{},\"badge\":\"u\"}", CREDENCE_SPEC_VERSION_1_0, -1 },
    { "{\"@context\":\"https://w3id.org/openbadges/v1\",\"type\":\"Assertion\"}", CREDENCE_SPEC_VERSION_1_1, -1 },
    { "{\"@context\":\"https://w3id.org/openbadges/v2\",\"type\":\"Assertion\"}", CREDENCE_SPEC_VERSION_2_0, -1 },
    { "{\"@context\":[\"https://w3id.org/openbadges/v2\",{}],\"type\":\"Assertion\"}", CREDENCE_SPEC_VERSION_2_0, -1 },
    { "{\"@context\":" OB3_CONTEXT ",\"type\":[\"VerifiableCredential\",\"AchievementCredential\"]}", CREDENCE_SPEC_VERSION_3_0, -1 },
    { "{\"@context\":" OB3_CONTEXT ",\"type\":\"VerifiableCredential\",\"credentialSubject\":[{\"achievement\":{}}]}", CREDENCE_SPEC_VERSION_3_0, -1 },
    { "{\"@context\":" OB3_CONTEXT ",\"type\":[\"VerifiableCredential\",\"ClrCredential\"]}", 0, CREDENCE_BADGE_ERROR_NOT_SUPPORTED },
    { "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\"]}", 0, CREDENCE_BADGE_ERROR_NOT_A_BADGE },
    { "{\"@context\":\"https://w3id.org/openbadges/v2\",\"type\":\"BadgeClass\"}", 0, CREDENCE_BADGE_ERROR_NOT_A_BADGE },
    { "{\"@context\":\"https://w3id.org/openbadges/v2\",\"type\":\"Issuer\"}", 0, CREDENCE_BADGE_ERROR_NOT_A_BADGE },
    { "{\"hello\":\"world\"}", 0, CREDENCE_BADGE_ERROR_NOT_A_BADGE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = credence_payload_parse_json (cases[i].json, strlen (cases[i].json), &error);
      CredenceSpecVersion version;

      g_assert_no_error (error);
      version = credence_payload_detect_version (node, &error);
      if (cases[i].error < 0)
        {
          g_assert_no_error (error);
          g_assert_cmpint (version, ==, cases[i].expected);
        }
      else
        {
          g_assert_cmpint (version, ==, CREDENCE_SPEC_VERSION_UNKNOWN);
          g_assert_error (error, CREDENCE_BADGE_ERROR, cases[i].error);
        }
    }
}

/* A badge with a number json-glib would misread is damaged data, said so. */
static void
test_number_out_of_range (void)
{
  static const char *const badges[] = {
    "{\"@context\":\"https://w3id.org/openbadges/v2\",\"type\":\"Assertion\",\"issuedOn\":99999999999999999999}",
    "{\"@context\":\"https://w3id.org/openbadges/v2\",\"type\":\"Assertion\",\"expires\":-1e400}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (badges); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = credence_payload_parse_json (badges[i], strlen (badges[i]), &error);

      g_assert_null (node);
      g_assert_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, "cannot read exactly"));
    }
}

static void
test_error_reason (void)
{
  g_autoptr(GError) a = g_error_new_literal (CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_SUPPORTED, "x");
  g_autoptr(GError) b = g_error_new_literal (CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_TOO_LARGE, "x");
  g_autoptr(GError) c = g_error_new_literal (CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE, "x");
  g_autoptr(GError) d = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "x");

  g_assert_cmpstr (credence_badge_error_get_reason (a), ==, "not-a-badge");
  g_assert_cmpstr (credence_badge_error_get_reason (b), ==, "invalid-data");
  g_assert_cmpstr (credence_badge_error_get_reason (c), ==, "malformed-image");
  g_assert_null (credence_badge_error_get_reason (d));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/payload/sniff-magic", test_sniff_magic);
  g_test_add_func ("/payload/sniff-jws-shape", test_sniff_jws_shape);
  g_test_add_func ("/payload/jwt-shapes", test_jwt_shapes);
  g_test_add_func ("/payload/jws-broken", test_jws_broken);
  g_test_add_func ("/payload/detect-version", test_detect_version);
  g_test_add_func ("/payload/error-reason", test_error_reason);
  g_test_add_func ("/payload/number-out-of-range", test_number_out_of_range);

  return g_test_run ();
}
