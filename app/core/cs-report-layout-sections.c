/* cs-report-layout-sections.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report-layout"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-json-path.h"
#include "cs-report-layout-private.h"

/* The text of the printed opinion, in the order a referring pathologist
 * reads it: who and what (header, status), what was asked, what was
 * seen and concluded, how it compares with the referring diagnosis;
 * then (in cs-report-layout-figures.c) the figures; then the addenda
 * and the signature. Members the report lacks are left out, never
 * printed empty, except the required ones a draft has not filled yet. */

#define LABEL_COLUMN (34.0 * 72.0 / 25.4)
#define HEADER_GAP   12.0

#define RGB_RULE     0x8a8a8a
#define RGB_DRAFT    0xfbe3b4
#define RGB_TAMPERED 0xf6c4c4
#define RGB_SIGNED   0xd9ecd9

static const char *
text_at (CsReportLayout *self,
         const char     *path)
{
  const char *text = cs_report_get_text (self->report, path);

  return text != NULL && *text != '\0' ? text : NULL;
}

void
_cs_report_layout_add_heading (CsReportLayout *self,
                               const char     *text)
{
  _cs_report_layout_add_heading_keep (self, text, 40);
}

/* A heading on the same page as the first @keep points of what follows. */
void
_cs_report_layout_add_heading_keep (CsReportLayout *self,
                                    const char     *text,
                                    double          keep)
{
  g_autofree char *markup = g_markup_printf_escaped ("<span size='11pt' weight='bold'>%s</span>",
                                                     text);
  g_autoptr(PangoLayout) layout = _cs_report_layout_markup (self, markup, 0);
  CsLayoutItem *rule;

  _cs_report_layout_need (self, CS_LAYOUT_PARAGRAPH + _cs_report_layout_height (layout) + 5 + keep);
  self->y += CS_LAYOUT_PARAGRAPH;
  _cs_report_layout_flow (self, layout, CS_LAYOUT_MARGIN);
  rule = _cs_report_layout_add_item (self, CS_LAYOUT_ITEM_FILL, CS_LAYOUT_MARGIN, self->y + 1,
                                     _cs_report_layout_content_width (self), 0.5);
  rule->rgb = RGB_RULE;
  self->y += 4;
}

static void
add_markup (CsReportLayout *self,
            const char     *markup,
            double          indent)
{
  g_autoptr(PangoLayout) layout = _cs_report_layout_markup (
    self, markup, _cs_report_layout_content_width (self) - indent);

  _cs_report_layout_flow (self, layout, CS_LAYOUT_MARGIN + indent);
  self->y += CS_LAYOUT_PARAGRAPH / 2;
}

void
_cs_report_layout_add_paragraph (CsReportLayout *self,
                                 const char     *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  add_markup (self, markup, 0);
}

/* A section: its heading and text, or "Not provided" in a draft. */
static void
add_text_section (CsReportLayout *self,
                  const char     *heading,
                  const char     *path)
{
  const char *text = text_at (self, path);

  if (text == NULL)
    return;
  _cs_report_layout_add_heading (self, heading);
  _cs_report_layout_add_paragraph (self, text);
}

/* Where the values start: LABEL_COLUMN, or further when a label is wider
 * (longer words in other languages: "コンサルト受付番号"), at most half of
 * @width (0: no limit). */
static double
label_column (CsReportLayout *self,
              GPtrArray      *rows,
              double          width)
{
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *markup = NULL;
  PangoRectangle extents;
  double column;

  for (guint i = 0; i + 1 < rows->len; i += 2)
    g_string_append_printf (labels, "%s%s", labels->len > 0 ? "\n" : "", (char *) rows->pdata[i]);
  markup = g_markup_escape_text (labels->str, -1);
  layout = _cs_report_layout_markup (self, markup, 0);
  pango_layout_get_extents (layout, NULL, &extents);
  column = MAX (LABEL_COLUMN, pango_units_to_double (extents.width) + 8);
  return width > 0 ? MIN (column, width / 2) : column;
}

/* "Label  value" rows with the values in one column, wrapped under it. */
static PangoLayout *
make_rows (CsReportLayout *self,
           GPtrArray      *rows,
           double          width)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  double column = label_column (self, rows, width > 0 ? width
                                : _cs_report_layout_content_width (self));
  PangoLayout *layout;
  PangoTabArray *tabs;

  for (guint i = 0; i + 1 < rows->len; i += 2)
    {
      g_autofree char *row = g_markup_printf_escaped ("<span foreground='#555555'>%s</span>\t%s",
                                                      (char *) rows->pdata[i],
                                                      (char *) rows->pdata[i + 1]);

      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      g_string_append (markup, row);
    }
  layout = _cs_report_layout_markup (self, markup->str, width);
  tabs = pango_tab_array_new_with_positions (1, FALSE, PANGO_TAB_LEFT,
                                             pango_units_from_double (column));
  pango_layout_set_tabs (layout, tabs);
  pango_layout_set_indent (layout, -pango_units_from_double (column));
  pango_tab_array_free (tabs);
  return layout;
}

static void
add_row (GPtrArray  *rows,
         const char *label,
         const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_ptr_array_add (rows, g_strdup (label));
  g_ptr_array_add (rows, g_strdup (value));
}

static void
add_title (CsReportLayout *self)
{
  g_autofree char *markup = g_markup_printf_escaped (
    "<span size='15pt' weight='bold'>%s</span>\n<span foreground='#555555'>%s</span>",
    _("Second-Opinion Consultation Report"),
    _("Digital pathology consultation on whole-slide images"));
  g_autoptr(PangoLayout) layout = _cs_report_layout_markup (self, markup, 0);

  _cs_report_layout_flow (self, layout, CS_LAYOUT_MARGIN);
  self->y += CS_LAYOUT_PARAGRAPH;
}

static JsonArray *
array_at (CsReportLayout *self,
          const char     *path)
{
  JsonNode *node = cs_json_path_lookup (cs_report_get_root (self->report), path);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
member_text (JsonObject *object,
             const char *name)
{
  const char *text = cs_json_object_get_text (object, name);

  return text != NULL && *text != '\0' ? text : NULL;
}

/* The reason of the last "withdrawal" revision. */
static const char *
withdrawal_reason (CsReportLayout *self)
{
  JsonArray *revisions = array_at (self, "revisions");
  const char *reason = NULL;

  for (guint i = 0; revisions != NULL && i < json_array_get_length (revisions); i++)
    {
      JsonNode *node = json_array_get_element (revisions, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (member_text (json_node_get_object (node), "type"), "withdrawal") == 0)
        reason = member_text (json_node_get_object (node), "reason");
    }
  return reason;
}

/* The status, impossible to miss: signed (with the time), a draft, or
 * altered after signing. */
static void
add_banner (CsReportLayout *self)
{
  CsReportStatus status = cs_report_get_status (self->report);
  g_autofree char *signed_at = _cs_report_layout_format_time (text_at (self, "signature.signed_at"));
  g_autofree char *markup = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  CsLayoutItem *box;
  guint32 rgb;
  double height;

  if (cs_report_get_tampered (self->report))
    {
      markup = g_markup_printf_escaped (
        "<span weight='bold' foreground='#9b0000'>%s</span>\n%s",
        _("MODIFIED AFTER SIGNING"),
        _("This document does not match its signature: it was changed after it was signed. "
          "Do not rely on it; ask the consultant for the signed report."));
      rgb = RGB_TAMPERED;
    }
  else if (status == CS_REPORT_STATUS_WITHDRAWN)
    {
      const char *reason = withdrawal_reason (self);

      markup = g_markup_printf_escaped (
        "<span weight='bold' foreground='#9b0000'>%s — %s</span>\n%s %s",
        _("WITHDRAWN"), signed_at != NULL ? signed_at : "",
        _("This report has been withdrawn and must not be used for diagnosis. Reason:"),
        reason != NULL ? reason : _("not given"));
      rgb = RGB_TAMPERED;
    }
  else if (cs_report_status_is_signed (status))
    {
      const char *hash = text_at (self, "signature.content_sha256");

      /* Translators: e.g. "Final — signed 2026-08-09 14:02 UTC" */
      markup = g_markup_printf_escaped ("<span weight='bold' foreground='#1d5e1d'>%s — %s %s</span>\n"
                                        "<span size='8pt'>%s <tt>%s</tt></span>",
                                        cs_report_status_get_label (status), _("signed"),
                                        signed_at != NULL ? signed_at : "", _("Content SHA-256"),
                                        hash != NULL ? hash : "");
      rgb = RGB_SIGNED;
    }
  else
    {
      markup = g_markup_printf_escaped (
        "<span weight='bold' foreground='#8a4b00'>%s</span>  (%s)\n%s",
        _("DRAFT — not signed"), cs_report_status_get_label (status),
        _("Not a diagnostic report until the consultant signs it."));
      rgb = RGB_DRAFT;
    }
  changed = _cs_report_layout_changed_figures (self);
  if (changed != NULL)
    {
      /* Translators: %s lists figure numbers, "1, 3" */
      g_autofree char *what = g_strdup_printf (_("Region changed after signing: figure %s"),
                                               changed);
      g_autofree char *line = g_markup_printf_escaped (
        "<span weight='bold' foreground='#9b0000'>%s</span> %s", what,
        _("The annotation drawn is not the one that was signed."));
      char *with_regions = g_strconcat (markup, "\n", line, NULL);

      g_free (markup);
      markup = with_regions;
      rgb = RGB_TAMPERED;
    }
  layout = _cs_report_layout_markup (self, markup, _cs_report_layout_content_width (self) - 12);
  height = _cs_report_layout_height (layout) + 8;
  box = _cs_report_layout_add_item (self, CS_LAYOUT_ITEM_FILL, CS_LAYOUT_MARGIN, self->y,
                                    _cs_report_layout_content_width (self), height);
  box->rgb = rgb;
  _cs_report_layout_place (self, layout, CS_LAYOUT_MARGIN + 6, self->y + 4);
  self->y += height + HEADER_GAP;
}

static char *
join_name (CsReportLayout *self,
           const char     *name_path,
           const char     *extra_path)
{
  const char *name = text_at (self, name_path);
  const char *extra = text_at (self, extra_path);

  if (name == NULL)
    return NULL;
  if (extra == NULL)
    return g_strdup (name);
  return g_strdup_printf ("%s, %s", name, extra);
}

/* Left: the case and who asked; right: who answered and when. */
static void
add_header_grid (CsReportLayout *self)
{
  g_autoptr(GPtrArray) left = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) right = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *consultant = join_name (self, "consultant.name", "consultant.credentials");
  g_autofree char *referrer = join_name (self, "requesting.pathologist.name",
                                         "requesting.pathologist.contact");
  g_autofree char *site = join_name (self, "requesting.institution", "requesting.department");
  g_autofree char *requested = _cs_report_layout_format_time (text_at (self, "requesting.requested_at"));
  g_autofree char *created = _cs_report_layout_format_time (text_at (self, "created"));
  g_autofree char *modified = _cs_report_layout_format_time (text_at (self, "modified"));
  g_autofree char *revision = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               cs_report_get_revision (self->report));
  double half = (_cs_report_layout_content_width (self) - HEADER_GAP) / 2;
  g_autoptr(PangoLayout) left_layout = NULL;
  g_autoptr(PangoLayout) right_layout = NULL;

  add_row (left, _("Consult no."), text_at (self, "case.consult_accession"));
  add_row (left, _("Referring no."), text_at (self, "case.referring_accession"));
  add_row (left, _("Patient"), text_at (self, "case.patient.pseudonym"));
  add_row (left, _("Referred by"), referrer);
  add_row (left, _("Referring site"), site);
  add_row (left, _("Priority"),
           _cs_report_layout_priority_label (text_at (self, "requesting.priority")));
  add_row (right, _("Consultant"), consultant);
  add_row (right, _("Institution"), text_at (self, "consultant.institution"));
  add_row (right, _("Requested"), requested);
  add_row (right, _("Created"), created);
  add_row (right, _("Modified"), modified);
  add_row (right, _("Revision"), revision);
  add_row (right, _("Status"), cs_report_status_get_label (cs_report_get_status (self->report)));

  left_layout = make_rows (self, left, half);
  right_layout = make_rows (self, right, half);
  _cs_report_layout_place (self, left_layout, CS_LAYOUT_MARGIN, self->y);
  _cs_report_layout_place (self, right_layout, CS_LAYOUT_MARGIN + half + HEADER_GAP, self->y);
  self->y += MAX (_cs_report_layout_height (left_layout),
                  _cs_report_layout_height (right_layout)) + CS_LAYOUT_PARAGRAPH;
}

/* "ICD-O-3-M 8140/3 Adenocarcinoma, NOS; …" */
static char *
format_codes (JsonArray *codes)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; codes != NULL && i < json_array_get_length (codes); i++)
    {
      JsonNode *node = json_array_get_element (codes, i);
      JsonObject *code;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      code = json_node_get_object (node);
      if (out->len > 0)
        g_string_append (out, "; ");
      for (const char * const *name = (const char * const[]) { "system", "code", "display", NULL };
           *name != NULL; name++)
        if (member_text (code, *name) != NULL)
          g_string_append_printf (out, "%s%s", out->len > 0 && out->str[out->len - 1] != ' '
                                  ? " " : "", member_text (code, *name));
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static JsonArray *
object_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
add_referring (CsReportLayout *self)
{
  JsonNode *node = cs_json_path_lookup (cs_report_get_root (self->report), "referring_diagnosis");
  JsonObject *referring;
  JsonArray *differential;
  g_autofree char *codes = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  referring = json_node_get_object (node);
  _cs_report_layout_add_heading (self, _("Referring diagnosis"));
  if (member_text (referring, "text") != NULL)
    _cs_report_layout_add_paragraph (self, member_text (referring, "text"));
  differential = object_array (referring, "differential");
  for (guint i = 0; differential != NULL && i < json_array_get_length (differential); i++)
    {
      const char *item = json_array_get_string_element (differential, i);
      g_autofree char *markup = NULL;

      if (item == NULL)
        continue;
      markup = g_markup_printf_escaped ("%s %s", _("Differential:"), item);
      add_markup (self, markup, 0);
    }
  codes = format_codes (object_array (referring, "codes"));
  if (codes != NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<span foreground='#555555'>%s</span> %s",
                                                         _("Codes:"), codes);
      add_markup (self, markup, 0);
    }
}

/* The slides the opinion is based on. */
static void
add_materials (CsReportLayout *self)
{
  JsonArray *slides = array_at (self, "materials.slides");
  const char *other = text_at (self, "materials.other");

  if ((slides == NULL || json_array_get_length (slides) == 0) && other == NULL)
    return;
  _cs_report_layout_add_heading (self, _("Material reviewed"));
  for (guint i = 0; slides != NULL && i < json_array_get_length (slides); i++)
    {
      JsonNode *node = json_array_get_element (slides, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *markup = NULL;
      JsonObject *slide;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      slide = json_node_get_object (node);
      for (const char * const *name = (const char * const[]) { "slide_id", "stain", "file_name",
                                                               "scanner", NULL };
           *name != NULL; name++)
        if (member_text (slide, *name) != NULL)
          g_string_append_printf (line, "%s%s", line->len > 0 ? "  ·  " : "",
                                  member_text (slide, *name));
      if (member_text (slide, "specimen_part") != NULL)
        /* Translators: a specimen part and block, e.g. "part A, block 1" */
        g_string_append_printf (line, _("  ·  part %s, block %s"), member_text (slide, "specimen_part"),
                                member_text (slide, "block") != NULL ? member_text (slide, "block") : "–");
      if (member_text (slide, "adequacy") != NULL)
        g_string_append_printf (line, "  ·  %s", member_text (slide, "adequacy"));
      markup = g_markup_printf_escaped ("•  %s", line->str);
      add_markup (self, markup, 0);
    }
  if (other != NULL)
    _cs_report_layout_add_paragraph (self, other);
}

static void
add_diagnosis_entry (CsReportLayout *self,
                     guint           number,
                     JsonObject     *entry)
{
  const char *part = member_text (entry, "specimen_part");
  const char *certainty = member_text (entry, "certainty");
  g_autofree char *codes = format_codes (object_array (entry, "codes"));
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *head = NULL;

  if (part != NULL)
    /* Translators: a numbered diagnosis of a specimen part, "1. Part A:" */
    head = g_markup_printf_escaped (_("%u. Part %s:"), number, part);
  else
    head = g_strdup_printf ("%u.", number);
  g_string_append_printf (markup, "<b>%s</b> ", head);
  if (member_text (entry, "text") != NULL)
    {
      g_autofree char *text = _cs_report_layout_diagnosis_markup (certainty,
                                                                  member_text (entry, "text"));
      g_string_append (markup, text);
    }
  else if (certainty != NULL)
    {
      g_autofree char *text = g_markup_printf_escaped (
        "<i>%s</i>", _cs_report_layout_certainty_label (certainty));
      g_string_append (markup, text);
    }
  if (codes != NULL)
    {
      g_autofree char *text = g_markup_printf_escaped ("\n<span foreground='#555555'>%s</span> %s",
                                                       _("Codes:"), codes);
      g_string_append (markup, text);
    }
  add_markup (self, markup->str, 0);
}

static void
add_diagnosis (CsReportLayout *self)
{
  JsonArray *entries = array_at (self, "diagnosis");
  guint n = entries != NULL ? json_array_get_length (entries) : 0;

  _cs_report_layout_add_heading (self, _("Diagnosis"));
  if (n == 0)
    _cs_report_layout_add_paragraph (self, _("No diagnosis entered yet."));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (entries, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        add_diagnosis_entry (self, i + 1, json_node_get_object (node));
    }
}

static const char *
flag_text (CsReportLayout *self,
           const char     *path)
{
  JsonNode *node = cs_json_path_lookup (cs_report_get_root (self->report), path);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return NULL;
  return json_node_get_boolean (node) ? _("yes") : _("no");
}

static void
add_agreement (CsReportLayout *self)
{
  CsAgreement agreement = cs_report_get_agreement (self->report);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PangoLayout) layout = NULL;

  if (agreement == CS_AGREEMENT_NONE && text_at (self, "agreement.rationale") == NULL)
    return;
  _cs_report_layout_add_heading (self, _("Agreement with the referring diagnosis"));
  add_row (rows, _("Category"), agreement != CS_AGREEMENT_NONE
           ? cs_agreement_get_label (agreement) : _("Not stated"));
  add_row (rows, _("Diagnosis changed"), flag_text (self, "agreement.diagnosis_changed"));
  add_row (rows, _("Treatment impact"), flag_text (self, "agreement.treatment_impact"));
  add_row (rows, _("Prognosis impact"), flag_text (self, "agreement.prognosis_impact"));
  add_row (rows, _("Rationale"), text_at (self, "agreement.rationale"));
  layout = make_rows (self, rows, 0);
  pango_layout_set_width (layout, pango_units_from_double (_cs_report_layout_content_width (self)));
  _cs_report_layout_flow (self, layout, CS_LAYOUT_MARGIN);
  self->y += CS_LAYOUT_PARAGRAPH / 2;
}

static void
add_ancillary (CsReportLayout *self)
{
  JsonArray *studies = array_at (self, "ancillary_studies");
  guint n = studies != NULL ? json_array_get_length (studies) : 0;

  if (n == 0)
    return;
  _cs_report_layout_add_heading (self, _("Ancillary studies"));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (studies, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *markup = NULL;
      JsonObject *study;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      study = json_node_get_object (node);
      for (const char * const *name = (const char * const[]) { "type", "marker", "clone",
                                                               "slide_id", NULL };
           *name != NULL; name++)
        if (member_text (study, *name) != NULL)
          g_string_append_printf (line, "%s%s", line->len > 0 ? " " : "", member_text (study, *name));
      markup = g_markup_printf_escaped ("•  <b>%s</b>: %s", line->str,
                                        member_text (study, "result") != NULL
                                        ? member_text (study, "result") : "");
      add_markup (self, markup, 0);
    }
}

void
_cs_report_layout_add_sections (CsReportLayout *self)
{
  add_title (self);
  add_banner (self);
  add_header_grid (self);
  add_text_section (self, _("Question asked"), "question");
  add_text_section (self, _("Clinical history"), "clinical_history");
  add_referring (self);
  add_materials (self);
  add_text_section (self, _("Microscopic description"), "microscopic_description");
  add_diagnosis (self);
  add_agreement (self);
  add_text_section (self, _("Comment"), "comment");
  add_text_section (self, _("Recommendations"), "recommendations");
  add_ancillary (self);
}

static void
add_revision (CsReportLayout *self,
              JsonObject     *revision)
{
  g_autofree char *at = _cs_report_layout_format_time (member_text (revision, "at"));
  const char *type = member_text (revision, "type");
  const char *reason = member_text (revision, "reason");
  const char *text = member_text (revision, "text");
  JsonArray *changed = object_array (revision, "changed_fields");
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *head = NULL;

  JsonNode *number = json_object_get_member (revision, "revision");
  g_autofree char *number_text = number != NULL && JSON_NODE_HOLDS_VALUE (number) &&
                                 json_node_get_value_type (number) == G_TYPE_INT64
    ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (number)) : g_strdup ("");
  const char *by = member_text (revision, "by");

  /* Translators: "Revision 2 — addendum, 2026-08-10 09:00 UTC, Dr. Ito" */
  head = g_markup_printf_escaped (_("Revision %s — %s, %s, %s"), number_text,
                                  type != NULL ? type : "", at != NULL ? at : "",
                                  by != NULL ? by : "");
  g_string_append_printf (markup, "<b>%s</b>", head);
  if (reason != NULL)
    {
      g_autofree char *line = g_markup_printf_escaped ("\n<i>%s</i> %s", _("Reason:"), reason);
      g_string_append (markup, line);
    }
  if (changed != NULL && json_array_get_length (changed) > 0)
    {
      g_autoptr(GString) fields = g_string_new (NULL);
      g_autofree char *line = NULL;

      for (guint i = 0; i < json_array_get_length (changed); i++)
        if (json_array_get_string_element (changed, i) != NULL)
          g_string_append_printf (fields, "%s%s", fields->len > 0 ? ", " : "",
                                  json_array_get_string_element (changed, i));
      line = g_markup_printf_escaped ("\n<i>%s</i> %s", _("Changed:"), fields->str);
      g_string_append (markup, line);
    }
  if (text != NULL)
    {
      g_autofree char *line = g_markup_printf_escaped ("\n%s", text);
      g_string_append (markup, line);
    }
  add_markup (self, markup->str, 0);
}

static void
add_revisions (CsReportLayout *self)
{
  JsonArray *revisions = array_at (self, "revisions");
  guint n = revisions != NULL ? json_array_get_length (revisions) : 0;

  if (n == 0)
    return;
  _cs_report_layout_add_heading (self, _("Revision history"));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (revisions, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        add_revision (self, json_node_get_object (node));
    }
}

/* Who signed, when, what they attest and the content hash that lets the
 * reader check the document; or, unsigned, that it is not a report. */
void
_cs_report_layout_add_signature (CsReportLayout *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *signed_at = _cs_report_layout_format_time (text_at (self, "signature.signed_at"));
  g_autoptr(PangoLayout) layout = NULL;
  const char *hash = text_at (self, "signature.content_sha256");

  add_revisions (self);
  _cs_report_layout_add_heading (self, _("Signature"));
  if (!cs_report_status_is_signed (cs_report_get_status (self->report)) || hash == NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped (
        "<span weight='bold' foreground='#8a4b00'>%s</span>  %s", _("DRAFT — not signed"),
        _("This opinion has not been signed and must not be used for diagnosis."));

      add_markup (self, markup, 0);
      return;
    }
  add_row (rows, _("Signed by"), text_at (self, "signature.signer"));
  add_row (rows, _("Role"), text_at (self, "signature.role"));
  add_row (rows, _("Signed at"), signed_at);
  add_row (rows, _("Attestation"), text_at (self, "signature.attestation"));
  add_row (rows, _("Content SHA-256"), hash);
  if (cs_report_get_tampered (self->report))
    add_row (rows, _("Verification"), _("MODIFIED AFTER SIGNING: the content does not match "
                                        "this hash"));
  layout = make_rows (self, rows, 0);
  _cs_report_layout_need (self, _cs_report_layout_height (layout));
  _cs_report_layout_flow (self, layout, CS_LAYOUT_MARGIN);
}
