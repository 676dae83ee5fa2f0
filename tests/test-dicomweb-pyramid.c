/* test-dicomweb-pyramid.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <openjpeg.h>
#include <string.h>
#include <utime.h>

#include "cs-core-private.h"
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
  gint64 grid = (((gint64) width + tile - 1) / tile) * (((gint64) height + tile - 1) / tile);
  int frames = (int) MIN (grid, G_MAXINT32);

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
  g_autofree char *huge = NULL;
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
  g_free (wrapped);

  /* 2^31 pixels square in 16-pixel tiles: 2^54 tiles. */
  huge = instance_json ("1.9.0", "VOLUME", G_MAXINT32, G_MAXINT32, 16, NULL);
  wrapped = g_strdup_printf ("[%s]", huge);
  assert_refused (wrapped, CS_SLIDE_ERROR_TOO_LARGE, "more tiles than Consilium reads");
}

/* Per-frame positions, 1-based pixels: frame i + 1 at tile @tiles[i]. */
static char *
positions_json (const int *tiles,
                guint      n,
                int        cols,
                int        tile,
                int        shift)
{
  GString *out = g_string_new ("\"52009230\": {\"vr\": \"SQ\", \"Value\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out,
                            "%s{\"0048021A\": {\"vr\": \"SQ\", \"Value\": [{"
                            "\"0048021E\": {\"vr\": \"SL\", \"Value\": [%d]},"
                            " \"0048021F\": {\"vr\": \"SL\", \"Value\": [%d]}}]}}",
                            i ? ", " : "", (tiles[i] % cols) * tile + 1 + shift,
                            (tiles[i] / cols) * tile + 1);
  g_string_append (out, "]}");

  return g_string_free (out, FALSE);
}

/* OrthancWSIDicomizer lists its frames in its own order, with their
 * positions: a tile is found by position, not by frame number. */
static void
test_frame_positions (void)
{
  const int order[4] = { 3, 0, 2, 1 };
  g_autofree char *positions = positions_json (order, 4, 2, 256, 0);
  g_autofree char *shifted = positions_json (order, 4, 2, 256, 5);
  g_autofree char *level = instance_json ("1.9.0", "VOLUME", 512, 400, 256, positions);
  g_autofree char *bad = instance_json ("1.9.0", "VOLUME", 512, 400, 256, shifted);
  g_autofree char *text = g_strdup_printf ("[%s]", level);
  g_autofree char *bad_text = g_strdup_printf ("[%s]", bad);
  g_autoptr(JsonNode) metadata = parse (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDicomwebPyramid) pyramid = NULL;
  const CsDicomwebImage *image;

  pyramid = _cs_dicomweb_pyramid_new_from_metadata (URL, metadata, &error);
  g_assert_no_error (error);
  image = _cs_dicomweb_pyramid_get_level (pyramid, 0);
  g_assert_nonnull (image->frame_map);
  /* Tile 3 (col 1, row 1) is frame 1; tile 0 frame 2; tile 2 frame 3. */
  g_assert_cmpuint (_cs_dicomweb_image_get_frame (image, 1, 1), ==, 1);
  g_assert_cmpuint (_cs_dicomweb_image_get_frame (image, 0, 0), ==, 2);
  g_assert_cmpuint (_cs_dicomweb_image_get_frame (image, 0, 1), ==, 3);
  g_assert_cmpuint (_cs_dicomweb_image_get_frame (image, 1, 0), ==, 4);

  assert_refused (bad_text, CS_SLIDE_ERROR_OPEN, "frame 1 of instance 1 has no valid position");
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

/* Decoded frames in memory: the least recently used go first. */
static void
test_memory_lru (void)
{
  CsDicomwebMemory *memory = _cs_dicomweb_memory_new (100);
  g_autofree char *bytes = g_strnfill (40, 'p');
  g_autoptr(GBytes) pixels = g_bytes_new (bytes, 40);
  g_autoptr(GBytes) found = NULL;

  _cs_dicomweb_memory_insert (memory, "a", pixels);
  _cs_dicomweb_memory_insert (memory, "b", pixels);
  found = _cs_dicomweb_memory_lookup (memory, "a");
  g_assert_nonnull (found);
  g_assert_true (g_bytes_equal (found, pixels));
  /* 120 bytes: "b", the least recently used, goes. */
  _cs_dicomweb_memory_insert (memory, "c", pixels);
  g_assert_null (_cs_dicomweb_memory_lookup (memory, "b"));
  g_clear_pointer (&found, g_bytes_unref);
  found = _cs_dicomweb_memory_lookup (memory, "a");
  g_assert_nonnull (found);
  g_clear_pointer (&found, g_bytes_unref);
  found = _cs_dicomweb_memory_lookup (memory, "c");
  g_assert_nonnull (found);

  _cs_dicomweb_memory_free (memory);
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

/* A lossless J2K codestream of @w × @h RGB pixels (R = x, G = y, B =
 * x + y), written with OpenJPEG into @path. */
static void
write_j2k (const char *path,
           int         w,
           int         h)
{
  opj_image_cmptparm_t params[3];
  opj_cparameters_t parameters;
  opj_image_t *image;
  opj_codec_t *codec;
  opj_stream_t *stream;

  memset (params, 0, sizeof params);
  for (int c = 0; c < 3; c++)
    {
      params[c].dx = params[c].dy = 1;
      params[c].w = (OPJ_UINT32) w;
      params[c].h = (OPJ_UINT32) h;
      params[c].prec = 8;
    }
  image = opj_image_create (3, params, OPJ_CLRSPC_SRGB);
  image->x1 = (OPJ_UINT32) w;
  image->y1 = (OPJ_UINT32) h;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        image->comps[0].data[y * w + x] = x;
        image->comps[1].data[y * w + x] = y;
        image->comps[2].data[y * w + x] = x + y;
      }

  opj_set_default_encoder_parameters (&parameters);
  parameters.tcp_mct = 1;
  codec = opj_create_compress (OPJ_CODEC_J2K);
  g_assert_true (opj_setup_encoder (codec, &parameters, image));
  stream = opj_stream_create_default_file_stream (path, OPJ_FALSE);
  g_assert_nonnull (stream);
  g_assert_true (opj_start_compress (codec, image, stream));
  g_assert_true (opj_encode (codec, stream));
  g_assert_true (opj_end_compress (codec, stream));
  opj_stream_destroy (stream);
  opj_destroy_codec (codec);
  opj_image_destroy (image);
}

/* JPEG 2000 frames (lossless, the colour transform undone) decode to the
 * exact pixels; a frame of the wrong size is an error. */
static void
test_decode_j2k (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "frame.j2k", NULL);
  g_autofree char *contents = NULL;
  g_autofree guint32 *pixels = g_new0 (guint32, 64 * 48);
  g_autoptr(CsDicomwebImage) image = frame_image (64, FALSE);
  g_autoptr(CsDicomwebImage) larger = frame_image (128, FALSE);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  image->tile_height = 48;
  write_j2k (path, 64, 48);
  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  data = g_bytes_new (contents, size);

  g_assert_true (_cs_dicomweb_decode_frame (data, "1.2.840.10008.1.2.4.90", image, pixels,
                                            &error));
  g_assert_no_error (error);
  for (int y = 0; y < 48; y += 5)
    for (int x = 0; x < 64; x += 7)
      g_assert_cmphex (pixels[y * 64 + x], ==,
                       0xff000000u | ((guint32) x << 16) | ((guint32) y << 8) | (guint32) (x + y));

  g_assert_false (_cs_dicomweb_decode_frame (data, "1.2.840.10008.1.2.4.91", larger, pixels,
                                             &error));
  g_assert_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ);
  cs_test_remove_tree (dir);
}

/* Caches a raw frame of @side² pixels, all of colour @rgb, as the
 * pyramid would after fetching it. */
static void
cache_raw_frame (const char *instance_uid,
                 guint       frame,
                 int         side,
                 guint32     rgb)
{
  g_autofree char *key = _cs_dicomweb_cache_make_key ("http://127.0.0.1:1/dicom-web", "1.2.3",
                                                      "1.2.3.4", instance_uid, frame);
  g_autofree guint8 *pixels = g_new (guint8, side * side * 3);
  g_autoptr(GBytes) data = NULL;

  for (int i = 0; i < side * side; i++)
    {
      pixels[3 * i] = (rgb >> 16) & 0xff;
      pixels[3 * i + 1] = (rgb >> 8) & 0xff;
      pixels[3 * i + 2] = rgb & 0xff;
    }
  data = g_bytes_new_take (g_steal_pointer (&pixels), side * side * 3);
  _cs_dicomweb_cache_store (_cs_dicomweb_cache_get_default (), key, "1.2.840.10008.1.2.1", data);
}

/* Regions are composed from frames (here from the disk cache, with no
 * server): each tile where its frame says, transparent beyond the image;
 * the label is read whole; a frame neither cached nor fetchable is a read
 * error naming the slide. */
static void
test_read_from_cache (void)
{
  const int order[4] = { 3, 0, 2, 1 };
  g_autofree char *positions = positions_json (order, 4, 2, 16, 0);
  g_autofree char *level = instance_json ("1.8.0", "VOLUME", 32, 24, 16, positions);
  g_autofree char *label = instance_json ("1.8.1", "LABEL", 10, 6, 16, NULL);
  g_autofree char *text = g_strdup_printf ("[%s, %s]", level, label);
  g_autoptr(JsonNode) metadata = parse (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDicomwebPyramid) pyramid = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  guint32 region[40 * 30];
  g_autofree char *dicomweb_cache = g_build_filename (g_get_user_cache_dir (), "consilium",
                                                      "dicomweb", NULL);

  /* Tile (col, row) of frame f: colours by tile, 0x10 * (tile + 1). */
  for (guint f = 0; f < 4; f++)
    cache_raw_frame ("1.8.0", f + 1, 16, 0x101010 * (guint32) (order[f] + 1));
  cache_raw_frame ("1.8.1", 1, 16, 0xabcdef);

  pyramid = _cs_dicomweb_pyramid_new_from_metadata (URL, metadata, &error);
  g_assert_no_error (error);
  g_assert_true (_cs_dicomweb_pyramid_read_region (pyramid, region, -4, -2, 0, 40, 30,
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmphex (region[0], ==, 0);                       /* left of the slide */
  g_assert_cmphex (region[2 * 40 + 4], ==, 0xff101010);     /* tile 0 */
  g_assert_cmphex (region[2 * 40 + 4 + 16], ==, 0xff202020);  /* tile 1 */
  g_assert_cmphex (region[(2 + 16) * 40 + 4], ==, 0xff303030); /* tile 2 */
  g_assert_cmphex (region[(2 + 23) * 40 + 4 + 31], ==, 0xff404040); /* tile 3, its last row */
  g_assert_cmphex (region[(2 + 24) * 40 + 4], ==, 0);       /* below the slide (24 rows) */
  g_assert_cmphex (region[2 * 40 + 4 + 32], ==, 0);         /* right of the slide */

  /* Read again with the disk cache gone: the decoded frames are kept in
   * memory by the pyramid. */
  cs_test_remove_tree (dicomweb_cache);
  memset (region, 0, sizeof region);
  g_assert_true (_cs_dicomweb_pyramid_read_region (pyramid, region, -4, -2, 0, 40, 30,
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmphex (region[(2 + 23) * 40 + 4 + 31], ==, 0xff404040);
  cache_raw_frame ("1.8.1", 1, 16, 0xabcdef);

  surface = _cs_dicomweb_pyramid_read_associated (pyramid, "label", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 10);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 6);
  g_assert_cmphex (((guint32 *) cairo_image_surface_get_data (surface))[5 * 10 + 9], ==,
                   0xffabcdef);

  /* Nothing cached at level 0 of another series, and no client. */
  g_clear_pointer (&pyramid, _cs_dicomweb_pyramid_free);
  pyramid = _cs_dicomweb_pyramid_new_from_metadata (
    "dicomweb:http://127.0.0.1:1/dicom-web/studies/1.2.3/series/1.2.3.5", metadata, &error);
  g_assert_no_error (error);
  g_assert_false (_cs_dicomweb_pyramid_read_region (pyramid, region, 0, 0, 0, 16, 16, &error));
  g_assert_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "1.2.3.5"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = cs_test_make_tmpdir ();
  int status;

  /* The default frame cache, here, not in the user's. */
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/dicomweb-pyramid/levels", test_levels_from_metadata);
  g_test_add_func ("/cs/dicomweb-pyramid/malformed", test_malformed_metadata);
  g_test_add_func ("/cs/dicomweb-pyramid/frame-positions", test_frame_positions);
  g_test_add_func ("/cs/dicomweb-pyramid/cache-lru", test_cache_lru);
  g_test_add_func ("/cs/dicomweb-pyramid/cache-damaged", test_cache_damaged);
  g_test_add_func ("/cs/dicomweb-pyramid/memory-lru", test_memory_lru);
  g_test_add_func ("/cs/dicomweb-pyramid/decode-jpeg", test_decode_jpeg);
  g_test_add_func ("/cs/dicomweb-pyramid/decode-j2k", test_decode_j2k);
  g_test_add_func ("/cs/dicomweb-pyramid/decode-raw", test_decode_raw_and_unknown);
  g_test_add_func ("/cs/dicomweb-pyramid/read-from-cache", test_read_from_cache);

  status = g_test_run ();
  cs_test_remove_tree (cache_home);

  return status;
}
