/* cs-library-tag-editor.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-library-tag-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-library-tag-editor.h"

struct _CsLibraryTagEditor
{
  AdwWindow      parent_instance;

  AdwEntryRow   *stain_row;
  AdwEntryRow   *organ_row;
  AdwEntryRow   *tags_row;
  GtkLabel      *error_label;

  CsLibrary     *library;
  CsLibraryItem *item;
};

G_DEFINE_FINAL_TYPE (CsLibraryTagEditor, cs_library_tag_editor, ADW_TYPE_WINDOW)

static AdwEntryRow *
add_row (GtkWidget  *group,
         const char *title,
         const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return ADW_ENTRY_ROW (row);
}

/* "exam, week 3 ,," → ["exam", "week 3"] */
static GStrv
split_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

gboolean
cs_library_tag_editor_save (CsLibraryTagEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *stain = NULL;
  g_autofree char *organ = NULL;

  g_return_val_if_fail (CS_IS_LIBRARY_TAG_EDITOR (self), FALSE);

  stain = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->stain_row))));
  organ = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->organ_row))));
  tags = split_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  if (!cs_library_set_item_tags (self->library, self->item, stain, organ,
                                 (const char * const *) tags, &error))
    {
      gtk_label_set_text (self->error_label, error != NULL ? error->message
                          : _("The tags of a slide that cannot be read cannot be saved"));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }
  gtk_window_close (GTK_WINDOW (self));

  return TRUE;
}

static void
on_save_clicked_cb (CsLibraryTagEditor *self)
{
  cs_library_tag_editor_save (self);
}

static GtkWidget *
make_header (CsLibraryTagEditor *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (gtk_window_close), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (save, "clicked", G_CALLBACK (on_save_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);

  return header;
}

static void
cs_library_tag_editor_build (CsLibraryTagEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  const char * const *tags = cs_library_item_get_tags (self->item);
  g_autofree char *joined = tags != NULL ? g_strjoinv (", ", (char **) tags) : NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   cs_library_item_get_display_name (self->item));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Tags are kept on this computer, for the slide wherever it is stored"));
  self->stain_row = add_row (group, _("Stain"), cs_library_item_get_stain (self->item));
  self->organ_row = add_row (group, _("Organ"), cs_library_item_get_organ (self->item));
  self->tags_row = add_row (group, _("Tags, separated by commas"), joined);
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_box_append (GTK_BOX (box), make_header (self));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_box_append (GTK_BOX (box), page);
  gtk_widget_set_vexpand (page, TRUE);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
cs_library_tag_editor_dispose (GObject *object)
{
  CsLibraryTagEditor *self = CS_LIBRARY_TAG_EDITOR (object);

  g_clear_object (&self->library);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (cs_library_tag_editor_parent_class)->dispose (object);
}

static void
cs_library_tag_editor_class_init (CsLibraryTagEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_library_tag_editor_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cs_library_tag_editor_init (CsLibraryTagEditor *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Slide Tags"));
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 360);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

CsLibraryTagEditor *
cs_library_tag_editor_new (GtkWindow     *parent,
                           CsLibrary     *library,
                           CsLibraryItem *item)
{
  CsLibraryTagEditor *self;

  g_return_val_if_fail (CS_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (CS_IS_LIBRARY_ITEM (item), NULL);

  self = g_object_new (CS_TYPE_LIBRARY_TAG_EDITOR, "transient-for", parent, NULL);
  self->library = g_object_ref (library);
  self->item = g_object_ref (item);
  cs_library_tag_editor_build (self);

  return self;
}

void
cs_library_tag_editor_set (CsLibraryTagEditor *self,
                           const char         *stain,
                           const char         *organ,
                           const char         *tags)
{
  g_return_if_fail (CS_IS_LIBRARY_TAG_EDITOR (self));

  if (stain != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->stain_row), stain);
  if (organ != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->organ_row), organ);
  if (tags != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags);
}
