/* cs-annotation-io-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-io.h"
#include "cs-utils.h"

G_BEGIN_DECLS

/* cs_write_file_atomically() of cs-utils.h, under its first name. */
gboolean _cs_write_file_atomically (const char  *path,
                                    gboolean     private,
                                    CsWriteFunc  func,
                                    gpointer     data,
                                    GError     **error);

G_END_DECLS
