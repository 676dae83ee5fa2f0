/* cs-dicom-writer.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A small DICOM Part 10 writer for the one object Consilium files into an
 * archive: an Encapsulated PDF (the signed opinion) in the slide's study.
 * Explicit VR little endian, defined lengths throughout, even-length
 * values (UI and OB padded with NUL, text with a space), the File Meta
 * Information group length; values are checked against their VR (length,
 * characters) and a bad one is refused naming the attribute. */

#define CS_DICOM_WRITER_ERROR (cs_dicom_writer_error_quark ())

typedef enum
{
  CS_DICOM_WRITER_ERROR_VALUE,   /* a value its VR does not allow: named */
  CS_DICOM_WRITER_ERROR_MISSING, /* a required value not given: named */
  CS_DICOM_WRITER_ERROR_TOO_LARGE,
} CsDicomWriterError;

GQuark cs_dicom_writer_error_quark (void);

#define CS_DICOM_TAG(group, element) \
  ((guint32) (((guint32) (group) << 16) | (guint32) (element)))

#define CS_DICOM_ENCAPSULATED_PDF_STORAGE "1.2.840.10008.5.1.4.1.1.104.1"
#define CS_DICOM_EXPLICIT_VR_LE           "1.2.840.10008.1.2.1"

/* A data set being built: elements in any order, written sorted by tag. */
typedef struct _CsDicomDataset CsDicomDataset;

CsDicomDataset *cs_dicom_dataset_new        (void);
void            cs_dicom_dataset_free       (CsDicomDataset *dataset);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDicomDataset, cs_dicom_dataset_free)

/* A string value of @vr (AE AS CS DA DS DT IS LO LT PN SH ST TM UC UI UR
 * UT); %NULL or "" writes an empty (type 2) element. @name names the
 * attribute in errors. */
gboolean        cs_dicom_dataset_add_string (CsDicomDataset *dataset,
                                             guint32         tag,
                                             const char     *vr,
                                             const char     *name,
                                             const char     *value,
                                             GError        **error);
void            cs_dicom_dataset_add_us     (CsDicomDataset *dataset,
                                             guint32         tag,
                                             guint16         value);
void            cs_dicom_dataset_add_ul     (CsDicomDataset *dataset,
                                             guint32         tag,
                                             guint32         value);
/* OB bytes (padded with NUL to even length). */
gboolean        cs_dicom_dataset_add_bytes  (CsDicomDataset *dataset,
                                             guint32         tag,
                                             GBytes         *value,
                                             GError        **error);
/* A sequence of @items (element-type CsDicomDataset, taken); an empty
 * array writes an empty (type 2) sequence. */
void            cs_dicom_dataset_add_sequence (CsDicomDataset *dataset,
                                               guint32         tag,
                                               GPtrArray      *items);
gboolean        cs_dicom_dataset_has        (CsDicomDataset *dataset,
                                             guint32         tag);
/* Explicit VR little endian encoding of the data set, sorted by tag. */
GBytes         *cs_dicom_dataset_encode     (CsDicomDataset *dataset,
                                             GError        **error);
/* The Part 10 file: preamble, "DICM", File Meta Information (with its
 * group length) for @sop_class / @sop_instance, then @dataset. */
GBytes         *cs_dicom_write_part10       (CsDicomDataset *dataset,
                                             const char     *sop_class,
                                             const char     *sop_instance,
                                             GError        **error);

/* Little-endian 16- and 32-bit values, as DICOM encodes them. */
void            cs_dicom_append_u16         (GByteArray     *out,
                                             guint16         value);
void            cs_dicom_append_u32         (GByteArray     *out,
                                             guint32         value);

/* "2.25." and a random (version 4) UUID as a decimal integer. */
char           *cs_dicom_uid_random         (void);
/* "2.25." and the name-based (version 5, SHA-1) UUID of @name in
 * Consilium's namespace: the same name always gives the same UID. */
char           *cs_dicom_uid_from_name      (const char     *name);

/**
 * CsDicomEncapsulatedPdf:
 *
 * What an Encapsulated PDF instance says. Patient and study attributes are
 * copied from the study it is filed into (type 2: %NULL writes them
 * empty); the series, instance and document attributes describe the
 * opinion. Times are local dates and times of the DICOM "DA"/"TM" form
 * with @timezone_offset ("+0000").
 */
typedef struct
{
  /* Patient */
  const char  *patient_name;
  const char  *patient_id;
  const char  *issuer_of_patient_id;
  const char  *patient_birth_date;
  const char  *patient_sex;
  /* General Study */
  const char  *study_uid;
  const char  *study_date;
  const char  *study_time;
  const char  *referring_physician;
  const char  *study_id;
  const char  *accession;
  const char  *study_description;
  /* Encapsulated Document Series, General Equipment */
  const char  *series_uid;
  guint        series_number;
  const char  *series_description;
  const char  *manufacturer;
  const char  *software_version;
  const char  *institution;
  /* SOP Common, Encapsulated Document */
  const char  *sop_instance_uid;
  guint        instance_number;
  const char  *content_date;
  const char  *content_time;
  const char  *timezone_offset;
  const char  *document_title;
  /* Concept Name Code Sequence: the kind of document */
  const char  *concept_code_value;
  const char  *concept_coding_scheme;
  const char  *concept_code_meaning;
  /* Verifying Observer Sequence: who signed it and when (DT) */
  const char  *verifying_observer;
  const char  *verifying_organization;
  const char  *verification_datetime;
  /* Source Instance Sequence: the instances whose pixels the PDF shows,
   * pairs of SOP Class UID and SOP Instance UID (%NULL-terminated) */
  const char *const *source_instances;
  /* A private block (creator "Consilium"): the report id, revision and
   * content hash, so that software finds the opinion again */
  const char  *report_id;
  guint        report_revision;
  const char  *content_sha256;
  GBytes      *pdf;
} CsDicomEncapsulatedPdf;

#define CS_DICOM_PRIVATE_CREATOR "Consilium"

GBytes *cs_dicom_write_encapsulated_pdf (const CsDicomEncapsulatedPdf *document,
                                         GError                      **error);

G_END_DECLS
