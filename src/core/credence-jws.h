/* credence-jws.h: compact JWS (RFC 7515), attached or detached with an
 * unencoded payload (RFC 7797), as VC-JWT and Ed25519Signature2018 use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "credence-public-key.h"

G_BEGIN_DECLS

#define CREDENCE_JWS_ERROR (credence_jws_error_quark ())

/**
 * CredenceJwsError:
 * @CREDENCE_JWS_ERROR_INVALID: the text is not a compact JWS (three
 *   base64url parts, a JSON object header).
 * @CREDENCE_JWS_ERROR_TOO_LARGE: longer than %CREDENCE_LIMIT_JWT_SIZE.
 * @CREDENCE_JWS_ERROR_ALGORITHM: `alg` is missing, `none`, symmetric or
 *   not supported.
 * @CREDENCE_JWS_ERROR_CRITICAL: the header lists a critical extension
 *   Credence does not understand.
 *
 * Errors from parsing a JWS.  Signature failures are
 * %CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE.
 */
typedef enum
{
  CREDENCE_JWS_ERROR_INVALID,
  CREDENCE_JWS_ERROR_TOO_LARGE,
  CREDENCE_JWS_ERROR_ALGORITHM,
  CREDENCE_JWS_ERROR_CRITICAL,
} CredenceJwsError;

typedef struct _CredenceJws CredenceJws;

GQuark                      credence_jws_error_quark      (void);

CredenceJws                *credence_jws_parse            (const char         *compact,
                                                           GError            **error) G_GNUC_WARN_UNUSED_RESULT;
void                        credence_jws_free             (CredenceJws        *jws);
JsonObject                 *credence_jws_get_header       (CredenceJws        *jws);
GBytes                     *credence_jws_get_payload      (CredenceJws        *jws);
CredenceSignatureAlgorithm  credence_jws_get_algorithm    (CredenceJws        *jws);
gboolean                    credence_jws_is_detached      (CredenceJws        *jws);
gboolean                    credence_jws_verify           (CredenceJws        *jws,
                                                           CredencePublicKey  *key,
                                                           GBytes             *detached_payload,
                                                           GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredenceJws, credence_jws_free)

G_END_DECLS
