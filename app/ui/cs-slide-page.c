/* cs-slide-page.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-page"

#include "config.h"

#include "cs-dicomweb.h"
#include "cs-recent-slides.h"
#include "cs-settings.h"
#include "cs-slide-page-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/* One tab. cs_slide_new_async () opens the slide in a worker while a
 * spinner covers the review area; the spinner stays until the viewer draws
 * its first frame, so nobody looks at an empty grey view wondering. A file
 * that fails to open turns the page into an error page naming the file and
 * the cause; other tabs are not affected. The page also opens the second
 * slide of a split view, binds the viewers to the settings, and turns the
 * viewers' tile failures into "message" signals for the window's toasts. */

/* One toast per page for a burst of failed tiles. */
#define TILE_FAILED_QUIET_SECONDS 10


G_DEFINE_ENUM_TYPE (CsSlidePageState, cs_slide_page_state,
                    G_DEFINE_ENUM_VALUE (CS_SLIDE_PAGE_OPENING, "opening"),
                    G_DEFINE_ENUM_VALUE (CS_SLIDE_PAGE_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (CS_SLIDE_PAGE_FAILED, "failed"))

G_DEFINE_FINAL_TYPE (CsSlidePage, cs_slide_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FILE,
  PROP_SLIDE,
  PROP_STATE,
  PROP_LOADING,
  PROP_TITLE,
  PROP_TOOLTIP,
  PROP_SHOW_INFO,
  PROP_PRIVACY_MODE,
  PROP_SHOW_ANNOTATIONS,
  PROP_ANNOTATION_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MESSAGE,
  ALERT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cs_slide_page_set_loading (CsSlidePage *self,
                           gboolean     loading)
{
  loading = !!loading;
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_widget_set_visible (GTK_WIDGET (self->loading_page), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
cs_slide_page_set_state (CsSlidePage      *self,
                         CsSlidePageState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  gtk_stack_set_visible_child_name (self->stack,
                                    state == CS_SLIDE_PAGE_FAILED ? "error" : "content");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
cs_slide_page_fail (CsSlidePage  *self,
                    GError       *error)
{
  g_autofree char *markup = g_markup_escape_text (error->message, -1);

  g_clear_error (&self->error);
  self->error = error;

  adw_status_page_set_description (self->error_page, markup);
  cs_slide_page_set_loading (self, FALSE);
  cs_slide_page_set_state (self, CS_SLIDE_PAGE_FAILED);
}

void
_cs_slide_page_message (CsSlidePage *self,
                        const char  *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

void
_cs_slide_page_alert (CsSlidePage *self,
                      const char  *heading,
                      const char  *text)
{
  g_signal_emit (self, signals[ALERT], 0, heading, text);
}

/* The annotation editor came or went: the window enables its actions. */
void
_cs_slide_page_notify_annotations (CsSlidePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATION_EDITOR]);
}

void
_cs_slide_page_notify_show_annotations (CsSlidePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ANNOTATIONS]);
}

static void
cs_slide_page_bind_viewer (CsSlidePage   *self,
                           CsSlideViewer *viewer)
{
  GSettings *settings = cs_settings_get_default ();

  if (settings == NULL || viewer == NULL)
    return;

  g_settings_bind (settings, "tile-cache-mb", viewer, "tile-cache-mb", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "show-overview", viewer, "show-overview", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "show-scale-bar", viewer, "show-scale-bar", G_SETTINGS_BIND_GET);
}

static void
on_first_frame_cb (CsSlidePage   *self,
                   CsSlideViewer *viewer)
{
  cs_slide_page_set_loading (self, FALSE);
}

static void
on_tile_failed_cb (CsSlidePage   *self,
                   const GError  *error,
                   CsSlideViewer *viewer)
{
  gint64 now = g_get_monotonic_time ();

  /* Whatever could be drawn is drawn, the failed tiles marked. */
  if (viewer == cs_review_area_get_primary (self->review_area))
    cs_slide_page_set_loading (self, FALSE);

  if (self->last_tile_message != 0 &&
      now - self->last_tile_message < TILE_FAILED_QUIET_SECONDS * G_USEC_PER_SEC)
    return;

  self->last_tile_message = now;
  /* The core's message names the file and the cause. */
  g_signal_emit (self, signals[MESSAGE], 0, error->message);
}

/* The preference follows into the slide for as long as the slide lives;
 * its views read their tiles again when it changes. */
static void
cs_slide_page_bind_color_profile (CsSlide *slide)
{
  g_settings_bind (cs_settings_get_default (), "apply-color-profile",
                   slide, "apply-color-profile", G_SETTINGS_BIND_GET);
}

static void
cs_slide_page_open_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CsSlidePage) self = user_data;
  g_autoptr(CsSlide) slide = NULL;
  GError *error = NULL;

  slide = cs_slide_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->cancellable == NULL)
    {
      g_clear_error (&error);
      return;
    }

  g_clear_object (&self->cancellable);

  if (slide == NULL)
    {
      cs_slide_page_fail (self, error);
      return;
    }

  self->slide = g_steal_pointer (&slide);
  cs_slide_page_bind_color_profile (self->slide);
  cs_recent_slides_add (cs_slide_get_path (self->slide));

  cs_slide_viewer_set_slide (cs_review_area_get_primary (self->review_area), self->slide);
  cs_slide_info_set_slide (self->info, self->slide);
  _cs_slide_page_annotations_start (self);
  cs_slide_page_set_state (self, CS_SLIDE_PAGE_READY);
  gtk_widget_grab_focus (GTK_WIDGET (cs_slide_page_get_active_view (self)));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
}

/* What CsSlide opens for @file: its local path, or a "dicomweb:" URL as
 * it is (a slide in a remote archive); %NULL for anything else. */
static char *
cs_slide_page_file_to_path (GFile *file)
{
  char *path = g_file_get_path (file);
  g_autofree char *uri = NULL;

  if (path != NULL)
    return path;
  uri = g_file_get_uri (file);
  if (uri != NULL && g_str_has_prefix (uri, CS_DICOMWEB_URL_SCHEME))
    return g_steal_pointer (&uri);

  return NULL;
}

static void
cs_slide_page_open (CsSlidePage *self)
{
  g_autofree char *path = cs_slide_page_file_to_path (self->file);
  g_autofree char *markup = g_markup_escape_text (self->title, -1);

  adw_status_page_set_description (self->loading_page, markup);

  if (path == NULL)
    {
      cs_slide_page_fail (self, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                             _("Cannot open “%s”: only local files can be opened"),
                                             self->title));
      return;
    }

  self->cancellable = g_cancellable_new ();
  cs_slide_new_async (path, self->cancellable, cs_slide_page_open_cb, g_object_ref (self));
}

static void
cs_slide_page_constructed (GObject *object)
{
  CsSlidePage *self = CS_SLIDE_PAGE (object);
  g_autofree char *path = g_file_get_path (self->file);

  G_OBJECT_CLASS (cs_slide_page_parent_class)->constructed (object);

  if (path != NULL)
    self->title = g_filename_display_basename (path);
  else
    self->title = g_file_get_basename (self->file);
  self->tooltip = g_file_get_parse_name (self->file);

  cs_slide_page_open (self);
}

static void
cs_slide_page_cancel (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

static void
cs_slide_page_dispose (GObject *object)
{
  CsSlidePage *self = CS_SLIDE_PAGE (object);

  cs_slide_page_release (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_SLIDE_PAGE);

  g_clear_object (&self->slide);
  g_clear_object (&self->file);
  g_clear_pointer (&self->annotation_directory, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->tooltip, g_free);

  G_OBJECT_CLASS (cs_slide_page_parent_class)->dispose (object);
}

static void
cs_slide_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CsSlidePage *self = CS_SLIDE_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_SLIDE:
      g_value_set_object (value, self->slide);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_TOOLTIP:
      g_value_set_string (value, self->tooltip);
      break;

    case PROP_SHOW_INFO:
      g_value_set_boolean (value, cs_slide_page_get_show_info (self));
      break;

    case PROP_PRIVACY_MODE:
      g_value_set_boolean (value, cs_slide_info_get_privacy_mode (self->info));
      break;

    case PROP_SHOW_ANNOTATIONS:
      g_value_set_boolean (value, cs_slide_page_get_show_annotations (self));
      break;

    case PROP_ANNOTATION_EDITOR:
      g_value_set_object (value, cs_slide_page_get_annotation_editor (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_slide_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CsSlidePage *self = CS_SLIDE_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    case PROP_SHOW_INFO:
      cs_slide_page_set_show_info (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_ANNOTATIONS:
      cs_slide_page_set_show_annotations (self, g_value_get_boolean (value));
      break;

    case PROP_PRIVACY_MODE:
      if (cs_slide_info_get_privacy_mode (self->info) != g_value_get_boolean (value))
        {
          cs_slide_info_set_privacy_mode (self->info, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_slide_page_class_init (CsSlidePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cs_slide_page_constructed;
  object_class->dispose = cs_slide_page_dispose;
  object_class->get_property = cs_slide_page_get_property;
  object_class->set_property = cs_slide_page_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SLIDE] =
    g_param_spec_object ("slide", NULL, NULL, CS_TYPE_SLIDE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CS_TYPE_SLIDE_PAGE_STATE, CS_SLIDE_PAGE_OPENING,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOOLTIP] =
    g_param_spec_string ("tooltip", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_INFO] =
    g_param_spec_boolean ("show-info", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PRIVACY_MODE] =
    g_param_spec_boolean ("privacy-mode", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_ANNOTATIONS] =
    g_param_spec_boolean ("show-annotations", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ANNOTATION_EDITOR] =
    g_param_spec_object ("annotation-editor", NULL, NULL, CS_TYPE_ANNOTATION_EDITOR,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ALERT] =
    g_signal_new ("alert",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (CS_TYPE_ANNOTATION_PANEL);
  g_type_ensure (CS_TYPE_REVIEW_AREA);
  g_type_ensure (CS_TYPE_SLIDE_INFO);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-slide-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsSlidePage, stack);
  gtk_widget_class_bind_template_child (widget_class, CsSlidePage, content_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsSlidePage, content_box);
  gtk_widget_class_bind_template_child (widget_class, CsSlidePage, review_area);
  gtk_widget_class_bind_template_child (widget_class, CsSlidePage, annotations_revealer);
  gtk_widget_class_bind_template_child (widget_class, CsSlidePage, annotation_panel);
  gtk_widget_class_bind_template_child (widget_class, CsSlidePage, info_revealer);
  gtk_widget_class_bind_template_child (widget_class, CsSlidePage, info);
  gtk_widget_class_bind_template_child (widget_class, CsSlidePage, loading_page);
  gtk_widget_class_bind_template_child (widget_class, CsSlidePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsSlidePage, error_page);
  _cs_slide_page_class_annotations_init (klass);
}

static void
cs_slide_page_init (CsSlidePage *self)
{
  CsSlideViewer *primary;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->state = CS_SLIDE_PAGE_OPENING;
  self->loading = TRUE;
  gtk_spinner_set_spinning (self->spinner, TRUE);

  primary = cs_review_area_get_primary (self->review_area);
  cs_slide_page_bind_viewer (self, primary);
  g_signal_connect_object (primary, "first-frame", G_CALLBACK (on_first_frame_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (primary, "tile-failed", G_CALLBACK (on_tile_failed_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * cs_slide_page_new:
 * @file: the slide to show
 *
 * Creates a page and starts opening @file in the background.
 */
CsSlidePage *
cs_slide_page_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (CS_TYPE_SLIDE_PAGE, "file", file, NULL);
}

/**
 * cs_slide_page_release:
 *
 * Stops everything the page has under way (opening slides, hashing for the
 * info panel, tile reads) and lets its slides and tiles go. Called when the
 * tab is closed, before GTK disposes the page: async callbacks hold the
 * page, so dispose alone would only come once they finish.
 */
void
cs_slide_page_release (CsSlidePage *self)
{
  g_return_if_fail (CS_IS_SLIDE_PAGE (self));

  cs_slide_page_cancel (&self->cancellable);
  cs_slide_page_cancel (&self->secondary_cancellable);
  /* Before the viewer lets the slide go: nothing drawn may be lost. */
  _cs_slide_page_annotations_stop (self);

  /* The viewers let their slides, tiles and loaders go. */
  if (self->review_area != NULL)
    {
      if (cs_review_area_get_split (self->review_area))
        cs_review_area_set_secondary_slide (self->review_area, NULL);
      cs_slide_viewer_set_slide (cs_review_area_get_primary (self->review_area), NULL);
    }
  if (self->info != NULL)
    cs_slide_info_set_slide (self->info, NULL);
  self->secondary_connected = NULL;
}

/**
 * cs_slide_page_reload:
 *
 * Opens the slide's file again, as new: after a network share came back,
 * or a file was fixed or put in place. Tiles that failed to read are tried
 * again; the split view, if any, is closed.
 */
void
cs_slide_page_reload (CsSlidePage *self)
{
  g_return_if_fail (CS_IS_SLIDE_PAGE (self));

  if (self->state == CS_SLIDE_PAGE_OPENING)
    return;

  cs_slide_page_release (self);
  g_clear_object (&self->slide);
  g_clear_error (&self->error);
  cs_slide_page_set_loading (self, TRUE);
  cs_slide_page_set_state (self, CS_SLIDE_PAGE_OPENING);
  cs_slide_page_open (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
}

GFile *
cs_slide_page_get_file (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), NULL);

  return self->file;
}

/**
 * cs_slide_page_get_slide:
 *
 * Returns: (transfer none) (nullable): the slide, once open
 */
CsSlide *
cs_slide_page_get_slide (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), NULL);

  return self->slide;
}

CsSlidePageState
cs_slide_page_get_state (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), CS_SLIDE_PAGE_FAILED);

  return self->state;
}

gboolean
cs_slide_page_get_loading (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), FALSE);

  return self->loading;
}

const char *
cs_slide_page_get_title (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), NULL);

  return self->title;
}

const char *
cs_slide_page_get_tooltip (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), NULL);

  return self->tooltip;
}

/**
 * cs_slide_page_get_error:
 *
 * Returns: (nullable): why the slide could not be opened
 */
const GError *
cs_slide_page_get_error (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), NULL);

  return self->error;
}

CsReviewArea *
cs_slide_page_get_review_area (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), NULL);

  return self->review_area;
}

CsSlideInfo *
cs_slide_page_get_info (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), NULL);

  return self->info;
}

/**
 * cs_slide_page_get_active_view:
 *
 * Returns: (transfer none): the view last used: the primary one, or in a
 *   split view the one last clicked or focused
 */
CsSlideView *
cs_slide_page_get_active_view (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), NULL);

  return cs_slide_viewer_get_view (cs_review_area_get_active_viewer (self->review_area));
}

/**
 * cs_slide_page_add_overlay:
 *
 * Shows @widget over the slide (and its panels), such as a tour's bar.
 */
void
cs_slide_page_add_overlay (CsSlidePage *self,
                           GtkWidget   *widget)
{
  g_return_if_fail (CS_IS_SLIDE_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_overlay_add_overlay (self->content_overlay, widget);
}

/**
 * cs_slide_page_add_top_bar:
 *
 * Shows @widget above the slide and its panels, taking its own room
 * (nothing of the slide is hidden under it), such as a live session's bar.
 */
void
cs_slide_page_add_top_bar (CsSlidePage *self,
                           GtkWidget   *widget)
{
  g_return_if_fail (CS_IS_SLIDE_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_prepend (self->content_box, widget);
}

void
cs_slide_page_remove_top_bar (CsSlidePage *self,
                              GtkWidget   *widget)
{
  g_return_if_fail (CS_IS_SLIDE_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_remove (self->content_box, widget);
}

void
cs_slide_page_remove_overlay (CsSlidePage *self,
                              GtkWidget   *widget)
{
  g_return_if_fail (CS_IS_SLIDE_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_overlay_remove_overlay (self->content_overlay, widget);
}

gboolean
cs_slide_page_get_show_info (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), FALSE);

  return gtk_revealer_get_reveal_child (self->info_revealer);
}

void
cs_slide_page_set_show_info (CsSlidePage *self,
                             gboolean     show_info)
{
  g_return_if_fail (CS_IS_SLIDE_PAGE (self));

  if (cs_slide_page_get_show_info (self) == !!show_info)
    return;

  gtk_revealer_set_reveal_child (self->info_revealer, show_info);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_INFO]);
}

static void
cs_slide_page_open_secondary_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(CsSlidePage) self = user_data;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GError) error = NULL;
  CsSlideViewer *secondary;

  slide = cs_slide_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      self->secondary_cancellable == NULL)
    return;

  g_clear_object (&self->secondary_cancellable);

  if (slide == NULL)
    {
      g_signal_emit (self, signals[MESSAGE], 0, error->message);
      return;
    }

  cs_slide_page_bind_color_profile (slide);
  cs_recent_slides_add (cs_slide_get_path (slide));
  cs_review_area_set_secondary_slide (self->review_area, slide);
  gtk_widget_grab_focus (GTK_WIDGET (cs_slide_page_get_active_view (self)));

  secondary = cs_review_area_get_secondary (self->review_area);
  if (secondary != NULL && secondary != self->secondary_connected)
    {
      self->secondary_connected = secondary;
      cs_slide_page_bind_viewer (self, secondary);
      g_signal_connect_object (secondary, "tile-failed", G_CALLBACK (on_tile_failed_cb),
                               self, G_CONNECT_SWAPPED);
    }
}

/**
 * cs_slide_page_open_secondary:
 * @file: a second slide, to compare with the page's
 *
 * Opens @file in the background and shows it beside the page's slide, with
 * synchronized navigation. A failure is reported with the "message" signal.
 */
void
cs_slide_page_open_secondary (CsSlidePage *self,
                              GFile       *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CS_IS_SLIDE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  cs_slide_page_cancel (&self->secondary_cancellable);

  path = cs_slide_page_file_to_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("Cannot open “%s”: only local files can be opened"), name);
      g_signal_emit (self, signals[MESSAGE], 0, text);
      return;
    }

  self->secondary_cancellable = g_cancellable_new ();
  cs_slide_new_async (path, self->secondary_cancellable, cs_slide_page_open_secondary_cb,
                      g_object_ref (self));
}

/**
 * cs_slide_page_close_secondary:
 *
 * Ends the split view, or the opening of its second slide.
 */
void
cs_slide_page_close_secondary (CsSlidePage *self)
{
  g_return_if_fail (CS_IS_SLIDE_PAGE (self));

  cs_slide_page_cancel (&self->secondary_cancellable);
  if (cs_review_area_get_split (self->review_area))
    cs_review_area_set_secondary_slide (self->review_area, NULL);
}

gboolean
cs_slide_page_get_opening_secondary (CsSlidePage *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (self), FALSE);

  return self->secondary_cancellable != NULL;
}
