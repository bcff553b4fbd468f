/* credence-test-utils.c: helpers shared by the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <string.h>

#include "credence-keyring.h"
#include "credence-test-utils.h"

void
credence_test_store_set_up (CredenceTestStore *f,
                            gconstpointer      data)
{
  g_autoptr(GError) error = NULL;

  f->dir = credence_test_make_temp_dir ();
  f->path = g_build_filename (f->dir, CREDENCE_STORE_FILE_NAME, NULL);
  f->key = credence_keyring_new_random_key ();
  f->store = credence_store_open (f->path, f->key, &error);
  g_assert_no_error (error);
}

void
credence_test_store_tear_down (CredenceTestStore *f,
                               gconstpointer      data)
{
  if (f->store != NULL)
    g_assert_finalize_object (f->store);
  credence_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_bytes_unref (f->key);
}

/* Closes and reopens the collection with the same key. */
void
credence_test_store_reopen (CredenceTestStore *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (f->store);
  f->store = credence_store_open (f->path, f->key, &error);
  g_assert_no_error (error);
}

char *
credence_test_make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("credence-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @dir and everything below it. */
void
credence_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        credence_test_remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

GBytes *
credence_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static gboolean
contains (GBytes        *haystack,
          gconstpointer  needle,
          gsize          n)
{
  gsize len;
  const char *data = g_bytes_get_data (haystack, &len);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

gboolean
credence_test_bytes_contain (GBytes     *haystack,
                             const char *needle)
{
  return contains (haystack, needle, strlen (needle));
}

/* Looks for each of @needles in every file below @dir (also as UTF-16,
 * the other encoding SQLite can store text in).  Returns "file: needle"
 * for the first one found, or %NULL.
 */
char *
credence_test_dir_find_text (const char         *dir,
                             const char * const *needles)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GBytes) contents = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          char *found = credence_test_dir_find_text (path, needles);

          if (found != NULL)
            return found;
          continue;
        }

      contents = credence_test_read_file (path);
      for (gsize i = 0; needles[i] != NULL; i++)
        {
          glong units = 0;
          g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (needles[i], -1, NULL, &units, NULL);

          if (credence_test_bytes_contain (contents, needles[i]))
            return g_strdup_printf ("%s: %s", path, needles[i]);

          /* UTF-16 in this machine's byte order. */
          if (utf16 != NULL && contains (contents, utf16, units * sizeof (gunichar2)))
            return g_strdup_printf ("%s: %s (UTF-16)", path, needles[i]);
        }
    }

  return NULL;
}

/* Maps each file name below @dir to its bytes.  SQLite's -shm file is
 * left out: it is a shared-memory index that every reader of an open
 * database writes to, not data.
 */
GHashTable *
credence_test_snapshot_dir (const char *dir)
{
  GHashTable *snapshot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_str_has_suffix (name, "-shm"))
        continue;
      g_hash_table_insert (snapshot, g_strdup (name), credence_test_read_file (path));
    }

  return snapshot;
}

/* Asserts that @dir holds exactly the files of @snapshot, byte for byte. */
void
credence_test_assert_dir_unchanged (const char *dir,
                                    GHashTable *snapshot)
{
  g_autoptr(GHashTable) now = credence_test_snapshot_dir (dir);
  GHashTableIter iter;
  gpointer name, bytes;

  g_hash_table_iter_init (&iter, snapshot);
  while (g_hash_table_iter_next (&iter, &name, &bytes))
    {
      GBytes *current = g_hash_table_lookup (now, name);

      if (current == NULL)
        g_error ("%s disappeared", (const char *)name);
      if (!g_bytes_equal (current, bytes))
        g_error ("%s changed", (const char *)name);
    }

  g_hash_table_iter_init (&iter, now);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (snapshot, name))
      g_error ("%s appeared", (const char *)name);
}

/* A badge record as the importer makes one: an OB 2.0 hosted assertion
 * with its pinned assertion, BadgeClass and Issuer documents.  The
 * BadgeClass and Issuer documents are the same for every badge, so that
 * tests see them shared.
 */
#define ISSUER_JSON "{\"type\": \"Issuer\", \"name\": \"Example Issuing Academy\"}"

CredenceStoreBadge *
credence_test_make_badge (const char *name,
                          const char *credential_id,
                          const char *verdict,
                          gint64      verified_at)
{
  CredenceStoreBadge *badge = credence_store_badge_new ();
  g_autofree char *payload = NULL;
  g_autofree char *original = NULL;
  g_autoptr(GBytes) issuer = NULL;
  CredenceStoreDocument *doc;

  payload = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", "
                             "\"type\": \"Assertion\", \"id\": \"%s\", "
                             "\"recipient\": {\"type\": \"email\", \"hashed\": false, "
                             "\"identity\": \"learner@example.org\"}, "
                             "\"badge\": \"https://issuer.example.org/badges/%s\"}",
                             credential_id != NULL ? credential_id : "urn:uuid:none", name);
  original = g_strdup_printf ("\x89PNG-with-%s", payload);

  badge->credential_id = g_strdup (credential_id);
  badge->container = g_strdup ("png");
  badge->spec_version = g_strdup ("2.0");
  badge->payload = g_bytes_new (payload, strlen (payload));
  badge->original = g_bytes_new (original, strlen (original));
  badge->name = g_strdup (name);
  badge->description = g_strdup_printf ("Awarded for %s.", name);
  badge->issuer_name = g_strdup ("Example Issuing Academy");
  badge->issuer_url = g_strdup ("https://issuer.example.org");
  badge->recipient = g_strdup ("learner@example.org");
  badge->issued_on = g_strdup ("2024-05-12T10:00:00Z");
  badge->source = g_strdup_printf ("%s.png", name);

  credence_store_badge_add_verification (badge,
                                         credence_store_verification_new (verified_at, TRUE, verdict,
                                                                          g_strcmp0 (verdict, "valid") == 0 ? NULL : "revoked",
                                                                          "{\"verdict\": \"as recorded\"}"));

  doc = credence_store_document_new (credential_id != NULL ? credential_id : "https://issuer.example.org/a",
                                     badge->payload);
  doc->status = 200;
  doc->fetched_at = verified_at;
  credence_store_badge_add_document (badge, doc);

  issuer = g_bytes_new_static (ISSUER_JSON, strlen (ISSUER_JSON));
  doc = credence_store_document_new ("https://issuer.example.org/issuer", issuer);
  doc->status = 200;
  doc->media_type = g_strdup ("application/ld+json");
  doc->fetched_at = verified_at;
  credence_store_badge_add_document (badge, doc);

  return badge;
}

/**
 * credence_test_run_cli:
 * @input: (nullable): text for the child's standard input
 * @args: the arguments after the program name, %NULL-terminated
 * @out: (out): its standard output
 * @err: (out): its standard error
 *
 * Runs $CREDENCE_CLI and waits for it.
 *
 * Returns: its exit status
 */
int
credence_test_run_cli (const char         *input,
                       const char * const *args,
                       char              **out,
                       char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("CREDENCE_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

/* An OB 2.0 issuer "site" on disk: BadgeClass, Issuer and image, served
 * by the verifier's URL map (PREFIX=DIR) for @base (%NULL for
 * CREDENCE_TEST_ISSUER) or by a loopback server at @base.
 * Returns the site folder.
 */
char *
credence_test_write_ob2_site (const char *dir,
                              const char *base)
{
  g_autofree char *site = g_build_filename (dir, "site", NULL);
  g_autofree char *assertions = g_build_filename (site, "assertions", NULL);
  g_autofree char *badge = g_build_filename (site, "badge.json", NULL);
  g_autofree char *issuer = g_build_filename (site, "issuer.json", NULL);
  g_autofree char *image = g_build_filename (site, "badge.png", NULL);
  g_autofree char *heart = g_test_build_filename (G_TEST_DIST, "data", "corpus",
                                                  "1edtech-openbadges-validator-core",
                                                  "public_domain_heart.png", NULL);
  g_autoptr(GBytes) png = credence_test_read_file (heart);

  g_autofree char *badge_json = NULL;
  g_autofree char *issuer_json = NULL;

  if (base == NULL)
    base = CREDENCE_TEST_ISSUER;

  badge_json = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"BadgeClass\", "
                                "\"id\": \"%sbadge.json\", \"name\": \"Loopback Welding\", "
                                "\"description\": \"Welds two pipes on a loopback interface. Earners prepared joints, chose filler metal and shielding gas for the material, held a steady arc through a full pass in every position, and inspected their own welds for porosity, undercut and cracks before an assessor tested a sample to destruction and signed off the result.\", "
                                "\"image\": \"%sbadge.png\", "
                                "\"criteria\": {\"narrative\": \"Weld.\"}, "
                                "\"issuer\": \"%sissuer.json\"}", base, base, base);
  issuer_json = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"Issuer\", "
                                 "\"id\": \"%sissuer.json\", \"name\": \"Test Issuing Academy\", "
                                 "\"url\": \"%s\", \"email\": \"badges@issuer.test\"}", base, base);

  g_assert_cmpint (g_mkdir_with_parents (assertions, 0700), ==, 0);
  g_assert_true (g_file_set_contents (badge, badge_json, -1, NULL));
  g_assert_true (g_file_set_contents (issuer, issuer_json, -1, NULL));
  g_assert_true (g_file_set_contents (image, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL));

  return g_steal_pointer (&site);
}

/* Writes hosted assertions @first … @first + @n - 1 into @site (as the
 * issuer hosts them, revoked or not) and, when @input_dir is not %NULL,
 * the learner's copies into @input_dir.  Returns the URL map
 * specification for the verifier.
 */
char *
credence_test_write_ob2_badges (const char *site,
                                const char *base,
                                const char *input_dir,
                                guint       first,
                                guint       n,
                                gboolean    revoked)
{
  if (base == NULL)
    base = CREDENCE_TEST_ISSUER;

  if (input_dir != NULL)
    g_assert_cmpint (g_mkdir_with_parents (input_dir, 0700), ==, 0);

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%05u.json", i);
      g_autofree char *hosted_path = g_build_filename (site, "assertions", name, NULL);
      g_autofree char *json = NULL;

      json = g_strdup_printf ("{\"@context\": \"https://w3id.org/openbadges/v2\", "
                              "\"type\": \"Assertion\", "
                              "\"id\": \"%sassertions/%s\", "
                              "\"recipient\": {\"type\": \"email\", \"hashed\": false, "
                              "\"identity\": \"learner%u@example.org\"}, "
                              "\"badge\": \"%sbadge.json\", "
                              "\"verification\": {\"type\": \"hosted\"}, "
                              "\"issuedOn\": \"2024-05-12T10:00:00Z\"%s}",
                              base, name, i, base, revoked ? ", \"revoked\": true" : "");
      g_assert_true (g_file_set_contents (hosted_path, json, -1, NULL));

      if (input_dir != NULL && !revoked)
        {
          g_autofree char *input_path = g_build_filename (input_dir, name, NULL);

          g_assert_true (g_file_set_contents (input_path, json, -1, NULL));
        }
    }

  return g_strdup_printf ("%s=%s", base, site);
}

/* Asserts that the collection is sound and that every stored badge is
 * complete: its bytes, at least one verification and at least
 * @min_documents non-empty pinned documents.  Returns the badge count.
 */
gint64
credence_test_assert_collection_complete (CredenceStore *store,
                                          guint          min_documents)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (credence_store_check_integrity (store, &error));
  g_assert_no_error (error);

  list = credence_store_list_badges (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      const char *uid = ((CredenceStoreBadge *) g_ptr_array_index (list, i))->uid;
      g_autoptr(CredenceStoreBadge) badge = credence_store_get_badge (store, uid, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (badge->original), >, 0);
      g_assert_cmpuint (g_bytes_get_size (badge->payload), >, 0);
      g_assert_cmpuint (badge->history->len, >=, 1);
      g_assert_nonnull (badge->verdict);
      g_assert_cmpuint (badge->documents->len, >=, min_documents);
      for (guint j = 0; j < badge->documents->len; j++)
        g_assert_cmpuint (g_bytes_get_size (((CredenceStoreDocument *) badge->documents->pdata[j])->bytes), >, 0);
    }

  return list->len;
}
