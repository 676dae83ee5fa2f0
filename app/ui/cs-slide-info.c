/* cs-slide-info.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-info"

#include "config.h"

#include "cs-slide-info-private.h"
#include "cs-slide-property.h"
#include "cs-widget-utils.h"

#include <glib/gi18n.h>

/* The information panel of a slide. The facts at the top come from CsSlide's
 * getters; the identity (SHA-256 of the slide's files) is computed in a
 * worker the first time the panel is shown, as it reads the whole slide.
 * Every OpenSlide property is a CsSlideProperty in a GListStore, filtered by
 * the search entry through a GtkFilterListModel and shown in a list box.
 * The associated images are in cs-slide-info-images.c. */

G_DEFINE_FINAL_TYPE (CsSlideInfo, cs_slide_info, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SLIDE,
  PROP_PRIVACY_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL && *text != '\0' ? text : _("Unknown"));
}

static char *
format_dimensions (CsSlide *slide)
{
  g_autofree char *width_text = NULL;
  g_autofree char *height_text = NULL;
  gint64 width, height;
  double mpp_x, mpp_y;

  cs_slide_get_level_size (slide, 0, &width, &height);
  width_text = g_strdup_printf ("%" G_GINT64_FORMAT, width);
  height_text = g_strdup_printf ("%" G_GINT64_FORMAT, height);
  if (!cs_slide_get_mpp (slide, &mpp_x, &mpp_y))
    /* Translators: a slide's size in pixels, e.g. "2220 × 2967 pixels" */
    return g_strdup_printf (_("%s × %s pixels"), width_text, height_text);

  /* Translators: a slide's size in pixels, then in millimetres */
  return g_strdup_printf (_("%s × %s pixels (%.2f × %.2f mm)"), width_text, height_text,
                          width * mpp_x / 1000.0, height * mpp_y / 1000.0);
}

/* The embedded profile's name, or why it is not applied (in the warning
 * colour): a damaged profile shows the slide untransformed. */
static void
cs_slide_info_update_color_profile (CsSlideInfo *self)
{
  const char *warning = cs_slide_get_color_profile_warning (self->slide);
  const char *description = cs_slide_get_color_profile_description (self->slide);

  if (warning != NULL)
    gtk_label_set_text (self->color_profile_label, warning);
  else if (!cs_slide_has_color_profile (self->slide))
    gtk_label_set_text (self->color_profile_label, _("None"));
  else if (description != NULL)
    gtk_label_set_text (self->color_profile_label, description);
  else
    gtk_label_set_text (self->color_profile_label, _("Embedded, without a name"));

  if (warning != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->color_profile_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->color_profile_label), "warning");
}

static void
cs_slide_info_update_facts (CsSlideInfo *self)
{
  g_autofree char *dimensions = NULL;
  g_autofree char *mpp = NULL;
  g_autofree char *objective = NULL;
  double mpp_x, mpp_y, power;

  if (self->slide == NULL)
    return;

  set_label (self->file_label, cs_slide_get_path (self->slide));
  set_label (self->vendor_label, cs_slide_get_vendor (self->slide));

  dimensions = format_dimensions (self->slide);
  set_label (self->dimensions_label, dimensions);

  if (cs_slide_get_mpp (self->slide, &mpp_x, &mpp_y))
    /* Translators: microns per pixel across and down */
    mpp = g_strdup_printf (_("%.4g × %.4g µm"), mpp_x, mpp_y);
  set_label (self->mpp_label, mpp);

  power = cs_slide_get_objective_power (self->slide);
  if (power > 0)
    /* Translators: an objective's magnification, e.g. "20×" */
    objective = g_strdup_printf (_("%g×"), power);
  set_label (self->objective_label, objective);

  if (cs_slide_get_quickhash (self->slide) != NULL)
    set_label (self->quickhash_label, cs_slide_get_quickhash (self->slide));
  else
    gtk_label_set_text (self->quickhash_label, _("None"));

  cs_slide_info_update_color_profile (self);
}

static GtkWidget *
grid_label (const char *text,
            float       xalign,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  if (heading)
    {
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
    }

  return label;
}

static void
cs_slide_info_update_levels (CsSlideInfo *self)
{
  GtkGrid *grid = self->levels_grid;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);

  if (self->slide == NULL)
    return;

  gtk_grid_attach (grid, grid_label (_("Level"), 0, TRUE), 0, 0, 1, 1);
  gtk_grid_attach (grid, grid_label (_("Size in Pixels"), 1, TRUE), 1, 0, 1, 1);
  gtk_grid_attach (grid, grid_label (_("Downsample"), 1, TRUE), 2, 0, 1, 1);

  for (guint level = 0; level < cs_slide_get_n_levels (self->slide); level++)
    {
      g_autofree char *number = g_strdup_printf ("%u", level);
      g_autofree char *size = NULL;
      g_autofree char *downsample = NULL;
      gint64 width, height;

      cs_slide_get_level_size (self->slide, level, &width, &height);
      size = g_strdup_printf ("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT, width, height);
      downsample = g_strdup_printf ("%.6g", cs_slide_get_level_downsample (self->slide, level));

      gtk_grid_attach (grid, grid_label (number, 0, FALSE), 0, level + 1, 1, 1);
      gtk_grid_attach (grid, grid_label (size, 1, FALSE), 1, level + 1, 1, 1);
      gtk_grid_attach (grid, grid_label (downsample, 1, FALSE), 2, level + 1, 1, 1);
    }
}

static void
cs_slide_info_update_properties (CsSlideInfo *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char * const *names;

  if (self->slide != NULL)
    {
      names = cs_slide_get_property_names (self->slide);
      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        g_ptr_array_add (items, cs_slide_property_new (names[i],
                                                       cs_slide_get_property (self->slide,
                                                                              names[i])));
    }

  g_list_store_splice (self->properties, 0, g_list_model_get_n_items (G_LIST_MODEL (self->properties)),
                       items->pdata, items->len);
}

static void
on_copy_property_clicked_cb (GtkButton       *button,
                             CsSlideProperty *property)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          cs_slide_property_get_value (property));
}

static GtkWidget *
create_property_row_cb (gpointer item,
                        gpointer user_data)
{
  CsSlideProperty *property = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (cs_slide_property_get_name (property));
  GtkWidget *value = gtk_label_new (cs_slide_property_get_value (property));
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("Copy the value of %s"),
                                              cs_slide_property_get_name (property));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set (box, "margin-start", 12, "margin-end", 6, "margin-top", 6, "margin-bottom", 6,
                NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (name), TRUE);
  gtk_widget_add_css_class (name, "caption");
  gtk_widget_add_css_class (name, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);

  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  cs_widget_set_tooltip_label (copy, tooltip);
  gtk_widget_add_css_class (copy, "flat");
  g_signal_connect_object (copy, "clicked", G_CALLBACK (on_copy_property_clicked_cb),
                           property, 0);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), value);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), copy);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static gboolean
filter_property_cb (gpointer item,
                    gpointer user_data)
{
  CsSlideInfo *self = user_data;

  return cs_slide_property_matches (item, self->search_folded);
}

static void
on_search_changed_cb (CsSlideInfo    *self,
                      GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->search_folded, g_free);
  if (*text != '\0')
    self->search_folded = g_utf8_casefold (text, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_copy_all_clicked_cb (CsSlideInfo *self,
                        GtkButton   *button)
{
  g_autofree char *text = cs_slide_info_dup_properties_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
compute_identity_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CsSlideInfo) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *sha256;

  sha256 = cs_slide_compute_identity_finish (CS_SLIDE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      CS_SLIDE (object) != self->slide)
    return;

  gtk_spinner_stop (self->identity_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->identity_spinner), FALSE);

  if (sha256 != NULL)
    gtk_label_set_text (self->identity_label, sha256);
  else
    gtk_label_set_text (self->identity_label, error->message);
}

/* Hashing reads every byte of the slide: only when someone looks. */
static void
cs_slide_info_update_identity (CsSlideInfo *self)
{
  if (self->slide == NULL || self->identity_cancellable != NULL ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  if (cs_slide_get_sha256 (self->slide) != NULL)
    {
      gtk_label_set_text (self->identity_label, cs_slide_get_sha256 (self->slide));
      return;
    }

  self->identity_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->identity_label, _("Computing…"));
  gtk_widget_set_visible (GTK_WIDGET (self->identity_spinner), TRUE);
  gtk_spinner_start (self->identity_spinner);
  cs_slide_compute_identity_async (self->slide, self->identity_cancellable,
                                   compute_identity_cb, g_object_ref (self));
}

static void
cs_slide_info_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cs_slide_info_parent_class)->map (widget);

  cs_slide_info_update_identity (CS_SLIDE_INFO (widget));
}

static void
cs_slide_info_cancel (CsSlideInfo *self)
{
  if (self->identity_cancellable != NULL)
    g_cancellable_cancel (self->identity_cancellable);
  g_clear_object (&self->identity_cancellable);

  gtk_spinner_stop (self->identity_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->identity_spinner), FALSE);
  gtk_label_set_text (self->identity_label, "");
}

static void
cs_slide_info_dispose (GObject *object)
{
  CsSlideInfo *self = CS_SLIDE_INFO (object);

  cs_slide_info_cancel (self);
  _cs_slide_info_images_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_SLIDE_INFO);

  g_clear_object (&self->slide);
  g_clear_object (&self->properties);
  g_clear_object (&self->filter);
  g_clear_object (&self->filtered);
  g_clear_pointer (&self->search_folded, g_free);

  G_OBJECT_CLASS (cs_slide_info_parent_class)->dispose (object);
}

static void
cs_slide_info_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CsSlideInfo *self = CS_SLIDE_INFO (object);

  switch (prop_id)
    {
    case PROP_SLIDE:
      g_value_set_object (value, self->slide);
      break;

    case PROP_PRIVACY_MODE:
      g_value_set_boolean (value, self->privacy_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_slide_info_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CsSlideInfo *self = CS_SLIDE_INFO (object);

  switch (prop_id)
    {
    case PROP_SLIDE:
      cs_slide_info_set_slide (self, g_value_get_object (value));
      break;

    case PROP_PRIVACY_MODE:
      cs_slide_info_set_privacy_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_slide_info_class_init (CsSlideInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_slide_info_dispose;
  object_class->get_property = cs_slide_info_get_property;
  object_class->set_property = cs_slide_info_set_property;
  widget_class->map = cs_slide_info_map;

  properties[PROP_SLIDE] =
    g_param_spec_object ("slide", NULL, NULL, CS_TYPE_SLIDE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PRIVACY_MODE] =
    g_param_spec_boolean ("privacy-mode", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "slideinfo");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-slide-info.ui");
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, scroller);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, file_label);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, vendor_label);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, dimensions_label);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, mpp_label);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, objective_label);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, quickhash_label);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, color_profile_label);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, identity_label);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, identity_spinner);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, levels_grid);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, associated_box);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, associated_none_label);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, privacy_switch);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, copy_all_button);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CsSlideInfo, properties_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_all_clicked_cb);
}

static void
cs_slide_info_init (CsSlideInfo *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->properties = g_list_store_new (CS_TYPE_SLIDE_PROPERTY);
  self->filter = gtk_custom_filter_new (filter_property_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->properties)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  gtk_list_box_bind_model (self->properties_list, G_LIST_MODEL (self->filtered),
                           create_property_row_cb, self, NULL);

  placeholder = gtk_label_new (_("No matching properties"));
  g_object_set (placeholder, "margin-top", 12, "margin-bottom", 12, NULL);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->properties_list, placeholder);

  _cs_slide_info_images_init (self);
}

GtkWidget *
cs_slide_info_new (void)
{
  return g_object_new (CS_TYPE_SLIDE_INFO, NULL);
}

/**
 * cs_slide_info_get_slide:
 *
 * Returns: (transfer none) (nullable): the slide described
 */
CsSlide *
cs_slide_info_get_slide (CsSlideInfo *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_INFO (self), NULL);

  return self->slide;
}

void
cs_slide_info_set_slide (CsSlideInfo *self,
                         CsSlide     *slide)
{
  g_return_if_fail (CS_IS_SLIDE_INFO (self));
  g_return_if_fail (slide == NULL || CS_IS_SLIDE (slide));

  if (self->slide == slide)
    return;

  cs_slide_info_cancel (self);
  g_set_object (&self->slide, slide);

  cs_slide_info_update_facts (self);
  cs_slide_info_update_levels (self);
  cs_slide_info_update_properties (self);
  _cs_slide_info_images_load (self);
  cs_slide_info_update_identity (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
}

gboolean
cs_slide_info_get_privacy_mode (CsSlideInfo *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_INFO (self), FALSE);

  return self->privacy_mode;
}

/**
 * cs_slide_info_set_privacy_mode:
 *
 * Hides (or shows again) the label and macro images, closing any of them
 * opened at full size.
 */
void
cs_slide_info_set_privacy_mode (CsSlideInfo *self,
                                gboolean     privacy_mode)
{
  g_return_if_fail (CS_IS_SLIDE_INFO (self));

  privacy_mode = !!privacy_mode;
  if (self->privacy_mode == privacy_mode)
    return;

  self->privacy_mode = privacy_mode;
  _cs_slide_info_images_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIVACY_MODE]);
}

/**
 * cs_slide_info_get_properties:
 *
 * Returns: (transfer none): the properties listed, as filtered by the
 *   search text: a model of #CsSlideProperty
 */
GListModel *
cs_slide_info_get_properties (CsSlideInfo *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_INFO (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

/**
 * cs_slide_info_dup_properties_text:
 *
 * Returns: (transfer full): the properties listed, one "name = value" a
 *   line, as "Copy All" copies them
 */
char *
cs_slide_info_dup_properties_text (CsSlideInfo *self)
{
  GListModel *model;
  GString *text;

  g_return_val_if_fail (CS_IS_SLIDE_INFO (self), NULL);

  model = G_LIST_MODEL (self->filtered);
  text = g_string_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CsSlideProperty) property = g_list_model_get_item (model, i);
      g_autofree char *line = cs_slide_property_to_string (property);

      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}
