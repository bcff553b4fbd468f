/* credence-cli-pathway.c: credence-cli pathway — learning goals, their
 * progress, and pathway files.
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
  fprintf (stderr, "credence-cli pathway: %s\n", message);
  fprintf (stderr, "%s\n", _("Usage: credence-cli pathway list [--json] | show PATHWAY [--json] | "
                             "import FILE [--json] | export PATHWAY [--output FILE] | delete PATHWAY | "
                             "suggest [--json] [--save N]"));
  return CREDENCE_CLI_EXIT_USAGE;
}

static void
add_progress_members (JsonBuilder *builder,
                      const char  *uid,
                      const char  *title,
                      guint        n_steps,
                      guint        n_complete,
                      guint        percent)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, uid);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "steps");
  json_builder_add_int_value (builder, n_steps);
  json_builder_set_member_name (builder, "complete");
  json_builder_add_int_value (builder, n_complete);
  json_builder_set_member_name (builder, "percent");
  json_builder_add_int_value (builder, percent);
}

static void
print_progress_line (const char *uid,
                     const char *title,
                     guint       n_steps,
                     guint       n_complete,
                     guint       percent)
{
  /* TRANSLATORS: "3 of 5 steps complete" */
  g_autofree char *done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u step complete",
                                                        "%u of %u steps complete", n_steps),
                                           n_complete, n_steps);

  printf ("%s  %s — %s (%u%%)\n", uid, title, done, percent);
}

static int
list_pathways (CredenceStore *store,
               gboolean       json)
{
  g_autoptr(GPtrArray) pathways = NULL;
  g_autoptr(GError) error = NULL;

  pathways = credence_store_list_pathways (store, &error);
  if (pathways == NULL)
    return credence_cli_report_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < pathways->len; i++)
        {
          CredenceStorePathway *p = g_ptr_array_index (pathways, i);

          json_builder_begin_object (builder);
          add_progress_members (builder, p->uid, p->title, p->n_steps, p->n_complete, p->percent);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      credence_cli_print_json (root);
      return CREDENCE_CLI_EXIT_OK;
    }

  if (pathways->len == 0)
    printf ("%s\n", _("No pathway yet. Import one with “credence-cli pathway import FILE”."));

  for (guint i = 0; i < pathways->len; i++)
    {
      CredenceStorePathway *p = g_ptr_array_index (pathways, i);

      print_progress_line (p->uid, p->title, p->n_steps, p->n_complete, p->percent);
    }

  return CREDENCE_CLI_EXIT_OK;
}

/* How a step's state reads on a terminal. */
static const char *
state_label (CredencePathwayProgress *progress,
             CredencePathwayStep     *step)
{
  switch (credence_pathway_progress_get_step_state (progress, step))
    {
    case CREDENCE_PATHWAY_STEP_STATE_DONE:
      return _("done");
    case CREDENCE_PATHWAY_STEP_STATE_EXPIRED:
      return credence_pathway_progress_step_is_complete (progress, step)
             ? _("earned, expired") : _("does not count: expired");
    case CREDENCE_PATHWAY_STEP_STATE_UNCONFIRMED:
      return _("not checked yet");
    case CREDENCE_PATHWAY_STEP_STATE_REVOKED:
      return _("does not count: revoked");
    case CREDENCE_PATHWAY_STEP_STATE_PROBLEM:
      return _("does not count: problem found");
    case CREDENCE_PATHWAY_STEP_STATE_IN_PROGRESS:
      return _("in progress");
    case CREDENCE_PATHWAY_STEP_STATE_OPEN:
    default:
      return _("open");
    }
}

static void
print_steps (CredencePathwayProgress *progress,
             CredenceStoreBadgeSet   *set,
             CredencePathwayStep     *parent,
             guint                    depth)
{
  for (guint i = 0; i < credence_pathway_step_get_n_children (parent); i++)
    {
      CredencePathwayStep *step = credence_pathway_step_get_child (parent, i);
      const CredencePathwayBadge *badges;
      const guint *matched;
      g_autofree char *group = NULL;
      guint n_matched = 0;
      gsize n_badges;

      if (credence_pathway_step_get_kind (step) == CREDENCE_PATHWAY_STEP_GROUP)
        {
          guint n = credence_pathway_step_get_n_children (step);
          guint require = credence_pathway_step_get_require (step);

          group = require > 0 && require < n
                  ? g_strdup_printf (_(" (any %u of %u)"), require, n)
                  : g_strdup_printf (_(" (all of %u)"), n);
        }

      printf ("%*s[%s] %s%s\n", (int)depth * 2, "", state_label (progress, step),
              credence_pathway_step_get_title (step), group != NULL ? group : "");

      badges = credence_store_badge_set_get_badges (set, &n_badges);
      matched = credence_pathway_progress_get_step_badges (progress, step, &n_matched);
      for (guint b = 0; b < n_matched; b++)
        {
          g_autofree char *name = credence_cli_safe_text (badges[matched[b]].name);

          printf ("%*s  %s %s (%s)\n", (int)depth * 2, "", _("badge"), name,
                  credence_store_badge_set_get_uid (set, matched[b]));
        }

      if (credence_pathway_step_get_note (step) != NULL)
        printf ("%*s  %s\n", (int)depth * 2, "", credence_pathway_step_get_note (step));
      for (guint l = 0; l < credence_pathway_step_get_n_links (step); l++)
        printf ("%*s  %s\n", (int)depth * 2, "", credence_pathway_step_get_link (step, l)->url);

      print_steps (progress, set, step, depth + 1);
    }
}

static void
build_steps (JsonBuilder             *builder,
             CredencePathwayProgress *progress,
             CredenceStoreBadgeSet   *set,
             CredencePathwayStep     *parent)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < credence_pathway_step_get_n_children (parent); i++)
    {
      CredencePathwayStep *step = credence_pathway_step_get_child (parent, i);
      const guint *matched;
      guint n_matched = 0;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, credence_pathway_step_kind_to_string (credence_pathway_step_get_kind (step)));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, credence_pathway_step_get_title (step));
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, credence_pathway_step_state_to_string (
                                       credence_pathway_progress_get_step_state (progress, step)));
      json_builder_set_member_name (builder, "complete");
      json_builder_add_boolean_value (builder, credence_pathway_progress_step_is_complete (progress, step));
      json_builder_set_member_name (builder, "fraction");
      json_builder_add_double_value (builder, credence_pathway_progress_get_step_fraction (progress, step));

      json_builder_set_member_name (builder, "badges");
      json_builder_begin_array (builder);
      matched = credence_pathway_progress_get_step_badges (progress, step, &n_matched);
      for (guint b = 0; b < n_matched; b++)
        json_builder_add_string_value (builder, credence_store_badge_set_get_uid (set, matched[b]));
      json_builder_end_array (builder);

      if (credence_pathway_step_get_kind (step) == CREDENCE_PATHWAY_STEP_GROUP)
        {
          json_builder_set_member_name (builder, "steps");
          build_steps (builder, progress, set, step);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static int
show_pathway (CredenceStore *store,
              const char    *uid,
              gboolean       json)
{
  g_autoptr(CredencePathway) pathway = NULL;
  g_autoptr(CredenceStoreBadgeSet) set = NULL;
  g_autoptr(CredencePathwayProgress) progress = NULL;
  g_autoptr(GPtrArray) next = NULL;
  g_autoptr(GError) error = NULL;
  const CredencePathwayBadge *badges;
  gsize n_badges;

  pathway = credence_store_get_pathway (store, uid, &error);
  if (pathway == NULL)
    return credence_cli_report_error (error);

  set = credence_store_load_badge_set (store, &error);
  if (set == NULL)
    return credence_cli_report_error (error);

  badges = credence_store_badge_set_get_badges (set, &n_badges);
  progress = credence_pathway_compute_progress (pathway, badges, n_badges);
  next = credence_pathway_progress_dup_next_steps (progress, 5);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      add_progress_members (builder, uid, credence_pathway_get_title (pathway),
                            credence_pathway_progress_get_n_steps (progress),
                            credence_pathway_progress_get_n_complete (progress),
                            credence_pathway_progress_get_percent (progress));
      credence_cli_add_string_member (builder, "description", credence_pathway_get_description (pathway));
      credence_cli_add_string_member (builder, "targetDate", credence_pathway_get_target_date (pathway));
      json_builder_set_member_name (builder, "countExpired");
      json_builder_add_boolean_value (builder, credence_pathway_get_count_expired (pathway));
      json_builder_set_member_name (builder, "tree");
      build_steps (builder, progress, set, credence_pathway_get_root (pathway));
      json_builder_set_member_name (builder, "next");
      json_builder_begin_array (builder);
      for (guint i = 0; i < next->len; i++)
        json_builder_add_string_value (builder, credence_pathway_step_get_title (g_ptr_array_index (next, i)));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      credence_cli_print_json (root);
      return CREDENCE_CLI_EXIT_OK;
    }

  print_progress_line (uid, credence_pathway_get_title (pathway),
                       credence_pathway_progress_get_n_steps (progress),
                       credence_pathway_progress_get_n_complete (progress),
                       credence_pathway_progress_get_percent (progress));
  if (credence_pathway_get_description (pathway) != NULL)
    printf ("%s\n", credence_pathway_get_description (pathway));
  if (credence_pathway_get_target_date (pathway) != NULL)
    printf ("%s %s\n", _("Goal date:"), credence_pathway_get_target_date (pathway));
  printf ("\n");

  if (credence_pathway_progress_get_n_steps (progress) == 0)
    printf ("%s\n", _("No steps yet."));
  print_steps (progress, set, credence_pathway_get_root (pathway), 0);

  if (next->len > 0)
    {
      printf ("\n%s\n", _("What’s next:"));
      for (guint i = 0; i < next->len; i++)
        printf ("  %s\n", credence_pathway_step_get_title (g_ptr_array_index (next, i)));
    }

  return CREDENCE_CLI_EXIT_OK;
}

static int
export_pathway (CredenceStore *store,
                const char    *uid,
                const char    *output)
{
  g_autoptr(CredencePathway) pathway = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  pathway = credence_store_get_pathway (store, uid, &error);
  if (pathway == NULL)
    return credence_cli_report_error (error);

  bytes = credence_pathway_to_bytes (pathway);
  data = g_bytes_get_data (bytes, &length);

  if (output == NULL || strcmp (output, "-") == 0)
    {
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          fprintf (stderr, "%s\n", _("credence-cli: could not write the pathway."));
          return CREDENCE_CLI_EXIT_USAGE;
        }
      return CREDENCE_CLI_EXIT_OK;
    }

  if (!g_file_set_contents (output, data, length, &error))
    return credence_cli_report_error (error);

  return CREDENCE_CLI_EXIT_OK;
}

/* Prints the listing line (or JSON object) of the pathway @uid, just added. */
static int
print_added (CredenceStore *store,
             const char    *uid,
             gboolean       json)
{
  g_autoptr(GPtrArray) pathways = NULL;
  g_autoptr(GError) error = NULL;

  pathways = credence_store_list_pathways (store, &error);
  if (pathways == NULL)
    return credence_cli_report_error (error);

  for (guint i = 0; i < pathways->len; i++)
    {
      CredenceStorePathway *p = g_ptr_array_index (pathways, i);

      if (strcmp (p->uid, uid) != 0)
        continue;

      if (json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;

          json_builder_begin_object (builder);
          add_progress_members (builder, p->uid, p->title, p->n_steps, p->n_complete, p->percent);
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          credence_cli_print_json (root);
        }
      else
        print_progress_line (p->uid, p->title, p->n_steps, p->n_complete, p->percent);
    }

  return CREDENCE_CLI_EXIT_OK;
}

/* Draft pathways grouped from the collection's badges (by issuer and by
 * alignment); with @save, the one numbered @save is kept as a pathway.
 */
static int
suggest_pathways (CredenceStore *store,
                  gboolean       json,
                  int            save)
{
  g_autoptr(CredenceStoreBadgeSet) set = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  const CredencePathwayBadge *badges;
  gsize n_badges = 0;

  set = credence_store_load_badge_set (store, &error);
  if (set == NULL)
    return credence_cli_report_error (error);

  badges = credence_store_badge_set_get_badges (set, &n_badges);
  drafts = credence_pathway_suggest (badges, n_badges,
                                     CREDENCE_PATHWAY_SUGGEST_BY_ISSUER | CREDENCE_PATHWAY_SUGGEST_BY_ALIGNMENT,
                                     0);

  if (save > 0)
    {
      g_autofree char *uid = NULL;

      if ((guint)save > drafts->len)
        {
          fprintf (stderr, "credence-cli pathway: ");
          fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "there is no suggestion %d: %u was suggested\n",
                                        "there is no suggestion %d: %u were suggested\n", drafts->len),
                   save, drafts->len);
          return CREDENCE_CLI_EXIT_USAGE;
        }

      uid = credence_store_add_pathway (store, g_ptr_array_index (drafts, save - 1), &error);
      if (uid == NULL)
        return credence_cli_report_error (error);

      return print_added (store, uid, json);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < drafts->len; i++)
        {
          CredencePathway *draft = g_ptr_array_index (drafts, i);
          g_autoptr(GBytes) bytes = credence_pathway_to_bytes (draft);
          g_autoptr(JsonNode) file = NULL;
          gsize length;
          const char *data = g_bytes_get_data (bytes, &length);

          file = json_from_string (data, &error);
          if (file == NULL)
            return credence_cli_report_error (error);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "number");
          json_builder_add_int_value (builder, i + 1);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, credence_pathway_get_title (draft));
          json_builder_set_member_name (builder, "steps");
          json_builder_add_int_value (builder, credence_pathway_step_get_n_children (credence_pathway_get_root (draft)));
          /* The draft as a pathway file, ready for pathway import. */
          json_builder_set_member_name (builder, "pathway");
          json_builder_add_value (builder, g_steal_pointer (&file));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      credence_cli_print_json (root);
      return CREDENCE_CLI_EXIT_OK;
    }

  if (drafts->len == 0)
    {
      printf ("%s\n", _("No suggestions: they need at least two different badges from one issuer or for one skill."));
      return CREDENCE_CLI_EXIT_OK;
    }

  for (guint i = 0; i < drafts->len; i++)
    {
      CredencePathway *draft = g_ptr_array_index (drafts, i);
      CredencePathwayStep *root = credence_pathway_get_root (draft);
      guint n = credence_pathway_step_get_n_children (root);
      /* Titles come from badge and issuer names. */
      g_autofree char *title = credence_cli_safe_text (credence_pathway_get_title (draft));

      printf ("%u. %s (", i + 1, title);
      printf (g_dngettext (GETTEXT_PACKAGE, "%u step", "%u steps", n), n);
      printf (")\n");
      for (guint c = 0; c < n; c++)
        {
          g_autofree char *step = credence_cli_safe_text (credence_pathway_step_get_title (credence_pathway_step_get_child (root, c)));

          printf ("   - %s\n", step);
        }
    }
  printf ("\n%s\n", _("Save one with: credence-cli pathway suggest --save N"));

  return CREDENCE_CLI_EXIT_OK;
}

int
credence_cli_pathway (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *uid = NULL;
  const char *action;
  gboolean json = FALSE;
  int passphrase_fd = -1;
  int save = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the exported pathway to FILE"), N_("FILE") },
    { "save", 0, 0, G_OPTION_ARG_INT, &save, N_("With suggest: keep suggestion number N as a pathway"), "N" },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_("Read the collection’s passphrase from file descriptor N"), "N" },
    { NULL },
  };

  context = g_option_context_new (_("[list | show | import | export | delete | suggest] …"));
  g_option_context_set_summary (context,
                                _("Plan learning goals as pathways of steps and see how far your badges "
                                  "take you. Pathway files hold a plan only: importing one never adds badges."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);

  action = argc > 1 ? argv[1] : "list";
  if (strcmp (action, "list") == 0 || strcmp (action, "suggest") == 0)
    {
      if (argc > 2)
        return usage_error (strcmp (action, "list") == 0 ? _("list takes no argument")
                                                         : _("suggest takes no argument"));
    }
  else if (strcmp (action, "show") == 0 || strcmp (action, "import") == 0 ||
           strcmp (action, "export") == 0 || strcmp (action, "delete") == 0)
    {
      if (argc != 3)
        return usage_error (strcmp (action, "import") == 0 ? _("give one pathway file") : _("give one pathway"));
    }
  else
    return usage_error (_("unknown action"));

  if (save < 0 || (save > 0 && strcmp (action, "suggest") != 0))
    return usage_error (_("--save takes a suggestion number, with suggest"));

  if (strcmp (action, "import") == 0)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[2]);
      g_autoptr(CredencePathway) pathway = NULL;

      /* Read the file before opening the store: a bad file changes nothing. */
      pathway = credence_pathway_new_from_file (file, NULL, &error);
      if (pathway == NULL)
        return credence_cli_report_error (error);

      store = credence_cli_open_store (passphrase_fd, &error);
      if (store == NULL)
        return credence_cli_report_error (error);

      uid = credence_store_add_pathway (store, pathway, &error);
      if (uid == NULL)
        return credence_cli_report_error (error);

      return print_added (store, uid, json);
      return CREDENCE_CLI_EXIT_OK;
    }

  store = credence_cli_open_store (passphrase_fd, &error);
  if (store == NULL)
    return credence_cli_report_error (error);

  if (strcmp (action, "list") == 0)
    return list_pathways (store, json);

  if (strcmp (action, "suggest") == 0)
    return suggest_pathways (store, json, save);

  uid = credence_store_find_pathway (store, argv[2], &error);
  if (uid == NULL)
    return credence_cli_report_error (error);

  if (strcmp (action, "show") == 0)
    return show_pathway (store, uid, json);

  if (strcmp (action, "export") == 0)
    return export_pathway (store, uid, output);

  if (!credence_store_remove_pathway (store, uid, &error))
    return credence_cli_report_error (error);

  return CREDENCE_CLI_EXIT_OK;
}
