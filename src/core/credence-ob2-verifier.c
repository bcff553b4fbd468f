/* credence-ob2-verifier.c: Open Badges 0.5, 1.0, 1.1 and 2.0 verification.
 *
 * Follows the Open Badges 2.0 verification rules in the order of the
 * reference validator (badgecheck), with its upgrades of older versions:
 *
 *   input         what the badge is, which version (verify_input)
 *   hosted        hosted: fetch the issuer's copy; 410 or revoked: true is
 *                 revoked (check_hosted)
 *   hosted-match  hosted: the baked copy equals the issuer's (compare_hosted)
 *   jws           signed: a compact JWS with RS256 (verify_jws_input)
 *   assertion     required properties and types (validate_assertion)
 *   badge-class   fetch and validate the BadgeClass (validate_badge_class)
 *   issuer        fetch and validate the issuer Profile (validate_issuer)
 *   origin        hosted: the assertion lives where the issuer allows
 *                 (check_origin)
 *   key           signed: fetch verification.creator (check_key_ownership)
 *   key-owner     signed: the key belongs to the issuer (check_key_ownership)
 *   signature     signed: the signature verifies (check_signature)
 *   revocation    signed: the issuer's revocation list (check_revocation_list)
 *   dates         issuedOn / expires against the verification time
 *                 (check_dates)
 *   recipient     the learner's identities (check_recipient)
 *
 * Every document comes through the loader and is pinned, so the same
 * checks run offline against what was seen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-ob2-verifier"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-json.h"
#include "credence-jws.h"
#include "credence-pem.h"
#include "credence-ob2-verifier.h"

typedef enum
{
  NODE_ASSERTION,
  NODE_BADGE_CLASS,
  NODE_ISSUER,
} NodeKind;

typedef struct
{
  const CredenceVerifyContext *ctx;
  CredenceVerification        *report;

  char        *version;      /* of the input */
  gboolean     is_signed;
  JsonNode    *baked;        /* the copy the learner holds, upgraded */
  JsonNode    *assertion;    /* the copy that is trusted, upgraded */
  JsonNode    *hosted_raw;   /* the issuer's copy as fetched */
  char        *hosted_url;
  gboolean     hosted_unreachable;
  CredenceJws *jws;

  JsonNode    *badge_class;
  JsonNode    *issuer;
  CredenceReason badge_class_missing; /* why badge_class is NULL */
  CredenceReason issuer_missing;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->version);
  g_clear_pointer (&run->baked, json_node_unref);
  g_clear_pointer (&run->assertion, json_node_unref);
  g_clear_pointer (&run->hosted_raw, json_node_unref);
  g_free (run->hosted_url);
  g_clear_pointer (&run->jws, credence_jws_free);
  g_clear_pointer (&run->badge_class, json_node_unref);
  g_clear_pointer (&run->issuer, json_node_unref);
}

#define check(run, id, status, reason, ...) \
  credence_verification_add_check ((run)->report, id, CREDENCE_CHECK_##status, \
                                   CREDENCE_REASON_##reason, __VA_ARGS__)

static JsonObject *
obj (JsonNode *node)
{
  return credence_json_node_get_object (node);
}

static const char *
str (JsonObject *object,
     const char *member)
{
  return credence_json_object_get_string (object, member);
}

static gboolean
is_http_url (const char *text)
{
  return text != NULL
         && (g_ascii_strncasecmp (text, "http://", 7) == 0
             || g_ascii_strncasecmp (text, "https://", 8) == 0)
         && g_uri_is_valid (text, G_URI_FLAGS_PARSE_RELAXED, NULL);
}

static gboolean
is_iri (const char *text)
{
  const char *colon;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  colon = strchr (text, ':');
  if (colon == NULL || colon == text)
    return FALSE;
  for (const char *p = text; p < colon; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '-' && *p != '.')
      return FALSE;
  return g_ascii_isalpha (text[0]) && strchr (text, ' ') == NULL;
}

static char *
authority_of (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL) : NULL;
  const char *host;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL || host[0] == '\0')
    return NULL;
  /* The default port of the scheme is the same origin as none. */
  if (g_uri_get_port (uri) > 0
      && !(g_uri_get_port (uri) == 443 && g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0)
      && !(g_uri_get_port (uri) == 80 && g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0))
    {
      g_autofree char *lower = g_ascii_strdown (host, -1);

      return g_strdup_printf ("%s:%d", lower, g_uri_get_port (uri));
    }
  return g_ascii_strdown (host, -1);
}

/* Dates */

static gboolean
has_zone (const char *text)
{
  gsize len = strlen (text);
  const char *t = strchr (text, 'T');

  if (t == NULL)
    t = strchr (text, 't');
  if (t == NULL || len < 1)
    return FALSE;
  if (text[len - 1] == 'Z' || text[len - 1] == 'z')
    return TRUE;
  /* ±hh, ±hhmm or ±hh:mm after the time */
  for (const char *p = text + len - 1; p > t; p--)
    if (*p == '+' || *p == '-')
      {
        gsize n = strlen (p + 1);

        return n == 2 || n == 4 || (n == 5 && p[3] == ':');
      }
    else if (!g_ascii_isdigit (*p) && *p != ':')
      return FALSE;
  return FALSE;
}

/* Open Badges 2.0 DATETIME: ISO 8601 with a time zone.  Older versions
 * also allow Unix timestamps, dates alone and times without a zone, which
 * are read as UTC (as badgecheck's upgrade does).
 */
static GDateTime *
parse_datetime (JsonNode *node,
                gboolean  lenient)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *text;

  if (node == NULL)
    return NULL;

  if (lenient && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64)
    return credence_json_node_dup_unix_time (node);

  text = credence_json_node_get_string (node);
  if (text == NULL || text[0] == '\0')
    return NULL;

  if (!lenient)
    return has_zone (text) ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  if (strspn (text, "0123456789") == strlen (text) && strlen (text) <= 12)
    return g_date_time_new_from_unix_utc (g_ascii_strtoll (text, NULL, 10));

  if (strlen (text) == 10 && text[4] == '-' && text[7] == '-')
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);

      return g_date_time_new_from_iso8601 (midnight, NULL);
    }

  return g_date_time_new_from_iso8601 (text, utc);
}

static char *
format_date (GDateTime *when)
{
  return g_date_time_format (when, "%Y-%m-%d");
}

/* Version detection and upgrades, as badgecheck's graph.py and
 * object_upgrades.py do.
 */

/**
 * credence_ob2_detect_version:
 * @object: an Open Badges object
 *
 * badgecheck's rule: a string `@context` containing `v1` is 1.1, `v2` is
 * 2.0; without `@context`, a string `recipient` is 0.5 and anything else
 * 1.0; any other `@context` is 2.0.
 *
 * Returns: (transfer full): "0.5", "1.0", "1.1" or "2.0"
 */
char *
credence_ob2_detect_version (JsonObject *object)
{
  JsonNode *context = credence_json_object_get_node (object, "@context");
  const char *text = credence_json_node_get_string (context);

  if (context == NULL)
    {
      if (credence_json_node_get_string (credence_json_object_get_node (object, "recipient")) != NULL)
        return g_strdup ("0.5");
      return g_strdup ("1.0");
    }
  if (text != NULL && strstr (text, "v1") != NULL)
    return g_strdup ("1.1");

  return g_strdup ("2.0");
}

static gboolean
is_legacy (const char *version)
{
  return g_strcmp0 (version, "2.0") != 0;
}

static void
rename_member (JsonObject *object,
               const char *from,
               const char *to)
{
  JsonNode *value = credence_json_object_get_node (object, from);

  if (value != NULL && !json_object_has_member (object, to))
    json_object_set_member (object, to, json_node_copy (value));
  if (value != NULL)
    json_object_remove_member (object, from);
}

static void
normalise_verification (JsonObject *object)
{
  JsonObject *verification;
  const char *type;

  /* The 2.0 context makes "verify" an alias of "verification". */
  rename_member (object, "verify", "verification");
  verification = credence_json_object_get_object (object, "verification");
  type = str (verification, "type");
  if (g_strcmp0 (type, "hosted") == 0)
    json_object_set_string_member (verification, "type", "HostedBadge");
  else if (g_strcmp0 (type, "signed") == 0)
    json_object_set_string_member (verification, "type", "SignedBadge");
}

static void
upgrade_alignments (JsonObject *badge_class)
{
  JsonNode *node = credence_json_object_get_node (badge_class, "alignment");
  JsonArray *array = credence_json_node_get_array (node);
  JsonObject *single = credence_json_node_get_object (node);
  const char *terms[][2] = { { "url", "targetUrl" }, { "name", "targetName" },
                             { "description", "targetDescription" } };

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *alignment = credence_json_node_get_object (json_array_get_element (array, i));

      for (gsize t = 0; alignment != NULL && t < G_N_ELEMENTS (terms); t++)
        rename_member (alignment, terms[t][0], terms[t][1]);
    }
  for (gsize t = 0; single != NULL && t < G_N_ELEMENTS (terms); t++)
    rename_member (single, terms[t][0], terms[t][1]);
}

static void
upgrade_issuer_0_5 (JsonObject *issuer)
{
  const char *name, *org;

  if (!json_object_has_member (issuer, "type"))
    json_object_set_string_member (issuer, "type", "Profile");
  rename_member (issuer, "contact", "email");
  rename_member (issuer, "origin", "url");
  name = str (issuer, "name");
  org = str (issuer, "org");
  if (name != NULL && org != NULL)
    {
      g_autofree char *joined = g_strdup_printf ("%s: %s", name, org);

      json_object_set_string_member (issuer, "name", joined);
      json_object_remove_member (issuer, "org");
    }
}

/* json_node_copy() shares objects and arrays; upgrades need their own. */
static JsonNode *
deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        json_object_set_member (object, name, deep_copy (member));
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, object);
      return copy;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_array_new ();
      JsonArray *source = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (source); i++)
        json_array_add_element (array, deep_copy (json_array_get_element (source, i)));
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, array);
      return copy;
    }

  return json_node_copy (node);
}

/* Upgrades a copy of @node (of @version, fetched from @url if known) to the
 * 2.0 model.  Returns the copy.
 */
static JsonNode *
upgrade_node (JsonNode   *node,
              const char *version,
              NodeKind    kind,
              const char *url)
{
  JsonNode *copy = deep_copy (node);
  JsonObject *object = obj (copy);

  if (object == NULL)
    return copy;

  if (kind == NODE_ASSERTION)
    normalise_verification (object);

  if (g_strcmp0 (version, "0.5") == 0 && kind == NODE_ASSERTION)
    {
      const char *recipient = str (object, "recipient");
      JsonObject *badge = credence_json_object_get_object (object, "badge");
      JsonObject *issuer = credence_json_object_get_object (badge, "issuer");

      rename_member (object, "issued_on", "issuedOn");
      if (recipient != NULL)
        {
          JsonObject *identity = json_object_new ();
          const char *salt = str (object, "salt");

          json_object_set_string_member (identity, "identity", recipient);
          json_object_set_string_member (identity, "type", "email");
          json_object_set_boolean_member (identity, "hashed", strchr (recipient, '@') == NULL);
          if (salt != NULL)
            json_object_set_string_member (identity, "salt", salt);
          json_object_remove_member (object, "salt");
          json_object_set_object_member (object, "recipient", identity);
        }
      if (!json_object_has_member (object, "verification"))
        {
          JsonObject *verification = json_object_new ();

          json_object_set_string_member (verification, "type", "HostedBadge");
          json_object_set_object_member (object, "verification", verification);
        }
      if (badge != NULL && !json_object_has_member (badge, "type"))
        json_object_set_string_member (badge, "type", "BadgeClass");
      if (issuer != NULL)
        upgrade_issuer_0_5 (issuer);
    }

  if (g_strcmp0 (version, "0.5") == 0 || g_strcmp0 (version, "1.0") == 0)
    {
      const char *type = kind == NODE_ASSERTION ? "Assertion"
                         : kind == NODE_BADGE_CLASS ? "BadgeClass" : "Issuer";

      if (!json_object_has_member (object, "type"))
        json_object_set_string_member (object, "type", type);
      if (!json_object_has_member (object, "id"))
        {
          JsonObject *verification = credence_json_object_get_object (object, "verification");
          const char *id = url;

          g_autofree char *uid_id = NULL;

          if (id == NULL && kind == NODE_ASSERTION
              && g_strcmp0 (str (verification, "type"), "HostedBadge") == 0)
            id = str (verification, "url");
          /* A signed 1.0 badge is known by its uid (as badgecheck names it). */
          if (id == NULL && kind == NODE_ASSERTION && str (object, "uid") != NULL
              && g_strcmp0 (str (verification, "type"), "SignedBadge") == 0)
            id = uid_id = g_strconcat ("uid:", str (object, "uid"), NULL);
          if (id != NULL)
            json_object_set_string_member (object, "id", id);
        }
    }

  if (is_legacy (version) && kind == NODE_BADGE_CLASS)
    upgrade_alignments (object);
  if (is_legacy (version) && kind == NODE_ASSERTION)
    {
      JsonObject *badge = credence_json_object_get_object (object, "badge");

      if (badge != NULL)
        upgrade_alignments (badge);
    }

  return copy;
}

/* Types */

static const char * const ob_classes[] = {
  "Assertion", "BadgeClass", "Issuer", "Profile", "CryptographicKey", "RevocationList",
  "AlignmentObject", "Criteria", "Evidence", "Extension", "IdentityObject", "Image",
  "HostedBadge", "SignedBadge", "VerificationObject", "Endorsement", "TypeValidation",
  "FrameValidation", "hosted", "signed", "email", "url", "telephone", "id",
  NULL
};

static gboolean
type_term_ok (const char *term)
{
  return term != NULL && (g_strv_contains (ob_classes, term) || is_iri (term));
}

/* Every entry of `type` must be an Open Badges term or an IRI, and one of
 * @wanted must be there (by term or as the full obi: IRI).
 */
static gboolean
type_ok (JsonObject         *object,
         const char * const *wanted)
{
  JsonNode *type = credence_json_object_get_node (object, "type");
  JsonArray *array = credence_json_node_get_array (type);
  gboolean found = FALSE;
  guint n = array != NULL ? json_array_get_length (array) : 1;

  if (type == NULL || (array != NULL && n == 0))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *term = array != NULL
                         ? credence_json_node_get_string (json_array_get_element (array, i))
                         : credence_json_node_get_string (type);

      if (!type_term_ok (term))
        return FALSE;
      for (guint w = 0; wanted[w] != NULL; w++)
        {
          g_autofree char *full = g_strconcat ("https://w3id.org/openbadges#", wanted[w], NULL);
          g_autofree char *compact = g_strconcat ("obi:", wanted[w], NULL);

          if (g_strcmp0 (term, wanted[w]) == 0 || g_strcmp0 (term, full) == 0
              || g_strcmp0 (term, compact) == 0)
            found = TRUE;
        }
    }

  return found;
}

static const char * const v2_contexts[] = {
  "https://w3id.org/openbadges/v2",
  "http://w3id.org/openbadges/v2",
  "https://w3id.org/openbadges/v2/",
  "http://w3id.org/openbadges/v2/",
  "https://openbadgespec.org/v2/context.json",
  "http://openbadgespec.org/v2/context.json",
  "https://w3id.org/openbadges/v2/context.json",
  NULL
};

/* A 2.0 document names the Open Badges 2.0 context (alone, in an array, or
 * defines its terms inline).
 */
static gboolean
context_ok (JsonObject *object)
{
  JsonNode *context = credence_json_object_get_node (object, "@context");
  JsonArray *array = credence_json_node_get_array (context);

  if (credence_json_node_get_object (context) != NULL)
    return TRUE;
  if (credence_json_node_get_string (context) != NULL)
    return g_strv_contains (v2_contexts, credence_json_node_get_string (context));
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *entry = json_array_get_element (array, i);

      if (credence_json_node_get_string (entry) != NULL
          && g_strv_contains (v2_contexts, credence_json_node_get_string (entry)))
        return TRUE;
    }

  return FALSE;
}

/* Fetching */

/* Fetches @url as JSON and records the document in the report.  On failure
 * returns NULL and sets @reason (unreachable, revoked for 410, invalid-data
 * for a body that is not JSON) and @message.
 */
static JsonNode *
fetch_node (Run                  *run,
            const char           *url,
            CredenceLoaderFlags   flags,
            CredenceReason       *reason,
            char                **message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceDocument) doc = NULL;
  JsonNode *node;

  node = credence_loader_fetch_json (run->ctx->loader, url, flags, run->ctx->pins, &doc,
                                     run->ctx->cancellable, &error);
  if (doc != NULL)
    credence_verification_add_document (run->report, doc);
  if (node != NULL)
    return node;

  if (g_error_matches (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_GONE))
    *reason = CREDENCE_REASON_REVOKED;
  else if (g_error_matches (error, CREDENCE_LOADER_ERROR, CREDENCE_LOADER_ERROR_NOT_JSON))
    *reason = CREDENCE_REASON_INVALID_DATA;
  else
    *reason = CREDENCE_REASON_UNREACHABLE;
  *message = g_strdup (error->message);

  return NULL;
}

/* Resolves a reference that is an IRI or an embedded object.  HTTP(S) ids
 * are fetched even when embedded, as badgecheck does: only the issuer's
 * own copy is trusted.  Returns the upgraded node, or NULL with @reason.
 */
static JsonNode *
resolve_node (Run         *run,
              const char  *check_id,
              JsonNode    *reference,
              NodeKind     kind,
              const char  *label,
              CredenceReason *reason)
{
  const char *id = credence_json_node_get_id (reference);
  JsonObject *embedded = credence_json_node_get_object (reference);
  g_autoptr(JsonNode) fetched = NULL;
  g_autofree char *version = NULL;
  g_autofree char *message = NULL;
  JsonNode *source;

  if (reference == NULL || (id == NULL && embedded == NULL))
    {
      check (run, check_id, FAIL, INVALID_DATA, _("The badge does not name its %s."), label);
      *reason = CREDENCE_REASON_INVALID_DATA;
      return NULL;
    }

  if (is_http_url (id))
    {
      fetched = fetch_node (run, id, CREDENCE_LOADER_FLAGS_NONE, reason, &message);
      if (fetched == NULL)
        {
          if (*reason == CREDENCE_REASON_UNREACHABLE)
            check (run, check_id, SKIP, UNREACHABLE, _("The %s could not be fetched: %s"),
                   label, message);
          else
            check (run, check_id, FAIL, INVALID_DATA, _("The %s could not be read: %s"),
                   label, message);
          if (*reason == CREDENCE_REASON_REVOKED)
            *reason = CREDENCE_REASON_UNREACHABLE;
          return NULL;
        }
      if (obj (fetched) == NULL)
        {
          check (run, check_id, FAIL, INVALID_DATA, _("The %s at %s is not a JSON object."),
                 label, id);
          *reason = CREDENCE_REASON_INVALID_DATA;
          return NULL;
        }
      source = fetched;
    }
  else if (embedded != NULL)
    {
      if (id == NULL)
        check (run, check_id, WARN, NONE,
               _("The %s is embedded without an address; it is read from the badge itself."),
               label);
      source = reference;
    }
  else
    {
      check (run, check_id, FAIL, INVALID_DATA, _("The %s “%s” is not a web address."), label, id);
      *reason = CREDENCE_REASON_INVALID_DATA;
      return NULL;
    }

  version = credence_ob2_detect_version (obj (source));
  {
    JsonNode *upgraded = upgrade_node (source, version, kind, source == fetched ? id : NULL);
    const char *declared = str (obj (upgraded), "id");

    if (source == fetched && g_strcmp0 (declared, id) != 0)
      check (run, check_id, WARN, NONE, _("The %s fetched from %s declares its address as %s."),
             label, id, declared != NULL ? declared : "?");
    if (!is_legacy (version) && !context_ok (obj (upgraded)))
      {
        check (run, check_id, FAIL, INVALID_DATA,
               _("The %s does not use the Open Badges 2.0 context."), label);
        json_node_unref (upgraded);
        *reason = CREDENCE_REASON_INVALID_DATA;
        return NULL;
      }
    *reason = CREDENCE_REASON_NONE;
    return upgraded;
  }
}

/* Validation of required properties */

static gboolean
require_text (Run        *run,
              const char *check_id,
              JsonObject *object,
              const char *member,
              const char *label)
{
  const char *value = str (object, member);

  if (value == NULL || value[0] == '\0')
    {
      check (run, check_id, FAIL, INVALID_DATA, _("The %s has no “%s”."), label, member);
      return FALSE;
    }
  return TRUE;
}

static gboolean
hash_well_formed (const char *identity)
{
  const char *hex;
  gsize n;

  if (g_ascii_strncasecmp (identity, "sha256$", 7) == 0)
    hex = identity + 7, n = 64;
  else if (g_ascii_strncasecmp (identity, "md5$", 4) == 0)
    hex = identity + 4, n = 32;
  else
    return FALSE;

  if (strlen (hex) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isxdigit (hex[i]))
      return FALSE;
  return TRUE;
}

static gboolean
validate_recipient (Run        *run,
                    JsonObject *recipient)
{
  const char *types[] = { "email", "url", "telephone", "id", NULL };
  const char *type = str (recipient, "type");
  const char *identity = str (recipient, "identity");
  gboolean hashed = FALSE;

  if (recipient == NULL || identity == NULL || identity[0] == '\0')
    {
      check (run, "assertion", FAIL, INVALID_DATA, _("The badge does not say who received it."));
      return FALSE;
    }
  if (type == NULL || !g_strv_contains (types, type))
    {
      check (run, "assertion", FAIL, INVALID_DATA,
             _("The recipient’s identity type “%s” is not email, url, telephone or id."),
             type != NULL ? type : "");
      return FALSE;
    }
  if (!credence_json_object_get_boolean (recipient, "hashed", &hashed))
    {
      check (run, "assertion", FAIL, INVALID_DATA,
             _("The recipient does not say whether the identity is hashed."));
      return FALSE;
    }
  if (hashed && !hash_well_formed (identity))
    {
      check (run, "assertion", FAIL, INVALID_DATA,
             _("The recipient’s identity is marked hashed but is not a sha256$ or md5$ hash."));
      return FALSE;
    }
  if (!hashed && hash_well_formed (identity))
    {
      check (run, "assertion", FAIL, INVALID_DATA,
             _("The recipient’s identity looks hashed but is marked as plain."));
      return FALSE;
    }
  if (!hashed && g_strcmp0 (type, "email") == 0
      && (strchr (identity, '@') == NULL || strchr (identity, '@') != strrchr (identity, '@')))
    {
      check (run, "assertion", FAIL, INVALID_DATA,
             _("The recipient’s email address “%s” is malformed."), identity);
      return FALSE;
    }
  if (credence_json_object_get_node (recipient, "salt") != NULL && str (recipient, "salt") == NULL
      && !JSON_NODE_HOLDS_NULL (credence_json_object_get_node (recipient, "salt")))
    {
      check (run, "assertion", FAIL, INVALID_DATA, _("The recipient’s salt is not text."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_image (Run        *run,
                const char *check_id,
                JsonNode   *image,
                gboolean    data_uri_allowed,
                const char *label)
{
  const char *id = credence_json_node_get_id (image);

  if (id == NULL)
    {
      check (run, check_id, FAIL, INVALID_DATA, _("The %s has no image."), label);
      return FALSE;
    }
  if (g_ascii_strncasecmp (id, "data:", 5) == 0)
    {
      if (!data_uri_allowed)
        {
          check (run, check_id, FAIL, INVALID_DATA,
                 _("The %s’s image is embedded as data, which Open Badges does not allow there."),
                 label);
          return FALSE;
        }
      if (g_ascii_strncasecmp (id, "data:image/png", 14) != 0
          && g_ascii_strncasecmp (id, "data:image/svg+xml", 18) != 0)
        {
          check (run, check_id, FAIL, INVALID_DATA,
                 _("The %s’s embedded image is neither PNG nor SVG."), label);
          return FALSE;
        }
      return TRUE;
    }
  if (!is_iri (id))
    {
      check (run, check_id, FAIL, INVALID_DATA, _("The %s’s image “%s” is not an address."),
             label, id);
      return FALSE;
    }
  return TRUE;
}

/* validate_assertion: the Assertion's required properties (badgecheck's
 * Assertion and IdentityObject validators).
 */
static gboolean
validate_assertion (Run *run)
{
  const char *wanted[] = { "Assertion", NULL };
  JsonObject *a = obj (run->assertion);
  JsonObject *verification = credence_json_object_get_object (a, "verification");
  const char *vtype = str (verification, "type");
  gboolean legacy = is_legacy (run->version);

  if (!legacy && !context_ok (a))
    {
      check (run, "assertion", FAIL, INVALID_DATA,
             _("The badge does not use the Open Badges 2.0 context."));
      return FALSE;
    }
  if (!is_iri (str (a, "id")))
    {
      check (run, "assertion", FAIL, INVALID_DATA, _("The badge has no valid “id”."));
      return FALSE;
    }
  if (!type_ok (a, wanted))
    {
      check (run, "assertion", FAIL, INVALID_DATA, _("The badge’s type is not Assertion."));
      return FALSE;
    }
  if (!validate_recipient (run, credence_json_object_get_object (a, "recipient")))
    return FALSE;
  if (credence_json_object_get_node (a, "badge") == NULL)
    {
      check (run, "assertion", FAIL, INVALID_DATA, _("The badge does not say which badge it awards."));
      return FALSE;
    }
  if (g_strcmp0 (vtype, "HostedBadge") != 0 && g_strcmp0 (vtype, "SignedBadge") != 0)
    {
      check (run, "assertion", FAIL, INVALID_DATA,
             _("The badge does not say how to verify it (hosted or signed)."));
      return FALSE;
    }
  if (run->is_signed != (g_strcmp0 (vtype, "SignedBadge") == 0))
    {
      check (run, "assertion", FAIL, INVALID_DATA,
             run->is_signed ? _("The signed badge says it is hosted.")
                            : _("The badge says it is signed, but it came without its signature."));
      return FALSE;
    }
  {
    g_autoptr(GDateTime) issued = parse_datetime (credence_json_object_get_node (a, "issuedOn"), legacy);
    JsonNode *expires_node = credence_json_object_get_node (a, "expires");
    g_autoptr(GDateTime) expires = parse_datetime (expires_node, legacy);

    /* Open Badges 0.5 made issued_on optional. */
    if (issued == NULL && !(g_strcmp0 (run->version, "0.5") == 0
                            && credence_json_object_get_node (a, "issuedOn") == NULL))
      {
        check (run, "assertion", FAIL, INVALID_DATA,
               _("The badge’s issue date is missing or not a date with a time zone."));
        return FALSE;
      }
    if (expires_node != NULL && !JSON_NODE_HOLDS_NULL (expires_node) && expires == NULL)
      {
        check (run, "assertion", FAIL, INVALID_DATA,
               _("The badge’s expiry date is not a date with a time zone."));
        return FALSE;
      }
  }
  if (credence_json_object_get_node (a, "image") != NULL
      && !validate_image (run, "assertion", credence_json_object_get_node (a, "image"), FALSE,
                          _("badge")))
    return FALSE;

  check (run, "assertion", PASS, NONE, _("The badge has every required detail."));
  return TRUE;
}

/* validate_badge_class: fetch and check the BadgeClass. */
static void
validate_badge_class (Run *run)
{
  const char *wanted[] = { "BadgeClass", NULL };
  JsonObject *bc;
  JsonNode *criteria;
  const char *label = _("badge description");

  run->badge_class = resolve_node (run, "badge-class",
                                   credence_json_object_get_node (obj (run->assertion), "badge"),
                                   NODE_BADGE_CLASS, label, &run->badge_class_missing);
  if (run->badge_class == NULL)
    return;

  bc = obj (run->badge_class);
  if (!is_iri (str (bc, "id")) && str (bc, "id") != NULL)
    {
      check (run, "badge-class", FAIL, INVALID_DATA, _("The badge description has no valid “id”."));
      goto invalid;
    }
  if (!type_ok (bc, wanted))
    {
      check (run, "badge-class", FAIL, INVALID_DATA,
             _("The badge description’s type is not BadgeClass."));
      goto invalid;
    }
  if (!require_text (run, "badge-class", bc, "name", label)
      || !require_text (run, "badge-class", bc, "description", label)
      || !validate_image (run, "badge-class", credence_json_object_get_node (bc, "image"), TRUE,
                          label))
    goto invalid;

  criteria = credence_json_object_get_node (bc, "criteria");
  if (credence_json_node_get_string (criteria) == NULL
      && (credence_json_node_get_object (criteria) == NULL
          || (credence_json_node_get_id (criteria) == NULL
              && str (credence_json_node_get_object (criteria), "narrative") == NULL)))
    {
      check (run, "badge-class", FAIL, INVALID_DATA,
             _("The badge description does not say how the badge is earned."));
      goto invalid;
    }
  if (credence_json_object_get_node (bc, "issuer") == NULL)
    {
      check (run, "badge-class", FAIL, INVALID_DATA,
             _("The badge description does not name its issuer."));
      goto invalid;
    }

  check (run, "badge-class", PASS, NONE, _("The badge description “%s” is complete."),
         str (bc, "name"));
  return;

invalid:
  g_clear_pointer (&run->badge_class, json_node_unref);
  run->badge_class_missing = CREDENCE_REASON_INVALID_DATA;
}

static gboolean
email_ok (const char *email)
{
  const char *at = email != NULL ? strchr (email, '@') : NULL;

  if (at == NULL || at == email || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = email; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* validate_issuer: fetch and check the issuer Profile. */
static void
validate_issuer (Run *run)
{
  const char *wanted[] = { "Issuer", "Profile", NULL };
  const char *label = _("issuer");
  JsonObject *issuer;
  gboolean legacy;
  g_autofree char *version = NULL;

  if (run->badge_class == NULL)
    {
      if (run->badge_class_missing == CREDENCE_REASON_UNREACHABLE)
        check (run, "issuer", SKIP, UNREACHABLE,
               _("The issuer is unknown until the badge description can be fetched."));
      else
        check (run, "issuer", SKIP, NONE, _("The issuer is unknown: the badge description is unusable."));
      run->issuer_missing = run->badge_class_missing;
      return;
    }

  run->issuer = resolve_node (run, "issuer", credence_json_object_get_node (obj (run->badge_class), "issuer"),
                              NODE_ISSUER, label, &run->issuer_missing);
  if (run->issuer == NULL)
    return;

  issuer = obj (run->issuer);
  version = credence_ob2_detect_version (issuer);
  legacy = is_legacy (version) && is_legacy (run->version);

  if (!type_ok (issuer, wanted))
    {
      check (run, "issuer", FAIL, INVALID_DATA, _("The issuer’s type is not Issuer or Profile."));
      goto invalid;
    }
  if (!require_text (run, "issuer", issuer, "name", label))
    goto invalid;
  if (!legacy && !is_iri (str (issuer, "id")))
    {
      check (run, "issuer", FAIL, INVALID_DATA, _("The issuer has no valid “id”."));
      goto invalid;
    }
  if (!is_http_url (str (issuer, "url")) && !(legacy && str (issuer, "url") == NULL))
    {
      check (run, "issuer", FAIL, INVALID_DATA, _("The issuer’s website “%s” is not a web address."),
             str (issuer, "url") != NULL ? str (issuer, "url") : "");
      goto invalid;
    }
  if (!email_ok (str (issuer, "email")) && !(legacy && str (issuer, "email") == NULL))
    {
      check (run, "issuer", FAIL, INVALID_DATA, _("The issuer’s email address is missing or malformed."));
      goto invalid;
    }
  if (!is_http_url (str (issuer, "id")))
    check (run, "issuer", WARN, NONE, _("The issuer’s address “%s” is not a web address."),
           str (issuer, "id") != NULL ? str (issuer, "id") : "");

  check (run, "issuer", PASS, NONE, _("The issuer “%s” is described correctly."), str (issuer, "name"));
  return;

invalid:
  g_clear_pointer (&run->issuer, json_node_unref);
  run->issuer_missing = CREDENCE_REASON_INVALID_DATA;
}

static gboolean
skip_without_issuer (Run        *run,
                     const char *check_id)
{
  if (run->issuer != NULL)
    return FALSE;

  if (run->issuer_missing == CREDENCE_REASON_UNREACHABLE)
    check (run, check_id, SKIP, UNREACHABLE, _("This needs the issuer’s profile, which could not be fetched."));
  else
    check (run, check_id, SKIP, NONE, _("This needs the issuer’s profile, which is unusable."));
  return TRUE;
}

static GPtrArray *
strings_of (JsonNode *node)
{
  GPtrArray *list = g_ptr_array_new ();
  JsonArray *array = credence_json_node_get_array (node);

  if (array == NULL)
    {
      const char *id = credence_json_node_get_id (node);

      if (id != NULL)
        g_ptr_array_add (list, (gpointer) id);
      return list;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *id = credence_json_node_get_id (json_array_get_element (array, i));

      if (id != NULL)
        g_ptr_array_add (list, (gpointer) id);
    }
  return list;
}

/* check_origin: the hosted assertion must live where the issuer's
 * verification policy allows (startsWith, allowedOrigins), by default on
 * the issuer's own origin.
 */
static void
check_origin (Run *run)
{
  JsonObject *issuer;
  JsonObject *policy;
  const char *assertion_id = str (obj (run->assertion), "id");
  const char *issuer_id;
  g_autoptr(GPtrArray) starts = NULL;
  g_autoptr(GPtrArray) origins = NULL;
  g_autofree char *authority = authority_of (assertion_id);
  g_autofree char *issuer_authority = NULL;

  if (skip_without_issuer (run, "origin"))
    return;

  issuer = obj (run->issuer);
  issuer_id = str (issuer, "id");
  policy = credence_json_object_get_object (issuer, "verification");
  starts = strings_of (credence_json_object_get_node (policy, "startsWith"));
  origins = strings_of (credence_json_object_get_node (policy, "allowedOrigins"));

  if (starts->len > 0)
    {
      for (guint i = 0; i < starts->len; i++)
        if (g_str_has_prefix (assertion_id, g_ptr_array_index (starts, i)))
          {
            check (run, "origin", PASS, NONE, _("The issuer allows badges at %s."), assertion_id);
            return;
          }
      check (run, "origin", FAIL, ISSUER_KEY_MISMATCH,
             _("The issuer does not allow badges at %s (it names other addresses)."), assertion_id);
      return;
    }

  if (origins->len == 0)
    {
      /* An 0.5 issuer has no id: its origin stands for it.  An id that is
       * not a web address leaves nothing to compare (badgecheck warns).
       */
      issuer_authority = authority_of (issuer_id == NULL ? str (issuer, "url")
                                       : is_http_url (issuer_id) ? issuer_id : NULL);
      if (issuer_authority == NULL)
        {
          check (run, "origin", WARN, NONE,
                 _("The issuer has no web address, so where the badge lives cannot be compared."));
          return;
        }
      if (g_strcmp0 (authority, issuer_authority) == 0)
        {
          check (run, "origin", PASS, NONE, _("The badge lives on the issuer’s site %s."), authority);
          return;
        }
      check (run, "origin", FAIL, ISSUER_KEY_MISMATCH,
             _("The badge lives on %s, not on the issuer’s site %s."),
             authority != NULL ? authority : "?", issuer_authority);
      return;
    }

  for (guint i = 0; i < origins->len; i++)
    if (authority != NULL && g_ascii_strcasecmp (authority, g_ptr_array_index (origins, i)) == 0)
      {
        check (run, "origin", PASS, NONE, _("The issuer allows badges on %s."), authority);
        return;
      }
  check (run, "origin", FAIL, ISSUER_KEY_MISMATCH, _("The issuer does not allow badges on %s."),
         authority != NULL ? authority : "?");
}

/* check_key_ownership (signed): fetch verification.creator, or try the
 * issuer's keys when there is none, and make sure the key is the issuer's.
 * check_signature: verify the JWS with it.
 */
static gboolean
try_key (Run        *run,
         const char *key_id,
         JsonNode  **out_key)
{
  g_autofree char *message = NULL;
  CredenceReason reason = CREDENCE_REASON_NONE;
  JsonNode *key = NULL;

  if (is_http_url (key_id))
    key = fetch_node (run, key_id, CREDENCE_LOADER_FLAGS_NONE, &reason, &message);
  else
    {
      reason = CREDENCE_REASON_INVALID_DATA;
      message = g_strdup_printf (_("“%s” is not a web address"), key_id != NULL ? key_id : "");
    }

  if (key == NULL || str (obj (key), "publicKeyPem") == NULL)
    {
      if (reason == CREDENCE_REASON_UNREACHABLE)
        check (run, "key", SKIP, UNREACHABLE, _("The signing key could not be fetched: %s"), message);
      else
        check (run, "key", FAIL, INVALID_DATA, _("The signing key %s cannot be used%s%s."), key_id,
               message != NULL ? ": " : "", message != NULL ? message : "");
      g_clear_pointer (&key, json_node_unref);
      return FALSE;
    }

  *out_key = key;
  return TRUE;
}

static void
check_signature (Run        *run,
                 const char *pem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredencePublicKey) public_key = NULL;

  public_key = credence_pem_read_public_key (pem, &error);
  if (public_key == NULL)
    check (run, "signature", FAIL, INVALID_DATA, _("The issuer’s key cannot be used: %s"),
           error->message);
  else if (credence_jws_verify (run->jws, public_key, NULL, &error))
    check (run, "signature", PASS, NONE, _("The signature matches the issuer’s key."));
  else
    check (run, "signature", FAIL, BAD_SIGNATURE, "%s",
           _("It was changed after signing, so nothing in it can be trusted; ask the issuer for a new copy."));
}

/* Open Badges 1.x signed badges: verify.url is the issuer's public key
 * (PEM, or a document with publicKeyPem), which must live on the issuer's
 * origin.
 */
static void
check_legacy_key (Run        *run,
                  const char *key_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceDocument) doc = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *key_authority = authority_of (key_url);
  g_autofree char *issuer_authority = NULL;
  JsonObject *issuer = obj (run->issuer);
  GBytes *body;

  if (is_http_url (key_url))
    doc = credence_loader_fetch (run->ctx->loader, key_url, CREDENCE_LOADER_FLAGS_NONE, run->ctx->pins,
                                 run->ctx->cancellable, &error);
  if (doc != NULL)
    credence_verification_add_document (run->report, doc);
  if (doc == NULL || credence_document_get_status (doc) < 200 || credence_document_get_status (doc) > 299)
    {
      check (run, "key", SKIP, UNREACHABLE, _("The issuer’s public key at %s could not be fetched."),
             key_url != NULL ? key_url : "?");
      check (run, "signature", SKIP, NONE, _("The signature cannot be checked without the key."));
      return;
    }

  body = credence_document_get_body (doc);
  json = credence_json_parse_bytes (body, NULL);
  if (str (obj (json), "publicKeyPem") != NULL)
    pem = g_strdup (str (obj (json), "publicKeyPem"));
  else
    pem = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  check (run, "key", PASS, NONE, _("The signing key %s was fetched."), key_url);

  issuer_authority = authority_of (is_http_url (str (issuer, "id")) ? str (issuer, "id") : str (issuer, "url"));
  if (issuer_authority == NULL || g_strcmp0 (issuer_authority, key_authority) != 0)
    {
      g_autofree char *sentence = credence_reason_format_sentence (CREDENCE_REASON_ISSUER_KEY_MISMATCH,
                                                                    str (issuer, "name"), NULL);

      check (run, "key-owner", FAIL, ISSUER_KEY_MISMATCH, "%s", sentence);
    }
  else
    check (run, "key-owner", PASS, NONE, _("The key lives on the issuer’s site %s."), issuer_authority);

  check_signature (run, pem);
}

static void
check_key_ownership (Run *run)
{
  JsonObject *verification = credence_json_object_get_object (obj (run->assertion), "verification");
  const char *creator = credence_json_node_get_id (credence_json_object_get_node (verification, "creator"));
  g_autoptr(JsonNode) key = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  const char *issuer_id, *owner;
  const char *issuer_name;
  gboolean in_profile = FALSE;

  if (run->issuer == NULL)
    {
      skip_without_issuer (run, "key");
      check (run, "signature", SKIP, NONE, _("The signature cannot be checked without the issuer’s keys."));
      return;
    }

  issuer_id = str (obj (run->issuer), "id");
  issuer_name = str (obj (run->issuer), "name");
  listed = strings_of (credence_json_object_get_node (obj (run->issuer), "publicKey"));

  if (creator == NULL && is_legacy (run->version) && str (verification, "url") != NULL)
    {
      check_legacy_key (run, str (verification, "url"));
      return;
    }

  if (creator == NULL)
    {
      /* The spec falls back to the keys the issuer lists. */
      if (listed->len == 0)
        {
          check (run, "key", FAIL, ISSUER_KEY_MISMATCH,
                 _("The badge names no signing key and the issuer lists none."));
          return;
        }
      creator = g_ptr_array_index (listed, 0);
    }

  if (!try_key (run, creator, &key))
    {
      check (run, "signature", SKIP, NONE, _("The signature cannot be checked without the key."));
      return;
    }
  check (run, "key", PASS, NONE, _("The signing key %s was fetched."), creator);

  owner = str (obj (key), "owner");
  for (guint i = 0; i < listed->len; i++)
    if (g_strcmp0 (g_ptr_array_index (listed, i), creator) == 0
        || g_strcmp0 (g_ptr_array_index (listed, i), str (obj (key), "id")) == 0)
      in_profile = TRUE;

  if (!in_profile || (owner != NULL && g_strcmp0 (owner, issuer_id) != 0))
    {
      g_autofree char *sentence = credence_reason_format_sentence (CREDENCE_REASON_ISSUER_KEY_MISMATCH,
                                                                    issuer_name, NULL);

      check (run, "key-owner", FAIL, ISSUER_KEY_MISMATCH, "%s", sentence);
    }
  else
    check (run, "key-owner", PASS, NONE, _("The issuer “%s” lists this key as theirs."), issuer_name);

  check_signature (run, str (obj (key), "publicKeyPem"));
}

static gboolean
entry_revokes (JsonNode   *entry,
               const char *id,
               const char *uid,
               const char **reason)
{
  JsonObject *object = credence_json_node_get_object (entry);

  *reason = NULL;
  if (g_strcmp0 (credence_json_node_get_string (entry), id) == 0)
    return TRUE;
  if (object != NULL && g_strcmp0 (str (object, "id"), id) == 0)
    {
      *reason = str (object, "revocationReason");
      return TRUE;
    }
  if (object != NULL && uid != NULL && g_strcmp0 (str (object, "uid"), uid) == 0)
    {
      *reason = str (object, "revocationReason");
      return TRUE;
    }
  return FALSE;
}

static void
fail_revoked (Run        *run,
              const char *check_id,
              const char *why)
{
  g_autofree char *detail = why != NULL ? g_strdup_printf (": %s", why) : NULL;
  g_autofree char *sentence = credence_reason_format_sentence (CREDENCE_REASON_REVOKED, detail, NULL);

  check (run, check_id, FAIL, REVOKED, "%s", sentence);
}

/* check_revocation_list (signed): the issuer's revocationList must not
 * name the assertion.
 */
static void
check_revocation_list (Run *run)
{
  const char *list_url;
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *message = NULL;
  CredenceReason reason = CREDENCE_REASON_NONE;
  const char *wanted[] = { "RevocationList", NULL };
  const char *id = str (obj (run->assertion), "id");
  const char *uid = str (obj (run->assertion), "uid");
  JsonArray *entries;

  if (skip_without_issuer (run, "revocation"))
    return;

  list_url = credence_json_node_get_id (credence_json_object_get_node (obj (run->issuer), "revocationList"));
  if (list_url == NULL)
    {
      check (run, "revocation", PASS, NONE, _("The issuer publishes no revocation list."));
      return;
    }
  if (!is_http_url (list_url))
    {
      check (run, "revocation", FAIL, INVALID_DATA,
             _("The issuer’s revocation list “%s” is not a web address."), list_url);
      return;
    }

  list = fetch_node (run, list_url, CREDENCE_LOADER_FLAGS_FRESH, &reason, &message);
  if (list == NULL)
    {
      if (reason == CREDENCE_REASON_INVALID_DATA)
        check (run, "revocation", FAIL, INVALID_DATA, _("The issuer’s revocation list cannot be read: %s"),
               message);
      else
        check (run, "revocation", SKIP, UNREACHABLE,
               _("The issuer’s revocation list could not be fetched: %s"), message);
      return;
    }

  entries = credence_json_object_get_array (obj (list), "revokedAssertions");

  /* Open Badges 1.x: an object mapping each revoked uid to a reason. */
  if (entries == NULL && obj (list) != NULL && is_legacy (run->version)
      && !json_object_has_member (obj (list), "type"))
    {
      if (uid != NULL && json_object_has_member (obj (list), uid))
        fail_revoked (run, "revocation", str (obj (list), uid));
      else
        check (run, "revocation", PASS, NONE, _("The issuer has not revoked this badge."));
      return;
    }

  if (obj (list) == NULL || !type_ok (obj (list), wanted) || entries == NULL)
    {
      check (run, "revocation", FAIL, INVALID_DATA, _("The issuer’s revocation list is malformed."));
      return;
    }

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      const char *why = NULL;

      if (entry_revokes (json_array_get_element (entries, i), id, uid, &why))
        {
          fail_revoked (run, "revocation", why);
          return;
        }
    }

  check (run, "revocation", PASS, NONE, _("The issuer has not revoked this badge."));
}

/* check_dates: issuedOn not in the future, expires not in the past, with
 * CREDENCE_VERIFY_CLOCK_SKEW of slack.
 */
static void
check_dates (Run *run)
{
  JsonObject *a = obj (run->assertion);
  gboolean legacy = is_legacy (run->version);
  g_autoptr(GDateTime) issued = parse_datetime (credence_json_object_get_node (a, "issuedOn"), legacy);
  g_autoptr(GDateTime) expires = parse_datetime (credence_json_object_get_node (a, "expires"), legacy);
  GDateTime *now = run->ctx->now;

  if (issued == NULL && credence_json_object_get_node (a, "issuedOn") != NULL)
    {
      check (run, "dates", FAIL, INVALID_DATA, _("The issue date cannot be read."));
      return;
    }
  if (issued != NULL && expires != NULL && g_date_time_compare (expires, issued) < 0)
    {
      check (run, "dates", FAIL, INVALID_DATA, _("The badge expires before it was issued."));
      return;
    }
  if (issued != NULL && g_date_time_difference (issued, now) > CREDENCE_VERIFY_CLOCK_SKEW)
    {
      g_autofree char *date = format_date (issued);
      g_autofree char *sentence = credence_reason_format_sentence (CREDENCE_REASON_NOT_YET_VALID, date, NULL);

      check (run, "dates", FAIL, NOT_YET_VALID, "%s", sentence);
      return;
    }
  if (expires != NULL && g_date_time_difference (now, expires) > CREDENCE_VERIFY_CLOCK_SKEW)
    {
      g_autofree char *date = format_date (expires);
      g_autofree char *sentence = credence_reason_format_sentence (CREDENCE_REASON_EXPIRED, date, NULL);

      check (run, "dates", FAIL, EXPIRED, "%s", sentence);
      return;
    }

  check (run, "dates", PASS, NONE, _("The badge is within its dates."));
}

static char *
hash_hex (const char *alg,
          const char *value,
          const char *salt)
{
  g_autofree char *input = g_strconcat (value, salt != NULL ? salt : "", NULL);

  return g_compute_checksum_for_string (g_ascii_strcasecmp (alg, "md5") == 0 ? G_CHECKSUM_MD5
                                                                            : G_CHECKSUM_SHA256,
                                        input, -1);
}

/**
 * credence_ob2_identity_matches:
 * @recipient: an Open Badges IdentityObject (2.0 model)
 * @identity: one of the learner's identities
 *
 * Plain identities compare exactly, emails trimmed and case-insensitively.
 * Hashed identities (`sha256$`, `md5$`, salted or not) are compared with
 * the hash of the identity as given and, for emails, also trimmed and in
 * lower case: issuers differ in whether they lowercase before hashing.
 *
 * Returns: %TRUE if @identity is the recipient
 */
gboolean
credence_ob2_identity_matches (JsonObject *recipient,
                               const char *identity)
{
  const char *value = str (recipient, "identity");
  const char *type = str (recipient, "type");
  const char *salt = str (recipient, "salt");
  gboolean hashed = FALSE;
  g_autofree char *trimmed = NULL;
  g_autofree char *lower = NULL;
  const char *dollar;

  if (value == NULL || identity == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (identity));
  lower = g_utf8_strdown (trimmed, -1);
  credence_json_object_get_boolean (recipient, "hashed", &hashed);

  if (!hashed)
    {
      g_autofree char *plain = g_strstrip (g_strdup (value));

      if (g_strcmp0 (type, "email") == 0)
        {
          g_autofree char *plain_lower = g_utf8_strdown (plain, -1);

          return g_strcmp0 (plain_lower, lower) == 0;
        }
      return g_strcmp0 (plain, trimmed) == 0;
    }

  dollar = strchr (value, '$');
  if (dollar == NULL)
    return FALSE;
  {
    g_autofree char *alg = g_strndup (value, dollar - value);
    g_autofree char *expected = g_ascii_strdown (dollar + 1, -1);
    const char *candidates[] = { identity, trimmed, lower };

    for (gsize i = 0; i < G_N_ELEMENTS (candidates); i++)
      {
        g_autofree char *got = hash_hex (alg, candidates[i], salt);

        if (g_strcmp0 (got, expected) == 0)
          return TRUE;
      }
  }

  return FALSE;
}

/* check_recipient: one of the learner's identities is the recipient;
 * skipped when none was given.
 */
static void
check_recipient (Run *run)
{
  JsonObject *recipient = credence_json_object_get_object (obj (run->assertion), "recipient");
  const char * const *ids = run->ctx->identities;

  if (ids == NULL || ids[0] == NULL)
    {
      check (run, "recipient", SKIP, NONE, _("No identity was given, so the recipient was not compared."));
      return;
    }

  for (guint i = 0; ids[i] != NULL; i++)
    if (credence_ob2_identity_matches (recipient, ids[i]))
      {
        check (run, "recipient", PASS, NONE, _("The badge was issued to %s."), ids[i]);
        return;
      }

  check (run, "recipient", FAIL, RECIPIENT_MISMATCH, "%s",
         _("It was issued to an address not in Preferences; add that address and check again."));
}

/* Hosted verification */

static gboolean
same_date (JsonNode   *a,
           JsonNode   *b,
           gboolean    lenient)
{
  g_autoptr(GDateTime) da = parse_datetime (a, lenient);
  g_autoptr(GDateTime) db = parse_datetime (b, lenient);

  if (da == NULL || db == NULL)
    return da == db && (a == NULL) == (b == NULL);
  return g_date_time_equal (da, db);
}

static gboolean
same_recipient (JsonObject *a,
                JsonObject *b)
{
  const char *members[] = { "type", "salt" };
  gboolean ha = FALSE, hb = FALSE;

  if (a == NULL || b == NULL)
    return a == b;
  credence_json_object_get_boolean (a, "hashed", &ha);
  credence_json_object_get_boolean (b, "hashed", &hb);
  if (ha != hb || g_ascii_strcasecmp (str (a, "identity") ? str (a, "identity") : "",
                                      str (b, "identity") ? str (b, "identity") : "") != 0)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
    if (g_strcmp0 (str (a, members[i]), str (b, members[i])) != 0)
      return FALSE;
  return TRUE;
}

/* compare_hosted: the baked copy must say what the issuer's copy says. */
static void
compare_hosted (Run *run)
{
  JsonObject *baked = obj (run->baked);
  JsonObject *hosted = obj (run->assertion);
  gboolean lenient = is_legacy (run->version);
  const char *what = NULL;

  if (g_strcmp0 (str (baked, "id"), str (hosted, "id")) != 0)
    what = _("its address");
  else if (!same_recipient (credence_json_object_get_object (baked, "recipient"),
                            credence_json_object_get_object (hosted, "recipient")))
    what = _("its recipient");
  else if (g_strcmp0 (credence_json_node_get_id (credence_json_object_get_node (baked, "badge")),
                      credence_json_node_get_id (credence_json_object_get_node (hosted, "badge"))) != 0)
    what = _("the badge it awards");
  else if (!same_date (credence_json_object_get_node (baked, "issuedOn"),
                       credence_json_object_get_node (hosted, "issuedOn"), lenient)
           || !same_date (credence_json_object_get_node (baked, "expires"),
                          credence_json_object_get_node (hosted, "expires"), lenient))
    what = _("its dates");

  if (what != NULL)
    check (run, "hosted-match", FAIL, HOSTED_MISMATCH,
           _("The issuer’s copy differs in %s; add the badge again from the issuer’s link."), what);
  else
    check (run, "hosted-match", PASS, NONE, _("The badge is the same as the issuer’s copy."));
}

/* check_hosted: fetch the issuer's copy.  Returns FALSE when verification
 * cannot go on (revoked, or nothing to check).
 */
static gboolean
check_hosted (Run *run)
{
  g_autofree char *message = NULL;
  g_autofree char *version = NULL;
  g_autoptr(JsonNode) hosted = NULL;
  CredenceReason reason = CREDENCE_REASON_NONE;
  gboolean revoked = FALSE;
  const char *declared;

  if (!is_http_url (run->hosted_url))
    {
      check (run, "hosted", FAIL, INVALID_DATA,
             _("The badge does not say where the issuer keeps its copy, so it cannot be checked."));
      return FALSE;
    }

  hosted = fetch_node (run, run->hosted_url, CREDENCE_LOADER_FLAGS_FRESH, &reason, &message);
  if (hosted == NULL && reason == CREDENCE_REASON_REVOKED)
    {
      fail_revoked (run, "hosted", NULL);
      return FALSE;
    }
  if (hosted == NULL && reason == CREDENCE_REASON_UNREACHABLE)
    {
      check (run, "hosted", SKIP, UNREACHABLE, _("The issuer’s copy could not be fetched: %s"), message);
      run->hosted_unreachable = TRUE;
      /* Go on with the baked copy: what can be checked still is. */
      return run->baked != NULL;
    }
  if (hosted == NULL || obj (hosted) == NULL)
    {
      check (run, "hosted", FAIL, INVALID_DATA, _("The issuer’s copy is not a badge: %s"),
             message != NULL ? message : _("not a JSON object"));
      return FALSE;
    }

  if (credence_json_object_get_boolean (obj (hosted), "revoked", &revoked) && revoked)
    {
      fail_revoked (run, "hosted", str (obj (hosted), "revocationReason"));
      return FALSE;
    }

  version = credence_ob2_detect_version (obj (hosted));
  run->assertion = upgrade_node (hosted, version, NODE_ASSERTION, run->hosted_url);
  run->hosted_raw = json_node_ref (hosted);
  if (run->baked == NULL)
    {
      g_free (run->version);
      run->version = g_strdup (version);
    }

  declared = str (obj (run->assertion), "id");
  if (g_strcmp0 (declared, run->hosted_url) != 0)
    {
      check (run, "hosted", FAIL, HOSTED_MISMATCH,
             _("The issuer’s copy at %s declares another address, %s."), run->hosted_url,
             declared != NULL ? declared : "?");
      return FALSE;
    }

  check (run, "hosted", PASS, NONE, _("The issuer’s copy was fetched from %s."), run->hosted_url);
  if (run->baked != NULL)
    compare_hosted (run);

  return TRUE;
}

static void
run_checks (Run *run)
{
  if (!validate_assertion (run))
    return;

  validate_badge_class (run);
  validate_issuer (run);

  if (run->is_signed)
    {
      check_key_ownership (run);
      check_revocation_list (run);
    }
  else
    check_origin (run);

  check_dates (run);
  check_recipient (run);
}

static void
run_init (Run                         *run,
          const CredenceVerifyContext *ctx)
{
  memset (run, 0, sizeof *run);
  run->ctx = ctx;
  run->report = ctx->report;
}

/* verify_input: is it an Open Badges assertion at all, and which version. */
static gboolean
verify_input (Run      *run,
              JsonNode *node)
{
  JsonObject *object = obj (node);

  if (object == NULL
      || (credence_json_object_get_node (object, "recipient") == NULL
          && !credence_json_node_has_string (credence_json_object_get_node (object, "type"), "Assertion")))
    {
      check (run, "input", FAIL, NOT_A_BADGE, _("This is not an Open Badges assertion."));
      return FALSE;
    }

  run->version = credence_ob2_detect_version (object);
  credence_verification_set_spec (run->report, run->version);
  check (run, "input", PASS, NONE, _("An Open Badges %s badge."), run->version);
  return TRUE;
}

/**
 * credence_ob2_verify_json:
 * @ctx: the verification context; checks go to @ctx->report
 * @assertion: a hosted assertion (0.5–2.0) as the learner holds it
 *
 * Hosted verification: the issuer's copy at the assertion's `id` (1.0:
 * `verify.url`) is fetched and is what the checks use.
 */
void
credence_ob2_verify_json (const CredenceVerifyContext *ctx,
                          JsonNode                    *assertion)
{
  Run run;
  JsonObject *verification;

  run_init (&run, ctx);

  if (verify_input (&run, assertion))
    {
      credence_verification_set_format (run.report, "hosted");
      run.baked = upgrade_node (assertion, run.version, NODE_ASSERTION, NULL);
      verification = credence_json_object_get_object (obj (run.baked), "verification");

      if (g_strcmp0 (str (verification, "type"), "SignedBadge") == 0)
        {
          credence_verification_set_format (run.report, "signed");
          check (&run, "jws", FAIL, INVALID_DATA,
                 _("The badge says it is signed, but it came without its signature."));
        }
      else
        {
          run.hosted_url = g_strdup (str (obj (run.baked), "id"));
          if (!is_http_url (run.hosted_url))
            {
              g_free (run.hosted_url);
              run.hosted_url = g_strdup (str (verification, "url"));
            }

          if (check_hosted (&run))
            {
              if (run.assertion == NULL)
                run.assertion = deep_copy (run.baked);
              run_checks (&run);
            }
        }
    }

  run_clear (&run);
}

/**
 * credence_ob2_verify_url:
 * @ctx: the verification context
 * @url: the URL of a hosted assertion
 *
 * Hosted verification of a badge known only by its URL (OB 0.5–1.0 PNGs
 * carry just that).
 */
void
credence_ob2_verify_url (const CredenceVerifyContext *ctx,
                         const char                  *url)
{
  Run run;

  run_init (&run, ctx);
  credence_verification_set_format (run.report, "hosted");
  run.hosted_url = g_strdup (url);
  run.version = g_strdup ("2.0");

  if (check_hosted (&run) && run.assertion != NULL)
    {
      g_clear_pointer (&run.version, g_free);
      if (verify_input (&run, run.hosted_raw))
        run_checks (&run);
    }

  run_clear (&run);
}

/* verify_jws_input: a compact JWS, RS256, whose payload is an assertion. */
static gboolean
verify_jws_input (Run        *run,
                  const char *compact)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) payload = NULL;

  run->jws = credence_jws_parse (compact, &error);
  if (run->jws == NULL && g_error_matches (error, CREDENCE_JWS_ERROR, CREDENCE_JWS_ERROR_ALGORITHM))
    {
      check (run, "jws", FAIL, BAD_SIGNATURE, "%s", error->message);
      return FALSE;
    }
  if (run->jws == NULL)
    {
      check (run, "jws", FAIL, INVALID_DATA, "%s", error->message);
      return FALSE;
    }
  /* Open Badges 2.0 signs with RS256 only; anything else is refused. */
  if (credence_jws_get_algorithm (run->jws) != CREDENCE_SIGNATURE_RS256)
    {
      check (run, "jws", FAIL, BAD_SIGNATURE, "%s",
             _("The badge is not signed with RS256, the only algorithm Open Badges 2.0 uses."));
      return FALSE;
    }
  if (credence_jws_get_payload (run->jws) == NULL)
    {
      check (run, "jws", FAIL, INVALID_DATA, _("The signed badge has no content."));
      return FALSE;
    }

  payload = credence_json_parse_bytes (credence_jws_get_payload (run->jws), &error);
  if (payload == NULL)
    {
      check (run, "jws", FAIL, INVALID_DATA, _("The signed badge’s content is not JSON: %s"),
             error->message);
      return FALSE;
    }
  check (run, "jws", PASS, NONE, _("A compact JWS signed with RS256."));

  if (!verify_input (run, payload))
    return FALSE;

  run->assertion = upgrade_node (payload, run->version, NODE_ASSERTION, NULL);
  return TRUE;
}

/**
 * credence_ob2_verify_jws:
 * @ctx: the verification context
 * @compact: a compact JWS whose payload is an Open Badges assertion
 *
 * Signed verification.
 */
void
credence_ob2_verify_jws (const CredenceVerifyContext *ctx,
                         const char                  *compact)
{
  Run run;

  run_init (&run, ctx);
  run.is_signed = TRUE;
  credence_verification_set_format (run.report, "signed");

  if (verify_jws_input (&run, compact))
    run_checks (&run);

  run_clear (&run);
}
