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
        let good = impact.lastGood.map { "last good calibration \($0)" } ?? "no good calibration before"
        graph.attributes.append(
            .init(
                "label",
                DiagramStyle.title(
                    "Impact of \(network.id(of: impact.standard)) found out of tolerance on \(impact.foundOn) (\(good))",
                    at: impact.at, context: context)))
        let standard = network.id(of: impact.standard)
        var ranks = RankGroups<String>(capacity: impact.items.count + 1)
        var label = HTMLLabel("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\">")
        label.openRow()
        label.bold(standard)
        label.closeRow()
        label.row(network.itemName(of: impact.standard))
        label.row("✗ out of tolerance since \(impact.foundOn)", color: DiagramStyle.line(.broken))
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
                graph.nodes.append(itemNode(entry, network: network))
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
                    group.lab.map { network.id(of: $0) } ?? (labs == 1 ? "one lab" : "\(labs) owner labs")
                let ids = group.items.map { network.id(of: $0) }
                let first = Array(ids.prefix(4))
                let shown =
                    stride(from: 0, to: first.count, by: 2).map {
                        first[$0..<min($0 + 2, first.count)].joined(separator: ", ")
                    }
                    .joined(separator: "\n") + (ids.count > 4 ? "\n… \(ids.count - 4) more (in the list)" : "")
                let status: Status = still > 0 ? .warning : .valid
                let link = graph.collapse(
                    node: name,
                    caption:
                        "\(ids.count) items affected through \(network.id(of: parent))"
                        + (group.lab.map { " · " + network.id(of: $0) } ?? ""),
                    members: group.items.map { item in
                        CollapsedNode.Member(
                            id: network.id(of: item), name: network.itemName(of: item),
                            lab: network.lab(of: item).map { network.id(of: $0) },
                            state: affected[item]?.stillAffected == true
                                ? "still affected: " + records(item).replacingOccurrences(of: "\n", with: ", ")
                                : "recalibrated since",
                            status: affected[item]?.stillAffected == true ? .warning : .valid)
                    })
                graph.nodes.append(
                    DOTGraph.Node(
                        name,
                        [
                            .init(
                                "label",
                                .text("\(ids.count) items · \(owner)\n⚠ \(still) still affected\n\(shown)")),
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
                            .init("label", .text("\(recordCount) record\(recordCount == 1 ? "" : "s")")),
                            .init("color", .text(DiagramStyle.line(.warning))),
                        ]))
            }
        }
        graph.subgraphs += ranks.subgraphs { $0 }
        RankWrapping.wrap(&graph)
        var legend = DiagramStyle.LegendContent(
            edges: "the affected records (id and date) by which an item stood on the standard or on an affected item.",
            nodes:
                "amber while the item's record in force is still affected, grey once it was recalibrated"
                + (groupCount > 0
                    ? "; a note box stands for several items (how many, the first ids; all of them in its tooltip and in the list beside the diagram, --format html)."
                    : "."))
        legend.statuses = [.broken]
        legend.brokenMeaning = "✗ the standard found out of tolerance"
        if impact.items.contains(where: \.stillAffected) { legend.statuses.insert(.warning) }
        graph.subgraphs.append(
            DOTGraph.Subgraph("legend", [.init("rank", "sink")], nodes: [DiagramStyle.legend(legend)]))
        return graph
    }

    /// One affected item: id, name, owner lab and whether it is still affected.
    static func itemNode(_ item: Impact.AffectedItem, network: Network) -> DOTGraph.Node {
        var label = HTMLLabel("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\">")
        label.openRow()
        label.bold(network.id(of: item.item))
        label.closeRow()
        label.row(network.itemName(of: item.item))
        if let lab = network.lab(of: item.item) { label.row(network.id(of: lab), pointSize: 9) }
        label.row(item.stillAffected ? "⚠ still affected" : "recalibrated since", pointSize: 9)
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
