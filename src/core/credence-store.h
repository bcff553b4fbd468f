/* credence-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CREDENCE_STORE_ERROR (credence_store_error_quark ())

/**
 * CredenceStoreError:
 * @CREDENCE_STORE_ERROR_NO_CIPHER: the SQLite library in use cannot encrypt
 *   (it is not SQLCipher); Credence refuses to write plaintext.
 * @CREDENCE_STORE_ERROR_WRONG_KEY: the key or passphrase does not open the
 *   collection (or the file is not a Credence collection).
 * @CREDENCE_STORE_ERROR_IO: the file could not be created, read or written
 *   (full disk, read-only folder…).
 * @CREDENCE_STORE_ERROR_FAILED: the database reported an error.
 * @CREDENCE_STORE_ERROR_NEEDS_PASSPHRASE: the collection is protected by a
 *   passphrase (or no keyring exists to hold a key): open it with
 *   credence_store_open_with_passphrase().
 * @CREDENCE_STORE_ERROR_NOT_FOUND: no badge or identity has that id.
 * @CREDENCE_STORE_ERROR_CORRUPT: the file is damaged.
 * @CREDENCE_STORE_ERROR_INVALID: a value given to the store is not valid
 *   (an unknown identity type, an empty passphrase…).
 *
 * Errors from the encrypted collection.
 */
typedef enum
{
  CREDENCE_STORE_ERROR_NO_CIPHER,
  CREDENCE_STORE_ERROR_WRONG_KEY,
  CREDENCE_STORE_ERROR_IO,
  CREDENCE_STORE_ERROR_FAILED,
  CREDENCE_STORE_ERROR_NEEDS_PASSPHRASE,
  CREDENCE_STORE_ERROR_NOT_FOUND,
  CREDENCE_STORE_ERROR_CORRUPT,
  CREDENCE_STORE_ERROR_INVALID,
} CredenceStoreError;

#define CREDENCE_STORE_FILE_NAME "collection.db"

/* The newest schema this build writes (PRAGMA user_version). */
#define CREDENCE_STORE_SCHEMA_VERSION 5

/**
 * CredenceStoreDocument:
 * @url: the URL the verifier asked for
 * @final_url: (nullable): the URL after redirects
 * @status: the HTTP status (0 when unknown)
 * @fetched_at: when it was fetched, Unix seconds
 * @media_type: (nullable): the Content-Type the server sent
 * @sha256: (nullable): lowercase hex digest of @bytes; computed by the store
 * @bytes: (nullable): the exact bytes; %NULL in listings
 *
 * A document a badge was verified with ("pinned"), so it can be
 * re-verified offline against exactly what was seen.  The bytes are kept
 * once, by digest, however many badges share them.
 */
typedef struct
{
  char   *url;
  char   *final_url;
  int     status;
  gint64  fetched_at;
  char   *media_type;
  char   *sha256;
  GBytes *bytes;
} CredenceStoreDocument;

/**
 * CredenceStoreVerification:
 * @verified_at: when, Unix seconds
 * @online: %TRUE when documents were fetched, %FALSE for offline
 * @verdict: "valid", "invalid" or "indeterminate"
 * @reason: (nullable): the primary reason code
 * @report: (nullable): the full report, JSON
 *
 * One entry of a badge's verification history.
 */
typedef struct
{
  gint64    verified_at;
  gboolean  online;
  char     *verdict;
  char     *reason;
  char     *report;
} CredenceStoreVerification;

/**
 * CredenceStoreBadge:
 * @uid: the badge's id in the collection (set by the store)
 * @credential_id: (nullable): the assertion or credential id
 * @payload_sha256: lowercase hex digest of @payload (set by the store)
 * @container: "png", "svg", "json", "jws", "jwt", "url"…
 * @spec_version: "0.5" … "3.0"
 * @original: (nullable): the original file bytes; %NULL in listings
 * @payload: (nullable): the exact payload bytes; %NULL in listings
 * @name: (nullable): the achievement's name
 * @description: (nullable): its description
 * @issuer_name: (nullable): the issuer's name
 * @issuer_url: (nullable): the issuer's id or web site
 * @recipient: (nullable): the recipient identity as written in the badge
 * @issued_on: (nullable): ISO 8601
 * @expires_on: (nullable): ISO 8601
 * @image: (nullable): the image URL or data URI
 * @source: (nullable): the file name or URL it was imported from
 * @added_at: when it was added, Unix seconds (set by the store when 0)
 * @verdict: (nullable): the latest verdict
 * @reason: (nullable): the latest reason code
 * @verified_at: when it was last verified, Unix seconds, 0 never
 * @duplicate: set by credence_store_add_badges() when the badge was
 *   already in the collection
 * @history: (element-type CredenceStoreVerification) (nullable): the
 *   verification history, oldest first; filled by credence_store_get_badge()
 * @documents: (element-type CredenceStoreDocument) (nullable): the pinned
 *   documents; filled by credence_store_get_badge()
 *
 * A badge as the collection keeps it: plain values, so that the store
 * does not depend on the badge model.  To add one, fill the fields, put
 * the verification(s) in @history and the documents in @documents.
 */
typedef struct
{
  char      *uid;
  char      *credential_id;
  char      *payload_sha256;
  char      *container;
  char      *spec_version;
  GBytes    *original;
  GBytes    *payload;
  char      *name;
  char      *description;
  char      *issuer_name;
  char      *issuer_url;
  char      *recipient;
  char      *issued_on;
  char      *expires_on;
  char      *image;
  char      *source;
  gint64     added_at;
  char      *verdict;
  char      *reason;
  gint64     verified_at;
  gboolean   duplicate;
  GPtrArray *history;
  GPtrArray *documents;
} CredenceStoreBadge;

/**
 * CredenceStoreIdentityType:
 *
 * The kinds of address a badge can be issued to.
 */
typedef enum
{
  CREDENCE_STORE_IDENTITY_EMAIL,
  CREDENCE_STORE_IDENTITY_URL,
  CREDENCE_STORE_IDENTITY_TELEPHONE,
  CREDENCE_STORE_IDENTITY_DID,
} CredenceStoreIdentityType;

/**
 * CredenceStoreIdentity:
 * @type: the kind of address
 * @value: the address
 * @primary: whether it is the owner's primary identity
 *
 * One of the owner's identities.
 */
typedef struct
{
  CredenceStoreIdentityType  type;
  char                      *value;
  gboolean                   primary;
} CredenceStoreIdentity;

/**
 * CredenceStoreRestoreMode:
 * @CREDENCE_STORE_RESTORE_MERGE: add the backup's badges, documents,
 *   history and identities to the collection
 * @CREDENCE_STORE_RESTORE_REPLACE: the collection becomes the backup
 */
typedef enum
{
  CREDENCE_STORE_RESTORE_MERGE,
  CREDENCE_STORE_RESTORE_REPLACE,
} CredenceStoreRestoreMode;

#define CREDENCE_TYPE_STORE_DOCUMENT     (credence_store_document_get_type ())
#define CREDENCE_TYPE_STORE_VERIFICATION (credence_store_verification_get_type ())
#define CREDENCE_TYPE_STORE_BADGE        (credence_store_badge_get_type ())
#define CREDENCE_TYPE_STORE_IDENTITY     (credence_store_identity_get_type ())

GType                      credence_store_document_get_type     (void) G_GNUC_CONST;
CredenceStoreDocument     *credence_store_document_new          (const char     *url,
                                                                 GBytes         *bytes) G_GNUC_WARN_UNUSED_RESULT;
CredenceStoreDocument     *credence_store_document_copy         (const CredenceStoreDocument *self) G_GNUC_WARN_UNUSED_RESULT;
void                       credence_store_document_free         (CredenceStoreDocument *self);

GType                      credence_store_verification_get_type (void) G_GNUC_CONST;
CredenceStoreVerification *credence_store_verification_new      (gint64          verified_at,
                                                                 gboolean        online,
                                                                 const char     *verdict,
                                                                 const char     *reason,
                                                                 const char     *report) G_GNUC_WARN_UNUSED_RESULT;
CredenceStoreVerification *credence_store_verification_copy     (const CredenceStoreVerification *self) G_GNUC_WARN_UNUSED_RESULT;
void                       credence_store_verification_free     (CredenceStoreVerification *self);

GType                      credence_store_badge_get_type        (void) G_GNUC_CONST;
CredenceStoreBadge        *credence_store_badge_new             (void) G_GNUC_WARN_UNUSED_RESULT;
CredenceStoreBadge        *credence_store_badge_copy            (const CredenceStoreBadge *self) G_GNUC_WARN_UNUSED_RESULT;
void                       credence_store_badge_free            (CredenceStoreBadge *self);
void                       credence_store_badge_add_verification (CredenceStoreBadge        *self,
                                                                  CredenceStoreVerification *verification);
void                       credence_store_badge_add_document    (CredenceStoreBadge    *self,
                                                                 CredenceStoreDocument *document);

GType                      credence_store_identity_get_type     (void) G_GNUC_CONST;
CredenceStoreIdentity     *credence_store_identity_copy         (const CredenceStoreIdentity *self) G_GNUC_WARN_UNUSED_RESULT;
void                       credence_store_identity_free         (CredenceStoreIdentity *self);
const char                *credence_store_identity_type_to_string (CredenceStoreIdentityType  type);
gboolean                   credence_store_identity_type_from_string (const char                *str,
                                                                     CredenceStoreIdentityType *type);
gboolean                   credence_store_identity_parse        (const char                 *address,
                                                                 CredenceStoreIdentityType  *type,
                                                                 char                      **value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredenceStoreDocument, credence_store_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredenceStoreVerification, credence_store_verification_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredenceStoreBadge, credence_store_badge_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredenceStoreIdentity, credence_store_identity_free)

#define CREDENCE_TYPE_STORE (credence_store_get_type ())

G_DECLARE_FINAL_TYPE (CredenceStore, credence_store, CREDENCE, STORE, GObject)

GQuark         credence_store_error_quark         (void);

CredenceStore *credence_store_open                (const char           *path,
                                                   GBytes               *key,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void           credence_store_open_default_async  (const char           *data_dir,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
CredenceStore *credence_store_open_default_finish (GAsyncResult         *result,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
CredenceStore *credence_store_open_default        (const char           *data_dir,
                                                   GCancellable         *cancellable,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
CredenceStore *credence_store_open_with_passphrase (const char          *data_dir,
                                                    const char          *passphrase,
                                                    GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean       credence_store_exists              (const char           *data_dir);
gboolean       credence_store_uses_passphrase     (const char           *data_dir);

gboolean       credence_store_set_passphrase      (CredenceStore        *self,
                                                   const char           *passphrase,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
gboolean       credence_store_use_keyring         (CredenceStore        *self,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

const char    *credence_store_get_path            (CredenceStore        *self);
char          *credence_store_dup_cipher_version  (CredenceStore        *self) G_GNUC_WARN_UNUSED_RESULT;
int            credence_store_get_schema_version  (CredenceStore        *self);
gboolean       credence_store_check_integrity     (CredenceStore        *self,
                                                   GError              **error);

gboolean       credence_store_set_meta            (CredenceStore        *self,
                                                   const char           *key,
                                                   const char           *value,
                                                   GError              **error);
char          *credence_store_dup_meta            (CredenceStore        *self,
                                                   const char           *key,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* Badges */
gboolean       credence_store_add_badges          (CredenceStore        *self,
                                                   GPtrArray            *badges,
                                                   GError              **error);
gboolean       credence_store_add_badge           (CredenceStore        *self,
                                                   CredenceStoreBadge   *badge,
                                                   GError              **error);
GPtrArray     *credence_store_list_badges         (CredenceStore        *self,
                                                   const char           *search,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
CredenceStoreBadge *credence_store_get_badge      (CredenceStore        *self,
                                                   const char           *uid,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
char          *credence_store_find_badge          (CredenceStore        *self,
                                                   const char           *credential_id,
                                                   GBytes               *payload,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean       credence_store_remove_badge        (CredenceStore        *self,
                                                   const char           *uid,
                                                   GError              **error);
gint64         credence_store_count_badges        (CredenceStore        *self,
                                                   GError              **error);
gboolean       credence_store_add_verification    (CredenceStore        *self,
                                                   const char           *uid,
                                                   CredenceStoreVerification *verification,
                                                   GPtrArray            *documents,
                                                   CredenceStoreBadge   *listing,
                                                   GError              **error);

/* Identities of the owner */
gboolean       credence_store_add_identity        (CredenceStore        *self,
                                                   CredenceStoreIdentityType type,
                                                   const char           *value,
                                                   gboolean              primary,
                                                   GError              **error);
gboolean       credence_store_remove_identity     (CredenceStore        *self,
                                                   CredenceStoreIdentityType type,
                                                   const char           *value,
                                                   GError              **error);
GPtrArray     *credence_store_list_identities     (CredenceStore        *self,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* Backup */
gboolean       credence_store_backup              (CredenceStore        *self,
                                                   const char           *file,
                                                   const char           *passphrase,
                                                   GError              **error);
gboolean       credence_store_restore             (CredenceStore        *self,
                                                   const char           *file,
                                                   const char           *passphrase,
                                                   CredenceStoreRestoreMode mode,
                                                   GError              **error);

G_END_DECLS
