/* credence-verify-context.h: what every verifier (OB 2.0, OB 3.0) is
 * given for one badge.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "credence-document-set.h"
#include "credence-loader.h"
#include "credence-verification.h"

G_BEGIN_DECLS

/* Clock skew allowed on issue and expiry dates. */
#define CREDENCE_VERIFY_CLOCK_SKEW (5 * G_TIME_SPAN_MINUTE)

/**
 * CredenceVerifyContext:
 * @loader: fetches documents (online, offline, URL maps)
 * @pins: (nullable): where fetched documents are pinned, or read from
 *   offline
 * @now: the verification time (injectable for tests and `--at`)
 * @identities: (nullable): the learner's identities (email addresses,
 *   URLs, telephone numbers); %NULL or empty skips the recipient check
 * @cancellable: (nullable): cancels the verification
 * @report: where checks are added
 *
 * Borrowed pointers, valid for one verification, used by one thread.
 */
typedef struct
{
  CredenceLoader        *loader;
  CredenceDocumentSet   *pins;
  GDateTime             *now;
  const char * const    *identities;
  GCancellable          *cancellable;
  CredenceVerification  *report;
} CredenceVerifyContext;

G_END_DECLS
