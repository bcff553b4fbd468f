/* credence-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "credence-application.h"
#include "credence-attention-list.h"
#include "credence-badge-page.h"
#include "credence-collections-view.h"
#include "credence-importer.h"
#include "credence-pathways-view.h"
#include "credence-library.h"
#include "credence-reverifier.h"

G_BEGIN_DECLS

#define CREDENCE_TYPE_WINDOW (credence_window_get_type ())

G_DECLARE_FINAL_TYPE (CredenceWindow, credence_window, CREDENCE, WINDOW, AdwApplicationWindow)

CredenceWindow *credence_window_new            (CredenceApplication *application) G_GNUC_WARN_UNUSED_RESULT;
CredenceStore  *credence_window_get_store      (CredenceWindow      *self);
const char     *credence_window_get_page_name  (CredenceWindow      *self);
const char     *credence_window_get_view       (CredenceWindow      *self);
const char     *credence_window_get_view_page_name (CredenceWindow  *self);
CredenceLibrary *credence_window_get_library   (CredenceWindow      *self);
void            credence_window_show_badge     (CredenceWindow      *self,
                                                const char          *uid);
CredenceBadgePage *credence_window_get_badge_page (CredenceWindow   *self);
CredenceCollectionsView *credence_window_get_collections_view (CredenceWindow *self);
CredencePathwaysView *credence_window_get_pathways_view (CredenceWindow *self);
gboolean        credence_window_is_checking    (CredenceWindow      *self);
const CredenceStoreBadge *credence_window_get_shown_badge (CredenceWindow *self);
void            credence_window_import_files   (CredenceWindow      *self,
                                                GPtrArray           *files);
void            credence_window_import_url     (CredenceWindow      *self,
                                                const char          *url);
void            credence_window_import_bytes   (CredenceWindow      *self,
                                                GBytes              *bytes,
                                                const char          *name);
gboolean        credence_window_is_importing   (CredenceWindow      *self);
GPtrArray      *credence_window_get_import_results (CredenceWindow  *self);
GtkWindow      *credence_window_show_import_details (CredenceWindow *self);
char           *credence_window_explain_import_result (const CredenceImportResult *result) G_GNUC_WARN_UNUSED_RESULT;
GtkDropTarget  *credence_window_get_drop_target (CredenceWindow     *self);
const char     *credence_window_get_last_message (CredenceWindow    *self);
gboolean        credence_window_get_offline_bar_revealed (CredenceWindow *self);
CredenceAttentionList *credence_window_get_attention_list (CredenceWindow *self);
CredenceReverifier *credence_window_get_reverifier (CredenceWindow *self);
void            credence_window_show_message   (CredenceWindow      *self,
                                                const char          *message);
void            credence_window_reload         (CredenceWindow      *self);
GCancellable   *credence_window_get_cancellable (CredenceWindow     *self);
GStrv           credence_window_dup_selected_uids (CredenceWindow   *self) G_GNUC_WARN_UNUSED_RESULT;
void            credence_window_set_uses_passphrase (CredenceWindow *self,
                                                gboolean             uses_passphrase);

G_END_DECLS
