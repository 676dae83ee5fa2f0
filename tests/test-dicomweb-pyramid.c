/* test-dicomweb-pyramid.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "cs-dicomweb-slide-private.h"
#include "cs-slide.h"
#include "cs-test-slide.h"
#include "cs-test-utils.h"

/* The parts of a remote slide that need no server: the pyramid built from
 * series metadata in the DICOM JSON model (levels sorted, associated
 * images, scale; malformed answers refused with a clear message), the
 * disk cache of frames (atomic files, LRU bound) and frame decoding.
 * test-dicomweb-slide runs the whole against Orthanc. */

#define URL "dicomweb:http://127.0.0.1:1/dicom-web/studies/1.2.3/series/1.2.3.4"

/* One WSI instance in the DICOM JSON model; @extra is more members. */
static char *
instance_json (const char *uid,
               const char *flavor,
               int         width,
               int         height,
               int         tile,
               const char *extra)
{
  int frames = ((width + tile - 1) / tile) * ((height + tile - 1) / tile);

  return g_strdup_printf (
    "{\"00080016\": {\"vr\": \"UI\", \"Value\": [\"1.2.840.10008.5.1.4.1.1.77.1.6\"]},"
    " \"00080018\": {\"vr\": \"UI\", \"Value\": [\"%s\"]},"
    " \"00080008\": {\"vr\": \"CS\", \"Value\": [\"DERIVED\", \"PRIMARY\", \"%s\", \"NONE\"]},"
    " \"00209311\": {\"vr\": \"CS\", \"Value\": [\"TILED_FULL\"]},"
    " \"00280002\": {\"vr\": \"US\", \"Value\": [3]},"
    " \"00280004\": {\"vr\": \"CS\", \"Value\": [\"YBR_FULL_422\"]},"
    " \"00280008\": {\"vr\": \"IS\", \"Value\": [\"%d\"]},"
    " \"00280010\": {\"vr\": \"US\", \"Value\": [%d]},"
    " \"00280011\": {\"vr\": \"US\", \"Value\": [%d]},"
    " \"00280100\": {\"vr\": \"US\", \"Value\": [8]},"
    " \"00480006\": {\"vr\": \"UL\", \"Value\": [%d]},"
    " \"00480007\": {\"vr\": \"UL\", \"Value\": [%d]}%s%s}",
    uid, flavor, frames, tile, tile, width, height, extra ? ", " : "", extra ? extra : "");
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_levels_from_metadata (void)
{
  const char *spacing =
    "\"52009229\": {\"vr\": \"SQ\", \"Value\": [{\"00289110\": {\"vr\": \"SQ\", \"Value\": "
    "[{\"00280030\": {\"vr\": \"DS\", \"Value\": [\"0.0005\", 0.00025]}}]}}]},"
    " \"0008103E\": {\"vr\": \"LO\", \"Value\": [\"Liver biopsy H&E\"]}";
  g_autofree char *l1 = instance_json ("1.9.1", "VOLUME", 1024, 1000, 256, NULL);
  g_autofree char *l0 = instance_json ("1.9.0", "VOLUME", 2048, 2000, 256, spacing);
  g_autofree char *l2 = instance_json ("1.9.2", "VOLUME", 512, 500, 256, NULL);
  g_autofree char *label = instance_json ("1.9.3", "LABEL", 300, 200, 300, NULL);
  g_autofree char *overview = instance_json ("1.9.4", "OVERVIEW", 600, 200, 256, NULL);
  g_autofree char *text = g_strdup_printf ("[%s, %s, %s, %s, %s]", l1, label, l0, l2, overview);
  g_autoptr(JsonNode) metadata = parse (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDicomwebPyramid) pyramid = NULL;
  g_auto(GStrv) names = NULL;
  double mpp_x = 0, mpp_y = 0;

  pyramid = _cs_dicomweb_pyramid_new_from_metadata (URL, metadata, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (_cs_dicomweb_pyramid_get_n_levels (pyramid), ==, 3);
  /* Largest first, whatever the server's order. */
  g_assert_cmpstr (_cs_dicomweb_pyramid_get_level (pyramid, 0)->instance_uid, ==, "1.9.0");
  g_assert_cmpstr (_cs_dicomweb_pyramid_get_level (pyramid, 1)->instance_uid, ==, "1.9.1");
  g_assert_cmpstr (_cs_dicomweb_pyramid_get_level (pyramid, 2)->instance_uid, ==, "1.9.2");
  g_assert_cmpint (_cs_dicomweb_pyramid_get_level (pyramid, 2)->cols, ==, 2);
  g_assert_cmpfloat_with_epsilon (_cs_dicomweb_pyramid_get_downsample (pyramid, 1), 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (_cs_dicomweb_pyramid_get_downsample (pyramid, 2), 4.0, 1e-9);
  /* PixelSpacing is row \ column, in mm; a number or a string. */
  g_assert_true (_cs_dicomweb_pyramid_get_mpp (pyramid, &mpp_x, &mpp_y));
  g_assert_cmpfloat_with_epsilon (mpp_x, 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (mpp_y, 0.5, 1e-9);
  g_assert_cmpstr (_cs_dicomweb_pyramid_get_series_uid (pyramid), ==, "1.2.3.4");
  g_assert_cmpstr (_cs_dicomweb_pyramid_get_display_name (pyramid), ==, "Liver biopsy H&E");
  names = _cs_dicomweb_pyramid_dup_associated_names (pyramid);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "label");
  g_assert_cmpstr (names[1], ==, "macro");
}

/* Opening @text as metadata fails with @code and a message naming the
 * slide and containing @cause. */
static void
assert_refused (const char *text,
                int         code,
                const char *cause)
{
  g_autoptr(JsonNode) metadata = parse (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDicomwebPyramid) pyramid = NULL;

  pyramid = _cs_dicomweb_pyramid_new_from_metadata (URL, metadata, &error);
  g_assert_null (pyramid);
  g_assert_error (error, CS_SLIDE_ERROR, code);
  g_assert_nonnull (strstr (error->message, URL));
  if (strstr (error->message, cause) == NULL)
    g_error ("“%s” does not say “%s”", error->message, cause);
}

static void
test_malformed_metadata (void)
{
  g_autofree char *good = instance_json ("1.9.0", "VOLUME", 1000, 1000, 256, NULL);
  g_autofree char *no_size = NULL;
  g_autofree char *sparse = NULL;
  g_autofree char *short_frames = NULL;
  g_autofree char *label_only = instance_json ("1.9.3", "LABEL", 300, 200, 300, NULL);
  g_autofree char *wrapped = NULL;

  assert_refused ("{\"00080018\": {}}", CS_SLIDE_ERROR_OPEN, "not a list of instances");
  assert_refused ("[1]", CS_SLIDE_ERROR_OPEN, "instance 1 of the series metadata is not");

  no_size = g_strdup (good);
  memcpy (strstr (no_size, "00480006"), "00480009", 8);
  wrapped = g_strdup_printf ("[%s]", no_size);
  assert_refused (wrapped, CS_SLIDE_ERROR_OPEN, "TotalPixelMatrixColumns (00480006)");
  g_free (wrapped);

  sparse = g_strdup (good);
  memcpy (strstr (sparse, "TILED_FULL"), "TILED_SPAR", 10);
  wrapped = g_strdup_printf ("[%s]", sparse);
  assert_refused (wrapped, CS_SLIDE_ERROR_UNSUPPORTED, "TILED_SPAR");
  g_free (wrapped);

  /* 16 tiles need 16 frames. */
  short_frames = g_strdup (good);
  memcpy (strstr (short_frames, "[\"16\"]"), "[\"15\"]", 6);
  wrapped = g_strdup_printf ("[%s]", short_frames);
  assert_refused (wrapped, CS_SLIDE_ERROR_OPEN, "15 frames where its tiles need 16");
  g_free (wrapped);

  wrapped = g_strdup_printf ("[%s]", label_only);
  assert_refused (wrapped, CS_SLIDE_ERROR_NOT_A_SLIDE, "no VOLUME instance");
}

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
set_age (const char *dir,
         const char *key,
         gint64      seconds_ago)
{
  char prefix[3] = { key[0], key[1], '\0' };
  g_autofree char *file = g_build_filename (dir, prefix, key, NULL);
  struct utimbuf times;

  times.actime = times.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC - seconds_ago);
  g_assert_cmpint (g_utime (file, &times), ==, 0);
}

static void
test_cache_lru (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *frame = g_strnfill (300, 'x');
  CsDicomwebCache *cache = _cs_dicomweb_cache_new (dir, 1000);
  char *keys[4] = { NULL };
  g_autofree char *ts = NULL;
  g_autoptr(GBytes) data = bytes_of (frame);
  g_autoptr(GBytes) found = NULL;

  for (guint i = 0; i < 3; i++)
    {
      keys[i] = _cs_dicomweb_cache_make_key ("http://a/dicom-web", "1", "2", "3", i + 1);
      _cs_dicomweb_cache_store (cache, keys[i], "1.2.840.10008.1.2.4.50", data);
      set_age (dir, keys[i], 100 - 10 * i);
    }
  /* Keys differ by server too. */
  keys[3] = _cs_dicomweb_cache_make_key ("http://b/dicom-web", "1", "2", "3", 1);
  g_assert_cmpstr (keys[3], !=, keys[0]);

  found = _cs_dicomweb_cache_lookup (cache, keys[0], &ts);
  g_assert_nonnull (found);
  g_assert_cmpstr (ts, ==, "1.2.840.10008.1.2.4.50");
  g_assert_true (g_bytes_equal (found, data));
  g_assert_null (_cs_dicomweb_cache_lookup (cache, keys[3], &ts));

  /* Frame 1 was just used, frame 2 is the oldest: the fourth store (1256
   * bytes with headers) goes over 1000 and evicts it. */
  _cs_dicomweb_cache_store (cache, keys[3], "1.2.840.10008.1.2.4.50", data);
  g_clear_pointer (&found, g_bytes_unref);
  g_clear_pointer (&ts, g_free);
  g_assert_null (_cs_dicomweb_cache_lookup (cache, keys[1], &ts));
  found = _cs_dicomweb_cache_lookup (cache, keys[0], &ts);
  g_assert_nonnull (found);
  g_assert_cmpuint (_cs_dicomweb_cache_get_size (cache), <=, 900);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_free (keys[i]);
  _cs_dicomweb_cache_free (cache);
  cs_test_remove_tree (dir);
}

static void
test_cache_damaged (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  CsDicomwebCache *cache = _cs_dicomweb_cache_new (dir, 1 << 20);
  g_autofree char *key = _cs_dicomweb_cache_make_key ("http://a", "1", "2", "3", 7);
  char prefix[3] = { key[0], key[1], '\0' };
  g_autofree char *sub = g_build_filename (dir, prefix, NULL);
  g_autofree char *file = g_build_filename (sub, key, NULL);
  g_autofree char *ts = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  g_file_set_contents (file, "not a cached frame", -1, &error);
  g_assert_no_error (error);
  g_assert_null (_cs_dicomweb_cache_lookup (cache, key, &ts));
  g_file_set_contents (file, "CSDWF1\nno newline after the syntax", -1, &error);
  g_assert_no_error (error);
  g_assert_null (_cs_dicomweb_cache_lookup (cache, key, &ts));

  _cs_dicomweb_cache_free (cache);
  cs_test_remove_tree (dir);
}

static CsDicomwebImage *
frame_image (int      side,
             gboolean ycbcr)
{
  CsDicomwebImage *image = g_new0 (CsDicomwebImage, 1);

  image->tile_width = image->tile_height = side;
  image->width = image->height = side;
  image->samples = 3;
  image->ycbcr = ycbcr;

  return image;
}

/* A JFIF JPEG (YCbCr) as a frame: the TIFF tiles' decoder at any size. */
static void
test_decode_jpeg (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cs_test_write_jpeg (dir, "frame.jpg", 300, 300, &error);
  g_autofree char *contents = NULL;
  g_autofree guint32 *pixels = g_new0 (guint32, 300 * 300);
  g_autoptr(CsDicomwebImage) image = frame_image (300, TRUE);
  g_autoptr(GBytes) data = NULL;
  gsize size = 0;

  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  data = g_bytes_new (contents, size);

  g_assert_true (_cs_dicomweb_decode_frame (data, "1.2.840.10008.1.2.4.50", image, pixels,
                                            &error));
  g_assert_no_error (error);
  for (int y = 0; y < 300; y += 37)
    for (int x = 0; x < 300; x += 41)
      g_assert_true (cs_test_pixel_near (pixels[y * 300 + x], cs_test_jpeg_pixel (300, 300, x, y),
                                         CS_TEST_JPEG_TOLERANCE));

  /* Data that is no JPEG is a read error, not a crash. */
  g_clear_pointer (&data, g_bytes_unref);
  contents[1] = 0;
  data = g_bytes_new (contents, size);
  g_assert_false (_cs_dicomweb_decode_frame (data, "1.2.840.10008.1.2.4.50", image, pixels,
                                             &error));
  g_assert_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ);
  cs_test_remove_tree (dir);
}

static void
test_decode_raw_and_unknown (void)
{
  g_autoptr(CsDicomwebImage) image = frame_image (2, FALSE);
  const guint8 rgb[12] = { 255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30 };
  g_autoptr(GBytes) data = g_bytes_new (rgb, sizeof rgb);
  g_autoptr(GBytes) short_data = g_bytes_new (rgb, 11);
  guint32 pixels[4] = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (_cs_dicomweb_decode_frame (data, "1.2.840.10008.1.2.1", image, pixels, &error));
  g_assert_no_error (error);
  g_assert_cmphex (pixels[0], ==, 0xffff0000);
  g_assert_cmphex (pixels[1], ==, 0xff00ff00);
  g_assert_cmphex (pixels[2], ==, 0xff0000ff);
  g_assert_cmphex (pixels[3], ==, 0xff0a141e);

  g_assert_false (_cs_dicomweb_decode_frame (short_data, "1.2.840.10008.1.2.1", image, pixels,
                                             &error));
  g_assert_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ);
  g_clear_error (&error);

  /* JPEG-LS is valid DICOM that Consilium does not decode: said so. */
  g_assert_false (_cs_dicomweb_decode_frame (data, "1.2.840.10008.1.2.4.80", image, pixels,
                                             &error));
  g_assert_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "1.2.840.10008.1.2.4.80"));
  g_clear_error (&error);

  g_assert_false (_cs_dicomweb_decode_frame (data, "1.2.840.10008.1.2.4.91", image, pixels,
                                             &error));
  g_assert_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/dicomweb-pyramid/levels", test_levels_from_metadata);
  g_test_add_func ("/cs/dicomweb-pyramid/malformed", test_malformed_metadata);
  g_test_add_func ("/cs/dicomweb-pyramid/cache-lru", test_cache_lru);
  g_test_add_func ("/cs/dicomweb-pyramid/cache-damaged", test_cache_damaged);
  g_test_add_func ("/cs/dicomweb-pyramid/decode-jpeg", test_decode_jpeg);
  g_test_add_func ("/cs/dicomweb-pyramid/decode-raw", test_decode_raw_and_unknown);

  return g_test_run ();
}
