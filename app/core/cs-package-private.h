/* cs-package-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-package.h"

G_BEGIN_DECLS

#define CS_PACKAGE_MANIFEST_NAME "manifest.json"
#define CS_PACKAGE_CASE_NAME     "case.json"
/* The longest file name of a slide entry, in bytes. */
#define CS_PACKAGE_MAX_FILE_NAME 255

/**
 * CsPackageEntryKind:
 * @CS_PACKAGE_ENTRY_MANIFEST: "manifest.json"
 * @CS_PACKAGE_ENTRY_CASE: "case.json"
 * @CS_PACKAGE_ENTRY_REPORT: "reports/<n>.json"
 * @CS_PACKAGE_ENTRY_REVISION: "reports/<n>.r<rev>.json"
 * @CS_PACKAGE_ENTRY_PDF: "reports/<n>.pdf"
 * @CS_PACKAGE_ENTRY_ANNOTATIONS: "annotations/<s>-<a>.geojson"
 * @CS_PACKAGE_ENTRY_SLIDE: "slides/<s>/<file name>"
 * @CS_PACKAGE_ENTRY_VIEWS: "views/<s>.json"
 *
 * <n>: a report's key (_cs_package_report_key: a lower-case UUID or 64
 * lower-case hex digits); <rev>: a positive decimal revision, no leading
 * zero; <s>: a slide's key (_cs_package_slide_key: a lower-case UUID);
 * <a>: an author's number in the package (1 to 6 decimal digits, no
 * leading zero; never the author's name); <file name>: a plain file name
 * (valid UTF-8, no "/", "\\", control characters, not "." or "..", at
 * most CS_PACKAGE_MAX_FILE_NAME bytes).
 */
typedef enum
{
  CS_PACKAGE_ENTRY_MANIFEST,
  CS_PACKAGE_ENTRY_CASE,
  CS_PACKAGE_ENTRY_REPORT,
  CS_PACKAGE_ENTRY_REVISION,
  CS_PACKAGE_ENTRY_PDF,
  CS_PACKAGE_ENTRY_ANNOTATIONS,
  CS_PACKAGE_ENTRY_SLIDE,
  CS_PACKAGE_ENTRY_VIEWS,
} CsPackageEntryKind;

/**
 * CsPackageEntryName:
 * @kind: which of the forms
 * @key: <n> or <s>, else NULL
 * @revision: <rev> of a revision, else 0
 * @author: <a> of an annotations entry, else 0
 * @file_name: the file name of a slide entry, else NULL
 */
typedef struct
{
  CsPackageEntryKind kind;
  char              *key;
  gint64             revision;
  guint              author;
  char              *file_name;
} CsPackageEntryName;

void     _cs_package_entry_name_clear (CsPackageEntryName *name);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsPackageEntryName, _cs_package_entry_name_clear)

/* Splits an archive entry's name into its parts. A name that could reach
 * outside a folder it is extracted into (empty, absolute, a "." or ".."
 * component, a backslash, a control character, invalid UTF-8) is
 * CS_PACKAGE_ERROR_UNSAFE; any other name not of the forms above is
 * CS_PACKAGE_ERROR_INVALID. The message quotes the name (escaped), not the
 * package. @parsed (nullable) receives the parts. */
gboolean _cs_package_parse_entry_name (const char         *path,
                                       CsPackageEntryName *parsed,
                                       GError            **error);
/* The same check, for the reader: TRUE when @path is one of the forms
 * (manifest.json included). */
gboolean _cs_package_check_entry_name (const char         *path,
                                       GError            **error);
/* A plain file name, as in slides/<s>/<file name>. */
gboolean _cs_package_check_file_name  (const char         *file_name,
                                       GError            **error);

/* <n> of a report id: the lower-case UUID of "urn:uuid:<uuid>", else the
 * SHA-256 of the id (as the case store names its files). */
char    *_cs_package_report_key       (const char         *report_id);
/* <s> of a slide UUID ("urn:uuid:<uuid>"): the lower-case UUID, or NULL
 * when @uuid is not of that form. */
char    *_cs_package_slide_key        (const char         *uuid);
/* TRUE for 64 lower-case hexadecimal digits. */
gboolean _cs_package_is_sha256        (const char         *text);

/* Free functions for the manifest's arrays. */
void              _cs_package_file_free        (gpointer data);
void              _cs_package_slide_free       (gpointer data);
void              _cs_package_annotations_free (gpointer data);
void              _cs_package_views_free       (gpointer data);
CsPackageOpinion *_cs_package_opinion_new      (void);
void              _cs_package_opinion_free     (gpointer data);

/* Streaming SHA-256 of a file: cs_sha256_file() in cs-utils.h. */

G_END_DECLS
