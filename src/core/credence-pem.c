/* credence-pem.c: public keys from PEM, as Open Badges 2.0
 * CryptographicKey documents publish them (`publicKeyPem`).
 *
 * SPKI ("BEGIN PUBLIC KEY") and PKCS#1 ("BEGIN RSA PUBLIC KEY") RSA keys,
 * with real newlines or the two-character "\n" that badly escaped JSON
 * leaves behind.  The key becomes a #CredencePublicKey, so its size rules
 * and signature checks are the ones every verifier uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-pem"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <string.h>

#include "credence-pem.h"

/* Reads one DER length; returns the offset after it, or 0 on error. */
static gsize
der_length (const guint8 *der,
            gsize         len,
            gsize         pos,
            gsize        *out_len)
{
  gsize n, count;

  if (pos >= len)
    return 0;
  n = der[pos++];
  if (n < 0x80)
    {
      *out_len = n;
      return pos;
    }
  count = n & 0x7f;
  if (count == 0 || count > 4 || pos + count > len)
    return 0;
  n = 0;
  for (gsize i = 0; i < count; i++)
    n = (n << 8) | der[pos++];
  *out_len = n;
  return pos;
}

/* One INTEGER of a PKCS#1 RSAPublicKey. */
static gsize
der_integer (const guint8   *der,
             gsize           len,
             gsize           pos,
             gnutls_datum_t *out)
{
  gsize n;

  if (pos >= len || der[pos] != 0x02)
    return 0;
  pos = der_length (der, len, pos + 1, &n);
  if (pos == 0 || n == 0 || pos + n > len)
    return 0;
  out->data = (unsigned char *) der + pos;
  out->size = n;
  return pos + n;
}

static gboolean
import_pkcs1 (gnutls_pubkey_t  key,
              GBytes          *der_bytes)
{
  gsize len, seq_len, pos;
  const guint8 *der = g_bytes_get_data (der_bytes, &len);
  gnutls_datum_t n = { 0 }, e = { 0 };

  if (len < 2 || der[0] != 0x30)
    return FALSE;
  pos = der_length (der, len, 1, &seq_len);
  if (pos == 0 || pos + seq_len != len)
    return FALSE;
  pos = der_integer (der, len, pos, &n);
  if (pos == 0)
    return FALSE;
  pos = der_integer (der, len, pos, &e);
  if (pos != len)
    return FALSE;

  return gnutls_pubkey_import_rsa_raw (key, &n, &e) >= 0;
}

static gboolean
key_error (GError     **error,
           const char  *detail)
{
  g_set_error (error, CREDENCE_PUBLIC_KEY_ERROR, CREDENCE_PUBLIC_KEY_ERROR_INVALID,
               _("The issuer’s public key cannot be used (%s)."), detail);
  return FALSE;
}

static gboolean
import_pem (gnutls_pubkey_t   key,
            const char       *pem,
            GError          **error)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GBytes) der = NULL;
  const char *begin, *start, *end;
  gboolean pkcs1;

  begin = strstr (pem, "-----BEGIN ");
  if (begin == NULL)
    return key_error (error, _("no PEM block"));
  pkcs1 = g_str_has_prefix (begin, "-----BEGIN RSA PUBLIC KEY-----");
  if (!pkcs1 && !g_str_has_prefix (begin, "-----BEGIN PUBLIC KEY-----"))
    return key_error (error, _("not a public key"));
  start = strchr (begin + 11, '-');
  while (start != NULL && *start == '-')
    start++;
  end = start != NULL ? strstr (start, "-----END ") : NULL;
  if (end == NULL)
    return key_error (error, _("the PEM block does not end"));

  /* Keep the base64 characters only: real newlines, spaces and the
   * two-character "\n" left by badly escaped JSON all go.
   */
  for (const char *p = start; p < end; p++)
    {
      if (p[0] == '\\' && p + 1 < end && (p[1] == 'n' || p[1] == 'r'))
        p++;
      else if (g_ascii_isalnum (*p) || *p == '+' || *p == '/' || *p == '=')
        g_string_append_c (body, *p);
      else if (!g_ascii_isspace (*p))
        return key_error (error, _("the PEM block is not base64"));
    }
  if (body->len == 0 || body->len % 4 != 0)
    return key_error (error, _("the PEM block is not base64"));

  {
    gsize len = 0;
    guchar *raw = g_base64_decode (body->str, &len);

    der = g_bytes_new_take (raw, len);
  }

  if (pkcs1)
    {
      if (!import_pkcs1 (key, der))
        return key_error (error, _("the RSA key is malformed"));
    }
  else
    {
      gnutls_datum_t d = { (unsigned char *) g_bytes_get_data (der, NULL), g_bytes_get_size (der) };

      if (gnutls_pubkey_import (key, &d, GNUTLS_X509_FMT_DER) < 0)
        return key_error (error, _("the key is malformed"));
    }

  return TRUE;
}

/**
 * credence_pem_read_public_key:
 * @pem: a PEM public key
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with @error
 *   (%CREDENCE_PUBLIC_KEY_ERROR)
 */
CredencePublicKey *
credence_pem_read_public_key (const char  *pem,
                              GError     **error)
{
  gnutls_pubkey_t key = NULL;
  gnutls_datum_t n = { 0 }, e = { 0 };
  CredencePublicKey *result = NULL;

  g_return_val_if_fail (pem != NULL, NULL);

  if (gnutls_pubkey_init (&key) < 0)
    {
      key_error (error, "init");
      return NULL;
    }

  if (import_pem (key, pem, error))
    {
      if (gnutls_pubkey_get_pk_algorithm (key, NULL) != GNUTLS_PK_RSA
          || gnutls_pubkey_export_rsa_raw2 (key, &n, &e, 0) < 0)
        key_error (error, _("not an RSA key"));
      else
        result = credence_public_key_new_rsa (n.data, n.size, e.data, e.size, error);
    }

  gnutls_free (n.data);
  gnutls_free (e.data);
  gnutls_pubkey_deinit (key);

  return result;
}
