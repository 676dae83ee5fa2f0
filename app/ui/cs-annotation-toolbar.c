/* cs-annotation-toolbar.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-toolbar"

#include "config.h"

#include "cs-annotation-toolbar.h"

#include "cs-slide-view.h"

#include <glib/gi18n.h>

/* A floating column of tool toggles over the slide, as a microscope
 * camera's on-screen tools: the editor owns the tool and the class; this
 * widget shows them and changes them, and follows the editor when keys
 * change them. The tools' icons are the application's own
 * (data/icons/hicolor/scalable/actions): Adwaita has none for shapes. */

#define ICONS_RESOURCE "/io/github/consilium/Consilium/icons"

struct _CsAnnotationToolbar
{
  GtkWidget           parent_instance;

  /* Template Widgets */
  GtkWidget          *box;
  GtkWidget          *tools_box;
  GtkDropDown        *class_drop_down;
  GtkWidget          *labels_button;
  GtkWidget          *options_box;
  GtkWidget          *brush_box;
  GtkScale           *brush_scale;
  GtkAdjustment      *brush_adjustment;
  GtkWidget          *temporary_check;

  /* Owned References */
  CsAnnotationEditor *editor;
  CsClassTable       *classes;

  /* State */
  GtkWidget          *buttons[CS_SLIDE_VIEW_N_TOOLS];
  guint               updating : 1;
};

G_DEFINE_FINAL_TYPE (CsAnnotationToolbar, cs_annotation_toolbar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  PROP_CLASS_TABLE,
  PROP_SHOW_LABELS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The chosen tool's button pressed in, its options shown; the brush's
 * size as the editor has it (keys change it too). */
static void
cs_annotation_toolbar_sync (CsAnnotationToolbar *self)
{
  CsTool tool = self->editor != NULL ? cs_annotation_editor_get_tool (self->editor)
                                     : CS_TOOL_SELECT;

  self->updating = TRUE;
  for (guint i = 0; i < CS_SLIDE_VIEW_N_TOOLS; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buttons[i]),
                                  cs_slide_view_tools[i].tool == tool);
  if (self->editor != NULL)
    gtk_adjustment_set_value (self->brush_adjustment,
                              cs_annotation_editor_get_brush_radius (self->editor));
  self->updating = FALSE;

  gtk_widget_set_visible (self->brush_box, tool == CS_TOOL_BRUSH);
  gtk_widget_set_visible (self->temporary_check, tool == CS_TOOL_RULER);
  gtk_widget_set_visible (self->options_box, tool == CS_TOOL_BRUSH || tool == CS_TOOL_RULER);
}

static void
on_editor_notify_tool_cb (CsAnnotationToolbar *self,
                          GParamSpec          *pspec,
                          CsAnnotationEditor  *editor)
{
  cs_annotation_toolbar_sync (self);
}

static void
on_editor_changed_cb (CsAnnotationToolbar *self,
                      CsAnnotationEditor  *editor)
{
  double radius = cs_annotation_editor_get_brush_radius (editor);

  if (gtk_adjustment_get_value (self->brush_adjustment) == radius)
    return;

  self->updating = TRUE;
  gtk_adjustment_set_value (self->brush_adjustment, radius);
  self->updating = FALSE;
}

static void
on_tool_toggled_cb (GtkToggleButton     *button,
                    CsAnnotationToolbar *self)
{
  const CsSlideViewTool *tool = g_object_get_data (G_OBJECT (button), "cs-tool");

  if (self->updating || !gtk_toggle_button_get_active (button) || self->editor == NULL)
    return;

  cs_annotation_editor_set_tool (self->editor, tool->tool);
}

static void
on_brush_value_changed_cb (CsAnnotationToolbar *self,
                           GtkAdjustment       *adjustment)
{
  if (self->updating || self->editor == NULL)
    return;

  cs_annotation_editor_set_brush_radius (self->editor, gtk_adjustment_get_value (adjustment));
}

static void
on_temporary_toggled_cb (CsAnnotationToolbar *self,
                         GtkCheckButton      *check)
{
  if (self->editor != NULL)
    cs_annotation_editor_set_temporary_rulers (self->editor, gtk_check_button_get_active (check));
}

static void
on_class_selected_cb (CsAnnotationToolbar *self,
                      GParamSpec          *pspec,
                      GtkDropDown         *drop_down)
{
  CsClassItem *item = gtk_drop_down_get_selected_item (drop_down);

  if (self->updating || self->editor == NULL || item == NULL)
    return;

  cs_annotation_editor_set_class_name (self->editor, cs_class_item_get_name (item));
}

/* Shows the editor's class in the drop-down, or gives the editor the
 * first class when it has none listed. */
static void
cs_annotation_toolbar_sync_class (CsAnnotationToolbar *self)
{
  const char *name;
  guint n;

  if (self->editor == NULL || self->classes == NULL)
    return;

  name = cs_annotation_editor_get_class_name (self->editor);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->classes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsClassItem) item = g_list_model_get_item (G_LIST_MODEL (self->classes), i);

      if (g_strcmp0 (cs_class_item_get_name (item), name) == 0)
        {
          self->updating = TRUE;
          gtk_drop_down_set_selected (self->class_drop_down, i);
          self->updating = FALSE;
          return;
        }
    }
  if (n > 0)
    {
      gtk_drop_down_set_selected (self->class_drop_down, GTK_INVALID_LIST_POSITION);
      gtk_drop_down_set_selected (self->class_drop_down, 0);
    }
}

static void
on_classes_changed_cb (CsAnnotationToolbar *self,
                       CsClassTable        *classes)
{
  cs_annotation_toolbar_sync_class (self);
}

static char *
swatch_markup (CsClassItem *item,
               gboolean     with_name)
{
  guint32 rgb = cs_class_item_get_color (item);

  if (!with_name)
    return g_strdup_printf ("<span foreground=\"#%06x\" size=\"x-large\">●</span>", rgb);

  return g_markup_printf_escaped ("<span foreground=\"#%06x\" size=\"x-large\">●</span> %s",
                                  rgb, cs_class_name_get_display (cs_class_item_get_name (item)));
}

static void
setup_class_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_use_markup (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_class_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  CsClassItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *markup = swatch_markup (item, GPOINTER_TO_INT (user_data));

  gtk_label_set_markup (GTK_LABEL (gtk_list_item_get_child (list_item)), markup);
}

/* The button shows the class's colour; the list, colour and name. */
static GtkListItemFactory *
class_factory_new (gboolean with_name)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_class_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_class_cb), GINT_TO_POINTER (with_name));

  return factory;
}

static char *
format_brush_cb (GtkScale *scale,
                 double    value,
                 gpointer  user_data)
{
  /* TRANSLATORS: the brush's radius in screen pixels, e.g. "20 px" */
  return g_strdup_printf (_("%.0f px"), value);
}

static void
on_labels_toggled_cb (CsAnnotationToolbar *self,
                      GtkToggleButton     *button)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LABELS]);
}

static void
cs_annotation_toolbar_add_buttons (CsAnnotationToolbar *self)
{
  GtkWidget *previous = NULL;
  GtkToggleButton *group = NULL;

  for (guint i = 0; i < CS_SLIDE_VIEW_N_TOOLS; i++)
    {
      const CsSlideViewTool *tool = &cs_slide_view_tools[i];
      g_autofree char *key = gtk_accelerator_get_label (tool->keyval, 0);
      /* TRANSLATORS: a tool's name and its key, in its tooltip: "Ellipse (E)" */
      g_autofree char *tooltip = g_strdup_printf (_("%s (%s)"), _(tool->name), key);
      GtkWidget *button = gtk_toggle_button_new ();

      gtk_button_set_icon_name (GTK_BUTTON (button), tool->icon_name);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(tool->name), -1);
      gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      g_object_set_data (G_OBJECT (button), "cs-tool", (gpointer) tool);
      g_signal_connect (button, "toggled", G_CALLBACK (on_tool_toggled_cb), self);
      gtk_box_insert_child_after (GTK_BOX (self->tools_box), button, previous);

      group = GTK_TOGGLE_BUTTON (button);
      previous = button;
      self->buttons[i] = button;
    }
}

/* The tools' icons, for windows of no GtkApplication too (tests). */
static void
cs_annotation_toolbar_add_icons (void)
{
  static gboolean added;
  GdkDisplay *display = gdk_display_get_default ();

  if (added || display == NULL)
    return;

  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display), ICONS_RESOURCE);
  added = TRUE;
}

static void
cs_annotation_toolbar_dispose (GObject *object)
{
  CsAnnotationToolbar *self = CS_ANNOTATION_TOOLBAR (object);

  cs_annotation_toolbar_set_editor (self, NULL);
  cs_annotation_toolbar_set_class_table (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_ANNOTATION_TOOLBAR);

  G_OBJECT_CLASS (cs_annotation_toolbar_parent_class)->dispose (object);
}

static void
cs_annotation_toolbar_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CsAnnotationToolbar *self = CS_ANNOTATION_TOOLBAR (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;

    case PROP_CLASS_TABLE:
      g_value_set_object (value, self->classes);
      break;

    case PROP_SHOW_LABELS:
      g_value_set_boolean (value,
                           gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->labels_button)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_annotation_toolbar_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CsAnnotationToolbar *self = CS_ANNOTATION_TOOLBAR (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      cs_annotation_toolbar_set_editor (self, g_value_get_object (value));
      break;

    case PROP_CLASS_TABLE:
      cs_annotation_toolbar_set_class_table (self, g_value_get_object (value));
      break;

    case PROP_SHOW_LABELS:
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->labels_button),
                                    g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_annotation_toolbar_class_init (CsAnnotationToolbarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_annotation_toolbar_dispose;
  object_class->get_property = cs_annotation_toolbar_get_property;
  object_class->set_property = cs_annotation_toolbar_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL,
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

  /* The labels toggle's state, for binding to the view's. */
  properties[PROP_SHOW_LABELS] =
    g_param_spec_boolean ("show-labels", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-annotation-toolbar.ui");
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationToolbar, box);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationToolbar, tools_box);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationToolbar, class_drop_down);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationToolbar, labels_button);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationToolbar, options_box);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationToolbar, brush_box);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationToolbar, brush_scale);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationToolbar, brush_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationToolbar, temporary_check);
  gtk_widget_class_bind_template_callback (widget_class, on_class_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_brush_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_temporary_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationtoolbar");
}

static void
cs_annotation_toolbar_init (CsAnnotationToolbar *self)
{
  g_autoptr(GtkListItemFactory) factory = class_factory_new (FALSE);
  g_autoptr(GtkListItemFactory) list_factory = class_factory_new (TRUE);

  cs_annotation_toolbar_add_icons ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_factory (self->class_drop_down, factory);
  gtk_drop_down_set_list_factory (self->class_drop_down, list_factory);
  gtk_scale_set_format_value_func (self->brush_scale, format_brush_cb, NULL, NULL);
  g_signal_connect_swapped (self->labels_button, "toggled", G_CALLBACK (on_labels_toggled_cb), self);
  cs_annotation_toolbar_add_buttons (self);
  cs_annotation_toolbar_sync (self);
}

GtkWidget *
cs_annotation_toolbar_new (void)
{
  return g_object_new (CS_TYPE_ANNOTATION_TOOLBAR, NULL);
}

CsAnnotationEditor *
cs_annotation_toolbar_get_editor (CsAnnotationToolbar *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_TOOLBAR (self), NULL);

  return self->editor;
}

/**
 * cs_annotation_toolbar_set_editor:
 * @editor: (nullable): the editor whose tool, class and options to show
 */
void
cs_annotation_toolbar_set_editor (CsAnnotationToolbar *self,
                                  CsAnnotationEditor  *editor)
{
  g_return_if_fail (CS_IS_ANNOTATION_TOOLBAR (self));
  g_return_if_fail (editor == NULL || CS_IS_ANNOTATION_EDITOR (editor));

  if (self->editor == editor)
    return;

  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_set_object (&self->editor, editor);
  if (editor != NULL)
    {
      g_signal_connect_object (editor, "notify::tool",
                               G_CALLBACK (on_editor_notify_tool_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (editor, "changed",
                               G_CALLBACK (on_editor_changed_cb), self, G_CONNECT_SWAPPED);
      cs_annotation_editor_set_temporary_rulers (editor,
                                                 gtk_check_button_get_active (GTK_CHECK_BUTTON (self->temporary_check)));
    }

  cs_annotation_toolbar_sync (self);
  cs_annotation_toolbar_sync_class (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
}

CsClassTable *
cs_annotation_toolbar_get_class_table (CsAnnotationToolbar *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_TOOLBAR (self), NULL);

  return self->classes;
}

/**
 * cs_annotation_toolbar_set_class_table:
 * @classes: (nullable): the classes offered for new annotations
 */
void
cs_annotation_toolbar_set_class_table (CsAnnotationToolbar *self,
                                       CsClassTable        *classes)
{
  g_return_if_fail (CS_IS_ANNOTATION_TOOLBAR (self));
  g_return_if_fail (classes == NULL || CS_IS_CLASS_TABLE (classes));

  if (self->classes == classes)
    return;

  if (self->classes != NULL)
    g_signal_handlers_disconnect_by_data (self->classes, self);
  g_set_object (&self->classes, classes);
  self->updating = TRUE;
  gtk_drop_down_set_model (self->class_drop_down, G_LIST_MODEL (classes));
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->class_drop_down), classes != NULL);
  if (classes != NULL)
    g_signal_connect_object (classes, "changed",
                             G_CALLBACK (on_classes_changed_cb), self, G_CONNECT_SWAPPED);

  cs_annotation_toolbar_sync_class (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASS_TABLE]);
}
