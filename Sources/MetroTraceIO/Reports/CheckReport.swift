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
    /// Which items are listed; the summary counts those.
    public let filter: CheckFilter
    /// Whether the JSON lists the items (`check --summary` leaves them out).
    public var includesItems = true

    /// Checks every item of the analysed network at `at` that `filter` keeps.
    ///
    /// With `findings` false the entries hold each item's validity alone, read without
    /// building its chain (what `check --summary` counts): a national network's million
    /// chains are most of a check's time.
    public init(
        analysis: TraceabilityAnalysis, at: Day, policyName: String = "default",
        loadWarnings: [Diagnostic] = [], filter: CheckFilter = CheckFilter(), findings: Bool = true
    ) {
        self.analysis = analysis
        self.at = at
        self.policyName = policyName
        self.loadWarnings = loadWarnings
        self.filter = filter
        let network = analysis.network
        // What can be told without a chain is filtered before: a lab's check of a
        // national network builds only that lab's chains.
        var unfiltered = filter
        unfiltered.statuses = []
        let candidates =
            unfiltered.isEmpty
            ? Array(network.itemIndices)
            : network.itemIndices.filter { unfiltered.keeps($0, status: .valid, in: network) }
        // One chain per item gives its validity and findings; its uncertainty is read
        // through the same record in force (``TraceabilityAnalysis/uncertainty(of:)``).
        guard findings else {
            entries = candidates.compactMap { item in
                let validity = analysis.validity(of: item, at: at)
                guard filter.statuses.isEmpty || filter.statuses.contains(validity.status) else { return nil }
                return Entry(validity: validity, findings: [])
            }
            return
        }
        entries = candidates.compactMap { item in
            let chain = analysis.chain(of: item, at: at)
            let validity = chain.validity
            guard filter.statuses.isEmpty || filter.statuses.contains(validity.status) else { return nil }
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
    public var summaryLine: String { summaryLine(.plain) }

    /// The summary line in the options' language: `42 items: 30 valid, 5 with warnings,
    /// 7 broken`, and how many items the network has when a filter left some out.
    public func summaryLine(_ options: TextOptions) -> String {
        let c = counts
        var line = options.text(
            "check.summary", ("count", .literal(String(entries.count))), ("valid", .literal(String(c.valid))),
            ("warning", .literal(String(c.warning))), ("broken", .literal(String(c.broken))))
        if !filter.isEmpty {
            line += options.text("check.summary.filtered", ("total", .literal(String(analysis.network.itemCount))))
        }
        return line
    }

    // MARK: Text

    /// The report as an aligned table, the findings of every item that has any, and the
    /// summary line; in English, as wide as it needs.
    public func table() -> String { table(.plain) }

    /// The report as an aligned table, the findings of every item that has any, and the
    /// summary line, in the options' language, fitted to their width (the uncertainty and
    /// worst-finding columns cut first, findings wrapped) and coloured when asked.
    public func table(_ options: TextOptions) -> String {
        let net = analysis.network
        var table = TextTable(
            headings: ["status", "item", "kind", "lab", "record", "date", "due", "uncertainty", "worst"].map {
                options.text("check.heading." + $0)
            })
        // Narrow terminals lose the long cells first, then the record's date and the kind;
        // the status and the item's id are never cut.
        table.cuttable = [(7, 12), (8, 12), (2, 8), (4, 12), (3, 6), (7, 8), (8, 8)]
        table.droppable = [5, 2]
        var statuses: [Status] = []
        statuses.reserveCapacity(entries.count)
        // The words of a row rendered once, not per row: a national check prints a
        // million of them.
        let statusText = Dictionary(uniqueKeysWithValues: Status.allCases.map { ($0, options.status($0)) })
        let kindText = Dictionary(
            uniqueKeysWithValues: ItemKind.allCases.map { ($0, options.text("kind." + $0.rawValue + ".short")) })
        let (exact, anchor, never) = (
            options.text("check.exact"), options.text("check.anchor"), options.text("check.never")
        )
        var morePoints: [Int: String] = [:]
        for entry in entries {
            let v = entry.validity
            let worst = entry.findings.max { $0.severity < $1.severity }
            let points = analysis.uncertainty(of: v)
            var uncertainty =
                points.first.map { $0.u > 0 ? $0.text(unit: net.unit(of: v.item)) : exact } ?? "-"
            if points.count > 1 {
                let more = points.count - 1
                if morePoints[more] == nil {
                    morePoints[more] = options.text("check.more-points", ("count", .literal(String(more))))
                }
                uncertainty += morePoints[more]!
            }
            statuses.append(v.status)
            table.append([
                statusText[v.status]!, net.id(of: v.item), kindText[net.kind(of: v.item)]!,
                net.lab(of: v.item).map { net.id(of: $0) } ?? "-",
                v.record.map { net.id(of: $0) } ?? (v.isAnchor ? anchor : "-"),
                v.record.map { net.date(of: $0).description } ?? "-",
                v.due?.description ?? (v.record == nil ? "-" : never),
                uncertainty,
                worst.map { $0.severity == .info ? "-" : $0.rule.id } ?? "-",
            ])
        }
        var text =
            options.bold(title(options)) + "\n\n"
        text += table.rendered(
            width: options.width,
            decorate: !options.colours
                ? nil
                : { row, column, cell in
                    row >= 0 && column == 0
                        ? options.coloured(cell, statuses[row]) : row < 0 ? options.bold(cell) : cell
                })
        let flagged = entries.filter { $0.findings.contains { $0.severity != .info } }
        if !flagged.isEmpty {
            text += "\n" + options.bold(options.text("check.findings")) + "\n"
            for entry in flagged {
                let v = entry.validity
                text += options.coloured("\(v.status.symbol) \(net.id(of: v.item))", v.status) + "\n"
                for finding in entry.findings where finding.severity != .info {
                    let place = finding.record.map { " [\($0)]" } ?? ""
                    let severity = options.text("severity." + finding.severity.rawValue)
                    let line =
                        "    \(severity) \(finding.rule.id)\(place): \(finding.message(in: options.language))"
                    let wrapped = TextTable.wrap(line, width: options.width, indent: 8)
                    // The severity coloured after wrapping: escapes take no columns.
                    let prefix = "    " + severity
                    text +=
                        (wrapped.hasPrefix(prefix)
                            ? "    " + options.coloured(severity, finding.severity) + wrapped.dropFirst(prefix.count)
                            : wrapped) + "\n"
                }
            }
        }
        text += "\n" + TextTable.wrap(summaryLine(options), width: options.width, indent: 2) + "\n"
        return text
    }

    /// The title line, wrapped to the width.
    func title(_ options: TextOptions) -> String {
        TextTable.wrap(
            options.text(
                "check.title", ("dataset", .literal(analysis.network.name)), ("date", .literal(at.description)),
                ("policy", .literal(policyName))), width: options.width, indent: 2)
    }

    /// The title and the counts only (`check --summary`).
    public func summary(_ options: TextOptions) -> String {
        let c = counts
        var text =
            options.bold(title(options)) + "\n\n"
        var table = TextTable(headings: [options.text("check.heading.status"), options.text("check.heading.items")])
        let rows: [(Status, Int)] = [(.valid, c.valid), (.warning, c.warning), (.broken, c.broken)]
        for (status, count) in rows { table.append([options.status(status), String(count)]) }
        text += table.rendered(
            width: options.width,
            decorate: !options.colours
                ? nil
                : { row, column, cell in
                    row >= 0 && column == 0 ? options.coloured(cell, rows[row].0) : cell
                })
        return text + "\n" + TextTable.wrap(summaryLine(options), width: options.width, indent: 2) + "\n"
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
        guard includesItems else { return emit(json().rendered(pretty: pretty)) }
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
        var members: [JSONOutputValue.Member] = [
            .init("metrotrace", 1), .init("command", "check"), .init("dataset", .string(analysis.network.name)),
            .init("at", .string(at.description)), .init("policy", .string(policyName)), .init("summary", summary),
        ]
        if !filter.isEmpty {
            members.append(.init("filter", filter.json))
            members.append(.init("networkItems", .integer(analysis.network.itemCount)))
        }
        if includesItems { members.append(.init("items", items)) }
        members.append(.init("diagnostics", .array(loadWarnings.map(CheckReport.json))))
        return members
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
