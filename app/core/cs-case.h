/* cs-case.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-report.h"
#include "cs-slide.h"

G_BEGIN_DECLS

/**
 * CsCaseSlide:
 * @slide_id: the label reports cite it by ("A1-HE"), unique in the case
 * @sha256: the slide's identity
 * @uuid: "urn:uuid:…", assigned when first added
 * @file_name: its file name when added (never a path)
 * @stain, @part, @block: labels, may be NULL
 */
typedef struct
{
  char *slide_id;
  char *sha256;
  char *uuid;
  char *file_name;
  char *stain;
  char *part;
  char *block;
} CsCaseSlide;

/**
 * CsCase:
 *
 * A consultation: the slides (by identity), who asks and what, and the
 * opinions (CsReport, one per consultant, a GListModel). Case-level text
 * members use the report schema's names and dotted paths:
 * "case.consult_accession", "case.referring_accession",
 * "case.patient.pseudonym", "requesting.institution",
 * "requesting.pathologist.name", "requesting.pathologist.contact",
 * "requesting.priority", "clinical_history", "question",
 * "referring_diagnosis.text". A new opinion starts with a copy of them.
 *
 * "changed" is emitted after any change, its opinions' included.
 */
#define CS_TYPE_CASE (cs_case_get_type ())

G_DECLARE_FINAL_TYPE (CsCase, cs_case, CS, CASE, GObject)

CsCase            *cs_case_new               (void);
/* case.json: the case's own members plus "slides" and the ids of its
 * "opinions" (their documents are stored apart); unknown members kept. */
CsCase            *cs_case_new_from_data     (const char   *data,
                                              gssize        len,
                                              GError      **error);
char              *cs_case_to_data           (CsCase       *self,
                                              gsize        *len);
/* Adds an opinion read from its file (the case store). */
void               cs_case_add_report        (CsCase       *self,
                                              CsReport     *report);
/* The report ids case.json lists, in order. */
GStrv              cs_case_dup_opinion_ids   (CsCase       *self);
const char        *cs_case_get_id            (CsCase       *self);
const char        *cs_case_get_text          (CsCase       *self,
                                              const char   *path);
void               cs_case_set_text          (CsCase       *self,
                                              const char   *path,
                                              const char   *value);
/* A display title: the consult accession, else the pseudonym, else the
 * first slide's file name. */
char              *cs_case_dup_title         (CsCase       *self);

guint              cs_case_get_n_slides      (CsCase       *self);
/* Slide entries stay valid until the case's next change. */
const CsCaseSlide *cs_case_get_slide         (CsCase       *self,
                                              guint         index);
const CsCaseSlide *cs_case_find_slide        (CsCase       *self,
                                              const char   *sha256);
/* Adds an open slide (its identity must be known); returns its entry, or
 * the existing one when it is in the case already. */
const CsCaseSlide *cs_case_add_slide         (CsCase       *self,
                                              CsSlide      *slide,
                                              GError      **error);
const CsCaseSlide *cs_case_find_slide_by_uuid (CsCase     *self,
                                                const char *uuid);
/* Adds a copy of @slide (from another case: a package) unless the case
 * holds its uuid or sha256 already; its label is kept unless taken.
 * Returns the case's entry. */
const CsCaseSlide *cs_case_merge_slide       (CsCase            *self,
                                              const CsCaseSlide *slide);
/* Changes the identity of the slide of @uuid (a case received with a
 * de-identified copy of it: same uuid, the copy's sha256). */
void               cs_case_set_slide_sha256  (CsCase       *self,
                                              const char   *uuid,
                                              const char   *sha256);
void               cs_case_set_slide_labels  (CsCase       *self,
                                              const char   *sha256,
                                              const char   *slide_id,
                                              const char   *stain,
                                              const char   *part,
                                              const char   *block);

/* The opinions, a GListModel of CsReport. */
GListModel        *cs_case_get_opinions      (CsCase       *self);
/* Puts @report in the place of the opinion with its id (a newer
 * revision received); FALSE when the case has no such opinion. */
gboolean           cs_case_replace_report    (CsCase       *self,
                                              CsReport     *report);
/* A new draft opinion filled from the case (and its slides as
 * materials.slides), for the consultant given. */
CsReport          *cs_case_add_opinion       (CsCase       *self,
                                              const char   *consultant,
                                              const char   *credentials,
                                              const char   *institution);

#define CS_TYPE_CASE_STORE (cs_case_store_get_type ())

G_DECLARE_FINAL_TYPE (CsCaseStore, cs_case_store, CS, CASE_STORE, GObject)

/**
 * CsCaseStore:
 *
 * Every case in @directory (normally $XDG_DATA_HOME/consilium/cases), one
 * folder per case: case.json, and reports/<report-id>.json with each
 * signed revision also as reports/<report-id>.r<N>.json (<report-id>: the
 * UUID of a urn:uuid: id, else the SHA-256 of the id). Saved by itself
 * within a second of a change, atomically (temporary file, fsync, rename);
 * a file that cannot be read is set aside and reported, never overwritten;
 * a lost current report falls back to its newest signed revision, a lost
 * case.json is rebuilt from the reports. Changes that cannot be written
 * are kept in memory, and load never replaces them.
 * A GListModel of CsCase.
 */
char              *cs_case_store_default_directory (void);
CsCaseStore       *cs_case_store_new         (const char   *directory);
/* Reads every case; errors (damaged files, tampered reports) are
 * collected, not fatal: see get_problems. */
gboolean           cs_case_store_load        (CsCaseStore  *self,
                                              GError      **error);
/* Human-readable problems found by load (char *), may be empty. */
GPtrArray         *cs_case_store_get_problems (CsCaseStore *self);
void               cs_case_store_add         (CsCaseStore  *self,
                                              CsCase       *kase);
/* The case of @case_id, or NULL. (transfer none) */
CsCase            *cs_case_store_lookup      (CsCaseStore  *self,
                                              const char   *case_id);
/* Cases that hold the slide of @sha256. */
GPtrArray         *cs_case_store_find_by_slide (CsCaseStore *self,
                                                const char  *sha256);
gboolean           cs_case_store_flush       (CsCaseStore  *self,
                                              GError      **error);
/* Why the last save failed (a full disk, a read-only folder), until one
 * succeeds; the changes are kept and written again within seconds, and
 * "save-failed" (GError *) tells each new cause. */
const GError      *cs_case_store_get_error   (CsCaseStore  *self);
/* Where the case of @case_id is stored under @directory. */
char              *cs_case_store_dup_case_folder (const char *directory,
                                                  const char *case_id);
/* One case folder read without changing any file; problems added to
 * @problems (char *). */
CsCase            *cs_case_store_read_case   (const char   *folder,
                                              GPtrArray    *problems,
                                              GError      **error);

G_END_DECLS
