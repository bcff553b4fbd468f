/* fuzz-runner.c: without libFuzzer, feeds every file named on the command
 * line (folders: every file under them) to LLVMFuzzerTestOneInput once, so
 * the seeds and the crash reproducers of tests/fuzz/regressions/ run as an
 * ordinary test, also under AddressSanitizer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-fuzz"

#include "config.h"

#include <glib.h>
#include <string.h>

#include "fuzz.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
run_path (const char *path,
          guint      *n_inputs)
{
  g_autoptr(GError) error = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      /* A stable order, so that a failure reproduces. */
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        if (!run_path (g_ptr_array_index (names, i), n_inputs))
          return FALSE;
      return TRUE;
    }
  else
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }
      g_print ("%s\n", path);
      /* An exact copy, so that AddressSanitizer sees a read past the end
       * (never NULL, as with libFuzzer).
       */
      {
        g_autofree guint8 *copy = g_malloc (MAX (length, 1));

        if (length > 0)
          memcpy (copy, contents, length);

        LLVMFuzzerTestOneInput (copy, length);
      }
      (*n_inputs)++;
      return TRUE;
    }
}

int
main (int   argc,
      char *argv[])
{
  guint n_inputs = 0;

  for (int i = 1; i < argc; i++)
    if (!run_path (argv[i], &n_inputs))
      return 1;

  g_print ("%u inputs\n", n_inputs);
  return n_inputs > 0 ? 0 : 1;
}
