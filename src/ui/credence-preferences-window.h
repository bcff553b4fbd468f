/* credence-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "credence-store.h"

G_BEGIN_DECLS

#define CREDENCE_TYPE_PREFERENCES_WINDOW (credence_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CredencePreferencesWindow, credence_preferences_window, CREDENCE, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *credence_preferences_window_new             (GtkWindow                 *parent,
                                                        CredenceStore             *store);
guint      credence_preferences_window_get_n_identities (CredencePreferencesWindow *self);
void       credence_preferences_window_add_identity    (CredencePreferencesWindow *self,
                                                        const char                *address);
GtkWindow *credence_preferences_window_back_up_to       (CredencePreferencesWindow *self,
                                                        GFile                     *file);
GtkWindow *credence_preferences_window_restore_from     (CredencePreferencesWindow *self,
                                                        GFile                     *file);
int        credence_preferences_window_get_uses_passphrase (CredencePreferencesWindow *self);
gboolean   credence_preferences_window_is_busy          (CredencePreferencesWindow *self);
GtkWindow *credence_preferences_window_get_form         (CredencePreferencesWindow *self);

G_END_DECLS
