/* test-annotation-render.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cs-annotation-render.h"
#include "cs-core-private.h"
#include "cs-test-utils.h"

/* Pixel tests of cs_annotation_render () on an image surface: where each
 * shape lands for a known viewport (rotation included), fills and holes,
 * hidden classes, and the level of detail (dots, density layer). */

#define TUMOUR 0xC83232
#define STROMA 0x3264C8
#define SIZE   400

typedef struct
{
  CsAnnotationList         *list;
  CsClassTable             *classes;
  CsAnnotationRenderOptions options;
  CsViewport                viewport;
  cairo_surface_t          *surface;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->list = cs_annotation_list_new ();
  f->classes = cs_class_table_new ();
  cs_class_table_ensure (f->classes, "Tumour", TUMOUR);
  cs_class_table_ensure (f->classes, "Stroma", STROMA);
  cs_annotation_render_options_init (&f->options);
  f->options.classes = f->classes;
  f->options.fill_alpha = 0.5;
  cs_viewport_init (&f->viewport, 0, 0, 1.0, SIZE, SIZE);
  f->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->list);
  g_clear_object (&f->classes);
  g_clear_pointer (&f->surface, cairo_surface_destroy);
}

static CsAnnotation *
add (Fixture    *f,
     CsShape     shape,
     CsGeometry *geometry,
     const char *class_name)
{
  g_autoptr(CsGeometry) owned = geometry;
  g_autoptr(CsAnnotation) annotation = cs_annotation_new (shape, owned);

  cs_annotation_set_class_name (annotation, class_name);
  cs_annotation_list_add (f->list, annotation);

  return annotation;
}

static CsGeometry *
square (double x,
        double y,
        double size)
{
  CsRect rect = { x, y, size, size };

  return cs_geometry_new_rectangle (&rect);
}

static void
render (Fixture                 *f,
        CsAnnotationRenderStats *stats)
{
  g_autoptr(cairo_t) cr = cairo_create (f->surface);

  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cs_annotation_render_annotations (cr, f->list, &f->viewport, &f->options, stats);
  cairo_surface_flush (f->surface);
}

static guint32
pixel (Fixture *f,
       double   x,
       double   y)
{
  const guchar *data = cairo_image_surface_get_data (f->surface);
  int stride = cairo_image_surface_get_stride (f->surface);
  int ix = (int) floor (x), iy = (int) floor (y);

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, SIZE);
  g_assert_cmpint (iy, <, SIZE);

  return ((const guint32 *) (data + iy * stride))[ix];
}

/* Premultiplied @rgb at @alpha, within one step of rounding. */
static void
assert_tint (guint32 actual,
             guint32 rgb,
             double   alpha)
{
  for (int shift = 0; shift < 32; shift += 8)
    {
      double value = shift == 24 ? 255 : (rgb >> shift) & 0xff;
      int expected = (int) lround (value * alpha);
      int got = (actual >> shift) & 0xff;

      if (ABS (got - expected) > 2)
        g_error ("pixel 0x%08x is not 0x%06x at alpha %.2f", actual, rgb, alpha);
    }
}

static void
image_to_screen (Fixture *f,
                 double   x,
                 double   y,
                 double  *sx,
                 double  *sy)
{
  cs_viewport_to_screen (&f->viewport, x, y, sx, sy);
}

static void
test_fill_and_hole (Fixture       *f,
                    gconstpointer  data)
{
  const CsPoint shell[] = { { 100, 100 }, { 1300, 100 }, { 1300, 1300 }, { 100, 1300 } };
  const CsPoint hole[] = { { 500, 500 }, { 900, 500 }, { 900, 900 }, { 500, 900 } };
  CsGeometry *geometry = cs_geometry_new ();
  CsAnnotationRenderStats stats;
  double sx, sy;

  cs_geometry_add_ring (geometry, shell, G_N_ELEMENTS (shell));
  cs_geometry_add_ring (geometry, hole, G_N_ELEMENTS (hole));
  add (f, CS_SHAPE_POLYGON, geometry, "Tumour");
  /* Level-0 (50, 50) at the top left, a quarter of the size. */
  cs_viewport_init (&f->viewport, 50, 50, 0.25, SIZE, SIZE);

  render (f, &stats);
  g_assert_cmpuint (stats.n_visible, ==, 1);
  g_assert_cmpuint (stats.n_shapes, ==, 1);
  g_assert_false (stats.density);

  image_to_screen (f, 300, 300, &sx, &sy);
  g_assert_cmpfloat_with_epsilon (sx, 62.5, 1e-9);
  assert_tint (pixel (f, sx, sy), TUMOUR, 0.5);
  image_to_screen (f, 700, 700, &sx, &sy);
  g_assert_cmpuint (pixel (f, sx, sy), ==, 0);
  /* The outline is opaque, on the shell's edge. */
  image_to_screen (f, 100, 700, &sx, &sy);
  assert_tint (pixel (f, sx, sy), TUMOUR, 1.0);
  /* Outside. */
  image_to_screen (f, 1400, 700, &sx, &sy);
  g_assert_cmpuint (pixel (f, sx, sy), ==, 0);
  g_assert_cmpuint (pixel (f, 5, 5), ==, 0);
}

static void
test_points (Fixture       *f,
             gconstpointer  data)
{
  const CsPoint points[] = { { 40, 60 }, { 300, 200 }, { 120, 350 } };
  CsAnnotationRenderStats stats;

  add (f, CS_SHAPE_POINTS, cs_geometry_new_ring (points, G_N_ELEMENTS (points)), "Stroma");
  render (f, &stats);
  g_assert_cmpuint (stats.n_shapes, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      assert_tint (pixel (f, points[i].x, points[i].y), STROMA, 1.0);
      /* A disc, a few pixels across: not farther. */
      assert_tint (pixel (f, points[i].x + 2, points[i].y), STROMA, 1.0);
      g_assert_cmpuint (pixel (f, points[i].x + 8, points[i].y), ==, 0);
    }
  g_assert_cmpuint (pixel (f, 200, 130), ==, 0);
}

static void
test_rotation (Fixture       *f,
               gconstpointer  data)
{
  double sx, sy, ux, uy;
  cairo_matrix_t matrix;

  add (f, CS_SHAPE_RECTANGLE, square (40, 40, 60), "Tumour");
  cs_viewport_set_rotation (&f->viewport, 90);
  render (f, NULL);

  /* The square's centre, (70, 70), turns about the view's centre. */
  image_to_screen (f, 70, 70, &sx, &sy);
  g_assert_cmpfloat_with_epsilon (sx, 330, 1e-9);
  g_assert_cmpfloat_with_epsilon (sy, 70, 1e-9);
  assert_tint (pixel (f, sx, sy), TUMOUR, 0.5);
  /* Where it was upright there is nothing now. */
  g_assert_cmpuint (pixel (f, 70, 70), ==, 0);

  /* The matrix agrees with the viewport at any angle. */
  cs_viewport_set_rotation (&f->viewport, 33);
  cs_annotation_render_get_matrix (&f->viewport, &matrix);
  ux = 1234.5;
  uy = -87.25;
  cs_viewport_to_screen (&f->viewport, ux, uy, &sx, &sy);
  cairo_matrix_transform_point (&matrix, &ux, &uy);
  g_assert_cmpfloat_with_epsilon (ux, sx, 1e-9);
  g_assert_cmpfloat_with_epsilon (uy, sy, 1e-9);
}

static gboolean
surface_is_empty (Fixture *f)
{
  for (int y = 0; y < SIZE; y++)
    for (int x = 0; x < SIZE; x++)
      if (pixel (f, x, y) != 0)
        return FALSE;
  return TRUE;
}

static void
test_hidden (Fixture       *f,
             gconstpointer  data)
{
  CsAnnotation *annotation = add (f, CS_SHAPE_RECTANGLE, square (50, 50, 100), "Tumour");
  g_autoptr(CsAnnotation) hidden = NULL;
  CsAnnotationRenderStats stats;

  render (f, &stats);
  g_assert_false (surface_is_empty (f));

  cs_class_item_set_visible (cs_class_table_lookup (f->classes, "Tumour"), FALSE);
  render (f, &stats);
  g_assert_cmpuint (stats.n_visible, ==, 0);
  g_assert_true (surface_is_empty (f));

  cs_class_item_set_visible (cs_class_table_lookup (f->classes, "Tumour"), TRUE);
  hidden = cs_annotation_copy (annotation);
  cs_annotation_set_hidden (hidden, TRUE);
  cs_annotation_list_update (f->list, hidden);
  render (f, &stats);
  g_assert_true (surface_is_empty (f));
}

/* Opaque dark pixels (a label's backdrop) in [x0, x1) x [y0, y1). */
static guint
count_dark (Fixture *f,
            int      x0,
            int      y0,
            int      x1,
            int      y1)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 p = pixel (f, x, y);

        n += (p >> 24) > 0x80 && ((p >> 16) & 0xff) < 0x40;
      }
  return n;
}

static void
test_lines_arrows_notes (Fixture       *f,
                         gconstpointer  data)
{
  const CsPoint ruler[] = { { 50, 300 }, { 350, 300 } };
  const CsPoint arrow[] = { { 50, 50 }, { 200, 50 } };
  const CsPoint note[] = { { 300, 120 } };
  g_autoptr(CsAnnotation) named = NULL;
  CsAnnotation *text;

  add (f, CS_SHAPE_LINE, cs_geometry_new_ring (ruler, 2), "Tumour");
  add (f, CS_SHAPE_ARROW, cs_geometry_new_ring (arrow, 2), "Stroma");
  text = add (f, CS_SHAPE_TEXT, cs_geometry_new_ring (note, 1), "Stroma");
  named = cs_annotation_copy (text);
  cs_annotation_set_name (named, "Mitosis here");
  cs_annotation_list_update (f->list, named);
  render (f, NULL);

  assert_tint (pixel (f, 120, 300), TUMOUR, 1.0);
  /* The head: wide near the tip, where the shaft alone is 2 px. */
  assert_tint (pixel (f, 190, 52), STROMA, 1.0);
  g_assert_cmpuint (pixel (f, 120, 52), ==, 0);
  assert_tint (pixel (f, 300, 120), STROMA, 1.0);

  /* The ruler's length sits in a dark box above its middle; the note's
   * text to the right of its marker. */
  g_assert_cmpuint (pixel (f, 200, 290) >> 24, >, 0x80);
  g_assert_cmpuint (count_dark (f, 185, 280, 215, 294), >, 100);
  g_assert_cmpuint (pixel (f, 200, 330), ==, 0);
  g_assert_cmpuint (pixel (f, 320, 120) >> 24, >, 0x80);

  /* Selected, the note's pin gets a ring: it has no handles to show. */
  g_assert_cmpuint (pixel (f, 300, 108), ==, 0);
  {
    g_autoptr(CsAnnotationEditor) editor = cs_annotation_editor_new (f->list);

    cs_annotation_editor_select (editor, cs_annotation_list_lookup (f->list, cs_annotation_get_id (text)),
                                 FALSE);
    f->options.editor = editor;
    render (f, NULL);
    f->options.editor = NULL;
    g_assert_cmpuint (pixel (f, 300, 108) >> 24, >, 0x80);
  }
}

static void
test_labels (Fixture       *f,
             gconstpointer  data)
{
  CsAnnotation *area = add (f, CS_SHAPE_RECTANGLE, square (100, 200, 150), "Tumour");
  g_autoptr(CsAnnotation) named = cs_annotation_copy (area);

  cs_annotation_set_name (named, "Invasive focus");
  cs_annotation_list_update (f->list, named);

  /* Off: nothing above the rectangle. */
  render (f, NULL);
  g_assert_cmpuint (count_dark (f, 100, 160, 250, 196), ==, 0);

  /* On: its name and area in a dark box above it, centred. */
  f->options.show_labels = TRUE;
  render (f, NULL);
  g_assert_cmpuint (count_dark (f, 100, 160, 250, 196), >, 300);
  g_assert_cmpuint (count_dark (f, 0, 160, 60, 196), ==, 0);
}

static void
test_tiny_is_a_dot (Fixture       *f,
                    gconstpointer  data)
{
  CsAnnotationRenderStats stats;
  double sx, sy;

  add (f, CS_SHAPE_POLYGON, square (1000, 1000, 10), "Tumour");
  cs_viewport_init (&f->viewport, 0, 0, 0.1, SIZE, SIZE);
  render (f, &stats);

  g_assert_cmpuint (stats.n_dots, ==, 1);
  image_to_screen (f, 1005, 1005, &sx, &sy);
  assert_tint (pixel (f, sx, sy), TUMOUR, 1.0);
}

static void
test_density (Fixture       *f,
              gconstpointer  data)
{
  const guint n = 200000;
  g_autoptr(GArray) points = g_array_sized_new (FALSE, FALSE, sizeof (CsPoint), n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  CsAnnotationRenderStats stats;
  guint n_empty = 0;

  /* Clusters and scattered points over 18,000 x 14,000 level-0 pixels, in a view of 20,000 x 20,000. */
  for (guint i = 0; i < n; i++)
    {
      CsPoint p;

      if (i % 4 == 0)
        p = (CsPoint) { g_rand_double_range (rand, 0, 18000), g_rand_double_range (rand, 0, 14000) };
      else
        p = (CsPoint) { 5000 + g_rand_double_range (rand, 0, 2000) + (i % 3) * 4000,
                        6000 + g_rand_double_range (rand, 0, 3000) };
      g_array_append_val (points, p);
    }
  add (f, CS_SHAPE_POINTS, cs_geometry_new_ring ((CsPoint *) points->data, n), "Tumour");
  add (f, CS_SHAPE_RECTANGLE, square (15000, 15000, 2000), "Stroma");
  cs_viewport_init (&f->viewport, 0, 0, SIZE / 20000.0, SIZE, SIZE);

  render (f, &stats);
  g_assert_true (stats.density);
  g_assert_cmpuint (stats.n_dense, ==, 1);
  /* The rectangle is 40 px across: large enough to keep its shape. */
  g_assert_cmpuint (stats.n_shapes, ==, 1);

  for (guint i = 0; i < n; i++)
    {
      const CsPoint *p = &g_array_index (points, CsPoint, i);
      double sx, sy;

      image_to_screen (f, p->x, p->y, &sx, &sy);
      if (sx >= SIZE || sy >= SIZE)
        continue;
      if ((pixel (f, sx, sy) >> 24) < 0x70)
        n_empty++;
    }
  g_assert_cmpuint (n_empty, ==, 0);
  /* Where there are no points, nothing. */
  g_assert_cmpuint (pixel (f, 390, 390) >> 24, <, 0x70);
}

/* 40,000 tiny detections: each is a cell of the density layer or a dot. */
static void
test_many_small_annotations (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  CsAnnotationRenderStats stats;

  for (guint i = 0; i < 40000; i++)
    {
      CsGeometry *geometry = square ((i % 200) * 100.0, (i / 200) * 100.0, 8);

      g_ptr_array_add (added, cs_annotation_new (CS_SHAPE_POLYGON, geometry));
      cs_geometry_unref (geometry);
    }
  cs_annotation_list_add_many (f->list, added, "test");
  cs_viewport_init (&f->viewport, 0, 0, SIZE / 20000.0, SIZE, SIZE);
  render (f, &stats);

  g_assert_true (stats.density);
  g_assert_cmpuint (stats.n_dense, ==, 40000);
  for (guint i = 0; i < 40000; i += 997)
    {
      double sx, sy;

      image_to_screen (f, (i % 200) * 100.0 + 4, (i / 200) * 100.0 + 4, &sx, &sy);
      assert_tint (pixel (f, sx, sy), CS_UNCLASSIFIED_COLOR, (pixel (f, sx, sy) >> 24) / 255.0);
      g_assert_cmpuint (pixel (f, sx, sy) >> 24, >=, 0x70);
    }
}

/* Coloured by author, two consultants' annotations of the same class
 * are told apart, each in the colour its author always gets; without
 * the option they share the class colour. */
static void
test_color_by_author (Fixture       *f,
                      gconstpointer  data)
{
  CsAnnotation *ada = add (f, CS_SHAPE_RECTANGLE, square (20, 20, 100), "Tumour");
  CsAnnotation *bea = add (f, CS_SHAPE_RECTANGLE, square (220, 20, 100), "Tumour");
  g_autoptr(CsAnnotation) ada_copy = cs_annotation_copy (ada);
  g_autoptr(CsAnnotation) bea_copy = cs_annotation_copy (bea);
  guint32 ada_rgb = cs_annotation_render_author_color ("Dr Ada Lovelace");
  guint32 bea_rgb = cs_annotation_render_author_color ("Dr Bea Okafor");
  CsAnnotationRenderStats stats;

  /* Stable: a fixed palette and a fixed hash. */
  g_assert_cmphex (ada_rgb, ==, cs_annotation_render_author_color ("Dr Ada Lovelace"));
  g_assert_cmphex (ada_rgb, !=, bea_rgb);
  g_assert_cmphex (cs_annotation_render_author_color (NULL), ==, CS_UNCLASSIFIED_COLOR);
  g_assert_cmphex (cs_annotation_render_author_color (""), ==, CS_UNCLASSIFIED_COLOR);

  cs_annotation_set_author (ada_copy, "Dr Ada Lovelace");
  cs_annotation_set_author (bea_copy, "Dr Bea Okafor");
  cs_annotation_list_update (f->list, ada_copy);
  cs_annotation_list_update (f->list, bea_copy);

  render (f, &stats);
  assert_tint (pixel (f, 70, 70), TUMOUR, 0.5);
  assert_tint (pixel (f, 270, 70), TUMOUR, 0.5);

  f->options.color_by_author = TRUE;
  render (f, &stats);
  assert_tint (pixel (f, 70, 70), ada_rgb, 0.5);
  assert_tint (pixel (f, 270, 70), bea_rgb, 0.5);
  assert_tint (pixel (f, 20, 70), ada_rgb, 1.0);
  g_assert_cmphex (cs_annotation_render_color (&f->options, ada_copy), ==, ada_rgb);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cs/annotation-render/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("fill-and-hole", test_fill_and_hole);
  ADD ("points", test_points);
  ADD ("rotation", test_rotation);
  ADD ("hidden", test_hidden);
  ADD ("lines-arrows-notes", test_lines_arrows_notes);
  ADD ("labels", test_labels);
  ADD ("tiny-is-a-dot", test_tiny_is_a_dot);
  ADD ("density", test_density);
  ADD ("many-small-annotations", test_many_small_annotations);
  ADD ("color-by-author", test_color_by_author);

  return g_test_run ();
}
