/* fuzz-backup.c: the header of a backup file (its key derivation salt) and
 * the key-parameters file kept beside a collection protected by a
 * passphrase.  Both are read before any key exists, so they see whatever
 * bytes the file holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-fuzz"

#include "config.h"

#include <string.h>

#include "credence-passphrase.h"
#include "credence-store-private.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  CredencePassphraseParams params;

  memset (&params, 0, sizeof params);
  if (_credence_store_parse_backup_header (data, size, "fuzz", &params, &error))
    {
      g_assert_no_error (error);
      g_assert_cmpint (memcmp (params.salt, data, sizeof params.salt), ==, 0);
      g_assert_cmpuint (params.iterations, ==, CREDENCE_PASSPHRASE_ITERATIONS);
    }
  else
    g_assert_error (error, CREDENCE_STORE_ERROR, CREDENCE_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  memset (&params, 0, sizeof params);
  if (credence_passphrase_params_parse ((const char *) data, size, "fuzz", &params, &error))
    {
      g_assert_no_error (error);
      g_assert_cmpuint (params.iterations, >=, CREDENCE_PASSPHRASE_ITERATIONS);
    }
  else
    g_assert_error (error, CREDENCE_PASSPHRASE_ERROR, CREDENCE_PASSPHRASE_ERROR_PARAMETERS);

  return 0;
}
