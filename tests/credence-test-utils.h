/* credence-test-utils.h: helpers shared by the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "credence-store.h"

G_BEGIN_DECLS

/* A fresh encrypted collection in a temporary folder, for g_test_add(). */
typedef struct
{
  char          *dir;
  char          *path;
  GBytes        *key;
  CredenceStore *store;
} CredenceTestStore;

void      credence_test_store_set_up    (CredenceTestStore *f,
                                         gconstpointer      data);
void      credence_test_store_tear_down (CredenceTestStore *f,
                                         gconstpointer      data);
void      credence_test_store_reopen    (CredenceTestStore *f);

char     *credence_test_make_temp_dir (void) G_GNUC_WARN_UNUSED_RESULT;
void      credence_test_remove_tree   (const char *dir);
GBytes   *credence_test_read_file     (const char *path) G_GNUC_WARN_UNUSED_RESULT;
gboolean  credence_test_bytes_contain (GBytes     *haystack,
                                       const char *needle);
char     *credence_test_dir_find_text (const char         *dir,
                                       const char * const *needles) G_GNUC_WARN_UNUSED_RESULT;
GHashTable *credence_test_snapshot_dir (const char *dir) G_GNUC_WARN_UNUSED_RESULT;
void      credence_test_assert_dir_unchanged (const char *dir,
                                              GHashTable *snapshot);

int       credence_test_run_cli       (const char         *input,
                                       const char * const *args,
                                       char              **out,
                                       char              **err);

CredenceStoreBadge *credence_test_make_badge (const char *name,
                                             const char *credential_id,
                                             const char *verdict,
                                             gint64      verified_at) G_GNUC_WARN_UNUSED_RESULT;

#define CREDENCE_TEST_ISSUER "https://issuer.test/"

char *credence_test_write_ob2_site   (const char *dir,
                                      const char *base) G_GNUC_WARN_UNUSED_RESULT;
char *credence_test_write_ob2_badges (const char *site,
                                      const char *base,
                                      const char *input_dir,
                                      guint       first,
                                      guint       n,
                                      gboolean    revoked) G_GNUC_WARN_UNUSED_RESULT;

gint64 credence_test_assert_collection_complete (CredenceStore *store,
                                                 guint          min_documents);

G_END_DECLS
