/* fuzz-asap-xml.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-fuzz.h"

#include <gio/gio.h>

#include "cs-asap-xml.h"

/* ASAP XML (cs-asap-xml.c): read, and what was read written back out. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CsAnnotationImport) result = cs_annotation_import_new (CS_ANNOTATION_FORMAT_ASAP);
  g_autoptr(GError) error = NULL;

  cs_fuzz_init ();
  if (cs_asap_xml_read ((const char *) data, size, "fuzz.xml", result, &error))
    {
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      CsAnnotationExport context = { .class_colors = result->class_colors };

      if (!cs_asap_xml_write (out, result->annotations, &context, NULL))
        g_error ("writing back what was read failed");
    }
  else
    g_assert (error != NULL);

  return 0;
}
