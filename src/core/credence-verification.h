/* credence-verification.h: the result of verifying one badge.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "credence-document-set.h"

G_BEGIN_DECLS

/**
 * CredenceVerdict:
 * @CREDENCE_VERDICT_VALID: no check failed and nothing was left unchecked
 *   (`valid`).
 * @CREDENCE_VERDICT_INVALID: at least one check failed (`invalid`).
 * @CREDENCE_VERDICT_INDETERMINATE: nothing failed, but something could not
 *   be checked (`indeterminate`), for example the issuer's site was down.
 */
typedef enum
{
  CREDENCE_VERDICT_VALID,
  CREDENCE_VERDICT_INVALID,
  CREDENCE_VERDICT_INDETERMINATE,
} CredenceVerdict;

/**
 * CredenceCheckStatus:
 * @CREDENCE_CHECK_PASS: the check ran and passed (`pass`).
 * @CREDENCE_CHECK_FAIL: the check ran and failed (`fail`): the badge is
 *   invalid.
 * @CREDENCE_CHECK_WARN: a note (`warn`); with a reason code it means the
 *   check could not be completed, which makes the badge indeterminate.
 * @CREDENCE_CHECK_SKIP: the check did not run (`skip`); with a reason code
 *   it could not run, which makes the badge indeterminate; without one it
 *   did not apply (for example no identity was given for the recipient).
 */
typedef enum
{
  CREDENCE_CHECK_PASS,
  CREDENCE_CHECK_FAIL,
  CREDENCE_CHECK_WARN,
  CREDENCE_CHECK_SKIP,
} CredenceCheckStatus;

/**
 * CredenceReason:
 * @CREDENCE_REASON_NONE: no reason (JSON `null`).
 * @CREDENCE_REASON_BAD_SIGNATURE: `bad-signature`: the signature does not
 *   verify, or uses an algorithm other than RS256.  check_signature() and
 *   verify_jws_input() in credence-ob2-verifier.c (with credence_jws_verify()
 *   of credence-jws.c).
 * @CREDENCE_REASON_EXPIRED: `expired`: `expires` is in the past.
 *   check_dates() in credence-ob2-verifier.c.
 * @CREDENCE_REASON_NOT_YET_VALID: `not-yet-valid`: `issuedOn` is in the
 *   future (beyond the allowed clock skew).  check_dates() in
 *   credence-ob2-verifier.c.
 * @CREDENCE_REASON_REVOKED: `revoked`: the hosted assertion says
 *   `revoked: true` or answers 410 Gone (check_hosted()), or the issuer's
 *   revocation list names it (check_revocation_list()), both in
 *   credence-ob2-verifier.c.
 * @CREDENCE_REASON_RECIPIENT_MISMATCH: `recipient-mismatch`: none of the
 *   learner's identities matches the recipient.  check_recipient() in
 *   credence-ob2-verifier.c, matching by credence_ob2_identity_matches().
 * @CREDENCE_REASON_ISSUER_KEY_MISMATCH: `issuer-key-mismatch`: the signing
 *   key is not one the issuer lists in `publicKey`, or its `owner` is not
 *   the issuer (check_key_ownership()); or a hosted assertion lives
 *   outside the issuer's verification policy: not on its origin, its
 *   `allowedOrigins` or `startsWith` (check_origin()).  Both in
 *   credence-ob2-verifier.c.
 * @CREDENCE_REASON_HOSTED_MISMATCH: `hosted-mismatch`: the issuer's hosted
 *   copy differs from the baked one (identity, recipient, badge or dates),
 *   or declares another address.  compare_hosted() and check_hosted() in
 *   credence-ob2-verifier.c.
 * @CREDENCE_REASON_UNREACHABLE: `unreachable`: a document could not be
 *   fetched (network error, 404, 5xx, timeout, too large, offline and not
 *   saved).  fetch_node() and its callers in credence-ob2-verifier.c, from
 *   the errors of credence_loader_fetch_json() (credence-loader.c).
 * @CREDENCE_REASON_MALFORMED_IMAGE: `malformed-image`: the image holding
 *   the badge is damaged.  Set by credence_verifier_verify_bytes()
 *   (credence-verifier.c) from the unbaking errors of the badge model.
 * @CREDENCE_REASON_NOT_A_BADGE: `not-a-badge`: no badge data at all.
 *   credence_verifier_verify_bytes() in credence-verifier.c, and
 *   verify_input() in credence-ob2-verifier.c for JSON that is not an
 *   assertion.
 * @CREDENCE_REASON_INVALID_DATA: `invalid-data`: a required property is
 *   missing or ill-typed, a date is malformed, a document is not JSON.
 *   validate_assertion(), validate_badge_class(), validate_issuer() and
 *   friends in credence-ob2-verifier.c.
 * @CREDENCE_REASON_SUSPENDED: `suspended` (Open Badges 3.0 status lists):
 *   the issuer paused the credential.  Reserved for the 3.0 verifier.
 * @CREDENCE_REASON_UNSUPPORTED: `unsupported`: a kind of badge Credence
 *   cannot check yet (makes the badge indeterminate).
 *   credence_verifier_verify_badge() in credence-verifier.c.
 *
 * Why a check did not pass.  The strings are stable: they appear in
 * `credence-cli verify --json` and in saved results.
 */
typedef enum
{
  CREDENCE_REASON_NONE,
  CREDENCE_REASON_BAD_SIGNATURE,
  CREDENCE_REASON_EXPIRED,
  CREDENCE_REASON_NOT_YET_VALID,
  CREDENCE_REASON_REVOKED,
  CREDENCE_REASON_RECIPIENT_MISMATCH,
  CREDENCE_REASON_ISSUER_KEY_MISMATCH,
  CREDENCE_REASON_HOSTED_MISMATCH,
  CREDENCE_REASON_UNREACHABLE,
  CREDENCE_REASON_MALFORMED_IMAGE,
  CREDENCE_REASON_NOT_A_BADGE,
  CREDENCE_REASON_INVALID_DATA,
  CREDENCE_REASON_SUSPENDED,
  CREDENCE_REASON_UNSUPPORTED,
} CredenceReason;

const char     *credence_verdict_to_string       (CredenceVerdict verdict);
const char     *credence_verdict_get_title       (CredenceVerdict verdict);
const char     *credence_verdict_get_sentence    (CredenceVerdict verdict);
const char     *credence_check_status_to_string  (CredenceCheckStatus status);
const char     *credence_reason_to_string        (CredenceReason  reason);
gboolean        credence_reason_from_string      (const char     *text,
                                                  CredenceReason *out_reason);
const char     *credence_reason_get_title        (CredenceReason  reason);
char           *credence_reason_format_sentence  (CredenceReason  reason,
                                                  const char     *detail,
                                                  const char     *date) G_GNUC_WARN_UNUSED_RESULT;

/**
 * CredenceCheck:
 * @id: a stable identifier, such as `hosted-fetch` or `signature`
 * @status: the outcome
 * @reason: why it did not pass, or %CREDENCE_REASON_NONE
 * @message: a translated sentence a learner understands
 *
 * One check of a verification, in the order it ran.
 */
typedef struct
{
  char                *id;
  CredenceCheckStatus  status;
  CredenceReason       reason;
  char                *message;
} CredenceCheck;

#define CREDENCE_TYPE_VERIFICATION (credence_verification_get_type ())

G_DECLARE_FINAL_TYPE (CredenceVerification, credence_verification, CREDENCE, VERIFICATION, GObject)

CredenceVerification *credence_verification_new           (void) G_GNUC_WARN_UNUSED_RESULT;

void              credence_verification_add_check          (CredenceVerification *self,
                                                            const char           *id,
                                                            CredenceCheckStatus   status,
                                                            CredenceReason        reason,
                                                            const char           *format,
                                                            ...) G_GNUC_PRINTF (5, 6);
void              credence_verification_add_document       (CredenceVerification *self,
                                                            CredenceDocument     *document);
void              credence_verification_set_spec           (CredenceVerification *self,
                                                            const char           *spec);
void              credence_verification_set_format         (CredenceVerification *self,
                                                            const char           *format);
void              credence_verification_set_offline        (CredenceVerification *self,
                                                            gboolean              offline);

CredenceVerdict   credence_verification_get_verdict        (CredenceVerification *self);
CredenceReason    credence_verification_get_reason         (CredenceVerification *self);
const char       *credence_verification_get_spec           (CredenceVerification *self);
const char       *credence_verification_get_format         (CredenceVerification *self);
gboolean          credence_verification_get_offline        (CredenceVerification *self);
guint             credence_verification_get_n_checks       (CredenceVerification *self);
const CredenceCheck *credence_verification_get_check       (CredenceVerification *self,
                                                            guint                 index);
const CredenceCheck *credence_verification_find_check      (CredenceVerification *self,
                                                            const char           *id);
GPtrArray        *credence_verification_get_documents      (CredenceVerification *self);
GDateTime        *credence_verification_get_oldest_document_time (CredenceVerification *self);

JsonNode         *credence_verification_to_json            (CredenceVerification *self,
                                                            const char           *source,
                                                            double                ms) G_GNUC_WARN_UNUSED_RESULT;
char             *credence_verification_to_json_line       (CredenceVerification *self,
                                                            const char           *source,
                                                            double                ms) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
