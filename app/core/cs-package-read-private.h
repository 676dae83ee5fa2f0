/* cs-package-read-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-package.h"

G_BEGIN_DECLS

/* The safe streaming reader shared by inspect and import (any thread, one
 * reader per thread). */
typedef struct _CsPackageReader CsPackageReader;

/* Opens @path, reads manifest.json (which must come first) and checks the
 * total listed size against @max_size (0: CS_PACKAGE_DEFAULT_MAX_SIZE). */
CsPackageReader   *_cs_package_reader_open         (const char      *path,
                                                    const char      *passphrase,
                                                    guint64          max_size,
                                                    GCancellable    *cancellable,
                                                    GError         **error);
CsPackageManifest *_cs_package_reader_get_manifest (CsPackageReader *reader);
CsPackageManifest *_cs_package_reader_steal_manifest (CsPackageReader *reader);
/* Streams every other entry, checking it against the manifest, and writes
 * entries under "slides/" below @slide_dir_fd and the others below
 * @text_dir_fd (-1: checked and hashed only, nothing written). Call once. */
gboolean           _cs_package_reader_extract      (CsPackageReader *reader,
                                                    int              text_dir_fd,
                                                    int              slide_dir_fd,
                                                    GError         **error);
void               _cs_package_reader_free         (CsPackageReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsPackageReader, _cs_package_reader_free)

G_END_DECLS
