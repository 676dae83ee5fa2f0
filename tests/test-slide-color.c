/* test-slide-color.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-renderer.h"
#include "cs-slide.h"
#include "cs-snapshot.h"
#include "cs-test-color.h"
#include "cs-test-slide.h"
#include "cs-test-utils.h"

/* A slide's embedded ICC profile: display pixels are lcms2's own
 * transform of the decoded ones, with OpenSlide 3.4.1 (TIFF tag) and 4.0
 * (openslide_read_icc_profile) alike; off, absent or broken, the decoded
 * pixels are shown as they are. The profile is built here with lcms2:
 * gamma 1.0 and wide primaries, far from sRGB. */

#define SIZE CS_TEST_COLOR_SIZE

typedef struct
{
  char *tmpdir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmpdir = cs_test_make_tmpdir ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cs_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

static char *
write_slide (Fixture       *f,
             const char    *name,
             CsTestProfile  kind,
             gboolean       jpeg)
{
  return cs_test_write_color_slide (f->tmpdir, name, kind, jpeg, FALSE);
}

/* The whole level as ARGB32, through the loader's call (tiles) or the
 * snapshots' (one region). */
static guint32 *
read_display (CsSlide  *slide,
              gboolean  by_tiles)
{
  guint32 *pixels = g_new0 (guint32, SIZE * SIZE);
  g_autoptr(GError) error = NULL;

  if (!by_tiles)
    {
      g_assert_true (cs_slide_read_region (slide, pixels, 0, 0, 0, SIZE, SIZE, &error));
      g_assert_no_error (error);
      return pixels;
    }

  for (gint32 row = 0; row < SIZE / 256; row++)
    for (gint32 col = 0; col < SIZE / 256; col++)
      {
        CsTileKey key = { 0, col, row };
        g_autoptr(CsTile) tile = cs_tile_source_read_tile (CS_TILE_SOURCE (slide), &key, &error);
        const guint32 *data;

        g_assert_no_error (error);
        data = g_bytes_get_data (cs_tile_get_pixels (tile), NULL);
        for (int y = 0; y < 256; y++)
          memcpy (pixels + (gsize) (row * 256 + y) * SIZE + col * 256,
                  data + (gsize) y * 256, 256 * 4);
      }

  return pixels;
}

static guint32 *
lcms_expected (const guint32 *raw)
{
  guint32 *expected = g_new (guint32, SIZE * SIZE);

  cs_test_color_to_srgb (raw, expected, SIZE * SIZE);
  return expected;
}

static void
assert_pixels_near (const guint32 *got,
                    const guint32 *expected,
                    int            tolerance)
{
  for (gsize i = 0; i < SIZE * SIZE; i++)
    if (!cs_test_pixel_near (got[i], expected[i], tolerance))
      g_error ("pixel (%d, %d): %08x, expected %08x", (int) (i % SIZE), (int) (i / SIZE),
               got[i], expected[i]);
}

static guint32 *
written_pixels (void)
{
  guint32 *pixels = g_new (guint32, SIZE * SIZE);

  for (int y = 0; y < SIZE; y++)
    for (int x = 0; x < SIZE; x++)
      {
        guint8 rgb[3];

        cs_test_color_raw_pixel (FALSE, x, y, rgb);
        pixels[(gsize) y * SIZE + x] = cs_test_color_pack (rgb);
      }

  return pixels;
}

static CsSlide *
open_slide (const char *path)
{
  g_autoptr(GError) error = NULL;
  CsSlide *slide = cs_slide_new (path, &error);

  g_assert_no_error (error);
  g_assert_true (CS_IS_SLIDE (slide));

  return slide;
}

/* Applied on both read paths; off, the decoded pixels; the description. */
static void
check_profile_applied (Fixture  *f,
                       gboolean  jpeg)
{
  g_autofree char *path = write_slide (f, "wide.tiff", CS_TEST_PROFILE_WIDE, jpeg);
  g_autoptr(CsSlide) slide = open_slide (path);
  g_autofree guint32 *raw = NULL;
  g_autofree guint32 *expected = NULL;
  g_autofree guint32 *written = written_pixels ();
  g_autofree guint32 *tiles = NULL;
  g_autofree guint32 *region = NULL;

  g_assert_true (cs_slide_has_color_profile (slide));
  g_assert_cmpstr (cs_slide_get_color_profile_description (slide), ==,
                   CS_TEST_PROFILE_DESCRIPTION);
  g_assert_null (cs_slide_get_color_profile_warning (slide));
  g_assert_true (cs_slide_get_apply_color_profile (slide));

  tiles = read_display (slide, TRUE);
  region = read_display (slide, FALSE);

  cs_slide_set_apply_color_profile (slide, FALSE);
  raw = read_display (slide, TRUE);
  if (!jpeg)
    assert_pixels_near (raw, written, 0);
  expected = lcms_expected (raw);
  assert_pixels_near (tiles, expected, 1);
  if (!jpeg)
    assert_pixels_near (region, expected, 1);

  /* Gamma 1.0 and wide primaries: far from the raw values. */
  g_assert_false (cs_test_pixel_near (tiles[100 * SIZE + 100], raw[100 * SIZE + 100], 10));
}

static void
test_applied (Fixture       *f,
              gconstpointer  data)
{
  check_profile_applied (f, FALSE);
}

static void
test_applied_jpeg (Fixture       *f,
                   gconstpointer  data)
{
  check_profile_applied (f, TRUE);
}

static void
test_no_profile (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = write_slide (f, "plain.tiff", CS_TEST_PROFILE_NONE, FALSE);
  g_autoptr(CsSlide) slide = open_slide (path);
  g_autofree guint32 *written = written_pixels ();
  g_autofree guint32 *tiles = read_display (slide, TRUE);

  g_assert_false (cs_slide_has_color_profile (slide));
  g_assert_null (cs_slide_get_color_profile_description (slide));
  g_assert_null (cs_slide_get_color_profile_warning (slide));
  assert_pixels_near (tiles, written, 0);
}

/* Broken or unusable profiles: a warning naming the cause, raw pixels. */
static void
check_unusable (Fixture       *f,
                CsTestProfile  kind,
                const char    *cause)
{
  g_autofree char *path = write_slide (f, "broken.tiff", kind, FALSE);
  g_autoptr(CsSlide) slide = open_slide (path);
  g_autofree guint32 *written = written_pixels ();
  g_autofree guint32 *tiles = read_display (slide, TRUE);
  const char *warning = cs_slide_get_color_profile_warning (slide);

  g_assert_false (cs_slide_has_color_profile (slide));
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, cause));
  assert_pixels_near (tiles, written, 0);
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  check_unusable (f, CS_TEST_PROFILE_DAMAGED, "damaged");
}

static void
test_not_rgb (Fixture       *f,
              gconstpointer  data)
{
  check_unusable (f, CS_TEST_PROFILE_GRAY, "not an RGB profile");
}

/* The overview is read at open with the profile applied: switched off,
 * the slide offers none, so that no view starts with the wrong colours. */
static void
test_overview_follows_setting (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *path = write_slide (f, "wide.tiff", CS_TEST_PROFILE_WIDE, FALSE);
  g_autoptr(CsSlide) slide = open_slide (path);
  guint n = cs_slide_get_overview (slide)->len;

  g_assert_cmpuint (n, >, 0);
  cs_slide_set_apply_color_profile (slide, FALSE);
  g_assert_cmpuint (cs_slide_get_overview (slide)->len, ==, 0);
  cs_slide_set_apply_color_profile (slide, TRUE);
  g_assert_cmpuint (cs_slide_get_overview (slide)->len, ==, n);
}

static guint32
centre_of (cairo_surface_t *surface)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int x = cairo_image_surface_get_width (surface) / 2;
  int y = cairo_image_surface_get_height (surface) / 2;

  cairo_surface_flush (surface);
  return *(const guint32 *) (data + (gsize) y * cairo_image_surface_get_stride (surface) +
                             (gsize) x * 4);
}

/* The render-plan executor behind views, snapshots and report figures
 * draws the display colours, and the raw ones with the setting off. */
static void
test_render_and_snapshot (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = cs_test_write_color_slide (f->tmpdir, "flat.tiff",
                                                     CS_TEST_PROFILE_WIDE, FALSE, TRUE);
  g_autoptr(CsSlide) slide = open_slide (path);
  guint32 raw, srgb;
  guint8 rgb[3];

  cs_test_color_raw_pixel (TRUE, 0, 0, rgb);
  raw = cs_test_color_pack (rgb);
  cs_test_color_to_srgb (&raw, &srgb, 1);

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(GError) error = NULL;
      cairo_surface_t *plain = NULL;
      cairo_surface_t *shot;
      guint32 expected = pass == 0 ? srgb : raw;
      CsViewport vp;

      cs_slide_set_apply_color_profile (slide, pass == 0);
      cs_viewport_init (&vp, 256, 256, 0.75, 300, 200);
      g_assert_true (cs_render_viewport (CS_TILE_SOURCE (slide), &vp, &plain, NULL, &error));
      g_assert_no_error (error);
      shot = cs_snapshot_render (CS_TILE_SOURCE (slide), &vp, 0.5, 1, FALSE, NULL, &error);
      g_assert_no_error (error);

      g_assert_true (cs_test_pixel_near (centre_of (plain), expected, 1));
      g_assert_true (cs_test_pixel_near (centre_of (shot), expected, 1));
      cairo_surface_destroy (plain);
      cairo_surface_destroy (shot);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cs/slide-color/applied", Fixture, NULL,
              fixture_set_up, test_applied, fixture_tear_down);
  g_test_add ("/cs/slide-color/applied-jpeg", Fixture, NULL,
              fixture_set_up, test_applied_jpeg, fixture_tear_down);
  g_test_add ("/cs/slide-color/no-profile", Fixture, NULL,
              fixture_set_up, test_no_profile, fixture_tear_down);
  g_test_add ("/cs/slide-color/damaged", Fixture, NULL,
              fixture_set_up, test_damaged, fixture_tear_down);
  g_test_add ("/cs/slide-color/not-rgb", Fixture, NULL,
              fixture_set_up, test_not_rgb, fixture_tear_down);
  g_test_add ("/cs/slide-color/overview-follows-setting", Fixture, NULL,
              fixture_set_up, test_overview_follows_setting, fixture_tear_down);

  g_test_add ("/cs/slide-color/render-and-snapshot", Fixture, NULL,
              fixture_set_up, test_render_and_snapshot, fixture_tear_down);

  return g_test_run ();
}
