/* cs-fuzz-utils.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "cs-fuzz.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* GLib stops on a fatal message with a breakpoint trap, which libFuzzer
 * does not take for a crash: abort instead, once the message is out. */
static GLogWriterOutput
write_log (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  GLogWriterOutput out = g_log_writer_default (level, fields, n_fields, user_data);

  if (level & (G_LOG_FLAG_FATAL | G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    abort ();
  return out;
}

void
cs_fuzz_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_log_set_writer_func (write_log, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}

char *
cs_fuzz_open_file (const uint8_t *data,
                   size_t         size,
                   int           *fd)
{
  size_t done = 0;

  *fd = memfd_create ("cs-fuzz", MFD_CLOEXEC);
  if (*fd < 0)
    g_error ("memfd_create: %s", g_strerror (errno));
  while (done < size)
    {
      ssize_t n = write (*fd, data + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("writing the memory file: %s", g_strerror (errno));
      done += (size_t) n;
    }

  return g_strdup_printf ("/proc/self/fd/%d", *fd);
}

void
cs_fuzz_close_file (char *path,
                    int   fd)
{
  g_free (path);
  close (fd);
}
