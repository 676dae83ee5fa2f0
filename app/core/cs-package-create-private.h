/* cs-package-create-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-list.h"
#include "cs-package-private.h"

G_BEGIN_DECLS

/**
 * CsPackageEntry:
 * @source: the file copied into the archive: staged in the temporary
 *   folder, or a slide file of the sender's
 * @stored: written as it is (slides), else deflated
 */
typedef struct
{
  char     *source;
  gboolean  stored;
} CsPackageEntry;

/**
 * CsPackageBuilder:
 *
 * A package being made: every entry staged (or found) and listed, with its
 * size and SHA-256, before the archive is written.
 */
typedef struct
{
  const CsPackageCreateOptions *options;
  char              *name;        /* the package's file name, for messages */
  char              *staging;     /* the temporary folder beside it */
  guint              n_staged;
  GCancellable      *cancellable;
  CsPackageManifest *manifest;
  GHashTable        *entries;     /* entry name -> CsPackageEntry */
  GPtrArray         *reports;     /* CsDeidentifyReport */
  GHashTable        *lists;       /* case slide sha256 -> CsAnnotationList (saved annotations) */
} CsPackageBuilder;

/* cs-package-create.c */
const char    *_cs_package_builder_slide_path (CsPackageBuilder  *builder,
                                               const char        *sha256);
/* Lists @source as entry @path (hashing it); the CsPackageFile is owned
 * by the caller, who puts it in the manifest. */
CsPackageFile *_cs_package_builder_add_file   (CsPackageBuilder  *builder,
                                               const char        *path,
                                               const char        *source,
                                               gboolean           stored,
                                               GError           **error);
/* A new file name in the staging folder. */
char          *_cs_package_builder_stage_path (CsPackageBuilder  *builder,
                                               const char        *suffix);
CsPackageFile *_cs_package_builder_add_data   (CsPackageBuilder  *builder,
                                               const char        *path,
                                               const char        *data,
                                               gsize              len,
                                               GError           **error);

/* cs-package-create-slides.c */
gboolean _cs_package_stage_slides      (CsPackageBuilder *builder,
                                        GError          **error);
gboolean _cs_package_stage_annotations (CsPackageBuilder *builder,
                                        GError          **error);
/* case.json, with de-identified slides as the receiver will have them. */
char    *_cs_package_case_data         (CsPackageBuilder *builder,
                                        gsize            *len);

/* cs-package-create-deid.c: in the slides array at @path of @root (a
 * case's "slides", an opinion's "materials.slides"), each entry of a
 * slide sent as a de-identified copy describes the copy: its SHA-256 and
 * file name, no quickhash of the original. */
void      _cs_package_describe_copies   (CsPackageBuilder *builder,
                                         JsonObject       *root,
                                         const char       *path);
/* @report as it travels (a new reference): see the file. */
CsReport *_cs_package_report_for_export (CsPackageBuilder *builder,
                                         CsReport         *report,
                                         GError          **error);

/* cs-package-write.c: the archive at @tmp_path, read back and checked. */
gboolean _cs_package_write_archive     (CsPackageBuilder *builder,
                                        const char       *tmp_path,
                                        int               fd,
                                        GError          **error);
gboolean _cs_package_verify_archive    (CsPackageBuilder *builder,
                                        const char       *tmp_path,
                                        GError          **error);

G_END_DECLS
