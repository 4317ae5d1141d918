import MetroTrace

/// Per-point uncertainties as JSON (`docs/json-output.md`): values in the quantity's SI
/// unit, with a readable form in the item's unit.
enum UncertaintyJSON {
    /// `{"points": [{"nominal", "unit", "u", "dof", "k", "U", "coverage", "stated", "supported", "text"}]}`
    static func object(_ results: [PointUncertainty], unit: Unit) -> JSONOutputValue {
        let si = Unit.coherent(unit.dimension).symbol
        return .object([
            "points": .array(
                results.map { result in
                    .object([
                        "nominal": .number(result.nominal),
                        "unit": .string(si),
                        "u": .number(result.u),
                        "dof": .optional(result.dof),
                        "k": .number(result.k),
                        "U": .number(result.expanded),
                        "coverage": .number(result.coverage),
                        "stated": .bool(result.isStated),
                        "supported": .number(result.supported),
                        "text": .string(result.text(unit: unit)),
                    ])
                })
        ])
    }
}
