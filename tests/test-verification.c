/* test-verification.c: verdicts, reasons and the JSON report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-json.h"
#include "credence-verification.h"

static void
test_verdicts (void)
{
  g_autoptr(CredenceVerification) empty = credence_verification_new ();
  g_autoptr(CredenceVerification) valid = credence_verification_new ();
  g_autoptr(CredenceVerification) unsure = credence_verification_new ();
  g_autoptr(CredenceVerification) invalid = credence_verification_new ();

  /* Nothing checked confirms nothing. */
  g_assert_cmpint (credence_verification_get_verdict (empty), ==, CREDENCE_VERDICT_INDETERMINATE);

  /* A skip without a reason (no identity given) does not matter. */
  credence_verification_add_check (valid, "signature", CREDENCE_CHECK_PASS, CREDENCE_REASON_NONE, "ok");
  credence_verification_add_check (valid, "recipient", CREDENCE_CHECK_SKIP, CREDENCE_REASON_NONE, "no id");
  credence_verification_add_check (valid, "id", CREDENCE_CHECK_WARN, CREDENCE_REASON_NONE, "odd id");
  g_assert_cmpint (credence_verification_get_verdict (valid), ==, CREDENCE_VERDICT_VALID);
  g_assert_cmpint (credence_verification_get_reason (valid), ==, CREDENCE_REASON_NONE);

  /* Something that could not be checked makes it indeterminate. */
  credence_verification_add_check (unsure, "issuer", CREDENCE_CHECK_PASS, CREDENCE_REASON_NONE, "ok");
  credence_verification_add_check (unsure, "revocation", CREDENCE_CHECK_SKIP,
                                   CREDENCE_REASON_UNREACHABLE, "down");
  g_assert_cmpint (credence_verification_get_verdict (unsure), ==, CREDENCE_VERDICT_INDETERMINATE);
  g_assert_cmpint (credence_verification_get_reason (unsure), ==, CREDENCE_REASON_UNREACHABLE);

  /* A failure wins, and the first failure is the reason. */
  credence_verification_add_check (invalid, "hosted", CREDENCE_CHECK_SKIP, CREDENCE_REASON_UNREACHABLE, "down");
  credence_verification_add_check (invalid, "dates", CREDENCE_CHECK_FAIL, CREDENCE_REASON_EXPIRED, "old");
  credence_verification_add_check (invalid, "signature", CREDENCE_CHECK_FAIL,
                                   CREDENCE_REASON_BAD_SIGNATURE, "bad");
  g_assert_cmpint (credence_verification_get_verdict (invalid), ==, CREDENCE_VERDICT_INVALID);
  g_assert_cmpint (credence_verification_get_reason (invalid), ==, CREDENCE_REASON_EXPIRED);
  g_assert_cmpstr (credence_verification_find_check (invalid, "signature")->message, ==, "bad");
  g_assert_null (credence_verification_find_check (invalid, "nothing"));
}

static void
test_reasons (void)
{
  const char *codes[] = {
    "bad-signature", "expired", "not-yet-valid", "revoked", "recipient-mismatch",
    "issuer-key-mismatch", "hosted-mismatch", "unreachable", "malformed-image",
    "not-a-badge", "invalid-data", "suspended", "unsupported",
  };
  CredenceReason reason;

  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *sentence = NULL;

      g_assert_true (credence_reason_from_string (codes[i], &reason));
      g_assert_cmpstr (credence_reason_to_string (reason), ==, codes[i]);
      g_assert_nonnull (credence_reason_get_title (reason));
      sentence = credence_reason_format_sentence (reason, NULL, NULL);
      g_assert_nonnull (sentence);
      g_assert_null (strstr (sentence, "%"));
    }
  g_assert_false (credence_reason_from_string ("nonsense", &reason));
  g_assert_false (credence_reason_from_string (NULL, &reason));
  g_assert_null (credence_reason_to_string (CREDENCE_REASON_NONE));

  {
    g_autofree char *expired = credence_reason_format_sentence (CREDENCE_REASON_EXPIRED,
                                                                "15 November 2022", NULL);
    g_autofree char *revoked = credence_reason_format_sentence (CREDENCE_REASON_REVOKED,
                                                                ": issued in error", NULL);
    g_autofree char *down = credence_reason_format_sentence (CREDENCE_REASON_UNREACHABLE,
                                                             "example.org", "1 May 2024");

    g_assert_cmpstr (expired, ==, "It ended on 15 November 2022: genuine, but no longer current. "
                                  "Ask the issuer about renewal.");
    g_assert_cmpstr (revoked, ==, "The issuer withdrew it: issued in error; "
                                  "contact them if this seems wrong.");
    g_assert_cmpstr (down, ==, "example.org could not be reached; Credence will retry and keeps "
                               "the result from 1 May 2024.");
  }

  g_assert_cmpstr (credence_verdict_to_string (CREDENCE_VERDICT_VALID), ==, "valid");
  g_assert_cmpstr (credence_verdict_to_string (CREDENCE_VERDICT_INVALID), ==, "invalid");
  g_assert_cmpstr (credence_verdict_to_string (CREDENCE_VERDICT_INDETERMINATE), ==, "indeterminate");
  g_assert_cmpstr (credence_verdict_get_title (CREDENCE_VERDICT_INVALID), ==, "Problem Found");
}

static void
test_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceVerification) v = credence_verification_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GList) members = NULL;
  const char *order[] = { "source", "verdict", "reason", "spec", "format", "checks", "ms" };
  JsonObject *obj, *check;
  guint i = 0;

  credence_verification_set_spec (v, "2.0");
  credence_verification_set_format (v, "hosted");
  credence_verification_add_check (v, "hosted-fetch", CREDENCE_CHECK_PASS, CREDENCE_REASON_NONE,
                                   "Fetched “%s”", "https://x/\"y\"");
  credence_verification_add_check (v, "revoked", CREDENCE_CHECK_FAIL, CREDENCE_REASON_REVOKED, "gone");

  line = credence_verification_to_json_line (v, "badge.png", 1.234);
  g_assert_null (strchr (line, '\n'));
  node = credence_json_parse (line, strlen (line), &error);
  g_assert_no_error (error);
  obj = json_node_get_object (node);

  /* Members in the documented order. */
  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL; l = l->next, i++)
    g_assert_cmpstr (l->data, ==, order[i]);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (order));

  g_assert_cmpstr (json_object_get_string_member (obj, "source"), ==, "badge.png");
  g_assert_cmpstr (json_object_get_string_member (obj, "verdict"), ==, "invalid");
  g_assert_cmpstr (json_object_get_string_member (obj, "reason"), ==, "revoked");
  g_assert_cmpstr (json_object_get_string_member (obj, "spec"), ==, "2.0");
  g_assert_cmpstr (json_object_get_string_member (obj, "format"), ==, "hosted");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj, "ms"), 1.23, 0.001);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "checks")), ==, 2);

  check = json_array_get_object_element (json_object_get_array_member (obj, "checks"), 0);
  g_assert_cmpstr (json_object_get_string_member (check, "id"), ==, "hosted-fetch");
  g_assert_cmpstr (json_object_get_string_member (check, "status"), ==, "pass");
  g_assert_true (json_object_get_null_member (check, "reason"));
  g_assert_cmpstr (json_object_get_string_member (check, "message"), ==, "Fetched “https://x/\"y\"”");
}

static void
test_documents (void)
{
  g_autoptr(CredenceVerification) v = credence_verification_new ();
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GDateTime) early = g_date_time_new_utc (2020, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) late = g_date_time_new_utc (2021, 1, 1, 0, 0, 0);
  g_autoptr(CredenceDocument) a = credence_document_new ("https://a/", NULL, 200, late, body);
  g_autoptr(CredenceDocument) b = credence_document_new ("https://b/", NULL, 200, early, body);

  g_assert_null (credence_verification_get_oldest_document_time (v));
  credence_verification_add_document (v, a);
  credence_verification_add_document (v, b);
  credence_verification_add_document (v, a);
  g_assert_cmpuint (credence_verification_get_documents (v)->len, ==, 2);
  g_assert_true (g_date_time_equal (credence_verification_get_oldest_document_time (v), early));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/verification/verdicts", test_verdicts);
  g_test_add_func ("/verification/reasons", test_reasons);
  g_test_add_func ("/verification/json", test_json);
  g_test_add_func ("/verification/documents", test_documents);

  return g_test_run ();
}
