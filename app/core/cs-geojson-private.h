/* cs-geojson-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-annotation-io.h"

G_BEGIN_DECLS

/* Shared by the GeoJSON reader and writer (cs-geojson.c,
 * cs-geojson-write.c): JSON text helpers and the keys that map metadata
 * strings to CsAnnotation fields. */

#define CS_GEOJSON_KEY_DESCRIPTION "ANNOTATION_DESCRIPTION"
#define CS_GEOJSON_KEY_AUTHOR      "consilium.author"
#define CS_GEOJSON_KEY_INSTITUTION "consilium.institution"
#define CS_GEOJSON_KEY_CREATED     "consilium.created"
#define CS_GEOJSON_KEY_MODIFIED    "consilium.modified"
#define CS_GEOJSON_KEY_HIDDEN      "consilium.hidden"
/* Extra keys that the writer puts back where the reader found them. */
#define CS_GEOJSON_EXTRA_PLANE       "plane"
#define CS_GEOJSON_EXTRA_OBJECT_TYPE "qupath.objectType"
#define CS_GEOJSON_EXTRA_MEASUREMENT "measurement:"

void      _cs_json_append_string     (GString    *out,
                                      const char *str);
/* Text that reads back as exactly @value, short for integers and for
 * numbers with up to six decimals ("null" when not finite). */
void      _cs_json_append_number     (GString    *out,
                                      double      value);
/* ISO 8601 UTC with microseconds when there are any: exact round trips. */
void      _cs_geojson_append_time    (GString    *out,
                                      gint64      usec);
gboolean  _cs_geojson_parse_time     (const char *str,
                                      gint64     *usec);
gboolean  _cs_geojson_is_reserved_key (const char *key);
/* The most JSON values one Feature (or a bare geometry) may hold, so that
 * a hostile file fails cleanly instead of exhausting memory. For tests;
 * 0 restores the default. */
void      _cs_geojson_set_max_values (guint64     max_values);

/* Reads the app's own store: without the limits on value counts and
 * coordinates that guard against hostile files (it reads back whatever
 * the writer wrote), and keeping every Feature that can be read. FALSE
 * when something could not be read: @n_skipped Features were left out
 * (0 when the file was cut short or is not JSON) and @damage tells the
 * first cause. What was read is in @result either way. */
gboolean  _cs_geojson_read_own       (GInputStream       *stream,
                                      const char         *name,
                                      CsAnnotationImport *result,
                                      guint              *n_skipped,
                                      GError            **damage);

G_END_DECLS
