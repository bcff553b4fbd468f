/* credence-payload.c: decoding what was unbaked: JSON, compact JWS/JWT,
 * URLs, and telling the Open Badges version apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-payload"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-json.h"
#include "credence-multibase.h"
#include "credence-payload.h"

static gboolean
invalid_jws (GError **error)
{
  g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_INVALID_DATA,
                       _("The badge’s signed data is damaged and cannot be read. Ask the issuer for a new copy."));
  return FALSE;
}

/**
 * credence_payload_parse_json:
 * @data: JSON text
 * @length: its length
 * @error: return location for a #CredenceBadgeError
 *
 * Parses badge JSON with the limits of credence-json, mapping its errors to
 * %CREDENCE_BADGE_ERROR_INVALID_DATA or %CREDENCE_BADGE_ERROR_TOO_LARGE.
 * The root must be an object.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
credence_payload_parse_json (const char  *data,
                             gsize        length,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = credence_json_parse (data, length, &local_error);

  if (node == NULL)
    {
      /* A number out of range is damaged data, not a size limit. */
      gboolean limit = !g_error_matches (local_error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_INVALID) &&
                       !g_error_matches (local_error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_OUT_OF_RANGE);

      g_set_error_literal (error, CREDENCE_BADGE_ERROR,
                           limit ? CREDENCE_BADGE_ERROR_TOO_LARGE : CREDENCE_BADGE_ERROR_INVALID_DATA,
                           local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_A_BADGE,
                           _("This data is not a badge: Open Badges are JSON objects. Use the original badge file or its link."));
      return NULL;
    }
  return g_steal_pointer (&node);
}

static JsonNode *
decode_segment (const char  *data,
                gsize        length,
                GError     **error)
{
  g_autoptr(GBytes) bytes = credence_base64url_decode (data, (gssize)length, NULL);
  gsize size = 0;
  const char *text;

  if (bytes == NULL)
    {
      invalid_jws (error);
      return NULL;
    }
  text = g_bytes_get_data (bytes, &size);
  return credence_payload_parse_json (text != NULL ? text : "", size, error);
}

/**
 * credence_payload_decode_jws:
 * @data: a compact JWS, trimmed
 * @length: its length
 * @out_header: (out) (optional): the protected header
 * @out_claims: (out) (optional): the decoded payload
 * @error: return location for a #CredenceBadgeError
 *
 * Decodes both parts of a compact JWS without checking the signature.
 *
 * Returns: %TRUE if both parts are base64url JSON objects
 */
gboolean
credence_payload_decode_jws (const char  *data,
                             gsize        length,
                             JsonNode   **out_header,
                             JsonNode   **out_claims,
                             GError     **error)
{
  const char *dot1 = memchr (data, '.', length);
  const char *dot2;
  g_autoptr(JsonNode) header = NULL;
  g_autoptr(JsonNode) claims = NULL;

  if (dot1 == NULL)
    return invalid_jws (error);
  dot2 = memchr (dot1 + 1, '.', (gsize)(data + length - dot1 - 1));
  if (dot2 == NULL || dot2 == dot1 + 1)
    return invalid_jws (error);

  header = decode_segment (data, (gsize)(dot1 - data), error);
  if (header == NULL)
    return FALSE;
  if (credence_json_object_get_string (json_node_get_object (header), "alg") == NULL)
    return invalid_jws (error);

  claims = decode_segment (dot1 + 1, (gsize)(dot2 - dot1 - 1), error);
  if (claims == NULL)
    return FALSE;

  if (out_header != NULL)
    *out_header = g_steal_pointer (&header);
  if (out_claims != NULL)
    *out_claims = g_steal_pointer (&claims);
  return TRUE;
}

static gboolean
context_has_prefix (JsonNode   *context,
                    const char *prefix)
{
  const char *s = credence_json_node_get_string (context);
  JsonArray *array;

  if (s != NULL)
    return g_str_has_prefix (s, prefix);
  array = credence_json_node_get_array (context);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      s = credence_json_node_get_string (json_array_get_element (array, i));
      if (s != NULL && g_str_has_prefix (s, prefix))
        return TRUE;
    }
  return FALSE;
}

/**
 * credence_payload_is_vc:
 * @object: a JSON object
 *
 * Returns: %TRUE if @object is a W3C Verifiable Credential (VC 1.1 or 2.0
 *   context, or `VerifiableCredential` in `type`)
 */
gboolean
credence_payload_is_vc (JsonObject *object)
{
  JsonNode *context = credence_json_object_get_node (object, "@context");

  return context_has_prefix (context, "https://www.w3.org/ns/credentials/v2") ||
         context_has_prefix (context, "https://www.w3.org/2018/credentials/v1") ||
         credence_json_node_has_string (credence_json_object_get_node (object, "type"),
                                        "VerifiableCredential");
}

static gboolean
not_a_badge (GError    **error,
             const char *message)
{
  g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_A_BADGE, message);
  return FALSE;
}

#define OB3_CONTEXT_PREFIX "https://purl.imsglobal.org/spec/ob/v3p0/"

static JsonObject *
first_subject (JsonObject *object)
{
  JsonNode *node = credence_json_object_get_node (object, "credentialSubject");
  JsonArray *array = credence_json_node_get_array (node);

  if (array != NULL && json_array_get_length (array) > 0)
    node = json_array_get_element (array, 0);
  return credence_json_node_get_object (node);
}

static CredenceSpecVersion
detect_vc (JsonObject  *object,
           GError     **error)
{
  JsonNode *type = credence_json_object_get_node (object, "type");

  if (credence_json_node_has_string (type, "OpenBadgeCredential") ||
      credence_json_node_has_string (type, "AchievementCredential"))
    return CREDENCE_SPEC_VERSION_3_0;

  if (credence_json_node_has_string (type, "EndorsementCredential"))
    g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_SUPPORTED,
                         _("This is an endorsement, not a badge. Credence cannot keep endorsements yet."));
  else if (credence_json_node_has_string (type, "ClrCredential"))
    g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_SUPPORTED,
                         _("This is a Comprehensive Learner Record, not a single badge. Credence cannot keep learner records yet."));
  else if (context_has_prefix (credence_json_object_get_node (object, "@context"), OB3_CONTEXT_PREFIX) &&
           (credence_json_object_get_node (first_subject (object), "achievement") != NULL ||
            credence_json_node_has_string (credence_json_object_get_node (first_subject (object), "type"),
                                           "AchievementSubject")))
    /* An Open Badge with a wrong type: the verifier reports it. */
    return CREDENCE_SPEC_VERSION_3_0;
  else
    not_a_badge (error, _("This is a digital credential, but not an Open Badge. Credence keeps Open Badges only."));
  return CREDENCE_SPEC_VERSION_UNKNOWN;
}

static gboolean
looks_like_assertion (JsonObject *object)
{
  JsonNode *type = credence_json_object_get_node (object, "type");

  if (credence_json_node_has_string (type, "Assertion"))
    return TRUE;
  /* A wrong type on an assertion is for the verifier to report. */
  return json_object_has_member (object, "recipient") && json_object_has_member (object, "badge");
}

/**
 * credence_payload_detect_version:
 * @document: the badge JSON (an object)
 * @error: return location for a #CredenceBadgeError
 *
 * Tells the Open Badges version from `@context`, `type` and shape, the way
 * the reference validator does for 0.5 to 2.0: a string context with `v1`
 * is 1.1, with `v2` 2.0; no context and a string `recipient` is 0.5; no
 * context otherwise 1.0; any other context 2.0.  A VC 1.1 or 2.0 context
 * with `OpenBadgeCredential` or `AchievementCredential` is 3.0.
 * Endorsements and learner records are %CREDENCE_BADGE_ERROR_NOT_SUPPORTED;
 * badge classes, issuers and other documents are
 * %CREDENCE_BADGE_ERROR_NOT_A_BADGE.
 *
 * Returns: the version, or %CREDENCE_SPEC_VERSION_UNKNOWN with @error set
 */
CredenceSpecVersion
credence_payload_detect_version (JsonNode  *document,
                                 GError   **error)
{
  JsonObject *object = credence_json_node_get_object (document);
  JsonNode *context;
  const char *context_string;
  JsonNode *type;

  if (object == NULL)
    {
      not_a_badge (error, _("This data is not a badge: Open Badges are JSON objects. Use the original badge file or its link."));
      return CREDENCE_SPEC_VERSION_UNKNOWN;
    }

  if (credence_payload_is_vc (object))
    return detect_vc (object, error);

  type = credence_json_object_get_node (object, "type");
  if (credence_json_node_has_string (type, "BadgeClass") ||
      credence_json_node_has_string (type, "Issuer") ||
      credence_json_node_has_string (type, "Profile"))
    {
      not_a_badge (error, _("This describes a badge or its issuer, but it is not a badge awarded to someone. Use the badge you received or its link."));
      return CREDENCE_SPEC_VERSION_UNKNOWN;
    }
  if (!looks_like_assertion (object))
    {
      not_a_badge (error, _("This data is not an Open Badge. Use the original badge file or its link."));
      return CREDENCE_SPEC_VERSION_UNKNOWN;
    }

  context = credence_json_object_get_node (object, "@context");
  context_string = credence_json_node_get_string (context);
  if (context == NULL)
    {
      if (credence_json_object_get_string (object, "recipient") != NULL)
        return CREDENCE_SPEC_VERSION_0_5;
      return CREDENCE_SPEC_VERSION_1_0;
    }
  if (context_string != NULL && strstr (context_string, "v1") != NULL)
    return CREDENCE_SPEC_VERSION_1_1;
  return CREDENCE_SPEC_VERSION_2_0;
}
