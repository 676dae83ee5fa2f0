/* cs-geojson.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-geojson"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "cs-geojson.h"
#include "cs-geojson-private.h"

/* The GeoJSON reader (docs/FORMATS.md §2, §7 "Reading"). yajl delivers
 * events; we build a small value tree for one Feature (or one bare
 * geometry) at a time and turn it into annotations when it closes, so a
 * FeatureCollection of 100,000 polygons never exists as a DOM. The
 * elements of the top-level array, or of the top-level object's
 * "features" array, are the streamed units.
 *
 * All or nothing: annotations are collected aside and handed to the
 * result only when the whole file has been read. Pure functions, any
 * thread. */

#define MAX_DEPTH      64
#define MAX_COORDINATE 1e9
#define CHUNK_SIZE     (64 * 1024)

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

  CsAnnotationImport *scratch;  /* what was read so far, handed over at the end */
  GHashTable         *ids;      /* ids taken, to keep them unique */
} Reader;

#define reader_warn(self, ...) cs_annotation_import_warn ((self)->scratch, __VA_ARGS__)

static void
value_free (gpointer data)
{
  Value *value = data;

  if (value == NULL)
    return;
  g_free (value->key);
  if (value->type == VALUE_STRING)
    g_free (value->v.string);
  else if (value->type == VALUE_ARRAY || value->type == VALUE_OBJECT)
    g_ptr_array_unref (value->v.items);
  g_free (value);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Value, value_free)

static guint
reader_line (Reader *self)
{
  gsize consumed;

  if (self->chunk == NULL)
    return self->line;
  consumed = MIN (yajl_get_bytes_consumed (self->handle), self->chunk_len);
  for (; self->counted < consumed; self->counted++)
    if (self->chunk[self->counted] == '\n')
      self->line++;
  return self->line;
}

static void G_GNUC_PRINTF (3, 4)
reader_fail (Reader     *self,
             guint       line,
             const char *format,
             ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  if (self->error != NULL)
    return;
  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (&self->error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE,
               _("%s, line %u: %s"), self->name, line, detail);
}

/* ---- Value lookup ------------------------------------------------------ */

static Value *
value_get (Value      *object,
           const char *key)
{
  if (object == NULL || object->type != VALUE_OBJECT)
    return NULL;
  for (guint i = 0; i < object->v.items->len; i++)
    {
      Value *member = object->v.items->pdata[i];

      if (g_str_equal (member->key, key))
        return member;
    }
  return NULL;
}

static const char *
type_name (ValueType type)
{
  switch (type)
    {
    case VALUE_NULL:
      return "null";
    case VALUE_BOOL:
      return _("a boolean");
    case VALUE_NUMBER:
      return _("a number");
    case VALUE_STRING:
      return _("a string");
    case VALUE_ARRAY:
      return _("an array");
    case VALUE_OBJECT:
    default:
      return _("an object");
    }
}

/* A member of the wanted type, or NULL when absent or null; FALSE (and
 * an error naming the line) when it has another type. */
static gboolean
get_typed (Reader     *self,
           Value      *object,
           const char *key,
           ValueType   type,
           Value     **out)
{
  Value *member = value_get (object, key);

  *out = NULL;
  if (member == NULL || member->type == VALUE_NULL)
    return TRUE;
  if (member->type != type)
    {
      reader_fail (self, member->line, _("“%s” must be %s, not %s"), key, type_name (type),
                   type_name (member->type));
      return FALSE;
    }
  *out = member;
  return TRUE;
}

static gboolean
get_string (Reader      *self,
            Value       *object,
            const char  *key,
            const char **out)
{
  Value *member;

  if (!get_typed (self, object, key, VALUE_STRING, &member))
    return FALSE;
  *out = member != NULL ? member->v.string : NULL;
  return TRUE;
}

/* ---- Geometry ---------------------------------------------------------- */

typedef struct
{
  CsShape     shape;
  CsGeometry *geometry;
  gboolean    is_ellipse;
  char       *plane;
} GeometryItem;

static void
geometry_item_free (gpointer data)
{
  GeometryItem *item = data;

  g_clear_pointer (&item->geometry, cs_geometry_unref);
  g_free (item->plane);
  g_free (item);
}

static gboolean
read_position (Reader  *self,
               Value   *value,
               CsPoint *point)
{
  double xy[2];

  if (value->type != VALUE_ARRAY || value->v.items->len < 2)
    {
      reader_fail (self, value->line, _("a position must be an array of two numbers"));
      return FALSE;
    }
  for (guint i = 0; i < value->v.items->len; i++)
    {
      Value *number = value->v.items->pdata[i];

      if (number->type != VALUE_NUMBER)
        {
          reader_fail (self, number->line, _("a coordinate must be a number, not %s"),
                       type_name (number->type));
          return FALSE;
        }
      if (i < 2 && fabs (number->v.number) > MAX_COORDINATE)
        {
          reader_fail (self, number->line, _("coordinate %g is out of range"), number->v.number);
          return FALSE;
        }
      if (i < 2)
        xy[i] = number->v.number;
    }
  point->x = xy[0];
  point->y = xy[1];
  return TRUE;
}

static gboolean
expect_array (Reader     *self,
              Value      *value,
              const char *what)
{
  if (value->type == VALUE_ARRAY)
    return TRUE;
  reader_fail (self, value->line, _("%s must be an array, not %s"), what, type_name (value->type));
  return FALSE;
}

/* A list of positions; a closed ring loses its repeated last point. */
static gboolean
read_ring (Reader     *self,
           Value      *value,
           gboolean    closed,
           CsGeometry *geometry)
{
  g_autoptr(GArray) points = NULL;

  if (!expect_array (self, value, _("A list of positions")))
    return FALSE;
  points = g_array_sized_new (FALSE, FALSE, sizeof (CsPoint), value->v.items->len);
  for (guint i = 0; i < value->v.items->len; i++)
    {
      CsPoint p;

      if (!read_position (self, value->v.items->pdata[i], &p))
        return FALSE;
      g_array_append_val (points, p);
    }
  if (closed && points->len > 1)
    {
      CsPoint *first = &g_array_index (points, CsPoint, 0);
      CsPoint *last = &g_array_index (points, CsPoint, points->len - 1);

      if (first->x == last->x && first->y == last->y)
        g_array_set_size (points, points->len - 1);
    }
  cs_geometry_add_ring (geometry, (CsPoint *) points->data, points->len);
  return TRUE;
}

static gboolean
read_polygon (Reader     *self,
              Value      *value,
              CsGeometry *geometry)
{
  if (!expect_array (self, value, _("A polygon")))
    return FALSE;
  cs_geometry_add_part (geometry);
  for (guint i = 0; i < value->v.items->len; i++)
    if (!read_ring (self, value->v.items->pdata[i], TRUE, geometry))
      return FALSE;
  return TRUE;
}

/* Reads coordinates of a simple geometry type into @geometry and sets
 * @shape; FALSE with an error, or with *known FALSE for a type that is not
 * one of these. */
static gboolean
read_coordinates (Reader     *self,
                  const char *type,
                  Value      *coords,
                  CsGeometry *geometry,
                  CsShape    *shape)
{
  gboolean multi = g_str_has_prefix (type, "Multi");

  if (g_str_equal (type, "Point"))
    {
      CsPoint p;

      *shape = CS_SHAPE_POINTS;
      if (!read_position (self, coords, &p))
        return FALSE;
      cs_geometry_add_ring (geometry, &p, 1);
      return TRUE;
    }
  if (!expect_array (self, coords, "coordinates"))
    return FALSE;
  if (g_str_equal (type, "MultiPoint") || g_str_equal (type, "LineString"))
    {
      *shape = multi ? CS_SHAPE_POINTS : CS_SHAPE_LINE;
      return read_ring (self, coords, FALSE, geometry);
    }
  *shape = g_str_equal (type, "MultiLineString") ? CS_SHAPE_LINE : CS_SHAPE_POLYGON;
  if (g_str_equal (type, "Polygon"))
    return read_polygon (self, coords, geometry);
  for (guint i = 0; i < coords->v.items->len; i++)
    {
      Value *element = coords->v.items->pdata[i];

      if (*shape == CS_SHAPE_POLYGON && !read_polygon (self, element, geometry))
        return FALSE;
      if (*shape == CS_SHAPE_LINE)
        {
          cs_geometry_add_part (geometry);
          if (!read_ring (self, element, FALSE, geometry))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
is_simple_geometry_type (const char *type)
{
  static const char *const types[] = {
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (type, types[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_geometry_type (const char *type)
{
  return is_simple_geometry_type (type) || g_str_equal (type, "GeometryCollection");
}

static void
value_to_json (GString *out,
               Value   *value)
{
  gboolean object = value->type == VALUE_OBJECT;

  switch (value->type)
    {
    case VALUE_NULL:
      g_string_append (out, "null");
      break;
    case VALUE_BOOL:
      g_string_append (out, value->v.boolean ? "true" : "false");
      break;
    case VALUE_NUMBER:
      _cs_json_append_number (out, value->v.number);
      break;
    case VALUE_STRING:
      _cs_json_append_string (out, value->v.string);
      break;
    case VALUE_ARRAY:
    case VALUE_OBJECT:
    default:
      g_string_append_c (out, object ? '{' : '[');
      for (guint i = 0; i < value->v.items->len; i++)
        {
          Value *item = value->v.items->pdata[i];

          if (i > 0)
            g_string_append_c (out, ',');
          if (object)
            {
              _cs_json_append_string (out, item->key);
              g_string_append_c (out, ':');
            }
          value_to_json (out, item);
        }
      g_string_append_c (out, object ? '}' : ']');
    }
}

static gboolean read_geometry (Reader    *self,
                               Value     *value,
                               guint      depth,
                               GPtrArray *items);

static gboolean
read_collection (Reader    *self,
                 Value     *value,
                 guint      depth,
                 GPtrArray *items)
{
  Value *geometries;

  if (!get_typed (self, value, "geometries", VALUE_ARRAY, &geometries))
    return FALSE;
  if (geometries == NULL)
    {
      reader_fail (self, value->line, _("a GeometryCollection needs “geometries”"));
      return FALSE;
    }
  for (guint i = 0; i < geometries->v.items->len; i++)
    if (!read_geometry (self, geometries->v.items->pdata[i], depth + 1, items))
      return FALSE;
  return TRUE;
}

/* Appends a GeometryItem per simple geometry; a GeometryCollection gives
 * one per member. */
static gboolean
read_geometry (Reader    *self,
               Value     *value,
               guint      depth,
               GPtrArray *items)
{
  const char *type;
  Value *coords, *flag, *plane;
  GeometryItem *item;

  if (value->type != VALUE_OBJECT)
    {
      reader_fail (self, value->line, _("a geometry must be an object, not %s"),
                   type_name (value->type));
      return FALSE;
    }
  if (!get_string (self, value, "type", &type))
    return FALSE;
  if (type != NULL && g_str_equal (type, "GeometryCollection") && depth < MAX_DEPTH)
    return read_collection (self, value, depth, items);
  if (type == NULL || !is_simple_geometry_type (type))
    {
      reader_fail (self, value->line, _("unknown geometry type “%s”"), type ? type : "");
      return FALSE;
    }
  coords = value_get (value, "coordinates");
  if (coords == NULL)
    {
      reader_fail (self, value->line, _("a %s needs “coordinates”"), type);
      return FALSE;
    }
  item = g_new0 (GeometryItem, 1);
  item->geometry = cs_geometry_new ();
  g_ptr_array_add (items, item);
  if (!read_coordinates (self, type, coords, item->geometry, &item->shape))
    return FALSE;
  flag = value_get (value, "isEllipse");
  item->is_ellipse = flag != NULL && flag->type == VALUE_BOOL && flag->v.boolean &&
                     item->shape == CS_SHAPE_POLYGON;
  if (!get_typed (self, value, "plane", VALUE_OBJECT, &plane))
    return FALSE;
  if (plane != NULL)
    {
      GString *text = g_string_new (NULL);

      value_to_json (text, plane);
      item->plane = g_string_free (text, FALSE);
    }
  return TRUE;
}

/* ---- Properties -------------------------------------------------------- */

static gboolean
read_color (Reader  *self,
            Value   *value,
            guint32 *rgb)
{
  guint channels[3];

  if (value->type == VALUE_NUMBER && fabs (value->v.number) <= G_MAXUINT32)
    {
      /* Packed (signed) ARGB, as QuPath 0.2 wrote it. */
      *rgb = (guint32) (gint64) value->v.number & 0xFFFFFF;
      return TRUE;
    }
  if (value->type != VALUE_ARRAY || value->v.items->len < 3 || value->v.items->len > 4)
    {
      reader_fail (self, value->line, _("a colour must be [r, g, b] or a packed integer"));
      return FALSE;
    }
  for (guint i = 0; i < value->v.items->len; i++)
    {
      Value *channel = value->v.items->pdata[i];

      if (channel->type != VALUE_NUMBER)
        {
          reader_fail (self, channel->line, _("a colour channel must be a number"));
          return FALSE;
        }
      if (i < 3)
        channels[i] = (guint) CLAMP (round (channel->v.number), 0, 255);
    }
  *rgb = channels[0] << 16 | channels[1] << 8 | channels[2];
  return TRUE;
}

static char *
classification_name (Reader *self,
                     Value  *klass)
{
  Value *names;
  const char *name;
  GString *joined;

  if (!get_string (self, klass, "name", &name))
    return NULL;
  if (name != NULL)
    return g_strdup (name);
  if (!get_typed (self, klass, "names", VALUE_ARRAY, &names) || names == NULL)
    return NULL;
  joined = g_string_new (NULL);
  for (guint i = 0; i < names->v.items->len; i++)
    {
      Value *part = names->v.items->pdata[i];

      if (part->type != VALUE_STRING)
        {
          reader_fail (self, part->line, _("class names must be strings"));
          return g_string_free (joined, TRUE);
        }
      if (i > 0)
        g_string_append (joined, ": ");
      g_string_append (joined, part->v.string);
    }
  return g_string_free (joined, joined->len == 0);
}

static gboolean
read_classification (Reader       *self,
                     Value        *properties,
                     CsAnnotation *annotation)
{
  Value *klass = value_get (properties, "classification");
  g_autofree char *name = NULL;
  Value *color;
  guint32 rgb;

  if (klass == NULL || klass->type == VALUE_NULL)
    return TRUE;
  if (klass->type == VALUE_STRING)
    {
      cs_annotation_set_class_name (annotation, klass->v.string);
      return TRUE;
    }
  if (klass->type != VALUE_OBJECT)
    {
      reader_fail (self, klass->line, _("“classification” must be an object or a string"));
      return FALSE;
    }
  name = classification_name (self, klass);
  if (self->error != NULL)
    return FALSE;
  if (name == NULL)
    return TRUE;
  cs_annotation_set_class_name (annotation, name);
  color = value_get (klass, "color");
  if (color == NULL)
    color = value_get (klass, "colorRGB");
  if (color != NULL && color->type != VALUE_NULL)
    {
      if (!read_color (self, color, &rgb))
        return FALSE;
      if (!g_hash_table_contains (self->scratch->class_colors, name))
        g_hash_table_insert (self->scratch->class_colors, g_strdup (name), GUINT_TO_POINTER (rgb));
    }
  return TRUE;
}

static char *
primitive_to_string (Value *value)
{
  GString *text;

  switch (value->type)
    {
    case VALUE_STRING:
      return g_strdup (value->v.string);
    case VALUE_BOOL:
    case VALUE_NUMBER:
      text = g_string_new (NULL);
      value_to_json (text, value);
      return g_string_free (text, FALSE);
    case VALUE_NULL:
    case VALUE_ARRAY:
    case VALUE_OBJECT:
    default:
      return NULL;
    }
}

static void
read_measurement (CsAnnotation *annotation,
                  const char   *name,
                  Value        *value)
{
  g_autofree char *key = NULL;
  g_autofree char *text = primitive_to_string (value);

  if (name == NULL || text == NULL)
    return;
  key = g_strconcat (CS_GEOJSON_EXTRA_MEASUREMENT, name, NULL);
  cs_annotation_set_extra (annotation, key, text);
}

/* {"Area": 12.5} (v0.4+) or [{"name": "Area", "value": 12.5}] (older). */
static void
read_measurements (Value        *properties,
                   CsAnnotation *annotation)
{
  Value *measurements = value_get (properties, "measurements");

  if (measurements == NULL)
    return;
  if (measurements->type == VALUE_OBJECT)
    for (guint i = 0; i < measurements->v.items->len; i++)
      {
        Value *m = measurements->v.items->pdata[i];

        read_measurement (annotation, m->key, m);
      }
  else if (measurements->type == VALUE_ARRAY)
    for (guint i = 0; i < measurements->v.items->len; i++)
      {
        Value *m = measurements->v.items->pdata[i];
        Value *name = value_get (m, "name");
        Value *number = value_get (m, "value");

        if (name != NULL && name->type == VALUE_STRING && number != NULL)
          read_measurement (annotation, name->v.string, number);
      }
}

static void
read_time (Reader       *self,
           const char   *text,
           CsAnnotation *annotation,
           gboolean      created)
{
  gint64 usec;

  if (!_cs_geojson_parse_time (text, &usec))
    {
      reader_warn (self, _("A time that is not ISO 8601 was ignored: “%s”"), text);
      return;
    }
  if (created)
    cs_annotation_set_created (annotation, usec);
  else
    cs_annotation_set_modified (annotation, usec);
}

static void
read_meta_entry (Reader       *self,
                 const char   *key,
                 const char   *text,
                 CsAnnotation *annotation)
{
  if (g_str_equal (key, CS_GEOJSON_KEY_DESCRIPTION))
    cs_annotation_set_comment (annotation, text);
  else if (g_str_equal (key, CS_GEOJSON_KEY_AUTHOR))
    cs_annotation_set_author (annotation, text);
  else if (g_str_equal (key, CS_GEOJSON_KEY_INSTITUTION))
    cs_annotation_set_institution (annotation, text);
  else if (g_str_equal (key, CS_GEOJSON_KEY_CREATED))
    read_time (self, text, annotation, TRUE);
  else if (g_str_equal (key, CS_GEOJSON_KEY_MODIFIED))
    read_time (self, text, annotation, FALSE);
  else if (g_str_equal (key, CS_GEOJSON_KEY_HIDDEN))
    cs_annotation_set_hidden (annotation, g_str_equal (text, "true"));
  else if (!_cs_geojson_is_reserved_key (key))
    cs_annotation_set_extra (annotation, key, text);
}

/* Every "metadata" member (QuPath may write it twice); primitive values
 * kept as strings, nested ones dropped, as QuPath does. */
static void
read_metadata (Reader       *self,
               Value        *properties,
               CsAnnotation *annotation)
{
  for (guint i = 0; i < properties->v.items->len; i++)
    {
      Value *metadata = properties->v.items->pdata[i];

      if (!g_str_equal (metadata->key, "metadata") || metadata->type != VALUE_OBJECT)
        continue;
      for (guint j = 0; j < metadata->v.items->len; j++)
        {
          Value *entry = metadata->v.items->pdata[j];
          g_autofree char *text = primitive_to_string (entry);

          if (text != NULL)
            read_meta_entry (self, entry->key, text, annotation);
        }
    }
}

static const char *
object_type_from_legacy_id (const char *id)
{
  if (id == NULL)
    return NULL;
  if (g_str_equal (id, "PathDetectionObject"))
    return "detection";
  if (g_str_equal (id, "PathCellObject"))
    return "cell";
  if (g_str_equal (id, "PathTileObject"))
    return "tile";
  if (g_str_equal (id, "TMACoreObject"))
    return "tmaCore";
  return NULL;
}

static gboolean
is_qupath_object_type (const char *type)
{
  static const char *const types[] = {
    "annotation", "detection", "cell", "tile", "tmaCore", "root",
  };

  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (type, types[i]))
      return TRUE;
  return FALSE;
}

static void
read_object_type (Value        *properties,
                  const char   *legacy_id,
                  CsAnnotation *annotation)
{
  static const char *const keys[] = { "objectType", "object_type", "type" };
  const char *type = object_type_from_legacy_id (legacy_id);

  for (guint i = 0; type == NULL && i < G_N_ELEMENTS (keys); i++)
    {
      Value *member = value_get (properties, keys[i]);

      if (member != NULL && member->type == VALUE_STRING &&
          is_qupath_object_type (member->v.string))
        type = member->v.string;
    }
  if (type != NULL && !g_str_equal (type, "annotation"))
    cs_annotation_set_extra (annotation, CS_GEOJSON_EXTRA_OBJECT_TYPE, type);
}

/* name, or DSA's label.value; group when there is no classification. */
static gboolean
read_names (Reader       *self,
            Value        *properties,
            CsAnnotation *annotation)
{
  const char *name, *group;
  Value *label;

  if (!get_string (self, properties, "name", &name))
    return FALSE;
  if (name == NULL && (label = value_get (properties, "label")) != NULL)
    {
      Value *text = value_get (label, "value");

      if (text != NULL && text->type == VALUE_STRING)
        name = text->v.string;
    }
  cs_annotation_set_name (annotation, name);
  if (cs_annotation_get_class_name (annotation) == NULL)
    {
      if (!get_string (self, properties, "group", &group))
        return FALSE;
      cs_annotation_set_class_name (annotation, group);
    }
  return TRUE;
}

static gboolean
read_properties (Reader       *self,
                 Value        *properties,
                 const char   *legacy_id,
                 CsAnnotation *annotation)
{
  Value *color, *locked;

  read_object_type (properties, legacy_id, annotation);
  if (properties == NULL)
    return TRUE;
  if (!read_classification (self, properties, annotation) ||
      !read_names (self, properties, annotation))
    return FALSE;
  color = value_get (properties, "color");
  if (color != NULL && color->type != VALUE_NULL)
    {
      guint32 rgb;

      if (!read_color (self, color, &rgb))
        return FALSE;
      cs_annotation_set_color (annotation, rgb);
    }
  if (!get_typed (self, properties, "isLocked", VALUE_BOOL, &locked))
    return FALSE;
  cs_annotation_set_locked (annotation, locked != NULL && locked->v.boolean);
  read_measurements (properties, annotation);
  read_metadata (self, properties, annotation);
  return TRUE;
}

/* ---- Shapes ------------------------------------------------------------ */

static gboolean
shape_fits (CsShape shape,
            CsShape read)
{
  if (read == CS_SHAPE_POLYGON)
    return cs_shape_is_area (shape);
  if (read == CS_SHAPE_POINTS)
    return shape == CS_SHAPE_POINTS || shape == CS_SHAPE_TEXT;
  return shape == CS_SHAPE_LINE || shape == CS_SHAPE_ARROW;
}

static gboolean
number_member (Value      *object,
               const char *key,
               double     *out)
{
  Value *member = value_get (object, key);

  if (member == NULL || member->type != VALUE_NUMBER)
    return FALSE;
  *out = member->v.number;
  return TRUE;
}

static gboolean
read_params (Value         *consilium,
             CsShapeParams *params)
{
  Value *center = value_get (consilium, "center");
  Value *x, *y;

  if (center == NULL || center->type != VALUE_ARRAY || center->v.items->len != 2)
    return FALSE;
  x = center->v.items->pdata[0];
  y = center->v.items->pdata[1];
  if (x->type != VALUE_NUMBER || y->type != VALUE_NUMBER)
    return FALSE;
  params->cx = x->v.number;
  params->cy = y->v.number;
  if (!number_member (consilium, "rotation", &params->rotation))
    params->rotation = 0;
  return number_member (consilium, "width", &params->width) &&
         number_member (consilium, "height", &params->height) &&
         fabs (params->cx) <= MAX_COORDINATE && fabs (params->cy) <= MAX_COORDINATE &&
         params->width >= 0 && params->width <= MAX_COORDINATE &&
         params->height >= 0 && params->height <= MAX_COORDINATE;
}

/* Our own properties.consilium: the exact shape and its parameters, which
 * win over the polygon (QuPath and DSA drop them). Without it, QuPath's
 * isEllipse gives an ellipse fitted to the bounds, as QuPath does. */
static CsAnnotation *
make_annotation (Reader       *self,
                 GeometryItem *item,
                 Value        *properties)
{
  Value *consilium = value_get (properties, "consilium");
  Value *shape_value = value_get (consilium, "shape");
  Value *temporary = value_get (consilium, "temporary");
  CsShape shape = item->shape;
  CsShapeParams params;
  CsAnnotation *annotation;

  if (shape_value != NULL && shape_value->type == VALUE_STRING)
    {
      CsShape wanted;

      if (cs_shape_from_string (shape_value->v.string, &wanted) && shape_fits (wanted, item->shape))
        shape = wanted;
      else
        reader_warn (self, _("A shape “%s” that does not fit its geometry was ignored"),
                     shape_value->v.string);
    }
  else if (item->is_ellipse)
    {
      CsRect b;

      cs_geometry_get_bounds (item->geometry, &b);
      params = (CsShapeParams) { b.x + b.width / 2, b.y + b.height / 2, b.width, b.height, 0 };
      return cs_annotation_new_with_params (CS_SHAPE_ELLIPSE, &params);
    }
  if ((shape == CS_SHAPE_RECTANGLE || shape == CS_SHAPE_ELLIPSE) &&
      read_params (consilium, &params))
    annotation = cs_annotation_new_with_params (shape, &params);
  else
    annotation = cs_annotation_new (shape, item->geometry);
  if (temporary != NULL && temporary->type == VALUE_BOOL)
    cs_annotation_set_temporary (annotation, temporary->v.boolean);
  return annotation;
}

/* The file's id when it is a UUID not seen before in this file; else a
 * fresh one (QuPath 0.2 wrote the class name in "id"). */
static void
assign_id (Reader       *self,
           CsAnnotation *annotation,
           const char   *id)
{
  if (id != NULL && g_uuid_string_is_valid (id) && !g_hash_table_contains (self->ids, id))
    cs_annotation_set_id (annotation, id);
  else if (id != NULL && g_uuid_string_is_valid (id))
    reader_warn (self, _("Annotations with the same id were given new ids"));
  g_hash_table_add (self->ids, g_strdup (cs_annotation_get_id (annotation)));
}

static gboolean convert_feature (Reader     *self,
                                 Value      *feature,
                                 const char *parent_id,
                                 guint       depth);

static gboolean
convert_children (Reader     *self,
                  Value      *holder,
                  const char *parent_id,
                  guint       depth)
{
  static const char *const keys[] = { "childObjects", "children" };

  for (guint k = 0; holder != NULL && k < G_N_ELEMENTS (keys); k++)
    {
      Value *children;

      if (!get_typed (self, holder, keys[k], VALUE_ARRAY, &children))
        return FALSE;
      for (guint i = 0; children != NULL && i < children->v.items->len; i++)
        if (!convert_feature (self, children->v.items->pdata[i], parent_id, depth + 1))
          return FALSE;
    }
  return TRUE;
}

static gboolean
convert_items (Reader     *self,
               GPtrArray  *items,
               Value      *properties,
               const char *id,
               const char *parent_id,
               char      **first_id)
{
  for (guint i = 0; i < items->len; i++)
    {
      GeometryItem *item = items->pdata[i];
      g_autoptr(CsAnnotation) annotation = make_annotation (self, item, properties);

      if (!read_properties (self, properties, id, annotation))
        return FALSE;
      if (item->plane != NULL)
        cs_annotation_set_extra (annotation, CS_GEOJSON_EXTRA_PLANE, item->plane);
      if (parent_id != NULL)
        cs_annotation_set_extra (annotation, "consilium.parentId", parent_id);
      assign_id (self, annotation, i == 0 ? id : NULL);
      if (i == 0)
        *first_id = g_strdup (cs_annotation_get_id (annotation));
      g_ptr_array_add (self->scratch->annotations, g_steal_pointer (&annotation));
    }
  return TRUE;
}

static gboolean
convert_feature (Reader     *self,
                 Value      *feature,
                 const char *parent_id,
                 guint       depth)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (geometry_item_free);
  g_autofree char *first_id = NULL;
  Value *geometry, *properties, *id_value;
  const char *id = NULL;

  if (feature->type != VALUE_OBJECT || depth > MAX_DEPTH)
    {
      reader_fail (self, feature->line, _("a Feature must be an object, not %s"),
                   type_name (feature->type));
      return FALSE;
    }
  if (!get_typed (self, feature, "properties", VALUE_OBJECT, &properties))
    return FALSE;
  id_value = value_get (feature, "id");
  if (id_value != NULL && id_value->type == VALUE_STRING)
    id = id_value->v.string;
  geometry = value_get (feature, "geometry");
  if (geometry == NULL || geometry->type == VALUE_NULL)
    reader_warn (self, _("Features without a geometry were skipped"));
  else if (!read_geometry (self, geometry, 0, items))
    return FALSE;
  if (!convert_items (self, items, properties, id, parent_id, &first_id))
    return FALSE;
  return convert_children (self, properties, first_id ? first_id : parent_id, depth) &&
         convert_children (self, feature, first_id ? first_id : parent_id, depth);
}

/* A Feature, or a bare geometry standing for one. */
static gboolean
convert_element (Reader *self,
                 Value  *value)
{
  const char *type;

  if (value->type != VALUE_OBJECT)
    {
      reader_fail (self, value->line, _("expected a Feature object, found %s"),
                   type_name (value->type));
      return FALSE;
    }
  if (!get_string (self, value, "type", &type))
    return FALSE;
  if (type == NULL || g_str_equal (type, "Feature"))
    return convert_feature (self, value, NULL, 0);
  if (is_geometry_type (type))
    {
      g_autoptr(Value) feature = g_new0 (Value, 1);

      /* A borrowed wrapper: {"geometry": value}. */
      feature->type = VALUE_OBJECT;
      feature->line = value->line;
      feature->v.items = g_ptr_array_new ();
      g_ptr_array_add (feature->v.items, value);
      g_free (value->key);
      value->key = g_strdup ("geometry");
      return convert_feature (self, feature, NULL, 0);
    }
  reader_fail (self, value->line, _("unexpected object type “%s”"), type);
  return FALSE;
}

static gboolean
convert_root (Reader *self,
              Value  *root)
{
  const char *type;

  if (root->type == VALUE_ARRAY)
    return TRUE; /* streamed */
  if (root->type != VALUE_OBJECT)
    {
      reader_fail (self, root->line, _("expected a GeoJSON object or array, found %s"),
                   type_name (root->type));
      return FALSE;
    }
  if (!get_string (self, root, "type", &type))
    return FALSE;
  if (type != NULL && g_str_equal (type, "FeatureCollection"))
    {
      Value *features = value_get (root, "features");

      if (features != NULL && features->type != VALUE_NULL && !features->stream)
        {
          reader_fail (self, features->line, _("“features” must be an array"));
          return FALSE;
        }
      return TRUE;
    }
  if (type == NULL && value_get (root, "features") != NULL)
    return TRUE;
  if (type == NULL && value_get (root, "geometry") == NULL)
    {
      reader_fail (self, root->line, _("not GeoJSON: the object has no “type”"));
      return FALSE;
    }
  return convert_element (self, root);
}

/* ---- yajl callbacks ---------------------------------------------------- */

static Value *
value_new (Reader   *self,
           ValueType type)
{
  Value *value = g_new0 (Value, 1);

  value->type = type;
  value->line = reader_line (self);
  value->key = g_steal_pointer (&self->key);
  return value;
}

static int
finish_value (Reader *self,
              Value  *value)
{
  Value *parent;
  gboolean ok;

  if (self->stack->len == 0)
    {
      self->root = value;
      self->done = TRUE;
      return 1;
    }
  parent = g_ptr_array_index (self->stack, self->stack->len - 1);
  if (!parent->stream)
    {
      g_ptr_array_add (parent->v.items, value);
      return 1;
    }
  ok = convert_element (self, value);
  value_free (value);
  return ok;
}

static int
on_null (void *data)
{
  return finish_value (data, value_new (data, VALUE_NULL));
}

static int
on_boolean (void *data,
            int   boolean)
{
  Value *value = value_new (data, VALUE_BOOL);

  value->v.boolean = boolean != 0;
  return finish_value (data, value);
}

static int
on_number (void       *data,
           const char *text,
           size_t      len)
{
  Reader *self = data;
  g_autofree char *copy = g_strndup (text, len);
  Value *value;

  value = value_new (self, VALUE_NUMBER);
  value->v.number = g_ascii_strtod (copy, NULL);
  if (!isfinite (value->v.number))
    {
      reader_fail (self, value->line, _("the number %s is out of range"), copy);
      value_free (value);
      return 0;
    }
  return finish_value (self, value);
}

static int
on_string (void                *data,
           const unsigned char *text,
           size_t               len)
{
  Value *value = value_new (data, VALUE_STRING);

  value->v.string = g_strndup ((const char *) text, len);
  return finish_value (data, value);
}

static int
on_map_key (void                *data,
            const unsigned char *text,
            size_t               len)
{
  Reader *self = data;

  g_free (self->key);
  self->key = g_strndup ((const char *) text, len);
  return 1;
}

static int
start_container (Reader   *self,
                 ValueType type)
{
  Value *value;

  if (self->stack->len >= MAX_DEPTH)
    {
      reader_fail (self, reader_line (self), _("nested more than %d levels deep"), MAX_DEPTH);
      return 0;
    }
  value = value_new (self, type);
  value->v.items = g_ptr_array_new_with_free_func (value_free);
  if (type == VALUE_ARRAY && self->stack->len == 0)
    value->stream = TRUE;
  if (type == VALUE_ARRAY && self->stack->len == 1 && g_strcmp0 (value->key, "features") == 0)
    value->stream = TRUE;
  g_ptr_array_add (self->stack, value);
  return 1;
}

static int
end_container (void *data)
{
  Reader *self = data;

  return finish_value (self, g_ptr_array_steal_index (self->stack, self->stack->len - 1));
}

static int
on_start_map (void *data)
{
  return start_container (data, VALUE_OBJECT);
}

static int
on_start_array (void *data)
{
  return start_container (data, VALUE_ARRAY);
}

static const yajl_callbacks callbacks = {
  .yajl_null = on_null,
  .yajl_boolean = on_boolean,
  .yajl_number = on_number,
  .yajl_string = on_string,
  .yajl_start_map = on_start_map,
  .yajl_map_key = on_map_key,
  .yajl_end_map = end_container,
  .yajl_start_array = on_start_array,
  .yajl_end_array = end_container,
};

/* ---- Driving the parser ------------------------------------------------ */

static void
reader_init (Reader     *self,
             const char *name)
{
  memset (self, 0, sizeof *self);
  self->name = name;
  self->line = 1;
  self->handle = yajl_alloc (&callbacks, NULL, self);
  self->stack = g_ptr_array_new_with_free_func (value_free);
  self->scratch = cs_annotation_import_new (CS_ANNOTATION_FORMAT_GEOJSON);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
reader_clear (Reader *self)
{
  yajl_free (self->handle);
  g_ptr_array_unref (self->stack);
  g_free (self->key);
  value_free (self->root);
  cs_annotation_import_free (self->scratch);
  g_hash_table_unref (self->ids);
  g_clear_error (&self->error);
}

static void
set_yajl_error (Reader *self)
{
  unsigned char *message = yajl_get_error (self->handle, 0, NULL, 0);
  g_autofree char *text = g_strchomp (g_strdup ((const char *) message));

  yajl_free_error (self->handle, message);
  reader_fail (self, reader_line (self), _("not valid JSON (%s)"), text);
}

static gboolean
reader_feed (Reader       *self,
             const guchar *data,
             gsize         len)
{
  for (gsize i = 0; !self->content && i < len; i++)
    self->content = !g_ascii_isspace (data[i]);
  self->chunk = data;
  self->chunk_len = len;
  self->counted = 0;
  if (yajl_parse (self->handle, data, len) != yajl_status_ok)
    {
      set_yajl_error (self);
      return FALSE;
    }
  /* Count the rest of the chunk: a later error may come at its end. */
  self->counted = MIN (self->counted, len);
  for (; self->counted < len; self->counted++)
    if (data[self->counted] == '\n')
      self->line++;
  self->chunk = NULL;
  return TRUE;
}

static gboolean
reader_finish (Reader *self)
{
  if (!self->content)
    {
      reader_fail (self, self->line, _("the file holds no JSON value"));
      return FALSE;
    }
  if (yajl_complete_parse (self->handle) != yajl_status_ok)
    {
      set_yajl_error (self);
      return FALSE;
    }
  if (!self->done)
    {
      reader_fail (self, self->line, _("the file holds no JSON value"));
      return FALSE;
    }
  return self->root == NULL || convert_root (self, self->root);
}

static void
reader_move_to (Reader             *self,
                CsAnnotationImport *result)
{
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < self->scratch->annotations->len; i++)
    g_ptr_array_add (result->annotations, g_object_ref (self->scratch->annotations->pdata[i]));
  g_hash_table_iter_init (&iter, self->scratch->class_colors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (result->class_colors, key))
      g_hash_table_insert (result->class_colors, g_strdup (key), value);
  for (guint i = 0; i < self->scratch->warnings->len; i++)
    cs_annotation_import_warn (result, "%s", (const char *) self->scratch->warnings->pdata[i]);
  result->format = CS_ANNOTATION_FORMAT_GEOJSON;
}

static gboolean
reader_fail_with (Reader  *self,
                  GError **error)
{
  g_assert (self->error != NULL);
  g_propagate_error (error, g_steal_pointer (&self->error));
  return FALSE;
}

gboolean
cs_geojson_read (GInputStream       *stream,
                 const char         *name,
                 CsAnnotationImport *result,
                 GCancellable       *cancellable,
                 GError            **error)
{
  g_autofree guchar *buffer = g_malloc (CHUNK_SIZE);
  Reader reader;
  gboolean first = TRUE;
  gboolean ok = TRUE;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  reader_init (&reader, name != NULL ? name : "GeoJSON");
  while (ok)
    {
      gssize n = g_input_stream_read (stream, buffer, CHUNK_SIZE, cancellable, &reader.error);
      gsize skip = 0;

      if (n < 0)
        {
          g_prefix_error (&reader.error, "%s: ", reader.name);
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;
      if (first && n >= 3 && memcmp (buffer, "\xEF\xBB\xBF", 3) == 0)
        skip = 3; /* a UTF-8 byte order mark */
      first = FALSE;
      ok = reader_feed (&reader, buffer + skip, n - skip);
    }
  ok = ok && reader_finish (&reader);
  if (ok)
    reader_move_to (&reader, result);
  else
    reader_fail_with (&reader, error);
  reader_clear (&reader);
  return ok;
}

CsAnnotation *
cs_geojson_parse_feature (const char *json,
                          gsize       len,
                          GError    **error)
{
  Reader reader;
  CsAnnotation *annotation = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  reader_init (&reader, _("feature"));
  if (reader_feed (&reader, (const guchar *) json, len) && reader_finish (&reader))
    {
      if (reader.scratch->annotations->len > 0)
        annotation = g_object_ref (reader.scratch->annotations->pdata[0]);
      else
        reader_fail (&reader, 1, _("no annotation in the feature"));
    }
  if (annotation == NULL)
    reader_fail_with (&reader, error);
  reader_clear (&reader);
  return annotation;
}

/* ---- Times ------------------------------------------------------------- */

static gboolean
parse_digits (const char **p,
              guint        n,
              gint        *out)
{
  *out = 0;
  for (guint i = 0; i < n; i++, (*p)++)
    {
      if (!g_ascii_isdigit (**p))
        return FALSE;
      *out = *out * 10 + (**p - '0');
    }
  return TRUE;
}

/* "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" exactly (what we write), to the
 * microsecond; anything else through GDateTime's ISO 8601 parser. */
gboolean
_cs_geojson_parse_time (const char *str,
                        gint64     *usec)
{
  const char *p = str;
  gint year, month, day, hour, minute, second, fraction = 0;
  guint digits = 0;
  g_autoptr(GDateTime) dt = NULL;

  if (parse_digits (&p, 4, &year) && *p++ == '-' && parse_digits (&p, 2, &month) &&
      *p++ == '-' && parse_digits (&p, 2, &day) && *p++ == 'T' &&
      parse_digits (&p, 2, &hour) && *p++ == ':' && parse_digits (&p, 2, &minute) &&
      *p++ == ':' && parse_digits (&p, 2, &second))
    {
      if (*p == '.')
        for (p++; g_ascii_isdigit (*p) && digits < 6; p++, digits++)
          fraction = fraction * 10 + (*p - '0');
      for (; digits > 0 && digits < 6; digits++)
        fraction *= 10;
      if (g_str_equal (p, "Z"))
        dt = g_date_time_new_utc (year, month, day, hour, minute, second);
      if (dt != NULL)
        {
          *usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + fraction;
          return TRUE;
        }
    }
  {
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

    g_clear_pointer (&dt, g_date_time_unref);
    dt = g_date_time_new_from_iso8601 (str, utc);
  }
  if (dt == NULL)
    return FALSE;
  *usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}
