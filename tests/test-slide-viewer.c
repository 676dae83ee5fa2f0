/* test-slide-viewer.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-slide-viewer"

#include "config.h"

#include "cs-magnification.h"
#include "cs-overview.h"
#include "cs-scale-bar.h"
#include "cs-scale-bar-overlay.h"
#include "cs-slide-viewer.h"
#include "cs-test-slide.h"
#include "cs-test-ui.h"

#include <math.h>

/* One CsSlideViewer in a window, driven through the view's actions as the
 * keyboard and the header bar drive it: magnification presets, fit, 1:1,
 * rotation, panning; and its overlays: magnification label, overview
 * outline, scale bar. Needs a display (Xvfb in CI). */

typedef struct
{
  GtkWindow     *window;
  CsSlideViewer *viewer;
  CsSlideView   *view;
  CsSlide       *slide;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = cs_test_sample_slide ();

  if (!cs_test_ui_have_display)
    return;

  fixture->viewer = CS_SLIDE_VIEWER (cs_slide_viewer_new ());
  fixture->view = cs_slide_viewer_get_view (fixture->viewer);
  fixture->window = cs_test_ui_window_new (GTK_WIDGET (fixture->viewer), 800, 600);
  fixture->slide = cs_test_ui_open (path);
  cs_slide_viewer_set_slide (fixture->viewer, fixture->slide);
  cs_test_ui_wait_complete (fixture->view);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (!cs_test_ui_have_display)
    return;

  cs_test_ui_window_destroy (fixture->window);
  g_clear_object (&fixture->slide);
}

static gpointer
child (Fixture    *fixture,
       const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (fixture->viewer), CS_TYPE_SLIDE_VIEWER, name);
}

static void
activate (Fixture    *fixture,
          const char *action,
          GVariant   *param)
{
  g_autoptr(GVariant) sunk = param != NULL ? g_variant_ref_sink (param) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->view), action, sunk));
}

static CsViewport
viewport_of (Fixture *fixture)
{
  CsViewport viewport;

  cs_slide_view_get_viewport (fixture->view, &viewport);

  return viewport;
}

static void
assert_center (Fixture *fixture,
               double   x,
               double   y)
{
  CsViewport viewport = viewport_of (fixture);
  double cx, cy;

  cs_viewport_get_center (&viewport, &cx, &cy);
  g_assert_cmpfloat_with_epsilon (cx, x, 1e-6);
  g_assert_cmpfloat_with_epsilon (cy, y, 1e-6);
}

static void
test_viewer_presets (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkLabel *label;
  double base;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  /* CMU-1-Small-Region.svs was scanned at 20×. */
  base = cs_magnification_get_slide_base (fixture->slide);
  g_assert_cmpfloat (base, ==, 20.0);
  label = child (fixture, "magnification_label");

  for (guint i = 0; i < CS_MAGNIFICATION_N_PRESETS; i++)
    {
      double preset = cs_magnification_presets[i];
      double zoom = cs_magnification_zoom_for (base, preset);
      g_autofree char *text = cs_magnification_format (preset);
      g_autofree char *percent = cs_magnification_format_zoom (zoom);

      activate (fixture, "view.magnification", g_variant_new_double (preset));
      g_test_message ("%s: zoom %g, label “%s”", text, viewport_of (fixture).zoom,
                      gtk_label_get_label (label));
      g_assert_cmpfloat_with_epsilon (viewport_of (fixture).zoom, zoom, 1e-12);
      g_assert_true (g_str_has_prefix (gtk_label_get_label (label), preset > base ? "Digital " : text));
      g_assert_nonnull (strstr (gtk_label_get_label (label), text));
      g_assert_nonnull (strstr (gtk_label_get_label (label), percent));
    }

  /* Digital zoom stops at 4× the scan's resolution: 80× here. */
  for (guint i = 0; i < 8; i++)
    activate (fixture, "view.zoom-in", NULL);
  g_assert_cmpfloat (viewport_of (fixture).zoom, ==, CS_SLIDE_VIEW_MAX_ZOOM);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "Digital 80× · 400 %");
}

static void
test_viewer_fit_and_1to1 (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 width, height;
  CsViewport fit, viewport;
  double left, top, right, bottom;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  fit = viewport_of (fixture);
  cs_slide_get_level_size (fixture->slide, 0, &width, &height);

  activate (fixture, "view.zoom-1to1", NULL);
  g_assert_cmpfloat (viewport_of (fixture).zoom, ==, 1.0);
  assert_center (fixture, width / 2.0, height / 2.0);

  /* Back to the whole slide, centred, nearly filling the view. */
  activate (fixture, "view.zoom-fit", NULL);
  viewport = viewport_of (fixture);
  g_assert_true (cs_viewport_equal (&viewport, &fit));
  cs_viewport_to_screen (&viewport, 0, 0, &left, &top);
  cs_viewport_to_screen (&viewport, width, height, &right, &bottom);
  g_assert_true (left >= 0 && top >= 0 && right <= viewport.width && bottom <= viewport.height);
  g_assert_cmpfloat (bottom - top, >, 0.9 * viewport.height);

  /* Turned a quarter, the fit follows the turned slide: wider than high. */
  activate (fixture, "view.rotate", g_variant_new_double (90));
  viewport = viewport_of (fixture);
  g_assert_cmpfloat (viewport.rotation, ==, 90);
  g_assert_cmpfloat (viewport.zoom, >, fit.zoom);
  cs_viewport_to_screen (&viewport, 0, 0, &left, &top);
  cs_viewport_to_screen (&viewport, width, height, &right, &bottom);
  g_assert_cmpfloat (fabs (left - right), >, 0.9 * viewport.width);
  g_assert_cmpfloat (fabs (top - bottom), <=, viewport.height);
}

static void
test_viewer_rotate (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct { double add; double expected; } steps[] = {
    { 90, 90 }, { 15, 105 }, { -90, 15 }, { -15, 0 }, { -15, 345 }, { 375, 0 },
  };
  GtkLabel *label = child (fixture, "rotation_label");

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  /* Away from the fit, off centre, so that only the turn moves things. */
  cs_slide_view_move_to (fixture->view, 700, 900, 0.5, 0);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *text = g_strdup_printf ("%.0f°", steps[i].expected);

      activate (fixture, "view.rotate", g_variant_new_double (steps[i].add));
      g_assert_cmpfloat_with_epsilon (cs_slide_view_get_rotation (fixture->view),
                                      steps[i].expected, 1e-9);
      assert_center (fixture, 700, 900);
      g_assert_cmpfloat (viewport_of (fixture).zoom, ==, 0.5);
      g_assert_cmpstr (gtk_label_get_label (label), ==, text);
    }

  /* The rotation control's scale turns the view too. */
  gtk_adjustment_set_value (child (fixture, "rotation_adjustment"), 30);
  g_assert_cmpfloat (cs_slide_view_get_rotation (fixture->view), ==, 30);
  g_assert_true (gtk_widget_is_sensitive (child (fixture, "rotation_reset_button")));
  activate (fixture, "view.rotation-reset", NULL);
  g_assert_cmpfloat (cs_slide_view_get_rotation (fixture->view), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "rotation_reset_button")));
}

static void
test_viewer_pan (Fixture       *fixture,
                 gconstpointer  data)
{
  static const double angles[] = { 0, 90, 30, 200 };

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  for (guint i = 0; i < G_N_ELEMENTS (angles); i++)
    {
      CsViewport viewport;
      double x, y;

      cs_slide_view_move_to (fixture->view, 1100, 1500, 1.0, angles[i]);
      viewport = viewport_of (fixture);

      /* What was 120 px right of and 40 px above the centre comes to it. */
      cs_viewport_to_image (&viewport, viewport.width / 2.0 + 120, viewport.height / 2.0 - 40,
                            &x, &y);
      activate (fixture, "view.pan", g_variant_new ("(dd)", 120.0, -40.0));
      g_test_message ("%g°: centre now (%.3f, %.3f)", angles[i], x, y);
      assert_center (fixture, x, y);
    }
}

static void
test_viewer_overview (Fixture       *fixture,
                      gconstpointer  data)
{
  CsOverview *overview = child (fixture, "overview");
  graphene_point_t outline[4];
  CsViewport viewport;
  double angle;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_assert_true (cs_test_wait_until ((CsTestPredicate) cs_overview_is_ready, overview,
                                     CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpint (MAX (gtk_widget_get_width (GTK_WIDGET (overview)),
                        gtk_widget_get_height (GTK_WIDGET (overview))), ==, CS_OVERVIEW_MAX_SIZE);

  cs_slide_view_move_to (fixture->view, 800, 1200, 0.6, 30);
  viewport = viewport_of (fixture);
  g_assert_true (cs_overview_get_outline (overview, outline));

  /* Each corner of the outline is where that corner of the screen is on
   * the slide: a rectangle turned back by the view's rotation. */
  for (guint i = 0; i < 4; i++)
    {
      double ex, ey, ax, ay;

      cs_viewport_to_image (&viewport, (i == 1 || i == 2) ? viewport.width : 0,
                            i >= 2 ? viewport.height : 0, &ex, &ey);
      g_assert_true (cs_overview_to_image (overview, outline[i].x, outline[i].y, &ax, &ay));
      /* graphene points are floats. */
      g_assert_cmpfloat_with_epsilon (ax, ex, 1e-3);
      g_assert_cmpfloat_with_epsilon (ay, ey, 1e-3);
    }
  angle = atan2 (outline[1].y - outline[0].y, outline[1].x - outline[0].x) * 180 / G_PI;
  /* Within the thumbnail's rounding to whole pixels across and down. */
  g_assert_cmpfloat_with_epsilon (angle, -30, 0.2);

  /* The outline's centre is the view's centre. */
  {
    double cx, cy, ox, oy;

    cs_viewport_get_center (&viewport, &cx, &cy);
    cs_overview_to_image (overview, (outline[0].x + outline[2].x) / 2,
                          (outline[0].y + outline[2].y) / 2, &ox, &oy);
    g_assert_cmpfloat (fabs (ox - cx) + fabs (oy - cy), <, 1.0);
  }

  /* Hidden and shown again by its property. */
  cs_slide_viewer_set_show_overview (fixture->viewer, FALSE);
  g_assert_false (gtk_widget_get_visible (child (fixture, "overview_frame")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "show_overview_button")));
  g_object_set (fixture->viewer, "show-overview", TRUE, NULL);
  g_assert_true (gtk_widget_get_visible (child (fixture, "overview_frame")));
}

/* The length of the scale bar's white bar, in device pixels, from the
 * pixels of its overlay. */
static int
measure_bar (CsScaleBarOverlay *bar)
{
  g_autoptr(cairo_surface_t) surface = cs_test_ui_render_widget (GTK_WIDGET (bar));
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int longest = 0;

  for (int y = 0; y < height; y++)
    {
      int run = 0;

      for (int x = 0; x < width; x++)
        {
          run = cs_test_ui_pixel (surface, x, y) == 0xffffffff ? run + 1 : 0;
          longest = MAX (longest, run);
        }
    }

  return longest;
}

static void
test_viewer_scale_bar (Fixture       *fixture,
                       gconstpointer  data)
{
  CsScaleBarOverlay *bar = child (fixture, "scale_bar");
  static const double angles[] = { 0, 45, 90 };
  double mpp_x, mpp_y;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_assert_true (cs_slide_get_mpp (fixture->slide, &mpp_x, &mpp_y));
  for (guint i = 0; i < G_N_ELEMENTS (angles); i++)
    {
      double um, px, expected_um, expected_px;
      int drawn;

      cs_slide_view_move_to (fixture->view, 1000, 1000, 0.8, angles[i]);
      g_assert_true (cs_scale_bar_choose (mpp_x / 0.8, CS_SCALE_BAR_MIN_PX, CS_SCALE_BAR_MAX_PX,
                                          &expected_um, &expected_px));
      g_assert_true (cs_scale_bar_overlay_get_length (bar, &um, &px));
      g_assert_cmpfloat_with_epsilon (um, expected_um, 1e-9);
      g_assert_cmpfloat_with_epsilon (px, expected_px, 1e-9);

      /* The bar is drawn that long, whatever the rotation. */
      g_assert_true (cs_test_wait_until (cs_test_ui_view_complete, fixture->view,
                                         CS_TEST_UI_TIMEOUT_MS));
      drawn = measure_bar (bar);
      g_test_message ("%g°: %g µm, %.2f px, drawn %d px", angles[i], um, px, drawn);
      g_assert_cmpfloat (fabs (drawn - px), <=, 1.0);
    }

  g_object_set (fixture->viewer, "show-scale-bar", FALSE, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
}

static void
test_viewer_scale_unknown (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autofree char *path = NULL;
  CsTestPyramid spec;
  double um, px;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  /* A libtiff pyramid has neither microns per pixel nor objective. */
  cs_test_pyramid_init_simple (&spec);
  path = cs_test_write_pyramid (dir, "plain.tiff", &spec, &error);
  g_assert_no_error (error);
  slide = cs_test_ui_open (path);
  cs_slide_viewer_set_slide (fixture->viewer, slide);
  cs_test_ui_wait_complete (fixture->view);

  g_assert_false (cs_scale_bar_overlay_get_length (child (fixture, "scale_bar"), &um, &px));
  g_assert_cmpfloat (cs_slide_view_get_magnification_base (fixture->view), ==, 0);
  activate (fixture, "view.zoom-1to1", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.magnification", "d", 20.0);
  g_assert_cmpfloat (viewport_of (fixture).zoom, ==, 1.0);
  g_assert_cmpstr (gtk_label_get_label (child (fixture, "magnification_label")), ==, "100 %");
  activate (fixture, "view.zoom-in", NULL);
  activate (fixture, "view.zoom-in", NULL);
  g_assert_cmpstr (gtk_label_get_label (child (fixture, "magnification_label")), ==,
                   "Digital zoom · 200 %");

  cs_slide_viewer_set_slide (fixture->viewer, NULL);
  cs_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_ui_init (&argc, &argv);

  g_test_add ("/cs/slide-viewer/presets", Fixture, NULL,
              fixture_setup, test_viewer_presets, fixture_teardown);
  g_test_add ("/cs/slide-viewer/fit-and-1to1", Fixture, NULL,
              fixture_setup, test_viewer_fit_and_1to1, fixture_teardown);
  g_test_add ("/cs/slide-viewer/rotate", Fixture, NULL,
              fixture_setup, test_viewer_rotate, fixture_teardown);
  g_test_add ("/cs/slide-viewer/pan", Fixture, NULL,
              fixture_setup, test_viewer_pan, fixture_teardown);
  g_test_add ("/cs/slide-viewer/overview", Fixture, NULL,
              fixture_setup, test_viewer_overview, fixture_teardown);
  g_test_add ("/cs/slide-viewer/scale-bar", Fixture, NULL,
              fixture_setup, test_viewer_scale_bar, fixture_teardown);
  g_test_add ("/cs/slide-viewer/scale-unknown", Fixture, NULL,
              fixture_setup, test_viewer_scale_unknown, fixture_teardown);

  return g_test_run ();
}
