/* test-slide-dicom.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-slide.h"
#include "cs-test-color.h"
#include "cs-test-slide.h"
#include "cs-test-utils.h"

/* A DICOM whole-slide image, written here: with OpenSlide 4 it opens as
 * a slide with its size, mpp and the colour profile of its optical path
 * applied; with OpenSlide 3.4.1 the error names the file and the
 * OpenSlide version needed. */

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

#if HAVE_OPENSLIDE_ICC
static void
assert_opens (const char *path,
              guint32     expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = cs_slide_new (path, &error);
  g_autofree guint32 *pixels = g_new (guint32, 64 * 64);
  gint64 width, height;
  double mpp_x, mpp_y;

  g_assert_no_error (error);
  g_assert_cmpstr (cs_slide_get_vendor (slide), ==, "dicom");
  cs_slide_get_level_size (slide, 0, &width, &height);
  g_assert_cmpint (width, ==, CS_TEST_COLOR_SIZE);
  g_assert_cmpint (height, ==, CS_TEST_COLOR_SIZE);
  g_assert_true (cs_slide_get_mpp (slide, &mpp_x, &mpp_y));
  g_assert_cmpfloat_with_epsilon (mpp_x, 0.5, 1e-6);

  /* Across the four frames' corner. */
  g_assert_true (cs_slide_read_region (slide, pixels, 224, 224, 0, 64, 64, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 64 * 64; i++)
    g_assert_true (cs_test_pixel_near (pixels[i], expected, 1));
}
#endif

static void
test_dicom (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = cs_test_write_dicom_slide (f->tmpdir, "slide.dcm",
                                                     CS_TEST_PROFILE_WIDE);
  guint32 raw, srgb;
  guint8 rgb[3];

  cs_test_color_raw_pixel (TRUE, 0, 0, rgb);
  raw = cs_test_color_pack (rgb);
  cs_test_color_to_srgb (&raw, &srgb, 1);

#if HAVE_OPENSLIDE_ICC
  assert_opens (path, srgb);
  {
    g_autofree char *plain = cs_test_write_dicom_slide (f->tmpdir, "plain.dcm",
                                                        CS_TEST_PROFILE_NONE);

    assert_opens (plain, raw);
  }
#else
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CsSlide) slide = cs_slide_new (path, &error);

    g_assert_null (slide);
    g_assert_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_UNSUPPORTED);
    g_assert_nonnull (strstr (error->message, path));
    g_assert_nonnull (strstr (error->message, "OpenSlide 4.0"));
  }
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cs/slide-dicom/open", Fixture, NULL,
              fixture_set_up, test_dicom, fixture_tear_down);

  return g_test_run ();
}
