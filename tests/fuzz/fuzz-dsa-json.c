/* fuzz-dsa-json.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-fuzz.h"

#include "cs-dsa-json.h"

/* DSA / HistomicsUI JSON (cs-dsa-json.c). */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CsAnnotationImport) result = cs_annotation_import_new (CS_ANNOTATION_FORMAT_DSA);
  g_autoptr(GError) error = NULL;

  cs_fuzz_init ();
  if (!cs_dsa_json_read ((const char *) data, size, "fuzz.json", result, &error))
    g_assert (error != NULL);

  return 0;
}
