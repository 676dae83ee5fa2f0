/* cs-dicom-pdf.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-dicom-writer"

#include "config.h"

#include "cs-dicom-writer.h"

#include <glib/gi18n.h>

/* The Encapsulated PDF IOD (PS3.3 §A.45.1): Patient, General Study,
 * Encapsulated Document Series, General Equipment, SC Equipment,
 * Encapsulated Document and SOP Common modules.
 *
 * The consultant who signed the opinion is written as the Verifying
 * Observer (Verifying Observer Sequence, with Verification Flag VERIFIED):
 * the PDF is a signed, final document, and a verifying observer is DICOM's
 * name for the person who attests a document's content, with the time of
 * the attestation and the organisation answering for it. Content Creator's
 * Name belongs to presentation states and segmentations and names whoever
 * made an object, not who vouches for it. The content hash travels in the
 * Document Title (shown by every archive viewer) and, with the report id
 * and revision, in a private block (creator "Consilium") for software. */

typedef struct
{
  guint32     tag;
  const char *vr;
  const char *name;
  const char *value;
} StringAttribute;

static void
item_free (gpointer data)
{
  cs_dicom_dataset_free (data);
}

static gboolean
add_strings (CsDicomDataset         *dataset,
             const StringAttribute  *attributes,
             guint                   n_attributes,
             GError                **error)
{
  for (guint i = 0; i < n_attributes; i++)
    if (!cs_dicom_dataset_add_string (dataset, attributes[i].tag, attributes[i].vr,
                                      attributes[i].name, attributes[i].value, error))
      return FALSE;
  return TRUE;
}

static gboolean
require (const char  *value,
         const char  *name,
         GError     **error)
{
  if (value != NULL && *value != '\0')
    return TRUE;
  g_set_error (error, CS_DICOM_WRITER_ERROR, CS_DICOM_WRITER_ERROR_MISSING,
               _("Cannot write the Encapsulated PDF: its %s is missing"), name);
  return FALSE;
}

static gboolean
add_patient_study (CsDicomDataset                *dataset,
                   const CsDicomEncapsulatedPdf  *doc,
                   GError                       **error)
{
  const StringAttribute attributes[] = {
    { CS_DICOM_TAG (0x0008, 0x0020), "DA", "StudyDate", doc->study_date },
    { CS_DICOM_TAG (0x0008, 0x0030), "TM", "StudyTime", doc->study_time },
    { CS_DICOM_TAG (0x0008, 0x0050), "SH", "AccessionNumber", doc->accession },
    { CS_DICOM_TAG (0x0008, 0x0090), "PN", "ReferringPhysicianName", doc->referring_physician },
    { CS_DICOM_TAG (0x0008, 0x1030), "LO", "StudyDescription", doc->study_description },
    { CS_DICOM_TAG (0x0010, 0x0010), "PN", "PatientName", doc->patient_name },
    { CS_DICOM_TAG (0x0010, 0x0020), "LO", "PatientID", doc->patient_id },
    { CS_DICOM_TAG (0x0010, 0x0030), "DA", "PatientBirthDate", doc->patient_birth_date },
    { CS_DICOM_TAG (0x0010, 0x0040), "CS", "PatientSex", doc->patient_sex },
    { CS_DICOM_TAG (0x0020, 0x000d), "UI", "StudyInstanceUID", doc->study_uid },
    { CS_DICOM_TAG (0x0020, 0x0010), "SH", "StudyID", doc->study_id },
  };

  if (!require (doc->study_uid, "StudyInstanceUID", error) ||
      !add_strings (dataset, attributes, G_N_ELEMENTS (attributes), error))
    return FALSE;
  if (doc->issuer_of_patient_id != NULL && *doc->issuer_of_patient_id != '\0')
    return cs_dicom_dataset_add_string (dataset, CS_DICOM_TAG (0x0010, 0x0021), "LO",
                                        "IssuerOfPatientID", doc->issuer_of_patient_id, error);
  return TRUE;
}

static gboolean
add_series_equipment (CsDicomDataset                *dataset,
                      const CsDicomEncapsulatedPdf  *doc,
                      GError                       **error)
{
  g_autofree char *series_number = g_strdup_printf ("%u", doc->series_number);
  const StringAttribute attributes[] = {
    { CS_DICOM_TAG (0x0008, 0x0060), "CS", "Modality", "DOC" },
    { CS_DICOM_TAG (0x0008, 0x0064), "CS", "ConversionType", "WSD" },
    { CS_DICOM_TAG (0x0008, 0x0070), "LO", "Manufacturer", doc->manufacturer },
    { CS_DICOM_TAG (0x0008, 0x0080), "LO", "InstitutionName", doc->institution },
    { CS_DICOM_TAG (0x0008, 0x103e), "LO", "SeriesDescription", doc->series_description },
    { CS_DICOM_TAG (0x0018, 0x1020), "LO", "SoftwareVersions", doc->software_version },
    { CS_DICOM_TAG (0x0020, 0x000e), "UI", "SeriesInstanceUID", doc->series_uid },
    { CS_DICOM_TAG (0x0020, 0x0011), "IS", "SeriesNumber", series_number },
  };

  return require (doc->series_uid, "SeriesInstanceUID", error) &&
         add_strings (dataset, attributes, G_N_ELEMENTS (attributes), error);
}

static CsDicomDataset *
make_code (const char  *value,
           const char  *scheme,
           const char  *meaning,
           GError     **error)
{
  g_autoptr(CsDicomDataset) item = cs_dicom_dataset_new ();
  const StringAttribute attributes[] = {
    { CS_DICOM_TAG (0x0008, 0x0100), "SH", "CodeValue", value },
    { CS_DICOM_TAG (0x0008, 0x0102), "SH", "CodingSchemeDesignator", scheme },
    { CS_DICOM_TAG (0x0008, 0x0104), "LO", "CodeMeaning", meaning },
  };

  if (!require (value, "CodeValue", error) ||
      !add_strings (item, attributes, G_N_ELEMENTS (attributes), error))
    return NULL;
  return g_steal_pointer (&item);
}

static gboolean
add_verifying_observer (CsDicomDataset                *dataset,
                        const CsDicomEncapsulatedPdf  *doc,
                        GError                       **error)
{
  g_autoptr(CsDicomDataset) item = cs_dicom_dataset_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (item_free);
  const StringAttribute attributes[] = {
    { CS_DICOM_TAG (0x0040, 0xa027), "LO", "VerifyingOrganization", doc->verifying_organization },
    { CS_DICOM_TAG (0x0040, 0xa030), "DT", "VerificationDateTime", doc->verification_datetime },
    { CS_DICOM_TAG (0x0040, 0xa075), "PN", "VerifyingObserverName", doc->verifying_observer },
  };

  if (!require (doc->verifying_observer, "VerifyingObserverName", error) ||
      !require (doc->verification_datetime, "VerificationDateTime", error) ||
      !add_strings (item, attributes, G_N_ELEMENTS (attributes), error))
    return FALSE;
  /* Type 2: no coded identification of the observer. */
  cs_dicom_dataset_add_sequence (item, CS_DICOM_TAG (0x0040, 0xa088),
                                 g_ptr_array_new_with_free_func (item_free));
  g_ptr_array_add (items, g_steal_pointer (&item));
  cs_dicom_dataset_add_sequence (dataset, CS_DICOM_TAG (0x0040, 0xa073),
                                 g_steal_pointer (&items));
  return cs_dicom_dataset_add_string (dataset, CS_DICOM_TAG (0x0040, 0xa493), "CS",
                                      "VerificationFlag", "VERIFIED", error);
}

static gboolean
add_source_instances (CsDicomDataset     *dataset,
                      const char *const  *pairs,
                      GError            **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (item_free);

  if (pairs == NULL || pairs[0] == NULL)
    return TRUE;
  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    {
      g_autoptr(CsDicomDataset) item = cs_dicom_dataset_new ();

      if (!cs_dicom_dataset_add_string (item, CS_DICOM_TAG (0x0008, 0x1150), "UI",
                                        "ReferencedSOPClassUID", pairs[i], error) ||
          !cs_dicom_dataset_add_string (item, CS_DICOM_TAG (0x0008, 0x1155), "UI",
                                        "ReferencedSOPInstanceUID", pairs[i + 1], error))
        return FALSE;
      g_ptr_array_add (items, g_steal_pointer (&item));
    }
  cs_dicom_dataset_add_sequence (dataset, CS_DICOM_TAG (0x0042, 0x0013), g_steal_pointer (&items));
  return TRUE;
}

static gboolean
add_private_block (CsDicomDataset                *dataset,
                   const CsDicomEncapsulatedPdf  *doc,
                   GError                       **error)
{
  g_autofree char *revision = g_strdup_printf ("%u", doc->report_revision);
  const StringAttribute attributes[] = {
    { CS_DICOM_TAG (0x0011, 0x0010), "LO", "PrivateCreator", CS_DICOM_PRIVATE_CREATOR },
    { CS_DICOM_TAG (0x0011, 0x1001), "LO", "Consilium report id", doc->report_id },
    { CS_DICOM_TAG (0x0011, 0x1002), "IS", "Consilium report revision", revision },
    { CS_DICOM_TAG (0x0011, 0x1003), "LO", "Consilium content SHA-256", doc->content_sha256 },
  };

  if (doc->report_id == NULL)
    return TRUE;
  return add_strings (dataset, attributes, G_N_ELEMENTS (attributes), error);
}

static gboolean
add_document (CsDicomDataset                *dataset,
              const CsDicomEncapsulatedPdf  *doc,
              GError                       **error)
{
  g_autofree char *instance_number = g_strdup_printf ("%u", doc->instance_number);
  g_autofree char *acquisition = g_strconcat (doc->content_date != NULL ? doc->content_date : "",
                                              doc->content_time != NULL ? doc->content_time : "",
                                              NULL);
  g_autoptr(GPtrArray) concept = g_ptr_array_new_with_free_func (item_free);
  CsDicomDataset *code;
  const StringAttribute attributes[] = {
    { CS_DICOM_TAG (0x0008, 0x0005), "CS", "SpecificCharacterSet", "ISO_IR 192" },
    { CS_DICOM_TAG (0x0008, 0x0016), "UI", "SOPClassUID", CS_DICOM_ENCAPSULATED_PDF_STORAGE },
    { CS_DICOM_TAG (0x0008, 0x0018), "UI", "SOPInstanceUID", doc->sop_instance_uid },
    { CS_DICOM_TAG (0x0008, 0x0023), "DA", "ContentDate", doc->content_date },
    { CS_DICOM_TAG (0x0008, 0x002a), "DT", "AcquisitionDateTime", acquisition },
    { CS_DICOM_TAG (0x0008, 0x0033), "TM", "ContentTime", doc->content_time },
    { CS_DICOM_TAG (0x0008, 0x0201), "SH", "TimezoneOffsetFromUTC", doc->timezone_offset },
    { CS_DICOM_TAG (0x0020, 0x0013), "IS", "InstanceNumber", instance_number },
    { CS_DICOM_TAG (0x0028, 0x0301), "CS", "BurnedInAnnotation", "YES" },
    { CS_DICOM_TAG (0x0042, 0x0010), "ST", "DocumentTitle", doc->document_title },
    { CS_DICOM_TAG (0x0042, 0x0012), "LO", "MIMETypeOfEncapsulatedDocument", "application/pdf" },
  };

  if (!require (doc->sop_instance_uid, "SOPInstanceUID", error) ||
      !add_strings (dataset, attributes, G_N_ELEMENTS (attributes), error))
    return FALSE;
  if (doc->concept_code_value != NULL)
    {
      code = make_code (doc->concept_code_value, doc->concept_coding_scheme,
                        doc->concept_code_meaning, error);
      if (code == NULL)
        return FALSE;
      g_ptr_array_add (concept, code);
    }
  cs_dicom_dataset_add_sequence (dataset, CS_DICOM_TAG (0x0040, 0xa043),
                                 g_steal_pointer (&concept));
  if (doc->pdf == NULL || g_bytes_get_size (doc->pdf) == 0)
    return require (NULL, "EncapsulatedDocument", error);
  /* The length without the padding byte, for readers that hand the PDF on. */
  cs_dicom_dataset_add_ul (dataset, CS_DICOM_TAG (0x0042, 0x0015),
                           (guint32) g_bytes_get_size (doc->pdf));
  return cs_dicom_dataset_add_bytes (dataset, CS_DICOM_TAG (0x0042, 0x0011), doc->pdf, error);
}

/**
 * cs_dicom_write_encapsulated_pdf:
 *
 * Returns: (transfer full): the Part 10 file, or %NULL with @error set
 *   naming the attribute that could not be written
 */
GBytes *
cs_dicom_write_encapsulated_pdf (const CsDicomEncapsulatedPdf *doc,
                                 GError                      **error)
{
  g_autoptr(CsDicomDataset) dataset = cs_dicom_dataset_new ();

  if (!add_patient_study (dataset, doc, error) ||
      !add_series_equipment (dataset, doc, error) ||
      !add_document (dataset, doc, error) ||
      !add_verifying_observer (dataset, doc, error) ||
      !add_source_instances (dataset, doc->source_instances, error) ||
      !add_private_block (dataset, doc, error))
    return NULL;
  return cs_dicom_write_part10 (dataset, CS_DICOM_ENCAPSULATED_PDF_STORAGE,
                                doc->sop_instance_uid, error);
}
