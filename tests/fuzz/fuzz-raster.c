/* fuzz-raster.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-fuzz.h"

#include "cs-slide-private.h"

/* The plain TIFF, PNG and JPEG reader (cs-slide-raster.c): sniffed and
 * decoded from a memory file, then a region across its corner read.
 * Images are limited to 2^22 pixels here: a few bytes may declare a
 * valid 2^28-pixel image (the application's limit), which decodes for
 * seconds, past the fuzzer's timeout. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CsRaster) raster = NULL;
  g_autoptr(GError) error = NULL;
  CsRasterKind kind;
  int fd = -1;
  char *path = NULL;

  cs_fuzz_init ();
  _cs_raster_install_tiff_handlers ();
  _cs_raster_set_max_pixels (G_GINT64_CONSTANT (1) << 22);
  path = cs_fuzz_open_file (data, size, &fd);
  kind = _cs_raster_sniff (path);
  if (kind == CS_RASTER_KIND_TIFF || kind == CS_RASTER_KIND_PNG || kind == CS_RASTER_KIND_JPEG)
    {
      raster = _cs_raster_load (path, kind, &error);
      if (raster != NULL)
        {
          guint32 region[16 * 16];

          _cs_raster_read_region (raster, region, raster->width - 8, raster->height - 8, 16, 16);
        }
      else
        g_assert (error != NULL);
    }
  cs_fuzz_close_file (path, fd);

  return 0;
}
