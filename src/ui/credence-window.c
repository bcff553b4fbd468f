/* credence-window.c: the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-attention-list.h"
#include "credence-badge-card.h"
#include "credence-badge-page.h"
#include "credence-checker.h"
#include "credence-collections-view.h"
#include "credence-importer.h"
#include "credence-keyring.h"
#include "credence-library.h"
#include "credence-passphrase.h"
#include "credence-paste.h"
#include "credence-pathways-view.h"
#include "credence-reverifier.h"
#include "credence-store.h"
#include "credence-thumbnailer.h"
#include "credence-ui.h"
#include "credence-window.h"
#include "credence-window-export.h"

struct _CredenceWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_page;
  AdwLeaflet           *leaflet;
  AdwLeaflet           *content_leaflet;
  GtkListBox           *sidebar_list;
  GtkListBoxRow        *all_row;
  GtkListBoxRow        *attention_row;
  GtkListBoxRow        *collections_row;
  GtkListBoxRow        *pathways_row;
  AdwWindowTitle       *content_title;
  GtkStack             *view_stack;
  AdwSplitButton       *import_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkToggleButton      *search_button;
  GtkMenuButton        *sort_button;
  GtkGridView          *grid_view;
  CredenceAttentionList *attention_view;
  GtkInfoBar           *offline_bar;
  GtkWidget            *go_online_button;
  GNetworkMonitor      *network_monitor;
  GtkLabel             *attention_count;
  AdwStatusPage        *unlock_page;
  GtkPasswordEntry     *passphrase_entry;
  GtkPasswordEntry     *confirm_entry;
  GtkLabel             *unlock_error;
  GtkLabel             *unlock_button_label;
  GtkStack             *unlock_button_stack;
  GtkSpinner           *unlock_spinner;
  CredenceBadgePage    *badge_page;
  CredenceCollectionsView *collections_view;
  CredencePathwaysView *pathways_view;
  GtkToggleButton      *select_button;
  GtkRevealer          *selection_revealer;
  GtkLabel             *selection_label;
  GtkMenuButton        *selection_export_button;
  GtkSelectionModel    *browse_model;   /* no selection: a click opens */
  GtkSelectionModel    *select_model;   /* selection mode: a click selects */
  gboolean              selection_mode;

  CredenceLibrary      *library;
  CredenceReverifier   *reverifier;
  CredenceThumbnailer  *thumbnailer;
  gboolean              creating;      /* the unlock page makes a new collection */
  gboolean              uses_passphrase;
  gboolean              unlocking;
  guint                 failed_unlocks;
  guint                 unlock_delay_id;
  guint                 idle_lock_id;
  gint64                last_activity;  /* monotonic, µs: the last key, click or scroll */

  CredenceStoreBadge   *shown;          /* the badge of the detail page, in full */
  GCancellable         *badge_cancellable;
  gboolean              checking;
  CredenceImporter     *many_importer;  /* Check All Again, a row's Check Again */
  gboolean              pasting;
  GtkFileChooserNative *save_chooser;

  GtkOverlay           *drop_overlay;
  GtkRevealer          *drop_revealer;
  GtkDropTarget        *drop_target;

  GtkRevealer          *import_revealer;
  GtkLabel             *import_label;
  GtkProgressBar       *import_progress;
  CredenceImporter     *importer;
  GCancellable         *import_cancellable;
  GPtrArray            *import_results;  /* of the import running */
  GPtrArray            *last_results;    /* of the last import */
  char                 *last_message;

  GSettings            *settings;
  GCancellable         *cancellable;
  CredenceStore        *store;
  GtkFileChooserNative *chooser;
  char                 *view;
};

G_DEFINE_FINAL_TYPE (CredenceWindow, credence_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_VIEW,
  PROP_SORT,
  PROP_SELECTION_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The views of the sidebar, in its order (Alt+1 … Alt+4). */
static const struct
{
  const char *name;
  const char *title;
} views[] = {
  { "all", N_("All Badges") },
  { "attention", N_("Needs Attention") },
  { "collections", N_("Collections") },
  { "pathways", N_("Pathways") },
};

static void
show_page (CredenceWindow *self,
           const char     *name)
{
  gtk_spinner_set_spinning (self->spinner, g_strcmp0 (name, "loading") == 0);
  gtk_stack_set_visible_child_name (self->stack, name);
}

/* A toast saying @text, which is not markup: badge names and error
 * messages can hold any character.
 */
static AdwToast *
plain_toast (const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (markup);

  g_object_set_data_full (G_OBJECT (toast), "credence-text", g_strdup (text), g_free);

  return toast;
}

/* Shows @toast and remembers what it says, for the tests. */
static void
add_toast (CredenceWindow *self,
           AdwToast       *toast)
{
  const char *text = g_object_get_data (G_OBJECT (toast), "credence-text");

  g_free (self->last_message);
  self->last_message = g_strdup (text != NULL ? text : adw_toast_get_title (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_message (CredenceWindow *self,
              const char     *message)
{
  add_toast (self, plain_toast (message));
}

static GtkListBoxRow *
row_for_view (CredenceWindow *self,
              const char     *view)
{
  if (g_strcmp0 (view, "attention") == 0)
    return self->attention_row;
  if (g_strcmp0 (view, "collections") == 0)
    return self->collections_row;
  if (g_strcmp0 (view, "pathways") == 0)
    return self->pathways_row;
  return self->all_row;
}

static const char *
view_for_row (CredenceWindow *self,
              GtkListBoxRow  *row)
{
  if (row == self->attention_row)
    return "attention";
  if (row == self->collections_row)
    return "collections";
  if (row == self->pathways_row)
    return "pathways";
  return "all";
}

/* Which page of the content stack a view shows, given what is in the
 * collection.
 */
static const char *
page_for_view (CredenceWindow *self,
               const char     *view)
{
  if (g_strcmp0 (view, "attention") == 0)
    return g_list_model_get_n_items (credence_library_get_attention (self->library)) > 0
           ? "attention-grid" : "attention";
  if (g_strcmp0 (view, "all") == 0)
    {
      if (credence_library_get_n_badges (self->library) == 0)
        return "welcome";
      if (g_list_model_get_n_items (credence_library_get_model (self->library)) == 0 &&
          !credence_library_is_busy (self->library))
        return "no-results";
      return "grid";
    }
  return view;
}

static void
update_selection (CredenceWindow *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (self->select_model);
  guint n = gtk_bitset_get_size (selected);
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (_("Select badges"));
  else
    /* Translators: in the selection mode's action bar. */
    text = g_strdup_printf (ngettext ("%u selected", "%u selected", n), n);
  gtk_label_set_label (self->selection_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-selected-to-collection", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-selected", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-selected", n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->selection_export_button), n > 0);
}

/* Selection mode: the grid selects (Ctrl+A for all) instead of opening,
 * and the action bar acts on the selected badges.
 */
static void
set_selection_mode (CredenceWindow *self,
                    gboolean        selection_mode)
{
  selection_mode = !!selection_mode;
  if (self->selection_mode == selection_mode)
    return;

  self->selection_mode = selection_mode;
  gtk_selection_model_unselect_all (self->select_model);
  gtk_grid_view_set_model (self->grid_view, selection_mode ? self->select_model : self->browse_model);
  gtk_grid_view_set_single_click_activate (self->grid_view, !selection_mode);
  gtk_grid_view_set_enable_rubberband (self->grid_view, selection_mode);
  gtk_revealer_set_reveal_child (self->selection_revealer, selection_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-selection-mode", selection_mode);
  update_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_MODE]);
}

static void
update_view (CredenceWindow *self)
{
  const char *title = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_strcmp0 (views[i].name, self->view) == 0)
      title = _(views[i].title);

  adw_window_title_set_title (self->content_title, title);
  if (g_strcmp0 (self->view, "all") == 0 && credence_library_get_n_badges (self->library) > 0)
    {
      guint n = credence_library_get_n_badges (self->library);
      g_autofree char *subtitle = NULL;

      subtitle = g_strdup_printf (ngettext ("%'u badge", "%'u badges", n), n);
      adw_window_title_set_subtitle (self->content_title, subtitle);
    }
  else
    adw_window_title_set_subtitle (self->content_title, NULL);

  /* Search and sort apply to the badges of All Badges only. */
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), g_strcmp0 (self->view, "all") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sort_button), g_strcmp0 (self->view, "all") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->select_button),
                          g_strcmp0 (self->view, "all") == 0 && credence_library_get_n_badges (self->library) > 0);
  if (g_strcmp0 (self->view, "all") != 0 || credence_library_get_n_badges (self->library) == 0)
    set_selection_mode (self, FALSE);
  if (g_strcmp0 (self->view, "all") != 0)
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_stack_set_visible_child_name (self->view_stack, page_for_view (self, self->view));
}

static void
set_view (CredenceWindow *self,
          const char     *view)
{
  gboolean known = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    known |= g_strcmp0 (views[i].name, view) == 0;
  g_return_if_fail (known);

  if (g_strcmp0 (self->view, view) != 0)
    {
      g_free (self->view);
      self->view = g_strdup (view);
      update_view (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
    }

  if (gtk_list_box_get_selected_row (self->sidebar_list) != row_for_view (self, view))
    gtk_list_box_select_row (self->sidebar_list, row_for_view (self, view));

  /* On a narrow window the sidebar and the content are separate pages. */
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
sidebar_row_activated_cb (CredenceWindow *self,
                          GtkListBoxRow  *row,
                          GtkListBox     *list)
{
  set_view (self, view_for_row (self, row));
}

static void update_samples_action (CredenceWindow *self);

static void
library_changed_cb (CredenceWindow *self)
{
  if (self->store != NULL)
    update_view (self);
  update_samples_action (self);
}

static void
library_sort_cb (CredenceWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

static void
search_changed_cb (CredenceWindow *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  /* Typing anywhere searches All Badges. */
  if (*text != '\0' && g_strcmp0 (self->view, "all") != 0)
    set_view (self, "all");

  credence_library_set_search (self->library, text);
}

static void
stop_search_cb (CredenceWindow *self,
                GtkSearchEntry *entry)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
}

static void
search_activate_cb (CredenceWindow *self,
                    GtkSearchEntry *entry)
{
  /* Enter opens the first result. */
  if (g_list_model_get_n_items (credence_library_get_model (self->library)) > 0)
    g_signal_emit_by_name (self->grid_view, "activate", 0);
}

static void
search_mode_cb (CredenceWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
attention_activate_cb (CredenceWindow        *self,
                       const char            *uid,
                       CredenceAttentionList *list)
{
  credence_window_show_badge (self, uid);
}

/* Offline is normal: the bar says only where results come from. */
static void
update_offline_bar (CredenceWindow *self)
{
  gboolean chosen = self->settings != NULL && g_settings_get_boolean (self->settings, "work-offline");
  gboolean offline = chosen ||
                     (self->network_monitor != NULL &&
                      !g_network_monitor_get_network_available (self->network_monitor));

  /* Go Online undoes the learner's Work Offline; without a network there
   * is nothing to undo, and the bar only explains.
   */
  gtk_widget_set_visible (self->go_online_button, chosen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-online", chosen);
  gtk_info_bar_set_revealed (self->offline_bar, offline);
}

static void
go_online_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);

  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "work-offline", FALSE);
}

static void
attention_changed_cb (CredenceWindow *self)
{
  guint n = g_list_model_get_n_items (credence_library_get_attention (self->library));
  g_autofree char *text = g_strdup_printf ("%u", n);

  gtk_label_set_label (self->attention_count, text);
  gtk_widget_set_visible (GTK_WIDGET (self->attention_count), n > 0);
  if (self->store != NULL)
    update_view (self);
}

static void
grid_activate_cb (CredenceWindow *self,
                  guint           position,
                  GtkGridView    *grid)
{
  g_autoptr(CredenceBadgeItem) item = g_list_model_get_item (credence_library_get_model (self->library),
                                                             position);

  g_return_if_fail (item != NULL);

  /* Enter on a badge in selection mode selects or unselects it. */
  if (self->selection_mode)
    {
      if (gtk_selection_model_is_selected (self->select_model, position))
        gtk_selection_model_unselect_item (self->select_model, position);
      else
        gtk_selection_model_select_item (self->select_model, position, FALSE);
      return;
    }

  credence_window_show_badge (self, credence_badge_item_get_uid (item));
}

static void
card_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               CredenceWindow           *self)
{
  gtk_list_item_set_child (list_item, credence_badge_card_new ());
}

static void
card_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CredenceWindow           *self)
{
  CredenceBadgeCard *card = CREDENCE_BADGE_CARD (gtk_list_item_get_child (list_item));

  credence_badge_card_set_item (card, gtk_list_item_get_item (list_item));
  if (self->thumbnailer != NULL)
    credence_badge_card_load_thumbnail (card, self->thumbnailer);
}

static void
card_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CredenceWindow           *self)
{
  CredenceBadgeCard *card = CREDENCE_BADGE_CARD (gtk_list_item_get_child (list_item));

  credence_badge_card_set_item (card, NULL);
}

static void
show_error (CredenceWindow *self,
            const GError   *error)
{
  if (g_error_matches (error, CREDENCE_KEYRING_ERROR, CREDENCE_KEYRING_ERROR_NO_SERVICE))
    {
      adw_status_page_set_icon_name (self->error_page, "dialog-password-symbolic");
      adw_status_page_set_title (self->error_page, _("No Keyring Found"));
      adw_status_page_set_description (self->error_page,
                                       _("Credence keeps the key to your badge collection in "
                                         "the login keyring, and no keyring is running. Log in "
                                         "to a desktop session with a keyring, such as GNOME "
                                         "Keyring, then try again."));
    }
  else
    {
      adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->error_page, _("Collection Unavailable"));
      adw_status_page_set_description (self->error_page, error->message);
    }

  show_page (self, "error");
}

static void
badges_listed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CredenceWindow) self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (items == NULL)
    {
      g_message ("Could not list the badges: %s", error->message);
      show_error (self, error);
      return;
    }

  credence_library_set_items (self->library, items);
  credence_collections_view_set_store (self->collections_view, self->store, self->library, self->thumbnailer);
  /* Badges were added or removed: pathway progress is computed again. */
  credence_pathways_view_set_store (self->pathways_view, self->store, self->library, self->thumbnailer);
  update_view (self);
  show_page (self, "library");

  /* Once the badges are read, they are checked again on schedule. */
  if (self->reverifier == NULL && self->store != NULL)
    {
      self->reverifier = credence_reverifier_new (self->store, credence_library_get_badges (self->library),
                                                  self->settings);
      /* Badges checked again on schedule may do pathway steps, or no longer. */
      g_signal_connect_object (self->reverifier, "finished",
                               G_CALLBACK (credence_pathways_view_reload), self->pathways_view,
                               G_CONNECT_SWAPPED);
    }
}

static void
list_badges_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CredenceStore *store = task_data;
  g_autoptr(GPtrArray) badges = NULL;
  GPtrArray *items;
  GError *error = NULL;

  badges = credence_store_list_badges (store, NULL, &error);
  if (badges == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  items = g_ptr_array_new_full (badges->len, g_object_unref);
  for (guint i = 0; i < badges->len; i++)
    g_ptr_array_add (items, credence_badge_item_new_from_store (g_ptr_array_index (badges, i)));

  g_task_return_pointer (task, items, (GDestroyNotify)g_ptr_array_unref);
}

/* Reads the whole collection off the UI thread into the library. */
static void
load_badges (CredenceWindow *self)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, self->cancellable, badges_listed_cb, g_object_ref (self));
  g_task_set_source_tag (task, load_badges);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, list_badges_thread);
}

/* Lock After: seconds without use before a passphrase collection locks,
 * 0 for never.  CREDENCE_LOCK_AFTER_SECONDS replaces any setting but
 * never (for tests).
 */
static guint
idle_lock_seconds (CredenceWindow *self)
{
  const char *override = g_getenv ("CREDENCE_LOCK_AFTER_SECONDS");
  guint minutes;

  if (self->settings == NULL || self->store == NULL || !self->uses_passphrase)
    return 0;
  minutes = g_settings_get_uint (self->settings, "lock-after");
  if (minutes == 0)
    return 0;
  if (override != NULL && g_ascii_strtoull (override, NULL, 10) > 0)
    return MIN (g_ascii_strtoull (override, NULL, 10), G_MAXUINT);
  return minutes * 60;
}

static void schedule_idle_lock (CredenceWindow *self);

static gboolean
idle_lock_cb (gpointer user_data)
{
  CredenceWindow *self = user_data;
  guint seconds = idle_lock_seconds (self);

  self->idle_lock_id = 0;
  /* An import under way is use: it would be cancelled. */
  if (seconds > 0 && self->importer == NULL &&
      g_get_monotonic_time () - self->last_activity >= (gint64)seconds * G_USEC_PER_SEC)
    {
      g_debug ("Locking after %u seconds without use", seconds);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.lock", NULL);
    }
  else
    schedule_idle_lock (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_idle_lock (CredenceWindow *self)
{
  guint seconds = idle_lock_seconds (self);
  gint64 left;

  g_clear_handle_id (&self->idle_lock_id, g_source_remove);
  if (seconds == 0)
    return;

  left = self->last_activity + (gint64)seconds * G_USEC_PER_SEC - g_get_monotonic_time ();
  self->idle_lock_id = g_timeout_add (CLAMP (left / 1000, 250, (gint64)seconds * 1000), idle_lock_cb, self);
}

/* Any key, click, scroll or pointer move in the window is use. */
static gboolean
activity_cb (GtkEventControllerLegacy *controller,
             GdkEvent                 *event,
             CredenceWindow           *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_SCROLL:
    case GDK_MOTION_NOTIFY:
    case GDK_TOUCH_BEGIN:
      self->last_activity = g_get_monotonic_time ();
      break;
    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
update_lock_action (CredenceWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock",
                                 self->store != NULL && self->uses_passphrase);
  /* Opening or locking the collection counts as use. */
  self->last_activity = g_get_monotonic_time ();
  schedule_idle_lock (self);
}

static void
set_store (CredenceWindow *self,
           CredenceStore  *store)
{
  self->store = g_object_ref (store);
  self->thumbnailer = credence_thumbnailer_new (store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-from-link", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.paste", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-samples", TRUE);
  update_lock_action (self);
  load_badges (self);
}

static void
show_unlock (CredenceWindow *self,
             gboolean        creating)
{
  self->creating = creating;

  if (creating)
    {
      adw_status_page_set_title (self->unlock_page, _("Protect Your Badges"));
      adw_status_page_set_description (self->unlock_page,
                                       _("No keyring is available to keep the collection’s key. "
                                         "Choose a passphrase; Credence asks for it each time it opens."));
      gtk_label_set_label (self->unlock_button_label, _("_Create Collection"));
    }
  else
    {
      adw_status_page_set_title (self->unlock_page, _("Credence Is Locked"));
      adw_status_page_set_description (self->unlock_page,
                                       _("Enter the passphrase to open the badge collection."));
      gtk_label_set_label (self->unlock_button_label, _("_Unlock"));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->confirm_entry), creating);
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_error), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
  show_page (self, "unlock");
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
}

static void
store_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CredenceWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceStore) store = NULL;

  store = credence_store_open_default_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NEEDS_PASSPHRASE))
    {
      show_unlock (self, !credence_store_uses_passphrase (NULL));
      return;
    }

  if (store == NULL)
    {
      g_message ("Could not open the collection: %s", error->message);
      show_error (self, error);
      return;
    }

  /* The keyring opened it. */
  self->uses_passphrase = FALSE;
  set_store (self, store);
}

static void
open_store (CredenceWindow *self)
{
  show_page (self, "loading");
  credence_store_open_default_async (NULL, self->cancellable,
                                     store_opened_cb, g_object_ref (self));
}

static void
update_unlock_sensitivity (CredenceWindow *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_entry));
  gboolean ready = *passphrase != '\0' && !self->unlocking && self->unlock_delay_id == 0;

  if (self->creating)
    ready = ready && *confirm != '\0';

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unlock", ready);
  /* Not insensitive: the entry keeps the focus while the key is derived. */
  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_entry), !self->unlocking);
  gtk_editable_set_editable (GTK_EDITABLE (self->confirm_entry), !self->unlocking);
  gtk_stack_set_visible_child_name (self->unlock_button_stack, self->unlocking ? "spinner" : "label");
  gtk_spinner_set_spinning (self->unlock_spinner, self->unlocking);
}

static void
passphrase_changed_cb (CredenceWindow *self)
{
  update_unlock_sensitivity (self);
}

static void
passphrase_activate_cb (CredenceWindow   *self,
                        GtkPasswordEntry *entry)
{
  if (self->creating && entry == self->passphrase_entry)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_entry));
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.unlock", NULL);
}

static gboolean
unlock_delay_done_cb (gpointer user_data)
{
  CredenceWindow *self = user_data;

  self->unlock_delay_id = 0;
  update_unlock_sensitivity (self);

  return G_SOURCE_REMOVE;
}

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  CredenceStore *store;

  store = credence_store_open_with_passphrase (NULL, task_data, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
unlocked_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CredenceWindow) self = user_data;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->unlocking = FALSE;

  if (store != NULL)
    {
      self->failed_unlocks = 0;
      gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");
      gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
      update_unlock_sensitivity (self);
      self->uses_passphrase = TRUE;
      set_store (self, store);
      return;
    }

  if (g_error_matches (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_WRONG_KEY) && !self->creating)
    {
      guint delay;

      /* Each wrong try waits longer before the next: 0, 1, 2, 4… 16 s. */
      self->failed_unlocks++;
      delay = self->failed_unlocks > 1 ? 1u << MIN (self->failed_unlocks - 2, 4u) : 0;
      gtk_label_set_label (self->unlock_error, _("Incorrect passphrase."));
      if (delay > 0)
        self->unlock_delay_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, delay,
                                                            unlock_delay_done_cb,
                                                            g_object_ref (self),
                                                            g_object_unref);
    }
  else
    gtk_label_set_label (self->unlock_error, error->message);

  gtk_widget_set_visible (GTK_WIDGET (self->unlock_error), TRUE);
  update_unlock_sensitivity (self);
  gtk_editable_select_region (GTK_EDITABLE (self->passphrase_entry), 0, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_entry));
  g_autoptr(GTask) task = NULL;

  if (self->unlocking || self->store != NULL || *passphrase == '\0')
    return;

  if (self->creating && g_strcmp0 (passphrase, confirm) != 0)
    {
      gtk_label_set_label (self->unlock_error, _("The passphrases do not match."));
      gtk_widget_set_visible (GTK_WIDGET (self->unlock_error), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_entry));
      return;
    }

  self->unlocking = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_error), FALSE);
  update_unlock_sensitivity (self);

  /* Key derivation is slow on purpose: off the UI thread. */
  task = g_task_new (NULL, self->cancellable, unlocked_cb, g_object_ref (self));
  g_task_set_source_tag (task, unlock_action);
  g_task_set_task_data (task, g_strdup (passphrase), (GDestroyNotify) credence_passphrase_wipe_free);
  g_task_run_in_thread (task, unlock_thread);
}

static gboolean
work_offline (CredenceWindow *self)
{
  return self->settings != NULL && g_settings_get_boolean (self->settings, "work-offline");
}

/* How an import went for one source, as the summary groups them. */
typedef enum
{
  OUTCOME_ADDED,
  OUTCOME_ADDED_WITH_PROBLEMS,
  OUTCOME_DUPLICATE,
  OUTCOME_NOT_ADDED,
  OUTCOME_SKIPPED,
  N_OUTCOMES
} Outcome;

static Outcome
result_outcome (const CredenceImportResult *result)
{
  switch (result->status)
    {
    case CREDENCE_IMPORT_ADDED:
      if (result->verification != NULL &&
          credence_verification_get_verdict (result->verification) == CREDENCE_VERDICT_INVALID)
        return OUTCOME_ADDED_WITH_PROBLEMS;
      return OUTCOME_ADDED;
    case CREDENCE_IMPORT_DUPLICATE:
      return OUTCOME_DUPLICATE;
    case CREDENCE_IMPORT_REJECTED:
      return OUTCOME_NOT_ADDED;
    case CREDENCE_IMPORT_REVERIFIED:
    case CREDENCE_IMPORT_CANCELLED:
    default:
      return OUTCOME_SKIPPED;
    }
}

static const char *
outcome_title (Outcome outcome)
{
  switch (outcome)
    {
    case OUTCOME_ADDED:
      return _("Added");
    case OUTCOME_ADDED_WITH_PROBLEMS:
      return _("Added With Problems");
    case OUTCOME_DUPLICATE:
      return _("Already in Collection");
    case OUTCOME_NOT_ADDED:
      return _("Not Added");
    case OUTCOME_SKIPPED:
    case N_OUTCOMES:
    default:
      return _("Not Tried");
    }
}

/* What a source is called in the summary: its file name or link. */
static char *
result_source_name (const CredenceImportResult *result)
{
  if (result->source == NULL)
    return g_strdup (_("Badge"));
  if (g_str_has_prefix (result->source, "https://") || g_str_has_prefix (result->source, "http://"))
    return g_strdup (result->source);
  return g_path_get_basename (result->source);
}

static char *
reason_text (CredenceReason reason)
{
  g_autofree char *sentence = credence_reason_format_sentence (reason, NULL, NULL);

  if (sentence == NULL)
    return g_strdup (credence_reason_get_title (reason));

  /* Translators: a reason and what it means: "No Badge Found — There is
   * no badge data; …".
   */
  return g_strdup_printf (_("%s — %s"), credence_reason_get_title (reason), sentence);
}

/**
 * credence_window_explain_import_result:
 *
 * Returns: (transfer full) (nullable): why @result was not added, or what
 *   its check found wrong, for the learner
 */
char *
credence_window_explain_import_result (const CredenceImportResult *result)
{
  CredenceReason reason = CREDENCE_REASON_NONE;

  g_return_val_if_fail (result != NULL, NULL);

  switch (result_outcome (result))
    {
    case OUTCOME_NOT_ADDED:
      if (result->reason != NULL && credence_reason_from_string (result->reason, &reason) &&
          reason != CREDENCE_REASON_NONE)
        return reason_text (reason);
      if (result->message != NULL)
        return g_strdup (result->message);
      return g_strdup (_("The file could not be read."));

    case OUTCOME_ADDED_WITH_PROBLEMS:
      reason = credence_verification_get_reason (result->verification);
      return reason != CREDENCE_REASON_NONE ? reason_text (reason) : NULL;

    case OUTCOME_ADDED:
    case OUTCOME_DUPLICATE:
    case OUTCOME_SKIPPED:
    case N_OUTCOMES:
    default:
      return NULL;
    }
}

static void
count_outcomes (GPtrArray *results,
                guint      counts[N_OUTCOMES])
{
  memset (counts, 0, N_OUTCOMES * sizeof (guint));
  for (guint i = 0; results != NULL && i < results->len; i++)
    counts[result_outcome (g_ptr_array_index (results, i))]++;
}

/**
 * credence_window_show_import_details:
 *
 * Opens the summary of the last import: what was added, already there or
 * not added, and why.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWindow *
credence_window_show_import_details (CredenceWindow *self)
{
  guint counts[N_OUTCOMES];
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *scroller, *box;
  guint added;

  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);

  if (self->last_results == NULL)
    return NULL;

  count_outcomes (self->last_results, counts);
  added = counts[OUTCOME_ADDED] + counts[OUTCOME_ADDED_WITH_PROBLEMS];
  heading = g_strdup_printf (ngettext ("%u Badge Added", "%u Badges Added", added), added);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  for (Outcome outcome = OUTCOME_ADDED; outcome < OUTCOME_SKIPPED; outcome++)
    {
      GtkWidget *group;

      if (counts[outcome] == 0)
        continue;

      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), outcome_title (outcome));
      for (guint i = 0; i < self->last_results->len; i++)
        {
          CredenceImportResult *result = g_ptr_array_index (self->last_results, i);
          g_autofree char *source = NULL;
          g_autofree char *explanation = NULL;
          GtkWidget *row;

          if (result_outcome (result) != outcome)
            continue;

          source = result_source_name (result);
          explanation = credence_window_explain_import_result (result);
          row = adw_action_row_new ();
          /* Badge names and file names are not markup. */
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         result->name != NULL ? result->name : source);
          if (explanation != NULL)
            {
              g_autofree char *subtitle = result->name != NULL
                                          ? g_strdup_printf ("%s\n%s", source, explanation)
                                          : g_steal_pointer (&explanation);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
            }
          else
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), source);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      gtk_box_append (GTK_BOX (box), group);
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

static void
import_details_cb (AdwToast       *toast,
                   CredenceWindow *self)
{
  credence_window_show_import_details (self);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *toplevels = gtk_window_get_toplevels ();

  if (self->store == NULL || !self->uses_passphrase)
    return;

  /* Windows that show the collection (Preferences and its forms) go. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i - 1);

      if (gtk_window_get_transient_for (other) == GTK_WINDOW (self))
        gtk_window_destroy (other);
    }

  /* Everything under way on the collection stops. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_cancellable_cancel (self->import_cancellable);
  g_cancellable_cancel (self->badge_cancellable);
  g_clear_object (&self->badge_cancellable);
  self->checking = FALSE;
  credence_badge_page_set_checking (self->badge_page, FALSE);
  g_object_set_data (G_OBJECT (self), "credence-checking-item", NULL);

  /* Nothing of it stays on screen or in memory. */
  adw_leaflet_set_visible_child_name (self->content_leaflet, "browse");
  g_clear_pointer (&self->shown, credence_store_badge_free);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  credence_library_set_items (self->library, none);
  g_clear_pointer (&self->last_results, g_ptr_array_unref);
  if (self->reverifier != NULL)
    credence_reverifier_stop (self->reverifier);
  g_clear_object (&self->reverifier);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-from-link", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.paste", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-samples", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-samples", FALSE);
  update_lock_action (self);

  show_unlock (self, FALSE);
}

static void
import_progress_cb (CredenceWindow *self)
{
  guint total = credence_importer_get_total (self->importer);
  guint done = credence_importer_get_done (self->importer);
  g_autofree char *text = NULL;

  /* Translators: "Importing 12 of 40…". */
  text = g_strdup_printf (_("Importing %u of %u…"), MIN (done + 1, total), total);
  gtk_label_set_label (self->import_label, text);
  gtk_progress_bar_set_fraction (self->import_progress, total > 0 ? (double)done / total : 0);
}

static void
import_item_finished_cb (CredenceImporter           *importer,
                         const CredenceImportResult *result,
                         CredenceWindow             *self)
{
  if (self->import_results != NULL)
    g_ptr_array_add (self->import_results, credence_import_result_copy (result));
}

/* The import is over (done, cancelled or failed): summary toast. */
static void
finish_import (CredenceWindow *self,
               const GError   *error)
{
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  guint counts[N_OUTCOMES];
  g_autofree char *title = NULL;
  AdwToast *toast;
  guint added, tried;

  g_clear_pointer (&self->last_results, g_ptr_array_unref);
  self->last_results = g_steal_pointer (&self->import_results);
  g_clear_object (&self->importer);
  g_clear_object (&self->import_cancellable);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);

  count_outcomes (self->last_results, counts);
  added = counts[OUTCOME_ADDED] + counts[OUTCOME_ADDED_WITH_PROBLEMS];
  tried = added + counts[OUTCOME_DUPLICATE] + counts[OUTCOME_NOT_ADDED];

  /* The new badges appear in the grid (unless it was locked meanwhile). */
  if (added > 0 && self->store != NULL)
    load_badges (self);

  if (error != NULL && !cancelled)
    {
      /* Saving failed (a full disk…): what was saved before is kept. */
      toast = plain_toast (error->message);
      adw_toast_set_timeout (toast, 0);
    }
  else if (cancelled)
    {
      title = g_strdup_printf (ngettext ("Import cancelled; %u badge added",
                                         "Import cancelled; %u badges added", added), added);
      toast = plain_toast (title);
    }
  else if (tried == 1 && added == 1)
    {
      CredenceImportResult *one = g_ptr_array_index (self->last_results, 0);
      g_autofree char *source = result_source_name (one);

      /* Translators: a toast: "“Data Basics” added". */
      title = g_strdup_printf (_("“%s” added"), one->name != NULL ? one->name : source);
      toast = plain_toast (title);
      adw_toast_set_button_label (toast, _("_View"));
      adw_toast_set_action_name (toast, "app.show-badge");
      adw_toast_set_action_target_value (toast, g_variant_new_string (one->badge_uid));
      add_toast (self, toast);
      return;
    }
  else if (tried == 1 && counts[OUTCOME_DUPLICATE] == 1)
    {
      CredenceImportResult *one = g_ptr_array_index (self->last_results, 0);
      g_autofree char *source = result_source_name (one);

      /* Translators: a toast: "“Data Basics” is already in the collection". */
      title = g_strdup_printf (_("“%s” is already in the collection"), one->name != NULL ? one->name : source);
      toast = plain_toast (title);
    }
  else if (tried == 1 && counts[OUTCOME_NOT_ADDED] == 1)
    {
      CredenceImportResult *one = g_ptr_array_index (self->last_results, 0);
      g_autofree char *source = result_source_name (one);

      /* Translators: a toast: "“photo.png” was not added"; Details says why. */
      title = g_strdup_printf (_("“%s” was not added"), source);
      toast = plain_toast (title);
      adw_toast_set_timeout (toast, 0);
    }
  else if (tried == 0)
    toast = plain_toast (_("No badges found to import"));
  else if (counts[OUTCOME_NOT_ADDED] > 0)
    {
      /* Translators: a toast: "38 badges added, 2 not added". */
      title = g_strdup_printf (ngettext ("%u badge added, %u not added", "%u badges added, %u not added", added),
                               added, counts[OUTCOME_NOT_ADDED]);
      toast = plain_toast (title);
      adw_toast_set_timeout (toast, 0);
    }
  else
    {
      title = g_strdup_printf (ngettext ("%u badge added", "%u badges added", added), added);
      toast = plain_toast (title);
    }

  if (tried > 0)
    {
      adw_toast_set_button_label (toast, _("_Details"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (import_details_cb), self, 0);
    }
  add_toast (self, toast);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CredenceWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  credence_importer_run_finish (CREDENCE_IMPORTER (source), result, &error);
  if (self->importer == CREDENCE_IMPORTER (source))
    finish_import (self, error);
}

static void
identities_added_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CredenceWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->importer == NULL)
    return;

  /* Without the identities the recipient checks say "not recognized":
   * still import, but say why a check may read so.
   */
  if (!credence_checker_add_identities_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      finish_import (self, error);
      return;
    }

  credence_importer_run_async (self->importer, self->import_cancellable,
                               import_done_cb, g_object_ref (self));
}

static CredenceImporter *
new_importer (CredenceWindow *self,
              gboolean        offline)
{
  g_autoptr(CredenceVerifier) verifier = credence_checker_new_verifier (offline);

  return credence_importer_new (self->store, verifier);
}

/* Imports what @importer holds, with the progress bar; the window owns
 * the cancellable (win.cancel-import, and closing the window).
 */
static void
run_import (CredenceWindow   *self,
            CredenceImporter *importer)
{
  g_autoptr(CredenceVerifier) verifier = NULL;

  if (self->importer != NULL)
    {
      show_message (self, _("Wait for the current import to finish"));
      return;
    }

  self->importer = g_object_ref (importer);
  self->import_cancellable = g_cancellable_new ();
  self->import_results = g_ptr_array_new_with_free_func ((GDestroyNotify)credence_import_result_free);
  g_signal_connect_object (importer, "notify::done", G_CALLBACK (import_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (importer, "notify::total", G_CALLBACK (import_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (importer, "item-finished", G_CALLBACK (import_item_finished_cb), self, 0);
  gtk_label_set_label (self->import_label, _("Importing…"));
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", TRUE);

  g_object_get (importer, "verifier", &verifier, NULL);
  credence_checker_add_identities_async (self->store, verifier, self->import_cancellable,
                                         identities_added_cb, g_object_ref (self));
}

static void
chooser_response_cb (CredenceWindow       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(CredenceImporter) importer = new_importer (self, work_offline (self));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          credence_importer_add_file (importer, file);
        }
      run_import (self, importer);
    }

  g_clear_object (&self->chooser);
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_cancellable_cancel (CREDENCE_WINDOW (widget)->import_cancellable);
}

static void
link_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  CredenceWindow   *self)
{
  g_autofree char *link = credence_ui_link_dialog_dup_link (dialog);

  if (g_strcmp0 (response, "add") != 0 || self->store == NULL || !credence_ui_is_web_link (link))
    return;

  credence_window_import_url (self, link);
}

/* Imports what was pasted or dropped. */
static void
import_pasted (CredenceWindow *self,
               CredencePasted *pasted)
{
  if (pasted->files != NULL)
    credence_window_import_files (self, pasted->files);
  else if (pasted->url != NULL)
    credence_window_import_url (self, pasted->url);
  else
    credence_window_import_bytes (self, pasted->bytes, pasted->name);
}

static void
pasted_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CredenceWindow) self = user_data;
  g_autoptr(CredencePasted) pasted = NULL;
  g_autoptr(GError) error = NULL;

  self->pasting = FALSE;
  pasted = credence_paste_read_finish (result, &error);
  if (pasted == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }

  if (self->store != NULL)
    import_pasted (self, pasted);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);

  if (self->store == NULL || self->pasting)
    return;

  /* Files first, then a picture's own bytes, then text: never a
   * GdkTexture, which would lose the badge data baked into a PNG.
   */
  self->pasting = TRUE;
  credence_paste_read_async (gtk_widget_get_clipboard (widget), self->cancellable,
                             pasted_cb, g_object_ref (self));
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         CredenceWindow *self)
{
  g_autoptr(CredencePasted) pasted = NULL;
  g_autoptr(GError) error = NULL;

  gtk_revealer_set_reveal_child (self->drop_revealer, FALSE);
  if (self->store == NULL)
    return FALSE;

  pasted = credence_pasted_new_from_value (value, &error);
  if (pasted == NULL)
    {
      show_message (self, error->message);
      return FALSE;
    }

  import_pasted (self, pasted);
  return TRUE;
}

static void
drop_changed_cb (CredenceWindow *self)
{
  gtk_revealer_set_reveal_child (self->drop_revealer,
                                 self->store != NULL &&
                                 gtk_drop_target_get_current_drop (self->drop_target) != NULL);
}

static void
add_from_link_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  AdwMessageDialog *dialog;

  dialog = credence_ui_link_dialog_new (GTK_WINDOW (self), _("Add Badge From Link"),
                                        _("Paste the link to the badge or its page."),
                                        "add", _("_Add"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (link_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_chooser (CredenceWindow       *self,
              GtkFileChooserAction  action)
{
  g_autoptr(GtkFileFilter) badges = NULL;
  g_autoptr(GtkFileFilter) all = NULL;
  gboolean folders = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (folders ? _("Import Badges From Folders")
                                                       : _("Import Badges"),
                                               GTK_WINDOW (self),
                                               action,
                                               _("_Import"),
                                               _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);

  if (!folders)
    {
      badges = gtk_file_filter_new ();
      gtk_file_filter_set_name (badges, _("Badges (PNG, SVG, JSON, JWT)"));
      gtk_file_filter_add_mime_type (badges, "image/png");
      gtk_file_filter_add_mime_type (badges, "image/svg+xml");
      gtk_file_filter_add_mime_type (badges, "application/json");
      gtk_file_filter_add_mime_type (badges, "application/ld+json");
      gtk_file_filter_add_suffix (badges, "json");
      gtk_file_filter_add_suffix (badges, "jwt");
      gtk_file_filter_add_suffix (badges, "jws");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), badges);

      all = gtk_file_filter_new ();
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
    }

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_chooser (CREDENCE_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_chooser (CREDENCE_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  const char *view = g_variant_get_string (parameter, NULL);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "library"))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_str_equal (views[i].name, view))
      {
        set_view (self, view);
        return;
      }

  g_warning ("Unknown view “%s”", view);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (self->sidebar_list)));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "library"))
    return;

  if (g_strcmp0 (self->view, "all") != 0)
    set_view (self, "all");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);

  if (self->store == NULL)
    open_store (self);
}

static void
badge_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CredenceWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  CredenceStoreBadge *stored;
  CredenceBadgeItem *item;

  stored = g_task_propagate_pointer (G_TASK (result), &error);
  if (stored == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }

  g_clear_pointer (&self->shown, credence_store_badge_free);
  self->shown = stored;
  item = credence_library_lookup (self->library, stored->uid);
  if (item != NULL)
    credence_badge_page_set_badge (self->badge_page, item, stored, self->thumbnailer);
}

static void
read_badge_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CredenceStore *store = g_task_get_source_object (task);
  GError *error = NULL;
  CredenceStoreBadge *badge;

  badge = credence_store_get_badge (store, task_data, &error);
  if (badge == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, badge, (GDestroyNotify)credence_store_badge_free);
}

/* Reads the badge in full (history, documents) off the UI thread. */
static void
read_shown_badge (CredenceWindow *self,
                  const char     *uid)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->badge_cancellable);
  g_clear_object (&self->badge_cancellable);
  self->badge_cancellable = g_cancellable_new ();

  task = g_task_new (self->store, self->badge_cancellable, badge_read_cb, g_object_ref (self));
  g_task_set_source_tag (task, read_shown_badge);
  g_task_set_task_data (task, g_strdup (uid), g_free);
  g_task_run_in_thread (task, read_badge_thread);
}

static gboolean
showing_badge (CredenceWindow *self)
{
  return g_strcmp0 (adw_leaflet_get_visible_child_name (self->content_leaflet), "detail") == 0 &&
         credence_badge_page_get_item (self->badge_page) != NULL;
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->content_leaflet), "detail") == 0)
    {
      adw_leaflet_set_visible_child_name (self->content_leaflet, "browse");
      gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
    }
}

static void
notify_change (CredenceWindow      *self,
               CredenceBadgeItem   *item,
               CredenceBadgeStatus  status)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;

  if (app == NULL)
    return;

  /* Translators: a notification: "“Data Basics” is now Problem Found". */
  title = g_strdup_printf (_("“%s” is now %s"), credence_badge_item_get_name (item),
                           credence_badge_status_get_title (status));
  notification = g_notification_new (title);
  g_notification_set_body (notification, _("Its status changed when it was checked again."));
  g_notification_set_default_action_and_target (notification, "app.show-badge", "s",
                                                 credence_badge_item_get_uid (item));
  id = g_strconcat ("badge-", credence_badge_item_get_uid (item), NULL);
  g_application_send_notification (app, id, notification);
}

static void
check_item_finished_cb (CredenceImporter           *importer,
                        const CredenceImportResult *result,
                        CredenceWindow             *self)
{
  g_object_set_data_full (G_OBJECT (importer), "credence-result",
                          credence_import_result_copy (result),
                          (GDestroyNotify)credence_import_result_free);
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CredenceWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autoptr(CredenceBadgeItem) item = g_object_steal_data (G_OBJECT (self), "credence-checking-item");
  CredenceImportResult *checked;
  CredenceBadgeStatus before, after;

  credence_importer_run_finish (CREDENCE_IMPORTER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->checking = FALSE;
  credence_badge_page_set_checking (self->badge_page, FALSE);

  checked = g_object_get_data (source, "credence-result");
  if (error != NULL || checked == NULL || checked->status != CREDENCE_IMPORT_REVERIFIED)
    {
      show_message (self, error != NULL ? error->message
                          : checked != NULL && checked->message != NULL ? checked->message
                          : _("The badge could not be checked again."));
      return;
    }

  before = credence_badge_item_apply_verification (item, checked->verification,
                                                   g_get_real_time () / G_USEC_PER_SEC);
  after = credence_badge_item_get_status (item);
  if (before != CREDENCE_BADGE_STATUS_NOT_CHECKED && before != after)
    notify_change (self, item, after);

  /* Translators: a toast: "“Data Basics” checked: Valid". */
  message = g_strdup_printf (_("“%s” checked: %s"), credence_badge_item_get_name (item),
                             credence_badge_status_get_title (after));
  show_message (self, message);
  credence_pathways_view_reload (self->pathways_view);

  if (credence_badge_page_get_item (self->badge_page) == item)
    read_shown_badge (self, credence_badge_item_get_uid (item));
}

static void
check_identities_added_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(CredenceImporter) importer = user_data;
  CredenceWindow *self = g_object_get_data (G_OBJECT (importer), "credence-window");
  g_autoptr(GError) error = NULL;

  if (!credence_checker_add_identities_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Closed or locked meanwhile: nothing to show. */
      if (self != NULL && self->store != NULL)
        {
          self->checking = FALSE;
          credence_badge_page_set_checking (self->badge_page, FALSE);
        }
      return;
    }

  credence_importer_run_async (importer, g_object_get_data (G_OBJECT (importer), "credence-cancellable"),
                               checked_cb, g_object_ref (self));
}

/* Checks the badge shown again, through the importer's re-verification:
 * offline against the documents saved with it, online afresh; the result
 * joins its history.
 */
static void
check_again (CredenceWindow *self,
             gboolean        offline)
{
  g_autoptr(CredenceImporter) importer = NULL;
  g_autoptr(CredenceVerifier) verifier = NULL;
  CredenceBadgeItem *item;

  if (!showing_badge (self) || self->checking || self->store == NULL)
    return;

  item = credence_badge_page_get_item (self->badge_page);
  if (!offline)
    offline = work_offline (self);

  self->checking = TRUE;
  credence_badge_page_set_checking (self->badge_page, TRUE);
  g_object_set_data_full (G_OBJECT (self), "credence-checking-item", g_object_ref (item), g_object_unref);

  importer = new_importer (self, offline);
  credence_importer_add_reverify (importer, credence_badge_item_get_uid (item));
  g_signal_connect (importer, "item-finished", G_CALLBACK (check_item_finished_cb), self);
  g_object_set_data_full (G_OBJECT (importer), "credence-window", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (importer), "credence-cancellable",
                          g_object_ref (self->cancellable), g_object_unref);
  g_object_get (importer, "verifier", &verifier, NULL);
  credence_checker_add_identities_async (self->store, verifier, self->cancellable,
                                         check_identities_added_cb, g_object_ref (importer));
}

static void
check_again_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  check_again (CREDENCE_WINDOW (widget), g_str_has_suffix (action_name, "-offline"));
}

/* Check All Again, and a Needs Attention row's Check Again: the same
 * re-verification as the badge page's, for many badges; each badge shows
 * its result (and moves to its new group) as it arrives.
 */
typedef struct
{
  GPtrArray *items;       /* CredenceBadgeItem, in the importer's order */
  guint      n_checked;
  guint      n_failed;
  gboolean   shown_checked;
} ManyCheck;

static void
many_check_free (ManyCheck *check)
{
  g_ptr_array_unref (check->items);
  g_free (check);
}

static void
many_progress_cb (CredenceWindow   *self,
                  GParamSpec       *pspec,
                  CredenceImporter *importer)
{
  if (self->many_importer == importer)
    credence_attention_list_set_progress (self->attention_view, credence_importer_get_done (importer),
                                          credence_importer_get_total (importer));
}

static void
many_item_finished_cb (CredenceImporter           *importer,
                       const CredenceImportResult *result,
                       CredenceWindow             *self)
{
  ManyCheck *check = g_object_get_data (G_OBJECT (importer), "credence-many-check");
  CredenceBadgeItem *item;

  if (self->many_importer != importer || check == NULL || result->index >= check->items->len)
    return;

  item = g_ptr_array_index (check->items, result->index);
  if (result->status != CREDENCE_IMPORT_REVERIFIED || result->verification == NULL)
    {
      /* Removed meanwhile, or the check could not run. */
      g_debug ("Could not check “%s” again: %s", credence_badge_item_get_uid (item),
               result->message != NULL ? result->message : "");
      check->n_failed++;
      return;
    }

  /* No notification: the learner asked, and sees the rows move. */
  check->n_checked++;
  credence_badge_item_apply_verification (item, result->verification, g_get_real_time () / G_USEC_PER_SEC);
  if (credence_badge_page_get_item (self->badge_page) == item)
    check->shown_checked = TRUE;
}

static void
many_checked_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CredenceWindow) self = user_data;
  CredenceImporter *importer = CREDENCE_IMPORTER (source);
  ManyCheck *check = g_object_get_data (source, "credence-many-check");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint remaining;

  credence_importer_run_finish (importer, result, &error);
  if (self->many_importer != importer)
    return;

  g_clear_object (&self->many_importer);
  credence_attention_list_set_progress (self->attention_view, 0, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-attention", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-badge", TRUE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;

  /* Of the badges checked (the page's own count may still be filtering). */
  remaining = 0;
  for (guint i = 0; i < check->items->len; i++)
    if (credence_badge_item_needs_attention (g_ptr_array_index (check->items, i), g_get_real_time () / G_USEC_PER_SEC))
      remaining++;
  if (error != NULL)
    message = g_strdup (error->message);
  else if (check->items->len == 1 && check->n_checked == 1)
    {
      CredenceBadgeItem *item = g_ptr_array_index (check->items, 0);

      message = g_strdup_printf (_("“%s” checked: %s"), credence_badge_item_get_name (item),
                                 credence_badge_status_get_title (credence_badge_item_get_status (item)));
    }
  else if (check->n_failed > 0)
    /* Translators: a toast after Check All Again. */
    message = g_strdup_printf (ngettext ("%u badge could not be checked again",
                                         "%u badges could not be checked again", check->n_failed),
                               check->n_failed);
  else if (remaining == 0)
    /* Translators: a toast after Check All Again. */
    message = g_strdup_printf (ngettext ("%u badge checked; nothing needs attention now",
                                         "%u badges checked; nothing needs attention now", check->n_checked),
                               check->n_checked);
  else
    /* Translators: a toast after Check All Again. */
    message = g_strdup_printf (ngettext ("Badges checked; %u still needs attention",
                                         "Badges checked; %u still need attention", remaining),
                               remaining);
  show_message (self, message);

  credence_pathways_view_reload (self->pathways_view);
  if (check->shown_checked && showing_badge (self))
    read_shown_badge (self, credence_badge_item_get_uid (credence_badge_page_get_item (self->badge_page)));
}

static void
many_identities_added_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(CredenceImporter) importer = user_data;
  CredenceWindow *self = g_object_get_data (G_OBJECT (importer), "credence-window");
  g_autoptr(GError) error = NULL;

  /* Without them, the recipient checks say so; the check still runs. */
  credence_checker_add_identities_finish (result, &error);
  credence_importer_run_async (importer, g_object_get_data (G_OBJECT (importer), "credence-cancellable"),
                               many_checked_cb, g_object_ref (self));
}

static void
check_items (CredenceWindow *self,
             GPtrArray      *items)
{
  g_autoptr(CredenceImporter) importer = NULL;
  g_autoptr(CredenceVerifier) verifier = NULL;
  ManyCheck *check;

  if (self->store == NULL || items->len == 0)
    return;
  if (self->many_importer != NULL)
    {
      show_message (self, _("Wait for the current check to finish"));
      return;
    }

  importer = new_importer (self, work_offline (self));
  check = g_new0 (ManyCheck, 1);
  check->items = g_ptr_array_ref (items);
  for (guint i = 0; i < items->len; i++)
    credence_importer_add_reverify (importer, credence_badge_item_get_uid (g_ptr_array_index (items, i)));

  self->many_importer = g_object_ref (importer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-attention", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-badge", FALSE);
  credence_attention_list_set_progress (self->attention_view, 0, items->len);
  g_object_set_data_full (G_OBJECT (importer), "credence-many-check", check, (GDestroyNotify)many_check_free);
  g_object_set_data_full (G_OBJECT (importer), "credence-window", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (importer), "credence-cancellable",
                          g_object_ref (self->cancellable), g_object_unref);
  g_signal_connect_object (importer, "item-finished", G_CALLBACK (many_item_finished_cb), self, 0);
  g_signal_connect_object (importer, "notify::done", G_CALLBACK (many_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (importer, "notify::total", G_CALLBACK (many_progress_cb), self, G_CONNECT_SWAPPED);
  g_object_get (importer, "verifier", &verifier, NULL);
  credence_checker_add_identities_async (self->store, verifier, self->cancellable,
                                         many_identities_added_cb, g_object_ref (importer));
}

static void
check_attention_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  GListModel *attention = credence_library_get_attention (self->library);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  /* The badges as they are now: the list changes as results arrive. */
  for (guint i = 0; i < g_list_model_get_n_items (attention); i++)
    g_ptr_array_add (items, g_list_model_get_item (attention, i));
  check_items (self, items);
}

static void
check_badge_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  CredenceBadgeItem *item = credence_library_lookup (self->library, g_variant_get_string (parameter, NULL));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (item == NULL)
    return;
  g_ptr_array_add (items, g_object_ref (item));
  check_items (self, items);
}

static void
remove_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (!credence_store_remove_badge (CREDENCE_STORE (source_object), task_data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
removed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CredenceWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (self, error->message);

  /* A removed badge no longer does its pathway steps. */
  credence_pathways_view_reload (self->pathways_view);
}

static void
undo_remove_cb (AdwToast       *toast,
                CredenceWindow *self)
{
  CredenceBadgeItem *item = g_object_get_data (G_OBJECT (toast), "credence-item");

  g_object_set_data (G_OBJECT (toast), "credence-undone", GINT_TO_POINTER (TRUE));
  credence_library_add (self->library, item);
}

static void
remove_toast_dismissed_cb (AdwToast       *toast,
                           CredenceWindow *self)
{
  CredenceBadgeItem *item = g_object_get_data (G_OBJECT (toast), "credence-item");
  g_autoptr(GTask) task = NULL;

  if (g_object_get_data (G_OBJECT (toast), "credence-undone") != NULL || self->store == NULL)
    return;

  /* The badge is deleted once the Undo toast has gone. */
  credence_thumbnailer_forget (self->thumbnailer, credence_badge_item_get_uid (item));
  task = g_task_new (self->store, NULL, removed_cb, g_object_ref (self));
  g_task_set_source_tag (task, remove_toast_dismissed_cb);
  g_task_set_task_data (task, g_strdup (credence_badge_item_get_uid (item)), g_free);
  g_task_run_in_thread (task, remove_thread);
}

static void remove_selected_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter);

static void
remove_badge_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  g_autoptr(CredenceBadgeItem) item = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (self->selection_mode && !showing_badge (self))
    {
      remove_selected_action (widget, NULL, NULL);
      return;
    }

  if (!showing_badge (self))
    return;

  item = g_object_ref (credence_badge_page_get_item (self->badge_page));
  credence_library_remove (self->library, credence_badge_item_get_uid (item));
  go_back_action (widget, NULL, NULL);

  /* Translators: a toast: "“Data Basics” removed". */
  title = g_strdup_printf (_("“%s” removed"), credence_badge_item_get_name (item));
  toast = plain_toast (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "credence-item", g_object_ref (item), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_remove_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (remove_toast_dismissed_cb), self, 0);
  add_toast (self, toast);
}

static void
copy_badge_link_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  const char *link;

  if (!showing_badge (self) || self->shown == NULL)
    return;

  link = self->shown->credential_id;
  if (link == NULL || !(g_str_has_prefix (link, "https://") || g_str_has_prefix (link, "http://")))
    {
      show_message (self, _("This badge has no web link; save the badge file instead"));
      return;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), link);
  show_message (self, _("Badge link copied"));
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CredenceWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }

  show_message (self, _("Badge file saved"));
}

static void
save_response_cb (CredenceWindow       *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  GBytes *bytes = g_object_get_data (G_OBJECT (chooser), "credence-bytes");

  if (response == GTK_RESPONSE_ACCEPT && bytes != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* The original bytes, unchanged: signatures are over them. */
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                           self->cancellable, saved_cb, g_object_ref (self));
    }

  g_clear_object (&self->save_chooser);
}

static void
save_badge_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  GBytes *bytes;
  g_autofree char *name = NULL;
  const char *extension;

  if (!showing_badge (self) || self->shown == NULL || self->save_chooser != NULL)
    return;

  bytes = self->shown->original != NULL ? self->shown->original : self->shown->payload;
  if (bytes == NULL)
    return;

  extension = self->shown->container != NULL && self->shown->original != NULL ? self->shown->container : "json";
  name = g_strdup_printf ("%s.%s", credence_badge_item_get_name (credence_badge_page_get_item (self->badge_page)),
                          extension);
  g_strdelimit (name, "/\\", '-');

  self->save_chooser = gtk_file_chooser_native_new (_("Save Badge File"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser), name);
  g_object_set_data_full (G_OBJECT (self->save_chooser), "credence-bytes",
                          g_bytes_ref (bytes), (GDestroyNotify)g_bytes_unref);
  g_signal_connect_object (self->save_chooser, "response",
                           G_CALLBACK (save_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

#define SAMPLES_PATH "/io/github/credence/Credence/samples/"

static void
add_samples_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  g_autoptr(CredenceImporter) importer = NULL;
  g_auto(GStrv) names = NULL;

  if (self->store == NULL)
    return;

  /* Real badges from the test corpus, bundled and marked as samples by
   * their source; checked offline, never fetched.
   */
  names = g_resources_enumerate_children (SAMPLES_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  importer = new_importer (self, TRUE);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (SAMPLES_PATH, names[i], NULL);
      g_autofree char *source = g_strconcat ("resource://", path, NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      if (bytes != NULL)
        credence_importer_add_bytes (importer, bytes, source);
    }
  run_import (self, importer);
}

static void
update_samples_action (CredenceWindow *self)
{
  GListModel *badges = credence_library_get_badges (self->library);
  gboolean any = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (badges) && !any; i++)
    {
      g_autoptr(CredenceBadgeItem) item = g_list_model_get_item (badges, i);
      any = credence_badge_item_get_sample (item);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-samples", any);
}

static void
remove_samples_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GPtrArray *uids = task_data;
  GError *error = NULL;

  for (guint i = 0; i < uids->len; i++)
    if (!credence_store_remove_badge (CREDENCE_STORE (source_object), g_ptr_array_index (uids, i), &error))
      {
        g_task_return_error (task, error);
        return;
      }

  g_task_return_boolean (task, TRUE);
}

static void
remove_samples_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  GListModel *badges = credence_library_get_badges (self->library);
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (badges); i++)
    {
      g_autoptr(CredenceBadgeItem) item = g_list_model_get_item (badges, i);

      if (credence_badge_item_get_sample (item))
        g_ptr_array_add (uids, g_strdup (credence_badge_item_get_uid (item)));
    }

  for (guint i = 0; i < uids->len; i++)
    {
      credence_thumbnailer_forget (self->thumbnailer, g_ptr_array_index (uids, i));
      credence_library_remove (self->library, g_ptr_array_index (uids, i));
    }
  go_back_action (widget, NULL, NULL);

  task = g_task_new (self->store, NULL, removed_cb, g_object_ref (self));
  g_task_set_source_tag (task, remove_samples_action);
  g_task_set_task_data (task, g_steal_pointer (&uids), (GDestroyNotify)g_ptr_array_unref);
  g_task_run_in_thread (task, remove_samples_thread);

  show_message (self, _("Sample badges removed"));
}

static GPtrArray *
selected_uids (CredenceWindow *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (self->select_model);
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more; more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(CredenceBadgeItem) item = g_list_model_get_item (G_LIST_MODEL (self->select_model), position);

      if (item != NULL)
        g_ptr_array_add (uids, g_strdup (credence_badge_item_get_uid (item)));
    }

  return uids;
}

static void
leave_selection_mode_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  set_selection_mode (CREDENCE_WINDOW (widget), FALSE);
}

static void
add_selected_to_collection_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  g_autoptr(GPtrArray) uids = selected_uids (self);

  if (uids->len == 0 || self->store == NULL)
    return;

  credence_collections_view_choose_and_add (self->collections_view, GTK_WINDOW (self), uids);
}

static void
add_to_collection_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);

  if (!showing_badge (self) || self->store == NULL)
    return;

  g_ptr_array_add (uids, g_strdup (credence_badge_item_get_uid (credence_badge_page_get_item (self->badge_page))));
  credence_collections_view_choose_and_add (self->collections_view, GTK_WINDOW (self), uids);
}

static void
undo_remove_selected_cb (AdwToast       *toast,
                         CredenceWindow *self)
{
  GPtrArray *items = g_object_get_data (G_OBJECT (toast), "credence-items");

  g_object_set_data (G_OBJECT (toast), "credence-undone", GINT_TO_POINTER (TRUE));
  for (guint i = 0; i < items->len; i++)
    credence_library_add (self->library, g_ptr_array_index (items, i));
}

static void
remove_selected_dismissed_cb (AdwToast       *toast,
                              CredenceWindow *self)
{
  GPtrArray *items = g_object_get_data (G_OBJECT (toast), "credence-items");
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GTask) task = NULL;

  if (g_object_get_data (G_OBJECT (toast), "credence-undone") != NULL || self->store == NULL)
    return;

  /* Deleted once the Undo toast has gone, as one badge is. */
  for (guint i = 0; i < items->len; i++)
    {
      const char *uid = credence_badge_item_get_uid (g_ptr_array_index (items, i));

      credence_thumbnailer_forget (self->thumbnailer, uid);
      g_ptr_array_add (uids, g_strdup (uid));
    }
  task = g_task_new (self->store, NULL, removed_cb, g_object_ref (self));
  g_task_set_source_tag (task, remove_selected_dismissed_cb);
  g_task_set_task_data (task, g_steal_pointer (&uids), (GDestroyNotify)g_ptr_array_unref);
  g_task_run_in_thread (task, remove_samples_thread);
}

static void
remove_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);
  g_autoptr(GPtrArray) uids = selected_uids (self);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (uids->len == 0 || self->store == NULL)
    return;

  for (guint i = 0; i < uids->len; i++)
    {
      CredenceBadgeItem *item = credence_library_lookup (self->library, g_ptr_array_index (uids, i));

      if (item == NULL)
        continue;
      g_ptr_array_add (items, g_object_ref (item));
      credence_library_remove (self->library, g_ptr_array_index (uids, i));
    }

  title = g_strdup_printf (ngettext ("%u badge removed", "%u badges removed", items->len), items->len);
  toast = plain_toast (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "credence-items", g_steal_pointer (&items),
                          (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_remove_selected_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (remove_selected_dismissed_cb), self, 0);
  add_toast (self, toast);
  update_selection (self);
}

static void
new_collection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CredenceWindow *self = CREDENCE_WINDOW (widget);

  if (self->store == NULL)
    return;

  set_view (self, "collections");
  gtk_widget_activate_action (GTK_WIDGET (self->collections_view), "collections.new", NULL);
}

static gboolean
credence_window_close_request (GtkWindow *window)
{
  CredenceWindow *self = CREDENCE_WINDOW (window);
  int width, height;

  if (self->settings != NULL)
    {
      gboolean maximized = gtk_window_is_maximized (window);

      /* The default size is the unmaximized size. */
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_boolean (self->settings, "window-maximized", maximized);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (credence_window_parent_class)->close_request (window);
}

static void
credence_window_dispose (GObject *object)
{
  CredenceWindow *self = (CredenceWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->importer);
  g_clear_object (&self->many_importer);
  g_clear_pointer (&self->import_results, g_ptr_array_unref);
  g_clear_pointer (&self->last_results, g_ptr_array_unref);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_handle_id (&self->unlock_delay_id, g_source_remove);
  g_clear_handle_id (&self->idle_lock_id, g_source_remove);
  g_cancellable_cancel (self->badge_cancellable);
  g_clear_object (&self->badge_cancellable);
  g_clear_pointer (&self->shown, credence_store_badge_free);
  if (self->save_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
  g_clear_object (&self->save_chooser);
  if (self->reverifier != NULL)
    credence_reverifier_stop (self->reverifier);
  g_clear_object (&self->reverifier);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->store);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  if (self->network_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->network_monitor, self);
  g_clear_object (&self->network_monitor);

  gtk_widget_dispose_template (GTK_WIDGET (self), CREDENCE_TYPE_WINDOW);
  g_clear_object (&self->browse_model);
  g_clear_object (&self->select_model);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (credence_window_parent_class)->dispose (object);
}

static void
credence_window_finalize (GObject *object)
{
  CredenceWindow *self = (CredenceWindow *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->view, g_free);
  g_clear_pointer (&self->last_message, g_free);

  G_OBJECT_CLASS (credence_window_parent_class)->finalize (object);
}

static void
credence_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CredenceWindow *self = CREDENCE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;

    case PROP_SELECTION_MODE:
      g_value_set_boolean (value, self->selection_mode);
      break;

    case PROP_SORT:
      g_value_set_string (value, self->library != NULL
                                 ? credence_library_sort_to_string (credence_library_get_sort (self->library))
                                 : "issued");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
credence_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CredenceWindow *self = CREDENCE_WINDOW (object);
  CredenceLibrarySort sort;

  switch (prop_id)
    {
    case PROP_SELECTION_MODE:
      set_selection_mode (self, g_value_get_boolean (value));
      break;

    case PROP_SORT:
      if (self->library != NULL &&
          credence_library_sort_from_string (g_value_get_string (value), &sort))
        credence_library_set_sort (self->library, sort);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
credence_window_class_init (CredenceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = credence_window_dispose;
  object_class->finalize = credence_window_finalize;
  object_class->get_property = credence_window_get_property;
  object_class->set_property = credence_window_set_property;

  window_class->close_request = credence_window_close_request;

  /**
   * CredenceWindow:store:
   *
   * The open collection, or %NULL while it is being opened or when it
   * could not be opened.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CREDENCE_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CredenceWindow:view:
   *
   * The view chosen in the sidebar: "all", "attention", "collections" or
   * "pathways".
   */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         "all",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CredenceWindow:sort:
   *
   * How the grid is sorted: "issued", "name" or "issuer" (the state of
   * the win.sort action).
   */
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL,
                         "issued",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CredenceWindow:selection-mode:
   *
   * Whether the grid selects badges for the action bar (the state of the
   * win.select-mode action).
   */
  properties[PROP_SELECTION_MODE] =
    g_param_spec_boolean ("selection-mode", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  credence_ui_ensure_resources ();
  g_type_ensure (CREDENCE_TYPE_ATTENTION_LIST);
  g_type_ensure (CREDENCE_TYPE_BADGE_PAGE);
  g_type_ensure (CREDENCE_TYPE_COLLECTIONS_VIEW);
  g_type_ensure (CREDENCE_TYPE_PATHWAYS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/credence/Credence/credence-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, content_leaflet);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, all_row);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, attention_row);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, collections_row);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, pathways_row);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, sort_button);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, grid_view);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, attention_view);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, attention_count);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, offline_bar);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, go_online_button);
  gtk_widget_class_bind_template_callback (widget_class, attention_activate_cb);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, unlock_error);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, unlock_button_label);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, unlock_button_stack);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, unlock_spinner);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, badge_page);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, collections_view);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, drop_overlay);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, drop_revealer);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, pathways_view);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, select_button);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, selection_label);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, selection_export_button);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, CredenceWindow, import_progress);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.add-from-link", NULL, add_from_link_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.add-samples", NULL, add_samples_action);
  gtk_widget_class_install_action (widget_class, "win.remove-samples", NULL, remove_samples_action);
  gtk_widget_class_install_action (widget_class, "win.check-again", NULL, check_again_action);
  gtk_widget_class_install_action (widget_class, "win.check-again-offline", NULL, check_again_action);
  gtk_widget_class_install_action (widget_class, "win.check-attention", NULL, check_attention_action);
  gtk_widget_class_install_action (widget_class, "win.go-online", NULL, go_online_action);
  gtk_widget_class_install_action (widget_class, "win.check-badge", "s", check_badge_action);
  gtk_widget_class_install_action (widget_class, "win.remove-badge", NULL, remove_badge_action);
  gtk_widget_class_install_action (widget_class, "win.copy-badge-link", NULL, copy_badge_link_action);
  gtk_widget_class_install_action (widget_class, "win.save-badge", NULL, save_badge_action);
  gtk_widget_class_install_action (widget_class, "win.new-collection", NULL, new_collection_action);
  gtk_widget_class_install_action (widget_class, "win.add-to-collection", NULL, add_to_collection_action);
  gtk_widget_class_install_action (widget_class, "win.add-selected-to-collection", NULL, add_selected_to_collection_action);
  gtk_widget_class_install_action (widget_class, "win.remove-selected", NULL, remove_selected_action);
  gtk_widget_class_install_action (widget_class, "win.leave-selection-mode", NULL, leave_selection_mode_action);
  gtk_widget_class_install_property_action (widget_class, "win.select-mode", "selection-mode");
  _credence_window_export_class_init (widget_class);
  gtk_widget_class_install_property_action (widget_class, "win.sort", "sort");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.check-again", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.add-from-link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.lock", NULL);
  /* In the bubble phase: a focused entry pastes into itself first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "win.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.remove-badge", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-collection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.leave-selection-mode", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-view", "s", views[i].name);
}

static GSettings *
new_settings (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  /* Running from the build folder without installed schemas must not abort:
   * the window then simply does not remember its size.
   */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed; settings are not kept", APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
credence_window_init (CredenceWindow *self)
{
  self->library = credence_library_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->view = g_strdup ("all");
  self->settings = new_settings ();

  credence_library_set_incremental (self->library, TRUE);
  g_signal_connect_object (self->library, "notify::n-badges",
                           G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "notify::sort",
                           G_CALLBACK (library_sort_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (credence_library_get_model (self->library), "items-changed",
                           G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  /* The model is a GtkFilterListModel: "no results" only once it is done. */
  g_signal_connect_object (credence_library_get_model (self->library), "notify::pending",
                           G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_cb), self, G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (card_setup_cb), self);
    g_signal_connect (factory, "bind", G_CALLBACK (card_bind_cb), self);
    g_signal_connect (factory, "unbind", G_CALLBACK (card_unbind_cb), self);
    gtk_grid_view_set_factory (self->grid_view, factory);
    credence_attention_list_set_model (self->attention_view, credence_library_get_attention (self->library));
    g_signal_connect_object (credence_library_get_attention (self->library), "items-changed",
                             G_CALLBACK (attention_changed_cb), self, G_CONNECT_SWAPPED);
    self->browse_model = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (credence_library_get_model (self->library))));
    self->select_model = GTK_SELECTION_MODEL (gtk_multi_selection_new (g_object_ref (credence_library_get_model (self->library))));
    g_signal_connect_object (self->select_model, "selection-changed",
                             G_CALLBACK (update_selection), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (self->select_model, "items-changed",
                             G_CALLBACK (update_selection), self, G_CONNECT_SWAPPED);
    gtk_grid_view_set_model (self->grid_view, self->browse_model);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-selection-mode", FALSE);
  update_selection (self);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_settings_bind (self->settings, "sort-order", self->library, "sort", G_SETTINGS_BIND_DEFAULT);
      g_signal_connect_object (self->settings, "changed::work-offline",
                               G_CALLBACK (update_offline_bar), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::lock-after",
                               G_CALLBACK (schedule_idle_lock), self, G_CONNECT_SWAPPED);
    }

  self->network_monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->network_monitor, "notify::network-available",
                           G_CALLBACK (update_offline_bar), self, G_CONNECT_SWAPPED);
  update_offline_bar (self);

  /* Lock After counts use from the window's input, seen first here. */
  {
    GtkEventController *activity = gtk_event_controller_legacy_new ();

    gtk_event_controller_set_propagation_phase (activity, GTK_PHASE_CAPTURE);
    g_signal_connect_object (activity, "event", G_CALLBACK (activity_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self), activity);
  }

  /* Nothing can be imported before the collection is open. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unlock", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-from-link", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.paste", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-samples", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-samples", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", FALSE);

  /* Files and links dropped on the content are imported. */
  {
    GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

    self->drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
    gtk_drop_target_set_gtypes (self->drop_target, types, G_N_ELEMENTS (types));
    g_signal_connect_object (self->drop_target, "drop", G_CALLBACK (drop_cb), self, 0);
    g_signal_connect_object (self->drop_target, "notify::current-drop", G_CALLBACK (drop_changed_cb),
                             self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->drop_overlay), GTK_EVENT_CONTROLLER (self->drop_target));
  }

  gtk_list_box_select_row (self->sidebar_list, self->all_row);
  update_view (self);
  open_store (self);
}

CredenceWindow *
credence_window_new (CredenceApplication *application)
{
  return g_object_new (CREDENCE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * credence_window_get_store:
 *
 * Returns: (transfer none) (nullable): the open collection.
 */
CredenceStore *
credence_window_get_store (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * credence_window_get_page_name:
 *
 * Returns: which page is shown: "loading", "unlock", "error" or "library".
 */
const char *
credence_window_get_page_name (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * credence_window_get_view_page_name:
 *
 * Returns: which page the content shows: "welcome", "grid", "attention",
 *   "collections", "pathways"…
 */
const char *
credence_window_get_view_page_name (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->view_stack);
}

/**
 * credence_window_get_view:
 *
 * Returns: the view chosen in the sidebar.
 */
const char *
credence_window_get_view (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);

  return self->view;
}

/**
 * credence_window_get_library:
 *
 * Returns: (transfer none): the badges shown.
 */
CredenceLibrary *
credence_window_get_library (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);

  return self->library;
}

/**
 * credence_window_get_collections_view:
 *
 * Returns: (transfer none): the Collections page
 */
CredenceCollectionsView *
credence_window_get_collections_view (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);

  return self->collections_view;
}

/**
 * credence_window_get_pathways_view:
 *
 * Returns: (transfer none): the Pathways page
 */
CredencePathwaysView *
credence_window_get_pathways_view (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);

  return self->pathways_view;
}

/**
 * credence_window_get_badge_page:
 *
 * Returns: (transfer none): the badge page
 */
CredenceBadgePage *
credence_window_get_badge_page (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);

  return self->badge_page;
}

/**
 * credence_window_is_checking:
 *
 * Returns: whether the shown badge is being checked again
 */
gboolean
credence_window_is_checking (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), FALSE);

  return self->checking;
}

/**
 * credence_window_get_shown_badge:
 *
 * Returns: (transfer none) (nullable): the badge of the badge page, as the
 *   collection keeps it, once read
 */
const CredenceStoreBadge *
credence_window_get_shown_badge (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);

  return self->shown;
}

/**
 * credence_window_show_badge:
 * @uid: the badge's id in the collection
 *
 * Opens the badge's page.
 */
void
credence_window_show_badge (CredenceWindow *self,
                            const char     *uid)
{
  CredenceBadgeItem *item;

  g_return_if_fail (CREDENCE_IS_WINDOW (self));
  g_return_if_fail (uid != NULL);

  item = credence_library_lookup (self->library, uid);
  if (item == NULL || self->store == NULL)
    return;

  g_clear_pointer (&self->shown, credence_store_badge_free);
  credence_badge_page_set_badge (self->badge_page, item, NULL, self->thumbnailer);
  adw_leaflet_set_visible_child_name (self->content_leaflet, "detail");
  read_shown_badge (self, uid);
}

/**
 * credence_window_import_files:
 * @files: (element-type GFile): files and folders
 *
 * Imports @files as the file chooser does.
 */
void
credence_window_import_files (CredenceWindow *self,
                              GPtrArray      *files)
{
  g_autoptr(CredenceImporter) importer = NULL;

  g_return_if_fail (CREDENCE_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL);

  importer = new_importer (self, work_offline (self));
  for (guint i = 0; i < files->len; i++)
    credence_importer_add_file (importer, g_ptr_array_index (files, i));
  run_import (self, importer);
}

/**
 * credence_window_import_url:
 * @url: the http(s) link of a badge, or of its page
 *
 * Adds the badge at @url, as Add From Link does.
 */
void
credence_window_import_url (CredenceWindow *self,
                            const char     *url)
{
  g_autoptr(CredenceImporter) importer = NULL;

  g_return_if_fail (CREDENCE_IS_WINDOW (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (self->store != NULL);

  importer = new_importer (self, work_offline (self));
  credence_importer_add_url (importer, url);
  run_import (self, importer);
}

/**
 * credence_window_import_bytes:
 * @bytes: a badge file's contents, JSON or a JWT
 * @name: (nullable): what to call it in the summary
 *
 * Adds pasted or dropped data.
 */
void
credence_window_import_bytes (CredenceWindow *self,
                              GBytes         *bytes,
                              const char     *name)
{
  g_autoptr(CredenceImporter) importer = NULL;

  g_return_if_fail (CREDENCE_IS_WINDOW (self));
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (self->store != NULL);

  importer = new_importer (self, work_offline (self));
  credence_importer_add_bytes (importer, bytes, name);
  run_import (self, importer);
}

/**
 * credence_window_is_importing:
 */
gboolean
credence_window_is_importing (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), FALSE);
  return self->importer != NULL;
}

/**
 * credence_window_get_import_results:
 *
 * Returns: (transfer none) (nullable) (element-type CredenceImportResult):
 *   what the last import did, one result per source
 */
GPtrArray *
credence_window_get_import_results (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);
  return self->last_results;
}

/**
 * credence_window_get_drop_target:
 *
 * Returns: (transfer none): what takes files and links dropped on the
 *   content
 */
GtkDropTarget *
credence_window_get_drop_target (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);
  return self->drop_target;
}

/**
 * credence_window_show_message:
 * @message: a short sentence
 *
 * Shows @message in a toast.
 */
void
credence_window_show_message (CredenceWindow *self,
                              const char     *message)
{
  g_return_if_fail (CREDENCE_IS_WINDOW (self));
  show_message (self, message);
}

/**
 * credence_window_get_last_message:
 *
 * Returns: (nullable): the title of the last toast shown
 */
const char *
credence_window_get_last_message (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);
  return self->last_message;
}

/**
 * credence_window_get_offline_bar_revealed:
 *
 * Returns: whether the Working Offline bar is shown
 */
gboolean
credence_window_get_offline_bar_revealed (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), FALSE);
  return gtk_info_bar_get_revealed (self->offline_bar);
}

/**
 * credence_window_get_attention_list:
 *
 * Returns: (transfer none): the Needs Attention page
 */
CredenceAttentionList *
credence_window_get_attention_list (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);
  return self->attention_view;
}

/**
 * credence_window_get_reverifier:
 *
 * Returns: (transfer none) (nullable): what checks the badges again on
 *   schedule, once the collection is open and read
 */
CredenceReverifier *
credence_window_get_reverifier (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);
  return self->reverifier;
}

/**
 * credence_window_reload:
 *
 * Reads the collection again, after something other than the window
 * changed it (a restored backup).
 */
void
credence_window_reload (CredenceWindow *self)
{
  g_return_if_fail (CREDENCE_IS_WINDOW (self));

  if (self->store != NULL)
    load_badges (self);
}

/**
 * credence_window_set_uses_passphrase:
 * @uses_passphrase: whether the open collection is protected by a passphrase
 *
 * Tells the window how the collection is protected now; Lock is offered
 * only for a passphrase.
 */
void
credence_window_set_uses_passphrase (CredenceWindow *self,
                                     gboolean        uses_passphrase)
{
  g_return_if_fail (CREDENCE_IS_WINDOW (self));

  self->uses_passphrase = !!uses_passphrase;
  update_lock_action (self);
}

/**
 * credence_window_get_cancellable:
 *
 * Returns: (transfer none): cancelled when the window goes or the
 *   collection is locked, for work on the open collection
 */
GCancellable *
credence_window_get_cancellable (CredenceWindow *self)
{
  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);

  return self->cancellable;
}

/**
 * credence_window_dup_selected_uids:
 *
 * Returns: (transfer full): the badges selected in the library's selection
 *   mode, in the order shown (empty outside selection mode)
 */
GStrv
credence_window_dup_selected_uids (CredenceWindow *self)
{
  g_autoptr(GPtrArray) uids = NULL;

  g_return_val_if_fail (CREDENCE_IS_WINDOW (self), NULL);

  uids = selected_uids (self);
  g_ptr_array_add (uids, NULL);
  return (GStrv) g_ptr_array_steal (uids, NULL);
}
