/* cs-report-pane-form.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report-pane"

#include "config.h"

#include "cs-report-pane-private.h"
#include "cs-settings.h"

#include <glib/gi18n.h>

/* The forms of the pane: the case (who asks what), the labels of the
 * slide shown, and the opinion. Each field is a widget named by its dotted
 * path in the schema (docs/FORMATS.md §8), kept in case_fields or
 * report_fields; an edit is applied at once. A case edit also goes to the
 * case's opinions still in draft, which copied the case when made. */

typedef struct
{
  const char *path;
  const char *label;
  gboolean    multiline;
} CsField;

static const CsField case_fields[] = {
  { "case.consult_accession", N_("Consult accession"), FALSE },
  { "case.referring_accession", N_("Referring accession"), FALSE },
  { "case.patient.pseudonym", N_("Patient pseudonym"), FALSE },
  { "requesting.institution", N_("Referring institution"), FALSE },
  { "requesting.pathologist.name", N_("Referring pathologist"), FALSE },
  { "requesting.pathologist.contact", N_("Contact"), FALSE },
  { "referring_diagnosis.text", N_("Referring diagnosis"), FALSE },
  { "question", N_("Question asked"), TRUE },
  { "clinical_history", N_("Clinical history"), TRUE },
};

static const CsField slide_fields[] = {
  { "slide_id", N_("Slide label"), FALSE },
  { "stain", N_("Stain"), FALSE },
  { "part", N_("Specimen part"), FALSE },
  { "block", N_("Block"), FALSE },
};

static const CsField consultant_fields[] = {
  { "consultant.name", N_("Consultant"), FALSE },
  { "consultant.credentials", N_("Credentials"), FALSE },
  { "consultant.institution", N_("Institution"), FALSE },
};

static const CsField opinion_fields[] = {
  { "diagnosis.0.text", N_("Diagnosis"), TRUE },
};

static const CsField description_fields[] = {
  { "microscopic_description", N_("Microscopic description"), TRUE },
};

static const CsField code_fields[] = {
  { "diagnosis.0.codes.0.system", N_("Code system (e.g. ICD-O-3-M)"), FALSE },
  { "diagnosis.0.codes.0.code", N_("Code"), FALSE },
  { "diagnosis.0.codes.0.display", N_("Code label"), FALSE },
};

static const CsField agreement_fields[] = {
  { "agreement.rationale", N_("Rationale"), TRUE },
};

static const CsField closing_fields[] = {
  { "comment", N_("Comment"), TRUE },
  { "recommendations", N_("Recommendations"), TRUE },
};

static const char * const certainty_names[] = {
  "definitive", "consistent_with", "suggestive_of", "cannot_exclude", "indeterminate",
};

static const char * const certainty_labels[] = {
  N_("Certainty not stated"), N_("Definitive"), N_("Consistent with"), N_("Suggestive of"),
  N_("Cannot exclude"), N_("Indeterminate"), NULL,
};

static const char * const flag_names[] = {
  "diagnosis_changed", "treatment_impact", "prognosis_impact",
};

static const char * const flag_labels[] = {
  N_("Diagnosis changed"), N_("Potential impact on treatment"), N_("Potential impact on prognosis"),
};

#define FIELD_PATH(widget) ((const char *) g_object_get_data (G_OBJECT (widget), "cs-path"))

static char *
field_get_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

static void
field_set_text (GtkWidget  *widget,
                const char *text)
{
  g_autofree char *shown = field_get_text (widget);

  if (text == NULL)
    text = "";
  if (g_strcmp0 (shown, text) == 0)
    return;
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

/* An entry row that cannot be edited shows no pencil (the row shows and
 * hides it by itself: a style class, see cs_report_pane_add_css). */
static void
show_edit_icons (GtkWidget *row,
                 gboolean   show)
{
  if (show)
    gtk_widget_remove_css_class (row, "cs-read-only");
  else
    gtk_widget_add_css_class (row, "cs-read-only");
}

static void
field_set_editable (GtkWidget *widget,
                    gboolean   editable)
{
  if (ADW_IS_ENTRY_ROW (widget))
    show_edit_icons (widget, editable);

  /* The cursor stays visible: GTK 4.8 asserts (blink_cb) when a text
   * view's cursor is hidden while its blink timer runs, as when an
   * opinion is signed with the cursor in one of its text boxes. */
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_view_set_editable (GTK_TEXT_VIEW (widget), editable);
  else if (GTK_IS_EDITABLE (widget))
    gtk_editable_set_editable (GTK_EDITABLE (widget), editable);
  else
    gtk_widget_set_sensitive (widget, editable);
}

static void
cs_report_pane_apply_slide_labels (CsReportPane *self)
{
  const char *values[G_N_ELEMENTS (slide_fields)];
  g_autofree char *texts[G_N_ELEMENTS (slide_fields)] = { NULL, };
  guint n = 0;

  /* The rows, in order, are those of slide_fields. */
  for (guint i = 0; i < self->case_fields->len && n < G_N_ELEMENTS (slide_fields); i++)
    {
      GtkWidget *field = self->case_fields->pdata[i];

      if (g_object_get_data (G_OBJECT (field), "cs-slide") == NULL)
        continue;
      texts[n] = field_get_text (field);
      values[n] = *texts[n] != '\0' ? texts[n] : NULL;
      n++;
    }
  if (n == G_N_ELEMENTS (slide_fields) && values[0] != NULL)
    cs_case_set_slide_labels (self->kase, self->sha256, values[0], values[1], values[2],
                              values[3]);
}

static void
cs_report_pane_apply_case (CsReportPane *self,
                           const char   *path,
                           const char   *value)
{
  GListModel *opinions = cs_case_get_opinions (self->kase);

  cs_case_set_text (self->kase, path, value);
  for (guint i = 0; i < g_list_model_get_n_items (opinions); i++)
    {
      g_autoptr(CsReport) report = g_list_model_get_item (opinions, i);

      if (!cs_report_is_frozen (report))
        cs_report_set_text (report, path, value, NULL);
    }
}

static void
on_field_changed_cb (GtkWidget *widget)
{
  CsReportPane *self = g_object_get_data (G_OBJECT (widget), "cs-pane");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *value;

  if (self->updating)
    return;
  text = field_get_text (widget);
  value = *text != '\0' ? text : NULL;

  if (g_object_get_data (G_OBJECT (widget), "cs-slide") != NULL)
    {
      if (self->kase != NULL && self->sha256 != NULL)
        cs_report_pane_apply_slide_labels (self);
    }
  else if (g_ptr_array_find (self->case_fields, widget, NULL))
    {
      if (self->kase != NULL)
        cs_report_pane_apply_case (self, FIELD_PATH (widget), value);
    }
  else if (self->report != NULL &&
           !cs_report_set_text (self->report, FIELD_PATH (widget), value, &error))
    g_warning ("%s: %s", FIELD_PATH (widget), error->message);
}

static void
on_buffer_changed_cb (GtkTextBuffer *buffer,
                      GtkWidget     *view)
{
  on_field_changed_cb (view);
}

static void
section_add_row (GtkWidget *section,
                 GtkWidget *row)
{
  GtkWidget *group = gtk_widget_get_last_child (section);

  if (!ADW_IS_PREFERENCES_GROUP (group))
    {
      group = adw_preferences_group_new ();
      gtk_widget_set_margin_top (group, 12);
      gtk_box_append (GTK_BOX (section), group);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static GtkWidget *
cs_report_pane_add_field (CsReportPane  *self,
                          GtkWidget     *group,
                          GPtrArray     *fields,
                          const CsField *field)
{
  GtkWidget *widget;

  if (field->multiline)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *label = gtk_label_new (_(field->label));
      GtkWidget *frame = gtk_frame_new (NULL);

      widget = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (widget), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (widget), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (widget), 8);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (widget), 10);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (widget), 10);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (widget), FALSE);
      gtk_widget_set_size_request (widget, -1, 64);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(field->label), -1);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_top (box, 12);
      gtk_frame_set_child (GTK_FRAME (frame), widget);
      gtk_widget_add_css_class (frame, "view");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), frame);
      gtk_box_append (GTK_BOX (group), box);
      g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                        G_CALLBACK (on_buffer_changed_cb), widget);
    }
  else
    {
      widget = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), _(field->label));
      section_add_row (group, widget);
      g_signal_connect (widget, "changed", G_CALLBACK (on_field_changed_cb), NULL);
    }

  gtk_widget_set_name (widget, field->path);
  g_object_set_data (G_OBJECT (widget), "cs-path", (gpointer) field->path);
  g_object_set_data (G_OBJECT (widget), "cs-pane", self);
  g_ptr_array_add (fields, widget);

  return widget;
}

/* A section: its title, then its fields in order, rows grouped in boxed
 * lists between the multi-line fields. */
static GtkWidget *
cs_report_pane_add_group (CsReportPane *self,
                          GtkWidget    *parent,
                          const char   *title)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (section), group);
  gtk_box_append (GTK_BOX (parent), section);
  return section;
}

#define ADD_FIELDS(self, group, fields, table)                         \
  for (guint i_ = 0; i_ < G_N_ELEMENTS (table); i_++)                 \
    cs_report_pane_add_field (self, group, fields, &table[i_])

static void
on_certainty_selected_cb (CsReportPane *self,
                          GParamSpec   *pspec,
                          GtkDropDown  *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;

  if (self->updating || self->report == NULL)
    return;
  if (!cs_report_set_text (self->report, "diagnosis.0.certainty",
                           selected > 0 && selected <= G_N_ELEMENTS (certainty_names)
                           ? certainty_names[selected - 1] : NULL, &error))
    g_warning ("certainty: %s", error->message);
}

static void
on_agreement_selected_cb (CsReportPane *self,
                          GParamSpec   *pspec,
                          GtkDropDown  *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;

  if (self->updating || self->report == NULL || selected > CS_AGREEMENT_NOT_APPLICABLE)
    return;
  if (!cs_report_set_agreement (self->report, selected, &error))
    g_warning ("agreement: %s", error->message);
}

static void
on_flag_toggled_cb (GtkCheckButton *check,
                    CsReportPane   *self)
{
  g_autoptr(GError) error = NULL;

  if (self->updating || self->report == NULL)
    return;
  if (!cs_report_set_agreement_flag (self->report, FIELD_PATH (check),
                                     gtk_check_button_get_active (check), &error))
    g_warning ("%s: %s", FIELD_PATH (check), error->message);
}

static GtkWidget *
cs_report_pane_add_dropdown (CsReportPane       *self,
                             GtkWidget          *group,
                             const char         *title,
                             const char         *name,
                             const char * const *labels,
                             GCallback           callback)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (strings, _(labels[i]));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&strings)), NULL);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_name (dropdown, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  section_add_row (group, row);
  g_signal_connect_object (dropdown, "notify::selected", callback, self, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (dropdown), "cs-path", (gpointer) name);
  g_ptr_array_add (self->report_fields, dropdown);
  return dropdown;
}

static void
cs_report_pane_build_agreement (CsReportPane *self,
                                GtkWidget    *parent)
{
  static const char *agreement_labels[CS_AGREEMENT_NOT_APPLICABLE + 2];
  GtkWidget *group = cs_report_pane_add_group (self, parent, _("Agreement With the Referring Diagnosis"));

  for (guint i = 0; i <= CS_AGREEMENT_NOT_APPLICABLE; i++)
    agreement_labels[i] = i == CS_AGREEMENT_NONE ? N_("Not stated") : cs_agreement_get_label (i);
  cs_report_pane_add_dropdown (self, group, _("Category"), "agreement.category",
                               agreement_labels, G_CALLBACK (on_agreement_selected_cb));
  for (guint i = 0; i < G_N_ELEMENTS (flag_names); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(flag_labels[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_set_name (check, flag_names[i]);
      g_object_set_data (G_OBJECT (check), "cs-path", (gpointer) flag_names[i]);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_flag_toggled_cb), self, 0);
      section_add_row (group, row);
      g_ptr_array_add (self->report_fields, check);
    }
  ADD_FIELDS (self, group, self->report_fields, agreement_fields);
}

static void
on_opinion_selected_cb (CsReportPane *self,
                        GParamSpec   *pspec,
                        GtkDropDown  *dropdown)
{
  g_autoptr(CsReport) report = NULL;
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating || self->kase == NULL)
    return;
  report = g_list_model_get_item (cs_case_get_opinions (self->kase), selected);
  if (report != NULL && report != self->report)
    {
      /* Not from within the drop-down's own signal. */
      _cs_report_pane_set_report (self, report);
      _cs_report_pane_queue_refresh (self);
    }
}

static void
cs_report_pane_build_opinion_header (CsReportPane *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("New _Opinion…"));
  GtkWidget *heading = gtk_label_new (_("Opinions"));

  gtk_widget_add_css_class (heading, "heading");
  self->opinion_heading = heading;
  self->opinion_header = box;
  gtk_box_append (GTK_BOX (self->form_box), heading);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  self->opinion_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (
    G_LIST_MODEL (gtk_string_list_new (NULL)), NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->opinion_dropdown), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "report.new-opinion");
  g_signal_connect_object (self->opinion_dropdown, "notify::selected",
                           G_CALLBACK (on_opinion_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->opinion_dropdown));
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (self->form_box), box);
}

static void
cs_report_pane_add_css (GtkWidget *widget)
{
  static GtkCssProvider *provider;

  if (provider != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, "row.cs-read-only image { opacity: 0; }", -1);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (widget),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
_cs_report_pane_build_forms (CsReportPane *self)
{
  GtkWidget *group;

  GtkWidget *details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  cs_report_pane_add_css (GTK_WIDGET (self));
  self->case_summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->case_summary, 0);
  gtk_label_set_wrap (self->case_summary, TRUE);
  gtk_label_set_selectable (self->case_summary, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->case_summary), "title-4");
  gtk_box_append (self->form_box, GTK_WIDGET (self->case_summary));
  _cs_report_pane_build_teaching (self, GTK_WIDGET (self->case_summary));
  self->case_expander = GTK_EXPANDER (gtk_expander_new_with_mnemonic (_("_Case Details")));
  gtk_expander_set_expanded (self->case_expander, TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->case_expander), "case-details");
  gtk_expander_set_child (self->case_expander, details);
  gtk_widget_set_margin_top (details, 12);
  gtk_box_append (self->form_box, GTK_WIDGET (self->case_expander));
  self->case_group = cs_report_pane_add_group (self, details, _("Case"));
  ADD_FIELDS (self, self->case_group, self->case_fields, case_fields);
  self->slide_group = cs_report_pane_add_group (self, details, _("This Slide"));
  for (guint i = 0; i < G_N_ELEMENTS (slide_fields); i++)
    {
      GtkWidget *field = cs_report_pane_add_field (self, self->slide_group, self->case_fields,
                                                   &slide_fields[i]);
      g_autofree char *name = g_strconcat ("slide.", slide_fields[i].path, NULL);

      g_object_set_data (G_OBJECT (field), "cs-slide", GINT_TO_POINTER (TRUE));
      gtk_widget_set_name (field, name);
    }

  cs_report_pane_build_opinion_header (self);
  self->opinion_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_box_append (GTK_BOX (self->form_box), self->opinion_box);

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "title-2");
  gtk_box_append (GTK_BOX (self->opinion_box), GTK_WIDGET (self->status_label));
  _cs_report_pane_build_signature (self);

  group = cs_report_pane_add_group (self, self->opinion_box, _("Opinion"));
  ADD_FIELDS (self, group, self->report_fields, opinion_fields);
  cs_report_pane_add_dropdown (self, group, _("Certainty"), "diagnosis.0.certainty",
                               certainty_labels, G_CALLBACK (on_certainty_selected_cb));
  ADD_FIELDS (self, group, self->report_fields, code_fields);
  ADD_FIELDS (self, group, self->report_fields, description_fields);
  cs_report_pane_build_agreement (self, self->opinion_box);
  /* The fields name themselves: no section title. */
  group = cs_report_pane_add_group (self, self->opinion_box, NULL);
  ADD_FIELDS (self, group, self->report_fields, closing_fields);
  group = cs_report_pane_add_group (self, self->opinion_box, _("Consultant"));
  ADD_FIELDS (self, group, self->report_fields, consultant_fields);
}

static guint
certainty_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (certainty_names); i++)
    if (g_strcmp0 (name, certainty_names[i]) == 0)
      return i + 1;
  return 0;
}

/* The label of a diagnosis certainty; NULL when not stated. */
const char *
_cs_report_pane_certainty_label (const char *name)
{
  guint index = certainty_index (name);

  return index > 0 ? _(certainty_labels[index]) : NULL;
}

/* The impact flags set on @report, one a line; NULL for none. */
char *
_cs_report_pane_flags_text (CsReport *report)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (flag_names); i++)
    if (cs_report_get_agreement_flag (report, flag_names[i]))
      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", _(flag_labels[i]));
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
cs_report_pane_refresh_opinion_list (CsReportPane *self)
{
  GListModel *opinions = cs_case_get_opinions (self->kase);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < g_list_model_get_n_items (opinions); i++)
    {
      g_autoptr(CsReport) report = g_list_model_get_item (opinions, i);
      const char *name = cs_report_get_text (report, "consultant.name");
      g_autofree char *title = NULL;

      /* Translators: an opinion in a list: the consultant, then its status */
      title = g_strdup_printf (_("%s — %s"), name ? name : _("Unnamed consultant"),
                               cs_report_get_tampered (report)
                               ? _("Modified after signing")
                               : cs_report_status_get_label (cs_report_get_status (report)));
      gtk_string_list_append (titles, title);
      if (report == self->report)
        selected = i;
    }
  _cs_report_pane_set_choices (self->opinion_dropdown, titles, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->opinion_dropdown),
                          g_list_model_get_n_items (opinions) > 0);
}

static void
cs_report_pane_refresh_status (CsReportPane *self)
{
  CsReportStatus status = cs_report_get_status (self->report);
  GtkWidget *label = GTK_WIDGET (self->status_label);
  gboolean tampered = cs_report_get_tampered (self->report);

  gtk_label_set_text (self->status_label,
                      tampered ? _("Modified after signing") : cs_report_status_get_label (status));
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "dim-label");
  if (tampered || status == CS_REPORT_STATUS_WITHDRAWN)
    gtk_widget_add_css_class (label, "error");
  else if (status == CS_REPORT_STATUS_FINAL)
    gtk_widget_add_css_class (label, "success");
  else if (cs_report_status_is_signed (status))
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_add_css_class (label, "dim-label");
}

static void
cs_report_pane_refresh_slide_fields (CsReportPane *self)
{
  const CsCaseSlide *slide = self->sha256 ? cs_case_find_slide (self->kase, self->sha256) : NULL;

  for (guint i = 0; i < self->case_fields->len; i++)
    {
      GtkWidget *field = self->case_fields->pdata[i];
      const char *path = FIELD_PATH (field);
      const char *value = NULL;

      if (g_object_get_data (G_OBJECT (field), "cs-slide") == NULL)
        field_set_text (field, cs_case_get_text (self->kase, path));
      else if (slide != NULL)
        {
          if (g_str_equal (path, "slide_id"))
            value = slide->slide_id;
          else if (g_str_equal (path, "stain"))
            value = slide->stain;
          else if (g_str_equal (path, "part"))
            value = slide->part;
          else
            value = slide->block;
          field_set_text (field, value);
        }
    }
  gtk_widget_set_visible (self->slide_group, slide != NULL);
}

/* One line naming the case, always in view. */
static void
cs_report_pane_refresh_summary (CsReportPane *self)
{
  const char *paths[] = { "case.consult_accession", "case.referring_accession",
                          "case.patient.pseudonym", "requesting.institution",
                          "requesting.pathologist.name" };
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *markup = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *text = cs_case_get_text (self->kase, paths[i]);

      if (text == NULL || *text == '\0')
        continue;
      if (summary->len > 0)
        g_string_append (summary, " · ");
      g_string_append (summary, text);
    }
  if (summary->len == 0)
    g_string_append (summary, _("New case: fill in who asks and what"));
  gtk_label_set_text (self->case_summary, summary->str);
}

/* The case details make way for a signed opinion, and come back for a
 * draft; in between they stay as the user left them. */
static void
cs_report_pane_refresh_expander (CsReportPane *self)
{
  gboolean signed_ = self->report != NULL && cs_report_is_frozen (self->report);
  int state = self->report == NULL ? 0 : signed_ ? 2 : 1;

  if (state == self->expander_state)
    return;
  self->expander_state = state;
  gtk_expander_set_expanded (self->case_expander, !signed_);
}

void
_cs_report_pane_refresh_forms (CsReportPane *self)
{
  gboolean editable;

  gboolean hidden = _cs_report_pane_teaching_hides (self);

  cs_report_pane_refresh_summary (self);
  _cs_report_pane_refresh_teaching (self);
  cs_report_pane_refresh_expander (self);
  cs_report_pane_refresh_slide_fields (self);
  cs_report_pane_refresh_opinion_list (self);
  /* Teaching: the diagnosis and the opinions wait for Reveal. */
  for (guint i = 0; i < self->case_fields->len; i++)
    if (g_strcmp0 (FIELD_PATH (self->case_fields->pdata[i]), "referring_diagnosis.text") == 0)
      gtk_widget_set_visible (self->case_fields->pdata[i], !hidden);
  gtk_widget_set_visible (self->opinion_heading, !hidden);
  gtk_widget_set_visible (self->opinion_header, !hidden);
  gtk_widget_set_visible (self->opinion_box, self->report != NULL && !hidden);
  if (self->report == NULL || hidden)
    return;

  editable = !cs_report_is_frozen (self->report);
  cs_report_pane_refresh_status (self);
  for (guint i = 0; i < self->report_fields->len; i++)
    {
      GtkWidget *field = self->report_fields->pdata[i];
      const char *path = FIELD_PATH (field);

      if (GTK_IS_DROP_DOWN (field) && g_str_equal (path, "agreement.category"))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (field),
                                    cs_report_get_agreement (self->report));
      else if (GTK_IS_DROP_DOWN (field))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (field),
                                    certainty_index (cs_report_get_text (self->report, path)));
      else if (GTK_IS_CHECK_BUTTON (field))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (field),
                                     cs_report_get_agreement_flag (self->report, path));
      else
        field_set_text (field, cs_report_get_text (self->report, path));
      field_set_editable (field, editable);
    }
}

static void
on_new_opinion_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            CsReportPane     *self)
{
  const char *keys[] = { "report-consultant", "report-credentials", "report-institution" };
  const char *values[G_N_ELEMENTS (keys)];
  GSettings *settings = cs_settings_get_default ();
  CsReport *report;

  if (g_strcmp0 (response, "create") != 0 || self->kase == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), keys[i]);

      values[i] = gtk_editable_get_text (entry);
      if (settings != NULL)
        g_settings_set_string (settings, keys[i], values[i]);
    }
  /* Who writes the opinion is who marks regions from now on: the
   * annotations then carry the consultant's name, and "colour by
   * consultant" shows them in the same colour as the opinion. */
  if (settings != NULL && *values[0] != '\0')
    g_settings_set_string (settings, "annotation-author", values[0]);
  report = cs_case_add_opinion (self->kase, values[0], values[1], values[2]);
  cs_report_pane_select_report (self, report);
}

/* New Opinion: who signs it, prefilled from the settings (else the
 * annotation author and institution), remembered for the next one. */
void
_cs_report_pane_new_opinion_dialog (CsReportPane *self)
{
  const char *keys[] = { "report-consultant", "report-credentials", "report-institution" };
  const char *titles[] = { N_("Consultant"), N_("Credentials"), N_("Institution") };
  GSettings *settings = cs_settings_get_default ();
  GtkWidget *group = adw_preferences_group_new ();
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("New Opinion"),
    _("A draft opinion on this case, with the case’s details copied in.")));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *entry = adw_entry_row_new ();
      g_autofree char *value = settings ? g_settings_get_string (settings, keys[i]) : NULL;

      if ((value == NULL || *value == '\0') && i != 1)
        {
          g_free (value);
          value = i == 0 ? cs_settings_dup_author () : cs_settings_dup_institution ();
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _(titles[i]));
      gtk_editable_set_text (GTK_EDITABLE (entry), value ? value : "");
      gtk_widget_set_name (entry, keys[i]);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry);
      g_object_set_data (G_OBJECT (dialog), keys[i], entry);
    }
  adw_message_dialog_set_extra_child (dialog, group);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "create");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_opinion_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
