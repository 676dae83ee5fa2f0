/* cs-annotation-xml.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

#include "cs-annotation-io.h"

G_BEGIN_DECLS

/* Shared by the ASAP and ImageScope readers and writers: a hardened
 * libxml2 reader over memory, numbers and colours as the formats write
 * them, and an xmlTextWriter over a GOutputStream. Not thread-aware:
 * each reader or writer is used by one thread at a time. */

/* Beyond these an import stops with CS_ANNOTATION_ERROR_TOO_LARGE or
 * CS_ANNOTATION_ERROR_INVALID. */
#define CS_ANNOTATION_MAX_POINTS     50000000
#define CS_ANNOTATION_MAX_COORDINATE 1e9
#define CS_ANNOTATION_MAX_DEPTH      64

/* Attributes of our own, ignored by ASAP and ImageScope, that let our
 * files come back exactly: the UUID, the shape, a rectangle's or
 * ellipse's parameters, which ring of which annotation a piece is, and
 * every other property the formats lack, in ConsiliumProperties: a JSON
 * object (JSON escapes what an XML attribute cannot hold, such as
 * control characters in a comment) with
 *   "comment", "author", "institution": strings, when set;
 *   "created", "modified": ISO 8601 UTC, to the microsecond;
 *   "locked", "hidden": true, when so;
 *   "extra": an object of the extra keys' string values, when any.
 * It sits on an annotation's first element only. */
#define CS_XML_ATTR_ID         "ConsiliumId"
#define CS_XML_ATTR_SHAPE      "ConsiliumShape"
#define CS_XML_ATTR_PARAMS     "ConsiliumParams"
#define CS_XML_ATTR_RING       "ConsiliumRing"
#define CS_XML_ATTR_PROPERTIES "ConsiliumProperties"

typedef struct
{
  xmlTextReaderPtr  reader;
  const char       *name;
  char             *parse_error;
  int               parse_error_line;
  guint64           n_points;
  gboolean          root_open;
  GHashTable       *ids;
} CsXmlReader;

gboolean  cs_xml_reader_open         (CsXmlReader  *self,
                                      const char   *data,
                                      gsize         len,
                                      const char   *name,
                                      GError      **error);
void      cs_xml_reader_clear        (CsXmlReader  *self);
/* The next node: 1, or 0 at the end, or -1 with @error set (libxml2's
 * message and line, a DOCTYPE, or nesting beyond the limit). */
int       cs_xml_reader_next         (CsXmlReader  *self,
                                      GError      **error);
gboolean  cs_xml_reader_is_element   (CsXmlReader  *self,
                                      const char   *local_name);
gboolean  cs_xml_reader_is_end       (CsXmlReader  *self,
                                      const char   *local_name);
int       cs_xml_reader_line         (CsXmlReader  *self);
/* An attribute of the current element by local name, whatever its
 * prefix; NULL when absent. */
char     *cs_xml_reader_get          (CsXmlReader  *self,
                                      const char   *local_name);
/* A finite number within the limits; "1234,5" is read as 1234.5. FALSE
 * with @error naming the element and line when it is not a number; a
 * missing attribute leaves @value untouched unless @required. */
gboolean  cs_xml_reader_get_number   (CsXmlReader  *self,
                                      const char   *local_name,
                                      gboolean      required,
                                      double       *value,
                                      GError      **error);
/* Gives @annotation the id our writer stored, unless it is empty or an
 * earlier annotation of the file took it (a copied region). */
void      cs_xml_reader_set_id       (CsXmlReader  *self,
                                      CsAnnotation *annotation,
                                      const char   *id);
/* Counts points against CS_ANNOTATION_MAX_POINTS. */
gboolean  cs_xml_reader_add_points   (CsXmlReader  *self,
                                      guint         n,
                                      GError      **error);
void      cs_xml_reader_set_error    (CsXmlReader  *self,
                                      GError      **error,
                                      int           code,
                                      int           line,
                                      const char   *format,
                                      ...) G_GNUC_PRINTF (5, 6);

/* "1234,5" and "1234.5" → 1234.5; FALSE unless the whole string is a
 * finite number within CS_ANNOTATION_MAX_COORDINATE. */
gboolean  cs_xml_parse_number        (const char   *str,
                                      double       *value);
/* "#RRGGBB" (case-insensitive) → 0xRRGGBB. */
gboolean  cs_xml_parse_hex_color     (const char   *str,
                                      guint32      *rgb);
char     *cs_xml_format_hex_color    (guint32       rgb);
/* The shortest of %.15g, %.16g, %.17g that reads back as @value, in the
 * C locale. @buf holds G_ASCII_DTOSTR_BUF_SIZE. */
const char *cs_xml_format_number     (char         *buf,
                                      double        value);
gboolean  cs_xml_parse_params        (const char   *str,
                                      CsShapeParams *params);
char     *cs_xml_format_params       (const CsShapeParams *params);

/* The colour of @klass in @context, else @fallback. */
guint32   cs_xml_class_color         (const CsAnnotationExport *context,
                                      const char               *klass,
                                      guint32                   fallback);
/* The effective colour of @annotation in a file: its own, else its
 * class's from @context, else @fallback. */
guint32   cs_xml_annotation_color    (CsAnnotation             *annotation,
                                      const CsAnnotationExport *context,
                                      guint32                   fallback);
/* A rectangle read as four corners, with its parameters, when the points
 * make one (up to rounding, in any order), else a polygon; an ellipse
 * from its bounding box's corners. */
CsAnnotation *cs_xml_new_rectangle   (const CsPoint *corners);
CsAnnotation *cs_xml_new_ellipse     (const CsPoint *corners);
CsAnnotation *cs_xml_new_ring        (CsShape        shape,
                                      GArray        *points);
/* Fewer than three points for an area: a line or a point, with a
 * warning; nothing, with a warning, for no point. */
CsAnnotation *cs_xml_new_degenerate  (CsAnnotationImport *result,
                                      GArray             *points);
/* The shape our ConsiliumShape and ConsiliumParams attributes name, when
 * the points fit it; else NULL. */
CsAnnotation *cs_xml_new_own_shape   (const char    *shape,
                                      const char    *params,
                                      GArray        *points);
/* A copy of @geometry with @points as a further ring of @part, or as a
 * new part when @part is the number of parts. */
CsGeometry   *cs_xml_geometry_add_ring (const CsGeometry *geometry,
                                        guint             part,
                                        const CsPoint    *points,
                                        guint             n_points);

typedef struct
{
  xmlTextWriterPtr  writer;
  GOutputStream    *stream;
  GError           *error;
  gboolean          failed;
} CsXmlWriter;

void      cs_xml_writer_open         (CsXmlWriter  *self,
                                      GOutputStream *stream);
void      cs_xml_writer_start        (CsXmlWriter  *self,
                                      const char   *element);
void      cs_xml_writer_end          (CsXmlWriter  *self);
void      cs_xml_writer_attr         (CsXmlWriter  *self,
                                      const char   *name,
                                      const char   *value);
void      cs_xml_writer_attr_number  (CsXmlWriter  *self,
                                      const char   *name,
                                      double        value);
void      cs_xml_writer_attr_int     (CsXmlWriter  *self,
                                      const char   *name,
                                      gint64        value);
/* ConsiliumProperties for @annotation. */
void      cs_xml_writer_properties   (CsXmlWriter  *self,
                                      CsAnnotation *annotation);
/* Gives @annotation the properties of a ConsiliumProperties value (NULL:
 * nothing); what cannot be read is ignored, with a warning. */
void      cs_xml_apply_properties    (CsAnnotationImport *result,
                                      CsAnnotation       *annotation,
                                      const char         *json);
/* Ends the document, flushes and frees the writer. */
gboolean  cs_xml_writer_close        (CsXmlWriter  *self,
                                      GError      **error);

/* Moves a reader's private result into the caller's once the whole file
 * has been read (all or nothing); also used by cs-dsa-json.c. */
void      cs_xml_import_append       (CsAnnotationImport *dest,
                                      CsAnnotationImport *src);

G_END_DECLS
