/* cs-geojson-geometry.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-geojson"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cs-geojson-private.h"
#include "cs-geojson-reader.h"

/* The GeoJSON reader's value lookup and geometries: Point to
 * MultiPolygon and GeometryCollection into CsGeometry, closing points
 * dropped, every coordinate checked. Pure functions, any thread. */

Value *
_cs_geojson_value_get (Value      *object,
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

const char *
_cs_geojson_type_name (ValueType type)
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
gboolean
_cs_geojson_get_typed (Reader     *self,
                       Value      *object,
                       const char *key,
                       ValueType   type,
                       Value     **out)
{
  Value *member = _cs_geojson_value_get (object, key);

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

gboolean
_cs_geojson_get_string (Reader      *self,
                        Value       *object,
                        const char  *key,
                        const char **out)
{
  Value *member;

  if (!_cs_geojson_get_typed (self, object, key, VALUE_STRING, &member))
    return FALSE;
  *out = member != NULL ? member->v.string : NULL;
  return TRUE;
}

/* ---- Geometry ----------------------------------------------------------- */


void
_cs_geojson_geometry_item_free (gpointer data)
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
      if (i < 2 && fabs (number->v.number) > self->max_coordinate)
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

gboolean
_cs_geojson_is_geometry_type (const char *type)
{
  return is_simple_geometry_type (type) || g_str_equal (type, "GeometryCollection");
}

void
_cs_geojson_value_to_json (GString *out,
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
          _cs_geojson_value_to_json (out, item);
        }
      g_string_append_c (out, object ? '}' : ']');
    }
}

static gboolean
read_collection (Reader    *self,
                 Value     *value,
                 guint      depth,
                 GPtrArray *items)
{
  Value *geometries;

  if (!_cs_geojson_get_typed (self, value, "geometries", VALUE_ARRAY, &geometries))
    return FALSE;
  if (geometries == NULL)
    {
      reader_fail (self, value->line, _("a GeometryCollection needs “geometries”"));
      return FALSE;
    }
  for (guint i = 0; i < geometries->v.items->len; i++)
    if (!_cs_geojson_read_geometry (self, geometries->v.items->pdata[i], depth + 1, items))
      return FALSE;
  return TRUE;
}

/* Appends a GeometryItem per simple geometry; a GeometryCollection gives
 * one per member. */
gboolean
_cs_geojson_read_geometry (Reader    *self,
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
  if (!_cs_geojson_get_string (self, value, "type", &type))
    return FALSE;
  if (type != NULL && g_str_equal (type, "GeometryCollection") && depth < MAX_DEPTH)
    return read_collection (self, value, depth, items);
  if (type == NULL || !is_simple_geometry_type (type))
    {
      reader_fail (self, value->line, _("unknown geometry type “%s”"), type ? type : "");
      return FALSE;
    }
  coords = _cs_geojson_value_get (value, "coordinates");
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
  flag = _cs_geojson_value_get (value, "isEllipse");
  item->is_ellipse = flag != NULL && flag->type == VALUE_BOOL && flag->v.boolean &&
                     item->shape == CS_SHAPE_POLYGON;
  if (!_cs_geojson_get_typed (self, value, "plane", VALUE_OBJECT, &plane))
    return FALSE;
  if (plane != NULL)
    {
      GString *text = g_string_new (NULL);

      _cs_geojson_value_to_json (text, plane);
      item->plane = g_string_free (text, FALSE);
    }
  return TRUE;
}

