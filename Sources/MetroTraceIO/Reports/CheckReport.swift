import MetroTrace

/// The result of `metrotrace check`: every item's traceability at a date, as a
/// terminal table or as stable JSON (`docs/json-output.md`).
public struct CheckReport: Sendable {
    /// One item's line.
    public struct Entry: Sendable, Codable {
        /// The item's traceability at the date.
        public var validity: ItemValidity
        /// Every finding on its chain, the query date's first; duplicates removed.
        public var findings: [Finding]
    }

    /// The analysis the report reads from.
    public let analysis: TraceabilityAnalysis
    /// The query date.
    public let at: Day
    /// What the policy was (`default` or a file name).
    public let policyName: String
    /// Warnings from loading the dataset.
    public let loadWarnings: [Diagnostic]
    /// The items, in dataset order.
    public let entries: [Entry]
    /// Whether the JSON gives each point's uncertainty budget (each item's ancestry is
    /// propagated again for it, so it is left out unless asked for).
    public var includesBudgets = false

    /// Checks every item of the analysed network at `at`.
    public init(
        analysis: TraceabilityAnalysis, at: Day, policyName: String = "default",
        loadWarnings: [Diagnostic] = []
    ) {
        self.analysis = analysis
        self.at = at
        self.policyName = policyName
        self.loadWarnings = loadWarnings
        // One chain per item gives its validity and findings; its uncertainty is read
        // through the same record in force (``TraceabilityAnalysis/uncertainty(of:)``).
        entries = analysis.network.itemIndices.map { item in
            let chain = analysis.chain(of: item, at: at)
            let validity = chain.validity
            // A valid item without a record in force lists none of its (information) findings.
            guard validity.status != .valid || validity.record != nil else {
                return Entry(validity: validity, findings: [])
            }
            var seen = Set<Finding>()
            return Entry(validity: validity, findings: chain.findings.filter { seen.insert($0).inserted })
        }
    }

    /// How many items are valid, have warnings, are broken.
    public var counts: (valid: Int, warning: Int, broken: Int) {
        var counts = (valid: 0, warning: 0, broken: 0)
        for entry in entries {
            switch entry.validity.status {
            case .valid: counts.valid += 1
            case .warning: counts.warning += 1
            case .broken: counts.broken += 1
            }
        }
        return counts
    }

    /// Whether any item has an error finding (the command then exits with 1).
    public var hasErrors: Bool { entries.contains { $0.validity.status == .broken } }

    /// `42 items: 30 valid, 5 with warnings, 7 broken`
    public var summaryLine: String {
        let c = counts
        return
            "\(entries.count) item\(entries.count == 1 ? "" : "s"): \(c.valid) valid, \(c.warning) with warnings, \(c.broken) broken"
    }

    // MARK: Text

    /// The report as an aligned table, the findings of every item that has any, and the
    /// summary line.
    public func table() -> String {
        let net = analysis.network
        var table = TextTable(headings: [
            "STATUS", "ITEM", "KIND", "LAB", "RECORD", "DATE", "DUE", "UNCERTAINTY", "WORST FINDING",
        ])
        for entry in entries {
            let v = entry.validity
            let worst = entry.findings.max { $0.severity < $1.severity }
            let points = analysis.uncertainty(of: v)
            var uncertainty = points.first.map { $0.u > 0 ? $0.text(unit: net.unit(of: v.item)) : "exact" } ?? "-"
            if points.count > 1 { uncertainty += " +\(points.count - 1) points" }
            table.append([
                "\(v.status.symbol) \(v.status.rawValue)", net.id(of: v.item), net.kind(of: v.item).rawValue,
                net.lab(of: v.item).map { net.id(of: $0) } ?? "-",
                v.record.map { net.id(of: $0) } ?? (v.isAnchor ? "(anchor)" : "-"),
                v.record.map { net.date(of: $0).description } ?? "-",
                v.due?.description ?? (v.record == nil ? "-" : "never"),
                uncertainty,
                worst.map { $0.severity == .info ? "-" : $0.rule.id } ?? "-",
            ])
        }
        var text = "MetroTrace check of \"\(net.name)\" at \(at) (policy: \(policyName))\n\n"
        text += table.rendered()
        let flagged = entries.filter { $0.findings.contains { $0.severity != .info } }
        if !flagged.isEmpty {
            text += "\nFindings\n"
            for entry in flagged {
                let v = entry.validity
                text += "\(v.status.symbol) \(net.id(of: v.item))\n"
                for finding in entry.findings where finding.severity != .info {
                    let place = [finding.record].compactMap { $0 }.joined()
                    text +=
                        "    \(finding.severity.rawValue) \(finding.rule.id)\(place.isEmpty ? "" : " [\(place)]"): \(finding.message)\n"
                }
            }
        }
        text += "\n" + summaryLine + "\n"
        return text
    }

    // MARK: JSON

    /// The report as the documented JSON object.
    public func json() -> JSONOutputValue {
        .object(members(items: .array(entries.map(json))))
    }

    /// ``json()`` rendered (indented when `pretty`), written in pieces to `emit` without
    /// building the items' array: the same text as `json().rendered(pretty:)`, in a
    /// fraction of the memory (a national check is hundreds of megabytes of JSON).
    public func writeJSON(pretty: Bool = true, to emit: (String) -> Void) {
        JSONOutputValue.stream(
            members(items: .null), streamed: "items", count: entries.count, element: { json(entries[$0]) },
            pretty: pretty, emit: emit)
    }

    /// The report's members, `items` holding the items' array (or a placeholder).
    private func members(items: JSONOutputValue) -> [JSONOutputValue.Member] {
        let c = counts
        let summary: JSONOutputValue = .object([
            "items": .integer(entries.count), "valid": .integer(c.valid),
            "warning": .integer(c.warning), "broken": .integer(c.broken),
        ])
        return [
            .init("metrotrace", 1), .init("command", "check"), .init("dataset", .string(analysis.network.name)),
            .init("at", .string(at.description)), .init("policy", .string(policyName)), .init("summary", summary),
            .init("items", items), .init("diagnostics", .array(loadWarnings.map(CheckReport.json))),
        ]
    }

    /// One item's entry as JSON.
    private func json(_ entry: Entry) -> JSONOutputValue {
        let net = analysis.network
        let v = entry.validity
        return .object([
            "item": .string(net.id(of: v.item)),
            "name": .string(net.itemName(of: v.item)),
            "kind": .string(net.kind(of: v.item).rawValue),
            "quantity": .string(net.quantity(of: v.item).name),
            "lab": .optional(net.lab(of: v.item).map { net.id(of: $0) }),
            "status": .string(v.status.rawValue),
            "anchor": .bool(v.isAnchor),
            "record": .optional(v.record.map { net.id(of: $0) }),
            "date": .optional(v.record.map { net.date(of: $0).description }),
            "due": .optional(v.due?.description),
            "uncertainty": UncertaintyJSON.object(
                analysis.uncertainty(of: v), unit: net.unit(of: v.item),
                budgets: includesBudgets ? (budgets(v), net) : nil),
            "findings": .array(entry.findings.map(CheckReport.json)),
        ])
    }

    /// The budget of each point of an item's result: its record in force, or its
    /// realisation when it is an anchor.
    private func budgets(_ validity: ItemValidity) -> [PointBudget] {
        if validity.isAnchor { return analysis.anchorBudget(of: validity.item) }
        return validity.record.map { analysis.budget(of: $0) } ?? []
    }

    /// A finding as JSON: `rule`, `severity`, `item`, `record`, `lab`, `reference`, `message`.
    public static func json(_ finding: Finding) -> JSONOutputValue {
        .object([
            "rule": .string(finding.rule.id), "severity": .string(finding.severity.rawValue),
            "item": .string(finding.item), "record": .optional(finding.record),
            "lab": .optional(finding.lab), "reference": .optional(finding.reference),
            "message": .string(finding.message),
        ])
    }

    /// A load diagnostic as JSON.
    public static func json(_ diagnostic: Diagnostic) -> JSONOutputValue {
        .object([
            "severity": .string(diagnostic.severity.rawValue), "file": .optional(diagnostic.file),
            "line": diagnostic.line.map { .integer($0) } ?? .null, "path": .string(diagnostic.path),
            "subject": .optional(diagnostic.subject), "message": .string(diagnostic.message),
        ])
    }
}
