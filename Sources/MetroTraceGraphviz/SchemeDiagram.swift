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
                    context.text("diagram.scheme.title", ("quantity", .quantity(quantity))), at: day, context: context))
        )

        var clusters = LabClusters()
        var ranks = RankGroups<String>()
        // Lab clusters sit side by side, each as wide as its widest rank: past a dozen
        // standards they would make the chart many screens wide, so the lab is written
        // in each box instead and wide ranks wrap into rows.
        let standardCount = items.lazy.filter { network.kind(of: $0) != .instrument }.count
        let clustered = standardCount <= LabClusters.maximumStandards
        func place(_ node: DOTGraph.Node, lab: LabIndex?, level: Int) {
            ranks.place(node.name, level: level)
            if !clustered || !clusters.place(node, lab: lab) { graph.nodes.append(node) }
        }
        // Instruments collapsed per standard used: counts by status, owner labs, and the
        // list of ids (in the node's tooltip, the first few in its label).
        struct Group {
            var standard: ItemIndex?
            var counts: [Status: Int] = [:]
            var labs: [LabIndex?] = []
            var ids: [String] = []
            var members: [CollapsedNode.Member] = []
        }
        var groups: [Group] = []
        var groupOf: [ItemIndex?: Int] = [:]
        var statuses: Set<Status> = []
        var hasAnchor = false
        for item in items where network.kind(of: item) == .instrument {
            let validity = analysis.validity(of: item, at: day)
            do {
                let standards =
                    validity.record.map { record in
                        analysis.chain(of: item, at: day).link(of: record)?.references.map(\.item) ?? []
                    } ?? []
                for standard in standards.isEmpty ? [nil] : standards.map(Optional.some) {
                    let position = groupOf[standard] ?? groups.count
                    if position == groups.count {
                        groups.append(Group(standard: standard))
                        groupOf[standard] = position
                    }
                    groups[position].counts[validity.status, default: 0] += 1
                    let lab = network.lab(of: item)
                    if !groups[position].labs.contains(lab) { groups[position].labs.append(lab) }
                    groups[position].ids.append(network.id(of: item))
                    groups[position].members.append(
                        CollapsedNode.Member(
                            id: network.id(of: item), name: network.itemName(of: item),
                            lab: lab.map { network.id(of: $0) },
                            state: context.status(validity.status), status: validity.status))
                }
            }
        }
        // In a large chart, the instruments calibrated with a standard are a row of its
        // own box (their ids in its tooltip) rather than boxes of their own.
        let standardsInChart = Set(items.filter { network.kind(of: $0) != .instrument })
        func folded(_ group: Group) -> Bool {
            !clustered && group.standard.map(standardsInChart.contains) == true
        }
        func tally(_ group: Group) -> String {
            [Status.valid, .warning, .broken].compactMap { status in
                group.counts[status].map { "\(status.symbol) \($0) \(context.text("status." + status.rawValue))" }
            }.joined(separator: " · ")
        }
        func labsText(_ group: Group) -> String {
            group.labs.count == 1
                ? (group.labs[0].map { network.id(of: $0) } ?? context.text("diagram.no-lab"))
                : context.text("diagram.owner-labs", ("count", .literal(String(group.labs.count))))
        }
        for item in items where network.kind(of: item) != .instrument {
            let validity = analysis.validity(of: item, at: day)
            let status = validity.status
            var rows = [
                "<B>\(GraphvizLabelText.escape(network.id(of: item)))</B>",
                GraphvizLabelText.escape(network.itemName(of: item)),
                "<FONT POINT-SIZE=\"9\">\(GraphvizLabelText.escape(context.text("kind." + network.kind(of: item).rawValue)))\(clustered ? "" : GraphvizLabelText.escape(network.lab(of: item).map { " · " + network.id(of: $0) } ?? ""))</FONT>",
            ]
            if let first = analysis.uncertainty(of: item, at: day).first, first.u > 0 {
                rows.append(
                    "<FONT POINT-SIZE=\"9\">\(GraphvizLabelText.escape(first.text(unit: network.unit(of: item))))</FONT>"
                )
            }
            if !clustered, let record = validity.record {
                rows.append(
                    "<FONT POINT-SIZE=\"9\">\(GraphvizLabelText.escape("\(network.id(of: record)) · \(network.date(of: record))"))</FONT>"
                )
            }
            var tooltip = network.id(of: item)
            var link: DOTGraph.Attribute?
            if let position = groupOf[item], folded(groups[position]) {
                let group = groups[position]
                let worst = group.counts.keys.max() ?? .valid
                statuses.formUnion(group.counts.keys)
                rows.append(
                    "<FONT POINT-SIZE=\"9\" COLOR=\"\(DiagramStyle.line(worst))\">\(GraphvizLabelText.escape(context.text("diagram.scheme.instruments", ("count", .literal(String(group.ids.count))), ("labs", .literal(labsText(group))))))</FONT>"
                )
                rows.append(
                    "<FONT POINT-SIZE=\"9\" COLOR=\"\(DiagramStyle.line(worst))\">\(GraphvizLabelText.escape(tally(group)))</FONT>"
                )
                tooltip += " calibrated: " + group.ids.joined(separator: " ")
                link = graph.collapse(
                    node: NodeName.item(network.id(of: item)),
                    caption: context.text(
                        "diagram.scheme.caption", ("count", .literal(String(group.ids.count))),
                        ("standard", .literal(network.id(of: item))), ("tally", .literal(tally(group)))),
                    members: group.members)
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
                        .init("peripheries", .text(anchor ? "2" : "1")), .init("tooltip", .text(tooltip)),
                    ] + (link.map { [$0] } ?? [])), lab: network.lab(of: item), level: network.kind(of: item).level)
            if let record = validity.record {
                // A large chart names the record in the box: edge labels would widen every rank.
                let recordText =
                    "\(network.id(of: record))\n\(context.text("diagram.activity." + network.activity(of: record).rawValue)) \(network.date(of: record))"
                for reference in analysis.chain(of: item, at: day).link(of: record)?.references ?? [] {
                    var attributes: [DOTGraph.Attribute] = [.init("color", .text(DiagramStyle.line(status)))]
                    if clustered { attributes.append(.init("label", .text(recordText))) }
                    graph.edges.append(
                        DOTGraph.Edge(
                            NodeName.item(network.id(of: reference.item)), NodeName.item(network.id(of: item)),
                            attributes))
                }
            }
        }
        for (position, group) in groups.enumerated() where !folded(group) {
            let count = group.ids.count
            let worst = group.counts.keys.max() ?? .valid
            statuses.formUnion(group.counts.keys)
            let name = "instruments \(position + 1)"
            let labs = labsText(group)
            let tally = tally(group)
            let shown =
                group.ids.prefix(4).joined(separator: ", ") + (count > 4 ? context.text("diagram.in-the-list") : "")
            let link = graph.collapse(
                node: name,
                caption: group.standard.map {
                    context.text(
                        "diagram.scheme.caption", ("count", .literal(String(count))),
                        ("standard", .literal(network.id(of: $0))), ("tally", .literal(tally)))
                }
                    ?? context.text(
                        "diagram.scheme.caption.none", ("count", .literal(String(count))), ("tally", .literal(tally))),
                members: group.members)
            place(
                DOTGraph.Node(
                    name,
                    [
                        .init(
                            "label",
                            .text(
                                context.text(
                                    "diagram.scheme.note", ("count", .literal(String(count))), ("labs", .literal(labs)))
                                    + "\n\(tally)\n\(shown)")),
                        .init("tooltip", .text(group.ids.joined(separator: " "))), link,
                        .init("shape", "note"), .init("style", "filled"),
                        .init("fillcolor", .text(DiagramStyle.fill(worst))),
                        .init("color", .text(DiagramStyle.line(worst))),
                    ]), lab: group.labs.count == 1 ? group.labs[0] : nil, level: ItemKind.instrument.level)
            if let standard = group.standard {
                graph.edges.append(
                    DOTGraph.Edge(
                        NodeName.item(network.id(of: standard)), name,
                        [.init("label", .text("\(count)")), .init("color", .text(DiagramStyle.line(worst)))]))
            }
        }
        graph.subgraphs += clusters.subgraphs(network: network) { lab in
            // The id on its own line: bold CJK runs wider in browsers than Graphviz measures.
            "<B>\(GraphvizLabelText.escape(network.labModel(lab).name))</B><BR/>\(GraphvizLabelText.escape(network.id(of: lab)))"
        }
        for edge in graph.edges { ranks.connect(edge.from, edge.to) }
        graph.subgraphs += ranks.subgraphs { $0 }
        RankWrapping.wrap(&graph)
        var legend = DiagramStyle.LegendContent(
            context: context, edges: context.text("legend.scheme.edges"), nodes: context.text("legend.scheme.nodes"))
        legend.statuses = statuses
        legend.anchor = hasAnchor
        graph.subgraphs.append(
            DOTGraph.Subgraph("legend", [.init("rank", "sink")], nodes: [DiagramStyle.legend(legend)]))
        return graph
    }
}
