/* test-tour-editor.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-tour-editor"

#include "config.h"

#include "cs-test-views-ui.h"
#include "cs-tour-editor.h"
#include "cs-tour-player.h"

/* The tour editor driven through its widgets and actions: a tour made,
 * named, given an annotation stop, a current-view stop and a saved-view
 * stop with captions; reordered and a stop removed; the slide's store read
 * back from disk; the tour played (first caption, place); the annotation
 * deleted shows its stop as missing, and the player says so; the tour
 * deleted. */

static void
activate (CsTourEditor *editor,
          const char   *action,
          GVariant     *param)
{
  g_autoptr(GVariant) sunk = param != NULL ? g_variant_ref_sink (param) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (editor), action, sunk));
}

/* The widget named @name in the editor's stop row @index. */
static GtkWidget *
row_widget (CsTourEditor *editor,
            guint         index,
            const char   *name)
{
  GtkWidget *stops = cs_test_window_find_named (GTK_WIDGET (editor), "stops");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (stops), index);
  GtkWidget *widget;

  g_assert_nonnull (row);
  widget = cs_test_window_find_named (GTK_WIDGET (row), name);
  g_assert_nonnull (widget);

  return widget;
}

static guint
n_rows (CsTourEditor *editor)
{
  GtkWidget *stops = cs_test_window_find_named (GTK_WIDGET (editor), "stops");
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (stops), n) != NULL)
    n++;

  return n;
}

static void
assert_stop (const CsTourStop *stop,
             const char       *annotation_id,
             const char       *view_id,
             const char       *caption)
{
  g_assert_cmpstr (stop->annotation_id, ==, annotation_id);
  g_assert_cmpstr (stop->view_id, ==, view_id);
  g_assert_cmpstr (stop->caption, ==, caption);
}

/* Makes the tour "Breast carcinoma" of three stops: @region, the view at
 * (900, 700) × 0.25, and @overview. Returns the new view's id. */
static char *
make_tour (CsTourEditor *editor,
           CsSlidePage  *page,
           CsAnnotation *region,
           const char   *overview)
{
  GtkWidget *name = cs_test_window_find_named (GTK_WIDGET (editor), "tour_name");
  g_autoptr(CsSavedViews) views = NULL;
  CsSavedView *current;

  g_assert_null (cs_tour_editor_get_tour_id (editor));
  g_assert_false (gtk_widget_get_sensitive (name));
  activate (editor, "tour.new", NULL);
  g_assert_nonnull (cs_tour_editor_get_tour_id (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "New Tour");
  cs_test_set_text (name, "Breast carcinoma");
  g_signal_emit_by_name (name, "activate");

  cs_annotation_editor_select (cs_slide_page_get_annotation_editor (page), region, FALSE);
  activate (editor, "stop.add-annotation", NULL);
  cs_slide_view_move_to (cs_slide_page_get_active_view (page), 900, 700, 0.25, 0);
  activate (editor, "stop.add-current", NULL);
  activate (editor, "stop.add-view", g_variant_new_string (overview));
  g_assert_cmpuint (n_rows (editor), ==, 3);
  cs_test_set_text (row_widget (editor, 0, "caption"), "The invasive front");
  cs_test_set_text (row_widget (editor, 1, "caption"), "Normal ducts nearby");
  cs_test_set_text (row_widget (editor, 2, "caption"), "The whole section");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_widget (editor, 0, "stop_title"))), ==,
                   "1. Annotation “Invasive front”");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_widget (editor, 2, "stop_title"))), ==,
                   "3. Saved view “Overview”");

  views = cs_test_load_views (page);
  g_assert_cmpuint (views->views->len, ==, 2);
  current = g_ptr_array_index (views->views, 1);
  g_assert_cmpstr (current->name, ==, "Breast carcinoma, stop 2");
  g_assert_cmpfloat_with_epsilon (current->x, 900, 0.5);
  g_assert_cmpfloat_with_epsilon (current->y, 700, 0.5);
  g_assert_cmpfloat_with_epsilon (current->zoom, 0.25, 1e-9);

  return g_strdup (current->id);
}

static void
test_tour_editor (CsAnnotationFixture *fixture,
                  gconstpointer        data)
{
  g_autoptr(CsSavedViews) views = cs_saved_views_new ();
  g_autoptr(CsSavedViews) stored = NULL;
  g_autofree char *region_id = NULL;
  g_autofree char *current_id = NULL;
  g_autofree char *tour_id = NULL;
  CsSavedView *overview;
  AdwMessageDialog *dialog;
  CsTourEditor *editor;
  CsTourPlayer *player;
  CsAnnotation *region;
  CsSlidePage *page;
  CsSlideView *view;
  CsTour *tour;
  CsTestTarget target;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  view = cs_slide_page_get_active_view (page);
  region = cs_test_views_add_region (page);
  region_id = g_strdup (cs_annotation_get_id (region));
  overview = cs_saved_view_new ("Overview", NULL, 500, 400, 0.2, 0);
  g_ptr_array_add (views->views, overview);
  cs_test_save_views (page, views);

  cs_test_window_activate (fixture->window, "win.edit-tours", NULL);
  editor = g_object_get_data (G_OBJECT (page), "cs-tour-editor");
  g_assert_nonnull (editor);
  current_id = make_tour (editor, page, region, overview->id);
  tour_id = g_strdup (cs_tour_editor_get_tour_id (editor));
  cs_test_window_save_screenshot (GTK_WIDGET (fixture->window), "tour-editor.png");

  /* The current view first, the overview removed. */
  activate (editor, "stop.move-up", g_variant_new_uint32 (1));
  activate (editor, "stop.remove", g_variant_new_uint32 (2));
  g_assert_cmpuint (n_rows (editor), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_widget (editor, 0, "caption"))), ==,
                   "Normal ducts nearby");
  stored = cs_test_load_views (page);
  g_assert_cmpuint (stored->tours->len, ==, 1);
  tour = g_ptr_array_index (stored->tours, 0);
  g_assert_cmpstr (tour->id, ==, tour_id);
  g_assert_cmpstr (tour->name, ==, "Breast carcinoma");
  g_assert_cmpuint (tour->stops->len, ==, 2);
  assert_stop (g_ptr_array_index (tour->stops, 0), NULL, current_id, "Normal ducts nearby");
  assert_stop (g_ptr_array_index (tour->stops, 1), region_id, NULL, "The invasive front");

  /* Played as edited. */
  cs_slide_view_move_to (view, 100, 100, 0.5, 0);
  cs_test_window_activate (fixture->window, "win.play-tour", g_variant_new_string (tour_id));
  player = g_object_get_data (G_OBJECT (page), "cs-tour-player");
  g_assert_nonnull (player);
  g_assert_cmpstr (cs_tour_player_get_caption (player), ==, "Normal ducts nearby");
  g_assert_cmpstr (cs_tour_player_get_progress (player), ==, "Stop 1 of 2");
  target = (CsTestTarget) { view, 900, 700, 0.25 };
  g_assert_true (cs_test_wait_until (cs_test_view_at, &target, CS_TEST_UI_TIMEOUT_MS));
  cs_tour_player_leave (player);

  /* The annotation deleted: its stop shows as missing, the player says so. */
  cs_annotation_list_remove (cs_slide_page_get_annotation_list (page), region);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_widget (editor, 1, "stop_title"))), ==,
                   "2. Missing annotation");
  cs_test_window_activate (fixture->window, "win.play-tour", g_variant_new_string (tour_id));
  player = g_object_get_data (G_OBJECT (page), "cs-tour-player");
  cs_tour_player_next (player);
  g_assert_cmpstr (cs_tour_player_get_caption (player), ==,
                   "The annotation of this stop has been deleted");
  cs_tour_player_leave (player);

  /* The view of stop 1 renamed through the Saved Views menu: the open
   * editor follows. */
  cs_test_window_activate (fixture->window, "win.edit-view", g_variant_new_string (current_id));
  dialog = cs_test_wait_dialog ();
  cs_test_set_text (g_object_get_data (G_OBJECT (dialog), "view-name"), "Normal ducts");
  cs_test_respond ("save");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_widget (editor, 0, "stop_title"))), ==,
                   "1. Saved view “Normal ducts”");

  activate (editor, "tour.delete", NULL);
  g_assert_null (cs_tour_editor_get_tour_id (editor));
  g_assert_cmpuint (n_rows (editor), ==, 0);
  g_clear_pointer (&stored, cs_saved_views_free);
  stored = cs_test_load_views (page);
  g_assert_cmpuint (stored->tours->len, ==, 0);
  g_assert_cmpuint (stored->views->len, ==, 2);
}

/* Annotations → Add to Tour: the selected annotation becomes the last stop
 * of the editor's tour, a new one when the slide had none. */
static void
test_tour_editor_add_to_tour (CsAnnotationFixture *fixture,
                              gconstpointer        data)
{
  g_autoptr(CsSavedViews) stored = NULL;
  CsAnnotation *region;
  CsSlidePage *page;
  CsTour *tour;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  region = cs_test_views_add_region (page);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window),
                                                     "win.add-to-tour"));
  cs_annotation_editor_select (cs_slide_page_get_annotation_editor (page), region, FALSE);
  cs_test_window_activate (fixture->window, "win.add-to-tour", NULL);
  g_assert_nonnull (g_object_get_data (G_OBJECT (page), "cs-tour-editor"));
  cs_test_window_activate (fixture->window, "win.add-to-tour", NULL);

  stored = cs_test_load_views (page);
  g_assert_cmpuint (stored->tours->len, ==, 1);
  tour = g_ptr_array_index (stored->tours, 0);
  g_assert_cmpstr (tour->name, ==, "New Tour");
  g_assert_cmpuint (tour->stops->len, ==, 2);
  for (guint i = 0; i < tour->stops->len; i++)
    g_assert_cmpstr (((CsTourStop *) g_ptr_array_index (tour->stops, i))->annotation_id, ==,
                     cs_annotation_get_id (region));
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  CS_TEST_ANNOTATION_ADD ("/tour-editor/edit-and-play", test_tour_editor);
  CS_TEST_ANNOTATION_ADD ("/tour-editor/add-to-tour", test_tour_editor_add_to_tour);

  return cs_test_window_run ();
}
