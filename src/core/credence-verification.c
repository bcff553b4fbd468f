/* credence-verification.c: the result of verifying one badge.
 *
 * A verification is an ordered list of checks.  The verdict follows from
 * them: any failed check makes the badge invalid; otherwise any check that
 * could not be completed (a skip or warning that carries a reason code)
 * makes it indeterminate; otherwise it is valid.  The primary reason is
 * the reason of the first check that decided the verdict.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-verification"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "credence-verification.h"

typedef struct
{
  CredenceReason  reason;
  const char     *code;
  const char     *title;
  const char     *sentence;
} ReasonInfo;

/* Wording from the UI design brief (§4).  Placeholders: %1$s is the detail
 * (a date, the issuer's name, the host or ": reason"), %2$s a date.
 */
static const ReasonInfo reasons[] = {
  { CREDENCE_REASON_NONE, NULL, NULL, NULL },
  { CREDENCE_REASON_BAD_SIGNATURE, "bad-signature",
    N_("Signature Does Not Match"),
    N_("It was changed after signing, so nothing in it can be trusted; ask the issuer for a new copy.") },
  { CREDENCE_REASON_EXPIRED, "expired",
    N_("Expired"),
    /* Translators: %1$s is a date. */
    N_("It ended on %1$s: genuine, but no longer current. Ask the issuer about renewal.") },
  { CREDENCE_REASON_NOT_YET_VALID, "not-yet-valid",
    N_("Not Yet Valid"),
    /* Translators: %1$s is a date. */
    N_("It starts on %1$s; if that has passed, check the computer’s clock.") },
  { CREDENCE_REASON_REVOKED, "revoked",
    N_("Revoked by Issuer"),
    /* Translators: %1$s is empty or ": " followed by the issuer's reason. */
    N_("The issuer withdrew it%1$s; contact them if this seems wrong.") },
  { CREDENCE_REASON_RECIPIENT_MISMATCH, "recipient-mismatch",
    N_("Recipient Not Recognized"),
    N_("It was issued to an address not in Preferences; add that address and check again.") },
  { CREDENCE_REASON_ISSUER_KEY_MISMATCH, "issuer-key-mismatch",
    N_("Issuer Not Confirmed"),
    /* Translators: %1$s is the issuer's name. */
    N_("The signing key does not belong to %1$s, so Credence cannot confirm they issued it; ask them.") },
  { CREDENCE_REASON_HOSTED_MISMATCH, "hosted-mismatch",
    N_("Differs From Issuer’s Copy"),
    N_("The issuer’s site holds another version; add the badge again from the issuer’s link.") },
  { CREDENCE_REASON_UNREACHABLE, "unreachable",
    N_("Issuer Website Unavailable"),
    /* Translators: %1$s is a host name, %2$s a date. */
    N_("%1$s could not be reached; Credence will retry and keeps the result from %2$s.") },
  { CREDENCE_REASON_MALFORMED_IMAGE, "malformed-image",
    N_("Damaged Badge Image"),
    N_("The image or its badge data is damaged; download the badge again from the issuer.") },
  { CREDENCE_REASON_NOT_A_BADGE, "not-a-badge",
    N_("No Badge Found"),
    N_("There is no badge data; screenshots and saved web images lose it. Use the original file or link.") },
  { CREDENCE_REASON_INVALID_DATA, "invalid-data",
    N_("Badge Data Incomplete"),
    N_("Required details are missing or malformed, so it cannot be checked; tell the issuer.") },
  { CREDENCE_REASON_SUSPENDED, "suspended",
    N_("Suspended by Issuer"),
    N_("The issuer paused it and may restore it; Credence checks again automatically.") },
  { CREDENCE_REASON_UNSUPPORTED, "unsupported",
    N_("Cannot Check Yet"),
    N_("This kind of badge cannot be checked by this version of Credence yet; it is kept unchanged.") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (reasons) == CREDENCE_REASON_UNSUPPORTED + 1);

static const ReasonInfo *
reason_info (CredenceReason reason)
{
  if ((guint) reason >= G_N_ELEMENTS (reasons))
    return &reasons[0];
  g_assert (reasons[reason].reason == reason);
  return &reasons[reason];
}

/**
 * credence_reason_to_string:
 *
 * Returns: (nullable): the stable code, such as `bad-signature`; %NULL for
 *   %CREDENCE_REASON_NONE.
 */
const char *
credence_reason_to_string (CredenceReason reason)
{
  return reason_info (reason)->code;
}

gboolean
credence_reason_from_string (const char     *text,
                             CredenceReason *out_reason)
{
  for (guint i = 1; i < G_N_ELEMENTS (reasons); i++)
    if (g_strcmp0 (text, reasons[i].code) == 0)
      {
        *out_reason = reasons[i].reason;
        return TRUE;
      }

  return FALSE;
}

/**
 * credence_reason_get_title:
 *
 * Returns: (nullable): the translated title, in header capitalization.
 */
const char *
credence_reason_get_title (CredenceReason reason)
{
  const ReasonInfo *info = reason_info (reason);

  return info->title != NULL ? _(info->title) : NULL;
}

/**
 * credence_reason_format_sentence:
 * @detail: (nullable): the date (expired, not-yet-valid), ": " and the
 *   issuer's reason (revoked), the issuer's name (issuer-key-mismatch) or
 *   the host (unreachable)
 * @date: (nullable): the date of the last result (unreachable)
 *
 * Returns: (nullable): the translated sentence for a learner.
 */
char *
credence_reason_format_sentence (CredenceReason  reason,
                                 const char     *detail,
                                 const char     *date)
{
  const ReasonInfo *info = reason_info (reason);

  if (info->sentence == NULL)
    return NULL;

  if (detail == NULL)
    {
      switch (reason)
        {
        case CREDENCE_REASON_REVOKED:
          detail = "";
          break;
        case CREDENCE_REASON_ISSUER_KEY_MISMATCH:
          detail = _("the issuer");
          break;
        case CREDENCE_REASON_UNREACHABLE:
          detail = _("The issuer’s website");
          break;
        default:
          detail = "?";
          break;
        }
    }
  if (date == NULL)
    date = _("before");

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
  return g_strdup_printf (_(info->sentence), detail, date);
#pragma GCC diagnostic pop
}

const char *
credence_verdict_to_string (CredenceVerdict verdict)
{
  switch (verdict)
    {
    case CREDENCE_VERDICT_VALID:
      return "valid";
    case CREDENCE_VERDICT_INVALID:
      return "invalid";
    case CREDENCE_VERDICT_INDETERMINATE:
    default:
      return "indeterminate";
    }
}

const char *
credence_verdict_get_title (CredenceVerdict verdict)
{
  switch (verdict)
    {
    case CREDENCE_VERDICT_VALID:
      return _("Valid");
    case CREDENCE_VERDICT_INVALID:
      return _("Problem Found");
    case CREDENCE_VERDICT_INDETERMINATE:
    default:
      return _("Couldn’t Check");
    }
}

const char *
credence_verdict_get_sentence (CredenceVerdict verdict)
{
  switch (verdict)
    {
    case CREDENCE_VERDICT_VALID:
      return _("The issuer’s records confirm this badge.");
    case CREDENCE_VERDICT_INVALID:
      return _("A check failed; see below for what to do.");
    case CREDENCE_VERDICT_INDETERMINATE:
    default:
      return _("Some checks need the issuer’s website; the last result is kept.");
    }
}

const char *
credence_check_status_to_string (CredenceCheckStatus status)
{
  switch (status)
    {
    case CREDENCE_CHECK_PASS:
      return "pass";
    case CREDENCE_CHECK_FAIL:
      return "fail";
    case CREDENCE_CHECK_WARN:
      return "warn";
    case CREDENCE_CHECK_SKIP:
    default:
      return "skip";
    }
}

struct _CredenceVerification
{
  GObject     parent_instance;

  GPtrArray  *checks;    /* CredenceCheck */
  GPtrArray  *documents; /* CredenceDocument */
  char       *spec;
  char       *format;
  gboolean    offline;
};

G_DEFINE_FINAL_TYPE (CredenceVerification, credence_verification, G_TYPE_OBJECT)

static void
check_free (CredenceCheck *check)
{
  g_free (check->id);
  g_free (check->message);
  g_free (check);
}

static void
credence_verification_finalize (GObject *object)
{
  CredenceVerification *self = CREDENCE_VERIFICATION (object);

  g_ptr_array_unref (self->checks);
  g_ptr_array_unref (self->documents);
  g_free (self->spec);
  g_free (self->format);

  G_OBJECT_CLASS (credence_verification_parent_class)->finalize (object);
}

static void
credence_verification_class_init (CredenceVerificationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = credence_verification_finalize;
}

static void
credence_verification_init (CredenceVerification *self)
{
  self->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) check_free);
  self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) credence_document_unref);
}

CredenceVerification *
credence_verification_new (void)
{
  return g_object_new (CREDENCE_TYPE_VERIFICATION, NULL);
}

/**
 * credence_verification_add_check:
 * @id: a stable identifier
 * @status: the outcome
 * @reason: why it did not pass (%CREDENCE_REASON_NONE when it passed or
 *   did not apply)
 * @format: printf-style translated message
 *
 * Appends a check.  A verification is filled by one thread.
 */
void
credence_verification_add_check (CredenceVerification *self,
                                 const char           *id,
                                 CredenceCheckStatus   status,
                                 CredenceReason        reason,
                                 const char           *format,
                                 ...)
{
  CredenceCheck *check;
  va_list args;

  g_return_if_fail (CREDENCE_IS_VERIFICATION (self));
  g_return_if_fail (id != NULL && format != NULL);

  check = g_new0 (CredenceCheck, 1);
  check->id = g_strdup (id);
  check->status = status;
  check->reason = reason;
  va_start (args, format);
  check->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->checks, check);
}

/**
 * credence_verification_add_document:
 * @document: a document the verification used
 *
 * Records that @document was used, so the report can say "as of" its
 * fetch time.  A document is recorded once.
 */
void
credence_verification_add_document (CredenceVerification *self,
                                    CredenceDocument     *document)
{
  g_return_if_fail (CREDENCE_IS_VERIFICATION (self));
  g_return_if_fail (document != NULL);

  for (guint i = 0; i < self->documents->len; i++)
    if (g_ptr_array_index (self->documents, i) == document)
      return;
  g_ptr_array_add (self->documents, credence_document_ref (document));
}

void
credence_verification_set_spec (CredenceVerification *self,
                                const char           *spec)
{
  g_return_if_fail (CREDENCE_IS_VERIFICATION (self));

  g_free (self->spec);
  self->spec = g_strdup (spec);
}

void
credence_verification_set_format (CredenceVerification *self,
                                  const char           *format)
{
  g_return_if_fail (CREDENCE_IS_VERIFICATION (self));

  g_free (self->format);
  self->format = g_strdup (format);
}

void
credence_verification_set_offline (CredenceVerification *self,
                                   gboolean              offline)
{
  g_return_if_fail (CREDENCE_IS_VERIFICATION (self));

  self->offline = !!offline;
}

static gboolean
is_unchecked (const CredenceCheck *check)
{
  return check->reason != CREDENCE_REASON_NONE
         && (check->status == CREDENCE_CHECK_SKIP || check->status == CREDENCE_CHECK_WARN);
}

/**
 * credence_verification_get_verdict:
 *
 * Returns: invalid when a check failed; else indeterminate when a check
 *   could not be completed; else valid.  A verification without any check
 *   is indeterminate: nothing was confirmed.
 */
CredenceVerdict
credence_verification_get_verdict (CredenceVerification *self)
{
  gboolean unchecked = FALSE;
  gboolean passed = FALSE;

  g_return_val_if_fail (CREDENCE_IS_VERIFICATION (self), CREDENCE_VERDICT_INDETERMINATE);

  for (guint i = 0; i < self->checks->len; i++)
    {
      const CredenceCheck *check = g_ptr_array_index (self->checks, i);

      if (check->status == CREDENCE_CHECK_FAIL)
        return CREDENCE_VERDICT_INVALID;
      unchecked |= is_unchecked (check);
      passed |= check->status == CREDENCE_CHECK_PASS;
    }

  return (unchecked || !passed) ? CREDENCE_VERDICT_INDETERMINATE : CREDENCE_VERDICT_VALID;
}

/**
 * credence_verification_get_reason:
 *
 * Returns: the reason of the first failed check; else of the first check
 *   that could not be completed; else %CREDENCE_REASON_NONE.
 */
CredenceReason
credence_verification_get_reason (CredenceVerification *self)
{
  CredenceReason unchecked = CREDENCE_REASON_NONE;

  g_return_val_if_fail (CREDENCE_IS_VERIFICATION (self), CREDENCE_REASON_NONE);

  for (guint i = 0; i < self->checks->len; i++)
    {
      const CredenceCheck *check = g_ptr_array_index (self->checks, i);

      if (check->status == CREDENCE_CHECK_FAIL)
        return check->reason != CREDENCE_REASON_NONE ? check->reason : CREDENCE_REASON_INVALID_DATA;
      if (unchecked == CREDENCE_REASON_NONE && is_unchecked (check))
        unchecked = check->reason;
    }

  return unchecked;
}

const char *
credence_verification_get_spec (CredenceVerification *self)
{
  g_return_val_if_fail (CREDENCE_IS_VERIFICATION (self), NULL);

  return self->spec;
}

const char *
credence_verification_get_format (CredenceVerification *self)
{
  g_return_val_if_fail (CREDENCE_IS_VERIFICATION (self), NULL);

  return self->format;
}

gboolean
credence_verification_get_offline (CredenceVerification *self)
{
  g_return_val_if_fail (CREDENCE_IS_VERIFICATION (self), FALSE);

  return self->offline;
}

guint
credence_verification_get_n_checks (CredenceVerification *self)
{
  g_return_val_if_fail (CREDENCE_IS_VERIFICATION (self), 0);

  return self->checks->len;
}

const CredenceCheck *
credence_verification_get_check (CredenceVerification *self,
                                 guint                 index)
{
  g_return_val_if_fail (CREDENCE_IS_VERIFICATION (self), NULL);
  g_return_val_if_fail (index < self->checks->len, NULL);

  return g_ptr_array_index (self->checks, index);
}

/**
 * credence_verification_find_check:
 * @id: a check identifier
 *
 * Returns: (nullable): the first check with @id
 */
const CredenceCheck *
credence_verification_find_check (CredenceVerification *self,
                                  const char           *id)
{
  g_return_val_if_fail (CREDENCE_IS_VERIFICATION (self), NULL);

  for (guint i = 0; i < self->checks->len; i++)
    {
      const CredenceCheck *check = g_ptr_array_index (self->checks, i);

      if (g_strcmp0 (check->id, id) == 0)
        return check;
    }

  return NULL;
}

/**
 * credence_verification_get_documents:
 *
 * Returns: (transfer none) (element-type CredenceDocument): the documents
 *   used, in the order they were first used
 */
GPtrArray *
credence_verification_get_documents (CredenceVerification *self)
{
  g_return_val_if_fail (CREDENCE_IS_VERIFICATION (self), NULL);

  return self->documents;
}

/**
 * credence_verification_get_oldest_document_time:
 *
 * Returns: (transfer none) (nullable): the fetch time of the oldest
 *   document used: the result holds "as of" that time.
 */
GDateTime *
credence_verification_get_oldest_document_time (CredenceVerification *self)
{
  GDateTime *oldest = NULL;

  g_return_val_if_fail (CREDENCE_IS_VERIFICATION (self), NULL);

  for (guint i = 0; i < self->documents->len; i++)
    {
      GDateTime *when = credence_document_get_fetched_at (g_ptr_array_index (self->documents, i));

      if (oldest == NULL || g_date_time_compare (when, oldest) < 0)
        oldest = when;
    }

  return oldest;
}

static void
add_nullable_string (JsonBuilder *builder,
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
 * credence_verification_to_json:
 * @source: the source as the user gave it
 * @ms: the time spent on this badge, in milliseconds
 *
 * Returns: (transfer full): the object `credence-cli verify --json` prints:
 *   `{"source", "verdict", "reason", "spec", "format", "checks": [{"id",
 *   "status", "reason", "message"}…], "ms"}`, in that order.
 */
JsonNode *
credence_verification_to_json (CredenceVerification *self,
                               const char           *source,
                               double                ms)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (CREDENCE_IS_VERIFICATION (self), NULL);

  json_builder_begin_object (builder);
  add_nullable_string (builder, "source", source);
  add_nullable_string (builder, "verdict",
                       credence_verdict_to_string (credence_verification_get_verdict (self)));
  add_nullable_string (builder, "reason",
                       credence_reason_to_string (credence_verification_get_reason (self)));
  add_nullable_string (builder, "spec", self->spec);
  add_nullable_string (builder, "format", self->format);
  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->checks->len; i++)
    {
      const CredenceCheck *check = g_ptr_array_index (self->checks, i);

      json_builder_begin_object (builder);
      add_nullable_string (builder, "id", check->id);
      add_nullable_string (builder, "status", credence_check_status_to_string (check->status));
      add_nullable_string (builder, "reason", credence_reason_to_string (check->reason));
      add_nullable_string (builder, "message", check->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "ms");
  json_builder_add_double_value (builder, ((gint64) (ms * 100 + 0.5)) / 100.0);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * credence_verification_to_json_line:
 *
 * Returns: (transfer full): credence_verification_to_json() on one line,
 *   without a newline.
 */
char *
credence_verification_to_json_line (CredenceVerification *self,
                                    const char           *source,
                                    double                ms)
{
  g_autoptr(JsonNode) node = credence_verification_to_json (self, source, ms);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  char *ms_member;

  /* json-glib prints doubles with 17 digits: write "ms" with two. */
  json_object_remove_member (json_node_get_object (node), "ms");
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  ms_member = strrchr (text, '}');
  g_assert (ms_member != NULL);
  *ms_member = '\0';
  g_ascii_formatd (number, sizeof number, "%.2f", MAX (ms, 0.0));

  return g_strdup_printf ("%s,\"ms\":%s}", text, number);
}
