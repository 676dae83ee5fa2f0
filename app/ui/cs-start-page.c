/* cs-start-page.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-start-page"

#include "config.h"

#include "cs-recent-slides.h"
#include "cs-slide-thumbnail.h"
#include "cs-start-page.h"

#include <gtk/gtk.h>
#include <string.h>

/* The start page lists Consilium's recent slides that still exist, each as
 * a card with a thumbnail made (or read from the thumbnail cache) in a
 * worker. The list is rebuilt each time the page is shown; thumbnails
 * already on screen are reused at once, so coming back to the page shows
 * it whole immediately. */

#define MAX_RECENT    12
#define CARD_WIDTH    180
#define CARD_HEIGHT   135

struct _CsStartPage
{
  GtkWidget     parent_instance;

  /* Template Widgets */
  GtkWidget    *status_page;
  GtkWidget    *recent_group;
  GtkFlowBox   *recent_box;

  /* Owned References */
  GPtrArray    *paths;       /* listed, in order */
  GHashTable   *textures;    /* path → GdkTexture shown */
  GHashTable   *pictures;    /* path → GtkPicture (borrowed) */
  GCancellable *cancellable; /* the thumbnails being made */
  guint         n_pending;   /* thumbnail workers not yet finished */
};

G_DEFINE_FINAL_TYPE (CsStartPage, cs_start_page, GTK_TYPE_WIDGET)

enum {
  OPEN_FILE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CsStartPage  *self;
  GCancellable *cancellable;
  char         *path;
} ThumbnailRequest;

static void
thumbnail_request_free (ThumbnailRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->cancellable);
  g_clear_pointer (&request->path, g_free);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThumbnailRequest, thumbnail_request_free)

/* The icon over a card's picture while its thumbnail is made, or when
 * there is none (@icon_name %NULL hides it). */
static void
card_show_placeholder (GtkPicture *picture,
                       const char *icon_name)
{
  GtkOverlay *overlay = GTK_OVERLAY (gtk_widget_get_parent (GTK_WIDGET (picture)));
  GtkImage *icon = GTK_IMAGE (gtk_overlay_get_child (overlay));

  /* Cleared, not hidden: the icon gives the card its size. */
  if (icon_name != NULL)
    gtk_image_set_from_icon_name (icon, icon_name);
  else
    gtk_image_clear (icon);
}

static void
forget_path (CsStartPage *self,
             const char  *path)
{
  GtkWidget *picture = g_hash_table_lookup (self->pictures, path);
  GtkWidget *card = picture ? gtk_widget_get_ancestor (picture, GTK_TYPE_FLOW_BOX_CHILD) : NULL;

  if (card != NULL)
    gtk_flow_box_remove (self->recent_box, card);
  g_hash_table_remove (self->pictures, path);
  for (guint i = 0; self->paths != NULL && i < self->paths->len; i++)
    if (g_str_equal (g_ptr_array_index (self->paths, i), path))
      {
        g_ptr_array_remove_index (self->paths, i);
        break;
      }
  gtk_widget_set_visible (self->recent_group, self->paths != NULL && self->paths->len > 0);
}

static void
thumbnail_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ThumbnailRequest) request = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  CsStartPage *self = request->self;
  GtkPicture *picture;

  self->n_pending--;
  texture = cs_slide_thumbnail_load_finish (result, &error);
  if (request->cancellable != self->cancellable)
    return;

  picture = g_hash_table_lookup (self->pictures, request->path);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      /* A slide moved or deleted since is not offered. */
      forget_path (self, request->path);
      return;
    }
  if (texture == NULL)
    {
      g_debug ("No thumbnail for %s: %s", request->path, error->message);
      if (picture != NULL)
        card_show_placeholder (picture, "image-missing-symbolic");
      return;
    }

  g_hash_table_replace (self->textures, g_strdup (request->path), g_object_ref (texture));
  if (picture != NULL)
    {
      gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
      card_show_placeholder (picture, NULL);
    }
}

static void
request_thumbnail (CsStartPage *self,
                   const char  *path)
{
  ThumbnailRequest *request = g_new0 (ThumbnailRequest, 1);

  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (self->cancellable);
  request->path = g_strdup (path);
  self->n_pending++;
  cs_slide_thumbnail_load_async (path, self->cancellable, thumbnail_loaded_cb, request);
}

/* The folder of @path for display, "~/…" inside the home folder. */
static char *
display_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *home_prefix = g_strconcat (g_get_home_dir (), G_DIR_SEPARATOR_S, NULL);
  g_autofree char *folder = g_filename_display_name (dir);

  if (g_str_equal (dir, g_get_home_dir ()))
    return g_strdup ("~");
  if (g_str_has_prefix (dir, home_prefix))
    {
      g_autofree char *rest = g_filename_display_name (dir + strlen (home_prefix));

      return g_build_filename ("~", rest, NULL);
    }

  return g_steal_pointer (&folder);
}

static GtkWidget *
card_new (CsStartPage *self,
          const char  *path)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *folder = display_folder (path);
  g_autofree char *tooltip = g_filename_display_name (path);
  GdkTexture *texture = g_hash_table_lookup (self->textures, path);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
  GtkWidget *title = gtk_label_new (name);
  GtkWidget *subtitle = gtk_label_new (folder);

  /* The card's size is the icon's, fixed: the picture, an overlay, fits
   * in it whatever its texture's size. Small slides stay sharp: their
   * thumbnails are never scaled up. */
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_SCALE_DOWN);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 48);
  gtk_widget_set_size_request (icon, CARD_WIDTH, CARD_HEIGHT);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), icon);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), picture);
  gtk_frame_set_child (GTK_FRAME (frame), overlay);
  g_hash_table_replace (self->pictures, g_strdup (path), picture);
  if (texture != NULL)
    {
      gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
      card_show_placeholder (GTK_PICTURE (picture), NULL);
    }

  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 20);
  gtk_widget_set_margin_top (title, 4);

  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_START);
  gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 20);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");

  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  g_object_set (box, "margin-start", 6, "margin-end", 6, "margin-top", 6, "margin-bottom", 6,
                NULL);
  gtk_widget_set_tooltip_text (box, tooltip);

  return box;
}

static void
on_child_activated_cb (CsStartPage     *self,
                       GtkFlowBoxChild *child,
                       GtkFlowBox      *box)
{
  int index = gtk_flow_box_child_get_index (child);
  g_autoptr(GFile) file = NULL;

  if (index < 0 || (guint) index >= self->paths->len)
    return;

  file = g_file_new_for_path (g_ptr_array_index (self->paths, index));
  g_signal_emit (self, signals[OPEN_FILE], 0, file);
}

static void
cs_start_page_map (GtkWidget *widget)
{
  cs_start_page_refresh (CS_START_PAGE (widget));

  GTK_WIDGET_CLASS (cs_start_page_parent_class)->map (widget);
}

static void
cs_start_page_dispose (GObject *object)
{
  CsStartPage *self = CS_START_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_START_PAGE);

  g_clear_pointer (&self->paths, g_ptr_array_unref);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_pointer (&self->pictures, g_hash_table_unref);

  G_OBJECT_CLASS (cs_start_page_parent_class)->dispose (object);
}

static void
cs_start_page_class_init (CsStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_start_page_dispose;
  widget_class->map = cs_start_page_map;

  signals[OPEN_FILE] =
    g_signal_new ("open-file",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsStartPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, CsStartPage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, CsStartPage, recent_box);
  gtk_widget_class_bind_template_callback (widget_class, on_child_activated_cb);
}

static void
cs_start_page_init (CsStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->paths = g_ptr_array_new_with_free_func (g_free);
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pictures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GtkWidget *
cs_start_page_new (void)
{
  return g_object_new (CS_TYPE_START_PAGE, NULL);
}

/**
 * cs_start_page_refresh:
 *
 * Lists the recent slides again and (re)loads their thumbnails. Called
 * whenever the page is shown.
 */
void
cs_start_page_refresh (CsStartPage *self)
{
  g_autoptr(GPtrArray) paths = NULL;
  GtkWidget *child;

  g_return_if_fail (CS_IS_START_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_box))) != NULL)
    gtk_flow_box_remove (self->recent_box, child);
  g_hash_table_remove_all (self->pictures);

  paths = cs_recent_slides_list (MAX_RECENT);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      gtk_flow_box_append (self->recent_box, card_new (self, path));
      request_thumbnail (self, path);
    }

  g_clear_pointer (&self->paths, g_ptr_array_unref);
  self->paths = g_steal_pointer (&paths);
  gtk_widget_set_visible (self->recent_group, self->paths->len > 0);
}

/**
 * cs_start_page_is_busy:
 *
 * Returns: %TRUE while any thumbnail worker, even a cancelled one, runs
 */
gboolean
cs_start_page_is_busy (CsStartPage *self)
{
  g_return_val_if_fail (CS_IS_START_PAGE (self), FALSE);

  return self->n_pending > 0;
}

/**
 * cs_start_page_get_recent:
 *
 * Returns: (transfer none) (element-type utf8): the paths of the slides
 *   listed, newest first
 */
GPtrArray *
cs_start_page_get_recent (CsStartPage *self)
{
  g_return_val_if_fail (CS_IS_START_PAGE (self), NULL);

  return self->paths;
}

/**
 * cs_start_page_get_n_thumbnails:
 *
 * Returns: how many of the slides listed show their thumbnail
 */
guint
cs_start_page_get_n_thumbnails (CsStartPage *self)
{
  guint n = 0;

  g_return_val_if_fail (CS_IS_START_PAGE (self), 0);

  for (guint i = 0; i < self->paths->len; i++)
    {
      GtkPicture *picture = g_hash_table_lookup (self->pictures, g_ptr_array_index (self->paths, i));

      if (picture != NULL && gtk_picture_get_paintable (picture) != NULL)
        n++;
    }

  return n;
}
