/* credence-ob3-verifier.c: Open Badges 3.0 verification.
 *
 * Checks run in this order (open-badges-reference §4.2), each adding one
 * entry to the report; the first failure names the verdict's reason:
 *
 *   credential   a Verifiable Credential (VC 1.1 or 2.0 context and type)
 *   signature    every embedded proof, or the VC-JWT signature and claims
 *   issuer-key   the signing keys belong to the issuer
 *   badge-type   OpenBadgeCredential / AchievementCredential
 *   required     the OB 3.0 required properties
 *   dates        validFrom/validUntil, issuanceDate/expirationDate
 *   status       BitstringStatusList / StatusList2021 / 1EdTechRevocationList
 *   recipient    credentialSubject id or identifiers against the learner
 *
 * A document that cannot be fetched makes a check "could not complete"
 * (indeterminate, unreachable); it never counts as a pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-ob3-verifier"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-data-integrity.h"
#include "credence-did.h"
#include "credence-json.h"
#include "credence-jsonld.h"
#include "credence-jws.h"
#include "credence-limits.h"
#include "credence-multibase.h"
#include "credence-ob3-verifier.h"
#include "credence-rdfc.h"
#include "credence-status-list.h"

#define VC1_CONTEXT "https://www.w3.org/2018/credentials/v1"
#define VC2_CONTEXT "https://www.w3.org/ns/credentials/v2"

/* ------------------------------------------------------------------ */
/* Small JSON helpers                                                   */

static gboolean
node_has_type (JsonNode   *type,
               const char *name)
{
  return credence_json_node_has_string (type, name);
}

static gboolean
object_has_type (JsonObject *object,
                 const char *name)
{
  return node_has_type (json_object_get_member (object, "type"), name);
}

static const char *
issuer_id (JsonObject *credential)
{
  return credence_json_node_get_id (json_object_get_member (credential, "issuer"));
}

static JsonObject *
first_subject (JsonObject *credential)
{
  JsonNode *node = json_object_get_member (credential, "credentialSubject");
  JsonArray *array = credence_json_node_get_array (node);

  if (array != NULL)
    return json_array_get_length (array) > 0
           ? credence_json_node_get_object (json_array_get_element (array, 0)) : NULL;
  return credence_json_node_get_object (node);
}

static GDateTime *
parse_date (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return text != NULL ? g_date_time_new_from_iso8601 (text, utc) : NULL;
}

static char *
format_date (GDateTime *date)
{
  return g_date_time_format (date, "%Y-%m-%d");
}

/* ------------------------------------------------------------------ */
/* Fetching                                                             */

static JsonNode *
fetch_json (const char  *url,
            gpointer     user_data,
            GError     **error)
{
  const CredenceVerifyContext *ctx = user_data;
  CredenceDocument *document = NULL;
  JsonNode *node;

  if (ctx->loader == NULL)
    {
      g_set_error (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_OFFLINE,
                   _("%s is not saved and cannot be fetched"), url);
      return NULL;
    }
  node = credence_loader_fetch_json (ctx->loader, url, CREDENCE_LOADER_FLAGS_NONE, ctx->pins,
                                     &document, ctx->cancellable, error);
  if (document != NULL)
    {
      credence_verification_add_document (ctx->report, document);
      credence_document_unref (document);
    }
  return node;
}

/* Contexts: the bundled set first, then (not bundled) the loader, which
 * pins them. */
static JsonNode *
load_context (const char  *url,
              gpointer     user_data,
              GError     **error)
{
  JsonNode *node = credence_jsonld_load_bundled (url, NULL, NULL);

  if (node != NULL)
    return node;
  return fetch_json (url, user_data, error);
}

/* ------------------------------------------------------------------ */
/* Errors to checks                                                     */

static CredenceReason
reason_for_error (const GError        *error,
                  CredenceCheckStatus *status)
{
  *status = CREDENCE_CHECK_FAIL;

  if (error->domain == CREDENCE_LOADER_ERROR)
    {
      if (error->code == CREDENCE_LOADER_ERROR_NOT_JSON || error->code == CREDENCE_LOADER_ERROR_NOT_ALLOWED)
        return CREDENCE_REASON_INVALID_DATA;
      *status = CREDENCE_CHECK_WARN;
      return CREDENCE_REASON_UNREACHABLE;
    }
  if (error->domain == G_IO_ERROR)
    {
      *status = CREDENCE_CHECK_WARN;
      return CREDENCE_REASON_UNREACHABLE;
    }
  if (error->domain == CREDENCE_JSONLD_ERROR)
    {
      if (error->code == CREDENCE_JSONLD_ERROR_LOADING_REMOTE_CONTEXT_FAILED
          || error->code == CREDENCE_JSONLD_ERROR_LOADING_DOCUMENT_FAILED)
        {
          *status = CREDENCE_CHECK_WARN;
          return CREDENCE_REASON_UNREACHABLE;
        }
      return CREDENCE_REASON_INVALID_DATA;
    }
  if (error->domain == CREDENCE_DID_ERROR)
    {
      switch (error->code)
        {
        case CREDENCE_DID_ERROR_UNSUPPORTED:
          *status = CREDENCE_CHECK_WARN;
          return CREDENCE_REASON_UNSUPPORTED;
        case CREDENCE_DID_ERROR_NOT_FOUND:
        case CREDENCE_DID_ERROR_NOT_AUTHORIZED:
          return CREDENCE_REASON_ISSUER_KEY_MISMATCH;
        case CREDENCE_DID_ERROR_INVALID:
        default:
          return CREDENCE_REASON_INVALID_DATA;
        }
    }
  if (error->domain == CREDENCE_PUBLIC_KEY_ERROR)
    return error->code == CREDENCE_PUBLIC_KEY_ERROR_PRIVATE ? CREDENCE_REASON_INVALID_DATA
                                                            : CREDENCE_REASON_BAD_SIGNATURE;
  if (error->domain == CREDENCE_MULTIBASE_ERROR)
    return CREDENCE_REASON_BAD_SIGNATURE;
  if (error->domain == CREDENCE_JWS_ERROR)
    {
      if (error->code == CREDENCE_JWS_ERROR_CRITICAL)
        {
          *status = CREDENCE_CHECK_WARN;
          return CREDENCE_REASON_UNSUPPORTED;
        }
      return error->code == CREDENCE_JWS_ERROR_ALGORITHM ? CREDENCE_REASON_BAD_SIGNATURE
                                                         : CREDENCE_REASON_INVALID_DATA;
    }
  if (error->domain == CREDENCE_DATA_INTEGRITY_ERROR)
    {
      switch (error->code)
        {
        case CREDENCE_DATA_INTEGRITY_ERROR_UNSUPPORTED:
          *status = CREDENCE_CHECK_WARN;
          return CREDENCE_REASON_UNSUPPORTED;
        case CREDENCE_DATA_INTEGRITY_ERROR_EXPIRED:
          return CREDENCE_REASON_EXPIRED;
        case CREDENCE_DATA_INTEGRITY_ERROR_CHAIN:
          return CREDENCE_REASON_BAD_SIGNATURE;
        default:
          return CREDENCE_REASON_INVALID_DATA;
        }
    }
  return CREDENCE_REASON_INVALID_DATA;
}

static void
add_error_check (const CredenceVerifyContext *ctx,
                 const char                  *id,
                 const GError                *error)
{
  CredenceCheckStatus status;
  CredenceReason reason = reason_for_error (error, &status);

  credence_verification_add_check (ctx->report, id, status, reason, "%s", error->message);
}

/* ------------------------------------------------------------------ */
/* Embedded proofs                                                      */

static GPtrArray *
verify_proofs (const CredenceVerifyContext  *ctx,
               JsonObject                   *document,
               GError                      **error)
{
  CredenceProofContext proof_ctx = { credence_jsonld_get_default (), fetch_json, (gpointer) ctx,
                                     ctx->now, "assertionMethod", NULL };
  g_autoptr(GError) local_error = NULL;
  GPtrArray *methods;

  methods = credence_data_integrity_verify (document, &proof_ctx, &local_error);
  if (methods != NULL)
    return methods;

  /* A context that is not bundled: fetch it (and pin it) if allowed. */
  if (g_error_matches (local_error, CREDENCE_JSONLD_ERROR, CREDENCE_JSONLD_ERROR_LOADING_REMOTE_CONTEXT_FAILED)
      || g_error_matches (local_error, CREDENCE_JSONLD_ERROR, CREDENCE_JSONLD_ERROR_LOADING_DOCUMENT_FAILED))
    {
      g_autoptr(CredenceJsonld) jsonld = credence_jsonld_new (load_context, (gpointer) ctx, NULL);

      g_clear_error (&local_error);
      proof_ctx.jsonld = jsonld;
      methods = credence_data_integrity_verify (document, &proof_ctx, &local_error);
      if (methods != NULL)
        return methods;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* The key's controller must be the issuer. */
static gboolean
check_binding (const CredenceVerifyContext *ctx,
               GPtrArray                   *methods,
               const char                  *issuer)
{
  for (guint i = 0; i < methods->len; i++)
    {
      CredenceVerificationMethod *m = methods->pdata[i];

      if (issuer == NULL || g_strcmp0 (m->controller, issuer) != 0)
        {
          credence_verification_add_check (ctx->report, "issuer-key", CREDENCE_CHECK_FAIL,
                                           CREDENCE_REASON_ISSUER_KEY_MISMATCH,
                                           _("The signing key %s belongs to %s, not to the issuer %s."),
                                           m->id != NULL ? m->id : "",
                                           m->controller != NULL ? m->controller : _("nobody known"),
                                           issuer != NULL ? issuer : _("(none)"));
          return FALSE;
        }
    }
  credence_verification_add_check (ctx->report, "issuer-key", CREDENCE_CHECK_PASS, CREDENCE_REASON_NONE,
                                   _("The signing key belongs to the issuer %s."), issuer);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Credential checks                                                    */

static gboolean
check_credential (const CredenceVerifyContext *ctx,
                  JsonObject                  *credential)
{
  JsonNode *context = json_object_get_member (credential, "@context");
  JsonArray *contexts = credence_json_node_get_array (context);
  const char *first = contexts != NULL && json_array_get_length (contexts) > 0
                      ? credence_json_node_get_string (json_array_get_element (contexts, 0))
                      : credence_json_node_get_string (context);

  if (g_strcmp0 (first, VC1_CONTEXT) != 0 && g_strcmp0 (first, VC2_CONTEXT) != 0)
    {
      credence_verification_add_check (ctx->report, "credential", CREDENCE_CHECK_FAIL,
                                       CREDENCE_REASON_INVALID_DATA,
                                       _("The credential does not start with the Verifiable Credentials context."));
      return FALSE;
    }
  if (!object_has_type (credential, "VerifiableCredential"))
    {
      credence_verification_add_check (ctx->report, "credential", CREDENCE_CHECK_FAIL,
                                       CREDENCE_REASON_INVALID_DATA,
                                       _("The credential’s type does not include VerifiableCredential."));
      return FALSE;
    }
  credence_verification_add_check (ctx->report, "credential", CREDENCE_CHECK_PASS, CREDENCE_REASON_NONE,
                                   _("It is a Verifiable Credential (%s)."),
                                   g_strcmp0 (first, VC2_CONTEXT) == 0 ? "VC 2.0" : "VC 1.1");
  return TRUE;
}

/* The credential types of Open Badges 3.0 (and CLR 2.0, which wraps
 * them). */
static gboolean
is_badge (JsonObject *credential)
{
  return object_has_type (credential, "OpenBadgeCredential")
         || object_has_type (credential, "AchievementCredential")
         || object_has_type (credential, "EndorsementCredential")
         || object_has_type (credential, "ClrCredential");
}

static void
check_badge_type (const CredenceVerifyContext *ctx,
                  JsonObject                  *credential)
{
  if (!is_badge (credential))
    credence_verification_add_check (ctx->report, "badge-type", CREDENCE_CHECK_FAIL,
                                     CREDENCE_REASON_NOT_A_BADGE,
                                     _("The credential is not an Open Badge (its type is not OpenBadgeCredential)."));
  else
    credence_verification_add_check (ctx->report, "badge-type", CREDENCE_CHECK_PASS, CREDENCE_REASON_NONE,
                                     _("It is an Open Badges 3.0 credential."));
}

static void
check_required (const CredenceVerifyContext *ctx,
                JsonObject                  *credential)
{
  JsonObject *subject = first_subject (credential);
  const char *missing = NULL;

  if (issuer_id (credential) == NULL)
    missing = "issuer";
  else if (credence_json_object_get_string (credential, "validFrom") == NULL
           && credence_json_object_get_string (credential, "issuanceDate") == NULL)
    missing = "validFrom";
  else if (subject == NULL)
    missing = "credentialSubject";

  if (missing != NULL)
    credence_verification_add_check (ctx->report, "required", CREDENCE_CHECK_FAIL,
                                     CREDENCE_REASON_INVALID_DATA,
                                     _("The credential has no valid “%s”."), missing);
  else
    credence_verification_add_check (ctx->report, "required", CREDENCE_CHECK_PASS, CREDENCE_REASON_NONE,
                                     _("The required properties are present."));
}

/* Checks a validity window; @what names the source in messages. */
static gboolean
check_window (const CredenceVerifyContext *ctx,
              const char                  *id,
              GDateTime                   *from,
              GDateTime                   *until)
{
  if (from != NULL && g_date_time_difference (from, ctx->now) > CREDENCE_VERIFY_CLOCK_SKEW)
    {
      g_autofree char *date = format_date (from);

      credence_verification_add_check (ctx->report, id, CREDENCE_CHECK_FAIL, CREDENCE_REASON_NOT_YET_VALID,
                                       _("It starts on %s."), date);
      return FALSE;
    }
  if (until != NULL && g_date_time_difference (ctx->now, until) > CREDENCE_VERIFY_CLOCK_SKEW)
    {
      g_autofree char *date = format_date (until);

      credence_verification_add_check (ctx->report, id, CREDENCE_CHECK_FAIL, CREDENCE_REASON_EXPIRED,
                                       _("It ended on %s."), date);
      return FALSE;
    }
  return TRUE;
}

static gboolean
credential_window (JsonObject  *credential,
                   GDateTime  **out_from,
                   GDateTime  **out_until,
                   const char **out_bad)
{
  static const char *from_names[] = { "validFrom", "issuanceDate" };
  static const char *until_names[] = { "validUntil", "expirationDate" };

  *out_from = NULL;
  *out_until = NULL;
  *out_bad = NULL;
  for (guint i = 0; i < 2; i++)
    {
      JsonNode *f = json_object_get_member (credential, from_names[i]);
      JsonNode *u = json_object_get_member (credential, until_names[i]);

      if (f != NULL && *out_from == NULL)
        {
          *out_from = parse_date (credence_json_node_get_string (f));
          if (*out_from == NULL)
            *out_bad = from_names[i];
        }
      if (u != NULL && *out_until == NULL)
        {
          *out_until = parse_date (credence_json_node_get_string (u));
          if (*out_until == NULL)
            *out_bad = until_names[i];
        }
    }
  return *out_bad == NULL;
}

static void
check_dates (const CredenceVerifyContext *ctx,
             JsonObject                  *credential)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;
  const char *bad;
  gboolean ok = credential_window (credential, &from, &until, &bad);

  if (!ok)
    {
      credence_verification_add_check (ctx->report, "dates", CREDENCE_CHECK_FAIL, CREDENCE_REASON_INVALID_DATA,
                                       _("“%s” is not a valid date and time."), bad);
      return;
    }
  if (!check_window (ctx, "dates", from, until))
    return;
  credence_verification_add_check (ctx->report, "dates", CREDENCE_CHECK_PASS, CREDENCE_REASON_NONE,
                                   _("It is within its validity period."));
}

/* ------------------------------------------------------------------ */
/* Status                                                               */

static gboolean
parse_index (JsonNode *node,
             guint64  *out)
{
  const char *text = credence_json_node_get_string (node);
  char *end = NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);

      if (v < 0)
        return FALSE;
      *out = (guint64) v;
      return TRUE;
    }
  if (text == NULL || text[0] == '\0' || !g_ascii_isdigit (text[0]))
    return FALSE;
  *out = g_ascii_strtoull (text, &end, 10);
  return end != NULL && *end == '\0';
}

/* Returns the status value of one bitstring entry, or -1 with the check
 * added when it could not be read. */
static void
check_bitstring_entry (const CredenceVerifyContext *ctx,
                       JsonObject                  *entry,
                       gboolean                     legacy,
                       gboolean                    *out_done)
{
  const char *list_url = credence_json_object_get_string (entry, "statusListCredential");
  const char *purpose = credence_json_object_get_string (entry, "statusPurpose");
  guint64 index = 0;
  gint64 size = 1;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) list_node = NULL;
  g_autoptr(GPtrArray) methods = NULL;
  g_autoptr(GBytes) bits = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;
  JsonObject *list;
  JsonObject *subject;
  const char *bad;
  guint value = 0;

  *out_done = TRUE;

  if (list_url == NULL || purpose == NULL || !parse_index (json_object_get_member (entry, "statusListIndex"), &index)
      || (json_object_has_member (entry, "statusSize")
          && (!credence_json_object_get_int (entry, "statusSize", &size) || size < 1 || size > 8)))
    {
      credence_verification_add_check (ctx->report, "status", CREDENCE_CHECK_FAIL, CREDENCE_REASON_INVALID_DATA,
                                       _("The credential’s status entry is incomplete."));
      return;
    }

  list_node = fetch_json (list_url, (gpointer) ctx, &error);
  if (list_node == NULL)
    {
      add_error_check (ctx, "status", error);
      return;
    }
  list = credence_json_node_get_object (list_node);
  if (list == NULL
      || !object_has_type (list, legacy ? "StatusList2021Credential" : "BitstringStatusListCredential"))
    {
      credence_verification_add_check (ctx->report, "status", CREDENCE_CHECK_FAIL, CREDENCE_REASON_INVALID_DATA,
                                       _("The status list at %s is not a status list credential."), list_url);
      return;
    }

  methods = verify_proofs (ctx, list, &error);
  if (methods == NULL)
    {
      CredenceCheckStatus status;
      CredenceReason reason = reason_for_error (error, &status);

      /* A list that does not verify cannot say anything either way. */
      if (status == CREDENCE_CHECK_FAIL)
        reason = CREDENCE_REASON_INVALID_DATA;
      credence_verification_add_check (ctx->report, "status", status, reason,
                                       _("The status list at %s cannot be trusted: %s"), list_url, error->message);
      return;
    }
  for (guint i = 0; i < methods->len; i++)
    {
      CredenceVerificationMethod *m = methods->pdata[i];

      if (g_strcmp0 (m->controller, issuer_id (list)) != 0)
        {
          credence_verification_add_check (ctx->report, "status", CREDENCE_CHECK_FAIL, CREDENCE_REASON_INVALID_DATA,
                                           _("The status list at %s is not signed by its issuer."), list_url);
          return;
        }
    }

  if (!credential_window (list, &from, &until, &bad)
      || (from != NULL && g_date_time_difference (from, ctx->now) > CREDENCE_VERIFY_CLOCK_SKEW)
      || (until != NULL && g_date_time_difference (ctx->now, until) > CREDENCE_VERIFY_CLOCK_SKEW))
    {
      credence_verification_add_check (ctx->report, "status", CREDENCE_CHECK_FAIL, CREDENCE_REASON_INVALID_DATA,
                                       _("The status list at %s is outside its validity period."), list_url);
      return;
    }

  subject = first_subject (list);
  if (subject == NULL || g_strcmp0 (credence_json_object_get_string (subject, "statusPurpose"), purpose) != 0)
    {
      credence_verification_add_check (ctx->report, "status", CREDENCE_CHECK_FAIL, CREDENCE_REASON_INVALID_DATA,
                                       _("The status list at %s is not a list for “%s”."), list_url, purpose);
      return;
    }

  bits = credence_status_list_decode (credence_json_object_get_string (subject, "encodedList") != NULL
                                      ? credence_json_object_get_string (subject, "encodedList") : "",
                                      &error);
  if (bits == NULL || !credence_status_list_get (bits, index, (guint) size, &value, &error))
    {
      credence_verification_add_check (ctx->report, "status", CREDENCE_CHECK_FAIL, CREDENCE_REASON_INVALID_DATA,
                                       "%s", error->message);
      return;
    }

  if (value != 0 && strcmp (purpose, "revocation") == 0)
    {
      credence_verification_add_check (ctx->report, "status", CREDENCE_CHECK_FAIL, CREDENCE_REASON_REVOKED,
                                       _("The issuer revoked it (status list %s, entry %" G_GUINT64_FORMAT ")."),
                                       list_url, index);
      return;
    }
  if (value != 0 && strcmp (purpose, "suspension") == 0)
    {
      credence_verification_add_check (ctx->report, "status", CREDENCE_CHECK_FAIL, CREDENCE_REASON_SUSPENDED,
                                       _("The issuer suspended it (status list %s, entry %" G_GUINT64_FORMAT ")."),
                                       list_url, index);
      return;
    }

  *out_done = FALSE;
}

static void
check_revocation_list (const CredenceVerifyContext *ctx,
                       JsonObject                  *credential,
                       JsonObject                  *entry,
                       gboolean                    *out_done)
{
  const char *url = credence_json_object_get_string (entry, "id");
  const char *id = credence_json_object_get_string (credential, "id");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *list;
  JsonArray *revoked;

  *out_done = TRUE;
  if (url == NULL)
    {
      credence_verification_add_check (ctx->report, "status", CREDENCE_CHECK_FAIL, CREDENCE_REASON_INVALID_DATA,
                                       _("The credential’s revocation list has no address."));
      return;
    }
  node = fetch_json (url, (gpointer) ctx, &error);
  if (node == NULL)
    {
      add_error_check (ctx, "status", error);
      return;
    }
  list = credence_json_node_get_object (node);
  revoked = credence_json_object_get_array (list, "revokedCredential");
  if (revoked == NULL)
    revoked = credence_json_object_get_array (list, "revokedCredentials");
  if (revoked == NULL)
    {
      credence_verification_add_check (ctx->report, "status", CREDENCE_CHECK_FAIL, CREDENCE_REASON_INVALID_DATA,
                                       _("The revocation list at %s is malformed."), url);
      return;
    }

  for (guint i = 0; id != NULL && i < json_array_get_length (revoked); i++)
    {
      JsonObject *item = credence_json_node_get_object (json_array_get_element (revoked, i));
      gboolean is_revoked = TRUE;

      if (g_strcmp0 (credence_json_object_get_string (item, "id"), id) != 0)
        continue;
      credence_json_object_get_boolean (item, "revoked", &is_revoked);
      if (is_revoked)
        {
          const char *why = credence_json_object_get_string (item, "revocationReason");

          credence_verification_add_check (ctx->report, "status", CREDENCE_CHECK_FAIL, CREDENCE_REASON_REVOKED,
                                           _("The issuer revoked it%s%s."), why != NULL ? ": " : "",
                                           why != NULL ? why : "");
          return;
        }
    }
  *out_done = FALSE;
}

static void
check_status (const CredenceVerifyContext *ctx,
              JsonObject                  *credential)
{
  JsonNode *node = json_object_get_member (credential, "credentialStatus");
  JsonArray *array = credence_json_node_get_array (node);
  guint n = array != NULL ? json_array_get_length (array) : (node != NULL ? 1 : 0);

  if (n == 0)
    {
      credence_verification_add_check (ctx->report, "status", CREDENCE_CHECK_SKIP, CREDENCE_REASON_NONE,
                                       _("The issuer publishes no status for it."));
      return;
    }
  if (n > CREDENCE_LIMIT_STATUS_ENTRIES)
    {
      credence_verification_add_check (ctx->report, "status", CREDENCE_CHECK_FAIL, CREDENCE_REASON_INVALID_DATA,
                                       _("The credential has more than %d status entries."),
                                       CREDENCE_LIMIT_STATUS_ENTRIES);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonObject *entry = credence_json_node_get_object (array != NULL ? json_array_get_element (array, i) : node);
      gboolean done = FALSE;

      if (entry != NULL && object_has_type (entry, "BitstringStatusListEntry"))
        check_bitstring_entry (ctx, entry, FALSE, &done);
      else if (entry != NULL && object_has_type (entry, "StatusList2021Entry"))
        check_bitstring_entry (ctx, entry, TRUE, &done);
      else if (entry != NULL && object_has_type (entry, "1EdTechRevocationList"))
        check_revocation_list (ctx, credential, entry, &done);
      else
        {
          credence_verification_add_check (ctx->report, "status", CREDENCE_CHECK_WARN, CREDENCE_REASON_UNSUPPORTED,
                                           _("The credential uses a kind of status Credence cannot check."));
          done = TRUE;
        }
      if (done)
        return;
    }

  credence_verification_add_check (ctx->report, "status", CREDENCE_CHECK_PASS, CREDENCE_REASON_NONE,
                                   _("The issuer has not revoked or suspended it."));
}

/* ------------------------------------------------------------------ */
/* Recipient                                                            */

static gboolean
identity_object_matches (JsonObject *io,
                         const char *identity)
{
  const char *hash = credence_json_object_get_string (io, "identityHash");
  const char *salt = credence_json_object_get_string (io, "salt");
  gboolean hashed = FALSE;

  if (hash == NULL)
    return FALSE;
  credence_json_object_get_boolean (io, "hashed", &hashed);

  if (hashed)
    {
      GChecksumType type;
      const char *hex;
      g_autofree char *input = g_strconcat (identity, salt != NULL ? salt : "", NULL);
      g_autofree char *digest = NULL;

      if (g_ascii_strncasecmp (hash, "sha256$", 7) == 0)
        type = G_CHECKSUM_SHA256, hex = hash + 7;
      else if (g_ascii_strncasecmp (hash, "md5$", 4) == 0)
        type = G_CHECKSUM_MD5, hex = hash + 4;
      else
        return FALSE;
      digest = g_compute_checksum_for_string (type, input, -1);
      return g_ascii_strcasecmp (digest, hex) == 0;
    }

  if (g_strcmp0 (credence_json_object_get_string (io, "identityType"), "emailAddress") == 0)
    return g_ascii_strcasecmp (hash, identity) == 0;
  return strcmp (hash, identity) == 0;
}

/**
 * credence_ob3_identity_matches:
 * @subject: a credentialSubject
 * @identity: one of the learner's identities (email, URL, phone, DID)
 *
 * Returns: whether the subject's `id` or one of its `identifier`
 *   IdentityObjects (hashed as in OB 2.0: `sha256$hex(identity ‖ salt)`)
 *   is @identity
 */
gboolean
credence_ob3_identity_matches (JsonObject *subject,
                               const char *identity)
{
  const char *id = credence_json_object_get_string (subject, "id");
  JsonArray *identifiers = credence_json_object_get_array (subject, "identifier");

  if (id != NULL && (strcmp (id, identity) == 0
                     || (g_str_has_prefix (id, "mailto:") && g_ascii_strcasecmp (id + 7, identity) == 0)))
    return TRUE;

  for (guint i = 0; identifiers != NULL && i < json_array_get_length (identifiers); i++)
    {
      JsonObject *io = credence_json_node_get_object (json_array_get_element (identifiers, i));

      if (io != NULL && identity_object_matches (io, identity))
        return TRUE;
    }
  return FALSE;
}

static void
check_recipient (const CredenceVerifyContext *ctx,
                 JsonObject                  *credential)
{
  JsonObject *subject = first_subject (credential);

  if (ctx->identities == NULL || ctx->identities[0] == NULL)
    {
      credence_verification_add_check (ctx->report, "recipient", CREDENCE_CHECK_SKIP, CREDENCE_REASON_NONE,
                                       _("No identity was given to compare with the recipient."));
      return;
    }
  if (subject == NULL || (json_object_get_member (subject, "id") == NULL
                          && credence_json_object_get_array (subject, "identifier") == NULL))
    {
      credence_verification_add_check (ctx->report, "recipient", CREDENCE_CHECK_FAIL,
                                       CREDENCE_REASON_RECIPIENT_MISMATCH,
                                       _("The credential does not name its recipient."));
      return;
    }
  for (guint i = 0; ctx->identities[i] != NULL; i++)
    {
      if (credence_ob3_identity_matches (subject, ctx->identities[i]))
        {
          credence_verification_add_check (ctx->report, "recipient", CREDENCE_CHECK_PASS, CREDENCE_REASON_NONE,
                                           _("It was issued to %s."), ctx->identities[i]);
          return;
        }
    }
  credence_verification_add_check (ctx->report, "recipient", CREDENCE_CHECK_FAIL,
                                   CREDENCE_REASON_RECIPIENT_MISMATCH,
                                   _("It was issued to someone else."));
}

/* The checks after the signature, common to both forms. */
static void
check_rest (const CredenceVerifyContext *ctx,
            JsonObject                  *credential)
{
  check_badge_type (ctx, credential);
  check_required (ctx, credential);
  check_dates (ctx, credential);
  check_status (ctx, credential);
  check_recipient (ctx, credential);
}

/* ------------------------------------------------------------------ */
/* Entry points                                                         */

/**
 * credence_ob3_is_credential:
 * @object: parsed JSON
 *
 * Returns: whether @object looks like a Verifiable Credential (its
 *   `@context` names a VC base context)
 */
gboolean
credence_ob3_is_credential (JsonObject *object)
{
  JsonNode *context = json_object_get_member (object, "@context");

  return credence_json_node_has_string (context, VC1_CONTEXT)
         || credence_json_node_has_string (context, VC2_CONTEXT);
}

/**
 * credence_ob3_is_jwt:
 * @text: text
 *
 * Returns: whether @text is a compact JWS (three base64url parts)
 */
gboolean
credence_ob3_is_jwt (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  guint dots = 0;

  for (const char *p = copy; *p != '\0'; p++)
    {
      if (*p == '.')
        dots++;
      else if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '=')
        return FALSE;
    }
  return dots == 2;
}

/**
 * credence_ob3_verify_json:
 * @ctx: the verification context
 * @credential: a credential with embedded proofs
 *
 * Verifies an OB 3.0 credential in JSON form and adds the checks to
 * @ctx's report.
 */
void
credence_ob3_verify_json (const CredenceVerifyContext *ctx,
                          JsonNode                    *credential)
{
  JsonObject *object = credence_json_node_get_object (credential);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) methods = NULL;

  credence_verification_set_spec (ctx->report, "3.0");
  credence_verification_set_format (ctx->report, "data-integrity");

  if (object == NULL)
    {
      credence_verification_add_check (ctx->report, "credential", CREDENCE_CHECK_FAIL, CREDENCE_REASON_NOT_A_BADGE,
                                       _("The data is not a credential."));
      return;
    }
  if (!check_credential (ctx, object))
    return;

  methods = verify_proofs (ctx, object, &error);
  if (methods == NULL)
    {
      add_error_check (ctx, "signature", error);
      if (g_error_matches (error, CREDENCE_DATA_INTEGRITY_ERROR, CREDENCE_DATA_INTEGRITY_ERROR_NO_PROOF))
        credence_verification_set_format (ctx->report, "unsigned");
    }
  else
    {
      credence_verification_add_check (ctx->report, "signature", CREDENCE_CHECK_PASS, CREDENCE_REASON_NONE,
                                       g_dngettext (GETTEXT_PACKAGE, "The signature is valid.",
                                                    "All %u signatures are valid.", methods->len),
                                       methods->len);
      check_binding (ctx, methods, issuer_id (object));
    }

  check_rest (ctx, object);
}

/* Seconds since the epoch of a date property, for JWT claim checks. */
static gboolean
date_seconds (JsonObject *credential,
              const char *name,
              gint64     *out)
{
  g_autoptr(GDateTime) date = parse_date (credence_json_object_get_string (credential, name));

  if (date == NULL)
    return FALSE;
  *out = g_date_time_to_unix (date);
  return TRUE;
}

/* Claims that must agree with the credential (OB 3.0 §8.2, VC-JOSE). */
static const char *
disagreeing_claim (JsonObject *claims,
                   JsonObject *credential,
                   gboolean    vc11)
{
  const char *iss = credence_json_object_get_string (claims, "iss");
  const char *jti = credence_json_object_get_string (claims, "jti");
  const char *sub = credence_json_object_get_string (claims, "sub");
  JsonObject *subject = first_subject (credential);
  const char *subject_id = credence_json_object_get_string (subject, "id");
  gint64 value;

  if (json_object_has_member (claims, "iss") && g_strcmp0 (iss, issuer_id (credential)) != 0)
    return "iss";
  if (json_object_has_member (claims, "jti")
      && json_object_has_member (credential, "id")
      && g_strcmp0 (jti, credence_json_object_get_string (credential, "id")) != 0)
    return "jti";
  if (json_object_has_member (claims, "sub") && subject_id != NULL && g_strcmp0 (sub, subject_id) != 0)
    return "sub";
  if (json_object_has_member (claims, "nbf"))
    {
      g_autoptr(GDateTime) claim = credence_json_node_dup_unix_time (credence_json_object_get_node (claims, "nbf"));

      if (claim == NULL)
        return "nbf";
      if (date_seconds (credential, vc11 ? "issuanceDate" : "validFrom", &value)
          && value != g_date_time_to_unix (claim))
        return "nbf";
    }
  if (json_object_has_member (claims, "exp"))
    {
      g_autoptr(GDateTime) claim = credence_json_node_dup_unix_time (credence_json_object_get_node (claims, "exp"));

      if (claim == NULL)
        return "exp";
      if (date_seconds (credential, vc11 ? "expirationDate" : "validUntil", &value)
          && value != g_date_time_to_unix (claim))
        return "exp";
    }
  return NULL;
}

static gboolean
same_origin (const char *a,
             const char *b)
{
  g_autoptr(GUri) ua = a != NULL ? g_uri_parse (a, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr(GUri) ub = b != NULL ? g_uri_parse (b, G_URI_FLAGS_NONE, NULL) : NULL;

  return ua != NULL && ub != NULL && g_uri_get_host (ua) != NULL
         && g_strcmp0 (g_uri_get_scheme (ua), g_uri_get_scheme (ub)) == 0
         && g_ascii_strcasecmp (g_uri_get_host (ua), g_uri_get_host (ub) != NULL ? g_uri_get_host (ub) : "") == 0
         && g_uri_get_port (ua) == g_uri_get_port (ub);
}

/* The key of a VC-JWT: from `jwk` or `kid`, or the issuer's DID.
 * @out_binding is set when the key's owner could not be confirmed: NULL
 * when it is the issuer's, else an error explaining why not (a fetch
 * error: could not check; a DID error: another key). */
static CredencePublicKey *
jwt_key (const CredenceVerifyContext  *ctx,
         JsonObject                   *header,
         const char                   *issuer,
         GError                      **out_binding,
         GError                      **error)
{
  JsonObject *jwk = credence_json_object_get_object (header, "jwk");
  const char *kid = credence_json_object_get_string (header, "kid");
  g_autoptr(CredenceVerificationMethod) method = NULL;

  if (jwk != NULL)
    {
      g_autoptr(CredencePublicKey) key = credence_public_key_new_jwk (jwk, error);

      if (key == NULL)
        return NULL;
      /* A DID issuer can confirm the key; an http(s) issuer cannot. */
      if (issuer != NULL && g_str_has_prefix (issuer, "did:"))
        {
          g_autoptr(CredenceVerificationMethod) m =
            credence_did_resolve_verification_method (kid != NULL ? kid : issuer, "assertionMethod",
                                                      fetch_json, (gpointer) ctx, out_binding);

          if (m != NULL && (!credence_public_key_equal (m->key, key) || g_strcmp0 (m->controller, issuer) != 0))
            g_set_error (out_binding, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_NOT_AUTHORIZED,
                         _("The key in the token is not the key %s publishes."), issuer);
        }
      else
        {
          g_set_error_literal (out_binding, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_UNSUPPORTED,
                               _("The signing key came with the credential; the issuer does not publish it."));
        }
      return g_steal_pointer (&key);
    }

  if (kid == NULL && issuer != NULL && g_str_has_prefix (issuer, "did:"))
    kid = issuer;
  if (kid == NULL)
    {
      g_set_error_literal (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_INVALID,
                           _("The signed token names no key (“kid” or “jwk”) to check it with."));
      return NULL;
    }
  if (kid[0] == '#' && issuer != NULL)
    {
      g_autofree char *full = g_strconcat (issuer, kid, NULL);

      method = credence_did_resolve_verification_method (full, "assertionMethod", fetch_json, (gpointer) ctx, error);
    }
  else
    {
      method = credence_did_resolve_verification_method (kid, "assertionMethod", fetch_json, (gpointer) ctx, error);
    }
  if (method == NULL)
    return NULL;

  if (method->controller != NULL ? g_strcmp0 (method->controller, issuer) != 0 : !same_origin (kid, issuer))
    g_set_error (out_binding, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_NOT_AUTHORIZED,
                 _("The signing key %s does not belong to the issuer %s."), kid, issuer != NULL ? issuer : "");
  return g_steal_pointer (&method->key);
}

/**
 * credence_ob3_verify_jwt:
 * @ctx: the verification context
 * @compact: a VC-JWT (compact JWS)
 *
 * Verifies an OB 3.0 credential in VC-JWT form (OB 3.0 §8.2: the payload
 * is the credential; VC 1.1 style: the `vc` claim).
 */
void
credence_ob3_verify_jwt (const CredenceVerifyContext *ctx,
                         const char                  *compact)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceJws) jws = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(CredencePublicKey) key = NULL;
  JsonObject *claims;
  JsonObject *credential;
  JsonObject *header;
  g_autoptr(GError) binding = NULL;
  g_autoptr(GError) payload_error = NULL;
  const char *claim;
  gboolean vc11;

  credence_verification_set_spec (ctx->report, "3.0");
  credence_verification_set_format (ctx->report, "vc-jwt");

  jws = credence_jws_parse (compact, &error);
  if (jws != NULL && !credence_jws_is_detached (jws))
    payload = credence_json_parse_bytes (credence_jws_get_payload (jws), &payload_error);
  if (jws == NULL && !g_error_matches (error, CREDENCE_JWS_ERROR, CREDENCE_JWS_ERROR_INVALID))
    {
      add_error_check (ctx, "signature", error);
      return;
    }
  claims = credence_json_node_get_object (payload);
  if (claims == NULL)
    {
      if (payload_error != NULL)
        credence_verification_add_check (ctx->report, "credential", CREDENCE_CHECK_FAIL, CREDENCE_REASON_INVALID_DATA,
                                         "%s", payload_error->message);
      else
        credence_verification_add_check (ctx->report, "credential", CREDENCE_CHECK_FAIL, CREDENCE_REASON_INVALID_DATA,
                                         _("The signed token does not hold a credential."));
      return;
    }

  vc11 = credence_json_object_get_object (claims, "vc") != NULL;
  credential = vc11 ? credence_json_object_get_object (claims, "vc") : claims;
  if (!check_credential (ctx, credential))
    return;

  header = credence_jws_get_header (jws);
  key = jwt_key (ctx, header, issuer_id (credential), &binding, &error);
  if (key == NULL)
    {
      add_error_check (ctx, "signature", error);
      check_rest (ctx, credential);
      return;
    }
  if (!credence_jws_verify (jws, key, NULL, &error))
    {
      add_error_check (ctx, "signature", error);
      check_rest (ctx, credential);
      return;
    }

  claim = disagreeing_claim (claims, credential, vc11);
  if (claim != NULL)
    {
      credence_verification_add_check (ctx->report, "signature", CREDENCE_CHECK_FAIL, CREDENCE_REASON_INVALID_DATA,
                                       _("The token’s “%s” claim disagrees with the credential."), claim);
      check_rest (ctx, credential);
      return;
    }
  credence_verification_add_check (ctx->report, "signature", CREDENCE_CHECK_PASS, CREDENCE_REASON_NONE,
                                   _("The signature is valid."));

  if (binding == NULL)
    credence_verification_add_check (ctx->report, "issuer-key", CREDENCE_CHECK_PASS, CREDENCE_REASON_NONE,
                                     _("The signing key belongs to the issuer %s."), issuer_id (credential));
  else if (g_error_matches (binding, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_UNSUPPORTED))
    /* OB 3.0 §8.2 allows a key in the header; note that nobody vouches
     * for it beyond the credential itself. */
    credence_verification_add_check (ctx->report, "issuer-key", CREDENCE_CHECK_WARN, CREDENCE_REASON_NONE,
                                     "%s", binding->message);
  else
    add_error_check (ctx, "issuer-key", binding);

  /* The token's own validity window. */
  {
    g_autoptr(GDateTime) nbf = credence_json_node_dup_unix_time (credence_json_object_get_node (claims, "nbf"));
    g_autoptr(GDateTime) exp = credence_json_node_dup_unix_time (credence_json_object_get_node (claims, "exp"));

    if (!check_window (ctx, "token-dates", nbf, exp))
      {
        check_rest (ctx, credential);
        return;
      }
  }

  check_rest (ctx, credential);
}
