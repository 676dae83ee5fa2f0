/* cs-report-pane.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report-pane"

#include "config.h"

#include "cs-case-teaching.h"
#include "cs-report-pane-private.h"
#include "cs-settings.h"

#include <glib/gi18n.h>

/* The pane follows the selected tab: once its slide's identity is known,
 * the cases holding it are listed (the first chosen), with the case form,
 * the opinions and their state. The forms are refreshed from the model in
 * an idle after every change; a field being typed into is never reset
 * (values equal to what it shows are not set again). */

G_DEFINE_FINAL_TYPE (CsReportPane, cs_report_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COMPARE,
  PROP_COLOR_BY_AUTHOR,
  PROP_TEACHING,
  PROP_TEACHING_PREVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  HIGHLIGHTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_cs_report_pane_notify_highlights (CsReportPane *self)
{
  g_signal_emit (self, signals[HIGHLIGHTS_CHANGED], 0);
}

static void
cs_report_pane_set_color_by_author (CsReportPane *self,
                                    gboolean      color_by_author)
{
  if (self->color_by_author == !!color_by_author)
    return;
  self->color_by_author = !!color_by_author;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_BY_AUTHOR]);
}

static void cs_report_pane_refresh (CsReportPane *self);

/* Comparing colours the annotations by author while it lasts. */
static void
cs_report_pane_set_compare (CsReportPane *self,
                            gboolean      compare)
{
  if (self->compare == !!compare)
    return;
  self->compare = !!compare;
  if (compare)
    {
      self->color_before_compare = self->color_by_author;
      cs_report_pane_set_color_by_author (self, TRUE);
    }
  else
    {
      _cs_report_pane_stop_overlap (self);
      cs_report_pane_set_color_by_author (self, self->color_before_compare);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE]);
  cs_report_pane_refresh (self);
}

void
_cs_report_pane_error (CsReportPane *self,
                       const char   *heading,
                       const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
cs_report_pane_has_slide (CsCase     *kase,
                          const char *sha256)
{
  return sha256 != NULL && cs_case_find_slide (kase, sha256) != NULL;
}

/* The cases holding the slide, in the store's order. */
static void
cs_report_pane_collect_cases (CsReportPane *self)
{
  g_autoptr(GPtrArray) found = NULL;

  g_ptr_array_set_size (self->cases, 0);
  if (self->store == NULL || self->sha256 == NULL)
    return;
  found = cs_case_store_find_by_slide (self->store, self->sha256);
  for (guint i = 0; found != NULL && i < found->len; i++)
    g_ptr_array_add (self->cases, g_object_ref (found->pdata[i]));
}

static void
on_report_changed_cb (CsReportPane *self,
                      CsReport     *report)
{
  _cs_report_pane_queue_refresh (self);
}

static void
on_case_changed_cb (CsReportPane *self,
                    CsCase       *kase)
{
  _cs_report_pane_queue_refresh (self);
}

void
_cs_report_pane_set_report (CsReportPane *self,
                            CsReport     *report)
{
  if (self->report == report)
    return;
  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  g_set_object (&self->report, report);
  if (report != NULL)
    g_signal_connect_object (report, "changed", G_CALLBACK (on_report_changed_cb), self,
                             G_CONNECT_SWAPPED);
  g_clear_pointer (&self->figures_key, g_free);
}

static void
cs_report_pane_set_case (CsReportPane *self,
                         CsCase       *kase)
{
  GListModel *opinions;

  if (self->kase == kase)
    return;
  if (self->kase != NULL)
    g_signal_handlers_disconnect_by_data (self->kase, self);
  g_set_object (&self->kase, kase);
  _cs_report_pane_set_report (self, NULL);
  if (kase == NULL)
    return;

  g_signal_connect_object (kase, "changed", G_CALLBACK (on_case_changed_cb), self,
                           G_CONNECT_SWAPPED);
  opinions = cs_case_get_opinions (kase);
  if (g_list_model_get_n_items (opinions) > 0)
    {
      g_autoptr(CsReport) first = g_list_model_get_item (opinions, 0);

      _cs_report_pane_set_report (self, first);
    }
}

/* Whether @model lists @titles, in order. */
static gboolean
same_strings (GListModel    *model,
              GtkStringList *titles)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (titles));

  if (!GTK_IS_STRING_LIST (model) || g_list_model_get_n_items (model) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i),
                   gtk_string_list_get_string (titles, i)) != 0)
      return FALSE;
  return TRUE;
}

/* A drop-down's list, replaced only when it changed (replacing it resets
 * its list view), and its selection. */
void
_cs_report_pane_set_choices (GtkDropDown   *dropdown,
                             GtkStringList *titles,
                             guint          selected)
{
  if (!same_strings (gtk_drop_down_get_model (dropdown), titles))
    gtk_drop_down_set_model (dropdown, G_LIST_MODEL (titles));
  if (gtk_drop_down_get_selected (dropdown) != selected)
    gtk_drop_down_set_selected (dropdown, selected);
}

static void
cs_report_pane_refresh_case_list (CsReportPane *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < self->cases->len; i++)
    {
      g_autofree char *title = cs_case_dup_title (self->cases->pdata[i]);

      gtk_string_list_append (titles, title);
      if (self->cases->pdata[i] == self->kase)
        selected = i;
    }
  _cs_report_pane_set_choices (self->case_dropdown, titles, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->case_dropdown), self->cases->len > 0);
}

static void
cs_report_pane_update_actions (CsReportPane *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_slide = self->sha256 != NULL && self->store != NULL;
  gboolean frozen = self->report != NULL && cs_report_is_frozen (self->report);
  CsReportStatus status = self->report ? cs_report_get_status (self->report)
                                       : CS_REPORT_STATUS_DRAFT;
  gboolean signed_ = self->report != NULL && cs_report_status_is_signed (status) &&
                     status != CS_REPORT_STATUS_WITHDRAWN &&
                     !cs_report_get_tampered (self->report);

  gtk_widget_action_set_enabled (widget, "report.new-case", has_slide);
  gtk_widget_action_set_enabled (widget, "report.add-slide",
                                 has_slide && self->store != NULL &&
                                 g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0);
  gtk_widget_action_set_enabled (widget, "report.new-opinion", self->kase != NULL);
  gtk_widget_action_set_enabled (widget, "report.cite", self->report != NULL && !frozen);
  gtk_widget_action_set_enabled (widget, "report.finalize", self->report != NULL && !frozen);
  gtk_widget_action_set_enabled (widget, "report.addendum", signed_);
  gtk_widget_action_set_enabled (widget, "report.amend", signed_);
  gtk_widget_action_set_enabled (widget, "report.export-json", self->report != NULL);
  gtk_widget_action_set_enabled (widget, "report.export-pdf",
                                 self->report != NULL && !self->exporting);
  gtk_widget_set_visible (GTK_WIDGET (self->export_spinner), self->exporting);
  gtk_spinner_set_spinning (self->export_spinner, self->exporting);
  gtk_widget_action_set_enabled (widget, "report.print", self->report != NULL);
  gtk_widget_action_set_enabled (widget, "report.file-archive", _cs_report_pane_can_file (self));
  gtk_widget_action_set_enabled (widget, "report.compare", self->kase != NULL);
  gtk_widget_action_set_enabled (widget, "report.send-case", self->kase != NULL);
  gtk_widget_action_set_enabled (widget, "report.teaching", self->kase != NULL);
  gtk_widget_action_set_enabled (widget, "report.teaching-question",
                                 self->kase != NULL && cs_case_get_teaching (self->kase));
  gtk_widget_action_set_enabled (widget, "report.teaching-preview",
                                 _cs_report_pane_is_teacher (self));
  if (_cs_report_pane_teaching_hides (self))
    {
      static const char * const opinion_actions[] = {
        "report.new-opinion", "report.cite", "report.finalize", "report.addendum",
        "report.amend", "report.export-json", "report.export-pdf", "report.print",
        "report.file-archive", "report.compare",
      };

      for (guint i = 0; i < G_N_ELEMENTS (opinion_actions); i++)
        gtk_widget_action_set_enabled (widget, opinion_actions[i], FALSE);
    }
}

static void
cs_report_pane_refresh (CsReportPane *self)
{
  const char *page_name;

  if (self->cases == NULL)
    return;  /* disposed */
  self->updating = TRUE;
  cs_report_pane_collect_cases (self);
  if (self->kase != NULL && !g_ptr_array_find (self->cases, self->kase, NULL))
    cs_report_pane_set_case (self, NULL);
  if (self->kase == NULL && self->cases->len > 0)
    cs_report_pane_set_case (self, self->cases->pdata[0]);
  if (self->report != NULL && self->kase != NULL &&
      !g_list_store_find (G_LIST_STORE (cs_case_get_opinions (self->kase)), self->report, NULL))
    _cs_report_pane_set_report (self, NULL);
  cs_report_pane_refresh_case_list (self);

  if (self->kase == NULL)
    page_name = "empty";
  else
    page_name = self->compare && !_cs_report_pane_teaching_hides (self) ? "compare" : "case";
  adw_status_page_set_description (self->empty_page,
                                   self->sha256 != NULL
                                   ? _("This slide is in no consultation case yet.")
                                   : _("Open a slide to start or continue a case."));
  gtk_stack_set_visible_child_name (self->stack, page_name);

  if (self->kase != NULL && g_str_equal (page_name, "compare"))
    _cs_report_pane_refresh_compare (self);
  else if (self->kase != NULL)
    {
      _cs_report_pane_refresh_forms (self);
      _cs_report_pane_refresh_figures (self);
      _cs_report_pane_refresh_signature (self);
    }
  _cs_report_pane_update_width (self);
  cs_report_pane_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEACHING]);
  self->updating = FALSE;
}

static gboolean
cs_report_pane_refresh_cb (gpointer data)
{
  CsReportPane *self = data;

  self->refresh_source = 0;
  cs_report_pane_refresh (self);
  return G_SOURCE_REMOVE;
}

void
_cs_report_pane_queue_refresh (CsReportPane *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT, cs_report_pane_refresh_cb,
                                            self, NULL);
}

static void
on_case_selected_cb (CsReportPane *self,
                     GParamSpec   *pspec,
                     GtkDropDown  *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating || selected >= self->cases->len || self->cases->pdata[selected] == self->kase)
    return;
  /* Not from within the drop-down's own signal. */
  cs_report_pane_set_case (self, self->cases->pdata[selected]);
  _cs_report_pane_queue_refresh (self);
}

static void
on_store_items_changed_cb (CsReportPane *self,
                           guint         position,
                           guint         removed,
                           guint         added,
                           GListModel   *store)
{
  _cs_report_pane_queue_refresh (self);
}

/* New Case: from the open slide, selected at once. */
static void
cs_report_pane_new_case (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CsReportPane *self = CS_REPORT_PANE (widget);
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(GError) error = NULL;
  CsSlide *slide = self->page ? cs_slide_page_get_slide (self->page) : NULL;

  if (slide == NULL || self->store == NULL)
    return;
  if (cs_case_add_slide (kase, slide, &error) == NULL)
    {
      _cs_report_pane_error (self, _("Could Not Start a Case"), error);
      return;
    }
  cs_case_store_add (self->store, kase);
  cs_report_pane_set_case (self, kase);
  cs_report_pane_set_compare (self, FALSE);
  cs_report_pane_refresh (self);
}

static void
on_add_slide_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          CsReportPane     *self)
{
  GtkDropDown *cases = g_object_get_data (G_OBJECT (dialog), "cases");
  guint selected = gtk_drop_down_get_selected (cases);
  g_autoptr(CsCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  CsSlide *slide = self->page ? cs_slide_page_get_slide (self->page) : NULL;

  if (g_strcmp0 (response, "add") != 0 || slide == NULL ||
      selected >= g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    return;
  kase = g_list_model_get_item (G_LIST_MODEL (self->store), selected);
  if (cs_case_add_slide (kase, slide, &error) == NULL)
    {
      _cs_report_pane_error (self, _("Could Not Add the Slide"), error);
      return;
    }
  cs_report_pane_collect_cases (self);
  cs_report_pane_set_case (self, kase);
  cs_report_pane_refresh (self);
}

/* Add Slide to Case: the second slide of a case, chosen among all cases. */
static void
cs_report_pane_add_slide (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CsReportPane *self = CS_REPORT_PANE (widget);
  GListModel *store = G_LIST_MODEL (self->store);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GtkWidget *dropdown;
  AdwMessageDialog *dialog;

  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr(CsCase) kase = g_list_model_get_item (store, i);
      g_autofree char *title = cs_case_dup_title (kase);

      gtk_string_list_append (titles, title);
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (titles)), NULL);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (widget)), _("Add Slide to Case"),
    _("The slide of this tab becomes one more slide of the case chosen.")));
  adw_message_dialog_set_extra_child (dialog, dropdown);
  g_object_set_data (G_OBJECT (dialog), "cases", dropdown);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_slide_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cs_report_pane_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CsReportPane *self = CS_REPORT_PANE (widget);

  if (g_str_equal (action_name, "report.new-opinion"))
    _cs_report_pane_new_opinion_dialog (self);
  else if (g_str_equal (action_name, "report.cite"))
    _cs_report_pane_cite (self);
  else if (g_str_equal (action_name, "report.finalize"))
    _cs_report_pane_finalize_dialog (self);
  else if (g_str_equal (action_name, "report.addendum"))
    _cs_report_pane_addendum_dialog (self);
  else if (g_str_equal (action_name, "report.amend"))
    _cs_report_pane_amend_dialog (self);
  else if (g_str_equal (action_name, "report.export-json"))
    _cs_report_pane_export_json (self);
  else if (g_str_equal (action_name, "report.export-pdf"))
    _cs_report_pane_export_pdf (self);
  else if (g_str_equal (action_name, "report.print"))
    _cs_report_pane_print (self);
  else if (g_str_equal (action_name, "report.file-archive"))
    _cs_report_pane_file_in_archive (self);
  else if (g_str_equal (action_name, "report.teaching-question"))
    _cs_report_pane_teaching_question_dialog (self);
}

static void
cs_report_pane_dispose (GObject *object)
{
  CsReportPane *self = CS_REPORT_PANE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  _cs_report_pane_dispose_export (self);
  /* Dropped silently: the window is going too. */
  g_clear_pointer (&self->highlights, g_ptr_array_unref);
  _cs_report_pane_stop_overlap (self);
  g_clear_pointer (&self->compare_reference, g_free);
  g_clear_pointer (&self->teaching_key, g_free);
  cs_report_pane_set_case (self, NULL);
  cs_report_pane_set_store (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_REPORT_PANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_clear_pointer (&self->case_fields, g_ptr_array_unref);
  g_clear_pointer (&self->report_fields, g_ptr_array_unref);
  g_clear_pointer (&self->figures_key, g_free);
  g_clear_pointer (&self->sha256, g_free);
  self->page = NULL;

  G_OBJECT_CLASS (cs_report_pane_parent_class)->dispose (object);
}

static void
cs_report_pane_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsReportPane *self = CS_REPORT_PANE (object);

  switch (prop_id)
    {
    case PROP_COMPARE:
      g_value_set_boolean (value, self->compare);
      break;
    case PROP_COLOR_BY_AUTHOR:
      g_value_set_boolean (value, self->color_by_author);
      break;
    case PROP_TEACHING:
      g_value_set_boolean (value, self->kase != NULL && cs_case_get_teaching (self->kase));
      break;
    case PROP_TEACHING_PREVIEW:
      g_value_set_boolean (value, self->teaching_preview);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_report_pane_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CsReportPane *self = CS_REPORT_PANE (object);

  switch (prop_id)
    {
    case PROP_COMPARE:
      cs_report_pane_set_compare (self, g_value_get_boolean (value));
      break;
    case PROP_COLOR_BY_AUTHOR:
      cs_report_pane_set_color_by_author (self, g_value_get_boolean (value));
      break;
    case PROP_TEACHING:
      _cs_report_pane_set_teaching (self, g_value_get_boolean (value));
      break;
    case PROP_TEACHING_PREVIEW:
      if (self->teaching_preview == g_value_get_boolean (value))
        break;
      self->teaching_preview = g_value_get_boolean (value);
      g_object_notify_by_pspec (object, pspec);
      _cs_report_pane_queue_refresh (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_report_pane_class_init (CsReportPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const actions[] = {
    "report.new-opinion", "report.cite", "report.finalize", "report.addendum",
    "report.amend", "report.export-json", "report.export-pdf", "report.print",
    "report.file-archive", "report.teaching-question",
  };

  object_class->dispose = cs_report_pane_dispose;
  object_class->get_property = cs_report_pane_get_property;
  object_class->set_property = cs_report_pane_set_property;

  properties[PROP_COMPARE] =
    g_param_spec_boolean ("compare", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Read by the window, which draws the annotations so. */
  properties[PROP_COLOR_BY_AUTHOR] =
    g_param_spec_boolean ("color-by-author", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The case's teaching mark (cs-case-teaching.h): report.teaching. */
  properties[PROP_TEACHING] =
    g_param_spec_boolean ("teaching", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The teacher sees the case as a trainee would; per window, not saved:
   * report.teaching-preview. */
  properties[PROP_TEACHING_PREVIEW] =
    g_param_spec_boolean ("teaching-preview", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* The comparison's highlights changed: cs_report_pane_get_highlights(). */
  signals[HIGHLIGHTS_CHANGED] =
    g_signal_new ("highlights-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-report-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CsReportPane, case_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsReportPane, export_spinner);
  gtk_widget_class_bind_template_child (widget_class, CsReportPane, stack);
  gtk_widget_class_bind_template_child (widget_class, CsReportPane, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CsReportPane, form_box);
  gtk_widget_class_bind_template_child (widget_class, CsReportPane, compare_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "report.new-case", NULL, cs_report_pane_new_case);
  gtk_widget_class_install_action (widget_class, "report.add-slide", NULL,
                                   cs_report_pane_add_slide);
  gtk_widget_class_install_action (widget_class, "report.send-case", NULL,
                                   _cs_report_pane_send_case);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, cs_report_pane_action);
  gtk_widget_class_install_property_action (widget_class, "report.compare", "compare");
  gtk_widget_class_install_property_action (widget_class, "report.color-by-author",
                                            "color-by-author");
  gtk_widget_class_install_property_action (widget_class, "report.teaching", "teaching");
  gtk_widget_class_install_property_action (widget_class, "report.teaching-preview",
                                            "teaching-preview");
}

static void
cs_report_pane_init (CsReportPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cases = g_ptr_array_new_with_free_func (g_object_unref);
  self->case_fields = g_ptr_array_new ();
  self->report_fields = g_ptr_array_new ();
  g_signal_connect_object (self->case_dropdown, "notify::selected",
                           G_CALLBACK (on_case_selected_cb), self, G_CONNECT_SWAPPED);
  _cs_report_pane_build_forms (self);
  _cs_report_pane_build_figures (self);
  gtk_box_append (GTK_BOX (self->opinion_box), self->history_box);
  cs_report_pane_refresh (self);
}

CsReportPane *
cs_report_pane_new (void)
{
  return g_object_new (CS_TYPE_REPORT_PANE, NULL);
}

/**
 * cs_report_pane_set_store:
 * @store: (nullable): the application's cases
 */
void
cs_report_pane_set_store (CsReportPane *self,
                          CsCaseStore  *store)
{
  g_return_if_fail (CS_IS_REPORT_PANE (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "items-changed", G_CALLBACK (on_store_items_changed_cb), self,
                             G_CONNECT_SWAPPED);
  cs_report_pane_refresh (self);
}

/**
 * cs_report_pane_set_page:
 * @page: (nullable): the selected tab; called again once its annotations
 *   (and so its slide's identity) are known
 */
void
cs_report_pane_set_page (CsReportPane *self,
                         CsSlidePage  *page)
{
  CsSlide *slide;
  const char *sha256;

  g_return_if_fail (CS_IS_REPORT_PANE (self));

  if (self->cases == NULL)
    return;  /* disposed */
  self->page = page;
  slide = page ? cs_slide_page_get_slide (page) : NULL;
  sha256 = slide ? cs_slide_get_sha256 (slide) : NULL;
  if (g_strcmp0 (sha256, self->sha256) == 0)
    {
      _cs_report_pane_queue_refresh (self);
      return;
    }
  g_free (self->sha256);
  self->sha256 = g_strdup (sha256);
  if (self->kase != NULL && !cs_report_pane_has_slide (self->kase, sha256))
    cs_report_pane_set_case (self, NULL);
  g_clear_pointer (&self->figures_key, g_free);
  cs_report_pane_refresh (self);
}

/**
 * cs_report_pane_get_case:
 *
 * Returns: (transfer none) (nullable): the case shown
 */
CsCase *
cs_report_pane_get_case (CsReportPane *self)
{
  g_return_val_if_fail (CS_IS_REPORT_PANE (self), NULL);
  return self->kase;
}

/**
 * cs_report_pane_get_report:
 *
 * Returns: (transfer none) (nullable): the opinion shown
 */
CsReport *
cs_report_pane_get_report (CsReportPane *self)
{
  g_return_val_if_fail (CS_IS_REPORT_PANE (self), NULL);
  return self->report;
}

static gboolean
cs_report_pane_case_holds (CsCase   *kase,
                           CsReport *report)
{
  return kase != NULL &&
         g_list_store_find (G_LIST_STORE (cs_case_get_opinions (kase)), report, NULL);
}

/**
 * cs_report_pane_select_report:
 * @report: an opinion of the case shown, or of another case of the tab's
 *   slide, which is then shown
 */
void
cs_report_pane_select_report (CsReportPane *self,
                              CsReport     *report)
{
  g_return_if_fail (CS_IS_REPORT_PANE (self));

  if (report != NULL && self->cases != NULL && !cs_report_pane_case_holds (self->kase, report))
    {
      cs_report_pane_collect_cases (self);
      for (guint i = 0; i < self->cases->len; i++)
        if (cs_report_pane_case_holds (self->cases->pdata[i], report))
          {
            cs_report_pane_set_case (self, self->cases->pdata[i]);
            break;
          }
    }
  _cs_report_pane_set_report (self, report);
  cs_report_pane_refresh (self);
}

/**
 * cs_report_pane_get_comparison:
 *
 * Returns: (transfer none) (nullable): the comparison of regions shown
 *   (compare on, two authors on the tab's slide, computed)
 */
CsOpinionComparison *
cs_report_pane_get_comparison (CsReportPane *self)
{
  g_return_val_if_fail (CS_IS_REPORT_PANE (self), NULL);
  return self->compare_key != NULL ? self->comparison : NULL;
}

/**
 * cs_report_pane_get_highlights:
 * @page: a tab
 *
 * Returns: (transfer none) (nullable) (element-type CsAnnotationHighlight):
 *   what @page's views should highlight: the parts of each author's
 *   regions outside the reference author's, when comparing @page's
 */
GPtrArray *
cs_report_pane_get_highlights (CsReportPane *self,
                               CsSlidePage  *page)
{
  g_return_val_if_fail (CS_IS_REPORT_PANE (self), NULL);
  g_return_val_if_fail (CS_IS_SLIDE_PAGE (page), NULL);

  if (self->compare_list == NULL ||
      cs_slide_page_get_annotation_list (page) != self->compare_list)
    return NULL;
  return self->highlights;
}
