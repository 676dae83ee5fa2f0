/* cs-recent-slides.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-recent-slides"

#include "config.h"

#include "cs-library.h"
#include "cs-recent-slides.h"

#include <string.h>

/* Entries are tagged with Consilium's group, so that the start page lists
 * the slides opened here, not every TIFF another program touched. */

#define RECENT_GROUP    "consilium"
#define RECENT_APP_NAME "Consilium"

/**
 * cs_recent_slides_get_suffixes:
 *
 * Returns: (transfer none): cs_slide_get_known_suffixes ()
 */
const char * const *
cs_recent_slides_get_suffixes (void)
{
  return cs_slide_get_known_suffixes ();
}

/**
 * cs_recent_slides_is_slide:
 *
 * Returns: whether @path ends in a known suffix, in any case (scanners
 *   often write CMU-1.SVS)
 */
gboolean
cs_recent_slides_is_slide (const char *path)
{
  return cs_slide_has_known_suffix (path);
}

/**
 * cs_recent_slides_add:
 * @path: an opened slide
 *
 * Records @path in the recently used files, as Consilium's.
 */
void
cs_recent_slides_add (const char *path)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *exec = NULL;
  const char *groups[] = { RECENT_GROUP, NULL };
  GtkRecentData data = { 0 };

  if (uri == NULL)
    return;

  content_type = g_content_type_guess (path, NULL, 0, NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  exec = g_strdup_printf ("%s %%u", g_get_prgname () ? g_get_prgname () : "consilium");

  data.mime_type = mime_type ? mime_type : (char *) "application/octet-stream";
  data.app_name = (char *) RECENT_APP_NAME;
  data.app_exec = exec;
  data.groups = (char **) groups;

  gtk_recent_manager_add_full (manager, uri, &data);
}

static void
recent_info_unref (gpointer info)
{
  gtk_recent_info_unref (info);
}

static int
compare_modified (gconstpointer a,
                  gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified (*(GtkRecentInfo **) a);
  GDateTime *tb = gtk_recent_info_get_modified (*(GtkRecentInfo **) b);

  /* Newest first. */
  return g_date_time_compare (tb, ta);
}

static char *
recent_info_get_slide_path (GtkRecentInfo *info)
{
  g_autofree char *path = NULL;

  if (!gtk_recent_info_has_group (info, RECENT_GROUP) || !gtk_recent_info_is_local (info))
    return NULL;

  path = g_filename_from_uri (gtk_recent_info_get_uri (info), NULL, NULL);
  if (path == NULL || !cs_recent_slides_is_slide (path))
    return NULL;

  /* Whether the file still exists is asked by the thumbnail worker: on a
   * stale network mount, a stat here would freeze the window. */
  return g_steal_pointer (&path);
}

/**
 * cs_recent_slides_list:
 * @max_items: how many slides at most
 *
 * Returns: (transfer full) (element-type utf8): the paths of the slides
 *   Consilium opened lately, newest first (some may since have gone)
 */
GPtrArray *
cs_recent_slides_list (guint max_items)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (recent_info_unref);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  GList *items = gtk_recent_manager_get_items (manager);

  for (GList *l = items; l != NULL; l = l->next)
    g_ptr_array_add (infos, l->data);
  g_list_free (items);

  g_ptr_array_sort (infos, compare_modified);

  for (guint i = 0; i < infos->len && paths->len < max_items; i++)
    {
      char *path = recent_info_get_slide_path (g_ptr_array_index (infos, i));

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }

  return paths;
}
