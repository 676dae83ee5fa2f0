/* test-slide-view-remote.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-slide-view-remote"

#include "config.h"

#include "cs-dicomweb.h"
#include "cs-slide-viewer.h"
#include "cs-test-remote.h"
#include "cs-test-ui.h"

/* The viewer on a remote slide (CMU-1-Small-Region.svs in the test
 * Orthanc, opened as dicomweb:): its frames are fetched by the view's
 * tile loader, the view completes without a tile error, and it shows
 * exactly what it shows for the local file at the same place (the
 * dicomizer keeps the slide's JPEG tiles). Needs a display and Orthanc. */

#define CMU_SLIDE "CMU-1-Small-Region.svs"

static void
on_tile_failed_cb (CsSlideViewer *viewer,
                   const GError  *error,
                   guint         *n_failures)
{
  g_test_message ("tile-failed: %s", error->message);
  (*n_failures)++;
}

/* The view over @slide at (1100, 1500), zoom 0.8, captured. */
static cairo_surface_t *
capture (CsSlideViewer *viewer,
         CsSlide       *slide)
{
  CsSlideView *view = cs_slide_viewer_get_view (viewer);

  cs_slide_viewer_set_slide (viewer, slide);
  cs_slide_view_move_to (view, 1100, 1500, 0.8, 0);
  cs_test_ui_wait_complete (view);

  return cs_test_ui_render_widget (GTK_WIDGET (view));
}

static void
test_remote_view (void)
{
  g_autofree char *path = cs_test_shared_slide (CMU_SLIDE);
  g_autofree char *url = NULL;
  g_autofree char *png = NULL;
  g_autoptr(CsSlide) remote = NULL;
  g_autoptr(CsSlide) local = NULL;
  g_autoptr(cairo_surface_t) remote_pixels = NULL;
  g_autoptr(cairo_surface_t) local_pixels = NULL;
  CsSlideViewer *viewer;
  CsTestOrthanc *orthanc;
  GtkWindow *window;
  guint n_failures = 0, n_different = 0;
  int width, height;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();
  if (path == NULL)
    {
      g_test_skip ("../shared/slides/" CMU_SLIDE " is absent: this test needs the project's "
                   "shared test slides");
      return;
    }
  orthanc = cs_test_orthanc_get_or_skip ();
  if (orthanc == NULL)
    return;

  url = cs_test_remote_slide_url (orthanc, path, "{\"PatientID\": \"CS-VIEW\"}", "CS-VIEW");
  remote = cs_test_ui_open (url);
  local = cs_test_ui_open (path);
  viewer = CS_SLIDE_VIEWER (cs_slide_viewer_new ());
  g_signal_connect (viewer, "tile-failed", G_CALLBACK (on_tile_failed_cb), &n_failures);
  window = cs_test_ui_window_new (GTK_WIDGET (viewer), 640, 480);

  remote_pixels = capture (viewer, remote);
  g_assert_cmpuint (n_failures, ==, 0);
  local_pixels = capture (viewer, local);

  width = cairo_image_surface_get_width (remote_pixels);
  height = cairo_image_surface_get_height (remote_pixels);
  g_assert_cmpint (cairo_image_surface_get_width (local_pixels), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (local_pixels), ==, height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      n_different += cs_test_ui_pixel (remote_pixels, x, y) != cs_test_ui_pixel (local_pixels,
                                                                                x, y);
  g_test_message ("%u pixels of the remote view differ from the local view", n_different);
  g_assert_cmpuint (n_different, ==, 0);
  /* As the other screenshots of the tests: when CS_SCREENSHOT_DIR is set. */
  if (g_getenv ("CS_SCREENSHOT_DIR") != NULL)
    {
      png = g_build_filename (g_getenv ("CS_SCREENSHOT_DIR"), "slide-view-remote.png", NULL);
      g_assert_cmpint (cairo_surface_write_to_png (remote_pixels, png), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("screenshot: %s", png);
    }

  cs_test_ui_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  /* The tests' GSettings schemas are Consilium's alone: GIO's GNOME proxy
   * resolver, which a UI process picks, would fail on its missing schema
   * (org.gnome.system.proxy, from gsettings-desktop-schemas). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  cs_test_ui_init (&argc, &argv);
  cs_test_remote_set_password (NULL);

  g_test_add_func ("/cs/slide-view-remote/same-as-local", test_remote_view);

  return g_test_run ();
}
