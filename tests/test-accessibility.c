/* test-accessibility.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-accessibility"

#include "config.h"

#include "cs-about.h"
#include "cs-archive-browse-dialog.h"
#include "cs-archive-preferences.h"
#include "cs-deidentify-dialog.h"
#include "cs-package-export-dialog.h"
#include "cs-package-import-dialog.h"
#include "cs-preferences-window.h"
#include "cs-settings.h"
#include "cs-snapshot-dialog.h"
#include "cs-test-gnome.h"

/* Every icon-only button (GtkButton, GtkToggleButton, GtkMenuButton with
 * an icon and no label) has an accessible label, which a screen reader
 * speaks, and a tooltip, which a sighted user reads; Tab reaches every
 * button.
 *
 * GTK 4.8 has no public getter for accessible properties, but it has the
 * test accessibility backend: with GTK_A11Y=test each widget's AT context
 * keeps what was set on it, and gtk_test_accessible_has_property() reads
 * it. So the live widget tree is checked as a screen reader would see it,
 * whether the label came from a .ui file (<accessibility>) or from code
 * (gtk_accessible_update_property), with a slide open and the annotation
 * panel and report pane shown. The .ui files are checked too, for the
 * buttons of dialogs and popovers not built by then. Every dialog closes
 * on Escape. Needs a display. */

static gboolean
has_icon_child (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  return child != NULL && GTK_IS_IMAGE (child) && gtk_widget_get_next_sibling (child) == NULL;
}

static gboolean
is_icon_only (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    {
      GtkMenuButton *button = GTK_MENU_BUTTON (widget);

      return gtk_menu_button_get_label (button) == NULL &&
             gtk_menu_button_get_child (button) == NULL &&
             gtk_menu_button_get_icon_name (button) != NULL;
    }
  if (GTK_IS_BUTTON (widget))
    {
      GtkButton *button = GTK_BUTTON (widget);

      return gtk_button_get_label (button) == NULL &&
             (gtk_button_get_icon_name (button) != NULL || has_icon_child (widget));
    }

  return FALSE;
}

static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (G_OBJECT_TYPE_NAME (widget));
  const char *icon = GTK_IS_MENU_BUTTON (widget)
                     ? gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget))
                     : gtk_button_get_icon_name (GTK_BUTTON (widget));

  g_string_append_printf (path, "[%s] in %s", icon != NULL ? icon : "image",
                          G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Cs"))
      {
        g_string_append_printf (path, " in %s", G_OBJECT_TYPE_NAME (w));
        break;
      }

  return g_string_free (path, FALSE);
}

/* Buttons GTK and libadwaita build inside their own widgets (the window
 * controls, a tab's close button, an entry row's apply button) are
 * theirs to label: the walk leaves them. */
static gboolean
is_toolkit_inside (GtkWidget *widget)
{
  static const char *composites[] = { "GtkWindowControls", "AdwTab", "AdwEntryRow",
                                      "GtkMenuButton" };

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Cs"))
        return FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (composites); i++)
        if (g_str_equal (G_OBJECT_TYPE_NAME (w), composites[i]))
          return TRUE;
    }

  return FALSE;
}

static void
check_button (GtkWidget *widget,
              GString   *offenders)
{
  g_autofree char *name = NULL;
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  gboolean labelled, tipped, focusable;

  if (!is_icon_only (widget) || is_toolkit_inside (widget))
    return;

  labelled = gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                               GTK_ACCESSIBLE_PROPERTY_LABEL);
  tipped = tooltip != NULL && tooltip[0] != '\0';
  /* Tab reaches it (focus-on-click may be off: a click need not take the
   * focus from the slide); a menu button's focus is its inner button's. */
  focusable = gtk_widget_get_focusable (GTK_IS_MENU_BUTTON (widget)
                                        ? gtk_widget_get_first_child (widget)
                                        : widget);
  if (labelled && tipped && focusable)
    return;

  name = describe (widget);
  g_string_append_printf (offenders, "%s:%s%s%s\n", name,
                          labelled ? "" : " no accessible label",
                          tipped ? "" : " no tooltip",
                          focusable ? "" : " not focusable");
}

static void
walk (GtkWidget *widget,
      GString   *offenders,
      guint     *n_checked)
{
  if (is_icon_only (widget) && !is_toolkit_inside (widget))
    (*n_checked)++;
  check_button (widget, offenders);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, offenders, n_checked);
}

static void
test_accessibility_live_tree (void)
{
  g_autoptr(GString) offenders = g_string_new (NULL);
  CsTestGnome gnome = { 0 };
  guint n_checked = 0;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  cs_test_gnome_setup (&gnome);
  walk (GTK_WIDGET (gnome.window), offenders, &n_checked);
  g_test_message ("%u icon-only buttons checked", n_checked);
  /* Sanity: the header bar's, the tools', the panel's and the pane's. */
  g_assert_cmpuint (n_checked, >=, 20);
  g_assert_cmpstr (offenders->str, ==, "");

  cs_test_gnome_teardown (&gnome);
}

/* Escape as the dialog's own shortcut controllers take it: the action of
 * the shortcut whose trigger is Escape, activated on the dialog. */
static gboolean
press_escape (GtkWidget *dialog)
{
  g_autoptr(GPtrArray) shortcuts = cs_test_gnome_shortcuts (dialog);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      GtkShortcut *shortcut = g_ptr_array_index (shortcuts, i);
      g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

      if (g_str_equal (trigger, "Escape"))
        return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, dialog,
                                             gtk_shortcut_get_arguments (shortcut));
    }

  return FALSE;
}

static gboolean
is_hidden (gpointer data)
{
  GtkWidget **dialog = data;

  return *dialog == NULL || !gtk_widget_get_visible (*dialog);
}

static void
check_escape_closes (GtkWidget *dialog,
                     GString   *offenders)
{
  g_autofree char *type = g_strdup (G_OBJECT_TYPE_NAME (dialog));
  gpointer pointer = dialog;

  g_object_add_weak_pointer (pointer, &pointer);
  gtk_window_present (GTK_WINDOW (dialog));
  if (!press_escape (dialog))
    g_string_append_printf (offenders, "%s: no Escape shortcut\n", type);
  else if (!cs_test_wait_until (is_hidden, &pointer, CS_TEST_UI_TIMEOUT_MS))
    g_string_append_printf (offenders, "%s: Escape leaves it open\n", type);
  if (pointer != NULL)
    {
      g_object_remove_weak_pointer (pointer, &pointer);
      gtk_window_destroy (GTK_WINDOW (pointer));
    }
}

static void
test_accessibility_escape_closes_dialogs (void)
{
  g_autoptr(GString) offenders = g_string_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CsCase) kase = cs_case_new ();
  CsTestGnome gnome = { 0 };
  GtkWindow *parent;
  CsViewport viewport;
  GtkWidget *dialogs[9];
  g_autoptr(GtkWidget) archives = g_object_ref_sink (cs_archive_preferences_new (cs_settings_get_default ()));

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  cs_test_gnome_setup (&gnome);
  parent = GTK_WINDOW (gnome.window);
  cs_slide_view_get_viewport (cs_slide_page_get_active_view (cs_window_get_selected_page (gnome.window)),
                              &viewport);
  dialogs[0] = GTK_WIDGET (cs_about_window_new (parent));
  dialogs[1] = cs_preferences_window_new (cs_settings_get_default ());
  dialogs[2] = GTK_WIDGET (cs_snapshot_dialog_new (parent, &viewport, 20.0));
  dialogs[3] = GTK_WIDGET (cs_deidentify_dialog_new (parent, cancellable));
  dialogs[4] = GTK_WIDGET (cs_package_export_dialog_new (parent, kase));
  dialogs[5] = GTK_WIDGET (cs_package_import_dialog_new (gnome.window, "/nonexistent/case.zip"));
  dialogs[6] = GTK_WIDGET (g_object_new (ADW_TYPE_MESSAGE_DIALOG, "transient-for", parent,
                                         "heading", "Message", NULL));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialogs[6]), "close", "Close");
  dialogs[7] = GTK_WIDGET (cs_archive_browse_dialog_new (parent, cs_settings_get_default ()));
  dialogs[8] = GTK_WIDGET (gtk_widget_get_root (cs_archive_preferences_edit (CS_ARCHIVE_PREFERENCES (archives), -1)));
  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    check_escape_closes (dialogs[i], offenders);
  g_assert_cmpstr (offenders->str, ==, "");

  cs_test_gnome_teardown (&gnome);
}

/* The .ui files, for the buttons of windows and popovers the live walk
 * does not build: each GtkButton, GtkToggleButton or GtkMenuButton with an
 * icon-name and neither a label nor a child has tooltip-text and an
 * <accessibility> label. */
typedef struct
{
  gboolean button;
  char    *id;
  char    *icon;
  gboolean label;
  gboolean child;
  gboolean tooltip;
  gboolean accessible_label;
} UiObject;

typedef struct
{
  const char *file;
  GPtrArray  *objects;        /* of UiObject, innermost last */
  guint       in_accessibility;
  guint       n_checked;
  GString    *offenders;
} UiParser;

static void
ui_object_free (gpointer data)
{
  UiObject *object = data;

  g_free (object->id);
  g_free (object->icon);
  g_free (object);
}

static UiObject *
ui_top (UiParser *parser)
{
  return parser->objects->len > 0 ? g_ptr_array_index (parser->objects,
                                                       parser->objects->len - 1) : NULL;
}

static void
ui_start (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  UiParser *parser = user_data;
  UiObject *top = ui_top (parser);
  const char *class = NULL, *id = NULL, *name = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "class"))
      class = values[i];
    else if (g_str_equal (names[i], "id"))
      id = values[i];
    else if (g_str_equal (names[i], "name"))
      name = values[i];

  if (g_str_equal (element, "object") || g_str_equal (element, "template"))
    {
      UiObject *object = g_new0 (UiObject, 1);

      object->button = g_strv_contains ((const char *[]) { "GtkButton", "GtkToggleButton",
                                                           "GtkMenuButton", NULL },
                                        class != NULL ? class : "");
      object->id = g_strdup (id);
      if (top != NULL && g_str_equal (element, "object"))
        top->child = TRUE;
      g_ptr_array_add (parser->objects, object);
    }
  else if (g_str_equal (element, "accessibility"))
    parser->in_accessibility++;
  else if (top != NULL && g_str_equal (element, "property") && name != NULL)
    {
      if (parser->in_accessibility > 0)
        top->accessible_label |= g_str_equal (name, "label");
      else if (g_str_equal (name, "label") || g_str_equal (name, "child"))
        top->label = TRUE;
      else if (g_str_equal (name, "tooltip-text"))
        top->tooltip = TRUE;
      else if (g_str_equal (name, "icon-name"))
        top->icon = g_strdup ("");
    }
}

static void
ui_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  UiParser *parser = user_data;
  UiObject *top = ui_top (parser);

  if (top != NULL && top->icon != NULL && top->icon[0] == '\0' &&
      g_str_equal (g_markup_parse_context_get_element (context), "property"))
    {
      g_free (top->icon);
      top->icon = g_strndup (text, length);
    }
}

static void
ui_end (GMarkupParseContext  *context,
        const char           *element,
        gpointer              user_data,
        GError              **error)
{
  UiParser *parser = user_data;
  UiObject *top = ui_top (parser);

  if (g_str_equal (element, "accessibility"))
    parser->in_accessibility--;
  if (!g_str_equal (element, "object") && !g_str_equal (element, "template"))
    return;

  if (top->button && top->icon != NULL && !top->label && !top->child)
    {
      parser->n_checked++;
      if (!top->tooltip || !top->accessible_label)
        g_string_append_printf (parser->offenders, "%s: %s[%s]:%s%s\n", parser->file,
                                top->id != NULL ? top->id : "(no id)", top->icon,
                                top->accessible_label ? "" : " no accessible label",
                                top->tooltip ? "" : " no tooltip");
    }
  g_ptr_array_set_size (parser->objects, parser->objects->len - 1);
}

static void
check_ui_file (const char *path,
               UiParser   *parser)
{
  static const GMarkupParser callbacks = { ui_start, ui_end, ui_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  bytes = g_resources_lookup_data (path, 0, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  parser->file = path;
  context = g_markup_parse_context_new (&callbacks, 0, parser, NULL);
  g_assert_true (g_markup_parse_context_parse (context, data, size, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (parser->objects->len, ==, 0);
}

static void
test_accessibility_ui_files (void)
{
  static const char *dir = "/io/github/consilium/Consilium/ui/";
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (ui_object_free);
  g_autoptr(GString) offenders = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  UiParser parser = { NULL, objects, 0, 0, offenders };
  guint n_files = 0;

  names = g_resources_enumerate_children (dir, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".ui"))
      {
        g_autofree char *path = g_strconcat (dir, names[i], NULL);

        check_ui_file (path, &parser);
        n_files++;
      }

  g_test_message ("%u .ui files, %u icon-only buttons", n_files, parser.n_checked);
  g_assert_cmpuint (n_files, >=, 15);
  g_assert_cmpuint (parser.n_checked, >=, 15);
  g_assert_cmpstr (offenders->str, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  /* The test backend keeps the accessible properties readable. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  cs_test_window_init (&argc, &argv);

  g_test_add_func ("/accessibility/live-tree", test_accessibility_live_tree);
  g_test_add_func ("/accessibility/ui-files", test_accessibility_ui_files);
  g_test_add_func ("/accessibility/escape-closes-dialogs",
                   test_accessibility_escape_closes_dialogs);

  return cs_test_window_run ();
}
