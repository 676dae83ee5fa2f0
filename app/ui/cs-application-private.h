/* cs-application-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-application.h"

G_BEGIN_DECLS

struct _CsApplication
{
  AdwApplication parent_instance;
};

void _cs_application_actions_init (CsApplication *self);
void _cs_application_options_init (CsApplication *self);

G_END_DECLS
