/* cs-dicom-uid.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-dicom-writer"

#include "config.h"

#include "cs-dicom-writer.h"

#include <string.h>

/* UIDs: "2.25." and a UUID's 128 bits as one decimal integer (PS3.5
 * §B.2), by long division of the 16 bytes by 10. */
static char *
uid_from_uuid_bytes (const guint8 uuid[16])
{
  guint8 number[16];
  char digits[40];
  guint n_digits = 0;
  gboolean zero = FALSE;
  GString *uid = g_string_new ("2.25.");

  memcpy (number, uuid, 16);
  while (!zero)
    {
      guint remainder = 0;

      zero = TRUE;
      for (guint i = 0; i < 16; i++)
        {
          guint value = (remainder << 8) | number[i];

          number[i] = value / 10;
          remainder = value % 10;
          if (number[i] != 0)
            zero = FALSE;
        }
      digits[n_digits++] = '0' + remainder;
    }
  while (n_digits > 0)
    g_string_append_c (uid, digits[--n_digits]);
  return g_string_free (uid, FALSE);
}

static gboolean
parse_uuid (const char *text,
            guint8      uuid[16])
{
  guint n = 0;

  for (const char *p = text; *p != '\0' && n < 32; p++)
    {
      int value = g_ascii_xdigit_value (*p);

      if (*p == '-')
        continue;
      if (value < 0)
        return FALSE;
      uuid[n / 2] = (n % 2 == 0) ? value << 4 : (uuid[n / 2] | value);
      n++;
    }
  return n == 32;
}

char *
cs_dicom_uid_random (void)
{
  g_autofree char *text = g_uuid_string_random ();
  guint8 uuid[16];

  if (!parse_uuid (text, uuid))
    g_assert_not_reached ();
  return uid_from_uuid_bytes (uuid);
}

char *
cs_dicom_uid_from_name (const char *name)
{
  /* Consilium's namespace, itself a random UUID. */
  static const char namespace_uuid[] = "6f1c2b1e-5a7d-4f38-9e8b-2c0d6a4e9b71";
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  guint8 uuid[16];

  if (!parse_uuid (namespace_uuid, uuid))
    g_assert_not_reached ();
  g_checksum_update (checksum, uuid, 16);
  g_checksum_update (checksum, (const guchar *) name, strlen (name));
  g_checksum_get_digest (checksum, digest, &digest_len);
  memcpy (uuid, digest, 16);
  uuid[6] = (uuid[6] & 0x0f) | 0x50;  /* version 5 */
  uuid[8] = (uuid[8] & 0x3f) | 0x80;  /* RFC 4122 variant */
  return uid_from_uuid_bytes (uuid);
}
