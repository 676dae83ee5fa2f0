/* test-shortcuts.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-shortcuts"

#include "config.h"

#include "cs-test-gnome.h"

/* The keyboard shortcuts window (app/ui/gtk/help-overlay.ui) lists every
 * shortcut Consilium has, and nothing that does nothing.
 *
 * What the application has: the accelerators set on it (every action
 * gtk_application_list_action_descriptions names) and the GtkShortcuts of
 * the shortcut controllers of the window's widget tree, with a slide open
 * and the annotation panel and report pane shown. Of these, Consilium's
 * own are those of its widgets (the types named Cs…), less what a Cs
 * widget inherits from its GTK or libadwaita parent class (GtkWindow's
 * focus keys, say): those are the toolkit's and the same everywhere.
 *
 * Keypad keys count as their main-keyboard twins (KP_Add as plus,
 * KP_Enter as Return…; = as +): the window shows one key for both. A
 * range (<Alt>1...<Alt>9) stands for every key in it. Mnemonics are
 * underlined in the labels themselves and not listed. Needs a display. */

typedef struct
{
  GHashTable *keys;  /* "accelerator" → where it was found */
} Shortcuts;

static const struct { guint keypad; guint main; } keypad_twins[] = {
  { GDK_KEY_KP_Add, GDK_KEY_plus }, { GDK_KEY_KP_Subtract, GDK_KEY_minus },
  { GDK_KEY_KP_Enter, GDK_KEY_Return }, { GDK_KEY_KP_Delete, GDK_KEY_Delete },
  { GDK_KEY_KP_Left, GDK_KEY_Left }, { GDK_KEY_KP_Right, GDK_KEY_Right },
  { GDK_KEY_KP_Up, GDK_KEY_Up }, { GDK_KEY_KP_Down, GDK_KEY_Down },
  { GDK_KEY_KP_Space, GDK_KEY_space }, { GDK_KEY_KP_Home, GDK_KEY_Home },
  { GDK_KEY_KP_End, GDK_KEY_End }, { GDK_KEY_KP_Page_Up, GDK_KEY_Page_Up },
  { GDK_KEY_KP_Page_Down, GDK_KEY_Page_Down }, { GDK_KEY_KP_Tab, GDK_KEY_Tab },
  /* Not the keypad: = is + without Shift on most layouts, bound so that
   * zooming in needs no Shift; the window shows it as +. */
  { GDK_KEY_equal, GDK_KEY_plus },
};

/* One spelling per key: lower case, main keyboard, only the modifiers a
 * shortcut can name. */
static char *
normalise (guint           keyval,
           GdkModifierType modifiers)
{
  keyval = gdk_keyval_to_lower (keyval);
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    keyval = GDK_KEY_0 + (keyval - GDK_KEY_KP_0);
  for (guint i = 0; i < G_N_ELEMENTS (keypad_twins); i++)
    if (keyval == keypad_twins[i].keypad)
      keyval = keypad_twins[i].main;
  modifiers &= GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK | GDK_SUPER_MASK;

  return gtk_accelerator_name (keyval, modifiers);
}

static void
add_accelerator (GHashTable *keys,
                 const char *accelerator,
                 const char *origin)
{
  guint keyval = 0;
  GdkModifierType modifiers = 0;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &modifiers));
  g_hash_table_insert (keys, normalise (keyval, modifiers), g_strdup (origin));
}

/* @accelerator, or each key of a range "first...last". */
static void
add_listed (GHashTable *keys,
            const char *accelerator,
            const char *origin)
{
  g_auto(GStrv) ends = g_strsplit (accelerator, "...", 2);
  guint first = 0, last = 0;
  GdkModifierType modifiers = 0, last_modifiers = 0;

  if (ends[1] == NULL)
    {
      add_accelerator (keys, accelerator, origin);
      return;
    }
  g_assert_true (gtk_accelerator_parse (ends[0], &first, &modifiers));
  g_assert_true (gtk_accelerator_parse (ends[1], &last, &last_modifiers));
  g_assert_cmpuint (modifiers, ==, last_modifiers);
  g_assert_cmpuint (first, <=, last);
  for (guint keyval = first; keyval <= last; keyval++)
    g_hash_table_insert (keys, normalise (keyval, modifiers), g_strdup (origin));
}

static void
add_trigger (GHashTable        *keys,
             GtkShortcutTrigger *trigger,
             const char        *origin)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    g_hash_table_insert (keys,
                         normalise (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                    gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))),
                         g_strdup (origin));
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      GtkAlternativeTrigger *alternative = GTK_ALTERNATIVE_TRIGGER (trigger);

      add_trigger (keys, gtk_alternative_trigger_get_first (alternative), origin);
      add_trigger (keys, gtk_alternative_trigger_get_second (alternative), origin);
    }
}

static char *
shortcut_identity (GtkShortcut *shortcut)
{
  g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
  g_autofree char *action = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

  return g_strconcat (trigger, " ", action, NULL);
}

/* Every shortcut (trigger and action) a new instance of @type has: what
 * its class gives every instance. */
static GHashTable *
class_shortcuts (GType type)
{
  GHashTable *identities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) shortcuts = NULL;
  GtkWidget *widget;

  if (G_TYPE_IS_ABSTRACT (type))
    return identities;

  widget = g_object_ref_sink (g_object_new (type, NULL));
  shortcuts = cs_test_gnome_shortcuts (widget);
  for (guint i = 0; i < shortcuts->len; i++)
    g_hash_table_add (identities, shortcut_identity (g_ptr_array_index (shortcuts, i)));
  if (GTK_IS_WINDOW (widget))
    gtk_window_destroy (GTK_WINDOW (widget));
  g_object_unref (widget);

  return identities;
}

static gboolean
is_ours (GType type)
{
  return g_str_has_prefix (g_type_name (type), "Cs");
}

static GType
toolkit_parent (GType type)
{
  while (is_ours (type))
    type = g_type_parent (type);

  return type;
}

/* The shortcuts of @widget's controllers: all of them into @all; into
 * @ours those of Consilium's widgets, less what they inherit. */
static void
collect_controllers (GtkWidget  *widget,
                     GHashTable *ours,
                     GHashTable *all)
{
  g_autoptr(GPtrArray) shortcuts = cs_test_gnome_shortcuts (widget);
  g_autoptr(GHashTable) inherited = NULL;
  GType type = G_OBJECT_TYPE (widget);

  if (is_ours (type))
    inherited = class_shortcuts (toolkit_parent (type));
  for (guint i = 0; i < shortcuts->len; i++)
    {
      GtkShortcut *shortcut = g_ptr_array_index (shortcuts, i);
      g_autofree char *identity = shortcut_identity (shortcut);
      g_autofree char *origin = g_strdup_printf ("%s: %s", g_type_name (type), identity);

      add_trigger (all, gtk_shortcut_get_trigger (shortcut), origin);
      if (inherited != NULL && !g_hash_table_contains (inherited, identity))
        add_trigger (ours, gtk_shortcut_get_trigger (shortcut), origin);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_controllers (child, ours, all);
}

static void
collect_application (GtkApplication *app,
                     GHashTable     *keys)
{
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (app);

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        add_accelerator (keys, accels[j], actions[i]);
    }
}

static void
collect_listed (GtkWidget  *widget,
                GHashTable *listed)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;
      GtkShortcutType type;

      g_object_get (widget, "accelerator", &accelerator, "title", &title,
                    "shortcut-type", &type, NULL);
      if (type == GTK_SHORTCUT_ACCELERATOR)
        {
          g_auto(GStrv) accels = NULL;

          g_assert_nonnull (accelerator);
          accels = g_strsplit (accelerator, " ", -1);
          for (guint i = 0; accels[i] != NULL; i++)
            add_listed (listed, accels[i], title);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_listed (child, listed);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The keys of @keys that @other lacks, one a line, sorted. */
static char *
missing_from (GHashTable *keys,
              GHashTable *other)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;
  GString *text = g_string_new (NULL);

  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (other, key))
      g_ptr_array_add (lines, g_strdup_printf ("%s (%s)", (char *) key, (char *) value));
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s\n", (char *) g_ptr_array_index (lines, i));

  return g_string_free (text, FALSE);
}

static GHashTable *
new_keys (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static guint count_primary_menus (GtkWidget *widget);

static void
test_shortcuts_window_complete (void)
{
  g_autoptr(GHashTable) ours = new_keys ();
  g_autoptr(GHashTable) all = new_keys ();
  g_autoptr(GHashTable) listed = new_keys ();
  g_autoptr(GtkBuilder) builder = NULL;
  g_autofree char *unlisted = NULL;
  g_autofree char *idle = NULL;
  CsTestGnome gnome = { 0 };
  GtkWidget *overlay;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  cs_test_gnome_setup (&gnome);
  collect_application (GTK_APPLICATION (gnome.app), ours);
  collect_application (GTK_APPLICATION (gnome.app), all);
  collect_controllers (GTK_WIDGET (gnome.window), ours, all);
  /* GTK binds F10 to the window's one primary menu button itself. */
  if (count_primary_menus (GTK_WIDGET (gnome.window)) == 1)
    {
      add_accelerator (ours, "F10", "the primary menu button");
      add_accelerator (all, "F10", "the primary menu button");
    }

  builder = gtk_builder_new_from_resource ("/io/github/consilium/Consilium/gtk/help-overlay.ui");
  overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  collect_listed (overlay, listed);

  /* Sanity: the walk reached the slide view, the window and the app. */
  g_assert_true (g_hash_table_contains (ours, "plus"));
  g_assert_true (g_hash_table_contains (ours, "F8"));
  g_assert_true (g_hash_table_contains (ours, "<Control>q"));

  unlisted = missing_from (ours, listed);
  idle = missing_from (listed, all);
  if (unlisted[0] != '\0')
    g_test_message ("Shortcuts missing from the shortcuts window:\n%s", unlisted);
  if (idle[0] != '\0')
    g_test_message ("Listed shortcuts that do nothing:\n%s", idle);
  g_assert_cmpstr (unlisted, ==, "");
  g_assert_cmpstr (idle, ==, "");

  gtk_window_destroy (GTK_WINDOW (overlay));
  cs_test_gnome_teardown (&gnome);
}

/* Keyboard access to every action: each action of the window and of
 * Consilium's widgets in it is in a menu reachable from the window (the
 * primary menu on F10, the panes' menu buttons, reached with Tab), on a
 * button (reached with Tab) or on a shortcut. */

static void
collect_menu (GMenuModel *model,
              GHashTable *reachable)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_hash_table_add (reachable, g_steal_pointer (&action));
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          collect_menu (link, reachable);
        }
    }
}

/* What the widgets under @widget reach: their menus, actionable widgets
 * and named-action shortcuts; and into @actions, the actions the Cs
 * widgets install ("prefix.name" → the widget's type). */
static void
collect_reachable (GtkWidget  *widget,
                   GHashTable *reachable,
                   GHashTable *actions)
{
  g_autoptr(GPtrArray) shortcuts = cs_test_gnome_shortcuts (widget);
  GType type = G_OBJECT_TYPE (widget);
  GMenuModel *model = NULL;

  if (GTK_IS_MENU_BUTTON (widget))
    model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));
  else if (GTK_IS_POPOVER_MENU (widget))
    model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (widget));
  if (model != NULL)
    collect_menu (model, reachable);
  if (GTK_IS_ACTIONABLE (widget) && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)))
    g_hash_table_add (reachable, g_strdup (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget))));
  for (guint i = 0; i < shortcuts->len; i++)
    {
      GtkShortcutAction *action = gtk_shortcut_get_action (g_ptr_array_index (shortcuts, i));

      if (GTK_IS_NAMED_ACTION (action))
        g_hash_table_add (reachable, g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action))));
    }
  if (is_ours (type))
    {
      const GVariantType *parameter_type;
      const char *name, *property;
      GType owner;

      /* GTK 4.8 writes every out argument. */
      for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (widget), i, &owner,
                                                       &name, &parameter_type, &property); i++)
        if (is_ours (owner))
          g_hash_table_insert (actions, g_strdup (name), g_strdup (g_type_name (owner)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_reachable (child, reachable, actions);
}

static void
test_shortcuts_every_action_reachable (void)
{
  g_autoptr(GHashTable) reachable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) actions = new_keys ();
  g_autoptr(GHashTable) accels = new_keys ();
  g_autofree char *unreachable = NULL;
  g_auto(GStrv) window_actions = NULL;
  const char *per_view[] = { "win.go-to-view", "win.play-tour", "win.edit-view",
                             "win.move-view-up", "win.move-view-down", "win.delete-view" };
  CsTestGnome gnome = { 0 };
  GHashTableIter iter;
  gpointer key, value;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  cs_test_gnome_setup (&gnome);
  collect_reachable (GTK_WIDGET (gnome.window), reachable, actions);
  /* The window's own action map (win.show-report), and the app's. */
  window_actions = g_action_group_list_actions (G_ACTION_GROUP (gnome.window));
  for (guint i = 0; window_actions[i] != NULL; i++)
    g_hash_table_insert (actions, g_strconcat ("win.", window_actions[i], NULL),
                         g_strdup ("CsWindow"));
  collect_application (GTK_APPLICATION (gnome.app), accels);
  g_hash_table_iter_init (&iter, accels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_add (reachable, g_strdup (value));

  /* The arrow keys pan through a callback: the step is a fraction of
   * the view's size, which a binding's fixed arguments cannot say. */
  g_hash_table_add (reachable, g_strdup ("view.pan"));
  /* The Saved Views menu lists the selected slide's views and tours when
   * it opens, one item each, and a submenu editing each view
   * (test-window-views opens it). */
  for (guint i = 0; i < G_N_ELEMENTS (per_view); i++)
    g_hash_table_add (reachable, g_strdup (per_view[i]));

  unreachable = missing_from (actions, reachable);
  g_assert_cmpstr (unreachable, ==, "");

  cs_test_gnome_teardown (&gnome);
}

static guint
count_primary_menus (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)) &&
      gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_primary_menus (child);

  return n;
}

/* The primary menu opens with F10: GTK binds F10 to the one menu button
 * of the window that says it is primary. */
static void
test_shortcuts_primary_menu (void)
{
  CsTestGnome gnome = { 0 };

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  cs_test_gnome_setup (&gnome);
  g_assert_cmpuint (count_primary_menus (GTK_WIDGET (gnome.window)), ==, 1);
  cs_test_gnome_teardown (&gnome);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add_func ("/shortcuts/window-complete", test_shortcuts_window_complete);
  g_test_add_func ("/shortcuts/primary-menu", test_shortcuts_primary_menu);
  g_test_add_func ("/shortcuts/every-action-reachable", test_shortcuts_every_action_reachable);

  return cs_test_window_run ();
}
