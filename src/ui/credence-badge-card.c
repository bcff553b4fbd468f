/* credence-badge-card.c: one badge in the library grid: image, name,
 * issuer and a status emblem.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-badge-card"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-badge-card.h"
#include "credence-ui.h"

struct _CredenceBadgeCard
{
  GtkWidget          parent_instance;

  GtkImage          *image;
  GtkImage          *emblem;
  GtkLabel          *sample_label;
  GtkLabel          *name_label;
  GtkLabel          *issuer_label;

  CredenceBadgeItem *item;
  GCancellable      *cancellable;
  gboolean           has_thumbnail;
};

#define THUMBNAIL_SIZE 128

G_DEFINE_FINAL_TYPE (CredenceBadgeCard, credence_badge_card, GTK_TYPE_WIDGET)

static const char * const status_classes[] = { "success", "error", "warning", "dim-label" };

static void
update_status (CredenceBadgeCard *self)
{
  CredenceBadgeStatus status = credence_badge_item_get_status (self->item);
  g_autofree char *label = credence_badge_item_dup_accessible_label (self->item);

  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->emblem), status_classes[i]);

  gtk_image_set_from_icon_name (self->emblem, credence_badge_status_get_icon_name (status));
  gtk_widget_add_css_class (GTK_WIDGET (self->emblem), credence_badge_status_get_css_class (status));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->emblem), credence_badge_status_get_title (status));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
item_status_cb (CredenceBadgeCard *self)
{
  update_status (self);
}

static void
credence_badge_card_dispose (GObject *object)
{
  CredenceBadgeCard *self = (CredenceBadgeCard *)object;

  GtkWidget *child;

  credence_badge_card_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CREDENCE_TYPE_BADGE_CARD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (credence_badge_card_parent_class)->dispose (object);
}

static void
credence_badge_card_class_init (CredenceBadgeCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = credence_badge_card_dispose;

  credence_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/credence/Credence/credence-badge-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CredenceBadgeCard, image);
  gtk_widget_class_bind_template_child (widget_class, CredenceBadgeCard, emblem);
  gtk_widget_class_bind_template_child (widget_class, CredenceBadgeCard, sample_label);
  gtk_widget_class_bind_template_child (widget_class, CredenceBadgeCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, CredenceBadgeCard, issuer_label);
  gtk_widget_class_set_css_name (widget_class, "badgecard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
credence_badge_card_init (CredenceBadgeCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
credence_badge_card_new (void)
{
  return g_object_new (CREDENCE_TYPE_BADGE_CARD, NULL);
}

/**
 * credence_badge_card_get_item:
 *
 * Returns: (transfer none) (nullable): the badge shown.
 */
CredenceBadgeItem *
credence_badge_card_get_item (CredenceBadgeCard *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_CARD (self), NULL);

  return self->item;
}

/**
 * credence_badge_card_set_item:
 * @item: (nullable): the badge to show
 *
 * Shows @item, without a thumbnail until one is set.
 */
void
credence_badge_card_set_item (CredenceBadgeCard *self,
                              CredenceBadgeItem *item)
{
  g_return_if_fail (CREDENCE_IS_BADGE_CARD (self));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, item_status_cb, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->item, item);
  credence_badge_card_set_thumbnail (self, NULL);

  if (item == NULL)
    return;

  gtk_label_set_label (self->name_label, credence_badge_item_get_name (item));
  gtk_label_set_label (self->issuer_label, credence_badge_item_get_issuer (item));
  gtk_widget_set_visible (GTK_WIDGET (self->sample_label), credence_badge_item_get_sample (item));
  g_signal_connect_object (item, "notify::status", G_CALLBACK (item_status_cb), self,
                           G_CONNECT_SWAPPED);
  update_status (self);
}

/**
 * credence_badge_card_set_thumbnail:
 * @thumbnail: (nullable): the badge's image, or %NULL for the placeholder
 */
void
credence_badge_card_set_thumbnail (CredenceBadgeCard *self,
                                   GdkPaintable      *thumbnail)
{
  g_return_if_fail (CREDENCE_IS_BADGE_CARD (self));

  self->has_thumbnail = thumbnail != NULL;
  if (thumbnail != NULL)
    {
      gtk_image_set_from_paintable (self->image, thumbnail);
      gtk_widget_remove_css_class (GTK_WIDGET (self->image), "badge-placeholder");
    }
  else
    {
      gtk_image_set_from_icon_name (self->image, "io.github.credence.Credence-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->image), "badge-placeholder");
    }
}

gboolean
credence_badge_card_has_thumbnail (CredenceBadgeCard *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_CARD (self), FALSE);

  return self->has_thumbnail;
}

static void
thumbnail_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CredenceBadgeCard) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = credence_thumbnailer_load_finish (CREDENCE_THUMBNAILER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texture == NULL)
    {
      /* No picture that can be shown: the placeholder stays. */
      /* Not the message: it may quote the badge (its image address). */
      g_debug ("No picture: %s %d", g_quark_to_string (error->domain), error->code);
      return;
    }

  credence_badge_card_set_thumbnail (self, GDK_PAINTABLE (texture));
}

/**
 * credence_badge_card_load_thumbnail:
 *
 * Shows the badge's picture once @thumbnailer has it (at once when it is
 * in memory).
 */
void
credence_badge_card_load_thumbnail (CredenceBadgeCard   *self,
                                    CredenceThumbnailer *thumbnailer)
{
  int size;
  GdkTexture *cached;

  g_return_if_fail (CREDENCE_IS_BADGE_CARD (self));
  g_return_if_fail (CREDENCE_IS_THUMBNAILER (thumbnailer));

  if (self->item == NULL)
    return;

  size = THUMBNAIL_SIZE * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  cached = credence_thumbnailer_lookup (thumbnailer, self->item, size);
  if (cached != NULL)
    {
      credence_badge_card_set_thumbnail (self, GDK_PAINTABLE (cached));
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  credence_thumbnailer_load_async (thumbnailer, self->item, size, self->cancellable,
                                   thumbnail_loaded_cb, g_object_ref (self));
}
