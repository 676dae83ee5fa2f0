/* cs-slide-property.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One name = value property of a slide, an item of the information panel's
 * list model. Immutable. */

#define CS_TYPE_SLIDE_PROPERTY (cs_slide_property_get_type ())

G_DECLARE_FINAL_TYPE (CsSlideProperty, cs_slide_property, CS, SLIDE_PROPERTY, GObject)

CsSlideProperty *cs_slide_property_new       (const char      *name,
                                              const char      *value);
const char      *cs_slide_property_get_name  (CsSlideProperty *self);
const char      *cs_slide_property_get_value (CsSlideProperty *self);
gboolean         cs_slide_property_matches   (CsSlideProperty *self,
                                              const char      *folded_text);
char            *cs_slide_property_to_string (CsSlideProperty *self);

G_END_DECLS
