/* cs-teaching-question-dialog.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-case.h"

G_BEGIN_DECLS

/* The teacher's question editor for a teaching case: the question, a
 * free-text model answer, and multiple-choice options (one marked
 * correct). Saving sets the question on @kase, which withdraws the
 * answers given so far. Returns the dialog, presented. */
GtkWindow *cs_teaching_question_dialog_present (GtkWindow *parent,
                                                CsCase    *kase);

G_END_DECLS
