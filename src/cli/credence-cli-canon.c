/* credence-cli-canon.c: credence-cli canon — RDFC-1.0 canonical N-Quads,
 * or the issued identifier map, of an N-Quads file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "credence-cli.h"
#include "credence-limits.h"
#include "credence-rdf.h"
#include "credence-rdfc.h"

static int
compare_canonical (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  GHashTable *map = user_data;
  const char *ca = g_hash_table_lookup (map, *(const char * const *) a);
  const char *cb = g_hash_table_lookup (map, *(const char * const *) b);
  guint64 na = g_ascii_strtoull (ca + 4, NULL, 10);
  guint64 nb = g_ascii_strtoull (cb + 4, NULL, 10);

  return na < nb ? -1 : na > nb;
}

/* The map as a JSON object in canonical order, like the W3C suite's
 * *-rdfc10map.json files. */
static char *
map_to_json (GHashTable *map)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree const char **labels = (const char **) g_hash_table_get_keys_as_array (map, NULL);
  guint n = g_hash_table_size (map);

  g_qsort_with_data (labels, n, sizeof (char *), compare_canonical, map);
  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (builder, labels[i]);
      json_builder_add_string_value (builder, g_hash_table_lookup (map, labels[i]));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

int
credence_cli_canon (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CredenceRdfDataset) dataset = NULL;
  g_autoptr(GHashTable) map = NULL;
  g_autofree char *hash_name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *nquads = NULL;
  CredenceRdfcHash hash = CREDENCE_RDFC_HASH_SHA256;
  gboolean want_map = FALSE;
  gboolean urdna2015 = FALSE;
  gsize length = 0;
  GOptionEntry entries[] = {
    { "map", 0, 0, G_OPTION_ARG_NONE, &want_map, N_("Print the issued identifier map as JSON instead"), NULL },
    { "hash", 0, 0, G_OPTION_ARG_STRING, &hash_name, N_("Hash algorithm: sha256 (default) or sha384"), "NAME" },
    { "urdna2015", 0, 0, G_OPTION_ARG_NONE, &urdna2015, N_("Escape literals like URDNA2015 implementations before RDFC-1.0 (only \", \\, LF and CR)"), NULL },
    { NULL },
  };

  context = g_option_context_new (_("FILE.nq"));
  g_option_context_set_summary (context,
                                _("Print the RDF Dataset Canonicalization (RDFC-1.0) of an N-Quads "
                                  "file: its canonical N-Quads, or with --map which canonical label "
                                  "each blank node got. FILE “-” reads standard input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      fprintf (stderr, "credence-cli canon: %s\n",
               error != NULL ? error->message : _("give one N-Quads file"));
      return CREDENCE_CLI_EXIT_USAGE;
    }
  if (hash_name != NULL && !credence_rdfc_hash_from_string (hash_name, &hash))
    {
      fprintf (stderr, "credence-cli canon: %s\n",
               _("the hash algorithm must be sha256 or sha384"));
      return CREDENCE_CLI_EXIT_USAGE;
    }

  if (g_strcmp0 (argv[1], "-") == 0)
    {
      g_autoptr(GString) in = g_string_new (NULL);
      char buf[65536];
      size_t n;

      while ((n = fread (buf, 1, sizeof buf, stdin)) > 0 && in->len <= CREDENCE_LIMIT_INPUT_SIZE)
        g_string_append_len (in, buf, n);
      length = in->len;
      text = g_string_free (g_steal_pointer (&in), FALSE);
    }
  else if (!g_file_get_contents (argv[1], &text, &length, &error))
    {
      fprintf (stderr, "credence-cli canon: %s\n", error->message);
      return CREDENCE_CLI_EXIT_USAGE;
    }
  if (length > CREDENCE_LIMIT_INPUT_SIZE)
    {
      g_autofree char *limit = g_format_size (CREDENCE_LIMIT_INPUT_SIZE);

      fprintf (stderr, _("credence-cli canon: the file is larger than Credence reads (%s)\n"), limit);
      return CREDENCE_CLI_EXIT_USAGE;
    }

  dataset = credence_rdf_parse_nquads (text, length, &error);
  if (dataset == NULL)
    {
      fprintf (stderr, "credence-cli canon: %s\n", error->message);
      return CREDENCE_CLI_EXIT_USAGE;
    }

  nquads = credence_rdfc_canonicalize_full (dataset, hash,
                                            urdna2015 ? CREDENCE_RDF_ESCAPE_URDNA2015
                                                      : CREDENCE_RDF_ESCAPE_CANONICAL,
                                            0, want_map ? &map : NULL, &error);
  if (nquads == NULL)
    {
      fprintf (stderr, "credence-cli canon: %s\n", error->message);
      return CREDENCE_CLI_EXIT_NO;
    }

  if (want_map)
    {
      g_autofree char *json = map_to_json (map);

      printf ("%s\n", json);
    }
  else
    {
      fputs (nquads, stdout);
    }

  return CREDENCE_CLI_EXIT_OK;
}
