/* test-dicom-writer.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <string.h>

#include "cs-dicom-writer.h"
#include "cs-test-utils.h"
#include "cs-utils.h"

/* The Encapsulated PDF writer, checked by dicom3tools' dciodvfy (the IOD,
 * with no "Error" in its output) and dcmtk's dcmdump and dcm2pdf (the
 * values and the PDF's bytes). */

static GBytes *
make_pdf (const char *text)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (cs_cairo_write_to_stream, stream, 200, 100);
  cr = cairo_create (surface);
  /* shapes only: cairo's text would load fontconfig, whose caches
   * valgrind reports as leaks */
  cairo_rectangle (cr, 10, 10, 10 + strlen (text), 50);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_output_stream_close (stream, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
fill_document (CsDicomEncapsulatedPdf *doc,
               GBytes                 *pdf)
{
  static const char *const sources[] = {
    "1.2.840.10008.5.1.4.1.1.77.1.6", "1.2.826.0.1.3680043.10.1234.7", NULL
  };

  memset (doc, 0, sizeof *doc);
  doc->patient_name = "Pseudonym^P-7f3a";
  doc->patient_id = "P-7f3a";
  doc->study_uid = "1.2.826.0.1.3680043.10.1234.1";
  doc->study_date = "20260801";
  doc->study_time = "101500";
  doc->accession = "S26-4567";
  doc->study_id = "S26-4567";
  doc->series_uid = "2.25.1234567";
  doc->series_number = 901;
  doc->series_description = "Second opinion";
  doc->manufacturer = "Consilium";
  doc->software_version = "0.1.0";
  doc->institution = "Institut für Pathologie";
  doc->sop_instance_uid = "2.25.12345678";
  doc->instance_number = 1;
  doc->content_date = "20260809";
  doc->content_time = "140211";
  doc->timezone_offset = "+0000";
  doc->document_title = "Second opinion CONS-26-00123 sha256:"
                        "cdd7bf93c8fc8c9c6b837bc1ae4b8ca152b3317cd2e1b78968dc79e83dcac46a";
  doc->concept_code_value = "60570-9";
  doc->concept_coding_scheme = "LN";
  doc->concept_code_meaning = "Pathology Consult note";
  doc->verifying_observer = "Müller^Anna";
  doc->verifying_organization = "Institut für Pathologie";
  doc->verification_datetime = "20260809140211+0000";
  doc->source_instances = sources;
  doc->report_id = "urn:uuid:0b7e4a52-45a8-4c61-9d4e-6a3f0e1c9d21";
  doc->report_revision = 1;
  doc->content_sha256 = "cdd7bf93c8fc8c9c6b837bc1ae4b8ca152b3317cd2e1b78968dc79e83dcac46a";
  doc->pdf = pdf;
}

static gboolean
have_tools (void)
{
  const char *tools[] = { "dciodvfy", "dcmdump", "dcm2pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *found = g_find_program_in_path (tools[i]);

      if (found == NULL)
        {
          g_autofree char *message = g_strdup_printf ("%s is not installed (Debian: dicom3tools, "
                                                      "dcmtk)", tools[i]);
          g_test_skip (message);
          return FALSE;
        }
    }
  return TRUE;
}

/* dciodvfy prints "Error - …" and "Warning - …" lines yet exits 0. No
 * error is allowed; the only warnings allowed are the two deliberate
 * departures: the private block (unknown to its dictionary) and the
 * Verifying Observer Sequence naming the signer (from the SR modules: the
 * Encapsulated Document module has the Verification Flag but no observer;
 * see cs-dicom-pdf.c). */
static void
assert_valid_iod (const char *path)
{
  int status = 0;
  g_autofree char *output = cs_test_run_tool ("dciodvfy", "-new", path, &status);
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

  g_test_message ("dciodvfy: %s", output);
  g_assert_null (strstr (output, "Error"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (!g_str_has_prefix (lines[i], "Warning"))
        continue;
      if (strstr (lines[i], ",\"Consilium\")> - Unrecognized tag") != NULL)
        continue;
      if (strstr (lines[i], "</VerifyingObserverSequence(0040,a073)") != NULL &&
          g_str_has_suffix (lines[i], "Attribute is not present in standard DICOM IOD"))
        continue;
      g_error ("dciodvfy: unexpected %s", lines[i]);
    }
}

static void
test_encapsulated_pdf_valid (void)
{
  g_autoptr(GBytes) pdf = make_pdf ("Second opinion");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out_pdf = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *extracted = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;
  CsDicomEncapsulatedPdf doc;
  gsize extracted_len = 0;
  int status = 0;

  if (!have_tools ())
    return;
  fill_document (&doc, pdf);
  file = cs_dicom_write_encapsulated_pdf (&doc, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (file, NULL) + 128, 4, "DICM", 4);

  dir = cs_test_make_tmpdir ();
  path = g_build_filename (dir, "opinion.dcm", NULL);
  out_pdf = g_build_filename (dir, "opinion.pdf", NULL);
  g_assert_true (cs_write_bytes_atomically (path, FALSE, file, &error));
  g_assert_no_error (error);
  assert_valid_iod (path);

  dump = cs_test_run_tool ("dcmdump", "+L", path, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (dump, "(0008,0060) CS [DOC]"));
  g_assert_nonnull (strstr (dump, "(0008,0005) CS [ISO_IR 192]"));
  g_assert_nonnull (strstr (dump, "(0042,0012) LO [application/pdf]"));
  g_assert_nonnull (strstr (dump, "(0020,000d) UI [1.2.826.0.1.3680043.10.1234.1]"));
  g_assert_nonnull (strstr (dump, "(0010,0020) LO [P-7f3a]"));
  g_assert_nonnull (strstr (dump, "(0028,0301) CS [YES]"));
  g_assert_nonnull (strstr (dump, "(0040,a075) PN [Müller^Anna]"));
  g_assert_nonnull (strstr (dump, "(0040,a493) CS [VERIFIED]"));
  g_assert_nonnull (strstr (dump, "(0011,0010) LO [Consilium]"));
  g_assert_nonnull (strstr (dump, "sha256:cdd7bf93c8fc8c9c6b837bc1ae4b8ca152b3317cd2e1b7896"));
  g_assert_nonnull (strstr (dump, "(0002,0000) UL"));

  g_free (cs_test_run_tool ("dcm2pdf", path, out_pdf, &status));
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (out_pdf, &extracted, &extracted_len, NULL));
  g_assert_cmpmem (extracted, extracted_len, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  cs_test_remove_tree (dir);
}

/* An odd-length PDF and odd-length values are padded (NUL for UI and OB,
 * a space for text) and still valid. */
static void
test_encapsulated_pdf_odd_lengths (void)
{
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n%%EOF\n", 15);
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "odd.dcm", NULL);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;
  CsDicomEncapsulatedPdf doc;

  if (!have_tools ())
    return;
  fill_document (&doc, pdf);
  doc.study_uid = "1.2.826.0.1.3680043.10.1234.11";
  doc.patient_id = "ODD";
  file = cs_dicom_write_encapsulated_pdf (&doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (file) % 2, ==, 0);
  g_assert_true (cs_write_bytes_atomically (path, FALSE, file, &error));
  assert_valid_iod (path);
  cs_test_remove_tree (dir);
}

static void
test_encapsulated_pdf_refuses_bad_values (void)
{
  g_autoptr(GBytes) pdf = make_pdf ("x");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = NULL;
  CsDicomEncapsulatedPdf doc;

  fill_document (&doc, pdf);
  doc.patient_id = "0123456789012345678901234567890123456789012345678901234567890123456789";
  file = cs_dicom_write_encapsulated_pdf (&doc, &error);
  g_assert_null (file);
  g_assert_error (error, CS_DICOM_WRITER_ERROR, CS_DICOM_WRITER_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "PatientID"));
  g_clear_error (&error);

  fill_document (&doc, pdf);
  doc.study_date = "2026-08-01";
  file = cs_dicom_write_encapsulated_pdf (&doc, &error);
  g_assert_error (error, CS_DICOM_WRITER_ERROR, CS_DICOM_WRITER_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "StudyDate"));
  g_clear_error (&error);

  fill_document (&doc, pdf);
  doc.study_uid = NULL;
  file = cs_dicom_write_encapsulated_pdf (&doc, &error);
  g_assert_error (error, CS_DICOM_WRITER_ERROR, CS_DICOM_WRITER_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "StudyInstanceUID"));
  g_clear_error (&error);

  fill_document (&doc, NULL);
  file = cs_dicom_write_encapsulated_pdf (&doc, &error);
  g_assert_error (error, CS_DICOM_WRITER_ERROR, CS_DICOM_WRITER_ERROR_MISSING);
  g_assert_null (file);
}

static void
assert_uid (const char *uid)
{
  g_assert_true (g_str_has_prefix (uid, "2.25."));
  g_assert_cmpuint (strlen (uid), <=, 64);
  g_assert_cmpuint (strspn (uid + 5, "0123456789"), ==, strlen (uid + 5));
  g_assert_true (uid[5] != '0' || uid[6] == '\0');
}

static void
test_uids (void)
{
  g_autofree char *a = cs_dicom_uid_random ();
  g_autofree char *b = cs_dicom_uid_random ();
  g_autofree char *named = cs_dicom_uid_from_name ("consilium");
  g_autofree char *again = cs_dicom_uid_from_name ("consilium");
  g_autofree char *other = cs_dicom_uid_from_name ("consilium ");

  assert_uid (a);
  assert_uid (b);
  g_assert_cmpstr (a, !=, b);
  /* Python: uuid.uuid5(uuid.UUID("6f1c2b1e-5a7d-4f38-9e8b-2c0d6a4e9b71"),
   * "consilium").int */
  g_assert_cmpstr (named, ==, "2.25.149630966841925049587390761793407860635");
  g_assert_cmpstr (named, ==, again);
  g_assert_cmpstr (named, !=, other);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/dicom-writer/encapsulated-pdf/valid", test_encapsulated_pdf_valid);
  g_test_add_func ("/cs/dicom-writer/encapsulated-pdf/odd-lengths",
                   test_encapsulated_pdf_odd_lengths);
  g_test_add_func ("/cs/dicom-writer/encapsulated-pdf/bad-values",
                   test_encapsulated_pdf_refuses_bad_values);
  g_test_add_func ("/cs/dicom-writer/uids", test_uids);

  return g_test_run ();
}
