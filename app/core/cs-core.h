/* cs-core.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation.h"
#include "cs-annotation-list.h"
#include "cs-class-table.h"
#include "cs-geometry.h"
#include "cs-magnification.h"
#include "cs-render-plan.h"
#include "cs-renderer.h"
#include "cs-scale-bar.h"
#include "cs-slide.h"
#include "cs-slide-identity.h"
#include "cs-snapshot.h"
#include "cs-tile.h"
#include "cs-tile-cache.h"
#include "cs-tile-loader.h"
#include "cs-tile-source.h"
#include "cs-utils.h"
#include "cs-view-sync.h"
#include "cs-viewport.h"
