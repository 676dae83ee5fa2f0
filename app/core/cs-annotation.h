/* cs-annotation.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-geometry.h"

G_BEGIN_DECLS

typedef enum
{
  CS_SHAPE_RECTANGLE,
  CS_SHAPE_ELLIPSE,
  CS_SHAPE_POLYGON,
  CS_SHAPE_FREEHAND,
  CS_SHAPE_POINTS,
  CS_SHAPE_LINE,
  CS_SHAPE_ARROW,
  CS_SHAPE_TEXT,
} CsShape;

#define CS_TYPE_SHAPE (cs_shape_get_type ())
GType        cs_shape_get_type      (void) G_GNUC_CONST;
const char  *cs_shape_to_string     (CsShape shape);
gboolean     cs_shape_from_string   (const char *str,
                                     CsShape    *shape);
gboolean     cs_shape_is_area       (CsShape shape);
const char  *cs_shape_get_label     (CsShape shape);

/**
 * CsShapeParams:
 * @cx: centre x, level-0 pixels
 * @cy: centre y
 * @width: full width before rotation
 * @height: full height before rotation
 * @rotation: radians, clockwise on screen (y down)
 *
 * The exact parameters of a rectangle or an ellipse, kept beside their
 * polygon so that they round-trip.
 */
typedef struct
{
  double cx;
  double cy;
  double width;
  double height;
  double rotation;
} CsShapeParams;

/* Colours are 0xRRGGBB; CS_COLOR_UNSET means "use the class colour". */
#define CS_COLOR_UNSET G_MAXUINT32

#define CS_TYPE_ANNOTATION (cs_annotation_get_type ())

G_DECLARE_FINAL_TYPE (CsAnnotation, cs_annotation, CS, ANNOTATION, GObject)

/* A new annotation gets a fresh UUID and created = modified = now. */
CsAnnotation        *cs_annotation_new              (CsShape              shape,
                                                     CsGeometry          *geometry);
CsAnnotation        *cs_annotation_new_with_params  (CsShape              shape,
                                                     const CsShapeParams *params);
/* Same UUID and values; the copy is not frozen. */
CsAnnotation        *cs_annotation_copy             (CsAnnotation        *self);
/* Same values, a fresh UUID and times: for duplicate and paste. */
CsAnnotation        *cs_annotation_duplicate        (CsAnnotation        *self);

const char          *cs_annotation_get_id           (CsAnnotation        *self);
void                 cs_annotation_set_id           (CsAnnotation        *self,
                                                     const char          *id);
CsShape              cs_annotation_get_shape        (CsAnnotation        *self);
void                 cs_annotation_set_shape        (CsAnnotation        *self,
                                                     CsShape              shape);
CsGeometry          *cs_annotation_get_geometry     (CsAnnotation        *self);
void                 cs_annotation_set_geometry     (CsAnnotation        *self,
                                                     CsGeometry          *geometry);
const CsShapeParams *cs_annotation_get_params       (CsAnnotation        *self);
void                 cs_annotation_set_params       (CsAnnotation        *self,
                                                     const CsShapeParams *params);
void                 cs_annotation_get_bounds       (CsAnnotation        *self,
                                                     CsRect              *bounds);
const char          *cs_annotation_get_class_name   (CsAnnotation        *self);
void                 cs_annotation_set_class_name   (CsAnnotation        *self,
                                                     const char          *class_name);
guint32              cs_annotation_get_color        (CsAnnotation        *self);
void                 cs_annotation_set_color        (CsAnnotation        *self,
                                                     guint32              rgb);
const char          *cs_annotation_get_name         (CsAnnotation        *self);
void                 cs_annotation_set_name         (CsAnnotation        *self,
                                                     const char          *name);
const char          *cs_annotation_get_comment      (CsAnnotation        *self);
void                 cs_annotation_set_comment      (CsAnnotation        *self,
                                                     const char          *comment);
const char          *cs_annotation_get_author       (CsAnnotation        *self);
void                 cs_annotation_set_author       (CsAnnotation        *self,
                                                     const char          *author);
const char          *cs_annotation_get_institution  (CsAnnotation        *self);
void                 cs_annotation_set_institution  (CsAnnotation        *self,
                                                     const char          *institution);
/* Times in microseconds since the epoch, UTC. */
gint64               cs_annotation_get_created      (CsAnnotation        *self);
void                 cs_annotation_set_created      (CsAnnotation        *self,
                                                     gint64               usec);
gint64               cs_annotation_get_modified     (CsAnnotation        *self);
void                 cs_annotation_set_modified     (CsAnnotation        *self,
                                                     gint64               usec);
void                 cs_annotation_touch            (CsAnnotation        *self);
gboolean             cs_annotation_get_locked       (CsAnnotation        *self);
void                 cs_annotation_set_locked       (CsAnnotation        *self,
                                                     gboolean             locked);
gboolean             cs_annotation_get_hidden       (CsAnnotation        *self);
void                 cs_annotation_set_hidden       (CsAnnotation        *self,
                                                     gboolean             hidden);
/* A temporary ruler: drawn and measured, never saved or exported. */
gboolean             cs_annotation_get_temporary    (CsAnnotation        *self);
void                 cs_annotation_set_temporary    (CsAnnotation        *self,
                                                     gboolean             temporary);

/* String key/value pairs carried through import and export untouched
 * (QuPath metadata, consilium.source, plane, …). May be NULL. */
GHashTable          *cs_annotation_get_extra        (CsAnnotation        *self);
void                 cs_annotation_set_extra        (CsAnnotation        *self,
                                                     const char          *key,
                                                     const char          *value);

/* An annotation in a CsAnnotationList is frozen: its setters refuse, and a
 * change goes through cs_annotation_copy() + cs_annotation_list_update(). */
gboolean             cs_annotation_is_frozen        (CsAnnotation        *self);
void                 cs_annotation_freeze           (CsAnnotation        *self);

/* Every field equal, the UUID included. */
gboolean             cs_annotation_equal            (CsAnnotation        *a,
                                                     CsAnnotation        *b);

/* Hit test at level-0 (x, y) with a tolerance in level-0 pixels: inside an
 * area, or near a line, point or outline. */
gboolean             cs_annotation_hit_test         (CsAnnotation        *self,
                                                     double               x,
                                                     double               y,
                                                     double               tolerance);

G_END_DECLS
