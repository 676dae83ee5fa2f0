/* cs-report-dicom.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report-dicom"

#include "config.h"

#include "cs-report-dicom.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-dicom-writer.h"

/* From a signed report and its PDF to the Encapsulated PDF filed into the
 * slide's study. The patient and study attributes are copied from the
 * slide's own instances as the archive has them (a pseudonym, in a
 * consult), never from the report, so that the document lands in the same
 * patient and study. The document is coded as LOINC 60570-9 "Pathology
 * Consult note". */

G_DEFINE_QUARK (cs-report-dicom-error-quark, cs_report_dicom_error)

#define SERIES_NUMBER 9901

gboolean
cs_report_dicom_check (CsReport  *report,
                       GError   **error)
{
  CsReportStatus status = cs_report_get_status (report);
  const char *id = cs_report_get_id (report);

  if (status != CS_REPORT_STATUS_FINAL && status != CS_REPORT_STATUS_AMENDED &&
      status != CS_REPORT_STATUS_ADDENDED)
    {
      g_set_error (error, CS_REPORT_DICOM_ERROR, CS_REPORT_DICOM_ERROR_NOT_FINAL,
                   _("The opinion %s is %s: only a final, signed opinion can be filed into "
                     "the archive"),
                   id != NULL ? id : "", cs_report_status_get_label (status));
      return FALSE;
    }
  if (cs_report_get_tampered (report))
    {
      g_set_error (error, CS_REPORT_DICOM_ERROR, CS_REPORT_DICOM_ERROR_TAMPERED,
                   _("The opinion %s was modified after signing: its content does not match "
                     "its signature, so it is not filed"),
                   id != NULL ? id : "");
      return FALSE;
    }
  return cs_report_verify (report, NULL, error);
}

char *
cs_report_dicom_title (CsReport *report)
{
  const char *accession = cs_report_get_text (report, "case.consult_accession");
  const char *hash = cs_report_get_text (report, "signature.content_sha256");

  return g_strdup_printf ("Second opinion %s sha256:%s", accession != NULL ? accession : "",
                          hash != NULL ? hash : "");
}

char *
cs_report_dicom_series_uid (CsReport   *report,
                            const char *study_uid)
{
  g_autofree char *name = g_strdup_printf ("consilium-series %s %s", cs_report_get_id (report),
                                           study_uid);

  return cs_dicom_uid_from_name (name);
}

/* DICOM JSON: the first value of @tag ("00100020") in @instance; a person
 * name as its PN string. */
static char *
json_value (JsonObject *instance,
            const char *tag)
{
  JsonNode *member = json_object_get_member (instance, tag);
  JsonObject *element;
  JsonNode *value_node;
  JsonArray *values;
  JsonNode *first;

  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return NULL;
  element = json_node_get_object (member);
  value_node = json_object_get_member (element, "Value");
  if (value_node == NULL || !JSON_NODE_HOLDS_ARRAY (value_node))
    return NULL;
  values = json_node_get_array (value_node);
  if (json_array_get_length (values) == 0)
    return NULL;
  first = json_array_get_element (values, 0);
  if (JSON_NODE_HOLDS_VALUE (first) && json_node_get_value_type (first) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (first));
  if (JSON_NODE_HOLDS_OBJECT (first))
    {
      JsonObject *pn = json_node_get_object (first);
      const char *groups[] = { "Alphabetic", "Ideographic", "Phonetic" };
      g_autoptr(GString) name = g_string_new (NULL);
      guint last = 0;

      for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
        {
          const char *part = json_object_get_string_member_with_default (pn, groups[i], NULL);

          if (i > 0)
            g_string_append_c (name, '=');
          if (part != NULL && *part != '\0')
            {
              g_string_append (name, part);
              last = name->len;
            }
        }
      g_string_truncate (name, last);
      return g_string_free (g_steal_pointer (&name), FALSE);
    }
  return NULL;
}

/* A free-text name as a PN or LO value: no component or value
 * separators, at most 64 characters. */
static char *
plain_name (const char *text)
{
  g_autofree char *name = g_strdup (text != NULL ? text : "");

  g_strdelimit (name, "^=\\", ' ');
  g_strstrip (name);
  if (g_utf8_strlen (name, -1) > 64)
    return g_utf8_substring (name, 0, 64);
  return g_steal_pointer (&name);
}

/* The attributes copied from the slide's study, in copied_tags order. */
enum
{
  PATIENT_NAME, PATIENT_ID, ISSUER_OF_PATIENT_ID, PATIENT_BIRTH_DATE, PATIENT_SEX,
  STUDY_UID, STUDY_DATE, STUDY_TIME, REFERRING_PHYSICIAN, STUDY_ID, ACCESSION,
  STUDY_DESCRIPTION, N_COPIED
};

typedef struct
{
  char      *strings[N_COPIED];
  GPtrArray *sources;  /* SOP class and instance UIDs, NULL-terminated */
} Copied;

static void
copied_clear (Copied *copied)
{
  for (guint i = 0; i < G_N_ELEMENTS (copied->strings); i++)
    g_free (copied->strings[i]);
  g_clear_pointer (&copied->sources, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Copied, copied_clear)

static const char *const copied_tags[N_COPIED] = {
  "00100010", "00100020", "00100021", "00100030", "00100040", "0020000D",
  "00080020", "00080030", "00080090", "00200010", "00080050", "00081030",
};

static gboolean
copy_study (JsonNode    *metadata,
            const char  *study_uid,
            Copied      *copied,
            GError     **error)
{
  JsonArray *instances;
  JsonObject *first;

  if (metadata == NULL || !JSON_NODE_HOLDS_ARRAY (metadata) ||
      json_array_get_length (instances = json_node_get_array (metadata)) == 0 ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (instances, 0)))
    {
      g_set_error (error, CS_REPORT_DICOM_ERROR, CS_REPORT_DICOM_ERROR_STUDY,
                   _("The slide’s series in study %s lists no instances: there is nothing to "
                     "copy the patient and study from"), study_uid);
      return FALSE;
    }
  first = json_array_get_object_element (instances, 0);
  for (guint i = 0; i < G_N_ELEMENTS (copied_tags); i++)
    copied->strings[i] = json_value (first, copied_tags[i]);
  if (g_strcmp0 (copied->strings[STUDY_UID], study_uid) != 0)
    {
      g_set_error (error, CS_REPORT_DICOM_ERROR, CS_REPORT_DICOM_ERROR_STUDY,
                   _("The slide’s series belongs to study %s, not to study %s"),
                   copied->strings[STUDY_UID] != NULL ? copied->strings[STUDY_UID] : _("(none)"),
                   study_uid);
      return FALSE;
    }
  copied->sources = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (instances); i++)
    {
      JsonNode *node = json_array_get_element (instances, i);
      char *sop_class, *sop_instance;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      sop_class = json_value (json_node_get_object (node), "00080016");
      sop_instance = json_value (json_node_get_object (node), "00080018");
      if (sop_class != NULL && sop_instance != NULL)
        {
          g_ptr_array_add (copied->sources, sop_class);
          g_ptr_array_add (copied->sources, sop_instance);
        }
      else
        {
          g_free (sop_class);
          g_free (sop_instance);
        }
    }
  g_ptr_array_add (copied->sources, NULL);
  return TRUE;
}

/* "2026-08-09T14:02:11Z" → DA, TM, DT with offset. */
static gboolean
split_signed_at (CsReport  *report,
                 char     **date,
                 char     **clock,
                 char     **datetime,
                 GError   **error)
{
  const char *signed_at = cs_report_get_text (report, "signature.signed_at");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (signed_at != NULL)
    when = g_date_time_new_from_iso8601 (signed_at, NULL);
  if (when == NULL)
    {
      g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID,
                   _("The opinion has no valid signing time (signature.signed_at)"));
      return FALSE;
    }
  utc = g_date_time_to_utc (when);
  *date = g_date_time_format (utc, "%Y%m%d");
  *clock = g_date_time_format (utc, "%H%M%S");
  *datetime = g_date_time_format (utc, "%Y%m%d%H%M%S+0000");
  return TRUE;
}

GBytes *
cs_report_dicom_build (CsReport    *report,
                       GBytes      *pdf,
                       JsonNode    *series_metadata,
                       const char  *study_uid,
                       char       **sop_instance_uid,
                       GError     **error)
{
  g_auto(Copied) copied = { { NULL }, NULL };
  g_autofree char *date = NULL, *clock = NULL, *datetime = NULL;
  g_autofree char *title = NULL, *instance_name = NULL;
  g_autofree char *series_uid = NULL, *instance_uid = NULL;
  g_autofree char *observer = NULL, *institution = NULL;
  const char *hash = cs_report_get_text (report, "signature.content_sha256");
  CsDicomEncapsulatedPdf doc = { 0 };
  GBytes *file;

  if (!cs_report_dicom_check (report, error) ||
      !copy_study (series_metadata, study_uid, &copied, error) ||
      !split_signed_at (report, &date, &clock, &datetime, error))
    return NULL;

  title = cs_report_dicom_title (report);
  instance_name = g_strdup_printf ("consilium-instance %s %s %" G_GINT64_FORMAT " %s",
                                   cs_report_get_id (report), study_uid,
                                   cs_report_get_revision (report), hash);
  series_uid = cs_report_dicom_series_uid (report, study_uid);
  instance_uid = cs_dicom_uid_from_name (instance_name);
  observer = plain_name (cs_report_get_text (report, "signature.signer"));
  institution = plain_name (cs_report_get_text (report, "consultant.institution"));

  doc.patient_name = copied.strings[PATIENT_NAME];
  doc.patient_id = copied.strings[PATIENT_ID];
  doc.issuer_of_patient_id = copied.strings[ISSUER_OF_PATIENT_ID];
  doc.patient_birth_date = copied.strings[PATIENT_BIRTH_DATE];
  doc.patient_sex = copied.strings[PATIENT_SEX];
  doc.study_uid = study_uid;
  doc.study_date = copied.strings[STUDY_DATE];
  doc.study_time = copied.strings[STUDY_TIME];
  doc.referring_physician = copied.strings[REFERRING_PHYSICIAN];
  doc.study_id = copied.strings[STUDY_ID];
  doc.accession = copied.strings[ACCESSION];
  doc.study_description = copied.strings[STUDY_DESCRIPTION];
  doc.series_uid = series_uid;
  doc.series_number = SERIES_NUMBER;
  doc.series_description = "Second opinion (Consilium)";
  doc.manufacturer = "Consilium";
  doc.software_version = PACKAGE_VERSION;
  doc.institution = institution;
  doc.sop_instance_uid = instance_uid;
  doc.instance_number = (guint) cs_report_get_revision (report);
  doc.content_date = date;
  doc.content_time = clock;
  doc.timezone_offset = "+0000";
  doc.document_title = title;
  doc.concept_code_value = "60570-9";
  doc.concept_coding_scheme = "LN";
  doc.concept_code_meaning = "Pathology Consult note";
  doc.verifying_observer = observer;
  doc.verifying_organization = institution;
  doc.verification_datetime = datetime;
  doc.source_instances = (const char *const *) copied.sources->pdata;
  doc.report_id = cs_report_get_id (report);
  doc.report_revision = (guint) cs_report_get_revision (report);
  doc.content_sha256 = hash;
  doc.pdf = pdf;

  file = cs_dicom_write_encapsulated_pdf (&doc, error);
  if (file != NULL && sop_instance_uid != NULL)
    *sop_instance_uid = g_steal_pointer (&instance_uid);
  return file;
}
