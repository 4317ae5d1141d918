import MetroTrace

/// The result of `metrotrace chain`: an item's full traceability chain at a date, as a
/// readable tree (item → record → references … → anchors) or as stable JSON
/// (`docs/json-output.md`).
public struct ChainReport: Sendable {
    /// The analysis the report reads from.
    public let analysis: TraceabilityAnalysis
    /// The chain.
    public let chain: Chain
    /// What the policy was (`default` or a file name).
    public let policyName: String
    /// Whether the text shows each link's uncertainty budget (the JSON always does).
    public var showsBudget = false
    /// The budget of every link, from one propagation of the chain: for the JSON, and
    /// for the text with ``showsBudget``.
    var budgets: [RecordIndex: [PointBudget]] { analysis.budgets(of: chain.links.map(\.record)) }

    /// The chain of `item` at `at`.
    public init(
        analysis: TraceabilityAnalysis, item: ItemIndex, at: Day, policyName: String = "default",
        showsBudget: Bool = false
    ) {
        self.analysis = analysis
        self.chain = analysis.chain(of: item, at: at)
        self.policyName = policyName
        self.showsBudget = showsBudget
    }

    var network: Network { analysis.network }

    // MARK: Text

    /// The chain as a tree with ✓/⚠/✗ per link, in English.
    public func text() -> String { text(.plain) }

    /// The chain as a tree with ✓/⚠/✗ per link, in the options' language and colours.
    public func text(_ options: TextOptions) -> String {
        let item = chain.item
        var lines: [String] = []
        lines.append(
            options.bold(
                options.text(
                    "chain.title", ("item", .literal(network.id(of: item))), ("date", .literal(chain.at.description)),
                    ("dataset", .literal(network.name)), ("policy", .literal(policyName)))))
        lines.append(options.coloured(options.status(chain.status), chain.status) + ": " + describe(item, options))
        let queryFindings = chain.findings.prefix { finding in
            chain.links.first.map { link in !link.findings.contains(finding) } ?? true
        }
        for finding in queryFindings { lines.append("  " + line(finding, options)) }
        if chain.isAnchor {
            lines.append("  " + options.text("chain.anchor", ("what", .literal(anchorText(item, options)))))
        }
        if let record = chain.record {
            var shown: Set<RecordIndex> = []
            render(
                record, prefix: "", budgets: showsBudget ? budgets : [:], options: options, into: &lines, shown: &shown)
        }
        let counts = (
            errors: chain.findings.filter { $0.severity == .error }.count,
            warnings: chain.findings.filter { $0.severity == .warning }.count
        )
        lines.append("")
        lines.append(
            options.text(
                "chain.summary", ("count", .literal(String(chain.links.count))),
                ("errors", .key("chain.errors", ("count", .literal(String(counts.errors))))),
                ("warnings", .key("chain.warnings", ("count", .literal(String(counts.warnings)))))))
        return lines.joined(separator: "\n") + "\n"
    }

    func describe(_ item: ItemIndex, _ options: TextOptions) -> String {
        let lab = network.lab(of: item).map { " · \(network.id(of: $0))" } ?? ""
        return
            "\(network.id(of: item))  \(network.itemName(of: item))  (\(options.text("kind." + network.kind(of: item).rawValue + ".short"))\(lab))"
    }

    func line(_ finding: Finding, _ options: TextOptions) -> String {
        let status = Status(worst: finding.severity)
        return options.coloured("\(status.symbol) \(finding.rule.id)", status) + ": "
            + finding.message(in: options.language)
    }

    func anchorText(_ item: ItemIndex, _ options: TextOptions) -> String {
        switch network.kind(of: item) {
        case .siRealization: options.text("diagram.anchor.si")
        case .primaryStandard: options.text("diagram.anchor.primary")
        default: options.text("diagram.anchor.material")
        }
    }

    func render(
        _ record: RecordIndex, prefix: String, budgets: [RecordIndex: [PointBudget]], options: TextOptions,
        into lines: inout [String], shown: inout Set<RecordIndex>
    ) {
        guard let link = chain.link(of: record) else { return }
        shown.insert(record)
        let due = link.due?.description ?? options.text("diagram.no-due-date")
        let procedure = network.procedure(of: record).map { "  \($0)" } ?? ""
        lines.append(
            prefix + options.coloured("\(link.status.symbol) \(network.id(of: record))", link.status) + "  "
                + options.text(
                    "chain.record", ("activity", .key("activity." + network.activity(of: record).rawValue)),
                    ("lab", .literal(network.id(of: network.lab(of: record)))),
                    ("date", .literal(network.date(of: record).description)), ("due", .literal(due)))
                + procedure)
        let body = prefix + (link.references.isEmpty ? "    " : "│   ")
        let points = pointsText(record, options)
        if !points.isEmpty { lines.append(body + options.text("chain.points", ("points", .literal(points)))) }
        if let budget = budgets[record] {
            lines.append(
                contentsOf: BudgetReport.lines(budget, of: record, network: network, options: options).map { body + $0 }
            )
        }
        for finding in link.findings { lines.append(body + line(finding, options)) }
        for (position, reference) in link.references.enumerated() {
            let last = position == link.references.count - 1
            let branch = prefix + (last ? "└── " : "├── ")
            let inner = prefix + (last ? "    " : "│   ")
            let at =
                reference.at.isNaN
                ? options.text("chain.each-point")
                : ValueFormatting.format(reference.at, unit: network.unit(of: reference.item), scale: .absolute)
            lines.append(
                branch
                    + options.text(
                        "chain.reference", ("item", .literal(describe(reference.item, options))), ("at", .literal(at))))
            if reference.isAnchor {
                lines.append(
                    inner + "⚓ " + options.text("chain.anchor", ("what", .literal(anchorText(reference.item, options))))
                )
            } else if let used = reference.record {
                if shown.contains(used) {
                    lines.append(inner + options.text("chain.shown-above", ("record", .literal(network.id(of: used)))))
                } else {
                    render(used, prefix: inner, budgets: budgets, options: options, into: &lines, shown: &shown)
                }
            } else {
                lines.append(
                    inner
                        + options.coloured(
                            options.text("chain.no-record", ("date", .literal(network.date(of: record).description))),
                            Status.broken))
            }
        }
    }

    func pointsText(_ record: RecordIndex, _ options: TextOptions) -> String {
        let unit = network.unit(of: network.item(of: record))
        let stated = network.points(of: record)
        return zip(stated, analysis.uncertainty(of: record)).map { point, result in
            var text = ValueFormatting.format(result.nominal, unit: unit, scale: .absolute)
            if let expanded = point.expanded {
                // A stated U is echoed in the unit the certificate wrote it in.
                let written = ValueFormatting.format(
                    expanded.value.si, unit: expanded.value.unit, scale: .interval, digits: 2, choosePrefix: false)
                text += ": U = \(written) (\(result.coverageText))"
            } else if result.u > 0 {
                let dof = result.dof.map { "ν_eff = \(NumberFormatting.significant($0, digits: 3))" } ?? "ν_eff = ∞"
                text +=
                    ": "
                    + options.text("chain.computed", ("u", .literal(result.text(unit: unit))), ("dof", .literal(dof)))
            } else {
                text += ": " + options.text("check.exact")
            }
            return text
        }.joined(separator: "; ")
    }

    // MARK: JSON

    /// The chain as the documented JSON object.
    public func json() -> JSONOutputValue {
        let item = chain.item
        return .object([
            "metrotrace": 1,
            "command": "chain",
            "dataset": .string(network.name),
            "item": .string(network.id(of: item)),
            "name": .string(network.itemName(of: item)),
            "kind": .string(network.kind(of: item).rawValue),
            "at": .string(chain.at.description),
            "policy": .string(policyName),
            "status": .string(chain.status.rawValue),
            "anchor": .bool(chain.isAnchor),
            "record": .optional(chain.record.map { network.id(of: $0) }),
            "findings": .array(chain.findings.map(CheckReport.json)),
            "links": .array(chain.links.map { json($0, budgets: budgets) }),
        ])
    }

    func json(_ link: Chain.Link, budgets: [RecordIndex: [PointBudget]]) -> JSONOutputValue {
        let record = link.record
        let points: [JSONOutputValue] = network.points(of: record).map { point in
            .object([
                "nominal": .number(point.nominal.si),
                "value": .optional(point.value?.si),
                "U": .optional(point.expanded?.value.si),
                "k": .optional(point.expanded?.k),
                "coverage": .optional(point.expanded?.coverage),
                "dof": .optional(point.expanded?.dof),
            ])
        }
        let unit = network.unit(of: link.item)
        let references: [JSONOutputValue] = link.references.map { reference in
            .object([
                "item": .string(network.id(of: reference.item)),
                "at": reference.at.isNaN ? .string("nominal") : .number(reference.at),
                "sensitivity": .number(reference.sensitivity),
                "record": .optional(reference.record.map { network.id(of: $0) }),
                "anchor": .bool(reference.isAnchor),
                "atText": reference.at.isNaN
                    ? .string("nominal")
                    : .string(
                        ValueFormatting.format(reference.at, unit: network.unit(of: reference.item), scale: .absolute)),
            ])
        }
        return .object([
            "record": .string(network.id(of: record)),
            "item": .string(network.id(of: link.item)),
            "lab": .string(network.id(of: network.lab(of: record))),
            "activity": .string(network.activity(of: record).rawValue),
            "date": .string(network.date(of: record).description),
            "due": .optional(link.due?.description),
            "procedure": .optional(network.procedure(of: record)),
            "verdict": .optional(network.verdict(of: record)?.rawValue),
            "status": .string(link.status.rawValue),
            "unit": .string(Unit.coherent(network.quantity(of: link.item).dimension).symbol),
            "itemUnit": .string(unit.symbol),
            "points": .array(points),
            "uncertainty": UncertaintyJSON.object(
                analysis.uncertainty(of: record), unit: unit, budgets: budgets[record].map { ($0, network) }),
            "references": .array(references),
            "findings": .array(link.findings.map(CheckReport.json)),
        ])
    }
}
