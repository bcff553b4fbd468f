/* fuzz-svg.c: SVG unbaking, baking into whatever was read, and the
 * plain-picture check of the portfolio site.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-fuzz"

#include "config.h"

#include "credence-svg.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(CredenceUnbaked) unbaked = { NULL, NULL, NULL, NULL, -1, FALSE };
  g_autoptr(GBytes) baked = NULL;
  static const char body[] = "{\"a\":1}";
  CredenceSvgContent content = credence_svg_check_content (data, size);

  g_assert_cmpint (content, <=, CREDENCE_SVG_CONTENT_SCRIPT);

  if (!credence_svg_unbake (data, size, &unbaked, NULL))
    return 0;
  g_assert_nonnull (unbaked.payload);

  baked = credence_svg_bake (data, size, FALSE, NULL, body, sizeof body - 1, NULL);
  if (baked != NULL)
    {
      g_auto(CredenceUnbaked) again = { NULL, NULL, NULL, NULL, -1, FALSE };
      gsize length;
      const guint8 *bytes = g_bytes_get_data (baked, &length);

      if (credence_svg_unbake (bytes, length, &again, NULL))
        g_assert_nonnull (again.payload);
    }

  return 0;
}
