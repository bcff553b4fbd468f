/* credence-test-server.c: a SoupServer on 127.0.0.1 in its own thread.
 *
 * The code under test blocks (it runs in worker threads), so the server
 * runs its own main loop in a thread of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "credence-test-server.h"

typedef enum
{
  ROUTE_BODY,
  ROUTE_REDIRECT,
  ROUTE_HANG,
  ROUTE_ENDLESS,
  ROUTE_DRIP,
  ROUTE_DIR,
} RouteKind;

typedef struct
{
  RouteKind  kind;
  guint      status;
  char      *content_type;
  char      *content_encoding;
  GBytes    *body;
  char      *location;
  gsize      size;
  gboolean   declare_length;
  guint      interval_ms;
  char      *directory;
  guint      hits;
  GHashTable *headers;
} Route;

struct _TestServer
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *base;

  GMutex        mutex;
  GCond         cond;
  GHashTable   *routes; /* path → Route */
  GPtrArray    *dirs;   /* Route of kind ROUTE_DIR, location = prefix */
  GPtrArray    *paused; /* SoupServerMessage */
  GTlsCertificate *certificate;
};

static void
route_free (Route *route)
{
  g_free (route->content_type);
  g_free (route->content_encoding);
  g_clear_pointer (&route->body, g_bytes_unref);
  g_free (route->location);
  g_free (route->directory);
  g_clear_pointer (&route->headers, g_hash_table_unref);
  g_free (route);
}

typedef struct
{
  gsize remaining;
} Endless;

static void
endless_wrote_chunk_cb (SoupServerMessage *msg,
                        gpointer           data)
{
  Endless *state = data;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  static char chunk[64 * 1024];
  gsize n = MIN (state->remaining, sizeof chunk);

  if (n == 0)
    {
      soup_message_body_complete (body);
      return;
    }
  memset (chunk, ' ', sizeof chunk);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, chunk, n);
  state->remaining -= n;
}

/* A drip: one byte every interval, from a timer in the server's thread.
 * libsoup pauses the message whenever its body has nothing more to write.
 */
typedef struct
{
  SoupServerMessage *msg;   /* not owned: the timer goes when it finishes */
  GSource           *timer;
  guint              interval_ms;
  gsize              remaining;
} Drip;

static gboolean
drip_cb (gpointer data)
{
  Drip *drip = data;
  SoupMessageBody *body = soup_server_message_get_response_body (drip->msg);

  g_clear_pointer (&drip->timer, g_source_unref);
  if (drip->remaining == 0)
    soup_message_body_complete (body);
  else
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, " ", 1);
      drip->remaining--;
    }
  soup_server_message_unpause (drip->msg);

  return G_SOURCE_REMOVE;
}

static void
drip_schedule_cb (SoupServerMessage *msg,
                  gpointer           data)
{
  Drip *drip = data;

  if (drip->timer != NULL)
    return;
  drip->timer = g_timeout_source_new (drip->interval_ms);
  g_source_set_callback (drip->timer, drip_cb, drip, NULL);
  g_source_attach (drip->timer, g_main_context_get_thread_default ());
}

static void
drip_finished_cb (SoupServerMessage *msg,
                  gpointer           data)
{
  Drip *drip = data;

  if (drip->timer != NULL)
    {
      g_source_destroy (drip->timer);
      g_clear_pointer (&drip->timer, g_source_unref);
    }
}

static void
drip_free (gpointer  data,
           GClosure *closure)
{
  Drip *drip = data;

  if (drip->timer != NULL)
    {
      g_source_destroy (drip->timer);
      g_source_unref (drip->timer);
    }
  g_free (drip);
}

static void
record_headers (Route             *route,
                SoupServerMessage *msg)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  g_clear_pointer (&route->headers, g_hash_table_unref);
  route->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_hash_table_replace (route->headers, g_ascii_strdown (name, -1), g_strdup (value));
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  TestServer *self = data;
  Route *route;

  g_mutex_lock (&self->mutex);
  route = g_hash_table_lookup (self->routes, path);
  if (route == NULL)
    for (guint i = 0; i < self->dirs->len; i++)
      {
        Route *dir = g_ptr_array_index (self->dirs, i);

        if (g_str_has_prefix (path, dir->location))
          {
            g_autofree char *file = g_build_filename (dir->directory,
                                                      path + strlen (dir->location), NULL);
            char *contents = NULL;
            gsize len = 0;

            dir->hits++;
            if (strstr (path, "..") == NULL && g_file_get_contents (file, &contents, &len, NULL))
              {
                soup_server_message_set_status (msg, 200, NULL);
                soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_TAKE,
                                                  contents, len);
              }
            else
              soup_server_message_set_status (msg, 404, NULL);
            g_mutex_unlock (&self->mutex);
            return;
          }
      }

  if (route == NULL)
    {
      g_mutex_unlock (&self->mutex);
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }

  route->hits++;
  record_headers (route, msg);

  switch (route->kind)
    {
    case ROUTE_BODY:
      soup_server_message_set_status (msg, route->status, NULL);
      soup_server_message_set_response (msg, route->content_type, SOUP_MEMORY_COPY,
                                        g_bytes_get_data (route->body, NULL),
                                        g_bytes_get_size (route->body));
      if (route->content_encoding != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "Content-Encoding", route->content_encoding);
      break;

    case ROUTE_REDIRECT:
      soup_server_message_set_redirect (msg, route->status, route->location);
      break;

    case ROUTE_HANG:
      soup_server_message_pause (msg);
      g_ptr_array_add (self->paused, g_object_ref (msg));
      break;

    case ROUTE_ENDLESS:
      {
        SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
        Endless *state = g_new0 (Endless, 1);

        state->remaining = route->size;
        soup_server_message_set_status (msg, 200, NULL);
        soup_message_headers_set_content_type (headers, "application/json", NULL);
        if (route->declare_length)
          soup_message_headers_set_content_length (headers, route->size);
        else
          soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
        soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
        g_signal_connect_data (msg, "wrote-chunk", G_CALLBACK (endless_wrote_chunk_cb),
                               state, (GClosureNotify) (void (*) (void)) g_free, 0);
        g_signal_connect (msg, "wrote-headers", G_CALLBACK (endless_wrote_chunk_cb), state);
      }
      break;

    case ROUTE_DRIP:
      {
        SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
        Drip *drip = g_new0 (Drip, 1);

        drip->msg = msg;
        drip->interval_ms = route->interval_ms;
        drip->remaining = route->size;
        soup_server_message_set_status (msg, 200, NULL);
        soup_message_headers_set_content_type (headers, "application/json", NULL);
        soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
        soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
        g_signal_connect (msg, "wrote-headers", G_CALLBACK (drip_schedule_cb), drip);
        g_signal_connect (msg, "wrote-chunk", G_CALLBACK (drip_schedule_cb), drip);
        g_signal_connect_data (msg, "finished", G_CALLBACK (drip_finished_cb), drip, drip_free, 0);
      }
      break;

    case ROUTE_DIR:
    default:
      g_assert_not_reached ();
    }
  g_mutex_unlock (&self->mutex);
}

static gpointer
server_thread (gpointer data)
{
  TestServer *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) addr = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) sockaddr = g_inet_socket_address_new (addr, 0);
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("tls-certificate", self->certificate, NULL);
  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);
  soup_server_listen (self->server, sockaddr,
                      self->certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  g_mutex_lock (&self->mutex);
  self->base = g_uri_to_string (uris->data);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  for (guint i = 0; i < self->paused->len; i++)
    soup_server_message_unpause (g_ptr_array_index (self->paused, i));
  g_ptr_array_set_size (self->paused, 0);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_pending (self->context))
    g_main_context_iteration (self->context, FALSE);

  g_main_context_pop_thread_default (self->context);
  return NULL;
}

TestServer *
test_server_new (void)
{
  return test_server_new_tls (NULL);
}

/* With @certificate, the server speaks https only. */
TestServer *
test_server_new_tls (GTlsCertificate *certificate)
{
  TestServer *self = g_new0 (TestServer, 1);

  if (certificate != NULL)
    self->certificate = g_object_ref (certificate);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) route_free);
  self->dirs = g_ptr_array_new_with_free_func ((GDestroyNotify) route_free);
  self->paused = g_ptr_array_new_with_free_func (g_object_unref);

  g_mutex_lock (&self->mutex);
  self->thread = g_thread_new ("test-server", server_thread, self);
  while (self->base == NULL)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
test_server_free (TestServer *self)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, quit_cb, self->loop, NULL);
  g_source_attach (source, self->context);
  g_source_unref (source);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->routes);
  g_ptr_array_unref (self->dirs);
  g_ptr_array_unref (self->paused);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_clear_object (&self->certificate);
  g_free (self->base);
  g_free (self);
}

/* The base URL, ending in "/". */
const char *
test_server_get_base (TestServer *self)
{
  return self->base;
}

char *
test_server_url (TestServer *self,
                 const char *path)
{
  while (path[0] == '/')
    path++;
  return g_strconcat (self->base, path, NULL);
}

static void
add_route (TestServer *self,
           const char *path,
           Route      *route)
{
  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->routes, g_strdup (path), route);
  g_mutex_unlock (&self->mutex);
}

void
test_server_add (TestServer *self,
                 const char *path,
                 guint       status,
                 const char *content_type,
                 GBytes     *body)
{
  Route *route = g_new0 (Route, 1);

  route->kind = ROUTE_BODY;
  route->status = status;
  route->content_type = g_strdup (content_type);
  route->body = g_bytes_ref (body);
  add_route (self, path, route);
}

/* Serves @body as it is, declared as encoded with @content_encoding
 * ("gzip"): the client decodes it.
 */
void
test_server_add_encoded (TestServer *self,
                         const char *path,
                         const char *content_type,
                         const char *content_encoding,
                         GBytes     *body)
{
  Route *route = g_new0 (Route, 1);

  route->kind = ROUTE_BODY;
  route->status = 200;
  route->content_type = g_strdup (content_type);
  route->content_encoding = g_strdup (content_encoding);
  route->body = g_bytes_ref (body);
  add_route (self, path, route);
}

void
test_server_add_string (TestServer *self,
                        const char *path,
                        guint       status,
                        const char *content_type,
                        const char *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  test_server_add (self, path, status, content_type, bytes);
}

void
test_server_add_redirect (TestServer *self,
                          const char *path,
                          guint       status,
                          const char *location)
{
  Route *route = g_new0 (Route, 1);

  route->kind = ROUTE_REDIRECT;
  route->status = status;
  route->location = g_strdup (location);
  add_route (self, path, route);
}

void
test_server_add_hang (TestServer *self,
                      const char *path)
{
  Route *route = g_new0 (Route, 1);

  route->kind = ROUTE_HANG;
  add_route (self, path, route);
}

void
test_server_add_endless (TestServer *self,
                         const char *path,
                         gsize       size,
                         gboolean    declare_length)
{
  Route *route = g_new0 (Route, 1);

  route->kind = ROUTE_ENDLESS;
  route->size = size;
  route->declare_length = declare_length;
  add_route (self, path, route);
}

/* A server that sends @size bytes of spaces, one every @interval_ms
 * (G_MAXSIZE: forever).
 */
void
test_server_add_drip (TestServer *self,
                      const char *path,
                      guint       interval_ms,
                      gsize       size)
{
  Route *route = g_new0 (Route, 1);

  route->kind = ROUTE_DRIP;
  route->interval_ms = interval_ms;
  route->size = size;
  add_route (self, path, route);
}

/* Serves every path starting with @path_prefix from @directory. */
void
test_server_add_dir (TestServer *self,
                     const char *path_prefix,
                     const char *directory)
{
  Route *route = g_new0 (Route, 1);

  route->kind = ROUTE_DIR;
  route->location = g_strdup (path_prefix);
  route->directory = g_strdup (directory);
  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->dirs, route);
  g_mutex_unlock (&self->mutex);
}

void
test_server_remove (TestServer *self,
                    const char *path)
{
  g_mutex_lock (&self->mutex);
  g_hash_table_remove (self->routes, path);
  g_mutex_unlock (&self->mutex);
}

guint
test_server_get_hits (TestServer *self,
                      const char *path)
{
  Route *route;
  guint hits = 0;

  g_mutex_lock (&self->mutex);
  route = g_hash_table_lookup (self->routes, path);
  if (route != NULL)
    hits = route->hits;
  g_mutex_unlock (&self->mutex);

  return hits;
}

/* The request headers (lower-case names) of the last request for @path. */
GHashTable *
test_server_dup_request_headers (TestServer *self,
                                 const char *path)
{
  Route *route;
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_mutex_lock (&self->mutex);
  route = g_hash_table_lookup (self->routes, path);
  if (route != NULL && route->headers != NULL)
    {
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, route->headers);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_replace (copy, g_strdup (k), g_strdup (v));
    }
  g_mutex_unlock (&self->mutex);

  return copy;
}
