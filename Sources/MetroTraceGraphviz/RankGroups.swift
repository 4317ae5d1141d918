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
    private var nodes: [Node] = []
    private var ranks: [Int] = []
    /// Node positions by node, kept once there are many nodes (a linear search is
    /// cheaper for the dozen of a chain).
    private var positions: [Node: Int] = [:]
    private var edges: [(from: Node, to: Node)] = []

    /// Groups for about `capacity` nodes.
    init(capacity: Int = 0) {
        nodes.reserveCapacity(capacity)
        ranks.reserveCapacity(capacity)
        edges.reserveCapacity(capacity * 2)
    }

    private func position(of node: Node) -> Int? {
        nodes.count > 32 ? positions[node] : nodes.firstIndex(of: node)
    }

    /// Places `node` at `level` or below.
    mutating func place(_ node: Node, level: Int) {
        if let existing = position(of: node) {
            ranks[existing] = max(ranks[existing], level)
            return
        }
        nodes.append(node)
        ranks.append(level)
        if nodes.count > 32 {
            if positions.isEmpty {
                for (index, node) in nodes.enumerated() { positions[node] = index }
            } else {
                positions[node] = nodes.count - 1
            }
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
            guard let from = position(of: edge.from), let to = position(of: edge.to) else { return nil }
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
            let members = nodes.indices.filter { rank[$0] == level && !flat[$0] }.map { name(nodes[$0]) }
            return DOTGraph.Subgraph("level \(level)", [.init("rank", "same")], nodeNames: members)
        }
    }
}
