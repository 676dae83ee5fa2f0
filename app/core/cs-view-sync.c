/* cs-view-sync.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-view-sync"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "cs-view-sync.h"

/* Side-by-side review: two slides of one tissue block (H&E and IHC) are
 * scanned at different scales, offsets and angles. A CsSyncTransform maps
 * slide A's level-0 coordinates to slide B's; navigating A moves B so the
 * same tissue stays side by side, at the same physical magnification and
 * orientation. The user's alignment of a pair is remembered in
 * $XDG_DATA_HOME/consilium/slide-pairs.ini, keyed by the slides' SHA-256
 * identities (FORMATS.md §9), not by their paths. */

void
cs_sync_transform_init_identity (CsSyncTransform *self,
                                 double           scale)
{
  self->scale = scale > 0 ? scale : 1.0;
  self->rotation = 0;
  self->dx = 0;
  self->dy = 0;
}

void
cs_sync_transform_map_point (const CsSyncTransform *self,
                             double                 ax,
                             double                 ay,
                             double                *bx,
                             double                *by)
{
  cs_viewport_rotate_vector (self->rotation, self->scale * ax, self->scale * ay, bx, by);
  *bx += self->dx;
  *by += self->dy;
}

/**
 * cs_sync_transform_apply:
 * @a: the viewport the user moved
 * @b: (inout): the other one; its size is kept
 *
 * Puts B's centre on the tissue at A's centre, at the same physical scale,
 * turned so that the tissue looks the same way in both.
 */
void
cs_sync_transform_apply (const CsSyncTransform *self,
                         const CsViewport      *a,
                         CsViewport            *b)
{
  double acx, acy, bcx, bcy;

  cs_viewport_get_center (a, &acx, &acy);
  cs_sync_transform_map_point (self, acx, acy, &bcx, &bcy);
  b->zoom = CLAMP (a->zoom / self->scale, CS_VIEWPORT_MIN_ZOOM, CS_VIEWPORT_MAX_ZOOM);
  cs_viewport_set_rotation (b, a->rotation - self->rotation);
  cs_viewport_set_center (b, bcx, bcy);
}

/**
 * cs_sync_transform_from_views:
 *
 * The transform under which @a and @b, as they are, show the same tissue:
 * used after the user aligned them by moving one alone.
 */
void
cs_sync_transform_from_views (CsSyncTransform  *self,
                              const CsViewport *a,
                              const CsViewport *b)
{
  double acx, acy, bcx, bcy, rx, ry;

  cs_viewport_get_center (a, &acx, &acy);
  cs_viewport_get_center (b, &bcx, &bcy);
  self->scale = a->zoom / b->zoom;
  self->rotation = fmod (a->rotation - b->rotation + 360.0, 360.0);
  cs_viewport_rotate_vector (self->rotation, self->scale * acx, self->scale * acy, &rx, &ry);
  self->dx = bcx - rx;
  self->dy = bcy - ry;
}

static void
invert (const CsSyncTransform *t,
        CsSyncTransform       *out)
{
  double rx, ry;

  out->scale = 1.0 / t->scale;
  out->rotation = fmod (360.0 - t->rotation, 360.0);
  cs_viewport_rotate_vector (out->rotation, t->dx, t->dy, &rx, &ry);
  out->dx = -rx * out->scale;
  out->dy = -ry * out->scale;
}

static char *
pairs_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "consilium", "slide-pairs.ini", NULL);
}

static gboolean
read_group (GKeyFile        *kf,
            const char      *group,
            CsSyncTransform *out)
{
  g_autoptr(GError) error = NULL;
  CsSyncTransform t;

  t.scale = g_key_file_get_double (kf, group, "scale", &error);
  if (error == NULL)
    t.rotation = g_key_file_get_double (kf, group, "rotation", &error);
  if (error == NULL)
    t.dx = g_key_file_get_double (kf, group, "dx", &error);
  if (error == NULL)
    t.dy = g_key_file_get_double (kf, group, "dy", &error);

  if (error != NULL || !(t.scale > 0) || !isfinite (t.scale) || !isfinite (t.rotation) ||
      !isfinite (t.dx) || !isfinite (t.dy))
    return FALSE;

  *out = t;
  return TRUE;
}

/**
 * cs_sync_transform_load:
 * @identity_a: slide A's SHA-256
 * @identity_b: slide B's SHA-256
 *
 * Returns: %TRUE when an alignment of this pair, in either order, was saved
 */
gboolean
cs_sync_transform_load (CsSyncTransform *self,
                        const char      *identity_a,
                        const char      *identity_b)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = pairs_path ();
  g_autofree char *forward = g_strconcat (identity_a, " ", identity_b, NULL);
  g_autofree char *backward = g_strconcat (identity_b, " ", identity_a, NULL);
  CsSyncTransform t;

  /* A missing or damaged file only means no saved alignment. */
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    return FALSE;

  if (read_group (kf, forward, self))
    return TRUE;
  if (!read_group (kf, backward, &t))
    return FALSE;

  invert (&t, self);
  return TRUE;
}

/**
 * cs_sync_transform_save:
 *
 * Remembers the alignment of this pair (atomically replacing the file).
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
cs_sync_transform_save (const CsSyncTransform  *self,
                        const char             *identity_a,
                        const char             *identity_b,
                        GError                **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = pairs_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *forward = g_strconcat (identity_a, " ", identity_b, NULL);
  g_autofree char *backward = g_strconcat (identity_b, " ", identity_a, NULL);
  g_autofree char *data = NULL;

  g_key_file_load_from_file (kf, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_remove_group (kf, backward, NULL);
  g_key_file_set_double (kf, forward, "scale", self->scale);
  g_key_file_set_double (kf, forward, "rotation", self->rotation);
  g_key_file_set_double (kf, forward, "dx", self->dx);
  g_key_file_set_double (kf, forward, "dy", self->dy);
  data = g_key_file_to_data (kf, NULL, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Cannot save the alignment of the slides in “%s”: %s"),
                   dir, g_strerror (errsv));
      return FALSE;
    }

  return g_file_set_contents (path, data, -1, error);
}
