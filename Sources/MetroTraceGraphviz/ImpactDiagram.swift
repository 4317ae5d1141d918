import MetroTrace

/// The impact tree of a standard found out of tolerance: the standard at the top, each
/// affected item below what it was calibrated with, amber while its record in force is
/// still affected and grey once it was recalibrated; edges carry the affected records.
public enum ImpactDiagram {
    /// Items drawn at most; the rest are counted in a note (a national standard can reach
    /// hundreds of thousands of items, which no diagram shows usefully).
    public static let maximumItems = 300

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
        let shown = impact.items.prefix(maximumItems)
        let drawn = Set(shown.map(\.item))
        for item in shown {
            var label = HTMLLabel("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\">")
            label.openRow()
            label.bold(network.id(of: item.item))
            label.closeRow()
            label.row(network.itemName(of: item.item))
            if let lab = network.lab(of: item.item) { label.row(network.id(of: lab), pointSize: 9) }
            label.row(item.stillAffected ? "⚠ still affected" : "recalibrated since", pointSize: 9)
            label.raw("</TABLE>")
            let status: Status = item.stillAffected ? .warning : .valid
            graph.nodes.append(
                DOTGraph.Node(
                    NodeName.item(network.id(of: item.item)),
                    [
                        .init("label", .html(label.markup)),
                        .init(
                            "fillcolor",
                            .text(item.stillAffected ? DiagramStyle.fill(status) : DiagramStyle.inactiveFill)),
                        .init(
                            "color", .text(item.stillAffected ? DiagramStyle.line(status) : DiagramStyle.inactiveLine)),
                    ]))
        }
        for record in impact.records where drawn.contains(record.item) {
            let from = record.via.map { network.id(of: network.item(of: $0)) } ?? standard
            guard from == standard || drawn.contains(network.item(of: record.via!)) else { continue }
            graph.edges.append(
                DOTGraph.Edge(
                    NodeName.item(from), NodeName.item(network.id(of: record.item)),
                    [
                        .init("label", .text("\(network.id(of: record.record))\n\(network.date(of: record.record))")),
                        .init("color", .text(DiagramStyle.line(.warning))),
                    ]))
        }
        if impact.items.count > shown.count {
            graph.nodes.append(
                DOTGraph.Node(
                    "more",
                    [
                        .init(
                            "label",
                            .text(
                                "… and \(impact.items.count - shown.count) more affected items (see the table or JSON)")
                        ),
                        .init("shape", "plaintext"),
                    ]))
        }
        return graph
    }
}
