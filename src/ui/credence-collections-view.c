/* credence-collections-view.c: the Collections page of the sidebar.
 *
 * The list of collections, and one collection's badges in their order:
 * drag a card (or Alt+Up/Down) to reorder, choose the cover, edit the
 * name and what is shared.  Every read and write of the store runs on a
 * worker thread; the UI keeps its own copy and saves a snapshot of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-collections-view"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-badge-card.h"
#include "credence-collections-view.h"
#include "credence-store-pathways.h"
#include "credence-ui.h"

struct _CredenceCollectionsView
{
  AdwBin               parent_instance;

  GtkStack            *stack;
  GtkListBox          *list_box;
  AdwWindowTitle      *collection_title;
  GtkStack            *collection_stack;
  GtkGridView         *grid_view;

  CredenceStore       *store;
  CredenceLibrary     *library;
  CredenceThumbnailer *thumbnailer;
  GCancellable        *cancellable;
  guint                busy;

  GPtrArray           *collections;    /* CredenceCollection, as last listed */
  CredenceCollection  *shown;          /* the UI's copy of the open one */
  GListStore          *badges;         /* its CredenceBadgeItems, in order */
  GtkSingleSelection  *selection;
  char                *pending_delete; /* hidden until its Undo toast goes */
  char                *show_after_reload;
  gboolean             saving;         /* one save of the open one at a time, */
  gboolean             save_again;     /* in order: the latest wins */
};

G_DEFINE_FINAL_TYPE (CredenceCollectionsView, credence_collections_view, ADW_TYPE_BIN)

/* What a collection may disclose, in the editor's order. */
static const struct
{
  CredenceDisclosure  flag;
  const char         *title;
  const char         *subtitle;
} disclosures[] = {
  { CREDENCE_DISCLOSURE_RECIPIENT, N_("Recipient Identity"), N_("The address or name each badge was issued to") },
  { CREDENCE_DISCLOSURE_DESCRIPTION, N_("Description"), NULL },
  { CREDENCE_DISCLOSURE_CRITERIA, N_("Criteria"), NULL },
  { CREDENCE_DISCLOSURE_EVIDENCE, N_("Evidence"), NULL },
  { CREDENCE_DISCLOSURE_DATES, N_("Dates"), N_("When each badge was issued and when it expires") },
  { CREDENCE_DISCLOSURE_VERIFICATION, N_("Verification Details"), N_("The result of the last check and what was checked") },
  { CREDENCE_DISCLOSURE_BADGE_FILES, N_("Include Badge Files"), N_("Files contain the address it was issued to.") },
};

static void
toast (CredenceCollectionsView *self,
       const char *text)
{
  credence_ui_show_toast (GTK_WIDGET (self), text);
}

static CredenceCollection *
collection_copy (CredenceCollection *collection)
{
  CredenceCollection *copy = credence_collection_new (credence_collection_get_name (collection));

  credence_collection_set_uid (copy, credence_collection_get_uid (collection));
  credence_collection_set_description (copy, credence_collection_get_description (collection));
  credence_collection_set_disclosure (copy, credence_collection_get_disclosure (collection));
  credence_collection_set_visibility (copy, credence_collection_get_visibility (collection));
  for (guint i = 0; i < credence_collection_get_n_items (collection); i++)
    credence_collection_add (copy, credence_collection_get_item (collection, i));
  credence_collection_set_cover (copy, credence_collection_get_cover (collection));

  return copy;
}

static CredenceCollection *
find_collection (CredenceCollectionsView *self,
                 const char              *uid_or_name)
{
  for (guint i = 0; self->collections != NULL && i < self->collections->len; i++)
    {
      CredenceCollection *collection = g_ptr_array_index (self->collections, i);

      if (g_strcmp0 (credence_collection_get_uid (collection), uid_or_name) == 0 ||
          g_strcmp0 (credence_collection_get_name (collection), uid_or_name) == 0)
        return collection;
    }

  return NULL;
}

static void
begin_work (CredenceCollectionsView *self)
{
  self->busy++;
}

static void
end_work (CredenceCollectionsView *self)
{
  g_return_if_fail (self->busy > 0);
  self->busy--;
}

/* The list of collections */

static void
update_title (CredenceCollectionsView *self)
{
  g_autofree char *subtitle = NULL;
  guint n;

  if (self->shown == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->badges));
  subtitle = g_strdup_printf (ngettext ("%u badge", "%u badges", n), n);
  adw_window_title_set_title (self->collection_title, credence_collection_get_name (self->shown));
  adw_window_title_set_subtitle (self->collection_title, subtitle);
  gtk_stack_set_visible_child_name (self->collection_stack, n > 0 ? "grid" : "empty");
}

static CredenceBadgeItem *
selected_item (CredenceCollectionsView *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (CredenceCollectionsView *self)
{
  CredenceBadgeItem *item = self->shown != NULL ? selected_item (self) : NULL;
  guint position = gtk_single_selection_get_selected (self->selection);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->badges));
  gboolean is_cover = item != NULL &&
                      g_strcmp0 (credence_collection_get_cover (self->shown),
                                 credence_badge_item_get_uid (item)) == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "collection.move", item != NULL && n > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "collection.set-cover", item != NULL && !is_cover);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "collection.remove-badge", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "collection.edit", self->shown != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "collection.delete", self->shown != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "collection.export", self->shown != NULL && n > 0);
  (void)position;
}

static GtkWidget *
collection_row_new (CredenceCollectionsView *self,
                    CredenceCollection      *collection)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *image = g_object_new (GTK_TYPE_IMAGE,
                                   "icon-name", "folder-symbolic",
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);
  guint n = credence_collection_get_n_items (collection);
  const char *cover = credence_collection_get_cover (collection);
  g_autofree char *subtitle = NULL;

  if (cover == NULL && n > 0)
    cover = credence_collection_get_item (collection, 0);

  subtitle = g_strdup_printf (ngettext ("%u badge", "%u badges", n), n);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), credence_collection_get_name (collection));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_image_set_pixel_size (GTK_IMAGE (image), 48);
  gtk_widget_add_css_class (image, "badge-placeholder");
  if (cover != NULL && self->library != NULL && self->thumbnailer != NULL)
    {
      CredenceBadgeItem *item = credence_library_lookup (self->library, cover);

      if (item != NULL)
        {
          gtk_widget_remove_css_class (image, "badge-placeholder");
          gtk_image_set_from_icon_name (GTK_IMAGE (image), "io.github.credence.Credence-symbolic");
          credence_thumbnailer_show_in_image (self->thumbnailer, item, 48, GTK_IMAGE (image));
        }
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "credence-uid",
                          g_strdup (credence_collection_get_uid (collection)), g_free);

  return row;
}

static void
rebuild_list (CredenceCollectionsView *self)
{
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  for (guint i = 0; self->collections != NULL && i < self->collections->len; i++)
    {
      CredenceCollection *collection = g_ptr_array_index (self->collections, i);

      if (g_strcmp0 (credence_collection_get_uid (collection), self->pending_delete) == 0)
        continue;
      gtk_list_box_append (self->list_box, collection_row_new (self, collection));
      shown++;
    }

  if (self->shown == NULL)
    gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
}

static void
fill_badges (CredenceCollectionsView *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  for (guint i = 0; self->shown != NULL && i < credence_collection_get_n_items (self->shown); i++)
    {
      CredenceBadgeItem *item = self->library != NULL
                                ? credence_library_lookup (self->library, credence_collection_get_item (self->shown, i))
                                : NULL;

      /* A badge being removed (its Undo toast showing) is not shown. */
      if (item != NULL)
        g_ptr_array_add (items, item);
    }

  g_list_store_splice (self->badges, 0, g_list_model_get_n_items (G_LIST_MODEL (self->badges)),
                       items->pdata, items->len);
  update_title (self);
  update_actions (self);
}

static void
show_collection (CredenceCollectionsView *self,
                 CredenceCollection      *collection)
{
  g_clear_object (&self->shown);
  self->shown = collection_copy (collection);
  fill_badges (self);
  gtk_stack_set_visible_child_name (self->stack, "collection");
  if (g_list_model_get_n_items (G_LIST_MODEL (self->badges)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
}

static void
show_list (CredenceCollectionsView *self)
{
  g_clear_object (&self->shown);
  g_list_store_remove_all (self->badges);
  update_actions (self);
  rebuild_list (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_box));
}

static void
collection_activated_cb (CredenceCollectionsView *self,
                         GtkListBoxRow           *row,
                         GtkListBox              *list)
{
  CredenceCollection *collection = find_collection (self, g_object_get_data (G_OBJECT (row), "credence-uid"));

  if (collection != NULL)
    show_collection (self, collection);
}

static void
grid_activate_cb (CredenceCollectionsView *self,
                  guint                    position,
                  GtkGridView             *grid)
{
  g_autoptr(CredenceBadgeItem) item = g_list_model_get_item (G_LIST_MODEL (self->badges), position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.show-badge", "s", credence_badge_item_get_uid (item));
}

/* Listing */

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *collections = credence_store_list_collections (CREDENCE_STORE (source_object), &error);

  if (collections == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, collections, (GDestroyNotify)g_ptr_array_unref);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CredenceCollectionsView) self = user_data;
  g_autoptr(GPtrArray) collections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *show = NULL;

  end_work (self);
  collections = g_task_propagate_pointer (G_TASK (result), &error);
  if (collections == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->collections, g_ptr_array_unref);
  self->collections = g_steal_pointer (&collections);
  show = g_steal_pointer (&self->show_after_reload);

  if (show != NULL && find_collection (self, show) != NULL)
    show_collection (self, find_collection (self, show));
  else if (self->shown != NULL)
    {
      CredenceCollection *fresh = find_collection (self, credence_collection_get_uid (self->shown));

      /* Another window or the CLI may have changed or deleted it. */
      if (fresh == NULL || g_strcmp0 (credence_collection_get_uid (fresh), self->pending_delete) == 0)
        show_list (self);
      else
        {
          g_clear_object (&self->shown);
          self->shown = collection_copy (fresh);
          fill_badges (self);
        }
    }

  rebuild_list (self);
}

/**
 * credence_collections_view_reload:
 *
 * Reads the collections again, off the UI thread.
 */
void
credence_collections_view_reload (CredenceCollectionsView *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CREDENCE_IS_COLLECTIONS_VIEW (self));

  if (self->store == NULL)
    return;

  begin_work (self);
  task = g_task_new (self->store, self->cancellable, listed_cb, g_object_ref (self));
  g_task_set_source_tag (task, credence_collections_view_reload);
  g_task_run_in_thread (task, list_thread);
}

/* Saving */

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CredenceCollection *collection = task_data;
  GError *error = NULL;

  if (!credence_store_save_collection (CREDENCE_STORE (source_object), collection, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (credence_collection_get_uid (collection)), g_free);
}

static void save_shown (CredenceCollectionsView *self);
static void save_collection (CredenceCollectionsView *self,
                             CredenceCollection      *collection,
                             gboolean                 created);

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CredenceCollectionsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;

  end_work (self);
  if (g_task_get_source_tag (G_TASK (result)) == save_collection)
    {
      self->saving = FALSE;
      if (self->save_again)
        {
          self->save_again = FALSE;
          save_shown (self);
        }
    }

  uid = g_task_propagate_pointer (G_TASK (result), &error);
  if (uid == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
    }
  else if (g_task_get_source_tag (G_TASK (result)) == credence_collections_view_set_store)
    {
      /* A new collection: open it once listed. */
      g_free (self->show_after_reload);
      self->show_after_reload = g_steal_pointer (&uid);
    }

  credence_collections_view_reload (self);
}

/* Saves a snapshot of @collection; @created opens it afterwards. */
static void
save_collection (CredenceCollectionsView *self,
                 CredenceCollection      *collection,
                 gboolean                 created)
{
  g_autoptr(GTask) task = NULL;

  begin_work (self);
  task = g_task_new (self->store, self->cancellable, saved_cb, g_object_ref (self));
  /* The tag tells a new collection from a change. */
  g_task_set_source_tag (task, created ? (gpointer)credence_collections_view_set_store
                                       : (gpointer)save_collection);
  g_task_set_task_data (task, collection_copy (collection), g_object_unref);
  g_task_run_in_thread (task, save_thread);
}

static void
save_shown (CredenceCollectionsView *self)
{
  if (self->shown == NULL)
    return;

  /* Saves run on worker threads: one at a time keeps them in order. */
  if (self->saving)
    {
      self->save_again = TRUE;
      return;
    }

  self->saving = TRUE;
  save_collection (self, self->shown, FALSE);
}

/* New collection */

static void
name_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  CredenceCollectionsView *self = g_object_get_data (G_OBJECT (dialog), "credence-view");

  adw_message_dialog_set_response_enabled (dialog, "create",
                                           *name != '\0' && find_collection (self, name) == NULL);
}

static void
new_response_cb (AdwMessageDialog        *dialog,
                 const char              *response,
                 CredenceCollectionsView *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(CredenceCollection) collection = NULL;
  GPtrArray *uids = g_object_get_data (G_OBJECT (dialog), "credence-badges");

  if (g_strcmp0 (response, "create") != 0 || *name == '\0' || self->store == NULL)
    return;

  collection = credence_collection_new (name);
  for (guint i = 0; uids != NULL && i < uids->len; i++)
    credence_collection_add (collection, g_ptr_array_index (uids, i));
  save_collection (self, collection, uids == NULL);

  if (uids != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: a toast: "Added to “Job Hunt”". */
      text = g_strdup_printf (_("Added to “%s”"), name);
      toast (self, text);
    }
}

static void
ask_new_collection (CredenceCollectionsView *self,
                    GtkWindow               *parent,
                    GPtrArray               *badge_uids)
{
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (parent, _("New Collection"),
                                   _("Collections group badges to show them together."));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name, such as Job Applications"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create", FALSE);
  g_object_set_data (G_OBJECT (dialog), "credence-view", self);
  if (badge_uids != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "credence-badges",
                            g_ptr_array_ref (badge_uids), (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect (entry, "changed", G_CALLBACK (name_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CredenceCollectionsView *self = CREDENCE_COLLECTIONS_VIEW (widget);

  if (self->store == NULL)
    return;

  ask_new_collection (self, GTK_WINDOW (gtk_widget_get_root (widget)), NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_list (CREDENCE_COLLECTIONS_VIEW (widget));
}

/* Editing */

static void
disclosure_switch_cb (GtkSwitch               *sw,
                      GParamSpec              *pspec,
                      CredenceCollectionsView *self)
{
  CredenceDisclosure flag = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (sw), "credence-flag"));

  if (self->shown == NULL)
    return;

  credence_collection_set_discloses (self->shown, flag, gtk_switch_get_active (sw));
  save_shown (self);
}

static void
visibility_cb (AdwComboRow             *row,
               GParamSpec              *pspec,
               CredenceCollectionsView *self)
{
  if (self->shown == NULL)
    return;

  credence_collection_set_visibility (self->shown, adw_combo_row_get_selected (row) == 1
                                                   ? CREDENCE_VISIBILITY_PORTFOLIO
                                                   : CREDENCE_VISIBILITY_PRIVATE);
  save_shown (self);
}

static gboolean
editor_close_cb (GtkWindow               *editor,
                 CredenceCollectionsView *self)
{
  GtkEditable *name_row = g_object_get_data (G_OBJECT (editor), "credence-name");
  GtkEditable *description_row = g_object_get_data (G_OBJECT (editor), "credence-description");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (name_row)));
  g_autofree char *description = g_strstrip (g_strdup (gtk_editable_get_text (description_row)));
  gboolean changed = FALSE;

  if (self->shown == NULL)
    return FALSE;

  /* An empty name keeps the old one. */
  if (*name != '\0' && g_strcmp0 (name, credence_collection_get_name (self->shown)) != 0)
    {
      credence_collection_set_name (self->shown, name);
      changed = TRUE;
    }
  if (g_strcmp0 (description, credence_collection_get_description (self->shown) != NULL
                              ? credence_collection_get_description (self->shown) : "") != 0)
    {
      credence_collection_set_description (self->shown, *description != '\0' ? description : NULL);
      changed = TRUE;
    }

  if (changed)
    {
      update_title (self);
      save_shown (self);
    }

  return FALSE;
}

static GtkWidget *
editor_new (CredenceCollectionsView *self)
{
  GtkWidget *editor = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group, *row;
  const char *description = credence_collection_get_description (self->shown);
  const char * const visibilities[] = { N_("Private"), N_("In Portfolio"), NULL };
  g_autoptr(GtkStringList) visibility_names = gtk_string_list_new (NULL);

  gtk_window_set_title (GTK_WINDOW (editor), _("Edit Collection"));
  gtk_window_set_modal (GTK_WINDOW (editor), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_default_size (GTK_WINDOW (editor), 480, 640);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (editor), FALSE);

  group = adw_preferences_group_new ();
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (row), credence_collection_get_name (self->shown));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_object_set_data (G_OBJECT (editor), "credence-name", row);
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Description"));
  gtk_editable_set_text (GTK_EDITABLE (row), description != NULL ? description : "");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_object_set_data (G_OBJECT (editor), "credence-description", row);

  for (guint i = 0; visibilities[i] != NULL; i++)
    gtk_string_list_append (visibility_names, _(visibilities[i]));
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Visibility"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("In Portfolio collections are part of the exported website"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (visibility_names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                              credence_collection_get_visibility (self->shown) == CREDENCE_VISIBILITY_PORTFOLIO);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (visibility_cb), self, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Shared Details"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("What may appear when this collection is shared or exported."));
  for (guint i = 0; i < G_N_ELEMENTS (disclosures); i++)
    {
      GtkWidget *sw = gtk_switch_new ();

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(disclosures[i].title));
      if (disclosures[i].subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(disclosures[i].subtitle));
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (sw), credence_collection_discloses (self->shown, disclosures[i].flag));
      gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(disclosures[i].title), -1);
      g_object_set_data (G_OBJECT (sw), "credence-flag", GUINT_TO_POINTER (disclosures[i].flag));
      g_signal_connect_object (sw, "notify::active", G_CALLBACK (disclosure_switch_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (editor), ADW_PREFERENCES_PAGE (page));
  g_signal_connect_object (editor, "close-request", G_CALLBACK (editor_close_cb), self, 0);

  return editor;
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CredenceCollectionsView *self = CREDENCE_COLLECTIONS_VIEW (widget);

  if (self->shown == NULL)
    return;

  gtk_window_present (GTK_WINDOW (editor_new (self)));
}

/* Deleting, with Undo */

static void
remove_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (!credence_store_remove_collection (CREDENCE_STORE (source_object), task_data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
removed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CredenceCollectionsView) self = user_data;
  g_autoptr(GError) error = NULL;

  end_work (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
  credence_collections_view_reload (self);
}

static void
undo_delete_cb (AdwToast                *toast,
                CredenceCollectionsView *self)
{
  g_object_set_data (G_OBJECT (toast), "credence-undone", GINT_TO_POINTER (TRUE));
  g_clear_pointer (&self->pending_delete, g_free);
  rebuild_list (self);
}

static void
delete_dismissed_cb (AdwToast                *toast,
                     CredenceCollectionsView *self)
{
  const char *uid = g_object_get_data (G_OBJECT (toast), "credence-uid");
  g_autoptr(GTask) task = NULL;

  if (g_object_get_data (G_OBJECT (toast), "credence-undone") != NULL || self->store == NULL)
    return;

  /* Deleted once the Undo toast has gone. */
  if (g_strcmp0 (self->pending_delete, uid) == 0)
    g_clear_pointer (&self->pending_delete, g_free);
  begin_work (self);
  task = g_task_new (self->store, NULL, removed_cb, g_object_ref (self));
  g_task_set_source_tag (task, delete_dismissed_cb);
  g_task_set_task_data (task, g_strdup (uid), g_free);
  g_task_run_in_thread (task, remove_thread);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CredenceCollectionsView *self = CREDENCE_COLLECTIONS_VIEW (widget);
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  AdwToast *undo;

  if (self->shown == NULL || credence_collection_get_uid (self->shown) == NULL)
    return;

  /* Translators: a toast: "“Job Hunt” deleted". */
  title = g_strdup_printf (_("“%s” deleted"), credence_collection_get_name (self->shown));
  markup = g_markup_escape_text (title, -1);
  undo = adw_toast_new (markup);
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_priority (undo, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (undo), "credence-uid",
                          g_strdup (credence_collection_get_uid (self->shown)), g_free);
  g_signal_connect_object (undo, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  g_signal_connect_object (undo, "dismissed", G_CALLBACK (delete_dismissed_cb), self, 0);

  g_free (self->pending_delete);
  self->pending_delete = g_strdup (credence_collection_get_uid (self->shown));
  show_list (self);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), undo);
  else
    {
      /* No overlay to show it: delete at once. */
      g_object_ref_sink (undo);
      delete_dismissed_cb (undo, self);
      g_object_unref (undo);
    }
}

/* Exporting: the window asks where and writes, as for a selection. */

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CredenceCollectionsView *self = CREDENCE_COLLECTIONS_VIEW (widget);
  GListModel *badges = G_LIST_MODEL (self->badges);
  g_autoptr(GVariantBuilder) uids = NULL;

  if (self->shown == NULL || g_list_model_get_n_items (badges) == 0)
    return;

  /* The badges as shown, in the collection's order. */
  uids = g_variant_builder_new (G_VARIANT_TYPE_STRING_ARRAY);
  for (guint i = 0; i < g_list_model_get_n_items (badges); i++)
    {
      g_autoptr(CredenceBadgeItem) item = g_list_model_get_item (badges, i);

      g_variant_builder_add (uids, "s", credence_badge_item_get_uid (item));
    }

  gtk_widget_activate_action (widget, "win.export-badges", "(ssas)",
                              g_variant_get_string (parameter, NULL),
                              credence_collection_get_name (self->shown), uids);
}

/* Order and cover */

static void
move_badge (CredenceCollectionsView *self,
            const char              *uid,
            guint                    position)
{
  g_autoptr(CredenceBadgeItem) item = NULL;
  guint from;

  if (self->shown == NULL)
    return;

  item = g_object_ref (credence_library_lookup (self->library, uid));
  if (!g_list_store_find (self->badges, item, &from))
    return;
  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->badges)) - 1);
  if (from == position)
    return;

  /* The shown list may skip badges being removed: move next to the
   * neighbour it lands by, in the collection's own order.
   */
  {
    g_autoptr(CredenceBadgeItem) target = g_list_model_get_item (G_LIST_MODEL (self->badges), position);
    int to = credence_collection_find (self->shown, credence_badge_item_get_uid (target));

    if (to < 0 || !credence_collection_move (self->shown, uid, to))
      return;
  }

  g_list_store_remove (self->badges, from);
  g_list_store_insert (self->badges, position, item);
  gtk_single_selection_set_selected (self->selection, position);
  save_shown (self);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CredenceCollectionsView *self = CREDENCE_COLLECTIONS_VIEW (widget);
  CredenceBadgeItem *item = selected_item (self);
  guint position = gtk_single_selection_get_selected (self->selection);
  int delta = g_variant_get_int32 (parameter);

  if (item == NULL || (delta < 0 && position == 0))
    return;

  move_badge (self, credence_badge_item_get_uid (item), position + delta);
  gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
}

static void
set_cover_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CredenceCollectionsView *self = CREDENCE_COLLECTIONS_VIEW (widget);
  CredenceBadgeItem *item = selected_item (self);
  g_autofree char *text = NULL;

  if (item == NULL || self->shown == NULL)
    return;

  credence_collection_set_cover (self->shown, credence_badge_item_get_uid (item));
  save_shown (self);
  update_actions (self);

  /* Translators: a toast: "“Data Basics” is the cover". */
  text = g_strdup_printf (_("“%s” is the cover"), credence_badge_item_get_name (item));
  toast (self, text);
}

static void
remove_badge_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CredenceCollectionsView *self = CREDENCE_COLLECTIONS_VIEW (widget);
  CredenceBadgeItem *item = selected_item (self);
  guint position = gtk_single_selection_get_selected (self->selection);

  if (item == NULL || self->shown == NULL)
    return;

  /* The badge stays in the library; only the collection changes. */
  credence_collection_remove (self->shown, credence_badge_item_get_uid (item));
  g_list_store_remove (self->badges, position);
  update_title (self);
  update_actions (self);
  save_shown (self);
}

static void
selection_changed_cb (CredenceCollectionsView *self)
{
  update_actions (self);
}

/* Drag and drop: a card carries its badge's uid; dropping it on another
 * card moves it there.
 */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *card)
{
  CredenceBadgeItem *item = credence_badge_card_get_item (CREDENCE_BADGE_CARD (card));

  if (item == NULL)
    return NULL;

  return gdk_content_provider_new_typed (G_TYPE_STRING, credence_badge_item_get_uid (item));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkWidget     *card)
{
  CredenceCollectionsView *self = CREDENCE_COLLECTIONS_VIEW (gtk_widget_get_ancestor (card, CREDENCE_TYPE_COLLECTIONS_VIEW));
  CredenceBadgeItem *onto = credence_badge_card_get_item (CREDENCE_BADGE_CARD (card));
  const char *uid = g_value_get_string (value);
  guint position;

  if (self == NULL || onto == NULL || uid == NULL || credence_library_lookup (self->library, uid) == NULL)
    return FALSE;
  if (!g_list_store_find (self->badges, onto, &position))
    return FALSE;

  move_badge (self, uid, position);
  return TRUE;
}

static void
card_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               CredenceCollectionsView  *self)
{
  GtkWidget *card = credence_badge_card_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), card);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), card);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (target));
  gtk_list_item_set_child (list_item, card);
}

static void
card_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CredenceCollectionsView  *self)
{
  CredenceBadgeCard *card = CREDENCE_BADGE_CARD (gtk_list_item_get_child (list_item));

  credence_badge_card_set_item (card, gtk_list_item_get_item (list_item));
  if (self->thumbnailer != NULL)
    credence_badge_card_load_thumbnail (card, self->thumbnailer);
}

static void
card_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CredenceCollectionsView  *self)
{
  credence_badge_card_set_item (CREDENCE_BADGE_CARD (gtk_list_item_get_child (list_item)), NULL);
}

/* Adding badges (from the grid's selection or a badge's page) */

typedef struct
{
  char  *collection_uid;
  GStrv  badge_uids;
} AddData;

static void
add_data_free (AddData *data)
{
  g_free (data->collection_uid);
  g_strfreev (data->badge_uids);
  g_free (data);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddData *data = task_data;
  g_autoptr(CredenceCollection) collection = NULL;
  GError *error = NULL;
  guint added = 0;

  collection = credence_store_get_collection (CREDENCE_STORE (source_object), data->collection_uid, &error);
  if (collection == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; data->badge_uids[i] != NULL; i++)
    added += credence_collection_add (collection, data->badge_uids[i]);

  if (added > 0 && !credence_store_save_collection (CREDENCE_STORE (source_object), collection, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_strdup (credence_collection_get_name (collection)), g_free);
}

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CredenceCollectionsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  end_work (self);
  name = g_task_propagate_pointer (G_TASK (result), &error);
  if (name == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  text = g_strdup_printf (_("Added to “%s”"), name);
  toast (self, text);
  credence_collections_view_reload (self);
}

/**
 * credence_collections_view_add_badges:
 * @collection_uid: the collection
 * @badge_uids: badges to add at its end (those already in it stay where
 *   they are)
 *
 * Adds badges to a collection, off the UI thread.
 */
void
credence_collections_view_add_badges (CredenceCollectionsView *self,
                                      const char              *collection_uid,
                                      const char * const      *badge_uids)
{
  g_autoptr(GTask) task = NULL;
  AddData *data;

  g_return_if_fail (CREDENCE_IS_COLLECTIONS_VIEW (self));
  g_return_if_fail (collection_uid != NULL);
  g_return_if_fail (badge_uids != NULL);

  if (self->store == NULL)
    return;

  data = g_new0 (AddData, 1);
  data->collection_uid = g_strdup (collection_uid);
  data->badge_uids = g_strdupv ((char **)badge_uids);
  begin_work (self);
  task = g_task_new (self->store, self->cancellable, added_cb, g_object_ref (self));
  g_task_set_source_tag (task, credence_collections_view_add_badges);
  g_task_set_task_data (task, data, (GDestroyNotify)add_data_free);
  g_task_run_in_thread (task, add_thread);
}

static void
choose_response_cb (AdwMessageDialog        *dialog,
                    const char              *response,
                    CredenceCollectionsView *self)
{
  GtkListBox *list = GTK_LIST_BOX (adw_message_dialog_get_extra_child (dialog));
  GPtrArray *uids = g_object_get_data (G_OBJECT (dialog), "credence-badges");
  GtkListBoxRow *row;

  if (g_strcmp0 (response, "new") == 0)
    {
      ask_new_collection (self, gtk_window_get_transient_for (GTK_WINDOW (dialog)), uids);
      return;
    }

  row = gtk_list_box_get_selected_row (list);
  if (g_strcmp0 (response, "add") != 0 || row == NULL)
    return;

  g_ptr_array_add (uids, NULL);
  credence_collections_view_add_badges (self, g_object_get_data (G_OBJECT (row), "credence-uid"),
                                        (const char * const *)uids->pdata);
  g_ptr_array_remove_index (uids, uids->len - 1);
}

static void
choose_row_activated_cb (GtkListBox       *list,
                         GtkListBoxRow    *row,
                         AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "add");
  gtk_window_close (GTK_WINDOW (dialog));
}

/**
 * credence_collections_view_choose_and_add:
 * @parent: the window to show the dialog on
 * @badge_uids: (element-type utf8): the badges to add
 *
 * Asks which collection (or a new one) to add @badge_uids to, then adds
 * them.
 */
void
credence_collections_view_choose_and_add (CredenceCollectionsView *self,
                                          GtkWindow               *parent,
                                          GPtrArray               *badge_uids)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog, *list;
  guint n = 0;

  g_return_if_fail (CREDENCE_IS_COLLECTIONS_VIEW (self));
  g_return_if_fail (badge_uids != NULL && badge_uids->len > 0);

  if (self->store == NULL)
    return;

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_BROWSE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Collections"), -1);
  for (guint i = 0; self->collections != NULL && i < self->collections->len; i++)
    {
      CredenceCollection *collection = g_ptr_array_index (self->collections, i);

      if (g_strcmp0 (credence_collection_get_uid (collection), self->pending_delete) == 0)
        continue;
      gtk_list_box_append (GTK_LIST_BOX (list), collection_row_new (self, collection));
      n++;
    }

  if (n == 0)
    {
      g_object_ref_sink (list);
      g_object_unref (list);
      ask_new_collection (self, parent, badge_uids);
      return;
    }

  gtk_list_box_select_row (GTK_LIST_BOX (list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  body = g_strdup_printf (ngettext ("Choose a collection for %u badge.",
                                    "Choose a collection for %u badges.", badge_uids->len),
                          badge_uids->len);
  dialog = adw_message_dialog_new (parent, _("Add to Collection"), body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "new", _("_New Collection…"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "credence-badges",
                          g_ptr_array_ref (badge_uids), (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect (list, "row-activated", G_CALLBACK (choose_row_activated_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (choose_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
credence_collections_view_dispose (GObject *object)
{
  CredenceCollectionsView *self = (CredenceCollectionsView *)object;

  g_cancellable_cancel (self->cancellable);
  /* AdwBin drops the template (its child) itself. */
  g_clear_object (&self->selection);
  g_clear_object (&self->badges);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->collections, g_ptr_array_unref);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->library);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (credence_collections_view_parent_class)->dispose (object);
}

static void
credence_collections_view_finalize (GObject *object)
{
  CredenceCollectionsView *self = (CredenceCollectionsView *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending_delete, g_free);
  g_clear_pointer (&self->show_after_reload, g_free);

  G_OBJECT_CLASS (credence_collections_view_parent_class)->finalize (object);
}

static void
credence_collections_view_class_init (CredenceCollectionsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = credence_collections_view_dispose;
  object_class->finalize = credence_collections_view_finalize;

  credence_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/credence/Credence/credence-collections-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CredenceCollectionsView, stack);
  gtk_widget_class_bind_template_child (widget_class, CredenceCollectionsView, list_box);
  gtk_widget_class_bind_template_child (widget_class, CredenceCollectionsView, collection_title);
  gtk_widget_class_bind_template_child (widget_class, CredenceCollectionsView, collection_stack);
  gtk_widget_class_bind_template_child (widget_class, CredenceCollectionsView, grid_view);
  gtk_widget_class_bind_template_callback (widget_class, collection_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);

  gtk_widget_class_install_action (widget_class, "collections.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "collections.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "collection.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "collection.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "collection.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "collection.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "collection.set-cover", NULL, set_cover_action);
  gtk_widget_class_install_action (widget_class, "collection.remove-badge", NULL, remove_badge_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "collection.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "collection.move", "i", 1);
}

static void
credence_collections_view_init (CredenceCollectionsView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->badges = g_list_store_new (CREDENCE_TYPE_BADGE_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->badges)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (card_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (card_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (card_unbind_cb), self);
  gtk_grid_view_set_factory (self->grid_view, factory);
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (g_object_ref (self->selection)));

  update_actions (self);
}

/**
 * credence_collections_view_set_store:
 *
 * Shows the collections of @store; badges come from @library.
 */
void
credence_collections_view_set_store (CredenceCollectionsView *self,
                                     CredenceStore           *store,
                                     CredenceLibrary         *library,
                                     CredenceThumbnailer     *thumbnailer)
{
  g_return_if_fail (CREDENCE_IS_COLLECTIONS_VIEW (self));

  g_set_object (&self->store, store);
  g_set_object (&self->library, library);
  g_set_object (&self->thumbnailer, thumbnailer);
  credence_collections_view_reload (self);
}

/**
 * credence_collections_view_is_busy:
 *
 * Returns: whether the store is being read or written
 */
gboolean
credence_collections_view_is_busy (CredenceCollectionsView *self)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTIONS_VIEW (self), FALSE);

  return self->busy > 0;
}

/**
 * credence_collections_view_get_page_name:
 *
 * Returns: "empty", "list" or "collection"
 */
const char *
credence_collections_view_get_page_name (CredenceCollectionsView *self)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTIONS_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * credence_collections_view_get_collections:
 *
 * Returns: (transfer none) (nullable) (element-type CredenceCollection):
 *   the collections as last read
 */
GPtrArray *
credence_collections_view_get_collections (CredenceCollectionsView *self)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTIONS_VIEW (self), NULL);

  return self->collections;
}

/**
 * credence_collections_view_show_collection:
 *
 * Opens a collection's page.
 *
 * Returns: whether there is such a collection
 */
gboolean
credence_collections_view_show_collection (CredenceCollectionsView *self,
                                           const char              *uid_or_name)
{
  CredenceCollection *collection;

  g_return_val_if_fail (CREDENCE_IS_COLLECTIONS_VIEW (self), FALSE);

  collection = find_collection (self, uid_or_name);
  if (collection == NULL)
    return FALSE;

  show_collection (self, collection);
  return TRUE;
}

/**
 * credence_collections_view_get_shown:
 *
 * Returns: (transfer none) (nullable): the open collection
 */
CredenceCollection *
credence_collections_view_get_shown (CredenceCollectionsView *self)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTIONS_VIEW (self), NULL);

  return self->shown;
}

/**
 * credence_collections_view_get_badges:
 *
 * Returns: (transfer none): the badges of the open collection, in order,
 *   with the selected one
 */
GtkSelectionModel *
credence_collections_view_get_badges (CredenceCollectionsView *self)
{
  g_return_val_if_fail (CREDENCE_IS_COLLECTIONS_VIEW (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}
