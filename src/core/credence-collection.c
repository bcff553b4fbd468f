/* credence-collection.c: an ordered set of badges the learner shows together.
 *
 * A collection holds badge ids (the store's uids), in the learner's order,
 * each at most once; a badge can be in many collections.  Recipient
 * identity is hidden by default when a collection is shared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-collection"

#include "config.h"

#include "credence-collection.h"

struct _CredenceCollection
{
  GObject             parent_instance;

  char               *uid;
  char               *name;
  char               *description;
  char               *cover;
  CredenceDisclosure  disclosure;
  CredenceVisibility  visibility;
  GPtrArray          *items; /* char *, owned */
};

G_DEFINE_FINAL_TYPE (CredenceCollection, credence_collection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_COVER,
  PROP_DISCLOSURE,
  PROP_VISIBILITY,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  ITEMS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const disclosure_names[] = {
  "recipient", "evidence", "description", "dates", "verification", "criteria", "badge-files",
};

static const char * const visibility_names[] = {
  [CREDENCE_VISIBILITY_PRIVATE] = "private",
  [CREDENCE_VISIBILITY_PORTFOLIO] = "portfolio",
};

/**
 * credence_disclosure_to_string:
 * @flag: one flag
 *
 * Returns: (nullable): its stable name ("recipient", "evidence",
 *   "description", "dates", "verification", "criteria", "badge-files")
 */
const char *
credence_disclosure_to_string (CredenceDisclosure flag)
{
  for (guint i = 0; i < G_N_ELEMENTS (disclosure_names); i++)
    if (flag == (CredenceDisclosure)(1u << i))
      return disclosure_names[i];

  return NULL;
}

gboolean
credence_disclosure_from_string (const char         *name,
                                 CredenceDisclosure *out_flag)
{
  for (guint i = 0; i < G_N_ELEMENTS (disclosure_names); i++)
    if (g_strcmp0 (name, disclosure_names[i]) == 0)
      {
        if (out_flag != NULL)
          *out_flag = (CredenceDisclosure)(1u << i);
        return TRUE;
      }

  return FALSE;
}

const char *
credence_visibility_to_string (CredenceVisibility visibility)
{
  g_return_val_if_fail ((guint)visibility < G_N_ELEMENTS (visibility_names), NULL);

  return visibility_names[visibility];
}

gboolean
credence_visibility_from_string (const char         *name,
                                 CredenceVisibility *out_visibility)
{
  for (guint i = 0; i < G_N_ELEMENTS (visibility_names); i++)
    if (g_strcmp0 (name, visibility_names[i]) == 0)
      {
        if (out_visibility != NULL)
          *out_visibility = (CredenceVisibility)i;
        return TRUE;
      }

  return FALSE;
}

static void
credence_collection_finalize (GObject *object)
{
  CredenceCollection *self = (CredenceCollection *)object;

  g_clear_pointer (&self->uid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->cover, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (credence_collection_parent_class)->finalize (object);
}

static void
credence_collection_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CredenceCollection *self = CREDENCE_COLLECTION (object);

  switch (prop_id)
    {
    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_COVER:
      g_value_set_string (value, self->cover);
      break;

    case PROP_DISCLOSURE:
      g_value_set_uint (value, self->disclosure);
      break;

    case PROP_VISIBILITY:
      g_value_set_uint (value, self->visibility);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
credence_collection_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CredenceCollection *self = CREDENCE_COLLECTION (object);

  switch (prop_id)
    {
    case PROP_UID:
      credence_collection_set_uid (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      credence_collection_set_name (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      credence_collection_set_description (self, g_value_get_string (value));
      break;

    case PROP_COVER:
      credence_collection_set_cover (self, g_value_get_string (value));
      break;

    case PROP_DISCLOSURE:
      credence_collection_set_disclosure (self, g_value_get_uint (value));
      break;

    case PROP_VISIBILITY:
      credence_collection_set_visibility (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
credence_collection_class_init (CredenceCollectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = credence_collection_finalize;
  object_class->get_property = credence_collection_get_property;
  object_class->set_property = credence_collection_set_property;

  properties[PROP_UID] =
    g_param_spec_string ("uid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COVER] =
    g_param_spec_string ("cover", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DISCLOSURE] =
    g_param_spec_uint ("disclosure", NULL, NULL, 0, CREDENCE_DISCLOSURE_ALL, CREDENCE_DISCLOSURE_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VISIBILITY] =
    g_param_spec_uint ("visibility", NULL, NULL,
                       CREDENCE_VISIBILITY_PRIVATE, CREDENCE_VISIBILITY_PORTFOLIO, CREDENCE_VISIBILITY_PRIVATE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CredenceCollection::items-changed:
   * @position: where the change happened
   * @removed: how many badge ids were removed there
   * @added: how many were added there
   *
   * Emitted like #GListModel::items-changed when badges are added, removed
   * or moved.
   */
  signals[ITEMS_CHANGED] =
    g_signal_new ("items-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
}

static void
credence_collection_init (CredenceCollection *self)
{
  self->name = g_strdup ("");
  self->disclosure = CREDENCE_DISCLOSURE_DEFAULT;
  self->visibility = CREDENCE_VISIBILITY_PRIVATE;
  self->items = g_ptr_array_new_with_free_func (g_free);
}

/**
 * credence_collection_new:
 * @name: what the learner calls it, e.g. "Job Hunt"
 *
 * Returns: (transfer full): an empty, private collection
 */
CredenceCollection *
credence_collection_new (const char *name)
{
  return g_object_new (CREDENCE_TYPE_COLLECTION, "name", name, NULL);
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

/**
 * credence_collection_get_uid:
 *
 * Returns: (nullable): the collection's id in the store, %NULL until saved
 */
const char *
credence_collection_get_uid (CredenceCollection *self)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTION (self), NULL);

  return self->uid;
}

void
credence_collection_set_uid (CredenceCollection *self,
                             const char         *uid)
{
  g_return_if_fail (CREDENCE_IS_COLLECTION (self));

  if (replace_string (&self->uid, uid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UID]);
}

const char *
credence_collection_get_name (CredenceCollection *self)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTION (self), NULL);

  return self->name;
}

void
credence_collection_set_name (CredenceCollection *self,
                              const char         *name)
{
  g_return_if_fail (CREDENCE_IS_COLLECTION (self));

  if (name == NULL)
    name = "";

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * credence_collection_get_description:
 *
 * Returns: (nullable): the description
 */
const char *
credence_collection_get_description (CredenceCollection *self)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTION (self), NULL);

  return self->description;
}

void
credence_collection_set_description (CredenceCollection *self,
                                     const char         *description)
{
  g_return_if_fail (CREDENCE_IS_COLLECTION (self));

  if (replace_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

CredenceDisclosure
credence_collection_get_disclosure (CredenceCollection *self)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTION (self), 0);

  return self->disclosure;
}

void
credence_collection_set_disclosure (CredenceCollection *self,
                                    CredenceDisclosure  disclosure)
{
  g_return_if_fail (CREDENCE_IS_COLLECTION (self));

  disclosure &= CREDENCE_DISCLOSURE_ALL;
  if (self->disclosure == disclosure)
    return;

  self->disclosure = disclosure;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCLOSURE]);
}

gboolean
credence_collection_discloses (CredenceCollection *self,
                               CredenceDisclosure  flag)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTION (self), FALSE);

  return (self->disclosure & flag) == flag;
}

void
credence_collection_set_discloses (CredenceCollection *self,
                                   CredenceDisclosure  flag,
                                   gboolean            disclose)
{
  g_return_if_fail (CREDENCE_IS_COLLECTION (self));

  credence_collection_set_disclosure (self, disclose ? (self->disclosure | flag)
                                                     : (self->disclosure & ~flag));
}

CredenceVisibility
credence_collection_get_visibility (CredenceCollection *self)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTION (self), CREDENCE_VISIBILITY_PRIVATE);

  return self->visibility;
}

void
credence_collection_set_visibility (CredenceCollection *self,
                                    CredenceVisibility  visibility)
{
  g_return_if_fail (CREDENCE_IS_COLLECTION (self));
  g_return_if_fail ((guint)visibility <= CREDENCE_VISIBILITY_PORTFOLIO);

  if (self->visibility == visibility)
    return;

  self->visibility = visibility;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBILITY]);
}

/**
 * credence_collection_get_cover:
 *
 * Returns: (nullable): the badge shown for the collection; %NULL means the
 *   first one
 */
const char *
credence_collection_get_cover (CredenceCollection *self)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTION (self), NULL);

  return self->cover;
}

/**
 * credence_collection_set_cover:
 * @badge_uid: (nullable): a badge in the collection, or %NULL
 *
 * Returns: %FALSE (and changes nothing) when @badge_uid is not in the
 *   collection
 */
gboolean
credence_collection_set_cover (CredenceCollection *self,
                               const char         *badge_uid)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTION (self), FALSE);

  if (badge_uid != NULL && credence_collection_find (self, badge_uid) < 0)
    return FALSE;

  if (replace_string (&self->cover, badge_uid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COVER]);

  return TRUE;
}

guint
credence_collection_get_n_items (CredenceCollection *self)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTION (self), 0);

  return self->items->len;
}

/**
 * credence_collection_get_item:
 *
 * Returns: (nullable): the badge uid at @position
 */
const char *
credence_collection_get_item (CredenceCollection *self,
                              guint               position)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTION (self), NULL);

  if (position >= self->items->len)
    return NULL;

  return g_ptr_array_index (self->items, position);
}

/**
 * credence_collection_find:
 *
 * Returns: the position of @badge_uid, or -1
 */
int
credence_collection_find (CredenceCollection *self,
                          const char         *badge_uid)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTION (self), -1);

  for (guint i = 0; i < self->items->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->items, i), badge_uid) == 0)
      return (int)i;

  return -1;
}

static void
items_changed (CredenceCollection *self,
               guint               position,
               guint               removed,
               guint               added)
{
  g_signal_emit (self, signals[ITEMS_CHANGED], 0, position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * credence_collection_insert:
 * @position: where, -1 for the end
 * @badge_uid: a badge
 *
 * Returns: %FALSE when the badge is already in the collection
 */
gboolean
credence_collection_insert (CredenceCollection *self,
                            int                 position,
                            const char         *badge_uid)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (badge_uid != NULL && badge_uid[0] != '\0', FALSE);

  if (credence_collection_find (self, badge_uid) >= 0)
    return FALSE;

  if (position < 0 || (guint)position > self->items->len)
    position = self->items->len;

  g_ptr_array_insert (self->items, position, g_strdup (badge_uid));
  items_changed (self, position, 0, 1);

  return TRUE;
}

gboolean
credence_collection_add (CredenceCollection *self,
                         const char         *badge_uid)
{
  return credence_collection_insert (self, -1, badge_uid);
}

/**
 * credence_collection_remove:
 *
 * Removes a badge; when it was the cover, the collection has no cover.
 *
 * Returns: %FALSE when the badge was not in the collection
 */
gboolean
credence_collection_remove (CredenceCollection *self,
                            const char         *badge_uid)
{
  int position;

  g_return_val_if_fail (CREDENCE_IS_COLLECTION (self), FALSE);

  position = credence_collection_find (self, badge_uid);
  if (position < 0)
    return FALSE;

  g_ptr_array_remove_index (self->items, position);
  if (g_strcmp0 (self->cover, badge_uid) == 0)
    credence_collection_set_cover (self, NULL);
  items_changed (self, position, 1, 0);

  return TRUE;
}

/**
 * credence_collection_move:
 * @position: the new position; past the end means last
 *
 * Returns: %FALSE when the badge is not in the collection
 */
gboolean
credence_collection_move (CredenceCollection *self,
                          const char         *badge_uid,
                          guint               position)
{
  int from;
  char *item;

  g_return_val_if_fail (CREDENCE_IS_COLLECTION (self), FALSE);

  from = credence_collection_find (self, badge_uid);
  if (from < 0)
    return FALSE;

  if (position >= self->items->len)
    position = self->items->len - 1;
  if ((guint)from == position)
    return TRUE;

  item = g_ptr_array_steal_index (self->items, from);
  g_ptr_array_insert (self->items, position, item);
  items_changed (self, MIN ((guint)from, position), ABS ((int)position - from) + 1,
                 ABS ((int)position - from) + 1);

  return TRUE;
}

/**
 * credence_collection_dup_items:
 *
 * Returns: (transfer full): the badge uids, in order
 */
char **
credence_collection_dup_items (CredenceCollection *self)
{
  char **items;

  g_return_val_if_fail (CREDENCE_IS_COLLECTION (self), NULL);

  items = g_new0 (char *, self->items->len + 1);
  for (guint i = 0; i < self->items->len; i++)
    items[i] = g_strdup (g_ptr_array_index (self->items, i));

  return items;
}
