/* cs-opinion-compare.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-opinion-compare"

#include "config.h"

#include "cs-opinion-compare-private.h"

/* Comparing the regions of two opinions on one slide: the result type,
 * the choice of authors, and the snapshot a worker computes from
 * (cs-opinion-compare-geos.c).
 *
 * Objects are created, mutated, and emit signals on the main thread only.
 * A worker reads frozen annotations (immutable, geometry shared) and
 * builds a new immutable CsOpinionComparison, handed back by its GTask. */

G_DEFINE_BOXED_TYPE (CsOpinionComparison, cs_opinion_comparison,
                     cs_opinion_comparison_ref, cs_opinion_comparison_unref)

CsOpinionComparison *
_cs_opinion_comparison_new (const char *reference)
{
  CsOpinionComparison *self = g_new0 (CsOpinionComparison, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->reference = g_strdup (reference);
  self->authors = g_ptr_array_new_with_free_func (_cs_author_overlap_free);
  return self;
}

void
_cs_author_overlap_free (gpointer data)
{
  CsAuthorOverlap *overlap = data;

  g_free (overlap->author);
  g_clear_pointer (&overlap->marked.regions, g_ptr_array_unref);
  g_clear_pointer (&overlap->missed.regions, g_ptr_array_unref);
  g_free (overlap);
}

CsOpinionComparison *
cs_opinion_comparison_ref (CsOpinionComparison *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cs_opinion_comparison_unref (CsOpinionComparison *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->reference);
  g_ptr_array_unref (self->authors);
  g_free (self);
}

const char *
cs_opinion_comparison_get_reference (CsOpinionComparison *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->reference;
}

gboolean
cs_opinion_comparison_get_calibrated (CsOpinionComparison *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->calibrated;
}

guint
cs_opinion_comparison_get_n_reference_regions (CsOpinionComparison *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_reference_regions;
}

double
cs_opinion_comparison_get_reference_union_area (CsOpinionComparison *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->reference_union_area;
}

guint
cs_opinion_comparison_get_n_authors (CsOpinionComparison *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->authors->len;
}

/**
 * cs_opinion_comparison_get_author:
 *
 * Returns: (transfer none): the @index-th other author, by name
 */
const CsAuthorOverlap *
cs_opinion_comparison_get_author (CsOpinionComparison *self,
                                  guint                index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->authors->len, NULL);
  return self->authors->pdata[index];
}

/**
 * cs_opinion_comparison_find_author:
 *
 * Returns: (transfer none) (nullable): @author's overlap, if they have
 *   areas here and are not the reference
 */
const CsAuthorOverlap *
cs_opinion_comparison_find_author (CsOpinionComparison *self,
                                   const char          *author)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->authors->len; i++)
    if (g_strcmp0 (((CsAuthorOverlap *) self->authors->pdata[i])->author, author) == 0)
      return self->authors->pdata[i];
  return NULL;
}

guint
cs_opinion_comparison_get_n_repaired (CsOpinionComparison *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_repaired;
}

guint
cs_opinion_comparison_get_n_skipped (CsOpinionComparison *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_skipped;
}

/* A region to compare: an area with an author, not a temporary ruler. */
static gboolean
is_region (CsAnnotation *annotation)
{
  const char *author = cs_annotation_get_author (annotation);

  return cs_shape_is_area (cs_annotation_get_shape (annotation)) &&
         !cs_annotation_get_temporary (annotation) && author != NULL && *author != '\0';
}

typedef struct
{
  const char *author;
  guint       count;
} AuthorCount;

static gint
compare_counts_cb (gconstpointer a,
                   gconstpointer b)
{
  const AuthorCount *x = a;
  const AuthorCount *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_utf8_collate (x->author, y->author);
}

/**
 * cs_opinion_compare_list_authors:
 *
 * Returns: (transfer full): the authors, most areas first
 */
GStrv
cs_opinion_compare_list_authors (CsAnnotationList *list)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (AuthorCount));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (list), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *author = cs_annotation_get_author (annotation);

      if (is_region (annotation))
        g_hash_table_insert (counts, (gpointer) author,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, author)) + 1));
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      AuthorCount count = { key, GPOINTER_TO_UINT (value) };

      g_array_append_val (sorted, count);
    }
  g_array_sort (sorted, compare_counts_cb);
  for (guint i = 0; i < sorted->len; i++)
    g_strv_builder_add (builder, g_array_index (sorted, AuthorCount, i).author);
  return g_strv_builder_end (builder);
}

/**
 * cs_opinion_compare_pick_reference:
 * @requesting: (nullable): the case's requesting pathologist
 * @consultants: (nullable) (array zero-terminated=1): the opinions' authors
 *
 * Returns: (transfer full) (nullable): the reference author
 */
char *
cs_opinion_compare_pick_reference (CsAnnotationList   *list,
                                   const char         *requesting,
                                   const char * const *consultants)
{
  g_auto(GStrv) authors = NULL;

  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (list), NULL);

  authors = cs_opinion_compare_list_authors (list);
  if (authors[0] == NULL)
    return NULL;
  if (requesting != NULL && g_strv_contains ((const char * const *) authors, requesting))
    return g_strdup (requesting);
  for (guint i = 0; authors[i] != NULL; i++)
    if (consultants == NULL || !g_strv_contains (consultants, authors[i]))
      return g_strdup (authors[i]);
  return g_strdup (authors[0]);
}

static void
compare_input_free (gpointer data)
{
  CsCompareInput *input = data;

  g_free (input->reference);
  g_ptr_array_unref (input->annotations);
  g_free (input);
}

static CsCompareInput *
compare_input_new (CsAnnotationList    *list,
                   const char          *reference_author,
                   const CsCalibration *calibration)
{
  CsCompareInput *input = g_new0 (CsCompareInput, 1);

  input->reference = g_strdup (reference_author != NULL ? reference_author : "");
  if (calibration != NULL)
    input->calibration = *calibration;
  input->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (is_region (annotation))
        g_ptr_array_add (input->annotations, g_steal_pointer (&annotation));
    }
  return input;
}

/**
 * cs_opinion_compare:
 *
 * Returns: (transfer full) (nullable): the comparison
 */
CsOpinionComparison *
cs_opinion_compare (CsAnnotationList    *list,
                    const char          *reference_author,
                    const CsCalibration *calibration,
                    GCancellable        *cancellable,
                    GError             **error)
{
  CsCompareInput *input;
  CsOpinionComparison *result;

  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (list), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  input = compare_input_new (list, reference_author, calibration);
  result = _cs_opinion_compare_run (input, cancellable, error);
  compare_input_free (input);
  return result;
}

static void
comparison_free (gpointer data)
{
  cs_opinion_comparison_unref (data);
}

static void
compare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  CsOpinionComparison *result = _cs_opinion_compare_run (task_data, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, comparison_free);
}

void
cs_opinion_compare_async (CsAnnotationList    *list,
                          const char          *reference_author,
                          const CsCalibration *calibration,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CS_IS_ANNOTATION_LIST (list));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_opinion_compare_async);
  g_task_set_task_data (task, compare_input_new (list, reference_author, calibration),
                        compare_input_free);
  g_task_run_in_thread (task, compare_thread);
}

CsOpinionComparison *
cs_opinion_compare_finish (GAsyncResult *result,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
