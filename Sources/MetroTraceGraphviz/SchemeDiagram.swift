import MetroTrace

/// The verification-scheme chart (检定系统框图) of one kind of quantity at a date: every
/// standard of that quantity by level, with the links between them (each standard's record
/// in force and the standards it used), and the instruments collapsed into counts per lab
/// and standard.
public enum SchemeDiagram {
    /// The chart as a Graphviz graph; nil when no item measures `quantity`.
    ///
    /// - Complexity: O(n·(log h + e)) over the n items of the network.
    public static func graph(
        quantity: String, analysis: TraceabilityAnalysis, at day: Day,
        context: DiagramContext
    ) -> DOTGraph? {
        let network = analysis.network
        let items = network.itemIndices.filter { network.quantity(of: $0).name == quantity }
        guard !items.isEmpty else { return nil }
        var graph = DOTGraph(name: "scheme of \(quantity)")
        DiagramStyle.apply(to: &graph, context: context)
        graph.attributes.append(
            .init(
                "label",
                DiagramStyle.title(
                    "Verification scheme (检定系统框图) of \(quantity)", at: day, context: context)))

        var clusters = LabClusters()
        var ranks = RankGroups<String>()
        func place(_ node: DOTGraph.Node, lab: LabIndex?, level: Int) {
            ranks.place(node.name, level: level)
            if !clusters.place(node, lab: lab) { graph.nodes.append(node) }
        }
        // Instruments per (owner lab, standard used, status): counts.
        struct Group: Hashable {
            var lab: LabIndex?
            var standard: ItemIndex?
            var status: Status
        }
        var groups: [Group: Int] = [:]
        var groupOrder: [Group] = []
        var statuses: Set<Status> = []
        var hasAnchor = false
        for item in items {
            let validity = analysis.validity(of: item, at: day)
            if network.kind(of: item) == .instrument {
                let standards =
                    validity.record.map { record in
                        analysis.chain(of: item, at: day).link(of: record)?.references.map(\.item) ?? []
                    } ?? []
                for standard in standards.isEmpty ? [nil] : standards.map(Optional.some) {
                    let group = Group(lab: network.lab(of: item), standard: standard, status: validity.status)
                    if groups[group] == nil { groupOrder.append(group) }
                    groups[group, default: 0] += 1
                }
                continue
            }
            let status = validity.status
            var rows = [
                "<B>\(GraphvizLabelText.escape(network.id(of: item)))</B>",
                GraphvizLabelText.escape(network.itemName(of: item)),
                "<FONT POINT-SIZE=\"9\">\(GraphvizLabelText.escape(network.kind(of: item).rawValue))</FONT>",
            ]
            if let first = analysis.uncertainty(of: item, at: day).first, first.u > 0 {
                rows.append(
                    "<FONT POINT-SIZE=\"9\">\(GraphvizLabelText.escape(first.text(unit: network.unit(of: item))))</FONT>"
                )
            }
            let html =
                "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\">"
                + rows.map { "<TR><TD>\($0)</TD></TR>" }.joined() + "</TABLE>"
            let anchor = validity.isAnchor
            if anchor { hasAnchor = true } else { statuses.insert(status) }
            place(
                DOTGraph.Node(
                    NodeName.item(network.id(of: item)),
                    [
                        .init("label", .html(html)),
                        .init("fillcolor", .text(anchor ? DiagramStyle.anchorFill : DiagramStyle.fill(status))),
                        .init("color", .text(anchor ? DiagramStyle.anchorLine : DiagramStyle.line(status))),
                        .init("peripheries", .text(anchor ? "2" : "1")),
                    ]), lab: network.lab(of: item), level: network.kind(of: item).level)
            if let record = validity.record {
                for reference in analysis.chain(of: item, at: day).link(of: record)?.references ?? [] {
                    graph.edges.append(
                        DOTGraph.Edge(
                            NodeName.item(network.id(of: reference.item)), NodeName.item(network.id(of: item)),
                            [
                                .init(
                                    "label",
                                    .text(
                                        "\(network.id(of: record))\n\(DiagramStyle.activity(network.activity(of: record))) \(network.date(of: record))"
                                    )),
                                .init("color", .text(DiagramStyle.line(status))),
                            ]))
                }
            }
        }
        for (position, group) in groupOrder.enumerated() {
            let count = groups[group] ?? 0
            statuses.insert(group.status)
            let name = "instruments \(position + 1)"
            let owner = group.lab.map { network.id(of: $0) } ?? "no lab"
            place(
                DOTGraph.Node(
                    name,
                    [
                        .init(
                            "label",
                            .text(
                                "\(count) instrument\(count == 1 ? "" : "s") · \(owner)\n\(group.status.symbol) \(group.status.rawValue)"
                            )),
                        .init("shape", "note"), .init("style", "filled"),
                        .init("fillcolor", .text(DiagramStyle.fill(group.status))),
                        .init("color", .text(DiagramStyle.line(group.status))),
                    ]), lab: group.lab, level: ItemKind.instrument.level)
            if let standard = group.standard {
                graph.edges.append(
                    DOTGraph.Edge(
                        NodeName.item(network.id(of: standard)), name,
                        [
                            .init("label", .text("\(count)")), .init("color", .text(DiagramStyle.line(group.status))),
                        ]))
            }
        }
        graph.subgraphs += clusters.subgraphs(network: network) { lab in
            "<B>\(GraphvizLabelText.escape(network.labModel(lab).name))</B> (\(GraphvizLabelText.escape(network.id(of: lab))))"
        }
        for edge in graph.edges { ranks.connect(edge.from, edge.to) }
        graph.subgraphs += ranks.subgraphs { $0 }
        var legend = DiagramStyle.LegendContent(
            edges:
                "the standard's record in force (id, 检定/校准/测试, date), coloured by the calibrated item's status; to a group of instruments, how many it calibrated.",
            nodes: "each standard with U at its first point; instruments grouped by owner lab, standard and status.")
        legend.statuses = statuses
        legend.anchor = hasAnchor
        graph.subgraphs.append(
            DOTGraph.Subgraph("legend", [.init("rank", "sink")], nodes: [DiagramStyle.legend(legend)]))
        return graph
    }
}
