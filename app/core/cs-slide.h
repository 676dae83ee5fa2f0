/* cs-slide.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cs-tile-source.h"

G_BEGIN_DECLS

#define CS_SLIDE_ERROR (cs_slide_error_quark ())

/**
 * CsSlideError:
 * @CS_SLIDE_ERROR_NOT_FOUND: the file does not exist
 * @CS_SLIDE_ERROR_PERMISSION: the file cannot be read by this user
 * @CS_SLIDE_ERROR_NOT_A_SLIDE: neither a slide nor an image Consilium reads
 * @CS_SLIDE_ERROR_UNSUPPORTED: a slide format this build cannot read
 * @CS_SLIDE_ERROR_OPEN: a slide of a known format that fails to open
 * @CS_SLIDE_ERROR_READ: reading pixels failed (corrupt tile data); sticky
 * @CS_SLIDE_ERROR_TOO_LARGE: an image too large to hold in memory
 * @CS_SLIDE_ERROR_NO_ASSOCIATED: no associated image of that name
 * @CS_SLIDE_ERROR_REMOTE: a remote slide's server did not deliver the
 *   pixels (down, refused, failing); a later read may work
 */
typedef enum
{
  CS_SLIDE_ERROR_NOT_FOUND,
  CS_SLIDE_ERROR_PERMISSION,
  CS_SLIDE_ERROR_NOT_A_SLIDE,
  CS_SLIDE_ERROR_UNSUPPORTED,
  CS_SLIDE_ERROR_OPEN,
  CS_SLIDE_ERROR_READ,
  CS_SLIDE_ERROR_TOO_LARGE,
  CS_SLIDE_ERROR_NO_ASSOCIATED,
  CS_SLIDE_ERROR_REMOTE,
} CsSlideError;

#define CS_TYPE_SLIDE (cs_slide_get_type ())

G_DECLARE_FINAL_TYPE (CsSlide, cs_slide, CS, SLIDE, GObject)

GQuark              cs_slide_error_quark             (void);

CsSlide            *cs_slide_new                     (const char          *path,
                                                      GError             **error);
void                cs_slide_new_async               (const char          *path,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
CsSlide            *cs_slide_new_finish              (GAsyncResult        *result,
                                                      GError             **error);

const char         *cs_slide_get_path                (CsSlide             *self);
const char         *cs_slide_get_display_name        (CsSlide             *self);
const char         *cs_slide_get_vendor              (CsSlide             *self);
gboolean            cs_slide_is_raster               (CsSlide             *self);
guint               cs_slide_get_n_levels            (CsSlide             *self);
void                cs_slide_get_level_size          (CsSlide             *self,
                                                      guint                level,
                                                      gint64              *width,
                                                      gint64              *height);
double              cs_slide_get_level_downsample    (CsSlide             *self,
                                                      guint                level);
gboolean            cs_slide_get_mpp                 (CsSlide             *self,
                                                      double              *mpp_x,
                                                      double              *mpp_y);
double              cs_slide_get_objective_power     (CsSlide             *self);
const char * const *cs_slide_get_property_names      (CsSlide             *self);
const char         *cs_slide_get_property            (CsSlide             *self,
                                                      const char          *name);
const char         *cs_slide_get_quickhash           (CsSlide             *self);
const char * const *cs_slide_get_associated_names    (CsSlide             *self);
cairo_surface_t    *cs_slide_read_associated         (CsSlide             *self,
                                                      const char          *name,
                                                      GError             **error);
gboolean            cs_slide_read_region             (CsSlide             *self,
                                                      guint32             *dest,
                                                      gint64               x,
                                                      gint64               y,
                                                      guint                level,
                                                      int                  width,
                                                      int                  height,
                                                      GError             **error);
gboolean            cs_slide_get_failed              (CsSlide             *self);
GPtrArray          *cs_slide_get_overview            (CsSlide             *self);
const char         *cs_slide_get_sha256              (CsSlide             *self);
gboolean            cs_slide_get_apply_color_profile (CsSlide             *self);
void                cs_slide_set_apply_color_profile (CsSlide             *self,
                                                      gboolean             apply);
gboolean            cs_slide_has_color_profile       (CsSlide             *self);
const char         *cs_slide_get_color_profile_description
                                                     (CsSlide             *self);
const char         *cs_slide_get_color_profile_warning
                                                     (CsSlide             *self);
void                cs_slide_compute_identity_async  (CsSlide             *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
const char         *cs_slide_compute_identity_finish (CsSlide             *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
const char         *cs_slide_compute_identity        (CsSlide             *self,
                                                      GCancellable        *cancellable,
                                                      GError             **error);

G_END_DECLS
