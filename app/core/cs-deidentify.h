/* cs-deidentify.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CS_DEIDENTIFY_ERROR (cs_deidentify_error_quark ())

/**
 * CsDeidentifyError:
 * @CS_DEIDENTIFY_ERROR_SAME_FILE: the output is the input
 * @CS_DEIDENTIFY_ERROR_UNSUPPORTED: a format that cannot be de-identified safely
 * @CS_DEIDENTIFY_ERROR_FAILED: the copy could not be written
 * @CS_DEIDENTIFY_ERROR_VERIFY: the copy failed verification and was removed
 */
typedef enum
{
  CS_DEIDENTIFY_ERROR_SAME_FILE,
  CS_DEIDENTIFY_ERROR_UNSUPPORTED,
  CS_DEIDENTIFY_ERROR_FAILED,
  CS_DEIDENTIFY_ERROR_VERIFY,
} CsDeidentifyError;

/**
 * CsDeidentifyReport:
 * @vendor: OpenSlide's vendor of the input ("aperio", "generic-tiff")
 * @removed_images: (element-type utf8): the directories dropped, e.g.
 *   "label 387x463"
 * @removed_fields: (element-type utf8): ImageDescription fields removed,
 *   as "Key = value"
 * @removed_tags: (element-type utf8): TIFF tags removed, as "Tag = value"
 * @removed_values: (element-type utf8): every removed value, searched for
 *   in the output's bytes
 * @n_levels: pyramid levels copied
 * @n_regions_compared: regions whose pixels were compared
 * @n_levels_unreliable: levels whose pixels were not compared because
 *   OpenSlide 3.4.1 reads them differently on every open (tiles wider or
 *   taller than the level, see tests/cs-test-slide.h); their tiles are
 *   still copied byte for byte
 */
typedef struct
{
  char      *vendor;
  GPtrArray *removed_images;
  GPtrArray *removed_fields;
  GPtrArray *removed_tags;
  GPtrArray *removed_values;
  guint      n_levels;
  guint      n_regions_compared;
  guint      n_levels_unreliable;
} CsDeidentifyReport;

GQuark              cs_deidentify_error_quark  (void);
CsDeidentifyReport *cs_deidentify_report_new   (void);
void                cs_deidentify_report_free  (CsDeidentifyReport *report);
gboolean            cs_deidentify_slide        (const char          *in,
                                                const char          *out,
                                                CsDeidentifyReport **report,
                                                GCancellable        *cancellable,
                                                GError             **error);
gboolean            cs_deidentify_verify       (const char          *in,
                                                const char          *out,
                                                CsDeidentifyReport  *report,
                                                GCancellable        *cancellable,
                                                GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDeidentifyReport, cs_deidentify_report_free)

G_END_DECLS
