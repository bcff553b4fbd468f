/* credence-public-key.h: public keys from multikeys, JWKs and raw points,
 * and the signature checks Open Badges 3.0 needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CREDENCE_PUBLIC_KEY_ERROR (credence_public_key_error_quark ())

/**
 * CredencePublicKeyError:
 * @CREDENCE_PUBLIC_KEY_ERROR_INVALID: the key material is malformed (wrong
 *   length, a point not on the curve, a JWK missing a member).
 * @CREDENCE_PUBLIC_KEY_ERROR_UNSUPPORTED: the key type, curve, multicodec or
 *   algorithm is not one Credence verifies.
 * @CREDENCE_PUBLIC_KEY_ERROR_PRIVATE: a JWK holds private key material (`d`),
 *   which must never be published.
 * @CREDENCE_PUBLIC_KEY_ERROR_WRONG_ALGORITHM: the algorithm does not fit
 *   the key (for example `ES256` with an Ed25519 key).
 * @CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE: the signature does not verify.
 *
 * Errors from importing keys and checking signatures.
 */
typedef enum
{
  CREDENCE_PUBLIC_KEY_ERROR_INVALID,
  CREDENCE_PUBLIC_KEY_ERROR_UNSUPPORTED,
  CREDENCE_PUBLIC_KEY_ERROR_PRIVATE,
  CREDENCE_PUBLIC_KEY_ERROR_WRONG_ALGORITHM,
  CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE,
} CredencePublicKeyError;

/**
 * CredenceKeyType:
 * @CREDENCE_KEY_TYPE_ED25519: an Ed25519 key
 * @CREDENCE_KEY_TYPE_P256: an ECDSA key on NIST P-256
 * @CREDENCE_KEY_TYPE_P384: an ECDSA key on NIST P-384
 * @CREDENCE_KEY_TYPE_RSA: an RSA key (at least 2048 bits)
 */
typedef enum
{
  CREDENCE_KEY_TYPE_ED25519,
  CREDENCE_KEY_TYPE_P256,
  CREDENCE_KEY_TYPE_P384,
  CREDENCE_KEY_TYPE_RSA,
} CredenceKeyType;

/**
 * CredenceSignatureAlgorithm:
 * @CREDENCE_SIGNATURE_EDDSA: Ed25519 (RFC 8032), JOSE `EdDSA`
 * @CREDENCE_SIGNATURE_ES256: ECDSA P-256 SHA-256, raw r‖s signature
 * @CREDENCE_SIGNATURE_ES384: ECDSA P-384 SHA-384, raw r‖s signature
 * @CREDENCE_SIGNATURE_RS256: RSASSA-PKCS1-v1_5 SHA-256
 * @CREDENCE_SIGNATURE_RS384: RSASSA-PKCS1-v1_5 SHA-384
 * @CREDENCE_SIGNATURE_RS512: RSASSA-PKCS1-v1_5 SHA-512
 * @CREDENCE_SIGNATURE_PS256: RSASSA-PSS SHA-256
 * @CREDENCE_SIGNATURE_PS384: RSASSA-PSS SHA-384
 * @CREDENCE_SIGNATURE_PS512: RSASSA-PSS SHA-512
 */
typedef enum
{
  CREDENCE_SIGNATURE_EDDSA,
  CREDENCE_SIGNATURE_ES256,
  CREDENCE_SIGNATURE_ES384,
  CREDENCE_SIGNATURE_RS256,
  CREDENCE_SIGNATURE_RS384,
  CREDENCE_SIGNATURE_RS512,
  CREDENCE_SIGNATURE_PS256,
  CREDENCE_SIGNATURE_PS384,
  CREDENCE_SIGNATURE_PS512,
} CredenceSignatureAlgorithm;

#define CREDENCE_TYPE_PUBLIC_KEY (credence_public_key_get_type ())

G_DECLARE_FINAL_TYPE (CredencePublicKey, credence_public_key, CREDENCE, PUBLIC_KEY, GObject)

GQuark             credence_public_key_error_quark     (void);

gboolean           credence_signature_algorithm_from_jose (const char                 *alg,
                                                           CredenceSignatureAlgorithm *out_alg);

CredencePublicKey *credence_public_key_new_ed25519     (const guint8  *raw,
                                                        gsize          length,
                                                        GError       **error) G_GNUC_WARN_UNUSED_RESULT;
CredencePublicKey *credence_public_key_new_ec_point    (CredenceKeyType type,
                                                        const guint8  *point,
                                                        gsize          length,
                                                        GError       **error) G_GNUC_WARN_UNUSED_RESULT;
CredencePublicKey *credence_public_key_new_rsa         (const guint8  *modulus,
                                                        gsize          modulus_length,
                                                        const guint8  *exponent,
                                                        gsize          exponent_length,
                                                        GError       **error) G_GNUC_WARN_UNUSED_RESULT;
CredencePublicKey *credence_public_key_new_multikey    (const char    *multibase,
                                                        GError       **error) G_GNUC_WARN_UNUSED_RESULT;
CredencePublicKey *credence_public_key_new_jwk         (JsonObject    *jwk,
                                                        GError       **error) G_GNUC_WARN_UNUSED_RESULT;

CredenceKeyType    credence_public_key_get_key_type    (CredencePublicKey *self);
GBytes            *credence_public_key_get_raw         (CredencePublicKey *self);
gboolean           credence_public_key_equal           (CredencePublicKey *self,
                                                        CredencePublicKey *other);
char              *credence_public_key_to_multikey     (CredencePublicKey *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean           credence_public_key_verify          (CredencePublicKey          *self,
                                                        CredenceSignatureAlgorithm  algorithm,
                                                        const guint8               *data,
                                                        gsize                       data_length,
                                                        const guint8               *signature,
                                                        gsize                       signature_length,
                                                        GError                    **error);

G_END_DECLS
