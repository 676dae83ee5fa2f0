/* cs-cli-live-record.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-live-private.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

/* The record of consilium-cli live --record: one JSON object a line,
 * written (one write each, unbuffered) as the event happens, so that the
 * file holds every event up to the moment the process ends, however it
 * ends. "t" is the wall clock (g_get_real_time), which two processes on
 * one machine share: the tests measure delays from two records. */

struct _CsCliLiveRecord
{
  GOutputStream *stream;
  char          *path;
  JsonBuilder   *line;
  GError        *error;
};

CsCliLiveRecord *
cs_cli_live_record_new (const char *path,
                        GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  CsCliLiveRecord *self;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return NULL;
  self = g_new0 (CsCliLiveRecord, 1);
  self->stream = G_OUTPUT_STREAM (g_steal_pointer (&stream));
  self->path = g_strdup (path);
  return self;
}

void
cs_cli_live_record_free (CsCliLiveRecord *self)
{
  if (self == NULL)
    return;
  g_output_stream_close (self->stream, NULL, NULL);
  g_object_unref (self->stream);
  g_clear_object (&self->line);
  g_clear_error (&self->error);
  g_free (self->path);
  g_free (self);
}

gboolean
cs_cli_live_record_check (CsCliLiveRecord *self,
                          GError         **error)
{
  if (self->error == NULL)
    return TRUE;
  g_set_error (error, self->error->domain, self->error->code,
               _("Could not write the record %s: %s"), self->path, self->error->message);
  return FALSE;
}

void
cs_cli_live_record_begin (CsCliLiveRecord *self,
                          const char      *type)
{
  g_assert (self->line == NULL);
  self->line = json_builder_new ();
  json_builder_begin_object (self->line);
  cs_cli_live_record_add_int (self, "t", g_get_real_time ());
  cs_cli_live_record_add_string (self, "type", type);
}

void
cs_cli_live_record_add_string (CsCliLiveRecord *self,
                               const char      *member,
                               const char      *value)
{
  json_builder_set_member_name (self->line, member);
  if (value != NULL)
    json_builder_add_string_value (self->line, value);
  else
    json_builder_add_null_value (self->line);
}

void
cs_cli_live_record_add_double (CsCliLiveRecord *self,
                               const char      *member,
                               double           value)
{
  json_builder_set_member_name (self->line, member);
  json_builder_add_double_value (self->line, value);
}

void
cs_cli_live_record_add_int (CsCliLiveRecord *self,
                            const char      *member,
                            gint64           value)
{
  json_builder_set_member_name (self->line, member);
  json_builder_add_int_value (self->line, value);
}

void
cs_cli_live_record_add_boolean (CsCliLiveRecord *self,
                                const char      *member,
                                gboolean         value)
{
  json_builder_set_member_name (self->line, member);
  json_builder_add_boolean_value (self->line, value);
}

void
cs_cli_live_record_end (CsCliLiveRecord *self)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonBuilder) line = g_steal_pointer (&self->line);
  gsize len = 0;

  json_builder_end_object (line);
  root = json_builder_get_root (line);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);
  if (self->error != NULL)
    return;
  text = g_realloc (text, len + 2);
  text[len] = '\n';
  text[len + 1] = '\0';
  g_output_stream_write_all (self->stream, text, len + 1, NULL, NULL, &self->error);
}

void
cs_cli_live_record_view (CsCliLiveRecord  *self,
                         const char       *type,
                         const CsLiveView *view)
{
  cs_cli_live_record_begin (self, type);
  cs_cli_live_record_add_double (self, "x", view->x);
  cs_cli_live_record_add_double (self, "y", view->y);
  cs_cli_live_record_add_double (self, "zoom", view->zoom);
  cs_cli_live_record_add_double (self, "rotation", view->rotation);
  cs_cli_live_record_end (self);
}

void
cs_cli_live_record_point (CsCliLiveRecord *self,
                          const char      *type,
                          double           x,
                          double           y,
                          const char      *author)
{
  cs_cli_live_record_begin (self, type);
  cs_cli_live_record_add_double (self, "x", x);
  cs_cli_live_record_add_double (self, "y", y);
  cs_cli_live_record_add_string (self, "author", author);
}
