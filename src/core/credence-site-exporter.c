/* credence-site-exporter.c: the portfolio website.
 *
 * A folder of static pages: index.html (the owner's name, the chosen
 * collections in order, pathways with their progress), one page per
 * badge under badges/, about-verification.html, style.css, pictures under
 * images/ and, when the learner allows it, the badge files under files/
 * (see choose_file()).  There is no JavaScript, no web font and no remote
 * file: every src and href is a relative path into the folder or an
 * http(s) link the visitor may follow.  Every page carries a Content-Security-Policy that
 * forbids scripts, as a second line behind the escaping.
 *
 * Every string from a badge is untrusted and goes through credence-html.c.
 * Pictures are decoded and written again as PNG, so no baked badge data
 * (which names the recipient) and no SVG script reaches the site.  What a
 * badge page shows follows the disclosure settings of the collections it
 * is exported in: a field is shown only when every one of them allows it.
 * Revoked and suspended badges are left out (and listed by
 * credence_site_exporter_get_left_out()).
 *
 * The output is deterministic: the same collection gives the same bytes
 * (no clock, no random name; dates are written in UTC).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "credence-site"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "credence-badge.h"
#include "credence-export-paths.h"
#include "credence-html.h"
#include "credence-picture.h"
#include "credence-site-exporter.h"
#include "credence-sniff.h"
#include "credence-store-pathways.h"
#include "credence-svg.h"
#include "credence-verification.h"

G_DEFINE_QUARK (credence-site-error-quark, credence_site_error)

/* Characters kept of untrusted text, by use. */
#define MAX_NAME_CHARS        300
#define MAX_SHORT_CHARS       200
#define MAX_CARD_CHARS        120
#define MAX_LONG_CHARS        20000
#define MAX_EVIDENCE          50
#define MAX_TAGS              50

/* Pictures of the index preview. */
#define INDEX_PREVIEW_PICTURES 8

#define CSP "default-src 'none'; img-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'"

struct _CredenceSiteExporter
{
  GObject        parent_instance;

  CredenceStore *store;
  GPtrArray     *collection_names;
  GPtrArray     *pathway_names;
  char          *base_url;
  char          *owner_name;
  gboolean       allow_indexing;

  /* Results of the last export. */
  guint          n_badges;
  guint          n_files;
  guint64        bytes_written;
  GPtrArray     *left_out;
  GPtrArray     *withheld;
};

G_DEFINE_FINAL_TYPE (CredenceSiteExporter, credence_site_exporter, G_TYPE_OBJECT)

/* One badge page to write. */
typedef struct
{
  CredenceStoreBadge *badge;
  CredenceBadge      *parsed;      /* nullable */
  CredenceDisclosure  disclosure;
  char               *slug;
  char               *image;       /* "images/….png", relative to the root */
  char               *preview;     /* "images/preview-….png" */
  char               *file;        /* "files/….png", nullable */
  GBytes             *file_bytes;  /* what @file holds */
  CredenceSvgContent  withheld;    /* why the SVG original is not offered */
} Page;

/* One collection on the index. */
typedef struct
{
  CredenceCollection *collection;
  GPtrArray          *pages;       /* Page*, borrowed */
} Section;

typedef struct
{
  CredenceSiteExporter *self;
  char                 *folder;
  const char           *lang;
  char                 *owner_name;
  GPtrArray            *sections;  /* Section* */
  GPtrArray            *pages;     /* Page*, owned, in first-appearance order */
  GHashTable           *by_uid;    /* uid → Page* */
  GHashTable           *sources;   /* source digest → pixel digest */
  GHashTable           *written;   /* relative paths written */
  GPtrArray            *index_pictures; /* GdkPixbuf*, for the index preview */
  char                 *placeholder;
} Export;

static void
page_free (Page *page)
{
  g_clear_pointer (&page->badge, credence_store_badge_free);
  g_clear_object (&page->parsed);
  g_free (page->slug);
  g_free (page->image);
  g_free (page->preview);
  g_free (page->file);
  g_clear_pointer (&page->file_bytes, g_bytes_unref);
  g_free (page);
}

static void
section_free (Section *section)
{
  g_clear_object (&section->collection);
  g_clear_pointer (&section->pages, g_ptr_array_unref);
  g_free (section);
}

static void
export_clear (Export *e)
{
  g_clear_pointer (&e->folder, g_free);
  g_clear_pointer (&e->owner_name, g_free);
  g_clear_pointer (&e->sections, g_ptr_array_unref);
  g_clear_pointer (&e->pages, g_ptr_array_unref);
  g_clear_pointer (&e->by_uid, g_hash_table_unref);
  g_clear_pointer (&e->sources, g_hash_table_unref);
  g_clear_pointer (&e->written, g_hash_table_unref);
  g_clear_pointer (&e->index_pictures, g_ptr_array_unref);
  g_clear_pointer (&e->placeholder, g_free);
}

static void
credence_site_exporter_finalize (GObject *object)
{
  CredenceSiteExporter *self = (CredenceSiteExporter *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->collection_names, g_ptr_array_unref);
  g_clear_pointer (&self->pathway_names, g_ptr_array_unref);
  g_clear_pointer (&self->left_out, g_ptr_array_unref);
  g_clear_pointer (&self->withheld, g_ptr_array_unref);
  g_free (self->base_url);
  g_free (self->owner_name);

  G_OBJECT_CLASS (credence_site_exporter_parent_class)->finalize (object);
}

static void
credence_site_exporter_class_init (CredenceSiteExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = credence_site_exporter_finalize;
}

static void
credence_site_exporter_init (CredenceSiteExporter *self)
{
  self->collection_names = g_ptr_array_new_with_free_func (g_free);
  self->pathway_names = g_ptr_array_new_with_free_func (g_free);
  self->left_out = g_ptr_array_new_with_free_func (g_free);
  self->withheld = g_ptr_array_new_with_free_func (g_free);
}

/**
 * credence_site_exporter_new:
 * @store: the collection to export from
 *
 * Returns: (transfer full): a new exporter
 */
CredenceSiteExporter *
credence_site_exporter_new (CredenceStore *store)
{
  CredenceSiteExporter *self;

  g_return_val_if_fail (CREDENCE_IS_STORE (store), NULL);

  self = g_object_new (CREDENCE_TYPE_SITE_EXPORTER, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * credence_site_exporter_add_collection:
 * @uid_or_name: a collection's id or name
 *
 * Exports this collection, in the order of the calls.  Without any, every
 * collection whose visibility is In Portfolio is exported.
 */
void
credence_site_exporter_add_collection (CredenceSiteExporter *self,
                                       const char           *uid_or_name)
{
  g_return_if_fail (CREDENCE_IS_SITE_EXPORTER (self));
  g_return_if_fail (uid_or_name != NULL);

  g_ptr_array_add (self->collection_names, g_strdup (uid_or_name));
}

/**
 * credence_site_exporter_add_pathway:
 * @uid_or_title: a pathway's id or title
 *
 * Shows this pathway and its progress on the index page.
 */
void
credence_site_exporter_add_pathway (CredenceSiteExporter *self,
                                    const char           *uid_or_title)
{
  g_return_if_fail (CREDENCE_IS_SITE_EXPORTER (self));
  g_return_if_fail (uid_or_title != NULL);

  g_ptr_array_add (self->pathway_names, g_strdup (uid_or_title));
}

/**
 * credence_site_exporter_set_base_url:
 * @base_url: (nullable): where the site will be published, an http(s) URL
 *
 * With a base URL, pages carry absolute Open Graph and Twitter addresses
 * (link previews need them) and a canonical link.
 *
 * Returns: %FALSE with %CREDENCE_SITE_ERROR_BAD_BASE_URL when @base_url is
 *   not an http(s) URL with a host name
 */
gboolean
credence_site_exporter_set_base_url (CredenceSiteExporter  *self,
                                     const char            *base_url,
                                     GError               **error)
{
  g_autofree char *safe = NULL;

  g_return_val_if_fail (CREDENCE_IS_SITE_EXPORTER (self), FALSE);

  if (base_url == NULL || *base_url == '\0')
    {
      g_clear_pointer (&self->base_url, g_free);
      return TRUE;
    }

  safe = credence_html_safe_url (base_url);
  if (safe == NULL || strchr (safe, '?') != NULL || strchr (safe, '#') != NULL)
    {
      g_set_error (error, CREDENCE_SITE_ERROR, CREDENCE_SITE_ERROR_BAD_BASE_URL,
                   _("The base URL must be the http or https address the site will be published at, "
                     "such as https://example.org/badges/."));
      return FALSE;
    }

  g_free (self->base_url);
  self->base_url = g_str_has_suffix (safe, "/") ? g_steal_pointer (&safe) : g_strconcat (safe, "/", NULL);
  return TRUE;
}

/**
 * credence_site_exporter_set_owner_name:
 * @name: (nullable): the name shown as the portfolio's title
 *
 * Without one, the store setting %CREDENCE_SITE_META_OWNER_NAME is used,
 * and without that a neutral title.  An address the badges were issued
 * to is never used as the title.
 */
void
credence_site_exporter_set_owner_name (CredenceSiteExporter *self,
                                       const char           *name)
{
  g_return_if_fail (CREDENCE_IS_SITE_EXPORTER (self));

  g_free (self->owner_name);
  self->owner_name = g_strdup (name);
}

/**
 * credence_site_exporter_set_allow_indexing:
 * @allow: whether search engines may index the site
 *
 * Pages say `noindex` unless this is set.
 */
void
credence_site_exporter_set_allow_indexing (CredenceSiteExporter *self,
                                           gboolean              allow)
{
  g_return_if_fail (CREDENCE_IS_SITE_EXPORTER (self));

  self->allow_indexing = !!allow;
}

/**
 * credence_site_exporter_get_n_badges:
 *
 * Returns: the badge pages written by the last export
 */
guint
credence_site_exporter_get_n_badges (CredenceSiteExporter *self)
{
  g_return_val_if_fail (CREDENCE_IS_SITE_EXPORTER (self), 0);
  return self->n_badges;
}

/**
 * credence_site_exporter_get_n_files:
 *
 * Returns: the files written by the last export
 */
guint
credence_site_exporter_get_n_files (CredenceSiteExporter *self)
{
  g_return_val_if_fail (CREDENCE_IS_SITE_EXPORTER (self), 0);
  return self->n_files;
}

/**
 * credence_site_exporter_get_bytes_written:
 *
 * Returns: the bytes written by the last export
 */
guint64
credence_site_exporter_get_bytes_written (CredenceSiteExporter *self)
{
  g_return_val_if_fail (CREDENCE_IS_SITE_EXPORTER (self), 0);
  return self->bytes_written;
}

/**
 * credence_site_exporter_get_left_out:
 *
 * Returns: (transfer none) (element-type utf8): one line per badge the
 *   last export left out ("Name: Revoked by Issuer"), clean text
 */
GPtrArray *
credence_site_exporter_get_left_out (CredenceSiteExporter *self)
{
  g_return_val_if_fail (CREDENCE_IS_SITE_EXPORTER (self), NULL);
  return self->left_out;
}

/**
 * credence_site_exporter_get_files_withheld:
 *
 * Returns: (transfer none) (element-type utf8): one line per badge whose
 *   original SVG file the last export did not publish ("Name: it contains
 *   a script, …"), clean text; its page offers the badge data instead
 */
GPtrArray *
credence_site_exporter_get_files_withheld (CredenceSiteExporter *self)
{
  g_return_val_if_fail (CREDENCE_IS_SITE_EXPORTER (self), NULL);
  return self->withheld;
}

/* Writing */

static gboolean
write_file (Export      *e,
            const char  *relative,
            const char  *data,
            gsize        len,
            GError     **error)
{
  g_autofree char *path = g_build_filename (e->folder, relative, NULL);
  g_autoptr(GError) local_error = NULL;

  if (g_hash_table_contains (e->written, relative))
    return TRUE;

  if (!g_file_set_contents (path, data, len, &local_error))
    {
      g_set_error (error, CREDENCE_SITE_ERROR, CREDENCE_SITE_ERROR_WRITE,
                   _("Could not write the portfolio site: %s"), local_error->message);
      return FALSE;
    }

  g_hash_table_add (e->written, g_strdup (relative));
  e->self->n_files++;
  e->self->bytes_written += len;
  return TRUE;
}

static gboolean
write_string (Export      *e,
              const char  *relative,
              GString     *text,
              GError     **error)
{
  return write_file (e, relative, text->str, text->len, error);
}

/* Removes the files an earlier export wrote in one sub-folder. */
static gboolean
clear_folder (const char  *folder,
              GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return TRUE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && g_unlink (path) != 0)
        {
          int saved = errno;

          g_set_error (error, CREDENCE_SITE_ERROR, CREDENCE_SITE_ERROR_WRITE,
                       _("Could not remove the old file “%s”: %s"), path, g_strerror (saved));
          return FALSE;
        }
    }

  return TRUE;
}

/* The folder must be empty, or hold an earlier export, whose pages are
 * removed (a badge taken out of the portfolio must not stay online). */
static gboolean
prepare_folder (const char  *folder,
                GError     **error)
{
  static const char * const subfolders[] = { "badges", "images", "files" };
  g_autofree char *marker = g_build_filename (folder, CREDENCE_SITE_MARKER_FILE, NULL);

  if (g_file_test (folder, G_FILE_TEST_EXISTS) && !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CREDENCE_SITE_ERROR, CREDENCE_SITE_ERROR_WRITE,
                   _("“%s” is a file, not a folder; choose an empty folder for the site."), folder);
      return FALSE;
    }

  if (g_file_test (folder, G_FILE_TEST_IS_DIR) && !g_file_test (marker, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);

      if (dir != NULL && g_dir_read_name (dir) != NULL)
        {
          g_set_error (error, CREDENCE_SITE_ERROR, CREDENCE_SITE_ERROR_FOLDER_NOT_EMPTY,
                       _("The folder “%s” is not empty and was not made by Credence; "
                         "choose an empty folder or the folder of an earlier export."), folder);
          return FALSE;
        }
    }

  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    for (gsize i = 0; i < G_N_ELEMENTS (subfolders); i++)
      {
        g_autofree char *sub = g_build_filename (folder, subfolders[i], NULL);

        if (!clear_folder (sub, error))
          return FALSE;
      }

  for (gsize i = 0; i <= G_N_ELEMENTS (subfolders); i++)
    {
      g_autofree char *sub = i < G_N_ELEMENTS (subfolders)
                             ? g_build_filename (folder, subfolders[i], NULL) : g_strdup (folder);

      if (g_mkdir_with_parents (sub, 0755) != 0)
        {
          int saved = errno;

          g_set_error (error, CREDENCE_SITE_ERROR, CREDENCE_SITE_ERROR_WRITE,
                       _("Could not create the folder “%s”: %s"), sub, g_strerror (saved));
          return FALSE;
        }
    }

  return TRUE;
}

/* Pictures */

static GdkPixbuf *
make_placeholder (void)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8,
                                      CREDENCE_SITE_IMAGE_SIZE, CREDENCE_SITE_IMAGE_SIZE);

  gdk_pixbuf_fill (pixbuf, 0xdeddda00);
  {
    g_autoptr(GdkPixbuf) disc = gdk_pixbuf_new_subpixbuf (pixbuf, 48, 48,
                                                           CREDENCE_SITE_IMAGE_SIZE - 96,
                                                           CREDENCE_SITE_IMAGE_SIZE - 96);
    gdk_pixbuf_fill (disc, 0xc0bfbcff);
  }
  return pixbuf;
}

static gboolean
save_png (Export      *e,
          GdkPixbuf   *pixbuf,
          const char  *relative,
          GError     **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (g_hash_table_contains (e->written, relative))
    return TRUE;

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &data, &len, "png", error, NULL))
    return FALSE;

  return write_file (e, relative, data, len, error);
}

/* A link preview: the picture centred on a 1200 × 630 card. */
static GdkPixbuf *
compose_preview (GPtrArray *pictures)
{
  GdkPixbuf *canvas = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8,
                                      CREDENCE_SITE_PREVIEW_WIDTH, CREDENCE_SITE_PREVIEW_HEIGHT);
  guint n = MAX (1, pictures->len);
  guint columns = n <= 1 ? 1 : (n + 1) / 2;
  guint rows = n <= 1 ? 1 : 2;
  int cell = n <= 1 ? 480 : MIN (CREDENCE_SITE_PREVIEW_WIDTH / columns, CREDENCE_SITE_PREVIEW_HEIGHT / rows);
  int side = n <= 1 ? 480 : cell - 24;
  int x0 = (CREDENCE_SITE_PREVIEW_WIDTH - (int)columns * cell) / 2;
  int y0 = (CREDENCE_SITE_PREVIEW_HEIGHT - (int)rows * cell) / 2;

  gdk_pixbuf_fill (canvas, 0xf6f5f4ff);

  for (guint i = 0; i < pictures->len; i++)
    {
      GdkPixbuf *picture = g_ptr_array_index (pictures, i);
      int w = gdk_pixbuf_get_width (picture);
      int h = gdk_pixbuf_get_height (picture);
      double scale = MIN ((double)side / w, (double)side / h);
      int sw = MAX (1, (int)(w * scale + 0.5));
      int sh = MAX (1, (int)(h * scale + 0.5));
      int cx = x0 + (int)(i % columns) * cell + (cell - sw) / 2;
      int cy = y0 + (int)(i / columns) * cell + (cell - sh) / 2;

      if (n <= 1)
        {
          cx = (CREDENCE_SITE_PREVIEW_WIDTH - sw) / 2;
          cy = (CREDENCE_SITE_PREVIEW_HEIGHT - sh) / 2;
        }

      gdk_pixbuf_composite (picture, canvas, cx, cy, sw, sh, cx, cy, scale, scale,
                            GDK_INTERP_BILINEAR, 255);
    }

  return canvas;
}

static char *
pixel_digest (GdkPixbuf *pixbuf)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = 0;
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int header[4] = {
    gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
    gdk_pixbuf_get_rowstride (pixbuf), gdk_pixbuf_get_has_alpha (pixbuf),
  };

  len = gdk_pixbuf_get_byte_length (pixbuf);
  g_checksum_update (checksum, (const guchar *)header, sizeof header);
  g_checksum_update (checksum, pixels, len);
  return g_strndup (g_checksum_get_string (checksum), 20);
}

/* A digest of what a picture shows, without decoding it: for a PNG, its
 * chunks but the text and time ones (where a baked badge keeps its data,
 * different for every badge of a class); else all its bytes. */
static char *
source_digest (GBytes *bytes)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  if (len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    {
      gsize offset = 8;

      while (offset + 12 <= len)
        {
          guint32 chunk = ((guint32)data[offset] << 24) | ((guint32)data[offset + 1] << 16) |
                          ((guint32)data[offset + 2] << 8) | data[offset + 3];
          const guint8 *type = data + offset + 4;

          if (chunk > len - offset - 12)
            break;
          if (memcmp (type, "tEXt", 4) != 0 && memcmp (type, "iTXt", 4) != 0 &&
              memcmp (type, "zTXt", 4) != 0 && memcmp (type, "tIME", 4) != 0)
            g_checksum_update (checksum, data + offset, chunk + 12);
          offset += chunk + 12;
        }
      g_checksum_update (checksum, (const guchar *)"png", 3);
      /* Whatever could not be walked counts whole. */
      if (offset != len)
        g_checksum_update (checksum, data + offset, len - offset);
    }
  else
    g_checksum_update (checksum, data, len);

  return g_strdup (g_checksum_get_string (checksum));
}

/* Decodes the badge's picture (without the network), writes it at 256
 * pixels and as a link preview; a picture seen before (same source, or
 * same pixels) is not decoded or written again. */
static gboolean
write_pictures (Export      *e,
                Page        *page,
                GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) large = NULL;
  g_autoptr(GdkPixbuf) small = NULL;
  g_autoptr(GdkPixbuf) preview = NULL;
  g_autoptr(GPtrArray) one = NULL;
  g_autofree char *source = NULL;
  g_autofree char *digest = NULL;
  const char *known;

  bytes = credence_picture_find_bytes (page->badge->container, page->badge->original, page->badge->image);
  if (bytes != NULL)
    {
      source = source_digest (bytes);
      known = g_hash_table_lookup (e->sources, source);
      if (known != NULL)
        {
          page->image = g_strdup_printf ("images/%s.png", known);
          page->preview = g_strdup_printf ("images/preview-%s.png", known);
          return TRUE;
        }
      large = credence_picture_decode (bytes, 480, NULL);
    }

  if (large == NULL)
    {
      if (e->placeholder == NULL)
        {
          g_autoptr(GdkPixbuf) placeholder = make_placeholder ();

          one = g_ptr_array_new ();
          g_ptr_array_add (one, placeholder);
          preview = compose_preview (one);
          if (!save_png (e, placeholder, "images/placeholder.png", error) ||
              !save_png (e, preview, "images/preview-placeholder.png", error))
            return FALSE;
          e->placeholder = g_strdup ("placeholder");
        }
      page->image = g_strdup ("images/placeholder.png");
      page->preview = g_strdup ("images/preview-placeholder.png");
      if (source != NULL)
        g_hash_table_insert (e->sources, g_steal_pointer (&source), g_strdup ("placeholder"));
      return TRUE;
    }

  digest = pixel_digest (large);
  page->image = g_strdup_printf ("images/%s.png", digest);
  page->preview = g_strdup_printf ("images/preview-%s.png", digest);
  g_hash_table_insert (e->sources, g_steal_pointer (&source), g_strdup (digest));

  if (g_hash_table_contains (e->written, page->image))
    return TRUE;

  {
    int w = gdk_pixbuf_get_width (large);
    int h = gdk_pixbuf_get_height (large);
    double scale = MIN ((double)CREDENCE_SITE_IMAGE_SIZE / w, (double)CREDENCE_SITE_IMAGE_SIZE / h);

    if (scale < 1.0)
      small = gdk_pixbuf_scale_simple (large, MAX (1, (int)(w * scale + 0.5)), MAX (1, (int)(h * scale + 0.5)),
                                       GDK_INTERP_BILINEAR);
    else
      small = g_object_ref (large);
  }

  one = g_ptr_array_new ();
  g_ptr_array_add (one, large);
  preview = compose_preview (one);

  if (!save_png (e, small, page->image, error) || !save_png (e, preview, page->preview, error))
    return FALSE;

  if (e->index_pictures->len < INDEX_PREVIEW_PICTURES)
    g_ptr_array_add (e->index_pictures, g_object_ref (small));

  return TRUE;
}

/* Text helpers */

/* A translation, escaped: translations are text, like badge fields.  The
 * set of messages is fixed, so interning them costs a bounded amount. */
static const char *
h (const char *translated)
{
  g_autofree char *escaped = credence_html_escape (translated, 0);

  return g_intern_string (escaped);
}

#define esc(out, text, max) credence_html_append_escaped ((out), (text), (max))

/* Paragraphs of plain text, as badges write Markdown: blank lines split
 * paragraphs, and a "# Heading" line becomes a bold line without its
 * hashes.  Nothing else of Markdown is read (no links, no HTML). */
static void
append_paragraphs (GString    *out,
                   const char *text,
                   gsize       max_chars)
{
  g_autofree char *clean = credence_html_clean_text (text, max_chars);
  g_auto(GStrv) paragraphs = g_regex_split_simple ("\\n[ \\t]*\\n", clean, 0, 0);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (paragraphs[i], "\n", -1);
      g_autoptr(GString) body = g_string_new (NULL);

      for (guint l = 0; lines[l] != NULL; l++)
        {
          const char *line = lines[l];
          const char *p = line;

          while (*p == ' ' || *p == '\t')
            p++;
          if (*p == '#')
            {
              const char *heading = p;

              while (*heading == '#')
                heading++;
              if (heading - p <= 6 && (*heading == ' ' || *heading == '\0'))
                {
                  g_autofree char *title = g_strstrip (g_strdup (heading));

                  if (body->len > 0)
                    {
                      g_string_append (out, "<p dir=\"auto\">");
                      esc (out, g_strstrip (body->str), 0);
                      g_string_append (out, "</p>\n");
                      g_string_truncate (body, 0);
                    }
                  if (*title != '\0')
                    {
                      g_string_append (out, "<p dir=\"auto\"><strong>");
                      esc (out, title, 0);
                      g_string_append (out, "</strong></p>\n");
                    }
                  continue;
                }
            }
          if (body->len > 0)
            g_string_append_c (body, '\n');
          g_string_append (body, line);
        }

      g_strstrip (body->str);
      if (body->str[0] == '\0')
        continue;
      g_string_append (out, "<p dir=\"auto\">");
      esc (out, body->str, 0);
      g_string_append (out, "</p>\n");
    }
}

/* A link when @url may be one, else the text alone. */
static void
append_link (GString    *out,
             const char *url,
             const char *text,
             gsize       max_chars)
{
  g_autofree char *safe = credence_html_safe_url (url);

  if (safe != NULL)
    {
      g_string_append (out, "<a href=\"");
      esc (out, safe, 0);
      g_string_append (out, "\" rel=\"noopener noreferrer nofollow\">");
      esc (out, text != NULL && *text != '\0' ? text : safe, max_chars);
      g_string_append (out, "</a>");
    }
  else
    esc (out, text, max_chars);
}

static GDateTime *
parse_date (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *date;

  if (text == NULL)
    return NULL;
  date = g_date_time_new_from_iso8601 (text, utc);
  if (date == NULL && strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);

      date = g_date_time_new_from_iso8601 (midnight, utc);
    }
  if (date != NULL)
    {
      GDateTime *in_utc = g_date_time_to_utc (date);

      g_date_time_unref (date);
      date = in_utc;
    }
  return date;
}

/* "3 March 2026" in a <time> element. */
static void
append_date (GString    *out,
             GDateTime  *date)
{
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");
  /* Translators: a date on the portfolio site, as in g_date_time_format() */
  g_autofree char *shown = g_date_time_format (date, _("%-d %B %Y"));

  g_string_append_printf (out, "<time datetime=\"%s\">", iso);
  esc (out, shown, 0);
  g_string_append (out, "</time>");
}

static void
append_unix_date (GString *out,
                  gint64   unix_time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (unix_time);

  if (date != NULL)
    append_date (out, date);
}

/* Page frame */

static void
append_head (Export     *e,
             GString    *out,
             const char *root,      /* "" or "../" */
             const char *title,
             const char *description,
             const char *page_path, /* relative to the site root */
             const char *preview)   /* relative to the site root */
{
  CredenceSiteExporter *self = e->self;

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"");
  esc (out, e->lang, 0);
  g_string_append (out, "\">\n<head>\n<meta charset=\"utf-8\" />\n");
  g_string_append (out, "<meta http-equiv=\"Content-Security-Policy\" content=\"" CSP "\" />\n");
  g_string_append (out, "<meta name=\"referrer\" content=\"no-referrer\" />\n");
  g_string_append (out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
  g_string_append (out, "<meta name=\"color-scheme\" content=\"light dark\" />\n");
  g_string_append_printf (out, "<meta name=\"robots\" content=\"%s\" />\n",
                          self->allow_indexing ? "index, follow" : "noindex, nofollow");
  g_string_append (out, "<meta name=\"generator\" content=\"Credence\" />\n");
  g_string_append (out, "<title>");
  esc (out, title, MAX_SHORT_CHARS);
  g_string_append (out, "</title>\n");
  if (description != NULL && *description != '\0')
    {
      g_string_append (out, "<meta name=\"description\" content=\"");
      esc (out, description, MAX_SHORT_CHARS);
      g_string_append (out, "\" />\n");
    }

  /* Link previews: Open Graph and Twitter, absolute only with a base URL. */
  g_string_append (out, "<meta property=\"og:type\" content=\"website\" />\n");
  g_string_append (out, "<meta property=\"og:title\" content=\"");
  esc (out, title, MAX_SHORT_CHARS);
  g_string_append (out, "\" />\n");
  if (description != NULL && *description != '\0')
    {
      g_string_append (out, "<meta property=\"og:description\" content=\"");
      esc (out, description, MAX_SHORT_CHARS);
      g_string_append (out, "\" />\n");
    }
  g_string_append (out, "<meta name=\"twitter:card\" content=\"summary_large_image\" />\n");
  g_string_append (out, "<meta name=\"twitter:title\" content=\"");
  esc (out, title, MAX_SHORT_CHARS);
  g_string_append (out, "\" />\n");
  if (self->base_url != NULL)
    {
      g_string_append (out, "<link rel=\"canonical\" href=\"");
      esc (out, self->base_url, 0);
      esc (out, page_path, 0);
      g_string_append (out, "\" />\n<meta property=\"og:url\" content=\"");
      esc (out, self->base_url, 0);
      esc (out, page_path, 0);
      g_string_append (out, "\" />\n<meta property=\"og:image\" content=\"");
      esc (out, self->base_url, 0);
      esc (out, preview, 0);
      g_string_append_printf (out, "\" />\n<meta property=\"og:image:type\" content=\"image/png\" />\n"
                              "<meta property=\"og:image:width\" content=\"%d\" />\n"
                              "<meta property=\"og:image:height\" content=\"%d\" />\n",
                              CREDENCE_SITE_PREVIEW_WIDTH, CREDENCE_SITE_PREVIEW_HEIGHT);
      g_string_append (out, "<meta name=\"twitter:image\" content=\"");
      esc (out, self->base_url, 0);
      esc (out, preview, 0);
      g_string_append (out, "\" />\n");
    }

  g_string_append_printf (out, "<link rel=\"stylesheet\" href=\"%sstyle.css\" />\n", root);
}

static void
append_footer (GString    *out,
               const char *root)
{
  g_string_append (out, "<footer>\n<p>");
  g_string_append (out, h (_("Made with Credence, a personal Open Badges backpack.")));
  g_string_append_printf (out, " <a href=\"%sabout-verification.html\">%s</a></p>\n</footer>\n</body>\n</html>\n",
                          root, h (_("How these badges were checked")));
}

/* Badge pages */

/* Why the original picture is not offered, in the words of the badge
 * page. */
static const char *
withheld_reason (CredenceSvgContent content)
{
  switch (content)
    {
    case CREDENCE_SVG_CONTENT_SCRIPT:
      return _("it contains a script, which would run on this site when the file is opened");
    case CREDENCE_SVG_CONTENT_EMBEDDED:
      return _("it contains another web page, which would open on this site");
    case CREDENCE_SVG_CONTENT_EXTERNAL:
      return _("it loads files from other websites when it is opened");
    case CREDENCE_SVG_CONTENT_OTHER:
    case CREDENCE_SVG_CONTENT_PLAIN:
    default:
      return _("it contains parts that Credence cannot confirm are safe to open on this site");
    }
}

static gboolean
is_left_out (CredenceStoreBadge *badge)
{
  return g_strcmp0 (badge->reason, "revoked") == 0 || g_strcmp0 (badge->reason, "suspended") == 0;
}

static const CredenceStoreVerification *
latest_verification (CredenceStoreBadge *badge)
{
  if (badge->history == NULL || badge->history->len == 0)
    return NULL;
  return g_ptr_array_index (badge->history, badge->history->len - 1);
}

/* What a check is about, as a visitor understands it. */
static const char *
check_label (const char *id)
{
  static const struct { const char *id; const char *label; } labels[] = {
    { "signature", N_("Signature") },
    { "jws", N_("Signature") },
    { "hosted", N_("Issuer’s copy") },
    { "hosted-match", N_("Issuer’s copy") },
    { "issuer", N_("Issuer") },
    { "issuer-key", N_("Issuer’s key") },
    { "key", N_("Issuer’s key") },
    { "key-owner", N_("Issuer’s key") },
    { "origin", N_("Issuer’s website") },
    { "recipient", N_("Recipient") },
    { "dates", N_("Dates") },
    { "revocation", N_("Not revoked") },
    { "status", N_("Not revoked") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (id, labels[i].id) == 0)
      return _(labels[i].label);
  return _("Badge data");
}

static int
status_rank (const char *status)
{
  if (g_strcmp0 (status, "fail") == 0)
    return 3;
  if (g_strcmp0 (status, "warn") == 0)
    return 2;
  if (g_strcmp0 (status, "pass") == 0)
    return 1;
  return 0;
}

static const char *
status_label (int rank)
{
  switch (rank)
    {
    case 3:
      return _("Failed");
    case 2:
      return _("Not confirmed");
    case 1:
      return _("Passed");
    default:
      return _("Not checked");
    }
}

static void
append_verification (GString            *out,
                     CredenceStoreBadge *badge)
{
  const CredenceStoreVerification *latest = latest_verification (badge);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) ranks = g_array_new (FALSE, TRUE, sizeof (int));
  gboolean unchanged = FALSE, to_person = FALSE, not_withdrawn = FALSE;
  g_autofree char *issuer = credence_html_clean_text (badge->issuer_name != NULL ? badge->issuer_name
                                                      : _("the issuer"), MAX_NAME_CHARS);
  JsonArray *checks = NULL;

  g_string_append (out, "<section class=\"verification\" aria-labelledby=\"verification-title\">\n"
                        "<h2 id=\"verification-title\">");
  g_string_append (out, h (_("Verification")));
  g_string_append (out, "</h2>\n");

  if (latest == NULL || latest->verified_at <= 0)
    {
      g_string_append (out, "<p>");
      g_string_append (out, h (_("Credence has not checked this badge yet.")));
      g_string_append (out, "</p>\n</section>\n");
      return;
    }

  if (latest->report != NULL && json_parser_load_from_data (parser, latest->report, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *report = json_node_get_object (json_parser_get_root (parser));

      if (json_object_has_member (report, "checks") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (report, "checks")))
        checks = json_object_get_array_member (report, "checks");
    }

  for (guint i = 0; checks != NULL && i < json_array_get_length (checks); i++)
    {
      JsonNode *node = json_array_get_element (checks, i);
      JsonObject *check;
      const char *id, *status, *label;
      int rank;
      guint j;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      check = json_node_get_object (node);
      id = json_object_get_string_member_with_default (check, "id", NULL);
      status = json_object_get_string_member_with_default (check, "status", NULL);
      rank = status_rank (status);
      label = check_label (id);

      if (rank == 1)
        {
          if (g_strcmp0 (id, "signature") == 0 || g_strcmp0 (id, "hosted-match") == 0 ||
              g_strcmp0 (id, "hosted") == 0)
            unchanged = TRUE;
          else if (g_strcmp0 (id, "recipient") == 0)
            to_person = TRUE;
          else if (g_strcmp0 (id, "revocation") == 0 || g_strcmp0 (id, "status") == 0)
            not_withdrawn = TRUE;
        }

      for (j = 0; j < labels->len; j++)
        if (g_ptr_array_index (labels, j) == label)
          break;
      if (j == labels->len)
        {
          g_ptr_array_add (labels, (gpointer)label);
          g_array_append_val (ranks, rank);
        }
      else if (rank > g_array_index (ranks, int, j))
        g_array_index (ranks, int, j) = rank;
    }

  g_string_append (out, "<p class=\"summary\">");
  if (g_strcmp0 (latest->verdict, "valid") == 0)
    {
      g_autoptr(GString) parts = g_string_new (NULL);

      g_string_append (out, "<span class=\"verdict valid\">");
      g_string_append (out, h (_("Valid")));
      g_string_append (out, "</span> ");
      /* Translators: "Checked by Credence on 3 March 2026: issued by …" */
      g_string_append (out, h (_("Checked by Credence on ")));
      append_unix_date (out, latest->verified_at);
      g_string_append (out, ": ");
      g_string_append (parts, h (_("issued by ")));
      g_string_append (parts, "<bdi>");
      esc (parts, issuer, 0);
      g_string_append (parts, "</bdi>");
      if (to_person)
        g_string_append_printf (parts, " %s", h (_("to this person")));
      if (unchanged)
        g_string_append_printf (parts, ", %s", h (_("unchanged")));
      if (not_withdrawn)
        g_string_append_printf (parts, ", %s", h (_("not withdrawn")));
      g_string_append (out, parts->str);
      g_string_append (out, ".");
    }
  else
    {
      CredenceReason reason = CREDENCE_REASON_NONE;
      gboolean invalid = g_strcmp0 (latest->verdict, "invalid") == 0;

      g_string_append_printf (out, "<span class=\"verdict %s\">", invalid ? "problem" : "unknown");
      g_string_append (out, invalid ? h (_("Problem Found")) : h (_("Couldn’t Check")));
      g_string_append (out, "</span> ");
      g_string_append (out, h (_("Checked by Credence on ")));
      append_unix_date (out, latest->verified_at);
      g_string_append (out, ": ");
      if (latest->reason != NULL && credence_reason_from_string (latest->reason, &reason) &&
          reason != CREDENCE_REASON_NONE)
        esc (out, credence_reason_get_title (reason), 0);
      else
        g_string_append (out, invalid ? h (_("a check failed")) : h (_("some checks need the issuer’s website")));
      g_string_append (out, ".");
    }
  if (!latest->online)
    g_string_append_printf (out, " %s", h (_("(Checked offline, with the issuer’s documents saved earlier.)")));
  g_string_append (out, "</p>\n");

  if (labels->len > 0)
    {
      g_string_append (out, "<ul class=\"checks\">\n");
      for (guint i = 0; i < labels->len; i++)
        {
          int rank = g_array_index (ranks, int, i);

          g_string_append_printf (out, "<li class=\"check-%d\">", rank);
          esc (out, g_ptr_array_index (labels, i), 0);
          g_string_append (out, ": ");
          esc (out, status_label (rank), 0);
          g_string_append (out, "</li>\n");
        }
      g_string_append (out, "</ul>\n");
    }

  g_string_append (out, "<p class=\"note\">");
  g_string_append (out, h (_("Verified means the named issuer issued it; it does not rate the issuer.")));
  g_string_append (out, "</p>\n</section>\n");
}

static char *
json_ld (Export *e,
         Page   *page)
{
  CredenceSiteExporter *self = e->self;
  CredenceStoreBadge *badge = page->badge;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *name = credence_html_clean_text (badge->name != NULL ? badge->name : _("Badge"),
                                                    MAX_NAME_CHARS);
  g_autofree char *issuer_url = credence_html_safe_url (badge->issuer_url);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "@context");
  json_builder_add_string_value (builder, "https://schema.org");
  json_builder_set_member_name (builder, "@type");
  json_builder_add_string_value (builder, "EducationalOccupationalCredential");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "credentialCategory");
  json_builder_add_string_value (builder, "badge");

  if ((page->disclosure & CREDENCE_DISCLOSURE_DESCRIPTION) && badge->description != NULL)
    {
      g_autofree char *description = credence_html_clean_text (badge->description, MAX_LONG_CHARS);

      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, description);
    }

  if (self->base_url != NULL)
    {
      g_autofree char *url = g_strdup_printf ("%sbadges/%s.html", self->base_url, page->slug);
      g_autofree char *image = g_strconcat (self->base_url, page->image, NULL);

      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, url);
      json_builder_set_member_name (builder, "image");
      json_builder_add_string_value (builder, image);
    }

  if (badge->issuer_name != NULL || issuer_url != NULL)
    {
      json_builder_set_member_name (builder, "recognizedBy");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "@type");
      json_builder_add_string_value (builder, "Organization");
      if (badge->issuer_name != NULL)
        {
          g_autofree char *issuer = credence_html_clean_text (badge->issuer_name, MAX_NAME_CHARS);

          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, issuer);
        }
      if (issuer_url != NULL)
        {
          json_builder_set_member_name (builder, "url");
          json_builder_add_string_value (builder, issuer_url);
        }
      json_builder_end_object (builder);
    }

  if (page->disclosure & CREDENCE_DISCLOSURE_DATES)
    {
      g_autoptr(GDateTime) issued = parse_date (badge->issued_on);
      g_autoptr(GDateTime) expires = parse_date (badge->expires_on);

      if (issued != NULL)
        {
          g_autofree char *iso = g_date_time_format (issued, "%Y-%m-%d");

          json_builder_set_member_name (builder, "dateCreated");
          json_builder_add_string_value (builder, iso);
        }
      if (expires != NULL)
        {
          g_autofree char *iso = g_date_time_format (expires, "%Y-%m-%d");

          json_builder_set_member_name (builder, "expires");
          json_builder_add_string_value (builder, iso);
        }
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);

  return credence_html_escape_json_for_script (json);
}

static gboolean
write_badge_page (Export      *e,
                  Page        *page,
                  GError     **error)
{
  CredenceStoreBadge *badge = page->badge;
  CredenceBadge *parsed = page->parsed;
  CredenceDisclosure shown = page->disclosure;
  g_autoptr(GString) out = g_string_sized_new (8192);
  g_autofree char *path = g_strdup_printf ("badges/%s.html", page->slug);
  g_autofree char *name = credence_html_clean_text (badge->name != NULL ? badge->name : _("Untitled Badge"),
                                                    MAX_NAME_CHARS);
  g_autofree char *issuer = credence_html_clean_text (badge->issuer_name, MAX_NAME_CHARS);
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *ld = NULL;
  g_autoptr(GDateTime) issued = parse_date (badge->issued_on);
  g_autoptr(GDateTime) expires = parse_date (badge->expires_on);
  g_autofree char *credential_url = credence_html_safe_url (badge->credential_id);

  title = *issuer != '\0' ? g_strdup_printf ("%s — %s", name, issuer) : g_strdup (name);
  if ((shown & CREDENCE_DISCLOSURE_DESCRIPTION) && badge->description != NULL)
    summary = credence_html_clean_text (badge->description, MAX_SHORT_CHARS);
  else if (*issuer != '\0')
    summary = g_strdup_printf (_("A badge issued by %s."), issuer);

  append_head (e, out, "../", title, summary, path, page->preview);
  ld = json_ld (e, page);
  g_string_append (out, "<script type=\"application/ld+json\">\n");
  g_string_append (out, ld);
  g_string_append (out, "\n</script>\n</head>\n<body>\n");

  g_string_append (out, "<header>\n<nav aria-label=\"");
  g_string_append (out, h (_("Portfolio")));
  g_string_append (out, "\"><a href=\"../index.html\">");
  g_string_append (out, h (_("← All badges")));
  g_string_append (out, "</a></nav>\n</header>\n<main>\n<article class=\"badge\">\n");

  /* Hero */
  g_string_append (out, "<div class=\"hero\">\n<img src=\"../");
  g_string_append (out, page->image);
  g_string_append (out, "\" alt=\"");
  esc (out, name, 0);
  g_string_append (out, "\" width=\"192\" height=\"192\" />\n<div>\n<h1 dir=\"auto\">");
  esc (out, name, 0);
  g_string_append (out, "</h1>\n");
  if (*issuer != '\0' || badge->issuer_url != NULL)
    {
      g_string_append (out, "<p class=\"issuer\">");
      g_string_append (out, h (_("Issued by")));
      g_string_append (out, " <bdi>");
      append_link (out, badge->issuer_url, *issuer != '\0' ? issuer : NULL, MAX_NAME_CHARS);
      g_string_append (out, "</bdi></p>\n");
    }
  if (g_strcmp0 (badge->reason, "expired") == 0)
    {
      g_string_append (out, "<p class=\"verdict problem\">");
      g_string_append (out, h (_("Expired")));
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</div>\n</div>\n");

  /* Details */
  g_string_append (out, "<dl class=\"details\">\n");
  if ((shown & CREDENCE_DISCLOSURE_DATES) && (issued != NULL || expires != NULL))
    {
      if (issued != NULL)
        {
          g_string_append_printf (out, "<dt>%s</dt><dd>", h (_("Issued")));
          append_date (out, issued);
          g_string_append (out, "</dd>\n");
        }
      if (expires != NULL)
        {
          g_string_append_printf (out, "<dt>%s</dt><dd>", h (_("Expires")));
          append_date (out, expires);
          g_string_append (out, "</dd>\n");
        }
    }
  if ((shown & CREDENCE_DISCLOSURE_RECIPIENT) && badge->recipient != NULL &&
      strchr (badge->recipient, '$') == NULL)
    {
      g_string_append_printf (out, "<dt>%s</dt><dd dir=\"auto\">", h (_("Issued To")));
      esc (out, badge->recipient, MAX_NAME_CHARS);
      g_string_append (out, "</dd>\n");
    }
  g_string_append (out, "</dl>\n");

  if ((shown & CREDENCE_DISCLOSURE_DESCRIPTION) && badge->description != NULL)
    {
      g_string_append_printf (out, "<section aria-labelledby=\"description-title\">\n"
                                   "<h2 id=\"description-title\">%s</h2>\n", h (_("Description")));
      append_paragraphs (out, badge->description, MAX_LONG_CHARS);
      g_string_append (out, "</section>\n");
    }

  if ((shown & CREDENCE_DISCLOSURE_CRITERIA) && parsed != NULL)
    {
      const char *narrative = credence_badge_get_criteria_narrative (parsed);
      g_autofree char *criteria_url = credence_html_safe_url (credence_badge_get_criteria_url (parsed));

      if (narrative != NULL || criteria_url != NULL)
        {
          g_string_append_printf (out, "<section aria-labelledby=\"criteria-title\">\n"
                                       "<h2 id=\"criteria-title\">%s</h2>\n", h (_("Criteria")));
          if (narrative != NULL)
            append_paragraphs (out, narrative, MAX_LONG_CHARS);
          if (criteria_url != NULL)
            {
              g_string_append (out, "<p>");
              append_link (out, criteria_url, _("The issuer’s criteria page"), 0);
              g_string_append (out, "</p>\n");
            }
          g_string_append (out, "</section>\n");
        }
    }

  if (parsed != NULL)
    {
      const char * const *tags = credence_badge_get_tags (parsed);
      GPtrArray *alignments = credence_badge_get_alignments (parsed);
      guint n_tags = tags != NULL ? g_strv_length ((char **)tags) : 0;
      guint n_alignments = alignments != NULL ? alignments->len : 0;

      if (n_tags + n_alignments > 0)
        {
          g_string_append_printf (out, "<section aria-labelledby=\"skills-title\">\n"
                                       "<h2 id=\"skills-title\">%s</h2>\n<ul class=\"skills\">\n", h (_("Skills")));
          for (guint i = 0; i < n_alignments && i < MAX_TAGS; i++)
            {
              CredenceAlignment *alignment = g_ptr_array_index (alignments, i);

              if (alignment->name == NULL && alignment->url == NULL)
                continue;
              g_string_append (out, "<li dir=\"auto\">");
              append_link (out, alignment->url, alignment->name, MAX_SHORT_CHARS);
              g_string_append (out, "</li>\n");
            }
          for (guint i = 0; i < n_tags && i < MAX_TAGS; i++)
            {
              g_string_append (out, "<li dir=\"auto\">");
              esc (out, tags[i], MAX_SHORT_CHARS);
              g_string_append (out, "</li>\n");
            }
          g_string_append (out, "</ul>\n</section>\n");
        }
    }

  if ((shown & CREDENCE_DISCLOSURE_EVIDENCE) && parsed != NULL &&
      credence_badge_get_evidence (parsed) != NULL && credence_badge_get_evidence (parsed)->len > 0)
    {
      GPtrArray *evidence = credence_badge_get_evidence (parsed);

      g_string_append_printf (out, "<section aria-labelledby=\"evidence-title\">\n"
                                   "<h2 id=\"evidence-title\">%s</h2>\n<ul class=\"evidence\">\n", h (_("Evidence")));
      for (guint i = 0; i < evidence->len && i < MAX_EVIDENCE; i++)
        {
          CredenceEvidence *item = g_ptr_array_index (evidence, i);

          g_string_append (out, "<li>\n<p class=\"evidence-name\" dir=\"auto\">");
          append_link (out, item->id, item->name != NULL ? item->name : _("Evidence"), MAX_SHORT_CHARS);
          g_string_append (out, "</p>\n");
          if (item->description != NULL)
            append_paragraphs (out, item->description, MAX_LONG_CHARS);
          if (item->narrative != NULL)
            append_paragraphs (out, item->narrative, MAX_LONG_CHARS);
          g_string_append (out, "</li>\n");
        }
      g_string_append (out, "</ul>\n</section>\n");
    }

  if (shown & CREDENCE_DISCLOSURE_VERIFICATION)
    append_verification (out, badge);

  /* How to check it independently. */
  g_string_append_printf (out, "<section aria-labelledby=\"check-title\">\n"
                               "<h2 id=\"check-title\">%s</h2>\n<ul>\n", h (_("Check It Yourself")));
  if (credential_url != NULL)
    {
      g_string_append (out, "<li>");
      append_link (out, credential_url, _("The issuer’s record of this badge"), 0);
      g_string_append (out, "</li>\n");
    }
  if (page->file != NULL && page->withheld == CREDENCE_SVG_CONTENT_PLAIN)
    {
      g_string_append_printf (out, "<li><a href=\"../%s\" download=\"\">%s</a> — %s</li>\n", page->file,
                              h (_("Download Badge File")),
                              h (_("open it in any Open Badges verifier; it contains the address it was issued to.")));
    }
  else if (page->file != NULL)
    {
      g_string_append_printf (out, "<li><a href=\"../%s\" download=\"\">%s</a> — %s</li>\n", page->file,
                              h (_("Download Badge Data")),
                              h (_("the badge as the issuer wrote it, without its picture; open it in any Open Badges "
                                   "verifier. It contains the address it was issued to.")));
    }
  if (page->withheld != CREDENCE_SVG_CONTENT_PLAIN)
    {
      /* Translators: %s is a reason such as “it contains a script, which would run on this site…” */
      g_autofree char *why = g_strdup_printf (_("The original picture file of this badge is not included: %s."),
                                              withheld_reason (page->withheld));

      g_string_append (out, "<li class=\"note\">");
      esc (out, why, 0);
      if (page->file == NULL)
        g_string_append_printf (out, " %s", h (_("The issuer’s record of the badge can be checked instead.")));
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "<li>");
  g_string_append (out, h (_("Any Open Badges verifier can check the badge file or the issuer’s record.")));
  g_string_append (out, "</li>\n</ul>\n</section>\n");

  g_string_append (out, "</article>\n</main>\n");
  append_footer (out, "../");

  return write_string (e, path, out, error);
}

/* The index */

static const char *
step_state_label (CredencePathwayProgress *progress,
                  CredencePathwayStep     *step)
{
  switch (credence_pathway_progress_get_step_state (progress, step))
    {
    case CREDENCE_PATHWAY_STEP_STATE_DONE:
      return _("Done");
    case CREDENCE_PATHWAY_STEP_STATE_EXPIRED:
      return credence_pathway_progress_step_is_complete (progress, step)
             ? _("Earned, expired") : _("Does not count: expired");
    case CREDENCE_PATHWAY_STEP_STATE_UNCONFIRMED:
      return _("Not checked yet");
    case CREDENCE_PATHWAY_STEP_STATE_REVOKED:
      return _("Does not count: revoked");
    case CREDENCE_PATHWAY_STEP_STATE_PROBLEM:
      return _("Does not count: problem found");
    case CREDENCE_PATHWAY_STEP_STATE_IN_PROGRESS:
      return _("In progress");
    case CREDENCE_PATHWAY_STEP_STATE_OPEN:
    default:
      return _("Not yet");
    }
}

static gboolean
append_pathways (Export     *e,
                 GString    *out,
                 GError    **error)
{
  CredenceSiteExporter *self = e->self;
  g_autoptr(CredenceStoreBadgeSet) set = NULL;
  const CredencePathwayBadge *badges;
  gsize n_badges;

  if (self->pathway_names->len == 0)
    return TRUE;

  set = credence_store_load_badge_set (self->store, error);
  if (set == NULL)
    return FALSE;
  badges = credence_store_badge_set_get_badges (set, &n_badges);

  g_string_append_printf (out, "<section class=\"pathways\" aria-labelledby=\"pathways-title\">\n"
                               "<h2 id=\"pathways-title\">%s</h2>\n", h (_("Pathways")));

  for (guint i = 0; i < self->pathway_names->len; i++)
    {
      const char *wanted = g_ptr_array_index (self->pathway_names, i);
      g_autofree char *uid = NULL;
      g_autoptr(CredencePathway) pathway = NULL;
      g_autoptr(CredencePathwayProgress) progress = NULL;
      g_autoptr(GError) local_error = NULL;
      CredencePathwayStep *root;
      guint n_steps, n_complete;
      g_autofree char *counted = NULL;

      uid = credence_store_find_pathway (self->store, wanted, &local_error);
      if (uid != NULL)
        pathway = credence_store_get_pathway (self->store, uid, &local_error);
      if (pathway == NULL)
        {
          g_set_error (error, CREDENCE_SITE_ERROR, CREDENCE_SITE_ERROR_NOT_FOUND,
                       _("There is no pathway “%s”: %s"), wanted, local_error->message);
          return FALSE;
        }

      progress = credence_pathway_compute_progress (pathway, badges, n_badges);
      n_steps = credence_pathway_progress_get_n_steps (progress);
      n_complete = credence_pathway_progress_get_n_complete (progress);
      counted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u step complete",
                                              "%u of %u steps complete", n_steps),
                                 n_complete, n_steps);

      g_string_append (out, "<article class=\"pathway\">\n<h3 dir=\"auto\">");
      esc (out, credence_pathway_get_title (pathway), MAX_NAME_CHARS);
      g_string_append (out, "</h3>\n");
      if (credence_pathway_get_description (pathway) != NULL)
        append_paragraphs (out, credence_pathway_get_description (pathway), MAX_LONG_CHARS);
      g_string_append_printf (out, "<p><progress max=\"%u\" value=\"%u\">%s</progress> %s</p>\n",
                              MAX (n_steps, 1), n_complete, h (counted), h (counted));

      root = credence_pathway_get_root (pathway);
      if (credence_pathway_step_get_n_children (root) > 0)
        {
          g_string_append (out, "<ul class=\"steps\">\n");
          for (guint s = 0; s < credence_pathway_step_get_n_children (root); s++)
            {
              CredencePathwayStep *step = credence_pathway_step_get_child (root, s);
              const guint *matched;
              guint n_matched = 0;

              g_string_append (out, "<li><span dir=\"auto\">");
              esc (out, credence_pathway_step_get_title (step), MAX_NAME_CHARS);
              g_string_append (out, "</span> — ");
              esc (out, step_state_label (progress, step), 0);

              /* Only badges that are on the site are named. */
              matched = credence_pathway_progress_get_step_badges (progress, step, &n_matched);
              for (guint b = 0; b < n_matched; b++)
                {
                  Page *page = g_hash_table_lookup (e->by_uid, credence_store_badge_set_get_uid (set, matched[b]));

                  if (page == NULL)
                    continue;
                  g_string_append_printf (out, " <a href=\"badges/%s.html\">", page->slug);
                  esc (out, page->badge->name != NULL ? page->badge->name : _("Untitled Badge"), MAX_NAME_CHARS);
                  g_string_append (out, "</a>");
                }
              g_string_append (out, "</li>\n");
            }
          g_string_append (out, "</ul>\n");
        }
      g_string_append (out, "</article>\n");
    }

  g_string_append (out, "</section>\n");
  return TRUE;
}

static gboolean
write_index (Export      *e,
             GError     **error)
{
  g_autoptr(GString) out = g_string_sized_new (16384);
  g_autoptr(GdkPixbuf) preview = NULL;
  g_autofree char *description = NULL;

  preview = compose_preview (e->index_pictures);
  if (!save_png (e, preview, "images/preview-index.png", error))
    return FALSE;

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u badge, checked by Credence.",
                                              "%u badges, checked by Credence.", e->pages->len),
                                 e->pages->len);
  append_head (e, out, "", e->owner_name, description, "index.html", "images/preview-index.png");
  g_string_append (out, "</head>\n<body>\n<header>\n<h1 dir=\"auto\">");
  esc (out, e->owner_name, MAX_NAME_CHARS);
  g_string_append (out, "</h1>\n<p>");
  esc (out, description, 0);
  g_string_append (out, "</p>\n");
  if (e->sections->len > 1)
    {
      g_string_append_printf (out, "<nav aria-label=\"%s\">\n<ul>\n", h (_("Collections")));
      for (guint i = 0; i < e->sections->len; i++)
        {
          Section *section = g_ptr_array_index (e->sections, i);

          g_string_append_printf (out, "<li><a href=\"#collection-%u\" dir=\"auto\">", i + 1);
          esc (out, credence_collection_get_name (section->collection), MAX_NAME_CHARS);
          g_string_append (out, "</a></li>\n");
        }
      g_string_append (out, "</ul>\n</nav>\n");
    }
  g_string_append (out, "</header>\n<main>\n");

  for (guint i = 0; i < e->sections->len; i++)
    {
      Section *section = g_ptr_array_index (e->sections, i);

      g_string_append_printf (out, "<section class=\"collection\" id=\"collection-%u\" "
                                   "aria-labelledby=\"collection-%u-title\">\n"
                                   "<h2 id=\"collection-%u-title\" dir=\"auto\">", i + 1, i + 1, i + 1);
      esc (out, credence_collection_get_name (section->collection), MAX_NAME_CHARS);
      g_string_append (out, "</h2>\n");
      if (credence_collection_get_description (section->collection) != NULL)
        append_paragraphs (out, credence_collection_get_description (section->collection), MAX_LONG_CHARS);

      if (section->pages->len == 0)
        {
          g_string_append_printf (out, "<p>%s</p>\n", h (_("No badges to show in this collection.")));
          g_string_append (out, "</section>\n");
          continue;
        }

      g_string_append (out, "<ul class=\"cards\">\n");
      for (guint p = 0; p < section->pages->len; p++)
        {
          Page *page = g_ptr_array_index (section->pages, p);

          g_string_append_printf (out, "<li class=\"card\"><a href=\"badges/%s.html\">"
                                       "<img src=\"%s\" alt=\"\" width=\"96\" height=\"96\" />"
                                       "<span class=\"name\" dir=\"auto\">", page->slug, page->image);
          esc (out, page->badge->name != NULL ? page->badge->name : _("Untitled Badge"), MAX_CARD_CHARS);
          g_string_append (out, "</span>");
          if (page->badge->issuer_name != NULL)
            {
              g_string_append (out, "<span class=\"issuer\" dir=\"auto\">");
              esc (out, page->badge->issuer_name, MAX_CARD_CHARS);
              g_string_append (out, "</span>");
            }
          g_string_append (out, "</a></li>\n");
        }
      g_string_append (out, "</ul>\n</section>\n");
    }

  if (!append_pathways (e, out, error))
    return FALSE;

  g_string_append (out, "</main>\n");
  append_footer (out, "");

  return write_string (e, "index.html", out, error);
}

static gboolean
write_about (Export      *e,
             GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *title = _("How These Badges Were Checked");

  append_head (e, out, "", title, NULL, "about-verification.html", "images/preview-index.png");
  g_string_append (out, "</head>\n<body>\n<header>\n<nav aria-label=\"");
  g_string_append (out, h (_("Portfolio")));
  g_string_append (out, "\"><a href=\"index.html\">");
  g_string_append (out, h (_("← All badges")));
  g_string_append (out, "</a></nav>\n</header>\n<main>\n<h1>");
  esc (out, title, 0);
  g_string_append (out, "</h1>\n<p>");
  g_string_append (out, h (_("Open Badges are digital records of achievements, issued by schools, employers and "
                          "other organisations. Each badge on this site was checked by Credence, the "
                          "badge holder’s own app, on the date shown on its page.")));
  g_string_append (out, "</p>\n<p>");
  g_string_append (out, h (_("A valid badge was issued by the named issuer to this person, has not been changed "
                          "since, and had not been withdrawn by the issuer when it was checked. "
                          "Verified means the named issuer issued it; it does not rate the issuer.")));
  g_string_append (out, "</p>\n<h2>");
  g_string_append (out, h (_("Check It Yourself")));
  g_string_append (out, "</h2>\n<p>");
  g_string_append (out, h (_("Each badge page links to the issuer’s record of the badge when the issuer publishes "
                          "one, and may offer the badge file or, when its picture file could run on this site, "
                          "the badge data as issued. Open any of them in an Open Badges verifier "
                          "to check the badge independently of this site.")));
  g_string_append (out, "</p>\n</main>\n");
  append_footer (out, "");

  return write_string (e, "about-verification.html", out, error);
}

/* Colours: every text colour has at least 4.5:1 contrast on its
 * background, light and dark (WCAG AA). */
static const char style_css[] =
  ":root { color-scheme: light dark; --bg: #ffffff; --fg: #1e1e1e; --dim: #5e5c64; --card: #f6f5f4;\n"
  "  --border: #deddda; --link: #1a5fb4; --ok: #1b7c4d; --bad: #c01c28; --warn: #8a5d00; }\n"
  "@media (prefers-color-scheme: dark) {\n"
  "  :root { --bg: #1e1e1e; --fg: #ffffff; --dim: #c0bfbc; --card: #303030; --border: #4a4a4a;\n"
  "    --link: #99c1f1; --ok: #8ff0a4; --bad: #ff7b63; --warn: #f8e45c; } }\n"
  "* { box-sizing: border-box; }\n"
  "html { font-family: system-ui, -apple-system, \"Segoe UI\", \"Cantarell\", sans-serif; line-height: 1.5; }\n"
  "body { margin: 0 auto; max-width: 60rem; padding: 1rem; background: var(--bg); color: var(--fg);\n"
  "  overflow-wrap: anywhere; }\n"
  "a { color: var(--link); }\n"
  "a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }\n"
  "bdi, [dir=auto] { unicode-bidi: isolate; }\n"
  "header nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; }\n"
  ".cards { list-style: none; padding: 0; display: grid; gap: 1rem;\n"
  "  grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); }\n"
  ".card a { display: flex; flex-direction: column; align-items: center; text-align: center; gap: 0.25rem;\n"
  "  padding: 1rem; border: 1px solid var(--border); border-radius: 12px; background: var(--card);\n"
  "  color: var(--fg); text-decoration: none; height: 100%; }\n"
  ".card a:hover .name { text-decoration: underline; }\n"
  ".card img, .hero img { object-fit: contain; }\n"
  ".name { font-weight: bold; }\n"
  ".issuer, .note, footer { color: var(--dim); }\n"
  ".hero { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: center; }\n"
  ".hero h1 { margin: 0; }\n"
  ".details { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }\n"
  ".details dt { font-weight: bold; }\n"
  ".details dd { margin: 0; }\n"
  ".verification { border: 1px solid var(--border); border-radius: 12px; padding: 0 1rem; background: var(--card); }\n"
  ".verdict { font-weight: bold; }\n"
  ".verdict.valid { color: var(--ok); }\n"
  ".verdict.problem { color: var(--bad); }\n"
  ".verdict.unknown { color: var(--warn); }\n"
  ".verdict.valid::before { content: \"✓ \"; }\n"
  ".verdict.problem::before { content: \"✗ \"; }\n"
  ".verdict.unknown::before { content: \"? \"; }\n"
  "progress { width: 12rem; max-width: 100%; }\n"
  "footer { margin-top: 3rem; border-top: 1px solid var(--border); font-size: 0.9rem; }\n"
  "@media (max-width: 30rem) { .details { grid-template-columns: 1fr; } .hero img { width: 128px; height: 128px; } }\n"
  "@media print {\n"
  "  :root { --bg: #ffffff; --fg: #000000; --dim: #333333; --card: #ffffff; --link: #000000; }\n"
  "  header nav, footer { display: none; }\n"
  "  .card, .verification, .pathway, li { break-inside: avoid; }\n"
  "  a[href^=\"http\"]::after { content: \" (\" attr(href) \")\"; font-size: 0.8em; overflow-wrap: anywhere; }\n"
  "}\n";

/* Collecting */

static CredenceDisclosure
disclosure_for (Export *e,
                const char *uid)
{
  CredenceDisclosure disclosure = CREDENCE_DISCLOSURE_ALL;

  for (guint i = 0; i < e->sections->len; i++)
    {
      Section *section = g_ptr_array_index (e->sections, i);

      if (credence_collection_find (section->collection, uid) >= 0)
        disclosure &= credence_collection_get_disclosure (section->collection);
    }

  return disclosure;
}

/* The badge data as issued, as a file a verifier opens and a browser only
 * shows: JSON with '<', '>' and '&' written as \u escapes (the same JSON
 * value, but no markup even if a host serves it as a web page), or a
 * compact JWS or JWT, which has nothing but base64url and dots.  A link
 * (a hosted badge) gives no file: the issuer's record is the badge. */
static void
offer_data (Page   *page,
            GBytes *data)
{
  gsize length = 0;
  const char *text = g_bytes_get_data (data, &length);
  const char *trimmed = text;
  gsize trimmed_length = length;

  if (text == NULL || memchr (text, '\0', length) != NULL || !g_utf8_validate_len (text, length, NULL))
    return;
  credence_sniff_trim (&trimmed, &trimmed_length);

  switch (credence_sniff_text (trimmed, trimmed_length))
    {
    case CREDENCE_SNIFF_JSON:
      {
        g_autoptr(JsonParser) parser = json_parser_new ();
        g_autofree char *json = g_strndup (text, length);
        char *escaped;

        if (!json_parser_load_from_data (parser, json, (gssize)length, NULL))
          return;
        escaped = credence_html_escape_json_for_script (json);
        page->file_bytes = g_bytes_new_take (escaped, strlen (escaped));
        page->file = g_strdup_printf ("files/%s.json", page->slug);
        break;
      }

    case CREDENCE_SNIFF_JWS:
      for (gsize i = 0; i < trimmed_length; i++)
        if (!g_ascii_isalnum (trimmed[i]) && trimmed[i] != '-' && trimmed[i] != '_' && trimmed[i] != '.')
          return;
      page->file_bytes = g_bytes_new (trimmed, trimmed_length);
      page->file = g_strdup_printf ("files/%s.%s", page->slug,
                                    g_strcmp0 (page->badge->spec_version, "3.0") == 0 ? "jwt" : "jws");
      break;

    case CREDENCE_SNIFF_UNKNOWN:
    case CREDENCE_SNIFF_PNG:
    case CREDENCE_SNIFF_XML:
    case CREDENCE_SNIFF_OTHER_IMAGE:
    case CREDENCE_SNIFF_URL:
    default:
      return;
    }
}

/*
 * The badge file a page offers, when the learner shares badge files.  A
 * file on the site is also a page of the site: opened directly (a link
 * shared on its own, not the download link), an SVG runs its scripts with
 * the site's address.  So:
 *  - a PNG original is copied as it is (a browser only ever shows it);
 *  - an SVG original is copied byte for byte (it carries the baked badge)
 *    only when credence_svg_check_content() finds a plain picture;
 *    otherwise the page offers the badge data as issued (offer_data())
 *    and says why the picture file is not there;
 *  - a JSON, JWS or JWT original is offered through offer_data() too.
 * Pages never show an SVG in <img> or <object>: pictures are PNGs drawn
 * again (write_pictures()).
 */
static void
choose_file (Page *page)
{
  CredenceStoreBadge *badge = page->badge;
  gsize length = 0;
  const guint8 *data;

  if (!(page->disclosure & CREDENCE_DISCLOSURE_BADGE_FILES) || badge->original == NULL)
    return;
  data = g_bytes_get_data (badge->original, &length);

  if (g_strcmp0 (badge->container, "png") == 0)
    {
      if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
        {
          page->file = g_strdup_printf ("files/%s.png", page->slug);
          page->file_bytes = g_bytes_ref (badge->original);
        }
    }
  else if (g_strcmp0 (badge->container, "svg") == 0)
    {
      page->withheld = credence_svg_check_content (data, length);
      if (page->withheld == CREDENCE_SVG_CONTENT_PLAIN)
        {
          page->file = g_strdup_printf ("files/%s.svg", page->slug);
          page->file_bytes = g_bytes_ref (badge->original);
        }
      else if (badge->payload != NULL)
        offer_data (page, badge->payload);
    }
  else if (g_strcmp0 (badge->container, "json") == 0 || g_strcmp0 (badge->container, "jws") == 0 ||
           g_strcmp0 (badge->container, "jwt") == 0)
    offer_data (page, badge->original);
}

static gboolean
collect (Export        *e,
         GCancellable  *cancellable,
         GError       **error)
{
  CredenceSiteExporter *self = e->self;
  g_autoptr(GPtrArray) collections = NULL;

  if (self->collection_names->len > 0)
    {
      collections = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < self->collection_names->len; i++)
        {
          const char *wanted = g_ptr_array_index (self->collection_names, i);
          g_autoptr(GError) local_error = NULL;
          CredenceCollection *collection = credence_store_get_collection (self->store, wanted, &local_error);

          if (collection == NULL)
            {
              g_set_error (error, CREDENCE_SITE_ERROR, CREDENCE_SITE_ERROR_NOT_FOUND,
                           _("There is no collection “%s”: %s"), wanted, local_error->message);
              return FALSE;
            }
          g_ptr_array_add (collections, collection);
        }
    }
  else
    {
      g_autoptr(GPtrArray) all = credence_store_list_collections (self->store, error);

      if (all == NULL)
        return FALSE;
      collections = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < all->len; i++)
        if (credence_collection_get_visibility (g_ptr_array_index (all, i)) == CREDENCE_VISIBILITY_PORTFOLIO)
          g_ptr_array_add (collections, g_object_ref (g_ptr_array_index (all, i)));
    }

  if (collections->len == 0)
    {
      g_set_error (error, CREDENCE_SITE_ERROR, CREDENCE_SITE_ERROR_NOTHING_TO_EXPORT,
                   _("No collection is In Portfolio. Choose collections to export, or set one to In Portfolio."));
      return FALSE;
    }

  for (guint i = 0; i < collections->len; i++)
    {
      Section *section = g_new0 (Section, 1);

      section->collection = g_object_ref (g_ptr_array_index (collections, i));
      section->pages = g_ptr_array_new ();
      g_ptr_array_add (e->sections, section);
    }

  for (guint i = 0; i < e->sections->len; i++)
    {
      Section *section = g_ptr_array_index (e->sections, i);

      for (guint j = 0; j < credence_collection_get_n_items (section->collection); j++)
        {
          const char *uid = credence_collection_get_item (section->collection, j);
          g_autoptr(CredenceStoreBadge) badge = NULL;
          Page *page;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;

          page = g_hash_table_lookup (e->by_uid, uid);
          if (page != NULL)
            {
              g_ptr_array_add (section->pages, page);
              continue;
            }

          badge = credence_store_get_badge (self->store, uid, error);
          if (badge == NULL)
            return FALSE;

          if (is_left_out (badge))
            {
              g_autofree char *name = credence_html_clean_text (badge->name != NULL ? badge->name
                                                                : _("Untitled Badge"), MAX_SHORT_CHARS);
              CredenceReason reason = CREDENCE_REASON_REVOKED;
              g_autofree char *line = NULL;

              credence_reason_from_string (badge->reason, &reason);
              line = g_strdup_printf ("%s: %s", name, credence_reason_get_title (reason));
              if (!g_ptr_array_find_with_equal_func (self->left_out, line, g_str_equal, NULL))
                g_ptr_array_add (self->left_out, g_steal_pointer (&line));
              continue;
            }

          page = g_new0 (Page, 1);
          page->badge = g_steal_pointer (&badge);
          if (page->badge->payload != NULL)
            page->parsed = credence_badge_new_from_bytes (page->badge->payload, NULL, NULL);
          page->slug = credence_export_badge_slug (page->badge->uid, page->badge->name);
          g_ptr_array_add (e->pages, page);
          g_hash_table_insert (e->by_uid, page->badge->uid, page);
          g_ptr_array_add (section->pages, page);
        }
    }

  for (guint i = 0; i < e->pages->len; i++)
    {
      Page *page = g_ptr_array_index (e->pages, i);

      page->disclosure = disclosure_for (e, page->badge->uid);
      choose_file (page);
      if (page->withheld != CREDENCE_SVG_CONTENT_PLAIN)
        {
          g_autofree char *name = credence_html_clean_text (page->badge->name != NULL ? page->badge->name
                                                            : _("Untitled Badge"), MAX_SHORT_CHARS);

          g_ptr_array_add (self->withheld, g_strdup_printf ("%s: %s", name, withheld_reason (page->withheld)));
        }
    }

  return TRUE;
}

static char *
language_tag (void)
{
  const char * const *names = g_get_language_names ();
  GString *tag;

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = names[i];

      if (g_str_has_prefix (name, "C") || g_str_has_prefix (name, "POSIX") || !g_ascii_isalpha (name[0]) ||
          !g_ascii_isalpha (name[1]))
        continue;
      tag = g_string_new (NULL);
      for (const char *p = name; *p != '\0' && *p != '.' && *p != '@'; p++)
        g_string_append_c (tag, *p == '_' ? '-' : (g_ascii_isalnum (*p) ? *p : 'x'));
      return g_string_free (tag, FALSE);
    }
  return g_strdup ("en");
}

/**
 * credence_site_exporter_export:
 * @folder: an empty folder, a folder that does not exist yet, or the
 *   folder of an earlier export (whose pages are replaced)
 *
 * Writes the site.  Blocking: use credence_site_exporter_export_async()
 * from the UI.
 *
 * Returns: %TRUE when every file was written
 */
gboolean
credence_site_exporter_export (CredenceSiteExporter  *self,
                               const char            *folder,
                               GCancellable          *cancellable,
                               GError               **error)
{
  Export e = { 0 };
  g_autofree char *lang = language_tag ();
  gboolean ok = FALSE;

  g_return_val_if_fail (CREDENCE_IS_SITE_EXPORTER (self), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  self->n_badges = 0;
  self->n_files = 0;
  self->bytes_written = 0;
  g_ptr_array_set_size (self->left_out, 0);
  g_ptr_array_set_size (self->withheld, 0);

  e.self = self;
  e.folder = g_strdup (folder);
  e.lang = lang;
  e.sections = g_ptr_array_new_with_free_func ((GDestroyNotify)section_free);
  e.pages = g_ptr_array_new_with_free_func ((GDestroyNotify)page_free);
  e.by_uid = g_hash_table_new (g_str_hash, g_str_equal);
  e.sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  e.written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  e.index_pictures = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->owner_name != NULL && *self->owner_name != '\0')
    e.owner_name = g_strdup (self->owner_name);
  else
    e.owner_name = credence_store_dup_meta (self->store, CREDENCE_SITE_META_OWNER_NAME, NULL);
  if (e.owner_name == NULL || *e.owner_name == '\0')
    {
      g_free (e.owner_name);
      e.owner_name = g_strdup (_("Badge Portfolio"));
    }

  if (!collect (&e, cancellable, error))
    goto out;

  if (!prepare_folder (folder, error))
    goto out;

  for (guint i = 0; i < e.pages->len; i++)
    {
      Page *page = g_ptr_array_index (e.pages, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (!write_pictures (&e, page, error))
        goto out;
      if (page->file != NULL &&
          !write_file (&e, page->file, g_bytes_get_data (page->file_bytes, NULL),
                       g_bytes_get_size (page->file_bytes), error))
        goto out;
      if (!write_badge_page (&e, page, error))
        goto out;
      self->n_badges++;
    }

  if (!write_file (&e, "style.css", style_css, sizeof style_css - 1, error) ||
      !write_index (&e, error) ||
      !write_about (&e, error) ||
      !write_file (&e, CREDENCE_SITE_MARKER_FILE, "Written by Credence; exporting again replaces this site.\n",
                   strlen ("Written by Credence; exporting again replaces this site.\n"), error))
    goto out;

  ok = TRUE;

  /* Remember what was given for next time; the site is written anyway. */
  {
    g_autoptr(GError) meta_error = NULL;

    if ((self->base_url != NULL &&
         !credence_store_set_meta (self->store, CREDENCE_SITE_META_BASE_URL, self->base_url, &meta_error)) ||
        (self->owner_name != NULL && *self->owner_name != '\0' &&
         !credence_store_set_meta (self->store, CREDENCE_SITE_META_OWNER_NAME, self->owner_name, &meta_error)))
      g_debug ("Could not remember the portfolio settings: %s", meta_error->message);
  }

out:
  export_clear (&e);
  return ok;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (credence_site_exporter_export (source_object, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * credence_site_exporter_export_async:
 *
 * Writes the site on a worker thread; see credence_site_exporter_export().
 * Do not change the exporter until it finishes.
 */
void
credence_site_exporter_export_async (CredenceSiteExporter *self,
                                     const char           *folder,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CREDENCE_IS_SITE_EXPORTER (self));
  g_return_if_fail (folder != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, credence_site_exporter_export_async);
  g_task_set_task_data (task, g_strdup (folder), g_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
credence_site_exporter_export_finish (CredenceSiteExporter  *self,
                                      GAsyncResult          *result,
                                      GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == credence_site_exporter_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
