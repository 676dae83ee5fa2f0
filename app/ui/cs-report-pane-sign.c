/* cs-report-pane-sign.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report-pane"

#include "config.h"

#include "cs-json-path.h"
#include "cs-report-pane-private.h"
#include "cs-toast.h"
#include "cs-widget-utils.h"

#include <glib/gi18n.h>
#include <inttypes.h>

/* Sign-off: Finalise… names what is missing, else asks for confirmation
 * with the attestation and signs (the cited annotations of this slide are
 * locked); the signature (who, when, content hash) is then shown, with the
 * addenda and the earlier signed revisions, which stay readable. Add
 * Addendum… and Amend… follow the core's rules. */

static const char *
cs_report_pane_signer (CsReportPane *self)
{
  const char *name = cs_report_get_text (self->report, "consultant.name");

  return name != NULL && *name != '\0' ? name : g_get_real_name ();
}

/* "2026-11-28 09:05:03 UTC" from the stored ISO 8601 time. */
static char *
format_time (const char *iso8601)
{
  g_autoptr(GDateTime) time = iso8601 ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;

  if (time == NULL)
    return g_strdup (iso8601 ? iso8601 : "");
  /* Translators: the time an opinion was signed, as g_date_time_format()
   * takes it: put the day, month and year in your locale's order; keep
   * the seconds and "UTC" (the signature covers this exact time) */
  return g_date_time_format (time, C_("signature time", "%Y-%m-%d %H:%M:%S UTC"));
}

static GtkWidget *
info_row (const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  if (title != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

static void
on_copy_hash_cb (GtkButton    *button,
                 CsReportPane *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          gtk_label_get_text (self->hash_label));
}

void
_cs_report_pane_build_signature (CsReportPane *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *hash_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *heading = gtk_label_new (_("Content SHA-256"));
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  g_autoptr(PangoAttrList) attributes = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Signature"));
  self->signed_by_row = info_row (NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->signed_by_row);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (copy, "flat");
  cs_widget_set_tooltip_label (copy, _("Copy the Content Hash"));
  g_signal_connect_object (copy, "clicked", G_CALLBACK (on_copy_hash_cb), self, 0);
  gtk_box_append (GTK_BOX (top), heading);
  gtk_box_append (GTK_BOX (top), copy);
  self->hash_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->hash_label), "content-sha256");
  gtk_label_set_selectable (self->hash_label, TRUE);
  gtk_label_set_wrap (self->hash_label, TRUE);
  gtk_label_set_wrap_mode (self->hash_label, PANGO_WRAP_CHAR);
  gtk_label_set_xalign (self->hash_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->hash_label), "monospace");
  /* Broken across lines, a hash must not gain a hyphen. */
  attributes = pango_attr_list_new ();
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (self->hash_label, attributes);
  gtk_box_append (GTK_BOX (hash_box), top);
  gtk_box_append (GTK_BOX (hash_box), GTK_WIDGET (self->hash_label));
  gtk_widget_set_margin_top (hash_box, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hash_box);
  self->signature_group = group;
  gtk_box_append (GTK_BOX (self->opinion_box), group);

  /* After the figures: cs_report_pane_init appends it. */
  self->history_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The addenda and amendments the opinion lists in "revisions". */
static void
cs_report_pane_add_history (CsReportPane *self)
{
  JsonNode *node = json_object_get_member (cs_report_get_root (self->report), "revisions");
  JsonArray *revisions = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  GtkWidget *group;

  if (revisions == NULL || json_array_get_length (revisions) == 0)
    return;
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Addenda and Amendments"));
  for (guint i = 0; i < json_array_get_length (revisions); i++)
    {
      JsonObject *entry = json_array_get_object_element (revisions, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      const char *type = cs_json_object_get_text (entry, "type");
      const char *text = cs_json_object_get_text (entry, "text");
      g_autofree char *title = NULL;
      g_autofree char *reason = NULL;

      /* Translators: "addendum, revision 2 — 2026-…Z, Dr X" */
      title = g_strdup_printf (_("%s, revision %" PRId64 " — %s, %s"),
                               g_strcmp0 (type, "amendment") == 0 ? _("Amendment") : _("Addendum"),
                               json_object_get_int_member_with_default (entry, "revision", 0),
                               cs_json_object_get_text (entry, "at") ?: "",
                               cs_json_object_get_text (entry, "by") ?: "");
      /* Translators: %s is the reason given for an addendum or amendment */
      reason = g_strdup_printf (_("Reason: %s"), cs_json_object_get_text (entry, "reason") ?: "");
      gtk_box_append (GTK_BOX (box), wrapped_label (title, "heading"));
      gtk_box_append (GTK_BOX (box), wrapped_label (reason, "dim-label"));
      if (text != NULL)
        gtk_box_append (GTK_BOX (box), wrapped_label (text, NULL));
      gtk_widget_set_margin_top (box, 12);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
    }
  gtk_box_append (GTK_BOX (self->history_box), group);
}

/* Every signed revision, readable as it was signed. */
static void
cs_report_pane_add_revisions (CsReportPane *self)
{
  GPtrArray *revisions = cs_report_get_signed_revisions (self->report);
  GtkWidget *group;

  if (revisions == NULL || revisions->len == 0)
    return;
  group = adw_preferences_group_new ();
  gtk_widget_set_name (group, "signed-revisions");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Signed Revisions"));
  for (guint i = 0; i < revisions->len; i++)
    {
      CsReport *revision = revisions->pdata[i];
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      const char *paths[] = { "diagnosis.0.text", "microscopic_description", "comment" };
      GtkWidget *hash;

      /* Translators: a signed revision: its number and status */
      title = g_strdup_printf (_("Revision %" PRId64 " — %s"),
                               cs_report_get_revision (revision),
                               cs_report_status_get_label (cs_report_get_status (revision)));
      /* Translators: when and by whom a revision was signed */
      subtitle = g_strdup_printf (_("Signed %s by %s"),
                                  cs_report_get_text (revision, "signature.signed_at") ?: "?",
                                  cs_report_get_text (revision, "signature.signer") ?: "?");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      for (guint j = 0; j < G_N_ELEMENTS (paths); j++)
        if (cs_report_get_text (revision, paths[j]) != NULL)
          gtk_box_append (GTK_BOX (body), wrapped_label (cs_report_get_text (revision, paths[j]),
                                                         NULL));
      hash = wrapped_label (cs_report_get_text (revision, "signature.content_sha256"),
                            "monospace");
      gtk_label_set_wrap_mode (GTK_LABEL (hash), PANGO_WRAP_CHAR);
      gtk_label_set_attributes (GTK_LABEL (hash), gtk_label_get_attributes (self->hash_label));
      gtk_box_append (GTK_BOX (body), hash);
      gtk_widget_set_margin_start (body, 12);
      gtk_widget_set_margin_end (body, 12);
      gtk_widget_set_margin_top (body, 8);
      gtk_widget_set_margin_bottom (body, 8);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), body);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (GTK_BOX (self->history_box), group);
}

void
_cs_report_pane_refresh_signature (CsReportPane *self)
{
  const char *hash;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->history_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->history_box), child);
  if (self->report == NULL)
    return;

  hash = cs_report_get_text (self->report, "signature.content_sha256");
  gtk_widget_set_visible (self->signature_group, hash != NULL);
  if (hash != NULL)
    {
      g_autofree char *title = NULL;
      g_autofree char *when = format_time (cs_report_get_text (self->report,
                                                              "signature.signed_at"));

      /* Translators: %s is the consultant who signed */
      title = g_strdup_printf (_("Signed by %s"),
                               cs_report_get_text (self->report, "signature.signer") ?: "?");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->signed_by_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->signed_by_row), when);
      gtk_label_set_text (self->hash_label, hash);
    }
  cs_report_pane_add_history (self);
  cs_report_pane_add_revisions (self);
}

static AdwMessageDialog *
cs_report_pane_dialog (CsReportPane *self,
                       const char   *heading,
                       const char   *body)
{
  return ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body));
}

/* A signature is on disk before it is shown as given: the case store's
 * own autosave waits a quarter of a second. */
static void
save_signed (CsReportPane *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !cs_case_store_flush (self->store, &error))
    _cs_report_pane_error (self, _("Could Not Save the Signed Opinion"), error);
  else
    cs_toast_show (GTK_WIDGET (self), adw_toast_new (_("Opinion signed and saved")));
}

static void
on_finalize_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         CsReportPane     *self)
{
  CsAnnotationList *list = self->page ? cs_slide_page_get_annotation_list (self->page) : NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "sign") != 0 || self->report == NULL)
    return;
  if (!cs_report_finalize (self->report, cs_report_pane_signer (self), list, &error))
    _cs_report_pane_error (self, _("Could Not Finalise the Opinion"), error);
  else
    save_signed (self);
}

void
_cs_report_pane_finalize_dialog (CsReportPane *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (self->report == NULL)
    return;
  if (!cs_report_validate (self->report, &error))
    {
      _cs_report_pane_error (self, _("The Opinion Is Not Complete"), error);
      return;
    }

  body = g_strdup_printf (
    /* Translators: %s is the consultant signing */
    _("“I personally reviewed the digital whole-slide images listed above.”\n\n"
      "Signed by %s. Once final, the opinion and the annotations it cites are locked; "
      "it then changes only by an addendum or an amendment."),
    cs_report_pane_signer (self));
  dialog = cs_report_pane_dialog (self, _("Finalise and Sign the Opinion?"), body);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "sign", _("_Sign"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_finalize_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
dialog_entry (AdwMessageDialog *dialog,
              GtkWidget        *box,
              const char       *name,
              const char       *title)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), title);
  gtk_widget_set_name (entry, name);
  gtk_box_append (GTK_BOX (box), entry);
  g_object_set_data (G_OBJECT (dialog), name, entry);
  return entry;
}

static char *
dialog_text (AdwMessageDialog *dialog,
             const char       *name)
{
  GtkWidget *widget = g_object_get_data (G_OBJECT (dialog), name);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (GTK_IS_EDITABLE (widget))
    return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget))));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
on_history_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CsReportPane     *self)
{
  g_autofree char *reason = dialog_text (dialog, "reason");
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (self->report == NULL || g_strcmp0 (response, "cancel") == 0)
    return;
  if (g_str_equal (response, "addendum"))
    {
      g_autofree char *text = dialog_text (dialog, "text");

      done = cs_report_add_addendum (self->report, cs_report_pane_signer (self), reason, text,
                                     &error);
    }
  else
    done = cs_report_amend (self->report, cs_report_pane_signer (self), reason, &error);
  if (!done)
    _cs_report_pane_error (self, _("Could Not Change the Signed Opinion"), error);
  else
    save_signed (self);
}

void
_cs_report_pane_addendum_dialog (CsReportPane *self)
{
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  dialog = cs_report_pane_dialog (self, _("Add an Addendum"),
                                  _("An addendum adds information (further stains, results) to "
                                    "the signed opinion; it is dated and signed, and the opinion "
                                    "itself is unchanged."));
  dialog_entry (dialog, box, "reason", _("Reason"));
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, 320, 120);
  gtk_widget_set_name (view, "text");
  g_object_set_data (G_OBJECT (dialog), "text", view);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), frame);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "addendum",
                                    _("_Sign Addendum"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "addendum", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_history_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_cs_report_pane_amend_dialog (CsReportPane *self)
{
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  dialog = cs_report_pane_dialog (self, _("Amend the Opinion?"),
                                  _("An amendment corrects the issued opinion: a new revision is "
                                    "edited and signed, and supersedes this one, which stays "
                                    "readable in the signed revisions."));
  dialog_entry (dialog, box, "reason", _("Reason for the amendment"));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "amend", _("_Amend"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "amend", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_history_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
