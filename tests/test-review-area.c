/* test-review-area.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-review-area"

#include "config.h"

#include "cs-review-area.h"
#include "cs-slide-view-private.h"
#include "cs-test-slide.h"
#include "cs-test-ui.h"

#include <math.h>

/* The split view: the shipped sample beside a synthetic pyramid, with
 * synchronized navigation through the pair's CsSyncTransform, an
 * alignment made by moving one view alone (as a Ctrl+drag does), and that
 * alignment remembered for the pair. Needs a display (Xvfb in CI). */

typedef struct
{
  GtkWindow    *window;
  CsReviewArea *area;
  CsSlide      *a;
  CsSlide      *b;
  char         *tmpdir;
  guint         n_primary_changes;
} Fixture;

static CsSlideView *
primary (Fixture *fixture)
{
  return cs_slide_viewer_get_view (cs_review_area_get_primary (fixture->area));
}

static CsSlideView *
secondary (Fixture *fixture)
{
  return cs_slide_viewer_get_view (cs_review_area_get_secondary (fixture->area));
}

static void
on_primary_changed_cb (CsSlideView *view,
                       Fixture     *fixture)
{
  fixture->n_primary_changes++;
}

static gboolean
pair_ready (gpointer data)
{
  CsSyncTransform transform;

  return cs_review_area_get_transform (data, &transform);
}

/* A review area showing the pair, in a new window. */
static void
show_pair (Fixture *fixture)
{
  fixture->area = CS_REVIEW_AREA (cs_review_area_new ());
  fixture->window = cs_test_ui_window_new (GTK_WIDGET (fixture->area), 1000, 600);
  cs_slide_viewer_set_slide (cs_review_area_get_primary (fixture->area), fixture->a);
  cs_review_area_set_secondary_slide (fixture->area, fixture->b);
  g_signal_connect (primary (fixture), "viewport-changed",
                    G_CALLBACK (on_primary_changed_cb), fixture);
  cs_test_ui_wait_complete (primary (fixture));
  cs_test_ui_wait_complete (secondary (fixture));
  g_assert_true (cs_test_wait_until (pair_ready, fixture->area, CS_TEST_UI_TIMEOUT_MS));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *sample = cs_test_sample_slide ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CsTestPyramid spec;

  if (!cs_test_ui_have_display)
    return;

  fixture->tmpdir = cs_test_make_tmpdir ();
  cs_test_pyramid_init_simple (&spec);
  path = cs_test_write_pyramid (fixture->tmpdir, "ihc.tiff", &spec, &error);
  g_assert_no_error (error);
  fixture->a = cs_test_ui_open (sample);
  fixture->b = cs_test_ui_open (path);
  show_pair (fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (!cs_test_ui_have_display)
    return;

  cs_test_ui_window_destroy (fixture->window);
  g_clear_object (&fixture->a);
  g_clear_object (&fixture->b);
  cs_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
}

static void
center_of (CsSlideView *view,
           double      *x,
           double      *y)
{
  CsViewport viewport;

  cs_slide_view_get_viewport (view, &viewport);
  cs_viewport_get_center (&viewport, x, y);
}

/* B shows, at its centre, what the transform maps A's centre to, at the
 * same physical scale, turned alike. */
static void
assert_in_sync (Fixture *fixture)
{
  CsSyncTransform t;
  CsViewport a, b;
  double ax, ay, bx, by, ex, ey;

  g_assert_true (cs_review_area_get_transform (fixture->area, &t));
  cs_slide_view_get_viewport (primary (fixture), &a);
  cs_slide_view_get_viewport (secondary (fixture), &b);
  center_of (primary (fixture), &ax, &ay);
  center_of (secondary (fixture), &bx, &by);
  cs_sync_transform_map_point (&t, ax, ay, &ex, &ey);

  g_assert_cmpfloat_with_epsilon (bx, ex, 1e-6);
  g_assert_cmpfloat_with_epsilon (by, ey, 1e-6);
  g_assert_cmpfloat_with_epsilon (b.zoom, a.zoom / t.scale, 1e-12);
  g_assert_cmpfloat_with_epsilon (fmod (b.rotation + t.rotation, 360), a.rotation, 1e-9);
}

/* The user navigates the view they focused (or touched): it leads. */
static void
focus (CsSlideView *view)
{
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
}

static void
pan (CsSlideView *view,
     double       dx,
     double       dy)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.pan", "(dd)", dx, dy));
}

static void
test_review_split (Fixture       *fixture,
                   gconstpointer  data)
{
  CsSyncTransform t;
  gint64 wa, ha, wb, hb;
  double ex, ey;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_assert_true (cs_review_area_get_split (fixture->area));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (cs_review_area_get_secondary (fixture->area))));
  g_assert_true (cs_review_area_get_active_viewer (fixture->area) ==
                 cs_review_area_get_secondary (fixture->area));

  /* No microns per pixel in the pyramid: scale 1, centre on centre. */
  g_assert_true (cs_review_area_get_transform (fixture->area, &t));
  g_assert_cmpfloat (t.scale, ==, 1);
  g_assert_cmpfloat (t.rotation, ==, 0);
  cs_slide_get_level_size (fixture->a, 0, &wa, &ha);
  cs_slide_get_level_size (fixture->b, 0, &wb, &hb);
  cs_sync_transform_map_point (&t, wa / 2.0, ha / 2.0, &ex, &ey);
  g_assert_cmpfloat_with_epsilon (ex, wb / 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (ey, hb / 2.0, 1e-9);

  /* Focus makes a viewer the active one. */
  focus (primary (fixture));
  g_assert_true (cs_review_area_get_active_viewer (fixture->area) ==
                 cs_review_area_get_primary (fixture->area));

  cs_review_area_set_secondary_slide (fixture->area, NULL);
  g_assert_false (cs_review_area_get_split (fixture->area));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (cs_review_area_get_secondary (fixture->area))));
}

static void
test_review_sync (Fixture       *fixture,
                  gconstpointer  data)
{
  double bx, by, x, y;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  /* Pan, zoom and turn A: B follows, and A is not moved back. */
  focus (primary (fixture));
  gtk_widget_activate_action (GTK_WIDGET (primary (fixture)), "view.zoom-1to1", NULL);
  assert_in_sync (fixture);
  fixture->n_primary_changes = 0;
  pan (primary (fixture), 40, -25);
  g_assert_cmpuint (fixture->n_primary_changes, ==, 1);
  assert_in_sync (fixture);
  gtk_widget_activate_action (GTK_WIDGET (primary (fixture)), "view.zoom-in", NULL);
  assert_in_sync (fixture);
  gtk_widget_activate_action (GTK_WIDGET (primary (fixture)), "view.rotate", "d", 15.0);
  assert_in_sync (fixture);

  /* Navigate B: A follows. */
  focus (secondary (fixture));
  pan (secondary (fixture), -30, 10);
  gtk_widget_activate_action (GTK_WIDGET (secondary (fixture)), "view.rotate", "d", 90.0);
  gtk_widget_activate_action (GTK_WIDGET (secondary (fixture)), "view.zoom-out", NULL);
  assert_in_sync (fixture);
  g_assert_cmpfloat (cs_slide_view_get_rotation (primary (fixture)), ==, 105);

  /* Without sync, each view moves alone. */
  cs_review_area_set_sync (fixture->area, FALSE);
  center_of (secondary (fixture), &bx, &by);
  pan (primary (fixture), 100, 0);
  center_of (secondary (fixture), &x, &y);
  g_assert_true (x == bx && y == by);

  /* Turned back on, the other view joins the active one. */
  focus (primary (fixture));
  cs_review_area_set_sync (fixture->area, TRUE);
  assert_in_sync (fixture);
}

static void
test_review_align (Fixture       *fixture,
                   gconstpointer  data)
{
  CsSyncTransform before, after, loaded;
  double ax, ay, x, y;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_assert_true (cs_review_area_get_transform (fixture->area, &before));
  focus (primary (fixture));
  gtk_widget_activate_action (GTK_WIDGET (primary (fixture)), "view.zoom-1to1", NULL);
  center_of (primary (fixture), &ax, &ay);

  /* What a Ctrl+drag of B does: it moves alone, and on release the pair's
   * transform is taken from the two views. */
  focus (secondary (fixture));
  _cs_slide_view_set_aligning (secondary (fixture), TRUE);
  pan (secondary (fixture), 60, 35);
  gtk_widget_activate_action (GTK_WIDGET (secondary (fixture)), "view.rotate", "d", 15.0);
  center_of (primary (fixture), &x, &y);
  g_assert_true (x == ax && y == ay);
  _cs_slide_view_set_aligning (secondary (fixture), FALSE);

  g_assert_true (cs_review_area_get_transform (fixture->area, &after));
  g_test_message ("transform: (%g, %g°, %g, %g) -> (%g, %g°, %g, %g)",
                  before.scale, before.rotation, before.dx, before.dy,
                  after.scale, after.rotation, after.dx, after.dy);
  g_assert_cmpfloat_with_epsilon (after.rotation, 345, 1e-9);
  g_assert_cmpfloat (fabs (after.dx - before.dx) + fabs (after.dy - before.dy), >, 10);
  assert_in_sync (fixture);

  /* The new alignment holds while navigating. */
  focus (primary (fixture));
  pan (primary (fixture), -70, 20);
  assert_in_sync (fixture);

  /* It is remembered for the pair: a new split view of it loads it. */
  cs_test_ui_window_destroy (fixture->window);
  show_pair (fixture);
  g_assert_true (cs_review_area_get_transform (fixture->area, &loaded));
  g_assert_cmpfloat_with_epsilon (loaded.scale, after.scale, 1e-9);
  g_assert_cmpfloat_with_epsilon (loaded.rotation, after.rotation, 1e-9);
  g_assert_cmpfloat_with_epsilon (loaded.dx, after.dx, 1e-6);
  g_assert_cmpfloat_with_epsilon (loaded.dy, after.dy, 1e-6);
  assert_in_sync (fixture);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_ui_init (&argc, &argv);

  g_test_add ("/cs/review-area/split", Fixture, NULL,
              fixture_setup, test_review_split, fixture_teardown);
  g_test_add ("/cs/review-area/sync", Fixture, NULL,
              fixture_setup, test_review_sync, fixture_teardown);
  g_test_add ("/cs/review-area/align", Fixture, NULL,
              fixture_setup, test_review_align, fixture_teardown);

  return g_test_run ();
}
