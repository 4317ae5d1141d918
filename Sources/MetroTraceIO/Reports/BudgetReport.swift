import MetroTrace

/// A point's uncertainty budget as the command line shows it: a table per point under a
/// chain's link (`chain --budget`), and the `budget` array of a point in JSON
/// (`docs/json-output.md`).
enum BudgetReport {
    // MARK: JSON

    /// One object per contribution: `name`, `origin`, `item`, `record`, `at`,
    /// `reading`, `sensitivity`, `u`, `contribution`, `share`, `dof`, `type`, `dominant`,
    /// `text`.
    static func json(_ budget: PointBudget, network: Network, unit: Unit) -> JSONOutputValue {
        .array(
            budget.contributions.map { contribution in
                .object([
                    "name": .string(contribution.name),
                    "origin": .string(contribution.origin.rawValue),
                    "item": .optional(contribution.item.map { network.id(of: $0) }),
                    "record": .optional(contribution.record.map { network.id(of: $0) }),
                    "at": .optional(contribution.usedAt),
                    "reading": reading(contribution.reading),
                    "sensitivity": .number(contribution.sensitivity),
                    "u": .number(contribution.u),
                    "contribution": .number(contribution.contribution),
                    "share": .number(contribution.share),
                    "dof": .optional(contribution.dof),
                    "type": .optional(contribution.type?.rawValue),
                    "dominant": .bool(contribution.isDominant),
                    "text": .string(
                        ValueFormatting.format(contribution.contribution, unit: unit, scale: .interval, digits: 2)),
                ])
            })
    }

    /// The correlated pairs of a budget: `first`, `second` (positions in `budget`) and `r`.
    static func correlations(_ budget: PointBudget) -> JSONOutputValue {
        .array(
            budget.correlations.map { pair in
                .object([
                    "first": .integer(pair.first), "second": .integer(pair.second), "r": .number(pair.coefficient),
                ])
            })
    }

    static func reading(_ reading: BudgetContribution.Reading?) -> JSONOutputValue {
        switch reading {
        case .interpolated(let lower, let upper):
            .object(["interpolated": .array([.number(lower), .number(upper)])])
        case .clamped(let nominal): .object(["clamped": .number(nominal)])
        case nil: .null
        }
    }

    // MARK: Text

    /// The budget of each point of `record`, as lines: a heading with u, U, k, p and
    /// ν_eff, then one row per contribution (▸ marks the dominant one), then notes on
    /// interpolated or clamped readings and correlations.
    static func lines(
        _ budgets: [PointBudget], of record: RecordIndex, network: Network, options: TextOptions = .plain
    ) -> [String] {
        let unit = network.unit(of: network.item(of: record))
        var lines: [String] = []
        for budget in budgets {
            let result = budget.result
            let nominal = ValueFormatting.format(budget.nominal, unit: unit, scale: .absolute)
            let u = ValueFormatting.format(budget.combined, unit: unit, scale: .interval, digits: 2)
            let dof = result.dof.map { NumberFormatting.significant($0, digits: 3) } ?? "∞"
            var heading = options.text(
                "budget.heading", ("nominal", .literal(nominal)), ("u", .literal(u)),
                ("expanded", .literal(result.text(unit: unit))), ("dof", .literal(dof)))
            if result.isStated { heading += options.text("budget.stated") }
            lines.append(heading)
            var table = TextTable(
                headings: [
                    "", options.text("budget.heading.input"), options.text("budget.heading.origin"), "cᵢ", "uᵢ",
                    "cᵢ·uᵢ", options.text("budget.heading.share"), "ν", options.text("budget.heading.type"),
                ])
            var notes: [String] = []
            for contribution in budget.contributions {
                let inputUnit = contribution.item.map { network.unit(of: $0) }
                table.append([
                    contribution.isDominant ? "▸" : "",
                    name(contribution, network: network, options: options),
                    options.text("budget.origin." + contribution.origin.rawValue),
                    sensitivity(contribution, unit: unit, inputUnit: inputUnit),
                    inputUnit.map {
                        ValueFormatting.format(contribution.u, unit: $0, scale: .interval, digits: 2)
                    }
                        ?? (contribution.sensitivity == 1
                            ? ValueFormatting.format(contribution.u, unit: unit, scale: .interval, digits: 2)
                            : NumberFormatting.significant(contribution.u, digits: 2)),
                    ValueFormatting.format(contribution.contribution, unit: unit, scale: .interval, digits: 2),
                    percent(contribution.share),
                    contribution.dof.map { NumberFormatting.significant($0, digits: 3) } ?? "∞",
                    contribution.type?.rawValue ?? "",
                ])
                if let note = readingNote(contribution, network: network, options: options) { notes.append(note) }
            }
            lines.append(contentsOf: table.rendered().split(separator: "\n").map { "  " + $0 })
            for pair in budget.correlations {
                let (a, b) = (budget.contributions[pair.first], budget.contributions[pair.second])
                notes.append(
                    options.text(
                        "budget.correlated", ("first", .literal(name(a, network: network, options: options))),
                        ("second", .literal(name(b, network: network, options: options))),
                        ("r", .literal(NumberFormatting.significant(pair.coefficient, digits: 3)))))
            }
            if !budget.correlations.isEmpty { notes.append(options.text("budget.shares")) }
            lines.append(contentsOf: notes.map { "  " + $0 })
        }
        return lines
    }

    /// The input as named in a row: the reference and the record it came through.
    static func name(_ contribution: BudgetContribution, network: Network, options: TextOptions = .plain) -> String {
        let record = contribution.record.map { LocalizedText.literal(network.id(of: $0)) }
        switch contribution.origin {
        case .reference:
            return record.map { options.text("budget.via", ("name", .literal(contribution.name)), ("record", $0)) }
                ?? contribution.name
        case .drift:
            let item = contribution.item.map { network.id(of: $0) } ?? contribution.name
            return record.map { options.text("budget.drift", ("item", .literal(item)), ("record", $0)) }
                ?? contribution.name
        case .residual:
            return options.text("budget.residual")
        default:
            return contribution.name
        }
    }

    /// cᵢ as a plain number when the input is of the result's dimension (a ratio of
    /// coherent SI units), otherwise in the item's unit per the input's (`2 s/kg`), or in
    /// coherent SI units for a budget line.
    static func sensitivity(_ contribution: BudgetContribution, unit: Unit, inputUnit: Unit?) -> String {
        guard let inputUnit, inputUnit.dimension != unit.dimension else {
            return number(contribution.sensitivity)
        }
        return number(contribution.sensitivity * inputUnit.factor / unit.factor) + " \(unit.symbol)/\(inputUnit.symbol)"
    }

    /// Four significant digits without trailing zeros: `1`, `0.5`, `-575`.
    static func number(_ value: Double) -> String {
        var text = NumberFormatting.significant(value, digits: 4)
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A share of the variance: one decimal from 10 %, two significant digits below.
    static func percent(_ share: Double) -> String {
        let value = share * 100
        if abs(value) >= 10 || value == 0 { return NumberFormatting.fixed(value, decimals: 1) + " %" }
        return NumberFormatting.significant(value, digits: 2) + " %"
    }

    /// "at 4 V, interpolated between the 1 V and 10 V points of R" or "clamped".
    static func readingNote(_ contribution: BudgetContribution, network: Network, options: TextOptions) -> String? {
        guard let reading = contribution.reading, let item = contribution.item, let at = contribution.usedAt else {
            return nil
        }
        let unit = network.unit(of: item)
        func value(_ x: Double) -> LocalizedText { .literal(ValueFormatting.format(x, unit: unit, scale: .absolute)) }
        let source: LocalizedText =
            contribution.record.map { .literal(network.id(of: $0)) }
            ?? .key("budget.realisation", ("item", .literal(network.id(of: item))))
        let name: LocalizedText = .literal(contribution.name)
        switch reading {
        case .interpolated(let lower, let upper):
            return options.text(
                "budget.interpolated", ("name", name), ("at", value(at)), ("lower", value(lower)),
                ("upper", value(upper)), ("source", source))
        case .clamped(let nominal):
            return options.text(
                "budget.clamped", ("name", name), ("at", value(at)), ("source", source), ("nominal", value(nominal)))
        }
    }
}
