/* cs-annotation-session.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-session"

#include "config.h"

#include "cs-annotation-io.h"
#include "cs-annotation-session.h"
#include "cs-annotation-store.h"
#include "cs-settings.h"

#include <glib/gi18n.h>

/* Objects are created, mutated, and emit signals on the main thread only.
 * The slide is hashed in a worker (cs_slide_compute_identity_async, cached
 * by path, size and time), so a 2 GB slide shows at once and its
 * annotations come a moment later; until then there is no list to draw
 * into. The store saves every change by itself within a second; this file
 * reads it, tells the user when it was damaged or a write failed, and
 * closes it (flush and compaction) when the slide goes away.
 *
 * The same slide open in two tabs (or from two paths) shares one list and
 * one store: two stores on one file would each compact their own list on
 * close, and the last would lose the other's work. Each tab keeps its own
 * editor (selection, tool). */

/* How long after a change the store's write error is looked at: the store
 * writes within a second. */
#define STORE_CHECK_MS 1500

/* One store per slide identity, shared by the sessions showing it. */
typedef struct
{
  char              *sha256;
  CsAnnotationList  *list;
  CsAnnotationStore *store;
  guint              users;
} SharedStore;

static GHashTable *shared_stores;   /* sha256 → SharedStore, main thread */

static void
shared_store_free (gpointer data)
{
  SharedStore *shared = data;

  g_clear_object (&shared->store);
  g_clear_object (&shared->list);
  g_clear_pointer (&shared->sha256, g_free);
  g_free (shared);
}

/* The slide's list and store, read now unless another session has them.
 * @error is set when something could not be read, or cannot be written
 * (cs_annotation_store_load()). The list has the application's classes:
 * the store writes their colours. */
static SharedStore *
shared_store_acquire (const char  *directory,
                      const char  *sha256,
                      GError     **error)
{
  SharedStore *shared;
  g_autofree char *key = g_build_filename (directory, sha256, NULL);

  if (shared_stores == NULL)
    shared_stores = g_hash_table_new (g_str_hash, g_str_equal);

  shared = g_hash_table_lookup (shared_stores, key);
  if (shared != NULL)
    {
      shared->users++;
      return shared;
    }

  shared = g_new0 (SharedStore, 1);
  shared->sha256 = g_steal_pointer (&key);
  shared->list = cs_annotation_list_new ();
  cs_annotation_list_set_class_table (shared->list, cs_settings_get_class_table ());
  shared->store = cs_annotation_store_new (shared->list, directory, sha256);
  shared->users = 1;
  g_hash_table_insert (shared_stores, shared->sha256, shared);
  /* The store shows what it could read and keeps following changes. */
  cs_annotation_store_load (shared->store, error);

  return shared;
}

/* The last user closes the store: it is written and compacted. */
static gboolean
shared_store_release (SharedStore  *shared,
                      GError      **error)
{
  gboolean ok;

  if (--shared->users > 0)
    return cs_annotation_store_flush (shared->store, error);

  g_hash_table_remove (shared_stores, shared->sha256);
  ok = cs_annotation_store_close (shared->store, error);
  shared_store_free (shared);

  return ok;
}

struct _CsAnnotationSession
{
  GObject             parent_instance;

  /* Owned References */
  CsSlide            *slide;
  char               *directory;
  char               *sha256;
  GCancellable       *cancellable;
  CsAnnotationList   *list;
  CsAnnotationEditor *editor;
  SharedStore        *store;             /* shared with other sessions */
  char               *last_store_error;

  guint               store_check;
};

G_DEFINE_FINAL_TYPE (CsAnnotationSession, cs_annotation_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SLIDE,
  PROP_READY,
  PROP_LIST,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cs_annotation_session_message (CsAnnotationSession *self,
                               const char          *heading,
                               const char          *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, heading, text);
}

static gboolean
cs_annotation_session_check_store_cb (gpointer user_data)
{
  CsAnnotationSession *self = user_data;
  const GError *error;
  g_autofree char *text = NULL;

  self->store_check = 0;
  error = self->store ? cs_annotation_store_get_error (self->store->store) : NULL;
  if (error == NULL)
    {
      g_clear_pointer (&self->last_store_error, g_free);
      return G_SOURCE_REMOVE;
    }

  /* One message per distinct failure, not one per edit. */
  if (g_strcmp0 (error->message, self->last_store_error) == 0)
    return G_SOURCE_REMOVE;

  g_free (self->last_store_error);
  self->last_store_error = g_strdup (error->message);
  /* Translators: %s is the cause, naming the file */
  text = g_strdup_printf (_("Annotations could not be saved: %s. Consilium keeps them and tries "
                            "again."), error->message);
  cs_annotation_session_message (self, _("Annotations Could Not Be Saved"), text);

  return G_SOURCE_REMOVE;
}

static void
on_list_changed_cb (CsAnnotationSession *self,
                    GPtrArray           *ids,
                    gboolean             loaded)
{
  if (self->store_check == 0)
    self->store_check = g_timeout_add (STORE_CHECK_MS, cs_annotation_session_check_store_cb,
                                       self);
}

static void
cs_annotation_session_update_author (CsAnnotationSession *self)
{
  g_autofree char *author = cs_settings_dup_author ();
  g_autofree char *institution = cs_settings_dup_institution ();

  if (self->editor != NULL)
    cs_annotation_editor_set_author (self->editor, author,
                                     *institution != '\0' ? institution : NULL);
}

static const char *
load_error_heading (const GError *error)
{
  if (g_error_matches (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE))
    return _("Saved Annotations Were Damaged");
  if (g_error_matches (error, CS_ANNOTATION_STORE_ERROR, CS_ANNOTATION_STORE_ERROR_LOCKED))
    return _("Annotations Open in Another Window");
  if (g_error_matches (error, CS_ANNOTATION_STORE_ERROR, CS_ANNOTATION_STORE_ERROR_UNREADABLE))
    return _("Saved Annotations Cannot Be Read");
  /* The folder or journal cannot be written: permissions, a full disk. */
  return _("Annotations Cannot Be Saved");
}

static void
cs_annotation_session_start (CsAnnotationSession *self,
                             const char          *sha256)
{
  g_autoptr(GError) error = NULL;
  CsCalibration calibration;

  self->sha256 = g_strdup (sha256);
  self->store = shared_store_acquire (self->directory, sha256, &error);
  self->list = g_object_ref (self->store->list);
  /* The store's message names the file and the cause; what could be read
   * is shown. A cause that stops saving is told once, here. */
  if (error != NULL)
    {
      cs_annotation_session_message (self, load_error_heading (error), error->message);
      g_free (self->last_store_error);
      self->last_store_error = g_strdup (error->message);
    }

  self->editor = cs_annotation_editor_new (self->list);
  cs_annotation_session_get_calibration (self, &calibration);
  cs_annotation_editor_set_calibration (self->editor, &calibration);
  cs_annotation_session_update_author (self);

  g_signal_connect_object (self->list, "changed", G_CALLBACK (on_list_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
cs_annotation_session_identity_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(CsAnnotationSession) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *sha256;

  sha256 = cs_slide_compute_identity_finish (CS_SLIDE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->cancellable == NULL)
    return;

  g_clear_object (&self->cancellable);

  if (sha256 == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the cause, naming the file */
      text = g_strdup_printf (_("Annotations are unavailable for this slide: %s"),
                              error->message);
      cs_annotation_session_message (self, NULL, text);
      return;
    }

  cs_annotation_session_start (self, sha256);
}

static void
cs_annotation_session_constructed (GObject *object)
{
  CsAnnotationSession *self = CS_ANNOTATION_SESSION (object);
  GSettings *settings = cs_settings_get_default ();

  G_OBJECT_CLASS (cs_annotation_session_parent_class)->constructed (object);

  if (settings != NULL)
    {
      g_signal_connect_object (settings, "changed::annotation-author",
                               G_CALLBACK (cs_annotation_session_update_author),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "changed::annotation-institution",
                               G_CALLBACK (cs_annotation_session_update_author),
                               self, G_CONNECT_SWAPPED);
    }

  self->cancellable = g_cancellable_new ();
  cs_slide_compute_identity_async (self->slide, self->cancellable,
                                   cs_annotation_session_identity_cb, g_object_ref (self));
}

static void
cs_annotation_session_dispose (GObject *object)
{
  CsAnnotationSession *self = CS_ANNOTATION_SESSION (object);

  cs_annotation_session_close (self, NULL);
  g_clear_object (&self->editor);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (cs_annotation_session_parent_class)->dispose (object);
}

static void
cs_annotation_session_finalize (GObject *object)
{
  CsAnnotationSession *self = CS_ANNOTATION_SESSION (object);

  g_clear_object (&self->slide);
  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->last_store_error, g_free);

  G_OBJECT_CLASS (cs_annotation_session_parent_class)->finalize (object);
}

static void
cs_annotation_session_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CsAnnotationSession *self = CS_ANNOTATION_SESSION (object);

  switch (prop_id)
    {
    case PROP_SLIDE:
      g_value_set_object (value, self->slide);
      break;

    case PROP_READY:
      g_value_set_boolean (value, cs_annotation_session_get_ready (self));
      break;

    case PROP_LIST:
      g_value_set_object (value, self->list);
      break;

    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_annotation_session_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CsAnnotationSession *self = CS_ANNOTATION_SESSION (object);

  switch (prop_id)
    {
    case PROP_SLIDE:
      self->slide = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_annotation_session_class_init (CsAnnotationSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cs_annotation_session_constructed;
  object_class->dispose = cs_annotation_session_dispose;
  object_class->finalize = cs_annotation_session_finalize;
  object_class->get_property = cs_annotation_session_get_property;
  object_class->set_property = cs_annotation_session_set_property;

  properties[PROP_SLIDE] =
    g_param_spec_object ("slide", NULL, NULL, CS_TYPE_SLIDE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LIST] =
    g_param_spec_object ("list", NULL, NULL, CS_TYPE_ANNOTATION_LIST,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, CS_TYPE_ANNOTATION_EDITOR,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
cs_annotation_session_init (CsAnnotationSession *self)
{
}

/**
 * cs_annotation_session_new:
 * @slide: an open slide
 * @directory: (nullable): where stores are kept, or %NULL for
 *   cs_annotation_store_default_directory ()
 *
 * Starts computing @slide's identity; the session becomes ready once it
 * is known and the store is read.
 */
CsAnnotationSession *
cs_annotation_session_new (CsSlide    *slide,
                           const char *directory)
{
  CsAnnotationSession *self;

  g_return_val_if_fail (CS_IS_SLIDE (slide), NULL);

  self = g_object_new (CS_TYPE_ANNOTATION_SESSION, "slide", slide, NULL);
  self->directory = directory ? g_strdup (directory) : cs_annotation_store_default_directory ();

  return self;
}

CsSlide *
cs_annotation_session_get_slide (CsAnnotationSession *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_SESSION (self), NULL);

  return self->slide;
}

gboolean
cs_annotation_session_get_ready (CsAnnotationSession *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_SESSION (self), FALSE);

  return self->editor != NULL;
}

/**
 * cs_annotation_session_get_list:
 *
 * Returns: (transfer none) (nullable): the annotations, once ready
 */
CsAnnotationList *
cs_annotation_session_get_list (CsAnnotationSession *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_SESSION (self), NULL);

  return self->list;
}

/**
 * cs_annotation_session_get_editor:
 *
 * Returns: (transfer none) (nullable): the editor, once ready
 */
CsAnnotationEditor *
cs_annotation_session_get_editor (CsAnnotationSession *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_SESSION (self), NULL);

  return self->editor;
}

/**
 * cs_annotation_session_get_sha256:
 *
 * Returns: (nullable): the slide's identity, once known
 */
const char *
cs_annotation_session_get_sha256 (CsAnnotationSession *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_SESSION (self), NULL);

  return self->sha256;
}

/* The slide's microns per pixel, the one source the scale bar uses too. */
void
cs_annotation_session_get_calibration (CsAnnotationSession *self,
                                       CsCalibration       *calibration)
{
  g_return_if_fail (CS_IS_ANNOTATION_SESSION (self));
  g_return_if_fail (calibration != NULL);

  calibration->mpp_x = 0;
  calibration->mpp_y = 0;
  if (!cs_slide_get_mpp (self->slide, &calibration->mpp_x, &calibration->mpp_y))
    calibration->mpp_x = calibration->mpp_y = 0;
}

/**
 * cs_annotation_session_flush:
 *
 * Writes the changes not yet in the journal now (the store does it by
 * itself within a second): before the window closes.
 */
gboolean
cs_annotation_session_flush (CsAnnotationSession *self,
                             GError             **error)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_SESSION (self), FALSE);

  return self->store == NULL || cs_annotation_store_flush (self->store->store, error);
}

/**
 * cs_annotation_session_close:
 *
 * Stops hashing, writes and compacts the store and stops following the
 * list, which stays readable. Safe to call more than once.
 */
gboolean
cs_annotation_session_close (CsAnnotationSession *self,
                             GError             **error)
{
  SharedStore *store;

  g_return_val_if_fail (CS_IS_ANNOTATION_SESSION (self), FALSE);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->store_check, g_source_remove);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);

  store = g_steal_pointer (&self->store);

  return store == NULL || shared_store_release (store, error);
}
