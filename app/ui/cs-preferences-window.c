/* cs-preferences-window.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-preferences-window"

#include "config.h"

#include "cs-archive-preferences.h"
#include "cs-class-editor.h"
#include "cs-preferences-window.h"
#include "cs-settings.h"

/* The preferences: every control is bound to its key in GSettings, which
 * the windows and viewers follow in turn; nothing needs applying. The
 * annotation page edits the author and institution given to new
 * annotations and the application's class table (CsClassEditor); the
 * slide archive page the DICOMweb servers (CsArchivePreferences). */

struct _CsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template Widgets */
  GtkSwitch            *show_overview_switch;
  GtkSwitch            *show_scale_bar_switch;
  GtkSwitch            *privacy_mode_switch;
  GtkSwitch            *apply_color_profile_switch;
  GtkSpinButton        *tile_cache_spin;
  AdwComboRow          *style_row;
  AdwPreferencesPage   *annotations_page;
  AdwEntryRow          *author_row;
  AdwEntryRow          *institution_row;
  AdwPreferencesPage   *archives_page;

  /* Owned References */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (CsPreferencesWindow, cs_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* An empty author means the user's full name: the row shows that name, and
 * writes only what the user types. */
static void
on_author_changed_cb (CsPreferencesWindow *self,
                      GtkEditable         *editable)
{
  const char *key = GTK_WIDGET (editable) == GTK_WIDGET (self->author_row)
                    ? "annotation-author" : "annotation-institution";
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  g_settings_set_string (self->settings, key, text);
}

static void
cs_preferences_window_bind_author (CsPreferencesWindow *self)
{
  g_autofree char *author = cs_settings_dup_author ();
  g_autofree char *institution = g_settings_get_string (self->settings,
                                                        "annotation-institution");

  gtk_editable_set_text (GTK_EDITABLE (self->author_row), author);
  gtk_editable_set_text (GTK_EDITABLE (self->institution_row), institution);
  g_signal_connect_object (self->author_row, "changed", G_CALLBACK (on_author_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->institution_row, "changed", G_CALLBACK (on_author_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* The "style" key's choices, in the order of the style row's items. */
static const char *styles[] = { "system", "light", "dark" };

static gboolean
style_to_row (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  const char *style = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_str_equal (style, styles[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
row_to_style (const GValue       *value,
              const GVariantType *expected_type,
              gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (styles))
    return NULL;

  return g_variant_new_string (styles[selected]);
}

static void
cs_preferences_window_constructed (GObject *object)
{
  CsPreferencesWindow *self = CS_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (cs_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "show-overview",
                   self->show_overview_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-scale-bar",
                   self->show_scale_bar_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "apply-color-profile",
                   self->apply_color_profile_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "privacy-mode",
                   self->privacy_mode_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "tile-cache-mb",
                   gtk_spin_button_get_adjustment (self->tile_cache_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "style", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, style_to_row, row_to_style,
                                NULL, NULL);

  cs_preferences_window_bind_author (self);
  adw_preferences_page_add (self->annotations_page,
                            ADW_PREFERENCES_GROUP (cs_class_editor_new (cs_settings_get_class_table ())));
  adw_preferences_page_add (self->archives_page,
                            ADW_PREFERENCES_GROUP (cs_archive_preferences_new (self->settings)));
}

static void
cs_preferences_window_dispose (GObject *object)
{
  CsPreferencesWindow *self = CS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cs_preferences_window_parent_class)->dispose (object);
}

static void
cs_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CsPreferencesWindow *self = CS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_preferences_window_class_init (CsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cs_preferences_window_constructed;
  object_class->dispose = cs_preferences_window_dispose;
  object_class->set_property = cs_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, show_overview_switch);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, show_scale_bar_switch);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, privacy_mode_switch);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, apply_color_profile_switch);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, tile_cache_spin);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, annotations_page);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, author_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, institution_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, archives_page);
}

static void
cs_preferences_window_init (CsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cs_preferences_window_new:
 * @settings: the application's settings
 *
 * Returns: (transfer none): a new preferences window, bound to @settings
 */
GtkWidget *
cs_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CS_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
