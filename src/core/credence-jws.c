/* credence-jws.c: compact JWS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-jws"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-json.h"
#include "credence-jws.h"
#include "credence-limits.h"
#include "credence-multibase.h"

G_DEFINE_QUARK (credence-jws-error-quark, credence_jws_error)

struct _CredenceJws
{
  char                       *header_b64;
  char                       *payload_b64;
  JsonNode                   *header_root;
  GBytes                     *payload;
  GBytes                     *signature;
  CredenceSignatureAlgorithm  algorithm;
  gboolean                    unencoded;
};

void
credence_jws_free (CredenceJws *jws)
{
  if (jws == NULL)
    return;
  g_free (jws->header_b64);
  g_free (jws->payload_b64);
  g_clear_pointer (&jws->header_root, json_node_unref);
  g_clear_pointer (&jws->payload, g_bytes_unref);
  g_clear_pointer (&jws->signature, g_bytes_unref);
  g_free (jws);
}

static gpointer
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, CREDENCE_JWS_ERROR, CREDENCE_JWS_ERROR_INVALID, message);
  return NULL;
}

/**
 * credence_jws_parse:
 * @compact: a compact JWS; surrounding whitespace is ignored.  The payload
 *   part may be empty (detached).
 * @error: return location for a #GError
 *
 * Parses @compact and checks its header: `alg` must be an asymmetric
 * algorithm Credence verifies; `crit` may only name `b64`.
 *
 * Returns: (transfer full): the JWS, or %NULL with @error set
 */
CredenceJws *
credence_jws_parse (const char  *compact,
                    GError     **error)
{
  g_autoptr(CredenceJws) jws = g_new0 (CredenceJws, 1);
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GBytes) header_bytes = NULL;
  JsonObject *header;
  const char *alg;
  JsonNode *b64;
  JsonArray *crit;

  if (strlen (compact) > CREDENCE_LIMIT_JWT_SIZE)
    {
      g_set_error (error, CREDENCE_JWS_ERROR, CREDENCE_JWS_ERROR_TOO_LARGE,
                   _("The signed token is larger than the limit of %d bytes"), CREDENCE_LIMIT_JWT_SIZE);
      return NULL;
    }

  text = g_strstrip (g_strdup (compact));
  parts = g_strsplit (text, ".", -1);
  if (g_strv_length (parts) != 3 || parts[0][0] == '\0' || parts[2][0] == '\0')
    return set_invalid (error, _("The signed token does not have three parts"));

  header_bytes = credence_base64url_decode (parts[0], -1, NULL);
  if (header_bytes == NULL)
    return set_invalid (error, _("The signed token header is not base64url"));
  jws->header_root = credence_json_parse_bytes (header_bytes, NULL);
  header = credence_json_node_get_object (jws->header_root);
  if (header == NULL)
    return set_invalid (error, _("The signed token header is not a JSON object"));

  alg = credence_json_object_get_string (header, "alg");
  if (alg == NULL || !credence_signature_algorithm_from_jose (alg, &jws->algorithm))
    {
      g_set_error (error, CREDENCE_JWS_ERROR, CREDENCE_JWS_ERROR_ALGORITHM,
                   _("The signature algorithm “%s” is not accepted"), alg != NULL ? alg : "");
      return NULL;
    }

  b64 = json_object_get_member (header, "b64");
  crit = credence_json_object_get_array (header, "crit");
  if (json_object_has_member (header, "crit"))
    {
      guint n = crit != NULL ? json_array_get_length (crit) : 0;

      if (n == 0)
        return set_invalid (error, _("The signed token header has an empty “crit” list"));
      for (guint i = 0; i < n; i++)
        {
          const char *name = credence_json_node_get_string (json_array_get_element (crit, i));

          if (g_strcmp0 (name, "b64") != 0 || b64 == NULL)
            {
              g_set_error (error, CREDENCE_JWS_ERROR, CREDENCE_JWS_ERROR_CRITICAL,
                           _("The signed token requires the unknown extension “%s”"), name != NULL ? name : "");
              return NULL;
            }
        }
    }
  if (b64 != NULL)
    {
      gboolean value = TRUE;

      /* RFC 7797: b64 must be listed in crit. */
      if (!credence_json_object_get_boolean (header, "b64", &value) || crit == NULL)
        return set_invalid (error, _("The signed token header uses “b64” incorrectly"));
      jws->unencoded = !value;
    }

  if (!jws->unencoded && parts[1][0] != '\0')
    {
      jws->payload = credence_base64url_decode (parts[1], -1, NULL);
      if (jws->payload == NULL)
        return set_invalid (error, _("The signed token payload is not base64url"));
    }
  else if (jws->unencoded && parts[1][0] != '\0')
    {
      return set_invalid (error, _("A token with an unencoded payload must be detached"));
    }

  jws->signature = credence_base64url_decode (parts[2], -1, NULL);
  if (jws->signature == NULL)
    return set_invalid (error, _("The signed token signature is not base64url"));

  jws->header_b64 = g_strdup (parts[0]);
  jws->payload_b64 = g_strdup (parts[1]);

  return g_steal_pointer (&jws);
}

JsonObject *
credence_jws_get_header (CredenceJws *jws)
{
  return json_node_get_object (jws->header_root);
}

/**
 * credence_jws_get_payload:
 * @jws: a JWS
 *
 * Returns: (transfer none) (nullable): the decoded payload, %NULL when
 *   detached
 */
GBytes *
credence_jws_get_payload (CredenceJws *jws)
{
  return jws->payload;
}

CredenceSignatureAlgorithm
credence_jws_get_algorithm (CredenceJws *jws)
{
  return jws->algorithm;
}

gboolean
credence_jws_is_detached (CredenceJws *jws)
{
  return jws->payload == NULL;
}

/**
 * credence_jws_verify:
 * @jws: a JWS
 * @key: the signer's public key
 * @detached_payload: (nullable): the payload of a detached JWS (the raw
 *   bytes when `b64` is false, else the bytes to base64url-encode)
 * @error: return location for a #GError
 *
 * Checks the signature over the exact signing input
 * (`header.payload`, RFC 7515 §5.2; RFC 7797 for `b64: false`).
 */
gboolean
credence_jws_verify (CredenceJws        *jws,
                     CredencePublicKey  *key,
                     GBytes             *detached_payload,
                     GError            **error)
{
  g_autoptr(GByteArray) input = g_byte_array_new ();

  g_byte_array_append (input, (const guint8 *) jws->header_b64, strlen (jws->header_b64));
  g_byte_array_append (input, (const guint8 *) ".", 1);

  if (jws->payload != NULL)
    {
      g_byte_array_append (input, (const guint8 *) jws->payload_b64, strlen (jws->payload_b64));
    }
  else if (detached_payload != NULL)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (detached_payload, &len);

      if (jws->unencoded)
        {
          g_byte_array_append (input, data, len);
        }
      else
        {
          g_autofree char *enc = credence_base64url_encode (data, len);
          g_byte_array_append (input, (const guint8 *) enc, strlen (enc));
        }
    }
  else
    {
      set_invalid (error, _("The signed token is detached and its payload is missing"));
      return FALSE;
    }

  return credence_public_key_verify (key, jws->algorithm, input->data, input->len,
                                     g_bytes_get_data (jws->signature, NULL),
                                     g_bytes_get_size (jws->signature), error);
}
