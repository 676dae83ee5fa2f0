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
/* Whether the manifest entry is encrypted (then every entry must be; when
 * it is not, none may be). */
gboolean           _cs_package_reader_is_encrypted (CsPackageReader *reader);
/* Streams every other entry, checking it against the manifest, and writes
 * entries under "slides/" below @slide_dir_fd and the others below
 * @text_dir_fd (-1: checked and hashed only, nothing written). Call once. */
gboolean           _cs_package_reader_extract      (CsPackageReader *reader,
                                                    int              text_dir_fd,
                                                    int              slide_dir_fd,
                                                    GError         **error);
void               _cs_package_reader_free         (CsPackageReader *reader);

/* cs-package-limits.c: each listed entry's declared size against the
 * cap of its kind (case.json and opinions 16 MiB, PDFs 256 MiB,
 * annotations 2 GiB): CS_PACKAGE_ERROR_TOO_LARGE naming @package and the
 * entry, before anything is extracted. */
gboolean           _cs_package_check_declared_sizes (CsPackageManifest *manifest,
                                                     const char        *package,
                                                     GError           **error);

/* cs-package-extract.c: opens @name (checked) below @dir_fd for writing,
 * making its folders, never following a link nor opening an existing
 * file; -1 with @error naming @package and @name. */
int                _cs_package_open_below          (int              dir_fd,
                                                    const char      *name,
                                                    const char      *package,
                                                    GError         **error);
gboolean           _cs_package_write_all           (int              fd,
                                                    const guint8    *data,
                                                    gsize            len,
                                                    const char      *package,
                                                    const char      *name,
                                                    GError         **error);
/* Always FALSE: @error from errno @saved, naming @package and @name. */
gboolean           _cs_package_set_errno_error     (const char      *package,
                                                    const char      *name,
                                                    int              saved,
                                                    GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsPackageReader, _cs_package_reader_free)

G_END_DECLS
