/* credence-payload.h: decoding what was unbaked: JSON, compact JWS/JWT,
 * URLs, and telling the Open Badges version apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "credence-badge.h"

G_BEGIN_DECLS

gboolean             credence_payload_decode_jws         (const char   *data,
                                                          gsize         length,
                                                          JsonNode    **out_header,
                                                          JsonNode    **out_claims,
                                                          GError      **error);
JsonNode            *credence_payload_parse_json         (const char   *data,
                                                          gsize         length,
                                                          GError      **error) G_GNUC_WARN_UNUSED_RESULT;
CredenceSpecVersion  credence_payload_detect_version     (JsonNode     *document,
                                                          GError      **error);
gboolean             credence_payload_is_vc              (JsonObject   *object);

G_END_DECLS
