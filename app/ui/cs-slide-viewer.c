/* cs-slide-viewer.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-viewer"

#include "config.h"

#include "cs-slide-viewer.h"

#include "cs-annotation-toolbar.h"
#include "cs-magnification.h"
#include "cs-overview.h"
#include "cs-scale-bar.h"
#include "cs-scale-bar-overlay.h"

#include <glib/gi18n.h>
#include <math.h>

/* One slide on screen: the CsSlideView under its overlays, as on a
 * microscope camera's screen: magnification and zoom with the rotation
 * control (top left), the overview navigator (top right), the scale bar
 * (bottom left) and the pointer's position on the slide (bottom right);
 * with annotations on, the tools (left) and a popover asking for a text
 * note's text where the note was placed.
 * The overlays are separate widgets drawn in device pixels or by GTK, so
 * they stay crisp at every scale factor, and only the buttons and the
 * overview take input: the view below gets the rest. The viewer follows
 * the view's "viewport-changed" and forwards its "first-frame" and
 * "tile-failed". */

#define CSS_RESOURCE "/io/github/consilium/Consilium/ui/cs-slide-viewer.css"

struct _CsSlideViewer
{
  GtkWidget          parent_instance;

  /* Template Widgets */
  GtkOverlay        *overlay;
  CsSlideView       *view;
  GtkWidget         *status_box;
  GtkLabel          *magnification_label;
  GtkMenuButton     *rotation_button;
  GtkLabel          *rotation_label;
  GtkScale          *rotation_scale;
  GtkAdjustment     *rotation_adjustment;
  GtkWidget         *rotation_reset_button;
  GtkWidget         *overview_box;
  GtkWidget         *overview_frame;
  CsOverview        *overview;
  GtkWidget         *show_overview_button;
  CsScaleBarOverlay *scale_bar;
  GtkLabel          *position_label;
  CsAnnotationToolbar *toolbar;
  GtkPopover        *note_popover;
  GtkEntry          *note_entry;

  /* Owned References */
  CsAnnotation      *pending_note;  /* the text note whose text is asked */

  /* State */
  guint              show_overview : 1;
  guint              show_scale_bar : 1;
  guint              updating_rotation : 1;
};

G_DEFINE_FINAL_TYPE (CsSlideViewer, cs_slide_viewer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SLIDE,
  PROP_SHOW_OVERVIEW,
  PROP_SHOW_SCALE_BAR,
  PROP_TILE_CACHE_MB,
  PROP_ANNOTATION_LIST,
  PROP_ANNOTATION_EDITOR,
  PROP_CLASS_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FIRST_FRAME,
  TILE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cs_slide_viewer_update_magnification (CsSlideViewer *self)
{
  g_autofree char *zoom_text = NULL;
  g_autofree char *text = NULL;
  CsViewport viewport;
  double base;
  gboolean digital;

  cs_slide_view_get_viewport (self->view, &viewport);
  base = cs_slide_view_get_magnification_base (self->view);
  digital = cs_magnification_is_digital (viewport.zoom);
  zoom_text = cs_magnification_format_zoom (viewport.zoom);

  if (base > 0)
    {
      g_autofree char *magnification = NULL;

      magnification = cs_magnification_format (cs_magnification_for_zoom (base, viewport.zoom));
      if (digital)
        /* TRANSLATORS: magnification past the scan's own, and zoom: "Digital 80× · 400 %" */
        text = g_strdup_printf (_("Digital %s · %s"), magnification, zoom_text);
      else
        /* TRANSLATORS: magnification and zoom: "20× · 100 %" */
        text = g_strdup_printf (_("%s · %s"), magnification, zoom_text);
    }
  else if (digital)
    {
      /* TRANSLATORS: zoom past the scan's own resolution: "Digital zoom · 400 %" */
      text = g_strdup_printf (_("Digital zoom · %s"), zoom_text);
    }
  else
    {
      text = g_steal_pointer (&zoom_text);
    }

  gtk_label_set_label (self->magnification_label, text);
}

static char *
cs_slide_viewer_format_angle (double degrees)
{
  /* TRANSLATORS: a rotation angle, clockwise, e.g. "15°" */
  return g_strdup_printf (_("%.0f°"), degrees);
}

static char *
format_rotation_cb (GtkScale *scale,
                    double    value,
                    gpointer  user_data)
{
  return cs_slide_viewer_format_angle (value);
}

static void
cs_slide_viewer_update_rotation (CsSlideViewer *self)
{
  double rotation = cs_slide_view_get_rotation (self->view);
  double shown = fmod (round (rotation), 360.0);
  g_autofree char *text = NULL;

  text = cs_slide_viewer_format_angle (shown);
  gtk_label_set_label (self->rotation_label, text);

  self->updating_rotation = TRUE;
  gtk_adjustment_set_value (self->rotation_adjustment, shown);
  self->updating_rotation = FALSE;

  gtk_widget_set_sensitive (self->rotation_reset_button, rotation != 0);
}

/* Microns per device pixel along the screen's horizontal, where the bar
 * lies: the slide's x and y scales mixed by the rotation. */
static double
cs_slide_viewer_get_um_per_px (CsSlideViewer *self)
{
  CsSlide *slide = cs_slide_view_get_slide (self->view);
  double mpp_x = 0, mpp_y = 0;
  CsViewport viewport;

  if (slide == NULL || !cs_slide_get_mpp (slide, &mpp_x, &mpp_y))
    return 0;

  cs_slide_view_get_viewport (self->view, &viewport);

  return cs_scale_bar_effective_mpp (mpp_x, mpp_y, viewport.rotation) / viewport.zoom;
}

static void
cs_slide_viewer_update_position (CsSlideViewer *self,
                                 gboolean       inside,
                                 double         image_x,
                                 double         image_y)
{
  CsSlide *slide = cs_slide_view_get_slide (self->view);
  g_autofree char *text = NULL;
  double mpp_x = 0, mpp_y = 0;
  gint64 width = 0, height = 0;

  if (slide != NULL)
    cs_slide_get_level_size (slide, 0, &width, &height);

  /* Only over the slide itself: elsewhere there is nothing to locate. */
  if (!self->show_scale_bar || slide == NULL || !inside ||
      image_x < 0 || image_y < 0 || image_x >= width || image_y >= height)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->position_label), FALSE);
      return;
    }

  if (!cs_slide_get_mpp (slide, &mpp_x, &mpp_y))
    mpp_x = mpp_y = 0;

  text = cs_scale_bar_format_position (image_x, image_y, mpp_x, mpp_y);
  gtk_label_set_label (self->position_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->position_label), TRUE);
}

static void
cs_slide_viewer_update_pointer (CsSlideViewer *self)
{
  double image_x = 0, image_y = 0;
  gboolean inside = cs_slide_view_get_pointer (self->view, &image_x, &image_y);

  cs_slide_viewer_update_position (self, inside, image_x, image_y);
}

/* Which overlays show: none without a slide. */
static void
cs_slide_viewer_update_overlays (CsSlideViewer *self)
{
  gboolean has_slide = cs_slide_view_get_slide (self->view) != NULL;

  gtk_widget_set_visible (self->status_box, has_slide);
  gtk_widget_set_visible (self->overview_box, has_slide);
  gtk_widget_set_visible (self->overview_frame, self->show_overview);
  gtk_widget_set_visible (self->show_overview_button, !self->show_overview);
  gtk_widget_set_visible (GTK_WIDGET (self->scale_bar), has_slide && self->show_scale_bar);
  gtk_widget_set_visible (GTK_WIDGET (self->toolbar),
                          has_slide && cs_slide_view_get_annotation_editor (self->view) != NULL);
  cs_slide_viewer_update_pointer (self);
}

static void
on_view_viewport_changed_cb (CsSlideViewer *self,
                             CsSlideView   *view)
{
  cs_slide_viewer_update_magnification (self);
  cs_slide_viewer_update_rotation (self);
  cs_scale_bar_overlay_set_um_per_px (self->scale_bar, cs_slide_viewer_get_um_per_px (self));
  cs_slide_viewer_update_pointer (self);
}

static void
on_view_notify_slide_cb (CsSlideViewer *self,
                         GParamSpec    *pspec,
                         CsSlideView   *view)
{
  cs_slide_viewer_update_overlays (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
}

static void
on_view_notify_tile_cache_mb_cb (CsSlideViewer *self,
                                 GParamSpec    *pspec,
                                 CsSlideView   *view)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TILE_CACHE_MB]);
}

static void
on_view_first_frame_cb (CsSlideViewer *self,
                        CsSlideView   *view)
{
  g_signal_emit (self, signals[FIRST_FRAME], 0);
}

static void
on_view_tile_failed_cb (CsSlideViewer *self,
                        const GError  *error,
                        CsSlideView   *view)
{
  g_signal_emit (self, signals[TILE_FAILED], 0, error);
}

static void
on_view_motion_cb (CsSlideViewer            *self,
                   double                    x,
                   double                    y,
                   GtkEventControllerMotion *controller)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->view));
  double image_x, image_y;
  CsViewport viewport;

  cs_slide_view_get_viewport (self->view, &viewport);
  cs_viewport_to_image (&viewport, x * scale, y * scale, &image_x, &image_y);
  cs_slide_viewer_update_position (self, TRUE, image_x, image_y);
}

static void
on_view_leave_cb (CsSlideViewer            *self,
                  GtkEventControllerMotion *controller)
{
  cs_slide_viewer_update_position (self, FALSE, 0, 0);
}

static void
on_rotation_value_changed_cb (CsSlideViewer *self,
                              GtkAdjustment *adjustment)
{
  if (self->updating_rotation)
    return;

  cs_slide_view_set_rotation (self->view, gtk_adjustment_get_value (adjustment));
}

static void
on_rotate_left_clicked_cb (CsSlideViewer *self,
                           GtkButton     *button)
{
  gtk_widget_activate_action (GTK_WIDGET (self->view), "view.rotate", "d", -90.0);
}

static void
on_rotate_right_clicked_cb (CsSlideViewer *self,
                            GtkButton     *button)
{
  gtk_widget_activate_action (GTK_WIDGET (self->view), "view.rotate", "d", 90.0);
}

static void
on_rotation_reset_clicked_cb (CsSlideViewer *self,
                              GtkButton     *button)
{
  gtk_widget_activate_action (GTK_WIDGET (self->view), "view.rotation-reset", NULL);
}

/* The keys go back to the slide once the rotation is set. */
static void
on_rotation_popover_closed_cb (CsSlideViewer *self,
                               GtkPopover    *popover)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
on_hide_overview_clicked_cb (CsSlideViewer *self,
                             GtkButton     *button)
{
  cs_slide_viewer_set_show_overview (self, FALSE);
}

static void
on_show_overview_clicked_cb (CsSlideViewer *self,
                             GtkButton     *button)
{
  cs_slide_viewer_set_show_overview (self, TRUE);
}

/* The text goes to the note when the popover closes, however it closes:
 * an empty text removes the note just placed. */
static void
on_note_popover_closed_cb (CsSlideViewer *self,
                           GtkPopover    *popover)
{
  g_autoptr(CsAnnotation) note = g_steal_pointer (&self->pending_note);
  CsAnnotationEditor *editor = cs_slide_view_get_annotation_editor (self->view);

  if (note != NULL && editor != NULL)
    cs_annotation_editor_set_text (editor, note,
                                   gtk_editable_get_text (GTK_EDITABLE (self->note_entry)));
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
on_note_entry_activate_cb (CsSlideViewer *self,
                           GtkEntry      *entry)
{
  gtk_popover_popdown (self->note_popover);
}

static void
on_editor_text_requested_cb (CsSlideViewer      *self,
                             CsAnnotation       *note,
                             CsAnnotationEditor *editor)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->view));
  const char *text = cs_annotation_get_name (note);
  const CsPoint *anchor;
  CsViewport viewport;
  double sx, sy, x, y;
  guint n;

  anchor = cs_geometry_get_ring (cs_annotation_get_geometry (note), 0, 0, &n);
  if (n == 0)
    return;

  g_set_object (&self->pending_note, note);
  cs_slide_view_get_viewport (self->view, &viewport);
  cs_viewport_to_screen (&viewport, anchor->x, anchor->y, &sx, &sy);
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->view), GTK_WIDGET (self),
                                         sx / scale, sy / scale, &x, &y))
    x = sx / scale, y = sy / scale;

  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), text != NULL ? text : "");
  gtk_popover_set_pointing_to (self->note_popover, &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (self->note_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
}

static void
cs_slide_viewer_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  CsSlideViewer *self = CS_SLIDE_VIEWER (widget);

  GTK_WIDGET_CLASS (cs_slide_viewer_parent_class)->size_allocate (widget, width, height, baseline);
  if (gtk_widget_get_visible (GTK_WIDGET (self->note_popover)))
    gtk_popover_present (self->note_popover);
}

/* The overlays' style, once per process, for the default display. */
static void
cs_slide_viewer_load_css (void)
{
  static GtkCssProvider *provider;
  GdkDisplay *display = gdk_display_get_default ();

  if (provider != NULL || display == NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, CSS_RESOURCE);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
cs_slide_viewer_dispose (GObject *object)
{
  CsSlideViewer *self = CS_SLIDE_VIEWER (object);

  if (self->view != NULL)
    cs_slide_viewer_set_annotations (self, NULL, NULL, NULL);
  g_clear_object (&self->pending_note);
  if (self->note_popover != NULL &&
      gtk_widget_get_parent (GTK_WIDGET (self->note_popover)) == GTK_WIDGET (self))
    gtk_widget_unparent (GTK_WIDGET (self->note_popover));
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_SLIDE_VIEWER);

  G_OBJECT_CLASS (cs_slide_viewer_parent_class)->dispose (object);
}

static void
cs_slide_viewer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CsSlideViewer *self = CS_SLIDE_VIEWER (object);

  switch (prop_id)
    {
    case PROP_SLIDE:
      g_value_set_object (value, cs_slide_viewer_get_slide (self));
      break;

    case PROP_SHOW_OVERVIEW:
      g_value_set_boolean (value, self->show_overview);
      break;

    case PROP_SHOW_SCALE_BAR:
      g_value_set_boolean (value, self->show_scale_bar);
      break;

    case PROP_TILE_CACHE_MB:
      g_value_set_uint (value, cs_slide_view_get_tile_cache_mb (self->view));
      break;

    case PROP_ANNOTATION_LIST:
      g_value_set_object (value, cs_slide_view_get_annotation_list (self->view));
      break;

    case PROP_ANNOTATION_EDITOR:
      g_value_set_object (value, cs_slide_view_get_annotation_editor (self->view));
      break;

    case PROP_CLASS_TABLE:
      g_value_set_object (value, cs_slide_view_get_class_table (self->view));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_slide_viewer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CsSlideViewer *self = CS_SLIDE_VIEWER (object);

  switch (prop_id)
    {
    case PROP_SLIDE:
      cs_slide_viewer_set_slide (self, g_value_get_object (value));
      break;

    case PROP_SHOW_OVERVIEW:
      cs_slide_viewer_set_show_overview (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_SCALE_BAR:
      cs_slide_viewer_set_show_scale_bar (self, g_value_get_boolean (value));
      break;

    case PROP_TILE_CACHE_MB:
      cs_slide_view_set_tile_cache_mb (self->view, g_value_get_uint (value));
      break;

    case PROP_ANNOTATION_LIST:
      cs_slide_viewer_set_annotations (self, g_value_get_object (value),
                                       cs_slide_view_get_annotation_editor (self->view),
                                       cs_slide_view_get_class_table (self->view));
      break;

    case PROP_ANNOTATION_EDITOR:
      cs_slide_viewer_set_annotations (self, cs_slide_view_get_annotation_list (self->view),
                                       g_value_get_object (value),
                                       cs_slide_view_get_class_table (self->view));
      break;

    case PROP_CLASS_TABLE:
      cs_slide_viewer_set_annotations (self, cs_slide_view_get_annotation_list (self->view),
                                       cs_slide_view_get_annotation_editor (self->view),
                                       g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_slide_viewer_class_install_properties (GObjectClass *object_class)
{
  properties[PROP_SLIDE] =
    g_param_spec_object ("slide", NULL, NULL,
                         CS_TYPE_SLIDE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_OVERVIEW] =
    g_param_spec_boolean ("show-overview", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_SCALE_BAR] =
    g_param_spec_boolean ("show-scale-bar", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_TILE_CACHE_MB] =
    g_param_spec_uint ("tile-cache-mb", NULL, NULL,
                       0, G_MAXUINT, CS_SLIDE_VIEW_DEFAULT_CACHE_MB,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * CsSlideViewer:annotation-list:
   *
   * The annotations over the slide; %NULL turns them off (no tools, no
   * overlay).
   */
  properties[PROP_ANNOTATION_LIST] =
    g_param_spec_object ("annotation-list", NULL, NULL,
                         CS_TYPE_ANNOTATION_LIST,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CsSlideViewer:annotation-editor:
   *
   * The tools and the selection; the tool bar shows while it is set.
   */
  properties[PROP_ANNOTATION_EDITOR] =
    g_param_spec_object ("annotation-editor", NULL, NULL,
                         CS_TYPE_ANNOTATION_EDITOR,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CLASS_TABLE] =
    g_param_spec_object ("class-table", NULL, NULL,
                         CS_TYPE_CLASS_TABLE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_slide_viewer_class_init (CsSlideViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_slide_viewer_dispose;
  object_class->get_property = cs_slide_viewer_get_property;
  object_class->set_property = cs_slide_viewer_set_property;
  widget_class->size_allocate = cs_slide_viewer_size_allocate;

  cs_slide_viewer_class_install_properties (object_class);

  signals[FIRST_FRAME] =
    g_signal_new ("first-frame",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[TILE_FAILED] =
    g_signal_new ("tile-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (CS_TYPE_SLIDE_VIEW);
  g_type_ensure (CS_TYPE_OVERVIEW);
  g_type_ensure (CS_TYPE_SCALE_BAR_OVERLAY);
  g_type_ensure (CS_TYPE_ANNOTATION_TOOLBAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-slide-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, overlay);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, view);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, status_box);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, magnification_label);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, rotation_button);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, rotation_label);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, rotation_scale);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, rotation_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, rotation_reset_button);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, overview_box);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, overview_frame);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, overview);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, show_overview_button);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, scale_bar);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, position_label);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, toolbar);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, note_popover);
  gtk_widget_class_bind_template_child (widget_class, CsSlideViewer, note_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_view_viewport_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_notify_slide_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_notify_tile_cache_mb_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_first_frame_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_tile_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rotation_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rotate_left_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rotate_right_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rotation_reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rotation_popover_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_hide_overview_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_overview_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_note_popover_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_note_entry_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "slideviewer");
}

static void
cs_slide_viewer_init (CsSlideViewer *self)
{
  GtkEventController *motion;

  self->show_overview = TRUE;
  self->show_scale_bar = TRUE;

  cs_slide_viewer_load_css ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_scale_set_format_value_func (self->rotation_scale, format_rotation_cb, NULL, NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->note_popover), GTK_WIDGET (self));
  g_object_bind_property (self->toolbar, "show-labels", self->view, "show-annotation-labels",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  /* The pointer's position over the view; the overlays let it through. */
  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "enter", G_CALLBACK (on_view_motion_cb), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_view_motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_view_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->view), motion);

  on_view_viewport_changed_cb (self, self->view);
  cs_slide_viewer_update_overlays (self);
}

GtkWidget *
cs_slide_viewer_new (void)
{
  return g_object_new (CS_TYPE_SLIDE_VIEWER, NULL);
}

/**
 * cs_slide_viewer_get_slide:
 *
 * Returns: (transfer none) (nullable): the slide shown
 */
CsSlide *
cs_slide_viewer_get_slide (CsSlideViewer *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEWER (self), NULL);

  return cs_slide_view_get_slide (self->view);
}

/**
 * cs_slide_viewer_set_slide:
 * @slide: (nullable): the slide to show, whole and upright at first
 */
void
cs_slide_viewer_set_slide (CsSlideViewer *self,
                           CsSlide       *slide)
{
  g_return_if_fail (CS_IS_SLIDE_VIEWER (self));
  g_return_if_fail (slide == NULL || CS_IS_SLIDE (slide));

  cs_slide_view_set_slide (self->view, slide);
}

/**
 * cs_slide_viewer_get_view:
 *
 * Returns: (transfer none): the view, for its "view.*" actions
 */
CsSlideView *
cs_slide_viewer_get_view (CsSlideViewer *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEWER (self), NULL);

  return self->view;
}

/* The overlay @child covers, in the view's coordinates; FALSE when it is
 * not shown. */
static gboolean
overlay_bounds (CsSlideViewer   *self,
                GtkWidget       *child,
                graphene_rect_t *bounds)
{
  return child != NULL && gtk_widget_get_mapped (child) &&
         gtk_widget_compute_bounds (child, GTK_WIDGET (self->view), bounds);
}

/**
 * cs_slide_viewer_get_free_area:
 * @area: (out): the part of the view, in its logical pixels, that the
 *   annotation tools (left) and the overview (right) leave uncovered
 *
 * Where to show something in full: the overlays' columns are taken off
 * the whole height of the view.
 */
void
cs_slide_viewer_get_free_area (CsSlideViewer   *self,
                               graphene_rect_t *area)
{
  double left = 0, right;
  graphene_rect_t b;

  g_return_if_fail (CS_IS_SLIDE_VIEWER (self));

  right = gtk_widget_get_width (GTK_WIDGET (self->view));
  if (overlay_bounds (self, GTK_WIDGET (self->toolbar), &b))
    left = MAX (left, b.origin.x + b.size.width);
  if (overlay_bounds (self, self->overview_box, &b) && b.origin.x > left)
    right = MIN (right, b.origin.x);
  if (right - left < gtk_widget_get_width (GTK_WIDGET (self->view)) / 3.0)
    {
      /* Too narrow to be of use: the whole view. */
      left = 0;
      right = gtk_widget_get_width (GTK_WIDGET (self->view));
    }
  graphene_rect_init (area, left, 0, right - left, gtk_widget_get_height (GTK_WIDGET (self->view)));
}

gboolean
cs_slide_viewer_get_show_overview (CsSlideViewer *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEWER (self), FALSE);

  return self->show_overview;
}

void
cs_slide_viewer_set_show_overview (CsSlideViewer *self,
                                   gboolean       show_overview)
{
  g_return_if_fail (CS_IS_SLIDE_VIEWER (self));

  show_overview = !!show_overview;
  if (self->show_overview == show_overview)
    return;

  self->show_overview = show_overview;
  cs_slide_viewer_update_overlays (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_OVERVIEW]);
}

gboolean
cs_slide_viewer_get_show_scale_bar (CsSlideViewer *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEWER (self), FALSE);

  return self->show_scale_bar;
}

/**
 * cs_slide_viewer_set_show_scale_bar:
 * @show_scale_bar: whether the scale bar and the pointer's position show
 */
void
cs_slide_viewer_set_show_scale_bar (CsSlideViewer *self,
                                    gboolean       show_scale_bar)
{
  g_return_if_fail (CS_IS_SLIDE_VIEWER (self));

  show_scale_bar = !!show_scale_bar;
  if (self->show_scale_bar == show_scale_bar)
    return;

  self->show_scale_bar = show_scale_bar;
  cs_slide_viewer_update_overlays (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SCALE_BAR]);
}

/**
 * cs_slide_viewer_set_annotations:
 * @list: (nullable): the annotations to show; NULL turns them off
 * @editor: (nullable): the editor of @list: the tool bar shows with it
 * @classes: (nullable): the classes' colours and visibility
 */
void
cs_slide_viewer_set_annotations (CsSlideViewer      *self,
                                 CsAnnotationList   *list,
                                 CsAnnotationEditor *editor,
                                 CsClassTable       *classes)
{
  CsAnnotationEditor *old_editor;
  CsAnnotationList *old_list;
  CsClassTable *old_classes;

  g_return_if_fail (CS_IS_SLIDE_VIEWER (self));

  old_list = cs_slide_view_get_annotation_list (self->view);
  old_editor = cs_slide_view_get_annotation_editor (self->view);
  old_classes = cs_slide_view_get_class_table (self->view);
  if (old_list == list && old_editor == editor && old_classes == classes)
    return;

  if (old_editor != NULL)
    g_signal_handlers_disconnect_by_data (old_editor, self);
  if (self->pending_note != NULL)
    gtk_popover_popdown (self->note_popover);

  cs_slide_view_set_annotations (self->view, list, editor, classes);
  cs_annotation_toolbar_set_editor (self->toolbar, editor);
  cs_annotation_toolbar_set_class_table (self->toolbar, classes);
  if (editor != NULL)
    g_signal_connect_object (editor, "text-requested",
                             G_CALLBACK (on_editor_text_requested_cb), self, G_CONNECT_SWAPPED);
  cs_slide_viewer_update_overlays (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (old_list != list)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATION_LIST]);
  if (old_editor != editor)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATION_EDITOR]);
  if (old_classes != classes)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASS_TABLE]);
  g_object_thaw_notify (G_OBJECT (self));
}
