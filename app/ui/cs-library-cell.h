/* cs-library-cell.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The library grid's cells: a factory whose cells show a CsLibraryItem
 * (thumbnail, or a placeholder with the reason a slide cannot be read;
 * name; vendor, size and magnification; counts of annotations and
 * opinions), following the item as the scan fills it in. */
GtkListItemFactory *cs_library_cell_factory_new (void);

/* "Aperio · 46000 × 32914 px · 20×": what the cell's second line shows. */
char               *cs_library_cell_format_details (gpointer item);

G_END_DECLS
