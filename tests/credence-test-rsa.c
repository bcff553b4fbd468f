/* credence-test-rsa.c: fresh RSA keys from GnuTLS, and compact JWS signed
 * with them, for tests and benchmarks of signed badges.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <string.h>

#include "credence-multibase.h"
#include "credence-test-rsa.h"

struct _RsaKey
{
  gnutls_privkey_t  key;
  char             *pem_json;
};

RsaKey *
rsa_key_new (void)
{
  RsaKey *self = g_new0 (RsaKey, 1);
  gnutls_pubkey_t pub;
  gnutls_datum_t pem = { NULL, 0 };
  g_autoptr(GString) escaped = g_string_new (NULL);

  g_assert_cmpint (gnutls_privkey_init (&self->key), ==, 0);
  g_assert_cmpint (gnutls_privkey_generate (self->key, GNUTLS_PK_RSA, 2048, 0), ==, 0);
  g_assert_cmpint (gnutls_pubkey_init (&pub), ==, 0);
  g_assert_cmpint (gnutls_pubkey_import_privkey (pub, self->key, 0, 0), ==, 0);
  g_assert_cmpint (gnutls_pubkey_export2 (pub, GNUTLS_X509_FMT_PEM, &pem), ==, 0);

  for (guint i = 0; i < pem.size; i++)
    if (pem.data[i] == '\n')
      g_string_append (escaped, "\\n");
    else
      g_string_append_c (escaped, pem.data[i]);
  self->pem_json = g_string_free (g_steal_pointer (&escaped), FALSE);

  gnutls_free (pem.data);
  gnutls_pubkey_deinit (pub);
  return self;
}

void
rsa_key_free (RsaKey *self)
{
  gnutls_privkey_deinit (self->key);
  g_free (self->pem_json);
  g_free (self);
}

char *
b64url (const char *text)
{
  return credence_base64url_encode ((const guint8 *) text, strlen (text));
}

char *
sign_jws (RsaKey     *key,
          const char *header,
          const char *payload)
{
  g_autofree char *h = b64url (header);
  g_autofree char *p = b64url (payload);
  g_autofree char *input = g_strconcat (h, ".", p, NULL);
  gnutls_datum_t data = { (unsigned char *) input, strlen (input) };
  gnutls_datum_t sig = { NULL, 0 };
  g_autofree char *s = NULL;

  g_assert_cmpint (gnutls_privkey_sign_data (key->key, GNUTLS_DIG_SHA256, 0, &data, &sig), ==, 0);
  s = credence_base64url_encode (sig.data, sig.size);
  gnutls_free (sig.data);

  return g_strconcat (input, ".", s, NULL);
}

/* The public key PEM, with its newlines escaped for a JSON string. */
const char *
rsa_key_get_pem_json (RsaKey *self)
{
  return self->pem_json;
}
