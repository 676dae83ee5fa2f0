/* cs-annotation-panel.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-panel"

#include "config.h"

#include "cs-annotation-panel-private.h"
#include "cs-case-teaching.h"
#include "cs-annotation-row.h"

#include <glib/gi18n.h>

/* The list: CsAnnotationList → GtkFilterListModel (search, class, author)
 * → GtkSortListModel (none for drawing order) → GtkMultiSelection, shown
 * by a GtkListView of recycled CsAnnotationRows. The selection follows the
 * editor's both ways, matched by annotation id: a listed annotation is
 * replaced by a new object on every edit. Counts, the filter drop-downs and
 * the point counts are refreshed in one idle after a burst of changes, so
 * that an import of 10,000 annotations costs one pass. The editing area and
 * the trash are in cs-annotation-panel-edit.c. */

/* Past this many annotations, filtering and sorting go on in the
 * background, a chunk per frame, so that typing in the search stays fluid. */
#define LARGE_LIST 20000

G_DEFINE_FINAL_TYPE (CsAnnotationPanel, cs_annotation_panel, GTK_TYPE_WIDGET)

enum {
  NAVIGATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL || *haystack == '\0')
    return FALSE;

  folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, needle) != NULL;
}

static gboolean
cs_annotation_panel_filter_func (gpointer item,
                                 gpointer user_data)
{
  CsAnnotationPanel *self = user_data;
  CsAnnotation *annotation = item;
  const char *class_name = cs_annotation_get_class_name (annotation);
  const char *author = cs_annotation_get_author (annotation);
  g_autofree char *display_name = NULL;

  if (self->hide_teaching_answers && cs_annotation_get_teaching_answer (annotation))
    return FALSE;
  if (self->class_filter != NULL && g_strcmp0 (class_name ? class_name : "", self->class_filter))
    return FALSE;
  if (self->author_filter != NULL && g_strcmp0 (author ? author : "", self->author_filter))
    return FALSE;
  if (self->search == NULL)
    return TRUE;

  display_name = cs_annotation_dup_display_name (annotation);

  return contains_casefold (display_name, self->search) ||
         contains_casefold (cs_annotation_get_comment (annotation), self->search) ||
         contains_casefold (class_name, self->search) ||
         contains_casefold (cs_class_name_get_display (class_name), self->search) ||
         contains_casefold (author, self->search);
}

static double
cs_annotation_panel_area (CsAnnotationPanel *self,
                          CsAnnotation      *annotation)
{
  double *area = g_hash_table_lookup (self->areas, annotation);
  CsMeasurement measurement;

  if (area != NULL)
    return *area;

  cs_measure_annotation (annotation, &self->calibration, &measurement);
  area = g_new (double, 1);
  /* Lines sort by length after the areas, points by count. */
  *area = cs_shape_is_area (cs_annotation_get_shape (annotation))
          ? measurement.area : -1.0 / (1.0 + measurement.length + measurement.count);
  g_hash_table_insert (self->areas, annotation, area);

  return *area;
}

static int
compare_strings (const char *a,
                 const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  /* Empty (unnamed, unclassified) last. */
  if ((a == NULL || *a == '\0') != (b == NULL || *b == '\0'))
    return (a == NULL || *a == '\0') ? 1 : -1;
  if (a == NULL || *a == '\0')
    return 0;

  fa = g_utf8_collate_key_for_filename (a, -1);
  fb = g_utf8_collate_key_for_filename (b, -1);

  return strcmp (fa, fb);
}

static int
cs_annotation_panel_sort_func (gconstpointer a,
                               gconstpointer b,
                               gpointer      user_data)
{
  CsAnnotationPanel *self = user_data;
  CsAnnotation *x = (CsAnnotation *) a;
  CsAnnotation *y = (CsAnnotation *) b;
  double ax, ay;
  gint64 mx, my;

  switch (self->sort)
    {
    case CS_ANNOTATION_SORT_NAME:
      return compare_strings (cs_annotation_get_name (x), cs_annotation_get_name (y));

    case CS_ANNOTATION_SORT_CLASS:
      return compare_strings (cs_annotation_get_class_name (x), cs_annotation_get_class_name (y));

    case CS_ANNOTATION_SORT_AREA:
      ax = cs_annotation_panel_area (self, x);
      ay = cs_annotation_panel_area (self, y);
      return ax > ay ? -1 : ax < ay ? 1 : 0;

    case CS_ANNOTATION_SORT_MODIFIED:
      mx = cs_annotation_get_modified (x);
      my = cs_annotation_get_modified (y);
      return mx > my ? -1 : mx < my ? 1 : 0;

    case CS_ANNOTATION_SORT_LIST:
    default:
      return 0;
    }
}

/* Rows, counts and drop-downs ------------------------------------------ */

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gtk_list_item_set_child (item, cs_annotation_row_new ());
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CsAnnotationPanel        *self)
{
  cs_annotation_row_set_annotation (CS_ANNOTATION_ROW (gtk_list_item_get_child (item)),
                                    gtk_list_item_get_item (item), self->classes,
                                    &self->calibration);
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  cs_annotation_row_set_annotation (CS_ANNOTATION_ROW (gtk_list_item_get_child (item)),
                                    NULL, NULL, NULL);
}

/* Setting a factory again binds every visible row anew: after a class
 * colour changed, or the calibration. */
static void
cs_annotation_panel_rebind_rows (CsAnnotationPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (factory_bind_cb), self, 0);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
}

/* Replaces a drop-down's names, keeping the one chosen when it is still
 * there. @first is the "all" entry. */
static void
cs_annotation_panel_set_choices (CsAnnotationPanel *self,
                                 GtkDropDown       *dropdown,
                                 const char        *first,
                                 GPtrArray         *names,
                                 const char        *chosen)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  if (first != NULL)
    gtk_string_list_append (model, first);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      gtk_string_list_append (model, *name != '\0' ? name : _("Unclassified"));
      if (g_strcmp0 (name, chosen) == 0)
        selected = i + (first != NULL ? 1 : 0);
    }

  self->updating++;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, selected);
  self->updating--;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static void
add_unique (GPtrArray  *names,
            GHashTable *seen,
            const char *name)
{
  if (name == NULL || g_hash_table_contains (seen, name))
    return;
  g_hash_table_add (seen, (gpointer) name);
  g_ptr_array_add (names, (gpointer) name);
}

/* The class choices: the table's classes, then any other class the slide's
 * annotations use (as of the last scan), then "Unclassified" ("") when
 * some have none. The names are borrowed. */
GPtrArray *
_cs_annotation_panel_collect_classes (CsAnnotationPanel *self,
                                      gboolean           with_unclassified)
{
  GPtrArray *names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = self->classes ? g_list_model_get_n_items (G_LIST_MODEL (self->classes)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsClassItem) klass = g_list_model_get_item (G_LIST_MODEL (self->classes), i);

      add_unique (names, seen, cs_class_item_get_name (klass));
    }

  for (guint i = 0; self->used_classes != NULL && i < self->used_classes->len; i++)
    add_unique (names, seen, g_ptr_array_index (self->used_classes, i));

  if (self->has_unclassified || with_unclassified)
    g_ptr_array_add (names, (gpointer) "");

  return names;
}

static void
add_unique_copy (GPtrArray  *names,
                 GHashTable *seen,
                 const char *name)
{
  if (name == NULL || *name == '\0' || g_hash_table_contains (seen, name))
    return;
  g_hash_table_add (seen, (gpointer) name);
  g_ptr_array_add (names, g_strdup (name));
}

static void
count_points (GHashTable   *counts,
              GPtrArray    *order,
              CsAnnotation *annotation)
{
  const char *name = cs_annotation_get_class_name (annotation);
  guint count;

  name = name != NULL && *name != '\0' ? name : _("Unclassified");
  if (!g_hash_table_contains (counts, name))
    g_ptr_array_add (order, (gpointer) name);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) +
          cs_geometry_get_n_points (cs_annotation_get_geometry (annotation));
  g_hash_table_insert (counts, (gpointer) name, GUINT_TO_POINTER (count));
}

/* "Points: Tumour 12 · Immune cells 40": counted over every point set. */
static void
cs_annotation_panel_set_points (CsAnnotationPanel *self,
                                GHashTable        *counts,
                                GPtrArray         *order)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < order->len; i++)
    {
      const char *name = g_ptr_array_index (order, i);

      g_string_append_printf (text, "%s%s %u", i > 0 ? " · " : "", cs_class_name_get_display (name),
                              GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)));
    }

  g_clear_pointer (&self->points_text, g_free);
  if (order->len > 0)
    /* Translators: %s lists point counts per class, e.g. "Tumour 12 · Immune cells 40" */
    self->points_text = g_strdup_printf (_("Points: %s"), text->str);
  gtk_label_set_text (self->points_label, self->points_text ? self->points_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->points_label), self->points_text != NULL);
}

/* One pass over the annotations for the classes and authors they use and
 * the point counts: 100,000 annotations are read once per burst of
 * changes, not once per use. */
static void
cs_annotation_panel_scan (CsAnnotationPanel *self)
{
  g_autoptr(GHashTable) classes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) authors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GListModel *list = self->list ? G_LIST_MODEL (self->list) : NULL;
  guint n = list ? g_list_model_get_n_items (list) : 0;

  g_clear_pointer (&self->used_classes, g_ptr_array_unref);
  g_clear_pointer (&self->authors, g_ptr_array_unref);
  self->used_classes = g_ptr_array_new_with_free_func (g_free);
  self->authors = g_ptr_array_new_with_free_func (g_free);
  self->has_unclassified = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (list, i);
      const char *class_name = cs_annotation_get_class_name (annotation);

      if (class_name == NULL || *class_name == '\0')
        self->has_unclassified = TRUE;
      add_unique_copy (self->used_classes, classes, class_name);
      add_unique_copy (self->authors, authors, cs_annotation_get_author (annotation));
      if (cs_annotation_get_shape (annotation) == CS_SHAPE_POINTS)
        count_points (counts, order, annotation);
    }

  g_ptr_array_sort (self->authors, (GCompareFunc) compare_names);
  cs_annotation_panel_set_points (self, counts, order);
}

static guint
count_temporary (GListModel *model)
{
  guint n = model ? g_list_model_get_n_items (model) : 0;
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (model, i);

      count += cs_annotation_get_temporary (annotation) ? 1 : 0;
    }
  return count;
}

/* "12 annotations · 1 temporary ruler": temporary rulers are not
 * annotations (never saved nor exported) and are counted apart. */
static char *
format_count (guint total,
              guint shown,
              guint rulers)
{
  g_autofree char *annotations = NULL;

  if (shown == total)
    annotations = g_strdup_printf (ngettext ("%u annotation", "%u annotations", total), total);
  else
    /* Translators: annotations shown by the filters, of all of them */
    annotations = g_strdup_printf (ngettext ("%u of %u annotation", "%u of %u annotations", total),
                                   shown, total);
  if (rulers == 0)
    return g_steal_pointer (&annotations);
  /* Translators: the annotation count, then how many temporary rulers */
  return g_strdup_printf (ngettext ("%s · %u temporary ruler", "%s · %u temporary rulers", rulers),
                          annotations, rulers);
}

static void
cs_annotation_panel_update_count (CsAnnotationPanel *self)
{
  guint total = self->list ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  guint rulers = count_temporary (G_LIST_MODEL (self->list));
  guint shown_rulers = shown == total ? rulers : count_temporary (G_LIST_MODEL (self->sort_model));
  const char *page;

  g_clear_pointer (&self->count_text, g_free);
  if (self->list == NULL)
    self->count_text = g_strdup (_("Annotations"));
  else
    self->count_text = format_count (total - rulers, shown - shown_rulers, rulers);
  gtk_label_set_text (self->count_label, self->count_text);

  if (self->list == NULL)
    page = "waiting";
  else if (shown > 0)
    page = "list";
  else
    page = "empty";

  gtk_label_set_text (self->empty_label,
                      total == 0 ? _("No annotations yet. Draw one with the tools over the "
                                     "slide, paste one, or import a file.")
                                 : _("No annotation matches the search and filters."));
  gtk_stack_set_visible_child_name (self->content_stack, page);
  gtk_spinner_set_spinning (self->waiting_spinner, self->list == NULL);
}

static void
cs_annotation_panel_set_incremental (CsAnnotationPanel *self)
{
  gboolean large = self->list != NULL &&
                   g_list_model_get_n_items (G_LIST_MODEL (self->list)) > LARGE_LIST;

  gtk_filter_list_model_set_incremental (self->filter_model, large);
  gtk_sort_list_model_set_incremental (self->sort_model, large);
}

static void
cs_annotation_panel_refresh (CsAnnotationPanel *self)
{
  g_autoptr(GPtrArray) classes = NULL;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  cs_annotation_panel_set_incremental (self);

  cs_annotation_panel_scan (self);
  classes = _cs_annotation_panel_collect_classes (self, FALSE);
  cs_annotation_panel_set_choices (self, self->class_dropdown, _("All classes"), classes,
                                   self->class_filter);
  cs_annotation_panel_set_choices (self, self->author_dropdown, _("All authors"), self->authors,
                                   self->author_filter);
  cs_annotation_panel_update_count (self);
  _cs_annotation_panel_update_edit (self);
}

static gboolean
cs_annotation_panel_refresh_cb (gpointer user_data)
{
  CsAnnotationPanel *self = user_data;

  self->refresh_source = 0;
  cs_annotation_panel_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
cs_annotation_panel_queue_refresh (CsAnnotationPanel *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE,
                                            cs_annotation_panel_refresh_cb, self, NULL);
}

static void
on_list_items_changed_cb (CsAnnotationPanel *self,
                          guint              position,
                          guint              removed,
                          guint              added,
                          GListModel        *list)
{
  /* Replaced annotations are new objects: forget the areas of the old. */
  if (removed > 0)
    g_hash_table_remove_all (self->areas);
  cs_annotation_panel_queue_refresh (self);
}

static void
on_sorted_items_changed_cb (CsAnnotationPanel *self)
{
  cs_annotation_panel_update_count (self);
}

static void
on_classes_changed_cb (CsAnnotationPanel *self)
{
  cs_annotation_panel_rebind_rows (self);
  cs_annotation_panel_queue_refresh (self);
}

/* Selection ----------------------------------------------------------- */

static void
cs_annotation_panel_scroll_to (CsAnnotationPanel *self,
                               guint              position)
{
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* Where the editor's selected annotations are in the panel's order. In
 * drawing order without filters that is their place in the list, found
 * without a scan; otherwise the shown annotations are scanned once, matched
 * by id. */
static GtkBitset *
cs_annotation_panel_find_selected (CsAnnotationPanel *self,
                                   GPtrArray         *selection)
{
  GtkBitset *selected = gtk_bitset_new_empty ();
  g_autoptr(GHashTable) ids = NULL;
  GListModel *sorted = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (sorted);

  if (selection == NULL || selection->len == 0)
    return selected;

  if (self->sort == CS_ANNOTATION_SORT_LIST && self->search == NULL &&
      self->class_filter == NULL && self->author_filter == NULL)
    {
      for (guint i = 0; i < selection->len; i++)
        {
          const char *id = cs_annotation_get_id (g_ptr_array_index (selection, i));
          CsAnnotation *listed = cs_annotation_list_lookup (self->list, id);
          guint position = listed ? cs_annotation_list_find (self->list, listed) : G_MAXUINT;

          if (position < n)
            gtk_bitset_add (selected, position);
        }
      return selected;
    }

  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < selection->len; i++)
    g_hash_table_add (ids, (gpointer) cs_annotation_get_id (g_ptr_array_index (selection, i)));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (sorted, i);

      if (g_hash_table_contains (ids, cs_annotation_get_id (annotation)))
        gtk_bitset_add (selected, i);
    }

  return selected;
}

/* The list's selection, from the editor's. Rows leaving and joining the
 * selection are changed in two steps, each naming only its rows: one step
 * over the whole range would have the list view look at every row between
 * the old selection and the new. */
static void
on_editor_selection_changed_cb (CsAnnotationPanel *self)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GtkBitset) current = NULL;
  g_autoptr(GtkBitset) leaving = NULL;
  g_autoptr(GtkBitset) joining = NULL;
  g_autoptr(GtkBitset) none = gtk_bitset_new_empty ();

  if (self->syncing || self->editor == NULL)
    return;

  selected = cs_annotation_panel_find_selected (self,
                                                cs_annotation_editor_get_selection (self->editor));
  current = gtk_selection_model_get_selection (model);
  leaving = gtk_bitset_copy (current);
  gtk_bitset_subtract (leaving, selected);
  joining = gtk_bitset_copy (selected);
  gtk_bitset_subtract (joining, current);

  self->syncing = TRUE;
  if (!gtk_bitset_is_empty (leaving))
    gtk_selection_model_set_selection (model, none, leaving);
  if (!gtk_bitset_is_empty (joining))
    gtk_selection_model_set_selection (model, joining, joining);
  self->syncing = FALSE;

  /* Scrolling a hidden list would cost for nothing. */
  if (!gtk_bitset_is_empty (joining) && gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    cs_annotation_panel_scroll_to (self, gtk_bitset_get_minimum (selected));
  _cs_annotation_panel_update_edit (self);
}

/* The editor's selection, from the list's; one row picked is shown. */
static void
on_list_selection_changed_cb (CsAnnotationPanel *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(CsAnnotation) single = NULL;
  GtkBitsetIter iter;
  guint position;
  gboolean extend = FALSE;

  if (self->syncing || self->editor == NULL)
    return;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  self->syncing = TRUE;
  cs_annotation_editor_select_none (self->editor);
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (self->sort_model),
                                                                  position);

      cs_annotation_editor_select (self->editor, annotation, extend);
      extend = TRUE;
      if (gtk_bitset_get_size (selected) == 1)
        single = g_object_ref (annotation);
    }
  self->syncing = FALSE;

  _cs_annotation_panel_update_edit (self);
  if (single != NULL)
    g_signal_emit (self, signals[NAVIGATE], 0, single);
}

/* Enter or a double click on a row shows it again, after the view was
 * moved away from it. */
static void
on_row_activate_cb (CsAnnotationPanel *self,
                    guint              position,
                    GtkListView       *view)
{
  g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (self->sort_model),
                                                              position);

  if (annotation != NULL)
    g_signal_emit (self, signals[NAVIGATE], 0, annotation);
}

/* Filters and sort ---------------------------------------------------- */

static void
on_search_changed_cb (CsAnnotationPanel *self,
                      GtkSearchEntry    *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->search, g_free);
  if (text != NULL && *text != '\0')
    self->search = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* The name chosen in a filter drop-down; NULL for its "all" entry. */
static char *
dup_dropdown_choice (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GObject *item = gtk_drop_down_get_selected_item (dropdown);
  const char *name;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || item == NULL)
    return NULL;

  name = gtk_string_object_get_string (GTK_STRING_OBJECT (item));

  /* The "Unclassified" entry stands for annotations without a class. */
  return g_strcmp0 (name, _("Unclassified")) == 0 ? g_strdup ("") : g_strdup (name);
}

static void
on_filter_dropdown_cb (CsAnnotationPanel *self,
                       GParamSpec        *pspec,
                       GtkDropDown       *dropdown)
{
  char **filter = dropdown == self->class_dropdown ? &self->class_filter : &self->author_filter;

  if (self->updating)
    return;

  g_free (*filter);
  *filter = dup_dropdown_choice (dropdown);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_sort_dropdown_cb (CsAnnotationPanel *self,
                     GParamSpec        *pspec,
                     GtkDropDown       *dropdown)
{
  GtkSorter *sorter;

  self->sort = gtk_drop_down_get_selected (dropdown);
  sorter = self->sort == CS_ANNOTATION_SORT_LIST ? NULL : GTK_SORTER (self->sorter);
  gtk_sort_list_model_set_sorter (self->sort_model, sorter);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* Object -------------------------------------------------------------- */

static void
cs_annotation_panel_disconnect (CsAnnotationPanel *self)
{
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->editor);
  g_clear_object (&self->list);
}

static void
cs_annotation_panel_dispose (GObject *object)
{
  CsAnnotationPanel *self = CS_ANNOTATION_PANEL (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  _cs_annotation_panel_edit_dispose (self);
  cs_annotation_panel_disconnect (self);
  if (self->classes != NULL)
    g_signal_handlers_disconnect_by_data (self->classes, self);
  g_clear_object (&self->classes);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_ANNOTATION_PANEL);
  /* The template's unnamed top box is not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);

  G_OBJECT_CLASS (cs_annotation_panel_parent_class)->dispose (object);
}

static void
cs_annotation_panel_finalize (GObject *object)
{
  CsAnnotationPanel *self = CS_ANNOTATION_PANEL (object);

  g_clear_pointer (&self->areas, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->class_filter, g_free);
  g_clear_pointer (&self->author_filter, g_free);
  g_clear_pointer (&self->count_text, g_free);
  g_clear_pointer (&self->points_text, g_free);
  g_clear_pointer (&self->used_classes, g_ptr_array_unref);
  g_clear_pointer (&self->authors, g_ptr_array_unref);

  G_OBJECT_CLASS (cs_annotation_panel_parent_class)->finalize (object);
}

static void
cs_annotation_panel_class_init (CsAnnotationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_annotation_panel_dispose;
  object_class->finalize = cs_annotation_panel_finalize;

  signals[NAVIGATE] =
    g_signal_new ("navigate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CS_TYPE_ANNOTATION);

  g_type_ensure (CS_TYPE_ANNOTATION_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-annotation-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, points_label);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, trash_button);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, trash_stack);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, trash_view);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, class_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, author_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, waiting_spinner);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, edit_revealer);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, edit_title);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, answer_button);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, hide_button);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, lock_button);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, name_entry);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, edit_class_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, comment_label);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationPanel, comment_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_dropdown_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_dropdown_cb);
  _cs_annotation_panel_class_edit_init (klass);
}

/* Class drop-downs show each class's colour before its name, as the
 * tool bar's does; "All classes" has none. */
static void
class_choice_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       CsAnnotationPanel        *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
class_choice_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      CsAnnotationPanel        *self)
{
  const char *name = gtk_string_object_get_string (gtk_list_item_get_item (item));
  CsClassItem *klass = self->classes ? cs_class_table_lookup (self->classes, name) : NULL;
  guint32 rgb = klass ? cs_class_item_get_color (klass)
                      : g_str_equal (name, _("Unclassified")) ? CS_UNCLASSIFIED_COLOR : CS_COLOR_UNSET;
  g_autofree char *markup = NULL;

  /* The model holds the stored names (the filter matches them); the
   * built-in classes are shown in the user's language. */
  name = cs_class_name_get_display (name);
  if (rgb == CS_COLOR_UNSET)
    markup = g_markup_escape_text (name, -1);
  else
    markup = g_markup_printf_escaped ("<span foreground=\"#%06x\">●</span> %s", rgb, name);
  gtk_label_set_markup (GTK_LABEL (gtk_list_item_get_child (item)), markup);
}

static void
cs_annotation_panel_set_class_factory (CsAnnotationPanel *self,
                                       GtkDropDown       *dropdown)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_object (factory, "setup", G_CALLBACK (class_choice_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (class_choice_bind_cb), self, 0);
  gtk_drop_down_set_factory (dropdown, factory);
}

static void
cs_annotation_panel_init (CsAnnotationPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cs_annotation_panel_set_class_factory (self, self->class_dropdown);
  cs_annotation_panel_set_class_factory (self, self->edit_class_dropdown);

  self->areas = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->filter = gtk_custom_filter_new (cs_annotation_panel_filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (cs_annotation_panel_sort_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              NULL);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));

  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (on_sorted_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_list_selection_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_row_activate_cb), self,
                           G_CONNECT_SWAPPED);
  cs_annotation_panel_rebind_rows (self);
  _cs_annotation_panel_edit_init (self);
  cs_annotation_panel_set_classes (self, NULL);
  cs_annotation_panel_refresh (self);
}

GtkWidget *
cs_annotation_panel_new (void)
{
  return g_object_new (CS_TYPE_ANNOTATION_PANEL, NULL);
}

/**
 * cs_annotation_panel_get_editor:
 *
 * Returns: (transfer none) (nullable): the editor whose list is shown
 */
CsAnnotationEditor *
cs_annotation_panel_get_editor (CsAnnotationPanel *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_PANEL (self), NULL);

  return self->editor;
}

/**
 * cs_annotation_panel_set_editor:
 * @editor: (nullable): the slide's editor, or %NULL while its annotations
 *   are not available
 * @calibration: (nullable): the slide's, for the measurements
 */
void
cs_annotation_panel_set_editor (CsAnnotationPanel   *self,
                                CsAnnotationEditor  *editor,
                                const CsCalibration *calibration)
{
  g_return_if_fail (CS_IS_ANNOTATION_PANEL (self));
  g_return_if_fail (editor == NULL || CS_IS_ANNOTATION_EDITOR (editor));

  self->calibration.mpp_x = calibration ? calibration->mpp_x : 0;
  self->calibration.mpp_y = calibration ? calibration->mpp_y : 0;
  if (editor == self->editor)
    return;

  _cs_annotation_panel_commit_pending (self);
  cs_annotation_panel_disconnect (self);
  g_hash_table_remove_all (self->areas);

  if (editor != NULL)
    {
      self->editor = g_object_ref (editor);
      self->list = g_object_ref (cs_annotation_editor_get_list (editor));
      g_signal_connect_object (self->list, "items-changed",
                               G_CALLBACK (on_list_items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->editor, "selection-changed",
                               G_CALLBACK (on_editor_selection_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  cs_annotation_panel_set_incremental (self);
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (self->list));
  _cs_annotation_panel_bind_trash (self);
  cs_annotation_panel_rebind_rows (self);
  cs_annotation_panel_refresh (self);
  on_editor_selection_changed_cb (self);
}

CsClassTable *
cs_annotation_panel_get_classes (CsAnnotationPanel *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_PANEL (self), NULL);

  return self->classes;
}

/**
 * cs_annotation_panel_set_classes:
 * @classes: (nullable): the class table, or %NULL for the application's
 */
void
cs_annotation_panel_set_classes (CsAnnotationPanel *self,
                                 CsClassTable      *classes)
{
  g_return_if_fail (CS_IS_ANNOTATION_PANEL (self));

  if (classes == NULL)
    classes = cs_settings_get_class_table ();
  if (classes == self->classes)
    return;

  if (self->classes != NULL)
    g_signal_handlers_disconnect_by_data (self->classes, self);
  g_set_object (&self->classes, classes);
  g_signal_connect_object (classes, "changed", G_CALLBACK (on_classes_changed_cb),
                           self, G_CONNECT_SWAPPED);
  on_classes_changed_cb (self);
}

/**
 * cs_annotation_panel_get_model:
 *
 * Returns: (transfer none): the annotations shown, in the panel's order
 */
GListModel *
cs_annotation_panel_get_model (CsAnnotationPanel *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_PANEL (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

/* "12 annotations", "3 of 12 annotations". */
const char *
cs_annotation_panel_get_count_text (CsAnnotationPanel *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_PANEL (self), NULL);

  cs_annotation_panel_refresh (self);

  return self->count_text;
}

/**
 * cs_annotation_panel_get_points_text:
 *
 * Returns: (nullable): the point counts per class, or %NULL without points
 */
const char *
cs_annotation_panel_get_points_text (CsAnnotationPanel *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_PANEL (self), NULL);

  cs_annotation_panel_refresh (self);

  return self->points_text;
}

void
cs_annotation_panel_set_search (CsAnnotationPanel *self,
                                const char        *text)
{
  g_return_if_fail (CS_IS_ANNOTATION_PANEL (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* The entry reports a change after a delay; filter now. */
  on_search_changed_cb (self, self->search_entry);
}

static void
select_choice (GtkDropDown *dropdown,
               const char  *name)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);
  const char *wanted = name != NULL && *name == '\0' ? _("Unclassified") : name;
  guint n = model ? g_list_model_get_n_items (model) : 0;

  for (guint i = 1; wanted != NULL && i < n; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), wanted) == 0)
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }

  gtk_drop_down_set_selected (dropdown, 0);
}

void
cs_annotation_panel_set_class_filter (CsAnnotationPanel *self,
                                      const char        *class_name)
{
  g_return_if_fail (CS_IS_ANNOTATION_PANEL (self));

  cs_annotation_panel_refresh (self);
  select_choice (self->class_dropdown, class_name);
}

void
cs_annotation_panel_set_author_filter (CsAnnotationPanel *self,
                                       const char        *author)
{
  g_return_if_fail (CS_IS_ANNOTATION_PANEL (self));

  cs_annotation_panel_refresh (self);
  select_choice (self->author_dropdown, author);
}

void
cs_annotation_panel_set_sort (CsAnnotationPanel *self,
                              CsAnnotationSort   sort)
{
  g_return_if_fail (CS_IS_ANNOTATION_PANEL (self));

  gtk_drop_down_set_selected (self->sort_dropdown, sort);
}

gboolean
cs_annotation_panel_step (CsAnnotationPanel *self,
                          int                step)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(CsAnnotation) annotation = NULL;
  guint n;
  guint position;

  g_return_val_if_fail (CS_IS_ANNOTATION_PANEL (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  if (n == 0 || self->editor == NULL)
    return FALSE;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_is_empty (selected))
    position = step > 0 ? 0 : n - 1;
  else if (step > 0)
    position = (gtk_bitset_get_maximum (selected) + 1) % n;
  else
    position = (gtk_bitset_get_minimum (selected) + n - 1) % n;

  /* Selecting the same single row again would not say so: show it here. */
  if (gtk_bitset_get_size (selected) == 1 && gtk_bitset_contains (selected, position))
    {
      annotation = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);
      g_signal_emit (self, signals[NAVIGATE], 0, annotation);
    }
  else
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  cs_annotation_panel_scroll_to (self, position);

  return TRUE;
}

void
cs_annotation_panel_set_hide_teaching_answers (CsAnnotationPanel *self,
                                               gboolean           hide)
{
  g_return_if_fail (CS_IS_ANNOTATION_PANEL (self));

  if (self->hide_teaching_answers == !!hide)
    return;
  self->hide_teaching_answers = !!hide;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}
