/* credence-library.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "credence-badge-item.h"

G_BEGIN_DECLS

/**
 * CredenceLibrarySort:
 * @CREDENCE_LIBRARY_SORT_ISSUED: newest first ("issued")
 * @CREDENCE_LIBRARY_SORT_NAME: by name ("name")
 * @CREDENCE_LIBRARY_SORT_ISSUER: by issuer, then name ("issuer")
 */
typedef enum
{
  CREDENCE_LIBRARY_SORT_ISSUED,
  CREDENCE_LIBRARY_SORT_NAME,
  CREDENCE_LIBRARY_SORT_ISSUER,
} CredenceLibrarySort;

#define CREDENCE_TYPE_LIBRARY (credence_library_get_type ())

G_DECLARE_FINAL_TYPE (CredenceLibrary, credence_library, CREDENCE, LIBRARY, GObject)

CredenceLibrary    *credence_library_new              (void) G_GNUC_WARN_UNUSED_RESULT;

GListModel         *credence_library_get_badges       (CredenceLibrary     *self);
GListModel         *credence_library_get_model        (CredenceLibrary     *self);
GListModel         *credence_library_get_attention    (CredenceLibrary     *self);
guint               credence_library_get_n_badges     (CredenceLibrary     *self);

void                credence_library_set_items        (CredenceLibrary     *self,
                                                       GPtrArray           *items);
void                credence_library_add              (CredenceLibrary     *self,
                                                       CredenceBadgeItem   *item);
gboolean            credence_library_remove           (CredenceLibrary     *self,
                                                       const char          *uid);
CredenceBadgeItem  *credence_library_lookup           (CredenceLibrary     *self,
                                                       const char          *uid);

const char         *credence_library_get_search       (CredenceLibrary     *self);
void                credence_library_set_search       (CredenceLibrary     *self,
                                                       const char          *search);
CredenceLibrarySort credence_library_get_sort         (CredenceLibrary     *self);
void                credence_library_set_sort         (CredenceLibrary     *self,
                                                       CredenceLibrarySort  sort);
gboolean            credence_library_sort_from_string (const char          *string,
                                                       CredenceLibrarySort *sort);
const char         *credence_library_sort_to_string   (CredenceLibrarySort  sort);
void                credence_library_set_incremental  (CredenceLibrary     *self,
                                                       gboolean             incremental);
gboolean            credence_library_is_busy          (CredenceLibrary     *self);

gboolean            credence_badge_item_needs_attention (CredenceBadgeItem *item,
                                                         gint64             now);

G_END_DECLS
