/* cs-library-read.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-library"

#include "config.h"

#include "cs-core-private.h"
#include "cs-library-private.h"
#include "cs-slide-preview.h"
#include "cs-utils.h"

/* The library's readers: the slides a scan must open (identity, metadata,
 * thumbnail) are read by CS_LIBRARY_N_READERS threads at once. A reader
 * only reads the slide and writes its thumbnail (slide identities are
 * thread-safe, thumbnail files written atomically); the scan thread keeps
 * the index, the counts and the deliveries to the main thread, taking the
 * readings as they come. */

static guint n_slides_opened;

guint
_cs_library_get_n_slides_opened (void)
{
  return g_atomic_int_get (&n_slides_opened);
}

/* Whether the profile was applied is part of the key. */
char *
_cs_library_thumbnail_path (CsLibraryScanJob *job,
                            const char       *identity,
                            gboolean          color_profile)
{
  gboolean applied = color_profile && job->apply_color;
  g_autofree char *name = g_strconcat (identity, applied ? ".icc.png" : ".raw.png", NULL);

  return g_build_filename (job->cache_dir, name, NULL);
}

/* Opens the slide: its identity, metadata and thumbnail. */
static gboolean
read_slide (CsLibraryScanJob  *job,
            const char        *path,
            CsLibraryItemData *data,
            GCancellable      *cancellable,
            GError           **error)
{
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(cairo_surface_t) thumbnail = NULL;
  const char *identity;

  g_atomic_int_inc (&n_slides_opened);
  slide = cs_slide_new (path, error);
  if (slide == NULL)
    return FALSE;
  identity = cs_slide_compute_identity (slide, cancellable, error);
  if (identity == NULL)
    return FALSE;

  data->identity = g_strdup (identity);
  data->vendor = g_strdup (cs_slide_get_vendor (slide));
  cs_slide_get_level_size (slide, 0, &data->width, &data->height);
  data->objective_power = cs_slide_get_objective_power (slide);
  data->color_profile = cs_slide_has_color_profile (slide);
  data->thumbnail_path = _cs_library_thumbnail_path (job, identity, data->color_profile);
  if (g_file_test (data->thumbnail_path, G_FILE_TEST_IS_REGULAR))
    return TRUE;

  cs_slide_set_apply_color_profile (slide, job->apply_color);
  thumbnail = cs_slide_render_thumbnail (slide, CS_LIBRARY_THUMBNAIL_SIZE, error);

  return thumbnail != NULL &&
         cs_surface_save_png_atomically (thumbnail, data->thumbnail_path, error);
}

struct _CsLibraryReaders
{
  CsLibraryScanJob *job;
  GCancellable     *cancellable;
  GThreadPool      *pool;
  GAsyncQueue      *done;          /* CsLibraryReading */
  guint             n_pending;
};

void
_cs_library_reading_free (CsLibraryReading *reading)
{
  g_clear_object (&reading->item);
  g_clear_pointer (&reading->data, _cs_library_item_data_free);
  g_clear_error (&reading->error);
  g_free (reading);
}

static void
read_cb (gpointer task,
         gpointer user_data)
{
  CsLibraryReading *reading = task;
  CsLibraryReaders *self = user_data;
  g_autoptr(CsLibraryItemData) data = g_new0 (CsLibraryItemData, 1);

  /* Cancelled: the rest of the queue goes by without reading. */
  if (!g_cancellable_set_error_if_cancelled (self->cancellable, &reading->error)
      && read_slide (self->job, cs_library_item_get_path (reading->item), data,
                     self->cancellable, &reading->error))
    reading->data = g_steal_pointer (&data);
  g_async_queue_push (self->done, reading);
}

CsLibraryReaders *
_cs_library_readers_new (CsLibraryScanJob *job,
                         GCancellable     *cancellable)
{
  CsLibraryReaders *self = g_new0 (CsLibraryReaders, 1);

  self->job = job;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->done = g_async_queue_new ();
  self->pool = g_thread_pool_new (read_cb, self, CS_LIBRARY_N_READERS, FALSE, NULL);

  return self;
}

void
_cs_library_readers_push (CsLibraryReaders *self,
                          CsLibraryItem    *item)
{
  CsLibraryReading *reading = g_new0 (CsLibraryReading, 1);

  reading->item = g_object_ref (item);
  self->n_pending++;
  g_thread_pool_push (self->pool, reading, NULL);
}

/* The next slide read, in the order they finish; NULL when none is left. */
CsLibraryReading *
_cs_library_readers_pop (CsLibraryReaders *self)
{
  if (self->n_pending == 0)
    return NULL;
  self->n_pending--;

  return g_async_queue_pop (self->done);
}

/* Waits for the readers (cancelled, they finish at once). */
void
_cs_library_readers_free (CsLibraryReaders *self)
{
  CsLibraryReading *reading;

  g_thread_pool_free (self->pool, FALSE, TRUE);
  while ((reading = g_async_queue_try_pop (self->done)) != NULL)
    _cs_library_reading_free (reading);
  g_async_queue_unref (self->done);
  g_clear_object (&self->cancellable);
  g_free (self);
}
