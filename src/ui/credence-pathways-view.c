/* credence-pathways-view.c: the Pathways page of the sidebar.
 *
 * The list of pathways with their progress, and one pathway: progress,
 * what's next, and its steps as a tree of rows (groups are expander rows)
 * with a state icon and the badges that do each step.  Pathway files are
 * imported and exported here; suggestions from the collection open as a
 * draft the learner can rename, trim and save.  Store work and progress
 * run on worker threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-pathways-view"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-pathways-view.h"
#include "credence-store-pathways.h"
#include "credence-ui.h"

#define THUMB_SIZE 32
#define MAX_THUMBS 4

struct _CredencePathwaysView
{
  AdwBin                   parent_instance;

  GtkStack                *stack;
  GtkListBox              *list_box;
  AdwWindowTitle          *pathway_title;
  GtkWidget               *save_button;
  GtkWidget               *export_button;
  GtkLabel                *description_label;
  GtkLabel                *progress_label;
  GtkProgressBar          *progress_bar;
  GtkLabel                *target_label;
  GtkWidget               *draft_group;
  GtkEditable             *draft_title;
  AdwPreferencesGroup     *next_group;
  GtkListBox              *steps_list;

  CredenceStore           *store;
  CredenceLibrary         *library;
  CredenceThumbnailer     *thumbnailer;
  GCancellable            *cancellable;
  GtkFileChooserNative    *chooser;
  guint                    busy;

  GPtrArray               *pathways;      /* CredenceStorePathway */
  GPtrArray               *suggestions;   /* CredencePathway drafts */
  GPtrArray               *next_rows;

  /* The open pathway */
  char                    *uid;           /* NULL for a draft */
  CredencePathway         *shown;
  CredencePathwayProgress *progress;
  CredenceStoreBadgeSet   *badge_set;
};

G_DEFINE_FINAL_TYPE (CredencePathwaysView, credence_pathways_view, ADW_TYPE_BIN)

static void
toast (CredencePathwaysView *self,
       const char *text)
{
  credence_ui_show_toast (GTK_WIDGET (self), text);
}

static void
end_work (CredencePathwaysView *self)
{
  g_return_if_fail (self->busy > 0);
  self->busy--;
}

/* A task on the store that holds a reference to the view. */
static GTask *
new_task (CredencePathwaysView *self,
          gpointer              source_tag,
          GAsyncReadyCallback   callback)
{
  GTask *task = g_task_new (self->store, self->cancellable, callback, g_object_ref (self));

  g_task_set_source_tag (task, source_tag);
  self->busy++;

  return task;
}

static CredencePathway *
pathway_copy (CredencePathway *pathway)
{
  g_autoptr(GBytes) bytes = credence_pathway_to_bytes (pathway);

  return credence_pathway_new_from_bytes (bytes, NULL);
}

static char *
steps_complete_text (guint n_complete,
                     guint n_steps)
{
  /* Translators: "3 of 5 steps complete". */
  return g_strdup_printf (ngettext ("%u of %u step complete", "%u of %u steps complete", n_steps),
                          n_complete, n_steps);
}

/* Step states: icon, style and words (never colour alone). */

static void
state_look (CredencePathway          *pathway,
            CredencePathwayStepState  state,
            const char              **icon,
            const char              **css,
            const char              **text)
{
  switch (state)
    {
    case CREDENCE_PATHWAY_STEP_STATE_DONE:
      *icon = "emblem-ok-symbolic";
      *css = "success";
      *text = _("Done");
      break;
    case CREDENCE_PATHWAY_STEP_STATE_EXPIRED:
      *icon = "appointment-missed-symbolic";
      *css = "warning";
      *text = credence_pathway_get_count_expired (pathway)
              ? _("Earned, expired") : _("Does not count: expired");
      break;
    case CREDENCE_PATHWAY_STEP_STATE_IN_PROGRESS:
      *icon = "checkbox-mixed-symbolic";
      *css = "accent";
      *text = _("In progress");
      break;
    case CREDENCE_PATHWAY_STEP_STATE_UNCONFIRMED:
      *icon = "dialog-warning-symbolic";
      *css = "warning";
      *text = _("Not counted yet: the badge could not be checked; check it again");
      break;
    case CREDENCE_PATHWAY_STEP_STATE_REVOKED:
      *icon = "dialog-error-symbolic";
      *css = "error";
      *text = _("Does not count: revoked by issuer");
      break;
    case CREDENCE_PATHWAY_STEP_STATE_PROBLEM:
      *icon = "dialog-error-symbolic";
      *css = "error";
      *text = _("Does not count: a check failed");
      break;
    case CREDENCE_PATHWAY_STEP_STATE_OPEN:
    default:
      *icon = "checkbox-symbolic";
      *css = "dim-label";
      *text = _("Open");
      break;
    }
}

static char *
step_what (CredencePathwayStep *step)
{
  guint n = credence_pathway_step_get_n_children (step);
  guint require = credence_pathway_step_get_require (step);

  switch (credence_pathway_step_get_kind (step))
    {
    case CREDENCE_PATHWAY_STEP_BADGE:
      return g_strdup (_("A specific badge"));
    case CREDENCE_PATHWAY_STEP_ACHIEVEMENT:
      return g_strdup (_("Any badge of this kind"));
    case CREDENCE_PATHWAY_STEP_MATCH:
      return g_strdup (_("Any matching badge"));
    case CREDENCE_PATHWAY_STEP_GROUP:
      if (require == 0 || require >= n)
        /* Translators: a group of steps: "All of 3". */
        return g_strdup_printf (_("All of %u"), n);
      /* Translators: a group of steps: "Any 2 of 4". */
      return g_strdup_printf (_("Any %u of %u"), require, n);
    case CREDENCE_PATHWAY_STEP_MANUAL:
    default:
      return g_strdup (_("Ticked off by you"));
    }
}

static GtkWidget *
state_icon_new (CredencePathway          *pathway,
                CredencePathwayStepState  state)
{
  const char *icon, *css, *text;
  GtkWidget *image;

  state_look (pathway, state, &icon, &css, &text);
  image = g_object_new (GTK_TYPE_IMAGE,
                        "icon-name", icon,
                        "tooltip-text", text,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                        NULL);
  gtk_widget_add_css_class (image, css);
  gtk_widget_add_css_class (image, "step-state");

  return image;
}

/* The badges that do a step, as small pictures. */
static GtkWidget *
thumbnails_new (CredencePathwaysView *self,
                CredencePathwayStep  *step)
{
  const guint *indexes;
  guint n = 0;
  GtkWidget *box;

  indexes = credence_pathway_progress_get_step_badges (self->progress, step, &n);
  if (n == 0 || self->library == NULL || self->badge_set == NULL)
    return NULL;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < n && i < MAX_THUMBS; i++)
    {
      const char *uid = credence_store_badge_set_get_uid (self->badge_set, indexes[i]);
      CredenceBadgeItem *item = uid != NULL ? credence_library_lookup (self->library, uid) : NULL;
      g_autofree char *label = NULL;
      GtkWidget *image;

      if (item == NULL)
        continue;

      label = credence_badge_item_dup_accessible_label (item);
      image = gtk_image_new_from_icon_name ("io.github.credence.Credence-symbolic");
      gtk_image_set_pixel_size (GTK_IMAGE (image), THUMB_SIZE);
      gtk_widget_set_tooltip_text (image, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      if (self->thumbnailer != NULL)
        credence_thumbnailer_show_in_image (self->thumbnailer, item, THUMB_SIZE, GTK_IMAGE (image));
      gtk_box_append (GTK_BOX (box), image);
    }

  return box;
}

static void remove_step_cb (GtkButton            *button,
                            CredencePathwaysView *self);

static GtkWidget *
step_row_new (CredencePathwaysView *self,
              CredencePathwayStep  *step,
              gboolean              top_level)
{
  CredencePathwayStepState state = credence_pathway_progress_get_step_state (self->progress, step);
  const char *icon, *css, *text;
  const char *note = credence_pathway_step_get_note (step);
  g_autofree char *what = step_what (step);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row, *thumbs;

  state_look (self->shown, state, &icon, &css, &text);
  g_string_append_printf (subtitle, "%s · %s", text, what);
  if (note != NULL)
    g_string_append_printf (subtitle, "\n%s", note);

  if (credence_pathway_step_get_kind (step) == CREDENCE_PATHWAY_STEP_GROUP)
    {
      row = adw_expander_row_new ();
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), state_icon_new (self->shown, state));
      for (guint i = 0; i < credence_pathway_step_get_n_children (step); i++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                  step_row_new (self, credence_pathway_step_get_child (step, i), FALSE));
    }
  else
    {
      row = adw_action_row_new ();
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), state_icon_new (self->shown, state));
      thumbs = thumbnails_new (self, step);
      if (thumbs != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), thumbs);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), credence_pathway_step_get_title (step));
  g_object_set_data (G_OBJECT (row), "credence-step", step);

  /* A draft's top-level steps can be removed before saving. */
  if (self->uid == NULL && top_level)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove Step"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove Step"), -1);
      g_object_set_data (G_OBJECT (button), "credence-step", step);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_step_cb), self, 0);
      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static void
clear_next (CredencePathwaysView *self)
{
  for (guint i = 0; i < self->next_rows->len; i++)
    adw_preferences_group_remove (self->next_group, g_ptr_array_index (self->next_rows, i));
  g_ptr_array_set_size (self->next_rows, 0);
}

static void
fill_pathway (CredencePathwaysView *self)
{
  CredencePathwayStep *root = credence_pathway_get_root (self->shown);
  const char *description = credence_pathway_get_description (self->shown);
  const char *target = credence_pathway_get_target_date (self->shown);
  g_autofree char *complete = NULL;
  g_autoptr(GPtrArray) next = NULL;
  GtkWidget *child;

  adw_window_title_set_title (self->pathway_title, credence_pathway_get_title (self->shown));
  adw_window_title_set_subtitle (self->pathway_title, self->uid == NULL ? _("Suggested draft") : NULL);
  gtk_widget_set_visible (self->save_button, self->uid == NULL);
  gtk_widget_set_visible (self->draft_group, self->uid == NULL);
  if (self->uid == NULL)
    gtk_editable_set_text (self->draft_title, credence_pathway_get_title (self->shown));

  gtk_label_set_label (self->description_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL);

  complete = steps_complete_text (credence_pathway_progress_get_n_complete (self->progress),
                                  credence_pathway_progress_get_n_steps (self->progress));
  gtk_label_set_label (self->progress_label, complete);
  gtk_progress_bar_set_fraction (self->progress_bar, credence_pathway_progress_get_fraction (self->progress));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, complete, -1);
  if (target != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: the pathway's target date, as written in its file (YYYY-MM-DD). */
      text = g_strdup_printf (_("Goal date: %s"), target);
      gtk_label_set_label (self->target_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->target_label), target != NULL);

  /* What's next: the first open steps. */
  clear_next (self);
  next = credence_pathway_progress_dup_next_steps (self->progress, 3);
  for (guint i = 0; i < next->len; i++)
    {
      CredencePathwayStep *step = g_ptr_array_index (next, i);
      const char *note = credence_pathway_step_get_note (step);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), credence_pathway_step_get_title (step));
      if (note != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), note);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 state_icon_new (self->shown, credence_pathway_progress_get_step_state (self->progress, step)));
      if (credence_pathway_step_get_n_links (step) > 0)
        {
          const CredencePathwayLink *link = credence_pathway_step_get_link (step, 0);
          GtkWidget *button = gtk_link_button_new_with_label (link->url, link->title != NULL ? link->title : _("Open Link"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      adw_preferences_group_add (self->next_group, row);
      g_ptr_array_add (self->next_rows, row);
    }
  if (next->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     credence_pathway_progress_get_n_steps (self->progress) > 0
                                     ? _("Every step is done") : _("No Steps Yet"));
      adw_preferences_group_add (self->next_group, row);
      g_ptr_array_add (self->next_rows, row);
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list))) != NULL)
    gtk_list_box_remove (self->steps_list, child);
  for (guint i = 0; i < credence_pathway_step_get_n_children (root); i++)
    gtk_list_box_append (self->steps_list, step_row_new (self, credence_pathway_step_get_child (root, i), TRUE));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pathway.save", self->uid == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pathway.export", self->uid != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pathway.delete", TRUE);
}

/* Opening a pathway: read it, the badges, and compute progress. */

typedef struct
{
  char                    *uid;
  CredencePathway         *pathway;
  CredencePathwayProgress *progress;
  CredenceStoreBadgeSet   *set;
} Opened;

static void
opened_free (Opened *opened)
{
  g_free (opened->uid);
  g_clear_object (&opened->pathway);
  g_clear_pointer (&opened->progress, credence_pathway_progress_unref);
  g_clear_pointer (&opened->set, credence_store_badge_set_free);
  g_free (opened);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Opened, opened_free)

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Opened *in = task_data;
  g_autoptr(Opened) out = g_new0 (Opened, 1);
  const CredencePathwayBadge *badges;
  GError *error = NULL;
  gsize n = 0;

  out->uid = g_strdup (in->uid);
  out->pathway = in->pathway != NULL
                 ? g_object_ref (in->pathway)
                 : credence_store_get_pathway (CREDENCE_STORE (source_object), in->uid, &error);
  if (out->pathway == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  out->set = credence_store_load_badge_set (CREDENCE_STORE (source_object), &error);
  if (out->set == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  badges = credence_store_badge_set_get_badges (out->set, &n);
  out->progress = credence_pathway_compute_progress (out->pathway, badges, n);
  g_task_return_pointer (task, g_steal_pointer (&out), (GDestroyNotify)opened_free);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CredencePathwaysView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Opened) opened = NULL;

  end_work (self);
  opened = g_task_propagate_pointer (G_TASK (result), &error);
  if (opened == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  g_free (self->uid);
  self->uid = g_steal_pointer (&opened->uid);
  g_set_object (&self->shown, opened->pathway);
  g_clear_pointer (&self->progress, credence_pathway_progress_unref);
  self->progress = g_steal_pointer (&opened->progress);
  g_clear_pointer (&self->badge_set, credence_store_badge_set_free);
  self->badge_set = g_steal_pointer (&opened->set);

  fill_pathway (self);
  gtk_stack_set_visible_child_name (self->stack, "pathway");
}

/* Opens the stored pathway @uid, or the draft @draft (a copy is kept). */
static void
open_pathway (CredencePathwaysView *self,
              const char           *uid,
              CredencePathway      *draft)
{
  g_autoptr(GTask) task = NULL;
  Opened *in;

  if (self->store == NULL)
    return;

  in = g_new0 (Opened, 1);
  in->uid = g_strdup (uid);
  in->pathway = draft != NULL ? pathway_copy (draft) : NULL;
  task = new_task (self, open_pathway, opened_cb);
  g_task_set_task_data (task, in, (GDestroyNotify)opened_free);
  g_task_run_in_thread (task, open_thread);
}

static void
remove_step_cb (GtkButton            *button,
                CredencePathwaysView *self)
{
  CredencePathwayStep *step = g_object_get_data (G_OBJECT (button), "credence-step");

  if (self->shown == NULL || self->uid != NULL || step == NULL)
    return;

  /* The rows are rebuilt once progress is computed again. */
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  credence_pathway_step_remove_child (credence_pathway_get_root (self->shown), step);
  open_pathway (self, NULL, self->shown);
}

/* The list */

static GtkWidget *
pathway_row_new (CredenceStorePathway *pathway)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_progress_bar_new ();
  g_autofree char *complete = steps_complete_text (pathway->n_complete, pathway->n_steps);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pathway->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), complete);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             g_object_new (GTK_TYPE_IMAGE,
                                           "icon-name", "emoji-flags-symbolic",
                                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                           NULL));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), pathway->percent / 100.0);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 96, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress"),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, complete,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "credence-uid", g_strdup (pathway->uid), g_free);

  return row;
}

static void
rebuild_list (CredencePathwaysView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  for (guint i = 0; self->pathways != NULL && i < self->pathways->len; i++)
    gtk_list_box_append (self->list_box, pathway_row_new (g_ptr_array_index (self->pathways, i)));

  if (self->shown == NULL)
    gtk_stack_set_visible_child_name (self->stack,
                                      self->pathways != NULL && self->pathways->len > 0 ? "list" : "empty");
}

static void
show_list (CredencePathwaysView *self)
{
  g_clear_pointer (&self->uid, g_free);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->progress, credence_pathway_progress_unref);
  g_clear_pointer (&self->badge_set, credence_store_badge_set_free);
  rebuild_list (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_box));
}

static void
pathway_activated_cb (CredencePathwaysView *self,
                      GtkListBoxRow        *row,
                      GtkListBox           *list)
{
  open_pathway (self, g_object_get_data (G_OBJECT (row), "credence-uid"), NULL);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CredenceStore *store = CREDENCE_STORE (source_object);
  GError *error = NULL;
  GPtrArray *pathways;

  /* Badges may have been added, removed or checked since: recompute. */
  if (!credence_store_update_progress (store, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  pathways = credence_store_list_pathways (store, &error);
  if (pathways == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pathways, (GDestroyNotify)g_ptr_array_unref);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CredencePathwaysView) self = user_data;
  g_autoptr(GPtrArray) pathways = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  end_work (self);
  pathways = g_task_propagate_pointer (G_TASK (result), &error);
  if (pathways == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->pathways, g_ptr_array_unref);
  self->pathways = g_steal_pointer (&pathways);

  /* The open pathway again, with fresh progress (or gone). */
  if (self->uid != NULL)
    {
      for (guint i = 0; i < self->pathways->len; i++)
        found |= g_strcmp0 (((CredenceStorePathway *)g_ptr_array_index (self->pathways, i))->uid, self->uid) == 0;
      if (found)
        open_pathway (self, self->uid, NULL);
      else
        show_list (self);
    }
  else if (self->shown != NULL)
    open_pathway (self, NULL, self->shown);

  rebuild_list (self);
}

/**
 * credence_pathways_view_reload:
 *
 * Recomputes progress and reads the pathways again, off the UI thread;
 * the open pathway is shown again with its new progress.
 */
void
credence_pathways_view_reload (CredencePathwaysView *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CREDENCE_IS_PATHWAYS_VIEW (self));

  if (self->store == NULL)
    return;

  task = new_task (self, credence_pathways_view_reload, listed_cb);
  g_task_run_in_thread (task, list_thread);
}

/* Import and export */

static void
imported_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(CredencePathway) pathway = NULL;
  GError *error = NULL;
  char *uid;

  /* A pathway file holds a plan only: no badge is imported. */
  pathway = credence_pathway_new_from_file (task_data, cancellable, &error);
  if (pathway == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  uid = credence_store_add_pathway (CREDENCE_STORE (source_object), pathway, &error);
  if (uid == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, uid, g_free);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CredencePathwaysView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;

  end_work (self);
  uid = g_task_propagate_pointer (G_TASK (result), &error);
  if (uid == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_task_get_source_tag (G_TASK (result)) == credence_pathways_view_import_file)
        {
          g_autofree char *text = NULL;

          /* Translators: a toast: "Pathway not imported: <why>". */
          text = g_strdup_printf (_("Pathway not imported: %s"), error->message);
          toast (self, text);
        }
      else
        toast (self, error->message);
      return;
    }

  /* Open it, then list it with the others. */
  g_clear_object (&self->shown);
  g_free (self->uid);
  self->uid = g_steal_pointer (&uid);
  credence_pathways_view_reload (self);
}

/**
 * credence_pathways_view_import_file:
 *
 * Reads a pathway file and keeps its plan (never badges), off the UI
 * thread; opens it, or says why the file was refused.
 */
void
credence_pathways_view_import_file (CredencePathwaysView *self,
                                    GFile                *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CREDENCE_IS_PATHWAYS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    return;

  task = new_task (self, credence_pathways_view_import_file, saved_cb);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, imported_thread);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CredencePathwaysView) self = user_data;
  g_autoptr(GError) error = NULL;

  end_work (self);
  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  toast (self, _("Pathway file saved"));
}

/**
 * credence_pathways_view_export_file:
 *
 * Writes the open pathway as a pathway file, asynchronously.
 */
void
credence_pathways_view_export_file (CredencePathwaysView *self,
                                    GFile                *file)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (CREDENCE_IS_PATHWAYS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->shown == NULL)
    return;

  bytes = credence_pathway_to_bytes (self->shown);
  self->busy++;
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, exported_cb, g_object_ref (self));
}

static void
chooser_response_cb (CredencePathwaysView *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        credence_pathways_view_export_file (self, file);
      else
        credence_pathways_view_import_file (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
open_chooser (CredencePathwaysView *self,
              gboolean              save)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (save ? _("Export Pathway") : _("Import Pathway"),
                                               GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                               save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               save ? _("_Export") : _("_Import"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Pathway Files (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (save && self->shown != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s.json", credence_pathway_get_title (self->shown));

      g_strdelimit (name, "/\\", '-');
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_chooser (CREDENCE_PATHWAYS_VIEW (widget), FALSE);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_chooser (CREDENCE_PATHWAYS_VIEW (widget), TRUE);
}

/* Suggestions */

static void
suggest_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(CredenceStoreBadgeSet) set = NULL;
  const CredencePathwayBadge *badges;
  GError *error = NULL;
  gsize n = 0;

  set = credence_store_load_badge_set (CREDENCE_STORE (source_object), &error);
  if (set == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  badges = credence_store_badge_set_get_badges (set, &n);
  g_task_return_pointer (task,
                         credence_pathway_suggest (badges, n,
                                                   CREDENCE_PATHWAY_SUGGEST_BY_ISSUER |
                                                   CREDENCE_PATHWAY_SUGGEST_BY_ALIGNMENT, 0),
                         (GDestroyNotify)g_ptr_array_unref);
}

static void
suggestion_activated_cb (GtkListBox       *list,
                         GtkListBoxRow    *row,
                         AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "open");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
suggestion_response_cb (AdwMessageDialog     *dialog,
                        const char           *response,
                        CredencePathwaysView *self)
{
  GtkListBox *list = GTK_LIST_BOX (adw_message_dialog_get_extra_child (dialog));
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);

  if (g_strcmp0 (response, "open") != 0 || row == NULL || self->suggestions == NULL)
    return;

  credence_pathways_view_show_draft (self, g_ptr_array_index (self->suggestions, gtk_list_box_row_get_index (row)));
}

static void
suggested_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CredencePathwaysView) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *drafts;
  GtkWidget *dialog, *list;

  end_work (self);
  drafts = g_task_propagate_pointer (G_TASK (result), &error);
  if (drafts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  self->suggestions = drafts;
  if (drafts->len == 0)
    {
      toast (self, _("No suggestions yet: they need at least two badges from one issuer or for one skill"));
      return;
    }

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_BROWSE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Suggested Pathways"), -1);
  for (guint i = 0; i < drafts->len; i++)
    {
      CredencePathway *draft = g_ptr_array_index (drafts, i);
      guint n = credence_pathway_step_get_n_children (credence_pathway_get_root (draft));
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u step", "%u steps", n), n);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), credence_pathway_get_title (draft));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_list_box_select_row (GTK_LIST_BOX (list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Suggested Pathways"),
                                   _("Drafts grouped from your badges by issuer or skill. Open one to edit and save it."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open Draft"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (list, "row-activated", G_CALLBACK (suggestion_activated_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (suggestion_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * credence_pathways_view_suggest:
 *
 * Groups the collection's badges into draft pathways, off the UI thread,
 * and offers them.
 */
void
credence_pathways_view_suggest (CredencePathwaysView *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CREDENCE_IS_PATHWAYS_VIEW (self));

  if (self->store == NULL)
    return;

  task = new_task (self, credence_pathways_view_suggest, suggested_cb);
  g_task_run_in_thread (task, suggest_thread);
}

static void
suggest_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  credence_pathways_view_suggest (CREDENCE_PATHWAYS_VIEW (widget));
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;
  char *uid = credence_store_add_pathway (CREDENCE_STORE (source_object), task_data, &error);

  if (uid == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, uid, g_free);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CredencePathwaysView *self = CREDENCE_PATHWAYS_VIEW (widget);
  g_autofree char *title = NULL;
  g_autoptr(GTask) task = NULL;
  CredencePathway *copy;

  if (self->shown == NULL || self->uid != NULL)
    return;

  title = g_strstrip (g_strdup (gtk_editable_get_text (self->draft_title)));
  copy = pathway_copy (self->shown);
  if (*title != '\0')
    credence_pathway_set_title (copy, title);

  task = new_task (self, save_action, saved_cb);
  g_task_set_task_data (task, copy, g_object_unref);
  g_task_run_in_thread (task, add_thread);
}

static void
draft_title_changed_cb (CredencePathwaysView *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (self->draft_title)));

  if (self->uid == NULL && self->shown != NULL && *title != '\0')
    adw_window_title_set_title (self->pathway_title, title);
}

/* Deleting */

static void
remove_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (!credence_store_remove_pathway (CREDENCE_STORE (source_object), task_data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
removed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CredencePathwaysView) self = user_data;
  g_autoptr(GError) error = NULL;

  end_work (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
  credence_pathways_view_reload (self);
}

static void
delete_response_cb (AdwMessageDialog     *dialog,
                    const char           *response,
                    CredencePathwaysView *self)
{
  const char *uid = g_object_get_data (G_OBJECT (dialog), "credence-uid");
  g_autoptr(GTask) task = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->store == NULL)
    return;

  if (g_strcmp0 (uid, self->uid) == 0)
    show_list (self);
  task = new_task (self, delete_response_cb, removed_cb);
  g_task_set_task_data (task, g_strdup (uid), g_free);
  g_task_run_in_thread (task, remove_thread);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CredencePathwaysView *self = CREDENCE_PATHWAYS_VIEW (widget);
  GtkWidget *dialog;

  if (self->shown == NULL)
    return;

  /* A draft is only discarded. */
  if (self->uid == NULL)
    {
      show_list (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Delete Pathway?"),
                                   _("The plan is deleted; your badges stay. Export it first to keep a copy."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "credence-uid", g_strdup (self->uid), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_list (CREDENCE_PATHWAYS_VIEW (widget));
}

/* GObject */

static void
credence_pathways_view_dispose (GObject *object)
{
  CredencePathwaysView *self = (CredencePathwaysView *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->pathways, g_ptr_array_unref);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_pointer (&self->uid, g_free);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->progress, credence_pathway_progress_unref);
  g_clear_pointer (&self->badge_set, credence_store_badge_set_free);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->library);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (credence_pathways_view_parent_class)->dispose (object);
}

static void
credence_pathways_view_finalize (GObject *object)
{
  CredencePathwaysView *self = (CredencePathwaysView *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->next_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (credence_pathways_view_parent_class)->finalize (object);
}

static void
credence_pathways_view_class_init (CredencePathwaysViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = credence_pathways_view_dispose;
  object_class->finalize = credence_pathways_view_finalize;

  credence_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/credence/Credence/credence-pathways-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CredencePathwaysView, stack);
  gtk_widget_class_bind_template_child (widget_class, CredencePathwaysView, list_box);
  gtk_widget_class_bind_template_child (widget_class, CredencePathwaysView, pathway_title);
  gtk_widget_class_bind_template_child (widget_class, CredencePathwaysView, save_button);
  gtk_widget_class_bind_template_child (widget_class, CredencePathwaysView, export_button);
  gtk_widget_class_bind_template_child (widget_class, CredencePathwaysView, description_label);
  gtk_widget_class_bind_template_child (widget_class, CredencePathwaysView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CredencePathwaysView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CredencePathwaysView, target_label);
  gtk_widget_class_bind_template_child (widget_class, CredencePathwaysView, draft_group);
  gtk_widget_class_bind_template_child (widget_class, CredencePathwaysView, draft_title);
  gtk_widget_class_bind_template_child (widget_class, CredencePathwaysView, next_group);
  gtk_widget_class_bind_template_child (widget_class, CredencePathwaysView, steps_list);
  gtk_widget_class_bind_template_callback (widget_class, pathway_activated_cb);

  gtk_widget_class_install_action (widget_class, "pathways.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "pathways.suggest", NULL, suggest_action);
  gtk_widget_class_install_action (widget_class, "pathways.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "pathway.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "pathway.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "pathway.delete", NULL, delete_action);
}

static void
credence_pathways_view_init (CredencePathwaysView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->next_rows = g_ptr_array_new ();
  g_signal_connect_object (self->draft_title, "changed", G_CALLBACK (draft_title_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pathway.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pathway.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pathway.delete", FALSE);
}

/**
 * credence_pathways_view_set_store:
 *
 * Shows the pathways of @store; pictures of badges come from @library.
 * Called again after badges change: progress is recomputed.
 */
void
credence_pathways_view_set_store (CredencePathwaysView *self,
                                  CredenceStore        *store,
                                  CredenceLibrary      *library,
                                  CredenceThumbnailer  *thumbnailer)
{
  g_return_if_fail (CREDENCE_IS_PATHWAYS_VIEW (self));

  g_set_object (&self->store, store);
  g_set_object (&self->library, library);
  g_set_object (&self->thumbnailer, thumbnailer);
  credence_pathways_view_reload (self);
}

gboolean
credence_pathways_view_is_busy (CredencePathwaysView *self)
{
  g_return_val_if_fail (CREDENCE_IS_PATHWAYS_VIEW (self), FALSE);

  return self->busy > 0;
}

/**
 * credence_pathways_view_get_page_name:
 *
 * Returns: "empty", "list" or "pathway"
 */
const char *
credence_pathways_view_get_page_name (CredencePathwaysView *self)
{
  g_return_val_if_fail (CREDENCE_IS_PATHWAYS_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * credence_pathways_view_get_pathways:
 *
 * Returns: (transfer none) (nullable) (element-type CredenceStorePathway):
 *   the pathways as last listed
 */
GPtrArray *
credence_pathways_view_get_pathways (CredencePathwaysView *self)
{
  g_return_val_if_fail (CREDENCE_IS_PATHWAYS_VIEW (self), NULL);

  return self->pathways;
}

/**
 * credence_pathways_view_show_pathway:
 *
 * Opens a stored pathway's page (once read).
 */
void
credence_pathways_view_show_pathway (CredencePathwaysView *self,
                                     const char           *uid)
{
  g_return_if_fail (CREDENCE_IS_PATHWAYS_VIEW (self));
  g_return_if_fail (uid != NULL);

  open_pathway (self, uid, NULL);
}

/**
 * credence_pathways_view_show_draft:
 *
 * Opens @draft (a copy of it) as an unsaved pathway to edit and save.
 */
void
credence_pathways_view_show_draft (CredencePathwaysView *self,
                                   CredencePathway      *draft)
{
  g_return_if_fail (CREDENCE_IS_PATHWAYS_VIEW (self));
  g_return_if_fail (CREDENCE_IS_PATHWAY (draft));

  g_clear_pointer (&self->uid, g_free);
  open_pathway (self, NULL, draft);
}

CredencePathway *
credence_pathways_view_get_shown (CredencePathwaysView *self)
{
  g_return_val_if_fail (CREDENCE_IS_PATHWAYS_VIEW (self), NULL);

  return self->shown;
}

CredencePathwayProgress *
credence_pathways_view_get_progress (CredencePathwaysView *self)
{
  g_return_val_if_fail (CREDENCE_IS_PATHWAYS_VIEW (self), NULL);

  return self->progress;
}

gboolean
credence_pathways_view_is_draft (CredencePathwaysView *self)
{
  g_return_val_if_fail (CREDENCE_IS_PATHWAYS_VIEW (self), FALSE);

  return self->shown != NULL && self->uid == NULL;
}

/**
 * credence_pathways_view_get_suggestions:
 *
 * Returns: (transfer none) (nullable) (element-type CredencePathway): the
 *   drafts last suggested
 */
GPtrArray *
credence_pathways_view_get_suggestions (CredencePathwaysView *self)
{
  g_return_val_if_fail (CREDENCE_IS_PATHWAYS_VIEW (self), NULL);

  return self->suggestions;
}
