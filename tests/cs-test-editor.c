/* cs-test-editor.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-test-editor.h"

static const double zoom_one = 1.0;
static const double zoom_quarter = 0.25;

void
cs_test_editor_setup (CsEditorFixture *f,
                      gconstpointer    zoom)
{
  f->zoom = *(const double *) zoom;
  f->list = cs_annotation_list_new ();
  f->editor = cs_annotation_editor_new (f->list);
  cs_annotation_editor_set_zoom (f->editor, f->zoom);
  cs_annotation_editor_set_class_name (f->editor, "Tumour");
  cs_annotation_editor_set_author (f->editor, "Dr Ada", "St Elsewhere");
}

void
cs_test_editor_teardown (CsEditorFixture *f,
                         gconstpointer    zoom)
{
  g_clear_object (&f->editor);
  g_clear_object (&f->list);
}

void
cs_test_editor_add (const char *path,
                    void (*func) (CsEditorFixture *, gconstpointer))
{
  g_autofree char *one = g_strconcat (path, "/1", NULL);
  g_autofree char *quarter = g_strconcat (path, "/0.25", NULL);

  g_test_add (one, CsEditorFixture, &zoom_one, cs_test_editor_setup, func, cs_test_editor_teardown);
  g_test_add (quarter, CsEditorFixture, &zoom_quarter, cs_test_editor_setup, func,
              cs_test_editor_teardown);
}

void
cs_test_editor_drag (CsAnnotationEditor *editor,
                     double              x0,
                     double              y0,
                     double              x1,
                     double              y1,
                     CsEditorModifiers   modifiers)
{
  cs_annotation_editor_press (editor, x0, y0, modifiers, 1);
  for (guint i = 1; i <= 4; i++)
    cs_annotation_editor_motion (editor, x0 + (x1 - x0) * i / 4, y0 + (y1 - y0) * i / 4, modifiers);
  cs_annotation_editor_release (editor, x1, y1, modifiers);
}

void
cs_test_editor_click (CsAnnotationEditor *editor,
                      double              x,
                      double              y,
                      CsEditorModifiers   modifiers,
                      guint               n_press)
{
  cs_annotation_editor_motion (editor, x, y, modifiers);
  cs_annotation_editor_press (editor, x, y, modifiers, n_press);
  cs_annotation_editor_release (editor, x, y, modifiers);
}

GPtrArray *
cs_test_editor_snapshot (CsAnnotationList *list)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (list), i));
  return items;
}

CsAnnotation *
cs_test_editor_nth (CsAnnotationList *list,
                    guint             i)
{
  g_autoptr(CsAnnotation) item = g_list_model_get_item (G_LIST_MODEL (list), i);

  g_assert_nonnull (item);
  return item;
}

static void
assert_same (GPtrArray *a,
             GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_true (cs_annotation_equal (a->pdata[i], b->pdata[i]));
}

void
cs_test_editor_check_step (CsAnnotationList *list,
                           GPtrArray        *before,
                           const char       *label)
{
  g_autoptr(GPtrArray) after = cs_test_editor_snapshot (list);
  g_autoptr(GPtrArray) undone = NULL;
  g_autoptr(GPtrArray) redone = NULL;

  g_assert_cmpstr (cs_annotation_list_get_undo_label (list), ==, label);
  g_assert_true (cs_annotation_list_undo (list));
  undone = cs_test_editor_snapshot (list);
  assert_same (undone, before);
  g_assert_true (cs_annotation_list_redo (list));
  redone = cs_test_editor_snapshot (list);
  assert_same (redone, after);
}
