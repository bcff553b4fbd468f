/* credence-contexts.c: the JSON-LD contexts bundled with Credence.
 *
 * The files in data/contexts are compiled into the core library as a
 * GResource.  Their index.tsv maps each URL to a file.  Rows whose URL
 * column carries a "(variant: ...)" label record another published copy
 * of a context that is already indexed; they are not served, the primary
 * file wins.  An alias row that points at a VARIANT file is served the
 * primary file of that context as well, so one URL never yields two
 * different documents and equal contexts stay byte-equal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-contexts"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "credence-contexts.h"
#include "credence-contexts-resources.h"

#define RESOURCE_PREFIX "/io/github/credence/Credence/contexts/"

typedef struct
{
  GHashTable  *by_url;  /* normalised URL → GBytes */
  const char **urls;    /* sorted, NULL-terminated, owned by by_url's keys */
} ContextTable;

static char *
concat_prefix (const char *prefix,
               gsize       prefix_len,
               const char *suffix)
{
  g_autofree char *head = g_strndup (prefix, prefix_len);

  return g_strconcat (head, suffix, NULL);
}

static char *
primary_file_for (const char *file)
{
  const char *variant = strstr (file, ".VARIANT-");
  const char *ext;

  if (variant == NULL)
    return g_strdup (file);

  ext = strrchr (variant, '.');
  if (ext == variant)
    ext = "";

  return concat_prefix (file, variant - file, ext);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
table_add_row (ContextTable *table,
               const char   *url_column,
               const char   *file)
{
  g_autofree char *raw_url = NULL;
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  g_autofree char *primary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *space = strchr (url_column, ' ');

  if (space != NULL && strstr (space, "variant") != NULL)
    return;

  raw_url = space != NULL ? g_strndup (url_column, space - url_column) : g_strdup (url_column);
  url = credence_contexts_normalize_url (raw_url);
  if (g_hash_table_contains (table->by_url, url))
    return;

  primary = primary_file_for (file);
  path = g_strconcat (RESOURCE_PREFIX, primary, NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_critical ("Bundled context %s for %s is missing: %s", primary, url, error->message);
      return;
    }

  g_hash_table_insert (table->by_url, g_steal_pointer (&url), g_steal_pointer (&bytes));
}

static gpointer
load_table (gpointer data)
{
  ContextTable *table = g_new0 (ContextTable, 1);
  g_autoptr(GBytes) index = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) urls = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  _credence_contexts_register_resource ();

  table->by_url = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_bytes_unref);

  index = g_resources_lookup_data (RESOURCE_PREFIX "index.tsv",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (index == NULL)
    g_error ("The bundled context index is missing: %s", error->message);

  lines = g_strsplit (g_bytes_get_data (index, NULL), "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = g_strsplit (lines[i], "\t", -1);

      if (g_strv_length (columns) < 2)
        continue;
      table_add_row (table, columns[0], columns[1]);
    }

  g_hash_table_iter_init (&iter, table->by_url);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (urls, key);
  g_ptr_array_sort (urls, compare_strings);
  g_ptr_array_add (urls, NULL);
  table->urls = (const char **) g_ptr_array_steal (urls, NULL);

  return table;
}

static ContextTable *
get_table (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_table, NULL);
}

/**
 * credence_contexts_normalize_url:
 * @url: an absolute URL
 *
 * Returns @url in the form the bundle is keyed by: without its fragment
 * (a fragment is never part of a retrieval) and with scheme and host in
 * lower case (RFC 3986 §6.2.2.1).  Nothing else is changed: `http` and
 * `https`, or a trailing slash, name different documents.
 */
char *
credence_contexts_normalize_url (const char *url)
{
  const char *hash;
  const char *authority;
  char *result;

  g_return_val_if_fail (url != NULL, NULL);

  hash = strchr (url, '#');
  result = hash != NULL ? g_strndup (url, hash - url) : g_strdup (url);

  authority = strstr (result, "://");
  if (authority != NULL)
    {
      char *end = (char *) authority + 3;

      end += strcspn (end, "/?");
      for (char *p = result; p < end; p++)
        *p = g_ascii_tolower (*p);
    }

  return result;
}

/**
 * credence_contexts_lookup:
 * @url: the URL of a JSON-LD context
 *
 * Returns: (transfer full) (nullable): the bytes of the bundled context
 * served at @url, or %NULL when it is not bundled.  Thread-safe.
 */
GBytes *
credence_contexts_lookup (const char *url)
{
  ContextTable *table = get_table ();
  g_autofree char *normalized = NULL;
  GBytes *bytes;

  g_return_val_if_fail (url != NULL, NULL);

  bytes = g_hash_table_lookup (table->by_url, url);
  if (bytes == NULL)
    {
      normalized = credence_contexts_normalize_url (url);
      bytes = g_hash_table_lookup (table->by_url, normalized);
    }

  return bytes != NULL ? g_bytes_ref (bytes) : NULL;
}

/**
 * credence_contexts_list:
 *
 * Returns: (transfer none): the URLs of every bundled context, sorted,
 * %NULL-terminated.  The array lives as long as the process.
 */
const char * const *
credence_contexts_list (void)
{
  return (const char * const *) get_table ()->urls;
}
