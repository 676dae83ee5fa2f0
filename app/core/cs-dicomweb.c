/* cs-dicomweb.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-dicomweb"

#include "config.h"

#include "cs-dicomweb-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* CsDicomwebClient: one DICOMweb server (its base URL, name and
 * credentials) and the QIDO-RS, WADO-RS and STOW-RS calls on it. The
 * requests themselves (retries, size caps, errors) are in
 * cs-dicomweb-http.c, the parsers in cs-dicomweb-json.c and
 * cs-dicomweb-multipart.c, addresses and "dicomweb:" slide URLs in
 * cs-dicomweb-url.c.
 *
 * Threads: the client is created and configured (name, credentials) on
 * one thread; its calls may then run on any thread at once. libsoup 3.2
 * allows sending on one session from several threads as long as the
 * session is configured on its own thread before the first request
 * (libsoup's "Client thread safety"), which cs_dicomweb_client_new ()
 * does. The name and credentials are guarded by a mutex, so that the UI
 * may change them while workers fetch. */

struct _CsDicomwebClient
{
  GObject                parent_instance;

  SoupSession           *session;
  char                  *base_url;
  char                  *host;

  GMutex                 lock;
  char                  *name;          /* lock */
  CsDicomwebCredentials *credentials;   /* lock; NULL: the global function */
  /* What the global function answered (NULL: none), asked once per
   * generation of credentials, not once per request (each call may be a
   * keyring lookup). Forgotten when the server refuses them. */
  CsDicomwebCredentials *found;         /* lock */
  guint                  found_generation; /* lock; 0: not asked */
};

G_DEFINE_FINAL_TYPE (CsDicomwebClient, cs_dicomweb_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (cs-dicomweb-error-quark, cs_dicomweb_error)

/* Frames and metadata for the tile loader's workers at once. */
#define MAX_CONNS_PER_HOST 8
#define IO_TIMEOUT_S 30

static GMutex credentials_lock;
static CsDicomwebCredentialsFunc credentials_func;
static gpointer credentials_data;
static guint credentials_generation = 1;

void
cs_dicomweb_credentials_free (CsDicomwebCredentials *credentials)
{
  if (credentials == NULL)
    return;

  g_free (credentials->username);
  if (credentials->secret != NULL)
    memset (credentials->secret, 0, strlen (credentials->secret));
  g_free (credentials->secret);
  g_free (credentials);
}

static CsDicomwebCredentials *
credentials_copy (const CsDicomwebCredentials *credentials)
{
  CsDicomwebCredentials *copy = g_new0 (CsDicomwebCredentials, 1);

  copy->auth = credentials->auth;
  copy->username = g_strdup (credentials->username);
  copy->secret = g_strdup (credentials->secret);

  return copy;
}

void
cs_dicomweb_set_credentials_func (CsDicomwebCredentialsFunc func,
                                  gpointer                  user_data)
{
  g_mutex_lock (&credentials_lock);
  credentials_func = func;
  credentials_data = user_data;
  credentials_generation++;
  g_mutex_unlock (&credentials_lock);
}

void
cs_dicomweb_credentials_changed (void)
{
  g_mutex_lock (&credentials_lock);
  credentials_generation++;
  g_mutex_unlock (&credentials_lock);
}

void
cs_dicomweb_study_free (CsDicomwebStudy *study)
{
  if (study == NULL)
    return;

  g_free (study->study_uid);
  g_free (study->patient_id);
  g_free (study->patient_name);
  g_free (study->accession);
  g_free (study->study_date);
  g_free (study->description);
  g_strfreev (study->modalities);
  g_free (study);
}

void
cs_dicomweb_series_free (CsDicomwebSeries *series)
{
  if (series == NULL)
    return;

  g_free (series->series_uid);
  g_free (series->modality);
  g_free (series->description);
  g_free (series);
}

static void
cs_dicomweb_client_finalize (GObject *object)
{
  CsDicomwebClient *self = CS_DICOMWEB_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->host);
  g_free (self->name);
  cs_dicomweb_credentials_free (self->credentials);
  cs_dicomweb_credentials_free (self->found);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cs_dicomweb_client_parent_class)->finalize (object);
}

static void
cs_dicomweb_client_class_init (CsDicomwebClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_dicomweb_client_finalize;
}

static void
cs_dicomweb_client_init (CsDicomwebClient *self)
{
  g_mutex_init (&self->lock);
}

CsDicomwebClient *
cs_dicomweb_client_new (const char *base_url,
                        GError    **error)
{
  g_autoptr(CsDicomwebClient) self = NULL;
  g_autofree char *user_agent = NULL;
  g_autofree char *normalised = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);

  if (!_cs_dicomweb_check_base_url (base_url, &normalised, &host, error))
    return NULL;

  self = g_object_new (CS_TYPE_DICOMWEB_CLIENT, NULL);
  self->base_url = g_steal_pointer (&normalised);
  self->host = g_steal_pointer (&host);
  user_agent = g_strconcat ("Consilium/", PACKAGE_VERSION, NULL);
  /* Configured here, before any request (see the top of the file). TLS
   * certificates are checked against the system's database, libsoup's
   * default. */
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", IO_TIMEOUT_S,
                                                 "max-conns-per-host", MAX_CONNS_PER_HOST,
                                                 NULL);

  return g_steal_pointer (&self);
}

const char *
cs_dicomweb_client_get_base_url (CsDicomwebClient *self)
{
  g_return_val_if_fail (CS_IS_DICOMWEB_CLIENT (self), NULL);

  return self->base_url;
}

void
cs_dicomweb_client_set_name (CsDicomwebClient *self,
                             const char       *name)
{
  g_return_if_fail (CS_IS_DICOMWEB_CLIENT (self));

  g_mutex_lock (&self->lock);
  g_free (self->name);
  self->name = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
  g_mutex_unlock (&self->lock);
}

/* The returned string lives until the next cs_dicomweb_client_set_name ():
 * call both on the same thread. */
const char *
cs_dicomweb_client_get_name (CsDicomwebClient *self)
{
  g_return_val_if_fail (CS_IS_DICOMWEB_CLIENT (self), NULL);

  return self->name != NULL ? self->name : self->host;
}

char *
_cs_dicomweb_client_dup_name (CsDicomwebClient *self)
{
  char *name;

  g_mutex_lock (&self->lock);
  name = g_strdup (self->name != NULL ? self->name : self->host);
  g_mutex_unlock (&self->lock);

  return name;
}

void
cs_dicomweb_client_set_credentials (CsDicomwebClient            *self,
                                    const CsDicomwebCredentials *credentials)
{
  g_return_if_fail (CS_IS_DICOMWEB_CLIENT (self));

  g_mutex_lock (&self->lock);
  cs_dicomweb_credentials_free (self->credentials);
  self->credentials = credentials != NULL ? credentials_copy (credentials) : NULL;
  g_mutex_unlock (&self->lock);
}

static CsDicomwebCredentials *
credentials_copy_or_null (const CsDicomwebCredentials *credentials)
{
  return credentials != NULL ? credentials_copy (credentials) : NULL;
}

CsDicomwebCredentials *
_cs_dicomweb_client_dup_credentials (CsDicomwebClient *self)
{
  CsDicomwebCredentials *credentials = NULL;
  CsDicomwebCredentialsFunc func;
  gpointer data;
  guint generation;
  gboolean known = FALSE;

  g_mutex_lock (&credentials_lock);
  func = credentials_func;
  data = credentials_data;
  generation = credentials_generation;
  g_mutex_unlock (&credentials_lock);

  g_mutex_lock (&self->lock);
  if (self->credentials != NULL || self->found_generation == generation)
    {
      credentials = credentials_copy_or_null (self->credentials != NULL ? self->credentials
                                                                        : self->found);
      known = TRUE;
    }
  g_mutex_unlock (&self->lock);
  if (known || func == NULL)
    return credentials;

  /* Outside the lock: the function may take a while. */
  credentials = func (self->base_url, data);
  g_mutex_lock (&self->lock);
  cs_dicomweb_credentials_free (self->found);
  self->found = credentials_copy_or_null (credentials);
  self->found_generation = generation;
  g_mutex_unlock (&self->lock);

  return credentials;
}

void
_cs_dicomweb_client_forget_credentials (CsDicomwebClient *self)
{
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->found, cs_dicomweb_credentials_free);
  self->found_generation = 0;
  g_mutex_unlock (&self->lock);
}

SoupSession *
_cs_dicomweb_client_get_session (CsDicomwebClient *self)
{
  return self->session;
}

/* Names the server in a parser's error (which gives only the cause), and
 * returns @result. */
static gpointer
name_server (CsDicomwebClient *self,
             gpointer          result,
             GError          **error)
{
  g_autofree char *server = NULL;

  if (result != NULL)
    return result;
  server = _cs_dicomweb_client_dup_name (self);
  /* TRANSLATORS: %s is a server's name; the cause follows. */
  g_prefix_error (error, _("The slide archive “%s” sent an answer Consilium cannot use: "),
                  server);

  return NULL;
}

static void
append_param (GString    *query,
              const char *key,
              const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;
  /* DICOM's wildcards stay as they are: a query may hold them, and
   * Orthanc 1.10 does not decode %2A back into one. */
  escaped = g_uri_escape_string (value, "*?", FALSE);
  g_string_append_printf (query, "%c%s=%s", query->len == 0 ? '?' : '&', key, escaped);
}

static void
append_count (GString    *query,
              const char *key,
              guint       value)
{
  if (value > 0)
    g_string_append_printf (query, "%c%s=%u", query->len == 0 ? '?' : '&', key, value);
}

GPtrArray *
cs_dicomweb_client_search_studies (CsDicomwebClient      *self,
                                   const CsDicomwebQuery *query,
                                   GCancellable          *cancellable,
                                   GError               **error)
{
  static const CsDicomwebQuery no_query = { NULL };
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;
  CsDicomwebRequest request = { "GET", NULL, "application/dicom+json", NULL, NULL,
                                CS_DICOMWEB_MAX_QIDO_BYTES };

  g_return_val_if_fail (CS_IS_DICOMWEB_CLIENT (self), NULL);

  if (query == NULL)
    query = &no_query;
  append_param (path, "PatientID", query->patient_id);
  append_param (path, "PatientName", query->patient_name);
  append_param (path, "AccessionNumber", query->accession);
  append_param (path, "StudyDate", query->study_date);
  append_param (path, "ModalitiesInStudy", query->modality);
  append_count (path, "limit", query->limit);
  append_count (path, "offset", query->offset);
  /* Study description, modalities, number of series: not in QIDO's
   * default answer. One parameter each, which every server reads (an
   * escaped comma list is not always split). */
  append_param (path, "includefield", "00081030");
  append_param (path, "includefield", "00080061");
  append_param (path, "includefield", "00201206");
  g_string_prepend (path, "/studies");
  request.path = path->str;

  body = _cs_dicomweb_request (self, &request, NULL, cancellable, error);

  return body != NULL ? name_server (self, _cs_dicomweb_parse_studies (body, error), error)
                      : NULL;
}

GPtrArray *
cs_dicomweb_client_search_series (CsDicomwebClient *self,
                                  const char       *study_uid,
                                  const char       *modality,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;
  CsDicomwebRequest request = { "GET", NULL, "application/dicom+json", NULL, NULL,
                                CS_DICOMWEB_MAX_QIDO_BYTES };

  g_return_val_if_fail (CS_IS_DICOMWEB_CLIENT (self), NULL);

  if (!_cs_dicomweb_check_uid (study_uid, error))
    return NULL;
  append_param (path, "Modality", modality);
  append_param (path, "includefield", "0008103E");
  append_param (path, "includefield", "00201209");
  g_string_prepend (path, "/series");
  g_string_prepend (path, study_uid);
  g_string_prepend (path, "/studies/");
  request.path = path->str;

  body = _cs_dicomweb_request (self, &request, NULL, cancellable, error);

  return body != NULL ? name_server (self, _cs_dicomweb_parse_series (body, error), error)
                      : NULL;
}

JsonNode *
cs_dicomweb_client_get_series_metadata (CsDicomwebClient *self,
                                        const char       *study_uid,
                                        const char       *series_uid,
                                        GCancellable     *cancellable,
                                        GError          **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;
  CsDicomwebRequest request = { "GET", NULL, "application/dicom+json", NULL, NULL,
                                CS_DICOMWEB_MAX_METADATA_BYTES };

  g_return_val_if_fail (CS_IS_DICOMWEB_CLIENT (self), NULL);

  if (!_cs_dicomweb_check_uid (study_uid, error) || !_cs_dicomweb_check_uid (series_uid, error))
    return NULL;
  path = g_strdup_printf ("/studies/%s/series/%s/metadata", study_uid, series_uid);
  request.path = path;

  body = _cs_dicomweb_request (self, &request, NULL, cancellable, error);

  return body != NULL
         ? name_server (self, _cs_dicomweb_parse_metadata (body, error), error)
         : NULL;
}

GBytes *
cs_dicomweb_client_get_frame (CsDicomwebClient *self,
                              const char       *study_uid,
                              const char       *series_uid,
                              const char       *instance_uid,
                              guint             frame,
                              char            **transfer_syntax,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autofree char *path = NULL;
  g_autofree char *content_type = NULL;
  g_autoptr(GBytes) body = NULL;
  CsDicomwebRequest request = {
    "GET", NULL, "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*",
    NULL, NULL, CS_DICOMWEB_MAX_FRAME_BYTES
  };

  g_return_val_if_fail (CS_IS_DICOMWEB_CLIENT (self), NULL);
  g_return_val_if_fail (frame >= 1, NULL);

  if (!_cs_dicomweb_check_uid (study_uid, error) || !_cs_dicomweb_check_uid (series_uid, error) ||
      !_cs_dicomweb_check_uid (instance_uid, error))
    return NULL;
  path = g_strdup_printf ("/studies/%s/series/%s/instances/%s/frames/%u",
                          study_uid, series_uid, instance_uid, frame);
  request.path = path;

  body = _cs_dicomweb_request (self, &request, &content_type, cancellable, error);
  if (body == NULL)
    return NULL;

  return name_server (self, _cs_dicomweb_parse_frame (content_type, body, transfer_syntax,
                                                     error),
                      error);
}

gboolean
cs_dicomweb_client_store (CsDicomwebClient *self,
                          const char       *study_uid,
                          GBytes           *part10,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autofree char *path = NULL;
  g_autofree char *content_type = NULL;
  g_autoptr(GBytes) request_body = NULL;
  g_autoptr(GBytes) body = NULL;
  CsDicomwebRequest request = { "POST", NULL, "application/dicom+json", NULL, NULL,
                                CS_DICOMWEB_MAX_STORE_BYTES };

  g_return_val_if_fail (CS_IS_DICOMWEB_CLIENT (self), FALSE);
  g_return_val_if_fail (part10 != NULL, FALSE);

  if (study_uid != NULL && !_cs_dicomweb_check_uid (study_uid, error))
    return FALSE;
  path = study_uid != NULL ? g_strconcat ("/studies/", study_uid, NULL)
                           : g_strdup ("/studies");
  request_body = _cs_dicomweb_build_store_body (part10, &content_type);
  request.path = path;
  request.body = request_body;
  request.body_type = content_type;

  body = _cs_dicomweb_request (self, &request, NULL, cancellable, error);

  if (body == NULL)
    return FALSE;

  if (_cs_dicomweb_check_stored (body, error))
    return TRUE;
  name_server (self, NULL, error);

  return FALSE;
}
