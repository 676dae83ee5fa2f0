/* cs-saved-views.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-saved-views.h"

G_DEFINE_QUARK (cs-saved-views-error-quark, cs_saved_views_error)

static JsonObject *
copy_extra (JsonObject *extra)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;

  if (extra == NULL)
    return NULL;
  node = json_node_alloc ();
  json_node_init_object (node, extra);
  copy = json_node_copy (node);
  return json_node_dup_object (copy);
}

CsSavedView *
cs_saved_view_new (const char *name,
                   const char *note,
                   double      x,
                   double      y,
                   double      zoom,
                   double      rotation)
{
  CsSavedView *view = g_new0 (CsSavedView, 1);

  view->id = g_uuid_string_random ();
  view->name = g_strdup (name != NULL ? name : "");
  view->note = g_strdup (note);
  view->x = x;
  view->y = y;
  view->zoom = zoom;
  view->rotation = rotation;
  return view;
}

CsSavedView *
cs_saved_view_copy (const CsSavedView *view)
{
  CsSavedView *copy = g_memdup2 (view, sizeof *view);

  copy->id = g_strdup (view->id);
  copy->name = g_strdup (view->name);
  copy->note = g_strdup (view->note);
  copy->extra = copy_extra (view->extra);
  return copy;
}

void
cs_saved_view_free (gpointer data)
{
  CsSavedView *view = data;

  if (view == NULL)
    return;
  g_free (view->id);
  g_free (view->name);
  g_free (view->note);
  g_clear_pointer (&view->extra, json_object_unref);
  g_free (view);
}

CsTourStop *
cs_tour_stop_new (const char *annotation_id,
                  const char *view_id,
                  const char *caption)
{
  CsTourStop *stop = g_new0 (CsTourStop, 1);

  g_return_val_if_fail ((annotation_id == NULL) != (view_id == NULL), stop);
  stop->annotation_id = g_strdup (annotation_id);
  stop->view_id = g_strdup (view_id);
  stop->caption = g_strdup (caption);
  return stop;
}

CsTourStop *
cs_tour_stop_copy (const CsTourStop *stop)
{
  CsTourStop *copy = cs_tour_stop_new (stop->annotation_id, stop->view_id, stop->caption);

  copy->extra = copy_extra (stop->extra);
  return copy;
}

void
cs_tour_stop_free (gpointer data)
{
  CsTourStop *stop = data;

  if (stop == NULL)
    return;
  g_free (stop->annotation_id);
  g_free (stop->view_id);
  g_free (stop->caption);
  g_clear_pointer (&stop->extra, json_object_unref);
  g_free (stop);
}

CsTour *
cs_tour_new (const char *name)
{
  CsTour *tour = g_new0 (CsTour, 1);

  tour->id = g_uuid_string_random ();
  tour->name = g_strdup (name != NULL ? name : "");
  tour->stops = g_ptr_array_new_with_free_func (cs_tour_stop_free);
  return tour;
}

CsTour *
cs_tour_copy (const CsTour *tour)
{
  CsTour *copy = cs_tour_new (tour->name);

  g_free (copy->id);
  copy->id = g_strdup (tour->id);
  for (guint i = 0; i < tour->stops->len; i++)
    g_ptr_array_add (copy->stops, cs_tour_stop_copy (g_ptr_array_index (tour->stops, i)));
  copy->extra = copy_extra (tour->extra);
  return copy;
}

void
cs_tour_free (gpointer data)
{
  CsTour *tour = data;

  if (tour == NULL)
    return;
  g_free (tour->id);
  g_free (tour->name);
  g_ptr_array_unref (tour->stops);
  g_clear_pointer (&tour->extra, json_object_unref);
  g_free (tour);
}

CsSavedViews *
cs_saved_views_new (void)
{
  CsSavedViews *views = g_new0 (CsSavedViews, 1);

  views->views = g_ptr_array_new_with_free_func (cs_saved_view_free);
  views->tours = g_ptr_array_new_with_free_func (cs_tour_free);
  return views;
}

CsSavedViews *
cs_saved_views_copy (const CsSavedViews *views)
{
  CsSavedViews *copy = cs_saved_views_new ();

  for (guint i = 0; i < views->views->len; i++)
    g_ptr_array_add (copy->views, cs_saved_view_copy (g_ptr_array_index (views->views, i)));
  for (guint i = 0; i < views->tours->len; i++)
    g_ptr_array_add (copy->tours, cs_tour_copy (g_ptr_array_index (views->tours, i)));
  copy->extra = copy_extra (views->extra);
  return copy;
}

void
cs_saved_views_free (gpointer data)
{
  CsSavedViews *views = data;

  if (views == NULL)
    return;
  g_ptr_array_unref (views->views);
  g_ptr_array_unref (views->tours);
  g_clear_pointer (&views->extra, json_object_unref);
  g_free (views);
}

gboolean
cs_saved_views_is_empty (const CsSavedViews *views)
{
  return views->views->len == 0 && views->tours->len == 0;
}

CsSavedView *
cs_saved_views_find_view (const CsSavedViews *views,
                          const char         *id)
{
  for (guint i = 0; i < views->views->len; i++)
    {
      CsSavedView *view = g_ptr_array_index (views->views, i);

      if (g_strcmp0 (view->id, id) == 0)
        return view;
    }
  return NULL;
}

CsTour *
cs_saved_views_find_tour (const CsSavedViews *views,
                          const char         *id)
{
  for (guint i = 0; i < views->tours->len; i++)
    {
      CsTour *tour = g_ptr_array_index (views->tours, i);

      if (g_strcmp0 (tour->id, id) == 0)
        return tour;
    }
  return NULL;
}
