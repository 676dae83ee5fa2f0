/* cs-bench-annotations.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include "cs-bench.h"
#include "cs-bench-memory-private.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "cs-annotation-raster.h"
#include "cs-core-private.h"
#include "cs-geojson.h"
#include "cs-slide.h"

/* The "annotations" section of consilium-cli bench: the overlay as the
 * window draws it (cs_annotation_raster_draw: cached raster tiles at mid
 * and low zoom, vectors at high zoom), frame by frame over a pan at 60 Hz
 * so that the worker renders between frames as it does in the window, at
 * fit, 4x fit and 1:1 (the first frame at each zoom, which opens the view,
 * apart from the pan's), for 10,000 and 100,000 polygons of 20 vertices and
 * 1,000,000 points on a slide-sized plane; the vector path of every
 * frame (what the window drew before the raster layer) on the same pans;
 * and GeoJSON save and load of the 100,000 polygons with their memory. */

#define VIEW_WIDTH    1920
#define VIEW_HEIGHT   1080
#define FRAME_US      (G_USEC_PER_SEC / 60)
#define N_VERTICES    20
/* Device pixels per frame: a steady drag. */
#define PAN_DX        36.0
#define PAN_DY        14.0

typedef struct
{
  const char *id;      /* "fit" */
  const char *label;
  double      factor;  /* of the fit zoom; 0 for 1:1 */
} Zoom;

static const Zoom zooms[] = {
  { "fit", N_("fit"), 1 },
  { "4x", N_("4× fit"), 4 },
  { "1to1", N_("1:1"), 0 },
};

typedef struct
{
  CsBenchContext   *ctx;
  double            width;
  double            height;
  cairo_surface_t  *surface;
  guint             n_frames;
  guint64           in_view;   /* annotations in view, summed over frames */
  guint64           drawn;     /* of those, drawn, as dots or in the density layer */
  guint64           base_rss;  /* at the section's start */
} Bench;

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static void
add (Bench      *bench,
     const char *name,
     double      value,
     const char *unit,
     const char *label)
{
  cs_bench_results_add (bench->ctx->results, "annotations", name, value, unit, label);
}

static void
add_target (Bench      *bench,
            const char *name,
            const char *label,
            double      limit)
{
  g_autofree char *id = g_strconcat ("annotations.", name, NULL);

  cs_bench_results_add_target (bench->ctx->results, name, label,
                               cs_bench_results_get (bench->ctx->results, id), limit, FALSE);
}

static CsAnnotation *
make_polygon (Bench *bench,
              GRand *rand)
{
  CsPoint points[N_VERTICES];
  double cx = g_rand_double_range (rand, 200, bench->width - 200);
  double cy = g_rand_double_range (rand, 200, bench->height - 200);
  double r = g_rand_double_range (rand, 20, 150);
  g_autoptr(CsGeometry) geometry = NULL;

  for (guint i = 0; i < N_VERTICES; i++)
    {
      double t = 2 * G_PI * i / N_VERTICES;
      double rr = r * (0.8 + 0.2 * sin (5 * t));

      points[i] = (CsPoint) { cx + rr * cos (t), cy + rr * sin (t) };
    }
  geometry = cs_geometry_new_ring (points, N_VERTICES);
  return cs_annotation_new (CS_SHAPE_POLYGON, geometry);
}

static GPtrArray *
make_polygons (Bench *bench,
               guint  n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) bench->ctx->seed * 31 + n);
  GPtrArray *annotations = g_ptr_array_new_full (n, g_object_unref);
  const char *classes[] = { "Tumour", "Stroma", "Necrosis", "Immune cells" };

  for (guint i = 0; i < n; i++)
    {
      CsAnnotation *a = make_polygon (bench, rand);

      cs_annotation_set_class_name (a, classes[i % G_N_ELEMENTS (classes)]);
      g_ptr_array_add (annotations, a);
    }
  return annotations;
}

static GPtrArray *
make_points (Bench *bench,
             guint  n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) bench->ctx->seed * 37 + 7);
  GPtrArray *annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree CsPoint *points = g_new (CsPoint, n);
  g_autoptr(CsGeometry) geometry = NULL;
  CsAnnotation *set;

  for (guint i = 0; i < n; i++)
    points[i] = (CsPoint) { g_rand_double_range (rand, 0, bench->width),
                            g_rand_double_range (rand, 0, bench->height) };
  geometry = cs_geometry_new_ring (points, n);
  set = cs_annotation_new (CS_SHAPE_POINTS, geometry);
  cs_annotation_set_class_name (set, "Immune cells");
  g_ptr_array_add (annotations, set);
  return annotations;
}

/* Frame @i of the pan at @zoom: out along a diagonal and back, from the
 * slide's centre. */
static void
pan_viewport (Bench      *bench,
              double      zoom,
              guint       i,
              CsViewport *viewport)
{
  guint half = bench->n_frames / 2;
  double step = i < half ? i : 2.0 * half - i;

  cs_viewport_init (viewport, 0, 0, zoom, VIEW_WIDTH, VIEW_HEIGHT);
  cs_viewport_set_center (viewport,
                          bench->width / 2 + step * PAN_DX / zoom,
                          bench->height / 2 + step * PAN_DY / zoom);
}

static double
zoom_of (Bench      *bench,
         const Zoom *zoom)
{
  double fit = MIN (VIEW_WIDTH / bench->width, VIEW_HEIGHT / bench->height);

  return zoom->factor > 0 ? fit * zoom->factor : 1.0;
}

static void
clear_surface (cairo_surface_t *surface)
{
  g_autoptr(cairo_t) cr = cairo_create (surface);

  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
}

/* One frame through the raster layer (@raster) or the vector path. */
static double
draw_frame (Bench                           *bench,
            CsAnnotationList                *list,
            CsAnnotationRaster              *raster,
            const CsViewport                *viewport,
            const CsAnnotationRenderOptions *options)
{
  g_autoptr(cairo_t) cr = NULL;
  gint64 start;

  clear_surface (bench->surface);
  cr = cairo_create (bench->surface);
  start = g_get_monotonic_time ();
  if (raster != NULL)
    {
      CsAnnotationRasterStats stats;

      cs_annotation_raster_draw (raster, cr, viewport, options, &stats);
      bench->in_view += stats.n_visible;
      bench->drawn += stats.n_drawn;
    }
  else
    {
      CsAnnotationRenderStats stats;

      cs_annotation_render_annotations (cr, list, viewport, options, &stats);
      bench->in_view += stats.n_visible;
      bench->drawn += stats.n_shapes + stats.n_dots + stats.n_dense;
    }
  cairo_surface_flush (bench->surface);

  return elapsed_ms (start);
}

static void
add_frames (Bench      *bench,
            const char *what,
            const char *what_label,
            const Zoom *zoom,
            GArray     *frames)
{
  const struct { const char *id; double percentile; const char *label; } stats[] = {
    { "p50", 50, N_("p50") }, { "p95", 95, N_("p95") }, { "max", 100, N_("max") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (stats); i++)
    {
      g_autofree char *id = g_strdup_printf ("%s_%s_%s_ms", what, zoom->id, stats[i].id);
      /* Translators: what is drawn ("100,000 polygons"), the zoom ("fit"),
       * then a statistic ("p95") */
      g_autofree char *label = g_strdup_printf (_("overlay frame, %s at %s, %s"), what_label,
                                                _(zoom->label), _(stats[i].label));

      add (bench, id, cs_bench_percentile (frames, stats[i].percentile), "ms", label);
    }
}

static double
mib (guint64 bytes)
{
  return bytes / (1024.0 * 1024.0);
}

static void
add_first_frame (Bench      *bench,
                 const char *what,
                 const char *what_label,
                 const Zoom *zoom,
                 double      ms)
{
  g_autofree char *id = g_strdup_printf ("%s_%s_first_ms", what, zoom->id);
  /* Translators: what is drawn ("100,000 polygons"), the zoom ("fit") */
  g_autofree char *label = g_strdup_printf (_("overlay, first frame at a zoom, %s at %s"),
                                            what_label, _(zoom->label));

  add (bench, id, ms, "ms", label);
}

/* The pan at each zoom through the raster layer (frames paced at 60 Hz),
 * then through the vector path. */
static void
measure_overlay (Bench      *bench,
                 GPtrArray  *annotations,
                 const char *what,
                 const char *what_label)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsClassTable) classes = cs_class_table_new_default ();
  g_autoptr(CsAnnotationRaster) raster = NULL;
  g_autofree char *vector_what = g_strconcat ("vector_", what, NULL);
  /* Translators: what is drawn ("100,000 polygons"), the old way */
  g_autofree char *vector_label = g_strdup_printf (_("%s, vectors only"), what_label);
  CsAnnotationRenderOptions options;

  cs_annotation_list_load (list, annotations);
  raster = cs_annotation_raster_new (list);
  cs_annotation_render_options_init (&options);
  options.classes = classes;
  options.calibration = (CsCalibration) { 0.25, 0.25 };

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) vector = g_array_new (FALSE, FALSE, sizeof (double));
      double zoom = zoom_of (bench, &zooms[z]);

      for (guint i = 0; i < bench->n_frames; i++)
        {
          gint64 start = g_get_monotonic_time ();
          CsViewport viewport;
          double ms;
          gint64 wait;

          pan_viewport (bench, zoom, i, &viewport);
          ms = draw_frame (bench, list, raster, &viewport, &options);
          /* The first frame at a zoom opens the view (everything drawn
           * the first time): a figure of its own, not one of the pan's. */
          if (i == 0)
            add_first_frame (bench, what, what_label, &zooms[z], ms);
          else
            g_array_append_val (frames, ms);
          wait = start + FRAME_US - g_get_monotonic_time ();
          if (wait > 0)
            g_usleep (wait);
        }
      for (guint i = 0; i < bench->n_frames; i += 3)
        {
          CsViewport viewport;
          double ms;

          pan_viewport (bench, zoom, i, &viewport);
          ms = draw_frame (bench, list, NULL, &viewport, &options);
          g_array_append_val (vector, ms);
        }
      add_frames (bench, what, what_label, &zooms[z], frames);
      add_frames (bench, vector_what, vector_label, &zooms[z], vector);
    }
  if (annotations->len == 100000)
    {
      guint64 now = cs_bench_current_rss ();

      add (bench, "rss_100k_mib", mib (now > bench->base_rss ? now - bench->base_rss : 0), "MiB",
           _("memory of 100,000 polygons listed, indexed and rastered"));
      add (bench, "raster_100k_mib", mib (cs_annotation_raster_get_size (raster)), "MiB",
           _("raster layer tiles of 100,000 polygons after the pans"));
    }
}

/* Peak resident memory since the last reset above @base, MiB. */
static double
peak_above (guint64 base)
{
  guint64 peak = cs_bench_peak_rss ();

  return peak > base ? mib (peak - base) : 0;
}

static gboolean
measure_save (Bench       *bench,
              GPtrArray   *polygons,
              const char  *path,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  CsAnnotationExport context = { .slide_width = (gint64) bench->width,
                                 .slide_height = (gint64) bench->height,
                                 .microns_per_pixel = 0.25 };
  guint64 base;
  gint64 start;

  cs_bench_reset_peak_rss ();
  base = cs_bench_current_rss ();
  start = g_get_monotonic_time ();
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (out == NULL ||
      !cs_geojson_write (G_OUTPUT_STREAM (out), polygons, &context, NULL, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error))
    return FALSE;
  add (bench, "geojson_save_s", elapsed_ms (start) / 1000, "s",
       _("GeoJSON save, 100,000 polygons"));
  add (bench, "geojson_save_mib", peak_above (base), "MiB",
       _("GeoJSON save, 100,000 polygons: peak memory added"));

  return TRUE;
}

/* Read and listed (its index built), as opening a slide does. */
static gboolean
measure_load (Bench       *bench,
              guint        expected,
              const char  *path,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(CsAnnotationImport) import = NULL;
  g_autoptr(CsAnnotationList) list = NULL;
  guint64 base;
  gint64 start;

  cs_bench_reset_peak_rss ();
  base = cs_bench_current_rss ();
  start = g_get_monotonic_time ();
  import = cs_annotation_import_new (CS_ANNOTATION_FORMAT_GEOJSON);
  in = g_file_read (file, NULL, error);
  if (in == NULL || !cs_geojson_read (G_INPUT_STREAM (in), path, import, NULL, error))
    return FALSE;
  list = cs_annotation_list_new ();
  cs_annotation_list_load (list, import->annotations);
  add (bench, "geojson_load_s", elapsed_ms (start) / 1000, "s",
       _("GeoJSON load with the index, 100,000 polygons"));
  add (bench, "geojson_load_mib", peak_above (base), "MiB",
       _("GeoJSON load with the index, 100,000 polygons: peak memory added"));
  if (import->annotations->len != expected)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("%s: read %u annotations of the %u written"), path,
                   import->annotations->len, expected);
      return FALSE;
    }

  return TRUE;
}

/* Saves @polygons to @path and loads them again; the file stays for the
 * memory figure. */
static gboolean
measure_geojson (Bench       *bench,
                 GPtrArray   *polygons,
                 const char  *path,
                 GError     **error)
{
  GStatBuf st;

  if (!measure_save (bench, polygons, path, error) ||
      !measure_load (bench, polygons->len, path, error))
    return FALSE;
  if (g_stat (path, &st) == 0)
    add (bench, "geojson_file_mb", st.st_size / 1e6, "MB",
         _("GeoJSON file, 100,000 polygons"));
  return TRUE;
}

/* The slide's size, else 60000 x 50000. */
static void
plane_size (CsBenchContext *ctx,
            double         *width,
            double         *height)
{
  g_autoptr(CsSlide) slide = NULL;
  gint64 w, h;

  *width = 60000;
  *height = 50000;
  if (ctx->slide_path == NULL)
    return;
  slide = cs_slide_new (ctx->slide_path, NULL);
  if (slide == NULL)
    return;
  cs_slide_get_level_size (slide, 0, &w, &h);
  *width = w;
  *height = h;
}

static void
add_targets (Bench *bench)
{
  const double frame = 1000.0 / 60;

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      g_autofree char *polygons = g_strdup_printf ("overlay_100k_%s_p95_ms", zooms[z].id);
      g_autofree char *points = g_strdup_printf ("points_1m_%s_p95_ms", zooms[z].id);
      /* Translators: %s is a zoom ("fit", "1:1") */
      g_autofree char *polygons_label = g_strdup_printf (_("100,000 polygons, overlay frame p95 at %s, ms"),
                                                         _(zooms[z].label));
      /* Translators: %s is a zoom ("fit", "1:1") */
      g_autofree char *points_label = g_strdup_printf (_("1,000,000 points, overlay frame p95 at %s, ms"),
                                                       _(zooms[z].label));

      add_target (bench, polygons, polygons_label, frame);
      add_target (bench, points, points_label, 2 * frame);
    }
  add_target (bench, "dropped", _("annotations in view not drawn"), 0);
  add_target (bench, "geojson_save_s", _("GeoJSON save of 100,000 polygons, s"), 0.5);
  add_target (bench, "geojson_save_mib", _("GeoJSON save of 100,000 polygons, MiB added"), 50);
  add_target (bench, "geojson_load_s", _("GeoJSON load of 100,000 polygons, s"), 1.5);
  add_target (bench, "geojson_load_mib", _("GeoJSON load of 100,000 polygons, MiB added"), 150);
}

/**
 * cs_bench_write_polygons:
 *
 * Writes the section's @n polygons (20 vertices each, on the slide's
 * plane) to @path as GeoJSON, for the memory section.
 */
gboolean
cs_bench_write_polygons (CsBenchContext  *ctx,
                         guint            n,
                         const char      *path,
                         GError         **error)
{
  Bench bench = { .ctx = ctx };
  g_autoptr(GPtrArray) polygons = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  CsAnnotationExport context = { .microns_per_pixel = 0.25 };

  plane_size (ctx, &bench.width, &bench.height);
  context.slide_width = (gint64) bench.width;
  context.slide_height = (gint64) bench.height;
  polygons = make_polygons (&bench, n);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  return out != NULL &&
         cs_geojson_write (G_OUTPUT_STREAM (out), polygons, &context, NULL, error) &&
         g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

/**
 * cs_bench_run_annotations:
 *
 * The section "annotations" (see the top of this file).
 */
gboolean
cs_bench_run_annotations (CsBenchContext  *ctx,
                          GError         **error)
{
  Bench bench = { .ctx = ctx };
  g_autoptr(GPtrArray) polygons = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gboolean done;

  g_return_val_if_fail (ctx != NULL && ctx->results != NULL, FALSE);

  plane_size (ctx, &bench.width, &bench.height);
  bench.n_frames = ctx->quick ? 30 : 60;
  bench.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_WIDTH, VIEW_HEIGHT);

  {
    g_autoptr(GPtrArray) few = make_polygons (&bench, 10000);

    measure_overlay (&bench, few, "overlay_10k", _("10,000 polygons"));
  }
  dir = g_dir_make_tmp ("consilium-bench-XXXXXX", error);
  if (dir == NULL)
    {
      cairo_surface_destroy (bench.surface);
      return FALSE;
    }
  path = g_build_filename (dir, "annotations.geojson", NULL);
  bench.base_rss = cs_bench_current_rss ();
  polygons = make_polygons (&bench, 100000);
  measure_overlay (&bench, polygons, "overlay_100k", _("100,000 polygons"));
  done = measure_geojson (&bench, polygons, path, error);
  g_clear_pointer (&polygons, g_ptr_array_unref);
  if (done)
    {
      g_autoptr(GPtrArray) points = make_points (&bench, 1000000);

      measure_overlay (&bench, points, "points_1m", _("1,000,000 points"));
    }
  cairo_surface_destroy (bench.surface);
  g_unlink (path);
  g_rmdir (dir);
  if (!done)
    return FALSE;

  add (&bench, "in_view", bench.in_view, "", _("annotations in view, summed over every frame"));
  add (&bench, "drawn", bench.drawn, "",
       _("annotations drawn, as dots or in the density layer, summed over every frame"));
  /* The renderer's own count either way: what it found in view and what
   * it then drew must be the same. */
  add (&bench, "dropped", fabs ((double) bench.in_view - (double) bench.drawn), "",
       _("annotations in view and drawn, difference over every frame"));
  add_targets (&bench);

  return TRUE;
}
