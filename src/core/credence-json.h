/* credence-json.h: strict, bounded JSON parsing of untrusted bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CREDENCE_JSON_ERROR (credence_json_error_quark ())

/**
 * CredenceJsonError:
 * @CREDENCE_JSON_ERROR_INVALID: the bytes are not strict JSON (RFC 8259):
 *   empty input, invalid UTF-8, comments, trailing commas, raw control
 *   characters in strings, lone surrogates, `\u0000`, or trailing garbage.
 * @CREDENCE_JSON_ERROR_TOO_DEEP: arrays and objects nest deeper than
 *   %CREDENCE_LIMIT_JSON_DEPTH.
 * @CREDENCE_JSON_ERROR_TOO_MANY: the document holds more than
 *   %CREDENCE_LIMIT_JSON_MEMBERS values.
 * @CREDENCE_JSON_ERROR_TOO_LARGE: the document is larger than
 *   %CREDENCE_LIMIT_JSON_SIZE bytes.
 * @CREDENCE_JSON_ERROR_OUT_OF_RANGE: a number cannot be read exactly: an
 *   integer outside the 64-bit range (json-glib would wrap it) or a number
 *   too large for a double (json-glib would make it infinite).
 *
 * Errors from parsing untrusted JSON.  The limits are checked by a scanner
 * that runs before json-glib sees the bytes (json-glib has no depth limit).
 */
typedef enum
{
  CREDENCE_JSON_ERROR_INVALID,
  CREDENCE_JSON_ERROR_TOO_DEEP,
  CREDENCE_JSON_ERROR_TOO_MANY,
  CREDENCE_JSON_ERROR_TOO_LARGE,
  CREDENCE_JSON_ERROR_OUT_OF_RANGE,
} CredenceJsonError;

GQuark      credence_json_error_quark        (void);

gboolean    credence_json_check              (const char  *data,
                                              gsize        length,
                                              GError     **error);
JsonNode   *credence_json_parse              (const char  *data,
                                              gsize        length,
                                              GError     **error) G_GNUC_WARN_UNUSED_RESULT;
JsonNode   *credence_json_parse_bytes        (GBytes      *bytes,
                                              GError     **error) G_GNUC_WARN_UNUSED_RESULT;
char       *credence_json_to_string          (JsonNode    *node,
                                              gboolean     pretty) G_GNUC_WARN_UNUSED_RESULT;

/* Typed getters: they return NULL (or FALSE) without warnings when the
 * object is NULL, the member is missing or has another type.
 */
JsonNode   *credence_json_object_get_node    (JsonObject  *object,
                                              const char  *member);
const char *credence_json_object_get_string  (JsonObject  *object,
                                              const char  *member);
JsonObject *credence_json_object_get_object  (JsonObject  *object,
                                              const char  *member);
JsonArray  *credence_json_object_get_array   (JsonObject  *object,
                                              const char  *member);
gboolean    credence_json_object_get_boolean (JsonObject  *object,
                                              const char  *member,
                                              gboolean    *out_value);
gboolean    credence_json_object_get_int     (JsonObject  *object,
                                              const char  *member,
                                              gint64      *out_value);

const char *credence_json_node_get_string    (JsonNode    *node);
JsonObject *credence_json_node_get_object    (JsonNode    *node);
JsonArray  *credence_json_node_get_array     (JsonNode    *node);
const char *credence_json_node_get_id        (JsonNode    *node);
gboolean    credence_json_node_has_string    (JsonNode    *node,
                                              const char  *value);
GDateTime  *credence_json_node_dup_unix_time (JsonNode    *node) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
