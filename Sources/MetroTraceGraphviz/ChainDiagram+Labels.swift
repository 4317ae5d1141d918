import MetroTrace

/// What the nodes, edges and clusters of a chain diagram say.
extension ChainDiagram.Builder {
    /// A node: id, name, kind, quantity and range, U where it was used, MPE or class,
    /// and the findings on the item at the query date.
    func node(at index: Int) -> DOTGraph.Node {
        let info = nodes[index]
        let name = names[index]
        if case .item(let item) = info.key, item.rawValue < 0 {
            return DOTGraph.Node(
                name,
                [
                    .init("label", .text(context.text("diagram.no-reference"))), .init("shape", "plaintext"),
                    .init("fontcolor", .text(DiagramStyle.line(.broken))),
                ])
        }
        let item = info.item
        let kind = network.kind(of: item)
        var label = HTMLLabel("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\">")
        label.openRow()
        label.bold(network.id(of: item))
        label.closeRow()
        label.row(network.itemName(of: item))
        label.openRow(pointSize: 9)
        label.text(context.text("kind." + kind.rawValue))
        label.raw(" · ")
        label.text(LocalizedText.quantity(network.quantity(of: item).name).rendered(in: context.language))
        if let range = network.range(of: item) {
            let unit = network.unit(of: item)
            label.raw(" · ")
            label.text(ValueFormatting.format(range.lower, unit: unit, scale: .absolute))
            label.raw(" … ")
            label.text(ValueFormatting.format(range.upper, unit: unit, scale: .absolute))
        }
        label.closeRow()
        if info.isAnchor { label.row("⚓ " + anchorText(item)) }
        if case .record(let record) = info.key {
            // Told apart when the item is drawn at two of its records.
            let due =
                chain.link(of: record)?.due?.description
                ?? analysis.validity(of: item, at: network.date(of: record)).due?.description
            label.row(
                "\(network.id(of: record)) · \(network.date(of: record)) → \(due ?? context.text("diagram.no-due-date"))",
                pointSize: 9)
        }
        writeUncertaintyLine(info, into: &label)
        if kind == .instrument || index == 0,
            let line = toleranceLine(item)
        {
            label.row(line, pointSize: 9)
        }
        if case .item = info.key, !info.isAnchor {
            label.row(context.text("diagram.no-record"), color: DiagramStyle.line(.broken))
        }
        for (status, note) in info.notes {
            for (position, line) in GraphvizLabelText.wrapped(status.symbol + " " + note, width: 58).enumerated() {
                label.openRow(pointSize: 9, color: DiagramStyle.line(status))
                label.text(position == 0 ? line : "   " + line)
                label.closeRow()
            }
        }
        label.raw("</TABLE>")
        let tooltip = DOTGraph.Attribute("tooltip", .text(network.id(of: item) + " — " + context.status(info.status)))
        if info.isAnchor {
            return DOTGraph.Node(
                name,
                [
                    .init("label", .html(label.markup)), .init("fillcolor", .text(DiagramStyle.anchorFill)),
                    .init("color", .text(DiagramStyle.anchorLine)), .init("peripheries", "2"), tooltip,
                ])
        }
        return DOTGraph.Node(
            name,
            [
                .init("label", .html(label.markup)), .init("fillcolor", .text(DiagramStyle.fill(info.status))),
                .init("color", .text(DiagramStyle.line(info.status))), tooltip,
            ])
    }

    /// An edge: certificate, activity, date → due, U (k) at the first point, TUR, and
    /// the rule ids of the link's findings about this reference.
    func edge(_ pending: ChainDiagram.PendingEdge) -> DOTGraph.Edge {
        let (link, reference) = (pending.link, pending.reference)
        let record = link.record
        // An edge carries the findings about its reference; the record's own findings are
        // on its node, the reference's own state on the reference's node.
        let relevant = findings(of: pending)
        let status = status(of: pending)
        var label = HTMLLabel()
        label.bold(network.id(of: record))
        label.raw("<BR/>")
        label.text(context.text("diagram.activity." + network.activity(of: record).rawValue))
        label.raw(" · ")
        label.raw(network.date(of: record).description)
        label.raw(" → ")
        label.text(link.due?.description ?? context.text("diagram.no-due-date"))
        let results = nodes[pending.to].results
        var separator = "<BR/>"
        if let first = results.first, first.u > 0 {
            label.raw(separator)
            writeExpanded(first.expanded, k: first.k, unit: network.unit(of: link.item), into: &label)
            if results.count > 1 {
                label.text(context.text("diagram.more-points", ("count", .literal(String(results.count - 1)))))
            }
            separator = " · "
        }
        if let ratio = testUncertaintyRatio(link.item, results) {
            label.raw(separator)
            label.raw("TUR ")
            label.raw(NumberFormatting.significant(ratio, digits: 2))
            label.raw(":1")
        }
        var causes: [(Status, String)] = relevant.filter { $0.severity != .info }.map {
            (Status(worst: $0.severity), "\($0.rule.id): " + cause($0, of: reference, record: record))
        }
        if let suspect = pending.suspect, let from = reference {
            causes.append(
                (
                    Status(worst: suspect.severity),
                    context.text(
                        "diagram.suspect-use", ("rule", .literal(Rule.suspect.id)),
                        ("cause", .literal(suspect.cause ?? network.id(of: from.item))),
                        ("date", .literal(suspect.date?.description ?? "?")),
                        ("used", .literal(network.date(of: record).description)))
                ))
        }
        var seen = Set<String>()
        for (causeStatus, text) in causes where seen.insert(text).inserted {
            for (position, line) in GraphvizLabelText.wrapped(causeStatus.symbol + " " + text, width: 52).enumerated() {
                label.raw("<BR/><FONT COLOR=\"")
                label.raw(DiagramStyle.line(causeStatus))
                label.raw("\">")
                if position == 0 { label.bold(line) } else { label.text("   " + line) }
                label.raw("</FONT>")
            }
        }
        return DOTGraph.Edge(
            names[pending.from], names[pending.to],
            [
                .init("label", .html(label.markup)),
                .init("color", .text(DiagramStyle.line(status))),
                .init("fontcolor", .text(status == .valid ? DiagramStyle.plainText : DiagramStyle.line(status))),
                .init("style", .text(reference == nil ? "dashed" : "solid")),
            ])
    }

    /// The findings an edge carries: those about its reference (the record's own are on
    /// its node, the reference's own state on the reference's node); for the edge of a
    /// record without references, the record's findings about no reference.
    func findings(of edge: ChainDiagram.PendingEdge) -> [Finding] {
        let referenceID = edge.reference.map { network.id(of: $0.item) }
        return edge.link.findings.filter {
            edge.reference == nil ? $0.reference == nil : $0.reference == referenceID
        }
    }

    /// An edge's colour: its findings' worst, at least amber on a suspect path.
    func status(of edge: ChainDiagram.PendingEdge) -> Status {
        let status = Status(worst: findings(of: edge).map(\.severity).max())
        return edge.suspect.map { max(status, Status(worst: $0.severity)) } ?? status
    }

    /// Why an edge is broken or suspect, in words: `ENV-P-WS1 expired 2026-05-19, used
    /// 2026-06-18`.
    func cause(_ finding: Finding, of reference: Chain.Reference?, record: RecordIndex) -> String {
        let day = network.date(of: record)
        let used: LocalizedText = .literal(day.description)
        let name: LocalizedText =
            (finding.reference ?? reference.map { network.id(of: $0.item) }).map(LocalizedText.literal)
            ?? .key("finding.the-reference")
        let date: LocalizedText = .literal(finding.date?.description ?? "?")
        switch finding.rule {
        case .referenceExpired:
            return context.text("diagram.cause.expired", ("name", name), ("date", date), ("used", used))
        case .referenceOutOfService:
            let state = reference.map { stateWords($0.item, at: day) } ?? context.text("state.out-of-service")
            return context.text(
                "diagram.cause.out-of-service", ("name", name), ("state", .literal(state)), ("date", date),
                ("used", used))
        case .referenceNoRecord: return context.text("diagram.cause.no-record", ("name", name), ("used", used))
        case .referenceInvalid:
            let upstream = reference?.record.map { LocalizedText.literal(" (\(network.id(of: $0)))") } ?? ""
            return context.text("diagram.cause.invalid", ("name", name), ("upstream", upstream), ("used", used))
        case .referenceVerdictFail: return context.text("diagram.cause.verdict-fail", ("name", name), ("used", used))
        case .referenceAnchorInvalid:
            return context.text("diagram.cause.anchor-invalid", ("name", name), ("used", used))
        default: return finding.message(in: context.language)
        }
    }

    /// The smallest tolerance / U over the points, when the item has a tolerance.
    func testUncertaintyRatio(_ item: ItemIndex, _ results: [PointUncertainty]) -> Double? {
        guard let tolerance = network.tolerance(of: item) else { return nil }
        return results.lazy.filter { $0.expanded > 0 }.map { tolerance.limit(at: $0.nominal) / $0.expanded }.min()
    }

    /// A lab cluster's label: name, id and the accreditations in force.
    func clusterLabel(_ lab: LabIndex) -> String {
        let model = network.labModel(lab)
        var label = HTMLLabel()
        // The bold name on a line of its own: a browser's bold CJK runs wider than Graphviz
        // measures, and would cover text set right after it on the same line.
        label.bold(model.name)
        label.raw("<BR/>")
        label.text(model.id)
        label.raw(" · ")
        let accreditations = model.accreditations.filter { $0.window.contains(chain.at) }
            .map { [$0.scheme, $0.id].compactMap { $0 }.joined(separator: " ") }
        label.text(
            accreditations.isEmpty ? context.text("diagram.no-accreditation") : accreditations.joined(separator: "; "))
        return label.markup
    }

    func anchorText(_ item: ItemIndex) -> String {
        switch network.kind(of: item) {
        case .siRealization: context.text("diagram.anchor.si")
        case .primaryStandard: context.text("diagram.anchor.primary")
        default: context.text("diagram.anchor.material")
        }
    }

    /// `U = 0.16 mg (k = 2)`, written into a label.
    func writeExpanded(_ expanded: Double, k: Double, unit: MetroTrace.Unit, into label: inout HTMLLabel) {
        label.text(expandedText(expanded, k: k, unit: unit))
    }

    /// `U = 0.16 mg (k = 2)`.
    func expandedText(_ expanded: Double, k: Double, unit: MetroTrace.Unit) -> String {
        "U = \(ValueFormatting.format(expanded, unit: unit, scale: .interval, digits: 2)) (k = \(NumberFormatting.significant(k, digits: k == k.rounded() ? 1 : 4)))"
    }

    /// A row `U = 0.16 mg (k = 2) at 1 kg`: the uncertainty where the standard was used
    /// (linear between its points, at most two values shown), or at its first point;
    /// `exact` for an anchor realised without uncertainty. No row for a node that has
    /// no record in force.
    func writeUncertaintyLine(_ info: ChainDiagram.NodeInfo, into label: inout HTMLLabel) {
        if case .item = info.key, !info.isAnchor { return }
        let results = info.results
        guard let first = results.first else {
            if info.isAnchor { label.row(context.text("check.exact"), pointSize: 9) }
            return
        }
        let unit = network.unit(of: info.item)
        label.openRow(pointSize: 9)
        defer { label.closeRow() }
        var values = info.usedAt.sorted()
        values.removeDuplicates()
        guard !values.isEmpty else {
            guard first.u > 0 else {
                label.text(context.text("check.exact"))
                return
            }
            guard results.count > 1 else {
                writeExpanded(first.expanded, k: first.k, unit: unit, into: &label)
                return
            }
            label.text(
                context.text(
                    "diagram.u-at", ("u", .literal(expandedText(first.expanded, k: first.k, unit: unit))),
                    ("value", .literal(ValueFormatting.format(first.nominal, unit: unit, scale: .absolute)))))
            return
        }
        let sorted = results.count > 1 ? results.sorted { $0.nominal < $1.nominal } : results
        for (position, x) in values.prefix(2).enumerated() {
            if position > 0 { label.raw("; ") }
            let (expanded, k) = Self.interpolated(sorted, at: x)
            let value: LocalizedText = .literal(ValueFormatting.format(x, unit: unit, scale: .absolute))
            label.text(
                expanded > 0
                    ? context.text(
                        "diagram.u-at", ("u", .literal(expandedText(expanded, k: k, unit: unit))), ("value", value))
                    : context.text("diagram.exact-at", ("value", value)))
        }
        if values.count > 2 { label.raw("; …") }
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
            var text = ""
            if let absolute = tolerance.absolute { text += absolute.description }
            if let relative = tolerance.relative {
                text += (tolerance.absolute == nil ? "" : " + ") + NumberFormatting.shortest(relative * 100) + " %"
            }
            parts.append(context.text("diagram.mpe", ("value", .literal(text))))
        }
        if let accuracyClass = network.accuracyClass(of: item) {
            parts.append(context.text("diagram.class", ("class", .literal(accuracyClass))))
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}

extension Array where Element: Equatable {
    /// Removes elements equal to the one before them (duplicates, once sorted).
    mutating func removeDuplicates() {
        guard count > 1 else { return }
        var kept = 1
        for index in 1..<count where self[index] != self[kept - 1] {
            self[kept] = self[index]
            kept += 1
        }
        removeLast(count - kept)
    }
}
