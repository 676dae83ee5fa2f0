/* cs-deidentify-verify.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE /* memmem */
#define G_LOG_DOMAIN "cs-deidentify"

#include "config.h"

#include "cs-deidentify.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-slide.h"

/* Verification of a de-identified copy (FORMATS.md §10.5): reopened with
 * OpenSlide it has the input's vendor and level geometry, no label or
 * macro, no removed aperio.* key, the same pixels at the corners and the
 * centre of every level, and none of the removed values in its bytes. */

#define REGION_SIZE 64

/* Values shorter than this are not searched for: a 1-3 byte value
 * ("0", "20") occurs by chance in compressed pixel data. */
#define MIN_SCANNED_VALUE 4

static gboolean
fail (GError    **error,
      const char *out,
      const char *what)
{
  g_set_error (error, CS_DEIDENTIFY_ERROR, CS_DEIDENTIFY_ERROR_VERIFY,
               _("The de-identified copy %s failed verification: %s"), out, what);
  return FALSE;
}

static gboolean
check_resolution (CsSlide    *a,
                  CsSlide    *b,
                  const char *out,
                  GError    **error)
{
  double ax = 0, ay = 0, bx = 0, by = 0;
  gboolean has_a = cs_slide_get_mpp (a, &ax, &ay);
  gboolean has_b = cs_slide_get_mpp (b, &bx, &by);

  if (has_a != has_b || ax != bx || ay != by)
    return fail (error, out, _("the resolution (µm per pixel) differs"));
  if (cs_slide_get_objective_power (a) != cs_slide_get_objective_power (b))
    return fail (error, out, _("the objective power differs"));
  return TRUE;
}

static gboolean
check_geometry (CsSlide    *a,
                CsSlide    *b,
                const char *out,
                GError    **error)
{
  if (!check_resolution (a, b, out, error))
    return FALSE;
  if (g_strcmp0 (cs_slide_get_vendor (a), cs_slide_get_vendor (b)) != 0)
    return fail (error, out, _("it opens as another format"));
  if (cs_slide_get_n_levels (a) != cs_slide_get_n_levels (b))
    return fail (error, out, _("the number of levels differs"));
  for (guint l = 0; l < cs_slide_get_n_levels (a); l++)
    {
      gint64 wa, ha, wb, hb;

      cs_slide_get_level_size (a, l, &wa, &ha);
      cs_slide_get_level_size (b, l, &wb, &hb);
      if (wa != wb || ha != hb)
        return fail (error, out, _("a level's size differs"));
    }
  return TRUE;
}

static gboolean
check_associated (CsSlide    *slide,
                  const char *out,
                  GError    **error)
{
  const char *const *names = cs_slide_get_associated_names (slide);

  if (names != NULL &&
      (g_strv_contains (names, "label") || g_strv_contains (names, "macro")))
    return fail (error, out, _("it still has a label or macro image"));
  return TRUE;
}

static gboolean
check_properties (CsSlide                  *slide,
                  const CsDeidentifyReport *report,
                  const char               *out,
                  GError                  **error)
{
  for (guint i = 0; i < report->removed_fields->len; i++)
    {
      const char *entry = g_ptr_array_index (report->removed_fields, i);
      g_autofree char *key = g_strndup (entry, strstr (entry, " = ") - entry);
      g_autofree char *property = g_strconcat ("aperio.", key, NULL);

      if (cs_slide_get_property (slide, property) != NULL)
        return fail (error, out, _("a removed field is still a property"));
    }
  return TRUE;
}

static gboolean
regions_equal (CsSlide *a,
               CsSlide *b,
               guint    level,
               gint64   x,
               gint64   y,
               int      w,
               int      h,
               GError **error)
{
  double downsample = cs_slide_get_level_downsample (a, level);
  g_autofree guint32 *pa = g_new (guint32, (gsize) w * h);
  g_autofree guint32 *pb = g_new (guint32, (gsize) w * h);
  gint64 x0 = (gint64) (x * downsample), y0 = (gint64) (y * downsample);

  if (!cs_slide_read_region (a, pa, x0, y0, level, w, h, error) ||
      !cs_slide_read_region (b, pb, x0, y0, level, w, h, error))
    return FALSE;
  return memcmp (pa, pb, sizeof (guint32) * w * h) == 0;
}

/* OpenSlide 3.4.1 reads a non-JPEG level whose tiles are wider or taller
 * than the level itself as misplaced, uninitialised pixels that differ on
 * every open (boxes.tiff levels 2 and 3): comparing them proves nothing. */
static gboolean
level_is_unreliable (CsSlide *slide,
                     guint    level,
                     gint64   w,
                     gint64   h)
{
  g_autofree char *tw_key = g_strdup_printf ("openslide.level[%u].tile-width", level);
  g_autofree char *th_key = g_strdup_printf ("openslide.level[%u].tile-height", level);
  const char *tw = cs_slide_get_property (slide, tw_key);
  const char *th = cs_slide_get_property (slide, th_key);

  return tw != NULL && th != NULL &&
         (g_ascii_strtoll (tw, NULL, 10) > w || g_ascii_strtoll (th, NULL, 10) > h);
}

/* Corners and centre of every level (§10.5). */
static gboolean
check_pixels (CsSlide            *a,
              CsSlide            *b,
              CsDeidentifyReport *report,
              const char         *out,
              GError            **error)
{
  for (guint l = 0; l < cs_slide_get_n_levels (a); l++)
    {
      gint64 w, h;
      int rw, rh;

      cs_slide_get_level_size (a, l, &w, &h);
      if (level_is_unreliable (a, l, w, h))
        {
          report->n_levels_unreliable++;
          continue;
        }
      rw = (int) MIN (w, REGION_SIZE);
      rh = (int) MIN (h, REGION_SIZE);
      {
        const gint64 xs[] = { 0, w - rw, (w - rw) / 2, 0, w - rw };
        const gint64 ys[] = { 0, 0, (h - rh) / 2, h - rh, h - rh };

        for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
          {
            g_autoptr(GError) local = NULL;

            if (!regions_equal (a, b, l, xs[i], ys[i], rw, rh, &local))
              return fail (error, out, local ? local->message : _("pixels differ"));
            report->n_regions_compared++;
          }
      }
    }
  return TRUE;
}

static gboolean
check_bytes (const CsDeidentifyReport *report,
             const char               *out,
             GError                  **error)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (out, FALSE, error);
  const char *data;
  gsize len;

  if (file == NULL)
    return FALSE;
  data = g_mapped_file_get_contents (file);
  len = g_mapped_file_get_length (file);
  for (guint i = 0; i < report->removed_values->len; i++)
    {
      const char *value = g_ptr_array_index (report->removed_values, i);
      gsize vlen = strlen (value);

      if (vlen >= MIN_SCANNED_VALUE && memmem (data, len, value, vlen) != NULL)
        {
          g_autofree char *what = g_strdup_printf (_("it still contains “%s”"), value);

          return fail (error, out, what);
        }
    }
  return TRUE;
}

/**
 * cs_deidentify_verify:
 * @in: the original slide
 * @out: its de-identified copy
 * @report: what cs_deidentify_slide () removed; n_regions_compared is set
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE when @out passes every check of FORMATS.md §10.5
 */
gboolean
cs_deidentify_verify (const char          *in,
                      const char          *out,
                      CsDeidentifyReport  *report,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autoptr(CsSlide) a = cs_slide_new (in, error);
  g_autoptr(CsSlide) b = NULL;

  if (a == NULL)
    return FALSE;
  b = cs_slide_new (out, error);
  if (b == NULL)
    return FALSE;
  report->n_regions_compared = 0;
  report->n_levels_unreliable = 0;
  return check_geometry (a, b, out, error) &&
         check_associated (b, out, error) &&
         check_properties (b, report, out, error) &&
         !g_cancellable_set_error_if_cancelled (cancellable, error) &&
         check_pixels (a, b, report, out, error) &&
         check_bytes (report, out, error);
}
