/* test-mime.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cs-package.h"
#include "cs-recent-slides.h"
#include "cs-test-package.h"
#include "cs-test-utils.h"

/* The shared-mime-info XML as a desktop sees it once installed: copied
 * into a temporary XDG data folder, compiled with update-mime-database,
 * then GIO's guesses for real slides and packages, for every declared
 * extension and for content without a name, and the desktop entry's
 * MimeType= against the types the XML declares. GIO reads XDG_DATA_DIRS
 * once, so every guess runs in a subprocess started after the folder is
 * in place (main() prepares it; the children inherit the environment). */

#define PACKAGE_TYPE "application/vnd.consilium.package+zip"
#define HEAD_SIZE    4096

/* In the desktop entry, declared by shared-mime-info itself. */
static const char * const reused_types[] = {
  "image/tiff",
#if HAVE_OPENSLIDE_ICC
  /* DICOM opens with OpenSlide 4 only. */
  "application/dicom",
#endif
  "image/png", "image/jpeg", NULL,
};

typedef enum
{
  CONTENT_NONE,
  CONTENT_TIFF,
  CONTENT_VMS,
  CONTENT_VMU,
  CONTENT_SQLITE,
  CONTENT_DICOM,
  CONTENT_GODOT,
} Content;

typedef struct
{
  const char *name;
  Content     content;
  const char *type;
  gboolean    by_content;       /* the name alone says another type */
} Guess;

/* Every extension, with the content such a file starts with. */
static const Guess extensions[] = {
  { "slide.svs", CONTENT_TIFF, "image/x-aperio-svs" },
  { "CMU-1.SVS", CONTENT_TIFF, "image/x-aperio-svs" },
  { "slide.ndpi", CONTENT_TIFF, "image/x-hamamatsu-ndpi" },
  { "slide.vms", CONTENT_VMS, "image/x-hamamatsu-vms" },
  { "slide.vmu", CONTENT_VMU, "image/x-hamamatsu-vmu" },
  /* Godot scenes share the extension: content decides, else the weight */
  { "slide.scn", CONTENT_TIFF, "image/x-leica-scn" },
  { "level.scn", CONTENT_GODOT, "application/x-godot-scene", TRUE },
  { "slide.mrxs", CONTENT_NONE, "image/x-mirax" },
  { "slide.bif", CONTENT_TIFF, "image/x-ventana-bif" },
  { "slide.svslide", CONTENT_SQLITE, "image/x-sakura-svslide" },
  { "slide.tif", CONTENT_TIFF, "image/tiff" },
  { "slide.tiff", CONTENT_TIFF, "image/tiff" },
  { "slide.dcm", CONTENT_DICOM, "application/dicom" },
  { "case.consilium", CONTENT_NONE, PACKAGE_TYPE },
  { "CASE.CONSILIUM", CONTENT_NONE, PACKAGE_TYPE },
};

/* Declared parents: file managers fall back on them. */
static const char * const parents[][2] = {
  { "image/x-aperio-svs", "image/tiff" },
  { "image/x-hamamatsu-ndpi", "image/tiff" },
  { "image/x-leica-scn", "image/tiff" },
  { "image/x-ventana-bif", "image/tiff" },
  { "image/x-hamamatsu-vms", "text/plain" },
  { "image/x-sakura-svslide", "application/vnd.sqlite3" },
  { PACKAGE_TYPE, "application/zip" },
};

static char *tmpdir;

static GBytes *
read_head (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new (data, MIN (len, HEAD_SIZE));
}

static GBytes *
content_bytes (Content content)
{
  static const char dicom[132] = { [128] = 'D', 'I', 'C', 'M' };
  static const char godot[] = "[gd_scene load_steps=2 format=2]\n";
  static const char vms[] = "[Virtual Microscope Specimen]\nNoLayers=1\n";
  /* with a byte order mark */
  static const char vmu[] = "\xef\xbb\xbf[Uncompressed Virtual Microscope Specimen]\n";
  g_autofree char *tiff = NULL;

  switch (content)
    {
    case CONTENT_TIFF:
      tiff = g_build_filename (g_getenv ("CS_SHARED_DIR"), "slides", "boxes.tiff", NULL);
      return read_head (tiff);
    case CONTENT_VMS:
      return g_bytes_new_static (vms, sizeof vms - 1);
    case CONTENT_VMU:
      return g_bytes_new_static (vmu, sizeof vmu - 1);
    case CONTENT_SQLITE:
      return g_bytes_new_static ("SQLite format 3\0", 16);
    case CONTENT_DICOM:
      return g_bytes_new_static (dicom, sizeof dicom);
    case CONTENT_GODOT:
      return g_bytes_new_static (godot, sizeof godot - 1);
    case CONTENT_NONE:
    default:
      return NULL;
    }
}

static char *
guess (const char *name,
       GBytes     *data)
{
  gsize len = 0;
  const guchar *bytes = data != NULL ? g_bytes_get_data (data, &len) : NULL;

  return g_content_type_guess (name, bytes, len, NULL);
}

static void
assert_guess (const char *name,
              GBytes     *data,
              const char *expected)
{
  g_autofree char *type = guess (name, data);

  if (g_strcmp0 (type, expected) != 0)
    g_error ("%s: guessed %s, expected %s", name != NULL ? name : "(content only)", type,
             expected);
}

/* Runs this test's "/subprocess" child and requires it to pass. */
static void
run_child (void)
{
  g_autofree char *child = g_strconcat (g_test_get_path (), "/subprocess", NULL);

  g_test_trap_subprocess (child, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
child_extensions (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autoptr(GBytes) data = content_bytes (extensions[i].content);

      assert_guess (extensions[i].name, data, extensions[i].type);
      /* the extension alone says it, as in a file chooser's listing */
      assert_guess (extensions[i].name, NULL,
                    extensions[i].by_content ? "image/x-leica-scn" : extensions[i].type);
    }

  for (guint i = 0; i < G_N_ELEMENTS (parents); i++)
    g_assert_true (g_content_type_is_a (parents[i][0], parents[i][1]));
}

static void
test_extensions (void)
{
  g_autofree char *slide = cs_test_shared_slide ("boxes.tiff");

  if (slide == NULL)
    {
      g_test_skip ("../shared/slides/boxes.tiff is absent: this test needs the project's "
                   "shared test slides");
      return;
    }
  run_child ();
}

/* The description a file manager shows comes from the XML. */
static void
child_descriptions (void)
{
  const char *described[][2] = {
    { "image/x-aperio-svs", "Aperio slide" },
    { "image/x-hamamatsu-ndpi", "Hamamatsu NanoZoomer slide" },
    { "image/x-mirax", "MIRAX slide" },
    { PACKAGE_TYPE, "Consilium consult package" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (described); i++)
    {
      g_autofree char *description = g_content_type_get_description (described[i][0]);

      g_assert_cmpstr (description, ==, described[i][1]);
    }
}

static void
test_descriptions (void)
{
  run_child ();
}

/* Real files, read as a file manager reads them. */
static void
assert_file_type (const char *path,
                  const char *expected)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) head = read_head (path);
  g_autofree char *name = g_path_get_basename (path);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE, G_FILE_QUERY_INFO_NONE,
                            NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_file_info_get_content_type (info), ==, expected);
  assert_guess (name, head, expected);
}

static void
child_files (void)
{
  const char *dir = g_getenv ("CS_TEST_MIME_FILES");
  g_autofree char *sample = cs_test_shared_slide ("CMU-1-Small-Region.svs");
  g_autofree char *boxes = cs_test_shared_slide ("boxes.tiff");
  g_autofree char *package = g_build_filename (dir, "case" CS_PACKAGE_EXTENSION, NULL);
  g_autofree char *encrypted = g_build_filename (dir, "encrypted" CS_PACKAGE_EXTENSION, NULL);
  g_autoptr(GBytes) plain = read_head (package);
  g_autoptr(GBytes) locked = read_head (encrypted);
  g_autoptr(GBytes) vms = content_bytes (CONTENT_VMS);
  g_autoptr(GBytes) tiff = content_bytes (CONTENT_TIFF);
  g_autoptr(GBytes) other_zip = NULL;
  gsize len;
  g_autofree guchar *bytes = g_bytes_unref_to_data (g_bytes_ref (plain), &len);

  assert_file_type (sample, "image/x-aperio-svs");
  assert_file_type (boxes, "image/tiff");
  assert_file_type (package, PACKAGE_TYPE);
  assert_file_type (encrypted, PACKAGE_TYPE);

  /* without a name: the package's first entry, the slide's key file */
  assert_guess (NULL, plain, PACKAGE_TYPE);
  assert_guess (NULL, locked, PACKAGE_TYPE);
  assert_guess (NULL, vms, "image/x-hamamatsu-vms");
  assert_guess (NULL, tiff, "image/tiff");
  /* a zip whose first entry is another file is not a package */
  g_assert_cmpmem (bytes + 30, 13, "manifest.json", 13);
  bytes[30] = 'n';
  other_zip = g_bytes_new (bytes, len);
  assert_guess (NULL, other_zip, "application/zip");
}

/* Real packages, plain and encrypted, as cs_package_create writes them. */
static void
write_package (CsTestPackageCase *c,
               const char        *name,
               const char        *passphrase)
{
  CsPackageCreateOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (c->out, name, NULL);

  cs_test_package_case_options (c, &options, CS_PACKAGE_SLIDES_NONE);
  options.passphrase = passphrase;
  cs_package_create (&options, path, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_files (void)
{
  CsTestPackageCase c;

  if (!cs_test_package_case_init (&c, FALSE))
    return;
  write_package (&c, "case" CS_PACKAGE_EXTENSION, NULL);
  write_package (&c, "encrypted" CS_PACKAGE_EXTENSION, "a passphrase for the test");
  g_setenv ("CS_TEST_MIME_FILES", c.out, TRUE);
  run_child ();
  cs_test_package_case_clear (&c);
}

/* The types the XML declares, read with GMarkup. */
static void
collect_type (GMarkupParseContext *context,
              const char          *element,
              const char         **names,
              const char         **values,
              gpointer             user_data,
              GError             **error)
{
  const char *type = NULL;

  if (!g_str_equal (element, "mime-type"))
    return;
  g_markup_collect_attributes (element, names, values, error,
                               G_MARKUP_COLLECT_STRING, "type", &type,
                               G_MARKUP_COLLECT_INVALID);
  if (type != NULL)
    g_ptr_array_add (user_data, g_strdup (type));
}

static GPtrArray *
declared_types (void)
{
  static const GMarkupParser parser = { collect_type, NULL, NULL, NULL, NULL };
  GPtrArray *types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  gsize len = 0;

  g_file_get_contents (g_getenv ("CS_MIME_XML"), &xml, &len, &error);
  g_assert_no_error (error);
  context = g_markup_parse_context_new (&parser, 0, types, NULL);
  g_markup_parse_context_parse (context, xml, len, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  return types;
}

static char **
desktop_mime_types (void)
{
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  char **types;

  g_key_file_load_from_file (entry, g_getenv ("CS_DESKTOP_FILE"), G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  types = g_key_file_get_string_list (entry, G_KEY_FILE_DESKTOP_GROUP,
                                      G_KEY_FILE_DESKTOP_KEY_MIME_TYPE, NULL, &error);
  g_assert_no_error (error);
  return types;
}

/* MimeType= is exactly the declared types and the reused ones, once
 * each, and every one of them is known once installed. */
static void
child_desktop_entry (void)
{
  g_autoptr(GPtrArray) declared = declared_types ();
  g_auto(GStrv) listed = desktop_mime_types ();
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
  GList *registered = g_content_types_get_registered ();
  guint n_listed = g_strv_length (listed);

  g_assert_cmpuint (declared->len, ==, 9);
  for (guint i = 0; i < declared->len; i++)
    g_assert_true (g_hash_table_add (expected, declared->pdata[i]));
  for (guint i = 0; reused_types[i] != NULL; i++)
    g_assert_true (g_hash_table_add (expected, (gpointer) reused_types[i]));

  for (guint i = 0; i < n_listed; i++)
    if (!g_hash_table_remove (expected, listed[i]))
      g_error ("MimeType= lists %s, which the XML does not declare (or twice)", listed[i]);
  if (g_hash_table_size (expected) > 0)
    g_error ("MimeType= lacks %s", (char *) g_hash_table_get_keys (expected)->data);

  for (guint i = 0; i < n_listed; i++)
    if (g_list_find_custom (registered, listed[i], (GCompareFunc) g_strcmp0) == NULL)
      g_error ("%s is not a known type once installed", listed[i]);
  g_list_free_full (registered, g_free);
}

static void
test_desktop_entry (void)
{
  run_child ();
}

/* Every file the open dialog offers opens from a file manager too. */
static void
child_open_dialog (void)
{
  g_auto(GStrv) listed = desktop_mime_types ();
  const char * const *suffixes = cs_recent_slides_get_suffixes ();

  for (guint i = 0; suffixes[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat ("slide.", suffixes[i], NULL);
      g_autofree char *type = guess (name, NULL);

      if (!g_strv_contains ((const char * const *) listed, type))
        g_error ("the open dialog takes %s, but MimeType= lacks its type %s", name, type);
    }
}

static void
test_open_dialog (void)
{
  run_child ();
}

/* The XML (as built, translations merged) in a fresh XDG data folder,
 * compiled; that folder first, then the system's, and an empty user
 * folder so that nothing the user installed takes part. */
static void
install_database (void)
{
  g_autofree char *share = g_build_filename (tmpdir, "share", NULL);
  g_autofree char *packages = g_build_filename (share, "mime", "packages", NULL);
  g_autofree char *mime = g_build_filename (share, "mime", NULL);
  g_autofree char *target = g_build_filename (packages, APP_ID ".xml", NULL);
  g_autofree char *home = g_build_filename (tmpdir, "home", NULL);
  g_autofree char *system = g_strjoinv (":", (char **) g_get_system_data_dirs ());
  g_autofree char *dirs = g_strconcat (share, ":", system, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  gsize len = 0;
  int status = -1;
  const char *argv[] = { g_getenv ("CS_UPDATE_MIME_DATABASE"), mime, NULL };

  g_assert_cmpint (g_mkdir_with_parents (packages, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
  g_file_get_contents (g_getenv ("CS_MIME_XML"), &xml, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (target, xml, len, &error);
  g_assert_no_error (error);

  g_setenv ("XDG_DATA_DIRS", dirs, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  /* the XML's own (English) comments */
  g_setenv ("LC_ALL", "C", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!g_test_subprocess ())
    {
      tmpdir = cs_test_make_tmpdir ();
      install_database ();
    }

  g_test_add_func ("/mime/extensions", test_extensions);
  g_test_add_func ("/mime/extensions/subprocess", child_extensions);
  g_test_add_func ("/mime/descriptions", test_descriptions);
  g_test_add_func ("/mime/descriptions/subprocess", child_descriptions);
  g_test_add_func ("/mime/files", test_files);
  g_test_add_func ("/mime/files/subprocess", child_files);
  g_test_add_func ("/mime/desktop-entry", test_desktop_entry);
  g_test_add_func ("/mime/desktop-entry/subprocess", child_desktop_entry);
  g_test_add_func ("/mime/open-dialog", test_open_dialog);
  g_test_add_func ("/mime/open-dialog/subprocess", child_open_dialog);

  status = g_test_run ();
  if (tmpdir != NULL)
    cs_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
