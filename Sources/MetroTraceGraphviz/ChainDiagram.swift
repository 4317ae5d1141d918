import MetroTrace

/// The audit diagram of one full traceability chain: SI realisations and primary
/// standards at the top, the item at the bottom, one cluster per lab, edges from each
/// standard to what it calibrated, coloured by the link's worst finding.
public enum ChainDiagram {
    /// The diagram of `chain` as a Graphviz graph.
    ///
    /// - Complexity: O(c·(r + p)) for a chain of c records with r references and p points.
    public static func graph(_ chain: Chain, analysis: TraceabilityAnalysis, context: DiagramContext) -> DOTGraph {
        var builder = Builder(chain: chain, analysis: analysis)
        builder.build()
        var graph = DOTGraph(name: "chain of \(analysis.network.id(of: chain.item))")
        DiagramStyle.apply(to: &graph, context: context)
        graph.attributes.append(.init("label", DiagramStyle.title(
            "Traceability chain of \(analysis.network.id(of: chain.item)) — \(chain.status.symbol) \(chain.status.rawValue)",
            at: chain.at, context: context)))
        builder.layOut(into: &graph, context: context)
        return graph
    }

    /// The diagram of `chain` as DOT text.
    public static func dot(_ chain: Chain, analysis: TraceabilityAnalysis, context: DiagramContext) -> String {
        graph(chain, analysis: analysis, context: context).text
    }

    /// What a node stands for: an item as calibrated by one record of the chain, or an
    /// item on its own (an anchor, a reference with no record in force).
    enum Key: Hashable {
        case record(RecordIndex)
        case item(ItemIndex)
    }

    struct NodeInfo {
        var key: Key
        var item: ItemIndex
        var status: Status
        var isAnchor: Bool
        /// Values at which the node's standard was used by its children.
        var usedAt: [Double] = []
        /// Extra lines (the query date's findings on the item itself).
        var notes: [(Status, String)] = []
    }

    struct Builder {
        let chain: Chain
        let analysis: TraceabilityAnalysis
        var network: Network { analysis.network }
        var nodes: [Key: NodeInfo] = [:]
        var order: [Key] = []
        var edges: [DOTGraph.Edge] = []

        init(chain: Chain, analysis: TraceabilityAnalysis) {
            self.chain = chain
            self.analysis = analysis
        }

        mutating func node(_ key: Key, item: ItemIndex, status: Status, isAnchor: Bool) {
            if nodes[key] == nil {
                nodes[key] = NodeInfo(key: key, item: item, status: status, isAnchor: isAnchor)
                order.append(key)
            }
        }

        /// Collects nodes and edges from the chain.
        mutating func build() {
            let root: Key = chain.record.map(Key.record) ?? .item(chain.item)
            node(root, item: chain.item, status: max(chain.links.first?.status ?? chain.status, queryStatus()),
                 isAnchor: chain.isAnchor)
            let queryFindings = chain.findings.filter { $0.rule.dependsOnQueryDate }
            nodes[root]?.notes = queryFindings.map { (Status(worst: $0.severity), "\($0.rule.id): \($0.message)") }
            for link in chain.links {
                let target = Key.record(link.record)
                node(target, item: link.item, status: link.status, isAnchor: false)
                let findings = link.findings
                if link.references.isEmpty {
                    let missing = Key.item(ItemIndex(-1 - link.record.rawValue))
                    node(missing, item: link.item, status: .broken, isAnchor: false)
                    edges.append(edge(from: name(missing), to: target, link: link, reference: nil, findings: findings))
                    continue
                }
                for reference in link.references {
                    let source: Key
                    if let used = reference.record {
                        source = .record(used)
                        let usedLink = chain.link(of: used)
                        node(source, item: reference.item, status: usedLink?.status ?? .broken, isAnchor: false)
                    } else {
                        source = .item(reference.item)
                        node(source, item: reference.item, status: reference.isAnchor ? .valid : .broken,
                             isAnchor: reference.isAnchor)
                    }
                    let values = reference.at.isNaN ? network.points(of: link.record).map(\.nominal.si) : [reference.at]
                    nodes[source]?.usedAt.append(contentsOf: values)
                    edges.append(edge(from: name(source), to: target, link: link, reference: reference, findings: findings))
                }
            }
        }

        func queryStatus() -> Status {
            Status(worst: chain.findings.filter { $0.rule.dependsOnQueryDate }.map(\.severity).max())
        }

        /// The node's name: the item's id, or id and record when the item appears twice.
        func name(_ key: Key) -> String {
            switch key {
            case .item(let item) where item.rawValue < 0:
                return "no reference for \(network.id(of: RecordIndex(-1 - item.rawValue)))"
            case .item(let item):
                return network.id(of: item)
            case .record(let record):
                let item = network.item(of: record)
                let twice = nodes.values.filter { $0.item == item }.count > 1
                return twice ? "\(network.id(of: item)) · \(network.id(of: record))" : network.id(of: item)
            }
        }

        func edge(from source: String, to target: Key, link: Chain.Link, reference: Chain.Reference?,
                  findings: [Finding]) -> DOTGraph.Edge
        {
            let record = link.record
            // Findings about another reference belong to that reference's edge.
            let referenceID = reference.map { network.id(of: $0.item) }
            let relevant = findings.filter { $0.reference == nil || $0.reference == referenceID }
            let status = Status(worst: relevant.map(\.severity).max())
            var lines = ["<B>\(HTMLText.escape(network.id(of: record)))</B>"]
            let due = link.due?.description ?? "no due date"
            lines.append(HTMLText.escape("\(DiagramStyle.activity(network.activity(of: record))) · \(network.date(of: record)) → \(due)"))
            let results = analysis.uncertainty(of: record)
            var measurement: [String] = []
            if let first = results.first, first.u > 0 {
                let unit = network.unit(of: link.item)
                measurement.append(first.text(unit: unit) + (results.count > 1 ? " (+\(results.count - 1) points)" : ""))
            }
            if let ratio = testUncertaintyRatio(link.item, results) {
                measurement.append("TUR \(NumberFormatting.significant(ratio, digits: 2)):1")
            }
            if !measurement.isEmpty { lines.append(HTMLText.escape(measurement.joined(separator: " · "))) }
            let flagged = relevant.filter { $0.severity != .info }
            if !flagged.isEmpty {
                let ids = Array(Set(flagged.map { "\(Status(worst: $0.severity).symbol) \($0.rule.id)" })).sorted()
                lines.append("<FONT COLOR=\"\(DiagramStyle.line(status))\"><B>\(HTMLText.escape(ids.joined(separator: ", ")))</B></FONT>")
            }
            return DOTGraph.Edge(source, name(target), [
                .init("label", .html(lines.joined(separator: "<BR/>"))),
                .init("color", .text(DiagramStyle.line(status))),
                .init("fontcolor", .text(status == .valid ? "#333333" : DiagramStyle.line(status))),
                .init("style", .text(reference == nil ? "dashed" : "solid")),
            ])
        }

        /// The smallest tolerance / U over the points, when the item has a tolerance.
        func testUncertaintyRatio(_ item: ItemIndex, _ results: [PointUncertainty]) -> Double? {
            guard let tolerance = network.tolerance(of: item) else { return nil }
            return results.filter { $0.expanded > 0 }.map { tolerance.limit(at: $0.nominal) / $0.expanded }.min()
        }

        /// Writes nodes (in lab clusters), rank groups, edges and the legend.
        func layOut(into graph: inout DOTGraph, context: DiagramContext) {
            var clusters: [LabIndex: [DOTGraph.Node]] = [:]
            var clusterOrder: [LabIndex] = []
            var ranks = RankGroups()
            for key in order {
                guard let info = nodes[key] else { continue }
                let node = self.node(info)
                if case .item(let item) = key, item.rawValue < 0 {
                    graph.nodes.append(node)
                    continue
                }
                ranks.place(node.name, level: network.kind(of: info.item).level)
                if let lab = network.lab(of: info.item) {
                    if clusters[lab] == nil { clusterOrder.append(lab) }
                    clusters[lab, default: []].append(node)
                } else {
                    graph.nodes.append(node)
                }
            }
            for lab in clusterOrder {
                graph.subgraphs.append(DOTGraph.Subgraph(
                    "cluster_\(network.id(of: lab))",
                    [.init("label", .html(clusterLabel(lab))), .init("style", "rounded,dashed"),
                     .init("color", "#8a8a8a"), .init("fontsize", "10")],
                    nodes: clusters[lab] ?? []))
            }
            for edge in edges { ranks.connect(edge.from, edge.to) }
            graph.subgraphs += ranks.subgraphs()
            graph.edges = edges
            graph.subgraphs.append(DOTGraph.Subgraph("legend", [.init("rank", "sink")], nodes: [DiagramStyle.legend()]))
        }

        func clusterLabel(_ lab: LabIndex) -> String {
            let model = network.labModel(lab)
            var text = "<B>\(HTMLText.escape(model.name))</B> (\(HTMLText.escape(model.id)))"
            let accreditations = model.accreditations.filter { $0.window.contains(chain.at) }
                .map { [$0.scheme, $0.id].compactMap { $0 }.joined(separator: " ") }
            text += "<BR/>" + HTMLText.escape(accreditations.isEmpty ? "no accreditation in force" : accreditations.joined(separator: "; "))
            return text
        }

        func node(_ info: NodeInfo) -> DOTGraph.Node {
            let name = self.name(info.key)
            if case .item(let item) = info.key, item.rawValue < 0 {
                return DOTGraph.Node(name, [
                    .init("label", .text("✗ no reference (chain.unanchored)")), .init("shape", "plaintext"),
                    .init("fontcolor", .text(DiagramStyle.line(.broken))),
                ])
            }
            let item = info.item
            var rows = ["<B>\(HTMLText.escape(network.id(of: item)))</B>", HTMLText.escape(network.itemName(of: item))]
            var facts = [network.kind(of: item).rawValue, network.quantity(of: item).name]
            if let range = network.range(of: item) {
                let unit = network.unit(of: item)
                facts.append("\(ValueFormatting.format(range.lower, unit: unit, scale: .absolute)) … \(ValueFormatting.format(range.upper, unit: unit, scale: .absolute))")
            }
            rows.append("<FONT POINT-SIZE=\"9\">\(HTMLText.escape(facts.joined(separator: " · ")))</FONT>")
            if info.isAnchor {
                rows.append(HTMLText.escape("⚓ " + anchorText(item)))
            }
            if let line = uncertaintyLine(info) { rows.append("<FONT POINT-SIZE=\"9\">\(HTMLText.escape(line))</FONT>") }
            if network.kind(of: item) == .instrument || info.key == (chain.record.map(Key.record) ?? .item(chain.item)) {
                if let line = toleranceLine(item) { rows.append("<FONT POINT-SIZE=\"9\">\(HTMLText.escape(line))</FONT>") }
            }
            if case .item = info.key, !info.isAnchor {
                rows.append("<FONT COLOR=\"\(DiagramStyle.line(.broken))\">✗ no record in force</FONT>")
            }
            for (status, note) in info.notes {
                rows.append("<FONT POINT-SIZE=\"9\" COLOR=\"\(DiagramStyle.line(status))\">\(HTMLText.escape(status.symbol + " " + note))</FONT>")
            }
            let html = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\">"
                + rows.map { "<TR><TD>\($0)</TD></TR>" }.joined() + "</TABLE>"
            var attributes: [DOTGraph.Attribute] = [.init("label", .html(html))]
            if info.isAnchor {
                attributes += [.init("fillcolor", .text(DiagramStyle.anchorFill)),
                               .init("color", .text(DiagramStyle.anchorLine)), .init("peripheries", "2")]
            } else {
                attributes += [.init("fillcolor", .text(DiagramStyle.fill(info.status))),
                               .init("color", .text(DiagramStyle.line(info.status)))]
            }
            attributes.append(.init("tooltip", .text("\(network.id(of: item)) — \(info.status.rawValue)")))
            return DOTGraph.Node(name, attributes)
        }

        func anchorText(_ item: ItemIndex) -> String {
            switch network.kind(of: item) {
            case .siRealization: "SI realisation"
            case .primaryStandard: "recognised primary standard"
            default: "recognised reference material"
            }
        }

        /// `U = 0.16 mg (k = 2) at 1 kg`: the uncertainty where the standard was used
        /// (linear between its points), or at its first point.
        func uncertaintyLine(_ info: NodeInfo) -> String? {
            let results: [PointUncertainty]
            switch info.key {
            case .record(let record): results = analysis.uncertainty(of: record)
            case .item(let item) where info.isAnchor: results = analysis.uncertainty(of: item, at: chain.at)
            default: return nil
            }
            guard let first = results.first else { return info.isAnchor ? "exact" : nil }
            let unit = network.unit(of: info.item)
            let values = Array(Set(info.usedAt)).sorted()
            guard !values.isEmpty else {
                return first.u > 0 ? first.text(unit: unit) + (results.count > 1 ? " at \(ValueFormatting.format(first.nominal, unit: unit, scale: .absolute))" : "") : "exact"
            }
            let sorted = results.sorted { $0.nominal < $1.nominal }
            let shown = values.prefix(2).map { x -> String in
                let at = ValueFormatting.format(x, unit: unit, scale: .absolute)
                let (expanded, k) = Self.interpolated(sorted, at: x)
                guard expanded > 0 else { return "exact at \(at)" }
                let text = ValueFormatting.format(expanded, unit: unit, scale: .interval, digits: 2)
                return "U = \(text) (k = \(NumberFormatting.significant(k, digits: k == k.rounded() ? 1 : 4))) at \(at)"
            }
            return shown.joined(separator: "; ") + (values.count > 2 ? "; …" : "")
        }

        /// U and k at `x`, linear between the points around it (clamped), for display.
        static func interpolated(_ sorted: [PointUncertainty], at x: Double) -> (Double, Double) {
            guard let first = sorted.first, let last = sorted.last else { return (0, 0) }
            if x <= first.nominal { return (first.expanded, first.k) }
            if x >= last.nominal { return (last.expanded, last.k) }
            let upper = sorted.firstIndex { $0.nominal >= x } ?? sorted.count - 1
            let (a, b) = (sorted[upper - 1], sorted[upper])
            let w = b.nominal == a.nominal ? 0 : (x - a.nominal) / (b.nominal - a.nominal)
            return ((1 - w) * a.expanded + w * b.expanded, w < 0.5 ? a.k : b.k)
        }

        /// `MPE ±0.15 g · class III`.
        func toleranceLine(_ item: ItemIndex) -> String? {
            var parts: [String] = []
            if let tolerance = network.tolerance(of: item) {
                var text = "MPE ±"
                if let absolute = tolerance.absolute { text += absolute.description }
                if let relative = tolerance.relative {
                    text += (tolerance.absolute == nil ? "" : " + ") + NumberFormatting.shortest(relative * 100) + " %"
                }
                parts.append(text)
            }
            if let accuracyClass = network.accuracyClass(of: item) { parts.append("class \(accuracyClass)") }
            return parts.isEmpty ? nil : parts.joined(separator: " · ")
        }
    }
}
