/* test-annotation-raster.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cs-annotation-raster.h"
#include "cs-core-private.h"
#include "cs-test-utils.h"

/* The cached raster layer (cs-annotation-raster.h) against the vector
 * renderer it caches: the same pixels within a tolerance at several zooms,
 * an edit that renders only the tiles it touches and shows in the next
 * frame, hidden classes, another level's tiles while a level is missing,
 * and nothing in view left out. */

#define TUMOUR 0xC83232
#define STROMA 0x3264C8
#define PLANE  8192.0
#define VIEW   1024
#define N      2000
#define WAIT   10000

typedef struct
{
  CsAnnotationList          *list;
  CsClassTable              *classes;
  CsAnnotationRaster        *raster;
  CsAnnotationRenderOptions  options;
  cairo_surface_t           *raster_surface;
  cairo_surface_t           *vector_surface;
} Fixture;

/* Squares of 30 to 120 px and a diamond every fifth, half of them
 * Tumour, half Stroma, spread over the plane from a fixed seed. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < N; i++)
    {
      double x = g_rand_double_range (rand, 0, PLANE - 150);
      double y = g_rand_double_range (rand, 0, PLANE - 150);
      double size = g_rand_double_range (rand, 30, 120);
      CsPoint diamond[] = { { x + size / 2, y }, { x + size, y + size / 2 },
                            { x + size / 2, y + size }, { x, y + size / 2 } };
      CsRect rect = { x, y, size, size };
      g_autoptr(CsGeometry) geometry = i % 5 == 0 ? cs_geometry_new_ring (diamond, 4)
                                                  : cs_geometry_new_rectangle (&rect);
      CsAnnotation *annotation = cs_annotation_new (CS_SHAPE_POLYGON, geometry);

      cs_annotation_set_class_name (annotation, i % 2 == 0 ? "Tumour" : "Stroma");
      g_ptr_array_add (annotations, annotation);
    }
  f->list = cs_annotation_list_new ();
  cs_annotation_list_load (f->list, annotations);
  f->classes = cs_class_table_new ();
  cs_class_table_ensure (f->classes, "Tumour", TUMOUR);
  cs_class_table_ensure (f->classes, "Stroma", STROMA);
  cs_annotation_render_options_init (&f->options);
  f->options.classes = f->classes;
  f->options.fill_alpha = 0.25;
  f->raster = cs_annotation_raster_new (f->list);
  f->raster_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW, VIEW);
  f->vector_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW, VIEW);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->raster);
  g_clear_object (&f->list);
  g_clear_object (&f->classes);
  g_clear_pointer (&f->raster_surface, cairo_surface_destroy);
  g_clear_pointer (&f->vector_surface, cairo_surface_destroy);
}

static cairo_t *
clear (cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);

  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  return cr;
}

/* The layer, from tiles or (nothing of the view rendered yet) vectors. */
static void
draw_layer (Fixture                 *f,
            const CsViewport        *viewport,
            CsAnnotationRasterStats *stats)
{
  g_autoptr(cairo_t) cr = clear (f->raster_surface);

  cs_annotation_raster_draw (f->raster, cr, viewport, &f->options, stats);
  cairo_surface_flush (f->raster_surface);
  /* Nothing in view (or in the tiles painted) is left out. */
  g_assert_cmpuint (stats->n_drawn, ==, stats->n_visible);
}

static void
draw_raster (Fixture                 *f,
             const CsViewport        *viewport,
             CsAnnotationRasterStats *stats)
{
  draw_layer (f, viewport, stats);
  g_assert_false (stats->vector);
}

/* Drawn (the first time, as vectors while the worker renders the
 * tiles), the worker's tiles awaited, drawn again from the cache. */
static void
draw_raster_settled (Fixture                 *f,
                     const CsViewport        *viewport,
                     CsAnnotationRasterStats *stats)
{
  draw_layer (f, viewport, stats);
  g_assert_true (cs_annotation_raster_wait (f->raster, WAIT));
  draw_raster (f, viewport, stats);
  g_assert_cmpuint (stats->n_ready, ==, stats->n_tiles);
}

static void
draw_vector (Fixture          *f,
             const CsViewport *viewport)
{
  g_autoptr(cairo_t) cr = clear (f->vector_surface);
  CsAnnotationRenderStats stats;

  cs_annotation_render_annotations (cr, f->list, viewport, &f->options, &stats);
  cairo_surface_flush (f->vector_surface);
  g_assert_false (stats.density);
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return ((const guint32 *) (data + y * stride))[x];
}

static int
channel_difference (guint32 a,
                    guint32 b)
{
  int worst = 0;

  for (int shift = 0; shift < 32; shift += 8)
    worst = MAX (worst, ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));
  return worst;
}

/* The share of pixels whose channels differ by more than @tolerance, and
 * that some pixels are drawn at all. */
static double
share_different (Fixture *f,
                 int      tolerance)
{
  guint n_different = 0, n_drawn = 0;

  for (int y = 0; y < VIEW; y++)
    for (int x = 0; x < VIEW; x++)
      {
        guint32 r = pixel (f->raster_surface, x, y), v = pixel (f->vector_surface, x, y);

        n_drawn += v != 0;
        n_different += channel_difference (r, v) > tolerance;
      }
  g_assert_cmpuint (n_drawn, >, VIEW * VIEW / 50);
  return (double) n_different / (VIEW * VIEW);
}

static gboolean
has_color (cairo_surface_t *surface,
           guint32          rgb)
{
  for (int y = 0; y < VIEW; y++)
    for (int x = 0; x < VIEW; x++)
      if ((pixel (surface, x, y) & 0xffffff) == rgb && (pixel (surface, x, y) >> 24) == 0xff)
        return TRUE;
  return FALSE;
}

/* At a level's own zoom, placed on whole pixels, the tiles are the
 * vector rendering but for anti-aliasing where paths cross tile edges;
 * between levels, scaled by up to sqrt(2), still close. */
static void
test_matches_vectors (Fixture       *f,
                      gconstpointer  data)
{
  const struct { double zoom; double x; double y; int tolerance; double share; } cases[] = {
    { 0.5, 1024, 2048, 8, 0.002 },
    { 0.25, 512, 0, 8, 0.002 },
    { 0.125, 0, 0, 8, 0.002 },
    { 0.3, 700, 900, 96, 0.03 },
    { 0.18, 0, 0, 96, 0.03 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CsAnnotationRasterStats stats;
      CsViewport viewport;
      double share;

      cs_viewport_init (&viewport, cases[i].x, cases[i].y, cases[i].zoom, VIEW, VIEW);
      draw_raster_settled (f, &viewport, &stats);
      draw_vector (f, &viewport);
      share = share_different (f, cases[i].tolerance);
      g_test_message ("zoom %g: %.4f of the pixels differ by more than %d", cases[i].zoom, share,
                      cases[i].tolerance);
      g_assert_cmpfloat (share, <=, cases[i].share);
      g_assert_cmpint (stats.level, ==, (int) lround (-log2 (cases[i].zoom)));
    }
}

/* A square added in the middle of a tile: that tile alone is rendered
 * again, here and now, and the frame shows it. */
static void
test_edit_invalidates_its_tiles (Fixture       *f,
                                 gconstpointer  data)
{
  /* Level 2 (zoom 0.25): tiles of 2048 level-0 px. */
  CsRect rect = { 2048 + 900, 2048 + 900, 200, 200 };
  g_autoptr(CsGeometry) geometry = cs_geometry_new_rectangle (&rect);
  g_autoptr(CsAnnotation) added = cs_annotation_new (CS_SHAPE_POLYGON, geometry);
  CsAnnotationRasterStats stats;
  CsViewport viewport;
  guint renders;
  double sx, sy;

  cs_class_table_ensure (f->classes, "Marked", 0x10E020);
  cs_viewport_init (&viewport, 0, 0, 0.25, VIEW, VIEW);
  draw_raster_settled (f, &viewport, &stats);
  g_assert_cmpuint (stats.n_tiles, ==, 4);
  g_assert_false (has_color (f->raster_surface, 0x10E020));

  cs_annotation_set_class_name (added, "Marked");
  renders = cs_annotation_raster_get_n_renders (f->raster);
  cs_annotation_list_add (f->list, added);
  draw_raster (f, &viewport, &stats);
  g_assert_cmpuint (stats.n_rendered, ==, 1);
  g_assert_cmpuint (stats.n_ready, ==, 3);
  g_assert_cmpuint (cs_annotation_raster_get_n_renders (f->raster), ==, renders + 1);
  cs_viewport_to_screen (&viewport, rect.x, rect.y + 100, &sx, &sy);
  g_assert_cmphex (pixel (f->raster_surface, (int) sx, (int) sy) & 0xffffff, ==, 0x10E020);

  /* Undone: gone in the next frame too. */
  g_assert_true (cs_annotation_list_undo (f->list));
  draw_raster (f, &viewport, &stats);
  g_assert_cmpuint (stats.n_rendered, ==, 1);
  g_assert_false (has_color (f->raster_surface, 0x10E020));
  g_assert_true (cs_annotation_raster_wait (f->raster, WAIT));
}

static void
test_hidden_class (Fixture       *f,
                   gconstpointer  data)
{
  CsAnnotationRasterStats stats;
  CsViewport viewport;

  cs_viewport_init (&viewport, 0, 0, 0.125, VIEW, VIEW);
  draw_raster_settled (f, &viewport, &stats);
  g_assert_true (has_color (f->raster_surface, STROMA));

  cs_class_item_set_visible (cs_class_table_lookup (f->classes, "Stroma"), FALSE);
  /* Every tile is of the old colours: none is shown. */
  draw_layer (f, &viewport, &stats);
  g_assert_true (stats.vector);
  g_assert_false (has_color (f->raster_surface, STROMA));
  g_assert_true (has_color (f->raster_surface, TUMOUR));
  draw_raster_settled (f, &viewport, &stats);
  draw_vector (f, &viewport);
  g_assert_false (has_color (f->raster_surface, STROMA));
  g_assert_cmpfloat (share_different (f, 8), <=, 0.002);
}

/* Zoomed in to a level not rendered yet: the coarser level's tiles,
 * scaled, while the worker renders it; nothing is missing meanwhile. */
static void
test_other_level_while_missing (Fixture       *f,
                                gconstpointer  data)
{
  CsAnnotationRasterStats stats;
  CsViewport viewport;

  cs_viewport_init (&viewport, 0, 0, 0.125, VIEW, VIEW);
  draw_raster_settled (f, &viewport, &stats);
  cs_viewport_init (&viewport, 0, 0, 0.25, VIEW, VIEW);
  draw_raster (f, &viewport, &stats);
  g_assert_cmpuint (stats.n_scaled, ==, stats.n_tiles);
  g_assert_cmpuint (stats.n_rendered, ==, 0);
  draw_vector (f, &viewport);
  g_assert_cmpfloat (share_different (f, 160), <=, 0.1);
  g_assert_true (cs_annotation_raster_wait (f->raster, WAIT));
  draw_raster (f, &viewport, &stats);
  g_assert_cmpuint (stats.n_ready, ==, stats.n_tiles);
  g_assert_cmpfloat (share_different (f, 8), <=, 0.002);
}

/* Few in view: vectors, whatever the zoom. */
/* The list replaced (a file loaded): the old tiles are never shown. */
static void
test_load_replaces_tiles (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_object_unref);
  CsAnnotationRasterStats stats;
  CsViewport viewport;

  cs_viewport_init (&viewport, 0, 0, 0.125, VIEW, VIEW);
  draw_raster_settled (f, &viewport, &stats);
  g_assert_true (has_color (f->raster_surface, TUMOUR));

  cs_class_table_ensure (f->classes, "Marked", 0x10E020);
  for (guint i = 0; i < 100; i++)
    {
      CsRect rect = { 80.0 * i, 80.0 * i, 60, 60 };
      g_autoptr(CsGeometry) geometry = cs_geometry_new_rectangle (&rect);
      CsAnnotation *annotation = cs_annotation_new (CS_SHAPE_RECTANGLE, geometry);

      cs_annotation_set_class_name (annotation, "Marked");
      g_ptr_array_add (others, annotation);
    }
  cs_annotation_list_load (f->list, others);
  draw_layer (f, &viewport, &stats);
  g_assert_false (has_color (f->raster_surface, TUMOUR));
  g_assert_true (has_color (f->raster_surface, 0x10E020));
  draw_raster_settled (f, &viewport, &stats);
  g_assert_false (has_color (f->raster_surface, TUMOUR));
  g_assert_true (has_color (f->raster_surface, 0x10E020));
}

/* Nothing of the view rendered yet: its vectors, and its tiles asked for
 * (the first frame of a slide costs what it did without the layer). */
static void
test_cold_view_is_vectors (Fixture       *f,
                           gconstpointer  data)
{
  CsAnnotationRasterStats stats;
  CsViewport viewport;

  cs_viewport_init (&viewport, 0, 0, 0.25, VIEW, VIEW);
  draw_layer (f, &viewport, &stats);
  g_assert_true (stats.vector);
  g_assert_cmpuint (stats.n_visible, >, 64);
  draw_vector (f, &viewport);
  g_assert_cmpfloat (share_different (f, 0), ==, 0);
  g_assert_true (cs_annotation_raster_wait (f->raster, WAIT));
  draw_raster (f, &viewport, &stats);
  g_assert_cmpuint (stats.n_ready, ==, stats.n_tiles);
}

static void
test_few_are_vectors (Fixture       *f,
                      gconstpointer  data)
{
  CsAnnotationRasterStats stats;
  CsViewport viewport;

  cs_viewport_init (&viewport, 0, 0, 1.0, 256, 256);
  draw_layer (f, &viewport, &stats);
  g_assert_true (stats.vector);
  g_assert_cmpuint (stats.n_tiles, ==, 0);
}

/* Gone while the worker has tiles queued: the queued jobs are dropped
 * with the references they hold, the running one is finished. */
static void
test_finalize_while_busy (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(cairo_t) cr = clear (f->raster_surface);
  CsAnnotationRasterStats stats;
  gpointer annotation = g_list_model_get_item (G_LIST_MODEL (f->list), 0);
  CsViewport viewport;

  g_object_add_weak_pointer (annotation, &annotation);
  g_object_unref (annotation);
  for (double zoom = 0.5; zoom >= 0.125; zoom /= 2)
    {
      cs_viewport_init (&viewport, 0, 0, zoom, VIEW, VIEW);
      cs_annotation_raster_draw (f->raster, cr, &viewport, &f->options, &stats);
    }
  g_clear_object (&f->raster);
  g_clear_object (&f->list);
  g_assert_null (annotation);
}

#define ADD(path, func) \
  g_test_add ("/cs/annotation-raster/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("matches-vectors", test_matches_vectors);
  ADD ("edit-invalidates-its-tiles", test_edit_invalidates_its_tiles);
  ADD ("hidden-class", test_hidden_class);
  ADD ("other-level-while-missing", test_other_level_while_missing);
  ADD ("cold-view-is-vectors", test_cold_view_is_vectors);
  ADD ("load-replaces-tiles", test_load_replaces_tiles);
  ADD ("few-are-vectors", test_few_are_vectors);
  ADD ("finalize-while-busy", test_finalize_while_busy);

  return g_test_run ();
}
