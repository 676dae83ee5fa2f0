/* test-cli-live-script.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cs-cli-live-private.h"
#include "cs-test-utils.h"

/* The scripts and records of consilium-cli live: every action read with
 * its fields, every mistake refused with the line that has it; a record
 * read back as the JSON lines the two-process tests measure. */

#define UUID_A "6423a977-ffff-48db-affc-cd11632010f0"
#define FEATURE_A "{\"type\":\"Feature\",\"id\":\"" UUID_A "\",\"geometry\":{\"type\":\"Point\"," \
                  "\"coordinates\":[100.5,200]},\"properties\":{\"objectType\":\"annotation\"," \
                  "\"name\":\"Focus\"}}"

static CsCliLiveAction *
action_at (GPtrArray *actions,
           guint      i)
{
  return actions->pdata[i];
}

static void
test_every_action (void)
{
  const char *script =
    "{\"wait_joined\":true}\n"
    "\n"
    "{\"view\":{\"x\":1000,\"y\":2000.5,\"zoom\":4,\"rotation\":90},\"after_ms\":33}\n"
    "{\"pointer\":{\"x\":1,\"y\":2,\"visible\":false}}\n"
    "  {\"ping\":{\"x\":3,\"y\":4,\"note\":\"look here\"}}  \n"
    "{\"ping\":{\"x\":3,\"y\":4}}\n"
    "{\"annotation\":" FEATURE_A "}\n"
    "{\"delete\":\"" UUID_A "\"}\n"
    "{\"give_control\":true}\n"
    "{\"after_ms\":0,\"wait_annotations\":2}\n"
    "{\"end\":\"done\"}\n"
    "{\"end\":null}\n"
    "{\"wait_state\":\"reconnecting\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actions = cs_cli_live_script_parse ("s", script, -1, &error);
  CsCliLiveAction *a;

  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 12);
  g_assert_cmpint (action_at (actions, 0)->type, ==, CS_CLI_LIVE_ACTION_WAIT_JOINED);
  a = action_at (actions, 1);
  g_assert_cmpint (a->type, ==, CS_CLI_LIVE_ACTION_VIEW);
  g_assert_cmpuint (a->line, ==, 3);
  g_assert_cmpuint (a->after_ms, ==, 33);
  g_assert_cmpfloat (a->view.x, ==, 1000);
  g_assert_cmpfloat (a->view.y, ==, 2000.5);
  g_assert_cmpfloat (a->view.zoom, ==, 4);
  g_assert_cmpfloat (a->view.rotation, ==, 90);
  a = action_at (actions, 2);
  g_assert_cmpint (a->type, ==, CS_CLI_LIVE_ACTION_POINTER);
  g_assert_false (a->visible);
  g_assert_cmpfloat (a->y, ==, 2);
  a = action_at (actions, 3);
  g_assert_cmpint (a->type, ==, CS_CLI_LIVE_ACTION_PING);
  g_assert_cmpstr (a->text, ==, "look here");
  g_assert_null (action_at (actions, 4)->text);
  a = action_at (actions, 5);
  g_assert_cmpint (a->type, ==, CS_CLI_LIVE_ACTION_ANNOTATION);
  g_assert_cmpstr (cs_annotation_get_id (a->annotation), ==, UUID_A);
  g_assert_cmpstr (cs_annotation_get_name (a->annotation), ==, "Focus");
  a = action_at (actions, 6);
  g_assert_cmpint (a->type, ==, CS_CLI_LIVE_ACTION_DELETE);
  g_assert_cmpstr (a->text, ==, UUID_A);
  g_assert_cmpint (action_at (actions, 7)->type, ==, CS_CLI_LIVE_ACTION_GIVE_CONTROL);
  a = action_at (actions, 8);
  g_assert_cmpint (a->type, ==, CS_CLI_LIVE_ACTION_WAIT_ANNOTATIONS);
  g_assert_cmpuint (a->count, ==, 2);
  g_assert_cmpuint (a->line, ==, 10);
  g_assert_cmpstr (action_at (actions, 9)->text, ==, "done");
  g_assert_null (action_at (actions, 10)->text);
  g_assert_cmpint (action_at (actions, 11)->type, ==, CS_CLI_LIVE_ACTION_WAIT_STATE);
  g_assert_cmpint (action_at (actions, 11)->state, ==, CS_LIVE_STATE_RECONNECTING);
}

/* Each line is refused with its number and the cause. */
static void
test_refusals (void)
{
  static const struct
  {
    const char *line;
    const char *message;
  } cases[] = {
    { "{\"view\":{\"x\":1,\"y\":2,\"zoom\":1}}", "“rotation” must be a number" },
    { "{\"view\":{\"x\":1,\"y\":2,\"zoom\":0,\"rotation\":0}}", "“zoom” is out of range" },
    { "{\"view\":{\"x\":1,\"y\":2,\"zoom\":1,\"rotation\":360}}", "“rotation” is out of range" },
    { "{\"view\":{\"x\":1e9,\"y\":2,\"zoom\":1,\"rotation\":0}}", "“x” is out of range" },
    { "{\"view\":{\"x\":\"1\",\"y\":2,\"zoom\":1,\"rotation\":0}}", "“x” must be a number" },
    { "{\"view\":{\"x\":1,\"y\":2,\"zoom\":1,\"rotation\":0,\"z\":1}}",
      "Unknown member “z” in view" },
    { "{\"view\":[1,2]}", "“view” must be an object" },
    { "{\"pointer\":{\"x\":1,\"y\":2}}", "“visible” must be true or false" },
    { "{\"ping\":{\"x\":1,\"y\":2,\"note\":5}}", "“note” must be a text" },
    { "{\"wait_joined\":false}", "“wait_joined” must be true" },
    { "{\"give_control\":1}", "“give_control” must be true" },
    { "{\"wait_annotations\":-1}", "“wait_annotations” must be a whole number" },
    { "{\"wait_annotations\":1.5}", "“wait_annotations” must be a whole number" },
    { "{\"end\":\"x\",\"after_ms\":-5}", "“after_ms” must be a whole number" },
    { "{\"end\":\"x\",\"after_ms\":99999999}", "“after_ms” must be a whole number" },
    { "{\"delete\":\"not-a-uuid\"}", "“delete” must be the UUID of an annotation" },
    { "{\"annotation\":{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
      "\"coordinates\":[1,2]},\"properties\":{}}}", "needs an “id” that is a UUID" },
    { "{\"annotation\":{\"type\":\"Feature\",\"id\":\"" UUID_A "\"}}", "" },
    { "{\"annotation\":3}", "“annotation” must be an object" },
    { "{\"view\":{\"x\":1,\"y\":2,\"zoom\":1,\"rotation\":0},\"end\":null}",
      "More than one action on one line" },
    { "{\"after_ms\":3}", "No action on the line" },
    { "{\"jump\":true}", "Unknown action “jump”" },
    { "{\"wait_state\":\"ended\"}", "“wait_state” must be" },
    { "[1]", "A line must be one JSON object" },
    { "{\"end\":", "Not valid JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *script = g_strdup_printf ("{\"wait_joined\":true}\n\n%s\n", cases[i].line);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) actions = cs_cli_live_script_parse ("a.jsonl", script, -1, &error);

      g_test_message ("%s -> %s", cases[i].line, error != NULL ? error->message : "(accepted)");
      g_assert_null (actions);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_true (g_str_has_prefix (error->message, "a.jsonl:3: "));
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_not_text (void)
{
  static const char binary[] = "{\"end\":null}\n\0{\"end\":null}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actions = cs_cli_live_script_parse ("b", binary, sizeof binary - 1, &error);

  g_assert_null (actions);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "not a text file"));
  g_clear_error (&error);
  g_assert_null (cs_cli_live_script_parse ("c", "{\"end\":\"\xff\"}", -1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_load_missing (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "none.jsonl", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (cs_cli_live_script_load (path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  cs_test_remove_tree (dir);
}

/* A record's lines read back: the wall-clock time, the type, the fields. */
static void
test_record (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "r.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCliLiveRecord) record = cs_cli_live_record_new (path, &error);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  CsLiveView view = { 1.5, 2.25, 4, 90 };
  gint64 before = g_get_real_time ();
  JsonObject *object;

  g_assert_no_error (error);
  cs_cli_live_record_view (record, "sent-view", &view);
  cs_cli_live_record_point (record, "ping", 3, 4, "Д-р Иванова");
  cs_cli_live_record_add_string (record, "note", NULL);
  cs_cli_live_record_end (record);
  g_assert_true (cs_cli_live_record_check (record, &error));
  g_clear_pointer (&record, cs_cli_live_record_free);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");
  g_assert_true (json_parser_load_from_data (parser, lines[0], -1, &error));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (object, "t"), >=, before);
  g_assert_cmpint (json_object_get_int_member (object, "t"), <=, g_get_real_time ());
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "sent-view");
  g_assert_cmpfloat (json_object_get_double_member (object, "y"), ==, 2.25);
  g_assert_cmpfloat (json_object_get_double_member (object, "rotation"), ==, 90);
  g_assert_true (json_parser_load_from_data (parser, lines[1], -1, &error));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "author"), ==, "Д-р Иванова");
  g_assert_true (json_object_get_null_member (object, "note"));
  cs_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/cli-live-script/every-action", test_every_action);
  g_test_add_func ("/cs/cli-live-script/refusals", test_refusals);
  g_test_add_func ("/cs/cli-live-script/not-text", test_not_text);
  g_test_add_func ("/cs/cli-live-script/load-missing", test_load_missing);
  g_test_add_func ("/cs/cli-live-script/record", test_record);

  return g_test_run ();
}
