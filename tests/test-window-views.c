/* test-window-views.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-views"

#include "config.h"

#include "cs-test-views-ui.h"
#include "cs-tour-place.h"
#include "cs-tour-player.h"

/* Saved views through the window: two views saved with the Save View
 * dialog land in the slide's store, in order, with the view's centre,
 * zoom and rotation; going to the first glides the view back there.
 * A tour of two stops (a saved view and an annotation, made through the
 * core API) played over the slide: caption, progress and place at each
 * stop, PageUp/PageDown-like stepping and leaving. */

static void
save_view (CsWindow   *window,
           const char *name,
           const char *note)
{
  AdwMessageDialog *dialog;

  cs_test_window_activate (window, "win.save-view", NULL);
  dialog = cs_test_wait_dialog ();
  cs_test_set_text (g_object_get_data (G_OBJECT (dialog), "view-name"), name);
  cs_test_set_text (g_object_get_data (G_OBJECT (dialog), "view-note"), note);
  cs_test_respond ("save");
}

/* The Saved Views menu, as filled when it opens: the labels of its items,
 * each with its action and target, joined by "|". */
static char *
views_menu (CsWindow *window)
{
  GtkWidget *button = cs_test_window_find_named (GTK_WIDGET (window), "views_button");
  g_autoptr(GString) text = g_string_new (NULL);
  GMenuModel *menu;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      GMenuModel *items = section != NULL ? section : menu;
      int n = section != NULL ? g_menu_model_get_n_items (items) : 1;

      for (int j = 0; j < n; j++)
        {
          int k = section != NULL ? j : i;
          g_autofree char *label = NULL, *action = NULL, *target = NULL;

          g_menu_model_get_item_attribute (items, k, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          g_menu_model_get_item_attribute (items, k, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          g_menu_model_get_item_attribute (items, k, G_MENU_ATTRIBUTE_TARGET, "s", &target);
          g_string_append_printf (text, "%s%s=%s%s%s", text->len > 0 ? "|" : "", label, action,
                                  target != NULL ? "::" : "", target != NULL ? target : "");
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Asserts the names of the slide's saved views, as stored, joined by
 * "|". */
static void
assert_view_names (CsSlidePage *page,
                   const char  *expected)
{
  g_autofree char *joined = NULL;
  g_autoptr(CsSavedViews) views = cs_test_load_views (page);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < views->views->len; i++)
    g_strv_builder_add (names, ((CsSavedView *) g_ptr_array_index (views->views, i))->name);
  strv = g_strv_builder_end (names);
  joined = g_strjoinv ("|", strv);
  g_assert_cmpstr (joined, ==, expected);
}

/* Asserts the note of the slide's saved view @index, as stored. */
static void
assert_view_note (CsSlidePage *page,
                  guint        index,
                  const char  *expected)
{
  g_autoptr(CsSavedViews) views = cs_test_load_views (page);

  g_assert_cmpuint (views->views->len, >, index);
  g_assert_cmpstr (((CsSavedView *) g_ptr_array_index (views->views, index))->note, ==, expected);
}

/* The Saved Views menu's last item, Manage Views, has a submenu per view;
 * the first's edits @view. */
static void
assert_edit_menu (CsWindow          *window,
                  const CsSavedView *view)
{
  GtkWidget *button = cs_test_window_find_named (GTK_WIDGET (window), "views_button");
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  int last = g_menu_model_get_n_items (menu) - 1;
  g_autoptr(GMenuModel) manage = g_menu_model_get_item_link (menu, last, G_MENU_LINK_SUBMENU);
  g_autoptr(GMenuModel) edit = NULL;
  const char *actions[] = { "win.edit-view", "win.move-view-up", "win.move-view-down",
                            "win.delete-view" };

  g_assert_nonnull (manage);
  edit = g_menu_model_get_item_link (manage, 0, G_MENU_LINK_SUBMENU);
  g_assert_nonnull (edit);
  g_assert_cmpint (g_menu_model_get_n_items (edit), ==, G_N_ELEMENTS (actions));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *action = NULL, *target = NULL;

      g_assert_true (g_menu_model_get_item_attribute (edit, i, G_MENU_ATTRIBUTE_ACTION, "s",
                                                      &action));
      g_assert_true (g_menu_model_get_item_attribute (edit, i, G_MENU_ATTRIBUTE_TARGET, "s",
                                                      &target));
      g_assert_cmpstr (action, ==, actions[i]);
      g_assert_cmpstr (target, ==, view->id);
    }
}

static void
test_views_save_and_go (CsAnnotationFixture *fixture,
                        gconstpointer        data)
{
  g_autofree char *directory = NULL;
  g_autoptr(CsSavedViews) views = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *menu = NULL;
  g_autofree char *expected = NULL;
  AdwMessageDialog *dialog;
  CsSavedView *first, *second;
  CsSlidePage *page;
  CsSlideView *view;
  CsViewport viewport;
  CsTestTarget target;
  double x, y;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  view = cs_slide_page_get_active_view (page);
  cs_slide_view_move_to (view, 400, 300, 0.5, 0);
  save_view (fixture->window, "Tumour front", "Look at the invasive edge");
  cs_slide_view_move_to (view, 900, 700, 0.25, 90);
  save_view (fixture->window, "Normal duct", "");

  directory = cs_annotation_store_default_directory ();
  views = cs_saved_views_load (directory, cs_slide_page_get_annotation_sha256 (page), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (views->views->len, ==, 2);
  first = g_ptr_array_index (views->views, 0);
  second = g_ptr_array_index (views->views, 1);
  g_assert_cmpstr (first->name, ==, "Tumour front");
  g_assert_cmpstr (first->note, ==, "Look at the invasive edge");
  g_assert_cmpfloat_with_epsilon (first->x, 400, 0.5);
  g_assert_cmpfloat_with_epsilon (first->y, 300, 0.5);
  g_assert_cmpfloat_with_epsilon (first->zoom, 0.5, 1e-9);
  g_assert_cmpstr (second->name, ==, "Normal duct");
  g_assert_null (second->note);
  g_assert_cmpfloat_with_epsilon (second->rotation, 90, 1e-9);

  menu = views_menu (fixture->window);
  expected = g_strdup_printf ("Tumour front=win.go-to-view::%s|Normal duct=win.go-to-view::%s|"
                              "Save View…=win.save-view|Edit Tours…=win.edit-tours|"
                              "Manage Views=(null)", first->id,
                              second->id);
  g_assert_cmpstr (menu, ==, expected);
  assert_edit_menu (fixture->window, first);

  /* Still at the second; going to the first brings the view back. */
  cs_slide_view_get_viewport (view, &viewport);
  cs_viewport_get_center (&viewport, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 900, 0.5);
  cs_test_window_activate (fixture->window, "win.go-to-view",
                           g_variant_new_string (first->id));
  target = (CsTestTarget) { view, 400, 300, 0.5 };
  g_assert_true (cs_test_wait_until (cs_test_view_at, &target, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpfloat_with_epsilon (cs_slide_view_get_rotation (view), 0, 1e-6);

  /* Edited through the window: moved, renamed, deleted; the file follows. */
  cs_test_window_activate (fixture->window, "win.move-view-down",
                           g_variant_new_string (first->id));
  assert_view_names (page, "Normal duct|Tumour front");
  cs_test_window_activate (fixture->window, "win.move-view-down",
                           g_variant_new_string (first->id));
  assert_view_names (page, "Normal duct|Tumour front");
  cs_test_window_activate (fixture->window, "win.move-view-up",
                           g_variant_new_string (first->id));
  assert_view_names (page, "Tumour front|Normal duct");
  cs_test_window_activate (fixture->window, "win.edit-view", g_variant_new_string (second->id));
  dialog = cs_test_wait_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "view-name")), ==,
                   "Normal duct");
  g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "view-note")), ==,
                   "");
  cs_test_set_text (g_object_get_data (G_OBJECT (dialog), "view-name"), "Benign duct");
  cs_test_set_text (g_object_get_data (G_OBJECT (dialog), "view-note"), "Two cell layers");
  cs_test_respond ("save");
  assert_view_names (page, "Tumour front|Benign duct");
  assert_view_note (page, 1, "Two cell layers");
  /* An emptied note is removed. */
  cs_test_window_activate (fixture->window, "win.edit-view", g_variant_new_string (first->id));
  dialog = cs_test_wait_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "view-note")), ==,
                   "Look at the invasive edge");
  cs_test_set_text (g_object_get_data (G_OBJECT (dialog), "view-note"), "");
  cs_test_respond ("save");
  assert_view_note (page, 0, NULL);
  cs_test_window_activate (fixture->window, "win.delete-view", g_variant_new_string (first->id));
  assert_view_names (page, "Benign duct");
}

/* Runs the window's shortcuts for @keyval (no modifier), in order, as a key
 * press would, until one handles it. Returns whether one did. */
static gboolean
press (CsWindow *window,
       guint     keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0 &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                            GTK_WIDGET (window),
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }

  return FALSE;
}

static void
test_views_tour (CsAnnotationFixture *fixture,
                 gconstpointer        data)
{
  g_autoptr(CsSavedViews) views = cs_saved_views_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *annotation_id = NULL;
  g_autofree char *menu = NULL;
  g_autofree char *expected = NULL;
  CsSavedView *saved;
  CsTour *tour;
  CsTourPlayer *player;
  CsAnnotation *region;
  CsSlidePage *page;
  CsSlideView *view;
  CsTourPlace place;
  CsTestTarget target;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  view = cs_slide_page_get_active_view (page);
  region = cs_test_views_add_region (page);
  annotation_id = g_strdup (cs_annotation_get_id (region));

  saved = cs_saved_view_new ("Overview", NULL, 500, 400, 0.2, 0);
  g_ptr_array_add (views->views, saved);
  tour = cs_tour_new ("Breast carcinoma");
  g_ptr_array_add (tour->stops, cs_tour_stop_new (NULL, saved->id, "The whole section first"));
  g_ptr_array_add (tour->stops, cs_tour_stop_new (annotation_id, NULL, "Now the invasive front"));
  g_ptr_array_add (views->tours, tour);
  cs_test_save_views (page, views);

  menu = views_menu (fixture->window);
  expected = g_strdup_printf ("Overview=win.go-to-view::%s|"
                              "Play Tour “Breast carcinoma”=win.play-tour::%s|"
                              "Save View…=win.save-view|Edit Tours…=win.edit-tours|"
                              "Manage Views=(null)", saved->id,
                              tour->id);
  g_assert_cmpstr (menu, ==, expected);
  cs_test_window_activate (fixture->window, "win.play-tour", g_variant_new_string (tour->id));
  player = g_object_get_data (G_OBJECT (page), "cs-tour-player");
  g_assert_nonnull (player);
  g_assert_cmpstr (cs_tour_player_get_caption (player), ==, "The whole section first");
  g_assert_cmpstr (cs_tour_player_get_progress (player), ==, "Stop 1 of 2");
  target = (CsTestTarget) { view, 500, 400, 0.2 };
  g_assert_true (cs_test_wait_until (cs_test_view_at, &target, CS_TEST_UI_TIMEOUT_MS));

  cs_tour_player_next (player);
  g_assert_cmpstr (cs_tour_player_get_caption (player), ==, "Now the invasive front");
  g_assert_cmpstr (cs_tour_player_get_progress (player), ==, "Stop 2 of 2");
  g_assert_true (cs_tour_stop_get_place (g_ptr_array_index (tour->stops, 1), views,
                                         cs_slide_page_get_annotation_list (page),
                                         gtk_widget_get_width (GTK_WIDGET (view)),
                                         gtk_widget_get_height (GTK_WIDGET (view)),
                                         0, &place, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (place.x, 680, 1);
  g_assert_cmpfloat_with_epsilon (place.y, 760, 1);
  target = (CsTestTarget) { view, place.x, place.y, place.zoom };
  g_assert_true (cs_test_wait_until (cs_test_view_at, &target, CS_TEST_UI_TIMEOUT_MS));
  cs_test_window_save_screenshot (GTK_WIDGET (fixture->window), "tour.png");

  /* PageDown at the last stop stays; PageUp goes back; Escape leaves,
   * after which the keys are the window's again. */
  g_assert_true (press (fixture->window, GDK_KEY_Page_Down));
  g_assert_cmpuint (cs_tour_player_get_index (player), ==, 1);
  g_assert_true (press (fixture->window, GDK_KEY_Page_Up));
  g_assert_cmpstr (cs_tour_player_get_progress (player), ==, "Stop 1 of 2");
  g_assert_cmpstr (cs_tour_player_get_caption (player), ==, "The whole section first");
  g_assert_true (press (fixture->window, GDK_KEY_Page_Down));
  g_assert_cmpuint (cs_tour_player_get_index (player), ==, 1);
  g_assert_true (press (fixture->window, GDK_KEY_Escape));
  g_assert_null (g_object_get_data (G_OBJECT (page), "cs-tour-player"));
  g_assert_false (press (fixture->window, GDK_KEY_Page_Down));
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  CS_TEST_ANNOTATION_ADD ("/window-views/save-and-go", test_views_save_and_go);
  CS_TEST_ANNOTATION_ADD ("/window-views/tour", test_views_tour);

  return cs_test_window_run ();
}
