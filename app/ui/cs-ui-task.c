/* cs-ui-task.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-ui-task"

#include "config.h"

#include "cs-ui-task.h"

/* Work in a thread for a widget. g_task_run_in_thread ()'s worker keeps
 * its own reference on the task until after the thread function returned:
 * when the callback has run meanwhile and the window was closed, the
 * worker drops the last reference, and whatever the task holds (its source
 * object, its data) is finalized in the worker. A widget, or anything that
 * owns widgets, must never be.
 *
 * So the widget's task (the one its callback receives, source object the
 * widget) stays on the main thread, and a second task, with no source
 * object and only @thread_data, runs in the worker. When the worker's task
 * completes, its callback (on the main thread) completes the widget's
 * task; the outcome is read from the worker's task with
 * cs_ui_task_propagate_pointer () or cs_ui_task_propagate_boolean (). The
 * widget's task data is free for what must stay on the main thread. */

#define THREAD_TASK_KEY "cs-ui-task-thread-task"

static GMutex hold_mutex;
static GCond hold_cond;
static gboolean held;
static guint n_held;

static void
thread_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  g_task_return_boolean (task, TRUE);
}

/* Tests only: as a worker that still holds the task after its callback
 * ran, a thread keeps a reference on it until released. */
static gpointer
hold_thread (gpointer thread_task)
{
  g_mutex_lock (&hold_mutex);
  n_held++;
  g_cond_broadcast (&hold_cond);
  while (held)
    g_cond_wait (&hold_cond, &hold_mutex);
  g_mutex_unlock (&hold_mutex);

  g_object_unref (thread_task);

  g_mutex_lock (&hold_mutex);
  n_held--;
  g_cond_broadcast (&hold_cond);
  g_mutex_unlock (&hold_mutex);

  return NULL;
}

static void
thread_run (GTask        *thread_task,
            gpointer      source,
            gpointer      thread_data,
            GCancellable *cancellable)
{
  GTaskThreadFunc func = g_object_get_data (G_OBJECT (thread_task), "cs-ui-task-func");
  gboolean hold;

  g_mutex_lock (&hold_mutex);
  hold = held;
  g_mutex_unlock (&hold_mutex);
  if (hold)
    g_thread_unref (g_thread_new ("cs-ui-task-hold", hold_thread, g_object_ref (thread_task)));

  func (thread_task, NULL, thread_data, cancellable);
}

/**
 * cs_ui_task_run_in_thread:
 * @task: the widget's task, made on the main thread
 * @thread_data: (transfer full): what @thread_func needs: only
 *   thread-safe objects and plain data, never a widget
 * @thread_func: runs in a worker, given the worker's task (no source
 *   object) and @thread_data; it returns its outcome on the task given
 *
 * Runs @thread_func in a worker without the worker ever holding @task or
 * its source object; @task completes, on the main thread, once
 * @thread_func has returned its outcome.
 */
void
cs_ui_task_run_in_thread (GTask           *task,
                          gpointer         thread_data,
                          GDestroyNotify   thread_data_free,
                          GTaskThreadFunc  thread_func)
{
  g_autoptr(GTask) thread_task = NULL;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (thread_func != NULL);

  thread_task = g_task_new (NULL, g_task_get_cancellable (task), thread_done_cb,
                            g_object_ref (task));
  g_task_set_source_tag (thread_task, g_task_get_source_tag (task));
  g_task_set_priority (thread_task, g_task_get_priority (task));
  g_task_set_check_cancellable (thread_task, g_task_get_check_cancellable (task));
  g_task_set_task_data (thread_task, thread_data, thread_data_free);
  g_object_set_data (G_OBJECT (thread_task), "cs-ui-task-func", thread_func);
  g_object_set_data_full (G_OBJECT (task), THREAD_TASK_KEY, g_object_ref (thread_task),
                          g_object_unref);
  g_task_run_in_thread (thread_task, thread_run);
}

/**
 * cs_ui_task_return_error:
 * @error: (transfer full): why @task could not start
 *
 * Completes @task with @error, without a worker, as if its thread function
 * had returned @error.
 */
void
cs_ui_task_return_error (GTask  *task,
                         GError *error)
{
  g_autoptr(GTask) thread_task = NULL;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (error != NULL);

  thread_task = g_task_new (NULL, NULL, thread_done_cb, g_object_ref (task));
  g_task_set_source_tag (thread_task, g_task_get_source_tag (task));
  g_object_set_data_full (G_OBJECT (task), THREAD_TASK_KEY, g_object_ref (thread_task),
                          g_object_unref);
  g_task_return_error (thread_task, error);
}

static GTask *
get_thread_task (GTask *task)
{
  GTask *thread_task;

  g_return_val_if_fail (G_IS_TASK (task), NULL);

  thread_task = g_object_get_data (G_OBJECT (task), THREAD_TASK_KEY);
  g_return_val_if_fail (G_IS_TASK (thread_task), NULL);

  return thread_task;
}

/* The @thread_data given to cs_ui_task_run_in_thread (). */
gpointer
cs_ui_task_get_thread_data (GTask *task)
{
  GTask *thread_task = get_thread_task (task);

  return thread_task != NULL ? g_task_get_task_data (thread_task) : NULL;
}

/* What the thread function returned with g_task_return_pointer (). */
gpointer
cs_ui_task_propagate_pointer (GTask   *task,
                              GError **error)
{
  GTask *thread_task = get_thread_task (task);

  g_return_val_if_fail (thread_task != NULL, NULL);

  return g_task_propagate_pointer (thread_task, error);
}

/* What the thread function returned with g_task_return_boolean (). */
gboolean
cs_ui_task_propagate_boolean (GTask   *task,
                              GError **error)
{
  GTask *thread_task = get_thread_task (task);

  g_return_val_if_fail (thread_task != NULL, FALSE);

  return g_task_propagate_boolean (thread_task, error);
}

void
_cs_ui_task_hold_workers (void)
{
  g_mutex_lock (&hold_mutex);
  held = TRUE;
  g_mutex_unlock (&hold_mutex);
}

/* Whether @n worker's tasks are held, within @timeout_ms. */
gboolean
_cs_ui_task_wait_held (guint n,
                       guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;
  gboolean reached;

  g_mutex_lock (&hold_mutex);
  while (n_held < n && g_cond_wait_until (&hold_cond, &hold_mutex, end))
    ;
  reached = n_held >= n;
  g_mutex_unlock (&hold_mutex);

  return reached;
}

/* Drops the tasks held, off the main thread, and waits until they are. */
void
_cs_ui_task_release_workers (void)
{
  g_mutex_lock (&hold_mutex);
  held = FALSE;
  g_cond_broadcast (&hold_cond);
  while (n_held > 0)
    g_cond_wait (&hold_cond, &hold_mutex);
  g_mutex_unlock (&hold_mutex);
}
