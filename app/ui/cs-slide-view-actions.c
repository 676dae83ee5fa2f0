/* cs-slide-view-actions.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-view-actions"

#include "config.h"

#include "cs-slide-view-private.h"

#include "cs-magnification.h"

/* The view's "view.*" actions and the keys bound to them while the view
 * has the focus: arrows pan by an eighth of the view, + and - zoom, 0 fits,
 * 1 shows 1:1 pixels, 2 to 7 choose the objectives 1.25× to 40×, R and
 * Shift+R turn by 90°, ] and [ by 15°, Ctrl+0 turns back upright.
 * Keyboard zooms and turns happen about the view's centre. The header bar
 * reaches the same actions with gtk_widget_activate_action (). */

/* Two steps double the zoom, as two wheel notches. */
#define ZOOM_STEP  G_SQRT2
/* Arrows move by this fraction of the view. */
#define PAN_FRACTION (1.0 / 8.0)

static void
cs_slide_view_actions_zoom_at_center (CsSlideView *self,
                                      double       zoom)
{
  cs_slide_view_stop_kinetic (self);
  cs_slide_view_zoom_at (self, zoom,
                         gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                         gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

static double
cs_slide_view_actions_get_zoom (CsSlideView *self)
{
  CsViewport viewport;

  cs_slide_view_get_viewport (self, &viewport);

  return viewport.zoom;
}

static void
cs_slide_view_actions_zoom_in (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  CsSlideView *self = CS_SLIDE_VIEW (widget);

  cs_slide_view_actions_zoom_at_center (self, cs_slide_view_actions_get_zoom (self) * ZOOM_STEP);
}

static void
cs_slide_view_actions_zoom_out (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  CsSlideView *self = CS_SLIDE_VIEW (widget);

  cs_slide_view_actions_zoom_at_center (self, cs_slide_view_actions_get_zoom (self) / ZOOM_STEP);
}

static void
cs_slide_view_actions_zoom_fit (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  cs_slide_view_stop_kinetic (CS_SLIDE_VIEW (widget));
  cs_slide_view_zoom_to_fit (CS_SLIDE_VIEW (widget));
}

static void
cs_slide_view_actions_zoom_1to1 (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  /* 1:1 is one slide pixel per device pixel. */
  cs_slide_view_actions_zoom_at_center (CS_SLIDE_VIEW (widget), 1.0);
}

static void
cs_slide_view_actions_magnification (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  CsSlideView *self = CS_SLIDE_VIEW (widget);
  double base = cs_slide_view_get_magnification_base (self);
  double magnification = g_variant_get_double (param);

  if (base <= 0 || magnification <= 0)
    return;

  cs_slide_view_actions_zoom_at_center (self, cs_magnification_zoom_for (base, magnification));
}

static void
cs_slide_view_actions_rotate (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  CsSlideView *self = CS_SLIDE_VIEW (widget);

  cs_slide_view_stop_kinetic (self);
  cs_slide_view_set_rotation (self, cs_slide_view_get_rotation (self) +
                                    g_variant_get_double (param));
}

static void
cs_slide_view_actions_rotation_reset (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  cs_slide_view_stop_kinetic (CS_SLIDE_VIEW (widget));
  cs_slide_view_set_rotation (CS_SLIDE_VIEW (widget), 0);
}

static void
cs_slide_view_actions_pan (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  CsSlideView *self = CS_SLIDE_VIEW (widget);
  double dx, dy;

  g_variant_get (param, "(dd)", &dx, &dy);

  /* Moving the view right moves the slide left. */
  cs_slide_view_stop_kinetic (self);
  _cs_slide_view_pan (self, -dx, -dy);
}

/* Arrows: args are the direction, (-1, 0) for Left. */
static gboolean
cs_slide_view_actions_arrow_cb (GtkWidget *widget,
                                GVariant  *args,
                                gpointer   user_data)
{
  int dx, dy;

  g_variant_get (args, "(ii)", &dx, &dy);

  return gtk_widget_activate_action (widget, "view.pan", "(dd)",
                                     dx * gtk_widget_get_width (widget) * PAN_FRACTION,
                                     dy * gtk_widget_get_height (widget) * PAN_FRACTION);
}

static void
cs_slide_view_actions_bind (GtkWidgetClass  *widget_class,
                            const guint     *keyvals,
                            guint            n_keyvals,
                            GdkModifierType  modifiers,
                            const char      *action_name)
{
  for (guint i = 0; i < n_keyvals; i++)
    gtk_widget_class_add_binding_action (widget_class, keyvals[i], modifiers, action_name, NULL);
}

static void
cs_slide_view_actions_bind_zoom (GtkWidgetClass *widget_class)
{
  static const guint zoom_in_keys[] = { GDK_KEY_plus, GDK_KEY_equal, GDK_KEY_KP_Add };
  static const guint zoom_out_keys[] = { GDK_KEY_minus, GDK_KEY_KP_Subtract };
  static const guint fit_keys[] = { GDK_KEY_0, GDK_KEY_KP_0 };
  static const guint one_to_one_keys[] = { GDK_KEY_1, GDK_KEY_KP_1 };

  /* Ctrl with + and - too, as in every GNOME application. */
  cs_slide_view_actions_bind (widget_class, zoom_in_keys, G_N_ELEMENTS (zoom_in_keys),
                              0, "view.zoom-in");
  cs_slide_view_actions_bind (widget_class, zoom_in_keys, G_N_ELEMENTS (zoom_in_keys),
                              GDK_CONTROL_MASK, "view.zoom-in");
  cs_slide_view_actions_bind (widget_class, zoom_out_keys, G_N_ELEMENTS (zoom_out_keys),
                              0, "view.zoom-out");
  cs_slide_view_actions_bind (widget_class, zoom_out_keys, G_N_ELEMENTS (zoom_out_keys),
                              GDK_CONTROL_MASK, "view.zoom-out");
  cs_slide_view_actions_bind (widget_class, fit_keys, G_N_ELEMENTS (fit_keys),
                              0, "view.zoom-fit");
  cs_slide_view_actions_bind (widget_class, one_to_one_keys, G_N_ELEMENTS (one_to_one_keys),
                              0, "view.zoom-1to1");

  /* 2 … 7: the objectives of a microscope's nosepiece. */
  for (guint i = 0; i < CS_MAGNIFICATION_N_PRESETS; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2 + i, 0,
                                           "view.magnification", "d",
                                           cs_magnification_presets[i]);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_2 + i, 0,
                                           "view.magnification", "d",
                                           cs_magnification_presets[i]);
    }
}

static void
cs_slide_view_actions_bind_rotation (GtkWidgetClass *widget_class)
{
  static const guint reset_keys[] = { GDK_KEY_0, GDK_KEY_KP_0 };

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "view.rotate", "d", 90.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_SHIFT_MASK,
                                       "view.rotate", "d", -90.0);
  /* ] and [ turn by 15° (cs-slide-view-annotations.c: they size the brush
   * while it is chosen). */
  cs_slide_view_actions_bind (widget_class, reset_keys, G_N_ELEMENTS (reset_keys),
                              GDK_CONTROL_MASK, "view.rotation-reset");
}

static void
cs_slide_view_actions_bind_arrows (GtkWidgetClass *widget_class)
{
  static const struct { guint keyval; int dx; int dy; } arrows[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_KP_Left, -1, 0 },
    { GDK_KEY_Right, 1, 0 }, { GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_Up, 0, -1 }, { GDK_KEY_KP_Up, 0, -1 },
    { GDK_KEY_Down, 0, 1 }, { GDK_KEY_KP_Down, 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    gtk_widget_class_add_binding (widget_class, arrows[i].keyval, 0,
                                  cs_slide_view_actions_arrow_cb,
                                  "(ii)", arrows[i].dx, arrows[i].dy);
}

void
_cs_slide_view_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.zoom-in", NULL,
                                   cs_slide_view_actions_zoom_in);
  gtk_widget_class_install_action (widget_class, "view.zoom-out", NULL,
                                   cs_slide_view_actions_zoom_out);
  gtk_widget_class_install_action (widget_class, "view.zoom-fit", NULL,
                                   cs_slide_view_actions_zoom_fit);
  gtk_widget_class_install_action (widget_class, "view.zoom-1to1", NULL,
                                   cs_slide_view_actions_zoom_1to1);
  gtk_widget_class_install_action (widget_class, "view.magnification", "d",
                                   cs_slide_view_actions_magnification);
  gtk_widget_class_install_action (widget_class, "view.rotate", "d",
                                   cs_slide_view_actions_rotate);
  gtk_widget_class_install_action (widget_class, "view.rotation-reset", NULL,
                                   cs_slide_view_actions_rotation_reset);
  gtk_widget_class_install_action (widget_class, "view.pan", "(dd)",
                                   cs_slide_view_actions_pan);

  cs_slide_view_actions_bind_zoom (widget_class);
  cs_slide_view_actions_bind_rotation (widget_class);
  cs_slide_view_actions_bind_arrows (widget_class);
}

/* The one place enabling the view's actions. */
void
_cs_slide_view_update_actions (CsSlideView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  CsViewport viewport;
  double min_zoom, max_zoom;
  gboolean has_slide;

  g_assert (CS_IS_SLIDE_VIEW (self));

  has_slide = cs_slide_view_get_slide (self) != NULL;
  cs_slide_view_get_viewport (self, &viewport);
  cs_slide_view_get_zoom_range (self, &min_zoom, &max_zoom);

  gtk_widget_action_set_enabled (widget, "view.zoom-in", has_slide && viewport.zoom < max_zoom);
  gtk_widget_action_set_enabled (widget, "view.zoom-out", has_slide && viewport.zoom > min_zoom);
  gtk_widget_action_set_enabled (widget, "view.zoom-fit", has_slide);
  gtk_widget_action_set_enabled (widget, "view.zoom-1to1", has_slide);
  gtk_widget_action_set_enabled (widget, "view.magnification",
                                 cs_slide_view_get_magnification_base (self) > 0);
  gtk_widget_action_set_enabled (widget, "view.rotate", has_slide);
  gtk_widget_action_set_enabled (widget, "view.rotation-reset",
                                 has_slide && cs_viewport_is_rotated (&viewport));
  gtk_widget_action_set_enabled (widget, "view.pan", has_slide);
}
