/* cs-test-live-proxy.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A TCP forwarder on a loopback port for live-session tests: every
 * connection it accepts is spliced to 127.0.0.1:TARGET (TLS passes
 * through untouched), and the test can cut the link: close every
 * forwarded connection, and refuse new ones while blocked. Runs in the
 * thread-default main context of its creation. */

typedef struct _CsTestLiveProxy CsTestLiveProxy;

CsTestLiveProxy *cs_test_live_proxy_new         (guint             target_port,
                                                 GError          **error);
void             cs_test_live_proxy_free        (CsTestLiveProxy  *self);
/* The port to connect to instead of the target's. */
guint            cs_test_live_proxy_get_port    (CsTestLiveProxy  *self);
/* Closes every connection forwarded so far (both of its ends). */
void             cs_test_live_proxy_cut         (CsTestLiveProxy  *self);
/* While blocked, new connections are closed as soon as accepted. */
void             cs_test_live_proxy_set_blocked (CsTestLiveProxy  *self,
                                                 gboolean          blocked);
/* Connections accepted so far (blocked ones too). */
guint            cs_test_live_proxy_get_n_accepted (CsTestLiveProxy *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsTestLiveProxy, cs_test_live_proxy_free)

G_END_DECLS
