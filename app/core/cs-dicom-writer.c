/* cs-dicom-writer.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-dicom-writer"

#include "config.h"

#include "cs-dicom-writer.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

/* Data sets, their explicit VR little endian encoding and the Part 10
 * wrapping (PS3.5 §7, PS3.10 §7); the Encapsulated PDF IOD is in
 * cs-dicom-pdf.c. */

G_DEFINE_QUARK (cs-dicom-writer-error-quark, cs_dicom_writer_error)

#define IMPLEMENTATION_CLASS_UID "2.25.163118826469232567155547069632312297517"
#define IMPLEMENTATION_VERSION   "CONSILIUM_0_1"
#define MAX_VALUE_LENGTH         G_GUINT64_CONSTANT (0xfffffffe)

typedef struct
{
  guint32     tag;
  char        vr[3];
  GBytes     *value;  /* even length; for SQ, NULL */
  GPtrArray  *items;  /* SQ: (element-type CsDicomDataset) */
} Element;

struct _CsDicomDataset
{
  GPtrArray *elements;
};

static void
element_free (gpointer data)
{
  Element *element = data;

  g_clear_pointer (&element->value, g_bytes_unref);
  g_clear_pointer (&element->items, g_ptr_array_unref);
  g_free (element);
}

CsDicomDataset *
cs_dicom_dataset_new (void)
{
  CsDicomDataset *dataset = g_new0 (CsDicomDataset, 1);

  dataset->elements = g_ptr_array_new_with_free_func (element_free);
  return dataset;
}

void
cs_dicom_dataset_free (CsDicomDataset *dataset)
{
  if (dataset == NULL)
    return;
  g_ptr_array_unref (dataset->elements);
  g_free (dataset);
}

static void
dataset_free_func (gpointer data)
{
  cs_dicom_dataset_free (data);
}

static void
add_element (CsDicomDataset *dataset,
             guint32         tag,
             const char     *vr,
             GBytes         *value,
             GPtrArray      *items)
{
  Element *element = g_new0 (Element, 1);

  /* A later value replaces an earlier one. */
  for (guint i = 0; i < dataset->elements->len; i++)
    if (((Element *) dataset->elements->pdata[i])->tag == tag)
      {
        g_ptr_array_remove_index (dataset->elements, i);
        break;
      }
  element->tag = tag;
  memcpy (element->vr, vr, 2);
  element->value = value;
  element->items = items;
  g_ptr_array_add (dataset->elements, element);
}

gboolean
cs_dicom_dataset_has (CsDicomDataset *dataset,
                      guint32         tag)
{
  for (guint i = 0; i < dataset->elements->len; i++)
    if (((Element *) dataset->elements->pdata[i])->tag == tag)
      return TRUE;
  return FALSE;
}

/* Maximum length in characters (0: only the 32-bit length limits) and
 * whether the VR takes control characters (text) and several values. */
typedef struct
{
  const char *vr;
  guint       max_chars;
  gboolean    text;
  const char *charset;  /* the allowed characters, or NULL for any */
} VrRule;

static const VrRule vr_rules[] = {
  { "AE", 16, FALSE, NULL },
  { "AS", 4, FALSE, "0123456789DWMY" },
  { "CS", 16, FALSE, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _\\" },
  { "DA", 8, FALSE, "0123456789" },
  { "DS", 16, FALSE, "0123456789+-.eE \\" },
  { "DT", 26, FALSE, "0123456789+-." },
  { "IS", 12, FALSE, "0123456789+- \\" },
  { "LO", 64, FALSE, NULL },
  { "LT", 10240, TRUE, NULL },
  { "PN", 64 * 3 + 2, FALSE, NULL },
  { "SH", 16, FALSE, NULL },
  { "ST", 1024, TRUE, NULL },
  { "TM", 16, FALSE, "0123456789." },
  { "UC", 0, FALSE, NULL },
  { "UI", 64, FALSE, "0123456789." },
  { "UR", 0, FALSE, NULL },
  { "UT", 0, TRUE, NULL },
};

static const VrRule *
find_rule (const char *vr)
{
  for (guint i = 0; i < G_N_ELEMENTS (vr_rules); i++)
    if (strncmp (vr_rules[i].vr, vr, 2) == 0)
      return &vr_rules[i];
  return NULL;
}

static gboolean
check_characters (const VrRule *rule,
                  const char   *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (rule->charset != NULL && strchr (rule->charset, c) == NULL)
        return FALSE;
      if (c < 0x20 && c != 0x1b && !(rule->text && strchr ("\t\n\f\r", c) != NULL))
        return FALSE;
    }
  return TRUE;
}

static gboolean
value_error (GError     **error,
             const char  *name,
             const char  *vr,
             const char  *reason)
{
  g_set_error (error, CS_DICOM_WRITER_ERROR, CS_DICOM_WRITER_ERROR_VALUE,
               _("Cannot write the DICOM attribute %s (%s): %s"), name, vr, reason);
  return FALSE;
}

gboolean
cs_dicom_dataset_add_string (CsDicomDataset *dataset,
                             guint32         tag,
                             const char     *vr,
                             const char     *name,
                             const char     *value,
                             GError        **error)
{
  const VrRule *rule = find_rule (vr);
  GString *padded;

  g_return_val_if_fail (rule != NULL, FALSE);

  if (value == NULL)
    value = "";
  if (!g_utf8_validate (value, -1, NULL))
    return value_error (error, name, vr, _("the value is not valid UTF-8"));
  if (rule->max_chars > 0 && g_utf8_strlen (value, -1) > rule->max_chars)
    {
      g_autofree char *reason = g_strdup_printf (_("the value is longer than %u characters"),
                                                 rule->max_chars);
      return value_error (error, name, vr, reason);
    }
  if (!check_characters (rule, value))
    return value_error (error, name, vr, _("the value holds characters its type does not allow"));
  if (strlen (value) >= MAX_VALUE_LENGTH)
    return value_error (error, name, vr, _("the value is too long"));

  padded = g_string_new (value);
  if (padded->len % 2 != 0)
    g_string_append_c (padded, strcmp (vr, "UI") == 0 ? '\0' : ' ');
  add_element (dataset, tag, vr, g_string_free_to_bytes (padded), NULL);
  return TRUE;
}

void
cs_dicom_dataset_add_us (CsDicomDataset *dataset,
                         guint32         tag,
                         guint16         value)
{
  guint8 bytes[2] = { value & 0xff, value >> 8 };

  add_element (dataset, tag, "US", g_bytes_new (bytes, 2), NULL);
}

void
cs_dicom_dataset_add_ul (CsDicomDataset *dataset,
                         guint32         tag,
                         guint32         value)
{
  guint8 bytes[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  add_element (dataset, tag, "UL", g_bytes_new (bytes, 4), NULL);
}

gboolean
cs_dicom_dataset_add_bytes (CsDicomDataset *dataset,
                            guint32         tag,
                            GBytes         *value,
                            GError        **error)
{
  gsize size = g_bytes_get_size (value);
  g_autoptr(GByteArray) padded = NULL;

  if (size >= MAX_VALUE_LENGTH)
    {
      g_set_error (error, CS_DICOM_WRITER_ERROR, CS_DICOM_WRITER_ERROR_TOO_LARGE,
                   _("Cannot write %" PRIu64 " bytes into one DICOM attribute: "
                     "the limit is 4 GiB"),
                   (guint64) size);
      return FALSE;
    }
  if (size % 2 == 0)
    {
      add_element (dataset, tag, "OB", g_bytes_ref (value), NULL);
      return TRUE;
    }
  padded = g_byte_array_sized_new (size + 1);
  g_byte_array_append (padded, g_bytes_get_data (value, NULL), size);
  g_byte_array_append (padded, (const guint8 *) "", 1);
  add_element (dataset, tag, "OB", g_byte_array_free_to_bytes (g_steal_pointer (&padded)), NULL);
  return TRUE;
}

void
cs_dicom_dataset_add_sequence (CsDicomDataset *dataset,
                               guint32         tag,
                               GPtrArray      *items)
{
  g_ptr_array_set_free_func (items, dataset_free_func);
  add_element (dataset, tag, "SQ", NULL, items);
}

/* Encoding */

void
cs_dicom_append_u16 (GByteArray *out,
                     guint16     value)
{
  guint8 bytes[2] = { value & 0xff, value >> 8 };

  g_byte_array_append (out, bytes, 2);
}

void
cs_dicom_append_u32 (GByteArray *out,
                     guint32     value)
{
  cs_dicom_append_u16 (out, value & 0xffff);
  cs_dicom_append_u16 (out, value >> 16);
}

static void
put_tag (GByteArray *out,
         guint32     tag)
{
  cs_dicom_append_u16 (out, tag >> 16);
  cs_dicom_append_u16 (out, tag & 0xffff);
}

static gboolean
vr_has_long_length (const char *vr)
{
  static const char *const long_vrs[] = { "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV",
                                          "UC", "UN", "UR", "UT", "UV" };

  for (guint i = 0; i < G_N_ELEMENTS (long_vrs); i++)
    if (strncmp (vr, long_vrs[i], 2) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
put_header (GByteArray *out,
            guint32     tag,
            const char *vr,
            gsize       length,
            GError    **error)
{
  gboolean long_form = vr_has_long_length (vr);

  if (length >= (long_form ? MAX_VALUE_LENGTH : G_MAXUINT16))
    {
      g_set_error (error, CS_DICOM_WRITER_ERROR, CS_DICOM_WRITER_ERROR_TOO_LARGE,
                   _("The DICOM attribute (%04X,%04X) is too long to write"),
                   tag >> 16, tag & 0xffff);
      return FALSE;
    }
  put_tag (out, tag);
  g_byte_array_append (out, (const guint8 *) vr, 2);
  if (long_form)
    {
      cs_dicom_append_u16 (out, 0);
      cs_dicom_append_u32 (out, (guint32) length);
    }
  else
    cs_dicom_append_u16 (out, (guint16) length);
  return TRUE;
}

static gint
compare_elements (gconstpointer a,
                  gconstpointer b)
{
  guint32 tag_a = (*(Element *const *) a)->tag;
  guint32 tag_b = (*(Element *const *) b)->tag;

  return tag_a < tag_b ? -1 : tag_a > tag_b;
}

static gboolean encode_into (CsDicomDataset  *dataset,
                             GByteArray      *out,
                             GError         **error);

static gboolean
encode_sequence (Element     *element,
                 GByteArray  *out,
                 GError     **error)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();

  for (guint i = 0; i < element->items->len; i++)
    {
      g_autoptr(GByteArray) item = g_byte_array_new ();

      if (!encode_into (element->items->pdata[i], item, error))
        return FALSE;
      put_tag (body, CS_DICOM_TAG (0xfffe, 0xe000));
      cs_dicom_append_u32 (body, item->len);
      g_byte_array_append (body, item->data, item->len);
    }
  if (!put_header (out, element->tag, "SQ", body->len, error))
    return FALSE;
  g_byte_array_append (out, body->data, body->len);
  return TRUE;
}

static gboolean
encode_into (CsDicomDataset  *dataset,
             GByteArray      *out,
             GError         **error)
{
  g_ptr_array_sort (dataset->elements, compare_elements);
  for (guint i = 0; i < dataset->elements->len; i++)
    {
      Element *element = dataset->elements->pdata[i];
      gsize size;
      gconstpointer data;

      if (element->items != NULL)
        {
          if (!encode_sequence (element, out, error))
            return FALSE;
          continue;
        }
      data = g_bytes_get_data (element->value, &size);
      if (!put_header (out, element->tag, element->vr, size, error))
        return FALSE;
      g_byte_array_append (out, data, size);
    }
  return TRUE;
}

GBytes *
cs_dicom_dataset_encode (CsDicomDataset *dataset,
                         GError        **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();

  if (!encode_into (dataset, out, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static CsDicomDataset *
make_file_meta (const char  *sop_class,
                const char  *sop_instance,
                GError     **error)
{
  g_autoptr(CsDicomDataset) meta = cs_dicom_dataset_new ();
  static const guint8 version[2] = { 0x00, 0x01 };
  g_autoptr(GBytes) version_bytes = g_bytes_new_static (version, 2);

  if (!cs_dicom_dataset_add_bytes (meta, CS_DICOM_TAG (0x0002, 0x0001), version_bytes, error) ||
      !cs_dicom_dataset_add_string (meta, CS_DICOM_TAG (0x0002, 0x0002), "UI",
                                    "MediaStorageSOPClassUID", sop_class, error) ||
      !cs_dicom_dataset_add_string (meta, CS_DICOM_TAG (0x0002, 0x0003), "UI",
                                    "MediaStorageSOPInstanceUID", sop_instance, error) ||
      !cs_dicom_dataset_add_string (meta, CS_DICOM_TAG (0x0002, 0x0010), "UI",
                                    "TransferSyntaxUID", CS_DICOM_EXPLICIT_VR_LE, error) ||
      !cs_dicom_dataset_add_string (meta, CS_DICOM_TAG (0x0002, 0x0012), "UI",
                                    "ImplementationClassUID", IMPLEMENTATION_CLASS_UID, error) ||
      !cs_dicom_dataset_add_string (meta, CS_DICOM_TAG (0x0002, 0x0013), "SH",
                                    "ImplementationVersionName", IMPLEMENTATION_VERSION, error))
    return NULL;
  return g_steal_pointer (&meta);
}

/**
 * cs_dicom_write_part10:
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set
 */
GBytes *
cs_dicom_write_part10 (CsDicomDataset *dataset,
                       const char     *sop_class,
                       const char     *sop_instance,
                       GError        **error)
{
  g_autoptr(CsDicomDataset) meta = NULL;
  g_autoptr(GBytes) meta_bytes = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  static const guint8 preamble[128] = { 0 };

  if (sop_class == NULL || *sop_class == '\0' || sop_instance == NULL || *sop_instance == '\0')
    {
      g_set_error_literal (error, CS_DICOM_WRITER_ERROR, CS_DICOM_WRITER_ERROR_MISSING,
                           _("Cannot write a DICOM file without its SOP class and instance UIDs"));
      return NULL;
    }
  meta = make_file_meta (sop_class, sop_instance, error);
  if (meta == NULL)
    return NULL;
  meta_bytes = cs_dicom_dataset_encode (meta, error);
  body = meta_bytes != NULL ? cs_dicom_dataset_encode (dataset, error) : NULL;
  if (body == NULL)
    return NULL;

  g_byte_array_append (out, preamble, sizeof preamble);
  g_byte_array_append (out, (const guint8 *) "DICM", 4);
  put_header (out, CS_DICOM_TAG (0x0002, 0x0000), "UL", 4, NULL);
  cs_dicom_append_u32 (out, (guint32) g_bytes_get_size (meta_bytes));
  g_byte_array_append (out, g_bytes_get_data (meta_bytes, NULL), g_bytes_get_size (meta_bytes));
  g_byte_array_append (out, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
