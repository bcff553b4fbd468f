/* test-loader.c: the document loader against a local server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>

#include "credence-limits.h"
#include "credence-loader.h"
#include "credence-test-server.h"

typedef struct
{
  TestServer     *server;
  CredenceLoader *loader;
  CredenceDocumentSet *pins;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = test_server_new ();
  f->loader = credence_loader_new ();
  f->pins = credence_document_set_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->pins);
  g_assert_finalize_object (f->loader);
  test_server_free (f->server);
}

static CredenceDocument *
fetch (Fixture             *f,
       const char          *path,
       CredenceLoaderFlags  flags,
       GError             **error)
{
  g_autofree char *url = test_server_url (f->server, path);

  return credence_loader_fetch (f->loader, url, flags, f->pins, NULL, error);
}

static void
test_json_by_parsing (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceDocument) doc = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GHashTable) headers = NULL;
  g_autofree char *url = test_server_url (f->server, "/badge");
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "{\"id\": \"x\"}", -1);
  GDateTime *when;

  /* Servers often label JSON as HTML: the body decides. */
  test_server_add_string (f->server, "/badge", 200, "text/html", "{\"id\": \"x\"}");
  node = credence_loader_fetch_json (f->loader, url, CREDENCE_LOADER_FLAGS_NONE, f->pins,
                                     &doc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "id"), ==, "x");

  /* Pinned with everything needed to check again offline. */
  g_assert_cmpuint (credence_document_set_get_size (f->pins), ==, 1);
  g_clear_pointer (&doc, credence_document_unref);
  doc = credence_document_set_lookup (f->pins, url);
  g_assert_nonnull (doc);
  g_assert_cmpstr (credence_document_get_url (doc), ==, url);
  g_assert_cmpstr (credence_document_get_final_url (doc), ==, url);
  g_assert_cmpuint (credence_document_get_status (doc), ==, 200);
  g_assert_cmpstr (credence_document_get_sha256 (doc), ==, sha256);
  when = credence_document_get_fetched_at (doc);
  g_assert_nonnull (when);

  /* A plain request: our User-Agent, nothing that identifies the learner. */
  headers = test_server_dup_request_headers (f->server, "/badge");
  g_assert_cmpstr (g_hash_table_lookup (headers, "user-agent"), ==, "Credence/" PACKAGE_VERSION);
  g_assert_null (g_hash_table_lookup (headers, "cookie"));
  g_assert_null (g_hash_table_lookup (headers, "referer"));
  g_assert_null (g_hash_table_lookup (headers, "authorization"));
  g_assert_nonnull (strstr (g_hash_table_lookup (headers, "accept"), "application/ld+json"));
}

static void
test_not_json (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceDocument) doc = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *url = test_server_url (f->server, "/page");

  /* Labelled as JSON, but an HTML landing page. */
  test_server_add_string (f->server, "/page", 200, "application/json",
                          "<html><body>Your badge</body></html>");
  node = credence_loader_fetch_json (f->loader, url, CREDENCE_LOADER_FLAGS_NONE, f->pins,
                                     &doc, NULL, &error);
  g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_JSON);
  g_assert_null (node);
  g_assert_nonnull (doc);
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  struct { const char *path; guint status; int code; } cases[] = {
    { "/gone", 410, CREDENCE_LOADER_ERROR_GONE },
    { "/missing", 404, CREDENCE_LOADER_ERROR_UNREACHABLE },
    { "/broken", 500, CREDENCE_LOADER_ERROR_UNREACHABLE },
    { "/busy", 503, CREDENCE_LOADER_ERROR_UNREACHABLE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceDocument) doc = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *url = test_server_url (f->server, cases[i].path);

      test_server_add_string (f->server, cases[i].path, cases[i].status, "application/json",
                              "{\"id\": \"y\", \"revoked\": true}");
      node = credence_loader_fetch_json (f->loader, url, CREDENCE_LOADER_FLAGS_NONE, f->pins,
                                         &doc, NULL, &error);
      g_assert_error (error, CREDENCE_LOADER_ERROR, cases[i].code);
      g_assert_null (node);
      /* The answer is kept, so offline gives the same result. */
      g_assert_nonnull (doc);
      g_assert_cmpuint (credence_document_get_status (doc), ==, cases[i].status);
    }
}

static void
test_connection_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) addr = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) sockaddr = g_inet_socket_address_new (addr, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(CredenceDocument) doc = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago and that nobody listens on. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, sockaddr, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/x",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  doc = credence_loader_fetch (f->loader, url, CREDENCE_LOADER_FLAGS_NONE, f->pins, NULL, &error);
  g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_UNREACHABLE);
  g_assert_null (doc);
  g_assert_cmpuint (credence_document_set_get_size (f->pins), ==, 0);
}

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceDocument) doc = NULL;
  g_autofree char *final = test_server_url (f->server, "/r0");

  /* Five redirects are fine, relative or absolute. */
  test_server_add_string (f->server, "/r0", 200, "application/json", "{}");
  for (int i = 1; i <= CREDENCE_LIMIT_HTTP_REDIRECTS + 1; i++)
    {
      g_autofree char *path = g_strdup_printf ("/r%d", i);
      g_autofree char *target = g_strdup_printf ("/r%d", i - 1);
      g_autofree char *absolute = test_server_url (f->server, target);

      test_server_add_redirect (f->server, path, i % 2 ? 302 : 301, i % 2 ? target : absolute);
    }

  doc = fetch (f, "/r5", CREDENCE_LOADER_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credence_document_get_final_url (doc), ==, final);
  g_assert_cmpuint (credence_document_get_status (doc), ==, 200);
  g_clear_pointer (&doc, credence_document_unref);

  /* Six are too many. */
  doc = fetch (f, "/r6", CREDENCE_LOADER_FLAGS_FRESH, &error);
  g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TOO_MANY_REDIRECTS);
  g_assert_null (doc);
  g_clear_error (&error);

  /* A loop is caught. */
  test_server_add_redirect (f->server, "/a", 302, "/b");
  test_server_add_redirect (f->server, "/b", 307, "/a");
  doc = fetch (f, "/a", CREDENCE_LOADER_FLAGS_NONE, &error);
  g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TOO_MANY_REDIRECTS);
  g_assert_cmpuint (test_server_get_hits (f->server, "/a"), ==, 1);
  g_assert_cmpuint (test_server_get_hits (f->server, "/b"), ==, 1);
}

static void
test_schemes (Fixture       *f,
              gconstpointer  data)
{
  const char *targets[] = {
    "file:///etc/passwd",
    "data:application/json,{}",
    "ftp://127.0.0.1/x",
  };
  const char *direct[] = {
    "file:///etc/passwd",
    "data:application/json,{}",
    "FILE:///etc/hostname",
    "/etc/passwd",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceDocument) doc = NULL;

      test_server_add_redirect (f->server, "/away", 302, targets[i]);
      doc = fetch (f, "/away", CREDENCE_LOADER_FLAGS_FRESH, &error);
      g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED);
      g_assert_null (doc);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (direct); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceDocument) doc = NULL;

      doc = credence_loader_fetch (f->loader, direct[i], CREDENCE_LOADER_FLAGS_NONE, f->pins,
                                   NULL, &error);
      g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED);
      g_assert_null (doc);
    }

  /* Credentials in the URL are never sent. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CredenceDocument) doc = NULL;
    g_autofree char *url = g_strdup_printf ("http://user:secret@%s",
                                            test_server_get_base (f->server) + strlen ("http://"));

    doc = credence_loader_fetch (f->loader, url, CREDENCE_LOADER_FLAGS_NONE, f->pins, NULL, &error);
    g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED);
  }

  g_assert_cmpuint (credence_document_set_get_size (f->pins), ==, 0);
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  gboolean declare[] = { TRUE, FALSE };

  /* 50 MB, with and without Content-Length: refused while streaming. */
  for (gsize i = 0; i < G_N_ELEMENTS (declare); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceDocument) doc = NULL;

      test_server_add_endless (f->server, "/huge", 50 * 1000 * 1000, declare[i]);
      doc = fetch (f, "/huge", CREDENCE_LOADER_FLAGS_FRESH, &error);
      g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TOO_LARGE);
      g_assert_null (doc);

      /* An image may be larger than JSON, but not that large. */
      g_clear_error (&error);
      doc = fetch (f, "/huge", CREDENCE_LOADER_FLAGS_IMAGE | CREDENCE_LOADER_FLAGS_FRESH, &error);
      g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TOO_LARGE);
    }

  /* Exactly at the limit is fine; one byte more is not. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CredenceDocument) doc = NULL;

    test_server_add_endless (f->server, "/edge", CREDENCE_LIMIT_HTTP_JSON_SIZE, FALSE);
    doc = fetch (f, "/edge", CREDENCE_LOADER_FLAGS_FRESH, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (credence_document_get_body (doc)), ==,
                      CREDENCE_LIMIT_HTTP_JSON_SIZE);
    g_clear_pointer (&doc, credence_document_unref);

    test_server_add_endless (f->server, "/edge", CREDENCE_LIMIT_HTTP_JSON_SIZE + 1, FALSE);
    doc = fetch (f, "/edge", CREDENCE_LOADER_FLAGS_FRESH, &error);
    g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TOO_LARGE);
  }

  /* The same for an image, with and without Content-Length. */
  for (gsize i = 0; i < G_N_ELEMENTS (declare); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceDocument) doc = NULL;

      test_server_add_endless (f->server, "/image", CREDENCE_LIMIT_HTTP_IMAGE_SIZE, declare[i]);
      doc = fetch (f, "/image", CREDENCE_LOADER_FLAGS_IMAGE | CREDENCE_LOADER_FLAGS_FRESH, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (credence_document_get_body (doc)), ==,
                        CREDENCE_LIMIT_HTTP_IMAGE_SIZE);
      g_clear_pointer (&doc, credence_document_unref);

      test_server_add_endless (f->server, "/image", CREDENCE_LIMIT_HTTP_IMAGE_SIZE + 1, declare[i]);
      doc = fetch (f, "/image", CREDENCE_LOADER_FLAGS_IMAGE | CREDENCE_LOADER_FLAGS_FRESH, &error);
      g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TOO_LARGE);
      g_assert_nonnull (strstr (error->message, "10 MiB"));
      g_assert_null (doc);
    }
}

static void
test_never_answers (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceDocument) doc = NULL;
  gint64 start;

  credence_loader_set_timeouts (f->loader, 1000, 1500);
  test_server_add_hang (f->server, "/hang");

  start = g_get_monotonic_time ();
  doc = fetch (f, "/hang", CREDENCE_LOADER_FLAGS_NONE, &error);
  g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TIMEOUT);
  g_assert_null (doc);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceDocument) doc = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = test_server_url (f->server, "/x");

  test_server_add_string (f->server, "/x", 200, "application/json", "{}");
  g_cancellable_cancel (cancellable);
  doc = credence_loader_fetch (f->loader, url, CREDENCE_LOADER_FLAGS_NONE, f->pins,
                               cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceDocument) doc = NULL;
  g_autoptr(CredenceDocument) again = NULL;
  g_autoptr(CredenceLoader) offline = credence_loader_new ();
  g_autofree char *seen = test_server_url (f->server, "/seen");
  g_autofree char *unseen = test_server_url (f->server, "/unseen");

  test_server_add_string (f->server, "/seen", 200, "application/json", "{\"a\": 1}");
  test_server_add_string (f->server, "/unseen", 200, "application/json", "{\"b\": 2}");
  doc = fetch (f, "/seen", CREDENCE_LOADER_FLAGS_NONE, &error);
  g_assert_no_error (error);

  credence_loader_set_offline (offline, TRUE);
  g_assert_true (credence_loader_get_offline (offline));
  again = credence_loader_fetch (offline, seen, CREDENCE_LOADER_FLAGS_FRESH, f->pins, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credence_document_get_sha256 (again), ==, credence_document_get_sha256 (doc));
  g_assert_true (credence_document_get_fetched_at (again) == credence_document_get_fetched_at (doc));

  g_clear_pointer (&again, credence_document_unref);
  again = credence_loader_fetch (offline, unseen, CREDENCE_LOADER_FLAGS_NONE, f->pins, NULL, &error);
  g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_OFFLINE);
  g_assert_null (again);

  /* Offline means no network at all. */
  g_assert_cmpuint (test_server_get_hits (f->server, "/seen"), ==, 1);
  g_assert_cmpuint (test_server_get_hits (f->server, "/unseen"), ==, 0);
}

static void
test_cache (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceDocumentSet) other = credence_document_set_new ();
  g_autofree char *url = test_server_url (f->server, "/issuer");

  test_server_add_string (f->server, "/issuer", 200, "application/json", "{}");
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(CredenceDocument) doc = NULL;

      doc = credence_loader_fetch (f->loader, url, CREDENCE_LOADER_FLAGS_NONE,
                                   i == 2 ? other : f->pins, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (test_server_get_hits (f->server, "/issuer"), ==, 1);
  /* Served from memory, but still pinned for the badge that asked. */
  g_assert_cmpuint (credence_document_set_get_size (other), ==, 1);

  /* A hosted assertion is always fetched again. */
  {
    g_autoptr(CredenceDocument) doc = NULL;

    doc = credence_loader_fetch (f->loader, url, CREDENCE_LOADER_FLAGS_FRESH, f->pins, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (test_server_get_hits (f->server, "/issuer"), ==, 2);
  }
}

static void
test_url_map (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceDocument) doc = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "corpus",
                                                "1edtech-dc-public-validator", "ob20", "assets",
                                                NULL);
  g_autofree char *spec = g_strdup_printf ("https://example.org/=%s;http://example.org/=%s", dir, dir);
  g_autofree char *expected = NULL;
  g_autofree char *path = g_build_filename (dir, "key1.json", NULL);
  gsize len;
  const char *bad[] = { "nothing", "=/tmp", "https://x/=", "file:///=/tmp" };

  g_assert_true (credence_loader_parse_url_map (f->loader, spec, &error));
  g_assert_no_error (error);
  credence_loader_set_offline (f->loader, TRUE);

  /* Served offline too, and pinned. */
  doc = credence_loader_fetch (f->loader, "http://example.org/key1.json?x=1#frag",
                               CREDENCE_LOADER_FLAGS_NONE, f->pins, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &expected, &len, NULL));
  g_assert_cmpmem (g_bytes_get_data (credence_document_get_body (doc), NULL),
                   g_bytes_get_size (credence_document_get_body (doc)), expected, len);
  g_assert_cmpuint (credence_document_set_get_size (f->pins), ==, 1);
  g_clear_pointer (&doc, credence_document_unref);

  doc = credence_loader_fetch (f->loader, "https://example.org/nothing-here.json",
                               CREDENCE_LOADER_FLAGS_NONE, f->pins, NULL, &error);
  g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_UNREACHABLE);
  g_clear_error (&error);

  /* Never outside the folder. */
  doc = credence_loader_fetch (f->loader, "https://example.org/../ob20/simple.jwt",
                               CREDENCE_LOADER_FLAGS_NONE, f->pins, NULL, &error);
  g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  doc = credence_loader_fetch (f->loader, "https://example.org/%2e%2e/ob20/simple.jwt",
                               CREDENCE_LOADER_FLAGS_NONE, f->pins, NULL, &error);
  g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (credence_loader_parse_url_map (f->loader, bad[i], &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
      g_clear_error (&error);
    }
}

static void
test_url_rewrite (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceDocument) doc = NULL;
  g_autofree char *base = test_server_url (f->server, "/site/");

  credence_loader_add_url_rewrite (f->loader, "https://issuer.example/", base);
  test_server_add_string (f->server, "/site/a.json", 200, "text/plain", "[1]");
  doc = credence_loader_fetch (f->loader, "https://issuer.example/a.json",
                               CREDENCE_LOADER_FLAGS_NONE, f->pins, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credence_document_get_url (doc), ==, "https://issuer.example/a.json");
  g_assert_cmpstr (credence_document_get_final_url (doc), ==, "https://issuer.example/a.json");
}

static void
test_json_depth (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (int i = 0; i < CREDENCE_LIMIT_JSON_DEPTH + 1; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < CREDENCE_LIMIT_JSON_DEPTH + 1; i++)
    g_string_append_c (deep, ']');
  bytes = g_bytes_new (deep->str, deep->len);
  node = credence_loader_parse_json (bytes, &error);
  g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_JSON);
  g_assert_null (node);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Brackets inside strings do not count. */
  g_string_assign (deep, "{\"a\": \"");
  for (int i = 0; i < 200; i++)
    g_string_append (deep, "[{\\\"");
  g_string_append (deep, "\"}");
  bytes = g_bytes_new (deep->str, deep->len);
  node = credence_loader_parse_json (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
}

static void
test_bundled_contexts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  g_autoptr(CredenceDocumentSet) pins = credence_document_set_new ();
  g_autoptr(JsonNode) node = NULL;

  /* Offline, with nothing pinned: the bundled copy answers. */
  credence_loader_set_offline (loader, TRUE);
  node = credence_loader_fetch_json (loader, "https://w3id.org/openbadges/v2",
                                     CREDENCE_LOADER_FLAGS_FRESH, pins, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_true (json_object_has_member (json_node_get_object (node), "@context"));
}

/* A self-signed certificate for 127.0.0.1, valid for an hour, as PEM
 * (certificate then key).
 */
static char *
make_certificate_pem (char **out_cert_only)
{
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t crt;
  gnutls_datum_t cert_pem = { NULL, 0 }, key_pem = { NULL, 0 };
  const guint8 ip[4] = { 127, 0, 0, 1 };
  time_t now = time (NULL);
  guint8 serial[8];
  char *result;

  for (gsize i = 0; i < sizeof serial; i++)
    serial[i] = g_random_int_range (1, 256);
  serial[0] &= 0x7f;

  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (key, GNUTLS_PK_RSA, 2048, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  gnutls_x509_crt_set_version (crt, 3);
  gnutls_x509_crt_set_serial (crt, serial, sizeof serial);
  gnutls_x509_crt_set_activation_time (crt, now - 3600);
  gnutls_x509_crt_set_expiration_time (crt, now + 3600);
  g_assert_cmpint (gnutls_x509_crt_set_dn (crt, "CN=127.0.0.1", NULL), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS, ip, sizeof ip,
                                                         GNUTLS_FSAN_SET), ==, 0);
  gnutls_x509_crt_set_basic_constraints (crt, 1, -1);
  gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_ENCIPHERMENT
                                      | GNUTLS_KEY_KEY_CERT_SIGN);
  gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key (crt, key), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &cert_pem), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_export2 (key, GNUTLS_X509_FMT_PEM, &key_pem), ==, 0);

  *out_cert_only = g_strndup ((char *) cert_pem.data, cert_pem.size);
  result = g_strdup_printf ("%.*s%.*s", (int) cert_pem.size, cert_pem.data, (int) key_pem.size, key_pem.data);

  gnutls_free (cert_pem.data);
  gnutls_free (key_pem.data);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);
  return result;
}

static void
test_https_downgrade (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cert_only = NULL;
  g_autofree char *pem = make_certificate_pem (&cert_only);
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_autofree char *dir = g_dir_make_tmp ("credence-tls-XXXXXX", NULL);
  g_autofree char *ca_path = g_build_filename (dir, "ca.pem", NULL);
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  g_autoptr(CredenceDocumentSet) pins = credence_document_set_new ();
  g_autoptr(CredenceDocument) doc = NULL;
  TestServer *secure, *plain;
  g_autofree char *insecure_url = NULL;
  g_autofree char *url = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (ca_path, cert_only, -1, NULL));
  database = g_tls_file_database_new (ca_path, &error);
  g_assert_no_error (error);
  credence_loader_set_tls_database (loader, database);

  secure = test_server_new_tls (certificate);
  plain = test_server_new ();
  g_assert_true (g_str_has_prefix (test_server_get_base (secure), "https://"));

  test_server_add_string (plain, "/x", 200, "application/json", "{}");
  test_server_add_string (secure, "/x", 200, "application/json", "{}");
  insecure_url = test_server_url (plain, "/x");
  test_server_add_redirect (secure, "/down", 302, insecure_url);
  test_server_add_redirect (secure, "/same", 301, "/x");

  /* https itself works, and so does a redirect that stays secure. */
  url = test_server_url (secure, "/same");
  doc = credence_loader_fetch (loader, url, CREDENCE_LOADER_FLAGS_FRESH, pins, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (credence_document_get_final_url (doc), "https://"));
  g_clear_pointer (&doc, credence_document_unref);

  /* https → http is refused, and the insecure server never asked. */
  g_free (url);
  url = test_server_url (secure, "/down");
  doc = credence_loader_fetch (loader, url, CREDENCE_LOADER_FLAGS_FRESH, pins, NULL, &error);
  g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED);
  g_assert_null (doc);
  g_assert_cmpuint (test_server_get_hits (plain, "/x"), ==, 0);

  test_server_free (secure);
  test_server_free (plain);
  g_remove (ca_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/loader/json-by-parsing", test_json_by_parsing);
  ADD ("/loader/not-json", test_not_json);
  ADD ("/loader/status", test_status);
  ADD ("/loader/connection-refused", test_connection_refused);
  ADD ("/loader/redirects", test_redirects);
  ADD ("/loader/schemes", test_schemes);
  ADD ("/loader/too-large", test_too_large);
  ADD ("/loader/never-answers", test_never_answers);
  ADD ("/loader/cancelled", test_cancelled);
  ADD ("/loader/offline", test_offline);
  ADD ("/loader/cache", test_cache);
  ADD ("/loader/url-map", test_url_map);
  ADD ("/loader/url-rewrite", test_url_rewrite);
  g_test_add_func ("/loader/json-depth", test_json_depth);
  g_test_add_func ("/loader/bundled-contexts", test_bundled_contexts);
  g_test_add_func ("/loader/https-downgrade", test_https_downgrade);

  return g_test_run ();
}
