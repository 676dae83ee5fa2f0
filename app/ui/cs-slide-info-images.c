/* cs-slide-info-images.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-info"

#include "config.h"

#include "cs-core-private.h"
#include "cs-slide-info-private.h"
#include "cs-surface-texture.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/* The associated images of the information panel: label, macro, thumbnail
 * and whatever else the scanner stored, read in a worker, shown as
 * thumbnails that open at full size in their own window. In privacy mode
 * the label and the macro, which may show the patient's name and number,
 * are replaced by placeholders and their windows close. */

#define THUMBNAIL_HEIGHT 96
#define CSS_PRIVACY_HIDDEN "privacy-hidden"

/**
 * cs_slide_info_is_private_image:
 * @name: the name of an associated image
 *
 * Returns: whether @name may show patient details (the label, or the macro
 *   photograph of the whole glass slide, label included)
 */
gboolean
cs_slide_info_is_private_image (const char *name)
{
  return g_strcmp0 (name, "label") == 0 || g_strcmp0 (name, "macro") == 0;
}

/**
 * cs_slide_info_image_title:
 * @name: the name of an associated image
 *
 * Returns: its title for people: "Label", "Macro", "Thumbnail", else @name
 */
const char *
cs_slide_info_image_title (const char *name)
{
  if (g_str_equal (name, "label"))
    return _("Label");
  if (g_str_equal (name, "macro"))
    return _("Macro");
  if (g_str_equal (name, "thumbnail"))
    return _("Thumbnail");

  return name;
}

static void
surface_destroy (gpointer surface)
{
  cairo_surface_destroy (surface);
}

static void
hash_table_unref (gpointer table)
{
  g_hash_table_unref (table);
}

static void
read_images_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CsSlide *slide = task_data;
  const char * const *names = cs_slide_get_associated_names (slide);
  GHashTable *images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, surface_destroy);

  for (guint i = 0; names[i] != NULL && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr(GError) error = NULL;
      cairo_surface_t *surface = cs_slide_read_associated (slide, names[i], &error);

      if (surface != NULL)
        g_hash_table_insert (images, g_strdup (names[i]), surface);
      else
        g_debug ("%s", error->message);
    }

  g_task_return_pointer (task, images, hash_table_unref);
}

/**
 * cs_slide_info_read_images_async:
 * @slide: an open slide
 *
 * Reads every associated image of @slide in a worker (images that cannot
 * be read are left out).
 */
void
cs_slide_info_read_images_async (CsSlide             *slide,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (CS_IS_SLIDE (slide));

  g_task_set_source_tag (task, cs_slide_info_read_images_async);
  g_task_set_task_data (task, g_object_ref (slide), g_object_unref);
  g_task_run_in_thread (task, read_images_worker);
}

/**
 * cs_slide_info_read_images_finish:
 *
 * Returns: (transfer full) (nullable): image name → cairo_surface_t
 */
GHashTable *
cs_slide_info_read_images_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
read_images_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CsSlideInfo) self = user_data;
  g_autoptr(GHashTable) images = NULL;
  g_autoptr(GError) error = NULL;

  images = cs_slide_info_read_images_finish (result, &error);
  if (images == NULL || g_task_get_cancellable (G_TASK (result)) != self->images_cancellable)
    return;

  g_clear_pointer (&self->images, g_hash_table_unref);
  self->images = g_steal_pointer (&images);
  g_clear_object (&self->images_cancellable);
  _cs_slide_info_images_update (self);
}

static void
on_image_window_destroy_cb (GtkWidget   *window,
                            CsSlideInfo *self)
{
  g_ptr_array_remove (self->image_windows, window);
}

static GtkWindow *
image_window_new (CsSlideInfo     *self,
                  const char      *name,
                  cairo_surface_t *surface)
{
  g_autoptr(GdkTexture) texture = cs_surface_texture_new (surface);
  g_autofree char *title = NULL;
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  /* Translators: the title of an associated image's window, e.g.
   * "Macro — CMU-1.svs" */
  title = g_strdup_printf (_("%s — %s"), cs_slide_info_image_title (name),
                           cs_slide_get_display_name (self->slide));
  gtk_window_set_title (GTK_WINDOW (window), title);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_default_size (GTK_WINDOW (window), CLAMP (width, 360, 1200),
                               CLAMP (height + 46, 294, 900));

  /* Full size: one image pixel per pixel, scrolled when larger. */
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
  gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), picture);
  gtk_widget_set_vexpand (scroller, TRUE);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);

  gtk_widget_set_name (window, name);
  g_ptr_array_add (self->image_windows, window);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_image_window_destroy_cb), self, 0);

  return GTK_WINDOW (window);
}

static void
on_image_clicked_cb (GtkButton   *button,
                     CsSlideInfo *self)
{
  const char *name = gtk_widget_get_name (GTK_WIDGET (button));
  cairo_surface_t *surface = g_hash_table_lookup (self->images, name);

  if (surface == NULL || (self->privacy_mode && cs_slide_info_is_private_image (name)))
    return;

  gtk_window_present (image_window_new (self, name, surface));
}

static GtkWidget *
image_tile_new (CsSlideInfo *self,
                const char  *name)
{
  cairo_surface_t *surface = g_hash_table_lookup (self->images, name);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *caption = gtk_label_new (cs_slide_info_image_title (name));
  GtkWidget *tile;

  gtk_widget_add_css_class (caption, "caption-heading");

  if ((self->privacy_mode || self->teaching_hidden) && cs_slide_info_is_private_image (name))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("view-conceal-symbolic");
      GtkWidget *note = gtk_label_new (self->privacy_mode ? _("Hidden for privacy")
                                                          : _("Hidden until the answer is revealed"));

      gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
      gtk_widget_set_size_request (icon, -1, THUMBNAIL_HEIGHT - 20);
      gtk_widget_add_css_class (icon, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_label_set_justify (GTK_LABEL (note), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (note, "caption");
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), note);
      gtk_box_append (GTK_BOX (box), caption);
      gtk_widget_add_css_class (box, CSS_PRIVACY_HIDDEN);
      gtk_widget_set_tooltip_text (box, self->privacy_mode
                                        ? _("Privacy mode hides labels and macro images")
                                        : _("A teaching case hides labels and macro images until its answer is revealed"));
      g_object_set (box, "margin-top", 6, "margin-bottom", 6, NULL);

      return box;
    }

  if (surface != NULL)
    {
      g_autoptr(GdkTexture) texture = cs_surface_texture_new (surface);
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

      gtk_widget_set_size_request (picture, -1, THUMBNAIL_HEIGHT);
      gtk_box_append (GTK_BOX (box), picture);
    }
  else
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_set_spinning (GTK_SPINNER (spinner), self->images_cancellable != NULL);
      gtk_widget_set_size_request (spinner, -1, THUMBNAIL_HEIGHT);
      gtk_box_append (GTK_BOX (box), spinner);
    }

  gtk_box_append (GTK_BOX (box), caption);

  tile = gtk_button_new ();
  gtk_widget_set_name (tile, name);
  gtk_widget_set_sensitive (tile, surface != NULL);
  gtk_widget_set_tooltip_text (tile, _("Open at full size"));
  gtk_widget_add_css_class (tile, "flat");
  gtk_button_set_child (GTK_BUTTON (tile), box);
  g_signal_connect_object (tile, "clicked", G_CALLBACK (on_image_clicked_cb), self, 0);

  return tile;
}

static void
close_private_windows (CsSlideInfo *self)
{
  for (guint i = self->image_windows->len; i > 0; i--)
    {
      GtkWindow *window = g_ptr_array_index (self->image_windows, i - 1);

      if (cs_slide_info_is_private_image (gtk_widget_get_name (GTK_WIDGET (window))))
        gtk_window_destroy (window);
    }
}

/* Rebuilds the thumbnails for the slide, the images read and the privacy
 * mode. */
void
_cs_slide_info_images_update (CsSlideInfo *self)
{
  const char * const *names = NULL;
  guint n_names = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->associated_box))) != NULL)
    gtk_flow_box_remove (self->associated_box, child);

  if (self->privacy_mode || self->teaching_hidden)
    close_private_windows (self);

  if (self->slide != NULL)
    {
      names = cs_slide_get_associated_names (self->slide);
      n_names = g_strv_length ((char **) names);
    }

  for (guint i = 0; i < n_names; i++)
    {
      GtkWidget *tile = image_tile_new (self, names[i]);

      gtk_widget_set_name (tile, names[i]);
      gtk_flow_box_append (self->associated_box, tile);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->associated_box), n_names > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->associated_none_label),
                          self->slide != NULL && n_names == 0);
}

static void
close_all_windows (CsSlideInfo *self)
{
  while (self->image_windows->len > 0)
    gtk_window_destroy (g_ptr_array_index (self->image_windows, self->image_windows->len - 1));
}

/* Forgets the images of the last slide and reads the new slide's. */
void
_cs_slide_info_images_load (CsSlideInfo *self)
{
  if (self->images_cancellable != NULL)
    g_cancellable_cancel (self->images_cancellable);
  g_clear_object (&self->images_cancellable);
  g_hash_table_remove_all (self->images);
  close_all_windows (self);

  if (self->slide != NULL && cs_slide_get_associated_names (self->slide)[0] != NULL)
    {
      self->images_cancellable = g_cancellable_new ();
      cs_slide_info_read_images_async (self->slide, self->images_cancellable, read_images_cb,
                                       g_object_ref (self));
    }

  _cs_slide_info_images_update (self);
}

void
_cs_slide_info_images_init (CsSlideInfo *self)
{
  self->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, surface_destroy);
  self->image_windows = g_ptr_array_new ();
}

void
_cs_slide_info_images_dispose (CsSlideInfo *self)
{
  if (self->images_cancellable != NULL)
    g_cancellable_cancel (self->images_cancellable);
  g_clear_object (&self->images_cancellable);

  if (self->image_windows != NULL)
    close_all_windows (self);
  g_clear_pointer (&self->image_windows, g_ptr_array_unref);
  g_clear_pointer (&self->images, g_hash_table_unref);
}

gboolean
cs_slide_info_get_teaching_hidden (CsSlideInfo *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_INFO (self), FALSE);

  return self->teaching_hidden;
}

/**
 * cs_slide_info_set_teaching_hidden:
 *
 * Hides (or shows again) the label and macro images of a teaching case's
 * slide, closing any of them opened at full size.
 */
void
cs_slide_info_set_teaching_hidden (CsSlideInfo *self,
                                   gboolean     hidden)
{
  g_return_if_fail (CS_IS_SLIDE_INFO (self));

  if (self->teaching_hidden == !!hidden)
    return;
  self->teaching_hidden = !!hidden;
  _cs_slide_info_images_update (self);
}
