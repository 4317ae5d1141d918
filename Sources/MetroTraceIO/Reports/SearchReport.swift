import MetroTrace

/// `metrotrace search`: the items and records that match a text, as text or JSON.
public struct SearchReport: Sendable {
    /// The analysis the report reads from (for each item's status at the date).
    public let analysis: TraceabilityAnalysis
    /// What was searched for.
    public let query: String
    /// The date of the statuses shown.
    public let at: Day
    /// What was found.
    public let results: SearchResults

    /// Searches the analysed network for `query`.
    public init(analysis: TraceabilityAnalysis, query: String, at: Day) {
        self.analysis = analysis
        self.query = query
        self.at = at
        results = analysis.network.search(query)
    }

    /// Whether nothing matched (the command then exits with 1).
    public var isEmpty: Bool { results.items.isEmpty && results.records.isEmpty }

    /// The results as tables: items (with where the text was found and their status at
    /// the date), then records.
    public func text(_ options: TextOptions = .plain) -> String {
        let net = analysis.network
        var text =
            options.bold(
                options.text(
                    "search.title", ("query", .literal(query)), ("items", .literal(String(results.items.count))),
                    ("records", .literal(String(results.records.count))), ("date", .literal(at.description)))) + "\n"
        if !results.items.isEmpty {
            var table = TextTable(
                headings: ["status", "item", "name", "kind", "lab", "serial", "matched"].map {
                    options.text("search.heading." + $0)
                })
            table.cuttable = [(2, 12), (5, 8), (3, 6)]
            var statuses: [Status] = []
            for match in results.items {
                let status = analysis.validity(of: match.item, at: at).status
                statuses.append(status)
                table.append([
                    options.status(status), net.id(of: match.item), net.itemName(of: match.item),
                    options.text("kind." + net.kind(of: match.item).rawValue + ".short"),
                    net.lab(of: match.item).map { net.id(of: $0) } ?? "-", net.serial(of: match.item) ?? "-",
                    options.text("search.field." + match.field.rawValue),
                ])
            }
            text +=
                "\n"
                + table.rendered(
                    width: options.width,
                    decorate: !options.colours
                        ? nil
                        : { row, column, cell in
                            row >= 0 && column == 0 ? options.coloured(cell, statuses[row]) : cell
                        })
        }
        if !results.records.isEmpty {
            var table = TextTable(
                headings: ["record", "item", "activity", "lab", "date"].map { options.text("search.heading." + $0) })
            for record in results.records {
                table.append([
                    net.id(of: record), net.id(of: net.item(of: record)),
                    options.text("activity." + net.activity(of: record).rawValue), net.id(of: net.lab(of: record)),
                    net.date(of: record).description,
                ])
            }
            text += "\n" + table.rendered(width: options.width)
        }
        return text
    }

    /// The results as the documented JSON object.
    public func json() -> JSONOutputValue {
        let net = analysis.network
        return .object([
            .init("metrotrace", 1), .init("command", "search"), .init("dataset", .string(net.name)),
            .init("query", .string(query)), .init("at", .string(at.description)),
            .init(
                "items",
                .array(
                    results.items.map { match in
                        .object([
                            .init("item", .string(net.id(of: match.item))),
                            .init("name", .string(net.itemName(of: match.item))),
                            .init("kind", .string(net.kind(of: match.item).rawValue)),
                            .init("lab", .optional(net.lab(of: match.item).map { net.id(of: $0) })),
                            .init("serial", .optional(net.serial(of: match.item))),
                            .init("matched", .string(match.field.rawValue)),
                            .init("status", .string(analysis.validity(of: match.item, at: at).status.rawValue)),
                        ])
                    })),
            .init(
                "records",
                .array(
                    results.records.map { record in
                        .object([
                            .init("record", .string(net.id(of: record))),
                            .init("item", .string(net.id(of: net.item(of: record)))),
                            .init("activity", .string(net.activity(of: record).rawValue)),
                            .init("lab", .string(net.id(of: net.lab(of: record)))),
                            .init("date", .string(net.date(of: record).description)),
                        ])
                    })),
        ])
    }
}
