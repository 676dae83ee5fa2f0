/* cs-utils.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  cs_set_str          (char       **str_pointer,
                               const char  *new_str);
char     *cs_format_bytes_hex (const guint8 *data,
                               gsize         len);

G_END_DECLS
