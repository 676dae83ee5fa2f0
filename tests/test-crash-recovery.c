/* test-crash-recovery.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <utime.h>

#include "cs-crash-script.h"
#include "cs-test-utils.h"

/* The kill test: cs-crash-child performs the seeded script of annotation,
 * case and opinion edits through the stores the application uses, and is
 * killed (SIGKILL) at seeded points, then restarted on the same folder.
 * After every kill, the stores must load without a problem, hold every
 * acknowledged step (and possibly the one that was under way, whole), and
 * signed opinions must verify. The UI saves through the same stores
 * (CsAnnotationSession shares a CsAnnotationStore; the window's cases are
 * one CsCaseStore), so this covers its save path.
 *
 * CS_CRASH_SEED=<n> reruns a seed the log printed. */

#define N_ROUNDS 40
#define MAX_STEPS 100000

typedef struct
{
  char   *data_dir;
  char   *child_path;
  guint32 seed;
  GRand  *rand;
  guint   acked;   /* steps acknowledged in all rounds */
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  const char *env = g_getenv ("CS_CRASH_SEED");
  guint64 seed = 0;

  f->data_dir = cs_test_make_tmpdir ();
  f->child_path = g_test_build_filename (G_TEST_BUILT, "cs-crash-child", NULL);
  if (env == NULL || !g_ascii_string_to_unsigned (env, 10, 0, G_MAXUINT32, &seed, NULL))
    seed = g_test_rand_int ();
  f->seed = (guint32) seed;
  f->rand = g_rand_new_with_seed (f->seed);
  g_test_message ("seed %u (rerun with CS_CRASH_SEED=%u)", f->seed, f->seed);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  cs_test_remove_tree (f->data_dir);
  g_free (f->data_dir);
  g_free (f->child_path);
  g_rand_free (f->rand);
}

static GSubprocess *
spawn_child (Fixture *f,
             guint    start,
             guint    end)
{
  g_autofree char *seed = g_strdup_printf ("%u", f->seed);
  g_autofree char *first = g_strdup_printf ("%u", start);
  g_autofree char *last = g_strdup_printf ("%u", end);
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, f->child_path,
                            f->data_dir, seed, first, last, NULL);
  g_assert_no_error (error);
  return child;
}

/* Reads "ack <n> <what>" lines until @wanted more acknowledgements (0:
 * none) or the end; counts them in f->acked, checking their order. */
static gboolean
read_acks (Fixture          *f,
           GDataInputStream *in,
           guint             wanted)
{
  for (guint got = 0; wanted == 0 || got < wanted; got++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, &error);
      g_autofree char *expected = NULL;

      g_assert_no_error (error);
      if (line == NULL)
        return FALSE;
      expected = g_strdup_printf ("ack %u ", f->acked);
      g_assert_true (g_str_has_prefix (line, expected));
      f->acked++;
    }
  return TRUE;
}

typedef gboolean (*NameTest) (const char *name,
                              gconstpointer data);

/* The files under @dir (recursively) whose name passes @test. */
static guint
count_files (const char   *dir,
             NameTest      test,
             gconstpointer data)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        n += count_files (path, test, data);
      else if (test (name, data))
        n++;
    }
  return n;
}

static gboolean
name_contains (const char   *name,
               gconstpointer data)
{
  return strstr (name, data) != NULL;
}

/* A signed copy, reports/<id>.r<N>.json. */
static gboolean
is_signed_copy (const char   *name,
                gconstpointer data)
{
  return name[0] != '.' && strstr (name, ".r") != NULL && g_str_has_suffix (name, ".json");
}

/* Loads both stores as the application does; they load cleanly and hold
 * the state after f->acked steps, or after the step under way. */
static void
check_state (Fixture *f)
{
  g_autofree char *annotations = cs_crash_annotations_dir (f->data_dir);
  g_autofree char *cases_dir = cs_crash_cases_dir (f->data_dir);
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, annotations, CS_CRASH_SHA);
  g_autoptr(CsCaseStore) cases = cs_case_store_new (cases_dir);
  g_autoptr(CsCrashModel) before = cs_crash_model_after (f->seed, f->acked);
  g_autoptr(CsCrashModel) after = cs_crash_model_after (f->seed, f->acked + 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  g_autofree char *why_after = NULL;
  GPtrArray *problems;

  g_assert_true (cs_annotation_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_true (cs_case_store_load (cases, &error));
  g_assert_no_error (error);
  problems = cs_case_store_get_problems (cases);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
  /* Nothing was set aside as damaged; the annotation store's own
   * temporary files are gone once it is open again. */
  g_assert_cmpuint (count_files (f->data_dir, name_contains, ".damaged"), ==, 0);
  g_assert_cmpuint (count_files (annotations, name_contains, ".tmp"), ==, 0);
  /* What load repaired is written back; then every signed revision has
   * its copy. */
  g_assert_true (cs_case_store_flush (cases, &error));
  g_assert_no_error (error);
  if (cs_crash_model_matches (before, list, cases, &why))
    {
      g_assert_cmpuint (count_files (cases_dir, is_signed_copy, NULL), ==, before->n_signed);
      return;
    }
  if (cs_crash_model_matches (after, list, cases, &why_after))
    {
      g_assert_cmpuint (count_files (cases_dir, is_signed_copy, NULL), ==, after->n_signed);
      return;
    }
  g_test_message ("after %u steps: %s; after %u: %s", f->acked, why, f->acked + 1, why_after);
  g_test_fail ();
}

/* One run of the child killed after @n_acks more acknowledgements (0:
 * while it starts) and a further @delay_us. */
static void
kill_round (Fixture *f,
            guint    n_acks,
            guint    delay_us)
{
  g_autoptr(GSubprocess) child = spawn_child (f, f->acked, MAX_STEPS);
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  g_autoptr(GError) error = NULL;

  if (n_acks > 0 && !read_acks (f, in, n_acks))
    g_error ("the child ended early (status %d)", g_subprocess_get_status (child));
  g_usleep (delay_us);
  g_subprocess_send_signal (child, SIGKILL);
  read_acks (f, in, 0);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_no_error (error);
  /* Killed, not ended by an error of its own. */
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
}

static void
test_kill (Fixture      *f,
           gconstpointer data)
{
  g_autoptr(GSubprocess) last = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCrashModel) model = NULL;
  guint end;

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      /* One round in eight kills it while it opens the stores. */
      guint n_acks = g_rand_int_range (f->rand, 0, 8) == 0 ? 0 : g_rand_int_range (f->rand, 1, 10);
      guint delay_us = g_rand_int_range (f->rand, 0, 6000);

      kill_round (f, n_acks, delay_us);
      check_state (f);
      if (g_test_failed ())
        return;
    }
  /* Left by kills mid-write: ignored by load, removed when stale. */
  g_test_message ("%u rounds, %u steps acknowledged, %u temporary files left in the cases",
                  N_ROUNDS, f->acked, count_files (f->data_dir, name_contains, ".tmp"));
  g_assert_cmpuint (f->acked, >, N_ROUNDS);

  /* Left to finish a few steps and close: exactly the script's state. */
  end = f->acked + 5;
  last = spawn_child (f, f->acked, end);
  g_assert_true (g_subprocess_wait_check (last, NULL, &error));
  g_assert_no_error (error);
  f->acked = end;
  check_state (f);
  model = cs_crash_model_after (f->seed, end);
  g_assert_cmpuint (model->names->len + model->n_signed, >, 0);
}

/* The script itself: deterministic, and it reaches every kind of edit. */
static void
test_script (void)
{
  g_autoptr(CsCrashModel) a = cs_crash_model_after (7, 300);
  g_autoptr(CsCrashModel) b = cs_crash_model_after (7, 300);
  guint seen[CS_CRASH_OPINION_AMEND + 1] = { 0 };
  g_autoptr(CsCrashModel) model = cs_crash_model_new ();

  g_assert_cmpuint (a->names->len, ==, b->names->len);
  g_assert_cmpint (a->revision, ==, b->revision);
  g_assert_cmpstr (a->text, ==, b->text);
  for (guint n = 0; n < 300; n++)
    {
      CsCrashStep step;

      cs_crash_step_make (7, n, model, &step);
      seen[step.op]++;
      cs_crash_model_apply (model, &step);
      cs_crash_step_clear (&step);
    }
  for (guint op = 0; op <= CS_CRASH_OPINION_AMEND; op++)
    g_assert_cmpuint (seen[op], >, 0);
  g_assert_cmpuint (model->n_signed, >, 1);
}

static void
put_file (const char *folder,
          const char *name,
          gint64      age_s)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  struct utimbuf times;

  g_assert_true (g_file_set_contents (path, "{\"half", -1, NULL));
  times.actime = times.modtime = g_get_real_time () / G_USEC_PER_SEC - age_s;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* The temporary files crashes left in a case folder are removed when
 * stale (an hour), not while another process may still be writing. */
static void
test_stale_temporaries (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autoptr(CsCaseStore) store = cs_case_store_new (dir);
  g_autoptr(CsCaseStore) again = cs_case_store_new (dir);
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *reports = NULL;

  g_assert_true (cs_case_store_load (store, &error));
  cs_case_store_add (store, kase);
  cs_case_add_opinion (kase, "Dr. Crash", NULL, NULL);
  g_assert_true (cs_case_store_flush (store, &error));
  g_assert_no_error (error);
  folder = cs_case_store_dup_case_folder (dir, cs_case_get_id (kase));
  reports = g_build_filename (folder, "reports", NULL);
  put_file (folder, ".case.json.0a1b2c3d.tmp", 7200);
  put_file (reports, ".x.json.ffffffff.tmp", 7200);
  put_file (folder, ".case.json.12345678.tmp", 10);
  put_file (folder, ".kept.tmp", 7200);

  g_assert_true (cs_case_store_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cs_case_store_get_problems (again)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  g_assert_cmpuint (count_files (folder, name_contains, ".0a1b2c3d.tmp"), ==, 0);
  g_assert_cmpuint (count_files (folder, name_contains, ".ffffffff.tmp"), ==, 0);
  g_assert_cmpuint (count_files (folder, name_contains, ".12345678.tmp"), ==, 1);
  g_assert_cmpuint (count_files (folder, name_contains, ".kept.tmp"), ==, 1);
  cs_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cs/crash-recovery/script", test_script);
  g_test_add_func ("/cs/crash-recovery/stale-temporaries", test_stale_temporaries);
  g_test_add ("/cs/crash-recovery/kill", Fixture, NULL, fixture_setup, test_kill,
              fixture_teardown);
  return g_test_run ();
}
