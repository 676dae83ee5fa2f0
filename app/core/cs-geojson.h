/* cs-geojson.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-io.h"

G_BEGIN_DECLS

/* QuPath-compatible GeoJSON (docs/FORMATS.md §2, §7): read with yajl as a
 * stream, a feature at a time, so 100,000 polygons need no DOM; written by
 * a streaming writer with g_ascii_dtostr numbers (exact round trips). */

/* Reads a FeatureCollection, a Feature array, one Feature or a bare
 * geometry from @stream into @result. @name is for error messages. */
gboolean  cs_geojson_read            (GInputStream       *stream,
                                      const char         *name,
                                      CsAnnotationImport *result,
                                      GCancellable       *cancellable,
                                      GError            **error);
/* A FeatureCollection with the native "consilium" header. */
gboolean  cs_geojson_write           (GOutputStream            *stream,
                                      GPtrArray                *annotations,
                                      const CsAnnotationExport *context,
                                      GCancellable             *cancellable,
                                      GError                  **error);
/* One Feature as compact JSON on one line (no newline): the journal's
 * and the clipboard's unit. */
void          cs_geojson_append_feature (GString      *out,
                                         CsAnnotation *annotation,
                                         GHashTable   *class_colors);
/* Parses one Feature object; its id is kept as it is. (A file keeps ids
 * as they are only when it has our "consilium" header; elsewhere only
 * UUIDs are kept.) */
CsAnnotation *cs_geojson_parse_feature  (const char   *json,
                                         gsize         len,
                                         GError      **error);

G_END_DECLS
