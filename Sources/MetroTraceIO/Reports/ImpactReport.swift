import MetroTrace

/// The result of `metrotrace impact`: what a standard found out of tolerance puts in
/// doubt, as a table or as stable JSON (`docs/json-output.md`).
public struct ImpactReport: Sendable {
    /// The analysis the impact was found in.
    public let analysis: TraceabilityAnalysis
    /// What the standard's finding puts in doubt.
    public let impact: Impact
    /// The deviation found, and what it does to the affected items, when given.
    public let deviation: QuantityValue?
    public let effects: [DeviationEffect]

    /// A report of `impact`; with a `deviation`, also what it does to the affected items.
    public init(analysis: TraceabilityAnalysis, impact: Impact, deviation: QuantityValue? = nil) {
        self.analysis = analysis
        self.impact = impact
        self.deviation = deviation
        self.effects = deviation.map { analysis.deviationEffects(of: impact, deviation: $0) } ?? []
    }

    var network: Network { analysis.network }

    /// Items whose record in force is still affected.
    public var stillAffected: Int { impact.items.filter(\.stillAffected).count }

    /// The heading in the options' language.
    func heading(_ options: TextOptions) -> String {
        let good =
            impact.lastGood.map { options.text("diagram.impact.last-good", ("date", .literal($0.description))) }
            ?? options.text("diagram.impact.no-good")
        return options.text(
            "impact.title", ("standard", .literal(network.id(of: impact.standard))),
            ("date", .literal(impact.foundOn.description)), ("good", .literal(good)),
            ("at", .literal(impact.at.description)))
    }

    /// The summary line in the options' language.
    func summary(_ options: TextOptions) -> String {
        options.text(
            "impact.summary", ("count", .literal(String(impact.items.count))),
            ("still", .literal(String(stillAffected))), ("records", .literal(String(impact.records.count))))
    }

    /// A table of the affected items by depth, then what the deviation does; in English.
    public func text() -> String { text(.plain) }

    /// A table of the affected items by depth, then what the deviation does, in the
    /// options' language and width.
    public func text(_ options: TextOptions) -> String {
        var table = TextTable(
            headings: ["depth", "item", "lab", "records", "dates", "still"].map { options.text("impact.heading." + $0) }
        )
        table.cuttable = [(3, 16), (4, 12)]
        for item in impact.items {
            table.append([
                String(item.depth), network.id(of: item.item),
                network.lab(of: item.item).map { network.id(of: $0) } ?? "-",
                item.records.map { network.id(of: $0) }.joined(separator: ", "),
                item.records.map { network.date(of: $0).description }.joined(separator: ", "),
                options.text(item.stillAffected ? "report.suspect.yes" : "impact.no"),
            ])
        }
        var text =
            options.bold(TextTable.wrap(heading(options), width: options.width, indent: 2)) + "\n\n"
            + (impact.items.isEmpty ? options.text("impact.nothing") + "\n" : table.rendered(width: options.width))
        if let deviation {
            text += "\n" + options.text("impact.deviation", ("deviation", .literal(deviation.description))) + "\n"
            let flagged = effects.filter { $0.exceedsTolerance || $0.ratioTooLow }
            if flagged.isEmpty { text += options.text("impact.deviation.none") + "\n" }
            for effect in flagged {
                let unit = network.unit(of: effect.item)
                func shown(_ value: Double, _ scale: ValueScale) -> LocalizedText {
                    .literal(ValueFormatting.format(value, unit: unit, scale: scale, digits: 3))
                }
                var parts: [String] = []
                if effect.exceedsTolerance {
                    parts.append(
                        options.text(
                            "impact.deviation.exceeds", ("error", shown(effect.possibleError, .interval)),
                            ("tolerance", shown(effect.tolerance, .interval))))
                }
                if effect.ratioTooLow, let ratio = effect.testUncertaintyRatio {
                    parts.append(
                        options.text(
                            "impact.deviation.ratio",
                            ("ratio", .literal(NumberFormatting.significant(ratio, digits: 2))),
                            ("limit", .literal(NumberFormatting.shortest(effect.minimumRatio)))))
                }
                let line =
                    "  \(network.id(of: effect.item)) [\(network.id(of: effect.record))] "
                    + options.text("impact.deviation.at", ("value", shown(effect.nominal, .absolute))) + ": "
                    + parts.joined(separator: "; ")
                text += TextTable.wrap(line, width: options.width, indent: 6) + "\n"
            }
        }
        return text + "\n" + summary(options) + "\n"
    }

    /// The impact as JSON: the standard, the dates, every affected item with its records,
    /// and the deviation's effects.
    public func json() -> JSONOutputValue {
        var members: [JSONOutputValue.Member] = [
            .init("standard", .string(network.id(of: impact.standard))),
            .init("foundOutOfTolerance", .string(impact.foundOn.description)),
            .init("lastGood", .optional(impact.lastGood?.description)),
            .init("at", .string(impact.at.description)),
            .init(
                "summary",
                .object([
                    "items": .integer(impact.items.count), "stillAffected": .integer(stillAffected),
                    "records": .integer(impact.records.count),
                ])),
        ]
        let byRecord = Dictionary(impact.records.map { ($0.record, $0) }, uniquingKeysWith: { first, _ in first })
        members.append(
            .init(
                "items",
                .array(
                    impact.items.map { item in
                        .object([
                            "item": .string(network.id(of: item.item)), "depth": .integer(item.depth),
                            "lab": .optional(network.lab(of: item.item).map { network.id(of: $0) }),
                            "stillAffected": .bool(item.stillAffected),
                            "records": .array(
                                item.records.map { record in
                                    .object([
                                        "record": .string(network.id(of: record)),
                                        "date": .string(network.date(of: record).description),
                                        "lab": .string(network.id(of: network.lab(of: record))),
                                        "depth": .integer(byRecord[record]?.depth ?? item.depth),
                                        "via": .optional(byRecord[record]?.via.map { network.id(of: $0) }),
                                    ])
                                }),
                        ])
                    })))
        if let deviation {
            members.append(.init("deviation", .string(deviation.description)))
            members.append(
                .init(
                    "effects",
                    .array(
                        effects.map { effect in
                            .object([
                                "item": .string(network.id(of: effect.item)),
                                "record": .string(network.id(of: effect.record)),
                                "nominal": .number(effect.nominal), "recordedError": .number(effect.recordedError),
                                "possibleError": .number(effect.possibleError), "tolerance": .number(effect.tolerance),
                                "exceedsTolerance": .bool(effect.exceedsTolerance),
                                "testUncertaintyRatio": .optional(effect.testUncertaintyRatio),
                                "ratioTooLow": .bool(effect.ratioTooLow),
                            ])
                        })))
        }
        return .object(members)
    }
}
