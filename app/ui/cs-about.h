/* cs-about.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWindow *cs_about_window_new    (GtkWindow   *parent);
char      *cs_about_release_notes (const char  *metainfo,
                                   gssize       length,
                                   GError     **error);

G_END_DECLS
