/* cs-archive-servers.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-dicomweb.h"

G_BEGIN_DECLS

/* The slide archives (DICOMweb servers) in the "dicomweb-servers" key:
 * name, base URL, authentication and user name. Their passwords and
 * tokens are in the secret store (cs-secret-store.h), keyed by base URL. */

typedef struct
{
  char           *name;
  char           *url;
  CsDicomwebAuth  auth;
  char           *username;
} CsArchiveServer;

CsArchiveServer *cs_archive_server_new        (const char       *name,
                                               const char       *url,
                                               CsDicomwebAuth    auth,
                                               const char       *username);
void             cs_archive_server_free       (CsArchiveServer  *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsArchiveServer, cs_archive_server_free)

const char      *cs_archive_auth_to_string    (CsDicomwebAuth    auth);
CsDicomwebAuth   cs_archive_auth_from_string  (const char       *text);

/* (element-type CsArchiveServer) (transfer full) */
GPtrArray       *cs_archive_servers_new       (void);
GPtrArray       *cs_archive_servers_load      (GSettings        *settings);
void             cs_archive_servers_save      (GSettings        *settings,
                                               GPtrArray        *servers);
/* The base URL as stored: trimmed, without a trailing slash. */
char            *cs_archive_normalize_url     (const char       *url);
/* Checks a server as the editor would save it: a name, an http(s) URL no
 * other server uses (@except_url: the server being edited), a user name
 * for basic authentication. */
gboolean         cs_archive_server_check      (GPtrArray        *servers,
                                               const CsArchiveServer *server,
                                               const char       *except_url,
                                               GError          **error);

/* A client for @server, named after it, its credentials found through the
 * function cs_archive_servers_install () sets. */
CsDicomwebClient *cs_archive_server_make_client (const CsArchiveServer *server,
                                                 GError          **error);

/* Makes the DICOMweb client find credentials for the servers in
 * @settings: their authentication and user name from @settings (followed
 * as it changes), the secret from the secret store. */
void             cs_archive_servers_install   (GSettings        *settings);
CsDicomwebCredentials *cs_archive_servers_lookup_credentials (const char *base_url);

G_END_DECLS
