/* cs-library-search.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-library.h"

G_BEGIN_DECLS

/* The orders of the library's "Sort by" list, in its order. */
typedef enum
{
  CS_LIBRARY_SORT_NAME,
  CS_LIBRARY_SORT_DATE,
  CS_LIBRARY_SORT_SIZE,
} CsLibrarySortKey;

gboolean cs_library_item_matches (CsLibraryItem    *item,
                                  const char       *text);
int      cs_library_item_compare (CsLibraryItem    *item_a,
                                  CsLibraryItem    *item_b,
                                  CsLibrarySortKey  key);

G_END_DECLS
