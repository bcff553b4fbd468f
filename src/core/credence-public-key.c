/* credence-public-key.c: public keys and signature checks on GnuTLS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-public-key"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <string.h>

#include "credence-multibase.h"
#include "credence-public-key.h"

struct _CredencePublicKey
{
  GObject          parent_instance;

  CredenceKeyType  key_type;
  gnutls_pubkey_t  pubkey;
  /* Ed25519: the 32-byte key; EC: 0x04 ‖ x ‖ y; RSA: n ‖ e (n without
   * leading zeros, prefixed by its 4-byte big-endian length). */
  GBytes          *raw;
};

G_DEFINE_TYPE (CredencePublicKey, credence_public_key, G_TYPE_OBJECT)

G_DEFINE_QUARK (credence-public-key-error-quark, credence_public_key_error)

#define MIN_RSA_BITS 2048

static void
credence_public_key_finalize (GObject *object)
{
  CredencePublicKey *self = CREDENCE_PUBLIC_KEY (object);

  if (self->pubkey != NULL)
    gnutls_pubkey_deinit (self->pubkey);
  g_clear_pointer (&self->raw, g_bytes_unref);

  G_OBJECT_CLASS (credence_public_key_parent_class)->finalize (object);
}

static void
credence_public_key_class_init (CredencePublicKeyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = credence_public_key_finalize;
}

static void
credence_public_key_init (CredencePublicKey *self)
{
}

static CredencePublicKey *
key_new (CredenceKeyType type)
{
  CredencePublicKey *self = g_object_new (CREDENCE_TYPE_PUBLIC_KEY, NULL);

  self->key_type = type;
  if (gnutls_pubkey_init (&self->pubkey) < 0)
    g_error ("Out of memory creating a public key");
  return self;
}

static gpointer
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, CREDENCE_PUBLIC_KEY_ERROR,
                       CREDENCE_PUBLIC_KEY_ERROR_INVALID, message);
  return NULL;
}

/**
 * credence_signature_algorithm_from_jose:
 * @alg: a JOSE `alg` value
 * @out_alg: (out): the algorithm
 *
 * Returns: %TRUE if @alg names an asymmetric algorithm Credence verifies
 *   (`none` and the HMAC algorithms are refused)
 */
gboolean
credence_signature_algorithm_from_jose (const char                 *alg,
                                        CredenceSignatureAlgorithm *out_alg)
{
  static const struct { const char *name; CredenceSignatureAlgorithm alg; } table[] = {
    { "EdDSA", CREDENCE_SIGNATURE_EDDSA },
    { "Ed25519", CREDENCE_SIGNATURE_EDDSA },
    { "ES256", CREDENCE_SIGNATURE_ES256 },
    { "ES384", CREDENCE_SIGNATURE_ES384 },
    { "RS256", CREDENCE_SIGNATURE_RS256 },
    { "RS384", CREDENCE_SIGNATURE_RS384 },
    { "RS512", CREDENCE_SIGNATURE_RS512 },
    { "PS256", CREDENCE_SIGNATURE_PS256 },
    { "PS384", CREDENCE_SIGNATURE_PS384 },
    { "PS512", CREDENCE_SIGNATURE_PS512 },
  };

  if (alg == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      if (strcmp (alg, table[i].name) == 0)
        {
          *out_alg = table[i].alg;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * credence_public_key_new_ed25519:
 * @raw: the 32-byte public key
 * @length: length of @raw
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
CredencePublicKey *
credence_public_key_new_ed25519 (const guint8  *raw,
                                 gsize          length,
                                 GError       **error)
{
  g_autoptr(CredencePublicKey) self = NULL;
  gnutls_datum_t x = { (unsigned char *) raw, (unsigned int) length };

  if (length != 32)
    return set_invalid (error, _("An Ed25519 public key must be 32 bytes long"));

  self = key_new (CREDENCE_KEY_TYPE_ED25519);
  if (gnutls_pubkey_import_ecc_raw (self->pubkey, GNUTLS_ECC_CURVE_ED25519, &x, NULL) < 0)
    return set_invalid (error, _("The Ed25519 public key could not be read"));
  self->raw = g_bytes_new (raw, length);

  return g_steal_pointer (&self);
}

/* A little big-number arithmetic, enough to decompress a P-256 or P-384
 * point (y = sqrt(x³ − 3x + b) mod p, and p ≡ 3 mod 4).  Speed does not
 * matter: it runs once per key.  Numbers are little-endian 32-bit limbs. */
#define BN_LIMBS 12

typedef struct
{
  guint32 v[BN_LIMBS + 1];
} Bn;

static void
bn_from_bytes (Bn           *r,
               const guint8 *data,
               gsize         length)
{
  memset (r, 0, sizeof *r);
  for (gsize i = 0; i < length; i++)
    {
      gsize bit = (length - 1 - i) * 8;
      r->v[bit / 32] |= (guint32) data[i] << (bit % 32);
    }
}

static void
bn_to_bytes (const Bn *a,
             guint8   *data,
             gsize     length)
{
  for (gsize i = 0; i < length; i++)
    {
      gsize bit = (length - 1 - i) * 8;
      data[i] = (a->v[bit / 32] >> (bit % 32)) & 0xff;
    }
}

static int
bn_cmp (const Bn *a,
        const Bn *b)
{
  for (int i = BN_LIMBS; i >= 0; i--)
    {
      if (a->v[i] != b->v[i])
        return a->v[i] < b->v[i] ? -1 : 1;
    }
  return 0;
}

static void
bn_sub (Bn       *a,
        const Bn *b)
{
  guint64 borrow = 0;

  for (int i = 0; i <= BN_LIMBS; i++)
    {
      guint64 d = (guint64) a->v[i] - b->v[i] - borrow;
      a->v[i] = (guint32) d;
      borrow = (d >> 63) & 1;
    }
}

static void
bn_add (Bn       *a,
        const Bn *b)
{
  guint64 carry = 0;

  for (int i = 0; i <= BN_LIMBS; i++)
    {
      guint64 s = (guint64) a->v[i] + b->v[i] + carry;
      a->v[i] = (guint32) s;
      carry = s >> 32;
    }
}

/* r = a·b mod p, by schoolbook product and bitwise reduction. */
static void
bn_mulmod (Bn       *r,
           const Bn *a,
           const Bn *b,
           const Bn *p)
{
  guint32 prod[2 * BN_LIMBS] = { 0 };
  Bn acc = { { 0 } };

  for (int i = 0; i < BN_LIMBS; i++)
    {
      guint64 carry = 0;

      for (int j = 0; j < BN_LIMBS; j++)
        {
          guint64 t = (guint64) a->v[i] * b->v[j] + prod[i + j] + carry;
          prod[i + j] = (guint32) t;
          carry = t >> 32;
        }
      prod[i + BN_LIMBS] = (guint32) carry;
    }

  for (int bit = 2 * BN_LIMBS * 32 - 1; bit >= 0; bit--)
    {
      guint32 carry = (prod[bit / 32] >> (bit % 32)) & 1;

      for (int i = 0; i <= BN_LIMBS; i++)
        {
          guint32 next = acc.v[i] >> 31;
          acc.v[i] = (acc.v[i] << 1) | carry;
          carry = next;
        }
      if (bn_cmp (&acc, p) >= 0)
        bn_sub (&acc, p);
    }

  *r = acc;
}

static void
bn_powmod (Bn       *r,
           const Bn *base,
           const Bn *exponent,
           const Bn *p)
{
  Bn result = { { 1 } };

  for (int bit = (BN_LIMBS + 1) * 32 - 1; bit >= 0; bit--)
    {
      bn_mulmod (&result, &result, &result, p);
      if ((exponent->v[bit / 32] >> (bit % 32)) & 1)
        bn_mulmod (&result, &result, base, p);
    }
  *r = result;
}

static const char *p256_p = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
static const char *p256_b = "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b";
static const char *p384_p = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
                            "ffffffff0000000000000000ffffffff";
static const char *p384_b = "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875a"
                            "c656398d8a2ed19d2a85c8edd3ec2aef";

static void
bn_from_hex (Bn         *r,
             const char *hex)
{
  guint8 buf[64];
  gsize n = strlen (hex) / 2;

  for (gsize i = 0; i < n; i++)
    buf[i] = (g_ascii_xdigit_value (hex[2 * i]) << 4) | g_ascii_xdigit_value (hex[2 * i + 1]);
  bn_from_bytes (r, buf, n);
}

/* rhs = x³ − 3x + b mod p; FALSE if x ≥ p. */
static gboolean
curve_rhs (CredenceKeyType  type,
           const guint8    *x_bytes,
           gsize            coord,
           Bn              *p,
           Bn              *rhs)
{
  Bn b, x, t, three;

  bn_from_hex (p, type == CREDENCE_KEY_TYPE_P256 ? p256_p : p384_p);
  bn_from_hex (&b, type == CREDENCE_KEY_TYPE_P256 ? p256_b : p384_b);
  bn_from_bytes (&x, x_bytes, coord);
  if (bn_cmp (&x, p) >= 0)
    return FALSE;

  bn_mulmod (&t, &x, &x, p);
  bn_mulmod (rhs, &t, &x, p);
  memset (&three, 0, sizeof three);
  three.v[0] = 3;
  bn_mulmod (&t, &three, &x, p);
  bn_add (rhs, p);
  bn_sub (rhs, &t);
  if (bn_cmp (rhs, p) >= 0)
    bn_sub (rhs, p);
  bn_add (rhs, &b);
  if (bn_cmp (rhs, p) >= 0)
    bn_sub (rhs, p);
  return TRUE;
}

/* Whether (x, y) satisfies the curve equation. */
static gboolean
on_curve (CredenceKeyType  type,
          const guint8    *x_bytes,
          const guint8    *y_bytes,
          gsize            coord)
{
  Bn p, rhs, y, check;

  if (!curve_rhs (type, x_bytes, coord, &p, &rhs))
    return FALSE;
  bn_from_bytes (&y, y_bytes, coord);
  if (bn_cmp (&y, &p) >= 0)
    return FALSE;
  bn_mulmod (&check, &y, &y, &p);
  return bn_cmp (&check, &rhs) == 0;
}

/* Computes y for a compressed point; FALSE if x is not on the curve. */
static gboolean
decompress_point (CredenceKeyType  type,
                  const guint8    *x_bytes,
                  gsize            coord,
                  gboolean         odd,
                  guint8          *y_out)
{
  Bn p, rhs, t, e, y, check;

  if (!curve_rhs (type, x_bytes, coord, &p, &rhs))
    return FALSE;

  /* y = rhs^((p+1)/4) */
  e = p;
  memset (&t, 0, sizeof t);
  t.v[0] = 1;
  bn_add (&e, &t);
  for (int i = 0; i <= BN_LIMBS; i++)
    e.v[i] = (e.v[i] >> 2) | (i < BN_LIMBS ? e.v[i + 1] << 30 : 0);
  bn_powmod (&y, &rhs, &e, &p);

  bn_mulmod (&check, &y, &y, &p);
  if (bn_cmp (&check, &rhs) != 0)
    return FALSE;

  if ((gboolean) (y.v[0] & 1) != odd)
    {
      t = p;
      bn_sub (&t, &y);
      y = t;
    }
  bn_to_bytes (&y, y_out, coord);
  return TRUE;
}

/**
 * credence_public_key_new_ec_point:
 * @type: %CREDENCE_KEY_TYPE_P256 or %CREDENCE_KEY_TYPE_P384
 * @point: an SEC 1 point, compressed (`02`/`03` ‖ x) or not (`04` ‖ x ‖ y)
 * @length: length of @point
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
CredencePublicKey *
credence_public_key_new_ec_point (CredenceKeyType  type,
                                  const guint8    *point,
                                  gsize            length,
                                  GError         **error)
{
  g_autoptr(CredencePublicKey) self = NULL;
  gsize coord;
  guint8 full[1 + 2 * 48];
  gnutls_datum_t x, y;

  g_return_val_if_fail (type == CREDENCE_KEY_TYPE_P256 || type == CREDENCE_KEY_TYPE_P384, NULL);

  coord = type == CREDENCE_KEY_TYPE_P256 ? 32 : 48;
  full[0] = 0x04;

  if (length == 1 + coord && (point[0] == 0x02 || point[0] == 0x03))
    {
      memcpy (full + 1, point + 1, coord);
      if (!decompress_point (type, point + 1, coord, point[0] == 0x03, full + 1 + coord))
        return set_invalid (error, _("The elliptic-curve public key is not a point on its curve"));
    }
  else if (length == 1 + 2 * coord && point[0] == 0x04)
    {
      memcpy (full, point, length);
    }
  else
    {
      return set_invalid (error, _("The elliptic-curve public key has the wrong length or form"));
    }

  x.data = full + 1;
  x.size = coord;
  y.data = full + 1 + coord;
  y.size = coord;

  self = key_new (type);
  if (gnutls_pubkey_import_ecc_raw (self->pubkey,
                                    type == CREDENCE_KEY_TYPE_P256 ? GNUTLS_ECC_CURVE_SECP256R1
                                                                   : GNUTLS_ECC_CURVE_SECP384R1,
                                    &x, &y) < 0)
    return set_invalid (error, _("The elliptic-curve public key could not be read"));

  /* GnuTLS accepts off-curve points on import. */
  if (!on_curve (type, full + 1, full + 1 + coord, coord))
    return set_invalid (error, _("The elliptic-curve public key is not a point on its curve"));

  self->raw = g_bytes_new (full, 1 + 2 * coord);
  return g_steal_pointer (&self);
}

/**
 * credence_public_key_new_rsa:
 * @modulus: big-endian unsigned modulus
 * @modulus_length: its length
 * @exponent: big-endian unsigned public exponent
 * @exponent_length: its length
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the key, or %NULL with @error set (keys under
 *   2048 bits are refused)
 */
CredencePublicKey *
credence_public_key_new_rsa (const guint8  *modulus,
                             gsize          modulus_length,
                             const guint8  *exponent,
                             gsize          exponent_length,
                             GError       **error)
{
  g_autoptr(CredencePublicKey) self = NULL;
  gnutls_datum_t n, e;
  unsigned int bits = 0;
  GByteArray *raw;
  guint8 len_be[4];

  while (modulus_length > 0 && modulus[0] == 0)
    {
      modulus++;
      modulus_length--;
    }
  while (exponent_length > 0 && exponent[0] == 0)
    {
      exponent++;
      exponent_length--;
    }
  if (modulus_length == 0 || exponent_length == 0 || exponent_length > 8)
    return set_invalid (error, _("The RSA public key is malformed"));

  n.data = (unsigned char *) modulus;
  n.size = modulus_length;
  e.data = (unsigned char *) exponent;
  e.size = exponent_length;

  self = key_new (CREDENCE_KEY_TYPE_RSA);
  if (gnutls_pubkey_import_rsa_raw (self->pubkey, &n, &e) < 0)
    return set_invalid (error, _("The RSA public key could not be read"));

  gnutls_pubkey_get_pk_algorithm (self->pubkey, &bits);
  if (bits < MIN_RSA_BITS)
    {
      g_set_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_UNSUPPORTED,
                   _("The RSA key has %u bits; keys shorter than %u bits are too weak to trust"),
                   bits, MIN_RSA_BITS);
      return NULL;
    }

  raw = g_byte_array_new ();
  len_be[0] = (modulus_length >> 24) & 0xff;
  len_be[1] = (modulus_length >> 16) & 0xff;
  len_be[2] = (modulus_length >> 8) & 0xff;
  len_be[3] = modulus_length & 0xff;
  g_byte_array_append (raw, len_be, 4);
  g_byte_array_append (raw, modulus, modulus_length);
  g_byte_array_append (raw, exponent, exponent_length);
  self->raw = g_byte_array_free_to_bytes (raw);

  return g_steal_pointer (&self);
}

/**
 * credence_public_key_new_multikey:
 * @multibase: a `publicKeyMultibase` value: `z` + base58btc(multicodec
 *   header ‖ key), for Ed25519 (`0xed`), P-256 (`0x1200`) or P-384
 *   (`0x1201`, compressed points)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
CredencePublicKey *
credence_public_key_new_multikey (const char  *multibase,
                                  GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) rest = NULL;
  guint64 code = 0;
  const guint8 *data;
  gsize len;

  if (multibase == NULL || multibase[0] != 'z')
    {
      g_set_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_INVALID,
                   _("A multikey must be base58btc text starting with “z”"));
      return NULL;
    }

  bytes = credence_multibase_decode (multibase, error);
  if (bytes == NULL)
    return NULL;
  if (!credence_multicodec_split (bytes, &code, &rest, error))
    return NULL;

  data = g_bytes_get_data (rest, &len);
  switch (code)
    {
    case CREDENCE_MULTICODEC_ED25519_PUB:
      return credence_public_key_new_ed25519 (data, len, error);
    case CREDENCE_MULTICODEC_P256_PUB:
      return credence_public_key_new_ec_point (CREDENCE_KEY_TYPE_P256, data, len, error);
    case CREDENCE_MULTICODEC_P384_PUB:
      return credence_public_key_new_ec_point (CREDENCE_KEY_TYPE_P384, data, len, error);
    default:
      g_set_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_UNSUPPORTED,
                   _("The multikey type 0x%" G_GINT64_MODIFIER "x is not supported"), code);
      return NULL;
    }
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static GBytes *
jwk_member (JsonObject  *jwk,
            const char  *name,
            GError     **error)
{
  const char *text = get_string (jwk, name);
  GBytes *bytes;

  if (text == NULL)
    {
      g_set_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_INVALID,
                   _("The JSON Web Key has no “%s” member"), name);
      return NULL;
    }
  bytes = credence_base64url_decode (text, -1, NULL);
  if (bytes == NULL)
    g_set_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_INVALID,
                 _("The JSON Web Key member “%s” is not base64url"), name);
  return bytes;
}

/**
 * credence_public_key_new_jwk:
 * @jwk: a public JSON Web Key (RFC 7517): `RSA`, `EC` (`P-256`, `P-384`)
 *   or `OKP` (`Ed25519`)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
CredencePublicKey *
credence_public_key_new_jwk (JsonObject  *jwk,
                             GError     **error)
{
  const char *kty = get_string (jwk, "kty");
  const char *crv = get_string (jwk, "crv");

  if (jwk == NULL || kty == NULL)
    return set_invalid (error, _("The JSON Web Key has no key type (“kty”)"));

  if (json_object_has_member (jwk, "d"))
    {
      g_set_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_PRIVATE,
                   _("The JSON Web Key contains a private key; the issuer must publish only the public key"));
      return NULL;
    }

  if (strcmp (kty, "OKP") == 0)
    {
      g_autoptr(GBytes) x = NULL;

      if (g_strcmp0 (crv, "Ed25519") != 0)
        goto unsupported;
      if ((x = jwk_member (jwk, "x", error)) == NULL)
        return NULL;
      return credence_public_key_new_ed25519 (g_bytes_get_data (x, NULL), g_bytes_get_size (x), error);
    }
  else if (strcmp (kty, "EC") == 0)
    {
      g_autoptr(GBytes) x = NULL;
      g_autoptr(GBytes) y = NULL;
      CredenceKeyType type;
      gsize coord;
      guint8 point[1 + 2 * 48];

      if (g_strcmp0 (crv, "P-256") == 0)
        type = CREDENCE_KEY_TYPE_P256, coord = 32;
      else if (g_strcmp0 (crv, "P-384") == 0)
        type = CREDENCE_KEY_TYPE_P384, coord = 48;
      else
        goto unsupported;

      if ((x = jwk_member (jwk, "x", error)) == NULL || (y = jwk_member (jwk, "y", error)) == NULL)
        return NULL;
      if (g_bytes_get_size (x) != coord || g_bytes_get_size (y) != coord)
        return set_invalid (error, _("The elliptic-curve JSON Web Key has coordinates of the wrong length"));

      point[0] = 0x04;
      memcpy (point + 1, g_bytes_get_data (x, NULL), coord);
      memcpy (point + 1 + coord, g_bytes_get_data (y, NULL), coord);
      return credence_public_key_new_ec_point (type, point, 1 + 2 * coord, error);
    }
  else if (strcmp (kty, "RSA") == 0)
    {
      g_autoptr(GBytes) n = NULL;
      g_autoptr(GBytes) e = NULL;

      if ((n = jwk_member (jwk, "n", error)) == NULL || (e = jwk_member (jwk, "e", error)) == NULL)
        return NULL;
      return credence_public_key_new_rsa (g_bytes_get_data (n, NULL), g_bytes_get_size (n),
                                          g_bytes_get_data (e, NULL), g_bytes_get_size (e),
                                          error);
    }

unsupported:
  g_set_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_UNSUPPORTED,
               _("The JSON Web Key type “%s” %s is not supported"), kty, crv != NULL ? crv : "");
  return NULL;
}

CredenceKeyType
credence_public_key_get_key_type (CredencePublicKey *self)
{
  g_return_val_if_fail (CREDENCE_IS_PUBLIC_KEY (self), CREDENCE_KEY_TYPE_ED25519);
  return self->key_type;
}

/**
 * credence_public_key_get_raw:
 * @self: a key
 *
 * Returns: (transfer none): the key bytes (Ed25519: 32 bytes; EC: the
 *   uncompressed point; RSA: an internal encoding of n and e)
 */
GBytes *
credence_public_key_get_raw (CredencePublicKey *self)
{
  g_return_val_if_fail (CREDENCE_IS_PUBLIC_KEY (self), NULL);
  return self->raw;
}

gboolean
credence_public_key_equal (CredencePublicKey *self,
                           CredencePublicKey *other)
{
  g_return_val_if_fail (CREDENCE_IS_PUBLIC_KEY (self), FALSE);
  g_return_val_if_fail (CREDENCE_IS_PUBLIC_KEY (other), FALSE);

  return self->key_type == other->key_type && g_bytes_equal (self->raw, other->raw);
}

/**
 * credence_public_key_to_multikey:
 * @self: an Ed25519 or elliptic-curve key
 *
 * Returns: (transfer full) (nullable): the `publicKeyMultibase` text (EC
 *   points compressed), or %NULL for RSA keys
 */
char *
credence_public_key_to_multikey (CredencePublicKey *self)
{
  gsize len;
  const guint8 *raw;
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  g_autofree char *b58 = NULL;

  g_return_val_if_fail (CREDENCE_IS_PUBLIC_KEY (self), NULL);

  raw = g_bytes_get_data (self->raw, &len);
  switch (self->key_type)
    {
    case CREDENCE_KEY_TYPE_ED25519:
      g_byte_array_append (buf, (const guint8 *) "\xed\x01", 2);
      g_byte_array_append (buf, raw, len);
      break;
    case CREDENCE_KEY_TYPE_P256:
    case CREDENCE_KEY_TYPE_P384:
      {
        gsize coord = (len - 1) / 2;
        guint8 prefix = (raw[len - 1] & 1) ? 0x03 : 0x02;

        g_byte_array_append (buf, self->key_type == CREDENCE_KEY_TYPE_P256
                                  ? (const guint8 *) "\x80\x24" : (const guint8 *) "\x81\x24", 2);
        g_byte_array_append (buf, &prefix, 1);
        g_byte_array_append (buf, raw + 1, coord);
      }
      break;
    case CREDENCE_KEY_TYPE_RSA:
    default:
      return NULL;
    }

  b58 = credence_base58btc_encode (buf->data, buf->len);
  return g_strconcat ("z", b58, NULL);
}

/**
 * credence_public_key_verify:
 * @self: a key
 * @algorithm: the signature algorithm, which must fit the key
 * @data: the signed bytes, exactly
 * @data_length: length of @data
 * @signature: the signature (ECDSA: raw r‖s as in JWS)
 * @signature_length: length of @signature
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the signature verifies
 */
gboolean
credence_public_key_verify (CredencePublicKey          *self,
                            CredenceSignatureAlgorithm  algorithm,
                            const guint8               *data,
                            gsize                       data_length,
                            const guint8               *signature,
                            gsize                       signature_length,
                            GError                    **error)
{
  gnutls_sign_algorithm_t sign;
  CredenceKeyType need;
  gnutls_datum_t d = { (unsigned char *) data, (unsigned int) data_length };
  gnutls_datum_t s = { (unsigned char *) signature, (unsigned int) signature_length };
  gnutls_datum_t der = { NULL, 0 };
  int ret;

  g_return_val_if_fail (CREDENCE_IS_PUBLIC_KEY (self), FALSE);

  switch (algorithm)
    {
    case CREDENCE_SIGNATURE_EDDSA:
      sign = GNUTLS_SIGN_EDDSA_ED25519, need = CREDENCE_KEY_TYPE_ED25519;
      break;
    case CREDENCE_SIGNATURE_ES256:
      sign = GNUTLS_SIGN_ECDSA_SHA256, need = CREDENCE_KEY_TYPE_P256;
      break;
    case CREDENCE_SIGNATURE_ES384:
      sign = GNUTLS_SIGN_ECDSA_SHA384, need = CREDENCE_KEY_TYPE_P384;
      break;
    case CREDENCE_SIGNATURE_RS256:
      sign = GNUTLS_SIGN_RSA_SHA256, need = CREDENCE_KEY_TYPE_RSA;
      break;
    case CREDENCE_SIGNATURE_RS384:
      sign = GNUTLS_SIGN_RSA_SHA384, need = CREDENCE_KEY_TYPE_RSA;
      break;
    case CREDENCE_SIGNATURE_RS512:
      sign = GNUTLS_SIGN_RSA_SHA512, need = CREDENCE_KEY_TYPE_RSA;
      break;
    case CREDENCE_SIGNATURE_PS256:
      sign = GNUTLS_SIGN_RSA_PSS_RSAE_SHA256, need = CREDENCE_KEY_TYPE_RSA;
      break;
    case CREDENCE_SIGNATURE_PS384:
      sign = GNUTLS_SIGN_RSA_PSS_RSAE_SHA384, need = CREDENCE_KEY_TYPE_RSA;
      break;
    case CREDENCE_SIGNATURE_PS512:
      sign = GNUTLS_SIGN_RSA_PSS_RSAE_SHA512, need = CREDENCE_KEY_TYPE_RSA;
      break;
    default:
      g_set_error_literal (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_UNSUPPORTED,
                           _("The signature algorithm is not supported"));
      return FALSE;
    }

  if (need != self->key_type)
    {
      g_set_error_literal (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_WRONG_ALGORITHM,
                           _("The signature algorithm does not match the type of the signing key"));
      return FALSE;
    }

  if (need == CREDENCE_KEY_TYPE_P256 || need == CREDENCE_KEY_TYPE_P384)
    {
      gsize coord = need == CREDENCE_KEY_TYPE_P256 ? 32 : 48;
      gnutls_datum_t r, sv;

      if (signature_length != 2 * coord)
        goto bad;
      r.data = (unsigned char *) signature;
      r.size = coord;
      sv.data = (unsigned char *) signature + coord;
      sv.size = coord;
      if (gnutls_encode_rs_value (&der, &r, &sv) < 0)
        goto bad;
      s = der;
    }
  else if (need == CREDENCE_KEY_TYPE_ED25519 && signature_length != 64)
    {
      goto bad;
    }

  ret = gnutls_pubkey_verify_data2 (self->pubkey, sign, 0, &d, &s);
  if (der.data != NULL)
    gnutls_free (der.data);
  if (ret >= 0)
    return TRUE;

bad:
  g_set_error_literal (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE,
                       _("The signature does not match the signed data"));
  return FALSE;
}
