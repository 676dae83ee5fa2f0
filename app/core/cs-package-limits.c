/* cs-package-limits.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package-read"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-package-read-private.h"

/* Caps on what one entry may declare, by kind: the documents are parsed in
 * memory (a case or an opinion far beyond any real one is an attack on
 * the receiver's memory), annotation files are parsed as a stream but
 * still held whole, PDFs are stored. Checked against the manifest before a
 * byte is extracted; the reader then stops any entry at its declared
 * size. */

#define DOCUMENT_MAX    (G_GUINT64_CONSTANT (16) << 20)
#define PDF_MAX         (G_GUINT64_CONSTANT (256) << 20)
#define ANNOTATIONS_MAX (G_GUINT64_CONSTANT (2) << 30)

static gboolean
check_file (const CsPackageFile *file,
            guint64              limit,
            const char          *package,
            GError             **error)
{
  g_autofree char *declared = NULL;
  g_autofree char *allowed = NULL;

  if (file == NULL || file->size <= limit)
    return TRUE;
  declared = g_format_size_full (file->size, G_FORMAT_SIZE_LONG_FORMAT);
  allowed = g_format_size_full (limit, G_FORMAT_SIZE_LONG_FORMAT);
  g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_TOO_LARGE,
               _("%s: the entry “%s” declares %s, more than the %s allowed for it"),
               package, file->path, declared, allowed);
  return FALSE;
}

static gboolean
check_opinion (const CsPackageOpinion *opinion,
               const char             *package,
               GError                **error)
{
  if (!check_file (opinion->file, DOCUMENT_MAX, package, error) ||
      !check_file (opinion->pdf, PDF_MAX, package, error))
    return FALSE;
  for (guint i = 0; opinion->revisions != NULL && i < opinion->revisions->len; i++)
    if (!check_file (g_ptr_array_index (opinion->revisions, i), DOCUMENT_MAX, package, error))
      return FALSE;
  return TRUE;
}

gboolean
_cs_package_check_declared_sizes (CsPackageManifest *manifest,
                                  const char        *package,
                                  GError           **error)
{
  if (!check_file (manifest->case_file, DOCUMENT_MAX, package, error))
    return FALSE;
  for (guint i = 0; i < manifest->opinions->len; i++)
    if (!check_opinion (g_ptr_array_index (manifest->opinions, i), package, error))
      return FALSE;
  for (guint i = 0; i < manifest->annotations->len; i++)
    {
      CsPackageAnnotations *entry = g_ptr_array_index (manifest->annotations, i);

      if (!check_file (entry->file, ANNOTATIONS_MAX, package, error))
        return FALSE;
    }
  return TRUE;
}
