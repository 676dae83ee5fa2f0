/* cs-package-create-deid.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "cs-json-path.h"
#include "cs-package-create-private.h"
#include "cs-package-private.h"

/* With de-identified copies, the original slide must not travel in the
 * documents either: its file name often holds an accession number or a
 * patient's name, and its SHA-256 and OpenSlide quickhash identify it. An
 * unsigned opinion (draft, preliminary) describes the copy instead; a
 * signed one cannot be changed without breaking its signature, so an
 * export that would carry one naming the original stops. */

#define QUICKHASH "openslide_quickhash1"

/* The case's slide @i when it travels as a de-identified copy. */
static gboolean
is_copied (CsPackageBuilder *builder,
           guint             i)
{
  CsPackageSlide *slide;

  if (builder->options->slide_mode != CS_PACKAGE_SLIDES_DEIDENTIFIED ||
      i >= builder->manifest->slides->len)
    return FALSE;
  slide = g_ptr_array_index (builder->manifest->slides, i);
  return slide->deidentified;
}

/* The index of the case's de-identified slide @object (a materials.slides
 * or case.json slides entry) names, by uuid, SHA-256 or file name; -1
 * when none. */
static gint
original_of (CsPackageBuilder *builder,
             JsonObject       *object,
             gboolean          by_uuid)
{
  CsCase *kase = builder->options->kase;

  for (guint i = 0; object != NULL && i < cs_case_get_n_slides (kase); i++)
    {
      const CsCaseSlide *entry = cs_case_get_slide (kase, i);

      if (!is_copied (builder, i))
        continue;
      if ((by_uuid && g_strcmp0 (cs_json_object_get_text (object, "slide_uuid"),
                                 entry->uuid) == 0) ||
          g_strcmp0 (cs_json_object_get_text (object, "sha256"), entry->sha256) == 0 ||
          g_strcmp0 (cs_json_object_get_text (object, "file_name"), entry->file_name) == 0)
        return (gint) i;
    }
  return -1;
}

static JsonArray *
slides_of (JsonObject *root,
           const char *path)
{
  JsonNode *node = cs_json_path_lookup (root, path);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
element_object (JsonArray *array,
                guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

void
_cs_package_describe_copies (CsPackageBuilder *builder,
                             JsonObject       *root,
                             const char       *path)
{
  JsonArray *slides = slides_of (root, path);

  for (guint i = 0; slides != NULL && i < json_array_get_length (slides); i++)
    {
      JsonObject *object = element_object (slides, i);
      gint index = original_of (builder, object, TRUE);
      CsPackageSlide *copy;

      if (index < 0)
        continue;
      copy = g_ptr_array_index (builder->manifest->slides, index);
      json_object_set_string_member (object, "sha256", copy->sha256);
      json_object_set_string_member (object, "file_name", copy->file_name);
      /* a quickhash of the original does not describe the copy */
      if (json_object_has_member (object, QUICKHASH))
        json_object_remove_member (object, QUICKHASH);
    }
}

/* Whether @report's materials name a de-identified slide's original. */
static gboolean
names_original (CsPackageBuilder *builder,
                CsReport         *report)
{
  JsonArray *slides = slides_of (cs_report_get_root (report), "materials.slides");

  for (guint i = 0; slides != NULL && i < json_array_get_length (slides); i++)
    if (original_of (builder, element_object (slides, i), FALSE) >= 0)
      return TRUE;
  return FALSE;
}

static gboolean
refuse_signed (CsPackageBuilder *builder,
               CsReport         *report,
               GError          **error)
{
  const char *who = cs_report_get_text (report, "consultant.name");

  g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
               _("Cannot write the package %s: the signed opinion by %s (%s, revision %"
                 PRId64 ") names the original slide, not its de-identified copy, "
                 "and a signed opinion cannot be changed. Send the slides by identity "
                 "(“Not included”), or amend the opinion to describe the copy"),
               builder->name, who != NULL && *who != '\0' ? who : _("an unknown author"),
               cs_report_get_id (report), cs_report_get_revision (report));
  return FALSE;
}

/**
 * _cs_package_report_for_export:
 *
 * Returns: (transfer full) (nullable): @report as it travels: itself, or
 *   an unsigned opinion's copy describing the de-identified slides; NULL
 *   with @error for a signed opinion (or signed revision) that names an
 *   original
 */
CsReport *
_cs_package_report_for_export (CsPackageBuilder *builder,
                               CsReport         *report,
                               GError          **error)
{
  GPtrArray *revisions = cs_report_get_signed_revisions (report);
  g_autofree char *data = NULL;
  CsReport *copy;
  gsize len = 0;

  if (builder->options->slide_mode != CS_PACKAGE_SLIDES_DEIDENTIFIED)
    return g_object_ref (report);
  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    if (names_original (builder, g_ptr_array_index (revisions, i)))
      {
        refuse_signed (builder, g_ptr_array_index (revisions, i), error);
        return NULL;
      }
  if (!names_original (builder, report))
    return g_object_ref (report);
  if (cs_report_status_is_signed (cs_report_get_status (report)))
    {
      refuse_signed (builder, report, error);
      return NULL;
    }
  data = cs_report_to_data (report, &len);
  copy = cs_report_new_from_data (data, len, error);
  if (copy == NULL)
    return NULL;
  _cs_package_describe_copies (builder, cs_report_get_root (copy), "materials.slides");
  return copy;
}
