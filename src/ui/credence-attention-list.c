/* credence-attention-list.c: the Needs Attention page, the badges that
 * need it grouped by why (revoked, expired, another problem, could not
 * check, not checked for a long time) under a header per group.
 *
 * GTK 4.8 list views have no sections, so the rows are one flat model:
 * for each group a one-item store with its header (empty when the group
 * is) followed by the group's badges, filtered from the attention model.
 * The list view stays virtual, so thousands of rows cost what is seen.
 *
 * Each row says why in a sentence and carries its fix, if it has one;
 * Check All Again above the list runs win.check-attention, whose progress
 * the window shows here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-attention-list"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-attention-list.h"
#include "credence-verification.h"

/* As CredenceLibrary: a badge not checked for this long needs attention. */
#define STALE_CHECK_SECONDS (180 * 24 * 3600)

struct _CredenceAttentionList
{
  AdwBin              parent_instance;

  GtkListView        *list_view;
  GtkWidget          *check_all_button;
  GtkWidget          *progress_box;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;
  GListStore         *parts;
  GListStore         *headers[CREDENCE_ATTENTION_N_GROUPS];
  GtkFilterListModel *groups[CREDENCE_ATTENTION_N_GROUPS];
  GtkFilter          *source_filter;
  GtkFlattenListModel *rows;
};

G_DEFINE_FINAL_TYPE (CredenceAttentionList, credence_attention_list, ADW_TYPE_BIN)

enum {
  SIGNAL_ACTIVATE_BADGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * credence_attention_group_for_item:
 * @now: the current time, Unix seconds
 *
 * Returns: the group @item is shown in, for a badge that needs attention
 */
CredenceAttentionGroup
credence_attention_group_for_item (CredenceBadgeItem *item,
                                   gint64             now)
{
  const char *reason = credence_badge_item_get_reason (item);
  GDateTime *expires = credence_badge_item_get_expires (item);
  gboolean expired = expires != NULL && g_date_time_to_unix (expires) <= now;

  if (g_strcmp0 (reason, "revoked") == 0 || g_strcmp0 (reason, "suspended") == 0)
    return CREDENCE_ATTENTION_REVOKED;
  if (g_strcmp0 (reason, "expired") == 0 || expired)
    return CREDENCE_ATTENTION_EXPIRED;

  switch (credence_badge_item_get_status (item))
    {
    case CREDENCE_BADGE_STATUS_PROBLEM:
      return CREDENCE_ATTENTION_PROBLEM;
    case CREDENCE_BADGE_STATUS_COULDNT_CHECK:
      return CREDENCE_ATTENTION_COULDNT_CHECK;
    case CREDENCE_BADGE_STATUS_NOT_CHECKED:
    case CREDENCE_BADGE_STATUS_VALID:
    default:
      return CREDENCE_ATTENTION_NOT_CHECKED;
    }
}

const char *
credence_attention_group_get_title (CredenceAttentionGroup group)
{
  switch (group)
    {
    case CREDENCE_ATTENTION_REVOKED:
      return _("Revoked by Issuer");
    case CREDENCE_ATTENTION_EXPIRED:
      return _("Expired");
    case CREDENCE_ATTENTION_PROBLEM:
      return _("Problem Found");
    case CREDENCE_ATTENTION_COULDNT_CHECK:
      return _("Couldn’t Check");
    case CREDENCE_ATTENTION_NOT_CHECKED:
      return _("Not Checked Recently");
    case CREDENCE_ATTENTION_N_GROUPS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *
group_description (CredenceAttentionGroup group)
{
  switch (group)
    {
    case CREDENCE_ATTENTION_REVOKED:
      return _("The issuer withdrew or paused these; contact them if this seems wrong.");
    case CREDENCE_ATTENTION_EXPIRED:
      return _("Genuine, but no longer current. Ask the issuer about renewal.");
    case CREDENCE_ATTENTION_PROBLEM:
      return _("A check failed; open a badge to see what to do.");
    case CREDENCE_ATTENTION_COULDNT_CHECK:
      return _("Some checks need the issuer’s website; the last result is kept.");
    case CREDENCE_ATTENTION_NOT_CHECKED:
      return _("Never checked, or not for six months. Check them again.");
    case CREDENCE_ATTENTION_N_GROUPS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
group_filter_func (gpointer item,
                   gpointer user_data)
{
  return credence_attention_group_for_item (item, g_get_real_time () / G_USEC_PER_SEC) ==
         (CredenceAttentionGroup)GPOINTER_TO_INT (user_data);
}

/* The header of a group: its title and count, or nothing when empty. */
static void
update_header (CredenceAttentionList  *self,
               CredenceAttentionGroup  group)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->groups[group]));
  GListStore *header = self->headers[group];
  guint had = g_list_model_get_n_items (G_LIST_MODEL (header));
  g_autoptr(GtkStringObject) title = NULL;

  if (n == 0)
    {
      if (had > 0)
        g_list_store_remove_all (header);
      return;
    }

  if (had > 0)
    {
      g_autoptr(GObject) old = g_list_model_get_item (G_LIST_MODEL (header), 0);

      if (GPOINTER_TO_UINT (g_object_get_data (old, "credence-count")) == n)
        return;
    }

  title = gtk_string_object_new (credence_attention_group_get_title (group));
  g_object_set_data (G_OBJECT (title), "credence-group", GINT_TO_POINTER (group));
  g_object_set_data (G_OBJECT (title), "credence-count", GUINT_TO_POINTER (n));
  g_list_store_splice (header, 0, had, (gpointer *)&title, 1);
}

static void
group_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  CredenceAttentionList *self = user_data;

  for (guint i = 0; i < CREDENCE_ATTENTION_N_GROUPS; i++)
    if (G_LIST_MODEL (self->groups[i]) == model)
      update_header (self, i);
}

/* A badge checked again may move between groups while it still needs
 * attention: the groups follow the attention filter.
 */
static void
source_filter_changed_cb (CredenceAttentionList *self)
{
  for (guint i = 0; i < CREDENCE_ATTENTION_N_GROUPS; i++)
    if (self->groups[i] != NULL)
      gtk_filter_changed (gtk_filter_list_model_get_filter (self->groups[i]), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
drop_source_filter (CredenceAttentionList *self)
{
  if (self->source_filter != NULL)
    g_signal_handlers_disconnect_by_data (self->source_filter, self);
  g_clear_object (&self->source_filter);
}

/* Formats a date for people: "3 March 2026". */
static char *
format_day (GDateTime *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date);

  /* Translators: a date, see the strftime() manual. */
  return g_date_time_format (local, _("%-e %B %Y"));
}

/* What a badge's reason means and what to do, as §4 of the design says
 * it; %NULL when its group's header says it all.
 */
static char *
row_sentence (CredenceBadgeItem *badge,
              CredenceReason     reason)
{
  GDateTime *expires = credence_badge_item_get_expires (badge);
  g_autofree char *date = NULL;

  switch (reason)
    {
    case CREDENCE_REASON_NONE:
      if (expires != NULL && g_date_time_to_unix (expires) <= g_get_real_time () / G_USEC_PER_SEC)
        {
          date = format_day (expires);
          return credence_reason_format_sentence (CREDENCE_REASON_EXPIRED, date, NULL);
        }
      switch (credence_badge_item_get_status (badge))
        {
        case CREDENCE_BADGE_STATUS_PROBLEM:
          return g_strdup (credence_verdict_get_sentence (CREDENCE_VERDICT_INVALID));
        case CREDENCE_BADGE_STATUS_COULDNT_CHECK:
          return g_strdup (credence_verdict_get_sentence (CREDENCE_VERDICT_INDETERMINATE));
        case CREDENCE_BADGE_STATUS_NOT_CHECKED:
        case CREDENCE_BADGE_STATUS_VALID:
        default:
          return NULL;
        }
    /* Without the date, the group's header says it. */
    case CREDENCE_REASON_EXPIRED:
      if (expires == NULL)
        return NULL;
      date = format_day (expires);
      return credence_reason_format_sentence (reason, date, NULL);
    case CREDENCE_REASON_NOT_YET_VALID:
      if (credence_badge_item_get_issued (badge) == NULL)
        return NULL;
      date = format_day (credence_badge_item_get_issued (badge));
      return credence_reason_format_sentence (reason, date, NULL);
    case CREDENCE_REASON_BAD_SIGNATURE:
    case CREDENCE_REASON_REVOKED:
    case CREDENCE_REASON_RECIPIENT_MISMATCH:
    case CREDENCE_REASON_ISSUER_KEY_MISMATCH:
    case CREDENCE_REASON_HOSTED_MISMATCH:
    case CREDENCE_REASON_UNREACHABLE:
    case CREDENCE_REASON_MALFORMED_IMAGE:
    case CREDENCE_REASON_NOT_A_BADGE:
    case CREDENCE_REASON_INVALID_DATA:
    case CREDENCE_REASON_SUSPENDED:
    case CREDENCE_REASON_UNSUPPORTED:
    default:
      return credence_reason_format_sentence (reason, NULL, NULL);
    }
}

/* The row's fix: Add Identity… for an address not recognized, Add From
 * Link… for a file without badge data, and Check Again for what a new
 * check may settle (could not check, not checked lately, suspended).
 * Revoked, expired and other problems have none: the sentence says whom
 * to ask, and the row opens the badge.
 */
static void
bind_fix (GtkWidget         *box,
          CredenceBadgeItem *badge,
          CredenceReason     reason)
{
  GtkWidget *check_button = g_object_get_data (G_OBJECT (box), "check-button");
  CredenceAttentionGroup group = credence_attention_group_for_item (badge, g_get_real_time () / G_USEC_PER_SEC);
  gboolean identity = reason == CREDENCE_REASON_RECIPIENT_MISMATCH;
  gboolean link = reason == CREDENCE_REASON_NOT_A_BADGE;
  gboolean check = !identity && !link &&
                   (reason == CREDENCE_REASON_UNREACHABLE || reason == CREDENCE_REASON_SUSPENDED ||
                    group == CREDENCE_ATTENTION_COULDNT_CHECK || group == CREDENCE_ATTENTION_NOT_CHECKED);
  g_autofree char *check_label = NULL;

  gtk_actionable_set_action_target (GTK_ACTIONABLE (check_button), "s", credence_badge_item_get_uid (badge));
  /* Translators: the accessible name of a row's Check Again button: "Check “Data Basics” Again". */
  check_label = g_strdup_printf (_("Check “%s” Again"), credence_badge_item_get_name (badge));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check_button), GTK_ACCESSIBLE_PROPERTY_LABEL, check_label, -1);
  gtk_widget_set_visible (check_button, check);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "identity-button"), identity);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "link-button"), link);
}

/* One kind of row widget serves both: a header or a badge. */
static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          CredenceAttentionList    *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title, *count, *description, *icon, *name, *subtitle, *sentence;
  GtkWidget *check_button, *identity_button, *link_button;

  title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  count = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (count), 0);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "caption");
  description = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), description);
  gtk_box_append (GTK_BOX (header), count);
  gtk_widget_add_css_class (header, "attention-header");

  icon = gtk_image_new ();
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  sentence = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (sentence), 0);
  gtk_label_set_wrap (GTK_LABEL (sentence), TRUE);
  gtk_widget_add_css_class (sentence, "dim-label");
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (texts), sentence);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), texts);

  /* The fix of each reason (§4 of the design): one button per kind, so
   * that a recycled row never points a button at an action of another
   * parameter type.
   */
  check_button = gtk_button_new_with_mnemonic (_("_Check Again"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (check_button), "s", "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (check_button), "win.check-badge");
  identity_button = gtk_button_new_with_mnemonic (_("_Add Identity…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (identity_button), "app.preferences");
  link_button = gtk_button_new_with_mnemonic (_("Add From _Link…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (link_button), "win.add-from-link");
  for (GtkWidget *button = check_button; button != NULL;
       button = button == check_button ? identity_button : button == identity_button ? link_button : NULL)
    {
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (button, FALSE);
      gtk_box_append (GTK_BOX (row), button);
    }
  gtk_widget_add_css_class (row, "attention-row");

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), row);
  g_object_set_data (G_OBJECT (box), "header", header);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "count", count);
  g_object_set_data (G_OBJECT (box), "description", description);
  g_object_set_data (G_OBJECT (box), "row", row);
  g_object_set_data (G_OBJECT (box), "icon", icon);
  g_object_set_data (G_OBJECT (box), "name", name);
  g_object_set_data (G_OBJECT (box), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (box), "sentence", sentence);
  g_object_set_data (G_OBJECT (box), "check-button", check_button);
  g_object_set_data (G_OBJECT (box), "identity-button", identity_button);
  g_object_set_data (G_OBJECT (box), "link-button", link_button);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         CredenceAttentionList    *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  gpointer item = gtk_list_item_get_item (list_item);
  gboolean is_header = GTK_IS_STRING_OBJECT (item);
  static const char * const status_classes[] = { "dim-label", "success", "error", "warning" };

  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "header"), is_header);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "row"), !is_header);
  gtk_list_item_set_activatable (list_item, !is_header);
  gtk_list_item_set_selectable (list_item, !is_header);

  if (is_header)
    {
      CredenceAttentionGroup group = GPOINTER_TO_INT (g_object_get_data (item, "credence-group"));
      guint n = GPOINTER_TO_UINT (g_object_get_data (item, "credence-count"));
      g_autofree char *count = g_strdup_printf (ngettext ("%u badge", "%u badges", n), n);

      gtk_label_set_label (g_object_get_data (G_OBJECT (box), "title"),
                           gtk_string_object_get_string (item));
      gtk_label_set_label (g_object_get_data (G_OBJECT (box), "description"), group_description (group));
      gtk_label_set_label (g_object_get_data (G_OBJECT (box), "count"), count);
      gtk_widget_add_css_class (box, "attention-section");
    }
  else
    {
      CredenceBadgeItem *badge = item;
      CredenceBadgeStatus status = credence_badge_item_get_status (badge);
      GtkWidget *icon = g_object_get_data (G_OBJECT (box), "icon");
      CredenceReason reason = CREDENCE_REASON_NONE;
      g_autofree char *subtitle = NULL;
      g_autofree char *sentence = NULL;
      g_autofree char *label = NULL;
      const char *issuer = credence_badge_item_get_issuer (badge);
      const char *why = credence_badge_status_get_title (status);

      if (credence_badge_item_get_reason (badge) != NULL &&
          credence_reason_from_string (credence_badge_item_get_reason (badge), &reason) &&
          reason != CREDENCE_REASON_NONE)
        why = credence_reason_get_title (reason);

      /* Translators: under a badge's name: "Example University — Revoked by Issuer". */
      subtitle = g_strdup_printf (_("%s — %s"), issuer != NULL ? issuer : _("Unknown issuer"), why);
      sentence = row_sentence (badge, reason);
      gtk_label_set_label (g_object_get_data (G_OBJECT (box), "name"), credence_badge_item_get_name (badge));
      gtk_label_set_label (g_object_get_data (G_OBJECT (box), "subtitle"), subtitle);
      gtk_label_set_label (g_object_get_data (G_OBJECT (box), "sentence"), sentence);
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "sentence"), sentence != NULL);
      bind_fix (box, badge, reason);
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), credence_badge_status_get_icon_name (status));
      for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
        gtk_widget_remove_css_class (icon, status_classes[i]);
      gtk_widget_add_css_class (icon, credence_badge_status_get_css_class (status));
      gtk_widget_remove_css_class (box, "attention-section");

      label = credence_badge_item_dup_accessible_label (badge);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

static void
activate_cb (CredenceAttentionList *self,
             guint                  position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (CREDENCE_IS_BADGE_ITEM (item))
    g_signal_emit (self, signals[SIGNAL_ACTIVATE_BADGE], 0,
                   credence_badge_item_get_uid (CREDENCE_BADGE_ITEM (item)));
}

static void
credence_attention_list_dispose (GObject *object)
{
  CredenceAttentionList *self = (CredenceAttentionList *)object;

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->list_view = NULL;
  self->check_all_button = NULL;
  self->progress_box = NULL;
  self->progress_label = NULL;
  self->progress_bar = NULL;
  for (guint i = 0; i < CREDENCE_ATTENTION_N_GROUPS; i++)
    {
      if (self->groups[i] != NULL)
        g_signal_handlers_disconnect_by_data (self->groups[i], self);
      g_clear_object (&self->groups[i]);
      g_clear_object (&self->headers[i]);
    }
  g_clear_object (&self->rows);
  g_clear_object (&self->parts);
  drop_source_filter (self);

  G_OBJECT_CLASS (credence_attention_list_parent_class)->dispose (object);
}

static void
credence_attention_list_class_init (CredenceAttentionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = credence_attention_list_dispose;

  /**
   * CredenceAttentionList::activate-badge:
   * @uid: the badge's id in the collection
   *
   * A badge's row was activated.
   */
  signals[SIGNAL_ACTIVATE_BADGE] =
    g_signal_new ("activate-badge", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
credence_attention_list_init (CredenceAttentionList *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_scrollable_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar_clamp = adw_clamp_new ();
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->parts = g_list_store_new (G_TYPE_LIST_MODEL);
  self->rows = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->parts)));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)))),
                                                      g_object_ref (factory)));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "attention-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Badges That Need Attention"), -1);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (activate_cb), self, G_CONNECT_SWAPPED);

  adw_clamp_scrollable_set_maximum_size (ADW_CLAMP_SCROLLABLE (clamp), 720);
  adw_clamp_scrollable_set_child (ADW_CLAMP_SCROLLABLE (clamp), GTK_WIDGET (self->list_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);

  /* Above the list: Check All Again, and the progress of a check. */
  self->progress_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (self->progress_box, TRUE);
  gtk_widget_set_valign (self->progress_box, GTK_ALIGN_CENTER);
  self->progress_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->progress_label, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_label), FALSE);
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Checking progress"), -1);
  gtk_box_append (GTK_BOX (self->progress_box), GTK_WIDGET (self->progress_label));
  gtk_box_append (GTK_BOX (self->progress_box), GTK_WIDGET (self->progress_bar));
  self->check_all_button = gtk_button_new_with_mnemonic (_("Check _All Again"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->check_all_button), "win.check-attention");
  gtk_widget_set_halign (self->check_all_button, GTK_ALIGN_END);
  gtk_widget_set_hexpand (self->check_all_button, FALSE);
  gtk_box_append (GTK_BOX (bar), self->progress_box);
  gtk_box_append (GTK_BOX (bar), self->check_all_button);
  gtk_widget_set_halign (bar, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (bar, "attention-bar");
  gtk_widget_set_margin_top (bar, 12);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (bar_clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (bar_clamp), bar);

  gtk_box_append (GTK_BOX (page), bar_clamp);
  gtk_box_append (GTK_BOX (page), scrolled);
  adw_bin_set_child (ADW_BIN (self), page);
}

/**
 * credence_attention_list_set_model:
 * @attention: (element-type CredenceBadgeItem): the badges that need
 *   attention
 */
void
credence_attention_list_set_model (CredenceAttentionList *self,
                                   GListModel            *attention)
{
  g_return_if_fail (CREDENCE_IS_ATTENTION_LIST (self));
  g_return_if_fail (G_IS_LIST_MODEL (attention));

  drop_source_filter (self);
  if (GTK_IS_FILTER_LIST_MODEL (attention) &&
      gtk_filter_list_model_get_filter (GTK_FILTER_LIST_MODEL (attention)) != NULL)
    {
      self->source_filter = g_object_ref (gtk_filter_list_model_get_filter (GTK_FILTER_LIST_MODEL (attention)));
      g_signal_connect_object (self->source_filter, "changed", G_CALLBACK (source_filter_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  g_list_store_remove_all (self->parts);
  for (guint i = 0; i < CREDENCE_ATTENTION_N_GROUPS; i++)
    {
      g_autoptr(GtkCustomFilter) filter = gtk_custom_filter_new (group_filter_func, GINT_TO_POINTER (i), NULL);

      if (self->groups[i] != NULL)
        g_signal_handlers_disconnect_by_data (self->groups[i], self);
      g_clear_object (&self->groups[i]);
      g_clear_object (&self->headers[i]);

      self->headers[i] = g_list_store_new (GTK_TYPE_STRING_OBJECT);
      self->groups[i] = gtk_filter_list_model_new (g_object_ref (attention),
                                                   GTK_FILTER (g_steal_pointer (&filter)));
      /* After the flattened model has taken the change in. */
      g_signal_connect_after (self->groups[i], "items-changed", G_CALLBACK (group_changed_cb), self);
      update_header (self, i);
      g_list_store_append (self->parts, self->headers[i]);
      g_list_store_append (self->parts, self->groups[i]);
    }
}

/**
 * credence_attention_list_get_rows:
 *
 * Returns: (transfer none): the rows shown: for each group with badges, a
 *   #GtkStringObject header, then the group's #CredenceBadgeItems
 */
GListModel *
credence_attention_list_get_rows (CredenceAttentionList *self)
{
  g_return_val_if_fail (CREDENCE_IS_ATTENTION_LIST (self), NULL);
  return G_LIST_MODEL (self->rows);
}

guint
credence_attention_list_get_n_in_group (CredenceAttentionList  *self,
                                        CredenceAttentionGroup  group)
{
  g_return_val_if_fail (CREDENCE_IS_ATTENTION_LIST (self), 0);
  g_return_val_if_fail (group < CREDENCE_ATTENTION_N_GROUPS, 0);

  return self->groups[group] != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->groups[group])) : 0;
}

/**
 * credence_attention_list_set_progress:
 * @done: how many badges were checked again
 * @total: how many are being checked, 0 when none
 *
 * Shows the progress of Check All Again (or of a row's Check Again).
 */
void
credence_attention_list_set_progress (CredenceAttentionList *self,
                                      guint                  done,
                                      guint                  total)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CREDENCE_IS_ATTENTION_LIST (self));

  /* The box stays, empty, to keep Check All Again at the end. */
  gtk_widget_set_visible (GTK_WIDGET (self->progress_label), total > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), total > 0);
  if (total == 0)
    return;

  /* Translators: above the Needs Attention list: "Checking 3 of 12…". */
  text = g_strdup_printf (ngettext ("Checking %u of %u…", "Checking %u of %u…", total), MIN (done + 1, total), total);
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, (double)done / total);
}

/**
 * credence_attention_list_get_progress_text:
 *
 * Returns: (nullable): what the progress says, %NULL when no check runs
 */
const char *
credence_attention_list_get_progress_text (CredenceAttentionList *self)
{
  g_return_val_if_fail (CREDENCE_IS_ATTENTION_LIST (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->progress_label)) ? gtk_label_get_label (self->progress_label) : NULL;
}
