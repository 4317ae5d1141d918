// The few Graphviz (libgvc, libcgraph) entry points MetroTrace uses, with
// const-correct signatures and an error collector, so that Swift never needs to
// touch mutable C globals such as Agdirected. Not thread-safe: callers serialise
// every call (Graphviz keeps process-wide state).
#ifndef METROTRACE_GRAPHVIZ_SHIM_H
#define METROTRACE_GRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <string.h>
#include <stdlib.h>

// Messages Graphviz reported since the last call to mt_take_errors, kept in
// function-local storage (a header cannot define globals for Swift).
typedef struct { char text[4096]; size_t length; } mt_error_log;

static inline mt_error_log *mt_errors(void) {
    static mt_error_log log;
    return &log;
}

static int mt_collect_error(char *message) {
    mt_error_log *log = mt_errors();
    size_t length = strlen(message);
    if (log->length + length >= sizeof(log->text)) {
        length = sizeof(log->text) - 1 - log->length;
    }
    memcpy(log->text + log->length, message, length);
    log->length += length;
    log->text[log->length] = 0;
    return 0;
}

/// Routes Graphviz warnings and errors to the collector instead of stderr.
static inline void mt_install_error_collector(void) {
    agseterrf(mt_collect_error);
    agseterr(AGWARN);
}

/// Copies the collected messages into `out` (at most `capacity` bytes, NUL-terminated)
/// and clears them.
static inline void mt_take_errors(char *out, size_t capacity) {
    mt_error_log *log = mt_errors();
    size_t length = log->length < capacity - 1 ? log->length : capacity - 1;
    memcpy(out, log->text, length);
    out[length] = 0;
    log->length = 0;
    log->text[0] = 0;
}

/// agmemread: parses DOT text into a graph (NULL on a syntax error).
static inline Agraph_t *mt_read(const char *text) { return agmemread(text); }

/// gvLayout with the `dot` engine.
static inline int mt_layout(GVC_t *context, Agraph_t *graph) { return gvLayout(context, graph, "dot"); }

/// gvRenderData into memory; free the result with gvFreeRenderData.
static inline int mt_render(GVC_t *context, Agraph_t *graph, const char *format, char **result,
                            unsigned int *length) {
    return gvRenderData(context, graph, format, result, length);
}

/// The value of attribute `name` of node `node`, or NULL (agget).
static inline const char *mt_node_attribute(Agnode_t *node, const char *name) {
    return agget(node, (char *)name);
}

/// The name of a node (agnameof).
static inline const char *mt_node_name(Agnode_t *node) { return agnameof(node); }

#endif
