/* cs-library-search.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-library-search"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cs-library-search.h"

/* The library grid's search and sort orders. */

static gboolean
text_has (const char *text,
          const char *needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);

  return strstr (folded, needle) != NULL;
}

/* Stain, organ or a tag containing @needle (case-folded). */
static gboolean
item_has_tag (CsLibraryItem *item,
              const char    *needle)
{
  const char * const *tags = cs_library_item_get_tags (item);

  if (text_has (cs_library_item_get_stain (item), needle)
      || text_has (cs_library_item_get_organ (item), needle))
    return TRUE;
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (text_has (tags[i], needle))
      return TRUE;

  return FALSE;
}

/**
 * cs_library_item_matches:
 * @text: what the user typed; NULL or empty matches every slide
 *
 * Whether @item's name, stain, organ, one of its tags or the text of a
 * case citing it contains @text, regardless of case.
 */
gboolean
cs_library_item_matches (CsLibraryItem *item,
                         const char    *text)
{
  g_autofree char *needle = NULL;
  g_autofree char *name = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  name = g_utf8_casefold (cs_library_item_get_display_name (item), -1);
  if (strstr (name, needle) != NULL)
    return TRUE;

  return item_has_tag (item, needle)
         || text_has (cs_library_item_get_case_text (item), needle);
}

static gint64
item_mtime (CsLibraryItem *item)
{
  gpointer cached = g_object_get_data (G_OBJECT (item), "cs-mtime");
  GStatBuf buf;
  gint64 mtime = 0;

  if (cached != NULL)
    return *(gint64 *) cached;
  if (g_stat (cs_library_item_get_path (item), &buf) == 0)
    mtime = buf.st_mtime;
  g_object_set_data_full (G_OBJECT (item), "cs-mtime", g_memdup2 (&mtime, sizeof mtime), g_free);

  return mtime;
}

static gint64
item_area (CsLibraryItem *item)
{
  gint64 width, height;

  cs_library_item_get_size (item, &width, &height);

  return width * height;
}

/**
 * cs_library_item_compare:
 *
 * Orders slides by @key, then by name.
 */
int
cs_library_item_compare (CsLibraryItem    *item_a,
                         CsLibraryItem    *item_b,
                         CsLibrarySortKey  key)
{
  gint64 key_a = 0, key_b = 0;

  switch (key)
    {
    case CS_LIBRARY_SORT_DATE: /* newest first */
      key_a = -item_mtime (item_a);
      key_b = -item_mtime (item_b);
      break;
    case CS_LIBRARY_SORT_SIZE: /* largest first */
      key_a = -item_area (item_a);
      key_b = -item_area (item_b);
      break;
    case CS_LIBRARY_SORT_NAME:
    default:
      break;
    }
  if (key_a != key_b)
    return key_a < key_b ? -1 : 1;

  return g_utf8_collate (cs_library_item_get_display_name (item_a),
                         cs_library_item_get_display_name (item_b));
}
