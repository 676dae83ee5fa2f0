/* test-window-annotations.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-annotations"

#include "config.h"

#include "cs-test-annotation-ui.h"
#include "cs-test-slide.h"

#include <glib/gstdio.h>

/* The window's annotation actions across tabs and files: copy in one tab
 * and paste in another through the clipboard, import of a real ImageScope
 * file and of a malformed one, and annotations that outlive their tab,
 * coming back when the same slide is opened from another path. The XDG
 * data directory, where the stores live, is the program's own. Needs a
 * display (Xvfb). */

typedef struct
{
  CsWindow *window;
  char     *tmpdir;
  char     *sample;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (!cs_test_ui_have_display)
    return;

  fixture->tmpdir = cs_test_make_tmpdir ();
  fixture->sample = cs_test_sample_slide ();
  g_assert_nonnull (fixture->sample);
  fixture->window = cs_test_window_new (NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    cs_test_ui_window_destroy (GTK_WINDOW (fixture->window));
  if (fixture->tmpdir != NULL)
    cs_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
  g_clear_pointer (&fixture->sample, g_free);
}

/* A copy of the sample slide: same content, another path. */
static char *
copy_sample (Fixture    *fixture,
             const char *name)
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
} Count;

static gboolean
has_count (gpointer data)
{
  Count *count = data;

  return cs_test_annotations_count (count->page) == count->n;
}

static GtkWindow *
find_dialog (void)
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

static void
wait_count (CsSlidePage *page,
            guint        n)
{
  Count count = { page, n };
  GtkWindow *dialog;

  if (cs_test_wait_until (has_count, &count, CS_TEST_UI_TIMEOUT_MS))
    return;

  /* Say why: an import may have failed. */
  if ((dialog = find_dialog ()) != NULL)
    g_test_message ("dialog: %s: %s", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                    adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_cmpuint (cs_test_annotations_count (page), ==, n);
}

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
test_window_annotations_clipboard (Fixture       *fixture,
                                   gconstpointer  data)
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
  wait_count (second, 1);

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

static char *
shared_annotation (const char *name)
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

/* The ImageScope file made on this very slide: one free-hand region of
 * 326 vertices, imported as one undo step. */
static void
test_window_annotations_import (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *path = shared_annotation ("imagescope-xml/CMU-1-Small-Region.imagescope.xml");
  CsSlidePage *page;
  CsAnnotation *imported;
  CsAnnotationList *list;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  if (path == NULL)
    {
      g_test_skip ("CS_SHARED_DIR/annotations is not available");
      return;
    }

  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  cs_window_import_annotations (fixture->window, path);
  wait_count (page, 1);

  list = cs_slide_page_get_annotation_list (page);
  imported = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_object_unref (imported);
  g_assert_cmpuint (cs_geometry_get_n_points (cs_annotation_get_geometry (imported)), >=, 325);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (list), ==, "Import Annotations");
  cs_test_window_activate (fixture->window, "win.undo", NULL);
  g_assert_cmpuint (cs_test_annotations_count (page), ==, 0);
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog () != NULL;
}

/* A truncated file adds nothing, and a dialog names the file. */
static void
test_window_annotations_import_malformed (Fixture       *fixture,
                                          gconstpointer  data)
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
  g_assert_true (cs_test_wait_until (has_dialog, NULL, CS_TEST_UI_TIMEOUT_MS));
  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Could Not Import Annotations");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "truncated.geojson"));

  g_assert_cmpuint (cs_test_annotations_count (page), ==, 1);
  g_assert_cmpstr (cs_annotation_list_get_undo_label (cs_slide_page_get_annotation_list (page)),
                   !=, "Import Annotations");
  gtk_window_destroy (dialog);
}

static void
respond (const char *response)
{
  GtkWindow *dialog = find_dialog ();

  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
}

/* QuPath annotations of another, larger slide: asked first; Cancel adds
 * nothing, Add Anyway adds all three. */
static void
test_window_annotations_import_beyond (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autofree char *path = shared_annotation ("qupath-geojson/dlup_qupath05.geojson");
  CsSlidePage *page;
  GtkWindow *dialog;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  if (path == NULL)
    {
      g_test_skip ("CS_SHARED_DIR/annotations is not available");
      return;
    }

  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  cs_window_import_annotations (fixture->window, path);
  g_assert_true (cs_test_wait_until (has_dialog, NULL, CS_TEST_UI_TIMEOUT_MS));
  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "These annotations reach beyond this slide");
  respond ("cancel");
  g_assert_cmpuint (cs_test_annotations_count (page), ==, 0);

  cs_window_import_annotations (fixture->window, path);
  g_assert_true (cs_test_wait_until (has_dialog, NULL, CS_TEST_UI_TIMEOUT_MS));
  respond ("add");
  g_assert_cmpuint (cs_test_annotations_count (page), ==, 3);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

/* Export in each format the dialog offers; read back, the same count and
 * names. */
static void
test_window_annotations_export (Fixture       *fixture,
                                gconstpointer  data)
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

/* Annotations outlive the tab: the same slide, opened again from another
 * path, has them back. */
static void
test_window_annotations_persist (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *copy = copy_sample (fixture, "copy.svs");
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
  wait_count (page, 1);
  back = cs_annotation_list_lookup (cs_slide_page_get_annotation_list (page), id);
  g_assert_nonnull (back);
  g_assert_cmpstr (cs_annotation_get_name (back), ==, "Kept focus");
  g_assert_cmpstr (cs_annotation_get_class_name (back), ==, "Necrosis");
  cs_window_close_page (fixture->window, page);

  page = cs_test_annotations_open (fixture->window, link);
  wait_count (page, 1);
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
test_window_annotations_waiting (Fixture       *fixture,
                                 gconstpointer  data)
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

static void
on_message_cb (CsSlidePage *page,
               const char  *text,
               GPtrArray   *messages)
{
  g_ptr_array_add (messages, g_strdup (text));
}

static gboolean
has_message (gpointer data)
{
  return ((GPtrArray *) data)->len > 0;
}

/* A store damaged on disk is set aside, never overwritten, and the user is
 * told which file; the slide opens with no annotations. */
static void
test_window_annotations_damaged (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *store = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean kept = FALSE;
  CsSlidePage *page;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  dir = g_build_filename (g_get_user_data_dir (), "consilium", "annotations", NULL);
  store = g_strdup_printf ("%s/%s.geojson", dir, cs_slide_page_get_annotation_sha256 (page));
  cs_window_close_page (fixture->window, page);
  g_assert_true (g_file_set_contents (store, "{\"type\": \"FeatureCollection\", \"feat", -1,
                                      &error));

  file = g_file_new_for_path (fixture->sample);
  page = cs_window_open (fixture->window, file);
  g_signal_connect (page, "message", G_CALLBACK (on_message_cb), messages);
  g_assert_true (cs_test_wait_until (cs_test_annotations_ready, page, CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (cs_test_wait_until (has_message, messages, CS_TEST_UI_TIMEOUT_MS));
  g_test_message ("%s", (char *) messages->pdata[0]);
  g_assert_nonnull (strstr (messages->pdata[0], "damaged"));
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
  g_signal_handlers_disconnect_by_data (page, messages);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add ("/cs/window-annotations/waiting", Fixture, NULL,
              fixture_set_up, test_window_annotations_waiting, fixture_tear_down);
  g_test_add ("/cs/window-annotations/clipboard", Fixture, NULL,
              fixture_set_up, test_window_annotations_clipboard, fixture_tear_down);
  g_test_add ("/cs/window-annotations/import", Fixture, NULL,
              fixture_set_up, test_window_annotations_import, fixture_tear_down);
  g_test_add ("/cs/window-annotations/import-malformed", Fixture, NULL,
              fixture_set_up, test_window_annotations_import_malformed, fixture_tear_down);
  g_test_add ("/cs/window-annotations/import-beyond", Fixture, NULL,
              fixture_set_up, test_window_annotations_import_beyond, fixture_tear_down);
  g_test_add ("/cs/window-annotations/export", Fixture, NULL,
              fixture_set_up, test_window_annotations_export, fixture_tear_down);
  g_test_add ("/cs/window-annotations/damaged", Fixture, NULL,
              fixture_set_up, test_window_annotations_damaged, fixture_tear_down);
  g_test_add ("/cs/window-annotations/persist", Fixture, NULL,
              fixture_set_up, test_window_annotations_persist, fixture_tear_down);

  return cs_test_window_run ();
}
