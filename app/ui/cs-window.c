/* cs-window.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window"

#include "config.h"

#include "cs-magnification.h"
#include "cs-settings.h"
#include "cs-toast.h"
#include "cs-window-package.h"
#include "cs-window-private.h"

#include <glib/gi18n.h>

/* A window holds slides in tabs (AdwTabView), one CsSlidePage each, and
 * shows the start page when none is open. Every open, from the command
 * line, the file chooser, a drop, the start page or a test, goes through
 * cs_window_open (). The header bar follows the selected tab through signal
 * groups: its page, the page's review area and that area's active view,
 * whose viewport sets the magnification button's label. The window's size
 * and the shared switches live in GSettings. Actions are in
 * cs-window-actions.c, copying and exporting the view in
 * cs-window-snapshot.c. */

#define MIN_WIDTH  360
#define MIN_HEIGHT 294

G_DEFINE_FINAL_TYPE (CsWindow, cs_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_INFO,
  PROP_SHOW_ANNOTATIONS,
  PROP_PRIVACY_MODE,
  PROP_SPLIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/**
 * _cs_window_get_page:
 *
 * Returns: (nullable): the selected tab's page
 */
CsSlidePage *
_cs_window_get_page (CsWindow *self)
{
  AdwTabPage *page;

  /* Actions ask for their state while the template is being built. */
  if (self->tab_view == NULL)
    return NULL;

  page = adw_tab_view_get_selected_page (self->tab_view);

  return page ? CS_SLIDE_PAGE (adw_tab_page_get_child (page)) : NULL;
}

/**
 * _cs_window_get_ready_view:
 *
 * Returns: (nullable): the active view of the selected tab, when its slide
 *   is open
 */
CsSlideView *
_cs_window_get_ready_view (CsWindow *self)
{
  CsSlidePage *page = _cs_window_get_page (self);

  if (page == NULL || cs_slide_page_get_state (page) != CS_SLIDE_PAGE_READY)
    return NULL;

  return cs_slide_page_get_active_view (page);
}

void
_cs_window_toast (CsWindow   *self,
                  const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 5);
  cs_toast_show (GTK_WIDGET (self->toast_overlay), toast);
}

void
_cs_window_set_last_folder (CsWindow *self,
                            GFile    *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

  if (self->settings != NULL && path != NULL)
    g_settings_set_string (self->settings, "last-folder", path);
}

/* The folder a slide was last opened from, else that of the slide shown. */
void
_cs_window_set_chooser_folder (CsWindow       *self,
                               GtkFileChooser *chooser)
{
  g_autofree char *last = self->settings ? g_settings_get_string (self->settings, "last-folder")
                                         : NULL;
  g_autoptr(GFile) folder = NULL;
  CsSlidePage *page = _cs_window_get_page (self);

  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    folder = g_file_new_for_path (last);
  else if (page != NULL)
    folder = g_file_get_parent (cs_slide_page_get_file (page));

  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
cs_window_update_magnification (CsWindow *self)
{
  CsSlideView *view = _cs_window_get_ready_view (self);
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  CsViewport viewport;
  CsSlide *slide;
  double base;

  if (view == NULL || (slide = cs_slide_view_get_slide (view)) == NULL)
    {
      gtk_menu_button_set_label (self->magnification_button, "–");
      return;
    }

  cs_slide_view_get_viewport (view, &viewport);
  base = cs_magnification_get_slide_base (slide);
  if (base > 0)
    text = cs_magnification_format (cs_magnification_for_zoom (base, viewport.zoom));
  else
    text = cs_magnification_format_zoom (viewport.zoom);

  /* Past the scan's own resolution, pixels are enlarged, not resolved. */
  if (cs_magnification_is_digital (viewport.zoom))
    /* Translators: the magnification past the scan's resolution, e.g. "Digital 80×" */
    label = g_strdup_printf (_("Digital %s"), text);
  else
    label = g_steal_pointer (&text);

  gtk_menu_button_set_label (self->magnification_button, label);
}

static gboolean
cs_window_update_magnification_cb (gpointer user_data)
{
  CsWindow *self = CS_WINDOW (user_data);

  self->magnification_source = 0;
  cs_window_update_magnification (self);

  return G_SOURCE_REMOVE;
}

/* Views report viewport changes from inside their size allocation, when
 * the header bar may not change size any more: update after the frame. */
static void
cs_window_queue_update_magnification (CsWindow *self)
{
  if (self->magnification_source == 0)
    self->magnification_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE,
                                                   cs_window_update_magnification_cb,
                                                   self, NULL);
}

/* The tab's file name; in a split view, the other slide's below it. */
static void
cs_window_update_title (CsWindow *self)
{
  CsSlidePage *page = _cs_window_get_page (self);
  const char *title = page ? cs_slide_page_get_title (page) : _("Consilium");
  g_autofree char *subtitle = NULL;
  CsSlideViewer *secondary = NULL;
  CsSlide *slide;

  if (page != NULL && cs_review_area_get_split (cs_slide_page_get_review_area (page)))
    secondary = cs_review_area_get_secondary (cs_slide_page_get_review_area (page));
  if (secondary != NULL && (slide = cs_slide_viewer_get_slide (secondary)) != NULL)
    /* Translators: the window's subtitle in a split view; %s is a file name */
    subtitle = g_strdup_printf (_("Side by side with %s"), cs_slide_get_display_name (slide));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

void
_cs_window_update_split (CsWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPLIT]);
}

static void
cs_window_update_view (CsWindow *self)
{
  CsSlidePage *page = _cs_window_get_page (self);

  g_signal_group_set_target (self->area_signals,
                             page ? cs_slide_page_get_review_area (page) : NULL);
  g_signal_group_set_target (self->view_signals,
                             page ? cs_slide_page_get_active_view (page) : NULL);

  cs_window_queue_update_magnification (self);
  _cs_window_actions_update (self);
}

static void
on_selected_page_changed_cb (CsWindow   *self,
                             GParamSpec *pspec,
                             AdwTabView *tab_view)
{
  g_signal_group_set_target (self->page_signals, _cs_window_get_page (self));
  _cs_window_annotations_follow (self);
  _cs_window_reports_follow (self);

  cs_window_update_title (self);
  cs_window_update_view (self);
  _cs_window_update_split (self);
}

/* A closing tab stops its reads and lets its slide go at once; the tab
 * view then finishes closing it (GDK_EVENT_PROPAGATE). */
static gboolean
on_tab_view_close_page_cb (CsWindow   *self,
                           AdwTabPage *tab,
                           AdwTabView *tab_view)
{
  _cs_window_deidentify_page_closed (self, CS_SLIDE_PAGE (adw_tab_page_get_child (tab)));
  _cs_window_live_page_closed (self, CS_SLIDE_PAGE (adw_tab_page_get_child (tab)));
  cs_slide_page_release (CS_SLIDE_PAGE (adw_tab_page_get_child (tab)));

  return GDK_EVENT_PROPAGATE;
}

static void
on_n_pages_changed_cb (CsWindow   *self,
                       GParamSpec *pspec,
                       AdwTabView *tab_view)
{
  gboolean has_pages = adw_tab_view_get_n_pages (self->tab_view) > 0;

  gtk_stack_set_visible_child_name (self->main_stack, has_pages ? "tabs" : "start");
  gtk_widget_set_visible (GTK_WIDGET (self->magnification_button), has_pages);
  gtk_widget_set_visible (self->split_button, has_pages);
  gtk_widget_set_visible (self->info_button, has_pages);
  gtk_widget_set_visible (self->annotations_button, has_pages);
  gtk_widget_set_visible (self->report_button, has_pages);
  gtk_widget_set_visible (self->undo_button, has_pages);
  gtk_widget_set_visible (self->redo_button, has_pages);
}

static void
on_page_state_changed_cb (CsWindow    *self,
                          GParamSpec  *pspec,
                          CsSlidePage *page)
{
  cs_window_update_view (self);
}

static void
on_page_annotations_changed_cb (CsWindow    *self,
                                GParamSpec  *pspec,
                                CsSlidePage *page)
{
  _cs_window_annotations_follow (self);
  _cs_window_reports_follow (self);
}

static void
on_active_viewer_changed_cb (CsWindow     *self,
                             GParamSpec   *pspec,
                             CsReviewArea *area)
{
  cs_window_update_view (self);
}

static void
on_split_changed_cb (CsWindow     *self,
                     GParamSpec   *pspec,
                     CsReviewArea *area)
{
  _cs_window_update_split (self);
  cs_window_update_title (self);
  cs_window_update_view (self);
}

static void
on_viewport_changed_cb (CsWindow    *self,
                        CsSlideView *view)
{
  cs_window_queue_update_magnification (self);
}

static void
on_page_message_cb (CsWindow    *self,
                    const char  *text,
                    CsSlidePage *page)
{
  _cs_window_toast (self, text);
}

/* Not a toast: a dialog stays until read. */
static void
on_page_alert_cb (CsWindow    *self,
                  const char  *heading,
                  const char  *text,
                  CsSlidePage *page)
{
  GtkWidget *dialog;

  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, text);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_start_page_open_file_cb (CsWindow    *self,
                            GFile       *file,
                            CsStartPage *start_page)
{
  cs_window_open (self, file);
}

static gboolean
on_drop_cb (CsWindow      *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *target)
{
  GSList *files;
  gboolean any;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  any = files != NULL;
  for (const GSList *l = files; l != NULL; l = l->next)
    cs_window_open (self, l->data);
  g_slist_free (files);

  return any;
}

static void
on_fullscreened_changed_cb (CsWindow   *self,
                            GParamSpec *pspec,
                            gpointer    user_data)
{
  gboolean fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));

  /* The slide takes the whole screen; F11 or Escape bring the bars back. */
  gtk_widget_set_visible (GTK_WIDGET (self->header_bar), !fullscreen);
  gtk_widget_set_visible (GTK_WIDGET (self->tab_bar), !fullscreen);
  if (fullscreen)
    _cs_window_toast (self, _("Press F11 or Esc to leave full screen"));
}

static GMenuModel *
cs_window_magnification_menu_new (void)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) presets = g_menu_new ();
  g_autoptr(GMenu) zooms = g_menu_new ();

  for (guint i = 0; i < CS_MAGNIFICATION_N_PRESETS; i++)
    {
      g_autofree char *label = cs_magnification_format (cs_magnification_presets[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.magnification",
                                               g_variant_new_double (cs_magnification_presets[i]));
      g_menu_append_item (presets, item);
    }

  g_menu_append (zooms, _("Fit Whole Slide"), "win.zoom-fit");
  g_menu_append (zooms, _("Actual Pixels (1:1)"), "win.zoom-1to1");

  g_menu_append_section (menu, NULL, G_MENU_MODEL (presets));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (zooms));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static gboolean
cs_window_close_request (GtkWindow *window)
{
  cs_window_save_size (CS_WINDOW (window));
  _cs_window_annotations_flush (CS_WINDOW (window));
  _cs_window_reports_flush (CS_WINDOW (window));
  _cs_window_deidentify_cancel (CS_WINDOW (window));

  return GTK_WINDOW_CLASS (cs_window_parent_class)->close_request (window);
}

static void
cs_window_dispose (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);

  _cs_window_actions_dispose (self);
  _cs_window_snapshot_dispose (self);
  _cs_window_deidentify_dispose (self);
  _cs_window_live_dispose (self);
  _cs_window_package_dispose (self);
  _cs_window_annotations_dispose (self);
  g_clear_handle_id (&self->magnification_source, g_source_remove);

  if (self->page_signals != NULL)
    {
      g_signal_group_set_target (self->page_signals, NULL);
      g_signal_group_set_target (self->area_signals, NULL);
      g_signal_group_set_target (self->view_signals, NULL);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_WINDOW);

  g_clear_object (&self->page_signals);
  g_clear_object (&self->area_signals);
  g_clear_object (&self->view_signals);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cs_window_parent_class)->dispose (object);
}

static void
cs_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CsWindow *self = CS_WINDOW (object);
  CsSlidePage *page;

  switch (prop_id)
    {
    case PROP_SHOW_INFO:
      g_value_set_boolean (value, self->show_info);
      break;

    case PROP_SHOW_ANNOTATIONS:
      g_value_set_boolean (value, self->show_annotations);
      break;

    case PROP_PRIVACY_MODE:
      g_value_set_boolean (value, self->privacy_mode);
      break;

    case PROP_SPLIT:
      page = _cs_window_get_page (self);
      g_value_set_boolean (value, page != NULL &&
                           cs_review_area_get_split (cs_slide_page_get_review_area (page)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CsWindow *self = CS_WINDOW (object);
  CsSlidePage *page;

  switch (prop_id)
    {
    case PROP_SHOW_INFO:
      if (self->show_info != g_value_get_boolean (value))
        {
          self->show_info = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SHOW_ANNOTATIONS:
      if (self->show_annotations != g_value_get_boolean (value))
        {
          self->show_annotations = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_PRIVACY_MODE:
      if (self->privacy_mode != g_value_get_boolean (value))
        {
          self->privacy_mode = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SPLIT:
      /* Turning it on asks for the second slide; the split view appears
       * once it is open. The toggle shows the state as it is meanwhile. */
      page = _cs_window_get_page (self);
      if (page != NULL && g_value_get_boolean (value))
        _cs_window_actions_choose_split (self);
      else if (page != NULL)
        cs_slide_page_close_secondary (page);
      _cs_window_update_split (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_window_class_init (CsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cs_window_dispose;
  object_class->get_property = cs_window_get_property;
  object_class->set_property = cs_window_set_property;
  window_class->close_request = cs_window_close_request;

  properties[PROP_SHOW_INFO] =
    g_param_spec_boolean ("show-info", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_ANNOTATIONS] =
    g_param_spec_boolean ("show-annotations", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PRIVACY_MODE] =
    g_param_spec_boolean ("privacy-mode", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SPLIT] =
    g_param_spec_boolean ("split", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CS_TYPE_START_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, tab_bar);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, tab_view);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, split_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, info_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, annotations_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, magnification_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, export_spinner);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, export_cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_n_pages_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tab_view_close_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_start_page_open_file_cb);

  _cs_window_class_actions_init (klass);
  _cs_window_class_snapshot_init (klass);
  _cs_window_class_deidentify_init (klass);
  _cs_window_class_live_init (klass);
  _cs_window_class_annotations_init (klass);
  _cs_window_class_reports_init (klass);
  _cs_window_class_package_init (klass);
  _cs_window_class_archive_init (klass);
  _cs_window_class_library_init (klass);
  _cs_window_class_views_init (klass);
  _cs_window_class_views_edit_init (klass);
  _cs_window_class_tour_init (klass);
}

static void
cs_window_init_signal_groups (CsWindow *self)
{
  self->page_signals = g_signal_group_new (CS_TYPE_SLIDE_PAGE);
  g_signal_group_connect_object (self->page_signals, "notify::state",
                                 G_CALLBACK (on_page_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->page_signals, "notify::annotation-editor",
                                 G_CALLBACK (on_page_annotations_changed_cb), self,
                                 G_CONNECT_SWAPPED);

  self->area_signals = g_signal_group_new (CS_TYPE_REVIEW_AREA);
  g_signal_group_connect_object (self->area_signals, "notify::active-viewer",
                                 G_CALLBACK (on_active_viewer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->area_signals, "notify::split",
                                 G_CALLBACK (on_split_changed_cb), self, G_CONNECT_SWAPPED);

  self->view_signals = g_signal_group_new (CS_TYPE_SLIDE_VIEW);
  g_signal_group_connect_object (self->view_signals, "viewport-changed",
                                 G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
cs_window_init (CsWindow *self)
{
  g_autoptr(GMenuModel) magnification_menu = cs_window_magnification_menu_new ();
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  _cs_window_views_init (self);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  self->settings = cs_settings_get_default ();
  if (self->settings != NULL)
    {
      g_object_ref (self->settings);
      g_settings_bind (self->settings, "privacy-mode", self, "privacy-mode",
                       G_SETTINGS_BIND_DEFAULT);
    }

  cs_window_init_signal_groups (self);
  _cs_window_live_init (self);
  _cs_window_annotations_init (self);
  _cs_window_reports_init (self);
  gtk_menu_button_set_menu_model (self->magnification_button, magnification_menu);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (on_fullscreened_changed_cb), NULL);

  _cs_window_actions_init (self);
  on_n_pages_changed_cb (self, NULL, self->tab_view);
  on_selected_page_changed_cb (self, NULL, self->tab_view);
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

/* A tab shows it is busy while its slide opens; tabs in the background draw
 * nothing, so waiting for their first frame would spin forever. */
static gboolean
state_to_loading (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == CS_SLIDE_PAGE_OPENING);

  return TRUE;
}

/* A tab whose slide failed to open says so even when not selected. */
static gboolean
state_to_icon (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  if (g_value_get_enum (from) == CS_SLIDE_PAGE_FAILED)
    g_value_take_object (to, g_themed_icon_new ("dialog-error-symbolic"));
  else
    g_value_set_object (to, NULL);

  return TRUE;
}

/**
 * cs_window_open:
 * @file: the slide or image to show, or a consult package
 *
 * Opens @file in a new tab, selected, in the background: a spinner shows
 * until the first pixels are drawn, or an error page naming the file and
 * the cause. A consult package (".consilium") is not a slide: its import
 * dialog shows instead.
 *
 * Returns: (transfer none) (nullable): the new tab's page, NULL for a
 *   package
 */
CsSlidePage *
cs_window_open (CsWindow *self,
                GFile    *file)
{
  CsSlidePage *page;
  AdwTabPage *tab;

  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (cs_window_is_package (file))
    {
      cs_window_import_package (self, file);
      return NULL;
    }

  page = cs_slide_page_new (file);
  g_object_bind_property (self, "show-info", page, "show-info", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "show-annotations", page, "show-annotations",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "privacy-mode", page, "privacy-mode", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (page, "message", G_CALLBACK (on_page_message_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "alert", G_CALLBACK (on_page_alert_cb),
                           self, G_CONNECT_SWAPPED);

  tab = adw_tab_view_append (self->tab_view, GTK_WIDGET (page));
  g_object_bind_property (page, "title", tab, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (page, "tooltip", tab, "tooltip", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (page, "state", tab, "loading", G_BINDING_SYNC_CREATE,
                               state_to_loading, NULL, NULL, NULL);
  g_object_bind_property_full (page, "state", tab, "icon", G_BINDING_SYNC_CREATE,
                               state_to_icon, NULL, NULL, NULL);
  adw_tab_view_set_selected_page (self->tab_view, tab);

  return page;
}

guint
cs_window_get_n_pages (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), 0);

  return adw_tab_view_get_n_pages (self->tab_view);
}

/**
 * cs_window_get_nth_page:
 *
 * Returns: (transfer none): the page of the tab at @position
 */
CsSlidePage *
cs_window_get_nth_page (CsWindow *self,
                        guint     position)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (position < cs_window_get_n_pages (self), NULL);

  return CS_SLIDE_PAGE (adw_tab_page_get_child (adw_tab_view_get_nth_page (self->tab_view,
                                                                           position)));
}

/**
 * cs_window_get_selected_page:
 *
 * Returns: (transfer none) (nullable): the selected tab's page
 */
CsSlidePage *
cs_window_get_selected_page (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return _cs_window_get_page (self);
}

/**
 * cs_window_close_page:
 * @page: a page of this window
 *
 * Closes @page's tab, freeing its slide and tiles.
 */
void
cs_window_close_page (CsWindow    *self,
                      CsSlidePage *page)
{
  AdwTabPage *tab;

  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (CS_IS_SLIDE_PAGE (page));

  tab = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (page));
  adw_tab_view_close_page (self->tab_view, tab);
}
