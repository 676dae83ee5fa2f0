/* cs-report-regions.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-json-path.h"
#include "cs-report-private.h"

/* referenced_regions[]: the annotations an opinion cites, as figures 1, 2,
 * … in order. */

static JsonArray *
get_regions (CsReport *self,
             gboolean  create)
{
  JsonNode *node = json_object_get_member (self->root, "referenced_regions");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);
  if (!create)
    return NULL;
  json_object_set_array_member (self->root, "referenced_regions", json_array_new ());
  return json_object_get_array_member (self->root, "referenced_regions");
}

static JsonObject *
get_region (CsReport *self,
            guint     index)
{
  JsonArray *regions = get_regions (self, FALSE);
  JsonNode *node;

  if (regions == NULL || index >= json_array_get_length (regions))
    return NULL;
  node = json_array_get_element (regions, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

guint
cs_report_get_n_regions (CsReport *self)
{
  JsonArray *regions;

  g_return_val_if_fail (CS_IS_REPORT (self), 0);
  regions = get_regions (self, FALSE);
  return regions != NULL ? json_array_get_length (regions) : 0;
}

const char *
cs_report_get_region_annotation (CsReport *self,
                                 guint     index)
{
  g_return_val_if_fail (CS_IS_REPORT (self), NULL);
  return cs_json_object_get_text (get_region (self, index), "annotation_uuid");
}

const char *
cs_report_get_region_caption (CsReport *self,
                              guint     index)
{
  g_return_val_if_fail (CS_IS_REPORT (self), NULL);
  return cs_json_object_get_text (get_region (self, index), "caption");
}

const char *
cs_report_get_region_slide (CsReport *self,
                            guint     index)
{
  g_return_val_if_fail (CS_IS_REPORT (self), NULL);
  return cs_json_object_get_text (get_region (self, index), "slide_id");
}

static gboolean
check_index (CsReport *self,
             guint     index,
             GError  **error)
{
  if (index < cs_report_get_n_regions (self))
    return TRUE;
  g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID,
               _("The opinion has no figure %u"), index + 1);
  return FALSE;
}

/**
 * cs_report_cite:
 * @self: a report
 * @annotation: the region
 * @slide_id: (nullable): the slide label it is on ("A1-HE")
 * @caption: (nullable): the figure's caption
 * @error: return location for an error
 *
 * Adds @annotation as the last figure. An annotation is cited once.
 *
 * Returns: %TRUE when added
 */
gboolean
cs_report_cite (CsReport     *self,
                CsAnnotation *annotation,
                const char   *slide_id,
                const char   *caption,
                GError      **error)
{
  const char *id = cs_annotation_get_id (annotation);
  g_autofree char *nfc = g_utf8_normalize (caption != NULL ? caption : "", -1, G_NORMALIZE_NFC);
  JsonObject *region;

  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);

  if (!_cs_report_check_editable (self, error))
    return FALSE;
  for (guint i = 0; i < cs_report_get_n_regions (self); i++)
    if (g_strcmp0 (cs_report_get_region_annotation (self, i), id) == 0)
      {
        g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID,
                     _("This annotation is cited already, as figure %u"), i + 1);
        return FALSE;
      }

  region = json_object_new ();
  json_object_set_string_member (region, "annotation_uuid", id);
  if (slide_id != NULL)
    json_object_set_string_member (region, "slide_id", slide_id);
  json_object_set_string_member (region, "role", "diagnostic_focus");
  json_object_set_string_member (region, "caption", nfc);
  json_array_add_object_element (get_regions (self, TRUE), region);
  _cs_report_changed (self);
  return TRUE;
}

gboolean
cs_report_uncite (CsReport *self,
                  guint     index,
                  GError  **error)
{
  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);

  if (!_cs_report_check_editable (self, error) || !check_index (self, index, error))
    return FALSE;
  json_array_remove_element (get_regions (self, FALSE), index);
  _cs_report_changed (self);
  return TRUE;
}

static void
node_unref (gpointer node)
{
  json_node_unref (node);
}

gboolean
cs_report_move_region (CsReport *self,
                       guint     from,
                       guint     to,
                       GError  **error)
{
  JsonArray *regions;
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (node_unref);
  JsonNode *moved;

  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);

  if (!_cs_report_check_editable (self, error) || !check_index (self, from, error) ||
      !check_index (self, to, error))
    return FALSE;
  if (from == to)
    return TRUE;
  regions = get_regions (self, FALSE);
  for (guint i = 0; i < json_array_get_length (regions); i++)
    g_ptr_array_add (order, json_node_ref (json_array_get_element (regions, i)));
  moved = g_ptr_array_steal_index (order, from);
  g_ptr_array_insert (order, to, moved);
  while (json_array_get_length (regions) > 0)
    json_array_remove_element (regions, 0);
  for (guint i = 0; i < order->len; i++)
    json_array_add_element (regions, json_node_ref (g_ptr_array_index (order, i)));
  _cs_report_changed (self);
  return TRUE;
}

gboolean
cs_report_set_region_caption (CsReport   *self,
                              guint       index,
                              const char *caption,
                              GError    **error)
{
  g_autofree char *nfc = g_utf8_normalize (caption != NULL ? caption : "", -1, G_NORMALIZE_NFC);
  JsonObject *region;

  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);

  if (!_cs_report_check_editable (self, error) || !check_index (self, index, error))
    return FALSE;
  region = get_region (self, index);
  if (region == NULL)
    {
      g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID,
                   _("Figure %u is not a region object"), index + 1);
      return FALSE;
    }
  if (g_strcmp0 (cs_json_object_get_text (region, "caption"), nfc) == 0)
    return TRUE;
  json_object_set_string_member (region, "caption", nfc);
  _cs_report_changed (self);
  return TRUE;
}
