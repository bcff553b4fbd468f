/* credence-cli-collection.c: credence-cli collection — ordered sets of
 * badges to show together, with what they disclose.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "credence-cli.h"
#include "credence-cli-store.h"
#include "credence-store-pathways.h"

static int
usage_error (const char *message)
{
  fprintf (stderr, "credence-cli collection: %s\n", message);
  fprintf (stderr, "%s\n", _("Usage: credence-cli collection list [--json] | show COLLECTION [--json] | "
                             "create NAME [--description TEXT] [--visibility private|portfolio] "
                             "[--show FIELD]… [--hide FIELD]… | add COLLECTION BADGE… | "
                             "remove COLLECTION BADGE… | move COLLECTION BADGE POSITION | delete COLLECTION"));
  return CREDENCE_CLI_EXIT_USAGE;
}

static void
add_collection_members (JsonBuilder        *builder,
                        CredenceCollection *collection)
{
  credence_cli_add_string_member (builder, "id", credence_collection_get_uid (collection));
  credence_cli_add_string_member (builder, "name", credence_collection_get_name (collection));
  credence_cli_add_string_member (builder, "description", credence_collection_get_description (collection));
  credence_cli_add_string_member (builder, "visibility",
                      credence_visibility_to_string (credence_collection_get_visibility (collection)));
  credence_cli_add_string_member (builder, "cover", credence_collection_get_cover (collection));
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, credence_collection_get_n_items (collection));

  json_builder_set_member_name (builder, "disclosure");
  json_builder_begin_object (builder);
  for (guint flag = 1; flag <= CREDENCE_DISCLOSURE_BADGE_FILES; flag <<= 1)
    {
      json_builder_set_member_name (builder, credence_disclosure_to_string (flag));
      json_builder_add_boolean_value (builder, credence_collection_discloses (collection, flag));
    }
  json_builder_end_object (builder);
}

static int
list_collections (CredenceStore *store,
                  gboolean       json)
{
  g_autoptr(GPtrArray) collections = NULL;
  g_autoptr(GError) error = NULL;

  collections = credence_store_list_collections (store, &error);
  if (collections == NULL)
    return credence_cli_report_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < collections->len; i++)
        {
          json_builder_begin_object (builder);
          add_collection_members (builder, g_ptr_array_index (collections, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      credence_cli_print_json (root);
      return CREDENCE_CLI_EXIT_OK;
    }

  if (collections->len == 0)
    printf ("%s\n", _("No collection yet. Make one with “credence-cli collection create NAME”."));

  for (guint i = 0; i < collections->len; i++)
    {
      CredenceCollection *collection = g_ptr_array_index (collections, i);
      guint n = credence_collection_get_n_items (collection);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u badge", "%u badges", n), n);

      printf ("%s  %s  (%s, %s)\n", credence_collection_get_uid (collection),
              credence_collection_get_name (collection), count,
              credence_collection_get_visibility (collection) == CREDENCE_VISIBILITY_PORTFOLIO
              ? _("in portfolio") : _("private"));
    }

  return CREDENCE_CLI_EXIT_OK;
}

static int
show_collection (CredenceStore      *store,
                 CredenceCollection *collection,
                 gboolean            json)
{
  g_autoptr(GPtrArray) badges = g_ptr_array_new_with_free_func ((GDestroyNotify)credence_store_badge_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < credence_collection_get_n_items (collection); i++)
    {
      CredenceStoreBadge *badge = credence_store_get_badge (store, credence_collection_get_item (collection, i),
                                                            &error);

      if (badge == NULL)
        return credence_cli_report_error (error);
      g_ptr_array_add (badges, badge);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      add_collection_members (builder, collection);
      json_builder_set_member_name (builder, "badges");
      json_builder_begin_array (builder);
      for (guint i = 0; i < badges->len; i++)
        {
          json_builder_begin_object (builder);
          credence_cli_add_badge_members (builder, g_ptr_array_index (badges, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      credence_cli_print_json (root);
      return CREDENCE_CLI_EXIT_OK;
    }

  printf ("%s\n", credence_collection_get_name (collection));
  if (credence_collection_get_description (collection) != NULL)
    printf ("%s\n", credence_collection_get_description (collection));
  printf ("%s %s\n", _("Id:"), credence_collection_get_uid (collection));
  printf ("%s %s\n", _("Visibility:"),
          credence_collection_get_visibility (collection) == CREDENCE_VISIBILITY_PORTFOLIO
          ? _("in portfolio") : _("private"));

  {
    g_autoptr(GString) shown = g_string_new (NULL);
    g_autoptr(GString) hidden = g_string_new (NULL);

    for (guint flag = 1; flag <= CREDENCE_DISCLOSURE_BADGE_FILES; flag <<= 1)
      {
        GString *list = credence_collection_discloses (collection, flag) ? shown : hidden;

        g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "", credence_disclosure_to_string (flag));
      }
    printf ("%s %s\n", _("Shown when shared:"), shown->len > 0 ? shown->str : _("nothing"));
    printf ("%s %s\n", _("Hidden:"), hidden->len > 0 ? hidden->str : _("nothing"));
  }

  if (badges->len == 0)
    printf ("%s\n", _("No badges in this collection. Add some with “credence-cli collection add”."));

  for (guint i = 0; i < badges->len; i++)
    {
      CredenceStoreBadge *badge = g_ptr_array_index (badges, i);
      g_autofree char *name = credence_cli_safe_text (badge->name);
      g_autofree char *issuer = credence_cli_safe_text (badge->issuer_name);

      printf ("%3u. %s  %s — %s (%s)%s\n", i + 1, badge->uid,
              badge->name != NULL ? name : _("(no name)"),
              badge->issuer_name != NULL ? issuer : _("(unknown issuer)"),
              badge->verdict != NULL ? badge->verdict : _("not checked"),
              g_strcmp0 (badge->uid, credence_collection_get_cover (collection)) == 0 ? _(" [cover]") : "");
    }

  return CREDENCE_CLI_EXIT_OK;
}

static gboolean
apply_disclosure (CredenceCollection  *collection,
                  char               **names,
                  gboolean             disclose,
                  GError             **error)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      CredenceDisclosure flag;

      if (!credence_disclosure_from_string (names[i], &flag))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("unknown field “%s” (fields: recipient, evidence, description, dates, "
                         "verification, criteria, badge-files)"), names[i]);
          return FALSE;
        }
      credence_collection_set_discloses (collection, flag, disclose);
    }

  return TRUE;
}

int
credence_cli_collection (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(CredenceCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *visibility_name = NULL;
  g_auto(GStrv) show = NULL;
  g_auto(GStrv) hide = NULL;
  CredenceVisibility visibility = CREDENCE_VISIBILITY_PRIVATE;
  const char *action;
  gboolean json = FALSE;
  int passphrase_fd = -1;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("Describe the new collection"), N_("TEXT") },
    { "visibility", 0, 0, G_OPTION_ARG_STRING, &visibility_name, N_("private (default) or portfolio"), N_("WHERE") },
    { "show", 0, 0, G_OPTION_ARG_STRING_ARRAY, &show, N_("Share this field of its badges"), N_("FIELD") },
    { "hide", 0, 0, G_OPTION_ARG_STRING_ARRAY, &hide, N_("Do not share this field"), N_("FIELD") },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_("Read the collection’s passphrase from file descriptor N"), "N" },
    { NULL },
  };

  context = g_option_context_new (_("[list | show | create | add | remove | move | delete] …"));
  g_option_context_set_summary (context,
                                _("Group badges into ordered collections to show together, and choose "
                                  "what each collection shares. The address a badge was issued to is "
                                  "hidden unless you --show recipient."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);

  action = argc > 1 ? argv[1] : "list";
  if (visibility_name != NULL && !credence_visibility_from_string (visibility_name, &visibility))
    return usage_error (_("--visibility is private or portfolio"));

  if (strcmp (action, "list") == 0)
    {
      if (argc > 2)
        return usage_error (_("list takes no argument"));
    }
  else if (strcmp (action, "show") == 0 || strcmp (action, "create") == 0 || strcmp (action, "delete") == 0)
    {
      if (argc != 3)
        return usage_error (_("give one collection"));
    }
  else if (strcmp (action, "add") == 0 || strcmp (action, "remove") == 0)
    {
      if (argc < 4)
        return usage_error (_("give a collection and at least one badge"));
    }
  else if (strcmp (action, "move") == 0)
    {
      if (argc != 5)
        return usage_error (_("give a collection, a badge and its new position (1 is first)"));
    }
  else
    return usage_error (_("unknown action"));

  store = credence_cli_open_store (passphrase_fd, &error);
  if (store == NULL)
    return credence_cli_report_error (error);

  if (strcmp (action, "list") == 0)
    return list_collections (store, json);

  if (strcmp (action, "create") == 0)
    {
      collection = credence_collection_new (argv[2]);
      credence_collection_set_description (collection, description);
      credence_collection_set_visibility (collection, visibility);
      if (!apply_disclosure (collection, show, TRUE, &error) ||
          !apply_disclosure (collection, hide, FALSE, &error))
        return usage_error (error->message);
      if (!credence_store_save_collection (store, collection, &error))
        return credence_cli_report_error (error);
      if (json)
        return show_collection (store, collection, TRUE);
      printf ("%s\n", credence_collection_get_uid (collection));
      return CREDENCE_CLI_EXIT_OK;
    }

  collection = credence_store_get_collection (store, argv[2], &error);
  if (collection == NULL)
    return credence_cli_report_error (error);

  if (strcmp (action, "show") == 0)
    return show_collection (store, collection, json);

  if (strcmp (action, "delete") == 0)
    {
      if (!credence_store_remove_collection (store, credence_collection_get_uid (collection), &error))
        return credence_cli_report_error (error);
      return CREDENCE_CLI_EXIT_OK;
    }

  if (strcmp (action, "move") == 0)
    {
      g_autofree char *uid = credence_cli_resolve_badge (store, argv[3], &error);
      guint64 position = 0;

      if (uid == NULL)
        return credence_cli_report_error (error);
      if (!g_ascii_string_to_unsigned (argv[4], 10, 1, G_MAXUINT, &position, NULL))
        return usage_error (_("the position is a whole number, 1 or more"));
      if (!credence_collection_move (collection, uid, position - 1))
        {
          fprintf (stderr, _("credence-cli: badge “%s” is not in the collection “%s”.\n"),
                   uid, credence_collection_get_name (collection));
          return CREDENCE_CLI_EXIT_NO;
        }
    }
  else
    {
      gboolean adding = strcmp (action, "add") == 0;

      for (int i = 3; i < argc; i++)
        {
          g_autofree char *uid = credence_cli_resolve_badge (store, argv[i], &error);

          if (uid == NULL)
            return credence_cli_report_error (error);

          /* Adding a badge already there, or removing one that is not,
           * changes nothing and is not an error.
           */
          if (adding)
            credence_collection_add (collection, uid);
          else
            credence_collection_remove (collection, uid);
        }
    }

  if (!credence_store_save_collection (store, collection, &error))
    return credence_cli_report_error (error);

  if (json)
    return show_collection (store, collection, TRUE);

  return CREDENCE_CLI_EXIT_OK;
}
