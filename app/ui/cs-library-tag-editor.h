/* cs-library-tag-editor.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-library.h"

G_BEGIN_DECLS

#define CS_TYPE_LIBRARY_TAG_EDITOR (cs_library_tag_editor_get_type ())

G_DECLARE_FINAL_TYPE (CsLibraryTagEditor, cs_library_tag_editor, CS, LIBRARY_TAG_EDITOR, AdwWindow)

/* Edits the stain, organ and free tags (comma-separated) of @item's
 * slide; Save writes them through cs_library_set_item_tags(). */
CsLibraryTagEditor *cs_library_tag_editor_new   (GtkWindow          *parent,
                                                 CsLibrary          *library,
                                                 CsLibraryItem      *item);
/* Fills the fields (tests); NULL leaves a field as it is. */
void                cs_library_tag_editor_set   (CsLibraryTagEditor *self,
                                                 const char         *stain,
                                                 const char         *organ,
                                                 const char         *tags);
/* As the Save button: FALSE, the editor open with the reason shown, when
 * the tags cannot be saved. */
gboolean            cs_library_tag_editor_save  (CsLibraryTagEditor *self);

G_END_DECLS
