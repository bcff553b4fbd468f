/* credence-ob3-verifier.h: Open Badges 3.0 (Verifiable Credentials)
 * verification: embedded proofs and VC-JWT, issuer keys, dates, status
 * lists and recipient.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "credence-verify-context.h"

G_BEGIN_DECLS

gboolean credence_ob3_is_credential      (JsonObject                  *object);
gboolean credence_ob3_is_jwt             (const char                  *text);
void     credence_ob3_verify_json        (const CredenceVerifyContext *ctx,
                                          JsonNode                    *credential);
void     credence_ob3_verify_jwt         (const CredenceVerifyContext *ctx,
                                          const char                  *compact);
gboolean credence_ob3_identity_matches   (JsonObject                  *subject,
                                          const char                  *identity);

G_END_DECLS
