/* cs-slide-thumbnail.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-thumbnail"

#include "config.h"

#include "cs-core-private.h"
#include "cs-renderer.h"
#include "cs-settings.h"
#include "cs-slide.h"
#include "cs-slide-preview.h"
#include "cs-slide-thumbnail.h"
#include "cs-surface-texture.h"

#include <errno.h>

/* Thumbnails of slides for the start page, made in a worker: the slide's
 * own "thumbnail" image when it has one, else the whole slide rendered
 * small, on white as on glass. They are kept as PNG files in
 * $XDG_CACHE_HOME/consilium/thumbnails, named by the SHA-256 of the slide's
 * path, size and modification time (and whether the slide's colour profile
 * is applied, as the preference says): a changed file gets a new one. Label
 * and macro images, which may show patient details, are never used. */

typedef struct
{
  char     *path;
  gboolean  apply_color;
} ThumbnailJob;

static void
thumbnail_job_free (gpointer data)
{
  ThumbnailJob *job = data;

  g_free (job->path);
  g_free (job);
}

static gboolean
apply_color_setting (void)
{
  return g_settings_get_boolean (cs_settings_get_default (), "apply-color-profile");
}

static char *
cs_slide_thumbnail_get_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "consilium", "thumbnails", NULL);
}

/**
 * cs_slide_thumbnail_get_cache_path:
 * @path: a slide
 *
 * Returns: (transfer full): where the thumbnail of @path, as the file and
 *   the colour preference are now, is cached, or %NULL when @path cannot
 *   be read
 */
static char *
cache_path_for (const char  *path,
                gboolean     apply_color,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *dir = cs_slide_thumbnail_get_cache_dir ();
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;

  key = g_strdup_printf ("%s\n%" G_GOFFSET_FORMAT "\n%" G_GUINT64_FORMAT ".%06u%s", path,
                         g_file_info_get_size (info),
                         g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED),
                         g_file_info_get_attribute_uint32 (info,
                                                           G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC),
                         apply_color ? "" : "\nraw colours");
  g_checksum_update (checksum, (const guchar *) key, -1);
  name = g_strconcat (g_checksum_get_string (checksum), ".png", NULL);

  return g_build_filename (dir, name, NULL);
}

char *
cs_slide_thumbnail_get_cache_path (const char  *path,
                                   GError     **error)
{
  return cache_path_for (path, apply_color_setting (), error);
}

static cairo_surface_t *
cs_slide_thumbnail_make (const char  *path,
                         gboolean     apply_color,
                         GError     **error)
{
  g_autoptr(CsSlide) slide = cs_slide_new (path, error);

  if (slide == NULL)
    return NULL;
  cs_slide_set_apply_color_profile (slide, apply_color);

  return cs_slide_render_thumbnail (slide, CS_SLIDE_THUMBNAIL_SIZE, error);
}

static void
cs_slide_thumbnail_save (cairo_surface_t *surface,
                         const char      *cache_path)
{
  g_autoptr(GError) error = NULL;

  /* The cache only saves time: a failure to write it is no failure. */
  if (!cs_surface_save_png_atomically (surface, cache_path, &error))
    g_debug ("Cannot cache the thumbnail %s: %s", cache_path, error->message);
}

static void
surface_destroy (gpointer surface)
{
  cairo_surface_destroy (surface);
}

static void
cs_slide_thumbnail_worker (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  ThumbnailJob *job = task_data;
  const char *path = job->path;
  g_autofree char *cache_path = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  GError *error = NULL;

  cache_path = cache_path_for (path, job->apply_color, &error);
  if (cache_path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_file_test (cache_path, G_FILE_TEST_IS_REGULAR))
    {
      surface = cairo_image_surface_create_from_png (cache_path);
      if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
        {
          g_task_return_pointer (task, g_steal_pointer (&surface),
                                 surface_destroy);
          return;
        }
      g_clear_pointer (&surface, cairo_surface_destroy);
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  surface = cs_slide_thumbnail_make (path, job->apply_color, &error);
  if (surface == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cs_slide_thumbnail_save (surface, cache_path);
  g_task_return_pointer (task, g_steal_pointer (&surface), surface_destroy);
}

/**
 * cs_slide_thumbnail_load_async:
 * @path: a slide
 *
 * Loads the cached thumbnail of @path, or makes and caches it, in a worker.
 */
void
cs_slide_thumbnail_load_async (const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ThumbnailJob *job;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_slide_thumbnail_load_async);
  job = g_new0 (ThumbnailJob, 1);
  job->path = g_strdup (path);
  job->apply_color = apply_color_setting ();
  g_task_set_task_data (task, job, thumbnail_job_free);
  g_task_run_in_thread (task, cs_slide_thumbnail_worker);
}

/**
 * cs_slide_thumbnail_load_finish:
 *
 * Returns: (transfer full): the thumbnail, at most
 *   %CS_SLIDE_THUMBNAIL_SIZE pixels a side, or %NULL with @error set
 */
GdkTexture *
cs_slide_thumbnail_load_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  surface = g_task_propagate_pointer (G_TASK (result), error);
  if (surface == NULL)
    return NULL;

  return cs_surface_texture_new (surface);
}
