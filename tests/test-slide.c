/* test-slide.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <openslide.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>

#include "cs-slide.h"
#include "cs-slide-identity.h"
#include "cs-test-slide.h"
#include "cs-test-utils.h"

/* CsSlide against OpenSlide 3.4.1: synthetic pyramids and images written
 * per test (cs-test-slide.c), the shared public slides when present, the
 * shipped sample, errors and the identity cache. OpenSlide itself is the
 * oracle for geometry: the tests compare with its API directly. */

#define SAMPLE_SHA256 "ed92d5a9f2e86df67640d6f92ce3e231419ce127131697fbbce42ad5e002c8a7"
#define CMU_QUICKHASH "6335ea0e6cc54c2cba64bb265d3c713a50cd84484924e3a9c109558c13521d5c"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = cs_test_make_tmpdir ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cs_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

#define assert_slide_error(error, code, path)                               \
  G_STMT_START {                                                            \
    g_autofree char *base_ = g_path_get_basename (path);                    \
    g_assert_error ((error), CS_SLIDE_ERROR, (code));                       \
    g_assert_nonnull (strstr ((error)->message, base_));                    \
  } G_STMT_END

static openslide_t *
open_openslide (const char *path)
{
  openslide_t *osr = openslide_open (path);

  g_assert_nonnull (osr);
  g_assert_null (openslide_get_error (osr));

  return osr;
}

static CsSlide *
open_pyramid (Fixture             *f,
              const CsTestPyramid *spec,
              char               **path_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cs_test_write_pyramid (f->dir, "pyramid.tiff", spec, &error);
  CsSlide *slide;

  g_assert_no_error (error);
  g_assert_nonnull (path);
  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (slide);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);

  return slide;
}

/* What a read of (x, y) at @level should return: the fixture's formula at
 * floor (x / downsample) + i (as OpenSlide 3.4.1 places regions), 0 outside
 * the level. JPEG images compare within a tolerance. */
typedef struct
{
  int jpeg_width;     /* > 0: JPEG ramps of this size */
  int jpeg_height;
} Expect;

static guint32
expected_pixel (const Expect *expect,
                guint         level,
                gint64        lx,
                gint64        ly,
                gint64        lw,
                gint64        lh)
{
  if (lx < 0 || ly < 0 || lx >= lw || ly >= lh)
    return 0;
  if (expect != NULL && expect->jpeg_width > 0)
    return cs_test_jpeg_pixel (expect->jpeg_width, expect->jpeg_height, lx, ly);

  return cs_test_pyramid_pixel (level, lx, ly);
}

/* Counts wrong pixels; thread-safe (no assertions). */
static guint
count_wrong_pixels (CsSlide      *slide,
                    const Expect *expect,
                    guint         level,
                    gint64        x,
                    gint64        y,
                    int           width,
                    int           height,
                    gboolean      verbose)
{
  g_autofree guint32 *buf = g_new (guint32, (gsize) width * height);
  g_autoptr(GError) error = NULL;
  double ds = cs_slide_get_level_downsample (slide, level);
  gint64 lx0 = (gint64) floor (x / ds);
  gint64 ly0 = (gint64) floor (y / ds);
  gint64 lw, lh;
  guint wrong = 0;

  memset (buf, 0xab, (gsize) width * height * 4);
  cs_slide_get_level_size (slide, level, &lw, &lh);
  if (!cs_slide_read_region (slide, buf, x, y, level, width, height, &error))
    return (guint) width * height;

  for (int j = 0; j < height; j++)
    for (int i = 0; i < width; i++)
      {
        guint32 want = expected_pixel (expect, level, lx0 + i, ly0 + j, lw, lh);
        guint32 got = buf[(gsize) j * width + i];
        gboolean ok = expect != NULL && expect->jpeg_width > 0 && want != 0 ?
          cs_test_pixel_near (got, want, CS_TEST_JPEG_TOLERANCE) : got == want;

        if (!ok && wrong++ == 0 && verbose)
          g_test_message ("level %u, read at (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                          "): pixel (%d, %d) is %08x, expected %08x",
                          level, x, y, i, j, got, want);
      }

  return wrong;
}

static void
assert_region (CsSlide      *slide,
               const Expect *expect,
               guint         level,
               gint64        x,
               gint64        y,
               int           width,
               int           height)
{
  g_autofree guint32 *buf = g_new (guint32, 1);
  g_autoptr(GError) error = NULL;

  /* Check the read succeeds first, for a precise failure message. */
  g_assert_true (cs_slide_read_region (slide, buf, x, y, level, 1, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_wrong_pixels (slide, expect, level, x, y, width, height, TRUE),
                    ==, 0);
}

/* Both readers fill the same buffer for the same region. */
static void
assert_same_as_openslide (CsSlide     *slide,
                          openslide_t *osr,
                          guint        level,
                          gint64       x,
                          gint64       y,
                          int          width,
                          int          height)
{
  gsize n = (gsize) width * height;
  g_autofree guint32 *ours = g_new0 (guint32, n);
  g_autofree guint32 *theirs = g_new0 (guint32, n);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_slide_read_region (slide, ours, x, y, level, width, height, &error));
  g_assert_no_error (error);
  openslide_read_region (osr, theirs, x, y, level, width, height);
  g_assert_null (openslide_get_error (osr));
  g_assert_cmpmem (ours, n * 4, theirs, n * 4);
}

static void
assert_geometry_as_openslide (CsSlide    *slide,
                              const char *path)
{
  openslide_t *osr = open_openslide (path);

  g_assert_cmpuint (cs_slide_get_n_levels (slide), ==, openslide_get_level_count (osr));
  for (guint level = 0; level < cs_slide_get_n_levels (slide); level++)
    {
      gint64 w = -1, h = -1;
      int64_t ow = -2, oh = -2;

      cs_slide_get_level_size (slide, level, &w, &h);
      openslide_get_level_dimensions (osr, level, &ow, &oh);
      g_assert_cmpint (w, ==, ow);
      g_assert_cmpint (h, ==, oh);
      g_assert_cmpfloat (cs_slide_get_level_downsample (slide, level), ==,
                         openslide_get_level_downsample (osr, level));
    }

  openslide_close (osr);
}

static gboolean
strv_is_sorted (const char * const *names)
{
  for (guint i = 0; names[i] != NULL && names[i + 1] != NULL; i++)
    if (strcmp (names[i], names[i + 1]) >= 0)
      return FALSE;

  return TRUE;
}

/* Synthetic pyramids */

static void
test_pyramid_open (Fixture       *f,
                   gconstpointer  data)
{
  CsTestPyramid spec;
  g_autoptr(CsSlide) slide = NULL;
  g_autofree char *path = NULL;
  const char * const *names;
  double mpp_x = -1, mpp_y = -1;
  openslide_t *osr;

  cs_test_pyramid_init_simple (&spec);
  slide = open_pyramid (f, &spec, &path);
  osr = open_openslide (path);

  g_assert_cmpstr (cs_slide_get_path (slide), ==, path);
  g_assert_cmpstr (cs_slide_get_display_name (slide), ==, "pyramid.tiff");
  g_assert_cmpstr (cs_slide_get_vendor (slide), ==, "generic-tiff");
  g_assert_false (cs_slide_is_raster (slide));
  g_assert_false (cs_slide_get_failed (slide));
  g_assert_cmpuint (cs_slide_get_n_levels (slide), ==, 3);
  for (guint level = 0; level < 3; level++)
    {
      gint64 w = -1, h = -1;

      cs_slide_get_level_size (slide, level, &w, &h);
      g_assert_cmpint (w, ==, spec.widths[level]);
      g_assert_cmpint (h, ==, spec.heights[level]);
      g_assert_cmpfloat (cs_slide_get_level_downsample (slide, level), ==,
                         openslide_get_level_downsample (osr, level));
      g_assert_cmpfloat (cs_slide_get_level_downsample (slide, level), ==, 1 << level);
    }

  g_assert_false (cs_slide_get_mpp (slide, &mpp_x, &mpp_y));
  g_assert_cmpfloat (cs_slide_get_objective_power (slide), ==, 0);

  names = cs_slide_get_property_names (slide);
  g_assert_nonnull (names);
  g_assert_true (g_strv_contains (names, "openslide.vendor"));
  g_assert_true (g_strv_contains (names, "openslide.level[2].width"));
  g_assert_cmpstr (cs_slide_get_property (slide, "openslide.vendor"), ==, "generic-tiff");
  g_assert_null (cs_slide_get_property (slide, "no.such.property"));
  g_assert_true (strv_is_sorted (names));
  g_assert_cmpstr (cs_slide_get_quickhash (slide), ==,
                   openslide_get_property_value (osr, "openslide.quickhash-1"));
  g_assert_cmpuint (g_strv_length ((char **) cs_slide_get_associated_names (slide)), ==, 0);

  openslide_close (osr);
}

static void
test_pyramid_non_integer (Fixture       *f,
                          gconstpointer  data)
{
  CsTestPyramid spec;
  g_autoptr(CsSlide) slide = NULL;
  g_autofree char *path = NULL;
  openslide_t *osr;

  cs_test_pyramid_init_non_integer (&spec);
  slide = open_pyramid (f, &spec, &path);
  assert_geometry_as_openslide (slide, path);

  /* OpenSlide averages the two axes: (1000/333 + 600/200) / 2. */
  g_assert_cmpfloat (cs_slide_get_level_downsample (slide, 1), !=, 2.0);
  g_assert_cmpfloat (cs_slide_get_level_downsample (slide, 2), !=, 4.0);
  g_assert_cmpfloat_with_epsilon (cs_slide_get_level_downsample (slide, 1),
                                  (1000.0 / 333 + 600.0 / 200) / 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (cs_slide_get_level_downsample (slide, 2),
                                  (1000.0 / 111 + 600.0 / 66) / 2, 1e-12);

  /* Whole levels from the origin hold the formula; past the edge is 0. */
  assert_region (slide, NULL, 1, 0, 0, 340, 210);
  assert_region (slide, NULL, 2, 0, 0, 120, 70);

  osr = open_openslide (path);
  assert_same_as_openslide (slide, osr, 1, 400, 200, 64, 48);
  assert_same_as_openslide (slide, osr, 2, 777, 333, 40, 30);
  openslide_close (osr);
}

static void
test_pyramid_read (Fixture       *f,
                   gconstpointer  data)
{
  CsTestPyramid spec;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GError) error = NULL;
  guint32 pixel = 0;

  cs_test_pyramid_init_simple (&spec);
  slide = open_pyramid (f, &spec, NULL);

  /* docs/STYLE.md §7.3 names this value. */
  g_assert_true (cs_slide_read_region (slide, &pixel, 400, 200, 1, 1, 1, &error));
  g_assert_no_error (error);
  g_assert_cmphex (pixel, ==, 0xffc86428);

  assert_region (slide, NULL, 0, 0, 0, 64, 64);
  assert_region (slide, NULL, 0, 130, 70, 100, 50);     /* across tiles */
  assert_region (slide, NULL, 0, 950, 560, 80, 60);     /* past both edges */
  assert_region (slide, NULL, 0, -10, -6, 30, 20);      /* negative origin */
  assert_region (slide, NULL, 1, 256, 128, 96, 96);
  assert_region (slide, NULL, 1, 0, 0, 510, 310);       /* whole level + edge */
  assert_region (slide, NULL, 2, 0, 0, 260, 160);
  assert_region (slide, NULL, 2, 1200, 800, 8, 8);      /* wholly outside */
  g_assert_false (cs_slide_get_failed (slide));
}

static void
test_pyramid_missing_tile (Fixture       *f,
                           gconstpointer  data)
{
  CsTestPyramid spec;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *buf = g_new (guint32, 16 * 16);

  cs_test_pyramid_init_simple (&spec);
  spec.missing_level = 0;
  spec.missing_col = 2;
  spec.missing_row = 1;
  slide = open_pyramid (f, &spec, NULL);

  /* Regions not touching the missing tile read normally. */
  assert_region (slide, NULL, 0, 0, 0, 128, 64);
  assert_region (slide, NULL, 1, 128, 64, 64, 32);      /* level 1 is whole */
  g_assert_false (cs_slide_get_failed (slide));

  for (guint i = 0; i < 16 * 16; i++)
    buf[i] = 0xdeadbeef;
#if HAVE_OPENSLIDE_ICC
  /* OpenSlide 4 reads a missing tile as transparent, without an error. */
  g_assert_true (cs_slide_read_region (slide, buf, 128 + 10, 64 + 10, 0, 16, 16, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 16 * 16; i++)
    g_assert_cmphex (buf[i], ==, 0);
  g_assert_false (cs_slide_get_failed (slide));
  assert_region (slide, NULL, 0, 400, 300, 100, 100);
  return;
#endif

  /* Touching it fails (cs-test-slide.h): zeros, never garbage. */
  g_assert_false (cs_slide_read_region (slide, buf, 128 + 10, 64 + 10, 0, 16, 16, &error));
  assert_slide_error (error, CS_SLIDE_ERROR_READ, "pyramid.tiff");
  for (guint i = 0; i < 16 * 16; i++)
    g_assert_cmphex (buf[i], ==, 0);

  /* OpenSlide's error is sticky, but CsSlide reopens its handle: the rest
   * of the slide stays readable, and the bad tile keeps failing. */
  g_assert_false (cs_slide_get_failed (slide));
  assert_region (slide, NULL, 0, 0, 0, 128, 64);
  assert_region (slide, NULL, 0, 400, 300, 100, 100);
  g_clear_error (&error);
  g_assert_false (cs_slide_read_region (slide, buf, 128 + 20, 64 + 20, 0, 16, 16, &error));
  assert_slide_error (error, CS_SLIDE_ERROR_READ, "pyramid.tiff");
  g_assert_false (cs_slide_get_failed (slide));
}

/* A slide whose file is cut short while open cannot be reopened: it is
 * then failed for good, and says why. */
static void
test_pyramid_truncated_while_open (Fixture       *f,
                                   gconstpointer  data)
{
  CsTestPyramid spec;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *buf = g_new (guint32, 64 * 64);
  g_autofree char *path = NULL;

  cs_test_pyramid_init_simple (&spec);
  slide = open_pyramid (f, &spec, &path);
  g_assert_cmpint (truncate (path, 300), ==, 0);

  g_assert_false (cs_slide_read_region (slide, buf, 500, 300, 0, 64, 64, &error));
  assert_slide_error (error, CS_SLIDE_ERROR_READ, "pyramid.tiff");

  /* The next read needs a fresh handle, which cannot be opened. */
  g_clear_error (&error);
  g_assert_false (cs_slide_read_region (slide, buf, 0, 0, 1, 16, 16, &error));
  assert_slide_error (error, CS_SLIDE_ERROR_READ, "pyramid.tiff");
  g_assert_true (cs_slide_get_failed (slide));

  g_clear_error (&error);
  g_assert_false (cs_slide_read_region (slide, buf, 0, 0, 0, 16, 16, &error));
  assert_slide_error (error, CS_SLIDE_ERROR_READ, "pyramid.tiff");
}

typedef struct
{
  CsSlide *slide;
  guint    index;
  guint    wrong;
} ThreadJob;

static gpointer
read_thread (gpointer data)
{
  ThreadJob *job = data;

  for (guint n = 0; n < 24; n++)
    {
      guint level = (job->index + n) % 3;
      gint64 x = ((job->index * 211 + n * 97) % 900) & ~(gint64) 3;
      gint64 y = ((job->index * 131 + n * 53) % 520) & ~(gint64) 3;

      job->wrong += count_wrong_pixels (job->slide, NULL, level, x, y, 70 + job->index,
                                        50, FALSE);
    }

  return NULL;
}

static void
test_pyramid_threads (Fixture       *f,
                      gconstpointer  data)
{
  CsTestPyramid spec;
  g_autoptr(CsSlide) slide = NULL;
  ThreadJob jobs[4];
  GThread *threads[4];

  cs_test_pyramid_init_simple (&spec);
  slide = open_pyramid (f, &spec, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      jobs[i] = (ThreadJob) { slide, i, 0 };
      threads[i] = g_thread_new ("reader", read_thread, &jobs[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (jobs[i].wrong, ==, 0);
    }
  g_assert_false (cs_slide_get_failed (slide));
}

/* A file replaced by another slide under the same name must never mix
 * that slide's tiles into this one: a fresh handle is checked first. */
static void
test_pyramid_replaced_while_open (Fixture       *f,
                                  gconstpointer  data)
{
  CsTestPyramid spec, other;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *buf = g_new (guint32, 16 * 16);
  g_autofree char *path = NULL;
  g_autofree char *other_path = NULL;

  if (!cs_test_missing_tile_fails ())
    return;

  cs_test_pyramid_init_simple (&spec);
  spec.missing_level = 0;
  spec.missing_col = 2;
  spec.missing_row = 1;
  slide = open_pyramid (f, &spec, &path);
  cs_test_pyramid_init_non_integer (&other);
  other_path = cs_test_write_pyramid (f->dir, "other.tiff", &other, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (other_path, path), ==, 0);

  /* The corrupt tile retires the handle; the next read needs a new one. */
  g_assert_false (cs_slide_read_region (slide, buf, 128 + 10, 64 + 10, 0, 16, 16, &error));
  g_clear_error (&error);
  g_assert_false (cs_slide_read_region (slide, buf, 0, 0, 0, 16, 16, &error));
  assert_slide_error (error, CS_SLIDE_ERROR_READ, "pyramid.tiff");
  g_assert_nonnull (strstr (error->message, "replaced"));
  g_assert_true (cs_slide_get_failed (slide));
}

typedef struct
{
  CsSlide *slide;
  gboolean bad;       /* reads the missing tile, over and over */
  guint    failures;
} MixedJob;

static gpointer
mixed_thread (gpointer data)
{
  MixedJob *job = data;
  g_autofree guint32 *buf = g_new (guint32, 32 * 32);

  for (guint n = 0; n < 60; n++)
    {
      g_autoptr(GError) error = NULL;
      gint64 x = job->bad ? 128 + 8 : (gint64) (n * 13 % 500) + 500;

      if (!cs_slide_read_region (job->slide, buf, x, job->bad ? 64 + 8 : 300, 0, 32, 32, &error))
        job->failures++;
    }

  return NULL;
}

/* OpenSlide's errors are sticky for a whole handle, but a corrupt tile
 * read on one thread never fails the reads of good tiles on others. */
static void
test_pyramid_bad_tile_spares_other_threads (Fixture       *f,
                                            gconstpointer  data)
{
  CsTestPyramid spec;
  g_autoptr(CsSlide) slide = NULL;
  MixedJob jobs[4];
  GThread *threads[4];

  if (!cs_test_missing_tile_fails ())
    return;

  cs_test_pyramid_init_simple (&spec);
  spec.missing_level = 0;
  spec.missing_col = 2;
  spec.missing_row = 1;
  slide = open_pyramid (f, &spec, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      jobs[i] = (MixedJob) { slide, i == 0, 0 };
      threads[i] = g_thread_new ("reader", mixed_thread, &jobs[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (jobs[0].failures, ==, 60);
  for (guint i = 1; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpuint (jobs[i].failures, ==, 0);
  g_assert_false (cs_slide_get_failed (slide));
}

static void
new_async_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
test_pyramid_open_async (Fixture       *f,
                         gconstpointer  data)
{
  CsTestPyramid spec;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autofree char *path = NULL;

  cs_test_pyramid_init_simple (&spec);
  path = cs_test_write_pyramid (f->dir, "async.tiff", &spec, &error);
  g_assert_no_error (error);

  cs_slide_new_async (path, NULL, new_async_cb, &result);
  g_assert_true (cs_test_wait_until (is_set, &result, 10000));
  slide = cs_slide_new_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (CS_IS_SLIDE (slide));
  g_assert_cmpuint (cs_slide_get_n_levels (slide), ==, 3);
}

/* Images OpenSlide refuses */

typedef char *(*WriteImageFunc) (const char *, const char *, int, int, GError **);

static void
check_raster (Fixture        *f,
              WriteImageFunc  write,
              const char     *name,
              const Expect   *expect)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autofree char *path = write (f->dir, name, 300, 200, &error);
  gint64 w = -1, h = -1;

  g_assert_no_error (error);
  /* Make sure this is the raster path: OpenSlide must not take it. */
  g_assert_null (openslide_detect_vendor (path));

  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (slide);
  g_assert_true (cs_slide_is_raster (slide));
  g_assert_cmpuint (cs_slide_get_n_levels (slide), ==, 1);
  cs_slide_get_level_size (slide, 0, &w, &h);
  g_assert_cmpint (w, ==, 300);
  g_assert_cmpint (h, ==, 200);
  g_assert_cmpfloat (cs_slide_get_level_downsample (slide, 0), ==, 1.0);
  g_assert_false (cs_slide_get_mpp (slide, NULL, NULL));

  assert_region (slide, expect, 0, 0, 0, 300, 200);
  assert_region (slide, expect, 0, -7, -5, 320, 215);   /* all four edges */
  assert_region (slide, expect, 0, 290, 190, 20, 20);
  assert_region (slide, expect, 0, 400, 300, 4, 4);
}

static void
test_raster_stripped_tiff (Fixture       *f,
                           gconstpointer  data)
{
  check_raster (f, cs_test_write_stripped_tiff, "stripped.tiff", NULL);
}

static void
test_raster_png (Fixture       *f,
                 gconstpointer  data)
{
  check_raster (f, cs_test_write_png, "image.png", NULL);
}

static void
test_raster_jpeg (Fixture       *f,
                  gconstpointer  data)
{
  Expect expect = { 300, 200 };

  check_raster (f, cs_test_write_jpeg, "image.jpg", &expect);
}

/* Errors */

static void
expect_open_error (const char *path,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = cs_slide_new (path, &error);

  g_assert_null (slide);
  assert_slide_error (error, code, path);
  g_test_message ("%s: %s", path, error->message);
}

static void
test_error_not_found (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "absent.svs", NULL);

  expect_open_error (path, CS_SLIDE_ERROR_NOT_FOUND);
}

static void
test_error_permission (Fixture       *f,
                       gconstpointer  data)
{
  CsTestPyramid spec;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("running as root: root reads a chmod 000 file, so permission "
                   "denied cannot happen");
      return;
    }

  cs_test_pyramid_init_simple (&spec);
  path = cs_test_write_pyramid (f->dir, "locked.tiff", &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  expect_open_error (path, CS_SLIDE_ERROR_PERMISSION);
}

static void
test_error_not_a_slide (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "x.svs", NULL);

  g_file_set_contents (path, "This is a text file, not a slide.\n", -1, &error);
  g_assert_no_error (error);
  expect_open_error (path, CS_SLIDE_ERROR_NOT_A_SLIDE);
}

static void
test_error_dicom (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autofree char *path = g_build_filename (f->dir, "slide.dcm", NULL);
  char bytes[128 + 4 + 12] = { 0 };

  memcpy (bytes + 128, "DICM", 4);
  memcpy (bytes + 132, "\x02\x00\x00\x00UL\x04\x00\xc8\x00\x00\x00", 12);
  g_file_set_contents (path, bytes, sizeof bytes, &error);
  g_assert_no_error (error);

  slide = cs_slide_new (path, &error);
  g_assert_null (slide);
  assert_slide_error (error, CS_SLIDE_ERROR_UNSUPPORTED, path);
  g_assert_nonnull (strstr (error->message, "DICOM"));
#if HAVE_OPENSLIDE_ICC
  /* OpenSlide 4 reads DICOM slides: this header alone is none. */
  g_assert_nonnull (strstr (error->message, "not a whole-slide image"));
#else
  g_assert_nonnull (strstr (error->message, "OpenSlide 4"));
#endif
}

static void
test_error_directory (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "folder.svs", NULL);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  expect_open_error (path, CS_SLIDE_ERROR_NOT_A_SLIDE);
}

static void
test_error_truncated (Fixture       *f,
                      gconstpointer  data)
{
  CsTestPyramid spec;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *cut = g_build_filename (f->dir, "truncated.tiff", NULL);
  g_autofree guint32 *buf = g_new (guint32, 1000 * 600);
  gsize length = 0;

  cs_test_pyramid_init_simple (&spec);
  path = cs_test_write_pyramid (f->dir, "whole.tiff", &spec, &error);
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (cut, contents, length / 2, &error);
  g_assert_no_error (error);

  slide = cs_slide_new (cut, &error);
  if (slide == NULL)
    {
      assert_slide_error (error, CS_SLIDE_ERROR_OPEN, cut);
      return;
    }

  g_assert_false (cs_slide_read_region (slide, buf, 0, 0, 0, 1000, 600, &error));
  assert_slide_error (error, CS_SLIDE_ERROR_READ, cut);
}

/* The shared public slides (../shared/slides/README.md) */

static void
test_shared_cmu (void)
{
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *thumb;
  int64_t tw = -1, th = -1;
  gint64 w = -1, h = -1;
  double mpp_x = 0, mpp_y = 0;
  openslide_t *osr;
  CS_TEST_SHARED_SLIDE_OR_SKIP (path, "CMU-1-Small-Region.svs");

  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_slide_get_vendor (slide), ==, "aperio");
  g_assert_false (cs_slide_is_raster (slide));
  g_assert_cmpuint (cs_slide_get_n_levels (slide), ==, 1);
  cs_slide_get_level_size (slide, 0, &w, &h);
  g_assert_cmpint (w, ==, 2220);
  g_assert_cmpint (h, ==, 2967);
  g_assert_true (cs_slide_get_mpp (slide, &mpp_x, &mpp_y));
  g_assert_cmpstr (cs_slide_get_property (slide, "openslide.mpp-x"), ==, "0.499");
  g_assert_cmpstr (cs_slide_get_property (slide, "openslide.mpp-y"), ==, "0.499");
  g_assert_cmpfloat (mpp_x, ==, 0.499);
  g_assert_cmpfloat (mpp_y, ==, 0.499);
  g_assert_cmpfloat (cs_slide_get_objective_power (slide), ==, 20);
  g_assert_cmpstr (cs_slide_get_quickhash (slide), ==, CMU_QUICKHASH);
  g_assert_true (g_strv_contains (cs_slide_get_associated_names (slide), "thumbnail"));

  osr = open_openslide (path);
  openslide_get_associated_image_dimensions (osr, "thumbnail", &tw, &th);
  thumb = cs_slide_read_associated (slide, "thumbnail", &error);
  g_assert_no_error (error);
  g_assert_nonnull (thumb);
  g_assert_cmpint (cairo_surface_status (thumb), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_format (thumb), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmpint (cairo_image_surface_get_width (thumb), ==, tw);
  g_assert_cmpint (cairo_image_surface_get_height (thumb), ==, th);
  g_assert_cmpint (tw, ==, 574);
  cairo_surface_destroy (thumb);

  g_assert_null (cs_slide_read_associated (slide, "no-such-image", &error));
  assert_slide_error (error, CS_SLIDE_ERROR_NO_ASSOCIATED, path);

  assert_same_as_openslide (slide, osr, 0, 1000, 1500, 256, 256);
  assert_same_as_openslide (slide, osr, 0, 2100, 2900, 256, 256);  /* edge */
  openslide_close (osr);
}

static void
test_shared_boxes (void)
{
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GError) error = NULL;
  openslide_t *osr;
  CS_TEST_SHARED_SLIDE_OR_SKIP (path, "boxes.tiff");

  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_slide_get_vendor (slide), ==, "generic-tiff");
  g_assert_cmpuint (cs_slide_get_n_levels (slide), ==, 4);
  assert_geometry_as_openslide (slide, path);
  g_assert_false (cs_slide_get_mpp (slide, NULL, NULL));

  /* Levels 2 and 3 (75 x 62, 37 x 31) are smaller than one 64 px tile:
   * OpenSlide 3.4.1 with libtiff 4.5 returns unpredictable pixels there
   * (cs-test-slide.h), so only levels 0 and 1 are compared. */
  osr = open_openslide (path);
  assert_same_as_openslide (slide, osr, 0, 0, 0, 310, 260);
  assert_same_as_openslide (slide, osr, 1, 0, 0, 160, 130);
  assert_same_as_openslide (slide, osr, 1, 100, 60, 50, 40);
  openslide_close (osr);
}

static void
test_shared_small (void)
{
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GError) error = NULL;
  gint64 w = -1, h = -1;
  openslide_t *osr;
  CS_TEST_SHARED_SLIDE_OR_SKIP (path, "small.svs");

  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_slide_get_vendor (slide), ==, "aperio");
  cs_slide_get_level_size (slide, 0, &w, &h);
  g_assert_cmpint (w, ==, 16);
  g_assert_cmpint (h, ==, 16);
  osr = open_openslide (path);
  assert_same_as_openslide (slide, osr, 0, -4, -4, 24, 24);
  openslide_close (osr);
}

static void
test_shared_unreadable (void)
{
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GError) error = NULL;
  guint32 buf[16 * 16];
  CS_TEST_SHARED_SLIDE_OR_SKIP (path, "unreadable.svs");

  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (slide);
  g_assert_false (cs_slide_get_failed (slide));

  g_assert_false (cs_slide_read_region (slide, buf, 0, 0, 0, 16, 16, &error));
  assert_slide_error (error, CS_SLIDE_ERROR_READ, path);
  /* Reopened after the error: its one tile stays corrupt. */
  g_assert_false (cs_slide_get_failed (slide));

  g_clear_error (&error);
  g_assert_false (cs_slide_read_region (slide, buf, 8, 8, 0, 4, 4, &error));
  assert_slide_error (error, CS_SLIDE_ERROR_READ, path);
}

static void
test_shared_unopenable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = NULL;
  CS_TEST_SHARED_SLIDE_OR_SKIP (path, "unopenable.tiff");

  slide = cs_slide_new (path, &error);
  g_assert_null (slide);
  assert_slide_error (error, CS_SLIDE_ERROR_OPEN, path);
  g_assert_nonnull (strstr (error->message, "Unsupported TIFF compression"));
}

static void
test_shared_not_a_slide (void)
{
  CS_TEST_SHARED_SLIDE_OR_SKIP (path, "not-a-slide.svs");

  expect_open_error (path, CS_SLIDE_ERROR_NOT_A_SLIDE);
}

static void
test_shared_sha256sums (void)
{
  static const char * const good[] = {
    "CMU-1-Small-Region.svs", "boxes.tiff", "small.svs", "unreadable.svs", NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *sums = NULL;
  g_auto(GStrv) lines = NULL;
  guint checked = 0;
  CS_TEST_SHARED_SLIDE_OR_SKIP (list, "SHA256SUMS");

  g_file_get_contents (list, &sums, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (sums, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (lines[i], " \t", -1);
      g_autoptr(CsSlide) slide = NULL;
      g_autofree char *path = NULL;
      const char *name;

      if (g_strv_length (fields) < 2)
        continue;
      name = fields[g_strv_length (fields) - 1];
      if (!g_strv_contains (good, name))
        continue;

      path = cs_test_shared_slide (name);
      g_assert_nonnull (path);
      slide = cs_slide_new (path, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (cs_slide_compute_identity (slide, NULL, &error), ==, fields[0]);
      g_assert_no_error (error);
      checked++;
    }

  g_assert_cmpuint (checked, ==, G_N_ELEMENTS (good) - 1);
}

/* Identity */

static void
test_identity_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autofree char *path = cs_test_sample_slide ();

  g_assert_nonnull (path);
  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
  g_assert_null (cs_slide_get_sha256 (slide));
  g_assert_cmpstr (cs_slide_compute_identity (slide, NULL, &error), ==, SAMPLE_SHA256);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_slide_get_sha256 (slide), ==, SAMPLE_SHA256);
}

static char *
copy_sample (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = cs_test_sample_slide ();
  g_autofree char *contents = NULL;
  char *copy = g_build_filename (f->dir, "copy.svs", NULL);
  gsize length = 0;

  g_assert_nonnull (sample);
  g_file_get_contents (sample, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, contents, length, &error);
  g_assert_no_error (error);

  return copy;
}

static void
identity_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;
  const char *sha = cs_slide_compute_identity_finish (CS_SLIDE (source), result, &error);

  g_assert_no_error (error);
  *out = g_strdup (sha);
}

static void
test_identity_async (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autofree char *path = copy_sample (f);
  g_autofree char *sha = NULL;

  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
  g_assert_null (cs_slide_identity_lookup (path));

  cs_slide_compute_identity_async (slide, NULL, identity_cb, &sha);
  g_assert_true (cs_test_wait_until (is_set, &sha, 10000));
  g_assert_cmpstr (sha, ==, SAMPLE_SHA256);
  g_assert_cmpstr (cs_slide_get_sha256 (slide), ==, SAMPLE_SHA256);
}

static char *
identity_of_new_slide (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = cs_slide_new (path, &error);
  const char *sha;

  g_assert_no_error (error);
  sha = cs_slide_compute_identity (slide, NULL, &error);
  g_assert_no_error (error);

  return g_strdup (sha);
}

static void
test_identity_cache (Fixture       *f,
                     gconstpointer  data)
{
  static const char fake[] =
    "0000000000000000000000000000000000000000000000000000000000000001";
  g_autofree char *path = copy_sample (f);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *cached = NULL;
  g_autofree char *third = NULL;
  g_autofree char *found = NULL;
  struct utimbuf times = { 1700000000, 1700000000 };

  first = identity_of_new_slide (path);
  g_assert_cmpstr (first, ==, SAMPLE_SHA256);
  cached = cs_slide_identity_lookup (path);
  g_assert_cmpstr (cached, ==, SAMPLE_SHA256);
  second = identity_of_new_slide (path);
  g_assert_cmpstr (second, ==, SAMPLE_SHA256);

  /* Proof that a new slide object takes the cached value without hashing:
   * plant a wrong one. */
  cs_slide_identity_remember (path, fake);
  third = identity_of_new_slide (path);
  g_assert_cmpstr (third, ==, fake);

  /* Found by its identity, while its files stay as they are. */
  found = cs_slide_identity_find (fake);
  g_assert_cmpstr (found, ==, path);
  g_assert_null (cs_slide_identity_find ("0000000000000000000000000000000000000000000000000000000000000002"));
  g_assert_cmpint (g_utime (path, &times), ==, 0);
  g_assert_null (cs_slide_identity_find (fake));
}

static void
test_identity_invalidate (Fixture       *f,
                          gconstpointer  data)
{
  struct utimbuf times = { 1700000000, 1700000000 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = copy_sample (f);
  g_autofree char *contents = NULL;
  g_autofree char *cached = NULL;
  g_autofree char *after_mtime = NULL;
  g_autofree char *after_size = NULL;
  g_autofree char *want = NULL;
  g_autofree char *sha = NULL;
  gsize length = 0;

  g_assert_cmpint (g_utime (path, &times), ==, 0);
  sha = identity_of_new_slide (path);
  g_assert_cmpstr (sha, ==, SAMPLE_SHA256);
  cached = cs_slide_identity_lookup (path);
  g_assert_cmpstr (cached, ==, SAMPLE_SHA256);

  /* A new modification time alone invalidates the entry. */
  times.modtime += 3600;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
  g_assert_null (cs_slide_identity_lookup (path));
  after_mtime = identity_of_new_slide (path);
  g_assert_cmpstr (after_mtime, ==, SAMPLE_SHA256);

  /* So does a new size with the same modification time. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  contents = g_realloc (contents, length + 1);
  contents[length] = '\n';
  g_file_set_contents (path, contents, length + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utime (path, &times), ==, 0);
  g_assert_null (cs_slide_identity_lookup (path));

  want = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length + 1);
  after_size = identity_of_new_slide (path);
  g_assert_cmpstr (after_size, !=, SAMPLE_SHA256);
  g_assert_cmpstr (after_size, ==, want);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/cs/slide/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("pyramid/open", test_pyramid_open);
  ADD ("pyramid/non-integer", test_pyramid_non_integer);
  ADD ("pyramid/read", test_pyramid_read);
  ADD ("pyramid/missing-tile", test_pyramid_missing_tile);
  ADD ("pyramid/truncated-while-open", test_pyramid_truncated_while_open);
  ADD ("pyramid/bad-tile-spares-other-threads", test_pyramid_bad_tile_spares_other_threads);
  ADD ("pyramid/replaced-while-open", test_pyramid_replaced_while_open);
  ADD ("pyramid/threads", test_pyramid_threads);
  ADD ("pyramid/open-async", test_pyramid_open_async);
  ADD ("raster/stripped-tiff", test_raster_stripped_tiff);
  ADD ("raster/png", test_raster_png);
  ADD ("raster/jpeg", test_raster_jpeg);
  ADD ("error/not-found", test_error_not_found);
  ADD ("error/permission", test_error_permission);
  ADD ("error/not-a-slide", test_error_not_a_slide);
  ADD ("error/dicom", test_error_dicom);
  ADD ("error/directory", test_error_directory);
  ADD ("error/truncated", test_error_truncated);
  ADD ("identity/async", test_identity_async);
  ADD ("identity/cache", test_identity_cache);
  ADD ("identity/invalidate", test_identity_invalidate);

#undef ADD

  g_test_add_func ("/cs/slide/shared/cmu-1-small-region", test_shared_cmu);
  g_test_add_func ("/cs/slide/shared/boxes", test_shared_boxes);
  g_test_add_func ("/cs/slide/shared/small", test_shared_small);
  g_test_add_func ("/cs/slide/shared/unreadable", test_shared_unreadable);
  g_test_add_func ("/cs/slide/shared/unopenable", test_shared_unopenable);
  g_test_add_func ("/cs/slide/shared/not-a-slide", test_shared_not_a_slide);
  g_test_add_func ("/cs/slide/shared/sha256sums", test_shared_sha256sums);
  g_test_add_func ("/cs/slide/identity/sample", test_identity_sample);

  return g_test_run ();
}
