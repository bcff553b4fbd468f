/* credence-verifier.c: verifies a badge of any Open Badges version.
 *
 * The one entry point for the UI, the CLI and the store: it recognises
 * what the bytes hold, dispatches on the spec version (0.5–2.0 to
 * credence-ob2-verifier.c, 3.0 to credence-ob3-verifier.c) and returns a
 * #CredenceVerification.  The
 * synchronous calls block and are meant for worker threads; the async one
 * runs them in a GTask thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-verifier"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-badge.h"
#include "credence-json.h"
#include "credence-ob2-verifier.h"
#include "credence-ob3-verifier.h"
#include "credence-verifier.h"

struct _CredenceVerifier
{
  GObject          parent_instance;

  CredenceLoader  *loader;
  GStrv            identities;
  GDateTime       *at;
};

G_DEFINE_FINAL_TYPE (CredenceVerifier, credence_verifier, G_TYPE_OBJECT)

static void
credence_verifier_finalize (GObject *object)
{
  CredenceVerifier *self = CREDENCE_VERIFIER (object);

  g_clear_object (&self->loader);
  g_strfreev (self->identities);
  g_clear_pointer (&self->at, g_date_time_unref);

  G_OBJECT_CLASS (credence_verifier_parent_class)->finalize (object);
}

static void
credence_verifier_class_init (CredenceVerifierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = credence_verifier_finalize;
}

static void
credence_verifier_init (CredenceVerifier *self)
{
}

/**
 * credence_verifier_new:
 * @loader: the loader to fetch documents with (its offline setting and URL
 *   maps apply)
 *
 * Configure the verifier before using it from several threads.
 *
 * Returns: (transfer full): a new verifier
 */
CredenceVerifier *
credence_verifier_new (CredenceLoader *loader)
{
  CredenceVerifier *self;

  g_return_val_if_fail (CREDENCE_IS_LOADER (loader), NULL);

  self = g_object_new (CREDENCE_TYPE_VERIFIER, NULL);
  self->loader = g_object_ref (loader);
  return self;
}

CredenceLoader *
credence_verifier_get_loader (CredenceVerifier *self)
{
  g_return_val_if_fail (CREDENCE_IS_VERIFIER (self), NULL);

  return self->loader;
}

/**
 * credence_verifier_set_identities:
 * @identities: (nullable) (array zero-terminated=1): the learner's email
 *   addresses, URLs and telephone numbers
 *
 * Without identities the recipient check is skipped.
 */
void
credence_verifier_set_identities (CredenceVerifier   *self,
                                  const char * const *identities)
{
  g_return_if_fail (CREDENCE_IS_VERIFIER (self));

  g_strfreev (self->identities);
  self->identities = g_strdupv ((GStrv) identities);
}

/**
 * credence_verifier_dup_offline:
 *
 * A verifier like @self (the same identities and time) that uses no
 * network: @self itself when its loader is offline.
 *
 * Returns: (transfer full): an offline verifier
 */
CredenceVerifier *
credence_verifier_dup_offline (CredenceVerifier *self)
{
  g_autoptr(CredenceLoader) loader = NULL;
  CredenceVerifier *copy;

  g_return_val_if_fail (CREDENCE_IS_VERIFIER (self), NULL);

  if (credence_loader_get_offline (self->loader))
    return g_object_ref (self);

  loader = credence_loader_new ();
  credence_loader_set_offline (loader, TRUE);
  copy = credence_verifier_new (loader);
  copy->identities = g_strdupv (self->identities);
  copy->at = self->at != NULL ? g_date_time_ref (self->at) : NULL;

  return copy;
}

/**
 * credence_verifier_set_time:
 * @at: (nullable): the verification time, or %NULL for the current time
 */
void
credence_verifier_set_time (CredenceVerifier *self,
                            GDateTime        *at)
{
  g_return_if_fail (CREDENCE_IS_VERIFIER (self));

  g_clear_pointer (&self->at, g_date_time_unref);
  if (at != NULL)
    self->at = g_date_time_ref (at);
}

static CredenceVerification *
begin (CredenceVerifier       *self,
       CredenceVerifyContext  *ctx,
       CredenceDocumentSet    *pins,
       GCancellable           *cancellable)
{
  CredenceVerification *report = credence_verification_new ();

  credence_verification_set_offline (report, credence_loader_get_offline (self->loader));
  ctx->loader = self->loader;
  ctx->pins = pins;
  ctx->now = self->at != NULL ? g_date_time_ref (self->at) : g_date_time_new_now_utc ();
  ctx->identities = (const char * const *) self->identities;
  ctx->cancellable = cancellable;
  ctx->report = report;

  return report;
}

static void
fail_input (CredenceVerifyContext *ctx,
            CredenceReason         reason,
            const char            *message)
{
  credence_verification_add_check (ctx->report, "input", CREDENCE_CHECK_FAIL, reason, "%s", message);
}

static void
verify_badge (CredenceVerifyContext *ctx,
              CredenceBadge         *badge)
{
  GBytes *payload = credence_badge_get_payload (badge);

  switch (credence_badge_get_format (badge))
    {
    case CREDENCE_BADGE_FORMAT_HOSTED:
      credence_ob2_verify_json (ctx, credence_badge_get_json (badge));
      break;

    case CREDENCE_BADGE_FORMAT_SIGNED:
      {
        g_autofree char *compact = g_strndup (g_bytes_get_data (payload, NULL),
                                              g_bytes_get_size (payload));

        credence_ob2_verify_jws (ctx, compact);
      }
      break;

    case CREDENCE_BADGE_FORMAT_URL_ONLY:
      credence_ob2_verify_url (ctx, credence_badge_get_url (badge));
      break;

    case CREDENCE_BADGE_FORMAT_VC_JWT:
      {
        g_autofree char *compact = g_strndup (g_bytes_get_data (payload, NULL),
                                              g_bytes_get_size (payload));

        credence_ob3_verify_jwt (ctx, g_strstrip (compact));
      }
      break;

    case CREDENCE_BADGE_FORMAT_DATA_INTEGRITY:
    case CREDENCE_BADGE_FORMAT_UNSIGNED:
    default:
      credence_ob3_verify_json (ctx, credence_badge_get_json (badge));
      break;
    }
}

/**
 * credence_verifier_verify_bytes:
 * @bytes: a badge file: a baked PNG or SVG, JSON, a compact JWS or a URL
 *   (recognised by credence_badge_new_from_bytes())
 * @pins: (nullable): documents to pin into (online) or read from
 *   (offline)
 * @cancellable: (nullable): a #GCancellable
 *
 * Blocks: call it from a worker thread.
 *
 * Returns: (transfer full): the verification
 */
CredenceVerification *
credence_verifier_verify_bytes (CredenceVerifier    *self,
                                GBytes              *bytes,
                                CredenceDocumentSet *pins,
                                GCancellable        *cancellable)
{
  CredenceVerifyContext ctx;
  CredenceVerification *report;
  g_autoptr(CredenceBadge) badge = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CREDENCE_IS_VERIFIER (self), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  report = begin (self, &ctx, pins, cancellable);

  badge = credence_badge_new_from_bytes (bytes, NULL, &error);
  if (badge != NULL)
    verify_badge (&ctx, badge);
  else if (g_error_matches (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_MALFORMED_IMAGE))
    fail_input (&ctx, CREDENCE_REASON_MALFORMED_IMAGE, error->message);
  else if (g_error_matches (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_A_BADGE)
           || g_error_matches (error, CREDENCE_BADGE_ERROR, CREDENCE_BADGE_ERROR_NOT_SUPPORTED))
    fail_input (&ctx, CREDENCE_REASON_NOT_A_BADGE, error->message);
  else
    fail_input (&ctx, CREDENCE_REASON_INVALID_DATA, error->message);

  g_date_time_unref (ctx.now);
  return report;
}

/**
 * credence_verifier_verify_url:
 * @url: the URL of a hosted badge
 * @pins: (nullable): documents to pin into or read from
 * @cancellable: (nullable): a #GCancellable
 *
 * Blocks: call it from a worker thread.
 *
 * Returns: (transfer full): the verification
 */
CredenceVerification *
credence_verifier_verify_url (CredenceVerifier    *self,
                              const char          *url,
                              CredenceDocumentSet *pins,
                              GCancellable        *cancellable)
{
  CredenceVerifyContext ctx;
  CredenceVerification *report;

  g_return_val_if_fail (CREDENCE_IS_VERIFIER (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  report = begin (self, &ctx, pins, cancellable);
  credence_ob2_verify_url (&ctx, url);
  g_date_time_unref (ctx.now);

  return report;
}

typedef struct
{
  GBytes              *bytes;
  CredenceDocumentSet *pins;
} VerifyData;

static void
verify_data_free (VerifyData *data)
{
  g_bytes_unref (data->bytes);
  g_clear_object (&data->pins);
  g_free (data);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  VerifyData *data = task_data;

  g_task_return_pointer (task,
                         credence_verifier_verify_bytes (source_object, data->bytes, data->pins,
                                                         cancellable),
                         g_object_unref);
}

/**
 * credence_verifier_verify_bytes_async:
 * @bytes: a badge file
 * @pins: (nullable): documents to pin into or read from
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Runs credence_verifier_verify_bytes() in a worker thread.
 */
void
credence_verifier_verify_bytes_async (CredenceVerifier    *self,
                                      GBytes              *bytes,
                                      CredenceDocumentSet *pins,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VerifyData *data;

  g_return_if_fail (CREDENCE_IS_VERIFIER (self));
  g_return_if_fail (bytes != NULL);

  data = g_new0 (VerifyData, 1);
  data->bytes = g_bytes_ref (bytes);
  data->pins = pins != NULL ? g_object_ref (pins) : NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, credence_verifier_verify_bytes_async);
  g_task_set_task_data (task, data, (GDestroyNotify) verify_data_free);
  g_task_run_in_thread (task, verify_thread);
}

/**
 * credence_verifier_verify_finish:
 *
 * Returns: (transfer full): the verification; %NULL only when cancelled
 *   before it started
 */
CredenceVerification *
credence_verifier_verify_finish (CredenceVerifier  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
