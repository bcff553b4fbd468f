/* credence-reverifier.c: checks every badge again, while Credence runs,
 * as often as Preferences says (daily, weekly, monthly), and sends a
 * notification when a badge's status changed: revoked, expired, or its
 * issuer no longer reachable.
 *
 * The time of the last run is kept in the collection (meta
 * "reverify-last-run"), so that a run is not repeated at each start and a
 * collection restored elsewhere carries it.  The first time a collection
 * is seen counts as a run: badges were just checked on import.  A run is
 * the importer's re-verification of every badge, in a worker thread.
 *
 * CREDENCE_REVERIFY_PERIOD_SECONDS replaces the period of any interval
 * but "never" (for tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-reverifier"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-checker.h"
#include "credence-importer.h"
#include "credence-reverifier.h"

#define LAST_RUN_KEY "reverify-last-run"

/* However far the next run, look again at least this often: the machine
 * may have slept, or the setting changed.
 */
#define MAX_WAIT_SECONDS 3600

struct _CredenceReverifier
{
  GObject        parent_instance;

  CredenceStore *store;
  GListModel    *badges;
  GSettings     *settings;
  GCancellable  *cancellable;
  guint          timeout_id;
  gint64         last_run;     /* -1 until read from the collection */
  GPtrArray     *queue;        /* the badges of the current run */
  guint          n_runs;
};

G_DEFINE_FINAL_TYPE (CredenceReverifier, credence_reverifier, G_TYPE_OBJECT)

enum {
  SIGNAL_BADGE_CHANGED,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (CredenceReverifier *self);

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * credence_reverifier_get_period:
 *
 * Returns: seconds between runs, 0 for never
 */
gint64
credence_reverifier_get_period (CredenceReverifier *self)
{
  g_autofree char *interval = NULL;
  const char *override = g_getenv ("CREDENCE_REVERIFY_PERIOD_SECONDS");

  g_return_val_if_fail (CREDENCE_IS_REVERIFIER (self), 0);

  if (self->settings == NULL)
    return 0;

  interval = g_settings_get_string (self->settings, "reverify-interval");
  if (g_strcmp0 (interval, "never") == 0)
    return 0;
  if (override != NULL && g_ascii_strtoll (override, NULL, 10) > 0)
    return g_ascii_strtoll (override, NULL, 10);
  if (g_strcmp0 (interval, "daily") == 0)
    return 24 * 3600;
  if (g_strcmp0 (interval, "monthly") == 0)
    return 30 * 24 * 3600;
  return 7 * 24 * 3600;
}

static gboolean
work_offline (CredenceReverifier *self)
{
  return self->settings != NULL && g_settings_get_boolean (self->settings, "work-offline");
}

/* Meta: read and write the last run off the UI thread. */

static void
read_last_run_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_autofree char *value = NULL;
  GError *error = NULL;
  gint64 last_run;

  value = credence_store_dup_meta (source_object, LAST_RUN_KEY, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Never run: the collection's first sight counts as one. */
  if (value == NULL || g_ascii_strtoll (value, NULL, 10) <= 0)
    {
      g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, now_seconds ());

      if (!credence_store_set_meta (source_object, LAST_RUN_KEY, now, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      last_run = now_seconds ();
    }
  else
    last_run = g_ascii_strtoll (value, NULL, 10);

  g_task_return_int (task, last_run);
}

static void
last_run_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CredenceReverifier) self = user_data;
  g_autoptr(GError) error = NULL;
  gssize last_run = g_task_propagate_int (G_TASK (result), &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not read when badges were last checked: %s", error->message);
      return;
    }

  self->last_run = last_run;
  schedule (self);
}

static void
write_last_run_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GError *error = NULL;

  if (!credence_store_set_meta (source_object, LAST_RUN_KEY, task_data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
last_run_written_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not save when badges were last checked: %s", error->message);
}

/* Notifications */

static void
notify_change (CredenceReverifier  *self,
               CredenceBadgeItem   *item,
               CredenceBadgeStatus  after)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  const char *reason = credence_badge_item_get_reason (item);
  const char *name = credence_badge_item_get_name (item);
  const char *body;

  if (app == NULL || (self->settings != NULL && !g_settings_get_boolean (self->settings, "notify-changes")))
    return;

  if (g_strcmp0 (reason, "revoked") == 0)
    {
      /* Translators: a notification: "“Data Basics” was revoked". */
      title = g_strdup_printf (_("“%s” was revoked"), name);
      body = _("The issuer withdrew it; contact them if this seems wrong.");
    }
  else if (g_strcmp0 (reason, "suspended") == 0)
    {
      title = g_strdup_printf (_("“%s” was suspended"), name);
      body = _("The issuer paused it and may restore it; Credence checks again automatically.");
    }
  else if (g_strcmp0 (reason, "expired") == 0)
    {
      title = g_strdup_printf (_("“%s” has expired"), name);
      body = _("It is genuine, but no longer current. Ask the issuer about renewal.");
    }
  else if (after == CREDENCE_BADGE_STATUS_COULDNT_CHECK)
    {
      title = g_strdup_printf (_("The issuer of “%s” cannot be reached"), name);
      body = _("Its website did not answer; Credence keeps the last result and will try again.");
    }
  else
    {
      /* Translators: a notification: "“Data Basics” is now Problem Found". */
      title = g_strdup_printf (_("“%s” is now %s"), name, credence_badge_status_get_title (after));
      body = _("Its status changed when it was checked again.");
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-badge", "s",
                                                 credence_badge_item_get_uid (item));
  id = g_strconcat ("badge-", credence_badge_item_get_uid (item), NULL);
  g_application_send_notification (app, id, notification);
}

/* A run */

static void
finish_run (CredenceReverifier *self)
{
  g_autoptr(GTask) task = NULL;

  g_clear_pointer (&self->queue, g_ptr_array_unref);
  self->last_run = now_seconds ();
  self->n_runs++;

  task = g_task_new (self->store, self->cancellable, last_run_written_cb, NULL);
  g_task_set_source_tag (task, finish_run);
  g_task_set_task_data (task, g_strdup_printf ("%" G_GINT64_FORMAT, self->last_run), g_free);
  g_task_run_in_thread (task, write_last_run_thread);

  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
  schedule (self);
}

static void
item_finished_cb (CredenceImporter           *importer,
                  const CredenceImportResult *result,
                  CredenceReverifier         *self)
{
  g_autofree char *reason_before = NULL;
  CredenceBadgeItem *item;
  CredenceBadgeStatus before, after;
  const char *reason_code;

  if (self->queue == NULL || result->index >= self->queue->len)
    return;

  item = g_ptr_array_index (self->queue, result->index);
  if (result->status != CREDENCE_IMPORT_REVERIFIED || result->verification == NULL)
    {
      /* Removed meanwhile, or the check could not run: the next one. */
      g_debug ("Could not check “%s” again: %s", credence_badge_item_get_uid (item),
               result->message != NULL ? result->message : "");
      return;
    }

  reason_before = g_strdup (credence_badge_item_get_reason (item));
  before = credence_badge_item_apply_verification (item, result->verification, now_seconds ());
  after = credence_badge_item_get_status (item);
  reason_code = credence_badge_item_get_reason (item);

  if (before != CREDENCE_BADGE_STATUS_NOT_CHECKED &&
      (before != after || (after != CREDENCE_BADGE_STATUS_VALID && g_strcmp0 (reason_before, reason_code) != 0)))
    {
      notify_change (self, item, after);
      g_signal_emit (self, signals[SIGNAL_BADGE_CHANGED], 0, item);
    }
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CredenceReverifier) self = user_data;
  g_autoptr(GError) error = NULL;

  credence_importer_run_finish (CREDENCE_IMPORTER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->queue == NULL)
    return;
  if (error != NULL)
    g_message ("Could not check the badges again: %s", error->message);

  finish_run (self);
}

static void
identities_added_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CredenceImporter) importer = user_data;
  CredenceReverifier *self = g_object_get_data (G_OBJECT (importer), "credence-reverifier");
  g_autoptr(GError) error = NULL;

  if (!credence_checker_add_identities_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  credence_importer_run_async (importer, self->cancellable, run_done_cb, g_object_ref (self));
}

/* One run: every badge through the importer's re-verification (offline
 * against the saved documents when Work Offline is on), the results
 * joining each badge's history.
 */
static void
run (CredenceReverifier *self)
{
  guint n = g_list_model_get_n_items (self->badges);
  g_autoptr(CredenceVerifier) verifier = credence_checker_new_verifier (work_offline (self));
  g_autoptr(CredenceImporter) importer = NULL;

  g_debug ("Checking %u badges again", n);
  self->queue = g_ptr_array_new_full (n, g_object_unref);
  if (n == 0)
    {
      finish_run (self);
      return;
    }

  importer = credence_importer_new (self->store, verifier);
  for (guint i = 0; i < n; i++)
    {
      CredenceBadgeItem *item = g_list_model_get_item (self->badges, i);

      g_ptr_array_add (self->queue, item);
      credence_importer_add_reverify (importer, credence_badge_item_get_uid (item));
    }

  g_signal_connect_object (importer, "item-finished", G_CALLBACK (item_finished_cb), self, 0);
  g_object_set_data_full (G_OBJECT (importer), "credence-reverifier", g_object_ref (self), g_object_unref);
  credence_checker_add_identities_async (self->store, verifier, self->cancellable,
                                         identities_added_cb, g_object_ref (importer));
}

static gboolean
tick_cb (gpointer user_data)
{
  CredenceReverifier *self = user_data;
  gint64 period = credence_reverifier_get_period (self);

  self->timeout_id = 0;
  if (period > 0 && self->queue == NULL && now_seconds () >= self->last_run + period)
    run (self);
  else
    schedule (self);

  return G_SOURCE_REMOVE;
}

static void
schedule (CredenceReverifier *self)
{
  gint64 period = credence_reverifier_get_period (self);
  gint64 wait;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (period == 0 || self->last_run < 0 || self->queue != NULL ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  wait = CLAMP (self->last_run + period - now_seconds (), 0, MAX_WAIT_SECONDS);
  self->timeout_id = g_timeout_add_seconds (wait, tick_cb, self);
}

static void
interval_changed_cb (CredenceReverifier *self)
{
  schedule (self);
}

/**
 * credence_reverifier_stop:
 *
 * Stops the run under way and any later one (the collection is closed).
 */
void
credence_reverifier_stop (CredenceReverifier *self)
{
  g_return_if_fail (CREDENCE_IS_REVERIFIER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
}

gint64
credence_reverifier_get_last_run (CredenceReverifier *self)
{
  g_return_val_if_fail (CREDENCE_IS_REVERIFIER (self), -1);
  return self->last_run;
}

gboolean
credence_reverifier_is_running (CredenceReverifier *self)
{
  g_return_val_if_fail (CREDENCE_IS_REVERIFIER (self), FALSE);
  return self->queue != NULL;
}

guint
credence_reverifier_get_n_runs (CredenceReverifier *self)
{
  g_return_val_if_fail (CREDENCE_IS_REVERIFIER (self), 0);
  return self->n_runs;
}

static void
credence_reverifier_dispose (GObject *object)
{
  CredenceReverifier *self = (CredenceReverifier *)object;

  credence_reverifier_stop (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->badges);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (credence_reverifier_parent_class)->dispose (object);
}

static void
credence_reverifier_finalize (GObject *object)
{
  CredenceReverifier *self = (CredenceReverifier *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (credence_reverifier_parent_class)->finalize (object);
}

static void
credence_reverifier_class_init (CredenceReverifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = credence_reverifier_dispose;
  object_class->finalize = credence_reverifier_finalize;

  /**
   * CredenceReverifier::badge-changed:
   * @item: the badge, already updated
   *
   * A badge checked again has another status, or another reason.
   */
  signals[SIGNAL_BADGE_CHANGED] =
    g_signal_new ("badge-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CREDENCE_TYPE_BADGE_ITEM);

  /**
   * CredenceReverifier::finished:
   *
   * A run checked every badge.
   */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
credence_reverifier_init (CredenceReverifier *self)
{
  self->cancellable = g_cancellable_new ();
  self->last_run = -1;
}

/**
 * credence_reverifier_new:
 * @store: the open collection
 * @badges: (element-type CredenceBadgeItem): its badges, as shown
 * @settings: (nullable): the app's settings (none: never runs)
 *
 * Starts checking @badges again on the schedule of @settings.
 */
CredenceReverifier *
credence_reverifier_new (CredenceStore *store,
                         GListModel    *badges,
                         GSettings     *settings)
{
  CredenceReverifier *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (CREDENCE_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (badges), NULL);

  self = g_object_new (CREDENCE_TYPE_REVERIFIER, NULL);
  self->store = g_object_ref (store);
  self->badges = g_object_ref (badges);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::reverify-interval",
                             G_CALLBACK (interval_changed_cb), self, G_CONNECT_SWAPPED);

  task = g_task_new (store, self->cancellable, last_run_read_cb, g_object_ref (self));
  g_task_set_source_tag (task, credence_reverifier_new);
  g_task_run_in_thread (task, read_last_run_thread);

  return self;
}
