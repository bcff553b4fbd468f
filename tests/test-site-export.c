/* test-site-export.c: the portfolio site — hostile badge text in every
 * field produces no active content (checked in headless chromium), pages
 * are well-formed and self-contained, disclosure is respected, output is
 * deterministic, and a baked SVG's original file is published only when
 * it is a plain picture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "credence-badge.h"
#include "credence-html.h"
#include "credence-site-exporter.h"
#include "credence-store-pathways.h"
#include "credence-test-server.h"
#include "credence-test-utils.h"

typedef CredenceTestStore Fixture;

#define ADDRESS "learner@example.org"

/* Script, markup, event handlers, comment and CDATA ends, an RTL override:
 * everything that must stay text. */
static char *
hostile_text (const char *hit)
{
  return g_strdup_printf ("<script>document.title='PWNED';fetch('%s')</script>"
                          "<img src=x onerror=\"document.title='PWNED';fetch('%s')\">"
                          "<img src='%s'>\"' onmouseover=\"alert(1)\" </p></bdi></h1>"
                          "<!-- ]]> --> \u202Egnp.exe\u202C &amp; &lt;b&gt; </script><!--<script>"
                          "<svg onload=\"fetch('%s')\"></svg><a href=\"javascript:fetch('%s')\">x</a>",
                          hit, hit, hit, hit, hit);
}

static char *
hostile_svg_uri (const char *hit)
{
  g_autofree char *svg = g_strdup_printf ("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                                          "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"64\" height=\"64\" "
                                          "onload=\"fetch('%s')\"><script>fetch('%s')</script>"
                                          "<image xlink:href=\"%s\" width=\"10\" height=\"10\"/>"
                                          "<rect width=\"64\" height=\"64\" fill=\"#c01c28\"/></svg>",
                                          hit, hit, hit);
  g_autofree char *base64 = g_base64_encode ((const guchar *)svg, strlen (svg));

  return g_strconcat ("data:image/svg+xml;base64,", base64, NULL);
}

static char *
ob2_payload (const char *text,
             const char *js_url,
             const char *image)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@context");
  json_builder_add_string_value (b, "https://w3id.org/openbadges/v2");
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Assertion");
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, js_url);
  json_builder_set_member_name (b, "issuedOn");
  json_builder_add_string_value (b, "2024-05-12T10:00:00Z");
  json_builder_set_member_name (b, "recipient");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "email");
  json_builder_set_member_name (b, "hashed");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "identity");
  json_builder_add_string_value (b, ADDRESS);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "evidence");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, js_url);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, text);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, text);
  json_builder_set_member_name (b, "narrative");
  json_builder_add_string_value (b, text);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "badge");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "BadgeClass");
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, "https://issuer.test/badge");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, text);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, text);
  json_builder_set_member_name (b, "image");
  json_builder_add_string_value (b, image);
  json_builder_set_member_name (b, "criteria");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, "data:text/html,<script>alert(1)</script>");
  json_builder_set_member_name (b, "narrative");
  json_builder_add_string_value (b, text);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "tags");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, text);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "alignment");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "targetName");
  json_builder_add_string_value (b, text);
  json_builder_set_member_name (b, "targetUrl");
  json_builder_add_string_value (b, js_url);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "issuer");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Profile");
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, "https://issuer.test/");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, text);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static const char *report_valid =
  "{\"verdict\": \"valid\", \"checks\": ["
  "{\"id\": \"hosted\", \"status\": \"pass\"}, {\"id\": \"issuer\", \"status\": \"pass\"},"
  "{\"id\": \"recipient\", \"status\": \"pass\"}, {\"id\": \"revocation\", \"status\": \"pass\"},"
  "{\"id\": \"dates\", \"status\": \"pass\"}]}";

static CredenceStoreBadge *
make_badge (const char *name,
            const char *description,
            const char *issuer,
            const char *payload,
            const char *image,
            const char *verdict,
            const char *reason)
{
  CredenceStoreBadge *badge = credence_store_badge_new ();
  static guint serial;

  badge->credential_id = g_strdup_printf ("javascript:fetch('/x?%u')", ++serial);
  badge->container = g_strdup ("json");
  badge->spec_version = g_strdup ("2.0");
  badge->payload = g_bytes_new (payload, strlen (payload));
  badge->original = g_bytes_new (payload, strlen (payload));
  badge->name = g_strdup (name);
  badge->description = g_strdup (description);
  badge->issuer_name = g_strdup (issuer);
  badge->issuer_url = g_strdup ("JaVaScRiPt:fetch('/issuer')");
  badge->recipient = g_strdup (ADDRESS);
  badge->issued_on = g_strdup ("2024-05-12T10:00:00Z");
  badge->expires_on = g_strdup ("not a date <b>");
  badge->image = g_strdup (image);
  badge->source = g_strdup ("hostile.json");
  credence_store_badge_add_verification (badge,
                                         credence_store_verification_new (1772524800, TRUE, verdict, reason,
                                                                          report_valid));
  return badge;
}

/* A real baked badge from the corpus. */
static CredenceStoreBadge *
make_baked_badge (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", "1edtech-dc-public-validator",
                                                 "ob30", "simple-json.png", NULL);
  g_autoptr(GBytes) bytes = credence_test_read_file (path);
  g_autoptr(CredenceBadge) parsed = NULL;
  g_autoptr(GError) error = NULL;
  CredenceStoreBadge *badge = credence_store_badge_new ();

  parsed = credence_badge_new_from_bytes (bytes, "simple-json.png", &error);
  g_assert_no_error (error);

  badge->credential_id = g_strdup (credence_badge_get_id (parsed));
  badge->container = g_strdup ("png");
  badge->spec_version = g_strdup ("3.0");
  badge->original = g_bytes_ref (bytes);
  badge->payload = g_bytes_ref (credence_badge_get_payload (parsed));
  badge->name = g_strdup (credence_badge_get_name (parsed));
  badge->description = g_strdup (credence_badge_get_description (parsed));
  badge->issuer_name = g_strdup (credence_badge_get_issuer_name (parsed));
  badge->issuer_url = g_strdup ("https://issuer.example.org/");
  badge->recipient = g_strdup (ADDRESS);
  badge->issued_on = g_strdup ("2025-03-03T09:00:00Z");
  credence_store_badge_add_verification (badge,
                                         credence_store_verification_new (1772524800, TRUE, "valid", NULL,
                                                                          report_valid));
  return badge;
}

/* Baked SVG badges.  Each hostile one would fetch @hit if a browser ran
 * or loaded what it holds; the last is a real baked badge, a plain
 * picture.  Recipients are hashed, so no address reaches the site. */
typedef struct
{
  const char *name;
  const char *prolog;
  const char *attributes;   /* of the root <svg> */
  const char *body;         /* HIT stands for the hit URL */
  const char *because;      /* the page's explanation */
} SvgCase;

#define BECAUSE_SCRIPT   "it contains a script, which would run on this site when the file is opened"
#define BECAUSE_PAGE     "it contains another web page, which would open on this site"
#define BECAUSE_EXTERNAL "it loads files from other websites when it is opened"
#define BECAUSE_OTHER    "it contains parts that Credence cannot confirm are safe to open on this site"

static const SvgCase svg_cases[] = {
  { "SVG Script", "", "", "<script>fetch('HIT')</script>", BECAUSE_SCRIPT },
  { "SVG Onload", "", " onload=\"fetch('HIT')\"", "", BECAUSE_SCRIPT },
  { "SVG Foreign Object", "", "",
    "<foreignObject width=\"10\" height=\"10\"><iframe xmlns=\"http://www.w3.org/1999/xhtml\" src=\"HIT\"/>"
    "</foreignObject>", BECAUSE_PAGE },
  { "SVG External Picture", "", "", "<image href=\"HIT\" width=\"10\" height=\"10\"/>", BECAUSE_EXTERNAL },
  { "SVG Script Link", "", "", "<a xlink:href=\"javascript:fetch('HIT')\"><rect width=\"64\" height=\"64\"/></a>",
    BECAUSE_SCRIPT },
  { "SVG Style URL", "", "", "<rect width=\"64\" height=\"64\" style=\"fill: url(HIT)\"/>", BECAUSE_EXTERNAL },
  { "SVG Entity", "<!DOCTYPE svg [<!ENTITY ext SYSTEM \"HIT\">]>\n", "", "<text>&ext;</text>", BECAUSE_OTHER },
};

static char *
with_hit (const char *text,
          const char *hit)
{
  g_auto(GStrv) parts = g_strsplit (text, "HIT", -1);

  return g_strjoinv (hit, parts);
}

static char *
svg_case_payload (guint       n,
                  const char *hit)
{
  return g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"Assertion\", "
                          "\"id\": \"https://issuer.test/assertions/svg-%u\", "
                          "\"recipient\": {\"type\": \"email\", \"hashed\": true, "
                          "\"identity\": \"sha256$0c1b8f1e4b7e2d9f\"}, "
                          "\"badge\": \"https://issuer.test/badge\", \"verification\": {\"type\": \"hosted\"}, "
                          "\"issuedOn\": \"2024-05-12T10:00:00Z\", "
                          "\"note\": \"</script><script>fetch('%s')</script> & <!-- more\"}", n, hit);
}

static CredenceStoreBadge *
make_svg_badge (const SvgCase *c,
                guint          n,
                const char    *hit)
{
  CredenceStoreBadge *badge = credence_store_badge_new ();
  g_autofree char *payload = svg_case_payload (n, hit);
  g_autofree char *prolog = with_hit (c->prolog, hit);
  g_autofree char *attributes = with_hit (c->attributes, hit);
  g_autofree char *body = with_hit (c->body, hit);
  g_autofree char *svg = g_strdup_printf ("%s<svg xmlns=\"http://www.w3.org/2000/svg\" "
                                          "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"64\" "
                                          "height=\"64\"%s><openbadges:assertion xmlns:openbadges=\"%s\">"
                                          "<![CDATA[%s]]></openbadges:assertion>"
                                          "<rect width=\"64\" height=\"64\" fill=\"#1a5fb4\"/>%s</svg>\n",
                                          prolog, attributes, "http://openbadges.org", payload, body);

  badge->credential_id = g_strdup_printf ("https://issuer.test/assertions/svg-%u", n);
  badge->container = g_strdup ("svg");
  badge->spec_version = g_strdup ("2.0");
  badge->original = g_bytes_new (svg, strlen (svg));
  badge->payload = g_bytes_new (payload, strlen (payload));
  badge->name = g_strdup (c->name);
  badge->issuer_name = g_strdup ("Issuer");
  badge->issuer_url = g_strdup ("https://issuer.test/");
  badge->recipient = g_strdup ("sha256$0c1b8f1e4b7e2d9f");
  badge->issued_on = g_strdup ("2024-05-12T10:00:00Z");
  badge->source = g_strdup ("hostile.svg");
  credence_store_badge_add_verification (badge,
                                         credence_store_verification_new (1772524800, TRUE, "valid", NULL,
                                                                          report_valid));
  return badge;
}

/* The real baked SVG badge of the corpus, a plain picture. */
static CredenceStoreBadge *
make_clean_svg_badge (GBytes **out_original)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", "1edtech-dc-public-validator",
                                                 "ob30", "simple-json.svg", NULL);
  g_autoptr(GBytes) bytes = credence_test_read_file (path);
  g_autoptr(CredenceBadge) parsed = NULL;
  g_autoptr(GError) error = NULL;
  CredenceStoreBadge *badge = credence_store_badge_new ();

  parsed = credence_badge_new_from_bytes (bytes, "simple-json.svg", &error);
  g_assert_no_error (error);

  /* Another id than the PNG of the same credential, which fill_store()
   * adds: the store would take them for one badge. */
  badge->credential_id = g_strconcat (credence_badge_get_id (parsed), "#svg", NULL);
  badge->container = g_strdup ("svg");
  badge->spec_version = g_strdup ("3.0");
  badge->original = g_bytes_ref (bytes);
  badge->payload = g_bytes_ref (credence_badge_get_payload (parsed));
  badge->name = g_strdup ("Clean SVG Badge");
  badge->issuer_name = g_strdup (credence_badge_get_issuer_name (parsed));
  badge->issuer_url = g_strdup ("https://issuer.example.org/");
  badge->recipient = g_strdup ("did:example:ebfeb1f712ebc6f1c276e12ec21");
  badge->issued_on = g_strdup ("2010-01-01T00:00:00Z");
  credence_store_badge_add_verification (badge,
                                         credence_store_verification_new (1772524800, TRUE, "valid", NULL,
                                                                          report_valid));
  if (out_original != NULL)
    *out_original = g_bytes_ref (bytes);
  return badge;
}

typedef struct
{
  char *hostile_uid;
  char *huge_uid;
  char *baked_uid;
  char *name_text;      /* the hostile name as given */
  char *huge_name;
} Corpus;

static void
corpus_clear (Corpus *c)
{
  g_free (c->hostile_uid);
  g_free (c->huge_uid);
  g_free (c->baked_uid);
  g_free (c->name_text);
  g_free (c->huge_name);
}

static char *
add (CredenceStore      *store,
     CredenceStoreBadge *badge)
{
  g_autoptr(GError) error = NULL;
  char *uid;

  g_assert_true (credence_store_add_badge (store, badge, &error));
  g_assert_no_error (error);
  uid = g_strdup (badge->uid);
  credence_store_badge_free (badge);
  return uid;
}

/* The SVG badges of svg_cases and the clean one (last) in a collection
 * "Badge Files", In Portfolio with every field and the badge files.
 * Returns their ids. */
static GPtrArray *
fill_svg_badges (CredenceStore  *store,
                 const char     *hit,
                 GBytes        **out_clean)
{
  g_autoptr(CredenceCollection) collection = credence_collection_new ("Badge Files");
  g_autoptr(GError) error = NULL;
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (svg_cases); i++)
    g_ptr_array_add (uids, add (store, make_svg_badge (&svg_cases[i], i, hit)));
  g_ptr_array_add (uids, add (store, make_clean_svg_badge (out_clean)));

  credence_collection_set_visibility (collection, CREDENCE_VISIBILITY_PORTFOLIO);
  credence_collection_set_disclosure (collection, CREDENCE_DISCLOSURE_ALL);
  for (guint i = 0; i < uids->len; i++)
    credence_collection_add (collection, g_ptr_array_index (uids, i));
  g_assert_true (credence_store_save_collection (store, collection, &error));
  g_assert_no_error (error);
  return uids;
}

/* Four badges (hostile, 1 MB name, revoked, real baked PNG) in the
 * collection "Portfolio", In Portfolio with @disclosure. */
static void
fill_store (CredenceStore      *store,
            const char         *hit,
            CredenceDisclosure  disclosure,
            Corpus             *c)
{
  g_autofree char *text = hostile_text (hit);
  g_autofree char *svg = hostile_svg_uri (hit);
  g_autofree char *payload = ob2_payload (text, "javascript:fetch('/evidence')", svg);
  g_autoptr(GString) huge = g_string_sized_new (1024 * 1024 + 64);
  g_autofree char *huge_payload = NULL;
  g_autofree char *revoked_payload = NULL;
  g_autoptr(CredenceCollection) collection = credence_collection_new ("Portfolio <b>&amp;</b>");
  g_autofree char *revoked_uid = NULL;
  g_autoptr(GError) error = NULL;

  c->name_text = g_strconcat (text, " broken \xff\xfe\xc3( end", NULL);
  c->hostile_uid = add (store, make_badge (c->name_text, text, text, payload, svg, "valid", NULL));

  while (huge->len < 1024 * 1024)
    g_string_append (huge, "Very long name \u202E ");
  c->huge_name = g_strdup (huge->str);
  huge_payload = ob2_payload (huge->str, "https://issuer.test/assertion", "https://issuer.test/image.png");
  c->huge_uid = add (store, make_badge (huge->str, huge->str, huge->str, huge_payload,
                                        "https://issuer.test/image.png", "indeterminate", "unreachable"));

  revoked_payload = ob2_payload ("Withdrawn Badge", "https://issuer.test/withdrawn", svg);
  revoked_uid = add (store, make_badge ("Withdrawn Badge", "Revoked.", "Issuer", revoked_payload, svg,
                                        "invalid", "revoked"));
  c->baked_uid = add (store, make_baked_badge ());

  credence_collection_set_visibility (collection, CREDENCE_VISIBILITY_PORTFOLIO);
  credence_collection_set_disclosure (collection, disclosure);
  credence_collection_set_description (collection, text);
  credence_collection_add (collection, c->hostile_uid);
  credence_collection_add (collection, c->huge_uid);
  credence_collection_add (collection, revoked_uid);
  credence_collection_add (collection, c->baked_uid);
  g_assert_true (credence_store_save_collection (store, collection, &error));
  g_assert_no_error (error);
}

static const char *pathway_to_show;

static char *
export_site (CredenceStore *store,
             const char    *folder,
             const char    *base_url,
             CredenceSiteExporter **out_exporter)
{
  g_autoptr(CredenceSiteExporter) exporter = credence_site_exporter_new (store);
  g_autoptr(GError) error = NULL;

  if (pathway_to_show != NULL)
    credence_site_exporter_add_pathway (exporter, pathway_to_show);

  credence_site_exporter_set_owner_name (exporter, "Jane <script>alert(1)</script> Doe");
  g_assert_true (credence_site_exporter_set_base_url (exporter, base_url, &error));
  g_assert_no_error (error);
  g_assert_true (credence_site_exporter_export (exporter, folder, NULL, &error));
  g_assert_no_error (error);
  if (out_exporter != NULL)
    *out_exporter = g_steal_pointer (&exporter);
  return g_strdup (folder);
}

static char *
page_of (const char *uid,
         const char *folder)
{
  g_autoptr(GDir) dir = NULL;
  g_autofree char *badges = g_build_filename (folder, "badges", NULL);
  g_autofree char *suffix = NULL;
  const char *name;
  char id[13] = { 0 };
  guint n = 0;

  for (const char *p = uid; *p != '\0' && n < 12; p++)
    if (g_ascii_isalnum (*p))
      id[n++] = g_ascii_tolower (*p);
  suffix = g_strdup_printf ("-%s.html", id);

  dir = g_dir_open (badges, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, suffix))
      return g_strconcat ("badges/", name, NULL);
  return NULL;
}

static void
on_check_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

/* Runs tests/check-site.py; returns its exit status. */
static int
run_checker (const char * const *extra_args)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-site.py", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_ptr_array_add (argv, (char *)"python3");
  g_ptr_array_add (argv, script);
  for (guint i = 0; extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)extra_args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *)argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, on_check_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
test_site_hostile (Fixture       *f,
                   gconstpointer  data)
{
  TestServer *server = test_server_new ();
  g_autofree char *hit = test_server_url (server, "/hit");
  g_autofree char *control = test_server_url (server, "/control");
  g_autofree char *folder = g_build_filename (f->dir, "site", NULL);
  g_autofree char *expect_path = g_build_filename (f->dir, "expect.json", NULL);
  g_autofree char *screenshots = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL
                                                   ? g_getenv ("G_TEST_BUILDDIR") : ".", "screenshots", NULL);
  g_autoptr(CredenceSiteExporter) exporter = NULL;
  g_autoptr(JsonBuilder) expect = json_builder_new ();
  g_autoptr(JsonNode) expect_root = NULL;
  g_autofree char *expect_json = NULL;
  g_autofree char *hostile_page = NULL;
  g_autofree char *huge_page = NULL;
  g_autofree char *baked_page = NULL;
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_text = NULL;
  g_autofree char *clean_huge = NULL;
  g_autofree char *found = NULL;
  g_autoptr(GError) error = NULL;
  const char *needles[] = { ADDRESS, NULL };
  g_autoptr(GPtrArray) svg_uids = NULL;
  g_autofree char *svg_script_page = NULL;
  g_autofree char *svg_clean_page = NULL;
  Corpus c = { 0 };
  GPtrArray *left_out;
  int status;

  test_server_add_string (server, "/hit", 200, "text/plain", "hit");
  test_server_add_string (server, "/control", 200, "text/plain", "control");

  fill_store (f->store, hit, CREDENCE_DISCLOSURE_DEFAULT, &c);
  /* Baked SVG badges whose files are shared: the hostile originals stay
   * out, the clean one is opened directly in chromium by the checker. */
  svg_uids = fill_svg_badges (f->store, hit, NULL);

  /* A pathway with hostile text, one step met by an exported badge. */
  {
    g_autoptr(CredencePathway) pathway = credence_pathway_new ("Data <i>Analyst</i>");
    g_autoptr(CredenceStoreBadge) baked = credence_store_get_badge (f->store, c.baked_uid, &error);
    g_autofree char *text = hostile_text (hit);
    g_autofree char *pathway_uid = NULL;

    g_autoptr(CredencePathwayStep) badge_step = NULL;
    g_autoptr(CredencePathwayStep) manual_step = NULL;

    g_assert_no_error (error);
    badge_step = credence_pathway_step_new_badge ("Teamwork step", baked->credential_id);
    manual_step = credence_pathway_step_new_manual (text, TRUE);
    credence_pathway_set_description (pathway, text);
    g_assert_true (credence_pathway_step_append_child (credence_pathway_get_root (pathway), badge_step));
    g_assert_true (credence_pathway_step_append_child (credence_pathway_get_root (pathway), manual_step));
    pathway_uid = credence_store_add_pathway (f->store, pathway, &error);
    g_assert_no_error (error);
    g_assert_nonnull (pathway_uid);
  }
  pathway_to_show = "Data <i>Analyst</i>";
  g_free (export_site (f->store, folder, "https://example.org/jane/", &exporter));
  pathway_to_show = NULL;

  /* The revoked badge is left out and listed. */
  g_assert_cmpuint (credence_site_exporter_get_n_badges (exporter), ==, 3 + svg_uids->len);
  left_out = credence_site_exporter_get_left_out (exporter);
  g_assert_cmpuint (left_out->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (left_out, 0), ==, "Withdrawn Badge: Revoked by Issuer");

  /* No recipient address anywhere (not in pages, not in pictures: the
   * baked PNG is drawn again, without its badge data). */
  found = credence_test_dir_find_text (folder, needles);
  g_assert_null (found);

  hostile_page = page_of (c.hostile_uid, folder);
  huge_page = page_of (c.huge_uid, folder);
  baked_page = page_of (c.baked_uid, folder);
  g_assert_nonnull (hostile_page);
  g_assert_nonnull (huge_page);
  g_assert_nonnull (baked_page);

  /* The browser must show the hostile text as text, cleaned as
   * credence_html_clean_text() says. */
  clean_name = credence_html_clean_text (c.name_text, 300);
  {
    g_autofree char *text = hostile_text (hit);

    clean_text = credence_html_clean_text (text, 0);
  }
  clean_huge = credence_html_clean_text (c.huge_name, 300);
  json_builder_begin_object (expect);
  json_builder_set_member_name (expect, hostile_page);
  json_builder_begin_array (expect);
  json_builder_add_string_value (expect, clean_name);
  json_builder_add_string_value (expect, clean_text);
  json_builder_end_array (expect);
  json_builder_set_member_name (expect, huge_page);
  json_builder_begin_array (expect);
  json_builder_add_string_value (expect, clean_huge);
  json_builder_end_array (expect);
  svg_script_page = page_of (g_ptr_array_index (svg_uids, 0), folder);
  svg_clean_page = page_of (g_ptr_array_index (svg_uids, svg_uids->len - 1), folder);
  json_builder_set_member_name (expect, svg_script_page);
  json_builder_begin_array (expect);
  json_builder_add_string_value (expect, "The original picture file of this badge is not included: " BECAUSE_SCRIPT ".");
  json_builder_add_string_value (expect, "Download Badge Data");
  json_builder_end_array (expect);
  json_builder_set_member_name (expect, svg_clean_page);
  json_builder_begin_array (expect);
  json_builder_add_string_value (expect, "Download Badge File");
  json_builder_end_array (expect);
  json_builder_set_member_name (expect, "index.html");
  json_builder_begin_array (expect);
  json_builder_add_string_value (expect, "Jane <script>alert(1)</script> Doe");
  json_builder_add_string_value (expect, clean_text);
  json_builder_add_string_value (expect, "Data <i>Analyst</i>");
  json_builder_add_string_value (expect, "2 of 2 steps complete");
  json_builder_end_array (expect);
  json_builder_end_object (expect);
  expect_root = json_builder_get_root (expect);
  expect_json = json_to_string (expect_root, TRUE);
  g_assert_true (g_file_set_contents (expect_path, expect_json, -1, &error));
  g_assert_no_error (error);

  {
    const char *args[] = { folder, "--base-url", "https://example.org/jane/", "--chromium",
                           "--expect", expect_path, "--screenshots", screenshots,
                           "--control-url", control, NULL };

    status = run_checker (args);
  }

  if (status == 77)
    {
      /* The structure was still checked; only the browser is missing. */
      const char *args[] = { folder, "--base-url", "https://example.org/jane/", NULL };

      g_assert_cmpint (run_checker (args), ==, 0);
      g_test_skip ("chromium is not installed: install Debian’s chromium to load the pages in a browser");
    }
  else
    {
      g_test_message ("requests to the canary: %u, to the control: %u", test_server_get_hits (server, "/hit"),
                      test_server_get_hits (server, "/control"));
      g_assert_cmpint (status, ==, 0);
      /* The control page reached the server, so a payload would have too. */
      g_assert_cmpuint (test_server_get_hits (server, "/control"), >=, 1);
      g_assert_cmpuint (test_server_get_hits (server, "/hit"), ==, 0);
    }

  corpus_clear (&c);
  test_server_free (server);
}

/* Which badge files each SVG badge gets, and what its page says. */
static void
test_site_svg_files (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "site", NULL);
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(GPtrArray) uids = fill_svg_badges (f->store, "http://127.0.0.1:9/hit", &clean);
  g_autoptr(CredenceSiteExporter) exporter = NULL;
  GPtrArray *withheld;

  g_free (export_site (f->store, folder, NULL, &exporter));

  withheld = credence_site_exporter_get_files_withheld (exporter);
  g_assert_cmpuint (withheld->len, ==, G_N_ELEMENTS (svg_cases));

  for (guint i = 0; i < uids->len; i++)
    {
      g_autofree char *page = page_of (g_ptr_array_index (uids, i), folder);
      g_autofree char *page_path = g_build_filename (folder, page, NULL);
      g_autofree char *slug = g_strndup (page + strlen ("badges/"), strlen (page) - strlen ("badges/.html"));
      g_autofree char *svg_path = g_strdup_printf ("%s/files/%s.svg", folder, slug);
      g_autofree char *json_path = g_strdup_printf ("%s/files/%s.json", folder, slug);
      g_autofree char *svg_link = g_strdup_printf ("<a href=\"../files/%s.svg\" download=\"\">", slug);
      g_autofree char *json_link = g_strdup_printf ("<a href=\"../files/%s.json\" download=\"\">", slug);
      g_autofree char *html = NULL;

      g_assert_true (g_file_get_contents (page_path, &html, NULL, NULL));

      if (i < G_N_ELEMENTS (svg_cases))
        {
          const SvgCase *c = &svg_cases[i];
          g_autofree char *because = g_strdup_printf ("The original picture file of this badge is not included: "
                                                      "%s.", c->because);
          g_autofree char *line = g_strdup_printf ("%s: %s", c->name, c->because);
          g_autofree char *expected_payload = svg_case_payload (i, "http://127.0.0.1:9/hit");
          g_autoptr(GBytes) written = NULL;
          g_autoptr(JsonParser) written_parser = json_parser_new ();
          g_autoptr(JsonParser) payload_parser = json_parser_new ();
          g_autoptr(GError) error = NULL;
          gsize length = 0;
          const char *json;

          /* Not copied; the page says why and offers the data. */
          g_test_message ("%s", c->name);
          g_assert_false (g_file_test (svg_path, G_FILE_TEST_EXISTS));
          g_assert_null (strstr (html, ".svg"));
          g_assert_nonnull (strstr (html, because));
          g_assert_nonnull (strstr (html, json_link));
          g_assert_nonnull (strstr (html, "Download Badge Data"));
          g_assert_cmpstr (g_ptr_array_index (withheld, i), ==, line);

          /* The data as issued: the same JSON, with no markup characters
           * left even though the payload holds </script> and <!--. */
          written = credence_test_read_file (json_path);
          json = g_bytes_get_data (written, &length);
          g_assert_null (memchr (json, '<', length));
          g_assert_null (memchr (json, '>', length));
          g_assert_null (memchr (json, '&', length));
          g_assert_true (json_parser_load_from_data (written_parser, json, (gssize)length, &error));
          g_assert_no_error (error);
          g_assert_true (json_parser_load_from_data (payload_parser, expected_payload, -1, &error));
          g_assert_no_error (error);
          g_assert_true (json_node_equal (json_parser_get_root (written_parser),
                                          json_parser_get_root (payload_parser)));
        }
      else
        {
          g_autoptr(GBytes) copied = credence_test_read_file (svg_path);

          /* The plain baked picture, byte for byte: it carries the badge. */
          g_assert_true (g_bytes_equal (copied, clean));
          g_assert_false (g_file_test (json_path, G_FILE_TEST_EXISTS));
          g_assert_nonnull (strstr (html, svg_link));
          g_assert_nonnull (strstr (html, "Download Badge File"));
          g_assert_null (strstr (html, "not included"));
        }
    }

  {
    const char *args[] = { folder, NULL };

    g_assert_cmpint (run_checker (args), ==, 0);
  }
}

static GHashTable *
read_tree (const char *root,
           const char *relative,
           GHashTable *files)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (files == NULL)
    files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_bytes_unref);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = *relative != '\0' ? g_build_filename (relative, name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (root, child, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        read_tree (root, child, files);
      else
        g_hash_table_insert (files, g_steal_pointer (&child), credence_test_read_file (full));
    }
  return files;
}

static void
assert_same_tree (const char *a,
                  const char *b)
{
  g_autoptr(GHashTable) first = read_tree (a, "", NULL);
  g_autoptr(GHashTable) second = read_tree (b, "", NULL);
  GHashTableIter iter;
  gpointer name, bytes;

  g_assert_cmpuint (g_hash_table_size (first), ==, g_hash_table_size (second));
  g_hash_table_iter_init (&iter, first);
  while (g_hash_table_iter_next (&iter, &name, &bytes))
    {
      GBytes *other = g_hash_table_lookup (second, name);

      if (other == NULL || !g_bytes_equal (bytes, other))
        g_error ("%s differs between two exports", (char *)name);
    }
}

static void
test_site_deterministic (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *a = g_build_filename (f->dir, "a", NULL);
  g_autofree char *b = g_build_filename (f->dir, "b", NULL);
  Corpus c = { 0 };

  fill_store (f->store, "http://127.0.0.1:9/hit", CREDENCE_DISCLOSURE_ALL, &c);
  g_free (export_site (f->store, a, "https://example.org/", NULL));
  g_free (export_site (f->store, b, "https://example.org/", NULL));
  assert_same_tree (a, b);

  /* Exporting again over an earlier export gives the same folder. */
  g_free (export_site (f->store, a, "https://example.org/", NULL));
  assert_same_tree (a, b);

  /* The address and the name are remembered (for LinkedIn links). */
  {
    g_autofree char *base_url = credence_store_dup_meta (f->store, CREDENCE_SITE_META_BASE_URL, NULL);
    g_autofree char *name = credence_store_dup_meta (f->store, CREDENCE_SITE_META_OWNER_NAME, NULL);

    g_assert_cmpstr (base_url, ==, "https://example.org/");
    g_assert_cmpstr (name, ==, "Jane <script>alert(1)</script> Doe");
  }

  corpus_clear (&c);
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_site_disclosure (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "site", NULL);
  g_autofree char *files = g_build_filename (folder, "files", NULL);
  g_autofree char *page = NULL;
  g_autofree char *page_path = NULL;
  g_autofree char *html = NULL;
  g_autoptr(CredenceCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  const char *needles[] = { ADDRESS, NULL };
  g_autofree char *found = NULL;
  Corpus c = { 0 };

  /* Nothing but the name and issuer. */
  fill_store (f->store, "http://127.0.0.1:9/hit", 0, &c);
  g_free (export_site (f->store, folder, NULL, NULL));
  page = page_of (c.baked_uid, folder);
  page_path = g_build_filename (folder, page, NULL);
  g_assert_true (g_file_get_contents (page_path, &html, NULL, NULL));
  g_assert_null (strstr (html, "Verification"));
  g_assert_null (strstr (html, "Issued</dt>"));
  g_assert_null (strstr (html, "Description</h2>"));
  g_assert_null (strstr (html, "og:image"));
  g_assert_nonnull (strstr (html, "noindex"));
  found = credence_test_dir_find_text (folder, needles);
  g_assert_null (found);
  g_assert_cmpuint (count_files (files), ==, 0);
  g_clear_pointer (&html, g_free);

  /* The learner shows who it was issued to and the badge files. */
  collection = credence_store_get_collection (f->store, "Portfolio <b>&amp;</b>", &error);
  g_assert_no_error (error);
  credence_collection_set_disclosure (collection, CREDENCE_DISCLOSURE_ALL);
  g_assert_true (credence_store_save_collection (f->store, collection, &error));
  g_assert_no_error (error);
  g_free (export_site (f->store, folder, NULL, NULL));
  g_assert_true (g_file_get_contents (page_path, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "<dd dir=\"auto\">" ADDRESS "</dd>"));
  g_assert_nonnull (strstr (html, "Verification"));
  g_assert_nonnull (strstr (html, "download=\"\""));
  g_assert_nonnull (strstr (html, "Valid</span> Checked by Credence on <time datetime=\"2026-03-03\">"));
  g_assert_nonnull (strstr (html, "to this person, unchanged, not withdrawn."));

  g_assert_cmpuint (count_files (files), ==, 3);

  corpus_clear (&c);
}

static void
test_site_folder (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "mine", NULL);
  g_autofree char *own = g_build_filename (folder, "notes.txt", NULL);
  g_autofree char *site = g_build_filename (f->dir, "site", NULL);
  g_autofree char *index = g_build_filename (folder, "index.html", NULL);
  g_autofree char *page = NULL;
  g_autofree char *page_path = NULL;
  g_autoptr(CredenceSiteExporter) exporter = credence_site_exporter_new (f->store);
  g_autoptr(CredenceCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  Corpus c = { 0 };

  fill_store (f->store, "http://127.0.0.1:9/hit", CREDENCE_DISCLOSURE_DEFAULT, &c);

  /* A folder of the learner's own files is not written over. */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (own, "mine", -1, NULL));
  g_assert_false (credence_site_exporter_export (exporter, folder, NULL, &error));
  g_assert_error (error, CREDENCE_SITE_ERROR, CREDENCE_SITE_ERROR_FOLDER_NOT_EMPTY);
  g_clear_error (&error);
  g_assert_true (g_file_test (own, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (index, G_FILE_TEST_EXISTS));

  /* A badge taken out of the portfolio disappears from an earlier export. */
  g_free (export_site (f->store, site, NULL, NULL));
  page = page_of (c.baked_uid, site);
  page_path = g_build_filename (site, page, NULL);
  g_assert_true (g_file_test (page_path, G_FILE_TEST_IS_REGULAR));
  collection = credence_store_get_collection (f->store, "Portfolio <b>&amp;</b>", &error);
  g_assert_no_error (error);
  credence_collection_remove (collection, c.baked_uid);
  g_assert_true (credence_store_save_collection (f->store, collection, &error));
  g_free (export_site (f->store, site, NULL, NULL));
  g_assert_false (g_file_test (page_path, G_FILE_TEST_EXISTS));

  corpus_clear (&c);
}

static void
test_site_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CredenceSiteExporter) exporter = credence_site_exporter_new (f->store);
  g_autoptr(CredenceSiteExporter) unknown = credence_site_exporter_new (f->store);
  g_autofree char *folder = g_build_filename (f->dir, "site", NULL);
  g_autoptr(GError) error = NULL;
  static const char * const bad_urls[] = {
    "javascript:alert(1)", "ftp://example.org/", "example.org", "https://example.org/?q=1", "file:///tmp/",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      g_assert_false (credence_site_exporter_set_base_url (exporter, bad_urls[i], &error));
      g_assert_error (error, CREDENCE_SITE_ERROR, CREDENCE_SITE_ERROR_BAD_BASE_URL);
      g_clear_error (&error);
    }

  /* No collection In Portfolio: a clear error, no folder. */
  g_assert_false (credence_site_exporter_export (exporter, folder, NULL, &error));
  g_assert_error (error, CREDENCE_SITE_ERROR, CREDENCE_SITE_ERROR_NOTHING_TO_EXPORT);
  g_clear_error (&error);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  credence_site_exporter_add_collection (unknown, "No Such Collection");
  g_assert_false (credence_site_exporter_export (unknown, folder, NULL, &error));
  g_assert_error (error, CREDENCE_SITE_ERROR, CREDENCE_SITE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

/* credence-cli export site, on a collection the CLI made. */
static void
test_site_cli (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *site = g_build_filename (dir, "site", NULL);
  g_autofree char *index = g_build_filename (site, "index.html", NULL);
  g_autofree char *badge = g_test_build_filename (G_TEST_DIST, "data", "corpus", "1edtech-dc-public-validator",
                                                  "ob30", "simple-json.png", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *html = NULL;

  {
    const char *args[] = { "--data-dir", data, "import", "--offline", badge, NULL };
    /* Added, and Couldn’t Check offline (exit status 3). */
    g_assert_cmpint (credence_test_run_cli (NULL, args, NULL, NULL), ==, 3);
  }
  {
    const char *args[] = { "--data-dir", data, "export", "site", site, NULL };
    /* No collection In Portfolio yet: a usage error that says what to do. */
    g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "In Portfolio"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *create[] = { "--data-dir", data, "collection", "create", "Job Hunt", "--visibility", "portfolio", NULL };
    const char *list[] = { "--data-dir", data, "list", "--json", NULL };
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    const char *uid;

    g_assert_cmpint (credence_test_run_cli (NULL, create, NULL, NULL), ==, 0);
    g_assert_cmpint (credence_test_run_cli (NULL, list, &out, NULL), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
    uid = json_object_get_string_member (json_array_get_object_element (
                                           json_node_get_array (json_parser_get_root (parser)), 0), "id");
    {
      const char *add[] = { "--data-dir", data, "collection", "add", "Job Hunt", uid, NULL };
      g_assert_cmpint (credence_test_run_cli (NULL, add, NULL, NULL), ==, 0);
    }
    g_clear_pointer (&out, g_free);
  }
  {
    const char *bad[] = { "--data-dir", data, "export", "site", site, "--base-url", "javascript:alert(1)", NULL };
    g_assert_cmpint (credence_test_run_cli (NULL, bad, NULL, &err), ==, 2);
    g_assert_nonnull (strstr (err, "base URL"));
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--data-dir", data, "export", "site", site, "--name", "Jane Doe",
                           "--base-url", "https://example.org/jane", NULL };
    g_assert_cmpint (credence_test_run_cli (NULL, args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "1 badge page"));
  }
  g_assert_true (g_file_get_contents (index, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "<h1 dir=\"auto\">Jane Doe</h1>"));
  g_assert_nonnull (strstr (html, "https://example.org/jane/images/preview-index.png"));
  g_assert_nonnull (strstr (html, "Teamwork"));

  credence_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/site-export/" path, Fixture, NULL, credence_test_store_set_up, func, credence_test_store_tear_down)

  ADD ("hostile", test_site_hostile);
  ADD ("deterministic", test_site_deterministic);
  ADD ("disclosure", test_site_disclosure);
  ADD ("folder", test_site_folder);
  ADD ("errors", test_site_errors);
  ADD ("svg-files", test_site_svg_files);
  g_test_add_func ("/site-export/cli", test_site_cli);

  return g_test_run ();
}
