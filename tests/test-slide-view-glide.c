/* test-slide-view-glide.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-slide-view-glide"

#include "config.h"

#include <math.h>

#include "cs-slide-viewer.h"
#include "cs-test-ui.h"

/* The view glides to a place (a saved view, a tour's stop): it passes
 * through places between, and ends exactly there; the rotation turns the
 * shorter way. Needs a display and the shared slides. */

#define CMU_SLIDE "CMU-1-Small-Region.svs"

typedef struct
{
  CsSlideView *view;
  guint        n_between;   /* frames strictly between start and end */
  double       start_x;
  double       end_x;
} Watch;

static gboolean
glide_done (gpointer data)
{
  Watch *watch = data;
  CsViewport viewport;
  double x, y;

  cs_slide_view_get_viewport (watch->view, &viewport);
  cs_viewport_get_center (&viewport, &x, &y);
  if (x > watch->start_x + 1 && x < watch->end_x - 1)
    watch->n_between++;
  return !cs_slide_view_is_gliding (watch->view);
}

static void
test_glide (void)
{
  g_autofree char *path = cs_test_shared_slide (CMU_SLIDE);
  g_autoptr(CsSlide) slide = NULL;
  CsSlideViewer *viewer;
  GtkWindow *window;
  CsViewport viewport;
  Watch watch = { 0 };
  double x, y;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();
  if (path == NULL)
    {
      g_test_skip ("../shared/slides/" CMU_SLIDE " is absent: this test needs the project's "
                   "shared test slides");
      return;
    }
  slide = cs_test_ui_open (path);
  viewer = CS_SLIDE_VIEWER (cs_slide_viewer_new ());
  window = cs_test_ui_window_new (GTK_WIDGET (viewer), 640, 480);
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-enable-animations", TRUE,
                NULL);
  watch.view = cs_slide_viewer_get_view (viewer);
  cs_slide_viewer_set_slide (viewer, slide);
  cs_slide_view_move_to (watch.view, 300, 400, 0.25, 350);
  cs_test_ui_wait_complete (watch.view);

  watch.start_x = 300;
  watch.end_x = 1100;
  cs_slide_view_glide_to (watch.view, 1100, 1500, 0.8, 20);
  g_assert_true (cs_slide_view_is_gliding (watch.view));
  g_assert_true (cs_test_wait_until (glide_done, &watch, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpuint (watch.n_between, >, 0);
  cs_slide_view_get_viewport (watch.view, &viewport);
  cs_viewport_get_center (&viewport, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 1100, 0.01);
  g_assert_cmpfloat_with_epsilon (y, 1500, 0.01);
  g_assert_cmpfloat_with_epsilon (viewport.zoom, 0.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (viewport.rotation, 20, 1e-9);

  /* animations off: there at once */
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-enable-animations", FALSE,
                NULL);
  cs_slide_view_glide_to (watch.view, 500, 600, 0.5, 0);
  g_assert_false (cs_slide_view_is_gliding (watch.view));
  cs_slide_view_get_viewport (watch.view, &viewport);
  cs_viewport_get_center (&viewport, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 500, 0.01);
  g_assert_cmpfloat_with_epsilon (viewport.zoom, 0.5, 1e-9);

  cs_test_ui_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_ui_init (&argc, &argv);

  g_test_add_func ("/cs/slide-view-glide/glide", test_glide);

  return g_test_run ();
}
