/* cs-settings.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CS_SETTINGS_SCHEMA_ID "io.github.consilium.Consilium"

GSettings *cs_settings_get_default (void);

G_END_DECLS
