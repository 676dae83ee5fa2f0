/* test-annotation-files.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-annotation-files"

#include "config.h"

#include "cs-test-annotation-ui.h"

/* Annotation files through the window: a real ImageScope file made on the
 * shipped slide, a malformed file that changes nothing and says why, a
 * QuPath file of another slide that is added only when the user says so,
 * and export in each format offered. Needs a display (Xvfb). */

/* Opens the sample with no annotations and imports @relative, a file of
 * the shared samples, into it; NULL, the test skipped, without them. */
static CsSlidePage *
start_import (CsAnnotationFixture *fixture,
              const char          *relative)
{
  g_autofree char *path = cs_test_annotation_path (relative);
  CsSlidePage *page;

  if (path == NULL)
    {
      g_test_skip ("CS_SHARED_DIR/annotations is not available");
      return NULL;
    }

  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  cs_window_import_annotations (fixture->window, path);

  return page;
}

/* The ImageScope file made on this very slide: one free-hand region of
 * 326 vertices, imported as one undo step. */
static void
test_annotation_files_import (CsAnnotationFixture *fixture,
                              gconstpointer        data)
{
  CsSlidePage *page;
  CsAnnotation *imported;
  CsAnnotationList *list;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  page = start_import (fixture, "imagescope-xml/CMU-1-Small-Region.imagescope.xml");
  if (page == NULL)
    return;
  cs_test_wait_count (page, 1);

  list = cs_slide_page_get_annotation_list (page);
  imported = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_object_unref (imported);
  g_assert_cmpuint (cs_geometry_get_n_points (cs_annotation_get_geometry (imported)), >=, 325);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (list), ==, "Import Annotations");
  cs_test_window_activate (fixture->window, "win.undo", NULL);
  g_assert_cmpuint (cs_test_annotations_count (page), ==, 0);
}

/* A truncated file adds nothing, and a dialog names the file. */
static void
test_annotation_files_import_malformed (CsAnnotationFixture *fixture,
                                        gconstpointer        data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "truncated.geojson", NULL);
  const char *text = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                     "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,";
  g_autoptr(GError) error = NULL;
  CsSlidePage *page;
  GtkWindow *dialog;
  const char *body;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  cs_test_annotations_add (page, cs_test_annotations_rectangle (10, 10, 50, 50, "Kept",
                                                                "Tumour", "Dr Ada"));

  cs_window_import_annotations (fixture->window, path);
  g_assert_true (cs_test_wait_until (cs_test_has_dialog, NULL, CS_TEST_UI_TIMEOUT_MS));
  dialog = cs_test_find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Could Not Import Annotations");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "truncated.geojson"));

  g_assert_cmpuint (cs_test_annotations_count (page), ==, 1);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (cs_slide_page_get_annotation_list (page)),
                   !=, "Import Annotations");
  gtk_window_destroy (dialog);
}

/* QuPath annotations of another, larger slide: asked first; Cancel adds
 * nothing, Add Anyway adds all three. */
static void
test_annotation_files_import_beyond (CsAnnotationFixture *fixture,
                                     gconstpointer        data)
{
  const char *file = "qupath-geojson/dlup_qupath05.geojson";
  g_autofree char *path = NULL;
  CsSlidePage *page;
  GtkWindow *dialog;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  page = start_import (fixture, file);
  if (page == NULL)
    return;
  g_assert_true (cs_test_wait_until (cs_test_has_dialog, NULL, CS_TEST_UI_TIMEOUT_MS));
  dialog = cs_test_find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "These annotations reach beyond this slide");
  cs_test_respond ("cancel");
  g_assert_cmpuint (cs_test_annotations_count (page), ==, 0);

  path = cs_test_annotation_path (file);
  cs_window_import_annotations (fixture->window, path);
  g_assert_true (cs_test_wait_until (cs_test_has_dialog, NULL, CS_TEST_UI_TIMEOUT_MS));
  cs_test_respond ("add");
  g_assert_cmpuint (cs_test_annotations_count (page), ==, 3);
}

/* What could not be kept exactly is listed after the import: ASAP splines
 * become polygons. (The file is of another slide: asked first.) */
static void
test_annotation_files_import_warnings (CsAnnotationFixture *fixture,
                                       gconstpointer        data)
{
  CsSlidePage *page;
  GtkWindow *dialog;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  page = start_import (fixture, "asap-xml/pathml_2_HE_spline.xml");
  if (page == NULL)
    return;
  g_assert_true (cs_test_wait_until (cs_test_has_dialog, NULL, CS_TEST_UI_TIMEOUT_MS));
  cs_test_respond ("add");
  g_assert_cmpuint (cs_test_annotations_count (page), ==, 4);

  dialog = cs_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "4 Annotations Imported With Changes");
  g_test_message ("%s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "pline"));
  cs_test_respond ("close");
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

/* Export in each format the dialog offers; read back, the same count and
 * names. */
static void
test_annotation_files_export (CsAnnotationFixture *fixture,
                              gconstpointer        data)
{
  const CsAnnotationFormat formats[] = {
    CS_ANNOTATION_FORMAT_GEOJSON, CS_ANNOTATION_FORMAT_ASAP, CS_ANNOTATION_FORMAT_IMAGESCOPE,
  };
  CsSlidePage *page;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  cs_test_annotations_add (page, cs_test_annotations_rectangle (10, 20, 300, 200, "Focus",
                                                                "Tumour", "Dr Ada"));
  cs_test_annotations_add (page, cs_test_annotations_rectangle (500, 600, 40, 30, "Margin",
                                                                "Stroma", "Dr Ada"));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *base = g_strdup_printf ("%s/export-%u", fixture->tmpdir, i);
      g_autofree char *path = g_strconcat (base, cs_annotation_format_get_suffix (formats[i]),
                                           NULL);
      g_autoptr(CsAnnotationImport) back = NULL;
      g_autoptr(GError) error = NULL;

      /* The format's suffix is added. */
      cs_window_export_annotations (fixture->window, base, formats[i]);
      g_assert_true (cs_test_wait_until (file_exists, path, CS_TEST_UI_TIMEOUT_MS));
      back = cs_annotation_import_file (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (back->format, ==, formats[i]);
      g_assert_cmpuint (back->annotations->len, ==, 2);
      g_assert_cmpstr (cs_annotation_get_name (back->annotations->pdata[0]), ==, "Focus");
      g_assert_cmpstr (cs_annotation_get_name (back->annotations->pdata[1]), ==, "Margin");
    }
}

/* A file exported from this slide, imported back, adds copies under
 * fresh ids: the originals stay, nothing is refused as listed already. */
static void
test_annotation_files_reimport (CsAnnotationFixture *fixture,
                                gconstpointer        data)
{
  g_autofree char *base = g_build_filename (fixture->tmpdir, "again", NULL);
  g_autofree char *path = g_strconcat (base, ".xml", NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  CsAnnotationList *list;
  CsSlidePage *page;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  cs_test_annotations_add (page, cs_test_annotations_rectangle (10, 20, 300, 200, "Focus",
                                                                "Tumour", "Dr Ada"));
  cs_test_annotations_add (page, cs_test_annotations_rectangle (500, 600, 40, 30, "Margin",
                                                                "Stroma", "Dr Ada"));
  cs_window_export_annotations (fixture->window, base, CS_ANNOTATION_FORMAT_ASAP);
  g_assert_true (cs_test_wait_until (file_exists, path, CS_TEST_UI_TIMEOUT_MS));

  cs_window_import_annotations (fixture->window, path);
  cs_test_wait_count (page, 4);
  list = cs_slide_page_get_annotation_list (page);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (list), ==, "Import Annotations");
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_hash_table_add (ids, (gpointer) cs_annotation_get_id (annotation));
      g_assert_cmpstr (cs_annotation_get_name (annotation), ==, i % 2 == 0 ? "Focus" : "Margin");
    }
  g_assert_cmpuint (g_hash_table_size (ids), ==, 4);
  cs_test_window_activate (fixture->window, "win.undo", NULL);
  g_assert_cmpuint (cs_test_annotations_count (page), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  CS_TEST_ANNOTATION_ADD ("/cs/annotation-files/import", test_annotation_files_import);
  CS_TEST_ANNOTATION_ADD ("/cs/annotation-files/import-malformed",
                          test_annotation_files_import_malformed);
  CS_TEST_ANNOTATION_ADD ("/cs/annotation-files/import-beyond",
                          test_annotation_files_import_beyond);
  CS_TEST_ANNOTATION_ADD ("/cs/annotation-files/import-warnings",
                          test_annotation_files_import_warnings);
  CS_TEST_ANNOTATION_ADD ("/cs/annotation-files/reimport", test_annotation_files_reimport);
  CS_TEST_ANNOTATION_ADD ("/cs/annotation-files/export", test_annotation_files_export);

  return cs_test_window_run ();
}
