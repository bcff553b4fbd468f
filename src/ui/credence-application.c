/* credence-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-application"

#include "config.h"

#include <glib/gi18n.h>

#include "credence-application.h"
#include "credence-preferences-window.h"
#include "credence-ui.h"
#include "credence-window.h"

struct _CredenceApplication
{
  AdwApplication parent_instance;
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
credence_application_activate (GApplication *app)
{
  GtkWindow *window;

  g_assert (CREDENCE_IS_APPLICATION (app));

  /* Single instance: a second launch presents the existing window. */
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (credence_window_new (CREDENCE_APPLICATION (app)));

  gtk_window_present (window);
}

static void
credence_application_class_init (CredenceApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = credence_application_activate;

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

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "show-badge", show_badge_action, "s" },
  { "quit", quit_action },
};

static void
credence_application_init (CredenceApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
}
