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

/* The recently-used file is shared by every program of the session and
 * rewritten whole by each: another program's write can replace ours before
 * GtkRecentManager saved it, and the manager then reloads a list without
 * the slide just opened. Slides opened by this process are therefore also
 * remembered here, newest first, and merged into the list. */
#define SESSION_MAX 64

typedef struct
{
  char   *path;
  gint64  opened; /* microseconds since the epoch */
} SessionEntry;

static GQueue session_entries = G_QUEUE_INIT;

static void
session_entry_free (SessionEntry *entry)
{
  g_free (entry->path);
  g_free (entry);
}

static void
session_remember (const char *path)
{
  SessionEntry *entry = g_new0 (SessionEntry, 1);

  for (GList *l = session_entries.head; l != NULL; l = l->next)
    if (g_str_equal (((SessionEntry *) l->data)->path, path))
      {
        session_entry_free (l->data);
        g_queue_delete_link (&session_entries, l);
        break;
      }

  entry->path = g_strdup (path);
  entry->opened = g_get_real_time ();
  g_queue_push_head (&session_entries, entry);
  while (session_entries.length > SESSION_MAX)
    session_entry_free (g_queue_pop_tail (&session_entries));
}

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
  gboolean enabled = TRUE;

  if (uri == NULL)
    return;

  /* The desktop's privacy setting "remember recent files" off. */
  g_object_get (gtk_settings_get_default (), "gtk-recent-files-enabled", &enabled, NULL);
  if (!enabled)
    return;

  if (cs_recent_slides_is_slide (path))
    session_remember (path);

  content_type = g_content_type_guess (path, NULL, 0, NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  exec = g_strdup_printf ("%s %%u", g_get_prgname () ? g_get_prgname () : "consilium");

  data.mime_type = mime_type ? mime_type : (char *) "application/octet-stream";
  data.app_name = (char *) RECENT_APP_NAME;
  data.app_exec = exec;
  data.groups = (char **) groups;

  gtk_recent_manager_add_full (manager, uri, &data);
}

/* A listed slide and when it was last opened. */
typedef struct
{
  char   *path;
  gint64  opened;
} Listed;

static void
listed_free (gpointer data)
{
  Listed *listed = data;

  g_free (listed->path);
  g_free (listed);
}

static int
compare_opened (gconstpointer a,
                gconstpointer b)
{
  const Listed *la = *(Listed **) a;
  const Listed *lb = *(Listed **) b;

  /* Newest first. */
  return (la->opened < lb->opened) - (la->opened > lb->opened);
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

/* Adds @path opened at @opened to @listed, or makes its time the later. */
static void
listed_add (GHashTable *listed,
            char       *path,
            gint64      opened)
{
  Listed *entry = g_hash_table_lookup (listed, path);

  if (entry != NULL)
    {
      entry->opened = MAX (entry->opened, opened);
      g_free (path);
      return;
    }

  entry = g_new0 (Listed, 1);
  entry->path = path;
  entry->opened = opened;
  g_hash_table_insert (listed, entry->path, entry);
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
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, listed_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  GList *items = gtk_recent_manager_get_items (manager);
  GHashTableIter iter;
  gpointer value;

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      char *path = recent_info_get_slide_path (info);

      if (path != NULL)
        listed_add (listed, path, g_date_time_to_unix (gtk_recent_info_get_modified (info)) * G_USEC_PER_SEC);
      gtk_recent_info_unref (info);
    }
  g_list_free (items);

  for (GList *l = session_entries.head; l != NULL; l = l->next)
    {
      SessionEntry *entry = l->data;

      listed_add (listed, g_strdup (entry->path), entry->opened);
    }

  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_opened);

  for (guint i = 0; i < sorted->len && paths->len < max_items; i++)
    g_ptr_array_add (paths, g_strdup (((Listed *) g_ptr_array_index (sorted, i))->path));

  return paths;
}
