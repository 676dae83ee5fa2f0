/* cs-library-filter.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-library.h"

G_BEGIN_DECLS

/* The facets the library grid filters by. */
typedef enum
{
  CS_LIBRARY_FACET_STAIN,
  CS_LIBRARY_FACET_ORGAN,
  CS_LIBRARY_FACET_TAG,
  CS_LIBRARY_N_FACETS,
} CsLibraryFacet;

/* Whether @item has @value for @facet (the stain, the organ, or one of
 * its tags; exact, regardless of case); NULL @value matches all. */
gboolean cs_library_item_has_facet (CsLibraryItem  *item,
                                    CsLibraryFacet  facet,
                                    const char     *value);
/* The distinct values of @facet among @items (CsLibraryItem), sorted. */
GStrv    cs_library_facet_values   (GListModel     *items,
                                    CsLibraryFacet  facet);

/**
 * CsLibraryFilter:
 *
 * The library's filter bar: one drop-down per facet, "All …" and the
 * values the items have now (following the items as the scan fills them
 * in and their tags are edited). get_filter() keeps the items matching
 * every chosen value; it changes as the choice or the items do.
 */
#define CS_TYPE_LIBRARY_FILTER (cs_library_filter_get_type ())

G_DECLARE_FINAL_TYPE (CsLibraryFilter, cs_library_filter, CS, LIBRARY_FILTER, GtkBox)

CsLibraryFilter *cs_library_filter_new          (GListModel      *items);
GtkFilter       *cs_library_filter_get_filter   (CsLibraryFilter *self);
/* NULL: "All …". FALSE when no item has @value. */
gboolean         cs_library_filter_select       (CsLibraryFilter *self,
                                                 CsLibraryFacet   facet,
                                                 const char      *value);
/* The values offered (without "All …"), for tests. */
GStrv            cs_library_filter_get_values   (CsLibraryFilter *self,
                                                 CsLibraryFacet   facet);
gboolean         cs_library_filter_get_active   (CsLibraryFilter *self);
void             cs_library_filter_clear        (CsLibraryFilter *self);
/* Rebuilds the lists now rather than when idle (tests). */
void             cs_library_filter_refresh      (CsLibraryFilter *self);

G_END_DECLS
