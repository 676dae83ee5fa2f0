/* cs-slide-page-annotations.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-page"

#include "config.h"

#include "cs-settings.h"
#include "cs-slide-page-private.h"
#include "cs-utils.h"

#include <glib/gi18n.h>
#include <math.h>

/* A page's annotations: once its slide is open, a CsAnnotationSession
 * hashes it in a worker and reads its store; the list, editor and class
 * table then go to the primary viewer, which draws and edits them, and to
 * the annotation panel. Until then the panel says they are coming and the
 * window's annotation actions are off: the slide can be looked at at once.
 * Releasing the page (closing the tab, reloading) closes the store, which
 * writes and compacts it. */

/* The part of the view an annotation shown from the panel takes up. */
#define NAVIGATE_FILL 0.66

/* The viewer's "annotation-list", "annotation-editor" and "class-table":
 * it draws them and passes the pointer to the editor. */
static void
cs_slide_page_set_viewer_annotations (CsSlidePage *self,
                                      gboolean     on)
{
  CsSlideViewer *viewer = cs_review_area_get_primary (self->review_area);
  CsAnnotationSession *session = on ? self->annotations : NULL;

  if (viewer == NULL)
    return;

  /* Through the viewer when it forwards them, else to its view. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (viewer), "annotation-editor") == NULL)
    {
      cs_slide_view_set_annotations (cs_slide_viewer_get_view (viewer),
                                     session ? cs_annotation_session_get_list (session) : NULL,
                                     session ? cs_annotation_session_get_editor (session) : NULL,
                                     session ? cs_settings_get_class_table () : NULL);
      return;
    }

  g_object_set (viewer,
                "annotation-list", session ? cs_annotation_session_get_list (session) : NULL,
                "annotation-editor", session ? cs_annotation_session_get_editor (session) : NULL,
                "class-table", session ? cs_settings_get_class_table () : NULL,
                NULL);
}

/* Class names met in the annotations are kept in the class table, so
 * that they are drawn in their colour (undoing a rename, a file whose
 * class was removed meanwhile) rather than as unclassified. */
static void
ensure_classes (CsAnnotationList *list,
                guint             position,
                guint             n)
{
  CsClassTable *classes = cs_settings_get_class_table ();

  for (guint i = position; i < position + n; i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (list), i);

      cs_class_table_ensure_known (classes, cs_annotation_get_class_name (annotation),
                                   cs_annotation_get_color (annotation));
    }
}

static void
on_list_items_changed_cb (CsAnnotationList *list,
                          guint             position,
                          guint             removed,
                          guint             added,
                          CsSlidePage      *self)
{
  ensure_classes (list, position, added);
}

/* A class renamed in preferences takes its annotations along. */
static void
on_class_renamed_cb (CsSlidePage  *self,
                     const char   *old_name,
                     const char   *new_name,
                     CsClassTable *classes)
{
  CsAnnotationList *list = cs_slide_page_get_annotation_list (self);

  if (list != NULL)
    cs_annotation_list_relabel_class (list, old_name, new_name, _("Rename Class"));
}

static void
on_session_ready_cb (CsSlidePage         *self,
                     GParamSpec          *pspec,
                     CsAnnotationSession *session)
{
  CsCalibration calibration;
  CsAnnotationList *list;
  gint64 width, height;

  if (session != self->annotations || !cs_annotation_session_get_ready (session))
    return;

  /* New shapes are kept on the slide. */
  cs_slide_get_level_size (cs_annotation_session_get_slide (session), 0, &width, &height);
  cs_annotation_editor_set_bounds (cs_annotation_session_get_editor (session), width, height);
  list = cs_annotation_session_get_list (session);
  ensure_classes (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)));
  g_signal_connect_object (list, "items-changed", G_CALLBACK (on_list_items_changed_cb), self, 0);
  g_signal_connect_object (cs_settings_get_class_table (), "renamed", G_CALLBACK (on_class_renamed_cb),
                           self, G_CONNECT_SWAPPED);
  cs_annotation_session_get_calibration (session, &calibration);
  cs_annotation_panel_set_editor (self->annotation_panel,
                                  cs_annotation_session_get_editor (session), &calibration);
  cs_slide_page_set_viewer_annotations (self, TRUE);
  _cs_slide_page_notify_annotations (self);
}

static void
on_session_message_cb (CsSlidePage         *self,
                       const char          *heading,
                       const char          *text,
                       CsAnnotationSession *session)
{
  if (heading != NULL)
    _cs_slide_page_alert (self, heading, text);
  else
    _cs_slide_page_message (self, text);
}

/**
 * _cs_slide_page_annotations_start:
 *
 * Starts reading the annotations of the page's slide, just opened.
 */
void
_cs_slide_page_annotations_start (CsSlidePage *self)
{
  g_assert (self->slide != NULL);

  _cs_slide_page_annotations_stop (self);

  self->annotations = cs_annotation_session_new (self->slide, self->annotation_directory);
  g_signal_connect_object (self->annotations, "notify::ready", G_CALLBACK (on_session_ready_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotations, "message", G_CALLBACK (on_session_message_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * cs_slide_page_set_annotation_directory:
 * @directory: (nullable): where the slide's annotation store is kept;
 *   %NULL for cs_annotation_store_default_directory ()
 *
 * Keeps this page's annotations apart from those of other pages showing
 * the same slide, as if on another computer (two live-session windows in
 * one test program). Takes effect when the slide is next read: set it
 * right after creating the page.
 */
void
cs_slide_page_set_annotation_directory (CsSlidePage *self,
                                        const char  *directory)
{
  g_return_if_fail (CS_IS_SLIDE_PAGE (self));

  cs_set_str (&self->annotation_directory, directory);
}

/**
 * _cs_slide_page_annotations_stop:
 *
 * Closes the store (everything reaches the disk), and takes the
 * annotations from the viewer and the panel.
 */
void
_cs_slide_page_annotations_stop (CsSlidePage *self)
{
  g_autoptr(CsAnnotationSession) session = g_steal_pointer (&self->annotations);
  g_autoptr(GError) error = NULL;
  gboolean had_editor;

  if (session == NULL)
    return;

  had_editor = cs_annotation_session_get_ready (session);
  g_signal_handlers_disconnect_by_data (session, self);
  if (had_editor)
    g_signal_handlers_disconnect_by_data (cs_annotation_session_get_list (session), self);
  g_signal_handlers_disconnect_by_func (cs_settings_get_class_table (), on_class_renamed_cb, self);

  /* The panel applies what is being typed, then the store is closed. */
  if (self->review_area != NULL)
    cs_slide_page_set_viewer_annotations (self, FALSE);
  if (self->annotation_panel != NULL)
    cs_annotation_panel_set_editor (self->annotation_panel, NULL, NULL);

  if (!cs_annotation_session_close (session, &error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the cause, naming the file */
      text = g_strdup_printf (_("Annotations could not be saved: %s"), error->message);
      _cs_slide_page_alert (self, _("Annotations could not be saved"), text);
    }

  if (had_editor)
    _cs_slide_page_notify_annotations (self);
}

static void
on_annotation_navigate_cb (CsSlidePage       *self,
                           CsAnnotation      *annotation,
                           CsAnnotationPanel *panel)
{
  cs_slide_page_show_annotation (self, annotation);
}

void
_cs_slide_page_class_annotations_init (CsSlidePageClass *klass)
{
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), on_annotation_navigate_cb);
}

gboolean
cs_slide_page_get_show_annotations (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), FALSE);

  return gtk_revealer_get_reveal_child (self->annotations_revealer);
}

void
cs_slide_page_set_show_annotations (CsSlidePage *self,
                                    gboolean     show_annotations)
{
  g_return_if_fail (CS_IS_SLIDE_PAGE (self));

  if (cs_slide_page_get_show_annotations (self) == !!show_annotations)
    return;

  gtk_revealer_set_reveal_child (self->annotations_revealer, show_annotations);
  _cs_slide_page_notify_show_annotations (self);
}

/**
 * cs_slide_page_get_annotation_panel:
 *
 * Returns: (transfer none): the page's annotation panel
 */
CsAnnotationPanel *
cs_slide_page_get_annotation_panel (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), NULL);

  return self->annotation_panel;
}

/**
 * cs_slide_page_get_annotation_editor:
 *
 * Returns: (transfer none) (nullable): the editor of the slide's
 *   annotations, once they are read
 */
CsAnnotationEditor *
cs_slide_page_get_annotation_editor (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), NULL);

  return self->annotations ? cs_annotation_session_get_editor (self->annotations) : NULL;
}

/**
 * cs_slide_page_get_annotation_list:
 *
 * Returns: (transfer none) (nullable): the slide's annotations, once read
 */
CsAnnotationList *
cs_slide_page_get_annotation_list (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), NULL);

  return self->annotations ? cs_annotation_session_get_list (self->annotations) : NULL;
}

/**
 * cs_slide_page_get_annotation_sha256:
 *
 * Returns: (nullable): the slide's identity, once computed
 */
const char *
cs_slide_page_get_annotation_sha256 (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), NULL);

  return self->annotations ? cs_annotation_session_get_sha256 (self->annotations) : NULL;
}

void
cs_slide_page_get_calibration (CsSlidePage   *self,
                               CsCalibration *calibration)
{
  g_return_if_fail (CS_IS_SLIDE_PAGE (self));
  g_return_if_fail (calibration != NULL);

  calibration->mpp_x = calibration->mpp_y = 0;
  if (self->annotations != NULL)
    cs_annotation_session_get_calibration (self->annotations, calibration);
}

/* The zoom at which @bounds, turned by the view's rotation, fill
 * NAVIGATE_FILL of @width × @height device pixels; never closer than the
 * scan's resolution unless the view already is, so that a point is not
 * blown up to blocks. */
static double
fit_zoom (const CsViewport *viewport,
          const CsRect     *bounds,
          double            width,
          double            height,
          double            min_zoom,
          double            max_zoom)
{
  double angle = viewport->rotation * G_PI / 180.0;
  double c = fabs (cos (angle));
  double s = fabs (sin (angle));
  double turned_width = bounds->width * c + bounds->height * s;
  double turned_height = bounds->width * s + bounds->height * c;
  double zoom = MAX (1.0, viewport->zoom);

  if (turned_width > 0)
    zoom = MIN (zoom, NAVIGATE_FILL * width / turned_width);
  if (turned_height > 0)
    zoom = MIN (zoom, NAVIGATE_FILL * height / turned_height);

  return CLAMP (zoom, min_zoom, max_zoom);
}

/**
 * cs_slide_page_show_annotation:
 * @annotation: one of the page's annotations
 *
 * Moves the primary view so that @annotation is centred and fits with a
 * margin in the part of the view its overlays (the annotation tools, the
 * overview) leave free, keeping the rotation.
 */
void
cs_slide_page_show_annotation (CsSlidePage  *self,
                               CsAnnotation *annotation)
{
  CsSlideViewer *viewer;
  CsSlideView *view;
  CsViewport viewport;
  CsRect bounds;
  graphene_rect_t free_area;
  double min_zoom, max_zoom, zoom, cx, cy, fx, fy;
  int scale;

  g_return_if_fail (CS_IS_SLIDE_PAGE (self));
  g_return_if_fail (CS_IS_ANNOTATION (annotation));

  viewer = cs_review_area_get_primary (self->review_area);
  view = cs_slide_viewer_get_view (viewer);
  if (cs_slide_view_get_slide (view) == NULL)
    return;

  cs_slide_view_get_viewport (view, &viewport);
  cs_slide_view_get_zoom_range (view, &min_zoom, &max_zoom);
  cs_annotation_get_bounds (annotation, &bounds);
  cx = bounds.x + bounds.width / 2;
  cy = bounds.y + bounds.height / 2;

  if (viewport.width <= 0 || viewport.height <= 0)
    {
      cs_slide_view_set_center (view, cx, cy);
      return;
    }

  scale = MAX (gtk_widget_get_scale_factor (GTK_WIDGET (view)), 1);
  cs_slide_viewer_get_free_area (viewer, &free_area);
  zoom = fit_zoom (&viewport, &bounds, free_area.size.width * scale, free_area.size.height * scale,
                   min_zoom, max_zoom);
  cs_slide_view_move_to (view, cx, cy, zoom, viewport.rotation);

  /* Then shifted so that the annotation is at the free area's centre: the
   * level-0 point shown there now goes where the annotation's centre is. */
  cs_slide_view_get_viewport (view, &viewport);
  cs_viewport_to_image (&viewport, (free_area.origin.x + free_area.size.width / 2) * scale,
                        (free_area.origin.y + free_area.size.height / 2) * scale, &fx, &fy);
  cs_slide_view_move_to (view, cx - (fx - cx), cy - (fy - cy), zoom, viewport.rotation);
}

/**
 * cs_slide_page_flush_annotations:
 *
 * Writes the annotation changes not yet on disk now: before the window
 * closes.
 */
gboolean
cs_slide_page_flush_annotations (CsSlidePage *self,
                                 GError     **error)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), FALSE);

  return self->annotations == NULL || cs_annotation_session_flush (self->annotations, error);
}
