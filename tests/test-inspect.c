/* test-inspect.c: credence-cli inspect, its exit codes and its JSON object.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "credence-test-utils.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} RunResult;

static void
run_result_clear (RunResult *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunResult, run_result_clear)

/* Runs "credence-cli inspect" with the arguments after @input. */
static void
run_inspect (RunResult  *r,
             const char *input,
             const char *first_arg,
             ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer)"inspect");
  va_start (ap, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer)a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  r->status = credence_test_run_cli (input, (const char * const *)args->pdata, &r->out, &r->err);
}

static char *
corpus (const char *relative)
{
  return g_test_build_filename (G_TEST_DIST, "data", "corpus", relative, NULL);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_inspect_json_png (void)
{
  g_autofree char *path = corpus ("1edtech-dc-public-validator/ob30/simple-jwt.png");
  g_auto(RunResult) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  JsonObject *location;

  run_inspect (&r, NULL, "--json", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = parse_object (parser, r.out);
  g_assert_true (json_object_get_boolean_member (o, "found"));
  g_assert_cmpstr (json_object_get_string_member (o, "source"), ==, "simple-jwt.png");
  g_assert_cmpstr (json_object_get_string_member (o, "container"), ==, "png");
  g_assert_cmpstr (json_object_get_string_member (o, "version"), ==, "3.0");
  g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "vc-jwt");
  g_assert_cmpstr (json_object_get_string_member (o, "jwsAlg"), ==, "RS256");
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "Teamwork");
  location = json_object_get_object_member (o, "location");
  g_assert_cmpstr (json_object_get_string_member (location, "chunk"), ==, "iTXt");
  g_assert_cmpstr (json_object_get_string_member (location, "name"), ==, "openbadgecredential");
  g_assert_cmpint (json_object_get_int_member (location, "offset"), ==, 82643);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "payload"), "eyJ"));
  g_assert_cmpint (json_object_get_int_member (o, "payloadSize"), ==,
                   strlen (json_object_get_string_member (o, "payload")));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "jwsHeader")));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "issuer")));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "recipient")));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "tags")));
}

static void
test_inspect_json_error (void)
{
  g_autofree char *path = corpus ("mozilla-openbadges-backpack/history-test-utils-images/dupe.png");
  g_auto(RunResult) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  JsonObject *error;

  run_inspect (&r, NULL, "--json", path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  o = parse_object (parser, r.out);
  g_assert_false (json_object_get_boolean_member (o, "found"));
  error = json_object_get_object_member (o, "error");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "malformed-image");
  g_assert_cmpstr (json_object_get_string_member (error, "reason"), ==, "malformed-image");
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "byte 33"));
}

static void
test_inspect_text (void)
{
  g_autofree char *svg = corpus ("1edtech-dc-public-validator/ob30/simple-json.svg");
  g_autofree char *jpeg = corpus ("mozilla-openbadges-backpack/history-test-utils-images/sneaky-badge.png");
  g_autofree char *clr = corpus ("1edtech-dc-public-validator/clr20/simple.json");
  g_auto(RunResult) ok = { 0 };
  g_auto(RunResult) no = { 0 };
  g_auto(RunResult) not_yet = { 0 };

  run_inspect (&ok, NULL, svg, NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_nonnull (strstr (ok.out, "openbadges:credential"));
  g_assert_nonnull (strstr (ok.out, "eddsa-rdfc-2022"));
  g_assert_nonnull (strstr (ok.out, "Teamwork"));

  run_inspect (&no, NULL, jpeg, NULL);
  g_assert_cmpint (no.status, ==, 1);
  g_assert_nonnull (strstr (no.err, "screenshot"));
  g_assert_cmpstr (no.out, ==, "");

  run_inspect (&not_yet, NULL, clr, NULL);
  g_assert_cmpint (not_yet.status, ==, 1);
  g_assert_nonnull (strstr (not_yet.err, "Learner Record"));
}

static void
test_inspect_stdin_and_url (void)
{
  g_autofree char *path = corpus ("1edtech-dc-public-validator/ob20/simple.jwt");
  g_autofree char *jws = NULL;
  g_auto(RunResult) from_stdin = { 0 };
  g_auto(RunResult) url = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  JsonObject *o;

  g_assert_true (g_file_get_contents (path, &jws, NULL, NULL));
  run_inspect (&from_stdin, jws, "--json", "-", NULL);
  g_assert_cmpint (from_stdin.status, ==, 0);
  o = parse_object (parser, from_stdin.out);
  g_assert_cmpstr (json_object_get_string_member (o, "container"), ==, "jws");
  g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "signed");
  g_assert_cmpstr (json_object_get_string_member (o, "version"), ==, "2.0");

  run_inspect (&url, NULL, "--json", "https://example.org/assertions/1", NULL);
  g_assert_cmpint (url.status, ==, 0);
  o = parse_object (parser2, url.out);
  g_assert_cmpstr (json_object_get_string_member (o, "container"), ==, "url");
  g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "url");
  g_assert_cmpstr (json_object_get_string_member (o, "url"), ==, "https://example.org/assertions/1");
}

static void
test_inspect_usage (void)
{
  g_auto(RunResult) none = { 0 };
  g_auto(RunResult) two = { 0 };
  g_auto(RunResult) missing = { 0 };
  g_auto(RunResult) bad_option = { 0 };

  run_inspect (&none, NULL, NULL, NULL);
  g_assert_cmpint (none.status, ==, 2);
  run_inspect (&two, NULL, "a", "b", NULL);
  g_assert_cmpint (two.status, ==, 2);
  run_inspect (&missing, NULL, "/nonexistent/badge.png", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_cmpstr (missing.out, ==, "");
  run_inspect (&bad_option, NULL, "--frobnicate", "x", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);
}

static void
test_inspect_control_characters (void)
{
  /* A hostile name must not reach the terminal as escape sequences. */
  static const char json[] =
    "{\"recipient\":{\"type\":\"email\",\"identity\":\"a@b.c\",\"hashed\":false},"
    "\"badge\":{\"name\":\"evil\\u001b[2Jname\"},\"issuedOn\":\"2016-01-01\"}";
  g_auto(RunResult) r = { 0 };

  run_inspect (&r, json, "-", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strchr (r.out, '\x1b'));
  g_assert_nonnull (strstr (r.out, "evil\xEF\xBF\xBD[2Jname"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/inspect/json-png", test_inspect_json_png);
  g_test_add_func ("/inspect/json-error", test_inspect_json_error);
  g_test_add_func ("/inspect/text", test_inspect_text);
  g_test_add_func ("/inspect/stdin-and-url", test_inspect_stdin_and_url);
  g_test_add_func ("/inspect/usage", test_inspect_usage);
  g_test_add_func ("/inspect/control-characters", test_inspect_control_characters);

  return g_test_run ();
}
