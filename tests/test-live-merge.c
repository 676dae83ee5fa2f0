/* test-live-merge.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cs-live-merge.h"
#include "cs-test-utils.h"

/* The live session's merge model and follow mode (cs-live-merge.c):
 * remote edits by UUID with last-writer-wins, ties settled the same way
 * on both sides, deletions that stay deleted; a followed view that
 * glides to its target and arrives. */

#define UUID "6423a977-ffff-48db-affc-cd11632010f0"
#define T0 G_GINT64_CONSTANT (1795824900000000)

static CsLiveMessage *
upsert (double      size,
        const char *author,
        gint64      modified)
{
  CsRect rect = { 100, 100, size, size };
  g_autoptr(CsGeometry) geometry = cs_geometry_new_rectangle (&rect);
  CsLiveMessage *message = cs_live_message_new (CS_LIVE_MESSAGE_ANNOTATION_UPSERT);

  message->annotation = cs_annotation_new (CS_SHAPE_POLYGON, geometry);
  cs_annotation_set_id (message->annotation, UUID);
  cs_annotation_set_author (message->annotation, author);
  cs_annotation_set_modified (message->annotation, modified);
  message->uuid = g_strdup (UUID);
  message->author = g_strdup (author);
  message->modified = modified;
  return message;
}

static CsLiveMessage *
deletion (const char *author,
          gint64      modified)
{
  CsLiveMessage *message = cs_live_message_new (CS_LIVE_MESSAGE_ANNOTATION_DELETE);

  message->uuid = g_strdup (UUID);
  message->author = g_strdup (author);
  message->modified = modified;
  return message;
}

static double
listed_width (CsAnnotationList *list)
{
  CsAnnotation *listed = cs_annotation_list_lookup (list, UUID);
  CsRect bounds;

  g_assert_nonnull (listed);
  cs_annotation_get_bounds (listed, &bounds);
  return bounds.width;
}

static void
test_upsert (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsLiveMerge) merge = cs_live_merge_new (list);
  g_autoptr(CsLiveMessage) first = upsert (10, "Dr Sato", T0);
  g_autoptr(CsLiveMessage) later = upsert (20, "Dr Ivanova", T0 + 1);
  g_autoptr(CsLiveMessage) anonymous = upsert (30, NULL, T0 + 2);
  CsAnnotation *listed;

  g_assert_cmpint (cs_live_merge_apply (merge, first), ==, CS_LIVE_MERGE_APPLIED);
  g_assert_cmpfloat (listed_width (list), ==, 10);
  g_assert_cmpint (cs_live_merge_apply (merge, first), ==, CS_LIVE_MERGE_UNCHANGED);
  g_assert_cmpint (cs_live_merge_apply (merge, later), ==, CS_LIVE_MERGE_APPLIED);
  g_assert_cmpfloat (listed_width (list), ==, 20);
  /* The older edit arriving late changes nothing. */
  g_assert_cmpint (cs_live_merge_apply (merge, first), ==, CS_LIVE_MERGE_STALE);
  g_assert_cmpfloat (listed_width (list), ==, 20);
  listed = cs_annotation_list_lookup (list, UUID);
  g_assert_cmpstr (cs_annotation_get_author (listed), ==, "Dr Ivanova");
  g_assert_cmpint (cs_annotation_get_modified (listed), ==, T0 + 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* A feature without an author is the sender's. */
  g_free (anonymous->author);
  anonymous->author = g_strdup ("Dr Petrov");
  g_assert_cmpint (cs_live_merge_apply (merge, anonymous), ==, CS_LIVE_MERGE_APPLIED);
  listed = cs_annotation_list_lookup (list, UUID);
  g_assert_cmpstr (cs_annotation_get_author (listed), ==, "Dr Petrov");
  g_assert_cmpint (cs_annotation_get_modified (listed), ==, T0 + 2);
}

/* Two sides edit at the same microsecond and exchange their edits:
 * both keep the same one. */
static void
test_tie (void)
{
  g_autoptr(CsAnnotationList) moscow = cs_annotation_list_new ();
  g_autoptr(CsAnnotationList) osaka = cs_annotation_list_new ();
  g_autoptr(CsLiveMerge) merge_moscow = cs_live_merge_new (moscow);
  g_autoptr(CsLiveMerge) merge_osaka = cs_live_merge_new (osaka);
  g_autoptr(CsLiveMessage) from_moscow = upsert (10, "Dr Ivanova", T0);
  g_autoptr(CsLiveMessage) from_osaka = upsert (20, "Dr Sato", T0);
  g_autoptr(CsLiveMessage) same_author = upsert (30, "Dr Sato", T0);

  cs_live_merge_apply (merge_moscow, from_moscow);
  cs_live_merge_apply (merge_osaka, from_osaka);
  cs_live_merge_apply (merge_moscow, from_osaka);
  cs_live_merge_apply (merge_osaka, from_moscow);
  g_assert_cmpfloat (listed_width (moscow), ==, listed_width (osaka));
  g_assert_cmpfloat (listed_width (moscow), ==, 20);

  /* Same time and author: the feature text decides, alike on both. */
  cs_live_merge_apply (merge_moscow, same_author);
  cs_live_merge_apply (merge_osaka, same_author);
  g_assert_cmpfloat (listed_width (moscow), ==, listed_width (osaka));
}

static void
test_delete (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsLiveMerge) merge = cs_live_merge_new (list);
  g_autoptr(CsLiveMessage) created = upsert (10, "Dr Sato", T0);
  g_autoptr(CsLiveMessage) edited = upsert (20, "Dr Sato", T0 + 10);
  g_autoptr(CsLiveMessage) old_delete = deletion ("Dr Ivanova", T0 + 5);
  g_autoptr(CsLiveMessage) removed = deletion ("Dr Ivanova", T0 + 10);
  g_autoptr(CsLiveMessage) revived = upsert (30, "Dr Sato", T0 + 11);

  cs_live_merge_apply (merge, created);
  cs_live_merge_apply (merge, edited);
  /* A deletion older than the edit loses. */
  g_assert_cmpint (cs_live_merge_apply (merge, old_delete), ==, CS_LIVE_MERGE_STALE);
  g_assert_nonnull (cs_annotation_list_lookup (list, UUID));
  /* At the same time a deletion wins, into the trash. */
  g_assert_cmpint (cs_live_merge_apply (merge, removed), ==, CS_LIVE_MERGE_APPLIED);
  g_assert_null (cs_annotation_list_lookup (list, UUID));
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (list)), ==, 1);
  g_assert_cmpint (cs_live_merge_apply (merge, removed), ==, CS_LIVE_MERGE_UNCHANGED);
  /* The edit crossing the deletion does not revive it... */
  g_assert_cmpint (cs_live_merge_apply (merge, edited), ==, CS_LIVE_MERGE_STALE);
  g_assert_cmpint (cs_live_merge_apply (merge, created), ==, CS_LIVE_MERGE_STALE);
  g_assert_null (cs_annotation_list_lookup (list, UUID));
  /* ...a later one does. */
  g_assert_cmpint (cs_live_merge_apply (merge, revived), ==, CS_LIVE_MERGE_APPLIED);
  g_assert_cmpfloat (listed_width (list), ==, 30);
}

static void
test_local_delete (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsLiveMerge) merge = cs_live_merge_new (list);
  g_autoptr(CsLiveMessage) created = upsert (10, "Dr Sato", T0);

  cs_live_merge_note_delete (merge, UUID, "Dr Ivanova", T0 + 1);
  g_assert_cmpint (cs_live_merge_apply (merge, created), ==, CS_LIVE_MERGE_STALE);
  g_assert_null (cs_annotation_list_lookup (list, UUID));
}

static void
test_follow (void)
{
  CsLiveView start = { 1000, 1000, 1, 350 };
  g_autoptr(CsLiveMessage) view = cs_live_message_new (CS_LIVE_MESSAGE_VIEW);
  g_autoptr(CsLiveMessage) older = cs_live_message_new (CS_LIVE_MESSAGE_VIEW);
  CsLiveFollow follow;
  double last_distance = G_MAXDOUBLE;
  guint steps = 0;

  cs_live_follow_init (&follow, &start);
  g_assert_false (cs_live_follow_step (&follow, 0.016));

  view->x = 21000;
  view->y = 1000;
  view->zoom = 16;
  view->rotation = 10;
  view->seq = 5;
  older->seq = 4;
  g_assert_true (cs_live_follow_set_target (&follow, view));
  g_assert_false (cs_live_follow_set_target (&follow, older));
  g_assert_cmpfloat (follow.target.x, ==, 21000);

  /* Monotone approach; the rotation goes the short way (350 → 10 through
   * 0, never through 180); zoom halfway in log space after one time
   * constant's log 2. */
  g_assert_true (cs_live_follow_step (&follow, 0.12 * log (2)));
  g_assert_cmpfloat_with_epsilon (follow.current.zoom, 4.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (follow.current.x, 11000.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (follow.current.rotation, 0.0, 1e-9);
  while (cs_live_follow_step (&follow, 1.0 / 60))
    {
      double distance = fabs (follow.target.x - follow.current.x);

      g_assert_cmpfloat (distance, <, last_distance);
      g_assert_true (follow.current.rotation < 10.0 + 1e-9 || follow.current.rotation > 349.0);
      last_distance = distance;
      g_assert_cmpuint (++steps, <, 200);
    }
  /* Arrived within about a second, exactly on the target. */
  g_assert_cmpuint (steps, >, 10);
  g_assert_cmpfloat (follow.current.x, ==, 21000);
  g_assert_cmpfloat (follow.current.zoom, ==, 16);
  g_assert_cmpfloat (follow.current.rotation, ==, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/live-merge/upsert", test_upsert);
  g_test_add_func ("/cs/live-merge/tie", test_tie);
  g_test_add_func ("/cs/live-merge/delete", test_delete);
  g_test_add_func ("/cs/live-merge/local-delete", test_local_delete);
  g_test_add_func ("/cs/live-merge/follow", test_follow);

  return g_test_run ();
}
