import MetroTrace

/// The nodes of a diagram grouped by the lab that owns their item: one dashed cluster per
/// lab, in the order the labs first appear.
struct LabClusters {
    /// The most standards a diagram draws in lab clusters; beyond, clusters side by side
    /// would make it too wide, and each box names its lab instead.
    static let maximumStandards = 12

    private var order: [LabIndex] = []
    private var members: [LabIndex: [DOTGraph.Node]] = [:]

    /// Puts `node` into the cluster of `lab`; false, keeping nothing, when there is no lab
    /// (the caller then places the node outside every cluster).
    mutating func place(_ node: DOTGraph.Node, lab: LabIndex?) -> Bool {
        guard let lab else { return false }
        if members[lab] == nil { order.append(lab) }
        members[lab, default: []].append(node)
        return true
    }

    /// One subgraph per lab, named `cluster_ID`, labelled by `label` (Graphviz HTML).
    func subgraphs(network: Network, label: (LabIndex) -> String) -> [DOTGraph.Subgraph] {
        order.map { lab in
            DOTGraph.Subgraph(
                "cluster_" + network.id(of: lab),
                [
                    .init("label", .html(label(lab))), .init("style", "rounded,dashed"),
                    .init("color", .text(DiagramStyle.clusterLine)), .init("fontsize", "10"),
                ],
                nodes: members[lab] ?? [])
        }
    }
}
