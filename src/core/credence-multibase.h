/* credence-multibase.h: base58btc, base64url, multibase and multicodec
 * decoding for keys, signatures and status lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CREDENCE_MULTIBASE_ERROR (credence_multibase_error_quark ())

/**
 * CredenceMultibaseError:
 * @CREDENCE_MULTIBASE_ERROR_INVALID: the text is not valid in its encoding
 *   (a character outside the alphabet, bad padding, a truncated varint).
 * @CREDENCE_MULTIBASE_ERROR_UNSUPPORTED: the multibase prefix or the
 *   multicodec code is not one Credence knows.
 * @CREDENCE_MULTIBASE_ERROR_TOO_LARGE: the text is longer than the limit
 *   for its encoding (%CREDENCE_LIMIT_BASE58_LENGTH for base58btc,
 *   %CREDENCE_LIMIT_BASE64_LENGTH for base64).
 *
 * Errors from decoding multibase text.
 */
typedef enum
{
  CREDENCE_MULTIBASE_ERROR_INVALID,
  CREDENCE_MULTIBASE_ERROR_UNSUPPORTED,
  CREDENCE_MULTIBASE_ERROR_TOO_LARGE,
} CredenceMultibaseError;

/* Multicodec codes Credence reads (unsigned-varint encoded in keys). */
#define CREDENCE_MULTICODEC_ED25519_PUB   0xed
#define CREDENCE_MULTICODEC_ED25519_PRIV  0x1300
#define CREDENCE_MULTICODEC_P256_PUB      0x1200
#define CREDENCE_MULTICODEC_P384_PUB      0x1201

GQuark   credence_multibase_error_quark   (void);

GBytes  *credence_base58btc_decode        (const char    *text,
                                           gssize         length,
                                           GError       **error) G_GNUC_WARN_UNUSED_RESULT;
char    *credence_base58btc_encode        (const guint8  *data,
                                           gsize          length) G_GNUC_WARN_UNUSED_RESULT;
GBytes  *credence_base64url_decode        (const char    *text,
                                           gssize         length,
                                           GError       **error) G_GNUC_WARN_UNUSED_RESULT;
char    *credence_base64url_encode        (const guint8  *data,
                                           gsize          length) G_GNUC_WARN_UNUSED_RESULT;
GBytes  *credence_multibase_decode        (const char    *text,
                                           GError       **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean credence_multicodec_split        (GBytes        *bytes,
                                           guint64       *out_code,
                                           GBytes       **out_rest,
                                           GError       **error);

G_END_DECLS
