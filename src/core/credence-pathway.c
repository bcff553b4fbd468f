/* credence-pathway.c: a learner's goal as a tree of steps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-pathway"

#include "config.h"

#include <string.h>

#include "credence-pathway.h"

struct _CredencePathwayStep
{
  gatomicrefcount          ref_count;
  CredencePathwayStepKind  kind;
  CredencePathwayStep     *parent; /* not owned */

  char                    *title;
  char                    *note;
  GPtrArray               *links; /* CredencePathwayLink */

  char                    *badge_id;
  char                    *achievement_id;
  char                    *issuer;
  char                    *tag;
  char                    *keyword;
  char                    *alignment;
  guint                    require;
  gboolean                 done;

  GPtrArray               *children; /* CredencePathwayStep, owned */
};

struct _CredencePathway
{
  GObject              parent_instance;

  char                *title;
  char                *description;
  char                *target_date;
  gboolean             count_expired;
  CredencePathwayStep *root;
};

G_DEFINE_FINAL_TYPE (CredencePathway, credence_pathway, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (CredencePathwayStep, credence_pathway_step,
                     credence_pathway_step_ref, credence_pathway_step_unref)

G_DEFINE_QUARK (credence-pathway-error-quark, credence_pathway_error)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_TARGET_DATE,
  PROP_COUNT_EXPIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = {
  [CREDENCE_PATHWAY_STEP_BADGE] = "badge",
  [CREDENCE_PATHWAY_STEP_ACHIEVEMENT] = "achievement",
  [CREDENCE_PATHWAY_STEP_MATCH] = "match",
  [CREDENCE_PATHWAY_STEP_GROUP] = "group",
  [CREDENCE_PATHWAY_STEP_MANUAL] = "manual",
};

/**
 * credence_pathway_step_kind_to_string:
 *
 * Returns: the name of @kind in pathway files ("badge", "achievement",
 *   "match", "group", "manual").
 */
const char *
credence_pathway_step_kind_to_string (CredencePathwayStepKind kind)
{
  g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
credence_pathway_step_kind_from_string (const char              *name,
                                        CredencePathwayStepKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        if (out_kind != NULL)
          *out_kind = (CredencePathwayStepKind)i;
        return TRUE;
      }

  return FALSE;
}

static void
link_free (gpointer data)
{
  CredencePathwayLink *link = data;

  g_free (link->title);
  g_free (link->url);
  g_free (link);
}

static CredencePathwayStep *
step_new (CredencePathwayStepKind  kind,
          const char              *title)
{
  CredencePathwayStep *self = g_new0 (CredencePathwayStep, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->title = g_strdup (title != NULL ? title : "");
  self->links = g_ptr_array_new_with_free_func (link_free);
  self->children = g_ptr_array_new ();

  return self;
}

/**
 * credence_pathway_step_new_badge:
 * @title: what the step is called
 * @badge_id: the assertion or credential id of the badge
 *
 * Returns: (transfer full): a step done by that one badge
 */
CredencePathwayStep *
credence_pathway_step_new_badge (const char *title,
                                 const char *badge_id)
{
  CredencePathwayStep *self;

  g_return_val_if_fail (badge_id != NULL && badge_id[0] != '\0', NULL);

  self = step_new (CREDENCE_PATHWAY_STEP_BADGE, title);
  self->badge_id = g_strdup (badge_id);

  return self;
}

/**
 * credence_pathway_step_new_achievement:
 * @title: what the step is called
 * @achievement_id: the BadgeClass or Achievement id
 *
 * Returns: (transfer full): a step done by any badge of that class
 */
CredencePathwayStep *
credence_pathway_step_new_achievement (const char *title,
                                       const char *achievement_id)
{
  CredencePathwayStep *self;

  g_return_val_if_fail (achievement_id != NULL && achievement_id[0] != '\0', NULL);

  self = step_new (CREDENCE_PATHWAY_STEP_ACHIEVEMENT, title);
  self->achievement_id = g_strdup (achievement_id);

  return self;
}

static char *
dup_nonempty (const char *s)
{
  return s != NULL && s[0] != '\0' ? g_strdup (s) : NULL;
}

/**
 * credence_pathway_step_new_match:
 * @title: what the step is called
 * @issuer: (nullable): the issuer's id
 * @tag: (nullable): a tag the badge carries (any case)
 * @keyword: (nullable): a word in the badge's name, description or tags
 * @alignment: (nullable): an alignment's target name, URL or code
 *
 * At least one criterion must be given; a badge must match all of them.
 *
 * Returns: (transfer full): a step done by any matching badge
 */
CredencePathwayStep *
credence_pathway_step_new_match (const char *title,
                                 const char *issuer,
                                 const char *tag,
                                 const char *keyword,
                                 const char *alignment)
{
  CredencePathwayStep *self;

  self = step_new (CREDENCE_PATHWAY_STEP_MATCH, title);
  self->issuer = dup_nonempty (issuer);
  self->tag = dup_nonempty (tag);
  self->keyword = dup_nonempty (keyword);
  self->alignment = dup_nonempty (alignment);

  if (self->issuer == NULL && self->tag == NULL &&
      self->keyword == NULL && self->alignment == NULL)
    {
      g_critical ("%s: a match step needs at least one criterion", G_STRFUNC);
      credence_pathway_step_unref (self);
      return NULL;
    }

  return self;
}

/**
 * credence_pathway_step_new_group:
 * @title: what the group is called
 * @require: how many sub-steps complete the group; 0 for all of them
 *
 * Returns: (transfer full): an empty group
 */
CredencePathwayStep *
credence_pathway_step_new_group (const char *title,
                                 guint       require)
{
  CredencePathwayStep *self = step_new (CREDENCE_PATHWAY_STEP_GROUP, title);

  self->require = require;

  return self;
}

/**
 * credence_pathway_step_new_manual:
 *
 * Returns: (transfer full): a step the learner ticks off
 */
CredencePathwayStep *
credence_pathway_step_new_manual (const char *title,
                                  gboolean    done)
{
  CredencePathwayStep *self = step_new (CREDENCE_PATHWAY_STEP_MANUAL, title);

  self->done = !!done;

  return self;
}

CredencePathwayStep *
credence_pathway_step_ref (CredencePathwayStep *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
credence_pathway_step_unref (CredencePathwayStep *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < self->children->len; i++)
    {
      CredencePathwayStep *child = g_ptr_array_index (self->children, i);

      child->parent = NULL;
      credence_pathway_step_unref (child);
    }
  g_ptr_array_unref (self->children);
  g_ptr_array_unref (self->links);
  g_free (self->title);
  g_free (self->note);
  g_free (self->badge_id);
  g_free (self->achievement_id);
  g_free (self->issuer);
  g_free (self->tag);
  g_free (self->keyword);
  g_free (self->alignment);
  g_free (self);
}

CredencePathwayStepKind
credence_pathway_step_get_kind (CredencePathwayStep *self)
{
  g_return_val_if_fail (self != NULL, CREDENCE_PATHWAY_STEP_GROUP);

  return self->kind;
}

const char *
credence_pathway_step_get_title (CredencePathwayStep *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->title;
}

void
credence_pathway_step_set_title (CredencePathwayStep *self,
                                 const char          *title)
{
  g_return_if_fail (self != NULL);

  g_free (self->title);
  self->title = g_strdup (title != NULL ? title : "");
}

/**
 * credence_pathway_step_get_note:
 *
 * Returns: (nullable): the learner's or author's note on the step
 */
const char *
credence_pathway_step_get_note (CredencePathwayStep *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->note;
}

void
credence_pathway_step_set_note (CredencePathwayStep *self,
                                const char          *note)
{
  g_return_if_fail (self != NULL);

  g_free (self->note);
  self->note = dup_nonempty (note);
}

guint
credence_pathway_step_get_n_links (CredencePathwayStep *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->links->len;
}

const CredencePathwayLink *
credence_pathway_step_get_link (CredencePathwayStep *self,
                                guint                index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->links->len, NULL);

  return g_ptr_array_index (self->links, index);
}

/**
 * credence_pathway_step_add_link:
 * @title: (nullable): what the link leads to
 * @url: an http or https URL (anything else is refused with a critical)
 */
void
credence_pathway_step_add_link (CredencePathwayStep *self,
                                const char          *title,
                                const char          *url)
{
  CredencePathwayLink *link;

  g_return_if_fail (self != NULL);
  g_return_if_fail (credence_pathway_is_valid_url (url));

  link = g_new0 (CredencePathwayLink, 1);
  link->title = dup_nonempty (title);
  link->url = g_strdup (url);
  g_ptr_array_add (self->links, link);
}

const char *
credence_pathway_step_get_badge_id (CredencePathwayStep *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->badge_id;
}

const char *
credence_pathway_step_get_achievement_id (CredencePathwayStep *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->achievement_id;
}

const char *
credence_pathway_step_get_issuer (CredencePathwayStep *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->issuer;
}

const char *
credence_pathway_step_get_tag (CredencePathwayStep *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->tag;
}

const char *
credence_pathway_step_get_keyword (CredencePathwayStep *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->keyword;
}

const char *
credence_pathway_step_get_alignment (CredencePathwayStep *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->alignment;
}

/**
 * credence_pathway_step_get_require:
 *
 * Returns: how many sub-steps complete a group, 0 for all of them
 */
guint
credence_pathway_step_get_require (CredencePathwayStep *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->require;
}

void
credence_pathway_step_set_require (CredencePathwayStep *self,
                                   guint                require)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->kind == CREDENCE_PATHWAY_STEP_GROUP);

  self->require = require;
}

gboolean
credence_pathway_step_get_done (CredencePathwayStep *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->done;
}

void
credence_pathway_step_set_done (CredencePathwayStep *self,
                                gboolean             done)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->kind == CREDENCE_PATHWAY_STEP_MANUAL);

  self->done = !!done;
}

/**
 * credence_pathway_step_get_parent:
 *
 * Returns: (transfer none) (nullable): the group holding @self
 */
CredencePathwayStep *
credence_pathway_step_get_parent (CredencePathwayStep *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->parent;
}

guint
credence_pathway_step_get_n_children (CredencePathwayStep *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->children->len;
}

/**
 * credence_pathway_step_get_child:
 *
 * Returns: (transfer none): the sub-step at @index
 */
CredencePathwayStep *
credence_pathway_step_get_child (CredencePathwayStep *self,
                                 guint                index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->children->len, NULL);

  return g_ptr_array_index (self->children, index);
}

/**
 * credence_pathway_step_insert_child:
 * @self: a group
 * @position: where to insert @child, -1 for the end
 * @child: a step that is in no tree
 *
 * Returns: %FALSE (and changes nothing) when @self is not a group, @child
 *   already has a parent, or @child is @self or one of its ancestors.
 */
gboolean
credence_pathway_step_insert_child (CredencePathwayStep *self,
                                    int                  position,
                                    CredencePathwayStep *child)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (child != NULL, FALSE);

  if (self->kind != CREDENCE_PATHWAY_STEP_GROUP || child->parent != NULL)
    return FALSE;

  for (CredencePathwayStep *s = self; s != NULL; s = s->parent)
    if (s == child)
      return FALSE;

  if (position < 0 || (guint)position > self->children->len)
    position = self->children->len;

  child->parent = self;
  g_ptr_array_insert (self->children, position, credence_pathway_step_ref (child));

  return TRUE;
}

gboolean
credence_pathway_step_append_child (CredencePathwayStep *self,
                                    CredencePathwayStep *child)
{
  return credence_pathway_step_insert_child (self, -1, child);
}

/**
 * credence_pathway_step_remove_child:
 *
 * Returns: %TRUE when @child was a sub-step of @self and is now removed
 */
gboolean
credence_pathway_step_remove_child (CredencePathwayStep *self,
                                    CredencePathwayStep *child)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (child != NULL, FALSE);

  if (child->parent != self || !g_ptr_array_remove (self->children, child))
    return FALSE;

  child->parent = NULL;
  credence_pathway_step_unref (child);

  return TRUE;
}

/**
 * credence_pathway_step_get_depth:
 *
 * Returns: 0 for a step without parent, 1 for its sub-steps, and so on
 */
guint
credence_pathway_step_get_depth (CredencePathwayStep *self)
{
  guint depth = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (CredencePathwayStep *s = self->parent; s != NULL; s = s->parent)
    depth++;

  return depth;
}

static guint
count_descendants (CredencePathwayStep *step)
{
  guint n = step->children->len;

  for (guint i = 0; i < step->children->len; i++)
    n += count_descendants (g_ptr_array_index (step->children, i));

  return n;
}

/**
 * credence_pathway_is_valid_date:
 * @date: (nullable): a date
 *
 * Returns: whether @date is a calendar date written YYYY-MM-DD
 */
gboolean
credence_pathway_is_valid_date (const char *date)
{
  guint year, month, day;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;

  year = g_ascii_strtoull (date, NULL, 10);
  month = g_ascii_strtoull (date + 5, NULL, 10);
  day = g_ascii_strtoull (date + 8, NULL, 10);

  return year >= 1 && g_date_valid_dmy (day, month, year);
}

/**
 * credence_pathway_is_valid_url:
 * @url: (nullable): a URL
 *
 * Returns: whether @url is an absolute http or https URL with a host
 */
gboolean
credence_pathway_is_valid_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  return (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0) &&
         host != NULL && host[0] != '\0';
}

static void
credence_pathway_finalize (GObject *object)
{
  CredencePathway *self = (CredencePathway *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->target_date, g_free);
  g_clear_pointer (&self->root, credence_pathway_step_unref);

  G_OBJECT_CLASS (credence_pathway_parent_class)->finalize (object);
}

static void
credence_pathway_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CredencePathway *self = CREDENCE_PATHWAY (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_TARGET_DATE:
      g_value_set_string (value, self->target_date);
      break;

    case PROP_COUNT_EXPIRED:
      g_value_set_boolean (value, self->count_expired);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
credence_pathway_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CredencePathway *self = CREDENCE_PATHWAY (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      credence_pathway_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      credence_pathway_set_description (self, g_value_get_string (value));
      break;

    case PROP_TARGET_DATE:
      credence_pathway_set_target_date (self, g_value_get_string (value));
      break;

    case PROP_COUNT_EXPIRED:
      credence_pathway_set_count_expired (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
credence_pathway_class_init (CredencePathwayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = credence_pathway_finalize;
  object_class->get_property = credence_pathway_get_property;
  object_class->set_property = credence_pathway_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TARGET_DATE] =
    g_param_spec_string ("target-date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COUNT_EXPIRED] =
    g_param_spec_boolean ("count-expired", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
credence_pathway_init (CredencePathway *self)
{
  self->title = g_strdup ("");
  self->count_expired = TRUE;
  self->root = credence_pathway_step_new_group ("", 0);
}

/**
 * credence_pathway_new:
 * @title: the goal, e.g. "Data Analyst"
 *
 * Returns: (transfer full): a pathway without steps
 */
CredencePathway *
credence_pathway_new (const char *title)
{
  return g_object_new (CREDENCE_TYPE_PATHWAY, "title", title, NULL);
}

const char *
credence_pathway_get_title (CredencePathway *self)
{
  g_return_val_if_fail (CREDENCE_IS_PATHWAY (self), NULL);

  return self->title;
}

void
credence_pathway_set_title (CredencePathway *self,
                            const char      *title)
{
  g_return_if_fail (CREDENCE_IS_PATHWAY (self));

  if (title == NULL)
    title = "";

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * credence_pathway_get_description:
 *
 * Returns: (nullable): the description
 */
const char *
credence_pathway_get_description (CredencePathway *self)
{
  g_return_val_if_fail (CREDENCE_IS_PATHWAY (self), NULL);

  return self->description;
}

void
credence_pathway_set_description (CredencePathway *self,
                                  const char      *description)
{
  g_autofree char *value = NULL;

  g_return_if_fail (CREDENCE_IS_PATHWAY (self));

  value = dup_nonempty (description);
  if (g_strcmp0 (self->description, value) == 0)
    return;

  g_free (self->description);
  self->description = g_steal_pointer (&value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * credence_pathway_get_target_date:
 *
 * Returns: (nullable): the goal date, YYYY-MM-DD
 */
const char *
credence_pathway_get_target_date (CredencePathway *self)
{
  g_return_val_if_fail (CREDENCE_IS_PATHWAY (self), NULL);

  return self->target_date;
}

/**
 * credence_pathway_set_target_date:
 * @date: (nullable): YYYY-MM-DD, or %NULL or "" for none
 *
 * Returns: %FALSE (and changes nothing) when @date is not a valid date
 */
gboolean
credence_pathway_set_target_date (CredencePathway *self,
                                  const char      *date)
{
  g_return_val_if_fail (CREDENCE_IS_PATHWAY (self), FALSE);

  if (date != NULL && date[0] == '\0')
    date = NULL;

  if (date != NULL && !credence_pathway_is_valid_date (date))
    return FALSE;

  if (g_strcmp0 (self->target_date, date) == 0)
    return TRUE;

  g_free (self->target_date);
  self->target_date = g_strdup (date);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET_DATE]);

  return TRUE;
}

/**
 * credence_pathway_get_count_expired:
 *
 * Returns: whether a step done only by an expired (but otherwise genuine)
 *   badge counts as earned; %TRUE unless the pathway asks for current badges
 */
gboolean
credence_pathway_get_count_expired (CredencePathway *self)
{
  g_return_val_if_fail (CREDENCE_IS_PATHWAY (self), TRUE);

  return self->count_expired;
}

void
credence_pathway_set_count_expired (CredencePathway *self,
                                    gboolean         count_expired)
{
  g_return_if_fail (CREDENCE_IS_PATHWAY (self));

  count_expired = !!count_expired;
  if (self->count_expired == count_expired)
    return;

  self->count_expired = count_expired;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_EXPIRED]);
}

/**
 * credence_pathway_get_root:
 *
 * The root is a group that requires all of its sub-steps: the pathway's
 * top-level steps are its children.
 *
 * Returns: (transfer none): the root group
 */
CredencePathwayStep *
credence_pathway_get_root (CredencePathway *self)
{
  g_return_val_if_fail (CREDENCE_IS_PATHWAY (self), NULL);

  return self->root;
}

/**
 * credence_pathway_count_steps:
 *
 * Returns: the number of steps at every level, the root not included
 */
guint
credence_pathway_count_steps (CredencePathway *self)
{
  g_return_val_if_fail (CREDENCE_IS_PATHWAY (self), 0);

  return count_descendants (self->root);
}
