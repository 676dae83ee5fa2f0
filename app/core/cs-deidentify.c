/* cs-deidentify.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-deidentify"

#include "config.h"

#include "cs-deidentify.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <openslide.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>
#include <unistd.h>

/* A de-identified copy of an Aperio SVS or generic TIFF (FORMATS.md §10.3,
 * §10.6): a fresh file written with libtiff, keeping the pyramid levels
 * (and the Aperio thumbnail, IFD 1) with their tiles copied raw, dropping
 * label, macro and every other stripped image, scrubbing identifying
 * ImageDescription fields and copying only structural tags. The copy is
 * verified (cs-deidentify-verify.c) before it is renamed into place. */

/* ImageDescription keys dropped from Aperio descriptions (§10.3 step 5). */
static const char *const removed_keys[] = {
  "Filename", "User", "Date", "Time", "ScanScope ID", "Barcode", "Rack",
  "Slide", "ImageID", "Left", "Top", NULL
};

/* ASCII tags never copied; reported when present. */
static const struct
{
  ttag_t      tag;
  const char *name;
} removed_tags[] = {
  { TIFFTAG_DATETIME, "DateTime" },
  { TIFFTAG_ARTIST, "Artist" },
  { TIFFTAG_HOSTCOMPUTER, "HostComputer" },
  { TIFFTAG_DOCUMENTNAME, "DocumentName" },
  { TIFFTAG_COPYRIGHT, "Copyright" },
  { TIFFTAG_MAKE, "Make" },
  { TIFFTAG_MODEL, "Model" },
  { TIFFTAG_SOFTWARE, "Software" },
  { TIFFTAG_PAGENAME, "PageName" },
};

G_DEFINE_QUARK (cs-deidentify-error-quark, cs_deidentify_error)

CsDeidentifyReport *
cs_deidentify_report_new (void)
{
  CsDeidentifyReport *report = g_new0 (CsDeidentifyReport, 1);

  report->removed_images = g_ptr_array_new_with_free_func (g_free);
  report->removed_fields = g_ptr_array_new_with_free_func (g_free);
  report->removed_tags = g_ptr_array_new_with_free_func (g_free);
  report->removed_values = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
cs_deidentify_report_free (CsDeidentifyReport *report)
{
  if (report == NULL)
    return;
  g_free (report->vendor);
  g_ptr_array_unref (report->removed_images);
  g_ptr_array_unref (report->removed_fields);
  g_ptr_array_unref (report->removed_tags);
  g_ptr_array_unref (report->removed_values);
  g_free (report);
}

static void
add_unique (GPtrArray  *array,
            const char *text)
{
  guint index;

  if (!g_ptr_array_find_with_equal_func (array, text, g_str_equal, &index))
    g_ptr_array_add (array, g_strdup (text));
}

static void
note_value (CsDeidentifyReport *report,
            GPtrArray          *list,
            const char         *name,
            const char         *value)
{
  g_autofree char *entry = g_strdup_printf ("%s = %s", name, value);

  add_unique (list, entry);
  if (*value != '\0')
    add_unique (report->removed_values, value);
}

static gboolean
key_is_removed (const char *key)
{
  return g_strv_contains (removed_keys, key);
}

/* Keeps everything before the first '|' verbatim, and of the "key = value"
 * pairs after it drops those of removed_keys. */
static char *
scrub_aperio_description (const char         *description,
                          CsDeidentifyReport *report)
{
  g_auto(GStrv) parts = g_strsplit (description, "|", -1);
  GString *out = g_string_new (parts[0]);

  for (guint i = 1; parts[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (parts[i], "=", 2);
      g_autofree char *key = g_strstrip (g_strdup (kv[0]));

      if (kv[1] != NULL && key_is_removed (key))
        {
          g_autofree char *value = g_strstrip (g_strdup (kv[1]));

          note_value (report, report->removed_fields, key, value);
          continue;
        }
      g_string_append_c (out, '|');
      g_string_append (out, parts[i]);
    }
  return g_string_free (out, FALSE);
}

/* The first word of the description's second line ("label 387x463"). */
static char *
description_second_line (TIFF *in)
{
  const char *description = NULL;
  const char *eol;

  if (!TIFFGetField (in, TIFFTAG_IMAGEDESCRIPTION, &description) || description == NULL)
    return NULL;
  eol = strpbrk (description, "\r\n");
  if (eol == NULL)
    return NULL;
  eol += strspn (eol, "\r\n");
  return g_strndup (eol, strcspn (eol, "\r\n"));
}

static gboolean
is_associated (TIFF *in)
{
  g_autofree char *line = description_second_line (in);
  guint32 subfile = 0;

  /* NewSubfileType 1 is also a reduced-resolution level: only a stripped
   * directory is an associated image by its type. */
  TIFFGetField (in, TIFFTAG_SUBFILETYPE, &subfile);
  if (!TIFFIsTiled (in) && (subfile == 1 || subfile == 9))
    return TRUE;
  return line != NULL && (g_str_has_prefix (line, "label ") ||
                          g_str_has_prefix (line, "macro "));
}

/* Whether directory @dir is copied. Aperio: tiled directories (levels)
 * and the thumbnail, the stripped IFD 1 that is neither label nor macro.
 * Generic TIFF: only the pyramid OpenSlide reads (§10.6), a tiled IFD 0
 * and later tiled reduced-resolution directories. */
static gboolean
keep_directory (TIFF     *in,
                tdir_t    dir,
                gboolean  aperio)
{
  guint32 subfile = 0;

  if (is_associated (in))
    return FALSE;
  if (aperio)
    return TIFFIsTiled (in) || dir == 1;
  TIFFGetField (in, TIFFTAG_SUBFILETYPE, &subfile);
  return TIFFIsTiled (in) && (dir == 0 || (subfile & FILETYPE_REDUCEDIMAGE) != 0);
}

static void
note_dropped (TIFF               *in,
              tdir_t              dir,
              CsDeidentifyReport *report)
{
  g_autofree char *line = description_second_line (in);
  guint32 width = 0, height = 0;
  g_autofree char *entry = NULL;
  const char *description = NULL;

  if (TIFFGetField (in, TIFFTAG_IMAGEDESCRIPTION, &description) && description != NULL &&
      *description != '\0')
    add_unique (report->removed_values, description);
  TIFFGetField (in, TIFFTAG_IMAGEWIDTH, &width);
  TIFFGetField (in, TIFFTAG_IMAGELENGTH, &height);
  if (line != NULL && is_associated (in) && *line != '\0')
    entry = g_strdup (line);
  else
    entry = g_strdup_printf (_("image %u (%u×%u)"), (guint) dir, width, height);
  g_ptr_array_add (report->removed_images, g_steal_pointer (&entry));
}

static void
note_removed_tags (TIFF               *in,
                   CsDeidentifyReport *report)
{
  for (guint i = 0; i < G_N_ELEMENTS (removed_tags); i++)
    {
      const char *value = NULL;

      if (TIFFGetField (in, removed_tags[i].tag, &value) && value != NULL)
        note_value (report, report->removed_tags, removed_tags[i].name, value);
    }
}

#define COPY_FIELD(type, tag)                   \
  G_STMT_START {                                \
    type v_;                                    \
    if (TIFFGetField (in, tag, &v_))            \
      TIFFSetField (out, tag, v_);              \
  } G_STMT_END

/* The structural tags of §10.3 step 4; Compression before JPEGTables. */
static void
copy_structure (TIFF *in,
                TIFF *out)
{
  guint16 sub_h, sub_v;
  guint32 count;
  void *data;

  COPY_FIELD (guint32, TIFFTAG_SUBFILETYPE);
  COPY_FIELD (guint32, TIFFTAG_IMAGEWIDTH);
  COPY_FIELD (guint32, TIFFTAG_IMAGELENGTH);
  COPY_FIELD (guint32, TIFFTAG_IMAGEDEPTH);
  COPY_FIELD (guint16, TIFFTAG_BITSPERSAMPLE);
  COPY_FIELD (guint16, TIFFTAG_SAMPLESPERPIXEL);
  COPY_FIELD (guint16, TIFFTAG_SAMPLEFORMAT);
  COPY_FIELD (guint16, TIFFTAG_COMPRESSION);
  COPY_FIELD (guint16, TIFFTAG_PHOTOMETRIC);
  COPY_FIELD (guint16, TIFFTAG_PLANARCONFIG);
  COPY_FIELD (guint16, TIFFTAG_PREDICTOR);
  COPY_FIELD (guint16, TIFFTAG_RESOLUTIONUNIT);
  COPY_FIELD (float, TIFFTAG_XRESOLUTION);
  COPY_FIELD (float, TIFFTAG_YRESOLUTION);
  if (TIFFIsTiled (in))
    {
      COPY_FIELD (guint32, TIFFTAG_TILEWIDTH);
      COPY_FIELD (guint32, TIFFTAG_TILELENGTH);
    }
  else
    COPY_FIELD (guint32, TIFFTAG_ROWSPERSTRIP);
  if (TIFFGetField (in, TIFFTAG_YCBCRSUBSAMPLING, &sub_h, &sub_v))
    TIFFSetField (out, TIFFTAG_YCBCRSUBSAMPLING, sub_h, sub_v);
  if (TIFFGetField (in, TIFFTAG_JPEGTABLES, &count, &data))
    TIFFSetField (out, TIFFTAG_JPEGTABLES, count, data);
  if (TIFFGetField (in, TIFFTAG_ICCPROFILE, &count, &data))
    TIFFSetField (out, TIFFTAG_ICCPROFILE, count, data);
}

/* Chunks copied between two checks of the cancellable. */
#define CHUNKS_PER_CHECK 256

static gboolean
copy_raw_chunks (TIFF          *in,
                 TIFF          *out,
                 const char    *path,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gboolean tiled = TIFFIsTiled (in);
  guint32 n = tiled ? TIFFNumberOfTiles (in) : TIFFNumberOfStrips (in);
  guint64 *counts = NULL;
  g_autofree guint8 *buffer = NULL;
  guint64 size = 0;

  if (!TIFFGetField (in, tiled ? TIFFTAG_TILEBYTECOUNTS : TIFFTAG_STRIPBYTECOUNTS, &counts))
    {
      g_set_error (error, CS_DEIDENTIFY_ERROR, CS_DEIDENTIFY_ERROR_FAILED,
                   _("Cannot read the image data of %s: no byte counts"), path);
      return FALSE;
    }
  for (guint32 i = 0; i < n; i++)
    size = MAX (size, counts[i]);
  buffer = g_malloc (MAX (size, 1));
  for (guint32 i = 0; i < n; i++)
    {
      tmsize_t len;

      if (i % CHUNKS_PER_CHECK == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (counts[i] == 0)
        continue;               /* missing tile: stays missing (§10.3 step 6) */
      len = tiled ? TIFFReadRawTile (in, i, buffer, (tmsize_t) size)
                  : TIFFReadRawStrip (in, i, buffer, (tmsize_t) size);
      if (len < 0 ||
          (tiled ? TIFFWriteRawTile (out, i, buffer, len)
                 : TIFFWriteRawStrip (out, i, buffer, len)) != len)
        {
          g_set_error (error, CS_DEIDENTIFY_ERROR, CS_DEIDENTIFY_ERROR_FAILED,
                       _("Cannot copy the image data of %s (chunk %u)"), path, i);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
copy_directory (TIFF               *in,
                TIFF               *out,
                gboolean            aperio,
                CsDeidentifyReport *report,
                const char         *path,
                GCancellable       *cancellable,
                GError            **error)
{
  const char *description = NULL;

  copy_structure (in, out);
  note_removed_tags (in, report);
  if (TIFFGetField (in, TIFFTAG_IMAGEDESCRIPTION, &description) && description != NULL)
    {
      if (aperio)
        {
          g_autofree char *scrubbed = scrub_aperio_description (description, report);

          TIFFSetField (out, TIFFTAG_IMAGEDESCRIPTION, scrubbed);
        }
      else if (*description != '\0')
        note_value (report, report->removed_tags, "ImageDescription", description);
    }
  if (!copy_raw_chunks (in, out, path, cancellable, error))
    return FALSE;
  if (!TIFFWriteDirectory (out))
    {
      g_set_error (error, CS_DEIDENTIFY_ERROR, CS_DEIDENTIFY_ERROR_FAILED,
                   _("Cannot write %s"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
copy_tiff (TIFF               *in,
           const char         *tmp_path,
           gboolean            aperio,
           CsDeidentifyReport *report,
           GCancellable       *cancellable,
           GError            **error)
{
  char mode[4] = "w";
  TIFF *out;
  tdir_t dir = 0;
  gboolean ok = TRUE;

  if (TIFFIsBigTIFF (in))
    g_strlcat (mode, "8", sizeof mode);
  g_strlcat (mode, TIFFIsBigEndian (in) ? "b" : "l", sizeof mode);
  out = TIFFOpen (tmp_path, mode);
  if (out == NULL)
    {
      g_set_error (error, CS_DEIDENTIFY_ERROR, CS_DEIDENTIFY_ERROR_FAILED,
                   _("Cannot create %s"), tmp_path);
      return FALSE;
    }
  do
    {
      if (keep_directory (in, dir, aperio))
        {
          ok = copy_directory (in, out, aperio, report, tmp_path, cancellable, error);
          report->n_levels += TIFFIsTiled (in) ? 1 : 0;
        }
      else
        note_dropped (in, dir, report);
      dir++;
    }
  while (ok && TIFFReadDirectory (in));
  TIFFClose (out);
  return ok;
}

static gboolean
same_file (const char *in,
           const char *out)
{
  GStatBuf a, b;
  g_autofree char *ca = g_canonicalize_filename (in, NULL);
  g_autofree char *cb = g_canonicalize_filename (out, NULL);

  if (g_str_equal (ca, cb))
    return TRUE;
  return g_stat (in, &a) == 0 && g_stat (out, &b) == 0 &&
         a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Aperio and generic TIFF only (§10.3 step 1, §10.6). */
static gboolean
check_format (const char          *in,
              CsDeidentifyReport  *report,
              GError             **error)
{
  const char *vendor;
  g_autofree char *name = g_filename_display_name (in);

  if (!g_file_test (in, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot de-identify %s: no such file"), name);
      return FALSE;
    }
  vendor = openslide_detect_vendor (in);
  if (vendor == NULL)
    {
      g_set_error (error, CS_DEIDENTIFY_ERROR, CS_DEIDENTIFY_ERROR_UNSUPPORTED,
                   _("Cannot de-identify %s: not a slide OpenSlide recognises "
                     "(only Aperio SVS and generic tiled TIFF are supported)"), name);
      return FALSE;
    }
  if (!g_str_equal (vendor, "aperio") && !g_str_equal (vendor, "generic-tiff"))
    {
      g_set_error (error, CS_DEIDENTIFY_ERROR, CS_DEIDENTIFY_ERROR_UNSUPPORTED,
                   _("Cannot de-identify %s: the “%s” format cannot be "
                     "de-identified safely (only Aperio SVS and generic tiled TIFF "
                     "are supported)"), name, vendor);
      return FALSE;
    }
  report->vendor = g_strdup (vendor);
  return TRUE;
}

static gboolean
sync_and_rename (const char  *tmp_path,
                 const char  *out,
                 GError     **error)
{
  int fd = g_open (tmp_path, O_RDONLY | O_CLOEXEC, 0);
  g_autofree char *dir = g_path_get_dirname (out);
  int saved;

  if (fd < 0 || fsync (fd) != 0 || g_rename (tmp_path, out) != 0)
    {
      saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write %s: %s"), out, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  fd = g_open (dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}

static char *
make_tmp_path (const char  *out,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (out);
  char *path = g_build_filename (dir, ".deidentify-XXXXXX.tmp", NULL);
  int fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write into %s: %s"), dir, g_strerror (saved));
      g_free (path);
      return NULL;
    }
  close (fd);
  return path;
}

/**
 * cs_deidentify_slide:
 * @in: an Aperio SVS or generic tiled TIFF, never modified
 * @out: the copy to write; must not be @in
 * @report: (out) (optional): what was removed
 * @cancellable: (nullable): checked while the tiles are copied, before the
 *   pixels are compared and before the copy is renamed into place
 * @error: return location for an error
 *
 * Writes a de-identified copy of @in (FORMATS.md §10), verifies it with
 * cs_deidentify_verify () and only then renames it to @out. On failure
 * nothing is left at @out.
 *
 * Returns: %TRUE when @out holds a verified copy
 */
gboolean
cs_deidentify_slide (const char          *in,
                     const char          *out,
                     CsDeidentifyReport **report,
                     GCancellable        *cancellable,
                     GError             **error)
{
  g_autoptr(CsDeidentifyReport) result = cs_deidentify_report_new ();
  g_autofree char *tmp_path = NULL;
  TIFF *tif;
  gboolean ok;

  if (same_file (in, out))
    {
      g_set_error (error, CS_DEIDENTIFY_ERROR, CS_DEIDENTIFY_ERROR_SAME_FILE,
                   _("Cannot de-identify %s onto itself: choose another output file"), in);
      return FALSE;
    }
  if (!check_format (in, result, error))
    return FALSE;
  tif = TIFFOpen (in, "r");
  if (tif == NULL)
    {
      g_set_error (error, CS_DEIDENTIFY_ERROR, CS_DEIDENTIFY_ERROR_UNSUPPORTED,
                   _("Cannot de-identify %s: libtiff cannot read it"), in);
      return FALSE;
    }
  tmp_path = make_tmp_path (out, error);
  ok = tmp_path != NULL &&
       copy_tiff (tif, tmp_path, g_str_equal (result->vendor, "aperio"), result, cancellable,
                  error);
  TIFFClose (tif);
  ok = ok && cs_deidentify_verify (in, tmp_path, result, cancellable, error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       sync_and_rename (tmp_path, out, error);
  if (!ok && tmp_path != NULL)
    g_unlink (tmp_path);
  if (ok && report != NULL)
    *report = g_steal_pointer (&result);
  return ok;
}
