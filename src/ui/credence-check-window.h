/* credence-check-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "credence-verification-card.h"

G_BEGIN_DECLS

#define CREDENCE_TYPE_CHECK_WINDOW (credence_check_window_get_type ())

G_DECLARE_FINAL_TYPE (CredenceCheckWindow, credence_check_window, CREDENCE, CHECK_WINDOW, AdwWindow)

CredenceCheckWindow      *credence_check_window_new          (GtkApplication      *application) G_GNUC_WARN_UNUSED_RESULT;
void                      credence_check_window_check_file   (CredenceCheckWindow *self,
                                                              GFile               *file);
void                      credence_check_window_check_url    (CredenceCheckWindow *self,
                                                              const char          *url);
void                      credence_check_window_check_bytes  (CredenceCheckWindow *self,
                                                              GBytes              *bytes,
                                                              const char          *name);
void                      credence_check_window_check_source (CredenceCheckWindow *self,
                                                              const char          *source);
const char               *credence_check_window_get_page_name (CredenceCheckWindow *self);
gboolean                  credence_check_window_is_checking  (CredenceCheckWindow *self);
CredenceVerificationCard *credence_check_window_get_card     (CredenceCheckWindow *self);
gboolean                  credence_check_window_test_address (CredenceCheckWindow *self,
                                                              const char          *address);
const char               *credence_check_window_get_error    (CredenceCheckWindow *self);
char                     *credence_check_window_dup_report   (CredenceCheckWindow *self) G_GNUC_WARN_UNUSED_RESULT;
void                      credence_check_window_save_report  (CredenceCheckWindow *self,
                                                              GFile               *file);
gboolean                  credence_check_window_is_saving    (CredenceCheckWindow *self);
const char               *credence_check_window_get_save_error (CredenceCheckWindow *self);

G_END_DECLS
