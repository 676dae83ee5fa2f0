/* cs-slide-color.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide"

#include "config.h"

#include <glib/gi18n.h>
#include <lcms2.h>
#include <string.h>
#include <wchar.h>

#include "cs-core-private.h"
#include "cs-slide-private.h"

/* A slide's embedded ICC colour profile, and the transform from it to
 * sRGB that turns decoded pixels into display pixels.
 *
 * The profile comes from OpenSlide 4 (openslide_read_icc_profile) where the
 * build has it, and otherwise from the TIFF ICCPROFILE tag of directory 0,
 * so that TIFF-based slides get the same colours with OpenSlide 3.4.1.
 *
 * The transform is immutable once built and created without lcms2's
 * one-pixel cache (cmsFLAGS_NOCACHE), so any number of loader threads may
 * run it at once. A profile that lcms2 cannot use is no error for the
 * slide: it opens untransformed, with a warning saying why. */

/* Real profiles are a few KiB to a few MiB; anything larger is not one. */
#define MAX_PROFILE_BYTES (16 * 1024 * 1024)

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
#define CAIRO_ARGB32_FORMAT TYPE_BGRA_8_PREMUL
#else
#define CAIRO_ARGB32_FORMAT TYPE_ARGB_8_PREMUL
#endif

struct _CsColorTransform
{
  cmsHTRANSFORM  transform;
  char          *description;
};

static GBytes *
read_tiff_profile (const char *path)
{
  g_autoptr(TIFF) tiff = NULL;
  guint32 count = 0;
  const guint8 *data = NULL;

  if (_cs_raster_sniff (path) != CS_RASTER_KIND_TIFF)
    return NULL;

  _cs_raster_install_tiff_handlers ();
  tiff = TIFFOpen (path, "rm");
  if (tiff == NULL || !TIFFGetField (tiff, TIFFTAG_ICCPROFILE, &count, &data) ||
      count == 0 || data == NULL)
    return NULL;

  return g_bytes_new (data, count);
}

#if HAVE_OPENSLIDE_ICC
static GBytes *
read_openslide_profile (openslide_t *osr)
{
  gint64 size = openslide_get_icc_profile_size (osr);
  g_autofree guint8 *data = NULL;

  if (size <= 0 || size > MAX_PROFILE_BYTES)
    return NULL;

  data = g_malloc (size);
  openslide_read_icc_profile (osr, data);
  if (openslide_get_error (osr) != NULL)
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&data), size);
}
#endif

/**
 * _cs_slide_read_icc_profile:
 * @path: the slide file
 * @osr: (nullable): its OpenSlide handle, or %NULL for a plain image
 *
 * The slide's embedded ICC profile: OpenSlide's when this build has
 * OpenSlide 4, else the TIFF tag of a TIFF-based file.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL when none
 */
GBytes *
_cs_slide_read_icc_profile (const char  *path,
                            openslide_t *osr)
{
#if HAVE_OPENSLIDE_ICC
  if (osr != NULL)
    {
      g_autoptr(GBytes) profile = read_openslide_profile (osr);

      if (profile != NULL)
        return g_steal_pointer (&profile);
    }
#endif

  return read_tiff_profile (path);
}

static char *
dup_description (cmsHPROFILE profile)
{
  G_STATIC_ASSERT (sizeof (wchar_t) == sizeof (gunichar));
  cmsUInt32Number size;
  g_autofree wchar_t *text = NULL;
  char *utf8;

  size = cmsGetProfileInfo (profile, cmsInfoDescription, "en", "US", NULL, 0);
  if (size < sizeof (wchar_t))
    return NULL;

  text = g_malloc0 (size + sizeof (wchar_t));
  cmsGetProfileInfo (profile, cmsInfoDescription, "en", "US", text, size);
  utf8 = g_ucs4_to_utf8 ((const gunichar *) text, -1, NULL, NULL, NULL);
  if (utf8 != NULL && *g_strstrip (utf8) == '\0')
    g_clear_pointer (&utf8, g_free);

  return utf8;
}

static void
close_profile (cmsHPROFILE profile)
{
  if (profile != NULL)
    cmsCloseProfile (profile);
}

/**
 * _cs_color_transform_new:
 * @profile: an ICC profile's bytes
 * @error: where the reason goes when it cannot be used
 *
 * Builds the transform from @profile to sRGB for premultiplied ARGB32.
 *
 * Returns: (transfer full) (nullable): the transform, or %NULL with @error
 *   set when the profile is damaged, too large or not an RGB profile
 */
CsColorTransform *
_cs_color_transform_new (GBytes  *profile,
                         GError **error)
{
  gsize size = g_bytes_get_size (profile);
  cmsHPROFILE input = NULL;
  cmsHPROFILE srgb = NULL;
  CsColorTransform *self;

  if (size > MAX_PROFILE_BYTES)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("it is too large to be a colour profile"));
      return NULL;
    }

  input = cmsOpenProfileFromMem (g_bytes_get_data (profile, NULL), (cmsUInt32Number) size);
  if (input == NULL)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("it is damaged"));
      return NULL;
    }
  if (cmsGetColorSpace (input) != cmsSigRgbData)
    {
      close_profile (input);
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("it is not an RGB profile"));
      return NULL;
    }

  self = g_new0 (CsColorTransform, 1);
  srgb = cmsCreate_sRGBProfile ();
  self->transform = cmsCreateTransform (input, CAIRO_ARGB32_FORMAT, srgb, CAIRO_ARGB32_FORMAT,
                                        INTENT_PERCEPTUAL,
                                        cmsFLAGS_NOCACHE | cmsFLAGS_COPY_ALPHA);
  self->description = dup_description (input);
  close_profile (srgb);
  close_profile (input);

  if (self->transform == NULL)
    {
      _cs_color_transform_free (self);
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("it cannot be converted to sRGB"));
      return NULL;
    }

  return self;
}

void
_cs_color_transform_free (CsColorTransform *self)
{
  if (self == NULL)
    return;

  if (self->transform != NULL)
    cmsDeleteTransform (self->transform);
  g_free (self->description);
  g_free (self);
}

/* The profile's own name for itself ("Adobe RGB (1998)"), or %NULL. */
const char *
_cs_color_transform_get_description (CsColorTransform *self)
{
  return self ? self->description : NULL;
}

/* Converts @n_pixels premultiplied ARGB32 pixels in place. Thread-safe. */
void
_cs_color_transform_apply (CsColorTransform *self,
                           guint32          *pixels,
                           gsize             n_pixels)
{
  while (n_pixels > 0)
    {
      cmsUInt32Number chunk = (cmsUInt32Number) MIN (n_pixels, G_MAXINT32);

      cmsDoTransform (self->transform, pixels, pixels, chunk);
      pixels += chunk;
      n_pixels -= chunk;
    }
}
