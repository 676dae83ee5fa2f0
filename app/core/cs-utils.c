/* cs-utils.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-utils"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef __linux__
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#endif

#include "cs-utils.h"

/* Small helpers that GLib only gained after the 2.74 floor. */

/**
 * cs_set_str:
 * @str_pointer: a pointer to a string
 * @new_str: (nullable): the new value
 *
 * Like g_set_str() of GLib 2.76: replaces *@str_pointer with a copy of
 * @new_str unless they are equal.
 *
 * Returns: %TRUE if the value changed
 */
gboolean
cs_set_str (char       **str_pointer,
            const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

/**
 * cs_format_bytes_hex:
 * @data: bytes
 * @len: number of bytes
 *
 * Returns: (transfer full): lower-case hexadecimal text of @data
 */
char *
cs_format_bytes_hex (const guint8 *data,
                     gsize         len)
{
  static const char digits[] = "0123456789abcdef";
  GString *out = g_string_sized_new (len * 2);

  for (gsize i = 0; i < len; i++)
    {
      g_string_append_c (out, digits[data[i] >> 4]);
      g_string_append_c (out, digits[data[i] & 0xf]);
    }

  return g_string_free (out, FALSE);
}

gboolean
cs_fsync_path (const char *path,
               gboolean    directory,
               GError    **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0), 0);
  int saved;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write %s to disk: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/**
 * cs_write_file_atomically:
 * @path: the file to write
 * @private: make it 0600; else the umask decides
 * @func: writes the content
 * @data: for @func
 * @error: return location for an error
 *
 * @func writes a temporary file in the same folder, which is fsync'ed and
 * renamed over @path, then the folder is fsync'ed. A crash leaves the old
 * file or the new one, never a mix.
 *
 * Returns: %TRUE when @path holds the new content
 */
gboolean
cs_write_file_atomically (const char  *path,
                          gboolean     private,
                          CsWriteFunc  func,
                          gpointer     data,
                          GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_name = g_strdup_printf (".%s.%08x.tmp", base, g_random_int ());
  g_autofree char *tmp_path = g_build_filename (dir, tmp_name, NULL);
  g_autoptr(GFile) tmp = g_file_new_for_path (tmp_path);
  g_autoptr(GFileOutputStream) out = NULL;
  gboolean ok;

  out = g_file_create (tmp, private ? G_FILE_CREATE_PRIVATE : G_FILE_CREATE_NONE, NULL, error);
  if (out == NULL)
    {
      /* GIO names the temporary file only: say which file is at stake. */
      g_prefix_error (error, _("Cannot write %s: "), path);
      return FALSE;
    }
  ok = func (G_OUTPUT_STREAM (out), data, error) &&
       g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
  /* A full disk (ENOSPC, EFBIG) surfaces as a write or close error that
   * names no file. */
  if (!ok && error != NULL && *error != NULL && (*error)->domain == G_IO_ERROR)
    g_prefix_error (error, _("Cannot write %s: "), path);
  ok = ok && cs_fsync_path (tmp_path, FALSE, error);
  if (ok && g_rename (tmp_path, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot replace %s: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
      g_unlink (tmp_path);
      return FALSE;
    }
  return cs_fsync_path (dir, TRUE, error);
}

/* ".<name>.<8 hex digits>.tmp": a temporary file of the function above. */
static gboolean
is_temporary_name (const char *name)
{
  gsize len = strlen (name);
  const char *hex = name + len - strlen (".01234567.tmp") + 1;

  if (name[0] != '.' || len < strlen (".x.01234567.tmp") || !g_str_has_suffix (name, ".tmp") ||
      hex[-1] != '.')
    return FALSE;
  for (guint i = 0; i < 8; i++)
    if (!g_ascii_isxdigit (hex[i]))
      return FALSE;
  return TRUE;
}

/**
 * cs_remove_stale_temporaries:
 * @folder: a folder written with cs_write_file_atomically()
 * @max_age_s: how old a temporary file must be to be removed
 *
 * Removes the temporary files that writes interrupted by a crash left in
 * @folder (never data: the file they were for is the old one, whole).
 * Only those older than @max_age_s, since another process may be writing
 * one now. Returns how many were removed.
 */
guint
cs_remove_stale_temporaries (const char *folder,
                             gint64      max_age_s)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!is_temporary_name (name))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && now - st.st_mtime > max_age_s &&
          g_unlink (path) == 0)
        n++;
    }
  return n;
}

static gboolean
write_bytes (GOutputStream *stream,
             gpointer       data,
             GError       **error)
{
  GBytes *bytes = data;

  return g_output_stream_write_all (stream, g_bytes_get_data (bytes, NULL),
                                    g_bytes_get_size (bytes), NULL, NULL, error);
}

/**
 * cs_write_bytes_atomically:
 * @path: the file to write
 * @private: make it 0600
 * @bytes: the content
 * @error: return location for an error
 *
 * cs_write_file_atomically() of a buffer.
 *
 * Returns: %TRUE on success
 */
gboolean
cs_write_bytes_atomically (const char  *path,
                           gboolean     private,
                           GBytes      *bytes,
                           GError     **error)
{
  return cs_write_file_atomically (path, private, write_bytes, bytes, error);
}

/**
 * cs_utc_now_iso8601:
 *
 * Returns: (transfer full): the current time as "YYYY-MM-DDThh:mm:ssZ"
 */
#define SHA256_CHUNK (1 << 20)

/**
 * cs_open_regular_file:
 *
 * Opens @path read-only without ever blocking: a FIFO, socket or device
 * (which a read would wait on forever, or never finish) is refused, as
 * is a folder.
 *
 * Returns: a file descriptor to close, or -1 with @error set (G_IO_ERROR)
 */
int
cs_open_regular_file (const char  *path,
                      GError     **error)
{
  struct stat st;
  int fd, saved;

  /* O_NONBLOCK: opening a FIFO does not wait for a writer. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot open %s: %s"),
                   path, g_strerror (saved));
      return -1;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("Cannot open %s: %s"),
                   path, _("it is not a regular file (it is a folder, pipe, socket or device)"));
      return -1;
    }
  /* Regular files ignore O_NONBLOCK; clear it all the same. */
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);

  return fd;
}

char *
cs_sha256_file (const char    *path,
                guint64       *size,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = NULL;
  guint64 total = 0;
  gssize n;
  int fd, saved;

  fd = cs_open_regular_file (path, error);
  if (fd < 0)
    return NULL;
  buffer = g_malloc (SHA256_CHUNK);
  while ((n = read (fd, buffer, SHA256_CHUNK)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved = errno;
          g_close (fd, NULL);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot read %s: %s"),
                       path, g_strerror (saved));
          return NULL;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_close (fd, NULL);
          return NULL;
        }
      g_checksum_update (checksum, buffer, n);
      total += n;
    }
  g_close (fd, NULL);

  if (size != NULL)
    *size = total;
  return g_strdup (g_checksum_get_string (checksum));
}

char *
cs_utc_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

cairo_status_t
cs_cairo_write_to_stream (void                *closure,
                          const unsigned char *data,
                          unsigned int         length)
{
  GOutputStream *stream = closure;

  if (!g_output_stream_write_all (stream, data, length, NULL, NULL, NULL))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

int
cs_thread_lower_priority (int increment)
{
  int previous = 0;

#ifdef __linux__
  pid_t tid = (pid_t) syscall (SYS_gettid);

  errno = 0;
  previous = getpriority (PRIO_PROCESS, (id_t) tid);
  if (errno == 0)
    setpriority (PRIO_PROCESS, (id_t) tid, MIN (previous + increment, 19));
#endif

  return previous;
}

void
cs_thread_set_priority (int priority)
{
#ifdef __linux__
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), priority);
#endif
}

/* Blocks of at least this size are mapped of their own and unmapped when
 * freed: a decoded 256 x 256 tile (256 KiB), a scaled copy, a raster
 * tile. */
#define CS_MMAP_THRESHOLD (128 * 1024)

/**
 * cs_tune_allocator:
 *
 * glibc raises its mmap threshold to the size of each mapped block freed
 * (up to 32 MiB), so that after the first tile is evicted every later
 * tile comes from the heap, where freed tiles of the 256 MiB cache, of
 * the renderer's scaled copies and of the raster layer stay resident
 * (about 100 MiB with a full cache, measured by `consilium-cli bench
 * --only memory`). Fixing the threshold keeps it where it starts.
 */
void
cs_tune_allocator (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, CS_MMAP_THRESHOLD);
#endif
}
