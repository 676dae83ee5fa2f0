/* cs-package-create-slides.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cs-annotation-store.h"
#include "cs-case-teaching.h"
#include "cs-deidentify.h"
#include "cs-geojson.h"
#include "cs-saved-views-store.h"
#include "cs-package-create-private.h"
#include "cs-slide-identity.h"

/* The slides of a package and their annotations. A slide travels by
 * identity only, as the file itself, or as a de-identified copy; the copy
 * gets a new SHA-256 under the same UUID and a new file name, since file
 * names often hold accession numbers (FORMATS.md §9). */

static const char *
slide_label (const CsCaseSlide *entry)
{
  if (entry->slide_id != NULL)
    return entry->slide_id;
  if (entry->file_name != NULL)
    return entry->file_name;
  return entry->sha256;
}

static const char *
require_path (CsPackageBuilder  *builder,
              const CsCaseSlide *entry,
              GError           **error)
{
  const char *path = _cs_package_builder_slide_path (builder, entry->sha256);

  if (path == NULL)
    g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                 _("Cannot write the package %s: the slide %s is to be included, but its file "
                   "was not found (open the slide, or leave slides out)"),
                 builder->name, slide_label (entry));
  return path;
}

/* "<slide id or key>.<extension of the original>", checked. */
static char *
copy_name (const CsCaseSlide *entry,
           const char        *key,
           const char        *original)
{
  const char *dot = strrchr (original, '.');
  g_autofree char *extension = NULL;
  g_autofree char *name = NULL;

  if (dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL && strlen (dot) <= 6)
    extension = g_ascii_strdown (dot, -1);
  for (const char *p = extension != NULL ? extension + 1 : ""; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      g_clear_pointer (&extension, g_free);
  name = g_strconcat (entry->slide_id != NULL ? entry->slide_id : key,
                      extension != NULL ? extension : "", NULL);
  if (!_cs_package_check_file_name (name, NULL) || g_str_has_prefix (name, "."))
    {
      g_free (name);
      name = g_strconcat (key, extension != NULL ? extension : "", NULL);
    }
  return g_steal_pointer (&name);
}

static gboolean
check_single_file (CsPackageBuilder  *builder,
                   const CsCaseSlide *entry,
                   const char        *path,
                   GError           **error)
{
  g_autoptr(CsSlide) slide = cs_slide_new (path, error);
  g_autoptr(GPtrArray) files = NULL;

  if (slide == NULL)
    return FALSE;
  files = cs_slide_identity_list_files (path, cs_slide_get_vendor (slide));
  if (files->len <= 1)
    return TRUE;
  g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
               _("Cannot write the package %s: the slide %s is made of %u files (%s), and "
                 "only single-file slides can be included; send it by identity only"),
               builder->name, slide_label (entry), files->len,
               cs_slide_get_vendor (slide) != NULL ? cs_slide_get_vendor (slide) : "?");
  return FALSE;
}

static gboolean
include_original (CsPackageBuilder  *builder,
                  const CsCaseSlide *entry,
                  CsPackageSlide    *slide,
                  const char        *key,
                  GError           **error)
{
  const char *path = require_path (builder, entry, error);
  g_autofree char *entry_path = NULL;

  if (path == NULL || !check_single_file (builder, entry, path, error))
    return FALSE;
  entry_path = g_strdup_printf ("slides/%s/%s", key, slide->file_name);
  slide->file = _cs_package_builder_add_file (builder, entry_path, path, TRUE, error);
  if (slide->file == NULL)
    return FALSE;
  if (g_strcmp0 (slide->file->sha256, entry->sha256) != 0)
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_MISMATCH,
                   _("Cannot write the package %s: the file %s is no longer the slide %s (its "
                     "content changed)"), builder->name, path, slide_label (entry));
      return FALSE;
    }
  slide->size = slide->file->size;
  return TRUE;
}

static gboolean
include_deidentified (CsPackageBuilder  *builder,
                      const CsCaseSlide *entry,
                      CsPackageSlide    *slide,
                      const char        *key,
                      GError           **error)
{
  const char *path = require_path (builder, entry, error);
  g_autoptr(CsDeidentifyReport) report = NULL;
  g_autofree char *staged = NULL;
  g_autofree char *entry_path = NULL;

  if (path == NULL)
    return FALSE;
  g_free (slide->file_name);
  slide->file_name = copy_name (entry, key, path);
  staged = _cs_package_builder_stage_path (builder, ".slide");
  if (!cs_deidentify_slide (path, staged, &report, builder->cancellable, error))
    {
      g_prefix_error (error, _("Cannot de-identify the slide %s: "), slide_label (entry));
      return FALSE;
    }
  g_ptr_array_add (builder->reports, g_steal_pointer (&report));

  entry_path = g_strdup_printf ("slides/%s/%s", key, slide->file_name);
  slide->file = _cs_package_builder_add_file (builder, entry_path, staged, TRUE, error);
  if (slide->file == NULL)
    return FALSE;
  g_free (slide->sha256);
  slide->sha256 = g_strdup (slide->file->sha256);
  slide->size = slide->file->size;
  slide->deidentified = TRUE;
  return TRUE;
}

static gboolean
stage_slide (CsPackageBuilder  *builder,
             const CsCaseSlide *entry,
             GError           **error)
{
  g_autofree char *key = _cs_package_slide_key (entry->uuid);
  const char *path = _cs_package_builder_slide_path (builder, entry->sha256);
  CsPackageSlide *slide;
  GStatBuf st;

  if (entry->sha256 != NULL && cs_slide_identity_is_remote (entry->sha256))
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                   _("Cannot write the package %s: the slide %s is in a slide archive, and a "
                     "consult package carries slide files. File the opinion in the archive "
                     "(File in Archive…), or open a local copy of the slide for the case"),
                   builder->name, slide_label (entry));
      return FALSE;
    }
  if (key == NULL || !_cs_package_is_sha256 (entry->sha256))
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                   _("Cannot write the package %s: the slide %s of the case has no valid UUID "
                     "or SHA-256"), builder->name, slide_label (entry));
      return FALSE;
    }
  slide = g_new0 (CsPackageSlide, 1);
  g_ptr_array_add (builder->manifest->slides, slide);
  slide->uuid = g_strdup (entry->uuid);
  slide->sha256 = g_strdup (entry->sha256);
  slide->file_name = g_strdup (entry->file_name != NULL &&
                               _cs_package_check_file_name (entry->file_name, NULL)
                               ? entry->file_name : key);
  /* size 0: unknown (the sender does not have the file at hand) */
  if (path != NULL && g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
    slide->size = st.st_size;

  switch (builder->options->slide_mode)
    {
    case CS_PACKAGE_SLIDES_NONE:
      return TRUE;
    case CS_PACKAGE_SLIDES_ORIGINAL:
      return include_original (builder, entry, slide, key, error);
    case CS_PACKAGE_SLIDES_DEIDENTIFIED:
      return include_deidentified (builder, entry, slide, key, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
_cs_package_stage_slides (CsPackageBuilder *builder,
                          GError          **error)
{
  CsCase *kase = builder->options->kase;

  for (guint i = 0; i < cs_case_get_n_slides (kase); i++)
    {
      if (g_cancellable_set_error_if_cancelled (builder->cancellable, error) ||
          !stage_slide (builder, cs_case_get_slide (kase, i), error))
        return FALSE;
    }
  /* a title taken from a file name goes with the copy's name */
  if (builder->options->slide_mode == CS_PACKAGE_SLIDES_DEIDENTIFIED &&
      cs_case_get_n_slides (kase) > 0 &&
      g_strcmp0 (builder->manifest->case_title, cs_case_get_slide (kase, 0)->file_name) == 0)
    {
      CsPackageSlide *first = g_ptr_array_index (builder->manifest->slides, 0);

      g_free (builder->manifest->case_title);
      builder->manifest->case_title = g_strdup (first->file_name);
    }
  return TRUE;
}

/* ---- The case document ---------------------------------------------------- */

char *
_cs_package_case_data (CsPackageBuilder *builder,
                       gsize            *len)
{
  CsCase *kase = builder->options->kase;
  g_autofree char *data = cs_case_to_data (kase, len);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  gboolean deidentified = builder->options->slide_mode == CS_PACKAGE_SLIDES_DEIDENTIFIED;
  const char *teacher = cs_case_get_teaching_teacher (kase);
  g_autoptr(CsTeachingResponse) preview = teacher != NULL
                                          ? cs_case_dup_teaching_response (kase, teacher) : NULL;

  /* The teacher's own answer is their preview state: it stays home. */
  if (!deidentified && preview == NULL)
    return g_steal_pointer (&data);

  root = json_from_string (data, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_steal_pointer (&data);
  cs_teaching_drop_teacher_response (json_node_get_object (root));
  if (deidentified)
    _cs_package_describe_copies (builder, json_node_get_object (root), "slides");
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, len);
}

/* ---- Annotations ---------------------------------------------------------- */

static void
group_free (gpointer data)
{
  g_ptr_array_unref (data);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
write_group (CsPackageBuilder *builder,
             CsPackageSlide   *slide,
             const char       *key,
             guint             number,
             const char       *author,
             GPtrArray        *annotations,
             GError          **error)
{
  CsAnnotationExport context = { .slide_sha256 = slide->sha256, .slide_uuid = slide->uuid };
  g_autofree char *staged = _cs_package_builder_stage_path (builder, ".geojson");
  g_autofree char *path = g_strdup_printf ("annotations/%s-%u.geojson", key, number);
  g_autoptr(GFile) file = g_file_new_for_path (staged);
  g_autoptr(GFileOutputStream) out = NULL;
  CsPackageAnnotations *entry;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, builder->cancellable, error);
  if (out == NULL ||
      !cs_geojson_write (G_OUTPUT_STREAM (out), annotations, &context, builder->cancellable, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), builder->cancellable, error))
    return FALSE;

  entry = g_new0 (CsPackageAnnotations, 1);
  g_ptr_array_add (builder->manifest->annotations, entry);
  entry->slide_uuid = g_strdup (slide->uuid);
  entry->author = g_strdup (author);
  entry->count = annotations->len;
  entry->file = _cs_package_builder_add_file (builder, path, staged, FALSE, error);
  return entry->file != NULL;
}

/* One file per author, authors in order (numbered from 1). */
static gboolean
write_groups (CsPackageBuilder *builder,
              CsPackageSlide   *slide,
              GPtrArray        *annotations,
              GError          **error)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  g_autofree char *key = _cs_package_slide_key (slide->uuid);
  g_autofree gpointer *authors = NULL;
  guint n_authors = 0;

  for (guint i = 0; i < annotations->len; i++)
    {
      CsAnnotation *annotation = g_ptr_array_index (annotations, i);
      const char *author = cs_annotation_get_author (annotation);
      GPtrArray *group;

      if (cs_annotation_get_temporary (annotation))
        continue;
      author = author != NULL ? author : "";
      group = g_hash_table_lookup (groups, author);
      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (groups, (gpointer) author, group);
        }
      g_ptr_array_add (group, annotation);
    }
  authors = g_hash_table_get_keys_as_array (groups, &n_authors);
  qsort (authors, n_authors, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n_authors; i++)
    if (!write_group (builder, slide, key, i + 1, authors[i],
                      g_hash_table_lookup (groups, authors[i]), error))
      return FALSE;
  return TRUE;
}

/* The slide's saved views and tours, when it has any. */
static gboolean
write_views (CsPackageBuilder *builder,
             CsPackageSlide   *slide,
             const char       *sha256,
             GError          **error)
{
  g_autoptr(CsSavedViews) views = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *staged = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  CsPackageViews *entry;

  views = cs_saved_views_load (builder->options->annotation_directory, sha256, error);
  if (views == NULL)
    {
      g_prefix_error (error, _("Cannot write the package %s: "), builder->name);
      return FALSE;
    }
  if (cs_saved_views_is_empty (views))
    return TRUE;
  key = _cs_package_slide_key (slide->uuid);
  staged = _cs_package_builder_stage_path (builder, ".json");
  path = g_strdup_printf ("views/%s.json", key);
  root = cs_saved_views_to_json (views, slide->sha256);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  if (!json_generator_to_file (generator, staged, error))
    return FALSE;

  entry = g_new0 (CsPackageViews, 1);
  g_ptr_array_add (builder->manifest->views, entry);
  entry->slide_uuid = g_strdup (slide->uuid);
  entry->file = _cs_package_builder_add_file (builder, path, staged, FALSE, error);
  return entry->file != NULL;
}

gboolean
_cs_package_stage_annotations (CsPackageBuilder *builder,
                               GError          **error)
{
  CsCase *kase = builder->options->kase;

  for (guint i = 0; i < cs_case_get_n_slides (kase); i++)
    {
      const CsCaseSlide *entry = cs_case_get_slide (kase, i);
      CsPackageSlide *slide = g_ptr_array_index (builder->manifest->slides, i);
      g_autoptr(GPtrArray) annotations = NULL;
      CsAnnotationList *list;

      annotations = cs_annotation_store_read (builder->options->annotation_directory,
                                              entry->sha256, builder->cancellable, error);
      if (annotations == NULL)
        {
          g_prefix_error (error, _("Cannot write the package %s: "), builder->name);
          return FALSE;
        }
      list = cs_annotation_list_new ();
      cs_annotation_list_load (list, annotations);
      g_hash_table_replace (builder->lists, g_strdup (entry->sha256), list);
      if (!write_groups (builder, slide, annotations, error)
          || !write_views (builder, slide, entry->sha256, error))
        return FALSE;
    }
  return TRUE;
}
