/* cs-cases.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-case.h"

G_BEGIN_DECLS

CsCaseStore *cs_cases_get_default       (void);
GStrv        cs_cases_take_problems     (void);
void         cs_cases_shutdown          (void);

G_END_DECLS
