/* cs-dicomweb-cache.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-dicomweb-cache"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "cs-dicomweb-slide-private.h"

/* Frames of remote slides as fetched, one file each, so that a second
 * visit reads no network: DIR/KK/KEY, KEY the SHA-256 of base URL, study,
 * series, instance and frame (no UID or host in a file name), KK its first
 * two digits. A file is MAGIC, the transfer syntax UID, a newline, then
 * the frame's bytes. Written atomically (temporary file and rename), so a
 * reader never sees half a frame; a damaged file is a miss.
 *
 * Size-bounded, least recently used first: a hit sets the file's mtime to
 * now; when a store takes the total over the bound, the oldest files go
 * until it is under 90 % of it. The total is counted once, at the first
 * store, then kept up to date. Thread-safe: a mutex guards the total and
 * eviction; reads and writes of distinct files need no lock. Other
 * processes sharing the folder only make the total approximate. */

#define MAGIC "CSDWF1\n"

struct _CsDicomwebCache
{
  GMutex   mutex;
  char    *dir;
  guint64  max_size;
  guint64  size;         /* bytes in files, once counted */
  gboolean counted;
};

CsDicomwebCache *
_cs_dicomweb_cache_new (const char *dir,
                        guint64     max_size)
{
  CsDicomwebCache *self = g_new0 (CsDicomwebCache, 1);

  g_mutex_init (&self->mutex);
  self->dir = g_strdup (dir);
  self->max_size = max_size;

  return self;
}

void
_cs_dicomweb_cache_free (CsDicomwebCache *self)
{
  if (self == NULL)
    return;

  g_mutex_clear (&self->mutex);
  g_free (self->dir);
  g_free (self);
}

CsDicomwebCache *
_cs_dicomweb_cache_get_default (void)
{
  static CsDicomwebCache *cache;

  if (g_once_init_enter (&cache))
    {
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "consilium",
                                               "dicomweb", NULL);

      g_once_init_leave (&cache, _cs_dicomweb_cache_new (dir, CS_DICOMWEB_CACHE_DEFAULT_SIZE));
    }

  return cache;
}

char *
_cs_dicomweb_cache_make_key (const char *base_url,
                             const char *study_uid,
                             const char *series_uid,
                             const char *instance_uid,
                             guint       frame)
{
  g_autofree char *text = g_strdup_printf ("%s\n%s\n%s\n%s\n%u", base_url, study_uid,
                                           series_uid, instance_uid, frame);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static char *
file_for_key (CsDicomwebCache *self,
              const char      *key)
{
  char prefix[3] = { key[0], key[0] ? key[1] : '\0', '\0' };

  return g_build_filename (self->dir, prefix, key, NULL);
}

/**
 * _cs_dicomweb_cache_lookup:
 *
 * Returns: (transfer full) (nullable): the frame, or %NULL when it is not
 *   cached (or its file is damaged)
 */
GBytes *
_cs_dicomweb_cache_lookup (CsDicomwebCache  *self,
                           const char       *key,
                           char            **transfer_syntax)
{
  g_autofree char *file = file_for_key (self, key);
  g_autofree char *contents = NULL;
  gsize size = 0;
  const char *ts;
  char *newline;

  if (!g_file_get_contents (file, &contents, &size, NULL))
    return NULL;
  if (size < strlen (MAGIC) || memcmp (contents, MAGIC, strlen (MAGIC)) != 0)
    return NULL;
  ts = contents + strlen (MAGIC);
  newline = memchr (ts, '\n', size - strlen (MAGIC));
  if (newline == NULL)
    return NULL;

  /* Most recently used; a failure only makes it older. */
  g_utime (file, NULL);
  *transfer_syntax = g_strndup (ts, (gsize) (newline - ts));

  return g_bytes_new (newline + 1, size - (gsize) (newline + 1 - contents));
}

typedef struct
{
  char   *path;
  gint64  mtime;
  goffset size;
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->path);
  g_free (entry);
}

static int
compare_age (gconstpointer a,
             gconstpointer b)
{
  const Entry *x = *(const Entry * const *) a;
  const Entry *y = *(const Entry * const *) b;

  return (x->mtime > y->mtime) - (x->mtime < y->mtime);
}

/* Every cached file, with its size and mtime. */
static GPtrArray *
list_files (CsDicomwebCache *self)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (entry_free);
  g_autoptr(GDir) top = g_dir_open (self->dir, 0, NULL);
  const char *sub;

  while (top != NULL && (sub = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *subdir = g_build_filename (self->dir, sub, NULL);
      g_autoptr(GDir) dir = g_dir_open (subdir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          Entry *entry = g_new0 (Entry, 1);
          GStatBuf st;

          entry->path = g_build_filename (subdir, name, NULL);
          if (g_stat (entry->path, &st) != 0 || !S_ISREG (st.st_mode))
            {
              entry_free (entry);
              continue;
            }
          entry->size = st.st_size;
          entry->mtime = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
          g_ptr_array_add (entries, entry);
        }
    }

  return entries;
}

static guint64
total_size (GPtrArray *entries)
{
  guint64 total = 0;

  for (guint i = 0; i < entries->len; i++)
    total += (guint64) ((Entry *) g_ptr_array_index (entries, i))->size;

  return total;
}

/* Called with the mutex held. */
static void
evict_locked (CsDicomwebCache *self)
{
  g_autoptr(GPtrArray) entries = list_files (self);
  guint64 target = self->max_size / 10 * 9;

  self->size = total_size (entries);
  g_ptr_array_sort (entries, compare_age);
  for (guint i = 0; i < entries->len && self->size > target; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      if (g_unlink (entry->path) == 0)
        self->size -= MIN ((guint64) entry->size, self->size);
    }
}

/**
 * _cs_dicomweb_cache_store:
 *
 * Keeps a frame; a failure to write only costs a fetch next time.
 */
void
_cs_dicomweb_cache_store (CsDicomwebCache *self,
                          const char      *key,
                          const char      *transfer_syntax,
                          GBytes          *data)
{
  g_autofree char *file = file_for_key (self, key);
  g_autofree char *dir = g_path_get_dirname (file);
  g_autoptr(GByteArray) contents = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  g_byte_array_append (contents, (const guint8 *) MAGIC, strlen (MAGIC));
  g_byte_array_append (contents, (const guint8 *) transfer_syntax, strlen (transfer_syntax));
  g_byte_array_append (contents, (const guint8 *) "\n", 1);
  g_byte_array_append (contents, g_bytes_get_data (data, NULL), g_bytes_get_size (data));

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (file, (const char *) contents->data, contents->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_debug ("Cannot cache a frame in %s: %s", dir,
               error ? error->message : g_strerror (errno));
      return;
    }

  g_mutex_lock (&self->mutex);
  if (!self->counted)
    {
      g_autoptr(GPtrArray) entries = list_files (self);

      self->size = total_size (entries);
      self->counted = TRUE;
    }
  else
    self->size += contents->len;
  if (self->size > self->max_size)
    evict_locked (self);
  g_mutex_unlock (&self->mutex);
}

guint64
_cs_dicomweb_cache_get_size (CsDicomwebCache *self)
{
  guint64 size;

  g_mutex_lock (&self->mutex);
  if (!self->counted)
    {
      g_autoptr(GPtrArray) entries = list_files (self);

      self->size = total_size (entries);
      self->counted = TRUE;
    }
  size = self->size;
  g_mutex_unlock (&self->mutex);

  return size;
}
