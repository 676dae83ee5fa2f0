/* cs-dsa-json.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-dsa-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "cs-annotation-xml.h"
#include "cs-dsa-json.h"
#include "cs-json-path.h"

/* Digital Slide Archive / HistomicsUI annotation JSON (docs/FORMATS.md
 * §5), import only: one document or a list, each wrapped in a server
 * response ({"annotation": {...}}) or not. Element groups become classes,
 * label values names, line colours colours.
 *
 * Rotations: large_image rotates by x' = x cos r - y sin r,
 * y' = x sin r + y cos r in image space (y down), which turns positive r
 * clockwise on screen, as our rotation does: r is taken as it is.
 *
 * json-glib keeps no line numbers in its nodes, so the parser's line is
 * noted as each element is parsed; nesting is checked before parsing,
 * since the parser recurses. */

#define DSA_MAX_DEPTH 64

typedef struct
{
  CsAnnotationImport *result;
  const char         *name;
  GHashTable         *lines;     /* JsonObject -> line where it ends */
  guint64             n_points;
  guint               document;
  guint               element;
  const char         *type;
} DsaReader;

static void
dsa_set_error (DsaReader  *self,
               JsonObject *element,
               GError    **error,
               int         code,
               const char *format,
               ...) G_GNUC_PRINTF (5, 6);

static void
dsa_set_error (DsaReader  *self,
               JsonObject *element,
               GError    **error,
               int         code,
               const char *format,
               ...)
{
  g_autofree char *message = NULL;
  int line = GPOINTER_TO_INT (g_hash_table_lookup (self->lines, element));
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CS_ANNOTATION_ERROR, code,
               /* Translators: file, document number, element number, its
                * type, the line where it ends, what is wrong */
               _("%s: document %u, element %u (%s, ending on line %d): %s"),
               self->name, self->document, self->element,
               self->type != NULL ? self->type : "?", line, message);
}

/* The parser recurses: refuse deep nesting before it starts. */
static gboolean
dsa_check_depth (const char *data,
                 gsize       len,
                 const char *name,
                 GError    **error)
{
  int line = cs_json_find_deep_nesting (data, len, DSA_MAX_DEPTH);

  if (line == 0)
    return TRUE;
  g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_TOO_LARGE,
               _("%s, line %d: arrays and objects are nested more than %d deep"),
               name, line, DSA_MAX_DEPTH);
  return FALSE;
}

static void
dsa_array_element_cb (JsonParser *parser,
                      JsonArray  *array,
                      int         index,
                      gpointer    user_data)
{
  DsaReader *self = user_data;
  JsonNode *node = json_array_get_element (array, (guint) index);

  if (JSON_NODE_HOLDS_OBJECT (node))
    g_hash_table_insert (self->lines, json_node_get_object (node),
                         GUINT_TO_POINTER (json_parser_get_current_line (parser)));
}

static gboolean
dsa_number (JsonNode *node,
            double   *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *value = (double) json_node_get_int (node);
      break;
    case G_TYPE_DOUBLE:
      *value = json_node_get_double (node);
      break;
    default:
      return FALSE;
    }
  return isfinite (*value) && fabs (*value) <= CS_ANNOTATION_MAX_COORDINATE;
}

static JsonArray *
dsa_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* [x, y] or [x, y, z]; z is a focal plane, 0 in every known file. */
static gboolean
dsa_point (DsaReader  *self,
           JsonObject *element,
           JsonNode   *node,
           CsPoint    *point,
           GError    **error)
{
  JsonArray *array = dsa_array (node);

  if (array == NULL || json_array_get_length (array) < 2 || json_array_get_length (array) > 3 ||
      !dsa_number (json_array_get_element (array, 0), &point->x) ||
      !dsa_number (json_array_get_element (array, 1), &point->y))
    {
      dsa_set_error (self, element, error, CS_ANNOTATION_ERROR_INVALID,
                     _("a coordinate is not [x, y, z] with finite numbers within ±1e9"));
      return FALSE;
    }
  if (++self->n_points > CS_ANNOTATION_MAX_POINTS)
    {
      dsa_set_error (self, element, error, CS_ANNOTATION_ERROR_TOO_LARGE,
                     _("more than %d points in all"), CS_ANNOTATION_MAX_POINTS);
      return FALSE;
    }
  return TRUE;
}

/* A list of points; @min of them at least. */
static GArray *
dsa_points (DsaReader  *self,
            JsonObject *element,
            JsonNode   *node,
            guint       min,
            GError    **error)
{
  JsonArray *array = dsa_array (node);
  g_autoptr(GArray) points = NULL;

  if (array == NULL || json_array_get_length (array) < min)
    {
      dsa_set_error (self, element, error, CS_ANNOTATION_ERROR_INVALID,
                     _("it needs a list of at least %u points"), min);
      return NULL;
    }
  points = g_array_sized_new (FALSE, FALSE, sizeof (CsPoint), json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      CsPoint p;

      if (!dsa_point (self, element, json_array_get_element (array, i), &p, error))
        return NULL;
      g_array_append_val (points, p);
    }
  return g_steal_pointer (&points);
}

static gboolean
dsa_get_number (DsaReader  *self,
                JsonObject *element,
                const char *member,
                gboolean    required,
                double     *value,
                GError    **error)
{
  JsonNode *node = json_object_get_member (element, member);

  if ((node == NULL || JSON_NODE_HOLDS_NULL (node)) && !required)
    return TRUE;
  if (dsa_number (node, value))
    return TRUE;
  dsa_set_error (self, element, error, CS_ANNOTATION_ERROR_INVALID,
                 _("“%s” is missing or not a finite number within ±1e9"), member);
  return FALSE;
}

static gboolean
dsa_parse_hex (const char *hex,
               guint32    *rgb)
{
  gsize len = strlen (hex);
  guint32 v = 0;

  if (len != 3 && len != 4 && len != 6 && len != 8)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (hex[i]))
      return FALSE;
  for (guint c = 0; c < 3; c++)
    {
      int d = len <= 4 ? g_ascii_xdigit_value (hex[c]) * 17
                       : g_ascii_xdigit_value (hex[2 * c]) * 16 +
                           g_ascii_xdigit_value (hex[2 * c + 1]);

      v = (v << 8) | (guint32) d;
    }
  *rgb = v;
  return TRUE;
}

/* "rgb(255, 54, 0)", "rgba(0,0,0,0.5)": alpha is not kept. */
static gboolean
dsa_parse_rgb_function (const char *args,
                        guint32    *rgb)
{
  g_auto(GStrv) parts = g_strsplit (args, ",", -1);
  guint n = g_strv_length (parts);
  guint32 v = 0;

  if (n != 3 && n != 4)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      char *end = NULL;
      double c = g_ascii_strtod (g_strstrip (parts[i]), &end);

      if (end == parts[i] || !isfinite (c))
        return FALSE;
      if (*end == '%')
        {
          c = c * 255 / 100;
          end++;
        }
      if (*end != '\0')
        return FALSE;
      v = (v << 8) | (guint32) lround (CLAMP (c, 0, 255));
    }
  *rgb = v;
  return TRUE;
}

static gboolean
dsa_parse_color (const char *css,
                 guint32    *rgb)
{
  g_autofree char *str = g_ascii_strdown (css, -1);
  gsize len;

  g_strstrip (str);
  len = strlen (str);
  if (str[0] == '#')
    return dsa_parse_hex (str + 1, rgb);
  if (len < 2 || str[len - 1] != ')')
    return FALSE;
  str[len - 1] = '\0';
  if (g_str_has_prefix (str, "rgba("))
    return dsa_parse_rgb_function (str + 5, rgb);
  if (g_str_has_prefix (str, "rgb("))
    return dsa_parse_rgb_function (str + 4, rgb);
  return FALSE;
}

static gboolean
same_point (const CsPoint *a,
            const CsPoint *b)
{
  return a->x == b->x && a->y == b->y;
}

/* Up to 3: enough to tell a ring from a line or a point. */
static guint
dsa_count_distinct (GArray *points)
{
  CsPoint seen[3];
  guint n = 0;

  for (guint i = 0; i < points->len && n < 3; i++)
    {
      const CsPoint *p = &g_array_index (points, CsPoint, i);
      gboolean known = FALSE;

      for (guint j = 0; j < n; j++)
        known |= same_point (&seen[j], p);
      if (!known)
        seen[n++] = *p;
    }
  return n;
}

/* Closed rings may or may not repeat their first point. */
static void
dsa_open_ring (GArray *points)
{
  if (points->len >= 2 &&
      same_point (&g_array_index (points, CsPoint, 0),
                  &g_array_index (points, CsPoint, points->len - 1)))
    g_array_set_size (points, points->len - 1);
}

static gboolean
dsa_add_holes (DsaReader  *self,
               JsonObject *element,
               CsGeometry *geometry,
               GError    **error)
{
  JsonNode *node = json_object_get_member (element, "holes");
  JsonArray *holes;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      dsa_set_error (self, element, error, CS_ANNOTATION_ERROR_INVALID,
                     _("“holes” is not a list of rings"));
      return FALSE;
    }
  holes = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (holes); i++)
    {
      JsonNode *hole = json_array_get_element (holes, i);
      g_autoptr(GArray) ring = dsa_points (self, element, hole, 0, error);

      if (ring == NULL)
        return FALSE;
      dsa_open_ring (ring);
      if (dsa_count_distinct (ring) < 3)
        cs_annotation_import_warn (self->result,
                                   _("Holes with fewer than three distinct points were skipped"));
      else
        cs_geometry_add_ring (geometry, (CsPoint *) ring->data, ring->len);
    }
  return TRUE;
}

static CsAnnotation *
dsa_polyline (DsaReader  *self,
              JsonObject *element,
              GError    **error)
{
  JsonNode *node = json_object_get_member (element, "points");
  g_autoptr(GArray) points = dsa_points (self, element, node, 1, error);
  g_autoptr(CsGeometry) geometry = NULL;
  JsonNode *closed = json_object_get_member (element, "closed");
  guint distinct;

  if (points == NULL)
    return NULL;
  if (closed == NULL || !JSON_NODE_HOLDS_VALUE (closed) ||
      json_node_get_value_type (closed) != G_TYPE_BOOLEAN || !json_node_get_boolean (closed))
    {
      if (points->len >= 2)
        return cs_xml_new_ring (CS_SHAPE_LINE, points);
      cs_annotation_import_warn (self->result, _("Lines of a single point were skipped"));
      return NULL;
    }
  dsa_open_ring (points);
  distinct = dsa_count_distinct (points);
  if (distinct < 3)
    {
      if (distinct < 2)
        {
          cs_annotation_import_warn (self->result,
                                     _("Closed polylines of a single distinct point were skipped"));
          return NULL;
        }
      cs_annotation_import_warn (self->result, _("Closed polylines of two distinct points "
                                                 "were imported as lines"));
      return cs_xml_new_ring (CS_SHAPE_LINE, points);
    }
  geometry = cs_geometry_new_ring ((CsPoint *) points->data, points->len);
  if (!dsa_add_holes (self, element, geometry, error))
    return NULL;
  return cs_annotation_new (CS_SHAPE_POLYGON, geometry);
}

/* rectangle, ellipse (full axes) and circle (radius). */
static CsAnnotation *
dsa_box (DsaReader  *self,
         JsonObject *element,
         CsShape     shape,
         gboolean    circle,
         GError    **error)
{
  CsShapeParams p = { 0 };
  CsPoint center;
  double radius = 0;

  if (!dsa_point (self, element, json_object_get_member (element, "center"), &center, error))
    return NULL;
  if (circle)
    {
      if (!dsa_get_number (self, element, "radius", TRUE, &radius, error))
        return NULL;
      p.width = p.height = 2 * radius;
    }
  else if (!dsa_get_number (self, element, "width", TRUE, &p.width, error) ||
           !dsa_get_number (self, element, "height", TRUE, &p.height, error) ||
           !dsa_get_number (self, element, "rotation", FALSE, &p.rotation, error))
    return NULL;
  if (p.width < 0 || p.height < 0)
    {
      dsa_set_error (self, element, error, CS_ANNOTATION_ERROR_INVALID,
                     _("a negative width, height or radius"));
      return NULL;
    }
  p.cx = center.x;
  p.cy = center.y;
  return cs_annotation_new_with_params (shape, &p);
}

static CsAnnotation *
dsa_point_element (DsaReader  *self,
                   JsonObject *element,
                   GError    **error)
{
  g_autoptr(CsGeometry) geometry = NULL;
  CsPoint center;

  if (!dsa_point (self, element, json_object_get_member (element, "center"), &center, error))
    return NULL;
  geometry = cs_geometry_new_ring (&center, 1);
  return cs_annotation_new (CS_SHAPE_POINTS, geometry);
}

/* Head first in DSA; ours points at its last point. */
static CsAnnotation *
dsa_arrow (DsaReader  *self,
           JsonObject *element,
           GError    **error)
{
  JsonNode *node = json_object_get_member (element, "points");
  g_autoptr(GArray) points = dsa_points (self, element, node, 2, error);
  CsPoint tail_head[2];

  if (points == NULL)
    return NULL;
  if (points->len != 2)
    {
      cs_annotation_import_warn (self->result, _("Arrows without exactly two points were skipped"));
      return NULL;
    }
  tail_head[0] = g_array_index (points, CsPoint, 1);
  tail_head[1] = g_array_index (points, CsPoint, 0);
  g_array_remove_range (points, 0, 2);
  g_array_append_vals (points, tail_head, 2);
  return cs_xml_new_ring (CS_SHAPE_ARROW, points);
}

static const char *
dsa_get_string (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static CsAnnotation *
dsa_build (DsaReader  *self,
           JsonObject *element,
           GError    **error)
{
  static const char *ignored[] = { "heatmap", "griddata", "image", "pixelmap", "rectanglegrid" };
  const char *type = self->type;

  if (g_strcmp0 (type, "point") == 0)
    return dsa_point_element (self, element, error);
  if (g_strcmp0 (type, "polyline") == 0)
    return dsa_polyline (self, element, error);
  if (g_strcmp0 (type, "rectangle") == 0)
    return dsa_box (self, element, CS_SHAPE_RECTANGLE, FALSE, error);
  if (g_strcmp0 (type, "ellipse") == 0)
    return dsa_box (self, element, CS_SHAPE_ELLIPSE, FALSE, error);
  if (g_strcmp0 (type, "circle") == 0)
    return dsa_box (self, element, CS_SHAPE_ELLIPSE, TRUE, error);
  if (g_strcmp0 (type, "arrow") == 0)
    return dsa_arrow (self, element, error);
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (ignored); i++)
    if (g_str_equal (type, ignored[i]))
      {
        cs_annotation_import_warn (self->result,
                                   _("Elements of type “%s” (pixel data, not shapes) "
                                     "were skipped"),
                                   type);
        return NULL;
      }
  cs_annotation_import_warn (self->result, _("Elements of unknown type “%s” were skipped"),
                             type != NULL ? type : "");
  return NULL;
}

/* Label, group, colour and the ids DSA gives. */
static void
dsa_describe (DsaReader    *self,
              JsonObject   *element,
              const char   *document_name,
              CsAnnotation *annotation)
{
  JsonNode *label = json_object_get_member (element, "label");
  const char *group = dsa_get_string (element, "group");
  const char *color = dsa_get_string (element, "lineColor");
  const char *id = dsa_get_string (element, "id");
  guint32 rgb;

  if (label != NULL && JSON_NODE_HOLDS_OBJECT (label))
    {
      const char *value = dsa_get_string (json_node_get_object (label), "value");

      if (value != NULL && *value != '\0')
        cs_annotation_set_name (annotation, value);
    }
  if (group != NULL && *group != '\0')
    cs_annotation_set_class_name (annotation, group);
  if (color != NULL && dsa_parse_color (color, &rgb))
    cs_annotation_set_color (annotation, rgb);
  else if (color != NULL)
    cs_annotation_import_warn (self->result, _("Colours that are not CSS colours were ignored"));
  if (id != NULL)
    cs_annotation_set_extra (annotation, "dsa.id", id);
  if (document_name != NULL && *document_name != '\0')
    cs_annotation_set_extra (annotation, "dsa.annotation", document_name);
}

static gboolean
dsa_read_document (DsaReader  *self,
                   JsonNode   *node,
                   GError    **error)
{
  JsonObject *document = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                           ? json_node_get_object (node) : NULL;
  JsonNode *inner = document != NULL ? json_object_get_member (document, "annotation") : NULL;
  JsonNode *elements_node;
  JsonArray *elements;

  /* A server response wraps the document. */
  if (inner != NULL && JSON_NODE_HOLDS_OBJECT (inner))
    document = json_node_get_object (inner);
  elements_node = document != NULL ? json_object_get_member (document, "elements") : NULL;
  if (elements_node == NULL || !JSON_NODE_HOLDS_ARRAY (elements_node))
    {
      g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_INVALID,
                   _("%s: document %u is not a DSA annotation (it has no list of elements)"),
                   self->name, self->document);
      return FALSE;
    }
  elements = json_node_get_array (elements_node);
  for (self->element = 1; self->element <= json_array_get_length (elements); self->element++)
    {
      JsonNode *e = json_array_get_element (elements, self->element - 1);
      JsonObject *element = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      g_autoptr(CsAnnotation) annotation = NULL;
      g_autoptr(GError) local_error = NULL;

      self->type = element != NULL ? dsa_get_string (element, "type") : NULL;
      if (element == NULL || self->type == NULL)
        {
          g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_INVALID,
                       _("%s: document %u, element %u is not an object with a type"),
                       self->name, self->document, self->element);
          return FALSE;
        }
      annotation = dsa_build (self, element, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (annotation == NULL)
        continue;
      dsa_describe (self, element, dsa_get_string (document, "name"), annotation);
      g_ptr_array_add (self->result->annotations, g_steal_pointer (&annotation));
    }
  return TRUE;
}

/* json-glib says "<data>:LINE:COLUMN: Parse error: …". */
static void
dsa_set_parse_error (DsaReader  *self,
                     const char *message,
                     GError    **error)
{
  const char *prefix = "<data>:";
  char *end = NULL;
  guint64 line = 0;

  if (g_str_has_prefix (message, prefix))
    {
      line = g_ascii_strtoull (message + strlen (prefix), &end, 10);
      if (end != NULL && *end == ':')
        {
          g_ascii_strtoull (end + 1, &end, 10);
          message = end != NULL && g_str_has_prefix (end, ": ") ? end + 2 : message;
        }
      else
        line = 0;
    }
  if (line > 0)
    g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE,
                 _("%s, line %d: malformed JSON (%s)"), self->name,
                 (int) MIN (line, G_MAXINT), message);
  else
    g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE,
                 _("%s: malformed JSON (%s)"), self->name, message);
}

static gboolean
dsa_read_root (DsaReader *self,
               JsonNode  *root,
               GError   **error)
{
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *list = json_node_get_array (root);

      for (self->document = 1; self->document <= json_array_get_length (list); self->document++)
        if (!dsa_read_document (self, json_array_get_element (list, self->document - 1), error))
          return FALSE;
      return TRUE;
    }
  self->document = 1;
  return dsa_read_document (self, root, error);
}

/**
 * cs_dsa_json_read:
 * @data: the file's bytes
 * @len: their length
 * @name: the file's name, for messages
 * @result: receives the annotations and warnings
 * @error: return location for a #GError
 *
 * Reads Digital Slide Archive (HistomicsUI) annotation JSON. All or
 * nothing: on error @result is untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
cs_dsa_json_read (const char         *data,
                  gsize               len,
                  const char         *name,
                  CsAnnotationImport *result,
                  GError            **error)
{
  g_autoptr(CsAnnotationImport) tmp = cs_annotation_import_new (CS_ANNOTATION_FORMAT_DSA);
  g_autoptr(GHashTable) lines = g_hash_table_new (NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  DsaReader self = { .result = tmp, .name = name != NULL ? name : "", .lines = lines };

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (len > G_MAXSSIZE)
    {
      g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_TOO_LARGE,
                   _("%s: the file is too large to import"), self.name);
      return FALSE;
    }
  if (!dsa_check_depth (data, len, self.name, error))
    return FALSE;
  g_signal_connect (parser, "array-element", G_CALLBACK (dsa_array_element_cb), &self);
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", (gssize) len, &local_error))
    {
      dsa_set_parse_error (&self, local_error->message, error);
      return FALSE;
    }
  if (!dsa_read_root (&self, json_parser_get_root (parser), error))
    return FALSE;
  cs_xml_import_append (result, tmp);
  return TRUE;
}
