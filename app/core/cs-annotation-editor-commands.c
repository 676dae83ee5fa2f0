/* cs-annotation-editor-commands.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-annotation-editor-private.h"
#include "cs-geometry-ops.h"

/* Commands on the selection, each one undo step. Locked and hidden
 * annotations are left alone, except by a class change. */

gboolean
cs_annotation_editor_delete_selection (CsAnnotationEditor *self)
{
  g_autoptr(GPtrArray) doomed = NULL;

  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), FALSE);

  doomed = _cs_annotation_editor_get_editable (self, FALSE);
  if (doomed->len == 0)
    return FALSE;
  cs_annotation_list_remove_many (self->list, doomed, _("Delete"));
  return TRUE;
}

/* Adds @copies in one step and selects them. */
static void
add_copies (CsAnnotationEditor *self,
            GPtrArray          *copies,
            const char         *label)
{
  cs_annotation_list_add_many (self->list, copies, label);
  _cs_annotation_editor_select_ids (self, copies);
}

gboolean
cs_annotation_editor_duplicate_selection (CsAnnotationEditor *self)
{
  g_autoptr(GPtrArray) selected = NULL;
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);
  double offset;

  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), FALSE);

  selected = _cs_annotation_editor_get_selected (self);
  if (selected->len == 0)
    return FALSE;
  offset = _cs_annotation_editor_to_level0 (self, CS_EDITOR_OFFSET_PX);
  for (guint i = 0; i < selected->len; i++)
    {
      g_autoptr(CsAnnotation) moved = _cs_annotation_editor_translated (selected->pdata[i], offset, offset);

      g_ptr_array_add (copies, cs_annotation_duplicate (moved));
    }
  add_copies (self, copies, _("Duplicate"));
  return TRUE;
}

gboolean
cs_annotation_editor_set_selection_class (CsAnnotationEditor *self,
                                          const char         *class_name)
{
  g_autoptr(GPtrArray) selected = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), FALSE);

  if (class_name != NULL && *class_name == '\0')
    class_name = NULL;
  selected = _cs_annotation_editor_get_selected (self);
  cs_annotation_list_begin (self->list, _("Set Class"));
  for (guint i = 0; i < selected->len; i++)
    {
      g_autoptr(CsAnnotation) edited = NULL;

      if (g_strcmp0 (cs_annotation_get_class_name (selected->pdata[i]), class_name) == 0)
        continue;
      edited = cs_annotation_copy (selected->pdata[i]);
      cs_annotation_set_class_name (edited, class_name);
      cs_annotation_list_update (self->list, edited);
      changed = TRUE;
    }
  cs_annotation_list_commit (self->list);
  return changed;
}

static GPtrArray *
editable_areas (CsAnnotationEditor *self,
                guint               at_least,
                const char         *message,
                GError            **error)
{
  g_autoptr(GPtrArray) areas = _cs_annotation_editor_get_editable (self, TRUE);

  if (areas->len < at_least)
    {
      g_set_error_literal (error, CS_ANNOTATION_EDITOR_ERROR,
                           CS_ANNOTATION_EDITOR_ERROR_NOT_APPLICABLE, message);
      return NULL;
    }
  return g_steal_pointer (&areas);
}

/* The first area combined with each of the others by @op. */
static CsGeometry *
combine (GPtrArray  *areas,
         CsGeometry *(*op) (const CsGeometry *, const CsGeometry *, GError **),
         GError    **error)
{
  g_autoptr(CsGeometry) result = cs_geometry_ref (cs_annotation_get_geometry (areas->pdata[0]));
  g_autoptr(GError) local_error = NULL;

  for (guint i = 1; i < areas->len; i++)
    {
      CsGeometry *next = op (result, cs_annotation_get_geometry (areas->pdata[i]), &local_error);

      if (next == NULL)
        {
          g_set_error_literal (error, CS_ANNOTATION_EDITOR_ERROR,
                               CS_ANNOTATION_EDITOR_ERROR_GEOMETRY, local_error->message);
          return NULL;
        }
      g_clear_pointer (&result, cs_geometry_unref);
      result = next;
    }
  return g_steal_pointer (&result);
}

static void
update_first (CsAnnotationEditor *self,
              GPtrArray          *areas,
              CsGeometry         *geometry)
{
  g_autoptr(CsAnnotation) edited = cs_annotation_copy (areas->pdata[0]);

  _cs_annotation_editor_set_area (edited, geometry);
  cs_annotation_list_update (self->list, edited);
}

/* The union of the selected areas replaces the first; the others go. */
gboolean
cs_annotation_editor_merge_selection (CsAnnotationEditor *self,
                                      GError            **error)
{
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(CsGeometry) merged = NULL;
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  CsAnnotation *first;

  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), FALSE);

  areas = editable_areas (self, 2, _("Select two or more unlocked regions to merge"), error);
  if (areas == NULL || (merged = combine (areas, cs_geometry_ops_union, error)) == NULL)
    return FALSE;
  first = areas->pdata[0];
  for (guint i = 1; i < areas->len; i++)
    g_ptr_array_add (others, areas->pdata[i]);
  cs_annotation_list_begin (self->list, _("Merge"));
  update_first (self, areas, merged);
  /* Absorbed into the first: not deleted annotations. */
  for (guint i = 0; i < others->len; i++)
    cs_annotation_list_discard (self->list, others->pdata[i]);
  cs_annotation_list_commit (self->list);
  cs_annotation_editor_select (self, cs_annotation_list_lookup (self->list, cs_annotation_get_id (first)),
                               FALSE);
  return TRUE;
}

gboolean
cs_annotation_editor_subtract_selection (CsAnnotationEditor *self,
                                         GError            **error)
{
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(CsGeometry) rest = NULL;

  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), FALSE);

  areas = editable_areas (self, 2, _("Select a region, then the regions to subtract from it"), error);
  if (areas == NULL || (rest = combine (areas, cs_geometry_ops_difference, error)) == NULL)
    return FALSE;
  if (cs_geometry_is_empty (rest))
    {
      g_set_error_literal (error, CS_ANNOTATION_EDITOR_ERROR, CS_ANNOTATION_EDITOR_ERROR_NOT_APPLICABLE,
                           _("Nothing of the first region would remain"));
      return FALSE;
    }
  cs_annotation_list_begin (self->list, _("Subtract"));
  update_first (self, areas, rest);
  cs_annotation_list_commit (self->list);
  return TRUE;
}

/* Whether a listed annotation has exactly @geometry. */
static gboolean
lands_on_listed (CsAnnotationEditor *self,
                 CsGeometry         *geometry)
{
  g_autoptr(GPtrArray) near = NULL;
  CsRect bounds;

  cs_geometry_get_bounds (geometry, &bounds);
  near = cs_annotation_list_query (self->list, &bounds);
  for (guint i = 0; i < near->len; i++)
    if (cs_geometry_equal (cs_annotation_get_geometry (near->pdata[i]), geometry))
      return TRUE;
  return FALSE;
}

void
cs_annotation_editor_paste (CsAnnotationEditor *self,
                            GPtrArray          *annotations)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);
  double step, offset = 0;

  g_return_if_fail (CS_IS_ANNOTATION_EDITOR (self));
  g_return_if_fail (annotations != NULL);

  if (annotations->len == 0)
    return;
  /* One offset for all, so the pasted group keeps its layout; steps of
   * 20 screen pixels until no copy sits exactly on a listed annotation. */
  step = _cs_annotation_editor_to_level0 (self, CS_EDITOR_OFFSET_PX);
  for (guint tries = 0; tries < 100; tries++)
    {
      gboolean clash = FALSE;

      for (guint i = 0; i < annotations->len && !clash; i++)
        {
          g_autoptr(CsAnnotation) moved = _cs_annotation_editor_translated (annotations->pdata[i],
                                                                            offset, offset);

          clash = lands_on_listed (self, cs_annotation_get_geometry (moved));
        }
      if (!clash)
        break;
      offset += step;
    }
  for (guint i = 0; i < annotations->len; i++)
    {
      g_autoptr(CsAnnotation) moved = _cs_annotation_editor_translated (annotations->pdata[i], offset, offset);

      g_ptr_array_add (copies, cs_annotation_duplicate (moved));
    }
  add_copies (self, copies, _("Paste"));
}

/* The note's text is its name; an empty text removes the note. */
void
cs_annotation_editor_set_text (CsAnnotationEditor *self,
                               CsAnnotation       *note,
                               const char         *text)
{
  CsAnnotation *listed;
  g_autoptr(CsAnnotation) edited = NULL;

  g_return_if_fail (CS_IS_ANNOTATION_EDITOR (self));
  g_return_if_fail (CS_IS_ANNOTATION (note));

  if (note == self->pending_note)
    {
      g_autoptr(CsAnnotation) placed = g_steal_pointer (&self->pending_note);

      if (text == NULL || *text == '\0')
        return;
      cs_annotation_set_name (placed, text);
      cs_annotation_list_begin (self->list, _("Add Text Note"));
      cs_annotation_list_add (self->list, placed);
      cs_annotation_list_commit (self->list);
      cs_annotation_editor_select (self, placed, FALSE);
      return;
    }
  listed = cs_annotation_list_lookup (self->list, cs_annotation_get_id (note));
  if (listed == NULL)
    return;
  if (text == NULL || *text == '\0')
    {
      cs_annotation_list_begin (self->list, _("Delete Text Note"));
      cs_annotation_list_remove (self->list, listed);
      cs_annotation_list_commit (self->list);
      return;
    }
  edited = cs_annotation_copy (listed);
  cs_annotation_set_name (edited, text);
  cs_annotation_list_begin (self->list, _("Edit Text"));
  cs_annotation_list_update (self->list, edited);
  cs_annotation_list_commit (self->list);
}
