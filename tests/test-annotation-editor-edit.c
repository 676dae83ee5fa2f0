/* test-annotation-editor-edit.c
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

/* The select tool (pick, move, resize, vertices) and the commands on the
 * selection, each case at zoom 1 and 0.25. */

static guint
n_items (CsAnnotationList *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static guint
n_selected (CsAnnotationEditor *editor)
{
  return cs_annotation_editor_get_selection (editor)->len;
}

/* Listed rectangles (with params) of class Tumour, without an undo step. */
static void
load_rectangles (CsEditorFixture *f,
                 guint            n)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      CsShapeParams p = { 100 + 300 * i, 100, 100, 100, 0 };
      CsAnnotation *a = cs_annotation_new_with_params (CS_SHAPE_RECTANGLE, &p);

      cs_annotation_set_class_name (a, "Tumour");
      g_ptr_array_add (items, a);
    }
  cs_annotation_list_load (f->list, items);
}

static void
load_polygon (CsEditorFixture *f,
              const CsPoint   *points,
              guint            n,
              CsShape          shape)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CsGeometry) g = cs_geometry_new_ring (points, n);

  g_ptr_array_add (items, cs_annotation_new (shape, g));
  cs_annotation_list_load (f->list, items);
}

/* The listed copy, after edits, of load_rectangles()'s @i-th. */
static const CsShapeParams *
params_of (CsEditorFixture *f,
           guint            i)
{
  return cs_annotation_get_params (cs_test_editor_nth (f->list, i));
}

static void
test_select (CsEditorFixture *f,
             gconstpointer    data)
{
  CsAnnotation *a, *b;
  CsPoint line[] = { { 1000, 0 }, { 1000, 1000 } };
  g_autoptr(GPtrArray) items = NULL;

  load_rectangles (f, 2);
  a = cs_test_editor_nth (f->list, 0);
  b = cs_test_editor_nth (f->list, 1);
  cs_test_editor_click (f->editor, 100, 100, 0, 1);
  g_assert_true (cs_annotation_editor_is_selected (f->editor, a));
  g_assert_true (cs_annotation_editor_get_hovered (f->editor) == a);
  g_assert_cmpstr (cs_annotation_editor_get_cursor (f->editor, 100, 100), ==, "move");
  cs_test_editor_click (f->editor, 400, 100, CS_EDITOR_SHIFT, 1);
  g_assert_cmpuint (n_selected (f->editor), ==, 2);
  cs_test_editor_click (f->editor, 100, 100, CS_EDITOR_CTRL, 1);
  g_assert_cmpuint (n_selected (f->editor), ==, 1);
  g_assert_true (cs_annotation_editor_is_selected (f->editor, b));
  /* A click on nothing clears, and is left to the view (panning). */
  g_assert_false (cs_annotation_editor_press (f->editor, 250, 700, 0, 1));
  cs_annotation_editor_release (f->editor, 250, 700, 0);
  g_assert_cmpuint (n_selected (f->editor), ==, 0);
  g_assert_cmpstr (cs_annotation_editor_get_cursor (f->editor, 250, 700), ==, "default");

  /* The hit tolerance is 4 screen pixels, whatever the zoom. */
  load_polygon (f, line, 2, CS_SHAPE_LINE);
  cs_test_editor_click (f->editor, 1000 + 3 / f->zoom, 500, 0, 1);
  g_assert_cmpuint (n_selected (f->editor), ==, 1);
  cs_test_editor_click (f->editor, 1000 + 6 / f->zoom, 500, 0, 1);
  g_assert_cmpuint (n_selected (f->editor), ==, 0);

  /* Hidden annotations are not hit. */
  items = cs_test_editor_snapshot (f->list);
  {
    g_autoptr(CsAnnotation) hidden = cs_annotation_copy (items->pdata[0]);

    cs_annotation_set_hidden (hidden, TRUE);
    cs_annotation_list_update (f->list, hidden);
  }
  cs_test_editor_click (f->editor, 1000, 500, 0, 1);
  g_assert_cmpuint (n_selected (f->editor), ==, 0);
}

/* Whatever the number of motion events, an edited annotation's modified
 * time is the time of the edit; and an outline dragged across itself is
 * repaired, so that its area is measured right. */
static void
test_drag_touches_and_repairs (CsEditorFixture *f,
                               gconstpointer    data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  CsPoint square[] = { { 100, 100 }, { 200, 100 }, { 200, 200 }, { 100, 200 } };
  g_autoptr(CsGeometry) g = cs_geometry_new_ring (square, 4);
  CsAnnotation *a = cs_annotation_new (CS_SHAPE_POLYGON, g);
  CsAnnotation *listed;
  gint64 start = g_get_real_time ();

  cs_annotation_set_modified (a, 1000000);
  g_ptr_array_add (items, a);
  cs_annotation_list_load (f->list, items);
  cs_annotation_editor_select (f->editor, a, FALSE);

  /* Move with exactly two motion events. */
  cs_annotation_editor_press (f->editor, 150, 150, 0, 1);
  cs_annotation_editor_motion (f->editor, 150 + 20 / f->zoom, 150, 0);
  cs_annotation_editor_motion (f->editor, 150 + 40 / f->zoom, 150, 0);
  cs_annotation_editor_release (f->editor, 150 + 40 / f->zoom, 150, 0);
  listed = cs_test_editor_nth (f->list, 0);
  g_assert_cmpint (cs_annotation_get_modified (listed), >=, start);

  /* Drag the top-left vertex 200 px down, below the bottom edge: a bow-tie
   * whose lobes would cancel out (area 0), repaired on release to two
   * triangles of 2,500 px² each. */
  cs_annotation_editor_select (f->editor, listed, FALSE);
  {
    const CsPoint *ring;
    guint n;

    ring = cs_geometry_get_ring (cs_annotation_get_geometry (listed), 0, 0, &n);
    cs_annotation_editor_press (f->editor, ring[0].x, ring[0].y, 0, 1);
    cs_annotation_editor_motion (f->editor, ring[0].x, ring[0].y + 100 / f->zoom, 0);
    cs_annotation_editor_motion (f->editor, ring[0].x, ring[0].y + 200, 0);
    cs_annotation_editor_release (f->editor, ring[0].x, ring[0].y + 200, 0);
  }
  listed = cs_test_editor_nth (f->list, 0);
  g_assert_true (cs_geometry_ops_is_valid (cs_annotation_get_geometry (listed)));
  g_assert_cmpfloat_with_epsilon (cs_geometry_ops_area (cs_annotation_get_geometry (listed)), 5000, 1e-6);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (f->list), ==, "Move Vertex");
}

static void
test_move (CsEditorFixture *f,
           gconstpointer    data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(CsAnnotation) locked = NULL;

  load_rectangles (f, 3);
  before = cs_test_editor_snapshot (f->list);
  cs_annotation_editor_select (f->editor, before->pdata[0], FALSE);
  cs_test_editor_drag (f->editor, 110, 90, 160, 110, 0);
  g_assert_cmpfloat (params_of (f, 0)->cx, ==, 150);
  g_assert_cmpfloat (params_of (f, 0)->cy, ==, 120);
  g_assert_cmpfloat (params_of (f, 0)->width, ==, 100);
  g_assert_true (cs_annotation_equal (cs_test_editor_nth (f->list, 1), before->pdata[1]));
  cs_test_editor_check_step (f->list, before, "Move");

  /* Every selected annotation moves, a locked one does not. */
  locked = cs_annotation_copy (cs_test_editor_nth (f->list, 2));
  cs_annotation_set_locked (locked, TRUE);
  cs_annotation_list_update (f->list, locked);
  cs_annotation_editor_select (f->editor, cs_test_editor_nth (f->list, 1), TRUE);
  cs_annotation_editor_select (f->editor, cs_test_editor_nth (f->list, 2), TRUE);
  g_assert_cmpuint (n_selected (f->editor), ==, 3);
  cs_test_editor_drag (f->editor, 400, 100, 400, 200, 0);
  g_assert_cmpfloat (params_of (f, 0)->cy, ==, 220);
  g_assert_cmpfloat (params_of (f, 1)->cy, ==, 200);
  g_assert_cmpfloat (params_of (f, 2)->cy, ==, 100);

  /* Escape during a drag puts everything back. */
  cs_annotation_editor_press (f->editor, 400, 200, 0, 1);
  cs_annotation_editor_motion (f->editor, 400, 300, 0);
  g_assert_cmpfloat (params_of (f, 1)->cy, ==, 300);
  cs_annotation_editor_key (f->editor, CS_EDITOR_KEY_ESCAPE);
  cs_annotation_editor_release (f->editor, 400, 300, 0);
  g_assert_cmpfloat (params_of (f, 1)->cy, ==, 200);
  /* The cancelled drag leaves nothing to undo or redo: the last step is
   * still the completed move. */
  g_assert_cmpstr (cs_annotation_list_get_undo_label (f->list), ==, "Move");
  g_assert_false (cs_annotation_list_can_redo (f->list));
  g_assert_true (cs_annotation_list_undo (f->list));
  g_assert_cmpfloat (params_of (f, 1)->cy, ==, 100);
  g_assert_true (cs_annotation_list_redo (f->list));

  /* A click on one of several selected selects it alone. */
  cs_test_editor_click (f->editor, 400, 200, 0, 1);
  g_assert_cmpuint (n_selected (f->editor), ==, 1);
}

static void
test_resize (CsEditorFixture *f,
             gconstpointer    data)
{
  g_autoptr(GPtrArray) before = NULL;
  GArray *handles;
  const CsShapeParams *p;

  load_rectangles (f, 1);
  before = cs_test_editor_snapshot (f->list);
  cs_annotation_editor_select (f->editor, before->pdata[0], FALSE);
  handles = cs_annotation_editor_get_handles (f->editor);
  g_assert_cmpuint (handles->len, ==, 8);
  g_assert_cmpfloat (g_array_index (handles, CsPoint, 4).x, ==, 150);
  g_assert_cmpfloat (g_array_index (handles, CsPoint, 4).y, ==, 150);
  g_assert_cmpstr (cs_annotation_editor_get_cursor (f->editor, 150, 150), ==, "nwse-resize");

  /* The bottom-right handle: the top-left corner stays. */
  cs_test_editor_drag (f->editor, 150 + 2 / f->zoom, 150, 200, 170, 0);
  p = params_of (f, 0);
  g_assert_cmpint (cs_annotation_get_shape (cs_test_editor_nth (f->list, 0)), ==, CS_SHAPE_RECTANGLE);
  g_assert_cmpfloat (p->cx, ==, 125);
  g_assert_cmpfloat (p->cy, ==, 110);
  g_assert_cmpfloat (p->width, ==, 150);
  g_assert_cmpfloat (p->height, ==, 120);
  cs_test_editor_check_step (f->list, before, "Resize");

  /* The top handle moves only the top edge. */
  cs_test_editor_drag (f->editor, 125, 50, 300, 0, 0);
  p = params_of (f, 0);
  g_assert_cmpfloat (p->cx, ==, 125);
  g_assert_cmpfloat (p->width, ==, 150);
  g_assert_cmpfloat (p->height, ==, 170);
}

static void
test_vertices (CsEditorFixture *f,
               gconstpointer    data)
{
  CsPoint square[] = { { 0, 0 }, { 100, 0 }, { 100, 100 }, { 0, 100 } };
  g_autoptr(GPtrArray) before = NULL;
  CsGeometry *g;
  const CsPoint *ring;
  guint n;

  load_polygon (f, square, 4, CS_SHAPE_POLYGON);
  cs_annotation_editor_select (f->editor, cs_test_editor_nth (f->list, 0), FALSE);
  g_assert_cmpuint (cs_annotation_editor_get_handles (f->editor)->len, ==, 4);

  before = cs_test_editor_snapshot (f->list);
  cs_test_editor_drag (f->editor, 100, 100, 150, 120, 0);
  g = cs_annotation_get_geometry (cs_test_editor_nth (f->list, 0));
  ring = cs_geometry_get_ring (g, 0, 0, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (ring[2].x, ==, 150);
  g_assert_cmpfloat (ring[2].y, ==, 120);
  cs_test_editor_check_step (f->list, before, "Move Vertex");

  /* A double click on an edge inserts a vertex there. */
  g_clear_pointer (&before, g_ptr_array_unref);
  before = cs_test_editor_snapshot (f->list);
  cs_test_editor_click (f->editor, 50, 0, 0, 1);
  cs_test_editor_click (f->editor, 50, 1 / f->zoom, 0, 2);
  ring = cs_geometry_get_ring (cs_annotation_get_geometry (cs_test_editor_nth (f->list, 0)), 0, 0, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat (ring[1].x, ==, 50);
  cs_test_editor_check_step (f->list, before, "Insert Vertex");

  /* Delete over a vertex deletes it, down to three. */
  cs_annotation_editor_motion (f->editor, 50, 1 / f->zoom, 0);
  g_assert_true (cs_annotation_editor_key (f->editor, CS_EDITOR_KEY_DELETE));
  g_assert_cmpuint (cs_geometry_get_n_points (cs_annotation_get_geometry (cs_test_editor_nth (f->list, 0))), ==, 4);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (f->list), ==, "Delete Vertex");
  cs_annotation_editor_motion (f->editor, 0, 0, 0);
  cs_annotation_editor_key (f->editor, CS_EDITOR_KEY_DELETE);
  cs_annotation_editor_motion (f->editor, 100, 0, 0);
  cs_annotation_editor_key (f->editor, CS_EDITOR_KEY_DELETE);
  g_assert_cmpuint (cs_geometry_get_n_points (cs_annotation_get_geometry (cs_test_editor_nth (f->list, 0))), ==, 3);
  g_assert_cmpuint (n_items (f->list), ==, 1);

  /* Elsewhere, Delete deletes the selection. */
  cs_annotation_editor_motion (f->editor, 500, 500, 0);
  g_assert_true (cs_annotation_editor_key (f->editor, CS_EDITOR_KEY_DELETE));
  g_assert_cmpuint (n_items (f->list), ==, 0);
  g_assert_cmpuint (n_selected (f->editor), ==, 0);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (f->list), ==, "Delete");
}

static void
test_duplicate_class (CsEditorFixture *f,
                      gconstpointer    data)
{
  g_autoptr(GPtrArray) before = NULL;
  CsAnnotation *copy;

  load_rectangles (f, 2);
  before = cs_test_editor_snapshot (f->list);
  cs_annotation_editor_select_all (f->editor);
  g_assert_true (cs_annotation_editor_duplicate_selection (f->editor));
  g_assert_cmpuint (n_items (f->list), ==, 4);
  copy = cs_test_editor_nth (f->list, 2);
  g_assert_cmpstr (cs_annotation_get_id (copy), !=, cs_annotation_get_id (before->pdata[0]));
  g_assert_cmpfloat (params_of (f, 2)->cx, ==, 100 + 20 / f->zoom);
  g_assert_true (cs_annotation_editor_is_selected (f->editor, copy));
  cs_test_editor_check_step (f->list, before, "Duplicate");

  g_clear_pointer (&before, g_ptr_array_unref);
  before = cs_test_editor_snapshot (f->list);
  /* The undo dropped the copies from the selection; select them again. */
  cs_annotation_editor_select (f->editor, cs_test_editor_nth (f->list, 2), FALSE);
  cs_annotation_editor_select (f->editor, cs_test_editor_nth (f->list, 3), TRUE);
  g_assert_true (cs_annotation_editor_set_selection_class (f->editor, "Necrosis"));
  g_assert_cmpstr (cs_annotation_get_class_name (cs_test_editor_nth (f->list, 2)), ==, "Necrosis");
  g_assert_cmpstr (cs_annotation_get_class_name (cs_test_editor_nth (f->list, 3)), ==, "Necrosis");
  g_assert_cmpstr (cs_annotation_get_class_name (cs_test_editor_nth (f->list, 0)), ==, "Tumour");
  cs_test_editor_check_step (f->list, before, "Set Class");
  g_assert_false (cs_annotation_editor_set_selection_class (f->editor, "Necrosis"));
}

static void
test_merge_subtract (CsEditorFixture *f,
                     gconstpointer    data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  CsShapeParams big = { 100, 100, 200, 200, 0 }, side = { 200, 100, 100, 100, 0 };
  CsShapeParams inner = { 100, 100, 50, 50, 0 };

  g_ptr_array_add (items, cs_annotation_new_with_params (CS_SHAPE_RECTANGLE, &big));
  g_ptr_array_add (items, cs_annotation_new_with_params (CS_SHAPE_RECTANGLE, &side));
  g_ptr_array_add (items, cs_annotation_new_with_params (CS_SHAPE_ELLIPSE, &inner));
  cs_annotation_list_load (f->list, items);
  before = cs_test_editor_snapshot (f->list);

  cs_annotation_editor_select (f->editor, before->pdata[0], FALSE);
  g_assert_false (cs_annotation_editor_merge_selection (f->editor, &error));
  g_assert_error (error, CS_ANNOTATION_EDITOR_ERROR, CS_ANNOTATION_EDITOR_ERROR_NOT_APPLICABLE);
  g_clear_error (&error);

  /* Subtract the inner ellipse: a hole; the subtracted one stays. */
  cs_annotation_editor_select (f->editor, before->pdata[2], TRUE);
  g_assert_true (cs_annotation_editor_subtract_selection (f->editor, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (f->list), ==, 3);
  g_assert_cmpint (cs_annotation_get_shape (cs_test_editor_nth (f->list, 0)), ==, CS_SHAPE_POLYGON);
  g_assert_cmpfloat (fabs (cs_geometry_ops_area (cs_annotation_get_geometry (cs_test_editor_nth (f->list, 0))) -
                           (40000 - G_PI * 625)), <, 10);
  cs_test_editor_check_step (f->list, before, "Subtract");
  cs_annotation_list_undo (f->list);

  /* Merge the big and the side square: 40000 + 10000 − 5000 overlap. */
  cs_annotation_editor_select (f->editor, before->pdata[0], FALSE);
  cs_annotation_editor_select (f->editor, before->pdata[1], TRUE);
  g_assert_true (cs_annotation_editor_merge_selection (f->editor, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (f->list), ==, 2);
  g_assert_cmpstr (cs_annotation_get_id (cs_test_editor_nth (f->list, 0)), ==,
                   cs_annotation_get_id (before->pdata[0]));
  g_assert_cmpfloat (cs_geometry_ops_area (cs_annotation_get_geometry (cs_test_editor_nth (f->list, 0))), ==, 45000);
  g_assert_cmpuint (n_selected (f->editor), ==, 1);
  cs_test_editor_check_step (f->list, before, "Merge");
  /* The square merged away is absorbed, not deleted. */
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (f->list)), ==, 0);
}

static void
test_paste (CsEditorFixture *f,
            gconstpointer    data)
{
  g_autoptr(GPtrArray) clipboard = NULL;
  g_autoptr(CsAnnotationList) other = cs_annotation_list_new ();
  g_autoptr(CsAnnotationEditor) other_editor = cs_annotation_editor_new (other);
  double step = 20 / f->zoom;

  load_rectangles (f, 2);
  clipboard = cs_test_editor_snapshot (f->list);

  /* Onto their originals: offset, fresh ids, selected. */
  cs_annotation_editor_paste (f->editor, clipboard);
  g_assert_cmpuint (n_items (f->list), ==, 4);
  g_assert_cmpstr (cs_annotation_get_id (cs_test_editor_nth (f->list, 2)), !=,
                   cs_annotation_get_id (clipboard->pdata[0]));
  g_assert_cmpfloat (params_of (f, 2)->cx, ==, 100 + step);
  g_assert_cmpfloat (params_of (f, 3)->cx, ==, 400 + step);
  g_assert_cmpuint (n_selected (f->editor), ==, 2);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (f->list), ==, "Paste");
  /* Again: past the first copies too. */
  cs_annotation_editor_paste (f->editor, clipboard);
  g_assert_cmpfloat (params_of (f, 4)->cx, ==, 100 + 2 * step);

  /* Onto another slide: where they were. */
  cs_annotation_editor_set_zoom (other_editor, f->zoom);
  cs_annotation_editor_paste (other_editor, clipboard);
  g_assert_cmpuint (n_items (other), ==, 2);
  g_assert_cmpfloat (cs_annotation_get_params (cs_test_editor_nth (other, 0))->cx, ==, 100);
}

static void
on_selection_changed (CsAnnotationEditor *editor,
                      guint              *count)
{
  (*count)++;
}

static void
test_selection_follows_undo (CsEditorFixture *f,
                             gconstpointer    data)
{
  guint changes = 0;

  g_signal_connect (f->editor, "selection-changed", G_CALLBACK (on_selection_changed), &changes);
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_RECTANGLE);
  cs_test_editor_drag (f->editor, 0, 0, 100, 100, 0);
  g_assert_cmpuint (n_selected (f->editor), ==, 1);
  g_assert_cmpuint (changes, ==, 1);
  cs_annotation_list_undo (f->list);
  g_assert_cmpuint (n_selected (f->editor), ==, 0);
  g_assert_cmpuint (changes, ==, 2);
  /* Escape with nothing drawn clears the selection. */
  cs_annotation_list_redo (f->list);
  cs_annotation_editor_select_all (f->editor);
  g_assert_true (cs_annotation_editor_key (f->editor, CS_EDITOR_KEY_ESCAPE));
  g_assert_cmpuint (n_selected (f->editor), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  cs_test_editor_add ("/cs/annotation-editor/select", test_select);
  cs_test_editor_add ("/cs/annotation-editor/move", test_move);
  cs_test_editor_add ("/cs/annotation-editor/drag-touches-and-repairs", test_drag_touches_and_repairs);
  cs_test_editor_add ("/cs/annotation-editor/resize", test_resize);
  cs_test_editor_add ("/cs/annotation-editor/vertices", test_vertices);
  cs_test_editor_add ("/cs/annotation-editor/duplicate-class", test_duplicate_class);
  cs_test_editor_add ("/cs/annotation-editor/merge-subtract", test_merge_subtract);
  cs_test_editor_add ("/cs/annotation-editor/paste", test_paste);
  cs_test_editor_add ("/cs/annotation-editor/selection-follows-undo", test_selection_follows_undo);

  return g_test_run ();
}
