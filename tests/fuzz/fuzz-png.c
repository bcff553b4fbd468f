/* fuzz-png.c: PNG unbaking, and baking into whatever was read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-fuzz"

#include "config.h"

#include "credence-png.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(CredenceUnbaked) unbaked = { NULL, NULL, NULL, NULL, -1, FALSE };
  g_autoptr(GBytes) baked = NULL;
  static const guint8 payload[] = "{\"a\":1}";

  if (!credence_png_unbake (data, size, &unbaked, NULL))
    return 0;
  g_assert_nonnull (unbaked.payload);
  g_assert_true (unbaked.offset >= 8 && (gsize) unbaked.offset < size);

  /* Baking into a file that unbakes: the new payload is what unbakes. */
  baked = credence_png_bake (data, size, CREDENCE_PNG_KEYWORD_OB2, payload, sizeof payload - 1, NULL);
  if (baked != NULL)
    {
      g_auto(CredenceUnbaked) again = { NULL, NULL, NULL, NULL, -1, FALSE };
      gsize length;
      const guint8 *bytes = g_bytes_get_data (baked, &length);

      if (credence_png_unbake (bytes, length, &again, NULL))
        g_assert_nonnull (again.payload);
    }

  return 0;
}
