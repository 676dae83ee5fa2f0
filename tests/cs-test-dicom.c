/* cs-test-dicom.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-dicom-writer.h"
#include "cs-test-color.h"

/* A minimal DICOM whole-slide image (VL Whole Slide Microscopy Image
 * Storage, TILED_FULL, explicit VR little endian, uncompressed RGB), with
 * the attributes OpenSlide 4's DICOM reader and libdicom need. Sequences
 * and items have undefined lengths, closed by delimiters, so that nothing
 * needs measuring but the file meta group. */

#define WSI_SOP_CLASS   "1.2.840.10008.5.1.4.1.1.77.1.6"
#define EXPLICIT_VR_LE  "1.2.840.10008.1.2.1"
#define UID_ROOT        "1.2.826.0.1.3680043.10.1234."
#define UNDEFINED       0xffffffffu

static void
put_header (GByteArray *out,
            guint32     tag,
            const char *vr,
            guint32     length)
{
  gboolean long_form = strstr ("OB OW OF SQ UN UT UC UR", vr) != NULL;

  cs_dicom_append_u16 (out, tag >> 16);
  cs_dicom_append_u16 (out, tag & 0xffff);
  g_byte_array_append (out, (const guint8 *) vr, 2);
  if (long_form)
    {
      cs_dicom_append_u16 (out, 0);
      cs_dicom_append_u32 (out, length);
    }
  else
    {
      cs_dicom_append_u16 (out, (guint16) length);
    }
}

/* A value padded to even length: UIDs and bytes with NUL, text with a
 * space. */
static void
put_bytes (GByteArray   *out,
           guint32       tag,
           const char   *vr,
           const guint8 *data,
           gsize         len)
{
  gboolean odd = len % 2 != 0;

  put_header (out, tag, vr, (guint32) (len + odd));
  g_byte_array_append (out, data, (guint) len);
  if (odd)
    g_byte_array_append (out, (const guint8 *) (strcmp (vr, "UI") == 0 ||
                                                strcmp (vr, "OB") == 0 ? "\0" : " "), 1);
}

static void
put_text (GByteArray *out,
          guint32     tag,
          const char *vr,
          const char *text)
{
  put_bytes (out, tag, vr, (const guint8 *) text, strlen (text));
}

static void
put_us (GByteArray *out,
        guint32     tag,
        guint16     value)
{
  put_header (out, tag, "US", 2);
  cs_dicom_append_u16 (out, value);
}

static void
put_ul (GByteArray *out,
        guint32     tag,
        guint32     value)
{
  put_header (out, tag, "UL", 4);
  cs_dicom_append_u32 (out, value);
}

static void
put_fl (GByteArray *out,
        guint32     tag,
        float       value)
{
  guint32 bits;

  memcpy (&bits, &value, 4);
  put_header (out, tag, "FL", 4);
  cs_dicom_append_u32 (out, bits);
}

static void
open_sequence (GByteArray *out,
               guint32     tag)
{
  put_header (out, tag, "SQ", UNDEFINED);
  cs_dicom_append_u16 (out, 0xfffe);
  cs_dicom_append_u16 (out, 0xe000);
  cs_dicom_append_u32 (out, UNDEFINED);
}

/* Ends the one item and its sequence. */
static void
close_sequence (GByteArray *out)
{
  static const guint8 ends[] = { 0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0,
                                 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0 };

  g_byte_array_append (out, ends, sizeof ends);
}

static void
put_meta (GByteArray *out)
{
  g_autoptr(GByteArray) group = g_byte_array_new ();
  static const guint8 version[] = { 0, 1 };

  put_bytes (group, 0x00020001, "OB", version, 2);
  put_text (group, 0x00020002, "UI", WSI_SOP_CLASS);
  put_text (group, 0x00020003, "UI", UID_ROOT "3");
  put_text (group, 0x00020010, "UI", EXPLICIT_VR_LE);
  put_text (group, 0x00020012, "UI", UID_ROOT "9");

  g_byte_array_set_size (out, 128);
  memset (out->data, 0, 128);
  g_byte_array_append (out, (const guint8 *) "DICM", 4);
  put_ul (out, 0x00020000, group->len);
  g_byte_array_append (out, group->data, group->len);
}

static void
put_optical_path (GByteArray *out,
                  GBytes     *profile)
{
  open_sequence (out, 0x00480105);
  open_sequence (out, 0x00220016);
  put_text (out, 0x00080100, "SH", "111744");
  put_text (out, 0x00080102, "SH", "DCM");
  put_text (out, 0x00080104, "LO", "Brightfield illumination");
  close_sequence (out);
  if (profile != NULL)
    put_bytes (out, 0x00282000, "OB", g_bytes_get_data (profile, NULL),
               g_bytes_get_size (profile));
  put_text (out, 0x00480106, "SH", "1");
  close_sequence (out);
}

static void
put_pixels (GByteArray *out)
{
  gsize frame = 256 * 256 * 3;
  gsize start;

  put_header (out, 0x7fe00010, "OB", (guint32) (4 * frame));
  start = out->len;
  g_byte_array_set_size (out, (guint) (start + 4 * frame));
  for (gsize i = 0; i < 4 * 256 * 256; i++)
    cs_test_color_raw_pixel (TRUE, 0, 0, out->data + start + 3 * i);
}

char *
cs_test_write_dicom_slide (const char    *dir,
                           const char    *name,
                           CsTestProfile  kind)
{
  g_autoptr(GBytes) profile = cs_test_color_profile (kind);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  put_meta (out);
  put_text (out, 0x00080008, "CS", "ORIGINAL\\PRIMARY\\VOLUME\\NONE");
  put_text (out, 0x00080016, "UI", WSI_SOP_CLASS);
  put_text (out, 0x00080018, "UI", UID_ROOT "3");
  put_text (out, 0x00080060, "CS", "SM");
  put_text (out, 0x0020000d, "UI", UID_ROOT "1");
  put_text (out, 0x0020000e, "UI", UID_ROOT "2");
  put_text (out, 0x00200010, "SH", "1");
  put_text (out, 0x00200052, "UI", UID_ROOT "4");
  put_text (out, 0x00209311, "CS", "TILED_FULL");
  put_us (out, 0x00280002, 3);
  put_text (out, 0x00280004, "CS", "RGB");
  put_us (out, 0x00280006, 0);
  put_text (out, 0x00280008, "IS", "4");
  put_us (out, 0x00280010, 256);
  put_us (out, 0x00280011, 256);
  put_us (out, 0x00280100, 8);
  put_us (out, 0x00280101, 8);
  put_us (out, 0x00280102, 7);
  put_us (out, 0x00280103, 0);
  put_fl (out, 0x00480001, 0.256f);
  put_fl (out, 0x00480002, 0.256f);
  put_fl (out, 0x00480003, 0.001f);
  put_ul (out, 0x00480006, CS_TEST_COLOR_SIZE);
  put_ul (out, 0x00480007, CS_TEST_COLOR_SIZE);
  open_sequence (out, 0x00480008);
  put_text (out, 0x0040072a, "DS", "0");
  put_text (out, 0x0040073a, "DS", "0");
  close_sequence (out);
  put_us (out, 0x00480013, 1);
  put_optical_path (out, profile);
  put_ul (out, 0x00480302, 1);
  put_ul (out, 0x00480303, 1);
  open_sequence (out, 0x52009229);
  open_sequence (out, 0x00289110);
  put_text (out, 0x00180050, "DS", "0.001");
  put_text (out, 0x00280030, "DS", "0.0005\\0.0005");
  close_sequence (out);
  close_sequence (out);
  put_pixels (out);

  g_file_set_contents (path, (const char *) out->data, out->len, &error);
  g_assert_no_error (error);

  return path;
}
