/* credence-badge-item.c: one badge of the collection, as the library grid,
 * its search and its sort see it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-badge-item"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-badge-item.h"

struct _CredenceBadgeItem
{
  GObject              parent_instance;

  char                *uid;
  char                *name;
  char                *issuer;
  char                *description;
  GDateTime           *issued;
  GDateTime           *expires;
  CredenceBadgeStatus  status;
  char                *reason;
  gint64               verified_at;
  char                *image;
  char                *container;
  gboolean             sample;

  /* Precomputed so that search and sort stay fast with many badges. */
  char                *search_text;
  char                *name_key;
  char                *issuer_key;
};

G_DEFINE_FINAL_TYPE (CredenceBadgeItem, credence_badge_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UID,
  PROP_NAME,
  PROP_ISSUER,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * credence_badge_status_from_verdict:
 * @verdict: (nullable): "valid", "invalid" or "indeterminate", as the
 *   verifier and the store write it
 */
CredenceBadgeStatus
credence_badge_status_from_verdict (const char *verdict)
{
  if (g_strcmp0 (verdict, "valid") == 0)
    return CREDENCE_BADGE_STATUS_VALID;
  if (g_strcmp0 (verdict, "invalid") == 0)
    return CREDENCE_BADGE_STATUS_PROBLEM;
  if (g_strcmp0 (verdict, "indeterminate") == 0)
    return CREDENCE_BADGE_STATUS_COULDNT_CHECK;
  return CREDENCE_BADGE_STATUS_NOT_CHECKED;
}

const char *
credence_badge_status_get_title (CredenceBadgeStatus status)
{
  switch (status)
    {
    case CREDENCE_BADGE_STATUS_VALID:
      return _("Valid");
    case CREDENCE_BADGE_STATUS_PROBLEM:
      return _("Problem Found");
    case CREDENCE_BADGE_STATUS_COULDNT_CHECK:
      return _("Couldn’t Check");
    case CREDENCE_BADGE_STATUS_NOT_CHECKED:
    default:
      return _("Not Checked");
    }
}

const char *
credence_badge_status_get_icon_name (CredenceBadgeStatus status)
{
  switch (status)
    {
    case CREDENCE_BADGE_STATUS_VALID:
      return "emblem-ok-symbolic";
    case CREDENCE_BADGE_STATUS_PROBLEM:
      return "dialog-error-symbolic";
    case CREDENCE_BADGE_STATUS_COULDNT_CHECK:
      return "dialog-warning-symbolic";
    case CREDENCE_BADGE_STATUS_NOT_CHECKED:
    default:
      return "action-unavailable-symbolic";
    }
}

const char *
credence_badge_status_get_css_class (CredenceBadgeStatus status)
{
  switch (status)
    {
    case CREDENCE_BADGE_STATUS_VALID:
      return "success";
    case CREDENCE_BADGE_STATUS_PROBLEM:
      return "error";
    case CREDENCE_BADGE_STATUS_COULDNT_CHECK:
      return "warning";
    case CREDENCE_BADGE_STATUS_NOT_CHECKED:
    default:
      return "dim-label";
    }
}

static void
credence_badge_item_finalize (GObject *object)
{
  CredenceBadgeItem *self = (CredenceBadgeItem *)object;

  g_clear_pointer (&self->uid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->issued, g_date_time_unref);
  g_clear_pointer (&self->expires, g_date_time_unref);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->image, g_free);
  g_clear_pointer (&self->container, g_free);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->name_key, g_free);
  g_clear_pointer (&self->issuer_key, g_free);

  G_OBJECT_CLASS (credence_badge_item_parent_class)->finalize (object);
}

static void
credence_badge_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CredenceBadgeItem *self = CREDENCE_BADGE_ITEM (object);

  switch (prop_id)
    {
    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;

    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
credence_badge_item_class_init (CredenceBadgeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = credence_badge_item_finalize;
  object_class->get_property = credence_badge_item_get_property;

  properties[PROP_UID] =
    g_param_spec_string ("uid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ISSUER] =
    g_param_spec_string ("issuer", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CredenceBadgeItem:status:
   *
   * The #CredenceBadgeStatus of the last check; changes when the badge is
   * checked again.
   */
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      CREDENCE_BADGE_STATUS_NOT_CHECKED, CREDENCE_BADGE_STATUS_COULDNT_CHECK,
                      CREDENCE_BADGE_STATUS_NOT_CHECKED,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
credence_badge_item_init (CredenceBadgeItem *self)
{
}

static char *
fold (const char *text)
{
  g_autofree char *normalized = NULL;

  if (text == NULL)
    return g_strdup ("");

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (normalized == NULL)
    return g_strdup ("");

  return g_utf8_casefold (normalized, -1);
}

static void
update_search_text (CredenceBadgeItem *self)
{
  g_autofree char *name = fold (self->name);
  g_autofree char *issuer = fold (self->issuer);
  g_autofree char *description = fold (self->description);

  g_free (self->search_text);
  self->search_text = g_strjoin ("\n", name, issuer, description, NULL);
}

/**
 * credence_badge_item_new:
 * @uid: the badge's id in the collection
 * @name: (nullable): the achievement's name
 * @issuer: (nullable): the issuer's name
 * @description: (nullable): the description
 * @issued: (nullable): when it was issued
 * @status: the verdict of the last check
 *
 * Items can be made on any thread; once in a model they belong to the UI
 * thread.
 */
CredenceBadgeItem *
credence_badge_item_new (const char          *uid,
                         const char          *name,
                         const char          *issuer,
                         const char          *description,
                         GDateTime           *issued,
                         CredenceBadgeStatus  status)
{
  CredenceBadgeItem *self;

  g_return_val_if_fail (uid != NULL, NULL);

  self = g_object_new (CREDENCE_TYPE_BADGE_ITEM, NULL);
  self->uid = g_strdup (uid);
  self->name = g_strdup (name != NULL && *name != '\0' ? name : _("Unnamed Badge"));
  self->issuer = g_strdup (issuer != NULL && *issuer != '\0' ? issuer : _("Unknown Issuer"));
  self->description = g_strdup (description);
  self->issued = issued != NULL ? g_date_time_ref (issued) : NULL;
  self->status = status;
  self->name_key = g_utf8_collate_key (self->name, -1);
  self->issuer_key = g_utf8_collate_key (self->issuer, -1);
  update_search_text (self);

  return self;
}

const char *
credence_badge_item_get_uid (CredenceBadgeItem *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_ITEM (self), NULL);
  return self->uid;
}

const char *
credence_badge_item_get_name (CredenceBadgeItem *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_ITEM (self), NULL);
  return self->name;
}

const char *
credence_badge_item_get_issuer (CredenceBadgeItem *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_ITEM (self), NULL);
  return self->issuer;
}

const char *
credence_badge_item_get_description (CredenceBadgeItem *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_ITEM (self), NULL);
  return self->description;
}

/**
 * credence_badge_item_get_issued:
 *
 * Returns: (transfer none) (nullable): when the badge was issued.
 */
GDateTime *
credence_badge_item_get_issued (CredenceBadgeItem *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_ITEM (self), NULL);
  return self->issued;
}

/**
 * credence_badge_item_get_expires:
 *
 * Returns: (transfer none) (nullable): when the badge ends.
 */
GDateTime *
credence_badge_item_get_expires (CredenceBadgeItem *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_ITEM (self), NULL);
  return self->expires;
}

void
credence_badge_item_set_expires (CredenceBadgeItem *self,
                                 GDateTime         *expires)
{
  g_return_if_fail (CREDENCE_IS_BADGE_ITEM (self));

  g_clear_pointer (&self->expires, g_date_time_unref);
  self->expires = expires != NULL ? g_date_time_ref (expires) : NULL;
}

CredenceBadgeStatus
credence_badge_item_get_status (CredenceBadgeItem *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_ITEM (self), CREDENCE_BADGE_STATUS_NOT_CHECKED);
  return self->status;
}

void
credence_badge_item_set_status (CredenceBadgeItem   *self,
                                CredenceBadgeStatus  status)
{
  g_return_if_fail (CREDENCE_IS_BADGE_ITEM (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/**
 * credence_badge_item_get_reason:
 *
 * Returns: (nullable): the primary reason code of the last check.
 */
const char *
credence_badge_item_get_reason (CredenceBadgeItem *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_ITEM (self), NULL);
  return self->reason;
}

void
credence_badge_item_set_reason (CredenceBadgeItem *self,
                                const char        *reason)
{
  g_return_if_fail (CREDENCE_IS_BADGE_ITEM (self));

  g_free (self->reason);
  self->reason = g_strdup (reason);
}

/**
 * credence_badge_item_get_verified_at:
 *
 * Returns: when the badge was last checked, Unix seconds; 0 for never.
 */
gint64
credence_badge_item_get_verified_at (CredenceBadgeItem *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_ITEM (self), 0);
  return self->verified_at;
}

void
credence_badge_item_set_verified_at (CredenceBadgeItem *self,
                                     gint64             verified_at)
{
  g_return_if_fail (CREDENCE_IS_BADGE_ITEM (self));
  self->verified_at = verified_at;
}

/**
 * credence_badge_item_apply_verification:
 * @report: the badge checked again
 * @when: when, Unix seconds
 *
 * Shows @report's verdict and reason on the badge, as the collection now
 * keeps them (the importer's re-verification stored it).
 *
 * Returns: the badge's status before
 */
CredenceBadgeStatus
credence_badge_item_apply_verification (CredenceBadgeItem    *self,
                                        CredenceVerification *report,
                                        gint64                when)
{
  CredenceBadgeStatus before;
  CredenceReason reason;

  g_return_val_if_fail (CREDENCE_IS_BADGE_ITEM (self), CREDENCE_BADGE_STATUS_NOT_CHECKED);
  g_return_val_if_fail (report != NULL, CREDENCE_BADGE_STATUS_NOT_CHECKED);

  before = self->status;
  reason = credence_verification_get_reason (report);
  credence_badge_item_set_verified_at (self, when);
  credence_badge_item_set_reason (self, reason != CREDENCE_REASON_NONE ? credence_reason_to_string (reason) : NULL);
  credence_badge_item_set_status (self, credence_badge_status_from_verdict (credence_verdict_to_string (credence_verification_get_verdict (report))));

  return before;
}

/**
 * credence_badge_item_get_sample:
 *
 * Returns: whether the badge is one of the bundled samples.
 */
gboolean
credence_badge_item_get_sample (CredenceBadgeItem *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_ITEM (self), FALSE);
  return self->sample;
}

void
credence_badge_item_set_sample (CredenceBadgeItem *self,
                                gboolean           sample)
{
  g_return_if_fail (CREDENCE_IS_BADGE_ITEM (self));
  self->sample = !!sample;
}

/**
 * credence_badge_item_get_image:
 *
 * Returns: (nullable): the image the badge names: a URL or a data URI.
 */
const char *
credence_badge_item_get_image (CredenceBadgeItem *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_ITEM (self), NULL);
  return self->image;
}

void
credence_badge_item_set_image (CredenceBadgeItem *self,
                               const char        *image)
{
  g_return_if_fail (CREDENCE_IS_BADGE_ITEM (self));

  g_free (self->image);
  self->image = g_strdup (image);
}

/**
 * credence_badge_item_get_container:
 *
 * Returns: (nullable): what the badge came in: "png", "svg", "json"…
 */
const char *
credence_badge_item_get_container (CredenceBadgeItem *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_ITEM (self), NULL);
  return self->container;
}

void
credence_badge_item_set_container (CredenceBadgeItem *self,
                                   const char        *container)
{
  g_return_if_fail (CREDENCE_IS_BADGE_ITEM (self));

  g_free (self->container);
  self->container = g_strdup (container);
}

/**
 * credence_badge_item_dup_accessible_label:
 *
 * Returns: what a screen reader says for the card: "Name, Issuer, Valid".
 */
char *
credence_badge_item_dup_accessible_label (CredenceBadgeItem *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_ITEM (self), NULL);

  if (self->sample)
    /* Translators: a badge card read by a screen reader: name, issuer, status. */
    return g_strdup_printf (_("%s, %s, %s, sample"), self->name, self->issuer,
                            credence_badge_status_get_title (self->status));

  /* Translators: a badge card read by a screen reader: name, issuer, status. */
  return g_strdup_printf (_("%s, %s, %s"), self->name, self->issuer,
                          credence_badge_status_get_title (self->status));
}

/**
 * credence_badge_item_matches:
 * @terms: search terms, each normalized (%G_NORMALIZE_ALL) and casefolded
 *
 * Returns: whether every term is found in the name, issuer or description.
 */
gboolean
credence_badge_item_matches (CredenceBadgeItem  *self,
                             const char * const *terms)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_ITEM (self), FALSE);

  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    if (strstr (self->search_text, terms[i]) == NULL)
      return FALSE;

  return TRUE;
}

int
credence_badge_item_compare_name (CredenceBadgeItem *a,
                                  CredenceBadgeItem *b)
{
  int ret = strcmp (a->name_key, b->name_key);

  return ret != 0 ? ret : strcmp (a->issuer_key, b->issuer_key);
}

int
credence_badge_item_compare_issuer (CredenceBadgeItem *a,
                                    CredenceBadgeItem *b)
{
  int ret = strcmp (a->issuer_key, b->issuer_key);

  return ret != 0 ? ret : strcmp (a->name_key, b->name_key);
}

/* Newest first; badges without a date last. */
int
credence_badge_item_compare_issued (CredenceBadgeItem *a,
                                    CredenceBadgeItem *b)
{
  if (a->issued != NULL && b->issued != NULL)
    {
      int ret = g_date_time_compare (b->issued, a->issued);

      if (ret != 0)
        return ret;
    }
  else if (a->issued != NULL)
    return -1;
  else if (b->issued != NULL)
    return 1;

  return credence_badge_item_compare_name (a, b);
}

static GDateTime *
parse_date (const char *iso)
{
  g_autoptr(GTimeZone) utc = NULL;

  if (iso == NULL || *iso == '\0')
    return NULL;

  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (iso, utc);
}

/* Where the bundled samples come from (see credence-samples.c). */
#define SAMPLE_SOURCE_PREFIX "resource:///io/github/credence/Credence/samples/"

/**
 * credence_badge_item_new_from_store:
 * @badge: a badge as listed by the collection
 *
 * Returns: (transfer full): the item for @badge
 */
CredenceBadgeItem *
credence_badge_item_new_from_store (const CredenceStoreBadge *badge)
{
  g_autoptr(GDateTime) issued = NULL;
  g_autoptr(GDateTime) expires = NULL;
  CredenceBadgeItem *self;

  g_return_val_if_fail (badge != NULL, NULL);
  g_return_val_if_fail (badge->uid != NULL, NULL);

  issued = parse_date (badge->issued_on);
  expires = parse_date (badge->expires_on);

  self = credence_badge_item_new (badge->uid, badge->name, badge->issuer_name, badge->description,
                                  issued, credence_badge_status_from_verdict (badge->verdict));
  credence_badge_item_set_expires (self, expires);
  credence_badge_item_set_reason (self, badge->reason);
  credence_badge_item_set_verified_at (self, badge->verified_at);
  credence_badge_item_set_image (self, badge->image);
  credence_badge_item_set_container (self, badge->container);
  credence_badge_item_set_sample (self, badge->source != NULL &&
                                        g_str_has_prefix (badge->source, SAMPLE_SOURCE_PREFIX));

  return self;
}
