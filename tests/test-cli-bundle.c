/* test-cli-bundle.c: credence-cli export bundle, then verify --offline
 * and import in a fresh collection with the issuer's server stopped:
 * the same verdicts; a flipped byte, or a badge changed and its digest
 * fixed, fails that badge alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "credence-badge.h"
#include "credence-test-server.h"
#include "credence-test-utils.h"

typedef struct
{
  char       *dir;
  char       *source_dir;   /* the collection the bundle comes from */
  char       *bundle;       /* the bundle file */
  GHashTable *verdicts;     /* uid → "verdict reason" in the source collection */
  GHashTable *names;        /* uid → payload SHA-256, the same in every collection */
} Fixture;

static Fixture fixture;

static int
run (const char *data_dir,
     char      **out,
     char      **err,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--data-dir");
  g_ptr_array_add (args, (gpointer) data_dir);
  va_start (ap, err);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return credence_test_run_cli (NULL, (const char * const *) args->pdata, out, err);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static char *
verdict_key (const char *verdict,
             const char *reason)
{
  return g_strdup_printf ("%s %s", verdict, reason != NULL ? reason : "-");
}

/* uid → "verdict reason" of every badge of a collection. */
static GHashTable *
list_verdicts (const char *data_dir,
               GHashTable *names)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  GHashTable *verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *array;

  g_assert_cmpint (run (data_dir, &out, &err, "list", "--json", NULL), ==, 0);
  node = parse (out);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *badge = json_array_get_object_element (array, i);
      const char *uid = json_object_get_string_member (badge, "id");

      g_hash_table_insert (verdicts, g_strdup (uid),
                           verdict_key (json_object_get_string_member (badge, "verdict"),
                                        json_object_get_string_member_with_default (badge, "reason", NULL)));
      if (names != NULL)
        g_hash_table_insert (names, g_strdup (uid), g_strdup (json_object_get_string_member (badge, "payload_sha256")));
    }

  return verdicts;
}

/* `verify --offline --json BUNDLE`: uid → "verdict reason"; @problems
 * gets the uids whose bundle check failed.
 */
static GHashTable *
verify_bundle (const char *bundle,
               int        *status,
               GHashTable *problems)
{
  g_autofree char *fresh = g_build_filename (fixture.dir, "verify-home", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  *status = run (fresh, &out, &err, "verify", "--offline", "--json", bundle, NULL);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autoptr(JsonNode) node = parse (lines[i]);
      JsonObject *line = json_node_get_object (node);
      JsonObject *member = json_object_get_object_member (line, "bundle");
      const char *uid = json_object_get_string_member (member, "id");
      g_autofree char *source = g_strdup_printf ("%s#%u", bundle, i + 1);

      g_assert_cmpstr (json_object_get_string_member (line, "source"), ==, source);
      g_assert_cmpint (json_object_get_int_member (member, "index"), ==, i + 1);
      g_assert_nonnull (json_object_get_string_member (member, "exported"));
      g_hash_table_insert (verdicts, g_strdup (uid),
                           verdict_key (json_object_get_string_member (line, "verdict"),
                                        json_object_get_string_member_with_default (line, "reason", NULL)));
      if (problems != NULL && !json_object_get_null_member (member, "problem"))
        g_hash_table_add (problems, g_strdup (uid));
    }
  /* The data dir of a verification is never created. */
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));

  return verdicts;
}

static void
assert_same_verdicts (GHashTable *expected,
                      GHashTable *got,
                      const char *except_uid,
                      const char *except_verdict)
{
  GHashTableIter iter;
  gpointer uid, verdict;

  g_assert_cmpuint (g_hash_table_size (got), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &uid, &verdict))
    {
      if (g_strcmp0 (uid, except_uid) == 0)
        g_assert_cmpstr (g_hash_table_lookup (got, uid), ==, except_verdict);
      else
        g_assert_cmpstr (g_hash_table_lookup (got, uid), ==, verdict);
    }
}

static char *
corpus (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "corpus", "digitalcredentials-vc-test-fixtures",
                                "verifiableCredentials", "v1", "bothSignatureTypes", "didKey", name, NULL);
}

/* Imports hosted badges from a loopback issuer (one baked in a PNG, one
 * revoked since), and two OB 3.0 credentials offline, then exports them
 * all as a bundle and stops the issuer's server.
 */
static void
make_source_collection (void)
{
  TestServer *server = test_server_new ();
  const char *base;
  g_autofree char *site = NULL;
  g_autofree char *input = g_build_filename (fixture.dir, "input", NULL);
  g_autofree char *map = NULL;
  g_autofree char *first = g_build_filename (input, "00001.json", NULL);
  g_autofree char *baked = g_build_filename (input, "00001.png", NULL);
  g_autofree char *heart = g_test_build_filename (G_TEST_DIST, "data", "corpus",
                                                  "1edtech-openbadges-validator-core",
                                                  "public_domain_heart.png", NULL);
  g_autofree char *dcc = corpus ("noRegistry-noStatus-noExpiry.json");
  g_autofree char *expired = corpus ("oidf-revokedStatus-expired.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(CredenceBadge) badge = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) baked_bytes = NULL;
  g_autoptr(GError) error = NULL;

  base = test_server_get_base (server);
  site = credence_test_write_ob2_site (fixture.dir, base);
  test_server_add_dir (server, "/", site);
  map = credence_test_write_ob2_badges (site, base, input, 1, 3, FALSE);

  /* Badge 1 as a baked PNG, the JSON removed. */
  json = credence_test_read_file (first);
  badge = credence_badge_new_from_bytes (json, "00001.json", &error);
  g_assert_no_error (error);
  png = credence_test_read_file (heart);
  baked_bytes = credence_badge_bake (badge, png, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (baked, g_bytes_get_data (baked_bytes, NULL),
                                      g_bytes_get_size (baked_bytes), NULL));
  g_assert_cmpint (g_unlink (first), ==, 0);

  /* Badge 3 is revoked by its issuer after the learner got it. */
  g_free (credence_test_write_ob2_badges (site, base, NULL, 3, 1, TRUE));

  g_assert_cmpint (run (fixture.source_dir, &out, &err, "import", "--json", input, NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run (fixture.source_dir, &out, &err, "import", "--offline", "--json", dcc, expired, NULL);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  fixture.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fixture.verdicts = list_verdicts (fixture.source_dir, fixture.names);
  g_assert_cmpuint (g_hash_table_size (fixture.verdicts), ==, 5);

  fixture.bundle = g_build_filename (fixture.dir, "badges.credence-bundle", NULL);
  g_assert_cmpint (run (fixture.source_dir, &out, &err, "export", "bundle", fixture.bundle, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "5 badges"));

  /* From here on the issuer is gone. */
  test_server_free (server);
}

static void
test_verify_offline_same_verdicts (void)
{
  g_autoptr(GHashTable) verdicts = NULL;
  g_autoptr(GHashTable) problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer uid, verdict;
  guint valid = 0, invalid = 0;
  int status;

  verdicts = verify_bundle (fixture.bundle, &status, problems);
  assert_same_verdicts (fixture.verdicts, verdicts, NULL, NULL);
  g_assert_cmpuint (g_hash_table_size (problems), ==, 0);

  /* Both kinds are there: valid hosted and OB 3.0 badges, a revoked one. */
  g_hash_table_iter_init (&iter, verdicts);
  while (g_hash_table_iter_next (&iter, &uid, &verdict))
    {
      valid += g_str_has_prefix (verdict, "valid ");
      invalid += g_str_has_prefix (verdict, "invalid ");
    }
  g_assert_cmpuint (valid, >=, 3);
  g_assert_cmpuint (invalid, >=, 1);
  g_assert_cmpint (status, ==, 1);
}

static void
test_human_output (void)
{
  g_autofree char *fresh = g_build_filename (fixture.dir, "human-home", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  run (fresh, &out, &err, "verify", "--offline", fixture.bundle, NULL);
  g_assert_nonnull (strstr (out, "a Credence bundle of 5 badges, exported "));
  g_assert_nonnull (strstr (out, "Checked with the issuer’s documents as of "));
  g_assert_nonnull (strstr (out, "When exported: Valid, checked "));
  g_assert_nonnull (strstr (out, "#5 “"));
}

static void
test_import_offline (void)
{
  g_autofree char *fresh = g_build_filename (fixture.dir, "import-home", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) imported = NULL;
  g_autoptr(GHashTable) reverified = NULL;
  GHashTableIter iter;
  gpointer uid, verdict;
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_name_imported = g_hash_table_new (g_str_hash, g_str_equal);

  run (fresh, &out, &err, "import", "--json", fixture.bundle, NULL);
  g_assert_nonnull (strstr (out, "\"status\":\"added\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same verdicts; the pinned documents came along, so checking
   * again offline in the new collection agrees too.
   */
  imported = list_verdicts (fresh, names);
  g_assert_cmpuint (g_hash_table_size (imported), ==, g_hash_table_size (fixture.verdicts));
  g_hash_table_iter_init (&iter, fixture.verdicts);
  while (g_hash_table_iter_next (&iter, &uid, &verdict))
    g_hash_table_insert (by_name, g_hash_table_lookup (fixture.names, uid), verdict);
  g_hash_table_iter_init (&iter, imported);
  while (g_hash_table_iter_next (&iter, &uid, &verdict))
    g_hash_table_insert (by_name_imported, g_hash_table_lookup (names, uid), verdict);
  assert_same_verdicts (by_name, by_name_imported, NULL, NULL);

  run (fresh, &out, &err, "reverify", "--offline", NULL);
  reverified = list_verdicts (fresh, NULL);
  assert_same_verdicts (imported, reverified, NULL, NULL);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The history came along: more than the one check made here. */
  g_hash_table_iter_init (&iter, imported);
  g_assert_true (g_hash_table_iter_next (&iter, &uid, &verdict));
  g_assert_cmpint (run (fresh, &out, &err, "show", "--json", (const char *) uid, NULL), ==, 0);
  {
    g_autoptr(JsonNode) node = parse (out);
    JsonArray *history = json_object_get_array_member (json_node_get_object (node), "history");

    g_assert_cmpuint (json_array_get_length (history), >=, 3);
  }
}

/* The index of the line holding the base64 bytes of badge @n's file. */
static guint
find_original_line (char  **lines,
                    guint   n,
                    char  **digest_out)
{
  const char *digest = NULL;
  g_autoptr(JsonNode) badge_node = NULL;
  guint seen = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "{\"badge\":") && ++seen == n)
      {
        badge_node = parse (lines[i]);
        digest = json_object_get_string_member (json_node_get_object (badge_node), "original");
        break;
      }
  g_assert_nonnull (digest);
  *digest_out = g_strdup (digest);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "{\"blob\":\"") && strstr (lines[i], digest) != NULL)
      return i + 1;

  g_assert_not_reached ();
}

static char *
uid_of_badge (char **lines,
              guint  n)
{
  guint seen = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "{\"badge\":") && ++seen == n)
      {
        g_autoptr(JsonNode) node = parse (lines[i]);

        return g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
      }
  g_assert_not_reached ();
}

static void
write_lines (const char  *path,
             char       **lines)
{
  g_autofree char *text = g_strjoinv ("\n", lines);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
test_flipped_byte (void)
{
  g_autofree char *text = NULL;
  g_autofree char *tampered = g_build_filename (fixture.dir, "flipped.credence-bundle", NULL);
  g_auto(GStrv) lines = NULL;
  int status;

  g_assert_true (g_file_get_contents (fixture.bundle, &text, NULL, NULL));

  for (guint n = 1; n <= 5; n++)
    {
      g_autofree char *digest = NULL;
      g_autofree char *uid = NULL;
      g_autoptr(GHashTable) verdicts = NULL;
      g_autoptr(GHashTable) problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint line;
      char *middle;

      lines = g_strsplit (text, "\n", -1);
      line = find_original_line (lines, n, &digest);
      uid = uid_of_badge (lines, n);
      middle = lines[line] + strlen (lines[line]) / 2;
      *middle = *middle == 'A' ? 'B' : 'A';
      write_lines (tampered, lines);
      g_clear_pointer (&lines, g_strfreev);

      verdicts = verify_bundle (tampered, &status, problems);
      assert_same_verdicts (fixture.verdicts, verdicts, uid, "invalid invalid-data");
      g_assert_cmpuint (g_hash_table_size (problems), ==, 1);
      g_assert_true (g_hash_table_contains (problems, uid));
      g_assert_cmpint (status, ==, 1);
    }
}

/* A badge changed and its digest, size and reference fixed, as a forger
 * would: its own signature or hosted-copy check catches it.
 */
static void
tamper (const char *old_text,
        const char *new_text,
        const char *expected_verdict)
{
  g_autofree char *text = NULL;
  g_autofree char *tampered = g_build_filename (fixture.dir, "forged.credence-bundle", NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) verdicts = NULL;
  int status;

  g_assert_true (g_file_get_contents (fixture.bundle, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);

  for (guint n = 1; n <= 5; n++)
    {
      g_autofree char *digest = NULL;
      g_autofree char *uid = NULL;
      guint line = find_original_line (lines, n, &digest);
      gsize len = 0;
      g_autofree char *quoted = g_strndup (lines[line] + 1, strlen (lines[line]) - 2);
      g_autofree guchar *bytes = g_base64_decode (quoted, &len);
      g_autofree char *original = g_strndup ((char *) bytes, len);
      g_autoptr(GString) changed = NULL;
      g_autofree char *new_digest = NULL;
      g_autofree char *b64 = NULL;

      if (len != strlen (original) || strstr (original, old_text) == NULL)
        continue;
      changed = g_string_new (original);
      g_string_replace (changed, old_text, new_text, 1);
      new_digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, changed->str, changed->len);
      b64 = g_base64_encode ((guchar *) changed->str, changed->len);

      /* Only the badge changes: the same bytes may also be a document
       * (the issuer's hosted copy), which stays as it was.
       */
      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "{\"badge\":") && strstr (lines[i], digest) != NULL)
          {
            g_autoptr(GString) fixed = g_string_new (lines[i]);
            g_autofree char *old_ref = g_strdup_printf ("\"original\":\"%s\"", digest);
            g_autofree char *new_ref = g_strdup_printf ("\"original\":\"%s\"", new_digest);

            g_assert_cmpuint (g_string_replace (fixed, old_ref, new_ref, 1), ==, 1);
            g_free (lines[i]);
            lines[i] = g_string_free (g_steal_pointer (&fixed), FALSE);
          }
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_autofree char *blob = g_strdup_printf ("{\"blob\":\"%s\",\"size\":%" G_GSIZE_FORMAT "}",
                                                 new_digest, changed->len);
        g_autofree char *body = g_strdup_printf ("\"%s\"", b64);

        g_strv_builder_add (builder, lines[0]);
        g_strv_builder_add (builder, blob);
        g_strv_builder_add (builder, body);
        g_strv_builder_addv (builder, (const char **) lines + 1);
        g_strfreev (lines);
        lines = g_strv_builder_end (builder);
      }
      uid = uid_of_badge (lines, n);
      write_lines (tampered, lines);

      verdicts = verify_bundle (tampered, &status, NULL);
      assert_same_verdicts (fixture.verdicts, verdicts, uid, expected_verdict);
      return;
    }
  g_assert_not_reached ();
}

static void
test_forged_signed (void)
{
  /* The OB 3.0 credential's signature no longer matches. */
  tamper ("\"name\": \"DCC Test Credential\"", "\"name\": \"DCC Test Credentiax\"",
          "invalid bad-signature");
}

static void
test_forged_hosted (void)
{
  /* The hosted badge differs from the issuer's copy pinned with it. */
  tamper ("learner2@example.org", "learner9@example.org", "invalid hosted-mismatch");
}

static void
test_not_a_bundle_errors (void)
{
  g_autofree char *fresh = g_build_filename (fixture.dir, "errors-home", NULL);
  g_autofree char *newer = g_build_filename (fixture.dir, "newer.credence-bundle", NULL);
  g_autofree char *cut = g_build_filename (fixture.dir, "cut.credence-bundle", NULL);
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gsize len = 0;

  g_assert_true (g_file_set_contents (newer, "{\"format\":\"credence-bundle\",\"version\":99,"
                                             "\"exported\":\"2026-01-01T00:00:00Z\"}\n{\"end\":true}\n", -1, NULL));
  g_assert_cmpint (run (fresh, &out, &err, "verify", "--offline", newer, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "newer version of Credence"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_get_contents (fixture.bundle, &text, &len, NULL));
  g_assert_true (g_file_set_contents (cut, text, len / 2, NULL));
  g_assert_cmpint (run (fresh, &out, &err, "verify", "--offline", cut, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "cut short"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Importing a damaged bundle adds nothing and says why. */
  run (fresh, &out, &err, "import", "--json", cut, NULL);
  g_assert_nonnull (strstr (out, "\"status\":\"rejected\""));
  g_assert_nonnull (strstr (out, "cut short"));
}

static void
test_collection_choice (void)
{
  g_autofree char *chosen = g_build_filename (fixture.dir, "chosen.credence-bundle", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GHashTable) verdicts = NULL;
  GHashTableIter iter;
  gpointer uid, verdict;
  g_autoptr(GPtrArray) two = g_ptr_array_new ();
  int status;

  g_hash_table_iter_init (&iter, fixture.verdicts);
  while (two->len < 2 && g_hash_table_iter_next (&iter, &uid, &verdict))
    g_ptr_array_add (two, uid);

  g_assert_cmpint (run (fixture.source_dir, &out, &err, "collection", "create", "Job Hunt", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture.source_dir, &out, &err, "collection", "add", "Job Hunt",
                        g_ptr_array_index (two, 0), NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The collection's badge, a named one, and the first again (once). */
  g_assert_cmpint (run (fixture.source_dir, &out, &err, "export", "bundle", "--collection", "Job Hunt",
                        chosen, g_ptr_array_index (two, 1), g_ptr_array_index (two, 0), NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2 badges"));
  verdicts = verify_bundle (chosen, &status, NULL);
  g_assert_cmpuint (g_hash_table_size (verdicts), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (verdicts, g_ptr_array_index (two, 0)), ==,
                   g_hash_table_lookup (fixture.verdicts, g_ptr_array_index (two, 0)));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (fixture.source_dir, &out, &err, "export", "bundle", "--collection", "No Such",
                        chosen, NULL), ==, 1);
}

/* export files: sanitised names, a picture and the data per badge, and
 * importing the folder gives the same badges back.
 */
static void
test_export_files (void)
{
  g_autofree char *folder = g_build_filename (fixture.dir, "files", NULL);
  g_autofree char *fresh = g_build_filename (fixture.dir, "files-home", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GRegex) safe = g_regex_new ("^[a-z0-9-]+-[0-9a-f]{12}\\.(png|svg|json|jws|jwt)$", 0, 0, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) reimported = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) got = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  const char *name;
  guint pictures = 0, data = 0;

  g_assert_cmpint (run (fixture.source_dir, &out, &err, "export", "files", folder, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "5 badges"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_regex_match (safe, name, 0, NULL));
      if (g_str_has_suffix (name, ".png") || g_str_has_suffix (name, ".svg"))
        pictures++;
      else
        data++;
    }
  g_assert_cmpuint (pictures, ==, 5);
  g_assert_cmpuint (data, ==, 5);

  /* Offline: the pictures and the data files are the same badges. */
  run (fresh, &out, &err, "import", "--offline", "--json", folder, NULL);
  g_assert_null (strstr (out, "\"status\":\"rejected\""));
  reimported = list_verdicts (fresh, names);
  g_assert_cmpuint (g_hash_table_size (reimported), ==, 5);
  g_hash_table_iter_init (&iter, fixture.names);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_add (expected, value);
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_add (got, value);
  g_assert_cmpuint (g_hash_table_size (got), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_true (g_hash_table_contains (got, key));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  fixture.dir = credence_test_make_temp_dir ();
  fixture.source_dir = g_build_filename (fixture.dir, "source", NULL);
  make_source_collection ();

  g_test_add_func ("/cli-bundle/verify-offline-same-verdicts", test_verify_offline_same_verdicts);
  g_test_add_func ("/cli-bundle/human-output", test_human_output);
  g_test_add_func ("/cli-bundle/import-offline", test_import_offline);
  g_test_add_func ("/cli-bundle/flipped-byte", test_flipped_byte);
  g_test_add_func ("/cli-bundle/forged-signed", test_forged_signed);
  g_test_add_func ("/cli-bundle/forged-hosted", test_forged_hosted);
  g_test_add_func ("/cli-bundle/errors", test_not_a_bundle_errors);
  g_test_add_func ("/cli-bundle/collection-choice", test_collection_choice);
  g_test_add_func ("/cli-bundle/export-files", test_export_files);

  status = g_test_run ();

  credence_test_remove_tree (fixture.dir);
  g_free (fixture.dir);
  g_free (fixture.source_dir);
  g_free (fixture.bundle);
  g_clear_pointer (&fixture.verdicts, g_hash_table_unref);
  g_clear_pointer (&fixture.names, g_hash_table_unref);

  return status;
}
