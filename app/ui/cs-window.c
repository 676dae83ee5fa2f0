/* cs-window.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window"

#include "config.h"

#include "cs-window-private.h"

#include <glib/gi18n.h>

/* A window shows one slide. Its stack holds the start page, a spinner while
 * cs_slide_new_async () opens the slide in a worker, the slide view, and an
 * error page naming the file and the cause. Every open, from the command
 * line, the file chooser or a test, goes through cs_window_open (). The
 * window's size is kept in GSettings; actions are in cs-window-actions.c. */

#define SETTINGS_SCHEMA_ID "io.github.consilium.Consilium"
#define MIN_WIDTH          360
#define MIN_HEIGHT         294

G_DEFINE_FINAL_TYPE (CsWindow, cs_window, ADW_TYPE_APPLICATION_WINDOW)

typedef struct
{
  CsWindow     *self;
  GCancellable *cancellable;
} CsWindowOpen;

static void
cs_window_open_free (CsWindowOpen *op)
{
  g_clear_object (&op->self);
  g_clear_object (&op->cancellable);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsWindowOpen, cs_window_open_free)

static GSettings *
cs_window_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Runs from the build directory have no installed schema: the window then
   * opens at its default size and remembers nothing. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed: the window size will not be saved",
               SETTINGS_SCHEMA_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
cs_window_restore_size (CsWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, MIN_WIDTH), MAX (height, MIN_HEIGHT));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
cs_window_save_size (CsWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  /* The default size follows the window's unmaximized size. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static char *
cs_window_get_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_basename (path);

  return g_file_get_parse_name (file);
}

static void
cs_window_set_title (CsWindow   *self,
                     const char *title)
{
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
cs_window_show_page (CsWindow   *self,
                     const char *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
}

static void
cs_window_show_error (CsWindow   *self,
                      const char *title,
                      const char *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, markup);
  cs_window_show_page (self, "error");
}

static void
cs_window_set_slide (CsWindow *self,
                     CsSlide  *slide)
{
  g_clear_handle_id (&self->release_source, g_source_remove);

  if (!g_set_object (&self->slide, slide))
    return;

  cs_slide_view_set_slide (self->view, slide);
}

static void
cs_window_cancel_open (CsWindow *self)
{
  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
cs_window_open_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CsWindowOpen) op = user_data;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GError) error = NULL;
  CsWindow *self = op->self;

  slide = cs_slide_new_finish (result, &error);

  /* A newer open, or the window closing, cancelled this one. */
  if (op->cancellable != self->cancellable)
    return;

  g_clear_object (&self->cancellable);

  if (slide == NULL)
    {
      cs_window_show_error (self, _("Could Not Open Slide"), error->message);
      return;
    }

  cs_window_set_slide (self, slide);
  cs_window_show_page (self, "slide");
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static gboolean
cs_window_release_slide_cb (gpointer user_data)
{
  CsWindow *self = CS_WINDOW (user_data);

  self->release_source = 0;
  cs_window_set_slide (self, NULL);

  return G_SOURCE_REMOVE;
}

static void
on_view_load_failed_cb (CsWindow     *self,
                        const GError *error,
                        CsSlideView  *view)
{
  cs_window_show_error (self, _("Could Not Read Slide"), error->message);

  /* The slide stays failed; free its tiles once the loader, which is
   * emitting this, has returned. */
  if (self->release_source == 0)
    self->release_source = g_idle_add (cs_window_release_slide_cb, self);
}

static gboolean
cs_window_close_request (GtkWindow *window)
{
  cs_window_save_size (CS_WINDOW (window));

  return GTK_WINDOW_CLASS (cs_window_parent_class)->close_request (window);
}

static void
cs_window_dispose (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);

  cs_window_cancel_open (self);
  g_clear_handle_id (&self->release_source, g_source_remove);
  _cs_window_actions_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_WINDOW);

  g_clear_object (&self->slide);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cs_window_parent_class)->dispose (object);
}

static void
cs_window_class_init (CsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cs_window_dispose;
  window_class->close_request = cs_window_close_request;

  g_type_ensure (CS_TYPE_SLIDE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, view);
  gtk_widget_class_bind_template_callback (widget_class, on_view_load_failed_cb);

  _cs_window_class_actions_init (klass);
}

static void
cs_window_init (CsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  cs_window_set_title (self, _("Consilium"));

  self->settings = cs_window_settings_new ();
  cs_window_restore_size (self);
}

/**
 * cs_window_new:
 * @application: (nullable): the application the window belongs to
 *
 * Creates a window showing the start page.
 *
 * Returns: (transfer none): the new window
 */
CsWindow *
cs_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (CS_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * cs_window_open:
 * @file: the slide or image to show
 *
 * Opens @file in the background, showing a spinner, then the slide, or an
 * error page naming the file and the cause. A newer open cancels an older
 * one still in flight.
 */
void
cs_window_open (CsWindow *self,
                GFile    *file)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *markup = NULL;
  CsWindowOpen *op;

  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  cs_window_cancel_open (self);
  cs_window_set_slide (self, NULL);
  g_set_object (&self->file, file);

  name = cs_window_get_display_name (file);
  cs_window_set_title (self, name);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Cannot open “%s”: only local files can be opened"), name);
      cs_window_show_error (self, _("Could Not Open Slide"), message);
      return;
    }

  markup = g_markup_escape_text (name, -1);
  adw_status_page_set_description (self->loading_page, markup);
  cs_window_show_page (self, "loading");

  self->cancellable = g_cancellable_new ();
  op = g_new0 (CsWindowOpen, 1);
  op->self = g_object_ref (self);
  op->cancellable = g_object_ref (self->cancellable);
  cs_slide_new_async (path, self->cancellable, cs_window_open_cb, op);
}

/**
 * cs_window_get_slide:
 *
 * Returns: (transfer none) (nullable): the slide shown, if any
 */
CsSlide *
cs_window_get_slide (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return self->slide;
}
