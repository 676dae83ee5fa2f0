/* cs-test-color.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Slides with embedded ICC profiles, written with libtiff; the profiles
 * are made with lcms2. The wide profile (gamma 1.0, wide primaries,
 * described as CS_TEST_PROFILE_DESCRIPTION) is far from sRGB. */

#define CS_TEST_PROFILE_DESCRIPTION "Consilium test RGB"
#define CS_TEST_COLOR_SIZE          512

typedef enum
{
  CS_TEST_PROFILE_NONE,
  CS_TEST_PROFILE_WIDE,
  CS_TEST_PROFILE_DAMAGED,   /* a real header, its tag table cut off */
  CS_TEST_PROFILE_GRAY,
} CsTestProfile;

/* The profile's bytes, or %NULL for CS_TEST_PROFILE_NONE. */
GBytes  *cs_test_color_profile    (CsTestProfile   kind);
/* A DICOM whole-slide image of one flat-coloured level (as
 * cs_test_color_raw_pixel (TRUE, …)), CS_TEST_COLOR_SIZE² in four
 * uncompressed 256-pixel frames, 0.5 µm per pixel, with @profile in its
 * optical path (cs-test-dicom.c). */
char    *cs_test_write_dicom_slide (const char    *dir,
                                    const char    *name,
                                    CsTestProfile  profile);

/* Pixel (@x, @y) of a colour slide: a pattern of every channel value, or
 * one flat colour (@flat) for tests that look at a view. */
void     cs_test_color_raw_pixel  (gboolean        flat,
                                   int             x,
                                   int             y,
                                   guint8         *rgb);
/* One level of CS_TEST_COLOR_SIZE² in 256-pixel tiles, uncompressed
 * (OpenSlide's path) or JPEG (Consilium's direct path). */
char    *cs_test_write_color_slide (const char    *dir,
                                    const char    *name,
                                    CsTestProfile  profile,
                                    gboolean       jpeg,
                                    gboolean       flat);
/* lcms2's own transform of @n opaque ARGB32 pixels from the wide profile
 * to sRGB, computed on plain RGB bytes. */
void     cs_test_color_to_srgb    (const guint32  *raw,
                                   guint32        *out,
                                   gsize           n);
guint32  cs_test_color_pack       (const guint8   *rgb);

G_END_DECLS
