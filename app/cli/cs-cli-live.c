/* cs-cli-live.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-live-private.h"
#include "cs-cli-private.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cs-annotation-store.h"
#include "cs-slide-identity.h"
#include "cs-slide.h"

/* consilium-cli live host SLIDE [--port N] [--address A] [--name N]
 *                             [--script F] [--record F]
 * consilium-cli live join LINK --code CODE --slide SLIDE [--name N]
 *                             [--script F] [--record F]
 *
 * Each side opens its own copy of the slide and its annotations through
 * the usual per-slide store, so that everything either side draws is
 * saved as the window saves it; then runs the session (cs-cli-live-run.c)
 * until it ends and prints its traffic. */

/* What both sides open before the session: the slide's identity, its
 * annotations and their store, the script and the record; then the run
 * of the session. */
typedef struct
{
  char              *sha256;
  CsAnnotationList  *list;
  CsAnnotationStore *store;
  const char        *script;
  GPtrArray         *actions;
  CsCliLiveRecord   *record;
  CsCliLiveRun      *run;
} Side;

static void
side_clear (Side *side)
{
  g_clear_pointer (&side->run, cs_cli_live_run_free);
  if (side->store != NULL)
    cs_annotation_store_close (side->store, NULL);
  g_clear_object (&side->store);
  g_clear_object (&side->list);
  g_clear_pointer (&side->actions, g_ptr_array_unref);
  g_clear_pointer (&side->record, cs_cli_live_record_free);
  g_clear_pointer (&side->sha256, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Side, side_clear)

/* The options of both commands. */
typedef struct
{
  char *name;
  char *script;
  char *record;
} LiveOptions;

static void
live_options_clear (LiveOptions *options)
{
  g_clear_pointer (&options->name, g_free);
  g_clear_pointer (&options->script, g_free);
  g_clear_pointer (&options->record, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LiveOptions, live_options_clear)

/* @entries (a command's own, NULL-terminated) followed by the options
 * of both commands writing into @options; free with g_free (). */
static GOptionEntry *
live_entries (const GOptionEntry *entries,
              LiveOptions        *options)
{
  const GOptionEntry common[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &options->name,
      N_("Your name, shown to the other side and on your annotations (default: your user's "
         "full name)"), N_("NAME") },
    { "script", 0, 0, G_OPTION_ARG_FILENAME, &options->script,
      N_("Play this script of views, pointers, pings and annotations (JSON lines)"), N_("FILE") },
    { "record", 0, 0, G_OPTION_ARG_FILENAME, &options->record,
      N_("Write every event received and every action sent to this file (JSON lines)"),
      N_("FILE") },
    { NULL }
  };

  return cs_cli_join_entries (entries, common);
}

static char *
default_name (void)
{
  const char *real_name = g_get_real_name ();

  /* GLib says "Unknown" when the password database has no full name. */
  if (real_name != NULL && *real_name != '\0' && g_strcmp0 (real_name, "Unknown") != 0)
    return g_strdup (real_name);
  return g_strdup (g_get_user_name ());
}

static gboolean
open_annotations (Side    *side,
                  GError **error)
{
  g_autofree char *directory = cs_annotation_store_default_directory ();
  g_autoptr(GError) local_error = NULL;

  side->list = cs_annotation_list_new ();
  side->store = cs_annotation_store_new (side->list, directory, side->sha256);
  if (cs_annotation_store_load (side->store, &local_error))
    return TRUE;
  /* Another window has them (the session's changes would not be saved),
   * or they cannot be read: no session. A damaged file set aside: what
   * could be read is there, and saved again. */
  if (local_error->domain == CS_ANNOTATION_STORE_ERROR || local_error->domain == G_IO_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_printerr ("%s\n", local_error->message);
  return TRUE;
}

static gboolean
side_open (Side        *side,
           const char  *slide_path,
           const char  *script,
           const char  *record,
           GError     **error)
{
  g_autoptr(CsSlide) slide = NULL;
  const char *sha256;

  side->script = script;
  if (script != NULL)
    {
      side->actions = cs_cli_live_script_load (script, error);
      if (side->actions == NULL)
        return FALSE;
    }
  slide = cs_slide_new (slide_path, error);
  if (slide == NULL)
    return FALSE;
  sha256 = cs_slide_compute_identity (slide, NULL, error);
  if (sha256 == NULL)
    return FALSE;
  if (cs_slide_identity_is_remote (sha256))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: a live session needs a slide file; a slide read from a DICOMweb "
                     "server cannot be shared from the command line"), slide_path);
      return FALSE;
    }
  side->sha256 = g_strdup (sha256);
  if (!open_annotations (side, error))
    return FALSE;
  if (record != NULL)
    {
      side->record = cs_cli_live_record_new (record, error);
      if (side->record == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Follows @session from now on: call it before the main loop runs again,
 * so that no event goes unrecorded. */
static void
side_start (Side          *side,
            CsLiveSession *session)
{
  side->run = cs_cli_live_run_new (session, side->list, side->actions, side->script,
                                   side->record);
}

/* Runs the session to its end, saves the annotations and prints the
 * traffic (also when the session failed). */
static gboolean
side_run (Side    *side,
          GError **error)
{
  g_autoptr(GError) save_error = NULL;
  gboolean ok = cs_cli_live_run (side->run, error);

  if (!cs_annotation_store_close (side->store, &save_error))
    {
      if (ok)
        g_propagate_error (error, g_steal_pointer (&save_error));
      else
        g_printerr ("%s\n", save_error->message);
      ok = FALSE;
    }
  g_clear_object (&side->store);
  cs_cli_live_run_print_traffic (side->run);
  return ok;
}

static void
print_session (CsLiveSession *session)
{
  /* Not translated: scripts read these lines. */
  if (cs_live_session_get_role (session) == CS_LIVE_ROLE_HOST)
    {
      g_print ("Link: %s\n", cs_live_session_get_link (session));
      g_print ("Code: %s\n", cs_live_session_get_code (session));
    }
  g_print ("Fingerprint: %s\n", cs_live_session_get_fingerprint (session));
  fflush (stdout);
}

static gboolean
run_host (int      argc,
          char   **argv,
          GError **error)
{
  const char *arg_names[] = { _("SLIDE"), NULL };
  g_auto(LiveOptions) options = { NULL };
  g_autofree char *address = NULL;
  int port = 0;
  const GOptionEntry own_entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("The TCP port to listen on (default: any free port)"), N_("PORT") },
    { "address", 'a', 0, G_OPTION_ARG_STRING, &address,
      N_("The host name or address the guest reaches, shown in the link (default: this "
         "machine's first network address)"), N_("ADDRESS") },
    { NULL }
  };
  g_autofree GOptionEntry *entries = live_entries (own_entries, &options);
  g_autoptr(GOptionContext) context = NULL;
  g_auto(Side) side = { 0 };
  g_autoptr(CsLiveSession) session = NULL;

  context = cs_cli_option_context (arg_names[0],
                                   _("Hosts a live session on a slide: prints the join link, "
                                     "the one-time code and the certificate's fingerprint "
                                     "(lines “Link:”, “Code:” and “Fingerprint:”), then runs "
                                     "until either side ends the session or until interrupted. "
                                     "The annotations either side draws are saved with the "
                                     "slide's."),
                                   entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli live host slide.svs --port 8443 --name \"Dr. Ivanova\"",
                     "consilium-cli live host slide.svs --script tour.jsonl --record host.jsonl",
                     NULL },
                   NULL);
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error))
    return FALSE;
  if (port < 0 || port > G_MAXUINT16)
    {
      g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                   _("The port must be from 0 to 65535, not %d"), port);
      return FALSE;
    }
  if (options.name == NULL)
    options.name = default_name ();

  if (!side_open (&side, argv[1], options.script, options.record, error))
    return FALSE;
  session = cs_live_session_host (options.name, side.sha256, side.list, address, (guint) port,
                                  error);
  if (session == NULL)
    return FALSE;
  side_start (&side, session);
  print_session (session);
  return side_run (&side, error);
}

/* Joining: the main loop until the host welcomes or refuses us (or
 * SIGINT, SIGTERM). */
typedef struct
{
  GMainLoop     *loop;
  GCancellable  *cancellable;
  Side          *side;
  CsLiveSession *session;
  GError        *error;
} Joining;

static void
on_joined_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Joining *joining = user_data;

  joining->session = cs_live_session_join_finish (result, &joining->error);
  /* What the host sends at once may be dispatched before the loop
   * returns. */
  if (joining->session != NULL)
    side_start (joining->side, joining->session);
  g_main_loop_quit (joining->loop);
}

static gboolean
on_join_interrupted_cb (gpointer user_data)
{
  Joining *joining = user_data;

  g_cancellable_cancel (joining->cancellable);
  return G_SOURCE_CONTINUE;
}

static CsLiveSession *
join (const CsLiveLink *link,
      const char       *code,
      const char       *name,
      Side             *side,
      GError          **error)
{
  Joining joining = { g_main_loop_new (NULL, FALSE), g_cancellable_new (), side, NULL, NULL };
  guint sigint_id = g_unix_signal_add (SIGINT, on_join_interrupted_cb, &joining);
  guint sigterm_id = g_unix_signal_add (SIGTERM, on_join_interrupted_cb, &joining);

  cs_live_session_join_async (link, code, name, side->sha256, side->list, joining.cancellable,
                              on_joined_cb, &joining);
  g_main_loop_run (joining.loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_main_loop_unref (joining.loop);
  g_object_unref (joining.cancellable);
  if (joining.error != NULL)
    g_propagate_error (error, joining.error);
  return joining.session;
}

/* The command line joins with a slide file only: a series from a DICOMweb
 * archive is opened by the window, which has the archives configured. */
static gboolean
refuse_remote (const CsLiveLink *link,
               GError          **error)
{
  g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID,
               _("The session's slide is the series %s from the DICOMweb server %s: "
                 "consilium-cli joins only with a slide file (--slide); join this session "
                 "from Consilium's window, which opens the series from the server"),
               link->slide_sha256 + strlen (CS_SLIDE_REMOTE_IDENTITY_PREFIX), link->server_url);
  return FALSE;
}

static gboolean
run_join (int      argc,
          char   **argv,
          GError **error)
{
  const char *arg_names[] = { _("LINK"), NULL };
  g_auto(LiveOptions) options = { NULL };
  g_autofree char *code = NULL;
  g_autofree char *slide = NULL;
  const GOptionEntry own_entries[] = {
    { "code", 'c', 0, G_OPTION_ARG_STRING, &code,
      N_("The one-time code the host gave you (required)"), N_("CODE") },
    { "slide", 's', 0, G_OPTION_ARG_FILENAME, &slide,
      N_("Your copy of the session's slide (required)"), N_("SLIDE") },
    { NULL }
  };
  g_autofree GOptionEntry *entries = live_entries (own_entries, &options);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsLiveLink) link = NULL;
  g_autoptr(GError) link_error = NULL;
  g_auto(Side) side = { 0 };
  g_autoptr(CsLiveSession) session = NULL;

  context = cs_cli_option_context (arg_names[0],
                                   _("Joins the live session of a join link with the host's "
                                     "one-time code and your copy of the slide (matched by "
                                     "identity), prints the host certificate's fingerprint "
                                     "(line “Fingerprint:”) to compare with the host's, then "
                                     "runs until either side ends the session or until "
                                     "interrupted. The annotations either side draws are saved "
                                     "with the slide's."),
                                   entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli live join 'wss://192.0.2.7:8443/live?fp=…&slide=…' "
                     "--code 7KQ2-M9XD --slide slide.svs --record guest.jsonl",
                     NULL },
                   _("0 when the session ended, 1 when joining was refused (wrong code, "
                     "another slide) or the session failed, 2 for a wrong command line"));
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error))
    return FALSE;
  link = cs_live_link_parse (argv[1], &link_error);
  if (link != NULL && cs_slide_identity_is_remote (link->slide_sha256))
    return refuse_remote (link, error);
  if (code == NULL || slide == NULL)
    {
      g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE, _("Missing option %s"),
                   code == NULL ? "--code" : "--slide");
      return FALSE;
    }
  if (options.name == NULL)
    options.name = default_name ();

  if (link == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&link_error));
      return FALSE;
    }
  if (!side_open (&side, slide, options.script, options.record, error))
    return FALSE;
  if (g_strcmp0 (link->slide_sha256, side.sha256) != 0)
    {
      g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID,
                   _("%s is not the session's slide: its identity (SHA-256) is %s, the "
                     "session's slide is %s"), slide, side.sha256, link->slide_sha256);
      return FALSE;
    }
  session = join (link, code, options.name, &side, error);
  if (session == NULL)
    return FALSE;
  print_session (session);
  return side_run (&side, error);
}

const CsCliCommand cs_cli_live_commands[] = {
  { "host", N_("Host a live session on a slide and print its link and code"), run_host },
  { "join", N_("Join a live session with its link, its code and your copy of the slide"),
    run_join },
  { NULL }
};

gboolean
cs_cli_live (int      argc,
             char   **argv,
             GError **error)
{
  static const char *const examples[] = {
    "consilium-cli live host slide.svs --port 8443",
    "consilium-cli live join 'wss://192.0.2.7:8443/live?fp=…&slide=…' --code 7KQ2-M9XD "
    "--slide slide.svs",
    NULL
  };

  return cs_cli_dispatch (_("Hosts or joins a live consultation: two people look at the same "
                            "slide, each from their own copy, sharing the view, pointers and "
                            "annotations."),
                          cs_cli_live_commands, examples, argc, argv, error);
}
