/* credence-did.h: DIDs (did:key, did:web, did:jwk) and verification
 * methods, resolved to public keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "credence-public-key.h"

G_BEGIN_DECLS

#define CREDENCE_DID_ERROR (credence_did_error_quark ())

/**
 * CredenceDidError:
 * @CREDENCE_DID_ERROR_INVALID: the DID, DID URL or verification method
 *   is malformed.
 * @CREDENCE_DID_ERROR_UNSUPPORTED: the DID method or key type is not one
 *   Credence resolves.
 * @CREDENCE_DID_ERROR_NOT_FOUND: the document does not contain the
 *   verification method.
 * @CREDENCE_DID_ERROR_NOT_AUTHORIZED: the controller does not list the
 *   verification method under the required relationship (for example
 *   `assertionMethod`), or the document claims another identifier.
 *
 * Errors from DID and verification-method resolution.  Errors from the
 * fetch function (network, offline) are passed through unchanged.
 */
typedef enum
{
  CREDENCE_DID_ERROR_INVALID,
  CREDENCE_DID_ERROR_UNSUPPORTED,
  CREDENCE_DID_ERROR_NOT_FOUND,
  CREDENCE_DID_ERROR_NOT_AUTHORIZED,
} CredenceDidError;

/**
 * CredenceFetchJsonFunc:
 * @url: an http(s) URL without fragment
 * @user_data: closure data
 * @error: return location for a #GError
 *
 * Fetches and parses a JSON document (from the network, pinned documents
 * or a test map).  Returns: (transfer full): the document, or %NULL with
 * @error set
 */
typedef JsonNode *(*CredenceFetchJsonFunc) (const char  *url,
                                            gpointer     user_data,
                                            GError     **error);

/**
 * CredenceVerificationMethod:
 * @id: the verification method's full id
 * @controller: the id of the controller (for a DID key, the DID)
 * @key: the public key
 */
typedef struct
{
  char              *id;
  char              *controller;
  CredencePublicKey *key;
} CredenceVerificationMethod;

GQuark                      credence_did_error_quark     (void);

char                       *credence_did_web_to_url      (const char             *did,
                                                          GError                **error) G_GNUC_WARN_UNUSED_RESULT;
CredenceVerificationMethod *credence_verification_method_from_json (JsonObject   *object,
                                                          const char             *base_id,
                                                          GError                **error) G_GNUC_WARN_UNUSED_RESULT;
CredenceVerificationMethod *credence_did_resolve_verification_method (const char *url,
                                                          const char             *relationship,
                                                          CredenceFetchJsonFunc   fetch,
                                                          gpointer                user_data,
                                                          GError                **error) G_GNUC_WARN_UNUSED_RESULT;
void                        credence_verification_method_free (CredenceVerificationMethod *method);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredenceVerificationMethod, credence_verification_method_free)

G_END_DECLS
