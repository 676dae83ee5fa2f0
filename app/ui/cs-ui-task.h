/* cs-ui-task.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     cs_ui_task_run_in_thread     (GTask            *task,
                                       gpointer          thread_data,
                                       GDestroyNotify    thread_data_free,
                                       GTaskThreadFunc   thread_func);
void     cs_ui_task_return_error      (GTask            *task,
                                       GError           *error);
gpointer cs_ui_task_get_thread_data   (GTask            *task);
gpointer cs_ui_task_propagate_pointer (GTask            *task,
                                       GError          **error);
gboolean cs_ui_task_propagate_boolean (GTask            *task,
                                       GError          **error);

/* Tests only: each task a worker runs, from now on, is also held by
 * another thread until released, as a worker does after the callback. */
void     _cs_ui_task_hold_workers     (void);
gboolean _cs_ui_task_wait_held        (guint             n,
                                       guint             timeout_ms);
void     _cs_ui_task_release_workers  (void);

G_END_DECLS
