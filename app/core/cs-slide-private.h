/* cs-slide-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <openslide.h>

#include "cs-slide.h"

G_BEGIN_DECLS

/* A decoded ordinary image (TIFF without tiles, PNG, JPEG) held in memory as
 * premultiplied ARGB32, stride width * 4. Immutable once loaded. */
typedef struct
{
  int         width;
  int         height;
  GBytes     *pixels;
  const char *format;      /* "tiff", "png", "jpeg"; static */
} CsRaster;

/* Largest plain image opened whole: 2^28 pixels (1 GiB decoded). */
#define CS_RASTER_MAX_PIXELS (G_GINT64_CONSTANT (1) << 28)

typedef enum
{
  CS_RASTER_KIND_NONE,
  CS_RASTER_KIND_TIFF,
  CS_RASTER_KIND_PNG,
  CS_RASTER_KIND_JPEG,
  CS_RASTER_KIND_DICOM,
} CsRasterKind;

CsRasterKind  _cs_raster_sniff        (const char     *path);
CsRaster     *_cs_raster_load         (const char     *path,
                                       CsRasterKind    kind,
                                       GError        **error);
void          _cs_raster_free         (CsRaster       *raster);
void          _cs_raster_read_region  (const CsRaster *raster,
                                       guint32        *dest,
                                       gint64          x,
                                       gint64          y,
                                       int             width,
                                       int             height);
void          _cs_raster_install_tiff_handlers (void);
void          _cs_raster_set_max_pixels (gint64  pixels);
void          _cs_slide_set_errno_error (GError      **error,
                                         const char   *path,
                                         int           errsv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsRaster, _cs_raster_free)

/* Exclusive OpenSlide handles for concurrent reads (cs-slide-handles.c). */
typedef struct _CsHandlePool CsHandlePool;

CsHandlePool *_cs_handle_pool_new       (const char    *path,
                                         openslide_t   *first,
                                         guint          max_open);
void          _cs_handle_pool_free      (CsHandlePool  *pool);
openslide_t  *_cs_handle_pool_acquire   (CsHandlePool  *pool,
                                         GError       **error);
void          _cs_handle_pool_release   (CsHandlePool  *pool,
                                         openslide_t   *osr);
gboolean      _cs_handle_pool_is_failed (CsHandlePool  *pool);

/* Native JPEG tiles of generic TIFFs decoded directly (cs-slide-jpeg-tiles.c). */
typedef struct _CsJpegTiles CsJpegTiles;

CsJpegTiles  *_cs_jpeg_tiles_new        (const char    *path,
                                         guint          n_levels,
                                         const gint64  *widths,
                                         const gint64  *heights);
void          _cs_jpeg_tiles_free       (CsJpegTiles   *self);
gboolean      _cs_jpeg_tiles_has_level  (CsJpegTiles   *self,
                                         guint          level);
gboolean      _cs_jpeg_tiles_read       (CsJpegTiles   *self,
                                         guint          level,
                                         gint32         col,
                                         gint32         row,
                                         guint32       *dest,
                                         int            width,
                                         int            height,
                                         GError       **error);
guint         _cs_jpeg_tiles_get_n_reads (CsJpegTiles  *self);
/* Widest JPEG _cs_jpeg_decode() reads (TIFF tiles, DICOM frames). */
#define CS_JPEG_MAX_WIDTH 4096
gboolean      _cs_jpeg_decode           (const guint8  *data,
                                         gsize          len,
                                         const guint8  *tables,
                                         guint32        tables_len,
                                         gboolean       ycbcr,
                                         guint32       *dest,
                                         int            width,
                                         int            height,
                                         GError       **error);
/* How many display tiles the direct path read (for tests). */
guint         _cs_slide_get_n_direct_reads (CsSlide    *self);

/* The slide's ICC profile to sRGB (cs-slide-color.c). */
typedef struct _CsColorTransform CsColorTransform;

GBytes           *_cs_slide_read_icc_profile          (const char        *path,
                                                       openslide_t       *osr);
CsColorTransform *_cs_color_transform_new             (GBytes            *profile,
                                                       GError           **error);
void              _cs_color_transform_free            (CsColorTransform  *self);
const char       *_cs_color_transform_get_description (CsColorTransform  *self);
void              _cs_color_transform_apply           (CsColorTransform  *self,
                                                       guint32           *pixels,
                                                       gsize              n_pixels);

G_END_DECLS
