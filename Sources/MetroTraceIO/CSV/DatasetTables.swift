import MetroTrace

/// The spreadsheet form of a dataset: one CSV table per entity, children keyed by their
/// parent's id, rows in the order of the dataset. See `docs/spreadsheets.md`.
public enum DatasetTables {
    /// A table: its file name, its columns in order, and those that must have a value.
    public struct Table: Sendable {
        /// The file name in the folder.
        public var file: String
        /// The columns in the order written.
        public var columns: [String]
        /// The columns that must have a value in every row.
        public var required: Set<String>
    }

    // The tables, one per entity; child tables name their parent in their first column.
    public static let dataset = Table(file: "dataset.csv", columns: ["name"], required: [])
    public static let quantities = Table(
        file: "quantities.csv", columns: ["name", "unit"], required: ["name", "unit"])
    public static let labs = Table(
        file: "labs.csv", columns: ["id", "name", "kind", "industry"], required: ["id", "name", "kind"])
    public static let accreditations = Table(
        file: "accreditations.csv", columns: ["lab", "scheme", "id", "from", "to"], required: ["lab", "scheme"])
    public static let capabilities = Table(
        file: "capabilities.csv",
        columns: [
            "lab", "quantity", "activity", "lower", "upper", "cmc_absolute", "cmc_relative", "cmc_k", "cmc_combine",
            "from", "to",
        ],
        required: ["lab", "quantity", "activity", "lower", "upper"])
    public static let items = Table(
        file: "items.csv",
        columns: [
            "id", "name", "kind", "quantity", "unit", "lab", "lower", "upper", "class", "serial",
            "tolerance_absolute", "tolerance_relative", "drift_per_year",
        ],
        required: ["id", "name", "kind", "quantity", "unit"])
    public static let recognitions = Table(
        file: "recognitions.csv", columns: ["item", "scheme", "from", "to"], required: ["item", "scheme"])
    public static let realisedUncertainty = Table(
        file: "realised-uncertainty.csv", columns: ["item", "nominal", "U", "k", "coverage", "dof"],
        required: ["item", "nominal", "U"])
    public static let events = Table(
        file: "events.csv", columns: ["item", "date", "state"], required: ["item", "date", "state"])
    public static let calibrations = Table(
        file: "calibrations.csv",
        columns: ["id", "activity", "item", "lab", "date", "due", "procedure", "verdict", "source"],
        required: ["id", "activity", "item", "lab", "date"])
    public static let references = Table(
        file: "references.csv", columns: ["record", "item", "at", "sensitivity"], required: ["record", "item", "at"])
    public static let points = Table(
        file: "points.csv", columns: ["record", "nominal", "value", "U", "k", "coverage", "dof"],
        required: ["record", "nominal"])
    public static let budget = Table(
        file: "budget.csv",
        columns: ["record", "name", "u", "half_width", "distribution", "dof", "type", "sensitivity"],
        required: ["record", "name"])

    /// Every table, parents before children.
    public static let all: [Table] = [
        dataset, quantities, labs, accreditations, capabilities, items, recognitions, realisedUncertainty,
        events, calibrations, references, points, budget,
    ]

    /// The tables of `dataset`, each as CSV text (UTF-8 with a byte-order mark, CRLF),
    /// keyed by file name. Every table is written, empty ones with their header only.
    public static func write(_ dataset: Dataset) -> [String: String] {
        var rows: [String: [[String]]] = [:]
        func add(_ table: Table, _ values: [String: String?]) {
            rows[table.file, default: []].append(table.columns.map { values[$0].flatMap { $0 } ?? "" })
        }
        if !dataset.name.isEmpty { add(Self.dataset, ["name": dataset.name]) }
        for kind in dataset.quantities { add(quantities, ["name": kind.name, "unit": kind.unit]) }
        for lab in dataset.labs {
            add(labs, ["id": lab.id, "name": lab.name, "kind": lab.kind.rawValue, "industry": lab.industry])
            for accreditation in lab.accreditations {
                add(
                    accreditations,
                    [
                        "lab": lab.id, "scheme": accreditation.scheme, "id": accreditation.id,
                        "from": accreditation.window.from?.description, "to": accreditation.window.to?.description,
                    ])
            }
            for capability in lab.capabilities {
                add(
                    capabilities,
                    [
                        "lab": lab.id, "quantity": capability.quantity, "activity": capability.activity.rawValue,
                        "lower": capability.range.lower.description, "upper": capability.range.upper.description,
                        "cmc_absolute": capability.cmc?.absolute?.description,
                        "cmc_relative": capability.cmc.map { NumberFormatting.shortest($0.relative) },
                        "cmc_k": capability.cmc.map { NumberFormatting.shortest($0.k) },
                        "cmc_combine": capability.cmc?.combine.rawValue,
                        "from": capability.window.from?.description, "to": capability.window.to?.description,
                    ])
            }
        }
        for item in dataset.items {
            add(
                items,
                [
                    "id": item.id, "name": item.name, "kind": item.kind.rawValue, "quantity": item.quantity,
                    "unit": item.unit.symbol, "lab": item.lab, "lower": item.range?.lower.description,
                    "upper": item.range?.upper.description, "class": item.accuracyClass, "serial": item.serial,
                    "tolerance_absolute": item.tolerance?.absolute?.description,
                    "tolerance_relative": item.tolerance?.relative.map(NumberFormatting.shortest),
                    "drift_per_year": item.driftPerYear?.description,
                ])
            for recognition in item.recognized {
                add(
                    recognitions,
                    [
                        "item": item.id, "scheme": recognition.scheme,
                        "from": recognition.window.from?.description, "to": recognition.window.to?.description,
                    ])
            }
            for entry in item.uncertainty {
                add(
                    realisedUncertainty,
                    ["item": item.id, "nominal": entry.nominal.description]
                        .merging(uncertaintyColumns(entry.expanded)) { $1 })
            }
            for event in item.events {
                add(events, ["item": item.id, "date": event.date.description, "state": event.state.rawValue])
            }
        }
        for record in dataset.calibrations {
            add(
                calibrations,
                [
                    "id": record.id, "activity": record.activity.rawValue, "item": record.item, "lab": record.lab,
                    "date": record.date.description, "due": record.due?.description, "procedure": record.procedure,
                    "verdict": record.verdict?.rawValue, "source": record.source,
                ])
            for reference in record.references {
                let at: String
                switch reference.at {
                case .eachPoint: at = "nominal"
                case .value(let value): at = value.description
                }
                add(
                    references,
                    [
                        "record": record.id, "item": reference.item, "at": at,
                        "sensitivity": reference.sensitivity.description,
                    ])
            }
            for point in record.points {
                var values: [String: String?] = [
                    "record": record.id, "nominal": point.nominal.description,
                    "value": point.value?.description,
                ]
                if let expanded = point.expanded { values.merge(uncertaintyColumns(expanded)) { $1 } }
                add(points, values)
            }
            for component in record.budget {
                var values: [String: String?] = [
                    "record": record.id, "name": component.name, "dof": component.dof.map(NumberFormatting.shortest),
                    "type": component.type?.rawValue, "sensitivity": component.sensitivity.description,
                ]
                switch component.uncertainty {
                case .standard(let u): values["u"] = u.description
                case .halfWidth(let a, let distribution):
                    values["half_width"] = a.description
                    values["distribution"] = distribution.rawValue
                }
                add(budget, values)
            }
        }
        var files: [String: String] = [:]
        for table in all {
            files[table.file] = CSVTable.write(header: table.columns, rows: rows[table.file] ?? [])
        }
        return files
    }

    static func uncertaintyColumns(_ expanded: ExpandedUncertainty) -> [String: String?] {
        [
            "U": expanded.value.description, "k": expanded.k.map(NumberFormatting.shortest),
            "coverage": expanded.coverage.map(NumberFormatting.shortest),
            "dof": expanded.dof.map(NumberFormatting.shortest),
        ]
    }
}
