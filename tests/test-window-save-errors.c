/* test-window-save-errors.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cs-annotation-store.h"
#include "cs-cases.h"
#include "cs-test-annotation-ui.h"
#include "cs-test-write-failure.h"

/* The disk fills up while a window is open (writes fail with EFBIG past a
 * file size limit): the user is told, in a dialog that stays until read,
 * that the annotations or the cases could not be saved, why (the file
 * and the cause), and that they are kept and saved again; once there is
 * space they reach the disk without anything done. */

#define LARGE 8192

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : 0;
}

static AdwMessageDialog *
wait_dialog (const char *heading,
             const char *screenshot)
{
  AdwMessageDialog *dialog = cs_test_wait_dialog ();
  const char *body = adw_message_dialog_get_body (dialog);

  g_test_message ("%s: %s", adw_message_dialog_get_heading (dialog), body);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (strstr (body, g_strerror (EFBIG)));
  g_assert_nonnull (strstr (body, "tries again"));
  /* Space again (the screenshot needs it too). */
  cs_test_unlimit_file_size ();
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), screenshot);
  return dialog;
}

typedef struct
{
  const char *dir;
  const char *sha256;
} Saved;

static gboolean
annotation_saved (gpointer data)
{
  Saved *saved = data;
  g_autoptr(GPtrArray) annotations = cs_annotation_store_read (saved->dir, saved->sha256, NULL,
                                                               NULL);

  return annotations != NULL && annotations->len == 1 &&
         g_strcmp0 (cs_annotation_get_name (annotations->pdata[0]), "large") == 0;
}

static void
test_annotations_disk_full (CsAnnotationFixture *fixture,
                            gconstpointer        data)
{
  g_autofree char *dir = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *comment = g_strnfill (LARGE, 'c');
  CsAnnotation *annotation;
  AdwMessageDialog *dialog;
  CsSlidePage *page;
  Saved saved;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  g_assert_true (cs_slide_page_flush_annotations (page, NULL));
  dir = g_build_filename (g_get_user_data_dir (), "consilium", "annotations", NULL);
  journal = g_strdup_printf ("%s/%s.journal", dir, cs_slide_page_get_annotation_sha256 (page));

  cs_test_limit_file_size (file_size (journal) + 1024);
  annotation = cs_test_annotations_rectangle (100, 100, 50, 50, "large", NULL, NULL);
  cs_annotation_set_comment (annotation, comment);
  cs_test_annotations_add (page, annotation); /* takes it */
  dialog = wait_dialog ("Annotations Could Not Be Saved", "annotations-not-saved.png");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), ".journal"));
  cs_test_respond ("close");
  g_assert_cmpuint (cs_test_annotations_count (page), ==, 1);

  saved.dir = dir;
  saved.sha256 = cs_slide_page_get_annotation_sha256 (page);
  g_assert_true (cs_test_wait_until (annotation_saved, &saved, CS_TEST_UI_TIMEOUT_MS));
}

static gboolean
case_saved (gpointer data)
{
  const char **args = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (args[0], &contents, NULL, NULL) && strstr (contents, args[1]);
}

static void
test_cases_disk_full (CsAnnotationFixture *fixture,
                      gconstpointer        data)
{
  CsCaseStore *store;
  g_autoptr(CsCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *history = g_strnfill (LARGE, 'h');
  g_autofree char *cases_dir = cs_case_store_default_directory ();
  g_autofree char *folder = NULL;
  g_autofree char *case_json = NULL;
  AdwMessageDialog *dialog;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  store = cs_cases_get_default ();
  kase = cs_case_new ();
  cs_case_set_text (kase, "case.consult_accession", "FULL-1");
  cs_case_store_add (store, kase);
  g_assert_true (cs_case_store_flush (store, &error));
  g_assert_no_error (error);
  folder = cs_case_store_dup_case_folder (cases_dir, cs_case_get_id (kase));
  case_json = g_build_filename (folder, "case.json", NULL);

  cs_test_limit_file_size (file_size (case_json) + 1024);
  cs_case_set_text (kase, "clinical_history", history);
  dialog = wait_dialog ("Cases Could Not Be Saved", "cases-not-saved.png");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "case.json"));
  cs_test_respond ("close");

  g_assert_true (cs_test_wait_until (case_saved, (const char *[]) { case_json, history },
                                     CS_TEST_UI_TIMEOUT_MS));
  g_assert_null (cs_case_store_get_error (store));
}

/* The annotation folder read-only (a read-only tmpfs over it as root, no
 * write permission otherwise): the slide opens with its annotations, the
 * user is told they cannot be saved and why, editing goes on, and closing
 * the tab says they were not saved. */
static void
test_read_only (CsAnnotationFixture *fixture,
                gconstpointer        data)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "consilium", "annotations",
                                           NULL);
  g_autofree char *why = NULL;
  gboolean mounted = FALSE;
  AdwMessageDialog *dialog;
  CsSlidePage *page;
  int errnum = EACCES;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  /* The folder exists, with this slide's files from before. */
  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  cs_window_close_page (fixture->window, page);
  if (geteuid () == 0)
    {
      if (!cs_test_mount_tmpfs (dir, 256, &why))
        {
          g_test_skip (why);
          return;
        }
      cs_test_remount_tmpfs (dir, TRUE);
      mounted = TRUE;
      errnum = EROFS;
    }
  else
    cs_test_chmod_tree (dir, 0500, 0400);

  page = cs_test_annotations_open (fixture->window, fixture->sample);
  dialog = cs_test_wait_dialog ();
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Annotations Cannot Be Saved");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), ".journal"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), g_strerror (errnum)));
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "annotations-read-only.png");
  cs_test_respond ("close");

  cs_test_annotations_add (page, cs_test_annotations_rectangle (10, 10, 50, 50, "kept", NULL,
                                                                NULL));
  g_assert_cmpuint (cs_test_annotations_count (page), ==, 1);
  g_assert_false (cs_slide_page_flush_annotations (page, NULL));
  cs_window_close_page (fixture->window, page);
  dialog = cs_test_wait_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), g_strerror (errnum)));
  cs_test_respond ("close");

  if (mounted)
    cs_test_unmount (dir);
  else
    cs_test_chmod_tree (dir, 0700, 0600);
}

int
main (int   argc,
      char *argv[])
{
  /* Before any thread exists. */
  cs_test_private_mounts (NULL);
  cs_test_window_init (&argc, &argv);

  CS_TEST_ANNOTATION_ADD ("/cs/window-save-errors/annotations", test_annotations_disk_full);
  CS_TEST_ANNOTATION_ADD ("/cs/window-save-errors/cases", test_cases_disk_full);
  CS_TEST_ANNOTATION_ADD ("/cs/window-save-errors/read-only", test_read_only);
  return cs_test_window_run ();
}
