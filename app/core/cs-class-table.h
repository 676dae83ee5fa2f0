/* cs-class-table.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-annotation.h"

G_BEGIN_DECLS

#define CS_TYPE_CLASS_ITEM (cs_class_item_get_type ())

G_DECLARE_FINAL_TYPE (CsClassItem, cs_class_item, CS, CLASS_ITEM, GObject)

/* Properties: "name" (string), "color" (uint, 0xRRGGBB), "visible". */
CsClassItem *cs_class_item_new         (const char        *name,
                                                    guint32            rgb);
const char        *cs_class_item_get_name    (CsClassItem *self);
void               cs_class_item_set_name    (CsClassItem *self,
                                                    const char        *name);
guint32            cs_class_item_get_color   (CsClassItem *self);
void               cs_class_item_set_color   (CsClassItem *self,
                                                    guint32            rgb);
gboolean           cs_class_item_get_visible (CsClassItem *self);
void               cs_class_item_set_visible (CsClassItem *self,
                                                    gboolean           visible);

#define CS_TYPE_CLASS_TABLE (cs_class_table_get_type ())

G_DECLARE_FINAL_TYPE (CsClassTable, cs_class_table, CS, CLASS_TABLE, GObject)

/* A GListModel of CsClassItem; "changed" is emitted when a class is
 * added, removed, renamed, recoloured, shown or hidden; "renamed"
 * (const char *old_name, const char *new_name) after a class's name
 * changed, for the owners of annotations to relabel theirs. */
CsClassTable *cs_class_table_new          (void);
/* Tumour, Stroma, Necrosis, Immune cells, Other. */
CsClassTable *cs_class_table_new_default  (void);
CsClassItem   *cs_class_table_lookup       (CsClassTable *self,
                                                         const char          *name);
/* Adds @name with @rgb unless a class of that name exists; returns it. */
CsClassItem   *cs_class_table_ensure       (CsClassTable *self,
                                                         const char          *name,
                                                         guint32              rgb);
/* For a class name met in annotations: the class, added when missing
 * with the colour it had when it was renamed or removed, else @rgb, else
 * (CS_COLOR_UNSET) a colour of its own. NULL for no name. */
CsClassItem         *cs_class_table_ensure_known (CsClassTable *self,
                                                  const char   *name,
                                                  guint32       rgb);
void                 cs_class_table_remove       (CsClassTable *self,
                                                         CsClassItem   *klass);
/* The colour an annotation is drawn in: its own, else its class's, else
 * the colour for unclassified annotations. */
guint32              cs_class_table_resolve_color (CsClassTable *self,
                                                          CsAnnotation        *annotation);
/* FALSE when the annotation's class is hidden. */
gboolean             cs_class_table_is_visible   (CsClassTable *self,
                                                         CsAnnotation        *annotation);
/* The name shown for a class: the user's language for the built-in
 * default classes ("Tumour" → "Опухоль"), any other name as it is. The
 * stored name (files, settings, filters) stays the one given. */
const char          *cs_class_name_get_display   (const char   *name);
/* "name\t#rrggbb\tvisible" lines, for settings. */
char                *cs_class_table_serialize    (CsClassTable *self);
gboolean             cs_class_table_deserialize  (CsClassTable *self,
                                                         const char          *text);

/* Unclassified annotations: a cyan no default class uses. */
#define CS_UNCLASSIFIED_COLOR 0x00B4DC

G_END_DECLS
