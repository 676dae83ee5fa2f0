/* cs-library-watch.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-library-watch"

#include "config.h"

#include "cs-library-watch.h"

/* Several events come for one copy: the callback runs 300 ms after the
 * last of them. */

struct _CsLibraryWatch
{
  GSourceFunc  callback;
  gpointer     data;
  GPtrArray   *monitors;      /* GFileMonitor */
  guint        timeout_id;
};

static gboolean
timeout_cb (gpointer data)
{
  CsLibraryWatch *self = data;

  self->timeout_id = 0;
  self->callback (self->data);

  return G_SOURCE_REMOVE;
}

static void
on_folder_changed_cb (GFileMonitor      *monitor,
                      GFile             *file,
                      GFile             *other_file,
                      GFileMonitorEvent  event,
                      CsLibraryWatch    *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      self->timeout_id = g_timeout_add (300, timeout_cb, self);
      break;
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

static void
stop_monitor (gpointer data)
{
  GFileMonitor *monitor = data;

  g_signal_handlers_disconnect_matched (monitor, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        on_folder_changed_cb, NULL);
  g_file_monitor_cancel (monitor);
  g_object_unref (monitor);
}

CsLibraryWatch *
cs_library_watch_new (GSourceFunc callback,
                      gpointer    data)
{
  CsLibraryWatch *self = g_new0 (CsLibraryWatch, 1);

  self->callback = callback;
  self->data = data;
  self->monitors = g_ptr_array_new_with_free_func (stop_monitor);

  return self;
}

static void
watch_folder (CsLibraryWatch *self,
              GHashTable     *seen,
              const char     *path)
{
  g_autoptr(GFile) folder = NULL;
  GFileMonitor *monitor;

  if (!g_hash_table_add (seen, g_strdup (path)))
    return;
  folder = g_file_new_for_path (path);
  monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (monitor == NULL)
    return;
  g_signal_connect (monitor, "changed", G_CALLBACK (on_folder_changed_cb), self);
  g_ptr_array_add (self->monitors, monitor);
}

void
cs_library_watch_update (CsLibraryWatch *self,
                         CsLibrary      *library)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char * const *folders = cs_library_get_folders (library);
  GListModel *items = G_LIST_MODEL (library);

  g_ptr_array_set_size (self->monitors, 0);
  for (guint i = 0; folders[i] != NULL; i++)
    watch_folder (self, seen, folders[i]);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CsLibraryItem) item = g_list_model_get_item (items, i);
      g_autofree char *dir = g_path_get_dirname (cs_library_item_get_path (item));

      watch_folder (self, seen, dir);
    }
}

void
cs_library_watch_free (CsLibraryWatch *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_ptr_array_unref (self->monitors);
  g_free (self);
}
