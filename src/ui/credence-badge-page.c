/* credence-badge-page.c: one badge, with every check of its last
 * verification explained, its history and its technical details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-badge-page"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-badge-page.h"
#include "credence-ui.h"
#include "credence-verification-card.h"

#define HERO_SIZE 192
#define RAW_DATA_LIMIT (64 * 1024)

struct _CredenceBadgePage
{
  GtkWidget          parent_instance;

  AdwHeaderBar      *header_bar;
  AdwWindowTitle    *window_title;
  GtkScrolledWindow *scroller;
  GtkBox            *content;

  CredenceBadgeItem *item;
  GtkImage          *hero_image;
  CredenceVerificationCard *card;
  GCancellable      *cancellable;
};

G_DEFINE_FINAL_TYPE (CredenceBadgePage, credence_badge_page, GTK_TYPE_WIDGET)

static void
credence_badge_page_dispose (GObject *object)
{
  CredenceBadgePage *self = (CredenceBadgePage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), CREDENCE_TYPE_BADGE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (credence_badge_page_parent_class)->dispose (object);
}

static void
credence_badge_page_class_init (CredenceBadgePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = credence_badge_page_dispose;

  credence_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/credence/Credence/credence-badge-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CredenceBadgePage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CredenceBadgePage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CredenceBadgePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CredenceBadgePage, content);
}

static void
credence_badge_page_init (CredenceBadgePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
credence_badge_page_new (void)
{
  return g_object_new (CREDENCE_TYPE_BADGE_PAGE, NULL);
}

AdwHeaderBar *
credence_badge_page_get_header_bar (CredenceBadgePage *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_PAGE (self), NULL);
  return self->header_bar;
}

/**
 * credence_badge_page_get_item:
 *
 * Returns: (transfer none) (nullable): the badge shown
 */
CredenceBadgeItem *
credence_badge_page_get_item (CredenceBadgePage *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_PAGE (self), NULL);
  return self->item;
}

/* Formats a date for people: "3 March 2026". */
static char *
format_day (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    return NULL;

  local = g_date_time_to_local (date);
  /* Translators: a date, see the strftime() manual. */
  return g_date_time_format (local, _("%-e %B %Y"));
}

static char *
format_unix_day (gint64 when)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (when);

  return format_day (date);
}

static char *
format_checked_ago (gint64 verified_at)
{
  gint64 days;

  if (verified_at <= 0)
    return g_strdup (_("never checked"));

  days = (g_get_real_time () / G_USEC_PER_SEC - verified_at) / (24 * 3600);
  if (days <= 0)
    return g_strdup (_("checked today"));
  if (days == 1)
    return g_strdup (_("checked yesterday"));
  if (days < 60)
    return g_strdup_printf (ngettext ("checked %d day ago", "checked %d days ago", (int)days), (int)days);

  {
    g_autofree char *day = format_unix_day (verified_at);
    /* Translators: %s is a date. */
    return g_strdup_printf (_("checked on %s"), day);
  }
}

static GtkWidget *
status_icon (const char *icon_name,
             const char *css_class)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (image, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, NULL, -1);
  return image;
}

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row;

  if (subtitle == NULL || *subtitle == '\0')
    return NULL;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);

  return row;
}

static void
hero_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CredenceBadgePage) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = credence_thumbnailer_load_finish (CREDENCE_THUMBNAILER (source), result, &error);
  if (texture != NULL && self->hero_image != NULL)
    {
      gtk_image_set_from_paintable (self->hero_image, GDK_PAINTABLE (texture));
      gtk_widget_remove_css_class (GTK_WIDGET (self->hero_image), "badge-placeholder");
    }
}

static void
build_hero (CredenceBadgePage        *self,
            const CredenceStoreBadge *stored,
            CredenceThumbnailer      *thumbnailer)
{
  CredenceBadgeStatus status = credence_badge_item_get_status (self->item);
  g_autofree char *ago = format_checked_ago (credence_badge_item_get_verified_at (self->item));
  g_autofree char *pill_text = NULL;
  GtkWidget *box, *label, *pill;
  const char *issuer = credence_badge_item_get_issuer (self->item);
  const char *issuer_url = stored != NULL ? stored->issuer_url : NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (box, "badge-hero");

  self->hero_image = GTK_IMAGE (gtk_image_new_from_icon_name ("io.github.credence.Credence-symbolic"));
  gtk_image_set_pixel_size (self->hero_image, HERO_SIZE);
  gtk_widget_add_css_class (GTK_WIDGET (self->hero_image), "badge-placeholder");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->hero_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Badge picture"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->hero_image));
  if (thumbnailer != NULL)
    credence_thumbnailer_load_async (thumbnailer, self->item,
                                     HERO_SIZE * gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                     self->cancellable, hero_loaded_cb, g_object_ref (self));

  label = gtk_label_new (credence_badge_item_get_name (self->item));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-1");
  gtk_box_append (GTK_BOX (box), label);

  if (credence_ui_is_web_link (issuer_url))
    {
      g_autofree char *markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", issuer_url, issuer);

      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_widget_set_tooltip_text (label, issuer_url);
    }
  else
    label = gtk_label_new (issuer);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "title-4");
  gtk_box_append (GTK_BOX (box), label);

  if (credence_badge_item_get_sample (self->item))
    {
      label = gtk_label_new (_("Sample badge, for trying Credence out"));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  pill = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (pill, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (pill, "status-pill");
  gtk_widget_add_css_class (pill, credence_badge_status_get_css_class (status));
  gtk_box_append (GTK_BOX (pill), status_icon (credence_badge_status_get_icon_name (status),
                                              credence_badge_status_get_css_class (status)));
  /* Translators: "Valid · checked 2 days ago". */
  pill_text = g_strdup_printf (_("%s · %s"), credence_badge_status_get_title (status), ago);
  gtk_box_append (GTK_BOX (pill), gtk_label_new (pill_text));
  gtk_box_append (GTK_BOX (box), pill);

  gtk_box_append (self->content, box);
}

static void
build_details (CredenceBadgePage        *self,
               const CredenceStoreBadge *stored)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *issued = format_day (credence_badge_item_get_issued (self->item));
  g_autofree char *expires = format_day (credence_badge_item_get_expires (self->item));
  g_autofree char *added = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Details"));
  add_row (ADW_PREFERENCES_GROUP (group), _("Issued"), issued);
  add_row (ADW_PREFERENCES_GROUP (group), _("Expires"), expires);
  if (stored != NULL)
    {
      add_row (ADW_PREFERENCES_GROUP (group), _("Issued To"), stored->recipient);
      add_row (ADW_PREFERENCES_GROUP (group), _("Description"), stored->description);
      if (stored->added_at > 0)
        added = format_unix_day (stored->added_at);
      add_row (ADW_PREFERENCES_GROUP (group), _("Added to Credence"), added);
    }
  else
    add_row (ADW_PREFERENCES_GROUP (group), _("Description"),
             credence_badge_item_get_description (self->item));

  gtk_box_append (self->content, group);
}

static const CredenceStoreVerification *
latest_verification (const CredenceStoreBadge *stored)
{
  if (stored == NULL || stored->history == NULL || stored->history->len == 0)
    return NULL;

  return g_ptr_array_index (stored->history, stored->history->len - 1);
}

static void
build_verification (CredenceBadgePage        *self,
                    const CredenceStoreBadge *stored)
{
  self->card = CREDENCE_VERIFICATION_CARD (credence_verification_card_new ());
  credence_verification_card_set_result (self->card, credence_badge_item_get_status (self->item),
                                         latest_verification (stored));
  gtk_box_append (self->content, GTK_WIDGET (self->card));
}

/* LinkedIn: add the badge to the profile, or share its page in a post. */
static void
build_share (CredenceBadgePage        *self,
             const CredenceStoreBadge *stored)
{
  GtkWidget *group;
  GtkWidget *box;
  g_autoptr(GMenu) menu = NULL;
  GtkWidget *add;
  GtkWidget *share;

  if (stored == NULL)
    return;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("LinkedIn"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Opens LinkedIn in your browser, filled in with this badge and "
                                           "linking to its page on your portfolio site or to its issuer."));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);

  /* Its menu keeps the issuer's LinkedIn organization id. */
  menu = g_menu_new ();
  g_menu_append (menu, _("Issuer’s _Organization ID…"), "win.linkedin-organization");
  add = adw_split_button_new ();
  adw_split_button_set_label (ADW_SPLIT_BUTTON (add), _("_Add to Profile"));
  adw_split_button_set_use_underline (ADW_SPLIT_BUTTON (add), TRUE);
  adw_split_button_set_menu_model (ADW_SPLIT_BUTTON (add), G_MENU_MODEL (menu));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "win.linkedin-add");
  gtk_widget_set_tooltip_text (add, _("Add this badge to your LinkedIn profile as a license or certification"));
  adw_split_button_set_dropdown_tooltip (ADW_SPLIT_BUTTON (add), _("More LinkedIn Options"));
  gtk_widget_set_name (add, "linkedin-add");

  share = gtk_button_new_with_mnemonic (_("S_hare in a Post"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (share), "win.linkedin-share");
  gtk_widget_set_tooltip_text (share, _("Share this badge’s page on LinkedIn"));
  gtk_widget_set_name (share, "linkedin-share");

  gtk_box_append (GTK_BOX (box), add);
  gtk_box_append (GTK_BOX (box), share);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  gtk_box_append (self->content, group);
}

static void
build_history (CredenceBadgePage        *self,
               const CredenceStoreBadge *stored)
{
  GtkWidget *group;

  if (stored == NULL || stored->history == NULL || stored->history->len < 2)
    return;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("History"));

  for (guint i = stored->history->len; i > 0; i--)
    {
      const CredenceStoreVerification *entry = g_ptr_array_index (stored->history, i - 1);
      CredenceBadgeStatus status = credence_badge_status_from_verdict (entry->verdict);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (entry->verified_at);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      /* Translators: a date and time, see the strftime() manual. */
      g_autofree char *when = g_date_time_format (local, _("%-e %B %Y, %H:%M"));
      g_autofree char *subtitle = g_strdup_printf (entry->online ? _("%s, online") : _("%s, offline"), when);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), credence_badge_status_get_title (status));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 status_icon (credence_badge_status_get_icon_name (status),
                                              credence_badge_status_get_css_class (status)));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  gtk_box_append (self->content, group);
}

static void
build_technical (CredenceBadgePage        *self,
                 const CredenceStoreBadge *stored)
{
  GtkWidget *group, *expander, *raw_row, *label;

  if (stored == NULL)
    return;

  group = adw_preferences_group_new ();
  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Technical Details"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("For issuers and support"));

#define TECH_ROW(title, value) \
  G_STMT_START { \
    if ((value) != NULL && *(value) != '\0') \
      { \
        GtkWidget *row_ = adw_action_row_new (); \
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row_), FALSE); \
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row_), title); \
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row_), value); \
        gtk_widget_add_css_class (row_, "property"); \
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row_); \
      } \
  } G_STMT_END

  TECH_ROW (_("Open Badges Version"), stored->spec_version);
  TECH_ROW (_("File Type"), stored->container);
  TECH_ROW (_("Badge ID"), stored->credential_id);
  TECH_ROW (_("Imported From"), stored->source);
  TECH_ROW (_("Collection ID"), stored->uid);
#undef TECH_ROW

  if (stored->payload != NULL)
    {
      gsize len;
      const char *data = g_bytes_get_data (stored->payload, &len);
      g_autofree char *text = g_utf8_make_valid (data, MIN (len, RAW_DATA_LIMIT));

      raw_row = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (raw_row), _("Badge Data"));
      label = gtk_label_new (text);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "monospace");
      gtk_widget_add_css_class (label, "raw-data");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (raw_row), label);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), raw_row);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
  gtk_box_append (self->content, group);
}

/**
 * credence_badge_page_set_badge:
 * @item: the badge
 * @stored: (nullable): the badge as the collection keeps it, with its
 *   history; %NULL while it is being read
 * @thumbnailer: (nullable): where to get its picture
 *
 * Shows @item.
 */
void
credence_badge_page_set_badge (CredenceBadgePage        *self,
                               CredenceBadgeItem        *item,
                               const CredenceStoreBadge *stored,
                               CredenceThumbnailer      *thumbnailer)
{
  GtkWidget *child;

  g_return_if_fail (CREDENCE_IS_BADGE_PAGE (self));
  g_return_if_fail (CREDENCE_IS_BADGE_ITEM (item));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->item != item)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_set_object (&self->item, item);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
  self->hero_image = NULL;
  self->card = NULL;

  adw_window_title_set_title (self->window_title, credence_badge_item_get_name (item));
  build_hero (self, stored, thumbnailer);
  build_details (self, stored);
  build_verification (self, stored);
  build_share (self, stored);
  build_history (self, stored);
  build_technical (self, stored);
}

/**
 * credence_badge_page_set_checking:
 *
 * Shows a spinner in place of Check Again while the badge is checked.
 */
void
credence_badge_page_set_checking (CredenceBadgePage *self,
                                  gboolean           checking)
{
  g_return_if_fail (CREDENCE_IS_BADGE_PAGE (self));

  if (self->card != NULL)
    credence_verification_card_set_checking (self->card, checking);
}

/**
 * credence_badge_page_get_n_check_rows:
 *
 * Returns: how many checks of the last verification are shown
 */
guint
credence_badge_page_get_n_check_rows (CredenceBadgePage *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_PAGE (self), 0);
  return self->card != NULL ? credence_verification_card_get_n_check_rows (self->card) : 0;
}

/**
 * credence_badge_page_get_verdict_title:
 *
 * Returns: (nullable): the verdict shown ("Valid", "Problem Found"…)
 */
const char *
credence_badge_page_get_verdict_title (CredenceBadgePage *self)
{
  g_return_val_if_fail (CREDENCE_IS_BADGE_PAGE (self), NULL);
  return self->card != NULL ? credence_verification_card_get_verdict_title (self->card) : NULL;
}
