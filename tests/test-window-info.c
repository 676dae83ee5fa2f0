/* test-window-info.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-info"

#include "config.h"

#include "cs-settings.h"
#include "cs-slide-property.h"
#include "cs-test-window.h"

#include <tiffio.h>

/* The slide information panel of a tab: the facts, the identity, every
 * property searchable and copyable, the associated images and the privacy
 * switch hiding the label and macro. The slide is a synthetic Aperio file
 * with a thumbnail, a label and a macro image: none of the shared slides
 * has a label. Needs a display (Xvfb). */

typedef struct
{
  CsWindow    *window;
  CsSlidePage *page;
  CsSlideInfo *info;
  char        *tmpdir;
  char        *path;
} Fixture;

/* One stripped RGB directory of @width × @height in one colour. */
static void
write_stripped (TIFF       *tif,
                int         width,
                int         height,
                const char *description,
                guint32     rgb,
                guint32     subfile_type)
{
  g_autofree guint8 *row = g_new (guint8, width * 3);

  for (int x = 0; x < width; x++)
    {
      row[3 * x] = rgb >> 16;
      row[3 * x + 1] = (rgb >> 8) & 0xff;
      row[3 * x + 2] = rgb & 0xff;
    }

  TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, width);
  TIFFSetField (tif, TIFFTAG_IMAGELENGTH, height);
  TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, 3);
  TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
  TIFFSetField (tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField (tif, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
  TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, height);
  TIFFSetField (tif, TIFFTAG_IMAGEDESCRIPTION, description);
  TIFFSetField (tif, TIFFTAG_SUBFILETYPE, subfile_type);
  for (int y = 0; y < height; y++)
    g_assert_cmpint (TIFFWriteScanline (tif, row, y, 0), ==, 1);
  g_assert_true (TIFFWriteDirectory (tif));
}

/* An Aperio SVS as OpenSlide 3.4.1 and 4 read it: a tiled level-0 image
 * whose description starts with "Aperio" and holds the properties, then
 * stripped images: the thumbnail second, the label and the macro named on
 * the second line of their descriptions and, as scanners write them, with
 * NewSubfileType 1 and 9 (OpenSlide 4 needs those). */
static char *
write_svs (const char *dir)
{
  char *path = g_build_filename (dir, "labelled.svs", NULL);
  g_autofree guint8 *tile = g_new0 (guint8, 64 * 64 * 3);
  TIFF *tif;

  TIFFSetWarningHandler (NULL);
  tif = TIFFOpen (path, "w");
  g_assert_nonnull (tif);

  TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, 256);
  TIFFSetField (tif, TIFFTAG_IMAGELENGTH, 192);
  TIFFSetField (tif, TIFFTAG_TILEWIDTH, 64);
  TIFFSetField (tif, TIFFTAG_TILELENGTH, 64);
  TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, 3);
  TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
  TIFFSetField (tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField (tif, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
  TIFFSetField (tif, TIFFTAG_IMAGEDESCRIPTION,
                "Aperio Image Library (synthetic)\n256x192 (64x64)|AppMag = 20|MPP = 0.5"
                "|ScanScope ID = TEST|Filename = labelled");
  memset (tile, 0xe0, 64 * 64 * 3);
  for (int row = 0; row < 3; row++)
    for (int col = 0; col < 4; col++)
      g_assert_cmpint (TIFFWriteTile (tif, tile, col * 64, row * 64, 0, 0), >, 0);
  g_assert_true (TIFFWriteDirectory (tif));

  write_stripped (tif, 64, 48, "Aperio Image Library (synthetic)\n64x48 -> 64x48", 0xc080c0,
                  0);
  write_stripped (tif, 64, 64, "Aperio Image Library (synthetic)\nlabel 64x64", 0xff0000,
                  1);
  write_stripped (tif, 128, 64, "Aperio Image Library (synthetic)\nmacro 128x64", 0x0000ff,
                  9);
  TIFFClose (tif);

  return path;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  if (!cs_test_ui_have_display)
    return;

  fixture->tmpdir = cs_test_make_tmpdir ();
  fixture->path = write_svs (fixture->tmpdir);
  fixture->window = cs_test_window_new (NULL);
  fixture->page = cs_test_window_open_drawn (fixture->window, fixture->path);
  fixture->info = cs_slide_page_get_info (fixture->page);

  /* Hidden by default; Ctrl+I shows it. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (fixture->info)));
  cs_test_window_activate (fixture->window, "win.show-info", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (!cs_test_ui_have_display)
    return;

  g_settings_reset (cs_settings_get_default (), "privacy-mode");
  cs_test_ui_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  cs_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_text (cs_test_window_child (fixture->info, CS_TYPE_SLIDE_INFO, name));
}

static gboolean
identity_shown (gpointer data)
{
  Fixture *fixture = data;
  const char *sha256 = cs_slide_get_sha256 (cs_slide_page_get_slide (fixture->page));

  return sha256 != NULL && g_strcmp0 (label_text (fixture, "identity_label"), sha256) == 0;
}

static void
test_info_facts (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *grid;
  gsize length;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_assert_cmpstr (label_text (fixture, "vendor_label"), ==, "aperio");
  g_assert_cmpstr (label_text (fixture, "file_label"), ==, fixture->path);
  g_assert_nonnull (strstr (label_text (fixture, "dimensions_label"), "256 × 192"));
  g_assert_cmpstr (label_text (fixture, "mpp_label"), ==, "0.5 × 0.5 µm");
  g_assert_cmpstr (label_text (fixture, "objective_label"), ==, "20×");

  /* One level: a heading row and one row of three cells. */
  grid = cs_test_window_child (fixture->info, CS_TYPE_SLIDE_INFO, "levels_grid");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 1, 1))),
                   ==, "256 × 192");
  g_assert_null (gtk_grid_get_child_at (GTK_GRID (grid), 0, 2));

  /* The identity is the file's SHA-256, computed once the panel shows. */
  g_assert_true (cs_test_wait_until (identity_shown, fixture, CS_TEST_UI_TIMEOUT_MS));
  g_file_get_contents (fixture->path, &contents, &length, &error);
  g_assert_no_error (error);
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (label_text (fixture, "identity_label"), ==, sha256);
}

static guint
count_rows (Fixture *fixture)
{
  GtkWidget *list = cs_test_window_child (fixture->info, CS_TYPE_SLIDE_INFO, "properties_list");
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    n += GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_visible (row);

  return n;
}

static guint
count_matching (CsSlide    *slide,
                const char *needle)
{
  const char * const *names = cs_slide_get_property_names (slide);
  guint n = 0;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *text = g_strconcat (names[i], "\n", cs_slide_get_property (slide, names[i]),
                                           NULL);
      g_autofree char *folded = g_utf8_casefold (text, -1);

      n += strstr (folded, needle) != NULL;
    }

  return n;
}

static void
search (Fixture    *fixture,
        const char *text)
{
  GtkEditable *entry = cs_test_window_child (fixture->info, CS_TYPE_SLIDE_INFO, "search_entry");

  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (entry, "search-changed");
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
test_info_properties (Fixture       *fixture,
                      gconstpointer  data)
{
  CsSlide *slide = cs_slide_page_get_slide (fixture->page);
  GListModel *model = cs_slide_info_get_properties (fixture->info);
  guint n_all = g_strv_length ((char **) cs_slide_get_property_names (slide));
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->info));
  g_autofree char *expected = NULL;
  g_autofree char *copied = NULL;
  g_auto(GStrv) lines = NULL;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  /* Every property, in the model and on screen. */
  g_assert_cmpuint (n_all, >, 10);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
  g_assert_cmpuint (count_rows (fixture), ==, n_all);

  /* The search matches names and values, in any case. */
  search (fixture, "MPP");
  g_assert_cmpuint (count_matching (slide, "mpp"), >=, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, count_matching (slide, "mpp"));
  g_assert_cmpuint (count_rows (fixture), ==, count_matching (slide, "mpp"));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CsSlideProperty) property = g_list_model_get_item (model, i);

      g_assert_true (cs_slide_property_matches (property, "mpp"));
    }

  search (fixture, "aperio.scanscope");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* "Copy All" copies the properties listed, one a line. */
  g_signal_emit_by_name (cs_test_window_child (fixture->info, CS_TYPE_SLIDE_INFO,
                                               "copy_all_button"), "clicked");
  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &copied);
  g_assert_true (cs_test_wait_until (is_set, &copied, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpstr (copied, ==, "aperio.ScanScope ID = TEST\n");

  search (fixture, "no property has this");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  search (fixture, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
  expected = cs_slide_info_dup_properties_text (fixture->info);
  lines = g_strsplit (expected, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n_all + 1);
}

/* The associated image tile named @name: a button with its picture, or a
 * "Hidden for privacy" placeholder. */
static GtkWidget *
image_tile (Fixture    *fixture,
            const char *name)
{
  GtkWidget *box = cs_test_window_child (fixture->info, CS_TYPE_SLIDE_INFO, "associated_box");

  for (GtkWidget *child = gtk_widget_get_first_child (box); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *tile = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_strcmp0 (gtk_widget_get_name (tile), name) == 0)
        return tile;
    }

  g_assert_not_reached ();
}

static gboolean
is_hidden (Fixture    *fixture,
           const char *name)
{
  GtkWidget *tile = image_tile (fixture, name);
  gboolean hidden = gtk_widget_has_css_class (tile, "privacy-hidden");

  /* Hidden tiles cannot be opened; shown ones can, once read. */
  g_assert_true (hidden != GTK_IS_BUTTON (tile));

  return hidden;
}

static gboolean
images_read (gpointer data)
{
  return gtk_widget_get_sensitive (image_tile (data, "macro"));
}

static GtkWindow *
find_image_window (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_widget_get_name (window), name) == 0)
        return GTK_WINDOW (window);
    }

  return NULL;
}

static gboolean
no_macro_window (gpointer data)
{
  return find_image_window ("macro") == NULL;
}

static void
test_info_privacy (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkSwitch *toggle = cs_test_window_child (fixture->info, CS_TYPE_SLIDE_INFO, "privacy_switch");
  GSettings *settings = cs_settings_get_default ();

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_assert_true (cs_test_wait_until (images_read, fixture, CS_TEST_UI_TIMEOUT_MS));
  g_assert_false (is_hidden (fixture, "label"));
  g_assert_false (is_hidden (fixture, "macro"));
  g_assert_false (is_hidden (fixture, "thumbnail"));
  g_assert_false (gtk_switch_get_active (toggle));

  /* The macro opens at full size in its own window. */
  g_signal_emit_by_name (image_tile (fixture, "macro"), "clicked");
  g_assert_nonnull (find_image_window ("macro"));

  /* Privacy on: label and macro hidden, their window closed, the setting
   * remembered; the thumbnail stays. */
  cs_test_window_activate (fixture->window, "win.privacy-mode", NULL);
  g_assert_true (g_settings_get_boolean (settings, "privacy-mode"));
  g_assert_true (cs_slide_info_get_privacy_mode (fixture->info));
  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_true (is_hidden (fixture, "label"));
  g_assert_true (is_hidden (fixture, "macro"));
  g_assert_false (is_hidden (fixture, "thumbnail"));
  g_assert_true (cs_test_wait_until (no_macro_window, NULL, CS_TEST_UI_TIMEOUT_MS));

  /* The setting rules every window, and back. */
  g_settings_set_boolean (settings, "privacy-mode", FALSE);
  g_assert_false (cs_slide_info_get_privacy_mode (fixture->info));
  g_assert_false (is_hidden (fixture, "label"));
  g_assert_false (gtk_switch_get_active (toggle));

  /* A teaching case not revealed hides them too, whatever the setting. */
  cs_slide_info_set_teaching_hidden (fixture->info, TRUE);
  g_assert_true (cs_slide_info_get_teaching_hidden (fixture->info));
  g_assert_true (is_hidden (fixture, "label"));
  g_assert_true (is_hidden (fixture, "macro"));
  g_assert_false (is_hidden (fixture, "thumbnail"));
  cs_slide_info_set_teaching_hidden (fixture->info, FALSE);
  g_assert_false (is_hidden (fixture, "label"));
  g_assert_false (is_hidden (fixture, "macro"));
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add ("/cs/window-info/facts", Fixture, NULL,
              fixture_setup, test_info_facts, fixture_teardown);
  g_test_add ("/cs/window-info/properties", Fixture, NULL,
              fixture_setup, test_info_properties, fixture_teardown);
  g_test_add ("/cs/window-info/privacy", Fixture, NULL,
              fixture_setup, test_info_privacy, fixture_teardown);

  return cs_test_window_run ();
}
