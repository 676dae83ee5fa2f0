/* test-annotation-list.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-annotation-list.h"
#include "cs-class-table.h"

static CsAnnotation *
make_square (double x,
             double y,
             double size)
{
  CsRect rect = { x, y, size, size };
  g_autoptr(CsGeometry) geometry = cs_geometry_new_rectangle (&rect);

  return cs_annotation_new (CS_SHAPE_POLYGON, geometry);
}

typedef struct
{
  guint      n_changed_signals;
  GPtrArray *last_ids;
  guint      n_items_changed;
} Recorder;

static void
on_changed (CsAnnotationList *list,
            GPtrArray        *ids,
            gboolean          loaded,
            Recorder         *rec)
{
  rec->n_changed_signals++;
  g_clear_pointer (&rec->last_ids, g_ptr_array_unref);
  rec->last_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (rec->last_ids, g_strdup (ids->pdata[i]));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *rec)
{
  rec->n_items_changed++;
}

static void
assert_order (CsAnnotationList *list,
              CsAnnotation    **expected,
              guint             n)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsAnnotation) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpstr (cs_annotation_get_id (item), ==, cs_annotation_get_id (expected[i]));
    }
}

static void
test_annotation_fields (void)
{
  g_autoptr(CsAnnotation) a = make_square (10, 20, 30);
  g_autoptr(CsAnnotation) copy = NULL;
  g_autoptr(CsAnnotation) dup = NULL;
  CsRect bounds;

  g_assert_true (g_uuid_string_is_valid (cs_annotation_get_id (a)));
  g_assert_cmpint (cs_annotation_get_created (a), >, 0);
  g_assert_cmpuint (cs_annotation_get_color (a), ==, CS_COLOR_UNSET);
  cs_annotation_set_name (a, "Focus 1");
  cs_annotation_set_class_name (a, "Tumour");
  cs_annotation_set_comment (a, "cribriform \"pattern\" 4");
  cs_annotation_set_author (a, "Dr Ana Example");
  cs_annotation_set_extra (a, "plane", "z=1");
  cs_annotation_set_locked (a, TRUE);
  cs_annotation_get_bounds (a, &bounds);
  g_assert_cmpfloat (bounds.x, ==, 10);
  g_assert_cmpfloat (bounds.width, ==, 30);

  copy = cs_annotation_copy (a);
  g_assert_true (cs_annotation_equal (a, copy));
  g_assert_true (cs_annotation_get_geometry (a) == cs_annotation_get_geometry (copy));
  cs_annotation_set_extra (copy, "plane", "z=2");
  g_assert_false (cs_annotation_equal (a, copy));

  dup = cs_annotation_duplicate (a);
  g_assert_cmpstr (cs_annotation_get_id (dup), !=, cs_annotation_get_id (a));
  g_assert_false (cs_annotation_get_locked (dup));
  g_assert_cmpstr (cs_annotation_get_name (dup), ==, "Focus 1");

  /* Empty strings are unset values */
  cs_annotation_set_name (a, "");
  g_assert_null (cs_annotation_get_name (a));
}

static void
test_annotation_params (void)
{
  CsShapeParams params = { 100, 50, 40, 20, G_PI / 2 };
  g_autoptr(CsAnnotation) ellipse = cs_annotation_new_with_params (CS_SHAPE_ELLIPSE, &params);
  g_autoptr(CsAnnotation) edited = NULL;
  CsRect bounds;

  g_assert_nonnull (cs_annotation_get_params (ellipse));
  cs_annotation_get_bounds (ellipse, &bounds);
  /* Rotated a quarter turn, the 40-wide ellipse stands 40 high. */
  g_assert_cmpfloat_with_epsilon (bounds.height, 40, 0.01);
  g_assert_cmpfloat_with_epsilon (bounds.width, 20, 0.2);
  g_assert_true (cs_annotation_hit_test (ellipse, 100, 68, 0));
  g_assert_false (cs_annotation_hit_test (ellipse, 115, 50, 0));
  g_assert_true (cs_annotation_hit_test (ellipse, 110.5, 50, 1));

  edited = cs_annotation_copy (ellipse);
  {
    g_autoptr(CsGeometry) moved = cs_geometry_translate (cs_annotation_get_geometry (ellipse), 5, 5);

    cs_annotation_set_geometry (edited, moved);
  }
  g_assert_null (cs_annotation_get_params (edited));
}

static void
test_geometry_basics (void)
{
  CsPoint shell[] = { { 0, 0 }, { 100, 0 }, { 100, 100 }, { 0, 100 } };
  CsPoint hole[] = { { 40, 40 }, { 60, 40 }, { 60, 60 }, { 40, 60 } };
  CsPoint line[] = { { 0, 0 }, { 3, 4 }, { 3, 10 } };
  g_autoptr(CsGeometry) g = cs_geometry_new ();
  g_autoptr(CsGeometry) l = cs_geometry_new_ring (line, 3);
  g_autoptr(CsGeometry) same = cs_geometry_new ();

  cs_geometry_add_ring (g, shell, 4);
  cs_geometry_add_ring (g, hole, 4);
  g_assert_cmpuint (cs_geometry_get_n_parts (g), ==, 1);
  g_assert_cmpuint (cs_geometry_get_n_rings (g, 0), ==, 2);
  g_assert_cmpfloat (cs_geometry_perimeter (g), ==, 480);
  g_assert_true (cs_geometry_contains (g, 10, 10));
  g_assert_false (cs_geometry_contains (g, 50, 50));
  g_assert_false (cs_geometry_contains (g, 150, 50));
  g_assert_cmpfloat (cs_geometry_distance_to_outline (g, 50, 50, TRUE), ==, 10);
  g_assert_cmpfloat (cs_geometry_polyline_length (l), ==, 11);
  g_assert_cmpfloat (cs_geometry_distance_to_outline (l, 3, 20, FALSE), ==, 10);

  cs_geometry_add_ring (same, shell, 4);
  g_assert_false (cs_geometry_equal (g, same));
  cs_geometry_add_ring (same, hole, 4);
  g_assert_true (cs_geometry_equal (g, same));
  g_assert_true (cs_geometry_is_finite (g));
}

static void
test_list_undo_redo (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotation) a = make_square (0, 0, 10);
  g_autoptr(CsAnnotation) b = make_square (100, 0, 10);
  g_autoptr(CsAnnotation) c = make_square (200, 0, 10);
  g_autoptr(CsAnnotation) b2 = NULL;
  Recorder rec = { 0 };

  g_signal_connect (list, "changed", G_CALLBACK (on_changed), &rec);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &rec);

  cs_annotation_list_add (list, a);
  cs_annotation_list_add (list, b);
  cs_annotation_list_add (list, c);
  g_assert_true (cs_annotation_is_frozen (b));
  assert_order (list, (CsAnnotation *[]) { a, b, c }, 3);
  g_assert_cmpuint (rec.n_changed_signals, ==, 3);
  g_assert_cmpstr (rec.last_ids->pdata[0], ==, cs_annotation_get_id (c));

  /* An update replaces in place and keeps the position. */
  b2 = cs_annotation_copy (b);
  cs_annotation_set_name (b2, "renamed");
  cs_annotation_set_modified (b2, cs_annotation_get_modified (b));
  cs_annotation_list_update (list, b2);
  g_assert_true (cs_annotation_list_lookup (list, cs_annotation_get_id (b)) == b2);
  /* b was made at most a few milliseconds ago; the edit is stamped now. */
  g_assert_cmpint (cs_annotation_get_modified (b2), >=, cs_annotation_get_modified (b));
  {
    g_autoptr(CsAnnotation) old = cs_annotation_copy (b2);
    g_autoptr(CsAnnotation) edited = NULL;

    /* An annotation last changed long ago gets today's time when edited. */
    cs_annotation_set_modified (old, 1000000);
    cs_annotation_list_update (list, old);
    g_assert_cmpint (cs_annotation_get_modified (cs_annotation_list_lookup (list, cs_annotation_get_id (b))), ==, 1000000);
    edited = cs_annotation_copy (old);
    cs_annotation_set_comment (edited, "now");
    cs_annotation_list_update (list, edited);
    g_assert_cmpint (cs_annotation_get_modified (edited), >, 1000000);
    g_assert_true (cs_annotation_list_undo (list));
    g_assert_true (cs_annotation_list_undo (list));
  }
  assert_order (list, (CsAnnotation *[]) { a, b2, c }, 3);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (list), ==, "Edit Annotation");

  /* Remove the middle one; undo puts it back in the middle. */
  cs_annotation_list_remove (list, b2);
  assert_order (list, (CsAnnotation *[]) { a, c }, 2);
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (list)), ==, 1);
  g_assert_true (cs_annotation_list_undo (list));
  assert_order (list, (CsAnnotation *[]) { a, b2, c }, 3);
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (list)), ==, 0);
  g_assert_cmpstr (rec.last_ids->pdata[0], ==, cs_annotation_get_id (b));

  /* Undo the rename: the original object is listed again. */
  g_assert_true (cs_annotation_list_undo (list));
  g_assert_true (cs_annotation_list_lookup (list, cs_annotation_get_id (b)) == b);
  g_assert_true (cs_annotation_list_can_redo (list));
  g_assert_true (cs_annotation_list_redo (list));
  g_assert_cmpstr (cs_annotation_get_name (cs_annotation_list_lookup (list, cs_annotation_get_id (b))), ==, "renamed");

  /* Undo everything, then redo everything: the removal that was undone
   * is still on the redo list, after the rename. */
  while (cs_annotation_list_undo (list))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  while (cs_annotation_list_redo (list))
    ;
  assert_order (list, (CsAnnotation *[]) { a, c }, 2);
  g_assert_true (cs_annotation_list_undo (list));
  assert_order (list, (CsAnnotation *[]) { a, b2, c }, 3);

  /* A new change drops the redo history. */
  cs_annotation_list_remove (list, a);
  g_assert_false (cs_annotation_list_can_redo (list));
  g_clear_pointer (&rec.last_ids, g_ptr_array_unref);
}

static void
test_list_grouped_step (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotation) a = make_square (0, 0, 10);
  g_autoptr(CsAnnotation) b = make_square (20, 0, 10);
  g_autoptr(CsAnnotation) merged = NULL;
  Recorder rec = { 0 };

  cs_annotation_list_add (list, a);
  cs_annotation_list_add (list, b);
  g_signal_connect (list, "changed", G_CALLBACK (on_changed), &rec);

  /* A merge: one step, one "changed" with both ids. */
  merged = cs_annotation_copy (a);
  cs_annotation_set_name (merged, "merged");
  cs_annotation_list_begin (list, "Merge");
  cs_annotation_list_update (list, merged);
  cs_annotation_list_remove (list, b);
  cs_annotation_list_commit (list);
  g_assert_cmpuint (rec.n_changed_signals, ==, 1);
  g_assert_cmpuint (rec.last_ids->len, ==, 2);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (list), ==, "Merge");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  g_assert_true (cs_annotation_list_undo (list));
  assert_order (list, (CsAnnotation *[]) { a, b }, 2);
  g_assert_null (cs_annotation_get_name (cs_annotation_list_lookup (list, cs_annotation_get_id (a))));
  g_clear_pointer (&rec.last_ids, g_ptr_array_unref);
}

/* A drag updates an annotation at every motion inside one step: the
 * history keeps one change, not one per motion. */
static void
test_list_drag_coalesced (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotation) a = make_square (0, 0, 10);
  gsize one_move;

  cs_annotation_list_add (list, a);
  cs_annotation_list_begin (list, "Move");
  {
    g_autoptr(CsAnnotation) moved = cs_annotation_copy (a);
    g_autoptr(CsGeometry) g = cs_geometry_translate (cs_annotation_get_geometry (a), 1, 0);

    cs_annotation_set_geometry (moved, g);
    cs_annotation_list_update (list, moved);
  }
  cs_annotation_list_commit (list);
  one_move = cs_annotation_list_get_history_size (list);
  g_assert_true (cs_annotation_list_undo (list));
  cs_annotation_list_begin (list, "Move");
  for (guint i = 1; i <= 200; i++)
    {
      CsAnnotation *listed = cs_annotation_list_lookup (list, cs_annotation_get_id (a));
      g_autoptr(CsAnnotation) moved = cs_annotation_copy (listed);
      g_autoptr(CsGeometry) g = cs_geometry_translate (cs_annotation_get_geometry (a), i, 0);

      cs_annotation_set_geometry (moved, g);
      cs_annotation_list_update (list, moved);
    }
  cs_annotation_list_commit (list);
  g_assert_cmpuint (cs_annotation_list_get_history_size (list), <=, one_move);
  {
    CsRect b;

    cs_annotation_get_bounds (cs_annotation_list_lookup (list, cs_annotation_get_id (a)), &b);
    g_assert_cmpfloat (b.x, ==, 200);
  }
  g_assert_true (cs_annotation_list_undo (list));
  g_assert_true (cs_annotation_list_lookup (list, cs_annotation_get_id (a)) == a);
  g_assert_true (cs_annotation_list_redo (list));
  {
    CsRect b;

    cs_annotation_get_bounds (cs_annotation_list_lookup (list, cs_annotation_get_id (a)), &b);
    g_assert_cmpfloat (b.x, ==, 200);
  }
}

static void
test_list_bulk (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) some = g_ptr_array_new ();
  Recorder rec = { 0 };
  gsize history;

  for (guint i = 0; i < 20000; i++)
    g_ptr_array_add (many, make_square ((i % 200) * 50, (i / 200) * 50, 20));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &rec);
  cs_annotation_list_add_many (list, many, "Import");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 20000);
  /* One items-changed for the whole import */
  g_assert_cmpuint (rec.n_items_changed, ==, 1);

  /* History holds the changes, not more than a few hundred bytes each. */
  history = cs_annotation_list_get_history_size (list);
  g_assert_cmpuint (history, <, 20000 * 512);

  for (guint i = 0; i < many->len; i += 2)
    g_ptr_array_add (some, many->pdata[i]);
  cs_annotation_list_remove_many (list, some, "Delete");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10000);
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (list)), ==, 10000);
  {
    g_autoptr(CsAnnotation) first = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_true (first == many->pdata[1]);
  }

  g_assert_true (cs_annotation_list_undo (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 20000);
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (list)), ==, 0);
  for (guint i = 0; i < 20000; i += 997)
    {
      g_autoptr(CsAnnotation) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (item == many->pdata[i]);
    }
  g_assert_true (cs_annotation_list_undo (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

static void
test_list_trash_restore (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotation) a = make_square (0, 0, 10);
  g_autoptr(CsAnnotation) ruler = NULL;
  CsPoint line[] = { { 0, 0 }, { 10, 0 } };
  g_autoptr(CsGeometry) g = cs_geometry_new_ring (line, 2);
  g_autoptr(CsAnnotation) trashed = NULL;

  ruler = cs_annotation_new (CS_SHAPE_LINE, g);
  cs_annotation_set_temporary (ruler, TRUE);
  cs_annotation_list_add (list, a);
  cs_annotation_list_add (list, ruler);
  cs_annotation_list_remove (list, a);
  cs_annotation_list_remove (list, ruler);
  /* Temporary rulers are not kept in the trash. */
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (list)), ==, 1);
  trashed = g_list_model_get_item (cs_annotation_list_get_trash (list), 0);
  g_assert_true (trashed == a);

  /* Undoing an addition is no deletion. */
  {
    g_autoptr(CsAnnotation) drawn = make_square (50, 50, 5);

    cs_annotation_list_add (list, drawn);
    g_assert_true (cs_annotation_list_undo (list));
    g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (list)), ==, 1);
  }

  cs_annotation_list_restore (list, trashed);
  g_assert_true (cs_annotation_list_lookup (list, cs_annotation_get_id (a)) == a);
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (list)), ==, 0);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (list), ==, "Restore Annotation");
  g_assert_true (cs_annotation_list_undo (list));
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (list)), ==, 1);
}

/* A discarded original (split, merged away) is undoable but never in the
 * trash, not even when the discard is redone. */
static void
test_list_discard (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotation) a = make_square (0, 0, 10);
  g_autoptr(CsAnnotation) b = make_square (20, 0, 10);

  cs_annotation_list_add (list, a);
  cs_annotation_list_add (list, b);
  cs_annotation_list_begin (list, "Split");
  cs_annotation_list_discard (list, a);
  cs_annotation_list_commit (list);
  g_assert_null (cs_annotation_list_lookup (list, cs_annotation_get_id (a)));
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (list)), ==, 0);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (list), ==, "Split");

  g_assert_true (cs_annotation_list_undo (list));
  g_assert_true (cs_annotation_list_lookup (list, cs_annotation_get_id (a)) == a);
  g_assert_true (cs_annotation_list_redo (list));
  g_assert_null (cs_annotation_list_lookup (list, cs_annotation_get_id (a)));
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (list)), ==, 0);

  /* An ordinary removal still goes to the trash. */
  cs_annotation_list_remove (list, b);
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (list)), ==, 1);
}

/* Renaming a class relabels its annotations in one undoable step. */
static void
test_list_relabel_class (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  const char *classes[] = { "Tumour", "Stroma", "Tumour", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      g_autoptr(CsAnnotation) a = make_square (i * 20, 0, 10);

      cs_annotation_set_class_name (a, classes[i]);
      cs_annotation_list_add (list, a);
    }
  g_assert_cmpuint (cs_annotation_list_count_class (list, "Tumour"), ==, 2);
  g_assert_cmpuint (cs_annotation_list_count_class (list, NULL), ==, 1);

  g_assert_cmpuint (cs_annotation_list_relabel_class (list, "Tumour", "Tumor", "Rename Class"), ==, 2);
  g_assert_cmpuint (cs_annotation_list_count_class (list, "Tumour"), ==, 0);
  g_assert_cmpuint (cs_annotation_list_count_class (list, "Tumor"), ==, 2);
  g_assert_cmpuint (cs_annotation_list_count_class (list, "Stroma"), ==, 1);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (list), ==, "Rename Class");
  g_assert_true (cs_annotation_list_undo (list));
  g_assert_cmpuint (cs_annotation_list_count_class (list, "Tumour"), ==, 2);

  /* To unclassified. */
  g_assert_cmpuint (cs_annotation_list_relabel_class (list, "Stroma", NULL, "Remove Class"), ==, 1);
  g_assert_cmpuint (cs_annotation_list_count_class (list, NULL), ==, 2);
  g_assert_cmpuint (cs_annotation_list_relabel_class (list, "Absent", "X", "Rename Class"), ==, 0);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (list), ==, "Remove Class");
}

static void
on_renamed (CsClassTable *classes,
            const char   *old_name,
            const char   *new_name,
            GString      *log)
{
  g_string_append_printf (log, "%s>%s;", old_name, new_name);
}

/* "renamed" on a rename (not on a recolour); a name met again in
 * annotations comes back with the colour it had. */
static void
test_class_table_renamed (void)
{
  g_autoptr(CsClassTable) classes = cs_class_table_new_default ();
  g_autoptr(GString) log = g_string_new (NULL);
  CsClassItem *tumour = cs_class_table_lookup (classes, "Tumour");
  CsClassItem *back, *fresh;

  g_signal_connect (classes, "renamed", G_CALLBACK (on_renamed), log);
  cs_class_item_set_color (tumour, 0xC80001);
  cs_class_item_set_name (tumour, "Tumor");
  g_assert_cmpstr (log->str, ==, "Tumour>Tumor;");
  g_assert_null (cs_class_table_lookup (classes, "Tumour"));
  g_assert_true (cs_class_table_lookup (classes, "Tumor") == tumour);

  back = cs_class_table_ensure_known (classes, "Tumour", CS_COLOR_UNSET);
  g_assert_nonnull (back);
  g_assert_cmpuint (cs_class_item_get_color (back), ==, 0xC80001);
  g_assert_true (cs_class_table_ensure_known (classes, "Tumor", 0) == tumour);

  cs_class_table_remove (classes, cs_class_table_lookup (classes, "Stroma"));
  back = cs_class_table_ensure_known (classes, "Stroma", 0x123456);
  g_assert_cmpuint (cs_class_item_get_color (back), ==, 0x96C896);

  fresh = cs_class_table_ensure_known (classes, "Lymph node", CS_COLOR_UNSET);
  g_assert_nonnull (fresh);
  g_assert_cmpuint (cs_class_item_get_color (fresh), !=, CS_UNCLASSIFIED_COLOR);
  g_assert_cmpuint (cs_class_item_get_color (cs_class_table_ensure_known (classes, "Given", 0x010203)), ==,
                    0x010203);
  g_assert_null (cs_class_table_ensure_known (classes, NULL, 0));
  g_assert_cmpstr (log->str, ==, "Tumour>Tumor;");
}

static void
test_list_query (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CsAnnotation) big = make_square (0, 0, 100000);
  CsRect window = { 5000, 5000, 3000, 2000 };
  g_autoptr(GPtrArray) found = NULL;
  guint expected = 0;

  /* A 200 x 200 grid of 20 px squares every 500 px, and one huge square. */
  for (guint i = 0; i < 40000; i++)
    {
      CsAnnotation *a = make_square ((i % 200) * 500.0, (i / 200) * 500.0, 20);
      CsRect b;

      cs_annotation_get_bounds (a, &b);
      if (cs_rect_intersects (&b, &window))
        expected++;
      g_ptr_array_add (many, a);
    }
  cs_annotation_list_add_many (list, many, "Import");
  cs_annotation_list_add (list, big);

  found = cs_annotation_list_query (list, &window);
  g_assert_cmpuint (found->len, ==, expected + 1);
  /* In list order: the huge square, added last, comes last. */
  g_assert_true (found->pdata[found->len - 1] == big);
  for (guint i = 1; i + 1 < found->len; i++)
    g_assert_cmpuint (cs_annotation_list_find (list, found->pdata[i - 1]), <,
                      cs_annotation_list_find (list, found->pdata[i]));

  /* A click inside a small square drawn under the huge one picks the small
   * one, as QuPath picks the innermost; elsewhere the huge one. */
  g_assert_true (cs_annotation_list_hit_test (list, 5010, 5010, 1) == many->pdata[10 * 200 + 10]);
  g_assert_true (cs_annotation_list_hit_test (list, 5300, 5300, 1) == big);
  /* Near the huge square's edge, its outline wins over the small square inside. */
  g_assert_true (cs_annotation_list_hit_test (list, 10, 1, 2) == big);
  {
    g_autoptr(CsAnnotation) hidden = cs_annotation_copy (big);

    cs_annotation_set_hidden (hidden, TRUE);
    cs_annotation_list_update (list, hidden);
  }
  g_assert_null (cs_annotation_list_hit_test (list, 5300, 5300, 1));
  g_assert_true (cs_annotation_list_hit_test (list, 5010, 5010, 1) == many->pdata[10 * 200 + 10]);

  /* The whole slide at once. */
  {
    CsRect all = { -1, -1, 1e6, 1e6 };
    g_autoptr(GPtrArray) everything = cs_annotation_list_query (list, &all);

    g_assert_cmpuint (everything->len, ==, 40001);
  }
}

/* Point sets are hit at their points, not along lines between them; a
 * hidden class hides its annotations from clicks. */
static void
test_list_hit_points_and_classes (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsClassTable) classes = cs_class_table_new_default ();
  CsPoint cells[] = { { 0, 0 }, { 10000, 10000 } };
  g_autoptr(CsGeometry) g = cs_geometry_new_ring (cells, 2);
  g_autoptr(CsAnnotation) points = cs_annotation_new (CS_SHAPE_POINTS, g);
  g_autoptr(CsAnnotation) region = make_square (4000, 4000, 2000);

  cs_annotation_set_class_name (points, "Immune cells");
  cs_annotation_set_class_name (region, "Stroma");
  cs_annotation_list_add (list, region);
  cs_annotation_list_add (list, points);
  cs_annotation_list_set_class_table (list, classes);

  g_assert_true (cs_annotation_list_hit_test (list, 5000, 5000, 3) == region);
  g_assert_true (cs_annotation_list_hit_test (list, 10001, 10002, 3) == points);
  g_assert_null (cs_annotation_list_hit_test (list, 9000, 9000, 3));

  cs_class_item_set_visible (cs_class_table_lookup (classes, "Stroma"), FALSE);
  g_assert_false (cs_annotation_list_is_visible (list, region));
  g_assert_null (cs_annotation_list_hit_test (list, 5000, 5000, 3));
  g_assert_true (cs_annotation_list_is_visible (list, points));
}

static void
test_list_load (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CsAnnotation) extra = make_square (0, 0, 1);
  Recorder rec = { 0 };

  cs_annotation_list_add (list, extra);
  g_ptr_array_add (loaded, make_square (0, 0, 5));
  g_ptr_array_add (loaded, make_square (10, 0, 5));
  g_signal_connect (list, "changed", G_CALLBACK (on_changed), &rec);
  cs_annotation_list_load (list, loaded);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_false (cs_annotation_list_can_undo (list));
  g_assert_cmpuint (rec.n_changed_signals, ==, 1);
  g_clear_pointer (&rec.last_ids, g_ptr_array_unref);
}

static void
test_class_table (void)
{
  g_autoptr(CsClassTable) table = cs_class_table_new_default ();
  g_autoptr(CsClassTable) copy = cs_class_table_new ();
  g_autoptr(CsAnnotation) a = make_square (0, 0, 1);
  g_autofree char *text = NULL;
  CsClassItem *tumour;
  guint n_changed = 0;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (table)), ==, 5);
  tumour = cs_class_table_lookup (table, "Tumour");
  g_assert_nonnull (tumour);
  g_assert_true (cs_class_table_ensure (table, "Tumour", 0x123456) == tumour);

  g_assert_cmpuint (cs_class_table_resolve_color (table, a), ==, CS_UNCLASSIFIED_COLOR);
  cs_annotation_set_class_name (a, "Tumour");
  g_assert_cmpuint (cs_class_table_resolve_color (table, a), ==, 0xC80000);
  cs_annotation_set_color (a, 0x00FF00);
  g_assert_cmpuint (cs_class_table_resolve_color (table, a), ==, 0x00FF00);

  g_signal_connect_swapped (table, "changed", G_CALLBACK (g_atomic_int_inc), &n_changed);
  cs_class_item_set_visible (tumour, FALSE);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_false (cs_class_table_is_visible (table, a));
  cs_class_item_set_name (tumour, "Tumor");
  g_assert_null (cs_class_table_lookup (table, "Tumour"));
  g_assert_true (cs_class_table_lookup (table, "Tumor") == tumour);

  text = cs_class_table_serialize (table);
  g_assert_true (cs_class_table_deserialize (copy, text));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (copy)), ==, 5);
  g_assert_false (cs_class_item_get_visible (cs_class_table_lookup (copy, "Tumor")));
  g_assert_cmpuint (cs_class_item_get_color (cs_class_table_lookup (copy, "Stroma")), ==, 0x96C896);

  /* A malformed line changes nothing. */
  g_assert_false (cs_class_table_deserialize (copy, "Good\t#00ff00\tvisible\nBad\tgreen\tvisible\n"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (copy)), ==, 5);
}

/* Remote changes (a live session's peer): listed and announced by
 * "changed", never in the undo history; an undo that no longer applies
 * to them (an annotation removed remotely since) is skipped. */
static void
test_list_apply_remote (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotation) local = make_square (0, 0, 10);
  g_autoptr(CsAnnotation) remote = make_square (100, 0, 10);
  g_autoptr(CsAnnotation) edited = cs_annotation_copy (remote);
  Recorder rec = { 0 };

  g_signal_connect (list, "changed", G_CALLBACK (on_changed), &rec);
  cs_annotation_list_add (list, local);
  g_assert_cmpuint (rec.n_changed_signals, ==, 1);

  cs_annotation_list_apply_remote_add (list, remote);
  g_assert_cmpuint (rec.n_changed_signals, ==, 2);
  g_assert_cmpstr (rec.last_ids->pdata[0], ==, cs_annotation_get_id (remote));
  cs_annotation_set_name (edited, "Remote edit");
  cs_annotation_list_apply_remote_update (list, edited);
  g_assert_cmpuint (rec.n_changed_signals, ==, 3);
  g_assert_true (cs_annotation_list_lookup (list, cs_annotation_get_id (remote)) == edited);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (list), ==, "Add Annotation");

  /* Undo takes back the local addition only; the remote one stays. */
  g_assert_true (cs_annotation_list_undo (list));
  g_assert_false (cs_annotation_list_can_undo (list));
  g_assert_nonnull (cs_annotation_list_lookup (list, cs_annotation_get_id (edited)));
  g_assert_null (cs_annotation_list_lookup (list, cs_annotation_get_id (local)));

  /* Redo, a remote removal of it, then undo: nothing to take back. */
  g_assert_true (cs_annotation_list_redo (list));
  cs_annotation_list_apply_remote_remove (list, cs_annotation_get_id (local));
  g_assert_null (cs_annotation_list_lookup (list, cs_annotation_get_id (local)));
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (list)), ==, 1);
  g_assert_true (cs_annotation_list_undo (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_clear_pointer (&rec.last_ids, g_ptr_array_unref);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/annotation/fields", test_annotation_fields);
  g_test_add_func ("/cs/annotation/params", test_annotation_params);
  g_test_add_func ("/cs/annotation/geometry", test_geometry_basics);
  g_test_add_func ("/cs/annotation-list/undo-redo", test_list_undo_redo);
  g_test_add_func ("/cs/annotation-list/grouped-step", test_list_grouped_step);
  g_test_add_func ("/cs/annotation-list/drag-coalesced", test_list_drag_coalesced);
  g_test_add_func ("/cs/annotation-list/bulk", test_list_bulk);
  g_test_add_func ("/cs/annotation-list/trash-restore", test_list_trash_restore);
  g_test_add_func ("/cs/annotation-list/discard", test_list_discard);
  g_test_add_func ("/cs/annotation-list/relabel-class", test_list_relabel_class);
  g_test_add_func ("/cs/annotation-list/query", test_list_query);
  g_test_add_func ("/cs/annotation-list/hit-points-classes", test_list_hit_points_and_classes);
  g_test_add_func ("/cs/annotation-list/load", test_list_load);
  g_test_add_func ("/cs/annotation-list/apply-remote", test_list_apply_remote);
  g_test_add_func ("/cs/class-table/basics", test_class_table);
  g_test_add_func ("/cs/class-table/renamed", test_class_table_renamed);

  return g_test_run ();
}
