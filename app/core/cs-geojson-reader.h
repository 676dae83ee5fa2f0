/* cs-geojson-reader.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <yajl/yajl_parse.h>

#include "cs-geojson.h"

G_BEGIN_DECLS

/* Internals of the streaming GeoJSON reader, shared by cs-geojson.c (the
 * yajl driver), cs-geojson-geometry.c and cs-geojson-feature.c (turning
 * one Feature's value tree into annotations). */

#define MAX_DEPTH      64
#define MAX_COORDINATE 1e9
/* Our own store: any finite number, as many values as were written. */
#define MAX_COORDINATE_OWN G_MAXDOUBLE

typedef enum
{
  VALUE_NULL,
  VALUE_BOOL,
  VALUE_NUMBER,
  VALUE_STRING,
  VALUE_ARRAY,
  VALUE_OBJECT,
} ValueType;

typedef struct
{
  ValueType  type;
  gboolean   stream;   /* elements are converted as they close */
  guint      line;
  char      *key;      /* member name inside an object */
  union
  {
    gboolean   boolean;
    double     number;
    char      *string;
    GPtrArray *items;  /* Value, for arrays and objects */
  } v;
} Value;

typedef struct
{
  const char         *name;
  GError             *error;
  yajl_handle         handle;

  /* Line counting: newlines seen in the current chunk up to @counted. */
  const guchar       *chunk;
  gsize               chunk_len;
  gsize               counted;
  guint               line;

  GPtrArray          *stack;    /* Value being built, innermost last */
  char               *key;      /* pending member name */
  Value              *root;     /* the top-level value, when not streamed */
  gboolean            done;     /* the top-level value has closed */
  gboolean            content;  /* a byte other than white space was fed */
  gboolean            keep_ids; /* our own file (or a journal line): ids kept as they are */

  guint64             n_values; /* in the unit being built */
  guint64             max_values;
  double              max_coordinate;

  /* Our own store: a Feature that cannot be read is skipped, counted and
   * the first cause kept, and a file cut short keeps what came before. */
  gboolean            lenient;
  guint               n_skipped;
  GError             *skipped;

  CsAnnotationImport *scratch;  /* what was read so far, handed over at the end */
  GHashTable         *ids;      /* ids taken, to keep them unique */
} Reader;

#define reader_warn(self, ...) cs_annotation_import_warn ((self)->scratch, __VA_ARGS__)
#define reader_fail(self, line, ...) \
  _cs_geojson_reader_fail ((self), CS_ANNOTATION_ERROR_PARSE, (line), __VA_ARGS__)
#define type_name(type) _cs_geojson_type_name (type)

typedef struct
{
  CsShape     shape;
  CsGeometry *geometry;
  gboolean    is_ellipse;
  char       *plane;
} GeometryItem;

void          _cs_geojson_value_free          (gpointer     data);
void          _cs_geojson_reader_fail         (Reader      *self,
                                               int          code,
                                               guint        line,
                                               const char  *format,
                                               ...) G_GNUC_PRINTF (4, 5);

/* cs-geojson-geometry.c */
Value        *_cs_geojson_value_get           (Value       *object,
                                               const char  *key);
const char   *_cs_geojson_type_name           (ValueType    type);
gboolean      _cs_geojson_get_typed           (Reader      *self,
                                               Value       *object,
                                               const char  *key,
                                               ValueType    type,
                                               Value      **out);
gboolean      _cs_geojson_get_string          (Reader      *self,
                                               Value       *object,
                                               const char  *key,
                                               const char **out);
void          _cs_geojson_value_to_json       (GString     *out,
                                               Value       *value);
gboolean      _cs_geojson_is_geometry_type    (const char  *type);
gboolean      _cs_geojson_read_geometry       (Reader      *self,
                                               Value       *value,
                                               guint        depth,
                                               GPtrArray   *items);
void          _cs_geojson_geometry_item_free  (gpointer     data);

/* cs-geojson-feature.c */
gboolean      _cs_geojson_convert_element     (Reader      *self,
                                               Value       *value);
gboolean      _cs_geojson_convert_root        (Reader      *self,
                                               Value       *root);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Value, _cs_geojson_value_free)

G_END_DECLS
