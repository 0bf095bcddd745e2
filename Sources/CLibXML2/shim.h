// libxml2's HTML parser for Swift.
// Debian builds libxml2 with ICU; its headers would then pull in the system ICU headers, which
// clash with the ICU copy inside Swift's Foundation. Nothing here uses libxml2's ICU converters
// (they only add trailing fields to xmlCharEncodingHandler, which Swift never touches), so the
// ICU part of the headers is switched off.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
