/* fuzz-badge.c: telling the payload apart (PNG, SVG, JSON, JWS, URL) and
 * building the badge model, then reading every field of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-fuzz"

#include "config.h"

#include "credence-badge.h"
#include "fuzz.h"

static void
touch (const char *text)
{
  if (text != NULL)
    g_assert_true (g_utf8_validate (text, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(CredenceBadge) badge = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *strv;
  GPtrArray *array;

  badge = credence_badge_new_from_bytes (bytes, "fuzz", &error);
  if (badge == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      credence_badge_error_get_reason (error);
      return 0;
    }

  credence_spec_version_to_string (credence_badge_get_spec_version (badge));
  credence_badge_format_to_string (credence_badge_get_format (badge));
  credence_container_to_string (credence_badge_get_container (badge));
  credence_badge_get_payload (badge);
  credence_badge_get_json (badge);
  credence_badge_get_jws_header (badge);
  credence_badge_get_jws_claims (badge);
  credence_badge_get_location_offset (badge);
  credence_badge_get_recipient_hashed (badge);
  credence_badge_get_issued (badge);
  credence_badge_get_expires (badge);
  touch (credence_badge_get_location_chunk (badge));
  touch (credence_badge_get_location_name (badge));
  touch (credence_badge_get_location_part (badge));
  touch (credence_badge_get_url (badge));
  touch (credence_badge_get_jws_alg (badge));
  touch (credence_badge_get_id (badge));
  touch (credence_badge_get_achievement_id (badge));
  touch (credence_badge_get_name (badge));
  touch (credence_badge_get_description (badge));
  touch (credence_badge_get_criteria_narrative (badge));
  touch (credence_badge_get_criteria_url (badge));
  touch (credence_badge_get_image (badge));
  touch (credence_badge_get_issuer_id (badge));
  touch (credence_badge_get_issuer_name (badge));
  touch (credence_badge_get_issuer_url (badge));
  touch (credence_badge_get_issuer_email (badge));
  touch (credence_badge_get_issuer_image (badge));
  touch (credence_badge_get_recipient_type (badge));
  touch (credence_badge_get_recipient_identity (badge));
  touch (credence_badge_get_recipient_salt (badge));
  touch (credence_badge_get_subject_id (badge));
  for (strv = credence_badge_get_tags (badge); strv != NULL && *strv != NULL; strv++)
    touch (*strv);
  for (strv = credence_badge_get_proof_types (badge); strv != NULL && *strv != NULL; strv++)
    touch (*strv);
  array = credence_badge_get_alignments (badge);
  if (array != NULL)
    g_assert_cmpuint (array->len, <, size + 1);
  array = credence_badge_get_evidence (badge);
  if (array != NULL)
    g_assert_cmpuint (array->len, <, size + 1);

  return 0;
}
