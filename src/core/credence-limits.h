/* credence-limits.h: every limit Credence applies to untrusted input, in
 * one place.  Each limit has a test that hits it and gets a clear error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Files and payloads */
#define CREDENCE_LIMIT_INPUT_SIZE          (64 * 1024 * 1024) /* bytes of one imported file */
#define CREDENCE_LIMIT_PAYLOAD_SIZE        (4 * 1024 * 1024)  /* bytes of a badge payload, after decompression */

/* JSON (json-glib has no depth limit: checked before parsing) */
#define CREDENCE_LIMIT_JSON_DEPTH          64
#define CREDENCE_LIMIT_JSON_MEMBERS        100000             /* values in one document */
#define CREDENCE_LIMIT_JSON_SIZE           CREDENCE_LIMIT_PAYLOAD_SIZE /* bytes of one JSON document */

/* JSON-LD processing (credence-jsonld) */
#define CREDENCE_LIMIT_JSONLD_CONTEXT_DEPTH    16      /* remote contexts loaded from remote contexts */
#define CREDENCE_LIMIT_JSONLD_CONTEXTS         512     /* contexts processed in one conversion (cache misses) */
#define CREDENCE_LIMIT_JSONLD_TERMS            20000   /* term definitions created in one conversion */
#define CREDENCE_LIMIT_JSONLD_EXPANSION_DEPTH  256     /* nesting of maps and arrays, context arrays and term dependencies */
#define CREDENCE_LIMIT_JSONLD_CACHED_DOCUMENTS 256     /* remote context documents kept by a processor */
#define CREDENCE_LIMIT_JSONLD_CACHED_CONTEXTS  4096    /* processed contexts kept by a processor */
#define CREDENCE_LIMIT_JSONLD_CACHED_BASES     64      /* base IRIs with a cached initial context */
#define CREDENCE_LIMIT_JSONLD_CACHED_INLINE_SIZE 16384 /* bytes of an inline context cached by its text */

/* SVG (GMarkup has no depth limit of its own) */
#define CREDENCE_LIMIT_SVG_DEPTH           256                /* nested elements */

/* HTTP */
#define CREDENCE_LIMIT_HTTP_JSON_SIZE      (2 * 1024 * 1024)
#define CREDENCE_LIMIT_HTTP_IMAGE_SIZE     (10 * 1024 * 1024)
#define CREDENCE_LIMIT_HTTP_REDIRECTS      5
#define CREDENCE_LIMIT_HTTP_CONNECT_TIMEOUT_S 10   /* connecting, or one read */
#define CREDENCE_LIMIT_HTTP_TOTAL_TIMEOUT_S   30   /* one fetch, redirects included */
/* CREDENCE_HTTP_TIMEOUTS="IO_MS,TOTAL_MS" in the environment replaces the
 * two timeouts (tests against slow servers: tests/test-hostile-server.c). */

/* Verifiable credentials (Open Badges 3.0) */
#define CREDENCE_LIMIT_BASE58_LENGTH       1024               /* characters of a base58btc key or signature */
#define CREDENCE_LIMIT_BASE64_LENGTH       (8 * 1024 * 1024)  /* characters of a base64url value */
#define CREDENCE_LIMIT_STATUS_LIST_SIZE    (4 * 1024 * 1024)  /* bytes of an inflated status bitstring */
#define CREDENCE_LIMIT_JWT_SIZE            (1024 * 1024)      /* bytes of a compact JWS */
#define CREDENCE_LIMIT_PROOFS              16                 /* proofs on one credential */
#define CREDENCE_LIMIT_STATUS_ENTRIES      16                 /* credentialStatus entries on one credential */

/* Pathway files (shared by teachers and communities) */
#define CREDENCE_LIMIT_PATHWAY_FILE_SIZE   (256 * 1024)       /* bytes of one pathway file */
#define CREDENCE_LIMIT_PATHWAY_STEPS       500                /* steps at every level */
#define CREDENCE_LIMIT_PATHWAY_DEPTH       8                  /* levels of steps (groups in groups) */
#define CREDENCE_LIMIT_PATHWAY_LINKS       16                 /* links on one step */
#define CREDENCE_LIMIT_PATHWAY_TEXT        8192               /* bytes of one title, note, id or URL */

/* Bundles of badges (credence-bundle), written by anyone */
#define CREDENCE_LIMIT_BUNDLE_SIZE         (G_GINT64_CONSTANT (1024) * 1024 * 1024) /* bytes of one bundle file */
#define CREDENCE_LIMIT_BUNDLE_BADGES       20000              /* badges in one bundle */
#define CREDENCE_LIMIT_BUNDLE_BLOBS        200000             /* stored files and documents in one bundle */
#define CREDENCE_LIMIT_BUNDLE_BLOB_SIZE    CREDENCE_LIMIT_INPUT_SIZE /* bytes of one stored file, decoded */
#define CREDENCE_LIMIT_BUNDLE_DOCUMENTS    512                /* pinned documents of one badge */
#define CREDENCE_LIMIT_BUNDLE_HISTORY      64                 /* verifications of one badge (the newest are written) */

/* RDF Dataset Canonicalization (RDFC-1.0): poison graphs of look-alike blank
 * nodes make Hash N-Degree Quads explode combinatorially. */
#define CREDENCE_LIMIT_RDFC_WORK           1000000            /* Hash N-Degree Quads work units (≈ 0.2 s) */
#define CREDENCE_LIMIT_RDFC_DEPTH          1024               /* Hash N-Degree Quads recursion depth */

/* Pictures shown in the app (decoded only to draw a thumbnail) */
#define CREDENCE_LIMIT_IMAGE_PIXELS        (4096 * 4096)      /* width × height of a badge image */

G_END_DECLS
