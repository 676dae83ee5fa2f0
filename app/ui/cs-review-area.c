/* cs-review-area.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-review-area"

#include "config.h"

#include "cs-review-area.h"

#include "cs-view-sync.h"

#include <math.h>

/* The content of a tab: the primary CsSlideViewer, and with a secondary
 * slide a second one beside it in a GtkPaned. With "sync" on, navigating
 * either view moves the other through the pair's CsSyncTransform (slide
 * A, the primary, to slide B); a guard flag keeps the follower's own
 * "viewport-changed" from moving the leader back. A drag with Ctrl held
 * ("aligning" on the view) moves one view alone; when it ends the
 * transform is taken from the two views as they are, and saved for the
 * pair, keyed by the slides' SHA-256 identities (computed in the
 * background by the core). The transform starts from the slides' scales
 * (microns per pixel), centre on centre, until a saved one is loaded. The
 * "active-viewer" is the one last focused or clicked; the header bar acts
 * on it. */

struct _CsReviewArea
{
  GtkWidget        parent_instance;

  /* Template Widgets */
  GtkOverlay      *overlay;
  GtkPaned        *paned;
  CsSlideViewer   *primary;
  CsSlideViewer   *secondary;
  GtkWidget       *sync_button;

  /* Borrowed References */
  CsSlideViewer   *active;

  /* Owned References */
  GCancellable    *cancellable;  /* the identities of the current pair */
  char            *identity_a;
  char            *identity_b;

  /* The pair */
  CsSyncTransform  transform;
  guint            sync : 1;
  guint            syncing : 1;   /* moving the follower: do not follow back */
  guint            have_pair : 1; /* both identities known */
  guint            aligned_by_user : 1;
  guint            pending_sync : 1;  /* the new pair waits for a size */
};

G_DEFINE_FINAL_TYPE (CsReviewArea, cs_review_area, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPLIT,
  PROP_SYNC,
  PROP_ACTIVE_VIEWER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static CsSlideView *
primary_view (CsReviewArea *self)
{
  return cs_slide_viewer_get_view (self->primary);
}

static CsSlideView *
secondary_view (CsReviewArea *self)
{
  return cs_slide_viewer_get_view (self->secondary);
}

static gboolean
cs_review_area_has_pair (CsReviewArea *self)
{
  return cs_slide_viewer_get_slide (self->primary) != NULL &&
         cs_slide_viewer_get_slide (self->secondary) != NULL;
}

/* B to A: the inverse of b = R(rotation) (scale * a) + (dx, dy). */
static void
cs_review_area_invert (const CsSyncTransform *t,
                       CsSyncTransform       *inverse)
{
  double rx, ry;

  inverse->scale = 1.0 / t->scale;
  inverse->rotation = fmod (360.0 - t->rotation, 360.0);
  cs_viewport_rotate_vector (inverse->rotation, t->dx, t->dy, &rx, &ry);
  inverse->dx = -rx * inverse->scale;
  inverse->dy = -ry * inverse->scale;
}

/* Moves the other view to match @leader's. Returns %FALSE when it could
 * not, yet: a view has no size. */
static gboolean
cs_review_area_follow (CsReviewArea  *self,
                       CsSlideViewer *leader)
{
  CsSlideViewer *other = leader == self->primary ? self->secondary : self->primary;
  CsSlideView *leading = cs_slide_viewer_get_view (leader);
  CsSlideView *following = cs_slide_viewer_get_view (other);
  CsSyncTransform transform;
  CsViewport lv, fv;
  double cx, cy;

  /* Nothing to do; and a view being aligned by hand moves alone. */
  if (!self->sync || self->syncing || !cs_review_area_has_pair (self) ||
      cs_slide_view_get_aligning (leading) || cs_slide_view_get_aligning (following))
    return TRUE;

  if (leader == self->primary)
    transform = self->transform;
  else
    cs_review_area_invert (&self->transform, &transform);

  cs_slide_view_get_viewport (leading, &lv);
  cs_slide_view_get_viewport (following, &fv);
  if (lv.width <= 0 || fv.width <= 0)
    return FALSE;

  cs_sync_transform_apply (&transform, &lv, &fv);
  cs_viewport_get_center (&fv, &cx, &cy);

  self->syncing = TRUE;
  cs_slide_view_move_to (following, cx, cy, fv.zoom, fv.rotation);
  self->syncing = FALSE;

  return TRUE;
}

static void
cs_review_area_save_transform (CsReviewArea *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->have_pair)
    return;

  if (!cs_sync_transform_save (&self->transform, self->identity_a, self->identity_b, &error))
    g_message ("%s", error->message);
}

/* The pair's starting transform: the same physical scale, centre on
 * centre, upright. */
static void
cs_review_area_init_transform (CsReviewArea *self)
{
  CsSlide *a = cs_slide_viewer_get_slide (self->primary);
  CsSlide *b = cs_slide_viewer_get_slide (self->secondary);
  double mpp_a = 0, mpp_b = 0, unused;
  gint64 wa, ha, wb, hb;
  double scale = 1;

  if (cs_slide_get_mpp (a, &mpp_a, &unused) && cs_slide_get_mpp (b, &mpp_b, &unused) &&
      mpp_a > 0 && mpp_b > 0)
    scale = mpp_a / mpp_b;

  cs_sync_transform_init_identity (&self->transform, scale);
  cs_slide_get_level_size (a, 0, &wa, &ha);
  cs_slide_get_level_size (b, 0, &wb, &hb);
  self->transform.dx = wb / 2.0 - self->transform.scale * wa / 2.0;
  self->transform.dy = hb / 2.0 - self->transform.scale * ha / 2.0;
}

static void
cs_review_area_pair_ready (CsReviewArea *self)
{
  CsSyncTransform saved;

  self->have_pair = TRUE;

  /* An alignment made while the identities were computed is newer than
   * any saved one. */
  if (self->aligned_by_user)
    {
      cs_review_area_save_transform (self);
    }
  else if (cs_sync_transform_load (&saved, self->identity_a, self->identity_b))
    {
      self->transform = saved;
      cs_review_area_follow (self, self->primary);
    }
}

typedef struct
{
  CsReviewArea *self;
  GCancellable *cancellable;
} IdentityJob;

static void
identity_job_free (IdentityJob *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->cancellable);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IdentityJob, identity_job_free)

static void
identity_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(IdentityJob) job = user_data;
  CsReviewArea *self = job->self;
  CsSlide *slide = CS_SLIDE (object);
  g_autoptr(GError) error = NULL;
  const char *identity;

  identity = cs_slide_compute_identity_finish (slide, result, &error);

  /* A new pair, or the area going away, cancelled it. */
  if (g_cancellable_is_cancelled (job->cancellable))
    return;

  if (identity == NULL)
    {
      /* Unreadable: no alignment is loaded or saved for this pair. */
      g_debug ("No identity for %s: %s", cs_slide_get_path (slide), error->message);
      return;
    }

  if (slide == cs_slide_viewer_get_slide (self->primary) && self->identity_a == NULL)
    self->identity_a = g_strdup (identity);
  else if (slide == cs_slide_viewer_get_slide (self->secondary) && self->identity_b == NULL)
    self->identity_b = g_strdup (identity);

  if (!self->have_pair && self->identity_a != NULL && self->identity_b != NULL)
    cs_review_area_pair_ready (self);
}

static void
cs_review_area_compute_identity (CsReviewArea *self,
                                 CsSlide      *slide)
{
  IdentityJob *job = g_new0 (IdentityJob, 1);

  job->self = g_object_ref (self);
  job->cancellable = g_object_ref (self->cancellable);
  cs_slide_compute_identity_async (slide, self->cancellable, identity_cb, job);
}

/* A new pair (or none): start over from the slides' scales, and look up
 * the pair's saved alignment in the background. */
static void
cs_review_area_reset_pair (CsReviewArea *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->identity_a, g_free);
  g_clear_pointer (&self->identity_b, g_free);
  self->have_pair = FALSE;
  self->aligned_by_user = FALSE;
  self->pending_sync = FALSE;
  cs_sync_transform_init_identity (&self->transform, 1);

  if (!cs_review_area_has_pair (self))
    return;

  cs_review_area_init_transform (self);
  self->pending_sync = !cs_review_area_follow (self, self->primary);

  self->cancellable = g_cancellable_new ();
  cs_review_area_compute_identity (self, cs_slide_viewer_get_slide (self->primary));
  cs_review_area_compute_identity (self, cs_slide_viewer_get_slide (self->secondary));
}

static void
cs_review_area_set_active (CsReviewArea  *self,
                           CsSlideViewer *viewer)
{
  gboolean split = cs_review_area_get_split (self);

  if (!split)
    viewer = self->primary;

  gtk_widget_remove_css_class (GTK_WIDGET (self->primary), "cs-active");
  gtk_widget_remove_css_class (GTK_WIDGET (self->secondary), "cs-active");
  if (split)
    gtk_widget_add_css_class (GTK_WIDGET (viewer), "cs-active");

  if (self->active == viewer)
    return;

  self->active = viewer;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_VIEWER]);
}

/* Only the active viewer leads: the user navigates the one they last
 * touched, focused or scrolled. When the other one changes by itself (its
 * first allocation fits it; a resize), it is brought back into line. */
static void
on_viewport_changed_cb (CsSlideView *view,
                        gpointer     user_data)
{
  CsReviewArea *self = CS_REVIEW_AREA (user_data);

  if (self->syncing)
    return;

  /* A new pair lines up on the primary slide once both views have a size. */
  if (self->pending_sync)
    {
      self->pending_sync = !cs_review_area_follow (self, self->primary);
      return;
    }

  cs_review_area_follow (self, self->active);
}

static void
on_notify_aligning_cb (CsSlideView *view,
                       GParamSpec  *pspec,
                       gpointer     user_data)
{
  CsReviewArea *self = CS_REVIEW_AREA (user_data);
  CsViewport a, b;

  if (cs_slide_view_get_aligning (view) || !self->sync || !cs_review_area_has_pair (self))
    return;

  /* The alignment just made is the pair's new transform. */
  cs_slide_view_get_viewport (primary_view (self), &a);
  cs_slide_view_get_viewport (secondary_view (self), &b);
  cs_sync_transform_from_views (&self->transform, &a, &b);
  self->aligned_by_user = TRUE;
  cs_review_area_save_transform (self);
}

static void
on_primary_notify_slide_cb (CsReviewArea  *self,
                            GParamSpec    *pspec,
                            CsSlideViewer *viewer)
{
  cs_review_area_reset_pair (self);
}

static void
on_viewer_focus_enter_cb (GtkEventControllerFocus *controller,
                          gpointer                 user_data)
{
  CsReviewArea *self = CS_REVIEW_AREA (user_data);
  GtkWidget *viewer = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  cs_review_area_set_active (self, CS_SLIDE_VIEWER (viewer));
}

static gboolean
on_viewer_scroll_cb (GtkEventControllerScroll *controller,
                     double                    dx,
                     double                    dy,
                     gpointer                  user_data)
{
  CsReviewArea *self = CS_REVIEW_AREA (user_data);
  GtkWidget *viewer = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  cs_review_area_set_active (self, CS_SLIDE_VIEWER (viewer));

  return GDK_EVENT_PROPAGATE;
}

static void
on_viewer_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      gpointer         user_data)
{
  CsReviewArea *self = CS_REVIEW_AREA (user_data);
  GtkWidget *viewer = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  cs_review_area_set_active (self, CS_SLIDE_VIEWER (viewer));
}

static void
on_paned_notify_position_cb (CsReviewArea *self,
                             GParamSpec   *pspec,
                             GtkPaned     *paned)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self->overlay));
}

/* The sync button sits on the divider, halfway down. */
static gboolean
on_overlay_get_child_position_cb (CsReviewArea  *self,
                                  GtkWidget     *widget,
                                  GdkRectangle  *allocation,
                                  GtkOverlay    *overlay)
{
  GtkRequisition size;
  int divider;

  if (widget != self->sync_button)
    return FALSE;

  gtk_widget_get_preferred_size (widget, NULL, &size);
  divider = gtk_widget_get_width (GTK_WIDGET (self->primary));
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    divider = gtk_widget_get_width (GTK_WIDGET (overlay)) - divider;

  allocation->width = size.width;
  allocation->height = size.height;
  allocation->x = divider - size.width / 2;
  allocation->y = (gtk_widget_get_height (GTK_WIDGET (overlay)) - size.height) / 2;

  return TRUE;
}

static void
cs_review_area_watch_viewer (CsReviewArea  *self,
                             CsSlideViewer *viewer)
{
  CsSlideView *view = cs_slide_viewer_get_view (viewer);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *scroll;
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect_object (view, "viewport-changed",
                           G_CALLBACK (on_viewport_changed_cb), self, 0);
  g_signal_connect_object (view, "notify::aligning",
                           G_CALLBACK (on_notify_aligning_cb), self, 0);

  g_signal_connect_object (focus, "enter", G_CALLBACK (on_viewer_focus_enter_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (viewer), focus);

  /* In the capture phase: the viewer's children keep their clicks. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_viewer_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (viewer), GTK_EVENT_CONTROLLER (click));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (on_viewer_scroll_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (viewer), scroll);
}

static void
cs_review_area_dispose (GObject *object)
{
  CsReviewArea *self = CS_REVIEW_AREA (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_REVIEW_AREA);
  self->active = NULL;

  G_OBJECT_CLASS (cs_review_area_parent_class)->dispose (object);
}

static void
cs_review_area_finalize (GObject *object)
{
  CsReviewArea *self = CS_REVIEW_AREA (object);

  g_clear_pointer (&self->identity_a, g_free);
  g_clear_pointer (&self->identity_b, g_free);

  G_OBJECT_CLASS (cs_review_area_parent_class)->finalize (object);
}

static void
cs_review_area_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsReviewArea *self = CS_REVIEW_AREA (object);

  switch (prop_id)
    {
    case PROP_SPLIT:
      g_value_set_boolean (value, cs_review_area_get_split (self));
      break;

    case PROP_SYNC:
      g_value_set_boolean (value, self->sync);
      break;

    case PROP_ACTIVE_VIEWER:
      g_value_set_object (value, self->active);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_review_area_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CsReviewArea *self = CS_REVIEW_AREA (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      cs_review_area_set_sync (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_review_area_class_init (CsReviewAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_review_area_dispose;
  object_class->finalize = cs_review_area_finalize;
  object_class->get_property = cs_review_area_get_property;
  object_class->set_property = cs_review_area_set_property;

  properties[PROP_SPLIT] =
    g_param_spec_boolean ("split", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_SYNC] =
    g_param_spec_boolean ("sync", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTIVE_VIEWER] =
    g_param_spec_object ("active-viewer", NULL, NULL,
                         CS_TYPE_SLIDE_VIEWER,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CS_TYPE_SLIDE_VIEWER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-review-area.ui");
  gtk_widget_class_bind_template_child (widget_class, CsReviewArea, overlay);
  gtk_widget_class_bind_template_child (widget_class, CsReviewArea, paned);
  gtk_widget_class_bind_template_child (widget_class, CsReviewArea, primary);
  gtk_widget_class_bind_template_child (widget_class, CsReviewArea, secondary);
  gtk_widget_class_bind_template_child (widget_class, CsReviewArea, sync_button);
  gtk_widget_class_bind_template_callback (widget_class, on_overlay_get_child_position_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_paned_notify_position_cb);

  /* For menus: a toggle of "sync". */
  gtk_widget_class_install_property_action (widget_class, "review.sync", "sync");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reviewarea");
}

static void
cs_review_area_init (CsReviewArea *self)
{
  self->sync = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->active = self->primary;
  cs_sync_transform_init_identity (&self->transform, 1);
  cs_review_area_watch_viewer (self, self->primary);
  cs_review_area_watch_viewer (self, self->secondary);
  g_signal_connect_object (self->primary, "notify::slide",
                           G_CALLBACK (on_primary_notify_slide_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
cs_review_area_new (void)
{
  return g_object_new (CS_TYPE_REVIEW_AREA, NULL);
}

/**
 * cs_review_area_get_primary:
 *
 * Returns: (transfer none): the viewer always shown
 */
CsSlideViewer *
cs_review_area_get_primary (CsReviewArea *self)
{
  g_return_val_if_fail (CS_IS_REVIEW_AREA (self), NULL);

  return self->primary;
}

/**
 * cs_review_area_get_secondary:
 *
 * Returns: (transfer none): the viewer shown beside it when split
 */
CsSlideViewer *
cs_review_area_get_secondary (CsReviewArea *self)
{
  g_return_val_if_fail (CS_IS_REVIEW_AREA (self), NULL);

  return self->secondary;
}

/**
 * cs_review_area_get_active_viewer:
 *
 * Returns: (transfer none): the viewer last focused or clicked
 */
CsSlideViewer *
cs_review_area_get_active_viewer (CsReviewArea *self)
{
  g_return_val_if_fail (CS_IS_REVIEW_AREA (self), NULL);

  return self->active;
}

/**
 * cs_review_area_set_secondary_slide:
 * @slide: (nullable): the slide to show beside the primary one, or %NULL
 *   to show the primary one alone
 */
void
cs_review_area_set_secondary_slide (CsReviewArea *self,
                                    CsSlide      *slide)
{
  gboolean was_split;
  int width;

  g_return_if_fail (CS_IS_REVIEW_AREA (self));
  g_return_if_fail (slide == NULL || CS_IS_SLIDE (slide));

  if (cs_slide_viewer_get_slide (self->secondary) == slide)
    return;

  was_split = cs_review_area_get_split (self);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  cs_slide_viewer_set_slide (self->secondary, slide);
  gtk_widget_set_visible (GTK_WIDGET (self->secondary), slide != NULL);
  gtk_widget_set_visible (self->sync_button, slide != NULL);
  if (slide != NULL && !was_split && width > 0)
    gtk_paned_set_position (self->paned, width / 2);

  /* The slide just opened takes the keys and the header bar's actions. */
  if (slide != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (secondary_view (self)));
  cs_review_area_set_active (self, slide != NULL ? self->secondary : self->primary);
  cs_review_area_reset_pair (self);

  if (was_split != cs_review_area_get_split (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPLIT]);
}

/**
 * cs_review_area_get_split:
 *
 * Returns: %TRUE when two slides are shown
 */
gboolean
cs_review_area_get_split (CsReviewArea *self)
{
  g_return_val_if_fail (CS_IS_REVIEW_AREA (self), FALSE);

  return cs_slide_viewer_get_slide (self->secondary) != NULL;
}

gboolean
cs_review_area_get_sync (CsReviewArea *self)
{
  g_return_val_if_fail (CS_IS_REVIEW_AREA (self), FALSE);

  return self->sync;
}

/**
 * cs_review_area_set_sync:
 * @sync: whether navigating one view moves the other
 *
 * Turning it on brings the other view to the active one.
 */
void
cs_review_area_set_sync (CsReviewArea *self,
                         gboolean      sync)
{
  g_return_if_fail (CS_IS_REVIEW_AREA (self));

  sync = !!sync;
  if (self->sync == sync)
    return;

  self->sync = sync;
  cs_review_area_follow (self, self->active);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

/**
 * cs_review_area_get_transform:
 * @transform: (out): how the primary slide's coordinates map to the
 *   secondary's
 *
 * Returns: %TRUE when the pair's identities are known, so that a saved
 *   alignment was loaded and a new one is saved
 */
gboolean
cs_review_area_get_transform (CsReviewArea    *self,
                              CsSyncTransform *transform)
{
  g_return_val_if_fail (CS_IS_REVIEW_AREA (self), FALSE);
  g_return_val_if_fail (transform != NULL, FALSE);

  *transform = self->transform;

  return self->have_pair;
}
