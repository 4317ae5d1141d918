import Foundation

/// A Graphviz graph to write as DOT text: nodes, edges and subgraphs (clusters) with
/// attributes, kept in the order given so that the output is stable.
public struct DOTGraph: Hashable, Sendable {
    /// An attribute value.
    public enum Value: Hashable, Sendable, ExpressibleByStringLiteral {
        /// Text, written as a quoted DOT string with `"` and `\` escaped and line breaks
        /// as `\n`.
        case text(String)
        /// An HTML-like label, written between `<` and `>`; build it with ``HTMLText``
        /// so that its text is escaped.
        case html(String)

        public init(stringLiteral value: String) { self = .text(value) }
    }

    /// A node.
    public struct Node: Hashable, Sendable {
        public var name: String
        public var attributes: [Attribute]

        public init(_ name: String, _ attributes: [Attribute] = []) {
            self.name = name
            self.attributes = attributes
        }
    }

    /// An edge.
    public struct Edge: Hashable, Sendable {
        public var from: String
        public var to: String
        public var attributes: [Attribute]

        public init(_ from: String, _ to: String, _ attributes: [Attribute] = []) {
            self.from = from
            self.to = to
            self.attributes = attributes
        }
    }

    /// A subgraph; a name starting with `cluster` draws a box around its nodes.
    public struct Subgraph: Hashable, Sendable {
        public var name: String
        public var attributes: [Attribute]
        public var nodes: [Node]
        public var nodeNames: [String]

        public init(_ name: String, _ attributes: [Attribute] = [], nodes: [Node] = [], nodeNames: [String] = []) {
            self.name = name
            self.attributes = attributes
            self.nodes = nodes
            self.nodeNames = nodeNames
        }
    }

    /// A named attribute.
    public struct Attribute: Hashable, Sendable {
        public var name: String
        public var value: Value

        public init(_ name: String, _ value: Value) {
            self.name = name
            self.value = value
        }
    }

    /// The graph's name.
    public var name: String
    /// Graph attributes.
    public var attributes: [Attribute] = []
    /// Default node attributes.
    public var nodeDefaults: [Attribute] = []
    /// Default edge attributes.
    public var edgeDefaults: [Attribute] = []
    /// Nodes outside subgraphs.
    public var nodes: [Node] = []
    /// Subgraphs and clusters.
    public var subgraphs: [Subgraph] = []
    /// Edges.
    public var edges: [Edge] = []

    /// Creates an empty directed graph.
    public init(name: String) { self.name = name }

    /// The graph as DOT text.
    ///
    /// - Complexity: O(size of the output).
    public var text: String {
        var out = "digraph \(Self.quoted(name)) {\n"
        func attributes(_ list: [Attribute]) -> String {
            list.map { "\(Self.quoted($0.name))=\(Self.write($0.value))" }.joined(separator: ", ")
        }
        func statement(_ keyword: String, _ list: [Attribute], indent: String) {
            if !list.isEmpty { out += "\(indent)\(keyword) [\(attributes(list))];\n" }
        }
        func node(_ node: Node, indent: String) {
            out += indent + Self.quoted(node.name)
            if !node.attributes.isEmpty { out += " [\(attributes(node.attributes))]" }
            out += ";\n"
        }
        for attribute in self.attributes {
            out += "  \(Self.quoted(attribute.name))=\(Self.write(attribute.value));\n"
        }
        statement("node", nodeDefaults, indent: "  ")
        statement("edge", edgeDefaults, indent: "  ")
        for subgraph in subgraphs {
            out += "  subgraph \(Self.quoted(subgraph.name)) {\n"
            for attribute in subgraph.attributes {
                out += "    \(Self.quoted(attribute.name))=\(Self.write(attribute.value));\n"
            }
            for member in subgraph.nodes { node(member, indent: "    ") }
            for name in subgraph.nodeNames { out += "    \(Self.quoted(name));\n" }
            out += "  }\n"
        }
        for member in nodes { node(member, indent: "  ") }
        for edge in edges {
            out += "  \(Self.quoted(edge.from)) -> \(Self.quoted(edge.to))"
            if !edge.attributes.isEmpty { out += " [\(attributes(edge.attributes))]" }
            out += ";\n"
        }
        out += "}\n"
        return out
    }

    static func write(_ value: Value) -> String {
        switch value {
        case .text(let text): quoted(text, escapeString: true)
        case .html(let html): "<" + html + ">"
        }
    }

    /// A DOT quoted string. In every quoted string `"` is escaped as `\"`; in text
    /// values (labels and the like, which Graphviz reads as escString) a backslash is
    /// written `\\` and a line break `\n`. Names get `\` doubled too, so that no name can
    /// end in an escape.
    static func quoted(_ text: String, escapeString: Bool = true) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += escapeString ? "\\n" : "\n"
            case "\r": break
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Building HTML-like Graphviz labels with their text escaped (`&`, `<`, `>`, `"`),
/// line breaks as `<BR/>`.
public enum HTMLText {
    /// Text escaped for an HTML-like label.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "<BR/>"
            case "\r": break
            default:
                // Control characters have no place in a label.
                if scalar.value < 0x20 { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// The text of an HTML-like label: tags removed, entities and line breaks restored.
    /// The inverse of ``escape(_:)`` for what a label shows.
    public static func plainText(_ html: String) -> String {
        var text = ""
        var inTag = false
        var tag = ""
        for character in html {
            if inTag {
                if character == ">" {
                    inTag = false
                    if tag.uppercased().hasPrefix("BR") { text += "\n" }
                } else {
                    tag.append(character)
                }
            } else if character == "<" {
                inTag = true
                tag = ""
            } else {
                text.append(character)
            }
        }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}
