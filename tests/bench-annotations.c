/* bench-annotations.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cs-annotation-render.h"
#include "cs-core-private.h"
#include "cs-geojson.h"
#include "cs-renderer.h"
#include "cs-test-source.h"

/* Annotation scale, measured (meson test --benchmark annotations): 100,000
 * polygons and 1,000,000 points on a 200,000 x 100,000 px slide. Each
 * overlay frame is set against the baseline of the same run: a frame of
 * the slide's tiles for the same 1920 x 1080 view (computed tiles, no I/O),
 * so the ratio says what the overlay adds to what a frame costs anyway. */

#define SLIDE_W  200000.0
#define SLIDE_H  100000.0
#define VIEW_W   1920
#define VIEW_H   1080

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static CsAnnotation *
make_polygon (GRand *rand,
              guint  n_vertices)
{
  g_autofree CsPoint *points = g_new (CsPoint, n_vertices);
  double cx = g_rand_double_range (rand, 200, SLIDE_W - 200);
  double cy = g_rand_double_range (rand, 200, SLIDE_H - 200);
  double r = g_rand_double_range (rand, 20, 150);
  g_autoptr(CsGeometry) geometry = NULL;

  for (guint i = 0; i < n_vertices; i++)
    {
      double t = 2 * G_PI * i / n_vertices;
      double rr = r * (0.8 + 0.2 * sin (5 * t));

      points[i] = (CsPoint) { cx + rr * cos (t), cy + rr * sin (t) };
    }
  geometry = cs_geometry_new_ring (points, n_vertices);
  return cs_annotation_new (CS_SHAPE_POLYGON, geometry);
}

static GPtrArray *
make_polygons (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  GPtrArray *annotations = g_ptr_array_new_with_free_func (g_object_unref);
  const char *classes[] = { "Tumour", "Stroma", "Necrosis", "Immune cells" };

  for (guint i = 0; i < n; i++)
    {
      CsAnnotation *a = make_polygon (rand, 24);

      cs_annotation_set_class_name (a, classes[i % G_N_ELEMENTS (classes)]);
      g_ptr_array_add (annotations, a);
    }
  return annotations;
}

static GPtrArray *
make_points (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GPtrArray *annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree CsPoint *points = g_new (CsPoint, n);
  g_autoptr(CsGeometry) geometry = NULL;
  CsAnnotation *set;

  for (guint i = 0; i < n; i++)
    points[i] = (CsPoint) { g_rand_double_range (rand, 0, SLIDE_W), g_rand_double_range (rand, 0, SLIDE_H) };
  geometry = cs_geometry_new_ring (points, n);
  set = cs_annotation_new (CS_SHAPE_POINTS, geometry);
  cs_annotation_set_class_name (set, "Immune cells");
  g_ptr_array_add (annotations, set);
  return annotations;
}

/* The best of @n runs, in ms: the frame a user sees once caches are warm. */
static double
time_overlay (CsAnnotationList                *list,
              const CsViewport                *viewport,
              const CsAnnotationRenderOptions *options,
              guint                            n)
{
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_W, VIEW_H);
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      cairo_t *cr = cairo_create (surface);
      double t0 = now_ms ();

      cs_annotation_render (cr, list, viewport, options);
      cairo_surface_flush (surface);
      best = MIN (best, now_ms () - t0);
      cairo_destroy (cr);
    }
  return best;
}

static double
time_tiles (CsTileSource     *source,
            const CsViewport *viewport,
            guint             n)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(cairo_surface_t) surface = NULL;
      double t0 = now_ms ();

      if (!cs_render_viewport (source, viewport, &surface, NULL, NULL))
        g_error ("baseline frame failed");
      best = MIN (best, now_ms () - t0);
    }
  return best;
}

static void
report_frames (const char       *what,
               CsAnnotationList *list,
               CsTileSource     *source)
{
  g_autoptr(CsClassTable) classes = cs_class_table_new_default ();
  CsAnnotationRenderOptions options;
  struct { const char *name; double zoom; } zooms[] = {
    { "whole slide", VIEW_W / SLIDE_W },
    { "2.5x (0.1)", 0.1 },
    { "10x (0.4)", 0.4 },
    { "40x (1:1)", 1.0 },
  };

  cs_annotation_render_options_init (&options);
  options.classes = classes;
  options.calibration = (CsCalibration) { 0.25, 0.25 };
  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      CsViewport viewport;
      double overlay, tiles;

      cs_viewport_init (&viewport, 0, 0, zooms[i].zoom, VIEW_W, VIEW_H);
      cs_viewport_set_center (&viewport, SLIDE_W / 2, SLIDE_H / 2);
      overlay = time_overlay (list, &viewport, &options, 5);
      tiles = time_tiles (source, &viewport, 3);
      g_print ("  %-12s %-12s overlay %8.2f ms   tile frame %8.2f ms   ratio %5.2f\n",
               what, zooms[i].name, overlay, tiles, overlay / tiles);
    }
}

static void
bench_files (GPtrArray *annotations)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(CsAnnotationImport) import = cs_annotation_import_new (CS_ANNOTATION_FORMAT_GEOJSON);
  g_autoptr(GError) error = NULL;
  CsAnnotationExport context = { .slide_width = (gint64) SLIDE_W, .slide_height = (gint64) SLIDE_H,
                                  .microns_per_pixel = 0.25 };
  double t0, write_ms, read_ms;
  gsize size;

  t0 = now_ms ();
  if (!cs_geojson_write (out, annotations, &context, NULL, &error) ||
      !g_output_stream_close (out, NULL, &error))
    g_error ("%s", error->message);
  write_ms = now_ms () - t0;
  size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
  in = g_memory_input_stream_new_from_data (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                                            size, NULL);
  t0 = now_ms ();
  if (!cs_geojson_read (in, "bench.geojson", import, NULL, &error))
    g_error ("%s", error->message);
  read_ms = now_ms () - t0;
  g_assert_cmpuint (import->annotations->len, ==, annotations->len);
  g_print ("  GeoJSON      %u polygons, %.1f MB: write %.0f ms, read %.0f ms\n",
           annotations->len, size / 1e6, write_ms, read_ms);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) polygons = make_polygons (100000);
  g_autoptr(GPtrArray) points = make_points (1000000);
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationList) point_list = cs_annotation_list_new ();
  g_autoptr(CsTestSource) source = cs_test_source_new ((gint64) SLIDE_W, (gint64) SLIDE_H, 10);
  double t0;

  g_print ("Annotation benchmark: 100,000 polygons of 24 vertices, 1,000,000 points, "
           "%d x %d view\n", VIEW_W, VIEW_H);
  t0 = now_ms ();
  cs_annotation_list_add_many (list, polygons, "Import");
  g_print ("  list         add 100,000 polygons as one step: %.0f ms\n", now_ms () - t0);
  t0 = now_ms ();
  g_assert_true (cs_annotation_list_undo (list));
  g_assert_true (cs_annotation_list_redo (list));
  g_print ("  list         undo + redo of that step: %.0f ms\n", now_ms () - t0);
  cs_annotation_list_load (point_list, points);

  bench_files (polygons);
  report_frames ("polygons", list, CS_TILE_SOURCE (source));
  report_frames ("points", point_list, CS_TILE_SOURCE (source));
  return 0;
}
