/* cs-live-peer.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "cs-live-message.h"

G_BEGIN_DECLS

/* One side of a live session's WebSocket (cs-live-transport.h makes
 * them): runs the handshake (the host sends hello with a nonce, the
 * guest answers hello with its proof, the host answers welcome or
 * refuse), then passes every valid message on as "message". Every
 * incoming message is rate-limited and validated first; binary frames,
 * messages out of turn and invalid messages close the connection with a
 * policy-violation code, and "closed" carries the reason (NULL when the
 * other side closed cleanly or said bye). */

#define CS_TYPE_LIVE_PEER (cs_live_peer_get_type ())

G_DECLARE_FINAL_TYPE (CsLivePeer, cs_live_peer, CS, LIVE_PEER, GObject)

/* The host side of @connection: accepts a guest proving @code with a
 * slide of identity @slide_sha256. */
CsLivePeer *cs_live_peer_new_host      (SoupWebsocketConnection *connection,
                                        const char              *name,
                                        const char              *slide_sha256,
                                        const char              *code);
/* The guest side: proves @code, offers @slide_sha256. */
CsLivePeer *cs_live_peer_new_guest     (SoupWebsocketConnection *connection,
                                        const char              *name,
                                        const char              *slide_sha256,
                                        const char              *code);

/* Whether the handshake is done (and the connection open). */
gboolean    cs_live_peer_is_joined     (CsLivePeer              *self);
/* The other person's name once joined. */
const char *cs_live_peer_get_peer_name (CsLivePeer              *self);
/* Sends @message once joined; FALSE with an error otherwise. */
gboolean    cs_live_peer_send          (CsLivePeer              *self,
                                        const CsLiveMessage     *message,
                                        GError                 **error);
/* Keepalives: once joined, a side that has sent nothing for
 * @interval_ms sends a keepalive; from the start (the handshake too), a
 * side that has heard nothing for @timeout_ms declares the connection
 * lost ("closed" with G_IO_ERROR_TIMED_OUT). Defaults: CS_LIVE_KEEPALIVE_MS and
 * CS_LIVE_TIMEOUT_MS; 0 turns either off. */
#define CS_LIVE_KEEPALIVE_MS 2000
#define CS_LIVE_TIMEOUT_MS 6000
void        cs_live_peer_set_keepalive (CsLivePeer              *self,
                                        guint                    interval_ms,
                                        guint                    timeout_ms);
/* Host: replaces the check of the guest's hello (by default, the proof
 * of the code given) before the slide identity is compared: @check gets
 * the hello and the nonce this side sent, and refuses with an error (sent
 * to the guest as the refuse reason). */
typedef gboolean (*CsLivePeerCheckFunc) (CsLivePeer          *peer,
                                         const CsLiveMessage *hello,
                                         const char          *nonce,
                                         gpointer             user_data,
                                         GError             **error);
void        cs_live_peer_set_host_check   (CsLivePeer          *self,
                                           CsLivePeerCheckFunc  check,
                                           gpointer             user_data);
/* Host: the fresh token its welcome carries. Guest: after the welcome,
 * the token received; set before the handshake, the guest proves this
 * token (cs_live_auth_resume_proof) instead of the code, to rejoin. */
void        cs_live_peer_set_resume_token (CsLivePeer          *self,
                                           const char          *token);
const char *cs_live_peer_get_resume_token (CsLivePeer          *self);
/* WebSocket text bytes sent and received on this connection. */
guint64     cs_live_peer_get_bytes_sent     (CsLivePeer        *self);
guint64     cs_live_peer_get_bytes_received (CsLivePeer        *self);
/* Says bye and closes. */
void        cs_live_peer_close         (CsLivePeer              *self,
                                        const char              *reason);

G_END_DECLS
