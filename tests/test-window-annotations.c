/* test-window-annotations.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-annotations"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "cs-annotation-store.h"
#include "cs-test-annotation-ui.h"
#include "cs-test-slide.h"

#include <glib/gstdio.h>
#include <unistd.h>

/* The window's annotations across tabs: nothing to touch until the
 * slide's identity is known, copy in one tab and paste in another through
 * the clipboard, a damaged store set aside and reported, and annotations
 * that outlive their tab, coming back when the same slide is opened from
 * another path. Files are in test-annotation-files. The XDG data
 * directory, where the stores live, is the program's own. Needs a display
 * (Xvfb). */

static void
select_tab (CsWindow    *window,
            CsSlidePage *page)
{
  AdwTabView *tabs = cs_test_window_child (window, CS_TYPE_WINDOW, "tab_view");

  adw_tab_view_set_selected_page (tabs, adw_tab_view_get_page (tabs, GTK_WIDGET (page)));
}

/* Copied in one tab, pasted in another: same shape, class and name, a new
 * id, selected; one step to undo. */
static void
test_window_annotations_clipboard (CsAnnotationFixture *fixture,
                                   gconstpointer        data)
{
  g_autofree char *other = NULL;
  g_autoptr(GError) error = NULL;
  CsTestPyramid spec;
  CsSlidePage *first, *second;
  CsAnnotationList *list;
  CsAnnotation *original, *pasted;
  CsRect a, b;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  cs_test_pyramid_init_simple (&spec);
  other = cs_test_write_pyramid (fixture->tmpdir, "other.tiff", &spec, &error);
  g_assert_no_error (error);
  first = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  cs_test_annotations_add (first, cs_test_annotations_rectangle (300, 400, 120, 80,
                                                                 "Margin", "Stroma", "Dr Ada"));
  original = g_list_model_get_item (G_LIST_MODEL (cs_slide_page_get_annotation_list (first)), 0);
  g_object_unref (original);
  cs_annotation_editor_select (cs_slide_page_get_annotation_editor (first), original, FALSE);
  cs_test_window_activate (fixture->window, "win.copy-annotations", NULL);

  second = cs_test_annotations_open_empty (fixture->window, other);
  g_assert_cmpuint (cs_test_annotations_count (second), ==, 0);
  cs_test_window_activate (fixture->window, "win.paste-annotations", NULL);
  cs_test_wait_count (second, 1);

  list = cs_slide_page_get_annotation_list (second);
  pasted = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_object_unref (pasted);
  g_assert_cmpstr (cs_annotation_get_name (pasted), ==, "Margin");
  g_assert_cmpstr (cs_annotation_get_class_name (pasted), ==, "Stroma");
  g_assert_cmpint (cs_annotation_get_shape (pasted), ==, CS_SHAPE_RECTANGLE);
  g_assert_cmpstr (cs_annotation_get_id (pasted), !=, cs_annotation_get_id (original));
  cs_annotation_get_bounds (original, &a);
  cs_annotation_get_bounds (pasted, &b);
  g_assert_cmpfloat_with_epsilon (a.width, b.width, 1e-6);
  g_assert_cmpfloat_with_epsilon (a.height, b.height, 1e-6);

  /* Undone in one step; the first tab is untouched. */
  cs_test_window_activate (fixture->window, "win.undo", NULL);
  g_assert_cmpuint (cs_test_annotations_count (second), ==, 0);
  select_tab (fixture->window, first);
  g_assert_cmpuint (cs_test_annotations_count (first), ==, 1);
}

/* Annotations outlive the tab: the same slide, opened again from another
 * path, has them back. */
static void
test_window_annotations_persist (CsAnnotationFixture *fixture,
                                 gconstpointer        data)
{
  g_autofree char *copy = cs_annotation_fixture_copy_sample (fixture, "copy.svs");
  g_autofree char *link = g_build_filename (fixture->tmpdir, "link.svs", NULL);
  g_autofree char *id = NULL;
  CsSlidePage *page;
  g_autofree char *sha256 = NULL;
  g_autofree char *store = NULL;
  g_autoptr(CsAnnotationImport) on_disk = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found;
  CsAnnotation *added;
  CsAnnotation *back;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_assert_cmpint (symlink (copy, link), ==, 0);
  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  added = cs_test_annotations_rectangle (700, 800, 90, 60, "Kept focus", "Necrosis", "Dr Ada");
  id = g_strdup (cs_annotation_get_id (added));
  cs_test_annotations_add (page, added);
  sha256 = g_strdup (cs_slide_page_get_annotation_sha256 (page));
  cs_window_close_page (fixture->window, page);

  /* On disk, in the store named by the slide's identity, once the tab is
   * closed: compacted, the journal empty. */
  store = g_strdup_printf ("%s/consilium/annotations/%s.geojson", g_get_user_data_dir (), sha256);
  on_disk = cs_annotation_import_file (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (on_disk);
  found = FALSE;
  for (guint i = 0; i < on_disk->annotations->len; i++)
    found |= g_str_equal (cs_annotation_get_id (on_disk->annotations->pdata[i]), id);
  g_assert_true (found);

  page = cs_test_annotations_open (fixture->window, copy);
  cs_test_wait_count (page, 1);
  back = cs_annotation_list_lookup (cs_slide_page_get_annotation_list (page), id);
  g_assert_nonnull (back);
  g_assert_cmpstr (cs_annotation_get_name (back), ==, "Kept focus");
  g_assert_cmpstr (cs_annotation_get_class_name (back), ==, "Necrosis");
  cs_window_close_page (fixture->window, page);

  page = cs_test_annotations_open (fixture->window, link);
  cs_test_wait_count (page, 1);
  g_assert_nonnull (cs_annotation_list_lookup (cs_slide_page_get_annotation_list (page), id));
}

/* A button for @name in the header bar: sensitive while the action is
 * enabled. */
static GtkWidget *
action_button (CsWindow   *window,
               const char *name)
{
  AdwHeaderBar *header = cs_test_window_child (window, CS_TYPE_WINDOW, "header_bar");
  GtkWidget *button = gtk_button_new ();

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), name);
  adw_header_bar_pack_end (header, button);

  return button;
}

/* Until the slide's identity is known its annotations cannot be touched:
 * the panel says they are coming, the actions are off; then all is on. */
static void
test_window_annotations_waiting (CsAnnotationFixture *fixture,
                                 gconstpointer        data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->sample);
  GtkWidget *select_all, *next, *import, *remove;
  CsSlidePage *page;
  GtkStack *stack;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  select_all = action_button (fixture->window, "win.select-all-annotations");
  next = action_button (fixture->window, "win.next-annotation");
  import = action_button (fixture->window, "win.import-annotations");
  remove = action_button (fixture->window, "win.delete-annotations");
  page = cs_window_open (fixture->window, file);
  stack = cs_test_window_child (cs_slide_page_get_annotation_panel (page),
                                CS_TYPE_ANNOTATION_PANEL, "content_stack");
  g_assert_null (cs_slide_page_get_annotation_editor (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "waiting");
  g_assert_false (gtk_widget_get_sensitive (select_all));
  g_assert_false (gtk_widget_get_sensitive (next));
  g_assert_false (gtk_widget_get_sensitive (import));

  g_assert_true (cs_test_wait_until (cs_test_annotations_ready, page, CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (cs_test_wait_until (cs_test_window_page_settled, page, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), !=, "waiting");
  g_assert_true (gtk_widget_get_sensitive (select_all));
  g_assert_true (gtk_widget_get_sensitive (next));
  g_assert_true (gtk_widget_get_sensitive (import));
  /* Nothing selected yet. */
  g_assert_false (gtk_widget_get_sensitive (remove));
}

/* A store damaged on disk is set aside, never overwritten, and the user is
 * told which file in a dialog that stays until read; the slide opens with
 * no annotations. */
static void
test_window_annotations_damaged (CsAnnotationFixture *fixture,
                                 gconstpointer        data)
{
  g_autofree char *store = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean kept = FALSE;
  CsSlidePage *page;
  GtkWindow *dialog;
  const char *body;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  dir = g_build_filename (g_get_user_data_dir (), "consilium", "annotations", NULL);
  store = g_strdup_printf ("%s/%s.geojson", dir, cs_slide_page_get_annotation_sha256 (page));
  cs_window_close_page (fixture->window, page);
  g_assert_true (g_file_set_contents (store, "{\"type\": \"FeatureCollection\", \"feat", -1,
                                      &error));

  file = g_file_new_for_path (fixture->sample);
  page = cs_window_open (fixture->window, file);
  g_assert_true (cs_test_wait_until (cs_test_annotations_ready, page, CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (cs_test_wait_until (cs_test_has_dialog, NULL, CS_TEST_UI_TIMEOUT_MS));
  dialog = cs_test_find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Saved Annotations Were Damaged");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, ".geojson.damaged-"));
  cs_test_respond ("close");
  g_assert_cmpuint (cs_test_annotations_count (page), ==, 0);

  /* The damaged bytes are still there, beside the store. */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (strstr (name, ".damaged") != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        kept |= g_str_has_prefix (contents, "{\"type\": \"FeatureCollection\", \"feat");
      }
  g_assert_true (kept);
}

/* Opens the sample after @prepare (given the annotation folder and the
 * slide's identity) and returns the dialog's body, asserting its heading. */
static char *
open_expecting_dialog (CsAnnotationFixture *fixture,
                       void (*prepare) (const char *dir, const char *sha256, gpointer data),
                       gpointer             data,
                       const char          *heading)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "consilium", "annotations",
                                           NULL);
  g_autofree char *sha256 = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (fixture->sample);
  CsSlidePage *page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  GtkWindow *dialog;
  char *body;

  sha256 = g_strdup (cs_slide_page_get_annotation_sha256 (page));
  cs_window_close_page (fixture->window, page);
  prepare (dir, sha256, data);
  page = cs_window_open (fixture->window, file);
  g_assert_true (cs_test_wait_until (cs_test_annotations_ready, page, CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (cs_test_wait_until (cs_test_has_dialog, NULL, CS_TEST_UI_TIMEOUT_MS));
  dialog = cs_test_find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  body = g_strdup (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  g_test_message ("%s", body);
  cs_test_respond ("close");
  return body;
}

static void
make_journal_a_folder (const char *dir,
                       const char *sha256,
                       gpointer    data)
{
  g_autofree char *name = g_strconcat (sha256, ".journal", NULL);
  char **journal = data;

  *journal = g_build_filename (dir, name, NULL);
  g_unlink (*journal);
  g_assert_cmpint (g_mkdir (*journal, 0700), ==, 0);
}

/* A journal that cannot be written is told as such (with the system's
 * cause), not as damage. */
static void
test_window_annotations_unwritable (CsAnnotationFixture *fixture,
                                    gconstpointer        data)
{
  g_autofree char *body = NULL;
  g_autofree char *journal = NULL;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  body = open_expecting_dialog (fixture, make_journal_a_folder, &journal,
                                "Annotations Cannot Be Saved");
  g_assert_nonnull (strstr (body, ".journal"));
  g_assert_nonnull (strstr (body, g_strerror (EISDIR)));
  /* The folder's data is shared by the tests of this process. */
  g_assert_cmpint (g_rmdir (journal), ==, 0);
}

static void
hold_store (const char *dir,
            const char *sha256,
            gpointer    data)
{
  CsAnnotationStore **store = data;
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();

  g_autoptr(GError) error = NULL;

  *store = cs_annotation_store_new (list, dir, sha256);
  g_assert_true (cs_annotation_store_load (*store, &error));
  g_assert_no_error (error);
}

/* Another window (here: another store) has the slide's annotations: the
 * user is told that changes here are not saved. */
static void
test_window_annotations_locked (CsAnnotationFixture *fixture,
                                gconstpointer        data)
{
  g_autoptr(CsAnnotationStore) other = NULL;
  g_autofree char *body = NULL;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  body = open_expecting_dialog (fixture, hold_store, &other, "Annotations Open in Another Window");
  g_assert_nonnull (strstr (body, "not saved"));
  g_assert_true (cs_annotation_store_close (other, NULL));
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  CS_TEST_ANNOTATION_ADD ("/cs/window-annotations/waiting", test_window_annotations_waiting);
  CS_TEST_ANNOTATION_ADD ("/cs/window-annotations/clipboard", test_window_annotations_clipboard);
  CS_TEST_ANNOTATION_ADD ("/cs/window-annotations/damaged", test_window_annotations_damaged);
  CS_TEST_ANNOTATION_ADD ("/cs/window-annotations/persist", test_window_annotations_persist);
  CS_TEST_ANNOTATION_ADD ("/cs/window-annotations/unwritable",
                          test_window_annotations_unwritable);
  CS_TEST_ANNOTATION_ADD ("/cs/window-annotations/locked", test_window_annotations_locked);

  return cs_test_window_run ();
}
