/* cs-package-merge-items.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package-merge"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-case-teaching.h"
#include "cs-package-import-private.h"

/* How a received case, its opinions and its annotations join the
 * receiver's (main thread, called by cs_package_import_commit()): by id,
 * without duplicates, never losing the receiver's work. A case field is
 * only filled when empty here; an opinion is replaced only as
 * cs-package-merge-opinion.c allows; an annotation only by a later change of the same
 * author. A tampered opinion is kept apart: added when absent (shown as
 * tampered), never replacing one, and always reported. */

/* The case members a received case may fill when empty here. */
static const char * const case_texts[] = {
  "case.consult_accession", "case.referring_accession", "case.patient.pseudonym",
  "requesting.institution", "requesting.pathologist.name",
  "requesting.pathologist.contact", "requesting.priority", "clinical_history",
  "question", "referring_diagnosis.text",
};

static const char *
package_sha256 (CsPackageImport *import,
                const char      *uuid)
{
  for (guint i = 0; i < import->manifest->slides->len; i++)
    {
      CsPackageSlide *slide = g_ptr_array_index (import->manifest->slides, i);

      if (g_strcmp0 (slide->uuid, uuid) == 0)
        return slide->sha256;
    }
  return NULL;
}

static void
note_tampered (CsPackageImportResult *result,
               CsReport              *report)
{
  const char *who = cs_report_get_text (report, "consultant.name");

  g_ptr_array_add (result->tampered,
                   g_strdup_printf (_("The opinion by %s (%s) was modified after signing: its "
                                      "content hash does not match; it is not trusted"),
                                    who != NULL && *who != '\0' ? who : _("an unknown author"),
                                    cs_report_get_id (report)));
}

static CsReport *
find_opinion (CsCase     *kase,
              const char *id)
{
  GListModel *opinions = cs_case_get_opinions (kase);

  for (guint i = 0; i < g_list_model_get_n_items (opinions); i++)
    {
      g_autoptr(CsReport) report = g_list_model_get_item (opinions, i);

      if (g_strcmp0 (cs_report_get_id (report), id) == 0)
        return report;
    }
  return NULL;
}

static void
merge_opinion (CsCase                *kase,
               CsReport              *report,
               CsPackageImportResult *result)
{
  CsReport *own = find_opinion (kase, cs_report_get_id (report));
  gboolean tampered = cs_report_get_tampered (report);

  if (tampered)
    note_tampered (result, report);
  if (own == NULL)
    {
      cs_case_add_report (kase, report);
      result->opinions_added++;
    }
  else if (_cs_package_merge_opinion_into (kase, own, report, result))
    result->opinions_updated++;
  else
    result->opinions_unchanged++;
}

static void
merge_into (CsPackageImport *import,
            CsCase          *own)
{
  CsCase *received = import->kase;

  for (guint i = 0; i < G_N_ELEMENTS (case_texts); i++)
    {
      const char *mine = cs_case_get_text (own, case_texts[i]);
      const char *theirs = cs_case_get_text (received, case_texts[i]);

      if ((mine == NULL || *mine == '\0') && theirs != NULL && *theirs != '\0')
        cs_case_set_text (own, case_texts[i], theirs);
    }
  for (guint i = 0; i < cs_case_get_n_slides (received); i++)
    {
      CsCaseSlide slide = *cs_case_get_slide (received, i);
      const char *sha256 = package_sha256 (import, slide.uuid);

      /* the receiver has the slide as the package identifies it */
      if (sha256 != NULL)
        slide.sha256 = (char *) sha256;
      cs_case_merge_slide (own, &slide);
    }
  cs_case_merge_teaching (own, received);
}

gboolean
_cs_package_merge_case (CsPackageImport       *import,
                        CsCase               **kase,
                        CsPackageImportResult *result)
{
  gboolean created = *kase == NULL;

  if (created)
    {
      *kase = import->kase;
      for (guint i = 0; i < import->manifest->slides->len; i++)
        {
          CsPackageSlide *slide = g_ptr_array_index (import->manifest->slides, i);

          cs_case_set_slide_sha256 (*kase, slide->uuid, slide->sha256);
        }
    }
  else
    merge_into (import, *kase);
  for (guint i = 0; i < import->reports->len; i++)
    merge_opinion (*kase, g_ptr_array_index (import->reports, i), result);
  if (created)
    cs_case_store_add (import->options.cases, *kase);
  return created;
}

/* ---- annotations ------------------------------------------------------------ */

static void
note_author (CsPackageImportResult *result,
             const char            *author)
{
  if (author == NULL || *author == '\0')
    return;
  for (guint i = 0; i < result->authors->len; i++)
    if (g_strcmp0 (g_ptr_array_index (result->authors, i), author) == 0)
      return;
  g_ptr_array_add (result->authors, g_strdup (author));
}

static const char *
describe (CsAnnotation *annotation)
{
  const char *name = cs_annotation_get_name (annotation);

  return name != NULL && *name != '\0' ? name : cs_annotation_get_id (annotation);
}

/* A time more than a day ahead is a wrong clock or a forgery: not
 * "later" than anything. */
#define FUTURE_SLACK ((gint64) 24 * 60 * 60 * G_USEC_PER_SEC)

static void
keep_own (CsPackageImportResult *result,
          CsAnnotation          *own,
          const char            *why)
{
  result->annotations_unchanged++;
  g_ptr_array_add (result->warnings,
                   g_strdup_printf (_("The annotation “%s” differs from the one here, which "
                                      "was kept: %s"), describe (own), why));
}

/* Sorts @incoming into @adds and @updates against @list. */
static void
sort_annotation (CsAnnotationList      *list,
                 CsAnnotation          *incoming,
                 const char            *receiver,
                 GHashTable            *seen,
                 GPtrArray             *adds,
                 GPtrArray             *updates,
                 CsPackageImportResult *result)
{
  const char *id = cs_annotation_get_id (incoming);
  CsAnnotation *own = cs_annotation_list_lookup (list, id);
  gint64 modified = cs_annotation_get_modified (incoming);

  if (g_hash_table_contains (seen, id))
    return;
  g_hash_table_add (seen, (gpointer) id);
  if (own == NULL)
    g_ptr_array_add (adds, g_object_ref (incoming));
  else if (cs_annotation_equal (own, incoming))
    result->annotations_unchanged++;
  else if (receiver != NULL && *receiver != '\0' &&
           g_strcmp0 (cs_annotation_get_author (own), receiver) == 0)
    keep_own (result, own, _("it is your own annotation, which only you change"));
  else if (modified > g_get_real_time () + FUTURE_SLACK)
    keep_own (result, own, _("the received one is dated in the future"));
  else if (g_strcmp0 (cs_annotation_get_author (own), cs_annotation_get_author (incoming)) == 0 &&
           modified > cs_annotation_get_modified (own))
    g_ptr_array_add (updates, g_object_ref (incoming));
  else
    keep_own (result, own, _("it was changed here later, or by someone else"));
}

static void
merge_list (CsPackageImport       *import,
            CsCase                *kase,
            CsAnnotationList      *list,
            const char            *sha256,
            CsPackageImportResult *result)
{
  g_autoptr(GPtrArray) adds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  CsPackageManifest *manifest = import->manifest;

  for (guint i = 0; i < manifest->annotations->len; i++)
    {
      CsPackageAnnotations *entry = g_ptr_array_index (manifest->annotations, i);
      CsAnnotationImport *incoming = g_ptr_array_index (import->annotations, i);
      const CsCaseSlide *slide = cs_case_find_slide_by_uuid (kase, entry->slide_uuid);
      const char *target = slide != NULL ? slide->sha256
                                         : package_sha256 (import, entry->slide_uuid);

      if (g_strcmp0 (target, sha256) != 0)
        continue;
      note_author (result, entry->author);
      for (guint k = 0; k < incoming->annotations->len; k++)
        sort_annotation (list, g_ptr_array_index (incoming->annotations, k),
                         import->options.receiver_author, seen, adds, updates, result);
    }
  if (adds->len == 0 && updates->len == 0)
    return;
  cs_annotation_list_begin (list, _("Import Consult Package"));
  for (guint i = 0; i < adds->len; i++)
    cs_annotation_list_add (list, g_ptr_array_index (adds, i));
  for (guint i = 0; i < updates->len; i++)
    cs_annotation_list_update (list, g_ptr_array_index (updates, i));
  cs_annotation_list_commit (list);
  result->annotations_added += adds->len;
  result->annotations_updated += updates->len;
}

void
_cs_package_merge_annotations (CsPackageImport       *import,
                               CsCase                *kase,
                               GHashTable            *lists,
                               CsPackageImportResult *result)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, lists);
  while (g_hash_table_iter_next (&iter, &key, &value))
    merge_list (import, kase, value, key, result);
}
