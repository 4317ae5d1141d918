import MetroTrace

/// A box of a diagram that stands for several items, and the items it stands for.
///
/// Large diagrams collapse leaves into one box ("23 instruments · 2 broken · 1 suspect")
/// so that they stay legible; the box names the first few, its tooltip all of them, and
/// the HTML page of the diagram (``DiagramFormat/html``) lists every one beside it, so
/// that nothing drawn collapsed is lost on paper either.
public struct CollapsedNode: Hashable, Sendable {
    /// One item a collapsed box stands for.
    public struct Member: Hashable, Sendable {
        /// The item's id.
        public var id: String
        /// The item's name.
        public var name: String
        /// The owner lab's id, when it has one.
        public var lab: String?
        /// The state shown for it: its status at the query date, or whether it is still
        /// affected by an impact.
        public var state: String
        /// The colour class of the state.
        public var status: Status

        /// A member with its facts.
        public init(id: String, name: String, lab: String?, state: String, status: Status) {
            self.id = id
            self.name = name
            self.lab = lab
            self.state = state
            self.status = status
        }
    }

    /// The DOT name of the box.
    public var node: String
    /// What the box says it stands for, e.g. "23 instruments calibrated with N-mass-2".
    public var caption: String
    /// The items, in the order the box names them.
    public var members: [Member]
    /// The fragment id of the box's list in the diagram's HTML page (`list-1`, `list-2`
    /// …, in the order the boxes were collapsed); the box links to it.
    public var listAnchor: String
}

extension DOTGraph {
    /// Records that the node `node` stands for `members`, and returns the attribute that
    /// links the box to its list (Graphviz writes it as an SVG `<a>` around the box).
    mutating func collapse(node: String, caption: String, members: [CollapsedNode.Member]) -> Attribute {
        let anchor = "list-\(collapsed.count + 1)"
        collapsed.append(CollapsedNode(node: node, caption: caption, members: members, listAnchor: anchor))
        return Attribute("URL", .text("#" + anchor))
    }
}
