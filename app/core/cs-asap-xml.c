/* cs-asap-xml.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-asap-xml"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-annotation-xml.h"
#include "cs-asap-xml.h"

/* ASAP XML (docs/FORMATS.md §3). Groups are classes; an annotation's
 * colour is kept only where it differs from its group's.
 *
 * ASAP has no holes and no multi-part shapes. A pathologist exporting a
 * tumour outline with an excluded vessel must not find the vessel counted
 * as tumour in ASAP, so the writer does not drop holes: each further ring
 * becomes an annotation of its own, a hole in the group "<class> (holes)"
 * (CAMELYON files keep exclusions in a separate group the same way), a
 * further shell in the class's group. ASAP shows and measures them as
 * separate polygons; our ConsiliumId and ConsiliumRing attributes, which
 * ASAP ignores, put them back together on import, as do ConsiliumShape
 * and ConsiliumParams for shapes ASAP lacks (ellipses, arrows, notes),
 * and ConsiliumProperties (cs-annotation-xml.h) for the comment, author,
 * institution, times, locked, hidden and extra keys. */

typedef struct
{
  gint64  order;
  CsPoint point;
} Coordinate;

typedef struct
{
  char         *name;
  char         *type;
  char         *group;
  char         *id;
  char         *shape;
  char         *params;
  char         *ring;
  char         *properties;
  guint32       color;
  gboolean      has_color;
  int           line;
  GArray       *coords;
  /* Once read */
  CsAnnotation *annotation;
  GArray       *points;
  int           piece_part;
  int           piece_ring;
} AsapItem;

typedef struct
{
  CsXmlReader         xml;
  CsAnnotationImport *result;
  GPtrArray          *items;
  GHashTable         *groups;   /* name -> colour (0xRRGGBB) or CS_COLOR_UNSET */
  AsapItem           *current;
  int                 groups_depth;
} AsapReader;

static void
asap_item_free (gpointer data)
{
  AsapItem *item = data;

  g_free (item->name);
  g_free (item->type);
  g_free (item->group);
  g_free (item->id);
  g_free (item->shape);
  g_free (item->params);
  g_free (item->ring);
  g_free (item->properties);
  g_clear_pointer (&item->coords, g_array_unref);
  g_clear_pointer (&item->points, g_array_unref);
  g_clear_object (&item->annotation);
  g_free (item);
}

static void
asap_start_annotation (AsapReader *self)
{
  AsapItem *item = g_new0 (AsapItem, 1);
  g_autofree char *color = NULL;

  item->name = cs_xml_reader_get (&self->xml, "Name");
  item->type = cs_xml_reader_get (&self->xml, "Type");
  item->group = cs_xml_reader_get (&self->xml, "PartOfGroup");
  item->id = cs_xml_reader_get (&self->xml, CS_XML_ATTR_ID);
  item->shape = cs_xml_reader_get (&self->xml, CS_XML_ATTR_SHAPE);
  item->params = cs_xml_reader_get (&self->xml, CS_XML_ATTR_PARAMS);
  item->ring = cs_xml_reader_get (&self->xml, CS_XML_ATTR_RING);
  item->properties = cs_xml_reader_get (&self->xml, CS_XML_ATTR_PROPERTIES);
  color = cs_xml_reader_get (&self->xml, "Color");
  item->has_color = cs_xml_parse_hex_color (color, &item->color);
  item->line = cs_xml_reader_line (&self->xml);
  item->coords = g_array_new (FALSE, FALSE, sizeof (Coordinate));
  g_ptr_array_add (self->items, item);
  self->current = item;
}

static gboolean
asap_read_coordinate (AsapReader *self,
                      GError    **error)
{
  Coordinate c = { (gint64) self->current->coords->len, { 0, 0 } };
  g_autofree char *order = cs_xml_reader_get (&self->xml, "Order");

  if (order != NULL &&
      !g_ascii_string_to_signed (g_strstrip (order), 10, 0, G_MAXINT, &c.order, NULL))
    {
      cs_xml_reader_set_error (&self->xml, error, CS_ANNOTATION_ERROR_INVALID, 0,
                               _("<Coordinate> Order=\"%.40s\" is not an index"), order);
      return FALSE;
    }
  if (!cs_xml_reader_get_number (&self->xml, "X", TRUE, &c.point.x, error) ||
      !cs_xml_reader_get_number (&self->xml, "Y", TRUE, &c.point.y, error) ||
      !cs_xml_reader_add_points (&self->xml, 1, error))
    return FALSE;
  g_array_append_val (self->current->coords, c);
  return TRUE;
}

static int
compare_coordinates (gconstpointer a,
                     gconstpointer b)
{
  const Coordinate *ca = a, *cb = b;

  return ca->order < cb->order ? -1 : ca->order > cb->order;
}

/* ASAP uses Order as the vector index: it must be exactly 0..n-1. */
static gboolean
asap_sort_coordinates (AsapReader *self,
                       AsapItem   *item,
                       GError    **error)
{
  g_array_sort (item->coords, compare_coordinates);
  for (guint i = 0; i < item->coords->len; i++)
    {
      gint64 order = g_array_index (item->coords, Coordinate, i).order;

      if (order == (gint64) i)
        continue;
      cs_xml_reader_set_error (&self->xml, error, CS_ANNOTATION_ERROR_INVALID, item->line,
                               order < (gint64) i
                                 ? _("<Annotation> “%s”: coordinate Order %u is repeated")
                                 : _("<Annotation> “%s”: coordinate Order %u is missing"),
                               item->name ? item->name : "",
                               order < (gint64) i ? (guint) order : i);
      return FALSE;
    }
  item->points = g_array_sized_new (FALSE, FALSE, sizeof (CsPoint), item->coords->len);
  for (guint i = 0; i < item->coords->len; i++)
    g_array_append_val (item->points, g_array_index (item->coords, Coordinate, i).point);
  g_clear_pointer (&item->coords, g_array_unref);
  return TRUE;
}

static CsAnnotation *
asap_build (AsapReader *self,
            AsapItem   *item)
{
  const char *type = item->type != NULL ? item->type : "None";
  GArray *points = item->points;
  CsAnnotation *own = cs_xml_new_own_shape (item->shape, item->params, points);

  if (own != NULL)
    return own;
  /* An open ring's closing point, should a file repeat it. */
  if (points->len > 3 &&
      memcmp (&g_array_index (points, CsPoint, 0),
              &g_array_index (points, CsPoint, points->len - 1), sizeof (CsPoint)) == 0 &&
      (g_str_equal (type, "Polygon") || g_str_equal (type, "Spline") ||
       g_str_equal (type, "None")))
    g_array_set_size (points, points->len - 1);

  if ((g_str_equal (type, "Dot") || g_str_equal (type, "PointSet")) && points->len > 0)
    return cs_xml_new_ring (CS_SHAPE_POINTS, points);
  if (g_str_equal (type, "Measurement") && points->len >= 2)
    return cs_xml_new_ring (CS_SHAPE_LINE, points);
  if (g_str_equal (type, "Rectangle") && points->len == 4)
    return cs_xml_new_rectangle ((CsPoint *) points->data);
  if (points->len < 3)
    return cs_xml_new_degenerate (self->result, item->points);
  if (g_str_equal (type, "Spline"))
    cs_annotation_import_warn (self->result,
                               _("Splines were imported as polygons through their control points"));
  else if (!g_str_equal (type, "Polygon") && !g_str_equal (type, "None") &&
           !g_str_equal (type, "Rectangle"))
    cs_annotation_import_warn (self->result,
                               _("Annotations of unknown type “%s” were imported as polygons"),
                               type);
  return cs_xml_new_ring (CS_SHAPE_POLYGON, points);
}

static gboolean
asap_parse_ring (const char *str,
                 int        *part,
                 int        *ring)
{
  g_auto(GStrv) fields = NULL;
  gint64 p, r;

  if (str == NULL)
    return FALSE;
  fields = g_strsplit (str, " ", -1);
  if (g_strv_length (fields) != 2 ||
      !g_ascii_string_to_signed (fields[0], 10, 0, G_MAXINT, &p, NULL) ||
      !g_ascii_string_to_signed (fields[1], 10, 0, G_MAXINT, &r, NULL) ||
      (p == 0 && r == 0))
    return FALSE;
  *part = (int) p;
  *ring = (int) r;
  return TRUE;
}

static gboolean
asap_end_annotation (AsapReader *self,
                     GError    **error)
{
  AsapItem *item = self->current;

  self->current = NULL;
  if (!asap_sort_coordinates (self, item, error))
    return FALSE;
  /* A piece of another annotation: kept as points until merged. */
  if (item->id != NULL && item->points->len > 0 &&
      asap_parse_ring (item->ring, &item->piece_part, &item->piece_ring))
    return TRUE;
  g_clear_pointer (&item->ring, g_free);
  item->annotation = asap_build (self, item);
  if (item->annotation == NULL)
    return TRUE;
  if (item->name != NULL && *item->name != '\0')
    cs_annotation_set_name (item->annotation, item->name);
  cs_xml_reader_set_id (&self->xml, item->annotation, item->id);
  cs_xml_apply_properties (self->result, item->annotation, item->properties);
  return TRUE;
}

static void
asap_read_group (AsapReader *self)
{
  g_autofree char *name = cs_xml_reader_get (&self->xml, "Name");
  g_autofree char *color = cs_xml_reader_get (&self->xml, "Color");
  guint32 rgb = CS_COLOR_UNSET;

  if (name == NULL || *name == '\0' || g_str_equal (name, "None"))
    return;
  if (!cs_xml_parse_hex_color (color, &rgb))
    rgb = CS_COLOR_UNSET;
  g_hash_table_replace (self->groups, g_steal_pointer (&name), GUINT_TO_POINTER (rgb));
}

static gboolean
asap_read_node (AsapReader *self,
                GError    **error)
{
  int depth = xmlTextReaderDepth (self->xml.reader);

  if (self->groups_depth >= 0 && depth <= self->groups_depth &&
      cs_xml_reader_is_end (&self->xml, "AnnotationGroups"))
    self->groups_depth = -1;
  else if (self->groups_depth >= 0 && depth == self->groups_depth + 1 &&
           cs_xml_reader_is_element (&self->xml, NULL))
    asap_read_group (self);
  else if (self->groups_depth < 0 && cs_xml_reader_is_element (&self->xml, "AnnotationGroups") &&
           !xmlTextReaderIsEmptyElement (self->xml.reader))
    self->groups_depth = depth;
  else if (self->groups_depth < 0 && cs_xml_reader_is_element (&self->xml, "Annotation"))
    {
      if (self->current != NULL)
        {
          cs_xml_reader_set_error (&self->xml, error, CS_ANNOTATION_ERROR_INVALID, 0,
                                   _("<Annotation> inside another <Annotation>"));
          return FALSE;
        }
      asap_start_annotation (self);
    }
  else if (self->current != NULL && cs_xml_reader_is_element (&self->xml, "Coordinate") &&
           !asap_read_coordinate (self, error))
    return FALSE;

  if (self->current != NULL && cs_xml_reader_is_end (&self->xml, "Annotation"))
    return asap_end_annotation (self, error);
  return TRUE;
}

static int
compare_pieces (gconstpointer a,
                gconstpointer b)
{
  const AsapItem *pa = *(AsapItem **) a, *pb = *(AsapItem **) b;

  if (pa->piece_part != pb->piece_part)
    return pa->piece_part < pb->piece_part ? -1 : 1;
  return pa->piece_ring < pb->piece_ring ? -1 : pa->piece_ring > pb->piece_ring;
}

/* Puts the rings we wrote as separate annotations back into @main, when
 * they follow each other as parts and rings do. */
static gboolean
asap_merge_pieces (AsapItem  *main,
                   GPtrArray *pieces)
{
  CsGeometry *geometry = cs_annotation_get_geometry (main->annotation);
  g_autoptr(CsGeometry) merged = NULL;
  guint n;
  const CsPoint *ring = cs_geometry_get_ring (geometry, 0, 0, &n);
  int part = 0, last_ring = 0;

  if (cs_geometry_get_n_parts (geometry) != 1 || cs_geometry_get_n_rings (geometry, 0) != 1)
    return FALSE;
  g_ptr_array_sort (pieces, compare_pieces);
  merged = cs_geometry_new ();
  cs_geometry_add_part (merged);
  cs_geometry_add_ring (merged, ring, n);
  for (guint i = 0; i < pieces->len; i++)
    {
      AsapItem *piece = pieces->pdata[i];

      if (piece->piece_part == part + 1 && piece->piece_ring == 0)
        {
          cs_geometry_add_part (merged);
          part++;
        }
      else if (piece->piece_part != part || piece->piece_ring != last_ring + 1)
        return FALSE;
      last_ring = piece->piece_ring;
      cs_geometry_add_ring (merged, (CsPoint *) piece->points->data, piece->points->len);
    }
  cs_annotation_set_geometry (main->annotation, merged);
  return TRUE;
}

static void
asap_merge_group (AsapItem  *main,
                  GPtrArray *pieces)
{
  if (main == NULL || pieces->len == 0 || !asap_merge_pieces (main, pieces))
    return;
  for (guint j = 0; j < pieces->len; j++)
    g_clear_pointer (&((AsapItem *) pieces->pdata[j])->ring, g_free);
}

/* Our writer puts an annotation's further rings right after it: a piece
 * belongs to the last annotation before it with its id (copies of an
 * annotation in one file each keep their own). */
static void
asap_assemble (AsapReader *self)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new ();
  AsapItem *main = NULL;

  for (guint i = 0; i < self->items->len; i++)
    {
      AsapItem *item = self->items->pdata[i];

      if (item->annotation != NULL)
        {
          asap_merge_group (main, pieces);
          g_ptr_array_set_size (pieces, 0);
          main = item;
        }
      else if (item->ring != NULL && main != NULL && g_strcmp0 (main->id, item->id) == 0)
        g_ptr_array_add (pieces, item);
    }
  asap_merge_group (main, pieces);
  /* Pieces whose annotation is gone stand alone. */
  for (guint i = 0; i < self->items->len; i++)
    {
      AsapItem *item = self->items->pdata[i];

      if (item->annotation == NULL && item->ring != NULL)
        {
          if (item->points->len >= 3)
            item->annotation = cs_xml_new_ring (CS_SHAPE_POLYGON, item->points);
          else
            item->annotation = cs_xml_new_degenerate (self->result, item->points);
          if (item->annotation != NULL && item->name != NULL && *item->name != '\0')
            cs_annotation_set_name (item->annotation, item->name);
        }
    }
}

/* Groups become classes; an annotation keeps its colour only where it
 * differs from its group's. */
static void
asap_classify (AsapReader *self,
               AsapItem   *item)
{
  const char *group = item->group;
  gpointer value = NULL;
  gboolean declared;

  if (group == NULL || *group == '\0' || g_str_equal (group, "None"))
    {
      if (item->has_color)
        cs_annotation_set_color (item->annotation, item->color);
      return;
    }
  cs_annotation_set_class_name (item->annotation, group);
  declared = g_hash_table_lookup_extended (self->groups, group, NULL, &value);
  if (!declared)
    cs_annotation_import_warn (self->result,
                               _("The group “%s” is not declared in the file; "
                                 "it was imported as a class"),
                               group);
  if (item->has_color && (!declared || GPOINTER_TO_UINT (value) != item->color))
    cs_annotation_set_color (item->annotation, item->color);
}

static gboolean
asap_read_all (AsapReader *self,
               GError    **error)
{
  GHashTableIter iter;
  gpointer key, value;
  int ret;

  while ((ret = cs_xml_reader_next (&self->xml, error)) == 1)
    if (!asap_read_node (self, error))
      return FALSE;
  if (ret < 0)
    return FALSE;

  asap_assemble (self);
  for (guint i = 0; i < self->items->len; i++)
    {
      AsapItem *item = self->items->pdata[i];

      if (item->annotation == NULL)
        continue;
      asap_classify (self, item);
      g_ptr_array_add (self->result->annotations, g_steal_pointer (&item->annotation));
    }
  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) != CS_COLOR_UNSET)
      g_hash_table_insert (self->result->class_colors, g_strdup (key), value);
  return TRUE;
}

/**
 * cs_asap_xml_read:
 * @data: the file's bytes
 * @len: their length
 * @name: the file's name, for messages
 * @result: receives the annotations, classes and warnings
 * @error: return location for a #GError
 *
 * Reads an ASAP XML file. All or nothing: on error @result is untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
cs_asap_xml_read (const char         *data,
                  gsize               len,
                  const char         *name,
                  CsAnnotationImport *result,
                  GError            **error)
{
  g_autoptr(CsAnnotationImport) tmp = cs_annotation_import_new (CS_ANNOTATION_FORMAT_ASAP);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (asap_item_free);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  AsapReader self = { .result = tmp, .items = items, .groups = groups, .groups_depth = -1 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (!cs_xml_reader_open (&self.xml, data != NULL ? data : "", len, name, error))
    return FALSE;
  ok = asap_read_all (&self, error);
  cs_xml_reader_clear (&self.xml);
  if (ok)
    cs_xml_import_append (result, tmp);
  return ok;
}

/* Writing */

typedef struct
{
  CsXmlWriter               xml;
  const CsAnnotationExport *context;
  GPtrArray                *groups;   /* names in first-use order */
  GHashTable                *colors;  /* name -> colour */
} AsapWriter;

#define ASAP_DEFAULT_COLOR 0xF4FA58

static const char *
asap_type (CsAnnotation *annotation)
{
  CsGeometry *geometry = cs_annotation_get_geometry (annotation);
  guint n = cs_geometry_get_n_points (geometry);

  switch (cs_annotation_get_shape (annotation))
    {
    case CS_SHAPE_RECTANGLE:
      return n == 4 && cs_geometry_get_n_parts (geometry) == 1 ? "Rectangle" : "Polygon";
    case CS_SHAPE_POINTS:
      return n == 1 ? "Dot" : "PointSet";
    case CS_SHAPE_TEXT:
      return "Dot";
    case CS_SHAPE_LINE:
    case CS_SHAPE_ARROW:
      return "Measurement";
    case CS_SHAPE_ELLIPSE:
    case CS_SHAPE_POLYGON:
    case CS_SHAPE_FREEHAND:
    default:
      return "Polygon";
    }
}

static void
asap_use_group (AsapWriter *self,
                const char *group,
                guint32     color)
{
  if (g_hash_table_contains (self->colors, group))
    return;
  g_ptr_array_add (self->groups, g_strdup (group));
  g_hash_table_insert (self->colors, g_strdup (group), GUINT_TO_POINTER (color));
}

static void
asap_write_coordinates (AsapWriter    *self,
                        const CsPoint *points,
                        guint          n)
{
  cs_xml_writer_start (&self->xml, "Coordinates");
  for (guint i = 0; i < n; i++)
    {
      cs_xml_writer_start (&self->xml, "Coordinate");
      cs_xml_writer_attr_int (&self->xml, "Order", i);
      cs_xml_writer_attr_number (&self->xml, "X", points[i].x);
      cs_xml_writer_attr_number (&self->xml, "Y", points[i].y);
      cs_xml_writer_end (&self->xml);
    }
  cs_xml_writer_end (&self->xml);
}

/* One ASAP annotation: the whole shape (part 0, ring 0), or a further
 * ring of it. */
static void
asap_write_ring (AsapWriter   *self,
                 CsAnnotation *annotation,
                 guint         part,
                 guint         ring)
{
  const char *klass = cs_annotation_get_class_name (annotation);
  guint32 class_color = cs_xml_class_color (self->context, klass, ASAP_DEFAULT_COLOR);
  gboolean whole = part == 0 && ring == 0;
  g_autofree char *group = NULL;
  g_autofree char *color = NULL;
  const CsPoint *points;
  guint n;

  if (klass != NULL && ring > 0)
    group = g_strdup_printf ("%s (holes)", klass);
  else if (ring > 0)
    group = g_strdup ("Holes");
  else
    group = g_strdup (klass);
  if (group != NULL)
    asap_use_group (self, group, class_color);

  cs_xml_writer_start (&self->xml, "Annotation");
  cs_xml_writer_attr (&self->xml, "Name", cs_annotation_get_name (annotation));
  cs_xml_writer_attr (&self->xml, "Type", whole ? asap_type (annotation) : "Polygon");
  cs_xml_writer_attr (&self->xml, "PartOfGroup", group != NULL ? group : "None");
  /* Unclassified and uncoloured: no Color, so that it stays unset. */
  if (group != NULL || cs_annotation_get_color (annotation) != CS_COLOR_UNSET)
    {
      color = cs_xml_format_hex_color (cs_xml_annotation_color (annotation, self->context,
                                                                ASAP_DEFAULT_COLOR));
      cs_xml_writer_attr (&self->xml, "Color", color);
    }
  cs_xml_writer_attr (&self->xml, CS_XML_ATTR_ID, cs_annotation_get_id (annotation));
  if (whole)
    {
      cs_xml_writer_attr (&self->xml, CS_XML_ATTR_SHAPE,
                          cs_shape_to_string (cs_annotation_get_shape (annotation)));
      if (cs_annotation_get_params (annotation) != NULL)
        {
          g_autofree char *params = cs_xml_format_params (cs_annotation_get_params (annotation));

          cs_xml_writer_attr (&self->xml, CS_XML_ATTR_PARAMS, params);
        }
      cs_xml_writer_properties (&self->xml, annotation);
    }
  else
    {
      g_autofree char *where = g_strdup_printf ("%u %u", part, ring);

      cs_xml_writer_attr (&self->xml, CS_XML_ATTR_RING, where);
    }
  points = cs_geometry_get_ring (cs_annotation_get_geometry (annotation), part, ring, &n);
  asap_write_coordinates (self, points, n);
  cs_xml_writer_end (&self->xml);
}

static void
asap_write_annotation (AsapWriter   *self,
                       CsAnnotation *annotation)
{
  CsGeometry *geometry = cs_annotation_get_geometry (annotation);

  if (cs_annotation_get_temporary (annotation) || cs_geometry_is_empty (geometry))
    return;
  for (guint p = 0; p < cs_geometry_get_n_parts (geometry); p++)
    for (guint r = 0; r < cs_geometry_get_n_rings (geometry, p); r++)
      asap_write_ring (self, annotation, p, r);
}

static void
asap_write_groups (AsapWriter *self)
{
  cs_xml_writer_start (&self->xml, "AnnotationGroups");
  for (guint i = 0; i < self->groups->len; i++)
    {
      const char *group = self->groups->pdata[i];
      g_autofree char *color = cs_xml_format_hex_color (
        GPOINTER_TO_UINT (g_hash_table_lookup (self->colors, group)));

      cs_xml_writer_start (&self->xml, "Group");
      cs_xml_writer_attr (&self->xml, "Name", group);
      cs_xml_writer_attr (&self->xml, "PartOfGroup", "None");
      cs_xml_writer_attr (&self->xml, "Color", color);
      cs_xml_writer_start (&self->xml, "Attributes");
      cs_xml_writer_end (&self->xml);
      cs_xml_writer_end (&self->xml);
    }
  cs_xml_writer_end (&self->xml);
}

/**
 * cs_asap_xml_write:
 * @stream: where to write
 * @annotations: (element-type CsAnnotation): what to write
 * @context: (nullable): class colours
 * @error: return location for a #GError
 *
 * Writes ASAP XML, declaring every group it uses (ASAP refuses a file
 * naming an undeclared group). Temporary annotations are skipped.
 *
 * Returns: %TRUE on success
 */
gboolean
cs_asap_xml_write (GOutputStream            *stream,
                   GPtrArray                *annotations,
                   const CsAnnotationExport *context,
                   GError                  **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  AsapWriter self = { .context = context, .groups = groups, .colors = colors };

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);

  cs_xml_writer_open (&self.xml, stream);
  cs_xml_writer_start (&self.xml, "ASAP_Annotations");
  cs_xml_writer_start (&self.xml, "Annotations");
  for (guint i = 0; i < annotations->len; i++)
    asap_write_annotation (&self, annotations->pdata[i]);
  cs_xml_writer_end (&self.xml);
  asap_write_groups (&self);
  cs_xml_writer_end (&self.xml);
  return cs_xml_writer_close (&self.xml, error);
}
