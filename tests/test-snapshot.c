/* test-snapshot.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cs-renderer.h"
#include "cs-scale-bar.h"
#include "cs-slide.h"
#include "cs-snapshot.h"
#include "cs-test-utils.h"

typedef struct
{
  char    *dir;
  CsSlide *slide;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = cs_test_sample_slide ();
  g_autoptr(GError) error = NULL;

  f->dir = cs_test_make_tmpdir ();
  f->slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->slide);
  cs_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  return *(const guint32 *) (cairo_image_surface_get_data (surface) +
                             y * cairo_image_surface_get_stride (surface) + x * 4);
}

/* The picture is the view's render, with the scale bar burned in at the
 * bottom left and nothing else changed. */
static void
test_snapshot_burns_in_scale_bar (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *plain = NULL, *shot;
  double bar_w, bar_h;
  guint differ_in = 0, differ_out = 0;
  CsViewport vp;

  cs_viewport_init (&vp, 300, 400, 0.5, 500, 400);
  g_assert_true (cs_render_viewport (CS_TILE_SOURCE (f->slide), &vp, &plain, NULL, &error));
  shot = cs_snapshot_render (CS_TILE_SOURCE (f->slide), &vp, 0.499, 1, TRUE, NULL, &error);
  g_assert_no_error (error);
  cs_scale_bar_measure (0.499 / 0.5, 1, &bar_w, &bar_h);

  for (int y = 0; y < 400; y++)
    for (int x = 0; x < 500; x++)
      {
        gboolean in_bar = x >= 12 && x < 12 + bar_w + 1 && y >= 400 - 12 - bar_h - 1 && y < 388;

        if (pixel_at (plain, x, y) != pixel_at (shot, x, y))
          {
            if (in_bar)
              differ_in++;
            else
              differ_out++;
          }
      }
  g_assert_cmpuint (differ_out, ==, 0);
  g_assert_cmpuint (differ_in, >, (guint) (bar_w * bar_h / 2));

  cairo_surface_destroy (plain);
  cairo_surface_destroy (shot);
}

static void
test_snapshot_png_round_trip (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "view.png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *shot, *loaded;
  CsViewport vp;

  cs_viewport_init (&vp, 0, 0, 0.25, 555, 742);
  cs_viewport_set_rotation (&vp, 90);
  shot = cs_snapshot_render (CS_TILE_SOURCE (f->slide), &vp, 0.499, 2, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cs_snapshot_save_png (shot, path, NULL, &error));
  g_assert_no_error (error);

  loaded = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (loaded), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (loaded), ==, 555);
  g_assert_cmpint (cairo_image_surface_get_height (loaded), ==, 742);
  /* Opaque tissue survives the PNG round trip exactly. */
  g_assert_cmphex (pixel_at (loaded, 277, 300), ==, pixel_at (shot, 277, 300));
  g_assert_cmphex (pixel_at (loaded, 100, 100), ==, pixel_at (shot, 100, 100));

  cairo_surface_destroy (loaded);
  cairo_surface_destroy (shot);
}

/* A failed write names the file and leaves what was there. */
static void
test_snapshot_save_errors (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "no", "such", "dir", "x.png", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.png", NULL);
  g_autofree char *existing = g_build_filename (f->dir, "keep.png", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 4, 4);
  cairo_surface_t *broken = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, -1, -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_false (cs_snapshot_save_png (surface, missing, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "x.png"));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (cs_snapshot_save_png (surface, folder, NULL, &error));
  g_assert_nonnull (strstr (error->message, "folder.png"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (existing, "old picture", -1, NULL));
  g_assert_false (cs_snapshot_save_png (broken, existing, NULL, &error));
  g_assert_nonnull (strstr (error->message, "keep.png"));
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old picture");
  g_clear_error (&error);

  /* A new file that could not be finished is not left half-written. */
  {
    g_autofree char *fresh = g_build_filename (f->dir, "fresh.png", NULL);

    g_assert_false (cs_snapshot_save_png (broken, fresh, NULL, &error));
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  }

  cairo_surface_destroy (surface);
  cairo_surface_destroy (broken);
}

static void
test_snapshot_cancelled (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CsViewport vp;

  cs_viewport_init (&vp, 0, 0, 1, 300, 300);
  g_cancellable_cancel (cancellable);
  g_assert_null (cs_snapshot_render (CS_TILE_SOURCE (f->slide), &vp, 0.499, 1, TRUE,
                                     cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cs/snapshot/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("burns-in-scale-bar", test_snapshot_burns_in_scale_bar);
  ADD ("png-round-trip", test_snapshot_png_round_trip);
  ADD ("save-errors", test_snapshot_save_errors);
  ADD ("cancelled", test_snapshot_cancelled);

  return g_test_run ();
}
