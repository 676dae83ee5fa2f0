/* cs-live-transport.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* WebSocket over TLS for live sessions (libsoup 3). The host serves
 * wss://HOST:PORT/live with its self-signed certificate; the guest
 * accepts exactly the certificate whose fingerprint it was given. */

#define CS_LIVE_PATH "/live"
/* Connections accepted but not yet a WebSocket (TLS handshake, upgrade
 * request) at once, and the seconds each has to become one: beyond
 * either, the host closes the connection, so that silent or trickling
 * connections (slowloris) cannot pile up. */
#define CS_LIVE_MAX_UPGRADES 8
#define CS_LIVE_UPGRADE_TIMEOUT_S 5

typedef void (*CsLiveAcceptFunc) (SoupWebsocketConnection *connection,
                                  gpointer                 user_data);

/* Listens on @port of every interface (0: any free port, returned in
 * @out_port) and hands each WebSocket connection to @accept. */
SoupServer              *cs_live_host_listen (GTlsCertificate      *certificate,
                                              guint                 port,
                                              CsLiveAcceptFunc      accept,
                                              gpointer              user_data,
                                              guint                *out_port,
                                              GError              **error);

/* The seconds a connection accepted from now on has to become a
 * WebSocket (CS_LIVE_UPGRADE_TIMEOUT_S unless set; tests wait longer, or
 * less). */
void                     cs_live_host_set_upgrade_timeout (SoupServer *server,
                                                           guint       seconds);

/* Connects to @url (wss://…/live), accepting only a certificate of
 * SHA-256 fingerprint @fingerprint (as cs_live_auth_fingerprint()). */
void                     cs_live_join_async  (const char           *url,
                                              const char           *fingerprint,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
SoupWebsocketConnection *cs_live_join_finish (GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
