/* cs-bench-memory.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include "cs-bench-gen.h"
#include "cs-bench-memory-private.h"
#include "cs-bench-viewer-private.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <math.h>

#include "cs-annotation-raster.h"
#include "cs-geojson.h"

/* The "memory" section of consilium-cli bench: resident memory as the
 * window has it with a slide and 100,000 annotations, measured, not
 * estimated. It runs first, while the process has not yet allocated and
 * freed much, as a window that has just opened a slide: the 100,000
 * polygons written as GeoJSON (and freed), the slide opened
 * as CsSlideView opens it (a 256 MiB CsTileCache, two loader threads, the
 * renderer with its scaled copies), the review played at 60 Hz until the
 * cache is full; then the annotations read from GeoJSON into a
 * CsAnnotationList (its index) and a CsAnnotationRaster, and a few frames
 * drawn with the overlay on top at the review's last views, at fit and at
 * 4x fit, the raster layer's worker filling its tiles; then VmRSS. */

#define FULL_SHARE    0.98 /* of the cache's bytes: full */
#define MAX_PASSES    3    /* of the review, to fill the cache */
#define OVERLAY_VIEWS 30   /* frames drawn with the overlay */
#define RASTER_WAIT_US (5 * G_USEC_PER_SEC)

static double
mib (guint64 bytes)
{
  return bytes / (1024.0 * 1024.0);
}

static void
add (CsBenchContext *ctx,
     const char     *name,
     double          value,
     const char     *unit,
     const char     *label)
{
  cs_bench_results_add (ctx->results, "memory", name, value, unit, label);
}

/**
 * cs_bench_release_memory:
 *
 * Gives what the process freed back to the system (glibc keeps freed
 * pages otherwise), so that a memory figure counts what is in use.
 */
void
cs_bench_release_memory (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

static void
fill_cache (CsBenchViewer *viewer,
            GArray        *trajectory)
{
  gsize full = (gsize) (FULL_SHARE * cs_tile_cache_get_max_bytes (viewer->cache));

  for (guint pass = 0; pass < MAX_PASSES; pass++)
    for (guint i = 0; i < trajectory->len; i++)
      {
        if (cs_tile_cache_get_n_bytes (viewer->cache) >= full)
          return;
        _cs_bench_viewer_show (viewer, &g_array_index (trajectory, CsViewport, i));
      }
}

static CsAnnotationList *
load_annotations (const char  *path,
                  guint       *n_loaded,
                  GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);
  g_autoptr(CsAnnotationImport) import = NULL;
  CsAnnotationList *list;

  if (in == NULL)
    return NULL;
  import = cs_annotation_import_new (CS_ANNOTATION_FORMAT_GEOJSON);
  if (!cs_geojson_read (G_INPUT_STREAM (in), path, import, NULL, error))
    return NULL;
  list = cs_annotation_list_new ();
  cs_annotation_list_load (list, import->annotations);
  *n_loaded = import->annotations->len;
  return list;
}

/* The viewer's frame with the overlay drawn on top, as the window's
 * snapshot draws them. */
static void
show_with_overlay (CsBenchViewer                   *viewer,
                   CsAnnotationRaster              *raster,
                   const CsViewport                *viewport,
                   const CsAnnotationRenderOptions *options)
{
  CsAnnotationRasterStats stats;

  _cs_bench_viewer_show (viewer, viewport);
  cs_annotation_raster_draw (raster, viewer->cr, viewport, options, &stats);
  cairo_surface_flush (viewer->surface);
}

/* Frames of @viewport at 60 Hz until the raster layer's worker has
 * rendered its tiles (at most RASTER_WAIT_US), then one more with them, as
 * the window redraws on the raster's "updated" signal. The main loop runs
 * meanwhile, as it does in the window: blocking on the worker instead kept
 * the tile loader's decoded tiles (about 47 MiB, measured) waiting for the
 * main loop to hand them to the cache. */
static void
show_until_rastered (CsBenchViewer                   *viewer,
                     CsAnnotationRaster              *raster,
                     const CsViewport                *viewport,
                     const CsAnnotationRenderOptions *options)
{
  gint64 end = g_get_monotonic_time () + RASTER_WAIT_US;

  do
    show_with_overlay (viewer, raster, viewport, options);
  while (!cs_annotation_raster_wait (raster, 0) && g_get_monotonic_time () < end);
  show_with_overlay (viewer, raster, viewport, options);
}

static void
draw_overlay_frames (CsBenchViewer      *viewer,
                     CsAnnotationRaster *raster,
                     GArray             *trajectory)
{
  g_autoptr(CsClassTable) classes = cs_class_table_new_default ();
  CsAnnotationRenderOptions options;
  gint64 width, height;
  CsViewport fit;

  cs_annotation_render_options_init (&options);
  options.classes = classes;
  options.calibration = (CsCalibration) { 0.25, 0.25 };

  for (guint i = trajectory->len - MIN (trajectory->len, OVERLAY_VIEWS); i < trajectory->len; i++)
    show_with_overlay (viewer, raster, &g_array_index (trajectory, CsViewport, i), &options);

  cs_slide_get_level_size (viewer->slide, 0, &width, &height);
  cs_viewport_init (&fit, 0, 0, 1, CS_BENCH_VIEW_WIDTH, CS_BENCH_VIEW_HEIGHT);
  cs_viewport_fit (&fit, width, height);
  for (guint i = 0; i < 2; i++)
    {
      CsViewport view = fit;

      if (i == 1)
        cs_viewport_zoom_at (&view, fit.zoom * 4, CS_BENCH_VIEW_WIDTH / 2.0,
                             CS_BENCH_VIEW_HEIGHT / 2.0);
      show_until_rastered (viewer, raster, &view, &options);
    }
}

/* Adds memory.rss_with_cache_mib (VmRSS, measured as described at the
 * top of this file) and the parts it can name. */
static gboolean
measure_memory (CsBenchContext  *ctx,
                const char      *geojson,
                GError         **error)
{
  CsBenchViewer viewer = { 0 };
  g_autoptr(GArray) trajectory = NULL;
  g_autoptr(CsAnnotationList) list = NULL;
  g_autoptr(CsAnnotationRaster) raster = NULL;
  guint64 rss_tiles, rss_loaded;
  gint64 width, height;
  guint n_loaded = 0;

  g_return_val_if_fail (ctx != NULL && geojson != NULL, FALSE);

  add (ctx, "rss_start_mib", mib (cs_bench_current_rss ()), "MiB",
       _("resident memory before the slide is opened"));
  if (!_cs_bench_viewer_open (&viewer, ctx->slide_path, CS_BENCH_LOADER_THREADS, error))
    return FALSE;
  cs_slide_get_level_size (viewer.slide, 0, &width, &height);
  trajectory = cs_bench_make_trajectory (ctx, width, height);
  fill_cache (&viewer, trajectory);
  rss_tiles = cs_bench_current_rss ();

  list = load_annotations (geojson, &n_loaded, error);
  if (list == NULL)
    {
      _cs_bench_viewer_clear (&viewer);
      return FALSE;
    }
  rss_loaded = cs_bench_current_rss ();
  raster = cs_annotation_raster_new (list);
  draw_overlay_frames (&viewer, raster, trajectory);

  add (ctx, "rss_with_cache_mib", mib (cs_bench_current_rss ()), "MiB",
       _("resident memory, measured: a full 256 MiB tile cache, 100,000 annotations "
         "listed, indexed and rastered, frames drawn"));
  add (ctx, "rss_tiles_mib", mib (rss_tiles), "MiB",
       _("resident memory with the full tile cache, before the annotations"));
  add (ctx, "rss_loaded_mib", mib (rss_loaded), "MiB",
       _("resident memory with the full tile cache and the annotations listed and indexed"));
  add (ctx, "tile_cache_mib", mib (cs_tile_cache_get_n_bytes (viewer.cache)), "MiB",
       _("tile cache contents"));
  add (ctx, "scaled_copies_mib", mib (cs_renderer_get_cached_bytes (viewer.renderer)),
       "MiB", _("renderer's scaled tile copies"));
  add (ctx, "raster_mib", mib (cs_annotation_raster_get_size (raster)), "MiB",
       _("annotation raster layer tiles"));
  add (ctx, "annotations", n_loaded, "", _("annotations loaded for the memory figure"));

  g_clear_object (&raster);
  _cs_bench_viewer_clear (&viewer);
  return TRUE;
}

/**
 * cs_bench_run_memory:
 *
 * The section "memory" (see the top of this file).
 */
gboolean
cs_bench_run_memory (CsBenchContext  *ctx,
                     GError         **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gboolean done;

  g_return_val_if_fail (ctx != NULL && ctx->slide_path != NULL, FALSE);

  dir = g_dir_make_tmp ("consilium-bench-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "annotations.geojson", NULL);
  done = cs_bench_write_polygons (ctx, 100000, path, error);
  cs_bench_release_memory ();

  done = done && measure_memory (ctx, path, error);
  g_unlink (path);
  g_rmdir (dir);
  return done;
}
