/* test-annotation-panel.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-annotation-panel"

#include "config.h"

#include "cs-test-annotation-ui.h"

/* The annotation panel of a tab on the shipped CMU-1-Small-Region slide
 * (0.499 µm per pixel): rows with names, authors and calibrated
 * measurements, the filters, N / P review moving the view, inline rename as
 * one undo step, delete and restore. Needs a display (Xvfb). */

typedef struct
{
  CsWindow    *window;
  CsSlidePage *page;
  char        *sample;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (!cs_test_ui_have_display)
    return;

  fixture->sample = cs_test_sample_slide ();
  g_assert_nonnull (fixture->sample);
  fixture->window = cs_test_window_new (NULL);
  fixture->page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  /* The panel's state is remembered in the settings, shared by the tests. */
  g_object_set (fixture->window, "show-annotations", TRUE, NULL);
  g_assert_true (cs_slide_page_get_show_annotations (fixture->page));

  /* A focus, an unnamed stromal region by another author, a point set. */
  cs_test_annotations_add (fixture->page,
                           cs_test_annotations_rectangle (100, 200, 200, 100, "Focus A",
                                                          "Tumour", "Dr Ada"));
  cs_test_annotations_add (fixture->page,
                           cs_test_annotations_rectangle (1500, 2500, 400, 300, NULL,
                                                          "Stroma", "Dr Bea"));
  {
    const CsPoint dots[] = { { 800, 900 }, { 820, 930 }, { 850, 910 } };
    g_autoptr(CsGeometry) geometry = cs_geometry_new_ring (dots, G_N_ELEMENTS (dots));
    CsAnnotation *points;

    points = cs_annotation_new (CS_SHAPE_POINTS, geometry);
    cs_annotation_set_name (points, "Mitoses");
    cs_annotation_set_class_name (points, "Tumour");
    cs_annotation_set_author (points, "Dr Ada");
    cs_test_annotations_add (fixture->page, points);
  }
  cs_test_annotations_wait_rows (fixture->page, 3);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    cs_test_ui_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_pointer (&fixture->sample, g_free);
}

static CsAnnotationPanel *
panel_of (Fixture *fixture)
{
  return cs_slide_page_get_annotation_panel (fixture->page);
}

static CsAnnotation *
shown (Fixture *fixture,
       guint    position)
{
  GListModel *model = cs_annotation_panel_get_model (panel_of (fixture));
  g_autoptr(CsAnnotation) annotation = g_list_model_get_item (model, position);

  /* Still held by the list. */
  return annotation;
}

/* Rows: names (or what unnamed ones are), class, author and the
 * measurement in µm² from the slide's calibration; the header counts. */
static void
test_panel_rows (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  CsCalibration calibration;
  g_autofree char *area = NULL;
  const char *subtitle;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_assert_cmpstr (cs_annotation_panel_get_count_text (panel_of (fixture)), ==, "3 annotations");
  g_assert_cmpstr (cs_annotation_panel_get_points_text (panel_of (fixture)), ==,
                   "Points: Tumour 3");

  rows = cs_test_annotations_rows (fixture->page);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (cs_annotation_row_get_title (rows->pdata[0]), ==, "Focus A");
  g_assert_cmpstr (cs_annotation_row_get_title (rows->pdata[1]), ==, "Unnamed rectangle");
  g_assert_cmpstr (cs_annotation_row_get_title (rows->pdata[2]), ==, "Mitoses");

  /* 200 × 100 px at 0.499 µm/px: 4,980.02 µm² and 299.4 µm around,
   * never in pixels. */
  cs_slide_page_get_calibration (fixture->page, &calibration);
  g_assert_cmpfloat_with_epsilon (calibration.mpp_x, 0.499, 1e-9);
  area = cs_annotation_dup_measurement (cs_annotation_row_get_annotation (rows->pdata[0]),
                                        &calibration);
  g_assert_cmpstr (area, ==, "4,980 µm² · perimeter 299 µm");
  subtitle = cs_annotation_row_get_subtitle (rows->pdata[0]);
  g_assert_cmpstr (subtitle, ==, "Tumour · Dr Ada");
  g_assert_cmpstr (cs_annotation_row_get_measurement (rows->pdata[0]), ==, area);
  g_assert_null (strstr (area, "px"));
  g_assert_cmpstr (cs_annotation_row_get_measurement (rows->pdata[2]), ==, "3 points");
  g_assert_nonnull (strstr (cs_annotation_row_get_subtitle (rows->pdata[1]), "Dr Bea"));

  /* A temporary ruler is marked as such and counted apart. */
  {
    CsPoint line[] = { { 10, 10 }, { 200, 10 } };
    g_autoptr(CsGeometry) g = cs_geometry_new_ring (line, 2);
    CsAnnotation *ruler = cs_annotation_new (CS_SHAPE_LINE, g);

    cs_annotation_set_temporary (ruler, TRUE);
    cs_test_annotations_add (fixture->page, ruler);
    cs_test_annotations_wait_rows (fixture->page, 4);
    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = cs_test_annotations_rows (fixture->page);
    g_assert_cmpstr (cs_annotation_row_get_title (rows->pdata[3]), ==, "Temporary ruler");
    g_assert_cmpfloat (gtk_widget_get_opacity (rows->pdata[3]), <, 1.0);
    g_assert_cmpstr (cs_annotation_panel_get_count_text (panel_of (fixture)), ==,
                     "3 annotations · 1 temporary ruler");
  }
}

/* Search, class and author filters, and their count "n of m". */
static void
test_panel_filter (Fixture       *fixture,
                   gconstpointer  data)
{
  CsAnnotationPanel *panel = panel_of (fixture);
  GListModel *model = cs_annotation_panel_get_model (panel);

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  cs_annotation_panel_set_search (panel, "focus");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (cs_annotation_get_name (shown (fixture, 0)), ==, "Focus A");
  g_assert_cmpstr (cs_annotation_panel_get_count_text (panel), ==, "1 of 3 annotations");
  cs_test_annotations_wait_rows (fixture->page, 1);

  /* By author, case-insensitively. */
  cs_annotation_panel_set_search (panel, "BEA");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  cs_annotation_panel_set_search (panel, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  cs_annotation_panel_set_class_filter (panel, "Tumour");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  cs_annotation_panel_set_author_filter (panel, "Dr Bea");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  cs_annotation_panel_set_class_filter (panel, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (cs_annotation_get_author (shown (fixture, 0)), ==, "Dr Bea");
  cs_annotation_panel_set_author_filter (panel, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  /* Sorted by area, largest first: the 400 × 300 region leads. */
  cs_annotation_panel_set_sort (panel, CS_ANNOTATION_SORT_AREA);
  g_assert_cmpstr (cs_annotation_get_author (shown (fixture, 0)), ==, "Dr Bea");
  cs_annotation_panel_set_sort (panel, CS_ANNOTATION_SORT_NAME);
  g_assert_cmpstr (cs_annotation_get_name (shown (fixture, 0)), ==, "Focus A");
  g_assert_cmpstr (cs_annotation_get_name (shown (fixture, 1)), ==, "Mitoses");
}

static void
assert_selected_and_centred (Fixture      *fixture,
                             CsAnnotation *expected)
{
  cs_test_annotations_assert_shown (fixture->page, expected);
}

/* N and P walk the panel's order, selecting and showing each annotation,
 * and wrap around. */
static void
test_panel_next_previous (Fixture       *fixture,
                          gconstpointer  data)
{
  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  cs_test_window_activate (fixture->window, "win.next-annotation", NULL);
  assert_selected_and_centred (fixture, shown (fixture, 0));
  cs_test_window_activate (fixture->window, "win.next-annotation", NULL);
  assert_selected_and_centred (fixture, shown (fixture, 1));
  cs_test_window_activate (fixture->window, "win.previous-annotation", NULL);
  assert_selected_and_centred (fixture, shown (fixture, 0));
  cs_test_window_activate (fixture->window, "win.previous-annotation", NULL);
  assert_selected_and_centred (fixture, shown (fixture, 2));

  /* Activating a row (Enter, double click) shows it again after the view
   * moved away. */
  cs_slide_view_set_center (cs_slide_page_get_active_view (fixture->page), 50, 50);
  g_signal_emit_by_name (cs_test_window_child (panel_of (fixture), CS_TYPE_ANNOTATION_PANEL,
                                               "list_view"), "activate", 2);
  assert_selected_and_centred (fixture, shown (fixture, 2));

  /* In another order, N follows it. */
  cs_annotation_panel_set_sort (panel_of (fixture), CS_ANNOTATION_SORT_AREA);
  cs_annotation_editor_select_none (cs_slide_page_get_annotation_editor (fixture->page));
  cs_test_window_activate (fixture->window, "win.next-annotation", NULL);
  assert_selected_and_centred (fixture, shown (fixture, 0));
  g_assert_cmpstr (cs_annotation_get_author (shown (fixture, 0)), ==, "Dr Bea");
}

/* Renaming in the panel is one step: Ctrl+Z (win.undo) brings the old
 * name back, and the annotation stays. */
static void
test_panel_rename_undo (Fixture       *fixture,
                        gconstpointer  data)
{
  CsAnnotationList *list = cs_slide_page_get_annotation_list (fixture->page);
  GtkEntry *entry = cs_test_window_child (panel_of (fixture), CS_TYPE_ANNOTATION_PANEL,
                                          "name_entry");
  g_autofree char *id = NULL;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  cs_test_window_activate (fixture->window, "win.next-annotation", NULL);
  id = g_strdup (cs_annotation_get_id (shown (fixture, 0)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (entry)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Focus A");

  gtk_editable_set_text (GTK_EDITABLE (entry), "Invasive focus");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (cs_annotation_get_name (cs_annotation_list_lookup (list, id)), ==,
                   "Invasive focus");
  g_assert_true (cs_annotation_list_can_undo (list));

  cs_test_window_activate (fixture->window, "win.undo", NULL);
  g_assert_cmpuint (cs_test_annotations_count (fixture->page), ==, 3);
  g_assert_cmpstr (cs_annotation_get_name (cs_annotation_list_lookup (list, id)), ==, "Focus A");

  cs_test_window_activate (fixture->window, "win.redo", NULL);
  g_assert_cmpstr (cs_annotation_get_name (cs_annotation_list_lookup (list, id)), ==,
                   "Invasive focus");
}

/* A name being typed goes to its annotation when another is picked
 * before Enter, not to the one picked. */
static void
test_panel_typing_then_switch (Fixture       *fixture,
                               gconstpointer  data)
{
  CsAnnotationList *list = cs_slide_page_get_annotation_list (fixture->page);
  GtkEntry *entry = cs_test_window_child (panel_of (fixture), CS_TYPE_ANNOTATION_PANEL,
                                          "name_entry");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  cs_test_window_activate (fixture->window, "win.next-annotation", NULL);
  first = g_strdup (cs_annotation_get_id (shown (fixture, 0)));
  second = g_strdup (cs_annotation_get_id (shown (fixture, 1)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Typed for the first");

  cs_annotation_editor_select (cs_slide_page_get_annotation_editor (fixture->page),
                               cs_annotation_list_lookup (list, second), FALSE);
  g_assert_cmpstr (cs_annotation_get_name (cs_annotation_list_lookup (list, first)), ==,
                   "Typed for the first");
  g_assert_null (cs_annotation_get_name (cs_annotation_list_lookup (list, second)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

typedef struct
{
  GtkWidget *view;
  GtkWidget *button;     /* the first row's Restore button */
  guint      n_rows;
} TrashRows;

static void
collect_trash_rows (GtkWidget *widget,
                    TrashRows *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (CS_IS_ANNOTATION_ROW (child) &&
          cs_annotation_row_get_annotation (CS_ANNOTATION_ROW (child)) != NULL)
        {
          if (rows->n_rows++ == 0)
            rows->button = gtk_widget_get_next_sibling (child);
          continue;
        }
      collect_trash_rows (child, rows);
    }
}

static gboolean
trash_shows (gpointer data)
{
  TrashRows *rows = data;

  rows->n_rows = 0;
  rows->button = NULL;
  collect_trash_rows (rows->view, rows);

  return rows->n_rows > 0;
}

/* Deleted annotations are listed under "Recently deleted", newest first,
 * until restored. */
static void
test_panel_trash (Fixture       *fixture,
                  gconstpointer  data)
{
  CsAnnotationList *list = cs_slide_page_get_annotation_list (fixture->page);
  GtkMenuButton *trash_button = cs_test_window_child (panel_of (fixture), CS_TYPE_ANNOTATION_PANEL,
                                                      "trash_button");
  TrashRows rows = { cs_test_window_child (panel_of (fixture), CS_TYPE_ANNOTATION_PANEL,
                                           "trash_view"), NULL, 0 };
  g_autofree char *id = NULL;
  guint trashed;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  /* The fixture cleared what earlier tests left: those are in the trash. */
  trashed = g_list_model_get_n_items (cs_annotation_list_get_trash (list));
  cs_test_window_activate (fixture->window, "win.next-annotation", NULL);
  id = g_strdup (cs_annotation_get_id (shown (fixture, 0)));
  cs_test_window_activate (fixture->window, "win.delete-annotations", NULL);
  g_assert_cmpuint (cs_test_annotations_count (fixture->page), ==, 2);
  g_assert_null (cs_annotation_list_lookup (list, id));
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (list)), ==,
                    trashed + 1);
  g_assert_cmpstr (cs_annotation_panel_get_count_text (panel_of (fixture)), ==, "2 annotations");
  cs_test_annotations_wait_rows (fixture->page, 2);

  gtk_menu_button_popup (trash_button);
  g_assert_true (cs_test_wait_until (trash_shows, &rows, CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (GTK_IS_BUTTON (rows.button));
  g_signal_emit_by_name (rows.button, "clicked");
  gtk_menu_button_popdown (trash_button);

  g_assert_cmpuint (cs_test_annotations_count (fixture->page), ==, 3);
  g_assert_nonnull (cs_annotation_list_lookup (list, id));
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (list)), ==, trashed);
  cs_test_annotations_wait_rows (fixture->page, 3);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add ("/cs/annotation-panel/rows", Fixture, NULL,
              fixture_set_up, test_panel_rows, fixture_tear_down);
  g_test_add ("/cs/annotation-panel/filter", Fixture, NULL,
              fixture_set_up, test_panel_filter, fixture_tear_down);
  g_test_add ("/cs/annotation-panel/next-previous", Fixture, NULL,
              fixture_set_up, test_panel_next_previous, fixture_tear_down);
  g_test_add ("/cs/annotation-panel/rename-undo", Fixture, NULL,
              fixture_set_up, test_panel_rename_undo, fixture_tear_down);
  g_test_add ("/cs/annotation-panel/typing-then-switch", Fixture, NULL,
              fixture_set_up, test_panel_typing_then_switch, fixture_tear_down);
  g_test_add ("/cs/annotation-panel/trash", Fixture, NULL,
              fixture_set_up, test_panel_trash, fixture_tear_down);

  return cs_test_window_run ();
}
