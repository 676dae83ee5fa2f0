/* test-live-message.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-live-message.h"
#include "cs-test-utils.h"

/* Live-consultation messages (cs-live-message*.c): every type round-trips;
 * hostile messages (wrong types, ranges, sizes, nesting, versions, ids)
 * are refused with the right error; the rate limiter refills. */

#define SHA "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define UUID "6423a977-ffff-48db-affc-cd11632010f0"
#define FEATURE "{\"type\":\"Feature\",\"id\":\"" UUID "\",\"geometry\":{\"type\":\"Polygon\"," \
                "\"coordinates\":[[[10,10],[200,10],[200,300],[10,10]]]}," \
                "\"properties\":{\"objectType\":\"annotation\",\"name\":\"Mitosis\"}}"

static CsLiveMessage *
parse_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  CsLiveMessage *message = cs_live_message_parse (json, strlen (json), &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  return message;
}

static void
assert_refused (const char *json,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsLiveMessage) message = cs_live_message_parse (json, strlen (json), &error);

  g_assert_null (message);
  g_assert_error (error, CS_LIVE_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

/* Serialises @message, parses the text back and serialises again: the
 * same text both times. */
static CsLiveMessage *
round_trip (CsLiveMessage *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = cs_live_message_to_json (message, &error);
  g_autofree char *again = NULL;
  CsLiveMessage *back;

  g_assert_no_error (error);
  g_assert_nonnull (json);
  back = parse_ok (json);
  again = cs_live_message_to_json (back, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, again);
  return back;
}

static void
test_hello (void)
{
  g_autoptr(CsLiveMessage) host = parse_ok ("{\"v\":1,\"type\":\"hello\",\"name\":\"Dr Ivanova\","
                                            "\"role\":\"host\",\"slide_sha256\":\"" SHA "\","
                                            "\"nonce\":\"" SHA "\",\"future\":[1,2]}");
  g_autoptr(CsLiveMessage) guest = cs_live_message_new (CS_LIVE_MESSAGE_HELLO);
  g_autoptr(CsLiveMessage) back = NULL;

  g_assert_cmpint (host->type, ==, CS_LIVE_MESSAGE_HELLO);
  g_assert_cmpint (host->role, ==, CS_LIVE_ROLE_HOST);
  g_assert_cmpstr (host->name, ==, "Dr Ivanova");
  g_assert_cmpstr (host->nonce, ==, SHA);
  g_assert_null (host->proof);

  guest->name = g_strdup ("佐藤先生");
  guest->role = CS_LIVE_ROLE_GUEST;
  guest->slide_sha256 = g_strdup (SHA);
  guest->proof = g_strdup (SHA);
  back = round_trip (guest);
  g_assert_cmpstr (back->name, ==, "佐藤先生");
  g_assert_cmpint (back->role, ==, CS_LIVE_ROLE_GUEST);
  g_assert_cmpstr (back->proof, ==, SHA);

  /* A guest without proof, a host without nonce, upper-case or short
   * hex, an unknown role, an empty name. */
  assert_refused ("{\"v\":1,\"type\":\"hello\",\"name\":\"a\",\"role\":\"guest\",\"slide_sha256\":\"" SHA "\"}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"hello\",\"name\":\"a\",\"role\":\"host\",\"slide_sha256\":\"" SHA "\"}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"hello\",\"name\":\"a\",\"role\":\"host\",\"slide_sha256\":\"ABCDEF\","
                  "\"nonce\":\"" SHA "\"}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"hello\",\"name\":\"a\",\"role\":\"admin\",\"slide_sha256\":\"" SHA "\","
                  "\"nonce\":\"" SHA "\"}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"hello\",\"name\":\"\",\"role\":\"host\",\"slide_sha256\":\"" SHA "\","
                  "\"nonce\":\"" SHA "\"}", CS_LIVE_ERROR_INVALID);
}

/* A remote slide's identity in the hello: "dicom-series:" and a UID of
 * digits and dots, at most 64 characters, no empty component. */
static void
test_hello_remote (void)
{
  const char *series = "dicom-series:1.2.826.0.1.3680043.8.498.12345678901234567890123456789012345678";
  const char *bad[] = {
    "dicom-series:", "dicom-series:1.2.x", "dicom-series:1..2", "dicom-series:.1.2",
    "dicom-series:1.2.", "dicom-series: 1.2", "DICOM-SERIES:1.2", "dicom-study:1.2",
    "dicom-series:1.2.826.0.1.3680043.8.498.123456789012345678901234567890123456789",
  };
  g_autoptr(CsLiveMessage) hello = cs_live_message_new (CS_LIVE_MESSAGE_HELLO);
  g_autoptr(CsLiveMessage) back = NULL;

  g_assert_cmpuint (strlen (series), ==, CS_LIVE_SLIDE_IDENTITY_MAX);
  hello->name = g_strdup ("佐藤先生");
  hello->role = CS_LIVE_ROLE_GUEST;
  hello->slide_sha256 = g_strdup (series);
  hello->proof = g_strdup (SHA);
  back = round_trip (hello);
  g_assert_cmpstr (back->slide_sha256, ==, series);
  g_assert_true (cs_live_slide_identity_is_valid ("dicom-series:0"));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"v\":1,\"type\":\"hello\",\"name\":\"a\",\"role\":"
                                               "\"guest\",\"slide_sha256\":\"%s\",\"proof\":\"" SHA "\"}",
                                               bad[i]);

      g_assert_false (cs_live_slide_identity_is_valid (bad[i]));
      assert_refused (json, CS_LIVE_ERROR_INVALID);
    }
}

/* The welcome's resume token, and a rejoining guest's resume proof in
 * place of the code proof (never both, never neither). */
static void
test_resume (void)
{
  g_autoptr(CsLiveMessage) welcome = cs_live_message_new (CS_LIVE_MESSAGE_WELCOME);
  g_autoptr(CsLiveMessage) hello = cs_live_message_new (CS_LIVE_MESSAGE_HELLO);
  g_autoptr(CsLiveMessage) back = NULL;
  g_autoptr(CsLiveMessage) back_hello = NULL;

  welcome->name = g_strdup ("Dr Ivanova");
  welcome->resume = g_strdup (SHA);
  back = round_trip (welcome);
  g_assert_cmpstr (back->resume, ==, SHA);

  hello->name = g_strdup ("佐藤先生");
  hello->role = CS_LIVE_ROLE_GUEST;
  hello->slide_sha256 = g_strdup (SHA);
  hello->resume = g_strdup (SHA);
  back_hello = round_trip (hello);
  g_assert_cmpstr (back_hello->resume, ==, SHA);
  g_assert_null (back_hello->proof);

  assert_refused ("{\"v\":1,\"type\":\"welcome\",\"name\":\"a\"}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"welcome\",\"name\":\"a\",\"resume\":\"ABC\"}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"hello\",\"name\":\"a\",\"role\":\"guest\",\"slide_sha256\":\"" SHA "\","
                  "\"proof\":\"" SHA "\",\"resume\":\"" SHA "\"}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"hello\",\"name\":\"a\",\"role\":\"guest\",\"slide_sha256\":\"" SHA "\","
                  "\"resume\":42}", CS_LIVE_ERROR_INVALID);
}

static void
test_view (void)
{
  g_autoptr(CsLiveMessage) view = cs_live_message_new (CS_LIVE_MESSAGE_VIEW);
  g_autoptr(CsLiveMessage) back = NULL;

  view->x = 12345.25;
  view->y = 0.1;
  view->zoom = 3.999;
  view->rotation = 90;
  view->seq = 42;
  back = round_trip (view);
  g_assert_cmpfloat (back->x, ==, 12345.25);
  g_assert_cmpfloat (back->y, ==, 0.1);
  g_assert_cmpfloat (back->zoom, ==, 3.999);
  g_assert_cmpfloat (back->rotation, ==, 90);
  g_assert_cmpuint (back->seq, ==, 42);

  assert_refused ("{\"v\":1,\"type\":\"view\",\"x\":1e999,\"y\":0,\"zoom\":1,\"rotation\":0,\"seq\":1}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"view\",\"x\":1e8,\"y\":0,\"zoom\":1,\"rotation\":0,\"seq\":1}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"view\",\"x\":1,\"y\":0,\"zoom\":0,\"rotation\":0,\"seq\":1}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"view\",\"x\":1,\"y\":0,\"zoom\":1,\"rotation\":360,\"seq\":1}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"view\",\"x\":1,\"y\":0,\"zoom\":1,\"rotation\":0,\"seq\":1.5}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"view\",\"x\":1,\"y\":0,\"zoom\":1,\"rotation\":0,\"seq\":-1}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"view\",\"x\":\"1\",\"y\":0,\"zoom\":1,\"rotation\":0,\"seq\":1}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"view\",\"y\":0,\"zoom\":1,\"rotation\":0,\"seq\":1}",
                  CS_LIVE_ERROR_INVALID);

  /* Not finite values are not sent either. */
  view->x = NAN;
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *json = cs_live_message_to_json (view, &error);

    g_assert_null (json);
    g_assert_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID);
  }
}

static void
test_small_types (void)
{
  g_autoptr(CsLiveMessage) pointer = parse_ok ("{\"v\":1,\"type\":\"pointer\",\"x\":5,\"y\":-6,\"visible\":true}");
  g_autoptr(CsLiveMessage) ping = parse_ok ("{\"v\":1,\"type\":\"ping\",\"x\":5,\"y\":6,\"note\":\"look here\\nplease\"}");
  g_autoptr(CsLiveMessage) control = parse_ok ("{\"v\":1,\"type\":\"control\",\"driver\":\"guest\"}");
  g_autoptr(CsLiveMessage) refuse = parse_ok ("{\"v\":1,\"type\":\"refuse\",\"reason\":\"wrong slide\"}");
  g_autoptr(CsLiveMessage) bye = parse_ok ("{\"v\":1,\"type\":\"bye\"}");
  g_autoptr(CsLiveMessage) keepalive = parse_ok ("{\"type\":\"keepalive\",\"v\":1}");
  CsLiveMessage *all[] = { pointer, ping, control, refuse, bye, keepalive };

  g_assert_true (pointer->visible);
  g_assert_cmpfloat (pointer->y, ==, -6);
  g_assert_cmpstr (ping->note, ==, "look here\nplease");
  g_assert_cmpint (control->role, ==, CS_LIVE_ROLE_GUEST);
  g_assert_cmpstr (refuse->reason, ==, "wrong slide");
  g_assert_null (bye->reason);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr(CsLiveMessage) back = round_trip (all[i]);

      g_assert_cmpint (back->type, ==, all[i]->type);
    }

  assert_refused ("{\"v\":1,\"type\":\"pointer\",\"x\":5,\"y\":6,\"visible\":1}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"refuse\"}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"ping\",\"x\":5,\"y\":6,\"note\":\"bell\\u0007\"}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"control\",\"driver\":\"nobody\"}", CS_LIVE_ERROR_INVALID);
}

static void
test_annotation (void)
{
  g_autoptr(CsLiveMessage) upsert = parse_ok ("{\"v\":1,\"type\":\"annotation-upsert\",\"uuid\":\"" UUID "\","
                                              "\"author\":\"Dr Sato\",\"modified\":\"2026-11-28T09:15:00.5+09:00\","
                                              "\"feature\":" FEATURE "}");
  g_autoptr(CsLiveMessage) back = NULL;
  g_autoptr(CsLiveMessage) deleted = parse_ok ("{\"v\":1,\"type\":\"annotation-delete\",\"uuid\":\"" UUID "\","
                                               "\"author\":\"Dr Sato\",\"modified\":\"2026-11-28T00:15:01Z\"}");

  g_assert_nonnull (upsert->annotation);
  g_assert_cmpstr (cs_annotation_get_id (upsert->annotation), ==, UUID);
  g_assert_cmpstr (cs_annotation_get_name (upsert->annotation), ==, "Mitosis");
  g_assert_cmpstr (upsert->author, ==, "Dr Sato");
  /* 00:15:00.5 UTC */
  g_assert_cmpint (upsert->modified, ==, G_GINT64_CONSTANT (1795824900500000));
  g_assert_cmpint (cs_annotation_get_modified (upsert->annotation), ==, upsert->modified);
  g_assert_cmpint (deleted->modified - upsert->modified, ==, 500000);

  back = round_trip (upsert);
  g_assert_true (cs_annotation_equal (back->annotation, upsert->annotation));
  g_assert_cmpint (back->modified, ==, upsert->modified);
  g_clear_pointer (&back, cs_live_message_free);
  back = round_trip (deleted);
  g_assert_null (back->annotation);
  g_assert_cmpstr (back->uuid, ==, UUID);

  /* Another id in the feature than in the message, no feature, a broken
   * geometry, not a UUID, a time without zone. */
  assert_refused ("{\"v\":1,\"type\":\"annotation-upsert\",\"uuid\":\"6423a977-ffff-48db-affc-cd11632010f1\","
                  "\"author\":\"x\",\"modified\":\"2026-11-28T00:15:00Z\",\"feature\":" FEATURE "}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"annotation-upsert\",\"uuid\":\"" UUID "\","
                  "\"author\":\"x\",\"modified\":\"2026-11-28T00:15:00Z\"}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"annotation-upsert\",\"uuid\":\"" UUID "\",\"author\":\"x\","
                  "\"modified\":\"2026-11-28T00:15:00Z\",\"feature\":{\"type\":\"Feature\",\"id\":\"" UUID "\","
                  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[1e300,\"a\"]]]}}}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"annotation-delete\",\"uuid\":\"not-a-uuid\","
                  "\"author\":\"x\",\"modified\":\"2026-11-28T00:15:00Z\"}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"annotation-delete\",\"uuid\":\"" UUID "\","
                  "\"author\":\"x\",\"modified\":\"2026-11-28T00:15:00\"}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"annotation-delete\",\"uuid\":\"" UUID "\","
                  "\"author\":\"x\",\"modified\":\"1013-11-28T00:15:00Z\"}", CS_LIVE_ERROR_INVALID);
}

#define UPSERT_CHANGE "{\"type\":\"annotation-upsert\",\"uuid\":\"" UUID "\",\"author\":\"Dr Sato\"," \
                      "\"modified\":\"2026-11-28T00:15:00Z\",\"feature\":" FEATURE "}"
#define DELETE_CHANGE "{\"type\":\"annotation-delete\",\"uuid\":\"" UUID "\",\"author\":\"Dr Sato\"," \
                      "\"modified\":\"2026-11-28T00:15:01Z\"}"

static char *
batch_of (const char *change,
          guint       n)
{
  g_autoptr(GString) out = g_string_new ("{\"v\":1,\"type\":\"annotation-batch\",\"changes\":[");

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, change);
    }
  g_string_append (out, "]}");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_batch (void)
{
  g_autoptr(CsLiveMessage) batch = parse_ok ("{\"v\":1,\"type\":\"annotation-batch\",\"changes\":["
                                             UPSERT_CHANGE "," DELETE_CHANGE "]}");
  g_autoptr(CsLiveMessage) back = NULL;
  g_autofree char *most = batch_of (DELETE_CHANGE, CS_LIVE_BATCH_MAX_CHANGES);
  g_autofree char *too_many = batch_of (DELETE_CHANGE, CS_LIVE_BATCH_MAX_CHANGES + 1);
  g_autofree char *big = batch_of (UPSERT_CHANGE, 500);
  g_autofree char *huge = NULL;
  g_autoptr(CsLiveMessage) ok = NULL;
  CsLiveMessage *change;

  g_assert_cmpint (batch->type, ==, CS_LIVE_MESSAGE_ANNOTATION_BATCH);
  g_assert_cmpuint (batch->changes->len, ==, 2);
  change = batch->changes->pdata[0];
  g_assert_cmpint (change->type, ==, CS_LIVE_MESSAGE_ANNOTATION_UPSERT);
  g_assert_cmpstr (cs_annotation_get_name (change->annotation), ==, "Mitosis");
  g_assert_cmpint (cs_annotation_get_modified (change->annotation), ==, change->modified);
  change = batch->changes->pdata[1];
  g_assert_cmpint (change->type, ==, CS_LIVE_MESSAGE_ANNOTATION_DELETE);
  g_assert_cmpint (change->modified, ==, G_GINT64_CONSTANT (1795824901000000));
  back = round_trip (batch);
  g_assert_cmpuint (back->changes->len, ==, 2);
  g_assert_true (cs_annotation_equal (((CsLiveMessage *) back->changes->pdata[0])->annotation,
                                      ((CsLiveMessage *) batch->changes->pdata[0])->annotation));

  /* Up to CS_LIVE_BATCH_MAX_CHANGES changes, beyond 64 KiB, up to 1 MiB. */
  ok = parse_ok (most);
  g_assert_cmpuint (ok->changes->len, ==, CS_LIVE_BATCH_MAX_CHANGES);
  g_clear_pointer (&ok, cs_live_message_free);
  g_assert_cmpuint (strlen (big), >, CS_LIVE_MESSAGE_MAX_SIZE);
  ok = parse_ok (big);
  assert_refused (too_many, CS_LIVE_ERROR_INVALID);
  huge = batch_of (UPSERT_CHANGE, CS_LIVE_ANNOTATION_MAX_SIZE / strlen (UPSERT_CHANGE) + 1);
  assert_refused (huge, CS_LIVE_ERROR_TOO_LARGE);

  /* Each change is checked as strictly as alone: no changes, not an
   * array, not an object, another type, a nested batch, a bad UUID, a
   * feature of another id, no feature. */
  assert_refused ("{\"v\":1,\"type\":\"annotation-batch\",\"changes\":[]}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"annotation-batch\"}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"annotation-batch\",\"changes\":{}}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"annotation-batch\",\"changes\":[" DELETE_CHANGE ",7]}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"annotation-batch\",\"changes\":[{\"type\":\"bye\"}]}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"annotation-batch\",\"changes\":[{\"type\":\"annotation-batch\","
                  "\"changes\":[" DELETE_CHANGE "]}]}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"annotation-batch\",\"changes\":[{\"type\":\"annotation-delete\","
                  "\"uuid\":\"not-a-uuid\",\"author\":\"x\",\"modified\":\"2026-11-28T00:15:00Z\"}]}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"annotation-batch\",\"changes\":[{\"type\":\"annotation-upsert\","
                  "\"uuid\":\"6423a977-ffff-48db-affc-cd11632010f1\",\"author\":\"x\","
                  "\"modified\":\"2026-11-28T00:15:00Z\",\"feature\":" FEATURE "}]}",
                  CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"annotation-batch\",\"changes\":[{\"type\":\"annotation-upsert\","
                  "\"uuid\":\"" UUID "\",\"author\":\"x\",\"modified\":\"2026-11-28T00:15:00Z\"}]}",
                  CS_LIVE_ERROR_INVALID);
}

static char *
padded (const char *type,
        gsize       size)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, "{\"v\":1,\"type\":\"%s\",\"reason\":\"r\",\"pad\":\"", type);
  while (out->len < size - 2)
    g_string_append_c (out, 'x');
  g_string_append (out, "\"}");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_envelope (void)
{
  g_autofree char *big = padded ("bye", CS_LIVE_MESSAGE_MAX_SIZE + 1);
  g_autofree char *fits = padded ("bye", CS_LIVE_MESSAGE_MAX_SIZE);
  g_autofree char *huge = padded ("annotation-upsert", CS_LIVE_ANNOTATION_MAX_SIZE + 1);
  g_autoptr(GString) deep = g_string_new ("{\"v\":1,\"type\":\"bye\",\"x\":");
  g_autoptr(CsLiveMessage) ok = parse_ok (fits);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsLiveMessage) none = NULL;

  assert_refused (big, CS_LIVE_ERROR_TOO_LARGE);
  assert_refused (huge, CS_LIVE_ERROR_TOO_LARGE);
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  assert_refused (deep->str, CS_LIVE_ERROR_INVALID);

  assert_refused ("{\"v\":2,\"type\":\"bye\"}", CS_LIVE_ERROR_VERSION);
  assert_refused ("{\"v\":1.0,\"type\":\"bye\"}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"type\":\"bye\"}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"shutdown\"}", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":7}", CS_LIVE_ERROR_INVALID);
  assert_refused ("[1]", CS_LIVE_ERROR_INVALID);
  assert_refused ("", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"bye\"", CS_LIVE_ERROR_INVALID);
  assert_refused ("{\"v\":1,\"type\":\"bye\",\"reason\":\"\xff\xfe\"}", CS_LIVE_ERROR_INVALID);

  /* A NUL inside: the length counts, not the terminator. */
  none = cs_live_message_parse ("{\"v\":1,\"type\":\"bye\"}\0{", 22, &error);
  g_assert_null (none);
  g_assert_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID);
}

static void
test_rate_limiter (void)
{
  g_autoptr(CsLiveRateLimiter) limiter = cs_live_rate_limiter_new ();
  g_autoptr(GError) error = NULL;
  gint64 t = 1000;
  guint taken = 0;

  /* The burst, then refusal. */
  while (cs_live_rate_limiter_take (limiter, CS_LIVE_MESSAGE_VIEW, t, NULL))
    taken++;
  g_assert_cmpuint (taken, ==, 120);
  g_assert_false (cs_live_rate_limiter_take (limiter, CS_LIVE_MESSAGE_POINTER, t, &error));
  g_assert_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_RATE_LIMITED);
  g_clear_error (&error);

  /* Annotations have their own bucket. */
  g_assert_true (cs_live_rate_limiter_take (limiter, CS_LIVE_MESSAGE_ANNOTATION_UPSERT, t, NULL));

  /* Half a second refills 30 motion messages, no more. */
  t += G_USEC_PER_SEC / 2;
  taken = 0;
  while (cs_live_rate_limiter_take (limiter, CS_LIVE_MESSAGE_VIEW, t, NULL))
    taken++;
  g_assert_cmpuint (taken, ==, 30);

  /* A steady 60 per second passes for ten seconds. */
  for (guint i = 0; i < 600; i++)
    {
      t += G_USEC_PER_SEC / 60 + 1;
      g_assert_true (cs_live_rate_limiter_take (limiter, CS_LIVE_MESSAGE_VIEW, t, NULL));
    }

  /* A clock going back refills nothing. */
  while (cs_live_rate_limiter_take (limiter, CS_LIVE_MESSAGE_ANNOTATION_DELETE, t, NULL))
    ;
  g_assert_false (cs_live_rate_limiter_take (limiter, CS_LIVE_MESSAGE_ANNOTATION_DELETE,
                                             t - 10 * G_USEC_PER_SEC, NULL));
}

static CsLiveMessage *
batch_message (guint n)
{
  CsLiveMessage *batch = cs_live_message_new (CS_LIVE_MESSAGE_ANNOTATION_BATCH);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (batch->changes, cs_live_message_new (CS_LIVE_MESSAGE_ANNOTATION_DELETE));
  return batch;
}

/* A batch costs a token per CS_LIVE_BATCH_CHANGES_PER_TOKEN changes
 * begun, from the annotation bucket (burst 40, 20 per second). */
static void
test_rate_batch (void)
{
  g_autoptr(CsLiveRateLimiter) limiter = cs_live_rate_limiter_new ();
  g_autoptr(CsLiveMessage) one = batch_message (1);
  g_autoptr(CsLiveMessage) full = batch_message (CS_LIVE_BATCH_MAX_CHANGES);
  g_autoptr(CsLiveMessage) upsert = cs_live_message_new (CS_LIVE_MESSAGE_ANNOTATION_UPSERT);
  g_autoptr(GError) error = NULL;
  gint64 t = 1000;

  g_assert_cmpuint (cs_live_message_get_cost (one), ==, 1);
  g_assert_cmpuint (cs_live_message_get_cost (full), ==, CS_LIVE_BATCH_MAX_CHANGES / CS_LIVE_BATCH_CHANGES_PER_TOKEN);
  g_ptr_array_add (one->changes, cs_live_message_new (CS_LIVE_MESSAGE_ANNOTATION_DELETE));
  g_assert_cmpuint (cs_live_message_get_cost (one), ==, 1);
  g_assert_cmpuint (cs_live_message_get_cost (upsert), ==, 1);

  /* 40 tokens: four full batches, then refusal, taking nothing. */
  for (guint i = 0; i < 4; i++)
    g_assert_true (cs_live_rate_limiter_take_message (limiter, full, t, NULL));
  g_assert_false (cs_live_rate_limiter_take_message (limiter, full, t, &error));
  g_assert_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_RATE_LIMITED);
  g_assert_false (cs_live_rate_limiter_take_message (limiter, upsert, t, NULL));
  /* Half a second: ten tokens, one full batch, and nothing left. */
  t += G_USEC_PER_SEC / 2;
  g_assert_true (cs_live_rate_limiter_take_message (limiter, full, t, NULL));
  g_assert_false (cs_live_rate_limiter_take_message (limiter, upsert, t, NULL));
  /* Other buckets are not touched. */
  g_assert_true (cs_live_rate_limiter_take (limiter, CS_LIVE_MESSAGE_VIEW, t, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/live-message/hello", test_hello);
  g_test_add_func ("/cs/live-message/hello-remote", test_hello_remote);
  g_test_add_func ("/cs/live-message/resume", test_resume);
  g_test_add_func ("/cs/live-message/view", test_view);
  g_test_add_func ("/cs/live-message/small-types", test_small_types);
  g_test_add_func ("/cs/live-message/annotation", test_annotation);
  g_test_add_func ("/cs/live-message/envelope", test_envelope);
  g_test_add_func ("/cs/live-message/rate-limiter", test_rate_limiter);
  g_test_add_func ("/cs/live-message/batch", test_batch);
  g_test_add_func ("/cs/live-message/rate-batch", test_rate_batch);

  return g_test_run ();
}
