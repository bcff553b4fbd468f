/* credence-cli-show.c: credence-cli show — one badge with its history and
 * pinned documents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "credence-cli.h"
#include "credence-cli-store.h"

static void
add_report (JsonBuilder *builder,
            const char  *report)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (report != NULL && json_parser_load_from_data (parser, report, -1, NULL) &&
      json_parser_get_root (parser) != NULL)
    json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  else if (report != NULL)
    json_builder_add_string_value (builder, report);
  else
    json_builder_add_null_value (builder);
}

static void
print_json (CredenceStoreBadge *badge)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize payload_len = 0;
  const char *payload = g_bytes_get_data (badge->payload, &payload_len);

  json_builder_begin_object (builder);
  credence_cli_add_badge_members (builder, badge);

  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, g_bytes_get_size (badge->original));
  json_builder_set_member_name (builder, "payload");
  if (g_utf8_validate (payload, payload_len, NULL))
    {
      g_autofree char *text = g_strndup (payload, payload_len);

      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "history");
  json_builder_begin_array (builder);
  for (guint i = 0; i < badge->history->len; i++)
    {
      CredenceStoreVerification *v = g_ptr_array_index (badge->history, i);
      g_autofree char *when = credence_cli_format_time (v->verified_at);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, when);
      json_builder_set_member_name (builder, "online");
      json_builder_add_boolean_value (builder, v->online);
      json_builder_set_member_name (builder, "verdict");
      json_builder_add_string_value (builder, v->verdict);
      json_builder_set_member_name (builder, "reason");
      if (v->reason != NULL)
        json_builder_add_string_value (builder, v->reason);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "report");
      add_report (builder, v->report);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < badge->documents->len; i++)
    {
      CredenceStoreDocument *doc = g_ptr_array_index (badge->documents, i);
      g_autofree char *fetched = credence_cli_format_time (doc->fetched_at);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, doc->url);
      json_builder_set_member_name (builder, "final_url");
      json_builder_add_string_value (builder, doc->final_url);
      json_builder_set_member_name (builder, "status");
      json_builder_add_int_value (builder, doc->status);
      json_builder_set_member_name (builder, "fetched");
      json_builder_add_string_value (builder, fetched);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, doc->sha256);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, g_bytes_get_size (doc->bytes));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  credence_cli_print_json (root);
}

static void
print_field (const char *label,
             const char *value)
{
  if (value != NULL)
    printf ("%-14s %s\n", label, value);
}

static void
print_text (CredenceStoreBadge *badge)
{
  g_autofree char *added = credence_cli_format_time (badge->added_at);

  print_field (_("Id:"), badge->uid);
  print_field (_("Name:"), badge->name);
  print_field (_("Description:"), badge->description);
  print_field (_("Issuer:"), badge->issuer_name);
  print_field (_("Issuer URL:"), badge->issuer_url);
  print_field (_("Recipient:"), badge->recipient);
  print_field (_("Issued:"), badge->issued_on);
  print_field (_("Expires:"), badge->expires_on);
  print_field (_("Open Badges:"), badge->spec_version);
  print_field (_("File:"), badge->container);
  print_field (_("Source:"), badge->source);
  print_field (_("Added:"), added);
  print_field (_("Verdict:"), badge->verdict != NULL ? badge->verdict : _("unverified"));
  print_field (_("Reason:"), badge->reason);

  printf ("\n%s\n", _("Verification history:"));
  for (guint i = 0; i < badge->history->len; i++)
    {
      CredenceStoreVerification *v = g_ptr_array_index (badge->history, i);
      g_autofree char *when = credence_cli_format_time (v->verified_at);

      printf ("  %s  %-8s %s%s%s\n", when, v->online ? _("online") : _("offline"), v->verdict,
              v->reason != NULL ? " — " : "", v->reason != NULL ? v->reason : "");
    }

  printf ("\n%s\n", _("Pinned documents:"));
  for (guint i = 0; i < badge->documents->len; i++)
    {
      CredenceStoreDocument *doc = g_ptr_array_index (badge->documents, i);

      printf ("  %s  %d  %.12s…  %" G_GSIZE_FORMAT " B\n", doc->url, doc->status, doc->sha256,
              g_bytes_get_size (doc->bytes));
    }
}

int
credence_cli_show (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CredenceStore) store = NULL;
  g_autoptr(CredenceStoreBadge) badge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  gboolean json = FALSE;
  int passphrase_fd = -1;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_("Read the collection’s passphrase from file descriptor N"), "N" },
    { NULL },
  };

  context = g_option_context_new (_("ID"));
  g_option_context_set_summary (context, _("Show a badge of your collection, its verification history and pinned documents."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      fprintf (stderr, "credence-cli show: %s\n",
               error != NULL ? error->message : _("give one badge id"));
      return CREDENCE_CLI_EXIT_USAGE;
    }

  store = credence_cli_open_store (passphrase_fd, &error);
  if (store == NULL)
    return credence_cli_report_error (error);

  uid = credence_cli_resolve_badge (store, argv[1], &error);
  if (uid != NULL)
    badge = credence_store_get_badge (store, uid, &error);
  if (badge == NULL)
    return credence_cli_report_error (error);

  if (json)
    print_json (badge);
  else
    print_text (badge);

  return CREDENCE_CLI_EXIT_OK;
}
