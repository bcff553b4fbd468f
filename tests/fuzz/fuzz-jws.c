/* fuzz-jws.c: compact JWS parsing (credence-jws) and JWT payload decoding
 * (credence-payload).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-fuzz"

#include "config.h"

#include "credence-jws.h"
#include "credence-payload.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(CredenceJws) jws = NULL;
  g_autoptr(JsonNode) header = NULL;
  g_autoptr(JsonNode) claims = NULL;
  g_autoptr(GError) error = NULL;

  jws = credence_jws_parse (text, &error);
  if (jws != NULL)
    {
      g_assert_nonnull (credence_jws_get_header (jws));
      credence_jws_get_algorithm (jws);
      if (!credence_jws_is_detached (jws))
        g_assert_nonnull (credence_jws_get_payload (jws));
    }
  else
    g_assert_nonnull (error);
  g_clear_error (&error);

  if (credence_payload_decode_jws ((const char *) data, size, &header, &claims, &error))
    {
      g_assert_nonnull (header);
      credence_payload_detect_version (claims, NULL);
    }
  else
    g_assert_nonnull (error);

  return 0;
}
