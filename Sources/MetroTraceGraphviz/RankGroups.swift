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
    private var rank: [Node: Int] = [:]
    private var order: [Node] = []
    private var edges: [(from: Node, to: Node)] = []

    /// Places `node` at `level` or below.
    mutating func place(_ node: Node, level: Int) {
        if rank[node] == nil { order.append(node) }
        rank[node] = max(rank[node] ?? level, level)
    }

    /// Records an edge; `to` will lie below `from` when both are placed.
    mutating func connect(_ from: Node, _ to: Node) {
        edges.append((from, to))
    }

    /// The groups from the top rank down, each with its nodes in the order placed and
    /// named by `name`.
    func subgraphs(name: (Node) -> String) -> [DOTGraph.Subgraph] {
        var rank = rank
        let placed = edges.filter { rank[$0.from] != nil && rank[$0.to] != nil }
        // Longest-path layering by relaxation; a cycle stops after one pass per node.
        for _ in 0..<order.count {
            var changed = false
            for edge in placed {
                let below = rank[edge.from]! + 1
                if rank[edge.to]! < below {
                    rank[edge.to] = below
                    changed = true
                }
            }
            if !changed { break }
        }
        // Whatever a cycle leaves on one rank with an edge between stays out of groups.
        let flat = Set(placed.filter { rank[$0.to] == rank[$0.from] }.flatMap { [$0.from, $0.to] })
        let grouped = Dictionary(grouping: order.filter { !flat.contains($0) }) { rank[$0]! }
        return grouped.keys.sorted().map { level in
            DOTGraph.Subgraph("level \(level)", [.init("rank", "same")], nodeNames: (grouped[level] ?? []).map(name))
        }
    }
}
