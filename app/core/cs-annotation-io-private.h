/* cs-annotation-io-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-io.h"

G_BEGIN_DECLS

typedef gboolean (*CsWriteFunc) (GOutputStream *stream,
                                 gpointer       data,
                                 GError       **error);

/* Writes @path atomically: @func writes a temporary file in the same
 * folder, which is fsync'ed and renamed over @path, then the folder is
 * fsync'ed. A crash leaves the old file or the new one, never a mix.
 * @private makes the file 0600 (the store); else the umask decides. */
gboolean _cs_write_file_atomically (const char  *path,
                                    gboolean     private,
                                    CsWriteFunc  func,
                                    gpointer     data,
                                    GError     **error);

G_END_DECLS
