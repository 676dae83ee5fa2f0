/* cs-package-manifest.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The manifest of a consult package: its structures and its JSON form
 * (parsed in cs-package-manifest-parse.c). */

#include "config.h"

#include <json-glib/json-glib.h>

#include "cs-package-private.h"

CsPackageFile *
cs_package_file_new (const char *path,
                     guint64     size,
                     const char *sha256)
{
  CsPackageFile *file = g_new0 (CsPackageFile, 1);

  file->path = g_strdup (path);
  file->size = size;
  file->sha256 = g_strdup (sha256);
  return file;
}

void
cs_package_file_free (CsPackageFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->sha256);
  g_free (file);
}

void
_cs_package_file_free (gpointer data)
{
  cs_package_file_free (data);
}

void
_cs_package_slide_free (gpointer data)
{
  CsPackageSlide *slide = data;

  g_free (slide->uuid);
  g_free (slide->sha256);
  g_free (slide->file_name);
  cs_package_file_free (slide->file);
  g_free (slide);
}

void
_cs_package_annotations_free (gpointer data)
{
  CsPackageAnnotations *annotations = data;

  g_free (annotations->slide_uuid);
  g_free (annotations->author);
  cs_package_file_free (annotations->file);
  g_free (annotations);
}

void
_cs_package_views_free (gpointer data)
{
  CsPackageViews *views = data;

  g_free (views->slide_uuid);
  cs_package_file_free (views->file);
  g_free (views);
}

CsPackageOpinion *
_cs_package_opinion_new (void)
{
  CsPackageOpinion *opinion = g_new0 (CsPackageOpinion, 1);

  opinion->revisions = g_ptr_array_new_with_free_func (_cs_package_file_free);
  return opinion;
}

void
_cs_package_opinion_free (gpointer data)
{
  CsPackageOpinion *opinion = data;

  g_free (opinion->id);
  g_free (opinion->status);
  g_free (opinion->consultant);
  g_free (opinion->content_sha256);
  cs_package_file_free (opinion->file);
  g_ptr_array_unref (opinion->revisions);
  cs_package_file_free (opinion->pdf);
  g_free (opinion);
}

CsPackageManifest *
cs_package_manifest_new (void)
{
  CsPackageManifest *manifest = g_new0 (CsPackageManifest, 1);

  manifest->version = CS_PACKAGE_VERSION;
  manifest->slides = g_ptr_array_new_with_free_func (_cs_package_slide_free);
  manifest->annotations = g_ptr_array_new_with_free_func (_cs_package_annotations_free);
  manifest->views = g_ptr_array_new_with_free_func (_cs_package_views_free);
  manifest->opinions = g_ptr_array_new_with_free_func (_cs_package_opinion_free);
  return manifest;
}

void
cs_package_manifest_free (CsPackageManifest *manifest)
{
  if (manifest == NULL)
    return;
  g_free (manifest->created);
  g_free (manifest->generator);
  g_free (manifest->sender_name);
  g_free (manifest->sender_institution);
  g_free (manifest->message);
  g_free (manifest->case_id);
  g_free (manifest->case_title);
  cs_package_file_free (manifest->case_file);
  g_ptr_array_unref (manifest->slides);
  g_ptr_array_unref (manifest->annotations);
  g_ptr_array_unref (manifest->views);
  g_ptr_array_unref (manifest->opinions);
  g_free (manifest);
}

GPtrArray *
cs_package_manifest_list_files (CsPackageManifest *manifest)
{
  GPtrArray *files = g_ptr_array_new ();

  g_return_val_if_fail (manifest != NULL, files);

  if (manifest->case_file != NULL)
    g_ptr_array_add (files, manifest->case_file);
  for (guint i = 0; i < manifest->opinions->len; i++)
    {
      CsPackageOpinion *opinion = g_ptr_array_index (manifest->opinions, i);

      if (opinion->file != NULL)
        g_ptr_array_add (files, opinion->file);
      for (guint j = 0; j < opinion->revisions->len; j++)
        g_ptr_array_add (files, g_ptr_array_index (opinion->revisions, j));
      if (opinion->pdf != NULL)
        g_ptr_array_add (files, opinion->pdf);
    }
  for (guint i = 0; i < manifest->annotations->len; i++)
    {
      CsPackageAnnotations *annotations = g_ptr_array_index (manifest->annotations, i);

      if (annotations->file != NULL)
        g_ptr_array_add (files, annotations->file);
    }
  for (guint i = 0; i < manifest->views->len; i++)
    {
      CsPackageViews *views = g_ptr_array_index (manifest->views, i);

      if (views->file != NULL)
        g_ptr_array_add (files, views->file);
    }
  for (guint i = 0; i < manifest->slides->len; i++)
    {
      CsPackageSlide *slide = g_ptr_array_index (manifest->slides, i);

      if (slide->file != NULL)
        g_ptr_array_add (files, slide->file);
    }
  return files;
}

guint64
cs_package_manifest_get_total_size (CsPackageManifest *manifest)
{
  g_autoptr(GPtrArray) files = cs_package_manifest_list_files (manifest);
  guint64 total = 0;

  for (guint i = 0; i < files->len; i++)
    {
      CsPackageFile *file = g_ptr_array_index (files, i);

      total = file->size > G_MAXUINT64 - total ? G_MAXUINT64 : total + file->size;
    }
  return total;
}

static void
add_file_object (JsonBuilder   *builder,
                 CsPackageFile *file)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, file->path);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, (gint64) file->size);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, file->sha256);
  json_builder_end_object (builder);
}

static void
add_file (JsonBuilder   *builder,
          const char    *member,
          CsPackageFile *file)
{
  json_builder_set_member_name (builder, member);
  add_file_object (builder, file);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_slides (JsonBuilder       *builder,
            CsPackageManifest *manifest)
{
  json_builder_set_member_name (builder, "slides");
  json_builder_begin_array (builder);
  for (guint i = 0; i < manifest->slides->len; i++)
    {
      CsPackageSlide *slide = g_ptr_array_index (manifest->slides, i);

      json_builder_begin_object (builder);
      add_string (builder, "uuid", slide->uuid);
      add_string (builder, "sha256", slide->sha256);
      add_string (builder, "file_name", slide->file_name);
      add_int (builder, "size", (gint64) slide->size);
      json_builder_set_member_name (builder, "deidentified");
      json_builder_add_boolean_value (builder, slide->deidentified);
      if (slide->file != NULL)
        add_file (builder, "file", slide->file);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_annotations (JsonBuilder       *builder,
                 CsPackageManifest *manifest)
{
  json_builder_set_member_name (builder, "annotations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < manifest->annotations->len; i++)
    {
      CsPackageAnnotations *annotations = g_ptr_array_index (manifest->annotations, i);

      json_builder_begin_object (builder);
      add_string (builder, "slide_uuid", annotations->slide_uuid);
      add_string (builder, "author", annotations->author);
      add_int (builder, "count", annotations->count);
      add_file (builder, "file", annotations->file);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_views (JsonBuilder       *builder,
           CsPackageManifest *manifest)
{
  if (manifest->views->len == 0)
    return;
  json_builder_set_member_name (builder, "views");
  json_builder_begin_array (builder);
  for (guint i = 0; i < manifest->views->len; i++)
    {
      CsPackageViews *views = g_ptr_array_index (manifest->views, i);

      json_builder_begin_object (builder);
      add_string (builder, "slide_uuid", views->slide_uuid);
      add_file (builder, "file", views->file);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_opinion (JsonBuilder      *builder,
             CsPackageOpinion *opinion)
{
  json_builder_begin_object (builder);
  add_string (builder, "id", opinion->id);
  add_int (builder, "revision", opinion->revision);
  add_string (builder, "status", opinion->status);
  add_string (builder, "consultant", opinion->consultant);
  if (opinion->content_sha256 != NULL)
    add_string (builder, "content_sha256", opinion->content_sha256);
  add_file (builder, "file", opinion->file);
  json_builder_set_member_name (builder, "revisions");
  json_builder_begin_array (builder);
  for (guint j = 0; j < opinion->revisions->len; j++)
    add_file_object (builder, g_ptr_array_index (opinion->revisions, j));
  json_builder_end_array (builder);
  if (opinion->pdf != NULL)
    add_file (builder, "pdf", opinion->pdf);
  json_builder_end_object (builder);
}

static void
add_case (JsonBuilder       *builder,
          CsPackageManifest *manifest)
{
  json_builder_set_member_name (builder, "case");
  json_builder_begin_object (builder);
  add_string (builder, "id", manifest->case_id);
  add_string (builder, "title", manifest->case_title);
  add_file (builder, "file", manifest->case_file);
  json_builder_end_object (builder);
}

char *
cs_package_manifest_to_data (CsPackageManifest *manifest,
                             gsize             *len)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (manifest != NULL && manifest->case_file != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "format", CS_PACKAGE_FORMAT);
  add_int (builder, "version", manifest->version);
  add_string (builder, "created", manifest->created);
  add_string (builder, "generator", manifest->generator);
  json_builder_set_member_name (builder, "sender");
  json_builder_begin_object (builder);
  add_string (builder, "name", manifest->sender_name);
  add_string (builder, "institution", manifest->sender_institution);
  json_builder_end_object (builder);
  if (manifest->message != NULL)
    add_string (builder, "message", manifest->message);
  add_case (builder, manifest);
  add_slides (builder, manifest);
  add_annotations (builder, manifest);
  add_views (builder, manifest);
  json_builder_set_member_name (builder, "opinions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < manifest->opinions->len; i++)
    add_opinion (builder, g_ptr_array_index (manifest->opinions, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, len);
}
