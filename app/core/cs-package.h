/* cs-package.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-annotation-list.h"
#include "cs-case.h"

G_BEGIN_DECLS

/* A consult package: one zip file (".consilium", written and read with
 * libarchive, optionally AES-256 encrypted with a passphrase that is never
 * stored) carrying a case between two institutions without a shared
 * server. Its entries, whose names never hold patient data:
 *
 *   manifest.json                  CsPackageManifest, always first
 *   case.json                      the case (cs_case_to_data)
 *   reports/<n>.json               each opinion, as stored
 *   reports/<n>.r<rev>.json        each earlier signed revision
 *   reports/<n>.pdf                the PDF of a signed opinion
 *   annotations/<s>-<a>.geojson    slide s's annotations by author a
 *                                  (Consilium GeoJSON, FORMATS.md §7)
 *   views/<s>.json                 slide s's saved views and tours
 *                                  (cs-saved-views-store.h), when it has any
 *   slides/<s>/<file name>         a slide file, when the sender includes it
 *
 * <n> is the report id's UUID (lower case) for a "urn:uuid:" id, else the
 * SHA-256 of the id; <s> the slide's UUID without "urn:uuid:" (lower
 * case); <a> the author's number among the slide's authors (1, 2, …,
 * never the name); <rev> a revision number. The file name of a
 * de-identified copy is "<slide_id>.<extension>" (else "<s>.<extension>"),
 * never the original's, which often holds an accession number. Slides are
 * stored as they are, the other entries deflated; manifest.json is the
 * first entry, the case, reports, annotations and slides follow in the
 * order cs_package_manifest_list_files() gives.
 *
 * Every entry is listed in the manifest with its size and SHA-256; an
 * entry not listed, or differing from its listing, makes the package
 * invalid (an opinion's own content hash is checked as well: a final
 * opinion that does not match is "tampered" and not trusted).
 */

#define CS_PACKAGE_EXTENSION  ".consilium"
#define CS_PACKAGE_MEDIA_TYPE "application/vnd.consilium.package+zip"
#define CS_PACKAGE_FORMAT     "io.github.consilium.package"
#define CS_PACKAGE_VERSION    1

#define CS_PACKAGE_ERROR (cs_package_error_quark ())

/**
 * CsPackageError:
 * @CS_PACKAGE_ERROR_INVALID: not a package, or a malformed or inconsistent
 *   manifest (the message names the file and what is wrong)
 * @CS_PACKAGE_ERROR_VERSION: a format version this build cannot read
 * @CS_PACKAGE_ERROR_UNSAFE: an entry whose path escapes the package
 *   ("../", absolute), a link, a device or another non-regular entry, or
 *   a package mixing encrypted and plain entries
 * @CS_PACKAGE_ERROR_TOO_LARGE: an entry larger than declared, an entry
 *   declaring more than its kind allows (case and opinions 16 MiB, PDFs
 *   256 MiB, annotations 2 GiB), or a total expanded size above the limit
 * @CS_PACKAGE_ERROR_TRUNCATED: the archive ends early or is damaged
 * @CS_PACKAGE_ERROR_PASSPHRASE: encrypted and no passphrase given
 * @CS_PACKAGE_ERROR_WRONG_PASSPHRASE: the passphrase does not open it
 * @CS_PACKAGE_ERROR_MISMATCH: an entry whose SHA-256 differs from the
 *   manifest
 * @CS_PACKAGE_ERROR_BUSY: an annotation store it would merge into is held
 *   by another process (another Consilium window)
 */
typedef enum
{
  CS_PACKAGE_ERROR_INVALID,
  CS_PACKAGE_ERROR_VERSION,
  CS_PACKAGE_ERROR_UNSAFE,
  CS_PACKAGE_ERROR_TOO_LARGE,
  CS_PACKAGE_ERROR_TRUNCATED,
  CS_PACKAGE_ERROR_PASSPHRASE,
  CS_PACKAGE_ERROR_WRONG_PASSPHRASE,
  CS_PACKAGE_ERROR_MISMATCH,
  CS_PACKAGE_ERROR_BUSY,
} CsPackageError;

GQuark cs_package_error_quark (void);

/**
 * CsPackageFile:
 * @path: the entry's name in the archive
 * @size: its size in bytes
 * @sha256: its SHA-256, lower-case hex
 */
typedef struct
{
  char   *path;
  guint64 size;
  char   *sha256;
} CsPackageFile;

/**
 * CsPackageSlide:
 * @uuid: the case's slide UUID ("urn:uuid:…"), kept across
 *   de-identification
 * @sha256: the identity of the slide as the receiver will have it: of the
 *   included file, else of the sender's file
 * @file_name: the file name (never a path)
 * @size: the slide file's size in bytes (finding it by identity compares
 *   sizes before hashing); 0 when unknown (sent by identity by a sender
 *   who did not have the file at hand)
 * @deidentified: the included file is a de-identified copy
 * @file: (nullable): the included file, NULL when the slide is referenced
 *   by identity only
 */
typedef struct
{
  char          *uuid;
  char          *sha256;
  char          *file_name;
  guint64        size;
  gboolean       deidentified;
  CsPackageFile *file;
} CsPackageSlide;

/**
 * CsPackageAnnotations:
 * @slide_uuid: which slide (CsPackageSlide.uuid)
 * @author: the author of every annotation in the file, "" when unknown
 * @count: how many annotations
 * @file: the GeoJSON entry
 */
typedef struct
{
  char          *slide_uuid;
  char          *author;
  guint          count;
  CsPackageFile *file;
} CsPackageAnnotations;

/**
 * CsPackageViews:
 * @slide_uuid: which slide (CsPackageSlide.uuid)
 * @file: the JSON entry (cs_saved_views_to_json)
 */
typedef struct
{
  char          *slide_uuid;
  CsPackageFile *file;
} CsPackageViews;

/**
 * CsPackageOpinion:
 * @id: the report id
 * @revision: its revision
 * @status: its status as in the schema ("draft", "final", …)
 * @consultant: who wrote it
 * @content_sha256: (nullable): the signed content hash, for signed opinions
 * @file: the current document
 * @revisions: (element-type CsPackageFile): earlier signed revisions
 * @pdf: (nullable): the PDF of a signed opinion
 */
typedef struct
{
  char          *id;
  gint64         revision;
  char          *status;
  char          *consultant;
  char          *content_sha256;
  CsPackageFile *file;
  GPtrArray     *revisions;
  CsPackageFile *pdf;
} CsPackageOpinion;

/**
 * CsPackageManifest:
 * @version: CS_PACKAGE_VERSION when written by this build
 * @created: UTC ISO 8601
 * @generator: "Consilium <version>"
 * @sender_name, @sender_institution: who sent it (may be "")
 * @message: (nullable): a note from the sender
 * @case_id: the case's id
 * @case_title: its display title (cs_case_dup_title)
 * @case_file: case.json
 * @slides: (element-type CsPackageSlide)
 * @annotations: (element-type CsPackageAnnotations)
 * @opinions: (element-type CsPackageOpinion)
 * @views: (element-type CsPackageViews): saved views and tours; the
 *   manifest's "views" member, written only when there are some (older
 *   builds read a package without them)
 */
typedef struct
{
  gint64         version;
  char          *created;
  char          *generator;
  char          *sender_name;
  char          *sender_institution;
  char          *message;
  char          *case_id;
  char          *case_title;
  CsPackageFile *case_file;
  GPtrArray     *slides;
  GPtrArray     *annotations;
  GPtrArray     *opinions;
  GPtrArray     *views;
} CsPackageManifest;

CsPackageManifest *cs_package_manifest_new        (void);
void               cs_package_manifest_free       (CsPackageManifest *manifest);
/* Strict: unknown format or version, a missing or mistyped member, an
 * entry path that is not one of the names above, or two listings of one
 * path are errors naming @name (the package file) and the member. A path
 * that could escape a folder ("..", absolute, a backslash, a control
 * character) is CS_PACKAGE_ERROR_UNSAFE, a format version this build does
 * not read CS_PACKAGE_ERROR_VERSION, anything else
 * CS_PACKAGE_ERROR_INVALID. Members this version does not know are
 * ignored. */
CsPackageManifest *cs_package_manifest_parse      (const char        *data,
                                                   gsize              len,
                                                   const char        *name,
                                                   GError           **error);
char              *cs_package_manifest_to_data    (CsPackageManifest *manifest,
                                                   gsize             *len);
/* Every entry the manifest lists (CsPackageFile, borrowed), the case file
 * first. */
GPtrArray         *cs_package_manifest_list_files (CsPackageManifest *manifest);
/* The sum of the listed sizes. */
guint64            cs_package_manifest_get_total_size (CsPackageManifest *manifest);

CsPackageFile     *cs_package_file_new            (const char        *path,
                                                   guint64            size,
                                                   const char        *sha256);
void               cs_package_file_free           (CsPackageFile     *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsPackageManifest, cs_package_manifest_free)

/**
 * CsPackageSlideMode:
 * @CS_PACKAGE_SLIDES_NONE: slides referenced by identity only
 * @CS_PACKAGE_SLIDES_DEIDENTIFIED: de-identified copies (cs-deidentify);
 *   a slide that cannot be de-identified safely stops the export
 * @CS_PACKAGE_SLIDES_ORIGINAL: the files as they are
 */
typedef enum
{
  CS_PACKAGE_SLIDES_NONE,
  CS_PACKAGE_SLIDES_DEIDENTIFIED,
  CS_PACKAGE_SLIDES_ORIGINAL,
} CsPackageSlideMode;

/* Returns the live annotation list of the slide of @sha256 when the caller
 * has it open (the window's session), else NULL: the import then merges
 * into the slide's annotation store on disk. */
typedef CsAnnotationList *(*CsPackageListFunc) (const char *sha256,
                                                gpointer    user_data);

/**
 * CsPackageCreateOptions:
 * @kase: the case to send
 * @annotation_directory: where the annotation stores are
 *   (cs_annotation_store_default_directory()); they are read from disk, so
 *   a window flushes its open slides' annotations first
 * @slide_paths: (element-type utf8 utf8) (nullable): SHA-256 → path of
 *   the slide files the sender has; needed to include slides and to draw
 *   the figures of the PDFs
 * @slide_mode: whether and how slide files travel
 * @sender_name, @sender_institution, @message: (nullable)
 * @passphrase: (nullable): encrypts every entry with AES-256 (NULL or
 *   "": not encrypted)
 */
typedef struct
{
  CsCase             *kase;
  const char         *annotation_directory;
  GHashTable         *slide_paths;
  CsPackageSlideMode  slide_mode;
  const char         *sender_name;
  const char         *sender_institution;
  const char         *message;
  const char         *passphrase;
} CsPackageCreateOptions;

/* Writes the package to @path atomically (a temporary file beside it,
 * renamed when complete and verified by reading it back). With
 * CS_PACKAGE_SLIDES_DEIDENTIFIED, @deidentified (nullable) receives one
 * CsDeidentifyReport per slide, for the window's before/after summary
 * (NULL in the other modes). A slide to include whose file is not in
 * @slide_paths, a multi-file slide (MIRAX, VMS) to include, or a slide
 * that cannot be de-identified stops it with an error naming the slide.
 * Annotations are read from the stores without their lock
 * (cs_annotation_store_read), so an open window is not disturbed.
 * Runs in a worker thread; @cancellable stops it and removes the file. */
gboolean cs_package_create  (const CsPackageCreateOptions *options,
                             const char                   *path,
                             GPtrArray                   **deidentified,
                             GCancellable                 *cancellable,
                             GError                      **error);

/* Reads and checks a package without changing anything: the manifest, and
 * (with @verify) every entry against it, with the same safety rules as
 * import. */
CsPackageManifest *cs_package_inspect (const char   *path,
                                       const char   *passphrase,
                                       gboolean      verify,
                                       GCancellable *cancellable,
                                       GError      **error);

/* inspect with @verify, also reading the opinions: each CsReport, its
 * signed revisions added and cs_report_get_tampered() set as import would
 * (trust shown before importing). Slide files are hashed, not written. */
GPtrArray         *cs_package_inspect_opinions (const char   *path,
                                                const char   *passphrase,
                                                GCancellable *cancellable,
                                                GError      **error);

/**
 * CsPackageImportOptions:
 * @cases: the receiver's cases (merged into, then flushed)
 * @annotation_directory: the receiver's annotation stores
 * @list_func, @list_data: (nullable): live lists, see CsPackageListFunc
 * @slide_directory: (nullable): where slide files in the package are
 *   stored (a folder per case below it); required when the package holds
 *   slides
 * @search_folders: (nullable) (array zero-terminated=1): folders searched
 *   (with their subfolders, a few levels deep) for slides the package
 *   references by identity only
 * @passphrase: (nullable)
 * @max_expanded_size: refuse packages whose listed or actual expanded size
 *   exceeds this (0: CS_PACKAGE_DEFAULT_MAX_SIZE)
 * @receiver_author: (nullable): the receiver's annotation author (the
 *   "annotation-author" setting): an annotation of theirs is never
 *   updated nor replaced by a package
 *
 * The options and what they point to stay valid until commit.
 */
typedef struct
{
  CsCaseStore        *cases;
  const char         *annotation_directory;
  CsPackageListFunc   list_func;
  gpointer            list_data;
  const char         *slide_directory;
  const char * const *search_folders;
  const char         *passphrase;
  guint64             max_expanded_size;
  const char         *receiver_author;
} CsPackageImportOptions;

#define CS_PACKAGE_DEFAULT_MAX_SIZE (G_GUINT64_CONSTANT (512) << 30)

/**
 * CsPackageSlideResult:
 * @uuid, @sha256, @file_name: as in the manifest
 * @path: (nullable): where the slide is now: stored from the package, or
 *   found by identity; NULL when not found
 * @stored: @path was written by this import
 */
typedef struct
{
  char    *uuid;
  char    *sha256;
  char    *file_name;
  char    *path;
  gboolean stored;
} CsPackageSlideResult;

/**
 * CsPackageImportResult:
 * @case_id: the receiver's case
 * @case_created: it did not exist before
 * @opinions_added, @opinions_updated, @opinions_unchanged: counts
 * @tampered: (element-type utf8): opinions not trusted, as messages naming
 *   the opinion and its author (imported and shown as tampered, never
 *   replacing a trusted revision)
 * @annotations_added, @annotations_updated, @annotations_unchanged: counts
 * @authors: (element-type utf8): whose annotations the package held
 * @slides: (element-type CsPackageSlideResult)
 * @warnings: (element-type utf8): what the user should know (a slide not
 *   found, an annotation kept in the receiver's version)
 * @views_added, @views_kept: saved views and tours added, and those the
 *   receiver already had (kept in their version)
 */
typedef struct
{
  char      *case_id;
  gboolean   case_created;
  guint      opinions_added;
  guint      opinions_updated;
  guint      opinions_unchanged;
  GPtrArray *tampered;
  guint      annotations_added;
  guint      annotations_updated;
  guint      annotations_unchanged;
  GPtrArray *authors;
  GPtrArray *slides;
  GPtrArray *warnings;
  guint      views_added;
  guint      views_kept;
} CsPackageImportResult;

void cs_package_import_result_free (CsPackageImportResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsPackageImportResult, cs_package_import_result_free)

typedef struct _CsPackageImport CsPackageImport;

/* The first half of an import, in any thread: everything is extracted into
 * a temporary folder (inside @options->slide_directory for slide files, so
 * that they are later renamed into place) and checked: safety rules,
 * sizes, hashes, the manifest, every document parsed, the slides found by
 * identity. Nothing of the receiver's changes. */
CsPackageImport         *cs_package_import_prepare      (const CsPackageImportOptions *options,
                                                         const char                   *path,
                                                         GCancellable                 *cancellable,
                                                         GError                      **error);
const CsPackageManifest *cs_package_import_get_manifest (CsPackageImport              *import);
/* The second half, in the thread that owns @options->cases and the live
 * lists: the stores it merges into are opened (BUSY when another process
 * holds one, before anything changes), slides moved into place, opinions
 * and annotations merged by id without duplicates, the case store
 * flushed. Importing the same package again changes nothing. */
CsPackageImportResult   *cs_package_import_commit       (CsPackageImport              *import,
                                                         GError                      **error);
/* Removes the temporary folder and whatever commit did not move. */
void                     cs_package_import_free         (CsPackageImport              *import);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsPackageImport, cs_package_import_free)

/* prepare + commit, for the command line and tests. On error nothing is
 * changed and the temporary folder is removed. */
CsPackageImportResult   *cs_package_import              (const CsPackageImportOptions *options,
                                                         const char                   *path,
                                                         GCancellable                 *cancellable,
                                                         GError                      **error);

G_END_DECLS
