/* cs-tour-player.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-tour-player"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-tour-place.h"
#include "cs-tour-player.h"

struct _CsTourPlayer
{
  GtkWidget         parent_instance;

  GtkWidget        *box;
  GtkWidget        *title;
  GtkWidget        *caption;
  GtkWidget        *progress;
  GtkWidget        *previous;
  GtkWidget        *next;

  GWeakRef          view;
  CsSavedViews     *views;
  CsTour           *tour;
  CsAnnotationList *annotations;
  guint             index;
};

G_DEFINE_FINAL_TYPE (CsTourPlayer, cs_tour_player, GTK_TYPE_WIDGET)

enum
{
  LEAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cs_tour_player_dispose (GObject *object)
{
  CsTourPlayer *self = CS_TOUR_PLAYER (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_weak_ref_clear (&self->view);
  g_clear_pointer (&self->views, cs_saved_views_free);
  g_clear_pointer (&self->tour, cs_tour_free);
  g_clear_object (&self->annotations);

  G_OBJECT_CLASS (cs_tour_player_parent_class)->dispose (object);
}

static void
cs_tour_player_class_init (CsTourPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_tour_player_dispose;

  signals[LEAVE] = g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cs-tour-player");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
cs_tour_player_button (CsTourPlayer *self,
                       const char   *icon,
                       const char   *label,
                       GCallback     callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", callback, self);

  return button;
}

static GtkWidget *
cs_tour_player_label (const char *css_class,
                      gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
cs_tour_player_init (CsTourPlayer *self)
{
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_add_css_class (self->box, "osd");
  gtk_widget_add_css_class (self->box, "toolbar");
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 24);

  self->previous = cs_tour_player_button (self, "go-previous-symbolic", _("Previous Stop"),
                                          G_CALLBACK (cs_tour_player_previous));
  self->next = cs_tour_player_button (self, "go-next-symbolic", _("Next Stop"),
                                      G_CALLBACK (cs_tour_player_next));
  self->title = cs_tour_player_label ("heading", FALSE);
  self->caption = cs_tour_player_label (NULL, TRUE);
  self->progress = cs_tour_player_label ("dim-label", FALSE);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), self->title);
  gtk_box_append (GTK_BOX (text), self->caption);
  gtk_box_append (GTK_BOX (text), self->progress);
  gtk_box_append (GTK_BOX (self->box), self->previous);
  gtk_box_append (GTK_BOX (self->box), text);
  gtk_box_append (GTK_BOX (self->box), self->next);
  gtk_box_append (GTK_BOX (self->box),
                  cs_tour_player_button (self, "window-close-symbolic", _("Leave the Tour"),
                                         G_CALLBACK (cs_tour_player_leave)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Guided tour"), -1);
}

/**
 * cs_tour_player_new:
 *
 * Returns: a player for @tour, at its first stop once shown (call
 * cs_tour_player_go ()). @views and @tour are copied.
 */
CsTourPlayer *
cs_tour_player_new (CsSlideView        *view,
                    const CsSavedViews *views,
                    const CsTour       *tour,
                    CsAnnotationList   *annotations)
{
  CsTourPlayer *self = g_object_new (CS_TYPE_TOUR_PLAYER, NULL);

  g_weak_ref_init (&self->view, view);
  self->views = cs_saved_views_copy (views);
  self->tour = cs_tour_copy (tour);
  self->annotations = annotations != NULL ? g_object_ref (annotations) : NULL;
  gtk_label_set_text (GTK_LABEL (self->title), tour->name);

  return self;
}

guint
cs_tour_player_get_index (CsTourPlayer *self)
{
  g_return_val_if_fail (CS_IS_TOUR_PLAYER (self), 0);

  return self->index;
}

guint
cs_tour_player_get_n_stops (CsTourPlayer *self)
{
  g_return_val_if_fail (CS_IS_TOUR_PLAYER (self), 0);

  return self->tour->stops->len;
}

const char *
cs_tour_player_get_caption (CsTourPlayer *self)
{
  g_return_val_if_fail (CS_IS_TOUR_PLAYER (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->caption));
}

const char *
cs_tour_player_get_progress (CsTourPlayer *self)
{
  g_return_val_if_fail (CS_IS_TOUR_PLAYER (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->progress));
}

/* Glides to the stop's place; FALSE with @error when it has none. */
static gboolean
cs_tour_player_glide (CsTourPlayer     *self,
                      const CsTourStop *stop,
                      GError          **error)
{
  g_autoptr(CsSlideView) view = g_weak_ref_get (&self->view);
  g_autoptr(CsAnnotationList) fallback = NULL;
  CsTourPlace place;
  int width, height;

  if (view == NULL)
    return TRUE;
  if (self->annotations == NULL)
    fallback = cs_annotation_list_new ();
  width = MAX (gtk_widget_get_width (GTK_WIDGET (view)), 1);
  height = MAX (gtk_widget_get_height (GTK_WIDGET (view)), 1);
  if (!cs_tour_stop_get_place (stop, self->views,
                               self->annotations != NULL ? self->annotations : fallback,
                               width, height, cs_slide_view_get_rotation (view), &place,
                               error))
    return FALSE;
  cs_slide_view_glide_to (view, place.x, place.y, place.zoom, place.rotation);

  return TRUE;
}

void
cs_tour_player_go (CsTourPlayer *self,
                   guint         index)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *progress = NULL;
  const CsTourStop *stop;
  guint n;

  g_return_if_fail (CS_IS_TOUR_PLAYER (self));

  n = self->tour->stops->len;
  if (n == 0)
    {
      gtk_label_set_text (GTK_LABEL (self->caption), _("This tour has no stops"));
      gtk_label_set_text (GTK_LABEL (self->progress), "");
      gtk_widget_set_sensitive (self->previous, FALSE);
      gtk_widget_set_sensitive (self->next, FALSE);
      return;
    }
  self->index = MIN (index, n - 1);
  stop = g_ptr_array_index (self->tour->stops, self->index);
  /* TRANSLATORS: the trainee's progress through a guided tour */
  progress = g_strdup_printf (_("Stop %u of %u"), self->index + 1, n);
  gtk_label_set_text (GTK_LABEL (self->progress), progress);
  gtk_widget_set_sensitive (self->previous, self->index > 0);
  gtk_widget_set_sensitive (self->next, self->index + 1 < n);
  if (!cs_tour_player_glide (self, stop, &error))
    gtk_label_set_text (GTK_LABEL (self->caption), error->message);
  else
    gtk_label_set_text (GTK_LABEL (self->caption), stop->caption != NULL ? stop->caption : "");
}

void
cs_tour_player_next (CsTourPlayer *self)
{
  g_return_if_fail (CS_IS_TOUR_PLAYER (self));

  if (self->index + 1 < self->tour->stops->len)
    cs_tour_player_go (self, self->index + 1);
}

void
cs_tour_player_previous (CsTourPlayer *self)
{
  g_return_if_fail (CS_IS_TOUR_PLAYER (self));

  if (self->index > 0)
    cs_tour_player_go (self, self->index - 1);
}

void
cs_tour_player_leave (CsTourPlayer *self)
{
  g_return_if_fail (CS_IS_TOUR_PLAYER (self));

  g_signal_emit (self, signals[LEAVE], 0);
}
