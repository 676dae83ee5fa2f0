/* cs-dsa-json.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-io.h"

G_BEGIN_DECLS

/* Digital Slide Archive / HistomicsUI annotation JSON (docs/FORMATS.md §5):
 * one document or a list, wrapped or not. Import only. */
gboolean cs_dsa_json_read (const char         *data,
                           gsize               len,
                           const char         *name,
                           CsAnnotationImport *result,
                           GError            **error);

G_END_DECLS
