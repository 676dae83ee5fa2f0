/* cs-dicomweb.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A DICOMweb client (QIDO-RS, WADO-RS, STOW-RS) over libsoup 3, for the
 * slide archives of issue 9. Every call is synchronous and cancellable and
 * may be made from any thread (the tile loader's workers fetch frames in
 * parallel); the UI calls them from worker threads. Failures name the
 * server (its name, else its host) and the cause; transient ones
 * (connection refused or reset, timeouts, 502/503/504) are retried with
 * backoff before they are reported. TLS certificates are verified. */

#define CS_DICOMWEB_ERROR (cs_dicomweb_error_quark ())

typedef enum
{
  CS_DICOMWEB_ERROR_URL,        /* not an http(s) URL, or not a DICOMweb path */
  CS_DICOMWEB_ERROR_CONNECT,    /* the server cannot be reached (after retries) */
  CS_DICOMWEB_ERROR_AUTH,       /* 401 or 403 */
  CS_DICOMWEB_ERROR_NOT_FOUND,  /* 404 */
  CS_DICOMWEB_ERROR_SERVER,     /* another failing status (5xx after retries, 4xx) */
  CS_DICOMWEB_ERROR_MALFORMED,  /* a response that is not what DICOMweb promises */
  CS_DICOMWEB_ERROR_UNSUPPORTED /* e.g. a frame transfer syntax Consilium cannot decode */
} CsDicomwebError;

GQuark cs_dicomweb_error_quark (void);

typedef enum
{
  CS_DICOMWEB_AUTH_NONE,
  CS_DICOMWEB_AUTH_BASIC,
  CS_DICOMWEB_AUTH_BEARER
} CsDicomwebAuth;

/* What the application knows of a server's credentials. The secret is
 * never written to files or logs. */
typedef struct
{
  CsDicomwebAuth  auth;
  char           *username;   /* basic */
  char           *secret;     /* basic: the password; bearer: the token */
} CsDicomwebCredentials;

void cs_dicomweb_credentials_free (CsDicomwebCredentials *credentials);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDicomwebCredentials, cs_dicomweb_credentials_free)

/* Where the client finds credentials for a base URL: the window asks the
 * keyring, consilium-cli its options. Returns %NULL for none. Called from
 * any thread. */
typedef CsDicomwebCredentials *(*CsDicomwebCredentialsFunc) (const char *base_url,
                                                             gpointer    user_data);

void cs_dicomweb_set_credentials_func (CsDicomwebCredentialsFunc func,
                                       gpointer                  user_data);
/* A client asks the function once and keeps the answer (each call may be
 * a keyring lookup) until the server refuses it (401/403) or this is
 * called: after the user changed a server's credentials. Any thread. */
void cs_dicomweb_credentials_changed  (void);

/* QIDO-RS search filters; %NULL or 0 for none. */
typedef struct
{
  const char *patient_id;    /* PatientID; a pseudonym in a consult */
  const char *patient_name;
  const char *accession;     /* AccessionNumber */
  const char *study_date;    /* DICOM date or range: "20260101-20261231" */
  const char *modality;      /* ModalitiesInStudy, e.g. "SM" */
  guint       limit;
  guint       offset;
} CsDicomwebQuery;

typedef struct
{
  char  *study_uid;
  char  *patient_id;
  char  *patient_name;
  char  *accession;
  char  *study_date;
  char  *description;
  char **modalities;
  guint  n_series;
} CsDicomwebStudy;

typedef struct
{
  char  *series_uid;
  char  *modality;
  char  *description;
  guint  n_instances;
} CsDicomwebSeries;

void cs_dicomweb_study_free  (CsDicomwebStudy  *study);
void cs_dicomweb_series_free (CsDicomwebSeries *series);

#define CS_TYPE_DICOMWEB_CLIENT (cs_dicomweb_client_get_type ())

G_DECLARE_FINAL_TYPE (CsDicomwebClient, cs_dicomweb_client, CS, DICOMWEB_CLIENT, GObject)

CsDicomwebClient *cs_dicomweb_client_new             (const char             *base_url,
                                                      GError                **error);
const char       *cs_dicomweb_client_get_base_url    (CsDicomwebClient       *self);
/* The server's name in messages ("Pathology PACS"); default: its host. */
void              cs_dicomweb_client_set_name        (CsDicomwebClient       *self,
                                                      const char             *name);
const char       *cs_dicomweb_client_get_name        (CsDicomwebClient       *self);
/* Overrides the credentials function for this client. */
void              cs_dicomweb_client_set_credentials (CsDicomwebClient       *self,
                                                      const CsDicomwebCredentials *credentials);

/* (element-type CsDicomwebStudy) */
GPtrArray        *cs_dicomweb_client_search_studies  (CsDicomwebClient       *self,
                                                      const CsDicomwebQuery  *query,
                                                      GCancellable           *cancellable,
                                                      GError                **error);
/* (element-type CsDicomwebSeries); @modality may be %NULL */
GPtrArray        *cs_dicomweb_client_search_series   (CsDicomwebClient       *self,
                                                      const char             *study_uid,
                                                      const char             *modality,
                                                      GCancellable           *cancellable,
                                                      GError                **error);
/* WADO-RS series metadata: a JSON array of instances in the DICOM JSON
 * model (bulk data left out). */
JsonNode         *cs_dicomweb_client_get_series_metadata (CsDicomwebClient   *self,
                                                      const char             *study_uid,
                                                      const char             *series_uid,
                                                      GCancellable           *cancellable,
                                                      GError                **error);
/* One frame (1-based) as stored, with its transfer syntax UID
 * (1.2.840.10008.1.2.4.50 JPEG baseline, 1.2.840.10008.1.2.4.90/.91 JPEG
 * 2000, 1.2.840.10008.1.2.1 explicit little endian: raw pixels). */
GBytes           *cs_dicomweb_client_get_frame       (CsDicomwebClient       *self,
                                                      const char             *study_uid,
                                                      const char             *series_uid,
                                                      const char             *instance_uid,
                                                      guint                   frame,
                                                      char                  **transfer_syntax,
                                                      GCancellable           *cancellable,
                                                      GError                **error);
/* STOW-RS of one DICOM Part 10 file into @study_uid (or the server's
 * choice when %NULL). */
gboolean          cs_dicomweb_client_store           (CsDicomwebClient       *self,
                                                      const char             *study_uid,
                                                      GBytes                 *part10,
                                                      GCancellable           *cancellable,
                                                      GError                **error);

/* "dicomweb:https://host/dicom-web/studies/UID/series/UID": the form in
 * which a remote slide is named on the command line, in recent files and
 * as a CsSlide's path. */
#define CS_DICOMWEB_URL_SCHEME "dicomweb:"

gboolean cs_dicomweb_parse_slide_url (const char  *url,
                                      char       **base_url,
                                      char       **study_uid,
                                      char       **series_uid,
                                      GError     **error);
char    *cs_dicomweb_make_slide_url  (const char  *base_url,
                                      const char  *study_uid,
                                      const char  *series_uid);

G_END_DECLS
