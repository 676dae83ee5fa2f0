/* cs-saved-views.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * CsSavedView:
 * @id: a UUID, kept across renames and packages
 * @name: what the list shows
 * @note: (nullable): free text
 * @x, @y: the level-0 image point at the centre of the view
 * @zoom: device pixels per level-0 pixel (as CsViewport)
 * @rotation: degrees clockwise, 0 <= rotation < 360
 * @extra: (nullable): members this version does not know, written back
 *   as they were
 *
 * A bookmark: where a view was, and why.
 */
typedef struct
{
  char       *id;
  char       *name;
  char       *note;
  double      x;
  double      y;
  double      zoom;
  double      rotation;
  JsonObject *extra;
} CsSavedView;

/**
 * CsTourStop:
 * @annotation_id: (nullable): the annotation the stop shows
 * @view_id: (nullable): the saved view the stop shows; exactly one of
 *   @annotation_id and @view_id is set
 * @caption: (nullable): what the trainee reads at the stop
 * @extra: (nullable): unknown members, kept
 */
typedef struct
{
  char       *annotation_id;
  char       *view_id;
  char       *caption;
  JsonObject *extra;
} CsTourStop;

/**
 * CsTour:
 * @id: a UUID
 * @name: the tour's title
 * @stops: (element-type CsTourStop): in order
 * @extra: (nullable): unknown members, kept
 */
typedef struct
{
  char       *id;
  char       *name;
  GPtrArray  *stops;
  JsonObject *extra;
} CsTour;

/**
 * CsSavedViews:
 * @views: (element-type CsSavedView): in the user's order
 * @tours: (element-type CsTour): in the user's order
 * @extra: (nullable): unknown top-level members, kept
 *
 * The saved views and tours of one slide.
 */
typedef struct
{
  GPtrArray  *views;
  GPtrArray  *tours;
  JsonObject *extra;
} CsSavedViews;

#define CS_SAVED_VIEWS_FORMAT 1

CsSavedView  *cs_saved_view_new      (const char          *name,
                                      const char          *note,
                                      double               x,
                                      double               y,
                                      double               zoom,
                                      double               rotation);
CsSavedView  *cs_saved_view_copy     (const CsSavedView   *view);
void          cs_saved_view_free     (gpointer             view);

CsTourStop   *cs_tour_stop_new       (const char          *annotation_id,
                                      const char          *view_id,
                                      const char          *caption);
CsTourStop   *cs_tour_stop_copy      (const CsTourStop    *stop);
void          cs_tour_stop_free      (gpointer             stop);

CsTour       *cs_tour_new            (const char          *name);
CsTour       *cs_tour_copy           (const CsTour        *tour);
void          cs_tour_free           (gpointer             tour);

CsSavedViews *cs_saved_views_new     (void);
CsSavedViews *cs_saved_views_copy    (const CsSavedViews  *views);
void          cs_saved_views_free    (gpointer             views);
gboolean      cs_saved_views_is_empty (const CsSavedViews *views);
CsSavedView  *cs_saved_views_find_view (const CsSavedViews *views,
                                        const char         *id);
CsTour       *cs_saved_views_find_tour (const CsSavedViews *views,
                                        const char         *id);

/* The JSON document (see cs-saved-views-store.h for the file). A member
 * of the wrong type, a view without a finite centre and zoom, or a stop
 * naming neither an annotation nor a view is CS_SAVED_VIEWS_ERROR_PARSE
 * naming @name (a file name) and the member. */
JsonNode     *cs_saved_views_to_json   (const CsSavedViews *views,
                                        const char         *slide_sha256);
CsSavedViews *cs_saved_views_from_json (JsonNode           *root,
                                        const char         *name,
                                        GError            **error);

#define CS_SAVED_VIEWS_ERROR (cs_saved_views_error_quark ())

typedef enum
{
  CS_SAVED_VIEWS_ERROR_PARSE,
  CS_SAVED_VIEWS_ERROR_FORMAT,
  CS_SAVED_VIEWS_ERROR_NOT_FOUND,
} CsSavedViewsError;

GQuark        cs_saved_views_error_quark (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsSavedView, cs_saved_view_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsTourStop, cs_tour_stop_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsTour, cs_tour_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsSavedViews, cs_saved_views_free)

G_END_DECLS
