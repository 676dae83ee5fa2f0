/* cs-library-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-library.h"

G_BEGIN_DECLS

/* What a scan learnt of one slide, made in the worker and applied to its
 * item in the main thread. */
typedef struct
{
  CsLibraryItemState   state;
  char                *vendor;
  char                *identity;
  gint64               width;
  gint64               height;
  double               objective_power;
  guint                n_annotations;
  guint                n_opinions;
  char                *stain;
  char                *organ;
  char               **tags;
  char                *case_text;
  char                *thumbnail_path;
  gboolean             color_profile;   /* the slide embeds one */
  char                *error;
} CsLibraryItemData;

void           _cs_library_item_data_free (CsLibraryItemData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsLibraryItemData, _cs_library_item_data_free)

CsLibraryItem *_cs_library_item_new       (const char        *folder,
                                           const char        *path);
/* Takes @data's members; emits "changed". */
void           _cs_library_item_apply     (CsLibraryItem     *self,
                                           CsLibraryItemData *data);

typedef struct
{
  char          **folders;
  char           *annotation_dir;
  char           *case_dir;
  char           *cache_dir;
  gboolean        apply_color;
  CsLibraryTags  *tags;
  CsLibrary      *library;
  GMainContext   *context;     /* NULL: a blocking scan */
  GHashTable     *known;       /* path → the CsLibraryItem shown now */
} CsLibraryScanJob;

CsLibraryScanJob *_cs_library_scan_job_new  (CsLibrary        *self);
void              _cs_library_scan_job_free (CsLibraryScanJob *job);
void              _cs_library_set_found     (CsLibrary        *self,
                                             GPtrArray        *found,
                                             GPtrArray        *problems);

/* Replaces the tags of @self; emits "changed". */
void           _cs_library_item_set_tags  (CsLibraryItem      *self,
                                           const char         *stain,
                                           const char         *organ,
                                           const char * const *tags);

/* cs-library-read.c: where the thumbnail of a slide goes, as the job's
 * colour preference and whether the slide has a profile say. */
char          *_cs_library_thumbnail_path (CsLibraryScanJob *job,
                                           const char       *identity,
                                           gboolean          color_profile);

#define CS_LIBRARY_N_READERS 2

/* One slide read: its data (not counted or tagged), or why it failed. */
typedef struct
{
  CsLibraryItem     *item;
  CsLibraryItemData *data;       /* NULL on error */
  GError            *error;
} CsLibraryReading;

typedef struct _CsLibraryReaders CsLibraryReaders;

CsLibraryReaders *_cs_library_readers_new  (CsLibraryScanJob *job,
                                            GCancellable     *cancellable);
void              _cs_library_readers_push (CsLibraryReaders *self,
                                            CsLibraryItem    *item);
CsLibraryReading *_cs_library_readers_pop  (CsLibraryReaders *self);
void              _cs_library_readers_free (CsLibraryReaders *self);
void              _cs_library_reading_free (CsLibraryReading *reading);

/* How many slides library scans have opened in this process (a slide not
 * opened has none of its pixels read): tests of the cache. */
guint          _cs_library_get_n_slides_opened (void);

G_END_DECLS
