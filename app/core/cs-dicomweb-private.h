/* cs-dicomweb-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "cs-dicomweb.h"

G_BEGIN_DECLS

/* What the files of the DICOMweb client share: the response parsers
 * (cs-dicomweb-json.c for the DICOM JSON model, cs-dicomweb-multipart.c
 * for multipart/related) and, for tests, the retry delays. The parsers are
 * pure functions of the bytes: they are tested without a server. Their
 * errors are CS_DICOMWEB_ERROR_MALFORMED with the cause only; the client
 * prefixes the server's name. */

/* Size caps on responses: more is a malformed answer, never an
 * allocation. */
#define CS_DICOMWEB_MAX_QIDO_BYTES     (16 * 1024 * 1024)
#define CS_DICOMWEB_MAX_METADATA_BYTES (64 * 1024 * 1024)
#define CS_DICOMWEB_MAX_FRAME_BYTES    (32 * 1024 * 1024)
#define CS_DICOMWEB_MAX_STORE_BYTES    (1024 * 1024)

/* (element-type CsDicomwebStudy) from a QIDO-RS study answer. An empty
 * @body is an empty list (some servers answer 204). */
GPtrArray *_cs_dicomweb_parse_studies    (GBytes      *body,
                                          GError     **error);
/* (element-type CsDicomwebSeries) */
GPtrArray *_cs_dicomweb_parse_series     (GBytes      *body,
                                          GError     **error);
/* A JSON array of objects (WADO-RS metadata). */
JsonNode  *_cs_dicomweb_parse_metadata   (GBytes      *body,
                                          GError     **error);
/* Whether a STOW-RS answer lists failed instances (FailedSOPSequence);
 * %FALSE with @error set if so, or if @body is not JSON. */
gboolean   _cs_dicomweb_check_stored     (GBytes      *body,
                                          GError     **error);

/* The first part of a multipart/related answer whose Content-Type is
 * @content_type, and its transfer syntax UID: the part's or the
 * response's transfer-syntax parameter, else what its media type implies
 * (image/jpeg: JPEG baseline; application/octet-stream: explicit little
 * endian). */
GBytes    *_cs_dicomweb_parse_frame      (const char  *content_type,
                                          GBytes      *body,
                                          char       **transfer_syntax,
                                          GError     **error);
/* A multipart/related body of one application/dicom part, for STOW-RS;
 * sets @content_type to the header value (with its boundary). */
GBytes    *_cs_dicomweb_build_store_body (GBytes      *part10,
                                          char       **content_type);

/* cs-dicomweb-http.c: one request, retried with backoff when transient,
 * its answer read up to @max_bytes; failures mapped to CsDicomwebError
 * naming the server. @path follows the base URL ("/studies?…"). */
typedef struct
{
  const char *method;
  const char *path;
  const char *accept;
  GBytes     *body;        /* nullable */
  const char *body_type;   /* with @body */
  gsize       max_bytes;
} CsDicomwebRequest;

GBytes    *_cs_dicomweb_request          (CsDicomwebClient        *self,
                                          const CsDicomwebRequest *request,
                                          char                   **content_type,
                                          GCancellable            *cancellable,
                                          GError                 **error);

/* cs-dicomweb.c, for cs-dicomweb-http.c (any thread). */
SoupSession           *_cs_dicomweb_client_get_session      (CsDicomwebClient *self);
char                  *_cs_dicomweb_client_dup_name         (CsDicomwebClient *self);
CsDicomwebCredentials *_cs_dicomweb_client_dup_credentials  (CsDicomwebClient *self);
/* After a 401/403: the next request asks the credentials function again. */
void                   _cs_dicomweb_client_forget_credentials (CsDicomwebClient *self);

/* cs-dicomweb-url.c: an http(s) base URL with a host, normalised
 * (without trailing slashes), and its host; a UID fit for a path
 * (digits and dots, at most 64). CS_DICOMWEB_ERROR_URL otherwise. */
gboolean   _cs_dicomweb_check_base_url   (const char  *base_url,
                                          char       **normalised,
                                          char       **host,
                                          GError     **error);
gboolean   _cs_dicomweb_check_uid        (const char  *uid,
                                          GError     **error);

/* Tests: the pauses before each retry (@n_delays retries); NULL restores
 * the default (200 ms, 800 ms, 2 s). */
void       _cs_dicomweb_set_retry_delays (const guint *delays_ms,
                                          guint        n_delays);

G_END_DECLS
