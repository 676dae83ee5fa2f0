/* cs-saved-views-json.c: saved views and tours to and from JSON
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cs-saved-views.h"

static const char *const view_members[] = { "id", "name", "note", "center", "zoom", "rotation", NULL };
static const char *const stop_members[] = { "annotation", "view", "caption", NULL };
static const char *const tour_members[] = { "id", "name", "stops", NULL };
static const char *const top_members[] = { "consilium", "views", "tours", NULL };

/* The members of @object not in @known, or NULL when there are none. */
static JsonObject *
unknown_members (JsonObject        *object,
                 const char *const *known)
{
  JsonObject *extra = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &value))
    {
      if (g_strv_contains (known, member))
        continue;
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, member, json_node_copy (value));
    }
  return extra;
}

static void
add_extra (JsonObject *object,
           JsonObject *extra)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (extra == NULL)
    return;
  json_object_iter_init (&iter, extra);
  while (json_object_iter_next (&iter, &member, &value))
    if (!json_object_has_member (object, member))
      json_object_set_member (object, member, json_node_copy (value));
}

static JsonNode *
view_to_json (const CsSavedView *view)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonNode *node;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, view->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, view->name);
  if (view->note != NULL)
    {
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, view->note);
    }
  json_builder_set_member_name (builder, "center");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, view->x);
  json_builder_add_double_value (builder, view->y);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "zoom");
  json_builder_add_double_value (builder, view->zoom);
  json_builder_set_member_name (builder, "rotation");
  json_builder_add_double_value (builder, view->rotation);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  add_extra (json_node_get_object (node), view->extra);
  return node;
}

static JsonNode *
stop_to_json (const CsTourStop *stop)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_alloc ();

  if (stop->annotation_id != NULL)
    json_object_set_string_member (object, "annotation", stop->annotation_id);
  if (stop->view_id != NULL)
    json_object_set_string_member (object, "view", stop->view_id);
  if (stop->caption != NULL)
    json_object_set_string_member (object, "caption", stop->caption);
  add_extra (object, stop->extra);
  json_node_init_object (node, object);
  json_object_unref (object);
  return node;
}

static JsonNode *
tour_to_json (const CsTour *tour)
{
  JsonObject *object = json_object_new ();
  JsonArray *stops = json_array_new ();
  JsonNode *node = json_node_alloc ();

  json_object_set_string_member (object, "id", tour->id);
  json_object_set_string_member (object, "name", tour->name);
  for (guint i = 0; i < tour->stops->len; i++)
    json_array_add_element (stops, stop_to_json (g_ptr_array_index (tour->stops, i)));
  json_object_set_array_member (object, "stops", stops);
  add_extra (object, tour->extra);
  json_node_init_object (node, object);
  json_object_unref (object);
  return node;
}

JsonNode *
cs_saved_views_to_json (const CsSavedViews *views,
                        const char         *slide_sha256)
{
  JsonObject *object = json_object_new ();
  JsonObject *header = json_object_new ();
  JsonArray *list = json_array_new ();
  JsonArray *tours = json_array_new ();
  JsonNode *node = json_node_alloc ();

  json_object_set_int_member (header, "format", CS_SAVED_VIEWS_FORMAT);
  if (slide_sha256 != NULL)
    json_object_set_string_member (header, "slide_sha256", slide_sha256);
  json_object_set_object_member (object, "consilium", header);
  for (guint i = 0; i < views->views->len; i++)
    json_array_add_element (list, view_to_json (g_ptr_array_index (views->views, i)));
  json_object_set_array_member (object, "views", list);
  for (guint i = 0; i < views->tours->len; i++)
    json_array_add_element (tours, tour_to_json (g_ptr_array_index (views->tours, i)));
  json_object_set_array_member (object, "tours", tours);
  add_extra (object, views->extra);
  json_node_init_object (node, object);
  json_object_unref (object);
  return node;
}

static gboolean
fail (GError    **error,
      const char *name,
      const char *what)
{
  g_set_error (error, CS_SAVED_VIEWS_ERROR, CS_SAVED_VIEWS_ERROR_PARSE,
               /* Translators: %s: a file name; %s: what is wrong in it */
               _("%s: saved views: %s"), name, what);
  return FALSE;
}

/* A string member, or NULL when absent; FALSE when of another type. */
static gboolean
get_string (JsonObject  *object,
            const char  *member,
            const char **value)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_number (JsonNode *node,
            double   *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_double (node);
  return isfinite (*value);
}

/* These return gpointer to share read_array(). */
static gpointer
view_from_json (JsonNode   *node,
                const char *name,
                GError    **error)
{
  const char *id, *title, *note;
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonArray *center;
  double x, y, zoom, rotation = 0;
  CsSavedView *view;

  if (object == NULL || !get_string (object, "id", &id) || id == NULL
      || !get_string (object, "name", &title) || !get_string (object, "note", &note))
    return fail (error, name, _("a view without an id and a name")), NULL;
  if (!json_object_has_member (object, "center")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "center"))
      || (center = json_object_get_array_member (object, "center")) == NULL
      || json_array_get_length (center) != 2
      || !get_number (json_array_get_element (center, 0), &x)
      || !get_number (json_array_get_element (center, 1), &y)
      || !get_number (json_object_get_member (object, "zoom"), &zoom) || zoom <= 0
      || (json_object_has_member (object, "rotation")
          && !get_number (json_object_get_member (object, "rotation"), &rotation)))
    return fail (error, name, _("a view without a valid centre and zoom")), NULL;

  view = cs_saved_view_new (title, note, x, y, zoom, fmod (fmod (rotation, 360) + 360, 360));
  g_free (view->id);
  view->id = g_strdup (id);
  view->extra = unknown_members (object, view_members);
  return view;
}

static gpointer
stop_from_json (JsonNode   *node,
                const char *name,
                GError    **error)
{
  const char *annotation, *view, *caption;
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  CsTourStop *stop;

  if (object == NULL || !get_string (object, "annotation", &annotation)
      || !get_string (object, "view", &view) || !get_string (object, "caption", &caption)
      || (annotation == NULL) == (view == NULL))
    return fail (error, name, _("a tour stop must name one annotation or one view")), NULL;

  stop = cs_tour_stop_new (annotation, view, caption);
  stop->extra = unknown_members (object, stop_members);
  return stop;
}

static gpointer
tour_from_json (JsonNode   *node,
                const char *name,
                GError    **error)
{
  const char *id, *title;
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autoptr(CsTour) tour = NULL;
  JsonNode *stops;
  JsonArray *array;

  if (object == NULL || !get_string (object, "id", &id) || id == NULL
      || !get_string (object, "name", &title)
      || (stops = json_object_get_member (object, "stops")) == NULL
      || !JSON_NODE_HOLDS_ARRAY (stops))
    return fail (error, name, _("a tour without an id, a name and stops")), NULL;

  tour = cs_tour_new (title);
  g_free (tour->id);
  tour->id = g_strdup (id);
  array = json_node_get_array (stops);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      CsTourStop *stop = stop_from_json (json_array_get_element (array, i), name, error);

      if (stop == NULL)
        return NULL;
      g_ptr_array_add (tour->stops, stop);
    }
  tour->extra = unknown_members (object, tour_members);
  return g_steal_pointer (&tour);
}

static gboolean
check_header (JsonObject *object,
              const char *name,
              GError    **error)
{
  JsonNode *header = json_object_get_member (object, "consilium");
  double format = 0;

  if (header == NULL || !JSON_NODE_HOLDS_OBJECT (header)
      || !get_number (json_object_get_member (json_node_get_object (header), "format"), &format))
    return fail (error, name, _("no \"consilium\" header with a format"));
  if (format > CS_SAVED_VIEWS_FORMAT)
    {
      g_set_error (error, CS_SAVED_VIEWS_ERROR, CS_SAVED_VIEWS_ERROR_FORMAT,
                   /* Translators: %s: a file name */
                   _("%s: saved views written by a newer version of Consilium"), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_array (JsonObject *object,
            const char *member,
            GPtrArray  *into,
            gpointer  (*parse) (JsonNode *, const char *, GError **),
            const char *name,
            GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, name, _("\"views\" and \"tours\" must be arrays"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gpointer item = parse (json_array_get_element (array, i), name, error);

      if (item == NULL)
        return FALSE;
      g_ptr_array_add (into, item);
    }
  return TRUE;
}

CsSavedViews *
cs_saved_views_from_json (JsonNode   *root,
                          const char *name,
                          GError    **error)
{
  g_autoptr(CsSavedViews) views = NULL;
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, name, _("not a JSON object")), NULL;
  object = json_node_get_object (root);
  views = cs_saved_views_new ();

  if (!check_header (object, name, error)
      || !read_array (object, "views", views->views, view_from_json, name, error)
      || !read_array (object, "tours", views->tours, tour_from_json, name, error))
    return NULL;
  views->extra = unknown_members (object, top_members);
  return g_steal_pointer (&views);
}
