import MetroTrace

/// The impact tree of a standard found out of tolerance: the standard at the top, each
/// affected item below what it was calibrated with, amber while its record in force is
/// still affected and grey once it was recalibrated; edges carry the affected records.
///
/// Nothing is dropped, and the diagram stays legible at any size: the items calibrated
/// from one node that calibrated nothing further are drawn one by one while they are
/// few, and otherwise collapsed into one box per owner lab (or one for all, when the
/// labs are many) that counts them and lists them (the first in its label, all in its
/// tooltip and in ``DOTGraph/collapsed``, which the HTML page lists beside the diagram);
/// wide ranks wrap into rows.
public enum ImpactDiagram {
    /// The most items drawn one by one under one node; more are collapsed.
    public static let maximumItems = 6
    /// The most lab boxes under one node; more labs make one box for all.
    static let maximumLabGroups = 10

    /// The diagram of `impact`.
    public static func graph(_ impact: Impact, network: Network, context: DiagramContext) -> DOTGraph {
        var graph = DOTGraph(name: "impact of \(network.id(of: impact.standard))")
        DiagramStyle.apply(to: &graph, context: context)
        let good =
            impact.lastGood.map { context.text("diagram.impact.last-good", ("date", .literal($0.description))) }
            ?? context.text("diagram.impact.no-good")
        graph.attributes.append(
            .init(
                "label",
                DiagramStyle.title(
                    context.text(
                        "diagram.impact.title", ("standard", .literal(network.id(of: impact.standard))),
                        ("date", .literal(impact.foundOn.description)), ("good", .literal(good))),
                    at: impact.at, context: context)))
        let standard = network.id(of: impact.standard)
        var ranks = RankGroups<String>(capacity: impact.items.count + 1)
        var label = HTMLLabel("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\">")
        label.openRow()
        label.bold(standard)
        label.closeRow()
        label.row(network.itemName(of: impact.standard))
        label.row(
            context.text("diagram.impact.out-of-tolerance", ("date", .literal(impact.foundOn.description))),
            color: DiagramStyle.line(.broken))
        label.raw("</TABLE>")
        graph.nodes.append(
            DOTGraph.Node(
                NodeName.item(standard),
                [
                    .init("label", .html(label.markup)), .init("fillcolor", .text(DiagramStyle.fill(.broken))),
                    .init("color", .text(DiagramStyle.line(.broken))), .init("peripheries", "2"),
                ]))
        ranks.place(NodeName.item(standard), level: 0)

        // Each affected item under the node it was first reached from.
        let affected = Dictionary(impact.items.map { ($0.item, $0) }, uniquingKeysWith: { a, _ in a })
        var parentOf: [ItemIndex: ItemIndex] = [:]
        var isParent: Set<ItemIndex> = []
        for record in impact.records where parentOf[record.item] == nil {
            let parent = record.via.map { network.item(of: $0) } ?? impact.standard
            parentOf[record.item] = parent
            isParent.insert(parent)
        }
        var children: [ItemIndex: [ItemIndex]] = [:]
        var parents: [ItemIndex] = []
        for item in impact.items {
            let parent = parentOf[item.item] ?? impact.standard
            if children[parent] == nil { parents.append(parent) }
            children[parent, default: []].append(item.item)
        }
        func nodeName(_ item: ItemIndex) -> String {
            item == impact.standard ? NodeName.item(standard) : NodeName.item(network.id(of: item))
        }
        func records(_ item: ItemIndex) -> String {
            (affected[item]?.records ?? []).map { "\(network.id(of: $0)) \(network.date(of: $0))" }.joined(
                separator: "\n")
        }
        var groupCount = 0
        for parent in parents {
            let all = children[parent] ?? []
            let leaves = all.filter { !isParent.contains($0) }
            let singles = leaves.count <= maximumItems ? all : all.filter { isParent.contains($0) }
            for item in singles {
                guard let entry = affected[item] else { continue }
                graph.nodes.append(itemNode(entry, network: network, context: context))
                ranks.place(nodeName(item), level: entry.depth)
                ranks.connect(nodeName(parent), nodeName(item))
                graph.edges.append(
                    DOTGraph.Edge(
                        nodeName(parent), nodeName(item),
                        [.init("label", .text(records(item))), .init("color", .text(DiagramStyle.line(.warning)))]))
            }
            guard leaves.count > maximumItems else { continue }
            // The leaves collapsed, per owner lab while the labs are few.
            var byLab: [(lab: LabIndex?, items: [ItemIndex])] = []
            for item in leaves {
                let lab = network.lab(of: item)
                if let position = byLab.firstIndex(where: { $0.lab == lab }) {
                    byLab[position].items.append(item)
                } else {
                    byLab.append((lab, [item]))
                }
            }
            let groups: [(lab: LabIndex?, items: [ItemIndex])] =
                byLab.count > maximumLabGroups ? [(nil, leaves)] : byLab
            for group in groups {
                groupCount += 1
                let name = "affected \(groupCount)"
                let still = group.items.filter { affected[$0]?.stillAffected == true }.count
                let labs = Set(group.items.map { network.lab(of: $0) }).count
                let owner =
                    group.lab.map { network.id(of: $0) }
                    ?? context.text("diagram.owner-labs", ("count", .literal(String(labs))))
                let ids = group.items.map { network.id(of: $0) }
                let first = Array(ids.prefix(4))
                let shown =
                    stride(from: 0, to: first.count, by: 2).map {
                        first[$0..<min($0 + 2, first.count)].joined(separator: ", ")
                    }
                    .joined(separator: "\n")
                    + (ids.count > 4
                        ? "\n" + context.text("diagram.impact.more", ("count", .literal(String(ids.count - 4)))) : "")
                let status: Status = still > 0 ? .warning : .valid
                let link = graph.collapse(
                    node: name,
                    caption:
                        context.text(
                            "diagram.impact.caption", ("count", .literal(String(ids.count))),
                            ("parent", .literal(network.id(of: parent))))
                        + (group.lab.map { " · " + network.id(of: $0) } ?? ""),
                    members: group.items.map { item in
                        CollapsedNode.Member(
                            id: network.id(of: item), name: network.itemName(of: item),
                            lab: network.lab(of: item).map { network.id(of: $0) },
                            state: affected[item]?.stillAffected == true
                                ? context.text(
                                    "diagram.impact.still-affected-records",
                                    ("records", .literal(records(item).replacingOccurrences(of: "\n", with: ", "))))
                                : context.text("diagram.impact.recalibrated"),
                            status: affected[item]?.stillAffected == true ? .warning : .valid)
                    })
                graph.nodes.append(
                    DOTGraph.Node(
                        name,
                        [
                            .init(
                                "label",
                                .text(
                                    context.text(
                                        "diagram.impact.note", ("count", .literal(String(ids.count))),
                                        ("owner", .literal(owner)), ("still", .literal(String(still)))) + "\n\(shown)")),
                            .init("tooltip", .text(ids.joined(separator: " "))), link,
                            .init("shape", "note"), .init("style", "filled"),
                            .init(
                                "fillcolor", .text(still > 0 ? DiagramStyle.fill(status) : DiagramStyle.inactiveFill)),
                            .init("color", .text(still > 0 ? DiagramStyle.line(status) : DiagramStyle.inactiveLine)),
                        ]))
                let depth = group.items.compactMap { affected[$0]?.depth }.min() ?? 1
                ranks.place(name, level: depth)
                ranks.connect(nodeName(parent), name)
                let recordCount = group.items.reduce(0) { $0 + (affected[$1]?.records.count ?? 0) }
                graph.edges.append(
                    DOTGraph.Edge(
                        nodeName(parent), name,
                        [
                            .init(
                                "label",
                                .text(context.text("diagram.impact.records", ("count", .literal(String(recordCount)))))),
                            .init("color", .text(DiagramStyle.line(.warning))),
                        ]))
            }
        }
        graph.subgraphs += ranks.subgraphs { $0 }
        RankWrapping.wrap(&graph)
        var legend = DiagramStyle.LegendContent(
            context: context, edges: context.text("legend.impact.edges"),
            nodes: context.text(groupCount > 0 ? "legend.impact.nodes.collapsed" : "legend.impact.nodes"))
        legend.statuses = [.broken]
        legend.brokenMeaning = context.text("legend.impact.broken")
        if impact.items.contains(where: \.stillAffected) { legend.statuses.insert(.warning) }
        graph.subgraphs.append(
            DOTGraph.Subgraph("legend", [.init("rank", "sink")], nodes: [DiagramStyle.legend(legend)]))
        return graph
    }

    /// One affected item: id, name, owner lab and whether it is still affected.
    static func itemNode(_ item: Impact.AffectedItem, network: Network, context: DiagramContext) -> DOTGraph.Node {
        var label = HTMLLabel("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\">")
        label.openRow()
        label.bold(network.id(of: item.item))
        label.closeRow()
        label.row(network.itemName(of: item.item))
        if let lab = network.lab(of: item.item) { label.row(network.id(of: lab), pointSize: 9) }
        label.row(
            item.stillAffected
                ? "⚠ " + context.text("diagram.impact.still-affected") : context.text("diagram.impact.recalibrated"),
            pointSize: 9)
        label.raw("</TABLE>")
        let status: Status = item.stillAffected ? .warning : .valid
        return DOTGraph.Node(
            NodeName.item(network.id(of: item.item)),
            [
                .init("label", .html(label.markup)),
                .init("fillcolor", .text(item.stillAffected ? DiagramStyle.fill(status) : DiagramStyle.inactiveFill)),
                .init("color", .text(item.stillAffected ? DiagramStyle.line(status) : DiagramStyle.inactiveLine)),
            ])
    }
}
