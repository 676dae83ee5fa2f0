/* cs-library-filter.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-library-filter"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-library-filter.h"

/* The library's filter bar: a drop-down per facet (stain, organ, tag),
 * rebuilt when idle after the items change, so that a scan filling in
 * hundreds of slides rebuilds it once. A chosen value no item has any
 * more (its last tag edited away) stays offered and chosen: the grid
 * then says that no slide matches, rather than the choice silently
 * falling back to "All …". */

struct _CsLibraryFilter
{
  GtkBox           parent_instance;

  GListModel      *items;
  GtkDropDown     *dropdowns[CS_LIBRARY_N_FACETS];
  GtkStringList   *lists[CS_LIBRARY_N_FACETS];
  char            *chosen[CS_LIBRARY_N_FACETS];
  GtkCustomFilter *filter;
  GHashTable      *watched;          /* CsLibraryItem, owned */
  guint            idle_id;
  gboolean         updating;
};

G_DEFINE_FINAL_TYPE (CsLibraryFilter, cs_library_filter, GTK_TYPE_BOX)

gboolean
cs_library_item_has_facet (CsLibraryItem  *item,
                           CsLibraryFacet  facet,
                           const char     *value)
{
  const char * const *tags;

  if (value == NULL)
    return TRUE;
  switch (facet)
    {
    case CS_LIBRARY_FACET_STAIN:
      return g_strcmp0 (cs_library_item_get_stain (item), value) == 0;
    case CS_LIBRARY_FACET_ORGAN:
      return g_strcmp0 (cs_library_item_get_organ (item), value) == 0;
    case CS_LIBRARY_FACET_TAG:
      tags = cs_library_item_get_tags (item);
      return tags != NULL && g_strv_contains (tags, value);
    case CS_LIBRARY_N_FACETS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
add_value (GHashTable *values,
           const char *value)
{
  if (value != NULL && *value != '\0')
    g_hash_table_add (values, (gpointer) value);
}

static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

GStrv
cs_library_facet_values (GListModel     *items,
                         CsLibraryFacet  facet)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree const char **sorted = NULL;
  guint n;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      CsLibraryItem *item = g_list_model_get_item (items, i);
      const char * const *tags = cs_library_item_get_tags (item);

      g_ptr_array_add (objects, item);
      if (facet == CS_LIBRARY_FACET_STAIN)
        add_value (values, cs_library_item_get_stain (item));
      else if (facet == CS_LIBRARY_FACET_ORGAN)
        add_value (values, cs_library_item_get_organ (item));
      else
        for (guint j = 0; tags != NULL && tags[j] != NULL; j++)
          add_value (values, tags[j]);
    }
  sorted = (const char **) g_hash_table_get_keys_as_array (values, &n);
  qsort (sorted, n, sizeof *sorted, compare_values);
  g_strv_builder_addv (builder, sorted);

  return g_strv_builder_end (builder);
}

static gboolean
filter_item (gpointer item,
             gpointer data)
{
  CsLibraryFilter *self = data;

  for (guint f = 0; f < CS_LIBRARY_N_FACETS; f++)
    if (!cs_library_item_has_facet (item, f, self->chosen[f]))
      return FALSE;

  return TRUE;
}

static const char *
all_label (CsLibraryFacet facet)
{
  switch (facet)
    {
    case CS_LIBRARY_FACET_STAIN:
      return _("All stains");
    case CS_LIBRARY_FACET_ORGAN:
      return _("All organs");
    case CS_LIBRARY_FACET_TAG:
    case CS_LIBRARY_N_FACETS:
    default:
      return _("All tags");
    }
}

static gboolean
list_equals (GListModel         *list,
             const char * const *strings)
{
  guint n = g_strv_length ((char **) strings);

  if (g_list_model_get_n_items (list) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (list), i), strings[i]) != 0)
      return FALSE;

  return TRUE;
}

/* "All …", the values, and the chosen value if no item has it now. */
static void
refresh_facet (CsLibraryFilter *self,
               CsLibraryFacet   facet)
{
  g_auto(GStrv) values = cs_library_facet_values (self->items, facet);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strings = NULL;
  guint selected = 0;

  g_strv_builder_add (builder, all_label (facet));
  g_strv_builder_addv (builder, (const char **) values);
  if (self->chosen[facet] != NULL && !g_strv_contains ((const char * const *) values,
                                                       self->chosen[facet]))
    g_strv_builder_add (builder, self->chosen[facet]);
  strings = g_strv_builder_end (builder);
  if (list_equals (G_LIST_MODEL (self->lists[facet]), (const char * const *) strings))
    return;
  for (guint i = 1; self->chosen[facet] != NULL && strings[i] != NULL; i++)
    if (g_str_equal (strings[i], self->chosen[facet]))
      selected = i;
  self->updating = TRUE;
  gtk_string_list_splice (self->lists[facet], 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->lists[facet])),
                          (const char * const *) strings);
  gtk_drop_down_set_selected (self->dropdowns[facet], selected);
  self->updating = FALSE;
}

void
cs_library_filter_refresh (CsLibraryFilter *self)
{
  g_return_if_fail (CS_IS_LIBRARY_FILTER (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);
  for (guint f = 0; f < CS_LIBRARY_N_FACETS; f++)
    refresh_facet (self, f);
  /* An item's tags changed: whether it matches may have too. */
  if (cs_library_filter_get_active (self))
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  CsLibraryFilter *self = data;

  self->idle_id = 0;
  cs_library_filter_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (CsLibraryFilter *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add (refresh_idle_cb, self);
}

static void
on_items_changed_cb (GListModel      *items,
                     guint            position,
                     guint            removed,
                     guint            added,
                     CsLibraryFilter *self)
{
  for (guint i = position; i < position + added; i++)
    {
      CsLibraryItem *item = g_list_model_get_item (items, i);

      if (g_hash_table_add (self->watched, item))
        g_signal_connect_object (item, "changed", G_CALLBACK (schedule_refresh), self,
                                 G_CONNECT_SWAPPED);
      else
        g_object_unref (item);
    }
  schedule_refresh (self);
}

static void
on_selected_cb (GtkDropDown     *dropdown,
                GParamSpec      *pspec,
                CsLibraryFilter *self)
{
  guint facet = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "cs-facet"));
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating)
    return;
  g_clear_pointer (&self->chosen[facet], g_free);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    self->chosen[facet] = g_strdup (gtk_string_list_get_string (self->lists[facet], selected));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static GtkDropDown *
make_dropdown (CsLibraryFilter *self,
               CsLibraryFacet   facet)
{
  const char *labels[] = {
    N_("Filter by stain"), N_("Filter by organ"), N_("Filter by tag"),
  };
  const char *strings[] = { all_label (facet), NULL };
  GtkDropDown *dropdown;

  self->lists[facet] = gtk_string_list_new (strings);
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (self->lists[facet])),
                                               NULL));
  g_object_set_data (G_OBJECT (dropdown), "cs-facet", GUINT_TO_POINTER (facet));
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), _(labels[facet]));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(labels[facet]), -1);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_selected_cb), self, 0);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (dropdown));

  return dropdown;
}

static void
cs_library_filter_dispose (GObject *object)
{
  CsLibraryFilter *self = CS_LIBRARY_FILTER (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->items != NULL)
    g_signal_handlers_disconnect_by_data (self->items, self);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_object (&self->items);
  g_clear_object (&self->filter);
  for (guint f = 0; f < CS_LIBRARY_N_FACETS; f++)
    {
      g_clear_object (&self->lists[f]);
      g_clear_pointer (&self->chosen[f], g_free);
    }

  G_OBJECT_CLASS (cs_library_filter_parent_class)->dispose (object);
}

static void
cs_library_filter_class_init (CsLibraryFilterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cs_library_filter_dispose;
}

static void
cs_library_filter_init (CsLibraryFilter *self)
{
  gtk_box_set_spacing (GTK_BOX (self), 6);
  self->watched = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  for (guint f = 0; f < CS_LIBRARY_N_FACETS; f++)
    self->dropdowns[f] = make_dropdown (self, f);
}

CsLibraryFilter *
cs_library_filter_new (GListModel *items)
{
  CsLibraryFilter *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (items), NULL);

  self = g_object_new (CS_TYPE_LIBRARY_FILTER, NULL);
  self->items = g_object_ref (items);
  g_signal_connect (items, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  on_items_changed_cb (items, 0, 0, g_list_model_get_n_items (items), self);

  return self;
}

GtkFilter *
cs_library_filter_get_filter (CsLibraryFilter *self)
{
  g_return_val_if_fail (CS_IS_LIBRARY_FILTER (self), NULL);

  return GTK_FILTER (self->filter);
}

gboolean
cs_library_filter_select (CsLibraryFilter *self,
                          CsLibraryFacet   facet,
                          const char      *value)
{
  GListModel *list;

  g_return_val_if_fail (CS_IS_LIBRARY_FILTER (self), FALSE);
  g_return_val_if_fail (facet < CS_LIBRARY_N_FACETS, FALSE);

  cs_library_filter_refresh (self);
  list = G_LIST_MODEL (self->lists[facet]);
  if (value == NULL)
    {
      gtk_drop_down_set_selected (self->dropdowns[facet], 0);
      return TRUE;
    }
  for (guint i = 1; i < g_list_model_get_n_items (list); i++)
    if (g_str_equal (gtk_string_list_get_string (self->lists[facet], i), value))
      {
        gtk_drop_down_set_selected (self->dropdowns[facet], i);
        return TRUE;
      }

  return FALSE;
}

GStrv
cs_library_filter_get_values (CsLibraryFilter *self,
                              CsLibraryFacet   facet)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *list;

  g_return_val_if_fail (CS_IS_LIBRARY_FILTER (self), NULL);
  g_return_val_if_fail (facet < CS_LIBRARY_N_FACETS, NULL);

  list = G_LIST_MODEL (self->lists[facet]);
  for (guint i = 1; i < g_list_model_get_n_items (list); i++)
    g_strv_builder_add (builder, gtk_string_list_get_string (self->lists[facet], i));

  return g_strv_builder_end (builder);
}

gboolean
cs_library_filter_get_active (CsLibraryFilter *self)
{
  g_return_val_if_fail (CS_IS_LIBRARY_FILTER (self), FALSE);

  for (guint f = 0; f < CS_LIBRARY_N_FACETS; f++)
    if (self->chosen[f] != NULL)
      return TRUE;

  return FALSE;
}

void
cs_library_filter_clear (CsLibraryFilter *self)
{
  g_return_if_fail (CS_IS_LIBRARY_FILTER (self));

  for (guint f = 0; f < CS_LIBRARY_N_FACETS; f++)
    gtk_drop_down_set_selected (self->dropdowns[f], 0);
}
