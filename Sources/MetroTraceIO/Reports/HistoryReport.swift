import MetroTrace

/// `metrotrace history`: every record of an item with its status when it came into
/// force, its events, and who used it; as text or JSON (`docs/json-output.md`).
public struct HistoryReport: Sendable {
    /// The analysis the report reads from.
    public let analysis: TraceabilityAnalysis
    /// The history shown.
    public let history: ItemHistory

    /// The history of `item`.
    public init(analysis: TraceabilityAnalysis, item: ItemIndex) {
        self.analysis = analysis
        history = analysis.history(of: item)
    }

    /// The history as text: the item, its events, a table of its records, and under it
    /// each record's findings and users.
    public func text(_ options: TextOptions = .plain) -> String {
        let net = analysis.network
        let item = history.item
        var text =
            options.bold(
                TextTable.wrap(
                    options.text(
                        "history.title", ("item", .literal(net.id(of: item))),
                        ("name", .literal(net.itemName(of: item))),
                        ("kind", .key("kind." + net.kind(of: item).rawValue)),
                        ("lab", .literal(net.lab(of: item).map { net.id(of: $0) } ?? "-"))),
                    width: options.width, indent: 2)) + "\n"
        let details: [(String, String?)] = [
            ("serial", net.serial(of: item)), ("model", net.model(of: item)),
            ("manufacturer", net.manufacturer(of: item)), ("asset-tag", net.assetTag(of: item)),
        ]
        var facts = details.compactMap { key, value in value.map { options.text("history.field." + key) + ": " + $0 } }
        if net.isCompulsory(item) { facts.append(options.text("history.compulsory")) }
        if !facts.isEmpty {
            text += TextTable.wrap(facts.joined(separator: " · "), width: options.width, indent: 2) + "\n"
        }
        text += "\n"
        if history.events.isEmpty {
            text += options.text("history.no-events") + "\n"
        } else {
            text += options.text("history.events") + "\n"
            for event in history.events {
                text += "  \(event.date)  " + options.text("event." + event.state.rawValue) + "\n"
            }
        }
        text += "\n"
        guard !history.entries.isEmpty else { return text + options.text("history.no-records") + "\n" }
        var table = TextTable(
            headings: ["record", "activity", "lab", "date", "due", "in-force-until", "status", "used-by"].map {
                options.text("history.heading." + $0)
            })
        table.cuttable = [(1, 6), (6, 8), (2, 4), (7, 4)]
        table.droppable = [5, 1]
        for entry in history.entries {
            let record = entry.record
            table.append([
                net.id(of: record), options.text("activity." + net.activity(of: record).rawValue),
                net.id(of: net.lab(of: record)), net.date(of: record).description,
                entry.due?.description ?? options.text("check.never"),
                entry.inForceUntil?.description ?? "—", options.status(entry.status), String(entry.usedBy.count),
            ])
        }
        text += table.rendered(
            width: options.width,
            decorate: !options.colours
                ? nil
                : { row, column, cell in
                    row >= 0 && column == 6 ? options.coloured(cell, history.entries[row].status) : cell
                })
        for entry in history.entries where !entry.findings.isEmpty || !entry.usedBy.isEmpty {
            text += "\n" + options.coloured(net.id(of: entry.record), entry.status) + "\n"
            for finding in entry.findings {
                let line =
                    "    \(options.text("severity." + finding.severity.rawValue)) \(finding.rule.id): \(finding.message(in: options.language))"
                text += TextTable.wrap(line, width: options.width, indent: 8) + "\n"
            }
            if !entry.usedBy.isEmpty {
                let uses = entry.usedBy.map { user in
                    "\(net.id(of: user)) (\(net.id(of: net.item(of: user))), \(net.date(of: user)))"
                }
                let line = "    " + options.text("history.used-by") + " " + uses.joined(separator: ", ")
                text += TextTable.wrap(line, width: options.width, indent: 8) + "\n"
            }
        }
        return text
    }

    /// The history as the documented JSON object.
    public func json() -> JSONOutputValue {
        let net = analysis.network
        let item = history.item
        return .object([
            .init("metrotrace", 1), .init("command", "history"), .init("dataset", .string(net.name)),
            .init("item", .string(net.id(of: item))), .init("name", .string(net.itemName(of: item))),
            .init("kind", .string(net.kind(of: item).rawValue)),
            .init("quantity", .string(net.quantity(of: item).name)),
            .init("lab", .optional(net.lab(of: item).map { net.id(of: $0) })),
            .init("serial", .optional(net.serial(of: item))), .init("model", .optional(net.model(of: item))),
            .init("manufacturer", .optional(net.manufacturer(of: item))),
            .init("assetTag", .optional(net.assetTag(of: item))), .init("compulsory", .bool(net.isCompulsory(item))),
            .init(
                "events",
                .array(
                    history.events.map {
                        .object([
                            .init("date", .string($0.date.description)), .init("state", .string($0.state.rawValue)),
                        ])
                    })),
            .init(
                "records",
                .array(
                    history.entries.map { entry in
                        let record = entry.record
                        return .object([
                            .init("record", .string(net.id(of: record))),
                            .init("activity", .string(net.activity(of: record).rawValue)),
                            .init("lab", .string(net.id(of: net.lab(of: record)))),
                            .init("date", .string(net.date(of: record).description)),
                            .init("due", .optional(entry.due?.description)),
                            .init("inForceUntil", .optional(entry.inForceUntil?.description)),
                            .init("verdict", .optional(net.verdict(of: record)?.rawValue)),
                            .init("status", .string(entry.status.rawValue)),
                            .init("findings", .array(entry.findings.map(CheckReport.json))),
                            .init(
                                "usedBy",
                                .array(
                                    entry.usedBy.map { user in
                                        .object([
                                            .init("record", .string(net.id(of: user))),
                                            .init("item", .string(net.id(of: net.item(of: user)))),
                                            .init("date", .string(net.date(of: user).description)),
                                        ])
                                    })),
                        ])
                    })),
        ])
    }
}
