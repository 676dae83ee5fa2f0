/* test-slide-view-render.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-slide-view-render"

#include "config.h"

#include "cs-renderer.h"
#include "cs-slide-viewer.h"
#include "cs-test-slide.h"
#include "cs-test-ui.h"

/* What the view draws, pixel for pixel: the view rendered by GSK equals
 * the core's cs_render_viewport () for the same viewport over the view's
 * background, rotated or not; "first-frame" comes once per slide; a tile
 * that cannot be read is reported once, drawn as a marked error area, and
 * the rest of the slide is drawn. Needs a display (Xvfb in CI). */

typedef struct
{
  GtkWindow     *window;
  CsSlideViewer *viewer;
  CsSlideView   *view;
  char          *tmpdir;
  guint          n_first_frames;
  guint          n_failures;
} Fixture;

static void
on_first_frame_cb (CsSlideViewer *viewer,
                   Fixture       *fixture)
{
  fixture->n_first_frames++;
}

static void
on_tile_failed_cb (CsSlideViewer *viewer,
                   const GError  *error,
                   Fixture       *fixture)
{
  g_test_message ("tile-failed: %s", error->message);
  g_assert_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ);
  fixture->n_failures++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  if (!cs_test_ui_have_display)
    return;

  fixture->tmpdir = cs_test_make_tmpdir ();
  fixture->viewer = CS_SLIDE_VIEWER (cs_slide_viewer_new ());
  fixture->view = cs_slide_viewer_get_view (fixture->viewer);
  g_signal_connect (fixture->viewer, "first-frame", G_CALLBACK (on_first_frame_cb), fixture);
  g_signal_connect (fixture->viewer, "tile-failed", G_CALLBACK (on_tile_failed_cb), fixture);
  fixture->window = cs_test_ui_window_new (GTK_WIDGET (fixture->viewer), 640, 480);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (!cs_test_ui_have_display)
    return;

  cs_test_ui_window_destroy (fixture->window);
  cs_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
}

static CsSlide *
write_pyramid (Fixture       *fixture,
               CsTestPyramid *spec)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cs_test_write_pyramid (fixture->tmpdir, "pyramid.tiff", spec, &error);

  g_assert_no_error (error);

  return cs_test_ui_open (path);
}

/* What the core renders for the view's viewport, over its background. */
static cairo_surface_t *
render_expected (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(cairo_surface_t) slide = NULL;
  g_autoptr(cairo_t) cr = NULL;
  cairo_surface_t *surface;
  CsViewport viewport;
  GdkRGBA background;

  cs_slide_view_get_viewport (fixture->view, &viewport);
  cs_slide_view_get_background (fixture->view, &background);
  g_assert_true (cs_render_viewport (CS_TILE_SOURCE (cs_slide_view_get_slide (fixture->view)),
                                     &viewport, &slide, NULL, &error));
  g_assert_no_error (error);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, viewport.width, viewport.height);
  cr = cairo_create (surface);
  gdk_cairo_set_source_rgba (cr, &background);
  cairo_paint (cr);
  cairo_set_source_surface (cr, slide, 0, 0);
  cairo_paint (cr);
  cairo_surface_flush (surface);

  return surface;
}

static void
compare_view_with_core (Fixture *fixture)
{
  g_autoptr(cairo_surface_t) actual = NULL;
  g_autoptr(cairo_surface_t) expected = NULL;
  guint n_different = 0, n_slide = 0;
  GdkRGBA background;
  guint32 back;
  int width, height;

  cs_test_ui_wait_complete (fixture->view);
  actual = cs_test_ui_render_widget (GTK_WIDGET (fixture->view));
  expected = render_expected (fixture);
  width = cairo_image_surface_get_width (expected);
  height = cairo_image_surface_get_height (expected);
  g_assert_cmpint (cairo_image_surface_get_width (actual), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (actual), ==, height);

  cs_slide_view_get_background (fixture->view, &background);
  back = 0xff000000 | (guint32) (background.red * 255 + 0.5) << 16 |
         (guint32) (background.green * 255 + 0.5) << 8 | (guint32) (background.blue * 255 + 0.5);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 a = cs_test_ui_pixel (actual, x, y);
        guint32 e = cs_test_ui_pixel (expected, x, y);

        n_slide += e != back;
        if (a != e && n_different++ == 0)
          g_test_message ("first difference at (%d, %d): view 0x%08x, core 0x%08x", x, y, a, e);
      }

  /* Most of the view shows the slide, not only the background. */
  g_assert_cmpuint (n_slide, >, (guint) (width * height / 4));
  g_assert_cmpuint (n_different, ==, 0);
}

static void
test_render_sample (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = cs_test_sample_slide ();
  g_autoptr(CsSlide) slide = NULL;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  slide = cs_test_ui_open (path);
  cs_slide_viewer_set_slide (fixture->viewer, slide);
  compare_view_with_core (fixture);

  cs_slide_view_move_to (fixture->view, 1111, 1500, 1.0, 90);
  compare_view_with_core (fixture);
  cs_slide_view_move_to (fixture->view, 900, 1400, 0.37, 30);
  compare_view_with_core (fixture);
  cs_slide_view_move_to (fixture->view, 1000, 1000, 2.5, 0);
  compare_view_with_core (fixture);
  cs_slide_view_move_to (fixture->view, 1200, 1300, 3.0, 285);
  compare_view_with_core (fixture);
}

static void
test_render_pyramid (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CsSlide) slide = NULL;
  CsTestPyramid spec;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  /* Downsamples of 3.0015…: no powers of two. */
  cs_test_pyramid_init_non_integer (&spec);
  slide = write_pyramid (fixture, &spec);
  cs_slide_viewer_set_slide (fixture->viewer, slide);
  compare_view_with_core (fixture);

  cs_slide_view_move_to (fixture->view, 500, 300, 0.5, 180);
  compare_view_with_core (fixture);
  cs_slide_view_move_to (fixture->view, 480, 310, 0.75, 345);
  compare_view_with_core (fixture);
}

static gboolean
has_first_frame (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_first_frames > 0;
}

static gboolean
has_two_first_frames (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_first_frames > 1;
}

static void
test_render_first_frame (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = cs_test_sample_slide ();
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(CsSlide) pyramid = NULL;
  CsTestPyramid spec;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  slide = cs_test_ui_open (path);
  cs_slide_viewer_set_slide (fixture->viewer, slide);
  g_assert_cmpuint (fixture->n_first_frames, ==, 0);
  g_assert_true (cs_test_wait_until (has_first_frame, fixture, CS_TEST_UI_TIMEOUT_MS));

  /* Not again while the same slide is moved about. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.zoom-1to1", NULL);
  cs_test_ui_wait_complete (fixture->view);
  g_assert_cmpuint (fixture->n_first_frames, ==, 1);

  /* Once more for the next slide. */
  cs_test_pyramid_init_simple (&spec);
  pyramid = write_pyramid (fixture, &spec);
  cs_slide_viewer_set_slide (fixture->viewer, pyramid);
  cs_test_ui_wait_complete (fixture->view);
  g_assert_true (cs_test_wait_until (has_two_first_frames, fixture, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpuint (fixture->n_first_frames, ==, 2);
}

static gboolean
is_allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

static gboolean
has_failure (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_failures > 0 && cs_test_ui_view_complete (fixture->view);
}

static void
test_render_tile_failure (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(cairo_surface_t) actual = NULL;
  g_autoptr(CsSlide) slide = NULL;
  CsTestPyramid spec;
  CsViewport viewport;
  guint n_error = 0;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  if (!cs_test_missing_tile_fails ())
    return;

  /* Native tile (5, 3) of the full-resolution level has no data: level-0
   * pixels 320…383 × 192…255, inside display tile (0, 1, 0). */
  cs_test_pyramid_init_simple (&spec);
  spec.missing_level = 0;
  spec.missing_col = 5;
  spec.missing_row = 3;
  slide = write_pyramid (fixture, &spec);
  cs_slide_viewer_set_slide (fixture->viewer, slide);
  g_assert_true (cs_test_wait_until (is_allocated, fixture->view, CS_TEST_UI_TIMEOUT_MS));

  /* 1:1 with level-0 (0, 0) at the view's top-left corner. */
  cs_slide_view_move_to (fixture->view, 320, 240, 1.0, 0);
  cs_slide_view_get_viewport (fixture->view, &viewport);
  g_assert_true (viewport.x == 0 && viewport.y == 0 && viewport.width == 640);
  g_assert_true (cs_test_wait_until (has_failure, fixture, CS_TEST_UI_TIMEOUT_MS));

  /* Once, though the view is drawn again and again. */
  cs_slide_view_move_to (fixture->view, 330, 250, 1.0, 0);
  cs_slide_view_move_to (fixture->view, 320, 240, 1.0, 0);
  cs_test_ui_wait_complete (fixture->view);
  g_assert_cmpuint (fixture->n_failures, ==, 1);
  g_assert_false (cs_slide_get_failed (slide));

  /* Every other tile shows the slide's own pixels; the failed display
   * tile is marked, never drawn as tissue. */
  actual = cs_test_ui_render_widget (GTK_WIDGET (fixture->view));
  for (int y = 0; y < 480; y += 7)
    for (int x = 0; x < 640; x += 7)
      {
        guint32 pixel = cs_test_ui_pixel (actual, x, y);
        gboolean failed_tile = x >= 256 && x < 512 && y < 256;

        if (!failed_tile)
          g_assert_cmphex (pixel, ==, cs_test_pyramid_pixel (0, x, y));
        else
          n_error += pixel != cs_test_pyramid_pixel (0, x, y);
      }
  g_test_message ("%u of the failed tile's samples are marked", n_error);
  g_assert_cmpuint (n_error, ==, (256 / 7 + 1) * (256 / 7 + 1));
}

int
main (int   argc,
      char *argv[])
{
  cs_test_ui_init (&argc, &argv);

  g_test_add ("/cs/slide-view-render/sample", Fixture, NULL,
              fixture_setup, test_render_sample, fixture_teardown);
  g_test_add ("/cs/slide-view-render/pyramid", Fixture, NULL,
              fixture_setup, test_render_pyramid, fixture_teardown);
  g_test_add ("/cs/slide-view-render/first-frame", Fixture, NULL,
              fixture_setup, test_render_first_frame, fixture_teardown);
  g_test_add ("/cs/slide-view-render/tile-failure", Fixture, NULL,
              fixture_setup, test_render_tile_failure, fixture_teardown);

  return g_test_run ();
}
