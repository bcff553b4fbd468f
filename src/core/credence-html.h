/* credence-html.h: the one place where untrusted text becomes HTML.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *credence_html_clean_text             (const char *text,
                                                gsize       max_chars) G_GNUC_WARN_UNUSED_RESULT;
void      credence_html_append_escaped         (GString    *out,
                                                const char *text,
                                                gsize       max_chars);
char     *credence_html_escape                 (const char *text,
                                                gsize       max_chars) G_GNUC_WARN_UNUSED_RESULT;
char     *credence_html_safe_url               (const char *url) G_GNUC_WARN_UNUSED_RESULT;
char     *credence_html_escape_json_for_script (const char *json) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
