/* credence-ob2-verifier.h: Open Badges 0.5, 1.0, 1.1 and 2.0 verification.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "credence-verify-context.h"

G_BEGIN_DECLS

void     credence_ob2_verify_json        (const CredenceVerifyContext *ctx,
                                          JsonNode                    *assertion);
void     credence_ob2_verify_jws         (const CredenceVerifyContext *ctx,
                                          const char                  *compact);
void     credence_ob2_verify_url         (const CredenceVerifyContext *ctx,
                                          const char                  *url);

gboolean credence_ob2_identity_matches   (JsonObject                  *recipient,
                                          const char                  *identity);
char    *credence_ob2_detect_version     (JsonObject                  *object) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
