/* credence-test-keys.h: fresh keys and signatures made in tests, and
 * corpus files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "credence-public-key.h"

G_BEGIN_DECLS

typedef struct _TestKey TestKey;

TestKey           *test_key_new        (CredenceKeyType             type);
void               test_key_free       (TestKey                    *key);
CredencePublicKey *test_key_get_public (TestKey                    *key);
GBytes            *test_key_sign       (TestKey                    *key,
                                        CredenceSignatureAlgorithm  algorithm,
                                        const void                 *data,
                                        gsize                       length);
JsonObject        *test_key_to_jwk     (TestKey                    *key);
char              *test_key_did_key    (TestKey                    *key);
char              *test_key_method     (TestKey                    *key);
void               test_key_add_proof  (TestKey                    *key,
                                        JsonObject                 *document,
                                        const char                 *method,
                                        const char                 *type,
                                        const char                 *cryptosuite,
                                        const char                 *purpose);

char              *test_corpus_path    (const char                 *rel) G_GNUC_WARN_UNUSED_RESULT;
char              *test_corpus_text    (const char                 *rel) G_GNUC_WARN_UNUSED_RESULT;
JsonNode          *test_corpus_json    (const char                 *rel) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestKey, test_key_free)

G_END_DECLS
