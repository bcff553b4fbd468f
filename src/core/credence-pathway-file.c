/* credence-pathway-file.c: reading and writing pathway files.
 *
 * The format is documented in README.md ("Pathway files") and described by
 * data/pathway.schema.json.  Reading is strict: every member is checked,
 * unknown ones are refused, and the limits of credence-limits.h bound the
 * work a hostile file can cause.  A pathway file holds a plan only; reading
 * one never adds badges.  Writing is deterministic: the same pathway always
 * gives the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-pathway"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "credence-json.h"
#include "credence-limits.h"
#include "credence-pathway.h"

typedef struct
{
  guint n_steps;
} ReadState;

static const char * const pathway_members[] = {
  "$schema", "format", "version", "title", "description", "targetDate", "countExpired", "steps", NULL
};
static const char * const link_members[] = { "title", "url", NULL };

/* Members every step may have, then the ones of each kind. */
static const char * const step_common_members[] = { "kind", "title", "note", "links", NULL };
static const char * const step_badge_members[] = { "badge", NULL };
static const char * const step_achievement_members[] = { "achievement", NULL };
static const char * const step_match_members[] = { "issuer", "tag", "keyword", "alignment", NULL };
static const char * const step_group_members[] = { "require", "steps", NULL };
static const char * const step_manual_members[] = { "done", NULL };

static const char * const * const step_kind_members[] = {
  [CREDENCE_PATHWAY_STEP_BADGE] = step_badge_members,
  [CREDENCE_PATHWAY_STEP_ACHIEVEMENT] = step_achievement_members,
  [CREDENCE_PATHWAY_STEP_MATCH] = step_match_members,
  [CREDENCE_PATHWAY_STEP_GROUP] = step_group_members,
  [CREDENCE_PATHWAY_STEP_MANUAL] = step_manual_members,
};

/* Where in the file something is, for error messages: "the pathway",
 * "step 3", "step 3.2".
 */
static char *
describe_place (const char *step_path)
{
  if (step_path == NULL)
    return g_strdup (_("the pathway"));

  return g_strdup_printf (_("step %s"), step_path);
}

static gboolean
fail (GError     **error,
      int          code,
      const char  *step_path,
      const char  *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (GError     **error,
      int          code,
      const char  *step_path,
      const char  *format,
      ...)
{
  g_autofree char *place = describe_place (step_path);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* TRANSLATORS: the first %s is a place such as "step 3.2", the second
   * says what is wrong there.
   */
  g_set_error (error, CREDENCE_PATHWAY_ERROR, code,
               _("This pathway file cannot be used: in %s, %s. Ask whoever shared it for a corrected file."),
               place, what);

  return FALSE;
}

/* A name from the file, safe to show: at most 64 bytes, valid UTF-8, no
 * control characters (they could drive a terminal).
 */
static char *
shown_text (const char *text)
{
  char *shown = g_utf8_make_valid (text, MIN (strlen (text), 64));

  for (char *p = shown; *p != '\0'; p++)
    if ((guchar)*p < 0x20 || *p == 0x7f)
      *p = '?';

  return shown;
}

static gboolean
strv_has (const char * const *strv,
          const char         *s)
{
  return g_strv_contains (strv, s);
}

static gboolean
check_members (JsonObject          *object,
               const char * const  *allowed,
               const char * const  *allowed_too,
               const char          *kind_name,
               const char          *step_path,
               GError             **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    if (!strv_has (allowed, name) && (allowed_too == NULL || !strv_has (allowed_too, name)))
      {
        g_autofree char *shown = shown_text (name);

        if (kind_name != NULL)
          return fail (error, CREDENCE_PATHWAY_ERROR_INVALID, step_path,
                       _("the member “%s” does not belong in a “%s” step"), shown, kind_name);

        return fail (error, CREDENCE_PATHWAY_ERROR_INVALID, step_path,
                     _("the member “%s” is not part of the pathway format"), shown);
      }

  return TRUE;
}

static gboolean
has_control_chars (const char *s,
                   gboolean    multiline)
{
  for (const guchar *p = (const guchar *)s; *p != '\0'; p++)
    if ((*p < 0x20 && !(multiline && (*p == '\n' || *p == '\t'))) || *p == 0x7f)
      return TRUE;

  return FALSE;
}

/* Reads an optional string member.  Returns FALSE with @error set when it
 * is there but not an acceptable string.
 */
static gboolean
read_string (JsonObject   *object,
             const char   *member,
             gboolean      required,
             gboolean      multiline,
             const char   *step_path,
             const char  **out,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  *out = NULL;

  if (node == NULL)
    {
      if (required)
        return fail (error, CREDENCE_PATHWAY_ERROR_INVALID, step_path,
                     _("the member “%s” is missing"), member);
      return TRUE;
    }

  value = credence_json_node_get_string (node);
  if (value == NULL)
    return fail (error, CREDENCE_PATHWAY_ERROR_INVALID, step_path,
                 _("“%s” must be a text"), member);

  if (strlen (value) > CREDENCE_LIMIT_PATHWAY_TEXT)
    return fail (error, CREDENCE_PATHWAY_ERROR_TOO_LARGE, step_path,
                 _("“%s” is longer than %d bytes"), member, CREDENCE_LIMIT_PATHWAY_TEXT);

  if (has_control_chars (value, multiline))
    return fail (error, CREDENCE_PATHWAY_ERROR_INVALID, step_path,
                 _("“%s” holds control characters"), member);

  if (required && value[0] == '\0')
    return fail (error, CREDENCE_PATHWAY_ERROR_INVALID, step_path,
                 _("“%s” is empty"), member);

  *out = value;

  return TRUE;
}

static gboolean
read_links (JsonObject          *object,
            CredencePathwayStep *step,
            const char          *step_path,
            GError             **error)
{
  JsonNode *node = json_object_get_member (object, "links");
  JsonArray *array;

  if (node == NULL)
    return TRUE;

  array = credence_json_node_get_array (node);
  if (array == NULL)
    return fail (error, CREDENCE_PATHWAY_ERROR_INVALID, step_path, _("“links” must be a list"));

  if (json_array_get_length (array) > CREDENCE_LIMIT_PATHWAY_LINKS)
    return fail (error, CREDENCE_PATHWAY_ERROR_TOO_MANY, step_path,
                 _("there are more than %d links"), CREDENCE_LIMIT_PATHWAY_LINKS);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *link = credence_json_node_get_object (json_array_get_element (array, i));
      const char *title;
      const char *url;

      if (link == NULL)
        return fail (error, CREDENCE_PATHWAY_ERROR_INVALID, step_path,
                     _("link %u is not an object"), i + 1);

      if (!check_members (link, link_members, NULL, NULL, step_path, error) ||
          !read_string (link, "title", FALSE, FALSE, step_path, &title, error) ||
          !read_string (link, "url", TRUE, FALSE, step_path, &url, error))
        return FALSE;

      if (!credence_pathway_is_valid_url (url))
        return fail (error, CREDENCE_PATHWAY_ERROR_INVALID, step_path,
                     _("link %u is not an http or https address"), i + 1);

      credence_pathway_step_add_link (step, title, url);
    }

  return TRUE;
}

static gboolean read_steps (JsonObject          *object,
                            CredencePathwayStep *parent,
                            const char          *parent_path,
                            guint                depth,
                            ReadState           *state,
                            GError             **error);

static CredencePathwayStep *
read_step (JsonObject  *object,
           const char  *step_path,
           guint        depth,
           ReadState   *state,
           GError     **error)
{
  g_autoptr(CredencePathwayStep) step = NULL;
  CredencePathwayStepKind kind;
  const char *kind_name;
  const char *title;
  const char *note;

  if (!read_string (object, "kind", TRUE, FALSE, step_path, &kind_name, error))
    return NULL;

  if (!credence_pathway_step_kind_from_string (kind_name, &kind))
    {
      g_autofree char *shown = shown_text (kind_name);

      fail (error, CREDENCE_PATHWAY_ERROR_UNSUPPORTED, step_path,
            _("the kind of step “%s” is unknown (known kinds: badge, achievement, match, group, manual)"),
            shown);
      return NULL;
    }

  if (!check_members (object, step_common_members, step_kind_members[kind], kind_name, step_path, error) ||
      !read_string (object, "title", TRUE, FALSE, step_path, &title, error) ||
      !read_string (object, "note", FALSE, TRUE, step_path, &note, error))
    return NULL;

  switch (kind)
    {
    case CREDENCE_PATHWAY_STEP_BADGE:
      {
        const char *badge;

        if (!read_string (object, "badge", TRUE, FALSE, step_path, &badge, error))
          return NULL;
        step = credence_pathway_step_new_badge (title, badge);
      }
      break;

    case CREDENCE_PATHWAY_STEP_ACHIEVEMENT:
      {
        const char *achievement;

        if (!read_string (object, "achievement", TRUE, FALSE, step_path, &achievement, error))
          return NULL;
        step = credence_pathway_step_new_achievement (title, achievement);
      }
      break;

    case CREDENCE_PATHWAY_STEP_MATCH:
      {
        const char *issuer, *tag, *keyword, *alignment;

        if (!read_string (object, "issuer", FALSE, FALSE, step_path, &issuer, error) ||
            !read_string (object, "tag", FALSE, FALSE, step_path, &tag, error) ||
            !read_string (object, "keyword", FALSE, FALSE, step_path, &keyword, error) ||
            !read_string (object, "alignment", FALSE, FALSE, step_path, &alignment, error))
          return NULL;

        if ((issuer == NULL || issuer[0] == '\0') && (tag == NULL || tag[0] == '\0') &&
            (keyword == NULL || keyword[0] == '\0') && (alignment == NULL || alignment[0] == '\0'))
          {
            fail (error, CREDENCE_PATHWAY_ERROR_INVALID, step_path,
                  _("a “match” step needs at least one of “issuer”, “tag”, “keyword” or “alignment”"));
            return NULL;
          }
        step = credence_pathway_step_new_match (title, issuer, tag, keyword, alignment);
      }
      break;

    case CREDENCE_PATHWAY_STEP_GROUP:
      {
        JsonNode *require_node = json_object_get_member (object, "require");
        gint64 require = 0;

        if (require_node != NULL && !credence_json_object_get_int (object, "require", &require))
          {
            fail (error, CREDENCE_PATHWAY_ERROR_INVALID, step_path,
                  _("“require” must be a whole number"));
            return NULL;
          }

        step = credence_pathway_step_new_group (title, 0);
        if (!read_steps (object, step, step_path, depth + 1, state, error))
          return NULL;

        if (require_node != NULL &&
            (require < 1 || require > credence_pathway_step_get_n_children (step)))
          {
            fail (error, CREDENCE_PATHWAY_ERROR_INVALID, step_path,
                  _("“require” must be between 1 and the number of its steps (%u)"),
                  credence_pathway_step_get_n_children (step));
            return NULL;
          }
        credence_pathway_step_set_require (step, (guint)require);
      }
      break;

    case CREDENCE_PATHWAY_STEP_MANUAL:
      {
        gboolean done = FALSE;

        if (json_object_has_member (object, "done") &&
            !credence_json_object_get_boolean (object, "done", &done))
          {
            fail (error, CREDENCE_PATHWAY_ERROR_INVALID, step_path,
                  _("“done” must be true or false"));
            return NULL;
          }
        step = credence_pathway_step_new_manual (title, done);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  credence_pathway_step_set_note (step, note);
  if (!read_links (object, step, step_path, error))
    return NULL;

  return g_steal_pointer (&step);
}

static gboolean
read_steps (JsonObject          *object,
            CredencePathwayStep *parent,
            const char          *parent_path,
            guint                depth,
            ReadState           *state,
            GError             **error)
{
  JsonNode *node = json_object_get_member (object, "steps");
  JsonArray *array;

  if (node == NULL)
    return fail (error, CREDENCE_PATHWAY_ERROR_INVALID, parent_path,
                 _("the member “%s” is missing"), "steps");

  array = credence_json_node_get_array (node);
  if (array == NULL)
    return fail (error, CREDENCE_PATHWAY_ERROR_INVALID, parent_path, _("“steps” must be a list"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = parent_path != NULL ? g_strdup_printf ("%s.%u", parent_path, i + 1)
                                                  : g_strdup_printf ("%u", i + 1);
      JsonObject *step_object = credence_json_node_get_object (json_array_get_element (array, i));
      g_autoptr(CredencePathwayStep) step = NULL;

      if (++state->n_steps > CREDENCE_LIMIT_PATHWAY_STEPS)
        return fail (error, CREDENCE_PATHWAY_ERROR_TOO_MANY, path,
                     _("the pathway has more than %d steps"), CREDENCE_LIMIT_PATHWAY_STEPS);

      if (step_object == NULL)
        return fail (error, CREDENCE_PATHWAY_ERROR_INVALID, path, _("the step is not an object"));

      if (depth > CREDENCE_LIMIT_PATHWAY_DEPTH)
        return fail (error, CREDENCE_PATHWAY_ERROR_TOO_DEEP, path,
                     _("steps nest more than %d levels deep"), CREDENCE_LIMIT_PATHWAY_DEPTH);

      step = read_step (step_object, path, depth, state, error);
      if (step == NULL)
        return FALSE;

      credence_pathway_step_append_child (parent, step);
    }

  return TRUE;
}

/**
 * credence_pathway_new_from_bytes:
 * @bytes: the contents of a pathway file
 * @error: return location for a #GError
 *
 * Reads a pathway file strictly.  Bad or hostile files fail with a
 * %CREDENCE_PATHWAY_ERROR that says where and what is wrong.  Only the plan
 * is read: a pathway file never adds badges.
 *
 * Returns: (transfer full): the pathway, or %NULL with @error set
 */
CredencePathway *
credence_pathway_new_from_bytes (GBytes  *bytes,
                                 GError **error)
{
  g_autoptr(CredencePathway) pathway = NULL;
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(GError) json_error = NULL;
  ReadState state = { 0 };
  JsonObject *root;
  JsonNode *version_node;
  const char *format;
  const char *title;
  const char *description;
  const char *target_date;
  gint64 version = 0;
  gboolean count_expired = TRUE;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);

  size = g_bytes_get_size (bytes);
  if (size > CREDENCE_LIMIT_PATHWAY_FILE_SIZE)
    {
      g_set_error (error, CREDENCE_PATHWAY_ERROR, CREDENCE_PATHWAY_ERROR_TOO_LARGE,
                   _("This pathway file is larger than %d KiB, more than any pathway needs; "
                     "Credence does not read it."),
                   CREDENCE_LIMIT_PATHWAY_FILE_SIZE / 1024);
      return NULL;
    }

  root_node = credence_json_parse_bytes (bytes, &json_error);
  if (root_node == NULL)
    {
      if (g_error_matches (json_error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_TOO_DEEP))
        g_set_error (error, CREDENCE_PATHWAY_ERROR, CREDENCE_PATHWAY_ERROR_TOO_DEEP,
                     _("This pathway file nests more than %d levels deep, more than any "
                       "pathway needs; Credence does not read it."),
                     CREDENCE_LIMIT_JSON_DEPTH);
      else if (g_error_matches (json_error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_TOO_MANY) ||
               g_error_matches (json_error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_TOO_LARGE))
        g_set_error (error, CREDENCE_PATHWAY_ERROR, CREDENCE_PATHWAY_ERROR_TOO_LARGE,
                     _("This pathway file holds more values than any pathway needs; "
                       "Credence does not read it."));
      else if (g_error_matches (json_error, CREDENCE_JSON_ERROR, CREDENCE_JSON_ERROR_OUT_OF_RANGE))
        g_set_error (error, CREDENCE_PATHWAY_ERROR, CREDENCE_PATHWAY_ERROR_INVALID,
                     _("This pathway file holds a number Credence cannot read exactly: "
                       "whole numbers must fit in 64 bits. Ask whoever shared it for a new copy."));
      else
        g_set_error (error, CREDENCE_PATHWAY_ERROR, CREDENCE_PATHWAY_ERROR_INVALID,
                     _("This is not a pathway file: it is not valid JSON. "
                       "Ask whoever shared it for a new copy."));
      return NULL;
    }

  root = credence_json_node_get_object (root_node);
  format = credence_json_object_get_string (root, "format");
  if (root == NULL || g_strcmp0 (format, CREDENCE_PATHWAY_FORMAT) != 0)
    {
      g_set_error (error, CREDENCE_PATHWAY_ERROR, CREDENCE_PATHWAY_ERROR_INVALID,
                   _("This is not a pathway file: it does not say "
                     "“\"format\": \"%s\"”. Badges are added with Import, not here."),
                   CREDENCE_PATHWAY_FORMAT);
      return NULL;
    }

  version_node = json_object_get_member (root, "version");
  if (version_node == NULL || !credence_json_object_get_int (root, "version", &version) || version < 1)
    {
      fail (error, CREDENCE_PATHWAY_ERROR_INVALID, NULL,
            _("“version” must be a whole number, 1 or more"));
      return NULL;
    }
  if (version > CREDENCE_PATHWAY_FORMAT_VERSION)
    {
      g_set_error (error, CREDENCE_PATHWAY_ERROR, CREDENCE_PATHWAY_ERROR_UNSUPPORTED,
                   _("This pathway file uses version %" G_GINT64_FORMAT " of the format; this "
                     "version of Credence reads version %d. Update Credence to use it."),
                   version, CREDENCE_PATHWAY_FORMAT_VERSION);
      return NULL;
    }

  if (!check_members (root, pathway_members, NULL, NULL, NULL, error) ||
      !read_string (root, "title", TRUE, FALSE, NULL, &title, error) ||
      !read_string (root, "description", FALSE, TRUE, NULL, &description, error) ||
      !read_string (root, "targetDate", FALSE, FALSE, NULL, &target_date, error))
    return NULL;

  if (json_object_has_member (root, "$schema") &&
      credence_json_object_get_string (root, "$schema") == NULL)
    {
      fail (error, CREDENCE_PATHWAY_ERROR_INVALID, NULL, _("“$schema” must be a text"));
      return NULL;
    }

  if (target_date != NULL && !credence_pathway_is_valid_date (target_date))
    {
      fail (error, CREDENCE_PATHWAY_ERROR_INVALID, NULL,
            _("“targetDate” must be a date written YYYY-MM-DD"));
      return NULL;
    }

  if (json_object_has_member (root, "countExpired") &&
      !credence_json_object_get_boolean (root, "countExpired", &count_expired))
    {
      fail (error, CREDENCE_PATHWAY_ERROR_INVALID, NULL, _("“countExpired” must be true or false"));
      return NULL;
    }

  pathway = credence_pathway_new (title);
  credence_pathway_set_description (pathway, description);
  credence_pathway_set_target_date (pathway, target_date);
  credence_pathway_set_count_expired (pathway, count_expired);

  if (!read_steps (root, credence_pathway_get_root (pathway), NULL, 1, &state, error))
    return NULL;

  return g_steal_pointer (&pathway);
}

/**
 * credence_pathway_new_from_file:
 *
 * Reads a pathway file, at most %CREDENCE_LIMIT_PATHWAY_FILE_SIZE bytes of
 * it (larger files fail without being read whole).  Blocking.
 *
 * Returns: (transfer full): the pathway, or %NULL with @error set
 */
CredencePathway *
credence_pathway_new_from_file (GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  /* One byte more than allowed tells a file that is too large. */
  bytes = g_input_stream_read_bytes (G_INPUT_STREAM (stream),
                                     CREDENCE_LIMIT_PATHWAY_FILE_SIZE + 1,
                                     cancellable, error);
  if (bytes == NULL)
    return NULL;

  if (g_bytes_get_size (bytes) == CREDENCE_LIMIT_PATHWAY_FILE_SIZE + 1)
    {
      g_set_error (error, CREDENCE_PATHWAY_ERROR, CREDENCE_PATHWAY_ERROR_TOO_LARGE,
                   _("This pathway file is larger than %d KiB, more than any pathway needs; "
                     "Credence does not read it."),
                   CREDENCE_LIMIT_PATHWAY_FILE_SIZE / 1024);
      return NULL;
    }

  return credence_pathway_new_from_bytes (bytes, error);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
write_steps (JsonBuilder         *builder,
             CredencePathwayStep *parent)
{
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);

  for (guint i = 0; i < credence_pathway_step_get_n_children (parent); i++)
    {
      CredencePathwayStep *step = credence_pathway_step_get_child (parent, i);
      CredencePathwayStepKind kind = credence_pathway_step_get_kind (step);

      json_builder_begin_object (builder);
      add_string (builder, "kind", credence_pathway_step_kind_to_string (kind));
      add_string (builder, "title", credence_pathway_step_get_title (step));
      add_string (builder, "note", credence_pathway_step_get_note (step));

      if (credence_pathway_step_get_n_links (step) > 0)
        {
          json_builder_set_member_name (builder, "links");
          json_builder_begin_array (builder);
          for (guint l = 0; l < credence_pathway_step_get_n_links (step); l++)
            {
              const CredencePathwayLink *link = credence_pathway_step_get_link (step, l);

              json_builder_begin_object (builder);
              add_string (builder, "title", link->title);
              add_string (builder, "url", link->url);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }

      switch (kind)
        {
        case CREDENCE_PATHWAY_STEP_BADGE:
          add_string (builder, "badge", credence_pathway_step_get_badge_id (step));
          break;

        case CREDENCE_PATHWAY_STEP_ACHIEVEMENT:
          add_string (builder, "achievement", credence_pathway_step_get_achievement_id (step));
          break;

        case CREDENCE_PATHWAY_STEP_MATCH:
          add_string (builder, "issuer", credence_pathway_step_get_issuer (step));
          add_string (builder, "tag", credence_pathway_step_get_tag (step));
          add_string (builder, "keyword", credence_pathway_step_get_keyword (step));
          add_string (builder, "alignment", credence_pathway_step_get_alignment (step));
          break;

        case CREDENCE_PATHWAY_STEP_GROUP:
          {
            guint require = credence_pathway_step_get_require (step);

            /* "All of them" is written by leaving "require" out. */
            if (require > 0 && require < credence_pathway_step_get_n_children (step))
              {
                json_builder_set_member_name (builder, "require");
                json_builder_add_int_value (builder, require);
              }
            write_steps (builder, step);
          }
          break;

        case CREDENCE_PATHWAY_STEP_MANUAL:
          if (credence_pathway_step_get_done (step))
            {
              json_builder_set_member_name (builder, "done");
              json_builder_add_boolean_value (builder, TRUE);
            }
          break;

        default:
          g_assert_not_reached ();
        }

      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
}

/**
 * credence_pathway_to_bytes:
 *
 * Writes @self as a pathway file: UTF-8 JSON, members in a fixed order,
 * optional members left out when they hold their default, two-space
 * indents and a final newline.  The same pathway always gives the same
 * bytes.
 *
 * Returns: (transfer full): the file's contents
 */
GBytes *
credence_pathway_to_bytes (CredencePathway *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (CREDENCE_IS_PATHWAY (self), NULL);

  json_builder_begin_object (builder);
  add_string (builder, "format", CREDENCE_PATHWAY_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, CREDENCE_PATHWAY_FORMAT_VERSION);
  add_string (builder, "title", credence_pathway_get_title (self));
  add_string (builder, "description", credence_pathway_get_description (self));
  add_string (builder, "targetDate", credence_pathway_get_target_date (self));
  if (!credence_pathway_get_count_expired (self))
    {
      json_builder_set_member_name (builder, "countExpired");
      json_builder_add_boolean_value (builder, FALSE);
    }
  write_steps (builder, credence_pathway_get_root (self));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (g_strconcat (text, "\n", NULL), length + 1);
}
