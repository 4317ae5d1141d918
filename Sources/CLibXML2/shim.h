#ifndef METROTRACE_CLIBXML2_SHIM_H
#define METROTRACE_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU, and its encoding.h then includes the system's
// <unicode/ucnv.h>, whose declarations clash with the ICU that Foundation bundles. No
// MetroTrace code touches the encoding handlers (the only structure whose layout the
// macro changes, in trailing fields), so the ICU parts are left out of the import.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

/// The parser options for untrusted certificates: no network, no DTD loading, no
/// entity substitution, no XInclude; errors and warnings are collected, not printed.
static inline int metrotrace_secure_parse_options(void) {
    return XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
}

/// Frees memory libxml2 allocated (`xmlFree` is a global function pointer, which
/// Swift 6 cannot reference safely).
static inline void metrotrace_xml_free(void *pointer) {
    xmlFree(pointer);
}

/// The message of a libxml2 error (NULL-safe).
static inline const char *metrotrace_error_message(const xmlError *error) {
    return (error && error->message) ? error->message : "unknown error";
}

#endif
