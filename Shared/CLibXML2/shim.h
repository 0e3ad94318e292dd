// libxml2 for Swift. xmlversion.h comes first so that ICU support can be switched off before any
// other header sees it: Foundation ships its own ICU module, and the two clash in one Swift module.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLparser.h>
