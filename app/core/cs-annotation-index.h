/* cs-annotation-index.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation.h"

G_BEGIN_DECLS

typedef struct _CsAnnotationIndex CsAnnotationIndex;

CsAnnotationIndex *cs_annotation_index_new    (void);
void               cs_annotation_index_free   (CsAnnotationIndex *self);
/* @order sorts query results: the list's drawing order. */
void               cs_annotation_index_insert (CsAnnotationIndex *self,
                                               CsAnnotation      *annotation,
                                               guint64            order);
guint64            cs_annotation_index_remove (CsAnnotationIndex *self,
                                               CsAnnotation      *annotation);
void               cs_annotation_index_clear  (CsAnnotationIndex *self);
gboolean           cs_annotation_index_get_order (CsAnnotationIndex *self,
                                                  CsAnnotation      *annotation,
                                                  guint64           *order);
gboolean           cs_annotation_index_get_bounds (CsAnnotationIndex *self,
                                                   CsAnnotation      *annotation,
                                                   CsRect            *bounds);
/* Annotations whose bounds meet @rect, sorted by order; borrowed. */
GPtrArray         *cs_annotation_index_query  (CsAnnotationIndex *self,
                                               const CsRect      *rect);

/* Annotations whose bounds meet @rect, a point set counting its points;
 * counting stops past @limit. */
guint64            cs_annotation_index_count  (CsAnnotationIndex *self,
                                               const CsRect      *rect,
                                               guint64            limit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsAnnotationIndex, cs_annotation_index_free)

G_END_DECLS
