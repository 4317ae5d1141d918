#ifndef METROTRACE_CLIBXML2_SHIM_H
#define METROTRACE_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU, and its encoding.h then includes the system's
// <unicode/ucnv.h>, whose declarations clash with the ICU that Foundation bundles. No
// MetroTrace code touches the encoding handlers (the only structure whose layout the
// macro changes, in trailing fields), so the ICU parts are left out of the import.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <string.h>

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

/// The node a libxml2 error is about, when it names an element (validation errors do).
static inline xmlNodePtr metrotrace_error_node(const xmlError *error) {
    if (!error || !error->node) return NULL;
    xmlNodePtr node = (xmlNodePtr)error->node;
    return node->type == XML_ELEMENT_NODE ? node : NULL;
}

/// Swallows a libxml2 message that no caller asked for.
static void metrotrace_xml_ignore_generic(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static void metrotrace_xml_ignore_structured(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

/// The entity loader libxml2 had before MetroTrace's was installed.
static inline xmlExternalEntityLoader *metrotrace_default_loader(void) {
    static xmlExternalEntityLoader loader = NULL;
    return &loader;
}

/// Loads only local files: a `file:` URL or a path. Anything else (http, https, ftp) is
/// refused, so that no certificate and no schema makes MetroTrace use the network.
static xmlParserInputPtr metrotrace_local_entity_loader(const char *url, const char *id, xmlParserCtxtPtr context) {
    if (url != NULL) {
        const char *colon = strchr(url, ':');
        const char *slash = strchr(url, '/');
        int has_scheme = colon != NULL && (slash == NULL || colon < slash);
        if (has_scheme && strncmp(url, "file:", 5) != 0) {
            __xmlLoaderErr(context, "MetroTrace loads no network resource: %s\n", url);
            return NULL;
        }
    }
    xmlExternalEntityLoader fallback = *metrotrace_default_loader();
    return fallback ? fallback(url, id, context) : NULL;
}

/// Sets up libxml2 for MetroTrace, once per process: initialises the parser, makes
/// every thread's default error handlers silent (messages are collected through the
/// structured handlers of each call instead of printed), and installs the local-only
/// entity loader.
static inline void metrotrace_xml_setup_process(void) {
    xmlInitParser();
    xmlThrDefSetGenericErrorFunc(NULL, metrotrace_xml_ignore_generic);
    xmlThrDefSetStructuredErrorFunc(NULL, metrotrace_xml_ignore_structured);
    if (*metrotrace_default_loader() == NULL) {
        *metrotrace_default_loader() = xmlGetExternalEntityLoader();
        xmlSetExternalEntityLoader(metrotrace_local_entity_loader);
    }
}

/// Makes the calling thread's libxml2 error handlers silent (they are per thread: a
/// thread that existed before the process setup keeps the printing defaults).
static inline void metrotrace_xml_quiet_thread(void) {
    xmlSetGenericErrorFunc(NULL, metrotrace_xml_ignore_generic);
    xmlSetStructuredErrorFunc(NULL, metrotrace_xml_ignore_structured);
}

#endif
