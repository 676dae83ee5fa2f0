/* cs-package-extract.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package-read"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs-package-read-private.h"

/* Writing an entry below a folder the import made, as the reader
 * (cs-package-read.c) streams it: the entry's name, checked already, is
 * walked one component at a time with mkdirat/openat and O_NOFOLLOW, and
 * the file is created with O_EXCL, so that no link, existing file or
 * path joined from the package's text is ever followed or overwritten. */

gboolean
_cs_package_set_errno_error (const char *package,
                             const char *name,
                             int         saved,
                             GError    **error)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("%s: cannot extract the entry “%s”: %s"), package, name, g_strerror (saved));
  return FALSE;
}

/* Opens @name (already checked: relative, no "..", no empty part) below
 * @dir_fd for writing, making its folders; never follows a link and never
 * opens a file that exists. */
int
_cs_package_open_below (int          dir_fd,
                        const char  *name,
                        const char  *package,
                        GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (name, "/", -1);
  guint n = g_strv_length (parts);
  int fd = dup (dir_fd);
  int saved = errno;

  for (guint i = 0; fd >= 0 && i + 1 < n; i++)
    {
      int next = -1;

      if (mkdirat (fd, parts[i], 0700) == 0 || errno == EEXIST)
        next = openat (fd, parts[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      saved = errno;
      close (fd);
      fd = next;
    }
  if (fd >= 0)
    {
      int file_fd = openat (fd, parts[n - 1],
                            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);

      saved = errno;
      close (fd);
      fd = file_fd;
    }
  if (fd < 0)
    _cs_package_set_errno_error (package, name, saved, error);
  return fd;
}

gboolean
_cs_package_write_all (int           fd,
                       const guint8 *data,
                       gsize         len,
                       const char   *package,
                       const char   *name,
                       GError      **error)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return _cs_package_set_errno_error (package, name, errno, error);
      data += n;
      len -= n;
    }
  return TRUE;
}
