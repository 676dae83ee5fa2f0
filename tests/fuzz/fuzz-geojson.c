/* fuzz-geojson.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-fuzz.h"

#include <gio/gio.h>

#include "cs-geojson.h"

/* GeoJSON (cs-geojson*.c): the streaming reader, what it read written back
 * out, and the one-Feature parser of the journal and the clipboard. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(CsAnnotationImport) result = cs_annotation_import_new (CS_ANNOTATION_FORMAT_GEOJSON);
  g_autoptr(CsAnnotation) feature = NULL;
  g_autoptr(GError) error = NULL;

  cs_fuzz_init ();
  if (cs_geojson_read (in, "fuzz.geojson", result, NULL, &error))
    {
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      CsAnnotationExport context = { .class_colors = result->class_colors };

      if (!cs_geojson_write (out, result->annotations, &context, NULL, NULL))
        g_error ("writing back what was read failed");
    }
  else
    g_assert (error != NULL);

  feature = cs_geojson_parse_feature ((const char *) data, size, NULL);

  return 0;
}
