/* cs-annotation-io.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-annotation.h"
#include "cs-annotation-list.h"

G_BEGIN_DECLS

#define CS_ANNOTATION_ERROR (cs_annotation_error_quark ())

typedef enum
{
  CS_ANNOTATION_ERROR_UNKNOWN_FORMAT,  /* not a format we read */
  CS_ANNOTATION_ERROR_PARSE,           /* malformed: message names line/element */
  CS_ANNOTATION_ERROR_INVALID,         /* well-formed, but values make no sense */
  CS_ANNOTATION_ERROR_TOO_LARGE,       /* beyond a safety limit */
} CsAnnotationError;

GQuark cs_annotation_error_quark (void);

typedef enum
{
  CS_ANNOTATION_FORMAT_UNKNOWN,
  CS_ANNOTATION_FORMAT_GEOJSON,
  CS_ANNOTATION_FORMAT_ASAP,
  CS_ANNOTATION_FORMAT_IMAGESCOPE,
  CS_ANNOTATION_FORMAT_DSA,
} CsAnnotationFormat;

const char         *cs_annotation_format_to_string   (CsAnnotationFormat format);
gboolean            cs_annotation_format_from_string (const char         *str,
                                                      CsAnnotationFormat *format);
const char         *cs_annotation_format_get_label   (CsAnnotationFormat format);
const char         *cs_annotation_format_get_suffix  (CsAnnotationFormat format);
gboolean            cs_annotation_format_can_export  (CsAnnotationFormat format);

/* From the content's first bytes, never from a file name. */
CsAnnotationFormat  cs_annotation_format_detect      (const char         *head,
                                                      gsize               len);

/**
 * CsAnnotationImport:
 * @annotations: CsAnnotation, owned, not frozen, in file order
 * @class_colors: class name -> GUINT_TO_POINTER (0xRRGGBB), as the file
 *   declares them
 * @warnings: translated messages (char *) about what was not kept exactly
 *   ("Spline imported as a polygon"): one line per kind of problem, with
 *   how often it happened, at most 20 and a last "…and N more problems"
 * @microns_per_pixel: what the file declares (ImageScope), or 0
 *
 * All or nothing: on error there is no result. Made only by
 * cs_annotation_import_new() (it holds more than these fields).
 */
typedef struct
{
  CsAnnotationFormat  format;
  GPtrArray          *annotations;
  GHashTable         *class_colors;
  GPtrArray          *warnings;
  double              microns_per_pixel;
} CsAnnotationImport;

CsAnnotationImport *cs_annotation_import_new         (CsAnnotationFormat  format);
void                cs_annotation_import_free        (CsAnnotationImport *self);
void                cs_annotation_import_warn        (CsAnnotationImport *self,
                                                      const char         *format,
                                                      ...) G_GNUC_PRINTF (2, 3);
/* Before the annotations are added to @list: those whose id @list holds
 * already (a file exported from this slide, imported back), or that an
 * earlier one of the import took, get a fresh id, and a
 * "consilium.parentId" naming a renamed parent follows it. The
 * annotations must not be frozen yet. Returns how many were renamed. */
guint               cs_annotation_import_prepare_for (CsAnnotationImport *self,
                                                      CsAnnotationList   *list);
/* The bounds of all imported geometry, level-0 pixels; FALSE when empty. */
gboolean            cs_annotation_import_get_bounds  (CsAnnotationImport *self,
                                                      CsRect             *bounds);
/* TRUE when the annotations reach beyond a slide of @width x @height by
 * more than a pixel: the file was likely made for another slide. */
gboolean            cs_annotation_import_exceeds     (CsAnnotationImport *self,
                                                      gint64              width,
                                                      gint64              height);

/* Detects the format and reads the whole file; errors name the file. Each
 * imported annotation records "consilium.source" = "<format>:<basename>". */
CsAnnotationImport *cs_annotation_import_file        (const char         *path,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
CsAnnotationImport *cs_annotation_import_bytes       (GBytes             *bytes,
                                                      const char         *name,
                                                      GError            **error);

/**
 * CsAnnotationExport:
 * @slide_sha256: slide identity for the native header, or NULL
 * @slide_width, @slide_height: level-0 size, 0 if unknown
 * @microns_per_pixel: for ImageScope's header, 0 if unknown
 * @class_colors: class name -> GUINT_TO_POINTER (0xRRGGBB), or NULL
 * @slide_uuid: the slide's UUID ("urn:uuid:…") for the native header, or
 *   NULL
 */
typedef struct
{
  const char *slide_sha256;
  gint64      slide_width;
  gint64      slide_height;
  double      microns_per_pixel;
  GHashTable *class_colors;
  const char *slide_uuid;
} CsAnnotationExport;

/* Writes atomically (temporary file, fsync, rename). Temporary annotations
 * are skipped. */
gboolean            cs_annotation_export_file        (GPtrArray                *annotations,
                                                      CsAnnotationFormat        format,
                                                      const CsAnnotationExport *context,
                                                      const char               *path,
                                                      GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsAnnotationImport, cs_annotation_import_free)

G_END_DECLS
