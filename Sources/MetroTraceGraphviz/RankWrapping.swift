/// Wraps wide ranks of a diagram into rows, so that no diagram grows wider than a screen
/// or an A3 page: a `rank=same` group of more than `maximumPerRow` nodes is split into
/// rows of at most that many, each row its own `rank=same` group, held one below the
/// other by invisible edges.
enum RankWrapping {
    /// The most nodes side by side in one row (boxes of up to about 300 pt: under 2,000 px at 96 dpi).
    static let maximumPerRow = 5

    /// Splits every rank group of `graph` wider than `maximumPerRow`.
    static func wrap(_ graph: inout DOTGraph, maximumPerRow: Int = maximumPerRow) {
        var subgraphs: [DOTGraph.Subgraph] = []
        for group in graph.subgraphs {
            let isRank = group.attributes.contains { $0.name == "rank" && $0.value == .text("same") }
            guard isRank, group.nodeNames.count > maximumPerRow else {
                subgraphs.append(group)
                continue
            }
            let rows = stride(from: 0, to: group.nodeNames.count, by: maximumPerRow).map {
                Array(group.nodeNames[$0..<min($0 + maximumPerRow, group.nodeNames.count)])
            }
            for (index, row) in rows.enumerated() {
                subgraphs.append(DOTGraph.Subgraph("\(group.name) row \(index + 1)", group.attributes, nodeNames: row))
                if index > 0 {
                    graph.edges.append(
                        DOTGraph.Edge(rows[index - 1][0], row[0], [.init("style", "invis"), .init("weight", "0")]))
                }
            }
        }
        graph.subgraphs = subgraphs
    }
}
