/* cs-live-session-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-live-peer.h"
#include "cs-live-session.h"

G_BEGIN_DECLS

/* The parts of CsLiveSession shared by its files: cs-live-session.c (the
 * object, the state, messages received), -send.c (messages sent), -host.c (serving, the code, accepting
 * and resuming), -join.c (joining and reconnecting), -sync.c (the
 * annotations). */

/* The latest view or pointer waiting for its turn (cs-live-session-send.c). */
typedef struct
{
  CsLiveSession *session;
  CsLiveMessage *pending;
  gint64         last;
  guint          timer_id;
} CsLiveMotion;

struct _CsLiveSession
{
  GObject           parent_instance;

  CsLiveRole        role;
  CsLiveState       state;
  char             *name;
  char             *peer_name;
  char             *slide_sha256;
  char             *fingerprint;
  gboolean          has_control;
  guint64           view_seq;
  char             *bye_reason;
  CsLiveMotion      view_motion;
  CsLiveMotion      pointer_motion;
  CsLiveRateLimiter *limiter;     /* pings and control, as the peer counts */

  /* The joined (or joining) connection; bytes of the earlier ones. */
  CsLivePeer       *peer;
  guint64           bytes_sent_before;
  guint64           bytes_received_before;
  /* The token proving the guest may rejoin (from the latest welcome). */
  char             *resume_token;

  guint             keepalive_ms;
  guint             timeout_ms;
  guint             reconnect_interval_ms;
  guint             reconnect_limit_ms;
  gint64            reconnect_deadline;
  guint             reconnect_id;
  /* Peers to drop once their signal emission is over. */
  GPtrArray        *dead_peers;
  guint             reap_id;

  /* Host */
  GTlsCertificate  *certificate;
  SoupServer       *server;
  guint             port;
  char             *link;
  char             *source_url;   /* remote slide: the DICOMweb server's base URL */
  char             *source_study; /* remote slide: its Study Instance UID */
  char             *code;
  guint             code_lifetime_s;
  guint             code_timer_id;
  guint             wrong_attempts;
  gboolean          code_used;
  GPtrArray        *pending;      /* CsLivePeer*: guests in their handshake */

  /* Guest */
  CsLiveLink       *join_link;
  char             *join_code;
  GTask            *join_task;
  GSource          *join_cancel;  /* watches join_task's cancellable */
  GCancellable     *cancellable;
  gboolean          connecting;

  /* Annotations (cs-live-session-sync.c) */
  CsAnnotationList *annotations;
  gulong            changed_id;
  CsLiveMerge      *merge;
  const char       *applying;     /* the uuid being merged from the peer */
  GQueue            outbox;       /* uuids (owned) to send, oldest first */
  GHashTable       *queued;       /* uuid (borrowed from outbox) → itself */
  GHashTable       *seen;         /* uuid → gint64*: latest modified known */
  GHashTable       *unshared;     /* uuid → gint64*: modified of one too large */
  double            tokens;
  gint64            tokens_time;
  guint             drain_id;
};

/* cs-live-session.c */
CsLiveSession *cs_live_session_new_internal   (CsLiveRole           role,
                                               const char          *name,
                                               const char          *slide_sha256,
                                               CsAnnotationList    *annotations);
void           cs_live_session_set_state      (CsLiveSession       *self,
                                               CsLiveState          state);
void           cs_live_session_set_has_control (CsLiveSession      *self,
                                                gboolean            has_control);
/* Takes @peer (joined) as the session's connection, replacing any other. */
void           cs_live_session_attach_peer    (CsLiveSession       *self,
                                               CsLivePeer          *peer);
/* Drops @peer (not the session's own) after the current emission. */
void           cs_live_session_bury_peer      (CsLiveSession       *self,
                                               CsLivePeer          *peer);
/* The state becomes ENDED with @error (taken; NULL: on purpose). */
void           cs_live_session_finish         (CsLiveSession       *self,
                                               const char          *reason,
                                               GError              *error);
void           cs_live_session_apply_timeouts (CsLiveSession       *self,
                                               CsLivePeer          *peer);
void           cs_live_session_emit_merged    (CsLiveSession       *self,
                                               const char          *uuid,
                                               const char          *author);
void           cs_live_session_emit_not_shared (CsLiveSession      *self,
                                                const char         *uuid,
                                                const char         *reason);
void           cs_live_session_emit_code      (CsLiveSession       *self);

/* cs-live-session-send.c */
void           cs_live_motion_clear           (CsLiveMotion        *motion);

/* cs-live-session-host.c */
void           cs_live_session_host_lost      (CsLiveSession       *self);
void           cs_live_session_host_dispose   (CsLiveSession       *self);

/* cs-live-session-join.c */
void           cs_live_session_guest_lost     (CsLiveSession       *self);
/* Stops watching the join's cancellable (joined, refused or ended). */
void           cs_live_session_join_settled   (CsLiveSession       *self);

/* cs-live-session-sync.c */
void           cs_live_session_sync_init      (CsLiveSession       *self);
void           cs_live_session_sync_clear     (CsLiveSession       *self);
/* Queues every annotation and deletion (on join and rejoin). */
void           cs_live_session_sync_all       (CsLiveSession       *self);
/* Applies an annotation-upsert or -delete from the peer. */
void           cs_live_session_sync_receive   (CsLiveSession       *self,
                                               const CsLiveMessage *message);

G_END_DECLS
