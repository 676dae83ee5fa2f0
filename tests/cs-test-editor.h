/* cs-test-editor.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-editor.h"

G_BEGIN_DECLS

/* An editor on an empty list, class "Tumour", author "Dr Ada" of "St
 * Elsewhere", at the zoom the test case was added with (a double *). */
typedef struct
{
  CsAnnotationList   *list;
  CsAnnotationEditor *editor;
  double              zoom;
} CsEditorFixture;

void          cs_test_editor_setup     (CsEditorFixture   *f,
                                        gconstpointer      zoom);
void          cs_test_editor_teardown  (CsEditorFixture   *f,
                                        gconstpointer      zoom);
/* Adds each case at zoom 1 and 0.25: "PATH/1" and "PATH/0.25". */
void          cs_test_editor_add       (const char        *path,
                                        void             (*func) (CsEditorFixture *, gconstpointer));

/* Press, four motions along the way, release. */
void          cs_test_editor_drag      (CsAnnotationEditor *editor,
                                        double             x0,
                                        double             y0,
                                        double             x1,
                                        double             y1,
                                        CsEditorModifiers  modifiers);
void          cs_test_editor_click     (CsAnnotationEditor *editor,
                                        double             x,
                                        double             y,
                                        CsEditorModifiers  modifiers,
                                        guint              n_press);

/* The listed annotations, referenced, in order. */
GPtrArray    *cs_test_editor_snapshot  (CsAnnotationList  *list);
CsAnnotation *cs_test_editor_nth       (CsAnnotationList  *list,
                                        guint              i);
/* Checks that the last change was one undo step named @label: undo gives
 * back @before exactly, redo the state it undid. */
void          cs_test_editor_check_step (CsAnnotationList *list,
                                         GPtrArray        *before,
                                         const char       *label);

G_END_DECLS
