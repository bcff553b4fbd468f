/* test-hostile-server.c: servers that try to hang Credence or blow its
 * memory (a drip of one byte per second, an endless body, endless
 * redirects, a gzip bomb, redirects to other schemes) are cut off with a
 * clear error, in bounded time and memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "credence-limits.h"
#include "credence-loader.h"
#include "credence-test-server.h"

/* A fetch that buffered a whole bomb or an endless body would grow the
 * peak memory by a gigabyte; the limits keep it to a few times the
 * largest allowed body (AddressSanitizer's quarantine included).
 */
#define MEMORY_BOUND_KIB (256 * 1024)

typedef struct
{
  TestServer          *server;
  CredenceDocumentSet *pins;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = test_server_new ();
  f->pins = credence_document_set_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->pins);
  test_server_free (f->server);
}

static glong
peak_memory_kib (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

static CredenceDocument *
fetch (Fixture             *f,
       CredenceLoader      *loader,
       const char          *path,
       CredenceLoaderFlags  flags,
       GError             **error)
{
  g_autofree char *url = test_server_url (f->server, path);

  return credence_loader_fetch (loader, url, flags | CREDENCE_LOADER_FLAGS_FRESH, f->pins,
                                NULL, error);
}

/* The defaults are the header's. */
static void
test_default_timeouts (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CredenceLoader) loader = NULL;
  guint io_ms = 0, total_ms = 0;

  g_assert_null (g_getenv ("CREDENCE_HTTP_TIMEOUTS"));
  loader = credence_loader_new ();
  credence_loader_get_timeouts (loader, &io_ms, &total_ms);
  g_assert_cmpuint (io_ms, ==, CREDENCE_LIMIT_HTTP_CONNECT_TIMEOUT_S * 1000);
  g_assert_cmpuint (total_ms, ==, CREDENCE_LIMIT_HTTP_TOTAL_TIMEOUT_S * 1000);

  credence_loader_set_timeouts (loader, 2500, 1500);
  credence_loader_get_timeouts (loader, &io_ms, &total_ms);
  g_assert_cmpuint (io_ms, ==, 3000);  /* libsoup counts whole seconds */
  g_assert_cmpuint (total_ms, ==, 1500);
}

/* One byte per second forever: every read succeeds within the I/O
 * timeout, so only the total timeout ends it.  A slow server that does
 * finish in time is read.
 */
static void
test_drip (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  g_autoptr(CredenceDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;

  credence_loader_set_timeouts (loader, 5000, 2000);
  test_server_add_drip (f->server, "/drip", 1000, G_MAXSIZE);
  start = g_get_monotonic_time ();
  doc = fetch (f, loader, "/drip", CREDENCE_LOADER_FLAGS_NONE, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "took too long"));
  g_assert_null (doc);
  g_test_message ("the drip was cut off after %.1f s", elapsed / (double) G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, >=, 1900 * 1000);
  g_assert_cmpint (elapsed, <, 8 * G_USEC_PER_SEC);
  g_clear_error (&error);

  test_server_add_drip (f->server, "/slow", 100, 3);
  doc = fetch (f, loader, "/slow", CREDENCE_LOADER_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (credence_document_get_body (doc)), ==, 3);

  g_assert_cmpuint (credence_document_set_get_size (f->pins), ==, 1);
}

/* credence-cli verify of a badge URL on a drip server, with the timeouts
 * shortened by CREDENCE_HTTP_TIMEOUTS: the badge cannot be checked, and
 * the answer says why, in bounded time.
 */
static void
test_drip_cli (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *url = test_server_url (f->server, "/badge");
  const char *cli = g_getenv ("CREDENCE_CLI");
  gint64 start, elapsed;

  g_assert_nonnull (cli);
  test_server_add_drip (f->server, "/badge", 1000, G_MAXSIZE);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "CREDENCE_HTTP_TIMEOUTS", "5000,2000", TRUE);

  start = g_get_monotonic_time ();
  proc = g_subprocess_launcher_spawn (launcher, &error, cli, "verify", "--json", url, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("%s", out);

  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), !=, 0);
  g_assert_nonnull (strstr (out, "took too long"));
  g_assert_cmpint (elapsed, <, 10 * G_USEC_PER_SEC);
}

/* A body that never ends, without Content-Length: cut at the size limit. */
static void
test_endless_body (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  CredenceLoaderFlags flags[] = { CREDENCE_LOADER_FLAGS_NONE, CREDENCE_LOADER_FLAGS_IMAGE };
  glong memory = peak_memory_kib ();
  gint64 start = g_get_monotonic_time ();

  test_server_add_endless (f->server, "/endless", G_MAXSIZE, FALSE);
  for (gsize i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(CredenceDocument) doc = NULL;
      g_autoptr(GError) error = NULL;

      doc = fetch (f, loader, "/endless", flags[i], &error);
      g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TOO_LARGE);
      g_assert_nonnull (strstr (error->message, "stopped reading"));
      g_assert_null (doc);
    }
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  g_assert_cmpint (peak_memory_kib () - memory, <, MEMORY_BOUND_KIB);
  g_assert_cmpuint (credence_document_set_get_size (f->pins), ==, 0);
}

/* Every answer is a redirect to the next address: the sixth is not
 * followed.
 */
static void
test_endless_redirects (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  g_autoptr(CredenceDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *path = g_strdup_printf ("/chain/%u", i);
      g_autofree char *next = g_strdup_printf ("/chain/%u", i + 1);

      test_server_add_redirect (f->server, path, 302, next);
    }

  doc = fetch (f, loader, "/chain/0", CREDENCE_LOADER_FLAGS_NONE, &error);
  g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TOO_MANY_REDIRECTS);
  g_assert_nonnull (strstr (error->message, "redirects too many times"));
  g_assert_null (doc);
  for (guint i = 0; i <= CREDENCE_LIMIT_HTTP_REDIRECTS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/chain/%u", i);

      g_assert_cmpuint (test_server_get_hits (f->server, path), ==, 1);
    }
  {
    g_autofree char *path = g_strdup_printf ("/chain/%u", CREDENCE_LIMIT_HTTP_REDIRECTS + 1);

    g_assert_cmpuint (test_server_get_hits (f->server, path), ==, 0);
  }
  g_assert_cmpuint (credence_document_set_get_size (f->pins), ==, 0);
}

/* A gzip bomb (Content-Encoding: gzip): about 1 MiB on the wire (under
 * both size limits, so only the decoded size can be refused) that inflates
 * to 1 GiB of spaces.  The limit applies to the decoded body, and is hit
 * quickly and in bounded memory.
 */
static void
test_gzip_bomb (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GByteArray) bomb = g_byte_array_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceDocument) doc = NULL;
  g_autofree guint8 *spaces = g_malloc (1024 * 1024);
  guint8 out[64 * 1024];
  glong memory;
  gint64 start;

  memset (spaces, ' ', 1024 * 1024);
  for (guint i = 0; i <= 1024; i++)
    {
      gsize read = 0, written = 0;
      GConverterResult result;

      do
        {
          result = g_converter_convert (G_CONVERTER (compressor), spaces, i < 1024 ? 1024 * 1024 : 0,
                                        out, sizeof out,
                                        i < 1024 ? G_CONVERTER_NO_FLAGS : G_CONVERTER_INPUT_AT_END,
                                        &read, &written, &error);
          g_assert_no_error (error);
          g_byte_array_append (bomb, out, written);
        }
      while (i == 1024 ? result != G_CONVERTER_FINISHED : written == sizeof out);
    }
  g_assert_cmpuint (bomb->len, <, 2 * 1024 * 1024);
  body = g_byte_array_free_to_bytes (g_steal_pointer (&bomb));
  test_server_add_encoded (f->server, "/bomb", "application/json", "gzip", body);

  memory = peak_memory_kib ();
  start = g_get_monotonic_time ();
  doc = fetch (f, loader, "/bomb", CREDENCE_LOADER_FLAGS_NONE, &error);
  g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TOO_LARGE);
  g_assert_null (doc);
  g_clear_error (&error);

  doc = fetch (f, loader, "/bomb", CREDENCE_LOADER_FLAGS_IMAGE, &error);
  g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TOO_LARGE);
  g_assert_null (doc);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpint (peak_memory_kib () - memory, <, MEMORY_BOUND_KIB);
}

/* A redirect to a local file, inline data or another protocol is refused
 * before anything is read from it.
 */
static void
test_redirect_scheme (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  const char *targets[] = {
    "file:///etc/passwd",
    "FILE:///etc/hostname",
    "file:/etc/passwd",
    "data:application/json,{\"@context\":\"https://w3id.org/openbadges/v2\"}",
    "data:image/png;base64,iVBORw0KGgo=",
    "javascript:alert(1)",
    "ftp://127.0.0.1/x",
    "resource:///io/github/credence/Credence/contexts/credentials-v2.jsonld",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CredenceDocument) doc = NULL;

      test_server_add_redirect (f->server, "/away", 302, targets[i]);
      doc = fetch (f, loader, "/away", CREDENCE_LOADER_FLAGS_NONE, &error);
      g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED);
      g_assert_nonnull (strstr (error->message, "only fetches http and https"));
      g_assert_null (doc);
      g_clear_error (&error);

      doc = fetch (f, loader, "/away", CREDENCE_LOADER_FLAGS_IMAGE, &error);
      g_assert_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED);
      g_assert_null (doc);
    }
  g_assert_cmpuint (credence_document_set_get_size (f->pins), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/hostile-server/default-timeouts", test_default_timeouts);
  ADD ("/hostile-server/drip", test_drip);
  ADD ("/hostile-server/drip-cli", test_drip_cli);
  ADD ("/hostile-server/endless-body", test_endless_body);
  ADD ("/hostile-server/endless-redirects", test_endless_redirects);
  ADD ("/hostile-server/gzip-bomb", test_gzip_bomb);
  ADD ("/hostile-server/redirect-scheme", test_redirect_scheme);

  return g_test_run ();
}
