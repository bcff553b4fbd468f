/* credence-status-list.h: W3C Bitstring Status List / StatusList2021
 * bitstrings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CREDENCE_STATUS_LIST_ERROR (credence_status_list_error_quark ())

/**
 * CredenceStatusListError:
 * @CREDENCE_STATUS_LIST_ERROR_INVALID: `encodedList` is not base64url
 *   GZIP data.
 * @CREDENCE_STATUS_LIST_ERROR_TOO_LARGE: the inflated bitstring is larger
 *   than %CREDENCE_LIMIT_STATUS_LIST_SIZE.
 * @CREDENCE_STATUS_LIST_ERROR_RANGE: the index (times the status size) is
 *   outside the bitstring, or the status size is not 1 to 8 bits.
 *
 * Errors from reading a status list.
 */
typedef enum
{
  CREDENCE_STATUS_LIST_ERROR_INVALID,
  CREDENCE_STATUS_LIST_ERROR_TOO_LARGE,
  CREDENCE_STATUS_LIST_ERROR_RANGE,
} CredenceStatusListError;

GQuark    credence_status_list_error_quark (void);

GBytes   *credence_status_list_decode      (const char  *encoded_list,
                                            GError     **error) G_GNUC_WARN_UNUSED_RESULT;
char     *credence_status_list_encode      (const guint8 *bitstring,
                                            gsize         length) G_GNUC_WARN_UNUSED_RESULT;
gboolean  credence_status_list_get         (GBytes      *bitstring,
                                            guint64      index,
                                            guint        status_size,
                                            guint       *out_value,
                                            GError     **error);

G_END_DECLS
