/* credence-thumbnailer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "credence-badge-item.h"
#include "credence-store.h"

G_BEGIN_DECLS

#define CREDENCE_TYPE_THUMBNAILER (credence_thumbnailer_get_type ())

G_DECLARE_FINAL_TYPE (CredenceThumbnailer, credence_thumbnailer, CREDENCE, THUMBNAILER, GObject)

CredenceThumbnailer *credence_thumbnailer_new         (CredenceStore        *store) G_GNUC_WARN_UNUSED_RESULT;
GdkTexture          *credence_thumbnailer_lookup      (CredenceThumbnailer  *self,
                                                       CredenceBadgeItem    *item,
                                                       int                   size);
void                 credence_thumbnailer_load_async  (CredenceThumbnailer  *self,
                                                       CredenceBadgeItem    *item,
                                                       int                   size,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GdkTexture          *credence_thumbnailer_load_finish (CredenceThumbnailer  *self,
                                                       GAsyncResult         *result,
                                                       GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void                 credence_thumbnailer_show_in_image (CredenceThumbnailer *self,
                                                       CredenceBadgeItem    *item,
                                                       int                   size,
                                                       GtkImage             *image);
void                 credence_thumbnailer_forget      (CredenceThumbnailer  *self,
                                                       const char           *uid);
guint                credence_thumbnailer_get_n_cached (CredenceThumbnailer *self);

GdkTexture          *credence_thumbnail_decode        (GBytes               *bytes,
                                                       int                   size,
                                                       GError              **error) G_GNUC_WARN_UNUSED_RESULT;
GBytes              *credence_thumbnail_image_bytes   (const char           *container,
                                                       GBytes               *original,
                                                       const char           *image) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
