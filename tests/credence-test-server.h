/* credence-test-server.h: a SoupServer on 127.0.0.1 in its own thread,
 * for tests of the blocking network code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TestServer TestServer;

TestServer *test_server_new          (void);
TestServer *test_server_new_tls      (GTlsCertificate *certificate);
void        test_server_free         (TestServer *self);
const char *test_server_get_base     (TestServer *self);
char       *test_server_url          (TestServer *self,
                                      const char *path);

void        test_server_add          (TestServer *self,
                                      const char *path,
                                      guint       status,
                                      const char *content_type,
                                      GBytes     *body);
void        test_server_add_encoded  (TestServer *self,
                                      const char *path,
                                      const char *content_type,
                                      const char *content_encoding,
                                      GBytes     *body);
void        test_server_add_string   (TestServer *self,
                                      const char *path,
                                      guint       status,
                                      const char *content_type,
                                      const char *body);
void        test_server_add_redirect (TestServer *self,
                                      const char *path,
                                      guint       status,
                                      const char *location);
void        test_server_add_hang     (TestServer *self,
                                      const char *path);
void        test_server_add_endless  (TestServer *self,
                                      const char *path,
                                      gsize       size,
                                      gboolean    declare_length);
void        test_server_add_drip     (TestServer *self,
                                      const char *path,
                                      guint       interval_ms,
                                      gsize       size);
void        test_server_add_dir      (TestServer *self,
                                      const char *path_prefix,
                                      const char *directory);
void        test_server_remove       (TestServer *self,
                                      const char *path);
guint       test_server_get_hits     (TestServer *self,
                                      const char *path);
GHashTable *test_server_dup_request_headers (TestServer *self,
                                             const char *path);

G_END_DECLS
