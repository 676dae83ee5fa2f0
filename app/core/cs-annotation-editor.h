/* cs-annotation-editor.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-list.h"
#include "cs-measure.h"

G_BEGIN_DECLS

#define CS_ANNOTATION_EDITOR_ERROR (cs_annotation_editor_error_quark ())

typedef enum
{
  CS_ANNOTATION_EDITOR_ERROR_NOT_APPLICABLE,  /* the selection does not fit the command */
  CS_ANNOTATION_EDITOR_ERROR_GEOMETRY,        /* GEOS could not compute the result */
} CsAnnotationEditorError;

GQuark       cs_annotation_editor_error_quark (void);

typedef enum
{
  CS_TOOL_SELECT,
  CS_TOOL_RECTANGLE,
  CS_TOOL_ELLIPSE,
  CS_TOOL_POLYGON,
  CS_TOOL_FREEHAND,
  CS_TOOL_BRUSH,
  CS_TOOL_POINTS,
  CS_TOOL_RULER,
  CS_TOOL_ARROW,
  CS_TOOL_TEXT,
  CS_TOOL_SPLIT,
} CsTool;

#define CS_TYPE_TOOL (cs_tool_get_type ())
GType        cs_tool_get_type    (void) G_GNUC_CONST;
const char  *cs_tool_to_string   (CsTool      tool);
gboolean     cs_tool_from_string (const char *str,
                                  CsTool     *tool);

typedef enum
{
  CS_EDITOR_SHIFT = 1 << 0,  /* extend selection; constrain squares/circles */
  CS_EDITOR_CTRL  = 1 << 1,  /* toggle selection */
  CS_EDITOR_ALT   = 1 << 2,  /* brush erases */
} CsEditorModifiers;

typedef enum
{
  CS_EDITOR_KEY_ESCAPE,      /* cancel the shape being drawn, else select none */
  CS_EDITOR_KEY_ENTER,       /* close the polygon / finish the line */
  CS_EDITOR_KEY_DELETE,      /* delete the selection, or the vertex under the pointer */
  CS_EDITOR_KEY_BACKSPACE,   /* drop the last polygon vertex while drawing */
} CsEditorKey;

/**
 * CsAnnotationEditor:
 *
 * The drawing and editing tools, as a state machine in level-0 image
 * coordinates: the view converts pointer events with cs_viewport_to_image()
 * and passes them here; everything it creates or changes goes through the
 * CsAnnotationList, one undo step per gesture.
 *
 * Signals:
 * - "changed": the preview, hover or handles changed: redraw.
 * - "selection-changed"
 * - "text-requested" (CsAnnotation *note): a text note was placed; the UI
 *   asks for its text and calls cs_annotation_editor_set_text().
 * - "failed" (const char *message): a gesture could not be carried out (a
 *   region the geometry library could not split); the UI shows the message.
 */
#define CS_TYPE_ANNOTATION_EDITOR (cs_annotation_editor_get_type ())

G_DECLARE_FINAL_TYPE (CsAnnotationEditor, cs_annotation_editor, CS, ANNOTATION_EDITOR, GObject)

CsAnnotationEditor *cs_annotation_editor_new            (CsAnnotationList   *list);
CsAnnotationList   *cs_annotation_editor_get_list       (CsAnnotationEditor *self);

CsTool              cs_annotation_editor_get_tool       (CsAnnotationEditor *self);
void                cs_annotation_editor_set_tool       (CsAnnotationEditor *self,
                                                         CsTool              tool);
/* Class, author and institution given to new annotations. */
void                cs_annotation_editor_set_class_name (CsAnnotationEditor *self,
                                                         const char         *class_name);
const char         *cs_annotation_editor_get_class_name (CsAnnotationEditor *self);
void                cs_annotation_editor_set_author     (CsAnnotationEditor *self,
                                                         const char         *author,
                                                         const char         *institution);
/* Device pixels per level-0 pixel: hit tolerances, handle sizes and the
 * brush follow it. */
void                cs_annotation_editor_set_zoom       (CsAnnotationEditor *self,
                                                         double              zoom);
void                cs_annotation_editor_set_calibration (CsAnnotationEditor  *self,
                                                          const CsCalibration *calibration);
/* Brush radius in device pixels (so its size on the slide follows the zoom). */
void                cs_annotation_editor_set_bounds     (CsAnnotationEditor *self,
                                                         double              width,
                                                         double              height);
void                cs_annotation_editor_set_brush_radius (CsAnnotationEditor *self,
                                                           double              radius);
double              cs_annotation_editor_get_brush_radius (CsAnnotationEditor *self);
/* Rulers drawn while set are temporary: measured, never saved. */
void                cs_annotation_editor_set_temporary_rulers (CsAnnotationEditor *self,
                                                               gboolean            temporary);

/* Pointer input. press() with @n_press 2 is a double click. Each returns
 * TRUE when it used the event (the view then does not pan). */
gboolean            cs_annotation_editor_press          (CsAnnotationEditor *self,
                                                         double              x,
                                                         double              y,
                                                         CsEditorModifiers   modifiers,
                                                         guint               n_press);
gboolean            cs_annotation_editor_motion         (CsAnnotationEditor *self,
                                                         double              x,
                                                         double              y,
                                                         CsEditorModifiers   modifiers);
gboolean            cs_annotation_editor_release        (CsAnnotationEditor *self,
                                                         double              x,
                                                         double              y,
                                                         CsEditorModifiers   modifiers);
gboolean            cs_annotation_editor_key            (CsAnnotationEditor *self,
                                                         CsEditorKey         key);
/* TRUE while a shape is drawn or a drag changes annotations: undo and
 * redo wait until it ends. */
gboolean            cs_annotation_editor_is_drawing     (CsAnnotationEditor *self);
void                cs_annotation_editor_cancel         (CsAnnotationEditor *self);
/* A cursor name (GTK/CSS cursor names: "crosshair", "move", "nwse-resize",
 * "pointer", "default", "cell") for the pointer at (x, y). */
const char         *cs_annotation_editor_get_cursor     (CsAnnotationEditor *self,
                                                         double              x,
                                                         double              y);

/* Selection: listed annotations in the order they were selected.
 * Borrowed: the editor refills the array on each call, so it is valid
 * until the next call. */
GPtrArray          *cs_annotation_editor_get_selection  (CsAnnotationEditor *self);
gboolean            cs_annotation_editor_is_selected    (CsAnnotationEditor *self,
                                                         CsAnnotation       *annotation);
void                cs_annotation_editor_select         (CsAnnotationEditor *self,
                                                         CsAnnotation       *annotation,
                                                         gboolean            extend);
void                cs_annotation_editor_select_none    (CsAnnotationEditor *self);
void                cs_annotation_editor_select_all     (CsAnnotationEditor *self);

/* Commands on the selection, each one undo step; FALSE (with @error where
 * there is a reason to give) when they do not apply. */
gboolean            cs_annotation_editor_delete_selection    (CsAnnotationEditor *self);
gboolean            cs_annotation_editor_duplicate_selection (CsAnnotationEditor *self);
gboolean            cs_annotation_editor_set_selection_class (CsAnnotationEditor *self,
                                                              const char         *class_name);
gboolean            cs_annotation_editor_merge_selection     (CsAnnotationEditor *self,
                                                              GError            **error);
/* The first selected minus the others. */
gboolean            cs_annotation_editor_subtract_selection  (CsAnnotationEditor *self,
                                                              GError            **error);
/* Adds copies (fresh ids) of @annotations, offset when they would land on
 * their originals, and selects them. */
void                cs_annotation_editor_paste               (CsAnnotationEditor *self,
                                                              GPtrArray          *annotations);
void                cs_annotation_editor_set_text            (CsAnnotationEditor *self,
                                                              CsAnnotation       *note,
                                                              const char         *text);

/**
 * CsEditorPreview:
 * @shape: what is being drawn
 * @geometry: its points so far (NULL when nothing is being drawn)
 * @label: live measurement ("412 µm", "0.42 mm²"), or NULL
 * @cursor: the pointer, level-0 (the polygon's rubber band, the brush disc)
 * @brush_radius: level-0 pixels, 0 unless the brush tool is active
 * @erasing: the brush erases
 *
 * What each tool shows while drawing: rectangles and ellipses their
 * outline (areas, filled); the polygon its placed vertices as an open
 * ring (the view adds the rubber band from the last one to @cursor);
 * freehand, ruler, arrow and split the path so far; the brush the area
 * its stroke covers so far (filled, in the eraser style when @erasing).
 * Moves, resizes and vertex drags show nothing here: they change the
 * listed annotations live, inside one undo step.
 */
typedef struct
{
  CsShape     shape;
  CsGeometry *geometry;
  char       *label;
  CsPoint     cursor;
  double      brush_radius;
  gboolean    erasing;
} CsEditorPreview;

/* Borrowed; valid until the next event. */
const CsEditorPreview *cs_annotation_editor_get_preview (CsAnnotationEditor *self);
/* Handle positions of the single selected annotation (vertices, or the
 * eight box handles of a rectangle or ellipse), level-0; borrowed. */
GArray             *cs_annotation_editor_get_handles    (CsAnnotationEditor *self);
CsAnnotation       *cs_annotation_editor_get_hovered    (CsAnnotationEditor *self);

G_END_DECLS
