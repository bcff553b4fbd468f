/* credence-cli-store.c: opening the collection from the command line,
 * passphrases from a terminal or a file descriptor, badge ids and JSON
 * output shared by the collection commands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "credence-cli.h"
#include "credence-cli-store.h"
#include "credence-passphrase.h"

#define MAX_PASSPHRASE 1024

/* Reads one line from @fd, without its line end.  Never echoes. */
static char *
read_line_fd (int       fd,
              GError  **error)
{
  char *buf = g_malloc0 (MAX_PASSPHRASE + 1);
  gsize len = 0;

  for (;;)
    {
      char c;
      ssize_t got = read (fd, &c, 1);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved_errno = errno;

          credence_passphrase_wipe_free (buf);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not read the passphrase: %s"), g_strerror (saved_errno));
          return NULL;
        }
      if (got == 0 || c == '\n')
        break;
      /* A NUL would hide the rest from strlen(), and so from the wipe. */
      if (c == '\0')
        {
          credence_passphrase_wipe_free (buf);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The passphrase contains a NUL byte."));
          return NULL;
        }
      if (len == MAX_PASSPHRASE)
        {
          credence_passphrase_wipe_free (buf);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The passphrase is longer than %d bytes."), MAX_PASSPHRASE);
          return NULL;
        }
      buf[len++] = c;
    }

  if (len > 0 && buf[len - 1] == '\r')
    buf[--len] = '\0';

  return buf;
}

static char *
prompt_tty (int          tty,
            const char  *prompt,
            GError     **error)
{
  struct termios saved, quiet;
  gboolean restore;
  char *line;

  if (write (tty, prompt, strlen (prompt)) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not ask for the passphrase on the terminal."));
      return NULL;
    }

  restore = tcgetattr (tty, &saved) == 0;
  if (restore)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      quiet.c_lflag |= ECHONL;
      tcsetattr (tty, TCSAFLUSH, &quiet);
    }

  line = read_line_fd (tty, error);

  if (restore)
    tcsetattr (tty, TCSAFLUSH, &saved);

  return line;
}

/**
 * credence_cli_read_passphrase:
 * @fd: a file descriptor to read one line from, or -1 for the terminal
 * @prompt: what to ask on the terminal
 * @confirm_prompt: (nullable): ask a second time with this, for a new
 *   passphrase
 * @error: return location for a #GError
 *
 * Gets a passphrase from @fd (scripts) or the controlling terminal, never
 * from the command line or the environment.  Free it with
 * credence_passphrase_wipe_free().
 */
char *
credence_cli_read_passphrase (int          fd,
                              const char  *prompt,
                              const char  *confirm_prompt,
                              GError     **error)
{
  char *first;
  char *second;
  int tty;

  if (fd >= 0)
    return read_line_fd (fd, error);

  tty = g_open ("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY, 0);
  if (tty < 0 || !isatty (STDIN_FILENO))
    {
      if (tty >= 0)
        close (tty);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("A passphrase is needed: run the command on a terminal, "
                     "or give it on a file descriptor with --passphrase-fd N."));
      return NULL;
    }

  first = prompt_tty (tty, prompt, error);
  if (first != NULL && confirm_prompt != NULL)
    {
      second = prompt_tty (tty, confirm_prompt, error);
      if (second == NULL || strcmp (first, second) != 0)
        {
          if (second != NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("The two passphrases differ."));
          credence_passphrase_wipe_free (first);
          first = NULL;
        }
      credence_passphrase_wipe_free (second);
    }
  close (tty);

  return first;
}

/**
 * credence_cli_open_store:
 * @passphrase_fd: where to read the passphrase from, or -1 for the
 *   terminal
 * @error: return location for a #GError
 *
 * Opens the collection of the data folder: with the keyring key, or with
 * a passphrase when the collection has one or no keyring exists (then the
 * first command creates a passphrase-protected collection).
 */
CredenceStore *
credence_cli_open_store (int      passphrase_fd,
                         GError **error)
{
  g_autoptr(GError) local_error = NULL;
  CredenceStore *store;
  char *passphrase;
  gboolean creating;

  store = credence_store_open_default (NULL, NULL, &local_error);
  if (store != NULL)
    return store;

  if (!g_error_matches (local_error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NEEDS_PASSPHRASE))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  creating = !credence_store_uses_passphrase (NULL);
  if (creating && passphrase_fd < 0)
    fprintf (stderr, "%s\n", local_error->message);

  passphrase = credence_cli_read_passphrase (passphrase_fd,
                                             creating ? _("Choose a passphrase for your collection: ")
                                                      : _("Passphrase of your collection: "),
                                             creating ? _("Type it again: ") : NULL,
                                             error);
  if (passphrase == NULL)
    return NULL;

  store = credence_store_open_with_passphrase (NULL, passphrase, error);
  credence_passphrase_wipe_free (passphrase);

  return store;
}

/**
 * credence_cli_report_error:
 *
 * Prints "credence-cli: MESSAGE" and returns the exit code for @error.
 */
int
credence_cli_report_error (const GError *error)
{
  fprintf (stderr, "credence-cli: %s\n", error->message);

  if (g_error_matches (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND))
    return CREDENCE_CLI_EXIT_NO;

  return CREDENCE_CLI_EXIT_USAGE;
}

/**
 * credence_cli_resolve_badge:
 * @store: the collection
 * @id: a badge id, or a prefix of exactly one badge id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the full badge id
 */
char *
credence_cli_resolve_badge (CredenceStore  *store,
                            const char     *id,
                            GError        **error)
{
  g_autoptr(GPtrArray) all = NULL;
  char *found = NULL;

  all = credence_store_list_badges (store, NULL, error);
  if (all == NULL)
    return NULL;

  for (guint i = 0; i < all->len; i++)
    {
      CredenceStoreBadge *badge = g_ptr_array_index (all, i);

      if (g_strcmp0 (badge->uid, id) == 0)
        {
          g_free (found);
          return g_strdup (badge->uid);
        }
      if (id[0] != '\0' && g_str_has_prefix (badge->uid, id))
        {
          if (found != NULL)
            {
              g_free (found);
              g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND,
                           _("“%s” matches more than one badge: give more of its id."), id);
              return NULL;
            }
          found = g_strdup (badge->uid);
        }
    }

  if (found == NULL)
    g_set_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_NOT_FOUND,
                 _("No badge “%s” in the collection. Run “credence-cli list” to see the ids."), id);

  return found;
}

/**
 * credence_cli_format_time:
 *
 * Returns: (transfer full) (nullable): @unix_time as RFC 3339 UTC, or
 *   %NULL for 0
 */
char *
credence_cli_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time == 0)
    return NULL;

  dt = g_date_time_new_from_unix_utc (unix_time);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/**
 * credence_cli_add_badge_members:
 *
 * Adds the listing fields of @badge to the object being built.
 */
void
credence_cli_add_badge_members (JsonBuilder        *builder,
                                CredenceStoreBadge *badge)
{
  g_autofree char *added = credence_cli_format_time (badge->added_at);
  g_autofree char *verified = credence_cli_format_time (badge->verified_at);
  struct { const char *name; const char *value; } members[] = {
    { "id", badge->uid },
    { "name", badge->name },
    { "description", badge->description },
    { "issuer", badge->issuer_name },
    { "issuer_url", badge->issuer_url },
    { "recipient", badge->recipient },
    { "credential_id", badge->credential_id },
    { "spec", badge->spec_version },
    { "container", badge->container },
    { "issued", badge->issued_on },
    { "expires", badge->expires_on },
    { "image", badge->image },
    { "source", badge->source },
    { "added", added },
    { "verdict", badge->verdict },
    { "reason", badge->reason },
    { "verified", verified },
    { "payload_sha256", badge->payload_sha256 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
    {
      json_builder_set_member_name (builder, members[i].name);
      if (members[i].value != NULL)
        json_builder_add_string_value (builder, members[i].value);
      else
        json_builder_add_null_value (builder);
    }
}

/**
 * credence_cli_print_json:
 *
 * Prints @node on one line.
 */
void
credence_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/**
 * credence_cli_confirm:
 * @question: a yes/no question
 *
 * Asks on the terminal.  Without a terminal the answer is no.
 */
gboolean
credence_cli_confirm (const char *question)
{
  char answer[16] = { 0 };

  if (!isatty (STDIN_FILENO))
    return FALSE;

  fprintf (stderr, "%s %s ", question, _("[y/N]"));
  fflush (stderr);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;

  /* Translators: the first letter of "yes" in the answer to [y/N]. */
  return answer[0] == 'y' || answer[0] == 'Y' || g_str_has_prefix (answer, _("y"));
}

/**
 * credence_cli_add_string_member:
 *
 * Adds @name with @value, or JSON null when @value is %NULL.
 */
void
credence_cli_add_string_member (JsonBuilder *builder,
                                const char  *name,
                                const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * credence_cli_safe_text:
 * @text: (nullable): untrusted text, such as a badge's name
 *
 * Returns: (transfer full): @text as valid UTF-8 with control characters
 *   replaced by U+FFFD, safe to print on a terminal ("" for %NULL)
 */
char *
credence_cli_safe_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}
