/* cs-library.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-library"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-annotation-store.h"
#include "cs-case.h"
#include "cs-library-private.h"

/* The library: folders, the items found in them and the scan (see
 * cs-library.h). The scan itself, which runs in a worker, is in
 * cs-library-scan.c. */

struct _CsLibrary
{
  GObject        parent_instance;

  GPtrArray     *folders;       /* char *, NULL-terminated */
  GPtrArray     *items;         /* CsLibraryItem */
  GPtrArray     *problems;      /* char * */
  char          *annotation_dir;
  char          *case_dir;
  char          *cache_dir;
  gboolean       keep_raw_colors;
  CsLibraryTags *tags;
  char          *tags_problem;
};

static void cs_library_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsLibrary, cs_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cs_library_list_model_init))

static GType
cs_library_get_item_type (GListModel *model)
{
  return CS_TYPE_LIBRARY_ITEM;
}

static guint
cs_library_get_n_items (GListModel *model)
{
  return CS_LIBRARY (model)->items->len;
}

static gpointer
cs_library_get_item (GListModel *model,
                     guint       position)
{
  CsLibrary *self = CS_LIBRARY (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
cs_library_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cs_library_get_item_type;
  iface->get_n_items = cs_library_get_n_items;
  iface->get_item = cs_library_get_item;
}

static void
cs_library_finalize (GObject *object)
{
  CsLibrary *self = CS_LIBRARY (object);

  g_ptr_array_unref (self->folders);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->problems);
  g_free (self->annotation_dir);
  g_free (self->case_dir);
  g_free (self->cache_dir);
  g_clear_object (&self->tags);
  g_free (self->tags_problem);

  G_OBJECT_CLASS (cs_library_parent_class)->finalize (object);
}

static void
cs_library_class_init (CsLibraryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_library_finalize;
}

static void
cs_library_init (CsLibrary *self)
{
  self->folders = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->problems = g_ptr_array_new_with_free_func (g_free);
}

/**
 * cs_library_default_cache_dir:
 *
 * Returns: (transfer full): $XDG_CACHE_HOME/consilium/library
 */
char *
cs_library_default_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "consilium", "library", NULL);
}

CsLibrary *
cs_library_new (void)
{
  return g_object_new (CS_TYPE_LIBRARY, NULL);
}

void
cs_library_add_folder (CsLibrary  *self,
                       const char *folder)
{
  g_return_if_fail (CS_IS_LIBRARY (self));
  g_return_if_fail (folder != NULL);

  if (!g_strv_contains ((const char * const *) self->folders->pdata, folder))
    g_ptr_array_add (self->folders, g_strdup (folder));
}

gboolean
cs_library_remove_folder (CsLibrary  *self,
                          const char *folder)
{
  for (guint i = 0; i < self->folders->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->folders, i), folder) == 0)
      {
        g_ptr_array_remove_index (self->folders, i);
        return TRUE;
      }

  return FALSE;
}

const char * const *
cs_library_get_folders (CsLibrary *self)
{
  return (const char * const *) self->folders->pdata;
}

void
cs_library_set_annotation_dir (CsLibrary  *self,
                               const char *directory)
{
  g_free (self->annotation_dir);
  self->annotation_dir = g_strdup (directory);
}

void
cs_library_set_case_dir (CsLibrary  *self,
                         const char *directory)
{
  g_free (self->case_dir);
  self->case_dir = g_strdup (directory);
}

void
cs_library_set_cache_dir (CsLibrary  *self,
                          const char *directory)
{
  g_free (self->cache_dir);
  self->cache_dir = g_strdup (directory);
}

void
cs_library_set_tags (CsLibrary     *self,
                     CsLibraryTags *tags)
{
  g_set_object (&self->tags, tags);
}

/**
 * cs_library_get_tags:
 *
 * Returns: (transfer none): the tags, loaded from the default file when
 *   none were set (an unreadable file gives empty tags, and the reason
 *   is among the scan's problems)
 */
CsLibraryTags *
cs_library_get_tags (CsLibrary *self)
{
  if (self->tags == NULL)
    {
      g_autofree char *path = cs_library_tags_default_path ();
      g_autoptr(GError) error = NULL;

      self->tags = cs_library_tags_new (path);
      if (!cs_library_tags_load (self->tags, &error))
        self->tags_problem = g_strdup (error->message);
    }

  return self->tags;
}

gboolean
cs_library_set_item_tags (CsLibrary           *self,
                          CsLibraryItem       *item,
                          const char          *stain,
                          const char          *organ,
                          const char * const  *tags,
                          GError             **error)
{
  CsLibraryTags *store = cs_library_get_tags (self);
  const char *identity = cs_library_item_get_identity (item);
  g_autofree char *old_stain = NULL;
  g_autofree char *old_organ = NULL;
  g_auto(GStrv) old_tags = NULL;

  if (identity == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s cannot be tagged: it cannot be read"),
                   cs_library_item_get_path (item));
      return FALSE;
    }
  cs_library_tags_lookup (store, identity, &old_stain, &old_organ, &old_tags);
  cs_library_tags_set (store, identity, stain, organ, tags);
  if (!cs_library_tags_save (store, error))
    {
      cs_library_tags_set (store, identity, old_stain, old_organ, (const char * const *) old_tags);
      return FALSE;
    }
  _cs_library_item_set_tags (item, stain, organ, tags);

  return TRUE;
}

/**
 * cs_library_set_apply_color_profile:
 *
 * Whether thumbnails have the slide's colour profile applied (the
 * "apply-color-profile" preference; by default, TRUE). Takes effect at
 * the next scan, which renders again the thumbnails made the other way.
 */
void
cs_library_set_apply_color_profile (CsLibrary *self,
                                    gboolean   apply)
{
  g_return_if_fail (CS_IS_LIBRARY (self));

  self->keep_raw_colors = !apply;
}

GPtrArray *
cs_library_get_problems (CsLibrary *self)
{
  return self->problems;
}

/* The scan's settings, resolved to defaults. */
CsLibraryScanJob *
_cs_library_scan_job_new (CsLibrary *self)
{
  CsLibraryScanJob *job = g_new0 (CsLibraryScanJob, 1);

  job->folders = g_strdupv ((char **) self->folders->pdata);
  job->annotation_dir = self->annotation_dir != NULL ? g_strdup (self->annotation_dir)
                                                     : cs_annotation_store_default_directory ();
  job->case_dir = self->case_dir != NULL ? g_strdup (self->case_dir)
                                         : cs_case_store_default_directory ();
  job->cache_dir = self->cache_dir != NULL ? g_strdup (self->cache_dir)
                                           : cs_library_default_cache_dir ();
  job->apply_color = !self->keep_raw_colors;
  job->tags = g_object_ref (cs_library_get_tags (self));
  /* A rescan finds the files shown now again: their items are kept. */
  job->known = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (guint i = 0; i < self->items->len; i++)
    {
      CsLibraryItem *item = g_ptr_array_index (self->items, i);

      g_hash_table_insert (job->known, (gpointer) cs_library_item_get_path (item),
                           g_object_ref (item));
    }

  return job;
}

/* Main thread: the files found replace the items (new ones PENDING);
 * only the range that differs is announced, so that a view keeps its
 * selection and scroll position when a rescan finds what it had. */
void
_cs_library_set_found (CsLibrary *self,
                       GPtrArray *found,
                       GPtrArray *problems)
{
  guint n_old = self->items->len;
  guint head = 0, tail = 0;

  g_ptr_array_set_size (self->problems, 0);
  if (self->tags_problem != NULL)
    g_ptr_array_add (self->problems, g_strdup (self->tags_problem));
  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_add (self->problems, g_strdup (g_ptr_array_index (problems, i)));
  while (head < n_old && head < found->len
         && g_ptr_array_index (self->items, head) == g_ptr_array_index (found, head))
    head++;
  while (tail < n_old - head && tail < found->len - head
         && g_ptr_array_index (self->items, n_old - 1 - tail)
            == g_ptr_array_index (found, found->len - 1 - tail))
    tail++;
  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (found, i)));
  if (n_old - head - tail > 0 || found->len - head - tail > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), head, n_old - head - tail,
                                found->len - head - tail);
}
