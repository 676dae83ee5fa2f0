/* cs-view-sync.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cs-viewport.h"

G_BEGIN_DECLS

/**
 * CsSyncTransform:
 * @scale: B level-0 pixels per A level-0 pixel (mpp_a / mpp_b, or 1)
 * @rotation: degrees, clockwise: how B's tissue is turned against A's
 * @dx: B's level-0 x of A's origin after scale and rotation
 * @dy: B's level-0 y of A's origin after scale and rotation
 *
 * Maps slide A's level-0 coordinates to slide B's, for two slides of the
 * same tissue (H&E and IHC of one block) shown side by side:
 *   b = R(rotation) (scale * a) + (dx, dy)
 */
typedef struct
{
  double scale;
  double rotation;
  double dx;
  double dy;
} CsSyncTransform;

void     cs_sync_transform_init_identity (CsSyncTransform       *self,
                                          double                 scale);
void     cs_sync_transform_map_point     (const CsSyncTransform *self,
                                          double                 ax,
                                          double                 ay,
                                          double                *bx,
                                          double                *by);
void     cs_sync_transform_apply         (const CsSyncTransform *self,
                                          const CsViewport      *a,
                                          CsViewport            *b);
void     cs_sync_transform_from_views    (CsSyncTransform       *self,
                                          const CsViewport      *a,
                                          const CsViewport      *b);
gboolean cs_sync_transform_load          (CsSyncTransform       *self,
                                          const char            *identity_a,
                                          const char            *identity_b);
gboolean cs_sync_transform_save          (const CsSyncTransform *self,
                                          const char            *identity_a,
                                          const char            *identity_b,
                                          GError               **error);

G_END_DECLS
