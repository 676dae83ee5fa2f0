/* cs-annotation-session.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-annotation-editor.h"
#include "cs-annotation-list.h"
#include "cs-slide.h"

G_BEGIN_DECLS

/* The annotations of one open slide: once the slide's identity (SHA-256)
 * is known, a CsAnnotationList read from and saved to its
 * CsAnnotationStore, and the CsAnnotationEditor drawing into it with the
 * author from the settings and the slide's calibration.
 *
 * Properties (read-only): "slide", "ready" (the list and editor exist),
 * "list", "editor" (NULL until ready).
 * Signal: "message" (const char *heading, const char *text): something to
 * tell the user. With a heading it must not be missed (a damaged store set
 * aside, a write that failed); without, it may pass (an identity that could
 * not be computed). */

#define CS_TYPE_ANNOTATION_SESSION (cs_annotation_session_get_type ())

G_DECLARE_FINAL_TYPE (CsAnnotationSession, cs_annotation_session, CS, ANNOTATION_SESSION, GObject)

CsAnnotationSession *cs_annotation_session_new             (CsSlide             *slide,
                                                            const char          *directory);
CsSlide             *cs_annotation_session_get_slide       (CsAnnotationSession *self);
gboolean             cs_annotation_session_get_ready       (CsAnnotationSession *self);
CsAnnotationList    *cs_annotation_session_get_list        (CsAnnotationSession *self);
CsAnnotationEditor  *cs_annotation_session_get_editor      (CsAnnotationSession *self);
const char          *cs_annotation_session_get_sha256      (CsAnnotationSession *self);
void                 cs_annotation_session_get_calibration (CsAnnotationSession *self,
                                                            CsCalibration       *calibration);
gboolean             cs_annotation_session_flush           (CsAnnotationSession *self,
                                                            GError             **error);
gboolean             cs_annotation_session_close           (CsAnnotationSession *self,
                                                            GError             **error);

G_END_DECLS
