/* credence-cli-to-rdf.c: credence-cli to-rdf — the RDF (N-Quads) of a
 * JSON-LD document, as the JSON-LD 1.1 toRdf algorithm gives it.
 *
 * Contexts come from the bundled set, and from local folders standing in
 * for URL prefixes (--url-map PREFIX=DIR); nothing is fetched.  A file
 * inside a mapped folder is read as if it came from its URL there, so
 * relative context references and IRIs resolve as they would online.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "credence-cli.h"
#include "credence-json.h"
#include "credence-jsonld.h"
#include "credence-limits.h"

typedef struct
{
  char *prefix;
  char *dir;   /* canonical, absolute */
} UrlMap;

static void
url_map_free (UrlMap *map)
{
  g_free (map->prefix);
  g_free (map->dir);
  g_free (map);
}

static JsonNode *
read_json_file (const char  *path,
                GError     **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  return credence_json_parse (text, length, error);
}

/* Mapped prefixes first, then the bundled contexts. */
static JsonNode *
map_loader (const char  *url,
            gpointer     user_data,
            GError     **error)
{
  GPtrArray *maps = user_data;

  for (guint i = 0; i < maps->len; i++)
    {
      UrlMap *map = maps->pdata[i];
      g_autofree char *path = NULL;
      g_autofree char *canonical = NULL;

      if (!g_str_has_prefix (url, map->prefix))
        continue;
      path = g_build_filename (map->dir, url + strlen (map->prefix), NULL);
      canonical = g_canonicalize_filename (path, NULL);
      /* "../" in a URL must not leave the folder. */
      if (!g_str_has_prefix (canonical, map->dir) ||
          (canonical[strlen (map->dir)] != '/' && canonical[strlen (map->dir)] != '\0'))
        break;
      return read_json_file (canonical, error);
    }

  return credence_jsonld_load_bundled (url, NULL, error);
}

/* The URL a local file stands for, when it lies in a mapped folder. */
static char *
document_url_for (GPtrArray  *maps,
                  const char *file)
{
  g_autofree char *canonical = g_canonicalize_filename (file, NULL);

  for (guint i = 0; i < maps->len; i++)
    {
      UrlMap *map = maps->pdata[i];
      gsize n = strlen (map->dir);

      if (strncmp (canonical, map->dir, n) == 0 && canonical[n] == '/')
        return g_strconcat (map->prefix, canonical + n + 1, NULL);
    }
  return NULL;
}

int
credence_cli_to_rdf (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) maps = g_ptr_array_new_with_free_func ((GDestroyNotify) url_map_free);
  g_autoptr(CredenceJsonld) processor = NULL;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(CredenceRdfDataset) dataset = NULL;
  g_autofree char *base = NULL;
  g_autofree char *document_url = NULL;
  g_autofree char *direction = NULL;
  g_autofree char *nquads = NULL;
  g_auto(GStrv) url_maps = NULL;
  gboolean json_ld_1_0 = FALSE;
  CredenceJsonldOptions options = { 0 };
  GOptionEntry entries[] = {
    { "base", 0, 0, G_OPTION_ARG_STRING, &base, N_("Base IRI of the document"), "URL" },
    { "url-map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &url_maps,
      N_("Read URLs that start with PREFIX from the folder DIR (repeatable)"), "PREFIX=DIR" },
    { "rdf-direction", 0, 0, G_OPTION_ARG_STRING, &direction,
      N_("How @direction is written: i18n-datatype or compound-literal"), "MODE" },
    { "json-ld-1.0", 0, 0, G_OPTION_ARG_NONE, &json_ld_1_0, N_("Process in JSON-LD 1.0 mode"), NULL },
    { NULL },
  };

  context = g_option_context_new (_("FILE.jsonld"));
  g_option_context_set_summary (context,
                                _("Print the RDF of a JSON-LD document as N-Quads (JSON-LD 1.1 "
                                  "toRdf). Contexts come from those bundled with Credence and "
                                  "from --url-map folders; nothing is fetched."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      fprintf (stderr, "credence-cli to-rdf: %s\n",
               error != NULL ? error->message : _("give one JSON-LD file"));
      return CREDENCE_CLI_EXIT_USAGE;
    }

  for (guint i = 0; url_maps != NULL && url_maps[i] != NULL; i++)
    {
      const char *eq = strchr (url_maps[i], '=');
      UrlMap *map;

      if (eq == NULL || eq == url_maps[i] || eq[1] == '\0')
        {
          fprintf (stderr, "credence-cli to-rdf: %s\n", _("--url-map takes PREFIX=DIR"));
          return CREDENCE_CLI_EXIT_USAGE;
        }
      map = g_new0 (UrlMap, 1);
      map->prefix = g_strndup (url_maps[i], eq - url_maps[i]);
      map->dir = g_canonicalize_filename (eq + 1, NULL);
      g_ptr_array_add (maps, map);
    }

  if (direction == NULL)
    options.rdf_direction = CREDENCE_JSONLD_RDF_DIRECTION_NONE;
  else if (strcmp (direction, "i18n-datatype") == 0)
    options.rdf_direction = CREDENCE_JSONLD_RDF_DIRECTION_I18N_DATATYPE;
  else if (strcmp (direction, "compound-literal") == 0)
    options.rdf_direction = CREDENCE_JSONLD_RDF_DIRECTION_COMPOUND_LITERAL;
  else
    {
      fprintf (stderr, "credence-cli to-rdf: %s\n",
               _("--rdf-direction is i18n-datatype or compound-literal"));
      return CREDENCE_CLI_EXIT_USAGE;
    }

  input = read_json_file (argv[1], &error);
  if (input == NULL)
    {
      fprintf (stderr, "credence-cli to-rdf: %s\n", error->message);
      return CREDENCE_CLI_EXIT_USAGE;
    }

  document_url = document_url_for (maps, argv[1]);
  options.base = base;
  options.document_url = document_url;
  options.processing_mode_1_0 = json_ld_1_0;

  processor = credence_jsonld_new (map_loader, g_ptr_array_ref (maps),
                                   (GDestroyNotify) g_ptr_array_unref);
  dataset = credence_jsonld_to_rdf (processor, input, &options, &error);
  if (dataset == NULL)
    {
      fprintf (stderr, "credence-cli to-rdf: %s\n", error->message);
      return CREDENCE_CLI_EXIT_NO;
    }

  nquads = credence_rdf_dataset_to_nquads (dataset);
  fputs (nquads, stdout);
  return CREDENCE_CLI_EXIT_OK;
}
