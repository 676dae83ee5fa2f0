/* cs-deidentify-summary-images.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-deidentify-summary"

#include "config.h"

#include "cs-core-private.h"
#include "cs-deidentify-summary-private.h"
#include "cs-slide-info.h"
#include "cs-slide-thumbnail.h"
#include "cs-surface-texture.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* The summary's images: each image removed, with its preview from the
 * original (its pixels, a spinner while they are read in a worker, or
 * "Hidden for privacy" for the label and macro in privacy mode), then the
 * original's images the copy keeps. */

#define PREVIEW_HEIGHT    72
#define PREVIEW_MAX_WIDTH 160

/* @surface fitted into PREVIEW_MAX_WIDTH × PREVIEW_HEIGHT: a picture of
 * that size, so that every preview takes the same width. */
static cairo_surface_t *
scale_down (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  return cs_slide_thumbnail_fit_on_white (surface,
                                          MIN (1.0, MIN ((double) PREVIEW_HEIGHT / MAX (height, 1),
                                                         (double) PREVIEW_MAX_WIDTH /
                                                         MAX (width, 1))));
}

/* The preview of an image of the original, before it was removed: its
 * pixels, a spinner while they are read, or a "hidden" note in privacy
 * mode. */
static GtkWidget *
preview_new (CsDeidentifySummary *self,
             const char          *name)
{
  cairo_surface_t *surface = name ? g_hash_table_lookup (self->previews, name) : NULL;
  gboolean in_original = self->original != NULL && name != NULL &&
                         g_strv_contains (cs_slide_get_associated_names (self->original), name);
  GtkWidget *widget, *frame;

  if (in_original && self->privacy_mode && cs_slide_info_is_private_image (name))
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *icon = gtk_image_new_from_icon_name ("view-conceal-symbolic");
      GtkWidget *note = gtk_label_new (_("Hidden for privacy"));

      gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
      gtk_widget_add_css_class (icon, "dim-label");
      gtk_widget_add_css_class (note, "caption");
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), note);
      gtk_widget_set_name (box, "privacy-hidden");
      gtk_widget_set_tooltip_text (box, _("Privacy mode hides labels and macro images"));
      widget = box;
    }
  else if (surface != NULL)
    {
      g_autoptr(cairo_surface_t) small = scale_down (surface);
      g_autoptr(GdkTexture) texture = cs_surface_texture_new (small);

      widget = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      gtk_widget_set_name (widget, "preview");
    }
  else if (in_original && self->cancellable != NULL)
    {
      widget = gtk_spinner_new ();
      gtk_spinner_set_spinning (GTK_SPINNER (widget), TRUE);
    }
  else
    {
      widget = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
      gtk_image_set_pixel_size (GTK_IMAGE (widget), 32);
      gtk_widget_add_css_class (widget, "dim-label");
    }

  /* A frame of one size for all, so that the titles line up; the picture
   * in it at its own size, centred. */
  frame = gtk_center_box_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (frame), GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_size_request (frame, PREVIEW_MAX_WIDTH, PREVIEW_HEIGHT);
  gtk_widget_set_halign (widget, GTK_ALIGN_CENTER);
  gtk_center_box_set_center_widget (GTK_CENTER_BOX (frame), widget);
  g_object_set (frame, "margin-top", 6, "margin-bottom", 6, NULL);

  return frame;
}

/* "label 387x463" → "label" and "387 × 463 pixels"; other entries (a
 * generic TIFF's dropped directory) are their own title. */
static char *
parse_image_entry (const char  *entry,
                   char       **size)
{
  const char *space = strchr (entry, ' ');
  guint width, height;

  *size = NULL;
  if (space == NULL || sscanf (space + 1, "%ux%u", &width, &height) != 2)
    return NULL;

  /* Translators: the size of an image, e.g. "387 × 463 pixels" */
  *size = g_strdup_printf (_("%u × %u pixels"), width, height);

  return g_strndup (entry, space - entry);
}

static void
add_image_row (CsDeidentifySummary *self,
               const char          *name,
               const char          *title,
               const char          *subtitle,
               gboolean             removed)
{
  g_autofree char *row_name = g_strdup_printf ("image-%s", name ? name : title);
  AdwActionRow *row = _cs_deidentify_summary_row_new (row_name, title, subtitle);

  adw_action_row_add_prefix (row, preview_new (self, name));
  _cs_deidentify_summary_row_add_state (row, removed);
  gtk_list_box_append (self->images_list, GTK_WIDGET (row));
}

static char *
preview_size (CsDeidentifySummary *self,
              const char          *name)
{
  cairo_surface_t *surface = g_hash_table_lookup (self->previews, name);

  if (surface == NULL)
    return NULL;

  return g_strdup_printf (_("%u × %u pixels"), (guint) cairo_image_surface_get_width (surface),
                          (guint) cairo_image_surface_get_height (surface));
}

void
_cs_deidentify_summary_images_update (CsDeidentifySummary *self)
{
  g_autoptr(GPtrArray) removed_names = g_ptr_array_new_with_free_func (g_free);
  const char * const *names;

  _cs_deidentify_summary_clear_list (self->images_list);
  for (guint i = 0; self->removed_images && self->removed_images[i] != NULL; i++)
    {
      g_autofree char *size = NULL;
      g_autofree char *name = parse_image_entry (self->removed_images[i], &size);

      if (name != NULL)
        add_image_row (self, name, cs_slide_info_image_title (name), size, TRUE);
      else
        add_image_row (self, NULL, self->removed_images[i], NULL, TRUE);
      g_ptr_array_add (removed_names, g_steal_pointer (&name));
    }

  /* What the copy keeps of the original's images (the thumbnail). */
  names = self->original ? cs_slide_get_associated_names (self->original) : NULL;
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (removed_names, names[i], g_str_equal, NULL))
      {
        g_autofree char *size = preview_size (self, names[i]);

        add_image_row (self, names[i], cs_slide_info_image_title (names[i]), size, FALSE);
      }

  if (gtk_widget_get_first_child (GTK_WIDGET (self->images_list)) == NULL)
    _cs_deidentify_summary_add_none_row (self->images_list, "image-none",
                                         _("No label or macro image"));
}

static void
surface_destroy (gpointer surface)
{
  cairo_surface_destroy (surface);
}

static void
read_previews_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CsDeidentifySummary) self = user_data;
  g_autoptr(GHashTable) previews = cs_slide_info_read_images_finish (result, NULL);

  if (previews == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  g_clear_pointer (&self->previews, g_hash_table_unref);
  self->previews = g_steal_pointer (&previews);
  g_clear_object (&self->cancellable);
  _cs_deidentify_summary_images_update (self);
}

void
_cs_deidentify_summary_images_cancel (CsDeidentifySummary *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

void
_cs_deidentify_summary_images_load (CsDeidentifySummary *self)
{
  _cs_deidentify_summary_images_cancel (self);
  g_hash_table_remove_all (self->previews);
  if (self->original == NULL || cs_slide_get_associated_names (self->original)[0] == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  cs_slide_info_read_images_async (self->original, self->cancellable, read_previews_cb,
                                   g_object_ref (self));
}

void
_cs_deidentify_summary_images_init (CsDeidentifySummary *self)
{
  self->previews = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, surface_destroy);
}
