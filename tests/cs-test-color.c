/* cs-test-color.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <lcms2.h>
#include <tiffio.h>

#include "cs-test-color.h"

static GBytes *
save_profile (cmsHPROFILE profile)
{
  cmsUInt32Number len = 0;
  guint8 *data;

  g_assert_true (cmsSaveProfileToMem (profile, NULL, &len));
  data = g_malloc (len);
  g_assert_true (cmsSaveProfileToMem (profile, data, &len));
  cmsCloseProfile (profile);

  return g_bytes_new_take (data, len);
}

static cmsHPROFILE
make_wide_profile (void)
{
  cmsCIExyY white = { 0.3457, 0.3585, 1.0 };
  cmsCIExyYTRIPLE primaries = {
    { 0.7347, 0.2653, 1.0 }, { 0.1596, 0.8404, 1.0 }, { 0.0366, 0.0001, 1.0 },
  };
  cmsToneCurve *linear = cmsBuildGamma (NULL, 1.0);
  cmsToneCurve *curves[3] = { linear, linear, linear };
  cmsHPROFILE profile = cmsCreateRGBProfile (&white, &primaries, curves);
  cmsMLU *mlu = cmsMLUalloc (NULL, 1);

  cmsMLUsetASCII (mlu, "en", "US", CS_TEST_PROFILE_DESCRIPTION);
  cmsWriteTag (profile, cmsSigProfileDescriptionTag, mlu);
  cmsMLUfree (mlu);
  cmsFreeToneCurve (linear);

  return profile;
}

GBytes *
cs_test_color_profile (CsTestProfile kind)
{
  g_autoptr(GBytes) wide = NULL;
  cmsToneCurve *curve;
  cmsHPROFILE gray;

  switch (kind)
    {
    case CS_TEST_PROFILE_WIDE:
      return save_profile (make_wide_profile ());

    case CS_TEST_PROFILE_DAMAGED:
      wide = save_profile (make_wide_profile ());
      return g_bytes_new_from_bytes (wide, 0, 140);

    case CS_TEST_PROFILE_GRAY:
      curve = cmsBuildGamma (NULL, 2.2);
      gray = cmsCreateGrayProfile (cmsD50_xyY (), curve);
      cmsFreeToneCurve (curve);
      return save_profile (gray);

    case CS_TEST_PROFILE_NONE:
    default:
      return NULL;
    }
}

void
cs_test_color_raw_pixel (gboolean  flat,
                         int       x,
                         int       y,
                         guint8   *rgb)
{
  rgb[0] = flat ? 60 : (guint8) (x & 0xff);
  rgb[1] = flat ? 140 : (guint8) (y & 0xff);
  rgb[2] = flat ? 200 : (guint8) ((x + 2 * y) & 0xff);
}

char *
cs_test_write_color_slide (const char    *dir,
                           const char    *name,
                           CsTestProfile  kind,
                           gboolean       jpeg,
                           gboolean       flat)
{
  g_autoptr(GBytes) profile = cs_test_color_profile (kind);
  g_autofree guint8 *tile = g_malloc (256 * 256 * 3);
  char *path = g_build_filename (dir, name, NULL);
  TIFF *tiff = TIFFOpen (path, "w");

  g_assert_nonnull (tiff);
  TIFFSetField (tiff, TIFFTAG_IMAGEWIDTH, CS_TEST_COLOR_SIZE);
  TIFFSetField (tiff, TIFFTAG_IMAGELENGTH, CS_TEST_COLOR_SIZE);
  TIFFSetField (tiff, TIFFTAG_TILEWIDTH, 256);
  TIFFSetField (tiff, TIFFTAG_TILELENGTH, 256);
  TIFFSetField (tiff, TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField (tiff, TIFFTAG_SAMPLESPERPIXEL, 3);
  TIFFSetField (tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField (tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
  TIFFSetField (tiff, TIFFTAG_COMPRESSION, jpeg ? COMPRESSION_JPEG : COMPRESSION_NONE);
  if (jpeg)
    TIFFSetField (tiff, TIFFTAG_JPEGQUALITY, 90);
  if (profile != NULL)
    TIFFSetField (tiff, TIFFTAG_ICCPROFILE, (guint32) g_bytes_get_size (profile),
                  g_bytes_get_data (profile, NULL));

  for (int y0 = 0; y0 < CS_TEST_COLOR_SIZE; y0 += 256)
    for (int x0 = 0; x0 < CS_TEST_COLOR_SIZE; x0 += 256)
      {
        for (int y = 0; y < 256; y++)
          for (int x = 0; x < 256; x++)
            cs_test_color_raw_pixel (flat, x0 + x, y0 + y, tile + ((gsize) y * 256 + x) * 3);
        g_assert_cmpint (TIFFWriteTile (tiff, tile, x0, y0, 0, 0), >, 0);
      }
  g_assert_true (TIFFWriteDirectory (tiff));
  TIFFClose (tiff);

  return path;
}

guint32
cs_test_color_pack (const guint8 *rgb)
{
  return 0xff000000u | ((guint32) rgb[0] << 16) | ((guint32) rgb[1] << 8) | rgb[2];
}

void
cs_test_color_to_srgb (const guint32 *raw,
                       guint32       *out,
                       gsize          n)
{
  g_autoptr(GBytes) bytes = cs_test_color_profile (CS_TEST_PROFILE_WIDE);
  cmsHPROFILE input = cmsOpenProfileFromMem (g_bytes_get_data (bytes, NULL),
                                             (cmsUInt32Number) g_bytes_get_size (bytes));
  cmsHPROFILE srgb = cmsCreate_sRGBProfile ();
  cmsHTRANSFORM transform = cmsCreateTransform (input, TYPE_RGB_8, srgb, TYPE_RGB_8,
                                                INTENT_PERCEPTUAL, 0);

  for (gsize i = 0; i < n; i++)
    {
      guint8 in[3] = { (raw[i] >> 16) & 0xff, (raw[i] >> 8) & 0xff, raw[i] & 0xff };
      guint8 rgb[3];

      cmsDoTransform (transform, in, rgb, 1);
      out[i] = cs_test_color_pack (rgb);
    }
  cmsDeleteTransform (transform);
  cmsCloseProfile (srgb);
  cmsCloseProfile (input);
}
