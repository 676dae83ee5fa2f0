/* test-window.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include "cs-core-private.h"
#include "cs-renderer.h"
#include "cs-slide-view.h"
#include "cs-test-slide.h"
#include "cs-test-utils.h"
#include "cs-window.h"

#include <adwaita.h>

/* The first window, driven through cs_window_open () as the command line
 * and the Open button drive it. Needs a display (Xvfb in CI). */

#define TIMEOUT_MS 20000

static gboolean have_display;

#define SKIP_WITHOUT_DISPLAY() \
  if (!have_display) { g_test_skip ("no display"); return; }

typedef struct
{
  CsWindow    *window;
  CsSlideView *view;
  char        *tmpdir;
} Fixture;

static gpointer
template_child (Fixture    *fixture,
                const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (fixture->window), CS_TYPE_WINDOW, name);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  if (!have_display)
    return;

  fixture->window = g_object_ref (cs_window_new (NULL));
  fixture->view = template_child (fixture, "view");
  fixture->tmpdir = cs_test_make_tmpdir ();

  /* No keyboard focus ring over the pixels compared. */
  gtk_window_set_focus_visible (GTK_WINDOW (fixture->window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gpointer window = fixture->window;

  if (!have_display)
    return;

  g_object_add_weak_pointer (window, &window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_assert_true (cs_test_wait_until (is_null, &window, TIMEOUT_MS));

  cs_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
}

static const char *
visible_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (template_child (fixture, "stack"));
}

static gboolean
is_settled (gpointer data)
{
  return g_strcmp0 (visible_page (data), "loading") != 0;
}

static gboolean
is_complete (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (visible_page (fixture), "slide") == 0 &&
         cs_slide_view_is_complete (fixture->view);
}

static void
open_path (Fixture    *fixture,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  cs_window_open (fixture->window, file);
  g_assert_cmpstr (visible_page (fixture), ==, "loading");
  g_assert_true (cs_test_wait_until (is_settled, fixture, TIMEOUT_MS));
}

static void
open_slide (Fixture    *fixture,
            const char *path)
{
  open_path (fixture, path);
  g_assert_cmpstr (visible_page (fixture), ==, "slide");
  g_assert_true (cs_test_wait_until (is_complete, fixture, TIMEOUT_MS));
}

static GskRenderNode *node;

/* A new paintable holds the widget's last frame: no node until drawn. */
static gboolean
capture_node (gpointer data)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (data);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot,
                          gtk_widget_get_width (data), gtk_widget_get_height (data));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  return node != NULL;
}

/* The view as the window's renderer draws it, in CAIRO_FORMAT_ARGB32. */
static cairo_surface_t *
render_view (Fixture *fixture)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (fixture->window));
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->view));
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;

  g_assert_nonnull (renderer);
  g_assert_true (cs_test_wait_until (capture_node, fixture->view, TIMEOUT_MS));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_clear_pointer (&node, gsk_render_node_unref);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_flush (surface);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);

  return surface;
}

/* What the core renders for the view's viewport, over the view's
 * background colour. */
static cairo_surface_t *
render_expected (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(cairo_surface_t) region = NULL;
  g_autoptr(cairo_t) cr = NULL;
  CsSlide *slide = cs_slide_view_get_slide (fixture->view);
  const guint32 *pixels;
  cairo_surface_t *surface;
  CsViewport viewport;
  GdkRGBA background;

  cs_slide_view_get_viewport (fixture->view, &viewport);
  cs_slide_view_get_background (fixture->view, &background);
  g_assert_true (cs_render_region (CS_TILE_SOURCE (slide), viewport.x, viewport.y, viewport.zoom,
                                   viewport.width, viewport.height, &region, &error));
  g_assert_no_error (error);

  /* The centre shows the slide, not only the background. */
  pixels = (const guint32 *) cairo_image_surface_get_data (region);
  g_assert_cmphex (pixels[viewport.height / 2 * viewport.width + viewport.width / 2] >> 24,
                   ==, 0xff);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, viewport.width, viewport.height);
  cr = cairo_create (surface);
  gdk_cairo_set_source_rgba (cr, &background);
  cairo_paint (cr);
  cairo_set_source_surface (cr, region, 0, 0);
  cairo_paint (cr);
  cairo_surface_flush (surface);

  return surface;
}

static void
compare_view_with_core (Fixture *fixture)
{
  g_autoptr(cairo_surface_t) actual = render_view (fixture);
  g_autoptr(cairo_surface_t) expected = render_expected (fixture);
  int width = cairo_image_surface_get_width (expected);
  int height = cairo_image_surface_get_height (expected);
  guint n_different = 0;

  g_assert_cmpint (cairo_image_surface_get_width (actual), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (actual), ==, height);

  for (int y = 0; y < height; y++)
    {
      const guint32 *a = (const guint32 *) cairo_image_surface_get_data (actual) + y * width;
      const guint32 *e = (const guint32 *) cairo_image_surface_get_data (expected) + y * width;

      for (int x = 0; x < width; x++)
        {
          if (a[x] == e[x])
            continue;
          if (n_different++ == 0)
            g_test_message ("first difference at (%d, %d): view 0x%08x, core 0x%08x",
                            x, y, a[x], e[x]);
        }
    }

  g_assert_cmpuint (n_different, ==, 0);
}

static void
test_window_shows_slide (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = cs_test_sample_slide ();
  CsViewport viewport;
  CsViewport one_to_one;
  gint64 slide_width, slide_height;
  double left, top, right, bottom;
  CsSlide *slide;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (path);

  open_slide (fixture, path);
  slide = cs_window_get_slide (fixture->window);
  g_assert_true (slide != NULL && cs_slide_view_get_slide (fixture->view) == slide);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==,
                   "CMU-1-Small-Region.svs");

  /* First at the fit zoom: the whole slide, centred, nearly filling the
   * view along one side. */
  cs_slide_get_level_size (slide, 0, &slide_width, &slide_height);
  cs_slide_view_get_viewport (fixture->view, &viewport);
  g_test_message ("fit: origin (%.3f, %.3f), zoom %.5f, %d x %d",
                  viewport.x, viewport.y, viewport.zoom, viewport.width, viewport.height);
  cs_viewport_to_screen (&viewport, 0, 0, &left, &top);
  cs_viewport_to_screen (&viewport, slide_width, slide_height, &right, &bottom);
  g_assert_true (left >= 0 && top >= 0 && right <= viewport.width && bottom <= viewport.height);
  g_assert_cmpfloat_with_epsilon (left, viewport.width - right, 1e-6);
  g_assert_cmpfloat_with_epsilon (top, viewport.height - bottom, 1e-6);
  g_assert_cmpfloat (MAX (right - left - 0.9 * viewport.width,
                          bottom - top - 0.9 * viewport.height), >, 0);
  compare_view_with_core (fixture);

  /* Then 1:1, on whole pixels, with every pixel inside the slide. */
  cs_viewport_init (&one_to_one, 500, 700, 1.0, 0, 0);
  cs_slide_view_set_viewport (fixture->view, &one_to_one);
  cs_slide_view_get_viewport (fixture->view, &viewport);
  g_assert_true (viewport.x == 500 && viewport.y == 700 && viewport.zoom == 1.0);
  g_assert_true (500 + viewport.width <= slide_width && 700 + viewport.height <= slide_height);
  g_assert_true (cs_test_wait_until (is_complete, fixture, TIMEOUT_MS));
  compare_view_with_core (fixture);
}

static void
assert_error_page (Fixture    *fixture,
                   const char *path,
                   int         code)
{
  AdwStatusPage *page = template_child (fixture, "error_page");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = cs_slide_new (path, &error);
  g_autofree char *expected = NULL;
  g_autofree char *name = g_path_get_basename (path);

  /* The page shows the core's own message: the cause, naming the file. */
  g_assert_error (error, CS_SLIDE_ERROR, code);
  g_assert_true (slide == NULL && strstr (error->message, name) != NULL);
  expected = g_markup_escape_text (error->message, -1);
  g_assert_cmpstr (visible_page (fixture), ==, "error");
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Could Not Open Slide");
  g_assert_cmpstr (adw_status_page_get_description (page), ==, expected);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, name);
  g_assert_null (cs_window_get_slide (fixture->window));
  g_assert_null (cs_slide_view_get_slide (fixture->view));
}

static void
test_window_open_errors (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sample = cs_test_sample_slide ();

  SKIP_WITHOUT_DISPLAY ();

  missing = g_build_filename (fixture->tmpdir, "missing.svs", NULL);
  open_path (fixture, missing);
  assert_error_page (fixture, missing, CS_SLIDE_ERROR_NOT_FOUND);

  text = g_build_filename (fixture->tmpdir, "notes.svs", NULL);
  g_file_set_contents (text, "Not a slide: a pathologist's notes.\n", -1, &error);
  g_assert_no_error (error);
  open_path (fixture, text);
  assert_error_page (fixture, text, CS_SLIDE_ERROR_NOT_A_SLIDE);

  /* The window recovers: the next slide opens in it. */
  g_assert_nonnull (sample);
  open_slide (fixture, sample);
}

static gboolean
slide_released (gpointer data)
{
  return cs_slide_view_get_slide (data) == NULL;
}

static void
test_window_tile_failure (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  AdwStatusPage *page;
  CsTestPyramid spec;

  SKIP_WITHOUT_DISPLAY ();

  /* The slide opens, but a tile of its overview level has no data: the
   * first read of it fails and the slide stays failed. */
  cs_test_pyramid_init_simple (&spec);
  spec.missing_level = 2;
  spec.missing_col = spec.missing_row = 0;
  path = cs_test_write_pyramid (fixture->tmpdir, "broken.tiff", &spec, &error);
  g_assert_no_error (error);

  open_path (fixture, path);
  g_assert_cmpstr (visible_page (fixture), ==, "slide");

  /* The error page replaces the view, which then lets the slide go. */
  g_assert_true (cs_test_wait_until (slide_released, fixture->view, TIMEOUT_MS));
  g_assert_null (cs_window_get_slide (fixture->window));
  g_assert_cmpstr (visible_page (fixture), ==, "error");
  page = template_child (fixture, "error_page");
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Could Not Read Slide");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "broken.tiff"));
}

static void
assert_anchored (CsSlideView *view,
                 double       zoom,
                 double       x,
                 double       y)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (view));
  CsViewport before, after;
  double bx, by, ax, ay;

  cs_slide_view_get_viewport (view, &before);
  cs_viewport_to_image (&before, x * scale, y * scale, &bx, &by);

  cs_slide_view_zoom_at (view, zoom, x, y);

  cs_slide_view_get_viewport (view, &after);
  cs_viewport_to_image (&after, x * scale, y * scale, &ax, &ay);
  g_test_message ("zoom %.5f -> %.5f at (%.0f, %.0f): image (%.3f, %.3f) -> (%.3f, %.3f)",
                  before.zoom, after.zoom, x, y, bx, by, ax, ay);

  g_assert_cmpfloat_with_epsilon (after.zoom, zoom, 1e-12);
  g_assert_cmpfloat_with_epsilon (ax, bx, 1e-6);
  g_assert_cmpfloat_with_epsilon (ay, by, 1e-6);
}

static void
test_window_zoom (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = cs_test_sample_slide ();
  double min_zoom, max_zoom;
  CsViewport fit, viewport;
  double x, y;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_nonnull (path);

  open_slide (fixture, path);
  cs_slide_view_get_viewport (fixture->view, &fit);
  cs_slide_view_get_zoom_range (fixture->view, &min_zoom, &max_zoom);
  g_assert_cmpfloat (max_zoom, ==, CS_SLIDE_VIEW_MAX_ZOOM);

  /* A point on the tissue, off centre: it stays under the anchor. */
  x = gtk_widget_get_width (GTK_WIDGET (fixture->view)) * 0.4;
  y = gtk_widget_get_height (GTK_WIDGET (fixture->view)) * 0.3;
  assert_anchored (fixture->view, fit.zoom * 3, x, y);
  assert_anchored (fixture->view, 1.0, x, y);
  assert_anchored (fixture->view, 8.0, x + 50, y + 20);

  /* Beyond the range the zoom stops at its ends. */
  cs_slide_view_zoom_at (fixture->view, 1000, x, y);
  cs_slide_view_get_viewport (fixture->view, &viewport);
  g_assert_cmpfloat (viewport.zoom, ==, max_zoom);

  cs_slide_view_zoom_at (fixture->view, 1e-6, x, y);
  cs_slide_view_get_viewport (fixture->view, &viewport);
  g_assert_cmpfloat_with_epsilon (viewport.zoom, fit.zoom / 4, 1e-12);

  /* Back to the fit, drawn and loaded like the first time. */
  cs_slide_view_zoom_to_fit (fixture->view);
  cs_slide_view_get_viewport (fixture->view, &viewport);
  g_assert_true (cs_viewport_equal (&viewport, &fit));
  g_assert_true (cs_test_wait_until (is_complete, fixture, TIMEOUT_MS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add ("/cs/window/shows-slide", Fixture, NULL,
              fixture_setup, test_window_shows_slide, fixture_teardown);
  g_test_add ("/cs/window/open-errors", Fixture, NULL,
              fixture_setup, test_window_open_errors, fixture_teardown);
  g_test_add ("/cs/window/tile-failure", Fixture, NULL,
              fixture_setup, test_window_tile_failure, fixture_teardown);
  g_test_add ("/cs/window/zoom", Fixture, NULL,
              fixture_setup, test_window_zoom, fixture_teardown);

  return g_test_run ();
}
