/* credence-cli-inspect.c: credence-cli inspect — what a file holds: the
 * container, where the badge sits, its version and format, the normalised
 * fields and the payload.  Nothing is fetched and nothing is verified.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "credence-badge.h"
#include "credence-cli.h"
#include "credence-sniff.h"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          GDateTime   *value)
{
  g_autofree char *text = value != NULL ? g_date_time_format_iso8601 (value) : NULL;

  add_string (builder, name, text);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (gsize i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static char *
payload_text (CredenceBadge *badge)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (credence_badge_get_payload (badge), &length);

  if (data == NULL || !g_utf8_validate_len (data, length, NULL))
    return NULL;
  return g_strndup (data, length);
}

static void
build_badge (JsonBuilder   *builder,
             CredenceBadge *badge)
{
  GPtrArray *alignments = credence_badge_get_alignments (badge);
  GPtrArray *evidence = credence_badge_get_evidence (badge);
  g_autofree char *payload = payload_text (badge);
  gint64 offset = credence_badge_get_location_offset (badge);

  json_builder_set_member_name (builder, "found");
  json_builder_add_boolean_value (builder, TRUE);
  add_string (builder, "container", credence_container_to_string (credence_badge_get_container (badge)));

  json_builder_set_member_name (builder, "location");
  json_builder_begin_object (builder);
  add_string (builder, "chunk", credence_badge_get_location_chunk (badge));
  add_string (builder, "name", credence_badge_get_location_name (badge));
  add_string (builder, "part", credence_badge_get_location_part (badge));
  json_builder_set_member_name (builder, "offset");
  if (offset >= 0)
    json_builder_add_int_value (builder, offset);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  add_string (builder, "version", credence_spec_version_to_string (credence_badge_get_spec_version (badge)));
  add_string (builder, "format", credence_badge_format_to_string (credence_badge_get_format (badge)));
  add_strv (builder, "proofTypes", credence_badge_get_proof_types (badge));
  add_string (builder, "jwsAlg", credence_badge_get_jws_alg (badge));
  add_string (builder, "url", credence_badge_get_url (badge));

  add_string (builder, "id", credence_badge_get_id (badge));
  add_string (builder, "achievementId", credence_badge_get_achievement_id (badge));
  add_string (builder, "name", credence_badge_get_name (badge));
  add_string (builder, "description", credence_badge_get_description (badge));
  json_builder_set_member_name (builder, "criteria");
  json_builder_begin_object (builder);
  add_string (builder, "narrative", credence_badge_get_criteria_narrative (badge));
  add_string (builder, "url", credence_badge_get_criteria_url (badge));
  json_builder_end_object (builder);
  add_string (builder, "image", credence_badge_get_image (badge));
  add_strv (builder, "tags", credence_badge_get_tags (badge));

  json_builder_set_member_name (builder, "alignments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < alignments->len; i++)
    {
      CredenceAlignment *a = g_ptr_array_index (alignments, i);

      json_builder_begin_object (builder);
      add_string (builder, "name", a->name);
      add_string (builder, "url", a->url);
      add_string (builder, "description", a->description);
      add_string (builder, "framework", a->framework);
      add_string (builder, "code", a->code);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "evidence");
  json_builder_begin_array (builder);
  for (guint i = 0; i < evidence->len; i++)
    {
      CredenceEvidence *e = g_ptr_array_index (evidence, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", e->id);
      add_string (builder, "name", e->name);
      add_string (builder, "description", e->description);
      add_string (builder, "narrative", e->narrative);
      add_string (builder, "genre", e->genre);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "issuer");
  json_builder_begin_object (builder);
  add_string (builder, "id", credence_badge_get_issuer_id (badge));
  add_string (builder, "name", credence_badge_get_issuer_name (badge));
  add_string (builder, "url", credence_badge_get_issuer_url (badge));
  add_string (builder, "email", credence_badge_get_issuer_email (badge));
  add_string (builder, "image", credence_badge_get_issuer_image (badge));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "recipient");
  json_builder_begin_object (builder);
  add_string (builder, "type", credence_badge_get_recipient_type (badge));
  add_string (builder, "identity", credence_badge_get_recipient_identity (badge));
  json_builder_set_member_name (builder, "hashed");
  json_builder_add_boolean_value (builder, credence_badge_get_recipient_hashed (badge));
  add_string (builder, "salt", credence_badge_get_recipient_salt (badge));
  add_string (builder, "subjectId", credence_badge_get_subject_id (badge));
  json_builder_end_object (builder);

  add_date (builder, "issued", credence_badge_get_issued (badge));
  add_date (builder, "expires", credence_badge_get_expires (badge));

  json_builder_set_member_name (builder, "jwsHeader");
  if (credence_badge_get_jws_header (badge) != NULL)
    json_builder_add_value (builder, json_node_copy (credence_badge_get_jws_header (badge)));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "payloadSize");
  json_builder_add_int_value (builder, (gint64)g_bytes_get_size (credence_badge_get_payload (badge)));
  add_string (builder, "payload", payload);
}

static void
build_error (JsonBuilder  *builder,
             const GError *error)
{
  static const char *const codes[] = {
    "not-a-badge", "malformed-image", "invalid-data", "too-large", "not-supported",
  };

  json_builder_set_member_name (builder, "found");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  add_string (builder, "code", (guint)error->code < G_N_ELEMENTS (codes) ? codes[error->code] : "invalid-data");
  add_string (builder, "reason", credence_badge_error_get_reason (error));
  add_string (builder, "message", error->message);
  json_builder_end_object (builder);
}

static void
print_json (const char    *source,
            CredenceBadge *badge,
            const GError  *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "source", source);
  if (badge != NULL)
    build_badge (builder, badge);
  else
    build_error (builder, error);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  printf ("%s\n", text);
}

/* Untrusted text must not drive the terminal: control characters other
 * than newline and tab become U+FFFD. */
static char *
printable (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c < 0xA0))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
print_field (const char *label,
             const char *value)
{
  g_autofree char *safe = printable (value);

  if (safe != NULL && *safe != '\0')
    printf ("%-14s %s\n", label, safe);
}

static void
print_date (const char *label,
            GDateTime  *value)
{
  g_autofree char *text = value != NULL ? g_date_time_format_iso8601 (value) : NULL;

  print_field (label, text);
}

static void
print_text (CredenceBadge *badge)
{
  g_autofree char *where = NULL;
  g_autofree char *format = NULL;
  g_autofree char *payload = payload_text (badge);
  g_autofree char *safe_payload = NULL;
  g_autofree char *recipient = NULL;
  g_autofree char *tags = g_strjoinv (", ", (char **)credence_badge_get_tags (badge));
  g_autofree char *proofs = g_strjoinv (", ", (char **)credence_badge_get_proof_types (badge));
  const char *name = credence_badge_get_location_name (badge);
  gint64 offset = credence_badge_get_location_offset (badge);
  CredenceBadgeFormat badge_format = credence_badge_get_format (badge);
  GPtrArray *alignments = credence_badge_get_alignments (badge);
  GPtrArray *evidence = credence_badge_get_evidence (badge);

  if (credence_badge_get_location_chunk (badge) != NULL)
    where = g_strdup_printf (_("%s chunk “%s” at byte %lld"), credence_badge_get_location_chunk (badge), name, (long long)offset);
  else if (name != NULL)
    where = g_strdup_printf (_("element <%s> (%s) at byte %lld"), name, credence_badge_get_location_part (badge), (long long)offset);

  if (badge_format == CREDENCE_BADGE_FORMAT_DATA_INTEGRITY && *proofs != '\0')
    format = g_strdup_printf ("%s (%s)", credence_badge_format_to_string (badge_format), proofs);
  else if (credence_badge_get_jws_alg (badge) != NULL)
    format = g_strdup_printf ("%s (%s)", credence_badge_format_to_string (badge_format), credence_badge_get_jws_alg (badge));
  else
    format = g_strdup (credence_badge_format_to_string (badge_format));

  if (credence_badge_get_recipient_identity (badge) != NULL)
    recipient = g_strdup_printf ("%s %s%s%s%s", credence_badge_get_recipient_type (badge) ?: "?",
                                 credence_badge_get_recipient_identity (badge),
                                 credence_badge_get_recipient_hashed (badge) ? _(" (hashed") : "",
                                 credence_badge_get_recipient_hashed (badge) && credence_badge_get_recipient_salt (badge) != NULL ? _(", salted") : "",
                                 credence_badge_get_recipient_hashed (badge) ? ")" : "");

  print_field (_("Source:"), credence_badge_get_source_name (badge));
  print_field (_("Container:"), credence_container_to_string (credence_badge_get_container (badge)));
  print_field (_("Location:"), where);
  print_field (_("Version:"), credence_spec_version_to_string (credence_badge_get_spec_version (badge)));
  print_field (_("Format:"), format);
  print_field (_("URL:"), credence_badge_get_url (badge));
  print_field (_("ID:"), credence_badge_get_id (badge));
  print_field (_("Name:"), credence_badge_get_name (badge));
  print_field (_("Description:"), credence_badge_get_description (badge));
  print_field (_("Achievement:"), credence_badge_get_achievement_id (badge));
  print_field (_("Criteria:"), credence_badge_get_criteria_url (badge));
  print_field (_("Criteria text:"), credence_badge_get_criteria_narrative (badge));
  if (credence_badge_get_image (badge) != NULL && g_str_has_prefix (credence_badge_get_image (badge), "data:"))
    print_field (_("Image:"), _("(embedded data URI)"));
  else
    print_field (_("Image:"), credence_badge_get_image (badge));
  print_field (_("Tags:"), tags);
  for (guint i = 0; i < alignments->len; i++)
    {
      CredenceAlignment *a = g_ptr_array_index (alignments, i);

      print_field (_("Alignment:"), a->name != NULL ? a->name : a->url);
    }
  print_field (_("Issuer:"), credence_badge_get_issuer_name (badge));
  print_field (_("Issuer ID:"), credence_badge_get_issuer_id (badge));
  print_field (_("Issuer URL:"), credence_badge_get_issuer_url (badge));
  print_field (_("Issuer email:"), credence_badge_get_issuer_email (badge));
  print_field (_("Recipient:"), recipient);
  print_field (_("Subject:"), credence_badge_get_subject_id (badge));
  print_date (_("Issued:"), credence_badge_get_issued (badge));
  print_date (_("Expires:"), credence_badge_get_expires (badge));
  for (guint i = 0; i < evidence->len; i++)
    {
      CredenceEvidence *e = g_ptr_array_index (evidence, i);

      print_field (_("Evidence:"), e->id != NULL ? e->id : e->name);
    }

  safe_payload = printable (payload);
  if (safe_payload != NULL)
    printf ("%s\n%s\n", _("Payload:"), safe_payload);
  else
    printf ("%s %s\n", _("Payload:"), _("(not UTF-8 text)"));
}

static GBytes *
read_input (const char  *argument,
            char       **out_source,
            GError     **error)
{
  if (strcmp (argument, "-") == 0)
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);

      *out_source = g_strdup (_("standard input"));
      return credence_badge_read_stream (in, NULL, error);
    }

  /* A URL is inspected as what it is (a link to a hosted badge): inspect
   * never goes on the network. */
  if (credence_sniff_is_url (argument, strlen (argument)))
    {
      *out_source = g_strdup (argument);
      return g_bytes_new (argument, strlen (argument));
    }

  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (argument);
    g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);

    if (stream == NULL)
      return NULL;
    *out_source = g_file_get_basename (file);
    return credence_badge_read_stream (G_INPUT_STREAM (stream), NULL, error);
  }
}

int
credence_cli_inspect (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CredenceBadge) badge = NULL;
  g_autofree char *source = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object (see the README)"), NULL },
    { NULL },
  };

  context = g_option_context_new (_("FILE|URL|-"));
  g_option_context_set_summary (context, _("Show what a badge file holds: where the badge sits, its version and format, its details and its data. Nothing is fetched or verified."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      if (error != NULL)
        fprintf (stderr, "credence-cli inspect: %s\n", error->message);
      fprintf (stderr, "%s", help);
      return CREDENCE_CLI_EXIT_USAGE;
    }

  bytes = read_input (argv[1], &source, &error);
  if (bytes == NULL)
    {
      fprintf (stderr, "credence-cli inspect: %s\n", error->message);
      return CREDENCE_CLI_EXIT_USAGE;
    }

  badge = credence_badge_new_from_bytes (bytes, source, &error);
  if (json)
    print_json (source, badge, error);
  else if (badge != NULL)
    print_text (badge);
  else
    fprintf (stderr, "%s: %s\n", source, error->message);

  return badge != NULL ? CREDENCE_CLI_EXIT_OK : CREDENCE_CLI_EXIT_NO;
}
