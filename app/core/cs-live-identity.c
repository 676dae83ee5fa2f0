/* cs-live-identity.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-message"

#include "config.h"

#include <string.h>

#include "cs-live-message.h"
#include "cs-slide-identity.h"

/* The slide identities a live session may carry (FORMATS.md §9): a
 * file's SHA-256 as 64 lowercase hexadecimal digits, or a remote slide's
 * "dicom-series:" and its Series Instance UID. */

#define SHA256_HEX_LEN 64
#define DICOM_UID_MAX 64

gboolean
cs_live_dicom_uid_is_valid (const char *uid)
{
  gsize len;

  if (uid == NULL)
    return FALSE;
  len = strlen (uid);
  if (len == 0 || len > DICOM_UID_MAX || strspn (uid, "0123456789.") != len)
    return FALSE;
  /* Components of one digit at least: no dot first, last or doubled. */
  return uid[0] != '.' && uid[len - 1] != '.' && strstr (uid, "..") == NULL;
}

gboolean
cs_live_slide_identity_is_valid (const char *identity)
{
  if (identity == NULL)
    return FALSE;
  if (g_str_has_prefix (identity, CS_SLIDE_REMOTE_IDENTITY_PREFIX))
    return cs_live_dicom_uid_is_valid (identity + strlen (CS_SLIDE_REMOTE_IDENTITY_PREFIX));
  return strlen (identity) == SHA256_HEX_LEN
         && strspn (identity, "0123456789abcdef") == SHA256_HEX_LEN;
}
