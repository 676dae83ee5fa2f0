/* cs-window-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-slide-view.h"
#include "cs-window.h"

G_BEGIN_DECLS

struct _CsWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template Widgets */
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_page;
  CsSlideView          *view;

  /* Owned References */
  GSettings            *settings;      /* NULL when the schema is not installed */
  GFile                *file;          /* shown, or being opened */
  CsSlide              *slide;
  GCancellable         *cancellable;   /* the open in flight */
  GtkFileChooserNative *chooser;

  guint                 release_source;
};

void _cs_window_class_actions_init (CsWindowClass *klass);
void _cs_window_actions_dispose    (CsWindow      *self);

G_END_DECLS
