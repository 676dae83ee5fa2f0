/* cs-utils.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-utils"

#include "config.h"

#include "cs-utils.h"

/* Small helpers that GLib only gained after the 2.74 floor. */

/**
 * cs_set_str:
 * @str_pointer: a pointer to a string
 * @new_str: (nullable): the new value
 *
 * Like g_set_str() of GLib 2.76: replaces *@str_pointer with a copy of
 * @new_str unless they are equal.
 *
 * Returns: %TRUE if the value changed
 */
gboolean
cs_set_str (char       **str_pointer,
            const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

/**
 * cs_format_bytes_hex:
 * @data: bytes
 * @len: number of bytes
 *
 * Returns: (transfer full): lower-case hexadecimal text of @data
 */
char *
cs_format_bytes_hex (const guint8 *data,
                     gsize         len)
{
  static const char digits[] = "0123456789abcdef";
  GString *out = g_string_sized_new (len * 2);

  for (gsize i = 0; i < len; i++)
    {
      g_string_append_c (out, digits[data[i] >> 4]);
      g_string_append_c (out, digits[data[i] & 0xf]);
    }

  return g_string_free (out, FALSE);
}
