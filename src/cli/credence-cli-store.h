/* credence-cli-store.h: what the collection commands of credence-cli
 * share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "credence-importer.h"
#include "credence-store.h"
#include "credence-verifier.h"

G_BEGIN_DECLS

CredenceStore *credence_cli_open_store        (int                  passphrase_fd,
                                               GError             **error) G_GNUC_WARN_UNUSED_RESULT;
char          *credence_cli_read_passphrase   (int                  fd,
                                               const char          *prompt,
                                               const char          *confirm_prompt,
                                               GError             **error) G_GNUC_WARN_UNUSED_RESULT;
int            credence_cli_report_error      (const GError        *error);
char          *credence_cli_resolve_badge     (CredenceStore       *store,
                                               const char          *id,
                                               GError             **error) G_GNUC_WARN_UNUSED_RESULT;
char          *credence_cli_format_time       (gint64               unix_time) G_GNUC_WARN_UNUSED_RESULT;
void           credence_cli_add_badge_members (JsonBuilder         *builder,
                                               CredenceStoreBadge  *badge);
void           credence_cli_print_json        (JsonNode            *node);
char          *credence_cli_safe_text         (const char          *text) G_GNUC_WARN_UNUSED_RESULT;
void           credence_cli_add_string_member (JsonBuilder         *builder,
                                               const char          *name,
                                               const char          *value);
gboolean       credence_cli_confirm           (const char          *question);

CredenceVerifier *credence_cli_make_verifier  (CredenceStore       *store,
                                               gboolean             offline,
                                               char               **url_maps,
                                               GError             **error) G_GNUC_WARN_UNUSED_RESULT;
int            credence_cli_run_importer      (CredenceImporter    *importer,
                                               gboolean             json);

G_END_DECLS
