/* credence-rdfc.h: RDF Dataset Canonicalization (RDFC-1.0).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "credence-rdf.h"

G_BEGIN_DECLS

#define CREDENCE_RDFC_ERROR (credence_rdfc_error_quark ())

/**
 * CredenceRdfcError:
 * @CREDENCE_RDFC_ERROR_TOO_COMPLEX: the dataset needs more Hash N-Degree
 *   Quads work (calls and permutations) or deeper recursion than the limit
 *   allows; such "poison" graphs are refused instead of hanging.
 * @CREDENCE_RDFC_ERROR_FAILED: the hash function failed.
 *
 * Errors of RDF Dataset Canonicalization.
 */
typedef enum
{
  CREDENCE_RDFC_ERROR_TOO_COMPLEX,
  CREDENCE_RDFC_ERROR_FAILED,
} CredenceRdfcError;

/**
 * CredenceRdfcHash:
 * @CREDENCE_RDFC_HASH_SHA256: SHA-256, the RDFC-1.0 default.
 * @CREDENCE_RDFC_HASH_SHA384: SHA-384.
 *
 * The hash algorithm RDFC-1.0 uses internally.
 */
typedef enum
{
  CREDENCE_RDFC_HASH_SHA256,
  CREDENCE_RDFC_HASH_SHA384,
} CredenceRdfcHash;

GQuark    credence_rdfc_error_quark       (void);

gboolean  credence_rdfc_hash_from_string  (const char          *name,
                                           CredenceRdfcHash    *hash);

char     *credence_rdfc_canonicalize      (CredenceRdfDataset  *dataset,
                                           GError             **error) G_GNUC_WARN_UNUSED_RESULT;
char     *credence_rdfc_canonicalize_full (CredenceRdfDataset  *dataset,
                                           CredenceRdfcHash     hash,
                                           CredenceRdfEscape    escape,
                                           guint                max_work,
                                           GHashTable         **issued_map,
                                           GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
