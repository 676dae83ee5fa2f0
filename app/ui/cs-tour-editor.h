/* cs-tour-editor.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-slide-page.h"

G_BEGIN_DECLS

/*
 * CsTourEditor: a panel over a slide page where a teacher edits the
 * slide's guided tours: new, rename, delete; the chosen tour's stops in
 * order, each naming what it shows (an annotation or a saved view, or that
 * it is missing) with an editable caption; stops moved up and down,
 * removed, and added from the selected annotation, a saved view, or the
 * current view (saved as a new view). Every change is read from and
 * written to the slide's saved views store at once (atomically).
 *
 * Actions: tour.new, tour.rename, tour.delete; stop.add-annotation,
 * stop.add-view ("s", a saved view's id), stop.add-current,
 * stop.move-up, stop.move-down, stop.remove ("u", the stop's index).
 * Signal "close": the user closed the panel.
 */

#define CS_TYPE_TOUR_EDITOR (cs_tour_editor_get_type ())

G_DECLARE_FINAL_TYPE (CsTourEditor, cs_tour_editor, CS, TOUR_EDITOR, GtkWidget)

CsTourEditor *cs_tour_editor_new          (CsSlidePage  *page);
const char   *cs_tour_editor_get_tour_id  (CsTourEditor *self);
void          cs_tour_editor_refresh      (CsTourEditor *self);

G_END_DECLS
