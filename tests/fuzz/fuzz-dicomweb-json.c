/* fuzz-dicomweb-json.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-fuzz.h"

#include "cs-dicomweb-private.h"
#include "cs-dicomweb-slide-private.h"

#define URL "dicomweb:http://127.0.0.1:1/dicom-web/studies/1.2.3/series/1.2.3.4"

/* DICOMweb JSON answers (cs-dicomweb-json.c): QIDO-RS studies and series,
 * a STOW-RS answer, and WADO-RS series metadata, which is then read as a
 * slide pyramid (cs-dicomweb-metadata.c, cs-dicomweb-slide.c) without a
 * server. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(GPtrArray) studies = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(JsonNode) metadata = NULL;
  g_autoptr(GError) error = NULL;

  cs_fuzz_init ();
  studies = _cs_dicomweb_parse_studies (body, NULL);
  series = _cs_dicomweb_parse_series (body, NULL);
  _cs_dicomweb_check_stored (body, NULL);

  metadata = _cs_dicomweb_parse_metadata (body, &error);
  if (metadata != NULL)
    {
      g_autoptr(CsDicomwebPyramid) pyramid = _cs_dicomweb_pyramid_new_from_metadata (URL,
                                                                                     metadata,
                                                                                     &error);

      if (pyramid == NULL)
        g_assert (error != NULL);
    }
  else
    g_assert (error != NULL);

  return 0;
}
