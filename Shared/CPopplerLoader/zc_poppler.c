#include "zc_poppler.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

// The few GLib and poppler types this file touches, as poppler-glib 0.x–25.x lays them out.
typedef struct { unsigned int domain; int code; char *message; } GError;
typedef struct GList { void *data; struct GList *next; struct GList *prev; } GList;
typedef struct { double x1, y1, x2, y2; } PopplerRectangle;
typedef struct { unsigned short red, green, blue; } PopplerColor;
typedef struct {
    char *font_name;
    double font_size;
    int is_underlined;
    PopplerColor color;
    int start_index;
    int end_index;
} PopplerTextAttributes;
enum { POPPLER_ERROR_ENCRYPTED = 1 };

static struct {
    void *(*g_bytes_new)(const void *, size_t);
    void (*g_bytes_unref)(void *);
    void (*g_free)(void *);
    void (*g_error_free)(GError *);
    void (*g_object_unref)(void *);
    void *(*document_new_from_bytes)(void *, const char *, GError **);
    int (*document_get_n_pages)(void *);
    void *(*document_get_page)(void *, int);
    char *(*document_get_title)(void *);
    char *(*document_get_author)(void *);
    char *(*document_get_subject)(void *);
    void (*page_get_size)(void *, double *, double *);
    char *(*page_get_text)(void *);
    int (*page_get_text_layout)(void *, PopplerRectangle **, unsigned *);
    GList *(*page_get_text_attributes)(void *);
    void (*page_free_text_attributes)(GList *);
} api;
static char load_error[512];
static int loaded = -1;
static pthread_once_t once = PTHREAD_ONCE_INIT;

#define RESOLVE(field, name) \
    if (!(api.field = dlsym(handle, name))) { snprintf(load_error, sizeof load_error, "%s has no %s", library, name); return; }

static void load(void) {
    const char *candidates[] = {"libpoppler-glib.so.8", "libpoppler-glib.so"};
    const char *library = NULL;
    void *handle = NULL;
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates && !handle; i++) {
        library = candidates[i];
        handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    }
    if (!handle) {
        snprintf(load_error, sizeof load_error, "cannot load libpoppler-glib (%s); the PDF door needs it: apt-get install libpoppler-glib8 poppler-data", dlerror());
        return;
    }
    RESOLVE(g_bytes_new, "g_bytes_new")
    RESOLVE(g_bytes_unref, "g_bytes_unref")
    RESOLVE(g_free, "g_free")
    RESOLVE(g_error_free, "g_error_free")
    RESOLVE(g_object_unref, "g_object_unref")
    RESOLVE(document_new_from_bytes, "poppler_document_new_from_bytes")
    RESOLVE(document_get_n_pages, "poppler_document_get_n_pages")
    RESOLVE(document_get_page, "poppler_document_get_page")
    RESOLVE(document_get_title, "poppler_document_get_title")
    RESOLVE(document_get_author, "poppler_document_get_author")
    RESOLVE(document_get_subject, "poppler_document_get_subject")
    RESOLVE(page_get_size, "poppler_page_get_size")
    RESOLVE(page_get_text, "poppler_page_get_text")
    RESOLVE(page_get_text_layout, "poppler_page_get_text_layout")
    RESOLVE(page_get_text_attributes, "poppler_page_get_text_attributes")
    RESOLVE(page_free_text_attributes, "poppler_page_free_text_attributes")
    loaded = 1;
}

struct zc_pdf {
    void *bytes;
    void *document;
};

int zc_pdf_open(const void *bytes, size_t length, zc_pdf **pdf, char *message, size_t message_size) {
    pthread_once(&once, load);
    if (loaded != 1) {
        snprintf(message, message_size, "%s", load_error);
        return ZC_NO_LIBRARY;
    }
    GError *error = NULL;
    void *data = api.g_bytes_new(bytes, length);
    void *document = api.document_new_from_bytes(data, NULL, &error);
    if (!document) {
        int code = error && error->code == POPPLER_ERROR_ENCRYPTED ? ZC_ENCRYPTED : ZC_UNREADABLE;
        snprintf(message, message_size, "%s", error && error->message ? error->message : "poppler could not open it");
        if (error) api.g_error_free(error);
        api.g_bytes_unref(data);
        return code;
    }
    *pdf = malloc(sizeof **pdf);
    (*pdf)->bytes = data;
    (*pdf)->document = document;
    return ZC_OK;
}

int zc_pdf_page_count(zc_pdf *pdf) { return api.document_get_n_pages(pdf->document); }

static char *copy_and_free(char *text) {
    if (!text) return NULL;
    char *copy = strdup(text);
    api.g_free(text);
    return copy;
}

char *zc_pdf_info(zc_pdf *pdf, int which) {
    switch (which) {
    case 0: return copy_and_free(api.document_get_title(pdf->document));
    case 1: return copy_and_free(api.document_get_author(pdf->document));
    default: return copy_and_free(api.document_get_subject(pdf->document));
    }
}

int zc_pdf_page(zc_pdf *pdf, int index, double *width, double *height, char **text, zc_glyph **glyphs, unsigned *count) {
    *text = NULL;
    *glyphs = NULL;
    *count = 0;
    void *page = api.document_get_page(pdf->document, index);
    if (!page) return 0;
    api.page_get_size(page, width, height);
    *text = copy_and_free(api.page_get_text(page));
    PopplerRectangle *boxes = NULL;
    unsigned n = 0;
    if (*text && api.page_get_text_layout(page, &boxes, &n) && boxes) {
        *glyphs = calloc(n ? n : 1, sizeof **glyphs);
        for (unsigned i = 0; i < n; i++) {
            (*glyphs)[i] = (zc_glyph){boxes[i].x1, boxes[i].y1, boxes[i].x2, boxes[i].y2, 0, 0, 0, 0};
        }
        *count = n;
        api.g_free(boxes);
        // Styles come by ranges of character indices.
        GList *attributes = api.page_get_text_attributes(page);
        for (GList *node = attributes; node; node = node->next) {
            PopplerTextAttributes *style = node->data;
            for (int i = style->start_index; i <= style->end_index && i >= 0 && (unsigned)i < n; i++) {
                (*glyphs)[i].font_size = style->font_size;
                (*glyphs)[i].red = style->color.red >> 8;
                (*glyphs)[i].green = style->color.green >> 8;
                (*glyphs)[i].blue = style->color.blue >> 8;
            }
        }
        if (attributes) api.page_free_text_attributes(attributes);
    }
    api.g_object_unref(page);
    return 1;
}

void zc_pdf_close(zc_pdf *pdf) {
    if (!pdf) return;
    api.g_object_unref(pdf->document);
    api.g_bytes_unref(pdf->bytes);
    free(pdf);
}

void zc_free(void *pointer) { free(pointer); }
