/* cs-imagescope-xml.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-io.h"

G_BEGIN_DECLS

/* Aperio ImageScope XML (docs/FORMATS.md §4), read with libxml2's reader
 * API, network and entities off; written with xmlTextWriter. Layers are
 * classes; negative regions are holes. */
gboolean cs_imagescope_xml_read  (const char               *data,
                                  gsize                     len,
                                  const char               *name,
                                  CsAnnotationImport       *result,
                                  GError                  **error);
gboolean cs_imagescope_xml_write (GOutputStream            *stream,
                                  GPtrArray                *annotations,
                                  const CsAnnotationExport *context,
                                  GError                  **error);

G_END_DECLS
