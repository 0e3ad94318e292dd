// poppler's GLib interface, for the PDF door. Only PDFCore imports it.
#include <poppler.h>
