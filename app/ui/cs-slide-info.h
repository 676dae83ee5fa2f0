/* cs-slide-info.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-slide.h"

G_BEGIN_DECLS

/* The slide information panel: vendor, size, levels, scale, identity,
 * associated images and every property, searchable and copyable.
 *
 * Properties: "slide" (CsSlide), "privacy-mode" (bool: label and macro
 * images are replaced by "Hidden for privacy" placeholders). */

#define CS_TYPE_SLIDE_INFO (cs_slide_info_get_type ())

G_DECLARE_FINAL_TYPE (CsSlideInfo, cs_slide_info, CS, SLIDE_INFO, GtkWidget)

GtkWidget  *cs_slide_info_new                 (void);
CsSlide    *cs_slide_info_get_slide           (CsSlideInfo *self);
void        cs_slide_info_set_slide           (CsSlideInfo *self,
                                               CsSlide     *slide);
gboolean    cs_slide_info_get_privacy_mode    (CsSlideInfo *self);
void        cs_slide_info_set_privacy_mode    (CsSlideInfo *self,
                                               gboolean     privacy_mode);
/* A teaching case not yet revealed: the label and macro images (which
 * may give the diagnosis away) are hidden as in privacy mode. */
gboolean    cs_slide_info_get_teaching_hidden (CsSlideInfo *self);
void        cs_slide_info_set_teaching_hidden (CsSlideInfo *self,
                                               gboolean     hidden);
GListModel *cs_slide_info_get_properties      (CsSlideInfo *self);
char       *cs_slide_info_dup_properties_text (CsSlideInfo *self);
gboolean    cs_slide_info_is_private_image    (const char  *name);
const char *cs_slide_info_image_title         (const char  *name);
void        cs_slide_info_read_images_async   (CsSlide             *slide,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GHashTable *cs_slide_info_read_images_finish  (GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
