/* cs-utils.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

gboolean  cs_set_str          (char       **str_pointer,
                               const char  *new_str);
char     *cs_format_bytes_hex (const guint8 *data,
                               gsize         len);

typedef gboolean (*CsWriteFunc) (GOutputStream *stream,
                                 gpointer       data,
                                 GError       **error);

/* Writes @path atomically (temporary file, fsync, rename, fsync of the
 * folder): a crash leaves the old file or the new one, never a mix.
 * @private makes the file 0600; else the umask decides. */
gboolean  cs_write_file_atomically  (const char   *path,
                                     gboolean      private,
                                     CsWriteFunc   func,
                                     gpointer      data,
                                     GError      **error);
gboolean  cs_write_bytes_atomically (const char   *path,
                                     gboolean      private,
                                     GBytes       *bytes,
                                     GError      **error);
/* Removes the temporary files of cs_write_file_atomically() that a crash
 * left in @folder, when older than @max_age_s (another process may be
 * writing one now); returns how many. */
guint     cs_remove_stale_temporaries (const char *folder,
                                       gint64      max_age_s);
/* Flushes the file or folder at @path to disk. */
gboolean  cs_fsync_path             (const char   *path,
                                     gboolean      directory,
                                     GError      **error);
/* Opens a regular file read-only, never blocking on a FIFO or device. */
int       cs_open_regular_file      (const char   *path,
                                     GError      **error);
/* The SHA-256 (lower-case hex) of the file at @path, read in chunks;
 * @size (nullable) receives its size in bytes. Blocks. */
char     *cs_sha256_file            (const char   *path,
                                     guint64      *size,
                                     GCancellable *cancellable,
                                     GError      **error);
/* Now, as ISO 8601 UTC "YYYY-MM-DDThh:mm:ssZ". */
char     *cs_utc_now_iso8601        (void);
/* Makes the calling thread @increment nicer (Linux applies nice per
 * thread; elsewhere nothing); returns the priority to give back with
 * cs_thread_set_priority(), which may be refused without CAP_SYS_NICE. */
int       cs_thread_lower_priority  (int           increment);
void      cs_thread_set_priority    (int           priority);
/* Called first thing by each program's main(): large blocks (decoded
 * tiles, scaled copies, raster tiles) go back to the system when freed
 * (see cs-utils.c). */
void      cs_tune_allocator         (void);
/* A cairo_write_func_t writing to the GOutputStream @closure (PNG and PDF
 * output through GIO). */
cairo_status_t cs_cairo_write_to_stream (void                *closure,
                                         const unsigned char *data,
                                         unsigned int         length);

G_END_DECLS
