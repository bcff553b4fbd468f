/* ui-test-utils.h: helpers shared by the UI tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "credence-application.h"
#include "credence-window.h"

G_BEGIN_DECLS

typedef gboolean (*UiTestCondition) (gpointer data);

CredenceApplication *ui_test_init         (int             *argc,
                                           char          ***argv);
int             ui_test_run               (void);
void            ui_test_settle            (guint            ms);
void            ui_test_wait_for          (UiTestCondition  condition,
                                           gpointer         data,
                                           const char      *what);
void            ui_test_wait_for_page     (CredenceWindow  *window,
                                           const char      *page);
char           *ui_test_make_data_dir     (void) G_GNUC_WARN_UNUSED_RESULT;
void            ui_test_remove_data_dir   (const char      *dir);
CredenceWindow *ui_test_open_window       (CredenceApplication *app);
void            ui_test_close_window      (CredenceWindow  *window);
char           *ui_test_save_screenshot   (GtkWidget       *widget,
                                           const char      *name) G_GNUC_WARN_UNUSED_RESULT;
char           *ui_test_add_corpus_badge  (CredenceStore   *store,
                                           const char      *corpus_path) G_GNUC_WARN_UNUSED_RESULT;
char           *ui_test_add_badge_file    (CredenceStore   *store,
                                           const char      *path,
                                           const char      *source) G_GNUC_WARN_UNUSED_RESULT;
CredenceStore  *ui_test_open_store        (const char      *dir) G_GNUC_WARN_UNUSED_RESULT;
GtkWindow      *ui_test_find_toplevel     (GType            type);
GtkWidget      *ui_test_find_widget       (GtkWidget       *root,
                                           GType            type,
                                           const char      *label);

G_END_DECLS
