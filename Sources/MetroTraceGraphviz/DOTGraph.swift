import Foundation
import MetroTrace

/// A Graphviz graph to write as DOT text: nodes, edges and subgraphs (clusters) with
/// attributes, kept in the order given so that the output is stable.
public struct DOTGraph: Hashable, Sendable {
    /// An attribute value.
    public enum Value: Hashable, Sendable, ExpressibleByStringLiteral {
        /// Text, written as a quoted DOT string with `"` and `\` escaped and line breaks
        /// as `\n`.
        case text(String)
        /// An HTML-like label, written between `<` and `>`; build it with ``GraphvizLabelText``
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
    /// The boxes that stand for several items, with the items each stands for; not part
    /// of the DOT text, but of the diagram's HTML page (``DiagramPage``).
    public var collapsed: [CollapsedNode] = []
    /// The language the diagram's texts are in; its HTML page is in it too.
    public var language: Language = .english

    /// Creates an empty directed graph.
    public init(name: String) { self.name = name }

    /// The graph as DOT text.
    ///
    /// - Complexity: O(size of the output).
    public var text: String {
        var writer = DOTWriter()
        writer.write(self)
        return writer.text
    }
}
