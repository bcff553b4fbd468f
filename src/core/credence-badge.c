/* credence-badge.c: one Open Badge (0.5 to 3.0), as found in a file.
 *
 * A CredenceBadge is built once from bytes and never changes.  It keeps the
 * original file and the payload exactly as found (signatures are over
 * bytes), the parsed JSON for verifiers, and the fields the interface needs,
 * normalised to the 2.0 shape the way the reference validator upgrades
 * 0.5 and 1.x.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-badge"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-badge-private.h"
#include "credence-json.h"
#include "credence-limits.h"
#include "credence-payload.h"
#include "credence-png.h"
#include "credence-sniff.h"
#include "credence-svg.h"

struct _CredenceBadge
{
  GObject              parent_instance;

  char                *source_name;
  GBytes              *bytes;
  GBytes              *payload;
  CredenceContainer    container;
  char                *location_chunk;
  char                *location_name;
  char                *location_part;
  gint64               location_offset;

  CredenceSpecVersion  version;
  CredenceBadgeFormat  format;
  char                *url;
  JsonNode            *json;
  JsonNode            *jws_header;
  JsonNode            *jws_claims;
  char                *jws_alg;
  GStrv                proof_types;

  char                *id;
  char                *achievement_id;
  char                *name;
  char                *description;
  char                *criteria_narrative;
  char                *criteria_url;
  char                *image;
  GStrv                tags;
  GPtrArray           *alignments;
  GPtrArray           *evidence;

  char                *issuer_id;
  char                *issuer_name;
  char                *issuer_url;
  char                *issuer_email;
  char                *issuer_image;

  char                *recipient_type;
  char                *recipient_identity;
  gboolean             recipient_hashed;
  char                *recipient_salt;
  char                *subject_id;

  GDateTime           *issued;
  GDateTime           *expires;
};

G_DEFINE_FINAL_TYPE (CredenceBadge, credence_badge, G_TYPE_OBJECT)

G_DEFINE_QUARK (credence-badge-error-quark, credence_badge_error)

/**
 * credence_badge_error_get_reason:
 * @error: an error from reading a badge
 *
 * Maps an error to the reason code the interface shows (ui-design §4):
 * `not-a-badge` (also for credentials Credence does not keep yet),
 * `malformed-image`, or `invalid-data` (also for limits and JSON errors).
 *
 * Returns: (nullable): the reason code, or %NULL for other errors (I/O)
 */
const char *
credence_badge_error_get_reason (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == CREDENCE_JSON_ERROR)
    return "invalid-data";
  if (error->domain != CREDENCE_BADGE_ERROR)
    return NULL;
  switch ((CredenceBadgeError)error->code)
    {
    case CREDENCE_BADGE_ERROR_NOT_A_BADGE:
    case CREDENCE_BADGE_ERROR_NOT_SUPPORTED:
      return "not-a-badge";
    case CREDENCE_BADGE_ERROR_MALFORMED_IMAGE:
      return "malformed-image";
    case CREDENCE_BADGE_ERROR_INVALID_DATA:
    case CREDENCE_BADGE_ERROR_TOO_LARGE:
    default:
      return "invalid-data";
    }
}

static const char *const version_strings[] = { "unknown", "0.5", "1.0", "1.1", "2.0", "3.0" };
static const char *const container_strings[] = { "png", "svg", "json", "jws", "jwt", "url" };
static const char *const format_strings[] = { "hosted", "signed", "data-integrity", "vc-jwt", "unsigned", "url" };

void
_credence_unbaked_clear (CredenceUnbaked *unbaked)
{
  g_clear_pointer (&unbaked->payload, g_bytes_unref);
  g_clear_pointer (&unbaked->chunk, g_free);
  g_clear_pointer (&unbaked->name, g_free);
  g_clear_pointer (&unbaked->part, g_free);
  unbaked->offset = -1;
}

/**
 * credence_spec_version_to_string:
 * @version: a version
 *
 * Returns: "0.5", "1.0", "1.1", "2.0", "3.0" or "unknown"
 */
const char *
credence_spec_version_to_string (CredenceSpecVersion version)
{
  if ((guint)version >= G_N_ELEMENTS (version_strings))
    return version_strings[0];
  return version_strings[version];
}

/**
 * credence_spec_version_from_string:
 * @string: (nullable): "0.5" … "3.0"
 *
 * Returns: the version, or %CREDENCE_SPEC_VERSION_UNKNOWN
 */
CredenceSpecVersion
credence_spec_version_from_string (const char *string)
{
  for (guint i = 1; i < G_N_ELEMENTS (version_strings); i++)
    if (g_strcmp0 (string, version_strings[i]) == 0)
      return (CredenceSpecVersion)i;
  return CREDENCE_SPEC_VERSION_UNKNOWN;
}

const char *
credence_container_to_string (CredenceContainer container)
{
  g_return_val_if_fail ((guint)container < G_N_ELEMENTS (container_strings), NULL);
  return container_strings[container];
}

gboolean
credence_container_from_string (const char        *string,
                                CredenceContainer *out_container)
{
  for (guint i = 0; i < G_N_ELEMENTS (container_strings); i++)
    if (g_strcmp0 (string, container_strings[i]) == 0)
      {
        if (out_container != NULL)
          *out_container = (CredenceContainer)i;
        return TRUE;
      }
  return FALSE;
}

const char *
credence_badge_format_to_string (CredenceBadgeFormat format)
{
  g_return_val_if_fail ((guint)format < G_N_ELEMENTS (format_strings), NULL);
  return format_strings[format];
}

gboolean
credence_badge_format_from_string (const char          *string,
                                   CredenceBadgeFormat *out_format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_strings); i++)
    if (g_strcmp0 (string, format_strings[i]) == 0)
      {
        if (out_format != NULL)
          *out_format = (CredenceBadgeFormat)i;
        return TRUE;
      }
  return FALSE;
}

static void
alignment_free (gpointer data)
{
  CredenceAlignment *a = data;

  g_free (a->name);
  g_free (a->url);
  g_free (a->description);
  g_free (a->framework);
  g_free (a->code);
  g_free (a);
}

static void
evidence_free (gpointer data)
{
  CredenceEvidence *e = data;

  g_free (e->id);
  g_free (e->name);
  g_free (e->description);
  g_free (e->narrative);
  g_free (e->genre);
  g_free (e);
}

static void
credence_badge_finalize (GObject *object)
{
  CredenceBadge *self = (CredenceBadge *)object;

  g_free (self->source_name);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->payload, g_bytes_unref);
  g_free (self->location_chunk);
  g_free (self->location_name);
  g_free (self->location_part);
  g_free (self->url);
  g_clear_pointer (&self->json, json_node_unref);
  g_clear_pointer (&self->jws_header, json_node_unref);
  g_clear_pointer (&self->jws_claims, json_node_unref);
  g_free (self->jws_alg);
  g_strfreev (self->proof_types);
  g_free (self->id);
  g_free (self->achievement_id);
  g_free (self->name);
  g_free (self->description);
  g_free (self->criteria_narrative);
  g_free (self->criteria_url);
  g_free (self->image);
  g_strfreev (self->tags);
  g_clear_pointer (&self->alignments, g_ptr_array_unref);
  g_clear_pointer (&self->evidence, g_ptr_array_unref);
  g_free (self->issuer_id);
  g_free (self->issuer_name);
  g_free (self->issuer_url);
  g_free (self->issuer_email);
  g_free (self->issuer_image);
  g_free (self->recipient_type);
  g_free (self->recipient_identity);
  g_free (self->recipient_salt);
  g_free (self->subject_id);
  g_clear_pointer (&self->issued, g_date_time_unref);
  g_clear_pointer (&self->expires, g_date_time_unref);

  G_OBJECT_CLASS (credence_badge_parent_class)->finalize (object);
}

static void
credence_badge_class_init (CredenceBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = credence_badge_finalize;
}

static void
credence_badge_init (CredenceBadge *self)
{
  self->location_offset = -1;
  self->alignments = g_ptr_array_new_with_free_func (alignment_free);
  self->evidence = g_ptr_array_new_with_free_func (evidence_free);
}

/* Normalisation helpers ------------------------------------------------ */

static char *
dup_string (JsonObject *object,
            const char *member)
{
  return g_strdup (credence_json_object_get_string (object, member));
}

/* An IRI, or the `id` of an object (Image, Criteria, Profile …). */
static char *
dup_id (JsonObject *object,
        const char *member)
{
  return g_strdup (credence_json_node_get_id (credence_json_object_get_node (object, member)));
}

/* Returns the first object of a member that is an object or an array. */
static JsonObject *
first_object (JsonObject *object,
              const char *member)
{
  JsonNode *node = credence_json_object_get_node (object, member);
  JsonArray *array = credence_json_node_get_array (node);

  if (array != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *o = credence_json_node_get_object (json_array_get_element (array, i));

          if (o != NULL)
            return o;
        }
      return NULL;
    }
  return credence_json_node_get_object (node);
}

static gboolean
is_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/*
 * Dates come as ISO 8601 with or without zone (UTC assumed), as a bare
 * date, or as Unix seconds (1.x), as a number or a string of digits.
 * Impossible dates (2015-04-31) give %NULL.
 */
static GDateTime *
parse_date_node (JsonNode *node)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *s;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return credence_json_node_dup_unix_time (node);
  s = credence_json_node_get_string (node);
  if (s == NULL || strlen (s) > 64)
    return NULL;
  if (is_digits (s) && strlen (s) <= 12)
    return g_date_time_new_from_unix_utc (g_ascii_strtoll (s, NULL, 10));
  if (strlen (s) == 10 && s[4] == '-' && s[7] == '-')
    {
      g_autofree char *full = g_strconcat (s, "T00:00:00Z", NULL);

      return g_date_time_new_from_iso8601 (full, utc);
    }
  return g_date_time_new_from_iso8601 (s, utc);
}

static GDateTime *
parse_date (JsonObject *object,
            const char *member)
{
  return parse_date_node (credence_json_object_get_node (object, member));
}

static GStrv
collect_strings (JsonNode *node)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = credence_json_node_get_array (node);

  if (credence_json_node_get_string (node) != NULL)
    g_strv_builder_add (builder, credence_json_node_get_string (node));
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *s = credence_json_node_get_string (json_array_get_element (array, i));

      if (s != NULL)
        g_strv_builder_add (builder, s);
    }
  return g_strv_builder_end (builder);
}

static void
add_alignments (CredenceBadge *self,
                JsonNode      *node)
{
  JsonArray *array = credence_json_node_get_array (node);
  guint n = array != NULL ? json_array_get_length (array) : (node != NULL ? 1 : 0);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *o = credence_json_node_get_object (array != NULL ? json_array_get_element (array, i) : node);
      CredenceAlignment *a;

      if (o == NULL)
        continue;
      a = g_new0 (CredenceAlignment, 1);
      /* 1.x used name, url and description. */
      a->name = g_strdup (credence_json_object_get_string (o, "targetName") ?: credence_json_object_get_string (o, "name"));
      a->url = g_strdup (credence_json_object_get_string (o, "targetUrl") ?: credence_json_object_get_string (o, "url"));
      a->description = g_strdup (credence_json_object_get_string (o, "targetDescription") ?: credence_json_object_get_string (o, "description"));
      a->framework = dup_string (o, "targetFramework");
      a->code = dup_string (o, "targetCode");
      g_ptr_array_add (self->alignments, a);
    }
}

static char *
resolve (const char *base,
         const char *reference)
{
  if (reference == NULL)
    return NULL;
  if (base != NULL && !g_uri_is_valid (reference, G_URI_FLAGS_NONE, NULL))
    {
      char *resolved = g_uri_resolve_relative (base, reference, G_URI_FLAGS_NONE, NULL);

      if (resolved != NULL)
        return resolved;
    }
  return g_strdup (reference);
}

static void
add_evidence (CredenceBadge *self,
              JsonNode      *node,
              const char    *base)
{
  JsonArray *array = credence_json_node_get_array (node);
  guint n = array != NULL ? json_array_get_length (array) : (node != NULL ? 1 : 0);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = array != NULL ? json_array_get_element (array, i) : node;
      JsonObject *o = credence_json_node_get_object (item);
      CredenceEvidence *e;

      if (o == NULL && credence_json_node_get_string (item) == NULL)
        continue;
      e = g_new0 (CredenceEvidence, 1);
      e->id = resolve (base, credence_json_node_get_id (item));
      e->name = dup_string (o, "name");
      e->description = dup_string (o, "description");
      e->narrative = dup_string (o, "narrative");
      e->genre = dup_string (o, "genre");
      g_ptr_array_add (self->evidence, e);
    }
}

static void
fill_issuer (CredenceBadge *self,
             JsonNode      *node)
{
  JsonObject *o = credence_json_node_get_object (node);

  self->issuer_id = g_strdup (credence_json_node_get_id (node));
  self->issuer_name = dup_string (o, "name");
  self->issuer_url = dup_string (o, "url");
  self->issuer_email = dup_string (o, "email");
  self->issuer_image = dup_id (o, "image");
}

static void
fill_criteria (CredenceBadge *self,
               JsonNode      *node)
{
  JsonObject *o = credence_json_node_get_object (node);

  self->criteria_url = g_strdup (credence_json_node_get_id (node));
  self->criteria_narrative = dup_string (o, "narrative");
}

/* OB 0.5: no context, string recipient, embedded badge and issuer with
 * relative URLs against issuer.origin. */
static void
fill_ob05 (CredenceBadge *self,
           JsonObject    *assertion)
{
  JsonObject *badge = credence_json_object_get_object (assertion, "badge");
  JsonObject *issuer = credence_json_object_get_object (badge, "issuer");
  const char *origin = credence_json_object_get_string (issuer, "origin");
  const char *recipient = credence_json_object_get_string (assertion, "recipient");
  const char *issuer_name = credence_json_object_get_string (issuer, "name");
  const char *org = credence_json_object_get_string (issuer, "org");

  self->name = dup_string (badge, "name");
  self->description = dup_string (badge, "description");
  self->image = resolve (origin, credence_json_object_get_string (badge, "image"));
  self->criteria_url = resolve (origin, credence_json_object_get_string (badge, "criteria"));

  self->issuer_url = g_strdup (origin);
  self->issuer_email = dup_string (issuer, "contact");
  if (issuer_name != NULL && org != NULL)
    self->issuer_name = g_strdup_printf ("%s: %s", issuer_name, org);
  else
    self->issuer_name = g_strdup (issuer_name);

  self->recipient_type = g_strdup ("email");
  self->recipient_identity = g_strdup (recipient);
  self->recipient_hashed = recipient != NULL && strchr (recipient, '@') == NULL;
  self->recipient_salt = dup_string (assertion, "salt");

  self->issued = parse_date (assertion, "issued_on");
  self->expires = parse_date (assertion, "expires");
  add_evidence (self, credence_json_object_get_node (assertion, "evidence"), origin);
}

/* OB 1.0, 1.1 and 2.0 assertions. */
static void
fill_ob2 (CredenceBadge *self,
          JsonObject    *assertion)
{
  JsonNode *badge_node = credence_json_object_get_node (assertion, "badge");
  JsonObject *badge = credence_json_node_get_object (badge_node);
  JsonObject *verification = credence_json_object_get_object (assertion, "verification");
  JsonNode *recipient_node = credence_json_object_get_node (assertion, "recipient");
  JsonObject *recipient = credence_json_node_get_object (recipient_node);
  const char *verify_url;

  if (verification == NULL)
    verification = credence_json_object_get_object (assertion, "verify");
  verify_url = credence_json_object_get_string (verification, "url");

  self->id = dup_string (assertion, "id");
  if (self->id == NULL && verify_url != NULL)
    self->id = g_strdup (verify_url);
  self->achievement_id = g_strdup (credence_json_node_get_id (badge_node));

  self->name = dup_string (badge, "name");
  self->description = dup_string (badge, "description");
  self->image = dup_id (badge, "image");
  if (self->image == NULL)
    self->image = dup_id (assertion, "image");
  fill_criteria (self, credence_json_object_get_node (badge, "criteria"));
  self->tags = collect_strings (credence_json_object_get_node (badge, "tags"));
  add_alignments (self, credence_json_object_get_node (badge, "alignment"));
  fill_issuer (self, credence_json_object_get_node (badge, "issuer"));

  if (recipient != NULL)
    {
      self->recipient_type = dup_string (recipient, "type");
      self->recipient_identity = dup_string (recipient, "identity");
      credence_json_object_get_boolean (recipient, "hashed", &self->recipient_hashed);
      self->recipient_salt = dup_string (recipient, "salt");
    }
  else if (credence_json_node_get_string (recipient_node) != NULL)
    {
      /* 1.0 files that kept the 0.5 string form. */
      const char *identity = credence_json_node_get_string (recipient_node);

      self->recipient_type = g_strdup ("email");
      self->recipient_identity = g_strdup (identity);
      self->recipient_hashed = strchr (identity, '@') == NULL;
      self->recipient_salt = dup_string (assertion, "salt");
    }

  self->issued = parse_date (assertion, "issuedOn");
  self->expires = parse_date (assertion, "expires");
  add_evidence (self, credence_json_object_get_node (assertion, "evidence"), NULL);

  if (self->format == CREDENCE_BADGE_FORMAT_HOSTED)
    {
      if (self->version == CREDENCE_SPEC_VERSION_1_0 && verify_url != NULL)
        self->url = g_strdup (verify_url);
      else if (self->id != NULL && (g_str_has_prefix (self->id, "http://") || g_str_has_prefix (self->id, "https://")))
        self->url = g_strdup (self->id);
    }
}

static void
collect_proof_types (CredenceBadge *self,
                     JsonObject    *credential)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *proof = credence_json_object_get_node (credential, "proof");
  JsonArray *array = credence_json_node_get_array (proof);
  guint n = array != NULL ? json_array_get_length (array) : (proof != NULL ? 1 : 0);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *o = credence_json_node_get_object (array != NULL ? json_array_get_element (array, i) : proof);
      const char *type = credence_json_object_get_string (o, "type");
      const char *suite = credence_json_object_get_string (o, "cryptosuite");

      if (type == NULL)
        continue;
      if (suite != NULL)
        {
          g_autofree char *s = g_strdup_printf ("%s:%s", type, suite);

          g_strv_builder_add (builder, s);
        }
      else
        g_strv_builder_add (builder, type);
    }
  self->proof_types = g_strv_builder_end (builder);
}

/* OB 3.0 credentials; @claims are the JWT claims for VC-JWT. */
static void
fill_ob3 (CredenceBadge *self,
          JsonObject    *credential,
          JsonObject    *claims)
{
  JsonObject *subject = first_object (credential, "credentialSubject");
  JsonObject *achievement = credence_json_object_get_object (subject, "achievement");
  JsonObject *identifier = first_object (subject, "identifier");

  self->id = dup_string (credential, "id");
  if (self->id == NULL)
    self->id = dup_string (claims, "jti");
  self->achievement_id = dup_string (achievement, "id");

  self->name = dup_string (achievement, "name");
  if (self->name == NULL)
    self->name = dup_string (credential, "name");
  self->description = dup_string (achievement, "description");
  if (self->description == NULL)
    self->description = dup_string (credential, "description");
  self->image = dup_id (achievement, "image");
  if (self->image == NULL)
    self->image = dup_id (credential, "image");
  fill_criteria (self, credence_json_object_get_node (achievement, "criteria"));
  self->tags = collect_strings (credence_json_object_get_node (achievement, "tag"));
  add_alignments (self, credence_json_object_get_node (achievement, "alignment"));

  fill_issuer (self, credence_json_object_get_node (credential, "issuer"));
  if (self->issuer_id == NULL)
    self->issuer_id = dup_string (claims, "iss");

  self->subject_id = dup_string (subject, "id");
  if (self->subject_id == NULL)
    self->subject_id = dup_string (claims, "sub");
  if (identifier != NULL)
    {
      self->recipient_type = dup_string (identifier, "identityType");
      self->recipient_identity = dup_string (identifier, "identityHash");
      credence_json_object_get_boolean (identifier, "hashed", &self->recipient_hashed);
      self->recipient_salt = dup_string (identifier, "salt");
    }
  else if (self->subject_id != NULL)
    {
      self->recipient_type = g_strdup ("id");
      self->recipient_identity = g_strdup (self->subject_id);
    }

  self->issued = parse_date (credential, "validFrom");
  if (self->issued == NULL)
    self->issued = parse_date (credential, "issuanceDate");
  if (self->issued == NULL)
    self->issued = credence_json_node_dup_unix_time (credence_json_object_get_node (claims, "nbf"));
  self->expires = parse_date (credential, "validUntil");
  if (self->expires == NULL)
    self->expires = parse_date (credential, "expirationDate");
  if (self->expires == NULL)
    self->expires = credence_json_node_dup_unix_time (credence_json_object_get_node (claims, "exp"));

  add_evidence (self, credence_json_object_get_node (credential, "evidence"), NULL);
  collect_proof_types (self, credential);
}

/* Payload decoding ----------------------------------------------------- */

static gboolean
decode_json (CredenceBadge  *self,
             const char     *text,
             gsize           length,
             GError        **error)
{
  g_autoptr(JsonNode) node = credence_payload_parse_json (text, length, error);
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;

  if (node == NULL)
    return FALSE;
  self->version = credence_payload_detect_version (node, &local_error);
  if (self->version == CREDENCE_SPEC_VERSION_UNKNOWN)
    {
      JsonObject *verify = credence_json_object_get_object (json_node_get_object (node), "verify");
      const char *url = credence_json_object_get_string (verify, "url");

      /* Old bakers wrote just {"verify": {"url": …}}: a pointer to the
       * hosted assertion. */
      if (g_error_matches (local_error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_A_BADGE) &&
          url != NULL && credence_sniff_is_url (url, strlen (url)))
        {
          self->format = CREDENCE_BADGE_FORMAT_URL_ONLY;
          self->url = g_strdup (url);
          self->id = g_strdup (url);
          self->json = g_steal_pointer (&node);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  object = json_node_get_object (node);
  if (self->version == CREDENCE_SPEC_VERSION_3_0)
    {
      self->format = json_object_has_member (object, "proof") ? CREDENCE_BADGE_FORMAT_DATA_INTEGRITY
                                                             : CREDENCE_BADGE_FORMAT_UNSIGNED;
      fill_ob3 (self, object, NULL);
    }
  else
    {
      self->format = CREDENCE_BADGE_FORMAT_HOSTED;
      if (self->version == CREDENCE_SPEC_VERSION_0_5)
        fill_ob05 (self, object);
      else
        fill_ob2 (self, object);
    }
  self->json = g_steal_pointer (&node);
  return TRUE;
}

static gboolean
decode_jws (CredenceBadge  *self,
            const char     *text,
            gsize           length,
            GError        **error)
{
  g_autoptr(JsonNode) header = NULL;
  g_autoptr(JsonNode) claims = NULL;
  JsonObject *claims_object;
  JsonObject *vc;
  JsonNode *document;

  if (!credence_payload_decode_jws (text, length, &header, &claims, error))
    return FALSE;

  claims_object = json_node_get_object (claims);
  vc = credence_json_object_get_object (claims_object, "vc");
  if (vc != NULL || credence_payload_is_vc (claims_object))
    {
      /* VC-JWT: VC 1.1 style wraps the credential in `vc`. */
      document = vc != NULL ? credence_json_object_get_node (claims_object, "vc") : claims;
      self->version = credence_payload_detect_version (document, error);
      if (self->version == CREDENCE_SPEC_VERSION_UNKNOWN)
        return FALSE;
      self->format = CREDENCE_BADGE_FORMAT_VC_JWT;
      fill_ob3 (self, json_node_get_object (document), claims_object);
    }
  else
    {
      document = claims;
      self->version = credence_payload_detect_version (document, error);
      if (self->version == CREDENCE_SPEC_VERSION_UNKNOWN)
        return FALSE;
      if (self->version == CREDENCE_SPEC_VERSION_3_0)
        {
          g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_INVALID_DATA,
                               _("The badge’s signed data is damaged and cannot be read. Ask the issuer for a new copy."));
          return FALSE;
        }
      self->format = CREDENCE_BADGE_FORMAT_SIGNED;
      if (self->version == CREDENCE_SPEC_VERSION_0_5)
        fill_ob05 (self, claims_object);
      else
        fill_ob2 (self, claims_object);
    }

  self->json = json_node_ref (document);
  self->jws_alg = g_strdup (credence_json_object_get_string (json_node_get_object (header), "alg"));
  self->jws_header = g_steal_pointer (&header);
  self->jws_claims = g_steal_pointer (&claims);
  return TRUE;
}

static gboolean
decode_payload (CredenceBadge  *self,
                gboolean        from_image,
                gboolean        ob3_location,
                GError        **error)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (self->payload, &length);
  g_autofree char *converted = NULL;
  const char *text;
  gsize text_length;

  if (data == NULL)
    data = "";

  /* tEXt chunks are Latin-1. */
  if (!g_utf8_validate_len (data, length, NULL))
    {
      gsize converted_length = 0;

      converted = g_convert (data, (gssize)length, "UTF-8", "ISO-8859-1", NULL, &converted_length, NULL);
      if (converted == NULL)
        {
          g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_INVALID_DATA,
                               _("The badge data cannot be read as text. Ask the issuer for a new copy."));
          return FALSE;
        }
      data = converted;
      length = converted_length;
    }

  text = data;
  text_length = length;
  credence_sniff_trim (&text, &text_length);

  switch (credence_sniff_text (text, text_length))
    {
    case CREDENCE_SNIFF_JSON:
      return decode_json (self, text, text_length, error);

    case CREDENCE_SNIFF_JWS:
      if (!decode_jws (self, text, text_length, error))
        return FALSE;
      if (self->container == CREDENCE_CONTAINER_JWS && self->format == CREDENCE_BADGE_FORMAT_VC_JWT)
        self->container = CREDENCE_CONTAINER_JWT;
      return TRUE;

    case CREDENCE_SNIFF_URL:
      if (ob3_location)
        {
          g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_INVALID_DATA,
                               _("This badge image holds only a link where Open Badges 3.0 requires the whole badge. Ask the issuer for a new copy."));
          return FALSE;
        }
      self->version = CREDENCE_SPEC_VERSION_UNKNOWN;
      self->format = CREDENCE_BADGE_FORMAT_URL_ONLY;
      self->url = g_strndup (text, text_length);
      self->id = g_strdup (self->url);
      return TRUE;

    case CREDENCE_SNIFF_UNKNOWN:
    case CREDENCE_SNIFF_PNG:
    case CREDENCE_SNIFF_XML:
    case CREDENCE_SNIFF_OTHER_IMAGE:
    default:
      if (from_image)
        g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_INVALID_DATA,
                             _("The badge data inside this picture cannot be read: it is neither badge data nor a link. Ask the issuer for a new copy."));
      else
        g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_A_BADGE,
                             _("This file is not a badge. Use the original badge picture, badge file or link from the issuer."));
      return FALSE;
    }
}

static void
take_unbaked (CredenceBadge   *self,
              CredenceUnbaked *unbaked)
{
  self->payload = g_steal_pointer (&unbaked->payload);
  self->location_chunk = g_steal_pointer (&unbaked->chunk);
  self->location_name = g_steal_pointer (&unbaked->name);
  self->location_part = g_steal_pointer (&unbaked->part);
  self->location_offset = unbaked->offset;
}

/**
 * credence_badge_new_from_bytes:
 * @bytes: a file: PNG, SVG, JSON, JWS/JWT or a URL, told apart by content
 * @source_name: (nullable): where @bytes came from, for display
 * @error: return location for a #CredenceBadgeError
 *
 * Finds the badge in @bytes, decodes it without trusting it, and builds
 * the model.  Nothing is fetched and no signature is checked.
 *
 * Returns: (transfer full): the badge, or %NULL with @error set
 */
CredenceBadge *
credence_badge_new_from_bytes (GBytes      *bytes,
                               const char  *source_name,
                               GError     **error)
{
  g_autoptr(CredenceBadge) self = NULL;
  g_auto(CredenceUnbaked) unbaked = { NULL, NULL, NULL, NULL, -1, FALSE };
  gsize length = 0;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (data == NULL)
    data = (const guint8 *)"";
  if (length > CREDENCE_LIMIT_INPUT_SIZE)
    {
      g_set_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_TOO_LARGE,
                   _("This file is larger than %d MiB, more than any badge needs; Credence does not read it."),
                   CREDENCE_LIMIT_INPUT_SIZE / (1024 * 1024));
      return NULL;
    }

  self = g_object_new (CREDENCE_TYPE_BADGE, NULL);
  self->source_name = g_strdup (source_name);
  self->bytes = g_bytes_ref (bytes);

  switch (credence_sniff (data, length))
    {
    case CREDENCE_SNIFF_PNG:
      self->container = CREDENCE_CONTAINER_PNG;
      if (!credence_png_unbake (data, length, &unbaked, error))
        return NULL;
      take_unbaked (self, &unbaked);
      if (!decode_payload (self, TRUE, g_strcmp0 (self->location_name, CREDENCE_PNG_KEYWORD_OB3) == 0, error))
        return NULL;
      break;

    case CREDENCE_SNIFF_XML:
      {
        gboolean ob3;

        self->container = CREDENCE_CONTAINER_SVG;
        if (!credence_svg_unbake (data, length, &unbaked, error))
          return NULL;
        ob3 = unbaked.ob3;
        take_unbaked (self, &unbaked);
        if (!decode_payload (self, TRUE, ob3, error))
          return NULL;
      }
      break;

    case CREDENCE_SNIFF_OTHER_IMAGE:
      g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_A_BADGE,
                           _("This picture has no badge data inside. It may be a screenshot; ask the issuer for the badge file or its link."));
      return NULL;

    case CREDENCE_SNIFF_JSON:
      self->container = CREDENCE_CONTAINER_JSON;
      self->payload = g_bytes_ref (bytes);
      if (!decode_payload (self, FALSE, FALSE, error))
        return NULL;
      break;

    case CREDENCE_SNIFF_JWS:
      self->container = CREDENCE_CONTAINER_JWS;
      self->payload = g_bytes_ref (bytes);
      if (!decode_payload (self, FALSE, FALSE, error))
        return NULL;
      break;

    case CREDENCE_SNIFF_URL:
      self->container = CREDENCE_CONTAINER_URL;
      self->payload = g_bytes_ref (bytes);
      if (!decode_payload (self, FALSE, FALSE, error))
        return NULL;
      break;

    case CREDENCE_SNIFF_UNKNOWN:
    default:
      g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_A_BADGE,
                           _("This file is not a badge. Use the original badge picture, badge file or link from the issuer."));
      return NULL;
    }

  if (self->tags == NULL)
    self->tags = g_new0 (char *, 1);
  if (self->proof_types == NULL)
    self->proof_types = g_new0 (char *, 1);

  return g_steal_pointer (&self);
}

/**
 * credence_badge_read_stream:
 * @stream: a stream
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @stream to its end, refusing more than %CREDENCE_LIMIT_INPUT_SIZE
 * bytes (%CREDENCE_BADGE_ERROR_TOO_LARGE).
 *
 * Returns: (transfer full): the bytes
 */
GBytes *
credence_badge_read_stream (GInputStream  *stream,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 buffer[65536];

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (out->len + (gsize)n > CREDENCE_LIMIT_INPUT_SIZE)
        {
          g_set_error (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_TOO_LARGE,
                       _("This file is larger than %d MiB, more than any badge needs; Credence does not read it."),
                       CREDENCE_LIMIT_INPUT_SIZE / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (out, buffer, (guint)n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/**
 * credence_badge_new_from_file:
 * @file: a file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @file (at most %CREDENCE_LIMIT_INPUT_SIZE bytes) and calls
 * credence_badge_new_from_bytes() with its display name.
 *
 * Returns: (transfer full): the badge
 */
CredenceBadge *
credence_badge_new_from_file (GFile         *file,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  bytes = credence_badge_read_stream (G_INPUT_STREAM (stream), cancellable, error);
  if (bytes == NULL)
    return NULL;
  name = g_file_get_basename (file);
  return credence_badge_new_from_bytes (bytes, name, error);
}

static void
new_from_file_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  CredenceBadge *badge = credence_badge_new_from_file (task_data, cancellable, &error);

  if (badge == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, badge, g_object_unref);
}

void
credence_badge_new_from_file_async (GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, credence_badge_new_from_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, new_from_file_thread);
}

CredenceBadge *
credence_badge_new_from_file_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * credence_badge_bake:
 * @self: a badge
 * @image: a PNG or SVG picture
 * @error: return location for a #CredenceBadgeError
 *
 * Bakes the payload of @self, byte for byte, into @image: an `iTXt` chunk
 * (`openbadgecredential` for 3.0, else `openbadges`) before `IEND`, or an
 * `openbadges:credential` / `openbadges:assertion` element after `<svg>`.
 * Signed badges and URLs go into the SVG `verify` attribute, JSON into the
 * body.  An existing badge in @image is replaced.
 *
 * Returns: (transfer full): the baked picture
 */
GBytes *
credence_badge_bake (CredenceBadge  *self,
                     GBytes         *image,
                     GError        **error)
{
  gsize length = 0;
  const guint8 *data;
  gsize payload_length = 0;
  const char *payload;
  gboolean ob3;

  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  g_return_val_if_fail (image != NULL, NULL);

  data = g_bytes_get_data (image, &length);
  if (data == NULL)
    data = (const guint8 *)"";
  payload = g_bytes_get_data (self->payload, &payload_length);
  ob3 = self->version == CREDENCE_SPEC_VERSION_3_0;

  switch (credence_sniff (data, length))
    {
    case CREDENCE_SNIFF_PNG:
      return credence_png_bake (data, length, ob3 ? CREDENCE_PNG_KEYWORD_OB3 : CREDENCE_PNG_KEYWORD_OB2,
                                (const guint8 *)payload, payload_length, error);

    case CREDENCE_SNIFF_XML:
      {
        g_autofree char *text = NULL;

        if (!g_utf8_validate_len (payload, payload_length, NULL))
          {
            g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_SUPPORTED,
                                 _("This badge’s data is not UTF-8 text, so it cannot go into an SVG picture. Use a PNG picture."));
            return NULL;
          }
        text = g_strndup (payload, payload_length);
        /* Signatures and links go into verify=, JSON into the body. */
        switch (credence_sniff_text (text, payload_length))
          {
          case CREDENCE_SNIFF_JWS:
          case CREDENCE_SNIFF_URL:
            return credence_svg_bake (data, length, ob3, text, NULL, 0, error);
          case CREDENCE_SNIFF_UNKNOWN:
          case CREDENCE_SNIFF_PNG:
          case CREDENCE_SNIFF_XML:
          case CREDENCE_SNIFF_OTHER_IMAGE:
          case CREDENCE_SNIFF_JSON:
          default:
            break;
          }
        return credence_svg_bake (data, length, ob3, ob3 ? NULL : self->url, text, payload_length, error);
      }

    case CREDENCE_SNIFF_UNKNOWN:
    case CREDENCE_SNIFF_OTHER_IMAGE:
    case CREDENCE_SNIFF_JSON:
    case CREDENCE_SNIFF_JWS:
    case CREDENCE_SNIFF_URL:
    default:
      g_set_error_literal (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_SUPPORTED,
                           _("Badges can only be put into PNG or SVG pictures."));
      return NULL;
    }
}

/* Getters -------------------------------------------------------------- */

/**
 * credence_badge_get_source_name:
 * @self: a badge
 *
 * Returns: (nullable): the file name or URL the badge was read from
 */
const char *
credence_badge_get_source_name (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->source_name;
}

/**
 * credence_badge_get_bytes:
 * @self: a badge
 *
 * Returns: (transfer none): the original file, untouched
 */
GBytes *
credence_badge_get_bytes (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->bytes;
}

/**
 * credence_badge_get_payload:
 * @self: a badge
 *
 * The payload exactly as stored: the text of the PNG chunk (inflated if it
 * was compressed), the SVG `verify` attribute or element body, or the whole
 * file for JSON, JWS and URL input.  Not trimmed.
 *
 * Returns: (transfer none): the payload bytes
 */
GBytes *
credence_badge_get_payload (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->payload;
}

CredenceContainer
credence_badge_get_container (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), CREDENCE_CONTAINER_JSON);
  return self->container;
}

/**
 * credence_badge_get_location_chunk:
 * @self: a badge
 *
 * Returns: (nullable): the PNG chunk type ("iTXt", "tEXt", "zTXt")
 */
const char *
credence_badge_get_location_chunk (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->location_chunk;
}

/**
 * credence_badge_get_location_name:
 * @self: a badge
 *
 * Returns: (nullable): the PNG keyword or the SVG element's qualified name
 */
const char *
credence_badge_get_location_name (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->location_name;
}

/**
 * credence_badge_get_location_part:
 * @self: a badge
 *
 * Returns: (nullable): for SVG, "verify" (the attribute) or "body"
 */
const char *
credence_badge_get_location_part (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->location_part;
}

/**
 * credence_badge_get_location_offset:
 * @self: a badge
 *
 * Returns: the byte offset of the PNG chunk (its length field) or of the
 *   SVG element's `<`, or -1 for JSON, JWS and URL input
 */
gint64
credence_badge_get_location_offset (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), -1);
  return self->location_offset;
}

CredenceSpecVersion
credence_badge_get_spec_version (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), CREDENCE_SPEC_VERSION_UNKNOWN);
  return self->version;
}

CredenceBadgeFormat
credence_badge_get_format (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), CREDENCE_BADGE_FORMAT_URL_ONLY);
  return self->format;
}

/**
 * credence_badge_get_url:
 * @self: a badge
 *
 * Returns: (nullable): the URL to fetch: the whole badge for
 *   %CREDENCE_BADGE_FORMAT_URL_ONLY, the issuer's hosted copy for hosted
 *   badges (2.0/1.1 `id`, 1.0 `verify.url`; none for 0.5)
 */
const char *
credence_badge_get_url (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->url;
}

/**
 * credence_badge_get_json:
 * @self: a badge
 *
 * The assertion (0.5–2.0) or credential (3.0) as parsed, not upgraded.  For
 * a VC-JWT this is the `vc` claim when there is one, else the whole claims
 * set.  Do not modify it.
 *
 * Returns: (transfer none) (nullable): the document, %NULL for URL-only
 */
JsonNode *
credence_badge_get_json (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->json;
}

/**
 * credence_badge_get_jws_header:
 * @self: a badge
 *
 * Returns: (transfer none) (nullable): the decoded, unverified JOSE header
 *   of a signed badge or VC-JWT
 */
JsonNode *
credence_badge_get_jws_header (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->jws_header;
}

/**
 * credence_badge_get_jws_claims:
 * @self: a badge
 *
 * Returns: (transfer none) (nullable): the whole decoded, unverified JWS
 *   payload (with `iss`, `nbf`, `exp`, `jti`, `sub` for a VC-JWT)
 */
JsonNode *
credence_badge_get_jws_claims (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->jws_claims;
}

const char *
credence_badge_get_jws_alg (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->jws_alg;
}

/**
 * credence_badge_get_proof_types:
 * @self: a badge
 *
 * Returns: (transfer none): the embedded proofs' types, as `type` or
 *   `type:cryptosuite` ("DataIntegrityProof:eddsa-rdfc-2022"); empty when
 *   there is none
 */
const char * const *
credence_badge_get_proof_types (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return (const char * const *)self->proof_types;
}

/**
 * credence_badge_get_id:
 * @self: a badge
 *
 * Returns: (nullable): the assertion or credential `id` (1.0: `verify.url`;
 *   VC-JWT: `jti` if the credential has none; URL-only: the URL)
 */
const char *
credence_badge_get_id (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->id;
}

/**
 * credence_badge_get_achievement_id:
 * @self: a badge
 *
 * Returns: (nullable): the BadgeClass (IRI or embedded `id`) or Achievement id
 */
const char *
credence_badge_get_achievement_id (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->achievement_id;
}

/**
 * credence_badge_get_name:
 * @self: a badge
 *
 * Returns: (nullable): the badge's name (BadgeClass or Achievement, else the
 *   credential's); %NULL when the BadgeClass is only linked
 */
const char *
credence_badge_get_name (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->name;
}

const char *
credence_badge_get_description (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->description;
}

const char *
credence_badge_get_criteria_narrative (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->criteria_narrative;
}

const char *
credence_badge_get_criteria_url (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->criteria_url;
}

/**
 * credence_badge_get_image:
 * @self: a badge
 *
 * Returns: (nullable): the badge image as a URL or a data: URI (untrusted:
 *   never load it without the image limits)
 */
const char *
credence_badge_get_image (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->image;
}

/**
 * credence_badge_get_tags:
 * @self: a badge
 *
 * Returns: (transfer none): the tags, possibly empty
 */
const char * const *
credence_badge_get_tags (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return (const char * const *)self->tags;
}

/**
 * credence_badge_get_alignments:
 * @self: a badge
 *
 * Returns: (transfer none) (element-type CredenceAlignment): the alignments
 */
GPtrArray *
credence_badge_get_alignments (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->alignments;
}

/**
 * credence_badge_get_evidence:
 * @self: a badge
 *
 * Returns: (transfer none) (element-type CredenceEvidence): the evidence
 */
GPtrArray *
credence_badge_get_evidence (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->evidence;
}

const char *
credence_badge_get_issuer_id (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->issuer_id;
}

const char *
credence_badge_get_issuer_name (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->issuer_name;
}

const char *
credence_badge_get_issuer_url (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->issuer_url;
}

const char *
credence_badge_get_issuer_email (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->issuer_email;
}

const char *
credence_badge_get_issuer_image (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->issuer_image;
}

/**
 * credence_badge_get_recipient_type:
 * @self: a badge
 *
 * Returns: (nullable): the identity type: OB 0.5–2.0 `email`, `url`,
 *   `telephone`…; OB 3.0 `identityType` (`emailAddress`…), or "id" when the
 *   subject is known by its `id` (a DID or URL) only
 */
const char *
credence_badge_get_recipient_type (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->recipient_type;
}

/**
 * credence_badge_get_recipient_identity:
 * @self: a badge
 *
 * Returns: (nullable): the identity, or its hash (`sha256$…`) when hashed
 */
const char *
credence_badge_get_recipient_identity (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->recipient_identity;
}

gboolean
credence_badge_get_recipient_hashed (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), FALSE);
  return self->recipient_hashed;
}

const char *
credence_badge_get_recipient_salt (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->recipient_salt;
}

/**
 * credence_badge_get_subject_id:
 * @self: a badge
 *
 * Returns: (nullable): OB 3.0 `credentialSubject.id` (or JWT `sub`)
 */
const char *
credence_badge_get_subject_id (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->subject_id;
}

/**
 * credence_badge_get_issued:
 * @self: a badge
 *
 * Returns: (transfer none) (nullable): `issuedOn` (0.5 `issued_on`),
 *   `validFrom`, `issuanceDate` or JWT `nbf`; %NULL when absent or not a
 *   real date
 */
GDateTime *
credence_badge_get_issued (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->issued;
}

/**
 * credence_badge_get_expires:
 * @self: a badge
 *
 * Returns: (transfer none) (nullable): `expires`, `validUntil`,
 *   `expirationDate` or JWT `exp`
 */
GDateTime *
credence_badge_get_expires (CredenceBadge *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE (self), NULL);
  return self->expires;
}
