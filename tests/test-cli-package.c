/* test-cli-package.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cs-case.h"
#include "cs-geojson.h"
#include "cs-package.h"
#include "cs-test-cli.h"
#include "cs-test-utils.h"
#include "cs-test-zip.h"

/* consilium-cli package inspect|import on packages written entry by entry
 * (a case, one annotation by "Dr. Sender" of a slide sent by identity
 * only), into a data folder of the test's own (XDG_DATA_HOME). */

#define ANNOTATIONS "annotations/" CS_TEST_ZIP_SLIDE_KEY "-1.geojson"
#define PASSPHRASE  "open sesame, but longer"

typedef CsTestCli Fixture;

/* Writes the package; returns its path. With @corrupt, the annotations
 * differ from their listing. */
static char *
write_package (Fixture    *f,
               const char *passphrase,
               gboolean    corrupt)
{
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autofree char *case_data = NULL;
  g_autoptr(CsPackageManifest) manifest = NULL;
  gsize len = 0;
  g_autofree char *geojson = cs_test_annotation_geojson ("Dr. Sender", &len);
  CsTestZipEntry extra[] = { { ANNOTATIONS, CS_TEST_ZIP_FILE, geojson, len } };
  CsPackageAnnotations *entry;
  char *path = cs_test_cli_path (f, "case.consilium");

  cs_case_set_text (kase, "case.consult_accession", "C26-0099");
  cs_case_set_text (kase, "question", "Lymphoma?");
  case_data = cs_case_to_data (kase, NULL);
  manifest = cs_test_package_manifest (case_data);
  cs_test_package_add_annotations (manifest, ANNOTATIONS, "Dr. Sender", geojson, len);
  entry = g_ptr_array_index (manifest->annotations, 0);
  entry->count = 1;
  if (corrupt)
    geojson[len - 2] = ' ';
  cs_test_package_write (path, manifest, case_data, extra, 1, passphrase);
  return path;
}

static void
use_data_home (Fixture *f)
{
  g_autofree char *home = cs_test_cli_path (f, "data");

  f->envp = g_environ_setenv (f->envp, "XDG_DATA_HOME", home, TRUE);
  f->envp = g_environ_unsetenv (f->envp, "CONSILIUM_PACKAGE_PASSPHRASE");
}

static void
test_cli_package_inspect (Fixture *f, gconstpointer data)
{
  g_autofree char *package = NULL;
  const char *expected[] = { "C26-0099", "Dr. Sender", "Test Institute", "slide.svs",
                             "by identity only", "1 annotation by Dr. Sender", "Opinions:" };

  use_data_home (f);
  package = write_package (f, NULL, FALSE);
  g_assert_cmpint (cs_test_cli_run (f, "package", "inspect", package, NULL), ==, 0);
  g_test_message ("%s", f->out);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (strstr (f->out, expected[i]));
  g_assert_cmpint (cs_test_cli_run (f, "package", "inspect", "--verify", package, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Every entry matches the manifest."));
  g_assert_cmpstr (f->err, ==, "");

  g_free (package);
  package = write_package (f, NULL, TRUE);
  /* the manifest alone reads; verification finds the damaged entry */
  g_assert_cmpint (cs_test_cli_run (f, "package", "inspect", package, NULL), ==, 0);
  g_assert_cmpint (cs_test_cli_run (f, "package", "inspect", "--verify", package, NULL), ==, 1);
  cs_test_cli_assert_error (f, 1, ANNOTATIONS);
  g_assert_nonnull (strstr (f->err, package));
}

/* Text from a package never reaches the terminal as escape sequences. */
static void
test_cli_package_escapes (Fixture *f, gconstpointer data)
{
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autofree char *case_data = NULL;
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autofree char *path = cs_test_cli_path (f, "escapes.consilium");

  use_data_home (f);
  cs_case_set_text (kase, "case.consult_accession", "C26-0101");
  case_data = cs_case_to_data (kase, NULL);
  manifest = cs_test_package_manifest (case_data);
  g_free (manifest->message);
  manifest->message = g_strdup ("hi\x1b]0;PWNED\x07\x1b[2J\x1b[31mFAKE\xc2\x9b" "0m");
  g_free (manifest->sender_name);
  manifest->sender_name = g_strdup ("Dr. X\r\x1b[KDr. Trusted");
  cs_test_package_write (path, manifest, case_data, NULL, 0, NULL);
  g_assert_cmpint (cs_test_cli_run (f, "package", "inspect", path, NULL), ==, 0);
  g_test_message ("%s", f->out);
  g_assert_null (strchr (f->out, '\x1b'));
  g_assert_null (strchr (f->out, '\r'));
  g_assert_null (strchr (f->out, '\x07'));
  g_assert_null (strstr (f->out, "\xc2\x9b"));
  /* the text itself is still shown */
  g_assert_nonnull (strstr (f->out, "PWNED"));
  g_assert_nonnull (strstr (f->out, "Dr. Trusted"));
}

static void
test_cli_package_passphrase (Fixture *f, gconstpointer data)
{
  g_autofree char *package = NULL;
  g_autofree char *file = cs_test_cli_path (f, "passphrase.txt");
  g_autofree char *wrong = cs_test_cli_path (f, "wrong.txt");

  use_data_home (f);
  package = write_package (f, PASSPHRASE, FALSE);
  g_assert_true (g_file_set_contents (file, PASSPHRASE "\n", -1, NULL));
  g_assert_true (g_file_set_contents (wrong, "not it\n", -1, NULL));

  g_assert_cmpint (cs_test_cli_run (f, "package", "inspect", package, NULL), ==, 1);
  cs_test_cli_assert_error (f, 1, "passphrase");
  g_assert_cmpint (cs_test_cli_run (f, "package", "inspect", "--passphrase-file", wrong,
                                    package, NULL), ==, 1);
  cs_test_cli_assert_error (f, 1, "passphrase does not open");
  g_assert_cmpint (cs_test_cli_run (f, "package", "inspect", "--verify", "--passphrase-file",
                                    file, package, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "C26-0099"));
  f->envp = g_environ_setenv (f->envp, "CONSILIUM_PACKAGE_PASSPHRASE", PASSPHRASE, TRUE);
  g_assert_cmpint (cs_test_cli_run (f, "package", "import", package, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Imported the case"));
  /* no passphrase option on the command line */
  g_assert_cmpint (cs_test_cli_run (f, "package", "inspect", "--passphrase", PASSPHRASE,
                                    package, NULL), ==, 2);
}

static void
test_cli_package_import (Fixture *f, gconstpointer data)
{
  g_autofree char *package = NULL;
  g_autofree char *cases = cs_test_cli_path (f, "data/consilium/cases");
  g_autofree char *listing = NULL;
  g_autofree char *data_dir = cs_test_cli_path (f, "data");

  use_data_home (f);
  package = write_package (f, NULL, FALSE);
  g_assert_cmpint (cs_test_cli_run (f, "package", "import", package, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Imported the case"));
  g_assert_nonnull (strstr (f->out, "(new)"));
  g_assert_nonnull (strstr (f->out, "Annotations: 1 added, 0 updated, 0 unchanged"));
  g_assert_nonnull (strstr (f->out, "Slide slide.svs: not found"));
  g_assert_nonnull (strstr (f->err, "slide.svs was not found"));
  g_assert_true (g_file_test (cases, G_FILE_TEST_IS_DIR));

  listing = cs_test_tree_listing (data_dir);
  g_assert_cmpint (cs_test_cli_run (f, "package", "import", package, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Imported into the case"));
  g_assert_nonnull (strstr (f->out, "Annotations: 0 added, 0 updated, 1 unchanged"));
  {
    g_autofree char *again = cs_test_tree_listing (data_dir);

    g_assert_cmpstr (again, ==, listing);
  }

  g_assert_cmpint (cs_test_cli_run (f, "package", NULL), ==, 2);
  g_assert_cmpint (cs_test_cli_run (f, "package", "import", NULL), ==, 2);
  g_assert_cmpint (cs_test_cli_run (f, "package", "import", "/no/such.consilium", NULL), ==, 1);
  cs_test_cli_assert_error (f, 1, "/no/such.consilium");
}

/* A case with the sample slide in the data folder of @home. */
static char *
store_case (Fixture    *f,
            const char *home)
{
  g_autofree char *cases = g_build_filename (home, "consilium", "cases", NULL);
  g_autoptr(CsCaseStore) store = cs_case_store_new (cases);
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(CsSlide) slide = cs_slide_new (f->sample, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (slide);
  g_assert_nonnull (cs_slide_compute_identity (slide, NULL, &error));
  cs_case_set_text (kase, "case.consult_accession", "C26-0100");
  g_assert_nonnull (cs_case_add_slide (kase, slide, &error));
  cs_case_store_add (store, kase);
  g_assert_true (cs_case_store_flush (store, &error));
  g_assert_no_error (error);
  return g_strdup (cs_case_get_id (kase));
}

static void
test_cli_package_create (Fixture *f, gconstpointer data)
{
  g_autofree char *home = cs_test_cli_path (f, "data");
  g_autofree char *other = cs_test_cli_path (f, "other");
  g_autofree char *slides = cs_test_cli_path (f, "received");
  g_autofree char *out = cs_test_cli_path (f, "out.consilium");
  g_autofree char *secret = cs_test_cli_path (f, "secret.consilium");
  g_autofree char *file = cs_test_cli_path (f, "passphrase.txt");
  g_autofree char *id = NULL;

  use_data_home (f);
  id = store_case (f, home);
  g_assert_true (g_file_set_contents (file, PASSPHRASE "\n", -1, NULL));

  g_assert_cmpint (cs_test_cli_run (f, "package", "create", id, "--deidentify",
                                    "--include-slides", "-o", out, NULL), ==, 2);
  g_assert_cmpint (cs_test_cli_run (f, "package", "create", id, NULL), ==, 2);
  g_assert_cmpint (cs_test_cli_run (f, "package", "create", "no-such-case", "-o", out, NULL),
                   ==, 1);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  g_assert_cmpint (cs_test_cli_run (f, "package", "create", id, "--slide", f->sample,
                                    "--deidentify", "--sender", "Dr. Referrer", "--message",
                                    "Please look at the margin.", "-o", out, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "De-identified"));
  g_assert_nonnull (strstr (f->out, "Wrote"));
  g_assert_cmpint (cs_test_cli_run (f, "package", "inspect", "--verify", out, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "C26-0100"));
  g_assert_nonnull (strstr (f->out, "de-identified copy"));
  g_assert_nonnull (strstr (f->out, "Please look at the margin."));

  /* the other side: its own data folder */
  f->envp = g_environ_setenv (f->envp, "XDG_DATA_HOME", other, TRUE);
  g_assert_cmpint (cs_test_cli_run (f, "package", "import", out, "--slides-to", slides, NULL),
                   ==, 0);
  g_assert_nonnull (strstr (f->out, "(new)"));
  g_assert_nonnull (strstr (f->out, "stored as"));
  g_assert_nonnull (strstr (f->out, slides));

  f->envp = g_environ_setenv (f->envp, "XDG_DATA_HOME", home, TRUE);
  g_assert_cmpint (cs_test_cli_run (f, "package", "create", id, "--passphrase-file", file,
                                    "-o", secret, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "encrypted"));
  g_assert_cmpint (cs_test_cli_run (f, "package", "inspect", secret, NULL), ==, 1);
  cs_test_cli_assert_error (f, 1, "passphrase");
  g_assert_cmpint (cs_test_cli_run (f, "package", "inspect", "--passphrase-file", file, secret,
                                    NULL), ==, 0);

  /* set but empty: a usage error, not a plain package said to be encrypted */
  g_assert_true (g_remove (secret) == 0);
  f->envp = g_environ_setenv (f->envp, "CONSILIUM_PACKAGE_PASSPHRASE", "", TRUE);
  g_assert_cmpint (cs_test_cli_run (f, "package", "create", id, "-o", secret, NULL), ==, 2);
  cs_test_cli_assert_error (f, 2, "CONSILIUM_PACKAGE_PASSPHRASE");
  g_assert_false (g_file_test (secret, G_FILE_TEST_EXISTS));
  f->envp = g_environ_unsetenv (f->envp, "CONSILIUM_PACKAGE_PASSPHRASE");
  g_assert_cmpint (cs_test_cli_run (f, "package", "create", id, "-o", secret, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Wrote"));
  g_assert_null (strstr (f->out, "encrypted"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cs/cli/package-create", Fixture, NULL, cs_test_cli_setup,
              test_cli_package_create, cs_test_cli_teardown);
  g_test_add ("/cs/cli/package-inspect", Fixture, NULL, cs_test_cli_setup,
              test_cli_package_inspect, cs_test_cli_teardown);
  g_test_add ("/cs/cli/package-escapes", Fixture, NULL, cs_test_cli_setup,
              test_cli_package_escapes, cs_test_cli_teardown);
  g_test_add ("/cs/cli/package-passphrase", Fixture, NULL, cs_test_cli_setup,
              test_cli_package_passphrase, cs_test_cli_teardown);
  g_test_add ("/cs/cli/package-import", Fixture, NULL, cs_test_cli_setup,
              test_cli_package_import, cs_test_cli_teardown);

  return g_test_run ();
}
