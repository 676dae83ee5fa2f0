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
 * ConsiliumParams, which ImageScope ignores, bring them back exactly, and
 * ConsiliumProperties (cs-annotation-xml.h) the comment, author,
 * institution, times, locked, hidden and extra keys. */

typedef struct
{
  char     *type;
  char     *text;
  char     *id;
  char     *shape;
  char     *params;
  char     *properties;
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
  g_free (region->properties);
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
  region->properties = cs_xml_reader_get (&self->xml, CS_XML_ATTR_PROPERTIES);
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

/* A shell (ring 0 of a part) of an area of the layer, as the file's
 * holes are matched to it: its bounds first, then, for a large one, its
 * edges sorted into horizontal bands, so that a point is tested against
 * the few edges at its height rather than all of them (20,000 holes in a
 * 200,000-vertex region). The points are the geometry's own, not copied. */
typedef struct
{
  CsAnnotation  *annotation;
  guint          part;
  const CsPoint *ring;
  guint          n;
  CsRect         bounds;
  guint          n_bands;   /* 0 until indexed */
  guint         *band_start;
  guint         *edges;
} IsShell;

#define IS_SHELL_INDEX_MIN 64
#define IS_SHELL_MAX_ENTRIES_PER_EDGE 8

static void
is_shell_clear (gpointer data)
{
  IsShell *shell = data;

  g_free (shell->band_start);
  g_free (shell->edges);
}

static guint
is_shell_band (IsShell *shell,
               double   y)
{
  double t = (y - shell->bounds.y) / shell->bounds.height * shell->n_bands;

  return t <= 0 ? 0 : t >= shell->n_bands ? shell->n_bands - 1 : (guint) t;
}

static void
is_shell_bounds (IsShell *shell)
{
  double x0 = shell->ring[0].x, y0 = shell->ring[0].y, x1 = x0, y1 = y0;

  for (guint i = 1; i < shell->n; i++)
    {
      x0 = MIN (x0, shell->ring[i].x);
      x1 = MAX (x1, shell->ring[i].x);
      y0 = MIN (y0, shell->ring[i].y);
      y1 = MAX (y1, shell->ring[i].y);
    }
  shell->bounds = (CsRect) { x0, y0, x1 - x0, y1 - y0 };
}

/* How many band entries the edges need with @n_bands bands. */
static guint64
is_shell_count_entries (IsShell *shell,
                        guint   *counts)
{
  guint64 total = 0;

  for (guint i = 0, j = shell->n - 1; i < shell->n; j = i++)
    {
      guint b0 = is_shell_band (shell, MIN (shell->ring[i].y, shell->ring[j].y));
      guint b1 = is_shell_band (shell, MAX (shell->ring[i].y, shell->ring[j].y));

      total += b1 - b0 + 1;
      for (guint b = b0; counts != NULL && b <= b1; b++)
        counts[b + 1]++;
    }
  return total;
}

/* As many bands as keep the entries within a few per edge (tall edges
 * cross many bands). */
static void
is_shell_index (IsShell *shell)
{
  guint *fill;

  shell->n_bands = shell->bounds.height > 0 ? MAX (shell->n / 4, 1) : 1;
  while (shell->n_bands > 1 &&
         is_shell_count_entries (shell, NULL) >
           (guint64) shell->n * IS_SHELL_MAX_ENTRIES_PER_EDGE)
    shell->n_bands /= 2;
  shell->band_start = g_new0 (guint, shell->n_bands + 1);
  is_shell_count_entries (shell, shell->band_start);
  for (guint b = 0; b < shell->n_bands; b++)
    shell->band_start[b + 1] += shell->band_start[b];
  shell->edges = g_new (guint, shell->band_start[shell->n_bands]);
  fill = g_memdup2 (shell->band_start, shell->n_bands * sizeof (guint));
  for (guint i = 0, j = shell->n - 1; i < shell->n; j = i++)
    {
      guint b0 = is_shell_band (shell, MIN (shell->ring[i].y, shell->ring[j].y));
      guint b1 = is_shell_band (shell, MAX (shell->ring[i].y, shell->ring[j].y));

      for (guint b = b0; b <= b1; b++)
        shell->edges[fill[b]++] = i;
    }
  g_free (fill);
}

/* Even-odd, as cs_geometry_contains() tests a ring. */
static gboolean
is_shell_contains (IsShell       *shell,
                   const CsPoint *point)
{
  const CsPoint *p = shell->ring;
  double x = point->x, y = point->y;
  gboolean inside = FALSE;
  guint first = 0, last = shell->n;

  if (shell->n < 3 || x < shell->bounds.x || y < shell->bounds.y ||
      x > shell->bounds.x + shell->bounds.width || y > shell->bounds.y + shell->bounds.height)
    return FALSE;
  if (shell->n >= IS_SHELL_INDEX_MIN && shell->n_bands == 0)
    is_shell_index (shell);
  if (shell->n_bands > 0)
    {
      first = shell->band_start[is_shell_band (shell, y)];
      last = shell->band_start[is_shell_band (shell, y) + 1];
    }
  for (guint k = first; k < last; k++)
    {
      guint i = shell->n_bands > 0 ? shell->edges[k] : k;
      guint j = i > 0 ? i - 1 : shell->n - 1;

      if ((p[i].y > y) != (p[j].y > y) &&
          x < (p[j].x - p[i].x) * (y - p[i].y) / (p[j].y - p[i].y) + p[i].x)
        inside = !inside;
    }
  return inside;
}

/* The shells of the areas built from @first_built on, in order. */
static GArray *
is_collect_shells (GPtrArray *built,
                   guint      first_built)
{
  GArray *shells = g_array_new (FALSE, TRUE, sizeof (IsShell));

  g_array_set_clear_func (shells, is_shell_clear);
  for (guint i = first_built; i < built->len; i++)
    {
      CsAnnotation *a = built->pdata[i];
      CsGeometry *geometry = cs_annotation_get_geometry (a);

      if (!cs_shape_is_area (cs_annotation_get_shape (a)))
        continue;
      for (guint p = 0; p < cs_geometry_get_n_parts (geometry); p++)
        {
          IsShell shell = { a, p };

          shell.ring = cs_geometry_get_ring (geometry, p, 0, &shell.n);
          if (shell.n == 0)
            continue;
          is_shell_bounds (&shell);
          g_array_append_val (shells, shell);
        }
    }
  return shells;
}

/* The annotation and part a hole belongs to: ours by id (its first part
 * holding the hole's first vertex, else part 0), else the first shell of
 * the layer's areas that holds it. */
static CsAnnotation *
is_find_hole_owner (GArray   *shells,
                    IsRegion *hole,
                    guint    *part)
{
  const CsPoint *first = &g_array_index (hole->points, CsPoint, 0);

  *part = 0;
  if (hole->owner != NULL && !cs_shape_is_area (cs_annotation_get_shape (hole->owner)))
    return NULL;
  for (guint i = 0; i < shells->len; i++)
    {
      IsShell *shell = &g_array_index (shells, IsShell, i);

      if ((hole->owner == NULL || shell->annotation == hole->owner) &&
          is_shell_contains (shell, first))
        {
          *part = shell->part;
          return shell->annotation;
        }
    }
  return hole->owner;
}

typedef struct
{
  guint     part;
  guint     order;
  IsRegion *hole;
} IsHole;

static int
compare_holes (gconstpointer a,
               gconstpointer b)
{
  const IsHole *ha = a, *hb = b;

  if (ha->part != hb->part)
    return ha->part < hb->part ? -1 : 1;
  return ha->order < hb->order ? -1 : ha->order > hb->order;
}

/* @owner's geometry with @holes (IsHole, sorted by part) after the rings
 * of their parts, built once. */
static void
is_add_holes (CsAnnotation *owner,
              GArray       *holes)
{
  CsGeometry *geometry = cs_annotation_get_geometry (owner);
  g_autoptr(CsGeometry) merged = cs_geometry_new ();
  guint h = 0;

  for (guint p = 0; p < cs_geometry_get_n_parts (geometry); p++)
    {
      cs_geometry_add_part (merged);
      for (guint r = 0; r < cs_geometry_get_n_rings (geometry, p); r++)
        {
          guint n;
          const CsPoint *ring = cs_geometry_get_ring (geometry, p, r, &n);

          cs_geometry_add_ring (merged, ring, n);
        }
      for (; h < holes->len && g_array_index (holes, IsHole, h).part == p; h++)
        {
          GArray *points = g_array_index (holes, IsHole, h).hole->points;

          cs_geometry_add_ring (merged, (CsPoint *) points->data, points->len);
        }
    }
  cs_annotation_set_geometry (owner, merged);
}

static void
is_holes_free (gpointer data)
{
  g_array_unref (data);
}

/* Every negative region of the layer into the area it falls in; each
 * owner's geometry is rebuilt once, whatever its number of holes. */
static void
is_add_layer_holes (IsReader  *self,
                    IsLayer   *layer,
                    GPtrArray *built,
                    guint      first_built)
{
  g_autoptr(GArray) shells = is_collect_shells (built, first_built);
  g_autoptr(GHashTable) by_owner = g_hash_table_new_full (NULL, NULL, NULL, is_holes_free);
  g_autoptr(GPtrArray) owners = g_ptr_array_new ();

  for (guint i = 0; i < layer->regions->len; i++)
    {
      IsRegion *region = layer->regions->pdata[i];
      IsHole hole = { 0, i, region };
      CsAnnotation *owner = NULL;
      GArray *holes;

      if (!region->negative)
        continue;
      if (points_closed (region->points))
        g_array_set_size (region->points, region->points->len - 1);
      if (region->points->len >= 3)
        owner = is_find_hole_owner (shells, region, &hole.part);
      if (owner == NULL)
        {
          cs_annotation_import_warn (self->result, _("Negative regions outside every region "
                                                     "of their layer were skipped"));
          continue;
        }
      holes = g_hash_table_lookup (by_owner, owner);
      if (holes == NULL)
        {
          holes = g_array_new (FALSE, FALSE, sizeof (IsHole));
          g_hash_table_insert (by_owner, owner, holes);
          g_ptr_array_add (owners, owner);
        }
      g_array_append_val (holes, hole);
    }
  /* The shells point into the geometries about to be replaced. */
  g_clear_pointer (&shells, g_array_unref);
  for (guint i = 0; i < owners->len; i++)
    {
      GArray *holes = g_hash_table_lookup (by_owner, owners->pdata[i]);

      g_array_sort (holes, compare_holes);
      is_add_holes (owners->pdata[i], holes);
    }
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
      cs_xml_apply_properties (self->result, annotation, region->properties);
      /* Region Text as the class only in foreign files. */
      is_classify (self, layer, annotation, klass != NULL ? klass : ours ? NULL : text);
      g_ptr_array_add (built, annotation);
      last = annotation;
      last_id = region->id;
    }
  is_add_layer_holes (self, layer, built, first_built);
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
      cs_xml_writer_properties (&self->xml, annotation);
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
