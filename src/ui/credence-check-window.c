/* credence-check-window.c: "Check a Badge": verifies a badge someone sent
 * (a file, a link, pasted or dropped data) without adding it, with the
 * same verification card as the badge page, and offers to add it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-check-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-badge-item.h"
#include "credence-check-window.h"
#include "credence-checker.h"
#include "credence-ob2-verifier.h"
#include "credence-ob3-verifier.h"
#include "credence-paste.h"
#include "credence-ui.h"
#include "credence-window.h"

struct _CredenceCheckWindow
{
  AdwWindow                 parent_instance;

  /* Template widgets */
  AdwToastOverlay          *toast_overlay;
  AdwWindowTitle           *window_title;
  GtkWidget                *another_button;
  GtkWidget                *add_button;
  GtkWidget                *save_button;
  GtkOverlay               *drop_overlay;
  GtkRevealer              *drop_revealer;
  GtkStack                 *stack;
  GtkSpinner               *spinner;
  GtkBox                   *result_box;
  AdwStatusPage            *error_page;

  CredenceVerificationCard *card;
  AdwActionRow             *recipient_row;
  GtkDropTarget            *drop_target;
  GtkFileChooserNative     *chooser;
#if !GTK_CHECK_VERSION (4, 10, 0)
  GtkFileChooserNative     *save_chooser;
#endif
  GtkLabel                 *save_error;    /* on the result, when saving failed */
  GCancellable             *save_cancellable;
  gint64                    check_started;
  double                    check_ms;
  GCancellable             *cancellable;
  CredenceCheckOutcome     *outcome;
  GFile                    *file;      /* what is checked, for Check Again */
  char                     *url;
  GBytes                   *bytes;
  char                     *name;
  char                     *error;
  gboolean                  checking;
};

G_DEFINE_FINAL_TYPE (CredenceCheckWindow, credence_check_window, ADW_TYPE_WINDOW)

static void
show_toast (CredenceCheckWindow *self,
            const char          *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

/* The main window, whose collection badges are added to. */
static CredenceWindow *
find_main_window (CredenceCheckWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    if (CREDENCE_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static gboolean
work_offline (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return FALSE;

  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_boolean (settings, "work-offline");
}

static void
update_actions (CredenceCheckWindow *self)
{
  gboolean result = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "result") == 0;
  gboolean readable = result && self->outcome != NULL && self->outcome->badge != NULL;

  gtk_widget_set_visible (self->another_button, !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "start"));
  gtk_widget_set_visible (self->add_button, readable);
  gtk_widget_set_visible (self->save_button, result && self->outcome != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-report",
                                 result && self->outcome != NULL && self->save_cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-to-collection", readable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-again", result && !self->checking);
}

static void
show_stack_page (CredenceCheckWindow *self,
                 const char          *name)
{
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "checking"));
  gtk_stack_set_visible_child_name (self->stack, name);
  update_actions (self);
}

/* Formats a stored date for people: "3 March 2026". */
static char *
format_day (const char *iso8601)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL)
    return NULL;

  date = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (date == NULL)
    return g_strdup (iso8601);

  local = g_date_time_to_local (date);
  /* Translators: a date, see the strftime() manual. */
  return g_date_time_format (local, _("%-e %B %Y"));
}

static void
add_detail_row (AdwPreferencesGroup *group,
                const char          *title,
                const char          *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;

  /* Badge text is not markup. */
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
}

static gboolean
is_hashed (const char *recipient)
{
  return recipient != NULL &&
         (g_ascii_strncasecmp (recipient, "sha256$", 7) == 0 || g_ascii_strncasecmp (recipient, "md5$", 4) == 0);
}

static void
show_outcome (CredenceCheckWindow *self)
{
  CredenceCheckOutcome *outcome = self->outcome;
  CredenceVerification *report = outcome->report;
  CredenceStoreBadge *badge = outcome->record;
  CredenceVerdict verdict = credence_verification_get_verdict (report);
  CredenceReason reason = credence_verification_get_reason (report);
  gboolean offline = credence_verification_get_offline (report);
  g_autoptr(CredenceStoreVerification) entry = NULL;
  g_autofree char *json = NULL;
  g_autofree char *description = NULL;
  GtkWidget *child, *hero, *label, *group, *picture;
  guint not_checked;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->result_box))) != NULL)
    gtk_box_remove (self->result_box, child);
  self->recipient_row = NULL;

  /* Why Save Report… failed, when it does: here, where it was asked. */
  self->save_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->save_error, TRUE);
  gtk_label_set_xalign (self->save_error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->save_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->save_error), FALSE);
  gtk_box_append (self->result_box, GTK_WIDGET (self->save_error));

  /* The hero: what the badge says it is.  All of it is the sender's text. */
  hero = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (hero, "badge-hero");
  picture = outcome->picture != NULL ? gtk_image_new_from_paintable (GDK_PAINTABLE (outcome->picture))
                                     : gtk_image_new_from_icon_name ("io.github.credence.Credence-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (picture), 192);
  if (outcome->picture == NULL)
    gtk_widget_add_css_class (picture, "badge-placeholder");
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Badge picture"), -1);
  gtk_widget_set_margin_bottom (picture, 6);
  gtk_box_append (GTK_BOX (hero), picture);
  label = gtk_label_new (badge != NULL && badge->name != NULL ? badge->name
                         : badge != NULL ? _("Unnamed Badge") : _("Unreadable Badge"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-1");
  gtk_box_append (GTK_BOX (hero), label);
  if (badge != NULL && badge->issuer_name != NULL)
    {
      label = gtk_label_new (badge->issuer_name);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (label, "title-4");
      gtk_box_append (GTK_BOX (hero), label);
    }
  label = gtk_label_new (_("Nothing is saved."));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (hero), label);
  gtk_box_append (self->result_box, hero);

  if (badge != NULL)
    {
      g_autofree char *issued = format_day (badge->issued_on);
      g_autofree char *expires = format_day (badge->expires_on);

      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Details"));
      add_detail_row (ADW_PREFERENCES_GROUP (group), _("Issued"), issued);
      add_detail_row (ADW_PREFERENCES_GROUP (group), _("Expires"), expires);
      if (is_hashed (badge->recipient))
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Test an Address…"));

          /* A hashed address: the sender can test theirs against it. */
          self->recipient_row = ADW_ACTION_ROW (adw_action_row_new ());
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->recipient_row), _("Issued To"));
          adw_action_row_set_subtitle (self->recipient_row, _("A hidden (hashed) address"));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.test-address");
          adw_action_row_add_suffix (self->recipient_row, button);
          gtk_widget_add_css_class (GTK_WIDGET (self->recipient_row), "property");
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->recipient_row));
        }
      else
        add_detail_row (ADW_PREFERENCES_GROUP (group), _("Issued To"), badge->recipient);
      add_detail_row (ADW_PREFERENCES_GROUP (group), _("Description"), badge->description);
      add_detail_row (ADW_PREFERENCES_GROUP (group), _("Checked From"), outcome->source);
      gtk_box_append (self->result_box, group);
    }

  /* The same card as on the badge page, from the same report. */
  json = credence_verification_to_json_line (report, outcome->source, 0);
  entry = credence_store_verification_new (g_get_real_time () / G_USEC_PER_SEC, !offline,
                                           credence_verdict_to_string (verdict),
                                           reason != CREDENCE_REASON_NONE ? credence_reason_to_string (reason) : NULL,
                                           json);
  self->card = CREDENCE_VERIFICATION_CARD (credence_verification_card_new ());
  credence_verification_card_set_check_action (self->card, "win.check-again");
  credence_verification_card_set_result (self->card, credence_badge_status_from_verdict (entry->verdict), entry);

  /* Say what could not be checked, and why: offline, the checks that
   * need the issuer's website show as Not Checked.
   */
  not_checked = credence_verification_card_get_n_not_checked (self->card);
  if (offline && not_checked > 0)
    description = g_strdup (_("Checked just now, offline: checks that need the issuer’s website did not run."));
  else if (offline)
    description = g_strdup (_("Checked just now, offline."));
  else
    description = g_strdup (_("Checked just now."));
  credence_verification_card_set_description (self->card, description);
  gtk_box_append (self->result_box, GTK_WIDGET (self->card));

  adw_window_title_set_subtitle (self->window_title,
                                 badge != NULL ? badge->name : NULL);
  show_stack_page (self, "result");
}

static void
show_error (CredenceCheckWindow *self,
            const char          *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  adw_status_page_set_description (self->error_page, message);
  adw_window_title_set_subtitle (self->window_title, NULL);
  show_stack_page (self, "error");
}

static void
inspected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CredenceCheckWindow) self = user_data;
  g_autoptr(CredenceCheckOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = credence_checker_inspect_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->checking = FALSE;
  self->check_ms = (g_get_monotonic_time () - self->check_started) / 1000.0;
  if (outcome == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_clear_pointer (&self->outcome, credence_check_outcome_free);
  self->outcome = g_steal_pointer (&outcome);
  show_outcome (self);
}

static void
start_check (CredenceCheckWindow *self)
{
  CredenceWindow *main_window = find_main_window (self);
  CredenceStore *store = main_window != NULL ? credence_window_get_store (main_window) : NULL;
  g_autoptr(GBytes) url_bytes = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->error, g_free);
  self->checking = TRUE;
  self->card = NULL;
  self->save_error = NULL;
  self->check_started = g_get_monotonic_time ();
  show_stack_page (self, "checking");

  if (self->url != NULL)
    url_bytes = g_bytes_new (self->url, strlen (self->url));

  /* The owner's identities, when the collection is open, so that the
   * recipient check can say "your identity".
   */
  credence_checker_inspect_async (store, self->file, self->url != NULL ? url_bytes : self->bytes,
                                  self->name, work_offline (), self->cancellable,
                                  inspected_cb, g_object_ref (self));
}

static void
forget_input (CredenceCheckWindow *self)
{
  g_clear_object (&self->file);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->outcome, credence_check_outcome_free);
}

/**
 * credence_check_window_check_file:
 *
 * Checks the badge file @file.
 */
void
credence_check_window_check_file (CredenceCheckWindow *self,
                                  GFile               *file)
{
  g_return_if_fail (CREDENCE_IS_CHECK_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  forget_input (self);
  self->file = g_object_ref (file);
  self->name = g_file_get_basename (file);
  start_check (self);
}

/**
 * credence_check_window_check_url:
 *
 * Checks the badge at @url (the link of a hosted badge).
 */
void
credence_check_window_check_url (CredenceCheckWindow *self,
                                 const char          *url)
{
  g_return_if_fail (CREDENCE_IS_CHECK_WINDOW (self));
  g_return_if_fail (url != NULL);

  forget_input (self);
  self->url = g_strdup (url);
  self->name = g_strdup (url);
  start_check (self);
}

/**
 * credence_check_window_check_bytes:
 * @name: (nullable): what to call it
 *
 * Checks pasted or dropped data.
 */
void
credence_check_window_check_bytes (CredenceCheckWindow *self,
                                   GBytes              *bytes,
                                   const char          *name)
{
  g_return_if_fail (CREDENCE_IS_CHECK_WINDOW (self));
  g_return_if_fail (bytes != NULL);

  forget_input (self);
  self->bytes = g_bytes_ref (bytes);
  self->name = g_strdup (name != NULL ? name : _("Pasted badge"));
  start_check (self);
}

/**
 * credence_check_window_check_source:
 * @source: an http(s) link, a file URI or a path
 *
 * Checks what the command line names (credence --check).
 */
void
credence_check_window_check_source (CredenceCheckWindow *self,
                                    const char          *source)
{
  g_return_if_fail (CREDENCE_IS_CHECK_WINDOW (self));
  g_return_if_fail (source != NULL);

  if (g_str_has_prefix (source, "https://") || g_str_has_prefix (source, "http://"))
    credence_check_window_check_url (self, source);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (source);

      credence_check_window_check_file (self, file);
    }
}

static void
check_pasted (CredenceCheckWindow *self,
              CredencePasted      *pasted)
{
  if (pasted->files != NULL)
    {
      /* One badge at a time: the first file. */
      if (pasted->files->len > 1)
        show_toast (self, _("Only the first file is checked"));
      credence_check_window_check_file (self, g_ptr_array_index (pasted->files, 0));
    }
  else if (pasted->url != NULL)
    credence_check_window_check_url (self, pasted->url);
  else
    credence_check_window_check_bytes (self, pasted->bytes, pasted->name);
}

static void
pasted_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CredenceCheckWindow) self = user_data;
  g_autoptr(CredencePasted) pasted = NULL;
  g_autoptr(GError) error = NULL;

  pasted = credence_paste_read_finish (result, &error);
  if (pasted == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }

  check_pasted (self, pasted);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CredenceCheckWindow *self = CREDENCE_CHECK_WINDOW (widget);

  credence_paste_read_async (gtk_widget_get_clipboard (widget), self->cancellable,
                             pasted_cb, g_object_ref (self));
}

static gboolean
drop_cb (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         CredenceCheckWindow *self)
{
  g_autoptr(CredencePasted) pasted = NULL;
  g_autoptr(GError) error = NULL;

  pasted = credence_pasted_new_from_value (value, &error);
  if (pasted == NULL)
    {
      show_toast (self, error->message);
      return FALSE;
    }

  check_pasted (self, pasted);
  return TRUE;
}

static void
drop_changed_cb (CredenceCheckWindow *self)
{
  gtk_revealer_set_reveal_child (self->drop_revealer,
                                 gtk_drop_target_get_current_drop (self->drop_target) != NULL);
}

static void
chooser_response_cb (CredenceCheckWindow  *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        credence_check_window_check_file (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CredenceCheckWindow *self = CREDENCE_CHECK_WINDOW (widget);
  g_autoptr(GtkFileFilter) badges = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Check a Badge"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Check"), _("_Cancel"));
  gtk_file_filter_set_name (badges, _("Badges (PNG, SVG, JSON, JWT)"));
  gtk_file_filter_add_mime_type (badges, "image/png");
  gtk_file_filter_add_mime_type (badges, "image/svg+xml");
  gtk_file_filter_add_mime_type (badges, "application/json");
  gtk_file_filter_add_mime_type (badges, "application/ld+json");
  gtk_file_filter_add_suffix (badges, "json");
  gtk_file_filter_add_suffix (badges, "jwt");
  gtk_file_filter_add_suffix (badges, "jws");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), badges);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
link_response_cb (AdwMessageDialog    *dialog,
                  const char          *response,
                  CredenceCheckWindow *self)
{
  g_autofree char *link = credence_ui_link_dialog_dup_link (dialog);

  if (g_strcmp0 (response, "check") == 0 && credence_ui_is_web_link (link))
    credence_check_window_check_url (self, link);
}

static void
enter_link_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AdwMessageDialog *dialog;

  dialog = credence_ui_link_dialog_new (GTK_WINDOW (widget), _("Check Badge From Link"),
                                        _("Paste the link to the badge or its page. It is not added."),
                                        "check", _("_Check"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (link_response_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_again_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CredenceCheckWindow *self = CREDENCE_CHECK_WINDOW (widget);

  if (!self->checking && (self->file != NULL || self->url != NULL || self->bytes != NULL))
    start_check (self);
}

static void
check_another_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CredenceCheckWindow *self = CREDENCE_CHECK_WINDOW (widget);

  g_cancellable_cancel (self->cancellable);
  self->checking = FALSE;
  self->card = NULL;
  self->save_error = NULL;
  forget_input (self);
  adw_window_title_set_subtitle (self->window_title, NULL);
  show_stack_page (self, "start");
}

/* Adds the badge checked to @window's collection, once it is open. */
static void
add_to (CredenceCheckWindow *self,
        CredenceWindow      *window)
{
  CredenceCheckOutcome *outcome = self->outcome;

  if (self->url != NULL)
    credence_window_import_url (window, self->url);
  else if (self->file != NULL)
    {
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      /* The file itself: the import keeps its name as the source. */
      g_ptr_array_add (files, g_object_ref (self->file));
      credence_window_import_files (window, files);
    }
  else
    credence_window_import_bytes (window, outcome->bytes, self->name);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-to-collection", FALSE);
  show_toast (self, _("Adding to your badges…"));
}

static void
main_store_cb (CredenceWindow      *window,
               GParamSpec          *pspec,
               CredenceCheckWindow *self)
{
  if (credence_window_get_store (window) == NULL)
    return;

  g_signal_handlers_disconnect_by_func (window, main_store_cb, self);
  if (self->outcome != NULL)
    add_to (self, window);
}

static void
add_to_collection_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CredenceCheckWindow *self = CREDENCE_CHECK_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  CredenceWindow *window;

  if (self->outcome == NULL || self->outcome->badge == NULL)
    return;

  window = find_main_window (self);
  if (window == NULL && app != NULL)
    {
      window = credence_window_new (CREDENCE_APPLICATION (app));
      gtk_window_present (GTK_WINDOW (window));
    }
  if (window == NULL)
    return;

  /* The collection may still be opening (or locked): add once it is. */
  if (credence_window_get_store (window) == NULL)
    {
      g_signal_connect_object (window, "notify::store", G_CALLBACK (main_store_cb), self, 0);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-to-collection", FALSE);
      show_toast (self, _("The badge is added once the collection is open"));
      return;
    }

  add_to (self, window);
}

/**
 * credence_check_window_test_address:
 * @address: an email address (or another identity)
 *
 * Tests whether the badge checked was issued to @address, and says so on
 * its Issued To row.
 *
 * Returns: whether it matches
 */
gboolean
credence_check_window_test_address (CredenceCheckWindow *self,
                                    const char          *address)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *subtitle = NULL;
  gboolean matches = FALSE;
  JsonNode *json;

  g_return_val_if_fail (CREDENCE_IS_CHECK_WINDOW (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  if (self->outcome == NULL || self->outcome->badge == NULL || self->recipient_row == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (address));
  json = credence_badge_get_json (self->outcome->badge);
  if (*trimmed != '\0' && json != NULL && JSON_NODE_HOLDS_OBJECT (json))
    {
      JsonObject *object = json_node_get_object (json);
      JsonNode *recipient = json_object_get_member (object, "recipient");
      JsonNode *subject = json_object_get_member (object, "credentialSubject");

      if (recipient != NULL && JSON_NODE_HOLDS_OBJECT (recipient))
        matches = credence_ob2_identity_matches (json_node_get_object (recipient), trimmed);
      else if (subject != NULL && JSON_NODE_HOLDS_OBJECT (subject))
        matches = credence_ob3_identity_matches (json_node_get_object (subject), trimmed);
    }

  /* Translators: "“jane@example.org”: Matches" on the Issued To row. */
  subtitle = g_strdup_printf (matches ? _("“%s”: Matches") : _("“%s”: Does not match"), trimmed);
  adw_action_row_set_subtitle (self->recipient_row, subtitle);

  return matches;
}

static void
address_response_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     CredenceCheckWindow *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, "test") == 0)
    credence_check_window_test_address (self, gtk_editable_get_text (entry));
}

static void
test_address_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (widget), _("Test an Address"),
                                   _("The badge hides the address it was issued to. Enter one to see "
                                     "whether it is that address; nothing is sent anywhere."));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_EMAIL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Address"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "test", _("_Test"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "test", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "test");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (address_response_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Save Report… */

/**
 * credence_check_window_dup_report:
 *
 * Returns: (nullable): the report of the badge checked, as
 *   `credence-cli verify --json` prints it (one line, with a newline)
 */
char *
credence_check_window_dup_report (CredenceCheckWindow *self)
{
  g_autofree char *line = NULL;

  g_return_val_if_fail (CREDENCE_IS_CHECK_WINDOW (self), NULL);

  if (self->outcome == NULL || self->outcome->report == NULL)
    return NULL;

  line = credence_verification_to_json_line (self->outcome->report,
                                             self->outcome->source != NULL ? self->outcome->source : self->name,
                                             self->check_ms);
  return g_strconcat (line, "\n", NULL);
}

static void
save_report_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GFile *file = g_object_get_data (G_OBJECT (task), "credence-file");
  const char *report = task_data;
  GError *error = NULL;

  /* Replaced whole (written aside, then renamed): never half written. */
  if (!g_file_replace_contents (file, report, strlen (report), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
report_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CredenceCheckWindow *self = CREDENCE_CHECK_WINDOW (source);
  GFile *file = g_object_get_data (G_OBJECT (result), "credence-file");
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->save_cancellable);
  update_actions (self);

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: shown above the result when Save Report… failed. */
      message = g_strdup_printf (_("The report could not be saved: %s"), error->message);
      if (self->save_error != NULL)
        {
          gtk_label_set_label (self->save_error, message);
          gtk_widget_set_visible (GTK_WIDGET (self->save_error), TRUE);
        }
      return;
    }

  {
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *message = NULL;

    /* Translators: a toast: "Report saved as “badge-report.json”". */
    message = g_strdup_printf (_("Report saved as “%s”"), name);
    show_toast (self, message);
  }
}

/**
 * credence_check_window_save_report:
 * @file: where to save it
 *
 * Saves the report of the badge checked to @file, in a worker thread;
 * a failure is shown above the result.
 */
void
credence_check_window_save_report (CredenceCheckWindow *self,
                                   GFile               *file)
{
  g_autoptr(GTask) task = NULL;
  char *report;

  g_return_if_fail (CREDENCE_IS_CHECK_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  report = credence_check_window_dup_report (self);
  if (report == NULL || self->save_cancellable != NULL)
    {
      g_free (report);
      return;
    }

  if (self->save_error != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->save_error), FALSE);
  self->save_cancellable = g_cancellable_new ();
  update_actions (self);

  task = g_task_new (self, self->save_cancellable, report_saved_cb, NULL);
  g_task_set_source_tag (task, credence_check_window_save_report);
  g_task_set_task_data (task, report, g_free);
  g_object_set_data_full (G_OBJECT (task), "credence-file", g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, save_report_thread);
}

/**
 * credence_check_window_is_saving:
 *
 * Returns: whether a report is being written
 */
gboolean
credence_check_window_is_saving (CredenceCheckWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_CHECK_WINDOW (self), FALSE);
  return self->save_cancellable != NULL;
}

/**
 * credence_check_window_get_save_error:
 *
 * Returns: (nullable): why the last Save Report… failed, as shown
 */
const char *
credence_check_window_get_save_error (CredenceCheckWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_CHECK_WINDOW (self), NULL);

  if (self->save_error == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->save_error)))
    return NULL;
  return gtk_label_get_label (self->save_error);
}

/* "data-basics-report.json" for data-basics.png or its link. */
static char *
report_file_name (CredenceCheckWindow *self)
{
  const char *source = self->outcome != NULL && self->outcome->source != NULL ? self->outcome->source : self->name;
  g_autofree char *base = source != NULL ? g_path_get_basename (source) : NULL;
  char *dot;

  if (base != NULL && (dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  if (base == NULL || *base == '\0' || g_str_equal (base, ".") || g_str_equal (base, G_DIR_SEPARATOR_S))
    /* Translators: the file name Save Report… suggests. */
    return g_strdup (_("badge-report.json"));

  return g_strconcat (base, "-report.json", NULL);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
save_dialog_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CredenceCheckWindow) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  /* Cancelled with the window (or Check Another): no file. */
  if (file != NULL)
    credence_check_window_save_report (self, file);
}
#else
static void
save_chooser_response_cb (CredenceCheckWindow  *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        credence_check_window_save_report (self, file);
    }

  g_clear_object (&self->save_chooser);
}
#endif

static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CredenceCheckWindow *self = CREDENCE_CHECK_WINDOW (widget);
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->outcome == NULL)
    return;

  name = report_file_name (self);
  gtk_file_filter_set_name (filter, _("Reports (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_title (dialog, _("Save Report"));
    gtk_file_dialog_set_accept_label (dialog, _("_Save"));
    gtk_file_dialog_set_initial_name (dialog, name);
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_save (dialog, GTK_WINDOW (self), self->cancellable, save_dialog_cb, g_object_ref (self));
  }
#else
  if (self->save_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
      return;
    }

  self->save_chooser = gtk_file_chooser_native_new (_("Save Report"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->save_chooser), filter);
  g_signal_connect_object (self->save_chooser, "response", G_CALLBACK (save_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
#endif
}

static void
credence_check_window_dispose (GObject *object)
{
  CredenceCheckWindow *self = (CredenceCheckWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
#if !GTK_CHECK_VERSION (4, 10, 0)
  if (self->save_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
  g_clear_object (&self->save_chooser);
#endif
  g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);
  forget_input (self);
  self->card = NULL;
  self->save_error = NULL;
  self->recipient_row = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), CREDENCE_TYPE_CHECK_WINDOW);

  G_OBJECT_CLASS (credence_check_window_parent_class)->dispose (object);
}

static void
credence_check_window_finalize (GObject *object)
{
  CredenceCheckWindow *self = (CredenceCheckWindow *)object;

  g_free (self->error);

  G_OBJECT_CLASS (credence_check_window_parent_class)->finalize (object);
}

static void
credence_check_window_class_init (CredenceCheckWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = credence_check_window_dispose;
  object_class->finalize = credence_check_window_finalize;

  credence_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/credence/Credence/credence-check-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CredenceCheckWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CredenceCheckWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CredenceCheckWindow, another_button);
  gtk_widget_class_bind_template_child (widget_class, CredenceCheckWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, CredenceCheckWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, CredenceCheckWindow, drop_overlay);
  gtk_widget_class_bind_template_child (widget_class, CredenceCheckWindow, drop_revealer);
  gtk_widget_class_bind_template_child (widget_class, CredenceCheckWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CredenceCheckWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CredenceCheckWindow, result_box);
  gtk_widget_class_bind_template_child (widget_class, CredenceCheckWindow, error_page);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  /* Also the fix of "No Badge Found" on the card. */
  gtk_widget_class_install_action (widget_class, "win.add-from-link", NULL, enter_link_action);
  gtk_widget_class_install_action (widget_class, "win.check-again", NULL, check_again_action);
  gtk_widget_class_install_action (widget_class, "win.check-another", NULL, check_another_action);
  gtk_widget_class_install_action (widget_class, "win.add-to-collection", NULL, add_to_collection_action);
  gtk_widget_class_install_action (widget_class, "win.test-address", NULL, test_address_action);
  gtk_widget_class_install_action (widget_class, "win.save-report", NULL, save_report_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "win.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.add-from-link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.check-again", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.check-another", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
credence_check_window_init (CredenceCheckWindow *self)
{
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  /* Drop a file or a link on the content, as Loupe does. */
  self->drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (self->drop_target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (self->drop_target, "drop", G_CALLBACK (drop_cb), self, 0);
  g_signal_connect_object (self->drop_target, "notify::current-drop", G_CALLBACK (drop_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->drop_overlay), GTK_EVENT_CONTROLLER (self->drop_target));

  show_stack_page (self, "start");
}

/**
 * credence_check_window_new:
 *
 * Returns: (transfer full): a new Check a Badge window
 */
CredenceCheckWindow *
credence_check_window_new (GtkApplication *application)
{
  return g_object_new (CREDENCE_TYPE_CHECK_WINDOW, "application", application, NULL);
}

/**
 * credence_check_window_get_page_name:
 *
 * Returns: "start", "checking", "result" or "error"
 */
const char *
credence_check_window_get_page_name (CredenceCheckWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_CHECK_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
credence_check_window_is_checking (CredenceCheckWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_CHECK_WINDOW (self), FALSE);
  return self->checking;
}

/**
 * credence_check_window_get_card:
 *
 * Returns: (transfer none) (nullable): the verification card of the result
 */
CredenceVerificationCard *
credence_check_window_get_card (CredenceCheckWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_CHECK_WINDOW (self), NULL);
  return self->card;
}

/**
 * credence_check_window_get_error:
 *
 * Returns: (nullable): why the last badge could not be checked
 */
const char *
credence_check_window_get_error (CredenceCheckWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_CHECK_WINDOW (self), NULL);
  return self->error;
}
