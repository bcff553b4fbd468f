/* test-document-set.c: pinned documents survive a save and restore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-document-set.h"

static CredenceDocument *
make_doc (const char *url,
          const char *final_url,
          guint       status,
          const char *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GDateTime) when = g_date_time_new_utc (2024, 5, 6, 7, 8, 9.5);

  return credence_document_new (url, final_url, status, when, bytes);
}

static void
count_cb (CredenceDocument *document,
          gpointer          user_data)
{
  GString *order = user_data;

  g_string_append_printf (order, "%s|", credence_document_get_url (document));
}

static void
test_roundtrip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceDocumentSet) set = credence_document_set_new ();
  g_autoptr(CredenceDocumentSet) back = NULL;
  g_autoptr(CredenceDocument) a = make_doc ("https://a.example/x", "https://a.example/y", 200, "{}");
  g_autoptr(CredenceDocument) b = make_doc ("https://b.example/", NULL, 410, "\x01\x02 binary");
  g_autoptr(CredenceDocument) found = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GString) order = g_string_new (NULL);

  credence_document_set_add (set, a);
  credence_document_set_add (set, b);
  g_assert_cmpuint (credence_document_set_get_size (set), ==, 2);

  /* Found by the URL asked for and by the URL that answered. */
  found = credence_document_set_lookup (set, "https://a.example/y");
  g_assert_true (found == a);
  g_clear_pointer (&found, credence_document_unref);
  g_assert_null (credence_document_set_lookup (set, "https://c.example/"));

  saved = credence_document_set_to_bytes (set);
  back = credence_document_set_new_from_bytes (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (credence_document_set_get_size (back), ==, 2);

  found = credence_document_set_lookup (back, "https://b.example/");
  g_assert_nonnull (found);
  g_assert_cmpuint (credence_document_get_status (found), ==, 410);
  g_assert_cmpstr (credence_document_get_sha256 (found), ==, credence_document_get_sha256 (b));
  g_assert_true (g_bytes_equal (credence_document_get_body (found), credence_document_get_body (b)));
  g_assert_true (g_date_time_equal (credence_document_get_fetched_at (found),
                                    credence_document_get_fetched_at (b)));
  g_clear_pointer (&found, credence_document_unref);
  found = credence_document_set_lookup (back, "https://a.example/y");
  g_assert_nonnull (found);
  g_assert_cmpstr (credence_document_get_url (found), ==, "https://a.example/x");

  credence_document_set_foreach (back, count_cb, order);
  g_assert_cmpstr (order->str, ==, "https://a.example/x|https://b.example/|");
}

static void
test_replace_and_merge (void)
{
  g_autoptr(CredenceDocumentSet) set = credence_document_set_new ();
  g_autoptr(CredenceDocumentSet) other = credence_document_set_new ();
  g_autoptr(CredenceDocument) old = make_doc ("https://a.example/", NULL, 200, "old");
  g_autoptr(CredenceDocument) new = make_doc ("https://a.example/", NULL, 200, "new");
  g_autoptr(CredenceDocument) c = make_doc ("https://c.example/", NULL, 200, "c");
  g_autoptr(CredenceDocument) found = NULL;

  credence_document_set_add (set, old);
  credence_document_set_add (other, new);
  credence_document_set_add (other, c);
  credence_document_set_merge (set, other);
  credence_document_set_merge (set, set);

  g_assert_cmpuint (credence_document_set_get_size (set), ==, 2);
  found = credence_document_set_lookup (set, "https://a.example/");
  g_assert_true (found == new);
}

static void
test_corrupt (void)
{
  const char *bad[] = {
    "",
    "not json",
    "[]",
    "{\"format\": 99, \"documents\": []}",
    "{\"format\": 1, \"documents\": [1]}",
    "{\"format\": 1, \"documents\": [{\"url\": \"https://a/\"}]}",
    /* The body no longer matches its checksum. */
    "{\"format\": 1, \"documents\": [{\"url\": \"https://a/\", \"final_url\": \"https://a/\","
    " \"status\": 200, \"fetched_at\": \"2024-01-01T00:00:00Z\", \"sha256\": \"00\", \"body\": \"e30=\"}]}",
    "{\"format\": 1, \"documents\": [{\"url\": \"https://a/\", \"final_url\": \"https://a/\","
    " \"status\": 200, \"fetched_at\": \"yesterday\", \"sha256\": \"00\", \"body\": \"e30=\"}]}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_bytes_new (bad[i], strlen (bad[i]));
      g_autoptr(CredenceDocumentSet) set = credence_document_set_new_from_bytes (bytes, &error);

      g_assert_error (error, CREDENCE_DOCUMENT_SET_ERROR, CREDENCE_DOCUMENT_SET_ERROR_CORRUPT);
      g_assert_null (set);
    }
}

typedef struct
{
  CredenceDocumentSet *set;
  int                  id;
} ThreadData;

static gpointer
add_many (gpointer data)
{
  ThreadData *td = data;

  for (int i = 0; i < 200; i++)
    {
      g_autofree char *url = g_strdup_printf ("https://t%d.example/%d", td->id, i % 50);
      g_autoptr(CredenceDocument) doc = make_doc (url, NULL, 200, "x");
      g_autoptr(CredenceDocument) found = NULL;

      credence_document_set_add (td->set, doc);
      found = credence_document_set_lookup (td->set, url);
      g_assert_nonnull (found);
    }

  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(CredenceDocumentSet) set = credence_document_set_new ();
  ThreadData data[4];
  GThread *threads[4];

  for (int i = 0; i < 4; i++)
    {
      data[i] = (ThreadData) { set, i };
      threads[i] = g_thread_new ("adder", add_many, &data[i]);
    }
  for (int i = 0; i < 4; i++)
    g_thread_join (threads[i]);

  /* Each thread pinned 50 distinct URLs, re-pinning each four times. */
  g_assert_cmpuint (credence_document_set_get_size (set), ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document-set/roundtrip", test_roundtrip);
  g_test_add_func ("/document-set/replace-and-merge", test_replace_and_merge);
  g_test_add_func ("/document-set/corrupt", test_corrupt);
  g_test_add_func ("/document-set/threads", test_threads);

  return g_test_run ();
}
