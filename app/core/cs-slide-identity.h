/* cs-slide-identity.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A remote slide's identity (issue 9): its DICOM Series Instance UID,
 * "dicom-series:1.2.826…", in place of a file's SHA-256 wherever slides
 * are keyed (annotation stores, cases, reports). FORMATS.md §9. */
#define CS_SLIDE_REMOTE_IDENTITY_PREFIX "dicom-series:"

gboolean   cs_slide_identity_is_remote  (const char    *identity);

GPtrArray *cs_slide_identity_list_files (const char    *path,
                                         const char    *vendor);
char      *cs_slide_identity_hash_files (GPtrArray     *files,
                                         const char    *main_path,
                                         GCancellable  *cancellable,
                                         GError       **error);
char      *cs_slide_identity_lookup     (const char    *path);
void       cs_slide_identity_remember   (const char    *path,
                                         const char    *sha256);
/* A slide on this computer known to have the identity @sha256: one whose
 * cached identity it is, its files unchanged since (a live session's
 * guest looks for its copy of the host's slide this way: slides opened
 * before, or scanned into the library). */
char      *cs_slide_identity_find       (const char    *sha256);

G_END_DECLS
