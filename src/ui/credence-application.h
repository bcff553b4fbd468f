/* credence-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "credence-store.h"

G_BEGIN_DECLS

#define CREDENCE_TYPE_APPLICATION (credence_application_get_type ())

G_DECLARE_FINAL_TYPE (CredenceApplication, credence_application, CREDENCE, APPLICATION, AdwApplication)

CredenceApplication *credence_application_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
