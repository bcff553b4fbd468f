/* credence-verification-card.c: the verdict of a badge and each check of
 * its verification, explained; the same on the badge page and in Check a
 * Badge.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-verification-card"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-checker.h"
#include "credence-verification-card.h"

struct _CredenceVerificationCard
{
  GtkWidget  parent_instance;

  GtkWidget *group;
  GtkWidget *check_button;
  GtkStack  *check_stack;
  char      *check_action;
  guint      n_check_rows;
  guint      n_not_checked;
  char      *verdict_title;
};

G_DEFINE_FINAL_TYPE (CredenceVerificationCard, credence_verification_card, GTK_TYPE_WIDGET)

static void
credence_verification_card_dispose (GObject *object)
{
  CredenceVerificationCard *self = (CredenceVerificationCard *)object;

  g_clear_pointer (&self->group, gtk_widget_unparent);

  G_OBJECT_CLASS (credence_verification_card_parent_class)->dispose (object);
}

static void
credence_verification_card_finalize (GObject *object)
{
  CredenceVerificationCard *self = (CredenceVerificationCard *)object;

  g_free (self->verdict_title);
  g_free (self->check_action);

  G_OBJECT_CLASS (credence_verification_card_parent_class)->finalize (object);
}

static void
credence_verification_card_class_init (CredenceVerificationCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = credence_verification_card_dispose;
  object_class->finalize = credence_verification_card_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "verification-card");
}

/* A new, empty group: AdwPreferencesGroup cannot remove rows in 1.2. */
static void
build_group (CredenceVerificationCard *self)
{
  GtkWidget *spinner;

  g_clear_pointer (&self->group, gtk_widget_unparent);
  self->group = adw_preferences_group_new ();
  gtk_widget_set_parent (self->group, GTK_WIDGET (self));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("Verification"));

  /* Check Again, with a spinner while it runs. */
  self->check_stack = GTK_STACK (gtk_stack_new ());
  self->check_button = gtk_button_new_with_mnemonic (_("Check _Again"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->check_button), self->check_action);
  gtk_widget_set_tooltip_text (self->check_button, _("Check the badge again with the issuer (Ctrl+R)"));
  gtk_stack_add_named (self->check_stack, self->check_button, "button");
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Checking"), -1);
  gtk_stack_add_named (self->check_stack, spinner, "spinner");
  gtk_widget_set_valign (GTK_WIDGET (self->check_stack), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->check_stack), self->check_action != NULL);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->group), GTK_WIDGET (self->check_stack));
}

static void
credence_verification_card_init (CredenceVerificationCard *self)
{
  self->check_action = g_strdup ("win.check-again");
  build_group (self);
}

GtkWidget *
credence_verification_card_new (void)
{
  return g_object_new (CREDENCE_TYPE_VERIFICATION_CARD, NULL);
}

/* Formats a date for people: "3 March 2026". */
static char *
format_unix_day (gint64 when)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_local (date);

  /* Translators: a date, see the strftime() manual. */
  return g_date_time_format (local, _("%-e %B %Y"));
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

static void
add_fix_button (AdwExpanderRow *row,
                CredenceReason  reason)
{
  const char *label = NULL, *action = NULL;
  GtkWidget *button;

  switch (reason)
    {
    case CREDENCE_REASON_RECIPIENT_MISMATCH:
      label = _("_Add Identity…");
      action = "app.preferences";
      break;
    case CREDENCE_REASON_UNREACHABLE:
      label = _("_Check Again");
      action = "win.check-again";
      break;
    case CREDENCE_REASON_NOT_A_BADGE:
      label = _("Add From _Link…");
      action = "win.add-from-link";
      break;
    default:
      return;
    }

  button = gtk_button_new_with_mnemonic (label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_expander_row_add_action (row, button);
}

static void
add_check_row (CredenceVerificationCard *self,
               const CredenceCheck      *check)
{
  const char *title = credence_checker_check_title (check->id);
  const char *icon, *css;
  GtkWidget *row;

  switch (check->status)
    {
    case CREDENCE_CHECK_PASS:
      icon = "emblem-ok-symbolic";
      css = "success";
      break;
    case CREDENCE_CHECK_FAIL:
      icon = "dialog-error-symbolic";
      css = "error";
      break;
    case CREDENCE_CHECK_WARN:
      icon = "dialog-warning-symbolic";
      css = "warning";
      break;
    case CREDENCE_CHECK_SKIP:
    default:
      icon = "action-unavailable-symbolic";
      css = "dim-label";
      self->n_not_checked++;
      break;
    }

  if (check->status == CREDENCE_CHECK_FAIL && check->reason != CREDENCE_REASON_NONE)
    {
      g_autofree char *sentence = credence_reason_format_sentence (check->reason, NULL, NULL);
      GtkWidget *detail = adw_action_row_new ();

      /* Failures are open, with what it means and what to do. */
      row = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), credence_reason_get_title (check->reason));
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), status_icon (icon, css));
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (detail), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (detail), sentence);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (detail), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (detail), check->message);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), detail);
      add_fix_button (ADW_EXPANDER_ROW (row), check->reason);
    }
  else
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), check->message);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), status_icon (icon, css));
    }

  gtk_widget_add_css_class (row, "check-row");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), row);
  self->n_check_rows++;
}

/**
 * credence_verification_card_set_result:
 * @status: the badge's verdict
 * @latest: (nullable): its last verification, with the report
 *
 * Shows the verdict and each check of @latest.
 */
void
credence_verification_card_set_result (CredenceVerificationCard        *self,
                                       CredenceBadgeStatus              status,
                                       const CredenceStoreVerification *latest)
{
  GtkWidget *verdict_row;
  g_autoptr(GPtrArray) checks = NULL;
  const char *sentence;

  g_return_if_fail (CREDENCE_IS_VERIFICATION_CARD (self));

  build_group (self);
  verdict_row = adw_action_row_new ();

  if (latest != NULL)
    {
      g_autofree char *day = format_unix_day (latest->verified_at);
      g_autofree char *description = NULL;

      /* Translators: "Last checked 3 March 2026, online". */
      description = g_strdup_printf (latest->online ? _("Last checked %s, online") : _("Last checked %s, offline"),
                                     day);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), description);
    }
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), _("Not checked yet."));

  g_clear_pointer (&self->verdict_title, g_free);
  self->verdict_title = g_strdup (credence_badge_status_get_title (status));
  switch (status)
    {
    case CREDENCE_BADGE_STATUS_VALID:
      sentence = credence_verdict_get_sentence (CREDENCE_VERDICT_VALID);
      break;
    case CREDENCE_BADGE_STATUS_PROBLEM:
      sentence = credence_verdict_get_sentence (CREDENCE_VERDICT_INVALID);
      break;
    case CREDENCE_BADGE_STATUS_COULDNT_CHECK:
      sentence = credence_verdict_get_sentence (CREDENCE_VERDICT_INDETERMINATE);
      break;
    case CREDENCE_BADGE_STATUS_NOT_CHECKED:
    default:
      sentence = _("Check it to see whether the issuer’s records confirm it.");
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (verdict_row), self->verdict_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (verdict_row), sentence);
  adw_action_row_add_prefix (ADW_ACTION_ROW (verdict_row),
                             status_icon (credence_badge_status_get_icon_name (status),
                                          credence_badge_status_get_css_class (status)));
  gtk_widget_add_css_class (verdict_row, "verdict-row");
  gtk_widget_add_css_class (verdict_row, credence_badge_status_get_css_class (status));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), verdict_row);

  self->n_check_rows = 0;
  self->n_not_checked = 0;
  checks = credence_checker_report_checks (latest != NULL ? latest->report : NULL);
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    add_check_row (self, g_ptr_array_index (checks, i));
}

/**
 * credence_verification_card_set_description:
 *
 * Replaces the line under the title ("Last checked …").
 */
void
credence_verification_card_set_description (CredenceVerificationCard *self,
                                            const char               *description)
{
  g_return_if_fail (CREDENCE_IS_VERIFICATION_CARD (self));

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), description);
}

/**
 * credence_verification_card_set_check_action:
 * @action_name: (nullable): the action of Check Again; %NULL hides it
 */
void
credence_verification_card_set_check_action (CredenceVerificationCard *self,
                                             const char               *action_name)
{
  g_return_if_fail (CREDENCE_IS_VERIFICATION_CARD (self));

  g_free (self->check_action);
  self->check_action = g_strdup (action_name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->check_button), action_name);
  gtk_widget_set_visible (GTK_WIDGET (self->check_stack), action_name != NULL);
}

/**
 * credence_verification_card_set_checking:
 *
 * Shows a spinner in place of Check Again while the badge is checked.
 */
void
credence_verification_card_set_checking (CredenceVerificationCard *self,
                                         gboolean                  checking)
{
  g_return_if_fail (CREDENCE_IS_VERIFICATION_CARD (self));

  gtk_stack_set_visible_child_name (self->check_stack, checking ? "spinner" : "button");
}

/**
 * credence_verification_card_get_n_check_rows:
 *
 * Returns: how many checks are shown
 */
guint
credence_verification_card_get_n_check_rows (CredenceVerificationCard *self)
{
  g_return_val_if_fail (CREDENCE_IS_VERIFICATION_CARD (self), 0);
  return self->n_check_rows;
}

/**
 * credence_verification_card_get_n_not_checked:
 *
 * Returns: how many of the checks shown did not run
 */
guint
credence_verification_card_get_n_not_checked (CredenceVerificationCard *self)
{
  g_return_val_if_fail (CREDENCE_IS_VERIFICATION_CARD (self), 0);
  return self->n_not_checked;
}

/**
 * credence_verification_card_get_verdict_title:
 *
 * Returns: (nullable): the verdict shown ("Valid", "Problem Found"…)
 */
const char *
credence_verification_card_get_verdict_title (CredenceVerificationCard *self)
{
  g_return_val_if_fail (CREDENCE_IS_VERIFICATION_CARD (self), NULL);
  return self->verdict_title;
}
