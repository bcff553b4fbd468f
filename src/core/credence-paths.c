/* credence-paths.c: where Credence keeps its files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-paths"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "credence-paths.h"

/**
 * credence_paths_get_data_dir:
 *
 * Returns the folder holding the collection: `$CREDENCE_DATA_DIR` when set
 * (tests and scripts), otherwise `$XDG_DATA_HOME/credence`.
 */
char *
credence_paths_get_data_dir (void)
{
  const char *override = g_getenv ("CREDENCE_DATA_DIR");

  if (override != NULL && override[0] != '\0')
    return g_canonicalize_filename (override, NULL);

  return g_build_filename (g_get_user_data_dir (), "credence", NULL);
}

/**
 * credence_paths_ensure_private_dir:
 * @path: a folder
 * @error: return location for a #GError
 *
 * Creates @path (and its parents) when missing and makes it readable by
 * the owner only (0700).
 */
gboolean
credence_paths_ensure_private_dir (const char  *path,
                                   GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_chmod (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make the folder “%s” private: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}
