/* cs-deidentify-summary.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-deidentify.h"
#include "cs-slide.h"

G_BEGIN_DECLS

/* What a de-identified copy left out, before and after: each image,
 * description field and TIFF tag the original carried, with what the copy
 * carries instead (removed, or kept), then how the copy was verified. With
 * the original slide, the label and macro it had are shown as thumbnails,
 * unless "privacy-mode" is on (then as hidden, with a note). Used after
 * win.deidentify and, per slide, by the consult package export. */

#define CS_TYPE_DEIDENTIFY_SUMMARY (cs_deidentify_summary_get_type ())

G_DECLARE_FINAL_TYPE (CsDeidentifySummary, cs_deidentify_summary, CS, DEIDENTIFY_SUMMARY,
                      GtkWidget)

GtkWidget *cs_deidentify_summary_new              (void);
void       cs_deidentify_summary_set_report       (CsDeidentifySummary      *self,
                                                   const CsDeidentifyReport *report,
                                                   CsSlide                  *original);
gboolean   cs_deidentify_summary_get_privacy_mode (CsDeidentifySummary      *self);
void       cs_deidentify_summary_set_privacy_mode (CsDeidentifySummary      *self,
                                                   gboolean                  privacy_mode);

G_END_DECLS
