/// The `rank=same` groups of a diagram: every node at or below the level of its kind of
/// item (SI realisations and primary standards at the top, instruments at the bottom),
/// and strictly below every node with an edge into it.
///
/// Two nodes joined by an edge must never share a rank group: besides drawing the
/// calibration sideways, such a flat edge between two clusters makes Graphviz 2.42's
/// `dot` layout free memory twice when the layout is released (`gvFreeLayout`), which
/// aborts the process. A provincial reference standard calibrated by an NMI reference
/// standard is the common case.
struct RankGroups<Node: Hashable> {
    /// Nodes in the order placed, with their ranks.
    private var nodes: PositionIndex<Node>
    private var ranks: [Int] = []
    private var edges: [(from: Node, to: Node)] = []

    /// Groups for about `capacity` nodes.
    init(capacity: Int = 0) {
        nodes = PositionIndex(capacity: capacity)
        ranks.reserveCapacity(capacity)
        edges.reserveCapacity(capacity * 2)
    }

    /// Places `node` at `level` or below.
    mutating func place(_ node: Node, level: Int) {
        if let existing = nodes.position(of: node) {
            ranks[existing] = max(ranks[existing], level)
        } else {
            nodes.append(node)
            ranks.append(level)
        }
    }

    /// Records an edge; `to` will lie below `from` when both are placed.
    mutating func connect(_ from: Node, _ to: Node) {
        edges.append((from, to))
    }

    /// The groups from the top rank down, each with its nodes in the order placed and
    /// named by `name`.
    func subgraphs(name: (Node) -> String) -> [DOTGraph.Subgraph] {
        var rank = ranks
        let placed: [(from: Int, to: Int)] = edges.compactMap { edge in
            guard let from = nodes.position(of: edge.from), let to = nodes.position(of: edge.to) else { return nil }
            return (from, to)
        }
        // Longest-path layering by relaxation; a cycle stops after one pass per node.
        for _ in 0..<nodes.count {
            var changed = false
            for edge in placed where rank[edge.to] < rank[edge.from] + 1 {
                rank[edge.to] = rank[edge.from] + 1
                changed = true
            }
            if !changed { break }
        }
        // Whatever a cycle leaves on one rank with an edge between stays out of groups.
        var flat = [Bool](repeating: false, count: nodes.count)
        for edge in placed where rank[edge.to] == rank[edge.from] {
            flat[edge.from] = true
            flat[edge.to] = true
        }
        var levels: [Int] = []
        for (index, level) in rank.enumerated() where !flat[index] && !levels.contains(level) { levels.append(level) }
        return levels.sorted().map { level in
            let members = nodes.keys.indices.filter { rank[$0] == level && !flat[$0] }.map { name(nodes.keys[$0]) }
            return DOTGraph.Subgraph("level \(level)", [.init("rank", "same")], nodeNames: members)
        }
    }
}
