/* cs-test-annotations.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-test-annotation-set.h"
#include "cs-test-annotations.h"
#include "cs-test-utils.h"

/* Shared by the annotation format tests: samples, round trips through a
 * real file, and exact comparison. */

GBytes *
cs_test_annotation_sample (const char *path)
{
  const char *shared = g_getenv ("CS_SHARED_DIR");
  g_autofree char *full = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (shared == NULL || *shared == '\0')
    return NULL;
  full = g_build_filename (shared, "annotations", path, NULL);
  if (!g_file_get_contents (full, &contents, &len, NULL))
    return NULL;
  return g_bytes_new_take (contents, len);
}

CsAnnotationImport *
cs_test_read_bytes (CsTestReadFunc      read,
                    CsAnnotationFormat  format,
                    GBytes             *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsAnnotationImport) result = cs_annotation_import_new (format);
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_true (read (data, len, "sample", result, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&result);
}

CsAnnotationImport *
cs_test_read_string (CsTestReadFunc      read,
                     CsAnnotationFormat  format,
                     const char         *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

  return cs_test_read_bytes (read, format, bytes);
}

void
cs_test_assert_rejected (CsTestReadFunc  read,
                         const char     *text,
                         int             code,
                         const char     *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsAnnotationImport) result = cs_annotation_import_new (CS_ANNOTATION_FORMAT_UNKNOWN);

  g_assert_false (read (text, strlen (text), "bad.file", result, &error));
  g_assert_error (error, CS_ANNOTATION_ERROR, code);
  g_test_message ("rejected: %s", error->message);
  g_assert_nonnull (strstr (error->message, "bad.file"));
  if (fragment != NULL)
    g_assert_nonnull (strstr (error->message, fragment));
  /* All or nothing. */
  g_assert_cmpuint (result->annotations->len, ==, 0);
  g_assert_cmpuint (g_hash_table_size (result->class_colors), ==, 0);
  g_assert_cmpuint (result->warnings->len, ==, 0);
}

CsAnnotationImport *
cs_test_round_trip (CsTestWriteFunc           write,
                    CsTestReadFunc            read,
                    CsAnnotationFormat        format,
                    GPtrArray                *annotations,
                    const CsAnnotationExport *context)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE,
                                                     NULL, &error);
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(CsAnnotationImport) result = cs_annotation_import_new (format);

  g_assert_no_error (error);
  g_assert_true (write (G_OUTPUT_STREAM (out), annotations, context, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_true (read (contents, len, "out.xml", result, &error));
  g_assert_no_error (error);
  cs_test_remove_tree (dir);
  return g_steal_pointer (&result);
}

char *
cs_test_write_string (CsTestWriteFunc           write,
                      GPtrArray                *annotations,
                      const CsAnnotationExport *context)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (write (out, annotations, context, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

void
cs_test_assert_same (CsAnnotation *expected,
                     CsAnnotation *actual,
                     gboolean      same_id)
{
  const CsShapeParams *pe = cs_annotation_get_params (expected);
  const CsShapeParams *pa = cs_annotation_get_params (actual);

  g_assert_cmpint (cs_annotation_get_shape (actual), ==, cs_annotation_get_shape (expected));
  g_assert_true (cs_geometry_equal (cs_annotation_get_geometry (expected),
                                    cs_annotation_get_geometry (actual)));
  g_assert_true ((pe == NULL) == (pa == NULL));
  if (pe != NULL)
    g_assert_cmpmem (pe, sizeof *pe, pa, sizeof *pa);
  g_assert_cmpstr (cs_annotation_get_name (actual), ==, cs_annotation_get_name (expected));
  g_assert_cmpstr (cs_annotation_get_class_name (actual), ==,
                   cs_annotation_get_class_name (expected));
  g_assert_cmphex (cs_annotation_get_color (actual), ==, cs_annotation_get_color (expected));
  if (same_id)
    g_assert_cmpstr (cs_annotation_get_id (actual), ==, cs_annotation_get_id (expected));
}

void
cs_test_check_every_property (CsTestWriteFunc    write,
                              CsTestReadFunc     read,
                              CsAnnotationFormat format)
{
  g_autoptr(GPtrArray) every = cs_test_annotations_every_shape ();
  g_autoptr(CsAnnotationImport) result = cs_test_round_trip (write, read, format, every, NULL);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (result->warnings->len, ==, 0);
  g_assert_cmpuint (result->annotations->len, ==, every->len);
  for (guint i = 0; i < result->annotations->len; i++)
    g_hash_table_insert (by_id, (gpointer) cs_annotation_get_id (result->annotations->pdata[i]),
                         result->annotations->pdata[i]);
  for (guint i = 0; i < every->len; i++)
    {
      CsAnnotation *back = g_hash_table_lookup (by_id, cs_annotation_get_id (every->pdata[i]));

      g_assert_nonnull (back);
      if (!cs_annotation_equal (every->pdata[i], back))
        g_error ("annotation %u (%s) differs after the round trip", i,
                 cs_shape_to_string (cs_annotation_get_shape (back)));
    }
}

guint32
cs_test_class_color (CsAnnotationImport *result,
                     const char         *klass)
{
  gpointer value = NULL;

  g_assert_true (g_hash_table_lookup_extended (result->class_colors, klass, NULL, &value));
  return GPOINTER_TO_UINT (value);
}

guint
cs_test_count_warnings (CsAnnotationImport *result,
                        const char         *fragment)
{
  guint n = 0;

  for (guint i = 0; i < result->warnings->len; i++)
    if (strstr (result->warnings->pdata[i], fragment) != NULL)
      n++;
  return n;
}

static CsAnnotation *
ring_annotation (CsShape        shape,
                 const CsPoint *points,
                 guint          n)
{
  g_autoptr(CsGeometry) geometry = cs_geometry_new_ring (points, n);

  return cs_annotation_new (shape, geometry);
}

static CsAnnotation *
polygon_with_holes (void)
{
  const CsPoint shell[] = { { 0.1, 0.1 }, { 1000.5, 0.2 }, { 1000.25, 900.123456789 },
                            { 3e-7, 901 } };
  const CsPoint hole1[] = { { 100, 100 }, { 200.3333333333333, 100 }, { 150, 180.1 } };
  const CsPoint hole2[] = { { 500, 500 }, { 600, 500.5 }, { 600, 600 }, { 500.75, 600 } };
  const CsPoint part2[] = { { 2000, 2000 }, { 2100.01, 2000 }, { 2050, 2100.99 } };
  g_autoptr(CsGeometry) geometry = cs_geometry_new ();
  CsAnnotation *a;

  cs_geometry_add_part (geometry);
  cs_geometry_add_ring (geometry, shell, G_N_ELEMENTS (shell));
  cs_geometry_add_ring (geometry, hole1, G_N_ELEMENTS (hole1));
  cs_geometry_add_ring (geometry, hole2, G_N_ELEMENTS (hole2));
  cs_geometry_add_part (geometry);
  cs_geometry_add_ring (geometry, part2, G_N_ELEMENTS (part2));
  a = cs_annotation_new (CS_SHAPE_POLYGON, geometry);
  cs_annotation_set_name (a, "Tumour with vessels");
  cs_annotation_set_class_name (a, "Tumour");
  return a;
}

GPtrArray *
cs_test_make_shapes (GHashTable *colors)
{
  const CsShapeParams rect = { 123456.789012345, 2345.6789, 300.1, 200.3, 0 };
  const CsShapeParams rotated = { 5000.5, 6000.25, 123.4567, 89.0123, 0.3 };
  const CsShapeParams ellipse = { 7000.125, 8000.5, 640.5, 320.25, 0 };
  const CsShapeParams tilted = { 9000.1, 9500.7, 501.3, 250.9, -1.1 };
  const CsPoint free[] = { { 10.5, 10.25 }, { 20.125, 11 }, { 25, 30.0625 }, { 12, 28 },
                           { 9.75, 20 } };
  const CsPoint pts[] = { { 1.5, 2.5 }, { 3.25, 4.75 }, { 100000.1, 200000.2 } };
  const CsPoint line[] = { { 0, 0 }, { 100.1, 200.2 }, { 300.3, 100.4 } };
  const CsPoint arrow[] = { { 50, 60 }, { 70.7, 80.8 } };
  const CsPoint note[] = { { 42.42, 24.24 } };
  const CsPoint dot[] = { { 7.125, 8.875 } };
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  CsAnnotation *a;

  g_hash_table_insert (colors, g_strdup ("Tumour"), GUINT_TO_POINTER (0xC80000));
  g_hash_table_insert (colors, g_strdup ("Stroma"), GUINT_TO_POINTER (0x00A0FF));

  a = cs_annotation_new_with_params (CS_SHAPE_RECTANGLE, &rect);
  cs_annotation_set_class_name (a, "Tumour");
  cs_annotation_set_name (a, "Focus of invasion");
  g_ptr_array_add (all, a);
  a = cs_annotation_new_with_params (CS_SHAPE_RECTANGLE, &rotated);
  cs_annotation_set_class_name (a, "Stroma");
  cs_annotation_set_color (a, 0x123456);
  g_ptr_array_add (all, a);
  a = cs_annotation_new_with_params (CS_SHAPE_ELLIPSE, &ellipse);
  cs_annotation_set_class_name (a, "Tumour");
  g_ptr_array_add (all, a);
  a = cs_annotation_new_with_params (CS_SHAPE_ELLIPSE, &tilted);
  cs_annotation_set_color (a, 0xABCDEF);
  cs_annotation_set_name (a, "Tilted");
  g_ptr_array_add (all, a);
  g_ptr_array_add (all, polygon_with_holes ());
  a = ring_annotation (CS_SHAPE_FREEHAND, free, G_N_ELEMENTS (free));
  cs_annotation_set_class_name (a, "Stroma");
  g_ptr_array_add (all, a);
  a = ring_annotation (CS_SHAPE_POINTS, pts, G_N_ELEMENTS (pts));
  cs_annotation_set_class_name (a, "Tumour");
  cs_annotation_set_name (a, "Mitoses");
  g_ptr_array_add (all, a);
  g_ptr_array_add (all, ring_annotation (CS_SHAPE_POINTS, dot, 1));
  a = ring_annotation (CS_SHAPE_LINE, line, G_N_ELEMENTS (line));
  cs_annotation_set_name (a, "Margin 2 mm");
  g_ptr_array_add (all, a);
  a = ring_annotation (CS_SHAPE_ARROW, arrow, G_N_ELEMENTS (arrow));
  cs_annotation_set_class_name (a, "Tumour");
  cs_annotation_set_color (a, 0x00FF00);
  g_ptr_array_add (all, a);
  a = ring_annotation (CS_SHAPE_TEXT, note, 1);
  cs_annotation_set_name (a, "Check with IHC — “CK7” & <b>\"AE1/AE3\"</b>\n\tsecond line ");
  g_ptr_array_add (all, a);
  return all;
}

void
cs_test_check_copies_and_failure (CsTestWriteFunc    write,
                                  CsTestReadFunc     read,
                                  CsAnnotationFormat format)
{
  g_autoptr(GHashTable) colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) shapes = cs_test_make_shapes (colors);
  g_autoptr(GPtrArray) copies = g_ptr_array_new ();
  CsAnnotationExport context = { .class_colors = colors };
  g_autoptr(CsAnnotationImport) result = NULL;
  g_autoptr(GOutputStream) closed = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  CsAnnotation *a, *b;

  g_ptr_array_add (copies, shapes->pdata[4]);
  g_ptr_array_add (copies, shapes->pdata[4]);
  g_ptr_array_add (copies, shapes->pdata[6]);
  result = cs_test_round_trip (write, read, format, copies, &context);
  g_assert_cmpuint (result->annotations->len, ==, 3);
  a = result->annotations->pdata[0];
  b = result->annotations->pdata[1];
  cs_test_assert_same (shapes->pdata[4], a, TRUE);
  cs_test_assert_same (shapes->pdata[4], b, FALSE);
  g_assert_cmpstr (cs_annotation_get_id (b), !=, cs_annotation_get_id (a));
  g_assert_true (g_uuid_string_is_valid (cs_annotation_get_id (b)));
  cs_test_assert_same (shapes->pdata[6], result->annotations->pdata[2], TRUE);

  g_assert_true (g_output_stream_close (closed, NULL, NULL));
  g_assert_false (write (closed, shapes, &context, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

void
cs_test_check_lone_colour (CsTestWriteFunc    write,
                           CsTestReadFunc     read,
                           CsAnnotationFormat format)
{
  g_autoptr(GHashTable) colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  CsAnnotationExport context = { .class_colors = colors };
  g_autoptr(CsAnnotationImport) result = NULL;
  const CsPoint tri[] = { { 0, 0 }, { 10, 0 }, { 5, 8 } };
  g_autoptr(CsGeometry) geometry = cs_geometry_new_ring (tri, 3);
  CsAnnotation *a = cs_annotation_new (CS_SHAPE_POLYGON, geometry);

  g_hash_table_insert (colors, g_strdup ("Solo"), GUINT_TO_POINTER (0x010203));
  cs_annotation_set_class_name (a, "Solo");
  cs_annotation_set_color (a, 0xFEDCBA);
  g_ptr_array_add (one, a);
  result = cs_test_round_trip (write, read, format, one, &context);
  g_assert_cmpuint (result->annotations->len, ==, 1);
  cs_test_assert_same (a, result->annotations->pdata[0], TRUE);
  g_assert_cmphex (cs_test_class_color (result, "Solo"), ==, 0x010203);
}
