/* test-annotation-classes.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-annotation-classes"

#include "config.h"

#include "cs-class-editor.h"
#include "cs-preferences-window.h"
#include "cs-settings.h"
#include "cs-test-annotation-ui.h"
#include "cs-test-editor.h"

/* The application's annotation classes and author: kept in the settings,
 * edited in the preferences, given to what is drawn; the class of several
 * selected annotations changed from the panel in one step. Needs a
 * display (Xvfb). */

static GSettings *
settings (void)
{
  GSettings *settings = cs_settings_get_default ();

  g_assert_nonnull (settings);

  return settings;
}

/* Classes added, renamed, recoloured and hidden in the editor are saved;
 * a table read back from the settings has them. */
static void
test_classes_saved (void)
{
  CsClassTable *classes = cs_settings_get_class_table ();
  g_autoptr(CsClassTable) reread = cs_class_table_new ();
  g_autofree char *saved = NULL;
  GtkWidget *editor;
  GtkWindow *window;
  CsClassItem *added;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  /* The defaults, from empty settings. */
  g_assert_nonnull (cs_class_table_lookup (classes, "Tumour"));
  g_assert_nonnull (cs_class_table_lookup (classes, "Immune cells"));

  editor = cs_class_editor_new (classes);
  window = cs_test_ui_window_new (editor, 500, 600);
  cs_class_editor_add_class (CS_CLASS_EDITOR (editor));
  added = cs_class_table_lookup (classes, "New class");
  g_assert_nonnull (added);
  cs_class_editor_add_class (CS_CLASS_EDITOR (editor));
  g_assert_nonnull (cs_class_table_lookup (classes, "New class 2"));

  cs_class_item_set_name (added, "Mitoses");
  cs_class_item_set_color (added, 0x123456);
  cs_class_item_set_visible (cs_class_table_lookup (classes, "Other"), FALSE);
  cs_class_table_remove (classes, cs_class_table_lookup (classes, "New class 2"));

  saved = g_settings_get_string (settings (), "annotation-classes");
  g_assert_true (cs_class_table_deserialize (reread, saved));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 6);
  g_assert_cmpuint (cs_class_item_get_color (cs_class_table_lookup (reread, "Mitoses")), ==,
                    0x123456);
  g_assert_false (cs_class_item_get_visible (cs_class_table_lookup (reread, "Other")));
  g_assert_null (cs_class_table_lookup (reread, "New class 2"));

  cs_test_ui_window_destroy (window);
}

/* What is drawn carries the author and institution of the settings, even
 * when they change while the slide is open. */
static void
test_classes_author (void)
{
  g_autoptr(CsWindow) window = NULL;
  g_autofree char *sample = cs_test_sample_slide ();
  g_autofree char *own = NULL;
  CsAnnotationEditor *editor;
  CsAnnotationList *list;
  CsSlidePage *page;
  CsAnnotation *drawn;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_settings_set_string (settings (), "annotation-author", "Dr Zed");
  window = cs_test_window_new (NULL);
  page = cs_test_annotations_open_empty (window, sample);
  editor = cs_slide_page_get_annotation_editor (page);
  list = cs_slide_page_get_annotation_list (page);

  cs_annotation_editor_set_tool (editor, CS_TOOL_RECTANGLE);
  cs_test_editor_drag (editor, 100, 100, 400, 300, 0);
  g_assert_cmpuint (cs_test_annotations_count (page), ==, 1);
  drawn = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_object_unref (drawn);
  g_assert_cmpstr (cs_annotation_get_author (drawn), ==, "Dr Zed");

  g_settings_set_string (settings (), "annotation-institution", "St Elsewhere");
  g_settings_set_string (settings (), "annotation-author", "Dr Yves");
  cs_test_editor_drag (editor, 600, 600, 900, 800, 0);
  g_assert_cmpuint (cs_test_annotations_count (page), ==, 2);
  drawn = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_object_unref (drawn);
  g_assert_cmpstr (cs_annotation_get_author (drawn), ==, "Dr Yves");
  g_assert_cmpstr (cs_annotation_get_institution (drawn), ==, "St Elsewhere");

  /* Empty: the user's own name. */
  g_settings_reset (settings (), "annotation-author");
  own = cs_settings_dup_author ();
  g_assert_cmpstr (own, !=, "");

  cs_test_ui_window_destroy (GTK_WINDOW (g_steal_pointer (&window)));
}

/* Two annotations selected, one class chosen in the panel: both change, in
 * one undo step. */
static void
test_classes_selection (void)
{
  g_autoptr(CsWindow) window = NULL;
  g_autofree char *sample = cs_test_sample_slide ();
  CsAnnotationEditor *editor;
  CsAnnotationList *list;
  CsAnnotationPanel *panel;
  GtkDropDown *dropdown;
  GtkStringObject *item;
  CsSlidePage *page;
  guint n;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  window = cs_test_window_new (NULL);
  g_object_set (window, "show-annotations", TRUE, NULL);
  page = cs_test_annotations_open_empty (window, sample);
  editor = cs_slide_page_get_annotation_editor (page);
  list = cs_slide_page_get_annotation_list (page);
  panel = cs_slide_page_get_annotation_panel (page);
  cs_test_annotations_add (page, cs_test_annotations_rectangle (0, 0, 50, 50, "a", "Tumour",
                                                                NULL));
  cs_test_annotations_add (page, cs_test_annotations_rectangle (90, 90, 50, 50, "b", "Stroma",
                                                                NULL));
  cs_test_annotations_add (page, cs_test_annotations_rectangle (190, 90, 50, 50, "c", "Stroma",
                                                                NULL));

  cs_annotation_editor_select (editor, cs_test_editor_nth (list, 0), FALSE);
  cs_annotation_editor_select (editor, cs_test_editor_nth (list, 1), TRUE);

  dropdown = cs_test_window_child (panel, CS_TYPE_ANNOTATION_PANEL, "edit_class_dropdown");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dropdown)));
  n = g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));
  for (guint i = 0; i < n; i++)
    {
      item = g_list_model_get_item (gtk_drop_down_get_model (dropdown), i);
      g_object_unref (item);
      if (g_str_equal (gtk_string_object_get_string (item), "Necrosis"))
        gtk_drop_down_set_selected (dropdown, i);
    }

  g_assert_cmpstr (cs_annotation_get_class_name (cs_test_editor_nth (list, 0)), ==, "Necrosis");
  g_assert_cmpstr (cs_annotation_get_class_name (cs_test_editor_nth (list, 1)), ==, "Necrosis");
  g_assert_cmpstr (cs_annotation_get_class_name (cs_test_editor_nth (list, 2)), ==, "Stroma");
  cs_test_window_activate (window, "win.undo", NULL);
  g_assert_cmpstr (cs_annotation_get_class_name (cs_test_editor_nth (list, 0)), ==, "Tumour");
  g_assert_cmpstr (cs_annotation_get_class_name (cs_test_editor_nth (list, 1)), ==, "Stroma");

  cs_test_ui_window_destroy (GTK_WINDOW (g_steal_pointer (&window)));
}

/* The preferences' annotation page: the author row shows who is recorded
 * (the user's name when none was set) and saves what is typed; the class
 * editor is there. */
static void
test_classes_preferences (void)
{
  GtkWidget *preferences;
  GtkEditable *author;
  GtkEditable *institution;
  g_autofree char *expected = NULL;
  g_autofree char *saved = NULL;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_settings_reset (settings (), "annotation-author");
  expected = cs_settings_dup_author ();
  preferences = g_object_ref (cs_preferences_window_new (settings ()));
  gtk_window_present (GTK_WINDOW (preferences));

  author = cs_test_window_child (preferences, CS_TYPE_PREFERENCES_WINDOW, "author_row");
  institution = cs_test_window_child (preferences, CS_TYPE_PREFERENCES_WINDOW, "institution_row");
  g_assert_cmpstr (gtk_editable_get_text (author), ==, expected);

  gtk_editable_set_text (author, "Dr Wu ");
  gtk_editable_set_text (institution, "Hôpital Nord");
  saved = g_settings_get_string (settings (), "annotation-author");
  g_assert_cmpstr (saved, ==, "Dr Wu");
  g_clear_pointer (&saved, g_free);
  saved = cs_settings_dup_institution ();
  g_assert_cmpstr (saved, ==, "Hôpital Nord");

  cs_test_ui_window_destroy (GTK_WINDOW (preferences));
  g_settings_reset (settings (), "annotation-author");
  g_settings_reset (settings (), "annotation-institution");
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add_func ("/cs/annotation-classes/saved", test_classes_saved);
  g_test_add_func ("/cs/annotation-classes/author", test_classes_author);
  g_test_add_func ("/cs/annotation-classes/preferences", test_classes_preferences);
  g_test_add_func ("/cs/annotation-classes/selection", test_classes_selection);

  return cs_test_window_run ();
}
