/* credence-badge.h: one Open Badge (0.5 to 3.0), as found in a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CREDENCE_BADGE_ERROR (credence_badge_error_quark ())

/**
 * CredenceBadgeError:
 * @CREDENCE_BADGE_ERROR_NOT_A_BADGE: there is no badge data: a picture
 *   without a badge chunk or element, a JPEG, a document that is not an
 *   Open Badge.  Reason code `not-a-badge`.
 * @CREDENCE_BADGE_ERROR_MALFORMED_IMAGE: the PNG or SVG is damaged
 *   (truncated, bad CRC in the badge chunk, broken XML, two different
 *   badges).  Reason code `malformed-image`.
 * @CREDENCE_BADGE_ERROR_INVALID_DATA: the badge data was found but cannot
 *   be read (broken JSON, broken JWS, required parts missing).  Reason code
 *   `invalid-data`.
 * @CREDENCE_BADGE_ERROR_TOO_LARGE: a limit of credence-limits.h was hit
 *   (file, payload, JSON depth or size, SVG depth).  Reason code
 *   `invalid-data` (or `malformed-image` for images).
 * @CREDENCE_BADGE_ERROR_NOT_SUPPORTED: a credential Credence recognises but
 *   does not keep yet (EndorsementCredential, ClrCredential).  Reason code
 *   `not-a-badge`.
 *
 * Errors from reading a badge.  Messages are for learners.
 */
typedef enum
{
  CREDENCE_BADGE_ERROR_NOT_A_BADGE,
  CREDENCE_BADGE_ERROR_MALFORMED_IMAGE,
  CREDENCE_BADGE_ERROR_INVALID_DATA,
  CREDENCE_BADGE_ERROR_TOO_LARGE,
  CREDENCE_BADGE_ERROR_NOT_SUPPORTED,
} CredenceBadgeError;

/**
 * CredenceSpecVersion:
 * @CREDENCE_SPEC_VERSION_UNKNOWN: not known (a bare URL before fetching)
 * @CREDENCE_SPEC_VERSION_0_5: Open Badges 0.5 (no context, embedded badge)
 * @CREDENCE_SPEC_VERSION_1_0: Open Badges 1.0
 * @CREDENCE_SPEC_VERSION_1_1: Open Badges 1.1 (`…/openbadges/v1` context)
 * @CREDENCE_SPEC_VERSION_2_0: Open Badges 2.0 (and 2.1)
 * @CREDENCE_SPEC_VERSION_3_0: Open Badges 3.0 (a Verifiable Credential)
 */
typedef enum
{
  CREDENCE_SPEC_VERSION_UNKNOWN,
  CREDENCE_SPEC_VERSION_0_5,
  CREDENCE_SPEC_VERSION_1_0,
  CREDENCE_SPEC_VERSION_1_1,
  CREDENCE_SPEC_VERSION_2_0,
  CREDENCE_SPEC_VERSION_3_0,
} CredenceSpecVersion;

/**
 * CredenceContainer:
 * @CREDENCE_CONTAINER_PNG: baked into a PNG ("png")
 * @CREDENCE_CONTAINER_SVG: baked into an SVG ("svg")
 * @CREDENCE_CONTAINER_JSON: a JSON file ("json")
 * @CREDENCE_CONTAINER_JWS: a compact JWS file, OB 2.0 signed ("jws")
 * @CREDENCE_CONTAINER_JWT: a compact JWS file, OB 3.0 VC-JWT ("jwt")
 * @CREDENCE_CONTAINER_URL: a bare http(s) URL ("url")
 *
 * What the input was.
 */
typedef enum
{
  CREDENCE_CONTAINER_PNG,
  CREDENCE_CONTAINER_SVG,
  CREDENCE_CONTAINER_JSON,
  CREDENCE_CONTAINER_JWS,
  CREDENCE_CONTAINER_JWT,
  CREDENCE_CONTAINER_URL,
} CredenceContainer;

/**
 * CredenceBadgeFormat:
 * @CREDENCE_BADGE_FORMAT_HOSTED: OB 0.5–2.0 JSON, verified against the
 *   issuer's hosted copy ("hosted")
 * @CREDENCE_BADGE_FORMAT_SIGNED: OB 2.0 signed badge, a compact JWS ("signed")
 * @CREDENCE_BADGE_FORMAT_DATA_INTEGRITY: OB 3.0 JSON with an embedded
 *   `proof` ("data-integrity")
 * @CREDENCE_BADGE_FORMAT_VC_JWT: OB 3.0 VC-JWT ("vc-jwt")
 * @CREDENCE_BADGE_FORMAT_UNSIGNED: OB 3.0 JSON without a proof ("unsigned")
 * @CREDENCE_BADGE_FORMAT_URL_ONLY: only the URL of a hosted assertion is
 *   known; the verifier fetches it ("url")
 *
 * How the badge is meant to be verified.
 */
typedef enum
{
  CREDENCE_BADGE_FORMAT_HOSTED,
  CREDENCE_BADGE_FORMAT_SIGNED,
  CREDENCE_BADGE_FORMAT_DATA_INTEGRITY,
  CREDENCE_BADGE_FORMAT_VC_JWT,
  CREDENCE_BADGE_FORMAT_UNSIGNED,
  CREDENCE_BADGE_FORMAT_URL_ONLY,
} CredenceBadgeFormat;

/**
 * CredenceAlignment:
 * @name: `targetName` (1.x `name`)
 * @url: `targetUrl` (1.x `url`)
 * @description: `targetDescription` (1.x `description`)
 * @framework: `targetFramework`
 * @code: `targetCode`
 *
 * One alignment of the badge to a standard or skill, in 2.0 terms.  Every
 * field may be %NULL.
 */
typedef struct
{
  char *name;
  char *url;
  char *description;
  char *framework;
  char *code;
} CredenceAlignment;

/**
 * CredenceEvidence:
 * @id: the URL of the evidence
 * @name: its name
 * @description: its description
 * @narrative: Markdown narrative
 * @genre: its genre
 *
 * One piece of evidence.  Every field may be %NULL.
 */
typedef struct
{
  char *id;
  char *name;
  char *description;
  char *narrative;
  char *genre;
} CredenceEvidence;

#define CREDENCE_TYPE_BADGE (credence_badge_get_type ())

G_DECLARE_FINAL_TYPE (CredenceBadge, credence_badge, CREDENCE, BADGE, GObject)

GQuark               credence_badge_error_quark         (void);
const char          *credence_badge_error_get_reason    (const GError        *error);

const char          *credence_spec_version_to_string    (CredenceSpecVersion  version);
CredenceSpecVersion  credence_spec_version_from_string  (const char          *string);
const char          *credence_container_to_string       (CredenceContainer    container);
gboolean             credence_container_from_string     (const char          *string,
                                                         CredenceContainer   *out_container);
const char          *credence_badge_format_to_string    (CredenceBadgeFormat  format);
gboolean             credence_badge_format_from_string  (const char          *string,
                                                         CredenceBadgeFormat *out_format);

CredenceBadge       *credence_badge_new_from_bytes      (GBytes              *bytes,
                                                         const char          *source_name,
                                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;
GBytes              *credence_badge_read_stream         (GInputStream        *stream,
                                                         GCancellable        *cancellable,
                                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;
CredenceBadge       *credence_badge_new_from_file       (GFile               *file,
                                                         GCancellable        *cancellable,
                                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void                 credence_badge_new_from_file_async (GFile               *file,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
CredenceBadge       *credence_badge_new_from_file_finish (GAsyncResult       *result,
                                                          GError            **error) G_GNUC_WARN_UNUSED_RESULT;

GBytes              *credence_badge_bake                (CredenceBadge       *self,
                                                         GBytes              *image,
                                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Where it came from */
const char          *credence_badge_get_source_name     (CredenceBadge       *self);
GBytes              *credence_badge_get_bytes           (CredenceBadge       *self);
GBytes              *credence_badge_get_payload         (CredenceBadge       *self);
CredenceContainer    credence_badge_get_container       (CredenceBadge       *self);
const char          *credence_badge_get_location_chunk  (CredenceBadge       *self);
const char          *credence_badge_get_location_name   (CredenceBadge       *self);
const char          *credence_badge_get_location_part   (CredenceBadge       *self);
gint64               credence_badge_get_location_offset (CredenceBadge       *self);

/* What it is */
CredenceSpecVersion  credence_badge_get_spec_version    (CredenceBadge       *self);
CredenceBadgeFormat  credence_badge_get_format          (CredenceBadge       *self);
const char          *credence_badge_get_url             (CredenceBadge       *self);
JsonNode            *credence_badge_get_json            (CredenceBadge       *self);
JsonNode            *credence_badge_get_jws_header      (CredenceBadge       *self);
JsonNode            *credence_badge_get_jws_claims      (CredenceBadge       *self);
const char          *credence_badge_get_jws_alg         (CredenceBadge       *self);
const char * const  *credence_badge_get_proof_types     (CredenceBadge       *self);

/* Normalised fields (2.0 shape) */
const char          *credence_badge_get_id              (CredenceBadge       *self);
const char          *credence_badge_get_achievement_id  (CredenceBadge       *self);
const char          *credence_badge_get_name            (CredenceBadge       *self);
const char          *credence_badge_get_description     (CredenceBadge       *self);
const char          *credence_badge_get_criteria_narrative (CredenceBadge    *self);
const char          *credence_badge_get_criteria_url    (CredenceBadge       *self);
const char          *credence_badge_get_image           (CredenceBadge       *self);
const char * const  *credence_badge_get_tags            (CredenceBadge       *self);
GPtrArray           *credence_badge_get_alignments      (CredenceBadge       *self);
GPtrArray           *credence_badge_get_evidence        (CredenceBadge       *self);

const char          *credence_badge_get_issuer_id       (CredenceBadge       *self);
const char          *credence_badge_get_issuer_name     (CredenceBadge       *self);
const char          *credence_badge_get_issuer_url      (CredenceBadge       *self);
const char          *credence_badge_get_issuer_email    (CredenceBadge       *self);
const char          *credence_badge_get_issuer_image    (CredenceBadge       *self);

const char          *credence_badge_get_recipient_type  (CredenceBadge       *self);
const char          *credence_badge_get_recipient_identity (CredenceBadge    *self);
gboolean             credence_badge_get_recipient_hashed (CredenceBadge      *self);
const char          *credence_badge_get_recipient_salt  (CredenceBadge       *self);
const char          *credence_badge_get_subject_id      (CredenceBadge       *self);

GDateTime           *credence_badge_get_issued          (CredenceBadge       *self);
GDateTime           *credence_badge_get_expires         (CredenceBadge       *self);

G_END_DECLS
