/* test-linkedin.c: LinkedIn Add-to-profile and share links give back
 * every field exactly, for tricky names and dates; no dead links.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "credence-export-paths.h"
#include "credence-linkedin.h"
#include "credence-test-utils.h"

/* The query of @url as a table of decoded values; asserts that every
 * name appears once and that nothing but unreserved characters and
 * percent escapes is left raw.
 */
static GHashTable *
decode_query (const char *url,
              const char *prefix)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = NULL;

  g_assert_true (g_str_has_prefix (url, prefix));
  pairs = g_strsplit (url + strlen (prefix), "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *name = NULL;
      char *value;

      g_assert_nonnull (eq);
      for (const char *p = eq + 1; *p != '\0'; p++)
        g_assert_true (g_ascii_isalnum (*p) || strchr ("-._~%", *p) != NULL);
      name = g_strndup (pairs[i], eq - pairs[i]);
      value = g_uri_unescape_string (eq + 1, NULL);
      g_assert_nonnull (value);
      g_assert_false (g_hash_table_contains (params, name));
      g_hash_table_insert (params, g_steal_pointer (&name), value);
    }

  return params;
}

static CredenceStoreBadge *
make_badge (const char *name,
            const char *issuer,
            const char *issued,
            const char *expires,
            const char *id)
{
  CredenceStoreBadge *badge = credence_store_badge_new ();

  badge->uid = g_strdup ("0f3a9c21b4d7e6f80011223344556677");
  badge->name = g_strdup (name);
  badge->issuer_name = g_strdup (issuer);
  badge->issuer_url = g_strdup ("https://issuer.example.org/");
  badge->issued_on = g_strdup (issued);
  badge->expires_on = g_strdup (expires);
  badge->credential_id = g_strdup (id);
  badge->spec_version = g_strdup ("2.0");
  badge->container = g_strdup ("png");

  return badge;
}

static void
test_fields_survive (void)
{
  static const struct {
    const char *name;
    const char *issuer;
    const char *issued;
    const char *expires;
    const char *id;
    const char *issue_year, *issue_month, *exp_year, *exp_month;
  } cases[] = {
    { "C++ & C# \"Pro\" 100% #1 a+b=c", "Smith & Sons, O'Reilly + Co.", "2024-05-12T10:00:00Z",
      "2027-12-31T23:59:59-05:00", "https://issuer.example.org/a?x=1&y=2#frag", "2024", "5", "2027", "12" },
    { "Ünïcødé 学习 — emoji 🎓 / slash \\ back", "École polytechnique fédérale", "2023-01-01",
      NULL, "urn:uuid:0b3c8f2e-4f1a-4c7e-9a55-2d1f6e8b7a90", "2023", "1", NULL, NULL },
    { "  spaces  and\ttabs ", "<script>alert(1)</script>", "1999-11-30T00:00:00+14:00",
      "2000-02", "https://issuer.example.org/%41", "1999", "11", "2000", "2" },
    { "semi;colon=equals?question", "Issuer", "not a date", "2030-13-01", NULL, NULL, NULL, NULL, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CredenceStoreBadge) badge = make_badge (cases[i].name, cases[i].issuer, cases[i].issued,
                                                        cases[i].expires, cases[i].id);
      g_autoptr(GError) error = NULL;
      g_autofree char *page = credence_linkedin_dup_public_url (badge, "https://ada.example.net/portfolio", &error);
      g_autofree char *url = NULL;
      g_autofree char *share = NULL;
      g_autoptr(GHashTable) params = NULL;
      g_autoptr(GHashTable) share_params = NULL;

      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (page, "https://ada.example.net/portfolio/badges/"));
      g_assert_true (g_str_has_suffix (page, "-0f3a9c21b4d7.html"));
      url = credence_linkedin_add_to_profile_url (badge, NULL, page, &error);
      g_assert_no_error (error);

      params = decode_query (url, "https://www.linkedin.com/profile/add?");
      g_assert_cmpstr (g_hash_table_lookup (params, "startTask"), ==, "CERTIFICATION_NAME");
      g_assert_cmpstr (g_hash_table_lookup (params, "name"), ==, cases[i].name);
      g_assert_cmpstr (g_hash_table_lookup (params, "organizationName"), ==, cases[i].issuer);
      g_assert_false (g_hash_table_contains (params, "organizationId"));
      g_assert_cmpstr (g_hash_table_lookup (params, "issueYear"), ==, cases[i].issue_year);
      g_assert_cmpstr (g_hash_table_lookup (params, "issueMonth"), ==, cases[i].issue_month);
      g_assert_cmpstr (g_hash_table_lookup (params, "expirationYear"), ==, cases[i].exp_year);
      g_assert_cmpstr (g_hash_table_lookup (params, "expirationMonth"), ==, cases[i].exp_month);
      g_assert_cmpstr (g_hash_table_lookup (params, "certUrl"), ==, page);
      g_assert_cmpstr (g_hash_table_lookup (params, "certId"), ==, cases[i].id);

      share = credence_linkedin_share_url (page, &error);
      g_assert_no_error (error);
      share_params = decode_query (share, "https://www.linkedin.com/sharing/share-offsite/?");
      g_assert_cmpuint (g_hash_table_size (share_params), ==, 1);
      g_assert_cmpstr (g_hash_table_lookup (share_params, "url"), ==, page);
    }
}

static void
test_organization_id (void)
{
  g_autoptr(CredenceStoreBadge) badge = make_badge ("Welding", "Weld & Co", "2024-05-12", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = credence_linkedin_add_to_profile_url (badge, "1337", NULL, &error);
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *bad = NULL;

  g_assert_no_error (error);
  params = decode_query (url, "https://www.linkedin.com/profile/add?");
  g_assert_cmpstr (g_hash_table_lookup (params, "organizationId"), ==, "1337");
  g_assert_false (g_hash_table_contains (params, "organizationName"));
  g_assert_false (g_hash_table_contains (params, "certUrl"));

  bad = credence_linkedin_add_to_profile_url (badge, "13&37", NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, CREDENCE_LINKEDIN_ERROR, CREDENCE_LINKEDIN_ERROR_INVALID);
}

static void
test_no_dead_links (void)
{
  static const char *not_public[] = {
    "file:///home/ada/site", "javascript:alert(1)", "data:text/html,x", "/relative/path",
    "ftp://example.org/", "https://", "https://user:pw@example.org/", "https://example.org/?q=1", "",
  };
  g_autoptr(CredenceStoreBadge) urn = make_badge ("A", "B", NULL, NULL, "urn:uuid:1234");
  g_autoptr(CredenceStoreBadge) ob3 = make_badge ("A", "B", NULL, NULL, "https://issuer.example.org/vc/1");
  g_autoptr(CredenceStoreBadge) signed_badge = make_badge ("A", "B", NULL, NULL, "https://issuer.example.org/a/1");
  g_autoptr(CredenceStoreBadge) hosted = make_badge ("A", "B", NULL, NULL, "https://issuer.example.org/a/2");
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* Neither a portfolio nor a hosted assertion: a clear error. */
  url = credence_linkedin_dup_public_url (urn, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, CREDENCE_LINKEDIN_ERROR, CREDENCE_LINKEDIN_ERROR_NO_PUBLIC_URL);
  g_clear_error (&error);

  g_free (ob3->spec_version);
  ob3->spec_version = g_strdup ("3.0");
  url = credence_linkedin_dup_public_url (ob3, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, CREDENCE_LINKEDIN_ERROR, CREDENCE_LINKEDIN_ERROR_NO_PUBLIC_URL);
  g_clear_error (&error);

  credence_store_badge_add_verification (signed_badge,
                                         credence_store_verification_new (1, TRUE, "valid", NULL,
                                                                          "{\"format\":\"signed\"}"));
  url = credence_linkedin_dup_public_url (signed_badge, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, CREDENCE_LINKEDIN_ERROR, CREDENCE_LINKEDIN_ERROR_NO_PUBLIC_URL);
  g_clear_error (&error);

  /* A hosted assertion is its own public address. */
  credence_store_badge_add_verification (hosted,
                                         credence_store_verification_new (1, TRUE, "valid", NULL,
                                                                          "{\"format\":\"hosted\"}"));
  url = credence_linkedin_dup_public_url (hosted, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "https://issuer.example.org/a/2");
  g_clear_pointer (&url, g_free);

  for (gsize i = 0; i < G_N_ELEMENTS (not_public); i++)
    {
      url = credence_linkedin_dup_public_url (hosted, not_public[i], &error);
      if (not_public[i][0] == '\0')
        {
          /* An empty portfolio address means "none". */
          g_assert_no_error (error);
          g_clear_pointer (&url, g_free);
          continue;
        }
      g_assert_null (url);
      g_assert_error (error, CREDENCE_EXPORT_ERROR, CREDENCE_EXPORT_ERROR_NOT_PUBLIC);
      g_clear_error (&error);

      /* A page address with a query is fine to share, not as a site root. */
      url = credence_linkedin_share_url (not_public[i], &error);
      if (strchr (not_public[i], '?') != NULL)
        {
          g_assert_no_error (error);
          g_clear_pointer (&url, g_free);
          continue;
        }
      g_assert_null (url);
      g_assert_error (error, CREDENCE_LINKEDIN_ERROR, CREDENCE_LINKEDIN_ERROR_NO_PUBLIC_URL);
      g_clear_error (&error);
    }
}

static void
test_slugs (void)
{
  static const struct { const char *name; const char *slug; } cases[] = {
    { "SQL Basics", "sql-basics-0f3a9c21b4d7" },
    { "École d'été: Ünïcødé!", "ecole-d-ete-unicoede-0f3a9c21b4d7" },
    { "../../etc/passwd", "etc-passwd-0f3a9c21b4d7" },
    { "学习", "badge-0f3a9c21b4d7" },
    { NULL, "badge-0f3a9c21b4d7" },
    { "\xff\xfe broken", "broken-0f3a9c21b4d7" },
    { "<script>alert(1)</script>", "script-alert-1-script-0f3a9c21b4d7" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = credence_export_badge_slug ("0f3a9c21b4d7e6f80011223344556677", cases[i].name);

      g_assert_cmpstr (slug, ==, cases[i].slug);
    }

  {
    g_autofree char *long_name = g_strnfill (1000, 'a');
    g_autofree char *slug = credence_export_badge_slug ("../x/", long_name);
    g_autofree char *path = credence_export_badge_page_path ("abc", "Hi");

    g_assert_cmpuint (strlen (slug), ==, 48 + 1 + 1);
    g_assert_true (g_str_has_suffix (slug, "-x"));
    g_assert_cmpstr (path, ==, "badges/hi-abc.html");
  }
}

/* credence-cli linkedin on a real collection: the remembered organization
 * id and portfolio address, and the error without a public address.
 */
static void
test_cli (void)
{
  g_autofree char *dir = credence_test_make_temp_dir ();
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(CredenceStoreBadge) badge = credence_test_make_badge ("Rock & Roll #1", "urn:uuid:rock", "valid", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *expected_page = NULL;
  int status;

  store = credence_store_open_default (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (credence_store_add_badge (store, badge, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  expected_page = g_strdup_printf ("https://ada.example.net/badges/rock-roll-1-%.12s.html", badge->uid);

  {
    const char *args[] = { "--data-dir", dir, "linkedin", badge->uid, NULL };

    status = credence_test_run_cli (NULL, args, &out, &err);
    g_assert_cmpint (status, ==, 1);
    g_assert_cmpstr (out, ==, "");
    g_assert_nonnull (strstr (err, "no public web address"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--data-dir", dir, "linkedin", "--base-url", "file:///tmp/site", badge->uid, NULL };

    status = credence_test_run_cli (NULL, args, &out, &err);
    g_assert_cmpint (status, ==, 2);
    g_assert_nonnull (strstr (err, "not a public web address"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--data-dir", dir, "linkedin", "--base-url", "https://ada.example.net",
                           "--organization-id", "4242", "--remember", badge->uid, NULL };

    status = credence_test_run_cli (NULL, args, &out, &err);
    g_assert_cmpint (status, ==, 0);
    g_strchomp (out);
    params = decode_query (out, "https://www.linkedin.com/profile/add?");
    g_assert_cmpstr (g_hash_table_lookup (params, "name"), ==, "Rock & Roll #1");
    g_assert_cmpstr (g_hash_table_lookup (params, "organizationId"), ==, "4242");
    g_assert_cmpstr (g_hash_table_lookup (params, "certUrl"), ==, expected_page);
    g_assert_cmpstr (g_hash_table_lookup (params, "certId"), ==, "urn:uuid:rock");
    g_assert_cmpstr (g_hash_table_lookup (params, "issueYear"), ==, "2024");
    g_assert_cmpstr (g_hash_table_lookup (params, "issueMonth"), ==, "5");
    g_clear_pointer (&params, g_hash_table_unref);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    /* Remembered: a prefix of the id is enough, and --share. */
    g_autofree char *prefix = g_strndup (badge->uid, 8);
    const char *args[] = { "--data-dir", dir, "linkedin", "--share", prefix, NULL };

    status = credence_test_run_cli (NULL, args, &out, &err);
    g_assert_cmpint (status, ==, 0);
    g_strchomp (out);
    params = decode_query (out, "https://www.linkedin.com/sharing/share-offsite/?");
    g_assert_cmpstr (g_hash_table_lookup (params, "url"), ==, expected_page);
    g_clear_pointer (&params, g_hash_table_unref);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  credence_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/linkedin/fields-survive", test_fields_survive);
  g_test_add_func ("/linkedin/organization-id", test_organization_id);
  g_test_add_func ("/linkedin/no-dead-links", test_no_dead_links);
  g_test_add_func ("/linkedin/slugs", test_slugs);
  g_test_add_func ("/linkedin/cli", test_cli);

  return g_test_run ();
}
