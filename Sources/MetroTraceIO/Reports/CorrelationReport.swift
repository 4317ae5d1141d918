import MetroTrace

/// The result of `metrotrace correlation`: how two items' results at a date are
/// correlated through the standards they share, as text or as stable JSON
/// (`docs/json-output.md`).
public struct CorrelationReport: Sendable {
    /// The analysis the report reads from.
    public let analysis: TraceabilityAnalysis
    /// The two items.
    public let first: ItemIndex
    public let second: ItemIndex
    /// The query date.
    public let at: Day
    /// The breakdown; nil when one of the items has no result at the date.
    public let breakdown: CovarianceBreakdown?

    /// The correlation of the two items' results (at their first points) at `at`.
    public init(analysis: TraceabilityAnalysis, first: ItemIndex, second: ItemIndex, at: Day) {
        self.analysis = analysis
        self.first = first
        self.second = second
        self.at = at
        breakdown = analysis.covarianceBreakdown(Measurand(first), Measurand(second), at: at)
    }

    var network: Network { analysis.network }

    /// The product of the two results' coherent SI units (`kg²`, `kg·K`).
    var covarianceUnit: String {
        let (a, b) = (network.quantity(of: first).dimension, network.quantity(of: second).dimension)
        return Unit.coherent(a * b).symbol
    }

    /// What a shared component is, in words.
    func describe(_ origin: ComponentOrigin, _ options: TextOptions = .plain) -> String {
        switch origin {
        case .anchor(let item):
            options.text("correlation.anchor", ("item", .literal(network.id(of: item))))
        case .record(let record):
            options.text(
                "correlation.record", ("record", .literal(network.id(of: record))),
                ("item", .literal(network.id(of: network.item(of: record)))))
        case .drift(let record):
            options.text(
                "budget.drift", ("item", .literal(network.id(of: network.item(of: record)))),
                ("record", .literal(network.id(of: record))))
        case .residual(let record, let point):
            options.text(
                "correlation.residual", ("record", .literal(network.id(of: record))),
                ("point", .literal(String(point + 1))))
        }
    }

    // MARK: Text

    /// The covariance, the correlation coefficient and each shared component.
    public func text() -> String { text(.plain) }

    /// The covariance, the correlation coefficient and each shared component, in the
    /// options' language.
    public func text(_ options: TextOptions) -> String {
        let (a, b) = (network.id(of: first), network.id(of: second))
        var lines = [
            options.bold(
                options.text(
                    "correlation.title", ("first", .literal(a)), ("second", .literal(b)),
                    ("date", .literal(at.description)), ("dataset", .literal(network.name))))
        ]
        guard let breakdown else {
            lines.append(
                options.text(
                    "correlation.no-result", ("items", .list(missing.map { .literal(network.id(of: $0)) })),
                    ("count", .literal(String(missing.count)))))
            return lines.joined(separator: "\n") + "\n"
        }
        let (ua, ub) = (
            ValueFormatting.format(breakdown.uFirst, unit: network.unit(of: first), scale: .interval, digits: 3),
            ValueFormatting.format(breakdown.uSecond, unit: network.unit(of: second), scale: .interval, digits: 3)
        )
        lines.append(
            options.text(
                "correlation.u", ("first", .literal(a)), ("second", .literal(b)), ("uFirst", .literal(ua)),
                ("uSecond", .literal(ub))))
        let r =
            breakdown.correlation.map { NumberFormatting.significant($0, digits: 4) }
            ?? options.text("correlation.undefined")
        lines.append(
            options.text(
                "correlation.values",
                (
                    "covariance",
                    .literal("\(NumberFormatting.significant(breakdown.covariance, digits: 4)) \(covarianceUnit)")
                ),
                ("r", .literal(r))))
        if breakdown.shared.isEmpty {
            lines.append(options.text("correlation.none-shared"))
        } else {
            lines.append(options.text("correlation.shared"))
            var table = TextTable(
                headings: [
                    options.text("correlation.heading.component"),
                    options.text("correlation.heading.in", ("item", .literal(a))),
                    options.text("correlation.heading.in", ("item", .literal(b))),
                    options.text("correlation.heading.covariance"), options.text("correlation.heading.share"),
                ])
            for component in breakdown.shared {
                table.append([
                    describe(component.origin, options),
                    ValueFormatting.format(
                        component.inFirst, unit: network.unit(of: first), scale: .interval, digits: 3),
                    ValueFormatting.format(
                        component.inSecond, unit: network.unit(of: second), scale: .interval, digits: 3),
                    NumberFormatting.significant(component.covariance, digits: 3),
                    breakdown.covariance != 0
                        ? BudgetReport.percent(component.covariance / breakdown.covariance) : "-",
                ])
            }
            lines.append(contentsOf: table.rendered().split(separator: "\n").map { "  " + $0 })
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The items without a result at the date.
    var missing: [ItemIndex] {
        [first, second].filter { analysis.uncertainty(of: $0, at: at).isEmpty }
    }

    // MARK: JSON

    /// `{"metrotrace", "command", "dataset", "at", "first", "second", "unit", "covariance",
    /// "correlation", "shared"}`.
    public func json() -> JSONOutputValue {
        func result(_ item: ItemIndex, _ u: Double?) -> JSONOutputValue {
            .object([
                "item": .string(network.id(of: item)),
                "unit": .string(Unit.coherent(network.quantity(of: item).dimension).symbol),
                "u": .optional(u),
            ])
        }
        let shared: [JSONOutputValue] = (breakdown?.shared ?? []).map { component in
            let (origin, item, record, point): (String, ItemIndex?, RecordIndex?, Int?) =
                switch component.origin {
                case .anchor(let item): ("anchor", item, nil, nil)
                case .record(let record): ("record", network.item(of: record), record, nil)
                case .drift(let record): ("drift", network.item(of: record), record, nil)
                case .residual(let record, let point): ("residual", network.item(of: record), record, point)
                }
            return .object([
                "origin": .string(origin),
                "item": .optional(item.map { network.id(of: $0) }),
                "record": .optional(record.map { network.id(of: $0) }),
                "point": point.map { .integer($0) } ?? .null,
                "first": .number(component.inFirst),
                "second": .number(component.inSecond),
                "covariance": .number(component.covariance),
                "text": .string(describe(component.origin)),
            ])
        }
        return .object([
            "metrotrace": 1,
            "command": "correlation",
            "dataset": .string(network.name),
            "at": .string(at.description),
            "first": result(first, breakdown?.uFirst),
            "second": result(second, breakdown?.uSecond),
            "unit": .string(covarianceUnit),
            "covariance": .optional(breakdown?.covariance),
            "correlation": .optional(breakdown?.correlation),
            "shared": .array(shared),
        ])
    }
}
