/* cs-imagescope-xml.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-imagescope-xml"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-annotation-xml.h"
#include "cs-class-table.h"
#include "cs-imagescope-xml.h"

/* Aperio ImageScope XML (docs/FORMATS.md §4). A layer (<Annotation>) is a
 * class, a <Region> one shape, a NegativeROA region a hole in the layer's
 * region it falls in. LineColor is a Windows COLORREF, 0x00BBGGRR.
 *
 * ImageScope has one colour per layer, so the writer puts annotations
 * whose colour differs from their class's in a further layer of the same
 * name, after the class's own (possibly empty) layer, which declares the
 * class colour. Shapes ImageScope lacks are written as free-hand regions
 * (a point set as one region per point); ConsiliumId, ConsiliumShape and
 * ConsiliumParams, which ImageScope ignores, bring them back exactly. */

typedef struct
{
  char     *type;
  char     *text;
  char     *id;
  char     *shape;
  char     *params;
  gboolean  negative;
  int       line;
  GArray   *points;
  /* Borrowed: the annotation our writer wrote this hole for. */
  CsAnnotation *owner;
} IsRegion;

typedef struct
{
  char      *name;
  char      *attribute_class;
  guint32    color;
  gboolean   has_color;
  GPtrArray *regions;
} IsLayer;

typedef struct
{
  CsXmlReader         xml;
  CsAnnotationImport *result;
  IsLayer            *layer;
  IsRegion           *region;
} IsReader;

static void
is_region_free (gpointer data)
{
  IsRegion *region = data;

  g_free (region->type);
  g_free (region->text);
  g_free (region->id);
  g_free (region->shape);
  g_free (region->params);
  g_clear_pointer (&region->points, g_array_unref);
  g_free (region);
}

static void
is_layer_free (IsLayer *layer)
{
  g_free (layer->name);
  g_free (layer->attribute_class);
  g_ptr_array_unref (layer->regions);
  g_free (layer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IsLayer, is_layer_free)

/* 0x00BBGGRR <-> 0xRRGGBB: the same swap both ways. */
static guint32
colorref_to_rgb (guint32 v)
{
  return ((v & 0xFF) << 16) | (v & 0xFF00) | ((v >> 16) & 0xFF);
}

static gboolean
is_start_layer (IsReader *self,
                GError  **error)
{
  g_autofree char *color = cs_xml_reader_get (&self->xml, "LineColor");
  guint64 v;

  if (self->layer != NULL)
    {
      cs_xml_reader_set_error (&self->xml, error, CS_ANNOTATION_ERROR_INVALID, 0,
                               _("<Annotation> inside another <Annotation>"));
      return FALSE;
    }
  self->layer = g_new0 (IsLayer, 1);
  self->layer->name = cs_xml_reader_get (&self->xml, "Name");
  self->layer->regions = g_ptr_array_new_with_free_func (is_region_free);
  if (color != NULL && *g_strstrip (color) != '\0')
    {
      if (!g_ascii_string_to_unsigned (color, 10, 0, G_MAXUINT32, &v, NULL))
        {
          cs_xml_reader_set_error (&self->xml, error, CS_ANNOTATION_ERROR_INVALID, 0,
                                   _("<Annotation> LineColor=\"%.40s\" is not a colour"), color);
          return FALSE;
        }
      self->layer->color = colorref_to_rgb ((guint32) v);
      self->layer->has_color = TRUE;
    }
  return TRUE;
}

/* The layer's first attribute, when the layer has no name: the class
 * sits there in some files ("Description" is ImageScope's column). */
static void
is_read_layer_attribute (IsReader *self)
{
  g_autofree char *name = cs_xml_reader_get (&self->xml, "Name");
  g_autofree char *value = cs_xml_reader_get (&self->xml, "Value");

  if (self->layer->attribute_class != NULL)
    return;
  if (value != NULL && *g_strstrip (value) != '\0')
    self->layer->attribute_class = g_steal_pointer (&value);
  else if (name != NULL && *g_strstrip (name) != '\0' && !g_str_equal (name, "Description"))
    self->layer->attribute_class = g_steal_pointer (&name);
  else
    self->layer->attribute_class = g_strdup ("");
}

static gboolean
is_start_region (IsReader *self,
                 GError  **error)
{
  IsRegion *region;
  g_autofree char *negative = NULL;

  if (self->region != NULL)
    {
      cs_xml_reader_set_error (&self->xml, error, CS_ANNOTATION_ERROR_INVALID, 0,
                               _("<Region> inside another <Region>"));
      return FALSE;
    }
  region = g_new0 (IsRegion, 1);
  region->type = cs_xml_reader_get (&self->xml, "Type");
  region->text = cs_xml_reader_get (&self->xml, "Text");
  region->id = cs_xml_reader_get (&self->xml, CS_XML_ATTR_ID);
  region->shape = cs_xml_reader_get (&self->xml, CS_XML_ATTR_SHAPE);
  region->params = cs_xml_reader_get (&self->xml, CS_XML_ATTR_PARAMS);
  negative = cs_xml_reader_get (&self->xml, "NegativeROA");
  region->negative = negative != NULL && g_str_equal (g_strstrip (negative), "1");
  region->line = cs_xml_reader_line (&self->xml);
  region->points = g_array_new (FALSE, FALSE, sizeof (CsPoint));
  g_ptr_array_add (self->layer->regions, region);
  self->region = region;
  return TRUE;
}

static gboolean
is_read_vertex (IsReader *self,
                GError  **error)
{
  CsPoint p;

  if (!cs_xml_reader_get_number (&self->xml, "X", TRUE, &p.x, error) ||
      !cs_xml_reader_get_number (&self->xml, "Y", TRUE, &p.y, error) ||
      !cs_xml_reader_add_points (&self->xml, 1, error))
    return FALSE;
  g_array_append_val (self->region->points, p);
  return TRUE;
}

static gboolean
points_closed (GArray *points)
{
  return points->len >= 4 &&
         memcmp (&g_array_index (points, CsPoint, 0),
                 &g_array_index (points, CsPoint, points->len - 1), sizeof (CsPoint)) == 0;
}

/* Type is only a hint: a rectangle needs exactly 4 vertices, an ellipse
 * 2 (its bounding box), an arrow 2 (head, then tail). */
static CsAnnotation *
is_build_region (IsReader *self,
                 IsRegion *region)
{
  GArray *points = region->points;
  gint64 type = -1;
  CsAnnotation *own;

  if (region->type != NULL)
    g_ascii_string_to_signed (region->type, 10, 0, 1000, &type, NULL);
  if (type == 3 && points->len == 2)
    {
      CsPoint head = g_array_index (points, CsPoint, 0);

      g_array_index (points, CsPoint, 0) = g_array_index (points, CsPoint, 1);
      g_array_index (points, CsPoint, 1) = head;
    }
  own = cs_xml_new_own_shape (region->shape, region->params, points);
  if (own != NULL)
    return own;
  if (points_closed (points))
    g_array_set_size (points, points->len - 1);
  if (type == 1 && points->len == 4)
    return cs_xml_new_rectangle ((CsPoint *) points->data);
  if (type == 2 && points->len == 2)
    return cs_xml_new_ellipse ((CsPoint *) points->data);
  if (type == 3 && points->len == 2)
    return cs_xml_new_ring (CS_SHAPE_ARROW, points);
  if (points->len >= 3)
    return cs_xml_new_ring (CS_SHAPE_POLYGON, points);
  return cs_xml_new_degenerate (self->result, points);
}

/* A further region of one of our annotations: more points of a point
 * set, or a further part. */
static void
is_merge_region (CsAnnotation *annotation,
                 IsRegion     *region)
{
  CsGeometry *geometry = cs_annotation_get_geometry (annotation);
  g_autoptr(CsGeometry) merged = NULL;
  GArray *points = region->points;

  if (cs_annotation_get_shape (annotation) == CS_SHAPE_POINTS &&
      cs_geometry_get_n_parts (geometry) == 1 && cs_geometry_get_n_rings (geometry, 0) == 1)
    {
      guint n;
      const CsPoint *ring = cs_geometry_get_ring (geometry, 0, 0, &n);
      g_autoptr(GArray) all = g_array_sized_new (FALSE, FALSE, sizeof (CsPoint), n + points->len);

      g_array_append_vals (all, ring, n);
      g_array_append_vals (all, points->data, points->len);
      merged = cs_geometry_new_ring ((CsPoint *) all->data, all->len);
    }
  else
    {
      if (cs_shape_is_area (cs_annotation_get_shape (annotation)) && points_closed (points))
        g_array_set_size (points, points->len - 1);
      merged = cs_xml_geometry_add_ring (geometry, cs_geometry_get_n_parts (geometry),
                                         (CsPoint *) points->data, points->len);
    }
  cs_annotation_set_geometry (annotation, merged);
}

static gboolean
part_contains (CsGeometry    *geometry,
               guint          part,
               const CsPoint *p)
{
  guint n;
  const CsPoint *shell = cs_geometry_get_ring (geometry, part, 0, &n);
  g_autoptr(CsGeometry) ring = cs_geometry_new_ring (shell, n);

  return cs_geometry_contains (ring, p->x, p->y);
}

/* The annotation and part a hole belongs to: ours by id, else the last
 * area of the layer (from @first_built on) whose shell holds the hole's
 * first vertex. */
static CsAnnotation *
is_find_hole_owner (GPtrArray *built,
                    guint      first_built,
                    IsRegion  *hole,
                    guint     *part)
{
  const CsPoint *first = &g_array_index (hole->points, CsPoint, 0);
  CsAnnotation *owner = hole->owner;

  for (guint i = first_built; owner == NULL && i < built->len; i++)
    {
      CsAnnotation *a = built->pdata[i];

      if (!cs_shape_is_area (cs_annotation_get_shape (a)))
        continue;
      for (guint p = 0; p < cs_geometry_get_n_parts (cs_annotation_get_geometry (a)); p++)
        if (part_contains (cs_annotation_get_geometry (a), p, first))
          owner = a;
    }
  if (owner == NULL || !cs_shape_is_area (cs_annotation_get_shape (owner)))
    return NULL;
  *part = 0;
  for (guint p = 0; p < cs_geometry_get_n_parts (cs_annotation_get_geometry (owner)); p++)
    if (part_contains (cs_annotation_get_geometry (owner), p, first))
      {
        *part = p;
        break;
      }
  return owner;
}

static void
is_add_hole (IsReader  *self,
             GPtrArray *built,
             guint      first_built,
             IsRegion  *hole)
{
  g_autoptr(CsGeometry) merged = NULL;
  CsAnnotation *owner;
  guint part;

  if (points_closed (hole->points))
    g_array_set_size (hole->points, hole->points->len - 1);
  owner = hole->points->len >= 3 ? is_find_hole_owner (built, first_built, hole, &part) : NULL;
  if (owner == NULL)
    {
      cs_annotation_import_warn (self->result, _("Negative regions outside every region "
                                                 "of their layer were skipped"));
      return;
    }
  merged = cs_xml_geometry_add_ring (cs_annotation_get_geometry (owner), part,
                                     (CsPoint *) hole->points->data, hole->points->len);
  cs_annotation_set_geometry (owner, merged);
}

/* The layer's class and colour; an annotation keeps the layer's colour
 * only where it differs from its class's. */
static void
is_classify (IsReader     *self,
             IsLayer      *layer,
             CsAnnotation *annotation,
             const char   *klass)
{
  gpointer value;

  if (klass != NULL)
    {
      cs_annotation_set_class_name (annotation, klass);
      if (layer->has_color && !g_hash_table_contains (self->result->class_colors, klass))
        g_hash_table_insert (self->result->class_colors, g_strdup (klass),
                             GUINT_TO_POINTER (layer->color));
      if (layer->has_color &&
          g_hash_table_lookup_extended (self->result->class_colors, klass, NULL, &value) &&
          GPOINTER_TO_UINT (value) != layer->color)
        cs_annotation_set_color (annotation, layer->color);
    }
  else if (layer->has_color)
    cs_annotation_set_color (annotation, layer->color);
}

static const char *
is_layer_class (IsLayer *layer)
{
  if (layer->name != NULL && *g_strstrip (layer->name) != '\0')
    return layer->name;
  if (layer->attribute_class != NULL && *layer->attribute_class != '\0')
    return layer->attribute_class;
  return NULL;
}

/* Our writer puts an annotation's further regions (parts, points,
 * holes) right after its first, with its id and without a shape. */
static void
is_end_layer (IsReader *self)
{
  g_autoptr(IsLayer) layer = g_steal_pointer (&self->layer);
  const char *klass = is_layer_class (layer);
  gboolean ours = FALSE;
  GPtrArray *built = self->result->annotations;
  guint first_built = built->len;
  CsAnnotation *last = NULL;
  const char *last_id = NULL;

  /* A class's first layer declares its colour, even with no region. */
  if (klass != NULL && layer->has_color &&
      !g_hash_table_contains (self->result->class_colors, klass))
    g_hash_table_insert (self->result->class_colors, g_strdup (klass),
                         GUINT_TO_POINTER (layer->color));
  for (guint i = 0; i < layer->regions->len; i++)
    ours |= ((IsRegion *) layer->regions->pdata[i])->id != NULL;
  for (guint i = 0; i < layer->regions->len; i++)
    {
      IsRegion *region = layer->regions->pdata[i];
      const char *text = region->text != NULL && *region->text != '\0' ? region->text : NULL;
      /* Only an annotation's first region names its shape. */
      gboolean same = region->id != NULL && region->shape == NULL &&
                      g_strcmp0 (region->id, last_id) == 0;
      CsAnnotation *annotation;

      if (region->negative)
        {
          region->owner = same ? last : NULL;
          continue;
        }
      if (same)
        {
          is_merge_region (last, region);
          continue;
        }
      annotation = is_build_region (self, region);
      if (annotation == NULL)
        continue;
      if (text != NULL)
        cs_annotation_set_name (annotation, text);
      cs_xml_reader_set_id (&self->xml, annotation, region->id);
      /* Region Text as the class only in foreign files. */
      is_classify (self, layer, annotation, klass != NULL ? klass : ours ? NULL : text);
      g_ptr_array_add (built, annotation);
      last = annotation;
      last_id = region->id;
    }
  for (guint i = 0; i < layer->regions->len; i++)
    if (((IsRegion *) layer->regions->pdata[i])->negative)
      is_add_hole (self, built, first_built, layer->regions->pdata[i]);
}

static gboolean
is_read_node (IsReader *self,
              GError  **error)
{
  if (self->layer == NULL && xmlTextReaderDepth (self->xml.reader) == 0 &&
      cs_xml_reader_is_element (&self->xml, "Annotations"))
    {
      double mpp = 0;

      /* Informational only: a bad value is no reason to refuse the file. */
      if (cs_xml_reader_get_number (&self->xml, "MicronsPerPixel", FALSE, &mpp, NULL) && mpp > 0)
        self->result->microns_per_pixel = mpp;
    }
  else if (cs_xml_reader_is_element (&self->xml, "Annotation"))
    {
      if (!is_start_layer (self, error))
        return FALSE;
    }
  else if (self->layer != NULL && self->region == NULL &&
           cs_xml_reader_is_element (&self->xml, "Attribute"))
    is_read_layer_attribute (self);
  else if (self->layer != NULL && cs_xml_reader_is_element (&self->xml, "Region"))
    {
      if (!is_start_region (self, error))
        return FALSE;
    }
  else if (self->region != NULL &&
           (cs_xml_reader_is_element (&self->xml, "Vertex") ||
            cs_xml_reader_is_element (&self->xml, "V")) &&
           !is_read_vertex (self, error))
    return FALSE;

  if (self->region != NULL && cs_xml_reader_is_end (&self->xml, "Region"))
    self->region = NULL;
  if (self->layer != NULL && cs_xml_reader_is_end (&self->xml, "Annotation"))
    is_end_layer (self);
  return TRUE;
}

/**
 * cs_imagescope_xml_read:
 * @data: the file's bytes
 * @len: their length
 * @name: the file's name, for messages
 * @result: receives the annotations, classes, warnings and the file's
 *   microns per pixel
 * @error: return location for a #GError
 *
 * Reads an Aperio ImageScope XML file. All or nothing: on error @result
 * is untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
cs_imagescope_xml_read (const char         *data,
                        gsize               len,
                        const char         *name,
                        CsAnnotationImport *result,
                        GError            **error)
{
  g_autoptr(CsAnnotationImport) tmp = cs_annotation_import_new (CS_ANNOTATION_FORMAT_IMAGESCOPE);
  IsReader self = { .result = tmp };
  int ret;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (!cs_xml_reader_open (&self.xml, data != NULL ? data : "", len, name, error))
    return FALSE;
  while ((ret = cs_xml_reader_next (&self.xml, error)) == 1)
    if (!is_read_node (&self, error))
      {
        ret = -1;
        break;
      }
  cs_xml_reader_clear (&self.xml);
  g_clear_pointer (&self.layer, is_layer_free);
  if (ret < 0)
    return FALSE;
  cs_xml_import_append (result, tmp);
  return TRUE;
}

/* Writing */

typedef struct
{
  char      *klass;
  guint32    color;
  gboolean   has_color;
  GPtrArray *annotations;
} IsOutLayer;

typedef struct
{
  CsXmlWriter               xml;
  const CsAnnotationExport *context;
  guint                     region_id;
} IsWriter;

static void
is_out_layer_free (gpointer data)
{
  IsOutLayer *layer = data;

  g_free (layer->klass);
  g_ptr_array_unref (layer->annotations);
  g_free (layer);
}

static IsOutLayer *
is_out_layer (GPtrArray  *layers,
              const char *klass,
              guint32     color,
              gboolean    has_color)
{
  IsOutLayer *layer;

  for (guint i = 0; i < layers->len; i++)
    {
      layer = layers->pdata[i];
      if (g_strcmp0 (layer->klass, klass) == 0 && layer->has_color == has_color &&
          (!has_color || layer->color == color))
        return layer;
    }
  layer = g_new0 (IsOutLayer, 1);
  layer->klass = g_strdup (klass);
  layer->color = color;
  layer->has_color = has_color;
  layer->annotations = g_ptr_array_new ();
  g_ptr_array_add (layers, layer);
  return layer;
}

/* The class's own layer comes first, so that its colour is the class's
 * on import; annotations of another colour go in a layer of their own. */
static GPtrArray *
is_sort_into_layers (GPtrArray                *annotations,
                     const CsAnnotationExport *context)
{
  GPtrArray *layers = g_ptr_array_new_with_free_func (is_out_layer_free);

  for (guint i = 0; i < annotations->len; i++)
    {
      CsAnnotation *a = annotations->pdata[i];
      const char *klass = cs_annotation_get_class_name (a);
      guint32 class_color = cs_xml_class_color (context, klass, CS_UNCLASSIFIED_COLOR);
      guint32 own = cs_annotation_get_color (a);
      IsOutLayer *layer;

      if (cs_annotation_get_temporary (a) || cs_geometry_is_empty (cs_annotation_get_geometry (a)))
        continue;
      if (own != CS_COLOR_UNSET && klass == NULL)
        layer = is_out_layer (layers, NULL, own, TRUE);
      else if (klass == NULL)
        layer = is_out_layer (layers, NULL, 0, FALSE);
      else
        {
          layer = is_out_layer (layers, klass, class_color, TRUE);
          if (own != CS_COLOR_UNSET && own != class_color)
            layer = is_out_layer (layers, klass, own, TRUE);
        }
      g_ptr_array_add (layer->annotations, a);
    }
  return layers;
}

static void
is_write_vertices (IsWriter      *self,
                   const CsPoint *points,
                   guint          n)
{
  cs_xml_writer_start (&self->xml, "Vertices");
  for (guint i = 0; i < n; i++)
    {
      cs_xml_writer_start (&self->xml, "Vertex");
      cs_xml_writer_attr_number (&self->xml, "X", points[i].x);
      cs_xml_writer_attr_number (&self->xml, "Y", points[i].y);
      cs_xml_writer_attr (&self->xml, "Z", "0");
      cs_xml_writer_end (&self->xml);
    }
  cs_xml_writer_end (&self->xml);
}

static void
is_write_region (IsWriter      *self,
                 CsAnnotation  *annotation,
                 int            type,
                 gboolean       negative,
                 gboolean       first,
                 const CsPoint *points,
                 guint          n)
{
  self->region_id++;
  cs_xml_writer_start (&self->xml, "Region");
  cs_xml_writer_attr_int (&self->xml, "Id", self->region_id);
  cs_xml_writer_attr_int (&self->xml, "Type", type);
  cs_xml_writer_attr (&self->xml, "Zoom", "1");
  cs_xml_writer_attr (&self->xml, "Selected", "0");
  cs_xml_writer_attr (&self->xml, "ImageLocation", "");
  cs_xml_writer_attr (&self->xml, "ImageFocus", "-1");
  cs_xml_writer_attr (&self->xml, "Text", cs_annotation_get_name (annotation));
  cs_xml_writer_attr (&self->xml, "NegativeROA", negative ? "1" : "0");
  cs_xml_writer_attr (&self->xml, "InputRegionId", "0");
  cs_xml_writer_attr (&self->xml, "Analyze", "1");
  cs_xml_writer_attr_int (&self->xml, "DisplayId", self->region_id);
  cs_xml_writer_attr (&self->xml, CS_XML_ATTR_ID, cs_annotation_get_id (annotation));
  if (first)
    {
      cs_xml_writer_attr (&self->xml, CS_XML_ATTR_SHAPE,
                          cs_shape_to_string (cs_annotation_get_shape (annotation)));
      if (cs_annotation_get_params (annotation) != NULL)
        {
          g_autofree char *params = cs_xml_format_params (cs_annotation_get_params (annotation));

          cs_xml_writer_attr (&self->xml, CS_XML_ATTR_PARAMS, params);
        }
    }
  cs_xml_writer_start (&self->xml, "Attributes");
  cs_xml_writer_end (&self->xml);
  is_write_vertices (self, points, n);
  cs_xml_writer_end (&self->xml);
}

/* Rectangles (4 corners), ellipses (bounding box) and arrows (head, tail)
 * in ImageScope's own types when they are plain; FALSE otherwise. */
static gboolean
is_write_typed (IsWriter     *self,
                CsAnnotation *annotation)
{
  CsGeometry *geometry = cs_annotation_get_geometry (annotation);
  const CsShapeParams *p = cs_annotation_get_params (annotation);
  CsShape shape = cs_annotation_get_shape (annotation);
  const CsPoint *ring;
  guint n;

  if (cs_geometry_get_n_parts (geometry) != 1 || cs_geometry_get_n_rings (geometry, 0) != 1)
    return FALSE;
  ring = cs_geometry_get_ring (geometry, 0, 0, &n);
  if (shape == CS_SHAPE_RECTANGLE && p != NULL && p->rotation == 0 && n == 4)
    is_write_region (self, annotation, 1, FALSE, TRUE, ring, n);
  else if (shape == CS_SHAPE_ELLIPSE && p != NULL && p->rotation == 0)
    {
      CsPoint box[2] = { { p->cx - p->width / 2, p->cy - p->height / 2 },
                         { p->cx + p->width / 2, p->cy + p->height / 2 } };

      is_write_region (self, annotation, 2, FALSE, TRUE, box, 2);
    }
  else if (shape == CS_SHAPE_ARROW && n == 2)
    {
      CsPoint head_tail[2] = { ring[1], ring[0] };

      is_write_region (self, annotation, 3, FALSE, TRUE, head_tail, 2);
    }
  else
    return FALSE;
  return TRUE;
}

static void
is_write_annotation (IsWriter     *self,
                     CsAnnotation *annotation)
{
  CsGeometry *geometry = cs_annotation_get_geometry (annotation);
  gboolean first = TRUE;

  if (is_write_typed (self, annotation))
    return;
  for (guint p = 0; p < cs_geometry_get_n_parts (geometry); p++)
    for (guint r = 0; r < cs_geometry_get_n_rings (geometry, p); r++)
      {
        guint n;
        const CsPoint *ring = cs_geometry_get_ring (geometry, p, r, &n);

        /* ImageScope has no point sets: one region per point. */
        if (cs_annotation_get_shape (annotation) == CS_SHAPE_POINTS)
          for (guint i = 0; i < n; i++, first = FALSE)
            is_write_region (self, annotation, 0, FALSE, first, &ring[i], 1);
        else
          is_write_region (self, annotation, 0, r > 0, first, ring, n);
        first = FALSE;
      }
}

static void
is_write_layer (IsWriter   *self,
                IsOutLayer *layer,
                guint       id)
{
  cs_xml_writer_start (&self->xml, "Annotation");
  cs_xml_writer_attr_int (&self->xml, "Id", id);
  cs_xml_writer_attr (&self->xml, "Name", layer->klass);
  cs_xml_writer_attr (&self->xml, "ReadOnly", "0");
  cs_xml_writer_attr (&self->xml, "NameReadOnly", "0");
  cs_xml_writer_attr (&self->xml, "LineColorReadOnly", "0");
  cs_xml_writer_attr (&self->xml, "Incremental", "0");
  cs_xml_writer_attr (&self->xml, "Type", "4");
  /* Unclassified and uncoloured: no LineColor, so that it stays unset. */
  if (layer->has_color)
    cs_xml_writer_attr_int (&self->xml, "LineColor", colorref_to_rgb (layer->color));
  cs_xml_writer_attr (&self->xml, "Visible", "1");
  cs_xml_writer_attr (&self->xml, "Selected", "0");
  cs_xml_writer_attr (&self->xml, "MarkupImagePath", "");
  cs_xml_writer_attr (&self->xml, "MacroName", "");
  cs_xml_writer_start (&self->xml, "Attributes");
  cs_xml_writer_end (&self->xml);
  cs_xml_writer_start (&self->xml, "Regions");
  cs_xml_writer_start (&self->xml, "RegionAttributeHeaders");
  cs_xml_writer_end (&self->xml);
  for (guint i = 0; i < layer->annotations->len; i++)
    is_write_annotation (self, layer->annotations->pdata[i]);
  cs_xml_writer_end (&self->xml);
  cs_xml_writer_start (&self->xml, "Plots");
  cs_xml_writer_end (&self->xml);
  cs_xml_writer_end (&self->xml);
}

/**
 * cs_imagescope_xml_write:
 * @stream: where to write
 * @annotations: (element-type CsAnnotation): what to write
 * @context: (nullable): class colours and microns per pixel
 * @error: return location for a #GError
 *
 * Writes Aperio ImageScope XML: one layer per class (and colour), holes
 * as negative regions. Temporary annotations are skipped.
 *
 * Returns: %TRUE on success
 */
gboolean
cs_imagescope_xml_write (GOutputStream            *stream,
                         GPtrArray                *annotations,
                         const CsAnnotationExport *context,
                         GError                  **error)
{
  g_autoptr(GPtrArray) layers = NULL;
  IsWriter self = { .context = context };

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);

  layers = is_sort_into_layers (annotations, context);
  cs_xml_writer_open (&self.xml, stream);
  cs_xml_writer_start (&self.xml, "Annotations");
  if (context != NULL && context->microns_per_pixel > 0)
    cs_xml_writer_attr_number (&self.xml, "MicronsPerPixel", context->microns_per_pixel);
  for (guint i = 0; i < layers->len; i++)
    is_write_layer (&self, layers->pdata[i], i + 1);
  cs_xml_writer_end (&self.xml);
  return cs_xml_writer_close (&self.xml, error);
}
