/* test-view-sync.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cs-view-sync.h"

static void
assert_same_view (const CsViewport *a,
                  const CsViewport *b)
{
  double ax, ay, bx, by;

  cs_viewport_get_center (a, &ax, &ay);
  cs_viewport_get_center (b, &bx, &by);
  g_assert_cmpfloat_with_epsilon (ax, bx, 1e-6);
  g_assert_cmpfloat_with_epsilon (ay, by, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->zoom, b->zoom, 1e-12);
  g_assert_cmpfloat_with_epsilon (a->rotation, b->rotation, 1e-9);
}

static void
test_view_sync_identity (void)
{
  CsSyncTransform t;
  CsViewport a, b;

  cs_sync_transform_init_identity (&t, 1);
  cs_viewport_init (&a, 100, 200, 0.5, 800, 600);
  cs_viewport_set_rotation (&a, 30);
  cs_viewport_init (&b, 0, 0, 1, 400, 600);
  cs_sync_transform_apply (&t, &a, &b);

  g_assert_cmpint (b.width, ==, 400);
  {
    CsViewport expected = b;

    expected.zoom = 0.5;
    expected.rotation = 30;
    cs_viewport_set_center (&expected, 900, 800);
    assert_same_view (&b, &expected);
  }
}

/* Slide B scanned at twice the resolution, turned 90° and shifted: the
 * same tissue stays in the middle of both views. */
static void
test_view_sync_follows_tissue (void)
{
  CsSyncTransform t = { 2.0, 90, 5000, -300 };
  CsViewport a, b;
  double acx, acy, bcx, bcy, mx, my, sx, sy, tx, ty;

  cs_viewport_init (&a, 1000, 1000, 0.25, 600, 400);
  cs_viewport_init (&b, 0, 0, 1, 600, 400);
  cs_sync_transform_apply (&t, &a, &b);

  cs_viewport_get_center (&a, &acx, &acy);
  cs_viewport_get_center (&b, &bcx, &bcy);
  cs_sync_transform_map_point (&t, acx, acy, &mx, &my);
  g_assert_cmpfloat_with_epsilon (bcx, mx, 1e-6);
  g_assert_cmpfloat_with_epsilon (bcy, my, 1e-6);
  /* The same physical scale: B's pixels are half as large. */
  g_assert_cmpfloat_with_epsilon (b.zoom, a.zoom / 2, 1e-12);
  g_assert_cmpfloat (b.rotation, ==, 270);

  /* A tissue point off centre lands on the same screen spot in both. */
  cs_viewport_to_screen (&a, acx + 150, acy - 70, &sx, &sy);
  cs_sync_transform_map_point (&t, acx + 150, acy - 70, &mx, &my);
  cs_viewport_to_screen (&b, mx, my, &tx, &ty);
  g_assert_cmpfloat_with_epsilon (sx, tx, 1);
  g_assert_cmpfloat_with_epsilon (sy, ty, 1);
}

static void
test_view_sync_from_views (void)
{
  CsSyncTransform t = { 1.5, 20, 100, 200 }, u;
  CsViewport a, b, b2;

  cs_viewport_init (&a, 3000, 1000, 0.8, 500, 500);
  cs_viewport_set_rotation (&a, 45);
  cs_viewport_init (&b, 0, 0, 1, 500, 500);
  cs_sync_transform_apply (&t, &a, &b);

  /* The user drags B alone by 40 px, then A moves again. */
  cs_viewport_pan (&b, 40, 0);
  cs_sync_transform_from_views (&u, &a, &b);
  g_assert_cmpfloat_with_epsilon (u.scale, 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (u.rotation, 20, 1e-9);

  b2 = b;
  cs_sync_transform_apply (&u, &a, &b2);
  assert_same_view (&b2, &b);

  cs_viewport_pan (&a, -100, 55);
  cs_sync_transform_apply (&u, &a, &b2);
  cs_sync_transform_apply (&t, &a, &b);
  /* Shifted by the user's 40 px, in B's screen terms. */
  {
    double x1, y1, x2, y2;

    cs_viewport_to_screen (&b, 0, 0, &x1, &y1);
    cs_viewport_to_screen (&b2, 0, 0, &x2, &y2);
    g_assert_cmpfloat_with_epsilon (x2 - x1, 40, 1e-6);
    g_assert_cmpfloat_with_epsilon (y2 - y1, 0, 1e-6);
  }
}

static void
test_view_sync_persists (void)
{
  const char *ida = "aaaa0000000000000000000000000000000000000000000000000000000000aa";
  const char *idb = "bbbb0000000000000000000000000000000000000000000000000000000000bb";
  CsSyncTransform t = { 0.5, 30, 123.5, -77.25 }, loaded, back;
  g_autoptr(GError) error = NULL;
  double ax = 321, ay = 654, bx, by, rx, ry;

  g_assert_false (cs_sync_transform_load (&loaded, ida, idb));
  g_assert_true (cs_sync_transform_save (&t, ida, idb, &error));
  g_assert_no_error (error);

  g_assert_true (cs_sync_transform_load (&loaded, ida, idb));
  g_assert_cmpfloat (loaded.scale, ==, t.scale);
  g_assert_cmpfloat (loaded.rotation, ==, t.rotation);
  g_assert_cmpfloat (loaded.dx, ==, t.dx);
  g_assert_cmpfloat (loaded.dy, ==, t.dy);

  /* Asked the other way round, the inverse comes back. */
  g_assert_true (cs_sync_transform_load (&back, idb, ida));
  cs_sync_transform_map_point (&t, ax, ay, &bx, &by);
  cs_sync_transform_map_point (&back, bx, by, &rx, &ry);
  g_assert_cmpfloat_with_epsilon (rx, ax, 1e-6);
  g_assert_cmpfloat_with_epsilon (ry, ay, 1e-6);
}

static void
test_view_sync_damaged_file (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "consilium", NULL);
  g_autofree char *path = g_build_filename (dir, "slide-pairs.ini", NULL);
  static const char damaged[] = "[a b]\nscale=-3\nrotation=x\n\0garbage";
  CsSyncTransform t = { 7, 7, 7, 7 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, damaged, sizeof damaged - 1, NULL));
  g_assert_false (cs_sync_transform_load (&t, "a", "b"));
  g_assert_cmpfloat (t.scale, ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cs/view-sync/identity", test_view_sync_identity);
  g_test_add_func ("/cs/view-sync/follows-tissue", test_view_sync_follows_tissue);
  g_test_add_func ("/cs/view-sync/from-views", test_view_sync_from_views);
  g_test_add_func ("/cs/view-sync/persists", test_view_sync_persists);
  g_test_add_func ("/cs/view-sync/damaged-file", test_view_sync_damaged_file);

  return g_test_run ();
}
