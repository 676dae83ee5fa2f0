/* cs-library-watch.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-library.h"

G_BEGIN_DECLS

/* Monitors on the folders of a library and on each folder a slide was
 * found in: @callback (@data) runs once, shortly after files are added,
 * removed or renamed there. */
typedef struct _CsLibraryWatch CsLibraryWatch;

CsLibraryWatch *cs_library_watch_new    (GSourceFunc     callback,
                                         gpointer        data);
/* Watches the folders of @library as its last scan found them. */
void            cs_library_watch_update (CsLibraryWatch *self,
                                         CsLibrary      *library);
void            cs_library_watch_free   (CsLibraryWatch *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsLibraryWatch, cs_library_watch_free)

G_END_DECLS
