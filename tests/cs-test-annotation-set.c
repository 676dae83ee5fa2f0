/* cs-test-annotation-set.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cs-test-annotation-set.h"

/* Synthetic annotations for the format and store tests (no public sample
 * has our own fields), and a comparison that names what differs. */

static void
set_every_field (CsAnnotation *annotation,
                 guint         i)
{
  g_autofree char *name = g_strdup_printf ("Région “%u” \"quoted\" \\ back", i);

  cs_annotation_set_name (annotation, name);
  cs_annotation_set_class_name (annotation, i % 2 ? "Tumour" : "Stroma: \"fibrous\"");
  cs_annotation_set_color (annotation, i % 3 ? 0x12AB34 + i : CS_COLOR_UNSET);
  cs_annotation_set_comment (annotation, "Ünïcode ✓ 日本語\nline two\t\"tab\"\x01 end");
  cs_annotation_set_author (annotation, "Dr. Ада Lovelace");
  cs_annotation_set_institution (annotation, "Hôpital \"Central\"");
  cs_annotation_set_created (annotation, G_GINT64_CONSTANT (1786284131123456) + i);
  cs_annotation_set_modified (annotation, G_GINT64_CONSTANT (1786284200000000) + i * 7);
  cs_annotation_set_locked (annotation, i % 2 == 0);
  cs_annotation_set_hidden (annotation, i % 3 == 0);
  cs_annotation_set_extra (annotation, "consilium.source", "asap:file “x”.xml");
  cs_annotation_set_extra (annotation, "qupath.key", "väl\"ue");
  if (i == 2)
    {
      cs_annotation_set_extra (annotation, "plane", "{\"c\":-1,\"z\":3,\"t\":1}");
      cs_annotation_set_extra (annotation, "measurement:Area µm^2", "12345.678");
      cs_annotation_set_extra (annotation, "measurement:Odd", "NaN");
      cs_annotation_set_extra (annotation, "measurement:Hex", "0x10");
      cs_annotation_set_extra (annotation, "measurement:Plus", "+5");
    }
}

static CsGeometry *
polygon_with_holes (void)
{
  CsGeometry *geometry = cs_geometry_new ();
  CsPoint shell[] = {
    { 0.1, 0.2 }, { 1000.3333333333333, -0.0 }, { 1e-7, 999.5 }, { 123456789.123456789, 5 },
  };
  CsPoint hole1[] = { { 10, 10 }, { 20, 10 }, { 20, 20 } };
  CsPoint hole2[] = { { 30, 30 }, { 40, 30 }, { 40, 40 }, { 35, 45 } };
  CsPoint part2[] = { { 5000, 5000 }, { 5100, 5000 }, { 5100, 5100 } };

  cs_geometry_add_part (geometry);
  cs_geometry_add_ring (geometry, shell, G_N_ELEMENTS (shell));
  cs_geometry_add_ring (geometry, hole1, G_N_ELEMENTS (hole1));
  cs_geometry_add_ring (geometry, hole2, G_N_ELEMENTS (hole2));
  cs_geometry_add_part (geometry);
  cs_geometry_add_ring (geometry, part2, G_N_ELEMENTS (part2));
  return geometry;
}

GPtrArray *
cs_test_annotations_every_shape (void)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  CsShapeParams rect = { 100.25, 200.5, 50.125, 30, M_PI / 7 };
  CsShapeParams ellipse = { 9000, 6400.1, 180, 250.3, -0.3 };
  CsPoint freehand[] = { { 1, 1 }, { 2.5, 1.25 }, { 3, 4 }, { 1.5, 5 } };
  CsPoint points[] = { { 7, 8 }, { 9.5, 10.5 }, { 11, 12 }, { 7, 8 } };
  CsPoint line[] = { { 0, 0 }, { 300.75, 400.125 } };
  CsPoint text[] = { { 42, 43 } };
  g_autoptr(CsGeometry) holes = polygon_with_holes ();
  g_autoptr(CsGeometry) g_freehand = cs_geometry_new_ring (freehand, G_N_ELEMENTS (freehand));
  g_autoptr(CsGeometry) g_points = cs_geometry_new_ring (points, G_N_ELEMENTS (points));
  g_autoptr(CsGeometry) g_line = cs_geometry_new_ring (line, G_N_ELEMENTS (line));
  g_autoptr(CsGeometry) g_text = cs_geometry_new_ring (text, 1);

  g_ptr_array_add (all, cs_annotation_new_with_params (CS_SHAPE_RECTANGLE, &rect));
  g_ptr_array_add (all, cs_annotation_new_with_params (CS_SHAPE_ELLIPSE, &ellipse));
  g_ptr_array_add (all, cs_annotation_new (CS_SHAPE_POLYGON, holes));
  g_ptr_array_add (all, cs_annotation_new (CS_SHAPE_FREEHAND, g_freehand));
  g_ptr_array_add (all, cs_annotation_new (CS_SHAPE_POINTS, g_points));
  g_ptr_array_add (all, cs_annotation_new (CS_SHAPE_LINE, g_line));
  g_ptr_array_add (all, cs_annotation_new (CS_SHAPE_ARROW, g_line));
  g_ptr_array_add (all, cs_annotation_new (CS_SHAPE_TEXT, g_text));
  /* A bare polygon with nothing but its points, and an id that is not a
   * UUID: our own files keep it. */
  g_ptr_array_add (all, cs_annotation_new (CS_SHAPE_POLYGON, g_freehand));
  cs_annotation_set_id (all->pdata[all->len - 1], "not-a-uuid \"7\"");
  for (guint i = 0; i + 1 < all->len; i++)
    set_every_field (all->pdata[i], i);
  return all;
}

void
cs_test_assert_annotations_equal (GPtrArray *a,
                                  GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      if (!cs_annotation_equal (a->pdata[i], b->pdata[i]))
        g_error ("annotation %u (%s, %s) differs after the round trip", i,
                 cs_annotation_get_id (a->pdata[i]),
                 cs_shape_to_string (cs_annotation_get_shape (a->pdata[i])));
    }
}

char *
cs_test_shared_annotation (const char *relative)
{
  const char *shared = g_getenv ("CS_SHARED_DIR");
  g_autofree char *path = NULL;

  if (shared == NULL || *shared == '\0')
    return NULL;
  path = g_build_filename (shared, "annotations", relative, NULL);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR) ? g_steal_pointer (&path) : NULL;
}
