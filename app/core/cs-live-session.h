/* cs-live-session.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-annotation-list.h"
#include "cs-live-merge.h"
#include "cs-live-message.h"

G_BEGIN_DECLS

/* A live consultation on one slide between a host and one guest, over
 * the peers of cs-live-peer.h (no GTK: the window, the command line and
 * the tests drive the same object).
 *
 * The host serves wss://ADDRESS:PORT/live with a fresh certificate and a
 * one-time code; the join link carries the address, the certificate's
 * fingerprint and the slide's identity (cs_live_link_*). The guest proves
 * the code; the host checks the slide identity. One guest at a time; the
 * code expires after CS_LIVE_CODE_LIFETIME_S unless used, and after
 * CS_LIVE_CODE_MAX_ATTEMPTS wrong proofs (the host then makes a new one
 * and notifies "code").
 *
 * Annotations: both sides share the CsAnnotationList given. Local changes
 * (the list's "changed" signal) are sent as upserts and deletes stamped
 * with the author's name; remote ones are merged by UUID (cs-live-merge.h)
 * without entering the local undo history, so the usual stores save both
 * under the usual rules. On every join and rejoin each side sends all its
 * annotations and deletions (merging is idempotent) in annotation-batch
 * messages, paced under the peer's rate limits, so nothing drawn while
 * the link was down is lost; single edits go as single messages.
 *
 * The view: the side in control (the host at first) sends its view; the
 * other side's "view" signal carries each one, for follow mode
 * (cs-live-merge.h CsLiveFollow). Control passes with
 * cs_live_session_give_control(). Pointers and pings go both ways.
 *
 * A lost connection (no traffic for CS_LIVE_TIMEOUT_MS) moves the state
 * to RECONNECTING: the guest reconnects every second with the resume
 * token the host gave in its welcome, for CS_LIVE_RECONNECT_S; the host
 * waits as long for it, refusing anyone else meanwhile (a new guest
 * proving the code is refused as while joined: the code is spent once a
 * guest has joined); a rejoin with the token replaces the connection the
 * host holds, if it has not noticed the loss yet. A malformed or hostile
 * message, or a refusal, ends the session with that error instead.
 * Either side may end the session; then, and when
 * reconnecting gives up, the state is ENDED and "ended" says why. */

#define CS_LIVE_CODE_LIFETIME_S (15 * 60)
#define CS_LIVE_CODE_MAX_ATTEMPTS 5
#define CS_LIVE_RECONNECT_S (5 * 60)
/* Connections in their handshake at once (each must finish it within the
 * timeout); the host closes any beyond, so that unauthenticated
 * connections cannot pile up. */
#define CS_LIVE_MAX_HANDSHAKES 4

typedef enum
{
  CS_LIVE_STATE_WAITING,      /* host: serving, nobody has joined yet */
  CS_LIVE_STATE_CONNECTING,   /* guest: the first connection */
  CS_LIVE_STATE_JOINED,
  CS_LIVE_STATE_RECONNECTING, /* the link was lost; retried */
  CS_LIVE_STATE_ENDED,
} CsLiveState;

/* The join link: wss://ADDRESS:PORT/live?fp=FINGERPRINT&slide=SHA256, a
 * plain URL (the fingerprint as cs_live_auth_fingerprint() without the
 * colons, upper case; IPv6 addresses in brackets). A remote slide's link
 * has slide=dicom-series%3AUID&server=BASE_URL&study=STUDY_UID: where the
 * host opened it (the DICOMweb server's base URL, never credentials). */
typedef struct
{
  char *url;          /* wss://ADDRESS:PORT/live */
  char *fingerprint;  /* AB:CD:… as cs_live_auth_fingerprint() */
  char *slide_sha256; /* or "dicom-series:UID" (cs_live_slide_identity_is_valid) */
  char *server_url;   /* remote slides only: http(s)://… without user or query */
  char *study_uid;    /* remote slides only: the Study Instance UID */
} CsLiveLink;

/* Whether @server_url and @study_uid may travel in a link: an http or
 * https URL with a host, without user information, query or fragment,
 * of at most 512 characters; a valid DICOM UID. */
gboolean    cs_live_link_check_source (const char    *server_url,
                                       const char    *study_uid,
                                       GError       **error);

char       *cs_live_link_format (const CsLiveLink *link);
/* Parses a link as pasted (surrounding white space allowed); a clear
 * CS_LIVE_ERROR_INVALID otherwise. */
CsLiveLink *cs_live_link_parse  (const char       *text,
                                 GError          **error);
void        cs_live_link_free   (CsLiveLink       *link);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsLiveLink, cs_live_link_free)

#define CS_TYPE_LIVE_SESSION (cs_live_session_get_type ())

G_DECLARE_FINAL_TYPE (CsLiveSession, cs_live_session, CS, LIVE_SESSION, GObject)

/* Hosts a session for the slide of identity @slide_sha256 (a file's;
 * a remote slide's through cs_live_session_host_remote()) whose
 * annotations are @annotations, as @name, on @port (0: any free port) of
 * every interface. @address is the host name or address the link shows
 * (NULL: the first non-loopback IPv4 address, else 127.0.0.1). */
CsLiveSession    *cs_live_session_host            (const char          *name,
                                                   const char          *slide_sha256,
                                                   CsAnnotationList    *annotations,
                                                   const char          *address,
                                                   guint                port,
                                                   GError             **error);
/* Hosts a session for the remote slide "dicom-series:UID" @series_identity
 * opened from the DICOMweb server at @server_url (its base URL, without
 * credentials) in the study @study_uid; the link carries both, so that the
 * guest can open it from the same server (cs_live_link_check_source()).
 * cs_live_session_host() refuses a remote identity for want of them. */
CsLiveSession    *cs_live_session_host_remote     (const char          *name,
                                                   const char          *series_identity,
                                                   const char          *server_url,
                                                   const char          *study_uid,
                                                   CsAnnotationList    *annotations,
                                                   const char          *address,
                                                   guint                port,
                                                   GError             **error);
/* Joins the session of @link with @code as @name; @slide_sha256 is the
 * identity of the slide the guest opened (refused by the host if it is
 * not the session's). Finishes when joined or refused. */
void              cs_live_session_join_async      (const CsLiveLink    *link,
                                                   const char          *code,
                                                   const char          *name,
                                                   const char          *slide_sha256,
                                                   CsAnnotationList    *annotations,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
CsLiveSession    *cs_live_session_join_finish     (GAsyncResult        *result,
                                                   GError             **error);

CsLiveRole        cs_live_session_get_role        (CsLiveSession       *self);
CsLiveState       cs_live_session_get_state       (CsLiveSession       *self);
const char       *cs_live_session_get_name        (CsLiveSession       *self);
/* The other person, once joined (NULL before). */
const char       *cs_live_session_get_peer_name   (CsLiveSession       *self);
/* Host: the link and the current code to give the guest. */
const char       *cs_live_session_get_link        (CsLiveSession       *self);
const char       *cs_live_session_get_code        (CsLiveSession       *self);
/* Both sides: the host certificate's fingerprint, for comparing by voice. */
const char       *cs_live_session_get_fingerprint (CsLiveSession       *self);
guint             cs_live_session_get_port        (CsLiveSession       *self);
/* Whether this side drives the view. */
gboolean          cs_live_session_has_control     (CsLiveSession       *self);
/* Bytes sent and received as WebSocket text since the session began. */
guint64           cs_live_session_get_bytes_sent     (CsLiveSession    *self);
guint64           cs_live_session_get_bytes_received (CsLiveSession    *self);

/* Sends the view of the side in control (ignored otherwise and while not
 * joined); sequence numbers are added here. */
void              cs_live_session_send_view       (CsLiveSession       *self,
                                                   const CsLiveView    *view);
void              cs_live_session_send_pointer    (CsLiveSession       *self,
                                                   double               x,
                                                   double               y,
                                                   gboolean             visible);
void              cs_live_session_send_ping       (CsLiveSession       *self,
                                                   double               x,
                                                   double               y,
                                                   const char          *note);
/* The side in control hands it to the other; FALSE with an error when
 * this side does not have it or nobody has joined. */
gboolean          cs_live_session_give_control    (CsLiveSession       *self,
                                                   GError             **error);
/* Says bye with @reason (may be NULL) and ends the session. */
void              cs_live_session_end             (CsLiveSession       *self,
                                                   const char          *reason);

/* Test hooks: keepalive and loss timeouts (cs_live_peer_set_keepalive),
 * the reconnect interval, and the code's lifetime. */
void              cs_live_session_set_timeouts    (CsLiveSession       *self,
                                                   guint                keepalive_ms,
                                                   guint                timeout_ms,
                                                   guint                reconnect_interval_ms);
void              cs_live_session_set_code_lifetime (CsLiveSession     *self,
                                                     guint              seconds);
/* How long the guest keeps reconnecting, and the host waits for it, after
 * a lost link (default CS_LIVE_RECONNECT_S). */
void              cs_live_session_set_reconnect_limit (CsLiveSession   *self,
                                                       guint            limit_ms);

/* Signals:
 * - "view" (const CsLiveView *view): the controlling side's view
 * - "pointer" (double x, double y, gboolean visible): the other's pointer
 * - "ping" (double x, double y, const char *note)
 * - "annotation-merged" (const char *uuid, const char *author): a remote
 *   change applied to the list
 * - "annotation-not-shared" (const char *uuid, const char *reason): a
 *   local annotation the other side will not receive (too large for a
 *   live message), with the reason to show the user; it stays here
 * - "code" (): the host made a new code (expired or too many attempts)
 * - "ended" (const char *reason, const GError *error): once, when the
 *   state becomes ENDED; @error NULL when a side ended it on purpose
 *   (@reason: the bye reason of whichever side ended it, or NULL), else
 *   why it failed
 *   (refused, gave up reconnecting, a malformed or hostile message)
 * Properties: "state", "peer-name", "has-control" (notify). */

G_END_DECLS
