/* credence-did.c: DIDs and verification methods.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-did"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-did.h"
#include "credence-json.h"
#include "credence-multibase.h"

G_DEFINE_QUARK (credence-did-error-quark, credence_did_error)

/* Relationships and the map that lists every method of a document. */
static const char *method_lists[] = {
  "verificationMethod", "assertionMethod", "authentication",
  "capabilityInvocation", "capabilityDelegation", "keyAgreement", "publicKey",
};

void
credence_verification_method_free (CredenceVerificationMethod *method)
{
  if (method == NULL)
    return;
  g_free (method->id);
  g_free (method->controller);
  g_clear_object (&method->key);
  g_free (method);
}

static gboolean
is_unreserved_host_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.';
}

/**
 * credence_did_web_to_url:
 * @did: a `did:web` DID (no fragment, no query)
 * @error: return location for a #GError
 *
 * Maps @did to the URL of its DID document (did:web §Read): colons become
 * slashes, `%3A` in the host is a port, a bare host uses
 * `/.well-known/did.json`, otherwise `/<path>/did.json`.
 *
 * Returns: (transfer full): the https URL, or %NULL with @error set
 */
char *
credence_did_web_to_url (const char  *did,
                         GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *host = NULL;
  GString *url;

  if (!g_str_has_prefix (did, "did:web:") || strpbrk (did, "#?/") != NULL)
    goto invalid;

  parts = g_strsplit (did + strlen ("did:web:"), ":", -1);
  if (parts[0] == NULL || parts[0][0] == '\0')
    goto invalid;

  host = g_uri_unescape_string (parts[0], NULL);
  if (host == NULL || host[0] == '\0')
    goto invalid;
  {
    /* host[:port], nothing else. */
    const char *colon = strchr (host, ':');

    for (const char *p = host; p < (colon != NULL ? colon : host + strlen (host)); p++)
      if (!is_unreserved_host_char (*p))
        goto invalid;
    if (colon != NULL)
      {
        if (colon[1] == '\0')
          goto invalid;
        for (const char *p = colon + 1; *p != '\0'; p++)
          if (!g_ascii_isdigit (*p))
            goto invalid;
      }
  }

  url = g_string_new ("https://");
  g_string_append (url, host);

  if (parts[1] == NULL)
    {
      g_string_append (url, "/.well-known");
    }
  else
    {
      for (guint i = 1; parts[i] != NULL; i++)
        {
          g_autofree char *segment = g_uri_unescape_string (parts[i], "/");

          if (segment == NULL || segment[0] == '\0' || strcmp (segment, ".") == 0
              || strcmp (segment, "..") == 0)
            {
              g_string_free (url, TRUE);
              goto invalid;
            }
          g_string_append_c (url, '/');
          g_string_append (url, parts[i]);
        }
    }
  g_string_append (url, "/did.json");

  return g_string_free (url, FALSE);

invalid:
  g_set_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_INVALID,
               _("“%s” is not a valid did:web identifier"), did);
  return NULL;
}

static char *
absolute_id (const char *id,
             const char *base_id)
{
  if (id == NULL)
    return NULL;
  if (id[0] == '#' && base_id != NULL)
    {
      g_autofree char *base = g_strdup (base_id);
      char *hash = strchr (base, '#');

      if (hash != NULL)
        *hash = '\0';
      return g_strconcat (base, id, NULL);
    }
  return g_strdup (id);
}

/**
 * credence_verification_method_from_json:
 * @object: a verification method: `Multikey` or
 *   `Ed25519VerificationKey2020` (`publicKeyMultibase`),
 *   `Ed25519VerificationKey2018` (`publicKeyBase58`), `JsonWebKey2020` or
 *   `JsonWebKey` (`publicKeyJwk`)
 * @base_id: (nullable): the document id, for relative method ids
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the method, or %NULL with @error set
 */
CredenceVerificationMethod *
credence_verification_method_from_json (JsonObject  *object,
                                        const char  *base_id,
                                        GError     **error)
{
  g_autoptr(CredenceVerificationMethod) method = g_new0 (CredenceVerificationMethod, 1);
  const char *multibase = credence_json_object_get_string (object, "publicKeyMultibase");
  const char *base58 = credence_json_object_get_string (object, "publicKeyBase58");
  JsonObject *jwk = credence_json_object_get_object (object, "publicKeyJwk");
  g_autoptr(GError) local_error = NULL;

  method->id = absolute_id (credence_json_object_get_string (object, "id"), base_id);
  method->controller = absolute_id (credence_json_object_get_string (object, "controller"), base_id);

  if (multibase != NULL)
    {
      method->key = credence_public_key_new_multikey (multibase, &local_error);

      /* Some Ed25519VerificationKey2020 keys carry no multicodec header. */
      if (method->key == NULL && multibase[0] == 'z')
        {
          g_autoptr(GBytes) raw = credence_multibase_decode (multibase, NULL);

          if (raw != NULL && g_bytes_get_size (raw) == 32)
            {
              g_clear_error (&local_error);
              method->key = credence_public_key_new_ed25519 (g_bytes_get_data (raw, NULL), 32, &local_error);
            }
        }
    }
  else if (base58 != NULL)
    {
      g_autoptr(GBytes) raw = credence_base58btc_decode (base58, -1, &local_error);

      if (raw != NULL)
        method->key = credence_public_key_new_ed25519 (g_bytes_get_data (raw, NULL),
                                                       g_bytes_get_size (raw), &local_error);
    }
  else if (jwk != NULL)
    {
      method->key = credence_public_key_new_jwk (jwk, &local_error);
    }
  else
    {
      g_set_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_UNSUPPORTED,
                   _("The verification method “%s” has no public key Credence can read"),
                   method->id != NULL ? method->id : "");
      return NULL;
    }

  if (method->key == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&method);
}

/* Finds the method object with @id in any list of @doc. */
static JsonObject *
find_method (JsonObject *doc,
             const char *doc_id,
             const char *id)
{
  for (guint l = 0; l < G_N_ELEMENTS (method_lists); l++)
    {
      JsonNode *node = json_object_get_member (doc, method_lists[l]);
      JsonArray *array = credence_json_node_get_array (node);
      guint n = array != NULL ? json_array_get_length (array) : (node != NULL ? 1 : 0);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *item = array != NULL ? json_array_get_element (array, i) : node;
          JsonObject *object = credence_json_node_get_object (item);
          g_autofree char *item_id = NULL;

          if (object == NULL)
            continue;
          item_id = absolute_id (credence_json_object_get_string (object, "id"), doc_id);
          if (g_strcmp0 (item_id, id) == 0)
            return object;
        }
    }
  return NULL;
}

/* Whether @doc lists @id (by reference or embedded) under @relationship. */
static gboolean
lists_method (JsonObject *doc,
              const char *doc_id,
              const char *relationship,
              const char *id)
{
  JsonNode *node = json_object_get_member (doc, relationship);
  JsonArray *array = credence_json_node_get_array (node);
  guint n = array != NULL ? json_array_get_length (array) : (node != NULL ? 1 : 0);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = array != NULL ? json_array_get_element (array, i) : node;
      g_autofree char *item_id = absolute_id (credence_json_node_get_id (item), doc_id);

      if (g_strcmp0 (item_id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The single method listed under @relationship, for DID URLs without a
 * fragment (did:web:example.com used as a verification method). */
static char *
only_listed_method (JsonObject *doc,
                    const char *doc_id,
                    const char *relationship)
{
  JsonNode *node = json_object_get_member (doc, relationship);
  JsonArray *array = credence_json_node_get_array (node);

  if (array != NULL && json_array_get_length (array) == 1)
    node = json_array_get_element (array, 0);
  else if (array != NULL)
    return NULL;

  return node != NULL ? absolute_id (credence_json_node_get_id (node), doc_id) : NULL;
}

static JsonObject *
fetch_object (const char             *url,
              CredenceFetchJsonFunc   fetch,
              gpointer                user_data,
              JsonNode              **out_root,
              GError                **error)
{
  JsonNode *root = fetch (url, user_data, error);
  JsonObject *object;

  if (root == NULL)
    return NULL;
  object = credence_json_node_get_object (root);
  if (object == NULL)
    {
      json_node_unref (root);
      g_set_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_INVALID,
                   _("The document at %s is not a JSON object"), url);
      return NULL;
    }
  *out_root = root;
  return object;
}

/* Resolves a method inside a controller document @doc whose id is
 * @doc_id, checking the relationship. */
static CredenceVerificationMethod *
method_from_controller_document (JsonObject  *doc,
                                 const char  *doc_id,
                                 const char  *url,
                                 const char  *relationship,
                                 GError     **error)
{
  g_autofree char *wanted = NULL;
  JsonObject *object;
  CredenceVerificationMethod *method;

  if (strchr (url, '#') == NULL && relationship != NULL)
    wanted = only_listed_method (doc, doc_id, relationship);
  if (wanted == NULL)
    wanted = g_strdup (url);

  object = find_method (doc, doc_id, wanted);
  if (object == NULL)
    {
      g_set_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_NOT_FOUND,
                   _("The document of %s does not contain the key %s"), doc_id, wanted);
      return NULL;
    }
  if (relationship != NULL && !lists_method (doc, doc_id, relationship, wanted))
    {
      g_set_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_NOT_AUTHORIZED,
                   _("%s does not authorize the key %s for %s"), doc_id, wanted, relationship);
      return NULL;
    }

  method = credence_verification_method_from_json (object, doc_id, error);
  if (method == NULL)
    return NULL;

  /* The document that authorizes the method is its controller for our
   * purposes, whatever the method's own controller member says. */
  g_free (method->controller);
  method->controller = g_strdup (doc_id);
  g_free (method->id);
  method->id = g_strdup (wanted);
  return method;
}

/* did:key keys decoded before (P-256 and P-384 keys need a square root
 * mod p to decompress); bounded, shared between threads. */
#define DID_KEY_CACHE_SIZE 256

static GMutex did_key_lock;
static GHashTable *did_key_cache;

static CredencePublicKey *
did_key_lookup (const char  *mb,
                GError     **error)
{
  CredencePublicKey *key;

  g_mutex_lock (&did_key_lock);
  if (did_key_cache == NULL)
    did_key_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  key = g_hash_table_lookup (did_key_cache, mb);
  if (key != NULL)
    g_object_ref (key);
  g_mutex_unlock (&did_key_lock);
  if (key != NULL)
    return key;

  key = credence_public_key_new_multikey (mb, error);
  if (key == NULL)
    return NULL;

  g_mutex_lock (&did_key_lock);
  if (g_hash_table_size (did_key_cache) >= DID_KEY_CACHE_SIZE)
    g_hash_table_remove_all (did_key_cache);
  g_hash_table_replace (did_key_cache, g_strdup (mb), g_object_ref (key));
  g_mutex_unlock (&did_key_lock);
  return key;
}

static CredenceVerificationMethod *
resolve_did_key (const char  *did,
                 const char  *fragment,
                 GError     **error)
{
  const char *mb = did + strlen ("did:key:");
  g_autoptr(CredenceVerificationMethod) method = g_new0 (CredenceVerificationMethod, 1);

  if (fragment != NULL && strcmp (fragment, mb) != 0)
    {
      g_set_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_NOT_FOUND,
                   _("The DID %s has no key #%s"), did, fragment);
      return NULL;
    }
  method->key = did_key_lookup (mb, error);
  if (method->key == NULL)
    return NULL;
  method->id = g_strconcat (did, "#", mb, NULL);
  method->controller = g_strdup (did);
  return g_steal_pointer (&method);
}

static CredenceVerificationMethod *
resolve_did_jwk (const char  *did,
                 const char  *fragment,
                 GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CredenceVerificationMethod) method = g_new0 (CredenceVerificationMethod, 1);

  if (fragment != NULL && strcmp (fragment, "0") != 0)
    {
      g_set_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_NOT_FOUND,
                   _("The DID %s has no key #%s"), did, fragment);
      return NULL;
    }
  bytes = credence_base64url_decode (did + strlen ("did:jwk:"), -1, NULL);
  if (bytes != NULL)
    root = credence_json_parse_bytes (bytes, NULL);
  if (credence_json_node_get_object (root) == NULL)
    {
      g_set_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_INVALID,
                   _("The did:jwk identifier does not hold a JSON Web Key"));
      return NULL;
    }
  method->key = credence_public_key_new_jwk (json_node_get_object (root), error);
  if (method->key == NULL)
    return NULL;
  method->id = g_strconcat (did, "#0", NULL);
  method->controller = g_strdup (did);
  return g_steal_pointer (&method);
}

/* Checks that the controller @controller lists @id under @relationship. */
static gboolean
controller_authorizes (const char             *controller,
                       const char             *id,
                       const char             *relationship,
                       CredenceFetchJsonFunc   fetch,
                       gpointer                user_data,
                       GError                **error)
{
  g_autofree char *url = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *doc;
  const char *doc_id;

  if (g_str_has_prefix (controller, "did:web:"))
    url = credence_did_web_to_url (controller, error);
  else if (g_str_has_prefix (controller, "https://") || g_str_has_prefix (controller, "http://"))
    url = g_strndup (controller, strcspn (controller, "#"));
  else
    g_set_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_UNSUPPORTED,
                 _("The key controller %s cannot be resolved"), controller);
  if (url == NULL)
    return FALSE;

  doc = fetch_object (url, fetch, user_data, &root, error);
  if (doc == NULL)
    return FALSE;
  doc_id = credence_json_object_get_string (doc, "id");
  if (g_strcmp0 (doc_id, controller) != 0 || !lists_method (doc, doc_id, relationship, id))
    {
      g_set_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_NOT_AUTHORIZED,
                   _("%s does not authorize the key %s for %s"), controller, id, relationship);
      return FALSE;
    }
  return TRUE;
}

static CredenceVerificationMethod *
resolve_url (const char             *url,
             const char             *base,
             const char             *relationship,
             CredenceFetchJsonFunc   fetch,
             gpointer                user_data,
             GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *doc = fetch_object (base, fetch, user_data, &root, error);
  const char *doc_id;
  g_autoptr(CredenceVerificationMethod) method = NULL;

  if (doc == NULL)
    return NULL;
  doc_id = credence_json_object_get_string (doc, "id");

  /* A bare JWK (a VC-JWT `kid` may point at one). */
  if (json_object_has_member (doc, "kty"))
    {
      method = g_new0 (CredenceVerificationMethod, 1);
      method->key = credence_public_key_new_jwk (doc, error);
      if (method->key == NULL)
        return NULL;
      method->id = g_strdup (url);
      return g_steal_pointer (&method);
    }

  /* The document is the verification method itself. */
  if (doc_id != NULL && (strcmp (doc_id, url) == 0 || strcmp (doc_id, base) == 0)
      && (json_object_has_member (doc, "publicKeyMultibase")
          || json_object_has_member (doc, "publicKeyJwk")
          || json_object_has_member (doc, "publicKeyBase58")))
    {
      method = credence_verification_method_from_json (doc, base, error);
      if (method == NULL)
        return NULL;
      if (relationship != NULL)
        {
          if (method->controller == NULL)
            {
              g_set_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_NOT_AUTHORIZED,
                           _("The key %s names no controller"), url);
              return NULL;
            }
          if (!controller_authorizes (method->controller, method->id, relationship,
                                      fetch, user_data, error))
            return NULL;
        }
      return g_steal_pointer (&method);
    }

  /* A controller document holding the method. */
  if (doc_id == NULL)
    doc_id = base;
  else if (strcmp (doc_id, base) != 0)
    {
      g_set_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_NOT_AUTHORIZED,
                   _("The document at %s claims to be %s"), base, doc_id);
      return NULL;
    }
  return method_from_controller_document (doc, doc_id, url, relationship, error);
}

/**
 * credence_did_resolve_verification_method:
 * @url: a verification method: a DID URL (`did:key`, `did:web`, `did:jwk`)
 *   or an http(s) URL
 * @relationship: (nullable): the verification relationship the method
 *   must have in its controller document (`assertionMethod` for
 *   credentials), or %NULL to skip that check
 * @fetch: fetches documents (did:web DID documents, key and controller
 *   documents); never called for did:key and did:jwk
 * @user_data: data for @fetch
 * @error: return location for a #GError
 *
 * Resolves @url to a public key and its controller.  The key is never
 * taken from a URL fragment: a did:web or http(s) key must be published by
 * its controller.
 *
 * Returns: (transfer full): the method, or %NULL with @error set
 */
CredenceVerificationMethod *
credence_did_resolve_verification_method (const char             *url,
                                          const char             *relationship,
                                          CredenceFetchJsonFunc   fetch,
                                          gpointer                user_data,
                                          GError                **error)
{
  const char *hash;
  g_autofree char *base = NULL;
  const char *fragment = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  hash = strchr (url, '#');
  base = hash != NULL ? g_strndup (url, hash - url) : g_strdup (url);
  if (hash != NULL)
    fragment = hash + 1;

  if (g_str_has_prefix (base, "did:key:"))
    return resolve_did_key (base, fragment, error);
  if (g_str_has_prefix (base, "did:jwk:"))
    return resolve_did_jwk (base, fragment, error);
  if (g_str_has_prefix (base, "did:web:"))
    {
      g_autofree char *doc_url = credence_did_web_to_url (base, error);
      g_autoptr(JsonNode) root = NULL;
      JsonObject *doc;

      if (doc_url == NULL)
        return NULL;
      doc = fetch_object (doc_url, fetch, user_data, &root, error);
      if (doc == NULL)
        return NULL;
      if (g_strcmp0 (credence_json_object_get_string (doc, "id"), base) != 0)
        {
          g_set_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_NOT_AUTHORIZED,
                       _("The DID document at %s is not the document of %s"), doc_url, base);
          return NULL;
        }
      return method_from_controller_document (doc, base, url, relationship, error);
    }
  if (g_str_has_prefix (base, "did:"))
    {
      g_set_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_UNSUPPORTED,
                   _("The DID method of %s is not supported"), base);
      return NULL;
    }
  if (g_str_has_prefix (base, "https://") || g_str_has_prefix (base, "http://"))
    return resolve_url (url, base, relationship, fetch, user_data, error);

  g_set_error (error, CREDENCE_DID_ERROR, CREDENCE_DID_ERROR_INVALID,
               _("“%s” is not a DID or a web address of a key"), url);
  return NULL;
}
