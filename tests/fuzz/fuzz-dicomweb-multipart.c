/* fuzz-dicomweb-multipart.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-fuzz.h"

#include <string.h>

#include "cs-dicomweb-private.h"

/* A WADO-RS frame answer (cs-dicomweb-multipart.c): the input's first line
 * is the response's Content-Type, the rest its multipart/related body. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const uint8_t *eol = memchr (data, '\n', size);
  g_autofree char *content_type = NULL;
  g_autofree char *syntax = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(GError) error = NULL;

  cs_fuzz_init ();
  if (eol == NULL)
    return 0;
  content_type = g_strndup ((const char *) data, eol - data);
  /* a header value as libsoup hands it over: never a line break */
  if (strchr (content_type, '\r') != NULL)
    return 0;
  body = g_bytes_new (eol + 1, size - (eol + 1 - data));
  frame = _cs_dicomweb_parse_frame (content_type, body, &syntax, &error);
  if (frame == NULL)
    g_assert (error != NULL);
  else
    g_assert (syntax != NULL);

  return 0;
}
