/* cs-annotation-editor-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-editor.h"

G_BEGIN_DECLS

/* Screen distances, in device pixels, turned into level-0 pixels by the
 * zoom. */
#define CS_EDITOR_HIT_PX      4.0  /* picking an annotation */
#define CS_EDITOR_HANDLE_PX   6.0  /* picking a handle */
#define CS_EDITOR_DRAG_PX     3.0  /* below this a drag is a click */
#define CS_EDITOR_SIMPLIFY_PX 0.5  /* freehand simplification: invisible */
#define CS_EDITOR_OFFSET_PX   20.0 /* duplicate and paste offset */
#define CS_EDITOR_MAX_HANDLES 2000 /* more vertices than this: no vertex handles */

typedef enum
{
  CS_GESTURE_NONE,
  CS_GESTURE_DRAW,     /* a drawing tool's shape in progress */
  CS_GESTURE_PRESSED,  /* select: pressed on an annotation, not dragged yet */
  CS_GESTURE_MOVE,
  CS_GESTURE_RESIZE,
  CS_GESTURE_VERTEX,
} CsGesture;

/* Where a handle sits: a box handle (0..7 from the top-left corner,
 * clockwise), or a vertex. */
typedef struct
{
  gboolean box;
  guint    index;
  guint    part;
  guint    ring;
} CsHandleRef;

struct _CsAnnotationEditor
{
  GObject             parent_instance;

  /* Owned References */
  CsAnnotationList   *list;
  GPtrArray          *selection;     /* ids (owned), in selection order */
  GArray             *points;        /* CsPoint: the shape being drawn */
  GArray             *handles;       /* CsPoint */
  GArray             *handle_refs;   /* CsHandleRef, beside handles */
  GPtrArray          *originals;     /* listed annotations when a drag began */
  GPtrArray          *selection_out; /* referenced; what get_selection() lends */
  char               *class_name;
  char               *author;
  char               *institution;
  char               *last_points_id;
  char               *hovered_id;
  char               *select_only_id;
  CsAnnotation       *pending_note;  /* placed, waiting for its text */
  CsEditorPreview     preview;

  CsCalibration       calibration;
  CsTool              tool;
  CsGesture           gesture;
  CsEditorModifiers   modifiers;
  CsHandleRef         grabbed;
  CsPoint             press;
  CsPoint             pointer;
  double              zoom;
  double              brush_radius;
  double              bounds_width;  /* the slide, level 0; 0: unbounded */
  double              bounds_height;
  gulong              list_changed_id;
  guint               temporary_rulers : 1;
  guint               step_open : 1;
};

/* cs-annotation-editor.c */
void          _cs_annotation_editor_clamp          (CsAnnotationEditor *self,
                                                    CsPoint            *point);
CsGeometry   *_cs_annotation_editor_clip           (CsAnnotationEditor *self,
                                                    CsGeometry         *area);
double        _cs_annotation_editor_to_level0      (CsAnnotationEditor *self,
                                                    double              device_px);
CsAnnotation *_cs_annotation_editor_new_annotation (CsAnnotationEditor *self,
                                                    CsShape             shape,
                                                    CsGeometry         *geometry);
GPtrArray    *_cs_annotation_editor_get_selected   (CsAnnotationEditor *self);
GPtrArray    *_cs_annotation_editor_get_editable   (CsAnnotationEditor *self,
                                                    gboolean            areas_only);
void          _cs_annotation_editor_select_ids     (CsAnnotationEditor *self,
                                                    GPtrArray          *annotations);
void          _cs_annotation_editor_toggle         (CsAnnotationEditor *self,
                                                    CsAnnotation       *annotation);
void          _cs_annotation_editor_request_text   (CsAnnotationEditor *self,
                                                    CsAnnotation       *note);
void          _cs_annotation_editor_changed        (CsAnnotationEditor *self);
void          _cs_annotation_editor_failed         (CsAnnotationEditor *self,
                                                    const char         *message);
void          _cs_annotation_editor_clear_preview  (CsAnnotationEditor *self);
void          _cs_annotation_editor_set_preview    (CsAnnotationEditor *self,
                                                    CsShape             shape,
                                                    CsGeometry         *geometry);
CsAnnotation *_cs_annotation_editor_translated     (CsAnnotation       *annotation,
                                                    double              dx,
                                                    double              dy);
void          _cs_annotation_editor_set_area       (CsAnnotation       *copy,
                                                    CsGeometry         *geometry);

/* cs-annotation-editor-tools.c: the drawing tools */
gboolean      _cs_annotation_editor_tool_press     (CsAnnotationEditor *self,
                                                    double              x,
                                                    double              y,
                                                    guint               n_press);
gboolean      _cs_annotation_editor_tool_motion    (CsAnnotationEditor *self,
                                                    double              x,
                                                    double              y);
gboolean      _cs_annotation_editor_tool_release   (CsAnnotationEditor *self,
                                                    double              x,
                                                    double              y);
gboolean      _cs_annotation_editor_tool_key       (CsAnnotationEditor *self,
                                                    CsEditorKey         key);

/* cs-annotation-editor-select.c: the select tool and handles */
gboolean      _cs_annotation_editor_select_press   (CsAnnotationEditor *self,
                                                    double              x,
                                                    double              y,
                                                    guint               n_press);
gboolean      _cs_annotation_editor_select_motion  (CsAnnotationEditor *self,
                                                    double              x,
                                                    double              y);
gboolean      _cs_annotation_editor_select_release (CsAnnotationEditor *self);
void          _cs_annotation_editor_cancel_drag    (CsAnnotationEditor *self);
gboolean      _cs_annotation_editor_delete_vertex  (CsAnnotationEditor *self);
void          _cs_annotation_editor_update_handles (CsAnnotationEditor *self);
gboolean      _cs_annotation_editor_find_handle    (CsAnnotationEditor *self,
                                                    double              x,
                                                    double              y,
                                                    CsHandleRef        *ref);

G_END_DECLS
