/* cs-package-write.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "cs-package-create-private.h"

/* The zip archive of a package, with libarchive: manifest.json first,
 * slides stored as they are (already compressed images), the rest
 * deflated; with a passphrase every entry is AES-256 encrypted. Files are
 * streamed in chunks. Then the archive is read back: the manifest must
 * parse, and every entry it lists must be there once, with its size and
 * SHA-256, and nothing else. */

#define CHUNK (1 << 20)

typedef struct archive       CsArchive;
typedef struct archive_entry ArchiveEntry;

static void
archive_unref (CsArchive *archive)
{
  archive_free (archive);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsArchive, archive_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArchiveEntry, archive_entry_free)

static gboolean
fail (CsPackageBuilder *builder,
      CsArchive        *archive,
      GError          **error)
{
  const char *message = archive_error_string (archive);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the package %s: %s"),
               builder->name, message != NULL ? message : g_strerror (archive_errno (archive)));
  return FALSE;
}

static gboolean
has_passphrase (CsPackageBuilder *builder)
{
  return builder->options->passphrase != NULL && *builder->options->passphrase != '\0';
}

/* The manifest's creation time, for every entry. */
static time_t
package_time (CsPackageBuilder *builder)
{
  g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (builder->manifest->created, NULL);

  return created != NULL ? (time_t) g_date_time_to_unix (created) : 0;
}

static gboolean
write_header (CsPackageBuilder *builder,
              CsArchive        *archive,
              const char       *path,
              guint64           size,
              gboolean          stored,
              GError          **error)
{
  g_autoptr(ArchiveEntry) entry = archive_entry_new ();

  /* per entry (the "zip:compression" option is fixed at open) */
  if ((stored ? archive_write_zip_set_compression_store (archive)
              : archive_write_zip_set_compression_deflate (archive)) != ARCHIVE_OK)
    return fail (builder, archive, error);
  archive_entry_set_pathname_utf8 (entry, path);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, (la_int64_t) size);
  /* nothing of the sender's system: no owner, and the package's time */
  archive_entry_set_uid (entry, 0);
  archive_entry_set_gid (entry, 0);
  archive_entry_set_mtime (entry, package_time (builder), 0);
  if (archive_write_header (archive, entry) < ARCHIVE_WARN)
    return fail (builder, archive, error);
  return TRUE;
}

static gboolean
write_data (CsPackageBuilder *builder,
            CsArchive        *archive,
            const void       *data,
            gsize             len,
            GError          **error)
{
  if (len > 0 && archive_write_data (archive, data, len) != (la_ssize_t) len)
    return fail (builder, archive, error);
  return TRUE;
}

static gboolean
write_file (CsPackageBuilder *builder,
            CsArchive        *archive,
            CsPackageFile    *file,
            CsPackageEntry   *entry,
            GError          **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (entry->source);
  g_autoptr(GFileInputStream) in = NULL;
  g_autofree guint8 *buffer = g_malloc (CHUNK);
  guint64 total = 0;
  gssize n;

  in = g_file_read (source, builder->cancellable, error);
  if (in == NULL || !write_header (builder, archive, file->path, file->size, entry->stored, error))
    return FALSE;
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buffer, CHUNK, builder->cancellable,
                                   error)) > 0)
    {
      total += n;
      if (total > file->size)
        break;
      if (!write_data (builder, archive, buffer, n, error))
        return FALSE;
    }
  if (n < 0)
    return FALSE;
  if (total != file->size)
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_MISMATCH,
                   _("Cannot write the package %s: %s changed while it was being written"),
                   builder->name, entry->source);
      return FALSE;
    }
  return TRUE;
}

gboolean
_cs_package_write_archive (CsPackageBuilder *builder,
                           const char       *tmp_path,
                           int               fd,
                           GError          **error)
{
  g_autoptr(CsArchive) archive = archive_write_new ();
  g_autoptr(GPtrArray) files = cs_package_manifest_list_files (builder->manifest);
  g_autofree char *manifest = NULL;
  gsize len = 0;

  manifest = cs_package_manifest_to_data (builder->manifest, &len);
  if (archive_write_set_format_zip (archive) != ARCHIVE_OK ||
      (has_passphrase (builder) &&
       (archive_write_set_options (archive, "zip:encryption=aes256") != ARCHIVE_OK ||
        archive_write_set_passphrase (archive, builder->options->passphrase) != ARCHIVE_OK)) ||
      archive_write_open_fd (archive, fd) != ARCHIVE_OK)
    return fail (builder, archive, error);

  if (!write_header (builder, archive, CS_PACKAGE_MANIFEST_NAME, len, FALSE, error) ||
      !write_data (builder, archive, manifest, len, error))
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      CsPackageFile *file = g_ptr_array_index (files, i);
      CsPackageEntry *entry = g_hash_table_lookup (builder->entries, file->path);

      g_assert (entry != NULL);
      if (!write_file (builder, archive, file, entry, error))
        return FALSE;
    }
  if (archive_write_close (archive) != ARCHIVE_OK)
    return fail (builder, archive, error);
  if (fsync (fd) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write the package %s: %s"), builder->name, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* ---- Reading it back ------------------------------------------------------ */

static gboolean
mismatch (CsPackageBuilder *builder,
          const char       *path,
          GError          **error)
{
  g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_MISMATCH,
               _("Cannot write the package %s: %s does not read back as it was written"),
               builder->name, path);
  return FALSE;
}

/* Reads the current entry: its size and SHA-256, and its bytes into
 * @contents (nullable). */
static gboolean
read_entry (CsPackageBuilder *builder,
            CsArchive        *archive,
            guint64          *size,
            char            **sha256,
            GByteArray       *contents,
            GError          **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (CHUNK);
  la_ssize_t n;

  *size = 0;
  while ((n = archive_read_data (archive, buffer, CHUNK)) > 0)
    {
      g_checksum_update (checksum, buffer, n);
      *size += n;
      if (contents != NULL)
        g_byte_array_append (contents, buffer, n);
      if (g_cancellable_set_error_if_cancelled (builder->cancellable, error))
        return FALSE;
    }
  if (n < 0)
    return fail (builder, archive, error);
  *sha256 = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

static gboolean
check_manifest (CsPackageBuilder *builder,
                CsArchive        *archive,
                GError          **error)
{
  g_autoptr(GByteArray) contents = g_byte_array_new ();
  g_autoptr(CsPackageManifest) parsed = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sha256 = NULL;
  struct archive_entry *entry = NULL;
  guint64 size = 0;
  gsize len = 0;

  if (archive_read_next_header (archive, &entry) != ARCHIVE_OK)
    return fail (builder, archive, error);
  if (g_strcmp0 (archive_entry_pathname_utf8 (entry), CS_PACKAGE_MANIFEST_NAME) != 0)
    return mismatch (builder, CS_PACKAGE_MANIFEST_NAME, error);
  if (!read_entry (builder, archive, &size, &sha256, contents, error))
    return FALSE;
  expected = cs_package_manifest_to_data (builder->manifest, &len);
  if (contents->len != len || memcmp (contents->data, expected, len) != 0)
    return mismatch (builder, CS_PACKAGE_MANIFEST_NAME, error);
  parsed = cs_package_manifest_parse ((const char *) contents->data, contents->len,
                                      builder->name, error);
  return parsed != NULL;
}

gboolean
_cs_package_verify_archive (CsPackageBuilder *builder,
                            const char       *tmp_path,
                            GError          **error)
{
  g_autoptr(CsArchive) archive = archive_read_new ();
  g_autoptr(GPtrArray) files = cs_package_manifest_list_files (builder->manifest);
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
  struct archive_entry *entry = NULL;
  int status;

  for (guint i = 0; i < files->len; i++)
    {
      CsPackageFile *file = g_ptr_array_index (files, i);

      g_hash_table_insert (expected, file->path, file);
    }
  if (archive_read_support_format_zip (archive) != ARCHIVE_OK ||
      (has_passphrase (builder) &&
       archive_read_add_passphrase (archive, builder->options->passphrase) != ARCHIVE_OK) ||
      archive_read_open_filename (archive, tmp_path, 64 * 1024) != ARCHIVE_OK)
    return fail (builder, archive, error);
  if (!check_manifest (builder, archive, error))
    return FALSE;

  while ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *path = archive_entry_pathname_utf8 (entry);
      CsPackageFile *file = path != NULL ? g_hash_table_lookup (expected, path) : NULL;
      g_autofree char *sha256 = NULL;
      guint64 size = 0;

      if (file == NULL)
        return mismatch (builder, path != NULL ? path : "?", error);
      g_hash_table_remove (expected, path);
      if (!read_entry (builder, archive, &size, &sha256, NULL, error))
        return FALSE;
      if (size != file->size || g_strcmp0 (sha256, file->sha256) != 0)
        return mismatch (builder, file->path, error);
    }
  if (status != ARCHIVE_EOF)
    return fail (builder, archive, error);
  if (g_hash_table_size (expected) > 0)
    {
      GHashTableIter iter;
      gpointer path;

      g_hash_table_iter_init (&iter, expected);
      g_hash_table_iter_next (&iter, &path, NULL);
      return mismatch (builder, path, error);
    }
  return TRUE;
}
