/* cs-slide-handles.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-handles"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-slide-private.h"

/* OpenSlide's errors are sticky: after one corrupt tile, every later call
 * on that openslide_t fails, on every thread. So each read borrows a handle
 * for itself alone from this pool: an error on a handle is always that
 * read's own, the handle is then closed instead of returned, and the next
 * read opens a fresh one. One bad tile fails; the rest of the slide stays
 * readable, and concurrent readers are never failed in passing.
 *
 * A handle opened later must show the same slide: level geometry and
 * quickhash must match the first handle's, or the pool fails.
 *
 * At most max_open handles exist (opening a MIRAX slide takes seconds, and
 * each handle has its own tile cache); further readers wait for one. When
 * a new handle cannot be opened (the file is gone or was replaced), the
 * pool is failed for good. Thread-safe. */

struct _CsHandlePool
{
  GMutex  mutex;
  GCond   cond;
  char   *path;
  GQueue  idle;        /* openslide_t*, owned */
  guint   n_open;
  guint   max_open;
  char   *failure;     /* set once the slide cannot be reopened */
  char   *fingerprint; /* geometry and quickhash of the first handle */
};

/* What a reopened handle must match: a file replaced by another slide under
 * the same name must not mix its tiles into this one's view. */
static char *
fingerprint (openslide_t *osr)
{
  GString *out = g_string_new (NULL);
  int32_t n = openslide_get_level_count (osr);
  const char *quickhash = openslide_get_property_value (osr, OPENSLIDE_PROPERTY_NAME_QUICKHASH1);

  g_string_append_printf (out, "%d", n);
  for (int32_t i = 0; i < n; i++)
    {
      int64_t w = 0, h = 0;

      openslide_get_level_dimensions (osr, i, &w, &h);
      g_string_append_printf (out, " %" G_GINT64_FORMAT "x%" G_GINT64_FORMAT, w, h);
    }
  g_string_append_printf (out, " %s", quickhash ? quickhash : "-");

  return g_string_free (out, FALSE);
}

CsHandlePool *
_cs_handle_pool_new (const char  *path,
                     openslide_t *first,
                     guint        max_open)
{
  CsHandlePool *pool = g_new0 (CsHandlePool, 1);

  g_mutex_init (&pool->mutex);
  g_cond_init (&pool->cond);
  pool->path = g_strdup (path);
  pool->max_open = MAX (max_open, 1);
  pool->fingerprint = fingerprint (first);
  g_queue_init (&pool->idle);
  g_queue_push_tail (&pool->idle, first);
  pool->n_open = 1;

  return pool;
}

static void
close_handle (gpointer osr)
{
  openslide_close (osr);
}

void
_cs_handle_pool_free (CsHandlePool *pool)
{
  if (pool == NULL)
    return;

  g_queue_clear_full (&pool->idle, close_handle);
  g_free (pool->path);
  g_free (pool->failure);
  g_free (pool->fingerprint);
  g_cond_clear (&pool->cond);
  g_mutex_clear (&pool->mutex);
  g_free (pool);
}

static openslide_t *
open_handle (CsHandlePool  *pool,
             GError       **error)
{
  openslide_t *osr = openslide_open (pool->path);
  const char *message = osr ? openslide_get_error (osr) : _("it is no longer a slide");
  g_autofree char *now = NULL;

  if (message == NULL)
    {
      now = fingerprint (osr);
      if (g_str_equal (now, pool->fingerprint))
        return osr;
      message = _("the file was replaced by another slide since it was opened");
    }

  g_mutex_lock (&pool->mutex);
  pool->n_open--;
  if (pool->failure == NULL)
    pool->failure = g_strdup (message);
  g_cond_broadcast (&pool->cond);
  g_mutex_unlock (&pool->mutex);

  g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ,
               _("Cannot read the pixels of “%s”: %s"), pool->path, message);
  g_clear_pointer (&osr, openslide_close);

  return NULL;
}

/**
 * _cs_handle_pool_acquire:
 *
 * Lends a handle for one read; give it back with _cs_handle_pool_release().
 *
 * Returns: (transfer none) (nullable): a handle, or %NULL with @error set
 *   when the slide cannot be read any more
 */
openslide_t *
_cs_handle_pool_acquire (CsHandlePool  *pool,
                         GError       **error)
{
  openslide_t *osr = NULL;

  g_mutex_lock (&pool->mutex);
  while (pool->failure == NULL && pool->idle.length == 0 && pool->n_open >= pool->max_open)
    g_cond_wait (&pool->cond, &pool->mutex);

  if (pool->failure != NULL)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ,
                   _("Cannot read the pixels of “%s”: %s"), pool->path, pool->failure);
      g_mutex_unlock (&pool->mutex);
      return NULL;
    }

  osr = g_queue_pop_head (&pool->idle);
  if (osr == NULL)
    pool->n_open++;
  g_mutex_unlock (&pool->mutex);

  return osr ? osr : open_handle (pool, error);
}

/* Takes a handle back; one with an error is closed, not kept. */
void
_cs_handle_pool_release (CsHandlePool *pool,
                         openslide_t  *osr)
{
  gboolean broken = openslide_get_error (osr) != NULL;

  g_mutex_lock (&pool->mutex);
  if (broken)
    pool->n_open--;
  else
    g_queue_push_head (&pool->idle, osr);
  g_cond_signal (&pool->cond);
  g_mutex_unlock (&pool->mutex);

  if (broken)
    openslide_close (osr);
}

gboolean
_cs_handle_pool_is_failed (CsHandlePool *pool)
{
  gboolean failed;

  g_mutex_lock (&pool->mutex);
  failed = pool->failure != NULL;
  g_mutex_unlock (&pool->mutex);

  return failed;
}
