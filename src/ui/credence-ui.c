/* credence-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-ui"

#include "config.h"

#include <gio/gio.h>

#include "credence-ui.h"
#include "credence-ui-resources.h"

/**
 * credence_ui_ensure_resources:
 *
 * Registers the UI resources (templates, CSS, icons) once.  The resources
 * live in a static library, so they are registered by hand rather than by
 * a constructor that the linker could drop.
 */
void
credence_ui_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      credence_ui_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
