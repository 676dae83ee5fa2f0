/* cs-test-zip.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cs-geojson.h"
#include "cs-test-zip.h"

/* Packages written entry by entry with the real libarchive: names, types
 * and sizes exactly as a hostile sender would choose them. */

static void
check (struct archive *archive,
       int             status)
{
  if (status < ARCHIVE_WARN)
    g_error ("libarchive: %s", archive_error_string (archive));
}

static void
write_entry (struct archive       *archive,
             const CsTestZipEntry *spec)
{
  struct archive_entry *entry = archive_entry_new ();
  gsize len = spec->len < 0 ? strlen (spec->data) : (gsize) spec->len;

  archive_entry_set_pathname (entry, spec->name);
  archive_entry_set_mtime (entry, 1764316800, 0);
  switch (spec->type)
    {
    case CS_TEST_ZIP_FILE:
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, len);
      break;
    case CS_TEST_ZIP_DIRECTORY:
      archive_entry_set_filetype (entry, AE_IFDIR);
      archive_entry_set_perm (entry, 0755);
      len = 0;
      break;
    case CS_TEST_ZIP_SYMLINK:
      archive_entry_set_filetype (entry, AE_IFLNK);
      archive_entry_set_perm (entry, 0777);
      archive_entry_set_symlink (entry, spec->data);
      len = 0;
      break;
    case CS_TEST_ZIP_HARDLINK:
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_hardlink (entry, spec->data);
      archive_entry_set_size (entry, 0);
      len = 0;
      break;
    default:
      g_assert_not_reached ();
    }
  check (archive, archive_write_header (archive, entry));
  if (len > 0)
    g_assert_cmpint (archive_write_data (archive, spec->data, len), ==, (la_ssize_t) len);
  archive_entry_free (entry);
}

void
cs_test_zip_write (const char           *path,
                   const CsTestZipEntry *entries,
                   guint                 n_entries,
                   const char           *passphrase)
{
  struct archive *archive = archive_write_new ();

  check (archive, archive_write_set_format_zip (archive));
  if (passphrase != NULL)
    {
      check (archive, archive_write_set_options (archive, "zip:encryption=aes256"));
      check (archive, archive_write_set_passphrase (archive, passphrase));
    }
  check (archive, archive_write_open_filename (archive, path));
  for (guint i = 0; i < n_entries; i++)
    write_entry (archive, &entries[i]);
  check (archive, archive_write_close (archive));
  archive_write_free (archive);
}

static void
bytes_unref (gpointer bytes)
{
  g_bytes_unref (bytes);
}

GHashTable *
cs_test_zip_read (const char  *path,
                  const char  *passphrase,
                  GPtrArray  **names)
{
  struct archive *archive = archive_read_new ();
  GHashTable *entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               bytes_unref);
  struct archive_entry *entry;
  int status;

  *names = g_ptr_array_new_with_free_func (g_free);
  archive_read_support_format_zip (archive);
  if (passphrase != NULL)
    archive_read_add_passphrase (archive, passphrase);
  check (archive, archive_read_open_filename (archive, path, 1 << 16));
  while ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      g_autoptr(GByteArray) data = g_byte_array_new ();
      guint8 buffer[1 << 16];
      la_ssize_t n;

      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        g_byte_array_append (data, buffer, n);
      check (archive, (int) n);
      g_ptr_array_add (*names, g_strdup (archive_entry_pathname (entry)));
      g_hash_table_insert (entries, g_strdup (archive_entry_pathname (entry)),
                           g_byte_array_free_to_bytes (g_steal_pointer (&data)));
    }
  g_assert_cmpint (status, ==, ARCHIVE_EOF);
  archive_read_free (archive);
  return entries;
}

char *
cs_test_sha256 (const char *data,
                gsize       len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static CsPackageFile *
file_for (const char *path,
          const char *data,
          gsize       len)
{
  g_autofree char *sha256 = cs_test_sha256 (data, len);

  return cs_package_file_new (path, len, sha256);
}

CsPackageManifest *
cs_test_package_manifest (const char *case_data)
{
  g_autoptr(CsCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  CsPackageManifest *manifest = cs_package_manifest_new ();
  CsPackageSlide *slide = g_new0 (CsPackageSlide, 1);

  kase = cs_case_new_from_data (case_data, -1, &error);
  g_assert_no_error (error);
  manifest->version = CS_PACKAGE_VERSION;
  manifest->created = g_strdup ("2026-11-28T10:00:00Z");
  manifest->generator = g_strdup ("Consilium test");
  manifest->sender_name = g_strdup ("Dr. Sender");
  manifest->sender_institution = g_strdup ("Test Institute");
  manifest->case_id = g_strdup (cs_case_get_id (kase));
  manifest->case_title = cs_case_dup_title (kase);
  manifest->case_file = file_for ("case.json", case_data, strlen (case_data));
  slide->uuid = g_strdup (CS_TEST_ZIP_SLIDE_UUID);
  slide->sha256 = cs_test_sha256 ("a slide", 7);
  slide->file_name = g_strdup ("slide.svs");
  slide->size = 7;
  g_ptr_array_add (manifest->slides, slide);
  return manifest;
}

CsPackageFile *
cs_test_package_add_annotations (CsPackageManifest *manifest,
                                 const char        *path,
                                 const char        *author,
                                 const char        *data,
                                 gsize              len)
{
  CsPackageAnnotations *entry = g_new0 (CsPackageAnnotations, 1);

  entry->slide_uuid = g_strdup (CS_TEST_ZIP_SLIDE_UUID);
  entry->author = g_strdup (author);
  entry->file = file_for (path, data, len);
  g_ptr_array_add (manifest->annotations, entry);
  return entry->file;
}

CsPackageFile *
cs_test_package_add_views (CsPackageManifest *manifest,
                           const char        *path,
                           const char        *data)
{
  CsPackageViews *entry = g_new0 (CsPackageViews, 1);

  entry->slide_uuid = g_strdup (CS_TEST_ZIP_SLIDE_UUID);
  entry->file = file_for (path, data, strlen (data));
  g_ptr_array_add (manifest->views, entry);
  return entry->file;
}

void
cs_test_package_write (const char           *path,
                       CsPackageManifest    *manifest,
                       const char           *case_data,
                       const CsTestZipEntry *extra,
                       guint                 n_extra,
                       const char           *passphrase)
{
  gsize len = 0;
  g_autofree char *data = cs_package_manifest_to_data (manifest, &len);
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (CsTestZipEntry));
  CsTestZipEntry head[] = {
    { "manifest.json", CS_TEST_ZIP_FILE, data, len },
    { "case.json", CS_TEST_ZIP_FILE, case_data, -1 },
  };

  g_array_append_vals (entries, head, G_N_ELEMENTS (head));
  g_array_append_vals (entries, extra, n_extra);
  cs_test_zip_write (path, (CsTestZipEntry *) entries->data, entries->len, passphrase);
}

static void
list_tree (GPtrArray  *lines,
           const char *root,
           const char *relative)
{
  g_autofree char *path = relative[0] != '\0' ? g_build_filename (root, relative, NULL)
                                              : g_strdup (root);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  /* a folder's own time changes with a temporary file made and removed
   * in it: its content is what counts */
  if (S_ISDIR (st.st_mode))
    g_ptr_array_add (lines, g_strdup_printf ("%s/ %o", relative, (unsigned) st.st_mode));
  else
    g_ptr_array_add (lines, g_strdup_printf ("%s %o %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                                             ".%09ld", relative, (unsigned) st.st_mode,
                                             (gint64) st.st_size, (gint64) st.st_mtim.tv_sec,
                                             st.st_mtim.tv_nsec));
  if (!S_ISDIR (st.st_mode) || (dir = g_dir_open (path, 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = relative[0] != '\0' ? g_build_filename (relative, name, NULL)
                                                   : g_strdup (name);

      list_tree (lines, root, child);
    }
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

char *
cs_test_tree_listing (const char *root)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  list_tree (lines, root, "");
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

char *
cs_test_annotation_geojson (const char *author,
                            gsize      *len)
{
  CsRect rect = { 10, 20, 30, 40 };
  CsGeometry *geometry = cs_geometry_new_rectangle (&rect);
  g_autoptr(CsAnnotation) annotation = cs_annotation_new (CS_SHAPE_RECTANGLE, geometry);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  CsAnnotationExport context = { .slide_sha256 = NULL };

  cs_geometry_unref (geometry);
  cs_annotation_set_author (annotation, author);
  g_ptr_array_add (annotations, annotation);
  g_assert_true (cs_geojson_write (stream, annotations, &context, NULL, &error));
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  g_assert_no_error (error);
  *len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

typedef struct
{
  char       *name;
  GBytes     *local;    /* local header, data (and descriptor) */
  GByteArray *central;  /* its central directory record */
} SpliceEntry;

static void
splice_entry_free (gpointer data)
{
  SpliceEntry *entry = data;

  g_free (entry->name);
  g_bytes_unref (entry->local);
  g_byte_array_unref (entry->central);
  g_free (entry);
}

static guint32
le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static guint16
le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static gint
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* The entries of the zip @path, in central directory order. */
static GPtrArray *
splice_read (const char *path,
             GBytes    **keep)
{
  gsize len = 0;
  char *contents = NULL;
  const guint8 *b, *eocd = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func (splice_entry_free);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 cd, p;
  guint n;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  *keep = g_bytes_new_take (contents, len);
  b = (const guint8 *) contents;
  for (gsize i = len - 22; eocd == NULL && i > 0; i--)
    if (memcmp (b + i, "PK\005\006", 4) == 0)
      eocd = b + i;
  g_assert_nonnull (eocd);
  n = le16 (eocd + 10);
  cd = le32 (eocd + 16);
  p = cd;
  for (guint i = 0; i < n; i++)
    {
      SpliceEntry *entry = g_new0 (SpliceEntry, 1);
      guint16 name_len = le16 (b + p + 28);
      guint32 size = 46 + name_len + le16 (b + p + 30) + le16 (b + p + 32);
      guint32 offset = le32 (b + p + 42);

      entry->name = g_strndup ((const char *) b + p + 46, name_len);
      entry->central = g_byte_array_new ();
      g_byte_array_append (entry->central, b + p, size);
      entry->local = g_bytes_new_static (b + offset, 0);
      g_array_append_val (offsets, offset);
      g_ptr_array_add (entries, entry);
      p += size;
    }
  g_array_append_val (offsets, cd);
  g_array_sort (offsets, compare_offsets);
  for (guint i = 0; i < entries->len; i++)
    {
      SpliceEntry *entry = g_ptr_array_index (entries, i);
      guint32 offset = le32 (entry->central->data + 42);
      guint32 end = cd;

      for (guint k = 0; k < offsets->len; k++)
        if (g_array_index (offsets, guint32, k) > offset)
          {
            end = g_array_index (offsets, guint32, k);
            break;
          }
      g_bytes_unref (entry->local);
      entry->local = g_bytes_new_from_bytes (*keep, offset, end - offset);
    }
  return entries;
}

void
cs_test_zip_splice (const char         *plain,
                    const char         *aes,
                    const char * const *encrypted,
                    const char         *out)
{
  g_autoptr(GBytes) plain_bytes = NULL;
  g_autoptr(GBytes) aes_bytes = NULL;
  g_autoptr(GPtrArray) plain_entries = splice_read (plain, &plain_bytes);
  g_autoptr(GPtrArray) aes_entries = splice_read (aes, &aes_bytes);
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GByteArray) central = g_byte_array_new ();
  guint8 end[22] = { 'P', 'K', 5, 6 };

  for (guint i = 0; i < plain_entries->len; i++)
    {
      SpliceEntry *entry = g_ptr_array_index (plain_entries, i);
      guint32 offset = body->len;
      gsize len = 0;
      const guint8 *data;

      if (g_strv_contains (encrypted, entry->name))
        for (guint k = 0; k < aes_entries->len; k++)
          if (g_str_equal (((SpliceEntry *) g_ptr_array_index (aes_entries, k))->name,
                           entry->name))
            entry = g_ptr_array_index (aes_entries, k);
      data = g_bytes_get_data (entry->local, &len);
      g_byte_array_append (body, data, len);
      for (guint k = 0; k < 4; k++)
        entry->central->data[42 + k] = (offset >> (8 * k)) & 0xff;
      g_byte_array_append (central, entry->central->data, entry->central->len);
    }
  end[8] = end[10] = plain_entries->len & 0xff;
  end[9] = end[11] = plain_entries->len >> 8;
  for (guint k = 0; k < 4; k++)
    {
      end[12 + k] = (central->len >> (8 * k)) & 0xff;
      end[16 + k] = (body->len >> (8 * k)) & 0xff;
    }
  g_byte_array_append (body, central->data, central->len);
  g_byte_array_append (body, end, sizeof end);
  g_assert_true (g_file_set_contents (out, (const char *) body->data, body->len, NULL));
}
