/* cs-annotation-list.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-case-teaching.h"
#include "cs-annotation-index.h"
#include "cs-annotation-list.h"
#include "cs-annotation-render-private.h"

/* Items are kept sorted by an order key handed out in increasing order; an
 * annotation keeps its key while it is listed, and gets it back when an undo
 * lists it again, so undo restores positions without shifting anything.
 *
 * A step is a list of operations (before, after): add (NULL, a), remove
 * (a, NULL), update (old, new). Undo applies the inverse in reverse order.
 * History beyond MAX_HISTORY_BYTES drops the oldest steps. */

#define MAX_HISTORY_BYTES (256 * 1024 * 1024)

typedef struct
{
  CsAnnotation *annotation;
  guint64       order;
} Item;

typedef struct
{
  CsAnnotation *before;
  CsAnnotation *after;
  guint64       order;
  gboolean      restored;  /* an add that took it from the trash */
  gboolean      discarded; /* a removal that never goes to the trash */
} Op;

typedef struct
{
  char   *label;
  GArray *ops;  /* Op */
  gsize   size;
} Step;

struct _CsAnnotationList
{
  GObject            parent_instance;

  GArray            *items;     /* Item, sorted by order */
  GHashTable        *by_id;     /* id (borrowed) -> CsAnnotation* (borrowed) */
  CsAnnotationIndex *index;
  GListStore        *trash;
  guint64            next_order;
  guint64            generation;

  GQueue             undo;      /* Step*, newest first */
  GQueue             redo;      /* Step*, next first */
  gsize              history_size;
  Step              *open;      /* between begin and commit */
  guint              open_depth;
  GPtrArray         *changed;   /* ids (owned) of the step being made */
  GPtrArray         *batch_removed; /* non-NULL inside a batch */
  CsClassTable      *classes;
  gboolean           hide_teaching_answers;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsAnnotationList, cs_annotation_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  SIGNAL_CHANGED,
  SIGNAL_UNDO_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
get_item_type (GListModel *model)
{
  return CS_TYPE_ANNOTATION;
}

static guint
get_n_items (GListModel *model)
{
  return CS_ANNOTATION_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  CsAnnotationList *self = CS_ANNOTATION_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_array_index (self->items, Item, position).annotation);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
step_free (gpointer data)
{
  Step *step = data;

  for (guint i = 0; i < step->ops->len; i++)
    {
      Op *op = &g_array_index (step->ops, Op, i);

      g_clear_object (&op->before);
      g_clear_object (&op->after);
    }
  g_array_unref (step->ops);
  g_free (step->label);
  g_free (step);
}

static void
cs_annotation_list_finalize (GObject *object)
{
  CsAnnotationList *self = (CsAnnotationList *) object;

  g_queue_clear_full (&self->undo, step_free);
  g_queue_clear_full (&self->redo, step_free);
  g_clear_pointer (&self->open, step_free);
  for (guint i = 0; i < self->items->len; i++)
    g_object_unref (g_array_index (self->items, Item, i).annotation);
  g_array_unref (self->items);
  g_hash_table_unref (self->by_id);
  cs_annotation_index_free (self->index);
  g_object_unref (self->trash);
  g_ptr_array_unref (self->changed);
  g_clear_object (&self->classes);

  G_OBJECT_CLASS (cs_annotation_list_parent_class)->finalize (object);
}

static void
cs_annotation_list_class_init (CsAnnotationListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cs_annotation_list_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_PTR_ARRAY, G_TYPE_BOOLEAN);
  signals[SIGNAL_UNDO_CHANGED] =
    g_signal_new ("undo-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cs_annotation_list_init (CsAnnotationList *self)
{
  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->index = cs_annotation_index_new ();
  self->trash = g_list_store_new (CS_TYPE_ANNOTATION);
  self->changed = g_ptr_array_new_with_free_func (g_free);
}

CsAnnotationList *
cs_annotation_list_new (void)
{
  return g_object_new (CS_TYPE_ANNOTATION_LIST, NULL);
}

/* First position whose order is >= @order. */
static guint
lower_bound (CsAnnotationList *self,
             guint64           order)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->items, Item, mid).order < order)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

CsAnnotation *
cs_annotation_list_lookup (CsAnnotationList *self,
                           const char       *id)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

static gboolean
position_of (CsAnnotationList *self,
             CsAnnotation     *annotation,
             guint            *position,
             guint64          *order)
{
  CsAnnotation *listed = cs_annotation_list_lookup (self, cs_annotation_get_id (annotation));

  if (listed == NULL || !cs_annotation_index_get_order (self->index, listed, order))
    return FALSE;
  *position = lower_bound (self, *order);
  g_assert (g_array_index (self->items, Item, *position).annotation == listed);
  return TRUE;
}

guint
cs_annotation_list_find (CsAnnotationList *self,
                         CsAnnotation     *annotation)
{
  guint position;
  guint64 order;

  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (self), G_MAXUINT);
  g_return_val_if_fail (CS_IS_ANNOTATION (annotation), G_MAXUINT);

  return position_of (self, annotation, &position, &order) ? position : G_MAXUINT;
}

static void
note_changed (CsAnnotationList *self,
              CsAnnotation     *annotation)
{
  g_ptr_array_add (self->changed, g_strdup (cs_annotation_get_id (annotation)));
}

static gboolean
same_id (gconstpointer a,
         gconstpointer b)
{
  return g_strcmp0 (cs_annotation_get_id ((CsAnnotation *) a),
                    cs_annotation_get_id ((CsAnnotation *) b)) == 0;
}

static void
trash_forget (CsAnnotationList *self,
              CsAnnotation     *annotation)
{
  guint position;

  if (g_list_store_find_with_equal_func (self->trash, annotation, same_id, &position))
    g_list_store_remove (self->trash, position);
}

/* The three primitives change the id table, the index and the trash, and
 * note the id for "changed". Outside a batch they also keep the items in
 * order and emit items-changed; a batch rebuilds the items once at its end
 * (batch_end), so that steps of 100,000 changes stay linear. */
static void
apply_insert (CsAnnotationList *self,
              CsAnnotation     *annotation,
              guint64           order)
{
  cs_annotation_freeze (annotation);
  g_hash_table_replace (self->by_id, (gpointer) cs_annotation_get_id (annotation),
                       g_object_ref (annotation));
  cs_annotation_index_insert (self->index, annotation, order);
  note_changed (self, annotation);
  self->generation++;
  if (self->batch_removed != NULL)
    return;

  trash_forget (self, annotation);
  {
    Item item = { g_object_ref (annotation), order };
    guint position = lower_bound (self, order);

    g_array_insert_val (self->items, position, item);
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  }
}

static void
apply_remove (CsAnnotationList *self,
              CsAnnotation     *annotation,
              gboolean          to_trash)
{
  g_autoptr(CsAnnotation) listed = NULL;
  guint position;
  guint64 order;

  if (!position_of (self, annotation, &position, &order))
    g_return_if_reached ();
  listed = g_object_ref (cs_annotation_list_lookup (self, cs_annotation_get_id (annotation)));
  cs_annotation_index_remove (self->index, listed);
  g_hash_table_remove (self->by_id, cs_annotation_get_id (listed));
  note_changed (self, listed);
  self->generation++;
  if (self->batch_removed != NULL)
    {
      if (to_trash && !cs_annotation_get_temporary (listed))
        g_ptr_array_add (self->batch_removed, g_object_ref (listed));
      return;
    }

  g_array_remove_index (self->items, position);
  g_object_unref (listed);
  if (to_trash && !cs_annotation_get_temporary (listed))
    g_list_store_insert (self->trash, 0, listed);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static void
apply_replace (CsAnnotationList *self,
               CsAnnotation     *old,
               CsAnnotation     *new)
{
  guint position;
  guint64 order;
  CsAnnotation *listed;

  if (!position_of (self, old, &position, &order))
    g_return_if_reached ();
  listed = cs_annotation_list_lookup (self, cs_annotation_get_id (old));
  cs_annotation_index_remove (self->index, listed);
  cs_annotation_freeze (new);
  g_hash_table_replace (self->by_id, (gpointer) cs_annotation_get_id (new), g_object_ref (new));
  cs_annotation_index_insert (self->index, new, order);
  note_changed (self, new);
  self->generation++;
  if (self->batch_removed != NULL)
    return;

  g_object_unref (g_array_index (self->items, Item, position).annotation);
  g_array_index (self->items, Item, position).annotation = g_object_ref (new);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

static void
batch_begin (CsAnnotationList *self)
{
  g_assert (self->batch_removed == NULL);
  self->batch_removed = g_ptr_array_new_with_free_func (g_object_unref);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *ia = a, *ib = b;

  return ia->order < ib->order ? -1 : ia->order > ib->order;
}

/* Rebuild the items from the id table, in order; move the removed ones to
 * the trash and drop re-listed ones from it; one items-changed for all. */
static void
batch_end (CsAnnotationList *self)
{
  g_autoptr(GPtrArray) removed = g_steal_pointer (&self->batch_removed);
  guint old_n = self->items->len;
  GHashTableIter iter;
  gpointer value;
  guint n_trash;

  for (guint i = 0; i < self->items->len; i++)
    g_object_unref (g_array_index (self->items, Item, i).annotation);
  g_array_set_size (self->items, 0);
  g_hash_table_iter_init (&iter, self->by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Item item = { g_object_ref (value), 0 };

      cs_annotation_index_get_order (self->index, value, &item.order);
      g_array_append_val (self->items, item);
    }
  g_array_sort (self->items, compare_items);

  n_trash = g_list_model_get_n_items (G_LIST_MODEL (self->trash));
  for (guint i = n_trash; i > 0; i--)
    {
      g_autoptr(CsAnnotation) old = g_list_model_get_item (G_LIST_MODEL (self->trash), i - 1);

      if (g_hash_table_contains (self->by_id, cs_annotation_get_id (old)))
        g_list_store_remove (self->trash, i - 1);
    }
  for (guint i = 0; i < removed->len / 2; i++)
    {
      gpointer tmp = removed->pdata[i];

      removed->pdata[i] = removed->pdata[removed->len - 1 - i];
      removed->pdata[removed->len - 1 - i] = tmp;
    }
  g_list_store_splice (self->trash, 0, 0, removed->pdata, removed->len);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->items->len);
}

static gsize
annotation_size (CsAnnotation *annotation)
{
  if (annotation == NULL)
    return 0;
  return 256 + cs_geometry_get_n_points (cs_annotation_get_geometry (annotation)) * sizeof (CsPoint);
}

static void
flush_changed (CsAnnotationList *self,
               gboolean          loaded)
{
  g_autoptr(GPtrArray) changed = self->changed;

  self->changed = g_ptr_array_new_with_free_func (g_free);
  if (changed->len > 0 || loaded)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, changed, loaded);
}

static void
trim_history (CsAnnotationList *self)
{
  while (self->history_size > MAX_HISTORY_BYTES && self->undo.length > 1)
    {
      Step *oldest = g_queue_pop_tail (&self->undo);

      self->history_size -= oldest->size;
      step_free (oldest);
    }
}

static void
clear_redo (CsAnnotationList *self)
{
  Step *step;

  while ((step = g_queue_pop_head (&self->redo)) != NULL)
    {
      self->history_size -= step->size;
      step_free (step);
    }
}

void
cs_annotation_list_begin (CsAnnotationList *self,
                          const char       *label)
{
  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));

  if (self->open_depth++ > 0)
    return;
  self->open = g_new0 (Step, 1);
  self->open->label = g_strdup (label);
  self->open->ops = g_array_new (FALSE, FALSE, sizeof (Op));
}

/* A drag updates the same annotation at every motion; keep one operation
 * per annotation instead, from its state before the step to its state after
 * (an add followed by updates stays an add of the final state). */
static void
coalesce (Step *step)
{
  g_autoptr(GHashTable) last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *kept = g_array_sized_new (FALSE, FALSE, sizeof (Op), step->ops->len);

  for (guint i = 0; i < step->ops->len; i++)
    {
      Op *op = &g_array_index (step->ops, Op, i);
      CsAnnotation *any = op->after != NULL ? op->after : op->before;
      const char *id = cs_annotation_get_id (any);
      gpointer found;

      if (op->before != NULL && op->after != NULL &&
          g_hash_table_lookup_extended (last, id, NULL, &found))
        {
          Op *prev = &g_array_index (kept, Op, GPOINTER_TO_UINT (found));

          if (prev->after == op->before)
            {
              g_object_unref (prev->after);
              prev->after = g_steal_pointer (&op->after);
              g_clear_object (&op->before);
              continue;
            }
        }
      g_array_append_val (kept, *op);
      g_hash_table_insert (last, g_strdup (id), GUINT_TO_POINTER (kept->len - 1));
    }
  g_array_unref (step->ops);
  step->ops = kept;

  step->size = 0;
  for (guint i = 0; i < kept->len; i++)
    {
      Op *op = &g_array_index (kept, Op, i);

      step->size += sizeof *op + annotation_size (op->after);
      if (op->before != NULL && (op->after == NULL ||
                                 cs_annotation_get_geometry (op->after) != cs_annotation_get_geometry (op->before)))
        step->size += annotation_size (op->before);
    }
}

void
cs_annotation_list_commit (CsAnnotationList *self)
{
  Step *step;

  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));
  g_return_if_fail (self->open_depth > 0);

  if (--self->open_depth > 0)
    return;
  step = g_steal_pointer (&self->open);
  coalesce (step);
  if (step->ops->len == 0)
    {
      step_free (step);
      return;
    }
  clear_redo (self);
  g_queue_push_head (&self->undo, step);
  self->history_size += step->size;
  trim_history (self);
  flush_changed (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_UNDO_CHANGED], 0);
}

static void apply_op (CsAnnotationList *self,
                      const Op         *op,
                      gboolean          forward);

/* Ends the step begun by reverting its changes: nothing enters the history
 * (a drag cancelled with Escape). Only for an outermost step. */
void
cs_annotation_list_rollback (CsAnnotationList *self)
{
  Step *step;

  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));
  g_return_if_fail (self->open_depth == 1);

  self->open_depth = 0;
  step = g_steal_pointer (&self->open);
  for (guint i = step->ops->len; i > 0; i--)
    apply_op (self, &g_array_index (step->ops, Op, i - 1), FALSE);
  step_free (step);
  flush_changed (self, FALSE);
}

static void
record (CsAnnotationList *self,
        CsAnnotation     *before,
        CsAnnotation     *after,
        guint64           order)
{
  Op op = { before ? g_object_ref (before) : NULL, after ? g_object_ref (after) : NULL, order, FALSE, FALSE };

  g_array_append_val (self->open->ops, op);
}

void
cs_annotation_list_add (CsAnnotationList *self,
                        CsAnnotation     *annotation)
{
  guint64 order;

  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));
  g_return_if_fail (CS_IS_ANNOTATION (annotation));

  if (cs_annotation_list_lookup (self, cs_annotation_get_id (annotation)) != NULL)
    {
      g_critical ("Annotation %s is listed already", cs_annotation_get_id (annotation));
      return;
    }
  cs_annotation_list_begin (self, _("Add Annotation"));
  order = self->next_order++;
  apply_insert (self, annotation, order);
  record (self, NULL, annotation, order);
  cs_annotation_list_commit (self);
}

void
cs_annotation_list_remove (CsAnnotationList *self,
                           CsAnnotation     *annotation)
{
  guint position;
  guint64 order;
  CsAnnotation *listed;

  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));
  g_return_if_fail (CS_IS_ANNOTATION (annotation));

  if (!position_of (self, annotation, &position, &order))
    return;
  listed = g_object_ref (g_array_index (self->items, Item, position).annotation);
  cs_annotation_list_begin (self, _("Delete Annotation"));
  record (self, listed, NULL, order);
  apply_remove (self, listed, TRUE);
  cs_annotation_list_commit (self);
  g_object_unref (listed);
}

void
cs_annotation_list_discard (CsAnnotationList *self,
                            CsAnnotation     *annotation)
{
  guint position;
  guint64 order;
  g_autoptr(CsAnnotation) listed = NULL;

  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));
  g_return_if_fail (CS_IS_ANNOTATION (annotation));

  if (!position_of (self, annotation, &position, &order))
    return;
  listed = g_object_ref (g_array_index (self->items, Item, position).annotation);
  cs_annotation_list_begin (self, _("Delete Annotation"));
  record (self, listed, NULL, order);
  g_array_index (self->open->ops, Op, self->open->ops->len - 1).discarded = TRUE;
  apply_remove (self, listed, FALSE);
  cs_annotation_list_commit (self);
}

guint
cs_annotation_list_count_class (CsAnnotationList *self,
                                const char       *class_name)
{
  guint count = 0;

  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      CsAnnotation *annotation = g_array_index (self->items, Item, i).annotation;

      if (!cs_annotation_get_temporary (annotation) &&
          g_strcmp0 (cs_annotation_get_class_name (annotation), class_name) == 0)
        count++;
    }
  return count;
}

guint
cs_annotation_list_relabel_class (CsAnnotationList *self,
                                  const char       *old_name,
                                  const char       *new_name,
                                  const char       *label)
{
  g_autoptr(GPtrArray) matching = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (self), 0);
  g_return_val_if_fail (old_name != NULL, 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      CsAnnotation *annotation = g_array_index (self->items, Item, i).annotation;

      if (g_strcmp0 (cs_annotation_get_class_name (annotation), old_name) == 0)
        g_ptr_array_add (matching, g_object_ref (annotation));
    }
  if (matching->len == 0)
    return 0;
  cs_annotation_list_begin (self, label);
  for (guint i = 0; i < matching->len; i++)
    {
      g_autoptr(CsAnnotation) edited = cs_annotation_copy (matching->pdata[i]);

      cs_annotation_set_class_name (edited, new_name);
      cs_annotation_list_update (self, edited);
    }
  cs_annotation_list_commit (self);
  return matching->len;
}

void
cs_annotation_list_update (CsAnnotationList *self,
                           CsAnnotation     *edited)
{
  guint position;
  guint64 order;
  CsAnnotation *listed;

  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));
  g_return_if_fail (CS_IS_ANNOTATION (edited));

  if (!position_of (self, edited, &position, &order))
    {
      g_critical ("Annotation %s is not listed", cs_annotation_get_id (edited));
      return;
    }
  listed = g_object_ref (g_array_index (self->items, Item, position).annotation);
  if (listed == edited || cs_annotation_equal (listed, edited))
    {
      g_object_unref (listed);
      return;
    }
  if (!cs_annotation_is_frozen (edited) &&
      cs_annotation_get_modified (edited) == cs_annotation_get_modified (listed))
    cs_annotation_touch (edited);
  cs_annotation_list_begin (self, _("Edit Annotation"));
  record (self, listed, edited, order);
  apply_replace (self, listed, edited);
  cs_annotation_list_commit (self);
  g_object_unref (listed);
}

#define BATCH_THRESHOLD 32

void
cs_annotation_list_add_many (CsAnnotationList *self,
                             GPtrArray        *annotations,
                             const char       *label)
{
  gboolean batch;

  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));

  batch = annotations->len > BATCH_THRESHOLD && self->batch_removed == NULL;
  cs_annotation_list_begin (self, label);
  if (batch)
    batch_begin (self);
  for (guint i = 0; i < annotations->len; i++)
    {
      CsAnnotation *annotation = annotations->pdata[i];
      guint64 order;

      if (cs_annotation_list_lookup (self, cs_annotation_get_id (annotation)) != NULL)
        {
          g_critical ("Annotation %s is listed already", cs_annotation_get_id (annotation));
          continue;
        }
      order = self->next_order++;
      apply_insert (self, annotation, order);
      record (self, NULL, annotation, order);
    }
  if (batch)
    batch_end (self);
  cs_annotation_list_commit (self);
}

void
cs_annotation_list_remove_many (CsAnnotationList *self,
                                GPtrArray        *annotations,
                                const char       *label)
{
  gboolean batch;

  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));

  batch = annotations->len > BATCH_THRESHOLD && self->batch_removed == NULL;
  cs_annotation_list_begin (self, label);
  if (batch)
    batch_begin (self);
  for (guint i = 0; i < annotations->len; i++)
    {
      g_autoptr(CsAnnotation) listed = NULL;
      guint64 order;
      CsAnnotation *found = cs_annotation_list_lookup (self, cs_annotation_get_id (annotations->pdata[i]));

      if (found == NULL)
        continue;
      listed = g_object_ref (found);
      cs_annotation_index_get_order (self->index, listed, &order);
      record (self, listed, NULL, order);
      apply_remove (self, listed, TRUE);
    }
  if (batch)
    batch_end (self);
  cs_annotation_list_commit (self);
}

/* Undo applies the inverse of each operation, last first; redo applies
 * them again, first first. */
static void
apply_op (CsAnnotationList *self,
          const Op         *op,
          gboolean          forward)
{
  CsAnnotation *from = forward ? op->before : op->after;
  CsAnnotation *to = forward ? op->after : op->before;
  gboolean listed = cs_annotation_list_lookup (self, cs_annotation_get_id (from != NULL ? from : to)) != NULL;

  /* A remote change (apply_remote_*) may have listed or removed it since:
   * skip what no longer applies rather than break the list. */
  if (listed == (from == NULL))
    return;
  if (from == NULL)
    apply_insert (self, to, op->order);
  else if (to == NULL)
    /* A redone delete, or an undone restore: not an undone addition. */
    apply_remove (self, from, (forward && !op->discarded) || op->restored);
  else
    apply_replace (self, from, to);
}

static gboolean
replay (CsAnnotationList *self,
        GQueue           *from,
        GQueue           *to,
        gboolean          forward)
{
  Step *step;
  gboolean batch;

  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (self), FALSE);

  /* Not in the middle of a gesture's step (Ctrl+Z while dragging). */
  if (self->open != NULL)
    return FALSE;
  step = g_queue_pop_head (from);
  if (step == NULL)
    return FALSE;
  batch = step->ops->len > BATCH_THRESHOLD;
  if (batch)
    batch_begin (self);
  for (guint i = 0; i < step->ops->len; i++)
    {
      guint k = forward ? i : step->ops->len - 1 - i;

      apply_op (self, &g_array_index (step->ops, Op, k), forward);
    }
  if (batch)
    batch_end (self);
  g_queue_push_head (to, step);
  flush_changed (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_UNDO_CHANGED], 0);
  return TRUE;
}

gboolean
cs_annotation_list_undo (CsAnnotationList *self)
{
  return replay (self, &self->undo, &self->redo, FALSE);
}

gboolean
cs_annotation_list_redo (CsAnnotationList *self)
{
  return replay (self, &self->redo, &self->undo, TRUE);
}

gboolean
cs_annotation_list_can_undo (CsAnnotationList *self)
{
  return self->undo.length > 0;
}

gboolean
cs_annotation_list_can_redo (CsAnnotationList *self)
{
  return self->redo.length > 0;
}

const char *
cs_annotation_list_get_undo_label (CsAnnotationList *self)
{
  Step *step = g_queue_peek_head (&self->undo);

  return step != NULL ? step->label : NULL;
}

const char *
cs_annotation_list_get_redo_label (CsAnnotationList *self)
{
  Step *step = g_queue_peek_head (&self->redo);

  return step != NULL ? step->label : NULL;
}

gsize
cs_annotation_list_get_history_size (CsAnnotationList *self)
{
  return self->history_size;
}

void
cs_annotation_list_load (CsAnnotationList *self,
                         GPtrArray        *annotations)
{
  guint old_n;

  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));
  g_return_if_fail (self->open == NULL);

  old_n = self->items->len;
  g_queue_clear_full (&self->undo, step_free);
  g_queue_clear_full (&self->redo, step_free);
  self->history_size = 0;
  g_hash_table_remove_all (self->by_id);
  cs_annotation_index_clear (self->index);
  for (guint i = 0; i < self->items->len; i++)
    g_object_unref (g_array_index (self->items, Item, i).annotation);
  g_array_set_size (self->items, 0);
  g_list_store_remove_all (self->trash);

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      CsAnnotation *annotation = annotations->pdata[i];
      Item item = { g_object_ref (annotation), self->next_order++ };

      if (cs_annotation_list_lookup (self, cs_annotation_get_id (annotation)) != NULL)
        {
          g_warning ("Duplicate annotation id %s skipped", cs_annotation_get_id (annotation));
          g_object_unref (annotation);
          continue;
        }
      cs_annotation_freeze (annotation);
      g_hash_table_replace (self->by_id, (gpointer) cs_annotation_get_id (annotation),
                            g_object_ref (annotation));
      cs_annotation_index_insert (self->index, annotation, item.order);
      g_array_append_val (self->items, item);
    }
  self->generation++;
  g_ptr_array_set_size (self->changed, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->items->len);
  flush_changed (self, TRUE);
  g_signal_emit (self, signals[SIGNAL_UNDO_CHANGED], 0);
}

GListModel *
cs_annotation_list_get_trash (CsAnnotationList *self)
{
  return G_LIST_MODEL (self->trash);
}

void
cs_annotation_list_restore (CsAnnotationList *self,
                            CsAnnotation     *removed)
{
  guint64 order;

  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));
  g_return_if_fail (CS_IS_ANNOTATION (removed));

  if (cs_annotation_list_lookup (self, cs_annotation_get_id (removed)) != NULL)
    return;
  cs_annotation_list_begin (self, _("Restore Annotation"));
  order = self->next_order++;
  apply_insert (self, removed, order);
  record (self, NULL, removed, order);
  g_array_index (self->open->ops, Op, self->open->ops->len - 1).restored = TRUE;
  cs_annotation_list_commit (self);
}

GPtrArray *
cs_annotation_list_query (CsAnnotationList *self,
                          const CsRect     *rect)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (self), NULL);

  return cs_annotation_index_query (self->index, rect);
}

void
cs_annotation_list_set_class_table (CsAnnotationList *self,
                                    CsClassTable     *classes)
{
  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));

  g_set_object (&self->classes, classes);
}

CsClassTable *
cs_annotation_list_get_class_table (CsAnnotationList *self)
{
  return self->classes;
}

void
cs_annotation_list_set_hide_teaching_answers (CsAnnotationList *self,
                                              gboolean          hide)
{
  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));

  self->hide_teaching_answers = !!hide;
}

gboolean
cs_annotation_list_get_hide_teaching_answers (CsAnnotationList *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (self), FALSE);

  return self->hide_teaching_answers;
}

gboolean
cs_annotation_list_is_visible (CsAnnotationList *self,
                               CsAnnotation     *annotation)
{
  return !cs_annotation_get_hidden (annotation) &&
         !(self->hide_teaching_answers && cs_annotation_get_teaching_answer (annotation)) &&
         (self->classes == NULL || cs_class_table_is_visible (self->classes, annotation));
}

/* 0 for a hit on an outline, a line or a point; else the area of the
 * bounds, so that smaller regions win. */
static double
pick_rank (CsAnnotationList *self,
           CsAnnotation     *annotation,
           double            x,
           double            y,
           double            tolerance)
{
  CsRect bounds;

  if (!cs_shape_is_area (cs_annotation_get_shape (annotation)) ||
      cs_geometry_distance_to_outline (cs_annotation_get_geometry (annotation), x, y, TRUE) <= tolerance)
    return 0;
  cs_annotation_index_get_bounds (self->index, annotation, &bounds);
  return MAX (bounds.width * bounds.height, G_MINDOUBLE);
}

CsAnnotation *
cs_annotation_list_hit_test (CsAnnotationList *self,
                             double            x,
                             double            y,
                             double            tolerance)
{
  CsRect rect = { x - tolerance, y - tolerance, 2 * tolerance, 2 * tolerance };
  g_autoptr(GPtrArray) found = cs_annotation_list_query (self, &rect);
  CsAnnotation *best = NULL;
  double best_rank = G_MAXDOUBLE;

  for (guint i = found->len; i > 0; i--)
    {
      CsAnnotation *annotation = found->pdata[i - 1];
      double rank;

      if (!cs_annotation_list_is_visible (self, annotation) ||
          !cs_annotation_hit_test (annotation, x, y, tolerance))
        continue;
      rank = pick_rank (self, annotation, x, y, tolerance);
      if (rank < best_rank)
        {
          best = annotation;
          best_rank = rank;
        }
    }
  return best;
}

gboolean
cs_annotation_list_get_bounds (CsAnnotationList *self,
                               CsAnnotation     *annotation,
                               CsRect           *bounds)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (self), FALSE);

  return cs_annotation_index_get_bounds (self->index, annotation, bounds);
}

guint64
cs_annotation_list_get_generation (CsAnnotationList *self)
{
  return self->generation;
}

CsAnnotationIndex *
_cs_annotation_list_get_index (CsAnnotationList *list)
{
  return list->index;
}

/* ---- Remote changes ----------------------------------------------------- */

void
cs_annotation_list_apply_remote_add (CsAnnotationList *self,
                                     CsAnnotation     *annotation)
{
  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));
  g_return_if_fail (CS_IS_ANNOTATION (annotation));

  if (cs_annotation_list_lookup (self, cs_annotation_get_id (annotation)) != NULL)
    {
      g_critical ("Annotation %s is listed already", cs_annotation_get_id (annotation));
      return;
    }
  apply_insert (self, annotation, self->next_order++);
  flush_changed (self, FALSE);
}

void
cs_annotation_list_apply_remote_update (CsAnnotationList *self,
                                        CsAnnotation     *edited)
{
  CsAnnotation *listed;

  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));
  g_return_if_fail (CS_IS_ANNOTATION (edited));

  listed = cs_annotation_list_lookup (self, cs_annotation_get_id (edited));
  if (listed == NULL)
    {
      g_critical ("Annotation %s is not listed", cs_annotation_get_id (edited));
      return;
    }
  if (listed == edited || cs_annotation_equal (listed, edited))
    return;
  apply_replace (self, listed, edited);
  flush_changed (self, FALSE);
}

void
cs_annotation_list_apply_remote_remove (CsAnnotationList *self,
                                        const char       *id)
{
  CsAnnotation *listed;

  g_return_if_fail (CS_IS_ANNOTATION_LIST (self));

  listed = cs_annotation_list_lookup (self, id);
  if (listed == NULL)
    return;
  apply_remove (self, listed, TRUE);
  flush_changed (self, FALSE);
}
