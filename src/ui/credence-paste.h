/* credence-paste.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * CredencePasted:
 * @files: (element-type GFile) (nullable): files, when the clipboard or
 *   the drop held a file list (preferred: the original files)
 * @url: (nullable): an http(s) link
 * @bytes: (nullable): a picture's bytes (PNG, SVG) or text (JSON, a JWT)
 * @name: (nullable): what to call @bytes ("Pasted text")
 *
 * What was pasted or dropped, as a badge source.  Exactly one of @files,
 * @url and @bytes is set.
 */
typedef struct
{
  GPtrArray *files;
  char      *url;
  GBytes    *bytes;
  char      *name;
} CredencePasted;

void            credence_pasted_free            (CredencePasted  *pasted);
CredencePasted *credence_pasted_new_from_text   (const char      *text,
                                                 GError         **error) G_GNUC_WARN_UNUSED_RESULT;
CredencePasted *credence_pasted_new_from_value  (const GValue    *value,
                                                 GError         **error) G_GNUC_WARN_UNUSED_RESULT;

void            credence_paste_read_async       (GdkClipboard        *clipboard,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
CredencePasted *credence_paste_read_finish      (GAsyncResult        *result,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredencePasted, credence_pasted_free)

G_END_DECLS
