/* cs-bench-results.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include "cs-bench-results-private.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* What consilium-cli bench measured: figures (a value with its unit, under
 * a section, in the order they were added) and targets (a value checked
 * against its limit), printed as a table for people and written as JSON
 * with a description of the machine (cs-bench-measure.c).
 *
 * Numbers go through g_ascii_*: a locale with decimal commas changes
 * neither the table's figures nor the JSON. */

#define MAX_LABEL_COLUMN 60

typedef struct
{
  char   *id;        /* "section.name" */
  char   *section;
  char   *name;
  double  value;
  char   *unit;
  char   *label;
} Figure;

typedef struct
{
  char     *name;
  char     *label;
  double    value;
  double    limit;
  gboolean  at_least;
} Target;

struct _CsBenchResults
{
  GPtrArray  *figures;   /* Figure*, in the order added */
  GHashTable *by_id;     /* id -> Figure* (borrowed) */
  GPtrArray  *targets;   /* Target* */
};

static void
figure_free (gpointer data)
{
  Figure *figure = data;

  g_free (figure->id);
  g_free (figure->section);
  g_free (figure->name);
  g_free (figure->unit);
  g_free (figure->label);
  g_free (figure);
}

static void
target_free (gpointer data)
{
  Target *target = data;

  g_free (target->name);
  g_free (target->label);
  g_free (target);
}

CsBenchResults *
cs_bench_results_new (void)
{
  CsBenchResults *results = g_new0 (CsBenchResults, 1);

  results->figures = g_ptr_array_new_with_free_func (figure_free);
  results->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  results->targets = g_ptr_array_new_with_free_func (target_free);

  return results;
}

void
cs_bench_results_free (CsBenchResults *results)
{
  if (results == NULL)
    return;

  g_hash_table_unref (results->by_id);
  g_ptr_array_unref (results->figures);
  g_ptr_array_unref (results->targets);
  g_free (results);
}

void
cs_bench_results_add (CsBenchResults *results,
                      const char     *section,
                      const char     *name,
                      double          value,
                      const char     *unit,
                      const char     *label)
{
  g_autofree char *id = NULL;
  Figure *figure;

  g_return_if_fail (results != NULL);
  g_return_if_fail (section != NULL && name != NULL);

  id = g_strconcat (section, ".", name, NULL);
  figure = g_hash_table_lookup (results->by_id, id);
  if (figure == NULL)
    {
      figure = g_new0 (Figure, 1);
      figure->id = g_steal_pointer (&id);
      figure->section = g_strdup (section);
      figure->name = g_strdup (name);
      g_ptr_array_add (results->figures, figure);
      g_hash_table_insert (results->by_id, figure->id, figure);
    }

  figure->value = value;
  g_free (figure->unit);
  figure->unit = g_strdup (unit ? unit : "");
  g_free (figure->label);
  figure->label = g_strdup (label ? label : figure->id);
}

double
cs_bench_results_get (CsBenchResults *results,
                      const char     *id)
{
  Figure *figure;

  g_return_val_if_fail (results != NULL, NAN);
  g_return_val_if_fail (id != NULL, NAN);

  figure = g_hash_table_lookup (results->by_id, id);

  return figure ? figure->value : NAN;
}

void
cs_bench_results_add_target (CsBenchResults *results,
                             const char     *name,
                             const char     *label,
                             double          value,
                             double          limit,
                             gboolean        at_least)
{
  Target *target;

  g_return_if_fail (results != NULL);
  g_return_if_fail (name != NULL);

  target = g_new0 (Target, 1);
  target->name = g_strdup (name);
  target->label = g_strdup (label ? label : name);
  target->value = value;
  target->limit = limit;
  target->at_least = at_least;
  g_ptr_array_add (results->targets, target);
}

/* A target whose value was not measured (NaN) is not met. */
static gboolean
target_met (const Target *target)
{
  if (isnan (target->value) || isnan (target->limit))
    return FALSE;

  return target->at_least ? target->value >= target->limit
                          : target->value <= target->limit;
}

guint
cs_bench_results_get_n_missed (CsBenchResults *results)
{
  guint n = 0;

  g_return_val_if_fail (results != NULL, 0);

  for (guint i = 0; i < results->targets->len; i++)
    if (!target_met (g_ptr_array_index (results->targets, i)))
      n++;

  return n;
}

gboolean
cs_bench_results_has_target (CsBenchResults *results,
                             const char     *name)
{
  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < results->targets->len; i++)
    if (g_strcmp0 (((Target *) g_ptr_array_index (results->targets, i))->name, name) == 0)
      return TRUE;

  return FALSE;
}

/* Three significant digits, at least none after the point for large
 * values: "1234", "16.7", "0.0123". */
static char *
format_value (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double magnitude = fabs (value);
  const char *format;

  if (isnan (value))
    return g_strdup ("—");
  if (magnitude >= 100 || value == round (value))
    format = "%.0f";
  else if (magnitude >= 10)
    format = "%.1f";
  else if (magnitude >= 1)
    format = "%.2f";
  else
    format = "%.4g";

  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
}

static glong
text_width (const char *text)
{
  return g_utf8_strlen (text, -1);
}

/* @text, then spaces up to @width, and two at least. */
static void
append_padded (GString    *out,
               const char *text,
               glong       width)
{
  g_string_append (out, text);
  for (glong i = text_width (text); i < width || i < text_width (text) + 2; i++)
    g_string_append_c (out, ' ');
}

static void
append_figures (CsBenchResults *results,
                GString        *out)
{
  const char *section = NULL;
  glong label_width = 0;
  glong id_width = 0;

  for (guint i = 0; i < results->figures->len; i++)
    {
      Figure *figure = g_ptr_array_index (results->figures, i);

      label_width = MAX (label_width, text_width (figure->label));
      id_width = MAX (id_width, text_width (figure->id));
    }
  /* A very long label runs over rather than pushing every row right. */
  label_width = MIN (label_width, MAX_LABEL_COLUMN);

  for (guint i = 0; i < results->figures->len; i++)
    {
      Figure *figure = g_ptr_array_index (results->figures, i);
      g_autofree char *value = format_value (figure->value);

      if (g_strcmp0 (section, figure->section) != 0)
        {
          section = figure->section;
          g_string_append_printf (out, "%s%s\n", out->len ? "\n" : "", section);
        }
      g_string_append (out, "  ");
      append_padded (out, figure->label, label_width + 2);
      append_padded (out, figure->id, id_width + 2);
      g_string_append_printf (out, "%10s %s\n", value, figure->unit);
    }
}

static void
append_targets (CsBenchResults *results,
                GString        *out)
{
  glong label_width = 0;

  if (results->targets->len == 0)
    return;

  for (guint i = 0; i < results->targets->len; i++)
    label_width = MAX (label_width,
                       text_width (((Target *) g_ptr_array_index (results->targets, i))->label));
  label_width = MIN (label_width, MAX_LABEL_COLUMN);

  g_string_append_printf (out, "%s%s\n", out->len ? "\n" : "", _("Targets"));
  for (guint i = 0; i < results->targets->len; i++)
    {
      Target *target = g_ptr_array_index (results->targets, i);
      g_autofree char *value = format_value (target->value);
      g_autofree char *limit = format_value (target->limit);

      g_string_append_printf (out, "  %s ", target_met (target) ? "✓" : "✗");
      append_padded (out, target->label, label_width + 2);
      if (isnan (target->value))
        /* Translators: a benchmark target whose figure is missing */
        g_string_append_printf (out, _("not measured (limit %s %s)"),
                                target->at_least ? "≥" : "≤", limit);
      else
        g_string_append_printf (out, "%10s %s %s", value, target->at_least ? "≥" : "≤", limit);
      g_string_append_c (out, '\n');
    }

  g_string_append_c (out, '\n');
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE, "%u of %u targets missed",
                                       "%u of %u targets missed",
                                       cs_bench_results_get_n_missed (results)),
                          cs_bench_results_get_n_missed (results), results->targets->len);
  g_string_append_c (out, '\n');
}

/**
 * cs_bench_results_to_table:
 *
 * Returns: (transfer full): every figure by section (label, identifier,
 *   value, unit), then every target with ✓ or ✗, its value and its limit
 */
char *
cs_bench_results_to_table (CsBenchResults *results)
{
  GString *out;

  g_return_val_if_fail (results != NULL, NULL);

  out = g_string_new (NULL);
  append_figures (results, out);
  append_targets (results, out);

  return g_string_free (out, FALSE);
}

void
_cs_bench_add_string_member (JsonBuilder *builder,
                             const char  *name,
                             const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* JSON has no NaN: a figure that could not be measured is null. */
static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_figures (CsBenchResults *results,
             JsonBuilder    *builder)
{
  json_builder_set_member_name (builder, "figures");
  json_builder_begin_object (builder);
  for (guint i = 0; i < results->figures->len; i++)
    {
      Figure *figure = g_ptr_array_index (results->figures, i);

      json_builder_set_member_name (builder, figure->id);
      json_builder_begin_object (builder);
      add_number (builder, "value", figure->value);
      _cs_bench_add_string_member (builder, "unit", figure->unit);
      _cs_bench_add_string_member (builder, "label", figure->label);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
add_targets (CsBenchResults *results,
             JsonBuilder    *builder)
{
  json_builder_set_member_name (builder, "targets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->targets->len; i++)
    {
      Target *target = g_ptr_array_index (results->targets, i);

      json_builder_begin_object (builder);
      _cs_bench_add_string_member (builder, "name", target->name);
      _cs_bench_add_string_member (builder, "label", target->label);
      add_number (builder, "value", target->value);
      add_number (builder, "limit", target->limit);
      json_builder_set_member_name (builder, "at_least");
      json_builder_add_boolean_value (builder, target->at_least);
      json_builder_set_member_name (builder, "met");
      json_builder_add_boolean_value (builder, target_met (target));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * cs_bench_results_to_json:
 * @len: (out) (optional): the length of the text
 *
 * Returns: (transfer full): {"figures": {id: {value, unit, label}},
 *   "targets": [{name, label, value, limit, at_least, met}], "n_missed",
 *   "machine": {cpu, cores, memory_bytes, openslide, cairo, libjpeg, glib}};
 *   values that could not be measured are null
 */
char *
cs_bench_results_to_json (CsBenchResults *results,
                          gsize          *len)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (results != NULL, NULL);

  json_builder_begin_object (builder);
  add_figures (results, builder);
  add_targets (results, builder);
  json_builder_set_member_name (builder, "n_missed");
  json_builder_add_int_value (builder, cs_bench_results_get_n_missed (results));
  _cs_bench_add_machine (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, len);
}
