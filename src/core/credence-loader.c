/* credence-loader.c: fetches the documents verification needs.
 *
 * One libsoup session for the whole program, used with the synchronous API
 * from worker threads (allowed since libsoup 3.2).  Only http and https;
 * redirects are followed by hand so that each hop is checked (at most
 * CREDENCE_LIMIT_HTTP_REDIRECTS, no other scheme, no https → http); bodies
 * are capped while streaming; no cookies, credentials or Referer are ever
 * sent.  Every answer is pinned in the caller's CredenceDocumentSet so the
 * badge can be checked again offline against exactly what was seen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-loader"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "credence-contexts.h"
#include "credence-json.h"
#include "credence-limits.h"
#include "credence-loader.h"

G_DEFINE_QUARK (credence-loader-error-quark, credence_loader_error)

/* Documents other than hosted assertions are reused for this long within
 * one run, as badgecheck's request cache does: verifying 10 000 badges of
 * one issuer fetches its profile once, not 10 000 times.
 */
#define CACHE_TTL_US    (300 * G_USEC_PER_SEC)
#define CACHE_MAX_ITEMS 4096
#define READ_CHUNK      (64 * 1024)

typedef struct
{
  char *prefix;
  char *directory;
} UrlMap;

struct _CredenceLoader
{
  GObject      parent_instance;

  SoupSession *session;
  gboolean     offline;
  guint        total_timeout_ms;
  GPtrArray   *url_maps; /* UrlMap */
  GPtrArray   *rewrites; /* UrlMap, directory = replacement prefix */

  GMutex       cache_mutex;
  GHashTable  *cache; /* url → CredenceDocument */
};

G_DEFINE_FINAL_TYPE (CredenceLoader, credence_loader, G_TYPE_OBJECT)

static UrlMap *
url_map_new (const char *prefix,
             char       *target)
{
  UrlMap *map = g_new0 (UrlMap, 1);

  map->prefix = g_strdup (prefix);
  map->directory = target;
  return map;
}

static void
url_map_free (UrlMap *map)
{
  g_free (map->prefix);
  g_free (map->directory);
  g_free (map);
}

static void
credence_loader_dispose (GObject *object)
{
  CredenceLoader *self = CREDENCE_LOADER (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (credence_loader_parent_class)->dispose (object);
}

static void
credence_loader_finalize (GObject *object)
{
  CredenceLoader *self = CREDENCE_LOADER (object);

  g_ptr_array_unref (self->url_maps);
  g_ptr_array_unref (self->rewrites);
  g_hash_table_unref (self->cache);
  g_mutex_clear (&self->cache_mutex);

  G_OBJECT_CLASS (credence_loader_parent_class)->finalize (object);
}

static void
credence_loader_class_init (CredenceLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = credence_loader_dispose;
  object_class->finalize = credence_loader_finalize;
}

static void
set_timeouts (CredenceLoader *self,
              guint           io_timeout_ms,
              guint           total_timeout_ms)
{
  g_object_set (self->session, "timeout", MAX (1u, (io_timeout_ms + 999) / 1000), NULL);
  self->total_timeout_ms = MAX (1u, total_timeout_ms);
}

/* CREDENCE_HTTP_TIMEOUTS="IO_MS,TOTAL_MS" (milliseconds, both between 1
 * and the defaults' hundredfold) replaces the defaults, so that tests of
 * slow servers stay short.  Anything else is ignored.
 */
static void
apply_timeouts_from_environment (CredenceLoader *self)
{
  const char *spec = g_getenv ("CREDENCE_HTTP_TIMEOUTS");
  g_auto(GStrv) parts = NULL;
  guint64 io_ms, total_ms;

  if (spec == NULL)
    return;
  parts = g_strsplit (spec, ",", -1);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, CREDENCE_LIMIT_HTTP_CONNECT_TIMEOUT_S * 100000,
                                   &io_ms, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, CREDENCE_LIMIT_HTTP_TOTAL_TIMEOUT_S * 100000,
                                   &total_ms, NULL))
    {
      g_debug ("CREDENCE_HTTP_TIMEOUTS is not IO_MS,TOTAL_MS; the defaults apply");
      return;
    }
  set_timeouts (self, (guint) io_ms, (guint) total_ms);
}

static void
credence_loader_init (CredenceLoader *self)
{
  /* No cookie jar is added, and the auth manager is removed: nothing the
   * learner typed anywhere can leak to an issuer's server.
   */
  self->session = soup_session_new_with_options ("user-agent", "Credence/" PACKAGE_VERSION,
                                                 "timeout", CREDENCE_LIMIT_HTTP_CONNECT_TIMEOUT_S,
                                                 "max-conns", 64,
                                                 "max-conns-per-host", 16,
                                                 NULL);
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_AUTH_MANAGER);
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_COOKIE_JAR);

  self->total_timeout_ms = CREDENCE_LIMIT_HTTP_TOTAL_TIMEOUT_S * 1000;
  apply_timeouts_from_environment (self);
  self->url_maps = g_ptr_array_new_with_free_func ((GDestroyNotify) url_map_free);
  self->rewrites = g_ptr_array_new_with_free_func ((GDestroyNotify) url_map_free);
  g_mutex_init (&self->cache_mutex);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) credence_document_unref);
}

/**
 * credence_loader_new:
 *
 * Creates a loader.  Configure it (offline, timeouts, URL maps) in the
 * thread that created it before the first fetch; after that,
 * credence_loader_fetch() may be called from any thread.
 *
 * Returns: (transfer full): a new loader
 */
CredenceLoader *
credence_loader_new (void)
{
  return g_object_new (CREDENCE_TYPE_LOADER, NULL);
}

/**
 * credence_loader_set_offline:
 * @offline: %TRUE to never touch the network
 *
 * Offline, only pinned documents, mapped folders and bundled contexts are
 * used; anything else fails with %CREDENCE_LOADER_ERROR_OFFLINE.
 */
void
credence_loader_set_offline (CredenceLoader *self,
                             gboolean        offline)
{
  g_return_if_fail (CREDENCE_IS_LOADER (self));

  self->offline = !!offline;
}

gboolean
credence_loader_get_offline (CredenceLoader *self)
{
  g_return_val_if_fail (CREDENCE_IS_LOADER (self), FALSE);

  return self->offline;
}

/**
 * credence_loader_set_timeouts:
 * @io_timeout_ms: how long connecting or one read may take (rounded up to
 *   whole seconds, as libsoup counts them)
 * @total_timeout_ms: how long one fetch, redirects included, may take
 *
 * The defaults are %CREDENCE_LIMIT_HTTP_CONNECT_TIMEOUT_S and
 * %CREDENCE_LIMIT_HTTP_TOTAL_TIMEOUT_S, or what the environment variable
 * `CREDENCE_HTTP_TIMEOUTS="IO_MS,TOTAL_MS"` says when the loader is
 * created (for tests against slow servers).
 */
void
credence_loader_set_timeouts (CredenceLoader *self,
                              guint           io_timeout_ms,
                              guint           total_timeout_ms)
{
  g_return_if_fail (CREDENCE_IS_LOADER (self));

  set_timeouts (self, io_timeout_ms, total_timeout_ms);
}

/**
 * credence_loader_get_timeouts:
 * @io_timeout_ms: (out) (optional): how long connecting or one read may take
 * @total_timeout_ms: (out) (optional): how long one fetch may take
 *
 * The timeouts in effect, in milliseconds.
 */
void
credence_loader_get_timeouts (CredenceLoader *self,
                              guint          *io_timeout_ms,
                              guint          *total_timeout_ms)
{
  guint io_s = 0;

  g_return_if_fail (CREDENCE_IS_LOADER (self));

  g_object_get (self->session, "timeout", &io_s, NULL);
  if (io_timeout_ms != NULL)
    *io_timeout_ms = io_s * 1000;
  if (total_timeout_ms != NULL)
    *total_timeout_ms = self->total_timeout_ms;
}

/**
 * credence_loader_set_tls_database:
 * @database: the certificate authorities to trust
 *
 * Replaces the system's certificate authorities (for tests, or an
 * organisation's own authority).
 */
void
credence_loader_set_tls_database (CredenceLoader *self,
                                  GTlsDatabase   *database)
{
  g_return_if_fail (CREDENCE_IS_LOADER (self));
  g_return_if_fail (G_IS_TLS_DATABASE (database));

  g_object_set (self->session, "tls-database", database, NULL);
}

/**
 * credence_loader_add_url_map:
 * @prefix: a URL prefix, such as `https://example.org/`
 * @directory: a local folder
 *
 * Serves URLs starting with @prefix from @directory (the rest of the URL,
 * without query or fragment, is the path inside it), online and offline.
 * For tests and for checking archived badges.  The longest matching prefix
 * wins.
 */
void
credence_loader_add_url_map (CredenceLoader *self,
                             const char     *prefix,
                             const char     *directory)
{
  g_return_if_fail (CREDENCE_IS_LOADER (self));
  g_return_if_fail (prefix != NULL && directory != NULL);

  g_ptr_array_add (self->url_maps, url_map_new (prefix, g_canonicalize_filename (directory, NULL)));
}

/**
 * credence_loader_parse_url_map:
 * @spec: `PREFIX=DIR`, or several separated by `;` (the form of
 *   `CREDENCE_URL_MAP`)
 * @error: return location for a #GError
 *
 * Returns: %TRUE if every entry was well formed and added.
 */
gboolean
credence_loader_parse_url_map (CredenceLoader  *self,
                               const char      *spec,
                               GError         **error)
{
  g_auto(GStrv) entries = NULL;

  g_return_val_if_fail (CREDENCE_IS_LOADER (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  entries = g_strsplit (spec, ";", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      const char *entry = entries[i];
      const char *eq;
      g_autofree char *prefix = NULL;

      if (entry[0] == '\0')
        continue;

      /* The folder follows the last "=", since URLs may contain "=". */
      eq = strrchr (entry, '=');
      if (eq == NULL || eq == entry || eq[1] == '\0'
          || (!g_str_has_prefix (entry, "http://") && !g_str_has_prefix (entry, "https://")))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a URL map; write it as PREFIX=FOLDER, for example https://example.org/=./site"),
                       entry);
          return FALSE;
        }
      prefix = g_strndup (entry, eq - entry);
      credence_loader_add_url_map (self, prefix, eq + 1);
    }

  return TRUE;
}

/**
 * credence_loader_add_url_rewrite:
 * @prefix: a URL prefix, such as `https://example.org/`
 * @replacement: the prefix to fetch from instead, such as
 *   `http://127.0.0.1:8080/example.org/`
 *
 * Fetches URLs starting with @prefix from @replacement instead, while
 * everything else (pinning, origin checks) keeps the original URL.  For
 * tests that serve issuer sites from a local server.
 */
void
credence_loader_add_url_rewrite (CredenceLoader *self,
                                 const char     *prefix,
                                 const char     *replacement)
{
  g_return_if_fail (CREDENCE_IS_LOADER (self));
  g_return_if_fail (prefix != NULL && replacement != NULL);

  g_ptr_array_add (self->rewrites, url_map_new (prefix, g_strdup (replacement)));
}

static UrlMap *
longest_prefix (GPtrArray  *maps,
                const char *url)
{
  UrlMap *best = NULL;

  for (guint i = 0; i < maps->len; i++)
    {
      UrlMap *map = g_ptr_array_index (maps, i);

      if (g_str_has_prefix (url, map->prefix)
          && (best == NULL || strlen (map->prefix) > strlen (best->prefix)))
        best = map;
    }

  return best;
}

static gsize
limit_for (CredenceLoaderFlags flags)
{
  return (flags & CREDENCE_LOADER_FLAGS_IMAGE) ? CREDENCE_LIMIT_HTTP_IMAGE_SIZE
                                               : CREDENCE_LIMIT_HTTP_JSON_SIZE;
}

static gboolean
too_large (const char  *url,
           gsize        limit,
           GError     **error)
{
  g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TOO_LARGE,
               _("%s sent more than %zu MiB; Credence stopped reading it."),
               url, limit / (1024 * 1024));
  return FALSE;
}

/* Returns 0 when no map applies, 1 when a document was produced, -1 on error. */
static int
fetch_mapped (CredenceLoader       *self,
              const char           *url,
              CredenceLoaderFlags   flags,
              CredenceDocument    **out,
              GError              **error)
{
  UrlMap *best = longest_prefix (self->url_maps, url);
  g_autofree char *rest = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) root = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) body = NULL;
  char *cut;
  char *data = NULL;
  gsize len = 0;

  if (best == NULL)
    return 0;

  rest = g_strdup (url + strlen (best->prefix));
  cut = strpbrk (rest, "?#");
  if (cut != NULL)
    *cut = '\0';

  path = g_uri_unescape_string (rest, "/");
  root = g_file_new_for_path (best->directory);
  file = path != NULL ? g_file_resolve_relative_path (root, path) : NULL;

  /* Never leave the mapped folder ("..", absolute paths, escaped slashes). */
  if (file == NULL || (!g_file_has_prefix (file, root) && !g_file_equal (file, root)))
    {
      g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED,
                   _("%s points outside its mapped folder."), url);
      return -1;
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_UNREACHABLE,
                   _("%s is not in its mapped folder."), url);
      return -1;
    }
  if ((guint64) g_file_info_get_size (info) > limit_for (flags))
    {
      too_large (url, limit_for (flags), error);
      return -1;
    }
  if (!g_file_load_contents (file, NULL, &data, &len, NULL, error))
    return -1;

  body = g_bytes_new_take (data, len);
  *out = credence_document_new (url, url, 200, NULL, body);
  return 1;
}

/* The watchdog: one thread whose main context fires total timeouts by
 * cancelling the fetch's cancellable, so a server that trickles bytes
 * forever is cut off too.
 */
static gpointer
watchdog_thread (gpointer data)
{
  GMainContext *context = data;

  while (TRUE)
    g_main_context_iteration (context, TRUE);

  return NULL;
}

static GMainContext *
watchdog_context (void)
{
  static GMainContext *context;

  if (g_once_init_enter (&context))
    {
      GMainContext *ctx = g_main_context_new ();

      g_thread_unref (g_thread_new ("credence-loader-watchdog", watchdog_thread, ctx));
      g_once_init_leave (&context, ctx);
    }

  return context;
}

static gboolean
watchdog_fired_cb (gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
  return G_SOURCE_REMOVE;
}

static void
forward_cancel_cb (GCancellable *cancellable,
                   gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static gboolean
check_uri (GUri        *uri,
           GUri        *previous,
           const char  *text,
           GError     **error)
{
  const char *scheme = g_uri_get_scheme (uri);

  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED,
                   _("%s is not a web address; Credence only fetches http and https."), text);
      return FALSE;
    }
  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED,
                   _("%s has no host name."), text);
      return FALSE;
    }
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED,
                   _("%s contains a user name or password; Credence never sends credentials."),
                   text);
      return FALSE;
    }
  if (previous != NULL && g_ascii_strcasecmp (g_uri_get_scheme (previous), "https") == 0
      && g_ascii_strcasecmp (scheme, "http") == 0)
    {
      g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED,
                   _("%s redirected from a secure to an insecure address; Credence refused it."),
                   text);
      return FALSE;
    }

  return TRUE;
}

static GBytes *
read_capped (GInputStream  *stream,
             const char    *url,
             gsize          limit,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[READ_CHUNK];

  while (TRUE)
    {
      gssize n = g_input_stream_read (stream, chunk, sizeof chunk, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > limit)
        {
          too_large (url, limit, error);
          return NULL;
        }
      g_byte_array_append (buffer, chunk, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

static CredenceDocument *
fetch_network (CredenceLoader       *self,
               const char           *url,
               const char           *transport_url,
               CredenceLoaderFlags   flags,
               GCancellable         *cancellable,
               GError              **error)
{
  g_autoptr(GUri) current = NULL;
  g_autoptr(GCancellable) own = g_cancellable_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GSource *timer;
  gulong handler = 0;
  gsize limit = limit_for (flags);
  guint status = 0;
  CredenceDocument *doc = NULL;

  current = g_uri_parse (transport_url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (current == NULL)
    {
      g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED,
                   _("“%s” is not a valid web address."), url);
      g_hash_table_unref (seen);
      return NULL;
    }
  if (!check_uri (current, NULL, url, error))
    {
      g_hash_table_unref (seen);
      return NULL;
    }

  timer = g_timeout_source_new (self->total_timeout_ms);
  g_source_set_callback (timer, watchdog_fired_cb, g_object_ref (own), g_object_unref);
  g_source_attach (timer, watchdog_context ());
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel_cb),
                                     g_object_ref (own), g_object_unref);

  for (guint hop = 0;; hop++)
    {
      g_autofree char *text = g_uri_to_string (current);
      const char *location;

      if (hop > CREDENCE_LIMIT_HTTP_REDIRECTS || g_hash_table_contains (seen, text))
        {
          g_set_error (&local_error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TOO_MANY_REDIRECTS,
                       _("%s redirects too many times or in a loop."), url);
          break;
        }
      g_hash_table_add (seen, g_strdup (text));

      g_clear_object (&stream);
      g_clear_object (&msg);
      msg = soup_message_new_from_uri (SOUP_METHOD_GET, current);
      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                    (flags & CREDENCE_LOADER_FLAGS_IMAGE)
                                    ? "image/png, image/svg+xml, */*;q=0.1"
                                    : "application/ld+json, application/json, */*;q=0.1");

      stream = soup_session_send (self->session, msg, own, &local_error);
      if (stream == NULL)
        break;

      status = soup_message_get_status (msg);
      location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
      if (SOUP_STATUS_IS_REDIRECTION (status) && status != 304 && location != NULL)
        {
          g_autoptr(GUri) next = g_uri_parse_relative (current, location,
                                                       G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED,
                                                       NULL);
          g_autofree char *next_text = next != NULL ? g_uri_to_string (next) : g_strdup (location);

          g_input_stream_close (stream, NULL, NULL);
          if (next == NULL)
            {
              g_set_error (&local_error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED,
                           _("%s redirects to an invalid address."), url);
              break;
            }
          if (!check_uri (next, current, next_text, &local_error))
            break;
          g_uri_unref (current);
          current = g_steal_pointer (&next);
          continue;
        }

      if (soup_message_headers_get_content_length (soup_message_get_response_headers (msg))
          > (goffset) limit)
        {
          too_large (url, limit, &local_error);
          break;
        }

      body = read_capped (stream, url, limit, own, &local_error);
      g_input_stream_close (stream, NULL, NULL);
      if (body != NULL)
        {
          /* The final URL is what answered, unless only a test rewrite
           * stood between the asked and the answering address.
           */
          doc = credence_document_new (url, hop == 0 ? url : text, status, NULL, body);
        }
      break;
    }

  g_source_destroy (timer);
  g_source_unref (timer);
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);
  g_hash_table_unref (seen);

  if (doc != NULL)
    return doc;

  g_assert (local_error != NULL);
  if (local_error->domain == CREDENCE_LOADER_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
           && (cancellable == NULL || !g_cancellable_is_cancelled (cancellable)))
    {
      g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TIMEOUT,
                   _("%s took too long to answer."), url);
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_TIMEOUT,
                   _("%s took too long to answer."), url);
    }
  else
    {
      g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_UNREACHABLE,
                   _("%s could not be reached: %s"), url, local_error->message);
    }

  return NULL;
}

static CredenceDocument *
cache_lookup (CredenceLoader *self,
              const char     *url)
{
  CredenceDocument *doc;

  g_mutex_lock (&self->cache_mutex);
  doc = g_hash_table_lookup (self->cache, url);
  if (doc != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (g_date_time_difference (now, credence_document_get_fetched_at (doc)) < CACHE_TTL_US)
        credence_document_ref (doc);
      else
        doc = NULL;
    }
  g_mutex_unlock (&self->cache_mutex);

  return doc;
}

static void
cache_store (CredenceLoader   *self,
             CredenceDocument *doc)
{
  g_mutex_lock (&self->cache_mutex);
  if (g_hash_table_size (self->cache) >= CACHE_MAX_ITEMS)
    g_hash_table_remove_all (self->cache);
  g_hash_table_replace (self->cache, g_strdup (credence_document_get_url (doc)),
                        credence_document_ref (doc));
  g_mutex_unlock (&self->cache_mutex);
}

/**
 * credence_loader_fetch:
 * @url: an http or https URL
 * @flags: what is fetched
 * @pins: (nullable): where documents are pinned (online) or read from
 *   (offline)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Fetches @url, from the bundled JSON-LD contexts, a mapped folder, the memory cache, the pinned
 * documents (offline) or the network, and pins the answer in @pins.  Any
 * HTTP answer is returned, whatever its status: see
 * credence_loader_fetch_json() for the classification.  Blocks; call it
 * from a worker thread.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error.
 */
CredenceDocument *
credence_loader_fetch (CredenceLoader       *self,
                       const char           *url,
                       CredenceLoaderFlags   flags,
                       CredenceDocumentSet  *pins,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autoptr(CredenceDocument) doc = NULL;
  int mapped;

  g_return_val_if_fail (CREDENCE_IS_LOADER (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if (g_ascii_strncasecmp (url, "http://", 7) != 0 && g_ascii_strncasecmp (url, "https://", 8) != 0)
    {
      g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_ALLOWED,
                   _("%s is not a web address; Credence only fetches http and https."), url);
      return NULL;
    }

  /* Bundled JSON-LD contexts are never fetched, online or offline. */
  if (!(flags & CREDENCE_LOADER_FLAGS_IMAGE))
    {
      g_autoptr(GBytes) context = credence_contexts_lookup (url);

      if (context != NULL)
        return credence_document_new (url, url, 200, NULL, context);
    }

  mapped = fetch_mapped (self, url, flags, &doc, error);
  if (mapped < 0)
    return NULL;

  if (doc == NULL && self->offline)
    {
      doc = pins != NULL ? credence_document_set_lookup (pins, url) : NULL;
      if (doc == NULL)
        {
          g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_OFFLINE,
                       _("%s was never saved, and Credence is offline."), url);
          return NULL;
        }
      return g_steal_pointer (&doc);
    }

  if (doc == NULL && !(flags & CREDENCE_LOADER_FLAGS_FRESH))
    doc = cache_lookup (self, url);

  if (doc == NULL)
    {
      UrlMap *rewrite = longest_prefix (self->rewrites, url);
      g_autofree char *transport_url = NULL;

      if (rewrite != NULL)
        transport_url = g_strconcat (rewrite->directory, url + strlen (rewrite->prefix), NULL);
      doc = fetch_network (self, url, transport_url != NULL ? transport_url : url, flags,
                           cancellable, error);
      if (doc == NULL)
        return NULL;
      if (credence_document_get_status (doc) == 200)
        cache_store (self, doc);
    }

  if (pins != NULL)
    credence_document_set_add (pins, doc);

  return g_steal_pointer (&doc);
}

/**
 * credence_loader_parse_json:
 * @bytes: a body
 * @error: return location for a #GError
 *
 * Parses @bytes as strict JSON with credence_json_parse_bytes(), whatever
 * the Content-Type said.
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL with @error
 *   (%CREDENCE_LOADER_ERROR_NOT_JSON).
 */
JsonNode *
credence_loader_parse_json (GBytes  *bytes,
                            GError **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = credence_json_parse_bytes (bytes, &local_error);

  if (node == NULL)
    g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_JSON,
                 _("The document is not JSON: %s"), local_error->message);

  return node;
}

/**
 * credence_loader_fetch_json:
 * @url: an http or https URL
 * @flags: %CREDENCE_LOADER_FLAGS_FRESH or none
 * @pins: (nullable): where documents are pinned or read from
 * @out_document: (out) (optional) (transfer full): the document, set
 *   whenever an answer came (also with %CREDENCE_LOADER_ERROR_GONE)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Fetches @url and parses it as JSON.  A 2xx answer is parsed; 410 fails
 * with %CREDENCE_LOADER_ERROR_GONE; any other status with
 * %CREDENCE_LOADER_ERROR_UNREACHABLE.
 *
 * Returns: (transfer full) (nullable): the parsed document
 */
JsonNode *
credence_loader_fetch_json (CredenceLoader       *self,
                            const char           *url,
                            CredenceLoaderFlags   flags,
                            CredenceDocumentSet  *pins,
                            CredenceDocument    **out_document,
                            GCancellable         *cancellable,
                            GError              **error)
{
  g_autoptr(CredenceDocument) doc = NULL;
  guint status;

  doc = credence_loader_fetch (self, url, flags & ~CREDENCE_LOADER_FLAGS_IMAGE, pins,
                               cancellable, error);
  if (doc == NULL)
    return NULL;

  if (out_document != NULL)
    *out_document = credence_document_ref (doc);

  status = credence_document_get_status (doc);
  if (status == 410)
    {
      g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_GONE,
                   _("%s is gone (HTTP 410)."), url);
      return NULL;
    }
  if (status != 0 && !SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_UNREACHABLE,
                   _("%s answered HTTP %u."), url, status);
      return NULL;
    }

  return credence_loader_parse_json (credence_document_get_body (doc), error);
}
