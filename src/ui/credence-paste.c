/* credence-paste.c: what was pasted (Ctrl+V) or dropped, as a badge
 * source: the original files when there is a file list, else the bytes of
 * a PNG or SVG picture (a GdkTexture would lose the badge data baked into
 * it), else text: a link, JSON or a JWT.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-paste"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-limits.h"
#include "credence-paste.h"
#include "credence-verification.h"

#define READ_CHUNK (64 * 1024)

static const char *const image_types[] = { "image/png", "image/svg+xml", NULL };

void
credence_pasted_free (CredencePasted *pasted)
{
  if (pasted == NULL)
    return;

  g_clear_pointer (&pasted->files, g_ptr_array_unref);
  g_free (pasted->url);
  g_clear_pointer (&pasted->bytes, g_bytes_unref);
  g_free (pasted->name);
  g_free (pasted);
}

static gboolean
is_web_link (const char *text)
{
  return (g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://")) &&
         strpbrk (text, " \t\r\n") == NULL &&
         g_uri_is_valid (text, G_URI_FLAGS_NONE, NULL);
}

/* A text/uri-list of local files, as file managers copy them. */
static GPtrArray *
parse_file_uris (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#')
        continue;
      if (!g_str_has_prefix (line, "file://") || !g_uri_is_valid (line, G_URI_FLAGS_NONE, NULL))
        return NULL;
      g_ptr_array_add (files, g_file_new_for_uri (line));
    }

  return files->len > 0 ? g_steal_pointer (&files) : NULL;
}

/**
 * credence_pasted_new_from_text:
 *
 * Reads pasted or dropped text: a link, file URIs, or badge data (JSON or
 * a JWT), which the importer then judges.
 *
 * Returns: (transfer full): the source, or %NULL when @text is empty
 */
CredencePasted *
credence_pasted_new_from_text (const char  *text,
                               GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autoptr(CredencePasted) pasted = g_new0 (CredencePasted, 1);

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The clipboard holds no text, picture or file to import."));
      return NULL;
    }

  if (strlen (trimmed) > CREDENCE_LIMIT_INPUT_SIZE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The pasted text is too large to be a badge."));
      return NULL;
    }

  if (is_web_link (trimmed))
    pasted->url = g_steal_pointer (&trimmed);
  else if ((pasted->files = parse_file_uris (trimmed)) == NULL)
    {
      gsize len = strlen (trimmed);

      pasted->bytes = g_bytes_new_take (g_steal_pointer (&trimmed), len);
      pasted->name = g_strdup (_("Pasted text"));
    }

  return g_steal_pointer (&pasted);
}

/**
 * credence_pasted_new_from_value:
 * @value: a #GdkFileList, #GFile or string, as a drop delivers it
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
CredencePasted *
credence_pasted_new_from_value (const GValue  *value,
                                GError       **error)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *list = g_value_get_boxed (value);
      g_autoptr(CredencePasted) pasted = g_new0 (CredencePasted, 1);

      pasted->files = g_ptr_array_new_with_free_func (g_object_unref);
      for (GSList *l = list; l != NULL; l = l->next)
        g_ptr_array_add (pasted->files, g_object_ref (l->data));
      if (pasted->files->len == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("Nothing was dropped that Credence can import."));
          return NULL;
        }
      return g_steal_pointer (&pasted);
    }

  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      CredencePasted *pasted = g_new0 (CredencePasted, 1);

      pasted->files = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (pasted->files, g_value_dup_object (value));
      return pasted;
    }

  if (G_VALUE_HOLDS_STRING (value))
    return credence_pasted_new_from_text (g_value_get_string (value), error);

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Nothing was dropped that Credence can import."));
  return NULL;
}

/* Reading the clipboard */

typedef struct
{
  GByteArray *data;
  char       *mime_type;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_pointer (&data->data, g_byte_array_unref);
  g_free (data->mime_type);
  g_free (data);
}

static void
text_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autofree char *text = NULL;
  GError *error = NULL;
  CredencePasted *pasted;

  text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  if (text == NULL && error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  pasted = credence_pasted_new_from_text (text, &error);
  if (pasted == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pasted, (GDestroyNotify)credence_pasted_free);
}

static void
files_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const GValue *value;
  GError *error = NULL;
  CredencePasted *pasted;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);
  if (value == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  pasted = credence_pasted_new_from_value (value, &error);
  if (pasted == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pasted, (GDestroyNotify)credence_pasted_free);
}

static void chunk_read_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
read_next_chunk (GInputStream *stream,
                 GTask        *task)
{
  g_input_stream_read_bytes_async (stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), chunk_read_cb, task);
}

static void
chunk_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  ReadData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;
  CredencePasted *pasted;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (g_bytes_get_size (chunk) > 0)
    {
      if (data->data->len + g_bytes_get_size (chunk) > CREDENCE_LIMIT_INPUT_SIZE)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   _("The pasted picture is too large to be a badge."));
          g_object_unref (task);
          return;
        }
      g_byte_array_append (data->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      read_next_chunk (G_INPUT_STREAM (source), task);
      return;
    }

  /* The end: the picture's own bytes, badge data and all. */
  pasted = g_new0 (CredencePasted, 1);
  pasted->bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data->data));
  pasted->name = g_strdup (g_str_equal (data->mime_type, "image/svg+xml") ? _("Pasted picture.svg")
                                                                           : _("Pasted picture.png"));
  g_task_return_pointer (task, pasted, (GDestroyNotify)credence_pasted_free);
  g_object_unref (task);
}

static void
image_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  ReadData *data = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  const char *mime_type = NULL;
  GError *error = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, &mime_type, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  data->mime_type = g_strdup (mime_type);
  data->data = g_byte_array_new ();
  read_next_chunk (stream, task);
}

/**
 * credence_paste_read_async:
 *
 * Reads what @clipboard holds as a badge source, without blocking.
 */
void
credence_paste_read_async (GdkClipboard        *clipboard,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GdkContentFormats *formats;
  GTask *task;

  g_return_if_fail (GDK_IS_CLIPBOARD (clipboard));

  task = g_task_new (clipboard, cancellable, callback, user_data);
  g_task_set_source_tag (task, credence_paste_read_async);
  g_task_set_task_data (task, g_new0 (ReadData, 1), (GDestroyNotify)read_data_free);
  formats = gdk_clipboard_get_formats (clipboard);

  /* The original files first: they are what the issuer sent. */
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    cancellable, files_read_cb, task);
  else if (gdk_content_formats_contain_mime_type (formats, image_types[0]) ||
           gdk_content_formats_contain_mime_type (formats, image_types[1]))
    gdk_clipboard_read_async (clipboard, (const char **)image_types, G_PRIORITY_DEFAULT,
                              cancellable, image_read_cb, task);
  else if (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING) ||
           gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8") ||
           gdk_content_formats_contain_mime_type (formats, "text/plain"))
    gdk_clipboard_read_text_async (clipboard, cancellable, text_read_cb, task);
  else
    {
      g_autofree char *sentence = credence_reason_format_sentence (CREDENCE_REASON_NOT_A_BADGE, NULL, NULL);

      /* A picture in another format (a screenshot…) has no badge data. */
      if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", sentence);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                                 _("The clipboard holds no text, picture or file to import."));
      g_object_unref (task);
    }
}

/**
 * credence_paste_read_finish:
 *
 * Returns: (transfer full): what was pasted, or %NULL with @error set
 *   (with a sentence for the learner)
 */
CredencePasted *
credence_paste_read_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
