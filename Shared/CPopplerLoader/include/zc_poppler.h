// The PDF door's view of poppler: loaded at the first PDF, so that no other command pays for
// poppler's fifty shared libraries at start-up, and a machine without poppler runs everything else.
#ifndef ZC_POPPLER_H
#define ZC_POPPLER_H
#include <stddef.h>

typedef struct zc_pdf zc_pdf;

/// One character's box (points, from the page's top left) and style.
typedef struct {
    double x0, y0, x1, y1;
    double font_size;
    int red, green, blue; // 0–255
} zc_glyph;

enum {
    ZC_OK = 0,
    ZC_NO_LIBRARY = 1, // libpoppler-glib could not be loaded; the message says why
    ZC_ENCRYPTED = 2,
    ZC_UNREADABLE = 3,
};

/// Opens a PDF held in memory (the bytes are copied). On failure, `message` says why.
int zc_pdf_open(const void *bytes, size_t length, zc_pdf **pdf, char *message, size_t message_size);
int zc_pdf_page_count(zc_pdf *pdf);
/// The Info dictionary's title (0), author (1) or subject (2); NULL when absent. Free with zc_free.
char *zc_pdf_info(zc_pdf *pdf, int which);
/// A page's size, its text (UTF-8, one glyph per character, line breaks included) and one glyph
/// per character of the text. Free `text` and `glyphs` with zc_free. Returns 0 when poppler
/// cannot open the page.
int zc_pdf_page(zc_pdf *pdf, int index, double *width, double *height, char **text, zc_glyph **glyphs, unsigned *count);
void zc_pdf_close(zc_pdf *pdf);
void zc_free(void *pointer);

#endif
