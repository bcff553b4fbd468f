/* credence-pem.h: public keys from PEM, as Open Badges 2.0
 * CryptographicKey documents publish them (`publicKeyPem`).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "credence-public-key.h"

G_BEGIN_DECLS

CredencePublicKey *credence_pem_read_public_key (const char  *pem,
                                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
