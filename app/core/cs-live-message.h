/* cs-live-message.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cs-annotation.h"

G_BEGIN_DECLS

/* Live consultation protocol (issue 12): small JSON documents, one per
 * WebSocket text message, each {"v": 1, "type": "...", ...}.
 *
 * The host greets first with a "hello" carrying a fresh nonce; the guest
 * answers with its own "hello" carrying the proof of the one-time code
 * (cs-live-auth.h) and the slide's SHA-256 identity; the host replies
 * "welcome" (with a resume token) or "refuse". A guest rejoining after a
 * lost link proves the resume token instead of the code.  Then either side sends view, pointer,
 * annotation-upsert/-delete, annotation-batch (many upserts and deletes
 * at once, for the full sync on a join or rejoin), ping, control,
 * keepalive and finally bye.
 * Members a type does not use are ignored; everything a type uses is
 * validated strictly, and any refusal is a CS_LIVE_ERROR. */

#define CS_LIVE_PROTOCOL_VERSION 1

/* Whole message, except annotation-upsert and annotation-batch. */
#define CS_LIVE_MESSAGE_MAX_SIZE (64 * 1024)
/* An annotation-upsert message (its feature may be a large freehand), and
 * a whole annotation-batch message. */
#define CS_LIVE_ANNOTATION_MAX_SIZE (1024 * 1024)
/* Changes in one annotation-batch; each CS_LIVE_BATCH_CHANGES_PER_TOKEN
 * of them (begun) cost one token of the annotation rate limit. */
#define CS_LIVE_BATCH_MAX_CHANGES 1000
#define CS_LIVE_BATCH_CHANGES_PER_TOKEN 100
/* Nesting of arrays and objects (a GeoJSON polygon needs 5). */
#define CS_LIVE_MESSAGE_MAX_DEPTH 16
/* Level-0 coordinates, pixels: far beyond any slide, finite. */
#define CS_LIVE_COORD_MAX 1e7
#define CS_LIVE_ZOOM_MIN 1e-3
#define CS_LIVE_ZOOM_MAX 1e5
/* Bytes of UTF-8. */
#define CS_LIVE_NAME_MAX 128
#define CS_LIVE_TEXT_MAX 1024

#define CS_LIVE_ERROR (cs_live_error_quark ())

typedef enum
{
  CS_LIVE_ERROR_INVALID,
  CS_LIVE_ERROR_VERSION,
  CS_LIVE_ERROR_TOO_LARGE,
  CS_LIVE_ERROR_RATE_LIMITED,
  CS_LIVE_ERROR_AUTH,
  CS_LIVE_ERROR_CERTIFICATE,
} CsLiveError;

GQuark cs_live_error_quark (void);

typedef enum
{
  CS_LIVE_MESSAGE_HELLO,
  CS_LIVE_MESSAGE_WELCOME,
  CS_LIVE_MESSAGE_REFUSE,
  CS_LIVE_MESSAGE_VIEW,
  CS_LIVE_MESSAGE_POINTER,
  CS_LIVE_MESSAGE_ANNOTATION_UPSERT,
  CS_LIVE_MESSAGE_ANNOTATION_DELETE,
  CS_LIVE_MESSAGE_PING,
  CS_LIVE_MESSAGE_CONTROL,
  CS_LIVE_MESSAGE_BYE,
  CS_LIVE_MESSAGE_KEEPALIVE,
  CS_LIVE_MESSAGE_ANNOTATION_BATCH,
} CsLiveMessageType;

typedef enum
{
  CS_LIVE_ROLE_HOST,
  CS_LIVE_ROLE_GUEST,
} CsLiveRole;

/**
 * CsLiveMessage:
 * @type: what the message is; the fields it uses are listed beside them
 * @name: hello, welcome: the person's display name
 * @role: hello: who sends it; control: who drives the view from now on
 * @slide_sha256: hello: the slide identity (64 lowercase hex digits, or
 *   "dicom-series:" and the Series Instance UID of a remote slide)
 * @nonce: hello from the host: 64 hex digits the guest's proof signs
 * @proof: hello from the guest: HMAC-SHA256 of the nonce (64 hex digits)
 *   keyed with the one-time code
 * @resume: welcome: a fresh random resume token (64 hex digits) for
 *   rejoining after a lost link; hello from a guest rejoining: in place
 *   of @proof, HMAC-SHA256 of the nonce keyed with that token
 * @reason: refuse (required), bye (optional): why, for the other person
 * @x: view (centre), pointer, ping: level-0 pixels
 * @y: likewise
 * @zoom: view: downsample (level-0 pixels per screen pixel)
 * @rotation: view: degrees clockwise, in [0, 360)
 * @seq: view: increasing sequence number
 * @visible: pointer: whether the pointer is over the slide
 * @note: ping: an optional short text
 * @uuid: annotation-upsert, annotation-delete: the annotation's id
 * @author: annotation-upsert, annotation-delete: who made the change
 * @modified: annotation-upsert, annotation-delete: when, µs since the epoch
 * @annotation: annotation-upsert: the annotation (its id is @uuid)
 * @changes: annotation-batch: CsLiveMessage annotation-upserts and
 *   -deletes (1 to CS_LIVE_BATCH_MAX_CHANGES; an empty array, owning
 *   them, from cs_live_message_new()), each validated as if sent
 *   alone, applied in order; on the wire an array "changes" of objects
 *   with the members of those messages but "v"
 */
typedef struct
{
  CsLiveMessageType  type;
  char              *name;
  CsLiveRole         role;
  char              *slide_sha256;
  char              *nonce;
  char              *proof;
  char              *resume;
  char              *reason;
  double             x;
  double             y;
  double             zoom;
  double             rotation;
  guint64            seq;
  gboolean           visible;
  char              *note;
  char              *uuid;
  char              *author;
  gint64             modified;
  CsAnnotation      *annotation;
  GPtrArray         *changes;
} CsLiveMessage;

const char    *cs_live_message_type_to_string (CsLiveMessageType type);
const char    *cs_live_role_to_string         (CsLiveRole         role);

CsLiveMessage *cs_live_message_new            (CsLiveMessageType  type);
void           cs_live_message_free           (CsLiveMessage     *self);

/* Parses and validates one message of @len bytes (not NUL-terminated). */
CsLiveMessage *cs_live_message_parse          (const char        *data,
                                               gsize              len,
                                               GError           **error);
/* Validates @self as cs_live_message_parse() would and serialises it as
 * compact JSON; NULL with an error if it would not pass. */
char          *cs_live_message_to_json        (const CsLiveMessage *self,
                                               GError           **error);
/* The bytes cs_live_message_to_json() would write, unchecked (to fill a
 * batch without parsing each change back). */
gsize          cs_live_message_get_json_size  (const CsLiveMessage *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsLiveMessage, cs_live_message_free)

/* Per-connection token buckets: view and pointer 60 per second (burst
 * 120), annotation upsert/delete/batch 20 per second (burst 40), everything
 * else 5 per second (burst 20). A message costs one token, a batch one per
 * CS_LIVE_BATCH_CHANGES_PER_TOKEN changes begun. */
typedef struct _CsLiveRateLimiter CsLiveRateLimiter;

CsLiveRateLimiter *cs_live_rate_limiter_new   (void);
void               cs_live_rate_limiter_free  (CsLiveRateLimiter *self);
/* Takes one token for a message of @type at @now_usec (monotonic);
 * FALSE with CS_LIVE_ERROR_RATE_LIMITED when its bucket is empty. */
gboolean           cs_live_rate_limiter_take  (CsLiveRateLimiter *self,
                                               CsLiveMessageType  type,
                                               gint64             now_usec,
                                               GError           **error);
/* The tokens @message costs (1, or more for a batch). */
guint              cs_live_message_get_cost   (const CsLiveMessage *message);
/* Takes the tokens @message costs from its bucket at @now_usec; FALSE
 * with CS_LIVE_ERROR_RATE_LIMITED (taking none) when it holds fewer. */
gboolean           cs_live_rate_limiter_take_message (CsLiveRateLimiter   *self,
                                                      const CsLiveMessage *message,
                                                      gint64               now_usec,
                                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsLiveRateLimiter, cs_live_rate_limiter_free)

/* The longest slide identity: "dicom-series:" and a UID of 64 characters. */
#define CS_LIVE_SLIDE_IDENTITY_MAX 77

/* A DICOM UID as the live protocol accepts it: 1 to 64 characters, digits
 * and dots, no empty component. */
gboolean cs_live_dicom_uid_is_valid      (const char *uid);
/* A slide identity the live protocol carries: a file's SHA-256 (64
 * lowercase hexadecimal digits) or "dicom-series:" and a valid UID. */
gboolean cs_live_slide_identity_is_valid (const char *identity);

G_END_DECLS
