/* cs-library.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The file name suffixes (lower case, no dot) of the slides and images
 * Consilium opens; a library scan finds files by them. */
const char * const *cs_slide_get_known_suffixes (void);
gboolean            cs_slide_has_known_suffix   (const char *path);

/**
 * CsLibraryItem:
 *
 * One slide found by a library scan: what a grid cell shows. An item is
 * first announced with its path and display name only (state PENDING);
 * the scan then reads the slide's metadata, its identity, the counts of
 * annotations and opinions, its tags and its thumbnail, and the item
 * emits "changed" (state READY, or FAILED with get_error() saying why).
 * Getters are for the main thread.
 */
typedef enum
{
  CS_LIBRARY_ITEM_PENDING,
  CS_LIBRARY_ITEM_READY,
  CS_LIBRARY_ITEM_FAILED,
} CsLibraryItemState;

#define CS_TYPE_LIBRARY_ITEM (cs_library_item_get_type ())

G_DECLARE_FINAL_TYPE (CsLibraryItem, cs_library_item, CS, LIBRARY_ITEM, GObject)

CsLibraryItemState  cs_library_item_get_state            (CsLibraryItem *self);
const char         *cs_library_item_get_path             (CsLibraryItem *self);
/* The folder (one of the library's) it was found under. */
const char         *cs_library_item_get_folder           (CsLibraryItem *self);
const char         *cs_library_item_get_display_name     (CsLibraryItem *self);
/* NULL until READY */
const char         *cs_library_item_get_vendor           (CsLibraryItem *self);
const char         *cs_library_item_get_identity         (CsLibraryItem *self);
/* Level-0 size in pixels; 0 × 0 until READY. */
void                cs_library_item_get_size             (CsLibraryItem *self,
                                                          gint64        *width,
                                                          gint64        *height);
/* The objective power ("20", "40"); 0 when the slide does not say. */
double              cs_library_item_get_objective_power  (CsLibraryItem *self);
guint               cs_library_item_get_n_annotations    (CsLibraryItem *self);
guint               cs_library_item_get_n_opinions       (CsLibraryItem *self);
/* Tags (see CsLibraryTags), NULL or empty when none. */
const char         *cs_library_item_get_stain            (CsLibraryItem *self);
const char         *cs_library_item_get_organ            (CsLibraryItem *self);
const char * const *cs_library_item_get_tags             (CsLibraryItem *self);
/* The text of the cases citing the slide (titles, question, clinical
 * history, referring diagnosis, opinions' diagnoses), one member a line,
 * for searching; NULL when no case cites it. */
const char         *cs_library_item_get_case_text        (CsLibraryItem *self);
/* The cached PNG thumbnail, NULL until made (or when none could be). */
const char         *cs_library_item_get_thumbnail_path   (CsLibraryItem *self);
/* Translated reason when FAILED ("not a slide: …"), else NULL. */
const char         *cs_library_item_get_error            (CsLibraryItem *self);

/**
 * CsLibraryTags:
 *
 * User tags per slide identity: a stain, an organ and free tags. Stored
 * in one JSON file, $XDG_DATA_HOME/consilium/library-tags.json, written
 * atomically (cs_write_file_atomically):
 * {"version": 1, "slides": {"<identity>": {"stain": "H&E",
 *  "organ": "Liver", "tags": ["exam", "week 3"]}}}
 * Unknown members are not kept. Thread-safe.
 */
#define CS_TYPE_LIBRARY_TAGS (cs_library_tags_get_type ())

G_DECLARE_FINAL_TYPE (CsLibraryTags, cs_library_tags, CS, LIBRARY_TAGS, GObject)

char               *cs_library_tags_default_path (void);
CsLibraryTags      *cs_library_tags_new          (const char     *path);
/* A missing file is an empty set; a damaged one an error naming it. */
gboolean            cs_library_tags_load         (CsLibraryTags  *self,
                                                  GError        **error);
gboolean            cs_library_tags_save         (CsLibraryTags  *self,
                                                  GError        **error);
/* Each (transfer full), NULL when not set. */
gboolean            cs_library_tags_lookup       (CsLibraryTags  *self,
                                                  const char     *identity,
                                                  char          **stain,
                                                  char          **organ,
                                                  char         ***tags);
/* NULL or "" clears; tags may be NULL. Does not save. */
void                cs_library_tags_set          (CsLibraryTags  *self,
                                                  const char     *identity,
                                                  const char     *stain,
                                                  const char     *organ,
                                                  const char * const *tags);

/**
 * CsLibrary:
 *
 * A set of folders scanned recursively for slides: a GListModel of
 * CsLibraryItem in the order found. cs_library_scan_async() runs in a
 * worker thread: every slide file found is added at once as a PENDING
 * item ("items-changed"), then filled in one by one (the item's
 * "changed"). Thumbnails are cached as PNG by slide identity under
 * $XDG_CACHE_HOME/consilium/library/: <identity>.icc.png with the slide's
 * colour profile applied, <identity>.raw.png without (or a slide without
 * one), see cs_library_set_apply_color_profile(); identities come from
 * cs_slide_compute_identity(), whose memo ($XDG_CACHE_HOME/consilium/
 * slide-identity.ini, keyed by path, size and mtime) spares a rehash on
 * a second visit, so a second scan reads no slide pixels.
 */
#define CS_TYPE_LIBRARY (cs_library_get_type ())

G_DECLARE_FINAL_TYPE (CsLibrary, cs_library, CS, LIBRARY, GObject)

#define CS_LIBRARY_THUMBNAIL_SIZE 256

char               *cs_library_default_cache_dir (void);

CsLibrary          *cs_library_new               (void);
void                cs_library_add_folder        (CsLibrary      *self,
                                                  const char     *folder);
gboolean            cs_library_remove_folder     (CsLibrary      *self,
                                                  const char     *folder);
const char * const *cs_library_get_folders       (CsLibrary      *self);

/* Where counts, tags and thumbnails come from: defaults are the
 * annotation store's and the case store's default directories, the
 * default tags file and cs_library_default_cache_dir(). Set before a
 * scan (tests use temporary directories). */
void                cs_library_set_annotation_dir (CsLibrary     *self,
                                                   const char    *directory);
void                cs_library_set_case_dir      (CsLibrary      *self,
                                                  const char     *directory);
void                cs_library_set_cache_dir     (CsLibrary      *self,
                                                  const char     *directory);
void                cs_library_set_tags          (CsLibrary      *self,
                                                  CsLibraryTags  *tags);
CsLibraryTags      *cs_library_get_tags          (CsLibrary      *self);

/* Replaces the items with those found now; a file found again keeps its
 * item (updated in place), and "items-changed" covers only the range
 * that differs, so a view keeps its selection. A missing folder is
 * skipped (its reason in get_problems), not fatal. */
void                cs_library_scan_async        (CsLibrary           *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean            cs_library_scan_finish       (CsLibrary           *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* The same, blocking (command line, tests); items are filled in before
 * it returns. */
gboolean            cs_library_scan              (CsLibrary           *self,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
/* Sets the tags of @item's slide (see cs_library_tags_set), saves the
 * tags file and updates @item ("changed"). FALSE, nothing changed, when
 * the item has no identity (a slide that cannot be read) or the file
 * cannot be written. */
gboolean            cs_library_set_item_tags     (CsLibrary           *self,
                                                  CsLibraryItem       *item,
                                                  const char          *stain,
                                                  const char          *organ,
                                                  const char * const  *tags,
                                                  GError             **error);
/* Whether thumbnails have the slides' colour profiles applied (TRUE by
 * default): part of a thumbnail's cache key, so that switching renders
 * them again rather than showing stale colours. Set before a scan. */
void                cs_library_set_apply_color_profile (CsLibrary     *self,
                                                        gboolean       apply);
/* Folders the last scan could not read, and a tags file that could not
 * be read (char *, translated). */
GPtrArray          *cs_library_get_problems      (CsLibrary           *self);

G_END_DECLS
