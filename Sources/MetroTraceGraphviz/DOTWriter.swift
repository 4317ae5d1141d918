/// Writes a ``DOTGraph`` as DOT text into one byte buffer: statements in the order the
/// graph holds them, every name and text value quoted. In a quoted string `"` is written
/// `\"`, a backslash `\\` (so that no name can end in an escape) and a line break `\n`
/// (Graphviz reads labels as escString); HTML-like labels go between `<` and `>` as built.
struct DOTWriter: ~Copyable {
    private var bytes = ByteWriter(capacity: 16_384)

    init() {}

    /// The text written so far.
    var text: String { bytes.text }

    mutating func write(_ graph: DOTGraph) {
        raw("digraph ")
        quoted(graph.name)
        raw(" {\n")
        for attribute in graph.attributes { assignment(attribute, indent: "  ") }
        statement("node", graph.nodeDefaults)
        statement("edge", graph.edgeDefaults)
        for subgraph in graph.subgraphs {
            raw("  subgraph ")
            quoted(subgraph.name)
            raw(" {\n")
            for attribute in subgraph.attributes { assignment(attribute, indent: "    ") }
            for member in subgraph.nodes { node(member, indent: "    ") }
            for name in subgraph.nodeNames {
                raw("    ")
                quoted(name)
                raw(";\n")
            }
            raw("  }\n")
        }
        for member in graph.nodes { node(member, indent: "  ") }
        for edge in graph.edges {
            raw("  ")
            quoted(edge.from)
            raw(" -> ")
            quoted(edge.to)
            attributeList(edge.attributes)
            raw(";\n")
        }
        raw("}\n")
    }

    private mutating func raw(_ text: String) {
        bytes.append(text)
    }

    private mutating func quoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        ASCIIReplacement.dotString.append(text, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func value(_ value: DOTGraph.Value) {
        switch value {
        case .text(let text): quoted(text)
        case .html(let html):
            bytes.append(UInt8(ascii: "<"))
            raw(html)
            bytes.append(UInt8(ascii: ">"))
        }
    }

    private mutating func attributes(_ list: [DOTGraph.Attribute]) {
        for (position, attribute) in list.enumerated() {
            if position > 0 { raw(", ") }
            quoted(attribute.name)
            bytes.append(UInt8(ascii: "="))
            value(attribute.value)
        }
    }

    /// ` [a=b, c=d]`, or nothing for an empty list.
    private mutating func attributeList(_ list: [DOTGraph.Attribute]) {
        guard !list.isEmpty else { return }
        raw(" [")
        attributes(list)
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func statement(_ keyword: String, _ list: [DOTGraph.Attribute]) {
        guard !list.isEmpty else { return }
        raw("  ")
        raw(keyword)
        raw(" [")
        attributes(list)
        raw("];\n")
    }

    private mutating func assignment(_ attribute: DOTGraph.Attribute, indent: String) {
        raw(indent)
        quoted(attribute.name)
        bytes.append(UInt8(ascii: "="))
        value(attribute.value)
        raw(";\n")
    }

    private mutating func node(_ node: DOTGraph.Node, indent: String) {
        raw(indent)
        quoted(node.name)
        attributeList(node.attributes)
        raw(";\n")
    }
}
