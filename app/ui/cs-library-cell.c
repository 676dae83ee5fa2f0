/* cs-library-cell.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-library-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-library.h"
#include "cs-library-cell.h"
#include "cs-magnification.h"

#define CELL_THUMBNAIL_SIZE 180

/* A cell is a vertical box: a stack (thumbnail, or placeholder icon with
 * the reason below), the name, the details and the counts. Its widgets
 * are kept on the box by name ("cs-…" data). */

static GtkWidget *
cell_label (GtkWidget  *box,
            const char *key,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  g_object_set_data (G_OBJECT (box), key, label);

  return label;
}

static void
on_setup_cb (GtkListItemFactory *factory,
             GtkListItem        *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture = gtk_image_new ();
  GtkWidget *placeholder = gtk_image_new ();
  GtkWidget *frame = gtk_stack_new ();
  GtkWidget *details;

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_size_request (frame, CELL_THUMBNAIL_SIZE, CELL_THUMBNAIL_SIZE);
  gtk_image_set_pixel_size (GTK_IMAGE (placeholder), 64);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_stack_add_named (GTK_STACK (frame), picture, "picture");
  gtk_stack_add_named (GTK_STACK (frame), placeholder, "placeholder");
  gtk_box_append (GTK_BOX (box), frame);
  g_object_set_data (G_OBJECT (box), "cs-frame", frame);
  g_object_set_data (G_OBJECT (box), "cs-picture", picture);
  g_object_set_data (G_OBJECT (box), "cs-placeholder", placeholder);
  cell_label (box, "cs-name", "heading");
  details = cell_label (box, "cs-details", "caption");
  /* A reason a slide cannot be read may be long: three lines. */
  gtk_label_set_wrap (GTK_LABEL (details), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (details), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (details), 3);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_label_set_justify (GTK_LABEL (details), GTK_JUSTIFY_CENTER);
  cell_label (box, "cs-counts", "dim-label");
  gtk_list_item_set_child (list_item, box);
}

char *
cs_library_cell_format_details (gpointer data)
{
  CsLibraryItem *item = data;
  GString *text = g_string_new (NULL);
  const char *vendor = cs_library_item_get_vendor (item);
  double power = cs_library_item_get_objective_power (item);
  gint64 width, height;

  cs_library_item_get_size (item, &width, &height);
  if (vendor != NULL && *vendor != '\0')
    g_string_append (text, vendor);
  if (width > 0 && height > 0)
    {
      g_autofree char *w = g_strdup_printf ("%" G_GINT64_FORMAT, width);
      g_autofree char *h = g_strdup_printf ("%" G_GINT64_FORMAT, height);

      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: a slide's size in pixels, width × height. */
      g_string_append_printf (text, _("%s × %s px"), w, h);
    }
  if (power > 0)
    {
      g_autofree char *magnification = cs_magnification_format (power);

      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, magnification);
    }

  return g_string_free (text, FALSE);
}

static char *
format_counts (CsLibraryItem *item)
{
  guint n_annotations = cs_library_item_get_n_annotations (item);
  guint n_opinions = cs_library_item_get_n_opinions (item);
  g_autofree char *annotations = g_strdup_printf (ngettext ("%u annotation", "%u annotations",
                                                            n_annotations), n_annotations);
  g_autofree char *opinions = g_strdup_printf (ngettext ("%u opinion", "%u opinions",
                                                         n_opinions), n_opinions);

  return g_strconcat (annotations, " · ", opinions, NULL);
}

static int
cell_picture_size (GdkPaintable *paintable)
{
  int longest;

  if (paintable == NULL)
    return CELL_THUMBNAIL_SIZE;
  longest = MAX (gdk_paintable_get_intrinsic_width (paintable),
                 gdk_paintable_get_intrinsic_height (paintable));

  return longest > 0 ? MIN (longest, CELL_THUMBNAIL_SIZE) : CELL_THUMBNAIL_SIZE;
}

static void
cell_update (GtkWidget     *box,
             CsLibraryItem *item)
{
  GtkStack *frame = g_object_get_data (G_OBJECT (box), "cs-frame");
  GtkImage *placeholder = g_object_get_data (G_OBJECT (box), "cs-placeholder");
  GtkLabel *name = g_object_get_data (G_OBJECT (box), "cs-name");
  GtkLabel *details = g_object_get_data (G_OBJECT (box), "cs-details");
  GtkLabel *counts = g_object_get_data (G_OBJECT (box), "cs-counts");
  const char *thumbnail = cs_library_item_get_thumbnail_path (item);
  CsLibraryItemState state = cs_library_item_get_state (item);
  g_autofree char *details_text = NULL;
  g_autofree char *counts_text = NULL;

  gtk_label_set_text (name, cs_library_item_get_display_name (item));
  gtk_widget_set_tooltip_text (box, cs_library_item_get_path (item));
  if (thumbnail != NULL)
    {
      GtkImage *picture = g_object_get_data (G_OBJECT (box), "cs-picture");
      int size;

      gtk_image_set_from_file (picture, thumbnail);
      /* Shrunk to the cell, never blown up: a tiny slide stays sharp. */
      size = cell_picture_size (gtk_image_get_paintable (picture));
      gtk_image_set_pixel_size (picture, size);
      gtk_stack_set_visible_child_name (frame, "picture");
    }
  else
    {
      gtk_image_set_from_icon_name (placeholder, state == CS_LIBRARY_ITEM_FAILED
                                    ? "dialog-warning-symbolic" : "image-x-generic-symbolic");
      gtk_stack_set_visible_child_name (frame, "placeholder");
    }

  switch (state)
    {
    case CS_LIBRARY_ITEM_FAILED:
      gtk_label_set_text (details, cs_library_item_get_error (item));
      gtk_widget_set_tooltip_text (GTK_WIDGET (details), cs_library_item_get_error (item));
      gtk_label_set_text (counts, _("Cannot be read"));
      break;
    case CS_LIBRARY_ITEM_PENDING:
      gtk_label_set_text (details, _("Reading…"));
      gtk_label_set_text (counts, "");
      break;
    case CS_LIBRARY_ITEM_READY:
    default:
      details_text = cs_library_cell_format_details (item);
      counts_text = format_counts (item);
      gtk_label_set_text (details, details_text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (details), NULL);
      gtk_label_set_text (counts, counts_text);
      break;
    }
}

static void
on_bind_cb (GtkListItemFactory *factory,
            GtkListItem        *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  CsLibraryItem *item = gtk_list_item_get_item (list_item);

  cell_update (box, item);
  g_signal_connect_object (item, "changed", G_CALLBACK (cell_update), box, G_CONNECT_SWAPPED);
}

static void
on_unbind_cb (GtkListItemFactory *factory,
              GtkListItem        *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  CsLibraryItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, cell_update, box);
}

GtkListItemFactory *
cs_library_cell_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), NULL);

  return factory;
}
