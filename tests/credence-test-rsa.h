/* credence-test-rsa.h: fresh RSA keys and RS256 compact JWS for tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RsaKey RsaKey;

RsaKey     *rsa_key_new          (void);
void        rsa_key_free         (RsaKey     *self);
const char *rsa_key_get_pem_json (RsaKey     *self);
char       *b64url               (const char *text);
char       *sign_jws             (RsaKey     *key,
                                  const char *header,
                                  const char *payload);

G_END_DECLS
