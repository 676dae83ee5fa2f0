/* cs-geojson-feature.c
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

#include "cs-geojson-private.h"
#include "cs-geojson-reader.h"

/* The GeoJSON reader's Features: QuPath properties (classification,
 * colours, lock, measurements, metadata), our own properties.consilium
 * shape parameters, ids, child objects; one CsAnnotation per geometry.
 * Pure functions, any thread. */

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

  if (!_cs_geojson_get_string (self, klass, "name", &name))
    return NULL;
  if (name != NULL)
    return g_strdup (name);
  if (!_cs_geojson_get_typed (self, klass, "names", VALUE_ARRAY, &names) || names == NULL)
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
  Value *klass = _cs_geojson_value_get (properties, "classification");
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
  color = _cs_geojson_value_get (klass, "color");
  if (color == NULL)
    color = _cs_geojson_value_get (klass, "colorRGB");
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
      _cs_geojson_value_to_json (text, value);
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
  Value *measurements = _cs_geojson_value_get (properties, "measurements");

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
        Value *name = _cs_geojson_value_get (m, "name");
        Value *number = _cs_geojson_value_get (m, "value");

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
      Value *member = _cs_geojson_value_get (properties, keys[i]);

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

  if (!_cs_geojson_get_string (self, properties, "name", &name))
    return FALSE;
  if (name == NULL && (label = _cs_geojson_value_get (properties, "label")) != NULL)
    {
      Value *text = _cs_geojson_value_get (label, "value");

      if (text != NULL && text->type == VALUE_STRING)
        name = text->v.string;
    }
  cs_annotation_set_name (annotation, name);
  if (cs_annotation_get_class_name (annotation) == NULL)
    {
      if (!_cs_geojson_get_string (self, properties, "group", &group))
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
  color = _cs_geojson_value_get (properties, "color");
  if (color != NULL && color->type != VALUE_NULL)
    {
      guint32 rgb;

      if (!read_color (self, color, &rgb))
        return FALSE;
      cs_annotation_set_color (annotation, rgb);
    }
  if (!_cs_geojson_get_typed (self, properties, "isLocked", VALUE_BOOL, &locked))
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
  Value *member = _cs_geojson_value_get (object, key);

  if (member == NULL || member->type != VALUE_NUMBER)
    return FALSE;
  *out = member->v.number;
  return TRUE;
}

static gboolean
read_params (Reader        *self,
             Value         *consilium,
             CsShapeParams *params)
{
  Value *center = _cs_geojson_value_get (consilium, "center");
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
         fabs (params->cx) <= self->max_coordinate && fabs (params->cy) <= self->max_coordinate &&
         params->width >= 0 && params->width <= self->max_coordinate &&
         params->height >= 0 && params->height <= self->max_coordinate;
}

/* Our own properties.consilium: the exact shape and its parameters, which
 * win over the polygon (QuPath and DSA drop them). Without it, QuPath's
 * isEllipse gives an ellipse fitted to the bounds, as QuPath does. */
static CsAnnotation *
make_annotation (Reader       *self,
                 GeometryItem *item,
                 Value        *properties)
{
  Value *consilium = _cs_geojson_value_get (properties, "consilium");
  Value *shape_value = _cs_geojson_value_get (consilium, "shape");
  Value *temporary = _cs_geojson_value_get (consilium, "temporary");
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
      read_params (self, consilium, &params))
    annotation = cs_annotation_new_with_params (shape, &params);
  else
    annotation = cs_annotation_new (shape, item->geometry);
  if (temporary != NULL && temporary->type == VALUE_BOOL)
    cs_annotation_set_temporary (annotation, temporary->v.boolean);
  return annotation;
}

/* The file's id when it is a UUID (any id in our own files, where it
 * must survive exactly) not seen before in this file; else a fresh one
 * (QuPath 0.2 wrote the class name in "id"). */
static void
assign_id (Reader       *self,
           CsAnnotation *annotation,
           const char   *id)
{
  gboolean usable = id != NULL && (self->keep_ids ? *id != '\0' : g_uuid_string_is_valid (id));

  if (usable && !g_hash_table_contains (self->ids, id))
    cs_annotation_set_id (annotation, id);
  else if (usable)
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

      if (!_cs_geojson_get_typed (self, holder, keys[k], VALUE_ARRAY, &children))
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
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (_cs_geojson_geometry_item_free);
  g_autofree char *first_id = NULL;
  Value *geometry, *properties, *id_value;
  const char *id = NULL;

  if (feature->type != VALUE_OBJECT || depth > MAX_DEPTH)
    {
      reader_fail (self, feature->line, _("a Feature must be an object, not %s"),
                   type_name (feature->type));
      return FALSE;
    }
  if (!_cs_geojson_get_typed (self, feature, "properties", VALUE_OBJECT, &properties))
    return FALSE;
  id_value = _cs_geojson_value_get (feature, "id");
  if (id_value != NULL && id_value->type == VALUE_STRING)
    id = id_value->v.string;
  geometry = _cs_geojson_value_get (feature, "geometry");
  if (geometry == NULL || geometry->type == VALUE_NULL)
    reader_warn (self, _("Features without a geometry were skipped"));
  else if (!_cs_geojson_read_geometry (self, geometry, 0, items))
    return FALSE;
  if (!convert_items (self, items, properties, id, parent_id, &first_id))
    return FALSE;
  return convert_children (self, properties, first_id ? first_id : parent_id, depth) &&
         convert_children (self, feature, first_id ? first_id : parent_id, depth);
}

/* A Feature, or a bare geometry standing for one. */
gboolean
_cs_geojson_convert_element (Reader *self,
                             Value  *value)
{
  const char *type;

  if (value->type != VALUE_OBJECT)
    {
      reader_fail (self, value->line, _("expected a Feature object, found %s"),
                   type_name (value->type));
      return FALSE;
    }
  if (!_cs_geojson_get_string (self, value, "type", &type))
    return FALSE;
  if (type == NULL || g_str_equal (type, "Feature"))
    return convert_feature (self, value, NULL, 0);
  if (_cs_geojson_is_geometry_type (type))
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

gboolean
_cs_geojson_convert_root (Reader *self,
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
  if (!_cs_geojson_get_string (self, root, "type", &type))
    return FALSE;
  if (type != NULL && g_str_equal (type, "FeatureCollection"))
    {
      Value *features = _cs_geojson_value_get (root, "features");

      if (features != NULL && features->type != VALUE_NULL && !features->stream)
        {
          reader_fail (self, features->line, _("“features” must be an array"));
          return FALSE;
        }
      return TRUE;
    }
  if (type == NULL && _cs_geojson_value_get (root, "features") != NULL)
    return TRUE;
  if (type == NULL && _cs_geojson_value_get (root, "geometry") == NULL)
    {
      reader_fail (self, root->line, _("not GeoJSON: the object has no “type”"));
      return FALSE;
    }
  return _cs_geojson_convert_element (self, root);
}

