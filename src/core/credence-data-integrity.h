/* credence-data-integrity.h: embedded proofs of verifiable credentials:
 * DataIntegrityProof (eddsa-rdfc-2022, eddsa-2022, eddsa-jcs-2022),
 * Ed25519Signature2020 and Ed25519Signature2018.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "credence-did.h"
#include "credence-jsonld.h"

G_BEGIN_DECLS

#define CREDENCE_DATA_INTEGRITY_ERROR (credence_data_integrity_error_quark ())

/**
 * CredenceDataIntegrityError:
 * @CREDENCE_DATA_INTEGRITY_ERROR_NO_PROOF: the document has no `proof`.
 * @CREDENCE_DATA_INTEGRITY_ERROR_MALFORMED: a proof lacks `type`,
 *   `verificationMethod`, `proofPurpose` or its value, or `created` /
 *   `expires` is not a dateTime.
 * @CREDENCE_DATA_INTEGRITY_ERROR_UNSUPPORTED: the proof type or
 *   cryptosuite is not one Credence verifies.
 * @CREDENCE_DATA_INTEGRITY_ERROR_PURPOSE: `proofPurpose` is not the
 *   expected one (`assertionMethod` for credentials).
 * @CREDENCE_DATA_INTEGRITY_ERROR_EXPIRED: the proof's `expires` has passed.
 * @CREDENCE_DATA_INTEGRITY_ERROR_TOO_MANY: more than
 *   %CREDENCE_LIMIT_PROOFS proofs.
 * @CREDENCE_DATA_INTEGRITY_ERROR_CHAIN: a `previousProof` names a proof
 *   that is not in the document.
 *
 * Errors of proof verification.  Errors of JSON-LD processing,
 * canonicalization, key resolution (including the fetch function's
 * errors) and %CREDENCE_PUBLIC_KEY_ERROR_BAD_SIGNATURE pass through.
 */
typedef enum
{
  CREDENCE_DATA_INTEGRITY_ERROR_NO_PROOF,
  CREDENCE_DATA_INTEGRITY_ERROR_MALFORMED,
  CREDENCE_DATA_INTEGRITY_ERROR_UNSUPPORTED,
  CREDENCE_DATA_INTEGRITY_ERROR_PURPOSE,
  CREDENCE_DATA_INTEGRITY_ERROR_EXPIRED,
  CREDENCE_DATA_INTEGRITY_ERROR_TOO_MANY,
  CREDENCE_DATA_INTEGRITY_ERROR_CHAIN,
} CredenceDataIntegrityError;

/**
 * CredenceResolveMethodFunc:
 * @url: a verification method id
 * @relationship: the relationship it must have
 * @user_data: closure data
 * @error: return location for a #GError
 *
 * Resolves a verification method another way than
 * credence_did_resolve_verification_method().
 *
 * Returns: (transfer full): the method, or %NULL with @error set
 */
typedef CredenceVerificationMethod *(*CredenceResolveMethodFunc) (const char  *url,
                                                                 const char  *relationship,
                                                                 gpointer     user_data,
                                                                 GError     **error);

/**
 * CredenceProofContext:
 * @jsonld: the JSON-LD processor (its loader serves bundled contexts first)
 * @fetch: fetches key and controller documents
 * @fetch_data: data for @fetch (and for @resolve)
 * @resolve: (nullable): resolves verification methods instead of
 *   credence_did_resolve_verification_method() with @fetch
 * @now: the time proofs are checked at (`expires`)
 * @purpose: the required `proofPurpose`
 */
typedef struct
{
  CredenceJsonld        *jsonld;
  CredenceFetchJsonFunc      fetch;
  gpointer                   fetch_data;
  GDateTime                 *now;
  const char                *purpose;
  CredenceResolveMethodFunc  resolve;
} CredenceProofContext;

GQuark     credence_data_integrity_error_quark (void);

char      *credence_data_integrity_canonize    (CredenceJsonld          *jsonld,
                                                JsonNode                *document,
                                                GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
char      *credence_data_integrity_jcs         (JsonNode                *node) G_GNUC_WARN_UNUSED_RESULT;
GBytes    *credence_data_integrity_hash_data   (CredenceJsonld          *jsonld,
                                                JsonObject              *document,
                                                JsonObject              *proof,
                                                GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray *credence_data_integrity_verify      (JsonObject              *document,
                                                const CredenceProofContext *context,
                                                GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
