/* cs-package-import-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-io.h"
#include "cs-package.h"

G_BEGIN_DECLS

/* What prepare (cs-package-import.c) found, for commit
 * (cs-package-merge.c). */
struct _CsPackageImport
{
  CsPackageImportOptions  options;     /* borrowed, see the header */
  char                   *path;
  CsPackageManifest      *manifest;
  char                   *text_dir;    /* private temporary folder */
  char                   *slide_tmp;   /* inside slide_directory, or NULL */
  CsCase                 *kase;        /* case.json, without its opinions */
  GPtrArray              *reports;     /* CsReport, as the manifest lists them */
  GPtrArray              *annotations; /* CsAnnotationImport, one per manifest entry */
  GPtrArray              *views;       /* CsSavedViews, one per manifest entry */
  GPtrArray              *slide_paths; /* char *, one per manifest slide, nullable */
  GPtrArray              *warnings;    /* char * */
  gboolean                documents_only; /* slides hashed, not written */
  gboolean                committed;
};

void     _cs_package_import_remove_tree (const char            *path);
/* cs-package-merge-items.c: merges the case and its opinions into the
 * receiver's (*@kase, NULL when new: then set); returns whether the case
 * was created. */
gboolean _cs_package_merge_case         (CsPackageImport       *import,
                                         CsCase               **kase,
                                         CsPackageImportResult *result);
/* cs-package-merge-opinion.c: replaces @own by @incoming (same id) when
 * allowed; else adds a warning to @result saying why yours was kept. */
gboolean _cs_package_merge_opinion_into (CsCase                *kase,
                                         CsReport              *own,
                                         CsReport              *incoming,
                                         CsPackageImportResult *result);
/* Merges each slide's annotations into @lists (receiver sha256 →
 * CsAnnotationList), one undoable step per slide. */
void     _cs_package_merge_annotations  (CsPackageImport       *import,
                                         CsCase                *kase,
                                         GHashTable            *lists,
                                         CsPackageImportResult *result);

/* cs-package-merge-views.c: the receiver's saved views of each slide
 * (@sha256s: the receiver's identity for each manifest views entry) with
 * the package's added (counted in @result); NULL with @error when the
 * receiver's cannot be read. Then writes them. */
GPtrArray *_cs_package_merge_views_load (CsPackageImport       *import,
                                         GPtrArray             *sha256s,
                                         CsPackageImportResult *result,
                                         GError               **error);
gboolean   _cs_package_merge_views_save (CsPackageImport       *import,
                                         GPtrArray             *sha256s,
                                         GPtrArray             *merged,
                                         GError               **error);

/* cs-package-limits.c: room in the temporary folder for the documents
 * and beside the slide folder for the slide files, from the declared
 * sizes, before extracting (G_IO_ERROR_NO_SPACE naming the folder). */
gboolean _cs_package_import_check_room  (CsPackageImport       *import,
                                         GError               **error);

/* cs-package-find.c: the slides a package references by identity, in
 * the receiver's search folders. */
typedef struct _CsSlideFinder CsSlideFinder;

/* Walks @folders once (a few levels deep), indexing the files that could
 * be one of @manifest's slides by identity (by size, or by name when the
 * size is not given); NULL with @error when @cancellable stops it. */
CsSlideFinder *_cs_slide_finder_new  (CsPackageManifest  *manifest,
                                      const char * const *folders,
                                      GCancellable       *cancellable,
                                      GError            **error);
/* The path of a file that is @slide (same identity), or NULL. */
char          *_cs_slide_finder_find (CsSlideFinder      *finder,
                                      const CsPackageSlide *slide);
void           _cs_slide_finder_free (CsSlideFinder      *finder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsSlideFinder, _cs_slide_finder_free)

G_END_DECLS
