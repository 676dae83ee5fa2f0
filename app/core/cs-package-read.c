/* cs-package-read.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package-read"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs-package-private.h"
#include "cs-package-read-private.h"

/* Reads a consult package as a stream, trusting nothing in it: the
 * manifest must come first and is size-capped before it is parsed; every
 * later entry must be a regular file with a safe name listed in the
 * manifest, is read in chunks while its bytes are counted (one byte more
 * than declared stops the read: zip bombs) and hashed, and is written, if
 * at all, only below a directory the caller made, with openat() and
 * O_EXCL | O_NOFOLLOW, never by joining its name to a path.
 *
 * Nothing here touches the receiver's data; import (cs-package-import.c)
 * decides where the directories are. No GObject: a reader belongs to the
 * thread that opened it. */

#define MANIFEST_NAME     CS_PACKAGE_MANIFEST_NAME
#define MANIFEST_MAX_SIZE (16 << 20)
#define CHUNK_SIZE        (256 << 10)

struct _CsPackageReader
{
  char              *path;
  char              *passphrase;
  struct archive    *archive;
  CsPackageManifest *manifest;
  GHashTable        *listed;    /* entry path → CsPackageFile (manifest's) */
  GHashTable        *seen;      /* entry paths read */
  GCancellable      *cancellable;
  guint8            *buffer;
  gboolean           encrypted; /* the manifest is: so must every entry be */
};

void
_cs_package_reader_free (CsPackageReader *reader)
{
  if (reader == NULL)
    return;
  if (reader->archive != NULL)
    archive_read_free (reader->archive);
  g_free (reader->path);
  if (reader->passphrase != NULL)
    explicit_bzero (reader->passphrase, strlen (reader->passphrase));
  g_free (reader->passphrase);
  g_clear_pointer (&reader->manifest, cs_package_manifest_free);
  g_clear_pointer (&reader->listed, g_hash_table_unref);
  g_clear_pointer (&reader->seen, g_hash_table_unref);
  g_clear_object (&reader->cancellable);
  g_free (reader->buffer);
  g_free (reader);
}

/* What a failed libarchive call means, as a CsPackageError naming the
 * package and @entry. */
static void
set_archive_error (CsPackageReader *reader,
                   const char      *entry,
                   GError         **error)
{
  const char *message = archive_error_string (reader->archive);

  if (message == NULL)
    message = _("unknown archive error");
  if (strstr (message, "Incorrect passphrase") != NULL)
    g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_WRONG_PASSPHRASE,
                 _("%s: the passphrase does not open this package"), reader->path);
  else if (reader->passphrase == NULL &&
           (strstr (message, "assphrase") != NULL || strstr (message, "ncrypt") != NULL))
    g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_PASSPHRASE,
                 _("%s is encrypted: a passphrase is needed to open it"), reader->path);
  else if (entry != NULL)
    g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_TRUNCATED,
                 _("%s is damaged or ends early, in the entry “%s”: %s"),
                 reader->path, entry, message);
  else
    g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_TRUNCATED,
                 _("%s is damaged or ends early: %s"), reader->path, message);
}

static gboolean
check_encryption (CsPackageReader      *reader,
                  struct archive_entry *entry,
                  GError              **error)
{
  if (reader->passphrase != NULL || !archive_entry_is_encrypted (entry))
    return TRUE;
  g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_PASSPHRASE,
               _("%s is encrypted: a passphrase is needed to open it"), reader->path);
  return FALSE;
}

/* An entry encrypted in a plain package, or plain in an encrypted one: a
 * package this application never writes, whose plain entries anyone could
 * have replaced. (libarchive writes an empty entry unencrypted: nothing to
 * hide, and its hash in the manifest fixes it.) */
static gboolean
check_same_encryption (CsPackageReader      *reader,
                       struct archive_entry *entry,
                       const char           *name,
                       GError              **error)
{
  if (!archive_entry_is_encrypted (entry) == !reader->encrypted ||
      (reader->encrypted && archive_entry_size_is_set (entry) && archive_entry_size (entry) == 0))
    return TRUE;
  g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_UNSAFE,
               reader->encrypted
               ? _("%s: the entry “%s” is not encrypted, but the package is: refused (a "
                   "package mixing encrypted and plain entries)")
               : _("%s: the entry “%s” is encrypted, but the package is not: refused (a "
                   "package mixing encrypted and plain entries)"),
               reader->path, name);
  return FALSE;
}

/* The whole manifest, refused beyond MANIFEST_MAX_SIZE before parsing. */
static char *
read_manifest_data (CsPackageReader *reader,
                    gsize           *len,
                    GError         **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();

  for (;;)
    {
      la_ssize_t n = archive_read_data (reader->archive, reader->buffer, CHUNK_SIZE);

      if (n < 0)
        {
          set_archive_error (reader, MANIFEST_NAME, error);
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + (gsize) n > MANIFEST_MAX_SIZE)
        {
          g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_TOO_LARGE,
                       _("%s: the entry “%s” is larger than %u MiB"),
                       reader->path, MANIFEST_NAME, MANIFEST_MAX_SIZE >> 20);
          return NULL;
        }
      g_byte_array_append (data, reader->buffer, n);
    }
  *len = data->len;
  g_byte_array_append (data, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&data), FALSE);
}

static gboolean
read_manifest (CsPackageReader *reader,
               guint64          max_size,
               GError         **error)
{
  struct archive_entry *entry = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) files = NULL;
  gsize len = 0;
  int status = archive_read_next_header (reader->archive, &entry);

  if (status == ARCHIVE_EOF)
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                   _("%s is not a Consilium package: it is empty"), reader->path);
      return FALSE;
    }
  /* no zip entry at all (another format, or garbage) */
  if (status < ARCHIVE_WARN)
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                   _("%s is not a Consilium package: %s"), reader->path,
                   archive_error_string (reader->archive));
      return FALSE;
    }
  if (g_strcmp0 (archive_entry_pathname (entry), MANIFEST_NAME) == 0 &&
      (archive_entry_filetype (entry) != AE_IFREG || archive_entry_symlink (entry) != NULL))
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_UNSAFE,
                   _("%s: the entry “%s” is not a regular file (a link, a folder or a "
                     "device): refused"), reader->path, MANIFEST_NAME);
      return FALSE;
    }
  if (g_strcmp0 (archive_entry_pathname (entry), MANIFEST_NAME) != 0)
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                   _("%s is not a Consilium package: its first entry is not %s"),
                   reader->path, MANIFEST_NAME);
      return FALSE;
    }
  if (!check_encryption (reader, entry, error))
    return FALSE;
  reader->encrypted = archive_entry_is_encrypted (entry) != 0;
  data = read_manifest_data (reader, &len, error);
  if (data == NULL)
    return FALSE;
  reader->manifest = cs_package_manifest_parse (data, len, reader->path, error);
  if (reader->manifest == NULL ||
      !_cs_package_check_declared_sizes (reader->manifest, reader->path, error))
    return FALSE;
  if (max_size == 0)
    max_size = CS_PACKAGE_DEFAULT_MAX_SIZE;
  if (cs_package_manifest_get_total_size (reader->manifest) > max_size)
    {
      guint64 size = cs_package_manifest_get_total_size (reader->manifest);
      g_autofree char *total = g_format_size (size);
      g_autofree char *limit = g_format_size (max_size);

      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_TOO_LARGE,
                   _("%s expands to %s, more than the limit of %s"),
                   reader->path, total, limit);
      return FALSE;
    }
  files = cs_package_manifest_list_files (reader->manifest);
  for (guint i = 0; i < files->len; i++)
    {
      CsPackageFile *file = g_ptr_array_index (files, i);

      g_hash_table_insert (reader->listed, file->path, file);
    }
  return TRUE;
}

/* A missing or unreadable file is said as such, not as a bad package. */
static gboolean
check_readable (const char *path,
                GError    **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  int saved = errno;

  if (fd >= 0)
    {
      close (fd);
      return TRUE;
    }
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot open %s: %s"),
               path, g_strerror (saved));
  return FALSE;
}

/**
 * _cs_package_reader_open:
 *
 * Returns: (transfer full) (nullable): a reader positioned after the
 *   manifest, or %NULL with @error set
 */
CsPackageReader *
_cs_package_reader_open (const char   *path,
                         const char   *passphrase,
                         guint64       max_size,
                         GCancellable *cancellable,
                         GError      **error)
{
  g_autoptr(CsPackageReader) reader = g_new0 (CsPackageReader, 1);

  g_return_val_if_fail (path != NULL, NULL);

  reader->path = g_strdup (path);
  /* "" opens nothing: an encrypted package then needs a passphrase */
  reader->passphrase = passphrase != NULL && *passphrase != '\0' ? g_strdup (passphrase) : NULL;
  reader->listed = g_hash_table_new (g_str_hash, g_str_equal);
  reader->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  reader->buffer = g_malloc (CHUNK_SIZE);
  reader->archive = archive_read_new ();
  archive_read_support_format_zip (reader->archive);
  if (reader->passphrase != NULL)
    archive_read_add_passphrase (reader->archive, reader->passphrase);
  if (!check_readable (path, error))
    return NULL;
  /* libarchive recognises the format when it opens the file */
  if (archive_read_open_filename (reader->archive, path, CHUNK_SIZE) != ARCHIVE_OK)
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                   _("%s is not a Consilium package: %s"), path,
                   archive_error_string (reader->archive));
      return NULL;
    }
  if (!read_manifest (reader, max_size, error))
    return NULL;
  return g_steal_pointer (&reader);
}

CsPackageManifest *
_cs_package_reader_get_manifest (CsPackageReader *reader)
{
  return reader->manifest;
}

gboolean
_cs_package_reader_is_encrypted (CsPackageReader *reader)
{
  return reader->encrypted;
}

CsPackageManifest *
_cs_package_reader_steal_manifest (CsPackageReader *reader)
{
  return g_steal_pointer (&reader->manifest);
}

/* ---- one entry ---------------------------------------------------------- */

static gboolean
check_entry (CsPackageReader       *reader,
             struct archive_entry  *entry,
             const char            *name,
             CsPackageFile        **file,
             GError               **error)
{
  if (archive_entry_filetype (entry) != AE_IFREG || archive_entry_hardlink (entry) != NULL ||
      archive_entry_symlink (entry) != NULL)
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_UNSAFE,
                   _("%s: the entry “%s” is not a regular file (a link, a folder or a "
                     "device): refused"), reader->path, name);
      return FALSE;
    }
  if (!_cs_package_check_entry_name (name, error))
    {
      g_prefix_error (error, _("%s: "), reader->path);
      return FALSE;
    }
  *file = g_hash_table_lookup (reader->listed, name);
  if (*file == NULL || strcmp (name, MANIFEST_NAME) == 0)
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                   _("%s: the entry “%s” is not listed in the manifest"), reader->path, name);
      return FALSE;
    }
  if (g_hash_table_contains (reader->seen, name))
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                   _("%s: the entry “%s” occurs twice"), reader->path, name);
      return FALSE;
    }
  g_hash_table_add (reader->seen, g_strdup (name));
  return check_encryption (reader, entry, error) &&
         check_same_encryption (reader, entry, name, error);
}

/* Streams the current entry's data into @fd (-1: nowhere), counting and
 * hashing it against @file. */
static gboolean
stream_entry (CsPackageReader     *reader,
              const CsPackageFile *file,
              int                  fd,
              GError             **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint64 count = 0;

  for (;;)
    {
      la_ssize_t n;

      if (g_cancellable_set_error_if_cancelled (reader->cancellable, error))
        return FALSE;
      n = archive_read_data (reader->archive, reader->buffer, CHUNK_SIZE);
      if (n < 0)
        {
          set_archive_error (reader, file->path, error);
          return FALSE;
        }
      if (n == 0)
        break;
      count += n;
      if (count > file->size)
        {
          g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_TOO_LARGE,
                       _("%s: the entry “%s” is larger than the %" PRIu64
                         " bytes the manifest declares"), reader->path, file->path, file->size);
          return FALSE;
        }
      g_checksum_update (checksum, reader->buffer, n);
      if (fd >= 0 &&
          !_cs_package_write_all (fd, reader->buffer, n, reader->path, file->path, error))
        return FALSE;
    }
  if (count < file->size)
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_MISMATCH,
                   _("%s: the entry “%s” holds %" PRIu64 " bytes, the manifest "
                     "declares %" PRIu64), reader->path, file->path, count, file->size);
      return FALSE;
    }
  if (g_ascii_strcasecmp (g_checksum_get_string (checksum), file->sha256) != 0)
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_MISMATCH,
                   _("%s: the entry “%s” does not match the SHA-256 in the manifest"),
                   reader->path, file->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
extract_entry (CsPackageReader     *reader,
               const CsPackageFile *file,
               int                  dir_fd,
               GError             **error)
{
  int fd = -1;
  gboolean ok;

  if (dir_fd >= 0)
    {
      fd = _cs_package_open_below (dir_fd, file->path, reader->path, error);
      if (fd < 0)
        return FALSE;
    }
  ok = stream_entry (reader, file, fd, error);
  if (ok && fd >= 0 && fsync (fd) != 0)
    ok = _cs_package_set_errno_error (reader->path, file->path, errno, error);
  if (fd >= 0 && close (fd) != 0 && ok)
    ok = _cs_package_set_errno_error (reader->path, file->path, errno, error);
  return ok;
}

static gboolean
check_complete (CsPackageReader *reader,
                GError         **error)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, reader->listed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (reader->seen, key))
      {
        g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_TRUNCATED,
                     _("%s: the entry “%s” the manifest lists is missing"),
                     reader->path, (const char *) key);
        return FALSE;
      }
  return TRUE;
}

/**
 * _cs_package_reader_extract:
 *
 * Returns: %TRUE when every listed entry was read and matched; on %FALSE
 *   what was written below the directories is the caller's to remove
 */
gboolean
_cs_package_reader_extract (CsPackageReader *reader,
                            int              text_dir_fd,
                            int              slide_dir_fd,
                            GError         **error)
{
  g_return_val_if_fail (reader != NULL && g_hash_table_size (reader->listed) > 0, FALSE);

  for (;;)
    {
      struct archive_entry *entry = NULL;
      CsPackageFile *file = NULL;
      const char *name;
      int status = archive_read_next_header (reader->archive, &entry);

      if (status == ARCHIVE_EOF)
        break;
      if (status < ARCHIVE_WARN)
        {
          set_archive_error (reader, NULL, error);
          return FALSE;
        }
      name = archive_entry_pathname (entry);
      if (name == NULL)
        name = "";
      if (!check_entry (reader, entry, name, &file, error) ||
          !extract_entry (reader, file,
                          g_str_has_prefix (name, "slides/") ? slide_dir_fd : text_dir_fd,
                          error))
        return FALSE;
    }
  return check_complete (reader, error);
}

/**
 * cs_package_inspect:
 * @path: the package
 * @passphrase: (nullable): its passphrase
 * @verify: also read every entry and check it against the manifest
 * @cancellable: (nullable): stops a verification
 * @error: return location for an error naming the package
 *
 * Reads a package without writing anything anywhere.
 *
 * Returns: (transfer full) (nullable): the manifest
 */
CsPackageManifest *
cs_package_inspect (const char   *path,
                    const char   *passphrase,
                    gboolean      verify,
                    GCancellable *cancellable,
                    GError      **error)
{
  g_autoptr(CsPackageReader) reader = _cs_package_reader_open (path, passphrase, 0,
                                                               cancellable, error);

  if (reader == NULL)
    return NULL;
  if (verify && !_cs_package_reader_extract (reader, -1, -1, error))
    return NULL;
  return _cs_package_reader_steal_manifest (reader);
}
