/* cs-test-annotation-ui.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-row.h"
#include "cs-test-window.h"

G_BEGIN_DECLS

/* Helpers for the annotation UI tests (test-annotation-panel,
 * test-annotation-classes, test-annotation-files,
 * test-window-annotations): a tab whose annotations are read, annotations
 * made in code, and the rows the panel shows. Header-only. */

static inline gboolean
cs_test_annotations_ready (gpointer data)
{
  return cs_slide_page_get_annotation_editor (data) != NULL;
}

/* Opens @path in a new tab and waits until it is drawn and its annotations
 * are read. */
static inline CsSlidePage *
cs_test_annotations_open (CsWindow   *window,
                          const char *path)
{
  CsSlidePage *page = cs_test_window_open_drawn (window, path);

  g_assert_true (cs_test_wait_until (cs_test_annotations_ready, page, CS_TEST_UI_TIMEOUT_MS));

  return page;
}

/* The stores live in the program's data directory, and the tests open the
 * same slide: each starts from none. */
static inline CsSlidePage *
cs_test_annotations_open_empty (CsWindow   *window,
                                const char *path)
{
  CsSlidePage *page = cs_test_annotations_open (window, path);
  GListModel *list = G_LIST_MODEL (cs_slide_page_get_annotation_list (page));
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (all, g_list_model_get_item (list, i));
  if (all->len > 0)
    cs_annotation_list_remove_many (CS_ANNOTATION_LIST (list), all, "Clear");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  return page;
}

/* A rectangle of @width × @height level-0 pixels at (@x, @y). */
static inline CsAnnotation *
cs_test_annotations_rectangle (double      x,
                               double      y,
                               double      width,
                               double      height,
                               const char *name,
                               const char *class_name,
                               const char *author)
{
  CsShapeParams params = { x + width / 2, y + height / 2, width, height, 0 };
  CsAnnotation *annotation = cs_annotation_new_with_params (CS_SHAPE_RECTANGLE, &params);

  cs_annotation_set_name (annotation, name);
  cs_annotation_set_class_name (annotation, class_name);
  cs_annotation_set_author (annotation, author);

  return annotation;
}

static inline void
cs_test_annotations_add (CsSlidePage  *page,
                         CsAnnotation *annotation)
{
  g_autoptr(CsAnnotation) owned = annotation;

  cs_annotation_list_add (cs_slide_page_get_annotation_list (page), owned);
}

static inline guint
cs_test_annotations_count (CsSlidePage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (cs_slide_page_get_annotation_list (page)));
}

/* An annotation wanted on a page: named @name, by @author (for
 * cs_test_wait_until (cs_test_annotations_has_wanted, &wanted, …)). */
typedef struct
{
  CsSlidePage *page;
  const char  *name;
  const char  *author;
} CsTestWantedAnnotation;

static inline gboolean
cs_test_annotations_has_wanted (gpointer data)
{
  CsTestWantedAnnotation *wanted = data;
  GListModel *list = G_LIST_MODEL (cs_slide_page_get_annotation_list (wanted->page));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (list, i);

      if (g_strcmp0 (cs_annotation_get_name (annotation), wanted->name) == 0)
        return g_strcmp0 (cs_annotation_get_author (annotation), wanted->author) == 0;
    }
  return FALSE;
}

static inline void
cs_test_annotations_collect_rows (GtkWidget *widget,
                                  GPtrArray *rows)
{
  if (CS_IS_ANNOTATION_ROW (widget))
    {
      if (cs_annotation_row_get_annotation (CS_ANNOTATION_ROW (widget)) != NULL &&
          gtk_widget_get_mapped (widget))
        g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    cs_test_annotations_collect_rows (child, rows);
}

/* The rows the panel shows, top to bottom (borrowed). */
static inline GPtrArray *
cs_test_annotations_rows (CsSlidePage *page)
{
  GPtrArray *rows = g_ptr_array_new ();

  cs_test_annotations_collect_rows (GTK_WIDGET (cs_slide_page_get_annotation_panel (page)), rows);

  return rows;
}

typedef struct
{
  CsSlidePage *page;
  guint        n;
} CsTestRowCount;

static inline gboolean
cs_test_annotations_has_rows (gpointer data)
{
  CsTestRowCount *count = data;
  g_autoptr(GPtrArray) rows = cs_test_annotations_rows (count->page);

  return rows->len == count->n;
}

/* Waits until the panel shows exactly @n rows. */
static inline void
cs_test_annotations_wait_rows (CsSlidePage *page,
                               guint        n)
{
  CsTestRowCount count = { page, n };

  g_assert_true (cs_test_wait_until (cs_test_annotations_has_rows, &count,
                                     CS_TEST_UI_TIMEOUT_MS));
}

/* The fixture of the window tests: a window, a temporary folder and the
 * shipped sample slide. */
typedef struct
{
  CsWindow *window;
  char     *tmpdir;
  char     *sample;
} CsAnnotationFixture;

static inline void
cs_annotation_fixture_set_up (CsAnnotationFixture *fixture,
                gconstpointer        data)
{
  if (!cs_test_ui_have_display)
    return;

  fixture->tmpdir = cs_test_make_tmpdir ();
  fixture->sample = cs_test_sample_slide ();
  g_assert_nonnull (fixture->sample);
  fixture->window = cs_test_window_new (NULL);
}

static inline void
cs_annotation_fixture_tear_down (CsAnnotationFixture *fixture,
                   gconstpointer        data)
{
  if (fixture->window != NULL)
    cs_test_ui_window_destroy (GTK_WINDOW (fixture->window));
  if (fixture->tmpdir != NULL)
    cs_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
  g_clear_pointer (&fixture->sample, g_free);
}

/* A copy of the sample slide: same content, another path. */
static inline char *
cs_annotation_fixture_copy_sample (CsAnnotationFixture *fixture,
                                   const char          *name)
{
  char *path = g_build_filename (fixture->tmpdir, name, NULL);
  g_autoptr(GFile) source = g_file_new_for_path (fixture->sample);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (source, dest, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return path;
}

typedef struct
{
  CsSlidePage *page;
  guint        n;
} CsTestCount;

/* Asserts that @expected is the single selection and is shown centred in
 * the part of the view the tool bar and the overview leave free, wholly
 * inside it (where cs_slide_page_show_annotation puts it). */
static inline void
cs_test_annotations_assert_shown (CsSlidePage  *page,
                                  CsAnnotation *expected)
{
  CsAnnotationEditor *editor = cs_slide_page_get_annotation_editor (page);
  GPtrArray *selection = cs_annotation_editor_get_selection (editor);
  CsSlideViewer *viewer;
  graphene_rect_t free_area;
  CsViewport viewport;
  CsRect bounds;
  double cx, cy;
  int scale;

  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_cmpstr (cs_annotation_get_id (selection->pdata[0]), ==,
                   cs_annotation_get_id (expected));

  viewer = cs_review_area_get_primary (cs_slide_page_get_review_area (page));
  cs_slide_viewer_get_free_area (viewer, &free_area);
  g_assert_cmpfloat (free_area.origin.x, >, 0);
  scale = gtk_widget_get_scale_factor (GTK_WIDGET (cs_slide_viewer_get_view (viewer)));
  cs_slide_view_get_viewport (cs_slide_page_get_active_view (page), &viewport);
  cs_viewport_to_image (&viewport, (free_area.origin.x + free_area.size.width / 2) * scale,
                        (free_area.origin.y + free_area.size.height / 2) * scale, &cx, &cy);
  cs_annotation_get_bounds (expected, &bounds);
  g_assert_cmpfloat_with_epsilon (cx, bounds.x + bounds.width / 2, 1.0);
  g_assert_cmpfloat_with_epsilon (cy, bounds.y + bounds.height / 2, 1.0);
  g_assert_cmpfloat (bounds.width * viewport.zoom, <=, free_area.size.width * scale);
  g_assert_cmpfloat (bounds.height * viewport.zoom, <=, free_area.size.height * scale);
}

static inline gboolean
cs_test_has_count (gpointer data)
{
  CsTestCount *count = data;

  return cs_test_annotations_count (count->page) == count->n;
}

static inline GtkWindow *
cs_test_find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static inline gboolean
cs_test_dialog_shown (gpointer data)
{
  return cs_test_find_dialog () != NULL;
}

/* The message dialog shown next. */
static inline AdwMessageDialog *
cs_test_wait_dialog (void)
{
  g_assert_true (cs_test_wait_until (cs_test_dialog_shown, NULL, CS_TEST_UI_TIMEOUT_MS));
  return ADW_MESSAGE_DIALOG (cs_test_find_dialog ());
}

/* Types @text into @widget, an editable or a text view. */
static inline void
cs_test_set_text (GtkWidget  *widget,
                  const char *text)
{
  g_assert_nonnull (widget);
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static inline void
cs_test_wait_count (CsSlidePage *page,
            guint        n)
{
  CsTestCount count = { page, n };
  GtkWindow *dialog;

  if (cs_test_wait_until (cs_test_has_count, &count, CS_TEST_UI_TIMEOUT_MS))
    return;

  /* Say why: an import may have failed. */
  if ((dialog = cs_test_find_dialog ()) != NULL)
    g_test_message ("dialog: %s: %s", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                    adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_cmpuint (cs_test_annotations_count (page), ==, n);
}

static inline char *
cs_test_annotation_path (const char *name)
{
  const char *shared = g_getenv ("CS_SHARED_DIR");
  char *path;

  if (shared == NULL || *shared == '\0')
    return NULL;

  path = g_build_filename (shared, "annotations", name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer (&path, g_free);

  return path;
}

static inline gboolean
cs_test_has_dialog (gpointer data)
{
  return cs_test_find_dialog () != NULL;
}

static inline void
cs_test_respond (const char *response)
{
  GtkWindow *dialog = cs_test_find_dialog ();

  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
}

/* Adds a test case with the fixture above. */
#define CS_TEST_ANNOTATION_ADD(path, func)                                  \
  g_test_add (path, CsAnnotationFixture, NULL, cs_annotation_fixture_set_up, \
              func, cs_annotation_fixture_tear_down)

G_END_DECLS
