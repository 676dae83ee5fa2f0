/* cs-annotation-xml.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-xml"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "cs-annotation-xml.h"
#include "cs-geojson-private.h"

/* What the ASAP and ImageScope modules share. The reader is libxml2's
 * pull parser over memory with the network off and no entity
 * substitution or DTD loading; a document type declaration is refused
 * outright, so neither "billion laughs" nor external entities get a
 * chance. libxml2's own errors are caught per reader (nothing reaches
 * stderr) and reported with their line. */

#if LIBXML_VERSION >= 21200
typedef const xmlError *CsXmlErrorPtr;
#else
typedef xmlErrorPtr CsXmlErrorPtr;
#endif

static void
structured_error_cb (void          *user_data,
                     CsXmlErrorPtr  xml_error)
{
  CsXmlReader *self = user_data;

  if (self->parse_error != NULL || xml_error == NULL || xml_error->level < XML_ERR_ERROR)
    return;
  self->parse_error = g_strchomp (g_strdup (xml_error->message ? xml_error->message : ""));
  self->parse_error_line = xml_error->line;
}

gboolean
cs_xml_reader_open (CsXmlReader *self,
                    const char  *data,
                    gsize        len,
                    const char  *name,
                    GError     **error)
{
  memset (self, 0, sizeof *self);
  self->name = name != NULL ? name : "";
  if (len == 0)
    {
      g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE,
                   _("%s: the file is empty"), self->name);
      return FALSE;
    }
  if (len > G_MAXINT)
    {
      g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_TOO_LARGE,
                   _("%s: the file is too large to import"), self->name);
      return FALSE;
    }
  self->reader = xmlReaderForMemory (data, (int) len, NULL, NULL,
                                     XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  if (self->reader == NULL)
    {
      g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE,
                   _("%s: the XML reader could not start"), self->name);
      return FALSE;
    }
  xmlTextReaderSetStructuredErrorHandler (self->reader, structured_error_cb, self);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return TRUE;
}

void
cs_xml_reader_clear (CsXmlReader *self)
{
  g_clear_pointer (&self->reader, xmlFreeTextReader);
  g_clear_pointer (&self->parse_error, g_free);
  g_clear_pointer (&self->ids, g_hash_table_unref);
}

void
cs_xml_reader_set_id (CsXmlReader  *self,
                      CsAnnotation *annotation,
                      const char   *id)
{
  /* ConsiliumId is ours alone: whatever id it holds (one that is no UUID
   * too) comes back exactly. */
  if (id == NULL || *id == '\0' || g_hash_table_contains (self->ids, id))
    return;
  g_hash_table_add (self->ids, g_strdup (id));
  cs_annotation_set_id (annotation, id);
}

void
cs_xml_reader_set_error (CsXmlReader *self,
                         GError     **error,
                         int          code,
                         int          line,
                         const char  *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line <= 0)
    line = cs_xml_reader_line (self);
  g_set_error (error, CS_ANNOTATION_ERROR, code,
               /* Translators: file name, line number, what is wrong */
               _("%s, line %d: %s"), self->name, line, message);
}

/* The line of the current node; the parser itself may be lines ahead. */
int
cs_xml_reader_line (CsXmlReader *self)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (self->reader);
  long line = node != NULL ? xmlGetLineNo (node) : -1;

  return line > 0 && line < G_MAXINT ? (int) line : xmlTextReaderGetParserLineNumber (self->reader);
}

int
cs_xml_reader_next (CsXmlReader *self,
                    GError     **error)
{
  int ret = xmlTextReaderRead (self->reader);

  if ((ret < 0 || self->parse_error != NULL) && self->root_open)
    {
      /* libxml2 2.9 calls a truncated file "Extra content at the end". */
      cs_xml_reader_set_error (self, error, CS_ANNOTATION_ERROR_PARSE,
                               self->parse_error_line,
                               _("the file ends before its elements are closed; is it truncated?"));
      return -1;
    }
  if (ret < 0 || self->parse_error != NULL)
    {
      cs_xml_reader_set_error (self, error, CS_ANNOTATION_ERROR_PARSE,
                               self->parse_error_line,
                               _("malformed XML (%s)"),
                               self->parse_error ? self->parse_error : _("unknown error"));
      return -1;
    }
  if (ret == 0)
    return 0;
  if (xmlTextReaderNodeType (self->reader) == XML_READER_TYPE_DOCUMENT_TYPE)
    {
      cs_xml_reader_set_error (self, error, CS_ANNOTATION_ERROR_PARSE, 0,
                               _("document type declarations are not accepted"));
      return -1;
    }
  if (xmlTextReaderDepth (self->reader) == 0)
    self->root_open = cs_xml_reader_is_element (self, NULL) &&
                      !xmlTextReaderIsEmptyElement (self->reader);
  if (xmlTextReaderDepth (self->reader) > CS_ANNOTATION_MAX_DEPTH)
    {
      cs_xml_reader_set_error (self, error, CS_ANNOTATION_ERROR_TOO_LARGE, 0,
                               _("elements are nested more than %d deep"),
                               CS_ANNOTATION_MAX_DEPTH);
      return -1;
    }
  return 1;
}

static gboolean
local_name_is (CsXmlReader *self,
               const char  *local_name)
{
  const xmlChar *name = xmlTextReaderConstLocalName (self->reader);

  return name != NULL && g_str_equal ((const char *) name, local_name);
}

gboolean
cs_xml_reader_is_element (CsXmlReader *self,
                          const char  *local_name)
{
  return xmlTextReaderNodeType (self->reader) == XML_READER_TYPE_ELEMENT &&
         (local_name == NULL || local_name_is (self, local_name));
}

gboolean
cs_xml_reader_is_end (CsXmlReader *self,
                      const char  *local_name)
{
  int type = xmlTextReaderNodeType (self->reader);

  if (type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement (self->reader))
    return local_name_is (self, local_name);
  return type == XML_READER_TYPE_END_ELEMENT && local_name_is (self, local_name);
}

char *
cs_xml_reader_get (CsXmlReader *self,
                   const char  *local_name)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (self->reader) != 1)
    return NULL;
  do
    {
      if (local_name_is (self, local_name))
        {
          xmlChar *v = xmlTextReaderValue (self->reader);

          value = g_strdup (v != NULL ? (const char *) v : "");
          xmlFree (v);
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (self->reader) == 1);
  xmlTextReaderMoveToElement (self->reader);
  return value;
}

gboolean
cs_xml_parse_number (const char *str,
                     double     *value)
{
  g_autofree char *copy = NULL;
  char *comma, *end = NULL;
  double v;

  if (str == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (str));
  /* pugixml under a comma locale: one ',' is the decimal separator. */
  comma = strchr (copy, ',');
  if (comma != NULL && strchr (comma + 1, ',') == NULL && strchr (copy, '.') == NULL)
    *comma = '.';
  if (*copy == '\0')
    return FALSE;
  v = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (v) || fabs (v) > CS_ANNOTATION_MAX_COORDINATE)
    return FALSE;
  *value = v;
  return TRUE;
}

gboolean
cs_xml_reader_get_number (CsXmlReader *self,
                          const char  *local_name,
                          gboolean     required,
                          double      *value,
                          GError     **error)
{
  g_autofree char *str = cs_xml_reader_get (self, local_name);
  const xmlChar *element = xmlTextReaderConstLocalName (self->reader);

  if (str == NULL && !required)
    return TRUE;
  if (str == NULL)
    {
      cs_xml_reader_set_error (self, error, CS_ANNOTATION_ERROR_INVALID, 0,
                               _("<%s> lacks the attribute %s"), (const char *) element,
                               local_name);
      return FALSE;
    }
  if (!cs_xml_parse_number (str, value))
    {
      cs_xml_reader_set_error (self, error, CS_ANNOTATION_ERROR_INVALID, 0,
                               _("<%s> %s=\"%.40s\" is not a usable number"),
                               (const char *) element, local_name, str);
      return FALSE;
    }
  return TRUE;
}

gboolean
cs_xml_reader_add_points (CsXmlReader *self,
                          guint        n,
                          GError     **error)
{
  self->n_points += n;
  if (self->n_points > CS_ANNOTATION_MAX_POINTS)
    {
      cs_xml_reader_set_error (self, error, CS_ANNOTATION_ERROR_TOO_LARGE, 0,
                               _("more than %d points in all"), CS_ANNOTATION_MAX_POINTS);
      return FALSE;
    }
  return TRUE;
}

gboolean
cs_xml_parse_hex_color (const char *str,
                        guint32    *rgb)
{
  guint32 v = 0;

  if (str == NULL || str[0] != '#' || strlen (str) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      int d = g_ascii_xdigit_value (str[i]);

      if (d < 0)
        return FALSE;
      v = (v << 4) | (guint32) d;
    }
  *rgb = v;
  return TRUE;
}

char *
cs_xml_format_hex_color (guint32 rgb)
{
  return g_strdup_printf ("#%06X", rgb & 0xFFFFFF);
}

const char *
cs_xml_format_number (char  *buf,
                      double value)
{
  static const char *formats[] = { "%.15g", "%.16g", "%.17g" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return buf;
}

gboolean
cs_xml_parse_params (const char    *str,
                     CsShapeParams *params)
{
  g_auto(GStrv) fields = NULL;
  double v[5];

  if (str == NULL)
    return FALSE;
  fields = g_strsplit (str, " ", -1);
  if (g_strv_length (fields) != 5)
    return FALSE;
  for (guint i = 0; i < 5; i++)
    if (strchr (fields[i], ',') != NULL || !cs_xml_parse_number (fields[i], &v[i]))
      return FALSE;
  *params = (CsShapeParams) { v[0], v[1], v[2], v[3], v[4] };
  return TRUE;
}

char *
cs_xml_format_params (const CsShapeParams *p)
{
  char b[5][G_ASCII_DTOSTR_BUF_SIZE];

  return g_strjoin (" ", cs_xml_format_number (b[0], p->cx), cs_xml_format_number (b[1], p->cy),
                    cs_xml_format_number (b[2], p->width), cs_xml_format_number (b[3], p->height),
                    cs_xml_format_number (b[4], p->rotation), NULL);
}

guint32
cs_xml_class_color (const CsAnnotationExport *context,
                    const char               *klass,
                    guint32                   fallback)
{
  gpointer value;

  if (klass != NULL && context != NULL && context->class_colors != NULL &&
      g_hash_table_lookup_extended (context->class_colors, klass, NULL, &value))
    return GPOINTER_TO_UINT (value);
  return fallback;
}

guint32
cs_xml_annotation_color (CsAnnotation             *annotation,
                         const CsAnnotationExport *context,
                         guint32                   fallback)
{
  if (cs_annotation_get_color (annotation) != CS_COLOR_UNSET)
    return cs_annotation_get_color (annotation);
  return cs_xml_class_color (context, cs_annotation_get_class_name (annotation), fallback);
}

/* Every corner of @candidate is one of @corners, in whatever order. */
static gboolean
same_corners (CsAnnotation  *candidate,
              const CsPoint *corners)
{
  guint n;
  const CsPoint *ring = cs_geometry_get_ring (cs_annotation_get_geometry (candidate), 0, 0, &n);
  double tolerance = 0;

  for (guint i = 0; i < 4; i++)
    tolerance = MAX (tolerance, MAX (fabs (corners[i].x), fabs (corners[i].y)));
  tolerance = 1e-9 * MAX (tolerance, 1);
  for (guint i = 0; i < n; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < 4 && !found; j++)
        found = fabs (ring[i].x - corners[j].x) <= tolerance &&
                fabs (ring[i].y - corners[j].y) <= tolerance;
      if (!found)
        return FALSE;
    }
  return n == 4;
}

/* A rectangle with its parameters when the four points are one (up to
 * rounding, in any order: the parameters then rule); else a polygon. */
CsAnnotation *
cs_xml_new_rectangle (const CsPoint *c)
{
  g_autoptr(CsGeometry) ring = NULL;
  g_autoptr(CsAnnotation) candidate = NULL;
  CsShapeParams p;

  p.cx = (c[0].x + c[2].x) / 2;
  p.cy = (c[0].y + c[2].y) / 2;
  p.width = hypot (c[1].x - c[0].x, c[1].y - c[0].y);
  p.height = hypot (c[2].x - c[1].x, c[2].y - c[1].y);
  p.rotation = atan2 (c[1].y - c[0].y, c[1].x - c[0].x);
  candidate = cs_annotation_new_with_params (CS_SHAPE_RECTANGLE, &p);
  if (p.width > 0 && p.height > 0 && same_corners (candidate, c))
    return g_steal_pointer (&candidate);
  ring = cs_geometry_new_ring (c, 4);
  return cs_annotation_new (CS_SHAPE_POLYGON, ring);
}

CsAnnotation *
cs_xml_new_ellipse (const CsPoint *c)
{
  CsShapeParams p;

  p.cx = (c[0].x + c[1].x) / 2;
  p.cy = (c[0].y + c[1].y) / 2;
  p.width = fabs (c[1].x - c[0].x);
  p.height = fabs (c[1].y - c[0].y);
  p.rotation = 0;
  return cs_annotation_new_with_params (CS_SHAPE_ELLIPSE, &p);
}

CsAnnotation *
cs_xml_new_ring (CsShape  shape,
                 GArray  *points)
{
  g_autoptr(CsGeometry) geometry = cs_geometry_new_ring ((CsPoint *) points->data, points->len);

  return cs_annotation_new (shape, geometry);
}

CsAnnotation *
cs_xml_new_own_shape (const char *shape_str,
                      const char *params_str,
                      GArray     *points)
{
  CsShape shape;
  CsShapeParams params;
  guint n = points->len;

  if (!cs_shape_from_string (shape_str, &shape))
    return NULL;
  if ((shape == CS_SHAPE_RECTANGLE || shape == CS_SHAPE_ELLIPSE) &&
      cs_xml_parse_params (params_str, &params))
    return cs_annotation_new_with_params (shape, &params);
  if ((cs_shape_is_area (shape) && n >= 3) ||
      ((shape == CS_SHAPE_LINE || shape == CS_SHAPE_ARROW) && n >= 2) ||
      ((shape == CS_SHAPE_POINTS || shape == CS_SHAPE_TEXT) && n >= 1))
    return cs_xml_new_ring (shape, points);
  return NULL;
}

CsAnnotation *
cs_xml_new_degenerate (CsAnnotationImport *result,
                       GArray             *points)
{
  if (points->len == 0)
    {
      cs_annotation_import_warn (result, _("Shapes without points were skipped"));
      return NULL;
    }
  cs_annotation_import_warn (result, _("Regions with fewer than three points were "
                                       "imported as lines or points"));
  return cs_xml_new_ring (points->len >= 2 ? CS_SHAPE_LINE : CS_SHAPE_POINTS, points);
}

/* A copy of @geometry with @points as a further ring of @part, or as a
 * new part when @part is the number of parts. */
CsGeometry *
cs_xml_geometry_add_ring (const CsGeometry *geometry,
                          guint             part,
                          const CsPoint    *points,
                          guint             n_points)
{
  CsGeometry *copy = cs_geometry_new ();
  guint n_parts = cs_geometry_get_n_parts (geometry);

  for (guint p = 0; p < n_parts; p++)
    {
      cs_geometry_add_part (copy);
      for (guint r = 0; r < cs_geometry_get_n_rings (geometry, p); r++)
        {
          guint n;
          const CsPoint *ring = cs_geometry_get_ring (geometry, p, r, &n);

          cs_geometry_add_ring (copy, ring, n);
        }
      if (p == part)
        cs_geometry_add_ring (copy, points, n_points);
    }
  if (part >= n_parts)
    {
      cs_geometry_add_part (copy);
      cs_geometry_add_ring (copy, points, n_points);
    }
  return copy;
}

/* A failed write is kept as our GError and the rest discarded, so that
 * libxml2 does not print its own "I/O error" on stderr. */
static int
output_write_cb (void       *context,
                 const char *buffer,
                 int         len)
{
  CsXmlWriter *self = context;

  if (self->error == NULL)
    g_output_stream_write_all (self->stream, buffer, (gsize) len, NULL, NULL, &self->error);
  return len;
}

static int
output_close_cb (void *context)
{
  /* The stream belongs to the caller, who closes it. */
  return 0;
}

void
cs_xml_writer_open (CsXmlWriter   *self,
                    GOutputStream *stream)
{
  xmlOutputBufferPtr out;

  memset (self, 0, sizeof *self);
  self->stream = stream;
  out = xmlOutputBufferCreateIO (output_write_cb, output_close_cb, self, NULL);
  self->writer = out != NULL ? xmlNewTextWriter (out) : NULL;
  if (self->writer == NULL)
    {
      self->failed = TRUE;
      return;
    }
  xmlTextWriterSetIndent (self->writer, 1);
  xmlTextWriterSetIndentString (self->writer, BAD_CAST "  ");
  self->failed = xmlTextWriterStartDocument (self->writer, "1.0", "UTF-8", NULL) < 0;
}

void
cs_xml_writer_start (CsXmlWriter *self,
                     const char  *element)
{
  if (!self->failed)
    self->failed = xmlTextWriterStartElement (self->writer, BAD_CAST element) < 0;
}

void
cs_xml_writer_end (CsXmlWriter *self)
{
  if (!self->failed)
    self->failed = xmlTextWriterEndElement (self->writer) < 0;
}

void
cs_xml_writer_attr (CsXmlWriter *self,
                    const char  *name,
                    const char  *value)
{
  if (!self->failed)
    self->failed = xmlTextWriterWriteAttribute (self->writer, BAD_CAST name,
                                                BAD_CAST (value != NULL ? value : "")) < 0;
}

void
cs_xml_writer_attr_number (CsXmlWriter *self,
                           const char  *name,
                           double       value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  cs_xml_writer_attr (self, name, cs_xml_format_number (buf, value));
}

void
cs_xml_writer_attr_int (CsXmlWriter *self,
                        const char  *name,
                        gint64       value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  cs_xml_writer_attr (self, name, buf);
}

/* ISO 8601 UTC as the GeoJSON writer puts it, without its quotes. */
static char *
format_time (gint64 usec)
{
  g_autoptr(GString) quoted = g_string_new (NULL);

  _cs_geojson_append_time (quoted, usec);
  if (quoted->len < 2 || quoted->str[0] != '"')
    return NULL;
  return g_strndup (quoted->str + 1, quoted->len - 2);
}

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
}

static void
add_time (JsonBuilder *builder,
          const char  *key,
          gint64       usec)
{
  g_autofree char *text = format_time (usec);

  add_string (builder, key, text);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
add_extra (JsonBuilder *builder,
           GHashTable  *extra)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  if (extra == NULL || g_hash_table_size (extra) == 0)
    return;
  /* Sorted: the same annotation always writes the same text. */
  keys = g_hash_table_get_keys_as_array (extra, &n);
  g_qsort_with_data (keys, n, sizeof (gpointer), compare_keys, NULL);
  json_builder_set_member_name (builder, "extra");
  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    add_string (builder, keys[i], g_hash_table_lookup (extra, keys[i]));
  json_builder_end_object (builder);
}

void
cs_xml_writer_properties (CsXmlWriter  *self,
                          CsAnnotation *annotation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "comment", cs_annotation_get_comment (annotation));
  add_string (builder, "author", cs_annotation_get_author (annotation));
  add_string (builder, "institution", cs_annotation_get_institution (annotation));
  add_time (builder, "created", cs_annotation_get_created (annotation));
  add_time (builder, "modified", cs_annotation_get_modified (annotation));
  if (cs_annotation_get_locked (annotation))
    {
      json_builder_set_member_name (builder, "locked");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (cs_annotation_get_hidden (annotation))
    {
      json_builder_set_member_name (builder, "hidden");
      json_builder_add_boolean_value (builder, TRUE);
    }
  add_extra (builder, cs_annotation_get_extra (annotation));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  cs_xml_writer_attr (self, CS_XML_ATTR_PROPERTIES, text);
}

/* At most an object in an object, and no array: what we write. Checked
 * before parsing, so that a hostile value nested a million deep never
 * reaches the parser. */
static gboolean
properties_shape_ok (const char *json)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (const char *p = json; *p != '\0'; p++)
    {
      if (in_string && *p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '"')
        in_string = !in_string;
      else if (!in_string && *p == '[')
        return FALSE;
      else if (!in_string && *p == '{' && ++depth > 2)
        return FALSE;
      else if (!in_string && *p == '}')
        depth--;
    }
  return TRUE;
}

static gboolean
apply_time (CsAnnotation *annotation,
            JsonNode     *node,
            gboolean      created)
{
  gint64 usec;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !_cs_geojson_parse_time (json_node_get_string (node), &usec))
    return FALSE;
  if (created)
    cs_annotation_set_created (annotation, usec);
  else
    cs_annotation_set_modified (annotation, usec);
  return TRUE;
}

static gboolean
apply_extra (CsAnnotation *annotation,
             JsonNode     *node)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;
  gboolean ok = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &key, &value))
    if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
      cs_annotation_set_extra (annotation, key, json_node_get_string (value));
    else
      ok = FALSE;
  return ok;
}

/* One member; FALSE when its value is not what the key needs. */
static gboolean
apply_member (CsAnnotation *annotation,
              const char   *key,
              JsonNode     *node)
{
  static const struct
  {
    const char *key;
    void      (*set) (CsAnnotation *, const char *);
  } strings[] = {
    { "comment", cs_annotation_set_comment },
    { "author", cs_annotation_set_author },
    { "institution", cs_annotation_set_institution },
  };
  gboolean is_string = JSON_NODE_HOLDS_VALUE (node) &&
                       json_node_get_value_type (node) == G_TYPE_STRING;
  gboolean is_bool = JSON_NODE_HOLDS_VALUE (node) &&
                     json_node_get_value_type (node) == G_TYPE_BOOLEAN;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (g_str_equal (key, strings[i].key))
      {
        if (is_string)
          strings[i].set (annotation, json_node_get_string (node));
        return is_string;
      }
  if (g_str_equal (key, "created") || g_str_equal (key, "modified"))
    return apply_time (annotation, node, g_str_equal (key, "created"));
  if (g_str_equal (key, "locked") && is_bool)
    cs_annotation_set_locked (annotation, json_node_get_boolean (node));
  else if (g_str_equal (key, "hidden") && is_bool)
    cs_annotation_set_hidden (annotation, json_node_get_boolean (node));
  else if (g_str_equal (key, "extra"))
    return apply_extra (annotation, node);
  else
    return !g_str_equal (key, "locked") && !g_str_equal (key, "hidden");
  return TRUE;
}

void
cs_xml_apply_properties (CsAnnotationImport *result,
                         CsAnnotation       *annotation,
                         const char         *json)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *node, *root;
  gboolean ok = TRUE;

  if (json == NULL)
    return;
  if (properties_shape_ok (json))
    {
      parser = json_parser_new_immutable ();
      ok = json_parser_load_from_data (parser, json, -1, NULL);
    }
  root = parser != NULL && ok ? json_parser_get_root (parser) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    ok = FALSE;
  else
    {
      json_object_iter_init (&iter, json_node_get_object (root));
      while (json_object_iter_next (&iter, &key, &node))
        ok &= apply_member (annotation, key, node);
    }
  if (!ok)
    cs_annotation_import_warn (result, _("Properties stored by Consilium that could not be "
                                         "read were ignored"));
}

gboolean
cs_xml_writer_close (CsXmlWriter *self,
                     GError     **error)
{
  if (self->writer != NULL)
    {
      if (!self->failed)
        self->failed = xmlTextWriterEndDocument (self->writer) < 0;
      if (!self->failed)
        self->failed = xmlTextWriterFlush (self->writer) < 0;
      g_clear_pointer (&self->writer, xmlFreeTextWriter);
    }
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  if (self->failed)
    {
      g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_INVALID,
                   _("The XML writer failed"));
      return FALSE;
    }
  return TRUE;
}

/* Moves everything from @src (a reader's private result) into @dest, once
 * the whole file has been read: the caller's result never holds half a
 * file. */
void
cs_xml_import_append (CsAnnotationImport *dest,
                      CsAnnotationImport *src)
{
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < src->annotations->len; i++)
    g_ptr_array_add (dest->annotations, g_object_ref (src->annotations->pdata[i]));
  g_hash_table_iter_init (&iter, src->class_colors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (dest->class_colors, key))
      g_hash_table_insert (dest->class_colors, g_strdup (key), value);
  for (guint i = 0; i < src->warnings->len; i++)
    cs_annotation_import_warn (dest, "%s", (const char *) src->warnings->pdata[i]);
  if (src->microns_per_pixel > 0)
    dest->microns_per_pixel = src->microns_per_pixel;
}
