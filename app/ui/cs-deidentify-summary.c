/* cs-deidentify-summary.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-deidentify-summary"

#include "config.h"

#include "cs-deidentify-summary-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* Each group is a boxed list of rows: the row says what the original
 * carries (its title and subtitle, the "before"), its suffix what the copy
 * carries (the "after"). Rows are named for tests and accessibility:
 * "image-<name>", "field-<key>", "tag-<name>", "verify-<check>"; the
 * suffix label is "state". The original's associated images are read in a
 * worker (cs-deidentify-summary-images.c). */

G_DEFINE_FINAL_TYPE (CsDeidentifySummary, cs_deidentify_summary, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PRIVACY_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_cs_deidentify_summary_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

AdwActionRow *
_cs_deidentify_summary_row_new (const char *name,
         const char *title,
         const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* Values come from the file: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_name (GTK_WIDGET (row), name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

/* The "after" column: what the copy carries. */
void
_cs_deidentify_summary_row_add_state (AdwActionRow *row,
               gboolean      removed)
{
  GtkWidget *label = gtk_label_new (removed ? _("Removed") : _("Kept"));

  gtk_widget_set_name (label, "state");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, removed ? "success" : "dim-label");
  gtk_widget_add_css_class (label, "heading");
  adw_action_row_add_suffix (row, label);
}

static void
row_add_icon (AdwActionRow *row,
              const char   *icon_name,
              const char   *css_class)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  if (css_class != NULL)
    gtk_widget_add_css_class (icon, css_class);
  adw_action_row_add_prefix (row, icon);
}

/* "Key = value" entries (fields, tags): the key as title, the value as
 * subtitle, "Removed" after. */
static guint
add_entry_rows (GtkListBox *list,
                GPtrArray  *entries,
                const char *kind)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const char *entry = g_ptr_array_index (entries, i);
      const char *eq = strstr (entry, " = ");
      g_autofree char *key = eq ? g_strndup (entry, eq - entry) : g_strdup (entry);
      g_autofree char *name = g_strdup_printf ("%s-%s", kind, key);
      /* Translators: shown for a removed field whose value was empty */
      const char *value = eq ? (eq[3] != '\0' ? eq + 3 : _("(empty)")) : NULL;
      AdwActionRow *row = _cs_deidentify_summary_row_new (name, key, value);

      _cs_deidentify_summary_row_add_state (row, TRUE);
      gtk_list_box_append (list, GTK_WIDGET (row));
    }

  return entries->len;
}

void
_cs_deidentify_summary_add_none_row (GtkListBox *list,
              const char *name,
              const char *title)
{
  AdwActionRow *row = _cs_deidentify_summary_row_new (name, title, NULL);

  gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
  gtk_list_box_append (list, GTK_WIDGET (row));
}

static void
add_verify_row (CsDeidentifySummary *self,
                const char          *name,
                const char          *title,
                const char          *subtitle,
                gboolean             note)
{
  AdwActionRow *row = _cs_deidentify_summary_row_new (name, title, subtitle);

  row_add_icon (row, note ? "dialog-information-symbolic" : "emblem-ok-symbolic",
                note ? "warning" : "success");
  gtk_list_box_append (self->verify_list, GTK_WIDGET (row));
}

static void
update_verification (CsDeidentifySummary      *self,
                     const CsDeidentifyReport *report)
{
  g_autofree char *levels = NULL;
  g_autofree char *regions = NULL;
  g_autofree char *unreliable = NULL;

  _cs_deidentify_summary_clear_list (self->verify_list);

  levels = g_strdup_printf (ngettext ("%u pyramid level copied", "%u pyramid levels copied",
                                      report->n_levels), report->n_levels);
  add_verify_row (self, "verify-levels", levels,
                  _("Image data copied byte for byte, without recompression; the copy opens "
                    "with the same format, level sizes, resolution and magnification"),
                  FALSE);

  regions = g_strdup_printf (ngettext ("%u region with identical pixels",
                                       "%u regions with identical pixels",
                                       report->n_regions_compared),
                             report->n_regions_compared);
  add_verify_row (self, "verify-regions", regions,
                  _("The corners and the centre of each level, read from both files"), FALSE);

  add_verify_row (self, "verify-images", _("No label or macro image in the copy"),
                  _("Reopened, the copy has neither"), FALSE);

  add_verify_row (self, "verify-bytes", _("None of the removed values found in the copy"),
                  _("Every byte of the copy was searched for each removed value of four "
                    "characters or more"),
                  FALSE);

  if (report->n_levels_unreliable > 0)
    {
      unreliable = g_strdup_printf (ngettext ("%u level copied but not compared",
                                              "%u levels copied but not compared",
                                              report->n_levels_unreliable),
                                    report->n_levels_unreliable);
      add_verify_row (self, "verify-unreliable", unreliable,
                      ngettext ("This small level is stored in tiles larger than the level "
                                "itself, which OpenSlide reads slightly differently every time "
                                "the file is opened, so its pixels cannot be compared. Its "
                                "tiles were still copied unchanged, byte for byte.",
                                "These small levels are stored in tiles larger than the levels "
                                "themselves, which OpenSlide reads slightly differently every "
                                "time the file is opened, so their pixels cannot be compared. "
                                "Their tiles were still copied unchanged, byte for byte.",
                                report->n_levels_unreliable),
                      TRUE);
    }
}

static void
cs_deidentify_summary_dispose (GObject *object)
{
  CsDeidentifySummary *self = CS_DEIDENTIFY_SUMMARY (object);

  _cs_deidentify_summary_images_cancel (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_DEIDENTIFY_SUMMARY);
  g_clear_object (&self->original);
  g_clear_pointer (&self->removed_images, g_strfreev);
  g_clear_pointer (&self->previews, g_hash_table_unref);

  G_OBJECT_CLASS (cs_deidentify_summary_parent_class)->dispose (object);
}

static void
cs_deidentify_summary_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CsDeidentifySummary *self = CS_DEIDENTIFY_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_PRIVACY_MODE:
      g_value_set_boolean (value, self->privacy_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_deidentify_summary_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CsDeidentifySummary *self = CS_DEIDENTIFY_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_PRIVACY_MODE:
      cs_deidentify_summary_set_privacy_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_deidentify_summary_class_init (CsDeidentifySummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_deidentify_summary_dispose;
  object_class->get_property = cs_deidentify_summary_get_property;
  object_class->set_property = cs_deidentify_summary_set_property;

  properties[PROP_PRIVACY_MODE] =
    g_param_spec_boolean ("privacy-mode", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "deidentifysummary");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-deidentify-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifySummary, box);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifySummary, images_group);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifySummary, fields_group);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifySummary, tags_group);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifySummary, verify_group);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifySummary, images_list);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifySummary, fields_list);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifySummary, tags_list);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifySummary, verify_list);
}

static void
cs_deidentify_summary_init (CsDeidentifySummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  _cs_deidentify_summary_images_init (self);
}

GtkWidget *
cs_deidentify_summary_new (void)
{
  return g_object_new (CS_TYPE_DEIDENTIFY_SUMMARY, NULL);
}

/**
 * cs_deidentify_summary_set_report:
 * @report: what cs_deidentify_slide () removed and verified; copied
 * @original: (nullable): the slide de-identified, to show the images it had
 *
 * Shows @report: the images, description fields and tags removed, what was
 * kept, and the verification.
 */
void
cs_deidentify_summary_set_report (CsDeidentifySummary      *self,
                                  const CsDeidentifyReport *report,
                                  CsSlide                  *original)
{
  gboolean aperio;

  g_return_if_fail (CS_IS_DEIDENTIFY_SUMMARY (self));
  g_return_if_fail (report != NULL);
  g_return_if_fail (original == NULL || CS_IS_SLIDE (original));

  g_set_object (&self->original, original);
  g_clear_pointer (&self->removed_images, g_strfreev);
  self->removed_images = g_new0 (char *, report->removed_images->len + 1);
  for (guint i = 0; i < report->removed_images->len; i++)
    self->removed_images[i] = g_strdup (g_ptr_array_index (report->removed_images, i));

  _cs_deidentify_summary_images_load (self);
  _cs_deidentify_summary_images_update (self);

  /* Only Aperio slides have description fields to remove. */
  aperio = g_strcmp0 (report->vendor, "aperio") == 0;
  _cs_deidentify_summary_clear_list (self->fields_list);
  if (add_entry_rows (self->fields_list, report->removed_fields, "field") == 0)
    _cs_deidentify_summary_add_none_row (self->fields_list, "field-none",
                                         _("No identifying field found"));
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group),
                          aperio || report->removed_fields->len > 0);

  _cs_deidentify_summary_clear_list (self->tags_list);
  if (add_entry_rows (self->tags_list, report->removed_tags, "tag") == 0)
    _cs_deidentify_summary_add_none_row (self->tags_list, "tag-none",
                                         _("No identifying tag found"));

  update_verification (self, report);
}

gboolean
cs_deidentify_summary_get_privacy_mode (CsDeidentifySummary *self)
{
  g_return_val_if_fail (CS_IS_DEIDENTIFY_SUMMARY (self), FALSE);

  return self->privacy_mode;
}

/**
 * cs_deidentify_summary_set_privacy_mode:
 *
 * In privacy mode the original's label and macro are shown as hidden, not
 * as pictures.
 */
void
cs_deidentify_summary_set_privacy_mode (CsDeidentifySummary *self,
                                        gboolean             privacy_mode)
{
  g_return_if_fail (CS_IS_DEIDENTIFY_SUMMARY (self));

  privacy_mode = !!privacy_mode;
  if (self->privacy_mode == privacy_mode)
    return;

  self->privacy_mode = privacy_mode;
  _cs_deidentify_summary_images_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIVACY_MODE]);
}
