/* cs-class-editor.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-class-editor"

#include "config.h"

#include "cs-class-editor.h"
#include "cs-widget-utils.h"
#include "cs-window.h"

#include <glib/gi18n.h>

/* Rows are made by gtk_list_box_bind_model (), so adding and removing a
 * class adds and removes its row; renaming, recolouring and hiding change
 * the CsClassItem in place. A name is applied with Enter or the row's apply
 * button, and refused (the old name comes back) when empty or taken. */

struct _CsClassEditor
{
  AdwPreferencesGroup  parent_instance;

  /* Template Widgets */
  GtkListBox          *list_box;

  /* Owned References */
  CsClassTable        *classes;
};

G_DEFINE_FINAL_TYPE (CsClassEditor, cs_class_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_CLASSES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Colours for new classes, distinct from the defaults. */
static const guint32 new_class_colors[] = {
  0x0064C8, 0x00A0A0, 0xE07000, 0x80C000, 0xC00080, 0x6040C0,
};

static void
rgb_to_rgba (guint32  rgb,
             GdkRGBA *rgba)
{
  rgba->red = ((rgb >> 16) & 0xff) / 255.0;
  rgba->green = ((rgb >> 8) & 0xff) / 255.0;
  rgba->blue = (rgb & 0xff) / 255.0;
  rgba->alpha = 1.0;
}

static guint32
rgba_to_rgb (const GdkRGBA *rgba)
{
  return ((guint32) (CLAMP (rgba->red, 0, 1) * 255 + 0.5) << 16) |
         ((guint32) (CLAMP (rgba->green, 0, 1) * 255 + 0.5) << 8) |
         (guint32) (CLAMP (rgba->blue, 0, 1) * 255 + 0.5);
}

static void
on_name_apply_cb (AdwEntryRow *row,
                  CsClassItem *klass)
{
  CsClassEditor *self = CS_CLASS_EDITOR (gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                                  CS_TYPE_CLASS_EDITOR));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  CsClassItem *other = self ? cs_class_table_lookup (self->classes, name) : NULL;

  /* A built-in class is shown in the user's language; applied unchanged,
   * it keeps the stored (English) name that files use. */
  if (g_strcmp0 (name, cs_class_name_get_display (cs_class_item_get_name (klass))) == 0)
    return;
  if (*name == '\0' || (other != NULL && other != klass))
    {
      gtk_widget_error_bell (GTK_WIDGET (row));
      gtk_editable_set_text (GTK_EDITABLE (row),
                             cs_class_name_get_display (cs_class_item_get_name (klass)));
      return;
    }

  cs_class_item_set_name (klass, name);
}

static void
on_color_set_cb (GtkColorButton *button,
                 CsClassItem    *klass)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  cs_class_item_set_color (klass, rgba_to_rgb (&rgba));
}

/* The class's annotations in the open slides become unclassified, one
 * undoable step per slide, then the class goes. */
static void
remove_class (CsClassTable *classes,
              CsClassItem  *klass)
{
  g_autoptr(GPtrArray) lists = cs_window_collect_annotation_lists ();
  g_autofree char *name = g_strdup (cs_class_item_get_name (klass));

  for (guint i = 0; i < lists->len; i++)
    cs_annotation_list_relabel_class (lists->pdata[i], name, NULL, _("Remove Class"));
  cs_class_table_remove (classes, klass);
}

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       CsClassItem      *klass)
{
  CsClassTable *classes = g_object_get_data (G_OBJECT (dialog), "cs-classes");

  if (g_str_equal (response, "remove") && classes != NULL)
    remove_class (classes, klass);
}

static guint
count_in_open_slides (const char *name)
{
  g_autoptr(GPtrArray) lists = cs_window_collect_annotation_lists ();
  guint count = 0;

  for (guint i = 0; i < lists->len; i++)
    count += cs_annotation_list_count_class (lists->pdata[i], name);
  return count;
}

/* A class in use is removed only once the user agreed. */
static void
on_remove_clicked_cb (GtkButton   *button,
                      CsClassItem *klass)
{
  CsClassEditor *self = CS_CLASS_EDITOR (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                  CS_TYPE_CLASS_EDITOR));
  guint count = count_in_open_slides (cs_class_item_get_name (klass));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self == NULL)
    return;
  if (count == 0)
    {
      remove_class (self->classes, klass);
      return;
    }

  heading = g_strdup_printf (_("Remove class “%s”?"),
                             cs_class_name_get_display (cs_class_item_get_name (klass)));
  body = g_strdup_printf (ngettext ("%u annotation in the open slides has this class. It will become unclassified.",
                                    "%u annotations in the open slides have this class. They will become unclassified.",
                                    count),
                          count);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cs-classes", g_object_ref (self->classes), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), klass, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
cs_class_editor_create_row (gpointer item,
                            gpointer user_data)
{
  CsClassItem *klass = CS_CLASS_ITEM (item);
  g_autofree char *remove_tooltip = NULL;
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *color;
  GtkWidget *visible;
  GtkWidget *remove;
  GdkRGBA rgba;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (row),
                         cs_class_name_get_display (cs_class_item_get_name (klass)));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect_object (row, "apply", G_CALLBACK (on_name_apply_cb), klass, 0);

  rgb_to_rgba (cs_class_item_get_color (klass), &rgba);
  color = gtk_color_button_new_with_rgba (&rgba);
  gtk_widget_set_valign (color, GTK_ALIGN_CENTER);
  cs_widget_set_tooltip_label (color, _("Colour"));
  g_signal_connect_object (color, "color-set", G_CALLBACK (on_color_set_cb), klass, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), color);

  visible = gtk_switch_new ();
  gtk_widget_set_valign (visible, GTK_ALIGN_CENTER);
  cs_widget_set_tooltip_label (visible, _("Show annotations of this class"));
  g_object_bind_property (klass, "visible", visible, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), visible);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  remove_tooltip = g_strdup_printf (_("Remove “%s”"),
                                    cs_class_name_get_display (cs_class_item_get_name (klass)));
  cs_widget_set_tooltip_label (remove, remove_tooltip);
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), klass, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

  return row;
}

static void
cs_class_editor_constructed (GObject *object)
{
  CsClassEditor *self = CS_CLASS_EDITOR (object);

  G_OBJECT_CLASS (cs_class_editor_parent_class)->constructed (object);

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->classes),
                           cs_class_editor_create_row, NULL, NULL);
}

static void
cs_class_editor_dispose (GObject *object)
{
  CsClassEditor *self = CS_CLASS_EDITOR (object);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_CLASS_EDITOR);
  g_clear_object (&self->classes);

  G_OBJECT_CLASS (cs_class_editor_parent_class)->dispose (object);
}

static void
cs_class_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CsClassEditor *self = CS_CLASS_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLASSES:
      g_value_set_object (value, self->classes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_class_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CsClassEditor *self = CS_CLASS_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLASSES:
      self->classes = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_class_editor_class_init (CsClassEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cs_class_editor_constructed;
  object_class->dispose = cs_class_editor_dispose;
  object_class->get_property = cs_class_editor_get_property;
  object_class->set_property = cs_class_editor_set_property;

  properties[PROP_CLASSES] =
    g_param_spec_object ("classes", NULL, NULL, CS_TYPE_CLASS_TABLE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-class-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CsClassEditor, list_box);
  gtk_widget_class_bind_template_callback (widget_class, cs_class_editor_add_class);
}

static void
cs_class_editor_init (CsClassEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cs_class_editor_new:
 * @classes: the table to edit
 */
GtkWidget *
cs_class_editor_new (CsClassTable *classes)
{
  g_return_val_if_fail (CS_IS_CLASS_TABLE (classes), NULL);

  return g_object_new (CS_TYPE_CLASS_EDITOR, "classes", classes, NULL);
}

CsClassTable *
cs_class_editor_get_classes (CsClassEditor *self)
{
  g_return_val_if_fail (CS_IS_CLASS_EDITOR (self), NULL);

  return self->classes;
}

/**
 * cs_class_editor_add_class:
 *
 * Adds a class with a name not yet taken ("New class", "New class 2"…)
 * and a colour of its own, for the user to rename.
 */
void
cs_class_editor_add_class (CsClassEditor *self)
{
  guint n;
  g_autofree char *name = NULL;

  g_return_if_fail (CS_IS_CLASS_EDITOR (self));

  name = g_strdup (_("New class"));
  for (guint i = 2; cs_class_table_lookup (self->classes, name) != NULL; i++)
    {
      g_free (name);
      /* Translators: the name of a new annotation class when "New class" is taken */
      name = g_strdup_printf (_("New class %u"), i);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->classes));
  cs_class_table_ensure (self->classes, name,
                         new_class_colors[n % G_N_ELEMENTS (new_class_colors)]);
}
