/* cs-class-editor.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-class-table.h"

G_BEGIN_DECLS

/* The annotation classes in the preferences: one row per class with its
 * name, colour and a switch showing or hiding its annotations; classes are
 * added and removed here. Edits go straight into the class table.
 *
 * Property: "classes" (CsClassTable, construct-only). */

#define CS_TYPE_CLASS_EDITOR (cs_class_editor_get_type ())

G_DECLARE_FINAL_TYPE (CsClassEditor, cs_class_editor, CS, CLASS_EDITOR, AdwPreferencesGroup)

GtkWidget    *cs_class_editor_new         (CsClassTable  *classes);
CsClassTable *cs_class_editor_get_classes (CsClassEditor *self);
void          cs_class_editor_add_class   (CsClassEditor *self);

G_END_DECLS
