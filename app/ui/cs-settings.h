/* cs-settings.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-class-table.h"

G_BEGIN_DECLS

#define CS_SETTINGS_SCHEMA_ID "io.github.consilium.Consilium"

GSettings    *cs_settings_get_default         (void);
CsClassTable *cs_settings_get_class_table     (void);
char         *cs_settings_dup_author          (void);
char         *cs_settings_dup_institution     (void);

G_END_DECLS
