import MetroTrace

/// Per-point uncertainties as JSON (`docs/json-output.md`): values in the quantity's SI
/// unit, with a readable form in the item's unit.
enum UncertaintyJSON {
    /// `{"points": [{"nominal", "unit", "u", "dof", "k", "U", "coverage", "stated", "supported", "text"}]}`,
    /// each point with its `budget` and `correlations` when `budgets` are given (one per
    /// point).
    static func object(
        _ results: [PointUncertainty], unit: Unit, budgets: (budgets: [PointBudget], network: Network)? = nil
    ) -> JSONOutputValue {
        let si = Unit.coherent(unit.dimension).symbol
        return .object([
            "points": .array(
                results.enumerated().map { position, result in
                    var members: [JSONOutputValue.Member] = [
                        .init("nominal", .number(result.nominal)),
                        .init("unit", .string(si)),
                        .init("u", .number(result.u)),
                        .init("dof", .optional(result.dof)),
                        .init("k", .number(result.k)),
                        .init("U", .number(result.expanded)),
                        .init("coverage", .number(result.coverage)),
                        .init("stated", .bool(result.isStated)),
                        .init("supported", .number(result.supported)),
                        .init("text", .string(result.text(unit: unit))),
                        .init("itemUnit", .string(unit.symbol)),
                        .init(
                            "nominalText", .string(ValueFormatting.format(result.nominal, unit: unit, scale: .absolute))
                        ),
                    ]
                    if let budgets, position < budgets.budgets.count {
                        let budget = budgets.budgets[position]
                        members.append(.init("budget", BudgetReport.json(budget, network: budgets.network, unit: unit)))
                        members.append(.init("correlations", BudgetReport.correlations(budget)))
                    }
                    return .object(members)
                })
        ])
    }
}
