/* cs-json-number.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-json"

#include "config.h"

#include "cs-json-number.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* valgrind runs x87 arithmetic in 64-bit doubles: there the division
 * below would round twice, so it takes the exact path (.ci/valgrind). */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define CS_ON_VALGRIND() (RUNNING_ON_VALGRIND != 0)
#endif
#endif
#ifndef CS_ON_VALGRIND
#define CS_ON_VALGRIND() FALSE
#endif

/* Numbers of GeoJSON files, both ways, without the C library's
 * arbitrary-precision paths that cost most of the time of a file of
 * 100,000 polygons (glibc prints and reads 17 significant digits by
 * multi-precision division). Each gives the same result
 * as g_ascii_dtostr / g_ascii_strtod, and hands the cases it cannot do
 * exactly back to them. Pure functions, any thread. */

#if defined(__SIZEOF_INT128__)
#define HAVE_INT128 1
#endif

#if defined(HAVE_INT128)
static const guint64 powers_of_ten[] = {
  1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
  100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
  10000000000000ull, 100000000000000ull, 1000000000000000ull, 10000000000000000ull,
  100000000000000000ull, 1000000000000000000ull, 10000000000000000000ull,
};
#endif

/**
 * _cs_json_format_double:
 * @value: a finite number, not an integer, 1e-3 <= |value| < 1e15
 * @buf: (out): at least CS_JSON_NUMBER_BUF_SIZE bytes
 *
 * @value with 17 significant digits, correctly rounded, trailing zeros
 * dropped: what g_ascii_dtostr() prints in that range, which
 * reads back exactly. The digits are @value's mantissa times a power of
 * ten, exact in 128 bits, shifted right with rounding to even.
 *
 * Returns: FALSE (and @buf untouched) outside that range or without
 *   128-bit integers: the caller uses g_ascii_dtostr
 */
gboolean
_cs_json_format_double (double value,
                        char  *buf)
{
#if defined(HAVE_INT128)
  double magnitude = fabs (value);
  unsigned __int128 product, quotient, rest, half;
  char digits[24];
  int k, shift, n, point, whole_digits = 1;
  guint64 bits, mantissa;
  char *p = buf;

  if (!(magnitude >= 1e-3 && magnitude < 1e15) || magnitude == floor (magnitude))
    return FALSE;

  /* magnitude = mantissa * 2^-shift (a normal number: 53 bits). */
  memcpy (&bits, &magnitude, sizeof bits);
  mantissa = (bits & ((G_GUINT64_CONSTANT (1) << 52) - 1)) | (G_GUINT64_CONSTANT (1) << 52);
  shift = 1075 - (int) ((bits >> 52) & 0x7ff);
  /* Enough powers of ten for 17 digits: 10^(whole_digits - 1) <=
   * magnitude < 10^whole_digits, whole_digits from -2 to 15. */
  if (magnitude < 1)
    {
      whole_digits = 0;
      for (double bound = 0.1; magnitude < bound; bound /= 10)
        whole_digits--;
    }
  else
    for (; whole_digits < 16 && magnitude >= (double) powers_of_ten[whole_digits]; whole_digits++)
      ;
  k = 17 - whole_digits;
  if (k < 0 || k >= (int) G_N_ELEMENTS (powers_of_ten) || shift <= 0 || shift >= 127)
    return FALSE;
  product = (unsigned __int128) mantissa * powers_of_ten[k];
  quotient = product >> shift;
  rest = product - (quotient << shift);
  half = (unsigned __int128) 1 << (shift - 1);
  if (rest > half || (rest == half && (quotient & 1)))
    quotient++;
  /* log10 may be off by one near powers of ten: 17 digits or else. */
  if (quotient < powers_of_ten[16] || quotient >= powers_of_ten[17])
    return FALSE;
  n = 0;

  for (guint64 q = (guint64) quotient; n < 17; n++, q /= 10)
    digits[16 - n] = (char) ('0' + (int) (q % 10));
  /* The value is digits * 10^-k: the point goes after 17 - k digits. */
  point = 17 - k;
  n = 17;
  while (n > MAX (point, 0) && digits[n - 1] == '0')
    n--;
  if (value < 0)
    *p++ = '-';
  if (point <= 0)
    {
      *p++ = '0';
      *p++ = '.';
      for (int i = point; i < 0; i++)
        *p++ = '0';
      memcpy (p, digits, n);
      p += n;
    }
  else
    {
      memcpy (p, digits, point);
      p += point;
      if (n > point)
        {
          *p++ = '.';
          memcpy (p, digits + point, n - point);
          p += n - point;
        }
    }
  *p = '\0';
  return TRUE;
#else
  return FALSE;
#endif
}

/* Decimal digits with an optional fraction and no exponent, at most 19
 * significant digits, into an integer and a power of ten; FALSE for
 * anything else. */
static gboolean
split_decimal (const char *text,
               gsize       len,
               gboolean   *negative,
               guint64    *digits,
               int        *scale)
{
  const char *p = text, *end = text + len;
  int n_digits = 0;
  gboolean point = FALSE;

  *negative = p < end && *p == '-';
  if (*negative)
    p++;
  *digits = 0;
  *scale = 0;
  if (p == end)
    return FALSE;
  for (; p < end; p++)
    {
      if (*p == '.' && !point)
        {
          point = TRUE;
          continue;
        }
      if (*p < '0' || *p > '9')
        return FALSE;
      if (n_digits > 0 || *p != '0')
        n_digits++;
      if (n_digits > 19)
        return FALSE;
      *digits = *digits * 10 + (guint64) (*p - '0');
      if (point)
        (*scale)++;
    }
  return TRUE;
}

/**
 * _cs_json_parse_double:
 * @text: a JSON number (not NUL-terminated)
 *
 * What g_ascii_strtod() reads in @text, correctly rounded. Decimals of up
 * to 19 digits and 27 fraction digits are one division of exact 64-bit
 * extended-precision numbers, whose one rounding may only go wrong when
 * it lands exactly halfway between two doubles: then, and for anything
 * else (exponents, more digits), g_ascii_strtod().
 */
double
_cs_json_parse_double (const char *text,
                       gsize       len)
{
  char copy[CS_JSON_NUMBER_BUF_SIZE * 2];
  g_autofree char *long_copy = NULL;
  gboolean negative;
  guint64 digits;
  int scale;

#if LDBL_MANT_DIG == 64
  if (!CS_ON_VALGRIND () && split_decimal (text, len, &negative, &digits, &scale) &&
      scale <= 27)
    {
      static const long double powers[28] = {
        1e0L, 1e1L, 1e2L, 1e3L, 1e4L, 1e5L, 1e6L, 1e7L, 1e8L, 1e9L, 1e10L, 1e11L, 1e12L,
        1e13L, 1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L, 1e20L, 1e21L, 1e22L, 1e23L,
        1e24L, 1e25L, 1e26L, 1e27L,
      };
      long double quotient = (long double) digits / powers[scale];
      double result = (double) quotient;
      guint64 low_bits;

      /* Halfway between two doubles, the double rounding may be wrong:
       * the 11 bits of the 64-bit mantissa below a double's 53 read
       * 100 0000 0000. */
      memcpy (&low_bits, &quotient, sizeof low_bits);
      if ((low_bits & 0x7ff) == 0x400)
        goto slow;
      return negative ? -result : result;
    }
slow:
#endif
  if (len < sizeof copy)
    {
      memcpy (copy, text, len);
      copy[len] = '\0';
      return g_ascii_strtod (copy, NULL);
    }
  long_copy = g_strndup (text, len);
  return g_ascii_strtod (long_copy, NULL);
}
