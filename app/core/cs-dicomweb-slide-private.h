/* cs-dicomweb-slide-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <json-glib/json-glib.h>

#include "cs-dicomweb.h"

G_BEGIN_DECLS

/* A remote slide: the pyramid of a DICOMweb series of VL Whole Slide
 * Microscopy instances, read as frames (cs-dicomweb-slide.c), decoded
 * (cs-dicomweb-decode.c) and kept on disk (cs-dicomweb-cache.c). CsSlide
 * holds one for a "dicomweb:" path. */

/* One instance: a pyramid level or an associated image. Immutable. */
typedef struct
{
  char     *instance_uid;
  gint64    width;          /* TotalPixelMatrixColumns */
  gint64    height;         /* TotalPixelMatrixRows */
  int       tile_width;     /* Columns */
  int       tile_height;    /* Rows */
  gint32    cols;           /* frames across */
  gint32    rows;           /* frames down */
  guint     n_frames;
  guint     samples;        /* 1 (grey) or 3 */
  gboolean  ycbcr;          /* PhotometricInterpretation YBR_* */
  char     *flavor;         /* ImageType value 3: VOLUME, LABEL, OVERVIEW, THUMBNAIL */
  guint32  *frame_map;      /* nullable: cols × rows frame numbers (0: none), from
                             * per-frame positions; %NULL: row by row (TILED_FULL) */
} CsDicomwebImage;

/* The frame (1-based) of tile (@col, @row), 0 when the server has none. */
guint               _cs_dicomweb_image_get_frame         (const CsDicomwebImage *image,
                                                          gint64              col,
                                                          gint64              row);

typedef struct _CsDicomwebPyramid CsDicomwebPyramid;
typedef struct _CsDicomwebCache CsDicomwebCache;
typedef struct _CsDicomwebMemory CsDicomwebMemory;

/* Shared by cs-dicomweb-slide.c (building) and cs-dicomweb-read.c. */
struct _CsDicomwebPyramid
{
  char             *url;
  char             *base_url;
  char             *study_uid;
  char             *series_uid;
  CsDicomwebClient *client;        /* nullable: metadata only, reads fail */
  CsDicomwebCache  *cache;         /* borrowed: the default cache */
  CsDicomwebMemory *decoded;       /* decoded frames, by cache key */
  GPtrArray        *levels;        /* CsDicomwebImage*, largest first */
  GPtrArray        *associated;    /* CsDicomwebImage*, in associated_names' order */
  GPtrArray        *associated_names;
  double           *downsamples;
  double            mpp_x;
  double            mpp_y;
  double            objective_power;
  char             *display_name;
  GHashTable       *properties;    /* name -> value */
};


CsDicomwebPyramid  *_cs_dicomweb_pyramid_open            (const char         *url,
                                                          GCancellable       *cancellable,
                                                          GError            **error);
CsDicomwebPyramid  *_cs_dicomweb_pyramid_new_from_metadata (const char       *url,
                                                          JsonNode           *metadata,
                                                          GError            **error);
void                _cs_dicomweb_pyramid_free            (CsDicomwebPyramid  *self);
guint               _cs_dicomweb_pyramid_get_n_levels    (CsDicomwebPyramid  *self);
const CsDicomwebImage *_cs_dicomweb_pyramid_get_level    (CsDicomwebPyramid  *self,
                                                          guint               level);
double              _cs_dicomweb_pyramid_get_downsample  (CsDicomwebPyramid  *self,
                                                          guint               level);
gboolean            _cs_dicomweb_pyramid_get_mpp         (CsDicomwebPyramid  *self,
                                                          double             *mpp_x,
                                                          double             *mpp_y);
double              _cs_dicomweb_pyramid_get_objective_power (CsDicomwebPyramid *self);
const char         *_cs_dicomweb_pyramid_get_series_uid  (CsDicomwebPyramid  *self);
const char         *_cs_dicomweb_pyramid_get_display_name (CsDicomwebPyramid *self);
GHashTable         *_cs_dicomweb_pyramid_get_properties  (CsDicomwebPyramid  *self);
char              **_cs_dicomweb_pyramid_dup_associated_names (CsDicomwebPyramid *self);
gboolean            _cs_dicomweb_pyramid_read_region     (CsDicomwebPyramid  *self,
                                                          guint32            *dest,
                                                          gint64              x,
                                                          gint64              y,
                                                          guint               level,
                                                          int                 width,
                                                          int                 height,
                                                          GError            **error);
cairo_surface_t    *_cs_dicomweb_pyramid_read_associated (CsDicomwebPyramid  *self,
                                                          const char         *name,
                                                          GError            **error);
/* Frames fetched from servers by this process (for tests). */
guint               _cs_dicomweb_get_n_frame_fetches     (void);

/* Parsing the DICOM JSON model (cs-dicomweb-metadata.c). */
void                _cs_dicomweb_image_free              (CsDicomwebImage    *image);
CsDicomwebImage    *_cs_dicomweb_image_parse             (JsonObject         *instance,
                                                          guint               index,
                                                          GError            **error);
const char         *_cs_dicom_json_get_string            (JsonObject         *object,
                                                          const char         *tag,
                                                          guint               index);
gboolean            _cs_dicom_json_get_double            (JsonObject         *object,
                                                          const char         *tag,
                                                          guint               index,
                                                          double             *out);
JsonObject         *_cs_dicom_json_get_item              (JsonObject         *object,
                                                          const char         *tag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDicomwebImage, _cs_dicomweb_image_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDicomwebPyramid, _cs_dicomweb_pyramid_free)

/* Decoding frames to premultiplied ARGB32 (cs-dicomweb-decode.c). */
gboolean            _cs_dicomweb_decode_frame            (GBytes             *data,
                                                          const char         *transfer_syntax,
                                                          const CsDicomwebImage *image,
                                                          guint32            *dest,
                                                          GError            **error);

/* The disk cache of frames (cs-dicomweb-cache.c). Thread-safe. */

#define CS_DICOMWEB_CACHE_DEFAULT_SIZE (G_GUINT64_CONSTANT (2) << 30)

CsDicomwebCache    *_cs_dicomweb_cache_new               (const char         *dir,
                                                          guint64             max_size);
void                _cs_dicomweb_cache_free              (CsDicomwebCache    *self);
/* $XDG_CACHE_HOME/consilium/dicomweb, 2 GiB; never freed. */
CsDicomwebCache    *_cs_dicomweb_cache_get_default       (void);
char               *_cs_dicomweb_cache_make_key          (const char         *base_url,
                                                          const char         *study_uid,
                                                          const char         *series_uid,
                                                          const char         *instance_uid,
                                                          guint               frame);
GBytes             *_cs_dicomweb_cache_lookup            (CsDicomwebCache    *self,
                                                          const char         *key,
                                                          char              **transfer_syntax);
void                _cs_dicomweb_cache_store             (CsDicomwebCache    *self,
                                                          const char         *key,
                                                          const char         *transfer_syntax,
                                                          GBytes             *data);
guint64             _cs_dicomweb_cache_get_size          (CsDicomwebCache    *self);

/* Decoded frames in memory, LRU (cs-dicomweb-memory.c). Thread-safe. */
#define CS_DICOMWEB_MEMORY_SIZE (32 << 20)

CsDicomwebMemory   *_cs_dicomweb_memory_new              (gsize               max_bytes);
void                _cs_dicomweb_memory_free             (CsDicomwebMemory   *self);
GBytes             *_cs_dicomweb_memory_lookup           (CsDicomwebMemory   *self,
                                                          const char         *key);
void                _cs_dicomweb_memory_insert           (CsDicomwebMemory   *self,
                                                          const char         *key,
                                                          GBytes             *pixels);

G_END_DECLS
