/* cs-slide.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cs-core-private.h"
#include "cs-dicomweb-slide-private.h"
#include "cs-slide-identity.h"
#include "cs-slide-private.h"

/* A whole-slide image, or an ordinary image opened as a one-level slide.
 *
 * Owns the openslide_t (or the decoded raster). Geometry, properties and
 * associated-image names are copied at open and never change, so every
 * getter is thread-safe; cs_slide_read_region() is thread-safe because
 * OpenSlide's handle is (all functions but openslide_close()).
 *
 * OpenSlide's sticky error is converted here, once: after the first failed
 * read the slide is "failed" and every later read fails with the same
 * message, as OpenSlide itself does. Workers hold a ref; finalize closes. */

struct _CsSlide
{
  GObject       parent_instance;

  /* Owned references */
  char         *path;
  char         *display_name;
  char         *vendor;
  openslide_t  *osr;               /* only while opening; then in the pool */
  CsRaster     *raster;
  GHashTable   *properties;        /* name -> value */
  char        **property_names;    /* sorted */
  char        **associated_names;
  gint64       *level_widths;
  gint64       *level_heights;
  double       *level_downsamples;

  /* State */
  guint         n_levels;
  guint         n_render_levels;   /* levels OpenSlide reads correctly */
  double        mpp_x;
  double        mpp_y;
  double        objective_power;
  GMutex        mutex;             /* guards sha256 */
  CsHandlePool *handles;
  CsJpegTiles  *jpeg_tiles;        /* nullable: the direct path for some levels */
  CsDicomwebPyramid *remote;       /* nullable: a "dicomweb:" slide's frames */
  GPtrArray    *overview;          /* CsTile*: the coarsest level, read at open */
  char         *sha256;
  CsColorTransform *color;         /* nullable: the embedded profile to sRGB */
  char         *color_warning;     /* nullable: why the profile is not applied */
  gint          apply_color;       /* atomic: the apply-color-profile property */
  gboolean      overview_color;    /* whether the overview was read transformed */
};

/* At most this many reads of one slide run at once, each with its own
 * OpenSlide handle (cs-slide-handles.c). */
#define MAX_HANDLES 4

/* The largest associated image read: 2^26 pixels (256 MiB decoded). */
#define ASSOCIATED_MAX_PIXELS (G_GINT64_CONSTANT (1) << 26)

/* The coarsest level is read at open when it has at most this many tiles
 * (16 MiB). */
#define OVERVIEW_MAX_TILES 64

static void cs_slide_tile_source_init (CsTileSourceInterface *iface);
static void cs_slide_initable_init    (GInitableIface        *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsSlide, cs_slide, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, cs_slide_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_ASYNC_INITABLE, NULL)
                               G_IMPLEMENT_INTERFACE (CS_TYPE_TILE_SOURCE, cs_slide_tile_source_init))

G_DEFINE_QUARK (cs-slide-error-quark, cs_slide_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_FAILED,
  PROP_SHA256,
  PROP_APPLY_COLOR_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_cs_slide_set_errno_error (GError     **error,
                           const char  *path,
                           int          errsv)
{
  switch (errsv)
    {
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_NOT_FOUND,
                   _("Cannot open “%s”: the file does not exist"), path);
      break;

    case EACCES:
    case EPERM:
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_PERMISSION,
                   _("Cannot open “%s”: permission denied"), path);
      break;

    default:
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("Cannot open “%s”: %s"), path, g_strerror (errsv));
      break;
    }
}

static gboolean
check_file (const char  *path,
            GError     **error)
{
  GStatBuf st;
  int fd;

  if (g_stat (path, &st) != 0)
    {
      _cs_slide_set_errno_error (error, path, errno);
      return FALSE;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_NOT_A_SLIDE,
                   _("“%s” is a folder, not a slide: open the slide file inside it"),
                   path);
      return FALSE;
    }

  /* A FIFO would block every reader (OpenSlide, libtiff, hashing) until
   * a writer came; a device never ends. */
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_NOT_A_SLIDE,
                   _("Cannot open “%s”: %s"), path,
                   _("it is not a regular file (it is a folder, pipe, socket or device)"));
      return FALSE;
    }

  /* Try a real open: access() answers for the real, not the effective,
   * user. Not blocking, should a FIFO have replaced the file since. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      _cs_slide_set_errno_error (error, path, errno);
      return FALSE;
    }
  g_close (fd, NULL);

  return TRUE;
}

static gboolean
parse_positive (const char *text,
                double     *out)
{
  char *end = NULL;
  double value;

  if (text == NULL || *text == '\0')
    return FALSE;

  value = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (value) || value <= 0)
    return FALSE;

  *out = value;
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
copy_properties (CsSlide *self)
{
  const char * const *names = openslide_get_property_names (self->osr);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      const char *value = openslide_get_property_value (self->osr, names[i]);

      g_hash_table_insert (self->properties, g_strdup (names[i]), g_strdup (value ? value : ""));
      g_ptr_array_add (sorted, g_strdup (names[i]));
    }

  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);
  self->property_names = (char **) g_ptr_array_free (g_steal_pointer (&sorted), FALSE);
}

static void
copy_levels_from_openslide (CsSlide *self)
{
  self->n_levels = (guint) MAX (openslide_get_level_count (self->osr), 0);
  self->level_widths = g_new0 (gint64, MAX (self->n_levels, 1));
  self->level_heights = g_new0 (gint64, MAX (self->n_levels, 1));
  self->level_downsamples = g_new0 (double, MAX (self->n_levels, 1));

  for (guint i = 0; i < self->n_levels; i++)
    {
      openslide_get_level_dimensions (self->osr, i, &self->level_widths[i],
                                      &self->level_heights[i]);
      self->level_downsamples[i] = openslide_get_level_downsample (self->osr, i);
    }
}

static gboolean
level_smaller_than_tile (CsSlide *self,
                         guint    level)
{
  int tw = 0, th = 0;

  cs_tile_source_get_native_tile_size (CS_TILE_SOURCE (self), level, &tw, &th);

  return (tw > 0 && self->level_widths[level] < tw) ||
         (th > 0 && self->level_heights[level] < th);
}

/* HACK: OpenSlide 3.4.1 with libtiff 4.5 returns wrong pixels (the
 * "raster width adapted" path of TIFFRGBAImage) for a non-JPEG TIFF level
 * narrower or shorter than one tile, as boxes.tiff's two coarsest levels
 * are. Such levels are reported but never rendered: the tile source stops
 * at the first one (levels only get smaller). */
static void
count_render_levels (CsSlide *self)
{
  self->n_render_levels = MIN (self->n_levels, 1);
  while (self->n_render_levels < self->n_levels &&
         !level_smaller_than_tile (self, self->n_render_levels))
    self->n_render_levels++;
}

/* A profile that cannot be used leaves the slide untransformed, with a
 * warning for the slide info: colours a little off beat no slide. */
static void
load_color_profile (CsSlide     *self,
                    openslide_t *osr)
{
  g_autoptr(GBytes) profile = _cs_slide_read_icc_profile (self->path, osr);
  g_autoptr(GError) error = NULL;

  if (profile == NULL && osr != NULL && openslide_get_error (osr) != NULL)
    self->color_warning = g_strdup_printf (_("The slide’s colour profile could not be read: %s"),
                                           openslide_get_error (osr));
  if (profile == NULL)
    return;

  self->color = _cs_color_transform_new (profile, &error);
  if (self->color == NULL)
    self->color_warning = g_strdup_printf (_("The slide’s colour profile is not applied: %s"),
                                           error->message);
}

static gboolean
open_with_openslide (CsSlide  *self,
                     GError  **error)
{
  const char *message;

  self->osr = openslide_open (self->path);
  if (self->osr == NULL)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("Cannot open slide “%s”: OpenSlide does not recognise its format"),
                   self->path);
      return FALSE;
    }

  message = openslide_get_error (self->osr);
  if (message != NULL)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("Cannot open slide “%s”: %s"), self->path, message);
      g_clear_pointer (&self->osr, openslide_close);
      return FALSE;
    }

  copy_properties (self);
  copy_levels_from_openslide (self);
  self->associated_names = g_strdupv ((char **) openslide_get_associated_image_names (self->osr));
  load_color_profile (self, self->osr);
  /* A profile OpenSlide failed to read leaves its handle in error for
   * good (the profile is then ignored, with a warning): the pixels are
   * read through a fresh one. */
  if (openslide_get_error (self->osr) != NULL)
    {
      g_clear_pointer (&self->osr, openslide_close);
      self->osr = openslide_open (self->path);
      message = self->osr != NULL ? openslide_get_error (self->osr) : _("it cannot be opened again");
      if (self->osr == NULL || message != NULL)
        {
          g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                       _("Cannot open slide “%s”: %s"), self->path, message);
          g_clear_pointer (&self->osr, openslide_close);
          return FALSE;
        }
    }
  self->handles = _cs_handle_pool_new (self->path, g_steal_pointer (&self->osr), MAX_HANDLES);
  if (self->associated_names == NULL)
    self->associated_names = g_new0 (char *, 1);

  parse_positive (g_hash_table_lookup (self->properties, OPENSLIDE_PROPERTY_NAME_MPP_X),
                  &self->mpp_x);
  parse_positive (g_hash_table_lookup (self->properties, OPENSLIDE_PROPERTY_NAME_MPP_Y),
                  &self->mpp_y);
  parse_positive (g_hash_table_lookup (self->properties,
                                       OPENSLIDE_PROPERTY_NAME_OBJECTIVE_POWER),
                  &self->objective_power);

  if (self->n_levels == 0)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("Cannot open slide “%s”: it has no image levels"), self->path);
      return FALSE;
    }
  count_render_levels (self);

  return TRUE;
}

/* OpenSlide 3.4.1 gives a generic TIFF no mpp; OpenSlide 4 takes it from
 * the TIFF resolution tags, as here, when their unit is a length. Values
 * outside what a microscope gives (a scanner's 72 dpi default) are not a
 * calibration: with either version, a generic TIFF's mpp is decided here. */
static void
mpp_from_tiff_resolution (CsSlide *self)
{
  const char *unit = g_hash_table_lookup (self->properties, "tiff.ResolutionUnit");
  const char *names[] = { "tiff.XResolution", "tiff.YResolution" };
  double *mpp[] = { &self->mpp_x, &self->mpp_y };
  double microns_per_unit, per_unit;

  self->mpp_x = self->mpp_y = 0;
  if (g_strcmp0 (unit, "centimeter") == 0)
    microns_per_unit = 10000;
  else if (g_strcmp0 (unit, "inch") == 0)
    microns_per_unit = 25400;
  else
    return;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (!parse_positive (g_hash_table_lookup (self->properties, names[i]), &per_unit)
          || microns_per_unit / per_unit < 0.01 || microns_per_unit / per_unit > 100)
        {
          self->mpp_x = self->mpp_y = 0;
          return;
        }
      *mpp[i] = microns_per_unit / per_unit;
    }
}

static gboolean
open_as_raster (CsSlide       *self,
                CsRasterKind   kind,
                GError       **error)
{
  self->raster = _cs_raster_load (self->path, kind, error);
  if (self->raster == NULL)
    return FALSE;

  self->n_levels = 1;
  self->n_render_levels = 1;
  self->level_widths = g_new (gint64, 1);
  self->level_heights = g_new (gint64, 1);
  self->level_downsamples = g_new (double, 1);
  self->level_widths[0] = self->raster->width;
  self->level_heights[0] = self->raster->height;
  self->level_downsamples[0] = 1.0;
  self->associated_names = g_new0 (char *, 1);

  g_hash_table_insert (self->properties, g_strdup ("consilium.format"),
                       g_strdup (self->raster->format));
  self->property_names = g_new0 (char *, 2);
  self->property_names[0] = g_strdup ("consilium.format");

  return TRUE;
}

static void
set_unknown_format_error (CsSlide       *self,
                          CsRasterKind   kind,
                          GError       **error)
{
  /* OpenSlide 4 reads DICOM whole-slide images (a series from any of its
   * files); a DICOM file it does not recognise is some other image. */
  if (kind == CS_RASTER_KIND_DICOM && HAVE_OPENSLIDE_ICC)
    g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_UNSUPPORTED,
                 _("Cannot open “%s”: it is a DICOM file, but not a whole-slide "
                   "image that OpenSlide %s can read"),
                 self->path, openslide_get_version ());
  else if (kind == CS_RASTER_KIND_DICOM)
    g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_UNSUPPORTED,
                 _("Cannot open “%s”: it is a DICOM file, and reading DICOM slides "
                   "needs OpenSlide 4.0 or newer (this build uses OpenSlide %s)"),
                 self->path, openslide_get_version ());
  else
    g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_NOT_A_SLIDE,
                 _("“%s” is not a slide or an image that Consilium can read"),
                 self->path);
}

static void
sort_property_names (CsSlide *self)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, self->properties);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_ptr_array_add (sorted, g_strdup (name));
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);
  self->property_names = (char **) g_ptr_array_free (g_steal_pointer (&sorted), FALSE);
}

/* A remote slide (issue 9): its pyramid comes from the server's metadata
 * (cs-dicomweb-slide.c); its identity is its series (FORMATS.md §9). */
static gboolean
open_remote (CsSlide       *self,
             GCancellable  *cancellable,
             GError       **error)
{
  GHashTableIter iter;
  gpointer name, value;

  self->remote = _cs_dicomweb_pyramid_open (self->path, cancellable, error);
  if (self->remote == NULL)
    return FALSE;

  self->vendor = g_strdup ("dicomweb");
  g_free (self->display_name);
  self->display_name = g_strdup (_cs_dicomweb_pyramid_get_display_name (self->remote));
  self->sha256 = g_strconcat (CS_SLIDE_REMOTE_IDENTITY_PREFIX,
                              _cs_dicomweb_pyramid_get_series_uid (self->remote), NULL);
  self->n_levels = self->n_render_levels = _cs_dicomweb_pyramid_get_n_levels (self->remote);
  self->level_widths = g_new0 (gint64, self->n_levels);
  self->level_heights = g_new0 (gint64, self->n_levels);
  self->level_downsamples = g_new0 (double, self->n_levels);
  for (guint i = 0; i < self->n_levels; i++)
    {
      const CsDicomwebImage *level = _cs_dicomweb_pyramid_get_level (self->remote, i);

      self->level_widths[i] = level->width;
      self->level_heights[i] = level->height;
      self->level_downsamples[i] = _cs_dicomweb_pyramid_get_downsample (self->remote, i);
    }
  _cs_dicomweb_pyramid_get_mpp (self->remote, &self->mpp_x, &self->mpp_y);
  self->objective_power = _cs_dicomweb_pyramid_get_objective_power (self->remote);
  self->associated_names = _cs_dicomweb_pyramid_dup_associated_names (self->remote);
  g_hash_table_iter_init (&iter, _cs_dicomweb_pyramid_get_properties (self->remote));
  while (g_hash_table_iter_next (&iter, &name, &value))
    g_hash_table_insert (self->properties, g_strdup (name), g_strdup (value));
  sort_property_names (self);

  return TRUE;
}

static gboolean
open_slide (CsSlide       *self,
            GCancellable  *cancellable,
            GError       **error)
{
  CsRasterKind kind;

  g_return_val_if_fail (self->path != NULL, FALSE);

  if (g_str_has_prefix (self->path, CS_DICOMWEB_URL_SCHEME))
    return open_remote (self, cancellable, error);

  if (!check_file (self->path, error))
    return FALSE;

  if (openslide_detect_vendor (self->path) != NULL)
    {
      if (!open_with_openslide (self, error))
        return FALSE;
      self->vendor = g_strdup (g_hash_table_lookup (self->properties,
                                                    OPENSLIDE_PROPERTY_NAME_VENDOR));
      if (self->vendor == NULL)
        self->vendor = g_strdup (openslide_detect_vendor (self->path));
      if (g_strcmp0 (self->vendor, "generic-tiff") == 0)
        mpp_from_tiff_resolution (self);

      /* See count_render_levels(): a tiled TIFF smaller than one tile is
       * read whole with libtiff instead. */
      if (g_strcmp0 (self->vendor, "generic-tiff") == 0 && level_smaller_than_tile (self, 0))
        {
          self->raster = _cs_raster_load (self->path, CS_RASTER_KIND_TIFF, error);
          return self->raster != NULL;
        }
      /* Display tiles that are native JPEG tiles skip OpenSlide. */
      if (g_strcmp0 (self->vendor, "generic-tiff") == 0)
        self->jpeg_tiles = _cs_jpeg_tiles_new (self->path, self->n_render_levels,
                                               self->level_widths, self->level_heights);
      return TRUE;
    }

  kind = _cs_raster_sniff (self->path);
  if (kind == CS_RASTER_KIND_NONE || kind == CS_RASTER_KIND_DICOM)
    {
      set_unknown_format_error (self, kind, error);
      return FALSE;
    }

  if (!open_as_raster (self, kind, error))
    return FALSE;
  self->vendor = g_strdup (self->raster->format);
  load_color_profile (self, NULL);

  return TRUE;
}

/* Every other tile of the overview, from @first on (row by row). */
typedef struct
{
  CsTileSource *source;
  guint         level;
  gint32        cols;
  gint32        n_tiles;
  gint32        first;
  CsTile      **tiles;
} OverviewPart;

static gpointer
read_overview_part (gpointer data)
{
  OverviewPart *part = data;

  for (gint32 i = part->first; i < part->n_tiles; i += 2)
    {
      CsTileKey key = { (gint32) part->level, i % part->cols, i / part->cols };

      part->tiles[i] = cs_tile_source_read_tile (part->source, &key, NULL);
    }

  return NULL;
}

/* Reads the coarsest level whole while opening (on the thread that opens
 * the slide and one more: decoding is most of the time an open takes), so
 * that a view's first frame shows the slide at once: a few tiles, at most
 * OVERVIEW_MAX_TILES. A tile that cannot be read is left out; the view's
 * loader tries it again and reports it. */
static void
load_overview (CsSlide *self)
{
  CsTileSource *source = CS_TILE_SOURCE (self);
  g_autofree CsTile **tiles = NULL;
  OverviewPart parts[2];
  GThread *helper = NULL;
  gint32 cols, rows;

  self->overview = g_ptr_array_new_with_free_func (g_object_unref);
  self->overview_color = cs_slide_get_apply_color_profile (self);
  if (self->n_render_levels == 0)
    return;

  cs_tile_source_get_grid_size (source, self->n_render_levels - 1, &cols, &rows);
  if ((gint64) cols * rows > OVERVIEW_MAX_TILES)
    return;

  tiles = g_new0 (CsTile *, (gsize) cols * rows);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    parts[i] = (OverviewPart) { source, self->n_render_levels - 1, cols, cols * rows,
                                (gint32) i, tiles };
  if (cols * rows > 1)
    helper = g_thread_try_new ("cs-overview", read_overview_part, &parts[1], NULL);
  read_overview_part (&parts[0]);
  if (helper != NULL)
    g_thread_join (helper);
  else
    read_overview_part (&parts[1]);

  for (gint32 i = 0; i < cols * rows; i++)
    if (tiles[i] != NULL)
      g_ptr_array_add (self->overview, tiles[i]);
}

static gboolean
cs_slide_initable_init_impl (GInitable     *initable,
                             GCancellable  *cancellable,
                             GError       **error)
{
  CsSlide *self = CS_SLIDE (initable);

  if (!open_slide (self, cancellable, error))
    return FALSE;
  load_overview (self);

  return TRUE;
}

static void
cs_slide_initable_init (GInitableIface *iface)
{
  iface->init = cs_slide_initable_init_impl;
}

static guint
cs_slide_source_get_n_levels (CsTileSource *source)
{
  return CS_SLIDE (source)->n_render_levels;
}

static void
cs_slide_source_get_level_size (CsTileSource *source,
                                guint         level,
                                gint64       *width,
                                gint64       *height)
{
  cs_slide_get_level_size (CS_SLIDE (source), level, width, height);
}

static double
cs_slide_source_get_level_downsample (CsTileSource *source,
                                      guint         level)
{
  return cs_slide_get_level_downsample (CS_SLIDE (source), level);
}

static void
cs_slide_source_get_native_tile_size (CsTileSource *source,
                                      guint         level,
                                      int          *width,
                                      int          *height)
{
  CsSlide *self = CS_SLIDE (source);
  g_autofree char *wkey = NULL;
  g_autofree char *hkey = NULL;
  const char *w;
  const char *h;

  if (self->remote != NULL)
    {
      const CsDicomwebImage *image = _cs_dicomweb_pyramid_get_level (self->remote, level);

      *width = image->tile_width;
      *height = image->tile_height;
      return;
    }
  if (self->handles == NULL)
    return;

  wkey = g_strdup_printf ("openslide.level[%u].tile-width", level);
  hkey = g_strdup_printf ("openslide.level[%u].tile-height", level);
  w = g_hash_table_lookup (self->properties, wkey);
  h = g_hash_table_lookup (self->properties, hkey);
  if (w != NULL && h != NULL)
    {
      *width = (int) g_ascii_strtoll (w, NULL, 10);
      *height = (int) g_ascii_strtoll (h, NULL, 10);
    }
}

/* Decoded pixels become display pixels here, on the thread that read
 * them: every reader (tile loader, snapshots, report figures) gets the
 * same colours. A slide without a profile costs one test. */
static void
apply_color (CsSlide *self,
             guint32 *pixels,
             int      width,
             int      height)
{
  if (self->color != NULL && g_atomic_int_get (&self->apply_color))
    _cs_color_transform_apply (self->color, pixels, (gsize) width * height);
}

static gboolean
cs_slide_source_read_region (CsTileSource  *source,
                             guint32       *dest,
                             gint64         x,
                             gint64         y,
                             guint          level,
                             int            width,
                             int            height,
                             GError       **error)
{
  return cs_slide_read_region (CS_SLIDE (source), dest, x, y, level, width, height, error);
}

static gboolean
cs_slide_source_read_tile (CsTileSource    *source,
                           const CsTileKey *key,
                           guint32         *dest,
                           int              width,
                           int              height,
                           gboolean        *handled,
                           GError         **error)
{
  CsSlide *self = CS_SLIDE (source);

  /* A file replaced under the slide fails OpenSlide's pool: the direct
   * path must not show the new file's pixels either, and OpenSlide's
   * path reports the failure. */
  *handled = _cs_jpeg_tiles_has_level (self->jpeg_tiles, (guint) key->level) &&
             !_cs_handle_pool_is_failed (self->handles);
  if (!*handled)
    return TRUE;

  if (!_cs_jpeg_tiles_read (self->jpeg_tiles, (guint) key->level, key->col, key->row,
                           dest, width, height, error))
    return FALSE;
  apply_color (self, dest, width, height);

  return TRUE;
}

guint
_cs_slide_get_n_direct_reads (CsSlide *self)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), 0);

  return _cs_jpeg_tiles_get_n_reads (self->jpeg_tiles);
}

static void
cs_slide_tile_source_init (CsTileSourceInterface *iface)
{
  iface->get_n_levels = cs_slide_source_get_n_levels;
  iface->get_level_size = cs_slide_source_get_level_size;
  iface->get_level_downsample = cs_slide_source_get_level_downsample;
  iface->get_native_tile_size = cs_slide_source_get_native_tile_size;
  iface->read_region = cs_slide_source_read_region;
  iface->read_tile = cs_slide_source_read_tile;
}

static void
cs_slide_finalize (GObject *object)
{
  CsSlide *self = (CsSlide *)object;

  g_clear_pointer (&self->osr, openslide_close);
  g_clear_pointer (&self->handles, _cs_handle_pool_free);
  g_clear_pointer (&self->jpeg_tiles, _cs_jpeg_tiles_free);
  g_clear_pointer (&self->remote, _cs_dicomweb_pyramid_free);
  g_clear_pointer (&self->overview, g_ptr_array_unref);
  g_clear_pointer (&self->raster, _cs_raster_free);
  g_clear_pointer (&self->properties, g_hash_table_unref);
  g_clear_pointer (&self->property_names, g_strfreev);
  g_clear_pointer (&self->associated_names, g_strfreev);
  g_clear_pointer (&self->level_widths, g_free);
  g_clear_pointer (&self->level_heights, g_free);
  g_clear_pointer (&self->level_downsamples, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->vendor, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->color, _cs_color_transform_free);
  g_clear_pointer (&self->color_warning, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (cs_slide_parent_class)->finalize (object);
}

static void
cs_slide_get_gproperty (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CsSlide *self = CS_SLIDE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_FAILED:
      g_value_set_boolean (value, cs_slide_get_failed (self));
      break;

    case PROP_SHA256:
      g_value_set_string (value, cs_slide_get_sha256 (self));
      break;

    case PROP_APPLY_COLOR_PROFILE:
      g_value_set_boolean (value, cs_slide_get_apply_color_profile (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_slide_set_gproperty (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CsSlide *self = CS_SLIDE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      self->display_name = self->path ? g_path_get_basename (self->path) : NULL;
      break;

    case PROP_APPLY_COLOR_PROFILE:
      cs_slide_set_apply_color_profile (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_slide_class_init (CsSlideClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cs_slide_finalize;
  object_class->get_property = cs_slide_get_gproperty;
  object_class->set_property = cs_slide_set_gproperty;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILED] =
    g_param_spec_boolean ("failed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * CsSlide:apply-color-profile:
   *
   * Whether pixels read from now on are converted from the slide's
   * embedded colour profile to sRGB. Tiles read before keep their
   * colours: on a change, views drop their caches.
   */
  properties[PROP_APPLY_COLOR_PROFILE] =
    g_param_spec_boolean ("apply-color-profile", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* libtiff (used by OpenSlide and by us) prints errors on stderr by
   * default; they reach the user as GErrors instead. */
  _cs_raster_install_tiff_handlers ();
}

static void
cs_slide_init (CsSlide *self)
{
  g_mutex_init (&self->mutex);
  self->apply_color = TRUE;
  self->properties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * cs_slide_new:
 * @path: a slide or image file
 *
 * Opens a slide synchronously. Multi-file formats may take seconds: prefer
 * cs_slide_new_async() on the main thread.
 *
 * Returns: (transfer full) (nullable): the slide, or %NULL with @error set
 */
CsSlide *
cs_slide_new (const char  *path,
              GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_initable_new (CS_TYPE_SLIDE, NULL, error, "path", path, NULL);
}

void
cs_slide_new_async (const char          *path,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  g_async_initable_new_async (CS_TYPE_SLIDE, G_PRIORITY_DEFAULT, cancellable,
                              callback, user_data, "path", path, NULL);
}

/**
 * cs_slide_new_finish:
 *
 * Returns: (transfer full) (nullable): the slide, or %NULL with @error set
 */
CsSlide *
cs_slide_new_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_autoptr(GObject) source = g_async_result_get_source_object (result);
  GObject *object;

  object = g_async_initable_new_finish (G_ASYNC_INITABLE (source), result, error);

  return object ? CS_SLIDE (object) : NULL;
}

const char *
cs_slide_get_path (CsSlide *self)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), NULL);

  return self->path;
}

const char *
cs_slide_get_display_name (CsSlide *self)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), NULL);

  return self->display_name;
}

/**
 * cs_slide_get_vendor:
 *
 * Returns: OpenSlide's vendor ("aperio", "generic-tiff", …) or, for an
 *   ordinary image, its format ("tiff", "png", "jpeg")
 */
const char *
cs_slide_get_vendor (CsSlide *self)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), NULL);

  return self->vendor;
}

gboolean
cs_slide_is_raster (CsSlide *self)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), FALSE);

  return self->raster != NULL && self->handles == NULL;
}

guint
cs_slide_get_n_levels (CsSlide *self)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), 0);

  return self->n_levels;
}

void
cs_slide_get_level_size (CsSlide *self,
                         guint    level,
                         gint64  *width,
                         gint64  *height)
{
  g_return_if_fail (CS_IS_SLIDE (self));
  g_return_if_fail (level < self->n_levels);

  if (width)
    *width = self->level_widths[level];
  if (height)
    *height = self->level_heights[level];
}

double
cs_slide_get_level_downsample (CsSlide *self,
                               guint    level)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), 1.0);
  g_return_val_if_fail (level < self->n_levels, 1.0);

  return self->level_downsamples[level];
}

/**
 * cs_slide_get_mpp:
 * @mpp_x: (out) (optional): microns per level-0 pixel across
 * @mpp_y: (out) (optional): microns per level-0 pixel down
 *
 * Returns: %FALSE when the slide does not say; then the scale is unknown
 *   and nothing may be measured in microns
 */
gboolean
cs_slide_get_mpp (CsSlide *self,
                  double  *mpp_x,
                  double  *mpp_y)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), FALSE);

  if (mpp_x)
    *mpp_x = self->mpp_x;
  if (mpp_y)
    *mpp_y = self->mpp_y;

  return self->mpp_x > 0 && self->mpp_y > 0;
}

/**
 * cs_slide_get_objective_power:
 *
 * Returns: the scanner's objective magnification, or 0 when unknown
 */
double
cs_slide_get_objective_power (CsSlide *self)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), 0);

  return self->objective_power;
}

/**
 * cs_slide_get_property_names:
 *
 * Returns: (transfer none): every property name, sorted
 */
const char * const *
cs_slide_get_property_names (CsSlide *self)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), NULL);

  return (const char * const *) self->property_names;
}

const char *
cs_slide_get_property (CsSlide    *self,
                       const char *name)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->properties, name);
}

/**
 * cs_slide_get_quickhash:
 *
 * Returns: (nullable): `openslide.quickhash-1`, a lookup hint only: it is
 *   absent for some slides and changes when metadata is scrubbed
 */
const char *
cs_slide_get_quickhash (CsSlide *self)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), NULL);

  return g_hash_table_lookup (self->properties, OPENSLIDE_PROPERTY_NAME_QUICKHASH1);
}

const char * const *
cs_slide_get_associated_names (CsSlide *self)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), NULL);

  return (const char * const *) self->associated_names;
}

/* Gives @osr back after a read; sets @error when the read failed. */
static gboolean
finish_read (CsSlide      *self,
             openslide_t  *osr,
             GError      **error)
{
  const char *message = openslide_get_error (osr);
  gboolean ok = message == NULL;

  if (!ok)
    g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ,
                 _("Cannot read the pixels of “%s”: %s"), self->path, message);
  _cs_handle_pool_release (self->handles, osr);

  return ok;
}

/**
 * cs_slide_read_associated:
 * @name: an associated image such as "label", "macro" or "thumbnail"
 *
 * Returns: (transfer full) (nullable): an ARGB32 image surface
 */
cairo_surface_t *
cs_slide_read_associated (CsSlide     *self,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autofree guint32 *buffer = NULL;
  openslide_t *osr;
  gint64 w = -1, h = -1;
  guchar *data;
  int stride;

  g_return_val_if_fail (CS_IS_SLIDE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!g_strv_contains ((const char * const *) self->associated_names, name))
    {
      g_autofree char *known = g_strjoinv (", ", self->associated_names);

      if (*known == '\0')
        g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_NO_ASSOCIATED,
                     _("“%s” has no associated image “%s”: it has no associated images"),
                     self->path, name);
      else
        g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_NO_ASSOCIATED,
                     _("“%s” has no associated image “%s” (it has: %s)"),
                     self->path, name, known);
      return NULL;
    }

  if (self->remote != NULL)
    return _cs_dicomweb_pyramid_read_associated (self->remote, name, error);

  osr = _cs_handle_pool_acquire (self->handles, error);
  if (osr == NULL)
    return NULL;
  openslide_get_associated_image_dimensions (osr, name, &w, &h);
  /* The size comes from the file's header: labels, macros and
   * thumbnails are a few megapixels, never gigabytes. */
  if (w > 0 && h > 0 && w <= 32767 && h <= 32767 && w * h > ASSOCIATED_MAX_PIXELS)
    {
      g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT,
                                               w, h);

      _cs_handle_pool_release (self->handles, osr);
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_TOO_LARGE,
                   _("Cannot read the associated image “%s” of “%s”: at %s pixels it is "
                     "too large"),
                   name, self->path, size);
      return NULL;
    }
  if (w > 0 && h > 0 && w <= 32767 && h <= 32767)
    {
      buffer = g_new (guint32, w * h);
      openslide_read_associated_image (osr, name, buffer);
    }
  if (!finish_read (self, osr, error))
    return NULL;
  if (buffer == NULL)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ,
                   _("Cannot read the associated image “%s” of “%s”: bad size"),
                   name, self->path);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) w, (int) h);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (gint64 row = 0; row < h; row++)
    memcpy (data + row * stride, buffer + row * w, w * 4);
  cairo_surface_mark_dirty (surface);

  return g_steal_pointer (&surface);
}

/**
 * cs_slide_read_region:
 * @dest: room for @width * @height premultiplied ARGB32 pixels
 * @x: level-0 x of the region's top-left corner
 * @y: level-0 y of the region's top-left corner
 * @level: the level to read
 *
 * Thread-safe. Pixels outside the slide are transparent (0). A read of
 * corrupt data fails (the destination is then undefined); later reads of
 * other regions work, unless the slide could not be reopened
 * (cs_slide_get_failed()).
 *
 * Returns: %TRUE, or %FALSE with @error set (%CS_SLIDE_ERROR_READ)
 */
gboolean
cs_slide_read_region (CsSlide  *self,
                      guint32  *dest,
                      gint64    x,
                      gint64    y,
                      guint     level,
                      int       width,
                      int       height,
                      GError  **error)
{
  openslide_t *osr;

  g_return_val_if_fail (CS_IS_SLIDE (self), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (level < self->n_levels, FALSE);

  if (self->raster != NULL && level == 0)
    {
      _cs_raster_read_region (self->raster, dest, x, y, width, height);
      apply_color (self, dest, width, height);
      return TRUE;
    }
  if (self->remote != NULL)
    return _cs_dicomweb_pyramid_read_region (self->remote, dest, x, y, level, width, height,
                                             error);

  osr = _cs_handle_pool_acquire (self->handles, error);
  if (osr == NULL)
    return FALSE;
  openslide_read_region (osr, dest, x, y, (int32_t) level, width, height);
  if (!finish_read (self, osr, error))
    return FALSE;
  apply_color (self, dest, width, height);

  return TRUE;
}

/**
 * cs_slide_get_overview:
 *
 * The tiles of the coarsest level, read when the slide was opened (none
 * when that level has more than 64 tiles): put them in a view's tile
 * cache so that its first frame already shows the slide. Thread-safe.
 *
 * Returns: (transfer none) (element-type CsTile): the tiles
 */
GPtrArray *
cs_slide_get_overview (CsSlide *self)
{
  static GPtrArray *none;

  g_return_val_if_fail (CS_IS_SLIDE (self), NULL);

  /* Read with the other colour setting: the loader reads them again. */
  if (self->color != NULL && self->overview_color != cs_slide_get_apply_color_profile (self))
    {
      if (g_once_init_enter (&none))
        g_once_init_leave (&none, g_ptr_array_new ());
      return none;
    }

  return self->overview;
}

/**
 * cs_slide_get_apply_color_profile:
 *
 * Returns: whether reads convert the embedded colour profile to sRGB
 *   (the #CsSlide:apply-color-profile property). Thread-safe.
 */
gboolean
cs_slide_get_apply_color_profile (CsSlide *self)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), FALSE);

  return g_atomic_int_get (&self->apply_color);
}

/**
 * cs_slide_set_apply_color_profile:
 *
 * Sets #CsSlide:apply-color-profile. Main thread.
 */
void
cs_slide_set_apply_color_profile (CsSlide  *self,
                                  gboolean  apply)
{
  g_return_if_fail (CS_IS_SLIDE (self));

  apply = !!apply;
  if (g_atomic_int_get (&self->apply_color) == apply)
    return;

  g_atomic_int_set (&self->apply_color, apply);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLY_COLOR_PROFILE]);
}

/**
 * cs_slide_has_color_profile:
 *
 * Returns: whether the slide embeds a colour profile that Consilium can
 *   convert to sRGB. Thread-safe.
 */
gboolean
cs_slide_has_color_profile (CsSlide *self)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), FALSE);

  return self->color != NULL;
}

/**
 * cs_slide_get_color_profile_description:
 *
 * Returns: (nullable): the embedded profile's description, such as
 *   "Adobe RGB (1998)", or %NULL when it has none or cannot be used
 */
const char *
cs_slide_get_color_profile_description (CsSlide *self)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), NULL);

  return _cs_color_transform_get_description (self->color);
}

/**
 * cs_slide_get_color_profile_warning:
 *
 * Returns: (nullable): why the embedded colour profile is not applied
 *   (damaged, not RGB), naming the cause; %NULL when there is no such
 *   problem
 */
const char *
cs_slide_get_color_profile_warning (CsSlide *self)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), NULL);

  return self->color_warning;
}

gboolean
cs_slide_get_failed (CsSlide *self)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), FALSE);

  return self->handles != NULL && _cs_handle_pool_is_failed (self->handles);
}

/**
 * cs_slide_get_sha256:
 *
 * Returns: (nullable): the slide's identity once computed, else %NULL
 */
const char *
cs_slide_get_sha256 (CsSlide *self)
{
  const char *sha;

  g_return_val_if_fail (CS_IS_SLIDE (self), NULL);

  /* Set once and never freed before finalize, so the pointer stays valid. */
  g_mutex_lock (&self->mutex);
  sha = self->sha256;
  g_mutex_unlock (&self->mutex);

  return sha;
}

/**
 * cs_slide_compute_identity:
 *
 * The SHA-256 of the slide's file(s) (FORMATS.md §9), from the cache kept
 * by path, size and modification time when it is current. A remote slide's
 * identity is known from its opening: "dicom-series:" and its Series
 * Instance UID (CS_SLIDE_REMOTE_IDENTITY_PREFIX). Blocks while
 * hashing gigabytes: call it from a worker, or use the async variant.
 *
 * Returns: (nullable): the hex digest, owned by the slide
 */
const char *
cs_slide_compute_identity (CsSlide       *self,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *sha = NULL;

  g_return_val_if_fail (CS_IS_SLIDE (self), NULL);

  if (cs_slide_get_sha256 (self) != NULL)
    return cs_slide_get_sha256 (self);

  sha = cs_slide_identity_lookup (self->path);
  if (sha == NULL)
    {
      files = cs_slide_identity_list_files (self->path, self->vendor);
      sha = cs_slide_identity_hash_files (files, self->path, cancellable, error);
      if (sha == NULL)
        return NULL;
      cs_slide_identity_remember (self->path, sha);
    }

  g_mutex_lock (&self->mutex);
  if (self->sha256 == NULL)
    self->sha256 = g_steal_pointer (&sha);
  g_mutex_unlock (&self->mutex);

  return cs_slide_get_sha256 (self);
}

static void
compute_identity_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GError *error = NULL;

  if (cs_slide_compute_identity (source_object, cancellable, &error) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
cs_slide_compute_identity_async (CsSlide             *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CS_IS_SLIDE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_slide_compute_identity_async);
  g_task_run_in_thread (task, compute_identity_thread);
}

/**
 * cs_slide_compute_identity_finish:
 *
 * Returns: (nullable): the hex digest, owned by the slide
 */
const char *
cs_slide_compute_identity_finish (CsSlide       *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (CS_IS_SLIDE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHA256]);

  return cs_slide_get_sha256 (self);
}
