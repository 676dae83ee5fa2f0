/* cs-json-number.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fast exact numbers for the GeoJSON reader and writer
 * (cs-json-number.c). */

#define CS_JSON_NUMBER_BUF_SIZE 32

gboolean _cs_json_format_double (double      value,
                                 char       *buf);
double   _cs_json_parse_double  (const char *text,
                                 gsize       len);

G_END_DECLS
