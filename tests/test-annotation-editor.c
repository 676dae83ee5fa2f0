/* test-annotation-editor.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "cs-geometry-ops.h"
#include "cs-test-editor.h"

/* The drawing tools, driven by synthetic pointer events in level-0
 * coordinates, each case at zoom 1 and 0.25. */

static guint
n_items (CsAnnotationList *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static void
assert_new_annotation (CsEditorFixture *f,
                       CsAnnotation    *a,
                       CsShape          shape)
{
  GPtrArray *selection = cs_annotation_editor_get_selection (f->editor);

  g_assert_cmpint (cs_annotation_get_shape (a), ==, shape);
  g_assert_cmpstr (cs_annotation_get_class_name (a), ==, "Tumour");
  g_assert_cmpstr (cs_annotation_get_author (a), ==, "Dr Ada");
  g_assert_cmpstr (cs_annotation_get_institution (a), ==, "St Elsewhere");
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_true (selection->pdata[0] == a);
}

static void
test_rectangle (CsEditorFixture *f,
                gconstpointer    data)
{
  g_autoptr(GPtrArray) before = cs_test_editor_snapshot (f->list);
  const CsShapeParams *p;
  CsAnnotation *a;
  double tiny = 2 / f->zoom;

  cs_annotation_editor_set_tool (f->editor, CS_TOOL_RECTANGLE);
  cs_test_editor_drag (f->editor, 300, 200, 100, 100, 0);
  g_assert_cmpuint (n_items (f->list), ==, 1);
  a = cs_test_editor_nth (f->list, 0);
  assert_new_annotation (f, a, CS_SHAPE_RECTANGLE);
  p = cs_annotation_get_params (a);
  g_assert_nonnull (p);
  g_assert_cmpfloat (p->cx, ==, 200);
  g_assert_cmpfloat (p->cy, ==, 150);
  g_assert_cmpfloat (p->width, ==, 200);
  g_assert_cmpfloat (p->height, ==, 100);
  g_assert_false (cs_annotation_editor_is_drawing (f->editor));
  cs_test_editor_check_step (f->list, before, "Draw Rectangle");

  /* Shift: a square, the larger side, towards the pointer. */
  cs_test_editor_drag (f->editor, 1000, 1000, 1100, 1050, CS_EDITOR_SHIFT);
  p = cs_annotation_get_params (cs_test_editor_nth (f->list, 1));
  g_assert_cmpfloat (p->width, ==, 100);
  g_assert_cmpfloat (p->height, ==, 100);
  g_assert_cmpfloat (p->cx, ==, 1050);
  g_assert_cmpfloat (p->cy, ==, 1050);

  /* Two screen pixels is a click, not a rectangle. */
  cs_test_editor_drag (f->editor, 500, 500, 500 + tiny, 500 + tiny, 0);
  g_assert_cmpuint (n_items (f->list), ==, 2);
}

static void
test_ellipse (CsEditorFixture *f,
              gconstpointer    data)
{
  g_autoptr(GPtrArray) before = cs_test_editor_snapshot (f->list);
  const CsEditorPreview *preview = cs_annotation_editor_get_preview (f->editor);
  const CsShapeParams *p;
  CsCalibration calibration = { 0.5, 0.5 };

  cs_annotation_editor_set_calibration (f->editor, &calibration);
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_ELLIPSE);
  cs_annotation_editor_press (f->editor, 0, 0, CS_EDITOR_SHIFT, 1);
  cs_annotation_editor_motion (f->editor, 200, 120, CS_EDITOR_SHIFT);
  /* While drawing: the circle so far and its live area in µm². */
  g_assert_true (cs_annotation_editor_is_drawing (f->editor));
  g_assert_nonnull (preview->geometry);
  g_assert_cmpint (preview->shape, ==, CS_SHAPE_ELLIPSE);
  g_assert_nonnull (preview->label);
  g_assert_true (g_str_has_suffix (preview->label, "µm²"));
  cs_annotation_editor_release (f->editor, 200, 120, CS_EDITOR_SHIFT);
  g_assert_null (preview->geometry);

  p = cs_annotation_get_params (cs_test_editor_nth (f->list, 0));
  assert_new_annotation (f, cs_test_editor_nth (f->list, 0), CS_SHAPE_ELLIPSE);
  g_assert_cmpfloat (p->width, ==, 200);
  g_assert_cmpfloat (p->height, ==, 200);
  cs_test_editor_check_step (f->list, before, "Draw Ellipse");
}

static void
test_polygon (CsEditorFixture *f,
              gconstpointer    data)
{
  g_autoptr(GPtrArray) before = cs_test_editor_snapshot (f->list);
  const CsEditorPreview *preview = cs_annotation_editor_get_preview (f->editor);
  CsGeometry *g;
  const CsPoint *ring;
  guint n;

  cs_annotation_editor_set_tool (f->editor, CS_TOOL_POLYGON);
  cs_test_editor_click (f->editor, 0, 0, 0, 1);
  cs_test_editor_click (f->editor, 400, 0, 0, 1);
  cs_annotation_editor_motion (f->editor, 400, 300, 0);
  /* Two vertices placed, the rubber band to the pointer. */
  g_assert_cmpuint (cs_geometry_get_n_points (preview->geometry), ==, 2);
  g_assert_cmpfloat (preview->cursor.x, ==, 400);
  g_assert_cmpfloat (preview->cursor.y, ==, 300);
  g_assert_cmpstr (preview->label, ==, "60,000 px²");
  cs_test_editor_click (f->editor, 400, 300, 0, 1);
  g_assert_cmpuint (n_items (f->list), ==, 0);
  /* A double click: its first click adds the vertex, its second closes. */
  cs_test_editor_click (f->editor, 0, 300, 0, 1);
  cs_test_editor_click (f->editor, 0, 300, 0, 2);
  g_assert_false (cs_annotation_editor_is_drawing (f->editor));
  g_assert_cmpuint (n_items (f->list), ==, 1);
  assert_new_annotation (f, cs_test_editor_nth (f->list, 0), CS_SHAPE_POLYGON);
  g = cs_annotation_get_geometry (cs_test_editor_nth (f->list, 0));
  ring = cs_geometry_get_ring (g, 0, 0, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (cs_geometry_ops_area (g), ==, 120000);
  g_assert_cmpfloat (ring[0].x, ==, 0);
  cs_test_editor_check_step (f->list, before, "Draw Polygon");

  /* Escape: nothing. */
  cs_test_editor_click (f->editor, 1000, 1000, 0, 1);
  cs_test_editor_click (f->editor, 1400, 1000, 0, 1);
  cs_test_editor_click (f->editor, 1400, 1400, 0, 1);
  g_assert_true (cs_annotation_editor_key (f->editor, CS_EDITOR_KEY_ESCAPE));
  g_assert_false (cs_annotation_editor_is_drawing (f->editor));
  g_assert_cmpuint (n_items (f->list), ==, 1);

  /* Backspace drops the last vertex; Enter closes. Two vertices do not. */
  cs_test_editor_click (f->editor, 1000, 1000, 0, 1);
  cs_test_editor_click (f->editor, 1400, 1000, 0, 1);
  g_assert_false (cs_annotation_editor_key (f->editor, CS_EDITOR_KEY_ENTER));
  cs_test_editor_click (f->editor, 1700, 1700, 0, 1);
  g_assert_true (cs_annotation_editor_key (f->editor, CS_EDITOR_KEY_BACKSPACE));
  cs_test_editor_click (f->editor, 1400, 1400, 0, 1);
  g_assert_true (cs_annotation_editor_key (f->editor, CS_EDITOR_KEY_ENTER));
  g_assert_cmpuint (n_items (f->list), ==, 2);
  g = cs_annotation_get_geometry (cs_test_editor_nth (f->list, 1));
  g_assert_cmpuint (cs_geometry_get_n_points (g), ==, 3);
  g_assert_cmpfloat (cs_geometry_ops_area (g), ==, 80000);
}

/* A hand-drawn circle of radius 300: 600 points with sub-pixel jitter. */
static void
draw_circle (CsAnnotationEditor *editor)
{
  cs_annotation_editor_press (editor, 1300, 1000, 0, 1);
  for (guint i = 1; i < 600; i++)
    {
      double t = 2 * G_PI * i / 600, r = 300 + 0.3 * sin (i * 2.1);

      cs_annotation_editor_motion (editor, 1000 + r * cos (t), 1000 + r * sin (t), 0);
    }
  cs_annotation_editor_release (editor, 1299, 1000, 0);
}

static void
test_freehand (CsEditorFixture *f,
               gconstpointer    data)
{
  g_autoptr(GPtrArray) before = cs_test_editor_snapshot (f->list);
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationEditor) closer = cs_annotation_editor_new (list);
  CsGeometry *g, *g_closer;
  double area;

  cs_annotation_editor_set_tool (f->editor, CS_TOOL_FREEHAND);
  draw_circle (f->editor);
  g_assert_cmpuint (n_items (f->list), ==, 1);
  assert_new_annotation (f, cs_test_editor_nth (f->list, 0), CS_SHAPE_FREEHAND);
  g = cs_annotation_get_geometry (cs_test_editor_nth (f->list, 0));
  area = cs_geometry_ops_area (g);
  g_assert_cmpuint (cs_geometry_get_n_points (g), <, 300);
  /* Chords within half a screen pixel of the stroke: 0.5% of this area at
   * zoom 1, four times that (still invisible) at zoom 0.25. */
  g_assert_cmpfloat (fabs (area - G_PI * 300 * 300) / area, <, 0.005 / f->zoom);
  cs_test_editor_check_step (f->list, before, "Draw Freehand");

  /* The tolerance is half a screen pixel: zoomed in 4× more, more kept. */
  cs_annotation_editor_set_zoom (closer, f->zoom * 4);
  cs_annotation_editor_set_tool (closer, CS_TOOL_FREEHAND);
  draw_circle (closer);
  g_closer = cs_annotation_get_geometry (cs_test_editor_nth (list, 0));
  g_assert_cmpuint (cs_geometry_get_n_points (g_closer), >, cs_geometry_get_n_points (g));

  /* A figure of eight crosses itself: stored repaired. */
  cs_annotation_editor_press (f->editor, 0, 0, 0, 1);
  cs_annotation_editor_motion (f->editor, 400, 400, 0);
  cs_annotation_editor_motion (f->editor, 400, 0, 0);
  cs_annotation_editor_motion (f->editor, 0, 400, 0);
  cs_annotation_editor_release (f->editor, 0, 400, 0);
  g = cs_annotation_get_geometry (cs_test_editor_nth (f->list, 1));
  g_assert_true (cs_geometry_ops_is_valid (g));
  g_assert_cmpfloat_with_epsilon (cs_geometry_ops_area (g), 80000, 1e-6);
}

static void
test_brush (CsEditorFixture *f,
            gconstpointer    data)
{
  g_autoptr(GPtrArray) before = cs_test_editor_snapshot (f->list);
  double r = 10 / f->zoom;
  double band = 2 * r * 400, disc = G_PI * r * r;
  CsAnnotation *region;
  double area;
  const CsEditorPreview *preview = cs_annotation_editor_get_preview (f->editor);

  cs_annotation_editor_set_tool (f->editor, CS_TOOL_BRUSH);
  cs_annotation_editor_set_brush_radius (f->editor, 10);
  cs_annotation_editor_motion (f->editor, 0, 0, 0);
  g_assert_cmpfloat (preview->brush_radius, ==, r);
  cs_test_editor_drag (f->editor, 0, 0, 400, 0, 0);
  g_assert_cmpuint (n_items (f->list), ==, 1);
  region = cs_test_editor_nth (f->list, 0);
  assert_new_annotation (f, region, CS_SHAPE_POLYGON);
  area = cs_geometry_ops_area (cs_annotation_get_geometry (region));
  g_assert_cmpfloat (fabs (area - (band + disc)), <, 2 * G_PI * r * 0.25);
  cs_test_editor_check_step (f->list, before, "Brush");

  /* A stroke touching the region of the class extends it, even when it is
   * not selected. */
  cs_annotation_editor_select_none (f->editor);
  g_clear_pointer (&before, g_ptr_array_unref);
  before = cs_test_editor_snapshot (f->list);
  cs_test_editor_drag (f->editor, 200, 0, 200, 400, 0);
  g_assert_cmpuint (n_items (f->list), ==, 1);
  region = cs_test_editor_nth (f->list, 0);
  g_assert_cmpfloat (cs_geometry_ops_area (cs_annotation_get_geometry (region)), >, area + band * 0.9);
  cs_test_editor_check_step (f->list, before, "Brush");

  /* Another class paints a region of its own. */
  cs_annotation_editor_set_class_name (f->editor, "Stroma");
  cs_annotation_editor_select_none (f->editor);
  cs_test_editor_drag (f->editor, 0, 10, 100, 10, 0);
  g_assert_cmpuint (n_items (f->list), ==, 2);
  cs_annotation_editor_set_class_name (f->editor, "Tumour");

  /* Alt erases across the horizontal band: its left end falls away from
   * the rest but stays one region. */
  g_clear_pointer (&before, g_ptr_array_unref);
  before = cs_test_editor_snapshot (f->list);
  area = cs_geometry_ops_area (cs_annotation_get_geometry (cs_test_editor_nth (f->list, 0)));
  cs_test_editor_drag (f->editor, 100, -100, 100, 100, CS_EDITOR_ALT);
  g_assert_cmpuint (n_items (f->list), ==, 2);
  region = cs_test_editor_nth (f->list, 0);
  g_assert_cmpuint (cs_geometry_get_n_parts (cs_annotation_get_geometry (region)), ==, 2);
  g_assert_cmpfloat (cs_geometry_ops_area (cs_annotation_get_geometry (region)), <, area);
  /* The Stroma region it crossed is another class: untouched. */
  g_assert_true (cs_annotation_equal (cs_test_editor_nth (f->list, 1), before->pdata[1]));
  cs_test_editor_check_step (f->list, before, "Erase");

  /* Erased to nothing: removed. */
  cs_annotation_editor_set_brush_radius (f->editor, 2000 * f->zoom);
  cs_test_editor_drag (f->editor, 200, 200, 201, 200, CS_EDITOR_ALT);
  g_assert_cmpuint (n_items (f->list), ==, 1);
  g_assert_cmpstr (cs_annotation_get_class_name (cs_test_editor_nth (f->list, 0)), ==, "Stroma");
}

/* A stroke away from the selected region of the class starts a new region
 * rather than being merged into the selected one. */
static void
test_brush_apart (CsEditorFixture *f,
                  gconstpointer    data)
{
  CsAnnotation *first;
  GPtrArray *selection;
  double area;

  cs_annotation_editor_set_tool (f->editor, CS_TOOL_BRUSH);
  cs_annotation_editor_set_brush_radius (f->editor, 10);
  cs_test_editor_drag (f->editor, 0, 0, 400, 0, 0);
  first = cs_test_editor_nth (f->list, 0);
  area = cs_geometry_ops_area (cs_annotation_get_geometry (first));
  selection = cs_annotation_editor_get_selection (f->editor);
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_true (selection->pdata[0] == first);

  cs_test_editor_drag (f->editor, 0, 5000, 400, 5000, 0);
  g_assert_cmpuint (n_items (f->list), ==, 2);
  g_assert_cmpfloat (cs_geometry_ops_area (cs_annotation_get_geometry (cs_test_editor_nth (f->list, 0))), ==,
                     area);
  selection = cs_annotation_editor_get_selection (f->editor);
  g_assert_true (selection->pdata[0] == cs_test_editor_nth (f->list, 1));

  /* Back over the first region while the second is selected: the first
   * one grows, no third region. */
  cs_test_editor_drag (f->editor, 200, -100, 200, 100, 0);
  g_assert_cmpuint (n_items (f->list), ==, 2);
  g_assert_cmpfloat (cs_geometry_ops_area (cs_annotation_get_geometry (cs_test_editor_nth (f->list, 0))), >,
                     area);
}

static void
assert_on_slide (CsAnnotation *a)
{
  CsRect b;

  cs_annotation_get_bounds (a, &b);
  g_assert_cmpfloat (b.x, >=, -1e-9);
  g_assert_cmpfloat (b.y, >=, -1e-9);
  g_assert_cmpfloat (b.x + b.width, <=, 1000 + 1e-9);
  g_assert_cmpfloat (b.y + b.height, <=, 800 + 1e-9);
}

/* Shapes are kept on the slide: areas cut to it, points and line ends
 * moved onto its edge, a shape wholly beside it not added; a move stops at
 * the edge. */
static void
test_bounds (CsEditorFixture *f,
             gconstpointer    data)
{
  const CsShapeParams *p;
  CsAnnotation *a;
  const CsPoint *ring;
  guint n;
  double full;

  cs_annotation_editor_set_bounds (f->editor, 1000, 800);

  cs_annotation_editor_set_tool (f->editor, CS_TOOL_RECTANGLE);
  cs_test_editor_drag (f->editor, 900, 700, 1200, 900, 0);
  g_assert_cmpuint (n_items (f->list), ==, 1);
  p = cs_annotation_get_params (cs_test_editor_nth (f->list, 0));
  g_assert_cmpfloat (p->cx, ==, 950);
  g_assert_cmpfloat (p->width, ==, 100);
  g_assert_cmpfloat (p->height, ==, 100);
  /* Wholly beside the slide: nothing. */
  cs_test_editor_drag (f->editor, 1100, 100, 1300, 300, 0);
  g_assert_cmpuint (n_items (f->list), ==, 1);

  /* An ellipse across the edge: the part on the slide, as a polygon. */
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_ELLIPSE);
  cs_test_editor_drag (f->editor, -100, 100, 100, 300, 0);
  g_assert_cmpuint (n_items (f->list), ==, 2);
  a = cs_test_editor_nth (f->list, 1);
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_POLYGON);
  assert_on_slide (a);
  full = G_PI * 100 * 100;
  g_assert_cmpfloat_with_epsilon (cs_geometry_ops_area (cs_annotation_get_geometry (a)), full / 2, full * 0.02);

  /* Freehand wholly off the slide: nothing; partly: cut. */
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_FREEHAND);
  cs_test_editor_drag (f->editor, -500, -500, -200, -100, 0);
  g_assert_cmpuint (n_items (f->list), ==, 2);
  cs_annotation_editor_press (f->editor, 400, 700, 0, 1);
  cs_annotation_editor_motion (f->editor, 600, 700, 0);
  cs_annotation_editor_motion (f->editor, 600, 900, 0);
  cs_annotation_editor_release (f->editor, 400, 900, 0);
  g_assert_cmpuint (n_items (f->list), ==, 3);
  assert_on_slide (cs_test_editor_nth (f->list, 2));

  /* The brush, across the top edge. */
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_BRUSH);
  cs_annotation_editor_set_brush_radius (f->editor, 20 * f->zoom);
  cs_test_editor_drag (f->editor, 300, 0, 500, 0, 0);
  g_assert_cmpuint (n_items (f->list), ==, 4);
  assert_on_slide (cs_test_editor_nth (f->list, 3));

  /* A point and a ruler's end onto the edge. */
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_POINTS);
  cs_test_editor_click (f->editor, 1200, -50, 0, 1);
  ring = cs_geometry_get_ring (cs_annotation_get_geometry (cs_test_editor_nth (f->list, 4)), 0, 0, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (ring[0].x, ==, 1000);
  g_assert_cmpfloat (ring[0].y, ==, 0);
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_ARROW);
  cs_test_editor_drag (f->editor, 500, 500, 1500, 500, 0);
  ring = cs_geometry_get_ring (cs_annotation_get_geometry (cs_test_editor_nth (f->list, 5)), 0, 0, &n);
  g_assert_cmpfloat (ring[1].x, ==, 1000);

  /* Moving the rectangle to the right stops at the edge it touches. */
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_SELECT);
  cs_annotation_editor_select (f->editor, cs_test_editor_nth (f->list, 0), FALSE);
  cs_test_editor_drag (f->editor, 950, 750, 650, 1750, 0);
  a = cs_test_editor_nth (f->list, 0);
  assert_on_slide (a);
  g_assert_cmpfloat (cs_annotation_get_params (a)->cx, ==, 650);
  g_assert_cmpfloat (cs_annotation_get_params (a)->cy, ==, 750);
}

static void
test_points (CsEditorFixture *f,
             gconstpointer    data)
{
  g_autoptr(GPtrArray) before = NULL;
  CsMeasurement m;
  CsAnnotation *set;

  cs_annotation_editor_set_tool (f->editor, CS_TOOL_POINTS);
  cs_test_editor_click (f->editor, 10, 10, 0, 1);
  cs_test_editor_click (f->editor, 20, 10, 0, 1);
  before = cs_test_editor_snapshot (f->list);
  cs_test_editor_click (f->editor, 30, 10, 0, 1);
  g_assert_cmpuint (n_items (f->list), ==, 1);
  set = cs_test_editor_nth (f->list, 0);
  assert_new_annotation (f, set, CS_SHAPE_POINTS);
  cs_measure_annotation (set, NULL, &m);
  g_assert_cmpuint (m.count, ==, 3);
  cs_test_editor_check_step (f->list, before, "Add Point");

  /* Still one set after the selection is cleared; another class starts a
   * set of its own. */
  cs_annotation_editor_select_none (f->editor);
  cs_test_editor_click (f->editor, 40, 10, 0, 1);
  g_assert_cmpuint (n_items (f->list), ==, 1);
  cs_annotation_editor_set_class_name (f->editor, "Immune cells");
  cs_annotation_editor_select_none (f->editor);
  cs_test_editor_click (f->editor, 50, 10, 0, 1);
  cs_test_editor_click (f->editor, 60, 10, 0, 1);
  g_assert_cmpuint (n_items (f->list), ==, 2);
  cs_measure_annotation (cs_test_editor_nth (f->list, 0), NULL, &m);
  g_assert_cmpuint (m.count, ==, 4);
  cs_measure_annotation (cs_test_editor_nth (f->list, 1), NULL, &m);
  g_assert_cmpuint (m.count, ==, 2);
  g_assert_cmpstr (cs_annotation_get_class_name (cs_test_editor_nth (f->list, 1)), ==, "Immune cells");
}

static void
test_ruler_arrow (CsEditorFixture *f,
                  gconstpointer    data)
{
  g_autoptr(GPtrArray) before = cs_test_editor_snapshot (f->list);
  const CsEditorPreview *preview = cs_annotation_editor_get_preview (f->editor);
  CsCalibration calibration = { 0.25, 0.25 };
  const CsPoint *points;
  CsAnnotation *a;
  guint n;

  cs_annotation_editor_set_calibration (f->editor, &calibration);
  cs_annotation_editor_set_temporary_rulers (f->editor, TRUE);
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_RULER);
  cs_annotation_editor_press (f->editor, 0, 0, 0, 1);
  cs_annotation_editor_motion (f->editor, 300, 400, 0);
  g_assert_cmpstr (preview->label, ==, "125 µm");
  cs_annotation_editor_release (f->editor, 300, 400, 0);
  a = cs_test_editor_nth (f->list, 0);
  assert_new_annotation (f, a, CS_SHAPE_LINE);
  g_assert_true (cs_annotation_get_temporary (a));
  cs_test_editor_check_step (f->list, before, "Measure");

  cs_annotation_editor_set_temporary_rulers (f->editor, FALSE);
  cs_test_editor_drag (f->editor, 0, 0, 0, 100, 0);
  g_assert_false (cs_annotation_get_temporary (cs_test_editor_nth (f->list, 1)));
  cs_test_editor_drag (f->editor, 0, 0, 1 / f->zoom, 0, 0);
  g_assert_cmpuint (n_items (f->list), ==, 2);

  /* An arrow points at the release point. */
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_ARROW);
  cs_test_editor_drag (f->editor, 500, 500, 550, 560, 0);
  a = cs_test_editor_nth (f->list, 2);
  assert_new_annotation (f, a, CS_SHAPE_ARROW);
  points = cs_geometry_get_ring (cs_annotation_get_geometry (a), 0, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (points[1].x, ==, 550);
  g_assert_cmpfloat (points[1].y, ==, 560);
}

static void
on_text_requested (CsAnnotationEditor *editor,
                   CsAnnotation       *note,
                   CsAnnotation      **out)
{
  *out = note;
}

static void
test_text (CsEditorFixture *f,
           gconstpointer    data)
{
  g_autoptr(GPtrArray) before = NULL;
  CsAnnotation *requested = NULL;
  CsAnnotation *note;

  g_signal_connect (f->editor, "text-requested", G_CALLBACK (on_text_requested), &requested);
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_TEXT);
  /* A dismissed prompt (empty text) leaves nothing, not even an undo step. */
  cs_test_editor_click (f->editor, 70, 80, 0, 1);
  g_assert_nonnull (requested);
  g_assert_cmpuint (n_items (f->list), ==, 0);
  cs_annotation_editor_set_text (f->editor, requested, "");
  g_assert_cmpuint (n_items (f->list), ==, 0);
  g_assert_false (cs_annotation_list_can_undo (f->list));

  /* The note is listed with its text, as one step. */
  requested = NULL;
  cs_test_editor_click (f->editor, 70, 80, 0, 1);
  g_assert_nonnull (requested);
  before = cs_test_editor_snapshot (f->list);
  cs_annotation_editor_set_text (f->editor, requested, "Mitosis");
  note = cs_test_editor_nth (f->list, 0);
  assert_new_annotation (f, note, CS_SHAPE_TEXT);
  g_assert_cmpstr (cs_annotation_get_name (note), ==, "Mitosis");
  cs_test_editor_check_step (f->list, before, "Add Text Note");
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (f->list)), ==, 0);

  /* A double click on the note with the select tool asks again. */
  requested = NULL;
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_SELECT);
  cs_test_editor_click (f->editor, 70 + 2 / f->zoom, 80, 0, 1);
  g_assert_null (requested);
  cs_test_editor_click (f->editor, 70 + 2 / f->zoom, 80, 0, 2);
  g_assert_true (requested == cs_test_editor_nth (f->list, 0));
  cs_annotation_editor_set_text (f->editor, cs_test_editor_nth (f->list, 0), "");
  g_assert_cmpuint (n_items (f->list), ==, 0);
}

static void
test_split (CsEditorFixture *f,
            gconstpointer    data)
{
  g_autoptr(GPtrArray) before = NULL;
  GPtrArray *selection;
  double a0, a1;

  cs_annotation_editor_set_tool (f->editor, CS_TOOL_RECTANGLE);
  cs_test_editor_drag (f->editor, 0, 0, 100, 100, 0);
  cs_test_editor_drag (f->editor, 500, 0, 600, 100, 0);
  before = cs_test_editor_snapshot (f->list);
  cs_annotation_editor_select (f->editor, cs_test_editor_nth (f->list, 0), FALSE);
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_SPLIT);
  cs_test_editor_drag (f->editor, 30, -20, 30, 120, 0);
  g_assert_cmpuint (n_items (f->list), ==, 3);
  g_assert_true (cs_annotation_equal (cs_test_editor_nth (f->list, 0), before->pdata[1]));
  a0 = cs_geometry_ops_area (cs_annotation_get_geometry (cs_test_editor_nth (f->list, 1)));
  a1 = cs_geometry_ops_area (cs_annotation_get_geometry (cs_test_editor_nth (f->list, 2)));
  g_assert_cmpfloat (MIN (a0, a1), ==, 3000);
  g_assert_cmpfloat (MAX (a0, a1), ==, 7000);
  g_assert_cmpstr (cs_annotation_get_class_name (cs_test_editor_nth (f->list, 2)), ==, "Tumour");
  selection = cs_annotation_editor_get_selection (f->editor);
  g_assert_cmpuint (selection->len, ==, 2);
  cs_test_editor_check_step (f->list, before, "Split");
  /* The original is replaced by its pieces, not deleted. */
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (f->list)), ==, 0);

  /* A line that does not cross the selected region: nothing. */
  cs_test_editor_drag (f->editor, 300, -20, 300, 120, 0);
  g_assert_cmpuint (n_items (f->list), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  cs_test_editor_add ("/cs/annotation-editor/rectangle", test_rectangle);
  cs_test_editor_add ("/cs/annotation-editor/ellipse", test_ellipse);
  cs_test_editor_add ("/cs/annotation-editor/polygon", test_polygon);
  cs_test_editor_add ("/cs/annotation-editor/freehand", test_freehand);
  cs_test_editor_add ("/cs/annotation-editor/brush", test_brush);
  cs_test_editor_add ("/cs/annotation-editor/brush-apart", test_brush_apart);
  cs_test_editor_add ("/cs/annotation-editor/bounds", test_bounds);
  cs_test_editor_add ("/cs/annotation-editor/points", test_points);
  cs_test_editor_add ("/cs/annotation-editor/ruler-arrow", test_ruler_arrow);
  cs_test_editor_add ("/cs/annotation-editor/text", test_text);
  cs_test_editor_add ("/cs/annotation-editor/split", test_split);

  return g_test_run ();
}
