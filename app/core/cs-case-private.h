/* cs-case-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cs-case.h"

G_BEGIN_DECLS

JsonObject *_cs_case_get_root (CsCase *self);
/* Stamps "modified" and emits "changed". */
void        _cs_case_changed  (CsCase *self);

G_END_DECLS
