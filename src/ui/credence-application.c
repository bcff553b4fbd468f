/* credence-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-application"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-application.h"
#include "credence-check-window.h"
#include "credence-export-dialog.h"
#include "credence-preferences-window.h"
#include "credence-ui.h"
#include "credence-window.h"

struct _CredenceApplication
{
  AdwApplication parent_instance;

  char          *pending_check;  /* credence --check SOURCE, for activate */
};

G_DEFINE_FINAL_TYPE (CredenceApplication, credence_application, ADW_TYPE_APPLICATION)

CredenceApplication *
credence_application_new (void)
{
  return g_object_new (CREDENCE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/credence/Credence",
                       NULL);
}

static void
open_check_window (CredenceApplication *self,
                   const char          *source)
{
  CredenceCheckWindow *window = credence_check_window_new (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (window));
  if (source != NULL && *source != '\0')
    credence_check_window_check_source (window, source);
}

/* credence --check FILE|URL: checks a badge without adding it, in the
 * running instance when there is one.
 */
static int
credence_application_handle_local_options (GApplication *app,
                                           GVariantDict *options)
{
  CredenceApplication *self = CREDENCE_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  const char *source = NULL;

  if (!g_variant_dict_lookup (options, "check", "&s", &source))
    return -1;

  /* The running instance may have another working folder. */
  if (g_str_has_prefix (source, "https://") || g_str_has_prefix (source, "http://"))
    target = g_strdup (source);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (source);
      target = g_file_get_uri (file);
    }

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (g_application_get_is_remote (app))
    {
      g_action_group_activate_action (G_ACTION_GROUP (app), "check", g_variant_new_string (target));
      return 0;
    }

  g_free (self->pending_check);
  self->pending_check = g_steal_pointer (&target);
  return -1;
}

static void
credence_application_activate (GApplication *app)
{
  CredenceApplication *self = CREDENCE_APPLICATION (app);
  GtkWindow *window;

  g_assert (CREDENCE_IS_APPLICATION (app));

  if (self->pending_check != NULL)
    {
      g_autofree char *source = g_steal_pointer (&self->pending_check);

      open_check_window (self, source);
      return;
    }

  /* Single instance: a second launch presents the existing window. */
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (credence_window_new (CREDENCE_APPLICATION (app)));

  gtk_window_present (window);
}

static void
credence_application_finalize (GObject *object)
{
  CredenceApplication *self = (CredenceApplication *)object;

  g_free (self->pending_check);

  G_OBJECT_CLASS (credence_application_parent_class)->finalize (object);
}

static void
credence_application_class_init (CredenceApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = credence_application_finalize;
  app_class->activate = credence_application_activate;
  app_class->handle_local_options = credence_application_handle_local_options;

  credence_ui_ensure_resources ();
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CredenceApplication *self = user_data;
  static const char *developers[] = { "The Credence developers", NULL };
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  adw_show_about_window (window,
                         "application-name", _("Credence"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Credence developers"),
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "copyright", "© 2026 The Credence developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Keep your Open Badges safe, check they are genuine, and share them your way."),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  CredenceStore *store;

  if (!CREDENCE_IS_WINDOW (window))
    return;

  /* Identities live in the collection: nothing to show before it is open. */
  store = credence_window_get_store (CREDENCE_WINDOW (window));
  if (store != NULL)
    {
      GtkWidget *preferences = credence_preferences_window_new (window, store);

      g_signal_connect_object (preferences, "restored",
                               G_CALLBACK (credence_window_reload), window, G_CONNECT_SWAPPED);
      g_signal_connect_object (preferences, "protection-changed",
                               G_CALLBACK (credence_window_set_uses_passphrase), window, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (preferences));
    }
}

static void
export_portfolio_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  CredenceStore *store;

  if (!CREDENCE_IS_WINDOW (window))
    return;

  /* The site is made from the collection: nothing to export before it is open. */
  store = credence_window_get_store (CREDENCE_WINDOW (window));
  if (store != NULL)
    gtk_window_present (GTK_WINDOW (credence_export_dialog_new (window, store)));
}

static void
show_badge_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (!CREDENCE_IS_WINDOW (window))
    return;

  gtk_window_present (window);
  credence_window_show_badge (CREDENCE_WINDOW (window), g_variant_get_string (parameter, NULL));
}

static void
check_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  open_check_window (CREDENCE_APPLICATION (user_data), g_variant_get_string (parameter, NULL));
}

static const GActionEntry app_actions[] = {
  { "check", check_action, "s" },
  { "about", about_action },
  { "export-portfolio", export_portfolio_action },
  { "preferences", preferences_action },
  { "show-badge", show_badge_action, "s" },
  { "quit", quit_action },
};

static void
credence_application_init (CredenceApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *check_accels[] = { "<Control><Shift>o", NULL };
  static const char *export_accels[] = { "<Control>e", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.check('')", check_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.export-portfolio", export_accels);

  g_application_add_main_option (G_APPLICATION (self), "check", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING,
                                 _("Check a badge file or link without adding it"), _("FILE|URL"));
}
